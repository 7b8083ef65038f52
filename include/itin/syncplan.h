/*
 * syncplan.h: the three-way reconciliation of `itin sync` (issue 16),
 * pure: no network, no files. Given the local events (the store), the
 * state of the last sync (syncstate.h) and what the server holds now
 * (its listing, with the bodies of what changed read into events), it
 * says what to do with every resource and every local event.
 *
 * The unit is a resource and the group of local events it became
 * (syncev.h): the ids the state records for it. A side "changed" when its
 * canonical hash (syncev_hash()) differs from the one the state recorded
 * for that side; an ETag that changed while the hash did not (a server
 * re-serialising) is no change. The decision table, for a resource the
 * state knows:
 *
 *   local \ remote   unchanged        changed            deleted
 *   unchanged        in sync          pull update        delete local
 *   changed          push update      in sync if equal,  conflict
 *                    (If-Match)       else conflict
 *   deleted          delete remote    conflict           forget
 *                    (If-Match)
 *
 * A resource the state does not know (created on the server, or pushed
 * by a sync that was killed before it wrote the state) is pulled, unless
 * the store holds events of its ids: equal, it is in sync (the resume
 * case); different, a conflict (created on both sides). A local event no
 * resource claims is pushed new (If-None-Match: *) at "UID.ics". A
 * recurring series from another client is kept as one event per
 * occurrence and cannot be written back as one: local changes to one
 * are a conflict, which --prefer remote settles by pulling it again.
 *
 * A resource whose ETag changed while its content did not (a client
 * re-saving it) is unchanged: a local delete uses the ETag listed now.
 * One whose changed body could not be read (syncplan_item.unread) is a
 * conflict, whatever the local side did and whatever --prefer says.
 *
 * --prefer local|remote settles the other conflicts: local pushes (or
 * deletes on the server) with If-Match the server's current ETag, so a
 * change made after the listing is still never overwritten; remote pulls
 * (or deletes locally). Without it a conflict changes neither side and
 * keeps the old state for the resource, so it comes back next time.
 *
 * Ownership: the plan owns its actions and their href strings and index
 * arrays; everything else is borrowed from the input, which must outlive
 * the plan.
 */
#ifndef ITIN_SYNCPLAN_H
#define ITIN_SYNCPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/event.h"
#include "itin/strbuf.h"
#include "itin/syncstate.h"

enum syncplan_prefer { SYNC_PREFER_NONE, SYNC_PREFER_LOCAL, SYNC_PREFER_REMOTE };

/* One resource of the server as this sync sees it. */
struct syncplan_item {
	const char *href;
	const char *etag; /* NULL: deleted (an incremental listing says so) */
	/* true: ev holds its body's events (it is new or its ETag changed
	 * since the state); false: unchanged since the state. */
	bool fetched;
	struct event *const *ev;
	size_t nev;
	uint64_t hash; /* syncev_hash() of ev, when fetched */
	/* true: its ETag is not the state's but its body could not be read
	 * (it did not parse, or the server left it out of its answer). A
	 * resource the state knows is then a conflict that nothing settles
	 * and that keeps the state's ETag and hashes, so the edit is read
	 * again next time and never written over unseen. */
	bool unread;
};

struct syncplan_in {
	struct event *const *local; /* the store's events */
	size_t nlocal;
	const struct syncstate_remote *state; /* NULL: never synced */
	const struct syncplan_item *remote;   /* every resource the server has */
	size_t nremote;
	enum syncplan_prefer prefer;
	/* The collection's path ("/cal/trip/"), the prefix of the href of
	 * a resource pushed new; NULL or "": hrefs relative to it. */
	const char *base;
};

enum syncplan_kind {
	SYNC_IN_SYNC,
	SYNC_PUSH_NEW,
	SYNC_PUSH_UPDATE,
	SYNC_PULL_NEW,
	SYNC_PULL_UPDATE,
	SYNC_DELETE_REMOTE,
	SYNC_DELETE_LOCAL,
	SYNC_FORGET, /* deleted on both sides: only the state forgets it */
	SYNC_CONFLICT,
	SYNC_KIND_COUNT
};

enum syncplan_conflict {
	SYNC_C_NONE,
	SYNC_C_BOTH_CHANGED,
	SYNC_C_LOCAL_CHANGED_REMOTE_DELETED,
	SYNC_C_LOCAL_DELETED_REMOTE_CHANGED,
	SYNC_C_BOTH_CREATED,
	SYNC_C_SERIES,	  /* a recurring series changed locally */
	SYNC_C_DUPLICATE, /* its events are another resource's too */
	SYNC_C_PRECONDITION, /* the server refused a write (412): set by apply */
	SYNC_C_UNREAD,	     /* changed on the server, body not readable */
	SYNC_C_COUNT
};

struct syncplan_action {
	enum syncplan_kind kind;
	/* For a conflict: why; for an action --prefer chose: the conflict
	 * it settled; else SYNC_C_NONE. */
	enum syncplan_conflict conflict;
	char *href; /* the resource's; for a push new base + "UID.ics" */
	/* The ETag a write or delete must match (the state's, or the
	 * server's current one when --prefer local settles a conflict);
	 * NULL for a push new (If-None-Match: *). Borrowed. */
	const char *if_match;
	size_t *local; /* indexes into in->local: the group */
	size_t nlocal;
	long remote; /* index into in->remote, or -1 */
	long state;  /* index into in->state->v, or -1 */
	uint64_t local_hash, remote_hash; /* 0: that side has none */
};

struct syncplan {
	struct syncplan_action *v;
	size_t n, alloc;
	size_t count[SYNC_KIND_COUNT];
};

/* Make the plan (out is initialised here). */
void syncplan_make(const struct syncplan_in *in, struct syncplan *out);
void syncplan_release(struct syncplan *p);

/* "in-sync", "push-new", ...: the names of --format tsv and json. */
const char *syncplan_kind_name(enum syncplan_kind k);
/* "changed on both sides", ...: for people. */
const char *syncplan_conflict_text(enum syncplan_conflict c);

/*
 * The differences between a local and a remote version of one event,
 * field by field (evident.h's fields), appended to sb as lines
 * "  FIELD: local: VALUE\n  FIELD: remote: VALUE\n", indented by
 * indent spaces; "(none)" for an empty value. Either event may be NULL
 * (deleted on that side): then every field of the other is listed.
 */
void syncplan_describe(struct strbuf *sb, const struct event *local,
		       const struct event *remote, size_t indent);

#endif
