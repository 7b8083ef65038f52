/* test_hashmap.c: the one hash map (hashmap.c): string keys, many
 * entries per hash in add order, removal during a walk, growth, and a
 * hash every key shares. */
#include "test.h"

#include <stdint.h>

#include "itin/hash.h"
#include "itin/hashmap.h"
#include "itin/xalloc.h"

struct name_entry {
	struct hashmap_entry e;
	char *name;
	size_t value;
};

static bool name_eq(const void *ctx, const void *entry, const void *key)
{
	(void)ctx;
	return !strcmp(((const struct name_entry *)entry)->name, key);
}

static uint64_t hash_name(const char *s)
{
	return fnv1a_str(FNV1A_OFFSET, s);
}

/* A hash shared by every key: lookups must still tell keys apart. */
static uint64_t hash_same(const char *s)
{
	(void)s;
	return 42;
}

static void put(struct hashmap *map, uint64_t (*hash)(const char *),
		const char *name, size_t value)
{
	struct name_entry *n = hashmap_add(map, hash(name));

	CHECK(n->name == NULL && n->value == 0);
	n->name = xstrdup(name);
	n->value = value;
}

static long get(const struct hashmap *map, uint64_t (*hash)(const char *),
		const char *name)
{
	const struct name_entry *n = hashmap_get(map, hash(name), name);

	return n ? (long)n->value : -1;
}

static void release(struct hashmap *map)
{
	for (size_t i = 0; i < hashmap_count(map); i++)
		free(((struct name_entry *)hashmap_at(map, i))->name);
	hashmap_release(map);
}

/* n keys "k0".."k(n-1)" under hash, each found again, then absent ones. */
static void many(uint64_t (*hash)(const char *), size_t n)
{
	struct hashmap map;
	char key[32];

	hashmap_init(&map, sizeof(struct name_entry), name_eq, NULL);
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		put(&map, hash, key, i);
	}
	CHECK_INT(hashmap_count(&map), n);
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		CHECK_INT(get(&map, hash, key), i);
	}
	CHECK_INT(get(&map, hash, "absent"), -1);
	snprintf(key, sizeof(key), "k%zu", n);
	CHECK_INT(get(&map, hash, key), -1);
	release(&map);
}

TEST(empty_map)
{
	struct hashmap map = HASHMAP_INIT(struct name_entry, name_eq, NULL);
	struct hashmap_iter it;

	CHECK(hashmap_get(&map, 1, "x") == NULL);
	CHECK(hashmap_first(&map, 1, &it) == NULL);
	CHECK(hashmap_last(&map, 1) == NULL);
	CHECK_INT(hashmap_count(&map), 0);
	hashmap_release(&map);
	hashmap_release(&map); /* twice is fine: released is empty */
	put(&map, hash_name, "again", 1);
	CHECK_INT(get(&map, hash_name, "again"), 1);
	release(&map);
}

TEST(string_keys)
{
	struct hashmap map;
	const struct name_entry *last;

	hashmap_init(&map, sizeof(struct name_entry), name_eq, NULL);
	put(&map, hash_name, "Asia/Seoul", 1);
	put(&map, hash_name, "Europe/Paris", 2);
	put(&map, hash_name, "", 3);
	CHECK_INT(get(&map, hash_name, "Asia/Seoul"), 1);
	CHECK_INT(get(&map, hash_name, "Europe/Paris"), 2);
	CHECK_INT(get(&map, hash_name, ""), 3);
	CHECK_INT(get(&map, hash_name, "asia/seoul"), -1);
	/* A second entry of a key: get() finds the first added. */
	put(&map, hash_name, "Asia/Seoul", 4);
	CHECK_INT(get(&map, hash_name, "Asia/Seoul"), 1);
	last = hashmap_last(&map, hash_name("Asia/Seoul"));
	CHECK(last && last->value == 4);
	release(&map);
}

TEST(growth_past_many_resizes)
{
	many(hash_name, 100000); /* from 16 slots: 14 doublings */
}

/* A reserved map takes the entries it was sized for, and more, and
 * keeps what it held: reserving moves the slots of a map in use. The
 * tables pass 2 MiB, where they are allocated apart (huge pages). */
TEST(reserve_then_many_puts)
{
	struct hashmap map;
	char key[32];
	size_t n = 300000;

	hashmap_init(&map, sizeof(struct name_entry), name_eq, NULL);
	put(&map, hash_name, "before", 7);
	hashmap_reserve(&map, 200000);
	hashmap_reserve(&map, 10); /* room already: nothing moves */
	CHECK_INT(get(&map, hash_name, "before"), 7);
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		put(&map, hash_name, key, i);
	}
	CHECK_INT(hashmap_count(&map), n + 1);
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		CHECK_INT(get(&map, hash_name, key), i);
	}
	CHECK_INT(get(&map, hash_name, "before"), 7);
	CHECK_INT(get(&map, hash_name, "absent"), -1);
	release(&map);
}

TEST(every_key_collides)
{
	many(hash_same, 2000);
}

