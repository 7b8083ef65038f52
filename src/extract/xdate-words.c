/*
 * xdate-words.c: the tokens the date scanners read (xdate-impl.h).
 *
 * Words are runs of ASCII letters, numbers runs of digits (an ordinal
 * suffix kept with its number: "30th"), and every other character one
 * punctuation token. The dashes people type for ranges (en and em dash,
 * minus, figure dash, "--") all become '-', curly apostrophes '\'', so
 * the patterns need to know only one of each. Month, weekday and number
 * words are looked up once here, when the token is read.
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/utf8.h"
#include "xdate-impl.h"

static const char *const months[] = {
    "january", "february", "march",	"april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

static const char *const wdays[] = {
    "sunday",	"monday", "tuesday",  "wednesday",
    "thursday", "friday", "saturday",
};

static const char *const numwords[] = {
    "one",     "two",	    "three",	"four",	    "five",
    "six",     "seven",	    "eight",	"nine",	    "ten",
    "eleven",  "twelve",    "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

/* The first letters compared inline: most words differ there, and the
 * patterns ask about every token. */
static bool same_word(const char *lw, const char *word)
{
	return lw[0] == word[0] && !strcmp(lw, word);
}

/* The abbreviations besides the first three letters of the name. */
static int month_abbr_of(const char *lw)
{
	if (!strcmp(lw, "sept"))
		return 9;
	for (int i = 0; i < 12; i++)
		if (!strncmp(lw, months[i], 3) && lw[3] == '\0')
			return i + 1;
	return 0;
}

static int wday_abbr_of(const char *lw)
{
	static const char *const more[] = {"tues", "thur", "thurs", "weds"};
	static const int more_wd[] = {2, 4, 4, 3};

	for (int i = 0; i < 4; i++)
		if (!strcmp(lw, more[i]))
			return more_wd[i];
	for (int i = 0; i < 7; i++)
		if (!strncmp(lw, wdays[i], 3) && lw[3] == '\0')
			return i;
	return -1;
}

static void classify_word(struct xtok *t)
{
	t->month = 0;
	t->wday = -1;
	t->abbr = false;
	t->num = 0;
	if (!t->lw[0] || strlen(t->lw) > 9)
		return;
	for (int i = 0; i < 12; i++)
		if (same_word(t->lw, months[i]))
			t->month = i + 1;
	for (int i = 0; i < 7; i++)
		if (same_word(t->lw, wdays[i]))
			t->wday = i;
	for (int i = 0; i < 20; i++)
		if (same_word(t->lw, numwords[i]))
			t->num = i + 1;
	if (same_word(t->lw, "thirty"))
		t->num = 30;
	if (!t->month && t->wday < 0 && strlen(t->lw) >= 3 &&
	    strlen(t->lw) <= 5) {
		t->month = month_abbr_of(t->lw);
		t->wday = wday_abbr_of(t->lw);
		t->abbr = t->month || t->wday >= 0;
	}
}

static size_t read_word(const char *s, size_t pos, size_t end, struct xtok *t)
{
	size_t p = pos;
	bool upper = true;

	while (p < end && ascii_isalpha((unsigned char)s[p])) {
		if (s[p] >= 'a' && s[p] <= 'z')
			upper = false;
		p++;
	}
	t->kind = XT_WORD;
	t->cap = s[pos] >= 'A' && s[pos] <= 'Z';
	t->upper = upper && p - pos > 1;
	if (p - pos < sizeof t->lw) {
		for (size_t k = pos; k < p; k++)
			t->lw[k - pos] =
			    (char)ascii_tolower((unsigned char)s[k]);
		t->lw[p - pos] = '\0';
	}
	classify_word(t);
	return p;
}

static bool is_suffix(const char *s, size_t p, size_t end)
{
	static const char *const sfx[] = {"st", "nd", "rd", "th"};

	if (p + 2 > end)
		return false;
	if (p + 2 < end && ascii_isalpha((unsigned char)s[p + 2]))
		return false;
	for (int i = 0; i < 4; i++)
		if (ascii_tolower((unsigned char)s[p]) == sfx[i][0] &&
		    ascii_tolower((unsigned char)s[p + 1]) == sfx[i][1])
			return true;
	return false;
}

static size_t read_number(const char *s, size_t pos, size_t end, struct xtok *t)
{
	size_t p = pos;
	long v = 0;

	while (p < end && ascii_isdigit((unsigned char)s[p])) {
		if (v <= 99999)
			v = v * 10 + (s[p] - '0');
		p++;
	}
	t->kind = XT_NUM;
	t->ndig = p - pos > 99 ? 99 : (int)(p - pos);
	t->val = v > 99999 ? -1 : (int)v;
	if (is_suffix(s, p, end)) {
		t->ord = true;
		p += 2;
	}
	return p;
}

