/*
 * xnewcity.c: towns the gazetteer does not know (xplace.h). A
 * capitalised name is taken for a town only where the words around it
 * say it is one, never for being unknown alone (an unknown capitalised
 * word is far more often a person, a party or a programme):
 *   - "the (port|border|...) city/town of X", "the Italian town of X";
 *   - "in/to X, a town ...", "to X, the northern city ...", "in X,
 *     where ...", "in X, Italy", "to X, in western Uganda";
 *   - "Kinshasa and X": beside a known city, after a word of place.
 * Its country: the one its words name, else the one the text spoke of
 * last, else the sentence's before it; with none it is no place.
 */
#include <string.h>

#include "xplace.h"

#define NAME_WORDS 3

static const char *const town_nouns[] = {
    "city",	"town",	   "village",	   "port",     "resort",
    "township", "island",  "municipality", "district", "region",
    "hub",	"diocese", "capital",	   NULL};

/* "at X" is a venue more often than a town: "at Harvard, where". */
static const char *const locatives[] = {"in", "to", NULL};

/* Capitalised words that are never a town's name by themselves. */
static const char *const not_names[] = {
    "The",	  "A",	       "An",	     "He",	"She",
    "It",	  "They",      "We",	     "I",	"His",
    "Her",	  "Their",     "Monday",     "Tuesday", "Wednesday",
    "Thursday",	  "Friday",    "Saturday",   "Sunday",	"January",
    "February",	  "March",     "April",	     "May",	"June",
    "July",	  "August",    "September",  "October", "November",
    "December",	  "President", "Minister",   "Prime",	"King",
    "Queen",	  "Secretary", "Mr",	     "Mrs",	"Ms",
    "Dr",	  "Europe",    "Asia",	     "Africa",	"America",
    "Americas",	  "Oceania",   "Antarctica", "Pacific", "Atlantic",
    "Caribbean",  "Arctic",    "Middle",     "Gulf",	"Latin",
    "Central",	  "North",     "South",	     "East",	"West",
    "Parliament", "Congress",  "Senate",     "Council", "Assembly",
    "Government", NULL};

static bool cap_word(const struct xtoks *t, size_t i)
{
	unsigned f = i < t->n ? t->v[i].flags : 0;

	return (f & XT_WORD) && (f & XT_CAP) && !(f & XT_DIGIT);
}

/* Whether a place of out already covers text offset off. */
static bool covered(const struct xplaces *out, size_t off)
{
	for (size_t k = 0; k < out->n; k++)
		if (out->v[k].off <= off && off < out->v[k].off + out->v[k].len)
			return true;
	return false;
}

/* The capitalised words from token i (at most NAME_WORDS, a possessive
 * ends them) into buf; the index after them, or i when they are none. */
static size_t take_name(const char *text, const struct xtoks *t,
			const struct xplaces *out, size_t i, char *buf)
{
	size_t j = i, len = 0;

	buf[0] = '\0';
	while (j < t->n && j - i < NAME_WORDS && cap_word(t, j) &&
	       !covered(out, t->v[j].off)) {
		size_t wl = xtok_stem_len(text, &t->v[j]);

		if (len + wl + 2 > XNEWCITY_NAME)
			break;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, text + t->v[j].off, wl);
		len += wl;
		buf[len] = '\0';
		j++;
		if (wl != t->v[j - 1].len)
			break;
	}
	if (j > i && xtok_in(text, t, i, not_names))
		return i;
	return j;
}

/* The place of out that starts at token i, or NULL. */
static const struct xplace *place_from(const struct xtoks *t,
				       const struct xplaces *out, size_t i)
{
	for (size_t k = 0; i < t->n && k < out->n; k++)
		if (out->v[k].off == t->v[i].off)
			return &out->v[k];
	return NULL;
}

/* The place of out that ends right before token i, or NULL. */
static const struct xplace *place_before(const struct xtoks *t,
					 const struct xplaces *out, size_t i)
{
	for (size_t k = 0; i > 0 && k < out->n; k++)
		if (out->v[k].off + out->v[k].len ==
		    t->v[i - 1].off + t->v[i - 1].len)
			return &out->v[k];
	return NULL;
}

/* A country or its adjective among tokens [a, b) ("the Italian town
 * of", "a town on Italy's coast"). */
static const char *country_in(const struct xtoks *t, const struct xplaces *out,
			      size_t a, size_t b)
{
	for (size_t k = 0; k < out->n; k++) {
		const struct xplace *p = &out->v[k];

		if (p->kind != XP_CITY && a < b && b <= t->n &&
		    p->off >= t->v[a].off && p->off < t->v[b - 1].off + 1)
			return p->cc;
	}
	return NULL;
}

/* The country of the last place of out before offset off. */
static const char *country_before(const struct xplaces *out, size_t off)
{
	const char *cc = NULL;

	for (size_t k = 0; k < out->n; k++)
		if (out->v[k].off < off)
			cc = out->v[k].cc;
	return cc;
}

/* How the words around the name at tokens [i, j) make it a town: its
 * country, or NULL when they do not. */
