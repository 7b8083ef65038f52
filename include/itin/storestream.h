/*
 * storestream.h: the store's events one at a time, in evlist_sort()'s
 * order, for a command that writes many of them (export, list in a
 * format for programs), with memory that does not grow with the store.
 *
 * Two passes. The first, store_index() (store.h) under the shared lock,
 * scans the mapped store (storescan.h) and keeps for each wanted block a
 * record of 16 bytes: its start instant, event_compare()'s first key,
 * and its place in the file; the mapped pages are given back as the scan
 * passes them (mapped pages count in the peak memory). The records are
 * sorted in place by start, then place. The second pass reads the
 * records' blocks in that order through a window of the file and parses
 * each into one arena, rewound once the event is handed on. Records
 * whose starts tie are read together and ordered by event_compare()
 * itself (end, title, id): the same order as sorting the events, ties
 * included, at the cost of holding a tie's few events at once.
 *
 * A block the scan cannot vouch for is read by the full reader in the
 * first pass, where its errors and warnings are met as in a whole read,
 * and again in the second (storescan.h says why twice). When
 * the scan gives up (any doubt: storescan.h), the store is read whole
 * by store_load_scan() and sorted, exactly as before: the same events,
 * errors and warnings, the memory then the events'.
 *
 * Between the passes the lock is given up (a command writing to a slow
 * pipe does not hold off `itin add`): itin appends past the bytes
 * indexed and replaces the file by rename, so the open file keeps them.
 * A block that no longer reads as it did (another program changed the
 * file in place) fails the command (75), never shows another event.
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
