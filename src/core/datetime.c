/*
 * datetime.c: civil dates and wall-clock times as plain integers.
 *
 * Days since 1970-01-01 on the proleptic Gregorian calendar come from
 * Howard Hinnant's days_from_civil/civil_from_days ("chrono-Compatible
 * Low-Level Date Algorithms"), which are exact for every year and need no
 * struct tm, no TZ and no table.
 *
 * The parsers are strict on purpose: a WHEN is exactly "YYYY-MM-DD",
 * optionally followed by 'T' or one space and "HH:MM" or "HH:MM:SS", two
 * digits each. Errors quote the date or time they refuse and put err->col
 * at the first column of the quoted text, so a caller that adds its own
 * offset points the user at what the message names.
 */
#include <stdio.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"

int64_t days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;			     /* [0, 399] */
	int64_t mp = month > 2 ? month - 3 : month + 9;	     /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + day - 1;	     /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */

	return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int weekday_from_days(int64_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = (days + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static bool is_leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return dim[month - 1];
}

bool date_is_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= days_in_month(year, month);
}

int64_t days_add_years(int64_t day, int years)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !date_is_valid(y, m, d))
		d = 28;
	return days_from_civil(y, m, d);
}

int64_t lsec_day(int64_t lsec)
{
	int64_t d = lsec / ITIN_DAY;

	return lsec % ITIN_DAY < 0 ? d - 1 : d;
}

int lsec_time_of_day(int64_t lsec)
{
	int64_t r = lsec % ITIN_DAY;

	return (int)(r < 0 ? r + ITIN_DAY : r);
}

/* Messages quote at most this much of the input, so a huge argument
 * cannot push the explanation out of err->msg. */
#define QUOTE_MAX 64

static bool two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

/* Parse a date at s[0..len) that is the whole token; col is where the
 * token starts in the caller's string (1-based). */
static int date_parse_at(const char *s, size_t len, long col, int64_t *days,
			 struct itin_err *err)
{
	int q = len > QUOTE_MAX ? QUOTE_MAX : (int)len;
	int y1, y2, m, d, y;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !two_digits(s, &y1) ||
	    !two_digits(s + 2, &y2) || !two_digits(s + 5, &m) ||
	    !two_digits(s + 8, &d))
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, col,
				   "invalid date '%.*s' (expected YYYY-MM-DD)",
				   q, s);
	y = y1 * 100 + y2;
	if (y < 1)
		return itin_err_at(
		    err, ITIN_EX_DATAERR, NULL, 0, col,
		    "invalid date '%.*s': years run from 0001 to 9999", q, s);
	if (m < 1 || m > 12)
		return itin_err_at(
		    err, ITIN_EX_DATAERR, NULL, 0, col,
		    "invalid date '%.*s': month must be 01 to 12", q, s);
	if (d < 1)
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, col,
				   "invalid date '%.*s': there is no day 00", q,
				   s);
	if (d > days_in_month(y, m))
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, col,
				   "invalid date '%.*s': %s %d has %d days", q,
				   s, month_name(m), y, days_in_month(y, m));
	*days = days_from_civil(y, m, d);
	return 0;
}

static int clock_parse_at(const char *s, size_t len, long col, int *secs,
			  struct itin_err *err)
{
	int q = len > QUOTE_MAX ? QUOTE_MAX : (int)len;
	int h, m, sec = 0;

	if ((len != 5 && len != 8) || s[2] != ':' || !two_digits(s, &h) ||
	    !two_digits(s + 3, &m) ||
	    (len == 8 && (s[5] != ':' || !two_digits(s + 6, &sec))))
		return itin_err_at(
		    err, ITIN_EX_DATAERR, NULL, 0, col,
		    "invalid time '%.*s' (expected HH:MM or HH:MM:SS)", q, s);
	if (h > 23)
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, col,
				   "invalid time '%.*s': hour must be 00 to 23",
				   q, s);
	if (m > 59)
		return itin_err_at(
		    err, ITIN_EX_DATAERR, NULL, 0, col,
		    "invalid time '%.*s': minute must be 00 to 59", q, s);
	if (sec > 59)
		return itin_err_at(
		    err, ITIN_EX_DATAERR, NULL, 0, col,
		    "invalid time '%.*s': second must be 00 to 59", q, s);
	*secs = h * 3600 + m * 60 + sec;
	return 0;
}

int date_parse(const char *s, size_t len, int64_t *days, struct itin_err *err)
{
	return date_parse_at(s, len, 1, days, err);
}

