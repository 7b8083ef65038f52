/*
 * syncapply.h: carrying out a sync plan (syncplan.h): the writes to the
 * server through a transport (dav.h in `itin sync`, a table in memory in
 * the unit tests), then the changes to the store's events, and the new
 * state for the remote (syncstate.h).
 *
 * Order, so that a sync killed at any point loses nothing: the server's
 * writes first, each with its precondition (If-Match the ETag the plan
 * saw, If-None-Match: * for a new resource), a 412 turning that action
 * into a conflict that changes nothing; then the local changes, made to
 * the caller's list only (the caller commits the store atomically, then
 * writes the state). An error of the transport stops at once with
 * nothing changed locally: what was already written on the server is
 * found equal to the local side by the next sync (syncplan.h).
 */
#ifndef ITIN_SYNCAPPLY_H
#define ITIN_SYNCAPPLY_H

#include <stdint.h>
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/syncplan.h"
#include "itin/syncstate.h"

/* The server's writes. put: if_match NULL creates only; returns 0 done
 * (*etag: a new string or NULL), 1 precondition failed (412), -1 error. */
struct syncapply_ops {
	int (*put)(void *ctx, const char *href, const char *body, size_t len,
		   const char *if_match, char **etag, struct itin_err *err);
	int (*del)(void *ctx, const char *href, const char *if_match,
		   struct itin_err *err);
	void *ctx;
};

struct syncapply {
	const struct syncapply_ops *ops;
	int64_t now;		      /* DTSTAMP of what is written */
	struct evlist *store;	      /* the store's events: in->local */
	struct syncstate_remote *next; /* the new state, filled (empty on entry) */
	size_t conflicts;	      /* conflicts left after applying */
	size_t pushed, pulled, deleted_remote, deleted_local;
};

/*
 * Apply plan (made from in, whose local events are ap->store's and whose
 * state is the old state) and fill ap->next. A 412 makes the action a
 * conflict (kind SYNC_CONFLICT, conflict SYNC_C_PRECONDITION) in plan.
 * Returns 0, or -1 with err when the transport failed or a pulled event
 * cannot be stored (then ap->store is as it was).
 */
int syncapply_run(const struct syncplan_in *in, struct syncplan *plan,
		  struct syncapply *ap, const struct itin_warner *w,
		  struct itin_err *err);

#endif
