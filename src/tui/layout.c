/*
 * layout.c: events and a viewport to rows, columns and bars (layout.h).
 *
 * No curses and no output here: the text timeline and the viewer both
 * render what these functions compute, and tests/unit/test_layout.c checks
 * it without a terminal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "layout.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* Titles written after bars in grouped rows take at most this much. */
#define INLINE_TITLE_MAX 24

static int64_t floor_div(int64_t a, int64_t b)
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
	return days_from_civil((int)floor_div(idx, 12),
			       (int)(idx - floor_div(idx, 12) * 12) + 1, 1);
}

/* Day columns of k days begin on a fixed grid counted from a Monday
 * (1970-01-05), so a week column is Monday to Sunday and two- and
 * four-day columns do not move with the place the view was opened on. */
static int64_t day_grid(int64_t day, int64_t k)
{
	return 4 + floor_div(day - 4, k) * k;
}

int64_t layout_align(const struct tz *in, int64_t t, int64_t spc)
{
	int64_t a = spc < ITIN_DAY ? spc : ITIN_DAY;
	int months = col_months_spc(in, spc);
	int64_t r;

	if (months)
		return layout_day_start(
		    in, month_day(floor_div(month_index(layout_day_of(in, t)),
					    months) *
				  months));
	if (in && spc > ITIN_DAY)
		return layout_day_start(
		    in, day_grid(layout_day_of(in, t), spc / ITIN_DAY));
	r = layout_instant(in, floor_div(layout_local(in, t), a) * a);
	/* A boundary the clock skipped can map past t: never move forward. */
	return r < t ? r : t;
}

