/*
 * view-agenda.c: the agenda pane (view.h): the events as `itin list`
 * shows them, under their days; the lines are built when the filter
 * changes, and only those on screen are fitted and drawn.
 */
#include <stdlib.h>

#include "itin/agline.h"
#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/xalloc.h"
#include "view.h"

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
	 * nothing in it; view_draw_agenda scrolls from the top to the cursor.
	 */
	vw->ag_top = 0;
}

static size_t agenda_line_of_cursor(const struct viewer *vw)
{
	return vw->n ? vw->ag_line[vw->cur] : 0;
}

/* In the agenda, the next event down (dir 1) or up (-1) its lines. */
void view_agenda_step(struct viewer *vw, long dir)
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

/* Scroll the agenda's h lines so that the cursor's line shows. */
static void agenda_scroll(struct viewer *vw, size_t h)
{
	size_t sel = agenda_line_of_cursor(vw);

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
}

/* The event lines among the h on screen into lines, fitted as `itin
 * list` fits them (agline.h): measuring all of a million would cost a
 * look-up each. Returns how many. */
static size_t agenda_fill(struct viewer *vw, size_t h, struct agline *lines,
			  struct agline_widths *w)
{
	size_t n = 0;

	for (size_t k = 0; k < h && vw->ag_top + k < vw->nag; k++) {
		const struct agenda_entry *e = &vw->ag[vw->ag_top + k];
		const struct event *ev;
		int64_t days;

		if (e->heading)
			continue;
		ev = vw->v[e->item].ev;
		/* Shown once, under its first day: its length, not a k/n. */
		days = event_last_day(ev) - event_first_day(ev) + 1;
		agline_fill(&lines[n], ev, 0, days, vw->o->in, vw->ids);
		if (!vw->ids)
			view_short_id(&lines[n].id, ev, NULL);
		n++;
	}
	agline_fit(lines, n, vw->o->in, (size_t)(vw->cols > 0 ? vw->cols : 0),
		   w);
	return n;
}

void view_draw_agenda(struct viewer *vw)
{
	int y0 = vw->title_y + 1,
	    bottom = vw->status_y >= 0 ? vw->status_y : vw->rows;
	size_t h = bottom > y0 ? (size_t)(bottom - y0) : 0, n;
	struct strbuf sb = STRBUF_INIT;
	struct agline *lines;
	struct agline_widths w = {0};

	if (!vw->ag_valid)
		build_agenda(vw);
	if (!vw->nag || !h) {
		if (h)
			view_put_fitted(y0, 0, "No events.", vw->cols,
					R_MESSAGE);
		return;
	}
	agenda_scroll(vw, h);
	lines = xcalloc(h, sizeof(*lines));
	n = agenda_fill(vw, h, lines, &w);
	for (size_t k = 0, l = 0; k < h && vw->ag_top + k < vw->nag; k++) {
		const struct agenda_entry *e = &vw->ag[vw->ag_top + k];

		strbuf_reset(&sb);
		if (e->heading) {
			day_text(&sb, e->day);
			if (e->day == layout_day_of(vw->o->axis, vw->o->now))
				strbuf_addstr(&sb, " (today)");
			view_put_fitted(y0 + (int)k, 0, sb.buf, vw->cols,
					R_HEADING);
			continue;
		}
		agline_write(&sb, &lines[l++], &w, NULL);
		view_put_fitted(y0 + (int)k, 0, sb.buf, vw->cols,
				e->item == vw->cur ? R_CURSOR : R_NORMAL);
	}
	for (size_t k = 0; k < n; k++)
		agline_release(&lines[k]);
	free(lines);
	strbuf_release(&sb);
}
