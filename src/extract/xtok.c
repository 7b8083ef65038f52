/*
 * xtok.c: a sentence cut into words, numbers and punctuation (xtok.h).
 */
#include <string.h>

#include "itin/ascii.h"
#include "xtok.h"

/* A byte that may be part of a word: ASCII letters and digits, and every
 * byte of a multi-byte UTF-8 character but the curly quotes and dashes
 * (handled by punct_len). */
static bool word_byte(unsigned char c)
{
	return ascii_isalpha(c) || ascii_isdigit(c) || c >= 0x80;
}

/* The length of a multi-byte punctuation mark at p (curly quotes, dashes,
 * ellipsis, non-breaking space: E2 80 xx and C2 A0), or 0. */
static size_t punct_len(const unsigned char *p, const unsigned char *e)
{
	if (e - p >= 3 && p[0] == 0xE2 && p[1] == 0x80)
		return 3;
	if (e - p >= 2 && p[0] == 0xC2 &&
	    (p[1] == 0xA0 || p[1] == 0xAB || p[1] == 0xBB))
		return 2;
	return 0;
}

static bool is_quote(const unsigned char *p, size_t n)
{
	if (n == 1)
		return *p == '"';
	if (n == 3)
		return p[2] == 0x9C || p[2] == 0x9D || p[2] == 0x9E;
	return n == 2 && (p[1] == 0xAB || p[1] == 0xBB);
}

/* An apostrophe at p (' or ’) followed by a word byte: inside a word. */
static size_t inner_mark(const unsigned char *p, const unsigned char *e)
{
	size_t n = 0;

	if (*p == '\'' || *p == '-' || *p == '.')
		n = 1;
	else if (e - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)
		n = 3;
	if (!n || p + n >= e || !word_byte(p[n]))
		return 0;
	/* A dot joins only single letters: "U.S.", "a.m.", not "end.Next". */
	return n;
}

static size_t word_len(const unsigned char *s, const unsigned char *e)
{
	const unsigned char *p = s;
	size_t run = 0; /* bytes since the last dot */

	while (p < e) {
		size_t m;

		if (word_byte(*p) && !punct_len(p, e)) {
			p++;
			run++;
			continue;
		}
		m = inner_mark(p, e);
		if (!m || (*p == '.' && run != 1))
			break;
		p += m;
		run = 0;
	}
	/* The closing dot of an abbreviation of single letters: "U.S." */
	if (p < e && *p == '.' && run == 1 && p - s >= 3 && p[-2] == '.')
		p++;
	return (size_t)(p - s);
}

static unsigned word_flags(const unsigned char *s, size_t n)
{
	unsigned f = XT_WORD, upper = 0, lower = 0;

	if (ascii_isdigit(*s))
		f |= XT_DIGIT;
	/* Latin capitals in UTF-8: C3 80..9E (À..Þ), and C4..C5 even
	 * bytes (Ā, Ć, Ł...) near enough. */
	if ((*s >= 'A' && *s <= 'Z') ||
	    (n > 1 && *s == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E) ||
	    (n > 1 && (*s == 0xC4 || *s == 0xC5) && !(s[1] & 1)))
		f |= XT_CAP;
	for (size_t i = 0; i < n; i++) {
		upper += s[i] >= 'A' && s[i] <= 'Z';
		lower += s[i] >= 'a' && s[i] <= 'z';
	}
	if (upper >= 2 && !lower)
		f |= XT_ALLCAP;
	return f;
}

static void push(struct xtoks *t, size_t off, size_t len, unsigned flags)
{
	if (t->n < XTOK_MAX)
		t->v[t->n++] = (struct xtok){off, len, flags};
}

void xtok_split(const char *text, size_t off, size_t len, struct xtoks *t)
{
	const unsigned char *b = (const unsigned char *)text;
	const unsigned char *p = b + off, *e = b + off + len;
	bool inq = false;

	t->n = 0;
	while (p < e && t->n < XTOK_MAX) {
		size_t n = punct_len(p, e);

		if (!n && ascii_isspace(*p)) {
			p++;
			continue;
		}
		if (!n && word_byte(*p)) {
			n = word_len(p, e);
			push(t, (size_t)(p - b), n,
			     word_flags(p, n) | (inq ? XT_INQUOTE : 0));
		} else {
			unsigned f = 0;

			n = n ? n : 1;
			if (is_quote(p, n)) {
				f = XT_QUOTE;
				inq = !inq;
			}
			if (!(n == 2 && p[1] == 0xA0))
				push(t, (size_t)(p - b), n, f);
		}
		p += n;
	}
}

bool xtok_is(const char *text, const struct xtoks *t, size_t i, const char *w)
{
	size_t n;

	/* The first letter first: the word lists are long, and read for
	 * every token. */
	if (i >= t->n || ascii_tolower((unsigned char)text[t->v[i].off]) !=
			     ascii_tolower((unsigned char)w[0]))
		return false;
	n = strlen(w);
	return t->v[i].len == n && !ascii_ncasecmp(text + t->v[i].off, w, n);
}

bool xtok_in(const char *text, const struct xtoks *t, size_t i,
	     const char *const *list)
{
	for (; *list; list++)
		if (xtok_is(text, t, i, *list))
			return true;
	return false;
}

size_t xtok_stem_len(const char *text, const struct xtok *k)
{
	const char *s = text + k->off;
	size_t n = k->len;

	if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
		return n - 2;
	if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3) &&
	    (s[n - 1] == 's' || s[n - 1] == 'S'))
		return n - 4;
	return n;
}

bool xtok_word_in(const char *s, size_t n, const char *const *list)
{
	int c = n ? ascii_tolower((unsigned char)s[0]) : 0;

	for (; *list; list++)
		if (ascii_tolower((unsigned char)(*list)[0]) == c &&
		    strlen(*list) == n && !ascii_ncasecmp(s, *list, n))
			return true;
	return false;
}

void xtok_lower(const char *s, char *out, size_t size)
{
	size_t i = 0;

	for (; s[i] && i + 1 < size; i++)
		out[i] = (char)ascii_tolower((unsigned char)s[i]);
	out[i] = '\0';
}
