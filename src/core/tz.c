/*
 * tz.c: time zones from the system tz database (TZif files, RFC 8536).
 *
 * A zone is its transition table (the 64-bit v2+ section when present)
 * plus the POSIX TZ string in the file's footer, which rules every instant
 * after the last transition. Slim TZif files (zic -b slim) stop the table
 * at the last rule change and leave all future years to the footer, so the
 * footer is evaluated here exactly as RFC 8536 describes, including its
 * extensions (rule times from -167 to 167 hours, DST all year).
 *
 * Every query is pure arithmetic on the loaded data: a binary search in
 * the table, or for the footer the few transitions of the years around the
 * instant. Nothing touches TZ or localtime(), so the answers do not depend
 * on the environment and are safe on a hot path (one lookup per event).
 *
 * Loaded zones live in a process-wide cache keyed by the name asked for
 * (an alias spelled in another case maps to the canonical zone) until
 * tz_cache_free().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/hash.h"
#include "itin/hashmap.h"
#include "itin/strbuf.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
/* TZif files are a few KiB; anything far bigger is not one. */
#define TZ_FILE_MAX (1024 * 1024)
#define TZ_NAME_MAX 255
/* RFC 8536 keeps offsets within -89999..93599 s; allow a little more. */
#define TZ_OFF_LIMIT (26 * 3600)

struct tz_ttype {
	int32_t off;
	bool isdst;
	char abbr[16];
};

/* One date of a POSIX TZ rule: "Jn", "n" or "Mm.w.d", then "/time". */
struct tz_rule_date {
	char kind; /* 'J': day 1..365, Feb 29 never counted; 'n': 0..365;
		    * 'M': weekday d of week w (5 = last) of month m */
	int n, m, w, d;
	int32_t time; /* seconds after local midnight, may be < 0 or > 24 h */
};

struct tz_rule {
	struct tz_ttype std, dst;
	bool has_dst;
	struct tz_rule_date start, end;
};

/*
 * The last stretch a zone was asked about. Imports ask about one zone's
 * neighbouring days over and over, and past the table every answer
 * computes the rule's dates for three years; inside the stretch the answer
 * is the same. Held through a pointer so that the const zone can keep it.
 */
struct tz_memo {
	const struct tz_ttype *ty; /* NULL: nothing yet */
	int64_t from, to;
};

struct tz {
	char *name;
	struct tz_memo *memo;
	size_t ntrans;
	int64_t *trans; /* ascending */
	uint8_t *idx;	/* type index for each transition */
	size_t ntypes;
	struct tz_ttype *types;
	bool has_rule;
	struct tz_rule rule;
};

/* ---- the POSIX TZ string (the TZif footer) ---- */

static bool parse_abbr(const char **pp, char *out, size_t size)
{
	const char *p = *pp, *b, *e;

	if (*p == '<') {
		b = ++p;
		while (ascii_isalpha(*p) || ascii_isdigit(*p) || *p == '+' ||
		       *p == '-')
			p++;
		if (*p != '>')
			return false;
		e = p++;
	} else {
		b = p;
		while (ascii_isalpha(*p))
			p++;
		e = p;
	}
	if (e - b < 3 || (size_t)(e - b) >= size)
		return false;
	memcpy(out, b, (size_t)(e - b));
	out[e - b] = '\0';
	*pp = p;
	return true;
}

/* [+-]hh[:mm[:ss]] with hh at most maxh. */
static bool parse_hms(const char **pp, int maxh, int32_t *secs)
{
	const char *p = *pp;
	int sign = 1, h = 0, m = 0, s = 0, nd = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	while (ascii_isdigit(*p) && nd < 3) {
		h = h * 10 + (*p++ - '0');
		nd++;
	}
	if (!nd || h > maxh)
		return false;
	if (*p == ':') {
		p++;
		if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
			return false;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			p++;
			if (p[0] < '0' || p[0] > '9' || p[1] < '0' ||
			    p[1] > '9')
				return false;
			s = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
		}
	}
	if (m > 59 || s > 59)
		return false;
	*secs = sign * (h * 3600 + m * 60 + s);
	*pp = p;
	return true;
}

