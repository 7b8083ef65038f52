/*
 * xdate-cands.c: the days a mention may mean, each with its cost (the
 * rule is told at the top of xdate-resolve.c).
 *
 *   a date with its year       that day (and its range's end)
 *   a month and day, no year   the year before, of and after the
 *                              document date ("Tuesday, Feb 18": the
 *                              year whose Feb 18 is a Tuesday costs less)
 *   a numeric date             in the order its fields, the date line or
 *                              the text decide; else the nearer reading,
 *                              warned
 *   a weekday                  the week before, of and the two after, or
 *                              the one "next", "last", "next week" fix;
 *                              and the first after a date written just
 *                              before it, when beyond those weeks
 *   today, next week, ...      the day or span they name
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "xdate-impl.h"
#include "xdate-res.h"

/* A day told as to come but before the document date: a report
 * syndicated a day late still says "will", so yesterday costs little;
 * two days back or more, or yesterday when the text dates its source's
 * words to the document date ("will arrive on Sunday, the ministry said
 * Monday"), costs what a past told of days to come does, so that a plan
 * of six weekdays told on a Wednesday is not pulled back to start on
 * the Sunday before. */
static long tense_pen(enum xtense t, int64_t first, int64_t last, int64_t D,
		      bool spoken_on_D)
{
	long v;

	/* A stay told as to come begins after the date line: "will be in
	 * New Delhi from Sunday to Tuesday" in a report of Tuesday is not
	 * the stay that ends today. One told in the present may be under
	 * way. */
	if ((t == XTENSE_FUTURE && first < D) ||
	    (t == XTENSE_PRESENT && last < D)) {
		v = (long)(D - (t == XTENSE_FUTURE ? first : last));
		return spoken_on_D || v > 1 ? 10 * v + v * v : v * (v + 1);
	}
	if (t == XTENSE_PAST && first > D) {
		v = (long)(first - D);
		return 10 * v + v * v;
	}
	return 0;
}

void xres_add(struct rctx *r, size_t i, int64_t first, int64_t last)
{
	struct xmention *x = &r->ms->v[i];
	struct cand *c;
	int64_t dist = first > r->D ? first - r->D : r->D - first;

	if (r->nc[i] >= MAXC || first < ITIN_FIRST_DAY || last > ITIN_LAST_DAY)
		return;
	if (last < first)
		last = first;
	c = &r->c[i * MAXC + r->nc[i]++];
	c->first = first;
	c->last = last;
	c->cost = 2 * ((long)dist +
		       tense_pen(x->tense, first, last, r->D, r->spoken_on_D)) +
		  (first < r->D);
	c->bp = -1;
}

/* The word before text[off], lower-cased into buf (an empty word when
 * punctuation or nothing comes first); returns where it starts. */
static size_t word_before(const char *text, size_t off, char *buf, size_t size)
{
	size_t e = off, b, start, n = 0;

	while (e > 0 && text[e - 1] == ' ')
		e--;
	b = e;
	while (b > 0 && ascii_isalpha((unsigned char)text[b - 1]))
		b--;
	start = b;
	for (; b < e && n + 1 < size; b++, n++)
		buf[n] = (char)ascii_tolower((unsigned char)text[b]);
	buf[n] = '\0';
	return start;
}

static const char *const say[] = {"said",      "told",	 "announced",
				  "confirmed", "stated", "reported"};

bool xres_attribution(const struct rctx *r, size_t i)
{
	char w[16];
	size_t at = word_before(r->text, r->ms->v[i].off, w, sizeof w);

	if (!strcmp(w, "on"))
		word_before(r->text, at, w, sizeof w);
	for (size_t k = 0; k < sizeof say / sizeof *say; k++)
		if (!strcmp(w, say[k]))
			return true;
	return false;
}

size_t xres_said_on_D(const struct rctx *r)
{

	for (size_t i = 0; i < r->ms->n; i++) {
		const struct xmention *x = &r->ms->v[i];
		char w[16];
		size_t at;
		bool today = x->rel == XR_TODAY,
		     wd = x->rel == XR_NONE && x->wday == r->wdD && !x->m;

		if (x->kind != XM_DAYS || x->tense != XTENSE_PAST ||
		    !(today || wd))
			continue;
		at = word_before(r->text, x->off, w, sizeof w);
		if (!strcmp(w, "on"))
			word_before(r->text, at, w, sizeof w);
		for (size_t k = 0; k < sizeof say / sizeof *say; k++)
			if (!strcmp(w, say[k]))
				return i;
	}
	return r->ms->n;
}

