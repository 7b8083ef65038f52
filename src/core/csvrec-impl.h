/*
 * csvrec-impl.h: what the three files of the CSV record reader (csvrec.h)
 * share, and nothing else includes:
 *
 *   csvrec.c        the reader itself: its life, the BOM and the choice of
 *                   delimiter before the first record, feed and finish;
 *   csvrecparse.c   driving libcsv (every libcsv call of itin): the input
 *                   cut into segments at line ends, the fast and the exact
 *                   parser, a record read again by the exact one;
 *   csvrecfields.c  the record being read: its fields under their limits,
 *                   its bytes checked (UTF-8, NUL), positions in it, and
 *                   handing it to the caller's function.
 *
 * Every function here that can fail returns -1 with the error filled (in
 * r->err unless it takes its own), FILE:LINE:COL in the file.
 */
#ifndef ITIN_CSVREC_IMPL_H
#define ITIN_CSVREC_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <csv.h>

#include "itin/csvrec.h"
#include "itin/err.h"
#include "itin/strbuf.h"

enum stage {
	ST_BOM,	   /* waiting for 3 bytes to see whether a BOM starts it */
	ST_DETECT, /* holding the first line to choose the delimiter */
	ST_RUN,
	ST_FAILED,
};

struct csvio_reader {
	char fname[256];
	char delim;
	csvio_record_fn fn;
	void *ctx;
	struct csv_parser p;  /* fast: libcsv's own space trimming */
	struct csv_parser px; /* exact: spaces are data */
	struct csv_parser *cur;
	bool force_exact; /* the next record goes to px (a replay) */
	bool exact_only;  /* every record does (tests) */
	enum stage stage;

	struct strbuf pre; /* bytes held in ST_BOM / ST_DETECT */
	size_t detect_pos; /* how far pre has been scanned */
	bool detect_q;	   /* inside quotes at detect_pos */
	size_t ncomma, nsemi, ntab;

	long line;	 /* physical line of the next byte */
	bool cr_pending; /* the last byte fed was a CR at a read's end */

	struct strbuf raw; /* the current record's bytes */
	long rec_line;	   /* the line it starts on */
	long nrec;

	struct strbuf fbuf; /* the fields, each followed by a NUL */
	size_t *foff;
	size_t nf, falloc;
	struct csvio_field *fv;
	size_t fvalloc;
	bool row_done;

	bool cb_failed; /* a limit was hit inside a libcsv callback */
	struct itin_err cb_err;
	struct itin_err problem;
	/* The first line with UTF-8 beyond ASCII: the file is then not in
	 * another encoding, whatever a later record looks like. */
	long utf8_line;
	struct itin_err *err; /* the caller's, during feed/finish */
};

/* A line ends at LF, CRLF or a lone CR. */
static inline bool csvrec_is_term(char c)
{
	return c == '\n' || c == '\r';
}

/* ---- csvrecparse.c ---- */

/* Set up and free the two libcsv parsers of r. */
void csvrec_parsers_init(struct csvio_reader *r);
void csvrec_parsers_free(struct csvio_reader *r);
/* Tell both parsers r->delim, once it is known. */
void csvrec_parsers_delim(struct csvio_reader *r);
/* Read data[0..len) into records, handing each on (csvrec_emit()). */
int csvrec_run(struct csvio_reader *r, const char *data, size_t len);
/* The end of the input: the last record, even without a line end. */
int csvrec_run_finish(struct csvio_reader *r);

/* ---- csvrecfields.c ---- */

/* Add the field s[0..len) to the current record; a limit passed sets
 * r->cb_failed and r->cb_err (it is met inside libcsv's callback). */
void csvrec_add_field(struct csvio_reader *r, const char *s, size_t len);
/* Forget the current record's bytes and fields. */
void csvrec_reset_record(struct csvio_reader *r);
/* Hand the current record to r->fn, then forget it. */
int csvrec_emit(struct csvio_reader *r);
/* Where field k of the current record starts, in its bytes. */
size_t csvrec_field_offset(const struct csvio_reader *r, size_t k);
/* A data error at byte off of the current record. Returns -1. */
int csvrec_fail_at(struct csvio_reader *r, struct itin_err *err, size_t off,
		   const char *fmt, ...) ITIN_PRINTF(4, 5);

#endif
