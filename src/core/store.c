/*
 * store.c: the itinerary file on disk (see store.h for the guarantees).
 *
 * Every writer holds an exclusive flock(2) on the store file itself, opened
 * through REAL, the store with symbolic links resolved (so two links to one
 * file share one lock); readers hold it shared. There is no lock file: one
 * left by a killed process or another user could lock the owner out. A
 * rewrite replaces the file by rename, so the lock is checked to still be
 * on the file at the path once taken (lock_store).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "itin/fsutil.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"

/*
 * How long a command waits for the store's lock before giving up with 75.
 * A holder keeps it for milliseconds (an append) to a fraction of a second
 * (a rewrite of thousands of events), but waiters queue: with 32 writers
 * at once on two cores (bench/lock.sh, 7680 operations) a wait reached
 * 18.6 s, and 5 s made 109 of them fail; 30 s made none. It still reports
 * a holder that is stuck (a stopped process) within half a minute.
 */
#define DEFAULT_LOCK_TIMEOUT 30.0

enum lock_kind { LK_SHARED, LK_EXCL };

/* ---- default path ---------------------------------------------------- */

int store_default_path(const char *explicit_path, char **out,
		       struct itin_err *err)
{
	const char *s;

	*out = NULL;
	if (explicit_path) {
		if (!*explicit_path)
			return itin_err_set(err, ITIN_EX_USAGE,
					    "the store path is empty");
		*out = xstrdup(explicit_path);
		return 0;
	}
	s = getenv("ITIN_FILE");
	if (s && *s) {
		*out = xstrdup(s);
		return 0;
	}
	/* The XDG spec: a relative XDG_DATA_HOME is invalid and ignored. */
	s = getenv("XDG_DATA_HOME");
	if (s && s[0] == '/') {
		*out = fs_path_join(s, "itin/itinerary.itin");
		return 0;
	}
	s = getenv("HOME");
	if (s && *s) {
		*out = fs_path_join(s, ".local/share/itin/itinerary.itin");
		return 0;
	}
	return itin_err_set(err, ITIN_EX_USAGE,
			    "cannot find the store: HOME is not set "
			    "(use -f PATH or set ITIN_FILE)");
}

/*
 * A path that ends in '/' names a folder: refuse it before anything is
 * made, or "mkdir -p" of its folder would create it.
 */
static int check_not_folder_name(const char *path, struct itin_err *err)
{
	size_t n = strlen(path);

	if (n && path[n - 1] == '/')
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    path);
	return 0;
}

/*
 * mkdir -p for the folders above path, created 0700. *made is the topmost
 * folder this call created (NULL when none), so that a command that fails
 * later can take them away again (remove_parents): a failed command leaves
 * no folder behind.
 */
static int make_parents(const char *path, char **made, struct itin_err *err)
{
	char *dir = fs_path_dir(path);
	struct stat st;
	char *p;

	*made = NULL;
	if (stat(dir, &st) == 0) {
		free(dir);
		return 0;
	}
	for (p = dir + 1;; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (!*made)
				*made = xstrdup(dir);
		} else if (errno != EEXIST) {
			int e = errno;

			itin_err_set(err, fs_write_status(e),
				     "cannot create folder '%s': %s", dir,
				     strerror(e));
			*p = c;
			free(dir);
			return -1;
		}
		*p = c;
		if (!c)
			break;
	}
	free(dir);
	return 0;
}

/*
 * Undo make_parents: rmdir the folders above path up to and including
 * made. rmdir(2) removes only empty folders, so anything another process
 * put there meanwhile keeps its folder.
 */
