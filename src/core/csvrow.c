/*
 * csvrow.c: one CSV row made into an event, as the text format makes
 * one: the zone from the tz column, else from the place (gazetteer), else
 * floating with a warning; the id from the id column, else derived; then
 * event_check(). Every problem points at the row's field: FILE:LINE:COL.
 *
 * Dates are read by datetext.h as spreadsheets write them: YYYY-MM-DD,
 * MM/DD/YYYY (US, as Google and Outlook export), DD.MM.YYYY (day first,
 * as German Excel writes); times as HH:MM[:SS] or with AM/PM ("2:00:00
 * PM"). What a date says of the file's date order is weighed here.
 *
 * All-day ends. Google's CSV "End Date" is the last day of the event
 * (support.google.com/calendar/answer/37118: "The last day of the event"),
 * as in itin. Outlook exports an all-day event as midnight to midnight:
 * End Date the next day, End Time 12:00:00 AM. So an all-day end with a
 * time of midnight, after the start, is exclusive and the day before is the
 * last day; without a time (or at another time) End Date is the last day.
 */
#include <stdio.h>
#include <string.h>

#include "itin/csvrow.h"
#include "itin/datetime.h"
#include "itin/places.h"
#include "itin/typeguess.h"
#include "itin/tz.h"

#define TYPES_EXPECTED                                                         \
	"visit, meeting, summit, conference, interview, press, travel, "       \
	"reception, call, other"

/*
 * The native end field carries the end's own zone, when it has one, after
 * the time: "2023-01-31T11:15 Asia/Tokyo" (a flight that lands in another
 * zone); or is the zone alone for an event with an end zone and no end.
 * The zone is the last word when it starts with a letter and is not AM or
 * PM; alone, it must look like a zone (a '/', or a name the database
 * knows), so "TBD" stays a bad date. Splits it off into *zone.
 */
static void split_end_zone(struct val *when, struct val *zone)
{
	struct val w = *when;
	const char *s;
	size_t len, i;

	zone->s = "";
	zone->len = 0;
	zone->idx = when->idx;
	val_trim(&w);
	s = w.s;
	len = w.len;
	if (!len)
		return;
	for (i = len; i > 0 && !ascii_isblank((unsigned char)s[i - 1]);)
		i--;
	if (!ascii_isalpha((unsigned char)s[i]) ||
	    datetext_is_ampm(s + i, len - i))
		return;
	if (i == 0 && !memchr(s, '/', len)) {
		struct itin_err e;
		char buf[64];

		if (len >= sizeof(buf))
			return;
		memcpy(buf, s, len);
		buf[len] = '\0';
		if (!tz_get(buf, &e))
			return;
	}
	zone->s = s + i;
	zone->len = len - i;
	when->s = s;
	when->len = i;
	val_trim(when);
}

/*
 * After a date of field idx: take what it says of the file's date order.
 * A date that contradicts the order an earlier one decided stops the
 * whole file (ITIN_EX_DATAERR with er->fatal set), naming both lines.
 */
