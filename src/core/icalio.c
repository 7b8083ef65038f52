/*
 * icalio.c: iCalendar export and import; the only file that calls libical.
 *
 * Export builds each VEVENT (and each VTIMEZONE, from vtimezone.c) as a
 * libical component and lets libical write it, one component at a time so
 * memory holds one event's objects, never the whole calendar's. libical's
 * own folding is then undone and the lines folded again by icalio_fold(),
 * which never splits a UTF-8 character. Text that iCalendar cannot carry
 * (a CR, other control characters) never reaches libical: it is replaced
 * in the standard property, and the exact value travels in an X-ITIN-
 * property, encoded so that it holds no control character at all.
 *
 * Import reads the content lines itself (import.c-style, below), so every
 * problem has its line, and uses libical for what it is good at: RRULEs
 * (parsing and expansion), durations, and the VTIMEZONEs of files whose
 * TZIDs are not tz database names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/icalio.h"
#include "itin/location.h"
#include "itin/places.h"
#include "itin/typeguess.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/vtimezone.h"
#include "itin/winzones.h"
#include "itin/xalloc.h"

#ifndef ITIN_VERSION
#define ITIN_VERSION "0"
#endif

/* ---- shared helpers ---- */

static struct icaltimetype ical_local(int64_t lsec, bool is_date)
{
	struct icaltimetype t = icaltime_null_time();
	int y, m, d, s = lsec_time_of_day(lsec);

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	if (is_date) {
		t.is_date = 1;
	} else {
		t.hour = s / 3600;
		t.minute = s / 60 % 60;
		t.second = s % 60;
	}
	return t;
}

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
		snprintf(buf, sizeof(buf), "%04d%02d%02dT%02d%02d%02d", y, m,
			 d, s / 3600, s / 60 % 60, s % 60);
	v = icalvalue_new_from_string(is_date ? ICAL_DATE_VALUE
					      : ICAL_DATETIME_VALUE, buf);
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
	struct icaltimetype t = ical_local(instant, false);

	t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/* Take a string libical allocated (an _r result) into sb and free it. */
/*
 * libical's errors are not fatal: a malloc that fails in it gives NULL and
 * icalerrno ICAL_NEWFAILED_ERROR. That is our out of memory (xalloc.h),
 * never an event exported without a field (add_prop) or an input refused
 * by mistake. Callers clear icalerrno before the calls they check.
 */
static void ical_check_memory(void)
{
	if (icalerrno == ICAL_NEWFAILED_ERROR)
		xalloc_die(0);
}

static void take_ical_string(struct strbuf *sb, char *s)
{
	ical_check_memory();
	if (!s)
		xalloc_die(0);
	strbuf_addstr(sb, s);
	free(s);
	icalerror_clear_errno();
}

/* libical's iterator: NULL for a rule it refuses, or out of memory. */
static icalrecur_iterator *recur_iterator_new(struct icalrecurrencetype rt,
					      struct icaltimetype start)
{
	icalrecur_iterator *it;

	icalerror_clear_errno();
	it = icalrecur_iterator_new(rt, start);
	if (!it)
		ical_check_memory();
	return it;
}

/* ---- folding ---- */

#define ICAL_LINE_MAX 75

void icalio_fold(struct strbuf *sb, const char *line, size_t len)
{
	size_t room = ICAL_LINE_MAX, i = 0;

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
		room = ICAL_LINE_MAX - 1;
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

/* ---- text for export ---- */

/*
 * The text a TEXT property can carry: line breaks (CRLF, CR, LF) become
 * LF (written "\n"), other control characters but TAB become U+FFFD.
 * Returns true when that changed anything.
 */
static bool ics_text(struct strbuf *out, const char *s)
{
	bool changed = false;

	strbuf_reset(out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r') {
			strbuf_addch(out, '\n');
			if (s[1] == '\n')
				s++;
			changed = true;
		} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			strbuf_addstr(out, "\xEF\xBF\xBD");
			changed = true;
		} else {
			strbuf_addch(out, (char)c);
		}
	}
	return changed;
}

/*
 * The value of an X-ITIN- property: exact, and free of control
 * characters other than TAB and LF (which TEXT carries): '\' is written
 * "\\" and every other control character "\xHH". x_decode() undoes it.
 */
static void x_encode(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\')
			strbuf_addstr(out, "\\\\");
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			strbuf_addf(out, "\\x%02x", c);
		else
			strbuf_addch(out, (char)c);
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char *x_decode(const char *s)
{
	struct strbuf out = STRBUF_INIT;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == '\\') {
			strbuf_addch(&out, '\\');
			s++;
		} else if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 &&
			   hexval(s[3]) >= 0 && hexval(s[2]) * 16 + hexval(s[3])) {
			strbuf_addch(&out, (char)(hexval(s[2]) * 16 + hexval(s[3])));
			s += 3;
		} else {
			strbuf_addch(&out, *s);
		}
	}
	return strbuf_detach(&out, NULL);
}

/* "Name (Role)", with '\', '(' and ')' of the parts escaped. */
static void participant_encode(struct strbuf *out, const struct participant *p)
{
	const char *parts[2] = { p->name, p->role };

	strbuf_reset(out);
	for (int k = 0; k < 2; k++) {
		if (!parts[k])
			break;
		if (k)
			strbuf_addstr(out, " (");
		for (const char *s = parts[k]; *s; s++) {
			if (*s == '\\' || *s == '(' || *s == ')')
				strbuf_addch(out, '\\');
			strbuf_addch(out, *s);
		}
		if (k)
			strbuf_addch(out, ')');
	}
}

static const char *present(const char *s)
{
	return s && *s ? s : NULL;
}

/* What LOCATION says for an event: "Venue, City, Country name". */
static void location_text(struct strbuf *out, const char *venue,
			  const char *city, const char *cc)
{
	const char *parts[3], *name;
	size_t n = 0;

	if (present(venue))
		parts[n++] = venue;
	if (present(city))
		parts[n++] = city;
	if (cc && *cc) {
		name = country_name(cc);
		parts[n++] = name ? name : cc;
	}
	strbuf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, parts[i]);
	}
}

/* What DESCRIPTION says: the notes, then who, the organisation, the source. */
static void description_text(struct strbuf *out, const char *notes,
			     const struct participant *with, size_t nwith,
			     const char *org, const char *source)
{
	strbuf_reset(out);
	if (present(notes))
		strbuf_addstr(out, notes);
	if ((nwith || present(org) || present(source)) && out->len)
		strbuf_addstr(out, "\n\n");
	for (size_t i = 0; i < nwith; i++) {
		strbuf_addstr(out, i ? "; " : "With: ");
		strbuf_addstr(out, with[i].name);
		if (present(with[i].role))
			strbuf_addf(out, " (%s)", with[i].role);
		if (i + 1 == nwith)
			strbuf_addch(out, '\n');
	}
	if (present(org))
		strbuf_addf(out, "Organisation: %s\n", org);
	if (present(source))
		strbuf_addf(out, "Source: %s\n", source);
	/* No line break at the very end. */
	if (out->len && out->buf[out->len - 1] == '\n' &&
	    (nwith || present(org) || present(source)))
		out->buf[--out->len] = '\0';
}

/*
 * CATEGORIES: the type, then the tags. libical writes a CATEGORIES value
 * with its commas and semicolons unescaped (a comma separates categories),
 * so both become a space here; X-ITIN-TAG keeps the tag exactly.
 */
static void categories_text(struct strbuf *out, enum event_type type,
			    char *const *tags, size_t ntags)
{
	strbuf_reset(out);
	strbuf_addstr(out, event_type_name(type));
	for (size_t i = 0; i < ntags; i++) {
		strbuf_addch(out, ',');
		for (const char *s = tags[i]; *s; s++)
			strbuf_addch(out, *s == ',' || *s == ';' ? ' ' : *s);
	}
}

/* A source that is a URI (RFC 3986 characters, a scheme) goes to URL. */
static bool looks_like_uri(const char *s)
{
	const char *p = s;

	if (!ascii_isalpha((unsigned char)*p))
		return false;
	while (ascii_isalpha((unsigned char)*p) || ascii_isdigit((unsigned char)*p) ||
	       *p == '+' || *p == '-' || *p == '.')
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

/* ---- export ---- */

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

	x_encode(tmp, value);
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

static icalcomponent *vevent_of(const struct event *ev,
				const struct icalio_write_opts *o,
				struct strbuf *a, struct strbuf *b)
{
	icalcomponent *c = icalcomponent_new_vevent();
	const struct place *pl;
	static const enum icalproperty_status status[EV_STATUS_COUNT] = {
		ICAL_STATUS_CONFIRMED, ICAL_STATUS_TENTATIVE,
		ICAL_STATUS_CANCELLED,
	};

	strbuf_reset(a);
	/* A calendar's event goes back under its own UID. */
	if (ev->uid && *ev->uid)
		strbuf_addstr(a, ev->uid);
	else
		icalio_uid(a, ev->id);
	add_prop(c, icalproperty_new_uid(a->buf));
	/* A UID that does not give the id back ("ID@itin") carries it. */
	if (a->len != strlen(ev->id) + 5 || strncmp(a->buf, ev->id, a->len - 5) ||
	    strcmp(a->buf + a->len - 5, "@itin"))
		add_x(c, "X-ITIN-ID", ev->id, b);
	add_prop(c, icalproperty_new_dtstamp(ical_utc(o->now)));
	add_prop(c, icalproperty_new_sequence((int)ev->seq));
	if (ev->has_modified)
		add_prop(
		    c, icalproperty_new_lastmodified(ical_utc(ev->modified)));

	if (ev->allday) {
		int64_t last = ev->has_end ? lsec_day(ev->end) : lsec_day(ev->start);

		add_time(c, time_prop(ICAL_DTSTART_PROPERTY, ev->start, true),
			 NULL);
		if (last < ITIN_LAST_DAY) {
			add_time(c, time_prop(ICAL_DTEND_PROPERTY,
					      (last + 1) * ITIN_DAY, true),
				 NULL);
		} else {
			/* DTEND would be in the year 10000, which a DATE
			 * cannot hold: the length says the same. */
			struct icaldurationtype du = icaldurationtype_null_duration();

			du.days = (unsigned)(last - lsec_day(ev->start) + 1);
			add_prop(c,
						   icalproperty_new_duration(du));
		}
	} else {
		add_time(c, time_prop(ICAL_DTSTART_PROPERTY, ev->start, false),
			 ev->tz);
		if (ev->has_end && ev->end_utc == ev->start_utc && !ev->end_tz &&
		    ev->end == ev->start) {
			/* DTEND = DTSTART reads as a mistake to validators;
			 * a zero DURATION says the same on purpose. */
			add_prop(
			    c, icalproperty_new_duration(
				   icaldurationtype_null_duration()));
		} else if (ev->has_end) {
			add_time(c, time_prop(ICAL_DTEND_PROPERTY, ev->end, false),
				 ev->end_tz ? ev->end_tz : ev->tz);
		}
	}

	if (ics_text(a, ev->title))
		add_x(c, "X-ITIN-TITLE", ev->title, b);
	add_prop(c, icalproperty_new_summary(a->buf));

	location_text(b, ev->venue, ev->city, ev->country);
	if (b->len) {
		ics_text(a, b->buf);
		add_prop(c, icalproperty_new_location(a->buf));
	}
	description_text(b, ev->notes, ev->with, ev->nwith, ev->org, ev->source);
	if (b->len) {
		ics_text(a, b->buf);
		add_prop(c, icalproperty_new_description(a->buf));
	}
	categories_text(b, ev->type, ev->tags, ev->ntags);
	ics_text(a, b->buf);
	add_prop(c, icalproperty_new_categories(a->buf));
	add_prop(c, icalproperty_new_status(status[ev->status]));
	if (present(ev->source) && looks_like_uri(ev->source))
		add_prop(c, icalproperty_new_url(ev->source));
	pl = present(ev->city) ? place_find(ev->city, ev->country, NULL) : NULL;
	if (pl) {
		struct icalgeotype geo;

		geo.lat = pl->lat;
		geo.lon = pl->lon;
		add_prop(c, icalproperty_new_geo(geo));
	}

	/* What iCalendar has no place for, exactly. */
	add_x(c, "X-ITIN-TYPE", event_type_name(ev->type), b);
	if (present(ev->venue))
		add_x(c, "X-ITIN-VENUE", ev->venue, b);
	if (present(ev->city))
		add_x(c, "X-ITIN-CITY", ev->city, b);
	if (ev->country[0])
		add_x(c, "X-ITIN-COUNTRY", ev->country, b);
	if (present(ev->org))
		add_x(c, "X-ITIN-ORG", ev->org, b);
	for (size_t i = 0; i < ev->nwith; i++) {
		participant_encode(a, &ev->with[i]);
		add_x(c, "X-ITIN-PARTICIPANT", a->buf, b);
	}
	for (size_t i = 0; i < ev->ntags; i++)
		add_x(c, "X-ITIN-TAG", ev->tags[i], b);
	if (present(ev->source))
		add_x(c, "X-ITIN-SOURCE", ev->source, b);
	if (ev->notes)
		add_x(c, "X-ITIN-NOTES", ev->notes, b);
	return c;
}

/* ---- VTIMEZONEs ---- */

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

static icalcomponent *vtimezone_of(const struct vtimezone *vtz)
{
	static const char *const days[7] = { "SU", "MO", "TU", "WE",
					     "TH", "FR", "SA" };
	icalcomponent *c = icalcomponent_new_vtimezone();
	struct strbuf rule = STRBUF_INIT;

	add_prop(c, icalproperty_new_tzid(vtz->tzid));
	for (size_t i = 0; i < vtz->nobs; i++) {
		const struct vtz_obs *ob = &vtz->obs[i];
		icalcomponent *sub = ob->dst ? icalcomponent_new_xdaylight()
					     : icalcomponent_new_xstandard();
		char name[16];

		add_prop(sub, time_prop(ICAL_DTSTART_PROPERTY, ob->start, false));
		add_prop(sub,
					   icalproperty_new_tzoffsetfrom(ob->off_from));
		add_prop(sub,
					   icalproperty_new_tzoffsetto(ob->off_to));
		if (ob->name[0]) {
			add_prop(sub,
						   icalproperty_new_tzname(ob->name));
		} else {
			offset_name(name, sizeof(name), ob->off_to);
			add_prop(sub,
						   icalproperty_new_tzname(name));
		}
		if (ob->has_rule) {
			const struct vtz_rule *r = &ob->rule;
			struct icaltimetype u = ical_utc(r->until);

			strbuf_reset(&rule);
			strbuf_addf(&rule, "FREQ=YEARLY;BYMONTH=%d;", r->month);
			if (r->nth)
				strbuf_addf(&rule, "BYDAY=%d%s", r->nth, days[r->wday]);
			else
				strbuf_addf(&rule,
					    "BYMONTHDAY=%d,%d,%d,%d,%d,%d,%d;BYDAY=%s",
					    r->mday_from, r->mday_from + 1,
					    r->mday_from + 2, r->mday_from + 3,
					    r->mday_from + 4, r->mday_from + 5,
					    r->mday_from + 6, days[r->wday]);
			strbuf_addf(&rule, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ",
				    u.year, u.month, u.day, u.hour, u.minute,
				    u.second);
			add_prop(
			    sub, icalproperty_new_rrule(
				     icalrecurrencetype_from_string(rule.buf)));
		}
		/*
		 * ical.js 2.2 takes an observance with RDATEs to begin at its
		 * RDATEs only, dropping DTSTART's onset: so DTSTART is given
		 * again as the first RDATE (RFC 5545 allows the repetition).
		 */
		for (size_t k = 0; ob->nrdates && k <= ob->nrdates; k++)
			add_prop(sub, time_prop(ICAL_RDATE_PROPERTY,
						k ? ob->rdates[k - 1] : ob->start,
						false));
		icalcomponent_add_component(c, sub);
	}
	strbuf_release(&rule);
	return c;
}

/* Write c and free it; icalerrno was cleared before c was built. */
static void write_component(struct strbuf *sb, icalcomponent *c)
{
	char *s = c ? icalcomponent_as_ical_string_r(c) : NULL;

	ical_check_memory();
	if (!s)
		xalloc_die(0);
	refold(sb, s);
	free(s);
	icalcomponent_free(c);
	icalerror_clear_errno();
}

void icalio_write(struct strbuf *sb, const struct evlist *l,
		  const struct icalio_write_opts *o)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, head = STRBUF_INIT;
	struct zone_years *zones = NULL;
	size_t nzones = 0, zalloc = 0;
	icalcomponent *cal;
	char *s;

	icalerror_clear_errno();
	cal = icalcomponent_new_vcalendar();

	/* The calendar's own properties; its END comes after the events. */
	add_prop(cal, icalproperty_new_version("2.0"));
	if (o->prodid) {
		add_prop(cal, icalproperty_new_prodid(o->prodid));
	} else {
		strbuf_addstr(&a, "-//itin//itin " ITIN_VERSION "//EN");
		add_prop(cal, icalproperty_new_prodid(a.buf));
	}
	add_prop(cal, icalproperty_new_calscale("GREGORIAN"));
	add_prop(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	take_ical_string(&head, s);
	if (head.len >= 15 && !strcmp(head.buf + head.len - 15, "END:VCALENDAR\r\n"))
		head.buf[head.len -= 15] = '\0';
	refold(sb, head.buf);

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

	for (size_t i = 0; i < l->n; i++)
		write_component(sb, vevent_of(l->v[i], o, &a, &b));
	strbuf_addstr(sb, "END:VCALENDAR\r\n");
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&head);
}

