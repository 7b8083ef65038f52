/*
 * storestream.c: the store's events one at a time, sorted, in memory
 * that does not grow with the store (see storestream.h for the design).
 *
 * What it holds, whatever the store's size: the window of the file
 * (WINDOW bytes, more for a larger block), the two sorts' buffers and
 * merges (SORT_MEM each, runsort.h), one tie's events, the zones of the
 * calendar. The records and the ids' hashes that do not fit go to a
 * temporary file, 16 bytes each. Measured in README's Performance.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/evzone.h"
#include "itin/hash.h"
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/store.h"
#include "itin/storeblock.h"
#include "itin/storestream.h"
#include "itin/xalloc.h"

/* The bytes read from the file at a time: blocks in file order, the
 * usual order of a store, then cost one read each WINDOW bytes. */
#define WINDOW ((size_t)256 << 10)
/* The records, and the ids, each sort holds in memory before it writes
 * a run (runsort.h): 16k of them. */
#define SORT_MEM ((size_t)256 << 10)
/* A record's place: the block's first byte and its length (a block of
 * 16 MiB or more, or one past the first TiB, makes the stream give up). */
#define LEN_BITS     24
#define PLACE_OFF(p) ((p) >> LEN_BITS)
#define PLACE_LEN(p) ((size_t)((p)&0xFFFFFF))

/* Start instants as unsigned keys in the same order. */
static uint64_t start_key(int64_t start_utc)
{
	return (uint64_t)start_utc ^ (UINT64_C(1) << 63);
}

static int changed(const struct storestream *s, struct itin_err *err)
{
	return itin_err_set(err, ITIN_EX_TEMPFAIL,
			    "'%s' was changed in place while it was read; "
			    "try again",
			    s->path);
}

/* The len bytes at off into the window (made as large as len when that
 * is larger); NULL when the file has fewer. */
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

/* ---- the first pass -------------------------------------------------- */

/* What the first pass carries from block to block. */
struct pass1 {
	struct storestream *s;
	const struct storescan_want *want;
	struct icalio_zones *zones; /* NULL, or the zones gathered here */
	uint64_t size;		    /* the store's bytes, read under the lock */
	struct memo memo;
	struct runsort ids; /* every id's hash_store_id() */
	struct evlist scratch;
	struct evarena_mark mark;
};

/* The bytes from off to the store's end, or as many as the window holds
 * (at least need; a new window is read from off when it holds fewer):
 * [*p, *e). 0, or 1 when they cannot be read. */
static int view(struct pass1 *p1, uint64_t off, size_t need, const char **p,
		const char **e)
{
	struct storestream *s = p1->s;
	uint64_t left = p1->size - off;
	size_t len = left < need ? (size_t)left : need;

	if (!(*p = window_at(s, off, len)))
		return 1;
	left = s->woff + s->wlen - off;
	if (left > p1->size - off)
		left = p1->size - off;
	*e = *p + left;
	return 0;
}

/* Does [p, be) end where the view [p, e) shows it ends: at the store's
 * end, or before a line the view shows enough of to be sure it is a
 * header (its first two bytes)? */
static bool whole(const struct pass1 *p1, uint64_t off, const char *p,
		  const char *be, const char *e)
{
	if (off + (uint64_t)(e - p) == p1->size)
		return true;
	return e - be >= 2;
}

static void add_record(struct pass1 *p1, int64_t start, uint64_t off,
		       size_t len)
{
	runsort_add(&p1->s->recs, start_key(start), off << LEN_BITS | len);
}

/* A block the scan vouches for and the command may want. */
static void index_block(struct pass1 *p1, const struct block *b, uint64_t off,
			size_t len)
{
	add_record(p1, storeblock_start(b), off, len);
	if (p1->zones && b->timed && b->tz) {
		/* The fields icalio_zones_add() reads, as the reader fills
		 * them: the same zones and years by construction. */
		struct event ev = {0};

		ev.tz = (char *)tz_name(b->tz);
		ev.start = b->start;
		ev.end = b->end;
		ev.has_end = b->has_end;
		icalio_zones_add(p1->zones, &ev);
	}
}

/* A block the scan cannot vouch for, read by the full reader for its
 * errors and warnings and its record, then dropped (the second pass
 * reads it again). 0, or 1 when the reader failed or warned. */
