/*
 * test_axis.c: the timeline's axis across changes of summer time (issue 11,
 * item 12): positions are instants, units and labels are the zone's wall
 * clock. A night across the spring change is 7 hours, across the autumn
 * change 9; an hour the clock skips has no label, one it repeats has two;
 * a day column covers its 23 or 25 hours; zones that change by half an
 * hour (Australia/Lord_Howe) or at midnight (America/Santiago) too.
 */
#include <string.h>

#include "itin/datetime.h"
#include "../../src/tui/layout.h"
#include "test.h"

#define D(y, m, d)	    days_from_civil(y, m, d)
#define AT(y, m, d, hh, mm) (D(y, m, d) * ITIN_DAY + (hh)*3600 + (mm)*60)

static const struct tz *zone(const char *name)
{
	struct itin_err err;
	const struct tz *z = tz_get(name, &err);

	if (!z)
		printf("# %s: %s\n", name, err.msg);
	return z;
}

/* A zoned event from local wall-clock times in tz. */
static struct event *zoned(const char *tzname, int64_t start, int64_t end)
{
	struct event *ev = event_new();
	struct itin_err err;

	event_set_str(ev, &ev->title, "Night");
	event_set_str(ev, &ev->tz, tzname);
	ev->start = start;
	ev->end = end;
	ev->has_end = true;
	ev->type = EV_TRAVEL;
	if (event_check(ev, NULL, &err))
		printf("# event_check: %s\n", err.msg);
	return ev;
}

/* The bottom axis line of a quarter-hour view of the local day, from its
 * first instant: four columns an hour, labels "00  01  ...". */
static void hour_labels(const struct tz *z, int64_t day, int cols,
			struct layout_axis *a)
{
	struct layout_view v = {layout_day_start(z, day), 900, cols, z};

	layout_axis_build(&v, a);
}

/* The columns a night's bar takes in an hour-a-column view. */
static int64_t bar_cols(const struct tz *z, struct event *ev)
{
	struct layout_view v = {0, 3600, 200, z};
	struct layout_bar b;
	int64_t s, e;

	layout_item_span(ev, z, &s, &e);
	v.t0 = layout_align(z, s - 3 * 3600, 3600);
	if (!layout_bar(&v, s, e, &b))
		return -1;
	return b.c1 - b.c0 + 1;
}

TEST(nights_true_length_brussels)
{
	const struct tz *bru = zone("Europe/Brussels");
	struct event *spring, *autumn, *plain;
	int64_t s, e;

	CHECK(bru);
	spring = zoned("Europe/Brussels", AT(2024, 3, 30, 22, 0),
		       AT(2024, 3, 31, 6, 0));
	autumn = zoned("Europe/Brussels", AT(2024, 10, 26, 22, 0),
		       AT(2024, 10, 27, 6, 0));
	plain = zoned("Europe/Brussels", AT(2024, 5, 4, 22, 0),
		      AT(2024, 5, 5, 6, 0));
	layout_item_span(spring, bru, &s, &e);
	CHECK_INT(e - s, 7 * 3600);
	layout_item_span(autumn, bru, &s, &e);
	CHECK_INT(e - s, 9 * 3600);
	CHECK_INT(bar_cols(bru, spring), 7);
	CHECK_INT(bar_cols(bru, autumn), 9);
	CHECK_INT(bar_cols(bru, plain), 8);
	event_free(spring);
	event_free(autumn);
	event_free(plain);
}

TEST(hour_labels_brussels)
{
	const struct tz *bru = zone("Europe/Brussels");
	struct layout_axis a;

	CHECK(bru);
	/* Spring: 02:00 never happens; 03:00 comes an hour after 01:00. */
	hour_labels(bru, D(2024, 3, 31), 24, &a);
	CHECK_STR(a.bottom, "00  01  03  04  05  06  ");
	CHECK(a.grid[0] && a.grid[4] && a.grid[8] && !a.grid[12 - 2]);
	CHECK(!strncmp(a.top, "Sun 31 Mar 2024", 15));
	layout_axis_release(&a);
	/* Autumn: 02:00 twice, an hour apart. */
	hour_labels(bru, D(2024, 10, 27), 24, &a);
	CHECK_STR(a.bottom, "00  01  02  02  03  04  ");
	layout_axis_release(&a);
	/* Over hour columns the top line says how long a change day is. */
	hour_labels(bru, D(2024, 3, 31), 100, &a);
	CHECK(!strncmp(a.top, "Sun 31 Mar 2024 (23 h) ", 23));
	layout_axis_release(&a);
	hour_labels(bru, D(2024, 10, 27), 100, &a);
	CHECK(!strncmp(a.top, "Sun 27 Oct 2024 (25 h) ", 23));
	layout_axis_release(&a);
	hour_labels(bru, D(2024, 5, 5), 100, &a);
	CHECK(!strncmp(a.top, "Sun 5 May 2024   ", 17));
	layout_axis_release(&a);
	/* An ordinary day, for contrast. */
	hour_labels(bru, D(2024, 5, 5), 16, &a);
	CHECK_STR(a.bottom, "00  01  02  03  ");
	layout_axis_release(&a);
}

