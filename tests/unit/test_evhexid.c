/* test_evhexid.c: derived ids written digit by digit (evcheck.c's hex16)
 * are what "%016llx" wrote, for every digit and for the forms an
 * earlier version stored (event_old_id()); and the merge still finds an
 * event by content after it skips the content hash of an empty table
 * (evmerge.c: an import into an empty store). */
#include <stdint.h>

#include "test.h"

#include "itin/evident.h"
#include "itin/evmerge.h"
#include "itin/hash.h"
#include "itin/itinfmt.h"

static void printf_hex(uint64_t v, char buf[EVENT_HEX_ID_SIZE])
{
	snprintf(buf, EVENT_HEX_ID_SIZE, "%016llx", (unsigned long long)v);
}

/* Values that put every hex digit, 0 to f, at every position, and the
 * edges: a wrong digit table or a digit in the wrong place shows. */
static uint64_t sample(unsigned i)
{
	static const uint64_t edge[] = {0,
					1,
					0xf,
					0x10,
					UINT64_MAX,
					0x8000000000000000ULL,
					0x0123456789abcdefULL,
					0xfedcba9876543210ULL};
	uint64_t x = (uint64_t)i * 0x9e3779b97f4a7c15ULL;

	if (i < sizeof(edge) / sizeof(edge[0]))
		return edge[i];
	return x ^ (x >> 29);
}

TEST(old_id_as_printf)
{
	char id[EVENT_HEX_ID_SIZE], want[EVENT_HEX_ID_SIZE];

	for (unsigned i = 0; i < 2000; i++) {
		char got[EVENT_HEX_ID_SIZE] = "";
		uint64_t v = sample(i);

		printf_hex(v, id);
		printf_hex(fmix64_inverse(v), want);
		CHECK(event_old_id(id, got));
		if (strcmp(got, want)) {
			CHECK_STR(got, want);
			return;
		}
	}
}

/* What is not a derived id has no earlier form. */
TEST(old_id_refused)
{
	char old[EVENT_HEX_ID_SIZE];

	CHECK(!event_old_id("", old));
	CHECK(!event_old_id("0123456789abcde", old));	/* 15 digits */
	CHECK(!event_old_id("0123456789abcdef0", old)); /* 17 */
	CHECK(!event_old_id("0123456789ABCDEF", old));	/* upper case */
	CHECK(!event_old_id("0123456789abcdeg", old));
	CHECK(!event_old_id("s1", old));
}

TEST(hash_id_as_printf)
{
	static const char *const s[] = {"", "a", "u1@example.org", "Ünïcödé",
					"a longer string, with spaces"};
	char want[EVENT_HEX_ID_SIZE];

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		char *got = event_hash_id(s[i]);

		printf_hex(fmix64(fnv1a_str(FNV1A_OFFSET, s[i])), want);
		CHECK_STR(got, want);
		free(got);
	}
}

TEST(random_id_shape)
{
	char *id = event_random_id();

	CHECK_INT(strlen(id), 16);
	CHECK_INT(strspn(id, "0123456789abcdef"), 16);
	free(id);
}

static struct evlist parse(const char *text)
{
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	if (itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err)) {
		printf("#   parse: %s\n", err.msg);
		test_failed_now = 1;
	}
	return l;
}

/* Merge every event of l; the results as letters into out, as
 * test_evmerge's: A added, U updated, K unchanged, S stale, D edited. */
static void add_all(struct evmerge *m, struct evlist *l, char *out)
{
	struct itin_err err;

	for (size_t i = 0; i < l->n; i++) {
		int r = evmerge_add(m, l->v[i], NULL, NULL, NULL, &err);

		l->v[i] = NULL;
		out[i] = r < 0 ? 'E' : "AUKSD"[r];
	}
	out[l->n] = '\0';
}

/*
 * Into an empty store two events of one content are two (the first
 * file's content table is empty: no hash is asked for); the next file's
 * event of that content, under another id, is the first of them.
 */
TEST(content_found_after_empty_table)
{
	static const char ev[] = "2023-03-04 08:00-09:00 meeting Talks @ "
				 "Vilnius, LT\n    id: %s\n";
	char text[256], a[8], b[8];
	struct evlist store = EVLIST_INIT, one, two;
	struct evmerge *m = evmerge_new(&store);
	unsigned carried = EVF_ALL & ~(unsigned)(EVF_SEQ | EVF_ID);

	snprintf(text, sizeof(text), ev, "x1");
	one = parse(text);
	snprintf(text, sizeof(text), ev, "x2");
	two = parse(text);
	evlist_add(&one, two.v[0]); /* one file of two events */
	two.v[0] = NULL;
	evlist_release(&two);
	snprintf(text, sizeof(text), ev, "x3");
	two = parse(text);
	evmerge_source(m, "a", EVF_ALL & ~(unsigned)EVF_SEQ);
	add_all(m, &one, a);
	CHECK_STR(a, "AA");
	/* x3 is not an id the store holds, and the file carries no ids:
	 * the content says which event it is. */
	evmerge_source(m, "b", carried);
	add_all(m, &two, b);
	CHECK_STR(b, "K");
	CHECK_INT(store.n, 2);
	evmerge_free(m);
	evlist_release(&one);
	evlist_release(&two);
	evlist_release(&store);
}

int main(void)
{
	RUN(old_id_as_printf);
	RUN(old_id_refused);
	RUN(hash_id_as_printf);
	RUN(random_id_shape);
	RUN(content_found_after_empty_table);
	return test_done();
}
