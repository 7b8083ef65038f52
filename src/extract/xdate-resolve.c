/*
 * xdate-resolve.c: xdate_resolve, every mention of a text to days.
 *
 * The rule. Each mention that names a day gets candidates with a cost,
 * and the candidates of the whole text are chosen together:
 *
 *   - A date with its year, "today", "tomorrow", "next Tuesday" (the
 *     first after the document date), "last Friday", "Tuesday next week"
 *     have one candidate.
 *   - A month and day without a year ("July 11-12") may fall in the
 *     year before, of, or after the document date; a bare weekday
 *     ("on Sunday") in the week before, of, or the two after.
 *   - A candidate costs its distance in days from the document date,
 *     plus a penalty when it disagrees with the tense of its clause: a
 *     future (or present) clause naming a day v days before the
 *     document date costs v(v+1) more (2 for yesterday: a report
 *     syndicated a day after it was written still says "will", so
 *     "will arrive on Sunday" in a report dated Monday is the day
 *     before, not six days on; three days back costs 12 and loses), a
 *     past clause naming a day v days after it costs 10v + v*v (a past
 *     told of days to come is much rarer). A tie goes to the later day.
 *   - A day placed after an "until"/"through" date of its own sentence
 *     costs 30 more (the stay cannot start after it ends).
 *   - A weekday outside the span of days named shortly before it (the
 *     nearest within four sentences, on its line of the narrative, that
 *     can hold it) or after it in its sentence costs 10 more: "from
 *     July 16 to 18 ... in Jeddah on Sunday" is the Sunday in that
 *     range, "next week ... in Suva on Monday" the Monday of next week.
 *     Spans are ranges of days, lengths from a fixed start ("a three-day
 *     visit starting Tuesday next week"), weeks and weekends: two weeks
 *     long at most.
 *   - Consecutive day mentions within two sentences of each other, on
 *     one line of the narrative (both past, or both to come), are
 *     chained: a day that falls before the one mentioned before it
 *     costs 4, 12 when the words before it say the narrative moves on
 *     ("Then, on Monday"), 30 when it is an "until" bound.
 *   The cheapest choice for the whole chain is found by dynamic
 *   programming over the candidates (at most four per mention), so the
 *   work is linear in the number of mentions.
 *
 * Then the words that count from the previous date ("the next day",
 * "the same day", "two days later") follow the previous resolved day in
 * text order (the document date when there is none), a length ("a
 * two-day visit") takes the day named beside it in its sentence as its
 * start, and a month or year the text names that is over, or is told in
 * the past, becomes a recalled past (XM_RECALL).
 *
 * A numeric date ("01/03/2006") is read in the order its own fields
 * decide (a field over 12), else the date line's (MDY or DMY), else the
 * order another numeric date of the text decided; when nothing decides,
 * the reading nearer the document date is taken and a warning says so.
 */
#include <stdlib.h>

#include "itin/datetime.h"
#include "itin/xalloc.h"
#include "xdate-impl.h"

#define MAXC	      4
#define PEN_ORDER     (2 * 4)
#define PEN_CUE	      (2 * 12)
#define PEN_BOUND     (2 * 30)
#define PEN_WDAY      (2 * 400)
#define PEN_SPAN      (2 * 10)
#define CHAIN_SENTS   2
#define CONTAIN_SENTS 4

struct cand {
	int64_t first, last;
	long cost; /* in half days: the odd half breaks ties */
	int bp;	   /* the previous chain node's candidate */
};

struct rctx {
	struct xmentions *ms;
	const struct xdoc_date *doc;
	int64_t D;
	int Y, wdD;
	enum xdate_order text_order;
	const char *text;
	size_t len;
	const char *file;
	const struct itin_warner *w;
	size_t line_pos, line_start;
	long line;
	struct cand *c; /* MAXC per mention */
	int *nc;
};

static long tense_pen(enum xtense t, int64_t first, int64_t last, int64_t D)
{
	long v;

	if ((t == XTENSE_FUTURE || t == XTENSE_PRESENT) && last < D) {
		v = (long)(D - last);
		return v * (v + 1);
	}
	if (t == XTENSE_PAST && first > D) {
		v = (long)(first - D);
		return 10 * v + v * v;
	}
	return 0;
}

static void add(struct rctx *r, size_t i, int64_t first, int64_t last)
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
	c->cost = 2 * ((long)dist + tense_pen(x->tense, first, last, r->D)) +
		  (first < r->D);
	c->bp = -1;
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
	add(r, i, first, last);
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
	add(r, i, civil(y, m, 1), civil(y, m, days_in_month(y, m)));
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

