/*
 * storescan.c: the store scan of storescan.h.
 *
 * Why a scan that vouches, not one that validates everything it skips:
 * the full reader's checks of an event are the event (its zone resolved,
 * a time in a daylight-saving gap refused, a derived id hashed from every
 * field, duplicates); checking them all for a million events is reading
 * them, the cost the scan exists to avoid. So the scan vouches only for
 * the plain form stores are written in (the writer's output, bench/gen.sh's,
 * a hand-kept store's usual lines) and checks exactly what the full reader
 * would refuse or warn about in that form; anything else it hands to the
 * full reader, one block at a time. Any doubt the scan cannot settle
 * alone makes it give up (return 1) and the whole store is read as
 * before, so errors and warnings are the full reader's own. Measured on
 * a generated store of a million events (bench/gen.sh), a year's list
 * takes 0.42 s of CPU this way (0.70 s with the store mapped and its ids
 * checked in one pass over all their hashes; 2.3 s or more for the full
 * read): the scan alone meets the figure, without an index beside the
 * store to keep in step with hand edits (README, DESIGN notes, says why).
 *
 * A block is vouched for when all of these hold (each item names the
 * check of the full reader it stands for):
 *   - at most BLOCK_MAX bytes (the caps on line, text and list lengths),
 *     valid UTF-8 and no NUL byte (the line checks), no backslash (no
 *     escape to decode);
 *   - its header is "DATE[ HH:MM[-HH:MM]]", "DATE..DATE" or
 *     "DATE HH:MM..DATE HH:MM" (T may join a date and its time), a valid
 *     date in the years 0002..9998 (the calendar's edges), then a type
 *     named in lower case, a title with a character that is not white
 *     space, and an optional "@ PLACE" whose two-letter last part, if any,
 *     is a known country and whose parts are fewer than the reader's 64;
 *   - its key lines are id, tz, status, org, with, tags, source and note,
 *     in lower case, the single ones once and not empty; the id valid;
 *     a timed event has a tz: line (else the zone comes from the place,
 *     maybe with a warning) naming a known zone or "floating", and an
 *     all-day one has none (it would be dropped with a warning); a status
 *     is known; no participant starts with '(' (a role with no name);
 *   - its start and end are each one instant in its zone (not in a gap,
 *     not repeated) and the end is not before the start.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/storeblock.h"
#include "itin/storeids.h"
#include "itin/storescan.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

/* ---- the store ------------------------------------------------------- */

/* The longest line before the first event the scan takes (a comment);
 * a block's lines are capped by storeblock.c's BLOCK_MAX. */
#define FIRST_LINES_MAX 4096

/* Bytes of the store to read with the full reader, from line `line`. */
struct run {
	const char *s, *e;
	long line;
};

struct scan {
	const struct storescan_want *want;
	struct idset ids;
	struct run *runs;
	size_t nruns, aruns;
	struct memo memo;
	long line;	/* the store's line where the walk goes on */
	bool in_events; /* past the blank lines and comments before them */
};

/* Read [s, e), from line `line`, with the full reader: joined to the
 * run before when it follows it. */
static void add_run(struct scan *sc, const char *s, const char *e, long line)
{
	if (sc->nruns && sc->runs[sc->nruns - 1].e == s) {
		sc->runs[sc->nruns - 1].e = e;
		return;
	}
	sc->runs =
	    xgrow(sc->runs, &sc->aruns, sc->nruns + 1, sizeof(*sc->runs));
	sc->runs[sc->nruns].s = s;
	sc->runs[sc->nruns].e = e;
	sc->runs[sc->nruns++].line = line;
}

/* Warnings only counted: one means the scan gives up. */
static void count_warning(void *ctx, const struct itin_err *w)
{
	(void)w;
	++*(int *)ctx;
}

/* The database's spelling of a zone, which lives on, or NULL. */
static char *lasting(const char *name)
{
	struct itin_err err;
	const struct tz *tz = name ? tz_get(name, &err) : NULL;

	return tz ? (char *)tz_name(tz) : NULL;
}

