/*
 * icsread.h: the state of one iCalendar import (struct ics_reader) and
 * the stages icalio_read() runs it through, each in a file of its own:
 *
 *   icslex.c     the content lines: unfolded, checked, split (icslex.h)
 *   icscheck.c   the components' nesting, forgiving typos; the budget of
 *                changes in each VTIMEZONE, before libical expands any
 *   icalio.c     each VEVENT's lines, one VEVENT at a time, to:
 *   icsevent.c   one VEVENT into a pending event: its times, its UID
 *   icsfields.c  its other fields, from X-ITIN- or standard properties
 *   icsexpand.c  once the file is read: single events checked and added,
 *                each series expanded (icsseries.c, icsrrule.c) with its
 *                overrides, the overrides left over
 *   icalio.c     icalio_read() itself, and what every stage shares:
 *                errors at a line, the event's final check and append
 *
 * The buffer is read in passes (ics_lexer, icslex.h), one content line
 * at a time: the bytes (icslex.c), the nesting (icscheck.c), the
 * VEVENTs (icalio.c). What stays from one pass to the next is small: the
 * lines to skip and the END lines repaired (a few, in a file with typos),
 * the VTIMEZONEs' lines. A VEVENT's lines are kept only while it is read;
 * then its event waits in r->pend, with a copy of its properties only
 * when a series needs them later (a series' first event, an override).
 *
 * Ownership: the reader owns everything it points to but buf, w, err,
 * st, o and out, which are icalio_read()'s caller's; a pending event's ev
 * is in out's arena, and with its uid and kept properties the reader's
 * until it is appended to out.
 */
#ifndef ITIN_ICSREAD_H
#define ITIN_ICSREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/icalio.h"
#include "itin/icslex.h"
#include "itin/icszone.h"
#include "itin/strbuf.h"

/* Limits that turn hostile input into an error, never a hang. */
#define ICAL_MAX_DEPTH 16
/* RRULE iterations per rule. */
#define ICAL_MAX_STEPS 200000
/* Events one series may make. */
#define ICAL_MAX_OCCURRENCES ICALIO_MAX_OCCURRENCES
/* A DURATION's most: 0001-01-01 to 9999-12-31. */
#define ICAL_MAX_DAYS 3652059

/* A VTIMEZONE of the file: its TZID and its content lines. */
struct vtzdef {
	char *tzid;
	size_t first, last; /* its lines BEGIN..END in r->tzl */
	long line;
};

/*
 * A VEVENT read, waiting until the whole file is: a later VEVENT with
 * the same UID may replace it, and a series needs its overrides.
 */
enum vkind { V_SINGLE, V_MASTER, V_OVERRIDE };
struct ics_pending {
	struct event *ev; /* times set from DTSTART/DTEND */
	char *uid;	  /* NULL when the VEVENT had none */
	long line;	  /* BEGIN:VEVENT */
	/* Its properties, kept for a series' first event and an override
	 * (its series needs them once the file is read); else empty. */
	struct vprops props;
	char *props_text;
	enum vkind kind;
	bool dropped; /* replaced by a later one of the same UID */
	bool is_override;
	bool future;		  /* RECURRENCE-ID;RANGE=THISANDFUTURE */
	bool own_rule, rule_said; /* an override with RRULE or RDATE */
	bool claimed;		  /* an override of a series in the file */
	bool windowed;		  /* its series was cut to the import window */
	int64_t recid_key;	  /* override: the occurrence it replaces */
	char recid_stamp[24];
	bool used;
	bool alone; /* an override emitted as an event of its own */
};

/* An END line repaired (its content line, its text), for later passes. */
struct ics_rep {
	size_t idx;
	char *text;
};

/*
 * A lapse from RFC 5545 that is read anyway (LF line ends, lines not
 * folded, a VEVENT without UID or DTSTAMP): counted, and said once per
 * file at the first place it happens, not once per line.
 */
struct lapse {
	size_t n;
	long first;
	size_t size; /* at the first: the line's length */
};

struct ics_reader {
	const char *fname;
	const struct icalio_read_opts *o;
	const struct itin_warner *w;
	struct itin_err *err;
	struct icalio_stats *st;
	struct evlist *out;

	const char *buf; /* the file's bytes, or: */
	size_t len;
	int fd;			  /* the file, read by each pass; -1 */
	int64_t fsize, fmtime_ns; /* what it was when the first pass began */
	struct ics_lines *ls;	  /* the lines icslex.h's functions read */
	struct ics_lines win;	  /* the component being read */
	struct ics_lines tzl;	  /* the VTIMEZONEs */
	size_t cur_idx;		  /* the content line the pass is at */
	size_t *skips;		  /* content lines every pass skips */
	size_t nskips, skipalloc;
	struct ics_rep *reps; /* END lines repaired, by content line */
	size_t nreps, repalloc;

	struct vtzdef *vtz;
	size_t nvtz, vtzalloc;
	struct zres *zones;
	size_t nzones, zalloc;

	struct evindex *uids; /* UID (+ recurrence) -> line */
	struct evindex *ids;  /* ids made -> line */
	struct ics_pending *pend;
	size_t npend, palloc;
	bool cancel; /* METHOD:CANCEL */
	bool warned_utf8;
	struct lapse no_uid, no_dtstamp; /* VEVENTs without them */
	struct strbuf tmp;

	/* What the file's recurring events may still cost in all
	 * (icalio.h): occurrences found, candidate times walked. */
	size_t occ_max, occ_left;
	int64_t cand_max, cand_left;
	bool over_budget; /* the file, not one VEVENT, is refused */
};

/* ---- icalio.c ---- */

/* Fail with status 65 at line, col of the file; returns -1. */
int ics_fail_at(struct ics_reader *r, long line, long col, const char *fmt, ...)
    ITIN_PRINTF(4, 5);
/* Count a lapse at line (size: the line's length, for the message). */
void ics_lapse_note(struct lapse *l, long line, size_t size);
/* Check ev and append it; takes ev. line: its VEVENT. */
int ics_emit(struct ics_reader *r, struct event *ev, long line);
/* A problem with one VEVENT: fatal (-1), or a warning with
 * ICALIO_SKIP_INVALID (0, the error cleared). */
int ics_refuse(struct ics_reader *r);

/* ---- icscheck.c ---- */

int ics_check_structure(struct ics_reader *r);
int ics_check_vtimezones(struct ics_reader *r);
/* The first line of first..last with a control character (its index
 * plus one), or 0; and the error for line i's. */
size_t ics_ctrl_in(const struct ics_reader *r, size_t first, size_t last);
int ics_ctrl_fail(struct ics_reader *r, size_t i);

/* ---- icsevent.c ---- */

/* The VEVENT of content lines first..last into a pending event. */
int ics_read_vevent(struct ics_reader *r, size_t first, size_t last);

/* ---- icsfields.c ---- */

/* ev's fields but its times from the VEVENT's properties vp, and
 * ev->carried: which of them the VEVENT says. */
void ics_read_text(struct ics_reader *r, struct event *ev,
		   const struct vprops *vp);

/* ---- icsexpand.c ---- */

/* Every pending event appended, each series expanded. */
int ics_finish_pending(struct ics_reader *r);

#endif
