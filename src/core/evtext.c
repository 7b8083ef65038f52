/*
 * evtext.c: a day, a zone and a place as people read them; see evtext.h.
 */
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

void zone_text(struct strbuf *sb, const char *name, int64_t instant)
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
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, ofs);
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