/* ==== import ==== */

/* Limits that turn hostile input into an error, never a hang. */
#define ICAL_MAX_DEPTH 16
#define ICAL_MAX_STEPS 200000	/* RRULE iterations per rule */
#define ICAL_MAX_OCCURRENCES ICALIO_MAX_OCCURRENCES	/* events one series may make */
#define ICAL_MAX_DAYS 3652059	/* 0001-01-01 to 9999-12-31: a DURATION's most */
/* libical 3.0 expands no rule past this year (and none that starts
 * after it): as observed with 3.0.16, not a documented constant. */
#define ICAL_RRULE_LAST_YEAR 2582

/* One content line, unfolded: text[off .. off + len), NUL-terminated. */
struct cline {
	size_t off, len;
	long line;		/* the physical line it starts on */
	bool skip;		/* not a content line: ignored with a warning */
	/* With --skip-invalid, a control character found in it (0: none)
	 * and where: its VEVENT is refused, not the file. */
	unsigned char ctrl;
	long ctrl_line, ctrl_col;
};

/* A content line split into its parts (pointers into the text). */
struct cprop {
	const char *name;
	size_t nlen;
	const char *params;	/* ";P=V;Q=W", may be empty */
	size_t plen;
	const char *value;	/* to the end of the line */
	long line;
};

struct vtzdef {
	char *tzid;
	size_t first, last;	/* content lines BEGIN..END */
	long line;
};

/* A file's TZID, resolved once. */
enum zhow { Z_IANA, Z_WINDOWS, Z_EMBEDDED, Z_UNKNOWN };
struct zres {
	char *tzid;
	enum zhow how;
	const struct tz *tz;		/* Z_IANA, Z_WINDOWS */
	const char *windows;		/* Z_WINDOWS: the Windows zone, when
					   the TZID names one (CLDR then has
					   a zone per territory) */
	icaltimezone *embedded;		/* the file's VTIMEZONE, or NULL */
	int open_from;			/* open_rules_from(embedded), 0: not yet */
	bool embedded_tried, warned;
};

/*
 * A VEVENT read, waiting until the whole file is: a later VEVENT with
 * the same UID may replace it, and a series needs its overrides.
 */
enum vkind { V_SINGLE, V_MASTER, V_OVERRIDE };
struct pending {
	struct event *ev;	/* times set from DTSTART/DTEND */
	char *uid;		/* NULL when the VEVENT had none */
	long line;		/* BEGIN:VEVENT */
	size_t first, last;	/* its content lines */
	enum vkind kind;
	bool dropped;		/* replaced by a later one of the same UID */
	bool is_override;
	bool future;		/* RECURRENCE-ID;RANGE=THISANDFUTURE */
	bool own_rule, rule_said;	/* an override with RRULE or RDATE */
	bool claimed;		/* an override of a series in the file */
	bool windowed;		/* its series was cut to the import window */
	int64_t recid_key;	/* override: the occurrence it replaces */
	char recid_stamp[24];
	bool used;
	bool alone;		/* an override emitted as an event of its own */
};

/*
 * A lapse from RFC 5545 that is read anyway (LF line ends, lines not
 * folded, a VEVENT without UID or DTSTAMP): counted, and said once per
 * file at the first place it happens, not once per line.
 */
struct lapse {
	size_t n;
	long first;
	size_t size;	/* at the first: the line's length */
};

static void lapse_note(struct lapse *l, long line, size_t size)
{
	if (!l->n++) {
		l->first = line;
		l->size = size;
	}
}

struct reader {
	const char *fname;
	const struct icalio_read_opts *o;
	const struct itin_warner *w;
	struct itin_err *err;
	struct icalio_stats *st;
	struct evlist *out;

	struct strbuf text;	/* unfolded content lines */
	struct cline *cl;
	size_t ncl, clalloc;

	struct vtzdef *vtz;
	size_t nvtz, vtzalloc;
	struct zres *zones;
	size_t nzones, zalloc;

	struct evindex *uids;	/* UID (+ recurrence) -> line */
	struct evindex *ids;	/* ids made -> line */
	struct pending *pend;
	size_t npend, palloc;
	bool cancel;		/* METHOD:CANCEL */
	bool warned_utf8;
	struct lapse no_uid, no_dtstamp;	/* VEVENTs without them */
	struct strbuf tmp;

	/* What the file's recurring events may still cost in all
	 * (icalio.h): occurrences found, candidate times walked. */
	size_t occ_max, occ_left;
	int64_t cand_max, cand_left;
	bool over_budget;	/* the file, not one VEVENT, is refused */
};

static int fail_at(struct reader *r, long line, long col, const char *fmt, ...)
	ITIN_PRINTF(4, 5);
static int fail_at(struct reader *r, long line, long col, const char *fmt, ...)
{
	char msg[sizeof(r->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return itin_err_at(r->err, ITIN_EX_DATAERR, r->fname, line, col, "%s",
			   msg);
}

static const char *cl_text(const struct reader *r, size_t i)
{
	return r->text.buf + r->cl[i].off;
}

/* ---- content lines ---- */

static void add_cline(struct reader *r, const char *s, size_t n, long line)
{
	r->cl = xgrow(r->cl, &r->clalloc, r->ncl + 1, sizeof(*r->cl));
	r->cl[r->ncl].off = r->text.len;
	r->cl[r->ncl].len = n;
	r->cl[r->ncl].line = line;
	r->cl[r->ncl].skip = false;
	r->cl[r->ncl].ctrl = 0;
	r->ncl++;
	strbuf_add(&r->text, s, n);
	strbuf_addch(&r->text, '\0');
}

static void extend_cline(struct reader *r, const char *s, size_t n)
{
	/* The last line is at the end of the text: overwrite its NUL. */
	r->text.len--;
	strbuf_add(&r->text, s, n);
	strbuf_addch(&r->text, '\0');
	r->cl[r->ncl - 1].len += n;
}

/*
 * Where byte off of content line i is in the file: walk its physical
 * lines again (only for error messages).
 */
static void locate(const struct reader *r, const char *buf, size_t len,
		   size_t i, size_t off, long *line, long *col)
{
	long ln = 1;
	size_t p = 0, left = off;

	while (p < len && ln < r->cl[i].line) {
		const char *nl = memchr(buf + p, '\n', len - p);

		if (!nl)
			break;
		p = (size_t)(nl - buf) + 1;
		ln++;
	}
	for (bool first = true;; first = false) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - buf) : len, s = p + (first ? 0 : 1);

		if (e > p && buf[e - 1] == '\r')
			e--;
		if (left <= e - s || !nl) {
			/* Never past the line, whatever off says. */
			if (left > e - s)
				left = e - s;
			*line = ln;
			*col = utf8_column(buf + p, s - p + left);
			return;
		}
		left -= e - s;
		p = (size_t)(nl - buf) + 1;
		ln++;
	}
}

/*
 * Content line i holds bytes that are not UTF-8: keep every valid
 * sequence, read every other byte as Latin-1 (what such files mostly are),
 * and move the line to the end of the text.
 */
static void latin1_fix(struct reader *r, size_t i)
{
	struct strbuf fixed = STRBUF_INIT;
	const char *s = cl_text(r, i);
	size_t n = r->cl[i].len, k = 0;

	while (k < n) {
		uint32_t cp;
		size_t m = utf8_decode(s + k, n - k, &cp);

		if (m) {
			strbuf_add(&fixed, s + k, m);
			k += m;
		} else {
			unsigned char c = (unsigned char)s[k++];

			strbuf_addch(&fixed, (char)(0xC0 | c >> 6));
			strbuf_addch(&fixed, (char)(0x80 | (c & 0x3F)));
		}
	}
	r->cl[i].off = r->text.len;
	r->cl[i].len = fixed.len;
	strbuf_add(&r->text, fixed.buf, fixed.len);
	strbuf_addch(&r->text, '\0');
	strbuf_release(&fixed);
}

/* Split the buffer into unfolded content lines, checking the bytes. */
static int split_lines(struct reader *r, const char *buf, size_t len)
{
	size_t pos = 0;
	long ln = 0;
	bool crlf = false, decided = false;
	struct lapse lf = { 0, 0, 0 }, longl = { 0, 0, 0 };

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *p = buf + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;
		const char *cr, *nul;
		bool has_cr = n && p[n - 1] == '\r';

		ln++;
		pos += n + (nl ? 1 : 0);
		if (has_cr)
			n--;
		if (nl && !has_cr)
			lapse_note(&lf, ln, 0);
		if (n > ICAL_LINE_MAX)
			lapse_note(&longl, ln, n);
		if (nl && !decided) {
			crlf = has_cr;
			decided = true;
		} else if (nl && crlf && !has_cr) {
			return fail_at(r, ln, 0,
				       "line ends in LF alone in a file of CRLF "
				       "lines (a line break inside a value?)");
		}
		cr = memchr(p, '\r', n);
		if (cr)
			return fail_at(r, ln, utf8_column(p, (size_t)(cr - p)),
				       "bare CR (a carriage return inside a value?)");
		nul = memchr(p, '\0', n);
		if (nul)
			return fail_at(r, ln, utf8_column(p, (size_t)(nul - p)),
				       "NUL byte in input");
		if (n && (*p == ' ' || *p == '\t') && r->ncl)
			extend_cline(r, p + 1, n - 1);
		else if (n)
			add_cline(r, p, n, ln);
	}
	if (lf.n)
		itin_warn_at(r->w, r->fname, lf.first, 0,
			     "line ends in LF, not CRLF as RFC 5545 wants (%zu "
			     "such line%s, the first here); read anyway",
			     lf.n, lf.n == 1 ? "" : "s");
	if (longl.n)
		itin_warn_at(r->w, r->fname, longl.first, 0,
			     "line of %zu octets not folded at 75 as RFC 5545 "
			     "wants (%zu such line%s, the first here); read "
			     "anyway",
			     longl.size, longl.n, longl.n == 1 ? "" : "s");
	for (size_t i = 0; i < r->ncl; i++) {
		size_t bad;
		const char *s = cl_text(r, i);

		/*
		 * Controls first, on the bytes as they are in the file:
		 * locate() counts offsets in the file's bytes, and
		 * latin1_fix() makes the line longer than those.
		 */
		for (size_t k = 0; k < r->cl[i].len; k++) {
			unsigned char c = (unsigned char)s[k];

			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				long line, col;

				locate(r, buf, len, i, k, &line, &col);
				if (r->o->flags & ICALIO_SKIP_INVALID) {
					/* Judged per component: see
					 * check_structure, icalio_read. */
					r->cl[i].ctrl = c;
					r->cl[i].ctrl_line = line;
					r->cl[i].ctrl_col = col;
					break;
				}
				return fail_at(r, line, col,
					       "control character U+%04X in a "
					       "value",
					       c);
			}
		}
		if (!utf8_valid(s, r->cl[i].len, &bad)) {
			long line, col;

			locate(r, buf, len, i, bad, &line, &col);
			if (!r->warned_utf8)
				itin_warn_at(r->w, r->fname, line, col,
					     "not valid UTF-8; such bytes are "
					     "read as Latin-1");
			r->warned_utf8 = true;
			latin1_fix(r, i);
		}
	}
	return 0;
}

static bool is_name_char(char c)
{
	return ascii_isalpha((unsigned char)c) || ascii_isdigit((unsigned char)c) ||
	       c == '-';
}

/* NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE */
static int parse_cline(struct reader *r, size_t i, struct cprop *p)
{
	const char *s = cl_text(r, i), *q = s;

	p->line = r->cl[i].line;
	while (is_name_char(*q))
		q++;
	if (q == s)
		return fail_at(r, p->line, 1,
			       "expected a property or BEGIN/END line "
			       "(NAME:VALUE)");
	p->name = s;
	p->nlen = (size_t)(q - s);
	p->params = q;
	while (*q == ';') {
		const char *n = ++q;

		while (is_name_char(*q))
			q++;
		if (q == n || *q != '=')
			return fail_at(r, p->line, utf8_column(s, (size_t)(q - s)) ,
				       "malformed parameter in '%.*s'",
				       (int)p->nlen, p->name);
		do {
			q++;
			if (*q == '"') {
				const char *e = strchr(q + 1, '"');

				if (!e)
					return fail_at(r, p->line,
						       utf8_column(s, (size_t)(q - s)),
						       "unterminated quoted parameter value");
				q = e + 1;
			} else {
				while (*q && *q != ',' && *q != ';' && *q != ':')
					q++;
			}
		} while (*q == ',');
	}
	p->plen = (size_t)(q - p->params);
	if (*q != ':')
		return fail_at(r, p->line, utf8_column(s, (size_t)(q - s)),
			       "expected ':' after '%.*s'", (int)p->nlen, p->name);
	p->value = q + 1;
	return 0;
}

static bool name_is(const struct cprop *p, const char *name)
{
	return strlen(name) == p->nlen && !ascii_ncasecmp(p->name, name, p->nlen);
}

/* The value of parameter pname (first value, unquoted) into out. */
static bool get_param(const struct cprop *p, const char *pname,
		      struct strbuf *out)
{
	const char *q = p->params, *e = p->params + p->plen;
	size_t pn = strlen(pname);

	while (q < e && *q == ';') {
		const char *n = ++q, *v;

		while (q < e && *q != '=')
			q++;
		v = ++q;
		/* Skip this parameter's values. */
		while (q < e && *q != ';') {
			if (*q == '"') {
				const char *c = memchr(q + 1, '"', (size_t)(e - q - 1));

				q = c ? c + 1 : e;
			} else {
				q++;
			}
		}
		if ((size_t)(v - 1 - n) == pn && !ascii_ncasecmp(n, pname, pn)) {
			const char *ve = v;

			strbuf_reset(out);
			if (*v == '"') {
				ve = memchr(v + 1, '"', (size_t)(e - v - 1));
				strbuf_add(out, v + 1, (size_t)(ve - v - 1));
			} else {
				while (ve < q && *ve != ',')
					ve++;
				strbuf_add(out, v, (size_t)(ve - v));
			}
			return true;
		}
	}
	return false;
}

/* TEXT unescaping (RFC 5545 3.3.11); an unknown escape is kept as is. */
static void unescape_text(struct strbuf *out, const char *s, size_t n)
{
	const char *e = s + n;

	strbuf_reset(out);
	for (; s < e; s++) {
		if (*s == '\\' && s + 1 < e) {
			char c = s[1];

			if (c == 'n' || c == 'N') {
				strbuf_addch(out, '\n');
				s++;
				continue;
			}
			if (c == '\\' || c == ';' || c == ',') {
				strbuf_addch(out, c);
				s++;
				continue;
			}
		}
		strbuf_addch(out, *s);
	}
}

static char *text_dup(struct reader *r, const char *s)
{
	unescape_text(&r->tmp, s, strlen(s));
	return xstrndup(r->tmp.buf, r->tmp.len);
}

