/*
 * icsseries.c: a series' clock, the keys of its occurrences, and the
 * values of RDATE and EXDATE (icsseries.h). The RRULE is walked in
 * icsrrule.c.
 */
#include <stdio.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/icslib.h"
#include "itin/icsread.h"
#include "itin/icsseries.h"
#include "itin/xalloc.h"

/* The clock of a TZID: the tz database's zone when the name maps to
 * one, else the file's VTIMEZONE, else none (floating). */
static void zone_frame(struct ics_reader *r, struct zres *z, struct frame *f)
{
	f->zi = (size_t)(z - r->zones);
	f->kind = F_FLOATING;
	/* As ics_event_time(): a Windows name's own VTIMEZONE wins over the
	 * zone it maps to, so the series runs on the file's clock. */
	if (z->tz && !(z->how == Z_WINDOWS && z->embedded)) {
		f->kind = F_TZ;
		f->tz = z->tz;
	} else if (z->embedded) {
		f->kind = F_EMBEDDED;
	}
}

/* The frame of the series whose first event is m and properties vp. */
int ics_series_frame(struct ics_reader *r, const struct event *m,
		     const struct vprops *vp, struct frame *f)
{
	const struct cprop *p = ics_find(vp, "DTSTART");
	struct strbuf tzid = STRBUF_INIT;
	struct itime t;
	bool has;
	int ret = -1;

	memset(f, 0, sizeof(*f));
	f->kind = F_FLOATING;
	if (!p || ics_read_itime(r, p, &t, &tzid, &has))
		goto out;
	f->start = t.lsec;
	if (m->allday) {
		f->start = lsec_day(t.lsec) * ITIN_DAY;
	} else if (t.utc) {
		f->kind = F_UTC;
	} else if (has) {
		zone_frame(r, ics_resolve_tzid(r, tzid.buf), f);
	}
	ret = 0;
out:
	strbuf_release(&tzid);
	return ret;
}

/* Instant u on a VTIMEZONE's clock: the offset asked twice, so that it
 * is the one in force at the local time, not at u read as local. */
static int64_t embedded_local(struct zres *z, int64_t u)
{
	int64_t l = u + ics_vzone_offset(z->embedded, u);

	return u + ics_vzone_offset(z->embedded, l);
}

/* The instant of fl on frame f's clock (F_FLOATING: fl itself). */
static int64_t frame_instant(struct ics_reader *r, const struct frame *f,
			     int64_t fl)
{
	switch (f->kind) {
	case F_TZ:
		return tz_local_to_utc(f->tz, fl, NULL);
	case F_EMBEDDED:
		return fl - ics_vzone_offset(r->zones[f->zi].embedded, fl);
	case F_UTC:
	case F_FLOATING:
		break;
	}
	return fl;
}

/* Instant u on frame f's clock (for a UTC UNTIL). */
int64_t ics_frame_local(struct ics_reader *r, const struct frame *f, int64_t u)
{
	switch (f->kind) {
	case F_TZ:
		return tz_utc_to_local(f->tz, u);
	case F_EMBEDDED:
		return embedded_local(&r->zones[f->zi], u);
	case F_UTC:
	case F_FLOATING:
		break;
	}
	return u;
}

/* How occurrences of a series are told apart: instants for zoned
 * series, local times for floating ones, days for all-day ones. */
int64_t ics_occ_key(const struct event *m, const struct tz *tz, int64_t local)
{
	if (m->allday)
		return lsec_day(local) * ITIN_DAY;
	return tz ? ics_instant_of(tz, local) : local;
}

/* The key of time fl on the frame's clock. */
int64_t ics_frame_key(struct ics_reader *r, const struct frame *f,
		      const struct event *m, const struct tz *mtz, int64_t fl)
{
	if (m->allday)
		return lsec_day(fl) * ITIN_DAY;
	return mtz ? frame_instant(r, f, fl) : fl;
}

/* The local time, in the zone series m is kept in, of a key. */
int64_t ics_key_local(const struct event *m, const struct tz *mtz, int64_t key)
{
	return !m->allday && mtz ? tz_utc_to_local(mtz, key) : key;
}

/* A RECURRENCE-ID, EXDATE or RDATE value as a key of the series m: a
 * value without TZID or Z is on the series' own clock. */
int64_t ics_value_key(struct ics_reader *r, const struct event *m,
		      const struct tz *mtz, const struct frame *f,
		      const struct itime *t, const char *tzid)
{
	if (m->allday)
		return lsec_day(t->lsec) * ITIN_DAY;
	if (!mtz || t->utc)
		return t->lsec;
	if (tzid) {
		struct frame zf;

		zone_frame(r, ics_resolve_tzid(r, tzid), &zf);
		if (zf.kind != F_FLOATING)
			return frame_instant(r, &zf, t->lsec);
	}
	return frame_instant(r, f, t->lsec);
}

void ics_key_stamp(char *buf, size_t size, const struct event *m,
		   const struct tz *tz, int64_t key)
{
	ics_stamp(buf, size, key, m->allday, !m->allday && tz);
}

int ics_cmp_occ(const void *pa, const void *pb)
{
	const struct occ *a = pa, *b = pb;

	return a->key < b->key ? -1 : a->key > b->key;
}

/*
 * The added entry, or NULL once the series is capped. DTSTART is added
 * first, and a rule or RDATE that names it again (most do) gets that
 * entry back, so it takes no second place under the cap.
 */
