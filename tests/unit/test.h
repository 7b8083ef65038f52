/*
 * test.h: the unit-test harness, small on purpose (after redis's testhelp.h).
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(got, "want"); }
 *   int main(void) { RUN(name); return test_done(); }
 *
 * Each TEST is one "ok"/"not ok" line (TAP style) that tests/run.sh counts;
 * a failed CHECK prints where and why and marks the test failed.
 */
#ifndef ITIN_TEST_H
#define ITIN_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failed_now, test_pass_count, test_fail_count;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("#   %s:%d: CHECK(%s) failed\n", __FILE__,      \
			       __LINE__, #cond);                               \
			test_failed_now = 1;                                   \
		}                                                              \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		if (g_ != w_) {                                                \
			printf("#   %s:%d: %s == %lld, want %lld\n", __FILE__, \
			       __LINE__, #got, g_, w_);                        \
			test_failed_now = 1;                                   \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		if (!g_ || !w_ ? g_ != w_ : strcmp(g_, w_) != 0) {             \
			printf("#   %s:%d: %s == \"%s\", want \"%s\"\n",       \
			       __FILE__, __LINE__, #got, g_ ? g_ : "(null)",   \
			       w_ ? w_ : "(null)");                            \
			test_failed_now = 1;                                   \
		}                                                              \
	} while (0)

#define RUN(name)                                                              \
	do {                                                                   \
		test_failed_now = 0;                                           \
		name();                                                        \
		if (test_failed_now)                                           \
			test_fail_count++;                                     \
		else                                                           \
			test_pass_count++;                                     \
		printf("%s %d - %s\n", test_failed_now ? "not ok" : "ok",      \
		       test_pass_count + test_fail_count, #name);              \
		fflush(stdout);                                                \
	} while (0)

static inline int test_done(void)
{
	printf("# %d tests: %d ok, %d failing\n",
	       test_pass_count + test_fail_count, test_pass_count,
	       test_fail_count);
	return test_fail_count ? 1 : 0;
}

#endif
