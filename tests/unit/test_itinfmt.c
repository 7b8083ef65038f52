/* test_itinfmt.c: the itin text format, reader and canonical writer. */
#include "test.h"

#include "itin/datetime.h"
#include <errno.h>

#include "itin/itinfmt.h"
#include "itin/tz.h"
#include "itin/utf8.h"

static int nwarn;
static char warnings[4096];

static void warn(void *ctx, const struct itin_err *w)
{
	char buf[1024];
	size_t n = strlen(warnings);

	(void)ctx;
	nwarn++;
	itin_err_format(w, buf, sizeof(buf));
	snprintf(warnings + n, sizeof(warnings) - n, "%s\n", buf);
}

static const struct itin_warner warner = { warn, NULL };

static int parse(const char *text, struct evlist *l, struct itin_err *err)
{
	nwarn = 0;
	warnings[0] = '\0';
	return itinfmt_parse(text, strlen(text), "t.itin", l, &warner, err);
}

/* Parse text that must fail; returns "FILE:LINE:COL: msg" in a static buffer. */
static const char *error_of_len(const char *text, size_t len)
{
	static char buf[1024];
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	nwarn = 0;
	warnings[0] = '\0';
	if (itinfmt_parse(text, len, "t.itin", &l, &warner, &err) == 0) {
		evlist_release(&l);
		return "(no error)";
	}
	evlist_release(&l);
	if (err.status != 65)
		return "(wrong status)";
	itin_err_format(&err, buf, sizeof(buf));
	return buf;
}

static const char *error_of(const char *text)
{
	return error_of_len(text, strlen(text));
}

static char *roundtrip(const char *text)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	if (parse(text, &l, &err)) {
		char buf[1024];

		itin_err_format(&err, buf, sizeof(buf));
		printf("#   parse error: %s\n", buf);
		evlist_release(&l);
		return strdup("(error)");
	}
	itinfmt_write(&sb, &l);
	evlist_release(&l);
	return strbuf_detach(&sb, NULL);
}

static const char canonical[] =
	"# a comment is not kept\n"
	"2023-01-27                 interview  Interview with Yonhap \\@ HQ \\\\ back @ Press room\\,2, NATO Headquarters, Brussels, BE\n"
	"    id: ev-1\n"
	"    status: tentative\n"
	"    org: Yonhap News \\\\ Agency\n"
	"    with: Kim \\(Jr\\) (Reporter\\; editor); Lee; \\sPark\\s (Role \\(acting\\)); 윤석열 (President, host)\n"
	"    tags: media; a\\;b; \\stag\n"
	"    source: https://example.org/a?b=c@d;e,f\n"
	"    note: line one\n"
	"    note:\n"
	"    note: \\sindented\\ttab\\x1bescape\\x7f back\\\\slash\n"
	"    note: last\\s\n";

static const char canonical_rest[] =
	"2023-01-29..2023-01-30     visit      Visit to the Republic of Korea @ Seoul, KR\n"
	"    id: ev-2\n"
	"2023-01-30 10:00-11:30     meeting    Meeting with President Yoon @ Yongsan Presidential Office, Seoul, KR\n"
	"    id: ev-3\n"
	"    tz: Asia/Seoul\n"
	"2023-01-30 10:00:30-10:05:15  meeting    Short one @ Seoul, KR\n"
	"    id: ev-4\n"
	"    tz: Asia/Seoul\n"
	"2023-01-31 22:00..2023-02-01 01:30  travel     Flight to Brussels @ Tokyo, JP\n"
	"    id: ev-5\n"
	"    tz: Asia/Tokyo\n"
	"    end-tz: Europe/Brussels\n"
	"2023-02-02 09:00           call       Call\\twith\\s @ US\n"
	"    id: ev-6\n"
	"    tz: floating\n"
	"    status: cancelled\n"
	"2023-02-03                 other      Venue only @ Hall\\,A, Room 2,\n"
	"    id: ev-7\n"
	"2023-02-04                 other      Venue and country @ Hall, , KR\n"
	"    id: ev-8\n"
	"2023-02-05                 other      Tiny city @ \\x55r\n"
	"    id: ev-9\n"
	"2023-02-06..2023-02-08     summit     Summit @ Washington\\, D.C., US\n"
	"    id: ev-10\n"
	"2023-02-09                 press      서울 \\x01 ctl\\\\\n"
	"    id: ev-11\n"
	"2023-02-10 23:00..2023-02-11 01:00  reception  Late @ Salon, Paris, FR\n"
	"    id: ev-12\n"
	"    seq: 3\n"
	"    tz: Europe/Paris\n"
	"    tags: x\n"
	"2023-02-12 08:00..2023-02-12 09:00  travel     Same day, other zone @ Paris, FR\n"
	"    id: ev-13\n"
	"    tz: Europe/Paris\n"
	"    end-tz: Europe/London\n"
	"2023-02-14 09:00-10:00     meeting    From a calendar @ Seoul, KR\n"
	"    id: 1234abcd1234abcd\n"
	"    uid: 040000008200E00074C5B7101A82E008@outlook.example\n"
	"    seq: 2\n"
	"    modified: 2023-02-01T08:30:00Z\n"
	"    tz: Asia/Seoul\n";

