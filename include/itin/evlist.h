/*
 * evlist.h: an owning, growable list of events.
 *
 * evlist_add() takes ownership of the event; evlist_release() frees every
 * event and the array; evlist_free() also the struct itself (NULL is fine).
 */
#ifndef ITIN_EVLIST_H
#define ITIN_EVLIST_H

#include <stddef.h>
#include "itin/event.h"

struct evlist {
	struct event **v;
	size_t n;
	size_t alloc;
};

#define EVLIST_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void evlist_init(struct evlist *l);
void evlist_release(struct evlist *l);
void evlist_free(struct evlist *l);
void evlist_add(struct evlist *l, struct event *ev);
/* Sort with event_compare (stable for equal keys: ties keep input order). */
void evlist_sort(struct evlist *l);
/* Index of the event with this id, or -1. Linear; see evlist_index_*. */
long evlist_find(const struct evlist *l, const char *id);
/* Remove and return the event at i (the caller owns it); order is kept. */
struct event *evlist_take(struct evlist *l, size_t i);
/* Replace the event at i, freeing the old one. */
void evlist_replace(struct evlist *l, size_t i, struct event *ev);

/*
 * An id index for bulk work (import of many events): a hash from id to
 * position. Rebuild it after removing events.
 */
struct evindex;
struct evindex *evindex_build(const struct evlist *l);
long evindex_find(const struct evindex *ix, const char *id);
void evindex_put(struct evindex *ix, const char *id, size_t pos);
void evindex_free(struct evindex *ix);

#endif
