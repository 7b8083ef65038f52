/*
 * xdate-impl.h: what the pieces of xdate.h share (private to xdate*.c).
 *
 *   xdate-words.c    the tokenizer: words, numbers, punctuation (every
 *                    dash is '-'), with month, weekday and number words
 *                    recognised once per token
 *   xdate-dates.c    the absolute dates and weekdays of a token window
 *                    ("July 11-12", "the 25th of July", "01/03/2006",
 *                    "Tuesday, Feb 18", "Monday to Wednesday")
 *   xdate-rel.c      the relative words and durations ("the next day",
 *                    "next week", "a two-day visit")
 *   xdate-clock.c    clock times and years alone ("4 p.m.", "since
 *                    2019")
 *   xdate-scan.c     xdate_scan: a sentence cut into windows of tokens,
 *                    each position tried against the patterns above
 *   xdate-tense.c    xdate_tense: the verbs of a clause
 *   xdate-doc.c      xdate_document: the date line
 *   xdate-cands.c    the days a mention may mean, with their costs
 *   xdate-resolve.c  xdate_resolve: the choice among them (the rule),
 *                    and the words that count from another date
 *                    (xdate-res.h is what these two share)
 *
 * A window holds at most XWIN_CAP tokens, so no pattern reads past a
 * fixed distance and scanning stays linear in the text.
 */
#ifndef ITIN_XDATE_IMPL_H
#define ITIN_XDATE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "xdate.h"

enum xtok_kind { XT_WORD, XT_NUM, XT_PUNCT };

struct xtok {
	size_t off, len;
	unsigned char kind;
	char c;	     /* XT_PUNCT: the character; '-' for every dash */
	bool sp;     /* blank before it */
	bool nl;     /* a line break before it */
	bool cap;    /* a word starting with a capital letter */
	bool upper;  /* a word of capitals only, two letters or more */
	bool ord;    /* a number with st/nd/rd/th */
	int val;     /* a number's value (-1 when above 99999) */
	int ndig;    /* a number's digits */
	int month;   /* 1..12 for a month's name or abbreviation, else 0 */
	int wday;    /* 0..6 for a weekday's name or abbreviation, else -1 */
	bool abbr;   /* the month or weekday is abbreviated */
	int num;     /* a number word's value ("two" 2), else 0 */
	char lw[16]; /* the word in lower case; empty when longer */
};

/* Read the token at or after text[pos] (pos < end): true and *next the
 * byte after it, or false at end. */
bool xtok_next(const char *text, size_t pos, size_t end, struct xtok *t,
	       size_t *next);

#define XWIN_CAP 256

/* A window of a sentence's tokens. marks, when not NULL, caches the
 * tense marker of each token (XT_UNKNOWN until asked), so that the
 * tenses of many dates in one window read each word once. */
#define XT_UNKNOWN (-1)
struct xwin {
	const char *text;
	const struct xtok *t;
	size_t n;
	signed char *marks;
};

/* Token tests, false past the window's end. */
bool xw_is(const struct xwin *w, size_t i, const char *word);
bool xw_in(const struct xwin *w, size_t i, const char *const *words);
bool xw_punct(const struct xwin *w, size_t i, char c);
/* A punctuation mark with no blank before it ("1/30", "10:00"). */
bool xw_tight(const struct xwin *w, size_t i, char c);
/* A number 1..n (as digits, or as a word when words is true). */
int xw_count(const struct xwin *w, size_t i, bool words);

/* The codes of struct xmention's rel. */
enum xrel {
	XR_NONE,
	XR_NUMERIC, /* m, d hold the numeric fields as written */
	XR_TODAY,
	XR_TOMORROW,
	XR_YESTERDAY,
	XR_AFTER_TOMORROW,
	XR_NEXT_DAY, /* the day after the previous date */
	XR_SAME_DAY,
	XR_PREV_DAY,
	XR_DAYS_LATER,	 /* nrel days after the previous date */
	XR_DAYS_AGO,	 /* nrel days before the document date */
	XR_IN_DAYS,	 /* nrel days after the document date ("in two days") */
	XR_WD_NEXT,	 /* "next Tuesday" */
	XR_WD_LAST,	 /* "last Friday" */
	XR_WD_NEXT_WEEK, /* "Tuesday next week" */
	XR_WD_LAST_WEEK,
	XR_WD_THIS_WEEK,
	XR_THIS_WEEK,
	XR_NEXT_WEEK,
	XR_LAST_WEEK,
	XR_THIS_WEEKEND,
	XR_NEXT_WEEKEND,
	XR_THIS_MONTH,
	XR_NEXT_MONTH,
	XR_LAST_MONTH,
	XR_THIS_YEAR,
	XR_NEXT_YEAR,
	XR_LAST_YEAR,
	XR_PART_FIRST, /* "the first two days of the visit": nrel days */
	XR_PART_LAST,  /* "the last two days of the visit" */
	XR_Y_LAST,     /* a month or date "last year" (keep these last) */
	XR_Y_THIS,
	XR_Y_NEXT,
};

/* The tense of the clause around t[at] (xdate-tense.c), reading at
 * most XTENSE_SPAN tokens either side. */
#define XTENSE_SPAN 40
enum xtense xtense_at(const struct xwin *w, size_t at);

/* Clear a mention to "nothing said": -1 clocks and weekdays. */
void xm_clear(struct xmention *m);

/*
 * The patterns: each tries the window at t[i] and returns how many
 * tokens it read (0: no match), filling m's kind, y/m/d, y2/m2/d2, wday,
 * wday2, rel, nrel, ndays, clock and clock_end.
 */
typedef size_t (*xpat_fn)(const struct xwin *w, size_t i, struct xmention *m);
/* The first of n patterns that matches at t[i]; m cleared before each
 * when clear is true (a pattern that fails may have written to it; the
 * patterns of one module write only what the next would overwrite). */
size_t xpat_first(const xpat_fn *pats, size_t n, bool clear,
		  const struct xwin *w, size_t i, struct xmention *m);
size_t xpat_date(const struct xwin *w, size_t i, struct xmention *m);
size_t xpat_weekday(const struct xwin *w, size_t i, struct xmention *m);
size_t xpat_rel(const struct xwin *w, size_t i, struct xmention *m);
size_t xpat_duration(const struct xwin *w, size_t i, struct xmention *m);
size_t xpat_clock(const struct xwin *w, size_t i, struct xmention *m);
size_t xpat_year(const struct xwin *w, size_t i, struct xmention *m);

/* The numeric order a numeric date's fields decide (a field over 12),
 * or XDATE_ORDER_UNKNOWN. */
enum xdate_order xdate_numeric_order(const struct xmention *m);

#endif