static void cands_weekday(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	int64_t span = x->wday2 >= 0 ? (x->wday2 - x->wday + 7) % 7 : 0;
	int64_t back = (r->wdD - x->wday + 7) % 7,
		fwd = (x->wday - r->wdD + 7) % 7;
	int64_t inweek = (x->wday + 6) % 7, base = r->D - back;

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
		for (int k = -1; k <= 2; k++)
			add(r, i, base + 7 * k, base + 7 * k + span);
		return;
	}
	add(r, i, base, base + span);
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
		add(r, i, mon, mon + 6);
		return true;
	case XR_THIS_WEEKEND:
	case XR_NEXT_WEEKEND:
		if (x->rel == XR_NEXT_WEEKEND)
			sat += 7;
		else if (x->tense == XTENSE_PAST && r->D < sat)
			sat -= 7;
		add(r, i, sat, sat + 1);
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
		add(r, i, civil(y + step, 1, 1), civil(y + step, 12, 31));
	}
}

static void cands_rel(struct rctx *r, size_t i)
{
	int64_t off;

	if (rel_day(&r->ms->v[i], &off))
		add(r, i, r->D + off, r->D + off);
	else if (!rel_week(r, i))
		rel_calendar(r, i);
}

static void candidates(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];

	if (x->kind == XM_DURATION || x->kind == XM_CLOCK)
		return;
	if (x->m && x->d)
		cands_date(r, i);
	else if (x->m)
		cands_month(r, i);
	else if (x->wday >= 0)
		cands_weekday(r, i);
	else if (x->y && x->y <= 9999)
		add(r, i, civil(x->y, 1, 1), civil(x->y, 12, 31));
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
static enum xdate_order text_order(const struct xmentions *ms)
{
	for (size_t i = 0; i < ms->n; i++) {
		enum xdate_order o = xdate_numeric_order(&ms->v[i]);

		if (o != XDATE_ORDER_UNKNOWN)
			return o;
	}
	return XDATE_ORDER_UNKNOWN;
}

static bool in_chain(const struct rctx *r, size_t i)
{
	enum xmention_kind k = r->ms->v[i].kind;

	return r->nc[i] > 0 && (k == XM_DAYS || k == XM_FROM || k == XM_UNTIL);
}

static size_t cheapest(const struct rctx *r, size_t i)
{
	size_t b = 0;

	for (int k = 1; k < r->nc[i]; k++)
		if (r->c[i * MAXC + k].cost < r->c[i * MAXC + b].cost)
			b = (size_t)k;
	return b;
}

/* A day after an "until" of its own sentence (the next few mentions). */
static void bounds(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	size_t n = r->ms->n;

	if (r->nc[i] < 2 || x->kind == XM_UNTIL)
		return;
	for (size_t j = i + 1; j < n && j < i + 8; j++) {
		const struct xmention *u = &r->ms->v[j];
		int64_t end;

		if (u->sentence != x->sentence)
			break;
		/* A weekday bound is weighed in the chain instead. */
		if (u->kind != XM_UNTIL || r->nc[j] == 0 ||
		    (r->nc[j] > 1 && !u->m))
			continue;
		end = r->c[j * MAXC + cheapest(r, j)].last;
		for (int k = 0; k < r->nc[i]; k++)
			if (r->c[i * MAXC + k].first > end)
				r->c[i * MAXC + k].cost += PEN_BOUND;
	}
}

/* Two mentions on one line of the narrative: both told as past, or
 * both as to come (present and future), or one with no tense. A past
 * recalled between plans ("arrived on Sunday to prepare") is not. */
static bool same_line(const struct xmention *a, const struct xmention *b)
{
	if (a->tense == XTENSE_NONE || b->tense == XTENSE_NONE)
		return true;
	return (a->tense == XTENSE_PAST) == (b->tense == XTENSE_PAST);
}

/* A span of two weeks or less that the words fix: a range of days
 * (its year the cheapest), "next week", "this weekend". */
static const struct cand *span_of(const struct rctx *r, size_t j)
{
	const struct xmention *u = &r->ms->v[j];
	const struct cand *c;

	if (r->nc[j] == 0 ||
	    (u->kind != XM_DAYS && u->kind != XM_PERIOD &&
	     u->kind != XM_DURATION) ||
	    (r->nc[j] > 1 && !u->m))
		return NULL;
	c = &r->c[j * MAXC + cheapest(r, j)];
	return c->last > c->first && c->last - c->first <= 14 ? c : NULL;
}

