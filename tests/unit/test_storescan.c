/*
 * test_storescan.c: the store scan (storescan.h) against the full reader.
 *
 * Every check compares with itinfmt_parse() of the same text: the scan
 * may skip an event only when the full reader takes it cleanly and no
 * zone's view of its days (--in) could bring it into the range; what it
 * hands back must be the full reader's events, byte for byte.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itin/datetime.h"
#include "itin/evzone.h"
#include "itin/filter.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/storeids.h"
#include "itin/storescan.h"
#include "itin/strbuf.h"
#include "itin/tz.h"

/* Ids the scan reported, joined by spaces. */
static void note_id(void *ctx, const char *id, size_t len)
{
	strbuf_add(ctx, id, len);
	strbuf_addch(ctx, ' ');
}

static int64_t day_of(const char *date)
{
	int64_t d = 0;
	struct itin_err err;

	CHECK(date_parse(date, strlen(date), &d, &err) == 0);
	return d;
}

/* The event of l with this id, in the text format, into sb ("" if none). */
static void written(const struct evlist *l, const char *id, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, id))
			itinfmt_write_event(sb, l->v[i]);
}

/*
 * Scan text for the days [from, to]: returns what storescan_parse()
 * returned, out gets the events, and, when it returned 0, every event of
 * the full reader that list --from/--to (with --in each zone of `zones`,
 * and without) would keep is checked to be in out, written the same, and
 * every id reported once.
 */
static int scan_checked(const char *text, const char *from, const char *to,
			struct evlist *out)
{
	static const char *const zones[] = {NULL, "Pacific/Kiritimati",
					    "Etc/GMT+12", "Asia/Manila", "UTC"};
	struct storescan_want w = {0};
	struct strbuf ids = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct evlist full = EVLIST_INIT;
	struct filter f = FILTER_INIT;
	struct itin_err err;
	int ret;

	w.has_from = from != NULL;
	w.has_to = to != NULL;
	w.from_day = from ? day_of(from) : 0;
	w.to_day = to ? day_of(to) : 0;
	w.each_id = note_id;
	w.ctx = &ids;
	ret = storescan_parse(text, strlen(text), "t.itin", &w, out);
	if (ret == 0) {
		CHECK(itinfmt_parse(text, strlen(text), "t.itin", &full, NULL,
				    &err) == 0);
		f.has_from = w.has_from;
		f.has_to = w.has_to;
		f.from_day = w.from_day;
		f.to_day = w.to_day;
		for (size_t z = 0; z < sizeof(zones) / sizeof(*zones); z++) {
			for (size_t i = 0; i < full.n; i++) {
				struct event *ev = event_clone(full.v[i]);

				if (zones[z])
					event_to_zone(ev,
						      tz_get(zones[z], &err));
				if (filter_match(&f, ev)) {
					written(&full, ev->id, &a);
					written(out, ev->id, &b);
					CHECK_STR(b.buf ? b.buf : "",
						  a.buf ? a.buf : "");
				}
				event_free(ev);
			}
		}
		/* Every id once: as many as events, each one found. */
		for (size_t i = 0; i < full.n; i++) {
			strbuf_reset(&a);
			strbuf_addf(&a, "%s ", full.v[i]->id);
			CHECK(strstr(ids.buf, a.buf) != NULL);
		}
		{
			size_t spaces = 0;

			for (size_t i = 0; i < ids.len; i++)
				spaces += ids.buf[i] == ' ';
			CHECK_INT(spaces, full.n);
		}
	}
	evlist_release(&full);
	strbuf_release(&ids);
	strbuf_release(&a);
	strbuf_release(&b);
	return ret;
}

/* Is there an event with this id in l? */
static bool has(const struct evlist *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, id))
			return true;
	return false;
}

