/*
 * itinread.c: the itin text format's reader (itinfmt.h).
 *
 * The reader walks the buffer line by line, keeping one pending event: a
 * header line starts it, indented key lines add to it, and the next header
 * (or the end of the buffer) finishes it: its zone is resolved, it is
 * checked, its id derived when missing and tested for a duplicate through a
 * hash index, so reading stays linear in the size of the input.
 *
 * Every error points at FILE:LINE:COL, the column counted in code points.
 * Key lines are read by itinkeys.c (the two share itinread.h), a value's
 * escapes decoded by itinesc.c; the writer is itinwrite.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/itinesc.h"
#include "itin/itinfmt.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "itinread.h"

long itinread_col(const struct itinread *r, const char *p)
{
	return utf8_column(r->line, (size_t)(p - r->line));
}

int itinread_fail_col(struct itinread *r, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	itin_err_vat(r->err, ITIN_EX_DATAERR, r->fname, r->lineno, col, fmt,
		     ap);
	va_end(ap);
	return -1;
}

int itinread_relocate(struct itinread *r, const char *tok, size_t toklen)
{
	long c = r->err->col > 0 ? r->err->col - 1 : 0;

	if ((size_t)c > toklen)
		c = (long)toklen;
	r->err->status = r->err->status ? r->err->status : ITIN_EX_DATAERR;
	snprintf(r->err->file, sizeof(r->err->file), "%s", r->fname);
	r->err->line = r->lineno;
	r->err->col = itinread_col(r, tok + c);
	return -1;
}

int itinread_unescape(struct itinread *r, const char *s, const char *e)
{
	if (itinesc_decode(s, e, &r->tmp, r->err))
		return itinread_relocate(r, s, (size_t)(e - s));
	return 0;
}

int itinread_unescape_dup(struct itinread *r, const char *s, const char *e,
			  char **out)
{
	if (itinread_unescape(r, s, e))
		return -1;
	*out = xstrndup(r->tmp.buf, r->tmp.len);
	return 0;
}

int itinread_set_unescaped(struct itinread *r, struct event *ev, char **field,
			   const char *s, const char *e)
{
	if (itinread_unescape(r, s, e))
		return -1;
	event_set_strn(ev, field, r->tmp.buf, r->tmp.len);
	return 0;
}

/* A WHEN at *pp inside a range; *pp is left after it. */
static int parse_range_when(struct itinread *r, const char **pp, const char *e,
			    int64_t *lsec, bool *has_time)
{
	const char *p = *pp, *q = p, *t;
	int64_t days;
	int secs;

	while (q < e && !ascii_isblank((unsigned char)*q) &&
	       !(*q == 'T' && q - p == 10) &&
	       !(q[0] == '.' && q + 1 < e && q[1] == '.'))
		q++;
	if (date_parse(p, (size_t)(q - p), &days, r->err))
		return itinread_relocate(r, p, (size_t)(q - p));
	*lsec = days * ITIN_DAY;
	*has_time = false;
	t = NULL;
	if (q < e && *q == 'T') {
		t = q + 1;
	} else if (q < e && ascii_isblank((unsigned char)*q)) {
		const char *n = ascii_skip_blank(q, e);

		/* A type never starts with a digit: this is a time. */
		if (n < e && ascii_isdigit((unsigned char)*n))
			t = n;
	}
	if (t) {
		q = t;
		while (q < e && !ascii_isblank((unsigned char)*q) &&
		       *q != '-' && !(q[0] == '.' && q + 1 < e && q[1] == '.'))
			q++;
		if (clock_parse(t, (size_t)(q - t), &secs, r->err))
			return itinread_relocate(r, t, (size_t)(q - t));
		*lsec += secs;
		*has_time = true;
	}
	*pp = q;
	return 0;
}

