/*
 * extract.c: the whole run of `itin extract` (extract.h): the text, its
 * date, its sentences read twice (first for the dates and the people,
 * whose resolution needs the whole text; then for the places, triggers
 * and legs), the legs merged, and the events built from them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/places.h"
#include "itin/strbuf.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "xdate.h"
#include "xinput.h"
#include "xleg.h"
#include "xplace.h"
#include "xsent.h"
#include "xtok.h"
#include "xwho.h"

/* People the whole report titles, for the principal and for telling
 * other people's trips apart. */
#define XCAST_MAX 64

struct cast {
	struct xperson v[XCAST_MAX];
	unsigned count[XCAST_MAX]; /* mentions by name or surname */
	size_t n;
	struct xperson principal;
	bool has_principal;
	/* The subject of the first travel word of the lede ("Foreign
	 * Minister Wang Yi will pay an official visit"): index + 1, or 0. */
	size_t traveller;
};

/* Everything one run holds; released by run_release. */
struct run {
	const struct extract_opts *opts;
	struct xinput in;
	struct xdoc_date doc;
	struct xsents sents;
	struct xmentions dates;
	struct cast cast;
	struct xtoks toks; /* the sentence being read */
	struct xlegs legs;
	struct xnewcities towns; /* the legs' unknown towns point here */
};

static const char *last_word(const char *name)
{
	const char *sp = strrchr(name, ' ');

	return sp ? sp + 1 : name;
}

/* One person named twice ("Secretary Blinken", "Secretary of State Antony
 * J. Blinken"): the fuller name and the longer title kept. */
static void cast_add(struct cast *c, const struct xperson *p)
{
	for (size_t i = 0; i < c->n; i++) {
		struct xperson *q = &c->v[i];

		if (strcmp(last_word(q->name), last_word(p->name)) ||
		    !xwho_same_person(q, p))
			continue;
		if (strlen(p->name) > strlen(q->name))
			memcpy(q->name, p->name, sizeof(q->name));
		if (strlen(p->role) > strlen(q->role))
			memcpy(q->role, p->role, sizeof(q->role));
		return;
	}
	if (c->n < XCAST_MAX)
		c->v[c->n++] = *p;
}

/* Count the sentences cut into t that name each person of the cast (by
 * a word of the name). */
static void cast_count(struct cast *c, const char *text, const struct xtoks *t)
{
	bool seen[XCAST_MAX] = {false};

	for (size_t i = 0; i < t->n; i++) {
		const struct xtok *k = &t->v[i];

		if (!(k->flags & XT_CAP))
			continue;
		for (size_t p = 0; p < c->n; p++)
			if (!seen[p] &&
			    xwho_names(text, k->off, xtok_stem_len(text, k),
				       &c->v[p])) {
				seen[p] = true;
				c->count[p]++;
			}
	}
}

/* The principal: the user's, else the person named most (the first
 * titled wins ties: the headline and lede name the traveller first). */
static void choose_principal(struct cast *c, const char *given)
{
	size_t best = 0;

	if (given && *given) {
		memset(&c->principal, 0, sizeof(c->principal));
		snprintf(c->principal.name, sizeof(c->principal.name), "%s",
			 given);
		utf8_drop_cut_tail(c->principal.name);
		c->has_principal = true;
		return;
	}
	/* The lede's traveller, else the first titled person (the lede's,
	 * or the headline's): worth three mentions. */
	size_t lede = c->traveller ? c->traveller - 1 : 0;

	if (c->n)
		c->count[lede] += 3;
	for (size_t i = 0; i < c->n; i++)
		if (c->count[i] > c->count[best])
			best = i;
	/* Named once is no evidence: "The King and Queen will undertake a
	 * State Visit ... at the invitation of President William Ruto" is
	 * about a traveller the text never names; unless that once is as
	 * the subject of the lede's travel. */
	c->has_principal =
	    c->n > 0 && (c->count[best] - (best == lede ? 3 : 0) >= 2 ||
			 (c->traveller && best == lede));
	if (c->has_principal)
		c->principal = c->v[best];
}

static void run_release(struct run *r)
{
	xinput_release(&r->in);
	xsents_release(&r->sents);
	xmentions_release(&r->dates);
}

/* The document date: --date, else the report's date line; none is an
 * error that says to pass --date. */
