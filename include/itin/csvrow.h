/*
 * csvrow.h: the inside of the CSV event reader (csvevents.h), shared by
 * its files and by nothing else:
 *   csvevents.c  the reader's state, records in, events out: duplicate
 *                ids, rows that wait for the file's date order
 *   csvcols.c    the header: which field holds which column
 *   csvrow.c     one row made into an event
 *   csvcells.c   one cell's value: text, lists, places, zones, keywords
 *   csvwrite.c   the writer, which shares the column table and escapes
 * The struct evreader is csvevents.c's; the others borrow it for a row.
 */
#ifndef ITIN_CSVROW_H
#define ITIN_CSVROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/ascii.h"
#include "itin/csvevents.h"
#include "itin/csvrec.h"
#include "itin/datetext.h"
#include "itin/err.h"
#include "itin/evarena.h"
#include "itin/event.h"
#include "itin/formula.h"
#include "itin/idtable.h"
#include "itin/strbuf.h"

/* The columns the reader knows, the native ones first. */
enum col {
	/* The native columns, in writing order. */
	C_ID,
	C_TYPE,
	C_TITLE,
	C_START,
	C_END,
	C_TZ,
	C_CITY,
	C_COUNTRY,
	C_VENUE,
	C_PARTICIPANTS,
	C_ORG,
	C_STATUS,
	C_SOURCE,
	C_NOTES,
	C_TAGS,
	C_NATIVE,
	/*
	 * Read, never written: an end zone column (the native end field
	 * carries its zone as "WHEN ZONE"), and Google Calendar, Outlook and
	 * common spreadsheet columns.
	 */
	C_END_TZ = C_NATIVE,
	C_START_DATE,
	C_START_TIME,
	C_END_DATE,
	C_END_TIME,
	C_ALLDAY,
	C_LOCATION,
	C_REQ_ATTENDEES,
	C_OPT_ATTENDEES,
	C_ORGANIZER,
	C_UID, /* an iCalendar UID (the event's uid, not its id) */
	C_COUNT,
	/* Calendar columns with nothing in the model: read silently. */
	C_IGNORED = C_COUNT,
};

/*
 * The ids read so far, to refuse a duplicate (positions in out, idtable.h)
 * and the line each event came from, in an array written in order.
 */
struct idset {
	struct idtable t;
	long *lines; /* by index in out->v, from base on */
	size_t base, nlines, alines;
};

/*
 * Answers per distinct string: the zone a tz column names, the code a
 * country column names, the zone of a city in a country. A file repeats
 * a few of each on every row, and each answer costs a hash lookup, a
 * search of the gazetteer or an accent-folding comparison; here it costs
 * a hash of the key and one comparison. Direct-mapped, keys up to
 * SCACHE_KEY - 1 bytes (longer ones are not cached); values are borrowed
 * from the tz cache or the gazetteer, which outlive the read.
 */
#define SCACHE_SIZE 64
#define SCACHE_KEY  64
struct scache_ent {
	char key[SCACHE_KEY];
	size_t klen; /* 0: empty */
	const char *val;
	int how;
};

struct scache {
	struct scache_ent e[SCACHE_SIZE];
};

/*
 * The order of a file's slash and dot dates: given (CSVIO_DMY...), or
 * decided by the first date that tells, or not known yet (datetext.h
 * reads the dates; the evidence is weighed here). The rows with an
 * ambiguous slash date wait for the order, as copies of their records.
 */
struct pending {
	struct csvio_record rec; /* pointing into the memory after it */
	struct itin_err problem; /* rec.problem points here, if it had one */
};

struct dateorder {
	/* The orders, given or decided, and what the last date said. */
	struct datetext dt;
	/* This row: an ambiguous date met; an order decided by it. */
	bool row_ambig, decided_now;
	/* The first ambiguous slash date, for the error when nothing
	 * decides. */
	bool slash_ambig;
	struct itin_err first_ambig;
	struct pending **wait;
	size_t nwait, await;
};

