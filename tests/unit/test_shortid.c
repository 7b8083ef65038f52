/* test_shortid.c: the shortest unique id prefixes (shortid.h). */
#include "test.h"

#include <stdint.h>
#include <time.h>

#include "itin/shortid.h"

static size_t len_of(const char *const *ids, size_t n, const char *id,
		     size_t min)
{
	struct shortid s;
	size_t r;

	shortid_init(&s, min);
	for (size_t i = 0; i < n; i++)
		shortid_add(&s, ids[i]);
	shortid_finish(&s);
	r = shortid_len(&s, id);
	shortid_release(&s);
	return r;
}

TEST(at_least_four)
{
	const char *ids[] = {"1cc61d33e6b25726", "b22b4131763108ab"};

	CHECK_INT(len_of(ids, 2, ids[0], 4), 4);
	CHECK_INT(len_of(ids, 2, ids[1], 4), 4);
	/* One event alone: still four. */
	CHECK_INT(len_of(ids, 1, ids[0], 4), 4);
}

TEST(longer_where_neighbours_share)
{
	const char *ids[] = {"abcdef01", "abcdee02", "abcd9999", "ffff0000",
			     "abcdef0z"};

	/* abcdef01 and abcdef0z share 7: 8 tells them apart, the whole. */
	CHECK_INT(len_of(ids, 5, "abcdef01", 4), 8);
	CHECK_INT(len_of(ids, 5, "abcdef0z", 4), 8);
	/* abcdee02 shares "abcde" with both abcdef ids. */
	CHECK_INT(len_of(ids, 5, "abcdee02", 4), 6);
	CHECK_INT(len_of(ids, 5, "abcd9999", 4), 5);
	CHECK_INT(len_of(ids, 5, "ffff0000", 4), 4);
}

TEST(prefix_of_another)
{
	/* "abcd" is another event's whole id: the exact id wins in the
	 * commands, so it is shown whole, and the longer needs one more. */
	const char *ids[] = {"abcd", "abcd1234", "ab"};

	CHECK_INT(len_of(ids, 3, "abcd", 4), 4);
	CHECK_INT(len_of(ids, 3, "abcd1234", 4), 5);
	CHECK_INT(len_of(ids, 3, "ab", 4), 2);
}

TEST(duplicates_and_utf8)
{
	const char *ids[] = {"same-id", "same-id", "événement-1",
			     "événement-2"};

	CHECK_INT(len_of(ids, 4, "same-id", 4), 7);
	/* Never half a character: "é" is two bytes. */
	CHECK_INT(len_of(ids, 4, "événement-1", 4), 13);
	CHECK_INT(len_of(ids, 4, "événement-1", 1), 13);
	{
		const char *two[] = {"éa", "éb"};
		/* min 1 would cut inside "é": the whole character. */
		CHECK_INT(len_of(two, 2, "éa", 1), 3);
	}
}

TEST(not_in_the_set)
{
	const char *ids[] = {"abcdef", "abcxyz"};

	CHECK_INT(len_of(ids, 2, "abcdzz", 4), 5);
	CHECK_INT(len_of(NULL, 0, "abcdef", 4), 4);
}

/* The prefix is unique and shortest, checked against every other id, for
 * many random ids that share long prefixes. */
TEST(random_against_brute_force)
{
	enum { N = 3000 };
	static char ids[N][12];
	struct shortid s;
	uint64_t x = 88172645463325252ull;

	shortid_init(&s, 4);
	for (int i = 0; i < N; i++) {
		for (int k = 0; k < 11; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* Four letters: long shared prefixes are common. */
			ids[i][k] = "abcd"[x & 3];
		}
		ids[i][11] = '\0';
		shortid_add(&s, ids[i]);
	}
	shortid_finish(&s);
	for (int i = 0; i < N; i++) {
		size_t len = shortid_len(&s, ids[i]);
		int dup = 0, clash_shorter = 0;

		for (int j = 0; j < N; j++) {
			if (j == i)
				continue;
			if (!strcmp(ids[j], ids[i]))
				dup = 1;
			else if (!strncmp(ids[j], ids[i], len))
				test_failed_now = 1; /* not unique */
			if (len > 4 && !strncmp(ids[j], ids[i], len - 1))
				clash_shorter = 1;
		}
		CHECK(dup || len == 11 || len == 4 || clash_shorter);
	}
	shortid_release(&s);
}

/* A million events: sorting, not comparing pairs. */
TEST(a_million)
{
	struct shortid s;
	uint64_t x = 2463534242ull;
	char id[17];
	clock_t t0 = clock();
	size_t most = 0;

	shortid_init(&s, 4);
	for (int i = 0; i < 1000000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		snprintf(id, sizeof(id), "%016llx", (unsigned long long)x);
		shortid_add(&s, id);
	}
	shortid_finish(&s);
	x = 2463534242ull;
	for (int i = 0; i < 1000000; i++) {
		size_t len;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		snprintf(id, sizeof(id), "%016llx", (unsigned long long)x);
		len = shortid_len(&s, id);
		if (len > most)
			most = len;
	}
	/* 16^5 = 1M: the longest shared prefix among a million is about
	 * twice log16 of it (birthdays): ten or so, far from sixteen. */
	CHECK(most >= 6 && most <= 13);
	/* Pairwise would take hours; sorted, seconds even under load. */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 30.0);
	shortid_release(&s);
}

int main(void)
{
	RUN(at_least_four);
	RUN(longer_where_neighbours_share);
	RUN(prefix_of_another);
	RUN(duplicates_and_utf8);
	RUN(not_in_the_set);
	RUN(random_against_brute_force);
	RUN(a_million);
	return test_done();
}
