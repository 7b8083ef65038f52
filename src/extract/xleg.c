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

/* Only list punctuation between text[a, b): ", ", " and ", ", or ". */
static bool list_gap(const char *text, size_t a, size_t b)
{
	size_t i = a;

	if (b < a || b - a > 12)
		return false;
	while (i < b && (text[i] == ' ' || text[i] == ','))
		i++;
	if (b - i >= 3 && (!strncmp(text + i, "and", 3) ||
			   !strncmp(text + i, "or ", 3)))
		i += 3;
	while (i < b && text[i] == ' ')
		i++;
	if (b - i >= 4 && !strncmp(text + i, "the ", 4))
		i += 4;
	return i == b && b > a;
}

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
	if (m->kind == XM_DAYS && g->has_first && !g->has_last && !g->ndays &&
	    m->resolved && m->first == g->last + 1 &&
	    list_gap(s->text, g->end, m->off))
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

static void group_dates(const struct xsentence *s, struct groups *gs)
{
	struct dgroup *g = NULL;

	gs->n = 0;
	for (size_t i = 0; i < s->ndates; i++) {
		const struct xmention *m = &s->dates[i];

		if (m->kind == XM_CLOCK && g) {
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
static bool group_span(const struct dgroup *g, int64_t *first, int64_t *last)
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

/* The distance in bytes between trigger k and text[a, b). */
static size_t trig_dist(const struct xtrigger *k, size_t a, size_t b)
{
	if (k->off + k->len <= a)
		return a - (k->off + k->len);
	return k->off >= b ? k->off - b : 0;
}

/* How strongly a trigger names what a leg is: 1 an event (a summit, a
 * conference, a ministerial), 2 a stay or a move, 3 what happens during
 * one (talks, a speech, a press conference). */
static int tier(enum xtrig_kind k)
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

/* Whether trigger k is nearer another group than g: its own date. */
static bool nearer_other(const struct groups *gs, const struct dgroup *g,
			 const struct xtrigger *k)
{
	size_t d = trig_dist(k, g->off, g->end);

	for (size_t i = 0; i < gs->n; i++)
		if (&gs->v[i] != g && !gs->v[i].recall &&
		    trig_dist(k, gs->v[i].off, gs->v[i].end) < d)
			return true;
	return false;
}

int xleg_tier(enum xtrig_kind k)
{
	return tier(k);
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
		size_t d = trig_dist(k, g->off, g->end);

		if (k->off < sa || k->off >= sb || k->kind == XTR_BLOCK ||
		    (t && tier(k->kind) != t) || (before && k->off >= g->off) ||
		    nearer_other(gs, g, k))
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
static bool clause_between(const struct xsentence *s,
			   const struct xtrigger *k, const struct dgroup *g)
{
	static const char *const marks[] = {
	    ", during which", ", where", ", when", ", while", "; ",
	    "ahead of", "before the", "after the", NULL};
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
 * the date is said of ("a state visit to Peru from Nov. 13 to 17"); a stay named before the date over the talks that are its
 * purpose ("stop in the UAE on Tuesday for talks"); a stay over the move
 * that starts it. NULL: none. */
static const struct xtrigger *group_trigger(const struct xsentence *s,
					    const struct groups *gs,
					    const struct dgroup *g, size_t sa,
					    size_t sb,
					    const struct xtrigger **move)
{
	const struct xtrigger *best = NULL, *k;
	size_t bd = (size_t)-1;

	*move = NULL;
	for (size_t i = 0; i < s->trigs->n; i++) {
		size_t d = trig_dist(&s->trigs->v[i], g->off, g->end);
		bool inside = s->trigs->v[i].off >= sa &&
			      s->trigs->v[i].off < sb;

		/* "attend X in Y on DATE": the verb comes first. */
		if (s->trigs->v[i].off >= g->end)
			d *= 2;
		d += inside ? 0 : 1000;
		if (d < bd) {
			bd = d;
			best = &s->trigs->v[i];
		}
	}
	if (!best || best->kind == XTR_BLOCK)
		return best;
	if ((best->kind == XTR_MOVE || best->kind == XTR_TRAVEL ||
	     best->kind == XTR_SPEECH) &&
	    (k = nearest_of(s, gs, g, sa, sb, 1, false)) != NULL &&
	    !clause_between(s, k, g) &&
	    !(best->kind == XTR_SPEECH && k->kind == XTR_GATHER)) {
		*move = best;
		return k;
	}
	if (tier(best->kind) == 3 && best->off >= g->end &&
	    (k = nearest_of(s, gs, g, sa, sb, 2, true)) != NULL)
		best = k;
	if (best->kind == XTR_TRAVEL) {
		for (size_t i = 0; i < s->trigs->n; i++)
			if (s->trigs->v[i].kind == XTR_VISIT &&
			    s->trigs->v[i].off >= sa &&
			    s->trigs->v[i].off < sb)
				return &s->trigs->v[i];
	}
	return best;
}

/* Whether place p is nearer another dated group than g: another leg's
 * ("visit Australia from June 15 to 18, holding talks in Canberra on June
 * 17"). */
static bool place_nearer_other(const struct groups *gs,
			       const struct dgroup *g, const struct xplace *p)
{
	struct xtrigger at = {p->off, p->len, 0, XTR_VISIT};
	size_t d = trig_dist(&at, g->off, g->end);

	for (size_t i = 0; i < gs->n; i++)
		if (&gs->v[i] != g && gs->v[i].has_first &&
		    !gs->v[i].recall &&
		    trig_dist(&at, gs->v[i].off, gs->v[i].end) < d)
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
		size_t d = trig_dist(&s->trigs->v[i], p->off, p->off + p->len);

		if (d < bd) {
			bd = d;
			near = &s->trigs->v[i];
		}
	}
	return near && near != k && tier(near->kind) == 1;
}

/* The place of a leg whose trigger is k, in the stretch [sa, sb): the
 * nearest, the words after the trigger first; then a city of that
 * country the sentence names over the country alone ("a state visit to
 * Angola ... in the Angolan capital, Luanda"). */
static const struct xplace *leg_place(const struct xsentence *s,
				      const struct groups *gs,
				      const struct dgroup *g,
				      const struct xtrigger *k, size_t sa,
				      size_t sb)
{
	const struct xplace *best = NULL;
	size_t bd = (size_t)-1, braw = 0;

	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *p = &s->places->v[i];
		struct xtrigger at = {p->off, p->len, 0, XTR_VISIT};
		size_t d, raw;

		if (p->kind == XP_ADJ || p->possessive ||
		    (gs && gs->strict && (p->off < sa || p->off >= sb)))
			continue;
		raw = trig_dist(k, p->off, p->off + p->len);
		d = p->off >= k->off ? raw : 2 * raw + 20;
		/* "leave New York for Doha": where it goes, not from. */
		if (k->kind == XTR_TRAVEL && p->off >= k->off && raw <= 6)
			d += 60;
		if (p->off < sa || p->off >= sb)
			d = 400 + (g ? trig_dist(&at, g->off, g->end) : d);
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
			    !strcmp(p->cc, best->cc) &&
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
static bool listed_place(const char *text, const struct xsentence *s,
			 const struct xplace *p)
{
	for (size_t i = 0; i < s->places->n; i++) {
		const struct xplace *q = &s->places->v[i];

		if (q == p || q->kind == XP_ADJ || q->kind != p->kind ||
		    (!strcmp(q->cc, p->cc) && q->city == p->city))
			continue;
		if (list_gap(text, p->off + p->len, q->off) ||
		    list_gap(text, q->off + q->len, p->off))
			return true;
	}
	return false;
}

static bool is_principal(const struct xlegdoc *doc, const struct xperson *p)
{
	const struct xperson *q = doc->principal;

	return q && (!strcmp(p->name, q->name) ||
		     (p->surname_len &&
		      xwho_names(doc->text, p->surname_off, p->surname_len, q)));
}

/* The token where the clause of token i starts: after a ';', a ':' or a
 * "that" ("Misri told reporters that the Prime Minister's talks..."), or
 * the sentence's start. */
static size_t clause_start(const char *text, const struct xtoks *t, size_t i)
{
	while (i > 0 && !xtok_is(text, t, i - 1, ";") &&
	       !xtok_is(text, t, i - 1, ":") && !xtok_is(text, t, i - 1, "that"))
		i--;
	return i;
}

static const char *const pronouns[] = {"he",  "she", "his", "her",
					"i",   "we",  "my",  "our", NULL};

/* Whom the words at token i name: 1 the principal, -1 someone else, 0
 * nobody. */
static int who_at(const struct xlegdoc *doc, const struct xsentence *s,
		  size_t i)
{
	const struct xtok *k = &s->toks->v[i];
	size_t n = xtok_stem_len(doc->text, k);

	if (xtok_in(doc->text, s->toks, i, pronouns))
		return 1;
	if (doc->principal && i > 0 &&
	    (xtok_is(doc->text, s->toks, i - 1, "the") ||
	     (i > 1 && xtok_is(doc->text, s->toks, i - 2, "the"))) &&
	    xwho_role_word(doc->text, k->off, n, doc->principal))
		return 1; /* "the chancellor", "the Prime Minister's" */
	if (!(k->flags & XT_CAP))
		return 0;
	if (doc->principal && xwho_names(doc->text, k->off, n, doc->principal))
		return 1;
	for (size_t p = 0; p < s->people->n; p++) {
		const struct xperson *q = &s->people->v[p];

		if (k->off >= q->off && k->off < q->off + q->len)
			return is_principal(doc, q) ? 1 : -1;
	}
	for (size_t p = 0; p < doc->npeople; p++)
		if (xwho_names(doc->text, k->off, n, &doc->people[p]))
			return is_principal(doc, &doc->people[p]) ? 1 : -1;
	return 0;
}

/* Whether trigger k's clause is about someone else: the first person it
 * names, near its start and before k, is not the principal ("Yoon will
 * visit Washington next month"). */
static bool others_trip(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xtrigger *k)
{
	size_t st = clause_start(doc->text, s->toks, k->tok);

	if (!doc->principal)
		return false;
	for (size_t i = st; i < k->tok && i < st + 10; i++) {
		int w = who_at(doc, s, i);

		if (w)
			return w < 0;
	}
	return false;
}

/* Whether the sentence has the principal take part: names them (or "he",
 * "I") or says someone attends. A summit the text only announces
 * ("the forum will be held in Dalian from June 25 to 27") is not the
 * principal's leg. */
static bool principal_involved(const struct xlegdoc *doc,
			       const struct xsentence *s)
{
	static const char *const attend[] = {
	    "attend",	   "attends",	"attending", "participate",
	    "participates", "part",	"chair",     "chairs",
	    "co-chair",	   "co-chairs", "lead",	     "leads",
	    "represent",   "accompany", "accompanies", "address",
	    "join",	   "joins",	"host",	     "hosts",
	    "open",	   "opens",	"inaugurate", "speak",
	    "deliver",	   "keynote",	NULL};

	if (!doc->principal)
		return true;
	for (size_t i = 0; i < s->toks->n; i++)
		if (who_at(doc, s, i) > 0 ||
		    xtok_in(doc->text, s->toks, i, attend))
			return true;
	return false;
}

void xleg_add_with(struct xleg *l, const char *name, const char *role)
{
	for (size_t i = 0; i < l->nwith; i++)
		if (!strcmp(l->with[i].name, name))
			return;
	if (l->nwith >= XLEG_WITH)
		return;
	snprintf(l->with[l->nwith].name, XWHO_NAME, "%s", name);
	snprintf(l->with[l->nwith].role, XWHO_ROLE, "%s", role);
	l->nwith++;
}

/* The people of the sentence in text[a, b) but the principal, as l's
 * counterparts. */
static void add_people(const struct xlegdoc *doc, const struct xsentence *s,
		       size_t a, size_t b, struct xleg *l)
{
	for (size_t i = 0; i < s->people->n; i++) {
		const struct xperson *p = &s->people->v[i];

		if (p->off >= a && p->off < b && !is_principal(doc, p))
			xleg_add_with(l, p->name, p->role);
	}
	/* Named again without a title: "talks with Lula". */
	for (size_t i = 0; i < s->toks->n; i++) {
		const struct xtok *k = &s->toks->v[i];
		size_t n = xtok_stem_len(doc->text, k);

		if (k->off < a || k->off >= b || !(k->flags & XT_CAP))
			continue;
		for (size_t p = 0; p < doc->npeople; p++)
			if (xwho_names(doc->text, k->off, n, &doc->people[p]) &&
			    !is_principal(doc, &doc->people[p])) {
				xleg_add_with(l, doc->people[p].name,
					      doc->people[p].role);
				break;
			}
	}
}

/* The capitalised words just before trigger k ("NATO" summit, "Munich
 * Security" Conference), into buf; "" when none. */
static void name_before(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xtrigger *k, char *buf, size_t size)
{
	const struct xtoks *t = s->toks;
	size_t a = k->tok;

	buf[0] = '\0';
	while (a > 0 && k->tok - a < 4 && (t->v[a - 1].flags & XT_WORD) &&
	       (t->v[a - 1].flags & (XT_CAP | XT_DIGIT)) &&
	       !xtok_is(doc->text, t, a - 1, "The") &&
	       !xtok_is(doc->text, t, a - 1, "This") &&
	       xtok_stem_len(doc->text, &t->v[a - 1]) == t->v[a - 1].len)
		a--;
	if (a == k->tok)
		return;
	snprintf(buf, size, "%.*s",
		 (int)(t->v[k->tok - 1].off + t->v[k->tok - 1].len -
		       t->v[a].off),
		 doc->text + t->v[a].off);
}

static const char *place_name(const struct xleg *l)
{
	const char *n = l->city ? l->city->city : country_name(l->cc);

	return n ? n : l->cc;
}

void xleg_visit_title(struct xleg *l)
{
	snprintf(l->title, sizeof(l->title), "Visit to %s", place_name(l));
}

static void leg_title(const struct xlegdoc *doc, const struct xsentence *s,
		      const struct xtrigger *k, struct xleg *l)
{
	char name[96];
	const char *where = place_name(l);

	name_before(doc, s, k, name, sizeof(name));
	switch (l->type) {
	case EV_SUMMIT:
		if (*name)
			snprintf(l->title, sizeof(l->title), "%s summit", name);
		else
			snprintf(l->title, sizeof(l->title), "Summit in %s",
				 where);
		break;
	case EV_CONFERENCE:
		if (*name)
			snprintf(l->title, sizeof(l->title), "%s %.*s", name,
				 (int)k->len, doc->text + k->off);
		else
			snprintf(l->title, sizeof(l->title),
				 "Conference in %s", where);
		break;
	case EV_MEETING:
		snprintf(l->title, sizeof(l->title), "Meeting with %s",
			 l->nwith ? l->with[0].name : where);
		break;
	case EV_INTERVIEW:
		snprintf(l->title, sizeof(l->title), "Interview in %s", where);
		break;
	case EV_PRESS:
		snprintf(l->title, sizeof(l->title), "Press conference in %s",
			 where);
		break;
	case EV_RECEPTION:
		snprintf(l->title, sizeof(l->title), "Reception in %s", where);
		break;
	case EV_OTHER:
		snprintf(l->title, sizeof(l->title), "Speech in %s", where);
		break;
	default:
		xleg_visit_title(l);
		break;
	}
}

static enum event_type trig_type(const struct xsentence *s,
				 enum xtrig_kind k)
{
	switch (k) {
	case XTR_SUMMIT:
		return EV_SUMMIT;
	case XTR_CONFERENCE:
		return EV_CONFERENCE;
	case XTR_MEETING:
		return EV_MEETING;
	case XTR_INTERVIEW:
		return EV_INTERVIEW;
	case XTR_PRESS:
		return EV_PRESS;
	case XTR_RECEPTION:
		return EV_RECEPTION;
	case XTR_SPEECH:
		for (size_t i = 0; i < s->trigs->n; i++)
			if (s->trigs->v[i].kind == XTR_CONFERENCE ||
			    s->trigs->v[i].kind == XTR_SUMMIT)
				return EV_CONFERENCE;
		return EV_OTHER;
	case XTR_GATHER:
		return EV_MEETING;
	case XTR_TRAVEL:
		return EV_TRAVEL;
	default:
		return EV_VISIT;
	}
}

/* The latest leg the day falls in. */
static const struct xleg *leg_on_day(const struct xlegs *legs, int64_t day)
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
static bool anaphoric(const struct xlegdoc *doc, const struct xsentence *s,
		      const struct xtrigger *k)
{
	static const char *const dets[] = {"the", "his", "her", "this",
					   "that", NULL};

	for (size_t i = k->tok, n = 0; i > 0 && n < 3; i--, n++)
		if (xtok_in(doc->text, s->toks, i - 1, dets))
			return true;
	return false;
}

/* A place for a leg whose sentence names none: for an event, the place
 * of the event the text named last; the leg its day falls in,
 * else (for what happens during a visit, or a visit spoken of again) the
 * place the text spoke of last, if near. */
static bool inherit_place(const struct xlegdoc *doc, const struct xsentence *s,
			  struct xlegs *legs, const struct xtrigger *k,
			  int64_t day, struct xleg *l)
{
	const struct xleg *on = leg_on_day(legs, day);

	if (tier(k->kind) == 1) {
		char key[32];
		const struct xevmem *ev;

		xevent_key(doc->text, s->toks, k->tok, key);
		if ((ev = xevent_find(doc, key, s->idx)) != NULL) {
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
	if (tier(k->kind) < 3 && !anaphoric(doc, s, k))
		return false;
	if (!doc->ctx_cc[0] || s->idx - doc->last_place_sent > 2)
		return false;
	memcpy(l->cc, doc->ctx_cc, 3);
	l->city = doc->ctx_city;
	stay_goes_on(legs, l, day);
	return true;
}

/* A length or an end with no start of its own ("the two-day visit",
 * "he will stay until Wednesday"): the leg before, if near, lasts so. */
static void extend_last(struct xlegdoc *doc, const struct xsentence *s,
			const struct dgroup *g, struct xlegs *legs)
{
	struct xleg *l;

	if (!doc->last_leg || g->recall || g->vague)
		return;
	l = &legs->v[doc->last_leg - 1];
	if (l->dead || s->idx - l->sents[l->nsents - 1] > 2)
		return;
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

/* Counterparts of a leg: the people named after a meeting trigger of its
 * stretch [sa, sb) (all of them for a meeting). */
static void leg_people(const struct xlegdoc *doc, const struct xsentence *s,
		       const struct xtrigger *k, size_t sa, size_t sb,
		       struct xleg *l)
{
	if (l->type == EV_MEETING) {
		add_people(doc, s, k->off, sb, l);
		return;
	}
	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *m = &s->trigs->v[i];

		if (m->kind == XTR_MEETING && m->off >= sa && m->off < sb)
			add_people(doc, s, m->off, sb, l);
	}
}

/* The leg of group gi of the sentence, if it makes one. */
/* Whether the principal takes part in what trigger k names: always in a
 * stay or a meeting (whose subject others_trip checked); in an event, if
 * the sentence says so or the text said so of the event it names again
 * (*known: that event, when named by its key). */
static bool takes_part(const struct xlegdoc *doc, const struct xsentence *s,
		       const struct xtrigger *k, const struct xevmem **known)
{
	char key[32];
	const struct xevmem *ev;

	*known = NULL;
	if (tier(k->kind) != 1)
		return true;
	xevent_key(doc->text, s->toks, k->tok, key);
	ev = xevent_find(doc, key, s->idx);
	if (ev && *key)
		*known = ev;
	return principal_involved(doc, s) || (ev && ev->principal);
}

/* The leg of group g with trigger k (and the move that leads to it, or
 * NULL), its stretch of the sentence [sa, sb), if it makes one. */
void xleg_build(struct xlegdoc *doc, const struct xsentence *s,
		const struct groups *gs, const struct dgroup *g,
		const struct xtrigger *k, const struct xtrigger *move,
		size_t sa, size_t sb, struct xlegs *legs)
{
	const struct xevmem *known = NULL;
	const struct xplace *p;
	struct xleg *l;
	int64_t first, last;

	if (!k || k->kind == XTR_BLOCK || g->recall || g->vague ||
	    others_trip(doc, s, k) || legs->n >= XLEG_MAX)
		return;
	if (!group_span(g, &first, &last)) {
		extend_last(doc, s, g, legs);
		return;
	}
	if (too_old(doc, g, last) || !takes_part(doc, s, k, &known))
		return;
	l = &legs->v[legs->n];
	memset(l, 0, sizeof(*l));
	l->type = trig_type(s, known ? known->kind : k->kind);
	l->first = first;
	l->last = last;
	l->clock = first == last ? g->clock : -1;
	l->clock_end = first == last ? g->clock_end : -1;
	l->from_move = move != NULL;
	l->trig_off = k->off;
	p = leg_place(s, gs, g, move ? move : k, sa, sb);
	if (p && listed_place(doc->text, s, p))
		return;
	if (p) {
		memcpy(l->cc, p->cc, 3);
		l->city = p->city;
	} else if (!inherit_place(doc, s, legs, k, first, l)) {
		return;
	}
	leg_people(doc, s, k, sa, sb, l);
	if (k->kind == XTR_MEETING && !l->nwith)
		return; /* talks with no one named: not proposed */
	l->sents[l->nsents++] = s->idx;
	leg_title(doc, s, k, l);
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
	const struct xtrigger *k = group_trigger(s, gs, g, sa, sb, &move);

	xleg_build(doc, s, gs, g, k, move, sa, sb, legs);
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
		bool used = false;

		if (k->kind != XTR_RECEPTION && k->kind != XTR_PRESS &&
		    k->kind != XTR_SPEECH)
			continue;
		for (size_t j = before; j < legs->n; j++) {
			used = used || legs->v[j].trig_off == k->off;
			if (legs->v[j].trig_off < k->off)
				host = &legs->v[j];
		}
		if (used || !host || host->first != host->last ||
		    legs->n >= XLEG_MAX || others_trip(doc, s, k))
			continue;
		l = &legs->v[legs->n++];
		*l = *host;
		l->type = trig_type(s, k->kind);
		l->trig_off = k->off;
		l->nwith = 0;
		l->clock = l->clock_end = -1;
		leg_title(doc, s, k, l);
	}
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

		if (k->kind == XTR_MEETING && !others_trip(doc, s, k))
			add_people(doc, s, k->off, s->off + s->len, l);
	}
}

/* The place the sentence speaks of, for the sentences after it. */
static void remember_place(struct xlegdoc *doc, const struct xsentence *s)
{
	bool ctx = false;

	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *k = &s->trigs->v[i];
		const struct xplace *p;

		if (k->kind == XTR_BLOCK || others_trip(doc, s, k))
			continue;
		p = leg_place(s, NULL, NULL, k, s->off, s->off + s->len);
		if (!p)
			continue;
		if (!ctx) {
			memcpy(doc->ctx_cc, p->cc, 3);
			doc->ctx_city = p->city;
			doc->last_place_sent = s->idx;
			ctx = true;
		}
		if (tier(k->kind) == 1) {
			struct xevmem ev = {.kind = k->kind,
					    .city = p->city,
					    .sent = s->idx,
					    .principal =
						principal_involved(doc, s)};

			xevent_key(doc->text, s->toks, k->tok, ev.key);
			memcpy(ev.cc, p->cc, 3);
			xevent_remember(doc, &ev);
			return;
		}
	}
}

void xleg_sentence(struct xlegdoc *doc, const struct xsentence *s,
		   struct xlegs *legs)
{
	struct groups gs;
	size_t before = legs->n;

	if (s->quoted)
		return;
	if (xprog_sentence(doc, s, legs)) {
		remember_place(doc, s);
		return;
	}
	if (!s->trigs->n)
		return;
	group_dates(s, &gs);
	for (size_t i = 0; i < gs.n; i++)
		leg_from_group(doc, s, &gs, i, legs);
	companions(doc, s, before, legs);
	undated_meetings(doc, s, before, legs);
	remember_place(doc, s);
}
