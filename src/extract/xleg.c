/*
 * xleg.c: the legs of a sentence (xleg.h): date groups, their triggers,
 * places and people.
 */
#include <stdio.h>
#include <string.h>

#include "itin/ascii.h"
#include "xleg.h"
#include "xlegint.h"

/* Dates this long before the document date are pasts the text recalls,
 * whatever the tense; a past tense makes it a week. */
#define RECALL_DAYS	 30
#define RECALL_PAST_DAYS 7

/* The distance in bytes between trigger k and text[a, b). */
size_t xl_dist(const struct xtrigger *k, size_t a, size_t b)
{
	if (k->off + k->len <= a)
		return a - (k->off + k->len);
	return k->off >= b ? k->off - b : 0;
}

/* How strongly a trigger names what a leg is: 1 an event (a summit, a
 * conference, a ministerial), 2 a stay or a move, 3 what happens during
 * one (talks, a speech, a press conference). */
int xl_tier(enum xtrig_kind k)
{
	switch (k) {
	case XTR_SUMMIT:
	case XTR_CONFERENCE:
	case XTR_GATHER:
		return 1;
	case XTR_VISIT:
	case XTR_MOVE:
	case XTR_TRAVEL:
		return 2;
	default:
		return 3;
	}
}

/* Whether g is the date of an event named as a time: after it, in its
 * clause ("ahead of the G20 summit in the Indian capital Sept. 9-10", not
 * "Ahead of the summit, on 8 September, he will meet"). */
static bool own_date(const struct xsentence *s, const struct xtrigger *k,
		     const struct dgroup *g)
{
	size_t e = k->off + k->len;

	return e <= g->off && !memchr(s->text + e, ',', g->off - e);
}

/* Whether trigger k is nearer another group than g: its own date. */
static bool nearer_other(const struct groups *gs, const struct dgroup *g,
			 const struct xtrigger *k)
{
	size_t d = xl_dist(k, g->off, g->end);

	for (size_t i = 0; i < gs->n; i++)
		if (&gs->v[i] != g && !gs->v[i].recall &&
		    xl_dist(k, gs->v[i].off, gs->v[i].end) < d)
			return true;
	return false;
}

/* The nearest trigger of tier t in [sa, sb) (before the group only, if
 * before) that has no date of its own, or NULL. */
static const struct xtrigger *nearest_of(const struct xsentence *s,
					 const struct groups *gs,
					 const struct dgroup *g, size_t sa,
					 size_t sb, int t, bool before)
{
	const struct xtrigger *best = NULL;
	size_t bd = (size_t)-1;

	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *k = &s->trigs->v[i];
		size_t d = xl_dist(k, g->off, g->end);

		if (k->off < sa || k->off >= sb || k->kind == XTR_BLOCK ||
		    (t && xl_tier(k->kind) != t) ||
		    (before && k->off >= g->off) ||
		    (t == 1 && nearer_other(gs, g, k)) ||
		    (k->ref && !own_date(s, k, g)))
			continue;
		if (d < bd) {
			bd = d;
			best = k;
		}
	}
	return best;
}

/* Whether a relative clause (", during which", ", where", ", when")
 * separates trigger k from group g: "a tour of France and the United
 * States today, during which he will co-chair the Summit" does not make
 * today the summit's. */
static bool clause_between(const struct xsentence *s, const struct xtrigger *k,
			   const struct dgroup *g)
{
	static const char *const marks[] = {
	    ", during which", ", where",    ", when",	 ", while", "; ",
	    "ahead of",	      "before the", "after the", NULL};
	size_t a = k->off < g->off ? k->off : g->end;
	size_t b = k->off < g->off ? g->off : k->off;

	if (b <= a)
		return false;
	for (const char *const *m = marks; *m; m++) {
		const char *hit = memmem(s->text + a, b - a, *m, strlen(*m));

		if (hit)
			return true;
	}
	return false;
}

/* The trigger of group g, whose stretch of the sentence is [sa, sb): the
 * nearest (a date nearest to "anniversary" is no leg's); an event in the
 * stretch wins over the move that brings one there ("travel to Helsinki
 * on July 13 for the Summit": *move gets the move, whose place the leg
 * takes) and the speech given at it, not over a stay
 * the date is said of ("a state visit to Peru from Nov. 13 to 17"); a stay
 * named before the date over the talks that are its purpose ("stop in the UAE
 * on Tuesday for talks"); a stay over the move that starts it. NULL: none. */
/* "a one-on-one meeting and an informal lunch on Monday": the meal is
 * part of the talks, which are the leg. */
static bool meal_of_talks(const struct xsentence *s, const struct xtrigger *k)
{
	const struct xtrigger *m = k - 1;
	size_t a;

	if (k->kind != XTR_RECEPTION || k == s->trigs->v ||
	    m->kind != XTR_MEETING)
		return false;
	a = m->off + m->len;
	return k->off - a < 24 && memmem(s->text + a, k->off - a, " and ", 5);
}

/* Whether text[a, b) joins a new clause or predicate: a comma, a
 * semicolon, or the word "and". */
static bool joined_after(const struct xsentence *s, size_t a, size_t b)
{
	const char *t = s->text;

	for (size_t i = a; i < b; i++) {
		if (t[i] == ',' || t[i] == ';')
			return true;
		if (i + 5 <= b && !memcmp(t + i, " and ", 5))
			return true;
	}
	return false;
}

