/*
 * view-prompt.c: the bottom line as a prompt (view.h), and the keys that
 * ask through it: go to a date, search, and the filter with the choices
 * the store has listed above the prompt.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "cursesdl.h"
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/filter.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "view.h"

/* Drop the answer's last code point, whole. */
static void answer_backspace(struct strbuf *a)
{
	while (a->len && ((unsigned char)a->buf[a->len - 1] & 0xc0) == 0x80)
		a->len--;
	if (a->len)
		a->len--;
	a->buf[a->len] = '\0';
}

/* One key typed into the answer (r as screen_key returns it). */
static void answer_key(struct strbuf *a, int r, uint32_t key)
{
	char buf[4];

	if ((r == 1 && key == KEY_BACKSPACE) ||
	    (r == 0 && (key == 127 || key == CTRL('H'))))
		answer_backspace(a);
	else if (r == 0 && key == CTRL('U'))
		strbuf_reset(a);
	else if (r == 0 && key >= 0x20 && key != 127 && key < 0x110000 &&
		 a->len < 1024)
		strbuf_add(a, buf, utf8_encode(key, buf));
}

/* The bottom line as a prompt. 1 with the answer, 0 if cancelled, -1 on
 * a stop signal. */
static int prompt(struct viewer *vw, const char *question)
{
	strbuf_reset(&vw->answer);
	vw->question = question;
	vw->prompting = true;
	strbuf_reset(&vw->msg);
	for (;;) {
		uint32_t key;
		int r;

		view_draw(vw);
		r = screen_key(&key);
		if (r < 0) {
			if (screen_signal()) {
				vw->prompting = false;
				return -1;
			}
			continue;
		}
		if (r == 1 && key == KEY_RESIZE)
			continue;
		if ((r == 0 && (key == '\n' || key == '\r')) ||
		    (r == 1 && key == KEY_ENTER))
			break;
		if (r == 0 && key == KEY_ESC) {
			vw->prompting = false;
			return 0;
		}
		answer_key(&vw->answer, r, key);
	}
	vw->prompting = false;
	return 1;
}

/* A message naming text, sanitised: "unknown country 'Xy'". */
static void message_quoting(struct viewer *vw, const char *what,
			    const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	utf8_sanitize(&sb, text);
	view_message(vw, "%s '%s'", what, sb.buf);
	strbuf_release(&sb);
}

int view_key_goto(struct viewer *vw)
{
	struct itin_err err;
	int64_t day;
	int r = prompt(vw, "Go to date (YYYY-MM-DD): ");

	if (r < 0)
		return QUIT;
	if (r == 0 || !vw->answer.len)
		return REDRAW;
	if (date_parse(vw->answer.buf, vw->answer.len, &day, &err)) {
		struct strbuf sb = STRBUF_INIT;
		utf8_sanitize(&sb, err.msg);
		view_message(vw, "%s", sb.buf);
		strbuf_release(&sb);
		return REDRAW;
	}
	view_go_to_day(vw, day);
	return REDRAW;
}

static char *fold_new(const char *s)
{
	size_t n = strlen(s) + 1;
	char *buf = xmalloc(n);

	utf8_fold(s, buf, n, 0);
	return buf;
}

/* From the cursor on (dir 1) or back (dir -1), wrapping around. */
void view_find_next(struct viewer *vw, int dir)
{
	if (!vw->needle) {
		view_message(vw, "no search yet: press / first");
		return;
	}
	for (size_t k = 1; k <= vw->n; k++) {
		size_t i = dir > 0 ? (vw->cur + k) % vw->n
				   : (vw->cur + vw->n - k % vw->n) % vw->n;
		if (view_matches(vw->v[i].ev, vw->needle, &vw->scratch)) {
			if ((dir > 0 && i <= vw->cur) ||
			    (dir < 0 && i >= vw->cur))
				view_message(vw, "search wrapped around");
			vw->cur = i;
			view_follow_cursor(vw);
			return;
		}
	}
	message_quoting(vw, "no match for", vw->search);
	/* The header shows it with the message, until the next key. */
	vw->search_failed = true;
}

int view_key_search(struct viewer *vw)
{
	int r = prompt(vw, "/");

	if (r < 0)
		return QUIT;
	if (r == 0 || !vw->answer.len)
		return REDRAW;
	free(vw->search);
	free(vw->needle);
	vw->search = xstrdup(vw->answer.buf);
	vw->needle = fold_new(vw->search);
	view_find_next(vw, 1);
	return REDRAW;
}

/* What the filter prompt asks for. */
enum choice { CH_TYPE, CH_COUNTRY, CH_CITY };

/* Cities before a sort: folded for the order, as shown for people. */
struct city_name {
	char *key;
	const struct event *ev;
};

static int cmp_city(const void *a, const void *b)
{
	const struct city_name *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->ev->country, y->ev->country);
}

/* "label (n)" into the list of choices, which are apart by a unit
 * separator: a label has commas of its own ("Seoul, KR"). */