/* The plain form, outside the range, is skipped; inside, read. */
TEST(plain_blocks)
{
	const char *text =
	    "2021-03-01 09:00-10:00  meeting  Before @ Room 1, Paris, FR\n"
	    "    id: a1\n"
	    "    tz: Europe/Paris\n"
	    "    with: Ana Lopes (Minister); Bo\n"
	    "    tags: x; y\n"
	    "    org: Org\n"
	    "    status: tentative\n"
	    "    source: https://example.org/a\n"
	    "    note: one\n"
	    "    note: two\n"
	    "2023-06-15 10:00-11:00  call  Inside\n"
	    "    id: a2\n"
	    "    tz: floating\n"
	    "2025-01-01  visit  After @ Tokyo, JP\n"
	    "    id: a3\n";
	struct evlist out = EVLIST_INIT;

	CHECK_INT(scan_checked(text, "2023-06-01", "2023-06-30", &out), 0);
	CHECK_INT(out.n, 1);
	CHECK(has(&out, "a2"));
	evlist_release(&out);
	/* No upper bound: from June 2023 on. */
	CHECK_INT(scan_checked(text, "2023-06-01", NULL, &out), 0);
	CHECK_INT(out.n, 2);
	evlist_release(&out);
	/* An id asked for: only the events whose id begins with it. */
	{
		struct storescan_want w = {.id = "A3"};

		CHECK_INT(storescan_parse(text, strlen(text), "t", &w, &out),
			  0);
		CHECK_INT(out.n, 1);
		CHECK(has(&out, "a3"));
		evlist_release(&out);
	}
}

/*
 * The range's edges: a day before or after it in the event's own zone is
 * inside it seen from the other side of the world (--in), so it is read;
 * two days away from any zone is not.
 */
TEST(zone_edges)
{
	const char *text = "2023-03-11 01:00-02:00  call  Kiritimati early\n"
			   "    id: k1\n"
			   "    tz: Pacific/Kiritimati\n"
			   "2023-03-09 22:00-23:00  call  GMT+12 late\n"
			   "    id: g1\n"
			   "    tz: Etc/GMT+12\n"
			   "2023-03-10T23:30-23:59  call  T form\n"
			   "    id: t1\n"
			   "    tz: Asia/Manila\n"
			   "2023-03-14 12:00  call  Far, no end\n"
			   "    id: far\n"
			   "    tz: UTC\n";
	struct evlist out = EVLIST_INIT;

	CHECK_INT(scan_checked(text, "2023-03-10", "2023-03-10", &out), 0);
	CHECK(has(&out, "k1") && has(&out, "g1") && has(&out, "t1"));
	CHECK(!has(&out, "far"));
	evlist_release(&out);
}

/* All-day, multi-day and timed spans over the range are read. */
TEST(spans)
{
	const char *text =
	    "2023-01-01..2023-12-31  visit  Whole year\n"
	    "    id: y\n"
	    "2023-05-30 20:00..2023-06-03 08:00  travel  Long trip\n"
	    "    id: trip\n"
	    "    tz: Europe/Lisbon\n"
	    "2023-06-05  summit  One day\n"
	    "    id: one\n"
	    "2022-06-01..2022-06-02  visit  Last year\n"
	    "    id: last\n";
	struct evlist out = EVLIST_INIT;

	CHECK_INT(scan_checked(text, "2023-06-01", "2023-06-02", &out), 0);
	CHECK(has(&out, "y") && has(&out, "trip"));
	CHECK(!has(&out, "one") && !has(&out, "last"));
	evlist_release(&out);
}

/*
 * Forms the scan does not vouch for go to the full reader, wherever
 * their dates: escapes, lines that look like headers inside notes and
 * comments, CRLF, keys of other stores, no id, no tz: line.
 */
TEST(forms_read_fully)
{
	const char *text =
	    "# 2023-06-01 09:00  meeting  a comment, not an event\n"
	    "\n"
	    "2020-01-01 09:00-10:00  meeting  Escaped \\@ title @ A\\, B, "
	    "Oslo\n"
	    "    id: esc\n"
	    "    tz: Europe/Oslo\n"
	    "2020-01-02 09:00-10:00  meeting  Notes\r\n"
	    "    id: crlf\r\n"
	    "    tz: Europe/Oslo\r\n"
	    "    note: 2023-06-01 09:00  meeting  not a header\r\n"
	    "    # start: 2023-06-01, a comment in a block\r\n"
	    "\r\n"
	    "2020-01-03 09:00-10:00  meeting  Other keys\n"
	    "    id: keys\n"
	    "    tz: Europe/Oslo\n"
	    "    seq: 3\n"
	    "    uid: abc@example.org\n"
	    "2020-01-04  visit  No id\n"
	    "2020-01-05 09:00  meeting  Zone from the place @ Paris, FR\n"
	    "    id: place\n"
	    "2020-01-06 09:00-10:00  MEETING  Upper case type\n"
	    "    id: upper\n"
	    "    tz: Europe/Oslo\n"
	    "2020-01-07  visit  Ünïcödé @ Zürich, CH\n"
	    "    id: utf8\n";
	struct evlist out = EVLIST_INIT;

	CHECK_INT(scan_checked(text, "2023-06-01", "2023-06-30", &out), 0);
	/* Read, though outside the range: the filter drops them later. */
	CHECK(has(&out, "esc") && has(&out, "keys") && has(&out, "place") &&
	      has(&out, "upper"));
	CHECK_INT(out.n, 5);
	/* Plain UTF-8 is vouched for; CRLF with its note too. */
	CHECK(!has(&out, "utf8"));
	CHECK(!has(&out, "crlf"));
	evlist_release(&out);
}

