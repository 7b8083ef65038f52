/*
 * icsexpand.c: the pending events of a file made into events once the
 * whole file is read (icsread.h): a single event checked and appended; a
 * series expanded (its RRULEs in icsrrule.c, RDATEs and EXDATEs in
 * icsseries.c), each occurrence made from the first event or from the
 * override (RECURRENCE-ID) that replaces it; then the overrides of no
 * series here, or of an occurrence the series did not make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/icsread.h"
#include "itin/icsrrule.h"
#include "itin/icsseries.h"
#include "itin/xalloc.h"

/*
 * End ev at instant end on zone etz's clock. A local time in the second
 * pass of a fold (the hour clocks repeat when DST ends) reads back as the
 * first pass, so such an end is kept on a clock of a fixed offset, the
 * one in force then ("Etc/GMT-1" for +01:00; UTC for an offset of no
 * whole hours): the occurrence lasts exactly as long as the series.
 * Returns whether it had to.
 */
static bool end_at(struct event *ev, const struct tz *etz, int64_t end)
{
	struct tz_offset off;
	char name[16];
	int h;

	ev->end = tz_utc_to_local(etz, end);
	if (tz_local_to_utc(etz, ev->end, NULL) == end)
		return false;
	tz_offset_at(etz, end, &off);
	h = off.utc_offset / 3600;
	if (off.utc_offset % 3600 || h < -12 || h > 14 || !h)
		h = 0;
	if (h) /* the tz database's Etc zones name the offset inverted */
		snprintf(name, sizeof(name), "Etc/GMT%+d", -h);
	else
		snprintf(name, sizeof(name), "UTC");
	event_set_str(ev, &ev->end_tz, name);
	ev->end = end + (int64_t)h * 3600;
	return true;
}

/*
 * An event of template tpl (the series' first event or an override)
 * starting at start, lasting as long as tpl (RFC 5545: the exact
 * duration, so an end in a DST change is its start's instant plus that).
 * instant: start's instant, when the caller knows it exactly (a local
 * time in a DST fold has two). *folded: whether the end had to be kept on
 * a fixed offset's clock (end_at()).
 */
static struct event *occurrence_at(const struct event *tpl, int64_t start,
				   const int64_t *instant, bool *folded)
{
	struct event *ev = event_clone(tpl);
	const struct tz *tz =
	    !tpl->allday && tpl->tz ? ics_quiet_tz(tpl->tz) : NULL;

	*folded = false;
	ev->start = start;
	if (tpl->has_end) {
		if (!tz) {
			ev->end = start + (tpl->end - tpl->start);
		} else {
			const struct tz *etz =
			    tpl->end_tz ? ics_quiet_tz(tpl->end_tz) : tz;
			int64_t dur;

			if (!etz)
				etz = tz;
			dur = ics_instant_of(etz, tpl->end) -
			      ics_instant_of(tz, tpl->start);
			*folded = end_at(
			    ev, etz,
			    (instant ? *instant : ics_instant_of(tz, start)) +
				dur);
		}
	}
	return ev;
}

/*
 * An occurrence's identity: a series from another calendar gives each
 * occurrence the uid "UID/occurrence" (its id derived from that by
 * event_check()); one of itin's own keeps "ID/occurrence" as its id; one
 * without a UID gets the 16 hex digits of "BASE/occurrence".
 */
static void set_occ_id(struct event *ev, const char *base, const char *stampbuf)
{
	struct strbuf id = STRBUF_INIT;

	if (ev->uid) {
		strbuf_addf(&id, "%s/%s", ev->uid, stampbuf);
		event_set_str(ev, &ev->uid, id.buf);
		event_set_str(ev, &ev->id, NULL);
	} else if (base) {
		char *h;

		strbuf_addf(&id, "%s/%s", base, stampbuf);
		h = ev->id ? NULL : event_hash_id(id.buf);
		event_set_str(ev, &ev->id, h ? h : id.buf);
		free(h);
	}
	strbuf_release(&id);
}

