/*
 * test_icalio.c: iCalendar folding, escaping, the mapping of every field
 * both ways, and what the importer makes of other producers' files.
 * (The VTIMEZONEs are checked transition by transition in
 * test_vtimezone.c, and by ical.js in tests/cli/t-ics.sh.)
 */
#include <stdint.h>

#include "itin/datetime.h"
#include "itin/icalio.h"
#include "itin/itinfmt.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/winzones.h"
#include "test.h"
#include "derived.h"

static char warnings[8192];
static int nwarn;

static void warn(void *ctx, const struct itin_err *w)
{
	char buf[1024];

	(void)ctx;
	itin_err_format(w, buf, sizeof(buf));
	if (strlen(warnings) + strlen(buf) + 2 < sizeof(warnings)) {
		strcat(warnings, buf);
		strcat(warnings, "\n");
	}
	nwarn++;
}

static const struct itin_warner warner = { warn, NULL };

/* 2022-01-25 .. 2024-01-25: the CLI's default on 2023-01-25. */
static struct icalio_read_opts window = { .flags = 0 };

static int read_ics(const char *text, struct evlist *l, struct itin_err *err)
{
	nwarn = 0;
	warnings[0] = '\0';
	return icalio_read(text, strlen(text), "t.ics", &window, l, &warner, NULL,
			   err);
}

static char *export_text(const char *itin)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	struct icalio_write_opts o = { 1674648000, NULL };

	if (itinfmt_parse(itin, strlen(itin), "t.itin", &l, NULL, &err)) {
		printf("#   itin parse error: %s\n", err.msg);
		return strdup("");
	}
	icalio_write(&sb, &l, &o);
	evlist_release(&l);
	return strbuf_detach(&sb, NULL);
}

/* Every physical line ends in CRLF, is at most 75 octets, is valid UTF-8
 * on its own, and holds no control character but TAB. */
static bool lines_ok(const char *s)
{
	while (*s) {
		const char *e = strstr(s, "\r\n");
		size_t n;

		if (!e)
			return false;
		n = (size_t)(e - s);
		if (n > 75 || !utf8_valid(s, n, NULL))
			return false;
		for (size_t i = 0; i < n; i++)
			if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
				return false;
		s = e + 2;
	}
	return true;
}

/* The content line starting with name (unfolded), or "". */
static const char *prop(const char *ics, const char *name)
{
	static char buf[4096];
	const char *p = ics;
	size_t n = strlen(name), k = 0;

	buf[0] = '\0';
	while ((p = strstr(p, name))) {
		if (p == ics || p[-1] == '\n') {
			while (*p && k + 1 < sizeof(buf)) {
				if (p[0] == '\r' && p[1] == '\n') {
					if (p[2] != ' ')
						break;
					p += 3;
					continue;
				}
				buf[k++] = *p++;
			}
			buf[k] = '\0';
			return buf;
		}
		p += n;
	}
	return buf;
}

TEST(folding)
{
	struct strbuf sb = STRBUF_INIT, in = STRBUF_INIT;
	const char *pieces[] = { "a", "é", "한", "😀" };

	for (int k = 0; k < 4; k++) {
		strbuf_reset(&in);
		strbuf_addstr(&in, "SUMMARY:");
		for (int i = 0; i < 100; i++)
			strbuf_addstr(&in, pieces[k]);
		strbuf_reset(&sb);
		icalio_fold(&sb, in.buf, in.len);
		CHECK(lines_ok(sb.buf));
		/* Unfolding gives the line back. */
		{
			struct strbuf un = STRBUF_INIT;
			const char *s = sb.buf;

			while (*s) {
				if (s[0] == '\r' && s[1] == '\n') {
					s += s[2] == ' ' ? 3 : 2;
					continue;
				}
				strbuf_addch(&un, *s++);
			}
			CHECK_STR(un.buf, in.buf);
			strbuf_release(&un);
		}
	}
	/* Exactly 75 octets: one line. */
	strbuf_reset(&in);
	strbuf_addstr(&in, "X:");
	while (in.len < 75)
		strbuf_addch(&in, 'x');
	strbuf_reset(&sb);
	icalio_fold(&sb, in.buf, in.len);
	CHECK_INT(sb.len, 77);
	strbuf_addch(&in, 'y');
	strbuf_reset(&sb);
	icalio_fold(&sb, in.buf, in.len);
	CHECK(strstr(sb.buf, "\r\n y\r\n") != NULL);
	strbuf_release(&sb);
	strbuf_release(&in);
}

