/*
 * xstays.c: a visit to a country told as its stays (xleg.h). "A
 * four-day state visit to Japan" whose days the text places city by
 * city (talks in Tokyo on Tuesday, a forum in Tokyo on Wednesday, Osaka
 * on Thursday) is the stays a reader lists: Tokyo from the first day to
 * the day before Osaka, then Osaka. The country-wide visit stays a leg
 * only when its cities leave days unplaced (a six-day visit to
 * Australia of which only a meeting in Canberra and the last day in
 * Darwin are dated). And two stays in one country share no day.
 */
#include <string.h>

#include "xleg.h"

#define RUNS_MAX 8

/* Consecutive legs in one city, inside the country visit. */
struct run {
	const struct place *city;
	int64_t first, last;
	bool stay; /* a visit to the city is among them */
};

/* The legs in a city of v's country whose days lie inside v's, as runs
 * of one city in day order; 0 when they are none or cannot be stays (a
 * city left and come back to, too many). */
static size_t city_runs(const struct xlegs *legs, const struct xleg *v,
			struct run *runs)
{
	size_t n = 0;

	for (int64_t day = v->first; day <= v->last; day++) {
		for (size_t i = 0; i < legs->n; i++) {
			const struct xleg *l = &legs->v[i];

			if (l->dead || !l->city || l->first != day ||
			    strcmp(l->cc, v->cc) || l->last > v->last ||
			    l->day_trip)
				continue;
			if (n && runs[n - 1].city == l->city) {
				if (l->last > runs[n - 1].last)
					runs[n - 1].last = l->last;
				runs[n - 1].stay |= l->type == EV_VISIT;
				continue;
			}
			for (size_t k = 0; k < n; k++)
				if (runs[k].city == l->city)
					return 0; /* back to a city */
			if (n == RUNS_MAX)
				return 0;
			runs[n++] = (struct run){l->city, l->first, l->last,
						 l->type == EV_VISIT};
		}
	}
	return n;
}

/* Whether the runs are stays that place every day of v: the first
 * begins when v does, each next at most a day after the one before
 * ends, the last at most a day before v does (the day home). A city
 * where the text dates only events is no stay the reader can be sure
 * of ("In New Delhi, ... consultations on Friday"). */
static bool runs_cover(const struct xleg *v, const struct run *runs, size_t n)
{
	int64_t end = v->first - 1;

	if (runs[0].first != v->first)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!runs[i].stay || runs[i].first > end + 2)
			return false;
		if (runs[i].last > end)
			end = runs[i].last;
	}
	return end + 1 >= v->last;
}

/* The visit to the run's city, made to span [first, last]: the one the
 * text told, else a new one with v's words. */
static void make_stay(struct xlegs *legs, size_t vi, const struct run *r,
		      int64_t first, int64_t last)
{
	struct xleg *stay = NULL;

	for (size_t i = 0; i < legs->n && !stay; i++)
		if (!legs->v[i].dead && legs->v[i].type == EV_VISIT &&
		    legs->v[i].city == r->city &&
		    !strcmp(legs->v[i].cc, legs->v[vi].cc) &&
		    legs->v[i].first <= r->last && r->first <= legs->v[i].last)
			stay = &legs->v[i];
	if (!stay) {
		if (legs->n >= XLEG_MAX)
			return;
		stay = &legs->v[legs->n++];
		*stay = legs->v[vi];
		stay->city = r->city;
		stay->nwith = 0;
		xleg_visit_title(stay);
	}
	stay->first = first;
	stay->last = last;
	stay->clock = stay->clock_end = -1;
}

/* Two stays in one country do not share a day: the first ends the day
 * before the next begins ("in Baghdad from Tuesday to Thursday"; "On
 * Thursday, the last day, he travels to Erbil"). */
static void stays_apart(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *a = &legs->v[i];

		if (a->dead || a->type != EV_VISIT || !a->city)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			const struct xleg *b = &legs->v[j];

			if (j == i || b->dead || b->type != EV_VISIT ||
			    !b->city || b->city == a->city ||
			    strcmp(a->cc, b->cc) || b->first <= a->first ||
			    b->first > a->last || b->day_trip)
				continue;
			a->last = b->first - 1;
			if (a->first != a->last)
				a->clock = a->clock_end = -1;
		}
	}
}

