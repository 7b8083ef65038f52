/*
 * xreport.h: whole reports read by `itin extract` in the unit tests
 * (test_extract.c, test_xleg.c): the events of a text as one string.
 */
#ifndef ITIN_TEST_XREPORT_H
#define ITIN_TEST_XREPORT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/evlist.h"
#include "../../src/extract/extract.h"

static int64_t day_of(const char *iso)
{
	int y = 0, m = 0, d = 0;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return INT64_MIN;
	return days_from_civil(y, m, d);
}

struct got {
	struct evlist evs;
	struct itin_err err;
	int rc;
};

static void extract(const char *text, const char *date, struct got *g)
{
	struct extract_opts o = {.file = "report.txt"};

	if (date) {
		o.has_date = true;
		o.doc_day = day_of(date);
	}
	evlist_init(&g->evs);
	g->rc = extract_report(text, strlen(text), &o, &g->evs, NULL, &g->err);
}

/* The legs as "type city CC first..last" joined by '|'. */
static const char *legs_of(const struct got *g)
{
	static char out[2048];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < g->evs.n; i++) {
		const struct event *ev = g->evs.v[i];
		char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

		date_format(event_first_day(ev), a);
		date_format(event_last_day(ev), b);
		len += (size_t)snprintf(
		    out + len, sizeof(out) - len, "%s%s %s %s %s..%s",
		    i ? "|" : "", event_type_name(ev->type),
		    ev->city ? ev->city : "-", ev->country, a, b);
	}
	return out;
}

/* Extract text as of date (NULL: its own date line) and check that it
 * succeeds with the legs want: the one check of most report tests. A
 * macro, so that a failure names the test's line. */
#define CHECK_LEGS(text, date, want)                                           \
	do {                                                                   \
		struct got legs_got_;                                          \
                                                                               \
		extract((text), (date), &legs_got_);                           \
		CHECK_INT(legs_got_.rc, 0);                                    \
		CHECK_STR(legs_of(&legs_got_), (want));                        \
		evlist_release(&legs_got_.evs);                                \
	} while (0)

#endif
