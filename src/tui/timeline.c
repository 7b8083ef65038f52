/*
 * timeline.c: the viewer: its state, its panes and its keys.
 *
 * Shaped after htop's ScreenManager: each pane has a key handler that
 * returns HANDLED, REDRAW and QUIT flags, and the main loop alone reads
 * keys, handles KEY_RESIZE and redraws. Drawing goes through screen.c;
 * where things go comes from layout.c.
 *
 * Speed: the events are placed and sorted once (layout_model_init); the
 * filtered view is a copy of those items in the same order, rebuilt only
 * when the filter changes. A keystroke moves the cursor or the time
 * window, finds events by binary search (layout_lower_bound) and draws
 * the rows on screen, nothing more.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itin/agline.h"
#include "itin/datetime.h"
#include "itin/evdetail.h"
#include "itin/evtext.h"
#include "itin/filter.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "tui.h"

enum { HANDLED = 1, REDRAW = 2, QUIT = 4 };
enum pane { P_TIMELINE, P_DETAIL, P_AGENDA, P_HELP };

#define KEY_ESC 27
#define CTRL(c) ((c)&0x1f)
/* The label column never takes more than this. */
#define MAX_LABEL 40

struct agenda_entry {
	int64_t day;
	size_t item; /* for a heading: the first item of the day */
	bool heading;
};

/* What the filter prompt asks for. */
enum choice { CH_TYPE, CH_COUNTRY, CH_CITY };

