/*
 * inread.h: reading input within limits, the one place every reader of
 * text (the store, `import` of .itin, .ics and .csv, `edit`'s temporary
 * file) takes its bytes from a file, a pipe or standard input.
 *
 * An input may be endless (/dev/zero, a FIFO fed by `yes`) or huge (a
 * sparse 2 GB file), so the limits are checked WHILE reading, on every
 * chunk, never after reading the whole input:
 *
 *   - INREAD_MAX_LINE: bytes in one line (its CR LF not counted). A longer
 *     line is 65 at FILE:LINE:COL, where COL is the first character past
 *     the limit; the rest of the line is counted, not kept, so that the
 *     message can say how long it is.
 *   - a NUL byte in a text format is 65 at its FILE:LINE:COL.
 *   - the total size: $ITIN_MAX_INPUT bytes (a number with an optional K,
 *     M or G, powers of 1024; 0 means no limit), else INREAD_DEFAULT_MAX.
 *     More is 65 "FILE: input larger than N (the limit; set
 *     ITIN_MAX_INPUT to raise it)". The default leaves room for a store
 *     of several million events (about 200 bytes each; see issue 15),
 *     while an endless input stops within seconds.
 *
 * Columns count characters (UTF-8 lead bytes), as utf8_column() does; a
 * byte order mark at the start of the input does not count.
 *
 * The caller owns the strbuf, the struct and the name, which a check
 * points to until it is done; nothing is allocated but a read buffer
 * freed before the call returns.
 */
#ifndef ITIN_INREAD_H
#define ITIN_INREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "itin/err.h"
#include "itin/strbuf.h"

#define INREAD_MAX_LINE	   ((size_t)1024 * 1024)
#define INREAD_DEFAULT_MAX ((size_t)1024 * 1024 * 1024)
#define INREAD_ENV	   "ITIN_MAX_INPUT"

/* What a check looks at besides the total size: both for the text
 * formats; none for CSV, whose reader bounds its records itself and makes
 * a NUL one row's problem (which --skip-invalid may skip). */
enum {
	INREAD_LINES = 1, /* INREAD_MAX_LINE */
	INREAD_NUL = 2,	  /* a NUL byte is an error */
	INREAD_TEXT = INREAD_LINES | INREAD_NUL,
};

/* The total-size limit in effect: 0, or -1 (64) when $ITIN_MAX_INPUT is
 * not a size. SIZE_MAX stands for "no limit". */
int inread_max_input(size_t *out, struct itin_err *err);

/* The state of a check over one input, fed chunk by chunk. */
struct inread_check {
	const char *name; /* for messages; not owned */
	unsigned flags;
	size_t max_input;
	size_t total;	 /* bytes fed so far */
	long line;	 /* 1-based, the line being read */
	size_t line_len; /* its bytes so far */
	long col;	 /* its characters so far */
	int bom_match;	 /* bytes of a leading BOM seen so far, -1: none */
	bool bom;	 /* the input starts with a byte order mark */
	bool last_cr;	 /* the last byte fed was a CR */
	long long_col;	 /* where the line passed the limit, 0: it did not */
	bool counting;	 /* the line is too long: only its length matters */
};

/* Start a check; -1 (64) when $ITIN_MAX_INPUT is bad. */
int inread_check_init(struct inread_check *c, const char *name, unsigned flags,
		      struct itin_err *err);

/*
 * Check the next n bytes. 0 when they are within the limits; *keep says
 * how many of them the caller should keep (fewer than n only while an
 * overlong line is being counted, which is bound to fail). -1 with err
 * filled (65) at the first problem.
 */
int inread_check_feed(struct inread_check *c, const char *p, size_t n,
		      size_t *keep, struct itin_err *err);

/* At the end of the input: an overlong last line fails here. */
int inread_check_finish(struct inread_check *c, struct itin_err *err);

/*
 * Read a descriptor (or a stdio stream: --encoding's converter) to its
 * end into sb (appending), checking as it goes. What was read before a
 * problem stays in sb (a caller may look at it, to guess an encoding).
 * Errors: 65 a limit, 74 a read error.
 */
int inread_fd(int fd, const char *name, unsigned flags, struct strbuf *sb,
	      struct itin_err *err);
int inread_fp(FILE *fp, const char *name, unsigned flags, struct strbuf *sb,
	      struct itin_err *err);

#endif
