/*
 * csvcells.c: one cell of a CSV row, read for the event being built:
 * text with its escapes, participant and tag lists, a calendar's
 * Location, and the zone, country and keyword a cell names (each answer
 * cached per spelling). Errors point at the cell: FILE:LINE:COL.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/csvrow.h"
#include "itin/hash.h"
#include "itin/location.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

/* ---- the answer caches (struct scache, csvrow.h) ---- */

static struct scache_ent *scache_at(struct scache *c, const char *k,
				    size_t klen, bool *hit)
{
	struct scache_ent *e;

	*hit = false;
	if (!klen || klen >= SCACHE_KEY)
		return NULL;
	e = &c->e[hash_short_key(k, klen) & (SCACHE_SIZE - 1)];
	*hit = e->klen == klen && !memcmp(e->key, k, klen);
	return e;
}

static void scache_put(struct scache_ent *e, const char *k, size_t klen,
		       const char *val, int how)
{
	if (!e)
		return;
	memcpy(e->key, k, klen);
	e->klen = klen;
	e->val = val;
	e->how = how;
}

/* ---- errors at a field ---- */

/* Where to point for a field (or the row when the column is absent). */
void csvev_pos(const struct csvio_record *rec, long idx, long *line, long *col)
{
	if (idx < 0) {
		*line = rec->line;
		*col = 1;
		return;
	}
	csvio_field_pos(rec, (size_t)idx, line, col);
}

int csvev_fail(const struct evreader *er, const struct csvio_record *rec,
	       long idx, struct itin_err *err, const char *fmt, ...)
{
	va_list ap;

	/* The record's start (offset 0) is csvev_pos()'s place for no
	 * field. */
	va_start(ap, fmt);
	csvio_vfail_at(err, er->fname, rec,
		       idx < 0 ? 0 : csvio_field_offset(rec, (size_t)idx), fmt,
		       ap);
	va_end(ap);
	return -1;
}

/* Place an error another module filled in at a field. */
int csvev_locate(const struct evreader *er, const struct csvio_record *rec,
		 long idx, struct itin_err *err)
{
	long line, col;

	csvev_pos(rec, idx, &line, &col);
	if (!err->status)
		err->status = ITIN_EX_DATAERR;
	snprintf(err->file, sizeof(err->file), "%s", er->fname);
	err->line = line;
	err->col = col;
	return -1;
}

/* ---- text ---- */

/*
 * A cell's value into one of ev's strings, or NULL when empty: the value
 * as it is, copied once, from the record into the event's arena (the
 * list's, where the reader builds the row's event).
 */
void csvev_set_val(struct event *ev, char **field, struct val v)
{
	event_set_strn(ev, field, v.len ? v.s : NULL, v.len);
}

/*
 * Control characters in text cells. A cell never holds a raw control
 * character other than tab and line feed (a CSV file is shown on
 * terminals): the writer puts \xHH for the others (C0 and DEL), and
 * \x5c for a backslash that would otherwise read as such an escape.
 * The reader decodes \xHH when HH is a control character or 5c, and
 * leaves every other backslash alone ("C:\docs" stays), so the two are
 * exact inverses.
 */
static bool ctl_escaped(unsigned c)
{
	return c < 0x20 || c == 0x7f || c == '\\';
}

/* The byte "\xHH" at s (s < e) stands for, or -1. */
int csvev_ctl_escape_at(const char *s, const char *e)
{
	int hi, lo;

	if (e - s < 4 || s[0] != '\\' || s[1] != 'x')
		return -1;
	hi = ascii_hexval(s[2]);
	lo = ascii_hexval(s[3]);
	if (hi < 0 || lo < 0 || !ctl_escaped((unsigned)(hi * 16 + lo)))
		return -1;
	return hi * 16 + lo;
}

/*
 * A text cell's value into ev's *field (NULL when empty), escapes decoded;
 * for notes (crlf) a CR before an LF dropped first, as spreadsheets write
 * line breaks in a cell. Most cells have neither: copied once, straight
 * from the record; the others are decoded in er->tmp first.
 */
void csvev_text(struct evreader *er, struct event *ev, char **field,
		struct val v, bool crlf)
{
	const char *p = v.s, *e = v.s + v.len;

