/*
 * csvrec.h: CSV records (RFC 4180, and what spreadsheets write): the
 * record reader (csvrec.c; csvrecparse.c, the only file that calls
 * libcsv; csvrecfields.c; what they share: csvrec-impl.h). Events are
 * made of records in csvevents.h, whose writer also writes the fields;
 * csvpipe.h runs this reader on a thread of its own.
 *
 * The reader turns bytes into records of fields: RFC 4180 quoting,
 * doubled quotes, quoted delimiters and line breaks, LF, CRLF or lone-CR
 * line ends, a UTF-8 BOM dropped, ',' ';' or tab detected from the header
 * line. It streams: memory holds one record, never the file. It counts
 * physical lines itself (libcsv counts none), so every problem is
 * reported as FILE:LINE:COL of the file, columns in code points, 1-based.
 * Lines end at LF, CRLF or a lone CR, inside quoted fields too.
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
#ifndef ITIN_CSVREC_H
#define ITIN_CSVREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "itin/err.h"

#define CSVIO_MAX_FIELD	  (1024 * 1024)
#define CSVIO_MAX_COLUMNS 10000
#define CSVIO_MAX_RECORD  (16 * 1024 * 1024)

/* No formula neutralisation, in either direction: a flag of the event
 * reader and of the writers (csvevents.h, whose other flags leave this
 * bit alone). */
enum csvio_rec_flags {
	CSVIO_RAW = 1u << 1,
};

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
/* The same as a byte offset in rec->raw. */
size_t csvio_field_offset(const struct csvio_record *rec, size_t i);

/*
 * Fill err with a data error (status 65) at byte off of the record's bytes
 * (csvio_field_offset(rec, i) for field i, 0 for the record), at its
 * FILE:LINE:COL, and return -1: for a reader of records' own "fail at this
 * cell" helper, which passes its caller's format and arguments on.
 */
int csvio_vfail_at(struct itin_err *err, const char *fname,
		   const struct csvio_record *rec, size_t off, const char *fmt,
		   va_list ap) ITIN_PRINTF(5, 0);

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
/* For tests: read every record with the exact parser only
 * (csvrecparse.c). */
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

#endif
