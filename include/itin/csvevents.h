/*
 * csvevents.h: CSV rows to events and events to CSV rows, over the
 * records of csvrec.h.
 *
 * The reader (csvevents.c, with csvcols.c for the header, csvrow.c and
 * csvcells.c for making an event of a row) maps records to checked
 * events: the native columns, Google Calendar's and Outlook's exports,
 * the zone rules of the text format; dates are read by datetext.h. The
 * writer (csvwrite.c) emits the native format, and is the one writer of
 * CSV fields.
 */
#ifndef ITIN_CSVEVENTS_H
#define ITIN_CSVEVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "itin/csvrec.h"
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/strbuf.h"

enum csvio_flags {
	CSVIO_SKIP_INVALID = 1u << 0, /* refuse bad rows, warn, go on */
	/* 1u << 1 is CSVIO_RAW (csvrec.h): no formula neutralisation */
	/*
	 * The order of slash and dot dates (05/07/2023, 05.07.2023); without
	 * one the file decides, see csvio_read_events_fp(). ISO dates
	 * (2023-07-05) and dates that start with a four-digit year
	 * (2023/07/05) are read the same under every order.
	 */
	CSVIO_DMY = 1u << 2, /* day first: 05/07/2023 is 5 July */
	CSVIO_MDY = 1u << 3, /* month first: 05/07/2023 is 7 May */
	CSVIO_YMD = 1u << 4, /* year first: 2023/07/05; 05/07/2023 refused */
};

/* How a file's slash ([0]) or dot ([1]) dates were read, when the file
 * decided it (never with CSVIO_DMY...): for a note to the user. */
struct csvio_order {
	char order;	    /* 'd' day-first, 'm' month-first; 0: undecided */
	bool by_convention; /* a dotted date, ambiguous, read day-first */
	long line;	    /* the date that decided it */
	char date[16];
};

/* What an import read, for the summary line. */
struct csvio_stats {
	size_t rows;	/* data records seen (header excluded) */
	size_t events;	/* events appended to the list */
	size_t skipped; /* rows refused (CSVIO_SKIP_INVALID) */
	/*
	 * The fields the file's columns carry (EVF_* of evident.h): an
	 * import keeps the stored value of every other field.
	 */
	unsigned carried;
	struct csvio_order order[2];
};

/*
 * How far a long import has got, for a progress line: fn is called every
 * CSVIO_PROGRESS_ROWS data rows with the rows read so far.
 */
#define CSVIO_PROGRESS_ROWS 4096
struct csvio_progress {
	void (*fn)(void *ctx, size_t rows);
	void *ctx;
};

/*
 * Read events from CSV and append them, checked, to out.
 *
 * The first record is the header, matched case-insensitively (spaces, '_'
 * and '-' ignored) in any column order. Native columns:
 *   id,type,title,start,end,tz,city,country,venue,participants,
 *   organization,status,source,notes,tags
 * (end may carry the end's own zone: "2023-01-31T11:15 Asia/Tokyo"; an
 * end_tz column is read too), and the columns of Google Calendar's and
 * Outlook's CSV (Subject, Start Date, Start Time, End Date, End Time, All Day
 * Event, Description, Location, Categories, Required/Optional Attendees,
 * Meeting Organizer...). A uid column is the event's uid (an iCalendar UID),
 * never written. A title and a start are required ("missing column 'title'").
 * Columns it does not know are ignored with one warning naming them all.
 *
 * Any bad row is an error (65, FILE:LINE:COL of the field) and, unless
 * CSVIO_SKIP_INVALID, stops the import; out then holds what was read
 * before it and the caller normally discards it. With CSVIO_SKIP_INVALID
 * each refused row is reported through w and the rest is read; problems
 * in the file's structure (an unterminated quote, a field over the limit)
 * still stop it. Duplicate ids within the file are an error at the second,
 * unless the rows are the same event (read once, with a warning; rows
 * without an id get one derived from their whole content, so identical
 * rows are the only ones that share one). st may be NULL.
 *
 * Problems of the whole file stop it even with CSVIO_SKIP_INVALID: bytes
 * that are not UTF-8 (the message says when they look like Windows-1252),
 * and the order of its dates. Without CSVIO_DMY/MDY/YMD the file decides
 * the order of slash and dot dates: a date whose first field is over 12
 * (30/07/2023) makes it day-first, one whose second field is over 12
 * (07/30/2023) month-first, and a file with both is refused, naming both
 * lines. A date that could be read either way (05/07/2023) waits for that
 * evidence: its row is kept aside (a copy of the record) and made into an
 * event when the order is known, so events stay in file order and memory
 * holds only the undecided rows. When nothing in the whole file decides,
 * dotted dates are day-first (the convention where they are written) and
 * an ambiguous slash date is refused, with the options that choose.
 *
 * prog may be NULL.
 */
int csvio_read_events_fp(FILE *fp, const char *fname, unsigned flags,
			 struct evlist *out, const struct itin_warner *w,
			 const struct csvio_progress *prog,
			 struct csvio_stats *st, struct itin_err *err);
int csvio_read_events(const char *buf, size_t len, const char *fname,
		      unsigned flags, struct evlist *out,
		      const struct itin_warner *w, struct csvio_stats *st,
		      struct itin_err *err);

/* ---- writing ---- */

/*
 * The native header and one line per event, each ended by CRLF, UTF-8
 * without BOM, fields quoted only when they hold a ',', '"', CR or LF.
 * start/end are WHEN values (a date, or YYYY-MM-DDTHH:MM[:SS] local to tz);
 * an event with its own end zone has "WHEN ZONE" as its end, local to that
 * zone ("2023-01-31T11:15 Asia/Tokyo"; the zone alone when there is no
 * end), so the header stays the contract's fifteen columns; tz is "floating"
 * for a timed event without zone, empty for all-day events. participants: "Name
 * (Role); Name"; tags: "a; b"; in both, '\' ';' '(' ')' inside a name, role or
 * tag, and a leading or trailing space, are escaped with a backslash as in the
 * text format ("\\", "\;", "\(", "\)", "\s"; "\n", "\t", "\xHH" for
 * controls). flags: CSVIO_RAW or 0.
 */
void csvio_write_header(struct strbuf *sb);
void csvio_write_event(struct strbuf *sb, const struct event *ev,
		       unsigned flags);
void csvio_write(struct strbuf *sb, const struct evlist *l, unsigned flags);

/* One field, quoted only when it holds a ',', '"', CR or LF, and
 * neutralised unless flags has CSVIO_RAW (csvrec.h). */
void csvio_write_field(struct strbuf *sb, const char *s, size_t len,
		       unsigned flags);

#endif