	if (!v.len || (!memchr(v.s, '\\', v.len) &&
		       (!crlf || !memchr(v.s, '\r', v.len)))) {
		csvev_set_val(ev, field, v);
		return;
	}
	strbuf_reset(&er->tmp);
	while (p < e) {
		int b;

		if (crlf && *p == '\r' && p + 1 < e && p[1] == '\n') {
			p++;
			continue;
		}
		b = csvev_ctl_escape_at(p, e);
		if (b >= 0) {
			strbuf_addch(&er->tmp, (char)b);
			p += 4;
		} else {
			strbuf_addch(&er->tmp, *p++);
		}
	}
	event_set_strn(ev, field, er->tmp.buf, er->tmp.len);
}

/* True/False, Yes/No, 1/0, empty = false. */
int csvev_bool(struct val v, bool *out)
{
	static const char *const yes[] = {"true", "yes", "y", "1", "x"};
	static const char *const no[] = {"false", "no", "n", "0"};
	const char *s;
	size_t i, len;

	val_trim(&v);
	s = v.s;
	len = v.len;
	*out = false;
	if (!len)
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strlen(yes[i]) == len && !ascii_ncasecmp(s, yes[i], len))
			return (*out = true), 0;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strlen(no[i]) == len && !ascii_ncasecmp(s, no[i], len))
			return 0;
	return -1;
}

/* ---- lists: participants and tags ---- */

/*
 * Decode the text format's escapes in [s, e) into out (reset first). An
 * unknown escape stays as written: a spreadsheet is not the text format,
 * and "C:\dir" should not be an error.
 */
static void unescape(struct strbuf *out, const char *s, const char *e)
{
	strbuf_reset(out);
	while (s < e) {
		if (*s != '\\' || s + 1 >= e) {
			strbuf_addch(out, *s++);
			continue;
		}
		switch (s[1]) {
		case '\\':
		case ';':
		case '(':
		case ')':
		case ',':
		case '@':
			strbuf_addch(out, s[1]);
			break;
		case 'n':
			strbuf_addch(out, '\n');
			break;
		case 't':
			strbuf_addch(out, '\t');
			break;
		case 's':
			strbuf_addch(out, ' ');
			break;
		case 'x': {
			int hi = s + 2 < e ? ascii_hexval(s[2]) : -1;
			int lo = s + 3 < e ? ascii_hexval(s[3]) : -1;

			if (hi >= 0 && lo >= 0 && hi <= 7 && hi * 16 + lo) {
				strbuf_addch(out, (char)(hi * 16 + lo));
				s += 4;
				continue;
			}
			strbuf_addch(out, '\\');
			s++;
			continue;
		}
		default:
			strbuf_addch(out, '\\');
			s++;
			continue;
		}
		s += 2;
	}
}

/* Blanks and line breaks: an item of a list may sit on a line of its own
 * within the cell. */
static bool item_space(char c)
{
	return ascii_isblank((unsigned char)c) || c == '\r' || c == '\n';
}

static void trim_ptr(const char **s, const char **e)
{
	while (*s < *e && item_space(**s))
		(*s)++;
	while (*e > *s && item_space((*e)[-1]))
		(*e)--;
}

static bool has_participant(const struct event *ev, const char *name)
{
	size_t i;

	for (i = 0; i < ev->nwith; i++)
		if (!strcmp(ev->with[i].name, name))
			return true;
	return false;
}

/* "Name (Role)" (participant_split()), or a name with role_dflt. */
static void add_participant(struct evreader *er, struct event *ev,
			    const char *s, const char *e, const char *role_dflt,
			    bool dedup)
{
	const char *ne, *rs, *re;
	char *name;

	if (participant_split(s, e, &ne, &rs, &re)) {
		trim_ptr(&s, &ne);
		if (s == ne)
			return;
		unescape(&er->tmp, s, ne);
		name = xstrndup(er->tmp.buf, er->tmp.len);
		trim_ptr(&rs, &re);
		unescape(&er->tmp, rs, re);
		if (!dedup || !has_participant(ev, name))
			event_add_participant(ev, name, er->tmp.buf);
		free(name);
		return;
	}
	unescape(&er->tmp, s, ne);
	if (!er->tmp.len || (dedup && has_participant(ev, er->tmp.buf)))
		return;
	event_add_participant(ev, er->tmp.buf, role_dflt);
}

/*
 * Split v on unescaped ';' into participants (with) or tags. Attendee
 * lists from calendars (dedup) skip a name already there: the organizer
 * is often among the required attendees.
 */