/* The next item of a comma-separated value list (escaped commas kept). */
static const char *next_item(const char *s, size_t *n)
{
	const char *p = s;

	while (*p && *p != ',') {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	*n = (size_t)(p - s);
	return *p ? p + 1 : NULL;
}

/* ---- structure ---- */

/* Give content line i new text (a repaired END line). */
static void replace_cline(struct reader *r, size_t i, const char *text)
{
	r->cl[i].off = r->text.len;
	r->cl[i].len = strlen(text);
	strbuf_addstr(&r->text, text);
	strbuf_addch(&r->text, '\0');
}

/*
 * The components' nesting. Real files have typos that every calendar
 * app forgives, so this forgives them too, with a warning: a line that is
 * not a content line is skipped, an END that names another component
 * closes the open one, a property outside any VCALENDAR is ignored. What
 * is refused: no VCALENDAR at all (a fragment), a component that is
 * never closed (a cut file), nesting too deep.
 */
/* The error for the control character split_lines found in line i. */
static int ctrl_fail(struct reader *r, size_t i)
{
	return fail_at(r, r->cl[i].ctrl_line, r->cl[i].ctrl_col,
		       "control character U+%04X in a value", r->cl[i].ctrl);
}

/* The first line of first..last with a control character, or 0. */
static size_t ctrl_in(const struct reader *r, size_t first, size_t last)
{
	for (size_t i = first; i <= last; i++)
		if (r->cl[i].ctrl && !r->cl[i].skip)
			return i + 1;
	return 0;
}

static int check_structure(struct reader *r)
{
	struct {
		char name[64];
		long line;
		size_t first;
	} stack[ICAL_MAX_DEPTH];
	int depth = 0;
	size_t ncal = 0;
	struct cprop p;
	struct itin_err keep = *r->err;

	for (size_t i = 0; i < r->ncl; i++) {
		bool begin, end;

		if (parse_cline(r, i, &p)) {
			itin_warn_at(r->w, r->fname, r->err->line, r->err->col,
				     "%s; line ignored", r->err->msg);
			*r->err = keep;
			r->cl[i].skip = true;
			continue;
		}
		begin = name_is(&p, "BEGIN");
		end = name_is(&p, "END");
		if (depth == 0 && !(begin && !ascii_casecmp(p.value, "VCALENDAR"))) {
			if (begin)
				return fail_at(r, p.line, 1,
					       "BEGIN:%.60s outside a VCALENDAR (not "
					       "a complete iCalendar file)",
					       p.value);
			itin_warn_at(r->w, r->fname, p.line, 1,
				     "'%.*s' outside a VCALENDAR ignored",
				     (int)(p.nlen > 60 ? 60 : p.nlen), p.name);
			r->cl[i].skip = true;
			continue;
		}
		/* A control character (--skip-invalid) is for its VEVENT to
		 * answer for; anywhere else it still refuses the file. */
		if (r->cl[i].ctrl &&
		    !(depth >= 2 && !ascii_casecmp(stack[1].name, "VEVENT")))
			return ctrl_fail(r, i);
		if (begin) {
			if (depth == ICAL_MAX_DEPTH)
				return fail_at(r, p.line, 1,
					       "components nested too deeply");
			snprintf(stack[depth].name, sizeof(stack[depth].name),
				 "%s", p.value);
			stack[depth].line = p.line;
			stack[depth].first = i;
			depth++;
			if (depth == 1)
				ncal++;
			if (depth == 2 && !ascii_casecmp(p.value, "VEVENT"))
				r->st->vevents++;
			continue;
		}
		if (end) {
			if (ascii_casecmp(p.value, stack[depth - 1].name)) {
				struct strbuf fix = STRBUF_INIT;

				/* Closing an outer one: the inner one was cut. */
				for (int k = depth - 2; k >= 0; k--)
					if (!ascii_casecmp(p.value, stack[k].name))
						return fail_at(
						    r, stack[depth - 1].line, 1,
						    "BEGIN:%s is never closed "
						    "(END:%s at line %ld comes "
						    "first)",
						    stack[depth - 1].name, p.value,
						    p.line);

				itin_warn_at(r->w, r->fname, p.line, 1,
					     "END:%.60s taken as END:%s (BEGIN at "
					     "line %ld)",
					     p.value, stack[depth - 1].name,
					     stack[depth - 1].line);
				strbuf_addf(&fix, "END:%s", stack[depth - 1].name);
				replace_cline(r, i, fix.buf);
				strbuf_release(&fix);
			}
			depth--;
			if (depth == 1 &&
			    !ascii_casecmp(stack[1].name, "VTIMEZONE")) {
				r->vtz = xgrow(r->vtz, &r->vtzalloc, r->nvtz + 1,
					       sizeof(*r->vtz));
				r->vtz[r->nvtz].tzid = NULL;
				r->vtz[r->nvtz].first = stack[1].first;
				r->vtz[r->nvtz].last = i;
				r->vtz[r->nvtz].line = stack[1].line;
				r->nvtz++;
			}
			continue;
		}
		if (depth == 1 && name_is(&p, "VERSION") &&
		    strcmp(p.value, "2.0") != 0)
			return fail_at(r, p.line, 1,
				       "unsupported VERSION '%.20s' (itin reads "
				       "iCalendar 2.0)",
				       p.value);
		if (depth == 1 && name_is(&p, "METHOD") &&
		    !ascii_casecmp(p.value, "CANCEL"))
			r->cancel = true;
	}
	if (depth)
		return fail_at(r, stack[depth - 1].line, 1,
			       "BEGIN:%s is never closed (END:%s missing)",
			       stack[depth - 1].name, stack[depth - 1].name);
	if (!ncal)
		return fail_at(r, 0, 0, "no VCALENDAR (not an iCalendar file)");
	/* The TZIDs of the VTIMEZONEs. */
	for (size_t k = 0; k < r->nvtz; k++) {
		for (size_t i = r->vtz[k].first + 1; i < r->vtz[k].last; i++) {
			if (r->cl[i].skip)
				continue;
			parse_cline(r, i, &p);
			if (name_is(&p, "TZID")) {
				r->vtz[k].tzid = text_dup(r, p.value);
				break;
			}
			if (name_is(&p, "BEGIN"))
				break;
		}
	}
	return 0;
}

/* ---- time values ---- */

struct itime {
	int64_t lsec;	/* local seconds (UTC seconds when utc) */
	bool is_date;
	bool utc;
};

static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!ascii_isdigit((unsigned char)s[i]))
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* YYYYMMDD or YYYYMMDDTHHMMSS[Z], exactly. */
/*
 * libical 3.0 holds no time after the year 3000 (icaltime_is_valid_time):
 * it writes one as 00000000T000000. A time we could read but never write
 * back is refused here, so what is imported always exports.
 */
#define ICAL_MAX_YEAR 9999

static bool parse_itime(const char *s, size_t n, struct itime *t)
{
	int y, mo, d, h, mi, sec;

	memset(t, 0, sizeof(*t));
	if (n == 9 && s[8] == 'Z')
		n = 8; /* "20131210Z": a date, whatever the Z meant */
	if ((n != 8 && n != 15 && n != 16) || !digits(s, 4, &y) ||
	    !digits(s + 4, 2, &mo) || !digits(s + 6, 2, &d) || y < 1 ||
	    y > ICAL_MAX_YEAR || !date_is_valid(y, mo, d))
		return false;
	t->lsec = days_from_civil(y, mo, d) * ITIN_DAY;
	if (n == 8) {
		t->is_date = true;
		return true;
	}
	if (s[8] != 'T' || !digits(s + 9, 2, &h) || !digits(s + 11, 2, &mi) ||
	    !digits(s + 13, 2, &sec) || h > 23 || mi > 59 || sec > 60 ||
	    (n == 16 && s[15] != 'Z'))
		return false;
	if (sec == 60)
		sec = 59; /* a leap second: itin counts none */
	t->lsec += h * 3600 + mi * 60 + sec;
	t->utc = n == 16;
	return true;
}

static void stamp(char *buf, size_t size, int64_t lsec, bool is_date, bool utc)
{
	int y, m, d, s = lsec_time_of_day(lsec);

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	if (is_date)
		snprintf(buf, size, "%04d%02d%02d", y, m, d);
	else
		snprintf(buf, size, "%04d%02d%02dT%02d%02d%02d%s", y, m, d,
			 s / 3600, s / 60 % 60, s % 60, utc ? "Z" : "");
}

/* ---- zones ---- */

static icaltimezone *embedded_zone(struct reader *r, const char *tzid)
{
	for (size_t k = 0; k < r->nvtz; k++) {
		struct strbuf s = STRBUF_INIT;
		icalcomponent *c, *vtz;
		icaltimezone *z;

		if (!r->vtz[k].tzid || strcmp(r->vtz[k].tzid, tzid))
			continue;
		for (size_t i = r->vtz[k].first; i <= r->vtz[k].last; i++) {
			if (r->cl[i].skip)
				continue;
			strbuf_add(&s, cl_text(r, i), r->cl[i].len);
			strbuf_addstr(&s, "\r\n");
		}
		icalerror_clear_errno();
		c = icalparser_parse_string(s.buf);
		strbuf_release(&s);
		ical_check_memory();
		if (!c)
			return NULL;
		vtz = icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT
			  ? c
			  : icalcomponent_get_first_component(
				c, ICAL_VTIMEZONE_COMPONENT);
		z = icaltimezone_new();
		if (!vtz || !icaltimezone_set_component(
				z, icalcomponent_new_clone(vtz))) {
			ical_check_memory();
			icaltimezone_free(z, 1);
			z = NULL;
		}
		icalcomponent_free(c);
		return z;
	}
	return NULL;
}

/*
 * libical 3.0 expands a VTIMEZONE's changes only up to 2035 and, asked
 * about a later year, expands the whole zone again on every call: an
 * .ics of many far-future times took minutes. A later time is asked
 * about in a month up to 2035 laid out the same way (same length, 1st on
 * the same weekday), so rules such as "last Sunday of March" fall on the
 * same day. That month must come after every finite part of the zone
 * (its latest DTSTART, RDATE, UNTIL or end of COUNT), where only the
 * zone's open-ended rules are in force, as they are in the far year;
 * when no such month exists libical is asked about the real year, slow
 * but right.
 */
#define EMBEDDED_LAST_YEAR 2035

static int64_t same_month_before(int64_t lsec, int first_year)
{
	int y, m, d;
	int64_t first;

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	if (y <= EMBEDDED_LAST_YEAR)
		return lsec;
	first = days_from_civil(y, m, 1);
	for (int c = EMBEDDED_LAST_YEAR;
	     c >= first_year && c > EMBEDDED_LAST_YEAR - 400; c--) {
		int64_t cfirst = days_from_civil(c, m, 1);

		if (days_in_month(c, m) == days_in_month(y, m) &&
		    weekday_from_days(cfirst) == weekday_from_days(first))
			return lsec + (cfirst - first) * ITIN_DAY;
	}
	return lsec;
}

/* The first year after every finite part of the VTIMEZONE z. */
static int open_rules_from(icaltimezone *z)
{
	icalcomponent *c = icaltimezone_get_component(z), *sub;
	int last = 0;

	for (sub = c ? icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT)
		     : NULL;
	     sub; sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		icalproperty *p;
		int start = 0;

		p = icalcomponent_get_first_property(sub, ICAL_DTSTART_PROPERTY);
		if (p)
			start = icalproperty_get_dtstart(p).year;
		if (start > last)
			last = start;
		for (p = icalcomponent_get_first_property(sub, ICAL_RDATE_PROPERTY);
		     p; p = icalcomponent_get_next_property(sub, ICAL_RDATE_PROPERTY)) {
			struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
			int y = icaltime_is_null_time(dp.time) ? dp.period.start.year
							       : dp.time.year;

			if (y > last)
				last = y;
		}
		for (p = icalcomponent_get_first_property(sub, ICAL_RRULE_PROPERTY);
		     p; p = icalcomponent_get_next_property(sub, ICAL_RRULE_PROPERTY)) {
			struct icalrecurrencetype rt = icalproperty_get_rrule(p);
			int y = 0;

			if (!icaltime_is_null_time(rt.until))
				y = rt.until.year;
			else if (rt.count > 0)	/* at most yearly in a VTIMEZONE */
				y = start + rt.count * (rt.interval > 0 ? rt.interval : 1);
			if (y > last)
				last = y;
		}
	}
	return last + 1;
}

/* The offset the file's VTIMEZONE gives local time lsec. */
static int32_t embedded_offset(struct zres *z, int64_t lsec)
{
	struct icaltimetype t;
	int dl = 0;

	if (!z->open_from)
		z->open_from = open_rules_from(z->embedded);
	t = ical_local(same_month_before(lsec, z->open_from), false);
	return (int32_t)icaltimezone_get_utc_offset(z->embedded, &t, &dl);
}

/*
 * A VTIMEZONE's observances are expanded by libical the first time a
 * time is converted with the zone, outside every occurrence budget:
 * an observance with RRULE:FREQ=HOURLY from 1601 took minutes, and a
 * zone of two million RDATEs most of a gigabyte. So, before libical
 * sees a VTIMEZONE, its transitions are bounded here. An observance's
 * RRULE repeats at most yearly (as in RFC 5545's examples, in the tz
 * database and in every calendar of the corpus: a clock that changes
 * more often is no time zone); and what the zone's observances can
 * make (each DTSTART, RDATE, and each rule's dates from its DTSTART to
 * its UNTIL or to the library's last year of expansion, counted per
 * year from its BY parts as an upper bound) is at most
 * ICAL_MAX_ZONE_TRANSITIONS. A real zone has a few hundred.
 */
#define ICAL_MAX_ZONE_TRANSITIONS 10000

static int64_t by_count(const short *v, size_t size);

