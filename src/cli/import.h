/*
 * import.h: what the three files of `itin import` share; private to them.
 *
 *   cmd-import.c    the options and cmd_import(): parse the command line,
 *                   name each input and find its format, then read every
 *                   input and merge them all or none.
 *   import-read.c   opening and reading one input: the format from the
 *                   name, standard input, --encoding (recode.h), CSV as a
 *                   stream, .itin and .ics whole, UTF-16 refused with a hint.
 *   import-merge.c  the merge and the transaction: which events are added,
 *                   updated or kept (evmerge.h), -n's listing, the summary,
 *                   the store written in one transaction, and
 *                   import_events() (cli.h) for `extract --add`.
 *
 * The caller owns each struct input and its events; merging takes the
 * events out of in->events one by one (the store or the merge owns them).
 */
#ifndef ITIN_CLI_IMPORT_H
#define ITIN_CLI_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "itin/csvevents.h"
#include "itin/evmerge.h"
#include "itin/icalio.h"

/* One input: a file or standard input, its events once read, and what
 * the merge did with them (the counts of its summary). */
struct input {
	const char *path;
	const char *name; /* for messages: "<stdin>" for "-" */
	enum outfmt fmt;
	struct evlist events;
	/* An event whose id is stored is left alone (extract --add: ids
	 * derived from a report's legs, which the user may edit since). */
	bool keep_stored;
	size_t added, updated, unchanged;
	/* Through --encoding: where the data stopped the conversion. */
	struct itin_err readerr;
	struct icalio_stats ics; /* FMT_ICS: what the file held */
	struct csvio_stats csv;	 /* FMT_CSV: rows read and refused */
};

/* What the files are read with. */
struct import_opts {
	bool skip_invalid;
	bool raw;		  /* CSV: keep a leading quote */
	int64_t from_day, to_day; /* the recurrence window */
	unsigned date_order;	  /* CSV: CSVIO_DMY, _MDY, _YMD or 0 */
	const char *encoding;	  /* recode_name(), NULL: UTF-8 as read */
	size_t max_occurrences;	  /* iCalendar, per file; 0: the default */
};

/* import-read.c */

/* The format of a file from its extension: 0 or a usage status. */
int import_format_of(const char *path, const struct command *cmd,
		     enum outfmt *fmt);
/* Read one input into in->events (and its stats), p hearing progress
 * (may be NULL). 0 or the status, after reporting. */
int import_read_one(struct input *in, const struct import_opts *io,
		    struct progress *p);

/* import-merge.c */

/* The store's path, when it can be a store; NULL with *status set after
 * reporting. */
const char *store_to_import(struct cli *cli, int *status);
/* -n: what the read inputs would do to the store, listed. 0 or the status. */
int import_dry_run(const char *path, struct input *in, size_t nin,
		   struct progress *p, bool skip_invalid);
/* The read inputs merged into the store in one transaction. 0 or the
 * status. */
int import_commit(const char *path, struct input *in, size_t nin,
		  struct progress *p, evmerge_fn fn, void *ctx,
		  bool skip_invalid);
/* "imported N events (...) from NAME", or "would import" for -n. */
void import_summary(const struct input *in, bool dry_run);

#endif
