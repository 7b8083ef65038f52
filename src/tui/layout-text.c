/*
 * layout-text.c: the texts of a timeline (layout.h): an event's label,
 * text fitted to columns, the glyph of a cell, and `itin timeline`'s
 * whole output (layout_text).
 */
#include <stdint.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/utf8.h"
#include "layout.h"

void layout_event_label(struct strbuf *sb, const struct event *ev)
{
	struct strbuf raw = STRBUF_INIT;

	strbuf_addstr(&raw, ev->title ? ev->title : "");
	if (ev->city || ev->country[0] || ev->venue) {
		strbuf_addstr(&raw, " @ ");
		if (ev->city) {
			strbuf_addstr(&raw, ev->city);
			if (ev->country[0])
				strbuf_addf(&raw, ", %s", ev->country);
		} else if (ev->venue) {
			strbuf_addstr(&raw, ev->venue);
			if (ev->country[0])
				strbuf_addf(&raw, ", %s", ev->country);
		} else {
			strbuf_addstr(&raw, ev->country);
		}
	}
	if (ev->status != EV_CONFIRMED)
		strbuf_addf(&raw, " (%s)", event_status_name(ev->status));
	utf8_sanitize(sb, raw.buf);
	strbuf_release(&raw);
}

void layout_fit(struct strbuf *sb, const char *s, size_t cols, bool pad)
{
	size_t w = utf8_width(s), used, n;

	if (w <= cols) {
		strbuf_addstr(sb, s);
		used = w;
	} else if (cols == 0) {
		used = 0;
	} else {
		n = utf8_prefix_fitting(s, cols - 1, &used);
		strbuf_add(sb, s, n);
		strbuf_addstr(sb, "\u2026");
		used++;
	}
	if (pad && used < cols)
		strbuf_addspaces(sb, cols - used);
}

int layout_label_cols(int width, size_t widest)
{
	int lw;

	if (width < 10 || widest == 0)
		return 0;
	lw = width * 2 / 5;
	if (widest < (size_t)lw)
		lw = (int)widest;
	return lw < 3 ? 0 : lw;
}

const char *layout_glyph(const struct layout_cell *c, bool ascii)
{
	switch (c->kind) {
	case LC_GRID:
		return ascii ? "." : "\u00b7";
	case LC_TODAY:
		return ascii ? "|" : "\u2502";
	case LC_BAR:
		if (c->status == EV_CANCELLED)
			return ascii ? "-" : "\u2591";
		if (c->status == EV_TENTATIVE)
			return ascii ? "+" : "\u2592";
		return ascii ? "#" : "\u2588";
	case LC_POINT:
		return ascii ? "*" : "\u25c6";
	case LC_BEFORE:
		return ascii ? "<" : "\u25c2";
	case LC_AFTER:
		return ascii ? ">" : "\u25b8";
	default:
		return " ";
	}
}

/* ANSI foreground colours by type, for a terminal. */
static const char *type_sgr(unsigned type)
{
	static const char *const sgr[EV_TYPE_COUNT] = {
	    [EV_VISIT] = "32",	    [EV_MEETING] = "34",   [EV_SUMMIT] = "31",
	    [EV_CONFERENCE] = "35", [EV_INTERVIEW] = "36", [EV_PRESS] = "33",
	    [EV_TRAVEL] = "37",	    [EV_RECEPTION] = "95", [EV_CALL] = "96",
	    [EV_OTHER] = "90",
	};
	return type < EV_TYPE_COUNT ? sgr[type] : "0";
}

static void trim_right(struct strbuf *sb, size_t from)
{
	while (sb->len > from && sb->buf[sb->len - 1] == ' ')
		sb->len--;
	sb->buf[sb->len] = '\0';
}

static void text_cells(struct strbuf *out, const struct layout_line *ln,
		       bool colour)
{
	const char *cur = NULL;
	size_t sp = 0;

	for (int c = 0; c < ln->cols;) {
		const struct layout_cell *cell = &ln->cells[c];
		const char *want = NULL;

		if (cell->kind == LC_TEXT) {
			while (sp < ln->nspans && ln->spans[sp].col < c)
				sp++;
			if (sp < ln->nspans && ln->spans[sp].col == c) {
				if (cur) {
					strbuf_addstr(out, "\033[0m");
					cur = NULL;
				}
				strbuf_addstr(out, ln->spans[sp].text);
				c += ln->spans[sp].cols;
				continue;
			}
			strbuf_addch(out, ' ');
			c++;
			continue;
		}
		if (colour && cell->kind != LC_EMPTY && cell->kind != LC_GRID &&
		    cell->kind != LC_TODAY)
			want = type_sgr(cell->type);
		if (want != cur) {
			if (cur)
				strbuf_addstr(out, "\033[0m");
			if (want)
				strbuf_addf(out, "\033[%sm", want);
			cur = want;
		}
		strbuf_addstr(out, layout_glyph(cell, false));
		c++;
	}
	if (cur)
		strbuf_addstr(out, "\033[0m");
}

/* "Times in Asia/Tokyo": every bar is on that clock. */
static void zone_caption(struct strbuf *sb, const char *zone)
{
	strbuf_addstr(sb, "Times in ");
	utf8_sanitize(sb, zone);
}