static const struct xtrigger *
group_trigger(const struct xlegdoc *doc, const struct xsentence *s,
	      const struct groups *gs, const struct dgroup *g, size_t sa,
	      size_t sb, const struct xtrigger **move)
{
	const struct xtrigger *best = NULL, *k;
	size_t bd = (size_t)-1;

	*move = NULL;
	for (size_t i = 0; i < s->trigs->n; i++) {
		size_t d = xl_dist(&s->trigs->v[i], g->off, g->end);
		bool inside =
		    s->trigs->v[i].off >= sa && s->trigs->v[i].off < sb;

		if (s->trigs->v[i].ref && !own_date(s, &s->trigs->v[i], g))
			continue;
		/* "attend X in Y on DATE": the verb comes first; and what
		 * follows "and" or a comma after the date is its own ("a
		 * speech at the castle on Tuesday and to meet ..."). */
		if (s->trigs->v[i].off >= g->end)
			d = d * 2 + (joined_after(s, g->end, s->trigs->v[i].off)
					 ? 500
					 : 0);
		d += inside ? 0 : 1000;
		if (d < bd) {
			bd = d;
			best = &s->trigs->v[i];
		}
	}
	if (!best || best->kind == XTR_BLOCK)
		return best;
	if (meal_of_talks(s, best))
		return best - 1;
	/* "address a joint meeting of Congress": the speech is the leg. */
	if (best->kind == XTR_GATHER && best > s->trigs->v &&
	    best[-1].kind == XTR_SPEECH && best->off - best[-1].off < 24)
		return best - 1;
	if ((best->kind == XTR_MOVE || best->kind == XTR_TRAVEL ||
	     (best->kind == XTR_SPEECH && !best->part_of) ||
	     (best->kind == XTR_VISIT && xl_anaphoric(doc, s, best))) &&
	    (k = nearest_of(s, gs, g, sa, sb, 1, false)) != NULL &&
	    !clause_between(s, k, g) &&
	    !(best->kind == XTR_SPEECH && k->kind == XTR_GATHER)) {
		*move = best;
		return k;
	}
	if (xl_tier(best->kind) == 3 && best->off >= g->end &&
	    (k = nearest_of(s, gs, g, sa, sb, 2, true)) != NULL)
		best = k;
	/* "leave for Cairo on Wednesday for a visit": the visit the
	 * journey is for; not a stay told before it ("travelled to
	 * Benguela to tour ..., before flying back to Windhoek"). */
	if (best->kind == XTR_TRAVEL) {
		for (size_t i = 0; i < s->trigs->n; i++)
			if (s->trigs->v[i].kind == XTR_VISIT &&
			    s->trigs->v[i].off > best->off &&
			    s->trigs->v[i].off >= sa && s->trigs->v[i].off < sb)
				return &s->trigs->v[i];
	}
	return best;
}

/* The kind of trigger that made leg l, by its type. */
static enum xtrig_kind k_kind_of(const struct xleg *l)
{
	return l->type == EV_MEETING || l->type == EV_PRESS ||
		       l->type == EV_RECEPTION || l->type == EV_OTHER ||
		       l->type == EV_INTERVIEW
		   ? XTR_MEETING
		   : XTR_VISIT;
}

/* A length or an end with no start of its own ("the two-day visit",
 * "he will stay until Wednesday"): the leg before, if near, lasts so. */
static void extend_last(struct xlegdoc *doc, const struct xsentence *s,
			const struct dgroup *g, struct xlegs *legs)
{
	struct xleg *l;

	if (!doc->last_leg || g->recall || g->vague ||
	    xl_in_which_clause(s, g->off))
		return;
	l = &legs->v[doc->last_leg - 1];
	if (l->dead || s->idx - l->sents[l->nsents - 1] > 2)
		return;
	/* "will remain in the Lao capital until Monday" after the talks
	 * there: an end bounds the stay, not an event of one day in it. */
	if (g->has_last && !g->ndays && xl_tier(k_kind_of(l)) == 3) {
		for (size_t i = doc->last_leg - 1; i-- > 0;) {
			struct xleg *v = &legs->v[i];

			if (!v->dead && v->type == EV_VISIT &&
			    v->last >= l->first - 1) {
				l = v;
				break;
			}
		}
		if (xl_tier(k_kind_of(l)) == 3)
			return;
	}
	if (g->has_last && g->until >= l->first && g->until - l->first < 60)
		l->last = g->until;
	else if (g->ndays > 1 && g->ndays <= 60 && l->last == l->first)
		l->last = l->first + g->ndays - 1;
	if (l->nsents < XLEG_SENTS && l->sents[l->nsents - 1] != s->idx)
		l->sents[l->nsents++] = s->idx;
}

static bool too_old(const struct xlegdoc *doc, const struct dgroup *g,
		    int64_t last)
{
	return last < doc->doc_day - RECALL_DAYS ||
	       (g->tense == XTENSE_PAST &&
		last < doc->doc_day - RECALL_PAST_DAYS);
}

/* The leg of group gi of the sentence, if it makes one. */
/* Whether the principal takes part in what trigger k names: always in a
 * stay or a meeting (whose subject others_trip checked); in an event, if
 * the sentence says so or the text said so of the event it names again
 * (*known: that event, when named by its key). */
