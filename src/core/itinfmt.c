/*
 * itinfmt.c: the itin text format, reader and canonical writer.
 *
 * The reader walks the buffer line by line, keeping one pending event: a
 * header line starts it, indented key lines add to it, and the next header
 * (or the end of the buffer) finishes it: its zone is resolved, it is
 * checked, its id derived when missing and tested for a duplicate through a
 * hash index, so reading stays linear in the size of the input.
 *
 * Every error points at FILE:LINE:COL, the column counted in code points.
 *
 * The writer emits exactly one spelling of each event, and escapes only
 * what the reader would otherwise take differently, so write(read(write(e)))
 * is byte for byte write(e).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/itinfmt.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* ---- reading ---- */

enum key {
	K_ID,
	K_TZ,
	K_END_TZ,
	K_STATUS,
	K_ORG,
	K_WITH,
	K_TAGS,
	K_SOURCE,
	K_NOTE,
	K_SEQ,
	K_UID,
	K_MODIFIED,
	K_SRC_SEQ,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"id", "tz", "end-tz", "status", "org", "with", "tags", "source", "note",
	"seq", "uid", "modified", "src-seq",
};

/* The order the "unknown key" message lists them in. */
#define KEYS_EXPECTED \
	"with, org, status, tz, end-tz, source, note, tags, id, uid, seq, " \
	"src-seq, modified"

struct reader {
	const char *fname;
	const char *line;	/* the current line; not NUL-terminated */
	size_t len;
	long lineno;
	const struct itin_warner *w;
	struct itin_err *err;
	struct strbuf tmp;	/* scratch for decoded values */
};

/* The event being read, and where its parts were written. */
struct pending {
	struct event *ev;
	long line;		/* its header line */
	long end_col;		/* column of the end in the range */
	long type_col, title_col, place_col;
	bool seen[K_COUNT];
	long key_line[K_COUNT], key_col[K_COUNT];
	bool tz_key;		/* a tz: line decided the zone (maybe floating) */
	bool has_notes;
	struct strbuf notes;
};

static long col_at(const struct reader *r, const char *p)
{
	return utf8_column(r->line, (size_t)(p - r->line));
}

static int fail_col(struct reader *r, long col, const char *fmt, ...)
	ITIN_PRINTF(3, 4);
static int fail_col(struct reader *r, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	itin_err_vat(r->err, ITIN_EX_DATAERR, r->fname, r->lineno, col, fmt, ap);
	va_end(ap);
	return -1;
}

#define fail(r, p, ...) fail_col((r), col_at((r), (p)), __VA_ARGS__)

/* Locate an error another module filled in (col relative to tok). */
static int relocate(struct reader *r, const char *tok, size_t toklen)
{
	long c = r->err->col > 0 ? r->err->col - 1 : 0;

	if ((size_t)c > toklen)
		c = (long)toklen;
	r->err->status = r->err->status ? r->err->status : ITIN_EX_DATAERR;
	snprintf(r->err->file, sizeof(r->err->file), "%s", r->fname);
	r->err->line = r->lineno;
	r->err->col = col_at(r, tok + c);
	return -1;
}

/*
 * "\u{H...}" at s (before e): one to six hex digits naming a Unicode
 * scalar value other than U+0000 (which would end the string), appended to
 * out as UTF-8. Returns the escape's length, 0 when it is not one. The
 * writer spells the code points of utf8_is_invisible_control() this way;
 * any other is read too.
 */
