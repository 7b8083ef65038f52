/*
 * hash.h: a quick hash for the short keys of small caches (zone names,
 * countries, places, keywords), looked up for every row of an import.
 *
 * It mixes the length and the first and last eight bytes only, so it
 * costs the same for any key; keys alike in all three collide, and a
 * cache must compare keys anyway. Not for keys that often differ only in
 * the middle: ids and uids take FNV-1a (64-bit), below, which reads every
 * byte; the derived ids of event.h are FNV-1a values, so it never changes.
 */
#ifndef ITIN_HASH_H
#define ITIN_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	return h ^ h >> 33;
}

#define FNV1A_OFFSET 0xcbf29ce484222325ULL
#define FNV1A_PRIME 0x100000001b3ULL

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

#endif