void storescan_zones_add(struct icalio_zones *z, const struct event *ev)
{
	struct event e = *ev;

	e.tz = lasting(ev->tz);
	e.end_tz = lasting(ev->end_tz);
	icalio_zones_add(z, &e);
}

/*
 * Walk the blocks of [p, e), a window of the store (the whole of what is
 * left when last is set): runs for the full reader, ids of the blocks
 * skipped. A block or a
 * line that may go on past e is left for the next window: *stop says
 * where the walk stopped. 0, or 1 when the scan cannot go on (a key line
 * before the first event).
 */
static int walk(struct scan *sc, const char *p, const char *e, bool last,
		const char **stop)
{
	const char *ce, *le, *be;
	struct block b;
	long n;
	int kind;

	/* Up to the first event: blank lines and comments only, and no
	 * NUL byte, which the full reader refuses there too. */
	while (!sc->in_events && p < e) {
		le = storeblock_line_end(p, e, &ce);
		/* The reader refuses a line over its cap (1 MiB): a long
		 * one here is left to it, whatever its length. */
		if (le - p > FIRST_LINES_MAX)
			return 1;
		if (le == e && !last)
			break;
		kind = storeblock_preamble_line(p, ce, le);
		if (kind < 0)
			return 1;
		if (kind > 0) {
			sc->in_events = true;
			break;
		}
		p = le < e ? le + 1 : e;
		sc->line++;
	}
	for (; sc->in_events && p < e; p = be, sc->line += n) {
		bool ok = storeblock_scan(&sc->memo, p, e, &be, &n, &b);

		if (be == e && !last)
			break;
		if (ok && !storeblock_wanted(sc->want, &b))
			idset_add_skipped(&sc->ids, b.id, b.idlen);
		else
			add_run(sc, p, be, sc->line);
	}
	*stop = p;
	return 0;
}

/*
 * The runs read by the full reader into out, their events' ids added to
 * the set. 0, or 1 when the reader failed or warned.
 */
static int read_runs(struct scan *sc, const char *fname, struct evlist *out)
{
	int warnings = 0;
	struct itin_warner w = {count_warning, &warnings};
	struct itin_err err;

	for (size_t i = 0; i < sc->nruns; i++) {
		const struct run *r = &sc->runs[i];
		size_t before = out->n;

		/* The reader skips a byte order mark that starts its input:
		 * here one would be a header line's, which it refuses. */
		if (r->e - r->s >= 3 && !memcmp(r->s, "\xEF\xBB\xBF", 3))
			return 1;
		if (itinfmt_parse(r->s, (size_t)(r->e - r->s), fname, out, &w,
				  &err) ||
		    warnings)
			return 1;
		for (size_t j = before; j < out->n; j++) {
			struct event *ev = out->v[j];

			/* Lines in the store, not in the run. */
			ev->line += (uint32_t)(r->line - 1);
			idset_add(&sc->ids, ev->id, strlen(ev->id));
		}
	}
	sc->nruns = 0;
	return 0;
}

bool storescan_selects(const struct storescan_want *want)
{
	return want->has_from || want->has_to || want->id;
}

/* The start of a scan: 0, or 1 when inread would refuse the input. */
static int scan_begin(struct scan *sc, size_t *max)
{
	storeblock_memo_init(&sc->memo);
	sc->line = 1;
	return inread_max_input(max, &(struct itin_err){0});
}

