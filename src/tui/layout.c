/*
 * layout.c: events and a viewport to rows, columns and bars (layout.h):
 * the items and their model, what a window shows, the zoom levels and
 * the columns. The axis lines are layout-axis.c's, the lines of cells and
 * the rows layout-rows.c's, the texts layout-text.c's.
 *
 * No curses and no output here: the text timeline and the viewer both
 * render what these functions compute, and tests/unit/test_layout.c checks
 * it without a terminal.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/xalloc.h"
#include "layout.h"

int64_t layout_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t layout_local(const struct tz *in, int64_t t)
{
	return in ? tz_utc_to_local(in, t) : t;
}

int64_t layout_instant(const struct tz *in, int64_t local)
{
	return in ? tz_local_to_utc(in, local, NULL) : local;
}

int64_t layout_day_of(const struct tz *in, int64_t t)
{
	return lsec_day(layout_local(in, t));
}

int64_t layout_day_start(const struct tz *in, int64_t day)
{
	/* A midnight the clock skips (America/Santiago) begins the day at
	 * the jump; a repeated one at its first occurrence. */
	return layout_instant(in, day * ITIN_DAY);
}

void layout_item_span(const struct event *ev, const struct tz *in, int64_t *s,
		      int64_t *e)
{
	if (ev->allday) {
		*s = layout_day_start(in, lsec_day(ev->start));
		*e = layout_day_start(in, event_last_day(ev) + 1);
		return;
	}
	if (in && ev->tz) {
		*s = ev->start_utc;
		*e = ev->has_end ? ev->end_utc : *s;
	} else {
		/* Floating: the same wall-clock time wherever one is, so the
		 * axis zone's. */
		*s = layout_instant(in, ev->start);
		*e = ev->has_end ? layout_instant(in, ev->end) : *s;
	}
	/* Westward across the date line the local end can come first. */
	if (*e < *s)
		*e = *s;
}

void layout_item_days(const struct layout_item *it, const struct tz *in,
		      int64_t *first, int64_t *last)
{
	*first = layout_day_of(in, it->s);
	*last = it->e > it->s ? layout_day_of(in, it->e - 1) : *first;
}

struct keyed {
	int64_t s, e;
	size_t i;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e < y->e ? -1 : 1;
	/* The events came in event_compare order: keep it among equals. */
	return x->i < y->i ? -1 : x->i > y->i;
}

