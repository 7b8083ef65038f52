/*
 * idtable.h: where each id is in a list of events: a table from an id to
 * the position of the event that has it, for the work that looks every
 * event of a large import up by id (the CSV reader's duplicate ids, the
 * merger's store, evmerge.h).
 *
 * A million ids make a table that no cache holds, so a slot is kept to 8
 * bytes: 32 bits of the id's hash and the position. The id itself is the
 * event's, never copied: a lookup compares with the id of the event at
 * the position, in the list the caller passes to each call (the same one
 * each time; the event at a position may be replaced by one with the
 * same id). The caller hashes an id once (idtable_hash()) and passes the
 * hash to the lookup and to the insertion after it; idtable_prefetch()
 * asks for a slot before it is needed.
 *
 * The table owns only its slots: idtable_release() frees them.
 */
#ifndef ITIN_IDTABLE_H
#define ITIN_IDTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "itin/evlist.h"
#include "itin/hash.h"

struct idtable_slot {
	uint32_t hash; /* the id hash's high half */
	uint32_t pos1; /* 1 + the position; 0: free */
};

struct idtable {
	struct idtable_slot *v;
	size_t cap, n; /* cap: 0 or a power of two */
};

#define IDTABLE_INIT                                                           \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* The id's hash: FNV-1a (hash.h), the slot from its low bits. */
static inline uint64_t idtable_hash(const char *id)
{
	return fnv1a_str(FNV1A_OFFSET, id);
}

/* Room for n more ids without growing. */
void idtable_reserve(struct idtable *t, size_t n);

/* The position in l of the first event put with id (hash h), or -1. */
long idtable_find(const struct idtable *t, const struct evlist *l,
		  const char *id, uint64_t h);

/*
 * id (hash h), the id of the event that is or is about to be l->v[pos],
 * is at pos: added, or, when the table has it, moved there. pos <
 * UINT32_MAX - 1 (more is out of memory, xalloc.h).
 */
void idtable_put(struct idtable *t, const struct evlist *l, const char *id,
		 uint64_t h, size_t pos);

/* Ask for the slot of hash h now, to have it when it is looked up. */
static inline void idtable_prefetch(const struct idtable *t, uint64_t h)
{
	if (t->cap)
		__builtin_prefetch(&t->v[h & (t->cap - 1)]);
}

void idtable_release(struct idtable *t);

#endif