struct evreader {
	const char *fname;
	unsigned flags;
	struct evlist *out;
	const struct itin_warner *w;
	struct csvio_stats st;
	bool have_header;
	long col[C_COUNT]; /* field index of each column, or -1 */
	size_t ncols;	   /* fields in the header */
	struct idset ids;
	struct scache zones, countries, places, keywords;
	struct dateorder dord;
	/* A problem of the whole file: it stops even CSVIO_SKIP_INVALID. */
	bool fatal;
	struct strbuf tmp;
	const struct csvio_progress *prog;
	/* Where the row's event is built: out's arena, and the mark it
	 * goes back to when the row is refused (evarena.h). */
	struct evarena *arena;
	struct evarena_mark row_mark;
	/* The hash of the row's id column (idtable_hash()), when it has one:
	 * the event's id is then that text, hashed once. */
	bool row_has_id;
	uint64_t row_id_hash;
};

/* A field of the row: the column's value, un-neutralised (see csvrec.h). */
struct val {
	const char *s; /* NUL-terminated */
	size_t len;
	long idx; /* field index, -1 if the column is absent */
};

static inline struct val csvev_get(const struct evreader *er,
				   const struct csvio_record *rec, enum col c)
{
	struct val v = {"", 0, er->col[c]};

	if (v.idx < 0 || (size_t)v.idx >= rec->n)
		return v;
	v.s = rec->f[v.idx].s;
	v.len = rec->f[v.idx].len;
	if (!(er->flags & CSVIO_RAW) && formula_is_guarded(v.s, v.len)) {
		v.s++;
		v.len--;
	}
	return v;
}

/* Narrow a value to leave out leading and trailing blanks. */
static inline void val_trim(struct val *v)
{
	const char *e = v->s + v->len;

	ascii_trim_blank(&v->s, &e);
	v->len = (size_t)(e - v->s);
}

/* ---- the header (csvcols.c) ---- */

/* Map the header's names to columns (er->col), or fail. */
int csvev_read_header(struct evreader *er, const struct csvio_record *rec,
		      struct itin_err *err);
/* The native column c's name (c < C_NATIVE), for the writer. */
const char *csvev_native_name(enum col c);

/* ---- a row (csvrow.c) ---- */

/* 0 built, -1 refused (err), 1 the row waits for the date order. */
int csvev_build(struct evreader *er, const struct csvio_record *rec,
		struct event *ev, struct itin_err *err);
bool csvev_row_is_empty(const struct csvio_record *rec);

/* ---- errors at a field (csvcells.c) ---- */

/* Where to point for field idx (the row's start when idx < 0). */
void csvev_pos(const struct csvio_record *rec, long idx, long *line, long *col);
/* Fill err (65) at field idx; -1. */
int csvev_fail(const struct evreader *er, const struct csvio_record *rec,
	       long idx, struct itin_err *err, const char *fmt, ...)
    ITIN_PRINTF(5, 6);
/* Place an error another module filled in at field idx; -1. */
int csvev_locate(const struct evreader *er, const struct csvio_record *rec,
		 long idx, struct itin_err *err);

/* ---- cells (csvcells.c) ---- */

/* The value as it is into ev's *field (&ev->id...), or NULL when empty. */
void csvev_set_val(struct event *ev, char **field, struct val v);
/* A text cell's value into ev's *field, escapes decoded (crlf: a CR
 * before LF dropped), or NULL when empty. */
void csvev_text(struct evreader *er, struct event *ev, char **field,
		struct val v, bool crlf);
/* The byte "\xHH" at s (s < e) stands for, when the cell escapes it, or
 * -1: the one rule of the reader and the writer. */
int csvev_ctl_escape_at(const char *s, const char *e);
/* Participants (with) or tags, split on unescaped ';'. */
void csvev_items(struct evreader *er, struct event *ev, struct val v, bool with,
		 const char *role_dflt, bool dedup);
/* True/False, Yes/No, 1/0, empty = false; -1 for anything else. */
int csvev_bool(struct val v, bool *out);
/* A calendar's Location into venue, city and country. */
void csvev_location(struct evreader *er, struct event *ev, struct val v);
/* A type or status keyword (kind 't' or 's') by parse, or -1. */
int csvev_keyword(struct evreader *er, char kind, struct val v,
		  int (*parse)(const char *));
/* The canonical name of the zone v names, or NULL with err filled. */
const char *csvev_zone(struct evreader *er, struct val v, struct itin_err *err);
/* The code of the country v names, or NULL. */
const char *csvev_country(struct evreader *er, struct val v);
/* The zone of the event's place (place_zone()), or NULL; *how says why. */
const char *csvev_place_zone(struct evreader *er, const struct event *ev,
			     int *how);

#endif
