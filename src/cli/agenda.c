/*
 * agenda.c: the default listing, for people: events grouped by day, in
 * aligned columns, each led by the shortest prefix of its id that
 * `show`, `edit` and `rm` take (itin/shortid.h).
 *
 *   Mon 30 Jan 2023
 *     1cc6  11:00-12:00  KST +09:00                meeting  Meeting with ...
 *     c116  18:30-20:45  KST +09:00 -> JST +09:00  travel   Flight to ...
 *
 * The times are the core's (times_text), the same as the viewer's. Columns
 * are aligned by display width (utf8_width), so Korean titles and accented
 * city names line up on a terminal. An event that spans several days is
 * shown on each of them (within --from/--to) with "(day 2/3)". On a
 * terminal the lines fit its width (fit_cells); piped output is never cut.
 * Every string is sanitised: a title cannot move the cursor. Colour is
 * only added when the caller says stdout is a terminal that wants it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/shortid.h"
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
	struct strbuf id, time, zone, type, title, place, mark;
	/* The end of title that says the status (" (cancelled)"): kept
	 * whole when the title is shortened. */
	size_t status_len;
};

/* Narrower than this, a place is not worth showing on a narrow terminal. */
#define MIN_FIT_COLS 8
/* A title keeps at least this much when lines are fitted. */
#define MIN_TITLE_COLS 20

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
		       const struct row *r, const struct agenda_opts *o,
		       unsigned tflags)
{
	if (o->ids) {
		struct strbuf pre = STRBUF_INIT;

		strbuf_add(&pre, ev->id, shortid_len(o->ids, ev->id));
		utf8_sanitize(&c->id, pre.buf);
		strbuf_release(&pre);
	}
	times_text(&c->time, &c->zone, ev, NULL, tflags);
	strbuf_addstr(&c->type, event_type_name(ev->type));
	utf8_sanitize(&c->title, ev->title);
	if (ev->status != EV_CONFIRMED) {
		size_t before = c->title.len;

		strbuf_addf(&c->title, " (%s)", event_status_name(ev->status));
		c->status_len = c->title.len - before;
	}
	place_text(&c->place, ev);
	if (r->n > 1)
		strbuf_addf(&c->mark, "(day %lld/%lld)", (long long)r->k,
			    (long long)r->n);
}

