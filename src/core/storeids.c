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

/* Bits of the first pass: 256 buckets, few enough for the writes to
 * stream, each then small enough to stay in the cache. */
#define OUTER_BITS 8

/*
 * Do two of the n hashes at v, all equal in their top `done` bits, have
 * one value? They go to buckets by their next bits, in place (a count,
 * then each swapped into its bucket's next free slot), about eight a
 * bucket, where equal ones meet; each bucket is then sorted alone.
 */
static bool repeats_in(uint64_t *v, size_t n, unsigned done)
{
	unsigned bits = 4, shift;
	size_t *start, *next, i, nb;
	uint64_t mask;
	bool dup = false;

	while (bits < 16 && ((size_t)8 << bits) < n)
		bits++;
	if (done + bits > 64)
		bits = 64 - done;
	shift = 64 - done - bits;
	mask = ((uint64_t)1 << bits) - 1;
	nb = (size_t)1 << bits;
	start = xcalloc(nb + 1, sizeof(*start));
	next = xmalloc(nb * sizeof(*next));
	for (i = 0; i < n; i++)
		start[(v[i] >> shift & mask) + 1]++;
	for (i = 0; i < nb; i++) {
		start[i + 1] += start[i];
		next[i] = start[i];
	}
	for (size_t b = 0; b < nb; b++) {
		while (next[b] < start[b + 1]) {
			uint64_t x = v[next[b]];
			size_t t = (size_t)(x >> shift & mask);

			for (; t != b; t = (size_t)(x >> shift & mask)) {
				uint64_t y = v[next[t]];

				v[next[t]++] = x;
				x = y;
			}
			v[next[b]++] = x;
		}
	}
	for (size_t b = 0; b < nb && !dup; b++) {
		sort_few(v + start[b], start[b + 1] - start[b]);
		for (i = start[b] + 1; i < start[b + 1] && !dup; i++)
			dup = v[i] == v[i - 1];
	}
	free(next);
	free(start);
	return dup;
}

/*
 * Do two ids have one hash? The hashes, uniform, are first spread by
 * their top bits into 256 buckets of a second array (one pass in order,
 * 256 streams of writes); each bucket, a 256th of the store's ids, is
 * then small enough for repeats_in() to move its hashes about in the
 * cache, where one pass over all of them would miss it at every step.
 */
bool idset_repeats(struct idset *s)
{
	const unsigned shift = 64 - OUTER_BITS;
	size_t start[(1 << OUTER_BITS) + 1] = {0}, next[1 << OUTER_BITS];
	uint64_t *v;
	bool dup = false;

	if (s->n < ((size_t)64 << OUTER_BITS))
		return repeats_in(s->h, s->n, 0);
	v = xmalloc(s->n * sizeof(*v));
	for (size_t i = 0; i < s->n; i++)
		start[(s->h[i] >> shift) + 1]++;
	for (size_t b = 0; b < (1 << OUTER_BITS); b++) {
		start[b + 1] += start[b];
		next[b] = start[b];
	}
	for (size_t i = 0; i < s->n; i++)
		v[next[s->h[i] >> shift]++] = s->h[i];
	for (size_t b = 0; b < (1 << OUTER_BITS) && !dup; b++)
		dup = repeats_in(v + start[b], start[b + 1] - start[b],
				 OUTER_BITS);
	free(s->h);
	s->h = v;
	s->alloc = s->n;
	return dup;
}

void idset_release(struct idset *s)
{
	free(s->h);
	free(s->skipped);
	s->h = s->skipped = NULL;
}