static bool parse_num(const char **pp, int lo, int hi, int *v)
{
	const char *p = *pp;
	int n = 0, nd = 0;

	while (ascii_isdigit(*p) && nd < 4) {
		n = n * 10 + (*p++ - '0');
		nd++;
	}
	if (!nd || n < lo || n > hi)
		return false;
	*v = n;
	*pp = p;
	return true;
}

static bool parse_rule_date(const char **pp, struct tz_rule_date *r)
{
	const char *p = *pp;

	memset(r, 0, sizeof(*r));
	if (*p == 'J') {
		p++;
		r->kind = 'J';
		if (!parse_num(&p, 1, 365, &r->n))
			return false;
	} else if (*p == 'M') {
		p++;
		r->kind = 'M';
		if (!parse_num(&p, 1, 12, &r->m) || *p++ != '.' ||
		    !parse_num(&p, 1, 5, &r->w) || *p++ != '.' ||
		    !parse_num(&p, 0, 6, &r->d))
			return false;
	} else {
		r->kind = 'n';
		if (!parse_num(&p, 0, 365, &r->n))
			return false;
	}
	r->time = 2 * 3600;
	if (*p == '/') {
		p++;
		/* RFC 8536 3.3.1: hours may run from -167 to 167. */
		if (!parse_hms(&p, 167, &r->time))
			return false;
	}
	*pp = p;
	return true;
}

static bool parse_posix_tz(const char *s, struct tz_rule *r)
{
	const char *p = s;
	int32_t off;

	memset(r, 0, sizeof(*r));
	if (!parse_abbr(&p, r->std.abbr, sizeof(r->std.abbr)) ||
	    !parse_hms(&p, 24, &off))
		return false;
	/* POSIX counts hours west of Greenwich; we count seconds east. */
	r->std.off = -off;
	if (!*p)
		return true;
	if (!parse_abbr(&p, r->dst.abbr, sizeof(r->dst.abbr)))
		return false;
	r->has_dst = true;
	r->dst.isdst = true;
	r->dst.off = r->std.off + 3600;
	if (*p && *p != ',') {
		if (!parse_hms(&p, 24, &off))
			return false;
		r->dst.off = -off;
	}
	if (!*p) {
		/* POSIX leaves the default rule to the implementation; like
		 * glibc, take the current United States one. */
		p = ",M3.2.0,M11.1.0";
	}
	if (*p++ != ',' || !parse_rule_date(&p, &r->start) || *p++ != ',' ||
	    !parse_rule_date(&p, &r->end) || *p)
		return false;
	return true;
}

static bool is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Days since the epoch of a rule date in year y. */
static int64_t rule_day(const struct tz_rule_date *r, int y)
{
	int64_t jan1 = days_from_civil(y, 1, 1), first, day;
	int last;

	switch (r->kind) {
	case 'J':
		return jan1 + r->n - 1 + (is_leap(y) && r->n >= 60);
	case 'n':
		return jan1 + r->n;
	default:
		first = days_from_civil(y, r->m, 1);
		day = first + (r->d - weekday_from_days(first) + 7) % 7 +
		      7 * (r->w - 1);
		last = days_in_month(y, r->m);
		while (day >= first + last)
			day -= 7;
		return day;
	}
}

struct rule_edge {
	int64_t at;
	bool dst; /* true: DST starts here */
};

/*
 * The type the footer rule gives instant t, and the stretch [*from, *to)
 * of the rule's own transitions around it. The transitions of the year
 * before, of and after t's year are enough: rule times stay within a week
 * of their date, so the transition before t and the one after are among
 * them. A rule may still move a date across a year's end by up to 167
 * hours (RFC 8536); then one side may be missing, the stretch is open on
 * that side, and *exact is set false: the answer holds at t, not
 * necessarily over the whole stretch.
 */
