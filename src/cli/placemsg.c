/*
 * placemsg.c: what the command line says about places: "Santiago, CL", the
 * warning when a name fits several places, "did you mean" for an unknown
 * one, and the note when a zone was chosen for the user. add, edit, where
 * and --in say it the same way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "itin/places.h"

void place_label(struct strbuf *sb, const struct place *p)
{
	strbuf_addf(sb, "%s, %s", p->city, p->country);
}

/* "Portland, Maine, US" when another of all is in the same country,
 * else "Portland, US". */
static void label_among(struct strbuf *sb, const struct place *p,
			const struct place *const *all, size_t n)
{
	bool same_cc = false;

	for (size_t i = 0; i < n; i++)
		if (all[i] != p && !strcmp(all[i]->country, p->country))
			same_cc = true;
	strbuf_addstr(sb, p->city);
	if (same_cc && p->region)
		strbuf_addf(sb, ", %s", p->region);
	strbuf_addf(sb, ", %s", p->country);
}

void warn_ambiguous_place(const char *name, const char *cc,
			  const struct place *p)
{
	const struct place *all[8], *others[8];
	size_t n = place_find_all(name, cc, all, 8), no = 0;
	struct strbuf sb = STRBUF_INIT;
	bool same_cc = true;

	if (n > 8)
		n = 8;
	for (size_t i = 0; i < n; i++) {
		if (all[i] == p)
			continue;
		others[no++] = all[i];
		if (strcmp(all[i]->country, p->country))
			same_cc = false;
	}
	strbuf_addf(&sb, "'%s' is ambiguous; using ", name);
	label_among(&sb, p, all, n);
	strbuf_addf(&sb, " (%s)", p->tz);
	for (size_t i = 0; i < no; i++) {
		strbuf_addstr(&sb, i == 0	? "; also "
				   : i + 1 < no ? ", "
						: " and ");
		label_among(&sb, others[i], all, n);
		strbuf_addf(&sb, " (%s)", others[i]->tz);
	}
	/* What tells them apart: the country, or within one country the
	 * state or province ("Portland, Maine"). */
	if (no && same_cc && others[0]->region)
		strbuf_addf(&sb,
			    " (give the state or province to choose, as "
			    "in '%s, %s')",
			    others[0]->city, others[0]->region);
	else if (no)
		strbuf_addstr(&sb, " (give the country to choose)");
	warning("%s", sb.buf);
	strbuf_release(&sb);
}

void place_suggestions(struct strbuf *sb, const char *name)
{
	const struct place *s[3];
	const char *cc[3];
	size_t nc = country_search(name, cc, 3);
	size_t n = place_suggest(name, s, 3 - nc), all = nc + n;

	if (!all)
		return;
	strbuf_addstr(sb, " (did you mean ");
	/* Countries first: "Korea" is more likely one of them than "Kobe". */
	for (size_t i = 0; i < all; i++) {
		if (i)
			strbuf_addstr(sb, i + 1 < all ? ", " : " or ");
		strbuf_addch(sb, '\'');
		if (i < nc)
			strbuf_addf(sb, "%s", country_name(cc[i]));
		else
			place_label(sb, s[i - nc]);
		strbuf_addch(sb, '\'');
		if (i < nc)
			strbuf_addf(sb, " (%s)", cc[i]);
	}
	strbuf_addstr(sb, "?)");
}

/* "2 zones: Europe/Berlin, Europe/Busingen", or for many "29 zones,
 * listed by 'itin where US'". */
void country_zone_list(struct strbuf *sb, const char *cc)
{
	size_t nz;
	const char *const *z = country_zones(cc, &nz);

	if (nz > 6) {
		strbuf_addf(sb, "%zu zones, listed by 'itin where %s'", nz, cc);
		return;
	}
	strbuf_addf(sb, "%zu zones: ", nz);
	for (size_t i = 0; i < nz; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", z[i]);
}

/* " (there is 'Geneva, CH')" when city is a place in another country than
 * cc; nothing otherwise. */
static void elsewhere(struct strbuf *sb, const char *city, const char *cc)
{
	const struct place *p[3];
	size_t n = place_find_all(city, NULL, p, 3), k = 0;

	if (n > 3)
		n = 3;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(p[i]->country, cc))
			continue;
		strbuf_addstr(sb, k++ ? ", '" : " (there is '");
		place_label(sb, p[i]);
		strbuf_addch(sb, '\'');
	}
	if (k)
		strbuf_addch(sb, ')');
}

void warn_city_elsewhere(const char *city, const char *cc, const char *zone)
{
	struct strbuf there = STRBUF_INIT;

	elsewhere(&there, city, cc);
	if (there.len)
		warning("no '%s' in %s in the gazetteer%s; using %s, the "
			"zone of %s",
			city, cc, there.buf, zone, country_name(cc));
	strbuf_release(&there);
}

void note_main_zone(const char *city, const char *cc, const char *zone,
		    const char *how_to_choose)
{
	struct strbuf list = STRBUF_INIT, there = STRBUF_INIT;

	country_zone_list(&list, cc);
	if (city) {
		elsewhere(&there, city, cc);
		note("no '%s' in %s in the gazetteer%s; using %s, the zone "
		     "with the most people in %s (%s has %s; %s)",
		     city, cc, there.buf, zone, country_name(cc), cc, list.buf,
		     how_to_choose);
	} else {
		note("using %s, the zone with the most people in %s (%s has "
		     "%s; %s)",
		     zone, country_name(cc), cc, list.buf, how_to_choose);
	}
	strbuf_release(&there);
	strbuf_release(&list);
}

int parse_country_arg(const char *arg, char out[3], struct itin_err *err)
{
	const char *cc = country_lookup(arg);

	if (cc) {
		memcpy(out, cc, 3);
		return 0;
	}
	if (strlen(arg) == 2)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "unknown country code '%s'", arg);
	return itin_err_set(err, ITIN_EX_DATAERR, "unknown country '%s'", arg);
}
