/*
 * xdate-dates.c: the absolute dates and weekdays of a token window.
 *
 *   month first   "July 11-12", "Oct. 23 to 26", "Oct 30 - Nov 2",
 *                 "May 7 and 8", "February 1, 2024", "Sept. 9-10, 2023"
 *   day first     "11-12 July", "29 October - 01 November", "1 February
 *                 2024", "the 25th of July", "6 and 9 March"
 *   numeric       "2023-01-30" (ISO), "01/03/2006", "30.01.2023",
 *                 "01/03" (the order left to xdate_resolve)
 *   month alone   "March 2019", "in March", "in March last year"
 *   weekday       "Sunday", "Tuesday, Feb 18", "Monday to Wednesday",
 *                 "Tuesday next week"
 *
 * Month names count only when capitalised, which keeps the verbs "may"
 * and "march" out; weekday abbreviations only before a date ("Tue, Feb
 * 18"), which keeps "the Sun" out.
 */
#include "itin/datetime.h"
#include "xdate-impl.h"

static bool day_tok(const struct xwin *w, size_t i, int *d)
{
	if (i >= w->n || w->t[i].kind != XT_NUM || w->t[i].ndig > 2 ||
	    w->t[i].val < 1 || w->t[i].val > 31)
		return false;
	*d = w->t[i].val;
	return true;
}

static bool year_tok(const struct xwin *w, size_t i, int *y)
{
	if (i >= w->n || w->t[i].kind != XT_NUM || w->t[i].ndig != 4 ||
	    w->t[i].ord || w->t[i].val < 1800 || w->t[i].val > 2200)
		return false;
	*y = w->t[i].val;
	return true;
}

/* A month's name, and the full stop of its abbreviation: tokens read. */
static size_t month_tok(const struct xwin *w, size_t i, int *m)
{
	if (i >= w->n || w->t[i].kind != XT_WORD || !w->t[i].month ||
	    !w->t[i].cap)
		return 0;
	*m = w->t[i].month;
	if (w->t[i].abbr && xw_punct(w, i + 1, '.') && !w->t[i + 1].sp)
		return 2;
	return 1;
}

/* A range's separator: a dash, "to", "through", "until", "and". */
static size_t range_sep(const struct xwin *w, size_t i, bool *and)
{
	static const char *const words[] = {"to",   "through", "thru", "until",
					    "till", "and",     NULL};

	*and = xw_is(w, i, "and") || xw_punct(w, i, '&');
	if (xw_punct(w, i, '-') || xw_punct(w, i, '&') || xw_in(w, i, words))
		return 1;
	return 0;
}

/* [","] YEAR after a day: the token after, *y set or left. */
static size_t year_after(const struct xwin *w, size_t j, int *y)
{
	if (xw_punct(w, j, ',') && year_tok(w, j + 1, y))
		return j + 2;
	if (year_tok(w, j, y))
		return j + 1;
	return j;
}

/* A day followed by ":30" is a clock ("May 10:30" is not 10 May). */
static bool clock_follows(const struct xwin *w, size_t j)
{
	return xw_tight(w, j, ':') || xw_tight(w, j, '.');
}

/* "last|this|next UNIT" at j: m->rel gets codes[0], [1] or [2]; the
 * token after it, or j when it is not there. */
static size_t which_unit(const struct xwin *w, size_t j, const char *unit,
			 const int codes[3], struct xmention *m)
{
	static const char *const which[] = {"last", "this", "next"};

	if (!xw_is(w, j + 1, unit))
		return j;
	for (int k = 0; k < 3; k++)
		if (xw_is(w, j, which[k])) {
			m->rel = codes[k];
			return j + 2;
		}
	return j;
}

/* "last year", "this year", "next year" after a month or a date. */
static size_t year_word(const struct xwin *w, size_t j, struct xmention *m)
{
	static const int codes[] = {XR_Y_LAST, XR_Y_THIS, XR_Y_NEXT};

	return which_unit(w, j, "year", codes, m);
}

static void set_end(struct xmention *m, int m2, int d2, int y2)
{
	m->m2 = m2;
	m->d2 = d2;
	m->y2 = y2;
	if (y2 && !m->y)
		m->y = m2 < m->m ? y2 - 1 : y2;
	if (m->y && !y2)
		m->y2 = m2 < m->m ? m->y + 1 : m->y;
}

/* After "July 11": "-12", " to 26", " - Aug 2", " and 8". */
static size_t md_tail(const struct xwin *w, size_t j, struct xmention *m)
{
	bool and;
	size_t s = range_sep(w, j, &and), q, k;
	int m2 = m->m, d2 = 0, y2 = 0;

	if (!s)
		return j;
	q = j + s;
	k = month_tok(w, q, &m2);
	q += k;
	if (!day_tok(w, q, &d2) || clock_follows(w, q + 1))
		return j;
	if (!k && (d2 <= m->d || (and&&d2 - m->d > 14)))
		return j;
	q = year_after(w, q + 1, &y2);
	set_end(m, m2, d2, y2);
	return q;
}

