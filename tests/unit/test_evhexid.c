/* test_evhexid.c: derived ids written digit by digit (evcheck.c's hex16)
 * are what "%016llx" wrote, for every digit and for the forms an
 * earlier version stored (event_old_id()). */
#include <stdint.h>

#include "test.h"

#include "itin/event.h"
#include "itin/hash.h"

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

int main(void)
{
	RUN(old_id_as_printf);
	RUN(old_id_refused);
	RUN(hash_id_as_printf);
	RUN(random_id_shape);
	return test_done();
}
