/*
 * test_idtable.c: ids to positions in a list of events (idtable.h), as
 * the CSV reader and the merger use it: found where put, absent when not,
 * ids that share a hash told apart by their text, a put of a known id
 * moving it, and growth past the first table.
 */
#include "test.h"

#include "itin/event.h"
#include "itin/evlist.h"
#include "itin/idtable.h"

/* A list of n events with ids "id-0", "id-1"... */
static void make_list(struct evlist *l, size_t n)
{
	char id[32];

	for (size_t i = 0; i < n; i++) {
		struct event *ev = event_new();

		snprintf(id, sizeof(id), "id-%zu", i);
		event_set_str(ev, &ev->id, id);
		evlist_add(l, ev);
	}
}

TEST(found_where_put)
{
	struct evlist l = EVLIST_INIT;
	struct idtable t = IDTABLE_INIT;
	char id[32];
	size_t n = 5000, i;
	int bad = 0;

	make_list(&l, n);
	CHECK_INT(idtable_find(&t, &l, "id-0", idtable_hash("id-0")), -1);
	for (i = 0; i < n; i++)
		idtable_put(&t, &l, l.v[i]->id, idtable_hash(l.v[i]->id), i);
	CHECK_INT(t.n, n);
	CHECK(t.cap >= n * 4 / 3);
	for (i = 0; i < n; i++)
		if (idtable_find(&t, &l, l.v[i]->id,
				 idtable_hash(l.v[i]->id)) != (long)i)
			bad++;
	CHECK_INT(bad, 0);
	for (i = n; i < 2 * n; i++) {
		snprintf(id, sizeof(id), "id-%zu", i);
		if (idtable_find(&t, &l, id, idtable_hash(id)) != -1)
			bad++;
	}
	CHECK_INT(bad, 0);
	idtable_release(&t);
	evlist_release(&l);
}

TEST(same_hash_told_apart)
{
	struct evlist l = EVLIST_INIT;
	struct idtable t = IDTABLE_INIT;

	/* Every id under one hash: the text decides. */
	make_list(&l, 40);
	for (size_t i = 0; i < 40; i++)
		idtable_put(&t, &l, l.v[i]->id, 7, i);
	CHECK_INT(idtable_find(&t, &l, "id-0", 7), 0);
	CHECK_INT(idtable_find(&t, &l, "id-39", 7), 39);
	CHECK_INT(idtable_find(&t, &l, "id-17", 7), 17);
	CHECK_INT(idtable_find(&t, &l, "id-40", 7), -1);
	CHECK_INT(idtable_find(&t, &l, "id-17", 8), -1);
	idtable_release(&t);
	evlist_release(&l);
}

TEST(put_again_moves)
{
	struct evlist l = EVLIST_INIT;
	struct idtable t = IDTABLE_INIT;
	uint64_t h;

	/* Two events with one id (a hand-edited store): the table holds
	 * the position it was last put at. */
	make_list(&l, 3);
	event_set_str(l.v[2], &l.v[2]->id, "id-0");
	h = idtable_hash("id-0");
	idtable_put(&t, &l, "id-0", h, 0);
	idtable_put(&t, &l, "id-1", idtable_hash("id-1"), 1);
	CHECK_INT(idtable_find(&t, &l, "id-0", h), 0);
	idtable_put(&t, &l, "id-0", h, 2);
	CHECK_INT(t.n, 2);
	CHECK_INT(idtable_find(&t, &l, "id-0", h), 2);
	idtable_release(&t);
	CHECK(t.v == NULL && t.cap == 0 && t.n == 0);
	evlist_release(&l);
}

TEST(reserve_sizes_once)
{
	struct evlist l = EVLIST_INIT;
	struct idtable t = IDTABLE_INIT;
	struct idtable_slot *v;

	make_list(&l, 3000);
	idtable_reserve(&t, 3000);
	v = t.v;
	for (size_t i = 0; i < 3000; i++)
		idtable_put(&t, &l, l.v[i]->id, idtable_hash(l.v[i]->id), i);
	CHECK(t.v == v);
	CHECK_INT(idtable_find(&t, &l, "id-2999", idtable_hash("id-2999")),
		  2999);
	idtable_release(&t);
	evlist_release(&l);
}

int main(void)
{
	RUN(found_where_put);
	RUN(same_hash_told_apart);
	RUN(put_again_moves);
	RUN(reserve_sizes_once);
	return test_done();
}