static int index_read(struct pass1 *p1, const char *p, uint64_t off, size_t len)
{
	int warnings = 0;
	struct itin_warner w = {count_one, &warnings};
	struct itin_err err;
	struct evlist *l = &p1->scratch;
	int ret = 1;

	/* A byte order mark here would be a header line's. */
	if (!(len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) &&
	    !itinfmt_parse(p, len, p1->s->path, l, &w, &err) && !warnings &&
	    l->n == 1) {
		const struct event *ev = l->v[0];

		runsort_add(&p1->ids, hash_store_id(ev->id, strlen(ev->id)), 0);
		add_record(p1, ev->start_utc, off, len);
		if (p1->zones)
			storescan_zones_add(p1->zones, ev);
		ret = 0;
	}
	l->n = 0;
	evarena_rewind(evlist_arena(l), p1->mark);
	return ret;
}

/* Up to the first event: blank lines and comments only, and no NUL
 * byte. The offset of the first header line into *off: 0, or 1. */
static int skip_preamble(struct pass1 *p1, uint64_t *off)
{
	size_t need = 1;

	while (*off < p1->size) {
		const char *p, *e, *le, *ce;
		int kind;

		if (view(p1, *off, need, &p, &e))
			return 1;
		le = storeblock_line_end(p, e, &ce);
		if (le == e && !whole(p1, *off, p, e, e)) {
			if ((size_t)(e - p) >> LEN_BITS)
				return 1;
			need = 2 * (size_t)(e - p) + 1;
			continue;
		}
		kind = storeblock_preamble_line(p, ce, le);
		if (kind)
			return kind > 0 ? 0 : 1;
		*off += (uint64_t)(le < e ? le + 1 - p : e - p);
		need = 1;
	}
	return 0;
}

/* Every block from off on: a record for each the command may want, the
 * hash of every id. 0, or 1 when the stream must give up. */
static int walk(struct pass1 *p1, uint64_t off)
{
	size_t need = 1;

	while (off < p1->size) {
		const char *p, *e, *be;
		struct block b;
		long lines;
		bool ok;
		size_t len;

		if (view(p1, off, need, &p, &e))
			return 1;
		ok = storeblock_scan(&p1->memo, p, e, &be, &lines, &b);
		if (!whole(p1, off, p, be, e)) {
			/* Read again from the block, with more if the
			 * window began there (blocks are under 16 MiB). */
			if ((size_t)(e - p) >> LEN_BITS)
				return 1;
			need = 2 * (size_t)(e - p) + 1;
			continue;
		}
		len = (size_t)(be - p);
		if (len >> LEN_BITS || off >> (64 - LEN_BITS))
			return 1;
		if (ok) {
			runsort_add(&p1->ids, hash_store_id(b.id, b.idlen), 0);
			if (storeblock_wanted(p1->want, &b))
				index_block(p1, &b, off, len);
		} else if (index_read(p1, p, off, len)) {
			return 1;
		}
		off += len;
		need = 1;
	}
	return 0;
}

/* Do two ids have one hash (storeids.c's test, in bounded memory)? 0 no,
 * 1 yes, -1 with err. */
static int ids_repeat(struct runsort *ids, struct itin_err *err)
{
	struct runsort_item it, last = {0, 0};
	bool first = true;
	int r;

	if (runsort_finish(ids, err))
		return -1;
	while ((r = runsort_next(ids, &it, err)) == 1) {
		if (!first && it.key == last.key)
			return 1;
		first = false;
		last = it;
	}
	return r;
}

/*
 * The first pass, under the shared lock: the store walked block by block
 * (the scan of storescan.h, in a window of the file rather than a map of
 * it), the records sorted and the ids checked. 0 with s->fd open and
 * unlocked for the second pass; 1 when the store is missing or empty or
 * the stream gives up (fd closed); -1 on an error.
 */
static int index_store(struct storestream *s, const struct storescan_want *want,
		       struct icalio_zones *zones, struct itin_err *err)
{
	struct pass1 p1 = {.s = s, .want = want, .zones = zones};
	struct stat st;
	size_t max;
	uint64_t off = 0;
	const char *p, *e;
	int ret = 1;

