/*
 * hash.h: the hashes itin computes, each for one job.
 *
 * hash_short_key(): a quick hash for the short keys of small caches
 * (zone names, countries, places, keywords), looked up for every row of
 * an import. It mixes the length and the first and last eight bytes
 * only, so it costs the same for any key; keys alike in all three
 * collide, and a cache must compare keys anyway. Not for keys that often
 * differ only in the middle: ids and uids take FNV-1a (64-bit), below,
 * which reads every byte.
 *
 * FNV-1a is stored: the derived ids of event.h are fmix64() of an FNV-1a
 * value (itin(5), IDS), and ids derived by earlier versions are that
 * FNV-1a value alone; both stay as they are. fmix64() is MurmurHash3's
 * finaliser: FNV-1a carries a difference in the last bytes upwards only
 * a little, so the ids of inputs alike but for their end (Outlook's
 * UIDs) would share their first digits, and the short ids people read
 * off the agenda would be long; after fmix64 every bit of the input moves
 * about half the bits of the id.
 */
#ifndef ITIN_HASH_H
#define ITIN_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* MurmurHash3's 64-bit finaliser, fmix64 (Austin Appleby, public domain). */
static inline uint64_t fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	return h ^ h >> 33;
}

/*
 * fmix64's inverse: each step undone in reverse order (a shift by 33 of
 * 64 bits undoes itself; the multipliers' inverses mod 2^64). It turns a
 * derived id back into the form earlier versions derived (event.h).
 */
static inline uint64_t fmix64_inverse(uint64_t h)
{
	h ^= h >> 33;
	h *= 0x9CB4B2F8129337DBULL;
	h ^= h >> 33;
	h *= 0x4F74430C22A54005ULL;
	return h ^ h >> 33;
}

static inline uint64_t hash_short_key(const char *k, size_t len)
{
	uint64_t a = 0, b = 0, h;
	size_t i;

	if (len >= 8) {
		memcpy(&a, k, 8);
		memcpy(&b, k + len - 8, 8);
	} else {
		for (i = 0; i < len; i++)
			a = a << 8 | (unsigned char)k[i];
	}
	/* A product carries bits upwards only: MurmurHash3's finaliser
	 * then brings every bit down to the low ones, where tables take
	 * their slot from. */
	h = a * 0x9E3779B97F4A7C15ULL ^ b * 0xC2B2AE3D27D4EB4FULL ^ len;
	return fmix64(h);
}

#define FNV1A_OFFSET 0xcbf29ce484222325ULL
#define FNV1A_PRIME  0x100000001b3ULL

/* FNV-1a of n bytes, from h (FNV1A_OFFSET to start). */
static inline uint64_t fnv1a_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--)
		h = (h ^ *s++) * FNV1A_PRIME;
	return h;
}

/* FNV-1a of a string's bytes, from h. */
static inline uint64_t fnv1a_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * FNV1A_PRIME;
	return h;
}

/*
 * An id's 64 bits, for the checks that find a repeated id by its hash
 * (storeids.c, storestream.c): every byte counts, so that ids that
 * differ only in the middle ("ev000123", "ev000456") do not pass for
 * repeats. hash_short_key() looks at the first and last eight bytes
 * only, which for an id of eight bytes are the same bytes: 857 of the
 * 40,000 ids "ev000000".."ev039999" collided there, and every false
 * alarm sent a scan back to read the whole store.
 */
static inline uint64_t hash_store_id(const char *id, size_t len)
{
	return fmix64(fnv1a_bytes(FNV1A_OFFSET, id, len));
}

#endif
