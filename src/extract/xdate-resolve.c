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
 *     future (or present) clause naming the day before the document
 *     date costs 2 more (a report syndicated a day after it was
 *     written still says "will", so "will arrive on Sunday" in a
 *     report dated Monday is the day before, not six days on), v days
 *     before it, v >= 2, costs 10v + v*v more (a plan of weekdays is not
 *     pulled back before the date line by its later days), a
 *     past clause naming a day v days after it costs 10v + v*v (a past
 *     told of days to come is much rarer). When the text dates its
 *     source's words to the document date ("the ministry said Monday"
 *     in a report dated Monday), a day back told as to come costs
 *     10v + v*v too, and that "said Monday" is no step of the chain.
 *     A tie goes to the later day.
 *     A mention with no tense of its own right after one told as to
 *     come, in its sentence or the next ("A joint news conference on
 *     Tuesday."), is to come too.
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
 *   - "On Saturday, the day after the meeting ends": a weekday other
 *     than the day after (before) the nearest day or range an earlier
 *     sentence fixed (within four sentences) costs 10 more.
 *   - Consecutive day mentions within two sentences of each other, on
 *     one line of the narrative (both past, or both to come), are
 *     chained: a day that falls before the one mentioned before it
 *     costs 4, 12 when the words before it say the narrative moves on
 *     ("Then, on Monday", "After the meeting, ... on Saturday"), 30
 *     when it is an "until" bound; a weekday before a date the words
 *     fix (the one before it) costs 1 more for each day back, up to 7;
 *     in a sentence that opens with "Before ...," going back costs
 *     nothing ("Before departing for Azerbaijan, he will receive ...
 *     on Wednesday");
 *     a written date before the weekday before it costs nothing (an
 *     aside: "... after the Coronation on 6 May"). A weekday after a
 *     moved-on day, or after a single day written out, costs its
 *     distance from that day instead of from the document date, when
 *     less; the spans told before a moved-on day hold no weekday after
 *     it. In a text that dates its source's words to the document date,
 *     so does a weekday after one told as to come and chosen after it;
 *     elsewhere such a weekday counts half its distance from the day
 *     before it and half from the document date (a plan told in
 *     weekdays alone: "on Sunday ... on Monday ... on Tuesday").
 *     A weekday told as to come after one chosen past the document
 *     date costs 30 more if it falls on or before the document date:
 *     a plan does not step back to today.
 *   - A range told as to come ("will be in Delhi from Sunday to
 *     Tuesday") pays the tense penalty for its first day, not its
 *     last: it does not start before the date line.
 *   - In such a text, a date in the document's own date line is settled
 *     alone and is no span, start or step of the chain.
 *   - A start ("where the leaders meet from Sunday") up to six days
 *     before the day told before it opens the span that holds that day:
 *     no step back, no span holds it, and "the same day" after it
 *     follows the day before it.
 *   The cheapest choice for the whole chain is found by dynamic
 *   programming over the candidates (at most five per mention), so the
 *   work is linear in the number of mentions.
 *
 * Then the words that count from the previous date ("the next day",
 * "the same day", "two days later") follow the previous resolved day in
 * text order (the document date when there is none), a length ("a
 * two-day visit") takes the day named beside it in its sentence as its
 * start, and a month or year the text names that is over, or is told in
 * the past, becomes a recalled past (XM_RECALL), as does a day written
 * out in a future clause but over more than three days before the
 * document date.
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
#include "xdate-res.h"

#define PEN_ORDER     (2 * 4)
#define PEN_CUE	      (2 * 12)
#define PEN_BOUND     (2 * 30)
#define PEN_SPAN      (2 * 10)
#define CHAIN_SENTS   2
#define CONTAIN_SENTS 4

static bool in_chain(const struct rctx *r, size_t i)
{
	enum xmention_kind k = r->ms->v[i].kind;

	/* "..., the ministry said Monday" dates the words, not a step of
	 * what they tell. */
	if (i == r->said_at)
		return false;
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

/* "land in Hanoi on Sunday and stay ... until Tuesday": a start and the
 * "until" after it in one sentence fix a span too, into *buf; NULL when
 * mention j is no such "until". */
static const struct cand *until_span(const struct rctx *r, size_t j,
				     struct cand *buf)
{
	const struct xmention *u = &r->ms->v[j], *a;
	const struct cand *ca, *cu;

	if (j == 0 || u->kind != XM_UNTIL || r->nc[j] == 0)
		return NULL;
	a = &r->ms->v[j - 1];
	if (a->sentence != u->sentence || r->nc[j - 1] == 0 ||
	    (a->kind != XM_DAYS && a->kind != XM_FROM))
		return NULL;
	/* The start as its cost ranks it; the end, the first of its
	 * candidates after that start (its own costs know no start). */
	ca = &r->c[(j - 1) * MAXC + cheapest(r, j - 1)];
	cu = NULL;
	for (int k = 0; k < r->nc[j]; k++) {
		const struct cand *c = &r->c[j * MAXC + k];

		if (c->last > ca->first && (!cu || c->last < cu->last))
			cu = c;
	}
	if (!cu || cu->last - ca->first > 14)
		return NULL;
	*buf = *ca;
	buf->last = cu->last;
	return buf;
}

/* The nearest span that can hold weekday i: one before it within
 * CONTAIN_SENTS sentences on its line of the narrative, else one after
 * it in its sentence. buf holds a span made of two mentions. */
static const struct cand *container(const struct rctx *r, size_t i,
				    struct cand *buf)
{
	const struct xmention *x = &r->ms->v[i], *v = r->ms->v;
	const struct cand *span;
	size_t n = r->ms->n;

	for (size_t d = 1; d <= 12 && d <= i; d++) {
		if (v[i - d].sentence + CONTAIN_SENTS < x->sentence)
			break;
		span = !same_line(&v[i - d], x) ? NULL
		       : span_of(r, i - d)	? span_of(r, i - d)
						: until_span(r, i - d, buf);
		if (holds(r, i, span))
			return span;
		/* "After the meeting, ... on Saturday": the narrative has
		 * moved on from the spans told before. */
		if (v[i - d].cue && v[i - d].wday >= 0)
			break;
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
 * Monday"). Not a start ("meeting from Sunday"): a span it opens may
 * begin before the week it is told in. */
static void contain(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i];
	const struct cand *span;
	struct cand buf;

	if (r->nc[i] < 2 || x->wday < 0 || x->m || x->kind == XM_FROM ||
	    !(span = container(r, i, &buf)))
		return;
	for (int k = 0; k < r->nc[i]; k++) {
		struct cand *c = &r->c[i * MAXC + k];

		if (c->first < span->first || c->last > span->last)
			c->cost += PEN_SPAN;
	}
}

/* "On Saturday, the day after the meeting ends": the weekday is the
 * day after (before) the nearest span or day an earlier sentence fixed,
 * within CONTAIN_SENTS; other candidates cost PEN_SPAN. */
static void appose(struct rctx *r, size_t i)
{
	const struct xmention *x = &r->ms->v[i], *v = r->ms->v;
	const struct cand *e = NULL;
	int64_t day;

	if (r->nc[i] < 2 || x->wday < 0 || x->m || !x->nrel)
		return;
	for (size_t d = 1; d <= 12 && d <= i && !e; d++) {
		if (v[i - d].sentence + CONTAIN_SENTS < x->sentence)
			break;
		if (v[i - d].sentence < x->sentence &&
		    v[i - d].kind == XM_DAYS && r->nc[i - d] > 0 &&
		    (r->nc[i - d] == 1 || v[i - d].m))
			e = &r->c[(i - d) * MAXC + cheapest(r, i - d)];
	}
	if (!e)
		return;
	day = x->nrel > 0 ? e->last + 1 : e->first - 1;
	for (int k = 0; k < r->nc[i]; k++)
		if (r->c[i * MAXC + k].first != day)
			r->c[i * MAXC + k].cost += PEN_SPAN;
}

static long min7(int64_t days)
{
	return days < 7 ? (long)days : 7;
}

/* A weekday told as to come, chosen after the document date: the next
 * weekday of the plan counts on from it. In a text that dates its
 * source's words to the document date fully ("will arrive on Sunday
 * ..., the ministry said Monday. ... talks on Monday": the Monday after
 * that Sunday): 2. Elsewhere the plan may have begun already and the
 * document date stays an anchor, so half of the distance counts from
 * each ("will travel to Osaka on Sunday ... talks on Wednesday" in a
 * report of Wednesday: the Wednesday after that Sunday, a long plan
 * told in weekdays alone adding up no distance from the date line at
 * every step): 1. Else 0. */
static long ahead(const struct rctx *r, const struct xmention *p,
		  const struct cand *pc)
{
	if (p->wday < 0 || p->m || p->tense != XTENSE_FUTURE ||
	    pc->first <= r->D)
		return 0;
	return r->spoken_on_D ? 2 : 1;
}

/* What the pair p, x adds to x's own cost: going back costs; a weekday
 * after one the words moved on to ("After the meeting, ... on Saturday
 * [13th]. He will return on Monday") counts its distance from that day,
 * not from the document date: the 15th, two days on, though the 8th is
 * nearer the date line. So does a weekday after a single day written
 * out ("On Thursday 2nd November ... on Friday"). */
static long pair_cost(const struct rctx *r, const struct xmention *p,
		      const struct cand *pc, const struct xmention *x,
		      const struct cand *xc)
{
	int64_t back = pc->first - xc->first, on = xc->first - pc->last;
	int64_t dist = xc->first > r->D ? xc->first - r->D : r->D - xc->first;

	if (x->sentence > p->sentence + CHAIN_SENTS || !same_line(p, x))
		return 0;
	if (x->kind == XM_UNTIL)
		return xc->last < pc->first ? PEN_BOUND : 0;
	/* A date its words fix ("on 6 May") told after a weekday is an
	 * aside that does not move the weekday ("On Wednesday he will
	 * travel ... The visit comes after the Coronation on 6 May"). */
	if (back > 0 && x->m && p->wday >= 0 && !p->m)
		return 0;
	/* "Before departing for Azerbaijan, he will receive ... on
	 * Wednesday": the words say the day comes before. */
	if (back > 0 && x->back_cue)
		return 0;
	/* "... on Tuesday in Kananaskis, where the leaders are meeting
	 * from Sunday": a start told after a day begins the span that
	 * holds that day; the narrative has not gone back. */
	if (back > 0 && x->kind == XM_FROM && back < 7)
		return 0;
	/* A plan told as to come does not step back from days after the
	 * date line to the date line or before it: "will travel to Osaka
	 * on Sunday ... go on to Tokyo on Tuesday" in a report of
	 * Wednesday is the Tuesday after that Sunday. */
	if (back > 0 && x->wday >= 0 && !x->m && x->tense == XTENSE_FUTURE &&
	    pc->first > r->D && xc->first <= r->D)
		return PEN_BOUND;
	if (back > 0)
		return (x->cue || x->sentence == p->sentence ? PEN_CUE
							     : PEN_ORDER) +
		       (p->m && x->wday >= 0 && !x->m ? 2 * min7(back) : 0);
	if (x->wday >= 0 && !x->m && on > 0 && on < dist) {
		long w = p->cue || (p->m && pc->first == pc->last)
			     ? 2
			     : ahead(r, p, pc);

		return -w * (long)(dist - on);
	}
	return 0;
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
			long t = pc->cost + pair_cost(r, pm, pc, x, xc);

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
 * resolved day in text order (not a day someone's words are dated:
 * "..., diplomatic sources said on Tuesday. The next day"), else from
 * the document date. */
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
			/* A start opens a span; "the same day" is the
			 * day the narrative stands on, not where a span
			 * begins. */
			if (x->resolved && is_day(x) && x->kind != XM_FROM &&
			    !xres_attribution(r, i)) {
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
			xres_add(r, i, f, f + x->ndays - 1);
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

/* Whether a day of mention i's sentence, other than i, is resolved. */
static bool day_beside(const struct rctx *r, size_t i)
{
	const struct xmention *v = r->ms->v;

	for (size_t j = i; j-- > 0 && v[j].sentence == v[i].sentence;)
		if (v[j].resolved && is_day(&v[j]))
			return true;
	for (size_t j = i + 1; j < r->ms->n && v[j].sentence == v[i].sentence;
	     j++)
		if (v[j].resolved && is_day(&v[j]))
			return true;
	return false;
}

/* "the last two days of the visit": the part of the nearest stay of
 * more than one day resolved before it, within five sentences; not
 * when its sentence names the day ("On Thursday, the last day of the
 * trip": Thursday says it). */
static void parts(struct rctx *r)
{
	const struct xmention *v = r->ms->v;

	for (size_t i = 0; i < r->ms->n; i++) {
		struct xmention *x = &r->ms->v[i];
		const struct xmention *s = NULL;

		if ((x->rel != XR_PART_FIRST && x->rel != XR_PART_LAST) ||
		    day_beside(r, i))
			continue;
		for (size_t j = i; j-- > 0 && !s;) {
			if (v[j].sentence + 5 < x->sentence)
				break;
			if (v[j].resolved && v[j].last > v[j].first &&
			    v[j].last - v[j].first < 31 &&
			    (v[j].kind == XM_DAYS || v[j].kind == XM_DURATION))
				s = &v[j];
		}
		if (!s || x->nrel > s->last - s->first)
			continue;
		x->resolved = true;
		x->first =
		    x->rel == XR_PART_FIRST ? s->first : s->last - x->nrel + 1;
		x->last =
		    x->rel == XR_PART_FIRST ? s->first + x->nrel - 1 : s->last;
	}
}

/* A month or a year that is over, or told in the past: recalled. */
static void recalls(struct rctx *r)
{
	for (size_t i = 0; i < r->ms->n; i++) {
		struct xmention *x = &r->ms->v[i];

		/* "The visit after taking office on May 7 will begin ...":
		 * a day written out, told as to come, but a week over. */
		if (x->kind == XM_DAYS && x->resolved && x->m && x->d &&
		    x->tense == XTENSE_FUTURE && x->last + 3 < r->D) {
			x->kind = XM_RECALL;
			continue;
		}
		if (x->kind != XM_PERIOD || !x->resolved || x->d ||
		    (!x->m && !x->y))
			continue;
		if (x->last < r->D ||
		    (x->tense == XTENSE_PAST && x->first <= r->D))
			x->kind = XM_RECALL;
	}
}

/* A sentence with no verb of its own ("A joint news conference on
 * Wednesday.") after one told as to come stays to come: its untensed
 * mentions take the future of the sentence just before. */
static void carry_future(struct xmentions *m)
{
	for (size_t i = 1; i < m->n; i++) {
		struct xmention *x = &m->v[i];
		const struct xmention *p = &m->v[i - 1];

		if (x->tense == XTENSE_NONE && p->tense == XTENSE_FUTURE &&
		    x->sentence <= p->sentence + 1)
			x->tense = XTENSE_FUTURE;
	}
}

/* A mention in the document's own date line ("TOKYO, Feb. 3 Kyodo -"),
 * in a text that dates its source's words to that day, dates the
 * report, not a step of what it tells: it is settled alone and then
 * left out, so that it neither starts a length ("a three-day visit"
 * beside it) nor holds or orders the weekdays after it. Elsewhere it
 * stays the written day a weekday after it counts from ("21 February
 * 2023 ... arrived in Kyiv on Tuesday, after a journey that began late
 * on Monday": the 21st, not a week before). */
static void date_line(struct rctx *r, size_t i)
{
	struct xmention *x = &r->ms->v[i];

	if (!r->spoken_on_D || !r->doc->len || r->nc[i] == 0 ||
	    x->off < r->doc->off || x->off + x->len > r->doc->off + r->doc->len)
		return;
	settle(x, &r->c[i * MAXC + cheapest(r, i)]);
	r->nc[i] = 0;
}

void xdate_resolve(struct xmentions *m, const char *text, size_t len,
		   const struct xdoc_date *doc, const char *file,
		   const struct itin_warner *w)
{
	struct rctx r = {m,    doc,  doc->day, 0,     0, XDATE_ORDER_UNKNOWN,
			 text, len,  file,     w,     0, 0,
			 1,    NULL, NULL,     false, 0};
	int mo, d;

	if (!doc->found || !m->n)
		return;
	civil_from_days(r.D, &r.Y, &mo, &d);
	r.wdD = weekday_from_days(r.D);
	r.text_order = xres_text_order(m);
	carry_future(m);
	r.said_at = xres_said_on_D(&r);
	r.spoken_on_D = r.said_at < m->n;
	r.c = xcalloc(m->n * MAXC, sizeof *r.c);
	r.nc = xcalloc(m->n, sizeof *r.nc);
	for (size_t i = 0; i < m->n; i++) {
		m->v[i].resolved = false;
		xres_candidates(&r, i);
		date_line(&r, i);
	}
	length_spans(&r);
	for (size_t i = 0; i < m->n; i++) {
		bounds(&r, i);
		contain(&r, i);
		appose(&r, i);
	}
	chain(&r);
	follow(&r);
	lengths(&r);
	parts(&r);
	recalls(&r);
	xres_check_weekdays(&r);
	free(r.c);
	free(r.nc);
}
