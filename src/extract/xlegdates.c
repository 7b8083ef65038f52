/*
 * xlegdates.c: a sentence's date mentions gathered into groups, each the
 * "when" of one leg ("from July 16 to 18", "on Monday and Tuesday", "a
 * two-day visit starting April 24"), for xleg.c.
 */

#include <string.h>

#include "itin/ascii.h"
#include "xleg.h"
#include "xlegint.h"

static void group_mentions(const struct xsentence *s, struct groups *gs);

static bool is_start_kind(enum xmention_kind k)
{
	return k == XM_DAYS || k == XM_FROM;
}

static bool is_end_kind(enum xmention_kind k)
{
	return k == XM_UNTIL || k == XM_DURATION;
}

/* Whether a place stands in text[a, b). */
static bool place_between(const struct xsentence *s, size_t a, size_t b)
{
	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];

		if (p->kind != XP_ADJ && p->off >= a && p->off < b)
			return true;
	}
	return false;
}

/* A day listed after another is written as one: a number or a weekday
 * ("on 12/02/2025 and 13/02/2025", "on Monday and Tuesday"); "on
 * September 2, and the next day" moves on to a day of its own. */
static bool named_day(const char *text, const struct xmention *m)
{
	static const char *const wdays[] = {"monday",	"tuesday", "wednesday",
					    "thursday", "friday",  "saturday",
					    "sunday",	NULL};
	size_t i = m->off, end = m->off + m->len;

	while (i < end) {
		size_t j = i;

		if (ascii_isdigit((unsigned char)text[i]))
			return true;
		while (j < end && ascii_isalpha((unsigned char)text[j]))
			j++;
		if (j > i && xtok_word_in(text + i, j - i, wdays))
			return true;
		i = j > i ? j : i + 1;
	}
	return false;
}

/* Whether the text at off stands in a relative clause about a thing:
 * "the Shangri-La Dialogue, ..., which runs until June 1" (the
 * forum's days, not the traveller's). */
bool xl_in_which_clause(const struct xsentence *s, size_t off)
{
	const struct xtoks *t = s->toks;
	size_t i = 0;

	while (i < t->n && t->v[i].off < off)
		i++;
	for (size_t n = 0; i > 1 && n < 8; i--, n++) {
		if (s->text[t->v[i - 1].off] == ',' ||
		    s->text[t->v[i - 1].off] == ';')
			return false;
		if (xtok_is(s->text, t, i - 1, "which") &&
		    s->text[t->v[i - 2].off] == ',')
			return true;
	}
	return false;
}

/* An end (or length) joins the group before it when nothing names a
 * second place between them, or the sentence names none before the
 * group: "on Monday, he will head to Tokyo, on a visit that will last
 * until February 1". */
static bool joins(const struct xsentence *s, const struct dgroup *g,
		  const struct xmention *m)
{
	if (g->recall || g->vague ||
	    (!is_start_kind(m->kind) && !is_end_kind(m->kind)))
		return false;
	if (!g->has_first && !g->has_last && !g->ndays)
		return true; /* a clock time alone: "at 4 pm on Wednesday" */
	if (is_end_kind(m->kind) && (!g->has_first || g->has_last || g->ndays))
		return false;
	/* "he will give the keynote of the Dialogue, which runs until June
	 * 1": the end is the thing's, not the traveller's day. */
	if (is_end_kind(m->kind) && xl_in_which_clause(s, m->off))
		return false;
	if (m->kind == XM_DAYS && g->has_first && !g->has_last && !g->ndays &&
	    m->resolved && m->first == g->last + 1 && m->off - g->end <= 6 &&
	    xl_list_gap(s->text, g->end, m->off) && named_day(s->text, m))
		return true; /* "on 12/02/2025 and 13/02/2025" */
	if (is_start_kind(m->kind) && (g->has_first || !g->ndays))
		return false;
	return !place_between(s, g->end, m->off) ||
	       !place_between(s, s->off, g->off);
}

