/*
 * xnight.c: journeys by night (xlegint.h). A train or a flight that
 * leaves one evening arrives the next day: the journey is a travel leg
 * of both days, to where it goes, apart from the stay it leads to
 * ("travel to Kyiv on Thursday night", "arrived on Tuesday after an
 * overnight journey that began late on Monday").
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

	if (k->kind != XTR_MOVE || g->first != g->last)
		return false;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].off >= g->end)
			return xtok_is(doc->text, t, i, "night");
	return false;
}

/* "arrived in Kyiv on Tuesday ... after an overnight train journey that
 * began late on Monday": the day before an arrival the same sentence
 * tells, overnight, is the journey's start; a travel leg to where it
 * arrived, not a stay of its own. */
bool xl_overnight_start(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xlegs *legs, struct xleg *l)
{
	static const char *const night[] = {"overnight", NULL};
	bool said = false;

	for (size_t i = 0; i < s->toks->n && !said; i++)
		said = xtok_in(doc->text, s->toks, i, night);
	if (!said || l->first != l->last)
		return false;
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