TEST(uids)
{
	struct strbuf sb = STRBUF_INIT;

	icalio_uid(&sb, "7c9e2b1d4f0a4e6b");
	CHECK_STR(sb.buf, "7c9e2b1d4f0a4e6b@itin");
	strbuf_reset(&sb);
	icalio_uid(&sb, "abc@google.com");
	CHECK_STR(sb.buf, "abc@google.com");
	strbuf_reset(&sb);
	icalio_uid(&sb, "x@itin");
	CHECK_STR(sb.buf, "x@itin@itin");
	strbuf_release(&sb);
}

/* A calendar's UID is kept as the uid, the id is short and stable, and
 * an export gives both back, with LAST-MODIFIED. */
TEST(uid_round_trip)
{
	const char *outlook =
	    "040000008200E00074C5B7101A82E00800000000D0C7D1C6F5B8D9010000000000"
	    "00000010000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5";
	struct strbuf sb = STRBUF_INIT;
	struct evlist l = EVLIST_INIT, again = EVLIST_INIT;
	struct itin_err err;
	char *ics;

	strbuf_addf(&sb,
		    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
		    "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20230101T000000Z\r\n"
		    "SEQUENCE:2\r\nLAST-MODIFIED:20230105T101500Z\r\n"
		    "DTSTART;TZID=Asia/Seoul:20230130T100000\r\n"
		    "SUMMARY:Talks\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		    outlook);
	CHECK_INT(read_ics(sb.buf, &l, &err), 0);
	CHECK_INT(l.n, 1);
	if (l.n != 1)
		goto out;
	CHECK_STR(l.v[0]->uid, outlook);
	CHECK_INT(strlen(l.v[0]->id), 16);
	CHECK(l.v[0]->has_modified);
	CHECK_INT(l.v[0]->modified, 1672913700);
	/* The same file again: the same id. */
	CHECK_INT(read_ics(sb.buf, &again, &err), 0);
	if (again.n == 1)
		CHECK_STR(again.v[0]->id, l.v[0]->id);
	evlist_release(&again);
	/* Exported and read back: every field, the id and uid included. */
	{
		struct icalio_write_opts o = {1674648000, NULL};
		struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;

		strbuf_reset(&sb);
		icalio_write(&sb, &l, &o);
		ics = strbuf_detach(&sb, NULL);
		CHECK(strstr(ics, "LAST-MODIFIED:20230105T101500Z\r\n") != NULL);
		{
			/* Unfolded, the UID line is the UID read. */
			struct strbuf u = STRBUF_INIT, want = STRBUF_INIT;

			for (const char *p = ics; *p; p++) {
				if (!strncmp(p, "\r\n ", 3))
					p += 2;
				else
					strbuf_addch(&u, *p);
			}
			strbuf_addf(&want, "\r\nUID:%s\r\n", outlook);
			CHECK(strstr(u.buf, want.buf) != NULL);
			strbuf_release(&u);
			strbuf_release(&want);
		}
		CHECK_INT(read_ics(ics, &again, &err), 0);
		itinfmt_write(&x, &l);
		itinfmt_write(&y, &again);
		CHECK_STR(y.buf, x.buf);
		strbuf_release(&x);
		strbuf_release(&y);
		free(ics);
		evlist_release(&again);
	}
	/* An id of itin's own that holds an '@' comes back too. */
	ics = export_text("2023-02-03 other X\n    id: ev-7@google.com\n");
	CHECK(strstr(ics, "X-ITIN-ID:ev-7@google.com\r\n") != NULL);
	CHECK_INT(read_ics(ics, &again, &err), 0);
	if (again.n == 1) {
		CHECK_STR(again.v[0]->id, "ev-7@google.com");
		CHECK(again.v[0]->uid == NULL);
	}
	evlist_release(&again);
	free(ics);
out:
	strbuf_release(&sb);
	evlist_release(&l);
}

/* A title that tries to add a property line cannot. */
TEST(hostile_text)
{
	const char *itin =
	    "2023-02-01 10:00  meeting  Bad\\x0d\\nDTSTART:19700101T000000Z; a, b: c\\\\d "
	    "@ Hall\\; 2, Vilnius, LT\n"
	    "    id: h1\n"
	    "    note: line one\\x0dEND:VEVENT\n"
	    "    tags: a,b; c\\;d\n";
	char *ics = export_text(itin);
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	CHECK(lines_ok(ics));
	CHECK_STR(prop(ics, "SUMMARY"),
		  "SUMMARY:Bad\\nDTSTART:19700101T000000Z\\; a\\, b: c\\\\d");
	CHECK(strstr(ics, "\r\nDTSTART:1970") == NULL);
	/* One VEVENT: "END:VEVENT" begins exactly one line. */
	CHECK(strstr(ics, "\r\nEND:VEVENT\r\n") != NULL);
	CHECK(strstr(strstr(ics, "\r\nEND:VEVENT\r\n") + 1, "\r\nEND:VEVENT\r\n") == NULL);
	CHECK(strstr(ics, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") != NULL);
	/* And the exact text comes back. */
	CHECK(!read_ics(ics, &l, &err));
	CHECK_INT(l.n, 1);
	if (l.n) {
		itinfmt_write(&sb, &l);
		CHECK_STR(sb.buf,
			  "2023-02-01 10:00           meeting    Bad\\x0d\\nDTSTART:19700101T000000Z; "
			  "a, b: c\\\\d @ Hall; 2, Vilnius, LT\n"
			  "    id: h1\n"
			  "    tz: Europe/Vilnius\n"
			  "    tags: a,b; c\\;d\n"
			  "    note: line one\\x0dEND:VEVENT\n");
	}
	strbuf_release(&sb);
	evlist_release(&l);
	free(ics);
}

/* itin -> ics -> itin: the canonical text, byte for byte. */
static const char every_field[] =
	"2023-01-27                 interview  Interview \\@ HQ \\\\ back @ Press room\\,2, NATO Headquarters, Brussels, BE\n"
	"    id: ev-1\n"
	"    seq: 4\n"
	"    status: tentative\n"
	"    org: Yonhap News \\\\ Agency\n"
	"    with: Kim \\(Jr\\) (Reporter\\; editor); Lee; \\sPark\\s (Role \\(acting\\)); 윤석열 (President, host)\n"
	"    tags: media; a\\;b; \\stag; x,y\n"
	"    source: https://example.org/a?b=c@d;e,f\n"
	"    note: line one\n"
	"    note:\n"
	"    note: \\sindented\\ttab\\x1bescape\\x7f back\\\\slash\n"
	"    note: last\\s\n"
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
	"    id: ev-7@google.com\n"
	"2023-02-05                 other      Tiny city @ \\x55r\n"
	"    id: ev-9@itin\n"
	"2023-02-09                 press      서울 \\x01 ctl\\\\\n"
	"    id: ev-11\n"
	"2023-02-10 23:00..2023-02-11 01:00  reception  Late @ Salon, Paris, FR\n"
	"    id: ev-12\n"
	"    tz: Europe/Paris\n"
	"2023-02-12 08:00..2023-02-12 09:00  travel     Same day, other zone @ Paris, FR\n"
	"    id: ev-13\n"
	"    tz: Europe/Paris\n"
	"    end-tz: Europe/London\n"
	"2023-02-13 08:00-08:00     call       Zero length\n"
	"    id: ev-14\n"
	"    tz: UTC\n"
	"2014-02-15 23:30..2014-02-16 01:00  meeting    Sao Paulo, the night DST ended\n"
	"    id: ev-15\n"
	"    tz: America/Sao_Paulo\n";

TEST(round_trip_every_field)
{
	char *ics = export_text(every_field);
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	struct icalio_read_opts wide = { .to_day = 30000 };

	CHECK(lines_ok(ics));
	nwarn = 0;
	if (icalio_read(ics, strlen(ics), "t.ics", &wide, &l, &warner, NULL,
			&err)) {
		printf("#   %s:%ld: %s\n", err.file, err.line, err.msg);
		CHECK(0);
	}
	itinfmt_write(&sb, &l);
	CHECK_STR(sb.buf, every_field);
	/* The standard properties say it for calendar apps. */
	CHECK_STR(prop(ics, "UID:ev-7"), "UID:ev-7@google.com");
	CHECK_STR(prop(ics, "UID:ev-9"), "UID:ev-9@itin@itin");
	CHECK(strstr(ics, "DTSTART;VALUE=DATE:20230129\r\nDTEND;VALUE=DATE:20230131\r\n"));
	CHECK(strstr(ics, "DTSTART;TZID=Asia/Tokyo:20230131T220000\r\n"
			  "DTEND;TZID=Europe/Brussels:20230201T013000\r\n"));
	CHECK(strstr(ics, "DTSTART:20230202T090000\r\n"));
	CHECK(strstr(ics, "STATUS:TENTATIVE\r\n"));
	CHECK(strstr(ics, "SEQUENCE:4\r\n"));
	CHECK(strstr(ics, "DTSTAMP:20230125T120000Z\r\n"));
	CHECK(strstr(ics, "URL:https://example.org/a?b=c@d;e,f\r\n"));
	CHECK(strstr(ics, "GEO:37.5"));
	CHECK(strstr(ics, "LOCATION:Yongsan Presidential Office\\, Seoul\\, South Korea\r\n"));
	CHECK(strstr(ics, "CATEGORIES:interview,media,a b, tag,x y\r\n"));
	CHECK(strstr(ics, "METHOD:PUBLISH\r\n"));
	CHECK(strstr(ics, "CALSCALE:GREGORIAN\r\n"));
	CHECK(strstr(ics, "TZID:America/Sao_Paulo\r\n"));
	strbuf_release(&sb);
	evlist_release(&l);
	free(ics);
}

static const char *head =
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";

static struct evlist read_ok(const char *body)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	strbuf_addstr(&sb, head);
	strbuf_addstr(&sb, body);
	strbuf_addstr(&sb, "END:VCALENDAR\r\n");
	if (read_ics(sb.buf, &l, &err)) {
		printf("#   %s:%ld: %s\n", err.file, err.line, err.msg);
		test_failed_now = 1;
	}
	strbuf_release(&sb);
	return l;
}

/* l as the text format writes it, its derived ids as "(derived)"
 * (derived.h). */
static const char *itin_of(struct evlist *l)
{
	static struct strbuf sb = STRBUF_INIT;

	test_derived(l);
	strbuf_reset(&sb);
	itinfmt_write(&sb, l);
	return sb.buf;
}

TEST(foreign_events)
{
	struct evlist l = read_ok(
	    "BEGIN:VEVENT\r\nUID:a1@google.com\r\nDTSTART:20230130T010000Z\r\n"
	    "DTEND:20230130T020000Z\r\nSUMMARY:Bilateral talks\r\n"
	    "LOCATION:Yongsan Office\\, Seoul\\, South Korea\r\n"
	    "DESCRIPTION:Agenda:\\nsecurity\r\n"
	    "ORGANIZER;CN=Jens:mailto:j@nato.int\r\n"
	    "ATTENDEE;CN=\"Yoon, S.\";ROLE=CHAIR:mailto:y@kr\r\n"
	    "ATTENDEE:mailto:x@y.org\r\n"
	    "CATEGORIES:Work,Meeting\r\nURL:https://example.org/x\r\n"
	    "STATUS:TENTATIVE\r\nSEQUENCE:3\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:a2\r\nDTSTART;VALUE=DATE:20230711\r\n"
	    "DTEND;VALUE=DATE:20230713\r\nSUMMARY:NATO Summit\r\n"
	    "LOCATION:Vilnius\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:a3\r\nDTSTART:20230201T090000\r\n"
	    "DURATION:PT1H30M\r\nSUMMARY:Floating call\r\nEND:VEVENT\r\n");

	CHECK_STR(itin_of(&l),
		  "2023-01-30 10:00-11:00     meeting    Bilateral talks @ Yongsan Office, Seoul, KR\n"
		  "    id: (derived)\n"
		  "    uid: a1@google.com\n"
		  "    seq: 3\n"
		  "    tz: Asia/Seoul\n"
		  "    status: tentative\n"
		  "    with: Jens (organizer); Yoon, S. (chair); x@y.org\n"
		  "    tags: Work\n"
		  "    source: https://example.org/x\n"
		  "    note: Agenda:\n"
		  "    note: security\n"
		  "2023-07-11..2023-07-12     summit     NATO Summit @ Vilnius, LT\n"
		  "    id: (derived)\n"
		  "    uid: a2\n"
		  "2023-02-01 09:00-10:30     call       Floating call\n"
		  "    id: (derived)\n"
		  "    uid: a3\n"
		  "    tz: floating\n");
	evlist_release(&l);
}

/* Outlook's Windows zone names, and libical's prefixed ones. */
TEST(zone_names)
{
	struct evlist l;

	CHECK_STR(winzone_to_iana("Korea Standard Time"), "Asia/Seoul");
	CHECK_STR(winzone_to_iana("fle standard time"), "Europe/Kyiv");
	CHECK(winzone_to_iana("Mars Standard Time") == NULL);
	/* CLDR's zone for the territory. */
	CHECK_STR(winzone_to_iana_in("FLE Standard Time", "LT"), "Europe/Vilnius");
	CHECK_STR(winzone_to_iana_in("FLE Standard Time", "lv"), "Europe/Riga");
	CHECK_STR(winzone_to_iana_in("FLE Standard Time", "UA"), "Europe/Kyiv");
	CHECK_STR(winzone_to_iana_in("FLE Standard Time", ""), "Europe/Kyiv");
	CHECK_STR(winzone_to_iana_in("FLE Standard Time", NULL), "Europe/Kyiv");
	CHECK_STR(winzone_to_iana_in("W. Europe Standard Time", "IT"), "Europe/Rome");
	CHECK_STR(winzone_to_iana_in("Romance Standard Time", "BE"), "Europe/Brussels");
	CHECK(winzone_to_iana_in("Mars Standard Time", "LT") == NULL);
	/* Outlook's display names, with and without the offset. */
	CHECK_STR(winzone_from_display("(UTC-05:00) Eastern Time (US & Canada)"),
		  "Eastern Standard Time");
	CHECK_STR(winzone_from_display("Eastern Time (US & Canada)"),
		  "Eastern Standard Time");
	CHECK_STR(winzone_from_display("Canberra, Melbourne, Sydney"),
		  "AUS Eastern Standard Time");
	CHECK_STR(winzone_from_display("Kuala Lumpur, Singapore"),
		  "Singapore Standard Time");
	CHECK_STR(winzone_from_display("(UTC-03:00) Brasília"),
		  "E. South America Standard Time");
	CHECK_STR(winzone_from_display("(GMT+02:00) Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius"),
		  "FLE Standard Time");
	CHECK_STR(winzone_from_display("(UTC) Coordinated Universal Time"), "UTC");
	CHECK(winzone_from_display("(UTC+04:00) Nowhere Island") == NULL);
	CHECK(winzone_from_display("") == NULL);
	for (size_t i = 0; i < winzone_count(); i++) {
		const char *w, *z;
		struct itin_err err;

		winzone_at(i, &w, &z);
		CHECK(tz_get(z, &err) != NULL);
		CHECK_STR(winzone_to_iana(w), z);
	}
	l = read_ok(
	    "BEGIN:VTIMEZONE\r\nTZID:Korea Standard Time\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n"
	    "END:STANDARD\r\nEND:VTIMEZONE\r\n"
	    "BEGIN:VEVENT\r\nUID:w1\r\nDTSTAMP:20230101T000000Z\r\n"
	    "DTSTART;TZID=Korea Standard Time:20230130T100000\r\n"
	    "DTEND;TZID=Korea Standard Time:20230130T110000\r\nSUMMARY:Outlook\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:w2\r\nDTSTAMP:20230101T000000Z\r\n"
	    "DTSTART;TZID=/freeassociation.sourceforge.net/Tzfile/Europe/London:2023\r\n"
	    " 0130T100000\r\n"
	    "SUMMARY:Evolution\r\nEND:VEVENT\r\n");
	CHECK_STR(itin_of(&l),
		  "2023-01-30 10:00-11:00     other      Outlook\n"
		  "    id: (derived)\n"
		  "    uid: w1\n"
		  "    tz: Asia/Seoul\n"
		  "2023-01-30 10:00           other      Evolution\n"
		  "    id: (derived)\n"
		  "    uid: w2\n"
		  "    tz: Europe/London\n");
	CHECK_INT(nwarn, 0);
	evlist_release(&l);
	/* A Windows VTIMEZONE that disagrees: its offsets win, with a
	 * warning. */
	l = read_ok(
	    "BEGIN:VTIMEZONE\r\nTZID:Korea Standard Time\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"
	    "END:STANDARD\r\nEND:VTIMEZONE\r\n"
	    "BEGIN:VEVENT\r\nUID:w3\r\nDTSTART;TZID=Korea Standard Time:20230130T100000\r\n"
	    "SUMMARY:Odd\r\nEND:VEVENT\r\n");
	CHECK_STR(itin_of(&l),
		  "2023-01-30 11:00           other      Odd\n"
		  "    id: (derived)\n"
		  "    uid: w3\n"
		  "    tz: Asia/Seoul\n");
	CHECK(strstr(warnings, "disagrees") != NULL);
	evlist_release(&l);
}

TEST(recurrence)
{
	struct evlist l = read_ok(
	    "BEGIN:VEVENT\r\nUID:r1\r\nDTSTART;TZID=Europe/Brussels:20230102T090000\r\n"
	    "DTEND;TZID=Europe/Brussels:20230102T093000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Brussels:20230109T090000\r\n"
	    "SUMMARY:Staff meeting\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:r1\r\nRECURRENCE-ID;TZID=Europe/Brussels:20230116T090000\r\n"
	    "DTSTART;TZID=Europe/Brussels:20230116T140000\r\n"
	    "DTEND;TZID=Europe/Brussels:20230116T143000\r\n"
	    "SUMMARY:Staff meeting (moved)\r\nEND:VEVENT\r\n");

	CHECK_STR(itin_of(&l),
		  "2023-01-02 09:00-09:30     meeting    Staff meeting\n"
		  "    id: (derived)\n"
		  "    uid: r1/20230102T080000Z\n"
		  "    tz: Europe/Brussels\n"
		  "2023-01-16 14:00-14:30     meeting    Staff meeting (moved)\n"
		  "    id: (derived)\n"
		  "    uid: r1/20230116T080000Z\n"
		  "    tz: Europe/Brussels\n"
		  "2023-01-23 09:00-09:30     meeting    Staff meeting\n"
		  "    id: (derived)\n"
		  "    uid: r1/20230123T080000Z\n"
		  "    tz: Europe/Brussels\n");
	CHECK(strstr(warnings, "3 occurrences") != NULL);
	evlist_release(&l);
	/* An endless series: only the window. */
	l = read_ok("BEGIN:VEVENT\r\nUID:r2\r\nDTSTART;VALUE=DATE:20000101\r\n"
		    "RRULE:FREQ=YEARLY\r\nSUMMARY:New Year\r\nEND:VEVENT\r\n");
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		/* Each occurrence: the UID and its day as uid, a short id
		 * of its own derived from that. */
		char *id;

		CHECK_STR(l.v[0]->uid, "r2/20230101");
		CHECK_STR(l.v[1]->uid, "r2/20240101");
		for (size_t i = 0; i < 2; i++) {
			id = event_hash_id(l.v[i]->uid);
			CHECK_STR(l.v[i]->id, id);
			free(id);
		}
	}
	evlist_release(&l);
}

static const char *error_of(const char *text)
{
	static char buf[1024];
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	if (!read_ics(text, &l, &err)) {
		evlist_release(&l);
		return "(no error)";
	}
	evlist_release(&l);
	itin_err_format(&err, buf, sizeof(buf));
	return buf;
}

TEST(errors)
{
	CHECK_STR(error_of("BEGIN:VEVENT\r\nEND:VEVENT\r\n"),
		  "t.ics:1:1: BEGIN:VEVENT outside a VCALENDAR (not a complete "
		  "iCalendar file)");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20230101\r\n"
			   "END:VCALENDAR\r\n"),
		  "t.ics:2:1: BEGIN:VEVENT is never closed (END:VCALENDAR at line 4 "
		  "comes first)");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\rb\r\n"),
		  "t.ics:3:10: bare CR (a carriage return inside a value?)");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\nATTENDEE:x\r\n"),
		  "t.ics:3: line ends in LF alone in a file of CRLF lines (a line "
		  "break inside a value?)");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\abc\r\n"
			   "END:VEVENT\r\nEND:VCALENDAR\r\n"),
		  "t.ics:3:10: control character U+0007 in a value");
	/* Found by fuzzing: Latin-1 bytes before a control made the line
	 * longer than the file's, and locating the control read past it. */
	CHECK_STR(error_of("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x06"),
		  "t.ics:1:8: control character U+0006 in a value");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nSUMMARY:\xE9t\xE9\a\r\n"),
		  "t.ics:2:12: control character U+0007 in a value");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
			   "DTSTART:20230101T100000Z\r\nDTEND:20230101T090000Z\r\n"
			   "SUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
		  "t.ics:2: end '2023-01-01 09:00' is before start '2023-01-01 10:00'");
	CHECK_STR(error_of("BEGIN:VCALENDAR\r\nVERSION:1.0\r\nEND:VCALENDAR\r\n"),
		  "t.ics:2:1: unsupported VERSION '1.0' (itin reads iCalendar 2.0)");
	CHECK_STR(error_of(""), "t.ics: no VCALENDAR (not an iCalendar file)");
}

