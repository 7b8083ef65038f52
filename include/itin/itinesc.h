/*
 * itinesc.h: the escapes of a value in the itin text format (man/itin.5),
 * both ways, so that what the writer escapes and what the reader takes
 * back are read side by side.
 *
 * A value is one line, trimmed of blanks, and some characters separate its
 * parts ('@' the place, ',' its parts, ';' list items, "()" a role): those,
 * the backslash, controls, invisible format characters and a leading or
 * trailing space are written as escapes: "\\", "\n", "\t", "\s", "\@",
 * "\;", "\,", "\(", "\)", "\x01" to "\x7f", "\u{1}" to "\u{10FFFF}".
 *
 * The reader (itinread.c) and the writer (itinwrite.c) use them;
 * nothing here allocates but the caller's strbuf.
 */
#ifndef ITIN_ITINESC_H
#define ITIN_ITINESC_H

#include <stdbool.h>
#include <stddef.h>
#include "itin/err.h"
#include "itin/strbuf.h"

/*
 * Decode the escapes of [s, e) into out (reset first). On a bad escape
 * returns -1 with status 65 and a message naming it; err->col is then the
 * 1-based byte offset of its backslash within [s, e), for the caller to
 * place in its line (as date_parse() leaves it).
 */
int itinesc_decode(const char *s, const char *e, struct strbuf *out,
		   struct itin_err *err);

/*
 * Append s, escaping the backslash, controls (C0, DEL, C1), the format
 * characters (utf8_is_invisible_control), the characters in special, and a
 * leading or trailing space (the reader trims values).
 */
void itinesc_put(struct strbuf *sb, const char *s, const char *special);
/* The same for s[0..len) (one line of a longer text). */
void itinesc_put_len(struct strbuf *sb, const char *s, size_t len,
		     const char *special);

/*
 * Append s[from..to) of the value s[0..len), escaped as itinesc_put()
 * escapes them in the whole value (a space is at an edge only at 0 or
 * len - 1). For a writer that decides some characters itself (the
 * venue's commas) and escapes the runs between them. from and to must be
 * on character boundaries.
 */
void itinesc_put_span(struct strbuf *sb, const char *s, size_t from, size_t to,
		      size_t len, const char *special);

/*
 * Append the byte c, escaped as above but for the format characters: the
 * backslash, C0 controls and DEL, the characters in special, and a space
 * where edge says it is the value's first or last. A byte over 0x7f is
 * appended as it is. For a format that borrows these escapes without
 * \u{...} (the lists in a CSV cell: csvevents.c).
 */
void itinesc_put_byte(struct strbuf *sb, unsigned char c, bool edge,
		      const char *special);

#endif
