/*
 * detail.c: the texts of the viewer's panes, with no curses: the detail
 * of one event, the lines of the agenda, the status line, and search.
 *
 * Every value is sanitised (utf8_sanitize): a title cannot move the
 * cursor, change colours or the window title.
 */
#include <string.h>

#include "itin/datetime.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "tui.h"

#define LABEL_COLS 14

void view_day_text(struct strbuf *sb, int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	strbuf_addf(sb, "%s %d %s %04d", weekday_abbr(weekday_from_days(day)),
		    d, month_abbr(m), y);
}

/* "KST +09:00" ("+05:45" alone where the abbreviation is a number). */
static void zone_text(struct strbuf *sb, const struct tz *tz, int64_t instant)
{
	struct tz_offset off;
	char ofs[16];

	tz_offset_at(tz, instant, &off);
	tz_format_offset(off.utc_offset, ofs);
	if (off.abbr[0] && off.abbr[0] != '+' && off.abbr[0] != '-') {
		utf8_sanitize(sb, off.abbr);
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, ofs);
}

static const struct tz *zone_named(const char *name)
{
	struct itin_err err;

	return name ? tz_get(name, &err) : NULL;
}

static void label(struct strbuf *sb, const char *name)
{
	size_t n = strlen(name) + 1;

	strbuf_addstr(sb, name);
	strbuf_addch(sb, ':');
	strbuf_addspaces(sb, n < LABEL_COLS ? LABEL_COLS - n : 1);
}

static void field(struct strbuf *sb, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	label(sb, name);
	utf8_sanitize(sb, value);
	strbuf_addch(sb, '\n');
}

/* Several lines under one label (notes; participants). */
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

static void clock_text(struct strbuf *sb, int64_t lsec, bool with_day)
{
	char buf[ITIN_WHEN_MAX];

	if (with_day) {
		view_day_text(sb, lsec_day(lsec));
		strbuf_addch(sb, ' ');
	}
	clock_format(lsec_time_of_day(lsec), buf);
	strbuf_addstr(sb, buf);
}

/* start .. end, each in its zone (tz NULL: floating). */
static void range_text(struct strbuf *sb, int64_t start, const struct tz *stz,
		       int64_t s_utc, bool has_end, int64_t end,
		       const struct tz *etz, int64_t e_utc)
{
	clock_text(sb, start, true);
	if (has_end && lsec_day(end) == lsec_day(start) && stz == etz) {
		strbuf_addstr(sb, " .. ");
		clock_text(sb, end, false);
		has_end = false;
	}
	strbuf_addch(sb, ' ');
	if (stz)
		zone_text(sb, stz, s_utc);
	else
		strbuf_addstr(sb, "(floating)");
	if (!has_end)
		return;
	strbuf_addstr(sb, " .. ");
	clock_text(sb, end, true);
	strbuf_addch(sb, ' ');
	if (etz)
		zone_text(sb, etz, e_utc);
	else
		strbuf_addstr(sb, "(floating)");
}

static void when_text(struct strbuf *sb, const struct event *ev)
{
	const struct tz *stz = zone_named(ev->tz);
	const struct tz *etz = ev->end_tz ? zone_named(ev->end_tz) : stz;

	if (ev->allday) {
		int64_t first = event_first_day(ev), last = event_last_day(ev);

		view_day_text(sb, first);
		if (last != first) {
			strbuf_addstr(sb, " .. ");
			view_day_text(sb, last);
			strbuf_addf(sb, " (all day, %lld days)",
				    (long long)(last - first + 1));
		} else {
			strbuf_addstr(sb, " (all day)");
		}
		return;
	}
	range_text(sb, ev->start, stz, ev->start_utc, ev->has_end, ev->end, etz,
		   ev->end_utc);
}

void view_detail(struct strbuf *sb, const struct event *ev,
		 const struct tz *here)
{
	struct strbuf v = STRBUF_INIT;
	const char *cn;

	field(sb, "Id", ev->id);
	field(sb, "Type", event_type_name(ev->type));
	field(sb, "Title", ev->title);
	field(sb, "Status", event_status_name(ev->status));
	when_text(&v, ev);
	field(sb, "When", v.buf);
	strbuf_reset(&v);
	/* Only instants can be seen from another zone. */
	if (!ev->allday && ev->tz && here) {
		range_text(&v, tz_utc_to_local(here, ev->start_utc), here,
			   ev->start_utc, ev->has_end,
			   tz_utc_to_local(here, ev->end_utc), here,
			   ev->end_utc);
		strbuf_addf(&v, " (%s)", tz_name(here));
		field(sb, "Your zone", v.buf);
		strbuf_reset(&v);
	}
	if (!ev->allday && ev->tz) {
		char buf[ITIN_WHEN_MAX];

		when_format(ev->start_utc, true, 'T', buf);
		strbuf_addf(&v, "%sZ", buf);
		if (ev->has_end) {
			when_format(ev->end_utc, true, 'T', buf);
			strbuf_addf(&v, " .. %sZ", buf);
		}
		field(sb, "UTC", v.buf);
		strbuf_reset(&v);
	}
	field(sb, "Venue", ev->venue);
	field(sb, "City", ev->city);
	if (ev->country[0]) {
		cn = country_name(ev->country);
		strbuf_addstr(&v, ev->country);
		if (cn)
			strbuf_addf(&v, " (%s)", cn);
		field(sb, "Country", v.buf);
		strbuf_reset(&v);
	}
	if (!ev->allday)
		field(sb, "Time zone", ev->tz ? ev->tz : "floating");
	field(sb, "End zone", ev->end_tz);
	for (size_t i = 0; i < ev->nwith; i++) {
		utf8_sanitize(&v, ev->with[i].name);
		if (ev->with[i].role) {
			strbuf_addstr(&v, " (");
			utf8_sanitize(&v, ev->with[i].role);
			strbuf_addch(&v, ')');
		}
		if (i + 1 < ev->nwith)
			strbuf_addch(&v, '\n');
	}
	/* Already sanitised, line by line: a break in a name stays escaped. */
	if (v.len) {
		const char *p = v.buf;

		label(sb, "With");
		for (;;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			strbuf_add(sb, p, n);
			strbuf_addch(sb, '\n');
			if (!nl)
				break;
			p = nl + 1;
			strbuf_addspaces(sb, LABEL_COLS);
		}
	}
	strbuf_reset(&v);
	field(sb, "Organisation", ev->org);
	field(sb, "Source", ev->source);
	for (size_t i = 0; i < ev->ntags; i++) {
		if (i)
			strbuf_addstr(&v, ", ");
		strbuf_addstr(&v, ev->tags[i]);
	}
	field(sb, "Tags", v.buf);
	strbuf_release(&v);
	field_lines(sb, "Notes", ev->notes);
}

