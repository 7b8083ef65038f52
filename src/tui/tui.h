/*
 * tui.h: the interactive viewer, `itin view`.
 *
 *   layout*.c   (layout.h) the geometry; no curses; also behind
 *               `itin timeline`
 *   detail.c    the texts of the panes: status, search (agenda lines:
 *               itin/agline.h, shared with list);
 *               no curses (the details pane is itin/evdetail.h's)
 *   cursesdl.c  ncursesw, opened by `itin view` (cursesdl.h)
 *   screen.c    the only file that calls ncurses: the terminal's set-up
 *               and restoration (on every exit, signals included),
 *               colours by role, drawing text and cells, keys
 *   view*.c     (view.h) the viewer: its state and main loop, drawing,
 *               the agenda, the keys, the prompts
 *
 * The command line (src/cli/cmd-view.c) loads and filters the events and
 * hands them over; the viewer never re-sorts on a keystroke. Of a large
 * store it may hand over only the days around today, with a function
 * that reads the whole store, which the viewer calls once, right after
 * its first screen (view.h says why).
 */
#ifndef ITIN_TUI_H
#define ITIN_TUI_H

#include <stdbool.h>
#include <stdint.h>

#include "itin/err.h"
#include "itin/evlist.h"
#include "layout.h"
#include "itin/shortid.h"
#include "itin/strbuf.h"
#include "itin/tz.h"

struct view_opts {
	const struct evlist *events; /* borrowed, sorted */
	const struct shortid *ids;   /* the store's ids, for short prefixes */
	const struct tz *axis;	     /* the clock of the axis: --in, else the
				      * user's zone; never NULL */
	const struct tz *in;	     /* --in, or NULL: the agenda and the
				      * status line say events' own times */
	const struct tz *here;	     /* the viewer's zone, for the details */
	int64_t now;		     /* now, an instant (UTC seconds) */
	bool has_from, has_to;	     /* --from/--to: the opening range */
	int64_t from_day, to_day;
	const char *start_msg;	/* shown on the status line at the start
				 * (the last note or warning), or NULL */
	const char *bench_keys; /* hidden: type these keys, time them */
	int64_t start_ns;	/* monotonic clock when the command began */
	/* Set when events holds only the events with a day (on the axis's
	 * clock) in part_from_day..part_to_day of a store of total events
	 * and no filter, and ids only the ids their short forms need:
	 * load_all(load_ctx, &all, &ids) then reads every event (as events,
	 * sorted) and every id (both borrowed until tui_view returns) and
	 * returns 0 or the exit status, its message kept for after the
	 * screen. */
	bool partial;
	int64_t part_from_day, part_to_day;
	size_t total;
	int (*load_all)(void *ctx, const struct evlist **all,
			const struct shortid **ids);
	void *load_ctx;
};

/* Run the viewer; returns the exit status (0; 1 after an error that is
 * reported on stderr once the terminal is restored; load_all's). */
int tui_view(const struct view_opts *o);

/* detail.c */
/* The shortest prefix of ev's id unique in the store (its whole id when
 * ids is NULL), sanitised. */
void view_short_id(struct strbuf *sb, const struct event *ev,
		   const struct shortid *ids);
/* The day ev begins: on in's clock when given and ev is an instant, else
 * its own, as `itin list` groups it. */
int64_t view_event_day(const struct event *ev, const struct tz *in);
/*
 * The status line for the cursor's event, event pos of n, in cols display
 * columns: "3/7  Mon 30 Jan 2023 11:00-12:00 KST meeting  Title @ Venue,
 * Seoul, KR", then its short id (ids as view_short_id) at the right edge
 * and "? help". The times and the short id stay whole; the title and
 * place are shortened as the agenda shortens them (agline_fit_label());
 * where they would not be readable (agline_label_min()), the help hint,
 * the year, the type, the weekday, the position, the word "id" and the
 * day are left out, in that order. Padded to cols unless the times and
 * id alone are wider. pos 0: no position (not known yet).
 */
void view_status_line(struct strbuf *sb, const struct event *ev,
		      const struct tz *in, const struct shortid *ids,
		      size_t pos, size_t n, size_t cols);
/* Does ev mention needle (already folded with utf8_fold)? scratch is a
 * buffer reused across calls. */
bool view_matches(const struct event *ev, const char *needle,
		  struct strbuf *scratch);

/* cursesdl.c */
/* Open ncursesw, which the binary is not linked with (cursesdl.h), before
 * tui_view(): 0, or -1 with err filled (dynlib.h). */
int tui_curses_load(struct itin_err *err);

/* screen.c */
enum role {
	R_NORMAL,
	R_TITLE, /* the top line */
	R_AXIS,
	R_TODAY,   /* today's column */
	R_GRID,	   /* faint guides at unit boundaries */
	R_LABEL,   /* an event's label */
	R_CURSOR,  /* the label of the event under the cursor */
	R_STATUS,  /* the bottom line */
	R_MESSAGE, /* a message on the bottom line */
	R_HEADING, /* day headings, pane titles */
	R_FIELD,   /* field names in the detail pane */
	R_BAR,	   /* R_BAR + event type: the bars */
	R_COUNT = R_BAR + EV_TYPE_COUNT
};

/* Set up the terminal (locale, curses, colours unless NO_COLOR, signal
 * handlers, restoration at exit). 0, or -1 with a message in err. */
int screen_init(char *err, size_t errsize);
/* Restore the terminal; safe to call twice. */
void screen_done(void);
/* The signal that asked us to stop (SIGINT, SIGTERM, SIGHUP), or 0. */
int screen_signal(void);
void screen_size(int *rows, int *cols);
bool screen_ascii(void);
void screen_clear(void);
/* Text already fitted to its columns; non-ASCII shown as '?' when the
 * terminal cannot do UTF-8. */
void screen_put(int y, int x, const char *s, enum role r);
/* n blanks in role r. */
void screen_blank(int y, int x, int n, enum role r);
void screen_cell(int y, int x, const struct layout_cell *c, bool bold);
/* Reverse video on one axis cell (today's). */
void screen_mark(int y, int x, char ch, enum role r);
void screen_cursor(int y, int x, bool visible);
void screen_update(void);
/* Repaint the whole terminal at the next update (Ctrl-L: after another
 * program wrote over it). */
void screen_repaint(void);
/* A key: *key is a character (UTF-8 code point) or a KEY_ code. Returns
 * 0 for a character, 1 for a KEY_ code, -1 when a signal came or the
 * timeout passed. */
int screen_key(uint32_t *key);

#endif
