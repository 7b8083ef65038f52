/*
 * xdate-tense.c: the tense of the clause a date stands in.
 *
 * A clause runs between commas, semicolons, colons, brackets and dashes.
 * Its tense is the marker nearest before the date within it ("arrived on
 * Sunday and will leave on Tuesday": Sunday past, Tuesday future), else
 * the nearest after it; a clause with no marker ("Then, on Monday, he
 * will head ...") takes the nearest neighbouring clause's, the one
 * before it on a tie; a trailing attribution ("..., an official told
 * AFP") sets none. Markers:
 *   future: will, shall, 'll, would, may, might, could; scheduled, due,
 *     expected, set, slated, poised, planning, plans, intends + to;
 *     is/are/was to; going to; upcoming; "to take part" before the date
 *     in its clause (a purpose); a headline's "to visit" when nothing
 *     else speaks;
 *   past: was, were, had, did, has/have + participle, ago, irregular
 *     pasts (met, held, began ...), regular -ed verbs (not after
 *     be/is/been: "will be held" is not past; not after a/the);
 *   present: is/are + -ing, headline -s verbs (arrives, visits, meets).
 * Only a window of 200 bytes either side is read, so the work per date
 * is bounded however long the sentence.
 */
#include <string.h>

#include "xdate-impl.h"

#define TENSE_REACH 200
#define TENSE_TOKS  410

static const char *const fut_to[] = {
    "scheduled", "due",	     "expected",  "set",     "slated", "poised",
    "planning",	 "plans",    "plan",	  "intends", "intend", "going",
    "aims",	 "prepares", "preparing", "invited", "hopes",  NULL};
static const char *const irregular[] = {
    "met",    "went",	"came",	    "left",    "began", "held",	  "took",
    "made",   "gave",	"spoke",    "flew",    "saw",	"told",	  "said",
    "won",    "led",	"sent",	    "brought", "found", "became", "kept",
    "paid",   "stood",	"wrote",    "ran",     "rose",	"fell",	  "struck",
    "sought", "bought", "did",	    "had",     "was",	"were",	  "ago",
    "got",    "drove",	"returned", NULL};
static const char *const not_ed[] = {
    "need",   "indeed",	 "speed",   "hundred", "united",   "proceed",
    "exceed", "succeed", "feed",    "seed",    "breed",	   "bleed",
    "creed",  "greed",	 "shed",    "embed",   "naked",	   "sacred",
    "wicked", "based",	 "related", "limited", "advanced", "detailed",
    "armed",  "red",	 "bed",	    "wed",     NULL};
static const char *const present_s[] = {
    "arrives",	 "visits",  "meets",	"holds",   "begins",  "starts",
    "leaves",	 "heads",   "travels",	"hosts",   "opens",   "ends",
    "returns",	 "lands",   "departs",	"tours",   "attends", "continues",
    "concludes", "flies",   "goes",	"wraps",   "kicks",   "takes",
    "runs",	 "gathers", "convenes", "resumes", NULL};
/* Before a participle, these make it passive or an adjective ("will be
 * held", "stay closed", "the planned visit"), not a past. */
static const char *const be_words[] = {
    "be",  "is",   "are",  "am",   "been",  "being",  "a",	 "an",
    "the", "to",   "will", "stay", "stays", "remain", "remains", "become",
    "get", "gets", "his",  "her",  "their", NULL};
static const char *const fut_be[] = {"scheduled", "slated", "due",
				     "planned",	  "set",    "expected",
				     "poised",	  "tipped", NULL};
static const char *const be_now[] = {"is", "are", "am", NULL};
/* The verbs that frame reported speech ("..., an official told AFP"):
 * their tense is the telling's, not the reported clause's. */
static const char *const reporting[] = {
    "said",	 "says",     "told",	 "tells",     "announced", "announces",
    "confirmed", "confirms", "stated",	 "states",    "added",	   "adds",
    "reported",	 "reports",  "noted",	 "explained", "disclosed", "revealed",
    "declared",	 "quoted",   "informed", NULL};
static const char *const to_verbs[] = {
    "visit", "meet",	  "attend",  "travel",	    "arrive",  "hold",
    "host",  "tour",	  "head",    "fly",	    "go",      "begin",
    "start", "leave",	  "depart",  "open",	    "join",    "make",
    "hold",  "sign",	  "take",    "participate", "address", "discuss",
    "lead",  "represent", "deliver", NULL};

