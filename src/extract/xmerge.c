/*
 * xmerge.c: the mentions of one leg made one (xleg.h): the same type at
 * the same place (the same city, or the same country with no city on
 * either side) on days that overlap or touch. "Arrive in Seoul on Sunday
 * for a two-day visit" and "the visit to Seoul on Monday" are one visit;
 * a meeting stays apart from the visit it happens in, and a visit to a
 * country apart from the visits to its cities (a reader lists both).
 */
#include <string.h>

#include "xleg.h"

static bool same_place(const struct xleg *a, const struct xleg *b)
{
	return !strcmp(a->cc, b->cc) && a->city == b->city;
}

static bool same_leg(const struct xleg *a, const struct xleg *b)
{
	if (a->type != b->type || !same_place(a, b))
		return false;
	/* Two summits of other names on two days: two summits. */
	if (*a->key && *b->key && strcmp(a->key, b->key))
		return false;
	if (a->first > b->last + 1 || b->first > a->last + 1)
		return false;
	/* Talks on two days of their own are two meetings ("a meeting on
	 * Monday", "talks between the delegations on Tuesday"). */
	if (a->type == EV_MEETING && (a->first > b->last || b->first > a->last))
		return false;
	/* Two meetings are one when one of them names no one the other
	 * does not: the same talks told twice. */
	if (a->type == EV_MEETING && a->nwith && b->nwith &&
	    strcmp(a->with[0].name, b->with[0].name) &&
	    (a->first != b->first || a->last != b->last))
		return false;
	return true;
}

static void absorb(struct xleg *into, struct xleg *from)
{
	if (from->first < into->first)
		into->first = from->first;
	if (from->last > into->last)
		into->last = from->last;
	if (into->first != into->last)
		into->clock = into->clock_end = -1;
	else if (into->clock < 0) {
		into->clock = from->clock;
		into->clock_end = from->clock_end;
	}
	for (size_t i = 0; i < from->nwith; i++)
		xleg_add_with(into, from->with[i].name, from->with[i].role);
	for (size_t i = 0; i < from->nsents && into->nsents < XLEG_SENTS; i++) {
		bool have = false;

		for (size_t j = 0; j < into->nsents; j++)
			have = have || into->sents[j] == from->sents[i];
		if (!have)
			into->sents[into->nsents++] = from->sents[i];
	}
	from->dead = true;
}

/* An event the move of its day led to ("travel to Vilnius July 10-12
 * for the Summit") is the visit around it when the text gives the event
 * days of its own ("At the Summit on July 11-12"), and the journey when
 * those days come after the move's one. */
static void moves_to_visits(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *a = &legs->v[i];

		if (!a->from_move)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			const struct xleg *b = &legs->v[j];

			if (j == i || b->from_move || b->type != a->type ||
			    !same_place(a, b) || a->first > b->last ||
			    (a->first == b->first && a->last == b->last))
				continue;
			if (b->first > a->last) {
				/* "leaves for Paris tomorrow to attend the
				 * Summit", the Summit days later: that day
				 * is the journey. */
				if (a->first != a->last ||
				    b->first > a->last + 3)
					continue;
				a->type = EV_TRAVEL;
				xleg_visit_title(a);
				break;
			}
			a->type = a->move_type;
			xleg_visit_title(a);
			break;
		}
	}
}

/* A stay goes on while the text places what follows in its city: "arrive
 * in Washington on April 24", "a summit at the White House on April 26":
 * the visit runs to the 26th. Only over a few days, and not past a leg
 * elsewhere. */
static void stays_go_on(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *v = &legs->v[i];

		if (v->dead || v->type != EV_VISIT || !v->city)
			continue;
		for (size_t j = i + 1; j < legs->n; j++) {
			const struct xleg *l = &legs->v[j];

			if (l->dead || l->last <= v->last)
				continue;
			if (!same_place(v, l) || l->first > v->last + 2)
				break;
			if (l->type != EV_VISIT)
				v->last = l->last;
		}
	}
}

/* "fly to Calgary on Monday and take part in the summit ... on Tuesday
 * in Kananaskis": an event the next day in another town of the country
 * the flight went to, which the text gives no stay of its own. */
static bool nearby_next(const struct xleg *a, const struct xleg *b)
{
	return a->city && b->city && a->city != b->city &&
	       !strcmp(a->cc, b->cc) && b->first == a->last + 1;
}

/* Whether a leg elsewhere of the trip came in the days just before a:
 * a is a move on from one stop to the next, not the departure. */
static bool stop_before(const struct xlegs *legs, const struct xleg *a)
{
	for (size_t i = 0; i < legs->n; i++) {
		const struct xleg *l = &legs->v[i];

		if (!l->dead && l->type != EV_TRAVEL && !same_place(l, a) &&
		    l->first < a->first && l->first + 3 >= a->first)
			return true;
	}
	return false;
}

/* "Fly to Washington on Monday" with what happens there (or in a town
 * nearby the next day) dated on later days: the departure itself,
 * travel; the stay is not said. A move on from the stop before ("go on
 * to Tokyo on Tuesday", talks there on Wednesday) begins the next stop's
 * stay, unless what it leads to is a summit or a conference ("proceed to
 * Dushanbe on 18 June to participate in the Consultative Meeting ... on
 * 19 June"): the journey to a gathering is travel wherever it starts. */
