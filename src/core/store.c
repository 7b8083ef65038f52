/*
 * store.c: the itinerary file on disk (see store.h for the guarantees).
 *
 * Every writer holds an exclusive flock(2) on "REAL.lock", where REAL is the
 * store with symbolic links resolved, so two links to one file share one
 * lock. Readers hold it shared. The lock file is never deleted: deleting it
 * would let a process lock an unlinked inode while another creates a new one.
 */
#include <dirent.h>
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

#include "itin/ascii.h"
#include "itin/fsutil.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"

#define DEFAULT_LOCK_TIMEOUT 5.0

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

/* mkdir -p for the folders above path, created 0700. */
static int make_parents(const char *path, struct itin_err *err)
{
	char *dir = fs_path_dir(path);
	struct stat st;
	char *p;

	if (stat(dir, &st) == 0) {
		free(dir);
		return 0;
	}
	for (p = dir + 1;; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			int e = errno;

			itin_err_set(err, fs_write_status(e),
				     "cannot create folder '%s': %s", dir,
				     strerror(e));
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

/*
 * Open and lock "REAL.lock". Returns the descriptor (closing it unlocks), or
 * -1 with err filled. A reader that may not create or open the lock file (a
 * read-only folder, someone else's store) gets -2 and reads without it:
 * refusing would make a read-only store unreadable.
 */
static int lock_store(const char *path, const char *real, enum lock_kind kind,
		      struct itin_err *err)
{
	int bad = kind == LK_SHARED ? ITIN_EX_NOINPUT : ITIN_EX_CANTCREAT;
	size_t n = strlen(real);
	char *lock = xmalloc(n + sizeof(".lock"));
	double timeout, deadline;
	long delay = 10;
	struct stat st;
	int fd;

	if (lock_timeout(&timeout, err) < 0)
		goto fail;
	memcpy(lock, real, n);
	memcpy(lock + n, ".lock", sizeof(".lock"));

	/*
	 * Readers never create the lock file: reading the sample in a source
	 * tree must not litter it. Writers create the lock before the store,
	 * so a store without a lock file has no writer to wait for.
	 */
	if (kind == LK_SHARED)
		fd = open(lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	else
		fd = open(lock,
			  O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
			  0600);
	if (fd < 0) {
		int e = errno;

		if (e == ELOOP) {
			itin_err_set(err, bad,
				     "lock file '%s' is a symbolic link", lock);
			goto fail;
		}
		if (kind == LK_SHARED &&
		    (e == ENOENT || e == EACCES || e == EPERM || e == EROFS)) {
			free(lock);
			return -2;
		}
		itin_err_set(err, kind == LK_SHARED ? bad : fs_write_status(e),
			     "cannot open lock file '%s': %s", lock,
			     strerror(e));
		goto fail;
	}
	if (fstat(fd, &st) < 0) {
		itin_err_set(err, ITIN_EX_IOERR,
			     "cannot stat lock file '%s': %s", lock,
			     strerror(errno));
		goto fail_fd;
	}
	/* Another user's lock file could be held forever to lock us out. */
	if (st.st_uid != geteuid()) {
		itin_err_set(err, bad, "lock file '%s' belongs to another user",
			     lock);
		goto fail_fd;
	}
	if (!S_ISREG(st.st_mode)) {
		itin_err_set(err, bad, "lock file '%s' is not a regular file",
			     lock);
		goto fail_fd;
	}

	deadline = now_seconds() + timeout;
	for (;;) {
		if (flock(fd, (kind == LK_SHARED ? LOCK_SH : LOCK_EX) |
				  LOCK_NB) == 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			itin_err_set(err, ITIN_EX_IOERR, "cannot lock '%s': %s",
				     lock, strerror(errno));
			goto fail_fd;
		}
		if (now_seconds() >= deadline) {
			itin_err_set(err, ITIN_EX_TEMPFAIL,
				     "store '%s' is busy (locked by another "
				     "process for more than %g s)",
				     path, timeout);
			goto fail_fd;
		}
		/* Short first waits: most holders finish an append in ms. */
		{
			double left = (deadline - now_seconds()) * 1000.0;
			long ms = delay;

			if (left < ms)
				ms = left > 1 ? (long)left : 1;
			sleep_ms(ms);
		}
		if (delay < 50)
			delay = delay * 3 / 2 > 50 ? 50 : delay * 3 / 2;
	}
	free(lock);
	return fd;

fail_fd:
	close(fd);
fail:
	free(lock);
	return -1;
}

/* ---- reading --------------------------------------------------------- */

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
				    S_ISFIFO(st->st_mode)   ? "a FIFO"
				    : S_ISCHR(st->st_mode)  ? "a character device"
				    : S_ISBLK(st->st_mode)  ? "a block device"
				    : S_ISSOCK(st->st_mode) ? "a socket"
							    : "a special file");
	return 0;
}

/*
 * Read and parse the store (the caller holds whatever lock it needs).
 * Events go to out only when the whole file parsed.
 */
static int read_store(const char *path, struct evlist *out,
		      const struct itin_warner *w, struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct evlist tmp = EVLIST_INIT;
	struct stat st;
	size_t i;
	int fd;

	/* O_NONBLOCK: a FIFO put in the store's place after the check of
	 * the caller must not block the open (and the lock held). */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		int e = errno;

		if (e == ENOENT)
			return 0;
		if (e == EISDIR)
			return itin_err_set(err, ITIN_EX_NOINPUT,
					    "'%s' is a directory", path);
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot read '%s': %s", path, strerror(e));
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return itin_err_set(err, ITIN_EX_IOERR, "cannot stat '%s': %s",
				    path, strerror(e));
	}
	if (check_regular(path, &st, err) < 0) {
		close(fd);
		return -1;
	}
	if (inread_fd(fd, path, INREAD_TEXT, &sb, err) < 0) {
		close(fd);
		strbuf_release(&sb);
		return -1;
	}
	close(fd);

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
	int lock, ret;

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
	lock = lock_store(path, real, LK_SHARED, err);
	free(real);
	if (lock == -1)
		return -1;
	ret = read_store(path, out, w, err);
	if (lock >= 0)
		close(lock);
	return ret;
}

