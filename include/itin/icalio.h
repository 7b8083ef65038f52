/*
 * icalio.h: iCalendar (RFC 5545) export and import.
 *
 * The module: export in icswrite.c, import in icalio.c and the ics*.c
 * files icsread.h lists, the field mapping of both in icstext.c. Only
 * icslib.c and icsrrule.c call libical (Debian's 3.0): it parses and
 * expands RRULEs, parses durations, and evaluates a file's own VTIMEZONEs
 * when a TZID is not a zone of the tz database. Export writes its lines
 * itself. Every offset of a zone we know comes from tz.c, and every
 * VTIMEZONE we write from vtimezone.c: never libical's own zones.
 *
 * Export: one VCALENDAR (VERSION 2.0, PRODID, CALSCALE, METHOD:PUBLISH),
 * a VTIMEZONE for every zone the events use, trimmed to the years they
 * need, then a VEVENT per event. Lines end in CRLF and are folded at 75
 * octets without splitting a UTF-8 character. The mapping of every field,
 * both ways, is in man/itin.5 ("iCalendar").
 *
 * Import: the VEVENTs of every VCALENDAR in the buffer, checked, appended
 * to a list. Problems are reported at FILE:LINE (the line of the property
 * or of the BEGIN); with ICALIO_SKIP_INVALID a bad VEVENT is refused with
 * a warning and the rest is read. A recurring event becomes one event
 * per occurrence, expanded on the clock of its DTSTART (its zone, the
 * file's VTIMEZONE, UTC or floating): all of a series that ends, those in
 * a window of one that does not. What the file does that RFC 5545 does not
 * allow but that is read anyway (LF line ends, unfolded lines, VEVENTs
 * without UID or DTSTAMP) is said once per file, at its first line.
 */
#ifndef ITIN_ICALIO_H
#define ITIN_ICALIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/strbuf.h"

/* ---- export ---- */

struct icalio_write_opts {
	int64_t now;	    /* DTSTAMP (UTC instant) */
	const char *prodid; /* NULL: "-//itin//itin VERSION//EN" */
};

/*
 * The UID of an event of itin's own (one with a uid, from another
 * calendar, is exported under that uid): its id, with "@itin" appended
 * unless the id already holds an '@' and does not end in "@itin". Import
 * strips one "@itin"; a UID that does not give the id back this way is
 * written with X-ITIN-ID: ID beside it, so every id comes back unchanged.
 * Appends to sb.
 */
void icalio_uid(struct strbuf *sb, const char *id);

/* Append the whole calendar for l (in list order). */
void icalio_write(struct strbuf *sb, const struct evlist *l,
		  const struct icalio_write_opts *o);

/*
 * The same calendar an event at a time, for output that streams
 * (outsink.h): the VTIMEZONEs come before the first VEVENT, so the zones
 * of every event to be written are gathered first (icalio_zones_add(),
 * for each event or from a cheaper scan of them), then begin writes the
 * calendar's head and those zones, icalio_write_event() one VEVENT each,
 * end the calendar's last line. Each call leaves whole lines in sb, so
 * sb may be written out and emptied between any two of them. The writer
 * keeps sb and o (borrowed) until end, which frees what it holds; begin
 * is done with z (and the events whose zone names it borrows).
 */
struct icalio_zone_years {
	const char *name; /* borrowed from the event */
	int first, last;
};
struct icalio_zones {
	struct icalio_zone_years *v;
	size_t n, alloc;
};
#define ICALIO_ZONES_INIT                                                      \
	{                                                                      \
		NULL, 0, 0                                                     \
	}
void icalio_zones_add(struct icalio_zones *z, const struct event *ev);
void icalio_zones_release(struct icalio_zones *z);

struct icalio_writer {
	struct strbuf *sb;
	const struct icalio_write_opts *o;
	struct strbuf line; /* the content line being made */
	struct strbuf held; /* lines joined as libical's fold joined them */
	struct strbuf a, b; /* scratch for the values */
};
/* Sorts z by name. */
void icalio_write_begin(struct icalio_writer *w, struct strbuf *sb,
			struct icalio_zones *z,
			const struct icalio_write_opts *o);
void icalio_write_event(struct icalio_writer *w, const struct event *ev);
void icalio_write_end(struct icalio_writer *w);

/*
 * Append one content line (without line end) folded as RFC 5545 wants:
 * CRLF, then a space, before the 76th octet of every physical line, never
 * inside a UTF-8 character; the last line ends in CRLF.
 */
void icalio_fold(struct strbuf *sb, const char *line, size_t len);

/* The octets of a physical line before its CRLF (RFC 5545 3.1). */
#define ICALIO_LINE_MAX 75

/* ---- import ---- */

enum icalio_flags {
	ICALIO_SKIP_INVALID = 1u << 0, /* refuse bad VEVENTs, warn, go on */
};

struct icalio_read_opts {
	unsigned flags;
	/* A series without an end (an RRULE with neither COUNT nor UNTIL)
	 * is expanded into the occurrences that overlap these days (days
	 * since the epoch, local to each event, both included); one that
	 * ends is expanded whole. */
	int64_t from_day, to_day;
	/* Events one recurring event may make; 0 for the default,
	 * ICALIO_MAX_OCCURRENCES. A series with more is cut there, with a
	 * warning. */
	size_t max_occurrences;
	/* Events the recurring events of the whole file may make in all;
	 * 0 for the default, ICALIO_MAX_FILE_OCCURRENCES. Counted as each
	 * occurrence is found, before its event is made: a file that needs
	 * more is refused (65). The file's rules may also walk at most
	 * ICALIO_CANDIDATES_PER_OCCURRENCE times as many candidate times
	 * (the dates and times a rule tries, matching or not) in all;
	 * a file that needs more is refused too. */
	size_t max_file_occurrences;
};

/* The budgets of a recurring event and of a file (man/itin.1, LIMITS). */
#define ICALIO_MAX_OCCURRENCES		 100000
#define ICALIO_MAX_FILE_OCCURRENCES	 100000
#define ICALIO_CANDIDATES_PER_OCCURRENCE 10

struct icalio_stats {
	size_t vevents;	    /* VEVENT components in the VCALENDARs */
	size_t events;	    /* events appended */
	size_t recurring;   /* recurring events expanded */
	size_t occurrences; /* events those made */
	size_t skipped;	    /* VEVENTs refused (ICALIO_SKIP_INVALID) */
	size_t candidates;  /* candidate times the rules walked */
};

/*
 * Read buf[0..len) (need not be NUL-terminated). fname is used in
 * messages. Events are appended to out, each checked; on error out holds
 * what was read before and the caller normally discards it. st may be
 * NULL. Status 65 for bad data.
 */
int icalio_read(const char *buf, size_t len, const char *fname,
		const struct icalio_read_opts *o, struct evlist *out,
		const struct itin_warner *w, struct icalio_stats *st,
		struct itin_err *err);
/*
 * The same from fd, a regular file the caller has checked (inread.h's
 * limits): it is read in passes, each from its start, a block at a time,
 * so memory grows with the events, not with the file. Status 74 when it
 * cannot be read or changes while it is.
 */
int icalio_read_fd(int fd, const char *fname, const struct icalio_read_opts *o,
		   struct evlist *out, const struct itin_warner *w,
		   struct icalio_stats *st, struct itin_err *err);

#endif