#define CHOICE_SEP '\x1f'
static void add_choice(struct strbuf *sb, size_t start, const char *label,
		       size_t n)
{
	if (sb->len > start)
		strbuf_addch(sb, CHOICE_SEP);
	utf8_sanitize(sb, label);
	strbuf_addf(sb, " (%zu)", n);
}

static void choices_types(struct viewer *vw, struct strbuf *sb)
{
	size_t tc[EV_TYPE_COUNT] = {0}, start;

	strbuf_addstr(sb, "Types here: ");
	start = sb->len;
	for (size_t i = 0; i < vw->m.n; i++)
		tc[vw->m.items[i].ev->type]++;
	for (int t = 0; t < EV_TYPE_COUNT; t++)
		if (tc[t])
			add_choice(sb, start,
				   event_type_name((enum event_type)t), tc[t]);
}

static void choices_countries(struct viewer *vw, struct strbuf *sb)
{
	size_t start, counts[26 * 26];

	strbuf_addstr(sb, "Countries here: ");
	start = sb->len;
	memset(counts, 0, sizeof(counts));
	for (size_t i = 0; i < vw->m.n; i++) {
		const char *cc = vw->m.items[i].ev->country;
		if (cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' &&
		    cc[1] <= 'Z')
			counts[(cc[0] - 'A') * 26 + (cc[1] - 'A')]++;
	}
	for (int k = 0; k < 26 * 26; k++) {
		char cc[3] = {(char)('A' + k / 26), (char)('A' + k % 26), '\0'};
		const char *name = country_name(cc);
		struct strbuf label = STRBUF_INIT;

		if (!counts[k])
			continue;
		strbuf_addstr(&label, cc);
		if (name)
			strbuf_addf(&label, " %s", name);
		add_choice(sb, start, label.buf, counts[k]);
		strbuf_release(&label);
	}
}

static void choices_cities(struct viewer *vw, struct strbuf *sb)
{
	size_t start, ncn = 0;
	struct city_name *cn;

	strbuf_addstr(sb, "Cities here: ");
	start = sb->len;
	cn = xcalloc(vw->m.n ? vw->m.n : 1, sizeof(*cn));
	for (size_t i = 0; i < vw->m.n; i++) {
		const struct event *ev = vw->m.items[i].ev;
		size_t n;

		if (!ev->city)
			continue;
		n = strlen(ev->city) + 1;
		cn[ncn].key = xmalloc(n);
		utf8_fold(ev->city, cn[ncn].key, n, 0);
		cn[ncn++].ev = ev;
	}
	qsort(cn, ncn, sizeof(*cn), cmp_city);
	for (size_t i = 0, j; i < ncn; i = j) {
		struct strbuf label = STRBUF_INIT;

		for (j = i + 1; j < ncn && !cmp_city(&cn[i], &cn[j]); j++)
			;
		strbuf_addstr(&label, cn[i].ev->city);
		if (cn[i].ev->country[0])
			strbuf_addf(&label, ", %s", cn[i].ev->country);
		add_choice(sb, start, label.buf, j - i);
		strbuf_release(&label);
	}
	for (size_t i = 0; i < ncn; i++)
		free(cn[i].key);
	free(cn);
}

/*
 * The values the store has for what the filter asks, with how many
 * events have each: "Types here: meeting (12), travel (9), ...". From
 * every event loaded, not only those the filter lets through now.
 */
static void list_choices(struct viewer *vw, enum choice what)
{
	strbuf_reset(&vw->choices);
	switch (what) {
	case CH_TYPE:
		choices_types(vw, &vw->choices);
		break;
	case CH_COUNTRY:
		choices_countries(vw, &vw->choices);
		break;
	case CH_CITY:
		choices_cities(vw, &vw->choices);
		break;
	}
}

/*
 * The choices, over the bottom of the rows while the prompt is asked:
 * whole items to a line, as many lines as half the rows hold, "…" when
 * there are more.
 */
void view_draw_choices(struct viewer *vw)
{
	int bottom = vw->status_y >= 0 ? vw->status_y : vw->rows;
	int room = vw->nrows / 2 > 0 ? vw->nrows / 2 : 1, nlines = 0;
	const char *p = vw->choices.buf;
	struct strbuf *lines;

	if (!vw->choices.len || vw->cols < 4 || vw->nrows < 1)
		return;
	lines = xcalloc((size_t)room, sizeof(*lines));
	while (*p && nlines < room) {
		struct strbuf *ln = &lines[nlines++];

		strbuf_init(ln);
		strbuf_addch(ln, ' ');
		for (;;) {
			const char *sep = strchr(p, CHOICE_SEP);
			size_t n = sep ? (size_t)(sep - p) : strlen(p);
			struct strbuf item = STRBUF_INIT;
			bool fits;

			strbuf_add(&item, p, n);
			fits = utf8_width(ln->buf) + utf8_width(item.buf) + 2 <=
			       (size_t)vw->cols;
			/* A first item wider than the line is cut below. */
			if (fits || ln->len == 1) {
				strbuf_addstr(ln, item.buf);
				p += n;
				if (*p == CHOICE_SEP)
					p++;
			}
			strbuf_release(&item);
			if (!fits || !*p)
				break;
			strbuf_addstr(ln, "  ");
		}
	}
	if (*p && nlines) {
		struct strbuf *ln = &lines[nlines - 1];
		struct strbuf cut = STRBUF_INIT;

		strbuf_addstr(ln, " \u2026");
		layout_fit(&cut, ln->buf, (size_t)vw->cols - 1, false);
		if (utf8_width(cut.buf) < utf8_width(ln->buf)) {
			strbuf_release(ln);
			*ln = cut;
		} else {
			strbuf_release(&cut);
		}
	}
	for (int k = 0; k < nlines; k++) {
		view_put_fitted(bottom - nlines + k, 0, lines[k].buf, vw->cols,
				k == 0 ? R_HEADING : R_NORMAL);
		strbuf_release(&lines[k]);
	}
	free(lines);
}

