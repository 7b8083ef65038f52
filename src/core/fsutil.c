/* fsutil.c: careful file replacement shared by the store and export -o. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#include "itin/strbuf.h"
#include "itin/xalloc.h"

/* How many symbolic links a dangling chain may have before we give up. */
#define MAX_LINKS 40

int fs_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

char *fs_path_join(const char *dir, const char *base)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, dir);
	if (sb.len && sb.buf[sb.len - 1] != '/')
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, base);
	return strbuf_detach(&sb, NULL);
}

char *fs_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

const char *fs_path_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *fs_resolve_path(const char *path)
{
	char *cur = xstrdup(path);
	int hops;

	for (hops = 0; hops < MAX_LINKS; hops++) {
		char *real = realpath(cur, NULL);
		struct stat st;
		char *dir, *rdir, *res;

		if (real) {
			free(cur);
			return real;
		}
		if (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode)) {
			/* Dangling: follow it by hand. */
			struct strbuf target = STRBUF_INIT;
			ssize_t n;

			strbuf_grow(&target, PATH_MAX);
			n = readlink(cur, target.buf, PATH_MAX);
			if (n <= 0 || n >= PATH_MAX) {
				strbuf_release(&target);
				return cur;
			}
			target.len = (size_t)n;
			target.buf[n] = '\0';
			if (target.buf[0] == '/') {
				res = strbuf_detach(&target, NULL);
			} else {
				dir = fs_path_dir(cur);
				res = fs_path_join(dir, target.buf);
				free(dir);
				strbuf_release(&target);
			}
			free(cur);
			cur = res;
			continue;
		}
		/* Missing: resolve the folder, keep the name. */
		dir = fs_path_dir(cur);
		rdir = realpath(dir, NULL);
		free(dir);
		if (!rdir)
			return cur;
		res = fs_path_join(rdir, fs_path_base(cur));
		free(rdir);
		free(cur);
		return res;
	}
	return cur;
}

void fs_sync_dir(const char *file)
{
	char *dir = fs_path_dir(file);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int fs_write_status(int e)
{
	switch (e) {
	case EACCES:
	case EPERM:
	case EROFS:
	case ENOTDIR:
	case EISDIR:
	case ELOOP:
	case ENAMETOOLONG:
	case ENOENT:
		return ITIN_EX_CANTCREAT;
	default:
		return ITIN_EX_IOERR;
	}
}

/*
 * Give the new file the old one's owner. Only root may give a file away;
 * a group member editing a shared store can at least keep the group.
 */
static void keep_owner(int fd, const struct stat *old)
{
	if (old->st_uid == geteuid() && old->st_gid == getegid())
		return;
	if (fchown(fd, old->st_uid, old->st_gid) == 0)
		return;
	if (fchown(fd, (uid_t)-1, old->st_gid) < 0) {
		/* Best effort: the data matters more than the group. */
	}
}

/* Is name ".BASE.XXXXXX", what fs_replace_file's mkstemp makes for base? */
static bool temp_name_of(const char *name, const char *base)
{
	size_t blen = strlen(base), i;

	if (name[0] != '.' || strncmp(name + 1, base, blen) ||
	    name[blen + 1] != '.' || strlen(name + blen + 2) != 6)
		return false;
	for (i = blen + 2; name[i]; i++)
		if (!ascii_isalpha((unsigned char)name[i]) &&
		    !ascii_isdigit((unsigned char)name[i]))
			return false;
	return true;
}

void fs_remove_stale_temps(const char *real, int min_age)
{
	char *dir = fs_path_dir(real);
	const char *base = fs_path_base(real);
	time_t now = time(NULL);
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		free(dir);
		return;
	}
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		struct stat st;
		int fd;

		if (!temp_name_of(n, base))
			continue;
		fd = openat(dirfd(d), n,
			    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
				O_CLOEXEC);
		if (fd < 0)
			continue;
		/* Ours, a plain file, old enough that its writer has had time
		 * to lock it, and not locked: its writer is dead. */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid() && now - st.st_mtime >= min_age &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dirfd(d), n, 0);
		close(fd);
	}
	closedir(d);
	free(dir);
}

/*
 * Whether the file at real (*st, when *have_old) may be replaced: a
 * directory or special file never, and an existing file only when we may
 * write it, for rename(2) needs only the folder's permission.
 */
static int check_replaceable(const char *path, const char *real,
			     struct stat *st, int *have_old,
			     struct itin_err *err)
{
	int e;

	*have_old = stat(real, st) == 0;
	if (*have_old && S_ISDIR(st->st_mode))
		return itin_err_set(err, ITIN_EX_CANTCREAT,
				    "'%s' is a directory", path);
	if (*have_old && !S_ISREG(st->st_mode))
		return itin_err_set(err, ITIN_EX_CANTCREAT,
				    "'%s' is not a regular file", path);
	/* rename(2) needs only the folder's permission; honour the file's. */
	if (*have_old && access(real, W_OK) < 0) {
		e = errno;
		return itin_err_set(err, fs_write_status(e),
				    "cannot write '%s': %s", path, strerror(e));
	}
	return 0;
}

/*
 * The temporary file of fs_replace_begin() not yet renamed or removed:
 * an exit meanwhile (out of memory while an export is formatted, see
 * xalloc.h) removes it, so only a kill leaves one behind.
 */
static struct fs_newfile *pending;

static void remove_pending(void)
{
	if (pending && pending->fd >= 0)
		unlink(pending->tmp);
}

static void set_pending(struct fs_newfile *nf)
{
	static bool hooked;

	if (nf && !hooked)
		hooked = atexit(remove_pending) == 0;
	pending = nf;
}

