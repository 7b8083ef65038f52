/*
 * view.h: the viewer's state and the functions its files share; private
 * to src/tui (tui.h is what the command line sees).
 *
 *   view.c         the state: where the window and the cursor are, the
 *                  filter's items, the opening, the main loop (tui_view)
 *   view-draw.c    the screen from the state: title, timeline rows, text
 *                  panes (details, help), the status line
 *   view-agenda.c  the agenda pane: its lines, moving in them, drawing
 *   view-keys.c    the keys: one table a pane, their actions, the help
 *   view-prompt.c  the bottom-line prompt and what asks through it: go to
 *                  a date, search, the filter and its choices
 *
 * Shaped after htop's ScreenManager: each pane has a key handler that
 * returns HANDLED, REDRAW and QUIT flags, and the main loop alone reads
 * keys, handles KEY_RESIZE and redraws. Drawing goes through screen.c;
 * where things go comes from layout.h. The files that read keys include
 * curses.h for its KEY_ codes only; screen.c alone calls curses.
 *
 * Speed: the events are placed and sorted once (layout_model_init); the
 * filtered view is a copy of those items in the same order, rebuilt only
 * when the filter changes. A keystroke moves the cursor or the time
 * window, finds events by binary search (layout_lower_bound) and draws
 * the rows on screen, nothing more.
 *
 * The first screen of a large store (cmd-view.c: 2 MiB or more, no
 * filter, no --from/--to) costs what it shows: the command line scans
 * the store for the days around today only (storescan.h: those parsed,
 * every id kept, and only the ids their short forms need sorted), and
 * the viewer draws its first screen from them when they decide it as the
 * whole store would (first_days_suffice in view.c: the event nearest to
 * now is within a week of it, one begins from today on, the window lies
 * within those days; else it reads the whole store first, as before).
 * Right after that screen it reads the whole store (load_all) and draws
 * again, before it reads a key: keys typed meanwhile wait, and every
 * key, search, zoom and filter sees every event, with the cost per key
 * it always had. Why not load further days as the user scrolls: the
 * cursor's place among all events ("11201/100000"), End, a search, a
 * filter's choices and the agenda each need every event, and the store
 * is read whole in the time a person takes to read the first screen.
 * What the first screen lacks for that moment is the cursor's place on
 * the status line, which the scan, naming skipped events by id only,
 * cannot say; the title's count is the scan's count of ids.
 *
 * Ownership: struct viewer owns everything it points to but o (the
 * command line's options, borrowed) and the events (the command line's
 * list, which the model borrows); viewer_release in view.c frees it.
 */
#ifndef ITIN_VIEW_H
#define ITIN_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/err.h"
#include "itin/strbuf.h"
#include "layout.h"
#include "tui.h"

/* What a key handler returns. */
enum { HANDLED = 1, REDRAW = 2, QUIT = 4 };
enum pane { P_TIMELINE, P_DETAIL, P_AGENDA, P_HELP };

/* Keys as screen_key gives them (characters, not KEY_ codes). */
#define KEY_ESC 27
#define CTRL(c) ((c)&0x1f)

struct agenda_entry {
	int64_t day;
	size_t item; /* for a heading: the first item of the day */
	bool heading;
};

struct viewer {
	const struct view_opts *o;
	bool partial; /* m holds the first days only (o->partial) */
	const struct shortid *ids; /* o->ids, then load_all's */
	struct layout_model m;
	struct layout_item *v; /* the filtered items, in the model's order */
	int64_t *maxe;	       /* maxe[i]: the latest end of v[0..i] */
	size_t n;
	size_t cur, top;
	/* The timeline's rows: the items with something in the window. */
	struct layout_visible vis;
	size_t zoom;
	struct layout_view lv;
	int rows, cols, label_cols;
	int title_y, axis_y, row_y0, nrows, status_y;
	enum pane pane, back;
	int scroll;
	struct agenda_entry *ag;
	size_t nag, agalloc, ag_top;
	size_t *ag_line; /* the agenda line of each item */
	bool ag_valid;
	char *search, *needle;
	bool search_failed; /* cleared, with the search, at the next key */
	unsigned type_mask;
	char country[3];
	char *city;
	char *with;
	/* The choices the filter prompt lists, while it is asked. */
	struct strbuf choices;
	struct strbuf msg;
	struct strbuf scratch;
	/* A prompt in progress on the bottom line. */
	const char *question;
	struct strbuf answer;
	bool prompting;
};

/* view.c */
/* The status line's message, until the next key. */
void view_message(struct viewer *vw, const char *fmt, ...) ITIN_PRINTF(2, 3);
/* Which line shows what, from the screen's size. */
void view_geometry(struct viewer *vw);
/* Put axis time t at a quarter of the chart. */
void view_show_time(struct viewer *vw, int64_t t);
/* After the cursor moved between events: bring its bar into view. */
void view_follow_cursor(struct viewer *vw);
/* Find the rows in the window and scroll them to the cursor's. */
void view_keep_rows(struct viewer *vw);
/* The rows found by view_keep_rows, and the item on row k. */
size_t view_nvisible(const struct viewer *vw);
size_t view_visible_item(const struct viewer *vw, size_t k);
/* Zoom level, what is being looked at kept in its column. */
void view_set_zoom(struct viewer *vw, size_t level);
/* Rebuild the filtered items after the filter changed. */
void view_apply_filter(struct viewer *vw);
/* The cursor delta events on (clamped), the window cols columns on. */
void view_move_cursor(struct viewer *vw, long delta);
void view_move_time(struct viewer *vw, int64_t cols);
/* The window and the cursor to a day (the axis zone's), to today. */
void view_go_to_day(struct viewer *vw, int64_t day);
void view_go_today(struct viewer *vw);

/* view-draw.c */
/* s fitted to cols columns (padded) at y, x. */
void view_put_fitted(int y, int x, const char *s, int cols, enum role r);
/* The whole screen, from the state. */
void view_draw(struct viewer *vw);

/* view-agenda.c */
/* The cursor to the next event down (dir 1) or up (-1) the agenda. */
void view_agenda_step(struct viewer *vw, long dir);
void view_draw_agenda(struct viewer *vw);

/* view-keys.c */
/* The help pane's text, beside the tables of keys it describes. */
extern const char view_help_text[];
/* A key in the current pane: HANDLED | REDRAW, with QUIT to leave. */
int view_handle_key(struct viewer *vw, uint32_t key, bool code);

/* view-prompt.c: the keys that ask; each returns REDRAW, or QUIT when a
 * stop signal came while it asked. */
int view_key_goto(struct viewer *vw);
int view_key_search(struct viewer *vw);
int view_key_filter(struct viewer *vw);
/* The next match of the search from the cursor on (dir 1) or back (-1). */
void view_find_next(struct viewer *vw, int dir);
/* The prompt's choices over the bottom rows, while it asks. */
void view_draw_choices(struct viewer *vw);

#endif