/*
 * What the full reader refuses or warns about makes the scan give up
 * (1), even outside the range, so that the caller reads the store whole
 * and reports it as ever.
 */
TEST(gives_up)
{
	static const char *const bad[] = {
	    /* No such day. */
	    "2020-02-30  visit  Bad date\n    id: b\n",
	    /* Unknown zone. */
	    "2020-02-01 09:00  call  Bad zone\n    id: b\n    tz: "
	    "Europe/Nowhere\n",
	    /* In the spring-forward gap. */
	    "2020-03-29 02:30  call  Gap\n    id: b\n    tz: Europe/Paris\n",
	    /* Repeated hour: a warning. */
	    "2020-10-25 02:30  call  Twice\n    id: b\n    tz: Europe/Paris\n",
	    /* End before start. */
	    "2020-02-01 10:00-09:00  call  Backwards\n    id: b\n    tz: UTC\n",
	    /* Unknown key, unknown type, unknown country. */
	    "2020-02-01  visit  K\n    id: b\n    colour: red\n",
	    "2020-02-01  party  T\n    id: b\n",
	    "2020-02-01  visit  C @ Nowhere, QQ\n    id: b\n",
	    /* A zone on an all-day event: a warning. */
	    "2020-02-01  visit  Z\n    id: b\n    tz: UTC\n",
	    /* A duplicate id. */
	    "2020-02-01  visit  A\n    id: b\n2020-02-02  visit  B\n    id: "
	    "b\n",
	    /* Key line before the first event. */
	    "    id: b\n2020-02-01  visit  A\n    id: c\n",
	    /* Bad escape. */
	    "2020-02-01  visit  A \\q\n    id: b\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char text[512];
		struct evlist out = EVLIST_INIT;

		/* Behind one good event in the range. */
		snprintf(text, sizeof(text),
			 "2023-06-01  visit  Good\n    id: good\n%s", bad[i]);
		CHECK_INT(scan_checked(text, "2023-06-01", "2023-06-01", &out),
			  1);
		CHECK_INT(out.n, 0);
		evlist_release(&out);
	}
}

/* A NUL byte anywhere makes the scan give up, as inread refuses it. */
TEST(nul_gives_up)
{
	/* In the range; outside it in a block the scan would vouch for
	 * (inside a word of eight bytes and in the tail after them); in a
	 * comment before the first event. */
	static const char text[] = "2023-06-01  visit  A\n    id: a\n"
				   "    note: x\0y\n";
	static const char word[] = "2023-06-01  visit  A\n    id: a\n"
				   "2020-01-01  visit  B\n    id: b\n"
				   "    note: x\0y and some more text\n";
	static const char tail[] = "2023-06-01  visit  A\n    id: a\n"
				   "2020-01-01  visit  B\n    id: b\n"
				   "    note: x\0y\n";
	static const char head[] = "# x\0y\n2023-06-01  visit  A\n    id: a\n";
	struct storescan_want w = {.has_from = true, .has_to = true};
	struct evlist out = EVLIST_INIT;

	w.from_day = w.to_day = day_of("2023-06-01");
	CHECK_INT(storescan_parse(text, sizeof(text) - 1, "t", &w, &out), 1);
	CHECK_INT(storescan_parse(word, sizeof(word) - 1, "t", &w, &out), 1);
	CHECK_INT(storescan_parse(tail, sizeof(tail) - 1, "t", &w, &out), 1);
	CHECK_INT(storescan_parse(head, sizeof(head) - 1, "t", &w, &out), 1);
	CHECK_INT(out.n, 0);
	evlist_release(&out);
}

