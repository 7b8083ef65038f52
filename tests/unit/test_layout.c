/* test_layout.c: the timeline's geometry, without a terminal. */
#include "itin/datetime.h"
#include "itin/itinfmt.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "test.h"
#include "../../src/tui/layout.h"
#include "../../src/tui/tui.h"

static struct event *ev_new(const char *title, int64_t start, int64_t end,
			    bool allday, enum event_type type)
{
	struct event *ev = event_new();
	struct itin_err err;

	event_set_str(ev, &ev->title, title);
	ev->allday = allday;
	ev->start = start;
	ev->has_end = end >= 0;
	ev->end = end >= 0 ? end : 0;
	ev->type = type;
	if (event_check(ev, NULL, &err))
		printf("# event_check: %s\n", err.msg);
	return ev;
}

#define D(y, m, d)	    days_from_civil(y, m, d)
#define AT(y, m, d, hh, mm) (D(y, m, d) * ITIN_DAY + (hh)*3600 + (mm)*60)

TEST(spans_of_allday_and_timed)
{
	struct event *a = ev_new("A", D(2023, 1, 29) * ITIN_DAY,
				 D(2023, 1, 30) * ITIN_DAY, true, EV_VISIT);
	struct event *b = ev_new("B", AT(2023, 1, 30, 10, 0),
				 AT(2023, 1, 30, 11, 30), false, EV_MEETING);
	struct event *c =
	    ev_new("C", AT(2023, 1, 30, 10, 0), -1, false, EV_CALL);
	struct layout_item it;
	int64_t s, e, first, last;

	layout_item_span(a, NULL, &s, &e);
	CHECK_INT(s, D(2023, 1, 29) * ITIN_DAY);
	CHECK_INT(e, D(2023, 1, 31) * ITIN_DAY); /* two whole days */
	it = (struct layout_item){a, s, e};
	layout_item_days(&it, NULL, &first, &last);
	CHECK_INT(first, D(2023, 1, 29));
	CHECK_INT(last, D(2023, 1, 30));
	layout_item_span(b, NULL, &s, &e);
	CHECK_INT(e - s, 5400);
	layout_item_span(c, NULL, &s, &e);
	CHECK_INT(e, s); /* no end: a point */
	event_free(a);
	event_free(b);
	event_free(c);
}

TEST(in_zone_moves_zoned_events)
{
	struct itin_err err;
	const struct tz *seoul = tz_get("Asia/Seoul", &err);
	const struct tz *bru = tz_get("Europe/Brussels", &err);
	struct event *b = ev_new("B", AT(2023, 1, 30, 10, 0),
				 AT(2023, 1, 30, 11, 30), false, EV_MEETING);
	int64_t s, e;

	CHECK(seoul && bru);
	event_set_str(b, &b->tz, "Asia/Seoul");
	CHECK_INT(event_check(b, NULL, &err), 0);
	layout_item_span(b, bru, &s, &e);
	/* Axis times are instants, read on Brussels' clock. */
	CHECK_INT(layout_local(bru, s), AT(2023, 1, 30, 2, 0)); /* 02:00 CET */
	CHECK_INT(layout_local(bru, e), AT(2023, 1, 30, 3, 30));
	CHECK_INT(s, AT(2023, 1, 30, 1, 0)); /* 10:00 KST is 01:00Z */
	event_free(b);
}

TEST(model_sorted_and_binary_search)
{
	struct event *ev[4];
	struct layout_model m;

	ev[0] = ev_new("late", AT(2023, 2, 1, 9, 0), -1, false, EV_CALL);
	ev[1] = ev_new("early", AT(2023, 1, 1, 9, 0), -1, false, EV_CALL);
	ev[2] = ev_new("mid", AT(2023, 1, 15, 9, 0), -1, false, EV_CALL);
	ev[3] = ev_new("mid2", AT(2023, 1, 15, 9, 0), -1, false, EV_CALL);
	layout_model_init(&m, ev, 4, NULL);
	CHECK_STR(m.items[0].ev->title, "early");
	CHECK_STR(m.items[1].ev->title, "mid");
	CHECK_STR(m.items[2].ev->title, "mid2"); /* ties keep their order */
	CHECK_STR(m.items[3].ev->title, "late");
	CHECK_INT(layout_lower_bound(m.items, m.n, AT(2023, 1, 15, 9, 0)), 1);
	CHECK_INT(layout_lower_bound(m.items, m.n, AT(2023, 1, 15, 9, 1)), 3);
	CHECK_INT(layout_lower_bound(m.items, m.n, AT(2024, 1, 1, 0, 0)), 4);
	CHECK_INT(layout_lower_bound(m.items, m.n, 0), 0);
	CHECK_INT(layout_nearest(m.items, m.n, AT(2023, 1, 30, 0, 0)), 3);
	CHECK_INT(layout_nearest(m.items, m.n, AT(2023, 1, 2, 0, 0)), 0);
	CHECK_INT(layout_nearest(m.items, 0, 0), 0);
	layout_model_release(&m);
	for (int i = 0; i < 4; i++)
		event_free(ev[i]);
}

