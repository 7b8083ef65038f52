/*
 * xlegwhere.c: where a leg is (xlegint.h): the place nearest its trigger,
 * a city over its country, a list of places as no one leg's, and the
 * place a leg takes from the text before it when its sentence names none.
 */
#include <string.h>

#include "itin/ascii.h"
#include "xlegint.h"

/* Only list punctuation between text[a, b): ", ", " and ", ", or ". */
bool xl_list_gap(const char *text, size_t a, size_t b)
{
	size_t i = a;

	if (b < a || b - a > 12)
		return false;
	while (i < b && (text[i] == ' ' || text[i] == ','))
		i++;
	if (b - i >= 3 &&
	    (!strncmp(text + i, "and", 3) || !strncmp(text + i, "or ", 3)))
		i += 3;
	while (i < b && text[i] == ' ')
		i++;
	if (b - i >= 4 && !strncmp(text + i, "the ", 4))
		i += 4;
	return i == b && b > a;
}

/* Whether place p is nearer another dated group than g: another leg's
 * ("visit Australia from June 15 to 18, holding talks in Canberra on June
 * 17"). */
static bool place_nearer_other(const struct groups *gs, const struct dgroup *g,
			       const struct xplace *p)
{
	struct xtrigger at = {p->off, p->len, 0, XTR_VISIT, false, false};
	size_t d = xl_dist(&at, g->off, g->end);

	for (size_t i = 0; i < gs->n; i++)
		if (&gs->v[i] != g && gs->v[i].has_first && !gs->v[i].recall &&
		    xl_dist(&at, gs->v[i].off, gs->v[i].end) < d)
			return true;
	return false;
}

/* Whether city p is where another trigger, an event, happens ("attend
 * the Summit in Rio de Janeiro and pay a state visit to Brazil"): the
 * trigger nearest to it is a summit, a conference, a meeting of. */
static bool events_place(const struct xsentence *s, const struct xtrigger *k,
			 const struct xplace *p)
{
	const struct xtrigger *near = NULL;
	size_t bd = (size_t)-1;

	for (size_t i = 0; i < s->trigs->n; i++) {
		size_t d = xl_dist(&s->trigs->v[i], p->off, p->off + p->len);

		if (d < bd) {
			bd = d;
			near = &s->trigs->v[i];
		}
	}
	return near && near != k && xl_tier(near->kind) == 1;
}

/* The place of a leg whose trigger is k, in the stretch [sa, sb): the
 * nearest, the words after the trigger first; then a city of that
 * country the sentence names over the country alone ("a state visit to
 * Angola ... in the Angolan capital, Luanda"). */
/* A place the words before make a topic, not where: "a summit on the
 * situation in Gaza", "talks about Ukraine"; or a place passed through:
 * "after a stopover in Singapore". */
static bool topic(const char *text, const struct xplace *p)
{
	static const char *const words[] = {
	    "situation", "crisis",  "war", "conflict", "about",
	    "regarding", "over",    "on",  "stopover", "stopovers",
	    "transit",	 "layover", NULL};
	size_t a = p->off > 24 ? p->off - 24 : 0;

	for (const char *const *w = words; *w; w++) {
		size_t n = strlen(*w);

		for (const char *hit = memmem(text + a, p->off - a, *w, n); hit;
		     hit = memmem(hit + 1, (size_t)(text + p->off - hit - 1),
				  *w, n)) {
			/* Whole words only: not the "war" of "Anwar" or
			 * "towards", the "on" of "Boston". */
			if ((hit > text &&
			     ascii_isalpha((unsigned char)hit[-1])) ||
			    ascii_isalpha((unsigned char)hit[n]))
				continue;
			/* "on" only right before the place ("talks on
			 * Ukraine"). */
			if (strcmp(*w, "on") ||
			    (size_t)(hit - text) + 3 == p->off)
				return true;
		}
	}
	return false;
}

/* A place in words set beside the date that tell what the day is: "on
 * January 26, the day India celebrates its Republic Day", "on 8 May, the
 * eve of ...": the day's, not where the event is. */
