/*
 * evlist.c: an owning list of events (its arenas), a stable sort and an
 * id index.
 *
 * The index is a hashmap.h map from the FNV-1a hash of an id to its
 * position, so bulk work on many events (an import) stays linear.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/evarena.h"
#include "itin/evlist.h"
#include "itin/hash.h"
#include "itin/hashmap.h"
#include "itin/xalloc.h"

void evlist_init(struct evlist *l)
{
	memset(l, 0, sizeof(*l));
}

void evlist_release(struct evlist *l)
{
	/* The events are in the arenas: nothing to free one by one. */
	evarena_release(l->arena);
	for (size_t i = 0; i < l->nshared; i++)
		evarena_release(l->shared[i]);
	free(l->shared);
	free(l->v);
	evlist_init(l);
}

void evlist_free(struct evlist *l)
{
	if (!l)
		return;
	evlist_release(l);
	free(l);
}

struct evarena *evlist_arena(struct evlist *l)
{
	if (!l->arena)
		l->arena = evarena_new(0);
	return l->arena;
}

/* Keep a, another list's arena, alive as long as l (once). */
static void share(struct evlist *l, struct evarena *a)
{
	for (size_t i = l->nshared; i-- > 0;)
		if (l->shared[i] == a)
			return;
	l->shared =
	    xgrow(l->shared, &l->ashared, l->nshared + 1, sizeof(*l->shared));
	evarena_retain(a);
	l->shared[l->nshared++] = a;
}

/* Make l the owner of ev's memory (evlist_add()). */
static void own(struct evlist *l, struct event *ev)
{
	if (ev->lone) {
		evarena_adopt(evlist_arena(l), ev->arena);
		ev->arena = l->arena;
		ev->lone = false;
	} else if (ev->arena != l->arena) {
		share(l, ev->arena);
	}
}

void evlist_add(struct evlist *l, struct event *ev)
{
	own(l, ev);
	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = ev;
}

/* Merge sort: stable, O(n log n) in the worst case, one scratch array. */
static void merge_sort(struct event **v, struct event **tmp, size_t n)
{
	size_t mid, i, j, k;

	if (n < 2)
		return;
	if (n <= 8) { /* insertion sort for short runs (stable too) */
		for (i = 1; i < n; i++) {
			struct event *e = v[i];

			for (j = i; j > 0 && event_compare(v[j - 1], e) > 0;
			     j--)
				v[j] = v[j - 1];
			v[j] = e;
		}
		return;
	}
	mid = n / 2;
	merge_sort(v, tmp, mid);
	merge_sort(v + mid, tmp, n - mid);
	if (event_compare(v[mid - 1], v[mid]) <= 0)
		return; /* already in order: common for stores kept sorted */
	memcpy(tmp, v, mid * sizeof(*v));
	i = 0;
	j = mid;
	k = 0;
	while (i < mid && j < n) {
		if (event_compare(v[j], tmp[i]) < 0)
			v[k++] = v[j++];
		else
			v[k++] = tmp[i++];
	}
	while (i < mid)
		v[k++] = tmp[i++];
}

void evlist_sort(struct evlist *l)
{
	struct event **tmp;

	if (l->n < 2)
		return;
	tmp = xmalloc((l->n / 2 + 1) * sizeof(*tmp));
	merge_sort(l->v, tmp, l->n);
	free(tmp);
}

long evlist_find(const struct evlist *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i]->id && !strcmp(l->v[i]->id, id))
			return (long)i;
	return -1;
}

struct event *evlist_take(struct evlist *l, size_t i)
{
	struct event *ev;

	if (i >= l->n)
		return NULL;
	ev = event_clone(l->v[i]);
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
	l->n--;
	return ev;
}

void evlist_replace(struct evlist *l, size_t i, struct event *ev)
{
	if (i >= l->n)
		return;
	if (l->v[i] != ev)
		own(l, ev);
	l->v[i] = ev;
}

/* An id and its position; the id a copy: the index outlives edits to the
 * list, and a caller may put an id from a buffer it reuses. */
struct evindex_entry {
	struct hashmap_entry e;
	const char *id; /* in one of the index's chunks */
	size_t pos;
};

/*
 * The copies of the ids, packed into chunks freed with the index: a
 * bulk import puts 100000 ids, and one malloc each (and one free each
 * at the end) cost more than the chunks.
 */
#define EVINDEX_CHUNK 16384
struct id_chunk {
	struct id_chunk *prev;
	size_t used, size;
	char text[];
};

struct evindex {
	struct hashmap map;
	struct id_chunk *chunk; /* the newest; NULL before the first id */
};

/* A copy of id (len bytes and a NUL), in the index's chunks. */
static const char *copy_id(struct evindex *ix, const char *id, size_t len)
{
	struct id_chunk *c = ix->chunk;
	char *p;

	if (!c || c->size - c->used <= len) {
		size_t size = len + 1 > EVINDEX_CHUNK ? len + 1 : EVINDEX_CHUNK;

		c = xmalloc(sizeof(*c) + size);
		c->prev = ix->chunk;
		c->used = 0;
		c->size = size;
		ix->chunk = c;
	}
	p = c->text + c->used;
	memcpy(p, id, len + 1);
	c->used += len + 1;
	return p;
}

static uint64_t hash_id(const char *s)
{
	return fnv1a_str(FNV1A_OFFSET, s);
}

static bool id_eq(const void *ctx, const void *entry, const void *key)
{
	(void)ctx;
	return !strcmp(((const struct evindex_entry *)entry)->id, key);
}

struct evindex *evindex_build(const struct evlist *l)
{
	struct evindex *ix = xmalloc(sizeof(*ix));
	size_t i;

	ix->chunk = NULL;
	hashmap_init(&ix->map, sizeof(struct evindex_entry), id_eq, NULL);
	for (i = 0; i < l->n; i++) {
		/* The first of duplicate ids wins, as with evlist_find(). */
		if (l->v[i]->id && evindex_find(ix, l->v[i]->id) < 0)
			evindex_put(ix, l->v[i]->id, i);
	}
	return ix;
}

void evindex_reserve(struct evindex *ix, size_t n)
{
	hashmap_reserve(&ix->map, n);
}

long evindex_find(const struct evindex *ix, const char *id)
{
	const struct evindex_entry *s = hashmap_get(&ix->map, hash_id(id), id);

	return s ? (long)s->pos : -1;
}

void evindex_put(struct evindex *ix, const char *id, size_t pos)
{
	uint64_t h = hash_id(id);
	struct evindex_entry *s = hashmap_get(&ix->map, h, id);

	if (!s) {
		s = hashmap_add(&ix->map, h);
		s->id = copy_id(ix, id, strlen(id));
	}
	s->pos = pos;
}

void evindex_free(struct evindex *ix)
{
	if (!ix)
		return;
	while (ix->chunk) {
		struct id_chunk *prev = ix->chunk->prev;

		free(ix->chunk);
		ix->chunk = prev;
	}
	hashmap_release(&ix->map);
	free(ix);
}