static bool takes_part(const struct xlegdoc *doc, const struct xsentence *s,
		       const struct xtrigger *k, const struct xevmem **known,
		       char key[32])
{
	const struct xevmem *ev;

	*known = NULL;
	key[0] = '\0';
	if (xl_tier(k->kind) != 1)
		return true;
	xevent_key(doc->text, s->toks, k->tok, key);
	ev = xevent_find(doc, key, s->idx);
	if (ev && *key)
		*known = ev;
	else if (ev)
		memcpy(key, ev->key, 32); /* "the summit": the one named last */
	return xl_involved(doc, s) || (ev && ev->principal);
}

/* A meeting or press conference placed only in a country happens in the
 * city the text was speaking of there ("a bilateral meeting with the
 * Prime Minister of India" the day before the summit in New Delhi). */
static void city_of_context(const struct xlegdoc *doc, const struct xlegs *legs,
			    struct xleg *l)
{
	if (l->city || l->type == EV_VISIT || l->type == EV_TRAVEL)
		return;
	for (size_t i = legs->n; i-- > 0 && legs->n - i <= 4;)
		if (legs->v[i].city && !strcmp(legs->v[i].cc, l->cc)) {
			l->city = legs->v[i].city;
			return;
		}
	if (doc->ctx_city && !strcmp(doc->ctx_cc, l->cc)) {
		l->city = doc->ctx_city;
		return;
	}
	for (size_t i = doc->nevents; i-- > 0;)
		if (doc->events[i].city && !strcmp(doc->events[i].cc, l->cc)) {
			l->city = doc->events[i].city;
			return;
		}
}

/* "concluded his five-day state visit ... on Friday": the day is the
 * visit's last, its length counts back from it. */
static void concluded(const struct xlegdoc *doc, const struct xsentence *s,
		      const struct xtrigger *k, const struct dgroup *g,
		      int64_t *first, int64_t *last)
{
	static const char *const ends[] = {
	    "concluded", "concludes", "conclude",  "ended",	"ends", "end",
	    "wrapped",	 "wraps",     "completed", "completes", NULL};

	if (g->ndays < 2 || g->has_last || g->first != g->last)
		return;
	for (size_t i = k->tok, n = 0; i > 0 && n < 5; i--, n++)
		if (xtok_in(doc->text, s->toks, i - 1, ends)) {
			*last = g->first;
			*first = g->first - (g->ndays - 1);
			return;
		}
}

/* Token i ("leaders") after "meet" or "with" (past "the"): whom the
 * traveller meets. */
static bool object_of_meeting(const struct xlegdoc *doc, const struct xtoks *t,
			      size_t i)
{
	static const char *const verbs[] = {"meet", "meets", "meeting", "with",
					    NULL};

	if (i > 0 && xtok_is(doc->text, t, i - 1, "the"))
		i--;
	return i > 0 && xtok_in(doc->text, t, i - 1, verbs);
}

/* Capitalised words right before token i, after "with" or "meet" (past
 * "the"): "with European Union leaders". */
static bool named_run_after_with(const struct xlegdoc *doc,
				 const struct xtoks *t, size_t i)
{
	size_t j = i;

	while (j > 0 && i - j < 4 && (t->v[j - 1].flags & XT_CAP))
		j--;
	return j < i && object_of_meeting(doc, t, j);
}

/* "Prime Minister of Japan": capitalised words from token i, a title's
 * head among them, then "of" and a capitalised name. */
static bool office_of(const struct xlegdoc *doc, const struct xtoks *t,
		      size_t i)
{
	bool title = false;

	for (size_t j = i; j < t->n && j < i + 4; j++) {
		if (xtok_is(doc->text, t, j, "of"))
			return title && j + 1 < t->n &&
			       (t->v[j + 1].flags & XT_CAP);
		if (!(t->v[j].flags & XT_CAP))
			return false;
		title =
		    title || xwho_is_title(doc->text, t->v[j].off, t->v[j].len);
	}
	return false;
}

/* Dated talks that name no counterpart are still a leg when the
 * sentence says who holds them: "the two leaders will hold talks",
 * "talks between the delegations", "with his counterpart" ("talks with
 * the IMF are set to begin" says no one's; "the leaders of the G7 are
 * meeting" are others). */
static bool talks_held(const struct xlegdoc *doc, const struct xsentence *s)
{
	static const char *const pair[] = {"leaders", "sides", "presidents",
					   "ministers", NULL};
	static const char *const sides[] = {
	    "delegations",  "delegation-level", "one-on-one", "counterpart",
	    "counterparts", "tete-a-tete",	NULL};
	const struct xtoks *t = s->toks;

	for (size_t i = 0; i < t->n; i++) {
		size_t j = i + 2;

		if (xtok_in(doc->text, t, i, sides) ||
		    (i > 0 && xtok_in(doc->text, t, i, pair) &&
		     (xtok_is(doc->text, t, i - 1, "two") ||
		      xtok_is(doc->text, t, i - 1, "both"))))
			return true;
		/* "meet the Prime Minister of Japan": an office of a named
		 * country names its holder. */
		if ((t->v[i].flags & XT_CAP) && object_of_meeting(doc, t, i) &&
		    office_of(doc, t, i))
			return true;
		/* "a summit with European Union leaders": a named
		 * group's leaders. */
		if (i > 1 && xtok_in(doc->text, t, i, pair) &&
		    (t->v[i - 1].flags & XT_CAP) &&
		    named_run_after_with(doc, t, i))
			return true;
		/* "meet leaders of the Bucharest Nine", "talks with the
		 * leaders of ...": a named group's, met by the traveller
		 * ("The leaders of the G7 are meeting" are others). */
		if (j < t->n && xtok_in(doc->text, t, i, pair) &&
		    xtok_is(doc->text, t, i + 1, "of") &&
		    object_of_meeting(doc, t, i)) {
			if (xtok_is(doc->text, t, j, "the"))
				j++;
			if (j < t->n && doc->text[t->v[j].off] >= 'A' &&
			    doc->text[t->v[j].off] <= 'Z')
				return true;
		}
	}
	return false;
}

