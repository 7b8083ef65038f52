/*
 * layout-rows.c: lines of cells and the rows of a timeline (layout.h):
 * an item's bar in a line, the grouping of `itin timeline --by` and the
 * packing of a group into lanes, and the titles written after the bars.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/hash.h"
#include "itin/hashmap.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "layout.h"

/* Titles written after bars in grouped rows take at most this much. */
#define INLINE_TITLE_MAX 24

/* Lines of cells. */

void layout_line_init(struct layout_line *ln, int cols)
{
	memset(ln, 0, sizeof(*ln));
	ln->cols = cols > 0 ? cols : 0;
	ln->cells = xcalloc((size_t)ln->cols + 1, sizeof(*ln->cells));
}

static void clear_spans(struct layout_line *ln)
{
	for (size_t i = 0; i < ln->nspans; i++)
		free(ln->spans[i].text);
	ln->nspans = 0;
}

void layout_line_release(struct layout_line *ln)
{
	clear_spans(ln);
	free(ln->spans);
	free(ln->cells);
	memset(ln, 0, sizeof(*ln));
}

void layout_line_clear(struct layout_line *ln, const bool *grid, int today)
{
	clear_spans(ln);
	for (int c = 0; c < ln->cols; c++) {
		memset(&ln->cells[c], 0, sizeof(ln->cells[c]));
		ln->cells[c].kind = grid && grid[c] ? LC_GRID : LC_EMPTY;
	}
	if (today >= 0 && today < ln->cols)
		ln->cells[today].kind = LC_TODAY;
}

static bool cell_is_free(const struct layout_cell *c)
{
	return c->kind == LC_EMPTY || c->kind == LC_GRID || c->kind == LC_TODAY;
}

void layout_line_item(struct layout_line *ln, const struct layout_view *v,
		      const struct layout_item *it, bool show_off)
{
	struct layout_view lv = *v;
	struct layout_bar b;
	struct layout_cell cell;

	lv.cols = ln->cols;
	memset(&cell, 0, sizeof(cell));
	cell.type = (unsigned char)it->ev->type;
	cell.status = (unsigned char)it->ev->status;
	if (!layout_bar(&lv, it->s, it->e, &b)) {
		if (!show_off || ln->cols <= 0)
			return;
		cell.kind = b.where < 0 ? LC_BEFORE : LC_AFTER;
		ln->cells[b.where < 0 ? 0 : ln->cols - 1] = cell;
		return;
	}
	cell.kind = it->e > it->s ? LC_BAR : LC_POINT;
	for (int c = b.c0; c <= b.c1; c++) {
		ln->cells[c] = cell;
		ln->cells[c].cut = 0;
	}
	if (b.cut_left)
		ln->cells[b.c0].cut |= 1;
	if (b.cut_right)
		ln->cells[b.c1].cut |= 2;
}

/* Grouping. */

