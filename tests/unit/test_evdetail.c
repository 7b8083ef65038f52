/* test_evdetail.c: an event's details, the text of show and of the
 * viewer's pane. The command-line tests hold show's whole text; these
 * hold the options and the ranges that are easy to get wrong. */
#include "test.h"

#include "itin/evdetail.h"
#include "itin/itinfmt.h"
#include "itin/tz.h"

/* The details of the one event in text, in a static buffer. */
static const char *detail(const char *text, const struct evdetail_opts *o)
{
	static char out[4096];
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	if (itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err) ||
	    l.n != 1) {
		evlist_release(&l);
		return "(parse error)";
	}
	evdetail_write(&sb, l.v[0], o);
	snprintf(out, sizeof(out), "%s", sb.buf);
	strbuf_release(&sb);
	evlist_release(&l);
	return out;
}

static const char seoul[] =
    "2023-01-30 11:00-12:00 meeting Talks @ Seoul, KR\n"
    "    id: 0000000000000003\n"
    "    tz: Asia/Seoul\n";

TEST(show_options)
{
	const struct evdetail_opts o = {.flags = EVDETAIL_PLACE};

	CHECK_STR(detail(seoul, &o),
		  "Id:           0000000000000003\n"
		  "Type:         meeting\n"
		  "Title:        Talks\n"
		  "Status:       confirmed\n"
		  "When:         Mon 30 Jan 2023 11:00 .. 12:00 KST +09:00\n"
		  "UTC:          2023-01-30T02:00Z .. 2023-01-30T03:00Z\n"
		  "Place:        Seoul, KR\n"
		  "City:         Seoul\n"
		  "Country:      KR\n"
		  "Time zone:    Asia/Seoul\n");
}

TEST(viewer_options)
{
	struct itin_err err;
	const struct evdetail_opts o = {
	    .here = tz_get("Europe/Brussels", &err),
	    .flags = EVDETAIL_COUNTRY_NAME,
	};

	CHECK_STR(detail(seoul, &o),
		  "Id:           0000000000000003\n"
		  "Type:         meeting\n"
		  "Title:        Talks\n"
		  "Status:       confirmed\n"
		  "When:         Mon 30 Jan 2023 11:00 .. 12:00 KST +09:00\n"
		  "Your zone:    Mon 30 Jan 2023 03:00 .. 04:00 CET +01:00 "
		  "(Europe/Brussels)\n"
		  "UTC:          2023-01-30T02:00Z .. 2023-01-30T03:00Z\n"
		  "City:         Seoul\n"
		  "Country:      KR (South Korea)\n"
		  "Time zone:    Asia/Seoul\n");
}

/* Within one day across a change of offset, each end says its own: the
 * viewer's copy once gave the end of this one as CET. */
TEST(dst_night)
{
	struct itin_err err;
	const struct evdetail_opts o = {.here = tz_get("Europe/Brussels", &err)};
	const char *s = detail("2023-03-26 01:00..2023-03-26 04:00 meeting "
			       "Night @ Brussels, BE\n"
			       "    tz: Europe/Brussels\n",
			       &o);

	CHECK(strstr(s, "When:         Sun 26 Mar 2023 01:00 CET +01:00 .. "
			"Sun 26 Mar 2023 04:00 CEST +02:00\n") != NULL);
	CHECK(strstr(s, "Your zone:    Sun 26 Mar 2023 01:00 CET +01:00 .. "
			"Sun 26 Mar 2023 04:00 CEST +02:00 (Europe/Brussels)\n") !=
	      NULL);
}

/* Floating and all-day times are not instants: no UTC, no "Your zone". */
TEST(not_instants)
{
	struct itin_err err;
	const struct evdetail_opts o = {.here = tz_get("UTC", &err)};
	const char *s = detail("2023-01-30 11:00-12:00 meeting Floating\n"
			       "    tz: floating\n",
			       &o);

	CHECK(strstr(s, "When:         Mon 30 Jan 2023 11:00 .. 12:00 "
			"(floating)\n") != NULL);
	CHECK(strstr(s, "Your zone:") == NULL);
	CHECK(strstr(s, "UTC:") == NULL);
	CHECK(strstr(s, "Time zone:    floating\n") != NULL);
	s = detail("2023-01-29..2023-01-30 visit Visit\n", &o);
	CHECK(strstr(s, "When:         Sun 29 Jan 2023 .. Mon 30 Jan 2023 "
			"(all day, 2 days)\n") != NULL);
	CHECK(strstr(s, "Your zone:") == NULL);
	CHECK(strstr(s, "Time zone:") == NULL);
}

/* A line break in a participant's name is escaped, not a new line. */
TEST(participants)
{
	const struct evdetail_opts o = {0};
	const char *s = detail("2023-01-30 meeting M\n"
			       "    with: A\\nB (x); C\n",
			       &o);

	CHECK(strstr(s, "With:         A\\x0aB (x)\n"
			"              C\n") != NULL);
}

TEST(short_id)
{
	const struct evdetail_opts o = {.id_short = 4};
	const struct evdetail_opts whole = {.id_short = 16};

	CHECK(!strncmp(detail(seoul, &o),
		       "Id:           0000000000000003 (short: 0000)\n", 45));
	CHECK(!strncmp(detail(seoul, &whole),
		       "Id:           0000000000000003\nType:", 36));
}

int main(void)
{
	RUN(short_id);
	RUN(show_options);
	RUN(viewer_options);
	RUN(dst_night);
	RUN(not_instants);
	RUN(participants);
	tz_cache_free();
	return test_done();
}
