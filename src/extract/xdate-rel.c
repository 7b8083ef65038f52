/*
 * xdate-rel.c: the words that name a day by its distance from another
 * ("tomorrow", "the next day", "two days later", "next week"), parts of
 * a stay ("the last two days of the visit"), lengths
 * ("a two-day visit", "for three days"), clock times ("4 p.m.",
 * "10:00-12:00", "1400 GMT", "noon") and years ("in 1998", "since
 * 2019", "last year's summit").
 */
#include "xdate-impl.h"

static size_t possessive(const struct xwin *w, size_t j)
{
	if (xw_punct(w, j, '\'') && xw_is(w, j + 1, "s"))
		return j + 2;
	return j;
}

/* "today", "later today", "this morning", "tonight", "tomorrow". */
static size_t today_words(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const parts[] = {"morning", "afternoon", "evening",
					    NULL};
	size_t j = i + (xw_is(w, i, "later") || xw_is(w, i, "earlier"));

	m->kind = XM_DAYS;
	if (xw_is(w, j, "today") || xw_is(w, j, "tonight"))
		m->rel = XR_TODAY;
	else if (j == i && xw_is(w, i, "this") && xw_in(w, i + 1, parts))
		return m->rel = XR_TODAY, 2;
	else if (j == i && xw_is(w, i, "tomorrow"))
		m->rel = XR_TOMORROW;
	else if (j == i && xw_is(w, i, "yesterday"))
		m->rel = XR_YESTERDAY;
	else
		return 0;
	return j + 1 - i;
}

/* "the next day", "the following day", "the same day", "the day after
 * [tomorrow]", "the day before", "the previous day", "that day". */
static size_t day_words(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const parts[] = {"morning", "afternoon", "evening",
					    "night", NULL};
	static const char *const determiners[] = {
	    "the", "a", "an", "his", "her", "their", "its", "our", NULL};
	size_t j = i + (xw_is(w, i, "the") || xw_is(w, i, "that"));

	m->kind = XM_DAYS;
	/* "the day after the summit ends" counts from an event, not from
	 * the date before it: not read. */
	if (xw_is(w, j, "day") &&
	    (xw_is(w, j + 1, "after") || xw_is(w, j + 1, "before")) &&
	    xw_in(w, j + 2, determiners))
		return 0;
	if (xw_is(w, j, "day") && xw_is(w, j + 1, "after")) {
		if (xw_is(w, j + 2, "tomorrow"))
			return m->rel = XR_AFTER_TOMORROW, j + 3 - i;
		return m->rel = XR_NEXT_DAY, j + 2 - i;
	}
	if (xw_is(w, j, "day") && xw_is(w, j + 1, "before"))
		return m->rel = XR_PREV_DAY, j + 2 - i;
	if (xw_is(w, i, "that") && xw_is(w, j, "day"))
		return m->rel = XR_SAME_DAY, 2;
	/* "the next evening", "the same morning": a part of that day. */
	if (!xw_is(w, j + 1, "day") && !xw_in(w, j + 1, parts))
		return 0;
	if (xw_is(w, j, "next") || xw_is(w, j, "following"))
		m->rel = XR_NEXT_DAY;
	else if (xw_is(w, j, "same") && j > i)
		m->rel = XR_SAME_DAY;
	else if (xw_is(w, j, "previous") && j > i)
		m->rel = XR_PREV_DAY;
	else
		return 0;
	return j + 2 - i;
}

/* Words before a count that make it approximate: "less than",
 * "nearly", "some", "about". */
static const char *const approx[] = {"than",  "nearly", "almost",  "about",
				     "some",  "around", "roughly", "barely",
				     "under", "over",	NULL};

/* "two days later", "a week later", "three days ago", "in two days",
 * "years ago". */
static size_t count_words(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const units[] = {"day", "days", "week", "weeks",
					    NULL};
	int n =
	    xw_is(w, i, "a") || xw_is(w, i, "one") ? 1 : xw_count(w, i, true);
	bool later = xw_is(w, i + 2, "later") || xw_is(w, i + 2, "after");

	if ((xw_is(w, i, "years") || xw_is(w, i, "decades")) &&
	    xw_is(w, i + 1, "ago"))
		return m->kind = XM_RECALL, 2;
	if (n && (xw_is(w, i + 1, "years") || xw_is(w, i + 1, "year")) &&
	    xw_is(w, i + 2, "ago"))
		return m->kind = XM_RECALL, 3;
	if (xw_is(w, i, "in") && xw_in(w, i + 2, units) &&
	    (n = xw_is(w, i + 1, "a") ? 1 : xw_count(w, i + 1, true)) > 0) {
		m->kind = XM_DAYS;
		m->rel = XR_IN_DAYS;
		m->nrel = w->t[i + 2].lw[0] == 'w' ? 7 * n : n;
		return 3;
	}
	if (!n || !xw_in(w, i + 1, units) ||
	    (!later && !xw_is(w, i + 2, "ago")))
		return 0;
	/* "less than two weeks after the elections, held on June 1": a
	 * count told as about is no day. */
	if (i > 0 && xw_in(w, i - 1, approx))
		return 0;
	m->kind = XM_DAYS;
	m->rel = later ? XR_DAYS_LATER : XR_DAYS_AGO;
	m->nrel = w->t[i + 1].lw[0] == 'w' ? 7 * n : n;
	/* "two days after the summit": the summit is the previous date. */
	return 3;
}