/* Three series of 1000 occurrences each, as a calendar. */
static const char three_series[] =
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
	"BEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20230101T000000Z\r\n"
	"DTSTART:20230101T090000Z\r\nSUMMARY:A\r\n"
	"RRULE:FREQ=MINUTELY;COUNT=1000\r\nEND:VEVENT\r\n"
	"BEGIN:VEVENT\r\nUID:b@t\r\nDTSTAMP:20230101T000000Z\r\n"
	"DTSTART:20230101T090000Z\r\nSUMMARY:B\r\n"
	"RRULE:FREQ=MINUTELY;COUNT=1000\r\nEND:VEVENT\r\n"
	"BEGIN:VEVENT\r\nUID:c@t\r\nDTSTAMP:20230101T000000Z\r\n"
	"DTSTART:20230101T090000Z\r\nSUMMARY:C\r\n"
	"RRULE:FREQ=MINUTELY;COUNT=1000\r\nEND:VEVENT\r\n"
	"END:VCALENDAR\r\n";

/* Three series of 3 hourly occurrences of a rule of minutes, as a calendar. */
static const char three_sparse[] =
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
	"BEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20230101T000000Z\r\n"
	"DTSTART:20230101T090000Z\r\nSUMMARY:A\r\n"
	"RRULE:FREQ=MINUTELY;BYMINUTE=0;COUNT=3\r\nEND:VEVENT\r\n"
	"BEGIN:VEVENT\r\nUID:b@t\r\nDTSTAMP:20230101T000000Z\r\n"
	"DTSTART:20230101T090000Z\r\nSUMMARY:B\r\n"
	"RRULE:FREQ=MINUTELY;BYMINUTE=0;COUNT=3\r\nEND:VEVENT\r\n"
	"BEGIN:VEVENT\r\nUID:c@t\r\nDTSTAMP:20230101T000000Z\r\n"
	"DTSTART:20230101T090000Z\r\nSUMMARY:C\r\n"
	"RRULE:FREQ=MINUTELY;BYMINUTE=0;COUNT=3\r\nEND:VEVENT\r\n"
	"END:VCALENDAR\r\n";

