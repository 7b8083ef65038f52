/*
 * icswrite.c: iCalendar export (icalio.h): one VCALENDAR, a VTIMEZONE for
 * every zone the events use (vtimezone.c describes it from the tz
 * database), then a VEVENT per event.
 *
 * Each content line is made once, here, and folded by icalio_fold(),
 * which never splits a UTF-8 character; nothing is kept but the output,
 * so memory holds one line, never the calendar's objects. The lines are
 * the ones libical 3.0 wrote for the same components when the export
 * went through it (escapes, parameter quotes, RRULE part order, the
 * DTSTAMP of a year after 3000), so exports are byte for byte what they
 * were. Text that iCalendar cannot carry (a CR, other control
 * characters) is replaced in the standard property, and the exact value
 * travels in an X-ITIN- property, encoded so that it holds no control
 * character at all (icstext.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/icalio.h"
#include "itin/icstext.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/vtimezone.h"
#include "itin/xalloc.h"

#ifndef ITIN_VERSION
#define ITIN_VERSION "0"
#endif

/* The export: each content line is built in line, then folded into sb. */

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

static void line_start(struct icalio_writer *w, const char *name)
{
	strbuf_reset(&w->line);
	strbuf_addstr(&w->line, name);
}

/*
 * Whether libical 3.0, folding the property line p (n octets) with its
 * CRLF, put a fold between that CR and LF (its fold_property_line():
 * chunks of at most 74 octets, cut after the last ';', ':' or ' ', else
 * before the last character that starts one; a CRLF counts in the
 * length). The export used to unfold what libical wrote and join such a
 * line with the next one, CR and LF between them; export still does, so
 * that its output stays byte for byte what it was.
 */
static bool libical_splits_crlf(const char *p, size_t n)
{
	size_t start = 0, len = n + 2;

	while (len - start >= ICALIO_LINE_MAX) {
		size_t pos = start + ICALIO_LINE_MAX - 2, next = 0;

		for (; pos > start && !next; pos--)
			if (pos < n && strchr(";: ", p[pos]))
				next = pos + 1;
		for (pos = start + ICALIO_LINE_MAX - 1; pos > start && !next;
		     pos--) {
			unsigned char c = pos < n    ? (unsigned char)p[pos]
					  : pos == n ? '\r'
						     : '\n';

			if (!(c & 0x80) || (c & 0xC0) == 0xC0)
				next = pos;
		}
		if (!next)
			next = start + ICALIO_LINE_MAX - 1;
		if (next == n + 1)
			return true;
		start = next;
	}
	return false;
}

/* The line made, folded into the output; joined to the next one where
 * libical's fold would have joined it (libical_splits_crlf()). */
static void line_end(struct icalio_writer *w)
{
	strbuf_add(&w->held, w->line.buf, w->line.len);
	if (libical_splits_crlf(w->line.buf, w->line.len)) {
		strbuf_addstr(&w->held, "\r\n");
		return;
	}
	icalio_fold(w->sb, w->held.buf, w->held.len);
	strbuf_reset(&w->held);
}

/* s with a '\' before each character of special, and LF as "\n";
 * special holds at most 6 characters. The rest is copied in runs. */
static void add_escaped(struct strbuf *out, const char *s, const char *special)
{
	char stop[8] = "\n";
	size_t n;

	memcpy(stop + 1, special, strlen(special) + 1);
	for (;;) {
		n = strcspn(s, stop);
		strbuf_add(out, s, n);
		s += n;
		if (!*s)
			return;
		strbuf_addch(out, '\\');
		strbuf_addch(out, *s == '\n' ? 'n' : *s);
		s++;
	}
}

/* A TEXT property (RFC 5545 3.3.11): '\', ';' and ',' escaped. */
static void put_text(struct icalio_writer *w, const char *name,
		     const char *value)
{
	line_start(w, name);
	strbuf_addch(&w->line, ':');
	add_escaped(&w->line, value, "\\;,");
	line_end(w);
}

