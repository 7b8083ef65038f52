/*
 * storescan.c: the store scan of storescan.h.
 *
 * Why a scan that vouches, not one that validates everything it skips:
 * the full reader's checks of an event are the event (its zone resolved,
 * a time in a daylight-saving gap refused, a derived id hashed from every
 * field, duplicates); checking them all for a million events is reading
 * them, the cost the scan exists to avoid. So the scan vouches only for
 * the plain form stores are written in (the writer's output, bench/gen.sh's,
 * a hand-kept store's usual lines) and checks exactly what the full reader
 * would refuse or warn about in that form; anything else it hands to the
 * full reader, one block at a time. Any doubt the scan cannot settle
 * alone makes it give up (return 1) and the whole store is read as
 * before, so errors and warnings are the full reader's own. Measured on
 * a generated store of a million events (bench/gen.sh), a year's list
 * takes 0.4-0.5 s this way against 2.3 s or more for the full read: the
 * scan alone meets the figure, without an index beside the store to keep
 * in step with hand edits.
 *
 * A block is vouched for when all of these hold (each item names the
 * check of the full reader it stands for):
 *   - at most BLOCK_MAX bytes (the caps on line, text and list lengths),
 *     valid UTF-8 and no NUL byte (the line checks), no backslash (no
 *     escape to decode);
 *   - its header is "DATE[ HH:MM[-HH:MM]]", "DATE..DATE" or
 *     "DATE HH:MM..DATE HH:MM" (T may join a date and its time), a valid
 *     date in the years 0002..9998 (the calendar's edges), then a type
 *     named in lower case, a title with a character that is not white
 *     space, and an optional "@ PLACE" whose two-letter last part, if any,
 *     is a known country and whose parts are fewer than the reader's 64;
 *   - its key lines are id, tz, status, org, with, tags, source and note,
 *     in lower case, the single ones once and not empty; the id valid;
 *     a timed event has a tz: line (else the zone comes from the place,
 *     maybe with a warning) naming a known zone or "floating", and an
 *     all-day one has none (it would be dropped with a warning); a status
 *     is known; no participant starts with '(' (a role with no name);
 *   - its start and end are each one instant in its zone (not in a gap,
 *     not repeated) and the end is not before the start.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "itin/ascii.h"
#include "itin/evarena.h"
#include "itin/datetime.h"
#include "itin/hash.h"
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/places.h"
#include "itin/storeids.h"
#include "itin/storescan.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* The largest block vouched for: its participants or tags then number
 * far fewer than EVENT_MAX_WITH, its texts far below EVENT_MAX_TEXT. */
#define BLOCK_MAX 1900
/* Days a local date may be from the same instant's date in another zone
 * (offsets, local mean times included, stay within a day). */
#define DAY_MARGIN 2

/* ---- what the scan remembers ------------------------------------------ */

#define ZONES_MAX 64

/* The zones of tz: lines and the countries of places, each looked up
 * once: a store uses a few. */
struct memo {
	struct {
		char name[64];
		size_t len;
		const struct tz *tz; /* NULL: not a zone */
	} zone[ZONES_MAX];
	size_t nzones;
	signed char country[26][26];	 /* 0 not asked yet, 1 known, -1 not */
	const char *type[EV_TYPE_COUNT]; /* event_type_name()s */
	size_t type_len[EV_TYPE_COUNT];
};

static void memo_init(struct memo *m)
{
	memset(m, 0, sizeof(*m));
	for (int t = 0; t < EV_TYPE_COUNT; t++) {
		m->type[t] = event_type_name((enum event_type)t);
		m->type_len[t] = strlen(m->type[t]);
	}
}

/* The zone [s, e) names, or NULL (unknown, or too many to remember). */
static const struct tz *zone_find(struct memo *m, const char *s, const char *e)
{
	size_t len = (size_t)(e - s), n = m->nzones;
	struct itin_err err;

	for (size_t i = 0; i < n; i++)
		if (m->zone[i].len == len && !memcmp(m->zone[i].name, s, len))
			return m->zone[i].tz;
	if (n == ZONES_MAX || len >= sizeof(m->zone[0].name))
		return NULL;
	memcpy(m->zone[n].name, s, len);
	m->zone[n].name[len] = '\0';
	m->zone[n].len = len;
	m->zone[n].tz = tz_get(m->zone[n].name, &err);
	m->nzones++;
	return m->zone[n].tz;
}