static bool of_the_date(const char *text, const struct dgroup *g,
			const struct xplace *p)
{
	static const char *const lead[] = {", the day ", ", the eve ",
					   ", the anniversary ", NULL};

	if (p->off < g->end || p->off > g->end + 40)
		return false;
	for (size_t k = 0; lead[k]; k++)
		if (!strncmp(text + g->end, lead[k], strlen(lead[k])))
			return true;
	return false;
}

/* A place joined by a dash to the next word or the one before: part of
 * a compound name ("the South Africa–Botswana Bi-National Commission",
 * "the China-Africa forum"), not where. */
static bool compound(const char *text, const struct xplace *p)
{
	const char *e = text + p->off + p->len;
	const char *b = text + p->off;

	return *e == '-' || !strncmp(e, "\xE2\x80\x93", 3) ||
	       !strncmp(e, "\xE2\x80\x94", 3) || (p->off > 0 && b[-1] == '-') ||
	       (p->off >= 3 && (!strncmp(b - 3, "\xE2\x80\x93", 3) ||
				!strncmp(b - 3, "\xE2\x80\x94", 3)));
}

/* A place the sentence starts with: "In New Delhi, Scholz and Modi will
 * lead the consultations on Friday". */
static bool fronted(const struct xsentence *s, const struct xplace *p)
{
	const struct xtoks *t = s->toks;

	return t->n > 2 && t->v[1].off == p->off &&
	       (xtok_is(s->text, t, 0, "In") || xtok_is(s->text, t, 0, "At"));
}

/* A capital standing for its government: "with Washington designating
 * Kenya an ally", "Beijing said". */
static bool metonym(const struct xsentence *s, const struct xplace *p)
{
	static const char *const verbs[] = {"said",  "says",	"has",
					    "have",  "is",	"was",
					    "wants", "accused", NULL};
	const struct xtoks *t = s->toks;

	for (size_t i = 0; i + 1 < t->n; i++) {
		const struct xtok *n = &t->v[i + 1];

		if (t->v[i].off + t->v[i].len != p->off + p->len)
			continue;
		return xtok_in(s->text, t, i + 1, verbs) ||
		       (n->len > 4 && !(n->flags & XT_CAP) &&
			!strncmp(s->text + n->off + n->len - 3, "ing", 3));
	}
	return false;
}

/* "in Moscow on 20 August": a place right before the date group, joined
 * to it by "on" alone, is said of what happens that day. */
static bool just_before(const char *text, const struct xplace *p,
			const struct dgroup *g)
{
	size_t a = p->off + p->len;

	if (a > g->off)
		return false;
	if (g->off - a == 1)
		return text[a] == ' ' &&
		       !ascii_ncasecmp(text + g->off, "on ", 3);
	return g->off - a == 4 && !memcmp(text + a, " on ", 4);
}

/* Whether p stands in an aside about a person that does not hold the
 * trigger: "President Prabowo, who was guest of honour at the parade in
 * Paris last July, will receive him": where that person was is not
 * where the leg is. */
static bool in_person_aside(const struct xsentence *s, const struct xplace *p,
			    const struct xtrigger *k)
{
	static const char *const rel[] = {"who", "whose", NULL};
	const struct xtoks *t = s->toks;
	size_t open = (size_t)-1;

	for (size_t i = 1; i < t->n; i++) {
		if (xtok_in(s->text, t, i, rel) &&
		    s->text[t->v[i - 1].off] == ',') {
			open = i;
			continue;
		}
		if (open == (size_t)-1 || s->text[t->v[i].off] != ',')
			continue;
		/* The aside runs from token open to the comma at i. */
		if (p->off > t->v[open].off && p->off < t->v[i].off)
			return !(k->off > t->v[open].off &&
				 k->off < t->v[i].off);
		open = (size_t)-1;
	}
	return false;
}

/* Whether "to" or "for" stands right before place p. */
static bool destination(const struct xsentence *s, const struct xplace *p)
{
	return (p->off >= 3 && !memcmp(s->text + p->off - 3, "to ", 3)) ||
	       (p->off >= 4 && !memcmp(s->text + p->off - 4, "for ", 4));
}

/* "meet Lee on Friday, before returning to Dublin on Saturday": a
 * place right after a journey's words ("returning to") is where that
 * journey goes, not where the talks, speech or dinner k happens. */
