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
 * Fill the temporary file fd (owner and mode of the old file *old, when
 * there is one, else new_mode), fsync and close it. fd is closed in
 * every case; nothing here allocates (see fs_replace_file()).
 */
static int write_temp(int fd, const char *path, const struct stat *old,
		      mode_t new_mode, const void *data, size_t len,
		      struct itin_err *err)
{
	int e;

	if (old)
		keep_owner(fd, old);
	if (fchmod(fd, old ? old->st_mode & 07777 : new_mode) < 0 ||
	    fs_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot write '%s': %s",
			     path, strerror(e));
		close(fd);
		return -1;
	}
	if (close(fd) < 0) {
		e = errno;
		return itin_err_set(err, ITIN_EX_IOERR, "cannot write '%s': %s",
				    path, strerror(e));
	}
	return 0;
}

int fs_replace_file(const char *path, const void *data, size_t len,
		    mode_t new_mode, struct itin_err *err)
{
	char *real = fs_resolve_path(path);
	char *dir = fs_path_dir(real);
	struct strbuf tmp = STRBUF_INIT;
	struct stat st;
	int have_old, fd, hold, e;

	if (check_replaceable(path, real, &st, &have_old, err) < 0)
		goto out;
	/* What a killed writer of this file left (a full copy of the data). */
	fs_remove_stale_temps(real, FS_TEMP_MIN_AGE);
	strbuf_addf(&tmp, "%s/.%s.XXXXXX", dir, fs_path_base(real));
	/* From here to the rename or the unlink nothing allocates: running
	 * out of memory exits (xalloc.h), which would leave the file. */
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot create '%s': %s",
			     path, strerror(e));
		strbuf_reset(&tmp);
		goto out;
	}
	/* Locked from now until it is renamed or removed, through a second
	 * descriptor that outlives close(fd): the lock says "alive" to
	 * fs_remove_stale_temps of another process. */
	hold = dup(fd);
	if (hold >= 0 && flock(hold, LOCK_EX | LOCK_NB) < 0) {
		close(hold);
		hold = -1;
	}
	if (write_temp(fd, path, have_old ? &st : NULL, new_mode, data, len,
		       err) < 0)
		goto fail;
	/* Replace the link's target, not the link: a link stays a link. */
	if (rename(tmp.buf, real) < 0) {
		e = errno;
		itin_err_set(err, fs_write_status(e), "cannot replace '%s': %s",
			     path, strerror(e));
		goto fail;
	}
	fs_sync_dir(real);
	close(hold);
	strbuf_release(&tmp);
	free(dir);
	free(real);
	return 0;

fail:
	unlink(tmp.buf);
	if (hold >= 0)
		close(hold);
out:
	strbuf_release(&tmp);
	free(dir);
	free(real);
	return -1;
}

int fs_write_output(const char *path, const void *data, size_t len,
		    struct itin_err *err)
{
	struct stat st;
	mode_t mask;
	int fd, e;

	if (stat(path, &st) == 0 &&
	    (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
	     S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0) {
			e = errno;
			return itin_err_set(err, fs_write_status(e),
					    "cannot open '%s': %s", path,
					    strerror(e));
		}
		if (fs_write_all(fd, data, len) < 0) {
			e = errno;
			close(fd);
			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot write '%s': %s", path,
					    strerror(e));
		}
		if (close(fd) < 0)
			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot write '%s': %s", path,
					    strerror(errno));
		return 0;
	}
	mask = umask(0);
	umask(mask);
	return fs_replace_file(path, data, len, 0666 & ~mask, err);
}