int layout_by_parse(const char *s)
{
	static const char *const names[] = {"none", "type", "country", "city",
					    "person"};
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

/* The groups of a grouped timeline, in the order they were opened. */
struct group {
	char *key;
	char *label;
	size_t first; /* the item that opened it: groups are in its order */
	size_t *items;
	size_t n, alloc;
};

/* index finds a group by its key: its entries are positions in v, which
 * is sorted once every item is in (hashmap.h). */
struct group_ref {
	struct hashmap_entry e;
	size_t i; /* into groups.v */
};

struct groups {
	struct group *v;
	size_t n, alloc;
	struct hashmap index;
};

static bool group_eq(const void *ctx, const void *entry, const void *key)
{
	const struct groups *g = ctx;
	const struct group_ref *r = entry;

	return !strcmp(g->v[r->i].key, key);
}

static void groups_init(struct groups *g)
{
	memset(g, 0, sizeof(*g));
	hashmap_init(&g->index, sizeof(struct group_ref), group_eq, g);
}

/* Add item to the group key (labelled label when new). */
static void groups_add(struct groups *g, const char *key, const char *label,
		       size_t item)
{
	uint64_t h = fnv1a_str(FNV1A_OFFSET, key);
	struct group_ref *r = hashmap_get(&g->index, h, key);
	struct group *gr;

	if (!r) {
		g->v = xgrow(g->v, &g->alloc, g->n + 1, sizeof(*g->v));
		gr = &g->v[g->n];
		memset(gr, 0, sizeof(*gr));
		gr->key = xstrdup(key);
		gr->label = xstrdup(label);
		gr->first = item;
		r = hashmap_add(&g->index, h);
		r->i = g->n++;
	}
	gr = &g->v[r->i];
	/* A person named twice in one event is one bar. */
	if (gr->n && gr->items[gr->n - 1] == item)
		return;
	gr->items = xgrow(gr->items, &gr->alloc, gr->n + 1, sizeof(*gr->items));
	gr->items[gr->n++] = item;
}

static char *folded(const char *s)
{
	size_t n = strlen(s) + 1;
	char *buf = xmalloc(n);

	utf8_fold(s, buf, n, UTF8_FOLD_ALNUM);
	return buf;
}

static void group_item(struct groups *g, enum layout_by by,
		       const struct event *ev, size_t item)
{
	struct strbuf label = STRBUF_INIT, key = STRBUF_INIT;
	const char *name;
	char *f;

	switch (by) {
	case LAYOUT_BY_TYPE:
		groups_add(g, event_type_name(ev->type),
			   event_type_name(ev->type), item);
		break;
	case LAYOUT_BY_COUNTRY:
		if (!ev->country[0]) {
			groups_add(g, "", "(no country)", item);
			break;
		}
		name = country_name(ev->country);
		groups_add(g, ev->country, name ? name : ev->country, item);
		break;
	case LAYOUT_BY_CITY:
		if (!ev->city) {
			groups_add(g, "", "(no city)", item);
			break;
		}
		f = folded(ev->city);
		strbuf_addf(&key, "%s\x1f%s", f, ev->country);
		free(f);
		utf8_sanitize(&label, ev->city);
		if (ev->country[0])
			strbuf_addf(&label, ", %s", ev->country);
		groups_add(g, key.buf, label.buf, item);
		break;
	case LAYOUT_BY_PERSON:
		if (!ev->nwith) {
			groups_add(g, "", "(no participants)", item);
			break;
		}
		for (size_t i = 0; i < ev->nwith; i++) {
			f = folded(ev->with[i].name);
			strbuf_reset(&label);
			utf8_sanitize(&label, ev->with[i].name);
			groups_add(g, f, label.buf, item);
			free(f);
		}
		break;
	default:
		break;
	}
	strbuf_release(&label);
	strbuf_release(&key);
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return strcmp(x->label, y->label);
}

static struct layout_row *new_row(struct layout_rows *r, const char *label)
{
	struct layout_row *row;

	r->v = xgrow(r->v, &r->alloc, r->n + 1, sizeof(*r->v));
	row = &r->v[r->n++];
	memset(row, 0, sizeof(*row));
	row->label = xstrdup(label);
	return row;
}

static void row_add(struct layout_row *row, size_t item)
{
	row->items =
	    xgrow(row->items, &row->alloc, row->n + 1, sizeof(*row->items));
	row->items[row->n++] = item;
}

/* Title columns reserved after a bar in a grouped row. */
static int inline_cols(const struct event *ev)
{
	struct strbuf sb = STRBUF_INIT;
	size_t w;

	utf8_sanitize(&sb, ev->title ? ev->title : "");
	w = utf8_width(sb.buf);
	strbuf_release(&sb);
	return (int)(w < INLINE_TITLE_MAX ? w : INLINE_TITLE_MAX);
}

/* The columns an item takes in a lane: its bar and its title after it. */
static void item_extent(const struct layout_view *v,
			const struct layout_item *it, int64_t *from,
			int64_t *to)
{
	int64_t c0 = layout_col(v, it->s);
	int64_t c1 = it->e > it->s ? layout_col(v, it->e - 1) : c0;

	*from = c0;
	*to = c1 + 1 + inline_cols(it->ev);
}

/* Lanes of one group: each item goes in the lane that frees first, if it
 * is free by then (a min-heap on lane ends), else in a new lane. */
struct lane {
	int64_t end;
	size_t row;
};

static void heap_down(struct lane *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct lane t;

		if (l < n && h[l].end < h[m].end)
			m = l;
		if (r < n && h[r].end < h[m].end)
			m = r;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void heap_up(struct lane *h, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		struct lane t;

		if (h[p].end <= h[i].end)
			return;
		t = h[p];
		h[p] = h[i];
		h[i] = t;
		i = p;
	}
}

static void pack_group(struct layout_rows *out, const struct layout_model *m,
		       const struct layout_view *v, const struct group *g)
{
	struct lane *heap = NULL;
	size_t nheap = 0, alloc = 0;

	for (size_t k = 0; k < g->n; k++) {
		size_t it = g->items[k];
		int64_t from, to;

		item_extent(v, &m->items[it], &from, &to);
		/* One blank column between neighbours in a lane. */
		if (nheap && heap[0].end + 1 < from) {
			row_add(&out->v[heap[0].row], it);
			heap[0].end = to;
			heap_down(heap, nheap, 0);
			continue;
		}
		heap = xgrow(heap, &alloc, nheap + 1, sizeof(*heap));
		heap[nheap].end = to;
		heap[nheap].row = out->n;
		row_add(new_row(out, nheap ? "" : g->label), it);
		heap_up(heap, nheap++);
	}
	free(heap);
}

void layout_rows_build(const struct layout_model *m, enum layout_by by,
		       const struct layout_view *v, struct layout_rows *out)
{
	struct strbuf label = STRBUF_INIT;
	struct groups g;

	memset(out, 0, sizeof(*out));
	if (by == LAYOUT_BY_NONE) {
		for (size_t i = 0; i < m->n; i++) {
			strbuf_reset(&label);
			layout_event_label(&label, m->items[i].ev);
			row_add(new_row(out, label.buf), i);
		}
		strbuf_release(&label);
		return;
	}
	groups_init(&g);
	for (size_t i = 0; i < m->n; i++)
		group_item(&g, by, m->items[i].ev, i);
	/* No look-up after this: the index goes before v is sorted. */
	hashmap_release(&g.index);
	qsort(g.v, g.n, sizeof(*g.v), cmp_group);
	for (size_t i = 0; i < g.n; i++) {
		pack_group(out, m, v, &g.v[i]);
		free(g.v[i].key);
		free(g.v[i].label);
		free(g.v[i].items);
	}
	free(g.v);
	strbuf_release(&label);
}

void layout_rows_release(struct layout_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].label);
		free(r->v[i].items);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static void add_span(struct layout_line *ln, int col, size_t item,
		     const char *title, int room)
{
	struct strbuf sb = STRBUF_INIT;
	struct layout_span *sp;
	size_t w;

	utf8_sanitize(&sb, title);
	w = utf8_width(sb.buf);
	if (w > (size_t)room) {
		struct strbuf cut = STRBUF_INIT;
		layout_fit(&cut, sb.buf, (size_t)room, false);
		strbuf_release(&sb);
		sb = cut;
		w = utf8_width(sb.buf);
	}
	if (!w) {
		strbuf_release(&sb);
		return;
	}
	ln->spans =
	    xgrow(ln->spans, &ln->alloc, ln->nspans + 1, sizeof(*ln->spans));
	sp = &ln->spans[ln->nspans++];
	sp->col = col;
	sp->cols = (int)w;
	sp->item = item;
	sp->text = strbuf_detach(&sb, NULL);
	for (int c = col; c < col + (int)w && c < ln->cols; c++)
		ln->cells[c].kind = LC_TEXT;
}

void layout_line_row(struct layout_line *ln, const struct layout_model *m,
		     const struct layout_view *v, const struct layout_row *row,
		     bool grouped)
{
	struct layout_view lv = *v;

	lv.cols = ln->cols;
	for (size_t k = 0; k < row->n; k++)
		layout_line_item(ln, &lv, &m->items[row->items[k]], !grouped);
	if (!grouped)
		return;
	for (size_t k = 0; k < row->n; k++) {
		const struct layout_item *it = &m->items[row->items[k]];
		struct layout_bar b;
		int col, room = 0;

		if (!layout_bar(&lv, it->s, it->e, &b) || b.cut_right)
			continue;
		col = b.c1 + 2;
		while (col + room < ln->cols && room < INLINE_TITLE_MAX &&
		       cell_is_free(&ln->cells[col + room]) &&
		       (col + room + 1 >= ln->cols ||
			cell_is_free(&ln->cells[col + room + 1])))
			room++;
		if (col < ln->cols && room >= 3)
			add_span(ln, col, row->items[k], it->ev->title, room);
	}
}