int clock_parse(const char *s, size_t len, int *secs, struct itin_err *err)
{
	return clock_parse_at(s, len, 1, secs, err);
}

int when_parse(const char *s, size_t len, struct when *out,
	       struct itin_err *err)
{
	size_t dlen = 0;
	int64_t days;
	int secs;

	/* The date is everything up to the first separator, so junk inside
	 * it is reported as a bad date rather than a bad time. */
	while (dlen < len && s[dlen] != 'T' && s[dlen] != ' ')
		dlen++;
	/* " 2023-01-01" or "T10:00": no date at all; quote the whole. */
	if (dlen == 0)
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, 1,
				   "invalid date '%.*s' (expected YYYY-MM-DD)",
				   (int)(len > 64 ? 64 : len), s);
	if (date_parse_at(s, dlen, 1, &days, err) < 0)
		return -1;
	if (dlen == len) {
		out->lsec = days * ITIN_DAY;
		out->has_time = false;
		return 0;
	}
	if (clock_parse_at(s + dlen + 1, len - dlen - 1, (long)dlen + 2, &secs,
			   err) < 0)
		return -1;
	out->lsec = days * ITIN_DAY + secs;
	out->has_time = true;
	return 0;
}

/* ---- relative dates ---- */

static const char *const wday_names[7] = {
    "Sunday",	"Monday", "Tuesday",  "Wednesday",
    "Thursday", "Friday", "Saturday",
};

#define REL_FORMS                                                              \
	"expected YYYY-MM-DD, today, tomorrow, yesterday, +3d, -1w, +2m or "   \
	"next monday"

static int bad_rel(const char *s, size_t len, struct itin_err *err)
{
	return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, 1,
			   "invalid date '%.*s' (" REL_FORMS ")",
			   (int)(len > QUOTE_MAX ? QUOTE_MAX : len), s);
}

static bool word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && !ascii_ncasecmp(s, w, len);
}

/* Shaped as YYYY-MM-DD: date_parse()'s own messages say what is wrong;
 * anything else ("3d") is told the forms. */
static bool iso_shaped(const char *s, size_t len)
{
	return len == 10 && s[4] == '-' && s[7] == '-';
}

/* A weekday's name or its three letters: 0 = Sunday, or -1. */
static int weekday_of(const char *s, size_t len)
{
	for (int i = 0; i < 7; i++)
		if (word_is(s, len, wday_names[i]) ||
		    (len == 3 && !ascii_ncasecmp(s, wday_names[i], 3)))
			return i;
	return -1;
}

int weekday_parse(const char *s, size_t len)
{
	return weekday_of(s, len);
}

/* today + n months (n may be negative), the day clamped to the month. */
static int64_t add_months(int64_t today, long n)
{
	int y, m, d;
	long total;

	civil_from_days(today, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + n;
	y = (int)(total >= 0 ? total / 12 : (total - 11) / 12);
	m = (int)(total - (long)y * 12) + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return days_from_civil(y, m, d);
}

/* "+3d", "-1w", "+2m", "+1y": today moved by so many units. */
static int rel_offset(const char *s, size_t len, int64_t today, int64_t *d,
		      struct itin_err *err)
{
	long n = 0;
	size_t i = 1;
	char unit = (char)(s[len - 1] | 0x20);

	/* Up to 6 digits: a million days is past year 9999. */
	for (; i < len - 1 && i <= 6 && s[i] >= '0' && s[i] <= '9'; i++)
		n = n * 10 + (s[i] - '0');
	if (i != len - 1 || i == 1)
		return bad_rel(s, len, err);
	if (s[0] == '-')
		n = -n;
	switch (unit) {
	case 'd':
		*d = today + n;
		return 0;
	case 'w':
		*d = today + 7 * n;
		return 0;
	case 'm':
		*d = add_months(today, n);
		return 0;
	case 'y':
		*d = add_months(today, 12 * n);
		return 0;
	default:
		return bad_rel(s, len, err);
	}
}

/* "monday" (today if it is one), or with sp at the space after "next"
 * or "last": the first one after today, the last one before. */
static int rel_weekday(const char *s, size_t len, const char *sp, int64_t today,
		       int64_t *d, struct itin_err *err)
{
	int now = weekday_from_days(today), wd;
	size_t wl;

	if (!sp) {
		wd = weekday_of(s, len);
		if (wd < 0)
			return bad_rel(s, len, err);
		*d = today + (wd - now + 7) % 7;
		return 0;
	}
	wl = (size_t)(sp - s);
	wd = weekday_of(sp + 1, len - wl - 1);
	if (wd < 0)
		return bad_rel(s, len, err);
	if (word_is(s, wl, "next"))
		*d = today + ((wd - now + 6) % 7 + 1);
	else if (word_is(s, wl, "last"))
		*d = today - ((now - wd + 6) % 7 + 1);
	else
		return bad_rel(s, len, err);
	return 0;
}

int date_parse_rel(const char *s, size_t len, int64_t today, int64_t *days,
		   struct itin_err *err)
{
	int64_t d = 0;

	if (len && s[0] >= '0' && s[0] <= '9')
		return iso_shaped(s, len) ? date_parse(s, len, days, err)
					  : bad_rel(s, len, err);
	/* "--from next monday" unquoted: the weekday became an argument. */
	if (word_is(s, len, "next") || word_is(s, len, "last"))
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, 1,
				   "invalid date '%.*s': quote it with its "
				   "weekday, as one argument: \"%.*s monday\"",
				   (int)len, s, (int)len, s);
	if (word_is(s, len, "today"))
		d = today;
	else if (word_is(s, len, "tomorrow"))
		d = today + 1;
	else if (word_is(s, len, "yesterday"))
		d = today - 1;
	else if (len >= 3 && (s[0] == '+' || s[0] == '-')) {
		if (rel_offset(s, len, today, &d, err))
			return -1;
	} else if (rel_weekday(s, len, memchr(s, ' ', len), today, &d, err))
		return -1;
	if (d < ITIN_FIRST_DAY || d > ITIN_LAST_DAY)
		return itin_err_at(err, ITIN_EX_DATAERR, NULL, 0, 1,
				   "invalid date '%.*s': years run from 0001 "
				   "to 9999",
				   (int)(len > QUOTE_MAX ? QUOTE_MAX : len), s);
	*days = d;
	return 0;
}