static const struct tz_ttype *rule_segment(const struct tz_rule *r, int64_t t,
					   int64_t *from, int64_t *to,
					   bool *exact)
{
	struct rule_edge e[6], tmp;
	int y, mo, d, i, j, n = 0, last = -1;

	*from = INT64_MIN;
	*to = INT64_MAX;
	if (!r->has_dst)
		return &r->std;
	civil_from_days(lsec_day(t + r->std.off), &y, &mo, &d);
	for (i = -1; i <= 1; i++) {
		/* Start times are in standard time, end times in DST. */
		e[n].at = rule_day(&r->start, y + i) * ITIN_DAY +
			  r->start.time - r->std.off;
		e[n++].dst = true;
		e[n].at = rule_day(&r->end, y + i) * ITIN_DAY + r->end.time -
			  r->dst.off;
		e[n++].dst = false;
	}
	/* Insertion sort; on a tie the end comes first, so a rule whose DST
	 * ends exactly when the next year's begins is DST all year. */
	for (i = 1; i < n; i++) {
		tmp = e[i];
		for (j = i; j > 0 && (e[j - 1].at > tmp.at ||
				      (e[j - 1].at == tmp.at && e[j - 1].dst &&
				       !tmp.dst));
		     j--)
			e[j] = e[j - 1];
		e[j] = tmp;
	}
	for (i = 0; i < n && e[i].at <= t; i++)
		last = i;
	if (last < 0 || last + 1 >= n)
		*exact = false;
	if (last + 1 < n)
		*to = e[last + 1].at;
	if (last < 0)
		return e[0].dst ? &r->std : &r->dst;
	*from = e[last].at;
	return e[last].dst ? &r->dst : &r->std;
}

/* ---- queries ---- */

/* The type in force at instant t and the stretch [*from, *to) it covers
 * (a transition that keeps the same type may split a stretch); *exact
 * false when the stretch is only known to hold at t (rule_segment()). */
static const struct tz_ttype *segment_lookup(const struct tz *tz, int64_t t,
					     int64_t *from, int64_t *to,
					     bool *exact)
{
	size_t lo, hi, mid;
	const struct tz_ttype *ty;

	*exact = true;
	if (tz->ntrans == 0) {
		if (tz->has_rule)
			return rule_segment(&tz->rule, t, from, to, exact);
		*from = INT64_MIN;
		*to = INT64_MAX;
		return &tz->types[0];
	}
	if (t < tz->trans[0]) {
		/* RFC 8536: before the first transition, type 0 applies. */
		*from = INT64_MIN;
		*to = tz->trans[0];
		return &tz->types[0];
	}
	if (t >= tz->trans[tz->ntrans - 1]) {
		if (!tz->has_rule) {
			*from = tz->trans[tz->ntrans - 1];
			*to = INT64_MAX;
			return &tz->types[tz->idx[tz->ntrans - 1]];
		}
		ty = rule_segment(&tz->rule, t, from, to, exact);
		if (*from < tz->trans[tz->ntrans - 1])
			*from = tz->trans[tz->ntrans - 1];
		return ty;
	}
	/* trans[lo] <= t < trans[hi] */
	lo = 0;
	hi = tz->ntrans - 1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	*from = tz->trans[lo];
	*to = tz->trans[hi];
	return &tz->types[tz->idx[lo]];
}

/* segment_lookup(), remembered: every instant of an exact stretch has
 * the same answer. */
static const struct tz_ttype *segment_at(const struct tz *tz, int64_t t,
					 int64_t *from, int64_t *to)
{
	struct tz_memo *m = tz->memo;
	const struct tz_ttype *ty;
	bool exact;

	if (m->ty && t >= m->from && t < m->to) {
		*from = m->from;
		*to = m->to;
		return m->ty;
	}
	ty = segment_lookup(tz, t, from, to, &exact);
	if (exact) {
		m->ty = ty;
		m->from = *from;
		m->to = *to;
	}
	return ty;
}

