/*
 * test_places.c: the gazetteer: its generated tables agree with the C
 * folding, lookups by every spelling, ambiguity, countries, the zone rule,
 * suggestions, and the zones' gaps and overlaps in the places diplomats go.
 */
#include <time.h>

#include "test.h"

#include "../../src/core/places-data.h"
#include "itin/datetime.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/utf8.h"

static const char *fold(const char *s)
{
	static char buf[256];

	utf8_fold(s, buf, sizeof(buf), UTF8_FOLD_ALNUM);
	return buf;
}

/*
 * gen-places.py computes the keys with its own copy of utf8_fold; if the C
 * folding changes without regenerating the table, lookups would silently
 * miss. Every key must be the C fold of the name it stands for.
 */
TEST(keys_are_the_c_fold)
{
	size_t bad = 0;

	for (size_t i = 0; i < gz_nnames; i++) {
		if (strcmp(fold(gz_names[i].name), gz_names[i].key)) {
			if (bad++ < 5)
				printf("#   '%s' folds to '%s', table has '%s'\n",
				       gz_names[i].name, fold(gz_names[i].name),
				       gz_names[i].key);
		}
	}
	for (size_t i = 0; i < gz_ncountry_names; i++) {
		if (strcmp(fold(gz_country_names[i].name), gz_country_names[i].key)) {
			if (bad++ < 10)
				printf("#   country '%s' folds to '%s', table has '%s'\n",
				       gz_country_names[i].name,
				       fold(gz_country_names[i].name),
				       gz_country_names[i].key);
		}
	}
	CHECK_INT(bad, 0);
}

/* The binary searches need the order the generator promises. */
TEST(tables_are_sorted)
{
	for (size_t i = 1; i < gz_nnames; i++) {
		int c = strcmp(gz_names[i - 1].key, gz_names[i].key);

		CHECK(c <= 0);
		if (c == 0)
			CHECK(gz_places[gz_names[i - 1].place].rank <=
			      gz_places[gz_names[i].place].rank);
	}
	for (size_t i = 1; i < gz_nplaces; i++) {
		char a[256];

		snprintf(a, sizeof(a), "%s", fold(gz_places[i - 1].city));
		CHECK(strcmp(a, fold(gz_places[i].city)) <= 0);
	}
	for (size_t i = 1; i < gz_ncountries; i++)
		CHECK(strcmp(gz_countries[i - 1].code, gz_countries[i].code) < 0);
	for (size_t i = 1; i < gz_ncountry_names; i++)
		CHECK(strcmp(gz_country_names[i - 1].key, gz_country_names[i].key) < 0);
	CHECK(gz_nplaces >= 600);
	CHECK(place_count() == gz_nplaces);
	CHECK(place_at(gz_nplaces) == NULL);
}

/* Every place is found by its own name in its own country, has a known
 * country and a zone the system database has. */
TEST(every_place_resolves)
{
	struct itin_err err;
	size_t bad = 0;

	for (size_t i = 0; i < place_count(); i++) {
		const struct place *p = place_at(i);
		const struct place *all[8];
		size_t n = place_find_all(p->city, p->country, all, 8), k;

		for (k = 0; k < n && k < 8; k++)
			if (all[k] == p)
				break;
		if (k == n || !country_code_is_valid(p->country) ||
		    !tz_get(p->tz, &err) || p->lat < -90 || p->lat > 90 ||
		    p->lon < -180 || p->lon > 180) {
			if (bad++ < 5)
				printf("#   %s, %s (%s) does not resolve\n", p->city,
				       p->country, p->tz);
		}
	}
	CHECK_INT(bad, 0);
}

static void expect_place(const char *name, const char *cc, const char *city,
			 const char *country, const char *tz, int line)
{
	const struct place *p = place_find(name, cc, NULL);

	if (!p || strcmp(p->city, city) || strcmp(p->country, country) ||
	    strcmp(p->tz, tz)) {
		printf("#   line %d: '%s' (%s) gives %s, %s (%s), want %s, %s (%s)\n",
		       line, name, cc ? cc : "-", p ? p->city : "nothing",
		       p ? p->country : "", p ? p->tz : "", city, country, tz);
		test_failed_now = 1;
	}
}
#define EXPECT_PLACE(name, cc, city, country, tz)                              \
	expect_place(name, cc, city, country, tz, __LINE__)