	if (store_open_shared(s->path, &s->fd, err))
		return -1;
	if (s->fd < 0)
		return 1;
	storeblock_memo_init(&p1.memo);
	runsort_init(&p1.ids, SORT_MEM);
	evarena_alloc(evlist_arena(&p1.scratch), 1);
	p1.mark = evarena_mark(evlist_arena(&p1.scratch));
	/* What inread refuses before the reader sees a line. */
	if (fstat(s->fd, &st) == 0 && st.st_size > 0 &&
	    !inread_max_input(&max, &(struct itin_err){0}) &&
	    (uintmax_t)st.st_size <= max) {
		p1.size = (uint64_t)st.st_size;
		if (!view(&p1, 0, 3, &p, &e) && e - p >= 3 &&
		    !memcmp(p, "\xEF\xBB\xBF", 3))
			off = 3;
		/* A temporary file that cannot be read back makes the
		 * stream give up, as a doubt does: never a failure. */
		if (!skip_preamble(&p1, &off) && !walk(&p1, off))
			ret = ids_repeat(&p1.ids, err) ? 1 : 0;
	}
	runsort_release(&p1.ids);
	evlist_release(&p1.scratch);
	if (!ret && runsort_finish(&s->recs, err))
		ret = 1;
	if (ret) {
		close(s->fd);
		s->fd = -1;
		runsort_release(&s->recs);
		runsort_init(&s->recs, SORT_MEM);
		if (zones)
			icalio_zones_release(zones);
		return ret;
	}
	/* The bytes indexed stay as they are with the lock given up: itin
	 * appends past them and rewrites by renaming a new file over the
	 * store, so the file open here keeps them. */
	flock(s->fd, LOCK_UN);
	return 0;
}

/* ---- the second pass ------------------------------------------------- */

/* The event of the record at place, its block read into scratch. NULL
 * with err when the block no longer reads as in the first pass. */
static struct event *rec_event(struct storestream *s, int64_t start,
			       uint64_t place, struct itin_err *err)
{
	int warnings = 0;
	struct itin_warner w = {count_one, &warnings};
	size_t before = s->scratch.n, len = PLACE_LEN(place);
	const char *p;
	struct event *ev;

	p = window_at(s, PLACE_OFF(place), len);
	if (!p || itinfmt_parse(p, len, s->path, &s->scratch, &w, err) ||
	    warnings || s->scratch.n != before + 1) {
		changed(s, err);
		return NULL;
	}
	ev = s->scratch.v[before];
	/* (ev->line counts in the block: a writer has no use for it.) The
	 * instant the record was sorted by, or not the same block. */
	if (ev->start_utc != start) {
		changed(s, err);
		return NULL;
	}
	return ev;
}

/* The next record into s->rec: 1, 0 at the end, -1 with err. */
static int next_record(struct storestream *s, struct itin_err *err)
{
	int r;

	if (s->has_rec)
		return 1;
	r = runsort_next(&s->recs, &s->rec, err);
	s->has_rec = r == 1;
	return r;
}

/* The next records whose starts tie into s->group, in event_compare()'s
 * order (end, title, id; insertion: a tie is a few). 0 or -1. */
static int read_group(struct storestream *s, struct itin_err *err)
{
	uint64_t key;
	int r;

	s->scratch.n = 0;
	evarena_rewind(evlist_arena(&s->scratch), s->mark);
	s->ngroup = s->gpos = 0;
	if ((r = next_record(s, err)) <= 0)
		return r;
	key = s->rec.key;
	do {
		struct event *ev =
		    rec_event(s, (int64_t)(s->rec.key ^ (UINT64_C(1) << 63)),
			      s->rec.val, err);
		size_t j;

		s->has_rec = false;
		if (!ev)
			return -1;
		s->group = xgrow(s->group, &s->agroup, s->ngroup + 1,
				 sizeof(*s->group));
		for (j = s->ngroup++;
		     j > 0 && event_compare(s->group[j - 1], ev) > 0; j--)
			s->group[j] = s->group[j - 1];
		s->group[j] = ev;
	} while ((r = next_record(s, err)) == 1 && s->rec.key == key);
	return r < 0 ? -1 : 0;
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
				if (read_group(s, err))
					return -1;
				if (!s->ngroup)
					return 0;
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
	if (r < 0)
		return -1;
	s->pos = s->ngroup = s->gpos = 0;
	s->has_rec = false;
	return s->fd >= 0 ? runsort_rewind(&s->recs, err) : 0;
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
	s->fd = -1;
	runsort_init(&s->recs, SORT_MEM);
	/* Marked after a first byte: the rewinds keep the first chunk. */
	evarena_alloc(evlist_arena(&s->scratch), 1);
	s->mark = evarena_mark(evlist_arena(&s->scratch));
	r = index_store(s, &want, every ? zones : NULL, err);
	if (r < 0)
		return -1;
	if (r > 0) {
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
	runsort_release(&s->recs);
	evlist_release(&s->all);
	evlist_release(&s->scratch);
	free(s->group);
	free(s->win);
}
