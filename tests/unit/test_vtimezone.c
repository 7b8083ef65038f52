/*
 * test_vtimezone.c: every VTIMEZONE description says what tz.c says.
 *
 * For each zone and range, the onsets the description implies
 * (vtimezone_expand) are compared with tz_next_transition() one by one:
 * same instants, same offsets before and after, same daylight flag and
 * name; and the first onset is at or before the start of the range, so
 * no instant of the range is left undefined. A sweep over every zone in
 * the database does the same for a few ranges.
 */
#include <dirent.h>
#include <stdint.h>

#include "itin/datetime.h"
#include "itin/tz.h"
#include "itin/vtimezone.h"
#include "itin/xalloc.h"
#include "test.h"

static int mismatches;

/* Compare vtz with the database; prints the first few differences. */
static bool vtz_matches(const char *zone, int y0, int y1, bool show)
{
	struct itin_err err;
	const struct tz *tz = tz_get(zone, &err);
	struct vtimezone vtz;
	struct vtz_onset *on;
	struct tz_transition tr;
	size_t n, i;
	int64_t a, b, t;
	bool ok = true;

	if (!tz) {
		printf("#   no zone %s\n", zone);
		return false;
	}
	vtimezone_build(tz, y0, y1, &vtz);
	on = vtimezone_expand(&vtz, &n);
	a = tz_local_to_utc(tz, days_from_civil(y0, 1, 1) * ITIN_DAY, NULL);
	b = tz_local_to_utc(tz, days_from_civil(y1 + 1, 1, 1) * ITIN_DAY, NULL);
	if (!n || on[0].at > a) {
		if (show)
			printf("#   %s %d-%d: first onset after the range start\n",
			       zone, y0, y1);
		ok = false;
	}
	/* The first onset: what is in force at a. */
	if (n) {
		struct tz_offset off;

		tz_offset_at(tz, a, &off);
		if (on[0].off_to != off.utc_offset) {
			if (show)
				printf("#   %s: first onset gives %d, tz %d\n",
				       zone, (int)on[0].off_to,
				       (int)off.utc_offset);
			ok = false;
		}
	}
	/* Every later onset is a transition, in order, and nothing else. */
	i = 1;
	t = a - 1;
	while (tz_next_transition(tz, t, b - 1, &tr)) {
		t = tr.at;
		if (n && tr.at == on[0].at && i == 1)
			continue; /* the first onset itself at a */
		if (i >= n || on[i].at != tr.at ||
		    on[i].off_from != tr.before.utc_offset ||
		    on[i].off_to != tr.after.utc_offset ||
		    on[i].dst != tr.after.is_dst ||
		    strcmp(on[i].name, tr.after.abbr)) {
			if (show && mismatches++ < 10)
				printf("#   %s %d-%d: transition at %lld (%d -> "
				       "%d) not matched (onset %zu of %zu at "
				       "%lld)\n",
				       zone, y0, y1, (long long)tr.at,
				       (int)tr.before.utc_offset,
				       (int)tr.after.utc_offset, i, n,
				       i < n ? (long long)on[i].at : 0LL);
			ok = false;
			break;
		}
		i++;
	}
	if (ok && i != n) {
		if (show)
			printf("#   %s %d-%d: %zu onsets, %zu transitions\n",
			       zone, y0, y1, n, i);
		ok = false;
	}
	free(on);
	vtimezone_release(&vtz);
	return ok;
}

TEST(sao_paulo_2014)
{
	struct itin_err err;
	struct vtimezone vtz;
	size_t rd = 0;

	CHECK(vtz_matches("America/Sao_Paulo", 2014, 2014, true));
	CHECK(vtz_matches("America/Sao_Paulo", 2008, 2019, true));
	CHECK(vtz_matches("America/Sao_Paulo", 2012, 2016, true));
	/* 2014: DST ends 16 February, starts again 19 October. */
	vtimezone_build(tz_get("America/Sao_Paulo", &err), 2014, 2014, &vtz);
	CHECK_INT(vtz.nobs, 2);
	CHECK(vtz.obs[0].dst && vtz.obs[0].has_rule);
	CHECK_INT(vtz.obs[0].rule.nth, 3);
	CHECK_INT(vtz.obs[0].start, days_from_civil(2013, 10, 20) * ITIN_DAY);
	CHECK(!vtz.obs[1].dst && !vtz.obs[1].has_rule);
	CHECK_INT(vtz.obs[1].start, days_from_civil(2014, 2, 16) * ITIN_DAY);
	vtimezone_release(&vtz);
	/* Moscow changed its rules twice: onsets outside any rule. */
	vtimezone_build(tz_get("Europe/Moscow", &err), 2010, 2015, &vtz);
	for (size_t i = 0; i < vtz.nobs; i++)
		rd += !vtz.obs[i].has_rule;
	CHECK(rd >= 2);
	vtimezone_release(&vtz);
	CHECK(vtz_matches("Europe/Moscow", 2010, 2015, true));
}

