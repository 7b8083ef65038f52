/*
 * icszone.h: the time zones of an iCalendar file, and its times placed in
 * them. A TZID is resolved once per file (struct zres): a tz database
 * name (also behind a prefix such as "/freeassociation.sourceforge.net/"),
 * a Windows name or Outlook display name (winzones.h), else the file's
 * own VTIMEZONE (icslib.h), else unknown (the time is floating). Every
 * offset of a known zone comes from tz.c; the file's VTIMEZONE is used
 * only to check it, or when nothing else names the zone.
 *
 * Ownership: the reader owns its zres array (icsread.h); a zres's tzid
 * and embedded zone are freed with the reader.
 */
#ifndef ITIN_ICSZONE_H
#define ITIN_ICSZONE_H

#include <stdbool.h>
#include <stdint.h>
#include "itin/event.h"
#include "itin/icslex.h"
#include "itin/tz.h"

struct ics_reader;
struct ics_vzone;

/* A file's TZID, resolved once. */
enum zhow { Z_IANA, Z_WINDOWS, Z_EMBEDDED, Z_UNKNOWN };
struct zres {
	char *tzid;
	enum zhow how;
	const struct tz *tz;	    /* Z_IANA, Z_WINDOWS */
	const char *windows;	    /* Z_WINDOWS: the Windows zone, when
				       the TZID names one (CLDR then has
				       a zone per territory) */
	struct ics_vzone *embedded; /* the file's VTIMEZONE, or NULL */
	bool warned;
};

/* The zone of the tz database called name, or NULL (no message). */
const struct tz *ics_quiet_tz(const char *name);

/* The resolution of tzid, made at its first use in the file. The result
 * points into r->zones, which a later call may move. */
struct zres *ics_resolve_tzid(struct ics_reader *r, const char *tzid);

/*
 * A DATE-TIME of the file as the event keeps it: its zone (NULL for
 * floating) and the local time there. near: the event, for UTC times and
 * unknown zones; line for warnings.
 */
int ics_event_time(struct ics_reader *r, const struct itime *t,
		   const char *tzid, const struct event *near, long line,
		   const struct tz **tz_out, int64_t *local_out);

/* The instant of a zone's local time (floating: the local time itself). */
int64_t ics_instant_of(const struct tz *tz, int64_t local);

#endif
