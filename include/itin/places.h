/*
 * places.h: the gazetteer: city and country names to ISO codes, zones and
 * coordinates. Built-in data, no network, no allocation on lookup.
 *
 * PLACEHOLDER until issue 3: a small table of the cities itin's samples and
 * tests use. Issue 3 replaces the data and the lookup, keeping this API.
 */
#ifndef ITIN_PLACES_H
#define ITIN_PLACES_H

#include <stdbool.h>

struct place {
	const char *city;	/* canonical name, UTF-8 */
	const char *country;	/* ISO 3166 alpha-2 */
	const char *tz;		/* IANA zone */
	double lat, lon;
};

/*
 * The place called city (case- and accent-insensitive, alternate spellings),
 * in country cc when cc is not NULL or "". NULL if unknown. When the name is
 * ambiguous and cc is not given, the most prominent place is returned and
 * *ambiguous (if not NULL) is set.
 */
const struct place *place_find(const char *city, const char *cc, bool *ambiguous);

/* The zone of a country that has exactly one, else NULL. */
const char *country_single_zone(const char *cc);

/* True if cc is an assigned ISO 3166 alpha-2 code (upper case). */
bool country_code_is_valid(const char *cc);

#endif
