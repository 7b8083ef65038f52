/*
 * datetime.h: civil dates and wall-clock times, with no time zones.
 *
 * A wall-clock time is kept as "local seconds": seconds since 1970-01-01
 * 00:00:00 on the proleptic Gregorian calendar, as read on some clock, with
 * no zone attached (tz.h turns it into an instant). Whole days are
 * local seconds / 86400, floored. This makes date arithmetic plain integer
 * arithmetic, with no struct tm and no global TZ.
 *
 * The WHEN forms of the contract:
 *   WHEN := DATE | DATE 'T' HH:MM[:SS] | DATE ' ' HH:MM[:SS]
 *   DATE := YYYY-MM-DD            (years 0001..9999)
 *
 * This module reads them strictly, and the relative dates of the command
 * line; the looser forms files write (05/07/2023, 2:00 PM) are read by
 * datetext.h, beside it. iCalendar's own forms stay in its reader.
 */
#ifndef ITIN_DATETIME_H
#define ITIN_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"

#define ITIN_DAY 86400
/* The days of 0001-01-01 and 9999-12-31, the calendar itin holds. */
#define ITIN_FIRST_DAY (-719162)
#define ITIN_LAST_DAY  2932896

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
int64_t days_from_civil(int year, int month, int day);
void civil_from_days(int64_t days, int *year, int *month, int *day);
/* 0 = Sunday .. 6 = Saturday. */
int weekday_from_days(int64_t days);
bool date_is_valid(int year, int month, int day);
int days_in_month(int year, int month);
/* The same month and day years later (earlier when negative): import's and
 * sync's window of a year either side; 29 February becomes the 28th in a
 * year without it. */
int64_t days_add_years(int64_t day, int years);

/* Floor division helpers for local seconds. */
int64_t lsec_day(int64_t lsec);	    /* days since epoch */
int lsec_time_of_day(int64_t lsec); /* 0..86399 */

/* A parsed WHEN. */
struct when {
	int64_t lsec;  /* local seconds; midnight for a date */
	bool has_time; /* false: a DATE alone (all-day) */
};

/*
 * Parse a WHEN occupying exactly s[0..len). On error returns -1 with status
 * 65 and a message naming the problem ("invalid date '2023-02-30': February
 * 2023 has 28 days", "invalid time '25:00'"); err->col is the 1-based column
 * of the problem within s, so callers add their own offset. file/line are
 * left for the caller.
 */
int when_parse(const char *s, size_t len, struct when *out,
	       struct itin_err *err);

/* Parse "HH:MM[:SS]" exactly; *secs gets seconds of day. Same error rules. */
int clock_parse(const char *s, size_t len, int *secs, struct itin_err *err);

/* Parse a DATE exactly; *days gets days since epoch. */
int date_parse(const char *s, size_t len, int64_t *days, struct itin_err *err);

/*
 * Dates as people say them on a command line, relative to today (days
 * since epoch, on the user's clock; the caller knows it). Files keep
 * absolute dates only: the readers of files never call these.
 *
 *   today, tomorrow, yesterday
 *   +3d -3d, +1w -1w, +2m -2m, +1y -1y    days, weeks, months, years from
 *       today; a month or year that lacks the day takes its last day
 *       (2023-01-31 +1m is 2023-02-28)
 *   monday .. sunday, mon .. sun          the next such day, today if it
 *       is one
 *   next monday                           the first one after today
 *   last monday                           the last one before today
 *   YYYY-MM-DD                            as date_parse()
 *
 * Case-insensitive. Errors as date_parse(), naming the forms.
 */
int date_parse_rel(const char *s, size_t len, int64_t today, int64_t *days,
		   struct itin_err *err);
/* A weekday's English name or its three letters, any case: 0 for
 * Sunday .. 6, or -1. */
int weekday_parse(const char *s, size_t len);
/* A WHEN whose date may be relative: "tomorrow 10:00", "+3d 09:30",
 * "next monday", or any when_parse() WHEN. */
int when_parse_rel(const char *s, size_t len, int64_t today, struct when *out,
		   struct itin_err *err);

/*
 * Formatting. Buffers of ITIN_WHEN_MAX bytes always suffice.
 * date:  "2023-01-29"
 * clock: "10:00", or "10:00:30" when seconds are not zero
 * when:  "2023-01-29" or "2023-01-29T10:00" (sep is 'T' or ' ')
 */
#define ITIN_WHEN_MAX 32
void date_format(int64_t days, char *buf);
void clock_format(int secs, char *buf);
void when_format(int64_t lsec, bool has_time, char sep, char *buf);

/* English names, for people: "Sun", "Sunday", "Jan", "January". */
const char *weekday_abbr(int wday);
const char *weekday_name(int wday);
const char *month_abbr(int month); /* 1..12 */
const char *month_name(int month);

#endif
