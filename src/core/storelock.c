/*
 * storelock.c: the lock on the store (storelock.h): open the store file
 * itself, flock(2) it, wait for a holder with short sleeps up to the
 * timeout, and check that the file locked is still the one at the path.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "itin/fsutil.h"
#include "itin/storelock.h"

/*
 * How long a command waits for the store's lock before giving up with 75.
 * A holder keeps it for milliseconds (an append) to a fraction of a second
 * (a rewrite of thousands of events), but waiters queue: with 32 writers
 * at once on two cores (bench/lock.sh, 7680 operations) a wait reached
 * 18.6 s, and 5 s made 109 of them fail; 30 s made none. It still reports
 * a holder that is stuck (a stopped process) within half a minute.
 */
#define DEFAULT_LOCK_TIMEOUT 30.0

static int lock_timeout(double *out, struct itin_err *err)
{
	const char *s = getenv("ITIN_LOCK_TIMEOUT");
	char *end;
	double v;

	*out = DEFAULT_LOCK_TIMEOUT;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < 0)
		return itin_err_set(err, ITIN_EX_USAGE,
				    "invalid ITIN_LOCK_TIMEOUT '%s' (expected "
				    "a number of seconds)",
				    s);
	*out = v;
	return 0;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* What a file that is neither a folder nor a regular file is, for a
 * message. */
static const char *special_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a special file";
}

int storelock_check_regular(const char *path, const struct stat *st,
			    struct itin_err *err)
{
	if (S_ISDIR(st->st_mode))
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    path);
	if (!S_ISREG(st->st_mode))
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "'%s' is not a regular file (%s)", path,
				    special_kind(st->st_mode));
	return 0;
}

/*
 * open(2) the store for storelock_open(): read-only for a reader; for a
 * writer read-write and appending, created (0600, O_EXCL, *created set)
 * when missing. One made by someone else between the two opens is
 * opened again, until the deadline. -1 with errno on failure.
 */
static int open_store(const char *real, enum storelock_kind kind, int *created,
		      double deadline)
{
	int flags = O_CLOEXEC | O_NOCTTY | O_NONBLOCK, fd;

	if (kind == STORELOCK_SHARED)
		return open(real, flags | O_RDONLY);
	for (;;) {
		fd = open(real, flags | O_RDWR | O_APPEND);
		if (fd >= 0 || errno != ENOENT)
			return fd;
		fd = open(real, flags | O_RDWR | O_APPEND | O_CREAT | O_EXCL,
			  0600);
		if (fd >= 0)
			*created = 1;
		else if (errno == EEXIST && now_seconds() < deadline)
			continue; /* made by someone else */
		return fd;
	}
}

/* What storelock_open() returns when open_store() failed with errno e. */
static int open_failed(const char *path, enum storelock_kind kind, int e,
		       struct itin_err *err)
{
	if (kind == STORELOCK_SHARED && e == ENOENT)
		return -2;
	if (e == EISDIR)
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    path);
	if (kind == STORELOCK_SHARED)
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot read '%s': %s", path, strerror(e));
	return itin_err_set(err, fs_write_status(e), "cannot write '%s': %s",
			    path, strerror(e));
}

/* One wait between two tries of the lock, *delay ms or what is left
 * before the deadline; short first waits (most holders finish an
 * append in ms), growing to 50 ms. */
static void wait_for_holder(double deadline, long *delay)
{
	double left = (deadline - now_seconds()) * 1000.0;
	long ms = *delay;

	if (left < ms)
		ms = left > 1 ? (long)left : 1;
	sleep_ms(ms);
	if (*delay < 50)
		*delay = *delay * 3 / 2 > 50 ? 50 : *delay * 3 / 2;
}

/*
 * flock(2) fd, trying until the deadline. 0 when locked; 1 for a reader
 * on a file system without flock (ENOLCK, EOPNOTSUPP), which reads
 * without; -1 with err filled (a writer without flock: 74; the deadline
 * passed: 75).
 */
static int take_flock(int fd, const char *path, enum storelock_kind kind,
		      double deadline, double timeout, long *delay,
		      struct itin_err *err)
{
	while (flock(fd, (kind == STORELOCK_SHARED ? LOCK_SH : LOCK_EX) |
			     LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			if (kind == STORELOCK_SHARED)
				return 1;
			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot lock '%s': %s", path,
					    strerror(errno));
		}
		if (now_seconds() >= deadline)
			return itin_err_set(err, ITIN_EX_TEMPFAIL,
					    "store '%s' is busy (locked by "
					    "another process for more than "
					    "%g s)",
					    path, timeout);
		wait_for_holder(deadline, delay);
	}
	return 0;
}

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
		   int *created, struct itin_err *err)
{
	double timeout, deadline;
	long delay = 10;
	int fd = -1, r;

	*created = 0;
	if (lock_timeout(&timeout, err) < 0)
		return -1;
	deadline = now_seconds() + timeout;
	for (;;) {
		struct stat st, now;

		fd = open_store(real, kind, created, deadline);
		if (fd < 0)
			return open_failed(path, kind, errno, err);
		if (fstat(fd, &st) < 0) {
			int e = errno;

			itin_err_set(err, ITIN_EX_IOERR, "cannot stat '%s': %s",
				     path, strerror(e));
			goto fail;
		}
		if (storelock_check_regular(path, &st, err) < 0)
			goto fail;
		r = take_flock(fd, path, kind, deadline, timeout, &delay, err);
		if (r < 0)
			goto fail;
		if (r > 0)
			return fd;
		/* Still the file at the path? A rewrite may have replaced it
		 * (or a failed first add removed it) while we waited. */
		if (stat(real, &now) == 0 && now.st_dev == st.st_dev &&
		    now.st_ino == st.st_ino) {
			/* Created by us, but another writer may have opened
			 * it and taken the lock first: once it holds an event
			 * it is the store, not ours to remove on failure. */
			if (*created &&
			    (fstat(fd, &now) < 0 || now.st_size > 0))
				*created = 0;
			return fd;
		}
		close(fd);
		fd = -1;
		*created = 0;
	}

fail:
	/* A store we created stays: another process may hold it by now. */
	*created = 0;
	close(fd);
	return -1;
}
