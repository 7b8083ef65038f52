/*
 * view.c: the viewer's state (view.h): where the window and the cursor
 * are and how they move, the filtered items, where the viewer opens, and
 * the main loop, tui_view. Drawing is view-draw.c's, keys view-keys.c's.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "cursesdl.h"
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itin/datetime.h"
#include "itin/filter.h"
#include "itin/xalloc.h"
#include "view.h"

/* The label column never takes more than this. */
#define MAX_LABEL 40

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void view_message(struct viewer *vw, const char *fmt, ...)
{
	va_list ap;

	strbuf_reset(&vw->msg);
	va_start(ap, fmt);
	strbuf_vaddf(&vw->msg, fmt, ap);
	va_end(ap);
}

/* Geometry: which line shows what, for any size down to one cell. */
void view_geometry(struct viewer *vw)
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
void view_show_time(struct viewer *vw, int64_t t)
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
void view_follow_cursor(struct viewer *vw)
{
	/* Before opening() there is no window yet. */
	if (vw->lv.spc <= 0)
		return;
	if (vw->n && !cursor_visible_in_time(vw))
		view_show_time(vw, vw->v[vw->cur].s);
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

size_t view_nvisible(const struct viewer *vw)
{
	return layout_visible_count(&vw->vis);
}

size_t view_visible_item(const struct viewer *vw, size_t k)
{
	return layout_visible_item(&vw->vis, k);
}

static size_t visible_row(const struct viewer *vw, size_t i)
{
	return layout_visible_row(&vw->vis, i);
}

void view_keep_rows(struct viewer *vw)
{
	size_t nr = vw->nrows > 0 ? (size_t)vw->nrows : 1, n, row;

	find_visible(vw);
	n = view_nvisible(vw);
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

void view_set_zoom(struct viewer *vw, size_t level)
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
void view_apply_filter(struct viewer *vw)
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
	view_follow_cursor(vw);
}

void view_move_cursor(struct viewer *vw, long delta)
{
	long c = (long)vw->cur + delta;

	if (!vw->n)
		return;
	if (c < 0)
		c = 0;
	if (c >= (long)vw->n)
		c = (long)vw->n - 1;
	vw->cur = (size_t)c;
	view_follow_cursor(vw);
}

void view_move_time(struct viewer *vw, int64_t cols)
{
	vw->lv.t0 = layout_time_at(&vw->lv, cols);
	cursor_into_window(vw);
}

void view_go_to_day(struct viewer *vw, int64_t day)
{
	int64_t t = layout_day_start(vw->o->axis, day);

	view_show_time(vw, t);
	/* An event still going on that day counts: the night that ends on
	 * the morning of the date is where the date begins. */
	vw->cur = layout_first_from(vw->v, vw->n, vw->maxe, t);
	if (vw->cur >= vw->n)
		vw->cur = vw->n ? vw->n - 1 : 0;
}

void view_go_today(struct viewer *vw)
{
	int64_t today = layout_day_start(
	    vw->o->axis, layout_day_of(vw->o->axis, vw->o->now));
	view_show_time(vw, vw->o->now);
	vw->cur = layout_first_from(vw->v, vw->n, vw->maxe, today);
	if (vw->cur >= vw->n)
		vw->cur = vw->n ? vw->n - 1 : 0;
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
		view_show_time(vw, now);
		return;
	}
	vw->cur = layout_nearest(vw->v, vw->n, now);
	if (vw->v[vw->cur].s > now + week ||
	    (vw->v[vw->cur].e < now - week && vw->v[vw->cur].s < now - week)) {
		/* Nothing near today: open on the nearest events. */
		view_show_time(vw, layout_day_start(
				       z, layout_day_of(z, vw->v[vw->cur].s)));
		return;
	}
	view_show_time(vw, today);
	vw->cur = layout_lower_bound(vw->v, vw->n, today);
	if (vw->cur >= vw->n)
		vw->cur = vw->n - 1;
}

/*
 * Whether the first days (o->partial) decide the first screen as the
 * whole store would: the event nearest to now begins within a week of
 * it (every event beginning within FIRST_DAYS is there, so it is the
 * store's nearest, and opening() opens on today), one begins from today
 * on (the cursor's), and the window lies within the days read (every
 * event with something in it is there).
 */
static bool first_days_suffice(const struct viewer *vw)
{
	const struct view_opts *o = vw->o;
	const struct tz *z = o->axis;
	int64_t from = layout_day_start(z, o->part_from_day);
	int64_t to = layout_day_start(z, o->part_to_day + 1);
	int64_t week = 7 * ITIN_DAY, now = o->now;
	int64_t today = layout_day_start(z, layout_day_of(z, now));
	size_t i;

	if (!vw->n)
		return false;
	i = layout_nearest(vw->v, vw->n, now);
	if (vw->v[i].s > now + week || vw->v[i].s < now - week)
		return false;
	if (layout_lower_bound(vw->v, vw->n, today) == vw->n)
		return false;
	return vw->lv.t0 >= from && vw->lv.t0 + chart_span(vw) <= to;
}

/* The whole store in place of the first days (o->load_all), the cursor
 * on the same event, the window where it was. 0 or load_all's status. */
