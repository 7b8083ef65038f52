/*
 * icsevent.c: one VEVENT read into a pending event (icsread.h): its times
 * and its UID (its text fields are icsfields.c's); a VEVENT that repeats
 * a UID is kept or dropped by SEQUENCE here, before any series is
 * expanded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/icslib.h"
#include "itin/icsread.h"
#include "itin/icstext.h"
#include "itin/xalloc.h"

/*
 * Properties that decide the times appear once; a second one (a line
 * smuggled into a text value, or a sloppy producer) is ignored with a
 * warning: ics_find() takes the first.
 */
static void check_once(struct ics_reader *r, const struct vprops *vp)
{
	static const char *const once[] = {"UID", "DTSTART", "DTEND",
					   "DURATION", "RECURRENCE-ID"};

	for (size_t k = 0; k < sizeof(once) / sizeof(once[0]); k++) {
		const struct cprop *first = NULL;

		for (size_t i = 0; i < vp->n; i++) {
			if (!ics_name_is(&vp->v[i], once[k]))
				continue;
			if (first)
				itin_warn_at(
				    r->w, r->fname, vp->v[i].line, 1,
				    "duplicate %s ignored (first at line "
				    "%ld)",
				    once[k], first->line);
			else
				first = &vp->v[i];
		}
	}
}

/*
 * Who ev is, from its UID: a UID itin wrote ("ID@itin") gives back the
 * id it came from, as does X-ITIN-ID (xid, when not NULL) that itin
 * writes beside any other UID; any other is kept as the event's uid, and
 * its id is derived from it (event_derive_id(): 16 hex digits, the same
 * at every import of the file), never the UID itself, which can be 100
 * characters of Outlook.
 */
static void adopt_uid(struct event *ev, const char *uid, const char *xid)
{
	size_t n = strlen(uid);

	/* itin's own export says the id when the UID does not. */
	if (xid && event_id_is_valid(xid)) {
		event_set_str(ev, &ev->id, xid);
		if (strcmp(uid, xid) &&
		    !(n == strlen(xid) + 5 && !strncmp(uid, xid, n - 5) &&
		      !strcmp(uid + n - 5, "@itin")))
			event_set_str(ev, &ev->uid, uid);
		return;
	}

	if (n > 5 && n <= 205 && !strcmp(uid + n - 5, "@itin")) {
		char *id = xstrndup(uid, n - 5);

		if (event_id_is_valid(id)) {
			event_set_str(ev, &ev->id, id);
			free(id);
			return;
		}
		free(id);
	}
	event_set_str(ev, &ev->uid, uid);
}

/* DURATION as nominal days and exact seconds. */
static int read_duration(struct ics_reader *r, const struct cprop *p,
			 bool allday, int64_t *days, int64_t *secs)
{
	struct ics_duration d;

	if (!ics_duration_parse(p->value, &d) || d.neg)
		return ics_fail_at(r, p->line, 1, "invalid DURATION '%.40s'",
				   p->value);
	/* As long as the years 0001-9999 at most: export writes the length
	 * of an all-day event that ends on 9999-12-31 as a DURATION, which
	 * must read back (event_check() refuses an end past 9999). */
	*days = d.days;
	*secs = d.secs;
	if (*days > ICAL_MAX_DAYS || *secs > (int64_t)ICAL_MAX_DAYS * ITIN_DAY)
		return ics_fail_at(r, p->line, 1,
				   "DURATION '%.40s' is too long", p->value);
	if (allday && *secs) {
		/* "PT86400S" for a day: whole days, rounded up. */
		*days += (*secs + ITIN_DAY - 1) / ITIN_DAY;
		*secs = 0;
	}
	return 0;
}

/* DTSTART, and DTEND or DURATION, of a VEVENT as read. */
struct vtimes {
	const struct cprop *dtstart, *dtend, *dur;
	struct itime ts, te;
	struct strbuf tzid, etzid;
	bool has_tzid, has_etzid;
	int64_t days, secs; /* DURATION */
};