/*
 * The base id of a series: itin's own id, else one derived from the
 * master's content (a series from another calendar has its uid), in the
 * form of versions before fmix64 (event_old_id()): then an occurrence's
 * id, fmix64 of the hash of "BASE/occurrence", is the one they gave it
 * with fmix64 added, as every other derived id is, and a store that
 * holds the old one is still found (evmerge.c: find_old_id()).
 */
static char *series_base(struct ics_pending *pe)
{
	char old[EVENT_HEX_ID_SIZE];
	char *id;

	if (pe->ev->id)
		return xstrdup(pe->ev->id);
	if (pe->ev->uid)
		return NULL;
	id = event_derive_id(pe->ev);
	if (!event_old_id(id, old)) /* cannot be: a derived id is hex */
		return id;
	free(id);
	return xstrdup(old);
}

/* The override's RECURRENCE-ID as a key of series m. */
static int override_key(struct ics_reader *r, struct ics_pending *ov,
			const struct event *m, const struct tz *mtz,
			const struct frame *f)
{
	const struct cprop *rp;
	struct strbuf tzid = STRBUF_INIT;
	struct itime t;
	bool has;
	int ret = -1;

	rp = ics_find(&ov->props, "RECURRENCE-ID");
	if (!rp || ics_read_itime(r, rp, &t, &tzid, &has))
		goto out;
	ov->recid_key = ics_value_key(r, m, mtz, f, &t, has ? tzid.buf : NULL);
	ics_key_stamp(ov->recid_stamp, sizeof(ov->recid_stamp), m, mtz,
		      ov->recid_key);
	ret = 0;
out:
	strbuf_release(&tzid);
	return ret;
}

static int cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* Overrides by UID, then the occurrence they name; the file's order on a
 * tie. */