TEST(regular_zones_use_rules)
{
	struct itin_err err;
	struct vtimezone vtz;

	vtimezone_build(tz_get("Europe/Brussels", &err), 2020, 2024, &vtz);
	CHECK_INT(vtz.nobs, 2);
	for (size_t i = 0; i < vtz.nobs; i++) {
		CHECK(vtz.obs[i].has_rule);
		CHECK_INT(vtz.obs[i].nrdates, 0);
		CHECK_INT(vtz.obs[i].rule.nth, -1);
		CHECK_INT(vtz.obs[i].rule.wday, 0);
	}
	/* The first onset is the last one of 2019: October, standard. */
	CHECK(!vtz.obs[0].dst);
	CHECK_INT(vtz.obs[0].off_from, 7200);
	CHECK_INT(vtz.obs[0].off_to, 3600);
	CHECK_STR(vtz.obs[0].name, "CET");
	vtimezone_release(&vtz);
	CHECK(vtz_matches("Europe/Brussels", 2020, 2024, true));
	CHECK(vtz_matches("America/New_York", 2000, 2030, true));
}

TEST(fixed_zones)
{
	struct itin_err err;
	struct vtimezone vtz;

	vtimezone_build(tz_get("Asia/Kathmandu", &err), 2023, 2023, &vtz);
	CHECK_INT(vtz.nobs, 1);
	CHECK_INT(vtz.obs[0].off_to, 5 * 3600 + 45 * 60);
	CHECK(!vtz.obs[0].has_rule);
	CHECK_INT(vtz.obs[0].start, days_from_civil(2023, 1, 1) * ITIN_DAY);
	vtimezone_release(&vtz);
	CHECK(vtz_matches("Asia/Kathmandu", 2023, 2023, true));
	CHECK(vtz_matches("Asia/Kathmandu", 1985, 1987, true));
	CHECK(vtz_matches("UTC", 2023, 2024, true));
	CHECK(vtz_matches("Asia/Seoul", 1987, 1989, true));
}

TEST(odd_zones)
{
	CHECK(vtz_matches("Australia/Lord_Howe", 2020, 2025, true));
	CHECK(vtz_matches("Pacific/Chatham", 2020, 2025, true));
	CHECK(vtz_matches("Pacific/Apia", 2009, 2023, true));
	CHECK(vtz_matches("Africa/Casablanca", 2015, 2030, true));
	CHECK(vtz_matches("Europe/Dublin", 2020, 2023, true));
	CHECK(vtz_matches("Asia/Jerusalem", 2005, 2025, true));
	CHECK(vtz_matches("Asia/Gaza", 2010, 2030, true));
	CHECK(vtz_matches("America/Santiago", 2010, 2025, true));
	CHECK(vtz_matches("Europe/Moscow", 2009, 2016, true));
	CHECK(vtz_matches("Antarctica/Troll", 2020, 2022, true));
	CHECK(vtz_matches("America/Godthab", 2022, 2024, true));
}

/* Tehran's DST followed fixed dates, so weekdays drift: RDATEs. */
TEST(irregular_years_as_rdates)
{
	struct itin_err err;
	struct vtimezone vtz;
	size_t rd = 0;

	vtimezone_build(tz_get("Asia/Tehran", &err), 2015, 2021, &vtz);
	for (size_t i = 0; i < vtz.nobs; i++)
		rd += vtz.obs[i].nrdates;
	CHECK(rd >= 4);
	vtimezone_release(&vtz);
	CHECK(vtz_matches("Asia/Tehran", 2015, 2021, true));
}

/* Every zone of the database, over a few ranges. */
static void each_zone(const char *dir, const char *prefix, int *count,
		      int *bad)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[1024], name[512];

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "posix") ||
		    !strcmp(e->d_name, "right") ||
		    !strcmp(e->d_name, "Factory") ||
		    !strcmp(e->d_name, "localtime") ||
		    !strcmp(e->d_name, "posixrules"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(name, sizeof(name), "%s%s", prefix, e->d_name);
		if (e->d_type == DT_DIR) {
			char sub[520];

			snprintf(sub, sizeof(sub), "%s/", name);
			each_zone(path, sub, count, bad);
			continue;
		}
		if (!(e->d_name[0] >= 'A' && e->d_name[0] <= 'Z'))
			continue;
		{
			struct itin_err err;

			if (!tz_get(name, &err))
				continue;
		}
		(*count)++;
		if (!vtz_matches(name, 1990, 2040, true) ||
		    !vtz_matches(name, 2023, 2023, true) ||
		    !vtz_matches(name, 1970, 1972, true))
			(*bad)++;
	}
	closedir(d);
}

TEST(every_zone)
{
	int count = 0, bad = 0;

	each_zone("/usr/share/zoneinfo", "", &count, &bad);
	printf("#   %d zones checked, %d differ\n", count, bad);
	CHECK(count > 300);
	CHECK_INT(bad, 0);
}

int main(void)
{
	RUN(sao_paulo_2014);
	RUN(regular_zones_use_rules);
	RUN(fixed_zones);
	RUN(odd_zones);
	RUN(irregular_years_as_rdates);
	if (!getenv("LD_PRELOAD") || !strstr(getenv("LD_PRELOAD"), "vgpreload"))
		RUN(every_zone);
	tz_cache_free();
	return test_done();
}