static size_t unescape_u(const char *s, const char *e, struct strbuf *out)
{
	const char *p = s + 2;
	uint32_t cp = 0;
	char buf[4];
	int digits = 0;

	if (p >= e || *p != '{')
		return 0;
	for (p++; p < e && *p != '}'; p++) {
		int v = ascii_hexval((unsigned char)*p);

		if (v < 0 || ++digits > 6)
			return 0;
		cp = cp * 16 + (uint32_t)v;
	}
	if (p >= e || !digits || cp == 0 || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	strbuf_add(out, buf, utf8_encode(cp, buf));
	return (size_t)(p + 1 - s);
}

/* Decode the escapes of [s, e) into r->tmp (reset first). */
static int unescape(struct reader *r, const char *s, const char *e)
{
	const char *run = s;

	strbuf_reset(&r->tmp);
	while (s < e) {
		char c;

		if (*s != '\\') {
			s++;
			continue;
		}
		strbuf_add(&r->tmp, run, (size_t)(s - run));
		if (s + 1 >= e)
			return fail(r, s, "incomplete escape '\\' at the end of the value");
		switch (s[1]) {
		case '\\': c = '\\'; break;
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 's': c = ' '; break;
		case '@': case ';': case ',': case '(': case ')':
			c = s[1];
			break;
		case 'x': {
			int hi = s + 2 < e ? ascii_hexval((unsigned char)s[2]) : -1;
			int lo = s + 3 < e ? ascii_hexval((unsigned char)s[3]) : -1;

			/* Only ASCII: a raw byte above 0x7f would break
			 * UTF-8, and NUL would end the string. */
			if (hi < 0 || lo < 0 || hi * 16 + lo == 0 || hi > 7) {
				int n = (int)(e - s < 4 ? e - s : 4);

				if (hi > 7 && lo >= 0)
					return fail(r, s, "invalid escape '%.*s' (expected \\x01 to \\x7f; U+00%c%c is \\u{00%c%c})",
						    n, s, s[2], s[3], s[2], s[3]);
				return fail(r, s, "invalid escape '%.*s' (expected \\x01 to \\x7f)",
					    n, s);
			}
			c = (char)(hi * 16 + lo);
			s += 2;
			break;
		}
		case 'u': {
			size_t n = unescape_u(s, e, &r->tmp);

			if (!n) {
				const char *q = s + 2;

				while (q < e && q < s + 12 && *q != '}' && *q > ' ' &&
				       (unsigned char)*q < 0x80)
					q++;
				if (q < e && *q == '}')
					q++;
				return fail(r, s, "invalid escape '%.*s' (expected \\u{1} to \\u{10FFFF})",
					    (int)(q - s), s);
			}
			s += n;
			run = s;
			continue;
		}
		default: {
			uint32_t cp;
			size_t n = utf8_decode(s + 1, (size_t)(e - s - 1), &cp);

			return fail(r, s, "unknown escape '\\%.*s'", (int)(n ? n : 1),
				    s + 1);
		}
		}
		strbuf_addch(&r->tmp, c);
		s += 2;
		run = s;
	}
	strbuf_add(&r->tmp, run, (size_t)(s - run));
	return 0;
}

/* Decode [s, e) into a new string. */
static int unescape_dup(struct reader *r, const char *s, const char *e, char **out)
{
	if (unescape(r, s, e))
		return -1;
	*out = xstrndup(r->tmp.buf, r->tmp.len);
	return 0;
}

/* A WHEN at *pp inside a range; *pp is left after it. */
static int parse_range_when(struct reader *r, const char **pp, const char *e,
			    int64_t *lsec, bool *has_time)
{
	const char *p = *pp, *q = p, *t;
	int64_t days;
	int secs;

	while (q < e && !ascii_isblank((unsigned char)*q) && !(*q == 'T' && q - p == 10) &&
	       !(q[0] == '.' && q + 1 < e && q[1] == '.'))
		q++;
	if (date_parse(p, (size_t)(q - p), &days, r->err))
		return relocate(r, p, (size_t)(q - p));
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
		while (q < e && !ascii_isblank((unsigned char)*q) && *q != '-' &&
		       !(q[0] == '.' && q + 1 < e && q[1] == '.'))
			q++;
		if (clock_parse(t, (size_t)(q - t), &secs, r->err))
			return relocate(r, t, (size_t)(q - t));
		*lsec += secs;
		*has_time = true;
	}
	*pp = q;
	return 0;
}