TEST(zoom_levels_and_units)
{
	struct layout_view v = {0, 0, 80, NULL};
	struct layout_axis a;
	int64_t want[] = {900,	    3600,	  3 * 3600,
			  ITIN_DAY, 4 * ITIN_DAY, 91 * ITIN_DAY};
	enum layout_unit unit[] = {LAYOUT_HOURS, LAYOUT_HOURS,	LAYOUT_DAYS,
				   LAYOUT_WEEKS, LAYOUT_MONTHS, LAYOUT_YEARS};

	CHECK(layout_zoom_count() >= 10);
	for (size_t i = 1; i < layout_zoom_count(); i++)
		CHECK(layout_zoom_spc(i) > layout_zoom_spc(i - 1));
	/* The smallest that fits. */
	CHECK_INT(layout_zoom_spc(layout_zoom_fit(80 * 900, 80)), 900);
	CHECK_INT(layout_zoom_spc(layout_zoom_fit(80 * 900 + 1, 80)), 1800);
	CHECK_INT(layout_zoom_spc(layout_zoom_fit(7 * ITIN_DAY, 56)), 10800);
	CHECK_INT(layout_zoom_fit(INT64_C(1) << 50, 80),
		  layout_zoom_count() - 1);
	CHECK_INT(layout_zoom_fit(100, 0), 0); /* no columns: still a level */
	/* The help promises zoom out "up to a year a column". */
	CHECK_INT(layout_zoom_spc(layout_zoom_count() - 1), 365 * ITIN_DAY);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		v.spc = want[i];
		v.t0 = layout_align(NULL, AT(2023, 1, 27, 5, 0), v.spc);
		layout_axis_build(&v, &a);
		CHECK_INT(a.unit, unit[i]);
		CHECK_INT(strlen(a.top), 80);
		CHECK_INT(strlen(a.bottom), 80);
		layout_axis_release(&a);
	}
	CHECK_STR(layout_unit_name(LAYOUT_WEEKS), "weeks");
}

TEST(axis_labels_days)
{
	/* 3 h a column from Friday 27 January: 8 columns a day. */
	struct layout_view v = {AT(2023, 1, 27, 0, 0), 10800, 40, NULL};
	struct layout_axis a;

	layout_axis_build(&v, &a);
	CHECK_STR(a.top, "January 2023                            ");
	CHECK_STR(a.bottom, "Fri 27  Sat 28  Sun 29  Mon 30  Tue 31  ");
	CHECK(a.grid[0] && a.grid[8] && !a.grid[1]);
	layout_axis_release(&a);
	/* Across a month: the month begun before the view is named at 0
	 * only when it fits before the next. */
	v.t0 = AT(2023, 1, 30, 0, 0);
	layout_axis_build(&v, &a);
	CHECK_STR(a.top, "January 2023    February 2023           ");
	CHECK_STR(a.bottom, "Mon 30  Tue 31  Wed 1   Thu 2   Fri 3   ");
	layout_axis_release(&a);
	v.t0 = AT(2023, 1, 31, 0, 0);
	layout_axis_build(&v, &a);
	CHECK_STR(a.top, "        February 2023                   ");
	layout_axis_release(&a);
}

