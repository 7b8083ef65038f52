/*
 * xsent.c: sentences (xsent.h).
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/xalloc.h"
#include "xsent.h"
#include "xtok.h"

void xsents_init(struct xsents *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

void xsents_release(struct xsents *s)
{
	free(s->v);
	xsents_init(s);
}

/* Words after whose dot a sentence goes on: month and title
 * abbreviations and the like (compared without case). */
static const char *const abbrevs[] = {
    "jan",  "feb",  "mar",    "apr",  "jun",   "jul", "aug",  "sep",  "sept",
    "oct",  "nov",  "dec",    "mr",   "mrs",   "ms",  "dr",   "st",   "gen",
    "lt",   "col",  "maj",    "capt", "sgt",   "adm", "gov",  "sen",  "rep",
    "rev",  "prof", "no",     "nos",  "vs",    "jr",  "sr",   "inc",  "corp",
    "co",   "ltd",  "mt",     "ft",   "pres",  "amb", "cmdr", "brig", "hon",
    "sec",  "dept", "approx", "fig",  "vol",   "pp",  "cf",   "mon",  "tue",
    "tues", "wed",  "thu",    "thur", "thurs", "fri", "sat",  "sun",  NULL};

/* Words that start a sentence after "U.S." or an initial. */
static const char *const starters[] = {
    "The",   "He",  "She",   "It",  "They", "This", "That",
    "These", "In",  "On",    "But", "And",  "A",    "An",
    "His",   "Her", "Their", "We",  "I",    "Then", NULL};

struct splitter {
	const char *text;
	size_t len;
	bool wrapped;	 /* lines are wrapped at a width */
	size_t short_ln; /* a line shorter than this ends a sentence */
	struct xsents *out;
};

static void grow_push(struct xsents *s, struct xsent v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = v;
}

/* Most of [s, e) inside quotation marks ("..." or “...”). */
static bool mostly_quoted(const char *s, const char *e)
{
	size_t in = 0, all = (size_t)(e - s);
	bool q = false;

	for (const char *p = s; p < e; p++) {
		if (*p == '"' || (e - p >= 3 && !memcmp(p, "\xE2\x80", 2) &&
				  (p[2] == '\x9C' || p[2] == '\x9D'))) {
			q = *p == '"' ? !q : p[2] == '\x9C';
			continue;
		}
		in += q;
	}
	return all && in * 2 > all;
}

static void emit(struct splitter *sp, size_t s, size_t e, bool para)
{
	const char *t = sp->text;

	while (s < e && ascii_isspace((unsigned char)t[s]))
		s++;
	while (e > s && ascii_isspace((unsigned char)t[e - 1]))
		e--;
	if (e == s || sp->out->n >= XSENT_MAX)
		return;
	grow_push(sp->out,
		  (struct xsent){s, e - s, para, mostly_quoted(t + s, t + e)});
}

/* Look at the lines: wrapped text has many lines of one width and none
 * much longer. */
static void measure_lines(struct splitter *sp)
{
	size_t full = 0, lines = 0, longest = 0, over = 0, start = 0;

	for (size_t i = 0; i <= sp->len; i++) {
		size_t n;

		if (i < sp->len && sp->text[i] != '\n')
			continue;
		n = i - start;
		start = i + 1;
		if (!n)
			continue;
		lines++;
		if (n > 100)
			over++;
		else if (n > longest)
			longest = n;
		full += n >= 55 && n <= 100;
	}
	sp->wrapped = full >= 4 && over * 10 < lines && full * 2 >= lines;
	sp->short_ln = longest * 3 / 5;
}

/* The closing marks after a sentence's end: quotes, brackets. */
static size_t skip_closers(const char *t, size_t i, size_t len)
{
	for (;;) {
		if (i < len && (t[i] == '"' || t[i] == ')' || t[i] == '\''))
			i++;
		else if (len - i >= 3 && !memcmp(t + i, "\xE2\x80", 2) &&
			 (t[i + 2] == '\x9D' || t[i + 2] == '\x99'))
			i += 3;
		else
			return i;
	}
}