struct viewer {
	const struct view_opts *o;
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

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void message(struct viewer *vw, const char *fmt, ...) ITIN_PRINTF(2, 3);
static void message(struct viewer *vw, const char *fmt, ...)
{
	va_list ap;

	strbuf_reset(&vw->msg);
	va_start(ap, fmt);
	strbuf_vaddf(&vw->msg, fmt, ap);
	va_end(ap);
}

/* Geometry: which line shows what, for any size down to one cell. */
static void geometry(struct viewer *vw)
{
	int y = 0;

	screen_size(&vw->rows, &vw->cols);
	vw->title_y = vw->rows >= 6 ? y++ : -1;
	vw->axis_y = vw->rows >= 4 ? y : -1;
	if (vw->axis_y >= 0)
		y += 2;
	vw->status_y = vw->rows >= 2 ? vw->rows - 1 : -1;
	vw->row_y0 = y;
	vw->nrows = (vw->status_y >= 0 ? vw->status_y : vw->rows) - y;
	if (vw->nrows < 0)
		vw->nrows = 0;
	vw->label_cols = layout_label_cols(vw->cols, MAX_LABEL);
	vw->lv.cols = vw->cols - (vw->label_cols ? vw->label_cols + 1 : 0);
	if (vw->lv.cols < 0)
		vw->lv.cols = 0;
}

/* Axis seconds the chart shows: from a day up its columns are local days,
 * of 23 to 25 hours. */
static int64_t chart_span(const struct viewer *vw)
{
	return layout_time_at(&vw->lv, vw->lv.cols > 0 ? vw->lv.cols : 1) -
	       vw->lv.t0;
}

/* Put time t at a quarter of the chart. */
static void show_time(struct viewer *vw, int64_t t)
{
	layout_place(&vw->lv, t, vw->lv.cols / 4);
}

static bool cursor_visible_in_time(const struct viewer *vw)
{
	struct layout_bar b;

	if (!vw->n)
		return true;
	return layout_bar(&vw->lv, vw->v[vw->cur].s, vw->v[vw->cur].e, &b);
}

/* After the cursor moved between events: bring its bar into view. */
static void follow_cursor(struct viewer *vw)
{
	/* Before opening() there is no window yet. */
	if (vw->lv.spc <= 0)
		return;
	if (vw->n && !cursor_visible_in_time(vw))
		show_time(vw, vw->v[vw->cur].s);
}

/* After time moved: bring the cursor to an event in the window, found by
 * binary search, if the one it was on went out of view. */
static void cursor_into_window(struct viewer *vw)
{
	int64_t t0 = vw->lv.t0, t1 = t0 + chart_span(vw);
	size_t i;

	if (!vw->n || cursor_visible_in_time(vw))
		return;
	i = layout_lower_bound(vw->v, vw->n, t0);
	if (i < vw->n && vw->v[i].s < t1)
		vw->cur = i;
	else if (i > 0 && vw->v[i - 1].e > t0)
		vw->cur = i - 1;
}

/* The rows of the timeline: only the events with something in the window
 * (layout_visible_find). */
static void find_visible(struct viewer *vw)
{
	layout_visible_find(&vw->vis, vw->v, vw->n, vw->maxe, vw->lv.t0,
			    vw->lv.t0 + chart_span(vw));
}

static size_t nvisible(const struct viewer *vw)
{
	return layout_visible_count(&vw->vis);
}

static size_t visible_item(const struct viewer *vw, size_t k)
{
	return layout_visible_item(&vw->vis, k);
}

static size_t visible_row(const struct viewer *vw, size_t i)
{
	return layout_visible_row(&vw->vis, i);
}

static void keep_rows(struct viewer *vw)
{
	size_t nr = vw->nrows > 0 ? (size_t)vw->nrows : 1, n, row;

	find_visible(vw);
	n = nvisible(vw);
	row = vw->n ? visible_row(vw, vw->cur) : SIZE_MAX;
	if (row != SIZE_MAX) {
		if (row < vw->top)
			vw->top = row;
		if (row >= vw->top + nr)
			vw->top = row - nr + 1;
	}
	/* No blank rows at the bottom while there are events above. */
	if (n >= nr && vw->top + nr > n)
		vw->top = n - nr;
	if (n < nr)
		vw->top = 0;
}

static void set_zoom(struct viewer *vw, size_t level)
{
	int64_t anchor, col;
	const struct layout_item *it = vw->n ? &vw->v[vw->cur] : NULL;

	if (level >= layout_zoom_count())
		return;
	/* Keep what is being looked at in its column. */
	if (it && cursor_visible_in_time(vw))
		anchor = it->s > vw->lv.t0 ? it->s : vw->lv.t0;
	else
		anchor = vw->lv.t0 + chart_span(vw) / 2;
	col = layout_col(&vw->lv, anchor);
	vw->zoom = level;
	vw->lv.spc = layout_zoom_spc(level);
	layout_place(&vw->lv, anchor, col);
}

static bool item_passes(const struct viewer *vw, const struct event *ev)
{
	if (vw->type_mask && !(vw->type_mask & (1u << ev->type)))
		return false;
	if (vw->country[0] && strcmp(ev->country, vw->country))
		return false;
	if (vw->city && !(ev->city && text_contains_folded(ev->city, vw->city)))
		return false;
	if (vw->with) {
		size_t i;
		for (i = 0; i < ev->nwith; i++)
			if (text_contains_folded(ev->with[i].name, vw->with))
				break;
		if (i == ev->nwith)
			return false;
	}
	return true;
}

/* Rebuild the filtered view (only when the filter changes). */
static void apply_filter(struct viewer *vw)
{
	const struct event *keep = vw->n ? vw->v[vw->cur].ev : NULL;
	int64_t keep_s = vw->n ? vw->v[vw->cur].s : vw->lv.t0;
	bool found = false;

	vw->n = 0;
	for (size_t i = 0; i < vw->m.n; i++) {
		if (!item_passes(vw, vw->m.items[i].ev))
			continue;
		if (vw->m.items[i].ev == keep) {
			vw->cur = vw->n;
			found = true;
		}
		vw->v[vw->n++] = vw->m.items[i];
	}
	layout_max_ends(vw->v, vw->n, vw->maxe);
	if (!found)
		vw->cur = layout_nearest(vw->v, vw->n, keep_s);
	if (vw->cur >= vw->n)
		vw->cur = vw->n ? vw->n - 1 : 0;
	vw->ag_valid = false;
	vw->top = 0;
	follow_cursor(vw);
}

static void spc_text(struct strbuf *sb, int64_t spc)
{
	if (spc < 3600)
		strbuf_addf(sb, "%lld min", (long long)(spc / 60));
	else if (spc < ITIN_DAY)
		strbuf_addf(sb, "%lld h", (long long)(spc / 3600));
	else if (spc == ITIN_DAY)
		strbuf_addstr(sb, "1 day");
	else if (spc == 365 * ITIN_DAY)
		strbuf_addstr(sb, "1 year"); /* the widest, as the help says */
	/* From 28 days up the columns are calendar months (layout.h). */
	else if (spc == 28 * ITIN_DAY)
		strbuf_addstr(sb, "1 month");
	else if (spc == 91 * ITIN_DAY)
		strbuf_addstr(sb, "3 months");
	else if (spc == 182 * ITIN_DAY)
		strbuf_addstr(sb, "6 months");
	else
		strbuf_addf(sb, "%lld days", (long long)(spc / ITIN_DAY));
}

/* Drawing. */

static void put_fitted(int y, int x, const char *s, int cols, enum role r)
{
	struct strbuf sb = STRBUF_INIT;

	if (cols <= 0)
		return;
	layout_fit(&sb, s, (size_t)cols, true);
	screen_put(y, x, sb.buf, r);
	strbuf_release(&sb);
}

static void draw_title(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;
	struct layout_axis axis;

	if (vw->title_y < 0)
		return;
	layout_axis_build(&vw->lv, &axis);
	/* What is shown first (the filter, the search), then on which
	 * clock and at which zoom: the end is what a narrow screen cuts. */
	strbuf_addf(&sb, " itin view  %zu event%s", vw->n,
		    vw->n == 1 ? "" : "s");
	if (vw->type_mask || vw->country[0] || vw->city || vw->with) {
		strbuf_addstr(&sb, "  filter:");
		for (int t = 0; t < EV_TYPE_COUNT; t++)
			if (vw->type_mask & (1u << t))
				strbuf_addf(
				    &sb, " type=%s",
				    event_type_name((enum event_type)t));
		if (vw->country[0])
			strbuf_addf(&sb, " country=%s", vw->country);
		if (vw->city) {
			strbuf_addstr(&sb, " city=");
			utf8_sanitize(&sb, vw->city);
		}
		if (vw->with) {
			strbuf_addstr(&sb, " with=");
			utf8_sanitize(&sb, vw->with);
		}
	}
	if (vw->search) {
		strbuf_addstr(&sb, "  search: ");
		utf8_sanitize(&sb, vw->search);
	}
	/* The one clock of the axis (--in, else the user's zone). */
	strbuf_addstr(&sb, "  times in ");
	utf8_sanitize(&sb, tz_name(vw->o->axis));
	strbuf_addf(&sb, "  %s (", layout_unit_name(axis.unit));
	layout_axis_release(&axis);
	spc_text(&sb, vw->lv.spc);
	strbuf_addstr(&sb, " a column)");
	put_fitted(vw->title_y, 0, sb.buf, vw->cols, R_TITLE);
	strbuf_release(&sb);
}

static void draw_timeline(struct viewer *vw)
{
	int x0 = vw->label_cols ? vw->label_cols + 1 : 0;
	struct layout_axis axis;
	struct layout_line line;
	struct strbuf sb = STRBUF_INIT;
	int64_t tc = layout_col(&vw->lv, vw->o->now);
	int today = tc >= 0 && tc < vw->lv.cols ? (int)tc : -1;

	layout_axis_build(&vw->lv, &axis);
	if (vw->axis_y >= 0 && vw->lv.cols > 0) {
		screen_put(vw->axis_y, x0, axis.top, R_AXIS);
		screen_put(vw->axis_y + 1, x0, axis.bottom, R_AXIS);
		if (today >= 0)
			screen_mark(vw->axis_y + 1, x0 + today,
				    axis.bottom[today], R_TODAY);
		if (vw->label_cols >= 7)
			put_fitted(vw->axis_y + 1, 0, "Today \u2502",
				   today >= 0 ? 7 : 0, R_TODAY);
	}
	layout_line_init(&line, vw->lv.cols);
	for (int r = 0; r < vw->nrows; r++) {
		size_t k = vw->top + (size_t)r, i;
		int y = vw->row_y0 + r;
		bool cur;

		if (k >= nvisible(vw))
			break;
		i = visible_item(vw, k);
		cur = i == vw->cur;
		if (vw->label_cols) {
			strbuf_reset(&sb);
			layout_event_label(&sb, vw->v[i].ev);
			put_fitted(y, 0, sb.buf, vw->label_cols,
				   cur ? R_CURSOR : R_LABEL);
		}
		layout_line_clear(&line, axis.grid, today);
		layout_line_item(&line, &vw->lv, &vw->v[i], true);
		for (int c = 0; c < line.cols; c++)
			if (line.cells[c].kind != LC_EMPTY)
				screen_cell(y, x0 + c, &line.cells[c], cur);
	}
	if (!vw->n && vw->nrows > 0)
		put_fitted(vw->row_y0, 0,
			   vw->m.n ? "No event passes the filter (f, x clears "
				     "it)."
				   : "No events.",
			   vw->cols, R_MESSAGE);
	else if (!nvisible(vw) && vw->nrows > 0)
		put_fitted(vw->row_y0, 0,
			   "No event in this window (j, k: the next events; "
			   "t: today).",
			   vw->cols, R_MESSAGE);
	layout_line_release(&line);
	layout_axis_release(&axis);
	strbuf_release(&sb);
}

/* Each "██ type" of a line in the colour of that type's bars. */
static void paint_legend(int y, const char *line, int cols)
{
	static const char bar[] = "\u2588\u2588 ";
	const char *p = line;

	while ((p = strstr(p, bar)) != NULL) {
		const char *name = p + sizeof(bar) - 1;
		size_t n = strcspn(name, " ");
		char buf[16];
		int t, x;
		struct strbuf pre = STRBUF_INIT;

		if (n && n < sizeof(buf)) {
			memcpy(buf, name, n);
			buf[n] = '\0';
			t = event_type_parse(buf);
			strbuf_add(&pre, line, (size_t)(p - line));
			x = (int)utf8_width(pre.buf);
			if (t >= 0 && x + 2 <= cols)
				screen_put(y, x,
					   screen_ascii() ? "##"
							  : "\u2588\u2588",
					   (enum role)(R_BAR + t));
			strbuf_release(&pre);
		}
		p = name;
	}
}

/* Lines of text in the rows area, from line `from`, with a heading. */
/*
 * text with its lines wider than cols wrapped at a blank (or cut where
 * there is none), the rest of a "Field:   value" line under its value, so
 * a long note or list of participants is read whole, not cut.
 */
static void wrap_text(struct strbuf *out, const char *text, size_t cols)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), indent = 0;
		struct strbuf line = STRBUF_INIT;
		const char *q;

		strbuf_add(&line, p, n);
		/* The value's column: after "Field:" and its blanks. */
		q = memchr(line.buf, ':', line.len < 15 ? line.len : 15);
		if (q && line.buf[0] != ' ') {
			q++;
			while (*q == ' ')
				q++;
			indent = (size_t)(q - line.buf);
		}
		if (indent * 2 > cols)
			indent = 0;
		q = line.buf;
		for (bool first = true;; first = false) {
			size_t room = cols - (first ? 0 : indent), used, k;

			if (!first)
				strbuf_addspaces(out, indent);
			if (utf8_width(q) <= room || room < 2) {
				strbuf_addstr(out, q);
				break;
			}
			k = utf8_prefix_fitting(q, room, &used);
			/* Back to the last blank, if the piece keeps a word. */
			for (size_t b = k; b > 0; b--)
				if (q[b] == ' ') {
					k = b;
					break;
				}
			if (k == 0)
				k = utf8_prefix_fitting(q, room, &used);
			strbuf_add(out, q, k);
			strbuf_addch(out, '\n');
			q += k;
			while (*q == ' ')
				q++;
			if (!*q)
				break;
		}
		strbuf_addch(out, '\n');
		strbuf_release(&line);
		p += n + (nl ? 1 : 0);
	}
}

