/*
 * ascii.h: case folding and character classes for the ASCII letters only.
 *
 * <ctype.h> and strcasecmp() follow LC_CTYPE, and under a Turkish locale
 * 'I' does not fold to 'i'; keywords (types, statuses, keys, formats) must
 * read the same everywhere, so the code uses these instead. make check
 * refuses the locale-dependent calls in src/.
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

#endif
