/*
 * layout.h: the timeline as rows, columns and bars, with no terminal.
 *
 * `itin timeline` prints it and `itin view` draws it with ncurses; both
 * ask this module where things go, so the unit tests can check the
 * geometry without a terminal (tmux keeps grid.c, its model of the screen,
 * apart from tty.c in the same way).
 *
 * The time axis is one zone's (given to layout_model_init: the commands
 * give `--in`'s, else the user's zone, and name it in the header), and it
 * is linear in absolute time: axis times are instants (UTC seconds), so a
 * flight from Tokyo to Brussels is as long as it lasts, whatever the clocks
 * at either end say, and a night across a change of summer time is as long
 * as it lasts (7 or 9 hours, not 8). Only the labels and the unit
 * boundaries are local: an hour, a day or a month begins when the zone's
 * wall clock says so (tz.h converts; an hour the clock skips has no
 * boundary, an hour it repeats has two). Floating and all-day events are
 * not instants: their wall-clock times and days are read in the axis zone.
 * (A NULL zone makes axis times wall-clock local seconds, each event on its
 * own clock, as before; no command does that now.) An item's interval is
 * [s, e): an all-day event covers its days whole, a timed one its start to
 * its end (no end: a point, e == s).
 *
 * A view maps that axis to columns: t0 is the time at column 0 and spc the
 * seconds per column, one of a ladder of zoom levels from a quarter of an
 * hour to a year. Below a day a column is exactly spc seconds; from a day
 * up (with a zone) a column is spc / 86400 whole local days, so a column on
 * a 23- or 25-hour day covers that day and an event is in its local day's
 * column; columns of several days sit on a grid counted from a Monday (a
 * week column is Monday to Sunday), and from 28 days up a column is one,
 * three, six or twelve calendar months (spc is then only their nominal
 * length). layout_align and layout_place keep t0 on that grid, local
 * midnight for 6- and 12-hour columns. The axis labels (hours, days, weeks,
 * months or years) are chosen from how many columns a unit takes.
 *
 * Widths are display columns (utf8_width): a Korean title takes two
 * columns a character, combining accents none. Every text that comes from
 * an event is sanitised (utf8_sanitize) before it is measured.
 *
 * Ownership: a model borrows the events (they must outlive it) and owns
 * its item array; rows, axes and lines own their strings and are freed by
 * their _release functions.
 *
 * Where it lives: the viewer's (src/tui), not the core's, though it calls
 * no curses. It is presentation, not model: glyphs, zoom levels, ANSI
 * colours for `itin timeline`; the core holds events, formats and the
 * store. Dependencies point cli -> tui -> core (DESIGN.md), so the
 * command line's `itin timeline` (src/cli/cmd-timeline.c) may include it
 * as cmd-view.c includes tui.h; the core never does. It is built into
 * libitintui.a with the viewer, which the unit tests link
 * (test_layout.c, test_axis.c).
 *
 * The files: layout.c (items, the model, what a window shows, zoom and
 * columns), layout-axis.c (the two axis lines), layout-rows.c (lines of
 * cells, grouping and lanes), layout-text.c (labels, fitting, glyphs and
 * `itin timeline`'s text).
 */
#ifndef ITIN_LAYOUT_H
#define ITIN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/event.h"
#include "itin/strbuf.h"
#include "itin/tz.h"

struct layout_item {
	const struct event *ev; /* borrowed */
	int64_t s, e;		/* axis interval [s, e), e >= s */
};

/* The interval of ev on the axis of zone in (instants; local seconds of
 * its own clock when in is NULL). */
void layout_item_span(const struct event *ev, const struct tz *in, int64_t *s,
		      int64_t *e);
/* First and last day the item touches on in's clock (an end at midnight
 * does not reach into that day), as event_first_day/event_last_day. */
void layout_item_days(const struct layout_item *it, const struct tz *in,
		      int64_t *first, int64_t *last);

/* a / b rounded toward minus infinity: the columns and unit boundaries
 * before 1970 are negative. */
int64_t layout_floor_div(int64_t a, int64_t b);

/* Between axis times and in's wall clock (identities when in is NULL). */
int64_t layout_local(const struct tz *in, int64_t t);
/* The axis time of a wall-clock time: a skipped one gives the instant the
 * clock jumped (tz_local_to_utc), a repeated one its first occurrence. */
int64_t layout_instant(const struct tz *in, int64_t local);
/* The local day of axis time t, and the axis time that day begins. */
int64_t layout_day_of(const struct tz *in, int64_t t);
int64_t layout_day_start(const struct tz *in, int64_t day);

