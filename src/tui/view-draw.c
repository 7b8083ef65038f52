/*
 * view-draw.c: the screen from the viewer's state (view.h): the title,
 * the timeline's axis and rows, the text panes (details, help) and the
 * status line. Everything goes through screen.c; no key is read here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/evdetail.h"
#include "itin/utf8.h"
#include "view.h"

void view_put_fitted(int y, int x, const char *s, int cols, enum role r)
{
	struct strbuf sb = STRBUF_INIT;

	if (cols <= 0)
		return;
	layout_fit(&sb, s, (size_t)cols, true);
	screen_put(y, x, sb.buf, r);
	strbuf_release(&sb);
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

static void draw_title(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;
	struct layout_axis axis;

	size_t n = vw->partial ? vw->o->total : vw->n;

	if (vw->title_y < 0)
		return;
	layout_axis_build(&vw->lv, &axis);
	/* What is shown first (the filter, the search), then on which
	 * clock and at which zoom: the end is what a narrow screen cuts. */
	strbuf_addf(&sb, " itin view  %zu event%s", n, n == 1 ? "" : "s");
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
	view_put_fitted(vw->title_y, 0, sb.buf, vw->cols, R_TITLE);
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
			view_put_fitted(vw->axis_y + 1, 0, "Today \u2502",
					today >= 0 ? 7 : 0, R_TODAY);
	}
	layout_line_init(&line, vw->lv.cols);
	for (int r = 0; r < vw->nrows; r++) {
		size_t k = vw->top + (size_t)r, i;
		int y = vw->row_y0 + r;
		bool cur;

		if (k >= view_nvisible(vw))
			break;
		i = view_visible_item(vw, k);
		cur = i == vw->cur;
		if (vw->label_cols) {
			strbuf_reset(&sb);
			layout_event_label(&sb, vw->v[i].ev);
			view_put_fitted(y, 0, sb.buf, vw->label_cols,
					cur ? R_CURSOR : R_LABEL);
		}
		layout_line_clear(&line, axis.grid, today);
		layout_line_item(&line, &vw->lv, &vw->v[i], true);
		for (int c = 0; c < line.cols; c++)
			if (line.cells[c].kind != LC_EMPTY)
				screen_cell(y, x0 + c, &line.cells[c], cur);
	}
	if (!vw->n && vw->nrows > 0)
		view_put_fitted(vw->row_y0, 0,
				vw->m.n
				    ? "No event passes the filter (f, x clears "
				      "it)."
				    : "No events.",
				vw->cols, R_MESSAGE);
	else if (!view_nvisible(vw) && vw->nrows > 0)
		view_put_fitted(
		    vw->row_y0, 0,
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

/* Lines of text in the rows area, wrapped, from line *scroll (kept in
 * range), under a heading. */
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
		view_put_fitted(y++, 0, heading, vw->cols, R_HEADING);
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
			view_put_fitted(y, 0, line.buf, vw->cols, R_NORMAL);
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

/* The bottom line while a prompt asks: the question, the answer so far
 * and the cursor after it. */
static void draw_prompt(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;
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
		view_put_fitted(vw->status_y, 0, s, vw->cols, R_NORMAL);
		w = (int)utf8_width(s);
	} else {
		view_put_fitted(vw->status_y, 0, sb.buf, vw->cols, R_NORMAL);
	}
	screen_cursor(vw->status_y, w < vw->cols ? w : vw->cols - 1, true);
	strbuf_release(&sb);
}

static void draw_status(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;
	enum role r = R_STATUS;

	if (vw->status_y < 0)
		return;
	if (vw->prompting) {
		draw_prompt(vw);
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
		/* The first days alone do not say the cursor's place. */
		view_status_line(&sb, vw->v[vw->cur].ev, vw->o->in, vw->ids,
				 vw->partial ? 0 : vw->cur + 1, vw->n,
				 vw->cols > 0 ? (size_t)vw->cols : 0);
		view_put_fitted(vw->status_y, 0, sb.buf, vw->cols, r);
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
		view_put_fitted(vw->status_y, 0, full.buf, vw->cols, r);
		strbuf_release(&full);
	} else {
		view_put_fitted(vw->status_y, 0, sb.buf, vw->cols, r);
	}
	screen_cursor(0, 0, false);
	strbuf_release(&sb);
}

void view_draw(struct viewer *vw)
{
	struct strbuf sb = STRBUF_INIT;

	view_geometry(vw);
	view_keep_rows(vw);
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
			    .id_short = shortid_len(vw->ids, ev->id),
			};

			evdetail_write(&sb, ev, &d);
			draw_text_pane(vw, "Event details (q: back)", sb.buf,
				       &vw->scroll);
		}
		break;
	case P_AGENDA:
		view_draw_agenda(vw);
		break;
	case P_HELP:
		draw_text_pane(vw, "Keys (q: back)", view_help_text,
			       &vw->scroll);
		break;
	}
	if (vw->prompting)
		view_draw_choices(vw);
	draw_status(vw);
	screen_update();
	strbuf_release(&sb);
}