/* ---- writing --------------------------------------------------------- */

/*
 * Open the store for appending, creating it 0600. real is the store with
 * links resolved: O_EXCL never follows a (dangling) link, so creating
 * through the link would fail forever. *created says whether we made it (so
 * its folder entry needs syncing).
 */
static int open_for_append(const char *path, const char *real, int *created,
			   struct itin_err *err)
{
	int fd, tries;

	*created = 0;
	for (tries = 0; tries < 10; tries++) {
		/* O_NONBLOCK: a FIFO in the store's place must not block
		 * the open; it is refused after it (a regular file ignores
		 * the flag). */
		fd = open(real, O_RDWR | O_APPEND | O_CLOEXEC | O_NONBLOCK |
					O_NOCTTY);
		if (fd >= 0)
			return fd;
		if (errno != ENOENT)
			break;
		fd =
		    open(real, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC,
			 0600);
		if (fd >= 0) {
			*created = 1;
			return fd;
		}
		/* EEXIST: someone outside the lock made it (or a new dangling
		 * link appeared); look again, a bounded number of times. */
		if (errno != EEXIST)
			break;
	}
	if (errno == EISDIR)
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    path);
	return itin_err_set(err, fs_write_status(errno), "cannot write '%s': %s",
			    path, strerror(errno));
}

/* Under the exclusive lock already held: does the store hold this id? */
static int check_new_id(const char *path, const char *id,
			const struct itin_warner *w, struct itin_err *err)
{
	struct evlist l = EVLIST_INIT;
	int ret = read_store(path, &l, w, err);

	if (ret == 0 && evlist_find(&l, id) >= 0)
		ret = itin_err_set(err, ITIN_EX_DATAERR,
				   "id '%s' already exists", id);
	evlist_release(&l);
	return ret;
}

