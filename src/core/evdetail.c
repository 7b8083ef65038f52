/*
 * evdetail.c: one event, every field, for people; see evdetail.h.
 *
 * The times: a range says its zone once when both ends are on one day,
 * in one zone, at one offset; otherwise each end carries its own day and
 * zone, so a flight across zones or a night across a change of offset
 * reads right.
 */
#include <string.h>

#include "itin/datetime.h"
#include "itin/evdetail.h"
#include "itin/evident.h"
#include "itin/evtext.h"
#include "itin/places.h"
#include "itin/utf8.h"

#define LABEL_COLS 14

static void label(struct strbuf *sb, const char *name)
{
	size_t n = strlen(name) + 1;

	strbuf_addstr(sb, name);
	strbuf_addch(sb, ':');
	strbuf_addspaces(sb, n < LABEL_COLS ? LABEL_COLS - n : 1);
}

/* A one-line field: a line break in it is shown escaped, like any other
 * control character, so a title cannot pose as another field. */
static void field(struct strbuf *sb, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	label(sb, name);
	utf8_sanitize(sb, value);
	strbuf_addch(sb, '\n');
}

/* A field of several lines (notes, participants): one line each, aligned
 * under the first. Each line is sanitised on its own. */
static void field_lines(struct strbuf *sb, const char *name, const char *value)
{
	const char *p = value;

	if (!value || !*value)
		return;
	label(sb, name);
	for (;;) {
		const char *nl = strchr(p, '\n');
		struct strbuf line = STRBUF_INIT;

		strbuf_add(&line, p, nl ? (size_t)(nl - p) : strlen(p));
		utf8_sanitize(sb, line.buf);
		strbuf_release(&line);
		strbuf_addch(sb, '\n');
		if (!nl)
			break;
		p = nl + 1;
		strbuf_addspaces(sb, LABEL_COLS);
	}
}

/* One end of a range of times. */
struct clock_at {
	int64_t local;	  /* the wall clock in zone */
	int64_t instant;  /* UTC; what the zone's offset is looked up at */
	const char *zone; /* a zone name; NULL: floating */
};

static void clock_text(struct strbuf *sb, int64_t lsec, bool with_day)
{
	char buf[ITIN_WHEN_MAX];

	if (with_day) {
		day_text(sb, lsec_day(lsec));
		strbuf_addch(sb, ' ');
	}
	clock_format(lsec_time_of_day(lsec), buf);
	strbuf_addstr(sb, buf);
}

static void zone_or_floating(struct strbuf *sb, const struct clock_at *at)
{
	strbuf_addch(sb, ' ');
	if (at->zone)
		zone_text(sb, at->zone, at->instant);
	else
		strbuf_addstr(sb, "(floating)");
}

/*
 * "start zone .. end zone"; end NULL: no end. one_zone says both ends are
 * read in the same zone; the offset is checked here, since a zone's
 * offset can change between the two (a DST night).
 */
static void range_text(struct strbuf *sb, const struct clock_at *start,
		       const struct clock_at *end, bool one_zone)
{
	clock_text(sb, start->local, true);
	if (end && one_zone && lsec_day(end->local) == lsec_day(start->local) &&
	    end->instant - start->instant == end->local - start->local) {
		strbuf_addstr(sb, " .. ");
		clock_text(sb, end->local, false);
		zone_or_floating(sb, start);
		return;
	}
	zone_or_floating(sb, start);
	if (!end)
		return;
	strbuf_addstr(sb, " .. ");
	clock_text(sb, end->local, true);
	zone_or_floating(sb, end);
}

static void when_text(struct strbuf *sb, const struct event *ev)
{
	struct clock_at start = {ev->start, ev->start_utc, ev->tz};
	struct clock_at end = {ev->end, ev->end_utc,
			       ev->end_tz ? ev->end_tz : ev->tz};

	if (ev->allday) {
		int64_t first = event_first_day(ev), last = event_last_day(ev);

		day_text(sb, first);
		if (last != first) {
			strbuf_addstr(sb, " .. ");
			day_text(sb, last);
			strbuf_addf(sb, " (all day, %lld days)",
				    (long long)(last - first + 1));
		} else {
			strbuf_addstr(sb, " (all day)");
		}
		return;
	}
	range_text(sb, &start, ev->has_end ? &end : NULL, !ev->end_tz);
}

/* The same instants on the clock of here, named after the zone. */
static void here_text(struct strbuf *sb, const struct event *ev,
		      const struct tz *here)
{
	struct clock_at start = {tz_utc_to_local(here, ev->start_utc),
				 ev->start_utc, tz_name(here)};
	struct clock_at end = {tz_utc_to_local(here, ev->end_utc), ev->end_utc,
			       tz_name(here)};

	range_text(sb, &start, ev->has_end ? &end : NULL, true);
	strbuf_addf(sb, " (%s)", tz_name(here));
}