int when_parse_rel(const char *s, size_t len, int64_t today, struct when *out,
		   struct itin_err *err)
{
	size_t dlen = len;
	int64_t days;
	int secs;

	/* Absolute WHENs keep their own reader and messages; "3d" is
	 * told the forms. */
	if (len && s[0] >= '0' && s[0] <= '9') {
		size_t d = 0;

		while (d < len && s[d] != 'T' && s[d] != ' ')
			d++;
		return iso_shaped(s, d) ? when_parse(s, len, out, err)
					: bad_rel(s, d, err);
	}
	/* "next monday 10:00": the time is the last word, with a ':'. */
	while (dlen > 0 && s[dlen - 1] != ' ')
		dlen--;
	if (dlen > 0 && memchr(s + dlen, ':', len - dlen)) {
		if (date_parse_rel(s, dlen - 1, today, &days, err))
			return -1;
		if (clock_parse_at(s + dlen, len - dlen, (long)dlen + 1, &secs,
				   err))
			return -1;
		out->lsec = days * ITIN_DAY + secs;
		out->has_time = true;
		return 0;
	}
	if (date_parse_rel(s, len, today, &days, err))
		return -1;
	out->lsec = days * ITIN_DAY;
	out->has_time = false;
	return 0;
}

void date_format(int64_t days, char *buf)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, ITIN_WHEN_MAX, "%04d-%02d-%02d", y, m, d);
}

void clock_format(int secs, char *buf)
{
	int h = secs / 3600, m = secs / 60 % 60, s = secs % 60;

	if (s)
		snprintf(buf, ITIN_WHEN_MAX, "%02d:%02d:%02d", h, m, s);
	else
		snprintf(buf, ITIN_WHEN_MAX, "%02d:%02d", h, m);
}

void when_format(int64_t lsec, bool has_time, char sep, char *buf)
{
	size_t n;

	date_format(lsec_day(lsec), buf);
	if (!has_time)
		return;
	n = strlen(buf);
	buf[n++] = sep;
	clock_format(lsec_time_of_day(lsec), buf + n);
}

static const char *const wday_abbrs[7] = {
    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const month_names[12] = {
    "January", "February", "March",	"April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const month_abbrs[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Out-of-range arguments give "?" rather than a wild read. */
const char *weekday_abbr(int wday)
{
	return wday >= 0 && wday < 7 ? wday_abbrs[wday] : "?";
}

const char *weekday_name(int wday)
{
	return wday >= 0 && wday < 7 ? wday_names[wday] : "?";
}

const char *month_abbr(int month)
{
	return month >= 1 && month <= 12 ? month_abbrs[month - 1] : "?";
}

const char *month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : "?";
}
