/*
 * datetext.c: dates and times as spreadsheets write them (datetext.h).
 *
 * ISO dates go to datetime.c's strict reader, so they read, and fail,
 * the same everywhere. The rest is read here by hand: a handful of
 * digits and separators, where sscanf() would take signs, spaces and
 * overlong fields a date must not have.
 */
#include <stdio.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetext.h"
#include "itin/datetime.h"

/* Up to max digits at s[*i]; -1 if none. */
static int digits(const char *s, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;

	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n ? v : -1;
}

static int bad_date(struct itin_err *err, const char *s, size_t len)
{
	return itin_err_set(
	    err, ITIN_EX_DATAERR,
	    "invalid date '%.*s' (expected YYYY-MM-DD, YYYY/MM/DD, "
	    "DD/MM/YYYY or MM/DD/YYYY, DD.MM.YYYY or DD-MM-YYYY)",
	    (int)(len > 64 ? 64 : len), s);
}

static int check_ymd(int y, int month, int day, const char *s, size_t len,
		     int64_t *days, struct itin_err *err)
{
	if (month < 1 || month > 12)
		return itin_err_set(
		    err, ITIN_EX_DATAERR,
		    "invalid date '%.*s': month must be 01 to 12", (int)len, s);
	if (!date_is_valid(y, month, day))
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "invalid date '%.*s': %s %d has %d days",
				    (int)len, s, month_name(month), y,
				    days_in_month(y, month));
	*days = days_from_civil(y, month, day);
	return 0;
}

/* A date impossible in the order in force: say which order, and why. */
static void explain_order(const struct datetext *dt, int dot, char order,
			  struct itin_err *err)
{
	const struct datetext_order *so = &dt->sep[dot];
	const char *how = order == 'd' ? "day-first" : "month-first";
	size_t n = strlen(err->msg);

	if (dt->given)
		snprintf(err->msg + n, sizeof(err->msg) - n,
			 " (read %s: --date-order %s)", how,
			 order == 'd' ? "dmy" : "mdy");
	else if (so->order && so->by_convention)
		snprintf(err->msg + n, sizeof(err->msg) - n,
			 " (read day-first, as dotted dates are)");
	else if (so->order)
		snprintf(err->msg + n, sizeof(err->msg) - n,
			 " (read %s, as line %ld has '%s')", how, so->at_line,
			 so->at_s);
}

/* 2023/07/05, 2023.07.05, 2023-7-5: a year first is never ambiguous. */
static int year_first(const char *s, size_t len, int y, int64_t *days,
		      struct itin_err *err)
{
	size_t i = 4;
	int a, b;
	char sep;

	if (y < 1)
		return bad_date(err, s, len);
	sep = s[i++];
	a = digits(s, len, &i, 2);
	if (a < 0 || i >= len || s[i] != sep)
		return bad_date(err, s, len);
	i++;
	b = digits(s, len, &i, 2);
	if (b < 0 || i != len)
		return bad_date(err, s, len);
	return check_ymd(y, a, b, s, len, days, err);
}

/*
 * Note what a year-last date a/b/y with separator sep says of the order
 * (dt->kind, dt->cur_s), and return the order to read it in: the one in
 * force, or the one the date itself gives.
 */
static char note_kind(struct datetext *dt, const char *s, size_t len, int a,
		      int b, char sep)
{
	char order = dt->sep[sep == '.'].order;
	size_t n = len < sizeof(dt->cur_s) ? len : sizeof(dt->cur_s) - 1;

	if (dt->given || a < 1 || b < 1 || a == b || (a > 12 && b > 12))
		return order;
	dt->kind = a > 12	? DATETEXT_DMY
		   : b > 12	? DATETEXT_MDY
		   : sep == '.' ? DATETEXT_AMBIG_DOT
				: DATETEXT_AMBIG;
	memcpy(dt->cur_s, s, n);
	dt->cur_s[n] = '\0';
	dt->cur_sep = sep == '.';
	if (dt->kind == DATETEXT_DMY || dt->kind == DATETEXT_MDY) {
		/* A conflict is the caller's to report, with both lines;
		 * read the date as it says meanwhile. */
		return dt->kind == DATETEXT_DMY ? 'd' : 'm';
	}
	if (order)
		dt->kind = DATETEXT_PLAIN;
	return order;
}

/* The year last: 05/07/2023, 05.07.2023, 05-07-2023 (as the Dutch write
 * it; with the slash dates for the order). */
static int year_last(struct datetext *dt, const char *s, size_t len,
		     int64_t *days, struct itin_err *err)
{
	size_t i = 0;
	int a, b, y;
	char sep, order;

	a = digits(s, len, &i, 2);
	if (a < 0 || i >= len || (s[i] != '/' && s[i] != '.' && s[i] != '-'))
		return bad_date(err, s, len);
	sep = s[i++];
	b = digits(s, len, &i, 2);
	if (b < 0 || i >= len || s[i] != sep)
		return bad_date(err, s, len);
	i++;
	if (len - i != 4)
		return bad_date(err, s, len);
	y = digits(s, len, &i, 4);
	if (y < 1 || i != len)
		return bad_date(err, s, len);
	if (dt->given && dt->sep[0].order == 'y')
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "invalid date '%.*s': the year must come "
				    "first (--date-order ymd)",
				    (int)len, s);
	order = note_kind(dt, s, len, a, b, sep);
	/* Not known yet: dotted dates are day-first by convention, and an
	 * ambiguous slash date is read month-first only provisionally. */
	if (!order)
		order = sep == '.' ? 'd' : 'm';
	if (!(order == 'd' ? check_ymd(y, b, a, s, len, days, err)
			   : check_ymd(y, a, b, s, len, days, err)))
		return 0;
	explain_order(dt, sep == '.', order, err);
	return -1;
}

