/*
 * detail.c: the texts of the viewer's panes, with no curses: the status
 * line and search (the agenda's lines are itin/agline.h's, as list's). The
 * details of one event are the core's (itin/evdetail.h), the same as `itin
 * show`'s.
 *
 * Every value is sanitised (utf8_sanitize): a title cannot move the
 * cursor, change colours or the window title.
 */
#include <string.h>

#include "itin/agline.h"
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

/*
 * What the status line gives up, in this order, while its title and place
 * would not be readable (agline_label_min(): a title's first 20 columns,
 * a place's first 8): the help hint, the year (the axis names it), the
 * type (the bar's colour says it), the weekday, the position ("3/7"),
 * the word "id", the day (the axis says it). The times and the short id
 * stay whole: they are what the line is read for, and what show, edit
 * and rm take. Each stage gives up its part and those of the stages
 * before it.
 */
enum {
	DROP_HELP,
	DROP_YEAR,
	DROP_TYPE,
	DROP_WEEKDAY,
	DROP_POS,
	DROP_IDWORD,
	DROP_DAY,
	DROP_ALL
};

/* "Mon 30 Jan 2023", less what the stage gives up. */
static void status_day(struct strbuf *sb, const char *day, int drop)
{
	const char *s = day, *e = day + strlen(day), *sp;

	if (drop > DROP_DAY)
		return;
	if (drop > DROP_YEAR && (sp = strrchr(day, ' ')))
		e = sp;
	if (drop > DROP_WEEKDAY && (sp = strchr(day, ' ')) && sp < e)
		s = sp + 1;
	strbuf_add(sb, s, (size_t)(e - s));
	strbuf_addch(sb, ' ');
}

/* The times of the status line: "11:00-12:00 KST", or for an all-day
 * event "(all day)" or "(3 days)". */
static void status_clock(struct strbuf *clock, const struct event *ev,
			 const struct tz *in)
{
	struct strbuf zone = STRBUF_INIT;

	times_text(clock, &zone, ev, in, EVTEXT_SHORT_ZONE);
	if (ev->allday) {
		int64_t days = event_last_day(ev) - event_first_day(ev) + 1;

		strbuf_reset(clock);
		if (days > 1)
			strbuf_addf(clock, "(%lld days)", (long long)days);
		else
			strbuf_addstr(clock, "(all day)");
	} else {
		strbuf_addf(clock, " %s", zone.buf);
	}
	strbuf_release(&zone);
}

void view_status_line(struct strbuf *sb, const struct event *ev,
		      const struct tz *in, const struct shortid *ids,
		      size_t pos, size_t n, size_t cols)
{
	struct strbuf day = STRBUF_INIT, clock = STRBUF_INIT, id = STRBUF_INIT,
		      left = STRBUF_INIT, right = STRBUF_INIT;
	struct agline c;
	size_t fixed = 0, label, avail, start = sb->len;
	int drop;

	day_text(&day, view_event_day(ev, in));
	status_clock(&clock, ev, in);
	view_short_id(&id, ev, ids);
	agline_fill(&c, ev, 0, 1, in, NULL);
	label = agline_label_min(&c, 3);
	for (drop = 0; drop <= DROP_ALL; drop++) {
		strbuf_reset(&left);
		strbuf_reset(&right);
		if (drop <= DROP_POS && pos)
			strbuf_addf(&left, "%zu/%zu  ", pos, n);
		status_day(&left, day.buf, drop);
		strbuf_add(&left, clock.buf, clock.len);
		if (drop <= DROP_TYPE)
			strbuf_addf(&left, " %s", event_type_name(ev->type));
		strbuf_addstr(&left, "  ");
		strbuf_addstr(&right, drop <= DROP_IDWORD ? "  id " : "  ");
		strbuf_add(&right, id.buf, id.len);
		if (drop <= DROP_HELP)
			strbuf_addstr(&right, " ? help ");
		fixed = utf8_width(left.buf) + utf8_width(right.buf);
		if (fixed + label <= cols)
			break;
	}
	avail = cols > fixed ? cols - fixed : 0;
	agline_fit_label(&c, avail, 3);
	strbuf_add(sb, left.buf, left.len);
	strbuf_add(sb, c.title.buf, c.title.len);
	if (c.place.len) {
		strbuf_addstr(sb, " @ ");
		strbuf_add(sb, c.place.buf, c.place.len);
	}
	/* The id at the right edge, where a long title cannot push it. */
	fixed = utf8_width(sb->buf + start) + utf8_width(right.buf);
	if (fixed < cols)
		strbuf_addspaces(sb, cols - fixed);
	strbuf_add(sb, right.buf, right.len);
	agline_release(&c);
	strbuf_release(&day);
	strbuf_release(&clock);
	strbuf_release(&id);
	strbuf_release(&left);
	strbuf_release(&right);
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
