/*
 * xalloc.c: allocation that exits on exhaustion (the one exit in the core).
 *
 * Out of memory is "itin: out of memory (N bytes)" and status 71
 * (EX_OSERR), through exit(3), never abort(3): an abort may leave a core
 * file, and a core of this program is a copy of someone's itinerary. exit
 * runs the atexit hooks (the viewer gives the terminal back) and nothing
 * else: no store is written through stdio, and a rewrite in progress is
 * a temporary file that fs_replace_file() fills without allocating, so
 * the old store stays and no temporary copy is left behind.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "itin/err.h"
#include "itin/xalloc.h"

_Noreturn void xalloc_die(size_t size)
{
	static atomic_int dying;
	char msg[80];
	int n;

	if (size)
		n = snprintf(msg, sizeof(msg),
			     "itin: out of memory (%zu bytes)\n", size);
	else
		n = snprintf(msg, sizeof(msg), "itin: out of memory\n");
	/* write(2), not stdio: nothing here may need memory. */
	if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0) {
		/* Nothing more can be said. */
	}
	/* An atexit hook that runs out too, or the CSV reader's other
	 * thread at the same time, comes here again: leave at once. */
	if (atomic_fetch_add(&dying, 1))
		_exit(ITIN_EX_OSERR);
	exit(ITIN_EX_OSERR);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		xalloc_die(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		xalloc_die(n * size);
	return p;
}

void *xmalloc_huge(size_t size)
{
	void *p;

	if (size < XALLOC_HUGE_PAGE ||
	    posix_memalign(&p, XALLOC_HUGE_PAGE, size))
		return xmalloc(size);
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

void *xcalloc_huge(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	if (n * size < XALLOC_HUGE_PAGE)
		return xcalloc(n, size);
	p = xmalloc_huge(n * size);
	memset(p, 0, n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		xalloc_die(size);
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
			xalloc_die(SIZE_MAX);
		want *= 2;
	}
	if (want > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
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
