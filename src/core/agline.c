/*
 * agline.c: the agenda's line layout and its fitting; see agline.h.
 */
#include <string.h>

#include "itin/agline.h"
#include "itin/evtext.h"
#include "itin/utf8.h"

/* Titles and places wider than this do not widen their column. */
#define MAX_TITLE_COLS 50
#define MAX_PLACE_COLS 40
/* Narrower than this, a place is not worth showing on a narrow terminal. */
#define MIN_FIT_COLS 8
/* A title keeps at least this much when lines are fitted. */
#define MIN_TITLE_COLS 20

/* An all-day event shown once (the viewer's agenda) says its length. */
static void add_length(struct agline *c)
{
	if (c->k == 0 && c->n > 1 && c->ev->allday)
		strbuf_addf(&c->time, " (%lld d)", (long long)c->n);
}

/* Do fn to each of the line's texts: one list of them, so that none is
 * set up and then forgotten. */
static void each_text(struct agline *c, void (*fn)(struct strbuf *))
{
	struct strbuf *texts[] = {&c->id,    &c->time,	&c->zone, &c->type,
				  &c->title, &c->place, &c->mark};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		fn(texts[i]);
}

void agline_fill(struct agline *c, const struct event *ev, int64_t k, int64_t n,
		 const struct tz *in, const struct shortid *ids)
{
	each_text(c, strbuf_init);
	c->ev = ev;
	c->k = k;
	c->n = n;
	c->status_len = 0;
	if (ids) {
		struct strbuf pre = STRBUF_INIT;

		strbuf_add(&pre, ev->id, shortid_len(ids, ev->id));
		utf8_sanitize(&c->id, pre.buf);
		strbuf_release(&pre);
	}
	times_text(&c->time, &c->zone, ev, in, 0);
	add_length(c);
	strbuf_addstr(&c->type, event_type_name(ev->type));
	utf8_sanitize(&c->title, ev->title);
	if (ev->status != EV_CONFIRMED) {
		size_t before = c->title.len;

		strbuf_addf(&c->title, " (%s)", event_status_name(ev->status));
		c->status_len = c->title.len - before;
	}
	place_text(&c->place, ev);
	if (k > 0 && n > 1)
		strbuf_addf(&c->mark, "(day %lld/%lld)", (long long)k,
			    (long long)n);
}

void agline_release(struct agline *c)
{
	each_text(c, strbuf_release);
}

static size_t capped(size_t w, size_t cap)
{
	return w > cap ? 0 : w;
}

/* A column at least x wide. */
static void widen(size_t *col, size_t x)
{
	if (x > *col)
		*col = x;
}

/* The columns before the title: id, time, zone and type, each followed by
 * two blanks, and the two blanks that lead the line. */
