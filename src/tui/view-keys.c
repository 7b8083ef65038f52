/*
 * view-keys.c: the viewer's keys (view.h): a handler for each pane, and
 * the help that lists the keys; keep the two in step.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdlib.h>

#include "itin/datetime.h"
#include "view.h"

/* The legend: "██ name" for every type, painted in its colour by
 * paint_legend (the colours are screen.c's). */
#define LEGEND_LINES                                                           \
	"  \u2588\u2588 visit        \u2588\u2588 meeting      \u2588\u2588 "  \
	"summit       "                                                        \
	"\u2588\u2588 conference\n"                                            \
	"  \u2588\u2588 interview    \u2588\u2588 press        \u2588\u2588 "  \
	"travel       "                                                        \
	"\u2588\u2588 reception\n"                                             \
	"  \u2588\u2588 call         \u2588\u2588 other\n"

const char view_help_text[] =
    "Moving\n"
    "  Left, h          back in time (an eighth of the screen)\n"
    "  Right, l         forward in time\n"
    "  H, L             back, forward a whole screen\n"
    "  Up, k            previous event\n"
    "  Down, j          next event\n"
    "  PgUp, PgDn       a page of events (also Ctrl-B, Ctrl-F)\n"
    "  Home, End        first, last event\n"
    "  t                today\n"
    "  g                go to a date (YYYY-MM-DD)\n"
    "Zoom\n"
    "  +                zoom in (down to a quarter of an hour a column)\n"
    "  -                zoom out (up to a year a column)\n"
    "Panes\n"
    "  Enter            details of the event: every field, its times in\n"
    "                   its zone and in yours\n"
    "  a                agenda: a plain list of the same events\n"
    "  ?                this help\n"
    "  q, Esc           leave the pane; in the timeline, quit\n"
    "Finding\n"
    "  /                search titles, places, people, notes, tags\n"
    "  n, N             next, previous match\n"
    "  f                filter by type (t), country (c), city (i) or\n"
    "                   participant (p), with the choices listed; x\n"
    "                   clears the filter\n"
    "Other\n"
    "  Ctrl-L           redraw the screen\n"
    "  Ctrl-C           quit\n"
    "\n"
    "Colours of the bars, by type\n" LEGEND_LINES
    "Tentative events are shaded, cancelled ones lighter still; a bar is\n"
    "at least a column long, however short the event; a diamond is an\n"
    "event without an end (a moment); arrows at the ends of a bar say it\n"
    "goes on outside the window. Only the events with something in the\n"
    "window have a row.\n"
    "Times on the axis are in one zone, named in the title: --in's, else\n"
    "yours ($TZ, else /etc/localtime), so a flight is as long as it lasts.\n"
    "The agenda and the status line say each event's own times, as\n"
    "'itin list' does; the details give them in your zone too.\n"
    "The today column is marked on the axis.\n";

/* Keys that work the same in the timeline and the agenda. */
static int common_key(struct viewer *vw, uint32_t key, bool code)
{
	long page = vw->nrows > 1 ? vw->nrows - 1 : 1;

	if (code) {
		switch (key) {
		case KEY_DOWN:
			view_move_cursor(vw, 1);
			return REDRAW;
		case KEY_UP:
			view_move_cursor(vw, -1);
			return REDRAW;
		case KEY_NPAGE:
			view_move_cursor(vw, page);
			return REDRAW;
		case KEY_PPAGE:
			view_move_cursor(vw, -page);
			return REDRAW;
		case KEY_HOME:
			view_move_cursor(vw, -(long)vw->n);
			return REDRAW;
		case KEY_END:
			view_move_cursor(vw, (long)vw->n);
			return REDRAW;
		case KEY_ENTER:
			break;
		default:
			return 0;
		}
	}
	switch (key) {
	case 'j':
		view_move_cursor(vw, 1);
		return REDRAW;
	case 'k':
		view_move_cursor(vw, -1);
		return REDRAW;
	case CTRL('F'):
		view_move_cursor(vw, page);
		return REDRAW;
	case CTRL('B'):
		view_move_cursor(vw, -page);
		return REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (vw->n) {
			vw->back = vw->pane;
			vw->pane = P_DETAIL;
			vw->scroll = 0;
		}
		return REDRAW;
	case 't':
		view_go_today(vw);
		return REDRAW;
	case 'g':
		return view_key_goto(vw);
	case '/':
		return view_key_search(vw);
	case 'n':
		view_find_next(vw, 1);
		return REDRAW;
	case 'N':
		view_find_next(vw, -1);
		return REDRAW;
	case 'f':
		return view_key_filter(vw);
	case '?':
		vw->back = vw->pane;
		vw->pane = P_HELP;
		vw->scroll = 0;
		return REDRAW;
	case CTRL('L'):
		screen_repaint();
		return REDRAW;
	}
	return 0;
}

