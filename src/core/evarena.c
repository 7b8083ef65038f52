/*
 * evarena.c: the events' arena (evarena.h): chunks, bump allocation,
 * marks, adoption and references.
 *
 * The chunks an arena made are a chain, newest first (head): a rewind
 * frees from the head back to the mark's. Bump allocation happens in cur,
 * the newest chunk made for it; a request too large for the chunks of
 * the moment gets a chunk of its own, put at the head and never bumped,
 * so it does not waste the rest of cur. Adopted chunks are another chain
 * (kept), out of a rewind's reach.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/evarena.h"
#include "itin/xalloc.h"

struct evarena_chunk {
	struct evarena_chunk *prev;
	size_t size, used;
	max_align_t data[];
};

struct evarena {
	struct evarena_chunk *head, *cur, *kept;
	size_t next; /* the size of the next bump chunk */
	size_t refs;
};

/* What an event holds (pointers, 64-bit integers) aligns to this; a
 * string to nothing. */
union evarena_align {
	void *p;
	int64_t i;
	double d;
};
#define ALIGN _Alignof(union evarena_align)
/* A list's first chunk: a few dozen events. Then each is twice the one
 * before, up to a huge page (header included). */
#define FIRST_CHUNK ((size_t)16 << 10)
#define CHUNK_MAX   (XALLOC_HUGE_PAGE - sizeof(struct evarena_chunk))

struct evarena *evarena_new(size_t first)
{
	struct evarena *a = xcalloc(1, sizeof(*a));

	a->next = first ? first : FIRST_CHUNK;
	a->refs = 1;
	return a;
}

void evarena_retain(struct evarena *a)
{
	a->refs++;
}

static void free_chain(struct evarena_chunk *c)
{
	while (c) {
		struct evarena_chunk *prev = c->prev;

		free(c);
		c = prev;
	}
}

void evarena_release(struct evarena *a)
{
	if (!a || --a->refs)
		return;
	free_chain(a->head);
	free_chain(a->kept);
	free(a);
}

/* A new chunk of size bytes at the head of the chain. */
static struct evarena_chunk *new_chunk(struct evarena *a, size_t size)
{
	struct evarena_chunk *c;

	if (size > SIZE_MAX - sizeof(*c))
		xalloc_die(size);
	c = xmalloc_huge(sizeof(*c) + size);
	c->prev = a->head;
	c->size = size;
	c->used = 0;
	a->head = c;
	return c;
}

/*
 * n bytes from a new chunk: cur is full for them. A large request gets a
 * chunk of its own, and cur keeps its room; the first chunk is at least
 * as large as the first request (a clone's arena is sized for it).
 */
static void *from_new_chunk(struct evarena *a, size_t n)
{
	struct evarena_chunk *c;

	if (a->cur && n > a->next / 4) {
		c = new_chunk(a, n);
		c->used = n;
		return c->data;
	}
	c = new_chunk(a, n > a->next ? n : a->next);
	a->next = a->next < CHUNK_MAX / 2 ? a->next * 2 : CHUNK_MAX;
	a->cur = c;
	c->used = n;
	return c->data;
}

static void *bump(struct evarena *a, size_t n, size_t align)
{
	struct evarena_chunk *c = a->cur;

	if (c) {
		size_t at = (c->used + align - 1) & ~(align - 1);

		if (at <= c->size && n <= c->size - at) {
			c->used = at + n;
			return (char *)c->data + at;
		}
	}
	return from_new_chunk(a, n);
}

void *evarena_alloc(struct evarena *a, size_t n)
{
	return bump(a, n ? n : 1, ALIGN);
}

char *evarena_strn(struct evarena *a, const char *s, size_t n)
{
	char *d;

	if (n == SIZE_MAX)
		xalloc_die(n);
	d = bump(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* The last chunk of a chain (c not NULL). */
static struct evarena_chunk *chain_end(struct evarena_chunk *c)
{
	while (c->prev)
		c = c->prev;
	return c;
}

/* Put the chain c in front of dst's kept chain. */
static void keep_chain(struct evarena *dst, struct evarena_chunk *c)
{
	if (!c)
		return;
	chain_end(c)->prev = dst->kept;
	dst->kept = c;
}

void evarena_adopt(struct evarena *dst, struct evarena *src)
{
	keep_chain(dst, src->head);
	keep_chain(dst, src->kept);
	free(src);
}

struct evarena_mark evarena_mark(const struct evarena *a)
{
	struct evarena_mark m = {a->head, a->cur, a->cur ? a->cur->used : 0};

	return m;
}

void evarena_rewind(struct evarena *a, struct evarena_mark m)
{
	while (a->head && a->head != m.head) {
		struct evarena_chunk *c = a->head;

		a->head = c->prev;
		free(c);
	}
	a->cur = m.cur;
	if (a->cur)
		a->cur->used = m.used;
}
