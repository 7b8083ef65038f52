/*
 * view-keys.c: the viewer's keys (view.h): a table of bindings for each
 * pane, the actions they name, and the help that lists them; keep the
 * three in step.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "cursesdl.h"
#include <stdlib.h>

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

/*
 * What keys do. Each takes the viewer and the binding's argument (a
 * direction, mostly) and returns the flags of view.h. The tables after
 * them bind keys to these; the help above describes the same.
 */
typedef int action_fn(struct viewer *vw, long arg);

/* The cursor by arg events, pages of events, or to an end. */
static int cursor_step(struct viewer *vw, long arg)
{
	view_move_cursor(vw, arg);
	return REDRAW;
}

static int cursor_page(struct viewer *vw, long arg)
{
	long page = vw->nrows > 1 ? vw->nrows - 1 : 1;

	view_move_cursor(vw, arg * page);
	return REDRAW;
}

static int cursor_end(struct viewer *vw, long arg)
{
	view_move_cursor(vw, arg * (long)vw->n);
	return REDRAW;
}

static int go_today(struct viewer *vw, long arg)
{
	(void)arg;
	view_go_today(vw);
	return REDRAW;
}

/* The window by an eighth of the chart, or by a whole chart. */
static int time_step(struct viewer *vw, long arg)
{
	int64_t step = vw->lv.cols / 8 > 0 ? vw->lv.cols / 8 : 1;

	view_move_time(vw, arg * step);
	return REDRAW;
}

static int time_page(struct viewer *vw, long arg)
{
	int64_t page = vw->lv.cols > 1 ? vw->lv.cols : 1;

	view_move_time(vw, arg * page);
	return REDRAW;
}

/* In (arg -1: fewer seconds a column) or out (1). */
static int zoom(struct viewer *vw, long arg)
{
	if (arg < 0 && vw->zoom == 0)
		view_message(vw, "closest zoom already");
	else if (arg < 0)
		view_set_zoom(vw, vw->zoom - 1);
	else if (vw->zoom + 1 >= layout_zoom_count())
		view_message(vw, "widest zoom already");
	else
		view_set_zoom(vw, vw->zoom + 1);
	return REDRAW;
}

/* In the agenda, the next event down or up its lines (days' order). */
static int agenda_line(struct viewer *vw, long arg)
{
	view_agenda_step(vw, arg);
	return REDRAW;
}

/* Open pane p, at its top, over the one Esc goes back to. */
static int open_over(struct viewer *vw, enum pane p)
{
	vw->back = vw->pane;
	vw->pane = p;
	vw->scroll = 0;
	return REDRAW;
}

static int open_detail(struct viewer *vw, long arg)
{
	(void)arg;
	return vw->n ? open_over(vw, P_DETAIL) : REDRAW;
}

static int open_agenda(struct viewer *vw, long arg)
{
	(void)arg;
	vw->pane = P_AGENDA;
	return REDRAW;
}

static int open_help(struct viewer *vw, long arg)
{
	(void)arg;
	return open_over(vw, P_HELP);
}

/* From the agenda back to the timeline. */
static int open_timeline(struct viewer *vw, long arg)
{
	(void)arg;
	vw->pane = P_TIMELINE;
	view_follow_cursor(vw);
	return REDRAW;
}

static int quit(struct viewer *vw, long arg)
{
	(void)vw, (void)arg;
	return QUIT;
}

static int ignore(struct viewer *vw, long arg)
{
	(void)vw, (void)arg;
	return HANDLED;
}

static int repaint(struct viewer *vw, long arg)
{
	(void)vw, (void)arg;
	screen_repaint();
	return REDRAW;
}

/* The keys that ask on the bottom line (view-prompt.c). */
static int ask_goto(struct viewer *vw, long arg)
{
	(void)arg;
	return view_key_goto(vw);
}

static int ask_search(struct viewer *vw, long arg)
{
	(void)arg;
	return view_key_search(vw);
}

static int ask_filter(struct viewer *vw, long arg)
{
	(void)arg;
	return view_key_filter(vw);
}

static int search_next(struct viewer *vw, long arg)
{
	view_find_next(vw, (int)arg);
	return REDRAW;
}

/* Detail and help: text to scroll by lines or pages, and to leave. */
static int scroll_step(struct viewer *vw, long arg)
{
	vw->scroll += (int)arg;
	return REDRAW;
}

static int scroll_page(struct viewer *vw, long arg)
{
	int page = vw->nrows > 2 ? vw->nrows - 1 : 1;

	vw->scroll += (int)arg * page;
	return REDRAW;
}

static int leave_text(struct viewer *vw, long arg)
{
	(void)arg;
	vw->pane = vw->back == P_AGENDA ? P_AGENDA : P_TIMELINE;
	vw->back = P_TIMELINE;
	vw->scroll = 0;
	if (vw->pane == P_TIMELINE)
		view_follow_cursor(vw);
	return REDRAW;
}

/* From the details to the help; leaving it goes back where the details
 * would have. */