/* CATEGORIES: only '\' and LF escaped, as libical did (a comma
 * separates categories). */
static void put_list(struct icalio_writer *w, const char *name,
		     const char *value)
{
	line_start(w, name);
	strbuf_addch(&w->line, ':');
	add_escaped(&w->line, value, "\\");
	line_end(w);
}

/* A property whose value needs no escape. */
static void put_raw(struct icalio_writer *w, const char *name,
		    const char *value)
{
	line_start(w, name);
	strbuf_addch(&w->line, ':');
	strbuf_addstr(&w->line, value);
	line_end(w);
}

/*
 * An X-ITIN- property: TEXT, the default type of an X- property (RFC 5545
 * 3.8.8.2), so its commas and semicolons are escaped like SUMMARY's. An
 * unescaped comma separates values of a TEXT list: a server that re-serialises
 * the event (Radicale's vobject) kept "Joe Biden (President" of "Joe Biden
 * (President, host)". The reader unescapes TEXT before ics_x_decode(), so
 * exports of either form read back the same.
 */
static void add_x(struct icalio_writer *w, const char *name, const char *value)
{
	ics_x_encode(&w->b, value);
	put_text(w, name, w->b.buf);
}

/*
 * YYYYMMDD of a year 0-9999, and THHMMSS unless secs is -1: by hand, for
 * an export makes several per event.
 */
static void add_stamp(struct strbuf *sb, int y, int m, int d, int secs)
{
	strbuf_add_uint(sb, (uintmax_t)y, 4);
	strbuf_add_uint(sb, (uintmax_t)m, 2);
	strbuf_add_uint(sb, (uintmax_t)d, 2);
	if (secs < 0)
		return;
	strbuf_addch(sb, 'T');
	strbuf_add_uint(sb, (uintmax_t)(secs / 3600), 2);
	strbuf_add_uint(sb, (uintmax_t)(secs / 60 % 60), 2);
	strbuf_add_uint(sb, (uintmax_t)(secs % 60), 2);
}

/*
 * A DATE or DATE-TIME property of local time lsec, in zone tzid (NULL:
 * floating), left out for a time outside the years 0001-9999
 * (event_check() lets none into an event).
 */
static void put_time(struct icalio_writer *w, const char *name, int64_t lsec,
		     bool is_date, const char *tzid)
{
	int y, m, d, s = lsec_time_of_day(lsec);

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	if (y < 1 || y > 9999)
		return;
	line_start(w, name);
	if (is_date)
		strbuf_addstr(&w->line, ";VALUE=DATE");
	if (tzid)
		strbuf_addf(&w->line,
			    strpbrk(tzid, ";:,") ? ";TZID=\"%s\"" : ";TZID=%s",
			    tzid);
	strbuf_addch(&w->line, ':');
	add_stamp(&w->line, y, m, d, is_date ? -1 : s);
	line_end(w);
}

/*
 * A UTC DATE-TIME (DTSTAMP, LAST-MODIFIED). A year libical 3.0 held to
 * be no time (before 0 or after 3000) it wrote as 00000000T000000,
 * without the Z; the export keeps doing so.
 */
