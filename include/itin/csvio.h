/*
 * csvio.h: CSV import and export (RFC 4180, and what spreadsheets write).
 *
 * Two layers. The record reader (csvio.c, the only file that calls libcsv)
 * turns bytes into records of fields: RFC 4180 quoting, doubled quotes,
 * quoted delimiters and line breaks, LF, CRLF or lone-CR line ends, a UTF-8
 * BOM dropped, ',' ';' or tab detected from the header line. It streams:
 * memory holds one record, never the file. csvpipe.c runs it on a thread
 * of its own, handing records over in batches, so that parsing and making
 * events use two cores. It counts physical lines itself
 * (libcsv counts none), so every problem is reported as FILE:LINE:COL of
 * the file, columns in code points, 1-based. Lines end at LF, CRLF or a
 * lone CR, inside quoted fields too.
 *
 * The event reader (csvevents.c) maps records to checked events: the
 * native columns, Google Calendar's and Outlook's exports, the zone rules
 * of the text format. The writer emits the native format.
 *
 * Limits that turn hostile input into a clean error (status 65), never a
 * crash or unbounded memory: CSVIO_MAX_FIELD bytes per field,
 * CSVIO_MAX_COLUMNS fields per record, CSVIO_MAX_RECORD bytes per record.
 *
 * Formula neutralisation (export), and how import undoes it (the rule is
 * formula.h's, shared with `--format tsv`): a spreadsheet
 * runs a cell that starts with = + - @ TAB or CR as a formula. The writer
 * prefixes "'" to every field that starts with one of those, and to every
 * field that starts with "'" followed by one of those or by another "'".
 * The reader removes one leading "'" from a field that starts with "'"
 * followed by = + - @ TAB CR or "'". The two are exact inverses, so export
 * -> import -> export is byte-identical (a field like "'hello" is left
 * alone both ways). CSVIO_RAW turns both off: what is written is the value.
 */
#ifndef ITIN_CSVIO_H
#define ITIN_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/strbuf.h"

#define CSVIO_MAX_FIELD	  (1024 * 1024)
#define CSVIO_MAX_COLUMNS 10000
#define CSVIO_MAX_RECORD  (16 * 1024 * 1024)

/* ---- records ---- */

/*
 * A record's fields lie one after the other in one buffer, each followed
 * by its NUL: f[i + 1].s == f[i].s + f[i].len + 1 (csvpipe.c copies them
 * in one go).
 */
struct csvio_field {
	const char *s; /* NUL-terminated (may also hold a NUL, see problem) */
	size_t len;
};

struct csvio_reader;

/* One record, borrowed: valid only during the callback; it needs nothing
 * else (the reader may be gone, or on another thread). */
struct csvio_record {
	const struct csvio_field *f;
	size_t n;   /* fields, >= 1 */
	long index; /* 1 for the first record (the header) */
	long line;  /* physical line the record starts on */
	/*
	 * Non-NULL when the record's bytes are not valid UTF-8 or hold a NUL:
	 * status 65, FILE:LINE:COL of the first bad byte and a message. The
	 * fields are still given; the callback decides.
	 */
	const struct itin_err *problem;
	/* The record's bytes as read (not NUL-terminated), and the
	 * delimiter, for csvio_field_pos(). */
	const char *raw;
	size_t raw_len;
	char delim;
};

/* Is a record's problem its bytes' encoding (not UTF-8), which every
 * record of the file is likely to share? */
bool csvio_problem_is_encoding(const struct itin_err *problem);

/*
 * Called once per record. Return 0 to go on, -1 to stop; err (the reader's
 * err) must then be filled.
 */
typedef int (*csvio_record_fn)(void *ctx, const struct csvio_record *rec,
			       struct itin_err *err);

/*
 * Where field i of the record starts (its opening quote for a quoted
 * field): physical line and column. For i == rec->n (one past the last),
 * the end of the record.
 */
void csvio_field_pos(const struct csvio_record *rec, size_t i, long *line,
		     long *col);

/*
 * A push reader: feed it bytes in pieces of any size, then finish.
 * delim: ',', ';' or '\t', or 0 to detect it from the first line (the one
 * of those three that occurs most often outside quotes; a tie or none
 * gives ','). fname is used in messages ("-" for stdin).
 * Errors (65 for the data; the callback's own status otherwise) fill err;
 * after an error the reader only waits to be freed.
 */
