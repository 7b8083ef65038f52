/*
 * evarena.h: where events and their strings live (the model's memory).
 *
 * An arena hands out memory by bumping a pointer through chunks it
 * mallocs (16 KiB at first, doubling up to 2 MiB, a huge page) and
 * frees nothing singly: its chunks go back all at once, when the last
 * reference to it is released. One arena holds many events: an event
 * list's (evlist.h) holds every event read into the list, so a million
 * events cost a few hundred mallocs and as many frees, no header per
 * string, and reading one is writing its bytes once.
 *
 * Who owns what: an event's struct, strings and participant and tag
 * arrays are in its arena (event.h); a lone event (event_new(),
 * event_clone()) has an arena of its own, which event_free() releases and
 * evlist_add() moves into the list's (evarena_adopt()); a list holds a
 * reference to each arena its events live in. Only event.c and evlist.c
 * call these functions on an event's arena, except that a reader that
 * builds events in its list's arena (event_new_in()) may mark the arena
 * before an event and rewind to the mark to drop one it refuses.
 *
 * Not thread-safe: an arena is its list's, used by one thread at a time.
 */
#ifndef ITIN_EVARENA_H
#define ITIN_EVARENA_H

#include <stddef.h>

struct evarena;
struct evarena_chunk;

/* A point in an arena's history: evarena_rewind() goes back to it. */
struct evarena_mark {
	struct evarena_chunk *head, *cur;
	size_t used;
};

/* A new arena, one reference (the caller's); its first chunk is first
 * bytes (0: a default for a list), allocated when first needed. */
struct evarena *evarena_new(size_t first);
/* One more reference to a; evarena_release() drops one, and the last
 * frees every chunk and a itself. NULL is fine for release. */
void evarena_retain(struct evarena *a);
void evarena_release(struct evarena *a);

/* n bytes aligned for any object (the struct event, an array); never
 * NULL (out of memory exits, as xalloc.h). */
void *evarena_alloc(struct evarena *a, size_t n);
/* The n bytes at s and a '\0' after them: a string, not aligned. */
char *evarena_strn(struct evarena *a, const char *s, size_t n);

/*
 * Move every chunk of src to dst and free src, whose one reference the
 * caller held: what was in src lives on in dst, at the same addresses.
 * A later evarena_rewind() of dst never frees an adopted chunk.
 */
void evarena_adopt(struct evarena *dst, struct evarena *src);

/*
 * Mark a; rewinding to the mark gives back everything allocated in a
 * since (chunks made since are freed): a reader marks before building an
 * event and rewinds when it refuses it. Only to a mark of the same arena
 * and only backwards, and nothing allocated since may be in use any more
 * (an event added to a list in between must not be rewound).
 */
struct evarena_mark evarena_mark(const struct evarena *a);
void evarena_rewind(struct evarena *a, struct evarena_mark m);

#endif
