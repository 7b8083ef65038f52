/*
 * strbuf.h: a growable, always NUL-terminated byte buffer.
 *
 * STRBUF_INIT allocates nothing. The buffer owns its memory until
 * strbuf_detach() hands it to the caller; strbuf_release() frees it.
 * Out of memory aborts (xalloc.h), so the add functions cannot fail.
 */
#ifndef ITIN_STRBUF_H
#define ITIN_STRBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "itin/err.h"

struct strbuf {
	char *buf; /* never NULL: points at a static "" until first growth */
	size_t len;
	size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT                                                            \
	{                                                                      \
		strbuf_empty, 0, 0                                             \
	}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
/*
 * As strbuf_grow(), doubling no further than cap bytes (the terminating
 * NUL included) while len + extra + 1 fits in it: a buffer bounded by a
 * limit never asks for twice the limit.
 */
void strbuf_grow_within(struct strbuf *sb, size_t extra, size_t cap);
void strbuf_reset(struct strbuf *sb);
/*
 * The adds are inline: the writers (the store, export) make millions of
 * small ones, and a call each, with its own grow check, was a third of
 * their time. The room is checked once; strbuf_grow() only when short.
 */
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (sb->alloc - sb->len <= len)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->alloc - sb->len <= 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...) ITIN_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    ITIN_PRINTF(2, 0);
/* Append n spaces. */
void strbuf_addspaces(struct strbuf *sb, size_t n);
/*
 * Append v in decimal, zero-padded to at least width digits (width <= 20):
 * "%0*ju" without printf, for writers that make many numbers.
 */
void strbuf_add_uint(struct strbuf *sb, uintmax_t v, int width);

#endif
