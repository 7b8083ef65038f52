/* test_filter.c: FILTERS and the folded text comparisons. */
#include "test.h"

#include "itin/datetime.h"
#include "itin/filter.h"
#include "itin/itinfmt.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

static struct evlist l = EVLIST_INIT;

static void load(void)
{
	static const char text[] =
		"2023-01-29..2023-01-30     visit      Visit to Korea @ Seoul, KR\n"
		"    with: Yoon Suk-yeol (President); Park Jin (Foreign Minister)\n"
		"2023-01-31 22:00..2023-02-01 01:30  travel  Night flight @ Tokyo, JP\n"
		"2023-02-02 10:00-11:00  meeting  Talks @ Ministry, Kyiv, UA\n"
		"    with: Dmytro Kuleba\n"
		"    note: About grain exports\n"
		"2023-02-03 10:00  press  Press point @ Palácio do Planalto, Brasília, BR\n"
		"    with: Gitanas Nausėda (President)\n";
	struct itin_err err;

	if (itinfmt_parse(text, strlen(text), "f", &l, NULL, &err))
		printf("# parse failed: %s\n", err.msg);
}

/* Titles of the matching events, joined with '|'. */
static const char *matches(const struct filter *f)
{
	static char buf[256];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < l.n; i++) {
		if (!filter_match(f, l.v[i]))
			continue;
		if (buf[0])
			strcat(buf, "|");
		strcat(buf, l.v[i]->title);
	}
	return buf;
}

TEST(empty)
{
	struct filter f = FILTER_INIT;

	CHECK(filter_is_empty(&f));
	CHECK_STR(matches(&f), "Visit to Korea|Night flight|Talks|Press point");
	f.type_mask = 1u << EV_PRESS;
	CHECK(!filter_is_empty(&f));
}

TEST(days)
{
	struct filter f = FILTER_INIT;

	f.has_from = f.has_to = true;
	f.from_day = f.to_day = days_from_civil(2023, 1, 30);
	CHECK_STR(matches(&f), "Visit to Korea");
	f.from_day = f.to_day = days_from_civil(2023, 2, 1);
	CHECK_STR(matches(&f), "Night flight");	/* its second day */
	f.has_to = false;
	CHECK_STR(matches(&f), "Night flight|Talks|Press point");
	f.has_from = false;
	f.has_to = true;
	f.to_day = days_from_civil(2023, 1, 29);
	CHECK_STR(matches(&f), "Visit to Korea");
}

TEST(type_country_city)
{
	struct filter f = FILTER_INIT;

	f.type_mask = (1u << EV_TRAVEL) | (1u << EV_PRESS);
	CHECK_STR(matches(&f), "Night flight|Press point");
	f.type_mask = 0;
	strcpy(f.country, "kr");
	CHECK_STR(matches(&f), "Visit to Korea");
	f.country[0] = '\0';
	f.city = xstrdup("KIEV");
	CHECK_STR(matches(&f), "Talks");
	free(f.city);
	f.city = xstrdup("brasilia");
	CHECK_STR(matches(&f), "Press point");
	filter_release(&f);
	f.city = xstrdup("Atlantis");
	CHECK_STR(matches(&f), "");
	filter_release(&f);
	CHECK(f.city == NULL);
}

TEST(with_and_grep)
{
	struct filter f = FILTER_INIT;

	f.with = xstrdup("park");
	CHECK_STR(matches(&f), "Visit to Korea");
	free(f.with);
	f.with = xstrdup("nauseda");
	CHECK_STR(matches(&f), "Press point");
	free(f.with);
	f.with = NULL;
	f.grep = xstrdup("GRAIN");
	CHECK_STR(matches(&f), "Talks");
	free(f.grep);
	f.grep = xstrdup("palacio");
	CHECK_STR(matches(&f), "Press point");
	filter_release(&f);
}

TEST(folding)
{
	CHECK(text_contains_folded("Gitanas Nausėda", "NAUSEDA"));
	CHECK(text_contains_folded("Recep Tayyip Erdoğan", "erdogan"));
	CHECK(text_contains_folded("abc", ""));
	CHECK(!text_contains_folded("abc", "abd"));
	CHECK(!text_contains_folded(NULL, "x"));
	CHECK(text_equal_folded("São Paulo", "sao paulo"));
	CHECK(text_equal_folded("Sharm el-Sheikh", "sharm el sheikh"));
	CHECK(!text_equal_folded("Paris", "Parisx"));
	CHECK(!text_equal_folded(NULL, "x"));
}

int main(void)
{
	load();
	RUN(empty);
	RUN(days);
	RUN(type_country_city);
	RUN(with_and_grep);
	RUN(folding);
	evlist_release(&l);
	tz_cache_free();
	return test_done();
}