TEST(axis_labels_hours_weeks_months)
{
	struct layout_view v = {AT(2023, 1, 30, 0, 0), 900, 24, NULL};
	struct layout_axis a;

	layout_axis_build(&v, &a);
	CHECK_STR(a.bottom, "00  01  02  03  04  05  ");
	CHECK_STR(a.top, "Mon 30 Jan 2023         ");
	layout_axis_release(&a);
	v.spc = 3600;
	layout_axis_build(&v, &a);
	CHECK_STR(a.bottom, "00 03 06 09 12 15 18 21 ");
	layout_axis_release(&a);
	v.spc = ITIN_DAY;
	v.t0 = D(2023, 1, 30) * ITIN_DAY;
	layout_axis_build(&v, &a);
	/* A label that would not fit whole at the edge is left out. */
	CHECK_STR(a.bottom, "30 Jan 6 Feb  13 Feb    ");
	layout_axis_release(&a);
	v.spc = 7 * ITIN_DAY;
	v.t0 = D(2023, 1, 1) * ITIN_DAY;
	layout_axis_build(&v, &a);
	CHECK_STR(a.top, "2023                    ");
	/* Months are not all the same number of columns. */
	CHECK_STR(a.bottom, "Jan Feb Mar Apr  May Jun");
	layout_axis_release(&a);
}

TEST(bars_and_clipping)
{
	struct layout_view v = {AT(2023, 1, 30, 0, 0), 10800, 16, NULL};
	struct layout_bar b;

	/* 10:00-11:30 is in the fourth column (09:00-12:00). */
	CHECK(layout_bar(&v, AT(2023, 1, 30, 10, 0), AT(2023, 1, 30, 11, 30),
			 &b));
	CHECK_INT(b.c0, 3);
	CHECK_INT(b.c1, 3);
	/* A whole day is eight columns, and ends where the next begins. */
	CHECK(layout_bar(&v, D(2023, 1, 30) * ITIN_DAY,
			 D(2023, 1, 31) * ITIN_DAY, &b));
	CHECK_INT(b.c0, 0);
	CHECK_INT(b.c1, 7);
	CHECK(!b.cut_left && !b.cut_right);
	/* Longer than the view both ways. */
	CHECK(layout_bar(&v, D(2023, 1, 1) * ITIN_DAY, D(2023, 3, 1) * ITIN_DAY,
			 &b));
	CHECK(b.cut_left && b.cut_right);
	CHECK_INT(b.c0, 0);
	CHECK_INT(b.c1, 15);
	/* Outside. */
	CHECK(!layout_bar(&v, D(2023, 1, 1) * ITIN_DAY,
			  D(2023, 1, 2) * ITIN_DAY, &b));
	CHECK_INT(b.where, -1);
	CHECK(!layout_bar(&v, D(2023, 3, 1) * ITIN_DAY,
			  D(2023, 3, 2) * ITIN_DAY, &b));
	CHECK_INT(b.where, 1);
	/* An event that ends exactly at the view's start is not in it. */
	CHECK(
	    !layout_bar(&v, AT(2023, 1, 29, 20, 0), AT(2023, 1, 30, 0, 0), &b));
	/* No columns at all. */
	v.cols = 0;
	CHECK(
	    !layout_bar(&v, AT(2023, 1, 30, 1, 0), AT(2023, 1, 30, 2, 0), &b));
	/* Columns of times before 1970 floor the right way. */
	v.t0 = -ITIN_DAY;
	v.spc = 3600;
	v.cols = 24;
	CHECK_INT(layout_col(&v, -ITIN_DAY - 1), -1);
	CHECK_INT(layout_align(NULL, -1, 3600), -3600);
	CHECK_INT(layout_align(NULL, -1, 7 * ITIN_DAY), -ITIN_DAY);
}