void csvev_items(struct evreader *er, struct event *ev, struct val v, bool with,
		 const char *role_dflt, bool dedup)
{
	const char *s = v.s, *e = v.s + v.len;

	if (!v.len)
		return; /* most rows leave most of these columns empty */
	while (s <= e) {
		const char *semi = ascii_find_unescaped(s, e, ';');
		const char *ps = s, *pe = semi ? semi : e;

		trim_ptr(&ps, &pe);
		if (ps < pe) {
			if (with) {
				add_participant(er, ev, ps, pe, role_dflt,
						dedup);
			} else {
				unescape(&er->tmp, ps, pe);
				if (er->tmp.len)
					event_add_tag(ev, er->tmp.buf);
			}
		}
		if (!semi)
			break;
		s = semi + 1;
	}
}

/* ---- places ---- */

/*
 * A calendar's Location ("Hiroshima, Japan", "Rue de la Loi 200, 1049
 * Brussels, Belgium", "405 E 42nd St, New York, NY 10017, USA"): venue,
 * city and country by the one parser of location.h.
 */
void csvev_location(struct evreader *er, struct event *ev, struct val v)
{
	struct location loc;

	strbuf_reset(&er->tmp);
	strbuf_add(&er->tmp, v.s, v.len);
	location_parse(er->tmp.buf, &loc);
	event_set_place(ev, loc.venue, loc.city, loc.country);
	location_release(&loc);
}

/* ---- rows ---- */

/* ---- zones, countries, keywords ---- */

/*
 * A short value as a C string without allocating: the field itself when
 * trimming left its end alone (fields are NUL-terminated), else a copy in
 * buf; NULL when it does not fit (no zone, code or keyword is that long).
 */
static const char *cstr(struct val v, char *buf, size_t size)
{
	if (v.s[v.len] == '\0')
		return v.s;
	if (v.len >= size)
		return NULL;
	memcpy(buf, v.s, v.len);
	buf[v.len] = '\0';
	return buf;
}

/*
 * A type or status keyword (kind 't' or 's') by parse, or -1; the answer
 * cached per spelling.
 */
int csvev_keyword(struct evreader *er, char kind, struct val v,
		  int (*parse)(const char *))
{
	char key[16];
	struct scache_ent *e;
	bool hit;
	int r;

	if (v.len + 1 >= sizeof(key))
		return -1; /* no keyword is that long */
	key[0] = kind;
	memcpy(key + 1, v.s, v.len);
	e = scache_at(&er->keywords, key, v.len + 1, &hit);
	if (hit)
		return e->how;
	key[v.len + 1] = '\0';
	r = parse(key + 1);
	if (r >= 0)
		scache_put(e, key, v.len + 1, NULL, r);
	return r;
}

/* The canonical name of the zone v names, or NULL with err filled. */
const char *csvev_zone(struct evreader *er, struct val v, struct itin_err *err)
{
	bool hit;
	struct scache_ent *e = scache_at(&er->zones, v.s, v.len, &hit);
	const struct tz *z;
	const char *name;
	char buf[256];

	if (hit)
		return e->val;
	name = cstr(v, buf, sizeof(buf));
	z = tz_get(name ? name : "", err);
	if (!z)
		return NULL;
	scache_put(e, v.s, v.len, tz_name(z), 0);
	return tz_name(z);
}

/* The code of the country v names, or NULL. */
const char *csvev_country(struct evreader *er, struct val v)
{
	bool hit;
	struct scache_ent *e = scache_at(&er->countries, v.s, v.len, &hit);
	const char *name, *cc;
	char buf[128];

	if (hit)
		return e->val;
	name = cstr(v, buf, sizeof(buf));
	cc = name ? country_lookup(name) : NULL;
	if (cc)
		scache_put(e, v.s, v.len, cc, 0);
	return cc;
}

/* The zone of the event's place (place_zone()), or NULL; *how says why. */
const char *csvev_place_zone(struct evreader *er, const struct event *ev,
			     int *how)
{
	size_t clen = ev->city ? strlen(ev->city) : 0;
	struct scache_ent *e = NULL;
	struct place_zone pz;
	char key[SCACHE_KEY];
	bool hit = false;

	if (clen + 4 < sizeof(key)) {
		if (clen)
			memcpy(key, ev->city, clen);
		key[clen] = '\x1f';
		memcpy(key + clen + 1, ev->country, 3);
		e = scache_at(&er->places, key, clen + 3, &hit);
	}
	if (hit) {
		*how = e->how;
		return e->val;
	}
	place_zone(ev->city, ev->country, &pz);
	scache_put(e, key, clen + 3, pz.tz, (int)pz.how);
	*how = (int)pz.how;
	return pz.tz;
}
