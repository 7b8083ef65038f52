/*
 * xalloc.h: allocation that never returns NULL.
 *
 * The core never exits, except here: running out of memory prints one line
 * and aborts, as git's xmalloc does. Everything else reports through
 * struct itin_err.
 */
#ifndef ITIN_XALLOC_H
#define ITIN_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
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
