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

/* Tier of a trigger: 1 an event, 2 a stay or move, 3 what happens
 * during one. */
int xleg_tier(enum xtrig_kind k);

/* The programme lines of a visit: "Monday 6 March: arrival in Nairobi;
 * talks with ...", "Thursday 9 November (Kinshasa)" then "10:00 Talks
 * with ..." (xprog.c). True when the sentence was one (its legs made). */
bool xprog_sentence(struct xlegdoc *doc, const struct xsentence *s,
		    struct xlegs *legs);

#endif
