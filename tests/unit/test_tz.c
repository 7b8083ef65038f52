/*
 * test_tz.c: tz.c against glibc's own reading of the same tz database.
 *
 * glibc's localtime_r (with TZ switched per zone: allowed here, in a test,
 * and nowhere in itin) is the reference. Each zone is sampled every six
 * hours from 1970 through 2037, and every transition glibc shows is found
 * to the second and checked one second either side, together with the
 * gap or repeated hour it makes on the wall clock. Synthetic TZif files
 * then exercise the POSIX TZ footer alone, which slim files rely on for
 * every future year.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "itin/datetime.h"
#include "itin/tz.h"
#include "test.h"

struct ref {
	long off;
	int isdst;
	char abbr[16];
};

static void glibc_zone(const char *tzenv)
{
	setenv("TZ", tzenv, 1);
	tzset();
}

static void glibc_at(int64_t t, struct ref *r)
{
	time_t tt = (time_t)t;
	struct tm tm;

	memset(r, 0, sizeof(*r));
	if (!localtime_r(&tt, &tm)) {
		r->off = -999999;
		return;
	}
	r->off = tm.tm_gmtoff;
	r->isdst = tm.tm_isdst > 0;
	if (tm.tm_zone)
		strncpy(r->abbr, tm.tm_zone, sizeof(r->abbr) - 1);
}

/* Under valgrind everything is some fifty times slower: sample far less
 * often there (transitions are still all found by bisection and checked
 * to the second). */
static int64_t sample_step(int64_t step)
{
	const char *pre = getenv("LD_PRELOAD");

	return pre && strstr(pre, "vgpreload") ? 24 * step : step;
}

static bool same_ref(const struct ref *a, const struct ref *b)
{
	return a->off == b->off && a->isdst == b->isdst &&
	       !strcmp(a->abbr, b->abbr);
}

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
	return days_from_civil(y, mo, d) * ITIN_DAY + h * 3600 + mi * 60 + s;
}

struct cmp_stats {
	int mismatches;
	int transitions;
	int gaps, overlaps;
};

/* One instant: offset, DST flag, abbreviation, local time, and the way
 * back from that local time. */
static void check_instant(const struct tz *tz, const char *name, int64_t t,
			  struct cmp_stats *st)
{
	struct ref r;
	struct tz_offset o;
	struct tz_local_info info;
	int64_t local, back;
	bool ok;

	glibc_at(t, &r);
	tz_offset_at(tz, t, &o);
	local = tz_utc_to_local(tz, t);
	back = tz_local_to_utc(tz, local, &info);
	ok = o.utc_offset == r.off && o.is_dst == r.isdst &&
	     !strcmp(o.abbr, r.abbr) && local == t + r.off;
	if (info.kind == TZ_LOCAL_UNIQUE)
		ok = ok && back == t;
	else if (info.kind == TZ_LOCAL_AMBIGUOUS)
		ok = ok && back <= t && tz_utc_to_local(tz, back) == local &&
		     local >= info.gap_from && local < info.gap_to;
	else
		ok = false;	/* a time that happened cannot be in a gap */
	if (!ok && st->mismatches++ < 5)
		printf("#   %s at %lld: got %d %d %s (kind %d, back %lld), "
		       "glibc %ld %d %s\n",
		       name, (long long)t, (int)o.utc_offset, (int)o.is_dst,
		       o.abbr, (int)info.kind, (long long)back, r.off, r.isdst,
		       r.abbr);
}

/*
 * A transition at T from offset ob to oa. Forward (oa > ob): the wall
 * clock skips [T+ob, T+oa). Back: it repeats [T+oa, T+ob).
 */
static void check_wall_clock(const struct tz *tz, const char *name, int64_t T,
			     long ob, long oa, struct cmp_stats *st)
{
	struct tz_local_info info;
	int64_t u, probes[3], L;
	int i, bad = 0;

	if (ob == oa)
		return;
	if (oa > ob) {
		st->gaps++;
		probes[0] = T + ob;
		probes[1] = T + (ob + oa) / 2;
		probes[2] = T + oa - 1;
		for (i = 0; i < 3; i++) {
			u = tz_local_to_utc(tz, probes[i], &info);
			if (info.kind != TZ_LOCAL_GAP || info.gap_from != T + ob ||
			    info.gap_to != T + oa || info.offset_before != ob ||
			    info.offset_after != oa || u != probes[i] - ob)
				bad++;
		}
		u = tz_local_to_utc(tz, T + oa, &info);
		if (info.kind != TZ_LOCAL_UNIQUE || u != T)
			bad++;
		u = tz_local_to_utc(tz, T + ob - 1, &info);
		if (info.kind != TZ_LOCAL_UNIQUE || u != T - 1)
			bad++;
	} else {
		st->overlaps++;
		probes[0] = T + oa;
		probes[1] = T + (ob + oa) / 2;
		probes[2] = T + ob - 1;
		for (i = 0; i < 3; i++) {
			L = probes[i];
			u = tz_local_to_utc(tz, L, &info);
			if (info.kind != TZ_LOCAL_AMBIGUOUS ||
			    info.gap_from != T + oa || info.gap_to != T + ob ||
			    info.offset_before != ob || info.offset_after != oa ||
			    u != L - ob)
				bad++;
		}
		u = tz_local_to_utc(tz, T + ob, &info);
		if (info.kind != TZ_LOCAL_UNIQUE || u != T + ob - oa)
			bad++;
		u = tz_local_to_utc(tz, T + oa - 1, &info);
		if (info.kind != TZ_LOCAL_UNIQUE || u != T + oa - 1 - ob)
			bad++;
	}
	if (bad && st->mismatches++ < 5)
		printf("#   %s: wall clock wrong around transition %lld "
		       "(%ld -> %ld)\n", name, (long long)T, ob, oa);
}