/* Token i starts with a capital letter and is not a country's
 * adjective ("Finnish companies" are no one named). */
static bool named_word(const struct xlegdoc *doc, const struct xsentence *s,
		       size_t i)
{
	const struct xtok *w = &s->toks->v[i];

	if (doc->text[w->off] < 'A' || doc->text[w->off] > 'Z')
		return false;
	for (size_t k = 0; k < s->places->n; k++)
		if (s->places->v[k].kind == XP_ADJ &&
		    s->places->v[k].off == w->off)
			return false;
	return true;
}

/* "(in Guatemala City on May 7 and 8.) From there, she will travel on
 * to Tegucigalpa, where she stays for two days": a move elsewhere with
 * a length and no day, right after a dated stay, begins the day after
 * that stay ends. */
static bool next_stay(const struct xlegdoc *doc, const struct xsentence *s,
		      const struct groups *gs, const struct dgroup *g,
		      const struct xtrigger *k, size_t sa, size_t sb,
		      const struct xlegs *legs, int64_t *first, int64_t *last)
{
	const struct xleg *l;
	const struct xplace *p;

	if ((k->kind != XTR_MOVE && k->kind != XTR_VISIT) || g->has_first ||
	    g->ndays < 2 || g->ndays > 14 || !doc->last_leg)
		return false;
	l = &legs->v[doc->last_leg - 1];
	if (l->dead || l->type != EV_VISIT ||
	    s->idx - l->sents[l->nsents - 1] > 2)
		return false;
	p = xl_place(s, gs, g, k, sa, sb);
	if (!p || !p->city || p->city == l->city)
		return false;
	*first = l->last + 1;
	*last = *first + g->ndays - 1;
	return true;
}

/* A programme's item "Meeting with the EU High Representative, Kaja
 * Kallas", "Talks with Maxime Prévot", "Meeting with humanitarian
 * partners and the North Kivu provincial health authorities": the item
 * is the principal's, so a name right after "with" (or "and" or a comma
 * after it) names the counterpart, titled or not ("with Finnish
 * companies operating in East Africa" names no one). */
static bool item_with(const struct xlegdoc *doc, const struct xsentence *s,
		      size_t a, size_t b)
{
	const struct xtoks *t = s->toks;
	bool with = false;

	for (size_t i = 1; i < t->n; i++) {
		size_t p = i - 1;

		if (t->v[i].off < a || t->v[i].off >= b)
			continue;
		with = with || xtok_is(doc->text, t, p, "with");
		if (p > 0 && xtok_is(doc->text, t, p, "the"))
			p--;
		/* Right after "with", "and", "with the" or a comma. */
		if (with && named_word(doc, s, i) &&
		    (xtok_is(doc->text, t, p, "with") ||
		     xtok_is(doc->text, t, p, "and") ||
		     doc->text[t->v[p].off] == ','))
			return true;
	}
	return false;
}

/* "meet the Chair of the Council of Ministers of Bosnia and
 * Herzegovina", "a courtesy visit to the President of the Republic": a
 * counterpart named by their office is named. */
static bool office_met(const struct xlegdoc *doc, const struct xsentence *s,
		       const struct xtrigger *k)
{
	const struct xtoks *t = s->toks;

	for (size_t i = k->tok + 1; i + 2 < t->n && i < k->tok + 5; i++)
		if (xtok_is(doc->text, t, i, "the") &&
		    (t->v[i + 1].flags & XT_CAP) &&
		    xwho_is_title(doc->text, t->v[i + 1].off,
				  t->v[i + 1].len) &&
		    xtok_is(doc->text, t, i + 2, "of"))
			return true;
	return false;
}

/* "In Tashkent on 10 and 11 June, the Secretary General will meet
 * ...": days the sentence opens with, set on a city, date the
 * traveller's stay there; the talks of those days are its purpose
 * (README: "in X on ..." dates a stay). */
static bool in_place_on(const struct xlegdoc *doc, const struct xsentence *s,
			const struct dgroup *g)
{
	const struct xtoks *t = s->toks;

	if (t->n < 4 || !xtok_is(doc->text, t, 0, "In"))
		return false;
	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];
		size_t e = p->off + p->len;

		if (p->off == t->v[1].off && p->kind == XP_CITY &&
		    ((g->off == e + 4 && !memcmp(doc->text + e, " on ", 4)) ||
		     (g->off == e + 1 &&
		      !ascii_ncasecmp(doc->text + g->off, "on ", 3))))
			return true;
	}
	return false;
}