/* Is the country of two letters a and b one the reader knows? */
static bool country_known(struct memo *m, int a, int b)
{
	signed char *known;
	char cc[3];

	cc[0] = (char)ascii_toupper(a);
	cc[1] = (char)ascii_toupper(b);
	cc[2] = '\0';
	known = &m->country[cc[0] - 'A'][cc[1] - 'A'];
	if (!*known)
		*known = country_code_is_valid(cc) ? 1 : -1;
	return *known > 0;
}

/* ---- one block ------------------------------------------------------- */

/* What the scan learnt of a block it vouches for. */
struct block {
	int64_t start, end; /* local seconds */
	bool timed, has_end, floating;
	const struct tz *tz;
	const char *id;
	size_t idlen;
	bool seen[8];
};

/* The first c in [p, e), or NULL: a loop, for the few bytes of a line's
 * part, where memchr's set-up costs more than the search. */
static const char *find_byte(const char *p, const char *e, char c)
{
	for (; p < e; p++)
		if (*p == c)
			return p;
	return NULL;
}

/* n digits at p as a number, or -1. */
static int digits(const char *p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!ascii_isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DD" at *pp (before e), a date the scan vouches for. */
static bool scan_date(const char **pp, const char *e, int64_t *day)
{
	const char *p = *pp;
	int y, m, d;

	if (e - p < 10 || p[4] != '-' || p[7] != '-')
		return false;
	y = digits(p, 4);
	m = digits(p + 5, 2);
	d = digits(p + 8, 2);
	if (y < 2 || y > 9998 || m < 0 || d < 0 || !date_is_valid(y, m, d))
		return false;
	*day = days_from_civil(y, m, d);
	*pp = p + 10;
	return true;
}

/* "HH:MM" at *pp, a time of day. */
static bool scan_clock(const char **pp, const char *e, int *secs)
{
	const char *p = *pp;
	int h, m;

	if (e - p < 5 || p[2] != ':')
		return false;
	h = digits(p, 2);
	m = digits(p + 3, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	if (p + 5 < e && ascii_isdigit((unsigned char)p[5]))
		return false;
	*secs = h * 3600 + m * 60;
	*pp = p + 5;
	return true;
}

/* A WHEN as parse_range_when() reads it: a date, and a time after 'T'
 * or blanks when a digit follows them. */
static bool scan_when(const char **pp, const char *e, int64_t *lsec,
		      bool *timed)
{
	const char *p = *pp, *t = NULL;
	int64_t day;
	int secs = 0;

	if (!scan_date(&p, e, &day))
		return false;
	if (p < e && *p == 'T') {
		t = p + 1;
	} else if (p < e && ascii_isblank((unsigned char)*p)) {
		const char *n = ascii_skip_blank(p, e);

		if (n < e && ascii_isdigit((unsigned char)*n))
			t = n;
	} else if (p < e && !(p + 1 < e && p[0] == '.' && p[1] == '.')) {
		return false;
	}
	*timed = t != NULL;
	if (t) {
		p = t;
		if (!scan_clock(&p, e, &secs))
			return false;
	}
	*lsec = day * ITIN_DAY + secs;
	*pp = p;
	return true;
}

/* The RANGE at *pp. */
static bool scan_range(const char **pp, const char *e, struct block *b)
{
	const char *p = *pp;
	bool end_timed;
	int secs;

	if (!scan_when(&p, e, &b->start, &b->timed))
		return false;
	b->has_end = false;
	if (p < e && *p == '-' && b->timed) {
		p++;
		if (!scan_clock(&p, e, &secs))
			return false;
		b->end = lsec_day(b->start) * ITIN_DAY + secs;
		b->has_end = true;
	} else if (p + 1 < e && p[0] == '.' && p[1] == '.') {
		p += 2;
		if (!scan_when(&p, e, &b->end, &end_timed) ||
		    end_timed != b->timed || b->end < b->start)
			return false;
		b->has_end = b->timed || b->end != b->start;
	}
	if (p < e && !ascii_isblank((unsigned char)*p))
		return false;
	*pp = p;
	return true;
}

/* A type named in lower case, as the writer names it. */
static bool scan_type(const struct memo *m, const char **pp, const char *e)
{
	const char *p = *pp, *q = p;

	while (q < e && !ascii_isblank((unsigned char)*q))
		q++;
	for (int t = 0; t < EV_TYPE_COUNT; t++) {
		if (m->type_len[t] == (size_t)(q - p) &&
		    !memcmp(m->type[t], p, (size_t)(q - p))) {
			*pp = q;
			return true;
		}
	}
	return false;
}

/* Not white space to event_check()'s blank(). */
static bool has_visible(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!strchr(" \t\n\r\v\f", *s))
			return true;
	return false;
}

/* "@ PLACE": fewer than 64 parts, a two-letter last part a country. */
static bool scan_place(struct memo *m, const char *s, const char *e)
{
	const char *last = s, *c;
	size_t parts = 1;

	for (c = s; c < e; c++) {
		if (*c == ',') {
			last = c + 1;
			parts++;
		}
	}
	if (parts >= 64)
		return false;
	ascii_trim_blank(&last, &e);
	if (e - last != 2 || !ascii_isalpha((unsigned char)last[0]) ||
	    !ascii_isalpha((unsigned char)last[1]))
		return true;
	return country_known(m, (unsigned char)last[0], (unsigned char)last[1]);
}

/* The header line [p, e) (its CR and trailing blanks cut). */
static bool scan_header(struct memo *m, const char *p, const char *e,
			struct block *b)
{
	const char *at;

	if (!scan_range(&p, e, b))
		return false;
	p = ascii_skip_blank(p, e);
	if (!scan_type(m, &p, e))
		return false;
	p = ascii_skip_blank(p, e);
	at = find_byte(p, e, '@');
	if (!has_visible(p, at ? at : e))
		return false;
	return !at || scan_place(m, at + 1, e);
}

/* The keys vouched for, in lower case; the last three may repeat. */
enum { SK_ID, SK_TZ, SK_STATUS, SK_ORG, SK_SOURCE, SK_WITH, SK_TAGS, SK_NOTE };
static const struct {
	const char *name;
	size_t len;
} scan_keys[] = {{"id", 2},	{"tz", 2},   {"status", 6}, {"org", 3},
		 {"source", 6}, {"with", 4}, {"tags", 4},   {"note", 4}};

/* with: no participant, once trimmed, starts with '(' (where a role
 * could be all there is). */
static bool scan_with(const char *s, const char *e)
{
	for (;;) {
		const char *semi = find_byte(s, e, ';');
		const char *ps = s, *pe = semi ? semi : e;

		ascii_trim_blank(&ps, &pe);
		if (ps < pe && *ps == '(')
			return false;
		if (!semi)
			return true;
		s = semi + 1;
	}
}

/* The value [vs, ve) of key k. */
static bool scan_value(struct memo *m, struct block *b, int k, const char *vs,
		       const char *ve)
{
	char buf[256];
	size_t n = (size_t)(ve - vs);

	switch (k) {
	case SK_ID:
	case SK_STATUS:
		if (n >= sizeof(buf))
			return false;
		memcpy(buf, vs, n);
		buf[n] = '\0';
		if (k == SK_STATUS)
			return event_status_parse(buf) >= 0;
		b->id = vs;
		b->idlen = n;
		return event_id_is_valid(buf);
	case SK_TZ:
		if (!b->timed)
			return false;
		if (n == 8 && !ascii_ncasecmp(vs, "floating", 8)) {
			b->floating = true;
			return true;
		}
		b->tz = zone_find(m, vs, ve);
		return b->tz != NULL;
	case SK_WITH:
		return scan_with(vs, ve);
	default:
		return true;
	}
}

/* A key line [p, e) (CR cut), not a comment. */
static bool scan_key(struct memo *m, struct block *b, const char *p,
		     const char *e)
{
	const char *ks = ascii_skip_blank(p, e), *ke, *vs, *ve;
	const char *colon = find_byte(ks, e, ':');
	int k;

	if (!colon)
		return false;
	ke = colon;
	while (ke > ks && ascii_isblank((unsigned char)ke[-1]))
		ke--;
	for (k = 0; k <= SK_NOTE; k++)
		if (scan_keys[k].len == (size_t)(ke - ks) &&
		    !memcmp(scan_keys[k].name, ks, (size_t)(ke - ks)))
			break;
	if (k > SK_NOTE || (b->seen[k] && k < SK_WITH))
		return false;
	b->seen[k] = true;
	vs = colon + 1;
	ve = e;
	ascii_trim_blank(&vs, &ve);
	if (vs == ve && k < SK_WITH)
		return false;
	return scan_value(m, b, k, vs, ve);
}

/* The end of the line at p (its '\n' or e), and in *ce before its CR. */
/* Eight bytes, each b: multiplying by this spreads a byte over a word. */
#define EVERY_BYTE 0x0101010101010101ULL

/*
 * The first '\n' in [p, e), or e: eight bytes at a time, since a store's
 * lines are short and memchr's set-up would cost as much as the search.
 * (The test finds the first zero byte of w ^ "\n\n\n...": exact for the
 * lowest one, which is the first in memory on a little-endian machine;
 * elsewhere the bytes are looked at one by one.)
 */
static const char *find_nl(const char *p, const char *e)
{
	const uint64_t high = 0x80 * EVERY_BYTE;
	const union {
		uint16_t u;
		char c;
	} order = {1};

	for (; order.c && e - p >= 8; p += 8) {
		uint64_t w, x;

		memcpy(&w, p, 8);
		x = w ^ ('\n' * EVERY_BYTE);
		x = (x - EVERY_BYTE) & ~x & high;
		if (x)
			return p + ((unsigned)__builtin_ctzll(x) >> 3);
	}
	while (p < e && *p != '\n')
		p++;
	return p;
}

static const char *line_end(const char *p, const char *e, const char **ce)
{
	const char *le = find_nl(p, e);

	*ce = le > p && le[-1] == '\r' ? le - 1 : le;
	return le;
}

/* Does the line [p, ce) (CR cut) begin an event, as the reader decides? */
static bool is_header(const char *p, const char *ce)
{
	return p < ce && !ascii_isblank((unsigned char)*p) && *p != '#';
}

/* Is the line [p, ce) blank or a comment? */
static bool is_nothing(const char *p, const char *ce)
{
	p = ascii_skip_blank(p, ce);
	return p == ce || *p == '#';
}

/* Has w a zero byte? (Exact for whether; a false alarm at most above a
 * true one, so never when w has none.) */
static bool has_zero(uint64_t w)
{
	return (w - EVERY_BYTE) & ~w & (0x80 * EVERY_BYTE);
}

/*
 * No backslash and no NUL in [s, e), and valid UTF-8: eight bytes at a
 * time, since every byte of a store is looked at (this is the only look
 * at the bytes of a block vouched for; any other block meets the full
 * reader's checks), and UTF-8 checked only where a byte is not ASCII.
 */
static bool plain_text(const char *s, const char *e)
{
	const uint64_t high = 0x80 * EVERY_BYTE;
	const char *p = s;
	uint64_t any_high = 0;

	for (; e - p >= 8; p += 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		if (has_zero(w) || has_zero(w ^ ('\\' * EVERY_BYTE)))
			return false;
		any_high |= w & high;
	}
	for (; p < e; p++) {
		if (*p == '\\' || !*p)
			return false;
		any_high |= (unsigned char)*p & 0x80;
	}
	return !any_high || utf8_valid(s, (size_t)(e - s), NULL);
}

/* Each time of a zoned event one instant, and the end not before the
 * start, as event_check() wants them. */
static bool scan_times(const struct block *b)
{
	struct tz_local_info info;
	int64_t s, e;

	if (!b->timed || b->floating || !b->tz)
		return !b->has_end || b->end >= b->start;
	s = tz_local_to_utc(b->tz, b->start, &info);
	if (info.kind != TZ_LOCAL_UNIQUE)
		return false;
	if (!b->has_end)
		return true;
	e = tz_local_to_utc(b->tz, b->end, &info);
	return info.kind == TZ_LOCAL_UNIQUE && e >= s;
}

/*
 * The block whose header line starts at p: its end (the next header
 * line, or e) into *be, its lines into *lines, and whether the scan
 * vouches for it (then b says what it learnt).
 */
static bool scan_block(struct memo *m, const char *start, const char *e,
		       const char **be, long *lines, struct block *b)
{
	const char *p, *ce, *le = line_end(start, e, &ce), *he = ce;
	bool ok;

	memset(b, 0, sizeof(*b));
	while (he > start && ascii_isblank((unsigned char)he[-1]))
		he--;
	ok = scan_header(m, start, he, b);
	*lines = 1;
	for (p = le < e ? le + 1 : e; p < e; p = le < e ? le + 1 : e) {
		le = line_end(p, e, &ce);
		if (is_header(p, ce))
			break;
		++*lines;
		if (ok && !is_nothing(p, ce))
			ok = scan_key(m, b, p, ce);
	}
	*be = p;
	if (!ok || p - start > BLOCK_MAX || !b->id ||
	    (b->timed && !b->seen[SK_TZ]))
		return false;
	return plain_text(start, p) && scan_times(b);
}

/* ---- the store ------------------------------------------------------- */

/* Bytes of the store to read with the full reader, from line `line`. */
struct run {
	const char *s, *e;
	long line;
};

struct scan {
	const struct storescan_want *want;
	struct idset ids;
	struct run *runs;
	size_t nruns, aruns;
	struct memo memo;
	struct storescan_index *ix; /* set: index, do not read */
	const char *released;	    /* pages before it given back */
	const char *fname;
	struct evlist scratch; /* index mode: a block read, rewound */
	struct evarena_mark mark;
	size_t bom; /* bytes before ids.base */
};

/* May the command want the block b vouches for? */
static bool wanted(const struct storescan_want *w, const struct block *b)
{
	int64_t first = lsec_day(b->start);
	int64_t last = b->has_end ? lsec_day(b->end) : first;
	size_t n;

	if (w->has_from && last + DAY_MARGIN < w->from_day)
		return false;
	if (w->has_to && first - DAY_MARGIN > w->to_day)
		return false;
	if (!w->id)
		return true;
	n = strlen(w->id);
	return n <= b->idlen && !ascii_ncasecmp(b->id, w->id, n);
}

/* Read [s, e), from line `line`, with the full reader: joined to the
 * run before when it follows it. */
static void add_run(struct scan *sc, const char *s, const char *e, long line)
{
	if (sc->nruns && sc->runs[sc->nruns - 1].e == s) {
		sc->runs[sc->nruns - 1].e = e;
		return;
	}
	sc->runs =
	    xgrow(sc->runs, &sc->aruns, sc->nruns + 1, sizeof(*sc->runs));
	sc->runs[sc->nruns].s = s;
	sc->runs[sc->nruns].e = e;
	sc->runs[sc->nruns++].line = line;
}

/* Warnings only counted: one means the scan gives up. */
static void count_warning(void *ctx, const struct itin_err *w)
{
	(void)w;
	++*(int *)ctx;
}

/* The instants event_check() gives the event b vouches for. */
static void block_utc(const struct block *b, int64_t *s, int64_t *e)
{
	struct tz_local_info info;

	if (!b->timed) {
		*s = b->start;
		*e = b->has_end ? (lsec_day(b->end) + 1) * ITIN_DAY
				: b->start + ITIN_DAY;
		return;
	}
	*s = b->tz ? tz_local_to_utc(b->tz, b->start, &info) : b->start;
	*e = *s;
	if (b->has_end)
		*e = b->tz ? tz_local_to_utc(b->tz, b->end, &info) : b->end;
}

/* Note the block [p, be) b vouches for in sc->ix, its id in the set. */
static void index_block(struct scan *sc, const struct block *b, const char *p,
			const char *be, long line)
{
	struct storescan_index *ix = sc->ix;
	struct storescan_rec *r;

	idset_add(&sc->ids, b->id, b->idlen);
	ix->v = xgrow(ix->v, &ix->alloc, ix->n + 1, sizeof(*ix->v));
	r = &ix->v[ix->n++];
	block_utc(b, &r->start_utc, &r->end_utc);
	r->off = (uint64_t)(p - sc->ids.base) + sc->bom;
	r->len = (uint32_t)(be - p);
	r->line = (uint32_t)line;
	if (ix->zones && b->timed && b->tz) {
		/* The fields icalio_zones_add() reads, as the reader fills
		 * them: the same zones and years by construction. */
		struct event ev = {0};

		ev.tz = (char *)tz_name(b->tz);
		ev.start = b->start;
		ev.end = b->end;
		ev.has_end = b->has_end;
		icalio_zones_add(ix->zones, &ev);
	}
}

/* The database's spelling of a zone, which lives on, or NULL. */
static char *lasting(const char *name)
{
	struct itin_err err;
	const struct tz *tz = name ? tz_get(name, &err) : NULL;

	return tz ? (char *)tz_name(tz) : NULL;
}

void storescan_zones_add(struct icalio_zones *z, const struct event *ev)
{
	struct event e = *ev;

	e.tz = lasting(ev->tz);
	e.end_tz = lasting(ev->end_tz);
	icalio_zones_add(z, &e);
}

/*
 * Index mode, a block [p, be) the scan cannot vouch for: read now by the
 * full reader, for its errors and warnings and its record, then dropped
 * (the second pass reads it again). 0, or 1 when the reader failed or
 * warned.
 */
static int index_read(struct scan *sc, const char *p, const char *be, long line)
{
	int warnings = 0;
	struct itin_warner w = {count_warning, &warnings};
	struct itin_err err;
	struct evlist *l = &sc->scratch;
	struct storescan_index *ix = sc->ix;
	int ret = 1;

	/* A byte order mark here would be a header line's (read_runs()). */
	if (!(be - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) &&
	    !itinfmt_parse(p, (size_t)(be - p), sc->fname, l, &w, &err) &&
	    !warnings && l->n == 1) {
		const struct event *ev = l->v[0];

		idset_add(&sc->ids, ev->id, strlen(ev->id));
		ix->v = xgrow(ix->v, &ix->alloc, ix->n + 1, sizeof(*ix->v));
		ix->v[ix->n++] = (struct storescan_rec){
		    ev->start_utc, ev->end_utc,
		    (uint64_t)(p - sc->ids.base) + sc->bom, (uint32_t)(be - p),
		    (uint32_t)line};
		if (ix->zones)
			storescan_zones_add(ix->zones, ev);
		ret = 0;
	}
	l->n = 0;
	evarena_rewind(evlist_arena(l), sc->mark);
	return ret;
}

/* Give back the mapped pages wholly before p, every few MiB. */
static void release_before(struct scan *sc, const char *p)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = (uintptr_t)sc->released,
		  to = (uintptr_t)p & ~(page - 1);

	if (to < from + ((uintptr_t)8 << 20))
		return;
	madvise((void *)from, to - from, MADV_DONTNEED);
	sc->released = (const char *)to;
}