/*
 * Compare zone name (already selected in glibc) from t0 to t1 every step
 * seconds; where glibc's answer changes between samples, bisect to the
 * second it changes and check that second and its neighbours.
 */
static void compare_range(const struct tz *tz, const char *name, int64_t t0,
			  int64_t t1, int64_t step, struct cmp_stats *st)
{
	struct ref prev, cur, mid;
	int64_t t, lo, hi, m;

	glibc_at(t0, &prev);
	check_instant(tz, name, t0, st);
	for (t = t0 + step; t <= t1; t += step) {
		glibc_at(t, &cur);
		check_instant(tz, name, t, st);
		if (!same_ref(&prev, &cur)) {
			/* glibc(lo) == prev, glibc(hi) != prev */
			lo = t - step;
			hi = t;
			while (hi - lo > 1) {
				m = lo + (hi - lo) / 2;
				glibc_at(m, &mid);
				if (same_ref(&mid, &prev))
					lo = m;
				else
					hi = m;
			}
			glibc_at(hi, &mid);
			check_instant(tz, name, hi - 1, st);
			check_instant(tz, name, hi, st);
			check_instant(tz, name, hi + 1, st);
			check_wall_clock(tz, name, hi, prev.off, mid.off, st);
			st->transitions++;
		}
		prev = cur;
	}
}

static void compare_zone(const char *name, int min_transitions)
{
	struct itin_err err;
	const struct tz *tz;
	struct cmp_stats st = { 0, 0, 0, 0 };
	char env[300];

	itin_err_clear(&err);
	tz = tz_get(name, &err);
	CHECK(tz != NULL);
	if (!tz) {
		printf("#   %s: %s\n", name, err.msg);
		return;
	}
	CHECK_STR(tz_name(tz), name);
	snprintf(env, sizeof(env), ":%s", name);
	glibc_zone(env);
	compare_range(tz, name, utc(1970, 1, 1, 0, 0, 0),
		      utc(2038, 1, 1, 0, 0, 0), sample_step(6 * 3600), &st);
	/* Past the table of a fat file: the footer rule. glibc parses the
	 * rule again on every call there, so sample every third day. */
	compare_range(tz, name, utc(2037, 6, 1, 0, 0, 0),
		      utc(2060, 1, 1, 0, 0, 0), sample_step(3 * ITIN_DAY), &st);
	CHECK_INT(st.mismatches, 0);
	CHECK(st.transitions >= min_transitions);
	printf("#   %s: %d transitions, %d gaps, %d overlaps\n", name,
	       st.transitions, st.gaps, st.overlaps);
}

TEST(agrees_with_glibc_seoul) { compare_zone("Asia/Seoul", 2); }
TEST(agrees_with_glibc_vilnius) { compare_zone("Europe/Vilnius", 100); }
TEST(agrees_with_glibc_brussels) { compare_zone("Europe/Brussels", 150); }
TEST(agrees_with_glibc_sao_paulo) { compare_zone("America/Sao_Paulo", 60); }
TEST(agrees_with_glibc_sydney) { compare_zone("Australia/Sydney", 150); }
TEST(agrees_with_glibc_santiago) { compare_zone("America/Santiago", 150); }
TEST(agrees_with_glibc_kathmandu) { compare_zone("Asia/Kathmandu", 1); }
TEST(agrees_with_glibc_kolkata) { compare_zone("Asia/Kolkata", 0); }
TEST(agrees_with_glibc_new_york) { compare_zone("America/New_York", 150); }
TEST(agrees_with_glibc_chatham) { compare_zone("Pacific/Chatham", 150); }
TEST(agrees_with_glibc_lord_howe) { compare_zone("Australia/Lord_Howe", 150); }
TEST(agrees_with_glibc_casablanca) { compare_zone("Africa/Casablanca", 20); }
TEST(agrees_with_glibc_dublin) { compare_zone("Europe/Dublin", 150); }
TEST(agrees_with_glibc_tokyo) { compare_zone("Asia/Tokyo", 0); }
TEST(agrees_with_glibc_utc) { compare_zone("UTC", 0); }
TEST(agrees_with_glibc_jerusalem) { compare_zone("Asia/Jerusalem", 150); }
TEST(agrees_with_glibc_nuuk) { compare_zone("America/Nuuk", 100); }

static const struct tz *get(const char *name)
{
	struct itin_err err;
	const struct tz *tz;

	itin_err_clear(&err);
	tz = tz_get(name, &err);
	if (!tz)
		printf("#   tz_get(%s): %s\n", name, err.msg);
	return tz;
}