/* Close and remove the temporary file. */
static void newfile_drop(struct fs_newfile *nf)
{
	if (nf->fd >= 0) {
		close(nf->fd);
		unlink(nf->tmp);
	}
	if (nf->hold >= 0)
		close(nf->hold);
	nf->fd = nf->hold = -1;
	if (pending == nf)
		set_pending(NULL);
}

static void newfile_free(struct fs_newfile *nf)
{
	free(nf->tmp);
	free(nf->real);
	nf->tmp = nf->real = NULL;
}

/* Give the temporary file the old file's owner and mode, or new_mode. */
static int newfile_mode(struct fs_newfile *nf, const struct stat *old,
			mode_t new_mode, struct itin_err *err)
{
	int e;

	if (old)
		keep_owner(nf->fd, old);
	if (fchmod(nf->fd, old ? old->st_mode & 07777 : new_mode) < 0) {
		e = errno;
		return itin_err_set(err, fs_write_status(e),
				    "cannot write '%s': %s", nf->path,
				    strerror(e));
	}
	return 0;
}

int fs_replace_begin(struct fs_newfile *nf, const char *path, mode_t new_mode,
		     struct itin_err *err)
{
	struct strbuf tmp = STRBUF_INIT;
	struct stat st;
	char *dir;
	int have_old, e;

	nf->path = path;
	nf->real = fs_resolve_path(path);
	nf->tmp = NULL;
	nf->fd = nf->hold = -1;
	if (check_replaceable(path, nf->real, &st, &have_old, err) < 0)
		goto fail;
	/* What a killed writer of this file left (a full copy of the data). */
	fs_remove_stale_temps(nf->real, FS_TEMP_MIN_AGE);
	dir = fs_path_dir(nf->real);
	strbuf_addf(&tmp, "%s/.%s.XXXXXX", dir, fs_path_base(nf->real));
	free(dir);
	nf->tmp = strbuf_detach(&tmp, NULL);
	nf->fd = mkstemp(nf->tmp);
	if (nf->fd < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot create '%s': %s",
			     path, strerror(e));
		goto fail;
	}
	set_pending(nf);
	/* Locked from now until it is renamed or removed, through a second
	 * descriptor that outlives close(fd): the lock says "alive" to
	 * fs_remove_stale_temps of another process. */
	nf->hold = dup(nf->fd);
	if (nf->hold >= 0 && flock(nf->hold, LOCK_EX | LOCK_NB) < 0) {
		close(nf->hold);
		nf->hold = -1;
	}
	if (newfile_mode(nf, have_old ? &st : NULL, new_mode, err) == 0)
		return 0;
	newfile_drop(nf);
fail:
	newfile_free(nf);
	return -1;
}

int fs_replace_commit(struct fs_newfile *nf, struct itin_err *err)
{
	int e;

	if (fsync(nf->fd) < 0)
		return fs_replace_fail(nf, errno, err);
	e = close(nf->fd) < 0 ? errno : 0;
	nf->fd = -1; /* closed: what is left to remove is the name */
	if (!e && rename(nf->tmp, nf->real) < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot replace '%s': %s",
			     nf->path, strerror(e));
	} else if (e) {
		itin_err_set(err, ITIN_EX_IOERR, "cannot write '%s': %s",
			     nf->path, strerror(e));
	}
	if (e)
		unlink(nf->tmp);
	else
		fs_sync_dir(nf->real);
	if (pending == nf)
		set_pending(NULL);
	if (nf->hold >= 0)
		close(nf->hold);
	nf->hold = -1;
	newfile_free(nf);
	return e ? -1 : 0;
}

int fs_replace_fail(struct fs_newfile *nf, int e, struct itin_err *err)
{
	itin_err_set(err, fs_write_status(e), "cannot write '%s': %s", nf->path,
		     strerror(e));
	fs_replace_abort(nf);
	return -1;
}

void fs_replace_abort(struct fs_newfile *nf)
{
	newfile_drop(nf);
	newfile_free(nf);
}

int fs_replace_file(const char *path, const void *data, size_t len,
		    mode_t new_mode, struct itin_err *err)
{
	struct fs_newfile nf;

	if (fs_replace_begin(&nf, path, new_mode, err) < 0)
		return -1;
	if (fs_write_all(nf.fd, data, len) < 0)
		return fs_replace_fail(&nf, errno, err);
	return fs_replace_commit(&nf, err);
}

int fs_output_open(struct fs_output *o, const char *path, struct itin_err *err)
{
	struct stat st;
	mode_t mask;
	int e;

	o->device = stat(path, &st) == 0 &&
		    (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
		     S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
	if (!o->device) {
		mask = umask(0);
		umask(mask);
		if (fs_replace_begin(&o->nf, path, 0666 & ~mask, err) < 0)
			return -1;
		o->fd = o->nf.fd;
		return 0;
	}
	o->nf.path = path;
	o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (o->fd < 0) {
		e = errno;
		return itin_err_set(err, fs_write_status(e),
				    "cannot open '%s': %s", path, strerror(e));
	}
	return 0;
}

int fs_output_fail(struct fs_output *o, int e, struct itin_err *err)
{
	if (!o->device)
		return fs_replace_fail(&o->nf, e, err);
	close(o->fd);
	o->fd = -1;
	return itin_err_set(err, ITIN_EX_IOERR, "cannot write '%s': %s",
			    o->nf.path, strerror(e));
}

int fs_output_commit(struct fs_output *o, struct itin_err *err)
{
	int fd = o->fd;

	o->fd = -1;
	if (!o->device)
		return fs_replace_commit(&o->nf, err);
	if (close(fd) < 0)
		return itin_err_set(err, ITIN_EX_IOERR, "cannot write '%s': %s",
				    o->nf.path, strerror(errno));
	return 0;
}
