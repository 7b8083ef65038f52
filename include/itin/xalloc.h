/*
 * xalloc.h: allocation that never returns NULL.
 *
 * The core never exits, except here: running out of memory prints
 * "itin: out of memory (N bytes)" and exits with 71 (EX_OSERR), as git's
 * xmalloc dies; it does not abort, so no core file holds the itinerary.
 * The store is untouched (a rewrite renames its new file into place only
 * when that is complete). Everything else reports through struct itin_err.
 */
#ifndef ITIN_XALLOC_H
#define ITIN_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
/* Out of memory: the message (size 0: not known, as when a library failed)
 * and exit(71). For allocations made elsewhere (libical) that fail. */
_Noreturn void xalloc_die(size_t size);
void *xcalloc(size_t n, size_t size);
/*
 * Memory read at random or filled in one go (a hash table, an arena's
 * largest chunks, an id set): a block of XALLOC_HUGE_PAGE bytes or more is
 * aligned to it and asked to sit in huge pages (madvise is a hint), so a
 * table of millions is a few hundred page faults and misses the TLB less.
 * It is malloc's memory all the same: free() frees it. xcalloc_huge
 * clears it, as xcalloc does.
 */
#define XALLOC_HUGE_PAGE ((size_t)2 << 20)
void *xmalloc_huge(size_t size);
void *xcalloc_huge(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grow an array so it holds at least n elements of size each (doubling). */
void *xgrow(void *p, size_t *alloc, size_t n, size_t size);
char *xstrdup(const char *s);
/* NULL stays NULL. */
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t n);
/* Replace a heap string: frees the old value, copies the new (NULL clears). */
void xstrset(char **field, const char *value);

#endif