static int text_help(struct viewer *vw, long arg)
{
	(void)arg;
	if (vw->pane != P_HELP) {
		vw->pane = P_HELP;
		vw->scroll = 0;
	}
	return REDRAW;
}

struct binding {
	uint32_t key;
	bool code; /* a KEY_ code from curses.h, else a character */
	action_fn *fn;
	long arg;
};

/*
 * U+0157 as a character has KEY_ENTER's value: the switches these tables
 * replaced took it for Enter too, and so do they (issue 13 changed no
 * behaviour).
 */
#define KEY_ENTER_CHAR KEY_ENTER

/* Keys that work the same in the timeline and the agenda. */
static const struct binding common_keys[] = {
    {KEY_DOWN, true, cursor_step, 1},
    {KEY_UP, true, cursor_step, -1},
    {KEY_NPAGE, true, cursor_page, 1},
    {KEY_PPAGE, true, cursor_page, -1},
    {KEY_HOME, true, cursor_end, -1},
    {KEY_END, true, cursor_end, 1},
    {KEY_ENTER, true, open_detail, 0},
    {'j', false, cursor_step, 1},
    {'k', false, cursor_step, -1},
    {CTRL('F'), false, cursor_page, 1},
    {CTRL('B'), false, cursor_page, -1},
    {'\n', false, open_detail, 0},
    {'\r', false, open_detail, 0},
    {KEY_ENTER_CHAR, false, open_detail, 0},
    {'t', false, go_today, 0},
    {'g', false, ask_goto, 0},
    {'/', false, ask_search, 0},
    {'n', false, search_next, 1},
    {'N', false, search_next, -1},
    {'f', false, ask_filter, 0},
    {'?', false, open_help, 0},
    {CTRL('L'), false, repaint, 0},
};

/* The timeline's own, before common_keys. */
static const struct binding timeline_keys[] = {
    {KEY_LEFT, true, time_step, -1},
    {KEY_RIGHT, true, time_step, 1},
    {KEY_SLEFT, true, time_page, -1},
    {KEY_SRIGHT, true, time_page, 1},
    {'h', false, time_step, -1},
    {'l', false, time_step, 1},
    {'H', false, time_page, -1},
    {'L', false, time_page, 1},
    {'+', false, zoom, -1},
    {'=', false, zoom, -1},
    {'-', false, zoom, 1},
    {'_', false, zoom, 1},
    {'a', false, open_agenda, 0},
    {'q', false, quit, 0},
    {KEY_ESC, false, quit, 0},
};

/* The agenda's own, before common_keys: a line is in days' order, and
 * the timeline's moves in time do nothing here. */
static const struct binding agenda_keys[] = {
    {KEY_DOWN, true, agenda_line, 1}, {KEY_UP, true, agenda_line, -1},
    {'j', false, agenda_line, 1},     {'k', false, agenda_line, -1},
    {'q', false, open_timeline, 0},   {KEY_ESC, false, open_timeline, 0},
    {'a', false, open_timeline, 0},   {'h', false, ignore, 0},
    {'l', false, ignore, 0},	      {'+', false, ignore, 0},
    {'-', false, ignore, 0},
};

/* Detail and help: any other key does nothing. */
static const struct binding text_keys[] = {
    {KEY_DOWN, true, scroll_step, 1},  {KEY_UP, true, scroll_step, -1},
    {KEY_NPAGE, true, scroll_page, 1}, {KEY_PPAGE, true, scroll_page, -1},
    {KEY_ENTER, true, leave_text, 0},  {'j', false, scroll_step, 1},
    {'k', false, scroll_step, -1},     {'q', false, leave_text, 0},
    {KEY_ESC, false, leave_text, 0},   {'\n', false, leave_text, 0},
    {'\r', false, leave_text, 0},      {KEY_ENTER_CHAR, false, leave_text, 0},
    {'?', false, text_help, 0},	       {CTRL('L'), false, repaint, 0},
};

#define NKEYS(t) (sizeof(t) / sizeof((t)[0]))

/* The binding of key in table t, or NULL. */
static const struct binding *find_key(const struct binding *t, size_t n,
				      uint32_t key, bool code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].key == key && t[i].code == code)
			return &t[i];
	return NULL;
}

/* Run key's action from the pane's own table, else common_keys (when
 * the pane has those); 0 for a key bound to nothing. */
static int run_key(struct viewer *vw, const struct binding *own, size_t n,
		   bool common, uint32_t key, bool code)
{
	const struct binding *b = find_key(own, n, key, code);

	if (!b && common)
		b = find_key(common_keys, NKEYS(common_keys), key, code);
	return b ? b->fn(vw, b->arg) : 0;
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
		return run_key(vw, timeline_keys, NKEYS(timeline_keys), true,
			       key, code) |
		       HANDLED | REDRAW;
	case P_AGENDA:
		return run_key(vw, agenda_keys, NKEYS(agenda_keys), true, key,
			       code) |
		       HANDLED | REDRAW;
	default:
		return run_key(vw, text_keys, NKEYS(text_keys), false, key,
			       code) |
		       HANDLED | REDRAW;
	}
}