/* Through a file: a store broken outside the range is refused with the
 * message and place store_load() gives. */
TEST(file_errors_identical)
{
	char path[] = "/tmp/test_storescan.XXXXXX";
	const char *text = "2023-06-01  visit  Good\n    id: good\n"
			   "2020-01-01 09:00  call  Bad\n    id: bad\n"
			   "    tz: Mars/Olympus\n";
	struct storescan_want w = {.has_from = true, .has_to = true};
	struct evlist a = EVLIST_INIT, b = EVLIST_INIT;
	struct itin_err ea, eb;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	w.from_day = w.to_day = day_of("2023-06-01");
	itin_err_clear(&ea);
	itin_err_clear(&eb);
	CHECK_INT(store_load(path, &a, NULL, &ea), -1);
	CHECK_INT(store_load_scan(path, &w, &b, NULL, &eb), -1);
	CHECK_STR(eb.msg, ea.msg);
	CHECK_INT(eb.line, ea.line);
	CHECK_INT(eb.col, ea.col);
	CHECK_INT(eb.status, ea.status);
	CHECK_INT(ea.line, 5);
	evlist_release(&a);
	evlist_release(&b);
	unlink(path);
}

/* The duplicate check of many ids (past its first spreading into
 * buckets) and of few: a repeat found wherever the two copies are, none
 * claimed where every id differs. */
TEST(id_repeats)
{
	static const size_t sizes[] = {3, 1000, 20000, 300000};

	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		size_t n = sizes[k];
		struct idset s;
		char id[32];

		memset(&s, 0, sizeof(s));
		for (size_t i = 0; i < n; i++) {
			int len = snprintf(id, sizeof(id), "%016zx", i * 7919);

			idset_add(&s, id, (size_t)len);
		}
		CHECK(!idset_repeats(&s));
		/* Again, with the middle id once more at the end. */
		snprintf(id, sizeof(id), "%016zx", n / 2 * 7919);
		idset_add(&s, id, 16);
		CHECK(idset_repeats(&s));
		idset_release(&s);
	}
}

/* Ids a person numbers by hand, eight bytes that differ only in their
 * middle: none may pass for a repeat (each false alarm sends the scan
 * back to read the whole store). hash_short_key() made 857 of these
 * 40,000 collide. */
TEST(id_repeats_numbered)
{
	struct idset s;
	char id[32];

	memset(&s, 0, sizeof(s));
	for (int i = 0; i < 40000; i++) {
		int len = snprintf(id, sizeof(id), "ev%06d", i);

		idset_add(&s, id, (size_t)len);
	}
	CHECK(!idset_repeats(&s));
	idset_add(&s, "ev012345", 8);
	CHECK(idset_repeats(&s));
	idset_release(&s);
}

/* A store of several MiB read from a file through the scan's window
 * (storescan_read()): blocks cut at each window's edge, a byte order
 * mark, a CRLF block and an escaped one among them. The window must not
 * make the scan give up, and it must find what the scan of the whole
 * text finds: the same events, written the same, and the same ids. */
