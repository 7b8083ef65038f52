/*
 * icslex.h: the content lines of an iCalendar file (RFC 5545 3.1), read
 * by itin itself so that every problem has its FILE:LINE.
 *
 * The file is read in passes (icsread.h), each a walk of a lexer (struct
 * ics_lexer) over the buffer that unfolds one content line at a time and
 * reads bytes that are not UTF-8 as Latin-1; nothing keeps the whole
 * file's lines. ics_scan_lines() is the first pass: it checks the bytes
 * (a bare CR, a NUL, control characters, line ends). The lines a pass
 * keeps (one component's, the VTIMEZONEs') are in a struct ics_lines;
 * the reader's r->ls names the one its functions read.
 * ics_parse_cline() splits one line of r->ls into name, parameters and
 * value (struct cprop, pointers into its text: valid until it changes).
 * The rest reads the values: parameters, TEXT escapes, comma lists, DATE
 * and DATE-TIME (parse_itime).
 *
 * Nothing here calls libical.
 */
#ifndef ITIN_ICSLEX_H
#define ITIN_ICSLEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/strbuf.h"

struct ics_reader;

/* One content line, unfolded: text[off .. off + len), NUL-terminated. */
struct cline {
	size_t off, len;
	long line; /* the physical line it starts on */
	bool skip; /* not a content line: ignored with a warning */
	/* With --skip-invalid, a control character found in it (0: none)
	 * and where: its VEVENT is refused, not the file. */
	unsigned char ctrl;
	long ctrl_line, ctrl_col;
};

/* Content lines kept, their text in one buffer (each NUL-terminated). */
struct ics_lines {
	struct strbuf text;
	struct cline *cl;
	size_t n, alloc;
};

/* A physical line of the content line being read: for error columns. */
struct ics_seg {
	size_t off; /* where its bytes start in the content line */
	size_t pos; /* where the physical line starts in the buffer */
	long line;
	bool cont;  /* a continuation (its first byte not in the text) */
	bool empty; /* an empty line inside the folded one */
};

struct lexcheck;

/*
 * One pass over the content lines of the buffer. Lines that an earlier
 * pass marked to skip (r->skips) are passed over, a repaired END line
 * (r->reps) is given repaired: every pass sees the same lines, with the
 * same index (r->cur_idx, counted from 0).
 */
struct ics_lexer {
	const char *buf; /* the buffer, or the part of the file read */
	size_t len, pos;
	char *blk; /* reading a file: its bytes read (buf) */
	size_t cap;
	bool eof, started;
	long ln;		/* physical lines read */
	size_t idx;		/* content lines read */
	size_t skip_at, rep_at; /* next in r->skips, r->reps */
	struct strbuf cur, fix;
	long cur_line;
	struct ics_seg *seg;
	size_t nseg, segalloc;
	struct lexcheck *chk; /* the first pass's checks, else NULL */
};

/* A content line split into its parts (pointers into the text). */
struct cprop {
	const char *name;
	size_t nlen;
	const char *params; /* ";P=V;Q=W", may be empty */
	size_t plen;
	const char *value; /* to the end of the line */
	long line;
};

/* The direct properties of a component (nested VALARMs left out). */
struct vprops {
	struct cprop *v;
	size_t n;
};

/* A DATE or DATE-TIME value. */
struct itime {
	int64_t lsec; /* local seconds (UTC seconds when utc) */
	bool is_date;
	bool utc;
};

/* The first pass: every line's bytes and ends checked (the file refused
 * at the first bad one), lapses said once. */
int ics_scan_lines(struct ics_reader *r);
/* A pass from the start of the buffer or file; ics_lex_end() frees it.
 * -1 (err) when the file cannot be read again or has changed. */
int ics_lex_start(struct ics_lexer *lx, struct ics_reader *r);
void ics_lex_end(struct ics_lexer *lx);
/* Reading a file (r->fd): note what it is before the first pass; and
 * whether it is still that (-1, err, when it has changed). */
int ics_lex_file_mark(struct ics_reader *r);
int ics_lex_file_same(struct ics_reader *r);
/* The next content line appended to to (r->cur_idx its index): 1, 0 at
 * the end, -1 (err) when the first pass refuses the file or the file
 * cannot be read. */
int ics_lex_next(struct ics_reader *r, struct ics_lexer *lx,
		 struct ics_lines *to);
void ics_lines_reset(struct ics_lines *ls);
/* Line i of from appended to to; its index there. */
size_t ics_lines_copy(struct ics_lines *to, const struct ics_lines *from,
		      size_t i);
void ics_lines_release(struct ics_lines *ls);

const char *ics_cl_text(const struct ics_reader *r, size_t i);
/* Give line i of r->ls new text (a repaired END line), noted for the
 * passes after this one (r->reps). */
void ics_replace_cline(struct ics_reader *r, size_t i, const char *text);
/* Note the current line (r->cur_idx) as one every later pass skips. */
void ics_mark_skip(struct ics_reader *r);

/* NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE */
int ics_parse_cline(struct ics_reader *r, size_t i, struct cprop *p);
bool ics_name_is(const struct cprop *p, const char *name);
/* The value of parameter pname (first value, unquoted) into out. */
bool ics_get_param(const struct cprop *p, const char *pname,
		   struct strbuf *out);

/* The properties of lines first..last that are the component's own (not
 * its VALARMs'); vp->v is the caller's to free. */
void ics_top_props(struct ics_reader *r, size_t first, size_t last,
		   struct vprops *vp);
/* A copy of vp in memory of its own (*text, the caller's to free with
 * out->v): what a series or an override keeps of its VEVENT. */
void ics_vprops_keep(const struct vprops *vp, struct vprops *out, char **text);
/* The first property of vp called name, or NULL. */
const struct cprop *ics_find(const struct vprops *vp, const char *name);

/* TEXT unescaping (RFC 5545 3.3.11); an unknown escape is kept as is. */
void ics_unescape_text(struct strbuf *out, const char *s, size_t n);
/* s unescaped, in a new string. */
char *ics_text_dup(struct ics_reader *r, const char *s);
/* The next item of a comma-separated value list (escaped commas kept):
 * *n gets the length of the one at s; NULL after the last. */
const char *ics_next_item(const char *s, size_t *n);

/* n ASCII digits at s as a number into *v; false if one is not. */
bool ics_digits(const char *s, int n, int *v);
/* YYYYMMDD or YYYYMMDDTHHMMSS[Z], exactly, years 0001 to 9999. */
bool ics_parse_itime(const char *s, size_t n, struct itime *t);
/* The text of a time in that form ("Z" when utc). */
void ics_stamp(char *buf, size_t size, int64_t lsec, bool is_date, bool utc);
/* A time property's value and TZID (*has_tzid: a TZID that applies). */
int ics_read_itime(struct ics_reader *r, const struct cprop *p, struct itime *t,
		   struct strbuf *tzid, bool *has_tzid);

#endif