static int timeline_key(struct viewer *vw, uint32_t key, bool code)
{
	int64_t step = vw->lv.cols / 8 > 0 ? vw->lv.cols / 8 : 1;
	int64_t page = vw->lv.cols > 1 ? vw->lv.cols : 1;

	if (code) {
		switch (key) {
		case KEY_LEFT:
			view_move_time(vw, -step);
			return REDRAW;
		case KEY_RIGHT:
			view_move_time(vw, step);
			return REDRAW;
		case KEY_SLEFT:
			view_move_time(vw, -page);
			return REDRAW;
		case KEY_SRIGHT:
			view_move_time(vw, page);
			return REDRAW;
		}
		return common_key(vw, key, code);
	}
	switch (key) {
	case 'h':
		view_move_time(vw, -step);
		return REDRAW;
	case 'l':
		view_move_time(vw, step);
		return REDRAW;
	case 'H':
		view_move_time(vw, -page);
		return REDRAW;
	case 'L':
		view_move_time(vw, page);
		return REDRAW;
	case '+':
	case '=':
		if (vw->zoom == 0)
			view_message(vw, "closest zoom already");
		else
			view_set_zoom(vw, vw->zoom - 1);
		return REDRAW;
	case '-':
	case '_':
		if (vw->zoom + 1 >= layout_zoom_count())
			view_message(vw, "widest zoom already");
		else
			view_set_zoom(vw, vw->zoom + 1);
		return REDRAW;
	case 'a':
		vw->pane = P_AGENDA;
		return REDRAW;
	case 'q':
	case KEY_ESC:
		return QUIT;
	}
	return common_key(vw, key, code);
}

static int agenda_key(struct viewer *vw, uint32_t key, bool code)
{
	/* One line down or up the agenda, which is in days' order. */
	if ((code && key == KEY_DOWN) || (!code && key == 'j')) {
		view_agenda_step(vw, 1);
		return REDRAW;
	}
	if ((code && key == KEY_UP) || (!code && key == 'k')) {
		view_agenda_step(vw, -1);
		return REDRAW;
	}
	if (!code && (key == 'q' || key == KEY_ESC || key == 'a')) {
		vw->pane = P_TIMELINE;
		view_follow_cursor(vw);
		return REDRAW;
	}
	if (!code && (key == 'h' || key == 'l' || key == '+' || key == '-'))
		return HANDLED;
	return common_key(vw, key, code);
}

/* Detail and help: text to scroll. */
static int text_key(struct viewer *vw, uint32_t key, bool code)
{
	int page = vw->nrows > 2 ? vw->nrows - 1 : 1;

	if (code) {
		switch (key) {
		case KEY_DOWN:
			vw->scroll++;
			return REDRAW;
		case KEY_UP:
			vw->scroll--;
			return REDRAW;
		case KEY_NPAGE:
			vw->scroll += page;
			return REDRAW;
		case KEY_PPAGE:
			vw->scroll -= page;
			return REDRAW;
		case KEY_ENTER:
			break;
		default:
			return HANDLED;
		}
	}
	switch (key) {
	case 'j':
		vw->scroll++;
		return REDRAW;
	case 'k':
		vw->scroll--;
		return REDRAW;
	case 'q':
	case KEY_ESC:
	case '\n':
	case '\r':
	case KEY_ENTER:
		vw->pane = vw->back == P_AGENDA ? P_AGENDA : P_TIMELINE;
		vw->back = P_TIMELINE;
		vw->scroll = 0;
		if (vw->pane == P_TIMELINE)
			view_follow_cursor(vw);
		return REDRAW;
	case '?':
		if (vw->pane != P_HELP) {
			vw->pane = P_HELP;
			vw->scroll = 0;
		}
		return REDRAW;
	case CTRL('L'):
		screen_repaint();
		return REDRAW;
	}
	return HANDLED;
}

int view_handle_key(struct viewer *vw, uint32_t key, bool code)
{
	/* A message stays until the next key; so does a search that found
	 * nothing, which is no search to repeat with n. */
	strbuf_reset(&vw->msg);
	if (vw->search_failed) {
		free(vw->search);
		free(vw->needle);
		vw->search = vw->needle = NULL;
		vw->search_failed = false;
	}
	switch (vw->pane) {
	case P_TIMELINE:
		return timeline_key(vw, key, code) | HANDLED | REDRAW;
	case P_AGENDA:
		return agenda_key(vw, key, code) | HANDLED | REDRAW;
	default:
		return text_key(vw, key, code) | HANDLED | REDRAW;
	}
}