static int append(const char *path, const struct event *ev, bool check_id,
		  const struct itin_warner *w, struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char *real;
	int lock, fd, created, e;
	off_t size;

	/* Before any folder or lock file is made for it. */
	if (stat(path, &st) == 0 && check_regular(path, &st, err) < 0)
		return -1;
	if (make_parents(path, err) < 0)
		return -1;
	real = fs_resolve_path(path);
	lock = lock_store(path, real, LK_EXCL, err);
	if (lock < 0) {
		free(real);
		return -1;
	}
	if (check_id && check_new_id(path, ev->id, w, err) < 0) {
		free(real);
		close(lock);
		return -1;
	}

	fd = open_for_append(path, real, &created, err);
	if (fd < 0)
		goto fail_lock;
	if (fstat(fd, &st) < 0) {
		e = errno;
		itin_err_set(err, ITIN_EX_IOERR, "cannot stat '%s': %s", path,
			     strerror(e));
		goto fail_fd;
	}
	/* Checked again on what was opened: the name may have changed. */
	if (check_regular(path, &st, err) < 0)
		goto fail_fd;
	size = st.st_size;

	/* A hand-edited file may lack its final newline. */
	if (size > 0) {
		char last;
		ssize_t n;

		do
			n = pread(fd, &last, 1, size - 1);
		while (n < 0 && errno == EINTR);
		if (n != 1) {
			e = n < 0 ? errno : EIO;
			itin_err_set(err, ITIN_EX_IOERR, "cannot read '%s': %s",
				     path, strerror(e));
			goto fail_fd;
		}
		if (last != '\n')
			strbuf_addch(&sb, '\n');
	}
	itinfmt_write_event(&sb, ev);

	/* One write(2), so a reader without the lock (or a crash) sees all or
	 * nothing in practice; a short write is continued, then undone on
	 * failure so no torn event is left behind. */
	if (fs_write_all(fd, sb.buf, sb.len) < 0 || fsync(fd) < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot write '%s': %s",
			     path, strerror(e));
		/* Undo, under the lock still held: no torn event stays, and a
		 * store this call created goes again. */
		if (created)
			unlink(real);
		else if (ftruncate(fd, size) == 0)
			fsync(fd);
		goto fail_fd;
	}
	if (close(fd) < 0) {
		e = errno;
		itin_err_set(err, ITIN_EX_IOERR, "cannot write '%s': %s", path,
			     strerror(e));
		goto fail_lock;
	}
	if (created)
		fs_sync_dir(real);
	free(real);
	strbuf_release(&sb);
	close(lock);
	return 0;

fail_fd:
	close(fd);
fail_lock:
	free(real);
	strbuf_release(&sb);
	close(lock);
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
	tx->lock_fd = -1;
	evlist_init(&tx->events);
}

/*
 * Remove ".NAME.XXXXXX" files a killed commit left behind. Only called with
 * the exclusive lock held: every live commit holds it while its temporary
 * file exists, so whatever matches now belongs to a dead process. Such a
 * file is a full copy of the store, so leaving it would leak old events.
 */
static void remove_stale_temps(const char *real)
{
	char *dir = fs_path_dir(real);
	const char *base = fs_path_base(real);
	size_t blen = strlen(base);
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		free(dir);
		return;
	}
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		struct stat st;
		size_t i;

		if (n[0] != '.' || strncmp(n + 1, base, blen) ||
		    n[blen + 1] != '.' || strlen(n + blen + 2) != 6)
			continue;
		for (i = blen + 2; n[i]; i++)
			if (!ascii_isalpha((unsigned char)n[i]) && !ascii_isdigit((unsigned char)n[i]))
				break;
		if (n[i])
			continue;
		if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			unlinkat(dirfd(d), n, 0);
	}
	closedir(d);
	free(dir);
}

void store_abort(struct store_tx *tx)
{
	if (!tx)
		return;
	if (tx->lock_fd >= 0)
		close(tx->lock_fd);
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
	/* Before any folder or lock file is made for it. */
	if (stat(path, &st) == 0 && check_regular(path, &st, err) < 0)
		return -1;
	/* The folders must exist for the lock file, whose name must not
	 * change once the store is created (see resolve_path). */
	if (make_parents(path, err) < 0)
		return -1;
	tx->path = xstrdup(path);
	tx->real_path = fs_resolve_path(path);
	tx->lock_fd = lock_store(path, tx->real_path, LK_EXCL, err);
	if (tx->lock_fd < 0 || read_store(path, &tx->events, w, err) < 0) {
		store_abort(tx);
		return -1;
	}
	remove_stale_temps(tx->real_path);
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
	store_abort(tx);
	return ret;
}
