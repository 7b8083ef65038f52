/*
 * filter.h: the FILTERS of list, export, timeline and view.
 *
 *   --from DATE --to DATE  events overlapping [from, to], both days included,
 *                          compared on the event's own local days
 *   --type T               one or more types (repeatable)
 *   --city C               city, case- and accent-insensitive equality
 *   --country CC           ISO code, case-insensitive
 *   --with NAME            substring of a participant name, case-insensitive
 *   --grep TEXT            substring of title, venue or notes, case-insensitive
 *
 * A filter owns its strings; filter_release() frees them.
 */
#ifndef ITIN_FILTER_H
#define ITIN_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include "itin/event.h"

struct filter {
	bool has_from, has_to;
	int64_t from_day, to_day;	/* days since epoch */
	unsigned type_mask;		/* bit per enum event_type; 0 = any */
	char *city;
	char country[3];
	char *with;
	char *grep;
};

#define FILTER_INIT { false, false, 0, 0, 0, NULL, "", NULL, NULL }

void filter_release(struct filter *f);
bool filter_match(const struct filter *f, const struct event *ev);
bool filter_is_empty(const struct filter *f);

/* Case-insensitive (ASCII and common Latin accents folded) substring test. */
bool text_contains_folded(const char *haystack, const char *needle);
/* Equality under the same folding. */
bool text_equal_folded(const char *a, const char *b);

#endif