static void utc_text(struct strbuf *sb, const struct event *ev)
{
	char buf[ITIN_WHEN_MAX];

	when_format(ev->start_utc, true, 'T', buf);
	strbuf_addf(sb, "%sZ", buf);
	if (ev->has_end) {
		when_format(ev->end_utc, true, 'T', buf);
		strbuf_addf(sb, " .. %sZ", buf);
	}
}

static void country_text(struct strbuf *sb, const struct event *ev,
			 bool with_name)
{
	const char *cn;

	if (!ev->country[0])
		return;
	cn = with_name ? country_name(ev->country) : NULL;
	strbuf_addstr(sb, ev->country);
	if (cn)
		strbuf_addf(sb, " (%s)", cn);
}

/* One participant a line: "Name (role)". Each part is sanitised here,
 * before the lines are joined, so a break inside a name stays escaped
 * rather than starting a line of its own. */
static void with_text(struct strbuf *sb, const struct event *ev)
{
	for (size_t i = 0; i < ev->nwith; i++) {
		utf8_sanitize(sb, ev->with[i].name);
		if (ev->with[i].role) {
			strbuf_addstr(sb, " (");
			utf8_sanitize(sb, ev->with[i].role);
			strbuf_addch(sb, ')');
		}
		if (i + 1 < ev->nwith)
			strbuf_addch(sb, '\n');
	}
}

static void tags_text(struct strbuf *sb, const struct event *ev)
{
	for (size_t i = 0; i < ev->ntags; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		strbuf_addstr(sb, ev->tags[i]);
	}
}

/* A field whose value was built in v, which is then emptied for the
 * next one. */
static void field_built(struct strbuf *sb, const char *name, struct strbuf *v)
{
	field(sb, name, v->buf);
	strbuf_reset(v);
}

/* "1cc61d33e6b25726 (short: 1cc6)": the short form only when it is
 * shorter than the id. */
static void id_text(struct strbuf *sb, const struct event *ev, size_t id_short)
{
	strbuf_addstr(sb, ev->id);
	if (id_short && id_short < strlen(ev->id)) {
		strbuf_addstr(sb, " (short: ");
		strbuf_add(sb, ev->id, id_short);
		strbuf_addch(sb, ')');
	}
}

/* When, on the event's clock, the reader's and UTC. Floating and all-day
 * times are not instants: they have no UTC, and look the same from every
 * zone. */
static void time_fields(struct strbuf *sb, struct strbuf *v,
			const struct event *ev, const struct tz *here)
{
	bool instant = !ev->allday && ev->tz;

	when_text(v, ev);
	field_built(sb, "When", v);
	if (instant && here) {
		here_text(v, ev, here);
		field_built(sb, "Your zone", v);
	}
	if (instant) {
		utc_text(v, ev);
		field_built(sb, "UTC", v);
	}
}

void evdetail_write(struct strbuf *sb, const struct event *ev,
		    const struct evdetail_opts *o)
{
	struct strbuf v = STRBUF_INIT;

	id_text(&v, ev, o->id_short);
	field_built(sb, "Id", &v);
	field(sb, "UID", ev->uid);
	field(sb, "Type", event_type_name(ev->type));
	field(sb, "Title", ev->title);
	field(sb, "Status", event_status_name(ev->status));
	time_fields(sb, &v, ev, o->here);
	if (o->flags & EVDETAIL_PLACE) {
		place_text(&v, ev);
		field_built(sb, "Place", &v);
	}
	field(sb, "Venue", ev->venue);
	field(sb, "City", ev->city);
	country_text(&v, ev, o->flags & EVDETAIL_COUNTRY_NAME);
	field_built(sb, "Country", &v);
	if (!ev->allday)
		field(sb, "Time zone", ev->tz ? ev->tz : "floating");
	field(sb, "End zone", ev->end_tz);
	/* Sanitising the joined lines again changes nothing: what
	 * utf8_sanitize writes is printable and passes through unchanged. */
	with_text(&v, ev);
	field_lines(sb, "With", v.buf);
	strbuf_reset(&v);
	field(sb, "Organisation", ev->org);
	field(sb, "Source", ev->source);
	tags_text(&v, ev);
	field_built(sb, "Tags", &v);
	if (ev->has_modified) {
		char m[ITIN_WHEN_MAX];

		evident_format_utc(ev->modified, m);
		field(sb, "Modified", m);
	}
	strbuf_release(&v);
	field_lines(sb, "Notes", ev->notes);
}