TEST(canonical_round_trip)
{
	struct strbuf in = STRBUF_INIT;
	char *out, *again;

	strbuf_addstr(&in, canonical + strlen("# a comment is not kept\n"));
	strbuf_addstr(&in, canonical_rest);
	out = roundtrip(in.buf);
	CHECK_STR(out, in.buf);
	CHECK_INT(nwarn, 0);
	again = roundtrip(out);
	CHECK_STR(again, out);
	free(out);
	free(again);
	strbuf_release(&in);
}

TEST(canonical_fields)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf in = STRBUF_INIT;
	struct itin_err err;
	struct event *ev;

	strbuf_addstr(&in, canonical);
	strbuf_addstr(&in, canonical_rest);
	CHECK_INT(parse(in.buf, &l, &err), 0);
	CHECK_INT(l.n, 14);
	if (l.n != 14)
		goto out;
	ev = l.v[0];
	CHECK_STR(ev->id, "ev-1");
	CHECK_INT(ev->type, EV_INTERVIEW);
	CHECK_STR(ev->title, "Interview with Yonhap @ HQ \\ back");
	CHECK_STR(ev->venue, "Press room,2, NATO Headquarters");
	CHECK_STR(ev->city, "Brussels");
	CHECK_STR(ev->country, "BE");
	CHECK_INT(ev->status, EV_TENTATIVE);
	CHECK_STR(ev->org, "Yonhap News \\ Agency");
	CHECK_INT(ev->nwith, 4);
	CHECK_STR(ev->with[0].name, "Kim (Jr)");
	CHECK_STR(ev->with[0].role, "Reporter; editor");
	CHECK_STR(ev->with[1].name, "Lee");
	CHECK(ev->with[1].role == NULL);
	CHECK_STR(ev->with[2].name, " Park ");
	CHECK_STR(ev->with[2].role, "Role (acting)");
	CHECK_STR(ev->with[3].role, "President, host");
	CHECK_INT(ev->ntags, 3);
	CHECK_STR(ev->tags[1], "a;b");
	CHECK_STR(ev->tags[2], " tag");
	CHECK_STR(ev->source, "https://example.org/a?b=c@d;e,f");
	CHECK_STR(ev->notes, "line one\n\n indented\ttab\x1b" "escape\x7f back\\slash\nlast ");
	CHECK(ev->allday && !ev->has_end && ev->tz == NULL);

	ev = l.v[13];
	CHECK_STR(ev->uid, "040000008200E00074C5B7101A82E008@outlook.example");
	CHECK_STR(ev->id, "1234abcd1234abcd");
	CHECK(ev->has_modified);
	CHECK_INT(ev->modified, days_from_civil(2023, 2, 1) * ITIN_DAY + 8 * 3600 + 30 * 60);
	CHECK_INT(ev->seq, 2);

	ev = l.v[1];
	CHECK(ev->allday && ev->has_end);
	CHECK_INT(ev->end_utc, days_from_civil(2023, 1, 31) * ITIN_DAY);
	ev = l.v[3];
	CHECK_INT(lsec_time_of_day(ev->start), 10 * 3600 + 30);
	CHECK_INT(lsec_time_of_day(ev->end), 10 * 3600 + 5 * 60 + 15);
	ev = l.v[4];
	CHECK_STR(ev->end_tz, "Europe/Brussels");
	CHECK_INT(ev->end_utc - ev->start_utc, 11 * 3600 + 30 * 60);
	ev = l.v[5];
	CHECK(ev->tz == NULL && !ev->allday);
	CHECK_STR(ev->title, "Call\twith ");
	CHECK_STR(ev->country, "US");
	CHECK(ev->city == NULL && ev->venue == NULL);
	CHECK_INT(ev->status, EV_CANCELLED);
	ev = l.v[6];
	CHECK_STR(ev->venue, "Hall,A, Room 2");
	CHECK(ev->city == NULL && !ev->country[0]);
	ev = l.v[7];
	CHECK_STR(ev->venue, "Hall");
	CHECK(ev->city == NULL);
	CHECK_STR(ev->country, "KR");
	ev = l.v[8];
	CHECK_STR(ev->city, "Ur");
	CHECK(!ev->country[0]);
	ev = l.v[9];
	CHECK_STR(ev->city, "Washington, D.C.");
	CHECK_STR(ev->country, "US");
	CHECK(ev->venue == NULL);
	ev = l.v[10];
	CHECK_STR(ev->title, "서울 \x01 ctl\\");
out:
	evlist_release(&l);
	strbuf_release(&in);
}

/* Whether ev's id is the one derived from its content. */
static bool is_derived(const struct event *ev)
{
	char *id = event_derive_id(ev);
	bool same = !strcmp(id, ev->id);

	free(id);
	return same;
}