/*
 * DTEND or DURATION: one that cannot be used is dropped with a warning
 * (vt->dtend, vt->dur NULL), as is DURATION beside DTEND.
 */
static void read_end(struct ics_reader *r, struct vtimes *vt)
{
	struct itin_err keep = *r->err;

	if (vt->dtend && vt->dur) {
		itin_warn_at(r->w, r->fname, vt->dur->line, 1,
			     "both DTEND and DURATION; DURATION ignored");
		vt->dur = NULL;
	}
	if (vt->dtend &&
	    ics_read_itime(r, vt->dtend, &vt->te, &vt->etzid, &vt->has_etzid)) {
		itin_warn_at(r->w, r->fname, r->err->line, r->err->col,
			     "%s; ignored", r->err->msg);
		*r->err = keep;
		vt->dtend = NULL;
	}
	if (vt->dtend && vt->te.is_date != vt->ts.is_date) {
		itin_warn_at(r->w, r->fname, vt->dtend->line, 1,
			     "DTEND is a %s but DTSTART is a %s; %s",
			     vt->te.is_date ? "date" : "date-time",
			     vt->ts.is_date ? "date" : "date-time",
			     vt->ts.is_date ? "its date is used" : "ignored");
		if (vt->ts.is_date) {
			/* A time after midnight still covers that day. */
			int64_t d = lsec_day(vt->te.lsec);

			vt->te.lsec =
			    (lsec_time_of_day(vt->te.lsec) ? d + 1 : d) *
			    ITIN_DAY;
			vt->te.is_date = true;
		} else {
			vt->dtend = NULL;
		}
	}
	if (vt->dur &&
	    read_duration(r, vt->dur, vt->ts.is_date, &vt->days, &vt->secs)) {
		itin_warn_at(r->w, r->fname, r->err->line, r->err->col,
			     "%s; ignored", r->err->msg);
		*r->err = keep;
		vt->dur = NULL;
	}
}

/* The times of an all-day event: its first day, and its last. */
static int allday_times(struct ics_reader *r, struct event *ev,
			const struct vtimes *vt)
{
	int64_t first = lsec_day(vt->ts.lsec), excl = first + 1;

	ev->allday = true;
	ev->start = vt->ts.lsec;
	if (vt->dtend)
		excl = lsec_day(vt->te.lsec);
	else if (vt->dur)
		excl = first + (vt->days ? vt->days : 1);
	if (excl <= first) {
		if (vt->dtend && excl < first)
			return ics_fail_at(r, vt->dtend->line, 1,
					   "DTEND %.8s is before DTSTART %.8s",
					   vt->dtend->value,
					   vt->dtstart->value);
		/* DTEND = DTSTART: meant as that one day. */
		itin_warn_at(r->w, r->fname,
			     vt->dtend ? vt->dtend->line : vt->dur->line, 1,
			     "an all-day DTEND must be after DTSTART (it "
			     "is the day after the last); taken as one "
			     "day");
		excl = first + 1;
	}
	ev->has_end = excl - 1 > first;
	ev->end = ev->has_end ? (excl - 1) * ITIN_DAY : 0;
	return 0;
}

/* The end of a timed event whose start is local in tz, from DTEND. */
static int timed_end(struct ics_reader *r, struct event *ev,
		     const struct vtimes *vt, const struct tz *tz)
{
	const struct tz *etz = NULL;
	int64_t elocal;

	if (!vt->te.utc && !vt->has_etzid && tz) {
		/* A floating end of a zoned start: in its zone. */
		etz = tz;
		elocal = vt->te.lsec;
		if (vt->has_tzid)
			ics_event_time(r, &vt->te, vt->tzid.buf, ev,
				       vt->dtend->line, &etz, &elocal);
	} else if (ics_event_time(r, &vt->te,
				  vt->has_etzid ? vt->etzid.buf : NULL, ev,
				  vt->dtend->line, &etz, &elocal)) {
		return -1;
	}
	if (!tz && etz) {
		/* A zoned end of a floating start: keep its clock. */
		etz = NULL;
		elocal = vt->te.lsec;
	}
	ev->has_end = true;
	ev->end = elocal;
	if (etz && etz != tz)
		event_set_str(ev, &ev->end_tz, tz_name(etz));
	return 0;
}