static int note_date(struct evreader *er, const struct csvio_record *rec,
		     long idx, struct itin_err *err)
{
	struct dateorder *o = &er->dord;
	struct datetext *dt = &o->dt;
	struct datetext_order *so = &dt->sep[dt->cur_sep];
	long line, col;
	char says;

	switch (dt->kind) {
	case DATETEXT_PLAIN:
		return 0;
	case DATETEXT_AMBIG:
		o->row_ambig = true;
		if (!o->slash_ambig) {
			o->slash_ambig = true;
			csvev_pos(rec, idx, &line, &col);
			itin_err_at(&o->first_ambig, ITIN_EX_DATAERR, er->fname,
				    line, col,
				    "ambiguous date '%s': day-first or "
				    "month-first? no date in the file has a "
				    "field over 12 to tell; use --date-order "
				    "dmy or --date-order mdy",
				    dt->cur_s);
		}
		return 0;
	case DATETEXT_AMBIG_DOT:
	case DATETEXT_DMY:
	case DATETEXT_MDY:
		break;
	}
	says = dt->kind == DATETEXT_MDY ? 'm' : 'd';
	csvev_pos(rec, idx, &line, &col);
	if (!so->order) {
		so->order = says;
		so->at_line = line;
		so->by_convention = dt->kind == DATETEXT_AMBIG_DOT;
		memcpy(so->at_s, dt->cur_s, sizeof(so->at_s));
		o->decided_now = dt->cur_sep == 0;
		return 0;
	}
	if (so->order == says)
		return 0;
	er->fatal = true;
	if (so->by_convention)
		return itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col,
				   "date '%s' is month-first, but line %ld "
				   "has '%s', read day-first as dotted dates "
				   "are; give --date-order dmy or mdy",
				   dt->cur_s, so->at_line, so->at_s);
	return itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col,
			   "date '%s' is %s-first, but line %ld has '%s', "
			   "%s-first; give --date-order dmy or mdy",
			   dt->cur_s, says == 'd' ? "day" : "month",
			   so->at_line, so->at_s,
			   so->order == 'd' ? "day" : "month");
}

/* The start or the end of a row, from its when, date and time columns. */
static int row_when(struct evreader *er, const struct csvio_record *rec,
		    const char *what, struct val when, struct val date,
		    struct val time, struct datetext_when *out, long *where,
		    struct itin_err *err)
{
	struct dateorder *o = &er->dord;

	memset(out, 0, sizeof(*out));
	*where = when.idx >= 0 ? when.idx : date.idx >= 0 ? date.idx : time.idx;
	if (when.len) {
		if (datetext_when(&o->dt, when.s, when.len, out, err))
			return csvev_locate(er, rec, when.idx, err);
		if (out->has_date && note_date(er, rec, when.idx, err))
			return -1;
	}
	if (date.len) {
		if (out->has_date)
			return csvev_fail(er, rec, date.idx, err,
					  "the %s date is given twice", what);
		val_trim(&date);
		if (datetext_date(&o->dt, date.s, date.len, &out->days, err))
			return csvev_locate(er, rec, date.idx, err);
		if (note_date(er, rec, date.idx, err))
			return -1;
		out->has_date = true;
		if (!when.len)
			*where = date.idx;
	}
	if (time.len) {
		if (out->has_time)
			return csvev_fail(er, rec, time.idx, err,
					  "the %s time is given twice", what);
		val_trim(&time);
		if (datetext_clock(time.s, time.len, &out->secs, err))
			return csvev_locate(er, rec, time.idx, err);
		out->has_time = true;
	}
	return 0;
}

/*
 * Warnings from event_check() get the row's file and the start's line and
 * column, worked out only when there is a warning: locating a field lexes
 * the record again.
 */
struct located_warner {
	const struct itin_warner *inner;
	const char *file;
	const struct csvio_record *rec;
	long idx;
};

static void located_warn(void *ctx, const struct itin_err *w)
{
	const struct located_warner *lw = ctx;
	struct itin_err c = *w;

	if (!c.file[0])
		snprintf(c.file, sizeof(c.file), "%s", lw->file);
	if (!c.line)
		csvev_pos(lw->rec, lw->idx, &c.line, &c.col);
	lw->inner->fn(lw->inner->ctx, &c);
}

bool csvev_row_is_empty(const struct csvio_record *rec)
{
	size_t i, j;

	for (i = 0; i < rec->n; i++)
		for (j = 0; j < rec->f[i].len; j++)
			if (!ascii_isblank((unsigned char)rec->f[i].s[j]))
				return false;
	return true;
}

/* Where in the row each part of the event came from, to point at the
 * field event_check() finds a problem in. */
struct rowpos {
	long title, type, start, end, place;
	struct val tz, endzone;
};

/* The title, and the type: given, or guessed from the title. */
static int build_what(struct evreader *er, const struct csvio_record *rec,
		      struct event *ev, struct rowpos *at, struct itin_err *err)
{
	struct val title = csvev_get(er, rec, C_TITLE);
	struct val type = csvev_get(er, rec, C_TYPE), v = type;
	int t;