/* An upper bound on the dates a YEARLY rule makes in one year. */
static int64_t yearly_per_year(const struct icalrecurrencetype *rt)
{
	int64_t months = by_count(rt->by_month, ICAL_BY_MONTH_SIZE);
	int64_t days = 1, per;

	if (rt->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		days = by_count(rt->by_year_day, ICAL_BY_YEARDAY_SIZE);
		months = 1;
	} else if (rt->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		days = by_count(rt->by_week_no, ICAL_BY_WEEKNO_SIZE) * 7;
		months = 1;
	} else if (rt->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		days = by_count(rt->by_month_day, ICAL_BY_MONTHDAY_SIZE);
		if (rt->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX)
			months = 12;
	} else if (rt->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		/* "SU": every Sunday of the month (of the year without
		 * BYMONTH); "-1SU": one. */
		bool in_month = rt->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX;

		days = 0;
		for (int i = 0; i < ICAL_BY_DAY_SIZE &&
				rt->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
			days += icalrecurrencetype_day_position(rt->by_day[i])
					? 1 : in_month ? 5 : 53;
	}
	per = months * days;
	per *= by_count(rt->by_hour, ICAL_BY_HOUR_SIZE);
	per *= by_count(rt->by_minute, ICAL_BY_MINUTE_SIZE);
	per *= by_count(rt->by_second, ICAL_BY_SECOND_SIZE);
	return per;
}

static int too_many_changes(struct reader *r, const char *tzid, long line)
{
	return fail_at(r, line, 1,
		       "VTIMEZONE '%.60s' has more than %d changes of time "
		       "(the most itin reads in one zone)",
		       tzid, ICAL_MAX_ZONE_TRANSITIONS);
}

/* Lines first..last (an observance) add to *n; -1 when that refuses. */
static int count_observance(struct reader *r, const char *tzid, size_t first,
			    size_t last, int64_t *n)
{
	struct cprop p;
	int start = 1;
	int v;

	if (++*n > ICAL_MAX_ZONE_TRANSITIONS)	/* its DTSTART */
		return too_many_changes(r, tzid, r->cl[first].line);
	for (size_t i = first + 1; i < last; i++)
		if (!r->cl[i].skip && !parse_cline(r, i, &p) &&
		    name_is(&p, "DTSTART") && digits(p.value, 4, &v) && v > 0)
			start = v;
	for (size_t i = first + 1; i < last && *n <= ICAL_MAX_ZONE_TRANSITIONS;
	     i++) {
		if (r->cl[i].skip || parse_cline(r, i, &p))
			continue;
		if (name_is(&p, "RDATE")) {
			(*n)++;
			for (const char *c = p.value; (c = strchr(c, ',')); c++)
				(*n)++;
		} else if (name_is(&p, "RRULE")) {
			struct icalrecurrencetype rt =
				icalrecurrencetype_from_string(p.value);
			int end = EMBEDDED_LAST_YEAR, every;
			int64_t made = 0;

			free(rt.rscale);
			ical_check_memory();
			if (rt.freq == ICAL_NO_RECURRENCE)
				continue;	/* libical ignores it too */
			if (rt.freq != ICAL_YEARLY_RECURRENCE)
				return fail_at(r, p.line, 1,
					       "VTIMEZONE '%.60s': RRULE '%.60s' "
					       "changes the clock more often than "
					       "yearly (a time zone rule is "
					       "FREQ=YEARLY)",
					       tzid, p.value);
			if (!icaltime_is_null_time(rt.until) &&
			    rt.until.year < end)
				end = rt.until.year;
			every = rt.interval > 0 ? rt.interval : 1;
			if (end >= start)
				made = ((int64_t)(end - start) / every + 1) *
				       yearly_per_year(&rt);
			if (rt.count > 0 && rt.count < made)
				made = rt.count;
			*n += made;
		}
		if (*n > ICAL_MAX_ZONE_TRANSITIONS)
			return too_many_changes(r, tzid, p.line);
	}
	return 0;
}

/* Each VTIMEZONE bounded as said above, before libical expands any. */
static int check_vtimezones(struct reader *r)
{
	struct cprop p;

	for (size_t k = 0; k < r->nvtz; k++) {
		const char *tzid = r->vtz[k].tzid ? r->vtz[k].tzid : "";
		int64_t n = 0;
		size_t obs = 0;
		int depth = 0;

		/* check_structure() matched every BEGIN with its END. */
		for (size_t i = r->vtz[k].first + 1; i < r->vtz[k].last; i++) {
			if (r->cl[i].skip || parse_cline(r, i, &p))
				continue;
			if (name_is(&p, "BEGIN") && !depth++) {
				obs = i;
			} else if (name_is(&p, "END") && depth && !--depth) {
				if (count_observance(r, tzid, obs, i, &n))
					return -1;
			}
		}
	}
	return 0;
}

static const struct tz *quiet_tz(const char *name)
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
				const struct tz *tz = quiet_tz(p->tz);
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

static struct zres *resolve_tzid(struct reader *r, const char *tzid)
{
	struct zres *z;
	const char *name = tzid, *win;

	for (size_t i = 0; i < r->nzones; i++)
		if (!strcmp(r->zones[i].tzid, tzid))
			return &r->zones[i];
	r->zones = xgrow(r->zones, &r->zalloc, r->nzones + 1, sizeof(*r->zones));
	z = &r->zones[r->nzones++];
	memset(z, 0, sizeof(*z));
	z->tzid = xstrdup(tzid);
	z->how = Z_UNKNOWN;
	/* "/freeassociation.sourceforge.net/Tzfile/Europe/London" and other
	 * prefixed names: the longest tail that is a zone. */
	if (*name == '/') {
		for (const char *p = name; p; p = strchr(p + 1, '/')) {
			if (p[1] && (z->tz = quiet_tz(p + 1))) {
				z->how = Z_IANA;
				break;
			}
		}
	} else if (strlen(name) < 256 && (z->tz = quiet_tz(name))) {
		z->how = Z_IANA;
	}
	if (z->how == Z_UNKNOWN) {
		/* "FLE Standard Time", or Outlook's display name for it:
		 * "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius". */
		const char *wname = winzone_to_iana(name) ? z->tzid
							  : winzone_from_display(name);

		if (wname && (win = winzone_to_iana(wname)) &&
		    (z->tz = quiet_tz(win))) {
			z->how = Z_WINDOWS;
			z->windows = wname;
		}
	}
	if (z->how == Z_UNKNOWN && (z->tz = display_place_zone(name)) != NULL)
		z->how = Z_WINDOWS;	/* checked against the VTIMEZONE alike */
	z->embedded = embedded_zone(r, tzid);
	z->embedded_tried = true;
	if (z->how == Z_UNKNOWN && z->embedded)
		z->how = Z_EMBEDDED;
	return z;
}

/* Where an event is, for placing UTC times: the zone of its place. */
static const struct tz *place_tz(const struct event *ev)
{
	struct place_zone pz;

	place_zone(ev->city, ev->country, &pz);
	return pz.tz ? quiet_tz(pz.tz) : NULL;
}

/*
 * A DATE-TIME of the file as the event keeps it: its zone (NULL for
 * floating) and the local time there. near: the event, for UTC times and
 * unknown zones; line for warnings.
 */
static int event_time(struct reader *r, const struct itime *t, const char *tzid,
		      const struct event *near, long line,
		      const struct tz **tz_out, int64_t *local_out)
{
	const struct tz *tz = NULL;
	int64_t local = t->lsec, instant = t->lsec;
	struct zres *z = NULL;
	struct tz_local_info info;

	if (t->utc) {
		tz = place_tz(near);
		if (!tz)
			tz = quiet_tz("UTC");
		if (tz)
			local = tz_utc_to_local(tz, instant);
		*tz_out = tz;
		*local_out = local;
		return 0;
	}
	if (!tzid) {
		*tz_out = NULL;
		*local_out = local;
		return 0;
	}
	z = resolve_tzid(r, tzid);
	switch (z->how) {
	case Z_IANA:
	case Z_WINDOWS:
		tz = z->tz;
		if (z->windows && near && near->country[0]) {
			/* CLDR's zone for the event's country: "FLE
			 * Standard Time" in Vilnius is Europe/Vilnius, not
			 * the default Europe/Kyiv. */
			const char *in = winzone_to_iana_in(z->windows,
							    near->country);
			const struct tz *t2 = in ? quiet_tz(in) : NULL;

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
		instant = tz_local_to_utc(tz, local, &info);
		if (info.kind == TZ_LOCAL_GAP) {
			/* RFC 5545 3.3.5: the offset before the gap. */
			char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

			local = tz_utc_to_local(tz, instant);
			when_format(t->lsec, true, ' ', a);
			when_format(local, true, ' ', b);
			itin_warn_at(r->w, r->fname, line, 0,
				     "time %s does not exist in %s; taken as %s",
				     a, tz_name(tz), b);
		}
		/* Past EMBEDDED_LAST_YEAR libical cannot tell what the file's
		 * VTIMEZONE says: nothing to check the tz database against. */
		if (z->embedded &&
		    (z->how == Z_WINDOWS ||
		     lsec_day(t->lsec) < days_from_civil(EMBEDDED_LAST_YEAR + 1, 1, 1))) {
			int64_t theirs = t->lsec - embedded_offset(z, t->lsec);

			if (theirs != instant && z->how == Z_WINDOWS) {
				if (!z->warned)
					itin_warn_at(r->w, r->fname, line, 0,
						     "the file's VTIMEZONE '%s' disagrees "
						     "with %s; using the file's offsets",
						     tzid, tz_name(tz));
				z->warned = true;
				local = tz_utc_to_local(tz, theirs);
			} else if (theirs != instant && !z->warned) {
				char a[ITIN_WHEN_MAX];

				when_format(t->lsec, true, ' ', a);
				itin_warn_at(r->w, r->fname, line, 0,
					     "the file's VTIMEZONE '%s' disagrees with "
					     "the tz database at %s; using the tz "
					     "database",
					     tzid, a);
				z->warned = true;
			}
		}
		break;
	case Z_EMBEDDED:
		instant = t->lsec - embedded_offset(z, t->lsec);
		tz = place_tz(near);
		if (!tz)
			tz = quiet_tz("UTC");
		if (!z->warned)
			itin_warn_at(r->w, r->fname, line, 0,
				     "time zone '%s' is not in the tz database; "
				     "times converted with the file's VTIMEZONE "
				     "to %s",
				     tzid, tz ? tz_name(tz) : "UTC");
		z->warned = true;
		local = tz ? tz_utc_to_local(tz, instant) : instant;
		break;
	case Z_UNKNOWN:
		if (!z->warned)
			itin_warn_at(r->w, r->fname, line, 0,
				     "unknown time zone '%s' and no VTIMEZONE "
				     "for it; times are floating",
				     tzid);
		z->warned = true;
		tz = NULL;
		break;
	}
	*tz_out = tz;
	*local_out = local;
	return 0;
}

/* The instant of a zone's local time (floating: the local time itself). */
static int64_t instant_of(const struct tz *tz, int64_t local)
{
	return tz ? tz_local_to_utc(tz, local, NULL) : local;
}

/* ---- one VEVENT ---- */

/* The direct properties of a VEVENT (nested VALARMs left out). */
struct vprops {
	struct cprop *v;
	size_t n;
};

static const struct cprop *find(const struct vprops *vp, const char *name)
{
	for (size_t i = 0; i < vp->n; i++)
		if (name_is(&vp->v[i], name))
			return &vp->v[i];
	return NULL;
}

/*
 * Properties that decide the times appear once; a second one (a line
 * smuggled into a text value, or a sloppy producer) is ignored with a
 * warning: find() takes the first.
 */
static void check_once(struct reader *r, const struct vprops *vp)
{
	static const char *const once[] = { "UID", "DTSTART", "DTEND",
					    "DURATION", "RECURRENCE-ID" };

	for (size_t k = 0; k < sizeof(once) / sizeof(once[0]); k++) {
		const struct cprop *first = NULL;

		for (size_t i = 0; i < vp->n; i++) {
			if (!name_is(&vp->v[i], once[k]))
				continue;
			if (first)
				itin_warn_at(r->w, r->fname, vp->v[i].line, 1,
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

/* "Name (Role)" with '\' escapes, as participant_encode() writes it. */
static void participant_decode(struct event *ev, const char *s)
{
	struct strbuf name = STRBUF_INIT, role = STRBUF_INIT, *cur = &name;
	size_t n = strlen(s);
	const char *open = NULL;

	/* The role: the last unescaped "(" of a value ending in ")". */
	if (n && s[n - 1] == ')') {
		for (const char *p = s; *p; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				continue;
			}
			if (*p == '(' && p > s && p[-1] == ' ')
				open = p;
		}
	}
	for (const char *p = s; *p; p++) {
		if (open && p == open - 1)
			continue; /* the space before "(" */
		if (open && p == open) {
			cur = &role;
			continue;
		}
		if (open && p == s + n - 1)
			break;
		if (*p == '\\' && p[1])
			p++;
		strbuf_addch(cur, *p);
	}
	if (name.len)
		event_add_participant(ev, name.buf, open ? role.buf : NULL);
	strbuf_release(&name);
	strbuf_release(&role);
}

/* LOCATION from another program: venue, city and country by the one
 * parser of location.h. */
static void parse_location(struct event *ev, const char *loc)
{
	struct location l;

	location_parse(loc, &l);
	ev->venue = l.venue;
	ev->city = l.city;
	memcpy(ev->country, l.country, 3);
	l.venue = l.city = NULL;
	location_release(&l);
}

/* An ATTENDEE or ORGANIZER: its CN, else its address. */
static void add_person(struct reader *r, struct event *ev, const struct cprop *p,
		       const char *role)
{
	struct strbuf cn = STRBUF_INIT, rp = STRBUF_INIT;
	const char *name;

	if (get_param(p, "CN", &cn) && cn.len) {
		name = cn.buf;
	} else {
		name = p->value;
		if (!ascii_ncasecmp(name, "mailto:", 7))
			name += 7;
	}
	if (!role && get_param(p, "ROLE", &rp)) {
		if (!ascii_casecmp(rp.buf, "CHAIR"))
			role = "chair";
		else if (!ascii_casecmp(rp.buf, "OPT-PARTICIPANT"))
			role = "optional";
		else if (!ascii_casecmp(rp.buf, "NON-PARTICIPANT"))
			role = "for information";
	}
	if (*name) {
		bool dup = false;

		for (size_t i = 0; i < ev->nwith; i++)
			dup = dup || !strcmp(ev->with[i].name, name);
		if (!dup)
			event_add_participant(ev, name, role);
	}
	(void)r;
	strbuf_release(&cn);
	strbuf_release(&rp);
}

/* The categories but the first that names the type (when it does). */
static void add_category_tags(struct event *ev, char *const *items, size_t n,
			      bool type_named)
{
	bool skipped = !type_named;

	for (size_t i = 0; i < n; i++) {
		if (!skipped && !ascii_casecmp(items[i], event_type_name(ev->type))) {
			skipped = true;
			continue;
		}
		event_add_tag(ev, items[i]);
	}
}

static bool same_text(struct strbuf *tmp, const char *rendered,
		      const char *have)
{
	ics_text(tmp, rendered);
	return !strcmp(tmp->buf, have ? have : "");
}

/*
 * The text fields. An itin export carries them exactly in X-ITIN-
 * properties; those are used while the standard property still says what
 * they would render to, so an event edited in a calendar app keeps the
 * edit.
 */
static void read_text(struct reader *r, struct event *ev,
		      const struct vprops *vp)
{
	struct event *x = event_new();
	const struct cprop *p;
	char *summary = NULL, *location = NULL, *description = NULL;
	struct strbuf cats = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	char **items = NULL;
	size_t nitems = 0, ialloc = 0, i;
	bool ours = false;
	int t = -1;
	/* What this VEVENT says (evident.h): the times always; any other
	 * field only when a property gives it, so an update from a calendar
	 * that never writes it keeps what is stored. */
	unsigned carried = EVF_WHEN | EVF_TZ | EVF_STATUS | EVF_SEQ;

	for (i = 0; i < vp->n; i++) {
		const struct cprop *q = &vp->v[i];
		char *v;

		if (q->nlen < 7 || ascii_ncasecmp(q->name, "X-ITIN-", 7))
			continue;
		v = text_dup(r, q->value);
		{
			char *d = x_decode(v);

			free(v);
			v = d;
		}
		if (name_is(q, "X-ITIN-TYPE")) {
			t = event_type_parse(v);
			ours = t >= 0;
		} else if (name_is(q, "X-ITIN-TITLE")) {
			event_set_str(x, &x->title, v);
		} else if (name_is(q, "X-ITIN-VENUE")) {
			event_set_str(x, &x->venue, v);
		} else if (name_is(q, "X-ITIN-CITY")) {
			event_set_str(x, &x->city, v);
		} else if (name_is(q, "X-ITIN-COUNTRY")) {
			if (strlen(v) == 2 && country_code_is_valid(v))
				memcpy(x->country, v, 3);
		} else if (name_is(q, "X-ITIN-ORG")) {
			event_set_str(x, &x->org, v);
		} else if (name_is(q, "X-ITIN-PARTICIPANT")) {
			participant_decode(x, v);
		} else if (name_is(q, "X-ITIN-TAG")) {
			event_add_tag(x, v);
		} else if (name_is(q, "X-ITIN-SOURCE")) {
			event_set_str(x, &x->source, v);
		} else if (name_is(q, "X-ITIN-NOTES")) {
			event_set_str(x, &x->notes, v);
		}
		free(v);
	}

	if ((p = find(vp, "SUMMARY")))
		summary = text_dup(r, p->value);
	if ((p = find(vp, "LOCATION")))
		location = text_dup(r, p->value);
	if ((p = find(vp, "DESCRIPTION")))
		description = text_dup(r, p->value);
	for (i = 0; i < vp->n; i++) {
		const char *s, *next;
		size_t n;

		if (!name_is(&vp->v[i], "CATEGORIES"))
			continue;
		for (s = vp->v[i].value; s; s = next) {
			next = next_item(s, &n);
			unescape_text(&a, s, n);
			if (!a.len)
				continue;
			items = xgrow(items, &ialloc, nitems + 1, sizeof(*items));
			items[nitems++] = xstrdup(a.buf);
			if (cats.len)
				strbuf_addch(&cats, ',');
			strbuf_addstr(&cats, a.buf);
		}
	}

	if (summary)
		carried |= EVF_TITLE;
	/* Title. */
	if (x->title && summary && same_text(&a, x->title, summary))
		ev->title = xstrdup(x->title);
	else if (summary && *summary)
		ev->title = xstrdup(summary);
	else
		ev->title = xstrdup("(no title)");

	/* Place. */
	location_text(&b, x->venue, x->city, x->country);
	if (ours && same_text(&a, b.buf, location)) {
		ev->venue = xstrdup_or_null(x->venue);
		ev->city = xstrdup_or_null(x->city);
		memcpy(ev->country, x->country, 3);
		carried |= EVF_VENUE | EVF_CITY | EVF_COUNTRY;
	} else if (location && *location) {
		parse_location(ev, location);
		carried |= EVF_VENUE | EVF_CITY | EVF_COUNTRY;
	}

	/* Notes, people, organisation, source. */
	description_text(&b, x->notes, x->with, x->nwith, x->org, x->source);
	if (ours && same_text(&a, b.buf, description)) {
		ev->notes = xstrdup_or_null(x->notes);
		for (i = 0; i < x->nwith; i++)
			event_add_participant(ev, x->with[i].name, x->with[i].role);
		ev->org = xstrdup_or_null(x->org);
		ev->source = xstrdup_or_null(x->source);
		/* itin's own properties, each only when it is there. */
		carried |= (x->notes ? EVF_NOTES : 0u) |
			   (x->nwith ? EVF_WITH : 0u) |
			   (x->org ? EVF_ORG : 0u) |
			   (x->source ? EVF_SOURCE : 0u);
	} else {
		if (description) {
			if (*description)
				ev->notes = xstrdup(description);
			carried |= EVF_NOTES;
		}
		if ((p = find(vp, "ORGANIZER"))) {
			add_person(r, ev, p, "organizer");
			carried |= EVF_WITH;
		}
		for (i = 0; i < vp->n; i++)
			if (name_is(&vp->v[i], "ATTENDEE")) {
				add_person(r, ev, &vp->v[i], NULL);
				carried |= EVF_WITH;
			}
		if ((p = find(vp, "URL"))) {
			if (*p->value)
				ev->source = text_dup(r, p->value);
			carried |= EVF_SOURCE;
		}
	}

	/* Type and tags. */
	if (ours) {
		ev->type = (enum event_type)t;
		categories_text(&b, ev->type, x->tags, x->ntags);
		if (same_text(&a, b.buf, cats.buf)) {
			for (i = 0; i < x->ntags; i++)
				event_add_tag(ev, x->tags[i]);
		} else {
			add_category_tags(ev, items, nitems, true);
		}
	} else {
		for (i = 0; i < nitems && t < 0; i++)
			t = event_type_parse(items[i]);
		/* A type guessed from the title is not the file's word. */
		if (t >= 0)
			carried |= EVF_TYPE;
		ev->type = t >= 0 ? (enum event_type)t : typeguess(ev->title);
		add_category_tags(ev, items, nitems, t >= 0);
	}
	if (ours)
		carried |= EVF_TYPE;
	/* Tags when the file gives any: the CATEGORIES an export writes
	 * always name the type, which says nothing about tags. */
	if (ev->ntags)
		carried |= EVF_TAGS;

	/* Status and revision. */
	if ((p = find(vp, "STATUS"))) {
		if (!ascii_casecmp(p->value, "TENTATIVE"))
			ev->status = EV_TENTATIVE;
		else if (!ascii_casecmp(p->value, "CANCELLED"))
			ev->status = EV_CANCELLED;
	}
	if (r->cancel)
		ev->status = EV_CANCELLED;
	if ((p = find(vp, "SEQUENCE"))) {
		unsigned long v = 0;
		const char *s = p->value;

		if (*s == '+')
			s++;
		while (ascii_isdigit((unsigned char)*s) && v <= EVENT_MAX_SEQ)
			v = v * 10 + (unsigned long)(*s++ - '0');
		if (!*s && v <= EVENT_MAX_SEQ && s > p->value &&
		    ascii_isdigit((unsigned char)s[-1]))
			ev->seq = (unsigned)v;
		else
			/* Read as 0, the default, but not silently: the
			 * revision decides which version an import keeps. */
			itin_warn_at(r->w, r->fname, p->line, 1,
				     "invalid SEQUENCE '%.40s' (a number from "
				     "0 to %u); read as 0",
				     p->value, EVENT_MAX_SEQ);
	}
	/* What the calendar said, kept apart from the local count. */
	ev->src_seq = ev->seq;
	/* When SEQUENCE ties, LAST-MODIFIED tells the newer of two
	 * versions (a time that is not UTC, as RFC 5545 wants, is read as
	 * if it were: an hour off at worst, and never silently a day). */
	if ((p = find(vp, "LAST-MODIFIED"))) {
		struct itime lm;

		if (parse_itime(p->value, strlen(p->value), &lm) && !lm.is_date) {
			ev->modified = lm.lsec;
			ev->has_modified = true;
			carried |= EVF_MODIFIED;
		}
	}
	ev->carried = carried;

	for (i = 0; i < nitems; i++)
		free(items[i]);
	free(items);
	free(summary);
	free(location);
	free(description);
	event_free(x);
	strbuf_release(&cats);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* A time property's value and TZID. */
static int read_itime(struct reader *r, const struct cprop *p, struct itime *t,
		      struct strbuf *tzid, bool *has_tzid)
{
	const char *v = p->value;
	size_t n = strlen(v);

	if (!parse_itime(v, n, t))
		return fail_at(r, p->line, 1, "invalid %.*s '%.*s' (expected "
			       "YYYYMMDD or YYYYMMDDTHHMMSS[Z])",
			       (int)p->nlen, p->name, (int)(n > 40 ? 40 : n), v);
	*has_tzid = get_param(p, "TZID", tzid) && tzid->len && !t->utc &&
		    !t->is_date;
	return 0;
}

/* DURATION as nominal days and exact seconds. */
static int read_duration(struct reader *r, const struct cprop *p, bool allday,
			 int64_t *days, int64_t *secs)
{
	struct icaldurationtype d = icaldurationtype_from_string(p->value);

	if (icaldurationtype_is_bad_duration(d) || d.is_neg)
		return fail_at(r, p->line, 1, "invalid DURATION '%.40s'", p->value);
	/* unsigned int fields: no overflow in 64 bits. As long as the
	 * years 0001-9999 at most: export writes the length of an all-day
	 * event that ends on 9999-12-31 as a DURATION, which must read back
	 * (event_check() refuses an end past 9999). */
	*days = (int64_t)d.weeks * 7 + d.days;
	*secs = (int64_t)d.hours * 3600 + (int64_t)d.minutes * 60 + d.seconds;
	if (*days > ICAL_MAX_DAYS || *secs > (int64_t)ICAL_MAX_DAYS * ITIN_DAY)
		return fail_at(r, p->line, 1, "DURATION '%.40s' is too long",
			       p->value);
	if (allday && *secs) {
		/* "PT86400S" for a day: whole days, rounded up. */
		*days += (*secs + ITIN_DAY - 1) / ITIN_DAY;
		*secs = 0;
	}
	return 0;
}

/*
 * Set ev's start and end from DTSTART, DTEND or DURATION. An unusable
 * DTSTART refuses the VEVENT; an unusable end is dropped with a warning
 * (the event keeps its start), as calendar apps do.
 */
static int read_times(struct reader *r, struct event *ev,
		      const struct vprops *vp, const struct cprop *dtstart)
{
	const struct cprop *dtend = find(vp, "DTEND"), *dur = find(vp, "DURATION");
	struct strbuf tzid = STRBUF_INIT, etzid = STRBUF_INIT;
	struct itime ts, te;
	bool has_tzid, has_etzid = false;
	const struct tz *tz = NULL, *etz = NULL;
	int64_t local, elocal, days = 0, secs = 0;
	int ret = -1;
	struct itin_err keep = *r->err;

	if (read_itime(r, dtstart, &ts, &tzid, &has_tzid))
		goto out;
	if (dtend && dur) {
		itin_warn_at(r->w, r->fname, dur->line, 1,
			     "both DTEND and DURATION; DURATION ignored");
		dur = NULL;
	}
	if (dtend && read_itime(r, dtend, &te, &etzid, &has_etzid)) {
		itin_warn_at(r->w, r->fname, r->err->line, r->err->col,
			     "%s; ignored", r->err->msg);
		*r->err = keep;
		dtend = NULL;
	}
	if (dtend && te.is_date != ts.is_date) {
		itin_warn_at(r->w, r->fname, dtend->line, 1,
			     "DTEND is a %s but DTSTART is a %s; %s",
			     te.is_date ? "date" : "date-time",
			     ts.is_date ? "date" : "date-time",
			     ts.is_date ? "its date is used" : "ignored");
		if (ts.is_date) {
			/* A time after midnight still covers that day. */
			int64_t d = lsec_day(te.lsec);

			te.lsec = (lsec_time_of_day(te.lsec) ? d + 1 : d) * ITIN_DAY;
			te.is_date = true;
		} else {
			dtend = NULL;
		}
	}
	if (dur && read_duration(r, dur, ts.is_date, &days, &secs)) {
		itin_warn_at(r->w, r->fname, r->err->line, r->err->col,
			     "%s; ignored", r->err->msg);
		*r->err = keep;
		dur = NULL;
	}

	if (ts.is_date) {
		int64_t first = lsec_day(ts.lsec), excl = first + 1;

		ev->allday = true;
		ev->start = ts.lsec;
		if (dtend)
			excl = lsec_day(te.lsec);
		else if (dur)
			excl = first + (days ? days : 1);
		if (excl <= first) {
			if (dtend && excl < first) {
				fail_at(r, dtend->line, 1,
					"DTEND %.8s is before DTSTART %.8s",
					dtend->value, dtstart->value);
				goto out;
			}
			/* DTEND = DTSTART: meant as that one day. */
			itin_warn_at(r->w, r->fname, dtend ? dtend->line : dur->line,
				     1,
				     "an all-day DTEND must be after DTSTART (it "
				     "is the day after the last); taken as one "
				     "day");
			excl = first + 1;
		}
		ev->has_end = excl - 1 > first;
		ev->end = ev->has_end ? (excl - 1) * ITIN_DAY : 0;
		ret = 0;
		goto out;
	}

	if (event_time(r, &ts, has_tzid ? tzid.buf : NULL, ev, dtstart->line,
		       &tz, &local))
		goto out;
	ev->allday = false;
	ev->start = local;
	event_set_str(ev, &ev->tz, tz ? tz_name(tz) : NULL);
	if (dtend) {
		if (!te.utc && !has_etzid && tz) {
			/* A floating end of a zoned start: in its zone. */
			etz = tz;
			elocal = te.lsec;
			if (has_tzid)
				event_time(r, &te, tzid.buf, ev, dtend->line, &etz,
					   &elocal);
		} else if (event_time(r, &te, has_etzid ? etzid.buf : NULL, ev,
				      dtend->line, &etz, &elocal)) {
			goto out;
		}
		if (!tz && etz) {
			/* A zoned end of a floating start: keep its clock. */
			etz = NULL;
			elocal = te.lsec;
		}
		ev->has_end = true;
		ev->end = elocal;
		if (etz && etz != tz)
			event_set_str(ev, &ev->end_tz, tz_name(etz));
	} else if (dur) {
		ev->has_end = true;
		ev->end = local + days * ITIN_DAY;
		if (secs)
			ev->end = tz ? tz_utc_to_local(tz, instant_of(tz, ev->end) + secs)
				     : ev->end + secs;
	}
	ret = 0;
out:
	strbuf_release(&tzid);
	strbuf_release(&etzid);
	return ret;
}

/* Warnings from event_check() get the VEVENT's file and line. */
struct located {
	const struct itin_warner *inner;
	const char *file;
	long line;
};

static void located_warn(void *ctx, const struct itin_err *w)
{
	const struct located *lw = ctx;
	struct itin_err c = *w;

	if (!c.file[0])
		snprintf(c.file, sizeof(c.file), "%s", lw->file);
	if (!c.line)
		c.line = lw->line;
	lw->inner->fn(lw->inner->ctx, &c);
}

/*
 * event_check() says "title too long" of the event; the VEVENT at line
 * may be thousands of lines long (a folded SUMMARY of megabytes), so the
 * property that made the field is found for the message: its first
 * physical line, column 1. 0 when none is found.
 */
static long long_field_line(struct reader *r, long line, const char *msg)
{
	static const struct {
		const char *what, *prop;
	} map[] = {
	    {"title ", "SUMMARY"},	   {"venue ", "LOCATION"},
	    {"city ", "LOCATION"},	   {"notes ", "DESCRIPTION"},
	    {"source ", "URL"},		   {"uid ", "UID"},
	    {"participant ", "ATTENDEE"}, {"tag ", "CATEGORIES"},
	};
	const char *prop = NULL;
	size_t i, best = 0;
	long at = 0;
	struct cprop p;

	if (!strstr(msg, " too long ("))
		return 0;
	for (i = 0; i < sizeof(map) / sizeof(map[0]) && !prop; i++)
		if (!strncmp(msg, map[i].what, strlen(map[i].what)))
			prop = map[i].prop;
	for (i = 0; i < r->ncl && r->cl[i].line != line; i++)
		;
	for (i++; i < r->ncl; i++) {
		if (r->cl[i].skip || parse_cline(r, i, &p))
			continue;
		if (name_is(&p, "END") && !ascii_casecmp(p.value, "VEVENT"))
			break;
		/* The longest line of that property (of any, when the
		 * field is not one mapped here). */
		if ((!prop || name_is(&p, prop)) && r->cl[i].len > best) {
			best = r->cl[i].len;
			at = r->cl[i].line;
		}
	}
	return at;
}

/* Check ev and append it; takes ev. */
static int emit(struct reader *r, struct event *ev, long line)
{
	struct located lw = { r->w, r->fname, line };
	struct itin_warner wrap = { located_warn, &lw };
	enum event_part part;
	long first;

	if (!ev->line)
		ev->line = (uint32_t)line;
	if (event_check_part(ev, r->w && r->w->fn ? &wrap : NULL, r->err, &part)) {
		struct itin_err keep = *r->err;
		long at = long_field_line(r, line, keep.msg);

		*r->err = keep;
		snprintf(r->err->file, sizeof(r->err->file), "%s", r->fname);
		r->err->line = at ? at : line;
		r->err->col = at ? 1 : 0;
		event_free(ev);
		return -1;
	}
	first = evindex_find(r->ids, ev->id);
	/* X-ITIN-ID beside a UID: a second event of the file claiming it
	 * under another UID is a copy (evmerge.c: check_xid()). */
	if (first >= 0 && ev->uid && (ev->carried & EVF_ID)) {
		long at = evlist_find(r->out, ev->id);

		if (at >= 0 && (!r->out->v[at]->uid ||
				strcmp(r->out->v[at]->uid, ev->uid))) {
			char *id = event_derive_id(ev);

			itin_warn_at(r->w, r->fname, line, 1,
				     "X-ITIN-ID '%s' again (first at line "
				     "%ld) with another UID; id %s from the "
				     "UID instead",
				     ev->id, first, id);
			event_set_str(ev, &ev->id, id);
			free(id);
			ev->carried &= ~(unsigned)EVF_ID;
			first = evindex_find(r->ids, ev->id);
		}
	}
	if (first >= 0) {
		long at = evlist_find(r->out, ev->id);

		/* The same event twice (no UID to tell them apart): one. */
		if (at >= 0 && evident_same(r->out->v[at], ev, EVF_ALL)) {
			itin_warn_at(r->w, r->fname, line, 1,
				     "VEVENT '%.80s' is the same event as line "
				     "%ld; read once",
				     ev->title, first);
			event_free(ev);
			return 0;
		}
		fail_at(r, line, 0, "duplicate id '%s' (first at line %ld)",
			ev->id, first);
		event_free(ev);
		return -1;
	}
	evindex_put(r->ids, ev->id, (size_t)line);
	evlist_add(r->out, ev);
	r->st->events++;
	return 0;
}

/* A problem with one VEVENT: fatal, or a warning with --skip-invalid. */
static int refuse(struct reader *r)
{
	char msg[sizeof(r->err->msg) + 300];

	if (!(r->o->flags & ICALIO_SKIP_INVALID))
		return -1;
	itin_err_format(r->err, msg, sizeof(msg));
	if (r->w && r->w->fn) {
		struct itin_err w = *r->err;

		w.status = 0;
		snprintf(w.msg, sizeof(w.msg), "VEVENT refused: %.480s",
			 r->err->msg);
		r->w->fn(r->w->ctx, &w);
	}
	r->st->skipped++;
	itin_err_clear(r->err);
	return 0;
}

/*
 * What an override (RECURRENCE-ID) changes: the occurrence it names, or
 * with RANGE=THISANDFUTURE that one and every later one. A rule of its
 * own (RRULE, RDATE) is not read: said, never dropped without a word.
 */
static void override_range(struct reader *r, struct pending *pe,
			   const struct cprop *recid, bool recurring)
{
	if (get_param(recid, "RANGE", &r->tmp)) {
		if (!ascii_casecmp(r->tmp.buf, "THISANDFUTURE"))
			pe->future = true;
		else
			itin_warn_at(r->w, r->fname, recid->line, 1,
				     "RECURRENCE-ID;RANGE=%.40s is not supported; "
				     "the override changes only the occurrence "
				     "it names",
				     r->tmp.buf);
	}
	pe->own_rule = recurring;
}

static int read_vevent(struct reader *r, size_t first, size_t last)
{
	struct vprops vp = { NULL, 0 };
	const struct cprop *dtstart, *uid, *recid;
	struct event *ev = NULL;
	struct pending *pe;
	long line = r->cl[first].line, seen;
	int depth = 0, ret = -1;
	bool recurring = false;
	struct strbuf key = STRBUF_INIT;

	vp.v = xmalloc((last - first + 1) * sizeof(*vp.v));
	for (size_t i = first + 1; i < last; i++) {
		struct cprop p;

		if (r->cl[i].skip)
			continue;
		parse_cline(r, i, &p);
		if (name_is(&p, "BEGIN")) {
			depth++;
		} else if (name_is(&p, "END")) {
			depth--;
		} else if (!depth) {
			vp.v[vp.n++] = p;
			recurring = recurring || name_is(&p, "RRULE") ||
				    name_is(&p, "RDATE");
		}
	}
	check_once(r, &vp);
	dtstart = find(&vp, "DTSTART");
	uid = find(&vp, "UID");
	recid = find(&vp, "RECURRENCE-ID");
	if (!uid)
		lapse_note(&r->no_uid, line, 0);
	if (!find(&vp, "DTSTAMP"))
		lapse_note(&r->no_dtstamp, line, 0);
	if (!dtstart) {
		/* Allowed in scheduling messages; nothing to put in a
		 * calendar either way. */
		itin_warn_at(r->w, r->fname, line, 1,
			     "VEVENT without DTSTART ignored");
		ret = 0;
		goto out;
	}
	{
		struct itime t;

		if (!parse_itime(dtstart->value, strlen(dtstart->value), &t)) {
			itin_warn_at(r->w, r->fname, dtstart->line, 1,
				     "invalid DTSTART '%.40s'; VEVENT ignored",
				     dtstart->value);
			ret = 0;
			goto out;
		}
	}
	ev = event_new();
	read_text(r, ev, &vp);
	if (read_times(r, ev, &vp, dtstart))
		goto out;

	r->pend = xgrow(r->pend, &r->palloc, r->npend + 1, sizeof(*r->pend));
	pe = &r->pend[r->npend];
	memset(pe, 0, sizeof(*pe));
	pe->ev = ev;
	pe->uid = uid ? text_dup(r, uid->value) : NULL;
	if (pe->uid) {
		const struct cprop *xp = find(&vp, "X-ITIN-ID");
		char *xid = NULL;

		if (xp) {
			char *v = text_dup(r, xp->value);

			xid = x_decode(v);
			free(v);
		}
		adopt_uid(pe->ev, pe->uid, xid);
		pe->ev->carried |= EVF_UID | (pe->ev->id ? EVF_ID : 0u);
		free(xid);
	}
	pe->line = line;
	pe->first = first;
	pe->last = last;
	pe->kind = recid ? V_OVERRIDE : recurring ? V_MASTER : V_SINGLE;
	pe->is_override = recid != NULL;
	if (recid)
		override_range(r, pe, recid, recurring);
	ev = NULL;
	/* The same UID again: the higher SEQUENCE wins, the later on a tie
	 * (an update sent after the original). */
	if (pe->uid) {
		strbuf_addstr(&key, pe->uid);
		if (recid) {
			strbuf_addch(&key, '\x1f');
			strbuf_addstr(&key, recid->value);
		}
		seen = evindex_find(r->uids, key.buf);
		if (seen >= 0) {
			struct pending *old = &r->pend[seen];
			bool newer = pe->ev->seq >= old->ev->seq;

			itin_warn_at(r->w, r->fname, line, 1,
				     "UID '%.200s' again (first at line %ld); "
				     "keeping the %s",
				     pe->uid, old->line,
				     newer ? "later one" : "one with the higher SEQUENCE");
			if (newer) {
				old->dropped = true;
				evindex_put(r->uids, key.buf, r->npend);
			} else {
				pe->dropped = true;
			}
		} else {
			evindex_put(r->uids, key.buf, r->npend);
		}
	}
	r->npend++;
	ret = 0;
out:
	event_free(ev);
	free(vp.v);
	strbuf_release(&key);
	return ret;
}

/* ---- recurrence ---- */

/*
 * A series repeats on the clock of its DTSTART (RFC 5545 3.3.10): the
 * clock of its TZID (the tz database's zone, or the file's own VTIMEZONE
 * when the name is not a zone), UTC for a UTC DTSTART, the bare clock for
 * a floating or all-day one. The rule is expanded on that clock, so an
 * occurrence keeps its local time and weekday across a DST change there;
 * only then is each occurrence placed in the zone the event is kept in
 * (for a VTIMEZONE-only TZID or a UTC time, the zone of the place, which
 * may have other DST dates or none).
 */
enum fkind { F_FLOATING, F_UTC, F_TZ, F_EMBEDDED };
struct frame {
	enum fkind kind;
	const struct tz *tz;	/* F_TZ */
	size_t zi;		/* F_TZ, F_EMBEDDED: r->zones[zi] (an index:
				   resolve_tzid() may move the array) */
	int64_t start;		/* DTSTART on the frame's clock */
};

/* The properties of lines first..last that are the component's own (not
 * its VALARMs'); vp->v is the caller's to free. */
static void top_props(struct reader *r, size_t first, size_t last,
		      struct vprops *vp)
{
	int depth = 0;

	vp->n = 0;
	vp->v = xmalloc((last - first + 1) * sizeof(*vp->v));
	for (size_t i = first + 1; i < last; i++) {
		struct cprop p;

		if (r->cl[i].skip)
			continue;
		parse_cline(r, i, &p);
		if (name_is(&p, "BEGIN"))
			depth++;
		else if (name_is(&p, "END"))
			depth--;
		else if (!depth)
			vp->v[vp->n++] = p;
	}
}

/* The clock of a TZID: the tz database's zone when the name maps to
 * one, else the file's VTIMEZONE, else none (floating). */
static void zone_frame(struct reader *r, struct zres *z, struct frame *f)
{
	f->zi = (size_t)(z - r->zones);
	f->kind = F_FLOATING;
	/* As event_time(): a Windows name's own VTIMEZONE wins over the
	 * zone it maps to, so the series runs on the file's clock. */
	if (z->tz && !(z->how == Z_WINDOWS && z->embedded)) {
		f->kind = F_TZ;
		f->tz = z->tz;
	} else if (z->embedded) {
		f->kind = F_EMBEDDED;
	}
}

/* The frame of the series whose first event is m and properties vp. */
static int series_frame(struct reader *r, const struct event *m,
			const struct vprops *vp, struct frame *f)
{
	const struct cprop *p = find(vp, "DTSTART");
	struct strbuf tzid = STRBUF_INIT;
	struct itime t;
	bool has;
	int ret = -1;

	memset(f, 0, sizeof(*f));
	f->kind = F_FLOATING;
	if (!p || read_itime(r, p, &t, &tzid, &has))
		goto out;
	f->start = t.lsec;
	if (m->allday) {
		f->start = lsec_day(t.lsec) * ITIN_DAY;
	} else if (t.utc) {
		f->kind = F_UTC;
	} else if (has) {
		zone_frame(r, resolve_tzid(r, tzid.buf), f);
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
	int64_t l = u + embedded_offset(z, u);

	return u + embedded_offset(z, l);
}

/* The instant of fl on frame f's clock (F_FLOATING: fl itself). */
static int64_t frame_instant(struct reader *r, const struct frame *f,
			     int64_t fl)
{
	switch (f->kind) {
	case F_TZ:
		return tz_local_to_utc(f->tz, fl, NULL);
	case F_EMBEDDED:
		return fl - embedded_offset(&r->zones[f->zi], fl);
	case F_UTC:
	case F_FLOATING:
		break;
	}
	return fl;
}

/* Instant u on frame f's clock (for a UTC UNTIL). */
static int64_t frame_local(struct reader *r, const struct frame *f,
			   int64_t u)
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
static int64_t occ_key(const struct event *m, const struct tz *tz, int64_t local)
{
	if (m->allday)
		return lsec_day(local) * ITIN_DAY;
	return tz ? instant_of(tz, local) : local;
}

/* The key of time fl on the frame's clock. */
static int64_t frame_key(struct reader *r, const struct frame *f,
			 const struct event *m, const struct tz *mtz, int64_t fl)
{
	if (m->allday)
		return lsec_day(fl) * ITIN_DAY;
	return mtz ? frame_instant(r, f, fl) : fl;
}

/* The local time, in the zone series m is kept in, of a key. */
static int64_t key_local(const struct event *m, const struct tz *mtz,
			 int64_t key)
{
	return !m->allday && mtz ? tz_utc_to_local(mtz, key) : key;
}

/* A RECURRENCE-ID, EXDATE or RDATE value as a key of the series m: a
 * value without TZID or Z is on the series' own clock. */
static int64_t value_key(struct reader *r, const struct event *m,
			 const struct tz *mtz, const struct frame *f,
			 const struct itime *t, const char *tzid)
{
	if (m->allday)
		return lsec_day(t->lsec) * ITIN_DAY;
	if (!mtz || t->utc)
		return t->lsec;
	if (tzid) {
		struct frame zf;

		zone_frame(r, resolve_tzid(r, tzid), &zf);
		if (zf.kind != F_FLOATING)
			return frame_instant(r, &zf, t->lsec);
	}
	return frame_instant(r, f, t->lsec);
}

static void key_stamp(char *buf, size_t size, const struct event *m,
		      const struct tz *tz, int64_t key)
{
	stamp(buf, size, key, m->allday, !m->allday && tz);
}

struct occ {
	int64_t key;
	int64_t local;
	bool whole_day;		/* an EXDATE given as a date: every start that day */
	bool has_end;		/* an RDATE PERIOD: its own end */
	int64_t end;		/* an instant in a zoned series, else local */
};

static int cmp_occ(const void *pa, const void *pb)
{
	const struct occ *a = pa, *b = pb;

	return a->key < b->key ? -1 : a->key > b->key;
}

struct series {
	struct occ *v;
	size_t n, alloc;
	bool capped;
	size_t max;		/* occurrences allowed */
	bool has_first;		/* v[0] is DTSTART */
	bool partial;		/* a rule could not be expanded to its end */
	bool empty_rule;	/* a rule the library found no date for */
	/* The occurrences the file may still make (reader.occ_left), for
	 * the series that becomes events; NULL for the others (EXDATEs, an
	 * RDATE's values before they join it). */
	const size_t *file_left;
	bool over;		/* file_left reached: the file is refused */
};

/*
 * The added entry, or NULL once the series is capped. DTSTART is added
 * first, and a rule or RDATE that names it again (most do) gets that
 * entry back, so it takes no second place under the cap.
 */
static struct occ *series_add(struct series *s, int64_t key, int64_t local)
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
static void period_end(struct reader *r, const struct cprop *p,
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
		struct icaldurationtype d;
		int64_t days, secs;

		snprintf(buf, sizeof(buf), "%.*s", (int)(n < 63 ? n : 63), s);
		d = icaldurationtype_from_string(buf);
		if (n >= 63 || icaldurationtype_is_bad_duration(d))
			goto bad;
		why = "ends before it starts";
		if (d.is_neg)
			goto bad;
		days = (int64_t)d.weeks * 7 + d.days;
		secs = (int64_t)d.hours * 3600 + (int64_t)d.minutes * 60 + d.seconds;
		why = "is too long (it ends past 9999)";
		if (days > ICAL_MAX_DAYS || secs > (int64_t)ICAL_MAX_DAYS * ITIN_DAY ||
		    oc->local + days * ITIN_DAY + secs >= last + ITIN_DAY)
			goto bad;
		/* Days on the local clock, hours and less exact (3.3.6). */
		end = oc->local + days * ITIN_DAY;
		end = mtz ? instant_of(mtz, end) + secs : end + secs;
	} else if (parse_itime(s, n, &e) && !e.is_date) {
		end = value_key(r, m, mtz, f, &e, tzid);
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
static int each_value(struct reader *r, const struct cprop *p,
		      const struct event *m, const struct tz *mtz,
		      const struct frame *f, bool exclusions, struct series *out)
{
	struct strbuf tzid = STRBUF_INIT;
	bool has_tzid = get_param(p, "TZID", &tzid) && tzid.len;
	const char *s, *next;
	size_t n;

	for (s = p->value; s; s = next) {
		struct itime t;
		struct occ *added;
		const char *slash;
		size_t len;
		int64_t key, local;

		next = next_item(s, &n);
		slash = memchr(s, '/', n);
		len = slash ? (size_t)(slash - s) : n;	/* a PERIOD's start */
		if (!parse_itime(s, len, &t)) {
			itin_warn_at(r->w, r->fname, p->line, 1,
				     "invalid %.*s value '%.*s' ignored",
				     (int)p->nlen, p->name,
				     (int)(len > 40 ? 40 : len), s);
			continue;
		}
		key = value_key(r, m, mtz, f, &t, has_tzid ? tzid.buf : NULL);
		local = m->allday || mtz ? key_local(m, mtz, key) : t.lsec;
		added = series_add(out, key, local);
		/* A date among a timed series' EXDATEs: that whole day. */
		if (added && exclusions && t.is_date && !m->allday) {
			added->whole_day = true;
			added->local = t.lsec;
		}
		if (added && slash && !exclusions && !m->allday)
			period_end(r, p, m, mtz, f, has_tzid ? tzid.buf : NULL,
				   slash + 1, n - len - 1, added);
		else if (added && slash && !exclusions)
			itin_warn_at(r->w, r->fname, p->line, 1,
				     "RDATE period '%.*s' in an all-day series: "
				     "the occurrence lasts as long as the first",
				     (int)(n > 40 ? 40 : n), s);
	}
	strbuf_release(&tzid);
	return 0;
}

/* UNTIL on the frame's clock, as libical compares it with occurrences. */
static void frame_until(struct reader *r, struct icalrecurrencetype *rt,
			const struct event *m, const struct frame *f)
{
	struct icaltimetype u = rt->until;
	int64_t l;

	if (icaltime_is_null_time(u))
		return;
	l = days_from_civil(u.year, u.month, u.day) * ITIN_DAY;
	if (!u.is_date)
		l += u.hour * 3600 + u.minute * 60 + u.second;
	if (icaltime_is_utc(u) && !m->allday)
		l = frame_local(r, f, l);
	if (u.is_date && !m->allday)
		l += ITIN_DAY - 1;
	rt->until = ical_local(l, m->allday);
}

/* Whether the series of properties vp has no end: an RRULE with neither
 * COUNT nor UNTIL. Only such a series is cut to the import window. */
static bool series_unbounded(const struct vprops *vp, const struct event *m,
			     const struct frame *f)
{
	bool open = false;

	for (size_t i = 0; i < vp->n && !open; i++) {
		struct icalrecurrencetype rt;

		if (!name_is(&vp->v[i], "RRULE"))
			continue;
		rt = icalrecurrencetype_from_string(vp->v[i].value);
		open = rt.freq != ICAL_NO_RECURRENCE && rt.count <= 0 &&
		       icaltime_is_null_time(rt.until);
		/* A rule that matches no date is no series at all. */
		if (open) {
			icalrecur_iterator *it = recur_iterator_new(
			    rt, ical_local(f->start, m->allday));

			open = it != NULL;
			if (it)
				icalrecur_iterator_free(it);
		}
		free(rt.rscale);
	}
	return open;
}

static bool in_window(const struct reader *r, int64_t local, int64_t span)
{
	return lsec_day(local) <= r->o->to_day &&
	       lsec_day(local + span) >= r->o->from_day;
}

/*
 * How far a rule of days or shorter may be walked. libical steps through
 * every candidate time of such a rule (every second of a FREQ=SECONDLY
 * one, every day of a DAILY one; 2 to 4 microseconds each) until one
 * matches, however far that is (a SECONDLY rule for 29 February on a
 * Monday: 28 years of seconds per occurrence), and only its UNTIL stops
 * it. So such a rule is given an UNTIL this many candidates after where
 * it starts (a few seconds at most), or fewer when the file's budget
 * (reader.cand_left) has fewer left.
 */
#define ICAL_MAX_CANDIDATES 1000000

/* The Gregorian calendar repeats every 400 years (146097 days): a rule
 * that finds no date in that long finds none ever. */
#define GREGORIAN_CYCLE_DAYS 146097

static void warn_no_date(struct reader *r, const struct cprop *p)
{
	itin_warn_at(r->w, r->fname, p->line, 0,
		     "RRULE '%.60s' matches no date (a day no month has, or "
		     "parts RFC 5545 does not allow together); the event is "
		     "imported once, at its DTSTART",
		     p->value);
}

/* How many values a BY list holds; none given counts as one (DTSTART's). */
static int64_t by_count(const short *v, size_t size)
{
	size_t i;

	for (i = 0; i < size && v[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		;
	return i ? (int64_t)i : 1;
}

/*
 * The pace of a walk of rule rt: *step, the seconds one step of it spans,
 * and *per, the candidate times libical tries in each. False for a rule
 * of weeks or longer, which libical expands a period at a time: each of
 * its steps is counted as one candidate.
 */
static bool rule_pace(const struct icalrecurrencetype *rt, int64_t *step,
		      int64_t *per)
{
	int64_t unit, interval = rt->interval > 0 ? rt->interval : 1;

	switch (rt->freq) {
	case ICAL_SECONDLY_RECURRENCE:
		unit = 1;
		break;
	case ICAL_MINUTELY_RECURRENCE:
		unit = 60;
		break;
	case ICAL_HOURLY_RECURRENCE:
		unit = 3600;
		break;
	case ICAL_DAILY_RECURRENCE:
		unit = ITIN_DAY;
		break;
	default:
		return false;
	}
	/* The parts a rule expands into several times per step. */
	*per = 1;
	if (rt->freq >= ICAL_MINUTELY_RECURRENCE)
		*per *= by_count(rt->by_second, ICAL_BY_SECOND_SIZE);
	if (rt->freq >= ICAL_HOURLY_RECURRENCE)
		*per *= by_count(rt->by_minute, ICAL_BY_MINUTE_SIZE);
	if (rt->freq >= ICAL_DAILY_RECURRENCE)
		*per *= by_count(rt->by_hour, ICAL_BY_HOUR_SIZE);
	*step = unit * interval;
	return true;
}

/* The file's budget of candidate times is spent: refuse the file. */
static int over_candidates(struct reader *r, const struct cprop *p)
{
	r->over_budget = true;
	return fail_at(r, p->line, 0,
		       "RRULE '%.60s' takes this file past %lld "
		       "candidate times, the dates and times its rules try "
		       "(the limit for a file: %d for each of the %zu "
		       "occurrences allowed; --max-occurrences raises it)",
		       p->value, (long long)r->cand_max,
		       ICALIO_CANDIDATES_PER_OCCURRENCE,
		       r->occ_max);
}

static int expand_rrule(struct reader *r, const struct cprop *p,
			const struct event *m, const struct tz *mtz,
			const struct frame *f, bool windowed, int64_t span,
			struct series *out)
{
	struct icalrecurrencetype rt = icalrecurrencetype_from_string(p->value);
	icalrecur_iterator *it;
	size_t steps = 0, limit, julian = 0;
	/* Steps in proportion to the occurrences allowed (200000 by default). */
	size_t max_steps = out->max * (ICAL_MAX_STEPS / ICAL_MAX_OCCURRENCES);
	int64_t walk_from = f->start, reach = 0, horizon = 0, step = 0, per = 1;
	int64_t walked, last, until_l = INT64_MAX, charge;
	/* The library's end: it expands no rule past this year. */
	const int64_t lib_end = days_from_civil(ICAL_RRULE_LAST_YEAR, 1, 1) * ITIN_DAY;
	/* The candidates this rule may try: its own limit, or what the
	 * file has left when that is less (a cut then refuses the file). */
	int64_t allowed = r->cand_left < ICAL_MAX_CANDIDATES ? r->cand_left
							     : ICAL_MAX_CANDIDATES;
	bool by_file = r->cand_left < ICAL_MAX_CANDIDATES;
	bool cut = false, paced, ended = false;

	if (rt.freq == ICAL_NO_RECURRENCE) {
		free(rt.rscale);
		itin_warn_at(r->w, r->fname, p->line, 1,
			     "invalid RRULE '%.60s' ignored", p->value);
		out->partial = true;
		return 0;
	}
	frame_until(r, &rt, m, f);
	it = recur_iterator_new(rt, ical_local(f->start, m->allday));
	if (!it) {
		/* libical refuses a start past its last year, and a rule
		 * that can match no date (30 February) or that joins parts
		 * RFC 5545 does not allow together. */
		if (lsec_day(f->start) >= days_from_civil(ICAL_RRULE_LAST_YEAR, 1, 1))
			itin_warn_at(r->w, r->fname, p->line, 0,
				     "cannot expand RRULE '%.60s' (the iCalendar "
				     "library expands rules up to the year %d); "
				     "only its first occurrence is imported",
				     p->value, ICAL_RRULE_LAST_YEAR);
		else
			warn_no_date(r, p);
		out->empty_rule = true;
		free(rt.rscale);
		return 0;
	}
	/* Rules of a day or shorter: start near the window (two days
	 * early: the frame's clock and the event's are less apart), on a
	 * step of the rule from its start, so INTERVAL keeps its phase. */
	paced = rule_pace(&rt, &step, &per);
	if (windowed && paced) {
		int64_t near = r->o->from_day * ITIN_DAY - span - 2 * ITIN_DAY;

		if (near > f->start) {
			near = f->start + (near - f->start) / step * step;
			icalrecur_iterator_set_start(it, ical_local(near, m->allday));
			walk_from = near;
		}
	}
	/* A walk that could take minutes is given an end (rule_pace()),
	 * said if it cuts the series. */
	if (!icaltime_is_null_time(rt.until))
		until_l = days_from_civil(rt.until.year, rt.until.month,
					  rt.until.day) * ITIN_DAY +
			  rt.until.hour * 3600 + rt.until.minute * 60 +
			  rt.until.second;
	if (paced) {
		if (allowed < per) {	/* not one step left */
			icalrecur_iterator_free(it);
			free(rt.rscale);
			return over_candidates(r, p);
		}
		reach = allowed / per * step;
	}
	if (reach && walk_from < lib_end - reach) {
		if (walk_from + reach < until_l) {
			/* The day it falls in, for a warning a person reads. */
			horizon = lsec_day(walk_from + reach) * ITIN_DAY;
			if (horizon <= walk_from)	/* a budget of hours */
				horizon = walk_from + reach;
			icalrecur_iterator_free(it);
			rt.until = ical_local(horizon, m->allday);
			it = recur_iterator_new(rt, ical_local(f->start, m->allday));
			if (it && walk_from != f->start)
				icalrecur_iterator_set_start(it, ical_local(walk_from, m->allday));
			if (!it) {
				free(rt.rscale);
				out->partial = true;
				return 0;
			}
		}
	}
	/* RFC 5545: DTSTART is the first of COUNT even when the rule does
	 * not match it; libical counts only the times the rule matches. */
	limit = rt.count > 0 ? (size_t)rt.count : SIZE_MAX;
	last = walk_from;
	for (;;) {
		struct icaltimetype t;
		int64_t fl, key, local;

		/* A rule of weeks or longer is charged a candidate a step. */
		if (!paced && (int64_t)steps >= r->cand_left) {
			icalrecur_iterator_free(it);
			free(rt.rscale);
			r->cand_left = 0;
			return over_candidates(r, p);
		}
		t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t)) {
			ended = true;
			/* The rule's end, or the library's: a rule without
			 * one, a COUNT not reached or an UNTIL past the
			 * library's last year was cut short. */
			if (horizon) {
				/* The UNTIL given here stopped it, not the
				 * rule's own COUNT, nor the window's end. */
				cut = windowed ? horizon < (r->o->to_day + 1) * ITIN_DAY
					       : rt.count <= 0 || steps < limit;
			} else if (!steps &&
				   lsec_day(lib_end) - lsec_day(walk_from) >=
					   GREGORIAN_CYCLE_DAYS &&
				   (rt.count > 0 || icaltime_is_null_time(rt.until) ||
				    rt.until.year > ICAL_RRULE_LAST_YEAR)) {
				/* Not one date in 400 years, after which the
				 * calendar repeats: as for a rule libical
				 * refuses at once (FREQ=YEARLY on 30 February),
				 * which a MONTHLY one it walks is not. */
				warn_no_date(r, p);
				out->empty_rule = true;
			} else if (rt.count > 0 ? steps + julian < limit
					      : icaltime_is_null_time(rt.until) ||
						    rt.until.year > ICAL_RRULE_LAST_YEAR) {
				itin_warn_at(r->w, r->fname, p->line, 0,
					     "RRULE '%.60s' ends after %zu "
					     "occurrence%s (the iCalendar library "
					     "expands rules up to the year %d); "
					     "later ones are not imported",
					     p->value, steps, steps == 1 ? "" : "s",
					     ICAL_RRULE_LAST_YEAR);
				out->partial = true;
			}
			break;
		}
		/* libical's calendar is Julian before 1752: it gives 29
		 * February of 100, 200, ... 1700, which itin's (proleptic
		 * Gregorian) has not, and which would become a second 1
		 * March taking a place under the cap. */
		if (!date_is_valid(t.year, t.month, t.day)) {
			julian++;	/* libical counted it under COUNT */
			continue;
		}
		fl = days_from_civil(t.year, t.month, t.day) * ITIN_DAY;
		if (!t.is_date)
			fl += t.hour * 3600 + t.minute * 60 + t.second;
		last = fl;
		if (!steps && fl != f->start && limit != SIZE_MAX)
			limit--;
		if (steps >= limit)
			break;
		if (++steps > max_steps) {
			itin_warn_at(r->w, r->fname, p->line, 0,
				     "RRULE '%.60s' stopped after %zu steps (the "
				     "limit); later occurrences are not imported",
				     p->value, max_steps);
			out->partial = true;
			break;
		}
		if (windowed && lsec_day(fl) > r->o->to_day + 2)
			break;
		key = frame_key(r, f, m, mtz, fl);
		local = key_local(m, mtz, key);
		if (windowed && !in_window(r, local, span))
			continue;
		if (!series_add(out, key, local))
			break;
	}
	/*
	 * What the walk cost: the candidates up to where libical got (the
	 * last time it gave, or the end it ran into), or its steps.
	 */
	walked = last;
	if (ended && !(rt.count > 0 && steps >= limit))	/* not its COUNT */
		walked = horizon ? horizon
		       : until_l != INT64_MAX ? (until_l < lib_end ? until_l : lib_end)
		       : lib_end;
	charge = paced ? (walked > walk_from ? (walked - walk_from) / step + 1 : 1) * per
		       : (int64_t)steps + 1;
	r->cand_left = charge < r->cand_left ? r->cand_left - charge : 0;
	r->st->candidates += (size_t)charge;
	if (cut && by_file) {
		icalrecur_iterator_free(it);
		free(rt.rscale);
		return over_candidates(r, p);
	}
	if (cut) {
		char a[ITIN_WHEN_MAX];

		date_format(lsec_day(horizon), a);
		itin_warn_at(r->w, r->fname, p->line, 0,
			     "RRULE '%.60s' repeats more than once a day: "
			     "expanded only to %s, %d candidate times from %s "
			     "(the limit); later occurrences are not imported",
			     p->value, a, ICAL_MAX_CANDIDATES,
			     walk_from == f->start ? "its start" : "the window");
		out->partial = true;
	}
	icalrecur_iterator_free(it);
	free(rt.rscale);
	return 0;
}

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
	if (h)	/* the tz database's Etc zones name the offset inverted */
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
	const struct tz *tz = !tpl->allday && tpl->tz ? quiet_tz(tpl->tz) : NULL;

	*folded = false;
	ev->start = start;
	if (tpl->has_end) {
		if (!tz) {
			ev->end = start + (tpl->end - tpl->start);
		} else {
			const struct tz *etz = tpl->end_tz ? quiet_tz(tpl->end_tz) : tz;
			int64_t dur;

			if (!etz)
				etz = tz;
			dur = instant_of(etz, tpl->end) - instant_of(tz, tpl->start);
			*folded = end_at(ev, etz,
					 (instant ? *instant : instant_of(tz, start)) + dur);
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
static char *series_base(struct pending *pe)
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
static int override_key(struct reader *r, struct pending *ov,
			const struct event *m, const struct tz *mtz,
			const struct frame *f)
{
	struct vprops vp;
	const struct cprop *rp;
	struct strbuf tzid = STRBUF_INIT;
	struct itime t;
	bool has;
	int ret = -1;

	top_props(r, ov->first, ov->last, &vp);
	rp = find(&vp, "RECURRENCE-ID");
	if (!rp || read_itime(r, rp, &t, &tzid, &has))
		goto out;
	ov->recid_key = value_key(r, m, mtz, f, &t, has ? tzid.buf : NULL);
	key_stamp(ov->recid_stamp, sizeof(ov->recid_stamp), m, mtz, ov->recid_key);
	ret = 0;
out:
	free(vp.v);
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
	const struct pending *a = *(struct pending *const *)pa,
			     *b = *(struct pending *const *)pb;
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
	const struct pending *a = *(struct pending *const *)pa,
			     *b = *(struct pending *const *)pb;

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
static size_t unique_overrides(struct reader *r, struct pending **ovs, size_t n)
{
	size_t i, kept = 0;

	for (i = 0; i < n; i++) {
		struct pending *pe = ovs[i];

		if (kept && ovs[kept - 1]->recid_key == pe->recid_key &&
		    pe->uid && ovs[kept - 1]->uid &&
		    !strcmp(ovs[kept - 1]->uid, pe->uid)) {
			struct pending *old = ovs[kept - 1];
			bool newer = pe->ev->seq >= old->ev->seq;

			itin_warn_at(r->w, r->fname, pe->line, 1,
				     "UID '%.200s' overrides the occurrence %s "
				     "again (first at line %ld); keeping the %s",
				     pe->uid, pe->recid_stamp, old->line,
				     newer ? "later one" : "one with the higher SEQUENCE");
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
static void override_rule(struct reader *r, struct pending *ov,
			  const struct vprops *master)
{
	struct vprops vp;
	bool copied = master != NULL;

	if (!ov->own_rule || ov->rule_said)
		return;
	top_props(r, ov->first, ov->last, &vp);
	for (size_t i = 0; i < vp.n && copied; i++) {
		bool found = false;

		if (!name_is(&vp.v[i], "RRULE") && !name_is(&vp.v[i], "RDATE"))
			continue;
		for (size_t k = 0; k < master->n && !found; k++)
			found = vp.v[i].nlen == master->v[k].nlen &&
				!ascii_ncasecmp(vp.v[i].name, master->v[k].name,
						vp.v[i].nlen) &&
				!strcmp(vp.v[i].value, master->v[k].value);
		copied = found;
	}
	free(vp.v);
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
	const struct tz *ttz = !tpl->allday && tpl->tz ? quiet_tz(tpl->tz) : NULL;
	int64_t l = m->allday || !mtz ? key : tz_utc_to_local(ttz ? ttz : mtz, key);

	return tpl->allday ? lsec_day(l) * ITIN_DAY : l;
}

/*
 * The occurrence at key as a RANGE=THISANDFUTURE override fut changed it
 * (RFC 5545 3.8.4.4): fut's fields and length, and its start as far from
 * the occurrence's as fut's is from the one it names.
 */
static struct event *future_occurrence(const struct event *m,
				       const struct tz *mtz,
				       const struct pending *fut, int64_t key)
{
	const struct event *tpl = fut->ev;
	int64_t shift = tpl->start - clock_of(m, mtz, tpl, fut->recid_key);

	bool folded;

	return occurrence_at(tpl, clock_of(m, mtz, tpl, key) + shift, NULL,
			     &folded);
}

/* The series' warning: how many occurrences, and which. */
static void series_report(struct reader *r, const struct pending *ms,
			  bool windowed, size_t made, int64_t first,
			  int64_t last, const struct series *occ)
{
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX], cap[80] = "";

	if (occ->capped)
		snprintf(cap, sizeof(cap),
			 "; stopped at the limit of %zu occurrences, later "
			 "ones are not imported",
			 occ->max);
	if (windowed) {
		date_format(r->o->from_day, a);
		date_format(r->o->to_day, b);
		if (made)
			itin_warn_at(r->w, r->fname, ms->line, 0,
				     "recurring event '%.80s' has no end: the %zu "
				     "occurrence%s in the window %s to %s imported "
				     "as separate events%s",
				     ms->ev->title, made, made == 1 ? "" : "s", a,
				     b, cap);
		else
			itin_warn_at(r->w, r->fname, ms->line, 0,
				     "recurring event '%.80s' has no end, and no "
				     "occurrence in the window %s to %s: nothing "
				     "imported",
				     ms->ev->title, a, b);
	} else if (made) {
		date_format(first, a);
		date_format(last, b);
		itin_warn_at(r->w, r->fname, ms->line, 0,
			     "recurring event '%.80s': %s%zu occurrence%s, %s%s"
			     "%s, imported as separate events%s",
			     ms->ev->title,
			     occ->capped || occ->partial || made == 1 ? "" : "all ",
			     made, made == 1 ? "" : "s", a,
			     first == last ? "" : " to ", first == last ? "" : b,
			     cap);
	} else {
		itin_warn_at(r->w, r->fname, ms->line, 0,
			     "recurring event '%.80s': every occurrence is "
			     "excluded (EXDATE); nothing imported",
			     ms->ev->title);
	}
}

static int expand_series(struct reader *r, struct pending *ms)
{
	struct event *m = ms->ev;
	const struct tz *mtz = m->tz ? quiet_tz(m->tz) : NULL;
	/* A caller may ask for fewer occurrences, never for more. */
	size_t max = r->o->max_occurrences &&
			     r->o->max_occurrences < ICAL_MAX_OCCURRENCES
		     ? r->o->max_occurrences
		     : ICAL_MAX_OCCURRENCES;
	struct series occ = { .max = max, .file_left = &r->occ_left },
		      ex = { .max = ICAL_MAX_OCCURRENCES };
	int64_t span = m->has_end ? m->end - m->start : 0;
	int64_t first_day = 0, last_day = 0;
	char *base = series_base(ms), st[24];
	size_t made = 0, i, k, nov = 0, nexk = 0, nexd = 0;
	struct pending **ovs = NULL, *fut = NULL;
	int64_t *exk = NULL, *exd = NULL;	/* EXDATE instants, whole days */
	struct vprops vp;
	struct frame f;
	bool windowed;
	int ret = -1;

	top_props(r, ms->first, ms->last, &vp);
	if (series_frame(r, m, &vp, &f))
		goto out;
	windowed = series_unbounded(&vp, m, &f);
	if (m->has_end && mtz && m->end_tz)
		span = instant_of(quiet_tz(m->end_tz), m->end) - instant_of(mtz, m->start);
	/* DTSTART is the first occurrence. */
	if (!windowed || in_window(r, m->start, span))
		occ.has_first = series_add(&occ, occ_key(m, mtz, m->start),
					   m->start) != NULL;
	/* The overrides of this series, with their keys. */
	ovs = xmalloc((r->npend ? r->npend : 1) * sizeof(*ovs));
	for (k = 0; k < r->npend; k++) {
		struct pending *pe = &r->pend[k];

		if (pe->is_override && !pe->used && !pe->dropped && pe->uid &&
		    ms->uid && !strcmp(pe->uid, ms->uid)) {
			if (override_key(r, pe, m, mtz, &f))
				goto out;
			override_rule(r, pe, &vp);
			pe->claimed = true;
			pe->windowed = windowed;
			ovs[nov++] = pe;
		}
	}
	for (i = 0; i < vp.n; i++) {
		const struct cprop *p = &vp.v[i];

		if (name_is(p, "RRULE") &&
		    expand_rrule(r, p, m, mtz, &f, windowed, span, &occ))
			goto out;
		if (name_is(p, "RDATE")) {
			struct series rd = { .max = max };

			if (each_value(r, p, m, mtz, &f, false, &rd)) {
				free(rd.v);
				goto out;
			}
			for (k = 0; k < rd.n; k++) {
				const struct occ *o = &rd.v[k];
				struct occ *added;

				if (windowed &&
				    !in_window(r, o->local,
					       o->has_end ? o->end - (mtz ? o->key : o->local)
							  : span))
					continue;
				added = series_add(&occ, o->key, o->local);
				if (added)
					*added = *o;
			}
			occ.capped = occ.capped || rd.capped;
			free(rd.v);
		}
		if (name_is(p, "EXDATE") &&
		    each_value(r, p, m, mtz, &f, true, &ex))
			goto out;
		if (occ.over) {
			r->over_budget = true;
			fail_at(r, ms->line, 0,
				"recurring event '%.80s' takes this file past "
				"%zu occurrences (the limit for a file; "
				"--max-occurrences raises it)",
				m->title, r->occ_max);
			goto out;
		}
	}
	/* A rule found to match no date only by walking it (MONTHLY on 31
	 * February) leaves its DTSTART, as one refused at once does (such
	 * a rule makes no series, so no window applies). */
	if (occ.empty_rule && !occ.n)
		occ.has_first = series_add(&occ, occ_key(m, mtz, m->start),
					   m->start) != NULL;
	r->occ_left -= occ.n;
	/* Sorted, so that each occurrence costs a search, not a pass over
	 * every EXDATE and override: a whole series may be 100000 long. */
	if (occ.n)
		qsort(occ.v, occ.n, sizeof(*occ.v), cmp_occ);
	exk = xmalloc((ex.n ? ex.n : 1) * sizeof(*exk));
	exd = xmalloc((ex.n ? ex.n : 1) * sizeof(*exd));
	for (k = 0; k < ex.n; k++) {
		if (ex.v[k].whole_day)
			exd[nexd++] = lsec_day(ex.v[k].local);
		else
			exk[nexk++] = ex.v[k].key;
	}
	qsort(exk, nexk, sizeof(*exk), cmp_i64);
	qsort(exd, nexd, sizeof(*exd), cmp_i64);
	if (nov)
		qsort(ovs, nov, sizeof(*ovs), cmp_recid);
	nov = unique_overrides(r, ovs, nov);
	for (i = 0, k = 0; i < occ.n; i++) {
		const struct occ *oc = &occ.v[i];
		/* A date EXDATE names a day on the frame's clock (the
		 * DTSTART's), not on the clock the event is filed under. */
		int64_t day = lsec_day(m->allday || !mtz ? oc->key
							  : frame_local(r, &f, oc->key));
		struct event *ev = NULL;
		struct pending *ov = NULL;

		if (i && oc->key == occ.v[i - 1].key)
			continue;
		/* The overrides before this occurrence: the last of them
		 * with THISANDFUTURE still applies. */
		for (; k < nov && ovs[k]->recid_key < oc->key; k++)
			if (ovs[k]->future)
				fut = ovs[k];
		if (bsearch(&oc->key, exk, nexk, sizeof(*exk), cmp_i64) ||
		    bsearch(&day, exd, nexd, sizeof(*exd), cmp_i64))
			continue;
		if (k < nov && ovs[k]->recid_key == oc->key)
			ov = ovs[k];
		key_stamp(st, sizeof(st), m, mtz, oc->key);
		/* One occurrence the store cannot hold (a UTC RDATE late on
		 * 9999-12-31 is 10000 in Berlin) is left out alone. */
		if (!ov && !fut &&
		    (oc->local < ITIN_FIRST_DAY * (int64_t)ITIN_DAY ||
		     oc->local >= (ITIN_LAST_DAY + 1) * (int64_t)ITIN_DAY)) {
			itin_warn_at(r->w, r->fname, ms->line, 0,
				     "the occurrence of '%.80s' at %s falls "
				     "outside the years 0001 to 9999 on the clock "
				     "of %s; left out",
				     m->title, st, m->tz ? m->tz : "its zone");
			occ.partial = true;	/* not "all" */
			continue;
		}
		if (ov) {
			ov->used = true;
			ev = event_clone(ov->ev);
		} else if (fut) {
			fut->used = true;
			ev = future_occurrence(m, mtz, fut, oc->key);
		} else {
			bool folded;

			ev = occurrence_at(m, oc->local,
					   !m->allday && mtz ? &oc->key : NULL,
					   &folded);
			if (folded)
				itin_warn_at(r->w, r->fname, ms->line, 0,
					     "the occurrence of '%.80s' at %s ends "
					     "in the hour that repeats when %s "
					     "leaves DST; its end is kept on the "
					     "clock of %s, as long as the series'",
					     m->title, st, m->tz, ev->end_tz);
			if (oc->has_end) {
				ev->has_end = true;
				ev->end = oc->end;
				event_set_str(ev, &ev->end_tz, NULL);
				if (mtz && end_at(ev, mtz, oc->end))
					itin_warn_at(r->w, r->fname, ms->line, 0,
						     "the occurrence of '%.80s' at %s "
						     "ends in the hour that repeats "
						     "when %s leaves DST; its end is "
						     "kept on the clock of %s",
						     m->title, st, m->tz, ev->end_tz);
			}
		}
		set_occ_id(ev, base, st);
		if (!made || lsec_day(ev->start) < first_day)
			first_day = lsec_day(ev->start);
		if (!made || lsec_day(ev->start) > last_day)
			last_day = lsec_day(ev->start);
		if (emit(r, ev, ov ? ov->line : fut ? fut->line : ms->line))
			goto out;
		made++;
	}
	r->st->recurring++;
	r->st->occurrences += made;
	/* An event whose only rule matches no date: its warning said so. */
	if (!(occ.empty_rule && made == 1 && occ.n == 1))
		series_report(r, ms, windowed, made, first_day, last_day, &occ);
	ret = 0;
out:
	free(vp.v);
	free(occ.v);
	free(ex.v);
	free(exk);
	free(exd);
	free(ovs);
	free(base);
	return ret;
}

static int finish_pending(struct reader *r)
{
	struct pending **ovs;
	size_t i, n = 0;

	for (i = 0; i < r->npend; i++) {
		struct pending *pe = &r->pend[i];

		if (pe->dropped || pe->kind == V_OVERRIDE)
			continue;
		if (pe->kind == V_SINGLE) {
			struct event *ev = pe->ev;

			pe->ev = NULL;
			if (emit(r, ev, pe->line) && refuse(r))
				return -1;
			continue;
		}
		if (expand_series(r, pe) && (r->over_budget || refuse(r)))
			return -1;
	}
	/*
	 * Overrides of no series here, or of an occurrence the series did
	 * not make: events of their own; cut to the window only when their
	 * series was. Keyed first, so that two of one occurrence written in
	 * different forms are one (unique_overrides()).
	 */
	ovs = xmalloc((r->npend ? r->npend : 1) * sizeof(*ovs));
	for (i = 0; i < r->npend; i++) {
		struct pending *pe = &r->pend[i];
		const struct tz *tz;
		struct vprops vp;
		struct frame f;
		int64_t span;
		int bad;

		if (!pe->is_override || pe->used || pe->dropped)
			continue;
		if (!pe->claimed)	/* of no series here */
			override_rule(r, pe, NULL);
		span = pe->ev->has_end ? pe->ev->end - pe->ev->start : 0;
		if (pe->windowed && !in_window(r, pe->ev->start, span))
			continue;
		tz = pe->ev->tz ? quiet_tz(pe->ev->tz) : NULL;
		top_props(r, pe->first, pe->last, &vp);
		bad = series_frame(r, pe->ev, &vp, &f) ||
		      override_key(r, pe, pe->ev, tz, &f);
		free(vp.v);
		if (bad) {
			if (refuse(r))
				goto fail;
			continue;
		}
		ovs[n++] = pe;
	}
	if (n)
		qsort(ovs, n, sizeof(*ovs), cmp_uid_recid);
	n = unique_overrides(r, ovs, n);
	for (i = 0; i < n; i++)
		ovs[i]->alone = true;
	for (i = 0; i < r->npend; i++) {
		struct pending *pe = &r->pend[i];
		struct event *ev;
		char *base;

		if (!pe->alone || pe->dropped)
			continue;
		ev = event_clone(pe->ev);
		base = series_base(pe);
		set_occ_id(ev, base, pe->recid_stamp);
		free(base);
		if (emit(r, ev, pe->line) && refuse(r))
			goto fail;
	}
	free(ovs);
	return 0;
fail:
	free(ovs);
	return -1;
}

/* ---- the file ---- */

int icalio_read(const char *buf, size_t len, const char *fname,
		const struct icalio_read_opts *o, struct evlist *out,
		const struct itin_warner *w, struct icalio_stats *st,
		struct itin_err *err)
{
	struct icalio_stats dummy;
	struct evlist empty = EVLIST_INIT;
	struct reader r;
	int ret = -1, depth = 0;
	size_t begin = 0;

	memset(&r, 0, sizeof(r));
	memset(&dummy, 0, sizeof(dummy));
	r.fname = fname ? fname : "-";
	r.o = o;
	r.w = w;
	r.err = err;
	r.st = st ? st : &dummy;
	memset(r.st, 0, sizeof(*r.st));
	r.out = out;
	strbuf_init(&r.text);
	strbuf_init(&r.tmp);
	r.uids = evindex_build(&empty);
	r.ids = evindex_build(&empty);
	r.occ_max = o->max_file_occurrences ? o->max_file_occurrences
					    : ICALIO_MAX_FILE_OCCURRENCES;
	r.occ_left = r.occ_max;
	r.cand_max = r.occ_max > (size_t)(INT64_MAX / 2 / ICALIO_CANDIDATES_PER_OCCURRENCE)
			 ? INT64_MAX / 2
			 : (int64_t)r.occ_max * ICALIO_CANDIDATES_PER_OCCURRENCE;
	r.cand_left = r.cand_max;
	itin_err_clear(err);

	if (split_lines(&r, buf, len) || check_structure(&r) ||
	    check_vtimezones(&r))
		goto out;
	for (size_t i = 0; i < r.ncl; i++) {
		struct cprop p;

		if (r.cl[i].skip)
			continue;
		parse_cline(&r, i, &p);
		if (name_is(&p, "BEGIN")) {
			if (++depth == 2)
				begin = i;
		} else if (name_is(&p, "END")) {
			size_t bad;

			if (depth-- != 2 || ascii_casecmp(p.value, "VEVENT"))
				continue;
			/* A control character in it: refused whole, before any
			 * of it reaches libical. */
			bad = ctrl_in(&r, begin, i);
			if (bad ? ctrl_fail(&r, bad - 1) && refuse(&r)
				: read_vevent(&r, begin, i) && refuse(&r))
				goto out;
		}
	}
	if (r.no_uid.n)
		itin_warn_at(w, r.fname, r.no_uid.first, 0,
			     "VEVENT without UID (%zu in this file, the first "
			     "here): its id is derived from its content",
			     r.no_uid.n);
	if (r.no_dtstamp.n)
		itin_warn_at(w, r.fname, r.no_dtstamp.first, 0,
			     "VEVENT without DTSTAMP, which RFC 5545 requires "
			     "(%zu in this file, the first here); read anyway",
			     r.no_dtstamp.n);
	if (finish_pending(&r))
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < r.npend; i++) {
		event_free(r.pend[i].ev);
		free(r.pend[i].uid);
	}
	free(r.pend);
	for (size_t i = 0; i < r.nzones; i++) {
		free(r.zones[i].tzid);
		if (r.zones[i].embedded)
			icaltimezone_free(r.zones[i].embedded, 1);
	}
	free(r.zones);
	for (size_t i = 0; i < r.nvtz; i++)
		free(r.vtz[i].tzid);
	free(r.vtz);
	free(r.cl);
	strbuf_release(&r.text);
	strbuf_release(&r.tmp);
	evindex_free(r.uids);
	evindex_free(r.ids);
	return ret;
}
