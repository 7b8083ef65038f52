/*
 * icswrite.c: iCalendar export (icalio.h): one VCALENDAR, a VTIMEZONE for
 * every zone the events use (vtimezone.c describes it from the tz
 * database), then a VEVENT per event.
 *
 * Each VEVENT (and each VTIMEZONE) is built as a libical component and
 * written by libical, one component at a time so memory holds one
 * event's objects, never the whole calendar's. libical's own folding is
 * then undone and the lines folded again by icalio_fold(), which never
 * splits a UTF-8 character. Text that iCalendar cannot carry (a CR, other
 * control characters) never reaches libical: it is replaced in the
 * standard property, and the exact value travels in an X-ITIN- property,
 * encoded so that it holds no control character at all (icstext.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/icalio.h"
#include "itin/icslib.h"
#include "itin/icstext.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/vtimezone.h"
#include "itin/xalloc.h"

#ifndef ITIN_VERSION
#define ITIN_VERSION "0"
#endif

/*
 * A DATE or DATE-TIME property of local time lsec, or NULL for a time
 * outside the years 0001-9999 (event_check() lets none into an event).
 * The value is made from our own text: libical 3.0 writes a time after
 * the year 3000 given as an icaltimetype as 00000000T000000, but keeps
 * one it parsed itself.
 */
static icalproperty *time_prop(icalproperty_kind kind, int64_t lsec,
			       bool is_date)
{
	char buf[32];
	int y, m, d, s = lsec_time_of_day(lsec);
	icalproperty *p;
	icalvalue *v;

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	if (y < 1 || y > 9999)
		return NULL;
	if (is_date)
		snprintf(buf, sizeof(buf), "%04d%02d%02d", y, m, d);
	else
		snprintf(buf, sizeof(buf), "%04d%02d%02dT%02d%02d%02d", y, m, d,
			 s / 3600, s / 60 % 60, s % 60);
	v = icalvalue_new_from_string(
	    is_date ? ICAL_DATE_VALUE : ICAL_DATETIME_VALUE, buf);
	if (!v)
		return NULL;
	p = icalproperty_new(kind);
	if (!p) {
		icalvalue_free(v);
		return NULL;
	}
	icalproperty_set_value(p, v);
	return p;
}

/* A property that is NULL is left out (time_prop's years), unless libical
 * ran out of memory making it: then we are out of memory too. */
static void add_prop(icalcomponent *c, icalproperty *p)
{
	if (p)
		icalcomponent_add_property(c, p);
	else if (icalerrno == ICAL_NEWFAILED_ERROR)
		xalloc_die(0);
}

static struct icaltimetype ical_utc(int64_t instant)
{
	struct icaltimetype t = ics_ical_local(instant, false);

