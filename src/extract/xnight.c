/*
 * xnight.c: journeys by night (xlegint.h). A train or a flight that
 * leaves one evening arrives the next day: the journey is a travel leg
 * of both days, to where it goes, apart from the stay it leads to
 * ("travel to Kyiv on Thursday night", "arrived on Tuesday after an
 * overnight journey that began late on Monday", "departing Addis Ababa
 * in the evening" of Sunday, then "returned to New York on Monday").
 */
#include <string.h>

#include "itin/ascii.h"
#include "xlegint.h"

/* "travel to Kyiv on Thursday night, a journey of around 10 hours": a
 * move by night arrives the next day; the journey is a travel leg of
 * both days, apart from the stay it leads to. */
bool xl_night_move(const struct xlegdoc *doc, const struct xsentence *s,
		   const struct dgroup *g, const struct xtrigger *k)
{
	const struct xtoks *t = s->toks;

	static const char *const night[] = {"night", "overnight", NULL};

	if (k->kind != XTR_MOVE || g->first != g->last)
		return false;
	/* "travel to Kyiv by night train on Sunday", "an overnight flight
	 * to Lima on Friday": the night between the move and its day. */
	for (size_t i = k->tok + 1; i < t->n && t->v[i].off < g->off; i++)
		if (xtok_in(doc->text, t, i, night))
			return true;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].off >= g->end)
			return xtok_is(doc->text, t, i, "night");
	return false;
}

/* "board an overnight train late on Saturday, arriving in Kyiv on
 * Sunday": the arrival told after the day the journey began; that day,
 * a leg of the sentence that took the arrival's own word and place (the
 * boarding is no trigger), is the journey: a travel leg to the arrival's
 * city, of both days. */
static void night_before_arrival(const struct xlegdoc *doc,
				 const struct xsentence *s, struct xlegs *legs,
				 const struct xleg *l)
{
	struct xleg *a;

	if (!legs->n || ascii_ncasecmp(doc->text + l->trig_off, "arriv", 5))
		return;
	a = &legs->v[legs->n - 1];
	if (a->dead || !a->nsents || a->sents[0] != s->idx ||
	    a->first != a->last || a->first + 1 != l->first ||
	    a->trig_off != l->trig_off || a->city != l->city)
		return;
	a->type = EV_TRAVEL;
	a->last = l->first;
	a->clock = a->clock_end = -1;
	xleg_visit_title(a);
}

/* "arrived in Kyiv on Tuesday ... after an overnight train journey that
 * began late on Monday": the day before an arrival the same sentence
 * tells, overnight, is the journey's start; a travel leg to where it
 * arrived, not a stay of its own. */
bool xl_overnight_start(const struct xlegdoc *doc, const struct xsentence *s,
			struct xlegs *legs, struct xleg *l)
{
	static const char *const night[] = {"overnight", NULL};
	bool said = false;

	for (size_t i = 0; i < s->toks->n && !said; i++)
		said = xtok_in(doc->text, s->toks, i, night);
	if (!said || l->first != l->last)
		return false;
	night_before_arrival(doc, s, legs, l);
	for (size_t j = legs->n; j-- > 0;) {
		const struct xleg *a = &legs->v[j];

		if (!a->nsents || a->sents[0] != s->idx)
			break;
		if ((a->trig_kind != XTR_MOVE &&
		     ascii_ncasecmp(doc->text + a->trig_off, "arriv", 5)) ||
		    a->first != a->last || a->first != l->first + 1 || !a->city)
			continue;
		memcpy(l->cc, a->cc, 3);
		l->city = a->city;
		l->type = EV_TRAVEL;
		l->last = a->first;
		l->clock = l->clock_end = -1;
		return true;
	}
	return false;
}

/* The one day the sentence names, resolved; false when none or more. */
static bool one_day(const struct xsentence *s, int64_t *day)
{
	bool found = false;

	for (size_t i = 0; i < s->ndates; i++) {
		const struct xmention *m = &s->dates[i];

		if (m->kind == XM_CLOCK)
			continue;
		if (m->kind != XM_DAYS || !m->resolved || m->first != m->last ||
		    (found && *day != m->first))
			return false;
		*day = m->first;
		found = true;
	}
	return found;
}

void xl_evening_departure(struct xlegdoc *doc, const struct xsentence *s)
{
	static const char *const leave[] = {"depart",	 "departs", "departed",
					    "departing", "leave",   "leaves",
					    "left",	 "leaving", NULL};
	static const char *const late[] = {"evening", "night", NULL};
	const struct xtoks *t = s->toks;
	bool left = false, evening = false;
	int64_t day = 0;

	for (size_t i = 0; i < t->n; i++) {
		left = left || xtok_in(doc->text, t, i, leave);
		evening = evening || (left && xtok_in(doc->text, t, i, late));
	}
	if (evening && one_day(s, &day)) {
		doc->has_evening = true;
		doc->evening_day = day;
		doc->evening_sent = s->idx;
	}
}

void xl_evening_start(const struct xlegdoc *doc, const struct xsentence *s,
		      struct xleg *l)
{
	if (doc->has_evening && l->type == EV_TRAVEL && l->first == l->last &&
	    l->first == doc->evening_day + 1 && s->idx > doc->evening_sent &&
	    s->idx - doc->evening_sent <= 2) {
		l->first = doc->evening_day;
		l->clock = l->clock_end = -1;
	}
}