static void moves_alone(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *a = &legs->v[i];

		bool on_from_stop;

		if (a->dead || a->type != EV_VISIT ||
		    a->trig_kind != XTR_MOVE || a->first != a->last)
			continue;
		on_from_stop = stop_before(legs, a);
		for (size_t j = 0; j < legs->n; j++) {
			const struct xleg *b = &legs->v[j];

			if (j == i || b->dead || b->type == EV_VISIT ||
			    b->type == EV_TRAVEL ||
			    !(same_place(a, b) || nearby_next(a, b)) ||
			    b->first <= a->last || b->first > a->last + 3)
				continue;
			/* A move on to talks is the next stay; a move on to
			 * a summit or a conference is the journey to it. */
			if (on_from_stop && b->type != EV_SUMMIT &&
			    b->type != EV_CONFERENCE)
				continue;
			a->type = EV_TRAVEL;
			xleg_visit_title(a);
			break;
		}
	}
}

/* "He returns to Dhaka on Saturday" after a stay in Dhaka and a day in
 * Cox's Bazar: a return to a city the trip already stayed in is a new
 * stay there, not the journey home (a home is no stay of the trip). */
/* Whether a day trip elsewhere comes between stay v and the return t. */
static bool back_from_day_trip(const struct xlegs *legs, const struct xleg *v,
			       const struct xleg *t)
{
	for (size_t k = 0; k < legs->n; k++) {
		const struct xleg *w = &legs->v[k];

		if (!w->dead && w->day_trip && w->city != v->city &&
		    w->first > v->first && w->first <= t->first)
			return true;
	}
	return false;
}

static void returns_to_stays(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *t = &legs->v[i];

		if (t->dead || t->type != EV_TRAVEL || !t->city)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			struct xleg *v = &legs->v[j];

			if (j == i || v->dead || v->type != EV_VISIT ||
			    !same_place(v, t) || v->first >= t->first)
				continue;
			if (back_from_day_trip(legs, v, t)) {
				/* "returning to Lima the same evening": the
				 * stay in Lima goes on through the day. */
				if (t->last > v->last)
					v->last = t->last;
				t->dead = true;
				break;
			}
			t->type = EV_VISIT;
			t->arrival = true;
			xleg_visit_title(t);
			/* The first stay ends where the days elsewhere begin,
			 * so the two stays stay two; a day trip from it
			 * ("returning to Lima the same evening") ends none. */
			for (size_t k = 0; k < legs->n; k++) {
				const struct xleg *w = &legs->v[k];

				if (!w->dead && w->type == EV_VISIT &&
				    !w->day_trip && w->city != v->city &&
				    w->first > v->first &&
				    w->first < t->first && w->first <= v->last)
					v->last = w->first - 1;
			}
			break;
		}
	}
}

/* "08:00 Departure for Goma" on the day the Goma stay begins: the
 * journey that begins a visit is the visit's start, not a travel leg
 * of its own (tests/extract/README.md, "Travel"). */
static void journeys_begin_stays(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *t = &legs->v[i];

		if (t->dead || t->type != EV_TRAVEL || t->first != t->last ||
		    !t->city)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			const struct xleg *v = &legs->v[j];

			if (!v->dead && v->type == EV_VISIT &&
			    v->first == t->first && same_place(v, t)) {
				absorb(&legs->v[j], t);
				break;
			}
		}
	}
}

/* "will leave for Port Moresby on Monday and reach the Papua New
 * Guinean capital on Tuesday": a journey whose sentence gives both its
 * departure day and the arrival the next day runs from one to the other
 * (tests/extract/README.md, "Travel"); the stay begins on arrival. */
static void journeys_to_arrival(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *t = &legs->v[i];

		if (t->dead || t->type != EV_TRAVEL || t->first != t->last ||
		    !t->city || !t->nsents)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			const struct xleg *v = &legs->v[j];

			if (j != i && !v->dead && v->type == EV_VISIT &&
			    same_place(v, t) && v->first == t->last + 1 &&
			    v->nsents && v->sents[0] == t->sents[0]) {
				t->last = v->first;
				t->clock = t->clock_end = -1;
				break;
			}
		}
	}
}

void xleg_merge(struct xlegs *legs)
{
	bool again = true;

	moves_to_visits(legs);
	returns_to_stays(legs);
	moves_alone(legs);
	stays_go_on(legs);
	/* At most XLEG_MAX legs: the passes are bounded and cheap. */
	for (int pass = 0; again && pass < 4; pass++) {
		again = false;
		for (size_t i = 0; i < legs->n; i++) {
			for (size_t j = i + 1; j < legs->n && !legs->v[i].dead;
			     j++) {
				if (legs->v[j].dead ||
				    !same_leg(&legs->v[i], &legs->v[j]))
					continue;
				absorb(&legs->v[i], &legs->v[j]);
				again = true;
			}
		}
	}
	journeys_begin_stays(legs);
	journeys_to_arrival(legs);
	xleg_stays(legs);
}
