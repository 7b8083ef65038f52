/*
 * agline.h: one line of an agenda, in columns (short id, times, zones,
 * type, title, place, "(day 2/3)"), and the fitting of many such lines
 * into a width: the one layout of `itin list`'s agenda and of the
 * viewer's agenda pane, so they cut the same way.
 *
 * Fitting, in order, until the lines fit: the zones lose their offsets
 * and the zone column is as wide as the lines with one zone (a flight's
 * pair goes past it, its own title paying); "(day 2/3)" moves into the
 * time column of an all-day line and before the title of a timed one;
 * titles and places are cut with "…", the title keeping three fifths of
 * what is left (at least MIN_TITLE_COLS) and its status word whole, the
 * place losing its venue before its city, and left out when too narrow.
 *
 * Every text is sanitised. The caller owns the array of lines; each
 * line owns its buffers (agline_release).
 */
#ifndef ITIN_AGLINE_H
#define ITIN_AGLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/event.h"
#include "itin/shortid.h"
#include "itin/strbuf.h"
#include "itin/tz.h"

struct agline {
	const struct event *ev; /* borrowed */
	int64_t k, n;		/* day k of n (n 1: no mark; k 0: shown once) */
	struct strbuf id, time, zone, type, title, place, mark;
	/* The end of title that says the status (" (cancelled)"): kept
	 * whole when the title is shortened. */
	size_t status_len;
};

struct agline_widths {
	size_t id, time, zone, type, title, place, mark;
	/* Fitting: zones wider than the column are the rare flight's pair,
	 * which push their own line along rather than widen every line. */
	bool zone_typical;
};

/* Fill c for ev, day k of n (k 0: the event is shown once, and an
 * all-day one of n days says "all day (n d)"); times on in's clock
 * (NULL: the event's own); ids NULL: no id column. */
void agline_fill(struct agline *c, const struct event *ev, int64_t k, int64_t n,
		 const struct tz *in, const struct shortid *ids);
void agline_release(struct agline *c);
/* The column widths of the n lines as they are. */
void agline_measure(struct agline_widths *w, const struct agline *lines,
		    size_t n);
/* Fit the n lines into width columns (see above) and measure them. */
void agline_fit(struct agline *lines, size_t n, const struct tz *in,
		size_t width, struct agline_widths *w);
/* How far c's zone goes past the zone column (its title is that much
 * narrower). */
size_t agline_zone_excess(const struct agline_widths *w,
			  const struct agline *c);

/*
 * One line alone (the viewer's status line): c's title and place cut to
 * share cols display columns, sep columns between them, as agline_fit()
 * cuts them: the title keeps three fifths (at least MIN_TITLE_COLS, and
 * all that a whole place leaves it), its status word whole; the place
 * loses its venue before its city, and is emptied when fewer than
 * MIN_FIT_COLS are left for it (the title then has them all).
 */
void agline_fit_label(struct agline *c, size_t cols, size_t sep);
/* The fewest columns in which agline_fit_label() still shows c's title
 * (up to MIN_TITLE_COLS of it) and its place (up to MIN_FIT_COLS of its
 * city), sep columns between them: a line narrower gives up less
 * important parts first (the viewer's status line). */
size_t agline_label_min(const struct agline *c, size_t sep);

/* Escape sequences around the columns (list's colours), or all NULL. */
struct agline_sgr {
	const char *time, *zone, *dim, *off;
};
/* Append c's line in the columns w, led by two blanks, without trailing
 * blanks and without a newline; sgr may be NULL. */
void agline_write(struct strbuf *sb, const struct agline *c,
		  const struct agline_widths *w, const struct agline_sgr *sgr);

#endif