static int32_t off_at(const struct tz *tz, int64_t t)
{
	struct tz_offset o;

	tz_offset_at(tz, t, &o);
	return o.utc_offset;
}

TEST(sao_paulo_2014)
{
	const struct tz *tz = get("America/Sao_Paulo");
	struct tz_offset o;

	CHECK(tz != NULL);
	if (!tz)
		return;
	/* DST ended at midnight local (-02) on 2014-02-16 = 02:00 UTC. */
	CHECK_INT(off_at(tz, utc(2014, 2, 16, 1, 59, 59)), -7200);
	CHECK_INT(off_at(tz, utc(2014, 2, 16, 2, 0, 0)), -10800);
	CHECK_INT(off_at(tz, utc(2014, 6, 1, 12, 0, 0)), -10800);
	/* and began again on 2014-10-19 at 00:00 local (-03). */
	CHECK_INT(off_at(tz, utc(2014, 10, 19, 2, 59, 59)), -10800);
	CHECK_INT(off_at(tz, utc(2014, 10, 19, 3, 0, 0)), -7200);
	/* Brazil has had no DST since 2019. */
	tz_offset_at(tz, utc(2030, 1, 15, 12, 0, 0), &o);
	CHECK_INT(o.utc_offset, -10800);
	CHECK(!o.is_dst);
	CHECK_STR(o.abbr, "-03");
}

static int64_t lsec(int y, int mo, int d, int h, int mi)
{
	return utc(y, mo, d, h, mi, 0);
}

