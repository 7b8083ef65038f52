/*
 * icslex.h: the content lines of an iCalendar file (RFC 5545 3.1), read
 * by itin itself so that every problem has its FILE:LINE.
 *
 * ics_split_lines() unfolds the buffer into the reader's content lines
 * (struct cline, text kept in the reader's one buffer), checks the bytes
 * (a bare CR, a NUL, control characters) and reads bytes that are not
 * UTF-8 as Latin-1. ics_parse_cline() splits one line into name,
 * parameters and value (struct cprop, pointers into that buffer: valid as
 * long as the reader). The rest reads the values: parameters, TEXT
 * escapes, comma lists, DATE and DATE-TIME (parse_itime).
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

/* Split the buffer into unfolded content lines, checking the bytes. */
int ics_split_lines(struct ics_reader *r, const char *buf, size_t len);
const char *ics_cl_text(const struct ics_reader *r, size_t i);
/* Give content line i new text (a repaired END line). */
void ics_replace_cline(struct ics_reader *r, size_t i, const char *text);

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
