/*
 * detail.c: the texts of the viewer's panes, with no curses: the status
 * line and search (the agenda's lines are itin/agline.h's, as list's). The details of one event
 * are the core's (itin/evdetail.h), the same as `itin show`'s.
 *
 * Every value is sanitised (utf8_sanitize): a title cannot move the
 * cursor, change colours or the window title.
 */
#include <string.h>

#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/utf8.h"
#include "tui.h"

void view_short_id(struct strbuf *sb, const struct event *ev,
		   const struct shortid *ids)
{
	struct strbuf pre = STRBUF_INIT;

	strbuf_add(&pre, ev->id,
		   ids ? shortid_len(ids, ev->id) : strlen(ev->id));
	utf8_sanitize(sb, pre.buf);
	strbuf_release(&pre);
}

int64_t view_event_day(const struct event *ev, const struct tz *in)
{
	if (in && ev->tz && !ev->allday)
		return lsec_day(tz_utc_to_local(in, ev->start_utc));
	return event_first_day(ev);
}

void view_status_text(struct strbuf *sb, const struct event *ev,
		      const struct tz *in)
{
	struct strbuf clock = STRBUF_INIT, zone = STRBUF_INIT;

	day_text(sb, view_event_day(ev, in));
	strbuf_addch(sb, ' ');
	times_text(&clock, &zone, ev, in, EVTEXT_SHORT_ZONE);
	if (ev->allday) {
		int64_t n = event_last_day(ev) - event_first_day(ev) + 1;

		if (n > 1)
			strbuf_addf(sb, "(%lld days) ", (long long)n);
		else
			strbuf_addstr(sb, "(all day) ");
	} else {
		strbuf_addf(sb, "%s %s ", clock.buf, zone.buf);
	}
	strbuf_addf(sb, "%s  ", event_type_name(ev->type));
	layout_event_label(sb, ev);
	strbuf_release(&clock);
	strbuf_release(&zone);
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