static void put_utc(struct icalio_writer *w, const char *name, int64_t instant)
{
	int y, m, d, s = lsec_time_of_day(instant);

	civil_from_days(lsec_day(instant), &y, &m, &d);
	line_start(w, name);
	if (y < 0 || y > 3000) {
		strbuf_addstr(&w->line, ":00000000T000000");
	} else {
		strbuf_addch(&w->line, ':');
		add_stamp(&w->line, y, m, d, s);
		strbuf_addch(&w->line, 'Z');
	}
	line_end(w);
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

/* UID, X-ITIN-ID, DTSTAMP, SEQUENCE, LAST-MODIFIED. */
static void put_identity(struct icalio_writer *w, const struct event *ev)
{
	struct strbuf *a = &w->a;

	strbuf_reset(a);
	/* A calendar's event goes back under its own UID. */
	if (ev->uid && *ev->uid)
		strbuf_addstr(a, ev->uid);
	else
		icalio_uid(a, ev->id);
	put_text(w, "UID", a->buf);
	/* A UID that does not give the id back ("ID@itin") carries it. */
	if (a->len != strlen(ev->id) + 5 ||
	    strncmp(a->buf, ev->id, a->len - 5) ||
	    strcmp(a->buf + a->len - 5, "@itin"))
		add_x(w, "X-ITIN-ID", ev->id);
	put_utc(w, "DTSTAMP", w->o->now);
	strbuf_reset(a);
	strbuf_add_uint(a, ev->seq, 0);
	put_raw(w, "SEQUENCE", a->buf);
	if (ev->has_modified)
		put_utc(w, "LAST-MODIFIED", ev->modified);
}

/* DTSTART, and DTEND or DURATION. */
static void put_times(struct icalio_writer *w, const struct event *ev)
{
	if (ev->allday) {
		int64_t last =
		    ev->has_end ? lsec_day(ev->end) : lsec_day(ev->start);

		put_time(w, "DTSTART", ev->start, true, NULL);
		if (last < ITIN_LAST_DAY) {
			put_time(w, "DTEND", (last + 1) * ITIN_DAY, true, NULL);
		} else {
			/* DTEND would be in the year 10000, which a DATE
			 * cannot hold: the length says the same. */
			strbuf_reset(&w->a);
			strbuf_addf(&w->a, "P%uD",
				    (unsigned)(last - lsec_day(ev->start) + 1));
			put_raw(w, "DURATION", w->a.buf);
		}
		return;
	}
	put_time(w, "DTSTART", ev->start, false, ev->tz);
	if (ev->has_end && ev->end_utc == ev->start_utc && !ev->end_tz &&
	    ev->end == ev->start) {
		/* DTEND = DTSTART reads as a mistake to validators;
		 * a zero DURATION says the same on purpose. */
		put_raw(w, "DURATION", "PT0S");
	} else if (ev->has_end) {
		put_time(w, "DTEND", ev->end, false,
			 ev->end_tz ? ev->end_tz : ev->tz);
	}
}

/* SUMMARY, LOCATION, DESCRIPTION, CATEGORIES, STATUS, URL, GEO. */
static void put_fields(struct icalio_writer *w, const struct event *ev)
{
	static const char *const status[EV_STATUS_COUNT] = {
	    "CONFIRMED", "TENTATIVE", "CANCELLED"};
	struct strbuf *a = &w->a, *b = &w->b;
	const struct place *pl;

	if (ics_text(a, ev->title))
		add_x(w, "X-ITIN-TITLE", ev->title);
	put_text(w, "SUMMARY", a->buf);
	ics_location_text(b, ev->venue, ev->city, ev->country);
	if (b->len) {
		ics_text(a, b->buf);
		put_text(w, "LOCATION", a->buf);
	}
	ics_description_text(b, ev->notes, ev->with, ev->nwith, ev->org,
			     ev->source);
	if (b->len) {
		ics_text(a, b->buf);
		put_text(w, "DESCRIPTION", a->buf);
	}
	ics_categories_text(b, ev->type, ev->tags, ev->ntags);
	ics_text(a, b->buf);
	put_list(w, "CATEGORIES", a->buf);
	put_raw(w, "STATUS", status[ev->status]);
	if (ics_present(ev->source) && looks_like_uri(ev->source))
		put_raw(w, "URL", ev->source);
	pl = ics_present(ev->city) ? place_find(ev->city, ev->country, NULL)
				   : NULL;
	if (pl) {
		strbuf_reset(a);
		strbuf_addf(a, "%f;%f", pl->lat, pl->lon);
		put_raw(w, "GEO", a->buf);
	}
}

/* What iCalendar has no place for, exactly. */
static void put_itin_fields(struct icalio_writer *w, const struct event *ev)
{
	add_x(w, "X-ITIN-TYPE", event_type_name(ev->type));
	if (ics_present(ev->venue))
		add_x(w, "X-ITIN-VENUE", ev->venue);
	if (ics_present(ev->city))
		add_x(w, "X-ITIN-CITY", ev->city);
	if (ev->country[0])
		add_x(w, "X-ITIN-COUNTRY", ev->country);
	if (ics_present(ev->org))
		add_x(w, "X-ITIN-ORG", ev->org);
	for (size_t i = 0; i < ev->nwith; i++) {
		struct strbuf p = STRBUF_INIT;

		ics_participant_encode(&p, &ev->with[i]);
		add_x(w, "X-ITIN-PARTICIPANT", p.buf);
		strbuf_release(&p);
	}
	for (size_t i = 0; i < ev->ntags; i++)
		add_x(w, "X-ITIN-TAG", ev->tags[i]);
	if (ics_present(ev->source))
		add_x(w, "X-ITIN-SOURCE", ev->source);
	if (ev->notes)
		add_x(w, "X-ITIN-NOTES", ev->notes);
}

void icalio_write_event(struct icalio_writer *w, const struct event *ev)
{
	put_raw(w, "BEGIN", "VEVENT");
	put_identity(w, ev);
	put_times(w, ev);
	put_fields(w, ev);
	put_itin_fields(w, ev);
	put_raw(w, "END", "VEVENT");
}

static void note_year(struct icalio_zones *z, const char *name, int64_t lsec)
{
	int y, m, d;
	size_t i;

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	for (i = 0; i < z->n; i++) {
		if (!strcmp(z->v[i].name, name)) {
			if (y < z->v[i].first)
				z->v[i].first = y;
			if (y > z->v[i].last)
				z->v[i].last = y;
			return;
		}
	}
	z->v = xgrow(z->v, &z->alloc, z->n + 1, sizeof(*z->v));
	z->v[z->n].name = name;
	z->v[z->n].first = z->v[z->n].last = y;
	z->n++;
}

void icalio_zones_add(struct icalio_zones *z, const struct event *ev)
{
	if (ev->allday || !ev->tz)
		return;
	note_year(z, ev->tz, ev->start);
	if (ev->has_end)
		note_year(z, ev->end_tz ? ev->end_tz : ev->tz, ev->end);
}

void icalio_zones_release(struct icalio_zones *z)
{
	free(z->v);
	z->v = NULL;
	z->n = z->alloc = 0;
}

static int cmp_zone(const void *pa, const void *pb)
{
	const struct icalio_zone_years *a = pa, *b = pb;

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

/*
 * An observance's yearly rule, its parts in the order libical wrote
 * them: FREQ=YEARLY;UNTIL=..;BYDAY=..[;BYMONTHDAY=..];BYMONTH=..
 */
static void put_rule(struct icalio_writer *w, const struct vtz_rule *r)
{
	static const char *const days[7] = {"SU", "MO", "TU", "WE",
					    "TH", "FR", "SA"};
	int y, m, d, s = lsec_time_of_day(r->until);

	civil_from_days(lsec_day(r->until), &y, &m, &d);
	line_start(w, "RRULE");
	strbuf_addf(&w->line,
		    ":FREQ=YEARLY;UNTIL=%04d%02d%02dT%02d%02d%02dZ;BYDAY=", y,
		    m, d, s / 3600, s / 60 % 60, s % 60);
	if (r->nth)
		strbuf_addf(&w->line, "%d", r->nth);
	strbuf_addstr(&w->line, days[r->wday]);
	if (!r->nth)
		strbuf_addf(&w->line, ";BYMONTHDAY=%d,%d,%d,%d,%d,%d,%d",
			    r->mday_from, r->mday_from + 1, r->mday_from + 2,
			    r->mday_from + 3, r->mday_from + 4,
			    r->mday_from + 5, r->mday_from + 6);
	strbuf_addf(&w->line, ";BYMONTH=%d", r->month);
	line_end(w);
}

/* One STANDARD or DAYLIGHT component. */
static void put_observance(struct icalio_writer *w, const struct vtz_obs *ob)
{
	const char *kind = ob->dst ? "DAYLIGHT" : "STANDARD";
	char name[16];

	put_raw(w, "BEGIN", kind);
	put_time(w, "DTSTART", ob->start, false, NULL);
	offset_name(name, sizeof(name), ob->off_from);
	put_raw(w, "TZOFFSETFROM", name);
	offset_name(name, sizeof(name), ob->off_to);
	put_raw(w, "TZOFFSETTO", name);
	put_text(w, "TZNAME", ob->name[0] ? ob->name : name);
	if (ob->has_rule)
		put_rule(w, &ob->rule);
	/*
	 * ical.js 2.2 takes an observance with RDATEs to begin at its
	 * RDATEs only, dropping DTSTART's onset: so DTSTART is given
	 * again as the first RDATE (RFC 5545 allows the repetition).
	 */
	for (size_t k = 0; ob->nrdates && k <= ob->nrdates; k++)
		put_time(w, "RDATE", k ? ob->rdates[k - 1] : ob->start, false,
			 NULL);
	put_raw(w, "END", kind);
}

static void put_vtimezone(struct icalio_writer *w, const struct vtimezone *vtz)
{
	put_raw(w, "BEGIN", "VTIMEZONE");
	put_text(w, "TZID", vtz->tzid);
	for (size_t i = 0; i < vtz->nobs; i++)
		put_observance(w, &vtz->obs[i]);
	put_raw(w, "END", "VTIMEZONE");
}

/* A VTIMEZONE for every zone of z, over the years its events need, in
 * the order of their names. */
static void put_zones(struct icalio_writer *w, struct icalio_zones *z)
{
	if (z->n)
		qsort(z->v, z->n, sizeof(*z->v), cmp_zone);
	for (size_t i = 0; i < z->n; i++) {
		struct itin_err err;
		const struct tz *tz = tz_get(z->v[i].name, &err);
		struct vtimezone vtz;

		if (!tz)
			continue; /* checked events name only known zones */
		vtimezone_build(tz, z->v[i].first, z->v[i].last, &vtz);
		put_vtimezone(w, &vtz);
		vtimezone_release(&vtz);
	}
}

void icalio_write_begin(struct icalio_writer *w, struct strbuf *sb,
			struct icalio_zones *zones,
			const struct icalio_write_opts *o)
{
	w->sb = sb;
	w->o = o;
	strbuf_init(&w->line);
	strbuf_init(&w->held);
	strbuf_init(&w->a);
	strbuf_init(&w->b);
	put_raw(w, "BEGIN", "VCALENDAR");
	put_text(w, "VERSION", "2.0");
	put_text(w, "PRODID",
		 o->prodid ? o->prodid : "-//itin//itin " ITIN_VERSION "//EN");
	put_text(w, "CALSCALE", "GREGORIAN");
	put_raw(w, "METHOD", "PUBLISH");
	put_zones(w, zones);
}

void icalio_write_end(struct icalio_writer *w)
{
	put_raw(w, "END", "VCALENDAR");
	strbuf_release(&w->line);
	strbuf_release(&w->held);
	strbuf_release(&w->a);
	strbuf_release(&w->b);
}

void icalio_write(struct strbuf *sb, const struct evlist *l,
		  const struct icalio_write_opts *o)
{
	struct icalio_zones zones = ICALIO_ZONES_INIT;
	struct icalio_writer w;

	for (size_t i = 0; i < l->n; i++)
		icalio_zones_add(&zones, l->v[i]);
	icalio_write_begin(&w, sb, &zones, o);
	for (size_t i = 0; i < l->n; i++)
		icalio_write_event(&w, l->v[i]);
	icalio_write_end(&w);
	icalio_zones_release(&zones);
}
