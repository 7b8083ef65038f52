/*
 * storestream.h: the store's events one at a time, in evlist_sort()'s
 * order, for a command that writes many of them (export, list in a
 * format for programs), with memory that does not grow with the store.
 *
 * Two passes. The first, under the shared lock, walks the store block
 * by block through a window of the file, as the store scan does
 * (storescan.h: storeblock_scan() vouches for a block or the full reader
 * reads it), and makes for each wanted block a record of 16 bytes: its
 * start instant, event_compare()'s first key, and its place in the
 * file. The records, and a 64-bit hash of every id (a repeated one makes
 * the stream give up, as the scan does), go to two external merge sorts
 * (runsort.h): a buffer of 256 KiB each, runs to a temporary file, a
 * merge through 4 KiB a run. The second pass reads the records' blocks
 * in sorted order through the window and parses each into one arena,
 * rewound once the event is handed on. Records whose starts tie are read
 * together and ordered by event_compare() itself (end, title, id): the
 * same order as sorting the events, ties included, at the cost of
 * holding a tie's few events at once.
 *
 * Why a sort for every store, not only the unsorted ones. itin keeps no
 * store in order: events stay in the order they came (`add` appends;
 * import, rm and edit rewrite the others as they were), a hand edit puts
 * one anywhere, and local times in several zones are not the instants'
 * order (bench/gen.sh's store is out of order within each day). Streaming
 * a store in file order would still need all of its ids to find a
 * repeated one before the first event is written (a duplicate's error,
 * or its "read once" warning, must come before any output, as from the
 * whole read): ids are not in the sort's key, so an order never makes
 * them adjacent. That check needs an external sort of the ids whatever
 * the order; the records ride on the same mechanism, and a store that is
 * in order costs a merge that reads its runs back one after the other.
 * Memory is then fixed (about 1 MiB of sorting at most, and the window),
 * the temporary file 32 bytes an event beyond the first 16k, in $TMPDIR
 * as sort(1) does (a tmpfs there holds it in memory: set TMPDIR to a
 * disk to keep it out); and when no temporary file can be written the
 * records stay in memory, the command still succeeds.
 *
 * A block the scan cannot vouch for is read by the full reader in the
 * first pass, where its errors and warnings are met as in a whole read
 * and its record made, its event then dropped, and again in the second:
 * twice the parse for such blocks (rare in stores itin writes, but every
 * block of one imported from a calendar, with its uid: lines), memory
 * that stays flat for every store. When
 * the walk gives up (any doubt: storescan.h), the store is read whole
 * by store_load_scan() and sorted, exactly as before: the same events,
 * errors and warnings, the memory then the events'.
 *
 * Between the passes the lock is given up (a command writing to a slow
 * pipe does not hold off `itin add`): itin appends past the bytes
 * indexed and replaces the file by rename, so the open file keeps them.
 * A block that no longer reads as it did (another program changed the
 * file in place: it must parse cleanly to one event at the same instant)
 * fails the command (75), never shows another event.
 */
#ifndef ITIN_STORESTREAM_H
#define ITIN_STORESTREAM_H

#include <stdbool.h>

#include "itin/err.h"
#include "itin/evarena.h"
#include "itin/evlist.h"
#include "itin/filter.h"
#include "itin/runsort.h"
#include "itin/storescan.h"
#include "itin/tz.h"

struct icalio_zones;

struct storestream {
	const char *path;	/* borrowed */
	const struct filter *f; /* borrowed: decides each event */
	const struct tz *in;	/* NULL, or --in's zone */
	int fd;			/* the store; -1: the events are in all */
	struct runsort recs;	/* the records: start, then place */
	struct runsort_item rec; /* the next record, read ahead */
	bool has_rec;
	struct evlist all;     /* the whole read, sorted, when fd is -1 */
	size_t pos;	       /* the next event of all */
	struct evlist scratch; /* one tie's events, in one arena */
	struct evarena_mark mark;
	struct event **group; /* that tie, in order */
	size_t ngroup, agroup, gpos;
	char *win;     /* a window of the file: */
	uint64_t woff; /* its first byte's offset */
	size_t wlen;   /* and its bytes */
	size_t wcap;   /* the bytes at win */
};

/*
 * Open the store at path for the events f keeps (in: --in's zone, which
 * they are converted to before f decides). zones, when not NULL, gets
 * the zones and years of those events, as icalio_zones_add() each would
 * (for a calendar's VTIMEZONEs, which come first). 0, or -1 with err
 * (the errors of store_load_scan()); s must be closed either way.
 */
int storestream_open(struct storestream *s, const char *path,
		     const struct filter *f, const struct tz *in,
		     struct icalio_zones *zones, const struct itin_warner *w,
		     struct itin_err *err);
/* The next event into *ev (valid until the next call): 1, 0 at the end,
 * or -1 with err. */
int storestream_next(struct storestream *s, struct event **ev,
		     struct itin_err *err);
void storestream_close(struct storestream *s);

#endif