static int parse_place(struct reader *r, struct event *ev, const char *s,
		       const char *e)
{
	const char *parts[64][2];
	size_t n = 0, i;
	const char *p = s;
	struct strbuf venue = STRBUF_INIT;

	for (;;) {
		const char *comma = ascii_find_unescaped(p, e, ',');
		const char *pe = comma ? comma : e;

		if (n == sizeof(parts) / sizeof(parts[0]))
			return fail(r, p, "too many parts in the place");
		parts[n][0] = p;
		parts[n][1] = pe;
		ascii_trim_blank(&parts[n][0], &parts[n][1]);
		n++;
		if (!comma)
			break;
		p = comma + 1;
	}
	/* The last part is the country when it is exactly two letters. */
	if (parts[n - 1][1] - parts[n - 1][0] == 2) {
		const char *c = parts[n - 1][0];
		char cc[3];

		if (ascii_isalpha((unsigned char)c[0]) &&
		    ascii_isalpha((unsigned char)c[1])) {
			cc[0] = (char)ascii_toupper((unsigned char)c[0]);
			cc[1] = (char)ascii_toupper((unsigned char)c[1]);
			cc[2] = '\0';
			if (!country_code_is_valid(cc))
				return fail(r, c, "unknown country code '%.2s'", c);
			memcpy(ev->country, cc, 3);
			n--;
		}
	}
	if (n == 0)
		return 0;
	if (unescape(r, parts[n - 1][0], parts[n - 1][1]))
		return -1;
	if (r->tmp.len)
		ev->city = xstrndup(r->tmp.buf, r->tmp.len);
	for (i = 0; i + 1 < n; i++) {
		if (unescape(r, parts[i][0], parts[i][1])) {
			strbuf_release(&venue);
			return -1;
		}
		if (i)
			strbuf_addstr(&venue, ", ");
		strbuf_add(&venue, r->tmp.buf, r->tmp.len);
	}
	if (venue.len)
		ev->venue = strbuf_detach(&venue, NULL);
	strbuf_release(&venue);
	return 0;
}

static int parse_header(struct reader *r, struct pending *pe)
{
	const char *p = r->line, *e = r->line + r->len, *q, *at, *ts, *te;
	struct event *ev = pe->ev;
	int64_t start, end = 0;
	bool has_time, end_has_time = false, has_end = false;
	char type[16];
	int t;

	pe->line = r->lineno;
	while (e > p && ascii_isblank((unsigned char)e[-1]))
		e--;
	if (parse_range_when(r, &p, e, &start, &has_time))
		return -1;
	if (p < e && *p == '-' && has_time) {
		int secs;

		q = ++p;
		pe->end_col = col_at(r, q);
		while (q < e && !ascii_isblank((unsigned char)*q))
			q++;
		if (clock_parse(p, (size_t)(q - p), &secs, r->err))
			return relocate(r, p, (size_t)(q - p));
		end = lsec_day(start) * ITIN_DAY + secs;
		end_has_time = has_end = true;
		p = q;
	} else if (p + 1 < e && p[0] == '.' && p[1] == '.') {
		const char *es = p + 2;

		p = es;
		pe->end_col = col_at(r, es);
		if (parse_range_when(r, &p, e, &end, &end_has_time))
			return -1;
		if (end_has_time && !has_time)
			return fail(r, es, "the end has a time but the start is a date");
		if (!end_has_time && has_time)
			return fail(r, es, "the end needs a time, like the start");
		has_end = true;
	}
	if (p < e && !ascii_isblank((unsigned char)*p))
		return fail(r, p, "expected a space after the date and time");
	p = ascii_skip_blank(p, e);
	if (p >= e)
		return fail(r, p, "missing type after the date");
	q = p;
	while (q < e && !ascii_isblank((unsigned char)*q))
		q++;
	pe->type_col = col_at(r, p);
	t = -1;
	if ((size_t)(q - p) < sizeof(type)) {
		memcpy(type, p, (size_t)(q - p));
		type[q - p] = '\0';
		t = event_type_parse(type);
	}
	if (t < 0)
		return fail(r, p, "unknown type '%.*s' (expected one of: visit, meeting, summit, "
			    "conference, interview, press, travel, reception, call, other)",
			    (int)(q - p > 64 ? 64 : q - p), p);
	ev->type = (enum event_type)t;

	p = ascii_skip_blank(q, e);
	pe->title_col = col_at(r, p);
	at = ascii_find_unescaped(p, e, '@');
	ts = p;
	te = at ? at : e;
	ascii_trim_blank(&ts, &te);
	if (ts == te)
		return fail(r, p, "missing title");
	if (unescape_dup(r, ts, te, &ev->title))
		return -1;
	if (at) {
		const char *ps = at + 1, *pend = e;

		ascii_trim_blank(&ps, &pend);
		pe->place_col = col_at(r, ps);
		if (ps < pend && parse_place(r, ev, ps, pend))
			return -1;
	}

	ev->allday = !has_time;
	ev->start = start;
	if (has_end && !has_time && end == start)
		has_end = false;	/* "D..D" is one day, written "D" */
	ev->has_end = has_end;
	ev->end = has_end ? end : 0;
	return 0;
}

