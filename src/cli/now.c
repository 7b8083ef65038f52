/*
 * now.c: "now" and "today", overridable with $ITIN_NOW so that tests and
 * examples do not depend on the day they run.
 *
 *   ITIN_NOW=2023-01-25T12:00:00Z   an instant (a trailing Z is optional:
 *   ITIN_NOW=2023-01-25T12:00       the time is read as UTC either way);
 *                                   today is its date where the user is
 *   ITIN_NOW=2023-01-25             that date where the user is (today),
 *                                   now its midnight there
 *
 * "Where the user is" is user_zone() (userzone.c), the timeline's clock.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "itin/datetime.h"

static int parse_now(const char *s, struct when *w)
{
	size_t len = strlen(s);
	struct itin_err err;

	if (len && (s[len - 1] == 'Z' || s[len - 1] == 'z'))
		len--;
	return when_parse(s, len, w, &err);
}

/* $ITIN_NOW read, or false (warned once when it is not a WHEN). */
static bool env_now(struct when *w)
{
	static bool warned;
	const char *s = getenv("ITIN_NOW");

	if (!s || !*s)
		return false;
	if (!parse_now(s, w))
		return true;
	if (!warned)
		warning("ignoring ITIN_NOW '%s' (expected "
			"YYYY-MM-DD[THH:MM[:SS]][Z])",
			s);
	warned = true;
	return false;
}

int64_t cli_now(void)
{
	struct when w;

	if (env_now(&w)) {
		if (w.has_time)
			return w.lsec;
		/* A date: its midnight where the user is, so that today is
		 * that date west of UTC too. */
		return user_midnight(lsec_day(w.lsec));
	}
	return (int64_t)time(NULL);
}

int64_t cli_today(void)
{
	struct when w;

	/* A date alone is today as it is. */
	if (env_now(&w) && !w.has_time)
		return lsec_day(w.lsec);
	/* An instant: today is its date where the user is. */
	return user_day(cli_now());
}