void layout_model_init(struct layout_model *m, struct event *const *ev,
		       size_t n, const struct tz *in)
{
	struct keyed *k = xcalloc(n ? n : 1, sizeof(*k));

	for (size_t i = 0; i < n; i++) {
		layout_item_span(ev[i], in, &k[i].s, &k[i].e);
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	m->items = xcalloc(n ? n : 1, sizeof(*m->items));
	m->n = n;
	m->tz = in;
	for (size_t i = 0; i < n; i++) {
		m->items[i].ev = ev[k[i].i];
		m->items[i].s = k[i].s;
		m->items[i].e = k[i].e;
	}
	free(k);
}

void layout_model_release(struct layout_model *m)
{
	free(m->items);
	m->items = NULL;
	m->n = 0;
}

size_t layout_lower_bound(const struct layout_item *items, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (items[mid].s < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t layout_nearest(const struct layout_item *items, size_t n, int64_t t)
{
	size_t i = layout_lower_bound(items, n, t);

	if (n == 0)
		return 0;
	if (i == n)
		return n - 1;
	if (i > 0 && t - items[i - 1].s <= items[i].s - t)
		return i - 1;
	return i;
}

void layout_max_ends(const struct layout_item *items, size_t n, int64_t *maxe)
{
	for (size_t i = 0; i < n; i++)
		maxe[i] =
		    i && maxe[i - 1] > items[i].e ? maxe[i - 1] : items[i].e;
}

size_t layout_first_from(const struct layout_item *items, size_t n,
			 const int64_t *maxe, int64_t t)
{
	size_t i = layout_lower_bound(items, n, t), first = i;

	/* Back only as far as an item begun earlier can still reach t. */
	for (; i > 0 && maxe[i - 1] > t; i--)
		if (items[i - 1].e > t)
			first = i - 1;
	return first;
}

void layout_visible_find(struct layout_visible *vis,
			 const struct layout_item *items, size_t n,
			 const int64_t *maxe, int64_t t0, int64_t t1)
{
	vis->lo = layout_lower_bound(items, n, t0);
	vis->hi =
	    vis->lo + layout_lower_bound(items + vis->lo, n - vis->lo, t1);
	vis->nbefore = 0;
	/* An item begun before t0 shows when it ends after t0 (a bar's
	 * last column is that of e - 1); maxe says when none further
	 * back can. */
	for (size_t i = vis->lo; i > 0 && maxe[i - 1] > t0; i--) {
		if (items[i - 1].e <= t0)
			continue;
		vis->before = xgrow(vis->before, &vis->alloc, vis->nbefore + 1,
				    sizeof(*vis->before));
		vis->before[vis->nbefore++] = i - 1;
	}
	/* Found going back: put them in order. */
	for (size_t a = 0, b = vis->nbefore; a + 1 < b; a++, b--) {
		size_t t = vis->before[a];
		vis->before[a] = vis->before[b - 1];
		vis->before[b - 1] = t;
	}
}

size_t layout_visible_count(const struct layout_visible *vis)
{
	return vis->nbefore + (vis->hi - vis->lo);
}

size_t layout_visible_item(const struct layout_visible *vis, size_t k)
{
	return k < vis->nbefore ? vis->before[k] : vis->lo + (k - vis->nbefore);
}

size_t layout_visible_row(const struct layout_visible *vis, size_t i)
{
	if (i >= vis->lo && i < vis->hi)
		return vis->nbefore + (i - vis->lo);
	for (size_t k = 0; k < vis->nbefore; k++)
		if (vis->before[k] == i)
			return k;
	return SIZE_MAX;
}

void layout_visible_release(struct layout_visible *vis)
{
	free(vis->before);
	memset(vis, 0, sizeof(*vis));
}

/* Seconds per column, a quarter of an hour to a year. Up to a day they
 * divide a day, so midnights fall on column boundaries. */
static const int64_t zoom_ladder[] = {
    900,	1800,	    3600,	 7200,	      10800,	 21600,
    43200,	86400,	    2 * 86400,	 4 * 86400,   7 * 86400, 14 * 86400,
    28 * 86400, 91 * 86400, 182 * 86400, 365 * 86400,
};
#define NZOOM (sizeof(zoom_ladder) / sizeof(zoom_ladder[0]))

size_t layout_zoom_count(void)
{
	return NZOOM;
}

int64_t layout_zoom_spc(size_t level)
{
	return zoom_ladder[level < NZOOM ? level : NZOOM - 1];
}

size_t layout_zoom_fit(int64_t span, int cols)
{
	if (cols < 1)
		cols = 1;
	for (size_t i = 0; i < NZOOM; i++)
		if (zoom_ladder[i] * (int64_t)cols >= span)
			return i;
	return NZOOM - 1;
}

const char *layout_unit_name(enum layout_unit u)
{
	static const char *const names[] = {"hours", "days", "weeks", "months",
					    "years"};
	return u <= LAYOUT_YEARS ? names[u] : "?";
}

/* Whole local days a column takes; 0 when columns are linear (below a
 * day, or with no zone, where local seconds are linear already) or are
 * calendar months (col_months). */
static int64_t col_days(const struct layout_view *v)
{
	if (!v->tz || v->spc < ITIN_DAY || v->spc >= 28 * ITIN_DAY)
		return 0;
	return v->spc / ITIN_DAY;
}

/* Calendar months a column takes from 28 days a column up (a month, a
 * quarter, half a year, a year: the ladder's 28, 91, 182 and 365 days),
 * so that a column is a month of the axis zone's calendar and a year
 * column holds one year, not the end of one and the start of the next;
 * 0 below. */
static int col_months_spc(const struct tz *in, int64_t spc)
{
	if (!in || spc < 28 * ITIN_DAY)
		return 0;
	if (spc < 91 * ITIN_DAY)
		return 1;
	if (spc < 182 * ITIN_DAY)
		return 3;
	if (spc < 365 * ITIN_DAY)
		return 6;
	return 12;
}

static int col_months(const struct layout_view *v)
{
	return col_months_spc(v->tz, v->spc);
}

/* Months since year 0 of a local day, and the day a month index begins. */
static int64_t month_index(int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

static int64_t month_day(int64_t idx)
{
	return days_from_civil((int)layout_floor_div(idx, 12),
			       (int)(idx - layout_floor_div(idx, 12) * 12) + 1,
			       1);
}

/* Day columns of k days begin on a fixed grid counted from a Monday
 * (1970-01-05), so a week column is Monday to Sunday and two- and
 * four-day columns do not move with the place the view was opened on. */
static int64_t day_grid(int64_t day, int64_t k)
{
	return 4 + layout_floor_div(day - 4, k) * k;
}

int64_t layout_align(const struct tz *in, int64_t t, int64_t spc)
{
	int64_t a = spc < ITIN_DAY ? spc : ITIN_DAY;
	int months = col_months_spc(in, spc);
	int64_t r;

	if (months)
		return layout_day_start(
		    in,
		    month_day(layout_floor_div(
				  month_index(layout_day_of(in, t)), months) *
			      months));
	if (in && spc > ITIN_DAY)
		return layout_day_start(
		    in, day_grid(layout_day_of(in, t), spc / ITIN_DAY));
	r = layout_instant(in, layout_floor_div(layout_local(in, t), a) * a);
	/* A boundary the clock skipped can map past t: never move forward. */
	return r < t ? r : t;
}

void layout_place(struct layout_view *v, int64_t t, int64_t col)
{
	int64_t k = col_days(v);
	int months = col_months(v);

	if (months) {
		int64_t idx = month_index(layout_day_of(v->tz, t));

		idx = layout_floor_div(idx, months) * months - col * months;
		v->t0 = layout_day_start(v->tz, month_day(idx));
	} else if (k) {
		v->t0 = layout_day_start(
		    v->tz, day_grid(layout_day_of(v->tz, t), k) - col * k);
	} else {
		v->t0 = layout_align(v->tz, t - col * v->spc, v->spc);
	}
}

int64_t layout_col(const struct layout_view *v, int64_t t)
{
	int64_t k = col_days(v);
	int months = col_months(v);

	if (months)
		return layout_floor_div(
		    month_index(layout_day_of(v->tz, t)) -
			month_index(layout_day_of(v->tz, v->t0)),
		    months);
	if (k)
		return layout_floor_div(
		    layout_day_of(v->tz, t) - layout_day_of(v->tz, v->t0), k);
	return layout_floor_div(t - v->t0, v->spc);
}

int64_t layout_time_at(const struct layout_view *v, int64_t c)
{
	int64_t k = col_days(v);
	int months = col_months(v);

	if (months)
		return layout_day_start(
		    v->tz, month_day(month_index(layout_day_of(v->tz, v->t0)) +
				     c * months));
	if (k)
		return layout_day_start(v->tz,
					layout_day_of(v->tz, v->t0) + c * k);
	return v->t0 + c * v->spc;
}

bool layout_bar(const struct layout_view *v, int64_t s, int64_t e,
		struct layout_bar *b)
{
	int64_t c0 = layout_col(v, s);
	int64_t c1 = e > s ? layout_col(v, e - 1) : c0;

	memset(b, 0, sizeof(*b));
	if (v->cols <= 0 || c1 < 0) {
		b->where = c1 < 0 ? -1 : 1;
		return false;
	}
	if (c0 >= v->cols) {
		b->where = 1;
		return false;
	}
	b->cut_left = c0 < 0;
	b->cut_right = c1 >= v->cols;
	b->c0 = c0 < 0 ? 0 : (int)c0;
	b->c1 = c1 >= v->cols ? v->cols - 1 : (int)c1;
	return true;
}