static void draw_text_pane(struct viewer *vw, const char *heading,
			   const char *unwrapped, int *scroll)
{
	int y = vw->title_y + 1,
	    bottom = vw->status_y >= 0 ? vw->status_y : vw->rows;
	int nlines = 0, skip;
	const char *p, *text;
	struct strbuf wrapped = STRBUF_INIT;

	wrap_text(&wrapped, unwrapped, vw->cols > 0 ? (size_t)vw->cols : 1);
	text = wrapped.buf ? wrapped.buf : "";

	if (heading && y < bottom)
		put_fitted(y++, 0, heading, vw->cols, R_HEADING);
	for (p = text; *p; p++)
		if (*p == '\n')
			nlines++;
	if (*scroll > nlines - (bottom - y))
		*scroll = nlines - (bottom - y);
	if (*scroll < 0)
		*scroll = 0;
	skip = *scroll;
	for (p = text; *p && y < bottom;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (skip > 0) {
			skip--;
		} else {
			struct strbuf line = STRBUF_INIT;
			size_t colon = 0;

			strbuf_add(&line, p, n);
			put_fitted(y, 0, line.buf, vw->cols, R_NORMAL);
			paint_legend(y, line.buf, vw->cols);
			/* The field name in bold: "Label:" up to the colon. */
			while (colon < n && colon < 14 && p[colon] != ':')
				colon++;
			if (colon < n && p[colon] == ':' && p[0] != ' ' &&
			    (int)colon < vw->cols) {
				strbuf_reset(&line);
				strbuf_add(&line, p, colon + 1);
				screen_put(y, 0, line.buf, R_FIELD);
			}
			strbuf_release(&line);
			y++;
		}
		p += n + (nl ? 1 : 0);
	}
	strbuf_release(&wrapped);
}

/* Agenda lines before a sort: the day an item is listed on. */
struct day_item {
	int64_t day;
	size_t item;
};