/* The times of a timed event. */
static int timed_times(struct ics_reader *r, struct event *ev,
		       const struct vtimes *vt)
{
	const struct tz *tz = NULL;
	int64_t local;

	if (ics_event_time(r, &vt->ts, vt->has_tzid ? vt->tzid.buf : NULL, ev,
			   vt->dtstart->line, &tz, &local))
		return -1;
	ev->allday = false;
	ev->start = local;
	event_set_str(ev, &ev->tz, tz ? tz_name(tz) : NULL);
	if (vt->dtend)
		return timed_end(r, ev, vt, tz);
	if (vt->dur) {
		ev->has_end = true;
		ev->end = local + vt->days * ITIN_DAY;
		if (vt->secs)
			ev->end =
			    tz ? tz_utc_to_local(
				     tz, ics_instant_of(tz, ev->end) + vt->secs)
			       : ev->end + vt->secs;
	}
	return 0;
}

/*
 * Set ev's start and end from DTSTART, DTEND or DURATION. An unusable
 * DTSTART refuses the VEVENT; an unusable end is dropped with a warning
 * (the event keeps its start), as calendar apps do.
 */
static int read_times(struct ics_reader *r, struct event *ev,
		      const struct vprops *vp, const struct cprop *dtstart)
{
	struct vtimes vt;
	int ret = -1;

	memset(&vt, 0, sizeof(vt));
	vt.dtstart = dtstart;
	vt.dtend = ics_find(vp, "DTEND");
	vt.dur = ics_find(vp, "DURATION");
	strbuf_init(&vt.tzid);
	strbuf_init(&vt.etzid);
	if (!ics_read_itime(r, dtstart, &vt.ts, &vt.tzid, &vt.has_tzid)) {
		read_end(r, &vt);
		ret = vt.ts.is_date ? allday_times(r, ev, &vt)
				    : timed_times(r, ev, &vt);
	}
	strbuf_release(&vt.tzid);
	strbuf_release(&vt.etzid);
	return ret;
}

/*
 * What an override (RECURRENCE-ID) changes: the occurrence it names, or
 * with RANGE=THISANDFUTURE that one and every later one. A rule of its
 * own (RRULE, RDATE) is not read: said, never dropped without a word.
 */
static void override_range(struct ics_reader *r, struct ics_pending *pe,
			   const struct cprop *recid, bool recurring)
{
	if (ics_get_param(recid, "RANGE", &r->tmp)) {
		if (!ascii_casecmp(r->tmp.buf, "THISANDFUTURE"))
			pe->future = true;
		else
			itin_warn_at(
			    r->w, r->fname, recid->line, 1,
			    "RECURRENCE-ID;RANGE=%.40s is not supported; "
			    "the override changes only the occurrence "
			    "it names",
			    r->tmp.buf);
	}
	pe->own_rule = recurring;
}

/*
 * The pending event of VEVENT ev (its UID uid, NULL for none, and
 * X-ITIN-ID beside it): a new entry of r->pend, which the caller counts.
 */
static struct ics_pending *pending_new(struct ics_reader *r, struct event *ev,
				       const struct cprop *uid,
				       const struct vprops *vp)
{
	struct ics_pending *pe;

	r->pend = xgrow(r->pend, &r->palloc, r->npend + 1, sizeof(*r->pend));
	pe = &r->pend[r->npend];
	memset(pe, 0, sizeof(*pe));
	pe->ev = ev;
	pe->uid = uid ? ics_text_dup(r, uid->value) : NULL;
	if (pe->uid) {
		const struct cprop *xp = ics_find(vp, "X-ITIN-ID");
		char *xid = NULL;

		if (xp) {
			char *v = ics_text_dup(r, xp->value);

			xid = ics_x_decode(v);
			free(v);
		}
		adopt_uid(pe->ev, pe->uid, xid);
		pe->ev->carried |= EVF_UID | (pe->ev->id ? EVF_ID : 0u);
		free(xid);
	}
	return pe;
}