struct layout_model {
	struct layout_item *items; /* sorted by s, then e, then given order */
	size_t n;
	const struct tz *tz; /* the axis zone (borrowed), or NULL */
};

/* Sort once: the viewer never sorts again. */
void layout_model_init(struct layout_model *m, struct event *const *ev,
		       size_t n, const struct tz *in);
void layout_model_release(struct layout_model *m);

/* First index whose s >= t in items sorted by s (n if none): the binary
 * search the viewer uses to find what is visible and where a date is. */
size_t layout_lower_bound(const struct layout_item *items, size_t n, int64_t t);
/* The item whose start is closest to t (ties: the earlier); n if n == 0. */
size_t layout_nearest(const struct layout_item *items, size_t n, int64_t t);

/*
 * The items with something in a window [t0, t1) of the axis, in order:
 * the viewer's rows (a row for an item outside the window would be an
 * empty line). Those that begin in it are the run [lo, hi) found by
 * binary search; those begun before it that reach into it are found by
 * going back from lo only as far as maxe allows, maxe[i] being the latest
 * end among items[0..i] (layout_max_ends). The struct owns before.
 */
struct layout_visible {
	size_t *before; /* items begun before t0 that end after it, in order */
	size_t nbefore, alloc;
	size_t lo, hi; /* then items[lo..hi), which begin in the window */
};
void layout_max_ends(const struct layout_item *items, size_t n, int64_t *maxe);
/* The first item (in order) that has something at or after t: one begun
 * before t that is still going on at t (a night that covers the morning
 * of the date gone to), else the first that begins at or after t; n if
 * none. maxe as for layout_visible_find. */
size_t layout_first_from(const struct layout_item *items, size_t n,
			 const int64_t *maxe, int64_t t);
void layout_visible_find(struct layout_visible *vis,
			 const struct layout_item *items, size_t n,
			 const int64_t *maxe, int64_t t0, int64_t t1);
size_t layout_visible_count(const struct layout_visible *vis);
/* The item on row k (k < layout_visible_count). */
size_t layout_visible_item(const struct layout_visible *vis, size_t k);
/* The row of item i; SIZE_MAX when it has nothing in the window. */
size_t layout_visible_row(const struct layout_visible *vis, size_t i);
void layout_visible_release(struct layout_visible *vis);

/* Zoom levels: seconds per column, smallest first. */
size_t layout_zoom_count(void);
int64_t layout_zoom_spc(size_t level);
/* The smallest level at which span seconds fit in cols columns (the
 * largest level when none does). */
size_t layout_zoom_fit(int64_t span, int cols);

/* The unit of the lower axis line, which names the zoom for people. */
enum layout_unit {
	LAYOUT_HOURS,
	LAYOUT_DAYS,
	LAYOUT_WEEKS,
	LAYOUT_MONTHS,
	LAYOUT_YEARS,
};
const char *layout_unit_name(enum layout_unit u);

struct layout_view {
	int64_t t0;	     /* axis time at the left edge of column 0 */
	int64_t spc;	     /* seconds per column, > 0 */
	int cols;	     /* chart columns, >= 0 */
	const struct tz *tz; /* the axis zone (borrowed); NULL: local seconds */
};

/* t rounded down to a column boundary in zone in: a local multiple of
 * spc below a day (local days begin on column boundaries until the clock
 * changes), the start of t's column on the calendar grid from a day up
 * (see above). */
int64_t layout_align(const struct tz *in, int64_t t, int64_t spc);
/* Set v->t0 (aligned) so that axis time t falls in column col. */
void layout_place(struct layout_view *v, int64_t t, int64_t col);
/* Column of t (floor); may be negative or >= cols. From a day up, with a
 * zone, the column of t's local day. */
int64_t layout_col(const struct layout_view *v, int64_t t);
/* The axis time at the left edge of column c. */
int64_t layout_time_at(const struct layout_view *v, int64_t c);

struct layout_bar {
	int c0, c1;	/* visible columns, c0 <= c1 (when visible) */
	bool cut_left;	/* starts before column 0 */
	bool cut_right; /* goes on after the last column */
	int where;	/* 0 visible, -1 all before the view, 1 after */
};
/* Where [s, e) falls in the view; returns true if any column shows it. */
bool layout_bar(const struct layout_view *v, int64_t s, int64_t e,
		struct layout_bar *b);

/*
 * The two axis lines above the chart: top names the larger unit ("Jan
 * 2023"), bottom the smaller ("Mon 30"). Both are exactly cols bytes of
 * ASCII. grid[c] is true where a lower unit begins (for faint guides).
 * Labels are the zone's wall clock, at the column of the instant it shows
 * them: on the spring change day in Brussels "01" is followed an hour
 * later by "03", in autumn "02" comes twice. Over hour columns the top line
 * names a change day with its length where it fits ("Sun 31 Mar 2024 (23
 * h)"), so that a missing or repeated hour is explained.
 */