static int document_date(struct run *r, struct itin_err *err)
{
	const struct extract_opts *o = r->opts;
	int year_hint = 0;
	bool found;

	if (o->has_date) {
		int y, m, d;

		civil_from_days(o->doc_day, &y, &m, &d);
		year_hint = y;
	}
	found = xdate_document(r->in.text, r->in.len,
			       r->in.meta_date[0] ? r->in.meta_date : NULL,
			       year_hint, &r->doc);
	if (o->has_date) {
		r->doc.found = true;
		r->doc.day = o->doc_day;
		if (!found)
			r->doc.off = r->doc.len = 0;
		return 0;
	}
	if (found)
		return 0;
	return itin_err_at(err, ITIN_EX_DATAERR, o->file, 0, 0,
			   "no date found in the report (its date line); pass "
			   "--date YYYY-MM-DD, the day it was written");
}

/* "António Guterres will leave New York": two capitalised words (no
 * title, no place) and at most two lower-case ones before the travel
 * word at token ti: a traveller the text does not title, into *out. */
static bool untitled_traveller(const char *text, const struct xtoks *t,
			       size_t ti, struct xperson *out)
{
	static const char *const determiners[] = {
	    "The",  "Their", "His", "Her", "Its", "Our", "My", "This",
	    "That", "A",     "An",  "On",  "In",  "At",	 NULL};
	size_t v = ti;
	char name[XWHO_NAME];
	const struct xtok *a, *b;

	while (v > 0 && ti - v < 2 && (t->v[v - 1].flags & XT_WORD) &&
	       !(t->v[v - 1].flags & XT_CAP))
		v--;
	if (v < 2 || (v > 2 && (t->v[v - 3].flags & XT_CAP)))
		return false;
	a = &t->v[v - 2];
	b = &t->v[v - 1];
	for (const struct xtok *k = a; k <= b; k++)
		if (!(k->flags & XT_CAP) ||
		    (k->flags & (XT_ALLCAP | XT_DIGIT)) ||
		    xwho_is_title(text, k->off, k->len))
			return false;
	if (b->off + b->len - a->off >= sizeof(name))
		return false;
	if (xtok_in(text, t, v - 2, determiners))
		return false; /* "Their Majesties", "The King" */
	memcpy(name, text + a->off, b->off + b->len - a->off);
	name[b->off + b->len - a->off] = '\0';
	if (place_find(name, NULL, NULL) || country_lookup(name) ||
	    place_find(last_word(name), NULL, NULL))
		return false;
	memset(out, 0, sizeof(*out));
	memcpy(out->name, name, strlen(name) + 1);
	out->off = a->off;
	out->len = b->off + b->len - a->off;
	out->surname_off = b->off;
	out->surname_len = b->len;
	return true;
}

/* "President Lee Jae Myung will receive Vietnamese President Luong
 * Cuong at Cheong Wa Dae on Wednesday": the titled person right after a
 * host verb is the guest, the one who travels; NULL when none. */
static const struct xperson *
hosted_guest(const char *text, const struct xtoks *t, const struct xpeople *pp)
{
	static const char *const verbs[] = {
	    "receive", "receives", "received", "host",	   "hosts",
	    "hosted",  "welcome",  "welcomes", "welcomed", NULL};

	for (size_t i = 0; i + 1 < t->n; i++) {
		if (!xtok_in(text, t, i, verbs))
			continue;
		for (size_t p = 0; p < pp->n; p++)
			if (pp->v[p].off >= t->v[i + 1].off &&
			    pp->v[p].off <= t->v[i].off + t->v[i].len + 32)
				return &pp->v[p];
		return NULL;
	}
	return NULL;
}

/* The cast's index + 1 of the person named last before the first
 * visit, move or travel word of the sentence ("At the invitation of
 * Minister Shoukry, Foreign Minister Wang Yi will pay an official
 * visit"): its subject; 0 when none. A lede that has its host receive
 * a titled guest is about the guest's trip. */