/* The range of the timeline: --from and --to, else the events', in whole
 * local days: a timeline of reports begins and ends at midnight. */
static void text_range(const struct layout_model *m,
		       const struct layout_text_opts *o, int64_t *from,
		       int64_t *to)
{
	*from = m->items[0].s;
	*to = m->items[0].e;
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i].e > *to)
			*to = m->items[i].e;
	if (o->has_from)
		*from = layout_day_start(m->tz, o->from_day);
	if (o->has_to)
		*to = layout_day_start(m->tz, o->to_day + 1);
	*from = layout_day_start(m->tz, layout_day_of(m->tz, *from));
	if (*to <= *from)
		*to = layout_day_start(m->tz, layout_day_of(m->tz, *from) + 1);
	*to = layout_day_start(m->tz, layout_day_of(m->tz, *to - 1) + 1);
}

/* The columns of the label column, from the widest label of the rows. */
static int text_label_cols(const struct layout_rows *rows, int width)
{
	size_t widest = 0;

	for (size_t i = 0; i < rows->n; i++) {
		size_t w = utf8_width(rows->v[i].label);
		if (w > widest)
			widest = w;
	}
	return layout_label_cols(width, widest);
}

/* The closest zoom whose v->cols columns from `from` reach `to`. */
static void text_zoom(struct layout_view *v, int64_t from, int64_t to)
{
	size_t level = layout_zoom_fit(to - from, v->cols);

	for (;;) {
		v->spc = layout_zoom_spc(level);
		v->t0 = layout_align(v->tz, from, v->spc);
		if (layout_time_at(v, v->cols) >= to ||
		    level + 1 >= layout_zoom_count())
			break;
		level++;
	}
}

/*
 * The two axis lines after the label column. The axis's zone: above the
 * labels where it fits, else on a line of its own, never cut to a zone
 * that does not exist.
 */
static void text_axis(struct strbuf *out, const struct layout_view *v,
		      const char *zone, int width, int lw)
{
	struct layout_axis axis;
	struct strbuf caption = STRBUF_INIT;

	layout_axis_build(v, &axis);
	if (zone) {
		zone_caption(&caption, zone);
		if (utf8_width(caption.buf) > (size_t)lw) {
			layout_fit(out, caption.buf, (size_t)width, false);
			strbuf_addch(out, '\n');
			strbuf_reset(&caption);
		}
	}
	for (int k = 0; k < 2; k++) {
		size_t start = out->len;

		if (k == 0 && caption.len)
			layout_fit(out, caption.buf, (size_t)lw, true);
		else
			strbuf_addspaces(out, (size_t)(lw ? lw : 0));
		if (lw)
			strbuf_addch(out, ' ');
		strbuf_addstr(out, k == 0 ? axis.top : axis.bottom);
		trim_right(out, start);
		strbuf_addch(out, '\n');
	}
	layout_axis_release(&axis);
	strbuf_release(&caption);
}

/* A line a row: its label, then its cells. */
static void text_rows(struct strbuf *out, const struct layout_model *m,
		      const struct layout_view *v,
		      const struct layout_rows *rows, int lw,
		      const struct layout_text_opts *o)
{
	bool grouped = o->by != LAYOUT_BY_NONE;
	struct layout_line ln;

	layout_line_init(&ln, v->cols);
	for (size_t i = 0; i < rows->n; i++) {
		size_t start = out->len;

		if (lw) {
			layout_fit(out, rows->v[i].label, (size_t)lw, true);
			strbuf_addch(out, ' ');
		}
		layout_line_clear(&ln, NULL, -1);
		layout_line_row(&ln, m, v, &rows->v[i], grouped);
		text_cells(out, &ln, o->colour);
		trim_right(out, start);
		strbuf_addch(out, '\n');
	}
	layout_line_release(&ln);
}

void layout_text(struct strbuf *out, const struct layout_model *m,
		 const struct layout_text_opts *o)
{
	struct layout_rows rows;
	struct layout_view v;
	int64_t from, to;
	int width = o->width > 0 ? o->width : 1, lw;
	bool grouped = o->by != LAYOUT_BY_NONE;

	if (!m->n)
		return;
	text_range(m, o, &from, &to);
	/* The labels decide the chart's width, the chart the lanes. */
	v.t0 = from;
	v.spc = ITIN_DAY;
	v.cols = width;
	v.tz = m->tz;
	layout_rows_build(m, o->by, &v, &rows);
	lw = text_label_cols(&rows, width);
	v.cols = width - (lw ? lw + 1 : 0);
	if (v.cols < 1)
		v.cols = 1;
	text_zoom(&v, from, to);
	/* The range asked for, not what the zoom's columns would reach:
	 * --to 2023-02-02 ends the axis there, the chart narrower. Rows by
	 * group keep the width: their titles follow the bars in it. */
	if (o->has_to && !grouped && layout_time_at(&v, v.cols) > to) {
		int64_t need = layout_col(&v, to - 1) + 1;

		v.cols = need < 1 ? 1 : (int)need;
	}
	if (grouped) {
		layout_rows_release(&rows);
		layout_rows_build(m, o->by, &v, &rows);
	}
	text_axis(out, &v, o->zone, width, lw);
	text_rows(out, m, &v, &rows, lw, o);
	layout_rows_release(&rows);
}