TEST(line_cells)
{
	struct event *a =
	    ev_new("A", D(2023, 1, 30) * ITIN_DAY, -1, true, EV_VISIT);
	struct event *p =
	    ev_new("P", AT(2023, 1, 30, 12, 0), -1, false, EV_CALL);
	struct event *far =
	    ev_new("F", D(2023, 3, 1) * ITIN_DAY, -1, true, EV_SUMMIT);
	struct layout_view v = {AT(2023, 1, 29, 0, 0), 21600, 12, NULL};
	struct layout_line ln;
	struct layout_item it;
	bool grid[12] = {0};

	grid[4] = true;
	layout_line_init(&ln, v.cols);
	layout_line_clear(&ln, grid, 2);
	CHECK_INT(ln.cells[4].kind, LC_GRID);
	CHECK_INT(ln.cells[2].kind, LC_TODAY);
	it = (struct layout_item){a, 0, 0};
	layout_item_span(a, NULL, &it.s, &it.e);
	layout_line_item(&ln, &v, &it, true);
	for (int c = 4; c < 8; c++)
		CHECK_INT(ln.cells[c].kind, LC_BAR);
	CHECK_INT(ln.cells[3].kind, LC_EMPTY);
	CHECK_INT(ln.cells[8].kind, LC_EMPTY);
	CHECK_INT(ln.cells[5].type, EV_VISIT);
	layout_line_clear(&ln, NULL, -1);
	it = (struct layout_item){p, 0, 0};
	layout_item_span(p, NULL, &it.s, &it.e);
	layout_line_item(&ln, &v, &it, true);
	CHECK_INT(ln.cells[6].kind, LC_POINT);
	layout_line_clear(&ln, NULL, -1);
	it = (struct layout_item){far, 0, 0};
	layout_item_span(far, NULL, &it.s, &it.e);
	layout_line_item(&ln, &v, &it, true);
	CHECK_INT(ln.cells[11].kind, LC_AFTER);
	CHECK_STR(layout_glyph(&ln.cells[11], true), ">");
	layout_line_release(&ln);
	/* A line of no columns takes nothing. */
	layout_line_init(&ln, 0);
	layout_line_clear(&ln, NULL, 0);
	layout_line_item(&ln, &v, &it, true);
	layout_line_release(&ln);
	event_free(a);
	event_free(p);
	event_free(far);
}

TEST(fit_wide_and_combining)
{
	struct strbuf sb = STRBUF_INIT;

	layout_fit(&sb, "東京での会談", 7, true);
	/* Three wide characters are six columns; "…" the seventh. */
	CHECK_STR(sb.buf, "東京で\u2026");
	CHECK_INT(utf8_width(sb.buf), 7);
	strbuf_reset(&sb);
	layout_fit(&sb, "東京での会談", 6, true);
	/* The third would need columns 5-6 and "…" a seventh: a space. */
	CHECK_STR(sb.buf, "東京\u2026 ");
	CHECK_INT(utf8_width(sb.buf), 6);
	strbuf_reset(&sb);
	/* e + combining acute is one column; never split from its base. */
	layout_fit(&sb, "Cafe\u0301 Vilnius", 5, true);
	CHECK_STR(sb.buf, "Cafe\u0301\u2026");
	CHECK_INT(utf8_width(sb.buf), 5);
	strbuf_reset(&sb);
	layout_fit(&sb, "ab", 5, true);
	CHECK_STR(sb.buf, "ab   ");
	strbuf_reset(&sb);
	layout_fit(&sb, "abc", 0, true);
	CHECK_STR(sb.buf, "");
	layout_fit(&sb, "abc", 1, false);
	CHECK_STR(sb.buf, "\u2026");
	strbuf_release(&sb);
}

TEST(labels_sanitised)
{
	struct event *e = ev_new("Evil \x1b]0;x\x07 title",
				 AT(2023, 1, 1, 9, 0), -1, false, EV_PRESS);
	struct strbuf sb = STRBUF_INIT;

	event_set_str(e, &e->city, "Seoul");
	memcpy(e->country, "KR", 3);
	e->status = EV_TENTATIVE;
	layout_event_label(&sb, e);
	CHECK_STR(sb.buf, "Evil \\x1b]0;x\\x07 title @ Seoul, KR (tentative)");
	/* The viewer's labels: bidi controls and the separators too. */
	event_set_str(e, &e->title,
		      "A\xE2\x80\xAE"
		      "B\xE2\x80\xA8"
		      "C\xE2\x80\xA9"
		      "D\xC2\x85");
	strbuf_reset(&sb);
	layout_event_label(&sb, e);
	CHECK_STR(
	    sb.buf,
	    "A\\u{202E}B\\u{2028}C\\u{2029}D\\x85 @ Seoul, KR (tentative)");
	strbuf_release(&sb);
	event_free(e);
}