void tz_offset_at(const struct tz *tz, int64_t instant, struct tz_offset *out)
{
	int64_t from, to;
	const struct tz_ttype *ty = segment_at(tz, instant, &from, &to);

	out->utc_offset = ty->off;
	out->is_dst = ty->isdst;
	memcpy(out->abbr, ty->abbr, sizeof(out->abbr));
}

static void fill_offset(const struct tz_ttype *ty, struct tz_offset *out)
{
	out->utc_offset = ty->off;
	out->is_dst = ty->isdst;
	memcpy(out->abbr, ty->abbr, sizeof(out->abbr));
}

static bool same_type(const struct tz_ttype *a, const struct tz_ttype *b)
{
	return a->off == b->off && a->isdst == b->isdst &&
	       !strcmp(a->abbr, b->abbr);
}

/*
 * Walk the stretches of constant type from after on: segment_at() gives
 * each stretch's end, which is the next candidate; a stretch whose type
 * equals the one before (a table entry or rule edge that changes nothing)
 * is passed over.
 */
bool tz_next_transition(const struct tz *tz, int64_t after, int64_t limit,
			struct tz_transition *out)
{
	int64_t from, to, t = after;
	const struct tz_ttype *cur = segment_at(tz, t, &from, &to), *next;

	while (to != INT64_MAX && to <= limit) {
		t = to;
		next = segment_at(tz, t, &from, &to);
		if (!same_type(cur, next)) {
			out->at = t;
			fill_offset(cur, &out->before);
			fill_offset(next, &out->after);
			return true;
		}
		cur = next;
	}
	return false;
}

int64_t tz_utc_to_local(const struct tz *tz, int64_t instant)
{
	int64_t from, to;

	return instant + segment_at(tz, instant, &from, &to)->off;
}

/*
 * A wall-clock time L happens at instant u when u + offset(u) == L. Every
 * offset is within TZ_OFF_LIMIT, so u lies within that much of L: walk the
 * stretches of constant type across that window and keep each u that falls
 * inside its own stretch. None: L is in a gap; two: L is repeated.
 */
int64_t tz_local_to_utc(const struct tz *tz, int64_t local,
			struct tz_local_info *info)
{
	struct tz_local_info dummy;
	int64_t t = local - TZ_OFF_LIMIT, end = local + TZ_OFF_LIMIT;
	int64_t from, to, u, sol[2] = {0, 0}, back = 0;
	int32_t soloff[2] = {0, 0}, prev_off = 0;
	int nsol = 0;
	bool have_prev = false, have_gap = false, have_back = false;
	const struct tz_ttype *ty;

	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	for (;;) {
		ty = segment_at(tz, t, &from, &to);
		/* The first setting back of the clock after a solution is
		 * what repeats the wall-clock time. */
		if (nsol && have_prev && !have_back && ty->off < prev_off) {
			back = from;
			have_back = true;
		}
		u = local - ty->off;
		if (u >= from && u < to) {
			if (nsol < 2) {
				sol[nsol] = u;
				soloff[nsol] = ty->off;
			}
			nsol++;
		}
		if (have_prev && !have_gap && nsol == 0 && prev_off < ty->off &&
		    local >= from + prev_off && local < from + ty->off) {
			have_gap = true;
			info->gap_from = from + prev_off;
			info->gap_to = from + ty->off;
			info->offset_before = prev_off;
			info->offset_after = ty->off;
		}
		if (to == INT64_MAX || to > end)
			break;
		prev_off = ty->off;
		have_prev = true;
		t = to;
	}
	if (nsol == 1) {
		info->kind = TZ_LOCAL_UNIQUE;
		info->offset_before = info->offset_after = soloff[0];
		info->gap_from = info->gap_to = 0;
		return sol[0];
	}
	if (nsol >= 2) {
		/* The repeated wall-clock stretch starts where the clock is
		 * set back to and ends where it was set back from. */
		info->kind = TZ_LOCAL_AMBIGUOUS;
		info->offset_before = soloff[0];
		info->offset_after = soloff[1];
		info->gap_from = back + soloff[1];
		info->gap_to = back + soloff[0];
		return sol[0];
	}
	info->kind = TZ_LOCAL_GAP;
	if (!have_gap) {
		/* Not reachable with sane data; answer something stable. */
		int64_t f, e2;

		info->offset_before = info->offset_after =
		    segment_at(tz, local, &f, &e2)->off;
		info->gap_from = info->gap_to = local;
	}
	return local - info->offset_before;
}

