/*
 * test_storestream.c: the first pass of a streamed read (storescan_index,
 * storestream.h) against the full reader: each record's instants are
 * those of its block's event, the zones those icalio_zones_add() gathers
 * from the events, every block's place its own (read again in the
 * second pass), and the records sort by start, then file order.
 */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "itin/icalio.h"
#include "itin/itinfmt.h"
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

TEST(records_are_the_events)
{
	struct icalio_zones want = ICALIO_ZONES_INIT, got = ICALIO_ZONES_INIT;
	struct storescan_index ix = {0};
	struct storescan_want all = {0};
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	size_t len = sizeof(store) - 1;

	CHECK(itinfmt_parse(store, len, "s", &l, NULL, &err) == 0);
	for (size_t i = 0; i < l.n; i++)
		icalio_zones_add(&want, l.v[i]);
	ix.zones = &got;
	CHECK(storescan_index(store, len, "s", &all, &ix) == 0);
	CHECK_INT((long)ix.n, (long)l.n);
	for (size_t i = 0; i < ix.n && i < l.n; i++) {
		const struct storescan_rec *r = &ix.v[i];
		const struct event *ev = l.v[i];

		CHECK_INT((long)r->start_utc, (long)ev->start_utc);
		/* Its place in the store: the block, whole, vouched for or
		 * not (the last two: an end zone, an escape). */
		struct evlist one = EVLIST_INIT;

		CHECK(itinfmt_parse(store + STORESCAN_OFF(r), STORESCAN_LEN(r),
				    "s", &one, NULL, &err) == 0);
		CHECK_INT((long)one.n, 1);
		if (one.n == 1)
			CHECK_STR(one.v[0]->id, ev->id);
		evlist_release(&one);
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
	storescan_index_release(&ix);
	evlist_release(&l);
}

/* The order the heap sort must give: by start, then place. */
static bool in_order(const struct storescan_rec *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (v[i - 1].start_utc > v[i].start_utc ||
		    (v[i - 1].start_utc == v[i].start_utc &&
		     v[i - 1].place >= v[i].place))
			return false;
	return true;
}

TEST(sort_by_start_then_file_order)
{
	struct storescan_rec v[] = {
	    {5, 40}, {5, 30}, {1, 50}, {5, 10}, {-3, 20}, {7, 5},
	};
	const unsigned want[] = {20, 50, 10, 30, 40, 5};
	struct storescan_rec *many = malloc(1000 * sizeof(*many));

	storestream_sort(v, sizeof(v) / sizeof(v[0]));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		CHECK_INT((long)v[i].place, (long)want[i]);
	/* Many, with ties, out of order; then already in order. */
	for (size_t i = 0; i < 1000; i++)
		many[i] = (struct storescan_rec){(int64_t)(i * 7919 % 37),
						 (uint64_t)(i * 104729 % 1000)};
	storestream_sort(many, 1000);
	CHECK(in_order(many, 1000));
	storestream_sort(many, 1000);
	CHECK(in_order(many, 1000));
	free(many);
}

int main(void)
{
	RUN(records_are_the_events);
	RUN(sort_by_start_then_file_order);
	return test_done();
}