TEST(label_columns_tiny_widths)
{
	CHECK_INT(layout_label_cols(100, 30), 30);
	CHECK_INT(layout_label_cols(100, 300), 40);
	CHECK_INT(layout_label_cols(9, 30), 0);
	CHECK_INT(layout_label_cols(1, 30), 0);
	CHECK_INT(layout_label_cols(0, 30), 0);
	CHECK_INT(layout_label_cols(50, 0), 0);
}

/* Overlapping events of one group go in separate lanes; others share. */
TEST(grouped_lanes_overlaps)
{
	struct event *ev[4];
	struct layout_model m;
	struct layout_rows rows;
	struct layout_view v = {D(2023, 1, 1) * ITIN_DAY, ITIN_DAY, 60, NULL};

	ev[0] = ev_new("a", D(2023, 1, 2) * ITIN_DAY, D(2023, 1, 5) * ITIN_DAY,
		       true, EV_VISIT);
	ev[1] = ev_new("b", D(2023, 1, 3) * ITIN_DAY, -1, true, EV_VISIT);
	ev[2] = ev_new("c", D(2023, 1, 20) * ITIN_DAY, -1, true, EV_VISIT);
	ev[3] = ev_new("m", D(2023, 1, 3) * ITIN_DAY, -1, true, EV_MEETING);
	layout_model_init(&m, ev, 4, NULL);
	layout_rows_build(&m, LAYOUT_BY_TYPE, &v, &rows);
	/* Two lanes of visits (b overlaps a; c fits after either), one
	 * of meetings. */
	CHECK_INT(rows.n, 3);
	CHECK_STR(rows.v[0].label, "visit");
	CHECK_STR(rows.v[1].label, "");
	CHECK_INT(rows.v[0].n + rows.v[1].n, 3);
	CHECK_INT(rows.v[0].items[0], 0);
	CHECK_INT(rows.v[1].items[0], 1);
	CHECK_STR(rows.v[2].label, "meeting");
	layout_rows_release(&rows);
	layout_rows_build(&m, LAYOUT_BY_NONE, &v, &rows);
	CHECK_INT(rows.n, 4);
	layout_rows_release(&rows);
	layout_model_release(&m);
	for (int i = 0; i < 4; i++)
		event_free(ev[i]);
	CHECK_INT(layout_by_parse("person"), LAYOUT_BY_PERSON);
	CHECK_INT(layout_by_parse("colour"), -1);
}

TEST(text_output_fits_width)
{
	struct event *ev[2];
	struct layout_model m;
	struct layout_text_opts o = {0};
	struct strbuf sb = STRBUF_INIT;

	ev[0] = ev_new("Visit to Korea", D(2023, 1, 29) * ITIN_DAY,
		       D(2023, 1, 30) * ITIN_DAY, true, EV_VISIT);
	ev[1] = ev_new("東京での会談", AT(2023, 1, 31, 18, 0),
		       AT(2023, 1, 31, 19, 0), false, EV_MEETING);
	layout_model_init(&m, ev, 2, NULL);
	for (int w = 1; w <= 120; w++) {
		const char *p;

		o.width = w;
		strbuf_reset(&sb);
		layout_text(&sb, &m, &o);
		for (p = sb.buf; *p;) {
			const char *nl = strchr(p, '\n');
			char *line = xstrndup(p, (size_t)(nl - p));
			if (utf8_width(line) > (size_t)w) {
				printf("#   width %d: '%s'\n", w, line);
				CHECK(0);
			}
			free(line);
			p = nl + 1;
		}
		CHECK(strstr(sb.buf, "\033") == NULL);
	}
	o.width = 60;
	strbuf_reset(&sb);
	layout_text(&sb, &m, &o);
	/* "February 2023" does not fit after Wed 1: its short form does. */
	CHECK_STR(
	    sb.buf,
	    "               January 2023                        Feb 2023\n"
	    "               Sun 29      Mon 30      Tue 31      Wed 1\n"
	    "Visit to Korea ████████████████████████\n"
	    "東京での会談                                    █\n");
	o.colour = true;
	strbuf_reset(&sb);
	layout_text(&sb, &m, &o);
	CHECK(strstr(sb.buf, "\033[32m") != NULL);
	strbuf_release(&sb);
	layout_model_release(&m);
	event_free(ev[0]);
	event_free(ev[1]);
}

