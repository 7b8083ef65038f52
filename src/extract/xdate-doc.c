/*
 * xdate-doc.c: xdate_document, the date a report gives itself.
 *
 * The date line is the first line near the top (40 lines, 3000 bytes)
 * whose date stands as a date line, not inside a sentence of the story:
 *   - before the date only labels ("Published:", "Updated", "Posted on",
 *     "Date", "Press release", "Issue 212 |"), a place in capitals or
 *     title case before a comma or bracket ("SEOUL,", "Santiago de
 *     Chile,", "Ankara (AFP) -"), a byline ("By Marina T.", "Ahmet
 *     Gencturk |"), punctuation, a weekday, a clock time, or a date
 *     in another calendar ("Riyadh, Dhu al-Qadah 18, 1445, May 26");
 *   - after it (and an optional clock time with its zone: "12:19:20 AM",
 *     "06:45 EDT", "T08:15:00+09:00", "11:27 Uhr") the end of the line,
 *     a bracket, a dash, a bar, a comma, a separator or a label
 *     ("Updated ...", "by ...") or, after a comma, an agency's name in
 *     capitals and a dash ("May 26, 2024, SPA --");
 *   - a single day: a range is never the date of a report.
 * A date without a year counts only as an agency's date line ("Jan 30
 * (Yonhap) --": a bracket, then a dash; "Feb. 3 Kyodo -": a name, then a
 * dash) or alone on its line; its year
 * is year_hint, else the year of a copyright line, else the latest year
 * the text writes. When no line stands as a date line, the page's meta
 * date is taken, else a line that ends with a full date ("Regular Press
 * Conference on January 11, 2024").
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
    "published", "updated",  "update",	 "posted",   "on",	  "date",
    "dated",	 "last",     "modified", "created",  "at",	  "time",
    "issued",	 "released", "first",	 "by",	     "edited",	  "am",
    "pm",	 "and",	     "press",	 "release",  "statement", "issue",
    "news",	 "bulletin", "media",	 "advisory", "no",	  "vol",
    "edition",	 NULL};
static const char *const particles[] = {"de", "del", "da",  "do", "di",
					"la", "el",  "al",  "of", "upon",
					"am", "an",  "dos", NULL};

/* A title-case place or byline before the date: "Seoul,", "New York,",
 * "Santiago de Chile,", "Ankara (AFP)", "Ahmet Gencturk |". */
static bool title_run(const struct xwin *w, size_t i)
{
	for (size_t j = i; j < w->n && j < i + 5; j++) {
		if (xw_punct(w, j, ',') || xw_punct(w, j, '(') ||
		    xw_punct(w, j, '|'))
			return j > i;
		if (w->t[j].kind != XT_WORD ||
		    !(w->t[j].cap || xw_in(w, j, particles)))
			return false;
	}
	return false;
}

/* A date in another calendar before the Gregorian one, "Dhu al-Qadah
 * 18, 1445,": capitalised words (with particles and hyphens), a day, a
 * comma, a year of three or four digits, a comma. Its tokens, or 0. */
static size_t other_calendar(const struct xwin *w, size_t i)
{
	size_t j = i;

	while (j < w->n && j < i + 6 &&
	       ((w->t[j].kind == XT_WORD &&
		 (w->t[j].cap || xw_in(w, j, particles))) ||
		(xw_punct(w, j, '-') && !w->t[j].sp)))
		j++;
	if (j == i || !w->t[i].cap || j + 4 > w->n || w->t[j].kind != XT_NUM ||
	    w->t[j].ndig > 2 || !xw_punct(w, j + 1, ',') ||
	    w->t[j + 2].kind != XT_NUM || w->t[j + 2].ndig < 3 ||
	    w->t[j + 2].ndig > 4 || !xw_punct(w, j + 3, ','))
		return 0;
	return j + 4 - i;
}