/* "next week", "this weekend", "last month", "last year's", "later
 * this month", "earlier this year". */
static size_t span_words(const struct xwin *w, size_t i, struct xmention *m)
{
	static const int codes[3][4] = {
	    {XR_THIS_WEEK, XR_THIS_WEEKEND, XR_THIS_MONTH, XR_THIS_YEAR},
	    {XR_NEXT_WEEK, XR_NEXT_WEEKEND, XR_NEXT_MONTH, XR_NEXT_YEAR},
	    {XR_LAST_WEEK, XR_THIS_WEEKEND, XR_LAST_MONTH, XR_LAST_YEAR},
	};
	static const char *const units[] = {"week", "weekend", "month", "year"};
	size_t j = i + (xw_is(w, i, "later") || xw_is(w, i, "earlier"));
	int which = xw_is(w, j, "this")	  ? 0
		    : xw_is(w, j, "next") ? 1
		    : xw_is(w, j, "last") ? 2
					  : -1;

	if (which < 0 && xw_is(w, i, "the") && xw_is(w, i + 1, "weekend"))
		return m->kind = XM_PERIOD, m->rel = XR_THIS_WEEKEND, 2;
	if (which < 0)
		return 0;
	for (int u = 0; u < 4; u++) {
		if (!xw_is(w, j + 1, units[u]))
			continue;
		m->kind = XM_PERIOD;
		m->rel = codes[which][u];
		if (which == 2 && u >= 2)
			m->kind = XM_RECALL;
		if (xw_is(w, i, "earlier") && u >= 2)
			m->kind = XM_RECALL;
		return possessive(w, j + 2) - i;
	}
	return 0;
}

/* "the last two days of the visit", "the first day of his tour": a
 * part of the stay told just before. */
static size_t part_words(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const firsts[] = {"first", "opening", NULL};
	static const char *const lasts[] = {"last", "final", "closing", NULL};
	static const char *const dets[] = {"the", "his",  "her", "their",
					   "its", "this", NULL};
	static const char *const stays[] = {"visit", "trip",	"tour",
					    "stay",  "mission", NULL};
	size_t j = i + 2;
	int n = 1;

	if (!xw_is(w, i, "the") ||
	    !(xw_in(w, i + 1, firsts) || xw_in(w, i + 1, lasts)))
		return 0;
	if (!xw_is(w, j, "day") && (n = xw_count(w, j++, true)) < 1)
		return 0;
	if (!(xw_is(w, j, n == 1 ? "day" : "days") && xw_is(w, j + 1, "of") &&
	      xw_in(w, j + 2, dets) && xw_in(w, j + 3, stays)))
		return 0;
	m->kind = XM_DAYS;
	m->rel = xw_in(w, i + 1, firsts) ? XR_PART_FIRST : XR_PART_LAST;
	m->nrel = n;
	return j + 4 - i;
}

size_t xpat_rel(const struct xwin *w, size_t i, struct xmention *m)
{
	static const xpat_fn pats[] = {today_words, part_words, day_words,
				       count_words, span_words};

	return xpat_first(pats, sizeof pats / sizeof *pats, false, w, i, m);
}

static int unit_days(const struct xwin *w, size_t i)
{
	if (xw_is(w, i, "day") || xw_is(w, i, "days"))
		return 1;
	if (xw_is(w, i, "week") || xw_is(w, i, "weeks"))
		return 7;
	return 0;
}

/* "two-day", "2-day", "three-week", "week-long", "weeklong". */
static size_t hyphened(const struct xwin *w, size_t i, struct xmention *m)
{
	int n = xw_count(w, i, true), u;
	size_t j;

	if ((xw_is(w, i, "week") || xw_is(w, i, "day")) &&
	    xw_punct(w, i + 1, '-') && xw_is(w, i + 2, "long"))
		return m->ndays = unit_days(w, i), 3;
	if (xw_is(w, i, "weeklong"))
		return m->ndays = 7, 1;
	if (!n || !xw_punct(w, i + 1, '-') || !(u = unit_days(w, i + 2)))
		return 0;
	m->ndays = n * u;
	j = i + 3;
	if (xw_punct(w, j, '-') && xw_is(w, j + 1, "long"))
		j += 2;
	return j - i;
}

size_t xpat_duration(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const lead[] = {
	    "for",     "spend", "spends", "spending", "spent",
	    "lasting", "over",	"stay",	  "stays",    NULL};
	size_t k = hyphened(w, i, m);
	int n, u;

	if (!k && xw_in(w, i, lead)) {
		n = xw_is(w, i + 1, "a") ? 1 : xw_count(w, i + 1, true);
		u = unit_days(w, i + 2);
		if (n && u && !xw_is(w, i + 3, "later") &&
		    !xw_is(w, i + 3, "ago") && !xw_is(w, i + 3, "before") &&
		    !xw_is(w, i + 3, "after")) {
			m->ndays = n * u;
			k = 3;
		}
	}
	if (k)
		m->kind = XM_DURATION;
	return k;
}
