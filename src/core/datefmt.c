/*
 * datefmt.c: dates and times into a strbuf, digit by digit (datefmt.h).
 * The store writer made them with snprintf, a tenth of its time; then
 * with a general number writer, a call a field. A date or a clock time
 * is now made in a small buffer and added in one go.
 */
#include "itin/datefmt.h"
#include "itin/datetime.h"

/* Two digits of v (0..99) at p. */
static void two_digits(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

void datefmt_date(struct strbuf *sb, int64_t days)
{
	int y, m, d;
	char b[10];

	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* "%04d" of what no event holds: printf's own spelling. */
		char buf[ITIN_WHEN_MAX];

		date_format(days, buf);
		strbuf_addstr(sb, buf);
		return;
	}
	two_digits(b, (unsigned)y / 100);
	two_digits(b + 2, (unsigned)y % 100);
	b[4] = '-';
	two_digits(b + 5, (unsigned)m);
	b[7] = '-';
	two_digits(b + 8, (unsigned)d);
	strbuf_add(sb, b, sizeof(b));
}

void datefmt_clock(struct strbuf *sb, int secs)
{
	char b[8];

	if (secs < 0 || secs >= 100 * 3600) {
		/* Outside a day: the general spelling, never for an event. */
		strbuf_add_uint(sb, (uintmax_t)(secs / 3600), 2);
		strbuf_addch(sb, ':');
		strbuf_add_uint(sb, (uintmax_t)(secs / 60 % 60), 2);
		if (secs % 60) {
			strbuf_addch(sb, ':');
			strbuf_add_uint(sb, (uintmax_t)(secs % 60), 2);
		}
		return;
	}
	two_digits(b, (unsigned)secs / 3600);
	b[2] = ':';
	two_digits(b + 3, (unsigned)secs / 60 % 60);
	b[5] = ':';
	two_digits(b + 6, (unsigned)secs % 60);
	strbuf_add(sb, b, secs % 60 ? 8 : 5);
}

void datefmt_when(struct strbuf *sb, int64_t lsec, bool has_time, char sep)
{
	datefmt_date(sb, lsec_day(lsec));
	if (!has_time)
		return;
	strbuf_addch(sb, sep);
	datefmt_clock(sb, lsec_time_of_day(lsec));
}