TEST(hour_labels_new_york)
{
	const struct tz *ny = zone("America/New_York");
	struct layout_axis a;

	CHECK(ny);
	hour_labels(ny, D(2024, 3, 10), 20, &a);
	CHECK_STR(a.bottom, "00  01  03  04  05  ");
	layout_axis_release(&a);
	hour_labels(ny, D(2024, 11, 3), 20, &a);
	CHECK_STR(a.bottom, "00  01  01  02  03  ");
	layout_axis_release(&a);
	CHECK_INT(layout_day_start(ny, D(2024, 3, 11)) -
		      layout_day_start(ny, D(2024, 3, 10)),
		  23 * 3600);
	CHECK_INT(layout_day_start(ny, D(2024, 11, 4)) -
		      layout_day_start(ny, D(2024, 11, 3)),
		  25 * 3600);
}

TEST(half_hour_change_lord_howe)
{
	const struct tz *lh = zone("Australia/Lord_Howe");
	struct layout_axis a;

	CHECK(lh);
	/* October: 02:00 (+10:30) becomes 02:30 (+11): 03:00 is half an
	 * hour (two columns) after the jump, an hour and a half after 01:00. */
	hour_labels(lh, D(2024, 10, 6), 20, &a);
	CHECK_STR(a.bottom, "00  01    03  04  05");
	layout_axis_release(&a);
	/* April: 02:00 (+11) becomes 01:30 (+10:30): 02:00 comes an hour
	 * and a half after 01:00. */
	hour_labels(lh, D(2024, 4, 7), 20, &a);
	CHECK_STR(a.bottom, "00  01    02  03  04");
	layout_axis_release(&a);
	hour_labels(lh, D(2024, 10, 6), 100, &a);
	CHECK(!strncmp(a.top, "Sun 6 Oct 2024 (23.5 h) ", 24));
	layout_axis_release(&a);
	CHECK_INT(layout_day_start(lh, D(2024, 10, 7)) -
		      layout_day_start(lh, D(2024, 10, 6)),
		  23 * 3600 + 1800);
}

TEST(midnight_change_santiago)
{
	const struct tz *scl = zone("America/Santiago");
	struct layout_axis a;
	int64_t t;

	CHECK(scl);
	/* September: midnight never happens, the day begins at 01:00 (-03),
	 * the instant of the jump (04:00Z), and lasts 23 hours. */
	t = layout_day_start(scl, D(2024, 9, 8));
	CHECK_INT(t, AT(2024, 9, 8, 4, 0));
	CHECK_INT(layout_day_of(scl, t), D(2024, 9, 8));
	CHECK_INT(layout_day_of(scl, t - 1), D(2024, 9, 7));
	CHECK_INT(layout_day_start(scl, D(2024, 9, 9)) - t, 23 * 3600);
	hour_labels(scl, D(2024, 9, 8), 12, &a);
	CHECK_STR(a.bottom, "01  02  03  ");
	CHECK(!strncmp(a.top, "Sun 8 Sep", 9));
	layout_axis_release(&a);
	/* April: 23:00 to midnight of Saturday happens twice; Sunday
	 * begins after the second. */
	CHECK_INT(layout_day_start(scl, D(2024, 4, 7)), AT(2024, 4, 7, 4, 0));
	CHECK_INT(layout_day_start(scl, D(2024, 4, 7)) -
		      layout_day_start(scl, D(2024, 4, 6)),
		  25 * 3600);
}

/* Day columns are local days, of 23 to 25 hours: an event late on the
 * long day stays in its column, and the columns after it begin at local
 * midnights (Sydney ends summer time on Sunday 7 April 2024). */
