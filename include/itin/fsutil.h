/*
 * fsutil.h: the file-system steps that the store and `export -o` share, so
 * that every file itin replaces is replaced the same careful way.
 *
 * fs_replace_file() writes a new file next to the target (mkstemp in the
 * same folder), gives it the old file's mode and, where permitted, its
 * owner, fsyncs it, renames it over the target and fsyncs the folder. A
 * symbolic link is followed, so a link stays a link and its target is
 * replaced. A target that exists but may not be written by us is refused
 * (a rename would otherwise bypass the file's own permissions). On any
 * failure the target is untouched and the temporary file is removed.
 *
 * Returned paths are new strings owned by the caller.
 */
#ifndef ITIN_FSUTIL_H
#define ITIN_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "itin/err.h"

/* write(2) until all of buf is written; -1 with errno set on failure. */
int fs_write_all(int fd, const void *buf, size_t len);

/* The folder of path ("." when none, "/" for "/x"), and its last part. */
char *fs_path_dir(const char *path);
const char *fs_path_base(const char *path);
char *fs_path_join(const char *dir, const char *base);

/*
 * The file a write to path really changes: symbolic links resolved, also
 * dangling ones, and for a missing file its folder resolved. Everyone
 * computes the same name for one file (the store derives its lock from it).
 */
char *fs_resolve_path(const char *path);

/* Make a new folder entry durable (best effort: some file systems refuse). */
void fs_sync_dir(const char *file);

/* The sysexits status for a failed create/write errno: refusals are 73
 * (EACCES, EROFS, ENOENT...), device and space errors 74. */
int fs_write_status(int e);

/*
 * Atomically replace path with data; new_mode for a file that does not
 * exist yet. The temporary file, ".NAME.XXXXXX" beside it, is flock(2)ed
 * for as long as it exists; before making one, those that dead writers
 * left (a kill -9) are removed: see fs_remove_stale_temps.
 */
int fs_replace_file(const char *path, const void *data, size_t len,
		    mode_t new_mode, struct itin_err *err);

/*
 * fs_replace_file() in steps, for data written as it is made (`export
 * -o`): begin makes the temporary file (nf->fd, already given the old
 * file's owner and mode), the caller writes it, then commit fsyncs and
 * renames it, or fail (the errno of a failed write, reported as
 * fs_replace_file() reports it) or abort removes it. Between begin and
 * commit the caller may allocate: an exit meanwhile (out of memory)
 * removes the temporary file through an atexit hook. nf->path is path,
 * borrowed; the rest is nf's own and freed by commit, fail or abort.
 */
struct fs_newfile {
	const char *path; /* as the user gave it, for messages */
	char *real;	  /* the file replaced: links resolved */
	char *tmp;	  /* ".NAME.XXXXXX" beside it */
	int fd, hold;	  /* the temporary file; a dup holding its flock */
};
int fs_replace_begin(struct fs_newfile *nf, const char *path, mode_t new_mode,
		     struct itin_err *err);
int fs_replace_commit(struct fs_newfile *nf, struct itin_err *err);
int fs_replace_fail(struct fs_newfile *nf, int e, struct itin_err *err);
void fs_replace_abort(struct fs_newfile *nf);

/*
 * Remove the ".NAME.XXXXXX" temporary files of real (a path with links
 * resolved) that a killed fs_replace_file left: only files of ours, not
 * locked (a live writer holds its lock), modified at least min_age
 * seconds ago (a writer locks its file right after making it: younger
 * ones may not be locked yet). The store, whose writers all hold its lock
 * while their file exists, passes 0.
 */
#define FS_TEMP_MIN_AGE 2
void fs_remove_stale_temps(const char *real, int min_age);

/*
 * Write an output file (`export -o`) as it is made: a regular or missing
 * file is replaced atomically (fs_replace_begin(); new files get 0666
 * less the umask), a device or FIFO (/dev/stdout, a named pipe) is
 * written in place, never replaced. open gives o->fd (the temporary file,
 * or the device itself); then commit, or fail with the errno of a failed
 * write, which leaves the old file as it was and no temporary file.
 */
struct fs_output {
	int fd;
	bool device; /* written in place */
	struct fs_newfile nf;
};
int fs_output_open(struct fs_output *o, const char *path, struct itin_err *err);
int fs_output_commit(struct fs_output *o, struct itin_err *err);
int fs_output_fail(struct fs_output *o, int e, struct itin_err *err);

#endif