	at->title = title.idx;
	at->type = type.idx;
	if (!title.len)
		return csvev_fail(er, rec, title.idx, err, "missing title");
	csvev_text(er, ev, &ev->title, title, false);
	val_trim(&v);
	if (!v.len) {
		ev->type = typeguess(ev->title);
		return 0;
	}
	t = csvev_keyword(er, 't', v, event_type_parse);
	if (t < 0)
		return csvev_fail(er, rec, type.idx, err,
				  "unknown type '%.*s' (expected one "
				  "of: " TYPES_EXPECTED ")",
				  (int)(v.len > 64 ? 64 : v.len), v.s);
	ev->type = (enum event_type)t;
	return 0;
}

/* The event's start and end from the row's; an all-day end made the
 * last day. e_at: the end's field. */
static int set_times(struct evreader *er, const struct csvio_record *rec,
		     struct event *ev, const struct datetext_when *s,
		     struct datetext_when *e, bool allday_flag, long e_at,
		     struct itin_err *err)
{
	if (!e->has_date && e->has_time)
		e->days = s->days; /* an end time alone: the start's day */
	ev->allday = !s->has_time;
	ev->start = s->days * ITIN_DAY + (s->has_time ? s->secs : 0);
	if (!e->has_date && !e->has_time)
		return 0;
	if (!ev->allday) {
		if (!e->has_time)
			return csvev_fail(
			    er, rec, e_at, err,
			    "the end needs a time, like the start");
		ev->has_end = true;
		ev->end = e->days * ITIN_DAY + e->secs;
		return 0;
	}
	if (e->has_time && !allday_flag)
		return csvev_fail(er, rec, e_at, err,
				  "the end has a time but the "
				  "start is a date");
	if (e->has_time && e->secs == 0 && e->days > s->days)
		e->days--; /* Outlook's exclusive midnight */
	if (e->days != s->days) {
		ev->has_end = true;
		ev->end = e->days * ITIN_DAY;
	}
	return 0;
}

/* When: 0, -1 refused (err), 1 the row waits for the date order. */
static int build_when(struct evreader *er, const struct csvio_record *rec,
		      struct event *ev, struct rowpos *at, struct itin_err *err)
{
	struct val v = csvev_get(er, rec, C_ALLDAY), end;
	struct datetext_when s, e;
	bool allday_flag = false;

	if (csvev_bool(v, &allday_flag))
		return csvev_fail(er, rec, v.idx, err,
				  "invalid value '%.*s' for an all-day flag "
				  "(expected True or False)",
				  (int)(v.len > 64 ? 64 : v.len), v.s);
	if (row_when(er, rec, "start", csvev_get(er, rec, C_START),
		     csvev_get(er, rec, C_START_DATE),
		     csvev_get(er, rec, C_START_TIME), &s, &at->start, err))
		return -1;
	end = csvev_get(er, rec, C_END);
	split_end_zone(&end, &at->endzone);
	if (row_when(er, rec, "end", end, csvev_get(er, rec, C_END_DATE),
		     csvev_get(er, rec, C_END_TIME), &e, &at->end, err))
		return -1;
	/* An ambiguous date waits for the order; once a row waits, every
	 * row after it waits too, so that rows are built, and their
	 * messages come, in file order. */
	if (er->dord.row_ambig || er->dord.nwait)
		return 1;
	if (!s.has_date)
		return csvev_fail(er, rec, at->start, err,
				  s.has_time ? "missing start date"
					     : "missing start");
	if (allday_flag)
		s.has_time = false; /* Outlook writes 12:00:00 AM */
	return set_times(er, rec, ev, &s, &e, allday_flag, at->end, err);
}

