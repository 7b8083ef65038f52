/*
 * itinfmt.h: the itin text format (.itin), reader and canonical writer.
 * The format is specified in man/itin.5.
 *
 * The reader takes a whole buffer (the store is read into memory once) and
 * appends checked events to a list; any error stops it and reports
 * FILE:LINE:COL. Events without an id get event_derive_id(). Events without
 * a tz line take the zone of their place (places.h), else float with a
 * warning.
 *
 * The writer emits the canonical form: parsing it and writing again gives
 * the same bytes.
 *
 * The reader is src/core/itinread.c, the writer src/core/itinwrite.c; the
 * escapes of a value, which both must agree on, are itinesc.h's.
 */
#ifndef ITIN_ITINFMT_H
#define ITIN_ITINFMT_H

#include <stdbool.h>
#include <stddef.h>
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/inread.h"
#include "itin/outsink.h"
#include "itin/strbuf.h"

/* Longest line accepted, in bytes; longer lines are an error, not a crash.
 * The limit every reader applies while reading (inread.h); checked here
 * again for a buffer that did not come through it. */
#define ITINFMT_MAX_LINE INREAD_MAX_LINE

/*
 * Parse buf[0..len) (need not be NUL-terminated). fname is used in messages.
 * Events are appended to out; on error out holds what was read before it and
 * the caller normally discards it. Duplicate ids within the buffer are an
 * error at the second one, unless the two are the same event: that is
 * read once, with a warning naming both lines.
 */
int itinfmt_parse(const char *buf, size_t len, const char *fname,
		  struct evlist *out, const struct itin_warner *w,
		  struct itin_err *err);

/* Append one event in canonical form (header line plus key lines). */
void itinfmt_write_event(struct strbuf *sb, const struct event *ev);

/* Append the RANGE of an event's header line ("2023-01-30 10:00-11:30",
 * "2023-07-11..2023-07-12"): the one way its dates are written as text. */
void itinfmt_write_range(struct strbuf *sb, const struct event *ev);

/*
 * True when a and b would be stored identically (same canonical text),
 * their revisions (seq) aside: how import counts "unchanged" and edit says
 * "no changes".
 */
bool itinfmt_same_event(const struct event *a, const struct event *b);

/* Append every event of l, in list order. */
void itinfmt_write(struct strbuf *sb, const struct evlist *l);

/*
 * The same text through out, a block at a time (outsink.h), flushed at
 * the end: 0, or -1 once a write failed (out->error says why). How the
 * store is rewritten: it never sits whole in memory.
 */
int itinfmt_write_sink(struct outsink *out, const struct evlist *l);

#endif
