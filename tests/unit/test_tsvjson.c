/* test_tsvjson.c: the tsv and json listings. */
#include "test.h"

#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/tsv.h"
#include "itin/tz.h"

static const char text[] =
	"2023-01-29..2023-01-30     visit      Visit\\tto\\nKorea @ Seoul, KR\n"
	"    id: v1\n"
	"2023-01-30 10:00-11:30     meeting    Meeting \"Yoon\" @ Yongsan Office, Seoul, KR\n"
	"    id: m1\n"
	"    with: Yoon Suk-yeol (President); Park Jin\n"
	"    tags: a; b\n"
	"    note: x\\x1by\n"
	"    note: \xE2\x80\xA8sep\n"
	"2023-01-31 22:00..2023-02-01 01:30  travel  Flight @ Tokyo, JP\n"
	"    id: t1\n"
	"    end-tz: Europe/Brussels\n"
	"    status: tentative\n"
	"2023-02-02 09:00  call  Floating call\n"
	"    id: c1\n";

static struct evlist l = EVLIST_INIT;

TEST(tsv)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	tsv_write_header(&sb);
	for (i = 0; i < l.n; i++)
		tsv_write_event(&sb, l.v[i], 0);
	CHECK_STR(sb.buf,
		  "id\ttype\tstart\tend\ttz\tcity\tcountry\ttitle\n"
		  "v1\tvisit\t2023-01-29\t2023-01-30\t\tSeoul\tKR\tVisit to Korea\n"
		  "m1\tmeeting\t2023-01-30T10:00\t2023-01-30T11:30\tAsia/Seoul\tSeoul\tKR\tMeeting \"Yoon\"\n"
		  "t1\ttravel\t2023-01-31T22:00\t2023-02-01T01:30\tAsia/Tokyo\tTokyo\tJP\tFlight\n"
		  "c1\tcall\t2023-02-02T09:00\t\t\t\t\tFloating call\n");
	strbuf_release(&sb);
}

/* Controls other than tab and line breaks, and the bidirectional controls:
 * visible, never raw; a backslash doubled, so the escapes are unambiguous. */
TEST(tsv_controls)
{
	static const char hostile[] =
		"2023-02-03  other  \\x1b]0;pwn\\x07 \\x1b[2J\\x0d\\x7f \xC2\x9B\xE2\x80\xAE \\\\x @ \\x1bCity, KR\n"
		"    id: h1\n";
	struct evlist hl = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	CHECK_INT(itinfmt_parse(hostile, strlen(hostile), "h", &hl, NULL, &err), 0);
	if (hl.n != 1)
		return;
	tsv_write_event(&sb, hl.v[0], 0);
	CHECK_STR(sb.buf, "h1\tother\t2023-02-03\t\t\t\\x1bCity\tKR\t"
			  "\\x1b]0;pwn\\x07 \\x1b[2J \\x7f \\x9b\\u{202E} \\\\x\n");
	strbuf_release(&sb);
	evlist_release(&hl);
}

/* Every bidirectional control and U+2028/2029, and a backslash that
 * would read as an escape. */
TEST(tsv_bidi)
{
	static const char text2[] =
		"2023-02-03  other  a\xD8\x9C" "b\xE2\x80\x8E" "c\xE2\x80\x8F"
		"d\xE2\x80\xAA" "e\xE2\x80\xAE" "f\xE2\x81\xA6" "g\xE2\x81\xA9"
		"h\xE2\x80\xA8" "i\xE2\x80\xA9" "j\\\\u{202E} \xE2\x80\x8D\n"
		"    id: b1\n";
	struct evlist hl = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	CHECK_INT(itinfmt_parse(text2, strlen(text2), "h", &hl, NULL, &err), 0);
	if (hl.n != 1)
		return;
	tsv_write_event(&sb, hl.v[0], 0);
	CHECK_STR(sb.buf, "b1\tother\t2023-02-03\t\t\t\t\t"
			  "a\\u{061C}b\\u{200E}c\\u{200F}d\\u{202A}e\\u{202E}"
			  "f\\u{2066}g\\u{2069}h\\u{2028}i\\u{2029}j\\\\u{202E} "
			  "\xE2\x80\x8D\n");
	strbuf_release(&sb);
	evlist_release(&hl);
}