void tz_format_offset(int32_t offset, char *buf)
{
	int32_t a = offset < 0 ? -offset : offset;

	/* Minutes only: offsets with seconds are pre-1900 local mean time. */
	snprintf(buf, 8, "%c%02d:%02d", offset < 0 ? '-' : '+',
		 (int)(a / 3600 % 100), (int)(a / 60 % 60));
}

const char *tz_name(const struct tz *tz)
{
	return tz->name;
}

/* ---- reading TZif files ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static bool read_header(const unsigned char *p, size_t n, size_t at,
			struct tzif_counts *c)
{
	if (n < 44 || at > n - 44 || memcmp(p + at, "TZif", 4) != 0)
		return false;
	p += at;
	c->isutcnt = be32(p + 20);
	c->isstdcnt = be32(p + 24);
	c->leapcnt = be32(p + 28);
	c->timecnt = be32(p + 32);
	c->typecnt = be32(p + 36);
	c->charcnt = be32(p + 40);
	/* Bounds that keep every size below computable without overflow. */
	return c->typecnt >= 1 && c->typecnt <= 256 && c->charcnt >= 1 &&
	       c->charcnt <= TZ_FILE_MAX && c->timecnt <= TZ_FILE_MAX &&
	       c->leapcnt <= TZ_FILE_MAX &&
	       (c->isutcnt == 0 || c->isutcnt == c->typecnt) &&
	       (c->isstdcnt == 0 || c->isstdcnt == c->typecnt);
}

static size_t block_size(const struct tzif_counts *c, size_t tsize)
{
	return (size_t)c->timecnt * (tsize + 1) + (size_t)c->typecnt * 6 +
	       c->charcnt + (size_t)c->leapcnt * (tsize + 4) + c->isstdcnt +
	       c->isutcnt;
}

static void tz_release(struct tz *tz)
{
	free(tz->memo);
	free(tz->name);
	free(tz->trans);
	free(tz->idx);
	free(tz->types);
}

/* Decode a TZif image into tz (name not set). Returns false when the data
 * is not a TZif file we can trust. */
