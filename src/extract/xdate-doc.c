/*
 * xdate-doc.c: xdate_document, the date a report gives itself.
 *
 * The date line is the first line near the top (40 lines, 3000 bytes)
 * whose date stands as a date line, not inside a sentence of the story:
 *   - before the date only labels ("Published:", "Updated", "Posted on",
 *     "Date"), a city in capitals or title case followed by a comma
 *     ("SEOUL,"), punctuation, a weekday or a clock time;
 *   - after it (and an optional clock time with its zone: "12:19:20 AM",
 *     "06:45 EDT", "T08:15:00+09:00") the end of the line, a bracket (the
 *     agency: "Jan 30 (Yonhap) --"), a dash, a bar, a comma or a label
 *     ("Updated ...", "by ...").
 * A date without a year counts only as an agency's date line (a bracket
 * or dash after it, or alone on its line); its year is year_hint, else
 * the year of a copyright line, else the latest year the text writes.
 * A numeric date line sets the order: decided by a field over 12
 * ("1/30/2023" is MDY), by dots (DMY, as no US outlet writes them), or
 * ISO (YMD); an undecided "01/03/2023" is read as MDY and leaves the
 * order unknown, so it decides nothing in the text.
 */
#include <string.h>

#include "itin/datetime.h"
#include "xdate-impl.h"

#define DOC_LINES 40
#define DOC_BYTES 3000
#define LINE_TOKS 48

static const char *const labels[] = {
    "published", "updated", "posted", "on",   "date",	"dated",    "last",
    "modified",	 "created", "at",     "time", "issued", "released", "first",
    "by",	 "edited",  "am",     "pm",   "and",	NULL};

static bool prefix_ok(const struct xwin *w, size_t i)
{
	const struct xtok *t = &w->t[i];

	if (t->kind == XT_PUNCT)
		return t->c != '.' && t->c != '"';
	if (t->kind != XT_WORD)
		return false;
	if (t->upper || xw_in(w, i, labels))
		return true;
	/* A title-case city: "Seoul,", "New York,". */
	return t->cap &&
	       (xw_punct(w, i + 1, ',') ||
		(i + 1 < w->n && w->t[i + 1].cap && xw_punct(w, i + 2, ',')));
}

/* After the date: a clock and its zone; true when what follows lets the
 * line stand as a date line. *agency: a bracket or dash follows. */
static bool suffix_ok(const struct xwin *w, size_t j, int *clock, bool *agency)
{
	struct xmention c;
	size_t k;

	*agency = false;
	if (xw_punct(w, j, ',') || xw_is(w, j, "at") || xw_is(w, j, "t") ||
	    (xw_punct(w, j, '-') && w->t[j].len == 1) || xw_punct(w, j, '|'))
		j++;
	xm_clear(&c);
	if ((k = xpat_clock(w, j, &c)) > 0) {
		size_t stop = j + k + 8;

		*clock = c.clock;
		j += k;
		while (j < w->n && j < stop &&
		       ((w->t[j].kind == XT_WORD &&
			 (w->t[j].upper || xw_is(w, j, "z"))) ||
			w->t[j].kind == XT_NUM || xw_punct(w, j, '+') ||
			(xw_punct(w, j, ':') && !w->t[j].sp)))
			j++;
	}
	if (j >= w->n)
		return true;
	*agency = xw_punct(w, j, '(') || xw_punct(w, j, '-');
	return *agency || xw_punct(w, j, '|') || xw_punct(w, j, ',') ||
	       xw_punct(w, j, '/') || xw_in(w, j, labels);
}

/* The day of a numeric date line, and its order. */
static bool numeric_day(const struct xwin *w, size_t i, struct xmention *m,
			struct xdoc_date *out)
{
	enum xdate_order o = xdate_numeric_order(m);
	char sep = w->t[i + 1].c;
	int mo = m->m, d = m->d;

	if (o == XDATE_ORDER_UNKNOWN && sep == '.')
		o = XDATE_DMY;
	out->order = o;
	if (o == XDATE_DMY) {
		mo = m->d;
		d = m->m;
	} else if (o == XDATE_ORDER_UNKNOWN && sep != '/') {
		mo = m->d; /* "01-03-2023": day first, as outside the US */
		d = m->m;
	}
	if (!m->y || !date_is_valid(m->y, mo, d))
		return false;
	out->day = days_from_civil(m->y, mo, d);
	return true;
}