TEST(spellings)
{
	EXPECT_PLACE("Seoul", NULL, "Seoul", "KR", "Asia/Seoul");
	EXPECT_PLACE("Kyiv", NULL, "Kyiv", "UA", "Europe/Kyiv");
	EXPECT_PLACE("Kiev", NULL, "Kyiv", "UA", "Europe/Kyiv");
	EXPECT_PLACE("KIEV", "ua", "Kyiv", "UA", "Europe/Kyiv");
	EXPECT_PLACE("Brasilia", NULL, "Brasília", "BR", "America/Sao_Paulo");
	EXPECT_PLACE("Brasília", NULL, "Brasília", "BR", "America/Sao_Paulo");
	EXPECT_PLACE("sao paulo", NULL, "São Paulo", "BR", "America/Sao_Paulo");
	EXPECT_PLACE("SAO-PAULO", "BR", "São Paulo", "BR", "America/Sao_Paulo");
	EXPECT_PLACE("Sao_Paulo", NULL, "São Paulo", "BR", "America/Sao_Paulo");
	EXPECT_PLACE("Sharm el-Sheikh", NULL, "Sharm el-Sheikh", "EG", "Africa/Cairo");
	EXPECT_PLACE("sharm el sheikh", NULL, "Sharm el-Sheikh", "EG", "Africa/Cairo");
	EXPECT_PLACE("Sharm El Sheikh", NULL, "Sharm el-Sheikh", "EG", "Africa/Cairo");
	EXPECT_PLACE("New Delhi", NULL, "New Delhi", "IN", "Asia/Kolkata");
	EXPECT_PLACE("Canberra", NULL, "Canberra", "AU", "Australia/Sydney");
	EXPECT_PLACE("Davos", NULL, "Davos", "CH", "Europe/Zurich");
	EXPECT_PLACE("Washington DC", NULL, "Washington, D.C.", "US", "America/New_York");
	EXPECT_PLACE("Washington, D.C.", NULL, "Washington, D.C.", "US", "America/New_York");
	EXPECT_PLACE("Bombay", NULL, "Mumbai", "IN", "Asia/Kolkata");
	EXPECT_PLACE("Calcutta", NULL, "Kolkata", "IN", "Asia/Kolkata");
	EXPECT_PLACE("Kathmandu", NULL, "Kathmandu", "NP", "Asia/Kathmandu");
	EXPECT_PLACE("Katmandu", NULL, "Kathmandu", "NP", "Asia/Kathmandu");
	EXPECT_PLACE("Reykjavik", NULL, "Reykjavík", "IS", "Atlantic/Reykjavik");
	EXPECT_PLACE("Zürich", NULL, "Zurich", "CH", "Europe/Zurich");
	EXPECT_PLACE("Tbilisi", NULL, "Tbilisi", "GE", "Asia/Tbilisi");
	EXPECT_PLACE("Vilnius", "LT", "Vilnius", "LT", "Europe/Vilnius");
	EXPECT_PLACE("Brussels", NULL, "Brussels", "BE", "Europe/Brussels");
	EXPECT_PLACE("Sydney", NULL, "Sydney", "AU", "Australia/Sydney");
	EXPECT_PLACE("Kananaskis", NULL, "Kananaskis", "CA", "America/Edmonton");
	EXPECT_PLACE("  seoul ", NULL, "Seoul", "KR", "Asia/Seoul");
	/* Beyond Latin-1 (utf8proc folding) and historic names. */
	EXPECT_PLACE("Hà Nội", NULL, "Hanoi", "VN", "Asia/Ho_Chi_Minh");
	EXPECT_PLACE("Đà Nẵng", NULL, "Da Nang", "VN", "Asia/Ho_Chi_Minh");
	EXPECT_PLACE("Thành phố Hồ Chí Minh", NULL, "Ho Chi Minh City", "VN",
		     "Asia/Ho_Chi_Minh");
	EXPECT_PLACE("Peking", NULL, "Beijing", "CN", "Asia/Shanghai");
	EXPECT_PLACE("Rangoon", NULL, "Yangon", "MM", "Asia/Yangon");
	EXPECT_PLACE("Saigon", NULL, "Ho Chi Minh City", "VN", "Asia/Ho_Chi_Minh");
	EXPECT_PLACE("Canton", "CN", "Guangzhou", "CN", "Asia/Shanghai");
	EXPECT_PLACE("Madras", NULL, "Chennai", "IN", "Asia/Kolkata");
	/* A country name works as the country too. */
	EXPECT_PLACE("Seoul", "South Korea", "Seoul", "KR", "Asia/Seoul");
	CHECK(place_find("Kyiv", "RU", NULL) == NULL);
	CHECK(place_find("Seoul", "Atlantis", NULL) == NULL);
	CHECK(place_find("Atlantis", NULL, NULL) == NULL);
	CHECK(place_find("", NULL, NULL) == NULL);
	CHECK(place_find("---", NULL, NULL) == NULL);
	CHECK(place_find(NULL, NULL, NULL) == NULL);
	CHECK(place_find("Seoul", "", NULL) == place_find("Seoul", NULL, NULL));
}