static void release_cells(struct cells *c)
{
	strbuf_release(&c->id);
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

/* cell cut to cols display columns, "…" marking the cut. */
static void fit(struct strbuf *cell, size_t cols)
{
	size_t used, n;

	if (utf8_width(cell->buf) <= cols)
		return;
	n = cols ? utf8_prefix_fitting(cell->buf, cols - 1, &used) : 0;
	cell->len = n;
	cell->buf[n] = '\0';
	if (cols)
		strbuf_addstr(cell, "\u2026");
}

/* A title cut to cols, its status word kept: the title is shortened
 * before it, for "(cancelled)" changes what the line means. */
static void fit_title(struct cells *c, size_t cols)
{
	struct strbuf status = STRBUF_INIT;
	size_t sw;

	if (!c->status_len || utf8_width(c->title.buf) <= cols) {
		fit(&c->title, cols);
		return;
	}
	strbuf_addstr(&status, c->title.buf + c->title.len - c->status_len);
	c->title.len -= c->status_len;
	c->title.buf[c->title.len] = '\0';
	sw = utf8_width(status.buf);
	/* At least "T…" before it; a line narrower than that is cut after
	 * all (the caller's width is the limit). */
	fit(&c->title, cols > sw + 2 ? cols - sw : 2);
	strbuf_addstr(&c->title, status.buf);
	strbuf_release(&status);
}

/* The place cut to cols: the venue goes first ("City, CC" is what says
 * where when only one fits), then the country, then the city is cut. */
static void fit_place(struct cells *c, const struct event *ev, size_t cols)
{
	if (utf8_width(c->place.buf) <= cols)
		return;
	if (ev->venue && ev->city) {
		strbuf_reset(&c->place);
		utf8_sanitize(&c->place, ev->city);
		if (ev->country[0]) {
			strbuf_addstr(&c->place, ", ");
			strbuf_addstr(&c->place, ev->country);
		}
		if (utf8_width(c->place.buf) > cols) {
			strbuf_reset(&c->place);
			utf8_sanitize(&c->place, ev->city);
		}
	}
	fit(&c->place, cols);
}

struct widths {
	size_t id, time, zone, type, title, place, mark;
	/* Fitting: zones wider than the column are the rare flight's pair,
	 * which push their own line along rather than widen every line. */
	bool zone_typical;
};

/* The width of the zones of the lines that have one zone: a flight's
 * pair is rare and should not widen the column of every line. */
static size_t typical_zone(const struct cells *cells, size_t n)
{
	size_t most = 0, all = 0;

	for (size_t i = 0; i < n; i++) {
		size_t x = utf8_width(cells[i].zone.buf);

		if (x > all)
			all = x;
		if (!strstr(cells[i].zone.buf, " -> ") && x > most)
			most = x;
	}
	return most ? most : all;
}

static void measure(struct widths *w, struct cells *cells, size_t n)
{
	bool typical = w->zone_typical;

	memset(w, 0, sizeof(*w));
	w->zone_typical = typical;
	for (size_t i = 0; i < n; i++) {
		const struct cells *c = &cells[i];
		size_t x;

		if ((x = utf8_width(c->id.buf)) > w->id)
			w->id = x;
		if ((x = utf8_width(c->time.buf)) > w->time)
			w->time = x;
		if ((x = utf8_width(c->zone.buf)) > w->zone)
			w->zone = x;
		if ((x = utf8_width(c->type.buf)) > w->type)
			w->type = x;
		if (c->place.len || c->mark.len) {
			x = capped(utf8_width(c->title.buf), MAX_TITLE_COLS);
			if (x > w->title)
				w->title = x;
		}
		if (c->mark.len) {
			x = capped(utf8_width(c->place.buf), MAX_PLACE_COLS);
			if (x > w->place)
				w->place = x;
		}
		if ((x = utf8_width(c->mark.buf)) > w->mark)
			w->mark = x;
	}
	if (w->zone_typical)
		w->zone = typical_zone(cells, n);
}

/* How far a line's zone goes past its column. */
static size_t zone_excess(const struct widths *w, const struct cells *c)
{
	size_t x = utf8_width(c->zone.buf);

	return x > w->zone ? x - w->zone : 0;
}

/* The widest line the cells make, as written below. */
static size_t line_width(const struct widths *w, const struct cells *cells,
			 size_t n)
{
	size_t most = 0;

	for (size_t i = 0; i < n; i++) {
		const struct cells *c = &cells[i];
		size_t x = 2 + (w->id ? w->id + 2 : 0) + w->time + 2 +
			   (w->zone ? w->zone + 2 : 0) + zone_excess(w, c) +
			   w->type + 2,
		       t;

		t = utf8_width(c->title.buf);
		/* A title wider than its column pushes the rest along. */
		x += (c->place.len || c->mark.len) && w->title > t ? w->title
								   : t;
		t = utf8_width(c->place.buf);
		if (c->place.len || (c->mark.len && w->place))
			x += 2 + (c->mark.len && w->place > t ? w->place : t);
		if (c->mark.len)
			x += 2 + utf8_width(c->mark.buf);
		if (x > most)
			most = x;
	}
	return most;
}

/*
 * Fit the lines into width columns: the zones first lose their offsets
 * ("KST" for "KST +09:00"); then "(day 2/3)" moves into the time column,
 * and titles and places are shortened ("…"), the title keeping the most,
 * the place left out where too little room is left for it.
 */
static void fit_cells(struct cells *cells, size_t n, const struct row *rows,
		      const struct evlist *l, const struct agenda_opts *o,
		      struct widths *w)
{
	size_t fixed, rest, tw, pw, tmax = 0;

	measure(w, cells, n);
	if (line_width(w, cells, n) <= (size_t)o->width)
		return;
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&cells[i].time);
		strbuf_reset(&cells[i].zone);
		times_text(&cells[i].time, &cells[i].zone, l->v[rows[i].ev],
			   NULL, EVTEXT_SHORT_ZONE);
	}
	w->zone_typical = true;
	measure(w, cells, n);
	if (line_width(w, cells, n) <= (size_t)o->width)
		return;
	/* "(day 2/3)" takes a column of its own: an all-day line says it
	 * in its time column ("all day 2/3"), a timed one, rarer (a night
	 * flight), before its title ("2/2 Flight to Seoul"), so it does not
	 * widen the time column of every line. */
	for (size_t i = 0; i < n; i++) {
		struct cells *c = &cells[i];
		struct strbuf t = STRBUF_INIT;

		if (c->mark.len && l->v[rows[i].ev]->allday)
			strbuf_addf(&c->time, " %lld/%lld",
				    (long long)rows[i].k, (long long)rows[i].n);
		else if (c->mark.len) {
			strbuf_addf(&t, "%lld/%lld ", (long long)rows[i].k,
				    (long long)rows[i].n);
			strbuf_add(&t, c->title.buf, c->title.len);
			strbuf_reset(&c->title);
			strbuf_add(&c->title, t.buf, t.len);
		}
		strbuf_release(&t);
		strbuf_reset(&c->mark);
	}
	measure(w, cells, n);
	fixed = 2 + (w->id ? w->id + 2 : 0) + w->time + 2 +
		(w->zone ? w->zone + 2 : 0) + w->type + 2;
	rest = (size_t)o->width > fixed ? (size_t)o->width - fixed : 0;
	/* The widest title that a place follows (uncapped: measure() lets
	 * titles over MAX_TITLE_COLS overflow their column instead). */
	for (size_t i = 0; i < n; i++) {
		size_t x = utf8_width(cells[i].title.buf);

		if (cells[i].place.len && x > tmax)
			tmax = x;
	}
	/* Title and place share rest, two columns between them. The title
	 * says what the event is: it keeps at least three fifths (or
	 * MIN_TITLE_COLS); the place gets what is left (its city before
	 * its venue), and is left out when that is too little to read. */
	tw = rest * 3 / 5;
	if (tw < MIN_TITLE_COLS)
		tw = MIN_TITLE_COLS < rest ? MIN_TITLE_COLS : rest;
	if (tmax < tw)
		tw = tmax;
	pw = rest > tw + 2 ? rest - tw - 2 : 0;
	if (pw < MIN_FIT_COLS) {
		pw = 0;
		tw = rest;
	}
	for (size_t i = 0; i < n; i++) {
		struct cells *c = &cells[i];
		/* A flight's zone pair past its column: its own title pays. */
		size_t ex = zone_excess(w, c);
		size_t r = rest > ex ? rest - ex : 0, t = tw > ex ? tw - ex : 0;

		/* A line without a place gives its title the whole rest. */
		if (!c->place.len || !pw) {
			strbuf_reset(&c->place);
			fit_title(c, r);
			continue;
		}
		fit_title(c, t);
		fit_place(c, l->v[rows[i].ev], pw);
	}
	measure(w, cells, n);
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
		  const struct filter *f, const struct agenda_opts *o)
{
	struct row *rows = NULL;
	struct cells *cells;
	struct widths wd;
	size_t nrows = 0, alloc = 0;
	int64_t today = cli_today(), last_day = 0;
	bool colour = o->colour;
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

		strbuf_init(&c->id);
		strbuf_init(&c->time);
		strbuf_init(&c->zone);
		strbuf_init(&c->type);
		strbuf_init(&c->title);
		strbuf_init(&c->place);
		strbuf_init(&c->mark);
		fill_cells(c, l->v[rows[i].ev], &rows[i], o, 0);
	}
	wd.zone_typical = false;
	if (o->width > 0)
		fit_cells(cells, nrows, rows, l, o, &wd);
	else
		measure(&wd, cells, nrows);

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
		if (colour && dim)
			strbuf_addstr(sb, C_DIM);
		if (wd.id) {
			pad(sb, &c->id, wd.id);
			strbuf_addstr(sb, "  ");
		}
		if (colour && !dim)
			strbuf_addstr(sb, C_TIME);
		pad(sb, &c->time, wd.time);
		if (colour && !dim)
			strbuf_addstr(sb, C_OFF);
		strbuf_addstr(sb, "  ");
		if (wd.zone) {
			if (colour && !dim)
				strbuf_addstr(sb, C_DIM);
			pad(sb, &c->zone, wd.zone);
			if (colour && !dim)
				strbuf_addstr(sb, C_OFF);
			strbuf_addstr(sb, "  ");
		}
		pad(sb, &c->type, wd.type);
		strbuf_addstr(sb, "  ");
		/* A zone past its column took from this line's title. */
		pad(sb, &c->title,
		    wd.title > zone_excess(&wd, c) ? wd.title - zone_excess(&wd, c)
						   : 0);
		if (c->place.len || (c->mark.len && wd.place)) {
			strbuf_addstr(sb, "  ");
			pad(sb, &c->place, c->mark.len ? wd.place : 0);
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
