/*
 * store.c: the itinerary file on disk (see store.h for the guarantees).
 *
 * Every writer holds an exclusive flock(2) on the store file itself, opened
 * through REAL, the store with symbolic links resolved (so two links to one
 * file share one lock); readers hold it shared. There is no lock file: one
 * left by a killed process or another user could lock the owner out. A
 * rewrite replaces the file by rename, so the lock is checked to still be
 * on the file at the path once taken (storelock.c).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/fsutil.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/outsink.h"
#include "itin/store.h"
#include "itin/storescan.h"
#include "itin/storelock.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"

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

/* ---- checks ---------------------------------------------------------- */

int store_check_path(const char *path, struct itin_err *err)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return 0;
	return storelock_check_regular(path, &st, err);
}

/* ---- reading --------------------------------------------------------- */

/*
 * Read and parse the store through fd, the descriptor storelock_open() opened
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
	/* out keeps tmp's arena, where the events are, alive. */
	for (i = 0; i < tmp.n; i++)
		evlist_add(out, tmp.v[i]);
	evlist_release(&tmp);
	return 0;
}

/* Every id of l to want->each_id: the scan's promise when the whole store
 * was read instead. */
static void each_id(const struct storescan_want *want, const struct evlist *l,
		    size_t from)
{
	for (size_t i = from; want->each_id && i < l->n; i++)
		want->each_id(want->ctx, l->v[i]->id, strlen(l->v[i]->id));
}

/*
 * Under the shared lock on fd: the store scanned (storescan.h), or read
 * whole by read_store() when the scan gives up. The bytes stay as they
 * are while the lock is held: itin's writers wait for it, and a rewrite
 * renames a new file over the store, leaving the open one whole.
 */
static int scan_store(int fd, const char *path,
		      const struct storescan_want *want, struct evlist *out,
		      const struct itin_warner *w, struct itin_err *err)
{
	size_t before = out->n;

	if (storescan_read(fd, path, want, out) == 0)
		return 0;
	if (read_store(fd, path, out, w, err) < 0)
		return -1;
	each_id(want, out, before);
	return 0;
}

int store_open_shared(const char *path, int *fd, struct itin_err *err)
{
	struct stat st;
	char *real;
	int created;

	*fd = -1;
	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot read '%s': %s", path,
				    strerror(errno));
	}
	if (storelock_check_regular(path, &st, err) < 0)
		return -1;
	real = fs_resolve_path(path);
	*fd = storelock_open(path, real, STORELOCK_SHARED, &created, err);
	free(real);
	if (*fd == -2)
		*fd = -1;
	else if (*fd == -1)
		return -1;
	return 0;
}

/*
 * Under the shared lock: the store read whole (want NULL, or selecting
 * nothing, each id then reported from the list) or scanned for want.
 */
static int load_shared(const char *path, const struct storescan_want *want,
		       struct evlist *out, const struct itin_warner *w,
		       struct itin_err *err)
{
	size_t before = out->n;
	int lock, ret;

	if (store_open_shared(path, &lock, err))
		return -1;
	if (lock < 0)
		return 0;
	if (want && storescan_selects(want)) {
		ret = scan_store(lock, path, want, out, w, err);
	} else {
		ret = read_store(lock, path, out, w, err);
		if (ret == 0 && want)
			each_id(want, out, before);
	}
	close(lock);
	return ret;
}

int store_load(const char *path, struct evlist *out,
	       const struct itin_warner *w, struct itin_err *err)
{
	return load_shared(path, NULL, out, w, err);
}

int store_load_scan(const char *path, const struct storescan_want *want,
		    struct evlist *out, const struct itin_warner *w,
		    struct itin_err *err)
{
	return load_shared(path, want, out, w, err);
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
	if (stat(path, &st) == 0 && storelock_check_regular(path, &st, err) < 0)
		return -1;
	if (check_not_folder_name(path, err) < 0 ||
	    make_parents(path, &made, err) < 0)
		return -1;
	real = fs_resolve_path(path);
	/* The store itself, locked and open for appending. */
	fd = storelock_open(path, real, STORELOCK_EXCL, &created, err);
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
	if (stat(path, &st) == 0 && storelock_check_regular(path, &st, err) < 0)
		return -1;
	if (check_not_folder_name(path, err) < 0)
		return -1;
	/* The folders must exist for the store (which is the lock). */
	if (make_parents(path, &tx->made_dir, err) < 0)
		return -1;
	tx->path = xstrdup(path);
	tx->real_path = fs_resolve_path(path);
	tx->lock_fd = storelock_open(path, tx->real_path, STORELOCK_EXCL,
				     &tx->created, err);
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

/*
 * The events of l as the new store at real, written as they are
 * formatted, a block at a time, into the temporary file beside it, then
 * fsynced and renamed over the store (fsutil.h): any failure on the way
 * leaves the store as it was and no temporary file.
 */
static int rewrite(const char *real, const struct evlist *l,
		   struct itin_err *err)
{
	struct fs_newfile nf;
	struct outsink out;
	int ret;

	if (fs_replace_begin(&nf, real, 0600, err) < 0)
		return -1;
	outsink_init(&out, outsink_fd_write, &nf.fd);
	if (itinfmt_write_sink(&out, l) < 0)
		ret = fs_replace_fail(&nf, out.error, err);
	else
		ret = fs_replace_commit(&nf, err);
	outsink_release(&out);
	return ret;
}

int store_commit(struct store_tx *tx, struct itin_err *err)
{
	int ret;

	if (!tx->real_path || tx->lock_fd < 0)
		return itin_err_set(err, ITIN_EX_OTHER,
				    "no store transaction to commit");
	ret = rewrite(tx->real_path, &tx->events, err);
	if (ret == 0)
		tx->created = 0; /* it is the store now: keep it */
	store_abort(tx);
	return ret;
}
