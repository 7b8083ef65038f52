/*
 * layout-axis.c: the two axis lines above the chart (layout_axis_build,
 * layout.h): where the units begin on the zone's wall clock, and which
 * form of each label fits between them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/xalloc.h"
#include "layout.h"

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
	return a - layout_floor_div(a, b) * b;
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
		return layout_floor_div(t, len) * len + len;
	for (int guard = 0; guard < 16; guard++) {
		struct tz_offset off;
		struct tz_transition tr;
		int64_t cand;

		tz_offset_at(in, t, &off);
		cand = layout_floor_div(t + off.utc_offset, len) * len + len -
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
		return layout_floor_div(t, len) * len;
	/* Boundaries are at most len plus a change of offset apart: a day
	 * back is always before the one sought. */
	b = hour_next(in, len, t - len - ITIN_DAY);
	if (b > t)
		return layout_floor_div(t, len) * len;
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
 * leaves no more than room columns (at the edges: "30 Jan" where "Mon 30 Jan
 * 2023" would be left out); its length, or -1 when none fits. */
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