static int parse_participant(struct reader *r, struct event *ev, const char *s,
			     const char *e)
{
	const char *ns = s, *ne, *rs = NULL, *re = NULL;
	char *name;

	if (participant_split(s, e, &ne, &rs, &re)) {
		ascii_trim_blank(&ns, &ne);
		ascii_trim_blank(&rs, &re);
	}
	if (ns == ne)
		return fail(r, s, "missing participant name");
	if (unescape_dup(r, ns, ne, &name))
		return -1;
	if (rs && unescape(r, rs, re)) {
		free(name);
		return -1;
	}
	event_add_participant(ev, name, rs ? r->tmp.buf : NULL);
	free(name);
	return 0;
}

/* Split [s, e) on unescaped ';' and hand each non-empty part to fn. */
static int each_item(struct reader *r, struct event *ev, const char *s,
		     const char *e, bool with)
{
	for (;;) {
		const char *semi = ascii_find_unescaped(s, e, ';');
		const char *ps = s, *pend = semi ? semi : e;

		ascii_trim_blank(&ps, &pend);
		if (ps < pend) {
			if (with) {
				if (parse_participant(r, ev, ps, pend))
					return -1;
			} else {
				if (unescape(r, ps, pend))
					return -1;
				event_add_tag(ev, r->tmp.buf);
			}
		}
		if (!semi)
			return 0;
		s = semi + 1;
	}
}