static bool tzif_parse(const unsigned char *p, size_t n, struct tz *tz)
{
	struct tzif_counts c;
	size_t at = 0, tsize = 4, i;
	const unsigned char *q, *types, *chars;
	const char *fb, *fe;
	char footer[256];

	if (!read_header(p, n, 0, &c))
		return false;
	if (p[4] >= '2') {
		/* Skip the 32-bit block: the 64-bit one covers all time. */
		at = 44 + block_size(&c, 4);
		if (!read_header(p, n, at, &c))
			return false;
		tsize = 8;
	}
	at += 44;
	if (block_size(&c, tsize) > n - at)
		return false;
	/* Leap-second ("right/") zones count TAI-like seconds; itin's
	 * instants are POSIX seconds, so refuse them rather than be off. */
	if (c.leapcnt)
		return false;
	q = p + at;
	tz->ntrans = c.timecnt;
	tz->trans = xmalloc((c.timecnt ? c.timecnt : 1) * sizeof(int64_t));
	tz->idx = xmalloc(c.timecnt ? c.timecnt : 1);
	for (i = 0; i < c.timecnt; i++) {
		tz->trans[i] =
		    tsize == 8 ? be64(q + 8 * i) : (int32_t)be32(q + 4 * i);
		if (i && tz->trans[i] <= tz->trans[i - 1])
			return false;
	}
	q += (size_t)c.timecnt * tsize;
	for (i = 0; i < c.timecnt; i++) {
		tz->idx[i] = q[i];
		if (q[i] >= c.typecnt)
			return false;
	}
	types = q + c.timecnt;
	chars = types + (size_t)c.typecnt * 6;
	if (chars[c.charcnt - 1] != '\0')
		return false;
	tz->ntypes = c.typecnt;
	tz->types = xcalloc(c.typecnt, sizeof(*tz->types));
	for (i = 0; i < c.typecnt; i++) {
		const unsigned char *t = types + 6 * i;
		int32_t off = (int32_t)be32(t);

		if (off <= -TZ_OFF_LIMIT || off >= TZ_OFF_LIMIT || t[4] > 1 ||
		    t[5] >= c.charcnt)
			return false;
		tz->types[i].off = off;
		tz->types[i].isdst = t[4];
		snprintf(tz->types[i].abbr, sizeof(tz->types[i].abbr), "%s",
			 (const char *)chars + t[5]);
	}
	if (tsize == 4)
		return true;
	/* The footer: "\n" POSIX-TZ "\n". An empty or unusable one leaves
	 * the last transition's type in force, as for a v1 file. */
	fb = (const char *)p + at + block_size(&c, 8);
	if (fb >= (const char *)p + n || *fb != '\n')
		return true;
	fb++;
	fe = memchr(fb, '\n', (size_t)((const char *)p + n - fb));
	if (!fe || fe == fb || (size_t)(fe - fb) >= sizeof(footer))
		return true;
	memcpy(footer, fb, (size_t)(fe - fb));
	footer[fe - fb] = '\0';
	tz->has_rule = parse_posix_tz(footer, &tz->rule);
	return true;
}

static const char *tz_dir(void)
{
	const char *d = getenv("TZDIR");

	return d && *d ? d : TZ_DEFAULT_DIR;
}

/* Read a whole regular file of at most max bytes; NULL on failure. */
static unsigned char *read_file(const char *path, size_t max, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	size_t got = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (size_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/*
 * Only names that look like database entries are looked up: relative,
 * made of [A-Za-z0-9_+-] components separated by single slashes (so no
 * "..", no absolute path). "localtime" is the system's own setting, not a
 * zone name, and means something else on every machine.
 */
static bool name_is_safe(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 0 || len > TZ_NAME_MAX || name[0] == '/' ||
	    name[len - 1] == '/' || !strcmp(name, "localtime"))
		return false;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)name[i];

		if (ch == '/' && name[i + 1] == '/')
			return false;
		if (!ascii_isalpha(ch) && !ascii_isdigit(ch) && ch != '_' &&
		    ch != '+' && ch != '-' && ch != '/')
			return false;
	}
	return true;
}

static struct tz *tz_load(const char *name)
{
	struct strbuf path = STRBUF_INIT;
	unsigned char *data;
	size_t len = 0;
	struct tz *tz;

	strbuf_addf(&path, "%s/%s", tz_dir(), name);
	data = read_file(path.buf, TZ_FILE_MAX, &len);
	strbuf_release(&path);
	if (!data)
		return NULL;
	tz = xcalloc(1, sizeof(*tz));
	tz->memo = xcalloc(1, sizeof(*tz->memo));
	if (!tzif_parse(data, len, tz)) {
		free(data);
		tz_release(tz);
		free(tz);
		return NULL;
	}
	free(data);
	tz->name = xstrdup(name);
	return tz;
}

/* ---- the cache ---- */

/* A name asked for and the zone it is. */
struct tz_alias {
	struct hashmap_entry e;
	char *key; /* the name asked for */
	struct tz *tz;
};

static bool alias_eq(const void *ctx, const void *entry, const void *key)
{
	(void)ctx;
	return !strcmp(((const struct tz_alias *)entry)->key, key);
}

/* Every name asked for, keyed by hash_name(). */
static struct hashmap aliases = HASHMAP_INIT(struct tz_alias, alias_eq, NULL);