/* Split [s, e) on unescaped commas into trimmed parts; *n gets how many. */
static int split_place(struct itinread *r, const char *s, const char *e,
		       const char *parts[][2], size_t max, size_t *n)
{
	const char *p = s;

	*n = 0;
	for (;;) {
		const char *comma = ascii_find_unescaped(p, e, ',');
		const char *pe = comma ? comma : e;

		if (*n == max)
			return fail(r, p, "too many parts in the place");
		parts[*n][0] = p;
		parts[*n][1] = pe;
		ascii_trim_blank(&parts[*n][0], &parts[*n][1]);
		++*n;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/*
 * The last part [part[0], part[1]) is the country when it is exactly two
 * letters: then it is set in ev and left out of the *n parts.
 */
static int take_country(struct itinread *r, struct event *ev, const char **part,
			size_t *n)
{
	const char *c = part[0];
	char cc[3];

	if (part[1] - c != 2 || !ascii_isalpha((unsigned char)c[0]) ||
	    !ascii_isalpha((unsigned char)c[1]))
		return 0;
	cc[0] = (char)ascii_toupper((unsigned char)c[0]);
	cc[1] = (char)ascii_toupper((unsigned char)c[1]);
	cc[2] = '\0';
	if (!country_code_is_valid(cc))
		return fail(r, c, "unknown country code '%.2s'", c);
	memcpy(ev->country, cc, 3);
	--*n;
	return 0;
}

/* Of the n parts left, the last is the city, the others the venue. */
static int set_city_venue(struct itinread *r, struct event *ev,
			  const char *parts[][2], size_t n)
{
	struct strbuf venue = STRBUF_INIT;

	if (itinread_unescape(r, parts[n - 1][0], parts[n - 1][1]))
		return -1;
	if (r->tmp.len)
		event_set_strn(ev, &ev->city, r->tmp.buf, r->tmp.len);
	for (size_t i = 0; i + 1 < n; i++) {
		if (itinread_unescape(r, parts[i][0], parts[i][1])) {
			strbuf_release(&venue);
			return -1;
		}
		if (i)
			strbuf_addstr(&venue, ", ");
		strbuf_add(&venue, r->tmp.buf, r->tmp.len);
	}
	if (venue.len)
		event_set_strn(ev, &ev->venue, venue.buf, venue.len);
	strbuf_release(&venue);
	return 0;
}

/* PLACE in [s, e): "venue, ..., city, CC", each part optional. */
static int parse_place(struct itinread *r, struct event *ev, const char *s,
		       const char *e)
{
	const char *parts[64][2];
	size_t n;

	if (split_place(r, s, e, parts, sizeof(parts) / sizeof(parts[0]), &n) ||
	    take_country(r, ev, parts[n - 1], &n))
		return -1;
	if (n == 0)
		return 0;
	return set_city_venue(r, ev, parts, n);
}

/* The RANGE of a header line, before its event gets it. */
struct range {
	int64_t start, end;
	bool has_time, has_end;
};

/* The RANGE at *pp, the start of a header line; *pp is left after it. */
static int parse_range(struct itinread *r, struct itinread_event *pe,
		       const char **pp, const char *e, struct range *rg)
{
	const char *p = *pp, *q;
	bool end_has_time = false;

	rg->end = 0;
	rg->has_end = false;
	if (parse_range_when(r, &p, e, &rg->start, &rg->has_time))
		return -1;
	if (p < e && *p == '-' && rg->has_time) {
		int secs;

		q = ++p;
		pe->end_col = itinread_col(r, q);
		while (q < e && !ascii_isblank((unsigned char)*q))
			q++;
		if (clock_parse(p, (size_t)(q - p), &secs, r->err))
			return itinread_relocate(r, p, (size_t)(q - p));
		rg->end = lsec_day(rg->start) * ITIN_DAY + secs;
		rg->has_end = true;
		p = q;
	} else if (p + 1 < e && p[0] == '.' && p[1] == '.') {
		const char *es = p + 2;

		p = es;
		pe->end_col = itinread_col(r, es);
		if (parse_range_when(r, &p, e, &rg->end, &end_has_time))
			return -1;
		if (end_has_time && !rg->has_time)
			return fail(r, es,
				    "the end has a time but the start "
				    "is a date");
		if (!end_has_time && rg->has_time)
			return fail(r, es,
				    "the end needs a time, like the start");
		rg->has_end = true;
	}
	*pp = p;
	return 0;
}

/* The TYPE at *pp (not a blank); *pp is left after it. */
static int parse_type(struct itinread *r, struct itinread_event *pe,
		      const char **pp, const char *e)
{
	const char *p = *pp, *q = p;
	char type[16];
	int t = -1;

	while (q < e && !ascii_isblank((unsigned char)*q))
		q++;
	pe->type_col = itinread_col(r, p);
	if ((size_t)(q - p) < sizeof(type)) {
		memcpy(type, p, (size_t)(q - p));
		type[q - p] = '\0';
		t = event_type_parse(type);
	}
	if (t < 0)
		return fail(r, p,
			    "unknown type '%.*s' (expected one of: visit, "
			    "meeting, summit, conference, interview, press, "
			    "travel, reception, call, other)",
			    (int)(q - p > 64 ? 64 : q - p), p);
	pe->ev->type = (enum event_type)t;
	*pp = q;
	return 0;
}

/* "TITLE" or "TITLE @ PLACE" in [p, e), the rest of a header line. */
static int parse_title_place(struct itinread *r, struct itinread_event *pe,
			     const char *p, const char *e)
{
	struct event *ev = pe->ev;
	const char *at, *ts, *te;

	pe->title_col = itinread_col(r, p);
	at = ascii_find_unescaped(p, e, '@');
	ts = p;
	te = at ? at : e;
	ascii_trim_blank(&ts, &te);
	if (ts == te)
		return fail(r, p, "missing title");
	if (itinread_set_unescaped(r, ev, &ev->title, ts, te))
		return -1;
	if (at) {
		const char *ps = at + 1, *pend = e;

		ascii_trim_blank(&ps, &pend);
		pe->place_col = itinread_col(r, ps);
		if (ps < pend && parse_place(r, ev, ps, pend))
			return -1;
	}
	return 0;
}

/* "RANGE  TYPE  TITLE [@ PLACE]": the line that starts an event. */
static int parse_header(struct itinread *r, struct itinread_event *pe)
{
	const char *p = r->line, *e = r->line + r->len;
	struct event *ev = pe->ev;
	struct range rg;

	pe->line = r->lineno;
	while (e > p && ascii_isblank((unsigned char)e[-1]))
		e--;
	if (parse_range(r, pe, &p, e, &rg))
		return -1;
	if (p < e && !ascii_isblank((unsigned char)*p))
		return fail(r, p, "expected a space after the date and time");
	p = ascii_skip_blank(p, e);
	if (p >= e)
		return fail(r, p, "missing type after the date");
	if (parse_type(r, pe, &p, e) ||
	    parse_title_place(r, pe, ascii_skip_blank(p, e), e))
		return -1;

	ev->allday = !rg.has_time;
	ev->start = rg.start;
	if (rg.has_end && !rg.has_time && rg.end == rg.start)
		rg.has_end = false; /* "D..D" is one day, written "D" */
	ev->has_end = rg.has_end;
	ev->end = rg.has_end ? rg.end : 0;
	return 0;
}

/* Warnings from event_check() get the event's file and line. */
struct located_warner {
	const struct itin_warner *inner;
	const char *file;
	long line, col;
};

static void located_warn(void *ctx, const struct itin_err *w)
{
	const struct located_warner *lw = ctx;
	struct itin_err c = *w;

	if (!c.file[0] && lw->file)
		snprintf(c.file, sizeof(c.file), "%s", lw->file);
	if (!c.line) {
		c.line = lw->line;
		c.col = lw->col;
	}
	lw->inner->fn(lw->inner->ctx, &c);
}

/* Done with the pending event: one not added to out (refused, read once)
 * is dropped from out's arena, where it was built. */
static void pending_reset(struct itinread_event *pe, struct evlist *out)
{
	if (pe->ev)
		evarena_rewind(evlist_arena(out), pe->mark);
	strbuf_release(&pe->notes);
	memset(pe, 0, sizeof(*pe));
	strbuf_init(&pe->notes);
}

/* A new pending event, built in out's arena. */
static void pending_start(struct itinread_event *pe, struct evlist *out)
{
	struct evarena *a = evlist_arena(out);

	pe->mark = evarena_mark(a);
	pe->ev = event_new_in(a);
}

/*
 * No tz: line: the zone of the event's place, by the rule of places.h, as
 * add and edit apply it, with a warning where the place does not settle it.
 */
static void zone_from_place(struct itinread *r, struct itinread_event *pe)
{
	struct event *ev = pe->ev;
	struct place_zone z;

	place_zone(ev->city, ev->country, &z);
	if (z.tz)
		event_set_str(ev, &ev->tz, z.tz);
	if (z.how == PLACE_ZONE_CITY && z.ambiguous)
		itin_warn_at(r->w, r->fname, pe->line, pe->place_col,
			     "'%s' is ambiguous; using %s, %s (%s)", ev->city,
			     z.place->city, z.place->country, z.tz);
	else if (z.how == PLACE_ZONE_UNKNOWN)
		itin_warn_at(r->w, r->fname, pe->line, pe->place_col,
			     "no time zone known for '%s'; time is floating",
			     ev->city ? ev->city : ev->country);
	else if (z.how == PLACE_ZONE_MAIN)
		itin_warn_at(r->w, r->fname, pe->line, pe->place_col,
			     "no city '%s' in the gazetteer; time in %s, "
			     "the zone with the most people in %s",
			     ev->city ? ev->city : "", z.tz, ev->country);
}

/* Point an error of event_check_part() at the part of the text it names. */
static int locate_part(struct itinread *r, const struct itinread_event *pe,
		       enum event_part part)
{
	long line = pe->line, col = 1;

	switch (part) {
	case EV_PART_END:
		col = pe->end_col;
		break;
	case EV_PART_TITLE:
		col = pe->title_col;
		break;
	case EV_PART_TYPE:
		col = pe->type_col;
		break;
	case EV_PART_TZ:
		if (pe->seen[K_TZ]) {
			line = pe->key_line[K_TZ];
			col = pe->key_col[K_TZ];
		} else {
			col = pe->place_col;
		}
		break;
	case EV_PART_END_TZ:
		line = pe->key_line[K_END_TZ];
		col = pe->key_col[K_END_TZ];
		break;
	case EV_PART_ID:
		line = pe->key_line[K_ID];
		col = pe->key_col[K_ID];
		break;
	default:
		break;
	}
	snprintf(r->err->file, sizeof(r->err->file), "%s", r->fname);
	r->err->line = line;
	r->err->col = col;
	return -1;
}

/*
 * Hand the checked event to out, unless its id is taken: the same event
 * twice is read once, with a warning; another under the same id is an
 * error at the second.
 */
static int add_event(struct itinread *r, struct itinread_event *pe,
		     struct evlist *out, struct evindex *ix)
{
	struct event *ev = pe->ev;
	long first = evindex_find(ix, ev->id);

	if (first >= 0) {
		long line = pe->seen[K_ID] ? pe->key_line[K_ID] : pe->line;
		long col = pe->seen[K_ID] ? pe->key_col[K_ID] : 1;
		long at = evlist_find(out, ev->id);

		/* The same event written twice is one event; two different
		 * ones under one id are a mistake to point at. */
		if (at >= 0 && evident_same(out->v[at], ev, EVF_ALL)) {
			itin_warn_at(r->w, r->fname, pe->line, 1,
				     "'%s' is the same event as line %ld; "
				     "read once",
				     ev->title, first);
			return 0; /* pending_reset() drops it */
		}
		return itin_err_at(r->err, ITIN_EX_DATAERR, r->fname, line, col,
				   "duplicate id '%s' (first at line %ld)",
				   ev->id, first);
	}
	evindex_put(ix, ev->id, (size_t)pe->line);
	evlist_add(out, ev);
	pe->ev = NULL;
	return 0;
}

/* The pending event is whole: complete, check and add it. */
static int finish_event(struct itinread *r, struct itinread_event *pe,
			struct evlist *out, struct evindex *ix)
{
	struct event *ev = pe->ev;
	struct located_warner lw = {r->w, r->fname, pe->line, 1};
	struct itin_warner wrap = {located_warn, &lw};
	enum event_part part;

	if (pe->has_notes)
		event_set_strn(ev, &ev->notes, pe->notes.buf, pe->notes.len);
	ev->line = (uint32_t)pe->line; /* for import's warnings */
	/* Without src-seq: the calendar's revision is the event's own. */
	if (!pe->seen[K_SRC_SEQ])
		ev->src_seq = ev->seq;
	if (!ev->allday && !pe->tz_key)
		zone_from_place(r, pe);
	if (event_check_part(ev, r->w && r->w->fn ? &wrap : NULL, r->err,
			     &part))
		return locate_part(r, pe, part);
	return add_event(r, pe, out, ix);
}

/* A line the reader can take: not too long, no NUL, valid UTF-8. */
static int check_line(struct itinread *r)
{
	const char *nul;
	size_t bad;

	if (r->len > ITINFMT_MAX_LINE)
		return fail(r, r->line + ITINFMT_MAX_LINE,
			    "line too long (%zu bytes; limit 1 MiB)", r->len);
	nul = memchr(r->line, '\0', r->len);
	if (nul)
		return fail(r, nul, "NUL byte in input");
	if (!utf8_valid(r->line, r->len, &bad))
		return fail(r, r->line + bad, "invalid UTF-8");
	return 0;
}

/* A header line, a key line, or a blank or comment line. */
static int read_line(struct itinread *r, struct itinread_event *pe,
		     struct evlist *out, struct evindex *ix)
{
	const char *e = r->line + r->len, *p = ascii_skip_blank(r->line, e);

	if (p == e || *p == '#')
		return 0;
	if (p != r->line) {
		if (!pe->ev)
			return fail(r, p, "key line before the first event");
		return itinread_key(r, pe);
	}
	if (pe->ev) {
		if (finish_event(r, pe, out, ix))
			return -1;
		pending_reset(pe, out);
	}
	pending_start(pe, out);
	return parse_header(r, pe);
}

int itinfmt_parse(const char *buf, size_t len, const char *fname,
		  struct evlist *out, const struct itin_warner *w,
		  struct itin_err *err)
{
	struct itinread r = {fname ? fname : "-", NULL, 0, 0, w, err,
			     STRBUF_INIT};
	struct itinread_event pe;
	struct evlist empty = EVLIST_INIT;
	struct evindex *ix = evindex_build(&empty);
	size_t pos = 0;
	int ret = -1;

	itin_err_clear(err);
	memset(&pe, 0, sizeof(pe));
	strbuf_init(&pe.notes);
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;

		r.line = buf + pos;
		r.len = end - pos;
		r.lineno++;
		pos = nl ? end + 1 : len;
		if (r.len && r.line[r.len - 1] == '\r')
			r.len--;
		if (check_line(&r) || read_line(&r, &pe, out, ix))
			goto out;
	}
	r.line = buf + len;
	r.len = 0;
	if (pe.ev && finish_event(&r, &pe, out, ix))
		goto out;
	ret = 0;
out:
	pending_reset(&pe, out);
	strbuf_release(&pe.notes);
	strbuf_release(&r.tmp);
	evindex_free(ix);
	return ret;
}