/* "returning to Lima the same evening", "and return to Dhaka the same
 * day": after trigger k, a return on the day of the move. */
static bool back_same_day(const struct xlegdoc *doc, const struct xsentence *s,
			  const struct xtrigger *k)
{
	static const char *const back[] = {
	    "return", "returns", "returning", "back", "fly", "flying", NULL};
	static const char *const parts[] = {"day", "evening", "night",
					    "afternoon", NULL};
	const struct xtoks *t = s->toks;
	bool ret = false;

	for (size_t i = k->tok + 1; i + 2 < t->n; i++) {
		ret = ret || xtok_in(doc->text, t, i, back);
		if (ret && xtok_is(doc->text, t, i, "the") &&
		    xtok_is(doc->text, t, i + 1, "same") &&
		    xtok_in(doc->text, t, i + 2, parts))
			return true;
	}
	return false;
}

/* Whether text[a, b) tells an arrival: "arrive", "arrival", "begin". */
static bool arrival_words(const struct xsentence *s, size_t a, size_t b)
{
	static const char *const stems[] = {"arriv", "begin", "Arriv", NULL};

	for (size_t i = a; i + 5 <= b; i++)
		for (size_t k = 0; stems[k]; k++)
			if (!memcmp(s->text + i, stems[k], 5))
				return true;
	return false;
}

/* "and leaves Bangladesh on Sunday": a departure whose place is where
 * it leaves from (right after the verb, no "for" after it) goes nowhere
 * the text says; it is no journey's leg. */
static bool leaves_from(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xtrigger *k, const struct xplace *p)
{
	static const char *const stems[] = {"leav", "depar", "left", NULL};
	const struct xtoks *t = s->toks;
	bool leave = false;

	for (size_t i = 0; stems[i]; i++)
		leave = leave || !ascii_ncasecmp(doc->text + k->off, stems[i],
						 strlen(stems[i]));
	if (!leave || k->tok + 1 >= t->n || t->v[k->tok + 1].off != p->off)
		return false;
	for (size_t i = k->tok + 1; i < t->n && i < k->tok + 8; i++)
		if (xtok_is(doc->text, t, i, "for"))
			return false;
	return true;
}

/* The stay in the place left lasts to the day it is left. */
static void stay_until_leaving(struct xlegdoc *doc, const struct xsentence *s,
			       struct xlegs *legs, const struct xplace *p,
			       int64_t day)
{
	for (size_t i = legs->n; i-- > 0;) {
		struct xleg *v = &legs->v[i];

		/* A stay, or the journey there that begins one ("returns
		 * to Dhaka on Saturday"). */
		if (v->dead || (v->type != EV_VISIT && v->type != EV_TRAVEL) ||
		    strcmp(v->cc, p->cc) || (p->city && v->city != p->city))
			continue;
		if (v->last < day && v->last + 3 >= day) {
			v->last = day;
			v->clock = v->clock_end = -1;
			if (v->nsents < XLEG_SENTS &&
			    v->sents[v->nsents - 1] != s->idx)
				v->sents[v->nsents++] = s->idx;
		}
		break;
	}
	(void)doc;
}

void xleg_build(struct xlegdoc *doc, const struct xsentence *s,
		const struct groups *gs, const struct dgroup *g,
		const struct xtrigger *k, const struct xtrigger *move,
		size_t sa, size_t sb, struct xlegs *legs)
{
	const struct xevmem *known = NULL;
	char key[32];
	const struct xplace *p;
	struct xleg *l;
	int64_t first, last;

	if (!k || k->kind == XTR_BLOCK || g->recall || g->vague ||
	    xl_others_trip(doc, s, k) || legs->n >= XLEG_MAX)
		return;
	if (!xl_group_span(g, &first, &last) &&
	    !next_stay(doc, s, gs, g, k, sa, sb, legs, &first, &last)) {
		extend_last(doc, s, g, legs);
		return;
	}
	concluded(doc, s, k, g, &first, &last);
	if (too_old(doc, g, last) || !takes_part(doc, s, k, &known, key))
		return;
	l = &legs->v[legs->n];
	memset(l, 0, sizeof(*l));
	l->type = xl_type(s, known ? known->kind : k->kind);
	if (!known && k->kind == XTR_SPEECH && k->part_of)
		l->type = EV_OTHER;
	if (l->type == EV_MEETING && first != last && in_place_on(doc, s, g))
		l->type = EV_VISIT;
	l->first = first;
	l->last = last;
	l->sized = g->ndays > 0 || g->has_last || g->first != g->last;
	l->arrival = k->kind == XTR_MOVE || arrival_words(s, sa, sb);
	l->day_trip = (k->kind == XTR_MOVE || k->kind == XTR_VISIT) &&
		      back_same_day(doc, s, k);
	l->clock = first == last ? g->clock : -1;
	l->clock_end = first == last ? g->clock_end : -1;
	if (!move && xl_night_move(doc, s, g, k)) {
		l->type = EV_TRAVEL;
		l->last = first + 1;
		l->clock = l->clock_end = -1;
	}
	l->from_move = move != NULL;
	l->move_type = move ? xl_type(s, move->kind) : l->type;
	l->trig_off = k->off;
	l->trig_kind = k->kind;
	memcpy(l->key, key, sizeof(l->key));
	p = xl_there(doc, s, k) ? NULL
				: xl_place(s, gs, g, move ? move : k, sa, sb);
	if (p && xl_listed(doc->text, s, p)) {
		if (l->sized && last > legs->tour_last)
			legs->tour_last = last;
		return;
	}
	if (p && leaves_from(doc, s, k, p)) {
		stay_until_leaving(doc, s, legs, p, first);
		return;
	}
	if (p) {
		memcpy(l->cc, p->cc, 3);
		l->city = p->city;
	} else if (!xl_inherit(doc, s, legs, k, first, l)) {
		return;
	}
	if (!xl_overnight_start(doc, s, legs, l))
		city_of_context(doc, legs, l);
	xl_evening_start(doc, s, l);
	xl_leg_people(doc, s, k, sa, sb, l);
	if (k->kind == XTR_MEETING && !l->nwith && !talks_held(doc, s) &&
	    !(gs->strict && item_with(doc, s, sa, sb)) &&
	    !office_met(doc, s, k))
		return; /* talks with no one named: not proposed */
	l->sents[l->nsents++] = s->idx;
	xl_title(doc, s, k, l);
	legs->n++;
	doc->last_leg = legs->n;
}

