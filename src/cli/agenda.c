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
#include "itin/agline.h"
#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/shortid.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* An event shown on many days is repeated at most this often. */
#define MAX_REPEAT_DAYS 366

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

/* A row for each day each event is shown on, in the agenda's order. */
static struct row *make_rows(const struct evlist *l, const struct filter *f,
			     size_t *nrows)
{
	struct row *rows = NULL;
	size_t n = 0, alloc = 0;

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
			rows = xgrow(rows, &alloc, n + 1, sizeof(*rows));
			rows[n].day = d;
			rows[n].allday = ev->allday;
			rows[n].ev = i;
			rows[n].k = d - first + 1;
			rows[n].n = last - first + 1;
			n++;
		}
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_row);
	*nrows = n;
	return rows;
}

int agenda_write(struct outsink *out, const struct evlist *l,
		 const struct filter *f, const struct agenda_opts *o)
{
	struct strbuf *sb = &out->buf;
	struct agline *cells;
	struct agline_widths wd = {0};
	const struct agline_sgr sgr = {C_TIME, C_DIM, C_DIM, C_OFF};
	size_t nrows;
	struct row *rows = make_rows(l, f, &nrows);
	int64_t today = cli_today(), last_day = 0;
	bool colour = o->colour;
	int ret = 0;

	if (!nrows) {
		free(rows);
		return 0;
	}

	cells = xcalloc(nrows, sizeof(*cells));
	for (size_t i = 0; i < nrows; i++)
		agline_fill(&cells[i], l->v[rows[i].ev], rows[i].k, rows[i].n,
			    NULL, o->ids);
	if (o->width > 0)
		agline_fit(cells, nrows, NULL, (size_t)o->width, &wd);
	else
		agline_measure(&wd, cells, nrows);

	for (size_t i = 0; i < nrows && !ret; i++) {
		if (i == 0 || rows[i].day != last_day)
			heading(sb, rows[i].day, today, colour);
		last_day = rows[i].day;
		agline_write(sb, &cells[i], &wd, colour ? &sgr : NULL);
		strbuf_addch(sb, '\n');
		ret = outsink_check(out);
	}

	for (size_t i = 0; i < nrows; i++)
		agline_release(&cells[i]);
	free(cells);
	free(rows);
	return ret;
}
