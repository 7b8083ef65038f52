/*
 * agenda.c: the default listing, for people: events grouped by day, in
 * aligned columns.
 *
 *   Mon 30 Jan 2023
 *     10:00-11:30    KST +09:00  meeting    Meeting with President Yoon Yongsan
 * Presidential Office, Seoul, KR 22:00-01:30+1  KST +09:00  travel     Flight
 * to Brussels           Seoul, KR
 *
 * Columns are aligned by display width (utf8_width), so Korean titles and
 * accented city names line up on a terminal. An event that spans several
 * days is shown on each of them (within --from/--to) with "(day 2/3)".
 * Every string is sanitised: a title cannot move the cursor. Colour is
 * only added when the caller says stdout is a terminal that wants it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* An event shown on many days is repeated at most this often. */
#define MAX_REPEAT_DAYS 366
/* Titles and places wider than this do not widen their column. */
#define MAX_TITLE_COLS 50
#define MAX_PLACE_COLS 40

#define C_HEAD "\033[1m"
#define C_DIM  "\033[2m"
#define C_TIME "\033[36m"
#define C_OFF  "\033[0m"

struct row {
	int64_t day;
	bool allday;
	size_t ev;    /* index in the list: keeps the list's order */
	int64_t k, n; /* day k of n */
};

struct cells {
	struct strbuf time, zone, type, title, place, mark;
};

bool want_colour(void)
{
	const char *term = getenv("TERM");
	const char *no = getenv("NO_COLOR");

	/* The contract: never when NO_COLOR is set, even to "". */
	if (no)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(STDOUT_FILENO);
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	/* All-day events head their day, as in every calendar. */
	if (x->allday != y->allday)
		return x->allday ? -1 : 1;
	if (x->ev != y->ev)
		return x->ev < y->ev ? -1 : 1;
	return 0;
}

static void fill_cells(struct cells *c, const struct event *ev,
		       const struct row *r)
{
	char buf[ITIN_WHEN_MAX];

	if (ev->allday) {
		strbuf_addstr(&c->time, "all day");
	} else {
		clock_format(lsec_time_of_day(ev->start), buf);
		strbuf_addstr(&c->time, buf);
		if (ev->has_end) {
			int64_t dd = lsec_day(ev->end) - lsec_day(ev->start);
			clock_format(lsec_time_of_day(ev->end), buf);
			strbuf_addf(&c->time, "-%s", buf);
			if (dd)
				strbuf_addf(&c->time, "%+lld", (long long)dd);
		}
		if (ev->tz)
			zone_text(&c->zone, ev->tz, ev->start_utc);
		else
			strbuf_addstr(&c->zone, "floating");
		if (ev->end_tz && ev->has_end) {
			strbuf_addstr(&c->zone, " -> ");
			zone_text(&c->zone, ev->end_tz, ev->end_utc);
		}
	}
	strbuf_addstr(&c->type, event_type_name(ev->type));
	utf8_sanitize(&c->title, ev->title);
	if (ev->status != EV_CONFIRMED)
		strbuf_addf(&c->title, " (%s)", event_status_name(ev->status));
	place_text(&c->place, ev);
	if (r->n > 1)
		strbuf_addf(&c->mark, "(day %lld/%lld)", (long long)r->k,
			    (long long)r->n);
}

static void release_cells(struct cells *c)
{
	strbuf_release(&c->time);
	strbuf_release(&c->zone);
	strbuf_release(&c->type);
	strbuf_release(&c->title);
	strbuf_release(&c->place);
	strbuf_release(&c->mark);
}

static size_t capped(size_t w, size_t cap)
{
	return w > cap ? 0 : w;
}

static void pad(struct strbuf *sb, const struct strbuf *cell, size_t width)
{
	size_t w = utf8_width(cell->buf);

	strbuf_add(sb, cell->buf, cell->len);
	if (w < width)
		strbuf_addspaces(sb, width - w);
}

static void heading(struct strbuf *sb, int64_t day, int64_t today, bool colour)
{
	if (colour)
		strbuf_addstr(sb, C_HEAD);
	day_text(sb, day);
	if (day == today)
		strbuf_addstr(sb, " (today)");
	if (colour)
		strbuf_addstr(sb, C_OFF);
	strbuf_addch(sb, '\n');
}