static void leg_from_group(struct xlegdoc *doc, const struct xsentence *s,
			   const struct groups *gs, size_t gi,
			   struct xlegs *legs)
{
	const struct dgroup *g = &gs->v[gi];
	size_t sa = gi ? gs->v[gi - 1].end : s->off;
	size_t sb = gi + 1 < gs->n ? gs->v[gi + 1].off : s->off + s->len;
	const struct xtrigger *move;
	const struct xtrigger *k = group_trigger(doc, s, gs, g, sa, sb, &move);

	xleg_build(doc, s, gs, g, k, move, sa, sb, legs);
}

/* An event after a dated one gets that day only when its own words
 * say so ("followed by a state dinner ... that evening", "the same day",
 * "later"); "talks with the Crown Prince, a lunch with the business
 * council" is part of the stop (tests/extract/README.md, "Its own
 * day"). */
static bool clock_before(const struct xsentence *s, const struct xtrigger *k);

static bool own_day_words(const struct xlegdoc *doc, const struct xsentence *s,
			  const struct xtrigger *k)
{
	static const char *const words[] = {"evening",	  "night", "afternoon",
					    "morning",	  "same",  "later",
					    "afterwards", NULL};
	const struct xtoks *t = s->toks;
	size_t a = k->tok > 6 ? k->tok - 6 : 0;

	/* "Today, he took part in the conference ... and held talks": a
	 * day that opens the sentence is all its clauses'. */
	if (s->ndates && t->n > 2 && s->dates[0].off <= t->v[1].off)
		return true;
	for (size_t i = a; i < t->n && i < k->tok + 12; i++)
		if (xtok_in(doc->text, t, i, words))
			return true;
	return clock_before(s, k);
}

/* "where at 11 a.m. he will meet ...": a clock time in the words just
 * before trigger k gives it a time of its own. */
static bool clock_before(const struct xsentence *s, const struct xtrigger *k)
{
	size_t a = k->tok > 6 ? s->toks->v[k->tok - 6].off : s->off;

	for (size_t i = 0; i < s->ndates; i++)
		if (s->dates[i].clock >= 0 && s->dates[i].off >= a &&
		    s->dates[i].off < k->off)
			return true;
	return false;
}

/* "talks on Saturday, followed by a state banquet", "a bilateral
 * meeting, followed by a joint press conference": an event whose day is
 * the one before it has no day of its own (tests/extract/README.md,
 * "Its own day"), unless its own words give one ("that evening"). */
static bool followed_by(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xtrigger *k)
{
	static const char *const parts[] = {"evening", "night", "afternoon",
					    "morning", NULL};
	const struct xtoks *t = s->toks;
	bool after = false;

	for (size_t i = k->tok > 4 ? k->tok - 4 : 0; i + 1 < k->tok; i++)
		after = after || (xtok_is(doc->text, t, i, "followed") &&
				  xtok_is(doc->text, t, i + 1, "by"));
	for (size_t i = k->tok; after && i < t->n && i < k->tok + 12; i++)
		if (xtok_in(doc->text, t, i, parts) ||
		    (t->v[i].flags & XT_DIGIT))
			return false;
	return after;
}

/* "spend Oct. 25 and 26 in Jayapura ... before returning to Port
 * Moresby": the return is on the stay's last day. */
static bool return_after(const struct xlegdoc *doc, const struct xsentence *s,
			 const struct xtrigger *k)
{
	return k->kind == XTR_TRAVEL && k->tok > 0 &&
	       xtok_is(doc->text, s->toks, k->tok - 1, "before");
}

/* "return to Abuja at the end of the trip": a day the text does not
 * give, not the day of the leg before. */
static bool at_the_end(const struct xlegdoc *doc, const struct xsentence *s,
		       const struct xtrigger *k)
{
	const struct xtoks *t = s->toks;

	for (size_t i = k->tok + 1; i + 1 < t->n && i < k->tok + 8; i++)
		if (xtok_is(doc->text, t, i, "end") &&
		    xtok_is(doc->text, t, i + 1, "of") &&
		    xtok_is(doc->text, t, i - 1, "the"))
			return true;
	return false;
}