static int64_t civil(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

/* A day of a month in year y, with the range's end: false when invalid. */
static void add_md(struct rctx *r, size_t i, int y, int m, int d)
{
	const struct xmention *x = &r->ms->v[i];
	int y2 = x->y2 ? x->y2 : (x->m2 && x->m2 < m ? y + 1 : y);
	int64_t first, last;

	if (!date_is_valid(y, m, d))
		return;
	first = civil(y, m, d);
	last = first;
	if (x->m2 && x->d2 && date_is_valid(y2, x->m2, x->d2))
		last = civil(y2, x->m2, x->d2);
	xres_add(r, i, first, last);
	/* "Tuesday, Feb 18": the year whose Feb 18 is a Tuesday. */
	if (x->wday >= 0 && weekday_from_days(first) != x->wday &&
	    r->nc[i] > 0 && r->c[i * MAXC + r->nc[i] - 1].first == first)
		r->c[i * MAXC + r->nc[i] - 1].cost += PEN_WDAY;
}

/* The order a numeric date is read in; warns when nothing decides. */
static void numeric_fields(struct rctx *r, size_t i, int *m, int *d);

static int year_of_rel(const struct rctx *r, int rel)
{
	return rel == XR_Y_LAST ? r->Y - 1 : rel == XR_Y_NEXT ? r->Y + 1 : r->Y;
}

static void cands_date(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	int m = x->m, d = x->d;

	if (x->rel == XR_NUMERIC)
		numeric_fields(r, i, &m, &d);
	if (x->y)
		add_md(r, i, x->y, m, d);
	else if (x->rel >= XR_Y_LAST)
		add_md(r, i, year_of_rel(r, x->rel), m, d);
	else
		for (int y = r->Y - 1; y <= r->Y + 1; y++)
			add_md(r, i, y, m, d);
}

static void add_month(struct rctx *r, size_t i, int y, int m)
{
	if (y < 1 || y > 9999)
		return;
	xres_add(r, i, civil(y, m, 1), civil(y, m, days_in_month(y, m)));
}

static void cands_month(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];

	if (x->y)
		add_month(r, i, x->y, x->m);
	else if (x->rel >= XR_Y_LAST)
		add_month(r, i, year_of_rel(r, x->rel), x->m);
	else
		for (int y = r->Y - 1; y <= r->Y + 1; y++)
			add_month(r, i, y, x->m);
}

/* The Monday of the document date's week. */
static int64_t monday(const struct rctx *r)
{
	return r->D - (r->wdD + 6) % 7;
}

/* The last day of the nearest written date before mention i, within
 * two sentences ("On Thursday 2nd November ... The visit will conclude
 * on Friday"): its cheapest reading. */
static bool written_before(const struct rctx *r, size_t i, int64_t *last)
{
	const struct xmention *x = &r->ms->v[i], *v = r->ms->v;

	for (size_t j = i; j-- > 0 && j + 8 > i;) {
		const struct cand *c = &r->c[j * MAXC], *b = c;

		if (v[j].sentence + 2 < x->sentence)
			return false;
		if (!v[j].m || !v[j].d || r->nc[j] == 0 ||
		    (v[j].kind != XM_DAYS && v[j].kind != XM_UNTIL))
			continue;
		for (int k = 1; k < r->nc[j]; k++)
			if (c[k].cost < b->cost)
				b = &c[k];
		*last = b->last;
		return true;
	}
	return false;
}