/* A year for "Jan 30 (Reuters)": a copyright line's, else the latest. */
static int text_year(const char *text, size_t len)
{
	int best = 0, copy = 0;

	for (size_t p = 0; p + 4 <= len; p++) {
		int y = 0, k;

		if (p > 0 && text[p - 1] >= '0' && text[p - 1] <= '9')
			continue;
		for (k = 0; k < 4 && text[p + k] >= '0' && text[p + k] <= '9';
		     k++)
			y = y * 10 + (text[p + k] - '0');
		if (k < 4 ||
		    (p + 4 < len && text[p + 4] >= '0' && text[p + 4] <= '9') ||
		    y < 1990 || y > 2100)
			continue;
		if (!copy && p >= 2 &&
		    (!memcmp(text + p - 2, "\xa9 ", 2) ||
		     (p >= 4 && !memcmp(text + p - 4, "(c) ", 4)) ||
		     (p >= 10 && !memcmp(text + p - 10, "Copyright ", 10))))
			copy = y;
		if (y > best)
			best = y;
	}
	return copy ? copy : best;
}

struct docctx {
	const char *text;
	size_t len;
	int year_hint;
};

/* The date at t[i], if the line stands as a date line. */
static bool date_at(const struct docctx *c, const struct xwin *w, size_t i,
		    struct xdoc_date *out)
{
	struct xmention m;
	size_t k;
	int clock = -1, y;
	bool agency;

	xm_clear(&m);
	if (!(k = xpat_weekday(w, i, &m))) {
		xm_clear(&m);
		k = xpat_date(w, i, &m);
	}
	if (!k || m.kind != XM_DAYS || !m.m || !m.d ||
	    !suffix_ok(w, i + k, &clock, &agency))
		return false;
	out->order = XDATE_ORDER_UNKNOWN;
	if (m.rel == XR_NUMERIC) {
		if (!numeric_day(w, i, &m, out))
			return false;
	} else {
		y = m.y;
		if (!y && !agency && i + k < w->n)
			return false;
		if (!y)
			y = c->year_hint ? c->year_hint
					 : text_year(c->text, c->len);
		if (!date_is_valid(y, m.m, m.d))
			return false;
		out->day = days_from_civil(y, m.m, m.d);
		if (w->t[i].kind == XT_NUM && w->t[i].ndig == 4)
			out->order = XDATE_YMD;
	}
	out->found = true;
	out->clock = clock;
	out->off = w->t[i].off;
	out->len = w->t[i + k - 1].off + w->t[i + k - 1].len - out->off;
	return true;
}

static bool date_line(const struct docctx *c, const char *s, size_t a, size_t e,
		      struct xdoc_date *out)
{
	struct xtok toks[LINE_TOKS];
	struct xwin w = {s, toks, 0};
	struct xmention m;
	size_t n = 0, p = a, nx, k;

	while (n < LINE_TOKS && xtok_next(s, p, e, &toks[n], &nx)) {
		p = nx;
		n++;
	}
	w.n = n;
	for (size_t i = 0; i < n && i < 10; i++) {
		if (date_at(c, &w, i, out))
			return true;
		xm_clear(&m);
		if ((k = xpat_clock(&w, i, &m)) > 0) {
			i += k - 1;
			continue;
		}
		/* "By Jane Smith | January 30, 2023": the byline. */
		if (xw_is(&w, i, "by")) {
			while (i + 1 < n && w.t[i + 1].cap)
				i++;
			continue;
		}
		if (!prefix_ok(&w, i))
			return false;
	}
	return false;
}

bool xdate_document(const char *text, size_t len, const char *meta,
		    int year_hint, struct xdoc_date *out)
{
	struct docctx c = {text, len, year_hint};
	size_t p = 0, e, lines = 0, head = len < DOC_BYTES ? len : DOC_BYTES;

	memset(out, 0, sizeof *out);
	out->clock = -1;
	while (p < head && lines++ < DOC_LINES) {
		const char *nl = memchr(text + p, '\n', len - p);

		e = nl ? (size_t)(nl - text) : len;
		if (date_line(&c, text, p, e, out))
			return true;
		p = e + 1;
	}
	if (meta && date_line(&c, meta, 0, strnlen(meta, 200), out)) {
		out->off = out->len = 0; /* not in the text */
		return true;
	}
	memset(out, 0, sizeof *out);
	out->clock = -1;
	return false;
}