/* "That evening, he met with ...", "A state banquet will be hosted in
 * her honour that evening": a sentence with no date of its own that
 * names a time of the day the sentence before dated. */
static bool that_time(const struct xlegdoc *doc, const struct xsentence *s)
{
	static const char *const parts[] = {"morning", "afternoon", "evening",
					    "night", NULL};

	if (s->ndates)
		return false;
	for (size_t i = 0; i + 1 < s->toks->n; i++)
		if (xtok_is(doc->text, s->toks, i, "that") &&
		    xtok_in(doc->text, s->toks, i + 1, parts))
			return true;
	return false;
}

/* "and that evening he will pay a courtesy visit", "where at 11 a.m.
 * he will meet": talks given a time of the day of their own, not only
 * the purpose of the stay. */
static bool time_of_day(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xtrigger *k)
{
	static const char *const parts[] = {"evening", "night", "afternoon",
					    "morning", NULL};
	const struct xtoks *t = s->toks;

	static const char *const dets[] = {"that", "the", "this", NULL};

	/* "that evening", "in the afternoon"; not "on Tuesday morning for
	 * talks", the arrival's time. */
	for (size_t i = k->tok > 6 ? k->tok - 6 : 1; i < k->tok; i++)
		if (xtok_in(doc->text, t, i, parts) &&
		    xtok_in(doc->text, t, i - 1, dets))
			return true;
	return clock_before(s, k);
}

/* A dinner, a press conference or a speech the sentence names after a
 * leg of one day, with no date of its own, is on that day, there:
 * "a summit at the White House on April 26, followed by a state dinner
 * ... that evening". */
static void companions(struct xlegdoc *doc, const struct xsentence *s,
		       size_t before, struct xlegs *legs)
{
	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *k = &s->trigs->v[i];
		const struct xleg *host = NULL;
		struct xleg *l;
		bool used = false, evening = false;

		if (k->kind != XTR_RECEPTION && k->kind != XTR_PRESS &&
		    k->kind != XTR_SPEECH && k->kind != XTR_MEETING &&
		    k->kind != XTR_TRAVEL)
			continue;
		for (size_t j = before; j < legs->n; j++) {
			used = used || legs->v[j].trig_off == k->off;
			if (legs->v[j].trig_off < k->off)
				host = &legs->v[j];
		}
		if (!host && that_time(doc, s) && doc->last_leg &&
		    legs->v[doc->last_leg - 1].sents[0] + 1 == s->idx) {
			host = &legs->v[doc->last_leg - 1];
			evening = true;
		}
		if (used || !host ||
		    (host->first != host->last && !return_after(doc, s, k)) ||
		    meal_of_talks(s, k) ||
		    (k->kind != XTR_TRAVEL && !own_day_words(doc, s, k)) ||
		    followed_by(doc, s, k) || at_the_end(doc, s, k) ||
		    legs->n >= XLEG_MAX || xl_others_trip(doc, s, k) ||
		    (k->kind == XTR_MEETING && !evening &&
		     !time_of_day(doc, s, k) &&
		     (host->type == EV_VISIT || host->type == EV_TRAVEL)))
			continue;
		l = &legs->v[legs->n++];
		*l = *host;
		l->first = host->last;
		l->type = xl_type(s, k->kind);
		l->trig_off = k->off;
		l->key[0] = '\0';
		l->nwith = 0;
		l->clock = l->clock_end = -1;
		if (k->kind == XTR_TRAVEL) {
			/* "before returning to Accra": where it goes. */
			const struct xplace *p =
			    xl_place(s, NULL, NULL, k, k->off, s->off + s->len);

			if (!p || p->off < k->off) {
				legs->n--;
				continue;
			}
			memcpy(l->cc, p->cc, 3);
			l->city = p->city;
		}
		if (k->kind == XTR_MEETING) {
			xl_add_people(doc, s, k->off, s->off + s->len, l);
			if (!l->nwith && !office_met(doc, s, k)) {
				legs->n--; /* talks with no one named */
				continue;
			}
		}
		xl_title(doc, s, k, l);
	}
}

/* "They will arrive in the capital, Nairobi, where President Ruto will
 * host a state banquet ... on 31 October": an arrival whose day is the
 * event's after it begins a stay there that day, beside the event. */
static void arrival_stays(const struct xlegdoc *doc, const struct xsentence *s,
			  size_t before, struct xlegs *legs)
{
	for (size_t i = 0; i < s->trigs->n && legs->n < XLEG_MAX; i++) {
		const struct xtrigger *k = &s->trigs->v[i];
		const struct xleg *ev = NULL;
		const struct xplace *p;
		struct xleg *l;

		if (k->kind != XTR_VISIT ||
		    ascii_ncasecmp(doc->text + k->off, "arriv", 5))
			continue;
		for (size_t j = before; j < legs->n; j++) {
			if (legs->v[j].type == EV_VISIT)
				return; /* the sentence has its stay */
			if (!ev && legs->v[j].trig_off > k->off)
				ev = &legs->v[j];
		}
		p = xl_place(s, NULL, NULL, k, k->off, s->off + s->len);
		if (!ev || !p || !p->city || p->city != ev->city)
			continue;
		l = &legs->v[legs->n++];
		*l = *ev;
		l->type = EV_VISIT;
		l->trig_off = k->off;
		l->trig_kind = k->kind;
		l->key[0] = '\0';
		l->last = l->first;
		l->clock = l->clock_end = -1;
		xleg_visit_title(l);
		return;
	}
}

