/*
 * storelock.h: the lock on the store, for store.c (store.h says what it
 * guarantees). The store file itself is the lock: readers hold it shared,
 * writers exclusive, with flock(2), for as long as its descriptor is open.
 * A lock not obtained within $ITIN_LOCK_TIMEOUT seconds (30 when unset)
 * fails with 75.
 */
#ifndef ITIN_STORELOCK_H
#define ITIN_STORELOCK_H

#include <sys/stat.h>
#include "itin/err.h"

enum storelock_kind { STORELOCK_SHARED, STORELOCK_EXCL };

/*
 * The store must be a regular file: reading a FIFO would wait for a
 * writer (with the lock held), a device such as /dev/zero never ends, and
 * a rewrite would replace either by a file. 66, like a directory.
 */
int storelock_check_regular(const char *path, const struct stat *st,
			    struct itin_err *err);

/*
 * Open the store itself (real: links resolved) and flock(2) it: shared
 * for readers, exclusive for writers. Returns the descriptor (closing it
 * unlocks); -2 for a reader when the store does not exist (it reads as
 * empty); -1 with err filled.
 *
 * The store is the lock, not a "PATH.lock" file beside it: a lock file
 * that another user left (a command of theirs that failed in a shared
 * folder, or one planted there) could not be opened, trusted or removed
 * by the owner in a sticky folder, and would lock them out for ever.
 * A lock on the store needs no file of its own, so nothing is left
 * behind, and only someone who may open the store can take it.
 *
 * A rewrite renames a new file over the store while holding the lock on
 * the old one, so a process that waited on the old file must not use it:
 * after locking, the file at the path must still be the one locked
 * (same device and inode), else the lock is dropped and taken again on
 * the new file. That check also makes it safe for a lock holder to
 * remove a store it created (a failed first add or import).
 *
 * Writers open the store read-write (O_APPEND, for store_append), and
 * create it (0600, O_EXCL) when missing; *created says so. The open never
 * blocks (O_NONBLOCK): a FIFO or device in the store's place is refused.
 */
int storelock_open(const char *path, const char *real, enum storelock_kind kind,
		   int *created, struct itin_err *err);

#endif
