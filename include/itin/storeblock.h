/*
 * storeblock.h: one block of a store (an event's header line and its key
 * lines) as the store scan reads it (storescan.h, whose storescan.c says
 * what a block must be for the scan to vouch for it). Private to the
 * store's readers: storescan.c, storestream.c and storeblock.c.
 */
#ifndef ITIN_STOREBLOCK_H
#define ITIN_STOREBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "itin/event.h"
#include "itin/tz.h"

#define ZONES_MAX 64

/* The zones of tz: lines and the countries of places, each looked up
 * once: a store uses a few. */
struct memo {
	struct {
		char name[64];
		size_t len;
		const struct tz *tz; /* NULL: not a zone */
	} zone[ZONES_MAX];
	size_t nzones;
	signed char country[26][26];	 /* 0 not asked yet, 1 known, -1 not */
	const char *type[EV_TYPE_COUNT]; /* event_type_name()s */
	size_t type_len[EV_TYPE_COUNT];
};

/* What the scan learnt of a block it vouches for. */
struct block {
	int64_t start, end; /* local seconds */
	bool timed, has_end, floating;
	const struct tz *tz;
	const char *id;
	size_t idlen;
	bool seen[8];
};

void storeblock_memo_init(struct memo *m);

/*
 * The block whose header line starts at start: its end (the next header
 * line, or e) into *be, its lines into *lines, and whether the scan
 * vouches for it (then b says what it learnt).
 */
bool storeblock_scan(struct memo *m, const char *start, const char *e,
		     const char **be, long *lines, struct block *b);

/* The end of the line at p (its '\n' or e), and in *ce before its CR. */
const char *storeblock_line_end(const char *p, const char *e, const char **ce);

/* The line [p, le) (ce before its CR) before the first event: 1 when it
 * begins an event (the events start there, as the reader decides), 0
 * when it is blank or a comment, -1 when it is anything else or holds a
 * NUL byte (the reader may refuse it: the walk gives up). */
int storeblock_preamble_line(const char *p, const char *ce, const char *le);

/*
 * May the command want the block b vouches for: its days, widened by
 * two days on each side, overlap want's range, and its id begins, in
 * any ASCII case, with want's (storescan.h)?
 */
struct storescan_want;
bool storeblock_wanted(const struct storescan_want *want,
		       const struct block *b);

/* The start instant event_check() gives the event b vouches for. */
int64_t storeblock_start(const struct block *b);

#endif