static void pad_to(struct strbuf *sb, size_t start, size_t cols)
{
	size_t w = utf8_width(sb->buf + start);

	if (w < cols)
		strbuf_addspaces(sb, cols - w);
	strbuf_addstr(sb, "  ");
}

void view_agenda_line(struct strbuf *sb, const struct layout_item *it,
		      const struct tz *in)
{
	const struct event *ev = it->ev;
	char buf[ITIN_WHEN_MAX];
	size_t start;

	strbuf_addstr(sb, "  ");
	start = sb->len;
	if (ev->allday) {
		int64_t first, last;

		layout_item_days(it, &first, &last);
		strbuf_addstr(sb, "all day");
		if (last > first)
			strbuf_addf(sb, " (%lld d)",
				    (long long)(last - first + 1));
	} else {
		clock_format(lsec_time_of_day(it->s), buf);
		strbuf_addstr(sb, buf);
		if (ev->has_end) {
			int64_t dd = lsec_day(it->e) - lsec_day(it->s);

			clock_format(lsec_time_of_day(it->e), buf);
			strbuf_addf(sb, "-%s", buf);
			if (dd)
				strbuf_addf(sb, "%+lld", (long long)dd);
		}
	}
	pad_to(sb, start, 13);
	start = sb->len;
	if (!ev->allday) {
		const struct tz *tz =
		    ev->tz ? (in ? in : zone_named(ev->tz)) : NULL;
		if (tz)
			zone_text(sb, tz, ev->start_utc);
		else
			strbuf_addstr(sb, "floating");
	}
	pad_to(sb, start, 10);
	start = sb->len;
	strbuf_addstr(sb, event_type_name(ev->type));
	pad_to(sb, start, 10);
	layout_event_label(sb, ev);
}

void view_status_text(struct strbuf *sb, const struct layout_item *it)
{
	char buf[ITIN_WHEN_MAX];
	int y, m, d;
	int64_t day = lsec_day(it->s);

	civil_from_days(day, &y, &m, &d);
	strbuf_addf(sb, "%s %d %s %04d ", weekday_abbr(weekday_from_days(day)),
		    d, month_abbr(m), y);
	if (it->ev->allday) {
		int64_t first, last;

		layout_item_days(it, &first, &last);
		if (last > first)
			strbuf_addf(sb, "(%lld days) ",
				    (long long)(last - first + 1));
		else
			strbuf_addstr(sb, "(all day) ");
	} else {
		clock_format(lsec_time_of_day(it->s), buf);
		strbuf_addstr(sb, buf);
		if (it->ev->has_end) {
			clock_format(lsec_time_of_day(it->e), buf);
			strbuf_addf(sb, "-%s", buf);
		}
		strbuf_addch(sb, ' ');
	}
	strbuf_addf(sb, "%s  ", event_type_name(it->ev->type));
	layout_event_label(sb, it->ev);
}

static bool has(const char *field, const char *needle, struct strbuf *scratch)
{
	size_t n;

	if (!field || !*field)
		return false;
	n = strlen(field) + 1;
	strbuf_reset(scratch);
	strbuf_grow(scratch, n);
	utf8_fold(field, scratch->buf, n, 0);
	return strstr(scratch->buf, needle) != NULL;
}

bool view_matches(const struct event *ev, const char *needle,
		  struct strbuf *scratch)
{
	if (has(ev->title, needle, scratch) ||
	    has(ev->venue, needle, scratch) || has(ev->city, needle, scratch) ||
	    has(ev->org, needle, scratch) || has(ev->notes, needle, scratch))
		return true;
	for (size_t i = 0; i < ev->nwith; i++)
		if (has(ev->with[i].name, needle, scratch) ||
		    has(ev->with[i].role, needle, scratch))
			return true;
	for (size_t i = 0; i < ev->ntags; i++)
		if (has(ev->tags[i], needle, scratch))
			return true;
	return false;
}
