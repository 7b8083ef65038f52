/* test_datetime.c: civil-date arithmetic, WHEN parsing and formatting. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "itin/datetime.h"
#include "test.h"

TEST(epoch_and_known_days)
{
	CHECK_INT(days_from_civil(1970, 1, 1), 0);
	CHECK_INT(days_from_civil(1969, 12, 31), -1);
	CHECK_INT(days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(days_from_civil(2023, 1, 29), 19386);
	CHECK_INT(days_from_civil(1, 1, 1), -719162);
	CHECK_INT(days_from_civil(9999, 12, 31), 2932896);
	CHECK_INT(weekday_from_days(0), 4);			/* Thursday */
	CHECK_INT(weekday_from_days(-1), 3);
	CHECK_INT(weekday_from_days(days_from_civil(2023, 1, 27)), 5);
	CHECK_INT(weekday_from_days(days_from_civil(1, 1, 1)), 1);
	CHECK_INT(weekday_from_days(days_from_civil(2024, 2, 29)), 4);
}

/* Walk days first..last: each goes there and back, follows the one
 * before on the calendar, and moves the weekday on by one. */
static int walk_days(int64_t first, int64_t last)
{
	int64_t d;
	int y, m, dd, py, pm, pd, bad = 0;

	civil_from_days(first, &py, &pm, &pd);
	if (days_from_civil(py, pm, pd) != first)
		bad++;
	for (d = first + 1; d <= last && bad < 5; d++) {
		civil_from_days(d, &y, &m, &dd);
		if (!date_is_valid(y, m, dd) ||
		    days_from_civil(y, m, dd) != d ||
		    !(dd == pd + 1 ||
		      (dd == 1 && pd == days_in_month(py, pm) &&
		       (m == pm + 1 || (m == 1 && pm == 12 && y == py + 1)))) ||
		    weekday_from_days(d) != (weekday_from_days(d - 1) + 1) % 7) {
			printf("#   day %lld -> %04d-%02d-%02d\n", (long long)d,
			       y, m, dd);
			bad++;
		}
		py = y, pm = m, pd = dd;
	}
	return bad;
}

/* Two whole 400-year eras day by day (the algorithm's period), the ends
 * of the supported range, and a sparse sweep far beyond it. */
TEST(calendar_bounds)
{
	CHECK(days_from_civil(1, 1, 1) == ITIN_FIRST_DAY);
	CHECK(days_from_civil(9999, 12, 31) == ITIN_LAST_DAY);
}