static void cands_weekday(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	int64_t span = x->wday2 >= 0 ? (x->wday2 - x->wday + 7) % 7 : 0;
	int64_t back = (r->wdD - x->wday + 7) % 7,
		fwd = (x->wday - r->wdD + 7) % 7;
	int64_t inweek = (x->wday + 6) % 7, base = r->D - back, last;

	switch (x->rel) {
	case XR_WD_NEXT:
		base = r->D + (fwd ? fwd : 7);
		break;
	case XR_WD_LAST:
		base = r->D - (back ? back : 7);
		break;
	case XR_WD_NEXT_WEEK:
		base = monday(r) + 7 + inweek;
		break;
	case XR_WD_LAST_WEEK:
		base = monday(r) - 7 + inweek;
		break;
	case XR_WD_THIS_WEEK:
		base = monday(r) + inweek;
		break;
	default:
		if (x->d && !x->m) {
			/* "Saturday (25)": the weeks around whose day of
			 * the month is the one written. */
			for (int k = -1; k <= 5; k++) {
				int y, mo, d;

				civil_from_days(base + 7 * k, &y, &mo, &d);
				if (d == x->d)
					xres_add(r, i, base + 7 * k,
						 base + 7 * k + span);
			}
			return;
		}
		for (int k = -1; k <= 2; k++)
			xres_add(r, i, base + 7 * k, base + 7 * k + span);
		/* A weekday told after a written date may follow it
		 * beyond those weeks: its first after that date. */
		if (written_before(r, i, &last)) {
			last +=
			    1 + (x->wday - weekday_from_days(last + 1) + 7) % 7;
			if (last > base + 14 || last < base - 7)
				xres_add(r, i, last, last + span);
		}
		return;
	}
	xres_add(r, i, base, base + span);
}

/* "today", "tomorrow", "three days ago": days from the document date. */
static bool rel_day(const struct xmention *x, int64_t *off)
{
	switch (x->rel) {
	case XR_TODAY:
		*off = 0;
		return true;
	case XR_TOMORROW:
	case XR_AFTER_TOMORROW:
		*off = x->rel == XR_TOMORROW ? 1 : 2;
		return true;
	case XR_YESTERDAY:
	case XR_DAYS_AGO:
		*off = x->rel == XR_YESTERDAY ? -1 : -(int64_t)x->nrel;
		return true;
	case XR_IN_DAYS:
		*off = x->nrel;
		return true;
	default:
		return false;
	}
}

/* "this week", "next week", "this weekend" ("over the weekend" told in
 * the past is the one before). */
static bool rel_week(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	int64_t mon = monday(r), sat = mon + 5;

	switch (x->rel) {
	case XR_THIS_WEEK:
	case XR_NEXT_WEEK:
	case XR_LAST_WEEK:
		mon += x->rel == XR_NEXT_WEEK	? 7
		       : x->rel == XR_LAST_WEEK ? -7
						: 0;
		xres_add(r, i, mon, mon + 6);
		return true;
	case XR_THIS_WEEKEND:
	case XR_NEXT_WEEKEND:
		if (x->rel == XR_NEXT_WEEKEND)
			sat += 7;
		else if (x->tense == XTENSE_PAST && r->D < sat)
			sat -= 7;
		xres_add(r, i, sat, sat + 1);
		return true;
	default:
		return false;
	}
}

/* "this month", "next month", "last year", "next year". */
static void rel_calendar(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	int y, mo, d, step;

	civil_from_days(r->D, &y, &mo, &d);
	step = x->rel == XR_NEXT_MONTH || x->rel == XR_NEXT_YEAR   ? 1
	       : x->rel == XR_LAST_MONTH || x->rel == XR_LAST_YEAR ? -1
								   : 0;
	if (x->rel == XR_THIS_MONTH || x->rel == XR_NEXT_MONTH ||
	    x->rel == XR_LAST_MONTH) {
		mo += step;
		if (mo < 1 || mo > 12) {
			y += step;
			mo = mo < 1 ? 12 : 1;
		}
		add_month(r, i, y, mo);
	} else if (x->rel == XR_THIS_YEAR || x->rel == XR_NEXT_YEAR ||
		   x->rel == XR_LAST_YEAR) {
		xres_add(r, i, civil(y + step, 1, 1), civil(y + step, 12, 31));
	}
}

static void cands_rel(struct rctx *r, size_t i)
{
	int64_t off;

	if (rel_day(&r->ms->v[i], &off))
		xres_add(r, i, r->D + off, r->D + off);
	else if (!rel_week(r, i))
		rel_calendar(r, i);
}