/* The punctuation a multi-byte character stands for. */
static char wide_punct(const unsigned char *u, size_t n)
{
	if (n == 3 && u[0] == 0xe2 && u[1] == 0x80) {
		if (u[2] >= 0x90 && u[2] <= 0x95)
			return '-'; /* hyphen, figure, en, em dash, bar */
		if (u[2] == 0x98 || u[2] == 0x99)
			return '\'';
		if (u[2] == 0x9c || u[2] == 0x9d)
			return '"';
	}
	if (n == 3 && u[0] == 0xe2 && u[1] == 0x88 && u[2] == 0x92)
		return '-'; /* minus sign */
	return '?';
}

/* Blanks, line breaks and the wide spaces (no-break, thin). */
static size_t space_len(const char *s, size_t p, size_t end, bool *nl)
{
	const unsigned char *u = (const unsigned char *)s + p;

	if (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' || s[p] == '\f' ||
	    s[p] == '\v')
		return 1;
	if (s[p] == '\n') {
		*nl = true;
		return 1;
	}
	if (p + 1 < end && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (p + 2 < end && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0x89 || u[2] == 0xaf || u[2] == 0x8a))
		return 3;
	return 0;
}

static size_t read_punct(const char *s, size_t pos, size_t end, struct xtok *t)
{
	uint32_t cp;
	/* A stray or cut byte is one byte of punctuation, '?' below. */
	size_t n = utf8_decode(s + pos, end - pos, &cp);

	t->kind = XT_PUNCT;
	if (!n)
		n = 1;
	t->c = n == 1 ? s[pos] : wide_punct((const unsigned char *)s + pos, n);
	if (n == 1 && (s[pos] & 0x80))
		t->c = '?';
	/* "--" is one dash, as typewriters wrote an em dash. */
	if (n == 1 && s[pos] == '-' && pos + 1 < end && s[pos + 1] == '-')
		n = 2;
	return pos + n;
}

bool xtok_next(const char *text, size_t pos, size_t end, struct xtok *t,
	       size_t *next)
{
	size_t p = pos, k;
	bool nl = false, sp = false;

	while (p < end && (k = space_len(text, p, end, &nl)) > 0) {
		p += k;
		sp = true;
	}
	if (p >= end)
		return false;
	memset(t, 0, sizeof *t);
	t->wday = -1;
	t->off = p;
	t->sp = sp || p == 0;
	t->nl = nl;
	if (ascii_isalpha((unsigned char)text[p]))
		*next = read_word(text, p, end, t);
	else if (ascii_isdigit((unsigned char)text[p]))
		*next = read_number(text, p, end, t);
	else
		*next = read_punct(text, p, end, t);
	t->len = *next - p;
	return true;
}

bool xw_is(const struct xwin *w, size_t i, const char *word)
{
	return i < w->n && w->t[i].kind == XT_WORD &&
	       same_word(w->t[i].lw, word);
}

bool xw_in(const struct xwin *w, size_t i, const char *const *words)
{
	if (i >= w->n || w->t[i].kind != XT_WORD || !w->t[i].lw[0])
		return false;
	for (; *words; words++)
		if (same_word(w->t[i].lw, *words))
			return true;
	return false;
}

bool xw_punct(const struct xwin *w, size_t i, char c)
{
	return i < w->n && w->t[i].kind == XT_PUNCT && w->t[i].c == c;
}

bool xw_tight(const struct xwin *w, size_t i, char c)
{
	return xw_punct(w, i, c) && !w->t[i].sp && i + 1 < w->n &&
	       !w->t[i + 1].sp;
}

int xw_count(const struct xwin *w, size_t i, bool words)
{
	if (i >= w->n)
		return 0;
	if (w->t[i].kind == XT_NUM && !w->t[i].ord && w->t[i].val > 0 &&
	    w->t[i].val <= 366)
		return w->t[i].val;
	if (words && w->t[i].kind == XT_WORD)
		return w->t[i].num;
	return 0;
}

void xm_clear(struct xmention *m)
{
	memset(m, 0, sizeof *m);
	m->clock = -1;
	m->clock_end = -1;
	m->wday = -1;
	m->wday2 = -1;
}

size_t xpat_first(const xpat_fn *pats, size_t n, bool clear,
		  const struct xwin *w, size_t i, struct xmention *m)
{
	size_t k;

	for (size_t p = 0; p < n; p++) {
		if (clear)
			xm_clear(m);
		if ((k = pats[p](w, i, m)) > 0)
			return k;
	}
	return 0;
}