static size_t travel_subject(struct cast *c, const char *text,
			     const struct xtoks *t, const struct xpeople *pp)
{
	static const char *const objects[] = {"of", "with", "by", "from", NULL};
	struct xtriggers trigs;
	const struct xperson *subj = NULL;
	struct xperson untitled;
	size_t at = (size_t)-1, ti = 0;

	xtrig_scan(text, t, &trigs);
	for (size_t i = 0; i < trigs.n && at == (size_t)-1; i++)
		if (trigs.v[i].kind == XTR_VISIT ||
		    trigs.v[i].kind == XTR_MOVE ||
		    trigs.v[i].kind == XTR_TRAVEL) {
			at = trigs.v[i].off;
			ti = trigs.v[i].tok;
		}
	for (size_t p = 0; p < pp->n; p++)
		if (pp->v[p].off + pp->v[p].len <= at)
			subj = &pp->v[p];
	/* Its subject, not a person named further back (a few words, "will
	 * pay an official", between them at most) nor the object of a
	 * preposition ("at the invitation of President X"). */
	for (size_t i = 0, n = 0; subj && i < t->n; i++) {
		if (t->v[i].off == subj->off && i > 0 &&
		    xtok_in(text, t, i - 1, objects))
			subj = NULL;
		else if (t->v[i].off >= subj->off + subj->len &&
			 t->v[i].off < at && ++n > 5)
			subj = NULL;
	}
	if (!subj && at == (size_t)-1)
		subj = hosted_guest(text, t, pp);
	if (!subj && at != (size_t)-1 &&
	    untitled_traveller(text, t, ti, &untitled)) {
		cast_add(c, &untitled);
		subj = &untitled;
	}
	for (size_t i = 0; subj && i < c->n; i++)
		if (!strcmp(last_word(c->v[i].name), last_word(subj->name)))
			return i + 1;
	/* "Luong will arrive in Seoul": a person the text titled before,
	 * named again by one word right before the travel word. */
	for (size_t i = ti > 3 ? ti - 3 : 0;
	     !subj && at != (size_t)-1 && i < ti; i++)
		for (size_t p = 0; (t->v[i].flags & XT_CAP) && p < c->n; p++)
			if (xwho_names(text, t->v[i].off,
				       xtok_stem_len(text, &t->v[i]), &c->v[p]))
				return p + 1;
	return 0;
}

/* A headline in title case: three words in four capitalised. */
static bool title_case(const struct xtoks *t)
{
	size_t words = 0, caps = 0;

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].flags & XT_WORD) {
			words++;
			caps += (t->v[i].flags & XT_CAP) != 0;
		}
	return words >= 4 && 4 * caps > 3 * words;
}

/* First reading: the dates each sentence mentions and the people it
 * titles; then how often each is named, and the dates resolved. */
static void first_reading(struct run *r, const struct itin_warner *w)
{
	const char *text = r->in.text;
	struct xpeople *people = xmalloc(sizeof(*people));
	int lede = 0;

	for (size_t i = 0; i < r->sents.n; i++) {
		const struct xsent *s = &r->sents.v[i];

		xdate_scan(text, s->off, s->len, i, &r->dates);
		xtok_split(text, s->off, s->len, &r->toks);
		xwho_scan(text, &r->toks, people);
		/* A title-case headline's "people" are its capitals
		 * ("Secretary-General Attends African Union Summit"). */
		for (size_t p = 0; p < people->n && !title_case(&r->toks); p++)
			cast_add(&r->cast, &people->v[p]);
		/* The lede: the first sentences from the date line on
		 * (not a heading or "Good afternoon."; "SEOUL, Nov. 10
		 * (Yonhap) -- President Lee ..." holds its date line). */
		if (!r->cast.traveller &&
		    s->off + s->len > r->doc.off + r->doc.len &&
		    r->toks.n >= 6 && lede++ < 3)
			r->cast.traveller =
			    travel_subject(&r->cast, text, &r->toks, people);
	}
	free(people);
	for (size_t i = 0; i < r->sents.n && r->cast.n; i++) {
		xtok_split(text, r->sents.v[i].off, r->sents.v[i].len,
			   &r->toks);
		cast_count(&r->cast, text, &r->toks);
		/* The headline's person counts twice more. */
		if (i == 0)
			for (int k = 0; k < 2; k++)
				cast_count(&r->cast, text, &r->toks);
	}
	choose_principal(&r->cast, r->opts->principal);
	xdate_resolve(&r->dates, text, r->in.len, &r->doc, r->opts->file, w);
}

/* Leave out a dateline's place ("SEOUL, Nov. 6 (Yonhap) --", "Ankara
 * (AFP) -"): where the report was written, not where anything happens. */
static void drop_dateline(const struct run *r, const struct xsent *s,
			  struct xplaces *pl)
{
	const char *text = r->in.text;
	size_t k = 0;

