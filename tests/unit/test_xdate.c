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
    {"Leaders meet\nPublished: 30 Jan 2023\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    {"Updated 31 Jan 2023 | Published 30 Jan 2023\nBody.", "2023-01-31",
     XDATE_ORDER_UNKNOWN, -1},
    {"Posted on January 30, 2023 by Staff Writer\nBody.", "2023-01-30",
     XDATE_ORDER_UNKNOWN, -1},
    {"2023-01-30T08:15:00+09:00\nBody.", "2023-01-30", XDATE_YMD,
     8 * 3600 + 15 * 60},
    {"Washington, Feb. 3, 2024 -- The secretary will travel ...", "2024-02-03",
     XDATE_ORDER_UNKNOWN, -1},
    {"13/01/2023\nBody", "2023-01-13", XDATE_DMY, -1},
    /* A date inside the story is not a date line. */
    {"The treaty was signed on January 30, 2023 in Paris.\nMore.", NULL,
     XDATE_ORDER_UNKNOWN, -1},
    {"Leaders to meet on March 3\nNo date here.", NULL, XDATE_ORDER_UNKNOWN,
     -1},
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

int main(void)
{
	RUN(document_dates);
	RUN(document_meta_and_hint);
	RUN(nato_report);
	return test_done();
}