/* The example of the interface contract. */
TEST(contract_example)
{
	static const char text[] =
		"# NATO Secretary General, Asia-Pacific tour\n"
		"2023-01-27                 interview  Interview with Yonhap\n"
		"2023-01-29..2023-01-30     visit      Official visit to the Republic of Korea @ Seoul, KR\n"
		"    with: Yoon Suk-yeol (President); Park Jin (Foreign Minister)\n"
		"    source: https://example.org/article\n"
		"2023-01-30 10:00-11:30     meeting    Meeting with President Yoon @ Yongsan Presidential Office, Seoul, KR\n"
		"2023-01-31 22:00..2023-02-01 01:30  travel  Flight to Brussels @ Tokyo, JP\n"
		"2023-07-11..2023-07-12     summit     NATO Summit @ Vilnius, LT\n"
		"    id: 7c9e2b1d4f0a4e6b\n";
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct event *ev;

	CHECK_INT(parse(text, &l, &err), 0);
	CHECK_INT(nwarn, 0);
	CHECK_INT(l.n, 5);
	if (l.n != 5)
		goto out;
	/* Without an id: line, the id derived from the content (its value
	 * is test_event's and t-ids's). */
	ev = l.v[0];
	CHECK(is_derived(ev));
	CHECK_STR(ev->title, "Interview with Yonhap");
	CHECK(ev->allday && !ev->has_end && !ev->city);
	ev = l.v[1];
	CHECK_INT(ev->type, EV_VISIT);
	CHECK_STR(ev->city, "Seoul");
	CHECK_STR(ev->country, "KR");
	CHECK(ev->venue == NULL);
	CHECK_INT(ev->nwith, 2);
	CHECK_STR(ev->with[1].name, "Park Jin");
	CHECK_STR(ev->with[1].role, "Foreign Minister");
	CHECK_STR(ev->source, "https://example.org/article");
	CHECK_INT(event_last_day(ev), days_from_civil(2023, 1, 30));
	ev = l.v[2];
	CHECK(is_derived(ev));
	CHECK(strcmp(ev->id, l.v[0]->id) != 0);
	CHECK_STR(ev->tz, "Asia/Seoul");
	CHECK_STR(ev->venue, "Yongsan Presidential Office");
	CHECK_INT(ev->start_utc, days_from_civil(2023, 1, 30) * ITIN_DAY + 3600);
	ev = l.v[3];
	CHECK_STR(ev->tz, "Asia/Tokyo");
	CHECK(ev->end_tz == NULL);
	CHECK_INT(ev->end_utc - ev->start_utc, 3 * 3600 + 30 * 60);
	ev = l.v[4];
	CHECK_STR(ev->id, "7c9e2b1d4f0a4e6b");
	CHECK_INT(ev->type, EV_SUMMIT);
out:
	evlist_release(&l);
}

TEST(reader_leniency)
{
	static const char text[] =
		"\xEF\xBB\xBF# BOM, CRLF, tabs, odd spacing\r\n"
		"\r\n"
		"2023-03-01T10:00-11:00\tMEETING\tTalks   @  Hall ,  Kiev , ua \r\n"
		"\twith: A; B (x)\r\n"
		"  with: C\r\n"
		"  TAGS: t1\r\n"
		"  tags: t2;;\r\n"
		"  # a comment inside an event\r\n"
		"  note: one\r\n"
		"  note: two\r\n"
		"2023-03-02..2023-03-02 visit Same day\r\n"
		"2023-03-03T09:00..2023-03-03T10:00 call Munich call @ Munich, DE\r\n"
		"2023-03-04 09:00 call Status @ Seoul\n"
		"    status: Canceled";
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct event *ev;

	CHECK_INT(parse(text, &l, &err), 0);
	CHECK_INT(nwarn, 0);
	CHECK_INT(l.n, 4);
	if (l.n != 4)
		goto out;
	ev = l.v[0];
	CHECK_INT(ev->type, EV_MEETING);
	CHECK_STR(ev->title, "Talks");
	CHECK_STR(ev->venue, "Hall");
	CHECK_STR(ev->city, "Kiev");
	CHECK_STR(ev->country, "UA");
	CHECK_STR(ev->tz, "Europe/Kyiv");
	CHECK_INT(ev->nwith, 3);
	CHECK_STR(ev->with[1].role, "x");
	CHECK_STR(ev->with[2].name, "C");
	CHECK_INT(ev->ntags, 2);
	CHECK_STR(ev->notes, "one\ntwo");
	ev = l.v[1];
	CHECK(ev->allday && !ev->has_end);
	CHECK_STR(ev->title, "Same day");
	ev = l.v[2];
	CHECK_STR(ev->tz, "Europe/Berlin");	/* by the country */
	ev = l.v[3];
	CHECK_STR(ev->tz, "Asia/Seoul");
	CHECK_INT(ev->status, EV_CANCELLED);
out:
	evlist_release(&l);
}

/* Derived ids: the same event twice is one; look-alikes are two. */
TEST(identity_within_a_file)
{
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	CHECK_INT(parse("2023-02-01 visit Same\n2023-02-01 visit Same\n", &l,
			&err), 0);
	CHECK_INT(l.n, 1);
	CHECK_STR(warnings, "t.itin:2:1: 'Same' is the same event as line 1; read once\n");
	evlist_release(&l);
	CHECK_INT(parse("2023-02-01 10:00-11:00 meeting Talks @ Seoul, KR\n"
			"    note: first\n"
			"2023-02-01 10:00-12:00 meeting Talks @ Seoul, KR\n"
			"2023-02-01 10:00-11:00 meeting Talks @ Seoul, KR\n"
			"    note: second\n", &l, &err), 0);
	CHECK_INT(nwarn, 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK(strcmp(l.v[0]->id, l.v[1]->id) != 0);
		CHECK(strcmp(l.v[0]->id, l.v[2]->id) != 0);
		CHECK(strcmp(l.v[1]->id, l.v[2]->id) != 0);
	}
	evlist_release(&l);
	/* The same id on two different events is still an error. */
	CHECK_STR(error_of("2023-02-01 visit Same\n    id: x\n"
			   "2023-02-01 visit Same\n    id: x\n    note: other\n"),
		  "t.itin:4:9: duplicate id 'x' (first at line 1)");
}