void xres_candidates(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];

	const struct xdoc_date *doc = r->doc;

	if (x->kind == XM_DURATION || x->kind == XM_CLOCK)
		return;
	/* The date line itself, when the caller scans it: its own day,
	 * and no second warning about its order. */
	if (x->kind == XM_DAYS && doc->len && x->off >= doc->off &&
	    x->off < doc->off + doc->len) {
		xres_add(r, i, r->D, r->D);
		return;
	}
	if (x->m && x->d)
		cands_date(r, i);
	else if (x->m)
		cands_month(r, i);
	else if (x->wday >= 0)
		cands_weekday(r, i);
	else if (x->y && x->y <= 9999)
		xres_add(r, i, civil(x->y, 1, 1), civil(x->y, 12, 31));
	else
		cands_rel(r, i);
}

/* The line and column of text[off], counted on from the last mention's
 * (mentions come in text order, so the count is linear). */
static void where(struct rctx *r, size_t off, long *line, long *col)
{
	if (off < r->line_pos) {
		r->line_pos = r->line_start = 0;
		r->line = 1;
	}
	for (; r->line_pos < off && r->line_pos < r->len; r->line_pos++)
		if (r->text[r->line_pos] == '\n') {
			r->line++;
			r->line_start = r->line_pos + 1;
		}
	*line = r->line;
	*col = (long)(off - r->line_start) + 1;
}

static int64_t dist_to(int64_t day, int64_t D)
{
	return day > D ? day - D : D - day;
}

/* Both readings of an undecided numeric date: the nearer, warned. */
static enum xdate_order guess_order(struct rctx *r, size_t i)
{
	struct xmention *x = &r->ms->v[i];
	int y = x->y ? x->y : r->Y;
	bool mdy = date_is_valid(y, x->m, x->d),
	     dmy = date_is_valid(y, x->d, x->m);
	enum xdate_order o = XDATE_MDY;
	char buf[ITIN_WHEN_MAX];
	long line, col;

	if (mdy && dmy &&
	    dist_to(civil(y, x->d, x->m), r->D) <
		dist_to(civil(y, x->m, x->d), r->D))
		o = XDATE_DMY;
	else if (!mdy && dmy)
		o = XDATE_DMY;
	if (mdy && dmy && x->m != x->d) {
		x->guessed_order = true;
		where(r, x->off, &line, &col);
		date_format(o == XDATE_MDY ? civil(y, x->m, x->d)
					   : civil(y, x->d, x->m),
			    buf);
		itin_warn_at(r->w, r->file, line, col,
			     "numeric date '%.*s' may be day/month or "
			     "month/day; nothing in the report decides: read "
			     "as %s",
			     (int)(x->len < 40 ? x->len : 40), r->text + x->off,
			     buf);
	}
	return o;
}

static void numeric_fields(struct rctx *r, size_t i, int *m, int *d)
{
	const struct xmention *x = &r->ms->v[i];
	enum xdate_order o = xdate_numeric_order(x);

	if (o == XDATE_ORDER_UNKNOWN &&
	    (r->doc->order == XDATE_MDY || r->doc->order == XDATE_DMY))
		o = r->doc->order;
	if (o == XDATE_ORDER_UNKNOWN)
		o = r->text_order;
	if (o == XDATE_ORDER_UNKNOWN)
		o = guess_order(r, i);
	*m = o == XDATE_DMY ? x->d : x->m;
	*d = o == XDATE_DMY ? x->m : x->d;
}

/* The order the text's own numeric dates decide ("13/01/2023"). */
enum xdate_order xres_text_order(const struct xmentions *ms)
{
	for (size_t i = 0; i < ms->n; i++) {
		enum xdate_order o = xdate_numeric_order(&ms->v[i]);

		if (o != XDATE_ORDER_UNKNOWN)
			return o;
	}
	return XDATE_ORDER_UNKNOWN;
}

void xres_check_weekdays(struct rctx *r)
{
	char buf[ITIN_WHEN_MAX];
	long line, col;

	for (size_t i = 0; i < r->ms->n; i++) {
		const struct xmention *x = &r->ms->v[i];

		if (!x->resolved || x->wday < 0 || !x->m || !x->d ||
		    weekday_from_days(x->first) == x->wday)
			continue;
		where(r, x->off, &line, &col);
		date_format(x->first, buf);
		itin_warn_at(r->w, r->file, line, col,
			     "'%.*s': %s is a %s, not a %s; the date is kept",
			     (int)(x->len < 40 ? x->len : 40), r->text + x->off,
			     buf, weekday_name(weekday_from_days(x->first)),
			     weekday_name(x->wday));
	}
}