/* One zone for the axis: a flight across zones is as long as it lasts
 * (issue 11, item 12: Tokyo -> Brussels was drawn 4.5 hours long). */
TEST(one_zone_true_durations)
{
	struct itin_err err;
	const struct tz *bru = tz_get("Europe/Brussels", &err);
	struct event *ev = event_new();
	struct layout_model m;
	struct layout_text_opts o = {0};
	struct strbuf sb = STRBUF_INIT;
	int64_t s, e;

	/* 11:00 in Tokyo (02:00Z) to 15:30 in Brussels (14:30Z): 12.5 h. */
	event_set_str(ev, &ev->title, "Flight to Brussels from Haneda, Tokyo");
	event_set_str(ev, &ev->tz, "Asia/Tokyo");
	event_set_str(ev, &ev->end_tz, "Europe/Brussels");
	ev->type = EV_TRAVEL;
	ev->start = AT(2023, 2, 2, 11, 0);
	ev->end = AT(2023, 2, 2, 15, 30);
	ev->has_end = true;
	CHECK(event_check(ev, NULL, &err) == 0);
	layout_item_span(ev, bru, &s, &e);
	CHECK_INT(e - s, 12 * 3600 + 1800);
	CHECK_INT(layout_local(bru, s), AT(2023, 2, 2, 3, 0)); /* Brussels */
	/* Each on its own clock, the old way: 4.5 hours, wrong. */
	layout_item_span(ev, NULL, &s, &e);
	CHECK_INT(e - s, 4 * 3600 + 1800);

	/* The header names the zone: above the labels where it fits... */
	layout_model_init(&m, &ev, 1, bru);
	o.width = 100;
	o.zone = "Europe/Brussels";
	layout_text(&sb, &m, &o);
	CHECK(!strncmp(sb.buf, "Times in Europe/Brussels ", 25));
	/* ...else on a line of its own, whole. */
	o.zone = "America/Argentina/ComodRivadavia";
	strbuf_reset(&sb);
	layout_text(&sb, &m, &o);
	CHECK(!strncmp(sb.buf, "Times in America/Argentina/ComodRivadavia\n",
		       42));
	for (int w = 1; w <= 70; w++) {
		const char *p;

		o.width = w;
		strbuf_reset(&sb);
		layout_text(&sb, &m, &o);
		for (p = sb.buf; *p;) {
			const char *nl = strchr(p, '\n');
			char *line = xstrndup(p, (size_t)(nl - p));
			CHECK(utf8_width(line) <= (size_t)w);
			free(line);
			p = nl + 1;
		}
	}
	strbuf_release(&sb);
	layout_model_release(&m);
	event_free(ev);
}

/* The viewer's rows: only items with something in the window, in order,
 * checked against every item's own layout_bar (issue 11, item 15: rows of
 * empty guides for events outside the window). */
TEST(visible_rows)
{
	/* s, e: a long visit, points, bars, one ending exactly at t0. */
	static const int64_t se[][2] = {
	    {0, 1000},	{10, 20},   {50, 100},	{90, 90},
	    {95, 99},	{100, 100}, {100, 150}, {120, 400},
	    {199, 200}, {200, 260}, {300, 300}, {350, 360},
	};
	enum { N = sizeof(se) / sizeof(se[0]) };
	struct layout_item items[N];
	int64_t maxe[N];
	struct layout_visible vis = {0};

	for (int i = 0; i < N; i++)
		items[i] = (struct layout_item){NULL, se[i][0], se[i][1]};
	layout_max_ends(items, N, maxe);
	CHECK_INT(maxe[N - 1], 1000);
	for (int64_t t0 = -50; t0 <= 1100; t0 += 10) {
		struct layout_view v = {t0, 10, 10, NULL}; /* [t0, t0 + 100) */
		size_t want = 0, row = 0;

		layout_visible_find(&vis, items, N, maxe, t0, t0 + 100);
		for (size_t i = 0; i < N; i++) {
			struct layout_bar b;
			bool shown = layout_bar(&v, items[i].s, items[i].e, &b);

			if (shown) {
				want++;
				CHECK_INT(layout_visible_row(&vis, i), row);
				if (row < layout_visible_count(&vis))
					CHECK_INT(
					    layout_visible_item(&vis, row), i);
				row++;
			} else {
				CHECK(layout_visible_row(&vis, i) == SIZE_MAX);
			}
		}
		CHECK_INT(layout_visible_count(&vis), want);
	}
	/* Nothing at all. */
	layout_visible_find(&vis, items, 0, maxe, 0, 100);
	CHECK_INT(layout_visible_count(&vis), 0);
	layout_visible_release(&vis);
}