static size_t md_at(const struct xwin *w, size_t i, struct xmention *m)
{
	int mo = 0, d = 0, y = 0;
	size_t k = month_tok(w, i, &mo), j;

	if (!k || !day_tok(w, i + k, &d) || clock_follows(w, i + k + 1))
		return 0;
	j = year_after(w, i + k + 1, &y);
	m->kind = XM_DAYS;
	m->m = mo;
	m->d = d;
	m->y = y;
	j = md_tail(w, j, m);
	if (!m->y)
		j = year_word(w, j, m);
	return j - i;
}

/* "[of] July [2023]" after a day: the token after, or 0. */
static size_t month_after(const struct xwin *w, size_t j, int *mo)
{
	size_t k;

	if (xw_is(w, j, "of"))
		j++;
	k = month_tok(w, j, mo);
	return k ? j + k : 0;
}

/* After "29 October": " - 01 November [2023]". */
static size_t dm_tail(const struct xwin *w, size_t j, struct xmention *m)
{
	bool and;
	size_t s = range_sep(w, j, &and), q;
	int m2 = 0, d2 = 0, y2 = 0;

	if (!s || !day_tok(w, j + s, &d2))
		return j;
	q = month_after(w, j + s + 1, &m2);
	if (!q)
		return j;
	q = year_after(w, q, &y2);
	set_end(m, m2, d2, y2);
	return q;
}

/* A dash glued to a month name after it: "08-Nov-2024". */
static bool dashed(const struct xwin *w, size_t j)
{
	return xw_tight(w, j, '-') && w->t[j + 1].kind == XT_WORD &&
	       w->t[j + 1].month && w->t[j + 1].cap;
}

/* "08-Nov-2024", "8-Nov": j at the month. */
static size_t dm_dashed(const struct xwin *w, size_t i, size_t j, int d,
			struct xmention *m)
{
	int mo = w->t[j].month, y = 0;

	j++;
	if (xw_tight(w, j, '-') && year_tok(w, j + 1, &y))
		j += 2;
	m->kind = XM_DAYS;
	m->d = d;
	m->m = mo;
	m->y = y;
	return j - i;
}

static size_t dm_at(const struct xwin *w, size_t i, struct xmention *m)
{
	size_t j = i + xw_is(w, i, "the"), q, s;
	int d = 0, d2 = 0, mo = 0, y = 0;
	bool and;

	if (!day_tok(w, j, &d) || clock_follows(w, j + 1))
		return 0;
	j++;
	if (dashed(w, j))
		return dm_dashed(w, i, j + 1, d, m);
	s = range_sep(w, j, &and);
	if (s && day_tok(w, j + s, &d2) && d2 > d &&
	    month_after(w, j + s + 1, &mo))
		j += s + 1;
	else
		d2 = 0;
	q = month_after(w, j, &mo);
	if (!q)
		return 0;
	q = year_after(w, q, &y);
	m->kind = XM_DAYS;
	m->d = d;
	m->m = mo;
	m->y = y;
	if (d2)
		set_end(m, mo, d2, y);
	else
		q = dm_tail(w, q, m);
	if (!m->y)
		q = year_word(w, q, m);
	return q - i;
}

/* A number glued to a separator before it is inside something longer
 * ("1.2.3.4", "v2/3/4"). */
static bool glued_before(const struct xwin *w, size_t i)
{
	return i > 0 && !w->t[i].sp && w->t[i - 1].kind != XT_WORD &&
	       (w->t[i - 1].kind == XT_NUM || w->t[i - 1].c == '.' ||
		w->t[i - 1].c == '/' || w->t[i - 1].c == '-' ||
		w->t[i - 1].c == ':');
}

static int num_of(const struct xwin *w, size_t i, int maxdig)
{
	if (i >= w->n || w->t[i].kind != XT_NUM || w->t[i].ord ||
	    w->t[i].ndig > maxdig)
		return -1;
	return w->t[i].val;
}

/* "2023-01-30", "01/03/2006", "30.01.2023", "1/30/23", "01/03". */
static size_t numeric_at(const struct xwin *w, size_t i, struct xmention *m)
{
	int a = num_of(w, i, 4), b = num_of(w, i + 2, 2), c;
	char sep = i + 1 < w->n ? w->t[i + 1].c : 0;

	if (a < 0 || b < 1 || glued_before(w, i) ||
	    (sep != '/' && sep != '.' && sep != '-') ||
	    !xw_tight(w, i + 1, sep))
		return 0;
	c = xw_tight(w, i + 3, sep) ? num_of(w, i + 4, 4) : -1;
	if (c >= 0 && (xw_tight(w, i + 5, sep) || xw_tight(w, i + 5, '.')))
		return 0; /* "1.2.3.4" or "1/2/3." no: a version or a list */
	m->kind = XM_DAYS;
	if (w->t[i].ndig == 4 && c >= 0 && w->t[i + 4].ndig <= 2) {
		if (!date_is_valid(a, b, c))
			return 0;
		m->y = a, m->m = b, m->d = c;
		return 5;
	}
	if (w->t[i].ndig > 2 || a < 1 || a > 31 || b > 31)
		return 0;
	if (c >= 0 &&
	    (w->t[i + 4].ndig == 4 || (w->t[i + 4].ndig == 2 && sep == '/'))) {
		m->rel = XR_NUMERIC;
		m->y = w->t[i + 4].ndig == 2 ? 2000 + c : c;
		m->m = a, m->d = b;
		return 5;
	}
	if (c < 0 && sep == '/' && w->t[i].ndig == 2 && w->t[i + 2].ndig == 2 &&
	    (a <= 12 || b <= 12)) {
		m->rel = XR_NUMERIC;
		m->m = a, m->d = b;
		return 3;
	}
	return 0;
}

