/*
 * xdate.h: dates in running text, for `itin extract`.
 *
 * A news report dates itself once (its date line) and then speaks of days
 * the way people do: "on Sunday", "July 11-12", "a two-day visit",
 * "until February 1", "the next day". This module finds those mentions in
 * a report's sentences and resolves them to calendar days, anchored on the
 * document date, in two passes:
 *
 *   1. xdate_scan() reads one sentence and appends what it mentions, as
 *      written (a weekday, a day of a month with or without a year, a
 *      range, a duration, a part of a stay ("the last two days of the
 *      visit"), a clock time, a recalled past), with the tense
 *      of the clause it stands in;
 *   2. xdate_resolve() settles every mention of the document at once:
 *      a weekday becomes the date nearest the document date that agrees
 *      with its tense and with the other dates of the text (order of the
 *      narrative, "until" bounds, absolute dates around it).
 *
 * Days are days since 1970-01-01 (datetime.h's days_from_civil). Offsets
 * are byte offsets into the text the caller passed. Nothing here prints;
 * warnings (a numeric date whose order nothing decides, a weekday that
 * is not its date's: "Wednesday, April 29" in 2025) go to an
 * itin_warner. The module allocates only the mention array, owned by the
 * struct xmentions the caller holds, and a scratch table that
 * xdate_resolve frees before it returns. Work is linear in the text:
 * every scanner reads a bounded window of tokens.
 */
#ifndef ITIN_XDATE_H
#define ITIN_XDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/err.h"

/* The order of day, month and year in numeric dates ("1/30/2023" is MDY,
 * "30.01.2023" DMY, "2023-01-30" YMD). */
enum xdate_order { XDATE_ORDER_UNKNOWN, XDATE_MDY, XDATE_DMY, XDATE_YMD };

/* The document's own date: where the report says when it was written. */
struct xdoc_date {
	bool found;
	int64_t day;		/* valid when found */
	int clock;		/* seconds after midnight, or -1 */
	enum xdate_order order; /* the numeric order its date line used */
	size_t off, len;	/* where in the text it was read */
};

/*
 * Look for the document date near the top of text (its first ~40 lines,
 * or ~3000 bytes): the forms agencies and outlets print, "1/30/2023
 * 12:19:20 AM", "30.01.2023", "2023-01-30", "January 30, 2023",
 * "30 January 2023", "Monday 30th January 2023 06:45 EDT",
 * "Jan. 30 (Reuters) -", "SEOUL, Jan 30 (Yonhap) --" (the year of these
 * last two from year_hint when it is not 0, else from a year written
 * elsewhere in the text). meta is a date an HTML page states about
 * itself (<meta property="article:published_time">, <time datetime>) in
 * ISO 8601, or NULL; a date line in the text wins over it, and it wins
 * over the last resort, a title that ends with a full date. The rules
 * that make a line a date line are at the top of xdate-doc.c. off/len
 * are 0 when the date came from meta. True when a date was found.
 */
bool xdate_document(const char *text, size_t len, const char *meta,
		    int year_hint, struct xdoc_date *out);

/* The tense of a clause: what it says of the time it speaks of. */
enum xtense { XTENSE_NONE, XTENSE_PAST, XTENSE_PRESENT, XTENSE_FUTURE };

enum xmention_kind {
	XM_DAYS,     /* one day or a range: first..last ("July 11-12") */
	XM_UNTIL,    /* an end alone: last ("until February 1",
			"through Wednesday") */
	XM_FROM,     /* a start alone: first ("starting April 24", "from
			Monday") */
	XM_DURATION, /* a length in days: ndays ("a two-day visit",
			"stays for two days") */
	XM_PERIOD,   /* a vague span: first..last ("next week", "this
			weekend"); not an exact date */
	XM_CLOCK,    /* a time of day alone: clock..clock_end ("at 4 pm") */
	XM_RECALL,   /* a past the text only recalls ("in 1998", "since
			2019", "last year's summit"): never a leg */
};