	t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/* Take a string libical allocated (an _r result) into sb and free it. */
static void take_ical_string(struct strbuf *sb, char *s)
{
	ics_check_memory();
	if (!s)
		xalloc_die(0);
	strbuf_addstr(sb, s);
	free(s);
	icalerror_clear_errno();
}

void icalio_fold(struct strbuf *sb, const char *line, size_t len)
{
	size_t room = ICALIO_LINE_MAX, i = 0;

	while (len - i > room) {
		size_t n = room;

		/* Back off to the start of a character. */
		while (n > 0 && ((unsigned char)line[i + n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = room; /* not UTF-8 at all; cannot happen here */
		strbuf_add(sb, line + i, n);
		strbuf_addstr(sb, "\r\n ");
		i += n;
		room = ICALIO_LINE_MAX - 1;
	}
	strbuf_add(sb, line + i, len - i);
	strbuf_addstr(sb, "\r\n");
}

/*
 * Append what libical wrote, unfolded and folded again by icalio_fold().
 * libical ends lines in CRLF and folds with CRLF + space.
 */
static void refold(struct strbuf *sb, const char *s)
{
	struct strbuf line = STRBUF_INIT;

	while (*s) {
		const char *e = strstr(s, "\r\n");
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if ((*s == ' ' || *s == '\t') && line.len) {
			strbuf_add(&line, s + 1, n - 1);
		} else {
			if (line.len)
				icalio_fold(sb, line.buf, line.len);
			strbuf_reset(&line);
			strbuf_add(&line, s, n);
		}
		s += n + (e ? 2 : 0);
	}
	if (line.len)
		icalio_fold(sb, line.buf, line.len);
	strbuf_release(&line);
}

/* A source that is a URI (RFC 3986 characters, a scheme) goes to URL. */
static bool looks_like_uri(const char *s)
{
	const char *p = s;

	if (!ascii_isalpha((unsigned char)*p))
		return false;
	while (ascii_isalpha((unsigned char)*p) ||
	       ascii_isdigit((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	if (*p != ':' || !p[1])
		return false;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c >= 0x7f || strchr("\"<>\\^`{|}", c))
			return false;
	}
	return true;
}

void icalio_uid(struct strbuf *sb, const char *id)
{
	size_t n = strlen(id);
	bool ends_itin = n >= 5 && !strcmp(id + n - 5, "@itin");

	strbuf_addstr(sb, id);
	if (!strchr(id, '@') || ends_itin)
		strbuf_addstr(sb, "@itin");
}

static void add_x(icalcomponent *c, const char *name, const char *value,
		  struct strbuf *tmp)
{
	icalproperty *p;

	ics_x_encode(tmp, value);
	p = icalproperty_new_x(tmp->buf);
	icalproperty_set_x_name(p, name);
	add_prop(c, p);
}

static void add_time(icalcomponent *c, icalproperty *p, const char *tzid)
{
	if (!p)
		return;
	if (tzid)
		icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	add_prop(c, p);
}

/* UID, X-ITIN-ID, DTSTAMP, SEQUENCE, LAST-MODIFIED. */
static void add_identity(icalcomponent *c, const struct event *ev,
			 const struct icalio_write_opts *o, struct strbuf *a,
			 struct strbuf *b)
{
	strbuf_reset(a);
	/* A calendar's event goes back under its own UID. */
	if (ev->uid && *ev->uid)
		strbuf_addstr(a, ev->uid);
	else
		icalio_uid(a, ev->id);
	add_prop(c, icalproperty_new_uid(a->buf));
	/* A UID that does not give the id back ("ID@itin") carries it. */
	if (a->len != strlen(ev->id) + 5 ||
	    strncmp(a->buf, ev->id, a->len - 5) ||
	    strcmp(a->buf + a->len - 5, "@itin"))
		add_x(c, "X-ITIN-ID", ev->id, b);
	add_prop(c, icalproperty_new_dtstamp(ical_utc(o->now)));
	add_prop(c, icalproperty_new_sequence((int)ev->seq));
	if (ev->has_modified)
		add_prop(c,
			 icalproperty_new_lastmodified(ical_utc(ev->modified)));
}

/* DTSTART, and DTEND or DURATION. */
static void add_times(icalcomponent *c, const struct event *ev)
{
	if (ev->allday) {
		int64_t last =
		    ev->has_end ? lsec_day(ev->end) : lsec_day(ev->start);

		add_time(c, time_prop(ICAL_DTSTART_PROPERTY, ev->start, true),
			 NULL);
		if (last < ITIN_LAST_DAY) {
			add_time(c,
				 time_prop(ICAL_DTEND_PROPERTY,
					   (last + 1) * ITIN_DAY, true),
				 NULL);
		} else {
			/* DTEND would be in the year 10000, which a DATE
			 * cannot hold: the length says the same. */
			struct icaldurationtype du =
			    icaldurationtype_null_duration();

			du.days = (unsigned)(last - lsec_day(ev->start) + 1);
			add_prop(c, icalproperty_new_duration(du));
		}
		return;
	}
	add_time(c, time_prop(ICAL_DTSTART_PROPERTY, ev->start, false), ev->tz);
	if (ev->has_end && ev->end_utc == ev->start_utc && !ev->end_tz &&
	    ev->end == ev->start) {
		/* DTEND = DTSTART reads as a mistake to validators;
		 * a zero DURATION says the same on purpose. */
		add_prop(c, icalproperty_new_duration(
				icaldurationtype_null_duration()));
	} else if (ev->has_end) {
		add_time(c, time_prop(ICAL_DTEND_PROPERTY, ev->end, false),
			 ev->end_tz ? ev->end_tz : ev->tz);
	}
}

/* SUMMARY, LOCATION, DESCRIPTION, CATEGORIES, STATUS, URL, GEO. */
static void add_text(icalcomponent *c, const struct event *ev, struct strbuf *a,
		     struct strbuf *b)
{
	static const enum icalproperty_status status[EV_STATUS_COUNT] = {
	    ICAL_STATUS_CONFIRMED,
	    ICAL_STATUS_TENTATIVE,
	    ICAL_STATUS_CANCELLED,
	};
	const struct place *pl;

	if (ics_text(a, ev->title))
		add_x(c, "X-ITIN-TITLE", ev->title, b);
	add_prop(c, icalproperty_new_summary(a->buf));
	ics_location_text(b, ev->venue, ev->city, ev->country);
	if (b->len) {
		ics_text(a, b->buf);
		add_prop(c, icalproperty_new_location(a->buf));
	}
	ics_description_text(b, ev->notes, ev->with, ev->nwith, ev->org,
			     ev->source);
	if (b->len) {
		ics_text(a, b->buf);
		add_prop(c, icalproperty_new_description(a->buf));
	}
	ics_categories_text(b, ev->type, ev->tags, ev->ntags);
	ics_text(a, b->buf);
	add_prop(c, icalproperty_new_categories(a->buf));
	add_prop(c, icalproperty_new_status(status[ev->status]));
	if (ics_present(ev->source) && looks_like_uri(ev->source))
		add_prop(c, icalproperty_new_url(ev->source));
	pl = ics_present(ev->city) ? place_find(ev->city, ev->country, NULL)
				   : NULL;
	if (pl) {
		struct icalgeotype geo;

		geo.lat = pl->lat;
		geo.lon = pl->lon;
		add_prop(c, icalproperty_new_geo(geo));
	}
}

/* What iCalendar has no place for, exactly. */
static void add_itin_props(icalcomponent *c, const struct event *ev,
			   struct strbuf *a, struct strbuf *b)
{
	add_x(c, "X-ITIN-TYPE", event_type_name(ev->type), b);
	if (ics_present(ev->venue))
		add_x(c, "X-ITIN-VENUE", ev->venue, b);
	if (ics_present(ev->city))
		add_x(c, "X-ITIN-CITY", ev->city, b);
	if (ev->country[0])
		add_x(c, "X-ITIN-COUNTRY", ev->country, b);
	if (ics_present(ev->org))
		add_x(c, "X-ITIN-ORG", ev->org, b);
	for (size_t i = 0; i < ev->nwith; i++) {
		ics_participant_encode(a, &ev->with[i]);
		add_x(c, "X-ITIN-PARTICIPANT", a->buf, b);
	}
	for (size_t i = 0; i < ev->ntags; i++)
		add_x(c, "X-ITIN-TAG", ev->tags[i], b);
	if (ics_present(ev->source))
		add_x(c, "X-ITIN-SOURCE", ev->source, b);
	if (ev->notes)
		add_x(c, "X-ITIN-NOTES", ev->notes, b);
}

static icalcomponent *vevent_of(const struct event *ev,
				const struct icalio_write_opts *o,
				struct strbuf *a, struct strbuf *b)
{
	icalcomponent *c = icalcomponent_new_vevent();

	add_identity(c, ev, o, a, b);
	add_times(c, ev);
	add_text(c, ev, a, b);
	add_itin_props(c, ev, a, b);
	return c;
}

struct zone_years {
	const char *name;
	int first, last;
};

static void note_year(struct zone_years **v, size_t *n, size_t *alloc,
		      const char *name, int64_t lsec)
{
	int y, m, d;
	size_t i;

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	for (i = 0; i < *n; i++) {
		if (!strcmp((*v)[i].name, name)) {
			if (y < (*v)[i].first)
				(*v)[i].first = y;
			if (y > (*v)[i].last)
				(*v)[i].last = y;
			return;
		}
	}
	*v = xgrow(*v, alloc, *n + 1, sizeof(**v));
	(*v)[*n].name = name;
	(*v)[*n].first = (*v)[*n].last = y;
	(*n)++;
}

static int cmp_zone(const void *pa, const void *pb)
{
	const struct zone_years *a = pa, *b = pb;

	return strcmp(a->name, b->name);
}

static void offset_name(char *buf, size_t size, int32_t off)
{
	int32_t a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(buf, size, "%c%02d%02d%02d", off < 0 ? '-' : '+',
			 (int)(a / 3600), (int)(a / 60 % 60), (int)(a % 60));
	else
		snprintf(buf, size, "%c%02d%02d", off < 0 ? '-' : '+',
			 (int)(a / 3600), (int)(a / 60 % 60));
}

/* An observance's yearly rule: FREQ=YEARLY;BYMONTH=..;BYDAY=..;UNTIL=.. */
static icalproperty *rule_prop(const struct vtz_rule *r, struct strbuf *rule)
{
	static const char *const days[7] = {"SU", "MO", "TU", "WE",
					    "TH", "FR", "SA"};
	struct icaltimetype u = ical_utc(r->until);

	strbuf_reset(rule);
	strbuf_addf(rule, "FREQ=YEARLY;BYMONTH=%d;", r->month);
	if (r->nth)
		strbuf_addf(rule, "BYDAY=%d%s", r->nth, days[r->wday]);
	else
		strbuf_addf(rule, "BYMONTHDAY=%d,%d,%d,%d,%d,%d,%d;BYDAY=%s",
			    r->mday_from, r->mday_from + 1, r->mday_from + 2,
			    r->mday_from + 3, r->mday_from + 4,
			    r->mday_from + 5, r->mday_from + 6, days[r->wday]);
	strbuf_addf(rule, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", u.year, u.month,
		    u.day, u.hour, u.minute, u.second);
	return icalproperty_new_rrule(
	    icalrecurrencetype_from_string(rule->buf));
}

/* One STANDARD or DAYLIGHT component. */
static icalcomponent *observance_of(const struct vtz_obs *ob,
				    struct strbuf *rule)
{
	icalcomponent *sub = ob->dst ? icalcomponent_new_xdaylight()
				     : icalcomponent_new_xstandard();
	char name[16];

	add_prop(sub, time_prop(ICAL_DTSTART_PROPERTY, ob->start, false));
	add_prop(sub, icalproperty_new_tzoffsetfrom(ob->off_from));
	add_prop(sub, icalproperty_new_tzoffsetto(ob->off_to));
	if (ob->name[0]) {
		add_prop(sub, icalproperty_new_tzname(ob->name));
	} else {
		offset_name(name, sizeof(name), ob->off_to);
		add_prop(sub, icalproperty_new_tzname(name));
	}
	if (ob->has_rule)
		add_prop(sub, rule_prop(&ob->rule, rule));
	/*
	 * ical.js 2.2 takes an observance with RDATEs to begin at its
	 * RDATEs only, dropping DTSTART's onset: so DTSTART is given
	 * again as the first RDATE (RFC 5545 allows the repetition).
	 */
	for (size_t k = 0; ob->nrdates && k <= ob->nrdates; k++)
		add_prop(sub,
			 time_prop(ICAL_RDATE_PROPERTY,
				   k ? ob->rdates[k - 1] : ob->start, false));
	return sub;
}

static icalcomponent *vtimezone_of(const struct vtimezone *vtz)
{
	icalcomponent *c = icalcomponent_new_vtimezone();
	struct strbuf rule = STRBUF_INIT;

	add_prop(c, icalproperty_new_tzid(vtz->tzid));
	for (size_t i = 0; i < vtz->nobs; i++)
		icalcomponent_add_component(c,
					    observance_of(&vtz->obs[i], &rule));
	strbuf_release(&rule);
	return c;
}

/* Write c and free it; icalerrno was cleared before c was built. */
static void write_component(struct strbuf *sb, icalcomponent *c)
{
	char *s = c ? icalcomponent_as_ical_string_r(c) : NULL;

	ics_check_memory();
	if (!s)
		xalloc_die(0);
	refold(sb, s);
	free(s);
	icalcomponent_free(c);
	icalerror_clear_errno();
}

/* The calendar's own properties; its END comes after the events. */
static void write_head(struct strbuf *sb, const struct icalio_write_opts *o)
{
	struct strbuf head = STRBUF_INIT, prodid = STRBUF_INIT;
	icalcomponent *cal;
	char *s;

	icalerror_clear_errno();
	cal = icalcomponent_new_vcalendar();
	add_prop(cal, icalproperty_new_version("2.0"));
	if (o->prodid) {
		add_prop(cal, icalproperty_new_prodid(o->prodid));
	} else {
		strbuf_addstr(&prodid, "-//itin//itin " ITIN_VERSION "//EN");
		add_prop(cal, icalproperty_new_prodid(prodid.buf));
	}
	add_prop(cal, icalproperty_new_calscale("GREGORIAN"));
	add_prop(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	take_ical_string(&head, s);
	if (head.len >= 15 &&
	    !strcmp(head.buf + head.len - 15, "END:VCALENDAR\r\n"))
		head.buf[head.len -= 15] = '\0';
	refold(sb, head.buf);
	strbuf_release(&head);
	strbuf_release(&prodid);
}

/* A VTIMEZONE for every zone of l, over the years its events need. */
static void write_zones(struct strbuf *sb, const struct evlist *l)
{
	struct zone_years *zones = NULL;
	size_t nzones = 0, zalloc = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct event *ev = l->v[i];

		if (ev->allday || !ev->tz)
			continue;
		note_year(&zones, &nzones, &zalloc, ev->tz, ev->start);
		if (ev->has_end)
			note_year(&zones, &nzones, &zalloc,
				  ev->end_tz ? ev->end_tz : ev->tz, ev->end);
	}
	if (nzones)
		qsort(zones, nzones, sizeof(*zones), cmp_zone);
	for (size_t i = 0; i < nzones; i++) {
		struct itin_err err;
		const struct tz *tz = tz_get(zones[i].name, &err);
		struct vtimezone vtz;

		if (!tz)
			continue; /* checked events name only known zones */
		vtimezone_build(tz, zones[i].first, zones[i].last, &vtz);
		write_component(sb, vtimezone_of(&vtz));
		vtimezone_release(&vtz);
	}
	free(zones);
}

void icalio_write(struct strbuf *sb, const struct evlist *l,
		  const struct icalio_write_opts *o)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	write_head(sb, o);
	write_zones(sb, l);
	for (size_t i = 0; i < l->n; i++)
		write_component(sb, vevent_of(l->v[i], o, &a, &b));
	strbuf_addstr(sb, "END:VCALENDAR\r\n");
	strbuf_release(&a);
	strbuf_release(&b);
}