/* Ask with the choices listed; they go when the prompt does. */
static int prompt_choices(struct viewer *vw, const char *question,
			  enum choice what)
{
	int r;

	list_choices(vw, what);
	r = prompt(vw, question);
	strbuf_reset(&vw->choices);
	return r;
}

/*
 * Each part of the filter asks for its value and sets it: -1 on a stop
 * signal, 0 when nothing was set (cancelled, empty, or not known: a
 * message says so), 1 when it was.
 */
static int filter_type(struct viewer *vw)
{
	int r = prompt_choices(vw, "Type: ", CH_TYPE), t;

	if (r <= 0 || !vw->answer.len)
		return r;
	t = event_type_parse(vw->answer.buf);
	if (t < 0) {
		view_message(vw, "unknown type (visit, meeting, summit, "
				 "conference, interview, press, travel, "
				 "reception, call, other)");
		return 0;
	}
	vw->type_mask = 1u << t;
	return 1;
}

static int filter_country(struct viewer *vw)
{
	int r = prompt_choices(vw, "Country (code or name): ", CH_COUNTRY);
	const char *cc;

	if (r <= 0 || !vw->answer.len)
		return r;
	cc = country_lookup(vw->answer.buf);
	if (!cc) {
		message_quoting(vw, "unknown country", vw->answer.buf);
		return 0;
	}
	memcpy(vw->country, cc, 3);
	return 1;
}

static int filter_city(struct viewer *vw)
{
	int r = prompt_choices(vw, "City: ", CH_CITY);
	size_t i;

	if (r <= 0 || !vw->answer.len)
		return r;
	for (i = 0; i < vw->m.n; i++)
		if (vw->m.items[i].ev->city &&
		    text_contains_folded(vw->m.items[i].ev->city,
					 vw->answer.buf))
			break;
	if (i == vw->m.n) {
		message_quoting(vw, "no event in a city", vw->answer.buf);
		return 0;
	}
	free(vw->city);
	vw->city = xstrdup(vw->answer.buf);
	return 1;
}

static int filter_person(struct viewer *vw)
{
	int r = prompt(vw, "Participant: ");

	if (r <= 0 || !vw->answer.len)
		return r;
	free(vw->with);
	vw->with = xstrdup(vw->answer.buf);
	return 1;
}

static void filter_clear(struct viewer *vw)
{
	vw->type_mask = 0;
	vw->country[0] = '\0';
	free(vw->city);
	vw->city = NULL;
	free(vw->with);
	vw->with = NULL;
	view_apply_filter(vw);
	view_message(vw, "filter cleared");
}

/* Which part of the filter: 0 with a character in *key, 1 for a KEY_
 * code (none), -1 on a stop signal. */
static int filter_which(struct viewer *vw, uint32_t *key)
{
	int r;

	/* Short enough for 80 columns beside "? help". */
	view_message(vw, "Filter: t type, c country, i city, p participant, "
			 "x clear, Esc cancel");
	view_draw(vw);
	do {
		r = screen_key(key);
		if (r < 0 && screen_signal())
			return -1;
		if (r == 1 && *key == KEY_RESIZE)
			view_draw(vw);
	} while (r < 0 || (r == 1 && *key == KEY_RESIZE));
	strbuf_reset(&vw->msg);
	return r;
}

/* The parts of the filter, by the key that picks them ('x' clears). */
static const struct {
	uint32_t key;
	int (*ask)(struct viewer *vw);
} filter_parts[] = {
    {'t', filter_type},
    {'c', filter_country},
    {'i', filter_city},
    {'p', filter_person},
};

int view_key_filter(struct viewer *vw)
{
	uint32_t key;
	int r = filter_which(vw, &key);
	size_t i, n = sizeof(filter_parts) / sizeof(filter_parts[0]);

	if (r < 0)
		return QUIT;
	if (r != 0)
		return REDRAW;
	if (key == 'x') {
		filter_clear(vw);
		return REDRAW;
	}
	for (i = 0; i < n && filter_parts[i].key != key; i++)
		;
	if (i == n)
		return REDRAW;
	r = filter_parts[i].ask(vw);
	if (r < 0)
		return QUIT;
	if (r > 0)
		view_apply_filter(vw);
	return REDRAW;
}
