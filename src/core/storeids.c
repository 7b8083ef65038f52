/*
 * storeids.c: the ids a store scan met (storeids.h).
 */
#include <stdlib.h>
#include <string.h>

#include "itin/hash.h"
#include "itin/storeids.h"
#include "itin/xalloc.h"

/* Add an id, the len bytes at id: its hash to the bucket of its top
 * bits (the hashes are uniform: the buckets fill alike). */
void idset_add(struct idset *s, const char *id, size_t len)
{
	uint64_t h = hash_store_id(id, len);
	struct idbucket *b = &s->bucket[h >> (64 - IDSET_BUCKET_BITS)];

	b->h = xgrow(b->h, &b->alloc, b->n + 1, sizeof(*b->h));
	b->h[b->n++] = h;
	s->n++;
}

/* Add the id of a skipped event, len (under 256) bytes, kept (a copy:
 * the scan's window of the store moves on) when the caller wants it. */
void idset_add_skipped(struct idset *s, const char *id, size_t len)
{
	idset_add(s, id, len);
	if (!s->keep)
		return;
	s->text = xgrow(s->text, &s->atext, s->ntext + len + 1, 1);
	s->text[s->ntext] = (char)(unsigned char)len;
	memcpy(s->text + s->ntext + 1, id, len);
	s->ntext += len + 1;
}

void idset_each_skipped(const struct idset *s,
			void (*fn)(void *ctx, const char *id, size_t len),
			void *ctx)
{
	for (size_t off = 0; off < s->ntext;) {
		size_t len = (unsigned char)s->text[off];

		fn(ctx, s->text + off + 1, len);
		off += len + 1;
	}
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
 * Do two of the n hashes at v, one bucket's (equal in their top
 * IDSET_BUCKET_BITS), have one value? They go to smaller buckets by
 * their next bits, in place (a count, then each swapped into its
 * bucket's next free slot), about eight a bucket, where equal ones meet;
 * each is then sorted alone. A bucket holds a 256th of the store's ids:
 * the moves stay in the cache, where one pass over a million hashes
 * would miss it at every step.
 */
static bool repeats_in(uint64_t *v, size_t n)
{
	const unsigned done = IDSET_BUCKET_BITS;
	unsigned bits = 4, shift;
	size_t *start, *next, i, nb;
	uint64_t mask;
	bool dup = false;

	while (bits < 16 && ((size_t)8 << bits) < n)
		bits++;
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

bool idset_repeats(struct idset *s)
{
	bool dup = false;

	for (size_t b = 0; b < IDSET_BUCKETS && !dup; b++)
		if (s->bucket[b].n > 1)
			dup = repeats_in(s->bucket[b].h, s->bucket[b].n);
	return dup;
}

void idset_release(struct idset *s)
{
	for (size_t b = 0; b < IDSET_BUCKETS; b++) {
		free(s->bucket[b].h);
		s->bucket[b].h = NULL;
		s->bucket[b].n = s->bucket[b].alloc = 0;
	}
	free(s->text);
	s->text = NULL;
	s->n = s->ntext = s->atext = 0;
}
