/*
 * icsrrule.h: an RRULE walked with libical's iterator (icsrrule.c holds
 * every call to it), within the budgets of issue 12: occurrences per
 * series and per file, and candidate times (the dates and times a rule
 * tries, matching or not) per rule and per file (icalio.h).
 */
#ifndef ITIN_ICSRRULE_H
#define ITIN_ICSRRULE_H

#include <stdbool.h>
#include <stdint.h>
#include "itin/event.h"
#include "itin/icslex.h"
#include "itin/icsseries.h"

struct ics_reader;

/*
 * Add the occurrences of RRULE p of series m (zone mtz, frame f) to out;
 * windowed: only those that overlap the import window (span: the length
 * of an occurrence). A rule that cannot be expanded, or only in part, is
 * said with a warning (out->partial, out->empty_rule); -1 when the file's
 * budget is spent (r->over_budget).
 */
int ics_expand_rrule(struct ics_reader *r, const struct cprop *p,
		     const struct event *m, const struct tz *mtz,
		     const struct frame *f, bool windowed, int64_t span,
		     struct series *out);

/* Whether the series of properties vp has no end: an RRULE with neither
 * COUNT nor UNTIL. Only such a series is cut to the import window. */
bool ics_series_unbounded(const struct vprops *vp, const struct event *m,
			  const struct frame *f);

/*
 * An upper bound on the changes of time a VTIMEZONE observance's RRULE
 * makes from the year start (to its UNTIL, COUNT or the last year libical
 * expands zones to) into *made: 0 for a rule libical ignores. -1 for a
 * rule more often than yearly, which no time zone has.
 */
int ics_zone_rule_dates(const char *rule, int start, int64_t *made);

#endif