	for (size_t i = 0; i < pl->n; i++) {
		const struct xplace *p = &pl->v[i];
		size_t e = p->off + p->len;
		bool dateline = r->doc.len && p->off >= s->off &&
				e <= r->doc.off && r->doc.off < s->off + s->len;

		if (p->off == s->off && e < s->off + s->len &&
		    (text[e] == ',' || (text[e] == ' ' && text[e + 1] == '(')))
			dateline = true;
		if (!dateline)
			pl->v[k++] = *p;
	}
	pl->n = k;
}

/* The mentions of sentence i, from *cur on, but the date line's. */
#define SENT_DATES 32
static size_t sentence_dates(const struct run *r, size_t i, size_t *cur,
			     struct xmention *out)
{
	size_t n = 0;

	while (*cur < r->dates.n && r->dates.v[*cur].sentence < i)
		(*cur)++;
	for (size_t k = *cur; k < r->dates.n && r->dates.v[k].sentence == i;
	     k++) {
		const struct xmention *m = &r->dates.v[k];

		if (r->doc.len && m->off < r->doc.off + r->doc.len &&
		    r->doc.off < m->off + m->len)
			continue;
		if (n < SENT_DATES)
			out[n++] = *m;
	}
	return n;
}

struct scratch {
	struct xplaces places;
	struct xpeople people;
	struct xtriggers trigs;
	struct xmention dates[SENT_DATES];
};

/* Second reading: each sentence's places, people and triggers, and the
 * legs they make. */
static void second_reading(struct run *r)
{
	const char *text = r->in.text;
	struct scratch *sc = xmalloc(sizeof(*sc));
	struct xlegdoc doc = {0};
	char ctx[3] = "";
	size_t cur = 0;

	doc.text = text;
	doc.doc_day = r->doc.day;
	doc.body_off = r->doc.len ? r->doc.off : 0;
	doc.principal = r->cast.has_principal ? &r->cast.principal : NULL;
	doc.people = r->cast.v;
	doc.npeople = r->cast.n;
	xl_principal_alias(&doc);
	for (size_t i = 0; i < r->sents.n; i++) {
		const struct xsent *s = &r->sents.v[i];
		struct xsentence xs = {.text = text,
				       .idx = i,
				       .off = s->off,
				       .len = s->len,
				       .quoted = s->quoted,
				       .toks = &r->toks,
				       .places = &sc->places,
				       .people = &sc->people,
				       .dates = sc->dates,
				       .trigs = &sc->trigs};

		xtok_split(text, s->off, s->len, &r->toks);
		xplace_scan(text, &r->toks, ctx, &sc->places);
		/* A town the gazetteer does not know, whose words name no
		 * country, is where the traveller is: the country of the
		 * last leg ("fly north to Tromsø" after Oslo), not of a
		 * people the text named in passing ("Russian deliveries"). */
		xnewcity_scan(text, &r->toks,
			      r->legs.n ? r->legs.v[r->legs.n - 1].cc : ctx,
			      &r->towns, &sc->places);
		drop_dateline(r, s, &sc->places);
		xwho_scan(text, &r->toks, &sc->people);
		xtrig_scan(text, &r->toks, &sc->trigs);
		xs.ndates = sentence_dates(r, i, &cur, sc->dates);
		xleg_sentence(&doc, &xs, &r->legs);
		if (sc->places.n)
			memcpy(ctx, sc->places.v[sc->places.n - 1].cc, 3);
	}
	free(sc);
	xleg_merge(&r->legs);
}

/* The sentences a leg came from, as its note (a wrapped line's breaks
 * made spaces). */
static void leg_notes(const struct run *r, const struct xleg *l,
		      struct strbuf *sb)
{
	for (size_t i = 0; i < l->nsents; i++) {
		const struct xsent *s = &r->sents.v[l->sents[i]];

		if (i)
			strbuf_addch(sb, '\n');
		for (size_t k = 0; k < s->len; k++) {
			char c = r->in.text[s->off + k];

			strbuf_addch(sb, c == '\n' || c == '\r' ? ' ' : c);
		}
	}
}

/* The id: the same report read twice proposes the same ids, so --add
 * adds nothing the second time. */
static char *leg_id(const struct run *r, const struct xleg *l)
{
	struct strbuf key = STRBUF_INIT;
	char *id;

	strbuf_addf(&key, "extract|%s|%s|%s|%s|%lld|%lld|%d",
		    r->cast.has_principal ? r->cast.principal.name : "",
		    event_type_name(l->type), l->cc,
		    l->city ? l->city->city : "", (long long)l->first,
		    (long long)l->last, l->clock);
	if (l->type == EV_MEETING && l->nwith)
		strbuf_addf(&key, "|%s", l->with[0].name);
	id = event_hash_id(key.buf);
	strbuf_release(&key);
	return id;
}

