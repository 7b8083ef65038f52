/*
 * icslib.h: what the reader asks libical besides recurrence rules (those
 * are walked in icsrrule.c): a file's own VTIMEZONE, evaluated when its
 * TZID is not a zone of the tz database, and DURATION values. The callers
 * see itin's types (local seconds, days and seconds), never libical's.
 *
 * Only icslib.c and icsrrule.c call libical (Debian's libical 3.0; 4.x
 * changed the API), through src/core/icaldl.h: the library is opened by
 * ics_lib_load(), which the reader (icalio_read()) calls before anything
 * here, not linked into the binary. libical's errors are not fatal: a
 * malloc that fails in it is our out of memory (xalloc.h).
 *
 * Ownership: ics_vzone_parse()'s result is the caller's, freed with
 * ics_vzone_free().
 */
#ifndef ITIN_ICSLIB_H
#define ITIN_ICSLIB_H

#include <stdbool.h>
#include <stdint.h>

#include "itin/err.h"

/*
 * libical 3.0 expands a VTIMEZONE's changes only up to this year (and,
 * asked about a later one, the whole zone again on every call):
 * ics_vzone_offset() asks about a later time in a month up to it laid out
 * the same way.
 */
#define EMBEDDED_LAST_YEAR 2035

/*
 * Open libical (icaldl.c) unless done: 0, or -1 with err filled (status
 * ITIN_EX_UNAVAILABLE, dynlib.h) when the system has no libical or not
 * the one itin was built with. Once per process; every function below
 * needs it done.
 */
int ics_lib_load(struct itin_err *err);

/* A VTIMEZONE of the file, as libical evaluates it. */
struct ics_vzone;

/* The VTIMEZONE in text (its content lines, CRLF-ended); NULL when
 * libical does not read one there. */
struct ics_vzone *ics_vzone_parse(const char *text);
/* The UTC offset zone z gives local time lsec. */
int32_t ics_vzone_offset(struct ics_vzone *z, int64_t lsec);
void ics_vzone_free(struct ics_vzone *z);

/* A DURATION (RFC 5545 3.3.6) as nominal days and exact seconds. */
struct ics_duration {
	bool neg;
	int64_t days, secs;
};

/* False when s is not a DURATION. */
bool ics_duration_parse(const char *s, struct ics_duration *d);

/* Out of memory when libical's last call ran out of it (xalloc_die()). */
void ics_check_memory(void);

/* libical's value of local time lsec (for icsrrule.c, which calls
 * libical itself). */
struct icaltimetype;
struct icaltimetype ics_ical_local(int64_t lsec, bool is_date);

#endif