static int cmp_day_item(const void *a, const void *b)
{
	const struct day_item *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/*
 * The agenda: the events under the day they begin on their own clock (or
 * --in's), as `itin list` groups them; a Seoul breakfast can come before
 * a Brussels dinner of the evening before, so the days are sorted here.
 */
static void build_agenda(struct viewer *vw)
{
	struct day_item *di = xcalloc(vw->n ? vw->n : 1, sizeof(*di));
	int64_t prev = INT64_MIN;

	for (size_t i = 0; i < vw->n; i++) {
		di[i].day = view_event_day(vw->v[i].ev, vw->o->in);
		di[i].item = i;
	}
	/* Mostly in order already (the items are by instant): sort only
	 * when some day comes before the one above it. */
	for (size_t i = 1; i < vw->n; i++)
		if (di[i].day < di[i - 1].day) {
			qsort(di, vw->n, sizeof(*di), cmp_day_item);
			break;
		}
	free(vw->ag_line);
	vw->ag_line = xcalloc(vw->n ? vw->n : 1, sizeof(*vw->ag_line));
	vw->nag = 0;
	for (size_t k = 0; k < vw->n; k++) {
		if (di[k].day != prev) {
			vw->ag = xgrow(vw->ag, &vw->agalloc, vw->nag + 1,
				       sizeof(*vw->ag));
			vw->ag[vw->nag++] =
			    (struct agenda_entry){di[k].day, di[k].item, true};
			prev = di[k].day;
		}
		vw->ag =
		    xgrow(vw->ag, &vw->agalloc, vw->nag + 1, sizeof(*vw->ag));
		vw->ag_line[di[k].item] = vw->nag;
		vw->ag[vw->nag++] =
		    (struct agenda_entry){di[k].day, di[k].item, false};
	}
	free(di);
	vw->ag_valid = true;
	/* A new list (a filter set or cleared): the old scroll means
	 * nothing in it; draw_agenda scrolls from the top to the cursor. */
	vw->ag_top = 0;
}

static size_t agenda_line_of_cursor(const struct viewer *vw)
{
	return vw->n ? vw->ag_line[vw->cur] : 0;
}

/* In the agenda, the next event down (dir 1) or up (-1) its lines. */
static void agenda_step(struct viewer *vw, long dir)
{
	size_t line;

	if (!vw->ag_valid)
		build_agenda(vw);
	if (!vw->n)
		return;
	line = agenda_line_of_cursor(vw);
	for (;;) {
		if ((dir < 0 && line == 0) || (dir > 0 && line + 1 >= vw->nag))
			return;
		line = dir > 0 ? line + 1 : line - 1;
		if (!vw->ag[line].heading)
			break;
	}
	vw->cur = vw->ag[line].item;
}

static void draw_agenda(struct viewer *vw)
{
	int y0 = vw->title_y + 1,
	    bottom = vw->status_y >= 0 ? vw->status_y : vw->rows;
	size_t h = bottom > y0 ? (size_t)(bottom - y0) : 0, sel, n = 0;
	struct strbuf sb = STRBUF_INIT;
	struct agline *lines;
	struct agline_widths w = {0};

	if (!vw->ag_valid)
		build_agenda(vw);
	if (!vw->nag || !h) {
		if (h)
			put_fitted(y0, 0, "No events.", vw->cols, R_MESSAGE);
		return;
	}
	sel = agenda_line_of_cursor(vw);
	/* Never blank lines below the end while lines above are hidden
	 * (a shorter list, a taller screen). */
	if (vw->ag_top + h > vw->nag)
		vw->ag_top = vw->nag > h ? vw->nag - h : 0;
	/* Keep the day heading in view above its first event. */
	if (sel > 0 && vw->ag[sel - 1].heading && sel - 1 < vw->ag_top)
		vw->ag_top = sel - 1;
	if (sel < vw->ag_top)
		vw->ag_top = sel;
	if (sel >= vw->ag_top + h)
		vw->ag_top = sel - h + 1;
	/* The lines on screen, fitted as `itin list` fits them (agline.h):
	 * measuring all of a million would cost a look-up each. */
	lines = xcalloc(h, sizeof(*lines));
	for (size_t k = 0; k < h && vw->ag_top + k < vw->nag; k++) {
		const struct agenda_entry *e = &vw->ag[vw->ag_top + k];
		const struct event *ev;
		int64_t days;

		if (e->heading)
			continue;
		ev = vw->v[e->item].ev;
		/* Shown once, under its first day: its length, not a k/n. */
		days = event_last_day(ev) - event_first_day(ev) + 1;
		agline_fill(&lines[n], ev, 0, days, vw->o->in, vw->o->ids);
		if (!vw->o->ids)
			view_short_id(&lines[n].id, ev, NULL);
		n++;
	}
	agline_fit(lines, n, vw->o->in, (size_t)(vw->cols > 0 ? vw->cols : 0),
		   &w);
	n = 0;
	for (size_t k = 0; k < h && vw->ag_top + k < vw->nag; k++) {
		const struct agenda_entry *e = &vw->ag[vw->ag_top + k];

		strbuf_reset(&sb);
		if (e->heading) {
			day_text(&sb, e->day);
			if (e->day == layout_day_of(vw->o->axis, vw->o->now))
				strbuf_addstr(&sb, " (today)");
			put_fitted(y0 + (int)k, 0, sb.buf, vw->cols, R_HEADING);
			continue;
		}
		agline_write(&sb, &lines[n++], &w, NULL);
		put_fitted(y0 + (int)k, 0, sb.buf, vw->cols,
			   e->item == vw->cur ? R_CURSOR : R_NORMAL);
	}
	for (size_t k = 0; k < n; k++)
		agline_release(&lines[k]);
	free(lines);
	strbuf_release(&sb);
}

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

static const char help_text[] =
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

static void draw_status(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;
	enum role r = R_STATUS;

	if (vw->status_y < 0)
		return;
	if (vw->prompting) {
		int w;

		strbuf_addstr(&sb, vw->question);
		utf8_sanitize(&sb, vw->answer.buf);
		/* Show the end of a long answer, where the typing is. */
		w = (int)utf8_width(sb.buf);
		if (w >= vw->cols && vw->cols > 1) {
			const char *s = sb.buf;
			size_t cols;
			while (*s && (int)utf8_width(s) >= vw->cols)
				s += utf8_prefix_fitting(s, 1, &cols)
					 ? utf8_prefix_fitting(s, 1, &cols)
					 : 1;
			put_fitted(vw->status_y, 0, s, vw->cols, R_NORMAL);
			w = (int)utf8_width(s);
		} else {
			put_fitted(vw->status_y, 0, sb.buf, vw->cols, R_NORMAL);
		}
		screen_cursor(vw->status_y, w < vw->cols ? w : vw->cols - 1,
			      true);
		strbuf_release(&sb);
		return;
	}
	if (vw->msg.len) {
		strbuf_addstr(&sb, vw->msg.buf);
		r = R_MESSAGE;
	} else if (vw->pane == P_HELP) {
		strbuf_addstr(&sb, "q, Esc: back   Up/Down: scroll");
	} else if (vw->n) {
		/* Fitted to the width by its parts: the times and the short
		 * id whole, the title and place shortened. */
		view_status_line(&sb, vw->v[vw->cur].ev, vw->o->in,
				 vw->o->ids, vw->cur + 1, vw->n,
				 vw->cols > 0 ? (size_t)vw->cols : 0);
		put_fitted(vw->status_y, 0, sb.buf, vw->cols, r);
		screen_cursor(0, 0, false);
		strbuf_release(&sb);
		return;
	} else {
		strbuf_addstr(&sb, "0 events");
	}
	if (vw->pane != P_HELP && vw->cols >= 60) {
		struct strbuf full = STRBUF_INIT;

		layout_fit(&full, sb.buf, (size_t)vw->cols - 9, true);
		strbuf_addstr(&full, " ? help ");
		put_fitted(vw->status_y, 0, full.buf, vw->cols, r);
		strbuf_release(&full);
	} else {
		put_fitted(vw->status_y, 0, sb.buf, vw->cols, r);
	}
	screen_cursor(0, 0, false);
	strbuf_release(&sb);
}

static void draw_choices(struct viewer *vw);

static void draw(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;

	geometry(vw);
	keep_rows(vw);
	screen_clear();
	/* Nothing fits below 2x2, and ncurses 6.4's refresh of a one-column
	 * screen after content was drawn reads outside its line buffers
	 * (valgrind): leave the screen blank until it grows again. */
	if (vw->rows < 2 || vw->cols < 2) {
		screen_update();
		return;
	}
	draw_title(vw);
	switch (vw->pane) {
	case P_TIMELINE:
		draw_timeline(vw);
		break;
	case P_DETAIL:
		if (vw->n) {
			/* show's fields, and the times on the user's clock. */
			const struct event *ev = vw->v[vw->cur].ev;
			struct evdetail_opts d = {
			    .here = vw->o->here,
			    .flags = EVDETAIL_COUNTRY_NAME,
			    .id_short = shortid_len(vw->o->ids, ev->id),
			};

			evdetail_write(&sb, ev, &d);
			draw_text_pane(vw, "Event details (q: back)", sb.buf,
				       &vw->scroll);
		}
		break;
	case P_AGENDA:
		draw_agenda(vw);
		break;
	case P_HELP:
		draw_text_pane(vw, "Keys (q: back)", help_text, &vw->scroll);
		break;
	}
	if (vw->prompting)
		draw_choices(vw);
	draw_status(vw);
	screen_update();
	strbuf_release(&sb);
}

/* The bottom line as a prompt. 1 with the answer, 0 if cancelled, -1 on
 * a stop signal. */
static int prompt(struct viewer *vw, const char *question)
{
	strbuf_reset(&vw->answer);
	vw->question = question;
	vw->prompting = true;
	strbuf_reset(&vw->msg);
	for (;;) {
		uint32_t key;
		int r;

		draw(vw);
		r = screen_key(&key);
		if (r < 0) {
			if (screen_signal()) {
				vw->prompting = false;
				return -1;
			}
			continue;
		}
		if (r == 1 && key == KEY_RESIZE)
			continue;
		if ((r == 0 && (key == '\n' || key == '\r')) ||
		    (r == 1 && key == KEY_ENTER))
			break;
		if (r == 0 && key == KEY_ESC) {
			vw->prompting = false;
			return 0;
		}
		if ((r == 1 && key == KEY_BACKSPACE) ||
		    (r == 0 && (key == 127 || key == CTRL('H')))) {
			/* Drop one whole code point. */
			while (
			    vw->answer.len &&
			    ((unsigned char)vw->answer.buf[vw->answer.len - 1] &
			     0xc0) == 0x80)
				vw->answer.len--;
			if (vw->answer.len)
				vw->answer.len--;
			vw->answer.buf[vw->answer.len] = '\0';
			continue;
		}
		if (r == 0 && key == CTRL('U')) {
			strbuf_reset(&vw->answer);
			continue;
		}
		if (r == 0 && key >= 0x20 && key != 127 && key < 0x110000 &&
		    vw->answer.len < 1024) {
			char buf[4];
			size_t n;

			if (key < 0x80) {
				buf[0] = (char)key, n = 1;
			} else if (key < 0x800) {
				buf[0] = (char)(0xc0 | key >> 6);
				buf[1] = (char)(0x80 | (key & 0x3f)), n = 2;
			} else if (key < 0x10000) {
				buf[0] = (char)(0xe0 | key >> 12);
				buf[1] = (char)(0x80 | ((key >> 6) & 0x3f));
				buf[2] = (char)(0x80 | (key & 0x3f)), n = 3;
			} else {
				buf[0] = (char)(0xf0 | key >> 18);
				buf[1] = (char)(0x80 | ((key >> 12) & 0x3f));
				buf[2] = (char)(0x80 | ((key >> 6) & 0x3f));
				buf[3] = (char)(0x80 | (key & 0x3f)), n = 4;
			}
			strbuf_add(&vw->answer, buf, n);
		}
	}
	vw->prompting = false;
	return 1;
}

static void go_to_day(struct viewer *vw, int64_t day)
{
	int64_t t = layout_day_start(vw->o->axis, day);

	show_time(vw, t);
	/* An event still going on that day counts: the night that ends on
	 * the morning of the date is where the date begins. */
	vw->cur = layout_first_from(vw->v, vw->n, vw->maxe, t);
	if (vw->cur >= vw->n)
		vw->cur = vw->n ? vw->n - 1 : 0;
}

static int key_goto(struct viewer *vw)
{
	struct itin_err err;
	int64_t day;
	int r = prompt(vw, "Go to date (YYYY-MM-DD): ");

	if (r < 0)
		return QUIT;
	if (r == 0 || !vw->answer.len)
		return REDRAW;
	if (date_parse(vw->answer.buf, vw->answer.len, &day, &err)) {
		struct strbuf sb = STRBUF_INIT;
		utf8_sanitize(&sb, err.msg);
		message(vw, "%s", sb.buf);
		strbuf_release(&sb);
		return REDRAW;
	}
	go_to_day(vw, day);
	return REDRAW;
}

static char *fold_new(const char *s)
{
	size_t n = strlen(s) + 1;
	char *buf = xmalloc(n);

	utf8_fold(s, buf, n, 0);
	return buf;
}

/* From the cursor on (dir 1) or back (dir -1), wrapping around. */
static void find_next(struct viewer *vw, int dir)
{
	if (!vw->needle) {
		message(vw, "no search yet: press / first");
		return;
	}
	for (size_t k = 1; k <= vw->n; k++) {
		size_t i = dir > 0 ? (vw->cur + k) % vw->n
				   : (vw->cur + vw->n - k % vw->n) % vw->n;
		if (view_matches(vw->v[i].ev, vw->needle, &vw->scratch)) {
			if ((dir > 0 && i <= vw->cur) ||
			    (dir < 0 && i >= vw->cur))
				message(vw, "search wrapped around");
			vw->cur = i;
			follow_cursor(vw);
			return;
		}
	}
	{
		struct strbuf sb = STRBUF_INIT;
		utf8_sanitize(&sb, vw->search);
		message(vw, "no match for '%s'", sb.buf);
		strbuf_release(&sb);
	}
	/* The header shows it with the message, until the next key. */
	vw->search_failed = true;
}

static int key_search(struct viewer *vw)
{
	int r = prompt(vw, "/");

	if (r < 0)
		return QUIT;
	if (r == 0 || !vw->answer.len)
		return REDRAW;
	free(vw->search);
	free(vw->needle);
	vw->search = xstrdup(vw->answer.buf);
	vw->needle = fold_new(vw->search);
	find_next(vw, 1);
	return REDRAW;
}

/* Cities before a sort: folded for the order, as shown for people. */
struct city_name {
	char *key;
	const struct event *ev;
};

static int cmp_city(const void *a, const void *b)
{
	const struct city_name *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->ev->country, y->ev->country);
}

