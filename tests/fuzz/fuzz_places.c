/*
 * fuzz_places.c: the gazetteer lookups, the location parser and the
 * Windows display names. The input is "CITY\nCC" (a missing line gives no
 * country); every lookup must answer without reading past the strings or
 * returning anything outside the tables.
 */
#include <string.h>

#include "fuzz.h"
#include "itin/location.h"
#include "itin/places.h"
#include "itin/winzones.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *cc;
	const struct place *found[8];
	const struct place *p;
	struct place_zone z;
	const char *code, *const *zones;
	size_t n, nz;
	bool amb = false;

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	cc = strchr(s, '\n');
	if (cc)
		*cc++ = '\0';

	p = place_find(s, cc, &amb);
	if (p)
		FUZZ_ASSERT(p->city && p->tz && strlen(p->country) == 2);
	n = place_find_all(s, cc, found, 8);
	FUZZ_ASSERT((n == 0) == (p == NULL));
	if (n)
		FUZZ_ASSERT(found[0] == p && amb == (n > 1));
	n = place_suggest(s, found, 8);
	FUZZ_ASSERT(n <= 8);
	place_zone(s, cc, &z);
	if (z.how == PLACE_ZONE_CITY || z.how == PLACE_ZONE_COUNTRY)
		FUZZ_ASSERT(z.tz != NULL);
	if (z.how == PLACE_ZONE_MAIN)
		FUZZ_ASSERT(z.tz != NULL && !z.place);
	{
		struct location loc;
		const char *cs[4];

		location_parse(s, &loc);
		FUZZ_ASSERT(!loc.country[0] || country_code_is_valid(loc.country));
		if (loc.place)
			FUZZ_ASSERT(loc.city != NULL && loc.place->tz != NULL);
		location_release(&loc);
		FUZZ_ASSERT(country_search(s, cs, 4) <= 4);
		winzone_from_display(s);
		if (cc)
			winzone_to_iana_in(s, cc);
	}
	code = country_lookup(s);
	if (code) {
		FUZZ_ASSERT(country_code_is_valid(code));
		FUZZ_ASSERT(country_name(code) != NULL);
	}
	country_code_is_valid(s);
	country_name(s);
	country_single_zone(s);
	zones = country_zones(s, &nz);
	if (zones)
		FUZZ_ASSERT(nz > 0);
	free(s);
	return 0;
}