static struct tz_cache {
	struct tz **zones; /* every loaded zone, for freeing */
	size_t nzones, zones_alloc;
	/* The zone names of the database, for case-insensitive lookup and
	 * suggestions; loaded on first need. */
	char **names;
	bool *is_link;
	size_t nnames, names_alloc;
	bool names_loaded;
} cache;

/* Every event of an import looks its zone up: a byte-by-byte hash of the
 * name cost more than the rest of the lookup. */
static uint64_t hash_name(const char *s)
{
	return hash_short_key(s, strlen(s));
}

static struct tz *cache_find(const char *name)
{
	const struct tz_alias *a = hashmap_get(&aliases, hash_name(name), name);

	return a ? a->tz : NULL;
}

static void cache_put(const char *name, struct tz *tz)
{
	struct tz_alias *a = hashmap_add(&aliases, hash_name(name));

	a->key = xstrdup(name);
	a->tz = tz;
}

static void add_name(const char *b, size_t len, bool link)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; i < cache.nnames; i++)
		if (strlen(cache.names[i]) == len &&
		    !memcmp(cache.names[i], b, len))
			return;
	if (cache.nnames + 1 > cache.names_alloc) {
		size_t a = cache.names_alloc;

		cache.names = xgrow(cache.names, &cache.names_alloc,
				    cache.nnames + 1, sizeof(*cache.names));
		cache.is_link = xgrow(cache.is_link, &a, cache.nnames + 1,
				      sizeof(*cache.is_link));
	}
	cache.is_link[cache.nnames] = link;
	cache.names[cache.nnames++] = xstrndup(b, len);
}

/* The field-th (0-based) run of non-blank characters of line [b, e). */
static bool field(const char *b, const char *e, int nth, const char **fb,
		  size_t *flen)
{
	const char *p = b, *s;
	int k = 0;

	for (;;) {
		while (p < e && ascii_isblank(*p))
			p++;
		if (p >= e)
			return false;
		s = p;
		while (p < e && !ascii_isblank(*p))
			p++;
		if (k++ == nth) {
			*fb = s;
			*flen = (size_t)(p - s);
			return true;
		}
	}
}

/* tzdata.zi lists every zone ("Z NAME ...") and link ("L TARGET NAME");
 * the .tab files list only the main zones, so they are the fallback. */
static bool load_names_from(const char *file, bool zi)
{
	struct strbuf path = STRBUF_INIT;
	char *data, *p, *e, *end;
	const char *fb;
	size_t len = 0, flen;

	strbuf_addf(&path, "%s/%s", tz_dir(), file);
	data = (char *)read_file(path.buf, 16 * TZ_FILE_MAX, &len);
	strbuf_release(&path);
	if (!data)
		return false;
	end = data + len;
	for (p = data; p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		if (zi) {
			if (e - p > 2 && p[0] == 'Z' && p[1] == ' ' &&
			    field(p, e, 1, &fb, &flen))
				add_name(fb, flen, false);
			else if (e - p > 2 && p[0] == 'L' && p[1] == ' ' &&
				 field(p, e, 2, &fb, &flen))
				add_name(fb, flen, true);
		} else if (p < e && *p != '#' && field(p, e, 2, &fb, &flen)) {
			add_name(fb, flen, false);
		}
	}
	free(data);
	return true;
}

static void load_names(void)
{
	if (cache.names_loaded)
		return;
	cache.names_loaded = true;
	if (load_names_from("tzdata.zi", true))
		return;
	load_names_from("zone1970.tab", false);
	load_names_from("zone.tab", false);
	add_name("UTC", 3, false);
}

static struct tz *load_and_keep(const char *name)
{
	struct tz *tz = tz_load(name);

	if (!tz)
		return NULL;
	cache.zones = xgrow(cache.zones, &cache.zones_alloc, cache.nzones + 1,
			    sizeof(*cache.zones));
	cache.zones[cache.nzones++] = tz;
	cache_put(name, tz);
	return tz;
}