/* "label (n)" into the list of choices, which are apart by a unit
 * separator: a label has commas of its own ("Seoul, KR"). */
#define CHOICE_SEP '\x1f'
static void add_choice(struct strbuf *sb, size_t start, const char *label,
		       size_t n)
{
	if (sb->len > start)
		strbuf_addch(sb, CHOICE_SEP);
	utf8_sanitize(sb, label);
	strbuf_addf(sb, " (%zu)", n);
}

/*
 * The values the store has for what the filter asks, with how many
 * events have each: "Types here: meeting (12), travel (9), ...". From
 * every event loaded, not only those the filter lets through now.
 */
static void list_choices(struct viewer *vw, enum choice what)
{
	struct strbuf *sb = &vw->choices;
	size_t start, counts[26 * 26];
	struct city_name *cn;
	size_t ncn = 0;

	strbuf_reset(sb);
	switch (what) {
	case CH_TYPE: {
		size_t tc[EV_TYPE_COUNT] = {0};

		strbuf_addstr(sb, "Types here: ");
		start = sb->len;
		for (size_t i = 0; i < vw->m.n; i++)
			tc[vw->m.items[i].ev->type]++;
		for (int t = 0; t < EV_TYPE_COUNT; t++)
			if (tc[t])
				add_choice(sb, start,
					   event_type_name((enum event_type)t),
					   tc[t]);
		break;
	}
	case CH_COUNTRY:
		strbuf_addstr(sb, "Countries here: ");
		start = sb->len;
		memset(counts, 0, sizeof(counts));
		for (size_t i = 0; i < vw->m.n; i++) {
			const char *cc = vw->m.items[i].ev->country;
			if (cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' &&
			    cc[1] <= 'Z')
				counts[(cc[0] - 'A') * 26 + (cc[1] - 'A')]++;
		}
		for (int k = 0; k < 26 * 26; k++) {
			char cc[3] = {(char)('A' + k / 26),
				      (char)('A' + k % 26), '\0'};
			const char *name = country_name(cc);
			struct strbuf label = STRBUF_INIT;

			if (!counts[k])
				continue;
			strbuf_addstr(&label, cc);
			if (name)
				strbuf_addf(&label, " %s", name);
			add_choice(sb, start, label.buf, counts[k]);
			strbuf_release(&label);
		}
		break;
	case CH_CITY:
		strbuf_addstr(sb, "Cities here: ");
		start = sb->len;
		cn = xcalloc(vw->m.n ? vw->m.n : 1, sizeof(*cn));
		for (size_t i = 0; i < vw->m.n; i++) {
			const struct event *ev = vw->m.items[i].ev;
			size_t n;

			if (!ev->city)
				continue;
			n = strlen(ev->city) + 1;
			cn[ncn].key = xmalloc(n);
			utf8_fold(ev->city, cn[ncn].key, n, 0);
			cn[ncn++].ev = ev;
		}
		qsort(cn, ncn, sizeof(*cn), cmp_city);
		for (size_t i = 0, j; i < ncn; i = j) {
			struct strbuf label = STRBUF_INIT;

			for (j = i + 1; j < ncn && !cmp_city(&cn[i], &cn[j]);
			     j++)
				;
			strbuf_addstr(&label, cn[i].ev->city);
			if (cn[i].ev->country[0])
				strbuf_addf(&label, ", %s", cn[i].ev->country);
			add_choice(sb, start, label.buf, j - i);
			strbuf_release(&label);
		}
		for (size_t i = 0; i < ncn; i++)
			free(cn[i].key);
		free(cn);
		break;
	}
}

