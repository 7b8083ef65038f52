/* xalloc.c: allocation that aborts on exhaustion (the one exit in the core). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/xalloc.h"

static void out_of_memory(size_t size)
{
	fprintf(stderr, "itin: out of memory (allocating %zu bytes)\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory(size);
	return q;
}

void *xgrow(void *p, size_t *alloc, size_t n, size_t size)
{
	size_t want;

	if (n <= *alloc)
		return p;
	want = *alloc ? *alloc : 8;
	while (want < n) {
		if (want > SIZE_MAX / 2)
			out_of_memory(SIZE_MAX);
		want *= 2;
	}
	if (want > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	*alloc = want;
	return xrealloc(p, want * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrdup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void xstrset(char **field, const char *value)
{
	char *old = *field;

	*field = xstrdup_or_null(value);
	free(old);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