void layout_place(struct layout_view *v, int64_t t, int64_t col)
{
	int64_t k = col_days(v);
	int months = col_months(v);

	if (months) {
		int64_t idx = month_index(layout_day_of(v->tz, t));

		idx = floor_div(idx, months) * months - col * months;
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
		return floor_div(
		    month_index(layout_day_of(v->tz, t)) -
			month_index(layout_day_of(v->tz, v->t0)),
		    months);
	if (k)
		return floor_div(
		    layout_day_of(v->tz, t) - layout_day_of(v->tz, v->t0), k);
	return floor_div(t - v->t0, v->spc);
}

int64_t layout_time_at(const struct layout_view *v, int64_t c)
{
	int64_t k = col_days(v);
	int months = col_months(v);

	if (months)
		return layout_day_start(
		    v->tz,
		    month_day(month_index(layout_day_of(v->tz, v->t0)) +
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

/* The axis. */

struct unit_step {
	enum layout_unit unit;
	int step;
	int64_t min_len; /* shortest length of one step, in seconds */
	int min_label;	 /* width of the shortest label */
};

static const struct unit_step unit_steps[] = {
    {LAYOUT_HOURS, 1, 3600, 2},		  {LAYOUT_HOURS, 2, 7200, 2},
    {LAYOUT_HOURS, 3, 10800, 2},	  {LAYOUT_DAYS, 1, 86400, 2},
    {LAYOUT_WEEKS, 1, 7 * 86400, 2},	  {LAYOUT_MONTHS, 1, 28 * 86400, 3},
    {LAYOUT_MONTHS, 3, 89 * 86400, 3},	  {LAYOUT_MONTHS, 6, 181 * 86400, 3},
    {LAYOUT_YEARS, 1, 365 * 86400, 4},	  {LAYOUT_YEARS, 2, 730 * 86400, 4},
    {LAYOUT_YEARS, 5, 1826 * 86400, 4},	  {LAYOUT_YEARS, 10, 3652 * 86400, 4},
    {LAYOUT_YEARS, 50, 18262 * 86400, 4},
};
#define NSTEPS (sizeof(unit_steps) / sizeof(unit_steps[0]))

static const struct unit_step *choose_step(int64_t spc)
{
	for (size_t i = 0; i < NSTEPS; i++)
		if (unit_steps[i].min_len / spc >= unit_steps[i].min_label + 1)
			return &unit_steps[i];
	return &unit_steps[NSTEPS - 1];
}

static int64_t unit_min_len(enum layout_unit u)
{
	static const int64_t len[] = {3600, 86400, 7 * 86400, 28 * 86400,
				      365 * 86400};
	return len[u];
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

/*
 * Hour boundaries are the instants whose wall-clock time is a whole
 * multiple of the step, on the offset in force at that instant: walk from
 * t one stretch of constant offset at a time (tz_next_transition). So an
 * hour the clock skips has no boundary (the clock jumps from 02:00 to
 * 03:00: 03:00 is one, at the jump), and an hour it repeats has two.
 */
static int64_t hour_next(const struct tz *in, int64_t len, int64_t t)
{
	if (!in)
		return floor_div(t, len) * len + len;
	for (int guard = 0; guard < 16; guard++) {
		struct tz_offset off;
		struct tz_transition tr;
		int64_t cand;

		tz_offset_at(in, t, &off);
		cand = floor_div(t + off.utc_offset, len) * len + len -
		       off.utc_offset;
		if (!tz_next_transition(in, t, cand, &tr))
			return cand;
		if (floor_mod(tr.at + tr.after.utc_offset, len) == 0)
			return tr.at;
		t = tr.at;
	}
	return t + len;
}

static int64_t hour_floor(const struct tz *in, int64_t len, int64_t t)
{
	int64_t b, next;
	int guard = 0;

	if (!in)
		return floor_div(t, len) * len;
	/* Boundaries are at most len plus a change of offset apart: a day
	 * back is always before the one sought. */
	b = hour_next(in, len, t - len - ITIN_DAY);
	if (b > t)
		return floor_div(t, len) * len;
	while ((next = hour_next(in, len, b)) <= t && guard++ < 200)
		b = next;
	return b;
}

/* The first boundary of unit (with step) at or before axis time t, and
 * the next after boundary t; days and longer are local midnights. */
static int64_t unit_floor(const struct tz *in, enum layout_unit u, int step,
			  int64_t t)
{
	int64_t day = layout_day_of(in, t);
	int y, m, d;

	switch (u) {
	case LAYOUT_HOURS:
		return hour_floor(in, 3600 * (int64_t)step, t);
	case LAYOUT_DAYS:
		break;
	case LAYOUT_WEEKS:
		/* Weeks begin on Monday (ISO 8601). */
		day -= (weekday_from_days(day) + 6) % 7;
		break;
	case LAYOUT_MONTHS:
		civil_from_days(day, &y, &m, &d);
		m -= (m - 1) % step;
		day = days_from_civil(y, m, 1);
		break;
	case LAYOUT_YEARS:
	default:
		civil_from_days(day, &y, &m, &d);
		y -= ((y % step) + step) % step;
		if (y < 1)
			y = 1;
		day = days_from_civil(y, 1, 1);
		break;
	}
	return layout_day_start(in, day);
}

static int64_t unit_next(const struct tz *in, enum layout_unit u, int step,
			 int64_t t)
{
	int64_t day = layout_day_of(in, t);
	int y, m, d;

	switch (u) {
	case LAYOUT_HOURS:
		return hour_next(in, 3600 * (int64_t)step, t);
	case LAYOUT_DAYS:
		day++;
		break;
	case LAYOUT_WEEKS:
		day += 7;
		break;
	case LAYOUT_MONTHS:
		civil_from_days(day, &y, &m, &d);
		m += step;
		while (m > 12) {
			m -= 12;
			y++;
		}
		day = days_from_civil(y, m, 1);
		break;
	case LAYOUT_YEARS:
	default:
		civil_from_days(day, &y, &m, &d);
		day = days_from_civil(y + step, 1, 1);
		break;
	}
	return layout_day_start(in, day);
}

/*
 * The forms of a label, longest first, with the widest each can be: a
 * line uses one form throughout, the longest whose widest fits between
 * two boundaries.
 */
#define MAX_FORMS 3
static int form_widths(enum layout_unit u, bool top, int *w)
{
	switch (u) {
	case LAYOUT_HOURS:
		w[0] = 5, w[1] = 2; /* "09:00" "09" */
		return 2;
	case LAYOUT_DAYS:
		if (top) { /* "Mon 30 Jan 2023" "Mon 30 Jan" "30 Jan" */
			w[0] = 15, w[1] = 10, w[2] = 6;
			return 3;
		}
		w[0] = 6, w[1] = 2; /* "Mon 30" "30" */
		return 2;
	case LAYOUT_WEEKS:
		w[0] = 6, w[1] = 2; /* "30 Jan" "30" */
		return 2;
	case LAYOUT_MONTHS:
		if (top) { /* "September 2023" "Sep 2023" */
			w[0] = 14, w[1] = 8;
			return 2;
		}
		w[0] = 9, w[1] = 3; /* "September" "Sep" */
		return 2;
	case LAYOUT_YEARS:
	default:
		w[0] = 4;
		return 1;
	}
}

static int choose_form(enum layout_unit u, bool top, int64_t spacing)
{
	int w[MAX_FORMS], n = form_widths(u, top, w);

	for (int i = 0; i < n; i++)
		if (w[i] + 1 <= spacing)
			return i;
	return n - 1;
}

/* Label of the boundary t in unit u, in the given form; its length. The
 * label is local: t is local seconds here. */
static int unit_label(enum layout_unit u, bool top, int64_t t, int form,
		      char *buf, size_t size)
{
	int64_t day = lsec_day(t);
	int y, m, d, wd = weekday_from_days(day),
		     hh = lsec_time_of_day(t) / 3600;

	civil_from_days(day, &y, &m, &d);
	switch (u) {
	case LAYOUT_HOURS:
		if (form == 0)
			snprintf(buf, size, "%02d:00", hh);
		else
			snprintf(buf, size, "%02d", hh);
		break;
	case LAYOUT_DAYS:
		if (top && form == 0)
			snprintf(buf, size, "%s %d %s %04d", weekday_abbr(wd),
				 d, month_abbr(m), y);
		else if (top && form == 1)
			snprintf(buf, size, "%s %d %s", weekday_abbr(wd), d,
				 month_abbr(m));
		else if (top)
			snprintf(buf, size, "%d %s", d, month_abbr(m));
		else if (form == 0)
			snprintf(buf, size, "%s %d", weekday_abbr(wd), d);
		else
			snprintf(buf, size, "%d", d);
		break;
	case LAYOUT_WEEKS:
		if (form == 0)
			snprintf(buf, size, "%d %s", d, month_abbr(m));
		else
			snprintf(buf, size, "%d", d);
		break;
	case LAYOUT_MONTHS:
		if (top)
			snprintf(buf, size, "%s %04d",
				 form == 0 ? month_name(m) : month_abbr(m), y);
		else
			snprintf(buf, size, "%s",
				 form == 0 ? month_name(m) : month_abbr(m));
		break;
	case LAYOUT_YEARS:
	default:
		snprintf(buf, size, "%04d", y);
		break;
	}
	return (int)strlen(buf);
}

/* The unit the top line names above a lower unit. */
static int top_unit(enum layout_unit lower, enum layout_unit *top)
{
	switch (lower) {
	case LAYOUT_HOURS:
		*top = LAYOUT_DAYS;
		return 1;
	case LAYOUT_DAYS:
	case LAYOUT_WEEKS:
		*top = LAYOUT_MONTHS;
		return 1;
	case LAYOUT_MONTHS:
		*top = LAYOUT_YEARS;
		return 1;
	default:
		return 0;
	}
}

static void put_label(char *line, int cols, int col, const char *text, int len)
{
	if (col < 0 || col + len > cols)
		return;
	memcpy(line + col, text, (size_t)len);
}

/*
 * Labels of one line: each boundary in view gets the longest form that
 * fits before the next one; a label that would run into the previous one
 * is left out. The unit the view begins in is named at column 0 when
 * there is room before the first boundary.
 */
/* The label of t in form, or on the top line a shorter form when that
 * leaves no more than room columns (at the edges: "30 Jan" where "Mon 30 Jan 2023" would be
 * left out); its length, or -1 when none fits. */
static int label_fitting(const struct tz *in, enum layout_unit u, bool top,
			 int64_t t, int form, int room, char *buf, size_t size,
			 int *used)
{
	int w[MAX_FORMS], n = form_widths(u, top, w);

	/* Only the top line: a lower line of mixed forms ("Fri 3  4")
	 * reads worse than one label fewer. */
	if (!top)
		n = form + 1;
	for (int f = form; f < n; f++) {
		int len = unit_label(u, top, layout_local(in, t), f, buf, size);

		if (len <= room) {
			*used = f;
			return len;
		}
	}
	return -1;
}

/*
 * A day the clock changes on is 23 or 25 hours long (23.5 on Lord Howe):
 * where the whole date is written over hour columns, say so ("Sun 31 Mar
 * 2024 (23 h)"), for the hour labels under it skip or repeat one. Appended
 * to buf (of len bytes) when it fits before column limit; the new length.
 */
static int day_length_note(const struct layout_view *v, int64_t t, int col,
			   int limit, char *buf, int len, size_t size)
{
	int64_t next = unit_next(v->tz, LAYOUT_DAYS, 1, t), secs = next - t;
	char note[24];
	int n;

	if (!v->tz || secs == ITIN_DAY)
		return len;
	if (secs % 3600 == 0)
		n = snprintf(note, sizeof(note), " (%lld h)",
			     (long long)(secs / 3600));
	else
		n = snprintf(note, sizeof(note), " (%lld.%lld h)",
			     (long long)(secs / 3600),
			     (long long)(secs % 3600 * 10 / 3600));
	if (n < 0 || col + len + n > limit || (size_t)(len + n) >= size)
		return len;
	memcpy(buf + len, note, (size_t)n + 1);
	return len + n;
}

static void axis_line(const struct layout_view *v, enum layout_unit u, int step,
		      bool top, int64_t spacing, char *line, bool *grid)
{
	int64_t end = layout_time_at(v, v->cols);
	int64_t t = unit_floor(v->tz, u, step, v->t0);
	int form = choose_form(u, top, spacing);
	int next_free = 0, first_col = -1, count = 0, used;
	char buf[48];
	int len;

	memset(line, ' ', (size_t)v->cols);
	line[v->cols] = '\0';
	for (; t < end && count < 100000;
	     t = unit_next(v->tz, u, step, t), count++) {
		int64_t c = layout_col(v, t);

		if (t < v->t0)
			continue;
		if (c >= v->cols)
			break;
		if (grid)
			grid[c] = true;
		if (c < next_free)
			continue;
		len = label_fitting(v->tz, u, top, t, form, v->cols - (int)c,
				    buf, sizeof(buf), &used);
		if (len < 0)
			continue;
		/* Only over hour columns (a day a column has no room), and
		 * only before the next day's label. */
		if (top && u == LAYOUT_DAYS && used == 0 && v->spc < ITIN_DAY) {
			int64_t nc =
			    layout_col(v, unit_next(v->tz, LAYOUT_DAYS, 1, t));
			int limit = nc - 1 < v->cols ? (int)nc - 1 : v->cols;

			len = day_length_note(v, t, (int)c, limit, buf, len,
					      sizeof(buf));
		}
		put_label(line, v->cols, (int)c, buf, len);
		if (first_col < 0)
			first_col = (int)c;
		next_free = (int)c + len + 1;
	}
	/* Name where the view starts, if it fits before the first label.
	 * A label names the time at its column: the unit it begins in may
	 * begin before column 0 (the week of Monday 29 May when the chart
	 * begins on Thursday 1 June, 2015 of a five-year step when it begins
	 * in 2016), so the label is of t0 itself ("1 Jun", "2016"), and an
	 * hour label only when t0 is on the hour (at 23:15, "23" would read
	 * as 23:00). */
	t = unit_floor(v->tz, u, step, v->t0);
	if (t < v->t0 && first_col != 0 &&
	    (u != LAYOUT_HOURS ||
	     floor_mod(layout_local(v->tz, v->t0), 3600) == 0)) {
		int room = first_col < 0 ? v->cols : first_col - 1;

		len = label_fitting(v->tz, u, top, v->t0, form, room, buf,
				    sizeof(buf), &used);
		if (len >= 0)
			put_label(line, v->cols, 0, buf, len);
	}
}

void layout_axis_build(const struct layout_view *v, struct layout_axis *a)
{
	const struct unit_step *st = choose_step(v->spc);
	int cols = v->cols > 0 ? v->cols : 0;
	struct layout_view vv = *v;
	enum layout_unit tu;

	vv.cols = cols;
	a->unit = st->unit;
	a->top = xmalloc((size_t)cols + 1);
	a->bottom = xmalloc((size_t)cols + 1);
	a->grid = xcalloc((size_t)cols + 1, sizeof(bool));
	axis_line(&vv, st->unit, st->step, false, st->min_len / v->spc,
		  a->bottom, a->grid);
	if (top_unit(st->unit, &tu)) {
		axis_line(&vv, tu, 1, true, unit_min_len(tu) / v->spc, a->top,
			  NULL);
	} else {
		memset(a->top, ' ', (size_t)cols);
		a->top[cols] = '\0';
	}
}

void layout_axis_release(struct layout_axis *a)
{
	free(a->top);
	free(a->bottom);
	free(a->grid);
	a->top = a->bottom = NULL;
	a->grid = NULL;
}

/* Lines of cells. */

void layout_line_init(struct layout_line *ln, int cols)
{
	memset(ln, 0, sizeof(*ln));
	ln->cols = cols > 0 ? cols : 0;
	ln->cells = xcalloc((size_t)ln->cols + 1, sizeof(*ln->cells));
}

static void clear_spans(struct layout_line *ln)
{
	for (size_t i = 0; i < ln->nspans; i++)
		free(ln->spans[i].text);
	ln->nspans = 0;
}

void layout_line_release(struct layout_line *ln)
{
	clear_spans(ln);
	free(ln->spans);
	free(ln->cells);
	memset(ln, 0, sizeof(*ln));
}

void layout_line_clear(struct layout_line *ln, const bool *grid, int today)
{
	clear_spans(ln);
	for (int c = 0; c < ln->cols; c++) {
		memset(&ln->cells[c], 0, sizeof(ln->cells[c]));
		ln->cells[c].kind = grid && grid[c] ? LC_GRID : LC_EMPTY;
	}
	if (today >= 0 && today < ln->cols)
		ln->cells[today].kind = LC_TODAY;
}

static bool cell_is_free(const struct layout_cell *c)
{
	return c->kind == LC_EMPTY || c->kind == LC_GRID || c->kind == LC_TODAY;
}

void layout_line_item(struct layout_line *ln, const struct layout_view *v,
		      const struct layout_item *it, bool show_off)
{
	struct layout_view lv = *v;
	struct layout_bar b;
	struct layout_cell cell;

	lv.cols = ln->cols;
	memset(&cell, 0, sizeof(cell));
	cell.type = (unsigned char)it->ev->type;
	cell.status = (unsigned char)it->ev->status;
	if (!layout_bar(&lv, it->s, it->e, &b)) {
		if (!show_off || ln->cols <= 0)
			return;
		cell.kind = b.where < 0 ? LC_BEFORE : LC_AFTER;
		ln->cells[b.where < 0 ? 0 : ln->cols - 1] = cell;
		return;
	}
	cell.kind = it->e > it->s ? LC_BAR : LC_POINT;
	for (int c = b.c0; c <= b.c1; c++) {
		ln->cells[c] = cell;
		ln->cells[c].cut = 0;
	}
	if (b.cut_left)
		ln->cells[b.c0].cut |= 1;
	if (b.cut_right)
		ln->cells[b.c1].cut |= 2;
}

/* Grouping. */

int layout_by_parse(const char *s)
{
	static const char *const names[] = {"none", "type", "country", "city",
					    "person"};
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

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

/* A small string-keyed hash of groups, for grouping many events. */
struct group {
	char *key;
	char *label;
	size_t first; /* the item that opened it: groups are in its order */
	size_t *items;
	size_t n, alloc;
};

struct groups {
	struct group *v;
	size_t n, alloc;
	size_t *slots; /* index + 1 into v; 0 empty */
	size_t nslots;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void groups_rehash(struct groups *g)
{
	size_t n = g->nslots ? g->nslots * 2 : 64;

	free(g->slots);
	g->slots = xcalloc(n, sizeof(*g->slots));
	g->nslots = n;
	for (size_t i = 0; i < g->n; i++) {
		size_t k = hash_str(g->v[i].key) & (n - 1);
		while (g->slots[k])
			k = (k + 1) & (n - 1);
		g->slots[k] = i + 1;
	}
}

/* Add item to the group key (labelled label when new). */
static void groups_add(struct groups *g, const char *key, const char *label,
		       size_t item)
{
	size_t k;
	struct group *gr;

	if ((g->n + 1) * 2 > g->nslots)
		groups_rehash(g);
	k = hash_str(key) & (g->nslots - 1);
	while (g->slots[k] && strcmp(g->v[g->slots[k] - 1].key, key))
		k = (k + 1) & (g->nslots - 1);
	if (!g->slots[k]) {
		g->v = xgrow(g->v, &g->alloc, g->n + 1, sizeof(*g->v));
		gr = &g->v[g->n];
		memset(gr, 0, sizeof(*gr));
		gr->key = xstrdup(key);
		gr->label = xstrdup(label);
		gr->first = item;
		g->slots[k] = ++g->n;
	}
	gr = &g->v[g->slots[k] - 1];
	/* A person named twice in one event is one bar. */
	if (gr->n && gr->items[gr->n - 1] == item)
		return;
	gr->items = xgrow(gr->items, &gr->alloc, gr->n + 1, sizeof(*gr->items));
	gr->items[gr->n++] = item;
}

static char *folded(const char *s)
{
	size_t n = strlen(s) + 1;
	char *buf = xmalloc(n);

	utf8_fold(s, buf, n, UTF8_FOLD_ALNUM);
	return buf;
}

static void group_item(struct groups *g, enum layout_by by,
		       const struct event *ev, size_t item)
{
	struct strbuf label = STRBUF_INIT, key = STRBUF_INIT;
	const char *name;
	char *f;

	switch (by) {
	case LAYOUT_BY_TYPE:
		groups_add(g, event_type_name(ev->type),
			   event_type_name(ev->type), item);
		break;
	case LAYOUT_BY_COUNTRY:
		if (!ev->country[0]) {
			groups_add(g, "", "(no country)", item);
			break;
		}
		name = country_name(ev->country);
		groups_add(g, ev->country, name ? name : ev->country, item);
		break;
	case LAYOUT_BY_CITY:
		if (!ev->city) {
			groups_add(g, "", "(no city)", item);
			break;
		}
		f = folded(ev->city);
		strbuf_addf(&key, "%s\x1f%s", f, ev->country);
		free(f);
		utf8_sanitize(&label, ev->city);
		if (ev->country[0])
			strbuf_addf(&label, ", %s", ev->country);
		groups_add(g, key.buf, label.buf, item);
		break;
	case LAYOUT_BY_PERSON:
		if (!ev->nwith) {
			groups_add(g, "", "(no participants)", item);
			break;
		}
		for (size_t i = 0; i < ev->nwith; i++) {
			f = folded(ev->with[i].name);
			strbuf_reset(&label);
			utf8_sanitize(&label, ev->with[i].name);
			groups_add(g, f, label.buf, item);
			free(f);
		}
		break;
	default:
		break;
	}
	strbuf_release(&label);
	strbuf_release(&key);
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return strcmp(x->label, y->label);
}

static struct layout_row *new_row(struct layout_rows *r, const char *label)
{
	struct layout_row *row;

	r->v = xgrow(r->v, &r->alloc, r->n + 1, sizeof(*r->v));
	row = &r->v[r->n++];
	memset(row, 0, sizeof(*row));
	row->label = xstrdup(label);
	return row;
}

static void row_add(struct layout_row *row, size_t item)
{
	row->items =
	    xgrow(row->items, &row->alloc, row->n + 1, sizeof(*row->items));
	row->items[row->n++] = item;
}

/* Title columns reserved after a bar in a grouped row. */
static int inline_cols(const struct event *ev)
{
	struct strbuf sb = STRBUF_INIT;
	size_t w;

	utf8_sanitize(&sb, ev->title ? ev->title : "");
	w = utf8_width(sb.buf);
	strbuf_release(&sb);
	return (int)(w < INLINE_TITLE_MAX ? w : INLINE_TITLE_MAX);
}

/* The columns an item takes in a lane: its bar and its title after it. */
static void item_extent(const struct layout_view *v,
			const struct layout_item *it, int64_t *from,
			int64_t *to)
{
	int64_t c0 = layout_col(v, it->s);
	int64_t c1 = it->e > it->s ? layout_col(v, it->e - 1) : c0;

	*from = c0;
	*to = c1 + 1 + inline_cols(it->ev);
}

/* Lanes of one group: each item goes in the lane that frees first, if it
 * is free by then (a min-heap on lane ends), else in a new lane. */
struct lane {
	int64_t end;
	size_t row;
};

static void heap_down(struct lane *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct lane t;

		if (l < n && h[l].end < h[m].end)
			m = l;
		if (r < n && h[r].end < h[m].end)
			m = r;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void heap_up(struct lane *h, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		struct lane t;

		if (h[p].end <= h[i].end)
			return;
		t = h[p];
		h[p] = h[i];
		h[i] = t;
		i = p;
	}
}

static void pack_group(struct layout_rows *out, const struct layout_model *m,
		       const struct layout_view *v, const struct group *g)
{
	struct lane *heap = NULL;
	size_t nheap = 0, alloc = 0;

	for (size_t k = 0; k < g->n; k++) {
		size_t it = g->items[k];
		int64_t from, to;

		item_extent(v, &m->items[it], &from, &to);
		/* One blank column between neighbours in a lane. */
		if (nheap && heap[0].end + 1 < from) {
			row_add(&out->v[heap[0].row], it);
			heap[0].end = to;
			heap_down(heap, nheap, 0);
			continue;
		}
		heap = xgrow(heap, &alloc, nheap + 1, sizeof(*heap));
		heap[nheap].end = to;
		heap[nheap].row = out->n;
		row_add(new_row(out, nheap ? "" : g->label), it);
		heap_up(heap, nheap++);
	}
	free(heap);
}

void layout_rows_build(const struct layout_model *m, enum layout_by by,
		       const struct layout_view *v, struct layout_rows *out)
{
	struct strbuf label = STRBUF_INIT;
	struct groups g;

	memset(out, 0, sizeof(*out));
	if (by == LAYOUT_BY_NONE) {
		for (size_t i = 0; i < m->n; i++) {
			strbuf_reset(&label);
			layout_event_label(&label, m->items[i].ev);
			row_add(new_row(out, label.buf), i);
		}
		strbuf_release(&label);
		return;
	}
	memset(&g, 0, sizeof(g));
	for (size_t i = 0; i < m->n; i++)
		group_item(&g, by, m->items[i].ev, i);
	qsort(g.v, g.n, sizeof(*g.v), cmp_group);
	for (size_t i = 0; i < g.n; i++) {
		pack_group(out, m, v, &g.v[i]);
		free(g.v[i].key);
		free(g.v[i].label);
		free(g.v[i].items);
	}
	free(g.v);
	free(g.slots);
	strbuf_release(&label);
}

void layout_rows_release(struct layout_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].label);
		free(r->v[i].items);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static void add_span(struct layout_line *ln, int col, size_t item,
		     const char *title, int room)
{
	struct strbuf sb = STRBUF_INIT;
	struct layout_span *sp;
	size_t w;

	utf8_sanitize(&sb, title);
	w = utf8_width(sb.buf);
	if (w > (size_t)room) {
		struct strbuf cut = STRBUF_INIT;
		layout_fit(&cut, sb.buf, (size_t)room, false);
		strbuf_release(&sb);
		sb = cut;
		w = utf8_width(sb.buf);
	}
	if (!w) {
		strbuf_release(&sb);
		return;
	}
	ln->spans =
	    xgrow(ln->spans, &ln->alloc, ln->nspans + 1, sizeof(*ln->spans));
	sp = &ln->spans[ln->nspans++];
	sp->col = col;
	sp->cols = (int)w;
	sp->item = item;
	sp->text = strbuf_detach(&sb, NULL);
	for (int c = col; c < col + (int)w && c < ln->cols; c++)
		ln->cells[c].kind = LC_TEXT;
}

void layout_line_row(struct layout_line *ln, const struct layout_model *m,
		     const struct layout_view *v, const struct layout_row *row,
		     bool grouped)
{
	struct layout_view lv = *v;

	lv.cols = ln->cols;
	for (size_t k = 0; k < row->n; k++)
		layout_line_item(ln, &lv, &m->items[row->items[k]], !grouped);
	if (!grouped)
		return;
	for (size_t k = 0; k < row->n; k++) {
		const struct layout_item *it = &m->items[row->items[k]];
		struct layout_bar b;
		int col, room = 0;

		if (!layout_bar(&lv, it->s, it->e, &b) || b.cut_right)
			continue;
		col = b.c1 + 2;
		while (col + room < ln->cols && room < INLINE_TITLE_MAX &&
		       cell_is_free(&ln->cells[col + room]) &&
		       (col + room + 1 >= ln->cols ||
			cell_is_free(&ln->cells[col + room + 1])))
			room++;
		if (col < ln->cols && room >= 3)
			add_span(ln, col, row->items[k], it->ev->title, room);
	}
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

void layout_text(struct strbuf *out, const struct layout_model *m,
		 const struct layout_text_opts *o)
{
	struct layout_rows rows;
	struct layout_view v;
	struct layout_axis axis;
	struct layout_line ln;
	int64_t from, to;
	size_t widest = 0, level;
	int width = o->width > 0 ? o->width : 1, lw;
	bool grouped = o->by != LAYOUT_BY_NONE;
	struct strbuf caption = STRBUF_INIT;

	if (!m->n)
		return;
	from = m->items[0].s;
	to = m->items[0].e;
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i].e > to)
			to = m->items[i].e;
	if (o->has_from)
		from = layout_day_start(m->tz, o->from_day);
	if (o->has_to)
		to = layout_day_start(m->tz, o->to_day + 1);
	/* Whole local days: a timeline of reports begins and ends at
	 * midnight. */
	from = layout_day_start(m->tz, layout_day_of(m->tz, from));
	if (to <= from)
		to = layout_day_start(m->tz, layout_day_of(m->tz, from) + 1);
	to = layout_day_start(m->tz, layout_day_of(m->tz, to - 1) + 1);

	/* The labels decide the chart's width, the chart the lanes. */
	v.t0 = from;
	v.spc = ITIN_DAY;
	v.cols = width;
	v.tz = m->tz;
	layout_rows_build(m, o->by, &v, &rows);
	for (size_t i = 0; i < rows.n; i++) {
		size_t w = utf8_width(rows.v[i].label);
		if (w > widest)
			widest = w;
	}
	lw = layout_label_cols(width, widest);
	v.cols = width - (lw ? lw + 1 : 0);
	if (v.cols < 1)
		v.cols = 1;
	level = layout_zoom_fit(to - from, v.cols);
	for (;;) {
		v.spc = layout_zoom_spc(level);
		v.t0 = layout_align(m->tz, from, v.spc);
		if (layout_time_at(&v, v.cols) >= to ||
		    level + 1 >= layout_zoom_count())
			break;
		level++;
	}
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

	layout_axis_build(&v, &axis);
	/* The axis's zone: above the labels where it fits, else on a line
	 * of its own, never cut to a zone that does not exist. */
	if (o->zone) {
		zone_caption(&caption, o->zone);
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
	layout_line_init(&ln, v.cols);
	for (size_t i = 0; i < rows.n; i++) {
		size_t start = out->len;

		if (lw) {
			layout_fit(out, rows.v[i].label, (size_t)lw, true);
			strbuf_addch(out, ' ');
		}
		layout_line_clear(&ln, NULL, -1);
		layout_line_row(&ln, m, &v, &rows.v[i], grouped);
		text_cells(out, &ln, o->colour);
		trim_right(out, start);
		strbuf_addch(out, '\n');
	}
	layout_line_release(&ln);
	layout_axis_release(&axis);
	layout_rows_release(&rows);
	strbuf_release(&caption);
}