/*
 * The choices, over the bottom of the rows while the prompt is asked:
 * whole items to a line, as many lines as half the rows hold, "…" when
 * there are more.
 */
static void draw_choices(struct viewer *vw)
{
	int bottom = vw->status_y >= 0 ? vw->status_y : vw->rows;
	int room = vw->nrows / 2 > 0 ? vw->nrows / 2 : 1, nlines = 0;
	const char *p = vw->choices.buf;
	struct strbuf *lines;

	if (!vw->choices.len || vw->cols < 4 || vw->nrows < 1)
		return;
	lines = xcalloc((size_t)room, sizeof(*lines));
	while (*p && nlines < room) {
		struct strbuf *ln = &lines[nlines++];

		strbuf_init(ln);
		strbuf_addch(ln, ' ');
		for (;;) {
			const char *sep = strchr(p, CHOICE_SEP);
			size_t n = sep ? (size_t)(sep - p) : strlen(p);
			struct strbuf item = STRBUF_INIT;
			bool fits;

			strbuf_add(&item, p, n);
			fits = utf8_width(ln->buf) + utf8_width(item.buf) + 2 <=
			       (size_t)vw->cols;
			/* A first item wider than the line is cut below. */
			if (fits || ln->len == 1) {
				strbuf_addstr(ln, item.buf);
				p += n;
				if (*p == CHOICE_SEP)
					p++;
			}
			strbuf_release(&item);
			if (!fits || !*p)
				break;
			strbuf_addstr(ln, "  ");
		}
	}
	if (*p && nlines) {
		struct strbuf *ln = &lines[nlines - 1];
		struct strbuf cut = STRBUF_INIT;

		strbuf_addstr(ln, " \u2026");
		layout_fit(&cut, ln->buf, (size_t)vw->cols - 1, false);
		if (utf8_width(cut.buf) < utf8_width(ln->buf)) {
			strbuf_release(ln);
			*ln = cut;
		} else {
			strbuf_release(&cut);
		}
	}
	for (int k = 0; k < nlines; k++) {
		put_fitted(bottom - nlines + k, 0, lines[k].buf, vw->cols,
			   k == 0 ? R_HEADING : R_NORMAL);
		strbuf_release(&lines[k]);
	}
	free(lines);
}

