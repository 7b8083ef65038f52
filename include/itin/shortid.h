/*
 * shortid.h: the shortest prefix of an event's id that names it alone, as
 * git abbreviates commit hashes, so people can read an id off the agenda
 * or the viewer and type it into `show`, `edit` or `rm`.
 *
 * Built once over every id of the store (not only the events shown: a
 * prefix must be unique where it is typed, and the command that reads it
 * searches the whole store). The ids are copied into one block and
 * sorted; the prefix of an id is one longer than the longest prefix it
 * shares with its neighbours in that order, at least min bytes, never
 * cut inside a UTF-8 character. Sorting makes it O(n log n) for the
 * whole store and O(log n) for each id asked about.
 *
 * Ownership: struct shortid owns its copies; shortid_release frees them.
 */
#ifndef ITIN_SHORTID_H
#define ITIN_SHORTID_H

#include <stddef.h>

#include "itin/strbuf.h"

/* Git's default: a prefix of four is short and still easy to type. */
#define SHORTID_MIN 4

struct shortid {
	struct strbuf ids; /* every id, each ending in '\0' */
	size_t *off;	   /* after shortid_finish: offsets into ids, sorted
			    * by the ids they point to */
	size_t n, alloc;
	size_t min;
	int sorted;
};

/* Empty, for prefixes of at least min bytes (SHORTID_MIN unless a test
 * wants another). Allocates nothing. */
void shortid_init(struct shortid *s, size_t min);
void shortid_add(struct shortid *s, const char *id);
/* Sort: after this, shortid_len; adding again is allowed (and sorts again
 * at the next finish). */
void shortid_finish(struct shortid *s);
/*
 * The length in bytes of the shortest prefix of id, at least s->min, that
 * no other id in s begins with; the whole id when it is that short or
 * when another id is the same or begins with all of it (the commands
 * take an exact id before a prefix). id need not be in s.
 */
size_t shortid_len(const struct shortid *s, const char *id);
void shortid_release(struct shortid *s);

#endif