TEST(reader_warnings)
{
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	CHECK_INT(parse("2023-03-01 10:00 meeting Lost @ Atlantis\n", &l, &err), 0);
	CHECK_INT(nwarn, 1);
	CHECK_STR(warnings, "t.itin:1:33: no time zone known for 'Atlantis'; time is floating\n");
	CHECK(l.v[0]->tz == NULL);
	CHECK(l.n == 1);

	CHECK_INT(parse("2023-03-01 10:00 meeting Where @ Springfield, US\n", &l, &err), 0);
	/* A country of several zones: its main zone, with a warning. */
	CHECK_STR(warnings, "t.itin:1:34: no city 'Springfield' in the gazetteer; time in "
			    "America/New_York, the zone with the most people in US\n");
	CHECK_STR(l.v[1]->tz, "America/New_York");

	CHECK_INT(parse("2023-03-01 visit V @ Seoul\n  tz: Asia/Seoul\n", &l, &err), 0);
	CHECK_STR(warnings, "t.itin:2:3: time zone ignored for an all-day event\n");
	CHECK(l.v[2]->tz == NULL);

	CHECK_INT(parse("2023-10-29 03:30 meeting Twice @ Vilnius\n", &l, &err), 0);
	CHECK_STR(warnings, "t.itin:1:1: time 2023-10-29 03:30 is ambiguous in Europe/Vilnius; "
		  "taking the first (UTC+03:00)\n");

	/* A timed event with no place at all floats quietly. */
	CHECK_INT(parse("2023-03-01 10:00 call Anywhere\n", &l, &err), 0);
	CHECK_INT(nwarn, 0);
	CHECK_INT(l.n, 5);
	evlist_release(&l);
}

