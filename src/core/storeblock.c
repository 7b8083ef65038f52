/*
 * storeblock.c: one block of the store read by the scan (storeblock.h):
 * its header and key lines checked as storescan.c's list says, without
 * an allocation; whether a command may want it, and its start instant.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/places.h"
#include "itin/storeblock.h"
#include "itin/storescan.h"
#include "itin/utf8.h"

/* The largest block vouched for: its participants or tags then number
 * far fewer than EVENT_MAX_WITH, its texts far below EVENT_MAX_TEXT. */
#define BLOCK_MAX 1900

void storeblock_memo_init(struct memo *m)
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

/* Eight bytes, each b: multiplying by this spreads a byte over a word. */
#define EVERY_BYTE 0x0101010101010101ULL

#ifdef __SSE2__
/*
 * The first '\n' in [p, e), or e: sixteen bytes at a time (SSE2, which
 * every x86-64 has), since a store's lines are short and memchr's set-up
 * would cost as much as the search.
 */
static const char *find_nl(const char *p, const char *e)
{
	const __m128i nl = _mm_set1_epi8('\n');

	for (; e - p >= 16; p += 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, nl));

		if (m)
			return p + __builtin_ctz(m);
	}
	while (p < e && *p != '\n')
		p++;
	return p;
}
#else
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
#endif

const char *storeblock_line_end(const char *p, const char *e, const char **ce)
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

int storeblock_preamble_line(const char *p, const char *ce, const char *le)
{
	if (is_header(p, ce))
		return 1;
	/* A NUL byte: the full reader refuses it there too. */
	if (!is_nothing(p, ce) || memchr(p, '\0', (size_t)(le - p)))
		return -1;
	return 0;
}

/* Has w a zero byte? (Exact for whether; a false alarm at most above a
 * true one, so never when w has none.) */
static bool has_zero(uint64_t w)
{
	return (w - EVERY_BYTE) & ~w & (0x80 * EVERY_BYTE);
}

/*
 * No backslash and no NUL in [s, e), and valid UTF-8: sixteen bytes at
 * a time (SSE2) or eight, since every byte of a store is looked at (this
 * is the only look at the bytes of a block vouched for; any other block
 * meets the full reader's checks), and UTF-8 checked only where a byte
 * is not ASCII.
 */
static bool plain_text(const char *s, const char *e)
{
	const uint64_t high = 0x80 * EVERY_BYTE;
	const char *p = s;
	uint64_t any_high = 0;

#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128(), slash = _mm_set1_epi8('\\');
	unsigned bad = 0, highs = 0;

	for (; e - p >= 16; p += 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)p);

		bad |= (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(w, zero), _mm_cmpeq_epi8(w, slash)));
		highs |= (unsigned)_mm_movemask_epi8(w);
	}
	if (bad)
		return false;
	any_high = highs;
#endif
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
bool storeblock_scan(struct memo *m, const char *start, const char *e,
		     const char **be, long *lines, struct block *b)
{
	const char *p, *ce, *le = storeblock_line_end(start, e, &ce), *he = ce;
	bool ok;

	memset(b, 0, sizeof(*b));
	while (he > start && ascii_isblank((unsigned char)he[-1]))
		he--;
	ok = scan_header(m, start, he, b);
	*lines = 1;
	for (p = le < e ? le + 1 : e; p < e; p = le < e ? le + 1 : e) {
		le = storeblock_line_end(p, e, &ce);
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

/* Days a local date may be from the same instant's date in another zone
 * (offsets, local mean times included, stay within a day). */
#define DAY_MARGIN 2

bool storeblock_wanted(const struct storescan_want *w, const struct block *b)
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

int64_t storeblock_start(const struct block *b)
{
	struct tz_local_info info;

	if (b->timed && b->tz)
		return tz_local_to_utc(b->tz, b->start, &info);
	return b->start;
}