static void remove_parents(const char *path, char *made)
{
	char *dir;
	size_t n;

	if (!made)
		return;
	n = strlen(made);
	dir = fs_path_dir(path);
	while (strlen(dir) >= n && !strncmp(dir, made, n)) {
		char *up;

		if (rmdir(dir) < 0)
			break;
		if (strlen(dir) == n)
			break;
		up = fs_path_dir(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	free(made);
}

/* ---- the lock -------------------------------------------------------- */

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

/*
 * The store must be a regular file: reading a FIFO would wait for a
 * writer (with the lock held), a device such as /dev/zero never ends, and
 * a rewrite would replace either by a file. 66, like a directory.
 */
static int check_regular(const char *path, const struct stat *st,
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

int store_check_path(const char *path, struct itin_err *err)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return 0;
	return check_regular(path, &st, err);
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
/*
 * open(2) the store for lock_store(): read-only for a reader; for a
 * writer read-write and appending, created (0600, O_EXCL, *created set)
 * when missing. One made by someone else between the two opens is
 * opened again, until the deadline. -1 with errno on failure.
 */
static int open_store(const char *real, enum lock_kind kind, int *created,
		      double deadline)
{
	int flags = O_CLOEXEC | O_NOCTTY | O_NONBLOCK, fd;

	if (kind == LK_SHARED)
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

/* What lock_store() returns when open_store() failed with errno e. */
static int open_failed(const char *path, enum lock_kind kind, int e,
		       struct itin_err *err)
{
	if (kind == LK_SHARED && e == ENOENT)
		return -2;
	if (e == EISDIR)
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    path);
	if (kind == LK_SHARED)
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
static int take_flock(int fd, const char *path, enum lock_kind kind,
		      double deadline, double timeout, long *delay,
		      struct itin_err *err)
{
	while (flock(fd, (kind == LK_SHARED ? LOCK_SH : LOCK_EX) | LOCK_NB) <
	       0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			if (kind == LK_SHARED)
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
static int lock_store(const char *path, const char *real, enum lock_kind kind,
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
		if (check_regular(path, &st, err) < 0)
			goto fail;
		r = take_flock(fd, path, kind, deadline, timeout, &delay, err);
		if (r < 0)
			goto fail;
		if (r > 0)
			return fd;
		/* Still the file at the path? A rewrite may have replaced it
		 * (or a failed first add removed it) while we waited. */
		if (stat(real, &now) == 0 && now.st_dev == st.st_dev &&
		    now.st_ino == st.st_ino)
			return fd;
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

/* ---- reading --------------------------------------------------------- */

/*
 * Read and parse the store through fd, the descriptor lock_store() opened
 * and checked (a regular file, the one at the path): the store is read
 * once, from the file that is locked. Events go to out only when the
 * whole file parsed.
 */
static int read_store(int fd, const char *path, struct evlist *out,
		      const struct itin_warner *w, struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct evlist tmp = EVLIST_INIT;
	size_t i;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return itin_err_set(err, ITIN_EX_IOERR, "cannot read '%s': %s",
				    path, strerror(errno));
	if (inread_fd(fd, path, INREAD_TEXT, &sb, err) < 0) {
		strbuf_release(&sb);
		return -1;
	}

	if (itinfmt_parse(sb.buf, sb.len, path, &tmp, w, err) < 0) {
		strbuf_release(&sb);
		evlist_release(&tmp);
		return -1;
	}
	strbuf_release(&sb);
	for (i = 0; i < tmp.n; i++)
		evlist_add(out, tmp.v[i]);
	free(tmp.v);
	return 0;
}

int store_load(const char *path, struct evlist *out,
	       const struct itin_warner *w, struct itin_err *err)
{
	struct stat st;
	char *real;
	int lock, ret, created;

	/* A missing store is empty; reading it must not create anything. */
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot read '%s': %s", path,
				    strerror(errno));
	}
	if (check_regular(path, &st, err) < 0)
		return -1;

	real = fs_resolve_path(path);
	lock = lock_store(path, real, LK_SHARED, &created, err);
	free(real);
	if (lock == -2)
		return 0;
	if (lock == -1)
		return -1;
	ret = read_store(lock, path, out, w, err);
	close(lock);
	return ret;
}

/* ---- writing --------------------------------------------------------- */

/* Under the exclusive lock already held: does the store hold this id? */
static int check_new_id(int fd, const char *path, const char *id,
			const struct itin_warner *w, struct itin_err *err)
{
	struct evlist l = EVLIST_INIT;
	int ret = read_store(fd, path, &l, w, err);

	if (ret == 0 && evlist_find(&l, id) >= 0)
		ret = itin_err_set(err, ITIN_EX_DATAERR,
				   "id '%s' already exists", id);
	evlist_release(&l);
	return ret;
}

/* pread(2) all of [off, off + len) into buf; -1 with errno on failure. */
static int pread_all(int fd, char *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t n = pread(fd, buf, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/* Does the line at p (up to e) begin an event? Not blank, not indented,
 * not a comment: what itinfmt's reader takes for a header line. */
static bool header_line(const char *p, const char *e)
{
	if (p == e || *p == ' ' || *p == '\t' || *p == '#' || *p == '\n')
		return false;
	return !(*p == '\r' && (p + 1 == e || p[1] == '\n'));
}

/* How many lines end before byte off of the file (for a message). */
static long lines_before(int fd, off_t off)
{
	char buf[65536];
	off_t pos = 0;
	long n = 0;

	while (pos < off) {
		size_t want = (size_t)(off - pos) < sizeof(buf)
				  ? (size_t)(off - pos)
				  : sizeof(buf);
		const char *p = buf, *e = buf + want;

		if (pread_all(fd, buf, want, pos) < 0)
			break;
		while ((p = memchr(p, '\n', (size_t)(e - p)))) {
			n++;
			p++;
		}
		pos += (off_t)want;
	}
	return n;
}

/*
 * Under the exclusive lock: is the store's last event one the reader
 * accepts? add appends without reading the store (that is what makes it
 * fast and safe from many processes), so a store broken by hand would
 * otherwise take the new event and only the next `list` would fail. Only
 * the last event is read (from its header line to the end), found by
 * reading backwards from the end: the cost does not grow with the store.
 * A broken event further up is the whole-file readers' business.
 */
static int check_last_event(int fd, off_t size, const char *path,
			    struct itin_err *err)
{
	struct evlist l = EVLIST_INIT;
	size_t want = 65536;
	char *buf = NULL;
	off_t off;
	int ret;

	if (size == 0)
		return 0;
	for (;;) {
		const char *p, *start = NULL, *e;

		off = (off_t)want < size ? size - (off_t)want : 0;
		buf = xrealloc(buf, (size_t)(size - off));
		if (pread_all(fd, buf, (size_t)(size - off), off) < 0) {
			int e2 = errno;

			free(buf);
			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot read '%s': %s", path,
					    strerror(e2));
		}
		e = buf + (size - off);
		/* The first line of a chunk may be cut: start after it. */
		p = buf;
		if (off > 0) {
			p = memchr(buf, '\n', (size_t)(e - buf));
			p = p ? p + 1 : e;
		}
		while (p < e) {
			const char *nl = memchr(p, '\n', (size_t)(e - p));

			if (header_line(p, e))
				start = p;
			p = nl ? nl + 1 : e;
		}
		if (start || off == 0) {
			if (!start)
				start = buf;
			off += start - buf;
			ret = itinfmt_parse(start, (size_t)(e - start), path,
					    &l, NULL, err);
			break;
		}
		want *= 4;
	}
	free(buf);
	evlist_release(&l);
	if (ret < 0 && err->line > 0)
		err->line += lines_before(fd, off);
	return ret;
}

/*
 * ev in the text format into sb, as append() writes it after the size
 * bytes of the store: led by a newline when a hand-edited file lacks its
 * final one.
 */
static int format_append(int fd, const char *path, off_t size,
			 const struct event *ev, struct strbuf *sb,
			 struct itin_err *err)
{
	char last;

	if (size > 0) {
		if (pread_all(fd, &last, 1, size - 1) < 0) {
			int e = errno;

			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot read '%s': %s", path,
					    strerror(e));
		}
		if (last != '\n')
			strbuf_addch(sb, '\n');
	}
	itinfmt_write_event(sb, ev);
	return 0;
}

/*
 * append()'s work under the exclusive lock on fd: the checks of the
 * store (a duplicate id, or its last event), then ev added and fsynced.
 * A failed write is truncated back (a store this call created is
 * append()'s to remove).
 */
static int append_locked(int fd, const char *path, const struct event *ev,
			 bool check_id, int created,
			 const struct itin_warner *w, struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	off_t size;
	int e;

	if (check_id && check_new_id(fd, path, ev->id, w, err) < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		e = errno;
		return itin_err_set(err, ITIN_EX_IOERR, "cannot stat '%s': %s",
				    path, strerror(e));
	}
	size = st.st_size;
	if (!check_id && check_last_event(fd, size, path, err) < 0)
		return -1;
	if (format_append(fd, path, size, ev, &sb, err) < 0) {
		strbuf_release(&sb);
		return -1;
	}
	/* One write(2), so a reader without the lock (or a crash) sees all or
	 * nothing in practice; a short write is continued, then undone on
	 * failure so no torn event is left behind. */
	if (fs_write_all(fd, sb.buf, sb.len) < 0 || fsync(fd) < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot write '%s': %s",
			     path, strerror(e));
		if (!created && ftruncate(fd, size) == 0)
			fsync(fd);
		strbuf_release(&sb);
		return -1;
	}
	strbuf_release(&sb);
	return 0;
}

static int append(const char *path, const struct event *ev, bool check_id,
		  const struct itin_warner *w, struct itin_err *err)
{
	struct stat st;
	char *real, *made;
	int fd, created, e;

	/* Before any folder is made for it. */
	if (stat(path, &st) == 0 && check_regular(path, &st, err) < 0)
		return -1;
	if (check_not_folder_name(path, err) < 0 ||
	    make_parents(path, &made, err) < 0)
		return -1;
	real = fs_resolve_path(path);
	/* The store itself, locked and open for appending. */
	fd = lock_store(path, real, LK_EXCL, &created, err);
	if (fd < 0)
		goto fail_dirs;
	if (append_locked(fd, path, ev, check_id, created, w, err) < 0)
		goto fail_fd;
	if (close(fd) < 0) {
		e = errno;
		itin_err_set(err, ITIN_EX_IOERR, "cannot write '%s': %s", path,
			     strerror(e));
		fd = -1;
		created = 0; /* unlocked now: not ours to remove */
		goto fail_fd;
	}
	if (created)
		fs_sync_dir(real);
	free(made);
	free(real);
	return 0;

fail_fd:
	/* Undo, under the lock still held: no torn event stays, and a store
	 * this call created goes again (waiters see it gone and retry). */
	if (created)
		unlink(real);
	if (fd >= 0)
		close(fd);
fail_dirs:
	remove_parents(path, made);
	free(real);
	return -1;
}

int store_append(const char *path, const struct event *ev, struct itin_err *err)
{
	return append(path, ev, false, NULL, err);
}

int store_append_new(const char *path, const struct event *ev,
		     const struct itin_warner *w, struct itin_err *err)
{
	return append(path, ev, true, w, err);
}

/* ---- transactions ---------------------------------------------------- */

static void tx_reset(struct store_tx *tx)
{
	tx->path = NULL;
	tx->real_path = NULL;
	tx->made_dir = NULL;
	tx->lock_fd = -1;
	tx->created = 0;
	evlist_init(&tx->events);
}

void store_abort(struct store_tx *tx)
{
	if (!tx)
		return;
	/* A store this transaction created (empty, still locked by us) and
	 * the folders it made go again: a failed command leaves nothing. */
	if (tx->created && tx->real_path && tx->lock_fd >= 0)
		unlink(tx->real_path);
	if (tx->lock_fd >= 0)
		close(tx->lock_fd);
	if (tx->created && tx->path)
		remove_parents(tx->path, tx->made_dir);
	else
		free(tx->made_dir);
	free(tx->path);
	free(tx->real_path);
	evlist_release(&tx->events);
	tx_reset(tx);
}

int store_begin(const char *path, struct store_tx *tx,
		const struct itin_warner *w, struct itin_err *err)
{
	struct stat st;

	tx_reset(tx);
	/* Before any folder is made for it. */
	if (stat(path, &st) == 0 && check_regular(path, &st, err) < 0)
		return -1;
	if (check_not_folder_name(path, err) < 0)
		return -1;
	/* The folders must exist for the store (which is the lock). */
	if (make_parents(path, &tx->made_dir, err) < 0)
		return -1;
	tx->path = xstrdup(path);
	tx->real_path = fs_resolve_path(path);
	tx->lock_fd =
	    lock_store(path, tx->real_path, LK_EXCL, &tx->created, err);
	if (tx->lock_fd < 0) {
		/* Nothing of ours inside: the folders may go. */
		remove_parents(path, tx->made_dir);
		tx->made_dir = NULL;
		store_abort(tx);
		return -1;
	}
	if (read_store(tx->lock_fd, path, &tx->events, w, err) < 0) {
		store_abort(tx);
		return -1;
	}
	/* Under the lock every live commit holds while its temporary file
	 * exists: whatever is left now belongs to a dead process. */
	fs_remove_stale_temps(tx->real_path, 0);
	return 0;
}

int store_begin_existing(const char *path, struct store_tx *tx,
			 const struct itin_warner *w, struct itin_err *err)
{
	struct stat st;

	if (lstat(path, &st) < 0 && errno == ENOENT) {
		tx_reset(tx);
		return 0;
	}
	return store_begin(path, tx, w, err);
}

int store_commit(struct store_tx *tx, struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (!tx->real_path || tx->lock_fd < 0)
		return itin_err_set(err, ITIN_EX_OTHER,
				    "no store transaction to commit");
	itinfmt_write(&sb, &tx->events);
	ret = fs_replace_file(tx->real_path, sb.buf, sb.len, 0600, err);
	strbuf_release(&sb);
	if (ret == 0)
		tx->created = 0; /* it is the store now: keep it */
	store_abort(tx);
	return ret;
}
