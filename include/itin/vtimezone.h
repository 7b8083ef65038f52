/*
 * vtimezone.h: the VTIMEZONE of an iCalendar export, built from the system
 * tz database (tz.h), never from libical's own zone data.
 *
 * vtimezone_build() describes one zone over the years an export needs,
 * and nothing more (no local-mean-time history): every transition tz.c
 * knows in those years, grouped into STANDARD and DAYLIGHT observances.
 * Where a run of years follows one yearly rule (the same month, weekday,
 * week and clock time) the observance gets an RRULE bounded by UNTIL;
 * a year that breaks the run (America/Sao_Paulo's Carnival years, a zone
 * that changed its rules) gets its onsets as RDATEs. The first onset is
 * the last transition of the year before the range, so every instant of
 * the range is after some onset; a zone with no transition that recent
 * starts with a fixed onset at 1 January of the first year.
 *
 * The description is plain data; icalio.c turns it into libical
 * components. vtimezone_expand() lists the onsets the description implies,
 * so tests can compare them with tz.c transition by transition.
 *
 * Ownership: vtimezone_release() frees what vtimezone_build() allocated.
 */
#ifndef ITIN_VTIMEZONE_H
#define ITIN_VTIMEZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/tz.h"

/* A yearly rule: FREQ=YEARLY;BYMONTH=month;BYDAY=...;UNTIL=until. */
struct vtz_rule {
	int month; /* 1..12 */
	int wday;  /* 0 = Sunday .. 6 = Saturday */
	/*
	 * Which one of that weekday in the month: 1..4 (BYDAY=2SU), -1 for
	 * the last (BYDAY=-1SU), or 0 for the one on or after mday_from
	 * (BYMONTHDAY=mday_from..mday_from+6;BYDAY=SU).
	 */
	int nth;
	int mday_from;
	int64_t until; /* UTC instant of the last onset */
};

/* One STANDARD or DAYLIGHT component. */
struct vtz_obs {
	bool dst;
	int32_t off_from, off_to; /* TZOFFSETFROM, TZOFFSETTO */
	char name[16];		  /* TZNAME */
	int64_t start;		  /* DTSTART: local seconds, in off_from */
	bool has_rule;
	struct vtz_rule rule;
	int64_t *rdates; /* RDATE: local seconds, in off_from */
	size_t nrdates;
};

struct vtimezone {
	char *tzid; /* the zone's IANA name */
	int first_year, last_year;
	struct vtz_obs *obs;
	size_t nobs;
};

/*
 * Describe tz for the local years first_year..last_year (inclusive).
 * Cannot fail; out is overwritten.
 */
void vtimezone_build(const struct tz *tz, int first_year, int last_year,
		     struct vtimezone *out);
void vtimezone_release(struct vtimezone *vtz);

/* An onset the description implies: the instant and the offsets. */
struct vtz_onset {
	int64_t at; /* UTC */
	int32_t off_from, off_to;
	bool dst;
	const char *name;
};

/*
 * Every onset of vtz (DTSTART, RRULE occurrences up to UNTIL, RDATEs),
 * sorted by instant, in a new array (*n gets the count). For tests and for
 * checking a description against the database.
 */
struct vtz_onset *vtimezone_expand(const struct vtimezone *vtz, size_t *n);

#endif
