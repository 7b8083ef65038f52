/* fuzz_when.c: the WHEN, DATE and clock parsers, relative dates too
 * (datetime.h). */
#include <string.h>

#include "fuzz.h"
#include "itin/datetime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct itin_err err;
	struct when w;
	int64_t days;
	int secs;

	itin_err_clear(&err);
	if (when_parse(s, size, &w, &err) == 0) {
		char buf[ITIN_WHEN_MAX], buf2[ITIN_WHEN_MAX];
		struct when w2;

		/* What is accepted formats back to something accepted, the
		 * same instant. */
		when_format(w.lsec, w.has_time, 'T', buf);
		FUZZ_ASSERT(strlen(buf) < ITIN_WHEN_MAX);
		FUZZ_ASSERT(when_parse(buf, strlen(buf), &w2, &err) == 0);
		FUZZ_ASSERT(w2.lsec == w.lsec && w2.has_time == w.has_time);
		when_format(w2.lsec, w2.has_time, 'T', buf2);
		FUZZ_ASSERT(strcmp(buf, buf2) == 0);
	} else {
		FUZZ_ASSERT(err.status != 0 && err.msg[0]);
		FUZZ_ASSERT(err.col >= 0);
	}
	itin_err_clear(&err);
	if (date_parse(s, size, &days, &err) == 0) {
		char buf[ITIN_WHEN_MAX];

		date_format(days, buf);
		FUZZ_ASSERT(strlen(buf) == size && memcmp(buf, s, size) == 0);
	}
	itin_err_clear(&err);
	if (clock_parse(s, size, &secs, &err) == 0)
		FUZZ_ASSERT(secs >= 0 && secs < ITIN_DAY);
	/* Relative dates, from today and from the calendar's two ends:
	 * whatever is accepted is a day of the calendar. */
	{
		const int64_t todays[] = {days_from_civil(2023, 1, 25),
					  ITIN_FIRST_DAY, ITIN_LAST_DAY};

		for (size_t i = 0; i < sizeof(todays) / sizeof(todays[0]);
		     i++) {
			itin_err_clear(&err);
			if (date_parse_rel(s, size, todays[i], &days, &err) ==
			    0)
				FUZZ_ASSERT(days >= ITIN_FIRST_DAY &&
					    days <= ITIN_LAST_DAY);
			else
				FUZZ_ASSERT(err.status != 0 && err.msg[0]);
			itin_err_clear(&err);
			if (when_parse_rel(s, size, todays[i], &w, &err) == 0)
				FUZZ_ASSERT(lsec_day(w.lsec) >=
						ITIN_FIRST_DAY &&
					    lsec_day(w.lsec) <= ITIN_LAST_DAY);
			else
				FUZZ_ASSERT(err.status != 0 && err.msg[0]);
		}
	}
	return 0;
}