TEST(ambiguity)
{
	const struct place *all[8];
	const struct place *p;
	bool amb;

	p = place_find("Santiago", NULL, &amb);
	CHECK(p && !strcmp(p->country, "CL") && !strcmp(p->tz, "America/Santiago"));
	CHECK(amb);
	CHECK(place_find_all("Santiago", NULL, all, 8) >= 2);
	CHECK(all[0] == p);
	p = place_find("Santiago", "ES", &amb);
	CHECK(p && !strcmp(p->city, "Santiago de Compostela") && !amb);
	CHECK_STR(p ? p->tz : NULL, "Europe/Madrid");

	p = place_find("San José", NULL, &amb);
	CHECK(p && !strcmp(p->country, "CR") && amb);
	CHECK_STR(p ? p->tz : NULL, "America/Costa_Rica");
	p = place_find("San Jose", "US", &amb);
	CHECK(p && !strcmp(p->tz, "America/Los_Angeles") && !amb);

	p = place_find("Valencia", NULL, &amb);
	CHECK(p && !strcmp(p->country, "ES") && amb);
	p = place_find("valencia", "ve", &amb);
	CHECK(p && !strcmp(p->tz, "America/Caracas") && !amb);

	p = place_find("Seoul", NULL, &amb);
	CHECK(p && !amb);
	/* Two places of one name in one country: still the best, and said. */
	p = place_find("Portland", "US", &amb);
	CHECK(p && !strcmp(p->tz, "America/Los_Angeles") && amb);
	CHECK_INT(place_find_all("Atlantis", NULL, all, 8), 0);
}

