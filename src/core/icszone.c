/*
 * icszone.c: the time zones of an iCalendar file and its DATE-TIMEs
 * placed in them (icszone.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/icslib.h"
#include "itin/icsread.h"
#include "itin/icszone.h"
#include "itin/places.h"
#include "itin/winzones.h"
#include "itin/xalloc.h"

/* The file's VTIMEZONE called tzid, or NULL. */
static struct ics_vzone *embedded_zone(struct ics_reader *r, const char *tzid)
{
	for (size_t k = 0; k < r->nvtz; k++) {
		struct strbuf s = STRBUF_INIT;
		struct ics_vzone *z;

		if (!r->vtz[k].tzid || strcmp(r->vtz[k].tzid, tzid))
			continue;
		for (size_t i = r->vtz[k].first; i <= r->vtz[k].last; i++) {
			const struct cline *c = &r->tzl.cl[i];

			if (c->skip)
				continue;
			strbuf_add(&s, r->tzl.text.buf + c->off, c->len);
			strbuf_addstr(&s, "\r\n");
		}
		z = ics_vzone_parse(s.buf);
		strbuf_release(&s);
		return z;
	}
	return NULL;
}

const struct tz *ics_quiet_tz(const char *name)
{
	struct itin_err e;

	return tz_get(name, &e);
}

/*
 * A display name no table knows (Outlook in another language: "(UTC+01:00)
 * Amsterdam, Berlin, Bern, Rom, Stockholm, Wien"): the zone of the first
 * of its places the gazetteer knows, when that zone's standard offset is
 * the one in "(UTC+hh:mm)". NULL otherwise.
 */
static const struct tz *display_place_zone(const char *name)
{
	int sign, hh, mm, n = 0;
	int32_t want;
	const char *s;
	char part[128];

	if (sscanf(name, "(UTC%1[+-]%2d:%2d) %n", part, &hh, &mm, &n) != 3 &&
	    sscanf(name, "(GMT%1[+-]%2d:%2d) %n", part, &hh, &mm, &n) != 3)
		return NULL;
	if (!n)
		return NULL;
	sign = part[0] == '-' ? -1 : 1;
	want = sign * (hh * 3600 + mm * 60);
	for (s = name + n; *s;) {
		size_t len = strcspn(s, ",");
		const struct place *p;

		if (len < sizeof(part)) {
			memcpy(part, s, len);
			part[len] = '\0';
			if ((p = place_find(part, NULL, NULL)) != NULL) {
				const struct tz *tz = ics_quiet_tz(p->tz);
				struct tz_offset jan, jul;

				/* 2024-01-15 and 2024-07-15, noon UTC: one of
				 * them is standard time. */
				if (!tz)
					return NULL;
				tz_offset_at(tz, 1705320000, &jan);
				tz_offset_at(tz, 1721044800, &jul);
				if ((!jan.is_dst && jan.utc_offset == want) ||
				    (!jul.is_dst && jul.utc_offset == want))
					return tz;
				return NULL;
			}
		}
		s += len;
		while (*s == ',' || *s == ' ')
			s++;
	}
	return NULL;
}

struct zres *ics_resolve_tzid(struct ics_reader *r, const char *tzid)
{
	struct zres *z;
	const char *name = tzid, *win;