static int parse_key(struct reader *r, struct pending *pe)
{
	const char *e = r->line + r->len;
	const char *ks = ascii_skip_blank(r->line, e), *ke, *colon, *vs, *ve;
	struct event *ev = pe->ev;
	long kcol = col_at(r, ks);
	int k;

	colon = memchr(ks, ':', (size_t)(e - ks));
	if (!colon)
		return fail(r, ks, "expected 'key: value'");
	ke = colon;
	while (ke > ks && ascii_isblank((unsigned char)ke[-1]))
		ke--;
	for (k = 0; k < K_COUNT; k++)
		if (strlen(key_names[k]) == (size_t)(ke - ks) &&
		    !ascii_ncasecmp(key_names[k], ks, (size_t)(ke - ks)))
			break;
	if (k == K_COUNT)
		return fail(r, ks, "unknown key '%.*s' (expected one of: " KEYS_EXPECTED ")",
			    (int)(ke - ks > 64 ? 64 : ke - ks), ks);
	if (pe->seen[k] && k != K_WITH && k != K_TAGS && k != K_NOTE)
		return fail(r, ks, "duplicate key '%s'", key_names[k]);
	pe->seen[k] = true;
	pe->key_line[k] = r->lineno;
	vs = colon + 1;
	ve = e;
	ascii_trim_blank(&vs, &ve);
	pe->key_col[k] = col_at(r, vs);
	if (vs == ve && k != K_WITH && k != K_TAGS && k != K_NOTE)
		return fail(r, vs, "missing value for '%s'", key_names[k]);

	switch (k) {
	case K_ID:
		if (unescape_dup(r, vs, ve, &ev->id))
			return -1;
		if (!event_id_is_valid(ev->id))
			return fail(r, vs, "invalid id '%s' (1 to 255 printable characters, no spaces)",
				    ev->id);
		break;
	case K_TZ:
	case K_END_TZ: {
		const struct tz *tz;
		char *name;

		if (ev->allday) {
			itin_warn_at(r->w, r->fname, r->lineno, kcol,
				     "time zone ignored for an all-day event");
			break;
		}
		if (unescape_dup(r, vs, ve, &name))
			return -1;
		if (k == K_TZ && !ascii_casecmp(name, "floating")) {
			pe->tz_key = true;
			free(name);
			break;
		}
		tz = tz_get(name, r->err);
		free(name);
		if (!tz)
			return relocate(r, vs, 0);
		event_set_str(ev, k == K_TZ ? &ev->tz : &ev->end_tz,
			      tz_name(tz));
		if (k == K_TZ)
			pe->tz_key = true;
		break;
	}
	case K_STATUS: {
		int s;

		if (unescape(r, vs, ve))
			return -1;
		s = event_status_parse(r->tmp.buf);
		if (s < 0)
			return fail(r, vs, "unknown status '%s' (expected one of: confirmed, "
				    "tentative, cancelled)", r->tmp.buf);
		ev->status = (enum event_status)s;
		break;
	}
	case K_ORG:
		return unescape_dup(r, vs, ve, &ev->org);
	case K_SOURCE:
		return unescape_dup(r, vs, ve, &ev->source);
	case K_WITH:
		return each_item(r, ev, vs, ve, true);
	case K_TAGS:
		return each_item(r, ev, vs, ve, false);
	case K_SEQ:
	case K_SRC_SEQ: {
		unsigned long v = 0;
		const char *p;

		for (p = vs; p < ve && ascii_isdigit((unsigned char)*p) && v <= EVENT_MAX_SEQ; p++)
			v = v * 10 + (unsigned long)(*p - '0');
		if (p != ve || v > EVENT_MAX_SEQ)
			return fail(r, vs, "invalid %s '%.*s' (a number from 0 to %u)",
				    key_names[k],
				    (int)(ve - vs > 32 ? 32 : ve - vs), vs,
				    EVENT_MAX_SEQ);
		if (k == K_SEQ)
			ev->seq = (unsigned)v;
		else
			ev->src_seq = (unsigned)v;
		break;
	}
	case K_UID:
		return unescape_dup(r, vs, ve, &ev->uid);
	case K_MODIFIED:
		if (evident_parse_utc(vs, (size_t)(ve - vs), &ev->modified,
				      r->err))
			return relocate(r, vs, (size_t)(ve - vs));
		ev->has_modified = true;
		break;
	case K_NOTE:
		if (unescape(r, vs, ve))
			return -1;
		if (pe->has_notes)
			strbuf_addch(&pe->notes, '\n');
		strbuf_add(&pe->notes, r->tmp.buf, r->tmp.len);
		pe->has_notes = true;
		break;
	}
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

static void pending_reset(struct pending *pe)
{
	event_free(pe->ev);
	strbuf_release(&pe->notes);
	memset(pe, 0, sizeof(*pe));
	strbuf_init(&pe->notes);
}

static int finish_event(struct reader *r, struct pending *pe,
			struct evlist *out, struct evindex *ix)
{
	struct event *ev = pe->ev;
	struct located_warner lw = { r->w, r->fname, pe->line, 1 };
	struct itin_warner wrap = { located_warn, &lw };
	enum event_part part;
	long first;

	if (pe->has_notes)
		ev->notes = strbuf_detach(&pe->notes, NULL);
	ev->line = (uint32_t)pe->line; /* for import's warnings */
	/* Without src-seq: the calendar's revision is the event's own. */
	if (!pe->seen[K_SRC_SEQ])
		ev->src_seq = ev->seq;
	if (!ev->allday && !pe->tz_key) {
		/* The zone rule of places.h, as add and edit apply it. */
		struct place_zone z;

		place_zone(ev->city, ev->country, &z);
		if (z.tz)
			ev->tz = xstrdup(z.tz);
		if (z.how == PLACE_ZONE_CITY && z.ambiguous)
			itin_warn_at(r->w, r->fname, pe->line, pe->place_col,
				     "'%s' is ambiguous; using %s, %s (%s)",
				     ev->city, z.place->city, z.place->country,
				     z.tz);
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
	if (event_check_part(ev, r->w && r->w->fn ? &wrap : NULL, r->err, &part)) {
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
	first = evindex_find(ix, ev->id);
	if (first >= 0) {
		long line = pe->seen[K_ID] ? pe->key_line[K_ID] : pe->line;
		long col = pe->seen[K_ID] ? pe->key_col[K_ID] : 1;
		long at = evlist_find(out, ev->id);

		/* The same event written twice is one event; two different
		 * ones under one id are a mistake to point at. */
		if (at >= 0 && evident_same(out->v[at], ev, EVF_ALL)) {
			itin_warn_at(r->w, r->fname, pe->line, 1,
				     "'%s' is the same event as line %ld; "
				     "read once", ev->title, first);
			event_free(ev);
			pe->ev = NULL;
			return 0;
		}
		return itin_err_at(r->err, ITIN_EX_DATAERR, r->fname, line, col,
				   "duplicate id '%s' (first at line %ld)", ev->id,
				   first);
	}
	evindex_put(ix, ev->id, (size_t)pe->line);
	evlist_add(out, ev);
	pe->ev = NULL;
	return 0;
}

static int read_line(struct reader *r, struct pending *pe, struct evlist *out,
		     struct evindex *ix)
{
	const char *e = r->line + r->len, *p = ascii_skip_blank(r->line, e);

	if (p == e || *p == '#')
		return 0;
	if (p != r->line) {
		if (!pe->ev)
			return fail(r, p, "key line before the first event");
		return parse_key(r, pe);
	}
	if (pe->ev) {
		if (finish_event(r, pe, out, ix))
			return -1;
		pending_reset(pe);
	}
	pe->ev = event_new();
	return parse_header(r, pe);
}

int itinfmt_parse(const char *buf, size_t len, const char *fname,
		  struct evlist *out, const struct itin_warner *w,
		  struct itin_err *err)
{
	struct reader r = { fname ? fname : "-", NULL, 0, 0, w, err, STRBUF_INIT };
	struct pending pe;
	struct evlist empty = EVLIST_INIT;
	struct evindex *ix = evindex_build(&empty);
	size_t pos = 0, bad;
	int ret = -1;

	itin_err_clear(err);
	memset(&pe, 0, sizeof(pe));
	strbuf_init(&pe.notes);
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		const char *nul;

		r.line = buf + pos;
		r.len = end - pos;
		r.lineno++;
		pos = nl ? end + 1 : len;
		if (r.len && r.line[r.len - 1] == '\r')
			r.len--;
		if (r.len > ITINFMT_MAX_LINE) {
			fail(&r, r.line + ITINFMT_MAX_LINE,
			     "line too long (%zu bytes; limit 1 MiB)", r.len);
			goto out;
		}
		nul = memchr(r.line, '\0', r.len);
		if (nul) {
			fail(&r, nul, "NUL byte in input");
			goto out;
		}
		if (!utf8_valid(r.line, r.len, &bad)) {
			fail(&r, r.line + bad, "invalid UTF-8");
			goto out;
		}
		if (read_line(&r, &pe, out, ix))
			goto out;
	}
	r.line = buf + len;
	r.len = 0;
	if (pe.ev && finish_event(&r, &pe, out, ix))
		goto out;
	ret = 0;
out:
	pending_reset(&pe);
	strbuf_release(&pe.notes);
	strbuf_release(&r.tmp);
	evindex_free(ix);
	return ret;
}

/* ---- writing ---- */

/*
 * The length of the character at s (at most len bytes) when the writer
 * escapes it as "\u{XXXX}" (utf8_is_invisible_control: a C1 control, a
 * bidirectional or other format character, U+2028, U+2029), else 0, and
 * *cp. Only for a byte above 0x7f: ASCII has its own escapes.
 */
static size_t invisible_at(const char *s, size_t len, uint32_t *cp)
{
	size_t n = utf8_decode(s, len, cp);

	return n && utf8_is_invisible_control(*cp) ? n : 0;
}

/*
 * Append the character at s[i], escaped as the reader needs it (see
 * put_value); returns its length in bytes.
 */
static size_t put_char(struct strbuf *sb, const char *s, size_t i, size_t len,
		       const char *special)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	size_t n;

	if (c >= 0x80) {
		n = invisible_at(s + i, len - i, &cp);
		if (n) {
			strbuf_addf(sb, "\\u{%04X}", (unsigned)cp);
			return n;
		}
		strbuf_addch(sb, (char)c);
		return 1;
	}
	if (c == '\\')
		strbuf_addstr(sb, "\\\\");
	else if (c == '\n')
		strbuf_addstr(sb, "\\n");
	else if (c == '\t')
		strbuf_addstr(sb, "\\t");
	else if (c < 0x20 || c == 0x7f)
		strbuf_addf(sb, "\\x%02x", c);
	else if (c == ' ' && (i == 0 || i == len - 1))
		strbuf_addstr(sb, "\\s");
	else if (special && strchr(special, c)) {
		strbuf_addch(sb, '\\');
		strbuf_addch(sb, (char)c);
	} else
		strbuf_addch(sb, (char)c);
	return 1;
}

/*
 * Append s, escaping the backslash, controls (C0, DEL, C1), the format
 * characters (utf8_is_invisible_control), the characters in special, and a
 * leading or trailing space (the reader trims values).
 */
static void put_value(struct strbuf *sb, const char *s, const char *special)
{
	size_t len = strlen(s), i = 0, run = 0;
	uint32_t cp;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		/* Most bytes need nothing: copy them in runs. */
		if (c > ' ' && c < 0x80 && c != '\\' && c != 0x7f &&
		    !(special && strchr(special, c))) {
			i++;
			continue;
		}
		if (c == ' ' && i != 0 && i != len - 1) {
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_decode(s + i, len - i, &cp);

			if (!n || !utf8_is_invisible_control(cp)) {
				i += n ? n : 1;
				continue;
			}
		}
		strbuf_add(sb, s + run, i - run);
		i += put_char(sb, s, i, len, special);
		run = i;
	}
	strbuf_add(sb, s + run, i - run);
}

