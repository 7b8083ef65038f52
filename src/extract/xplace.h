/*
 * xplace.h: the places a sentence names, for `itin extract`.
 *
 * Reads the words of one sentence (xtok.h) and finds, through the
 * gazetteer (places.h):
 *   - cities ("Seoul", "Ho Chi Minh City", "the White House" and the
 *     other seats of government: their city), only capitalised words, a
 *     city named like an English word ("Nice", "Male", "Wake") only after
 *     a word of place ("in", "to", "at"...), one named like a person
 *     ("Austin", "Sydney") not beside another name;
 *   - countries and their short forms ("South Korea", "the U.S.", "UK");
 *   - adjectives and demonyms ("Japanese", "South Korean", "Emiratis"):
 *     kind XP_ADJ, a country's context, never where an event happens;
 *   - "the Japanese capital", "the capital" (of the country of the
 *     sentence or of ctx_cc), "the capital of Japan": the capital, as a
 *     city.
 * A country or city that is part of an organisation's name ("Korea
 * Herald", "Bank of Japan") is not a place. The places of a sentence are
 * in struct xplaces (at most XPLACE_MAX), pointers into the static
 * gazetteer, nothing allocated.
 */
#ifndef ITIN_XPLACE_H
#define ITIN_XPLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "itin/places.h"
#include "xtok.h"

#define XPLACE_MAX 48

enum xplace_kind { XP_CITY, XP_COUNTRY, XP_ADJ };

struct xplace {
	size_t off, len; /* the words, in the text */
	enum xplace_kind kind;
	char cc[3];		  /* the country */
	const struct place *city; /* XP_CITY: the gazetteer's place */
	bool capital;		  /* named as "the (X) capital" */
	bool possessive;	  /* "India's": whose, not where */
	bool quoted;		  /* inside quotation marks */
};

struct xplaces {
	struct xplace v[XPLACE_MAX];
	size_t n;
};

/*
 * The places of the sentence cut into t (text is the whole text);
 * ctx_cc is the country the text spoke of last ("" or NULL: none), for
 * "the capital" and to choose between cities of one name.
 */
void xplace_scan(const char *text, const struct xtoks *t, const char *ctx_cc,
		 struct xplaces *out);

/* A country's adjective or demonym, lower case with single spaces
 * ("south korean"): its code, or NULL. xdemonym.c. */
const char *xdemonym_country(const char *key);

struct xdemonym {
	const char *key;
	const char *cc;
};
extern const struct xdemonym xdemonyms[];
extern const size_t xdemonyms_n;

/*
 * Towns the gazetteer does not know, learned from the words the text
 * puts around them (xnewcity.c): "the port city of Lobito", "in Fasano,
 * a town on Italy's southern coast", "in Cadiz, where", "in Fasano,
 * Italy", "Kinshasa and Goma". Each takes the country the words name,
 * else the one the text spoke of last; it has no zone of its own (as
 * `itin add` gives an unknown city its country's, place_zone). Once
 * learned, the name is a city of that country wherever the text repeats
 * it ("Friday 10 November (Goma)"). Owned by the caller, one a report:
 * the places point into it.
 */
#define XNEWCITY_MAX  8
#define XNEWCITY_NAME 48
struct xnewcities {
	struct place v[XNEWCITY_MAX];
	char name[XNEWCITY_MAX][XNEWCITY_NAME];
	char cc[XNEWCITY_MAX][3];
	size_t n;
};
/* Add to out (kept in the order of the text) the unknown towns of the
 * sentence cut into t, learning new ones into known. */
void xnewcity_scan(const char *text, const struct xtoks *t, const char *ctx_cc,
		   struct xnewcities *known, struct xplaces *out);

#endif