	for (size_t i = 0; i < r->nzones; i++)
		if (!strcmp(r->zones[i].tzid, tzid))
			return &r->zones[i];
	r->zones =
	    xgrow(r->zones, &r->zalloc, r->nzones + 1, sizeof(*r->zones));
	z = &r->zones[r->nzones++];
	memset(z, 0, sizeof(*z));
	z->tzid = xstrdup(tzid);
	z->how = Z_UNKNOWN;
	/* "/freeassociation.sourceforge.net/Tzfile/Europe/London" and other
	 * prefixed names: the longest tail that is a zone. */
	if (*name == '/') {
		for (const char *p = name; p; p = strchr(p + 1, '/')) {
			if (p[1] && (z->tz = ics_quiet_tz(p + 1))) {
				z->how = Z_IANA;
				break;
			}
		}
	} else if (strlen(name) < 256 && (z->tz = ics_quiet_tz(name))) {
		z->how = Z_IANA;
	}
	if (z->how == Z_UNKNOWN) {
		/* "FLE Standard Time", or Outlook's display name for it:
		 * "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius".
		 */
		const char *wname = winzone_to_iana(name)
					? z->tzid
					: winzone_from_display(name);

		if (wname && (win = winzone_to_iana(wname)) &&
		    (z->tz = ics_quiet_tz(win))) {
			z->how = Z_WINDOWS;
			z->windows = wname;
		}
	}
	if (z->how == Z_UNKNOWN && (z->tz = display_place_zone(name)) != NULL)
		z->how = Z_WINDOWS; /* checked against the VTIMEZONE alike */
	z->embedded = embedded_zone(r, tzid);
	if (z->how == Z_UNKNOWN && z->embedded)
		z->how = Z_EMBEDDED;
	return z;
}

/* Where an event is, for placing UTC times: the zone of its place. */
static const struct tz *place_tz(const struct event *ev)
{
	struct place_zone pz;

	place_zone(ev->city, ev->country, &pz);
	return pz.tz ? ics_quiet_tz(pz.tz) : NULL;
}

/*
 * The zone a known TZID means for event near: a Windows name's zone in
 * the event's country, or the event's own place for a zone taken from a
 * display name, when its clock agrees at local time local.
 */
static const struct tz *zone_near(const struct zres *z,
				  const struct event *near, int64_t local)
{
	const struct tz *tz = z->tz;

	if (z->windows && near && near->country[0]) {
		/* CLDR's zone for the event's country: "FLE
		 * Standard Time" in Vilnius is Europe/Vilnius, not
		 * the default Europe/Kyiv. */
		const char *in = winzone_to_iana_in(z->windows, near->country);
		const struct tz *t2 = in ? ics_quiet_tz(in) : NULL;

		if (t2)
			tz = t2;
	} else if (z->how == Z_WINDOWS && !z->windows && near) {
		/* A zone taken from a display name's first city
		 * ("Amsterdam, Berlin, ..."): the event's own place
		 * when its clock agrees ("Berlin": Europe/Berlin). */
		const struct tz *pt = place_tz(near);
		struct tz_offset a, b;
		int64_t when = tz_local_to_utc(tz, local, NULL);

		if (pt && pt != tz) {
			tz_offset_at(tz, when, &a);
			tz_offset_at(pt, when, &b);
			if (a.utc_offset == b.utc_offset)
				tz = pt;
		}
	}
	return tz;
}

/*
 * The file's VTIMEZONE beside a zone of the tz database: where they
 * disagree on time t (placed at instant in tz), a Windows name takes the
 * file's offsets, a tz database name keeps the database's; both said once
 * per zone. Returns the local time in tz.
 */
static int64_t check_embedded(struct ics_reader *r, struct zres *z,
			      const struct itime *t, const struct tz *tz,
			      int64_t instant, int64_t local, long line)
{
	int64_t theirs = t->lsec - ics_vzone_offset(z->embedded, t->lsec);

	if (theirs != instant && z->how == Z_WINDOWS) {
		if (!z->warned)
			itin_warn_at(r->w, r->fname, line, 0,
				     "the file's VTIMEZONE '%s' disagrees "
				     "with %s; using the file's offsets",
				     z->tzid, tz_name(tz));
		z->warned = true;
		local = tz_utc_to_local(tz, theirs);
	} else if (theirs != instant && !z->warned) {
		char a[ITIN_WHEN_MAX];

		when_format(t->lsec, true, ' ', a);
		itin_warn_at(r->w, r->fname, line, 0,
			     "the file's VTIMEZONE '%s' disagrees with "
			     "the tz database at %s; using the tz "
			     "database",
			     z->tzid, a);
		z->warned = true;
	}
	return local;
}