static bool others_destination(const struct xsentence *s,
			       const struct xplace *p, const struct xtrigger *k)
{
	if (xl_tier(k->kind) != 3 || !destination(s, p))
		return false;
	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *m = &s->trigs->v[i];

		if (m->off != k->off && m->kind == XTR_TRAVEL &&
		    m->off < p->off && p->off - (m->off + m->len) <= 8)
			return true;
	}
	return false;
}

const struct xplace *xl_place(const struct xsentence *s,
			      const struct groups *gs, const struct dgroup *g,
			      const struct xtrigger *k, size_t sa, size_t sb)
{
	const struct xplace *best = NULL;
	size_t bd = (size_t)-1, braw = 0;

	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];
		struct xtrigger at = {p->off,	 p->len, 0,
				      XTR_VISIT, false,	 false};
		size_t d, raw;

		if (p->kind == XP_ADJ || p->possessive || topic(s->text, p) ||
		    compound(s->text, p) || (g && of_the_date(s->text, g, p)) ||
		    in_person_aside(s, p, k) || others_destination(s, p, k) ||
		    (gs && gs->strict && (p->off < sa || p->off >= sb)))
			continue;
		raw = xl_dist(k, p->off, p->off + p->len);
		if (fronted(s, p) || (g && just_before(s->text, p, g)))
			raw = 0; /* "In New Delhi, ..." says where for all;
				    "in Moscow on 20 August", its date's */
		d = p->off >= k->off ? raw : 2 * raw + 20;
		/* "leave New York for Doha": where it goes, not from; but
		 * "flying back to New York" names where it goes. */
		if (k->kind == XTR_TRAVEL && p->off >= k->off && raw <= 1 &&
		    !destination(s, p))
			d += 60;
		if (p->off < sa || p->off >= sb)
			d = 400 + (g ? xl_dist(&at, g->off, g->end) : d);
		if (d < bd) {
			bd = d;
			best = p;
			braw = raw;
		}
	}
	if (!best || braw > 90)
		return NULL; /* too far to be said of it: the context's */
	if (best->kind == XP_COUNTRY) {
		for (size_t i = 0; i < s->places->n; i++) {
			const struct xplace *p = &s->places->v[i];

			if (p->kind == XP_CITY && !p->possessive &&
			    !strcmp(p->cc, best->cc) && !metonym(s, p) &&
			    !(gs && place_nearer_other(gs, g, p)) &&
			    !events_place(s, k, p))
				return p;
		}
	}
	return best;
}

/* Place p stands in a list of places ("visit Egypt, Tunisia, Togo and
 * Ivory Coast from Jan. 13 to 18"): the dates are a tour's, whose stops
 * the text dates one by one; no one leg is the list's. */
bool xl_listed(const char *text, const struct xsentence *s,
	       const struct xplace *p)
{
	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *q = &s->places->v[i];

		if (q == p || q->kind == XP_ADJ || q->kind != p->kind ||
		    q->capital || p->capital ||
		    (!strcmp(q->cc, p->cc) && q->city == p->city))
			continue;
		if (xl_list_gap(text, p->off + p->len, q->off) ||
		    xl_list_gap(text, q->off + q->len, p->off))
			return true;
	}
	return false;
}

/* The latest leg the day falls in. */
const struct xleg *xl_on_day(const struct xlegs *legs, int64_t day)
{
	for (size_t i = legs->n; i-- > 0;)
		if (!legs->v[i].dead && legs->v[i].first <= day &&
		    day <= legs->v[i].last)
			return &legs->v[i];
	return NULL;
}

/* A visit to the place of l that ended the day before day goes on to it:
 * "arrival in Nairobi" on Monday, "talks with Mutua" on Tuesday. */
static void stay_goes_on(struct xlegs *legs, const struct xleg *l, int64_t day)
{
	for (size_t i = legs->n; i-- > 0;) {
		struct xleg *v = &legs->v[i];

		if (v->dead || v->type != EV_VISIT || strcmp(v->cc, l->cc) ||
		    v->city != l->city)
			continue;
		if (v->last + 1 == day)
			v->last = day;
		return;
	}
}