/* Apply mention m to group g. */
static void take(struct dgroup *g, const struct xmention *m)
{
	if (m->off + m->len > g->end)
		g->end = m->off + m->len;
	if (m->tense != XTENSE_NONE)
		g->tense = m->tense;
	switch (m->kind) {
	case XM_DAYS:
	case XM_FROM:
		if (g->has_first && m->resolved && m->first == g->last + 1) {
			g->last = m->last; /* the next day, listed */
			break;
		}
		g->has_first = m->resolved;
		g->first = m->first;
		g->last = m->kind == XM_DAYS ? m->last : m->first;
		break;
	case XM_UNTIL:
		g->has_last = m->resolved;
		g->until = m->last;
		break;
	case XM_DURATION:
		g->ndays = m->ndays;
		break;
	case XM_PERIOD:
		/* "this weekend" names its two days; "next week" none. */
		if (m->resolved && m->last - m->first < 3) {
			g->has_first = true;
			g->first = m->first;
			g->last = m->last;
		} else {
			g->vague = true;
		}
		break;
	case XM_RECALL:
		g->recall = true;
		break;
	case XM_CLOCK:
		break;
	}
	if (m->clock >= 0 && g->clock < 0) {
		g->clock = m->clock;
		g->clock_end = m->clock_end;
	}
}

/* An agency's dateline inside the text, as where a second dispatch
 * begins ("Havana, May 5 (Prensa Latina) Cuban President ...", "MANAMA,
 * Jan 12 (Reuters) -"): a place in capitals or title case and a comma
 * before the date, nothing else, and a bracket or a dash after it. The
 * date says when the dispatch was filed, not when anyone travels. */
static bool dateline(const struct xsentence *s, const struct xmention *m)
{
	const char *t = s->text;
	size_t i = s->off, a = m->off, b = m->off + m->len;
	size_t end = s->off + s->len;

	if (a <= i + 2 || a - i > 40 || t[a - 2] != ',' || t[a - 1] != ' ' ||
	    t[i] < 'A' || t[i] > 'Z')
		return false;
	for (size_t j = i; j < a - 2; j++)
		if (!ascii_isalpha((unsigned char)t[j]) && t[j] != ' ' &&
		    t[j] != '.' && t[j] != '-' && !((unsigned char)t[j] & 0x80))
			return false;
	while (b < end && t[b] == ' ')
		b++;
	return b < end && (t[b] == '(' || t[b] == '-' ||
			   (end - b >= 3 && !memcmp(t + b, "\xE2\x80", 2) &&
			    (t[b + 2] == '\x93' || t[b + 2] == '\x94')));
}

/* "the first leg of a week-long trip to Japan and South Korea": the
 * length of a tour of several places (a list right after it) is no
 * one stay's. */
static bool tour_length(const struct xsentence *s, const struct xmention *m)
{
	const struct xplace *a = NULL;

	if (m->kind != XM_DURATION)
		return false;
	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];

		if (p->kind == XP_ADJ || p->off < m->off + m->len ||
		    p->off > m->off + m->len + 40)
			continue;
		if (a && xl_list_gap(s->text, a->off + a->len, p->off))
			return true;
		a = p;
	}
	return false;
}

/* Where phrase (lower case) next occurs in text[a, b) as whole words, in
 * any case; b when it does not. */
static size_t phrase_at(const char *text, size_t a, size_t b,
			const char *phrase)
{
	size_t n = strlen(phrase);

	for (size_t i = a; i + n <= b; i++)
		if ((i == a || !ascii_isalpha((unsigned char)text[i - 1])) &&
		    !ascii_ncasecmp(text + i, phrase, n) &&
		    (i + n == b || !ascii_isalpha((unsigned char)text[i + n])))
			return i;
	return b;
}

/* The first of phrases in text[a, b), or b. */
static size_t first_phrase(const char *text, size_t a, size_t b,
			   const char *const *phrases)
{
	size_t at = b;

	for (; *phrases; phrases++) {
		size_t i = phrase_at(text, a, b, *phrases);

		if (i < at)
			at = i;
	}
	return at;
}