static const char *town_country(const char *text, const struct xtoks *t,
				const struct xplaces *out, size_t i, size_t j,
				const char *ctx)
{
	const struct xplace *p;
	const char *cc = NULL;
	bool loc = i > 0 && xtok_in(text, t, i - 1, locatives);
	bool comma = j + 1 < t->n && xtok_is(text, t, j, ",");

	/* "the (Angolan) port city of X" */
	if (i >= 3 && xtok_is(text, t, i - 1, "of") &&
	    xtok_in(text, t, i - 2, town_nouns)) {
		size_t a = i - 2;

		while (a > 0 && i - a < 6 && !xtok_is(text, t, a, "the"))
			a--;
		if (!xtok_is(text, t, a, "the"))
			return NULL;
		cc = country_in(t, out, a, i - 1);
	} else if (loc && comma && (p = place_from(t, out, j + 1)) != NULL &&
		   p->kind == XP_COUNTRY) {
		return p->cc; /* "in Fasano, Italy" */
	} else if (loc && comma && xtok_is(text, t, j + 1, "in") &&
		   (((p = place_from(t, out, j + 2)) != NULL &&
		     p->kind == XP_COUNTRY) ||
		    ((p = place_from(t, out, j + 3)) != NULL &&
		     p->kind == XP_COUNTRY && !(t->v[j + 2].flags & XT_CAP)))) {
		return p->cc; /* "to Hoima, in western Uganda" */
	} else if (loc && comma &&
		   (xtok_is(text, t, j + 1, "a") ||
		    xtok_is(text, t, j + 1, "an") ||
		    xtok_is(text, t, j + 1, "the"))) {
		/* "in Fasano, a town ...", "to Chiclayo, the northern
		 * diocese he led" */
		size_t e = j + 2;

		while (e < t->n && e < j + 6 &&
		       !xtok_in(text, t, e, town_nouns))
			e++;
		if (e >= t->n || !xtok_in(text, t, e, town_nouns))
			return NULL;
		cc = country_in(t, out, j + 1, e + 5 < t->n ? e + 5 : t->n);
	} else if (loc && comma && xtok_is(text, t, j + 1, "where")) {
		cc = NULL; /* "in Cadiz, where he will ..." */
	} else if (i >= 2 && xtok_is(text, t, i - 1, "and") &&
		   (p = place_before(t, out, i - 1)) != NULL &&
		   p->kind == XP_CITY) {
		return p->cc; /* "Kinshasa and Goma" */
	} else {
		return NULL;
	}
	if (!cc && ctx && ctx[0])
		cc = ctx;
	if (!cc)
		cc = country_before(out, t->v[i].off);
	return cc;
}

/* The learned town called name, or NULL. */
static const struct place *known_town(const struct xnewcities *known,
				      const char *name)
{
	for (size_t k = 0; k < known->n; k++)
		if (!strcmp(known->name[k], name))
			return &known->v[k];
	return NULL;
}

static const struct place *learn(struct xnewcities *known, const char *name,
				 const char *cc)
{
	size_t k = known->n;

	if (k >= XNEWCITY_MAX)
		return NULL;
	memcpy(known->name[k], name, strlen(name) + 1);
	memcpy(known->cc[k], cc, 2);
	known->cc[k][2] = '\0';
	known->v[k] = (struct place){
	    .city = known->name[k], .country = known->cc[k], .rank = 99};
	known->n++;
	return &known->v[k];
}

/* Place the town at tokens [i, j) into out, in the order of the text. */
static void insert(const char *text, const struct xtoks *t, size_t i, size_t j,
		   const struct place *town, struct xplaces *out)
{
	size_t at = out->n;
	const struct xtok *a = &t->v[i], *b = &t->v[j - 1];

	if (out->n >= XPLACE_MAX)
		return;
	while (at > 0 && out->v[at - 1].off > a->off)
		at--;
	memmove(&out->v[at + 1], &out->v[at],
		(out->n - at) * sizeof(out->v[0]));
	out->v[at] =
	    (struct xplace){.off = a->off,
			    .len = b->off + xtok_stem_len(text, b) - a->off,
			    .kind = XP_CITY,
			    .cc = {town->country[0], town->country[1], '\0'},
			    .city = town,
			    .possessive = xtok_stem_len(text, b) != b->len,
			    .quoted = (a->flags & XT_INQUOTE) != 0};
	out->n++;
}

void xnewcity_scan(const char *text, const struct xtoks *t, const char *ctx_cc,
		   struct xnewcities *known, struct xplaces *out)
{
	char name[XNEWCITY_NAME];

	for (size_t i = 0; i < t->n; i++) {
		const struct place *town;
		const char *cc;
		size_t j;

		if (!cap_word(t, i) || (i > 0 && cap_word(t, i - 1)) ||
		    covered(out, t->v[i].off))
			continue;
		j = take_name(text, t, out, i, name);
		if (j == i)
			continue;
		/* A learned name, but not as the start of a longer one
		 * ("the Lobito Corridor"). */
		town = known_town(known, name);
		if (!town && i > 0 &&
		    (cc = town_country(text, t, out, i, j, ctx_cc)) != NULL)
			town = learn(known, name, cc);
		if (town)
			insert(text, t, i, j, town, out);
		i = j - 1;
	}
}