/* Whether span holds one of mention i's candidates. */
static bool holds(const struct rctx *r, size_t i, const struct cand *span)
{
	for (int k = 0; span && k < r->nc[i]; k++)
		if (r->c[i * MAXC + k].first >= span->first &&
		    r->c[i * MAXC + k].last <= span->last)
			return true;
	return false;
}

/* The nearest span that can hold weekday i: one before it within
 * CONTAIN_SENTS sentences on its line of the narrative, else one after
 * it in its sentence. */
static const struct cand *container(const struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i], *v = r->ms->v;
	const struct cand *span;
	size_t n = r->ms->n;

	for (size_t d = 1; d <= 12 && d <= i; d++) {
		if (v[i - d].sentence + CONTAIN_SENTS < x->sentence)
			break;
		span = same_line(&v[i - d], x) ? span_of(r, i - d) : NULL;
		if (holds(r, i, span))
			return span;
	}
	for (size_t j = i + 1; j < n && j < i + 8; j++) {
		if (v[j].sentence != x->sentence)
			break;
		span = span_of(r, j);
		if (holds(r, i, span))
			return span;
	}
	return NULL;
}

/* A weekday outside its container costs PEN_SPAN ("from July 16 to 18
 * ... in Jeddah on Sunday and Monday"; "next week ... in Suva on
 * Monday"). */
static void contain(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	const struct cand *span;

	if (r->nc[i] < 2 || x->wday < 0 || x->m || !(span = container(r, i)))
		return;
	for (int k = 0; k < r->nc[i]; k++) {
		struct cand *c = &r->c[i * MAXC + k];

		if (c->first < span->first || c->last > span->last)
			c->cost += PEN_SPAN;
	}
}

static long pair_cost(const struct xmention *p, const struct cand *pc,
		      const struct xmention *x, const struct cand *xc)
{
	if (x->sentence > p->sentence + CHAIN_SENTS || !same_line(p, x))
		return 0;
	if (x->kind == XM_UNTIL)
		return xc->last < pc->first ? PEN_BOUND : 0;
	if (xc->first >= pc->first)
		return 0;
	return x->cue || x->sentence == p->sentence ? PEN_CUE : PEN_ORDER;
}

/* One step of the chain: x's candidates given p's running totals. */
static void step(struct rctx *r, size_t p, size_t i)
{
	const struct xmention *pm = &r->ms->v[p], *x = &r->ms->v[i];

	for (int k = 0; k < r->nc[i]; k++) {
		struct cand *xc = &r->c[i * MAXC + k];
		long best = 0;

		for (int b = 0; b < r->nc[p]; b++) {
			const struct cand *pc = &r->c[p * MAXC + b];
			long t = pc->cost + pair_cost(pm, pc, x, xc);

			if (xc->bp < 0 || t < best) {
				best = t;
				xc->bp = b;
			}
		}
		xc->cost += best;
	}
}

static void settle(struct xmention *x, const struct cand *c)
{
	x->resolved = true;
	x->first = c->first;
	x->last = c->last;
}

/* The chain by dynamic programming; then back from its last node. */
static void chain(struct rctx *r)
{
	size_t n = r->ms->n, p = n, last = n;
	int k;

	for (size_t i = 0; i < n; i++) {
		if (!in_chain(r, i))
			continue;
		if (p < n)
			step(r, p, i);
		p = i;
		last = i;
	}
	for (size_t i = 0; i < n; i++)
		if (r->nc[i] > 0 && !in_chain(r, i))
			settle(&r->ms->v[i], &r->c[i * MAXC + cheapest(r, i)]);
	if (last == n)
		return;
	k = (int)cheapest(r, last);
	for (size_t i = last + 1; i-- > 0;) {
		if (!in_chain(r, i))
			continue;
		settle(&r->ms->v[i], &r->c[i * MAXC + k]);
		k = r->c[i * MAXC + k].bp;
		if (k < 0)
			k = 0;
	}
}

static bool is_day(const struct xmention *x)
{
	return x->kind == XM_DAYS || x->kind == XM_FROM || x->kind == XM_UNTIL;
}

/* "the next day", "the same day", "two days later": from the previous
 * resolved day in text order, else from the document date. */
static void follow(struct rctx *r)
{
	int64_t pf = r->D, pl = r->D, f;

	for (size_t i = 0; i < r->ms->n; i++) {
		struct xmention *x = &r->ms->v[i];

		switch (x->rel) {
		case XR_NEXT_DAY:
			f = pl + 1;
			break;
		case XR_DAYS_LATER:
			f = pl + x->nrel;
			break;
		case XR_SAME_DAY:
			f = pf;
			break;
		case XR_PREV_DAY:
			f = pf - 1;
			break;
		default:
			if (x->resolved && is_day(x)) {
				pf = x->first;
				pl = x->last;
			}
			continue;
		}
		if (!is_day(x))
			continue;
		x->resolved = true;
		x->first = x->last = pf = pl = f;
	}
}

