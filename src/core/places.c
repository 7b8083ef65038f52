/*
 * places.c: lookups in the built-in gazetteer (places-data.c).
 *
 * Every name and alternate spelling of a place is a row of gz_names, keyed
 * by its folded form and sorted, so a lookup is one utf8_fold into a stack
 * buffer and one binary search: no allocation, no scan of the strings.
 * Rows with the same key are in order of prominence (the generator sorts
 * them by rank), so the first row that passes the country filter is the
 * answer and any second one makes the name ambiguous.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/location.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "places-data.h"

/* Longer than any name in the tables (the longest is about 60 bytes). */
#define KEY_MAX 128

/* Fold a name into key; false when it is empty or too long to be known. */
static bool fold_key(const char *name, char key[KEY_MAX])
{
	size_t n;

	if (!name)
		return false;
	n = utf8_fold(name, key, KEY_MAX, UTF8_FOLD_ALNUM);
	return n > 0 && n < KEY_MAX;
}

/* An upper-case copy of a two-letter code, or false if cc is not one. */
static bool norm_cc(const char *cc, char out[3])
{
	for (int i = 0; i < 2; i++) {
		char c = cc[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < 'A' || c > 'Z')
			return false;
		out[i] = c;
	}
	out[2] = '\0';
	return cc[2] == '\0';
}

static int cmp_country(const void *key, const void *elem)
{
	return strcmp(key, ((const struct gz_country *)elem)->code);
}

static const struct gz_country *find_country(const char *cc)
{
	char code[3];

	if (!cc || !norm_cc(cc, code))
		return NULL;
	return bsearch(code, gz_countries, gz_ncountries, sizeof(gz_countries[0]),
		       cmp_country);
}

bool country_code_is_valid(const char *cc)
{
	if (!cc || strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' ||
	    cc[1] < 'A' || cc[1] > 'Z')
		return false;
	return find_country(cc) != NULL;
}

const char *const *country_zones(const char *cc, size_t *n)
{
	const struct gz_country *c = find_country(cc);

	*n = c ? c->nzones : 0;
	return c && c->nzones ? &gz_zones[c->zone_first] : NULL;
}

const char *country_single_zone(const char *cc)
{
	const struct gz_country *c = find_country(cc);

	return c && c->nzones == 1 ? gz_zones[c->zone_first] : NULL;
}

const char *country_main_zone(const char *cc)
{
	const struct gz_country *c = find_country(cc);

	return c && c->nzones ? gz_zones[c->zone_first + c->zone_main] : NULL;
}

const struct place *place_capital(const char *cc)
{
	const struct place *best = NULL;
	char code[3];

	if (!cc || !norm_cc(cc, code))
		return NULL;
	/* 855 places: a scan is cheap, and a capital is asked for rarely. */
	for (size_t i = 0; i < gz_nplaces; i++) {
		const struct place *p = &gz_places[i];

		if (p->rank / 10 == 1 && !strcmp(p->country, code) &&
		    (!best || p->rank < best->rank))
			best = p;
	}
	return best;
}

const char *country_name(const char *cc)
{
	const struct gz_country *c = find_country(cc);

	return c ? c->name : NULL;
}

static int cmp_country_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct gz_country_name *)elem)->key);
}

const char *country_lookup(const char *name)
{
	const struct gz_country *c = find_country(name);
	const struct gz_country_name *cn;
	char key[KEY_MAX];

	if (c)
		return c->code;
	if (!fold_key(name, key))
		return NULL;
	/* " es", "E.S.": a code among spaces or dots. */
	if (strlen(key) == 2 && (c = find_country(key)) != NULL)
		return c->code;
	cn = bsearch(key, gz_country_names, gz_ncountry_names,
		     sizeof(gz_country_names[0]), cmp_country_name);
	return cn ? cn->code : NULL;
}

size_t country_search(const char *name, const char **out, size_t max)
{
	char key[KEY_MAX];
	size_t n = 0;

	if (!fold_key(name, key) || strlen(key) < 4)
		return 0;
	for (size_t i = 0; i < gz_ncountry_names; i++) {
		const char *code = gz_country_names[i].code, *cn;
		size_t k;

		if (!strstr(gz_country_names[i].key, key))
			continue;
		for (k = 0; k < n && strcmp(out[k], code); k++)
			;
		if (k < n || n == max)
			continue;
		/* In order of the names people read. */
		cn = country_name(code);
		for (k = n; k > 0 && strcmp(country_name(out[k - 1]), cn) > 0; k--)
			out[k] = out[k - 1];
		out[k] = find_country(code)->code;
		n++;
	}
	return n;
}