/* Going to a date (`g`, `t`) lands on the first item with something at
 * or after it: one begun before that is still going on (the night that
 * covers the morning), checked against a plain scan for every t. */
TEST(first_from_in_progress)
{
	static const int64_t se[][2] = {
	    {0, 50},	{10, 20},   {30, 130},	{90, 90},   {95, 99},
	    {100, 100}, {120, 400}, {199, 200}, {300, 300}, {350, 360},
	};
	enum { N = sizeof(se) / sizeof(se[0]) };
	struct layout_item items[N];
	int64_t maxe[N];

	for (int i = 0; i < N; i++)
		items[i] = (struct layout_item){NULL, se[i][0], se[i][1]};
	layout_max_ends(items, N, maxe);
	for (int64_t t = -10; t <= 420; t += 5) {
		size_t want = N;

		for (size_t i = 0; i < N && want == N; i++)
			if (items[i].s >= t || items[i].e > t)
				want = i;
		CHECK_INT(layout_first_from(items, N, maxe, t), want);
	}
	/* The night 30..130 covers 100: it, not the point at 100. */
	CHECK_INT(layout_first_from(items, N, maxe, 100), 2);
	CHECK_INT(layout_first_from(items, 0, maxe, 100), 0);
}

/*
 * The viewer's status line at every width from 40 to 200 columns: exactly
 * that wide (wide characters count two), the times and the short id
 * whole, the id at the right edge, the title shortened with "…" when it
 * does not fit, never cut inside a character.
 */
TEST(status_line_fits)
{
	static const char text[] =
	    "2023-01-30 11:00-12:00 meeting Meeting with President Yoon "
	    "Suk-yeol and the delegation of the Republic of Korea on security, "
	    "trade, energy, culture and the partnership for the years ahead "
	    "@ Yongsan Presidential Office, Seoul, KR\n"
	    "    id: a1b2c3d4e5f60001\n    tz: Asia/Seoul\n"
	    "2023-01-30 18:30..2023-01-30 20:45 travel "
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8\xe3\x81\xae"
	    "\xe4\xbe\xbf\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8"
	    "\xe3\x81\xae\xe4\xbe\xbf\xe6\x9d\xb1\xe4\xba\xac"
	    "\xe3\x81\xb8\xe3\x81\xae\xe4\xbe\xbf"
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8\xe3\x81\xae"
	    "\xe4\xbe\xbf\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xb8"
	    "\xe3\x81\xae\xe4\xbe\xbf\xe6\x9d\xb1\xe4\xba\xac"
	    "\xe3\x81\xb8\xe3\x81\xae\xe4\xbe\xbf @ Seoul, KR\n"
	    "    id: b1b2c3d4e5f60002\n    tz: Asia/Seoul\n"
	    "    end-tz: Asia/Tokyo\n"
	    "2023-02-01 press Press @ Grand Prince Hotel New "
	    "Takanawa International Convention Center, Tokyo, JP\n"
	    "    id: c1b2c3d4e5f60003\n    status: tentative\n";
	static const char *const times[] = {
	    "11:00-12:00 KST", "18:30-20:45 KST -> JST", "(all day)"};
	static const char *const short_ids[] = {"a1b2", "b1b2", "c1b2"};
	struct evlist l = EVLIST_INIT;
	struct shortid ids;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	CHECK_INT(itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err),
		  0);
	CHECK_INT(l.n, 3);
	if (l.n != 3)
		goto out;
	shortid_init(&ids, SHORTID_MIN);
	for (size_t i = 0; i < l.n; i++)
		shortid_add(&ids, l.v[i]->id);
	shortid_finish(&ids);
	for (size_t i = 0; i < l.n; i++) {
		for (size_t cols = 40; cols <= 200; cols++) {
			size_t n = strlen(short_ids[i]), end;

			strbuf_reset(&sb);
			view_status_line(&sb, l.v[i], NULL, &ids, i + 1, l.n,
					 cols);
			/* The id is last, or just before the help hint. */
			end = sb.len;
			if (end > 8 && !strcmp(sb.buf + end - 8, " ? help "))
				end -= 8;
			if (utf8_width(sb.buf) != cols ||
			    !strstr(sb.buf, times[i]) || end < n ||
			    strncmp(sb.buf + end - n, short_ids[i], n) ||
			    !utf8_valid(sb.buf, sb.len, NULL) ||
			    (i < 2 && cols < 120 &&
			     !strstr(sb.buf, "\u2026"))) {
				printf("#   %zu columns: \"%s\"\n", cols,
				       sb.buf);
				test_failed_now = 1;
				break;
			}
		}
	}
	/* The tentative press event keeps its status word, and its venue
	 * goes before its city. */
	strbuf_reset(&sb);
	view_status_line(&sb, l.v[2], NULL, &ids, 3, 3, 90);
	if (!strstr(sb.buf, "Press (tentative) @ Tokyo, JP")) {
		printf("#   \"%s\"\n", sb.buf);
		test_failed_now = 1;
	}
	shortid_release(&ids);