struct xmention {
	enum xmention_kind kind;
	enum xtense tense; /* of the clause it stands in */
	size_t off, len;   /* the words, in the text */
	size_t sentence;   /* the sentence's number, as passed to scan */
	/* Filled by xdate_resolve (scan fills what the words fix alone). */
	bool resolved; /* first/last are days; false: nothing fits */
	int64_t first, last;
	int ndays;	    /* XM_DURATION, or 0 */
	int clock;	    /* seconds after midnight, or -1 */
	int clock_end;	    /* or -1 */
	bool guessed_order; /* a numeric date nothing decided: warned */
	/* What the words said, for resolve (private to xdate*.c). */
	int wday;	/* 0 (Sunday)..6 for a weekday mention, else -1 */
	int y, m, d;	/* as written; 0 when not written */
	int y2, m2, d2; /* the range's end as written; 0 when none */
	int rel;	/* a relative word's code (xdate-internal) */
	int wday2;	/* a weekday range's last day ("Monday to
			   Wednesday"), else -1 */
	int nrel;	/* the count of "two days later", "3 days ago";
			   for a weekday followed by "the day after (before)
			   <event>", 1 (-1) */
	bool cue;	/* "then", "later", "afterwards" before it: the
			   narrative moves on */
	bool back_cue;	/* its sentence opens with "Before ...,": the
			   day comes before the ones told before it */
};

struct xmentions {
	struct xmention *v;
	size_t n, cap;
};

void xmentions_init(struct xmentions *m);
void xmentions_release(struct xmentions *m);

/*
 * Append the date mentions of one sentence: text[off..off+len), the
 * sentence numbered sentence (0, 1, ... in text order; resolve relies on
 * the order). Mentions come out in text order and never overlap.
 */
void xdate_scan(const char *text, size_t off, size_t len, size_t sentence,
		struct xmentions *out);

/*
 * Resolve every mention against the document date (doc->found must be
 * true); order decides numeric dates (doc->order unless the text itself
 * decides, as "13/01" does). Warnings name file (may be NULL) and the
 * line and column of the mention (counted in text). What it fills:
 *   XM_DAYS, XM_FROM, XM_UNTIL  first..last (an until's day is both);
 *                   a clock time written beside the day ("at 4 pm on
 *                   Sunday") is in clock/clock_end, and also stays its
 *                   own XM_CLOCK mention
 *   XM_PERIOD       first..last of the week, weekend, month or year
 *   XM_RECALL       first..last when the words name a year or month
 *                   ("since 2019": 2019); resolved false for "years ago"
 *   XM_DURATION     first..first+ndays-1 when a day of its own sentence
 *                   (within four mentions) starts it ("a six-day visit
 *                   starting April 24"); else resolved false
 *   XM_DAYS of a part ("the last two days of the visit"): those days of
 *                   the nearest stay of days resolved within five
 *                   sentences before it; unresolved when its sentence
 *                   names a day itself ("On Thursday, the last day")
 *   XM_CLOCK        never resolved (no day)
 * A month or year told in the past, or over before the document date,
 * turns from XM_PERIOD into XM_RECALL here; so does a day written out
 * ("on May 7") that a future clause names but that was over more than
 * three days before the document date ("the visit after taking office
 * on May 7 will begin in Beijing"). The rule that picks among
 * the possible days is described at the top of xdate-resolve.c.
 * The document's own date line is scanned like any sentence if the
 * caller passes it: skip mentions inside doc->off..doc->off+doc->len
 * (resolve settles them alone: they start no length and order no
 * weekday of the story).
 */
void xdate_resolve(struct xmentions *m, const char *text, size_t len,
		   const struct xdoc_date *doc, const char *file,
		   const struct itin_warner *w);

/* The tense of the clause around text[off] (the clause: between the
 * nearest ',', ';', ':', bracket, spaced dash or sentence bounds,
 * widened to the neighbouring clauses when it has no verb; see
 * xdate-tense.c). Reads at most 200 bytes either side of off. */
enum xtense xdate_tense(const char *text, size_t sent_off, size_t sent_len,
			size_t off);

#endif