/* When: all-day days, or a clock time in the place's zone as `itin add`
 * finds it (place_zone). */
static void leg_times(const struct xleg *l, struct event *ev)
{
	struct place_zone z;

	if (l->clock < 0 || l->first != l->last) {
		ev->allday = true;
		ev->start = l->first * ITIN_DAY;
		ev->end = l->last * ITIN_DAY;
		ev->has_end = l->last > l->first;
		return;
	}
	ev->allday = false;
	ev->start = l->first * ITIN_DAY + l->clock;
	if (l->clock_end > l->clock) {
		ev->end = l->first * ITIN_DAY + l->clock_end;
		ev->has_end = true;
	}
	place_zone(l->city ? l->city->city : NULL, l->cc, &z);
	event_set_str(ev, &ev->tz, z.tz);
}

static struct event *leg_event(const struct run *r, const struct xleg *l)
{
	struct event *ev = event_new();
	struct strbuf notes = STRBUF_INIT;
	const char *file = r->opts->file;
	const char *src = r->opts->source;

	ev->type = l->type;
	ev->status = EV_TENTATIVE;
	event_set_str(ev, &ev->title, l->title);
	event_set_place(ev, NULL, l->city ? l->city->city : NULL, l->cc);
	leg_times(l, ev);
	if (!src)
		src = file && strcmp(file, "-") ? file : "stdin";
	event_set_str(ev, &ev->source, src);
	leg_notes(r, l, &notes);
	event_set_str(ev, &ev->notes, notes.buf);
	strbuf_release(&notes);
	if (r->cast.has_principal)
		event_add_participant(
		    ev, r->cast.principal.name,
		    r->cast.principal.role[0] ? r->cast.principal.role : NULL);
	for (size_t i = 0; i < l->nwith; i++)
		event_add_participant(ev, l->with[i].name,
				      l->with[i].role[0] ? l->with[i].role
							 : NULL);
	event_take_str(ev, &ev->id, leg_id(r, l));
	return ev;
}

/* Legs in the order of their events: first day, time, last day, title. */
static int cmp_legs(const void *pa, const void *pb)
{
	const struct xleg *a = *(const struct xleg *const *)pa;
	const struct xleg *b = *(const struct xleg *const *)pb;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->clock != b->clock)
		return a->clock < b->clock ? -1 : 1;
	if (a->last != b->last)
		return a->last < b->last ? -1 : 1;
	return strcmp(a->title, b->title);
}

/* The events of the legs, in date order, appended to out (each event
 * goes straight to out: a list owns what it is given). An event the
 * checks refuse (it cannot happen with what the legs hold) is left out
 * with a warning rather than failing the report. */
static void make_events(struct run *r, struct evlist *out,
			const struct itin_warner *w)
{
	const struct xleg *order[XLEG_MAX];
	size_t n = 0;

	for (size_t i = 0; i < r->legs.n; i++)
		if (!r->legs.v[i].dead)
			order[n++] = &r->legs.v[i];
	qsort(order, n, sizeof(order[0]), cmp_legs);
	for (size_t i = 0; i < n; i++) {
		struct event *ev = leg_event(r, order[i]);
		struct itin_err e;

		itin_err_clear(&e);
		if (event_check(ev, w, &e)) {
			itin_warn_at(w, r->opts->file, 0, 0, "%s", e.msg);
			event_free(ev);
			continue;
		}
		evlist_add(out, ev);
	}
}

int extract_report(const char *data, size_t len,
		   const struct extract_opts *opts, struct evlist *out,
		   const struct itin_warner *w, struct itin_err *err)
{
	struct run *r = xcalloc(1, sizeof(*r));
	int rc = -1;

	itin_err_clear(err);
	r->opts = opts;
	xsents_init(&r->sents);
	xmentions_init(&r->dates);
	if (xinput_read(data, len, opts->file, &r->in, err))
		goto done;
	if (document_date(r, err))
		goto done;
	xsent_split(r->in.text, r->in.len, &r->sents);
	first_reading(r, w);
	second_reading(r);
	make_events(r, out, w);
	rc = 0;
done:
	run_release(r);
	free(r);
	return rc;
}