out:
	strbuf_release(&sb);
	evlist_release(&l);
}

/* Narrow status lines (review of issue 11): the status word gives way
 * before the short id, which stays whole at the right edge down to 26
 * columns; a place without a venue loses its country before its city is
 * cut ("Tokyo", never "Tokyo, …"). */
TEST(status_line_narrow)
{
	static const char text[] =
	    "2024-03-31 18:00-19:00 meeting Talks @ Brussels, BE\n"
	    "    id: talks-tentative\n    tz: Europe/Brussels\n"
	    "    status: tentative\n"
	    "2024-03-30 11:00..2024-03-30 18:30 travel Flight Tokyo to "
	    "Brussels @ Tokyo, JP\n"
	    "    id: tyo-bru\n    tz: Asia/Tokyo\n"
	    "    end-tz: Europe/Brussels\n";
	struct evlist l = EVLIST_INIT;
	struct shortid ids;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	const struct tz *bru = tz_get("Europe/Brussels", &err);

	CHECK(bru);
	CHECK_INT(itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err),
		  0);
	CHECK_INT(l.n, 2);
	if (l.n != 2 || !bru)
		goto out;
	shortid_init(&ids, SHORTID_MIN);
	for (size_t i = 0; i < l.n; i++)
		shortid_add(&ids, l.v[i]->id);
	shortid_finish(&ids);
	for (size_t cols = 26; cols <= 120; cols++) {
		strbuf_reset(&sb);
		view_status_line(&sb, l.v[0], bru, &ids, 1, 2, cols);
		if (utf8_width(sb.buf) != cols ||
		    ((sb.len < 4 || strcmp(sb.buf + sb.len - 4, "talk")) &&
		     !strstr(sb.buf, "talk ? help "))) {
			printf("#   %zu columns: \"%s\"\n", cols, sb.buf);
			test_failed_now = 1;
		}
		strbuf_reset(&sb);
		view_status_line(&sb, l.v[1], bru, &ids, 2, 2, cols);
		if (strstr(sb.buf, ", \u2026")) {
			printf("#   %zu columns: \"%s\"\n", cols, sb.buf);
			test_failed_now = 1;
		}
	}
	shortid_release(&ids);
out:
	strbuf_release(&sb);
	evlist_release(&l);
}

int main(void)
{
	RUN(status_line_fits);
	RUN(visible_rows);
	RUN(first_from_in_progress);
	RUN(status_line_narrow);
	RUN(one_zone_true_durations);
	RUN(spans_of_allday_and_timed);
	RUN(in_zone_moves_zoned_events);
	RUN(model_sorted_and_binary_search);
	RUN(zoom_levels_and_units);
	RUN(axis_labels_days);
	RUN(axis_labels_hours_weeks_months);
	RUN(bars_and_clipping);
	RUN(line_cells);
	RUN(fit_wide_and_combining);
	RUN(labels_sanitised);
	RUN(label_columns_tiny_widths);
	RUN(grouped_lanes_overlaps);
	RUN(text_output_fits_width);
	tz_cache_free();
	return test_done();
}