/*
 * A value a spreadsheet would run gets CSV's guard (formula.h), in every
 * column; one that only looks like a guard gets another.
 */
TEST(tsv_formulas)
{
	static const struct {
		const char *title, *want;
	} cases[] = {
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+1", "'+1"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1+1", "' =1+1"},
		{"\r=1+1", "' =1+1"},
		{"'=x", "''=x"},
		{"''", "'''"},
		{"'hello", "'hello"},
		{"' x", "'' x"},
		{"'\nx", "'' x"},
		{"'\tx", "'' x"},
		{"\nx", " x"},
		{"a=b", "a=b"},
		{" =x", " =x"},
		{"", ""},
		/* What tsv turns into a space or a spreadsheet may drop is
		 * looked past: a line break, U+FEFF, U+200B. */
		{"\n-5", "' -5"},
		{"\n\n=1", "'  =1"},
		{"\xEF\xBB\xBF=3+3", "'\\u{FEFF}=3+3"},
		{"\xE2\x80\x8B\xC2\xAD@x", "'\\u{200B}\\u{00AD}@x"},
		{"'\xEF\xBB\xBF-1", "''\\u{FEFF}-1"},
		{"\xEF\xBB\xBFx", "\\u{FEFF}x"},
		{"\x01=1", "'\\x01=1"},
		{"'\xE2\x80\x8B x", "''\\u{200B} x"},
		{"'\xE2\x80\x8Bx", "'\\u{200B}x"},
	};
	struct strbuf sb = STRBUF_INIT;
	char want[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct event *ev = event_new();

		event_set_str(ev, &ev->id, "@id");
		event_set_str(ev, &ev->title, cases[i].title);
		event_set_str(ev, &ev->city, "-City");
		ev->allday = true;
		strbuf_reset(&sb);
		tsv_write_event(&sb, ev, 0);
		snprintf(want, sizeof(want),
			 "'@id\tother\t1970-01-01\t\t\t'-City\t\t%s\n",
			 cases[i].want);
		CHECK_STR(sb.buf, want);
		/* --raw: the value as it is, escapes aside. */
		strbuf_reset(&sb);
		tsv_write_event(&sb, ev, TSV_RAW);
		CHECK(strstr(sb.buf, "@id\tother") == sb.buf);
		CHECK(strstr(sb.buf, "\t-City\t") != NULL);
		event_free(ev);
	}
	strbuf_release(&sb);
}

TEST(json_strings)
{
	struct strbuf sb = STRBUF_INIT;

	json_write_string(&sb, "a\"b\\c\n\t\x1b\x7f é 서울 \xC2\x85 \xE2\x80\xA8\xE2\x80\xA9");
	CHECK_STR(sb.buf, "\"a\\\"b\\\\c\\u000a\\u0009\\u001b\\u007f é 서울 \\u0085 \\u2028\\u2029\"");
	strbuf_reset(&sb);
	json_write_string(&sb, "bad\xFF");
	CHECK_STR(sb.buf, "\"bad\\ufffd\"");
	strbuf_reset(&sb);
	json_write_string(&sb, "");
	CHECK_STR(sb.buf, "\"\"");
	strbuf_reset(&sb);
	/* Bidi and invisible format characters, a tag character as a
	 * surrogate pair; the joiners stay. */
	json_write_string(&sb, "\xE2\x80\xAE\xEF\xBB\xBF\xC2\xAD\xE2\x80\x8B"
			       "\xF3\xA0\x81\x81\xE2\x80\x8D");
	CHECK_STR(sb.buf, "\"\\u202e\\ufeff\\u00ad\\u200b\\udb40\\udc41"
			  "\xE2\x80\x8D\"");
	strbuf_release(&sb);
}

