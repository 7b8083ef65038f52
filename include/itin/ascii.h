/*
 * ascii.h: case folding and character classes for the ASCII letters only.
 *
 * <ctype.h> and strcasecmp() follow LC_CTYPE, and under a Turkish locale
 * 'I' does not fold to 'i'; keywords (types, statuses, keys, formats) must
 * read the same everywhere, so the code uses these instead. make check
 * refuses the locale-dependent calls in src/.
 *
 * Below them, the few span scanners (blanks, escapes) that every reader of
 * a line-based format needs, so that each format does not keep its own.
 */
#ifndef ITIN_ASCII_H
#define ITIN_ASCII_H

#include <stdbool.h>
#include <stddef.h>

static inline int ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int ascii_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static inline bool ascii_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/* Space or tab: the blanks that separate words on one line. */
static inline bool ascii_isblank(int c)
{
	return c == ' ' || c == '\t';
}

/* The value of a hex digit, or -1. */
static inline int ascii_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static inline bool ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* strncasecmp over ASCII letters: < 0, 0, > 0. */
static inline int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int ca = ascii_tolower((unsigned char)*a);
		int cb = ascii_tolower((unsigned char)*b);

		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

static inline int ascii_casecmp(const char *a, const char *b)
{
	return ascii_ncasecmp(a, b, (size_t)-1);
}

/* ---- scanning a span [s, e) of one line ---- */

/* The first character of [p, e) that is not a blank (or e). */
static inline const char *ascii_skip_blank(const char *p, const char *e)
{
	while (p < e && ascii_isblank((unsigned char)*p))
		p++;
	return p;
}

/* Narrow [*s, *e) to leave out leading and trailing blanks. */
static inline void ascii_trim_blank(const char **s, const char **e)
{
	*s = ascii_skip_blank(*s, *e);
	while (*e > *s && ascii_isblank((unsigned char)(*e)[-1]))
		(*e)--;
}

/*
 * The first c in [s, e) not escaped by a backslash before it, or NULL:
 * the text format and the CSV lists it borrows escape the same way.
 */
static inline const char *ascii_find_unescaped(const char *s, const char *e,
						char c)
{
	for (; s < e; s++) {
		if (*s == '\\') {
			if (s + 1 < e)
				s++;
			continue;
		}
		if (*s == c)
			return s;
	}
	return NULL;
}

#endif