TEST(window_read)
{
	static const char *const zones[] = {"Asia/Tokyo", "Europe/Brussels",
					    "America/New_York"};
	char path[] = "/tmp/test_storescan.XXXXXX";
	struct strbuf text = STRBUF_INIT, ids_a = STRBUF_INIT,
		      ids_b = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct evlist whole = EVLIST_INIT, windowed = EVLIST_INIT;
	struct storescan_want w = {0};
	int fd;

	strbuf_addf(&text, "%s", "\xEF\xBB\xBF# a store\n\n");
	for (int i = 0; i < 30000; i++) {
		int day = 1 + i % 28, month = 1 + i / 28 % 12;
		int year = 2020 + i / (28 * 12);

		strbuf_addf(&text,
			    "%04d-%02d-%02d %02d:00-%02d:45     meeting    "
			    "Event %d @ Venue %d, Tokyo, JP%s\n"
			    "    id: %016x\n    tz: %s\n",
			    year, month, day, 9 + i % 8, 9 + i % 8, i, i % 97,
			    i % 1000 == 7 ? "\r" : "",
			    (unsigned)i * 2654435761u, zones[i % 3]);
		if (i % 3 == 0)
			strbuf_addf(&text,
				    "    note: Generated event %d, "
				    "a line of some length.\n",
				    i);
		if (i % 5000 == 11)
			strbuf_addf(&text, "    note: an escaped \\@ sign\n");
	}
	fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK(write(fd, text.buf, text.len) == (ssize_t)text.len);
	w.has_from = w.has_to = true;
	w.from_day = day_of("2025-03-01");
	w.to_day = day_of("2025-06-30");
	w.each_id = note_id;
	w.ctx = &ids_a;
	CHECK_INT(storescan_parse(text.buf, text.len, "t", &w, &whole), 0);
	w.ctx = &ids_b;
	CHECK_INT(storescan_read(fd, "t", &w, &windowed), 0);
	CHECK(whole.n > 100);
	CHECK_INT(windowed.n, whole.n);
	for (size_t i = 0; i < whole.n && i < windowed.n; i++) {
		strbuf_reset(&a);
		strbuf_reset(&b);
		itinfmt_write_event(&a, whole.v[i]);
		itinfmt_write_event(&b, windowed.v[i]);
		CHECK_STR(b.buf, a.buf);
		CHECK_INT(windowed.v[i]->line, whole.v[i]->line);
	}
	CHECK_INT(ids_b.len, ids_a.len);
	close(fd);
	unlink(path);
	evlist_release(&whole);
	evlist_release(&windowed);
	strbuf_release(&text);
	strbuf_release(&ids_a);
	strbuf_release(&ids_b);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* Lines and blocks longer than the window (a comment of 1.5 MiB before
 * the first event, a block of 1.5 MiB of notes): the window grows to
 * hold them, and the read agrees with the scan of the whole text. */
TEST(window_grows)
{
	struct strbuf text = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct storescan_want w = {0};

	w.has_from = w.has_to = true;
	w.from_day = w.to_day = day_of("2023-06-01");
	for (int form = 0; form < 2; form++) {
		char path[] = "/tmp/test_storescan.XXXXXX";
		struct evlist whole = EVLIST_INIT, windowed = EVLIST_INIT;
		int fd, r_whole, r_windowed;

		strbuf_reset(&text);
		if (form == 0) {
			strbuf_addstr(&text, "# ");
			for (int i = 0; i < 150000; i++)
				strbuf_addstr(&text, "0123456789");
			strbuf_addstr(&text, "\n");
		}
		strbuf_addstr(&text, "2023-06-01  visit  A\n    id: a\n");
		if (form == 1)
			for (int i = 0; i < 60000; i++)
				strbuf_addstr(&text, "    note: a line of "
						     "notes\n");
		strbuf_addstr(&text, "2020-06-01  visit  B\n    id: b\n");
		fd = mkstemp(path);
		CHECK(fd >= 0);
		CHECK(write(fd, text.buf, text.len) == (ssize_t)text.len);
		r_whole = storescan_parse(text.buf, text.len, "t", &w, &whole);
		r_windowed = storescan_read(fd, "t", &w, &windowed);
		CHECK_INT(r_windowed, r_whole);
		CHECK_INT(windowed.n, whole.n);
		for (size_t i = 0; i < whole.n && i < windowed.n; i++) {
			strbuf_reset(&a);
			strbuf_reset(&b);
			itinfmt_write_event(&a, whole.v[i]);
			itinfmt_write_event(&b, windowed.v[i]);
			CHECK_STR(b.buf, a.buf);
		}
		close(fd);
		unlink(path);
		evlist_release(&whole);
		evlist_release(&windowed);
	}
	strbuf_release(&text);
	strbuf_release(&a);
	strbuf_release(&b);
}

int main(void)
{
	RUN(plain_blocks);
	RUN(zone_edges);
	RUN(spans);
	RUN(forms_read_fully);
	RUN(gives_up);
	RUN(nul_gives_up);
	RUN(file_errors_identical);
	RUN(id_repeats);
	RUN(id_repeats_numbered);
	RUN(window_read);
	RUN(window_grows);
	return test_done();
}