/* Where: the city, country and venue columns, or a calendar's Location. */
static int build_where(struct evreader *er, const struct csvio_record *rec,
		       struct event *ev, struct rowpos *at,
		       struct itin_err *err)
{
	struct val city = csvev_get(er, rec, C_CITY);
	struct val country = csvev_get(er, rec, C_COUNTRY);
	struct val venue = csvev_get(er, rec, C_VENUE);
	struct val loc = csvev_get(er, rec, C_LOCATION);
	struct val v = country;

	at->place = city.len ? city.idx : loc.len ? loc.idx : country.idx;
	val_trim(&v);
	if (v.len) {
		const char *cc = csvev_country(er, v);

		if (!cc)
			return csvev_fail(er, rec, country.idx, err,
					  "unknown country '%.*s'",
					  (int)(v.len > 64 ? 64 : v.len), v.s);
		memcpy(ev->country, cc, 3);
	}
	csvev_text(er, ev, &ev->city, city, false);
	csvev_text(er, ev, &ev->venue, venue, false);
	if (!city.len && !venue.len && !country.len && loc.len)
		csvev_location(er, ev, loc);
	return 0;
}

/* A timed event without a tz column: the zone of its place, said when it
 * is a guess among several, or when the place has none known. */
static void zone_of_place(struct evreader *er, const struct csvio_record *rec,
			  struct event *ev, long place_at)
{
	int how;
	const char *name = csvev_place_zone(er, ev, &how);
	long line, col;

	if (name && how == PLACE_ZONE_MAIN) {
		csvev_pos(rec, place_at, &line, &col);
		if (ev->city)
			itin_warn_at(er->w, er->fname, line, col,
				     "no city '%s' in the gazetteer; "
				     "time in %s, the zone with the "
				     "most people in %s",
				     ev->city, name, ev->country);
		else
			itin_warn_at(er->w, er->fname, line, col,
				     "time in %s, the zone with the "
				     "most people in %s (of several "
				     "zones)",
				     name, ev->country);
	}
	if (name) {
		event_set_str(ev, &ev->tz, name);
	} else if (how == PLACE_ZONE_UNKNOWN) {
		csvev_pos(rec, place_at, &line, &col);
		itin_warn_at(er->w, er->fname, line, col,
			     "no time zone known for '%s'; "
			     "time is floating",
			     ev->city ? ev->city : ev->country);
	}
}

/* The end zone: in the end field, or an end_tz column; given in both,
 * they must agree. */
static int build_end_zone(struct evreader *er, const struct csvio_record *rec,
			  struct event *ev, struct val endzone,
			  struct itin_err *err)
{
	struct val v = csvev_get(er, rec, C_END_TZ), which;
	const char *name, *name2;

	val_trim(&v);
	if (!endzone.len && !v.len)
		return 0;
	which = endzone.len ? endzone : v;
	name = csvev_zone(er, which, err);
	if (!name)
		return csvev_locate(er, rec, which.idx, err);
	if (endzone.len && v.len) {
		name2 = csvev_zone(er, v, err);
		if (!name2)
			return csvev_locate(er, rec, v.idx, err);
		if (strcmp(name, name2))
			return csvev_fail(er, rec, v.idx, err,
					  "end zone '%s' is not the one "
					  "the end gives ('%s')",
					  name2, name);
	}
	event_set_str(ev, &ev->end_tz, name);
	return 0;
}

/* The zone of a timed event: the tz column, else the place's, else
 * floating; then its end zone. */
static int build_zone(struct evreader *er, const struct csvio_record *rec,
		      struct event *ev, struct rowpos *at, struct itin_err *err)
{
	struct val tz = csvev_get(er, rec, C_TZ);
	bool floating;

	val_trim(&tz);
	at->tz = tz;
	if (ev->allday)
		return 0;
	floating = tz.len == 8 && !ascii_ncasecmp(tz.s, "floating", 8);
	if (tz.len && !floating) {
		const char *name = csvev_zone(er, tz, err);

		if (!name)
			return csvev_locate(er, rec, tz.idx, err);
		event_set_str(ev, &ev->tz, name);
	} else if (!tz.len) {
		zone_of_place(er, rec, ev, at->place);
	}
	return build_end_zone(er, rec, ev, at->endzone, err);
}