static int cmp_uid_recid(const void *pa, const void *pb)
{
	const struct ics_pending *a = *(struct ics_pending *const *)pa,
				 *b = *(struct ics_pending *const *)pb;
	int c = strcmp(a->uid ? a->uid : "", b->uid ? b->uid : "");

	if (c)
		return c;
	if (a->recid_key != b->recid_key)
		return a->recid_key < b->recid_key ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Overrides by the occurrence they name; the file's order on a tie. */
static int cmp_recid(const void *pa, const void *pb)
{
	const struct ics_pending *a = *(struct ics_pending *const *)pa,
				 *b = *(struct ics_pending *const *)pb;

	if (a->recid_key != b->recid_key)
		return a->recid_key < b->recid_key ? -1 : 1;
	return a < b ? -1 : a > b;
}

/*
 * Overrides ovs (sorted by cmp_recid) that name the same occurrence in
 * different forms (a TZID here, UTC there): as for the same text, the
 * higher SEQUENCE wins, the later on a tie; the others are dropped, with
 * a warning. Returns how many are left, moved to the front.
 */
static size_t unique_overrides(struct ics_reader *r, struct ics_pending **ovs,
			       size_t n)
{
	size_t i, kept = 0;

	for (i = 0; i < n; i++) {
		struct ics_pending *pe = ovs[i];

		if (kept && ovs[kept - 1]->recid_key == pe->recid_key &&
		    pe->uid && ovs[kept - 1]->uid &&
		    !strcmp(ovs[kept - 1]->uid, pe->uid)) {
			struct ics_pending *old = ovs[kept - 1];
			bool newer = pe->ev->seq >= old->ev->seq;

			itin_warn_at(
			    r->w, r->fname, pe->line, 1,
			    "UID '%.200s' overrides the occurrence %s "
			    "again (first at line %ld); keeping the %s",
			    pe->uid, pe->recid_stamp, old->line,
			    newer ? "later one"
				  : "one with the higher SEQUENCE");
			if (newer) {
				old->dropped = true;
				ovs[kept - 1] = pe;
			} else {
				pe->dropped = true;
			}
			continue;
		}
		ovs[kept++] = pe;
	}
	return kept;
}

/*
 * An override that has an RRULE or RDATE (said once its series is known:
 * many producers copy the series' rule into every override, which says
 * nothing new, so only a rule the series does not have is named).
 * master: the series' properties, or NULL for an override of no series
 * in the file.
 */
static void override_rule(struct ics_reader *r, struct ics_pending *ov,
			  const struct vprops *master)
{
	const struct vprops *vp = &ov->props;
	bool copied = master != NULL;

	if (!ov->own_rule || ov->rule_said)
		return;
	for (size_t i = 0; i < vp->n && copied; i++) {
		bool found = false;

		if (!ics_name_is(&vp->v[i], "RRULE") &&
		    !ics_name_is(&vp->v[i], "RDATE"))
			continue;
		for (size_t k = 0; k < master->n && !found; k++)
			found =
			    vp->v[i].nlen == master->v[k].nlen &&
			    !ascii_ncasecmp(vp->v[i].name, master->v[k].name,
					    vp->v[i].nlen) &&
			    !strcmp(vp->v[i].value, master->v[k].value);
		copied = found;
	}
	if (copied)
		return;
	ov->rule_said = true;
	itin_warn_at(r->w, r->fname, ov->line, 1,
		     "an override (RECURRENCE-ID) with a rule of its own "
		     "(RRULE or RDATE%s) is not supported: its rule is "
		     "ignored, the override changes only %s",
		     master ? ", not its series'" : ", and no series here",
		     ov->future ? "the occurrence it names and later ones"
				: "the occurrence it names");
}

/* Key of series m on the clock of template tpl. */
static int64_t clock_of(const struct event *m, const struct tz *mtz,
			const struct event *tpl, int64_t key)
{
	const struct tz *ttz =
	    !tpl->allday && tpl->tz ? ics_quiet_tz(tpl->tz) : NULL;
	int64_t l =
	    m->allday || !mtz ? key : tz_utc_to_local(ttz ? ttz : mtz, key);

	return tpl->allday ? lsec_day(l) * ITIN_DAY : l;
}

/*
 * The occurrence at key as a RANGE=THISANDFUTURE override fut changed it
 * (RFC 5545 3.8.4.4): fut's fields and length, and its start as far from
 * the occurrence's as fut's is from the one it names.
 */
static struct event *future_occurrence(const struct event *m,
				       const struct tz *mtz,
				       const struct ics_pending *fut,
				       int64_t key)
{
	const struct event *tpl = fut->ev;
	int64_t shift = tpl->start - clock_of(m, mtz, tpl, fut->recid_key);

	bool folded;

	return occurrence_at(tpl, clock_of(m, mtz, tpl, key) + shift, NULL,
			     &folded);
}

/* A warning about series ms: "recurring event 'TITLE'" and fmt. */
static void series_warn(struct ics_reader *r, const struct ics_pending *ms,
			const char *fmt, ...) ITIN_PRINTF(3, 4);
static void series_warn(struct ics_reader *r, const struct ics_pending *ms,
			const char *fmt, ...)
{
	/* As long as a warning's whole text: nothing is cut here that
	 * would not be cut there. */
	char rest[sizeof(((struct itin_err *)NULL)->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	itin_warn_at(r->w, r->fname, ms->line, 0, "recurring event '%.80s'%s",
		     ms->ev->title, rest);
}

/* The series' warning: how many occurrences, and which. */
static void series_report(struct ics_reader *r, const struct ics_pending *ms,
			  bool windowed, size_t made, int64_t first,
			  int64_t last, const struct series *occ)
{
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX], cap[80] = "";
	const char *s = made == 1 ? "" : "s";

	if (occ->capped)
		snprintf(cap, sizeof(cap),
			 "; stopped at the limit of %zu occurrences, later "
			 "ones are not imported",
			 occ->max);
	date_format(windowed ? r->o->from_day : first, a);
	date_format(windowed ? r->o->to_day : last, b);
	if (windowed && made)
		series_warn(r, ms,
			    " has no end: the %zu occurrence%s in the window "
			    "%s to %s imported as separate events%s",
			    made, s, a, b, cap);
	else if (windowed)
		series_warn(r, ms,
			    " has no end, and no occurrence in the window %s "
			    "to %s: nothing imported",
			    a, b);
	else if (made)
		series_warn(r, ms,
			    ": %s%zu occurrence%s, %s%s%s, imported as "
			    "separate events%s",
			    occ->capped || occ->partial || made == 1 ? ""
								     : "all ",
			    made, s, a, first == last ? "" : " to ",
			    first == last ? "" : b, cap);
	else
		series_warn(r, ms,
			    ": every occurrence is excluded (EXDATE); nothing "
			    "imported");
}

/* A series being expanded: its first event, its clock, what it makes. */
struct expansion {
	struct ics_pending *ms;
	const struct event *m;
	const struct tz *mtz;
	struct frame f;
	const struct vprops *vp; /* the series' (ms->props) */
	bool windowed;
	int64_t span;
	size_t max;		  /* occurrences allowed */
	char *base;		  /* series_base() */
	struct series occ, ex;	  /* occurrences, EXDATEs */
	struct ics_pending **ovs; /* its overrides, by the one they name */
	size_t nov;
	int64_t *exk, *exd; /* EXDATE instants, whole days */
	size_t nexk, nexd;
	size_t made;
	int64_t first_day, last_day;
};

/* The overrides of this series, with their keys. */
static int claim_overrides(struct ics_reader *r, struct expansion *x)
{
	x->ovs = xmalloc((r->npend ? r->npend : 1) * sizeof(*x->ovs));
	for (size_t k = 0; k < r->npend; k++) {
		struct ics_pending *pe = &r->pend[k];

		if (pe->is_override && !pe->used && !pe->dropped && pe->uid &&
		    x->ms->uid && !strcmp(pe->uid, x->ms->uid)) {
			if (override_key(r, pe, x->m, x->mtz, &x->f))
				return -1;
			override_rule(r, pe, x->vp);
			pe->claimed = true;
			pe->windowed = x->windowed;
			x->ovs[x->nov++] = pe;
		}
	}
	return 0;
}

/* The values of RDATE p join the occurrences (in the window, if cut). */
static int add_rdates(struct ics_reader *r, struct expansion *x,
		      const struct cprop *p)
{
	struct series rd = {.max = x->max};

	if (ics_each_value(r, p, x->m, x->mtz, &x->f, false, &rd)) {
		free(rd.v);
		return -1;
	}
	for (size_t k = 0; k < rd.n; k++) {
		const struct occ *o = &rd.v[k];
		struct occ *added;

		if (x->windowed &&
		    !ics_in_window(r, o->local,
				   o->has_end
				       ? o->end - (x->mtz ? o->key : o->local)
				       : x->span))
			continue;
		added = ics_series_add(&x->occ, o->key, o->local);
		if (added)
			*added = *o;
	}
	x->occ.capped = x->occ.capped || rd.capped;
	free(rd.v);
	return 0;
}

/* Every RRULE, RDATE and EXDATE of the series, in the file's order. */
static int collect(struct ics_reader *r, struct expansion *x)
{
	for (size_t i = 0; i < x->vp->n; i++) {
		const struct cprop *p = &x->vp->v[i];

		if (ics_name_is(p, "RRULE") &&
		    ics_expand_rrule(r, p, x->m, x->mtz, &x->f, x->windowed,
				     x->span, &x->occ))
			return -1;
		if (ics_name_is(p, "RDATE") && add_rdates(r, x, p))
			return -1;
		if (ics_name_is(p, "EXDATE") &&
		    ics_each_value(r, p, x->m, x->mtz, &x->f, true, &x->ex))
			return -1;
		if (x->occ.over) {
			r->over_budget = true;
			return ics_fail_at(
			    r, x->ms->line, 0,
			    "recurring event '%.80s' takes this "
			    "file past %zu occurrences (the limit "
			    "for a file; --max-occurrences raises "
			    "it)",
			    x->m->title, r->occ_max);
		}
	}
	return 0;
}

/* Sorted, so that each occurrence costs a search, not a pass over
 * every EXDATE and override: a whole series may be 100000 long. */
static void sort_series(struct ics_reader *r, struct expansion *x)
{
	if (x->occ.n)
		qsort(x->occ.v, x->occ.n, sizeof(*x->occ.v), ics_cmp_occ);
	x->exk = xmalloc((x->ex.n ? x->ex.n : 1) * sizeof(*x->exk));
	x->exd = xmalloc((x->ex.n ? x->ex.n : 1) * sizeof(*x->exd));
	for (size_t k = 0; k < x->ex.n; k++) {
		if (x->ex.v[k].whole_day)
			x->exd[x->nexd++] = lsec_day(x->ex.v[k].local);
		else
			x->exk[x->nexk++] = x->ex.v[k].key;
	}
	qsort(x->exk, x->nexk, sizeof(*x->exk), cmp_i64);
	qsort(x->exd, x->nexd, sizeof(*x->exd), cmp_i64);
	if (x->nov)
		qsort(x->ovs, x->nov, sizeof(*x->ovs), cmp_recid);
	x->nov = unique_overrides(r, x->ovs, x->nov);
}

/* The end of occurrence ev (at st) fell in the hour that repeats when
 * its zone leaves DST: said, with the clock it is kept on. */
static void warn_folded(struct ics_reader *r, const struct expansion *x,
			const char *st, const struct event *ev,
			const char *how_long)
{
	itin_warn_at(r->w, r->fname, x->ms->line, 0,
		     "the occurrence of '%.80s' at %s ends in the hour that "
		     "repeats when %s leaves DST; its end is kept on the "
		     "clock of %s%s",
		     x->m->title, st, x->m->tz, ev->end_tz, how_long);
}

/* An occurrence neither overridden nor changed by a THISANDFUTURE one:
 * the first event at oc (stampbuf: its time, for warnings). */
static struct event *plain_occurrence(struct ics_reader *r,
				      const struct expansion *x,
				      const struct occ *oc, const char *st)
{
	const struct event *m = x->m;
	bool folded;
	struct event *ev = occurrence_at(
	    m, oc->local, !m->allday && x->mtz ? &oc->key : NULL, &folded);

	if (folded)
		warn_folded(r, x, st, ev, ", as long as the series'");
	if (oc->has_end) {
		ev->has_end = true;
		ev->end = oc->end;
		event_set_str(ev, &ev->end_tz, NULL);
		if (x->mtz && end_at(ev, x->mtz, oc->end))
			warn_folded(r, x, st, ev, "");
	}
	return ev;
}

/* Whether occurrence oc is excluded by an EXDATE. A date EXDATE names a
 * day on the frame's clock (the DTSTART's), not on the clock the event
 * is filed under. */
static bool excluded(struct ics_reader *r, const struct expansion *x,
		     const struct occ *oc)
{
	int64_t day = lsec_day(x->m->allday || !x->mtz
				   ? oc->key
				   : ics_frame_local(r, &x->f, oc->key));

	return bsearch(&oc->key, x->exk, x->nexk, sizeof(*x->exk), cmp_i64) ||
	       bsearch(&day, x->exd, x->nexd, sizeof(*x->exd), cmp_i64);
}

/*
 * The event of occurrence oc: its override ov, else as the last
 * THISANDFUTURE override before it (fut) changed it, else the first
 * event's. NULL when it falls outside the years the store holds.
 */
static struct event *occurrence_event(struct ics_reader *r, struct expansion *x,
				      const struct occ *oc,
				      struct ics_pending *ov,
				      struct ics_pending *fut, const char *st)
{
	/* One occurrence the store cannot hold (a UTC RDATE late on
	 * 9999-12-31 is 10000 in Berlin) is left out alone. */
	if (!ov && !fut &&
	    (oc->local < ITIN_FIRST_DAY * (int64_t)ITIN_DAY ||
	     oc->local >= (ITIN_LAST_DAY + 1) * (int64_t)ITIN_DAY)) {
		itin_warn_at(r->w, r->fname, x->ms->line, 0,
			     "the occurrence of '%.80s' at %s falls "
			     "outside the years 0001 to 9999 on the clock "
			     "of %s; left out",
			     x->m->title, st, x->m->tz ? x->m->tz : "its zone");
		x->occ.partial = true; /* not "all" */
		return NULL;
	}
	if (ov) {
		ov->used = true;
		return event_clone(ov->ev);
	}
	if (fut) {
		fut->used = true;
		return future_occurrence(x->m, x->mtz, fut, oc->key);
	}
	return plain_occurrence(r, x, oc, st);
}

/* Every occurrence, not excluded, as an event appended. */
static int make_events(struct ics_reader *r, struct expansion *x)
{
	struct ics_pending *fut = NULL;
	char st[24];

	for (size_t i = 0, k = 0; i < x->occ.n; i++) {
		const struct occ *oc = &x->occ.v[i];
		struct ics_pending *ov = NULL, *by;
		struct event *ev;
		int64_t day;

		if (i && oc->key == x->occ.v[i - 1].key)
			continue;
		/* The overrides before this occurrence: the last of them
		 * with THISANDFUTURE still applies. */
		for (; k < x->nov && x->ovs[k]->recid_key < oc->key; k++)
			if (x->ovs[k]->future)
				fut = x->ovs[k];
		if (excluded(r, x, oc))
			continue;
		if (k < x->nov && x->ovs[k]->recid_key == oc->key)
			ov = x->ovs[k];
		ics_key_stamp(st, sizeof(st), x->m, x->mtz, oc->key);
		ev = occurrence_event(r, x, oc, ov, fut, st);
		if (!ev)
			continue;
		set_occ_id(ev, x->base, st);
		day = lsec_day(ev->start);
		if (!x->made || day < x->first_day)
			x->first_day = day;
		if (!x->made || day > x->last_day)
			x->last_day = day;
		by = ov ? ov : fut ? fut : x->ms;
		if (ics_emit(r, ev, by->line))
			return -1;
		x->made++;
	}
	return 0;
}

/* The series' first event, clock and first occurrence (DTSTART). */
static int expansion_start(struct ics_reader *r, struct expansion *x)
{
	const struct event *m = x->m;

	x->vp = &x->ms->props;
	if (ics_series_frame(r, m, x->vp, &x->f))
		return -1;
	x->windowed = ics_series_unbounded(x->vp, m, &x->f);
	if (m->has_end && x->mtz && m->end_tz)
		x->span = ics_instant_of(ics_quiet_tz(m->end_tz), m->end) -
			  ics_instant_of(x->mtz, m->start);
	/* DTSTART is the first occurrence. */
	if (!x->windowed || ics_in_window(r, m->start, x->span))
		x->occ.has_first =
		    ics_series_add(&x->occ, ics_occ_key(m, x->mtz, m->start),
				   m->start) != NULL;
	return 0;
}

static void expansion_release(struct expansion *x)
{
	free(x->occ.v);
	free(x->ex.v);
	free(x->exk);
	free(x->exd);
	free(x->ovs);
	free(x->base);
}

static int expand_series(struct ics_reader *r, struct ics_pending *ms)
{
	struct expansion x;
	const struct event *m = ms->ev;
	int ret = -1;

	memset(&x, 0, sizeof(x));
	x.ms = ms;
	x.m = m;
	x.mtz = m->tz ? ics_quiet_tz(m->tz) : NULL;
	/* A caller may ask for fewer occurrences, never for more. */
	x.max = r->o->max_occurrences &&
			r->o->max_occurrences < ICAL_MAX_OCCURRENCES
		    ? r->o->max_occurrences
		    : ICAL_MAX_OCCURRENCES;
	x.occ.max = x.max;
	x.occ.file_left = &r->occ_left;
	x.ex.max = ICAL_MAX_OCCURRENCES;
	x.span = m->has_end ? m->end - m->start : 0;
	x.base = series_base(ms);
	if (expansion_start(r, &x) || claim_overrides(r, &x) || collect(r, &x))
		goto out;
	/* A rule found to match no date only by walking it (MONTHLY on 31
	 * February) leaves its DTSTART, as one refused at once does (such
	 * a rule makes no series, so no window applies). */
	if (x.occ.empty_rule && !x.occ.n)
		x.occ.has_first =
		    ics_series_add(&x.occ, ics_occ_key(m, x.mtz, m->start),
				   m->start) != NULL;
	r->occ_left -= x.occ.n;
	sort_series(r, &x);
	if (make_events(r, &x))
		goto out;
	r->st->recurring++;
	r->st->occurrences += x.made;
	/* An event whose only rule matches no date: its warning said so. */
	if (!(x.occ.empty_rule && x.made == 1 && x.occ.n == 1))
		series_report(r, ms, x.windowed, x.made, x.first_day,
			      x.last_day, &x.occ);
	ret = 0;
out:
	expansion_release(&x);
	return ret;
}

/*
 * Overrides of no series here, or of an occurrence the series did
 * not make: events of their own; cut to the window only when their
 * series was. Keyed first, so that two of one occurrence written in
 * different forms are one (unique_overrides()).
 */
static int mark_lone_overrides(struct ics_reader *r)
{
	struct ics_pending **ovs;
	size_t n = 0;

	ovs = xmalloc((r->npend ? r->npend : 1) * sizeof(*ovs));
	for (size_t i = 0; i < r->npend; i++) {
		struct ics_pending *pe = &r->pend[i];
		const struct tz *tz;
		struct frame f;
		int64_t span;
		int bad;

		if (!pe->is_override || pe->used || pe->dropped)
			continue;
		if (!pe->claimed) /* of no series here */
			override_rule(r, pe, NULL);
		span = pe->ev->has_end ? pe->ev->end - pe->ev->start : 0;
		if (pe->windowed && !ics_in_window(r, pe->ev->start, span))
			continue;
		tz = pe->ev->tz ? ics_quiet_tz(pe->ev->tz) : NULL;
		bad = ics_series_frame(r, pe->ev, &pe->props, &f) ||
		      override_key(r, pe, pe->ev, tz, &f);
		if (bad) {
			if (ics_refuse(r)) {
				free(ovs);
				return -1;
			}
			continue;
		}
		ovs[n++] = pe;
	}
	if (n)
		qsort(ovs, n, sizeof(*ovs), cmp_uid_recid);
	n = unique_overrides(r, ovs, n);
	for (size_t i = 0; i < n; i++)
		ovs[i]->alone = true;
	free(ovs);
	return 0;
}

int ics_finish_pending(struct ics_reader *r)
{
	for (size_t i = 0; i < r->npend; i++) {
		struct ics_pending *pe = &r->pend[i];

		if (pe->dropped || pe->kind == V_OVERRIDE)
			continue;
		if (pe->kind == V_SINGLE) {
			struct event *ev = pe->ev;

			pe->ev = NULL;
			if (ics_emit(r, ev, pe->line) && ics_refuse(r))
				return -1;
			continue;
		}
		if (expand_series(r, pe) && (r->over_budget || ics_refuse(r)))
			return -1;
	}
	if (mark_lone_overrides(r))
		return -1;
	for (size_t i = 0; i < r->npend; i++) {
		struct ics_pending *pe = &r->pend[i];
		struct event *ev;
		char *base;

		if (!pe->alone || pe->dropped)
			continue;
		ev = event_clone(pe->ev);
		base = series_base(pe);
		set_occ_id(ev, base, pe->recid_stamp);
		free(base);
		if (ics_emit(r, ev, pe->line) && ics_refuse(r))
			return -1;
	}
	return 0;
}