/* The word before the dot at i: [*ws, i). */
static size_t word_before(const char *t, size_t i, size_t *ws)
{
	size_t s = i;

	while (s > 0 && (ascii_isalpha((unsigned char)t[s - 1]) ||
			 ascii_isdigit((unsigned char)t[s - 1]) ||
			 t[s - 1] == '.' || (unsigned char)t[s - 1] >= 0x80))
		s--;
	*ws = s;
	return i - s;
}

/* Whether the word at n (the one after a possible end) starts a
 * sentence as the listed words do. */
static bool starter_at(const char *t, size_t n, size_t len)
{
	size_t e = n;

	while (e < len && ascii_isalpha((unsigned char)t[e]))
		e++;
	return xtok_word_in(t + n, e - n, starters) && t[n] >= 'A' &&
	       t[n] <= 'Z';
}

/* Whether the mark at i ends a sentence; *end gets where it ends (after
 * closing quotes). */
static bool sentence_end(const struct splitter *sp, size_t i, size_t *end)
{
	const char *t = sp->text;
	size_t q = skip_closers(t, i + 1, sp->len), n = q, ws, wl;
	unsigned char c;

	if (q < sp->len && !ascii_isspace((unsigned char)t[q]))
		return false;
	while (n < sp->len && ascii_isspace((unsigned char)t[n]))
		n++;
	*end = q;
	if (n >= sp->len)
		return true;
	c = (unsigned char)t[n];
	if ((c >= 'a' && c <= 'z') || c == ',' || c == ';' || c == ':' ||
	    c == ')')
		return false;
	if (t[i] != '.')
		return true;
	wl = word_before(t, i, &ws);
	if (wl == 1 && t[ws] >= 'A' && t[ws] <= 'Z')
		return starter_at(t, n, sp->len); /* an initial */
	if (memchr(t + ws, '.', wl))
		return starter_at(t, n, sp->len); /* "U.S.", "a.m." */
	if (xtok_word_in(t + ws, wl, abbrevs))
		return false;
	return true;
}

/* A line break at i: a paragraph break (a blank line follows) or the end
 * of a line that ends a sentence. Returns where the next sentence starts,
 * or 0 when the break is a space within a sentence. */
static size_t line_break(const struct splitter *sp, size_t i, size_t line,
			 bool *para)
{
	size_t j = i + 1;

	while (j < sp->len && (sp->text[j] == ' ' || sp->text[j] == '\t' ||
			       sp->text[j] == '\r'))
		j++;
	if (j < sp->len && sp->text[j] == '\n') {
		*para = true;
		return j + 1;
	}
	if (!sp->wrapped || i - line < sp->short_ln) {
		*para = true;
		return i + 1;
	}
	return 0;
}

/* At a sentence too long: true at a space (or far past the limit, at a
 * character boundary). */
static bool cut_here(const char *t, size_t s, size_t i)
{
	if (i < s || i - s < XSENT_MAXLEN)
		return false; /* (i < s: inside the closing quote just passed)
			       */
	return t[i] == ' ' || (i - s >= XSENT_MAXLEN + 200 &&
			       ((unsigned char)t[i] & 0xC0) != 0x80);
}

void xsent_split(const char *text, size_t len, struct xsents *out)
{
	struct splitter sp = {text, len, false, 0, out};
	size_t s = 0, line = 0, end;
	bool para = true, next_para = false;

	measure_lines(&sp);
	for (size_t i = 0; i < len && out->n < XSENT_MAX; i++) {
		char c = text[i];

		if (c == '\n') {
			size_t n = line_break(&sp, i, line, &next_para);

			line = i + 1;
			if (!n)
				continue;
			emit(&sp, s, i, para);
			para = next_para;
			s = line = n;
			i = n - 1;
		} else if ((c == '.' || c == '!' || c == '?') &&
			   sentence_end(&sp, i, &end)) {
			emit(&sp, s, end, para);
			para = false;
			s = end;
		} else if (cut_here(text, s, i)) {
			emit(&sp, s, i, para);
			para = false;
			s = i;
		}
	}
	emit(&sp, s, len, para);
}