TEST(errors)
{
	CHECK_STR(error_of("2023-02-30 meeting X\n"),
		  "t.itin:1:1: invalid date '2023-02-30': February 2023 has 28 days");
	CHECK_STR(error_of("# c\n\n2023-13-01 meeting X\n"),
		  "t.itin:3:1: invalid date '2023-13-01': month must be 01 to 12");
	CHECK_STR(error_of("Hello world\n"),
		  "t.itin:1:1: invalid date 'Hello' (expected YYYY-MM-DD)");
	CHECK_STR(error_of("2023-02-01 25:00 meeting X\n"),
		  "t.itin:1:12: invalid time '25:00': hour must be 00 to 23");
	CHECK_STR(error_of("2023-02-01 10:00-24:00 meeting X\n"),
		  "t.itin:1:18: invalid time '24:00': hour must be 00 to 23");
	CHECK_STR(error_of("2023-02-01T10:61 meeting X\n"),
		  "t.itin:1:12: invalid time '10:61': minute must be 00 to 59");
	CHECK_STR(error_of("2023-02-01 1000 meeting X\n"),
		  "t.itin:1:12: invalid time '1000' (expected HH:MM or HH:MM:SS)");
	CHECK_STR(error_of("2023-02-01..2023-02-31 visit X\n"),
		  "t.itin:1:13: invalid date '2023-02-31': February 2023 has 28 days");
	CHECK_STR(error_of("2023-02-01\tparty X\n"),
		  "t.itin:1:12: unknown type 'party' (expected one of: visit, meeting, summit, "
		  "conference, interview, press, travel, reception, call, other)");
	CHECK_STR(error_of("2023-02-01 visit X\n    colour: red\n"),
		  "t.itin:2:5: unknown key 'colour' (expected one of: with, org, status, tz, "
		  "end-tz, source, note, tags, id, uid, seq, src-seq, modified)");
	CHECK_STR(error_of("2023-02-01 10:00-09:00 meeting X\n"),
		  "t.itin:1:18: end '2023-02-01 09:00' is before start '2023-02-01 10:00'");
	CHECK_STR(error_of("2023-02-03..2023-02-01 visit X\n"),
		  "t.itin:1:13: end '2023-02-01' is before start '2023-02-03'");
	CHECK_STR(error_of("2023-02-01 10:00..2023-02-01 12:00 travel F @ London\n"
			   "    end-tz: Asia/Tokyo\n"),
		  "t.itin:1:19: end '2023-02-01 12:00' (Asia/Tokyo) is before start '2023-02-01 10:00' (Europe/London)");
	CHECK_STR(error_of("2023-02-01 visit   @ Seoul\n"), "t.itin:1:20: missing title");
	CHECK_STR(error_of("2023-02-01 visit\n"), "t.itin:1:17: missing title");
	CHECK_STR(error_of("2023-02-01\n"), "t.itin:1:11: missing type after the date");
	CHECK_STR(error_of("2023-02-01 visit Caf\xC3\n"), "t.itin:1:21: invalid UTF-8");
	CHECK_STR(error_of("2023-02-01 visit 서울\xED\xA0\x80\n"), "t.itin:1:20: invalid UTF-8");
	CHECK_STR(error_of_len("2023-02-01 visit A\0B\n", 21), "t.itin:1:19: NUL byte in input");
	CHECK_STR(error_of("2023-02-01 visit A @ Seoul\n    id: x\n"
			   "2023-02-02 visit B\n    id: x\n"),
		  "t.itin:4:9: duplicate id 'x' (first at line 1)");
	CHECK_STR(error_of("2023-02-01 visit A\n    modified: 2023-02-01 10:00\n"),
		  "t.itin:2:15: invalid UTC time '2023-02-01 10:00' (expected YYYY-MM-DDTHH:MM:SSZ)");
	CHECK_STR(error_of("2023-02-01 visit A\n    modified: 2023-02-30T10:00:00Z\n"),
		  "t.itin:2:15: invalid date '2023-02-30': February 2023 has 28 days");
	CHECK_STR(error_of("2023-03-26 03:30 meeting X @ Vilnius, LT\n"),
		  "t.itin:1:1: time 2023-03-26 03:30 does not exist in Europe/Vilnius "
		  "(clocks jump from 03:00 to 04:00)");
	CHECK_STR(error_of("2023-03-26 01:00..2023-03-26 03:10 meeting X @ Vilnius, LT\n"),
		  "t.itin:1:19: time 2023-03-26 03:10 does not exist in Europe/Vilnius "
		  "(clocks jump from 03:00 to 04:00)");
	CHECK_STR(error_of("2023-02-01 visit A\\q\n"), "t.itin:1:19: unknown escape '\\q'");
	CHECK_STR(error_of("2023-02-01 visit 서울 \\é\n"), "t.itin:1:21: unknown escape '\\é'");
	CHECK_STR(error_of("2023-02-01 visit A\\\n"),
		  "t.itin:1:19: incomplete escape '\\' at the end of the value");
	CHECK_STR(error_of("2023-02-01 visit A\n  note: \\x00\n"),
		  "t.itin:2:9: invalid escape '\\x00' (expected \\x01 to \\x7f)");
	CHECK_STR(error_of("2023-02-01 visit A\n  note: x\\xZ\n"),
		  "t.itin:2:10: invalid escape '\\xZ' (expected \\x01 to \\x7f)");
	CHECK_STR(error_of("    id: x\n"), "t.itin:1:5: key line before the first event");
	CHECK_STR(error_of("2023-02-01 visit A\n  tz: UTC\n  tz: UTC\n"),
		  "t.itin:3:3: duplicate key 'tz'");
	CHECK_STR(error_of("2023-02-01 visit A\n  id: a\n  id: b\n"),
		  "t.itin:3:3: duplicate key 'id'");
	CHECK_STR(error_of("2023-02-01 visit A @ Seoul, XX\n"),
		  "t.itin:1:29: unknown country code 'XX'");
	CHECK_STR(error_of("2023-02-01 10:00 visit A\n  tz:  Europe/Pari\n"),
		  "t.itin:2:8: unknown time zone 'Europe/Pari' (did you mean 'Europe/Paris'?)");
	CHECK_STR(error_of("2023-02-01 10:00 visit A\n  end-tz: Nowhere/Land\n"),
		  "t.itin:2:11: unknown time zone 'Nowhere/Land'");
	CHECK_STR(error_of("2023-02-01 visit A\n  status: maybe\n"),
		  "t.itin:2:11: unknown status 'maybe' (expected one of: confirmed, tentative, "
		  "cancelled)");
	CHECK_STR(error_of("2023-02-01 visit A\n  id: a b\n"),
		  "t.itin:2:7: invalid id 'a b' (1 to 255 printable characters, no spaces)");
	CHECK_STR(error_of("2023-02-01 visit A\n  org:\n"),
		  "t.itin:2:7: missing value for 'org'");
	CHECK_STR(error_of("2023-02-01 visit A\n  just words\n"),
		  "t.itin:2:3: expected 'key: value'");
	CHECK_STR(error_of("2023-02-01 visit A\n  with: (Host)\n"),
		  "t.itin:2:9: missing participant name");
	CHECK_STR(error_of("2023-02-01..2023-02-02 10:00 visit A\n"),
		  "t.itin:1:13: the end has a time but the start is a date");
	CHECK_STR(error_of("2023-02-01 10:00..2023-02-02 visit A\n"),
		  "t.itin:1:19: the end needs a time, like the start");
	CHECK_STR(error_of("2023-02-01 10:00:00x meeting A\n"),
		  "t.itin:1:12: invalid time '10:00:00x' (expected HH:MM or HH:MM:SS)");
}

TEST(error_too_long)
{
	size_t n = ITINFMT_MAX_LINE + 100, i;
	char *buf = malloc(n + 64);

	strcpy(buf, "2023-02-01 visit A\n    note: ");
	for (i = strlen(buf); i < n; i++)
		buf[i] = 'x';
	buf[n] = '\n';
	buf[n + 1] = '\0';
	CHECK_STR(error_of(buf), "t.itin:2:1048577: line too long (1048657 bytes; limit 1 MiB)");
	/* Exactly at the line limit the line is read, and the field is
	 * refused for its own limit. */
	buf[19 + ITINFMT_MAX_LINE] = '\n';
	buf[20 + ITINFMT_MAX_LINE] = '\0';
	CHECK_STR(error_of(buf), "t.itin:1:1: notes too long (1048566 bytes; limit 65536)");
	/* At the field limit the event is fine. */
	buf[29 + EVENT_MAX_TEXT] = '\n';
	buf[30 + EVENT_MAX_TEXT] = '\0';
	CHECK_STR(error_of(buf), "(no error)");
	free(buf);
}

