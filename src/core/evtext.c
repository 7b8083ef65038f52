/*
 * evtext.c: a day, a zone and a place as people read them; see evtext.h.
 */
#include <string.h>

#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/tz.h"
#include "itin/utf8.h"

void day_text(struct strbuf *sb, int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	strbuf_addf(sb, "%s %d %s %04d", weekday_abbr(weekday_from_days(day)),
		    d, month_abbr(m), y);
}

static void zone_text_as(struct strbuf *sb, const char *name, int64_t instant,
			 bool offset)
{
	struct itin_err err;
	const struct tz *tz = tz_get(name, &err);
	struct tz_offset off;
	char ofs[16];

	if (!tz) {
		utf8_sanitize(sb, name);
		return;
	}
	tz_offset_at(tz, instant, &off);
	tz_format_offset(off.utc_offset, ofs);
	/* The abbreviation comes from a file on disk: sanitised too. */
	if (off.abbr[0] && off.abbr[0] != '+' && off.abbr[0] != '-') {
		utf8_sanitize(sb, off.abbr);
		if (!offset)
			return;
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, ofs);
}

void zone_text(struct strbuf *sb, const char *name, int64_t instant)
{
	zone_text_as(sb, name, instant, true);
}

void zone_text_short(struct strbuf *sb, const char *name, int64_t instant)
{
	zone_text_as(sb, name, instant, false);
}

/*
 * The zone of the start, and " -> " the end's when it is said differently:
 * a flight's landing zone, or the same zone after a change of its clock
 * (22:00 CET to 06:00 CEST across the spring night), for the end's clock
 * time is on its own offset. same: the end is in the start's zone, so only
 * a different text is worth saying.
 */
static void zone_pair(struct strbuf *zone,
		      void (*zt)(struct strbuf *, const char *, int64_t),
		      const char *start_tz, const char *end_tz,
		      const struct event *ev, bool same)
{
	size_t from = zone->len;
	struct strbuf end = STRBUF_INIT;

	zt(zone, start_tz, ev->start_utc);
	if (ev->has_end) {
		zt(&end, end_tz, ev->end_utc);
		if (!same || strcmp(end.buf, zone->buf + from) != 0) {
			strbuf_addstr(zone, " -> ");
			strbuf_addstr(zone, end.buf);
		}
	}
	strbuf_release(&end);
}

void times_text(struct strbuf *clock, struct strbuf *zone,
		const struct event *ev, const struct tz *in, unsigned flags)
{
	void (*zt)(struct strbuf *, const char *, int64_t) =
	    flags & EVTEXT_SHORT_ZONE ? zone_text_short : zone_text;
	/* --in moves instants only: a floating time has no instant. */
	bool moved = in && ev->tz;
	int64_t s = moved ? tz_utc_to_local(in, ev->start_utc) : ev->start;
	int64_t e = moved ? tz_utc_to_local(in, ev->end_utc) : ev->end;
	char buf[ITIN_WHEN_MAX];

	if (ev->allday) {
		strbuf_addstr(clock, "all day");
		return;
	}
	clock_format(lsec_time_of_day(s), buf);
	strbuf_addstr(clock, buf);
	if (ev->has_end) {
		/* Days on the end's own clock: "+1" is the day it lands. */
		int64_t dd = lsec_day(e) - lsec_day(s);

		clock_format(lsec_time_of_day(e), buf);
		strbuf_addf(clock, "-%s", buf);
		if (dd)
			strbuf_addf(clock, "%+lld", (long long)dd);
	}
	if (moved) {
		zone_pair(zone, zt, tz_name(in), tz_name(in), ev, true);
		return;
	}
	if (!ev->tz) {
		strbuf_addstr(zone, "floating");
		return;
	}
	zone_pair(zone, zt, ev->tz, ev->end_tz ? ev->end_tz : ev->tz, ev,
		  ev->end_tz == NULL);
}

/* Joined first, sanitised once: the separators are ours, not the user's. */
void place_text(struct strbuf *sb, const struct event *ev)
{
	struct strbuf raw = STRBUF_INIT;

	if (ev->venue)
		strbuf_addstr(&raw, ev->venue);
	if (ev->city) {
		if (raw.len)
			strbuf_addstr(&raw, ", ");
		strbuf_addstr(&raw, ev->city);
	}
	if (ev->country[0]) {
		if (raw.len)
			strbuf_addstr(&raw, ", ");
		strbuf_addstr(&raw, ev->country);
	}
	utf8_sanitize(sb, raw.buf);
	strbuf_release(&raw);
}