struct csvio_reader *csvio_reader_new(const char *fname, char delim,
				      csvio_record_fn fn, void *ctx);
int csvio_reader_feed(struct csvio_reader *r, const void *data, size_t len,
		      struct itin_err *err);
int csvio_reader_finish(struct csvio_reader *r, struct itin_err *err);
void csvio_reader_free(struct csvio_reader *r);
/* For tests: read every record with the exact parser only (csvio.c). */
void csvio_reader_exact_only(struct csvio_reader *r);
/* The delimiter in use (after detection), or 0 before it is known. */
char csvio_reader_delim(const struct csvio_reader *r);

/* Read a whole stream or buffer with a reader (64 KiB reads for fp; a
 * read error is status 74). */
int csvio_read_records_fp(FILE *fp, const char *fname, char delim,
			  csvio_record_fn fn, void *ctx, struct itin_err *err);
int csvio_read_records(const char *buf, size_t len, const char *fname,
		       char delim, csvio_record_fn fn, void *ctx,
		       struct itin_err *err);
/*
 * csvio_read_records_fp(), with the reading and parsing on a second thread
 * (csvpipe.c) while fn runs on the caller's: same records, same order,
 * same errors, and fn is never called from another thread. Falls back to
 * csvio_read_records_fp() when no thread can be started.
 */
int csvio_read_records_fp_threaded(FILE *fp, const char *fname, char delim,
				   csvio_record_fn fn, void *ctx,
				   struct itin_err *err);

/* ---- events ---- */

enum csvio_flags {
	CSVIO_SKIP_INVALID = 1u << 0, /* refuse bad rows, warn, go on */
	CSVIO_RAW = 1u << 1,	      /* no formula neutralisation */
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

/* What an import read, for the summary line. */
/* How a file's slash ([0]) or dot ([1]) dates were read, when the file
 * decided it (never with CSVIO_DMY...): for a note to the user. */
struct csvio_order {
	char order;	    /* 'd' day-first, 'm' month-first; 0: undecided */
	bool by_convention; /* a dotted date, ambiguous, read day-first */
	long line;	    /* the date that decided it */
	char date[16];
};

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
 * Read events from CSV and append them, checked, to out.
 *
 * The first record is the header, matched case-insensitively (spaces, '_'
 * and '-' ignored) in any column order. Native columns:
 *   id,type,title,start,end,tz,city,country,venue,participants,
 *   organization,status,source,notes,tags
 * (end may carry the end's own zone: "2023-01-31T11:15 Asia/Tokyo"; an
 * end_tz column is read too), and the columns of Google Calendar's and Outlook's CSV (Subject, Start
 * Date, Start Time, End Date, End Time, All Day Event, Description,
 * Location, Categories, Required/Optional Attendees, Meeting Organizer...).
 * A uid column is the event's uid (an iCalendar UID), never written.
 * A title and a start are required ("missing column 'title'"). Columns it
 * does not know are ignored with one warning naming them all.
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
 */
/*
 * How far a long import has got, for a progress line: fn is called every
 * CSVIO_PROGRESS_ROWS data rows with the rows read so far.
 */
#define CSVIO_PROGRESS_ROWS 4096
struct csvio_progress {
	void (*fn)(void *ctx, size_t rows);
	void *ctx;
};

/* prog may be NULL. */
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
 * end), so the header stays the contract's fifteen columns; tz is "floating" for a timed event
 * without zone, empty for all-day events. participants: "Name (Role);
 * Name"; tags: "a; b"; in both, '\' ';' '(' ')' inside a name, role or tag,
 * and a leading or trailing space, are escaped with a backslash as in the
 * text format ("\\", "\;", "\(", "\)", "\s"; "\n", "\t", "\xHH" for
 * controls). flags: CSVIO_RAW or 0.
 */
void csvio_write_header(struct strbuf *sb);
void csvio_write_event(struct strbuf *sb, const struct event *ev,
		       unsigned flags);
void csvio_write(struct strbuf *sb, const struct evlist *l, unsigned flags);

/* One field, quoted if needed and neutralised unless CSVIO_RAW. */
void csvio_write_field(struct strbuf *sb, const char *s, size_t len,
		       unsigned flags);

#endif