TEST(error_keeps_earlier_events)
{
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	CHECK_INT(parse("2023-02-01 visit A\n2023-02-02 visit B\n2023-02-31 visit C\n", &l, &err), -1);
	CHECK_INT(err.line, 3);
	CHECK_INT(l.n, 2);	/* A and B were finished before C's header */
	evlist_release(&l);
}

TEST(writer_escapes)
{
	struct event *ev = event_new();
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	ev->type = EV_MEETING;
	ev->start = days_from_civil(2023, 5, 1) * ITIN_DAY + 9 * 3600;
	event_set_str(ev, &ev->title, " Lead @ trail ");
	event_set_str(ev, &ev->venue, "A,B , C,  D, E");
	event_set_str(ev, &ev->city, "St. John's, NL");
	event_set_str(ev, &ev->notes, "");
	event_add_participant(ev, "X;Y", "R(1)");
	event_add_tag(ev, "");
	event_add_tag(ev, "ok");
	CHECK_INT(event_check(ev, NULL, &err), 0);
	itinfmt_write_event(&sb, ev);
	{
		static const char head[] =
			"2023-05-01 09:00           meeting    \\sLead \\@ trail\\s @ "
			"A\\,B \\, C\\,  D, E, St. John's\\, NL\n    id: ";

		CHECK(!strncmp(sb.buf, head, strlen(head)));
	}
	CHECK_STR(strstr(sb.buf, "    tz:"),
		  "    tz: floating\n"
		  "    with: X\\;Y (R\\(1\\))\n"
		  "    tags: ok\n"
		  "    note:\n");
	event_free(ev);
	strbuf_release(&sb);
}

TEST(writer_round_trips_odd_values)
{
	struct event *ev = event_new();
	struct strbuf sb = STRBUF_INIT, sb2 = STRBUF_INIT;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	ev->type = EV_MEETING;
	ev->start = days_from_civil(2023, 5, 1) * ITIN_DAY + 9 * 3600;
	event_set_str(ev, &ev->title, " Lead @ trail \\ \x1b ");
	event_set_str(ev, &ev->venue, "A,B , C,  D, E,");
	event_set_str(ev, &ev->city, " St. John's, NL ");
	event_set_str(ev, &ev->org, "  ");
	event_set_str(ev, &ev->notes, "\n a \n\n");
	event_add_participant(ev, "X;Y (Z)", "R(1); ");
	event_add_tag(ev, " t;u ");
	CHECK_INT(event_check(ev, NULL, &err), 0);
	itinfmt_write_event(&sb, ev);
	CHECK_INT(itinfmt_parse(sb.buf, sb.len, "t", &l, NULL, &err), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		struct event *e2 = l.v[0];

		CHECK_STR(e2->title, ev->title);
		CHECK_STR(e2->venue, ev->venue);
		CHECK_STR(e2->city, ev->city);
		CHECK_STR(e2->org, ev->org);
		CHECK_STR(e2->notes, ev->notes);
		CHECK_STR(e2->with[0].name, "X;Y (Z)");
		CHECK_STR(e2->with[0].role, "R(1); ");
		CHECK_STR(e2->tags[0], " t;u ");
		itinfmt_write_event(&sb2, e2);
		CHECK_STR(sb2.buf, sb.buf);
	}
	event_free(ev);
	evlist_release(&l);
	strbuf_release(&sb);
	strbuf_release(&sb2);
}

/*
 * Every code point through the writer and back: the controls (C0, DEL,
 * C1), the format characters and the separators (utf8_is_invisible_control)
 * written as escapes, never raw; every other code point raw; the reader
 * gives back the same strings, and writing them again the same bytes.
 * Titles of 512 code points at a time, in every kind of value.
 */
static void check_block(uint32_t from, uint32_t to)
{
	struct event *ev = event_new();
	struct strbuf s = STRBUF_INIT, out = STRBUF_INIT, again = STRBUF_INIT;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	char buf[4];
	size_t i, n;
	uint32_t cp;
	int raw_bad = 0;

	for (cp = from; cp < to; cp++)
		if (cp && !(cp >= 0xD800 && cp <= 0xDFFF))
			strbuf_add(&s, buf, utf8_encode(cp, buf));
	if (!s.len)	/* surrogates only */
		goto out;
	ev->type = EV_MEETING;
	ev->start = days_from_civil(2023, 5, 1) * ITIN_DAY + 9 * 3600;
	event_set_str(ev, &ev->id, "cp");
	event_set_str(ev, &ev->title, s.buf);
	event_set_str(ev, &ev->venue, s.buf);
	event_set_str(ev, &ev->org, s.buf);
	event_set_str(ev, &ev->source, s.buf);
	event_set_str(ev, &ev->notes, s.buf);
	event_add_participant(ev, s.buf, s.buf);
	event_add_tag(ev, s.buf);
	itinfmt_write_event(&out, ev);
	/* Nothing invisible is written raw: line ends only. */
	for (i = 0; i < out.len; i += n ? n : 1) {
		n = utf8_decode(out.buf + i, out.len - i, &cp);
		if (!n || (cp != '\n' && utf8_is_invisible_control(cp)))
			raw_bad++;
	}
	CHECK_INT(raw_bad, 0);
	CHECK_INT(itinfmt_parse(out.buf, out.len, "t", &l, NULL, &err), 0);
	if (l.n == 1) {
		const struct event *e2 = l.v[0];

		CHECK(!strcmp(e2->title, s.buf));
		CHECK(!strcmp(e2->venue, s.buf));
		CHECK(!strcmp(e2->org, s.buf));
		CHECK(!strcmp(e2->source, s.buf));
		CHECK(!strcmp(e2->notes, s.buf));
		CHECK(e2->nwith == 1 && !strcmp(e2->with[0].name, s.buf) &&
		      !strcmp(e2->with[0].role, s.buf));
		CHECK(e2->ntags == 1 && !strcmp(e2->tags[0], s.buf));
		itinfmt_write_event(&again, e2);
		CHECK(again.len == out.len && !memcmp(again.buf, out.buf, out.len));
	} else {
		CHECK_INT(l.n, 1);
	}
	if (test_failed_now)
		printf("#   in the block U+%04X..U+%04X\n", (unsigned)from,
		       (unsigned)to - 1);
out:
	event_free(ev);
	evlist_release(&l);
	strbuf_release(&s);
	strbuf_release(&out);
	strbuf_release(&again);
}

