/*
 * hashmap.c: open addressing over distinct hashes, each slot the head of
 * a chain of entries in add order (see hashmap.h for why).
 */
#include <stdlib.h>
#include <string.h>

#include "itin/hashmap.h"
#include "itin/xalloc.h"

/* The first table; it doubles whenever it would be more than half full. */
#define HASHMAP_FIRST_CAP 16

/*
 * A slot is in use once tail1 is set, for good: a hash whose entries are
 * all removed keeps its slot (head1 0), so the probe runs through it
 * stay unbroken and no tombstones are needed.
 */
struct hashmap_slot {
	uint64_t hash;
	uint32_t head1; /* 1 + index of the hash's first entry; 0: none */
	uint32_t tail1; /* 1 + index of its last; 0: the slot is free */
};

static struct hashmap_entry *entry1(const struct hashmap *map, uint32_t i1)
{
	return (struct hashmap_entry *)(map->entries +
					(size_t)(i1 - 1) * map->esize);
}

/* The slot of hash: its own, or the free one it would take. */
static size_t find_slot(const struct hashmap *map, uint64_t hash)
{
	size_t mask = map->cap - 1, i = (size_t)hash & mask;

	while (map->slots[i].tail1 && map->slots[i].hash != hash)
		i = (i + 1) & mask;
	return i;
}

/* The slot of hash in use, or NULL. */
static const struct hashmap_slot *lookup(const struct hashmap *map,
					 uint64_t hash)
{
	const struct hashmap_slot *s;

	if (!map->cap)
		return NULL;
	s = &map->slots[find_slot(map, hash)];
	return s->tail1 ? s : NULL;
}

/*
 * Slots for cap hashes (a power of two), the used ones moved over. A big
 * table (an id index of 100000 events is 4 MiB) is read at random, so it
 * is asked for huge pages (xcalloc_huge): lookups of ids not there, most
 * of an import's, then miss the TLB less and cost a third less.
 */
static void resize_slots(struct hashmap *map, size_t cap)
{
	struct hashmap_slot *old = map->slots;
	size_t oldcap = map->cap;

	map->cap = cap;
	map->slots = xcalloc_huge(cap, sizeof(struct hashmap_slot));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].tail1)
			map->slots[find_slot(map, old[i].hash)] = old[i];
	free(old);
}

static void grow_slots(struct hashmap *map)
{
	resize_slots(map, map->cap ? 2 * map->cap : HASHMAP_FIRST_CAP);
}

void hashmap_reserve(struct hashmap *map, size_t n)
{
	size_t cap = map->cap ? map->cap : HASHMAP_FIRST_CAP;

	if (n > UINT32_MAX - 2 - map->n)
		xalloc_die(0);
	while ((map->nhashes + n) * 2 > cap)
		cap *= 2;
	if (cap != map->cap)
		resize_slots(map, cap);
	map->entries = xgrow(map->entries, &map->alloc, map->n + n, map->esize);
}

void hashmap_init(struct hashmap *map, size_t esize, hashmap_eq_fn eq,
		  const void *ctx)
{
	memset(map, 0, sizeof(*map));
	if (esize < sizeof(struct hashmap_entry))
		esize = sizeof(struct hashmap_entry);
	map->esize = esize;
	map->eq = eq;
	map->ctx = ctx;
}

void hashmap_release(struct hashmap *map)
{
	free(map->slots);
	free(map->entries);
	hashmap_init(map, map->esize, map->eq, map->ctx);
}

void *hashmap_add(struct hashmap *map, uint64_t hash)
{
	struct hashmap_slot *s;
	struct hashmap_entry *e;
	uint32_t i1;

	if (map->n >= UINT32_MAX - 1)
		xalloc_die(0);
	if ((map->nhashes + 1) * 2 > map->cap)
		grow_slots(map);
	map->entries = xgrow(map->entries, &map->alloc, map->n + 1, map->esize);
	i1 = (uint32_t)++map->n;
	e = entry1(map, i1);
	memset(e, 0, map->esize);
	s = &map->slots[find_slot(map, hash)];
	if (!s->tail1) {
		s->hash = hash;
		map->nhashes++;
	}
	if (s->head1)
		entry1(map, s->tail1)->next1 = i1;
	else
		s->head1 = i1;
	s->tail1 = i1;
	return e;
}

void *hashmap_first(const struct hashmap *map, uint64_t hash,
		    struct hashmap_iter *it)
{
	const struct hashmap_slot *s = lookup(map, hash);

	it->slot = s ? (size_t)(s - map->slots) : 0;
	it->prev1 = it->cur1 = 0;
	it->next1 = s ? s->head1 : 0;
	return hashmap_next(map, it);
}

void *hashmap_next(const struct hashmap *map, struct hashmap_iter *it)
{
	struct hashmap_entry *e;

	if (it->cur1) /* not removed: it is the one before the next */
		it->prev1 = it->cur1;
	it->cur1 = it->next1;
	if (!it->cur1)
		return NULL;
	e = entry1(map, it->cur1);
	it->next1 = e->next1;
	return e;
}

void hashmap_remove(struct hashmap *map, struct hashmap_iter *it)
{
	struct hashmap_slot *s = &map->slots[it->slot];

	if (!it->cur1)
		return;
	if (it->prev1)
		entry1(map, it->prev1)->next1 = it->next1;
	else
		s->head1 = it->next1;
	/* With no entry left the tail stays set: the slot stays in use. */
	if (s->tail1 == it->cur1 && it->prev1)
		s->tail1 = it->prev1;
	it->cur1 = 0;
}

/* A walk of its own, not hashmap_first()'s: this is every lookup's. */
void *hashmap_get(const struct hashmap *map, uint64_t hash, const void *key)
{
	const struct hashmap_slot *s = lookup(map, hash);
	struct hashmap_entry *e;
	uint32_t i1;

	for (i1 = s ? s->head1 : 0; i1; i1 = e->next1) {
		e = entry1(map, i1);
		if (map->eq(map->ctx, e, key))
			return e;
	}
	return NULL;
}

void *hashmap_last(const struct hashmap *map, uint64_t hash)
{
	const struct hashmap_slot *s = lookup(map, hash);

	return s && s->head1 ? entry1(map, s->tail1) : NULL;
}
