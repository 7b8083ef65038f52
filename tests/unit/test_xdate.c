/*
 * test_xdate.c: the date resolver of `itin extract` on its own
 * (src/extract/xdate.h): document date lines, the mentions of a
 * sentence, and the resolution of whole texts against a document date.
 */
#include <stdint.h>

#include "itin/datetime.h"
#include "test.h"
#include "../../src/extract/xdate.h"

static int64_t day_of(const char *iso)
{
	int y = 0, m = 0, d = 0;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return INT64_MIN;
	return days_from_civil(y, m, d);
}

static const char *fmt_day(int64_t day, char *buf)
{
	date_format(day, buf);
	return buf;
}

/* ---- document dates ---- */

struct doc_case {
	const char *text;
	const char *day; /* NULL: none found */
	enum xdate_order order;
	int clock;
};

static const struct doc_case doc_cases[] = {
    {"Stoltenberg calls for strengthening security cooperation with "
     "Seoul\nDate\n1/30/2023 12:19:20 AM\n(MENAFN- Hip Hop-24) NATO ...",
     "2023-01-30", XDATE_MDY, 19 * 60 + 20},
    {"30.01.2023\nThe minister said ...", "2023-01-30", XDATE_DMY, -1},
    {"2023-01-30\nText.", "2023-01-30", XDATE_YMD, -1},
    {"Headline here\nJanuary 30, 2023\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    {"30 January 2023\nBody.", "2023-01-30", XDATE_ORDER_UNKNOWN, -1},
    {"Monday 30th January 2023 06:45 EDT\nBody", "2023-01-30",
     XDATE_ORDER_UNKNOWN, 6 * 3600 + 45 * 60},
    {"Jan. 30 (Reuters) - The president will visit ... (c) 2023 Reuters",
     "2023-01-30", XDATE_ORDER_UNKNOWN, -1},
    {"SEOUL, Jan 30 (Yonhap) -- South Korea ... 2023", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    /* An agency's name without a bracket, then a dash. */
    {"Title\n\nTOKYO, Feb. 3 Kyodo - The minister will ... 2025", "2025-02-03",
     XDATE_ORDER_UNKNOWN, -1},
    /* A name and a dash inside the story's sentence is no date line. */
    {"On Feb. 3 Kyodo reported the visit ... 2025", NULL, XDATE_ORDER_UNKNOWN,
     -1},
    {"Leaders meet\nPublished: 30 Jan 2023\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    /* Anadolu: a byline, a bar, the date, a dash, the zone, the clock. */
    {"Erdogan to Baku\nSeda Sevencan   |29.09.2026 - TSI 13:05\nANKARA\nBody.",
     "2026-09-29", XDATE_DMY, 13 * 3600 + 5 * 60},
    {"Updated 31 Jan 2023 | Published 30 Jan 2023\nBody.", "2023-01-31",
     XDATE_ORDER_UNKNOWN, -1},
    {"Posted on January 30, 2023 by Staff Writer\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    {"2023-01-30T08:15:00+09:00\nBody.", "2023-01-30", XDATE_YMD,
     8 * 3600 + 15 * 60},
    {"Washington, Feb. 3, 2024 -- The secretary will travel ...", "2024-02-03",
     XDATE_ORDER_UNKNOWN, -1},
    /* An agency's name after a comma; a Hijri date before the
     * Gregorian one. */
    {"Riyadh, May 26, 2024, SPA -- The minister left.", "2024-05-26",
     XDATE_ORDER_UNKNOWN, -1},
    {"Title\n\nRiyadh, Dhu al-Qadah 18, 1445, May 26, 2024, SPA -- The "
     "minister left Riyadh today.",
     "2024-05-26", XDATE_ORDER_UNKNOWN, -1},
    /* A story's first sentence is no date line. */
    {"On May 26, 2024, the minister left.", NULL, XDATE_ORDER_UNKNOWN, -1},
    {"13/01/2023\nBody", "2023-01-13", XDATE_DMY, -1},
    {"By Jane Smith | January 30, 2023\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    {"Last Updated: Jan 30, 2023, 10:15 IST\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, 10 * 3600 + 15 * 60},
    {"Seoul, South Korea, Jan 30 (AP) \xe2\x80\x94 The visit ... 2023",
     "2023-01-30", XDATE_ORDER_UNKNOWN, -1},
    {"Mon 30 Jan 2023 08.15 GMT\nBody.", "2023-01-30", XDATE_ORDER_UNKNOWN,
     8 * 3600 + 15 * 60},
    {"January 30, 2023 at 12:19 a.m. EST\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, 19 * 60},
    {"Posted: 2023-01-30 08:15\nBody.", "2023-01-30", XDATE_YMD,
     8 * 3600 + 15 * 60},
    {"01/03/2023\nBody", "2023-01-03", XDATE_ORDER_UNKNOWN, -1},
    {"01.03.2023\nBody", "2023-03-01", XDATE_DMY, -1},
    {"Biden to visit Poland on Feb. 20-22, 2023\nBody.", NULL,
     XDATE_ORDER_UNKNOWN, -1},
    {"Ankara (AFP) \xe2\x80\x93 Published on 12 February 2024 - 17:41\nB",
     "2024-02-12", XDATE_ORDER_UNKNOWN, 17 * 3600 + 41 * 60},
    {"21.10.2024, 11:27 Uhr\nBody.", "2024-10-21", XDATE_DMY,
     11 * 3600 + 27 * 60},
    {"Santiago de Chile, 28 February 2025 (EFE).- Chilean President",
     "2025-02-28", XDATE_ORDER_UNKNOWN, -1},
    {"Ahmet Gencturk   |03.06.2024 - Update : 03.06.2024\nB", "2024-06-03",
     XDATE_DMY, -1},
    {"Updated 16:51, 08-Nov-2024\nCGTN", "2024-11-08", XDATE_ORDER_UNKNOWN, -1},
    {"Orban in Kiev\n\n2024.07.02. 10:21\n", "2024-07-02", XDATE_YMD,
     10 * 3600 + 21 * 60},
    {"Ministry\nPress release 02.03.2023\n\nText.", "2023-03-02", XDATE_DMY,
     -1},
    {"MEMO\nIssue 212 | Friday, November 8, 2024\nText", "2024-11-08",
     XDATE_ORDER_UNKNOWN, -1},
    /* No date line: a title ending with a full date. */
    {"Spokesperson's Regular Press Conference on January 11, 2024\n\nText",
     "2024-01-11", XDATE_ORDER_UNKNOWN, -1},
    /* A programme line is no agency date line: no year, no dash. */
    {"ADVISORY\nWhen:\nThursday 9 November (Kinshasa)\nText 2023", NULL,
     XDATE_ORDER_UNKNOWN, -1},
    {"Lula's swing\nPosted by Marina T. on November 24, 2023 \xc2\xb7 6 "
     "comments\nHere is",
     "2023-11-24", XDATE_ORDER_UNKNOWN, -1},
    /* A date inside the story is not a date line. */
    {"The treaty was signed on January 30, 2023 in Paris.\nMore.", NULL,
     XDATE_ORDER_UNKNOWN, -1},
    {"Leaders to meet on March 3\nNo date here.", NULL, XDATE_ORDER_UNKNOWN,
     -1},
    /* A page's date at the start of its line, run together with the
     * next element of the page (a language switch, a menu). */
    {"Tuesday, 4 March 2025 Login | Register\nNews\nText", "2025-03-04",
     XDATE_ORDER_UNKNOWN, -1},
    /* Without a weekday or a year, still not. */
    {"March 4 Press Office said\nText 2025", NULL, XDATE_ORDER_UNKNOWN, -1},
    /* The first date line wins over a later one. */
    {"January 30, 2023\nFebruary 2, 2023\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
};

TEST(document_dates)
{
	char got[ITIN_WHEN_MAX];

	for (size_t i = 0; i < sizeof doc_cases / sizeof *doc_cases; i++) {
		const struct doc_case *c = &doc_cases[i];
		struct xdoc_date d;
		bool ok = xdate_document(c->text, strlen(c->text), NULL, 0, &d);

		if (!c->day) {
			if (ok)
				printf("#   case %zu: found %s, want none\n", i,
				       fmt_day(d.day, got));
			CHECK(!ok);
			continue;
		}
		if (!ok) {
			printf("#   case %zu: no date found\n", i);
			test_failed_now = 1;
			continue;
		}
		CHECK_STR(fmt_day(d.day, got), c->day);
		CHECK_INT(d.order, c->order);
		CHECK_INT(d.clock, c->clock);
	}
}

TEST(document_meta_and_hint)
{
	struct xdoc_date d;
	const char *t = "No date line in this text.\nJust words.";
	const char *dl = "Jan. 30 (Reuters) - Words.";
	char got[ITIN_WHEN_MAX];

	CHECK(!xdate_document(t, strlen(t), NULL, 0, &d));
	CHECK(!d.found);
	CHECK(xdate_document(t, strlen(t), "2023-01-30T08:15:00+09:00", 0, &d));
	CHECK_STR(fmt_day(d.day, got), "2023-01-30");
	/* The text's date line wins over the page's meta date. */
	CHECK(xdate_document(dl, strlen(dl), "2020-05-05", 2023, &d));
	CHECK_STR(fmt_day(d.day, got), "2023-01-30");
	/* No year anywhere and no hint: not found. */
	CHECK(!xdate_document(dl, strlen(dl), NULL, 0, &d));
	CHECK(xdate_document(dl, strlen(dl), NULL, 2021, &d));
	CHECK_STR(fmt_day(d.day, got), "2021-01-30");
	CHECK_INT(d.off, 0);
	CHECK_INT(d.len, 7);
}

/* ---- the tense of a clause ---- */

struct tense_case {
	const char *sentence, *at; /* the tense of the clause around at */
	enum xtense want;
};

static const struct tense_case tense_cases[] = {
    {"He will visit Paris on Monday.", "Monday", XTENSE_FUTURE},
    {"She is scheduled to arrive on Sunday.", "Sunday", XTENSE_FUTURE},
    {"The minister is due to land on Friday.", "Friday", XTENSE_FUTURE},
    {"He is expected to meet Kishida on Monday.", "Monday", XTENSE_FUTURE},
    {"Talks are set to open on Tuesday.", "Tuesday", XTENSE_FUTURE},
    {"Macron plans to travel on Friday.", "Friday", XTENSE_FUTURE},
    {"The king is to visit Kenya on Tuesday.", "Tuesday", XTENSE_FUTURE},
    {"Stoltenberg to visit Seoul on Sunday", "Sunday", XTENSE_FUTURE},
    {"The summit will be held on July 11-12.", "July", XTENSE_FUTURE},
    {"He is going to fly on Monday.", "Monday", XTENSE_FUTURE},
    {"The talks are scheduled for Monday.", "Monday", XTENSE_FUTURE},
    {"He visited Kyiv on Monday.", "Monday", XTENSE_PAST},
    {"They met on Friday.", "Friday", XTENSE_PAST},
    {"She arrived on Sunday.", "Sunday", XTENSE_PAST},
    {"The tour began on Sunday.", "Sunday", XTENSE_PAST},
    {"The summit was held on March 3.", "March", XTENSE_PAST},
    {"Talks were cordial on Monday.", "Monday", XTENSE_PAST},
    {"He had landed on Sunday.", "Sunday", XTENSE_PAST},
    {"He has visited Rome since 2019.", "2019", XTENSE_PAST},
    {"Ruto is visiting Washington this week.", "this", XTENSE_PRESENT},
    {"Scholz arrives in Delhi on Thursday", "Thursday", XTENSE_PRESENT},
    /* The clause decides: each date its own verb. */
    {"He arrived on Sunday and will leave on Tuesday.", "Sunday", XTENSE_PAST},
    {"He arrived on Sunday and will leave on Tuesday.", "Tuesday",
     XTENSE_FUTURE},
    {"He will arrive on Sunday, the ministry said on Friday.", "Sunday",
     XTENSE_FUTURE},
    {"He will arrive on Sunday, the ministry said on Friday.", "Friday",
     XTENSE_PAST},
    /* A clause with no verb takes its neighbour's. */
    {"Then, on Monday, he will head to Tokyo.", "Monday", XTENSE_FUTURE},
    {"Stoltenberg said, in an interview Friday, that ...", "Friday",
     XTENSE_PAST},
    {"He may visit Paris on Monday.", "Monday", XTENSE_FUTURE},
    {"May 7 was a Sunday.", "7", XTENSE_PAST},
    /* Not a past: a passive, an adjective, a noun in -ed. */
    {"The embassy will stay closed until Friday.", "Friday", XTENSE_FUTURE},
    {"The planned visit on Monday is off.", "Monday", XTENSE_PRESENT},
    {"Nothing on Monday.", "Monday", XTENSE_NONE},
    /* A reporting verb next door frames the clause, it does not tense
     * it: the verb of the reported clause does. */
    {"They will address a news conference at 4 pm (1400 GMT) on Wednesday, "
     "an official told AFP.",
     "Wednesday", XTENSE_FUTURE},
    {"He will lead the delegation, in Honiara from 8 to 12 September, the "
     "office has confirmed.",
     "September", XTENSE_FUTURE},
    {"The ministry said Monday that ...", "Monday", XTENSE_PAST},
    /* A plan told in the past is still to come. */
    {"The office said a meeting with Biden was planned for Thursday.",
     "Thursday", XTENSE_FUTURE},
    {"The talks were scheduled for Friday.", "Friday", XTENSE_FUTURE},
    /* An infinitive of purpose: what is to come after a past. */
    {"He left Riyadh today for Madrid, to take part on Wednesday in a "
     "meeting of the committee formed by the summit.",
     "Wednesday", XTENSE_FUTURE},
};

TEST(tenses)
{
	for (size_t i = 0; i < sizeof tense_cases / sizeof *tense_cases; i++) {
		const struct tense_case *c = &tense_cases[i];
		const char *at = strstr(c->sentence, c->at);
		enum xtense t;

		if (!at) {
			printf("#   case %zu: no '%s'\n", i, c->at);
			test_failed_now = 1;
			continue;
		}
		t = xdate_tense(c->sentence, 0, strlen(c->sentence),
				(size_t)(at - c->sentence));
		if (t != c->want) {
			printf("#   case %zu '%s' at '%s': tense %d, want %d\n",
			       i, c->sentence, c->at, t, c->want);
			test_failed_now = 1;
		}
	}
}

/* ---- a text of sentences, scanned and resolved ---- */

struct run {
	char text[4096];
	size_t len;
	struct xmentions ms;
	struct xdoc_date doc;
	int warnings;
	char warning[600];
};

static void on_warn(void *ctx, const struct itin_err *e)
{
	struct run *r = ctx;

	r->warnings++;
	itin_err_format(e, r->warning, sizeof r->warning);
}

/* sents: NULL-terminated; doc: the document date (YYYY-MM-DD). */
static void run_text(struct run *r, const char *doc, enum xdate_order order,
		     const char *const *sents)
{
	struct itin_warner w = {on_warn, r};
	size_t offs[32], lens[32], n = 0;

	memset(r, 0, sizeof *r);
	for (; sents[n] && n < 32; n++) {
		size_t l = strlen(sents[n]);

		offs[n] = r->len;
		lens[n] = l;
		memcpy(r->text + r->len, sents[n], l);
		r->len += l;
		r->text[r->len++] = '\n';
	}
	xmentions_init(&r->ms);
	for (size_t i = 0; i < n; i++)
		xdate_scan(r->text, offs[i], lens[i], i, &r->ms);
	r->doc.found = true;
	r->doc.day = day_of(doc);
	r->doc.clock = -1;
	r->doc.order = order;
	xdate_resolve(&r->ms, r->text, r->len, &r->doc, "r.txt", &w);
}

/* The mention whose words start with what. */
static const struct xmention *find(const struct run *r, const char *what)
{
	for (size_t i = 0; i < r->ms.n; i++) {
		const struct xmention *m = &r->ms.v[i];

		if (m->len >= strlen(what) &&
		    !strncmp(r->text + m->off, what, strlen(what)))
			return m;
	}
	printf("#   no mention '%s'; mentions:", what);
	for (size_t i = 0; i < r->ms.n; i++)
		printf(" [%.*s]", (int)r->ms.v[i].len,
		       r->text + r->ms.v[i].off);
	printf("\n");
	return NULL;
}

/* Check the mention starting with what resolves to first..last. */
static bool days_are(const struct run *r, const char *what, const char *first,
		     const char *last)
{
	const struct xmention *m = find(r, what);
	char f[ITIN_WHEN_MAX], l[ITIN_WHEN_MAX];

	if (!m)
		return false;
	if (!m->resolved) {
		printf("#   '%s' not resolved\n", what);
		return false;
	}
	fmt_day(m->first, f);
	fmt_day(m->last, l);
	if (strcmp(f, first) || strcmp(l, last)) {
		printf("#   '%s': %s..%s, want %s..%s\n", what, f, l, first,
		       last);
		return false;
	}
	return true;
}

TEST(nato_report)
{
	static const char *const s[] = {
	    "\"The most important message is that I strongly believe that "
	    "we need to strengthen the partnership,\" Stoltenberg said, in "
	    "an exclusive interview Friday with the South Korean "
	    "\"Yonhap\" agency, before his visit to South Korea and Japan.",
	    "The NATO chief expressed his intention to invite South Korean "
	    "President Yoon Sok-yol to attend this year's NATO summit, "
	    "which will be held on July 11-12 in Lithuania.",
	    "NATO Secretary General is scheduled to arrive in Seoul on "
	    "Sunday for a two-day visit, during which he will meet South "
	    "Korean President Yoon Sok-yul.",
	    "Then, on Monday, he will head to the Japanese capital, Tokyo, "
	    "on a visit that will last until February 1, with the aim of "
	    "meeting Prime Minister Fumio Kishida.",
	    NULL};
	struct run r;
	const struct xmention *m;

	run_text(&r, "2023-01-30", XDATE_MDY, s);
	CHECK(days_are(&r, "Friday", "2023-01-27", "2023-01-27"));
	CHECK(days_are(&r, "on July 11-12", "2023-07-11", "2023-07-12"));
	CHECK(days_are(&r, "on Sunday", "2023-01-29", "2023-01-29"));
	CHECK(days_are(&r, "on Monday", "2023-01-30", "2023-01-30"));
	CHECK(days_are(&r, "until February 1", "2023-02-01", "2023-02-01"));
	CHECK(days_are(&r, "two-day", "2023-01-29", "2023-01-30"));
	if ((m = find(&r, "until February 1")))
		CHECK_INT(m->kind, XM_UNTIL);
	if ((m = find(&r, "on Sunday")))
		CHECK_INT(m->tense, XTENSE_FUTURE);
	if ((m = find(&r, "Friday")))
		CHECK_INT(m->tense, XTENSE_PAST);
	if ((m = find(&r, "on Monday")))
		CHECK(m->cue);
	if ((m = find(&r, "two-day"))) {
		CHECK_INT(m->kind, XM_DURATION);
		CHECK_INT(m->ndays, 2);
	}
	if ((m = find(&r, "this year's")))
		CHECK_INT(m->kind, XM_PERIOD);
	CHECK_INT(r.warnings, 0);
	xmentions_release(&r.ms);
}

/* ---- one sentence: its mention, resolved ---- */

struct sent_case {
	const char *doc; /* the document date */
	const char *sentence;
	const char *what; /* the mention's words start so */
	enum xmention_kind kind;
	const char *first, *last; /* NULL: not resolved */
	int ndays, clock, clock_end;
	int tense; /* enum xtense, or -1: not checked */
};

#define D30	 "2023-01-30" /* a Monday */
#define HM(h, m) ((h)*3600 + (m)*60)

static const struct sent_case sent_cases[] = {
    /* absolute dates */
    {D30, "The summit will be held on July 11-12 in Lithuania.",
     "on July 11-12", XM_DAYS, "2023-07-11", "2023-07-12", 0, -1, -1,
     XTENSE_FUTURE},
    {D30, "The summit will run 11-12 July in Vilnius.", "11-12 July", XM_DAYS,
     "2023-07-11", "2023-07-12", 0, -1, -1, -1},
    {D30, "The talks are set for Oct. 23 to 26 in Geneva.", "Oct. 23 to 26",
     XM_DAYS, "2023-10-23", "2023-10-26", 0, -1, -1, XTENSE_FUTURE},
    {D30, "The forum runs from 29 October - 01 November.",
     "29 October - 01 November", XM_DAYS, "2023-10-29", "2023-11-01", 0, -1, -1,
     XTENSE_PRESENT},
    {D30, "Elections will be held May 7 and 8.", "May 7 and 8", XM_DAYS,
     "2023-05-07", "2023-05-08", 0, -1, -1, -1},
    {D30, "Talks will take place between March 6 and 9.", "March 6 and 9",
     XM_DAYS, "2023-03-06", "2023-03-09", 0, -1, -1, -1},
    {D30,
     "The fair will take place Sept. 9\xe2\x80\x93"
     "10 in Paris.",
     "Sept. 9", XM_DAYS, "2023-09-09", "2023-09-10", 0, -1, -1, -1},
    {D30, "The fair will run Dec. 28\xe2\x80\x94Jan. 3 in Oslo.", "Dec. 28",
     XM_DAYS, "2023-12-28", "2024-01-03", 0, -1, -1, -1},
    {D30, "He will arrive on the 25th of July.", "on the 25th of July", XM_DAYS,
     "2023-07-25", "2023-07-25", 0, -1, -1, -1},
    /* Agência Brasil: the weekday and its day of the month in brackets
     * pick the week, even one the weekday alone would not reach. */
    {D30, "He will be in Kuala Lumpur from Saturday (25) to Monday (27).",
     "Saturday (25)", XM_DAYS, "2023-02-25", "2023-02-27", 0, -1, -1, -1},
    {D30, "Lula arrives in Jakarta on Friday (3), at night.", "on Friday (3)",
     XM_DAYS, "2023-02-03", "2023-02-03", 0, -1, -1, -1},
    {"2020-01-10", "The minister will visit on Tuesday, Feb 18.",
     "on Tuesday, Feb 18", XM_DAYS, "2020-02-18", "2020-02-18", 0, -1, -1, -1},
    /* the weekday picks the year */
    {"2020-06-01", "The Thursday, Feb 18 meeting is important.",
     "Thursday, Feb 18", XM_DAYS, "2021-02-18", "2021-02-18", 0, -1, -1, -1},
    {D30, "The deal will be signed on February 1, 2024, in Rome.",
     "on February 1, 2024", XM_DAYS, "2024-02-01", "2024-02-01", 0, -1, -1, -1},
    {D30, "It takes effect 1 February 2024.", "1 February 2024", XM_DAYS,
     "2024-02-01", "2024-02-01", 0, -1, -1, -1},
    {D30, "The report dated 2023-01-15 said so.", "2023-01-15", XM_DAYS,
     "2023-01-15", "2023-01-15", 0, -1, -1, -1},
    {D30, "The forum ran from 29 October to 1 November 2022.",
     "29 October to 1", XM_DAYS, "2022-10-29", "2022-11-01", 0, -1, -1,
     XTENSE_PAST},
    /* a future in December means next year; a past in January last */
    {"2023-12-10", "He will visit Tokyo on January 5.", "on January 5", XM_DAYS,
     "2024-01-05", "2024-01-05", 0, -1, -1, XTENSE_FUTURE},
    {"2023-06-10", "He will visit Tokyo on January 5.", "on January 5", XM_DAYS,
     "2024-01-05", "2024-01-05", 0, -1, -1, XTENSE_FUTURE},
    {"2024-01-10", "He visited Paris on December 20.", "on December 20",
     XM_DAYS, "2023-12-20", "2023-12-20", 0, -1, -1, XTENSE_PAST},
    {D30, "The alliance was founded on April 4, 1949, in Washington.",
     "on April 4, 1949", XM_DAYS, "1949-04-04", "1949-04-04", 0, -1, -1,
     XTENSE_PAST},
    /* bounds and starts */
    {D30, "He will stay until February 1.", "until February 1", XM_UNTIL,
     "2023-02-01", "2023-02-01", 0, -1, -1, XTENSE_FUTURE},
    {D30, "Talks will continue through Wednesday.", "through Wednesday",
     XM_UNTIL, "2023-02-01", "2023-02-01", 0, -1, -1, -1},
    {D30, "He will stay in Paris till Friday.", "till Friday", XM_UNTIL,
     "2023-02-03", "2023-02-03", 0, -1, -1, -1},
    {D30, "The embassy will stay closed to Friday.", "to Friday", XM_UNTIL,
     "2023-02-03", "2023-02-03", 0, -1, -1, -1},
    {D30, "He will make a state visit starting April 24.", "starting April 24",
     XM_FROM, "2023-04-24", "2023-04-24", 0, -1, -1, -1},
    {D30, "The rule applies as of March 1.", "as of March 1", XM_FROM,
     "2023-03-01", "2023-03-01", 0, -1, -1, -1},
    /* weekdays */
    {D30, "The visit will run from Monday to Friday.", "Monday to Friday",
     XM_DAYS, "2023-01-30", "2023-02-03", 0, -1, -1, -1},
    {D30, "He will arrive late on Sunday.", "late on Sunday", XM_DAYS,
     "2023-01-29", "2023-01-29", 0, -1, -1, XTENSE_FUTURE},
    {D30, "She will go to Tokyo Tuesday next week.", "Tuesday next week",
     XM_DAYS, "2023-02-07", "2023-02-07", 0, -1, -1, -1},
    {D30, "She will go to Tokyo next Tuesday.", "next Tuesday", XM_DAYS,
     "2023-01-31", "2023-01-31", 0, -1, -1, -1},
    {D30, "He met them last Friday.", "last Friday", XM_DAYS, "2023-01-27",
     "2023-01-27", 0, -1, -1, XTENSE_PAST},
    {"2023-02-03", "He arrived in Rome on Tuesday.", "on Tuesday", XM_DAYS,
     "2023-01-31", "2023-01-31", 0, -1, -1, XTENSE_PAST},
    {"2023-02-03", "He will arrive in Rome on Tuesday.", "on Tuesday", XM_DAYS,
     "2023-02-07", "2023-02-07", 0, -1, -1, XTENSE_FUTURE},
    {"2023-02-03", "The tour began on Sunday.", "on Sunday", XM_DAYS,
     "2023-01-29", "2023-01-29", 0, -1, -1, XTENSE_PAST},
    {"2023-02-03", "Rutte is visiting Kyiv on Friday.", "on Friday", XM_DAYS,
     "2023-02-03", "2023-02-03", 0, -1, -1, XTENSE_PRESENT},
    /* relative words */
    {D30, "The leaders will meet today.", "today", XM_DAYS, D30, D30, 0, -1, -1,
     -1},
    {D30, "They will sign the pact later today.", "later today", XM_DAYS, D30,
     D30, 0, -1, -1, -1},
    {D30, "He will speak tonight.", "tonight", XM_DAYS, D30, D30, 0, -1, -1,
     -1},
    {D30, "He will fly to Rome tomorrow.", "tomorrow", XM_DAYS, "2023-01-31",
     "2023-01-31", 0, -1, -1, -1},
    {D30, "He arrived yesterday.", "yesterday", XM_DAYS, "2023-01-29",
     "2023-01-29", 0, -1, -1, XTENSE_PAST},
    {D30, "He arrived three days ago.", "three days ago", XM_DAYS, "2023-01-27",
     "2023-01-27", 0, -1, -1, -1},
    {D30, "They will meet next week.", "next week", XM_PERIOD, "2023-02-06",
     "2023-02-12", 0, -1, -1, -1},
    {D30, "This weekend he will rest.", "This weekend", XM_PERIOD, "2023-02-04",
     "2023-02-05", 0, -1, -1, -1},
    {D30, "Talks resume next month.", "next month", XM_PERIOD, "2023-02-01",
     "2023-02-28", 0, -1, -1, -1},
    {D30, "He will visit in March.", "March", XM_PERIOD, "2023-03-01",
     "2023-03-31", 0, -1, -1, -1},
    {D30, "Talks are planned for mid-March.", "March", XM_PERIOD, "2023-03-01",
     "2023-03-31", 0, -1, -1, -1},
    {"2023-12-10", "Talks resume next month.", "next month", XM_PERIOD,
     "2024-01-01", "2024-01-31", 0, -1, -1, -1},
    {D30, "He visited Kyiv last month.", "last month", XM_RECALL, "2022-12-01",
     "2022-12-31", 0, -1, -1, -1},
    {D30, "They met last week.", "last week", XM_PERIOD, "2023-01-23",
     "2023-01-29", 0, -1, -1, -1},
    {"2023-02-01", "He rested over the weekend.", "the weekend", XM_PERIOD,
     "2023-01-28", "2023-01-29", 0, -1, -1, XTENSE_PAST},
    {D30, "The minister will fly there on Tuesday (Jan. 31).",
     "on Tuesday (Jan. 31)", XM_DAYS, "2023-01-31", "2023-01-31", 0, -1, -1,
     -1},
    {D30, "He will be in Rome from Monday.", "from Monday", XM_FROM, D30, D30,
     0, -1, -1, -1},
    {D30, "He will return in two weeks.", "in two weeks", XM_DAYS, "2023-02-13",
     "2023-02-13", 0, -1, -1, -1},
    {D30, "Talks will resume later next week.", "later next week", XM_PERIOD,
     "2023-02-06", "2023-02-12", 0, -1, -1, -1},
    {D30, "The day after the summit ends he will rest on Sunday.", "on Sunday",
     XM_DAYS, "2023-01-29", "2023-01-29", 0, -1, -1, -1},
    /* recalled pasts */
    {D30, "They have been allies since 2019.", "since 2019", XM_RECALL,
     "2019-01-01", "2019-12-31", 0, -1, -1, -1},
    {D30, "The pact was signed in 1998.", "1998", XM_RECALL, "1998-01-01",
     "1998-12-31", 0, -1, -1, -1},
    {D30, "He visited Seoul last year.", "last year", XM_RECALL, "2022-01-01",
     "2022-12-31", 0, -1, -1, -1},
    {D30, "Unlike last year's summit, this one is short.", "last year's",
     XM_RECALL, "2022-01-01", "2022-12-31", 0, -1, -1, -1},
    {D30, "He visited in March last year.", "March last year", XM_RECALL,
     "2022-03-01", "2022-03-31", 0, -1, -1, -1},
    {D30, "Elections in March 2019 were close.", "March 2019", XM_RECALL,
     "2019-03-01", "2019-03-31", 0, -1, -1, -1},
    {D30, "They met in 2023 already.", "2023", XM_RECALL, "2023-01-01",
     "2023-12-31", 0, -1, -1, -1},
    {D30, "The next summit in 2024 will be long.", "2024", XM_PERIOD,
     "2024-01-01", "2024-12-31", 0, -1, -1, -1},
    {D30, "They visited years ago.", "years ago", XM_RECALL, NULL, NULL, 0, -1,
     -1, -1},
    /* durations */
    {D30, "He stays for two days.", "for two days", XM_DURATION, NULL, NULL, 2,
     -1, -1, -1},
    {D30, "A 2-day meeting opens.", "2-day", XM_DURATION, NULL, NULL, 2, -1, -1,
     -1},
    {D30, "He will make a six-day state visit starting April 24.", "six-day",
     XM_DURATION, "2023-04-24", "2023-04-29", 6, -1, -1, -1},
    {D30, "A week-long tour of Asia begins.", "week-long", XM_DURATION, NULL,
     NULL, 7, -1, -1, -1},
    {D30, "He will spend three weeks in Asia.", "spend three weeks",
     XM_DURATION, NULL, NULL, 21, -1, -1, -1},
    /* clock times */
    {D30, "He will speak at 4 pm on Sunday.", "on Sunday", XM_DAYS,
     "2023-01-29", "2023-01-29", 0, HM(16, 0), -1, -1},
    {D30, "The talks start at 4 p.m. local time.", "4 p.m.", XM_CLOCK, NULL,
     NULL, 0, HM(16, 0), -1, -1},
    {D30, "Doors open at 10:00.", "10:00", XM_CLOCK, NULL, NULL, 0, HM(10, 0),
     -1, -1},
    {D30, "It begins on Monday at 10.30 am.", "on Monday", XM_DAYS, D30, D30, 0,
     HM(10, 30), -1, -1},
    {D30, "Lunch is at noon.", "noon", XM_CLOCK, NULL, NULL, 0, HM(12, 0), -1,
     -1},
    {D30, "The session runs from 10:00 to 12:00.", "10:00 to 12:00", XM_CLOCK,
     NULL, NULL, 0, HM(10, 0), HM(12, 0), -1},
    {D30, "It starts at 16:00 local time.", "16:00", XM_CLOCK, NULL, NULL, 0,
     HM(16, 0), -1, -1},
    {D30, "Talks run from 2 to 4 pm.", "2 to 4 pm", XM_CLOCK, NULL, NULL, 0,
     HM(14, 0), HM(16, 0), -1},
    {D30, "Leaders meet at 1400 GMT.", "1400", XM_CLOCK, NULL, NULL, 0,
     HM(14, 0), -1, -1},
    {D30, "The vote is at 9:30 p.m. on Tuesday.", "on Tuesday", XM_DAYS,
     "2023-01-31", "2023-01-31", 0, HM(21, 30), -1, -1},
};

static bool sent_ok(size_t i, const struct sent_case *c)
{
	const char *s[] = {c->sentence, NULL};
	const struct xmention *m;
	struct run r;
	char f[ITIN_WHEN_MAX], l[ITIN_WHEN_MAX];
	bool ok = true;

	run_text(&r, c->doc, XDATE_ORDER_UNKNOWN, s);
	if (!(m = find(&r, c->what))) {
		xmentions_release(&r.ms);
		return false;
	}
	ok = m->kind == c->kind && m->ndays == c->ndays &&
	     m->clock == c->clock && m->clock_end == c->clock_end &&
	     (c->tense < 0 || (int)m->tense == c->tense) &&
	     m->resolved == (c->first != NULL);
	if (ok && c->first)
		ok = !strcmp(fmt_day(m->first, f), c->first) &&
		     !strcmp(fmt_day(m->last, l), c->last);
	if (!ok)
		printf("#   case %zu '%s': kind %d %s..%s ndays %d clock %d-%d "
		       "tense %d resolved %d\n",
		       i, c->what, m->kind, fmt_day(m->first, f),
		       fmt_day(m->last, l), m->ndays, m->clock, m->clock_end,
		       m->tense, m->resolved);
	xmentions_release(&r.ms);
	return ok;
}

TEST(sentence_mentions)
{
	for (size_t i = 0; i < sizeof sent_cases / sizeof *sent_cases; i++)
		CHECK(sent_ok(i, &sent_cases[i]));
}

/* Words that look like dates and are not. */
static const char *const not_dates[] = {
    "The hotline offers 24/7 service.",
    "It ended in a 3-2 win.",
    "Growth was 1.5 percent.",
    "COVID-19 cases rose.",
    "The air force flies F-16 jets.",
    "May I ask a question?",
    "They march on the capital.",
    "The Sun reported it first.",
    "Some 2,000 troops took part.",
    "Install version 1.2.3.4 now.",
    "The day after the summit ends, he rests.",
    "He has 10 children and 12 grandchildren.",
    "Article 5 applies.",
    /* A count told as about is no day ("two weeks after" would count
     * from the date before it). */
    "The trip comes less than two weeks after the elections.",
    "It ended nearly three days later.",
};

TEST(not_dates_read)
{
	for (size_t i = 0; i < sizeof not_dates / sizeof *not_dates; i++) {
		const char *t = not_dates[i];
		struct xmentions ms;

		xmentions_init(&ms);
		xdate_scan(t, 0, strlen(t), 0, &ms);
		if (ms.n) {
			printf("#   '%s': read '%.*s'\n", t, (int)ms.v[0].len,
			       t + ms.v[0].off);
			test_failed_now = 1;
		}
		xmentions_release(&ms);
	}
}

/* ---- whole texts ---- */

/* A text, its document date, and the days its mentions resolve to. */
struct text_case {
	const char *name, *doc;
	const char *sents[6];
	struct {
		const char *what, *first, *last;
	} want[5];
};

static const struct text_case text_cases[] = {
    /* A part of a day after another day: "the following morning" is
     * the next day, "that same evening" the same. */
    {"parts of days",
     "2024-06-03",
     {"She lands in Lima on June 10.",
      "The following morning she meets the president, and the same "
      "evening she flies to Cusco."},
     {{"on June 10", "2024-06-10", "2024-06-10"},
      {"The following morning", "2024-06-11", "2024-06-11"},
      {"the same evening", "2024-06-11", "2024-06-11"}}},
    /* A Wednesday report: past weekdays in order, then "the next day". */
    {"narrative",
     "2023-02-01",
     {"He arrived in Seoul on Sunday.", "Then, on Monday, he flew to Tokyo.",
      "The next day he met Kishida, and two days later he left."},
     {{"on Sunday", "2023-01-29", "2023-01-29"},
      {"on Monday", "2023-01-30", "2023-01-30"},
      {"The next day", "2023-01-31", "2023-01-31"},
      {"two days later", "2023-02-02", "2023-02-02"}}},
    /* Nominal headlines, no tense: the cue keeps Monday after Saturday;
     * alone it is the nearer Monday, three days back. */
    {"cue",
     "2023-02-02",
     {"Delegation in Rome on Saturday.", "Then, on Monday, talks in Milan."},
     {{"on Saturday", "2023-02-04", "2023-02-04"},
      {"on Monday", "2023-02-06", "2023-02-06"}}},
    /* "After the meeting": the narrative moves on past the range, and
     * the weekday after follows on from there, not from the date line. */
    {"after the meeting",
     "2025-09-04",
     {"He will attend the forum in Honiara from 8 to 12 September.",
      "He departs for Honiara on Sunday.",
      "After the meeting, he will travel to Port Moresby on Saturday for "
      "talks with his counterpart.",
      "He is expected to return home on Monday."},
     {{"8 to 12 September", "2025-09-08", "2025-09-12"},
      {"on Sunday", "2025-09-07", "2025-09-07"},
      {"on Saturday", "2025-09-13", "2025-09-13"},
      {"on Monday", "2025-09-15", "2025-09-15"}}},
    /* A weekday after a date the words fix follows it, a week on from
     * the date line; a written date told after it ("after the Coronation
     * on 6 May") is an aside that does not pull it back. */
    {"weekday after a date",
     "2023-05-02",
     {"He will arrive in Brasilia on Monday 8 May for two days of talks.",
      "On Wednesday he will travel to Sao Paulo, before flying to Santiago "
      "the following day.",
      "The visit comes after the Coronation on 6 May, which the "
      "vice-president is due to attend."},
     {{"on Monday 8 May", "2023-05-08", "2023-05-08"},
      {"On Wednesday", "2023-05-10", "2023-05-10"},
      {"the following day", "2023-05-11", "2023-05-11"},
      {"on 6 May", "2023-05-06", "2023-05-06"}}},
    /* A weekday after a written date three weeks off follows it,
     * though no week near the date line holds it. */
    {"weekday weeks on",
     "2023-10-10",
     {"On Thursday 2nd November, they will travel to Mombasa.",
      "The visit will conclude on Friday."},
     {{"On Thursday 2nd November", "2023-11-02", "2023-11-02"},
      {"on Friday", "2023-11-03", "2023-11-03"}}},
    /* A sentence with no verb after a future one stays future: next
     * Tuesday, not the one two days back. */
    {"verbless after future",
     "2024-02-15",
     {"The two sides will open talks in July.",
      "A joint news conference on Tuesday."},
     {{"on Tuesday", "2024-02-20", "2024-02-20"}}},
    /* A part of a stay told before: its last two days. */
    {"part of a stay",
     "2023-04-14",
     {"He will make a six-day state visit starting April 24.",
      "The visit marks 70 years of the alliance.",
      "He will spend the last two days of the visit in Boston."},
     {{"the last two days of the visit", "2023-04-28", "2023-04-29"},
      {"starting April 24", "2023-04-24", "2023-04-24"}}},
    {"no cue",
     "2023-02-02",
     {"Talks in Milan on Monday."},
     {{"on Monday", "2023-01-30", "2023-01-30"}}},
    /* The "until" of its sentence bounds a weekday: the Friday before,
     * though three days back in a future clause; alone, the next. */
    {"until bound",
     D30,
     {"He will head to Tokyo on Friday for a visit that will last until "
      "February 1."},
     {{"on Friday", "2023-01-27", "2023-01-27"}}},
    {"no bound",
     D30,
     {"He will head to Tokyo on Friday."},
     {{"on Friday", "2023-02-03", "2023-02-03"}}},
    /* A Friday report: the days named after a range fall in it. */
    {"range holds",
     "2023-07-07",
     {"The minister will tour the Gulf from July 16 to 18.",
      "She will be in Riyadh on Sunday and Monday, and will end the tour "
      "in Doha on Tuesday."},
     {{"on Sunday and Monday", "2023-07-16", "2023-07-17"},
      {"on Tuesday", "2023-07-18", "2023-07-18"}}},
    /* "next week", then the programme, a day a sentence. */
    {"week holds",
     "2024-02-14",
     {"I will travel to the Pacific next week.", "I will be in Suva on Monday.",
      "On Wednesday I will fly to Tonga.",
      "I will conclude the visit in Apia on Friday."},
     {{"on Monday", "2024-02-19", "2024-02-19"},
      {"On Wednesday", "2024-02-21", "2024-02-21"},
      {"on Friday", "2024-02-23", "2024-02-23"}}},
    /* A weekday bound: the stay and its end move together. */
    {"weekday bound",
     "2023-12-07",
     {"On Monday, he will travel to Dubai, where he will stay through "
      "Wednesday."},
     {{"On Monday", "2023-12-11", "2023-12-11"},
      {"through Wednesday", "2023-12-13", "2023-12-13"}}},
    /* Within one sentence the order holds: Friday after May 9. */
    {"one sentence",
     "2024-05-03",
     {"On Thursday, May 9, she will hold talks, and on Friday she will "
      "visit the border."},
     {{"on Friday", "2024-05-10", "2024-05-10"}}},
    /* A weekday told as the day after an event named before. */
    {"apposition",
     "2024-08-21",
     {"Leaders meet in Tonga on August 26-30.", "The agenda is long.",
      "Climate tops it.",
      "On Saturday, the day after the meeting ends, he will fly to Samoa."},
     {{"On Saturday", "2024-08-31", "2024-08-31"}}},
    /* A length from the sentence before; a day the length holds. */
    {"length holds",
     "2024-09-05",
     {"He will arrive in Baghdad on Tuesday next week.",
      "He stays for three days.", "On Thursday, he travels to Erbil."},
     {{"for three days", "2024-09-10", "2024-09-12"},
      {"On Thursday", "2024-09-12", "2024-09-12"}}},
    /* A Monday report: plans in order (Friday, then Sunday); a past
     * recalled between them does not pull Sunday back. */
    {"tense lines",
     "2023-08-21",
     {"He will fly to Luanda on Friday for a two-day visit.",
      "On Sunday, he is scheduled to attend a summit in Sao Tome.",
      "His minister arrived in Johannesburg on Sunday."},
     {{"on Friday", "2023-08-25", "2023-08-25"},
      {"On Sunday", "2023-08-27", "2023-08-27"},
      {"on Sunday", "2023-08-20", "2023-08-20"}}},
};

TEST(texts)
{
	for (size_t i = 0; i < sizeof text_cases / sizeof *text_cases; i++) {
		const struct text_case *c = &text_cases[i];
		const char *sents[7] = {NULL};
		struct run r;

		for (size_t k = 0; k < 6 && c->sents[k]; k++)
			sents[k] = c->sents[k];
		run_text(&r, c->doc, XDATE_ORDER_UNKNOWN, sents);
		for (size_t k = 0; k < 5 && c->want[k].what; k++)
			if (!days_are(&r, c->want[k].what, c->want[k].first,
				      c->want[k].last)) {
				printf("#   in text '%s'\n", c->name);
				test_failed_now = 1;
			}
		xmentions_release(&r.ms);
	}
}

/* The caller may scan the date line: it is the document's day, and an
 * undecided order there is not warned twice. */
TEST(date_line_scanned)
{
	static const char text[] = "01/03/2023\nHe will arrive on Sunday.";
	struct xmentions ms;
	struct xdoc_date doc;
	struct run r; /* for its warning counter */
	struct itin_warner w = {on_warn, &r};
	char got[ITIN_WHEN_MAX];

	memset(&r, 0, sizeof r);
	CHECK(xdate_document(text, strlen(text), NULL, 0, &doc));
	CHECK_INT(doc.order, XDATE_ORDER_UNKNOWN);
	xmentions_init(&ms);
	xdate_scan(text, 0, 10, 0, &ms);
	xdate_scan(text, 11, strlen(text) - 11, 1, &ms);
	xdate_resolve(&ms, text, strlen(text), &doc, "r.txt", &w);
	CHECK_INT(ms.n, 2);
	if (ms.n == 2) {
		CHECK_STR(fmt_day(ms.v[0].first, got), "2023-01-03");
		CHECK_STR(fmt_day(ms.v[1].first, got), "2023-01-08");
	}
	CHECK_INT(r.warnings, 0);
	xmentions_release(&ms);
}

TEST(numeric_orders)
{
	static const char *const one[] = {"", "The accord of 01/03/2006 holds.",
					  NULL};
	static const char *const decided[] = {
	    "The list of 13/01/2023 was long.",
	    "The accord of 01/03/2006 holds.", NULL};
	static const char *const near[] = {"The meeting on 01/02 went well.",
					   NULL};
	struct run r;

	run_text(&r, D30, XDATE_MDY, one);
	CHECK(days_are(&r, "01/03/2006", "2006-01-03", "2006-01-03"));
	CHECK_INT(r.warnings, 0);
	xmentions_release(&r.ms);
	run_text(&r, D30, XDATE_DMY, one);
	CHECK(days_are(&r, "01/03/2006", "2006-03-01", "2006-03-01"));
	CHECK_INT(r.warnings, 0);
	xmentions_release(&r.ms);
	/* The text decides: another date's field over 12. */
	run_text(&r, D30, XDATE_YMD, decided);
	CHECK(days_are(&r, "13/01/2023", "2023-01-13", "2023-01-13"));
	CHECK(days_are(&r, "01/03/2006", "2006-03-01", "2006-03-01"));
	CHECK_INT(r.warnings, 0);
	xmentions_release(&r.ms);
	/* Nothing decides: the reading nearer the document date, warned,
	 * with the file, line and column. */
	run_text(&r, D30, XDATE_ORDER_UNKNOWN, one);
	CHECK(days_are(&r, "01/03/2006", "2006-03-01", "2006-03-01"));
	CHECK_INT(r.warnings, 1);
	CHECK(!strncmp(r.warning, "r.txt:2:15: numeric date '01/03/2006'", 37));
	if (r.ms.n)
		CHECK(r.ms.v[0].guessed_order);
	xmentions_release(&r.ms);
	/* No year: the year nearest the document date, February 1st. */
	run_text(&r, D30, XDATE_ORDER_UNKNOWN, near);
	CHECK(days_are(&r, "on 01/02", "2023-02-01", "2023-02-01"));
	CHECK_INT(r.warnings, 1);
	xmentions_release(&r.ms);
}

/* A weekday that is not the written date's: the date wins over a year
 * away, warned; the weekday still picks the year when the date is about
 * as near in either. */
TEST(weekday_mismatch)
{
	static const char *const wrong[] = {
	    "He will arrive on Wednesday, April 29, for talks.", NULL};
	static const char *const right[] = {
	    "He will arrive on Tuesday, April 29, for talks.", NULL};
	struct run r;

	run_text(&r, "2025-04-14", XDATE_ORDER_UNKNOWN, wrong);
	CHECK(
	    days_are(&r, "on Wednesday, April 29", "2025-04-29", "2025-04-29"));
	CHECK_INT(r.warnings, 1);
	CHECK(strstr(r.warning, "2025-04-29 is a Tuesday, not a Wednesday") !=
	      NULL);
	xmentions_release(&r.ms);
	run_text(&r, "2025-04-14", XDATE_ORDER_UNKNOWN, right);
	CHECK(days_are(&r, "on Tuesday, April 29", "2025-04-29", "2025-04-29"));
	CHECK_INT(r.warnings, 0);
	xmentions_release(&r.ms);
}

/* A day written out in a future clause but a week over is recalled, not
 * planned; one a day back (a report syndicated late) is still a day. */
TEST(future_over)
{
	static const char *const s[] = {
	    "The first visit after taking office on May 7 will begin in "
	    "Beijing on May 16.",
	    "He will arrive on May 13, the ministry said.", NULL};
	struct run r;
	const struct xmention *m;

	run_text(&r, "2024-05-14", XDATE_ORDER_UNKNOWN, s);
	if ((m = find(&r, "on May 7")))
		CHECK_INT(m->kind, XM_RECALL);
	if ((m = find(&r, "on May 16")))
		CHECK_INT(m->kind, XM_DAYS);
	if ((m = find(&r, "on May 13")))
		CHECK_INT(m->kind, XM_DAYS);
	CHECK(days_are(&r, "on May 7", "2024-05-07", "2024-05-07"));
	xmentions_release(&r.ms);
}

/* "will arrive on Sunday ..., the ministry said Monday" in a report
 * dated Monday: the words are Monday's, so the Sunday is to come, and
 * the attribution's Monday is no step of the plan ("talks on Monday":
 * the day after that Sunday). */
TEST(said_on_date)
{
	static const char *const s[] = {
	    "Iwaya will arrive in Manila late on Sunday for a three-day "
	    "visit, the Foreign Ministry said Monday.",
	    "Iwaya will hold talks with Manalo on Monday, when the two are "
	    "expected to discuss the agreement.",
	    "He will then head to Hanoi on Wednesday for a one-day visit.",
	    NULL};
	struct run r;

	run_text(&r, "2025-02-03", XDATE_ORDER_UNKNOWN, s);
	CHECK(days_are(&r, "late on Sunday", "2025-02-09", "2025-02-09"));
	CHECK(days_are(&r, "Monday", "2025-02-03", "2025-02-03"));
	CHECK(days_are(&r, "on Monday", "2025-02-10", "2025-02-10"));
	CHECK(days_are(&r, "on Wednesday", "2025-02-12", "2025-02-12"));
	xmentions_release(&r.ms);
}

/* The date line's own date ("TOKYO, Feb. 3 Kyodo -") dates the report:
 * "a three-day visit" beside it starts on the Sunday the words name, and
 * the Monday after that Sunday is the talks'. */
TEST(date_line_apart)
{
	static const char *const s[] = {
	    "TOKYO, Feb. 3 Kyodo - Iwaya will arrive in Manila late on "
	    "Sunday for a three-day visit, the ministry said Monday.",
	    "Iwaya will hold talks with Manalo on Monday.", NULL};
	struct run r;

	run_text(&r, "2025-02-03", XDATE_ORDER_UNKNOWN, s);
	xmentions_release(&r.ms);
	/* run_text's document date has no line; give it the line's. */
	memset(&r.ms, 0, sizeof r.ms);
	{
		struct itin_warner w = {on_warn, &r};
		const char *line = strstr(r.text, "Feb. 3");

		r.doc.off = (size_t)(line - r.text);
		r.doc.len = 6;
		xmentions_init(&r.ms);
		xdate_scan(r.text, 0, (size_t)(strchr(r.text, '\n') - r.text),
			   0, &r.ms);
		xdate_scan(r.text, (size_t)(strchr(r.text, '\n') - r.text) + 1,
			   strlen(s[1]), 1, &r.ms);
		xdate_resolve(&r.ms, r.text, r.len, &r.doc, "r.txt", &w);
	}
	CHECK(days_are(&r, "Feb. 3", "2025-02-03", "2025-02-03"));
	CHECK(days_are(&r, "three-day", "2025-02-09", "2025-02-11"));
	CHECK(days_are(&r, "on Monday", "2025-02-10", "2025-02-10"));
	xmentions_release(&r.ms);
}

/* "from Sunday" told after a day starts the span that holds it (the
 * summit meeting from the Sunday before the Tuesday): not the narrative
 * going back, not a day "the same day" follows, and not kept inside
 * "next week" (its start may come before the week). */
TEST(start_after_day)
{
	static const char *const s[] = {
	    "She confirmed on Thursday that she will attend the summit in "
	    "Canada next week.",
	    "She would fly to Calgary on Monday and take part in the "
	    "sessions on Tuesday in Kananaskis, where the leaders are "
	    "meeting from Sunday.",
	    "She will hold a bilateral meeting with Carney the same day.",
	    NULL};
	struct run r;

	run_text(&r, "2025-06-12", XDATE_ORDER_UNKNOWN, s);
	CHECK(days_are(&r, "on Monday", "2025-06-16", "2025-06-16"));
	CHECK(days_are(&r, "on Tuesday", "2025-06-17", "2025-06-17"));
	CHECK(days_are(&r, "from Sunday", "2025-06-15", "2025-06-15"));
	CHECK(days_are(&r, "the same day", "2025-06-17", "2025-06-17"));
	xmentions_release(&r.ms);
}

/* "On Thursday, the last day of the trip": the weekday names the day;
 * the part is left unresolved rather than read from another length. */
TEST(part_beside_day)
{
	static const char *const s[] = {
	    "He will start a three-day visit on Tuesday next week.",
	    "He will stay in Baghdad for two days.",
	    "On Thursday, the last day of the trip, he travels to Erbil.",
	    NULL};
	struct run r;
	const struct xmention *m;

	run_text(&r, "2024-09-05", XDATE_ORDER_UNKNOWN, s);
	CHECK(days_are(&r, "On Thursday", "2024-09-12", "2024-09-12"));
	if ((m = find(&r, "the last day of the trip")))
		CHECK(!m->resolved);
	else
		CHECK(!"'the last day of the trip' not read");
	xmentions_release(&r.ms);
}

/* One long sentence of the same phrase: every copy found once, across
 * the windows the scanner reads. */
TEST(long_sentence)
{
	static const char phrase[] = "he will be in Oslo on July 11-12 and ";
	size_t n = 5000, pl = sizeof phrase - 1, len = n * pl;
	char *text = malloc(len);
	struct xmentions ms;
	size_t bad = 0;

	for (size_t i = 0; i < n; i++)
		memcpy(text + i * pl, phrase, pl);
	xmentions_init(&ms);
	xdate_scan(text, 0, len, 0, &ms);
	CHECK_INT(ms.n, n);
	for (size_t i = 0; i < ms.n; i++)
		if (ms.v[i].off != i * pl + 19 || ms.v[i].d2 != 12 ||
		    ms.v[i].tense != XTENSE_FUTURE)
			bad++;
	CHECK_INT(bad, 0);
	xmentions_release(&ms);
	free(text);
}

/* Random text from an alphabet of date words and punctuation (with raw
 * bytes among them when raw is true) into text[0..size): its length. */
static size_t random_text_of(char *text, size_t size, bool raw,
			     unsigned long *seed)
{
	static const char *const bits[] = {
	    "July",	"11",	  "-",	     "12",	" ",
	    "Sunday",	",",	  ".",	     "on",	"until",
	    "2023",	"/",	  "01",	     ":",	"30",
	    "pm",	"the",	  "next",    "day",	"\xe2\x80\x93",
	    "two",	"week",	  "since",   "last",	"year",
	    "'s",	"\n",	  "will",    "visited", "a.m.",
	    "Jan.",	"th",	  "of",	     "999999",	"\xc2",
	    "\xe2\x80", "(",	  "Reuters", ")",	"T",
	    "+",	"Monday", "to",	     "from",	"noon",
	    "at",	"4",	  "and"};
	size_t nb = sizeof bits / sizeof *bits, len = 0;

	while (len < size - 16) {
		const char *b;

		*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
		b = bits[(*seed >> 33) % nb];
		memcpy(text + len, b, strlen(b));
		len += strlen(b);
		if ((*seed >> 20) % 3)
			text[len++] = ' ';
		if (raw && (*seed >> 40) % 2)
			text[len++] = (char)(*seed >> 48);
	}
	return len;
}

/* The promises of a scan: in the text, in order, not overlapping, and
 * first <= last: how many mentions break one. */
static size_t broken(const struct xmentions *ms, size_t len)
{
	size_t bad = 0;

	for (size_t i = 0; i < ms->n; i++) {
		const struct xmention *m = &ms->v[i];

		if (m->off + m->len > len || m->len == 0 ||
		    (i && m->off < ms->v[i - 1].off + ms->v[i - 1].len) ||
		    (m->resolved && m->first > m->last))
			bad++;
	}
	return bad;
}

/* Random text: no crash (run it under SANITIZE=address,undefined), and
 * the mentions keep their promises. */
TEST(random_text)
{
	static char text[20000];
	unsigned long seed = 12345;
	size_t bad = 0;

	for (int round = 0; round < 60; round++) {
		size_t len =
		    random_text_of(text, sizeof text, round % 4 == 3, &seed);
		struct xmentions ms;
		struct xdoc_date doc;
		size_t start = 0;

		if (!xdate_document(text, len, NULL, round % 2 ? 2023 : 0,
				    &doc)) {
			doc.found = true;
			doc.day = day_of(D30);
			doc.order = XDATE_ORDER_UNKNOWN;
		}
		xmentions_init(&ms);
		for (size_t k = 0, sent = 0; k <= len; k++)
			if (k == len || text[k] == '.') {
				xdate_scan(text, start, k - start, sent++, &ms);
				start = k + 1;
			}
		xdate_resolve(&ms, text, len, &doc, NULL, NULL);
		bad += broken(&ms, len);
		xmentions_release(&ms);
	}
	CHECK_INT(bad, 0);
}

/* A stay told as to come in weekdays (a range that ends on the date
 * line's day) begins after the date line, not two days before it. */
TEST(future_range_ahead)
{
	static const char *const s[] = {
	    "The foreign minister will stay in Lagos from Saturday to "
	    "Monday, officials said.",
	    NULL};
	struct run r;

	run_text(&r, "2024-06-03", XDATE_ORDER_UNKNOWN, s); /* a Monday */
	CHECK(days_are(&r, "Saturday", "2024-06-08", "2024-06-10"));
	xmentions_release(&r.ms);
}

/* A long plan told in weekdays alone counts on from its first day: it
 * does not go back to the date line's week ("... on Friday ... on
 * Tuesday" in a report of a Tuesday is next week's Tuesday). */
TEST(weekday_plan_counts_on)
{
	static const char *const s[] = {
	    "The president will fly to Nairobi on Friday.",
	    "She will open a trade fair there on Saturday.",
	    "On Sunday she is to travel on to Kampala, and she will address "
	    "parliament on Monday.",
	    "She will meet the speaker on Tuesday before heading home.", NULL};
	struct run r;

	run_text(&r, "2024-06-04", XDATE_ORDER_UNKNOWN, s); /* a Tuesday */
	CHECK(days_are(&r, "on Friday", "2024-06-07", "2024-06-07"));
	CHECK(days_are(&r, "on Saturday", "2024-06-08", "2024-06-08"));
	CHECK(days_are(&r, "On Sunday", "2024-06-09", "2024-06-09"));
	CHECK(days_are(&r, "on Monday", "2024-06-10", "2024-06-10"));
	CHECK(days_are(&r, "on Tuesday", "2024-06-11", "2024-06-11"));
	xmentions_release(&r.ms);
}

/* A start and its "until" in one sentence make a span that holds a
 * weekday told after them, even past a recalled year between: the
 * Wednesday inside the stay, not the one after its end. */
TEST(until_span_holds)
{
	static const char *const s[] = {
	    "The king will arrive in Oslo on Monday and stay in Norway until "
	    "Thursday, the palace said, his first visit since 2009.",
	    "In the Norwegian capital he will open an exhibition on "
	    "Wednesday.",
	    NULL};
	struct run r;

	run_text(&r, "2025-03-06", XDATE_ORDER_UNKNOWN, s);
	CHECK(days_are(&r, "on Monday", "2025-03-10", "2025-03-10"));
	CHECK(days_are(&r, "until Thursday", "2025-03-13", "2025-03-13"));
	CHECK(days_are(&r, "on Wednesday", "2025-03-12", "2025-03-12"));
	xmentions_release(&r.ms);
}

int main(void)
{
	RUN(document_dates);
	RUN(document_meta_and_hint);
	RUN(tenses);
	RUN(nato_report);
	RUN(sentence_mentions);
	RUN(not_dates_read);
	RUN(texts);
	RUN(date_line_scanned);
	RUN(numeric_orders);
	RUN(weekday_mismatch);
	RUN(future_over);
	RUN(said_on_date);
	RUN(date_line_apart);
	RUN(start_after_day);
	RUN(part_beside_day);
	RUN(long_sentence);
	RUN(future_range_ahead);
	RUN(weekday_plan_counts_on);
	RUN(random_text);
	RUN(until_span_holds);
	return test_done();
}