TEST(day_columns_sydney)
{
	const struct tz *syd = zone("Australia/Sydney");
	struct layout_view v = {0, ITIN_DAY, 14, syd};
	struct event *late;
	struct layout_bar b;
	int64_t s, e, first, last;
	struct layout_item it;

	CHECK(syd);
	v.t0 = layout_align(syd, layout_day_start(syd, D(2024, 4, 1)) + 5000,
			    ITIN_DAY);
	CHECK_INT(v.t0, layout_day_start(syd, D(2024, 4, 1)));
	for (int c = 0; c <= 14; c++) {
		CHECK_INT(layout_time_at(&v, c),
			  layout_day_start(syd, D(2024, 4, 1) + c));
		CHECK_INT(layout_col(&v, layout_time_at(&v, c)), c);
		CHECK_INT(layout_col(&v, layout_time_at(&v, c) - 1), c - 1);
	}
	/* 23:30 on the 25-hour Sunday. */
	late = zoned("Australia/Sydney", AT(2024, 4, 7, 23, 30),
		     AT(2024, 4, 7, 23, 50));
	layout_item_span(late, syd, &s, &e);
	CHECK(layout_bar(&v, s, e, &b));
	CHECK_INT(b.c0, 6);
	CHECK_INT(b.c1, 6);
	it.ev = late, it.s = s, it.e = e;
	layout_item_days(&it, syd, &first, &last);
	CHECK_INT(first, D(2024, 4, 7));
	CHECK_INT(last, D(2024, 4, 7));
	/* Placing a time in a column keeps it in that column. */
	layout_place(&v, s, 3);
	CHECK_INT(layout_col(&v, s), 3);
	CHECK_INT(v.t0, layout_day_start(syd, D(2024, 4, 4)));
	/* An all-day event covers its local day: 25 hours. */
	event_free(late);
	late = event_new();
	late->allday = true;
	late->start = D(2024, 4, 7) * ITIN_DAY;
	layout_item_span(late, syd, &s, &e);
	CHECK_INT(e - s, 25 * 3600);
	CHECK(layout_bar(&v, s, e, &b));
	CHECK_INT(b.c0, 3);
	CHECK_INT(b.c1, 3);
	event_free(late);
}

/* Below a day, columns are exact: an hour a column is 3600 seconds on
 * either side of a change, and a floating event is read on the axis
 * zone's clock. */
TEST(sub_day_columns_exact)
{
	const struct tz *bru = zone("Europe/Brussels");
	struct layout_view v = {0, 3600, 48, bru};
	struct event *fl = event_new();
	int64_t s, e;

	CHECK(bru);
	v.t0 = layout_day_start(bru, D(2024, 3, 31));
	CHECK_INT(layout_col(&v, layout_day_start(bru, D(2024, 4, 1))), 23);
	CHECK_INT(layout_time_at(&v, 23), layout_day_start(bru, D(2024, 4, 1)));
	fl->start = AT(2024, 3, 31, 1, 0);
	fl->end = AT(2024, 3, 31, 4, 0);
	fl->has_end = true;
	layout_item_span(fl, bru, &s, &e);
	CHECK_INT(e - s, 2 * 3600);
	CHECK_INT(layout_local(bru, s), AT(2024, 3, 31, 1, 0));
	event_free(fl);
}

/* A label names the time at its column (review of item 12): a chart that
 * begins on Thursday 1 June 2023 at weeks does not say "29 May" (its
 * Monday) at column 0, one that begins in 2016 at five-year steps does not
 * say "2015", and one that begins at 23:15 does not say "23". */
TEST(first_label_names_its_column)
{
	const struct tz *bru = zone("Europe/Brussels");
	struct layout_view v = {0, 43200, 40, bru};
	struct layout_axis a;

	CHECK(bru);
	v.t0 = layout_day_start(bru, D(2023, 6, 1));
	layout_axis_build(&v, &a);
	CHECK_INT(a.unit, LAYOUT_WEEKS);
	CHECK(strncmp(a.bottom, "29", 2) != 0);
	CHECK(strncmp(a.bottom, "1 ", 2) == 0 || a.bottom[0] == ' ');
	/* 5 June is a Monday, eight half-days on. */
	CHECK(strncmp(a.bottom + 8, "5", 1) == 0);
	layout_axis_release(&a);

	v.spc = 182 * 86400;
	v.t0 = layout_day_start(bru, D(2016, 1, 1));
	v.cols = 15;
	layout_axis_build(&v, &a);
	CHECK(strstr(a.bottom, "2015") == NULL);
	CHECK(strncmp(a.bottom, "2016", 4) == 0 || a.bottom[0] == ' ');
	layout_axis_release(&a);

	v.spc = 900;
	v.t0 = layout_instant(bru, AT(2024, 3, 30, 23, 15));
	v.cols = 20;
	layout_axis_build(&v, &a);
	CHECK(strncmp(a.bottom, "23", 2) != 0);
	CHECK(strncmp(a.bottom + 3, "00", 2) == 0);
	layout_axis_release(&a);
}

int main(void)
{
	RUN(nights_true_length_brussels);
	RUN(hour_labels_brussels);
	RUN(hour_labels_new_york);
	RUN(half_hour_change_lord_howe);
	RUN(midnight_change_santiago);
	RUN(day_columns_sydney);
	RUN(sub_day_columns_exact);
	RUN(first_label_names_its_column);
	tz_cache_free();
	return test_done();
}