const struct tz *tz_get(const char *name, struct itin_err *err)
{
	struct tz *tz = cache_find(name);
	const char *hint;
	size_t i;

	if (tz)
		return tz;
	if (name_is_safe(name)) {
		tz = load_and_keep(name);
		if (tz)
			return tz;
		/* "europe/paris": the database's own spelling, if any. */
		load_names();
		for (i = 0; i < cache.nnames; i++) {
			if (ascii_casecmp(cache.names[i], name) ||
			    !strcmp(cache.names[i], name))
				continue;
			tz = cache_find(cache.names[i]);
			if (!tz)
				tz = load_and_keep(cache.names[i]);
			if (tz) {
				cache_put(name, tz);
				return tz;
			}
		}
	}
	hint = tz_suggest(name);
	if (hint)
		itin_err_set(err, ITIN_EX_DATAERR,
			     "unknown time zone '%.*s' (did you mean '%s'?)",
			     TZ_NAME_MAX, name, hint);
	else
		itin_err_set(err, ITIN_EX_DATAERR, "unknown time zone '%.*s'",
			     TZ_NAME_MAX, name);
	return NULL;
}

/* ---- suggestions ---- */

static int fold(int c)
{
	return c == ' ' ? '_' : ascii_tolower(c);
}

/* The edit distance of a and b when it is at most cap, else cap + 1.
 * Stopping once every entry of a row passes cap keeps a file full of
 * misspelt zones from costing a full table per zone name (the fuzzer
 * found inputs that spent seconds here). */
static size_t levenshtein_capped(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, cur, best,
	       row_min;

	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	row = xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		row_min = row[0];
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			best = prev + (fold(a[i - 1]) != fold(b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			if (best < row_min)
				row_min = best;
			prev = cur;
		}
		if (row_min > cap) {
			free(row);
			return cap + 1;
		}
	}
	cur = row[lb];
	free(row);
	return cur > cap ? cap + 1 : cur;
}

static const char *last_component(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

static bool same_folded(const char *a, const char *b)
{
	while (*a && *b && fold(*a) == fold(*b))
		a++, b++;
	return !*a && !*b;
}

const char *tz_suggest(const char *bad)
{
	size_t len = strlen(bad), i, d, limit, best_d = (size_t)-1;
	const char *leaf = last_component(bad), *best = NULL, *best_leaf = NULL;
	bool best_leaf_link = true, best_link = true;

	if (!len || len > TZ_NAME_MAX)
		return NULL;
	load_names();
	limit = len / 4 > 2 ? len / 4 : 2;
	for (i = 0; i < cache.nnames; i++) {
		const char *n = cache.names[i];

		/* "Seoul" or "Europe/Seoul" -> "Asia/Seoul": a zone whose
		 * city is the one typed, preferring a zone over a link. */
		if (*leaf && same_folded(leaf, last_component(n)) &&
		    (!best_leaf || (best_leaf_link && !cache.is_link[i]))) {
			best_leaf = n;
			best_leaf_link = cache.is_link[i];
		}
		/* Only distances up to limit are ever used, and one above the
		 * best so far can never win. */
		d = levenshtein_capped(bad, n, best_d < limit ? best_d : limit);
		if (d < best_d ||
		    (d == best_d && best_link && !cache.is_link[i])) {
			best_d = d;
			best = n;
			best_link = cache.is_link[i];
		}
	}
	if (best && best_d <= limit)
		return best;
	return best_leaf;
}

void tz_cache_free(void)
{
	size_t i;

	for (i = 0; i < hashmap_count(&aliases); i++)
		free(((struct tz_alias *)hashmap_at(&aliases, i))->key);
	hashmap_release(&aliases);
	for (i = 0; i < cache.nzones; i++) {
		tz_release(cache.zones[i]);
		free(cache.zones[i]);
	}
	free(cache.zones);
	for (i = 0; i < cache.nnames; i++)
		free(cache.names[i]);
	free(cache.names);
	free(cache.is_link);
	memset(&cache, 0, sizeof(cache));
}