/* Time t in a TZID that names a zone of the tz database (Z_IANA,
 * Z_WINDOWS): its local time there, the zone in *tz_out. */
static int64_t known_zone_time(struct ics_reader *r, struct zres *z,
			       const struct itime *t, const struct event *near,
			       long line, const struct tz **tz_out)
{
	const struct tz *tz = zone_near(z, near, t->lsec);
	int64_t local = t->lsec, instant;
	struct tz_local_info info;

	instant = tz_local_to_utc(tz, local, &info);
	if (info.kind == TZ_LOCAL_GAP) {
		/* RFC 5545 3.3.5: the offset before the gap. */
		char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

		local = tz_utc_to_local(tz, instant);
		when_format(t->lsec, true, ' ', a);
		when_format(local, true, ' ', b);
		itin_warn_at(r->w, r->fname, line, 0,
			     "time %s does not exist in %s; taken as %s", a,
			     tz_name(tz), b);
	}
	/* Past EMBEDDED_LAST_YEAR libical cannot tell what the file's
	 * VTIMEZONE says: nothing to check the tz database against. */
	if (z->embedded &&
	    (z->how == Z_WINDOWS ||
	     lsec_day(t->lsec) < days_from_civil(EMBEDDED_LAST_YEAR + 1, 1, 1)))
		local = check_embedded(r, z, t, tz, instant, local, line);
	*tz_out = tz;
	return local;
}

/* Time t in a TZID only the file's VTIMEZONE knows: kept in the zone of
 * the event's place (UTC when it has none). */
static int64_t embedded_time(struct ics_reader *r, struct zres *z,
			     const struct itime *t, const struct event *near,
			     long line, const struct tz **tz_out)
{
	int64_t instant = t->lsec - ics_vzone_offset(z->embedded, t->lsec);
	const struct tz *tz = place_tz(near);

	if (!tz)
		tz = ics_quiet_tz("UTC");
	if (!z->warned)
		itin_warn_at(r->w, r->fname, line, 0,
			     "time zone '%s' is not in the tz database; "
			     "times converted with the file's VTIMEZONE "
			     "to %s",
			     z->tzid, tz ? tz_name(tz) : "UTC");
	z->warned = true;
	*tz_out = tz;
	return tz ? tz_utc_to_local(tz, instant) : instant;
}

int ics_event_time(struct ics_reader *r, const struct itime *t,
		   const char *tzid, const struct event *near, long line,
		   const struct tz **tz_out, int64_t *local_out)
{
	struct zres *z;

	*tz_out = NULL;
	*local_out = t->lsec;
	if (t->utc) {
		const struct tz *tz = place_tz(near);

		if (!tz)
			tz = ics_quiet_tz("UTC");
		if (tz)
			*local_out = tz_utc_to_local(tz, t->lsec);
		*tz_out = tz;
		return 0;
	}
	if (!tzid)
		return 0;
	z = ics_resolve_tzid(r, tzid);
	switch (z->how) {
	case Z_IANA:
	case Z_WINDOWS:
		*local_out = known_zone_time(r, z, t, near, line, tz_out);
		break;
	case Z_EMBEDDED:
		*local_out = embedded_time(r, z, t, near, line, tz_out);
		break;
	case Z_UNKNOWN:
		if (!z->warned)
			itin_warn_at(r->w, r->fname, line, 0,
				     "unknown time zone '%s' and no VTIMEZONE "
				     "for it; times are floating",
				     tzid);
		z->warned = true;
		break;
	}
	return 0;
}

int64_t ics_instant_of(const struct tz *tz, int64_t local)
{
	return tz ? tz_local_to_utc(tz, local, NULL) : local;
}