static bool is_ed(const struct xtok *t)
{
	size_t n = strlen(t->lw);

	return n >= 5 && !t->cap && !strcmp(t->lw + n - 2, "ed");
}

static bool ends_ing(const struct xtok *t)
{
	size_t n = strlen(t->lw);

	return n >= 5 && !strcmp(t->lw + n - 3, "ing");
}

/* The tense a marker at t[i] states, or XTENSE_NONE. */
static enum xtense marker(const struct xwin *w, size_t i)
{
	const struct xtok *t = &w->t[i];
	bool passive;

	if (t->kind != XT_WORD || !t->lw[0])
		return XTENSE_NONE;
	if (xw_is(w, i, "will") || xw_is(w, i, "shall") ||
	    xw_is(w, i, "would") || xw_is(w, i, "upcoming") ||
	    xw_is(w, i, "might") || xw_is(w, i, "could") ||
	    (xw_is(w, i, "may") && !t->cap) ||
	    (xw_is(w, i, "ll") && xw_punct(w, i - (i > 0), '\'')))
		return XTENSE_FUTURE;
	if (xw_in(w, i, fut_to) && xw_is(w, i + 1, "to"))
		return XTENSE_FUTURE;
	/* "is scheduled for Monday", "are set for October"; a plan told in
	 * the past is still to come ("said a meeting was planned for
	 * Thursday", as "was to" is). */
	if (xw_in(w, i, fut_be) && i > 0 &&
	    (xw_in(w, i - 1, be_now) || xw_is(w, i - 1, "was") ||
	     xw_is(w, i - 1, "were")))
		return XTENSE_FUTURE;
	if ((xw_is(w, i, "is") || xw_is(w, i, "are") || xw_is(w, i, "was") ||
	     xw_is(w, i, "were")) &&
	    xw_is(w, i + 1, "to"))
		return XTENSE_FUTURE;
	if ((xw_is(w, i, "is") || xw_is(w, i, "are") || xw_is(w, i, "am")) &&
	    i + 1 < w->n && ends_ing(&w->t[i + 1]))
		return XTENSE_PRESENT;
	/* "will be held", "is expected": a participle after be is not a
	 * past. */
	passive = i > 0 && xw_in(w, i - 1, be_words);
	if (xw_in(w, i, irregular) && !passive)
		return XTENSE_PAST;
	if (xw_is(w, i, "has") || xw_is(w, i, "have"))
		return i + 1 < w->n && (is_ed(&w->t[i + 1]) ||
					xw_in(w, i + 1, irregular) ||
					xw_is(w, i + 1, "been"))
			   ? XTENSE_PAST
			   : XTENSE_NONE;
	if (is_ed(t) && !xw_in(w, i, not_ed) && !passive)
		return XTENSE_PAST;
	/* "is" before a marker ("is scheduled to") leaves it to that. */
	if (xw_in(w, i, be_now) && i + 1 < w->n && !xw_in(w, i + 1, be_now) &&
	    marker(w, i + 1) != XTENSE_NONE)
		return marker(w, i + 1);
	if (xw_in(w, i, present_s) || xw_in(w, i, be_now))
		return XTENSE_PRESENT;
	return XTENSE_NONE;
}

/* A headline's "to visit": future, but only when nothing else speaks. */
static bool weak_future(const struct xwin *w, size_t i)
{
	return xw_is(w, i, "to") && xw_in(w, i + 1, to_verbs);
}

static bool clause_break(const struct xtok *t)
{
	return t->kind == XT_PUNCT &&
	       (t->c == ',' || t->c == ';' || t->c == ':' || t->c == '(' ||
		t->c == ')' || (t->c == '-' && t->sp));
}

/* marker(), through the window's cache. */
static enum xtense mark(const struct xwin *w, size_t i)
{
	if (!w->marks)
		return marker(w, i);
	if (w->marks[i] == XT_UNKNOWN)
		w->marks[i] = (signed char)marker(w, i);
	return (enum xtense)w->marks[i];
}

/* "left Riyadh today for Madrid, to take part on Wednesday in ...": an
 * infinitive of purpose before the date in its own clause tells what is
 * to come after the clause it hangs on, whatever that clause's tense. */
static bool purpose(const struct xwin *w, size_t a, size_t at)
{
	for (size_t i = a; i < at; i++)
		if (weak_future(w, i))
			return true;
	return false;
}