TEST(vilnius_gap_and_overlap)
{
	const struct tz *tz = get("Europe/Vilnius");
	struct tz_local_info info;
	struct tz_offset o;
	int64_t u;

	CHECK(tz != NULL);
	if (!tz)
		return;
	u = tz_local_to_utc(tz, lsec(2023, 3, 26, 3, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_GAP);
	CHECK_INT(info.gap_from, lsec(2023, 3, 26, 3, 0));
	CHECK_INT(info.gap_to, lsec(2023, 3, 26, 4, 0));
	CHECK_INT(info.offset_before, 7200);
	CHECK_INT(info.offset_after, 10800);
	CHECK_INT(u, utc(2023, 3, 26, 1, 30, 0));

	u = tz_local_to_utc(tz, lsec(2023, 10, 29, 3, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(u, utc(2023, 10, 29, 0, 30, 0));	/* the UTC+3 one */
	CHECK_INT(info.offset_before, 10800);
	CHECK_INT(info.offset_after, 7200);
	CHECK_INT(info.gap_from, lsec(2023, 10, 29, 3, 0));
	CHECK_INT(info.gap_to, lsec(2023, 10, 29, 4, 0));
	tz_offset_at(tz, u, &o);
	CHECK_INT(o.utc_offset, 10800);
	CHECK_STR(o.abbr, "EEST");
	CHECK(o.is_dst);

	u = tz_local_to_utc(tz, lsec(2023, 7, 11, 10, 0), &info);
	CHECK_INT(info.kind, TZ_LOCAL_UNIQUE);
	CHECK_INT(u, utc(2023, 7, 11, 7, 0, 0));
	CHECK_INT(info.offset_before, 10800);
	CHECK_INT(info.offset_after, 10800);
	/* info may be NULL */
	CHECK_INT(tz_local_to_utc(tz, lsec(2023, 3, 26, 3, 30), NULL),
		  utc(2023, 3, 26, 1, 30, 0));
}

TEST(southern_hemisphere_gaps)
{
	const struct tz *syd = get("Australia/Sydney");
	const struct tz *scl = get("America/Santiago");
	const struct tz *lhi = get("Australia/Lord_Howe");
	struct tz_local_info info;
	int64_t u;

	CHECK(syd && scl && lhi);
	if (!syd || !scl || !lhi)
		return;
	u = tz_local_to_utc(syd, lsec(2023, 10, 1, 2, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_GAP);
	CHECK_INT(info.gap_from, lsec(2023, 10, 1, 2, 0));
	CHECK_INT(info.gap_to, lsec(2023, 10, 1, 3, 0));
	CHECK_INT(u, lsec(2023, 10, 1, 2, 30) - 36000);
	u = tz_local_to_utc(syd, lsec(2023, 4, 2, 2, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(u, lsec(2023, 4, 2, 2, 30) - 39600);

	u = tz_local_to_utc(scl, lsec(2023, 9, 3, 0, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_GAP);
	CHECK_INT(info.gap_from, lsec(2023, 9, 3, 0, 0));
	CHECK_INT(info.gap_to, lsec(2023, 9, 3, 1, 0));
	CHECK_INT(info.offset_before, -14400);
	CHECK_INT(info.offset_after, -10800);
	CHECK_INT(u, utc(2023, 9, 3, 4, 30, 0));
	/* Santiago falls back at midnight: 23:30 on 2023-04-01 happens twice. */
	u = tz_local_to_utc(scl, lsec(2023, 4, 1, 23, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(u, utc(2023, 4, 2, 2, 30, 0));

	/* Lord Howe moves its clocks by half an hour. */
	u = tz_local_to_utc(lhi, lsec(2023, 10, 1, 2, 15), &info);
	CHECK_INT(info.kind, TZ_LOCAL_GAP);
	CHECK_INT(info.gap_from, lsec(2023, 10, 1, 2, 0));
	CHECK_INT(info.gap_to, lsec(2023, 10, 1, 2, 30));
	u = tz_local_to_utc(lhi, lsec(2023, 10, 1, 2, 30), &info);
	CHECK_INT(info.kind, TZ_LOCAL_UNIQUE);
	CHECK_INT(u, utc(2023, 9, 30, 15, 30, 0));
}

TEST(fixed_and_odd_offsets)
{
	const struct tz *ktm = get("Asia/Kathmandu");
	const struct tz *seoul = get("Asia/Seoul");
	const struct tz *u = get("UTC");
	struct tz_offset o;

	CHECK(ktm && seoul && u);
	if (!ktm || !seoul || !u)
		return;
	tz_offset_at(ktm, utc(2023, 1, 1, 0, 0, 0), &o);
	CHECK_INT(o.utc_offset, 5 * 3600 + 45 * 60);
	CHECK_STR(o.abbr, "+0545");
	tz_offset_at(ktm, utc(1980, 1, 1, 0, 0, 0), &o);
	CHECK_INT(o.utc_offset, 5 * 3600 + 30 * 60);
	tz_offset_at(seoul, utc(2023, 1, 30, 1, 0, 0), &o);
	CHECK_INT(o.utc_offset, 9 * 3600);
	CHECK_STR(o.abbr, "KST");
	CHECK_INT(tz_utc_to_local(seoul, utc(2023, 1, 30, 1, 0, 0)),
		  lsec(2023, 1, 30, 10, 0));
	CHECK_INT(tz_local_to_utc(seoul, lsec(2023, 1, 30, 10, 0), NULL),
		  utc(2023, 1, 30, 1, 0, 0));
	/* Far outside the table, both ways. */
	CHECK_INT(off_at(seoul, utc(9999, 12, 31, 0, 0, 0)), 9 * 3600);
	CHECK_INT(off_at(u, utc(1, 1, 1, 0, 0, 0)), 0);
	CHECK_INT(off_at(u, utc(9999, 1, 1, 0, 0, 0)), 0);
	tz_offset_at(u, 0, &o);
	CHECK_STR(o.abbr, "UTC");
	CHECK_STR(tz_name(u), "UTC");
}

TEST(format_offset)
{
	char buf[8];

	tz_format_offset(9 * 3600, buf);
	CHECK_STR(buf, "+09:00");
	tz_format_offset(-3 * 3600, buf);
	CHECK_STR(buf, "-03:00");
	tz_format_offset(5 * 3600 + 45 * 60, buf);
	CHECK_STR(buf, "+05:45");
	tz_format_offset(0, buf);
	CHECK_STR(buf, "+00:00");
	tz_format_offset(-(9 * 3600 + 30 * 60), buf);
	CHECK_STR(buf, "-09:30");
	tz_format_offset(13 * 3600 + 45 * 60, buf);
	CHECK_STR(buf, "+13:45");
	tz_format_offset(-1521, buf);		/* Dublin LMT -00:25:21 */
	CHECK_STR(buf, "-00:25");
}

static void expect_unknown(const char *name, const char *msg)
{
	struct itin_err err;

	itin_err_clear(&err);
	CHECK(tz_get(name, &err) == NULL);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_STR(err.msg, msg);
}

TEST(unknown_zones_and_suggestions)
{
	expect_unknown("Europe/Pari",
		       "unknown time zone 'Europe/Pari' (did you mean 'Europe/Paris'?)");
	expect_unknown("Asia/Seol",
		       "unknown time zone 'Asia/Seol' (did you mean 'Asia/Seoul'?)");
	expect_unknown("Seoul",
		       "unknown time zone 'Seoul' (did you mean 'Asia/Seoul'?)");
	expect_unknown("new york",
		       "unknown time zone 'new york' (did you mean 'America/New_York'?)");
	expect_unknown("America/Sao_Pualo",
		       "unknown time zone 'America/Sao_Pualo' (did you mean 'America/Sao_Paulo'?)");
	expect_unknown("Xyzzy/Qwertyuiop", "unknown time zone 'Xyzzy/Qwertyuiop'");
	expect_unknown("", "unknown time zone ''");
	CHECK_STR(tz_suggest("Europe/Berln"), "Europe/Berlin");
	CHECK_STR(tz_suggest("Tokyo"), "Asia/Tokyo");
	CHECK(tz_suggest("Completely/Unrelated/Thing") == NULL);
	CHECK(tz_suggest("") == NULL);
}

TEST(case_is_canonicalised)
{
	const struct tz *a = get("europe/paris");
	const struct tz *b = get("Europe/Paris");
	const struct tz *c = get("ASIA/SEOUL");
	const struct tz *d = get("utc");

	CHECK(a != NULL && a == b);
	CHECK(a && !strcmp(tz_name(a), "Europe/Paris"));
	CHECK(c && !strcmp(tz_name(c), "Asia/Seoul"));
	CHECK(d && !strcmp(tz_name(d), "UTC"));
	/* The alias is cached: the same zone again. */
	CHECK(get("europe/paris") == a);
	/* Links keep the name they were asked by. */
	a = get("US/Eastern");
	CHECK(a && !strcmp(tz_name(a), "US/Eastern"));
	CHECK(a && off_at(a, utc(2023, 7, 1, 0, 0, 0)) == -4 * 3600);
}

TEST(unsafe_names_refused)
{
	struct itin_err err;
	static const char *const bad[] = {
		"../../etc/passwd", "/etc/localtime", "/usr/share/zoneinfo/UTC",
		"Europe/../../../etc/passwd", "Europe/../UTC", "./UTC",
		"localtime", "Europe//Paris", "Europe/Paris/", "Europe",
		"zone.tab", "tzdata.zi", "iso3166.tab", "Europe/Paris\n",
		"Europe/Paris ", "right/UTC", "Asia/Seoul\\",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		itin_err_clear(&err);
		if (tz_get(bad[i], &err) != NULL) {
			printf("#   accepted '%s'\n", bad[i]);
			CHECK(0);
		}
		CHECK_INT(err.status, ITIN_EX_DATAERR);
		CHECK(!strncmp(err.msg, "unknown time zone '", 19));
	}
}

/* ---- synthetic TZif files: the footer alone ---- */

static char tmpdir[64];

static void put32(unsigned char **p, uint32_t v)
{
	(*p)[0] = (unsigned char)(v >> 24);
	(*p)[1] = (unsigned char)(v >> 16);
	(*p)[2] = (unsigned char)(v >> 8);
	(*p)[3] = (unsigned char)v;
	*p += 4;
}

static void put64(unsigned char **p, int64_t v)
{
	put32(p, (uint32_t)((uint64_t)v >> 32));
	put32(p, (uint32_t)v);
}

/*
 * A TZif file with one transition at `at` from a local-mean-time type to
 * a standard type (off, abbr), then only the footer. version '1' writes a
 * v1 file with 32-bit times and no footer.
 */
static void write_tzif(const char *name, char version, int64_t at, int32_t off,
		       const char *abbr, const char *footer)
{
	unsigned char buf[1024], *p = buf;
	char path[256], chars[32];
	size_t nchars, i;
	FILE *f;
	int pass;

	nchars = (size_t)snprintf(chars, sizeof(chars), "LMT%c%s", 0, abbr) + 1;
	for (pass = version == '1' ? 1 : 0; pass < 2; pass++) {
		bool wide = version != '1' && pass == 1;
		bool empty = pass == 0;	/* the v1 block of a v2+ file */

		memcpy(p, "TZif", 4);
		p[4] = version == '1' ? 0 : (unsigned char)version;
		memset(p + 5, 0, 15);
		p += 20;
		put32(&p, 0);
		put32(&p, 0);
		put32(&p, 0);
		put32(&p, empty ? 0 : 1);
		put32(&p, empty ? 1 : 2);
		put32(&p, empty ? 4 : (uint32_t)nchars);
		if (empty) {
			put32(&p, 0);
			*p++ = 0;
			*p++ = 0;
			memcpy(p, "UTC", 4);
			p += 4;
			continue;
		}
		if (wide)
			put64(&p, at);
		else
			put32(&p, (uint32_t)(int32_t)at);
		*p++ = 1;
		put32(&p, (uint32_t)(off + 1234));	/* LMT */
		*p++ = 0;
		*p++ = 0;
		put32(&p, (uint32_t)off);
		*p++ = 0;
		*p++ = 4;
		for (i = 0; i < nchars; i++)
			*p++ = (unsigned char)chars[i];
	}
	if (version != '1')
		p += (size_t)snprintf((char *)p, 200, "\n%s\n", footer);
	snprintf(path, sizeof(path), "%s/Test", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/Test/%s", tmpdir, name);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	fwrite(buf, 1, (size_t)(p - buf), f);
	fclose(f);
}

static void compare_synthetic(const char *name, const char *footer,
			      int32_t off, const char *abbr, int min_transitions)
{
	char zone[64], env[300];
	const struct tz *tz;
	struct cmp_stats st = { 0, 0, 0, 0 };

	write_tzif(name, '2', utc(1950, 1, 1, 0, 0, 0), off, abbr, footer);
	snprintf(zone, sizeof(zone), "Test/%s", name);
	tz = get(zone);
	CHECK(tz != NULL);
	if (!tz)
		return;
	snprintf(env, sizeof(env), ":%s/%s", tmpdir, zone);
	glibc_zone(env);
	compare_range(tz, zone, utc(1970, 1, 1, 0, 0, 0),
		      utc(2060, 1, 1, 0, 0, 0), sample_step(3 * ITIN_DAY), &st);
	CHECK_INT(st.mismatches, 0);
	CHECK(st.transitions >= min_transitions);
	if (st.mismatches || st.transitions < min_transitions)
		printf("#   footer '%s': %d transitions\n", footer,
		       st.transitions);
}

TEST(footer_rules_agree_with_glibc)
{
	compare_synthetic("Cet", "CET-1CEST,M3.5.0,M10.5.0/3", 3600, "CET", 150);
	compare_synthetic("Est", "EST5EDT,M3.2.0,M11.1.0", -18000, "EST", 150);
	compare_synthetic("Fixed", "<-03>3", -10800, "-03", 0);
	compare_synthetic("Nuuk", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", -7200,
			  "-02", 150);
	compare_synthetic("Jerusalem", "IST-2IDT,M3.4.4/26,M10.5.0", 7200,
			  "IST", 150);
	compare_synthetic("Santiago", "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
			  -14400, "-04", 150);
	compare_synthetic("Dublin", "IST-1GMT0,M10.5.0,M3.5.0/1", 3600, "IST",
			  150);
	compare_synthetic("Chatham",
			  "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
			  45900, "+1245", 150);
	compare_synthetic("LordHowe", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
			  37800, "+1030", 150);
	compare_synthetic("Julian", "AAA3BBB,J60/2,J300/2", -10800, "AAA", 150);
	compare_synthetic("ZeroBased", "AAA3BBB,59/2,299/2", -10800, "AAA", 150);
	compare_synthetic("Seconds", "<+0130>-1:30:15<+0230>,M4.1.0/1:02:03,M9.2.3/22:30",
			  5415, "+0130", 150);
}

/* Rule times beyond glibc's usual range, checked against dates worked out
 * by hand: RFC 8536 allows -167..167 hours. */
TEST(footer_extreme_rule_times)
{
	const struct tz *tz;
	struct tz_offset o;

	/* DST from J70 minus 100 hours to J280 plus 150 hours. */
	write_tzif("Extreme", '3', utc(1950, 1, 1, 0, 0, 0), 36000, "XXX",
		   "XXX-10YYY,J70/-100,J280/150");
	tz = get("Test/Extreme");
	CHECK(tz != NULL);
	if (!tz)
		return;
	/* J70 is 11 March; 11 March 00:00 - 100 h = 6 March 20:00 local. */
	CHECK_INT(off_at(tz, lsec(2030, 3, 6, 20, 0) - 36000 - 1), 36000);
	CHECK_INT(off_at(tz, lsec(2030, 3, 6, 20, 0) - 36000), 39600);
	/* J280 is 7 October; + 150 h = 13 October 06:00 local DST. */
	CHECK_INT(off_at(tz, lsec(2030, 10, 13, 6, 0) - 39600 - 1), 39600);
	CHECK_INT(off_at(tz, lsec(2030, 10, 13, 6, 0) - 39600), 36000);
	tz_offset_at(tz, utc(2030, 7, 1, 0, 0, 0), &o);
	CHECK_STR(o.abbr, "YYY");
	CHECK(o.is_dst);

	/* DST all year (RFC 8536 3.3.1 example "EST5EDT4,0/0,J365/25"). */
	write_tzif("AllYear", '3', utc(1950, 1, 1, 0, 0, 0), -18000, "EST",
		   "EST5EDT4,0/0,J365/25");
	tz = get("Test/AllYear");
	CHECK(tz != NULL);
	if (!tz)
		return;
	CHECK_INT(off_at(tz, utc(2031, 1, 1, 4, 0, 0)), -14400);
	CHECK_INT(off_at(tz, utc(2031, 1, 1, 5, 0, 0)), -14400);
	CHECK_INT(off_at(tz, utc(2031, 6, 1, 0, 0, 0)), -14400);
	CHECK_INT(off_at(tz, utc(2031, 12, 31, 23, 0, 0)), -14400);
	CHECK_INT(tz_local_to_utc(tz, lsec(2032, 1, 1, 0, 30), NULL),
		  utc(2032, 1, 1, 4, 30, 0));
}

/* A DST name with no rule takes the United States rule. (Not compared
 * with glibc: there it reads "posixrules" and, in glibc 2.36, reads freed
 * memory while doing so.) */
TEST(footer_default_rule)
{
	const struct tz *a, *b;
	int64_t t;
	int bad = 0;

	write_tzif("DefaultRule", '2', utc(1950, 1, 1, 0, 0, 0), -28800, "PST",
		   "PST8PDT");
	write_tzif("Explicit", '2', utc(1950, 1, 1, 0, 0, 0), -28800, "PST",
		   "PST8PDT,M3.2.0/2,M11.1.0/02:00:00");
	a = get("Test/DefaultRule");
	b = get("Test/Explicit");
	CHECK(a && b);
	if (!a || !b)
		return;
	for (t = utc(1970, 1, 1, 0, 0, 0); t < utc(2060, 1, 1, 0, 0, 0);
	     t += 3600 * 7) {
		struct tz_offset oa, ob;

		tz_offset_at(a, t, &oa);
		tz_offset_at(b, t, &ob);
		if (oa.utc_offset != ob.utc_offset || oa.is_dst != ob.is_dst ||
		    strcmp(oa.abbr, ob.abbr))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(off_at(a, utc(2040, 3, 11, 9, 59, 59)), -28800);
	CHECK_INT(off_at(a, utc(2040, 3, 11, 10, 0, 0)), -25200);
	CHECK_INT(off_at(a, utc(2040, 11, 4, 8, 59, 59)), -25200);
	CHECK_INT(off_at(a, utc(2040, 11, 4, 9, 0, 0)), -28800);
}

/* A v1 file (32-bit, no footer) and files that are not TZif at all. */
TEST(v1_and_broken_files)
{
	const struct tz *tz;
	char path[256];
	FILE *f;
	struct itin_err err;

	write_tzif("Version1", '1', utc(1990, 1, 1, 0, 0, 0), 19800, "IST",
		   "");
	tz = get("Test/Version1");
	CHECK(tz != NULL);
	if (tz) {
		CHECK_INT(off_at(tz, utc(1989, 12, 31, 23, 59, 59)), 19800 + 1234);
		CHECK_INT(off_at(tz, utc(1990, 1, 1, 0, 0, 0)), 19800);
		CHECK_INT(off_at(tz, utc(2050, 1, 1, 0, 0, 0)), 19800);
	}
	snprintf(path, sizeof(path), "%s/Test/Text", tmpdir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("TZ=Europe/Paris\n", f);
		fclose(f);
	}
	itin_err_clear(&err);
	CHECK(tz_get("Test/Text", &err) == NULL);
	CHECK(!strncmp(err.msg, "unknown time zone 'Test/Text'", 29));

	/* A TZif file cut short. */
	write_tzif("Short", '2', 0, 0, "UTC", "UTC0");
	snprintf(path, sizeof(path), "%s/Test/Short", tmpdir);
	CHECK_INT(truncate(path, 60), 0);
	itin_err_clear(&err);
	CHECK(tz_get("Test/Short", &err) == NULL);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
}

/* Without tzdata.zi, the zone names come from zone1970.tab and zone.tab. */
TEST(names_from_tab_files)
{
	char path[256];
	FILE *f;

	tz_cache_free();
	snprintf(path, sizeof(path), "%s/zone1970.tab", tmpdir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("# tzdb timezone descriptions\n"
	      "KR\t+3733+12658\tAsia/Seoul\n"
	      "FR,MC\t+4852+00220\tEurope/Paris\tcomment here\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/zone.tab", tmpdir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("LT\t+5441+02519\tEurope/Vilnius\n", f);
	fclose(f);
	CHECK_STR(tz_suggest("Europe/Pari"), "Europe/Paris");
	CHECK_STR(tz_suggest("seoul"), "Asia/Seoul");
	CHECK_STR(tz_suggest("Europe/Vilnus"), "Europe/Vilnius");
	CHECK_STR(tz_suggest("Etc/UTC"), "UTC");
	CHECK(tz_suggest("America/New_York") == NULL);
	tz_cache_free();
}

static void remove_tree(void)
{
	static const char *const names[] = {
		"Cet", "Est", "Fixed", "Nuuk", "Jerusalem", "Santiago",
		"Dublin", "Chatham", "LordHowe", "Julian", "ZeroBased",
		"DefaultRule", "Explicit", "Seconds", "Extreme", "AllYear", "Version1",
		"Text", "Short",
	};
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/Test/%s", tmpdir, names[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/Test", tmpdir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/zone1970.tab", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/zone.tab", tmpdir);
	unlink(path);
	rmdir(tmpdir);
}

/* Lookups are per event: many of them must stay cheap. */
TEST(many_lookups_are_fast)
{
	const struct tz *tz = get("Europe/Brussels");
	clock_t c0 = clock();
	int64_t t, sum = 0;
	int i;

	CHECK(tz != NULL);
	if (!tz)
		return;
	for (i = 0; i < 100000; i++) {
		t = utc(2000, 1, 1, 0, 0, 0) + (int64_t)i * 7919 * 60;
		sum += tz_local_to_utc(get("Europe/Brussels"), t, NULL);
		sum += tz_utc_to_local(tz, t);
	}
	CHECK(sum != 0);
	/* Generous: about 0.05 s unoptimised; valgrind is far slower. */
	CHECK((double)(clock() - c0) / CLOCKS_PER_SEC < 20.0);
}

/*
 * A zone remembers its last stretch: answers asked for in any order, each
 * right after one about a neighbouring stretch, are those a freshly
 * loaded zone gives. Instants from lo, spread over span seconds.
 */
static void check_remembered(const char *zone, int64_t lo, uint64_t span,
			     int n)
{
	uint64_t x = 88172645463325252ULL;
	int k;

	for (k = 0; k < n; k++) {
		struct itin_err err;
		const struct tz *tz = tz_get(zone, &err);
		struct tz_offset a, b;
		struct tz_local_info ia, ib;
		int64_t t, ua, ub, d;

		if (!tz) {
			CHECK(tz != NULL);
			return;
		}
		/* xorshift */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		t = lo + (int64_t)(x % span);
		/* Remembering another stretch first, often the one just
		 * before or after t's. */
		d = (int64_t)(x % 8000000);
		tz_offset_at(tz, k % 2 ? t + d : t - d, &a);
		tz_offset_at(tz, t, &a);
		ua = tz_local_to_utc(tz, t, &ia);
		tz_cache_free();
		tz = tz_get(zone, &err);
		tz_offset_at(tz, t, &b);
		tz_cache_free();
		tz = tz_get(zone, &err);
		ub = tz_local_to_utc(tz, t, &ib);
		CHECK_INT(a.utc_offset, b.utc_offset);
		CHECK_INT(a.is_dst, b.is_dst);
		CHECK_INT(ua, ub);
		CHECK_INT(ia.kind, ib.kind);
		CHECK_INT(ia.gap_from, ib.gap_from);
		CHECK_INT(ia.gap_to, ib.gap_to);
	}
}

TEST(remembered_stretches_agree_with_fresh_answers)
{
	static const char *const zones[] = {
	    "Europe/Brussels", "Australia/Sydney", "America/Santiago",
	    "Africa/Casablanca", "Pacific/Apia",   "America/New_York"};
	size_t z;

	/* 1900 to 2300: the table, and the footer rule past 2037. */
	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++)
		check_remembered(zones[z], -2208988800LL, 12623040000ULL, 300);
}

/* The same for rules alone, one of which moves its dates across the
 * year's end (there a stretch is known only at the instant asked). */
TEST(remembered_stretches_of_rules)
{
	write_tzif("EuRule", '3', utc(1950, 1, 1, 0, 0, 0), 3600, "CET",
		   "CET-1CEST,M3.5.0,M10.5.0/3");
	write_tzif("YearEnd", '3', utc(1950, 1, 1, 0, 0, 0), 10800, "XST",
		   "XST-3XDT,J1/-160,J5/-100");
	write_tzif("South", '3', utc(1950, 1, 1, 0, 0, 0), 36000, "AEST",
		   "AEST-10AEDT,M10.1.0,M4.1.0/3");
	/* 2000 to 2400. */
	check_remembered("Test/EuRule", utc(2000, 1, 1, 0, 0, 0),
			 12623040000ULL, 400);
	check_remembered("Test/YearEnd", utc(2000, 1, 1, 0, 0, 0),
			 12623040000ULL, 400);
	check_remembered("Test/South", utc(2000, 1, 1, 0, 0, 0),
			 12623040000ULL, 400);
	/* YearEnd keeps DST from 25 to 31 December (the dates of the next
	 * year's rule, moved back). Asked about the last hours of a year,
	 * the rule sees no later change among the three years it computes:
	 * that stretch must not be remembered as lasting for ever. */
	{
		/* Hours from 2041-01-01 00:00 UTC, then days from it. */
		static const int64_t pairs[][2] = {
		    {-4, 360}, {-6, 361}, {-4, 700}, {1, 360}, {-6, -5}};
		struct itin_err err;
		size_t i;

		for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			int64_t ny = utc(2041, 1, 1, 0, 0, 0);
			int64_t t1 = ny + pairs[i][0] * 3600;
			int64_t t2 = ny + pairs[i][1] * 86400;
			const struct tz *tz;
			struct tz_offset a, b;

			tz_cache_free();
			tz = tz_get("Test/YearEnd", &err);
			tz_offset_at(tz, t1, &a);
			tz_offset_at(tz, t2, &a);
			tz_cache_free();
			tz = tz_get("Test/YearEnd", &err);
			tz_offset_at(tz, t2, &b);
			CHECK_INT(a.utc_offset, b.utc_offset);
			CHECK_INT(a.is_dst, b.is_dst);
		}
	}
}

int main(void)
{
	RUN(agrees_with_glibc_seoul);
	RUN(agrees_with_glibc_vilnius);
	RUN(agrees_with_glibc_brussels);
	RUN(agrees_with_glibc_sao_paulo);
	RUN(agrees_with_glibc_sydney);
	RUN(agrees_with_glibc_santiago);
	RUN(agrees_with_glibc_kathmandu);
	RUN(agrees_with_glibc_kolkata);
	RUN(agrees_with_glibc_new_york);
	RUN(agrees_with_glibc_chatham);
	RUN(agrees_with_glibc_lord_howe);
	RUN(agrees_with_glibc_casablanca);
	RUN(agrees_with_glibc_dublin);
	RUN(agrees_with_glibc_tokyo);
	RUN(agrees_with_glibc_utc);
	RUN(agrees_with_glibc_jerusalem);
	RUN(agrees_with_glibc_nuuk);
	RUN(sao_paulo_2014);
	RUN(vilnius_gap_and_overlap);
	RUN(southern_hemisphere_gaps);
	RUN(fixed_and_odd_offsets);
	RUN(format_offset);
	RUN(unknown_zones_and_suggestions);
	RUN(case_is_canonicalised);
	RUN(remembered_stretches_agree_with_fresh_answers);
	RUN(unsafe_names_refused);
	RUN(many_lookups_are_fast);

	/* The synthetic zones live in their own TZDIR; the cache is emptied
	 * afterwards because it is keyed by name, not by folder. */
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/itin-tz-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("TZDIR", tmpdir, 1);
	RUN(footer_rules_agree_with_glibc);
	RUN(footer_extreme_rule_times);
	RUN(remembered_stretches_of_rules);
	RUN(footer_default_rule);
	RUN(v1_and_broken_files);
	RUN(names_from_tab_files);
	remove_tree();
	unsetenv("TZDIR");
	tz_cache_free();

	/* The cache works again after being emptied. */
	RUN(case_is_canonicalised);
	RUN(remembered_stretches_agree_with_fresh_answers);
	tz_cache_free();
	return test_done();
}
