/*
 * test_storestream.c: a streamed read (storestream.h) against the full
 * reader: the zones its first pass gathers are those icalio_zones_add()
 * gathers from the events; the sort of records in bounded memory
 * (runsort.h); and the stream against the whole read, sorted (each
 * record's instant and place checked by the second pass, which reads
 * every block again, vouched for or not).
 */
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itin/icalio.h"
#include "itin/itinfmt.h"
#include "itin/runsort.h"
#include "itin/storestream.h"

/* Blocks of every form the scan vouches for, and some it does not. */
static const char store[] =
    "2024-03-10 09:00-10:00  meeting  A\n    id: a1\n    tz: Asia/Tokyo\n"
    "2021-03-28 01:30  call  B\n    id: b1\n    tz: America/New_York\n"
    "2023-10-29 09:00..2024-04-01 08:00  travel  C\n    id: c1\n"
    "    tz: Australia/Sydney\n"
    "2022-05-01  visit  D\n    id: d1\n"
    "2022-05-01..2022-05-04  visit  E\n    id: e1\n"
    "2020-12-31 23:00-23:30  call  F\n    id: f1\n    tz: floating\n"
    "2025-01-01 00:00  call  G\n    id: g1\n    tz: Pacific/Kiritimati\n"
    "2024-06-15T10:00..2024-06-17T08:00  travel  H\n    id: h1\n"
    "    tz: Europe/Oslo\n    end-tz: America/Chicago\n"
    "2019-02-02 10:00  call  I \\, J\n    id: i1\n    tz: Europe/Paris\n";

static int zone_cmp(const void *a, const void *b)
{
	return strcmp(((const struct icalio_zone_years *)a)->name,
		      ((const struct icalio_zone_years *)b)->name);
}

/* text written to a new temporary file, its name into path (a
 * mkstemp() template): 0, or -1. */
static int write_store(char *path, const char *text)
{
	int fd = mkstemp(path);
	size_t len = strlen(text);
	bool ok;

	CHECK(fd >= 0);
	if (fd < 0)
		return -1;
	ok = write(fd, text, len) == (ssize_t)len;
	CHECK(ok);
	close(fd);
	if (!ok)
		unlink(path);
	return ok ? 0 : -1;
}

/* The zones of every event, gathered in the first pass from the blocks
 * (those the scan vouches for and those the full reader reads). */
TEST(zones_are_the_events)
{
	struct icalio_zones want = ICALIO_ZONES_INIT, got = ICALIO_ZONES_INIT;
	char path[] = "/tmp/itin-test-stream.XXXXXX";
	struct filter f = FILTER_INIT;
	struct storestream s;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	CHECK(itinfmt_parse(store, sizeof(store) - 1, "s", &l, NULL, &err) ==
	      0);
	for (size_t i = 0; i < l.n; i++)
		icalio_zones_add(&want, l.v[i]);
	if (write_store(path, store) == 0) {
		CHECK(storestream_open(&s, path, &f, NULL, &got, NULL, &err) ==
		      0);
		/* Streamed: the zones are the first pass's. */
		CHECK(s.fd >= 0);
		storestream_close(&s);
		unlink(path);
	}
	CHECK_INT((long)got.n, (long)want.n);
	qsort(got.v, got.n, sizeof(*got.v), zone_cmp);
	qsort(want.v, want.n, sizeof(*want.v), zone_cmp);
	for (size_t i = 0; i < got.n && i < want.n; i++) {
		CHECK_STR(got.v[i].name, want.v[i].name);
		CHECK_INT(got.v[i].first, want.v[i].first);
		CHECK_INT(got.v[i].last, want.v[i].last);
	}
	icalio_zones_release(&want);
	icalio_zones_release(&got);
	evlist_release(&l);
}

/* n records of a sort holding a few hundred (so many runs, and merges
 * of merges), as they come back: in order, each once, again after a
 * rewind. */