struct pos_entry {
	struct hashmap_entry e;
	size_t pos;
};

/* The positions under hash, in walk order, as "1 2 3". */
static const char *walk(const struct hashmap *map, uint64_t hash)
{
	static char out[256];
	struct hashmap_iter it;
	size_t n = 0;

	out[0] = '\0';
	for (const struct pos_entry *p = hashmap_first(map, hash, &it); p;
	     p = hashmap_next(map, &it))
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%zu",
				      n ? " " : "", p->pos);
	return out;
}

static void add_pos(struct hashmap *map, uint64_t hash, size_t pos)
{
	struct pos_entry *p = hashmap_add(map, hash);

	p->pos = pos;
}

TEST(all_entries_of_one_hash_in_add_order)
{
	struct hashmap map;

	hashmap_init(&map, sizeof(struct pos_entry), NULL, NULL);
	for (size_t i = 0; i < 10; i++)
		add_pos(&map, i % 3 ? 7 : 0, i); /* 0 is a hash like any */
	CHECK_STR(walk(&map, 7), "1 2 4 5 7 8");
	CHECK_STR(walk(&map, 0), "0 3 6 9");
	CHECK_STR(walk(&map, 8), "");
	/* Growth moves slots, never the chains' order. */
	for (size_t i = 0; i < 1000; i++)
		add_pos(&map, 100 + i, i);
	add_pos(&map, 7, 10);
	CHECK_STR(walk(&map, 7), "1 2 4 5 7 8 10");
	CHECK_INT(((struct pos_entry *)hashmap_last(&map, 7))->pos, 10);
	hashmap_release(&map);
}

/* Remove the entries of hash whose position is in drop (a string of
 * digits); the walk sees every entry once. */
static void remove_some(struct hashmap *map, uint64_t hash, const char *drop)
{
	struct hashmap_iter it;
	size_t seen = 0;

	for (const struct pos_entry *p = hashmap_first(map, hash, &it); p;
	     p = hashmap_next(map, &it)) {
		seen++;
		if (strchr(drop, (int)('0' + p->pos)))
			hashmap_remove(map, &it);
	}
	CHECK(seen > 0);
}

TEST(remove_while_walking)
{
	struct hashmap map;

	hashmap_init(&map, sizeof(struct pos_entry), NULL, NULL);
	for (size_t i = 0; i < 6; i++)
		add_pos(&map, 5, i);
	remove_some(&map, 5, "025"); /* first, middle, last */
	CHECK_STR(walk(&map, 5), "1 3 4");
	CHECK_INT(((struct pos_entry *)hashmap_last(&map, 5))->pos, 4);
	add_pos(&map, 5, 6); /* after a removed tail, at the end */
	CHECK_STR(walk(&map, 5), "1 3 4 6");
	remove_some(&map, 5, "1346"); /* all of them */
	CHECK_STR(walk(&map, 5), "");
	CHECK(hashmap_last(&map, 5) == NULL);
	CHECK_INT(hashmap_count(&map), 7); /* removed ones stay reachable */
	/* The emptied hash keeps its slot: others probing past it (every
	 * hash here takes the same first slot) are still found. */
	add_pos(&map, 5 + 16, 7);
	CHECK_STR(walk(&map, 5 + 16), "7");
	add_pos(&map, 5, 8);
	CHECK_STR(walk(&map, 5), "8");
	hashmap_release(&map);
}

/* A context is the struct that owns the caller's array, so the array may
 * move (realloc) under the map: entries keep positions, not pointers. */
struct names {
	char **v;
	size_t n, alloc;
	struct hashmap map;
};

static bool at_eq(const void *ctx, const void *entry, const void *key)
{
	const struct names *ns = ctx;

	return !strcmp(ns->v[((const struct pos_entry *)entry)->pos], key);
}

TEST(entries_name_positions_in_a_growing_array)
{
	struct names ns = {NULL, 0, 0, {0}};
	char key[32];

	hashmap_init(&ns.map, sizeof(struct pos_entry), at_eq, &ns);
	for (size_t i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "name %zu", i);
		ns.v = xgrow(ns.v, &ns.alloc, ns.n + 1, sizeof(*ns.v));
		ns.v[ns.n] = xstrdup(key);
		add_pos(&ns.map, hash_name(key), ns.n++);
	}
	for (size_t i = 0; i < 5000; i += 7) {
		const struct pos_entry *p;

		snprintf(key, sizeof(key), "name %zu", i);
		p = hashmap_get(&ns.map, hash_name(key), key);
		CHECK(p && p->pos == i);
	}
	for (size_t i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	hashmap_release(&ns.map);
}

int main(void)
{
	RUN(empty_map);
	RUN(string_keys);
	RUN(growth_past_many_resizes);
	RUN(reserve_then_many_puts);
	RUN(every_key_collides);
	RUN(all_entries_of_one_hash_in_add_order);
	RUN(remove_while_walking);
	RUN(entries_name_positions_in_a_growing_array);
	return test_done();
}