TEST(countries)
{
	CHECK_STR(country_lookup("KR"), "KR");
	CHECK_STR(country_lookup("kr"), "KR");
	CHECK_STR(country_lookup("South Korea"), "KR");
	CHECK_STR(country_lookup("Republic of Korea"), "KR");
	CHECK_STR(country_lookup("Korea, Republic of"), "KR");
	CHECK_STR(country_lookup("korea republic of"), "KR");
	CHECK_STR(country_lookup("North Korea"), "KP");
	CHECK_STR(country_lookup("Türkiye"), "TR");
	CHECK_STR(country_lookup("Turkiye"), "TR");
	CHECK_STR(country_lookup("Turkey"), "TR");
	CHECK_STR(country_lookup("United States"), "US");
	CHECK_STR(country_lookup("USA"), "US");
	CHECK_STR(country_lookup("U.S.A."), "US");
	CHECK_STR(country_lookup("UK"), "GB");
	CHECK_STR(country_lookup("United Kingdom"), "GB");
	CHECK_STR(country_lookup("Côte d'Ivoire"), "CI");
	CHECK_STR(country_lookup("Ivory Coast"), "CI");
	CHECK_STR(country_lookup("Czechia"), "CZ");
	CHECK_STR(country_lookup("Holy See"), "VA");
	CHECK_STR(country_lookup("Kosovo"), "XK");
	CHECK(country_lookup("Atlantis") == NULL);
	CHECK(country_lookup("XX") == NULL);
	CHECK(country_lookup("") == NULL);
	CHECK(country_lookup(NULL) == NULL);

	CHECK_STR(country_name("KR"), "South Korea");
	CHECK_STR(country_name("tr"), "Türkiye");
	CHECK_STR(country_name("CD"), "Democratic Republic of the Congo");
	CHECK_STR(country_name("LT"), "Lithuania");
	CHECK(country_name("XX") == NULL);
	/* Every country has a name that leads back to it. */
	for (size_t i = 0; i < gz_ncountries; i++)
		CHECK_STR(country_lookup(gz_countries[i].name), gz_countries[i].code);

	CHECK_STR(country_single_zone("KR"), "Asia/Seoul");
	CHECK_STR(country_single_zone("lt"), "Europe/Vilnius");
	CHECK_STR(country_single_zone("NO"), "Europe/Oslo");
	CHECK_STR(country_single_zone("XK"), "Europe/Belgrade");
	/* zone.tab lists Europe/Busingen for Germany too. */
	CHECK(country_single_zone("DE") == NULL);
	CHECK(country_single_zone("US") == NULL);
	CHECK(country_single_zone("XX") == NULL);
	CHECK(country_single_zone(NULL) == NULL);
	{
		size_t n;
		const char *const *z = country_zones("DE", &n);

		CHECK_INT(n, 2);
		CHECK(z && !strcmp(z[0], "Europe/Berlin"));
		CHECK(country_zones("US", &n) && n > 20);
		CHECK(country_zones("BV", &n) == NULL && n == 0);
	}

	CHECK(country_code_is_valid("KR"));
	CHECK(country_code_is_valid("ZW"));
	CHECK(country_code_is_valid("AD"));
	CHECK(country_code_is_valid("XK"));
	CHECK(!country_code_is_valid("XX"));
	CHECK(!country_code_is_valid("UK"));
	CHECK(!country_code_is_valid("kr"));
	CHECK(!country_code_is_valid("KOR"));
	CHECK(!country_code_is_valid(""));
	CHECK(!country_code_is_valid(NULL));
}