struct occ *ics_series_add(struct series *s, int64_t key, int64_t local)
{
	if (s->has_first && s->v[0].key == key)
		return &s->v[0];
	if (s->n >= s->max) {
		s->capped = true;
		return NULL;
	}
	/* Counted here, before the entry (let alone its event) is made. */
	if (s->file_left && s->n >= *s->file_left) {
		s->over = true;
		return NULL;
	}
	s->v = xgrow(s->v, &s->alloc, s->n + 1, sizeof(*s->v));
	memset(&s->v[s->n], 0, sizeof(s->v[s->n]));
	s->v[s->n].key = key;
	s->v[s->n].local = local;
	return &s->v[s->n++];
}

/*
 * The end of an RDATE PERIOD, "start/end" or "start/duration" (RFC 5545
 * 3.3.9): that occurrence lasts as long as the period says, not as long
 * as the first one. oc->end is an instant for a zoned series (end_at()
 * puts it on a clock), else a local time. An end that cannot be read, is
 * before the start or past 9999 is dropped alone, with a warning: the
 * occurrence keeps the series' length.
 */
static void period_end(struct ics_reader *r, const struct cprop *p,
		       const struct event *m, const struct tz *mtz,
		       const struct frame *f, const char *tzid, const char *s,
		       size_t n, struct occ *oc)
{
	const int64_t last = (ITIN_LAST_DAY + 1) * (int64_t)ITIN_DAY;
	const char *why = "is invalid";
	struct itime e;
	int64_t end, start = mtz ? oc->key : oc->local;

	if (n && (*s == 'P' || *s == '+')) {
		char buf[64];
		struct ics_duration d;
		int64_t days, secs;

		snprintf(buf, sizeof(buf), "%.*s", (int)(n < 63 ? n : 63), s);
		if (!ics_duration_parse(buf, &d) || n >= 63)
			goto bad;
		why = "ends before it starts";
		if (d.neg)
			goto bad;
		days = d.days;
		secs = d.secs;
		why = "is too long (it ends past 9999)";
		if (days > ICAL_MAX_DAYS ||
		    secs > (int64_t)ICAL_MAX_DAYS * ITIN_DAY ||
		    oc->local + days * ITIN_DAY + secs >= last + ITIN_DAY)
			goto bad;
		/* Days on the local clock, hours and less exact (3.3.6). */
		end = oc->local + days * ITIN_DAY;
		end = mtz ? ics_instant_of(mtz, end) + secs : end + secs;
	} else if (ics_parse_itime(s, n, &e) && !e.is_date) {
		end = ics_value_key(r, m, mtz, f, &e, tzid);
	} else {
		goto bad;
	}
	why = "is too long (it ends past 9999)";
	if ((mtz ? tz_utc_to_local(mtz, end) : end) >= last)
		goto bad;
	why = "ends before it starts";
	if (end < start)
		goto bad;
	oc->has_end = true;
	oc->end = end;
	return;
bad:
	itin_warn_at(r->w, r->fname, p->line, 1,
		     "RDATE period '%.*s' %s; the occurrence keeps the "
		     "series' length",
		     (int)(n > 40 ? 40 : n), s, why);
}

/* Every value of the multi-valued property p (RDATE, EXDATE) as keys. */
int ics_each_value(struct ics_reader *r, const struct cprop *p,
		   const struct event *m, const struct tz *mtz,
		   const struct frame *f, bool exclusions, struct series *out)
{
	struct strbuf tzid = STRBUF_INIT;
	bool has_tzid = ics_get_param(p, "TZID", &tzid) && tzid.len;
	const char *s, *next;
	size_t n;

	for (s = p->value; s; s = next) {
		struct itime t;
		struct occ *added;
		const char *slash;
		size_t len;
		int64_t key, local;

		next = ics_next_item(s, &n);
		slash = memchr(s, '/', n);
		len = slash ? (size_t)(slash - s) : n; /* a PERIOD's start */
		if (!ics_parse_itime(s, len, &t)) {
			itin_warn_at(r->w, r->fname, p->line, 1,
				     "invalid %.*s value '%.*s' ignored",
				     (int)p->nlen, p->name,
				     (int)(len > 40 ? 40 : len), s);
			continue;
		}
		key =
		    ics_value_key(r, m, mtz, f, &t, has_tzid ? tzid.buf : NULL);
		local = m->allday || mtz ? ics_key_local(m, mtz, key) : t.lsec;
		added = ics_series_add(out, key, local);
		/* A date among a timed series' EXDATEs: that whole day. */
		if (added && exclusions && t.is_date && !m->allday) {
			added->whole_day = true;
			added->local = t.lsec;
		}
		if (added && slash && !exclusions && !m->allday)
			period_end(r, p, m, mtz, f, has_tzid ? tzid.buf : NULL,
				   slash + 1, n - len - 1, added);
		else if (added && slash && !exclusions)
			itin_warn_at(
			    r->w, r->fname, p->line, 1,
			    "RDATE period '%.*s' in an all-day series: "
			    "the occurrence lasts as long as the first",
			    (int)(n > 40 ? 40 : n), s);
	}
	strbuf_release(&tzid);
	return 0;
}

bool ics_in_window(const struct ics_reader *r, int64_t local, int64_t span)
{
	return lsec_day(local) <= r->o->to_day &&
	       lsec_day(local + span) >= r->o->from_day;
}