/* A reporting verb at t[i], or the auxiliary before one ("has
 * confirmed"). */
static bool reports(const struct xwin *w, size_t i)
{
	if (xw_is(w, i, "has") || xw_is(w, i, "have") || xw_is(w, i, "had"))
		i++;
	return xw_in(w, i, reporting);
}

/* The marker of clause [a, b) nearest to t[at], before it first (an
 * infinitive of purpose before it counts as a future); frame: skip
 * reporting verbs (see widen). */
static enum xtense in_clause(const struct xwin *w, size_t a, size_t b,
			     size_t at, bool frame)
{
	enum xtense t;

	for (size_t i = at; i-- > a;)
		if ((t = mark(w, i)) != XTENSE_NONE &&
		    !(frame && reports(w, i)))
			return t;
	if (purpose(w, a, at))
		return XTENSE_FUTURE;
	for (size_t i = at; i < b; i++)
		if ((t = mark(w, i)) != XTENSE_NONE &&
		    !(frame && reports(w, i)))
			return t;
	return XTENSE_NONE;
}

static size_t clause_start(const struct xwin *w, size_t i)
{
	while (i > 0 && !clause_break(&w->t[i - 1]))
		i--;
	return i;
}

static size_t clause_end(const struct xwin *w, size_t i)
{
	while (i < w->n && !clause_break(&w->t[i]))
		i++;
	return i;
}

/* Widen to the neighbouring clauses, the nearer first, the left one on
 * a tie: the main verb comes before a trailing "..., the ministry said"
 * ("Then, on Monday, he will ...": the left clause has no verb). A
 * trailing attribution on the right ("... on Wednesday, an official
 * told AFP") only frames the clause: its reporting verb sets no tense
 * of ours. One on the left ("X said, in an interview Friday, that")
 * dates the telling, and does. */
static enum xtense widen(const struct xwin *w, size_t a, size_t b)
{
	size_t la = a, lb = a, ra = b, rb = b;
	enum xtense t;

	while (la > 0 || rb < w->n) {
		if (la > 0) {
			lb = la - 1;
			la = clause_start(w, lb);
			if ((t = in_clause(w, la, lb, lb, false)) !=
			    XTENSE_NONE)
				return t;
		}
		if (rb < w->n) {
			ra = rb + 1;
			rb = clause_end(w, ra);
			if ((t = in_clause(w, ra, rb, ra, true)) != XTENSE_NONE)
				return t;
		}
	}
	return XTENSE_NONE;
}

enum xtense xtense_at(const struct xwin *w, size_t at)
{
	size_t lo = at > XTENSE_SPAN ? at - XTENSE_SPAN : 0;
	size_t hi = w->n - at > XTENSE_SPAN ? at + XTENSE_SPAN : w->n;
	struct xwin v = {w->text, w->t + lo, hi - lo,
			 w->marks ? w->marks + lo : NULL};
	enum xtense t;

	if (at >= w->n)
		return XTENSE_NONE;
	at -= lo;
	t = in_clause(&v, clause_start(&v, at), clause_end(&v, at), at, false);
	if (t == XTENSE_NONE)
		t = widen(&v, clause_start(&v, at), clause_end(&v, at));
	for (size_t i = 0; t == XTENSE_NONE && i < v.n; i++)
		if (weak_future(&v, i))
			t = XTENSE_FUTURE;
	return t;
}

enum xtense xdate_tense(const char *text, size_t sent_off, size_t sent_len,
			size_t off)
{
	struct xtok toks[TENSE_TOKS];
	size_t lo = off > sent_off + TENSE_REACH ? off - TENSE_REACH : sent_off;
	size_t end = sent_off + sent_len, hi = end, n = 0, p = lo, nx, at;
	struct xwin w = {text, toks, 0, NULL};

	if (off < sent_off || off > end)
		return XTENSE_NONE;
	if (hi - off > TENSE_REACH)
		hi = off + TENSE_REACH;
	at = 0;
	while (n < TENSE_TOKS && xtok_next(text, p, hi, &toks[n], &nx)) {
		if (toks[n].off < off)
			at = n + 1;
		p = nx;
		n++;
	}
	w.n = n;
	if (at >= n)
		at = n ? n - 1 : 0;
	return n ? xtense_at(&w, at) : XTENSE_NONE;
}