/* The bytes of a byte order mark at buf's start, which the reader skips. */
static size_t bom_len(const char *buf, size_t len)
{
	return len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

/* The end of a scan: 0, or 1 when two ids may be one. */
static int scan_end(struct scan *sc)
{
	return idset_repeats(&sc->ids) ? 1 : 0;
}

/*
 * The scan of buf, for storescan_parse(): the runs read into tmp, every
 * id checked. 0, or 1 when the scan gives up.
 */
static int scan(struct scan *sc, const char *buf, size_t len, const char *fname,
		struct evlist *tmp)
{
	const char *stop;
	size_t max;

	/* What inread refuses before the reader sees a line (a NUL byte
	 * too, which plain_text() and the full reader look for). */
	if (scan_begin(sc, &max) || len > max)
		return 1;
	if (walk(sc, buf + bom_len(buf, len), buf + len, true, &stop) ||
	    read_runs(sc, fname, tmp))
		return 1;
	return scan_end(sc);
}

/* The window of storescan_read(): its first MiB. */
#define WINDOW (1 << 20)

/*
 * The scan of the store open at fd, read(2) into one window that moves
 * on: copied from the page cache into the same few pages, where a
 * mapping would touch each page of the store for the first time (on the
 * machines measured, a million events' 150 MB, 100 ms of faults against
 * 40 ms for read(2): bench/table.sh's list row). 0, or 1 when the scan
 * gives up.
 */
static int scan_fd(struct scan *sc, int fd, const char *fname,
		   struct evlist *tmp)
{
	size_t max, cap = WINDOW, have = 0, total = 0;
	char *buf = NULL;
	bool last = false, first = true;
	int ret = 1;

	if (scan_begin(sc, &max) || lseek(fd, 0, SEEK_SET) < 0)
		return 1;
	buf = xmalloc(cap);
	while (!last) {
		ssize_t r = read(fd, buf + have, cap - have);
		const char *p = buf, *stop;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		last = r == 0;
		have += (size_t)r;
		total += (size_t)r;
		if (total > max)
			goto out;
		if (first && have < 3 && !last)
			continue;
		if (first)
			p += bom_len(buf, have);
		first = false;
		if (walk(sc, p, buf + have, last, &stop) ||
		    read_runs(sc, fname, tmp))
			goto out;
		/* What is left, a block that may go on, to the front. */
		have = (size_t)(buf + have - stop);
		memmove(buf, stop, have);
		if (have == cap)
			buf = xgrow(buf, &cap, cap + 1, 1);
	}
	ret = scan_end(sc);
out:
	free(buf);
	return ret;
}

static void scan_release(struct scan *sc, struct evlist *tmp)
{
	evlist_release(tmp);
	idset_release(&sc->ids);
	free(sc->runs);
}

/* The scan's events into out and its ids to want->each_id. */
static void scan_deliver(struct scan *sc, const struct storescan_want *want,
			 struct evlist *tmp, struct evlist *out)
{
	size_t i;

	for (i = 0; i < tmp->n; i++)
		evlist_add(out, tmp->v[i]);
	/* out holds its events now, as each_id may want. */
	for (i = 0; want->each_id && i < tmp->n; i++)
		want->each_id(want->ctx, tmp->v[i]->id, strlen(tmp->v[i]->id));
	if (want->each_id)
		idset_each_skipped(&sc->ids, want->each_id, want->ctx);
}

int storescan_parse(const char *buf, size_t len, const char *fname,
		    const struct storescan_want *want, struct evlist *out)
{
	struct scan sc;
	struct evlist tmp = EVLIST_INIT;
	int ret;

	memset(&sc, 0, sizeof(sc));
	sc.want = want;
	sc.ids.keep = want->each_id != NULL;
	ret = scan(&sc, buf, len, fname, &tmp);
	if (!ret)
		scan_deliver(&sc, want, &tmp, out);
	scan_release(&sc, &tmp);
	return ret;
}

int storescan_read(int fd, const char *fname, const struct storescan_want *want,
		   struct evlist *out)
{
	struct scan sc;
	struct evlist tmp = EVLIST_INIT;
	int ret;

	memset(&sc, 0, sizeof(sc));
	sc.want = want;
	sc.ids.keep = want->each_id != NULL;
	ret = scan_fd(&sc, fd, fname, &tmp);
	if (!ret)
		scan_deliver(&sc, want, &tmp, out);
	scan_release(&sc, &tmp);
	return ret;
}
