/*
 * runsort.c: the external merge sort of runsort.h.
 *
 * Sizes: a run is read through RUN_READ records (4 KiB) at a time and a
 * merge takes at most FAN_IN runs, so a merge holds 256 KiB of them
 * whatever the count; a million records of a 256 KiB buffer are 62 runs,
 * one merge.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itin/fsutil.h"
#include "itin/runsort.h"
#include "itin/xalloc.h"

#define RUN_READ 256
#define FAN_IN 64
#define ITEM sizeof(struct runsort_item)

/* A run: records [next, end) of the file still to read, the ones read
 * at b[i..n). The buffer's run has no file part and b the buffer. */
struct runsort_run {
	uint64_t first, next, end;
	struct runsort_item *b;
	size_t i, n;
};

static int item_cmp(const struct runsort_item *a, const struct runsort_item *b)
{
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->val < b->val ? -1 : a->val > b->val;
}

static int qsort_cmp(const void *a, const void *b)
{
	return item_cmp(a, b);
}

void runsort_init(struct runsort *rs, size_t mem)
{
	memset(rs, 0, sizeof(*rs));
	rs->fd = -1;
	rs->cap = mem / ITEM;
	if (rs->cap < RUN_READ)
		rs->cap = RUN_READ;
}

/* A temporary file nobody else can open and nothing leaves behind. */
static int temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (!dir || dir[0] != '/')
		dir = "/tmp";
	path = fs_path_join(dir, "itin-sort.XXXXXX");
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

