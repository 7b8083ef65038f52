/*
 * icsseries.h: the occurrences of a recurring VEVENT, before they become
 * events (icsexpand.c makes them so).
 *
 * A series repeats on the clock of its DTSTART (RFC 5545 3.3.10): the
 * clock of its TZID (the tz database's zone, or the file's own VTIMEZONE
 * when the name is not a zone), UTC for a UTC DTSTART, the bare clock for
 * a floating or all-day one: its frame. The rule is expanded on that
 * clock, so an occurrence keeps its local time and weekday across a DST
 * change there; only then is each occurrence placed in the zone the event
 * is kept in (for a VTIMEZONE-only TZID or a UTC time, the zone of the
 * place, which may have other DST dates or none).
 *
 * Occurrences are told apart by a key: the instant for a zoned series,
 * the local time for a floating one, the day for an all-day one. The
 * series m and mtz (its zone, NULL for floating) name the first event.
 *
 * Ownership: a struct series owns its array v (free() it).
 */
#ifndef ITIN_ICSSERIES_H
#define ITIN_ICSSERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/event.h"
#include "itin/icslex.h"
#include "itin/tz.h"

struct ics_reader;
struct zres;

enum fkind { F_FLOATING, F_UTC, F_TZ, F_EMBEDDED };
struct frame {
	enum fkind kind;
	const struct tz *tz; /* F_TZ */
	size_t zi;	     /* F_TZ, F_EMBEDDED: r->zones[zi] (an index:
				ics_resolve_tzid() may move the array) */
	int64_t start;	     /* DTSTART on the frame's clock */
};

struct occ {
	int64_t key;
	int64_t local;
	bool whole_day; /* an EXDATE given as a date: every start that day */
	bool has_end;	/* an RDATE PERIOD: its own end */
	int64_t end;	/* an instant in a zoned series, else local */
};

struct series {
	struct occ *v;
	size_t n, alloc;
	bool capped;
	size_t max;	 /* occurrences allowed */
	bool has_first;	 /* v[0] is DTSTART */
	bool partial;	 /* a rule could not be expanded to its end */
	bool empty_rule; /* a rule the library found no date for */
	/* The occurrences the file may still make (reader.occ_left), for
	 * the series that becomes events; NULL for the others (EXDATEs, an
	 * RDATE's values before they join it). */
	const size_t *file_left;
	bool over; /* file_left reached: the file is refused */
};

/* The frame of the series whose first event is m and properties vp. */
int ics_series_frame(struct ics_reader *r, const struct event *m,
		     const struct vprops *vp, struct frame *f);
/* Instant u on frame f's clock (for a UTC UNTIL). */
int64_t ics_frame_local(struct ics_reader *r, const struct frame *f, int64_t u);

/* The key of local time local in zone tz (NULL: floating). */
int64_t ics_occ_key(const struct event *m, const struct tz *tz, int64_t local);
/* The key of time fl on the frame's clock. */
int64_t ics_frame_key(struct ics_reader *r, const struct frame *f,
		      const struct event *m, const struct tz *mtz, int64_t fl);
/* The local time, in the zone series m is kept in, of a key. */
int64_t ics_key_local(const struct event *m, const struct tz *mtz, int64_t key);
/* A RECURRENCE-ID, EXDATE or RDATE value as a key of the series m. */
int64_t ics_value_key(struct ics_reader *r, const struct event *m,
		      const struct tz *mtz, const struct frame *f,
		      const struct itime *t, const char *tzid);
/* The key as the text of an iCalendar time (an occurrence's id). */
void ics_key_stamp(char *buf, size_t size, const struct event *m,
		   const struct tz *tz, int64_t key);

/* For qsort(): occurrences by key. */
int ics_cmp_occ(const void *pa, const void *pb);
/* Add an occurrence: the added entry, or NULL once the series is
 * capped (s->capped) or the file's budget is spent (s->over). */
struct occ *ics_series_add(struct series *s, int64_t key, int64_t local);
/* Every value of the multi-valued property p (RDATE, EXDATE) as keys. */
int ics_each_value(struct ics_reader *r, const struct cprop *p,
		   const struct event *m, const struct tz *mtz,
		   const struct frame *f, bool exclusions, struct series *out);
/* Whether an occurrence at local lasting span overlaps the import
 * window (icalio_read_opts from_day..to_day). */
bool ics_in_window(const struct ics_reader *r, int64_t local, int64_t span);

#endif