/* A trip the clause calls off ("has called off a planned trip", "had
 * been scheduled to leave on Tuesday", "initially planned for Thursday,
 * has been postponed"): its dates are no leg's, but those after a new
 * date's words ("postponed to May 5", "will now take place on Friday")
 * are. The clause runs between semicolons. */
static bool called_off(const struct xsentence *s, const struct dgroup *g)
{
	static const char *const off[] = {"called off",
					  "calls off",
					  "call off",
					  "cancelled",
					  "canceled",
					  "cancels",
					  "scrapped",
					  "scraps",
					  "postponed",
					  "postpones",
					  "put off",
					  "shelved",
					  "had been scheduled",
					  "had been planned",
					  "had been due",
					  "had been expected",
					  "had planned",
					  "initially planned",
					  "originally planned",
					  "initially scheduled",
					  "originally scheduled",
					  "was to have",
					  NULL};
	static const char *const was[] = {
	    "was scheduled", "were scheduled", "was planned", "were planned",
	    "was due",	     "were due",       NULL};
	static const char *const anew[] = {
	    "postponed to",   "postponed until", "rescheduled", "moved to",
	    "pushed back to", "will now",	 "instead",	NULL};
	const char *t = s->text;
	size_t a = s->off, b = s->off + s->len;

	for (size_t i = s->off; i < g->off; i++)
		if (t[i] == ';')
			a = i + 1;
	for (size_t i = g->end; i < b; i++)
		if (t[i] == ';')
			b = i;
	if (first_phrase(t, a, b, off) == b) {
		/* "which was scheduled to take place from September 8 to
		 * 10, will now be held from ...": a plan told in the past is
		 * called off only by the new dates after it ("a meeting ...
		 * was planned for Thursday" alone still stands). */
		size_t n = first_phrase(t, a, b, anew);

		return first_phrase(t, a, g->off, was) < g->off && n < b &&
		       n > g->off;
	}
	return first_phrase(t, a, b, anew) > g->off;
}

void xl_group_dates(const struct xsentence *s, struct groups *gs)
{
	group_mentions(s, gs);
	for (size_t i = 0; i < gs->n; i++)
		if (called_off(s, &gs->v[i]))
			gs->v[i].recall = true;
}

/* "at 4 pm Friday", "at 10:00 on Monday": a clock time right before a
 * day is that day's, not the day named before it. */
static bool clock_of_next(const struct xsentence *s, size_t i)
{
	const struct xmention *m = &s->dates[i], *n;
	size_t a;

	if (i + 1 >= s->ndates)
		return false;
	n = &s->dates[i + 1];
	a = m->off + m->len;
	if (n->kind != XM_DAYS || n->off < a || n->off - a > 4)
		return false;
	while (a < n->off && s->text[a] == ' ')
		a++;
	return a == n->off ||
	       (n->off - a == 3 && !memcmp(s->text + a, "on ", 3));
}

static void group_mentions(const struct xsentence *s, struct groups *gs)
{
	struct dgroup *g = NULL;

	gs->n = 0;
	gs->strict = false;
	for (size_t i = 0; i < s->ndates; i++) {
		const struct xmention *m = &s->dates[i];

		if (dateline(s, m) || tour_length(s, m))
			continue;
		if (m->kind == XM_CLOCK && g && !clock_of_next(s, i)) {
			take(g, m);
			continue;
		}
		if (g && m->kind != XM_CLOCK && joins(s, g, m)) {
			take(g, m);
			continue;
		}
		if (gs->n >= XGROUP_MAX)
			break;
		g = &gs->v[gs->n++];
		memset(g, 0, sizeof(*g));
		g->off = m->off;
		g->end = m->off + m->len;
		g->clock = g->clock_end = -1;
		take(g, m);
	}
}

/* The days a group fixes: false when it fixes no start. */
bool xl_group_span(const struct dgroup *g, int64_t *first, int64_t *last)
{
	if (!g->has_first || g->recall || g->vague)
		return false;
	*first = g->first;
	*last = g->last;
	if (g->has_last && g->until >= g->first)
		*last = g->until;
	else if (g->ndays > 1 && g->ndays <= 60 && g->last == g->first)
		*last = g->first + g->ndays - 1;
	return true;
}
