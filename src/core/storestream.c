/*
 * storestream.c: the store's events one at a time, sorted, in memory
 * that does not grow with the store (see storestream.h for the design).
 *
 * What it holds: 16 bytes an event (the records), the window of WINDOW
 * bytes, one tie's events; the first pass adds 8 bytes an id (storeids.h)
 * while it runs. Measured in the README's section on the store.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itin/evzone.h"
#include "itin/icalio.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/storestream.h"
#include "itin/xalloc.h"

/* The bytes read from the file at a time: blocks in file order, the
 * usual order of a store, then cost one read each WINDOW bytes. */
#define WINDOW ((size_t)256 << 10)

/* Is a before b: by start, then place (file order)? */
static bool rec_before(const struct storescan_rec *a,
		       const struct storescan_rec *b)
{
	return a->start_utc != b->start_utc ? a->start_utc < b->start_utc
					    : a->place < b->place;
}

/* Sift v[i] down the max-heap of n. */
static void sift(struct storescan_rec *v, size_t i, size_t n)
{
	struct storescan_rec x = v[i];

	for (size_t c; (c = 2 * i + 1) < n; i = c) {
		if (c + 1 < n && rec_before(&v[c], &v[c + 1]))
			c++;
		if (!rec_before(&x, &v[c]))
			break;
		v[i] = v[c];
	}
	v[i] = x;
}

/*
 * In place, so the sort costs no second array of records: a heap sort,
 * O(n log n) whatever the order, after one pass that finds a store
 * already in order (as itin keeps one) and leaves it.
 */
void storestream_sort(struct storescan_rec *v, size_t n)
{
	size_t i = 1;

	while (i < n && rec_before(&v[i - 1], &v[i]))
		i++;
	if (i >= n)
		return;
	for (i = n / 2; i-- > 0;)
		sift(v, i, n);
	while (--n > 0) {
		struct storescan_rec t = v[0];

		v[0] = v[n];
		v[n] = t;
		sift(v, 0, n);
	}
}

static int changed(const struct storestream *s, struct itin_err *err)
{
	return itin_err_set(err, ITIN_EX_TEMPFAIL,
			    "'%s' was changed in place while it was read; "
			    "try again",
			    s->path);
}

/* The len bytes at off into the window (made as large as a block the
 * first pass read fully, which may be larger); NULL when the file has
 * fewer. */
static const char *window_at(struct storestream *s, uint64_t off, size_t len)
{
	size_t got = 0, want = len > WINDOW ? len : WINDOW;

	if (off >= s->woff && off + len <= s->woff + s->wlen)
		return s->win + (off - s->woff);
	if (want > s->wcap) {
		free(s->win);
		s->win = xmalloc(want);
		s->wcap = want;
	}
	while (got < want) {
		ssize_t n =
		    pread(s->fd, s->win + got, want - got, (off_t)(off + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	s->woff = off;
	s->wlen = got;
	return got >= len ? s->win : NULL;
}

static void count_one(void *ctx, const struct itin_err *w)
{
	(void)w;
	++*(int *)ctx;
}

/* The event of record r, its block read into scratch. NULL with err
 * when the block no longer reads as in the first pass. */
static struct event *rec_event(struct storestream *s,
			       const struct storescan_rec *r,
			       struct itin_err *err)
{
	int warnings = 0;
	struct itin_warner w = {count_one, &warnings};
	size_t before = s->scratch.n;
	const char *p;
	struct event *ev;

	p = window_at(s, STORESCAN_OFF(r), STORESCAN_LEN(r));
	if (!p ||
	    itinfmt_parse(p, STORESCAN_LEN(r), s->path, &s->scratch, &w, err) ||
	    warnings || s->scratch.n != before + 1) {
		changed(s, err);
		return NULL;
	}
	ev = s->scratch.v[before];
	/* (ev->line counts in the block: a writer has no use for it.) The
	 * instant the record was sorted by, or not the same block. */
	if (ev->start_utc != r->start_utc) {
		changed(s, err);
		return NULL;
	}
	return ev;
}

/* Read the records from s->pos whose starts tie into s->group, in
 * event_compare()'s order (end, title, id; insertion: a tie is a few). */
static int read_group(struct storestream *s, struct itin_err *err)
{
	const struct storescan_rec *v = s->ix.v;
	size_t end = s->pos + 1;

	while (end < s->ix.n && v[end].start_utc == v[s->pos].start_utc)
		end++;
	s->scratch.n = 0;
	evarena_rewind(evlist_arena(&s->scratch), s->mark);
	s->ngroup = s->gpos = 0;
	for (; s->pos < end; s->pos++) {
		struct event *ev = rec_event(s, &v[s->pos], err);
		size_t j;

		if (!ev)
			return -1;
		s->group = xgrow(s->group, &s->agroup, s->ngroup + 1,
				 sizeof(*s->group));
		for (j = s->ngroup++;
		     j > 0 && event_compare(s->group[j - 1], ev) > 0; j--)
			s->group[j] = s->group[j - 1];
		s->group[j] = ev;
	}
	return 0;
}

int storestream_next(struct storestream *s, struct event **ev,
		     struct itin_err *err)
{
	for (;;) {
		struct event *e;

		if (s->fd < 0) {
			if (s->pos == s->all.n)
				return 0;
			e = s->all.v[s->pos++];
		} else {
			if (s->gpos == s->ngroup) {
				if (s->pos == s->ix.n)
					return 0;
				if (read_group(s, err))
					return -1;
			}
			e = s->group[s->gpos++];
		}
		/* --in: converted first, so --from/--to are its days too. */
		if (s->in)
			event_to_zone(e, s->in);
		if (filter_match(s->f, e)) {
			*ev = e;
			return 1;
		}
	}
}

/* zones from the events the filter keeps: a pass of their own, the
 * names the database's (the events' go with the arena). */
static int gather_zones(struct storestream *s, struct icalio_zones *zones,
			struct itin_err *err)
{
	struct event *ev;
	int r;

	icalio_zones_release(zones);
	while ((r = storestream_next(s, &ev, err)) == 1)
		storescan_zones_add(zones, ev);
	s->pos = s->ngroup = s->gpos = 0;
	s->woff = s->wlen = 0;
	return r;
}

int storestream_open(struct storestream *s, const char *path,
		     const struct filter *f, const struct tz *in,
		     struct icalio_zones *zones, const struct itin_warner *w,
		     struct itin_err *err)
{
	struct storescan_want want = {
	    .has_from = f->has_from,
	    .has_to = f->has_to,
	    .from_day = f->from_day,
	    .to_day = f->to_day,
	};
	bool every = filter_is_empty(f) && !in;
	int r;

	memset(s, 0, sizeof(*s));
	s->path = path;
	s->f = f;
	s->in = in;
	s->ix.zones = every ? zones : NULL;
	/* Marked after a first byte: the rewinds keep the first chunk. */
	evarena_alloc(evlist_arena(&s->scratch), 1);
	s->mark = evarena_mark(evlist_arena(&s->scratch));
	r = store_index(path, &want, &s->ix, &s->fd, err);
	if (r < 0)
		return -1;
	if (r == 0) {
		storestream_sort(s->ix.v, s->ix.n);
	} else {
		if (store_load_scan(path, &want, &s->all, w, err))
			return -1;
		evlist_sort(&s->all);
	}
	if (zones && (!every || s->fd < 0))
		return gather_zones(s, zones, err);
	return 0;
}

void storestream_close(struct storestream *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	storescan_index_release(&s->ix);
	evlist_release(&s->all);
	evlist_release(&s->scratch);
	free(s->group);
	free(s->win);
}