/* Write n records at v to the file's end: 0, or -1. */
static int file_put(struct runsort *rs, const struct runsort_item *v, size_t n)
{
	const char *p = (const char *)v;
	size_t len = n * ITEM;
	off_t off = (off_t)(rs->fsize * ITEM);

	while (len) {
		ssize_t w = pwrite(rs->fd, p, len, off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		off += w;
		len -= (size_t)w;
	}
	rs->fsize += n;
	return 0;
}

static void add_run(struct runsort *rs, uint64_t first, uint64_t end)
{
	rs->runs = xgrow(rs->runs, &rs->aruns, rs->nruns + 1, sizeof(*rs->runs));
	memset(&rs->runs[rs->nruns], 0, sizeof(*rs->runs));
	rs->runs[rs->nruns].first = first;
	rs->runs[rs->nruns++].end = end;
}

/* The full buffer sorted and written as a run; kept (and grown from
 * then on) when it cannot be. */
static void spill(struct runsort *rs)
{
	uint64_t first = rs->fsize;

	qsort(rs->buf, rs->n, ITEM, qsort_cmp);
	if (!rs->has_file) {
		if ((rs->fd = temp_file()) < 0) {
			rs->in_memory = true;
			return;
		}
		rs->has_file = true;
	}
	if (file_put(rs, rs->buf, rs->n)) {
		rs->fsize = first;
		rs->in_memory = true;
		return;
	}
	add_run(rs, first, rs->fsize);
	rs->n = 0;
}

void runsort_add(struct runsort *rs, uint64_t key, uint64_t val)
{
	if (rs->n == rs->cap && !rs->in_memory)
		spill(rs);
	rs->buf = xgrow(rs->buf, &rs->alloc, rs->n + 1, ITEM);
	rs->buf[rs->n].key = key;
	rs->buf[rs->n++].val = val;
	rs->count++;
}

static int read_failed(struct itin_err *err, int e)
{
	return itin_err_set(err, ITIN_EX_IOERR,
			    "cannot read a temporary file: %s",
			    strerror(e ? e : EIO));
}

/* r's next records from the file: 0, or -1 with err. */
static int refill(struct runsort *rs, struct runsort_run *r,
		  struct itin_err *err)
{
	size_t want = r->end - r->next < RUN_READ ? (size_t)(r->end - r->next)
						  : RUN_READ;
	size_t got = 0;

	if (!r->b)
		r->b = xmalloc(RUN_READ * ITEM);
	while (got < want * ITEM) {
		ssize_t n = pread(rs->fd, (char *)r->b + got, want * ITEM - got,
				  (off_t)(r->next * ITEM + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return read_failed(err, n < 0 ? errno : 0);
		got += (size_t)n;
	}
	r->next += want;
	r->i = 0;
	r->n = want;
	return 0;
}

/* Is run a's next record before run b's? */
static bool run_before(const struct runsort_run *a, const struct runsort_run *b)
{
	return item_cmp(&a->b[a->i], &b->b[b->i]) < 0;
}

static void sift_down(struct runsort_run *runs, size_t *h, size_t n, size_t i)
{
	for (size_t c; (c = 2 * i + 1) < n; i = c) {
		size_t t;

		if (c + 1 < n && run_before(&runs[h[c + 1]], &runs[h[c]]))
			c++;
		if (!run_before(&runs[h[c]], &runs[h[i]]))
			break;
		t = h[i];
		h[i] = h[c];
		h[c] = t;
	}
}

/* Runs [from, to) ready to merge: their first records read, the heap
 * made. 0, or -1 with err. */
static int merge_start(struct runsort *rs, size_t from, size_t to,
		       struct itin_err *err)
{
	rs->nheap = 0;
	rs->heap = xrealloc(rs->heap, (to - from) * sizeof(*rs->heap));
	for (size_t k = from; k < to; k++) {
		struct runsort_run *r = &rs->runs[k];

		if (r->end) {
			r->next = r->first;
			r->n = r->i = 0;
			if (r->next < r->end && refill(rs, r, err))
				return -1;
		} else {
			/* The buffer's run. */
			r->b = rs->buf;
			r->n = rs->n;
			r->i = 0;
		}
		if (r->i < r->n)
			rs->heap[rs->nheap++] = k;
	}
	for (size_t i = rs->nheap / 2; i-- > 0;)
		sift_down(rs->runs, rs->heap, rs->nheap, i);
	return 0;
}

/* The merge's next record: 1, 0 when done, -1 with err. */
static int merge_next(struct runsort *rs, struct runsort_item *it,
		      struct itin_err *err)
{
	struct runsort_run *r;

	if (!rs->nheap)
		return 0;
	r = &rs->runs[rs->heap[0]];
	*it = r->b[r->i++];
	if (r->i == r->n) {
		if (r->end && r->next < r->end) {
			if (refill(rs, r, err))
				return -1;
		} else {
			rs->heap[0] = rs->heap[--rs->nheap];
		}
	}
	sift_down(rs->runs, rs->heap, rs->nheap, 0);
	return 1;
}

static void free_run_buffers(struct runsort *rs, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++) {
		if (rs->runs[k].end)
			free(rs->runs[k].b);
		rs->runs[k].b = NULL;
	}
}

/* The first FAN_IN runs of the file merged into one at its end. */
static int merge_level(struct runsort *rs, struct itin_err *err)
{
	struct runsort_item *out = xmalloc(RUN_READ * ITEM);
	uint64_t first = rs->fsize;
	size_t n = 0;
	int r = 0, wrote = 0;

	if (merge_start(rs, 0, FAN_IN, err)) {
		free(out);
		return -1;
	}
	while (!wrote && (r = merge_next(rs, &out[n], err)) == 1)
		if (++n == RUN_READ) {
			wrote = file_put(rs, out, n);
			n = 0;
		}
	if (!wrote && r == 0)
		wrote = file_put(rs, out, n);
	free(out);
	if (r < 0)
		return -1;
	if (wrote)
		return itin_err_set(err, ITIN_EX_IOERR,
				    "cannot write a temporary file: %s",
				    strerror(errno ? errno : EIO));
	free_run_buffers(rs, 0, FAN_IN);
	memmove(rs->runs, rs->runs + FAN_IN,
		(rs->nruns - FAN_IN) * sizeof(*rs->runs));
	rs->nruns -= FAN_IN;
	add_run(rs, first, rs->fsize);
	return 0;
}

int runsort_finish(struct runsort *rs, struct itin_err *err)
{
	if (rs->n) /* (no buffer at all when nothing was added) */
		qsort(rs->buf, rs->n, ITEM, qsort_cmp);
	while (rs->nruns > FAN_IN)
		if (merge_level(rs, err))
			return -1;
	if (rs->nruns) {
		add_run(rs, 0, 0); /* the buffer's */
		return merge_start(rs, 0, rs->nruns, err);
	}
	rs->pos = 0;
	return 0;
}

int runsort_next(struct runsort *rs, struct runsort_item *it,
		 struct itin_err *err)
{
	if (rs->nruns)
		return merge_next(rs, it, err);
	if (rs->pos == rs->n)
		return 0;
	*it = rs->buf[rs->pos++];
	return 1;
}

int runsort_rewind(struct runsort *rs, struct itin_err *err)
{
	rs->pos = 0;
	return rs->nruns ? merge_start(rs, 0, rs->nruns, err) : 0;
}

void runsort_release(struct runsort *rs)
{
	if (rs->runs)
		free_run_buffers(rs, 0, rs->nruns);
	free(rs->runs);
	free(rs->heap);
	free(rs->buf);
	if (rs->has_file)
		close(rs->fd);
	memset(rs, 0, sizeof(*rs));
	rs->fd = -1;
}