/*
 * Walk the blocks of [p, e): runs for the full reader, ids of the blocks
 * skipped (in index mode, records of the blocks wanted). 0, or 1 when the scan
 * cannot go on (a key line before the first event).
 */
static int walk(struct scan *sc, const char *p, const char *e)
{
	long line = 1, n;
	const char *ce, *le, *be;
	struct block b;

	/* Up to the first event: blank lines and comments only, and no
	 * NUL byte, which the full reader refuses there too. */
	for (; p < e; p = le < e ? le + 1 : e, line++) {
		le = line_end(p, e, &ce);
		if (is_header(p, ce))
			break;
		if (!is_nothing(p, ce) || memchr(p, '\0', (size_t)(le - p)))
			return 1;
	}
	for (; p < e; p = be, line += n) {
		bool ok = scan_block(&sc->memo, p, e, &be, &n, &b);

		if (ok && !wanted(sc->want, &b))
			idset_add_skipped(&sc->ids, b.id, b.idlen);
		else if (ok && sc->ix)
			index_block(sc, &b, p, be, line);
		else if (sc->ix && index_read(sc, p, be, line))
			return 1;
		else if (!sc->ix)
			add_run(sc, p, be, line);
		if (sc->released)
			release_before(sc, be);
	}
	return 0;
}