static bool prefix_ok(const struct xwin *w, size_t i)
{
	const struct xtok *t = &w->t[i];

	if (t->kind == XT_PUNCT)
		return t->c != '.' && t->c != '"';
	if (t->kind == XT_NUM) /* "Issue 212 |" */
		return i > 0 && xw_in(w, i - 1, labels);
	if (t->kind != XT_WORD)
		return false;
	if (t->upper || xw_in(w, i, labels))
		return true;
	return t->cap && title_run(w, i);
}

/* What follows a date on its line. */
enum suffix { SUF_NO, SUF_EOL, SUF_AGENCY, SUF_OTHER };

/* "(Reuters) -", "(Yonhap) --": an agency's bracket, then a dash. */
static bool agency_at(const struct xwin *w, size_t j)
{
	if (!xw_punct(w, j, '('))
		return false;
	for (size_t k = j + 1; k < w->n && k < j + 6; k++)
		if (xw_punct(w, k, ')'))
			return xw_punct(w, k + 1, '-') ||
			       (xw_punct(w, k + 1, '.') &&
				xw_punct(w, k + 2, '-'));
	return false;
}

/* A clock time after the date and its zone ("12:19:20 AM", "06:45 EDT",
 * "T08:15:00+09:00", "11:27 Uhr", "TSI 13:05"): the token after them. */
static size_t clock_after(const struct xwin *w, size_t j, int *clock)
{
	struct xmention c;
	size_t k, stop;

	if (xw_punct(w, j, ',') || xw_is(w, j, "at") || xw_is(w, j, "t") ||
	    (xw_punct(w, j, '-') && w->t[j].len == 1) || xw_punct(w, j, '|'))
		j++;
	xm_clear(&c);
	/* "29.09.2026 - TSI 13:05": the zone before the clock. */
	if (j + 1 < w->n && w->t[j].kind == XT_WORD && w->t[j].upper &&
	    xpat_clock(w, j + 1, &c))
		j++;
	xm_clear(&c);
	if (!(k = xpat_clock(w, j, &c)))
		return j;
	*clock = c.clock;
	j += k;
	stop = j + 8;
	while (j < w->n && j < stop &&
	       ((w->t[j].kind == XT_WORD &&
		 (w->t[j].upper || xw_is(w, j, "z") || xw_is(w, j, "uhr") ||
		  xw_is(w, j, "hrs"))) ||
		w->t[j].kind == XT_NUM || xw_punct(w, j, '+') ||
		(xw_punct(w, j, ':') && !w->t[j].sp)))
		j++;
	return j;
}

/* After the date: whether the line stands as a date line. */
static enum suffix suffix_of(const struct xwin *w, size_t j, int *clock)
{
	size_t after;

