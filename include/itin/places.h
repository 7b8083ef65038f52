/*
 * places.h: the gazetteer: city and country names to ISO codes, zones and
 * coordinates. Built-in data (src/core/places-data.c, generated from tzdata,
 * iso-codes and GeoNames by data/gazetteer/gen-places.py), no network.
 *
 * Names are compared folded (utf8_fold with UTF8_FOLD_ALNUM: case, Latin
 * accents, spaces and punctuation ignored), so "sao paulo", "São Paulo" and
 * "Sao-Paulo" are one name. Lookups binary-search sorted tables and never
 * allocate; every pointer returned points into the static tables.
 */
#ifndef ITIN_PLACES_H
#define ITIN_PLACES_H

#include <stdbool.h>
#include <stddef.h>

struct place {
	const char *city;	/* canonical name, UTF-8 */
	const char *country;	/* ISO 3166 alpha-2 (or XK) */
	const char *tz;		/* IANA zone */
	double lat, lon;	/* degrees, north and east positive */
	int rank;		/* prominence, lower first: 1x capitals,
				   2x big cities, 3x others (see the data's
				   README) */
	const char *region;	/* first-level division ("Oregon",
				   "Bavaria"), or NULL when not known */
};

/*
 * The place called city (its name or an alternate spelling), in country cc
 * (a code, any case) when cc is not NULL or "". NULL if unknown. When
 * several places have the name, the most prominent is returned and
 * *ambiguous (if not NULL) is set.
 */
const struct place *place_find(const char *city, const char *cc, bool *ambiguous);

/*
 * Every place called city (in cc if given), most prominent first: up to max
 * of them in out; returns how many there are in all.
 */
size_t place_find_all(const char *city, const char *cc,
		      const struct place **out, size_t max);

/*
 * Up to max places whose name or alternate spelling is close to an unknown
 * name (edit distance on folded names; the closest, then the most
 * prominent first), for "did you mean" messages. Returns how many were
 * written to out.
 */
size_t place_suggest(const char *name, const struct place **out, size_t max);

/* Every place, for tests and tools: index 0 .. place_count() - 1. */
size_t place_count(void);
const struct place *place_at(size_t i);

/* The zone of a country that has exactly one in tzdata's zone.tab, else
 * NULL (cc in any case). */
const char *country_single_zone(const char *cc);

/* The zones zone.tab lists for a country (n gets the count), or NULL. */
const char *const *country_zones(const char *cc, size_t *n);

/*
 * The zone of a country where most of its people live: its only zone, or
 * for a country of several the one whose cities hold the most people
 * (GeoNames populations, summed by the generator: Germany Europe/Berlin,
 * the United States America/New_York). NULL for an unknown country or one
 * with no zone.
 */
const char *country_main_zone(const char *cc);

/*
 * The zone where most people of a first-level division live: region is
 * its name or code ("California", "CA", "Western Australia", "WA"), in
 * country cc (any case). NULL for a division not known, or one whose
 * people are split between zones with none holding three quarters of
 * them (Kentucky, Tennessee: the generator's report lists them), or of a
 * country of one zone (country_single_zone says it).
 */
const char *region_main_zone(const char *cc, const char *region);

/* True if cc is an assigned ISO 3166 alpha-2 code (upper case), or XK. */
bool country_code_is_valid(const char *cc);

/*
 * The code of a country given by code ("kr") or by name or short form
 * ("South Korea", "Republic of Korea", "Korea, Republic of", "Türkiye",
 * "Turkey", "UK"); NULL if unknown. The result is a static upper-case code.
 */
const char *country_lookup(const char *name);

/*
 * Countries one of whose names holds the word or words of name ("Korea":
 * KR and KP; "Congo": CG and CD), for "did you mean" messages: up to max
 * codes in out, by their names for people; returns how many were written.
 * Names of fewer than 4 letters match nothing.
 */
size_t country_search(const char *name, const char **out, size_t max);

/*
 * The capital of country cc (any case): its most prominent place of rank
 * tier 1 (capitals and seats of government, see struct place), for "the
 * capital" in running text. NULL for an unknown code or a country with no
 * such place.
 */
const struct place *place_capital(const char *cc);

/* The name of a country for people ("South Korea"), or NULL. */
const char *country_name(const char *cc);

/*
 * Where an event happens decides its zone (INTERFACE.md, "Times and
 * places"): the city in the gazetteer (within the country when one is
 * given), else the zone of the country when it has only one, else, for a
 * city written with its division ("Menlo Park, CA", "Olympia, Washington")
 * the division's main zone (region_main_zone; the division tells the
 * country when none is given), else the country's main zone
 * (country_main_zone) when it has several, else none (floating).
 */
enum place_zone_how {
	PLACE_ZONE_NONE,	/* no city and no country: nothing to say */
	PLACE_ZONE_CITY,	/* the city's zone */
	PLACE_ZONE_COUNTRY,	/* the city is unknown; the country's zone */
	PLACE_ZONE_UNKNOWN,	/* floating: warn "no time zone known" */
	PLACE_ZONE_MAIN,	/* the city is unknown; the main zone of a
				   country of several: say so */
	PLACE_ZONE_REGION,	/* the city is unknown; the main zone of the
				   division written after it */
};
struct place_zone {
	enum place_zone_how how;
	const char *tz;			/* NULL unless CITY, COUNTRY or MAIN */
	const struct place *place;	/* the city found, for CITY */
	bool ambiguous;			/* CITY: other places share the name */
	char cc[3];			/* the country found: the place's, the
					   one given, or the division's; or "" */
};
void place_zone(const char *city, const char *cc, struct place_zone *out);

#endif
