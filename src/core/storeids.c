/*
 * storeids.c: the ids a store scan met (storeids.h).
 */
#include <stdlib.h>

#include "itin/hash.h"
#include "itin/storeids.h"
#include "itin/xalloc.h"

/* Add an id, the len bytes at id. */
void idset_add(struct idset *s, const char *id, size_t len)
{
	s->h = xgrow(s->h, &s->alloc, s->n + 1, sizeof(*s->h));
	s->h[s->n++] = hash_short_key(id, len);
}

/* Add the id of a skipped event, len (under 256) bytes of the store. */
void idset_add_skipped(struct idset *s, const char *id, size_t len)
{
	idset_add(s, id, len);
	if (!s->keep)
		return;
	s->skipped = xgrow(s->skipped, &s->askipped, s->nskipped + 1,
			   sizeof(*s->skipped));
	s->skipped[s->nskipped++] = (uint64_t)(id - s->base) << 8 | len;
}

/* Sort the n hashes at v, few (a bucket's): insertion sort. */
static void sort_few(uint64_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;

		for (; j && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Do two ids have one hash? The hashes, uniform, go to buckets by their
 * top bits, in place (a count, then each hash swapped into its bucket's
 * next free slot: no second array of them, about eight a bucket), where
 * equal ones meet; each bucket is then sorted alone, in the cache.
 */
bool idset_repeats(struct idset *s)
{
	unsigned bits = 4, shift;
	size_t *start, *next, i, nb;
	bool dup = false;

	while (bits < 20 && ((size_t)8 << bits) < s->n)
		bits++;
	shift = 64 - bits;
	nb = (size_t)1 << bits;
	start = xcalloc(nb + 1, sizeof(*start));
	next = xmalloc(nb * sizeof(*next));
	for (i = 0; i < s->n; i++)
		start[(s->h[i] >> shift) + 1]++;
	for (i = 0; i < nb; i++) {
		start[i + 1] += start[i];
		next[i] = start[i];
	}
	for (size_t b = 0; b < nb; b++) {
		while (next[b] < start[b + 1]) {
			uint64_t x = s->h[next[b]];
			size_t t = (size_t)(x >> shift);

			for (; t != b; t = (size_t)(x >> shift)) {
				uint64_t y = s->h[next[t]];

				s->h[next[t]++] = x;
				x = y;
			}
			s->h[next[b]++] = x;
		}
	}
	for (size_t b = 0; b < nb && !dup; b++) {
		sort_few(s->h + start[b], start[b + 1] - start[b]);
		for (i = start[b] + 1; i < start[b + 1] && !dup; i++)
			dup = s->h[i] == s->h[i - 1];
	}
	free(next);
	free(start);
	return dup;
}

void idset_release(struct idset *s)
{
	free(s->h);
	free(s->skipped);
	s->h = s->skipped = NULL;
}