/* The same UID again: the higher SEQUENCE wins, the later on a tie
 * (an update sent after the original). */
static void keep_latest(struct ics_reader *r, struct ics_pending *pe,
			const struct cprop *recid)
{
	struct strbuf key = STRBUF_INIT;
	long seen;

	strbuf_addstr(&key, pe->uid);
	if (recid) {
		strbuf_addch(&key, '\x1f');
		strbuf_addstr(&key, recid->value);
	}
	seen = evindex_find(r->uids, key.buf);
	if (seen >= 0) {
		struct ics_pending *old = &r->pend[seen];
		bool newer = pe->ev->seq >= old->ev->seq;

		itin_warn_at(r->w, r->fname, pe->line, 1,
			     "UID '%.200s' again (first at line %ld); "
			     "keeping the %s",
			     pe->uid, old->line,
			     newer ? "later one"
				   : "one with the higher SEQUENCE");
		if (newer) {
			old->dropped = true;
			evindex_put(r->uids, key.buf, r->npend);
		} else {
			pe->dropped = true;
		}
	} else {
		evindex_put(r->uids, key.buf, r->npend);
	}
	strbuf_release(&key);
}

/* A DTSTART to read the VEVENT by: NULL, with a warning, when it has
 * none or one that is not a time (the VEVENT is ignored). */
static const struct cprop *usable_dtstart(struct ics_reader *r,
					  const struct vprops *vp, long line)
{
	const struct cprop *dtstart = ics_find(vp, "DTSTART");
	struct itime t;

	if (!dtstart) {
		/* Allowed in scheduling messages; nothing to put in a
		 * calendar either way. */
		itin_warn_at(r->w, r->fname, line, 1,
			     "VEVENT without DTSTART ignored");
		return NULL;
	}
	if (!ics_parse_itime(dtstart->value, strlen(dtstart->value), &t)) {
		itin_warn_at(r->w, r->fname, dtstart->line, 1,
			     "invalid DTSTART '%.40s'; VEVENT ignored",
			     dtstart->value);
		return NULL;
	}
	return dtstart;
}

int ics_read_vevent(struct ics_reader *r, size_t first, size_t last)
{
	struct vprops vp;
	const struct cprop *dtstart, *uid, *recid;
	struct event *ev = NULL;
	struct ics_pending *pe;
	long line = r->ls->cl[first].line;
	int ret = -1;
	bool recurring = false;

	ics_top_props(r, first, last, &vp);
	for (size_t i = 0; i < vp.n; i++)
		recurring = recurring || ics_name_is(&vp.v[i], "RRULE") ||
			    ics_name_is(&vp.v[i], "RDATE");
	check_once(r, &vp);
	uid = ics_find(&vp, "UID");
	recid = ics_find(&vp, "RECURRENCE-ID");
	if (!uid)
		ics_lapse_note(&r->no_uid, line, 0);
	if (!ics_find(&vp, "DTSTAMP"))
		ics_lapse_note(&r->no_dtstamp, line, 0);
	dtstart = usable_dtstart(r, &vp, line);
	if (!dtstart) {
		ret = 0;
		goto out;
	}
	ev = event_new_in(evlist_arena(r->out));
	ics_read_text(r, ev, &vp);
	if (read_times(r, ev, &vp, dtstart))
		goto out;

	pe = pending_new(r, ev, uid, &vp);
	ev = NULL;
	pe->line = line;
	pe->kind = recid ? V_OVERRIDE : recurring ? V_MASTER : V_SINGLE;
	/* A series and its overrides are read again once the file is:
	 * their properties are kept, a single event's are not. */
	if (pe->kind != V_SINGLE)
		ics_vprops_keep(&vp, &pe->props, &pe->props_text);
	pe->is_override = recid != NULL;
	if (recid)
		override_range(r, pe, recid, recurring);
	if (pe->uid)
		keep_latest(r, pe, recid);
	r->npend++;
	ret = 0;
out:
	event_free(ev);
	free(vp.v);
	return ret;
}
