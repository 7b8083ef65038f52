/*
 * xleg.h: what becomes an event, for `itin extract`.
 *
 * A leg is one thing the principal does somewhere on certain days: a
 * visit, a summit, a conference, a meeting with named counterparts, an
 * interview, a press conference, a speech, a move between cities. It
 * needs a trigger word (xtrig.c), a date the text fixes to the day
 * (xdate.h) and a place (at least a country). Per sentence (xleg.c):
 *
 *   - the date mentions are grouped: a start and an end or a length that
 *     belong together ("on Monday ... until February 1", "on Sunday for a
 *     two-day visit") make one group; a clock time joins its day;
 *   - each group takes the nearest trigger of its stretch of the
 *     sentence (a date nearest to "anniversary", "election" or "said" is
 *     no leg's); an event (summit, conference, meeting of ministers) wins
 *     over the move that brings one there, a stay named before the date
 *     over the talks that are its purpose;
 *   - its place (xlegwhere.c) is the one nearest the trigger, the words
 *     after it first ("visit to Seoul"), a city over its country, never a
 *     list of places (a tour's dates are its stops'), a topic ("the
 *     situation in Gaza") or a place far from the trigger; with none, the
 *     place of the event named before by the same name, of the leg the
 *     day falls in, or of the text just before;
 *   - whose it is (xlegwho.c): a trip whose clause begins with someone
 *     other than the principal is dropped; an event only announced (no
 *     one said to attend) too;
 *   - recalled pasts, vague periods ("next week"), dates long before the
 *     document date, quotes, the headline and links to other articles
 *     propose nothing; a length or an end alone ("the two-day visit")
 *     extends the leg before it; a meeting with no date of its own gives
 *     its counterparts to the leg of its sentence; a dinner, a press
 *     conference or a return named after a one-day leg is on that day;
 *   - the programme lines of ministries ("Monday 6 March: arrival in
 *     Nairobi; talks with ...") are read item by item (xprog.c).
 *
 * xleg_merge() (xmerge.c) then makes one leg of the mentions of one (same
 * type and place, days that overlap or touch), and settles moves and
 * stays. The legs array is owned by struct xlegs; at most XLEG_MAX legs a
 * report.
 */
#ifndef ITIN_XLEG_H
#define ITIN_XLEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/event.h"
#include "itin/places.h"
#include "xdate.h"
#include "xplace.h"
#include "xtok.h"
#include "xwho.h"

#define XLEG_MAX   64
#define XLEG_WITH  8
#define XLEG_SENTS 4
#define XTRIG_MAX  32

enum xtrig_kind {
	XTR_VISIT,  /* "visit", "arrive", "stay": a visit */
	XTR_MOVE,   /* "travel to", "fly to", "head to": a visit there */
	XTR_TRAVEL, /* "return to", "leave for": the move itself */
	XTR_GATHER, /* "ministerial", "meeting of": a meeting as an event */
	XTR_SUMMIT,
	XTR_CONFERENCE,
	XTR_MEETING,
	XTR_INTERVIEW,
	XTR_PRESS,
	XTR_SPEECH,
	XTR_RECEPTION,
	XTR_BLOCK, /* a date that is not travel: "anniversary", "election" */
};

struct xtrigger {
	size_t off, len; /* the words, in the text */
	size_t tok;	 /* the first token */
	enum xtrig_kind kind;
	bool ref;     /* named as a time ("ahead of the summit"): only the date
			 right after it, in its clause, is its own */
	bool part_of; /* a speech named as an event's part ("the opening
			 speech of the Congress"): the speech is the leg,
			 not the event */
};

struct xtriggers {
	struct xtrigger v[XTRIG_MAX];
	size_t n;
};

/* Whether token i is a host verb whose object is a visiting person:
 * "receive him", "host the Israeli leader" (xtrig.c). */
bool xtrig_hosts_guest(const char *text, const struct xtoks *t, size_t i);

/* The triggers of the sentence cut into t. xtrig.c. */
void xtrig_scan(const char *text, const struct xtoks *t, struct xtriggers *out);

struct xwith {
	char name[XWHO_NAME];
	char role[XWHO_ROLE];
};

