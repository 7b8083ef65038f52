/*
 * xlegint.h: what xleg.c shares with the other files of the leg module
 * (xprog.c, the programmes of visits), not with the rest of extract.
 */
#ifndef ITIN_XLEGINT_H
#define ITIN_XLEGINT_H

#include "xleg.h"

#define XGROUP_MAX 16

/* A set of date mentions that together say when one leg is. */
struct dgroup {
	size_t off, end; /* from the first mention's words to the last's */
	bool has_first, has_last, recall, vague;
	int64_t first, last, until;
	int ndays;
	int clock, clock_end;
	enum xtense tense;
};

struct groups {
	struct dgroup v[XGROUP_MAX];
	size_t n;
	bool strict; /* a programme's item: no place outside its stretch */
};

void xleg_build(struct xlegdoc *doc, const struct xsentence *s,
		const struct groups *gs, const struct dgroup *g,
		const struct xtrigger *k, const struct xtrigger *move,
		size_t sa, size_t sb, struct xlegs *legs);

/* Shared between the files of the leg module. xl_tier: 1 an event, 2 a
 * stay or a move, 3 what happens during one. */
/* xleg.c */
size_t xl_dist(const struct xtrigger *k, size_t a, size_t b);
int xl_tier(enum xtrig_kind k);

/* xlegdates.c: the sentence's date mentions into groups; a group's
 * first and last day (false when it fixes none). */
void xl_group_dates(const struct xsentence *s, struct groups *gs);
bool xl_group_span(const struct dgroup *g, int64_t *first, int64_t *last);
/* Whether text at off stands in a relative clause about a thing (", which
 * runs until June 1"). */
bool xl_in_which_clause(const struct xsentence *s, size_t off);
/* xlegwho.c: a quote that tells the principal's plan, in the first
 * person and said by them ("\"We will arrive in Hanoi on Thursday,\" the
 * minister wrote") or with them as its subject ("\"Sergey Lavrov will
 * arrive in Ashgabat on April 16\", she said"): read as the narrative
 * is. */
bool xl_principal_quote(const struct xlegdoc *doc, const struct xsentence *s);

/* xlegwhere.c */
bool xl_list_gap(const char *text, size_t a, size_t b);
const struct xplace *xl_place(const struct xsentence *s,
			      const struct groups *gs, const struct dgroup *g,
			      const struct xtrigger *k, size_t sa, size_t sb);
bool xl_listed(const char *text, const struct xsentence *s,
	       const struct xplace *p);
const struct xleg *xl_on_day(const struct xlegs *legs, int64_t day);
/* "the two-day visit", "his trip": a trigger that speaks of one the text
 * named before. */
bool xl_anaphoric(const struct xlegdoc *doc, const struct xsentence *s,
		  const struct xtrigger *k);
/* "During the visit, he will co-chair in Cairo ...": the city of the
 * country-wide visit just before, and of the sentence's legs there. */
void xl_during_visit(const struct xlegdoc *doc, const struct xsentence *s,
		     size_t before, struct xlegs *legs);
/* "He will hold a summit there ... with the leaders of Angola, Zambia
 * and Congo": the place is the one before, not those the sentence
 * names. */
bool xl_there(const struct xlegdoc *doc, const struct xsentence *s,
	      const struct xtrigger *k);
bool xl_inherit(const struct xlegdoc *doc, const struct xsentence *s,
		struct xlegs *legs, const struct xtrigger *k, int64_t day,
		struct xleg *l);

/* xnight.c: a move "on Thursday night" (a travel leg of that day and
 * the next), and the day before an arrival "after an overnight
 * journey" (made the travel leg to where it arrived). */
bool xl_night_move(const struct xlegdoc *doc, const struct xsentence *s,
		   const struct dgroup *g, const struct xtrigger *k);
bool xl_overnight_start(const struct xlegdoc *doc, const struct xsentence *s,
			struct xlegs *legs, struct xleg *l);
/* "... before departing Addis Ababa in the evening" (Sunday), then "He
 * returned to New York on Monday": the sentence's departure by evening
 * is remembered, and the journey of the next day begins on it. */
void xl_evening_departure(struct xlegdoc *doc, const struct xsentence *s);
void xl_evening_start(const struct xlegdoc *doc, const struct xsentence *s,
		      struct xleg *l);

/* xlegwho.c */
bool xl_is_principal(const struct xlegdoc *doc, const struct xperson *p);
/* Who the sentence's subject is, for the "he" and "she" of the next
 * ("The Deputy Secretary-General, Amina Mohammed, is in Nairobi today.
 * She will travel to Addis Ababa on Saturday"). */
void xl_subject(struct xlegdoc *doc, const struct xsentence *s);
bool xl_others_trip(const struct xlegdoc *doc, const struct xsentence *s,
		    const struct xtrigger *k);
bool xl_involved(const struct xlegdoc *doc, const struct xsentence *s);
void xl_add_people(const struct xlegdoc *doc, const struct xsentence *s,
		   size_t a, size_t b, struct xleg *l);
void xl_title(const struct xlegdoc *doc, const struct xsentence *s,
	      const struct xtrigger *k, struct xleg *l);
enum event_type xl_type(const struct xsentence *s, enum xtrig_kind k);
void xl_leg_people(const struct xlegdoc *doc, const struct xsentence *s,
		   const struct xtrigger *k, size_t sa, size_t sb,
		   struct xleg *l);

/* The programme lines of a visit: "Monday 6 March: arrival in Nairobi;
 * talks with ...", "Thursday 9 November (Kinshasa)" then "10:00 Talks
 * with ..." (xprog.c). True when the sentence was one (its legs made). */
bool xprog_sentence(struct xlegdoc *doc, const struct xsentence *s,
		    struct xlegs *legs);

#endif