static size_t fixed_cols(const struct agline_widths *w)
{
	return 2 + (w->id ? w->id + 2 : 0) + w->time + 2 +
	       (w->zone ? w->zone + 2 : 0) + w->type + 2;
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
static void fit_title(struct agline *c, size_t cols)
{
	struct strbuf status = STRBUF_INIT;
	size_t sw;

	if (!c->status_len || utf8_width(c->title.buf) <= cols) {
		fit(&c->title, cols);
		return;
	}
	strbuf_addstr(&status, c->title.buf + c->title.len - c->status_len);
	sw = utf8_width(status.buf);
	/* At least "T…" before it. Narrower than that, the caller's width
	 * is the limit: the whole is cut, status word and all, for what
	 * comes after the title (the viewer's short id) must stay whole. */
	if (cols < sw + 2) {
		fit(&c->title, cols);
		strbuf_release(&status);
		return;
	}
	c->title.len -= c->status_len;
	c->title.buf[c->title.len] = '\0';
	fit(&c->title, cols - sw);
	strbuf_addstr(&c->title, status.buf);
	strbuf_release(&status);
}

/* The place cut to cols: the venue goes first ("City, CC" is what says
 * where when only one fits), then the country (with or without a venue:
 * "Tokyo" says more than "Tokyo, …"), then the city is cut. */
static void fit_place(struct agline *c, const struct event *ev, size_t cols)
{
	if (utf8_width(c->place.buf) <= cols)
		return;
	if (ev->city && *ev->city) {
		strbuf_reset(&c->place);
		utf8_sanitize(&c->place, ev->city);
		if (ev->venue && ev->country[0]) {
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

/* The width of the zones of the lines that have one zone: a flight's
 * pair is rare and should not widen the column of every line. */
static size_t typical_zone(const struct agline *cells, size_t n)
{
	size_t most = 0, all = 0;

	for (size_t i = 0; i < n; i++) {
		size_t x = utf8_width(cells[i].zone.buf);

		widen(&all, x);
		if (!strstr(cells[i].zone.buf, " -> "))
			widen(&most, x);
	}
	return most ? most : all;
}

void agline_measure(struct agline_widths *w, const struct agline *cells,
		    size_t n)
{
	bool typical = w->zone_typical;

	memset(w, 0, sizeof(*w));
	w->zone_typical = typical;
	for (size_t i = 0; i < n; i++) {
		const struct agline *c = &cells[i];

		widen(&w->id, utf8_width(c->id.buf));
		widen(&w->time, utf8_width(c->time.buf));
		widen(&w->zone, utf8_width(c->zone.buf));
		widen(&w->type, utf8_width(c->type.buf));
		if (c->place.len || c->mark.len)
			widen(&w->title,
			      capped(utf8_width(c->title.buf), MAX_TITLE_COLS));
		if (c->mark.len)
			widen(&w->place,
			      capped(utf8_width(c->place.buf), MAX_PLACE_COLS));
		widen(&w->mark, utf8_width(c->mark.buf));
	}
	if (w->zone_typical)
		w->zone = typical_zone(cells, n);
}

/* How far a line's zone goes past its column. */
size_t agline_zone_excess(const struct agline_widths *w, const struct agline *c)
{
	size_t x = utf8_width(c->zone.buf);

	return x > w->zone ? x - w->zone : 0;
}

/* The widest line the cells make, as written below. */
static size_t line_width(const struct agline_widths *w,
			 const struct agline *cells, size_t n)
{
	size_t most = 0;

	for (size_t i = 0; i < n; i++) {
		const struct agline *c = &cells[i];
		size_t x = fixed_cols(w) + agline_zone_excess(w, c), t;

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

/* The zones without their offsets ("KST" for "KST +09:00"), the zone
 * column as wide as the lines with one zone. */
static void shorten_zones(struct agline *cells, size_t n, const struct tz *in,
			  struct agline_widths *w)
{
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&cells[i].time);
		strbuf_reset(&cells[i].zone);
		times_text(&cells[i].time, &cells[i].zone, cells[i].ev, in,
			   EVTEXT_SHORT_ZONE);
		add_length(&cells[i]);
	}
	w->zone_typical = true;
}

/*
 * "(day 2/3)" takes a column of its own: an all-day line says it in its
 * time column ("all day 2/3"), a timed one, rarer (a night flight),
 * before its title ("2/2 Flight to Seoul"), so it does not widen the time
 * column of every line.
 */
static void move_day_marks(struct agline *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct agline *c = &cells[i];
		struct strbuf t = STRBUF_INIT;

		if (c->mark.len && cells[i].ev->allday)
			strbuf_addf(&c->time, " %lld/%lld", (long long)c->k,
				    (long long)c->n);
		else if (c->mark.len) {
			strbuf_addf(&t, "%lld/%lld ", (long long)c->k,
				    (long long)c->n);
			strbuf_add(&t, c->title.buf, c->title.len);
			strbuf_reset(&c->title);
			strbuf_add(&c->title, t.buf, t.len);
		}
		strbuf_release(&t);
		strbuf_reset(&c->mark);
	}
}

/*
 * How title and place share rest, two columns between them: *tw for the
 * title, *pw for the place (0: left out). The title says what the event
 * is: it keeps at least three fifths (or MIN_TITLE_COLS), no more than
 * tmax, the widest title that a place follows; the place gets what is
 * left (its city before its venue), and is left out when that is too
 * little to read.
 */
static void share_rest(size_t rest, size_t tmax, size_t *tw, size_t *pw)
{
	*tw = rest * 3 / 5;
	if (*tw < MIN_TITLE_COLS)
		*tw = MIN_TITLE_COLS < rest ? MIN_TITLE_COLS : rest;
	if (tmax < *tw)
		*tw = tmax;
	*pw = rest > *tw + 2 ? rest - *tw - 2 : 0;
	if (*pw < MIN_FIT_COLS) {
		*pw = 0;
		*tw = rest;
	}
}

/* Titles and places cut ("…") to what the columns before them leave of
 * width. */
static void fit_titles_places(struct agline *cells, size_t n,
			      const struct agline_widths *w, size_t width)
{
	size_t fixed, rest, tw, pw, tmax = 0;

	fixed = fixed_cols(w);
	rest = width > fixed ? width - fixed : 0;
	/* The widest title that a place follows (uncapped: measure() lets
	 * titles over MAX_TITLE_COLS overflow their column instead). */
	for (size_t i = 0; i < n; i++)
		if (cells[i].place.len)
			widen(&tmax, utf8_width(cells[i].title.buf));
	share_rest(rest, tmax, &tw, &pw);
	for (size_t i = 0; i < n; i++) {
		struct agline *c = &cells[i];
		/* A flight's zone pair past its column: its own title pays. */
		size_t ex = agline_zone_excess(w, c);
		size_t r = rest > ex ? rest - ex : 0, t = tw > ex ? tw - ex : 0;

		/* A line without a place gives its title the whole rest. */
		if (!c->place.len || !pw) {
			strbuf_reset(&c->place);
			fit_title(c, r);
			continue;
		}
		fit_title(c, t);
		fit_place(c, cells[i].ev, pw);
	}
}

/*
 * Fit the lines into width columns: the zones first lose their offsets
 * ("KST" for "KST +09:00"); then "(day 2/3)" moves into the time column,
 * and titles and places are shortened ("…"), the title keeping the most,
 * the place left out where too little room is left for it.
 */
void agline_fit(struct agline *cells, size_t n, const struct tz *in,
		size_t width, struct agline_widths *w)
{
	agline_measure(w, cells, n);
	if (line_width(w, cells, n) <= width)
		return;
	shorten_zones(cells, n, in, w);
	agline_measure(w, cells, n);
	if (line_width(w, cells, n) <= width)
		return;
	move_day_marks(cells, n);
	agline_measure(w, cells, n);
	fit_titles_places(cells, n, w, width);
	agline_measure(w, cells, n);
}

/* The fewest columns c's place is shown in: its city alone (what
 * fit_place() keeps of a venue, city and country), else the whole place,
 * at most MIN_FIT_COLS of it. */
static size_t place_floor(const struct agline *c)
{
	size_t p = utf8_width(c->place.buf);

	if (c->ev->venue && c->ev->city) {
		struct strbuf city = STRBUF_INIT;

		utf8_sanitize(&city, c->ev->city);
		p = utf8_width(city.buf);
		strbuf_release(&city);
	}
	return p < MIN_FIT_COLS ? p : MIN_FIT_COLS;
}

void agline_fit_label(struct agline *c, size_t cols, size_t sep)
{
	size_t tw = utf8_width(c->title.buf), pw = utf8_width(c->place.buf);
	size_t t, p;

	if (!c->place.len) {
		fit_title(c, cols);
		return;
	}
	if (tw + sep + pw <= cols)
		return;
	t = cols * 3 / 5;
	if (t < MIN_TITLE_COLS)
		t = MIN_TITLE_COLS < cols ? MIN_TITLE_COLS : cols;
	/* A short place, or a short title, leaves the other the rest. */
	if (cols > sep + pw && cols - sep - pw > t)
		t = cols - sep - pw;
	if (tw < t)
		t = tw;
	p = cols > t + sep ? cols - t - sep : 0;
	if (p < place_floor(c)) {
		strbuf_reset(&c->place);
		fit_title(c, cols);
		return;
	}
	/* The place first: without its venue it may need less than p,
	 * and the title has what it leaves. */
	fit_place(c, c->ev, p);
	fit_title(c, cols - sep - utf8_width(c->place.buf));
}

size_t agline_label_min(const struct agline *c, size_t sep)
{
	size_t t = utf8_width(c->title.buf);

	if (t > MIN_TITLE_COLS)
		t = MIN_TITLE_COLS;
	return c->place.len ? t + sep + place_floor(c) : t;
}

/* cell padded to width, between the escape sequences on and off (on
 * NULL: none), and the two blanks before the next column. */
static void column(struct strbuf *sb, const struct strbuf *cell, size_t width,
		   const char *on, const char *off)
{
	if (on)
		strbuf_addstr(sb, on);
	pad(sb, cell, width);
	if (on)
		strbuf_addstr(sb, off);
	strbuf_addstr(sb, "  ");
}

void agline_write(struct strbuf *sb, const struct agline *c,
		  const struct agline_widths *w, const struct agline_sgr *sgr)
{
	bool dim = sgr && c->ev->status == EV_CANCELLED;
	/* A cancelled line is dim all through, its columns uncoloured. */
	const struct agline_sgr *col = dim ? NULL : sgr;
	size_t start = sb->len, ex = agline_zone_excess(w, c);

	strbuf_addstr(sb, "  ");
	if (dim)
		strbuf_addstr(sb, sgr->dim);
	if (w->id)
		column(sb, &c->id, w->id, NULL, NULL);
	column(sb, &c->time, w->time, col ? col->time : NULL,
	       col ? col->off : NULL);
	if (w->zone)
		column(sb, &c->zone, w->zone, col ? col->zone : NULL,
		       col ? col->off : NULL);
	column(sb, &c->type, w->type, NULL, NULL);
	/* A zone past its column took from this line's title. */
	pad(sb, &c->title, w->title > ex ? w->title - ex : 0);
	if (c->place.len || (c->mark.len && w->place)) {
		strbuf_addstr(sb, "  ");
		pad(sb, &c->place, c->mark.len ? w->place : 0);
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
		strbuf_addstr(sb, sgr->off);
}
