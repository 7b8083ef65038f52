/*
 * storescan.h: reading a store's text for a command that shows a few of
 * its events, at a cost that follows what it shows, not the store's size.
 *
 * The scan walks the store's bytes (read by store_load_scan(), store.h)
 * block by block, an event's header line and its key lines, allocating
 * nothing per event. For each block it decides two things:
 *
 *   - can it vouch for the block: is the block in a plain form (no escape,
 *     an id: line, the zone in a tz: line, the keys every store has; see
 *     storescan.c for the exact list) whose every check the scan itself
 *     makes, so that the full reader would take it without an error or a
 *     warning? A block it cannot vouch for is read by the full reader
 *     (itinfmt_parse()), whatever its dates;
 *   - may the command want it: its days, read off the header line and
 *     widened by two days on each side (an event's local days seen from
 *     any zone, --in's included, are within that), overlap the range
 *     wanted, and its id begins, in any ASCII case, with the id asked for.
 *
 * A block vouched for and not wanted is skipped: only its id is kept,
 * for the duplicate check and for the short ids (shortid.h). Every other
 * block is read by itinfmt_parse(), in file order.
 *
 * Errors and warnings stay the full reader's: whenever the scan meets
 * something it cannot settle alone (the reader failed or warned on a
 * block, two blocks share an id, a NUL byte, a key line before the first
 * event, a file over the input limit), it gives up and the caller reads
 * the whole store with the full reader, which says what it always said,
 * at the same FILE:LINE:COL. So the scan is a shortcut for a store that
 * parses cleanly, never a second judge of one that does not.
 */
#ifndef ITIN_STORESCAN_H
#define ITIN_STORESCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/err.h"
#include "itin/evlist.h"

/* What a command needs of the store. Nothing set: every event. */
struct storescan_want {
	bool has_from, has_to;
	int64_t from_day, to_day; /* days since the epoch, both included */
	const char *id;		  /* NULL, or an id or a prefix of one */
	/* When set: called once for every id of the store, those skipped
	 * too, in no particular order, once out holds its events: the len
	 * bytes at id, which need not end in '\0' (a skipped event's id is
	 * a slice of the store). */
	void (*each_id)(void *ctx, const char *id, size_t len);
	void *ctx;
};

/* Does want skip anything? If not, a plain read is as fast. */
bool storescan_selects(const struct storescan_want *want);

/*
 * Scan buf (len bytes, the store named fname) and append to out, in file
 * order, every event the command may want and every event the scan could
 * not vouch for (a superset: the caller's filter still decides), each id
 * of the store reported through want->each_id. Returns 0, or 1 when the
 * caller must read the store with the full reader instead (out and
 * want->each_id untouched): the scan never fails on its own.
 */
int storescan_parse(const char *buf, size_t len, const char *fname,
		    const struct storescan_want *want, struct evlist *out);

/* The same, of the store open at fd (read from its start, through a
 * window of a MiB: storescan.c says why not a mapping). */
int storescan_read(int fd, const char *fname, const struct storescan_want *want,
		   struct evlist *out);

struct icalio_zones;
/* icalio_zones_add() with the zone database's names for ev's, which
 * outlive ev (z may then outlive the event). */
void storescan_zones_add(struct icalio_zones *z, const struct event *ev);

#endif