TEST(every_code_point_round_trips)
{
	uint32_t cp;

	for (cp = 0; cp <= 0x10FFFF && !test_failed_now; cp += 512)
		check_block(cp, cp + 512 > 0x110000 ? 0x110000 : cp + 512);
}

/* How the writer spells them, and what the reader takes. */
TEST(unicode_escapes)
{
	char *out;

	/* C1 NEL and CSI, RLO, LRI..PDI, ALM, LRM, RLM, LS, PS, ZWSP,
	 * BOM, a tag character; the joiners stay as they are. */
	out = roundtrip("2023-02-01  meeting  a\xC2\x85" "b\xC2\x9B" "c\xE2\x80\xAE"
			"d\xE2\x81\xA6\xE2\x81\xA9" "e\xD8\x9C\xE2\x80\x8E\xE2\x80\x8F"
			"f\xE2\x80\xA8\xE2\x80\xA9" "g\xE2\x80\x8B\xEF\xBB\xBF"
			"h\xF3\xA0\x81\x81" "i\xE2\x80\x8C\xE2\x80\x8D" "j\n    id: u\n");
	CHECK_STR(out, "2023-02-01                 meeting    a\\u{0085}b\\u{009B}"
		       "c\\u{202E}d\\u{2066}\\u{2069}e\\u{061C}\\u{200E}\\u{200F}"
		       "f\\u{2028}\\u{2029}g\\u{200B}\\u{FEFF}h\\u{E0041}"
		       "i\xE2\x80\x8C\xE2\x80\x8Dj\n    id: u\n");
	free(out);
	/* Any code point may be written so, in either case, 1 to 6 digits. */
	CHECK_STR(error_of("2023-02-01 meeting a\\u{0000202e}\n"),
		  "t.itin:1:21: invalid escape '\\u{0000202e}' (expected \\u{1} to \\u{10FFFF})");
	out = roundtrip("2023-02-01  meeting  \\u{41}\\u{e9}\\u{1F600}\\u{00202e}x\n"
			"    id: u\n");
	CHECK_STR(out, "2023-02-01                 meeting    A\xC3\xA9\xF0\x9F\x98\x80"
		       "\\u{202E}x\n    id: u\n");
	free(out);
	CHECK_STR(error_of("2023-02-01 meeting a\\u{0}b\n"),
		  "t.itin:1:21: invalid escape '\\u{0}' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\u{D800}b\n"),
		  "t.itin:1:21: invalid escape '\\u{D800}' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\u{110000}\n"),
		  "t.itin:1:21: invalid escape '\\u{110000}' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\u{41 b\n"),
		  "t.itin:1:21: invalid escape '\\u{41' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\u41\n"),
		  "t.itin:1:21: invalid escape '\\u41' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\u{}\n"),
		  "t.itin:1:21: invalid escape '\\u{}' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\u{g}\n"),
		  "t.itin:1:21: invalid escape '\\u{g}' (expected \\u{1} to \\u{10FFFF})");
	CHECK_STR(error_of("2023-02-01 meeting a\\x85\n"),
		  "t.itin:1:21: invalid escape '\\x85' (expected \\x01 to \\x7f; "
		  "U+0085 is \\u{0085})");
}

/* A file written before these escapes (raw characters) reads the same. */
TEST(old_files_read_the_same)
{
	static const char old[] =
		"2023-02-01  meeting  a\xC2\x85" "b\xE2\x80\xAE" "c\\x1b @ V\xE2\x80\xA8, Vilnius, LT\n"
		"    id: o\n";
	static const char esc[] =
		"2023-02-01  meeting  a\\u{85}b\\u{202e}c\\x1b @ V\\u{2028}, Vilnius, LT\n"
		"    id: o\n";
	struct evlist a = EVLIST_INIT, b = EVLIST_INIT;
	struct itin_err err;

	CHECK_INT(parse(old, &a, &err), 0);
	CHECK_INT(parse(esc, &b, &err), 0);
	if (a.n == 1 && b.n == 1) {
		CHECK_STR(a.v[0]->title, "a\xC2\x85" "b\xE2\x80\xAE" "c\x1b");
		CHECK_STR(a.v[0]->venue, "V\xE2\x80\xA8");
		CHECK(itinfmt_same_event(a.v[0], b.v[0]));
	}
	evlist_release(&a);
	evlist_release(&b);
}

/* A write function that takes limit bytes, then fails with ENOSPC: a
 * disk that fills half way through a store's rewrite. */