TEST(round_trip_days)
{
	int64_t d;
	int y, m, dd, bad = 0;

	CHECK_INT(walk_days(days_from_civil(1600, 1, 1),
			    days_from_civil(2400, 12, 31)), 0);
	CHECK_INT(walk_days(days_from_civil(1, 1, 1),
			    days_from_civil(12, 12, 31)), 0);
	CHECK_INT(walk_days(days_from_civil(9988, 1, 1),
			    days_from_civil(9999, 12, 31)), 0);
	civil_from_days(days_from_civil(9999, 12, 31) + 1, &y, &m, &dd);
	CHECK(y == 10000 && m == 1 && dd == 1);
	for (d = -5000000; d <= 5000000; d += 997) {
		civil_from_days(d, &y, &m, &dd);
		if (days_from_civil(y, m, dd) != d)
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* Cross-check against glibc's timegm for every third day 1900..2100. */
TEST(agrees_with_timegm)
{
	int64_t d;
	int y, m, dd, bad = 0;

	for (d = days_from_civil(1900, 1, 1); d <= days_from_civil(2100, 12, 31);
	     d += 3) {
		struct tm tm = { 0 };
		time_t t;

		civil_from_days(d, &y, &m, &dd);
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = dd;
		t = timegm(&tm);
		if ((int64_t)t != d * ITIN_DAY || tm.tm_wday != weekday_from_days(d))
			bad++;
	}
	CHECK_INT(bad, 0);
}

TEST(leap_years)
{
	CHECK_INT(days_in_month(1900, 2), 28);
	CHECK_INT(days_in_month(2000, 2), 29);
	CHECK_INT(days_in_month(2023, 2), 28);
	CHECK_INT(days_in_month(2024, 2), 29);
	CHECK_INT(days_in_month(2100, 2), 28);
	CHECK_INT(days_in_month(2400, 2), 29);
	CHECK_INT(days_in_month(2023, 4), 30);
	CHECK_INT(days_in_month(2023, 12), 31);
	CHECK_INT(days_in_month(2023, 13), 0);
	CHECK_INT(days_in_month(2023, 0), 0);
	CHECK(!date_is_valid(1900, 2, 29));
	CHECK(date_is_valid(2000, 2, 29));
	CHECK(date_is_valid(2024, 2, 29));
	CHECK(!date_is_valid(2023, 2, 29));
	CHECK(!date_is_valid(0, 1, 1));
	CHECK(!date_is_valid(10000, 1, 1));
	CHECK(date_is_valid(1, 1, 1));
	CHECK(date_is_valid(9999, 12, 31));
	CHECK(!date_is_valid(2023, 4, 31));
	CHECK(!date_is_valid(2023, 1, 0));
}

TEST(lsec_floor)
{
	CHECK_INT(lsec_day(0), 0);
	CHECK_INT(lsec_day(86399), 0);
	CHECK_INT(lsec_day(86400), 1);
	CHECK_INT(lsec_day(-1), -1);
	CHECK_INT(lsec_day(-86400), -1);
	CHECK_INT(lsec_day(-86401), -2);
	CHECK_INT(lsec_time_of_day(-1), 86399);
	CHECK_INT(lsec_time_of_day(-86400), 0);
	CHECK_INT(lsec_time_of_day(90061), 3661);
}

static int parse(const char *s, struct when *w, struct itin_err *err)
{
	itin_err_clear(err);
	return when_parse(s, strlen(s), w, err);
}

TEST(parse_when_forms)
{
	struct when w;
	struct itin_err err;
	int64_t d = days_from_civil(2023, 1, 29);

	CHECK_INT(parse("2023-01-29", &w, &err), 0);
	CHECK_INT(w.lsec, d * ITIN_DAY);
	CHECK(!w.has_time);
	CHECK_INT(parse("2023-01-29T10:00", &w, &err), 0);
	CHECK_INT(w.lsec, d * ITIN_DAY + 36000);
	CHECK(w.has_time);
	CHECK_INT(parse("2023-01-29 10:00", &w, &err), 0);
	CHECK_INT(w.lsec, d * ITIN_DAY + 36000);
	CHECK(w.has_time);
	CHECK_INT(parse("2023-01-29T23:59:59", &w, &err), 0);
	CHECK_INT(w.lsec, d * ITIN_DAY + 86399);
	CHECK_INT(parse("2023-01-29 00:00:00", &w, &err), 0);
	CHECK_INT(w.lsec, d * ITIN_DAY);
	CHECK(w.has_time);
	CHECK_INT(parse("1969-12-31T23:00", &w, &err), 0);
	CHECK_INT(w.lsec, -3600);
	CHECK_INT(parse("0001-01-01", &w, &err), 0);
	CHECK_INT(parse("9999-12-31T23:59:59", &w, &err), 0);
	CHECK_INT(parse("2024-02-29", &w, &err), 0);
	CHECK_INT(parse("2000-02-29", &w, &err), 0);

	/* Only len bytes count: the rest of a line is not looked at. */
	itin_err_clear(&err);
	CHECK_INT(when_parse("2023-01-29 10:00-11:30", 16, &w, &err), 0);
	CHECK_INT(w.lsec, d * ITIN_DAY + 36000);
	CHECK_INT(when_parse("2023-01-29..2023-01-30", 10, &w, &err), 0);
	CHECK(!w.has_time);
}

/* Parse s; it must fail with status 65, message msg and column col. */
static void expect_bad(const char *s, const char *msg, long col)
{
	struct when w;
	struct itin_err err;

	CHECK_INT(parse(s, &w, &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_STR(err.msg, msg);
	CHECK_INT(err.col, col);
	CHECK_INT(err.line, 0);
	CHECK_STR(err.file, "");
}

TEST(invalid_dates)
{
	expect_bad("2023-02-30", "invalid date '2023-02-30': February 2023 has 28 days", 1);
	expect_bad("2024-02-30", "invalid date '2024-02-30': February 2024 has 29 days", 1);
	expect_bad("1900-02-29", "invalid date '1900-02-29': February 1900 has 28 days", 1);
	expect_bad("2023-04-31T10:00", "invalid date '2023-04-31': April 2023 has 30 days", 1);
	expect_bad("2023-13-01", "invalid date '2023-13-01': month must be 01 to 12", 1);
	expect_bad("2023-00-10", "invalid date '2023-00-10': month must be 01 to 12", 1);
	expect_bad("2023-01-00", "invalid date '2023-01-00': there is no day 00", 1);
	expect_bad("0000-01-01", "invalid date '0000-01-01': years run from 0001 to 9999", 1);
	expect_bad("2023-1-30", "invalid date '2023-1-30' (expected YYYY-MM-DD)", 1);
	expect_bad("23-01-30", "invalid date '23-01-30' (expected YYYY-MM-DD)", 1);
	expect_bad("2023/01/30", "invalid date '2023/01/30' (expected YYYY-MM-DD)", 1);
	expect_bad("2023-01-30x", "invalid date '2023-01-30x' (expected YYYY-MM-DD)", 1);
	expect_bad("+023-01-30", "invalid date '+023-01-30' (expected YYYY-MM-DD)", 1);
	expect_bad("", "invalid date '' (expected YYYY-MM-DD)", 1);
	expect_bad("T10:00", "invalid date 'T10:00' (expected YYYY-MM-DD)", 1);
	expect_bad(" 2023-01-30", "invalid date ' 2023-01-30' (expected YYYY-MM-DD)", 1);
	expect_bad("20230130", "invalid date '20230130' (expected YYYY-MM-DD)", 1);
}

TEST(invalid_times)
{
	expect_bad("2023-01-29T24:00", "invalid time '24:00': hour must be 00 to 23", 12);
	expect_bad("2023-01-29 25:00", "invalid time '25:00': hour must be 00 to 23", 12);
	expect_bad("2023-01-29T12:60", "invalid time '12:60': minute must be 00 to 59", 12);
	expect_bad("2023-01-29T12:00:60", "invalid time '12:00:60': second must be 00 to 59", 12);
	expect_bad("2023-01-29T1:00", "invalid time '1:00' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T10:0", "invalid time '10:0' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T10", "invalid time '10' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T10:00x", "invalid time '10:00x' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T10:00:", "invalid time '10:00:' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T10:00:0", "invalid time '10:00:0' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29 10:00 ", "invalid time '10:00 ' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29  10:00", "invalid time ' 10:00' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T", "invalid time '' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29 ", "invalid time '' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T10-00", "invalid time '10-00' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29T-1:00", "invalid time '-1:00' (expected HH:MM or HH:MM:SS)", 12);
	expect_bad("2023-01-29t10:00", "invalid date '2023-01-29t10:00' (expected YYYY-MM-DD)", 1);
	/* The date is checked before the time. */
	expect_bad("2023-02-30T25:00", "invalid date '2023-02-30': February 2023 has 28 days", 1);
}

TEST(clock_and_date_parse)
{
	struct itin_err err;
	int secs = -1;
	int64_t days = 0;

	itin_err_clear(&err);
	CHECK_INT(clock_parse("10:30", 5, &secs, &err), 0);
	CHECK_INT(secs, 37800);
	CHECK_INT(clock_parse("00:00:01", 8, &secs, &err), 0);
	CHECK_INT(secs, 1);
	CHECK_INT(clock_parse("23:59:59", 8, &secs, &err), 0);
	CHECK_INT(secs, 86399);
	CHECK_INT(clock_parse("11:30-12:00", 5, &secs, &err), 0);
	CHECK_INT(secs, 41400);
	CHECK_INT(clock_parse("24:00", 5, &secs, &err), -1);
	CHECK_STR(err.msg, "invalid time '24:00': hour must be 00 to 23");
	CHECK_INT(err.col, 1);
	CHECK_INT(clock_parse("9:30", 4, &secs, &err), -1);
	CHECK_INT(err.col, 1);
	CHECK_INT(clock_parse("12:5", 4, &secs, &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);

	CHECK_INT(date_parse("2023-07-11", 10, &days, &err), 0);
	CHECK_INT(days, days_from_civil(2023, 7, 11));
	CHECK_INT(date_parse("2023-07-11T10:00", 16, &days, &err), -1);
	CHECK_INT(err.col, 1);
	CHECK_INT(date_parse("2023-02-29", 10, &days, &err), -1);
	CHECK_STR(err.msg, "invalid date '2023-02-29': February 2023 has 28 days");
}

TEST(long_input_is_quoted_short)
{
	char big[300];
	struct when w;
	struct itin_err err;

	memset(big, '9', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_INT(parse(big, &w, &err), -1);
	CHECK(strlen(err.msg) < 120);
	CHECK(strstr(err.msg, "(expected YYYY-MM-DD)") != NULL);
}

TEST(formatting)
{
	char buf[ITIN_WHEN_MAX];
	int64_t d = days_from_civil(2023, 1, 29);

	date_format(d, buf);
	CHECK_STR(buf, "2023-01-29");
	date_format(days_from_civil(1, 1, 1), buf);
	CHECK_STR(buf, "0001-01-01");
	clock_format(36000, buf);
	CHECK_STR(buf, "10:00");
	clock_format(36030, buf);
	CHECK_STR(buf, "10:00:30");
	clock_format(0, buf);
	CHECK_STR(buf, "00:00");
	clock_format(86399, buf);
	CHECK_STR(buf, "23:59:59");
	when_format(d * ITIN_DAY, false, 'T', buf);
	CHECK_STR(buf, "2023-01-29");
	when_format(d * ITIN_DAY, true, 'T', buf);
	CHECK_STR(buf, "2023-01-29T00:00");
	when_format(d * ITIN_DAY + 36000, true, 'T', buf);
	CHECK_STR(buf, "2023-01-29T10:00");
	when_format(d * ITIN_DAY + 36005, true, ' ', buf);
	CHECK_STR(buf, "2023-01-29 10:00:05");
	when_format(-1, true, 'T', buf);
	CHECK_STR(buf, "1969-12-31T23:59:59");
}

/* Whatever when_format writes, when_parse reads back to the same value. */
TEST(format_parse_round_trip)
{
	char buf[ITIN_WHEN_MAX];
	struct when w;
	struct itin_err err;
	int64_t lsec;
	int bad = 0;

	for (lsec = days_from_civil(1, 1, 1) * ITIN_DAY;
	     lsec < days_from_civil(9999, 12, 31) * ITIN_DAY;
	     lsec += 86400LL * 251 + 3601 * 7 + 13) {
		when_format(lsec, true, bad % 2 ? ' ' : 'T', buf);
		if (parse(buf, &w, &err) || w.lsec != lsec || !w.has_time)
			bad++;
		when_format(lsec, false, 'T', buf);
		if (parse(buf, &w, &err) || w.lsec != lsec_day(lsec) * ITIN_DAY ||
		    w.has_time)
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* A relative date from Wednesday 2023-01-25, as "YYYY-MM-DD" or the
 * error. */
static const char *rel(const char *s)
{
	static char buf[600];
	struct itin_err err;
	int64_t d;

	itin_err_clear(&err);
	if (date_parse_rel(s, strlen(s), days_from_civil(2023, 1, 25), &d,
			   &err)) {
		snprintf(buf, sizeof(buf), "ERROR %d %s", err.status, err.msg);
		return buf;
	}
	date_format(d, buf);
	return buf;
}

static const char *relw(const char *s)
{
	static char buf[600];
	struct itin_err err;
	struct when w;

	itin_err_clear(&err);
	if (when_parse_rel(s, strlen(s), days_from_civil(2023, 1, 25), &w,
			   &err)) {
		snprintf(buf, sizeof(buf), "ERROR %ld %s", err.col, err.msg);
		return buf;
	}
	when_format(w.lsec, w.has_time, ' ', buf);
	return buf;
}

TEST(relative_dates)
{
	CHECK_STR(rel("today"), "2023-01-25");
	CHECK_STR(rel("Today"), "2023-01-25");
	CHECK_STR(rel("tomorrow"), "2023-01-26");
	CHECK_STR(rel("yesterday"), "2023-01-24");
	CHECK_STR(rel("+3d"), "2023-01-28");
	CHECK_STR(rel("-3d"), "2023-01-22");
	CHECK_STR(rel("+0d"), "2023-01-25");
	CHECK_STR(rel("-1w"), "2023-01-18");
	CHECK_STR(rel("+2W"), "2023-02-08");
	CHECK_STR(rel("+1m"), "2023-02-25");
	CHECK_STR(rel("-2m"), "2022-11-25");
	CHECK_STR(rel("+13m"), "2024-02-25");
	CHECK_STR(rel("-25m"), "2020-12-25");
	CHECK_STR(rel("+1y"), "2024-01-25");
	/* Weekdays: 2023-01-25 is a Wednesday. */
	CHECK_STR(rel("wednesday"), "2023-01-25");
	CHECK_STR(rel("wed"), "2023-01-25");
	CHECK_STR(rel("thursday"), "2023-01-26");
	CHECK_STR(rel("Monday"), "2023-01-30");
	CHECK_STR(rel("tue"), "2023-01-31");
	CHECK_STR(rel("next monday"), "2023-01-30");
	CHECK_STR(rel("next wednesday"), "2023-02-01");
	CHECK_STR(rel("next thu"), "2023-01-26");
	CHECK_STR(rel("last monday"), "2023-01-23");
	CHECK_STR(rel("last wednesday"), "2023-01-18");
	CHECK_STR(rel("last tuesday"), "2023-01-24");
	/* Absolute dates are read as date_parse() reads them. */
	CHECK_STR(rel("2023-02-28"), "2023-02-28");
	CHECK_STR(rel("2023-02-29"), "ERROR 65 invalid date '2023-02-29': "
				     "February 2023 has 28 days");
	/* The rest is refused, naming the forms. */
	CHECK_STR(rel("tomorow"),
		  "ERROR 65 invalid date 'tomorow' (expected YYYY-MM-DD, "
		  "today, tomorrow, yesterday, +3d, -1w, +2m or next monday)");
	CHECK_STR(rel("+3"), "ERROR 65 invalid date '+3' (expected "
			     "YYYY-MM-DD, today, tomorrow, yesterday, +3d, "
			     "-1w, +2m or next monday)");
	CHECK(!strncmp(rel("+d"), "ERROR 65 invalid date '+d'", 26));
	CHECK(!strncmp(rel("+3x"), "ERROR 65 invalid date '+3x'", 27));
	/* "3d" is told the forms (it lacks the sign), not just YYYY-MM-DD;
	 * a lone "next" (a weekday left outside the quotes) to quote it. */
	CHECK_STR(rel("3d"), "ERROR 65 invalid date '3d' (expected "
			     "YYYY-MM-DD, today, tomorrow, yesterday, +3d, "
			     "-1w, +2m or next monday)");
	CHECK_STR(rel("2023-1-5"), "ERROR 65 invalid date '2023-1-5' (expected "
				   "YYYY-MM-DD, today, tomorrow, yesterday, "
				   "+3d, -1w, +2m or next monday)");
	CHECK_STR(rel("next"), "ERROR 65 invalid date 'next': quote it with "
			       "its weekday, as one argument: \"next monday\"");
	CHECK_STR(rel("Last"), "ERROR 65 invalid date 'Last': quote it with "
			       "its weekday, as one argument: \"Last monday\"");
	CHECK_STR(relw("3d 10:00"), "ERROR 1 invalid date '3d' (expected "
				    "YYYY-MM-DD, today, tomorrow, yesterday, "
				    "+3d, -1w, +2m or next monday)");
	CHECK(!strncmp(rel("next month"), "ERROR 65 invalid date", 21));
	CHECK(!strncmp(rel("this monday"), "ERROR 65 invalid date", 21));
	CHECK(!strncmp(rel(""), "ERROR 65 invalid date", 21));
	CHECK(!strncmp(rel("+1234567d"), "ERROR 65 invalid date", 21));
	/* Past the calendar. */
	CHECK_STR(rel("+999999w"), "ERROR 65 invalid date '+999999w': years "
				   "run from 0001 to 9999");
	CHECK_STR(rel("-999999m"), "ERROR 65 invalid date '-999999m': years "
				   "run from 0001 to 9999");
}

/* The 31st, a month on: the last day of the shorter month. */
TEST(relative_months_clamp)
{
	struct itin_err err;
	int64_t d;
	char buf[ITIN_WHEN_MAX];

	CHECK_INT(
	    date_parse_rel("+1m", 3, days_from_civil(2023, 1, 31), &d, &err),
	    0);
	date_format(d, buf);
	CHECK_STR(buf, "2023-02-28");
	CHECK_INT(
	    date_parse_rel("+1m", 3, days_from_civil(2024, 1, 31), &d, &err),
	    0);
	date_format(d, buf);
	CHECK_STR(buf, "2024-02-29");
	CHECK_INT(
	    date_parse_rel("+1y", 3, days_from_civil(2024, 2, 29), &d, &err),
	    0);
	date_format(d, buf);
	CHECK_STR(buf, "2025-02-28");
	CHECK_INT(
	    date_parse_rel("-1m", 3, days_from_civil(2023, 3, 31), &d, &err),
	    0);
	date_format(d, buf);
	CHECK_STR(buf, "2023-02-28");
}

TEST(relative_whens)
{
	CHECK_STR(relw("tomorrow 10:00"), "2023-01-26 10:00");
	CHECK_STR(relw("next monday 09:30:15"), "2023-01-30 09:30:15");
	CHECK_STR(relw("+3d"), "2023-01-28");
	CHECK_STR(relw("fri 18:00"), "2023-01-27 18:00");
	CHECK_STR(relw("2023-03-01 10:00"), "2023-03-01 10:00");
	CHECK_STR(relw("2023-03-01T10:00"), "2023-03-01 10:00");
	/* Errors point at the part they name. */
	CHECK_STR(relw("tomorrow 25:00"),
		  "ERROR 10 invalid time '25:00': hour must be 00 to 23");
	CHECK_STR(relw("tomorow 10:00"),
		  "ERROR 1 invalid date 'tomorow' (expected YYYY-MM-DD, "
		  "today, tomorrow, yesterday, +3d, -1w, +2m or next monday)");
	CHECK_STR(relw("2023-13-01 10:00"),
		  "ERROR 1 invalid date '2023-13-01': month must be 01 to 12");
}

TEST(names)
{
	CHECK_STR(weekday_abbr(0), "Sun");
	CHECK_STR(weekday_abbr(5), "Fri");
	CHECK_STR(weekday_name(6), "Saturday");
	CHECK_STR(weekday_name(3), "Wednesday");
	CHECK_STR(month_abbr(1), "Jan");
	CHECK_STR(month_abbr(12), "Dec");
	CHECK_STR(month_name(2), "February");
	CHECK_STR(month_name(9), "September");
	CHECK_STR(month_name(0), "?");
	CHECK_STR(weekday_abbr(7), "?");
}

int main(void)
{
	RUN(epoch_and_known_days);
	RUN(calendar_bounds);
	RUN(round_trip_days);
	RUN(agrees_with_timegm);
	RUN(leap_years);
	RUN(lsec_floor);
	RUN(parse_when_forms);
	RUN(invalid_dates);
	RUN(invalid_times);
	RUN(clock_and_date_parse);
	RUN(long_input_is_quoted_short);
	RUN(formatting);
	RUN(format_parse_round_trip);
	RUN(relative_dates);
	RUN(relative_months_clamp);
	RUN(relative_whens);
	RUN(names);
	return test_done();
}