TEST(json_events)
{
	struct strbuf sb = STRBUF_INIT;

	json_write_event(&sb, l.v[0]);
	CHECK_STR(sb.buf,
		  "{\"id\":\"v1\",\"type\":\"visit\",\"title\":\"Visit\\u0009to\\u000aKorea\","
		  "\"all_day\":true,\"start\":\"2023-01-29\",\"end\":\"2023-01-30\","
		  "\"tz\":null,\"end_tz\":null,\"start_utc\":null,\"end_utc\":null,"
		  "\"venue\":null,\"city\":\"Seoul\",\"country\":\"KR\",\"participants\":[],"
		  "\"organization\":null,\"status\":\"confirmed\",\"source\":null,"
		  "\"notes\":null,\"tags\":[],\"seq\":0,\"uid\":null,\"modified\":null}");
	strbuf_reset(&sb);
	json_write_event(&sb, l.v[1]);
	CHECK_STR(sb.buf,
		  "{\"id\":\"m1\",\"type\":\"meeting\",\"title\":\"Meeting \\\"Yoon\\\"\","
		  "\"all_day\":false,\"start\":\"2023-01-30T10:00\",\"end\":\"2023-01-30T11:30\","
		  "\"tz\":\"Asia/Seoul\",\"end_tz\":null,\"start_utc\":\"2023-01-30T01:00:00Z\","
		  "\"end_utc\":\"2023-01-30T02:30:00Z\",\"venue\":\"Yongsan Office\","
		  "\"city\":\"Seoul\",\"country\":\"KR\",\"participants\":["
		  "{\"name\":\"Yoon Suk-yeol\",\"role\":\"President\"},"
		  "{\"name\":\"Park Jin\",\"role\":null}],\"organization\":null,"
		  "\"status\":\"confirmed\",\"source\":null,"
		  "\"notes\":\"x\\u001by\\u000a\\u2028sep\",\"tags\":[\"a\",\"b\"],\"seq\":0,"
		  "\"uid\":null,\"modified\":null}");
	/* A calendar's uid and LAST-MODIFIED. */
	{
		struct event *ev = event_clone(l.v[1]);

		event_set_str(ev, &ev->uid, "abc@example.com");
		ev->has_modified = true;
		ev->modified = 1675040400; /* 2023-01-30 01:00:00 UTC */
		strbuf_reset(&sb);
		json_write_event(&sb, ev);
		CHECK(strstr(sb.buf, "\"seq\":0,\"uid\":\"abc@example.com\","
				     "\"modified\":\"2023-01-30T01:00:00Z\"}") != NULL);
		event_free(ev);
	}
	strbuf_reset(&sb);
	json_write_event(&sb, l.v[2]);
	CHECK(strstr(sb.buf, "\"end_tz\":\"Europe/Brussels\",\"start_utc\":\"2023-01-31T13:00:00Z\","
			     "\"end_utc\":\"2023-02-01T00:30:00Z\"") != NULL);
	CHECK(strstr(sb.buf, "\"status\":\"tentative\"") != NULL);
	strbuf_reset(&sb);
	json_write_event(&sb, l.v[3]);
	CHECK(strstr(sb.buf, "\"end\":null,\"tz\":null,\"end_tz\":null,\"start_utc\":null,"
			     "\"end_utc\":null,\"venue\":null,\"city\":null,\"country\":null") != NULL);
	strbuf_release(&sb);
}

int main(void)
{
	struct itin_err err;

	if (itinfmt_parse(text, strlen(text), "t", &l, NULL, &err))
		printf("# parse failed: %ld:%ld: %s\n", err.line, err.col, err.msg);
	if (l.n != 4) {
		printf("not ok 1 - setup\n");
		return 1;
	}
	RUN(tsv);
	RUN(tsv_controls);
	RUN(tsv_bidi);
	RUN(tsv_formulas);
	RUN(json_strings);
	RUN(json_events);
	evlist_release(&l);
	tz_cache_free();
	return test_done();
}