/*
 * The runs read by the full reader into out, their events' ids added to
 * the set. 0, or 1 when the reader failed or warned.
 */
static int read_runs(struct scan *sc, const char *fname, struct evlist *out)
{
	int warnings = 0;
	struct itin_warner w = {count_warning, &warnings};
	struct itin_err err;

	for (size_t i = 0; i < sc->nruns; i++) {
		const struct run *r = &sc->runs[i];
		size_t before = out->n;

		/* The reader skips a byte order mark that starts its input:
		 * here one would be a header line's, which it refuses. */
		if (r->e - r->s >= 3 && !memcmp(r->s, "\xEF\xBB\xBF", 3))
			return 1;
		if (itinfmt_parse(r->s, (size_t)(r->e - r->s), fname, out, &w,
				  &err) ||
		    warnings)
			return 1;
		for (size_t j = before; j < out->n; j++) {
			struct event *ev = out->v[j];

			/* Lines in the store, not in the run. */
			ev->line += (uint32_t)(r->line - 1);
			idset_add(&sc->ids, ev->id, strlen(ev->id));
		}
	}
	return 0;
}

bool storescan_selects(const struct storescan_want *want)
{
	return want->has_from || want->has_to || want->id;
}

/*
 * The scan of buf, for storescan_parse() (sc->ix NULL) or _index(): the
 * runs read into tmp, every id checked. 0, or 1 when the scan gives up.
 */
