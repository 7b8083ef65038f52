/*
 * xdate-scan.c: xdate_scan, the date mentions of one sentence.
 *
 * The sentence is read as windows of at most XWIN_CAP tokens. At each
 * token the patterns are tried in a fixed order (weekday, absolute date,
 * relative words, duration, clock, year); the first that matches makes a
 * mention and scanning resumes after it, so mentions never overlap. The
 * words just before a mention then say what it is: "until", "through",
 * "to" make an end (XM_UNTIL), "from", "starting", "since" a start
 * (XM_FROM), "next", "last", "coming" move a weekday; "then", "later",
 * "afterwards", "after the meeting" mark the narrative moving on (cue).
 * A window is matched only up to XWIN_LOOK tokens from its end unless it
 * reaches the end of the sentence; the next window starts XWIN_BACK
 * tokens before that, so every pattern sees its whole span and its
 * prefix words, and the work stays linear in the sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/xalloc.h"
#include "xdate-impl.h"

#define XWIN_LOOK 48
#define XWIN_BACK 48

void xmentions_init(struct xmentions *m)
{
	m->v = NULL;
	m->n = m->cap = 0;
}

void xmentions_release(struct xmentions *m)
{
	free(m->v);
	xmentions_init(m);
}

static void push(struct xmentions *out, const struct xmention *m)
{
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	out->v[out->n++] = *m;
}

static size_t match(const struct xwin *w, size_t i, struct xmention *m)
{
	static const xpat_fn pats[] = {xpat_weekday,  xpat_date,  xpat_rel,
				       xpat_duration, xpat_clock, xpat_year};

	/* Every pattern starts with a word or a number. */
	if (w->t[i].kind == XT_PUNCT)
		return 0;
	return xpat_first(pats, sizeof pats / sizeof *pats, true, w, i, m);
}

/* "next Tuesday", "this coming Friday", "last Friday": tokens before. */
static size_t weekday_prefix(const struct xwin *w, size_t q, size_t floor,
			     struct xmention *m)
{
	if (m->wday < 0 || m->m || m->rel != XR_NONE || m->wday2 >= 0 ||
	    q <= floor)
		return q;
	if (xw_is(w, q - 1, "next") || xw_is(w, q - 1, "coming")) {
		m->rel = XR_WD_NEXT;
		q--;
		if (q > floor && xw_is(w, q - 1, "this"))
			q--;
	} else if (xw_is(w, q - 1, "last") || xw_is(w, q - 1, "past")) {
		m->rel = XR_WD_LAST;
		q--;
	} else if (xw_is(w, q - 1, "this")) {
		q--;
	}
	return q;
}

/* The words before a mention that make it an end or a start; returns
 * the first token of the mention's span. */
static size_t prefix(const struct xwin *w, size_t i, size_t floor,
		     struct xmention *m)
{
	static const char *const until[] = {
	    "until", "till", "til", "through", "thru", "to", "ending", NULL};
	static const char *const from[] = {"from",  "starting",	 "beginning",
					   "since", "effective", NULL};
	size_t q = weekday_prefix(w, i, floor, m);
	bool single = m->kind == XM_DAYS && !m->d2 && m->wday2 < 0;

	for (int k = 0; k < 2 && q > floor; k++)
		if (xw_is(w, q - 1, "on") || xw_is(w, q - 1, "late") ||
		    xw_is(w, q - 1, "early"))
			q--;
	if (q <= floor || !single)
		return q < floor ? floor : q;
	if (xw_in(w, q - 1, until) && m->rel != XR_NEXT_DAY) {
		m->kind = XM_UNTIL;
		return q - 1;
	}
	if (xw_in(w, q - 1, from)) {
		m->kind = XM_FROM;
		return q - 1;
	}
	if (q - 1 > floor && xw_is(w, q - 1, "of") && xw_is(w, q - 2, "as")) {
		m->kind = XM_FROM; /* "as of Monday" */
		return q - 2;
	}
	return q;
}

/* "Before departing for Azerbaijan, Erdogan will receive ... on
 * Wednesday": a sentence that opens with "Before" and a comma tells a
 * day ahead of the trip told before it. */
static bool back_before(const struct xwin *w, size_t q)
{
	bool comma = false;
	size_t i = q;

	while (i > 0 && !xw_punct(w, i - 1, '.') && !xw_punct(w, i - 1, ';')) {
		i--;
		comma = comma || xw_punct(w, i, ',');
	}
	return comma && (xw_is(w, i, "before") || xw_is(w, i, "ahead"));
}

/* "Then, on Monday": within the eight tokens before the mention; "After
 * the meeting, he will travel to Port Moresby on Saturday": an event
 * told before, its phrase closed by a comma, within the 24 tokens before
 * it. */