struct layout_axis {
	enum layout_unit unit;
	char *top, *bottom;
	bool *grid;
};
void layout_axis_build(const struct layout_view *v, struct layout_axis *a);
void layout_axis_release(struct layout_axis *a);

/* One cell of the chart. */
enum layout_cell_kind {
	LC_EMPTY,
	LC_GRID,   /* empty, where a unit of the lower axis begins */
	LC_TODAY,  /* empty, in today's column */
	LC_BAR,	   /* part of an event's bar */
	LC_POINT,  /* an event shorter than a column: one mark */
	LC_BEFORE, /* the event is before the view (at column 0) */
	LC_AFTER,  /* the event is after the view (at the last column) */
	LC_TEXT,   /* covered by a text span */
};
struct layout_cell {
	unsigned char kind;   /* enum layout_cell_kind */
	unsigned char type;   /* enum event_type of the bar */
	unsigned char status; /* enum event_status of the bar */
	unsigned char cut;    /* 1: bar cut at the left, 2: at the right */
};
/* A text drawn over empty cells (the title of a bar in a grouped row). */
struct layout_span {
	int col, cols; /* where, and the columns the text takes */
	size_t item;   /* the item it names */
	char *text;    /* sanitised, fitted to cols */
};
struct layout_line {
	struct layout_cell *cells; /* cols of them */
	struct layout_span *spans;
	size_t nspans, alloc;
	int cols;
};
void layout_line_init(struct layout_line *ln, int cols);
void layout_line_release(struct layout_line *ln);
/* Empty the line, marking guides where grid is true (grid may be NULL) and
 * today's column (-1: none). */
void layout_line_clear(struct layout_line *ln, const bool *grid, int today);
/* Draw one item's bar (or its off-view marker when show_off is set). */
void layout_line_item(struct layout_line *ln, const struct layout_view *v,
		      const struct layout_item *it, bool show_off);

/* Grouped timelines (`itin timeline --by`). */
enum layout_by {
	LAYOUT_BY_NONE,
	LAYOUT_BY_TYPE,
	LAYOUT_BY_COUNTRY,
	LAYOUT_BY_CITY,
	LAYOUT_BY_PERSON,
};
/* "type" -> LAYOUT_BY_TYPE; -1 if unknown. */
int layout_by_parse(const char *s);

/*
 * The rows of a timeline: one per item without grouping; with grouping,
 * one group per type, country, city or person (an event with three
 * participants is in three groups), in order of the groups' first events,
 * each group packed into as few rows (lanes) as keep its bars from
 * touching on screen. A group's label is on its first lane.
 */
struct layout_row {
	char *label;   /* sanitised; "" on a group's further lanes */
	size_t *items; /* indices into the model, in order */
	size_t n, alloc;
};
struct layout_rows {
	struct layout_row *v;
	size_t n, alloc;
};
void layout_rows_build(const struct layout_model *m, enum layout_by by,
		       const struct layout_view *v, struct layout_rows *out);
void layout_rows_release(struct layout_rows *r);
/* Draw a row into ln: its bars, and in grouped rows the titles after them
 * where there is room. */
void layout_line_row(struct layout_line *ln, const struct layout_model *m,
		     const struct layout_view *v, const struct layout_row *row,
		     bool grouped);

/* "Title @ City, CC" (" (tentative)" and " (cancelled)" added), sanitised. */
void layout_event_label(struct strbuf *sb, const struct event *ev);
/*
 * Append s cut to at most cols display columns ("…" marks a cut), then
 * spaces up to cols when pad is set. Never splits a character; a wide
 * character that does not fit is replaced by spaces.
 */
void layout_fit(struct strbuf *sb, const char *s, size_t cols, bool pad);
/* Columns of the label column for a total width and the widest label: the
 * rest (less one space) is the chart; 0 when too narrow for labels. */
int layout_label_cols(int width, size_t widest);

/* The glyph of a cell in text output; ascii: only ASCII. */
const char *layout_glyph(const struct layout_cell *c, bool ascii);

/* `itin timeline`: the whole layout as text. */
struct layout_text_opts {
	int width; /* total columns, >= 1 */
	enum layout_by by;
	bool has_from, has_to;
	int64_t from_day, to_day;
	bool colour;	  /* ANSI colours by event type */
	const char *zone; /* the axis's zone, named above the labels; NULL:
			   * not named */
};
void layout_text(struct strbuf *out, const struct layout_model *m,
		 const struct layout_text_opts *o);

#endif