static bool ws_or_comma(char c)
{
	return c == ' ' || c == '\t' || c == ',';
}

/*
 * The venue: the reader splits the place on commas, trims the parts and
 * joins the venue's parts with ", ", so a comma may stay bare only where
 * that gives it back: after a non-space, before exactly one space and then
 * something else. Every other comma is escaped.
 */
static void put_venue(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len;) {
		if (s[i] == ',' && i > 0 && !ws_or_comma(s[i - 1]) && i + 2 < len &&
		    s[i + 1] == ' ' && !ws_or_comma(s[i + 2])) {
			strbuf_addch(sb, ',');
			i++;
		} else {
			i += put_char(sb, s, i, len, ",");
		}
	}
}

static bool two_ascii_letters(const char *s)
{
	return strlen(s) == 2 && ascii_isalpha((unsigned char)s[0]) &&
	       ascii_isalpha((unsigned char)s[1]);
}

static bool present(const char *s)
{
	return s && *s;
}

static void write_place(struct strbuf *sb, const struct event *ev)
{
	bool venue = present(ev->venue), city = present(ev->city);
	bool cc = ev->country[0] != '\0';

	if (!venue && !city && !cc)
		return;
	strbuf_addstr(sb, " @ ");
	if (venue) {
		put_venue(sb, ev->venue);
		strbuf_addch(sb, ',');
		if (city || cc)
			strbuf_addch(sb, ' ');
	}
	if (city) {
		if (!cc && two_ascii_letters(ev->city)) {
			/* Would read as a country code: hide one letter. */
			strbuf_addf(sb, "\\x%02x", (unsigned char)ev->city[0]);
			strbuf_addch(sb, ev->city[1]);
		} else {
			put_value(sb, ev->city, ",");
		}
	}
	if (cc) {
		if (city || venue)
			strbuf_addstr(sb, city ? ", " : ",");
		if (venue && !city)
			strbuf_addch(sb, ' ');
		strbuf_addstr(sb, ev->country);
	}
}