struct limited {
	struct strbuf got;
	size_t limit;
	int fails;
};

static int limited_write(void *ctx, const void *data, size_t len)
{
	struct limited *w = ctx;

	if (w->got.len + len > w->limit) {
		w->fails++;
		errno = ENOSPC;
		return -1;
	}
	strbuf_add(&w->got, data, len);
	return 0;
}

/* The store as the rewrite streams it (itinfmt_write_sink) is
 * itinfmt_write()'s, byte for byte, at any block size; a write that
 * fails half way stops it with the write's errno, and nothing is written
 * after it. */
TEST(write_sink)
{
	static const size_t blocks[] = {1, 100, 4096, OUTSINK_BLOCK};
	struct evlist l = EVLIST_INIT;
	struct strbuf text = STRBUF_INIT, whole = STRBUF_INIT;
	struct itin_err err;

	strbuf_addstr(&text, canonical);
	strbuf_addstr(&text, canonical_rest);
	CHECK_INT(parse(text.buf, &l, &err), 0);
	itinfmt_write(&whole, &l);
	CHECK(whole.len > 500);
	for (size_t b = 0; b < sizeof(blocks) / sizeof(*blocks); b++) {
		struct limited w = {STRBUF_INIT, SIZE_MAX, 0};
		struct outsink s;

		outsink_init(&s, limited_write, &w);
		s.block = blocks[b];
		CHECK_INT(itinfmt_write_sink(&s, &l), 0);
		CHECK(w.got.len == whole.len &&
		      !memcmp(w.got.buf, whole.buf, whole.len));
		outsink_release(&s);
		strbuf_release(&w.got);
	}
	for (size_t limit = 0; limit < whole.len; limit += 97) {
		struct limited w = {STRBUF_INIT, limit, 0};
		struct outsink s;

		outsink_init(&s, limited_write, &w);
		s.block = 100;
		CHECK_INT(itinfmt_write_sink(&s, &l), -1);
		CHECK_INT(s.error, ENOSPC);
		CHECK(w.got.len <= limit);
		CHECK(w.got.len == 0 ||
		      !memcmp(w.got.buf, whole.buf, w.got.len));
		/* The first failure ends it: no write is tried after. */
		CHECK_INT(w.fails, 1);
		outsink_release(&s);
		strbuf_release(&w.got);
	}
	strbuf_release(&text);
	strbuf_release(&whole);
	evlist_release(&l);
}

TEST(many_events_fast)
{
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	int i;

	for (i = 0; i < 20000; i++)
		strbuf_addf(&sb, "2023-%02d-%02d %02d:00-%02d:30  meeting  Meeting %d @ Seoul, KR\n"
			    "    with: A (B); C\n    note: n\n",
			    i % 12 + 1, i % 28 + 1, i % 23, i % 23, i);
	CHECK_INT(itinfmt_parse(sb.buf, sb.len, "big", &l, NULL, &err), 0);
	CHECK_INT(l.n, 20000);
	itinfmt_write(&out, &l);
	evlist_release(&l);
	CHECK_INT(itinfmt_parse(out.buf, out.len, "big", &l, NULL, &err), 0);
	CHECK_INT(l.n, 20000);
	evlist_release(&l);
	strbuf_release(&sb);
	strbuf_release(&out);
}

/* seq: the revision, read and written, but not a change in itself. */
TEST(seq_key)
{
	struct evlist a = EVLIST_INIT, b = EVLIST_INIT;
	struct itin_err err;

	CHECK(!parse("2023-02-01 visit X\n    id: x\n    seq: 7\n", &a, &err));
	CHECK(!parse("2023-02-01 visit X\n    id: x\n", &b, &err));
	CHECK_INT(a.v[0]->seq, 7);
	CHECK_INT(b.v[0]->seq, 0);
	CHECK(itinfmt_same_event(a.v[0], b.v[0]));
	event_next_seq(b.v[0], a.v[0]);
	CHECK_INT(b.v[0]->seq, 8);
	a.v[0]->seq = 20;
	event_next_seq(a.v[0], b.v[0]);
	CHECK_INT(a.v[0]->seq, 20);
	evlist_release(&a);
	evlist_release(&b);
	CHECK_STR(error_of("2023-02-01 visit X\n    seq: -1\n"),
		  "t.itin:2:10: invalid seq '-1' (a number from 0 to 2147483647)");
	CHECK_STR(error_of("2023-02-01 visit X\n    seq: 2147483648\n"),
		  "t.itin:2:10: invalid seq '2147483648' (a number from 0 to 2147483647)");
	CHECK_STR(error_of("2023-02-01 visit X\n    seq: 1\n    seq: 2\n"),
		  "t.itin:3:5: duplicate key 'seq'");
}

int main(void)
{
	RUN(seq_key);
	RUN(canonical_round_trip);
	RUN(canonical_fields);
	RUN(contract_example);
	RUN(reader_leniency);
	RUN(identity_within_a_file);
	RUN(reader_warnings);
	RUN(errors);
	RUN(error_too_long);
	RUN(error_keeps_earlier_events);
	RUN(writer_escapes);
	RUN(writer_round_trips_odd_values);
	RUN(every_code_point_round_trips);
	RUN(unicode_escapes);
	RUN(old_files_read_the_same);
	RUN(many_events_fast);
	RUN(write_sink);
	tz_cache_free();
	return test_done();
}
