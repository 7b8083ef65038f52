/*
 * datefmt.c: dates and times into a strbuf, digit by digit (datefmt.h).
 * The store writer made them with snprintf, a tenth of its time.
 */
#include "itin/datefmt.h"
#include "itin/datetime.h"

void datefmt_date(struct strbuf *sb, int64_t days)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* "%04d" of what no event holds: printf's own spelling. */
		char buf[ITIN_WHEN_MAX];

		date_format(days, buf);
		strbuf_addstr(sb, buf);
		return;
	}
	strbuf_add_uint(sb, (uintmax_t)y, 4);
	strbuf_addch(sb, '-');
	strbuf_add_uint(sb, (uintmax_t)m, 2);
	strbuf_addch(sb, '-');
	strbuf_add_uint(sb, (uintmax_t)d, 2);
}

void datefmt_clock(struct strbuf *sb, int secs)
{
	strbuf_add_uint(sb, (uintmax_t)(secs / 3600), 2);
	strbuf_addch(sb, ':');
	strbuf_add_uint(sb, (uintmax_t)(secs / 60 % 60), 2);
	if (secs % 60) {
		strbuf_addch(sb, ':');
		strbuf_add_uint(sb, (uintmax_t)(secs % 60), 2);
	}
}

void datefmt_when(struct strbuf *sb, int64_t lsec, bool has_time, char sep)
{
	datefmt_date(sb, lsec_day(lsec));
	if (!has_time)
		return;
	strbuf_addch(sb, sep);
	datefmt_clock(sb, lsec_time_of_day(lsec));
}
