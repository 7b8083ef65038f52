/*
 * evmerge.h: folding imported events into the store.
 *
 * An incoming event is the SAME as a stored one when it has the same id
 * (explicit, or derived from the same content), the same uid (or its uid
 * is the stored event's id, as imports before uids kept them), or the
 * same content in every field its source carries (unless both have uids
 * and they differ, or the stored one came from the same file: a file
 * that gives two events two ids or UIDs means two). Then it updates that
 * event: the stored values of the fields the source does not carry are
 * kept (evident_keep()), and so is the stored id. Any other event is
 * added, even one that only looks like a stored event (same start, type,
 * title and city): that gets one warning naming the stored event's id.
 *
 * The revision rule, for sources whose revision is a calendar's own
 * (EVF_SEQ carried: iCalendar): a lower SEQUENCE, or an older
 * LAST-MODIFIED when SEQUENCE is equal, never replaces what is stored;
 * one warning names the event. Such an update stores the calendar's
 * SEQUENCE; other updates count one more (event_next_seq()). The same
 * rule holds for seq: of a .itin file (evmerge_revisions()).
 *
 * An incoming event whose id is the one derived from its own content
 * (its file wrote no id, or wrote back the derived one) that finds the
 * stored event of that id with other content finds an event edited
 * since the file was first imported: it is kept (EVMERGE_EDITED).
 *
 * The merger borrows the store list and changes it in place (events are
 * added at the end or replaced where they are); it owns its indexes.
 * Warnings go to a warner; what happened to each event goes to a
 * callback, for a listing (import -n). It never prints.
 */
#ifndef ITIN_EVMERGE_H
#define ITIN_EVMERGE_H

#include "itin/err.h"
#include "itin/event.h"
#include "itin/evlist.h"

enum evmerge_what {
	EVMERGE_ADDED,
	EVMERGE_UPDATED,
	EVMERGE_UNCHANGED,
	EVMERGE_STALE,	/* not replaced: the stored one is newer */
	EVMERGE_EDITED, /* not replaced: the stored one was edited since */
};

/* One incoming event's fate, valid during the callback. */
struct evmerge_result {
	enum evmerge_what what;
	const struct event *old; /* stored before; NULL when added */
	const struct event *ev;	 /* stored now (ADDED, UPDATED), else
				  * the incoming event */
};

typedef void (*evmerge_fn)(void *ctx, const struct evmerge_result *res);

struct evmerge;

/* A merger into store (borrowed; it must outlive the merger). */
struct evmerge *evmerge_new(struct evlist *store);
void evmerge_free(struct evmerge *m);

/*
 * About n events are coming (all files together): the id index is sized
 * for them at once rather than doubled as they come. Only a hint: more
 * or fewer are fine.
 */
void evmerge_expect(struct evmerge *m, size_t n);

/*
 * The next events come from the file fname (for warnings), carrying the
 * fields of carried (EVF_* of evident.h).
 */
void evmerge_source(struct evmerge *m, const char *fname, unsigned carried);

/*
 * The current file's seq: values count revisions as a store's do (a
 * .itin file): a lower one never replaces a higher one. Until the next
 * evmerge_source().
 */
void evmerge_revisions(struct evmerge *m);

/*
 * The events to be merged next are l->v[from], l->v[from + 1]... in that
 * order (some may be left out): the merger looks a few ahead, so that
 * their lookups in a large store are under way when they come. Only a
 * hint; l's events must stay where they are until merged (a slot set to
 * NULL is skipped).
 */
void evmerge_coming(struct evmerge *m, const struct evlist *l, size_t from);

/*
 * Merge ev, a checked event (takes it). fn may be NULL. Returns what
 * happened, or -1 when an update cannot be made (the kept fields do not
 * fit the new ones: a kept zone where the new time does not exist); err
 * then says why and the store is as before this event.
 */
int evmerge_add(struct evmerge *m, struct event *ev,
		const struct itin_warner *w, evmerge_fn fn, void *ctx,
		struct itin_err *err);

/*
 * How many stored candidates the merger has compared so far (for tests:
 * importing n events costs O(n) of them whatever their content).
 */
size_t evmerge_probes(const struct evmerge *m);

#endif