static void check_runsort(size_t n)
{
	struct runsort rs;
	struct runsort_item it, last = {0, 0};
	struct itin_err err;
	uint64_t sum_in = 0, sum_out = 0;
	size_t got;
	bool sorted = true;

	runsort_init(&rs, 4096);
	for (size_t i = 0; i < n; i++) {
		/* Ties on the key, out of order, both halves of the range. */
		uint64_t key = (uint64_t)(i * 7919 % 997) << 54 | (i % 3);
		uint64_t val = (uint64_t)(i * 104729 % (n + 1));

		runsort_add(&rs, key, val);
		sum_in += key * 31 + val;
	}
	CHECK(runsort_finish(&rs, &err) == 0);
	for (int pass = 0; pass < 2; pass++) {
		got = 0;
		sum_out = 0;
		while (runsort_next(&rs, &it, &err) == 1) {
			if (got && (it.key < last.key ||
				    (it.key == last.key && it.val < last.val)))
				sorted = false;
			last = it;
			sum_out += it.key * 31 + it.val;
			got++;
		}
		CHECK_INT((long)got, (long)n);
		CHECK(sorted);
		CHECK(sum_out == sum_in);
		CHECK(runsort_rewind(&rs, &err) == 0);
	}
	runsort_release(&rs);
}

TEST(runsort_in_memory_and_in_runs)
{
	check_runsort(0);
	check_runsort(1);
	check_runsort(255);
	check_runsort(1000);	/* a few runs */
	check_runsort(40000); /* over 64 runs: merged twice */
}

/* No temporary file to be had: the records stay in memory, the same. */
TEST(runsort_without_a_temporary_file)
{
	const char *old = getenv("TMPDIR");
	char *keep = old ? strdup(old) : NULL;

	setenv("TMPDIR", "/nonexistent/itin-test", 1);
	check_runsort(5000);
	if (keep)
		setenv("TMPDIR", keep, 1);
	else
		unsetenv("TMPDIR");
	free(keep);
}

/* The stream over a store file against the whole read, sorted: the
 * same events in the same order, for a store in order, out of order,
 * and with ties. */
static void check_stream(const char *text)
{
	char path[] = "/tmp/itin-test-stream.XXXXXX";
	struct filter f = FILTER_INIT;
	struct storestream s;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	struct event *ev;
	size_t i = 0;
	int r;

	if (write_store(path, text))
		return;
	CHECK(itinfmt_parse(text, strlen(text), "s", &l, NULL, &err) == 0);
	evlist_sort(&l);
	CHECK(storestream_open(&s, path, &f, NULL, NULL, NULL, &err) == 0);
	/* Streamed, not read whole. */
	CHECK(s.fd >= 0);
	while ((r = storestream_next(&s, &ev, &err)) == 1) {
		CHECK(i < l.n);
		if (i < l.n)
			CHECK_STR(ev->id, l.v[i]->id);
		i++;
	}
	CHECK_INT(r, 0);
	CHECK_INT((long)i, (long)l.n);
	storestream_close(&s);
	evlist_release(&l);
	unlink(path);
}

TEST(stream_is_the_sorted_read)
{
	check_stream(store);
	check_stream("2020-01-01 09:00  call  A\n    id: a\n    tz: UTC\n"
		     "2020-01-02 09:00  call  B\n    id: b\n    tz: UTC\n");
	/* Ties on the start: end, then title, then id decide. */
	check_stream("2020-01-01 09:00-11:00  call  Z\n    id: z\n    tz: UTC\n"
		     "2020-01-01 09:00-10:00  call  Z\n    id: y\n    tz: UTC\n"
		     "2020-01-01 09:00-10:00  call  A\n    id: x\n    tz: UTC\n"
		     "2019-01-01 09:00-10:00  call  A\n    id: w\n    tz: UTC\n"
		     "2020-01-01 09:00-10:00  call  A\n    id: v\n    tz: UTC\n");
}

int main(void)
{
	RUN(zones_are_the_events);
	RUN(runsort_in_memory_and_in_runs);
	RUN(runsort_without_a_temporary_file);
	RUN(stream_is_the_sorted_read);
	return test_done();
}