	if (xw_punct(w, j, '.') && !w->t[j].sp) /* "2024.07.02." */
		j++;
	after = clock_after(w, j, clock);
	if (after >= w->n)
		return SUF_EOL;
	if (agency_at(w, after) || agency_at(w, j))
		return SUF_AGENCY;
	/* "May 26, 2024, SPA --": an agency's name in capitals, a dash. */
	if (after > j && w->t[after].upper &&
	    (after + 1 >= w->n || xw_punct(w, after + 1, '-')))
		return SUF_AGENCY;
	/* "TOKYO, Feb. 3 Kyodo -": an agency's name, no bracket, a dash
	 * set apart. */
	if (w->t[after].kind == XT_WORD && w->t[after].cap &&
	    xw_punct(w, after + 1, '-') && w->t[after + 1].sp)
		return SUF_AGENCY;
	/* '?' stands for the separators outside ASCII ("\xc2\xb7"). */
	if (xw_punct(w, after, '(') || xw_punct(w, after, '-') ||
	    xw_punct(w, after, '|') || xw_punct(w, after, ',') ||
	    xw_punct(w, after, '/') || xw_punct(w, after, '?') ||
	    xw_in(w, after, labels))
		return SUF_OTHER;
	return SUF_NO;
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
		    bool loose, struct xdoc_date *out)
{
	struct xmention m;
	size_t k;
	int clock = -1, y;
	enum suffix suf;
	bool weekday = false;

	xm_clear(&m);
	if (!(k = xpat_weekday(w, i, &m))) {
		xm_clear(&m);
		k = xpat_date(w, i, &m);
	} else {
		weekday = true;
	}
	/* A range is never the date of a report. */
	if (!k || m.kind != XM_DAYS || !m.m || !m.d || m.d2)
		return false;
	suf = suffix_of(w, i + k, &clock);
	/* "Friday, October 10, 2025 Español | English": a full date with
	 * its weekday opening the line is the page's own, even run
	 * together with the next element of the page; no sentence begins
	 * so. */
	if (suf == SUF_NO && !loose && i == 0 && weekday && m.y)
		suf = SUF_OTHER;
	if (suf == SUF_NO || (loose && (suf != SUF_EOL || !m.y)))
		return false;
	out->order = XDATE_ORDER_UNKNOWN;
	if (m.rel == XR_NUMERIC) {
		if (!numeric_day(w, i, &m, out))
			return false;
	} else {
		y = m.y;
		/* Without its year only as an agency's date line, or alone
		 * on its line. */
		if (!y && suf != SUF_AGENCY && !(suf == SUF_EOL && i == 0))
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

/*
 * The date of the line s[a..e): strict, a date line (see the top); loose,
 * a title that ends with a full date ("Regular Press Conference on
 * January 11, 2024"), taken only when no line stands as a date line.
 */
static bool date_line(const struct docctx *c, const char *s, size_t a, size_t e,
		      bool loose, struct xdoc_date *out)
{
	struct xtok toks[LINE_TOKS];
	struct xwin w = {s, toks, 0, NULL};
	struct xmention m;
	size_t n = 0, p = a, nx, k, skipped = 0;

	while (n < LINE_TOKS && xtok_next(s, p, e, &toks[n], &nx)) {
		p = nx;
		n++;
	}
	w.n = n;
	for (size_t i = 0; i < n && (loose || i < 10 + skipped); i++) {
		if (date_at(c, &w, i, loose, out))
			return true;
		if (!loose && (k = other_calendar(&w, i)) > 0) {
			skipped += k;
			i += k - 1;
			continue;
		}
		xm_clear(&m);
		if ((k = xpat_clock(&w, i, &m)) > 0) {
			i += k - 1;
			continue;
		}
		/* "By Jane Smith | January 30, 2023": the byline. */
		if (xw_is(&w, i, "by")) {
			/* "By Marina T. on ...": names and initials. */
			while (i + 1 < n &&
			       (w.t[i + 1].cap ||
				(xw_punct(&w, i + 1, '.') && w.t[i].len == 1)))
				i++;
			continue;
		}
		if (!loose && !prefix_ok(&w, i))
			return false;
		/* The rest of a place's name: "Santiago de Chile,". */
		while (!loose && w.t[i].cap && i + 1 < n &&
		       w.t[i + 1].kind == XT_WORD &&
		       (w.t[i + 1].cap || xw_in(&w, i + 1, particles)))
			i++;
	}
	return false;
}

static bool head_lines(const struct docctx *c, bool loose,
		       struct xdoc_date *out)
{
	size_t p = 0, e, lines = 0;
	size_t head = c->len < DOC_BYTES ? c->len : DOC_BYTES;

	while (p < head && lines++ < DOC_LINES) {
		const char *nl = memchr(c->text + p, '\n', c->len - p);

		e = nl ? (size_t)(nl - c->text) : c->len;
		if (date_line(c, c->text, p, e, loose, out))
			return true;
		p = e + 1;
	}
	return false;
}

bool xdate_document(const char *text, size_t len, const char *meta,
		    int year_hint, struct xdoc_date *out)
{
	struct docctx c = {text, len, year_hint};

	memset(out, 0, sizeof *out);
	out->clock = -1;
	if (head_lines(&c, false, out))
		return true;
	if (meta && date_line(&c, meta, 0, strnlen(meta, 200), false, out)) {
		out->off = out->len = 0; /* not in the text */
		return true;
	}
	if (head_lines(&c, true, out))
		return true;
	memset(out, 0, sizeof *out);
	out->clock = -1;
	return false;
}
