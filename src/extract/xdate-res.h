/*
 * xdate-res.h: what xdate-resolve.c and xdate-cands.c share (private).
 *
 * xdate-cands.c gives each mention its candidate days and their costs
 * (distance from the document date, tense, a weekday that does not fit
 * the date); xdate-resolve.c weighs them against each other and picks.
 * The candidates live in one scratch table of MAXC per mention that
 * xdate_resolve allocates and frees.
 */
#ifndef ITIN_XDATE_RES_H
#define ITIN_XDATE_RES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xdate.h"

#define MAXC 5
/* A month and day whose year's weekday is not the one written: half a
 * year, so the weekday picks the year only when the date is about as
 * near in either, and a wrong weekday never moves a date by a year. */
#define PEN_WDAY (2 * 200)

struct cand {
	int64_t first, last;
	long cost; /* in half days: the odd half breaks ties */
	int bp;	   /* the previous chain node's candidate */
};

struct rctx {
	struct xmentions *ms;
	const struct xdoc_date *doc;
	int64_t D;
	int Y, wdD;
	enum xdate_order text_order;
	const char *text;
	size_t len;
	const char *file;
	const struct itin_warner *w;
	size_t line_pos, line_start;
	long line;
	struct cand *c; /* MAXC per mention */
	int *nc;
	/* The text says its source spoke on the document date ("the
	 * ministry said Monday" in a report dated Monday): its future is
	 * told from that day, not from a day before it. */
	bool spoken_on_D;
	size_t said_at; /* that mention, an attribution outside the
			   narrative's chain; ms->n when none */
};

/* Add first..last as a candidate of mention i, with its cost. */
void xres_add(struct rctx *r, size_t i, int64_t first, int64_t last);
/* All the candidates of mention i (none for lengths, clocks and the
 * words that count from the previous date). */
void xres_candidates(struct rctx *r, size_t i);
/* The order the text's own numeric dates decide, if any. */
enum xdate_order xres_text_order(const struct xmentions *ms);
/* Warn of each resolved date whose written weekday is not its own
 * ("Wednesday, April 29" in 2025): the date is kept. */
void xres_check_weekdays(struct rctx *r);
/* Whether mention i dates someone's words ("sources said on Tuesday"):
 * when the news was given, no step of the narrative. */
bool xres_attribution(const struct rctx *r, size_t i);

/* The first past weekday or "today" right after a verb of saying that
 * names the document date (r->said_at; before xres_candidates), or
 * r->ms->n. */
size_t xres_said_on_D(const struct rctx *r);

#endif