static void pad_to(struct strbuf *sb, size_t start, size_t width, size_t gap)
{
	size_t used = sb->len - start;

	strbuf_addspaces(sb, used < width ? width - used + gap : gap);
}

void itinfmt_write_range(struct strbuf *sb, const struct event *ev)
{
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

	if (ev->allday) {
		date_format(lsec_day(ev->start), a);
		strbuf_addstr(sb, a);
		if (ev->has_end && lsec_day(ev->end) != lsec_day(ev->start)) {
			date_format(lsec_day(ev->end), b);
			strbuf_addf(sb, "..%s", b);
		}
		return;
	}
	when_format(ev->start, true, ' ', a);
	strbuf_addstr(sb, a);
	if (!ev->has_end)
		return;
	if (!ev->end_tz && lsec_day(ev->end) == lsec_day(ev->start)) {
		clock_format(lsec_time_of_day(ev->end), b);
		strbuf_addf(sb, "-%s", b);
	} else {
		when_format(ev->end, true, ' ', b);
		strbuf_addf(sb, "..%s", b);
	}
}

static void write_key(struct strbuf *sb, const char *key, const char *value,
		      const char *special)
{
	strbuf_addf(sb, "    %s:", key);
	if (*value) {
		strbuf_addch(sb, ' ');
		put_value(sb, value, special);
	}
	strbuf_addch(sb, '\n');
}

