/*
 * location.c: venue, city, region and country from a free-form location
 * (location.h says what is recognised). Pure string work over the
 * gazetteer; the only allocations are the result's strings.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/location.h"
#include "itin/places.h"
#include "itin/strbuf.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* First-level divisions written after the city in addresses: USPS state
 * codes, Canada Post province codes, Australian state abbreviations. */
static const struct region {
	char cc[3];
	const char *code, *name;
} regions[] = {
    {"US", "AL", "Alabama"},
    {"US", "AK", "Alaska"},
    {"US", "AZ", "Arizona"},
    {"US", "AR", "Arkansas"},
    {"US", "CA", "California"},
    {"US", "CO", "Colorado"},
    {"US", "CT", "Connecticut"},
    {"US", "DE", "Delaware"},
    {"US", "DC", "District of Columbia"},
    {"US", "FL", "Florida"},
    {"US", "GA", "Georgia"},
    {"US", "HI", "Hawaii"},
    {"US", "ID", "Idaho"},
    {"US", "IL", "Illinois"},
    {"US", "IN", "Indiana"},
    {"US", "IA", "Iowa"},
    {"US", "KS", "Kansas"},
    {"US", "KY", "Kentucky"},
    {"US", "LA", "Louisiana"},
    {"US", "ME", "Maine"},
    {"US", "MD", "Maryland"},
    {"US", "MA", "Massachusetts"},
    {"US", "MI", "Michigan"},
    {"US", "MN", "Minnesota"},
    {"US", "MS", "Mississippi"},
    {"US", "MO", "Missouri"},
    {"US", "MT", "Montana"},
    {"US", "NE", "Nebraska"},
    {"US", "NV", "Nevada"},
    {"US", "NH", "New Hampshire"},
    {"US", "NJ", "New Jersey"},
    {"US", "NM", "New Mexico"},
    {"US", "NY", "New York"},
    {"US", "NC", "North Carolina"},
    {"US", "ND", "North Dakota"},
    {"US", "OH", "Ohio"},
    {"US", "OK", "Oklahoma"},
    {"US", "OR", "Oregon"},
    {"US", "PA", "Pennsylvania"},
    {"US", "RI", "Rhode Island"},
    {"US", "SC", "South Carolina"},
    {"US", "SD", "South Dakota"},
    {"US", "TN", "Tennessee"},
    {"US", "TX", "Texas"},
    {"US", "UT", "Utah"},
    {"US", "VT", "Vermont"},
    {"US", "VA", "Virginia"},
    {"US", "WA", "Washington"},
    {"US", "WV", "West Virginia"},
    {"US", "WI", "Wisconsin"},
    {"US", "WY", "Wyoming"},
    {"CA", "AB", "Alberta"},
    {"CA", "BC", "British Columbia"},
    {"CA", "MB", "Manitoba"},
    {"CA", "NB", "New Brunswick"},
    {"CA", "NL", "Newfoundland and Labrador"},
    {"CA", "NS", "Nova Scotia"},
    {"CA", "NT", "Northwest Territories"},
    {"CA", "NU", "Nunavut"},
    {"CA", "ON", "Ontario"},
    {"CA", "PE", "Prince Edward Island"},
    {"CA", "QC", "Quebec"},
    {"CA", "SK", "Saskatchewan"},
    {"CA", "YT", "Yukon"},
    {"AU", "ACT", "Australian Capital Territory"},
    {"AU", "NSW", "New South Wales"},
    {"AU", "NT", "Northern Territory"},
    {"AU", "QLD", "Queensland"},
    {"AU", "SA", "South Australia"},
    {"AU", "TAS", "Tasmania"},
    {"AU", "VIC", "Victoria"},
    {"AU", "WA", "Western Australia"},
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

/* Folded, for comparisons that ignore case, accents and punctuation. */
static bool same_name(const char *a, const char *b)
{
	char fa[128], fb[128];
	size_t na = utf8_fold(a, fa, sizeof(fa), UTF8_FOLD_ALNUM);
	size_t nb = utf8_fold(b, fb, sizeof(fb), UTF8_FOLD_ALNUM);

	return na && na < sizeof(fa) && nb < sizeof(fb) && !strcmp(fa, fb);
}

const char *region_name(const char *cc, const char *code)
{
	for (size_t i = 0; cc && i < NREGIONS; i++)
		if (!ascii_casecmp(regions[i].cc, cc) &&
		    !ascii_casecmp(regions[i].code, code))
			return regions[i].name;
	return NULL;
}

/* The next division after *i (start with *i = 0) whose code or name is s,
 * in country want when it is not NULL: "NT" and "WA" are divisions of
 * more than one country, so callers try each. */
static const struct region *region_next(const char *s, const char *want,
					size_t *i)
{
	for (; *i < NREGIONS; ++*i) {
		const struct region *r = &regions[*i];

		if (want && strcmp(r->cc, want))
			continue;
		/* Codes as written in addresses: upper case ("WA", not "Wa"),
		 * or with dots ("D.C.", "N.Y."). */
		if (!strcmp(r->code, s) || same_name(r->name, s) ||
		    (strchr(s, '.') && same_name(r->code, s))) {
			++*i;
			return r;
		}
	}
	return NULL;
}

const char *region_country(const char *s, const char **name)
{
	size_t i = 0;
	const struct region *r = region_next(s, NULL, &i);

	if (r && name)
		*name = r->name;
	return r ? r->cc : NULL;
}

/* ---- parts ---- */

enum { MAX_PARTS = 24 };

struct part {
	const char *s, *e;   /* trimmed */
	const char *cs, *ce; /* without postcodes: the name in it */
};

/* Two upper-case ASCII letters at s, as codes are written ("CA", "AA"). */
static bool upper2(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static const char *skip_space(const char *s, const char *e)
{
	while (s < e && ascii_isspace(*s))
		s++;
	return s;
}

/* A postcode token: letters, digits and '-', with a digit ("1049",
 * "10017", "D-10117", "SW1A", "2AA", "100-8914"). */
static bool is_postcode(const char *s, const char *e)
{
	bool digit = false;

	if (e - s < 2 || e - s > 10)
		return false;
	for (const char *p = s; p < e; p++) {
		if (ascii_isdigit((unsigned char)*p))
			digit = true;
		else if (!ascii_isalpha((unsigned char)*p) && *p != '-')
			return false;
	}
	return digit;
}

/* Past the postcode [s, t) that starts a part ending at e, and its blanks. */
static const char *after_postcode(const char *s, const char *t, const char *e)
{
	bool four_digits = t - s == 4;

	for (const char *q = s; q < t; q++)
		four_digits = four_digits && ascii_isdigit((unsigned char)*q);
	s = skip_space(t, e);
	/* A Dutch postcode: "2513 AA Den Haag". */
	if (four_digits && e - s > 3 && upper2(s) && ascii_isspace(s[2]))
		s = skip_space(s + 2, e);
	return s;
}

/* Set cs..ce to s..e without leading and trailing postcode tokens. */
static void strip_postcodes(struct part *p)
{
	const char *s = p->s, *e = p->e;

	for (;;) {
		const char *t = s;

		while (t < e && !ascii_isspace(*t))
			t++;
		if (t == e || !is_postcode(s, t))
			break;
		s = after_postcode(s, t, e);
	}
	for (;;) {
		const char *t = e;

		while (t > s && !ascii_isspace(t[-1]))
			t--;
		if (t == s || !is_postcode(t, e))
			break;
		e = t;
		while (e > s && ascii_isspace(e[-1]))
			e--;
	}
	/* A part that is only a postcode is not a name at all. */
	if (s == p->s && e == p->e && is_postcode(s, e))
		e = s;
	p->cs = s;
	p->ce = e;
}

/* Add [s, e), trimmed, as the next of *n parts, unless it is empty. */
static void add_part(struct part *parts, size_t *n, const char *s,
		     const char *e)
{
	s = skip_space(s, e);
	while (e > s && ascii_isspace(e[-1]))
		e--;
	if (s == e)
		return;
	if (*n == MAX_PARTS) {
		/* Too many parts: the first two become one (a venue's), so
		 * the last ones, where the city and country are, are all
		 * kept. */
		parts[0].e = parts[1].e;
		strip_postcodes(&parts[0]);
		memmove(&parts[1], &parts[2],
			(MAX_PARTS - 2) * sizeof(parts[0]));
		--*n;
	}
	parts[*n].s = s;
	parts[*n].e = e;
	strip_postcodes(&parts[*n]);
	++*n;
}

static size_t split(const char *str, struct part *parts)
{
	size_t n = 0;
	const char *p = str;

	for (;;) {
		const char *c = p;

		while (*c && *c != ',' && *c != '\n')
			c++;
		add_part(parts, &n, p, c);
		if (!*c)
			break;
		p = c + 1;
	}
	return n;
}

static void text(struct strbuf *sb, const char *s, const char *e)
{
	strbuf_reset(sb);
	strbuf_add(sb, s, (size_t)(e - s));
}

static bool has_digit(const char *s, const char *e)
{
	for (; s < e; s++)
		if (ascii_isdigit((unsigned char)*s))
			return true;
	return false;
}

/* "MA", "NSW": an upper-case code as addresses write divisions. */
static bool is_code(const struct part *p)
{
	if (p->ce - p->cs < 2 || p->ce - p->cs > 3)
		return false;
	for (const char *s = p->cs; s < p->ce; s++)
		if (*s < 'A' || *s > 'Z')
			return false;
	return true;
}

/* ---- the parser ---- */

struct parse {
	struct part parts[MAX_PARTS];
	size_t n;
	long country_part, region_part, city_part;
	const char *cc;		 /* static, or NULL */
	const char *region_cc;	 /* the region's country */
	const char *region_full; /* the region's name */
	const struct place *place;
	const char *city_s, *city_e; /* the city's text */
	struct strbuf tmp;
};

/* The city is [s, e), the gazetteer's p. */
static const struct place *found_city(struct parse *ps, const char *s,
				      const char *e, const struct place *p)
{
	ps->city_s = s;
	ps->city_e = e;
	return p;
}

/* "New York NY", "Sydney NSW": the city in part p before a trailing
 * division code, in cc and region if given. */
static const struct place *city_before_code(struct parse *ps, struct part *p,
					    const char *cc, const char *region)
{
	const struct place *all[2];
	const char *e = p->ce, *t, *ne;
	const struct region *r;
	char code[8];
	size_t ri = 0;

	for (t = e; t > p->cs && !ascii_isspace(t[-1]); t--)
		;
	if (t == p->cs || e - t >= (long)sizeof(code))
		return NULL;
	memcpy(code, t, (size_t)(e - t));
	code[e - t] = '\0';
	ne = t;
	while (ne > p->cs && ascii_isspace(ne[-1]))
		ne--;
	/* "Perth WA": Western Australia, not Washington. */
	while ((r = region_next(code, cc, &ri)) != NULL) {
		text(&ps->tmp, p->cs, ne);
		strbuf_addf(&ps->tmp, ", %s", r->name);
		if (place_find_all(ps->tmp.buf, r->cc, all, 1)) {
			ps->region_cc = r->cc;
			ps->region_full = r->name;
			return found_city(ps, p->cs, ne, all[0]);
		}
	}
	/* "Roma RM": an Italian province's code after its city
	 * (any two upper-case letters after a city known there). */
	if (e - t == 2 && upper2(t) && !region && ne > p->cs) {
		text(&ps->tmp, p->cs, ne);
		if (place_find_all(ps->tmp.buf, cc, all, 1))
			return found_city(ps, p->cs, ne, all[0]);
	}
	return NULL;
}

/* The city in part i (its name without postcodes, or that without a
 * trailing region code: "New York NY"), in cc and region if given. */
static const struct place *city_in(struct parse *ps, size_t i, const char *cc,
				   const char *region)
{
	struct part *p = &ps->parts[i];
	const struct place *all[2];
	size_t n;

	if (p->cs == p->ce)
		return NULL;
	text(&ps->tmp, p->cs, p->ce);
	if (region)
		strbuf_addf(&ps->tmp, ", %s", region);
	n = place_find_all(ps->tmp.buf, cc, all, 1);
	if (!n && region) {
		/* A hand-kept venue has no division in the data. */
		text(&ps->tmp, p->cs, p->ce);
		n = place_find_all(ps->tmp.buf, cc, all, 1);
		if (n && all[0]->region)
			n = 0;
	}
	if (n)
		return found_city(ps, p->cs, p->ce, all[0]);
	return city_before_code(ps, p, cc, region);
}

/* Is part i exactly a division ("NY", "Ontario")? of country want if set;
 * *ri (0 at first) says where to look on for another of the same code. */
static const struct region *region_of_part(struct parse *ps, size_t i,
					   const char *want, size_t *ri)
{
	const struct part *p = &ps->parts[i];

	if (p->cs == p->ce)
		return NULL;
	text(&ps->tmp, p->cs, p->ce);
	return region_next(ps->tmp.buf, want, ri);
}

/* Part k is the division r (region_of_part() left *ri after it): a city
 * known in it, or in another division of that code, before it? */
static bool city_before_division(struct parse *ps, size_t k, const char *cc,
				 const struct region *r, size_t *ri)
{
	for (; r; r = region_of_part(ps, k, cc, ri)) {
		for (size_t j = k; j-- > 0;) {
			if ((long)j == ps->country_part)
				continue;
			if ((ps->place = city_in(ps, j, r->cc, r->name))) {
				ps->region_part = (long)k;
				ps->region_cc = r->cc;
				ps->region_full = r->name;
				ps->city_part = (long)j;
				return true;
			}
		}
	}
	return false;
}

/*
 * Part k names the division r, with no known city before it: true when it
 * is taken as the division all the same (and noted), false when it may be
 * the city.
 */
static bool division_all_the_same(struct parse *ps, size_t k,
				  const struct region *r)
{
	/* "United Nations, New York", "Blair House, Washington": a
	 * division's name (not its code) that is a city's too, at the end,
	 * is the city. */
	const struct part *kp = &ps->parts[k];
	bool city_name = false;

	if (!is_code(kp)) {
		text(&ps->tmp, kp->cs, kp->ce);
		city_name = place_find(ps->tmp.buf, r->cc, NULL) != NULL;
	}
	if (city_name || k <= (ps->country_part == 0 ? 1u : 0u) ||
	    has_digit(ps->parts[k - 1].s, ps->parts[k - 1].e))
		return false;
	/* "Cambridge, MA": no city known there; what comes before is in
	 * that country. After a street ("760 United Nations Plaza, New
	 * York") the name is the city's. */
	ps->region_part = (long)k;
	ps->region_cc = r->cc;
	ps->region_full = r->name;
	return true;
}

/* Look for the city from the end, the country (if any) being cc. */
static void find_city(struct parse *ps, const char *cc)
{
	for (size_t k = ps->n; k-- > 0;) {
		const struct region *first = NULL;
		size_t ri = 0;

		if ((long)k == ps->country_part)
			continue;
		/* A division after the city: "Albany, New York" is Albany,
		 * though New York is a city too; one with no known city
		 * before it is taken as the city ("New York, USA"). Every
		 * division of that code is tried: "Darwin, NT" is in
		 * Australia's Northern Territory, not Canada's. */
		if (ps->region_part < 0)
			first = region_of_part(ps, k, cc, &ri);
		if (city_before_division(ps, k, cc, first, &ri))
			return;
		if (first && division_all_the_same(ps, k, first)) {
			cc = first->cc;
			continue;
		}
		if ((ps->place = city_in(ps, k, cc, NULL))) {
			ps->city_part = (long)k;
			return;
		}
	}
}

/* Two letters in lower case are a word ("de", "la"), not a code. */
static bool lower_word(const struct parse *ps, const struct part *p)
{
	return ps->tmp.len == 2 && !upper2(p->s);
}

/* The last part that names a country; a city-state's name ("Singapore")
 * counts only as the last part. */
static void find_country(struct parse *ps)
{
	for (size_t k = ps->n; k-- > 0;) {
		const struct part *p = &ps->parts[k];
		const char *cc;

		/* The whole part: "CH 10" is a channel, not Switzerland. */
		text(&ps->tmp, p->s, p->e);
		cc = country_lookup(ps->tmp.buf);
		if (!cc)
			continue;
		/* "Georgia" after a US city is a state (find_city). */
		if (lower_word(ps, p))
			continue;
		if (k + 1 < ps->n && place_find(ps->tmp.buf, NULL, NULL))
			continue;
		ps->cc = cc;
		ps->country_part = (long)k;
		return;
	}
}

/* A single part: "Singapore" is a city; "Japan" alone is a country. */
static bool lone_country(struct parse *ps)
{
	struct part *p = &ps->parts[0];

	text(&ps->tmp, p->s, p->e);
	if (!place_find(ps->tmp.buf, NULL, NULL) &&
	    (ps->cc = country_lookup(ps->tmp.buf)) != NULL &&
	    !lower_word(ps, p)) {
		ps->country_part = 0;
		return true;
	}
	ps->cc = NULL;
	return false;
}

/*
 * "Sacramento, CA", "Atlanta, Georgia": the country part is a division
 * that is also a country's code or name. Taken as the division when a city
 * is known there (of any division of that code: "Adelaide, SA" is South
 * Australia), or when it is a code ("MA 02138") and no city is known
 * either way (then the first of the code).
 */
static void country_as_division(struct parse *ps)
{
	long cp = ps->country_part;
	const struct region *r;

	for (int pass = 0; pass < 2; pass++) {
		size_t ri = 0;

		while ((r = region_of_part(ps, (size_t)cp, NULL, &ri))) {
			struct parse alt = *ps;

			strbuf_init(&alt.tmp);
			alt.country_part = -1;
			alt.region_part = -1;
			alt.cc = NULL;
			find_city(&alt, r->cc);
			if (alt.region_part == cp &&
			    (alt.place || (pass && is_code(&ps->parts[cp])))) {
				strbuf_release(&ps->tmp);
				*ps = alt;
				return;
			}
			strbuf_release(&alt.tmp);
		}
	}
}

/* "Marina Bay Sands, Singapore": the country is the city. */
static void country_as_city(struct parse *ps)
{
	struct part *p = &ps->parts[ps->country_part];

	text(&ps->tmp, p->cs, p->ce);
	if ((ps->place = place_find(ps->tmp.buf, ps->cc, NULL)))
		found_city(ps, p->cs, p->ce, ps->place);
}

/*
 * Nothing known: the last part left that is no street address, when a
 * venue comes before it ("Redoute, Bad Godesberg, Germany") or a state
 * after it ("Cambridge, MA"); alone before a country it is as likely a
 * venue ("Burgerweeshuis, Netherlands") and stays one.
 */
static void unknown_city(struct parse *ps)
{
	size_t others = 0;

	if (!ps->cc && ps->region_cc)
		ps->cc = ps->region_cc;
	for (size_t k = 0; k < ps->n; k++)
		if ((long)k != ps->country_part && (long)k != ps->region_part)
			others++;
	for (size_t k = ps->n; k-- > 0;) {
		struct part *p = &ps->parts[k];

		if ((long)k == ps->country_part || (long)k == ps->region_part)
			continue;
		/* "Perth, Scotland": a city's name, though the gazetteer
		 * knows it elsewhere, is a city here. */
		text(&ps->tmp, p->cs, p->ce);
		if ((others > 1 || ps->region_part >= 0 ||
		     place_find(ps->tmp.buf, NULL, NULL)) &&
		    p->cs < p->ce && !has_digit(p->cs, p->ce)) {
			ps->city_part = (long)k;
			found_city(ps, p->cs, p->ce, NULL);
		}
		break;
	}
}

/* Country, city and division of the parts in ps (split already). */
static void find_all(struct parse *ps)
{
	if (ps->n == 1 && lone_country(ps))
		return;
	find_country(ps);
	find_city(ps, ps->cc);
	if (!ps->place && ps->country_part >= 0) {
		country_as_division(ps);
		if (!ps->place && ps->cc)
			country_as_city(ps);
	}
	if (ps->place) {
		if (!ps->cc)
			ps->cc = ps->place->country;
	} else {
		unknown_city(ps);
	}
}

/* ---- the result ---- */

/*
 * loc->city, with its division when that tells it from another of the
 * name ("Portland, ME") or gives the zone of a city the gazetteer lacks.
 */
static void result_city(const struct parse *ps, struct location *loc)
{
	struct strbuf c = STRBUF_INIT;
	const struct part *rp =
	    ps->region_part >= 0 ? &ps->parts[ps->region_part] : NULL;

	if (!ps->city_s)
		return;
	loc->city = xstrndup(ps->city_s, (size_t)(ps->city_e - ps->city_s));
	if (!ps->region_full ||
	    !(ps->place
		  ? place_find_all(loc->city, loc->country, NULL, 0) > 1
		  : ps->region_cc && !strcmp(ps->region_cc, loc->country)))
		return;
	/* "Portland, ME": the division is what tells this Portland from the
	 * other, so the city keeps it (places.h reads it); "Sacramento, CA",
	 * not in the gazetteer, keeps it for the zone of its state
	 * (place_zone). */
	strbuf_addf(&c, "%s, ", loc->city);
	if (rp)
		strbuf_add(&c, rp->cs, (size_t)(rp->ce - rp->cs));
	else
		strbuf_addstr(&c, ps->region_full);
	free(loc->city);
	loc->city = strbuf_detach(&c, NULL);
}

/* The division and the venue: the parts that are nothing else, in order. */
static void result_region_venue(const struct parse *ps, struct location *loc)
{
	struct strbuf venue = STRBUF_INIT;

	if (ps->region_part >= 0) {
		const struct part *p = &ps->parts[ps->region_part];

		loc->region = xstrndup(p->cs, (size_t)(p->ce - p->cs));
	} else if (ps->region_full) {
		loc->region = xstrdup(ps->region_full);
	}
	for (size_t k = 0; k < ps->n; k++) {
		const struct part *p = &ps->parts[k];

		if ((long)k == ps->country_part || (long)k == ps->region_part ||
		    (long)k == ps->city_part)
			continue;
		if (venue.len)
			strbuf_addstr(&venue, ", ");
		strbuf_add(&venue, p->s, (size_t)(p->e - p->s));
	}
	if (venue.len)
		loc->venue = strbuf_detach(&venue, NULL);
	strbuf_release(&venue);
}

void location_parse(const char *str, struct location *loc)
{
	struct parse ps;

	memset(loc, 0, sizeof(*loc));
	memset(&ps, 0, sizeof(ps));
	strbuf_init(&ps.tmp);
	ps.country_part = ps.region_part = ps.city_part = -1;
	ps.n = split(str ? str : "", ps.parts);
	if (ps.n) {
		find_all(&ps);
		if (ps.cc)
			memcpy(loc->country, ps.cc, 3);
		loc->place = ps.place;
		result_city(&ps, loc);
		result_region_venue(&ps, loc);
	}
	strbuf_release(&ps.tmp);
}

void location_release(struct location *loc)
{
	free(loc->venue);
	free(loc->city);
	free(loc->region);
	memset(loc, 0, sizeof(*loc));
}