/* Whether the sentence names a day: its meeting is dated on its own
 * ("received ... in Tokyo on Tuesday"), and its city no stay's. */
static bool has_day(const struct xsentence *s)
{
	for (size_t i = 0; i < s->ndates; i++)
		if (s->dates[i].kind == XM_DAYS && s->dates[i].resolved)
			return true;
	return false;
}

/* Meetings with no date of their own give their counterparts to the leg
 * of their sentence, or to the one just before. */
static void undated_meetings(struct xlegdoc *doc, const struct xsentence *s,
			     size_t legs_before, struct xlegs *legs)
{
	struct xleg *l = NULL;

	if (legs->n > legs_before)
		l = &legs->v[legs->n - 1];
	else if (doc->last_leg &&
		 s->idx - legs->v[doc->last_leg - 1].sents[0] <= 1)
		l = &legs->v[doc->last_leg - 1];
	if (!l || l->type == EV_MEETING)
		return;
	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *k = &s->trigs->v[i];
		const struct xplace *p;

		if (k->kind != XTR_MEETING || xl_others_trip(doc, s, k))
			continue;
		xl_add_people(doc, s, k->off, s->off + s->len, l);
		/* "Talks ... will be held in the Turkish capital": where in
		 * the country the visit is. */
		p = xl_place(s, NULL, NULL, k, s->off, s->off + s->len);
		if (legs->n == legs_before && l->type == EV_VISIT && !l->city &&
		    p && p->city && !strcmp(p->cc, l->cc) && !has_day(s)) {
			l->city = p->city;
			xleg_visit_title(l);
		}
	}
}

/* The place the sentence speaks of, for the sentences after it. */
static void remember_place(struct xlegdoc *doc, const struct xsentence *s)
{
	bool ctx = false;

	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *k = &s->trigs->v[i];
		const struct xplace *p;

		if (k->kind == XTR_BLOCK || xl_others_trip(doc, s, k))
			continue;
		p = xl_place(s, NULL, NULL, k, s->off, s->off + s->len);
		if (!p)
			continue;
		if (!ctx) {
			/* "Poland" after "Warsaw" keeps Warsaw. */
			if (p->city || strcmp(doc->ctx_cc, p->cc))
				doc->ctx_city = p->city;
			memcpy(doc->ctx_cc, p->cc, 3);
			doc->last_place_sent = s->idx;
			ctx = true;
		}
		if (xl_tier(k->kind) == 1) {
			struct xevmem ev = {.kind = k->kind,
					    .city = p->city,
					    .sent = s->idx,
					    .principal = xl_involved(doc, s)};

			xevent_key(doc->text, s->toks, k->tok, ev.key);
			memcpy(ev.cc, p->cc, 3);
			xevent_remember(doc, &ev);
			return;
		}
	}
}

/* A line that points to another article ("ALSO READ: ..."). */
static bool link_line(const struct xlegdoc *doc, const struct xsentence *s)
{
	static const char *const marks[] = {
	    "ALSO READ", "Also read", "READ MORE", "Read more",
	    "Read also", "Related:",  "RELATED:",  "See also",
	    "Watch:",	 "WATCH:",    NULL};

	for (const char *const *m = marks; *m; m++)
		if (s->len >= strlen(*m) &&
		    !strncmp(doc->text + s->off, *m, strlen(*m)))
			return true;
	return false;
}

/* A schedule's note, a short sentence that starts with a city and
 * gives days ("Berlin on Dec. 3 and 4."): the stay there, as if it said
 * "in Berlin". */
static void schedule_note(struct xlegdoc *doc, const struct xsentence *s,
			  struct xlegs *legs)
{
	struct groups gs;
	const struct xplace *p = s->places->n ? &s->places->v[0] : NULL;
	struct xtrigger k;

	if (!p || p->kind != XP_CITY || s->toks->n > 10 || !s->ndates ||
	    p->off != s->toks->v[0].off)
		return;
	k = (struct xtrigger){p->off, p->len, 0, XTR_VISIT, false, false};
	xl_group_dates(s, &gs);
	if (gs.n == 1 && gs.v[0].has_first)
		xleg_build(doc, s, &gs, &gs.v[0], &k, NULL, s->off,
			   s->off + s->len, legs);
}

void xleg_sentence(struct xlegdoc *doc, const struct xsentence *s,
		   struct xlegs *legs)
{
	struct groups gs;
	size_t before = legs->n;

	if ((s->quoted && !xl_principal_quote(doc, s)) || link_line(doc, s) ||
	    s->off + s->len <= doc->body_off)
		return;
	if (xprog_sentence(doc, s, legs)) {
		remember_place(doc, s);
		return;
	}
	if (!s->trigs->n) {
		schedule_note(doc, s, legs);
		return;
	}
	xl_group_dates(s, &gs);
	for (size_t i = 0; i < gs.n; i++)
		leg_from_group(doc, s, &gs, i, legs);
	companions(doc, s, before, legs);
	arrival_stays(doc, s, before, legs);
	undated_meetings(doc, s, before, legs);
	xl_during_visit(doc, s, before, legs);
	remember_place(doc, s);
	xl_evening_departure(doc, s);
	xl_subject(doc, s);
}