TEST(zone_rule)
{
	struct place_zone z;

	place_zone("Seoul", NULL, &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "Asia/Seoul") && !z.ambiguous);
	place_zone("Santiago", "", &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "America/Santiago") && z.ambiguous);
	/* An unknown city in a country of one zone takes that zone. */
	place_zone("Andong", "KR", &z);
	CHECK(z.how == PLACE_ZONE_COUNTRY && !strcmp(z.tz, "Asia/Seoul") && !z.place);
	place_zone(NULL, "LT", &z);
	CHECK(z.how == PLACE_ZONE_COUNTRY && !strcmp(z.tz, "Europe/Vilnius"));
	/* Otherwise the time floats. */
	/* Unknown cities of a country of several zones: its main zone. */
	place_zone("Springfield", "US", &z);
	CHECK(z.how == PLACE_ZONE_MAIN && !strcmp(z.tz, "America/New_York"));
	place_zone("Bad Godesberg", "DE", &z);
	CHECK(z.how == PLACE_ZONE_MAIN && !strcmp(z.tz, "Europe/Berlin"));
	place_zone(NULL, "BR", &z);
	CHECK(z.how == PLACE_ZONE_MAIN && !strcmp(z.tz, "America/Sao_Paulo"));
	CHECK_STR(country_main_zone("de"), "Europe/Berlin");
	CHECK_STR(country_main_zone("US"), "America/New_York");
	CHECK_STR(country_main_zone("RU"), "Europe/Moscow");
	CHECK_STR(country_main_zone("AU"), "Australia/Sydney");
	CHECK_STR(country_main_zone("KR"), "Asia/Seoul");
	CHECK(country_main_zone("BV") == NULL);
	/* Elmau (G7 2015, 2022): Europe/Berlin, not the nearest zone's
	 * Europe/Busingen. */
	place_zone("Elmau", NULL, &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "Europe/Berlin"));
	place_zone("Schloss Elmau", "DE", &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "Europe/Berlin"));
	/* A division tells places of one name apart. */
	place_zone("Portland, Maine", NULL, &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "America/New_York") &&
	      !z.ambiguous);
	place_zone("Portland, ME", "US", &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "America/New_York"));
	place_zone("Portland, OR", NULL, &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "America/Los_Angeles"));
	place_zone("Santiago, Spain", NULL, &z);
	CHECK(z.how == PLACE_ZONE_CITY && !strcmp(z.tz, "Europe/Madrid"));
	place_zone("Atlantis", NULL, &z);
	CHECK(z.how == PLACE_ZONE_UNKNOWN && !z.tz);
	/* A city not in the country given: the country decides. */
	place_zone("Kyiv", "RU", &z);
	CHECK(z.how == PLACE_ZONE_MAIN && !strcmp(z.tz, "Europe/Moscow"));
	place_zone(NULL, NULL, &z);
	CHECK(z.how == PLACE_ZONE_NONE && !z.tz);
	place_zone("", "", &z);
	CHECK(z.how == PLACE_ZONE_NONE);
}

TEST(suggestions)
{
	const struct place *s[4];
	size_t n;

	const char *cc[4];

	/* Countries whose names hold the word: "Korea" is one of two. */
	n = country_search("Korea", cc, 4);
	CHECK_INT(n, 2);
	CHECK(n == 2 && !strcmp(cc[0], "KP") && !strcmp(cc[1], "KR"));
	n = country_search("congo", cc, 4);
	CHECK_INT(n, 2);
	CHECK_INT(country_search("Lanka", cc, 4), 1);
	CHECK_INT(country_search("Kor", cc, 4), 0);	/* too short */
	CHECK_INT(country_search("Atlantis", cc, 4), 0);
	n = place_suggest("Brusels", s, 4);
	CHECK(n >= 1 && !strcmp(s[0]->city, "Brussels"));
	n = place_suggest("Vilnus", s, 4);
	CHECK(n >= 1 && !strcmp(s[0]->city, "Vilnius"));
	n = place_suggest("Kyyiv", s, 4);
	CHECK(n >= 1 && !strcmp(s[0]->city, "Kyiv"));
	n = place_suggest("Santaigo", s, 4);
	CHECK(n >= 1 && !strcmp(s[0]->city, "Santiago") && !strcmp(s[0]->country, "CL"));
	/* One suggestion per place, however many of its names are close. */
	for (size_t i = 1; i < n; i++)
		CHECK(s[i] != s[0]);
	CHECK_INT(place_suggest("Xqzzyville", s, 4), 0);
	n = place_suggest("Atlantis", s, 4);
	CHECK(n >= 1 && !strcmp(s[0]->city, "Atlanta"));
	CHECK_INT(place_suggest("", s, 4), 0);
	CHECK_INT(place_suggest("Seoul", s, 0), 0);
	n = place_suggest("Paris", s, 1);
	CHECK(n == 1 && !strcmp(s[0]->city, "Paris"));
}

