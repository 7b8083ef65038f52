/*
 * storeblock.h: one block of a store (an event's header line and its key
 * lines) as the store scan reads it (storescan.h, whose storescan.c says
 * what a block must be for the scan to vouch for it). Private to the
 * scan: storescan.c and storeblock.c.
 */
#ifndef ITIN_STOREBLOCK_H
#define ITIN_STOREBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/event.h"
#include "itin/tz.h"

#define ZONES_MAX 64

/* The zones of tz: lines and the countries of places, each looked up
 * once: a store uses a few. */
struct memo {
	struct {
		char name[64];
		size_t len;
		const struct tz *tz; /* NULL: not a zone */
	} zone[ZONES_MAX];
	size_t nzones;
	signed char country[26][26];	 /* 0 not asked yet, 1 known, -1 not */
	const char *type[EV_TYPE_COUNT]; /* event_type_name()s */
	size_t type_len[EV_TYPE_COUNT];
};

/* What the scan learnt of a block it vouches for. */
struct block {
	int64_t start, end; /* local seconds */
	bool timed, has_end, floating;
	const struct tz *tz;
	const char *id;
	size_t idlen;
	bool seen[8];
};

void storeblock_memo_init(struct memo *m);

/*
 * The block whose header line starts at start: its end (the next header
 * line, or e) into *be, its lines into *lines, and whether the scan
 * vouches for it (then b says what it learnt).
 */
bool storeblock_scan(struct memo *m, const char *start, const char *e,
		     const char **be, long *lines, struct block *b);

/* The end of the line at p (its '\n' or e), and in *ce before its CR. */
const char *storeblock_line_end(const char *p, const char *e, const char **ce);
/* Does the line [p, ce) (CR cut) begin an event, as the reader decides? */
bool storeblock_is_header(const char *p, const char *ce);
/* Is the line [p, ce) blank or a comment? */
bool storeblock_is_nothing(const char *p, const char *ce);

#endif