/* Whether mention j can start a length: *first its day. fixed: a day
 * the words fix (before the chain has run); else a resolved day. */
static bool start_ok(const struct rctx *r, size_t j, bool fixed, int64_t *first)
{
	const struct xmention *u = &r->ms->v[j];

	if (!is_day(u) || u->kind == XM_UNTIL)
		return false;
	if (!fixed) {
		*first = u->first;
		return u->resolved;
	}
	if (r->nc[j] == 0 || (r->nc[j] > 1 && !u->m))
		return false;
	*first = r->c[j * MAXC + cheapest(r, j)].first;
	return true;
}

/*
 * The day that starts a length ("a two-day visit ... on Sunday"): a day
 * of its own sentence within four mentions, the nearer first, else the
 * last day of the sentence before ("He arrives on Tuesday. He stays for
 * two days").
 */
static bool start_of(const struct rctx *r, size_t i, bool fixed, int64_t *first)
{
	const struct xmention *x = &r->ms->v[i], *v = r->ms->v;
	size_t n = r->ms->n;

	for (size_t d = 1; d <= 4; d++) {
		if (i >= d && v[i - d].sentence == x->sentence &&
		    start_ok(r, i - d, fixed, first))
			return true;
		if (i + d < n && v[i + d].sentence == x->sentence &&
		    start_ok(r, i + d, fixed, first))
			return true;
	}
	for (size_t d = 1; d <= 8 && d <= i; d++) {
		if (v[i - d].sentence == x->sentence)
			continue;
		if (v[i - d].sentence + 1 < x->sentence)
			break;
		if (start_ok(r, i - d, fixed, first))
			return true;
	}
	return false;
}

/* Lengths whose start the words fix, before the chain: they are spans
 * that the weekdays after them fall in ("a three-day visit starting
 * Tuesday next week ... On Thursday, the last day"). */
static void length_spans(struct rctx *r)
{
	int64_t f;

	for (size_t i = 0; i < r->ms->n; i++) {
		const struct xmention *x = &r->ms->v[i];

		if (x->kind == XM_DURATION && x->ndays >= 1 &&
		    start_of(r, i, true, &f))
			add(r, i, f, f + x->ndays - 1);
	}
}

/* Every length from its resolved start. */
static void lengths(struct rctx *r)
{
	int64_t f;

	for (size_t i = 0; i < r->ms->n; i++) {
		struct xmention *x = &r->ms->v[i];

		if (x->kind != XM_DURATION || x->ndays < 1 ||
		    !start_of(r, i, false, &f))
			continue;
		x->resolved = true;
		x->first = f;
		x->last = f + x->ndays - 1;
	}
}

/* A month or a year that is over, or told in the past: recalled. */
static void recalls(struct rctx *r)
{
	for (size_t i = 0; i < r->ms->n; i++) {
		struct xmention *x = &r->ms->v[i];

		if (x->kind != XM_PERIOD || !x->resolved || x->d ||
		    (!x->m && !x->y))
			continue;
		if (x->last < r->D ||
		    (x->tense == XTENSE_PAST && x->first <= r->D))
			x->kind = XM_RECALL;
	}
}

void xdate_resolve(struct xmentions *m, const char *text, size_t len,
		   const struct xdoc_date *doc, const char *file,
		   const struct itin_warner *w)
{
	struct rctx r = {m,    doc,  doc->day, 0, 0, XDATE_ORDER_UNKNOWN,
			 text, len,  file,     w, 0, 0,
			 1,    NULL, NULL};
	int mo, d;

	if (!doc->found || !m->n)
		return;
	civil_from_days(r.D, &r.Y, &mo, &d);
	r.wdD = weekday_from_days(r.D);
	r.text_order = text_order(m);
	r.c = xcalloc(m->n * MAXC, sizeof *r.c);
	r.nc = xcalloc(m->n, sizeof *r.nc);
	for (size_t i = 0; i < m->n; i++) {
		m->v[i].resolved = false;
		candidates(&r, i);
	}
	length_spans(&r);
	for (size_t i = 0; i < m->n; i++) {
		bounds(&r, i);
		contain(&r, i);
	}
	chain(&r);
	follow(&r);
	lengths(&r);
	recalls(&r);
	free(r.c);
	free(r.nc);
}