static bool cue_before(const struct xwin *w, size_t q)
{
	static const char *const cues[] = {
	    "then",	  "afterwards", "afterward", "subsequently",
	    "thereafter", "later",	"next",	     NULL};
	static const char *const after[] = {"after", "following", NULL};
	static const char *const dets[] = {"the", "his",   "her",   "their",
					   "its", "these", "those", NULL};
	size_t lo = q > 24 ? q - 24 : 0;
	bool comma = false;

	for (size_t i = q; i-- > lo;) {
		if (i + 8 >= q && xw_in(w, i, cues))
			return true;
		/* Not "comes after the Coronation on 6 May": that day is
		 * the event's. */
		if (xw_in(w, i, after) && xw_in(w, i + 1, dets) && comma)
			return true;
		comma = comma || xw_punct(w, i, ',');
		if (xw_punct(w, i, '.') || xw_punct(w, i, ';'))
			break;
	}
	return false;
}

static bool is_day(const struct xmention *m)
{
	return m->kind == XM_DAYS || m->kind == XM_FROM || m->kind == XM_UNTIL;
}

/* "at 4 pm on Sunday", "on Sunday at 4 pm": the clock joins the day when
 * only a few small words lie between them. */
static void join_clock(const char *text, struct xmentions *out, size_t first)
{
	struct xmention *a, *b;
	size_t gap;

	if (out->n < first + 2)
		return;
	a = &out->v[out->n - 2];
	b = &out->v[out->n - 1];
	gap = b->off - (a->off + a->len);
	if (gap > 6)
		return;
	for (size_t k = a->off + a->len; k < b->off; k++)
		if (!text[k] || !strchr(" ,atonATON", text[k]))
			return;
	if (a->kind == XM_CLOCK && is_day(b) && b->clock < 0) {
		b->clock = a->clock;
		b->clock_end = a->clock_end;
	} else if (b->kind == XM_CLOCK && is_day(a) && a->clock < 0) {
		a->clock = b->clock;
		a->clock_end = b->clock_end;
	}
}

struct scan {
	const char *text;
	size_t off, len, sentence, first; /* first: its first mention */
	size_t done; /* byte where the last mention ended */
	struct xmentions *out;
};

/* "On Saturday, the day after the meeting ends": the weekday is told by
 * an event named before; nrel +1 (after) or -1 (before) for resolve. */
static void apposition(const struct xwin *w, size_t j, struct xmention *m)
{
	if (m->wday < 0 || m->m || m->rel != XR_NONE)
		return;
	j += xw_punct(w, j, ',');
	if (!(xw_is(w, j, "the") || xw_is(w, j, "a") || xw_is(w, j, "one")) ||
	    !xw_is(w, j + 1, "day"))
		return;
	if (xw_is(w, j + 2, "after"))
		m->nrel = 1;
	else if (xw_is(w, j + 2, "before"))
		m->nrel = -1;
}

static size_t try_at(struct scan *s, const struct xwin *w, size_t i)
{
	struct xmention m;
	size_t k = match(w, i, &m), floor = i, q;
	const struct xtok *last;

	if (!k)
		return 0;
	while (floor > 0 && w->t[floor - 1].off >= s->done && i - floor < 3)
		floor--;
	q = prefix(w, i, floor, &m);
	last = &w->t[i + k - 1];
	m.off = w->t[q].off;
	m.len = last->off + last->len - m.off;
	m.sentence = s->sentence;
	m.tense = xtense_at(w, i);
	m.cue = cue_before(w, q);
	m.back_cue = back_before(w, q);
	apposition(w, i + k, &m);
	push(s->out, &m);
	join_clock(s->text, s->out, s->first);
	s->done = m.off + m.len;
	return k;
}

/* Tokens of text[pos..end) into toks: how many; *whole when the window
 * reaches the end. */
static size_t fill(const char *text, size_t pos, size_t end, struct xtok *toks,
		   bool *whole)
{
	size_t n = 0, nx;

	*whole = false;
	while (n < XWIN_CAP) {
		if (!xtok_next(text, pos, end, &toks[n], &nx)) {
			*whole = true;
			break;
		}
		pos = nx;
		n++;
	}
	return n;
}

void xdate_scan(const char *text, size_t off, size_t len, size_t sentence,
		struct xmentions *out)
{
	struct xtok toks[XWIN_CAP];
	signed char marks[XWIN_CAP];
	struct scan s = {text, off, len, sentence, out->n, off, out};
	size_t pos = off, from = off, end = off + len, n, i, limit;
	bool whole;

	for (;;) {
		n = fill(text, pos, end, toks, &whole);
		struct xwin w = {text, toks, n, marks};

		memset(marks, XT_UNKNOWN, sizeof marks);
		limit = whole ? n : n - XWIN_LOOK;
		for (i = 0; i < n && toks[i].off < from; i++)
			;
		while (i < limit) {
			size_t k = try_at(&s, &w, i);
			i += k ? k : 1;
		}
		if (whole)
			break;
		from = i < n ? toks[i].off : toks[n - 1].off + toks[n - 1].len;
		pos = toks[limit - XWIN_BACK].off;
	}
}
