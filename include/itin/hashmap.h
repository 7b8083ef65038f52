/*
 * hashmap.h: the one hash map of itin, from 64-bit hashes to entries of
 * the caller's type (after git's hashmap.h).
 *
 * The caller computes the hash (hash.h) and defines its entry with a
 * struct hashmap_entry as the first member:
 *
 *	struct zone_entry {
 *		struct hashmap_entry e;
 *		char *name;
 *		struct tz *tz;
 *	};
 *
 *	static bool zone_eq(const void *ctx, const void *entry, const void *key)
 *	{
 *		return !strcmp(((const struct zone_entry *)entry)->name, key);
 *	}
 *
 *	hashmap_init(&map, sizeof(struct zone_entry), zone_eq, NULL);
 *	z = hashmap_add(&map, hash_short_key(name, len));
 *	z->name = xstrdup(name);
 *	...
 *	z = hashmap_get(&map, hash_short_key(name, len), name);
 *
 * One hash may hold many entries: hashmap_add() always adds, and
 * hashmap_first()/hashmap_next() walk every entry of one hash in the
 * order they were added, without the compare callback (the merger of
 * evmerge.c compares its candidates itself). hashmap_get() is the first
 * of them the callback calls equal to the key.
 *
 * The map owns the entries: they live in one array of the map's, so an
 * entry never points into an array of the caller's, and the caller's
 * arrays may grow as they like. Keep positions in the entry, not
 * pointers, and give the map as ctx the struct that owns the array, not
 * the array (evmerge.c keeps store positions while the store grows;
 * test_hashmap.c shows a ctx). An entry pointer is valid until the next
 * hashmap_add() (the array may move); so is a walk.
 * hashmap_release() frees the map's memory, not what the entries point
 * to: free that first (hashmap_at() reaches every entry ever added).
 *
 * Why this shape. git's map chains the caller's own structs by pointer,
 * which an array that grows would leave dangling. Here: open addressing
 * over the distinct hashes (linear probing, at most half full: one flat
 * array, no pointer to chase until the hash matches), each slot heading
 * a chain of its entries in an array of their own (linked by index,
 * first to last). So a million entries of one hash (look-alike events)
 * are one slot and one chain, not a million-long run of probes, and
 * their add order is kept in O(1) per add; a lookup never walks another
 * hash's entries. The entries do not move when the slots grow, and
 * slots hold no pointers at all. At most 2^32 - 2 entries (the links
 * are 32-bit, to keep a slot 16 bytes); more is out of memory, as
 * xalloc.h says it.
 */
#ifndef ITIN_HASHMAP_H
#define ITIN_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The first member of every entry; the map's own, not to be touched. */
struct hashmap_entry {
	uint32_t next1; /* 1 + index of the next entry of its hash; 0: last */
};

/* Whether entry (the caller's type) has key; ctx is the map's. */
typedef bool (*hashmap_eq_fn)(const void *ctx, const void *entry,
			      const void *key);

struct hashmap_slot;

struct hashmap {
	struct hashmap_slot *slots; /* cap of them, a power of two */
	size_t cap, nhashes;	    /* nhashes: slots in use */
	unsigned char *entries;	    /* n entries of esize bytes each */
	size_t esize, n, alloc;
	hashmap_eq_fn eq; /* for hashmap_get(); may be NULL without it */
	const void *ctx;
};

/*
 * A walk over the entries of one hash; hashmap_first() sets it up. The
 * map's own fields.
 */
struct hashmap_iter {
	size_t slot;
	uint32_t prev1, cur1, next1;
};

/*
 * An empty map of entries of esize bytes (or of type) that compares keys
 * with eq; allocates nothing. HASHMAP_INIT is for a static map.
 */
#define HASHMAP_INIT(type, eq_fn, ctx_ptr)                                     \
	{                                                                      \
		.esize = sizeof(type), .eq = (eq_fn), .ctx = (ctx_ptr)         \
	}
void hashmap_init(struct hashmap *map, size_t esize, hashmap_eq_fn eq,
		  const void *ctx);
/* Free the map's memory (not what entries point to) and empty it; it
 * is ready for new entries of the same kind. */
void hashmap_release(struct hashmap *map);

/*
 * Room for n more entries, each of a hash of its own, made at once: a
 * caller that knows how many it will add saves the table's doublings
 * (each moves every slot to a new place in a bigger table).
 */
void hashmap_reserve(struct hashmap *map, size_t n);

/*
 * A new entry of hash, after every other entry of that hash; zeroed but
 * for its struct hashmap_entry, for the caller to fill.
 */
void *hashmap_add(struct hashmap *map, uint64_t hash);

/* The first entry of hash (in add order) equal to key by map's eq, or
 * NULL. */
void *hashmap_get(const struct hashmap *map, uint64_t hash, const void *key);

/* The last entry of hash still in the map, or NULL. */
void *hashmap_last(const struct hashmap *map, uint64_t hash);

/*
 * Every entry of hash, first added first: hashmap_first() returns the
 * first (or NULL) and sets it up, hashmap_next() the one after the last
 * returned (or NULL at the end). Only hashmap_remove() may change the
 * map during the walk.
 */
void *hashmap_first(const struct hashmap *map, uint64_t hash,
		    struct hashmap_iter *it);
void *hashmap_next(const struct hashmap *map, struct hashmap_iter *it);

/*
 * Take the entry the walk returned last out of the map: lookups and
 * walks no longer see it; its memory stays (hashmap_at() still reaches
 * it) until hashmap_release(). The walk goes on from there.
 */
void hashmap_remove(struct hashmap *map, struct hashmap_iter *it);

/* How many entries were ever added, removed ones included. */
static inline size_t hashmap_count(const struct hashmap *map)
{
	return map->n;
}

/* Entry i (0 <= i < hashmap_count()), in add order. */
static inline void *hashmap_at(const struct hashmap *map, size_t i)
{
	return map->entries + i * map->esize;
}

#endif