static int load_rest(struct viewer *vw)
{
	const struct evlist *all;
	struct layout_item keep = {NULL, 0, 0};
	size_t n, i;
	int status;

	if (vw->n)
		keep = vw->v[vw->cur];
	vw->partial = false;
	if ((status = vw->o->load_all(vw->o->load_ctx, &all, &vw->ids)))
		return status;
	layout_model_release(&vw->m);
	layout_model_init(&vw->m, all->v, all->n, vw->o->axis);
	n = vw->m.n ? vw->m.n : 1;
	vw->v = xrealloc(vw->v, n * sizeof(*vw->v));
	vw->maxe = xrealloc(vw->maxe, n * sizeof(*vw->maxe));
	/* The cursor's event, read again: the one with its id (ids are
	 * unique) among those beginning when it did. */
	i = layout_lower_bound(vw->m.items, vw->m.n, keep.s);
	while (keep.ev && i < vw->m.n && vw->m.items[i].s == keep.s &&
	       strcmp(vw->m.items[i].ev->id, keep.ev->id))
		i++;
	if (keep.ev && i < vw->m.n && vw->m.items[i].s == keep.s)
		vw->v[vw->cur].ev = vw->m.items[i].ev;
	view_apply_filter(vw);
	return 0;
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
static int cmp_ns(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void bench(struct viewer *vw, const char *keys, int64_t first,
		  struct strbuf *report)
{
	size_t n = strlen(keys);
	int64_t total = 0, rest = now_ns();
	int64_t *dt = xcalloc(n ? n : 1, sizeof(*dt));

	/* As after any first screen of the first days: not a key's cost. */
	if (vw->partial && load_rest(vw)) {
		free(dt);
		return;
	}
	rest = now_ns() - rest;
	for (size_t k = 0; k < n; k++) {
		int64_t t0 = now_ns();

		view_handle_key(vw, (unsigned char)keys[k], false);
		view_draw(vw);
		dt[k] = now_ns() - t0;
		total += dt[k];
	}
	qsort(dt, n, sizeof(*dt), cmp_ns);
	strbuf_addf(report,
		    "first screen %.1f ms; the rest of the store %.1f ms; %zu "
		    "keys: %.3f ms median, %.3f ms mean, %.3f ms max\n",
		    (double)first / 1e6, (double)rest / 1e6, n,
		    n ? (double)dt[n / 2] / 1e6 : 0.0,
		    n ? (double)total / (double)n / 1e6 : 0.0,
		    n ? (double)dt[n - 1] / 1e6 : 0.0);
	free(dt);
}

/* Read keys until one quits or a signal stops us; the one place that
 * reads keys outside a prompt, and handles KEY_RESIZE. */
static void key_loop(struct viewer *vw)
{
	for (;;) {
		uint32_t key;
		int r = screen_key(&key), flags;

		if (r < 0) {
			if (screen_signal())
				break;
			continue;
		}
		if (r == 1 && key == KEY_RESIZE) {
			view_draw(vw);
			continue;
		}
		flags = view_handle_key(vw, key, r == 1);
		if (flags & QUIT || screen_signal())
			break;
		if (flags & REDRAW)
			view_draw(vw);
	}
}

/* The first screen, then the rest of the store when only its first days
 * were given, then the keys (or the bench's). 0 or load_all's status. */
static int run(struct viewer *vw, struct strbuf *report)
{
	const struct view_opts *o = vw->o;
	int status;

	view_geometry(vw);
	opening(vw);
	if (vw->partial && !first_days_suffice(vw)) {
		if ((status = load_rest(vw)))
			return status;
		opening(vw);
	}
	/* What the command line said before the screen opened (a note on
	 * --in's zone): the screen would hide it until the end. */
	if (o->start_msg && *o->start_msg)
		view_message(vw, "%s", o->start_msg);
	view_draw(vw);
	if (o->bench_keys) {
		bench(vw, o->bench_keys, now_ns() - o->start_ns, report);
		return 0;
	}
	/* Keys typed meanwhile wait in the terminal: each key sees every
	 * event. */
	if (vw->partial) {
		if ((status = load_rest(vw)))
			return status;
		view_draw(vw);
	}
	key_loop(vw);
	return 0;
}

int tui_view(const struct view_opts *o)
{
	struct viewer vw;
	struct strbuf report = STRBUF_INIT;
	char err[256];
	int sig, status;

	memset(&vw, 0, sizeof(vw));
	vw.o = o;
	vw.partial = o->partial && o->load_all;
	vw.ids = o->ids;
	strbuf_init(&vw.msg);
	strbuf_init(&vw.scratch);
	strbuf_init(&vw.answer);
	strbuf_init(&vw.choices);
	layout_model_init(&vw.m, o->events->v, o->events->n, o->axis);
	vw.lv.tz = o->axis;
	vw.v = xcalloc(vw.m.n ? vw.m.n : 1, sizeof(*vw.v));
	vw.maxe = xcalloc(vw.m.n ? vw.m.n : 1, sizeof(*vw.maxe));
	view_apply_filter(&vw);

	if (screen_init(err, sizeof(err))) {
		viewer_release(&vw);
		fprintf(stderr, "itin: %s\n", err);
		return 1;
	}
	status = run(&vw, &report);
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
	return status;
}