void agenda_write(struct strbuf *sb, const struct evlist *l,
		  const struct filter *f, bool colour)
{
	struct row *rows = NULL;
	struct cells *cells;
	size_t nrows = 0, alloc = 0;
	size_t w_time = 0, w_zone = 0, w_type = 0, w_title = 0, w_place = 0;
	int64_t today = cli_today(), last_day = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct event *ev = l->v[i];
		int64_t first = event_first_day(ev), last = event_last_day(ev);
		int64_t from = first, to = last;

		if (last < first)
			last = to = first;
		if (f && f->has_from && f->from_day > from)
			from = f->from_day;
		if (f && f->has_to && f->to_day < to)
			to = f->to_day;
		if (from > to) /* filtered in on some other ground */
			from = to = first;
		if (to - from >= MAX_REPEAT_DAYS)
			to = from + MAX_REPEAT_DAYS - 1;
		for (int64_t d = from; d <= to; d++) {
			rows = xgrow(rows, &alloc, nrows + 1, sizeof(*rows));
			rows[nrows].day = d;
			rows[nrows].allday = ev->allday;
			rows[nrows].ev = i;
			rows[nrows].k = d - first + 1;
			rows[nrows].n = last - first + 1;
			nrows++;
		}
	}
	if (!nrows)
		return;
	qsort(rows, nrows, sizeof(*rows), cmp_row);

	cells = xcalloc(nrows, sizeof(*cells));
	for (size_t i = 0; i < nrows; i++) {
		struct cells *c = &cells[i];
		size_t w;

		strbuf_init(&c->time);
		strbuf_init(&c->zone);
		strbuf_init(&c->type);
		strbuf_init(&c->title);
		strbuf_init(&c->place);
		strbuf_init(&c->mark);
		fill_cells(c, l->v[rows[i].ev], &rows[i]);
		if ((w = utf8_width(c->time.buf)) > w_time)
			w_time = w;
		if ((w = utf8_width(c->zone.buf)) > w_zone)
			w_zone = w;
		if ((w = utf8_width(c->type.buf)) > w_type)
			w_type = w;
		if (c->place.len || c->mark.len) {
			w = capped(utf8_width(c->title.buf), MAX_TITLE_COLS);
			if (w > w_title)
				w_title = w;
		}
		if (c->mark.len) {
			w = capped(utf8_width(c->place.buf), MAX_PLACE_COLS);
			if (w > w_place)
				w_place = w;
		}
	}

	for (size_t i = 0; i < nrows; i++) {
		const struct cells *c = &cells[i];
		const struct event *ev = l->v[rows[i].ev];
		bool dim = colour && ev->status == EV_CANCELLED;
		size_t start;

		if (i == 0 || rows[i].day != last_day)
			heading(sb, rows[i].day, today, colour);
		last_day = rows[i].day;
		start = sb->len;
		strbuf_addstr(sb, "  ");
		if (colour)
			strbuf_addstr(sb, dim ? C_DIM : C_TIME);
		pad(sb, &c->time, w_time);
		if (colour && !dim)
			strbuf_addstr(sb, C_OFF);
		strbuf_addstr(sb, "  ");
		if (w_zone) {
			if (colour && !dim)
				strbuf_addstr(sb, C_DIM);
			pad(sb, &c->zone, w_zone);
			if (colour && !dim)
				strbuf_addstr(sb, C_OFF);
			strbuf_addstr(sb, "  ");
		}
		pad(sb, &c->type, w_type);
		strbuf_addstr(sb, "  ");
		pad(sb, &c->title, w_title);
		if (c->place.len || (c->mark.len && w_place)) {
			strbuf_addstr(sb, "  ");
			pad(sb, &c->place, c->mark.len ? w_place : 0);
		}
		if (c->mark.len) {
			strbuf_addstr(sb, "  ");
			strbuf_add(sb, c->mark.buf, c->mark.len);
		}
		/* No trailing blanks from padding short rows. */
		while (sb->len > start && sb->buf[sb->len - 1] == ' ')
			sb->len--;
		sb->buf[sb->len] = '\0';
		if (dim)
			strbuf_addstr(sb, C_OFF);
		strbuf_addch(sb, '\n');
	}

	for (size_t i = 0; i < nrows; i++)
		release_cells(&cells[i]);
	free(cells);
	free(rows);
}