/* Ask with the choices listed; they go when the prompt does. */
static int prompt_choices(struct viewer *vw, const char *question,
			  enum choice what)
{
	int r;

	list_choices(vw, what);
	r = prompt(vw, question);
	strbuf_reset(&vw->choices);
	return r;
}

static int key_filter(struct viewer *vw)
{
	uint32_t key;
	int r;

	/* Short enough for 80 columns beside "? help". */
	message(vw, "Filter: t type, c country, i city, p participant, "
		    "x clear, Esc cancel");
	draw(vw);
	do {
		r = screen_key(&key);
		if (r < 0 && screen_signal())
			return QUIT;
		if (r == 1 && key == KEY_RESIZE)
			draw(vw);
	} while (r < 0 || (r == 1 && key == KEY_RESIZE));
	strbuf_reset(&vw->msg);
	if (r != 0)
		return REDRAW;
	switch (key) {
	case 'x':
		vw->type_mask = 0;
		vw->country[0] = '\0';
		free(vw->city);
		vw->city = NULL;
		free(vw->with);
		vw->with = NULL;
		apply_filter(vw);
		message(vw, "filter cleared");
		return REDRAW;
	case 't':
		r = prompt_choices(vw, "Type: ", CH_TYPE);
		if (r > 0 && vw->answer.len) {
			int t = event_type_parse(vw->answer.buf);
			if (t < 0) {
				message(vw, "unknown type (visit, meeting, "
					    "summit, conference, interview, "
					    "press, travel, reception, call, "
					    "other)");
				return REDRAW;
			}
			vw->type_mask = 1u << t;
		}
		break;
	case 'c':
		r = prompt_choices(vw, "Country (code or name): ", CH_COUNTRY);
		if (r > 0 && vw->answer.len) {
			const char *cc = country_lookup(vw->answer.buf);
			if (!cc) {
				struct strbuf sb = STRBUF_INIT;
				utf8_sanitize(&sb, vw->answer.buf);
				message(vw, "unknown country '%s'", sb.buf);
				strbuf_release(&sb);
				return REDRAW;
			}
			memcpy(vw->country, cc, 3);
		}
		break;
	case 'i':
		r = prompt_choices(vw, "City: ", CH_CITY);
		if (r > 0 && vw->answer.len) {
			size_t i;

			for (i = 0; i < vw->m.n; i++)
				if (vw->m.items[i].ev->city &&
				    text_contains_folded(
					vw->m.items[i].ev->city,
					vw->answer.buf))
					break;
			if (i == vw->m.n) {
				struct strbuf sb = STRBUF_INIT;
				utf8_sanitize(&sb, vw->answer.buf);
				message(vw, "no event in a city '%s'", sb.buf);
				strbuf_release(&sb);
				return REDRAW;
			}
			free(vw->city);
			vw->city = xstrdup(vw->answer.buf);
		}
		break;
	case 'p':
		r = prompt(vw, "Participant: ");
		if (r > 0 && vw->answer.len) {
			free(vw->with);
			vw->with = xstrdup(vw->answer.buf);
		}
		break;
	default:
		return REDRAW;
	}
	if (r < 0)
		return QUIT;
	if (r > 0 && vw->answer.len)
		apply_filter(vw);
	return REDRAW;
}

static void move_cursor(struct viewer *vw, long delta)
{
	long c = (long)vw->cur + delta;

	if (!vw->n)
		return;
	if (c < 0)
		c = 0;
	if (c >= (long)vw->n)
		c = (long)vw->n - 1;
	vw->cur = (size_t)c;
	follow_cursor(vw);
}

static void move_time(struct viewer *vw, int64_t cols)
{
	vw->lv.t0 = layout_time_at(&vw->lv, cols);
	cursor_into_window(vw);
}

/* Keys that work the same in the timeline and the agenda. */
static int common_key(struct viewer *vw, uint32_t key, bool code)
{
	long page = vw->nrows > 1 ? vw->nrows - 1 : 1;

	if (code) {
		switch (key) {
		case KEY_DOWN:
			move_cursor(vw, 1);
			return REDRAW;
		case KEY_UP:
			move_cursor(vw, -1);
			return REDRAW;
		case KEY_NPAGE:
			move_cursor(vw, page);
			return REDRAW;
		case KEY_PPAGE:
			move_cursor(vw, -page);
			return REDRAW;
		case KEY_HOME:
			move_cursor(vw, -(long)vw->n);
			return REDRAW;
		case KEY_END:
			move_cursor(vw, (long)vw->n);
			return REDRAW;
		case KEY_ENTER:
			break;
		default:
			return 0;
		}
	}
	switch (key) {
	case 'j':
		move_cursor(vw, 1);
		return REDRAW;
	case 'k':
		move_cursor(vw, -1);
		return REDRAW;
	case CTRL('F'):
		move_cursor(vw, page);
		return REDRAW;
	case CTRL('B'):
		move_cursor(vw, -page);
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
	case 't': {
		int64_t today = layout_day_start(
		    vw->o->axis, layout_day_of(vw->o->axis, vw->o->now));
		show_time(vw, vw->o->now);
		vw->cur = layout_first_from(vw->v, vw->n, vw->maxe, today);
		if (vw->cur >= vw->n)
			vw->cur = vw->n ? vw->n - 1 : 0;
		return REDRAW;
	}
	case 'g':
		return key_goto(vw);
	case '/':
		return key_search(vw);
	case 'n':
		find_next(vw, 1);
		return REDRAW;
	case 'N':
		find_next(vw, -1);
		return REDRAW;
	case 'f':
		return key_filter(vw);
	case '?':
		vw->back = vw->pane;
		vw->pane = P_HELP;
		vw->scroll = 0;
		return REDRAW;
	case CTRL('L'):
		clearok(curscr, TRUE);
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
			move_time(vw, -step);
			return REDRAW;
		case KEY_RIGHT:
			move_time(vw, step);
			return REDRAW;
		case KEY_SLEFT:
			move_time(vw, -page);
			return REDRAW;
		case KEY_SRIGHT:
			move_time(vw, page);
			return REDRAW;
		}
		return common_key(vw, key, code);
	}
	switch (key) {
	case 'h':
		move_time(vw, -step);
		return REDRAW;
	case 'l':
		move_time(vw, step);
		return REDRAW;
	case 'H':
		move_time(vw, -page);
		return REDRAW;
	case 'L':
		move_time(vw, page);
		return REDRAW;
	case '+':
	case '=':
		if (vw->zoom == 0)
			message(vw, "closest zoom already");
		else
			set_zoom(vw, vw->zoom - 1);
		return REDRAW;
	case '-':
	case '_':
		if (vw->zoom + 1 >= layout_zoom_count())
			message(vw, "widest zoom already");
		else
			set_zoom(vw, vw->zoom + 1);
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
		agenda_step(vw, 1);
		return REDRAW;
	}
	if ((code && key == KEY_UP) || (!code && key == 'k')) {
		agenda_step(vw, -1);
		return REDRAW;
	}
	if (!code && (key == 'q' || key == KEY_ESC || key == 'a')) {
		vw->pane = P_TIMELINE;
		follow_cursor(vw);
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
			follow_cursor(vw);
		return REDRAW;
	case '?':
		if (vw->pane != P_HELP) {
			vw->pane = P_HELP;
			vw->scroll = 0;
		}
		return REDRAW;
	case CTRL('L'):
		clearok(curscr, TRUE);
		return REDRAW;
	}
	return HANDLED;
}

