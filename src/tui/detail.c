/*
 * detail.c: the texts of the viewer's panes, with no curses: the lines
 * of the agenda, the status line, and search. The details of one event
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
		/* On the axis clock (--in) when the event is an instant. */
		const char *zone = ev->tz && in ? tz_name(in) : ev->tz;

		if (zone)
			zone_text(sb, zone, ev->start_utc);
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

	day_text(sb, lsec_day(it->s));
	strbuf_addch(sb, ' ');
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
