/*
 * storeids.h: the ids of a store met by its scan (storescan.c), checked
 * for a repeat at the end. Owned by the scan; its arrays are freed by
 * idset_release().
 */
#ifndef ITIN_STOREIDS_H
#define ITIN_STOREIDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IDSET_BUCKET_BITS 8
#define IDSET_BUCKETS	  (1 << IDSET_BUCKET_BITS)

struct idbucket {
	uint64_t *h;
	size_t n, alloc;
};

/*
 * Every id met, as its 64-bit hash, spread by the hash's top bits into
 * 256 buckets, and, when the caller wants them, the skipped events' ids
 * (the events read have theirs). Duplicates are found at the end by
 * sorting each bucket into smaller ones (storeids.c: passes that stay
 * in the cache, where a hash table of a million ids is a cache miss an
 * id). Two equal hashes are taken for a duplicate: the scan gives up and
 * the full reader decides (a false alarm, about one in 10^7 stores of a
 * million ids, costs time, never a wrong answer). Zeroed: empty.
 */
struct idset {
	struct idbucket bucket[IDSET_BUCKETS];
	size_t n;   /* ids added */
	char *text; /* skipped ids, each its length (a byte) then it */
	size_t ntext, atext;
	bool keep; /* fill text */
};

/* Add an id, the len bytes at id. */
void idset_add(struct idset *s, const char *id, size_t len);
/* Add the id of a skipped event, len (under 256) bytes, kept when
 * s->keep is set. */
void idset_add_skipped(struct idset *s, const char *id, size_t len);
/* fn(ctx, id, len) for each skipped id kept, in the order added. */
void idset_each_skipped(const struct idset *s,
			void (*fn)(void *ctx, const char *id, size_t len),
			void *ctx);
/* Do two ids have one hash? (Reorders the hashes.) */
bool idset_repeats(struct idset *s);
void idset_release(struct idset *s);

#endif