/* "the two-day visit", "his trip": a trigger that speaks of a visit the
 * text named before. */
bool xl_anaphoric(const struct xlegdoc *doc, const struct xsentence *s,
		  const struct xtrigger *k)
{
	static const char *const dets[] = {"the",  "his",  "her",
					   "this", "that", NULL};

	for (size_t i = k->tok, n = 0; i > 0 && n < 3; i--, n++)
		if (xtok_in(doc->text, s->toks, i - 1, dets))
			return true;
	return false;
}

/* A place for a leg whose sentence names none: for an event, the place
 * of the event the text named last; the leg its day falls in,
 * else (for what happens during a visit, or a visit spoken of again) the
 * place the text spoke of last, if near. */
bool xl_inherit(const struct xlegdoc *doc, const struct xsentence *s,
		struct xlegs *legs, const struct xtrigger *k, int64_t day,
		struct xleg *l)
{
	const struct xleg *on = xl_on_day(legs, day);

	if (xl_tier(k->kind) == 1) {
		char key[32];
		const struct xevmem *ev;

		/* "the summit": the one named last, if a summit too (the
		 * "government consultations" are not COP28). */
		xevent_key(doc->text, s->toks, k->tok, key);
		if ((ev = xevent_find(doc, key, s->idx)) != NULL &&
		    (*key || ev->kind == k->kind)) {
			memcpy(l->cc, ev->cc, 3);
			l->city = ev->city;
			return true;
		}
	}
	if (on) {
		memcpy(l->cc, on->cc, 3);
		l->city = on->city;
		return true;
	}
	if (xl_tier(k->kind) < 3 && !xl_anaphoric(doc, s, k))
		return false;
	if (!doc->ctx_cc[0] || s->idx - doc->last_place_sent > 3)
		return false;
	memcpy(l->cc, doc->ctx_cc, 3);
	l->city = doc->ctx_city;
	stay_goes_on(legs, l, day);
	return true;
}

/* Whether a day is written right after text[at] ("in Moscow on May 9"):
 * the place is a dated event's, not the stay's. */
static bool dated_after(const struct xsentence *s, size_t at)
{
	for (size_t i = 0; i < s->ndates; i++)
		if (s->dates[i].kind == XM_DAYS && s->dates[i].off >= at &&
		    s->dates[i].off <= at + 12)
			return true;
	return false;
}

/* The one city of country cc the sentence names where, or NULL (none,
 * several, or one a dated event's). */
static const struct place *only_city(const struct xsentence *s, const char *cc)
{
	const struct place *city = NULL;

	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];

		if (p->kind != XP_CITY || p->possessive || strcmp(p->cc, cc))
			continue;
		if (dated_after(s, p->off + p->len))
			return NULL;
		if (city && city != p->city)
			return NULL;
		city = p->city;
	}
	return city;
}

void xl_during_visit(const struct xlegdoc *doc, const struct xsentence *s,
		     size_t before, struct xlegs *legs)
{
	static const char *const stays[] = {"visit", "trip", "stay", NULL};
	const struct xtoks *t = s->toks;
	struct xleg *v = NULL;
	const struct place *city;

	if (t->n < 4 || !xtok_is(doc->text, t, 0, "During") ||
	    !xtok_in(doc->text, t, 2, stays))
		return;
	for (size_t i = before; i-- > 0 && !v;)
		if (!legs->v[i].dead && legs->v[i].type == EV_VISIT)
			v = &legs->v[i];
	if (!v || v->city || v->sents[0] + 2 < s->idx ||
	    (city = only_city(s, v->cc)) == NULL)
		return;
	v->city = city;
	xleg_visit_title(v);
	for (size_t i = before; i < legs->n; i++)
		if (!legs->v[i].city && !strcmp(legs->v[i].cc, v->cc))
			legs->v[i].city = city;
}

bool xl_there(const struct xlegdoc *doc, const struct xsentence *s,
	      const struct xtrigger *k)
{
	for (size_t i = k->tok + 1; i < s->toks->n && i <= k->tok + 2; i++)
		if (xtok_is(doc->text, s->toks, i, "there"))
			return true;
	return false;
}