/* Whether the text gave the trip a span that ends on day: a tour's
 * ("between March 6 and 9") or a stay's own ("from Oct. 23 to 26"). */
static bool trip_ends(const struct xlegs *legs, int64_t day)
{
	if (legs->tour_last == day)
		return true;
	for (size_t i = 0; i < legs->n; i++)
		if (legs->v[i].sized && legs->v[i].type != EV_TRAVEL &&
		    legs->v[i].last == day)
			return true;
	return false;
}

/* "She will then travel to Hanoi on March 8 ... will return to Japan
 * on March 9", the trip "between March 6 and 9": the stay lasts until
 * the day of the move away from it when the trip's span ends that day.
 * Without such a span ("meet Lee on Friday, before returning to Dublin
 * on Saturday") the day of the journey home is the journey's alone. */
static void stays_until_return(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		const struct xleg *t = &legs->v[i];
		struct xleg *stay = NULL;
		bool placed = false; /* the day is another leg's */

		if (t->dead || t->type != EV_TRAVEL)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			struct xleg *v = &legs->v[j];

			if (!v->dead && v->type == EV_VISIT && v->city &&
			    v->last + 1 == t->first && strcmp(v->cc, t->cc))
				stay = v;
			else if (!v->dead && j != i && v->first <= t->first &&
				 t->first <= v->last)
				placed = true;
		}
		/* Not past the length its words gave ("a three-day visit"
		 * from Wednesday, the move on Saturday). */
		if (stay && !placed && !stay->sized &&
		    trip_ends(legs, t->first))
			stay->last = t->first;
	}
}

/* Whether b is the country-wide visit that v is a stay of. */
static bool country_of(const struct xleg *b, const struct xleg *v)
{
	return b->type == EV_VISIT && !b->city && !strcmp(b->cc, v->cc);
}

/* "arrive in Santiago on Saturday ... go on to Lima on Tuesday": a stay
 * the text gives no length lasts until the day before the next stay
 * begins elsewhere, when no leg is placed between (at most three days:
 * further apart, the text has left days out). */
static void stays_until_next(struct xlegs *legs)
{
	for (size_t i = 0; i < legs->n; i++) {
		struct xleg *v = &legs->v[i];
		const struct xleg *next = NULL;

		/* An arrival or a move ("arrive in", "go on to", "the tour
		 * will begin in"), not a day told for its purpose ("in Suva
		 * on Monday for talks"). */
		if (v->dead || v->type != EV_VISIT || !v->city || v->sized ||
		    v->first != v->last || !v->arrival)
			continue;
		for (size_t j = 0; j < legs->n; j++) {
			const struct xleg *b = &legs->v[j];

			if (j == i || b->dead || b->last <= v->last)
				continue;
			if (b->first <= v->last + 1 && b->city != v->city &&
			    !country_of(b, v))
				break; /* something else the next day */
			/* What the stay holds is no next stop. */
			if (b->city == v->city || country_of(b, v))
				continue;
			if (!next || b->first < next->first)
				next = b;
		}
		if (next && next->type == EV_VISIT && next->city != v->city &&
		    next->first >= v->last + 2 && next->first <= v->last + 3) {
			v->last = next->first - 1;
			v->clock = v->clock_end = -1;
		}
	}
}

void xleg_stays(struct xlegs *legs)
{
	size_t n0 = legs->n;

	stays_until_next(legs);

	stays_until_return(legs);
	stays_apart(legs);

	for (size_t i = 0; i < n0; i++) {
		struct run runs[RUNS_MAX];
		struct xleg *v = &legs->v[i];
		size_t n;

		if (v->dead || v->type != EV_VISIT || v->city)
			continue;
		n = city_runs(legs, v, runs);
		if (!n || !runs_cover(v, runs, n))
			continue;
		for (size_t k = 0; k < n; k++) {
			int64_t first = k ? runs[k].first : v->first;
			int64_t last =
			    k + 1 < n ? runs[k + 1].first - 1 : legs->v[i].last;

			if (last < runs[k].last)
				last = runs[k].last;
			make_stay(legs, i, &runs[k], first, last);
		}
		legs->v[i].dead = true;
	}
}