/* "March 2019", "in March", "in March last year": a month, no day. */
static size_t month_alone(const struct xwin *w, size_t i, struct xmention *m)
{
	static const char *const before[] = {
	    "in",   "early", "late",  "mid",	"during", "until",
	    "till", "by",    "since", "from",	"of",	  "through",
	    "last", "next",  "this",  "before", "after",  NULL};
	int mo = 0, y = 0;
	size_t k = month_tok(w, i, &mo), j;

	if (!k || w->t[i].abbr)
		return 0;
	m->kind = XM_PERIOD;
	m->m = mo;
	if (year_tok(w, i + k, &y)) {
		m->y = y;
		return k + 1;
	}
	/* "in March", "mid-March", "early-March". */
	if (i == 0 ||
	    !(xw_in(w, i - 1, before) ||
	      (i > 1 && xw_punct(w, i - 1, '-') && xw_in(w, i - 2, before))))
		return 0;
	j = year_word(w, i + k, m);
	return j - i;
}

size_t xpat_date(const struct xwin *w, size_t i, struct xmention *m)
{
	static const xpat_fn pats[] = {numeric_at, md_at, dm_at, month_alone};

	return xpat_first(pats, sizeof pats / sizeof *pats, false, w, i, m);
}

static bool is_wday(const struct xwin *w, size_t i, bool abbr_too)
{
	return i < w->n && w->t[i].kind == XT_WORD && w->t[i].wday >= 0 &&
	       w->t[i].cap && (abbr_too || !w->t[i].abbr);
}

/* After a weekday: "next week", "of next week", "last week". */
static size_t week_word(const struct xwin *w, size_t j, struct xmention *m)
{
	static const int codes[] = {XR_WD_LAST_WEEK, XR_WD_THIS_WEEK,
				    XR_WD_NEXT_WEEK};
	size_t q = j + xw_is(w, j, "of"),
	       k = which_unit(w, q, "week", codes, m);

	return k == q ? j : k;
}

size_t xpat_weekday(const struct xwin *w, size_t i, struct xmention *m)
{
	size_t j = i + 1, k;
	bool and;

	if (!is_wday(w, i, true))
		return 0;
	if (xw_punct(w, j, ',') || xw_punct(w, j, '.') || xw_punct(w, j, '('))
		j++;
	if ((k = md_at(w, j, m)) || (k = dm_at(w, j, m))) {
		/* "Tuesday (Feb. 18)": the bracket closes within. */
		k += xw_punct(w, j - 1, '(') && xw_punct(w, j + k, ')');
		m->wday = w->t[i].wday;
		return j + k - i;
	}
	if (w->t[i].abbr)
		return 0;
	xm_clear(m);
	m->kind = XM_DAYS;
	m->wday = w->t[i].wday;
	j = i + 1;
	/* "Saturday (25)", Brazil's and Portugal's style: the weekday and
	 * its day of the month, the month left to the reader. */
	if (xw_punct(w, j, '(') && j + 2 < w->n && w->t[j + 1].kind == XT_NUM &&
	    !w->t[j + 1].ord && w->t[j + 1].val >= 1 && w->t[j + 1].val <= 31 &&
	    xw_punct(w, j + 2, ')')) {
		m->d = w->t[j + 1].val;
		j += 3;
	}
	k = range_sep(w, j, &and);
	if (k && is_wday(w, j + k, false) && w->t[j + k].wday != m->wday) {
		size_t e = j + k + 1;

		m->wday2 = w->t[j + k].wday;
		/* "From Saturday (25) to Monday (27)" */
		if (m->d && xw_punct(w, e, '(') && e + 2 < w->n &&
		    w->t[e + 1].kind == XT_NUM && xw_punct(w, e + 2, ')'))
			e += 3;
		return e - i;
	}
	return week_word(w, j, m) - i;
}

enum xdate_order xdate_numeric_order(const struct xmention *m)
{
	if (m->rel != XR_NUMERIC)
		return XDATE_ORDER_UNKNOWN;
	if (m->m > 12 && m->d <= 12)
		return XDATE_DMY;
	if (m->d > 12 && m->m <= 12)
		return XDATE_MDY;
	return XDATE_ORDER_UNKNOWN;
}