static int scan(struct scan *sc, const char *buf, size_t len, const char *fname,
		struct evlist *tmp)
{
	size_t max;
	int ret;

	memo_init(&sc->memo);
	/* What inread refuses before the reader sees a line (a NUL byte
	 * too, which plain_text() and the full reader look for). */
	if (inread_max_input(&max, &(struct itin_err){0}) || len > max)
		return 1;
	if (sc->ix && sc->ix->release)
		sc->released = buf; /* a mapping's start: a page's */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
		sc->bom = 3;
	}
	sc->ids.base = buf;
	ret = walk(sc, buf, buf + len);
	if (!ret)
		ret = read_runs(sc, fname, tmp);
	if (!ret && idset_repeats(&sc->ids))
		ret = 1;
	return ret;
}

static void scan_release(struct scan *sc, struct evlist *tmp)
{
	evlist_release(tmp);
	idset_release(&sc->ids);
	free(sc->runs);
}

int storescan_parse(const char *buf, size_t len, const char *fname,
		    const struct storescan_want *want, struct evlist *out)
{
	struct scan sc;
	struct evlist tmp = EVLIST_INIT;
	size_t i;
	int ret;

	memset(&sc, 0, sizeof(sc));
	sc.want = want;
	sc.ids.keep = want->each_id != NULL;
	ret = scan(&sc, buf, len, fname, &tmp);
	if (!ret) {
		for (i = 0; i < tmp.n; i++)
			evlist_add(out, tmp.v[i]);
		/* out holds its events now, as each_id may want. */
		for (i = 0; want->each_id && i < tmp.n; i++)
			want->each_id(want->ctx, tmp.v[i]->id,
				      strlen(tmp.v[i]->id));
		for (i = 0; i < sc.ids.nskipped; i++)
			want->each_id(want->ctx,
				      sc.ids.base + (sc.ids.skipped[i] >> 8),
				      (size_t)(sc.ids.skipped[i] & 0xFF));
	}
	scan_release(&sc, &tmp);
	return ret;
}

int storescan_index(const char *buf, size_t len, const char *fname,
		    const struct storescan_want *want,
		    struct storescan_index *ix)
{
	struct scan sc;
	struct evlist tmp = EVLIST_INIT;
	size_t n = ix->n;
	int ret;

	memset(&sc, 0, sizeof(sc));
	sc.want = want;
	sc.ix = ix;
	sc.fname = fname;
	/* Marked after a first byte: the rewinds keep the first chunk. */
	evarena_alloc(evlist_arena(&sc.scratch), 1);
	sc.mark = evarena_mark(evlist_arena(&sc.scratch));
	ret = scan(&sc, buf, len, fname, &tmp);
	if (ret)
		ix->n = n;
	evlist_release(&sc.scratch);
	scan_release(&sc, &tmp);
	return ret;
}

void storescan_index_release(struct storescan_index *ix)
{
	free(ix->v);
	ix->v = NULL;
	ix->n = ix->alloc = 0;
}
