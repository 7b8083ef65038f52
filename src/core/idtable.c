/*
 * idtable.c: ids to positions in a list of events (idtable.h): open
 * addressing, linear probing, at most three quarters full. A slot keeps
 * the low half of the id's hash, which chooses the slot (a table never
 * has 2^32 slots: positions are 32 bits) and, compared first, skips most
 * string comparisons.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/idtable.h"
#include "itin/xalloc.h"

#define FIRST_CAP 1024

/* The slot of id: the one holding it, or the free one it would take. */
static struct idtable_slot *slot_of(const struct idtable *t,
				    const struct evlist *l, const char *id,
				    uint32_t h)
{
	size_t mask = t->cap - 1, i = h & mask;

	while (t->v[i].pos1 && (t->v[i].hash != h ||
				strcmp(l->v[t->v[i].pos1 - 1]->id, id)))
		i = (i + 1) & mask;
	return &t->v[i];
}

/* Slots for cap ids (a power of two), the ones in use moved over. */
static void resize(struct idtable *t, size_t cap)
{
	struct idtable_slot *old = t->v;
	size_t oldcap = t->cap;

	/* Probes are random: a large table in huge pages. */
	t->v = xcalloc_huge(cap, sizeof(*t->v));
	t->cap = cap;
	for (size_t i = 0; i < oldcap; i++) {
		size_t j = old[i].hash & (cap - 1);

		if (!old[i].pos1)
			continue;
		while (t->v[j].pos1)
			j = (j + 1) & (cap - 1);
		t->v[j] = old[i];
	}
	free(old);
}

void idtable_reserve(struct idtable *t, size_t n)
{
	size_t cap = t->cap ? t->cap : FIRST_CAP;

	if (n > UINT32_MAX - 2 - t->n)
		xalloc_die(SIZE_MAX);
	while ((t->n + n) * 4 > cap * 3)
		cap *= 2;
	if (cap != t->cap)
		resize(t, cap);
}

long idtable_find(const struct idtable *t, const struct evlist *l,
		  const char *id, uint64_t h)
{
	const struct idtable_slot *s;

	if (!t->cap)
		return -1;
	s = slot_of(t, l, id, (uint32_t)h);
	return s->pos1 ? (long)s->pos1 - 1 : -1;
}

void idtable_put(struct idtable *t, const struct evlist *l, const char *id,
		 uint64_t h, size_t pos)
{
	struct idtable_slot *s;

	if (pos >= UINT32_MAX - 1)
		xalloc_die(SIZE_MAX);
	idtable_reserve(t, 1);
	s = slot_of(t, l, id, (uint32_t)h);
	if (!s->pos1) {
		s->hash = (uint32_t)h;
		t->n++;
	}
	s->pos1 = (uint32_t)pos + 1;
}

void idtable_release(struct idtable *t)
{
	free(t->v);
	t->v = NULL;
	t->cap = t->n = 0;
}