struct xleg {
	enum event_type type;
	int64_t first, last;  /* days */
	int clock, clock_end; /* seconds after midnight, or -1 */
	char cc[3];
	const struct place *city; /* NULL: the country alone */
	char title[128];
	struct xwith with[XLEG_WITH];
	size_t nwith;
	size_t sents[XLEG_SENTS]; /* the sentences it came from */
	size_t nsents;
	size_t trig_off;	   /* where its trigger word is */
	enum xtrig_kind trig_kind; /* and what it is */
	char key[32];		   /* an event's name (xevent_key), or "" */
	bool dead;		   /* merged into another */
	bool sized;    /* its words gave its length or end ("a two-day visit",
			  "until Friday", "from June 8 to 10") */
	bool arrival;  /* told as an arrival or a move there ("arrive in",
			  "go on to", "the tour will begin in") */
	bool day_trip; /* its sentence brings the traveller back the same
			  day ("fly to Chiclayo ..., returning to Lima the
			  same evening"): a stay of that day alone, inside
			  the stay it leaves from */
	enum event_type move_type; /* from_move: the move's own type */
	bool from_move;		   /* an event the move of its date leads to
				      ("travel to Helsinki on July 13 for the
				      Summit"): a visit if the event has days
				      of its own */
};

struct xlegs {
	struct xleg v[XLEG_MAX];
	size_t n;
	/* The last day of the spans the text gave a whole tour ("visit the
	 * Philippines and Viet Nam between March 6 and 9"), which are no
	 * leg's but tell when the trip ends; 0: none. */
	int64_t tour_last;
};

/* An event the text named with its place: "the 19th G20 Leaders' Summit
 * in Rio de Janeiro" is kept as "G20", its kind and place, and whether
 * the principal takes part. */
#define XEVMEM_MAX 8
struct xevmem {
	char key[32];
	enum xtrig_kind kind;
	char cc[3];
	const struct place *city;
	size_t sent;
	bool principal;
};

/* What the whole report tells every sentence's legs. */
struct xlegdoc {
	const char *text;
	int64_t doc_day;
	size_t body_off; /* where the date line is: what is before it
			    (headline, byline) proposes nothing */
	const struct xperson *principal; /* NULL: none found */
	char alias[24]; /* the head of a title set beside the principal's
			   name: "Minister" of "The Minister of Foreign
			   Affairs, Ambassador Mauro Vieira" (xlegwho.c) */
	const struct xperson *people; /* everyone the text titles */
	size_t npeople;
	/* Carried from sentence to sentence: */
	bool he_other;	 /* "he" and "she" name someone else (xl_subject) */
	size_t last_leg; /* index + 1 of the leg before; 0 */
	size_t last_place_sent; /* where the context place was */
	char ctx_cc[3];
	const struct place *ctx_city;
	bool has_evening; /* a departure "in the evening" (xnight.c) */
	int64_t evening_day;
	size_t evening_sent;
	bool has_prog; /* a programme's day (xprog.c) */
	int64_t prog_day;
	size_t prog_sent;
	/* The events (summits, conferences, meetings of) the text placed,
	 * for "The G20 summit is scheduled for Nov. 18-19" (xevmem.c). */
	struct xevmem events[XEVMEM_MAX];
	size_t nevents;
};

/* One sentence, scanned. */
struct xsentence {
	const char *text; /* the whole text */
	size_t idx, off, len;
	bool quoted;
	const struct xtoks *toks;
	const struct xplaces *places;
	const struct xpeople *people;
	const struct xmention *dates; /* this sentence's, in order */
	size_t ndates;
	const struct xtriggers *trigs;
};

/* The title set beside the principal's name where the text first names
 * them ("The Minister of Foreign Affairs, Ambassador Mauro Vieira, will
 * travel"): "the Minister" names the principal after it too; doc->alias
 * (xlegwho.c). */
void xl_principal_alias(struct xlegdoc *doc);

/* The legs of one sentence, appended to legs. */
void xleg_sentence(struct xlegdoc *doc, const struct xsentence *s,
		   struct xlegs *legs);

/* The key of the event whose trigger word is token tok: the first
 * capitalised word or number of its name ("G20" of "the 19th G20
 * Leaders' Summit"), or "" (xevmem.c). */
void xevent_key(const char *text, const struct xtoks *t, size_t tok,
		char key[32]);
/* The event the text named last with this key ("" : the last of all),
 * if near enough to sentence sent; NULL when none. */
const struct xevmem *xevent_find(const struct xlegdoc *doc, const char *key,
				 size_t sent);
void xevent_remember(struct xlegdoc *doc, const struct xevmem *ev);

/* One leg of each set of mentions of one (xmerge.c). */
void xleg_merge(struct xlegs *legs);
/* A visit to a country whose days the text places city by city made
 * those stays (xstays.c; the last step of xleg_merge). */
void xleg_stays(struct xlegs *legs);

/* A visit's title: "Visit to Seoul". */
void xleg_visit_title(struct xleg *l);

/* Add a counterpart to a leg (once; at most XLEG_WITH). */
void xleg_add_with(struct xleg *l, const char *name, const char *role);

#endif
