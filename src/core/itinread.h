/*
 * itinread.h: the state the itin text reader shares between its two files,
 * itinread.c (the walk over lines, the header line, finishing an event)
 * and itinkeys.c (the key lines). Private to them: the format's interface
 * is include/itin/itinfmt.h.
 *
 * Every function here that can fail returns -1 with r->err filled at
 * r->fname, the current line and a column counted in code points.
 */
#ifndef ITIN_ITINREAD_H
#define ITIN_ITINREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "itin/err.h"
#include "itin/evarena.h"
#include "itin/event.h"
#include "itin/strbuf.h"

/* The keys of a key line ("    tz: Europe/Paris"); itinkeys.c names them. */
enum key {
	K_ID,
	K_TZ,
	K_END_TZ,
	K_STATUS,
	K_ORG,
	K_WITH,
	K_TAGS,
	K_SOURCE,
	K_NOTE,
	K_SEQ,
	K_UID,
	K_MODIFIED,
	K_SRC_SEQ,
	K_COUNT
};

/* The reader: the line being read and where problems go. */
struct itinread {
	const char *fname;
	const char *line; /* the current line; not NUL-terminated */
	size_t len;
	long lineno;
	const struct itin_warner *w;
	struct itin_err *err;
	struct strbuf tmp; /* scratch for decoded values */
};

/* The event being read, and where its parts were written. */
struct itinread_event {
	/* Built in the list's arena (event_new_in()); the mark before it
	 * drops it when it is not added. */
	struct event *ev;
	struct evarena_mark mark;
	long line;    /* its header line */
	long end_col; /* column of the end in the range */
	long type_col, title_col, place_col;
	bool seen[K_COUNT];
	long key_line[K_COUNT], key_col[K_COUNT];
	bool tz_key; /* a tz: line decided the zone (maybe floating) */
	bool has_notes;
	struct strbuf notes;
};

/* The column of p, a pointer into the current line. */
long itinread_col(const struct itinread *r, const char *p);

/* Fail at column col of the current line. */
int itinread_fail_col(struct itinread *r, long col, const char *fmt, ...)
    ITIN_PRINTF(3, 4);

/* Fail at p, a pointer into the current line. */
#define fail(r, p, ...)                                                        \
	itinread_fail_col((r), itinread_col((r), (p)), __VA_ARGS__)

/* Locate an error another module filled in (col relative to tok). */
int itinread_relocate(struct itinread *r, const char *tok, size_t toklen);

/* Decode the escapes of [s, e) into r->tmp (reset first). */
int itinread_unescape(struct itinread *r, const char *s, const char *e);

/* Decode [s, e) into a new string. */
int itinread_unescape_dup(struct itinread *r, const char *s, const char *e,
			  char **out);

/* Decode [s, e) into ev's string *field (&ev->title...), through
 * event_set_strn(): readers change an event's strings only by event.h. */
int itinread_set_unescaped(struct itinread *r, struct event *ev, char **field,
			   const char *s, const char *e);

/* "    key: value": a line that adds to the pending event (itinkeys.c). */
int itinread_key(struct itinread *r, struct itinread_event *pe);

#endif
