/* test_evtext.c: an event's times as the agenda, the viewer's agenda pane
 * and its status line say them (times_text, evtext.h). */
#include "test.h"

#include "itin/evtext.h"
#include "itin/itinfmt.h"
#include "itin/tz.h"

/* "clock|zone" for the one event in text. */
static const char *times(const char *text, const char *in, unsigned flags)
{
	static char out[256];
	struct evlist l = EVLIST_INIT;
	struct strbuf c = STRBUF_INIT, z = STRBUF_INIT;
	struct itin_err err;
	const struct tz *tz = in ? tz_get(in, &err) : NULL;

	if (itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err) ||
	    l.n != 1) {
		evlist_release(&l);
		return "(parse error)";
	}
	times_text(&c, &z, l.v[0], tz, flags);
	snprintf(out, sizeof(out), "%s|%s", c.buf, z.buf);
	strbuf_release(&c);
	strbuf_release(&z);
	evlist_release(&l);
	return out;
}

/* The Brussels -> Seoul flight: the end is on Seoul's clock. */
static const char flight[] =
    "2023-01-27 19:30..2023-01-28 14:30 travel Flight to Seoul @ Brussels, BE\n"
    "    tz: Europe/Brussels\n"
    "    end-tz: Asia/Seoul\n";

TEST(travel_names_both_zones)
{
	CHECK_STR(times(flight, NULL, 0),
		  "19:30-14:30+1|CET +01:00 -> KST +09:00");
	CHECK_STR(times(flight, NULL, EVTEXT_SHORT_ZONE),
		  "19:30-14:30+1|CET -> KST");
}

TEST(in_one_zone)
{
	/* 10 h 00 in the air: 19:30 to 06:30 in Brussels. */
	CHECK_STR(times(flight, "Europe/Brussels", 0),
		  "19:30-06:30+1|CET +01:00");
	CHECK_STR(times(flight, "UTC", 0), "18:30-05:30+1|UTC +00:00");
}

TEST(plain_floating_allday)
{
	CHECK_STR(times("2023-01-30 11:00-12:00 meeting M @ Seoul, KR\n"
			"    tz: Asia/Seoul\n",
			NULL, 0),
		  "11:00-12:00|KST +09:00");
	/* A floating time has no instant: --in leaves it alone. */
	CHECK_STR(times("2023-01-30 11:00 meeting M\n", "Asia/Tokyo", 0),
		  "11:00|floating");
	CHECK_STR(times("2023-01-30..2023-01-31 visit V\n", "Asia/Tokyo", 0),
		  "all day|");
	/* Kathmandu's abbreviation is a number: the short form keeps it. */
	CHECK_STR(times("2023-09-11 12:00 meeting M\n"
			"    tz: Asia/Kathmandu\n",
			NULL, EVTEXT_SHORT_ZONE),
		  "12:00|+05:45");
}

/* Across a change of the clock, the end has its own offset. */
TEST(dst_change_names_the_end_offset)
{
	static const char spring[] =
	    "2023-03-25 22:00..2023-03-26 06:00 meeting Night session @ "
	    "Brussels, BE\n"
	    "    tz: Europe/Brussels\n";
	static const char autumn[] =
	    "2023-10-28 23:00..2023-10-29 05:00 meeting Night session @ "
	    "Brussels, BE\n"
	    "    tz: Europe/Brussels\n";

	CHECK_STR(times(spring, NULL, 0),
		  "22:00-06:00+1|CET +01:00 -> CEST +02:00");
	CHECK_STR(times(spring, NULL, EVTEXT_SHORT_ZONE),
		  "22:00-06:00+1|CET -> CEST");
	CHECK_STR(times(autumn, NULL, 0),
		  "23:00-05:00+1|CEST +02:00 -> CET +01:00");
	/* --in a zone without the change: one offset. */
	CHECK_STR(times(spring, "UTC", 0), "21:00-04:00+1|UTC +00:00");
	/* --in the zone with it: both. */
	CHECK_STR(times(spring, "Europe/Brussels", 0),
		  "22:00-06:00+1|CET +01:00 -> CEST +02:00");
}

int main(void)
{
	RUN(dst_change_names_the_end_offset);
	RUN(travel_names_both_zones);
	RUN(in_one_zone);
	RUN(plain_floating_allday);
	tz_cache_free();
	return test_done();
}
