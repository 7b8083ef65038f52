/*
 * xdate-clock.c: clock times ("at 4 pm", "4 p.m.", "10:00", "10.30 am",
 * "noon", "from 10:00 to 12:00", "2 to 4 pm", "1400 GMT", "16:00 local
 * time") and years alone ("in 1998", "since 2019", "the 2019 summit",
 * "2019's").
 */
#include "xdate-impl.h"

/* "am", "pm", "a.m.", "p.m.": tokens read, *pm set. */
static size_t meridiem(const struct xwin *w, size_t j, bool *pm)
{
	if (xw_is(w, j, "am") || xw_is(w, j, "pm")) {
		*pm = w->t[j].lw[0] == 'p';
		return 1;
	}
	if ((xw_is(w, j, "a") || xw_is(w, j, "p")) && xw_punct(w, j + 1, '.') &&
	    xw_is(w, j + 2, "m")) {
		*pm = w->t[j].lw[0] == 'p';
		return xw_punct(w, j + 3, '.') ? 4 : 3;
	}
	return 0;
}

static bool zone_word(const struct xwin *w, size_t j)
{
	static const char *const z[] = {"gmt", "utc", "local", "hrs", "hours",
					"cet", "est", "edt",   NULL};

	return xw_in(w, j, z);
}

/* "HH[:MM[:SS]]" digits: tokens read, *h, *mi (minutes and seconds,
 * in seconds), *sep (':' '.' or 0). */
static size_t clock_digits(const struct xwin *w, size_t i, int *h, int *mi,
			   char *sep)
{
	size_t j = i + 1;

	*mi = 0;
	*sep = 0;
	if (i >= w->n || w->t[i].kind != XT_NUM || w->t[i].ord ||
	    w->t[i].ndig > 2 || w->t[i].val > 24)
		return 0;
	*h = w->t[i].val;
	if ((xw_tight(w, j, ':') || xw_tight(w, j, '.')) &&
	    w->t[j + 1].kind == XT_NUM && w->t[j + 1].ndig == 2 &&
	    w->t[j + 1].val < 60) {
		*sep = w->t[j].c;
		*mi = w->t[j + 1].val * 60;
		j += 2;
		if (*sep == ':' && xw_tight(w, j, ':') &&
		    w->t[j + 1].kind == XT_NUM && w->t[j + 1].ndig == 2 &&
		    w->t[j + 1].val < 60) {
			*mi += w->t[j + 1].val;
			j += 2;
		}
	}
	return j - i;
}

/* One clock time at t[i]: tokens read, *secs; *bare for a plain hour
 * ("2" in "2 to 4 pm") that takes the meridiem of the time after it. */
static size_t clock_one(const struct xwin *w, size_t i, int *secs, bool *bare)
{
	int h = 0, mi = 0;
	char sep;
	bool pm;
	size_t k, r;

	*bare = false;
	if (xw_is(w, i, "noon") || xw_is(w, i, "midday"))
		return *secs = 12 * 3600, 1;
	if (i < w->n && w->t[i].kind == XT_NUM && w->t[i].ndig == 4 &&
	    zone_word(w, i + 1) && w->t[i].val % 100 < 60 &&
	    w->t[i].val / 100 < 24)
		return *secs =
			   w->t[i].val / 100 * 3600 + w->t[i].val % 100 * 60,
		       1;
	if (!(k = clock_digits(w, i, &h, &mi, &sep)))
		return 0;
	if ((r = meridiem(w, i + k, &pm)) && h >= 1 && h <= 12) {
		*secs = ((h % 12) + (pm ? 12 : 0)) * 3600 + mi;
		return k + r;
	}
	if (h == 24 || (sep != ':' && !(sep == '.' && zone_word(w, i + k)))) {
		*bare = !sep && h >= 1 && h <= 12;
		*secs = h * 3600;
		return *bare ? 1 : 0;
	}
	*secs = h * 3600 + mi;
	return k;
}

size_t xpat_clock(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const seps[] = {"to", "until", "till", "and", NULL};
	int a = 0, b = 0;
	bool bare_a, bare_b;
	size_t k = clock_one(w, i, &a, &bare_a), s, k2;

	if (!k)
		return 0;
	s = xw_punct(w, i + k, '-') || xw_in(w, i + k, seps) ? 1 : 0;
	k2 = s ? clock_one(w, i + k + s, &b, &bare_b) : 0;
	if (k2 && bare_b)
		k2 = 0;
	if (bare_a) {
		/* "2 to 4 pm": the first takes the second's half of day. */
		if (!k2)
			return 0;
		if (b >= 13 * 3600 && a + 12 * 3600 <= b)
			a += 12 * 3600;
	}
	m->kind = XM_CLOCK;
	m->clock = a;
	if (k2) {
		m->clock_end = b;
		return k + s + k2;
	}
	return k;
}

static bool year_num(const struct xwin *w, size_t i, int *y)
{
	if (i >= w->n || w->t[i].kind != XT_NUM || w->t[i].ndig != 4 ||
	    w->t[i].ord || w->t[i].val < 1800 || w->t[i].val > 2200)
		return false;
	if (xw_tight(w, i + 1, '-') || xw_tight(w, i + 1, '/') ||
	    xw_tight(w, i + 1, '.') || xw_tight(w, i + 1, ':'))
		return false;
	*y = w->t[i].val;
	return true;
}

size_t xpat_year(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const before[] = {
	    "in",     "during", "of",	  "early",	"late",
	    "mid",    "by",	"from",	  "until",	"the",
	    "before", "after",	"around", "throughout", NULL};
	int y = 0;

	if (xw_is(w, i, "since") && year_num(w, i + 1, &y)) {
		m->kind = XM_RECALL;
		m->y = y;
		return 2;
	}
	if (!year_num(w, i, &y))
		return 0;
	if ((i > 0 && xw_in(w, i - 1, before)) ||
	    (xw_punct(w, i + 1, '\'') && xw_is(w, i + 2, "s"))) {
		m->kind = XM_PERIOD;
		m->y = y;
		return 1;
	}
	return 0;
}