/* Who, and the rest: lists, text, the status, the ids. */
static int build_rest(struct evreader *er, const struct csvio_record *rec,
		      struct event *ev, struct itin_err *err)
{
	struct val v;
	size_t i;

	csvev_items(er, ev, csvev_get(er, rec, C_PARTICIPANTS), true, NULL,
		    false);
	csvev_items(er, ev, csvev_get(er, rec, C_ORGANIZER), true, "organizer",
		    true);
	csvev_items(er, ev, csvev_get(er, rec, C_REQ_ATTENDEES), true, NULL,
		    true);
	csvev_items(er, ev, csvev_get(er, rec, C_OPT_ATTENDEES), true, NULL,
		    true);
	csvev_items(er, ev, csvev_get(er, rec, C_TAGS), false, NULL, false);
	csvev_text(er, ev, &ev->org, csvev_get(er, rec, C_ORG), false);
	csvev_text(er, ev, &ev->source, csvev_get(er, rec, C_SOURCE), false);
	v = csvev_get(er, rec, C_NOTES);
	if (v.len)
		csvev_text(er, ev, &ev->notes, v, true);
	v = csvev_get(er, rec, C_STATUS);
	val_trim(&v);
	if (v.len) {
		int st = csvev_keyword(er, 's', v, event_status_parse);

		if (st < 0)
			return csvev_fail(er, rec, er->col[C_STATUS], err,
					  "unknown status '%.*s' (expected one "
					  "of: confirmed, "
					  "tentative, cancelled)",
					  (int)(v.len > 64 ? 64 : v.len), v.s);
		ev->status = (enum event_status)st;
	}
	csvev_set_val(ev, &ev->id, csvev_get(er, rec, C_ID));
	csvev_set_val(ev, &ev->uid, csvev_get(er, rec, C_UID));
	ev->line = (uint32_t)rec->line; /* for import's warnings */

	/* Columns past the header's: only empty ones are allowed. */
	for (i = er->ncols; i < rec->n; i++)
		if (rec->f[i].len)
			return csvev_fail(er, rec, (long)i, err,
					  "field %zu has no column in the "
					  "header (%zu columns)",
					  i + 1, er->ncols);
	return 0;
}

/* event_check(), its problem placed at the field that part came from. */
static int check_event(struct evreader *er, const struct csvio_record *rec,
		       struct event *ev, const struct rowpos *at,
		       struct itin_err *err)
{
	struct located_warner lw = {er->w, er->fname, rec, at->start};
	struct itin_warner wrap = {located_warn, &lw};
	enum event_part part;
	long where = -1;

	if (!event_check_part(ev, er->w && er->w->fn ? &wrap : NULL, err,
			      &part))
		return 0;
	switch (part) {
	case EV_PART_TITLE:
		where = at->title;
		break;
	case EV_PART_TYPE:
		where = at->type;
		break;
	case EV_PART_START:
		where = at->start;
		break;
	case EV_PART_END:
		where = at->end;
		break;
	case EV_PART_TZ:
		where = at->tz.len ? at->tz.idx : at->place;
		break;
	case EV_PART_END_TZ:
		where = at->endzone.len ? at->endzone.idx : er->col[C_END_TZ];
		break;
	case EV_PART_ID:
		where = er->col[C_ID];
		break;
	default:
		break;
	}
	return csvev_locate(er, rec, where, err);
}

int csvev_build(struct evreader *er, const struct csvio_record *rec,
		struct event *ev, struct itin_err *err)
{
	struct rowpos at;
	int r;

	if (build_what(er, rec, ev, &at, err))
		return -1;
	r = build_when(er, rec, ev, &at, err);
	if (r)
		return r;
	if (build_where(er, rec, ev, &at, err) ||
	    build_zone(er, rec, ev, &at, err) || build_rest(er, rec, ev, err))
		return -1;
	return check_event(er, rec, ev, &at, err);
}