/*
 * The file's budgets (issue 12): occurrences counted across its series,
 * and candidate times across its rules; past either the whole file is
 * refused, even with ICALIO_SKIP_INVALID.
 */
TEST(budgets)
{
	struct icalio_read_opts o = window;
	struct icalio_stats st;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	o.max_file_occurrences = 3000;
	CHECK_INT(icalio_read(three_series, strlen(three_series), "t.ics", &o,
			      &l, NULL, &st, &err), 0);
	CHECK_INT(l.n, 3000);
	CHECK_INT(st.occurrences, 3000);
	/* A rule of minutes walks one candidate a minute: 1000 each. */
	CHECK(st.candidates >= 3000 && st.candidates <= 3003);
	evlist_release(&l);

	o.max_file_occurrences = 2999;
	o.flags = ICALIO_SKIP_INVALID;
	CHECK_INT(icalio_read(three_series, strlen(three_series), "t.ics", &o,
			      &l, NULL, &st, &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_INT(err.line, 18);
	CHECK(strstr(err.msg, "recurring event 'C' takes this file past 2999 "
			      "occurrences") != NULL);
	CHECK_INT(st.skipped, 0);
	evlist_release(&l);

	/* Hourly occurrences of a rule of minutes: 60 candidate times
	 * each, 121 for three. A budget of 300 (30 occurrences) runs out
	 * in the third rule's walk, long before its occurrences do. */
	o.max_file_occurrences = 30;
	o.flags = 0;
	CHECK_INT(icalio_read(three_sparse, strlen(three_sparse), "t.ics", &o,
			      &l, NULL, &st, &err), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_INT(err.line, 23);
	CHECK(strstr(err.msg, "RRULE 'FREQ=MINUTELY;BYMINUTE=0;COUNT=3' takes "
			      "this file past 300 candidate times") != NULL);
	evlist_release(&l);
	o.max_file_occurrences = 37;
	CHECK_INT(icalio_read(three_sparse, strlen(three_sparse), "t.ics", &o,
			      &l, NULL, &st, &err), 0);
	CHECK_INT(l.n, 9);
	CHECK(st.candidates >= 363 && st.candidates <= 370);
	evlist_release(&l);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	window.from_day = days_from_civil(2022, 1, 25);
	window.to_day = days_from_civil(2024, 1, 25);
	RUN(folding);
	RUN(uids);
	RUN(uid_round_trip);
	RUN(hostile_text);
	RUN(round_trip_every_field);
	RUN(foreign_events);
	RUN(zone_names);
	RUN(recurrence);
	RUN(errors);
	RUN(budgets);
	tz_cache_free();
	return test_done();
}
