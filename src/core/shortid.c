/*
 * shortid.c: unique id prefixes by sorting and comparing neighbours; see
 * shortid.h. In a sorted list the ids that share the longest prefix with
 * an id are its neighbours, so no pair further apart needs comparing.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "itin/shortid.h"
#include "itin/xalloc.h"

void shortid_init(struct shortid *s, size_t min)
{
	memset(s, 0, sizeof(*s));
	strbuf_init(&s->ids);
	s->min = min ? min : 1;
}

void shortid_add(struct shortid *s, const char *id)
{
	s->off = xgrow(s->off, &s->alloc, s->n + 1, sizeof(*s->off));
	s->off[s->n++] = s->ids.len;
	strbuf_add(&s->ids, id, strlen(id) + 1);
	s->sorted = 0;
}

/* qsort has no context argument in C17: the block being sorted. */
static const char *sort_base;

static int cmp_off(const void *a, const void *b)
{
	return strcmp(sort_base + *(const size_t *)a,
		      sort_base + *(const size_t *)b);
}

void shortid_finish(struct shortid *s)
{
	if (s->sorted)
		return;
	sort_base = s->ids.buf;
	if (s->n > 1)
		qsort(s->off, s->n, sizeof(*s->off), cmp_off);
	sort_base = NULL;
	s->sorted = 1;
}

static size_t common(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

size_t shortid_len(const struct shortid *s, const char *id)
{
	size_t lo = 0, hi = s->n, len = strlen(id), need = 0, c;
	bool self = false;

	/* The first id not below id. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->ids.buf + s->off[mid], id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* id itself, once, is not a neighbour; a second copy is. */
	if (lo < s->n && !strcmp(s->ids.buf + s->off[lo], id)) {
		self = true;
		lo++;
	}
	if (lo < s->n && (c = common(s->ids.buf + s->off[lo], id)) > need)
		need = c;
	hi = lo - (self ? 1 : 0);
	if (hi > 0 && (c = common(s->ids.buf + s->off[hi - 1], id)) > need)
		need = c;
	need++;
	if (need < s->min)
		need = s->min;
	if (need >= len)
		return len;
	/* Whole characters: a prefix is typed, and shown. */
	while (need < len && ((unsigned char)id[need] & 0xc0) == 0x80)
		need++;
	return need;
}

void shortid_release(struct shortid *s)
{
	strbuf_release(&s->ids);
	free(s->off);
	memset(s, 0, sizeof(*s));
}
