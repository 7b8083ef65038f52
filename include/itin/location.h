/*
 * location.h: one parser for the place strings of other programs (the
 * LOCATION of an iCalendar event, the Location column of a CSV export):
 * "Yongsan Presidential Office, Seoul", "405 E 42nd St, New York, NY
 * 10017, USA", "Rue de la Loi 200, 1049 Brussels, Belgium", "LITEXPO,
 * Vilnius, Lithuania", "Ottawa, ON K1A 0A9, Canada".
 *
 * The string is split at commas (and line breaks). The country is a part
 * that names one (a code, a name, "USA", "UK"), the last such part, in any
 * position; the city is the part, nearest the end, that the gazetteer
 * knows once postcodes ("1049", "NY 10017", "D-10117", "SW1A 2AA", "2513
 * AA", "6000") and state, province or territory codes and names of the
 * United States, Canada and Australia are set aside (a code of several
 * countries, NT or WA, is the one whose country holds the city; a division
 * name that is a city's too, New York or Washington, at the end is the city
 * when no known city comes before it); the country comes from the city
 * when none is written (and from a state: "Austin, TX"); a city unknown to
 * the gazetteer keeps its state ("Sacramento, CA") so place_zone() gives
 * the state's zone. What is left, in
 * order, is the venue. When the gazetteer knows no part, the last part
 * left that is not a street address is taken as the city, as written, if
 * a venue comes before it or a state after it; a single part that names
 * nothing ("Conference Room B") is a venue, and so is one lone unknown
 * name before a country ("Burgerweeshuis, Netherlands").
 *
 * The result owns its strings (location_release frees them); place
 * points into the static gazetteer.
 */
#ifndef ITIN_LOCATION_H
#define ITIN_LOCATION_H

struct place;

struct location {
	char *venue; /* the rest, in order, or NULL */
	/* As written (without postcode), or NULL; with its division when
	 * that tells it from another of the name in the country ("Portland,
	 * ME"), as places.h reads it. */
	char *city;
	char *region;	 /* state or province as written, or NULL */
	char country[3]; /* ISO 3166 alpha-2, or "" */
	/* The gazetteer's entry for city (in country, in region when one
	 * was written: "Portland, ME" is Portland, Maine), or NULL. */
	const struct place *place;
};

/* Parse s into loc (which need not be initialised). Never fails. */
void location_parse(const char *s, struct location *loc);
void location_release(struct location *loc);

/*
 * The name of a first-level division of cc (US, CA, AU) given by its code
 * in any case ("me" -> "Maine", "on" -> "Ontario", "nsw" -> "New South
 * Wales"), or NULL. The result is static.
 */
const char *region_name(const char *cc, const char *code);

/*
 * The country of a division given by code or name ("TX", "Texas",
 * "Ontario", "NSW"), looking in US, CA and AU in that order (the first of a
 * code of several: "WA" is US); NULL if none.
 * *name (if not NULL) gets the division's full name.
 */
const char *region_country(const char *s, const char **name);

#endif