/* The first row of gz_names whose key is key, or gz_nnames. */
static size_t first_name(const char *key)
{
	size_t lo = 0, hi = gz_nnames;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(gz_names[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < gz_nnames && !strcmp(gz_names[lo].key, key) ? lo : gz_nnames;
}

/* The folded name, as GeoNames writes it, of the division of country cc
 * (a code) given by name or code ("me", "Maine" -> "maine"); false if it
 * folds to nothing. The District of Columbia ("DC", "D.C.") is GeoNames'
 * "Washington, D.C.". */
static bool region_key(const char *cc, const char *region, char key[KEY_MAX])
{
	const char *full = region_name(cc, region);	/* "me" -> "Maine" */

	if (!fold_key(full ? full : region, key))
		return false;
	if (!strcmp(cc, "US") &&
	    (!strcmp(key, "dc") || !strcmp(key, "districtofcolumbia")))
		memcpy(key, "washingtondc", sizeof("washingtondc"));
	return true;
}

/* Is p in the first-level division whose folded name or code is qual? */
static bool region_matches(const struct place *p, const char *qual)
{
	char rk[KEY_MAX], fk[KEY_MAX];

	if (!p->region || !fold_key(p->region, rk))
		return false;
	if (!strcmp(rk, qual))
		return true;
	return region_key(p->country, qual, fk) && !strcmp(fk, rk);
}

/* Every place whose key is key, in code if not NULL, and in a first-level
 * division folded to region if not NULL. */
static size_t find_key(const char *key, const char *code, const char *region,
		       const struct place **out, size_t max)
{
	size_t n = 0;

	for (size_t i = first_name(key); i < gz_nnames && !strcmp(gz_names[i].key, key);
	     i++) {
		const struct place *p = &gz_places[gz_names[i].place];

		if (code && strcmp(p->country, code))
			continue;
		if (region && !region_matches(p, region))
			continue;
		if (n < max)
			out[n] = p;
		n++;
	}
	return n;
}

size_t place_find_all(const char *city, const char *cc,
		      const struct place **out, size_t max)
{
	char key[KEY_MAX], qual[KEY_MAX];
	const char *code = NULL, *comma;
	size_t n;

	if (cc && *cc) {
		/* A country name works too; an unknown one matches nothing. */
		code = country_lookup(cc);
		if (!code)
			return 0;
	}
	if (!fold_key(city, key))
		return 0;
	n = find_key(key, code, NULL, out, max);
	if (n || !(comma = strrchr(city, ',')) || !fold_key(comma + 1, qual))
		return n;
	/* "Portland, Maine", "Portland, ME", "Santiago, Spain": the name
	 * before the last comma, in the division or country after it. */
	{
		char base[4 * KEY_MAX];
		size_t blen = (size_t)(comma - city);
		const char *qcc = country_lookup(comma + 1);

		if (blen >= sizeof(base))
			return 0;
		memcpy(base, city, blen);
		base[blen] = '\0';
		if (!fold_key(base, key))
			return 0;
		/* "ME" is Montenegro and Maine: the country first. */
		if (qcc && (!code || !strcmp(qcc, code)) &&
		    (n = find_key(key, qcc, NULL, out, max)) > 0)
			return n;
		return find_key(key, code, qual, out, max);
	}
}


const struct place *place_find(const char *city, const char *cc, bool *ambiguous)
{
	const struct place *p[1];
	size_t n = place_find_all(city, cc, p, 1);

	if (ambiguous)
		*ambiguous = n > 1;
	return n ? p[0] : NULL;
}

size_t place_count(void)
{
	return gz_nplaces;
}

const struct place *place_at(size_t i)
{
	return i < gz_nplaces ? &gz_places[i] : NULL;
}

const char *region_main_zone(const char *cc, const char *region)
{
	const struct gz_country *c = find_country(cc);
	char key[KEY_MAX];

	if (!c || !region || !region_key(c->code, region, key))
		return NULL;
	for (size_t i = 0; i < gz_nregions; i++)
		if (!strcmp(gz_regions[i].cc, c->code) && !strcmp(gz_regions[i].key, key))
			return gz_regions[i].zone;
	return NULL;
}

/* "Menlo Park, CA": the main zone of the division after the last comma of
 * city, in cc or (none given) the first country with such a division;
 * *rcc gets that country. */
static const char *city_region_zone(const char *city, const char *cc,
				    const char **rcc)
{
	const char *comma = strrchr(city, ',');
	char region[KEY_MAX];
	size_t len;

	if (!comma || comma == city)
		return NULL;
	comma++;
	while (*comma == ' ')
		comma++;
	len = strlen(comma);
	while (len && comma[len - 1] == ' ')
		len--;
	if (!len || len >= sizeof(region))
		return NULL;
	memcpy(region, comma, len);
	region[len] = '\0';
	if (cc && *cc) {
		*rcc = country_lookup(cc);
	} else if (!(*rcc = region_country(region, NULL))) {
		/* "Washington, D.C." */
		*rcc = region_main_zone("US", region) ? "US" : NULL;
	}
	return *rcc ? region_main_zone(*rcc, region) : NULL;
}

void place_zone(const char *city, const char *cc, struct place_zone *out)
{
	bool has_city = city && *city, has_cc = cc && *cc;
	const char *code = has_cc ? country_lookup(cc) : NULL;

	memset(out, 0, sizeof(*out));
	if (!has_city && !has_cc)
		return;
	if (code)
		memcpy(out->cc, code, 3);
	if (has_city) {
		const char *rcc = NULL;

		out->place = place_find(city, cc, &out->ambiguous);
		if (out->place) {
			out->how = PLACE_ZONE_CITY;
			out->tz = out->place->tz;
			memcpy(out->cc, out->place->country, 3);
			return;
		}
		if (!(has_cc && country_single_zone(cc)) &&
		    (out->tz = city_region_zone(city, cc, &rcc)) != NULL) {
			out->how = PLACE_ZONE_REGION;
			memcpy(out->cc, rcc, 3);
			return;
		}
	}
	out->tz = has_cc ? country_single_zone(cc) : NULL;
	out->how = out->tz ? PLACE_ZONE_COUNTRY : PLACE_ZONE_UNKNOWN;
	if (!out->tz && has_cc && (out->tz = country_main_zone(cc)) != NULL)
		out->how = PLACE_ZONE_MAIN;
}

/*
 * Edit distance between a and b counting a swap of neighbours as one edit
 * (optimal string alignment), giving up (returning limit + 1) as soon as
 * every cell of a row is over limit.
 */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[3][KEY_MAX + 1];
	size_t *pp = d[0], *prev = d[1], *cur = d[2];

	if (la >= KEY_MAX || lb >= KEY_MAX)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t row_min;
		size_t *t;

		cur[0] = row_min = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			cur[j] = best;
			if (best < row_min)
				row_min = best;
		}
		if (row_min > limit)
			return limit + 1;
		t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

size_t place_suggest(const char *name, const struct place **out, size_t max)
{
	enum { KEEP = 8 };
	struct {
		size_t d;
		const struct place *p;
	} best[KEEP];
	char key[KEY_MAX];
	size_t n = 0, len, limit;

	if (!max || !fold_key(name, key))
		return 0;
	if (max > KEEP)
		max = KEEP;
	len = strlen(key);
	/* Short names are close to too much: allow fewer edits. */
	limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	for (size_t i = 0; i < gz_nnames; i++) {
		const struct place *p = &gz_places[gz_names[i].place];
		size_t d = edit_distance(key, gz_names[i].key, limit), k;

		if (d > limit)
			continue;
		for (k = 0; k < n && best[k].p != p; k++)
			;
		if (k < n) {	/* the place again, by another name */
			if (d >= best[k].d)
				continue;
			memmove(&best[k], &best[k + 1], (n - k - 1) * sizeof(best[0]));
			n--;
		}
		/* Insert in order of distance, then prominence. */
		for (k = n; k > 0; k--) {
			if (best[k - 1].d < d ||
			    (best[k - 1].d == d && best[k - 1].p->rank <= p->rank))
				break;
		}
		if (k >= max)
			continue;
		if (n == max)
			n--;
		memmove(&best[k + 1], &best[k], (n - k) * sizeof(best[0]));
		best[k].d = d;
		best[k].p = p;
		n++;
	}
	for (size_t k = 0; k < n; k++)
		out[k] = best[k].p;
	return n;
}
