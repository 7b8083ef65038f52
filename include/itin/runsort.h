/*
 * runsort.h: a sort of many small records in memory that does not grow
 * with their number, for the streamed read of a store (storestream.h).
 *
 * The external merge sort of sort(1): records collect in a buffer of a
 * fixed size; a full buffer is sorted and written, as a run, to a
 * temporary file (in $TMPDIR, else /tmp, removed as soon as it is made,
 * so nothing is left behind whatever happens); at the end the runs and
 * the last buffer are merged, each run read through a small buffer of its
 * own, and when there are more runs than a merge takes at once, they are
 * first merged into longer ones. Memory: the buffer, or the merge's
 * buffers, whichever is in use; the file holds 16 bytes a record.
 *
 * When no temporary file can be made or written (no space, a read-only
 * $TMPDIR) the records stay in memory instead: slower to run out, never
 * a failed command. A read of the file that fails later is an error.
 *
 * Owns its buffers and its file; runsort_release() frees them.
 */
#ifndef ITIN_RUNSORT_H
#define ITIN_RUNSORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/err.h"

/* A record: sorted by key, then by val, as unsigned numbers. */
struct runsort_item {
	uint64_t key, val;
};

struct runsort_run; /* runsort.c's */

struct runsort {
	struct runsort_item *buf; /* the records not yet in a run */
	size_t n, alloc;
	size_t cap;     /* records the buffer holds before a run is written */
	int fd;		/* the temporary file, when has_file */
	bool has_file;	/* (a zeroed sort has none to close) */
	uint64_t fsize; /* its records */
	struct runsort_run *runs;
	size_t nruns, aruns;
	bool in_memory;  /* no file: everything stays in buf */
	size_t *heap;	 /* the merge: runs by their next record */
	size_t nheap;
	size_t pos;	 /* no runs: the next record of buf */
	uint64_t count; /* records added */
};

/* A sort holding at most mem bytes of records (a few KiB at least). */
void runsort_init(struct runsort *rs, size_t mem);
void runsort_add(struct runsort *rs, uint64_t key, uint64_t val);
/* Added all: get ready to hand them out sorted. 0, or -1 with err. */
int runsort_finish(struct runsort *rs, struct itin_err *err);
/* The next record in order: 1, 0 at the end, or -1 with err. */
int runsort_next(struct runsort *rs, struct runsort_item *it,
		 struct itin_err *err);
/* From the first record again (after runsort_finish()): 0, or -1 with
 * err. */
int runsort_rewind(struct runsort *rs, struct itin_err *err);
void runsort_release(struct runsort *rs);

#endif
