/*
 * tz.h: every time-zone computation itin makes, answered from the system tz
 * database (TZif files, RFC 8536, under $TZDIR or /usr/share/zoneinfo).
 *
 * Zones are loaded once and cached for the life of the process; the
 * returned struct tz pointers are borrowed and stay valid until
 * tz_cache_free(). The cache, and each zone's memory of its last answer,
 * are not locked: use this module from one thread at a time (a CSV import
 * keeps it on the caller's thread; csvpipe.c). No global TZ switching, no
 * localtime(): the TZif transitions and the POSIX TZ footer rule (for instants
 * past the table) are evaluated here, so the answers agree with glibc and
 * Python's zoneinfo at every instant. libical is never used for offsets.
 *
 * Instants are seconds since the Unix epoch (UTC, no leap seconds).
 * Local seconds are wall-clock seconds as in datetime.h.
 */
#ifndef ITIN_TZ_H
#define ITIN_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"

struct tz;

/*
 * The zone called name ("Asia/Seoul", "UTC"). Unknown or unsafe names
 * (absolute paths, "..", not a TZif file) give NULL with status 65 and the
 * message "unknown time zone 'Europe/Pari' (did you mean 'Europe/Paris'?)".
 * Names are case-sensitive as in the database, but a name that differs only
 * in case is accepted and canonicalised ("asia/seoul" -> "Asia/Seoul").
 */
const struct tz *tz_get(const char *name, struct itin_err *err);

/*
 * The zones libc also reads from $TZ and /etc/localtime, for the user's
 * own clock (never for an event's zone, which must name the database):
 * tz_get_rule() a POSIX TZ rule ("JST-9", "CET-1CEST,M3.5.0,M10.5.0/3"),
 * tz_get_file() a TZif file by its path (an /etc/localtime copied rather
 * than linked), named name. NULL when it is not one. Kept in the cache.
 */
const struct tz *tz_get_rule(const char *rule);
const struct tz *tz_get_file(const char *path, const char *name);

/* The canonical name the zone was loaded as. */
const char *tz_name(const struct tz *tz);

/* What the zone says about one instant. */
struct tz_offset {
	int32_t utc_offset; /* seconds east of UTC */
	bool is_dst;
	char abbr[16]; /* "KST", "CEST", "+0545" as in the database */
};
void tz_offset_at(const struct tz *tz, int64_t instant, struct tz_offset *out);

enum tz_local_kind {
	TZ_LOCAL_UNIQUE,    /* the wall-clock time happens exactly once */
	TZ_LOCAL_GAP,	    /* skipped (spring forward): it never happens */
	TZ_LOCAL_AMBIGUOUS, /* repeated (fall back): happens twice */
};

struct tz_local_info {
	enum tz_local_kind kind;
	/* For GAP: the skipped wall-clock interval [gap_from, gap_to).
	 * For AMBIGUOUS: the repeated interval [gap_from, gap_to). */
	int64_t gap_from, gap_to;
	int32_t offset_before, offset_after;
};

/*
 * Convert wall-clock local seconds in tz to an instant. UNIQUE: the instant.
 * AMBIGUOUS: the first occurrence (the earlier instant). GAP: the instant
 * the wall clock would show had the gap not been there (local minus the
 * offset before the gap); callers decide whether to refuse it. info may be
 * NULL.
 */
int64_t tz_local_to_utc(const struct tz *tz, int64_t local,
			struct tz_local_info *info);

/* The wall-clock local seconds of an instant in tz. */
int64_t tz_utc_to_local(const struct tz *tz, int64_t instant);

/*
 * The first change of the zone's offset, daylight flag or abbreviation
 * strictly after instant after and no later than limit: what tzdb calls a
 * transition (table entries that change nothing are skipped). For building
 * VTIMEZONEs (vtimezone.h) and for tests. Returns false when there is none.
 */
struct tz_transition {
	int64_t at; /* the instant of the change */
	struct tz_offset before, after;
};
bool tz_next_transition(const struct tz *tz, int64_t after, int64_t limit,
			struct tz_transition *out);

/* Format an offset as "+09:00", "-03:00", "+05:45". buf >= 8 bytes. */
void tz_format_offset(int32_t offset, char *buf);

/*
 * The closest known zone name to bad (edit distance over the zones listed
 * in the database's tzdata.zi/zone1970.tab), or NULL if nothing is close.
 * The result is borrowed from the cache.
 */
const char *tz_suggest(const char *bad);

/* Free every cached zone; for leak checkers at exit. */
void tz_cache_free(void);

#endif
