/*
 * now.c: "now" and "today", overridable with $ITIN_NOW so that tests and
 * examples do not depend on the day they run.
 *
 *   ITIN_NOW=2023-01-25T12:00:00Z   an instant (a trailing Z is optional:
 *   ITIN_NOW=2023-01-25T12:00       the time is read as UTC either way)
 *   ITIN_NOW=2023-01-25             midnight UTC of that day
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "itin/datetime.h"

static int parse_now(const char *s, int64_t *out)
{
	size_t len = strlen(s);
	struct when w;
	struct itin_err err;

	if (len && (s[len - 1] == 'Z' || s[len - 1] == 'z'))
		len--;
	if (when_parse(s, len, &w, &err))
		return -1;
	*out = w.lsec;
	return 0;
}

int64_t cli_now(void)
{
	static bool warned;
	const char *s = getenv("ITIN_NOW");
	int64_t t;

	if (s && *s) {
		if (!parse_now(s, &t))
			return t;
		if (!warned)
			warning("ignoring ITIN_NOW '%s' (expected "
				"YYYY-MM-DD[THH:MM[:SS]][Z])",
				s);
		warned = true;
	}
	return (int64_t)time(NULL);
}

int64_t cli_today(void)
{
	int64_t now = cli_now();
	time_t t = (time_t)now;
	struct tm tm;

	/* $ITIN_NOW is an instant; "today" is its date where the user is. */
	if (!localtime_r(&t, &tm))
		return lsec_day(now);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
