/*
 * evlist.h: an owning, growable list of events.
 *
 * A list owns its events by owning the arenas (evarena.h) they live in:
 * its own, where a reader builds events (event_new_in(evlist_arena())) and
 * where a lone event added moves, and a reference to another list's arena
 * for each event moved over from that list. evlist_release() drops them
 * all, with the array: every event of the list goes at once, and a
 * pointer to one kept past it dangles (evlist_take() gives a copy to keep).
 * evlist_free() also frees the struct itself (NULL is fine). Release a
 * list with them, never by free(l->v), which would keep its arenas.
 *
 * (Why a reference to the other list's arena rather than taking its
 * chunks: a filter moves some of a list's events, not all, and a moved
 * event keeps its arena, where its setters write; the arena goes when the
 * last list that holds it does.)
 */
#ifndef ITIN_EVLIST_H
#define ITIN_EVLIST_H

#include <stddef.h>
#include "itin/event.h"

struct evlist {
	struct event **v;
	size_t n;
	size_t alloc;
	struct evarena *arena;	 /* its own; NULL until first needed */
	struct evarena **shared; /* other lists' arenas, one reference each */
	size_t nshared, ashared;
};

#define EVLIST_INIT                                                            \
	{                                                                      \
		NULL, 0, 0, NULL, NULL, 0, 0                                   \
	}

void evlist_init(struct evlist *l);
void evlist_release(struct evlist *l);
void evlist_free(struct evlist *l);
/*
 * Append ev, which the list now owns: a lone event's arena moves into the
 * list's; an event of another list stays where it is, that list's arena
 * kept alive by this one; an event of this list's arena (event_new_in())
 * just joins. Pointers to ev stay good as long as the list.
 */
void evlist_add(struct evlist *l, struct event *ev);
/* The list's own arena, made on first use: where a reader builds the
 * events it adds (event_new_in()). */
struct evarena *evlist_arena(struct evlist *l);
/* Sort with event_compare (stable for equal keys: ties keep input order). */
void evlist_sort(struct evlist *l);
/* Index of the event with this id, or -1. Linear; see evindex_* below. */
long evlist_find(const struct evlist *l, const char *id);
/* Remove the event at i and return a lone copy of it (event_clone()), the
 * caller's; order is kept. */
struct event *evlist_take(struct evlist *l, size_t i);
/* Replace the event at i (taken as evlist_add() takes one); the old one
 * is dropped (its memory goes with the list's arenas). */
void evlist_replace(struct evlist *l, size_t i, struct event *ev);

/*
 * An id index for bulk work (import of many events): a hash from id to
 * position. Rebuild it after removing events.
 */
struct evindex;
struct evindex *evindex_build(const struct evlist *l);
/* Room for n more ids, made at once (for a caller that knows). */
void evindex_reserve(struct evindex *ix, size_t n);
long evindex_find(const struct evindex *ix, const char *id);
void evindex_put(struct evindex *ix, const char *id, size_t pos);
void evindex_free(struct evindex *ix);

#endif