static int parse_date_uncached(struct datetext *dt, const char *s, size_t len,
			       int64_t *days, struct itin_err *err)
{
	size_t i = 0;
	int y;

	if (len == 10 && s[4] == '-')
		return date_parse(s, len, days, err);
	if (len >= 8 && len <= 10 &&
	    (s[4] == '/' || s[4] == '.' || s[4] == '-') &&
	    (y = digits(s, len, &i, 4)) >= 0 && i == 4)
		return year_first(s, len, y, days, err);
	return year_last(dt, s, len, days, err);
}

int datetext_date(struct datetext *dt, const char *s, size_t len, int64_t *days,
		  struct itin_err *err)
{
	dt->kind = DATETEXT_PLAIN;
	/* memo_len 0 is "nothing remembered": an empty date is not the
	 * remembered one (it read as 1970-01-01 on a file's first row). */
	if (len && len == dt->memo_len && !memcmp(s, dt->memo_s, len)) {
		*days = dt->memo_days;
		return 0;
	}
	if (parse_date_uncached(dt, s, len, days, err))
		return -1;
	/* An ambiguous date read before the order is known is provisional:
	 * never remember it. */
	if (len < sizeof(dt->memo_s) && dt->kind != DATETEXT_AMBIG &&
	    dt->kind != DATETEXT_AMBIG_DOT) {
		memcpy(dt->memo_s, s, len);
		dt->memo_len = len;
		dt->memo_days = *days;
	}
	return 0;
}

static int bad_time(struct itin_err *err, const char *s, size_t len)
{
	return itin_err_set(
	    err, ITIN_EX_DATAERR,
	    "invalid time '%.*s' (expected HH:MM, HH:MM:SS or 2:00 PM)",
	    (int)(len > 64 ? 64 : len), s);
}

/* After the clock digits at s[*i]: AM/PM (1, 2), none (0), or -1. */
static int ampm_suffix(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return 0;
	return datetext_is_ampm(s + i, len - i) ? ((s[i] | 0x20) == 'a' ? 1 : 2)
						: -1;
}

int datetext_clock(const char *s, size_t len, int *secs, struct itin_err *err)
{
	size_t i = 0;
	int h, m, sec = 0, ampm;

	h = digits(s, len, &i, 2);
	if (h < 0 || i >= len || s[i] != ':')
		return bad_time(err, s, len);
	i++;
	if (len - i < 2)
		return bad_time(err, s, len);
	m = digits(s, len, &i, 2);
	if (m < 0 || m > 59 || s[i - 1] == ':' || s[i - 2] == ':')
		return bad_time(err, s, len);
	if (i < len && s[i] == ':') {
		size_t at = ++i;

		sec = digits(s, len, &i, 2);
		if (sec < 0 || sec > 59 || i - at != 2)
			return bad_time(err, s, len);
	}
	ampm = ampm_suffix(s, len, i);
	if (ampm < 0)
		return bad_time(err, s, len);
	if (ampm) {
		if (h < 1 || h > 12)
			return bad_time(err, s, len);
		h = h % 12 + (ampm == 2 ? 12 : 0);
	} else if (h > 23) {
		return bad_time(err, s, len);
	}
	*secs = h * 3600 + m * 60 + sec;
	return 0;
}

int datetext_when(struct datetext *dt, const char *s, size_t len,
		  struct datetext_when *out, struct itin_err *err)
{
	const char *e = s + len;
	size_t i = 0;

	ascii_trim_blank(&s, &e);
	len = (size_t)(e - s);
	while (i < len && s[i] != ' ' && s[i] != 'T' && s[i] != ':')
		i++;
	if (i < len && s[i] == ':') {
		out->has_time = true;
		return datetext_clock(s, len, &out->secs, err);
	}
	if (datetext_date(dt, s, i, &out->days, err)) {
		/* Name the whole value, not just its date part. */
		if (i < len)
			bad_date(err, s, len);
		return -1;
	}
	out->has_date = true;
	if (i == len)
		return 0;
	i++;
	while (i < len && s[i] == ' ')
		i++;
	out->has_time = true;
	return datetext_clock(s + i, len - i, &out->secs, err);
}

bool datetext_is_ampm(const char *s, size_t len)
{
	char c = (char)(s[0] | 0x20);

	if (c != 'a' && c != 'p')
		return false;
	return (len == 2 && (s[1] | 0x20) == 'm') ||
	       (len == 4 && s[1] == '.' && (s[2] | 0x20) == 'm' && s[3] == '.');
}