/*
 * Start the next item of a "with:"/"tags:" list. Items share one line
 * until it passes LIST_LINE_WRAP bytes, then a new key line begins (the
 * reader appends repeated keys), so no list can outgrow the reader's line
 * limit. line is the offset where the current key line starts, 0 for none;
 * returns the new one.
 */
#define LIST_LINE_WRAP 4000
static size_t list_item(struct strbuf *sb, const char *key, size_t line)
{
	if (line && sb->len - line < LIST_LINE_WRAP) {
		strbuf_addstr(sb, "; ");
		return line;
	}
	if (line)
		strbuf_addch(sb, '\n');
	line = sb->len;
	strbuf_addf(sb, "    %s: ", key);
	return line;
}

void itinfmt_write_event(struct strbuf *sb, const struct event *ev)
{
	size_t start = sb->len, line, i;

	itinfmt_write_range(sb, ev);
	pad_to(sb, start, 25, 2);
	start = sb->len;
	strbuf_addstr(sb, event_type_name(ev->type));
	pad_to(sb, start, 10, 1);
	put_value(sb, ev->title ? ev->title : "", "@");
	write_place(sb, ev);
	strbuf_addch(sb, '\n');

	if (ev->id)
		write_key(sb, "id", ev->id, NULL);
	if (present(ev->uid))
		write_key(sb, "uid", ev->uid, NULL);
	if (ev->seq)
		strbuf_addf(sb, "    seq: %u\n", ev->seq);
	if (present(ev->uid) && ev->src_seq != ev->seq)
		strbuf_addf(sb, "    src-seq: %u\n", ev->src_seq);
	if (ev->has_modified) {
		char m[ITIN_WHEN_MAX];

		evident_format_utc(ev->modified, m);
		write_key(sb, "modified", m, NULL);
	}
	if (!ev->allday) {
		write_key(sb, "tz", ev->tz ? ev->tz : "floating", NULL);
		if (ev->end_tz)
			write_key(sb, "end-tz", ev->end_tz, NULL);
	}
	if (ev->status != EV_CONFIRMED)
		write_key(sb, "status", event_status_name(ev->status), NULL);
	if (present(ev->org))
		write_key(sb, "org", ev->org, NULL);
	line = 0;
	for (i = 0; i < ev->nwith; i++) {
		if (!present(ev->with[i].name))
			continue;
		line = list_item(sb, "with", line);
		put_value(sb, ev->with[i].name, ";()");
		if (present(ev->with[i].role)) {
			strbuf_addstr(sb, " (");
			put_value(sb, ev->with[i].role, ";()");
			strbuf_addch(sb, ')');
		}
	}
	if (line)
		strbuf_addch(sb, '\n');
	line = 0;
	for (i = 0; i < ev->ntags; i++) {
		if (!present(ev->tags[i]))
			continue;
		line = list_item(sb, "tags", line);
		put_value(sb, ev->tags[i], ";");
	}
	if (line)
		strbuf_addch(sb, '\n');
	if (present(ev->source))
		write_key(sb, "source", ev->source, NULL);
	if (ev->notes) {
		const char *p = ev->notes;

		for (;;) {
			const char *nl = strchr(p, '\n');
			char *text = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));

			write_key(sb, "note", text, NULL);
			free(text);
			if (!nl)
				break;
			p = nl + 1;
		}
	}
}

void itinfmt_write(struct strbuf *sb, const struct evlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		itinfmt_write_event(sb, l->v[i]);
}

bool itinfmt_same_event(const struct event *a, const struct event *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	/* The revision counts changes; it is not one. Shallow copies only
	 * to write them. */
	struct event ca = *a, cb = *b;
	bool same;

	ca.seq = cb.seq = ca.src_seq = cb.src_seq = 0;
	itinfmt_write_event(&x, &ca);
	itinfmt_write_event(&y, &cb);
	same = x.len == y.len && !memcmp(x.buf, y.buf, x.len);
	strbuf_release(&x);
	strbuf_release(&y);
	return same;
}
