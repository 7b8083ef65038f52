/*
 * syncstate.h: what `itin sync` last saw of each remote, kept beside the
 * store (issue 16).
 *
 * The file is the store's path (symbolic links resolved) with ".sync"
 * appended: itinerary.itin.sync. Text, one record a line, fields
 * separated by one tab, a backslash escaping tab, line break and itself
 * (\t, \n, \\); man/itin.5 ("SYNC STATE") documents it:
 *
 *   itin-sync	1
 *   remote	URL	TOKEN                       one per collection
 *   res	HREF	ETAG	LOCAL	REMOTE	IDS  one per resource of it
 *
 * TOKEN is the RFC 6578 sync token ("" when none); HREF the resource's
 * path on the server, ETAG its entity tag as last seen ("" unknown);
 * LOCAL and REMOTE 16 hex digits, the canonical hashes (syncev.h) of the
 * local events and of the resource's events when both sides last agreed
 * (they differ only when the resource lacks fields itin keeps, as an
 * import keeps them); IDS the local ids the resource became, separated by
 * spaces (ids hold none).
 *
 * Safety: the state is one file, replaced whole and atomically
 * (fs_replace_file(), mode 0600) at the end of a sync, after the store
 * was. A sync killed at any point leaves the old state, and the next sync
 * resumes: what it had pushed is found on the server, equal to the local
 * side; what it had pulled is in the store, equal to the server; both
 * read as "in sync" (syncplan.h). The file is also the lock that keeps
 * two syncs of one store apart: open() takes flock(2) on it, exclusive
 * for a sync that writes, shared for --dry-run, and checks after locking
 * that the file at the path is still the one locked (a finished sync
 * renamed a new one over it), as storelock.c does for the store.
 *
 * Ownership: struct syncstate owns every string in it; release() frees
 * them and unlocks.
 */
#ifndef ITIN_SYNCSTATE_H
#define ITIN_SYNCSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"

struct syncstate_res {
	char *href;
	char *etag; /* NULL: unknown */
	uint64_t local_hash, remote_hash;
	char **ids;
	size_t nids;
};

struct syncstate_remote {
	char *url;
	char *token; /* NULL: none */
	struct syncstate_res *v;
	size_t n, alloc;
};

struct syncstate {
	char *path; /* the state file */
	struct syncstate_remote *v;
	size_t n, alloc;
	int lock_fd; /* -1: not locked (a dry run of a store never synced) */
	/* open() made the (empty) file and no write followed yet: release
	 * removes it, so a failed first sync leaves nothing behind. */
	bool created;
};

/* The state file of a store (a new string). */
char *syncstate_path(const char *store_path);

/*
 * Lock and read the state of the store at store_path. writer: exclusive,
 * and the file is created (empty, 0600) when missing; else shared, and a
 * missing file reads as empty without being made. A lock not obtained
 * within $ITIN_LOCK_TIMEOUT seconds (default 30) fails with 75; a file
 * that does not parse with 65 (FILE:LINE). On success the caller calls
 * syncstate_release().
 */
int syncstate_open(struct syncstate *st, const char *store_path, bool writer,
		   struct itin_err *err);

/* Parse text (len bytes) into st (appending remotes); fname for messages. */
int syncstate_parse(struct syncstate *st, const char *text, size_t len,
		    const char *fname, struct itin_err *err);
/* The whole state as the file holds it (appended to *out, a strbuf). */
struct strbuf;
void syncstate_format(const struct syncstate *st, struct strbuf *out);

/* The remote of url, made (empty) when st has none. Borrowed. */
struct syncstate_remote *syncstate_remote(struct syncstate *st,
					  const char *url);
/* Index of the resource at href, or -1. */
long syncstate_find(const struct syncstate_remote *r, const char *href);
/* Append a resource (its strings copied); returns it. */
struct syncstate_res *syncstate_add(struct syncstate_remote *r,
				    const char *href, const char *etag,
				    uint64_t local_hash, uint64_t remote_hash,
				    const char *const *ids, size_t nids);
/* Drop every resource of r and its token (for a rebuilt record). */
void syncstate_remote_clear(struct syncstate_remote *r);
void syncstate_set_token(struct syncstate_remote *r, const char *token);

/* Replace the state file with st, atomically (0600). */
int syncstate_write(struct syncstate *st, struct itin_err *err);

/* Free everything and unlock. Safe on a zeroed or released st. */
void syncstate_release(struct syncstate *st);

#endif
