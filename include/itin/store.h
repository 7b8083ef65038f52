/*
 * store.h: the itinerary file on disk, shared safely between processes.
 *
 * Path: -f PATH, else $ITIN_FILE, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/itin/itinerary.itin.
 *
 * Locking: the store file itself is held with flock(2): exclusive by
 * writers, shared by readers, so a reader never sees a half-written append.
 * Once taken, the lock must still be on the file at the path (a rewrite
 * renames a new file over it), else it is taken again on the new file.
 * There is no lock file, so a killed process or another user's failed
 * command leaves nothing that could lock the owner out. A lock not obtained
 * within the timeout ($ITIN_LOCK_TIMEOUT seconds, default in storelock.c,
 * fractions allowed) fails with status 75. The path is the store with
 * symbolic links resolved (also a dangling link, and the folder of a
 * missing store), so every name of one file shares one lock. Opening never
 * blocks: a FIFO or device as the store is refused (66).
 *
 * Failures leave nothing: a path ending in '/' is refused (66) before
 * anything is made, and an append or transaction that created the store
 * and its folders and then fails removes them again.
 *
 * Writes: store_append() appends one event with a single write(2) and
 * fsyncs before returning; it reads only the store's last event, found
 * from the end, and refuses (65, FILE:LINE:COL) a store that does not parse
 * there (store_append_new() reads the whole store, to refuse a duplicate
 * id). A transaction
 * (store_begin .. store_commit) rewrites the whole file: new file in the
 * same folder (mkstemp), written a block at a time as it is formatted (the
 * new store never sits whole in memory), fsync, rename over the old one,
 * fsync the folder.
 * A store that is a symbolic link stays one: the file it points to is
 * replaced. Nothing is changed when any step fails: a failed append is
 * truncated back to the old size. Statuses: 66 store is a directory or
 * unreadable, 73 cannot create (permissions, read-only), 74 I/O (full disk,
 * file size limit: the CLI ignores SIGXFSZ so that is EFBIG), 75 busy.
 */
#ifndef ITIN_STORE_H
#define ITIN_STORE_H

#include "itin/err.h"
#include "itin/evlist.h"

/* Resolve the store path into a new string (the caller frees it).
 * explicit_path may be NULL. Fails (64) when neither HOME nor XDG is set. */
int store_default_path(const char *explicit_path, char **out,
		       struct itin_err *err);

/*
 * Refuse (66) a store path that names something other than a regular file
 * (a directory, a FIFO, a device), without opening it: a command that
 * reads its inputs before the store checks this first, so that it does
 * not parse them for nothing. A missing store, or one that cannot be
 * examined, passes: opening it says what is wrong.
 */
int store_check_path(const char *path, struct itin_err *err);

/*
 * Read the store into out (appending). A missing store is empty. Takes the
 * shared lock while reading (when the lock file can be created).
 */
int store_load(const char *path, struct evlist *out,
	       const struct itin_warner *w, struct itin_err *err);

/*
 * store_load() for a command that shows some events (list, export, show,
 * timeline): out gets, in file order, every event want may select and
 * perhaps others (the caller still filters them), and want->each_id every
 * id of the store. The store is read and scanned (storescan.h), so the
 * cost follows what is selected; errors and warnings are store_load()'s.
 */
struct storescan_want;
int store_load_scan(const char *path, const struct storescan_want *want,
		    struct evlist *out, const struct itin_warner *w,
		    struct itin_err *err);

/*
 * The store at path opened and locked shared into *fd, as the readers
 * above take it, for a reader of its own (storestream.h): -1 there when
 * the store is missing (read as empty: reading creates nothing). 0, or
 * -1 with err (store_load()'s errors of opening and locking).
 */
int store_open_shared(const char *path, int *fd, struct itin_err *err);

/* Append one checked event under the exclusive lock; creates the store and
 * its folders when missing. */
int store_append(const char *path, const struct event *ev,
		 struct itin_err *err);

/* Like store_append(), but first reads the store under the same lock and
 * fails with 65 "id 'X' already exists" when it holds ev's id: for
 * `add --id`, where checking before appending would race another add and
 * could leave a duplicate id, which makes the whole store unreadable. */
int store_append_new(const char *path, const struct event *ev,
		     const struct itin_warner *w, struct itin_err *err);

/* A rewrite: holds the exclusive lock from begin to commit/abort. */
struct store_tx {
	char *path;	      /* the store as given */
	char *real_path;      /* symbolic links resolved: the file replaced */
	char *made_dir;	      /* topmost folder begin created, or NULL */
	int lock_fd;	      /* the store itself, flocked */
	int created;	      /* begin created the (empty) store */
	struct evlist events; /* the store's events, read under the lock */
};

/* Lock and read. On success the caller must commit or abort. */
int store_begin(const char *path, struct store_tx *tx,
		const struct itin_warner *w, struct itin_err *err);
/*
 * For commands that only change events already there (rm, edit): like
 * store_begin, but a missing store gives an empty transaction that created
 * nothing (no folders, no lock file) and cannot be committed.
 */
int store_begin_existing(const char *path, struct store_tx *tx,
			 const struct itin_warner *w, struct itin_err *err);
/* Write tx->events (in their order) atomically, then unlock and release.
 * The transaction is released on failure too; store_abort() after
 * store_commit() is harmless. */
int store_commit(struct store_tx *tx, struct itin_err *err);
/* Unlock and release without writing. Safe to call twice. */
void store_abort(struct store_tx *tx);

#endif