static int handle_key(struct viewer *vw, uint32_t key, bool code)
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

/* Where the viewer opens: --from/--to; else around today when events are
 * near it; else around the event nearest to today. */
static void opening(struct viewer *vw)
{
	const struct view_opts *o = vw->o;
	int cols = vw->lv.cols > 0 ? vw->lv.cols : 1;
	const struct tz *z = o->axis;
	int64_t week = 7 * ITIN_DAY, now = o->now;
	int64_t today = layout_day_start(z, layout_day_of(z, now));

	if (o->has_from || o->has_to) {
		int64_t d0 = o->has_from ? o->from_day : o->to_day - 6;
		int64_t d1 = o->has_to ? o->to_day + 1 : d0 + 7;
		int64_t from = layout_day_start(z, d0);
		int64_t to = layout_day_start(z, d1);

		vw->zoom = layout_zoom_fit(to - from, cols);
		vw->lv.spc = layout_zoom_spc(vw->zoom);
		vw->lv.t0 = layout_align(z, from, vw->lv.spc);
		vw->cur = layout_lower_bound(vw->v, vw->n, from);
		if (vw->cur >= vw->n)
			vw->cur = vw->n ? vw->n - 1 : 0;
		return;
	}
	vw->zoom = layout_zoom_fit(week, cols);
	vw->lv.spc = layout_zoom_spc(vw->zoom);
	if (!vw->n) {
		show_time(vw, now);
		return;
	}
	vw->cur = layout_nearest(vw->v, vw->n, now);
	if (vw->v[vw->cur].s > now + week ||
	    (vw->v[vw->cur].e < now - week && vw->v[vw->cur].s < now - week)) {
		/* Nothing near today: open on the nearest events. */
		show_time(vw, layout_day_start(
				  z, layout_day_of(z, vw->v[vw->cur].s)));
		return;
	}
	show_time(vw, today);
	vw->cur = layout_lower_bound(vw->v, vw->n, today);
	if (vw->cur >= vw->n)
		vw->cur = vw->n - 1;
}

static void viewer_release(struct viewer *vw)
{
	layout_model_release(&vw->m);
	free(vw->v);
	free(vw->maxe);
	layout_visible_release(&vw->vis);
	free(vw->ag);
	free(vw->ag_line);
	free(vw->city);
	strbuf_release(&vw->choices);
	free(vw->search);
	free(vw->needle);
	free(vw->with);
	strbuf_release(&vw->msg);
	strbuf_release(&vw->scratch);
	strbuf_release(&vw->answer);
}

/* --bench-keys: type the keys, timing each from handling to the screen
 * written; report after the terminal is restored. */
static void bench(struct viewer *vw, const char *keys, int64_t first,
		  struct strbuf *report)
{
	int64_t total = 0, max = 0;
	size_t n = 0;

	for (const char *k = keys; *k; k++, n++) {
		int64_t t0 = now_ns(), dt;

		handle_key(vw, (unsigned char)*k, false);
		draw(vw);
		dt = now_ns() - t0;
		total += dt;
		if (dt > max)
			max = dt;
	}
	strbuf_addf(report,
		    "first screen %.1f ms; %zu keys: %.3f ms mean, %.3f ms "
		    "max\n",
		    (double)first / 1e6, n,
		    n ? (double)total / (double)n / 1e6 : 0.0,
		    (double)max / 1e6);
}

int tui_view(const struct view_opts *o)
{
	struct viewer vw;
	struct strbuf report = STRBUF_INIT;
	char err[256];
	int sig;

	memset(&vw, 0, sizeof(vw));
	vw.o = o;
	strbuf_init(&vw.msg);
	strbuf_init(&vw.scratch);
	strbuf_init(&vw.answer);
	strbuf_init(&vw.choices);
	layout_model_init(&vw.m, o->events->v, o->events->n, o->axis);
	vw.lv.tz = o->axis;
	vw.v = xcalloc(vw.m.n ? vw.m.n : 1, sizeof(*vw.v));
	vw.maxe = xcalloc(vw.m.n ? vw.m.n : 1, sizeof(*vw.maxe));
	apply_filter(&vw);

	if (screen_init(err, sizeof(err))) {
		viewer_release(&vw);
		fprintf(stderr, "itin: %s\n", err);
		return 1;
	}
	geometry(&vw);
	opening(&vw);
	/* What the command line said before the screen opened (a note on
	 * --in's zone): the screen would hide it until the end. */
	if (o->start_msg && *o->start_msg)
		message(&vw, "%s", o->start_msg);
	draw(&vw);
	if (o->bench_keys) {
		bench(&vw, o->bench_keys, now_ns() - o->start_ns, &report);
	} else {
		for (;;) {
			uint32_t key;
			int r = screen_key(&key), flags;

			if (r < 0) {
				if (screen_signal())
					break;
				continue;
			}
			if (r == 1 && key == KEY_RESIZE) {
				draw(&vw);
				continue;
			}
			flags = handle_key(&vw, key, r == 1);
			if (flags & QUIT || screen_signal())
				break;
			if (flags & REDRAW)
				draw(&vw);
		}
	}
	screen_done();
	viewer_release(&vw);
	if (report.len)
		fprintf(stderr, "itin: bench: %s", report.buf);
	strbuf_release(&report);
	sig = screen_signal();
	if (sig) {
		/* Die of the signal, as the shell expects of Ctrl-C. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
