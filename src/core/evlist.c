/*
 * evlist.c: an owning list of events, a stable sort and an id index.
 *
 * The index is an open-addressing hash table (linear probing, FNV-1a over
 * the id, at most half full) so bulk work on 100,000 events stays linear.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/hash.h"
#include "itin/evlist.h"
#include "itin/xalloc.h"

void evlist_init(struct evlist *l)
{
	l->v = NULL;
	l->n = 0;
	l->alloc = 0;
}

void evlist_release(struct evlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		event_free(l->v[i]);
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

void evlist_add(struct evlist *l, struct event *ev)
{
	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = ev;
}

/* Merge sort: stable, O(n log n) in the worst case, one scratch array. */
static void merge_sort(struct event **v, struct event **tmp, size_t n)
{
	size_t mid, i, j, k;

	if (n < 2)
		return;
	if (n <= 8) {	/* insertion sort for short runs (stable too) */
		for (i = 1; i < n; i++) {
			struct event *e = v[i];

			for (j = i; j > 0 && event_compare(v[j - 1], e) > 0; j--)
				v[j] = v[j - 1];
			v[j] = e;
		}
		return;
	}
	mid = n / 2;
	merge_sort(v, tmp, mid);
	merge_sort(v + mid, tmp, n - mid);
	if (event_compare(v[mid - 1], v[mid]) <= 0)
		return;	/* already in order: common for stores kept sorted */
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
	ev = l->v[i];
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
	l->n--;
	return ev;
}

void evlist_replace(struct evlist *l, size_t i, struct event *ev)
{
	if (i >= l->n)
		return;
	if (l->v[i] != ev)
		event_free(l->v[i]);
	l->v[i] = ev;
}

struct evindex_slot {
	char *id;	/* a copy: the index outlives edits to the list */
	uint64_t hash;
	size_t pos;
};

struct evindex {
	struct evindex_slot *slots;
	size_t cap;	/* a power of two */
	size_t n;
};

static uint64_t hash_id(const char *s)
{
	return fnv1a_str(FNV1A_OFFSET, s);
}

static struct evindex_slot *lookup(const struct evindex *ix, const char *id,
				   uint64_t h)
{
	size_t mask = ix->cap - 1, i = (size_t)h & mask;

	for (;;) {
		struct evindex_slot *s = &ix->slots[i];

		if (!s->id || (s->hash == h && !strcmp(s->id, id)))
			return s;
		i = (i + 1) & mask;
	}
}

static void rehash(struct evindex *ix, size_t cap)
{
	struct evindex_slot *old = ix->slots;
	size_t oldcap = ix->cap, i;

	ix->slots = xcalloc(cap, sizeof(*ix->slots));
	ix->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (old[i].id)
			*lookup(ix, old[i].id, old[i].hash) = old[i];
	}
	free(old);
}

struct evindex *evindex_build(const struct evlist *l)
{
	struct evindex *ix = xcalloc(1, sizeof(*ix));
	size_t cap = 16, i;

	while (cap < 2 * l->n + 2)
		cap *= 2;
	ix->slots = xcalloc(cap, sizeof(*ix->slots));
	ix->cap = cap;
	for (i = 0; i < l->n; i++) {
		/* The first of duplicate ids wins, as with evlist_find(). */
		if (l->v[i]->id && evindex_find(ix, l->v[i]->id) < 0)
			evindex_put(ix, l->v[i]->id, i);
	}
	return ix;
}

long evindex_find(const struct evindex *ix, const char *id)
{
	struct evindex_slot *s = lookup(ix, id, hash_id(id));

	return s->id ? (long)s->pos : -1;
}

void evindex_put(struct evindex *ix, const char *id, size_t pos)
{
	uint64_t h = hash_id(id);
	struct evindex_slot *s = lookup(ix, id, h);

	if (s->id) {
		s->pos = pos;
		return;
	}
	s->id = xstrdup(id);
	s->hash = h;
	s->pos = pos;
	if (++ix->n * 2 > ix->cap)
		rehash(ix, ix->cap * 2);
}

void evindex_free(struct evindex *ix)
{
	size_t i;

	if (!ix)
		return;
	for (i = 0; i < ix->cap; i++)
		free(ix->slots[i].id);
	free(ix->slots);
	free(ix);
}
