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

/*
 * Every id met, as its 64-bit hash, in the order met, and, when the
 * caller wants them, where the skipped events' ids are in the store (the
 * events read have theirs). Duplicates are found at the end by sorting
 * the hashes into buckets (sequential passes, where a hash table of a
 * million ids is a cache miss an id). Two equal hashes are taken for a
 * duplicate: the scan gives up and the full reader decides (a false
 * alarm, about one in 10^7 stores of a million ids, costs time, never a
 * wrong answer).
 */
struct idset {
	uint64_t *h;
	size_t n, alloc;
	const char *base;  /* the store's text */
	uint64_t *skipped; /* offset in base << 8 | length (under 256) */
	size_t nskipped, askipped;
	bool keep; /* fill skipped */
};

/* Add an id, the len bytes at id. */
void idset_add(struct idset *s, const char *id, size_t len);
/* Add the id of a skipped event, len (under 256) bytes of the store. */
void idset_add_skipped(struct idset *s, const char *id, size_t len);
/* Do two ids have one hash? (Reorders the hashes.) */
bool idset_repeats(struct idset *s);
void idset_release(struct idset *s);

#endif