/* The gazetteer's zones at the moments that trouble calendars. */
static int64_t lsec(int y, int mo, int d, int h, int mi)
{
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static enum tz_local_kind kind_at(const char *city, int y, int mo, int d,
				  int h, int mi, int32_t *offset_after)
{
	struct itin_err err;
	const struct place *p = place_find(city, NULL, NULL);
	const struct tz *tz = p ? tz_get(p->tz, &err) : NULL;
	struct tz_local_info info;
	struct tz_offset off;
	int64_t t;

	if (!tz) {
		printf("#   no zone for %s\n", city);
		return (enum tz_local_kind)-1;
	}
	t = tz_local_to_utc(tz, lsec(y, mo, d, h, mi), &info);
	tz_offset_at(tz, t, &off);
	*offset_after = off.utc_offset;
	return info.kind;
}

TEST(gaps_and_overlaps)
{
	int32_t off;

	/* Vilnius: clocks jump 03:00 -> 04:00 on 26 March 2023. */
	CHECK(kind_at("Vilnius", 2023, 3, 26, 3, 30, &off) == TZ_LOCAL_GAP);
	CHECK(kind_at("Vilnius", 2023, 10, 29, 3, 30, &off) == TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(off, 3 * 3600); /* the first: still summer time */
	CHECK(kind_at("Vilnius", 2023, 7, 11, 10, 0, &off) == TZ_LOCAL_UNIQUE);
	/* New York. */
	CHECK(kind_at("New York", 2023, 3, 12, 2, 30, &off) == TZ_LOCAL_GAP);
	CHECK(kind_at("New York", 2023, 11, 5, 1, 30, &off) == TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(off, -4 * 3600);
	/* Southern hemisphere: Sydney springs forward in October... */
	CHECK(kind_at("Canberra", 2023, 10, 1, 2, 30, &off) == TZ_LOCAL_GAP);
	CHECK(kind_at("Sydney", 2023, 4, 2, 2, 30, &off) == TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(off, 11 * 3600);
	/* ...Santiago at midnight in September, back in April. */
	CHECK(kind_at("Santiago", 2023, 9, 3, 0, 30, &off) == TZ_LOCAL_GAP);
	CHECK(kind_at("Santiago", 2023, 4, 1, 23, 30, &off) == TZ_LOCAL_AMBIGUOUS);
	CHECK_INT(off, -3 * 3600);
	/* Odd offsets. */
	CHECK(kind_at("Kathmandu", 2023, 1, 30, 10, 0, &off) == TZ_LOCAL_UNIQUE);
	CHECK_INT(off, 5 * 3600 + 45 * 60);
	CHECK(kind_at("New Delhi", 2023, 1, 30, 10, 0, &off) == TZ_LOCAL_UNIQUE);
	CHECK_INT(off, 5 * 3600 + 30 * 60);
	/* São Paulo's irregular 2014 (summer time until 16 February). */
	CHECK(kind_at("Brasilia", 2014, 2, 10, 12, 0, &off) == TZ_LOCAL_UNIQUE);
	CHECK_INT(off, -2 * 3600);
	CHECK(kind_at("Brasilia", 2014, 3, 10, 12, 0, &off) == TZ_LOCAL_UNIQUE);
	CHECK_INT(off, -3 * 3600);
}

/* Not a check: how fast a lookup is, for the record. */
TEST(speed)
{
	static const char *const names[] = {
		"Seoul", "sao paulo", "Kiev", "Santiago", "Atlantis",
		"Sharm el-Sheikh", "New Delhi", "Washington, D.C.",
	};
	enum { N = 200000 };
	struct timespec a, b;
	size_t found = 0;
	double ns;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < N; i++)
		found += place_find(names[i % 8], NULL, NULL) != NULL;
	clock_gettime(CLOCK_MONOTONIC, &b);
	ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / N;
	printf("#   place_find: %.0f ns a lookup (%zu places, %zu names)\n", ns,
	       gz_nplaces, gz_nnames);
	CHECK(found == N / 8 * 7);
}

int main(void)
{
	RUN(keys_are_the_c_fold);
	RUN(tables_are_sorted);
	RUN(every_place_resolves);
	RUN(spellings);
	RUN(ambiguity);
	RUN(countries);
	RUN(zone_rule);
	RUN(suggestions);
	RUN(gaps_and_overlaps);
	RUN(speed);
	tz_cache_free();
	return test_done();
}
