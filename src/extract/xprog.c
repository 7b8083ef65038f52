/*
 * xprog.c: the programme of a visit, as ministries publish it (xlegint.h):
 *
 *   Monday 6 March: arrival in Nairobi; meeting with Finnish companies
 *   Tuesday 7 March: talks with Cabinet Secretary Alfred Mutua; ...
 *
 *   Thursday 9 November (Kinshasa)
 *   10:00 Talks with the Minister of Public Health, Dr Roger Kamba
 *   15:30 Press conference at the WHO Country Office
 *
 *   Wednesday, 5 February 2025 - The Hague
 *   - 09.30 Bilateral meeting with the Minister of Foreign Affairs ...
 *
 * A line that starts with a day is the programme's day; each of its
 * items (between ';') is a leg of that day, and a line that starts with
 * a clock time ("10:00", "09.30") or a bullet one of the day last named.
 * A day line that names only a place is the visit there that day.
 */
#include <string.h>

#include "itin/ascii.h"

#include "xlegint.h"

/* Lines a clock time keeps in the programme's day, at most. */
#define PROG_LINES 15

/* The mention m starts the sentence and is followed by what ends a day
 * heading: ':', '(', a dash, or nothing. */
static bool heads_line(const struct xsentence *s, const struct xmention *m)
{
	const char *t = s->text;
	size_t e = m->off + m->len, end = s->off + s->len;

	if (m->off > s->off + 2)
		return false;
	while (e < end && t[e] == ' ')
		e++;
	return e == end || t[e] == ':' || t[e] == '(' || t[e] == '-' ||
	       (end - e >= 3 && !memcmp(t + e, "\xE2\x80", 2) &&
		(t[e + 2] == '\x93' || t[e + 2] == '\x94'));
}

/* The trigger of text[a, b): the first of the strongest tier. */
static const struct xtrigger *item_trigger(const struct xsentence *s, size_t a,
					   size_t b)
{
	const struct xtrigger *best = NULL;

	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *k = &s->trigs->v[i];

		if (k->off < a || k->off >= b || k->kind == XTR_BLOCK)
			continue;
		if (!best || xl_tier(k->kind) < xl_tier(best->kind))
			best = k;
	}
	return best;
}

/* The leg of the item text[a, b) on the programme's day. */
static void item_leg(struct xlegdoc *doc, const struct xsentence *s, size_t a,
		     size_t b, int clock, struct xlegs *legs)
{
	struct groups gs = {.n = 1, .strict = true};
	struct dgroup *g = &gs.v[0];
	const struct xtrigger *k = item_trigger(s, a, b);

	memset(g, 0, sizeof(*g));
	g->off = g->end = a;
	g->has_first = true;
	g->first = g->last = doc->prog_day;
	g->clock = clock;
	g->clock_end = -1;
	if (k)
		xleg_build(doc, s, &gs, g, k, NULL, a, b, legs);
}

/* A day line with no item: the visit to the place it names. */
static void place_line(struct xlegdoc *doc, const struct xsentence *s,
		       struct xlegs *legs)
{
	struct xtriggers one = {.n = 1};
	struct xsentence line = *s;

	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];

		if (p->kind == XP_ADJ)
			continue;
		one.v[0] =
		    (struct xtrigger){p->off, 0, 0, XTR_VISIT, false, false};
		line.trigs = &one;
		item_leg(doc, &line, s->off, s->off + s->len, -1, legs);
		return;
	}
}

/* The items of a day line, between ';'. */
static void day_line(struct xlegdoc *doc, const struct xsentence *s,
		     size_t from, struct xlegs *legs)
{
	const char *t = s->text;
	size_t end = s->off + s->len;

	if (!item_trigger(s, from, end)) {
		place_line(doc, s, legs);
		return;
	}
	while (from < end) {
		const char *semi = memchr(t + from, ';', end - from);
		size_t e = semi ? (size_t)(semi - t) : end;

		item_leg(doc, s, from, e, -1, legs);
		from = e + 1;
	}
}

/* A list item's start: a bullet ('-', '*', U+2022, an en or em dash),
 * then a clock time written with a dot ("09.30", which running text
 * leaves unread: "2.50" is a price), each optional but one at least.
 * Returns where the item's words begin (0: not an item); *clock the
 * time or -1. */
static size_t item_start(const struct xsentence *s, int *clock)
{
	const unsigned char *t = (const unsigned char *)s->text;
	size_t i = s->off, end = s->off + s->len;
	bool bullet = false;

	*clock = -1;
	if (i < end && (t[i] == '-' || t[i] == '*')) {
		bullet = true;
		i++;
	} else if (end - i >= 3 && t[i] == 0xE2 && t[i + 1] == 0x80 &&
		   (t[i + 2] == 0xA2 || t[i + 2] == 0x93 || t[i + 2] == 0x94)) {
		bullet = true;
		i += 3;
	}
	while (i < end && t[i] == ' ')
		i++;
	if (end - i >= 6 && ascii_isdigit(t[i]) && ascii_isdigit(t[i + 1]) &&
	    t[i + 2] == '.' && ascii_isdigit(t[i + 3]) &&
	    ascii_isdigit(t[i + 4]) && t[i + 5] == ' ') {
		int h = (t[i] - '0') * 10 + (t[i + 1] - '0');
		int mi = (t[i + 3] - '0') * 10 + (t[i + 4] - '0');

		if (h < 24 && mi < 60) {
			*clock = h * 3600 + mi * 60;
			i += 6;
		}
	}
	return bullet || *clock >= 0 ? i : 0;
}

/* A bulleted line, or one that starts "09.30", in the programme's day:
 * one of its items. */
static bool list_item(struct xlegdoc *doc, const struct xsentence *s,
		      struct xlegs *legs)
{
	int clock;
	size_t a;

	if (!doc->has_prog || s->idx - doc->prog_sent > PROG_LINES)
		return false;
	for (size_t i = 0; i < s->ndates; i++)
		if (s->dates[i].kind != XM_CLOCK)
			return false;
	if (!(a = item_start(s, &clock)))
		return false;
	doc->prog_sent = s->idx;
	if (clock < 0 && s->ndates && s->dates[0].off <= a + 1)
		clock = s->dates[0].clock;
	item_leg(doc, s, a, s->off + s->len, clock, legs);
	return true;
}

bool xprog_sentence(struct xlegdoc *doc, const struct xsentence *s,
		    struct xlegs *legs)
{
	const struct xmention *m = s->ndates ? &s->dates[0] : NULL;

	if (list_item(doc, s, legs))
		return true;
	if (!m)
		return false;
	if (m->kind == XM_DAYS && m->resolved && m->first == m->last &&
	    heads_line(s, m)) {
		doc->has_prog = true;
		doc->prog_day = m->first;
		doc->prog_sent = s->idx;
		day_line(doc, s, m->off + m->len, legs);
		return true;
	}
	for (size_t i = 1; i < s->ndates; i++)
		if (s->dates[i].kind == XM_DAYS)
			return false;
	if (m->kind != XM_CLOCK || m->off > s->off + 2 || !doc->has_prog ||
	    s->idx - doc->prog_sent > PROG_LINES)
		return false;
	doc->prog_sent = s->idx;
	item_leg(doc, s, m->off + m->len, s->off + s->len, m->clock, legs);
	return true;
}
