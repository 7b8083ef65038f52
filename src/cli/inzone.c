/*
 * inzone.c: `--in ZONE` of list, export, timeline and view: the zone every
 * time is shown in. ZONE is an IANA name ("Europe/Brussels"), a city of
 * the gazetteer ("Brussels"), a country ("Belgium"; one of several zones
 * gives its main zone, with a note), a common abbreviation ("EST", "CET",
 * "JST": the zone people mean, with its summer time, and a note saying
 * which) or a zone name without a slash ("UTC"). Two-letter forms that
 * are both a US zone's short name and a country code (ET: US Eastern or
 * Ethiopia; PT, MT, AT) are refused naming both readings; CT, no country,
 * is US Central.
 */
#include <string.h>

#include "cli.h"
#include "itin/ascii.h"
#include "itin/places.h"
#include "itin/tz.h"

/*
 * Abbreviations people write for a zone, and the zone they mean: the
 * region's principal zone, so summer time is kept ("EST" in July is
 * EDT, as a New Yorker who writes EST means). An abbreviation used by
 * several regions takes the one in the note only where one use dominates
 * in English (CST: US Central); IST, which is India, Ireland and Israel
 * alike, is refused with the three.
 */
static const struct abbr {
	const char *abbr, *zone, *what;
} abbrs[] = {
    {"EST", "America/New_York", "US Eastern Time"},
    {"EDT", "America/New_York", "US Eastern Time"},
    {"CST", "America/Chicago", "US Central Time; also China and Cuba"},
    {"CDT", "America/Chicago", "US Central Time"},
    {"CT", "America/Chicago", "US Central Time"},
    {"MST", "America/Denver", "US Mountain Time; Arizona: America/Phoenix"},
    {"MDT", "America/Denver", "US Mountain Time"},
    {"PST", "America/Los_Angeles", "US Pacific Time"},
    {"PDT", "America/Los_Angeles", "US Pacific Time"},
    {"AKST", "America/Anchorage", "Alaska Time"},
    {"AKDT", "America/Anchorage", "Alaska Time"},
    {"HST", "Pacific/Honolulu", "Hawaii Time"},
    {"NST", "America/St_Johns", "Newfoundland Time"},
    {"NDT", "America/St_Johns", "Newfoundland Time"},
    {"BST", "Europe/London", "British Summer Time"},
    {"WET", "Europe/Lisbon", "Western European Time"},
    {"WEST", "Europe/Lisbon", "Western European Time"},
    {"CET", "Europe/Brussels", "Central European Time"},
    {"CEST", "Europe/Brussels", "Central European Time"},
    {"MET", "Europe/Brussels", "Central European Time"},
    {"MEST", "Europe/Brussels", "Central European Time"},
    {"EET", "Europe/Athens", "Eastern European Time"},
    {"EEST", "Europe/Athens", "Eastern European Time"},
    {"MSK", "Europe/Moscow", "Moscow Time"},
    {"GST", "Asia/Dubai", "Gulf Standard Time"},
    {"PKT", "Asia/Karachi", "Pakistan Time"},
    {"ICT", "Asia/Bangkok", "Indochina Time"},
    {"WIB", "Asia/Jakarta", "Western Indonesia Time"},
    {"SGT", "Asia/Singapore", "Singapore Time"},
    {"HKT", "Asia/Hong_Kong", "Hong Kong Time"},
    {"JST", "Asia/Tokyo", "Japan Standard Time"},
    {"KST", "Asia/Seoul", "Korea Standard Time"},
    {"AWST", "Australia/Perth", "Australian Western Time"},
    {"ACST", "Australia/Adelaide", "Australian Central Time"},
    {"ACDT", "Australia/Adelaide", "Australian Central Time"},
    {"AEST", "Australia/Sydney", "Australian Eastern Time"},
    {"AEDT", "Australia/Sydney", "Australian Eastern Time"},
    {"NZST", "Pacific/Auckland", "New Zealand Time"},
    {"NZDT", "Pacific/Auckland", "New Zealand Time"},
    {"WAT", "Africa/Lagos", "West Africa Time"},
    {"CAT", "Africa/Maputo", "Central Africa Time"},
    {"EAT", "Africa/Nairobi", "East Africa Time"},
    {"SAST", "Africa/Johannesburg", "South Africa Time"},
    {"BRT", "America/Sao_Paulo", "Brasília Time"},
    {"ART", "America/Argentina/Buenos_Aires", "Argentina Time"},
};

/* Abbreviations that name several zones with no usual meaning. */
static const struct {
	const char *abbr, *zones;
} ambiguous_abbrs[] = {
    {"IST", "Asia/Kolkata (India), Europe/Dublin (Ireland) or "
	    "Asia/Jerusalem (Israel)"},
    {"AST", "America/Halifax (Atlantic) or Asia/Riyadh (Arabia)"},
    {"ADT", "America/Halifax (Atlantic) or Asia/Riyadh (Arabia)"},
    /* A viewer who types ET may mean US Eastern or Ethiopia's code. */
    {"ET", "America/New_York (US Eastern Time) or Africa/Addis_Ababa "
	   "(ET, Ethiopia)"},
    {"PT", "America/Los_Angeles (US Pacific Time) or Europe/Lisbon "
	   "(PT, Portugal)"},
    {"MT", "America/Denver (US Mountain Time) or Europe/Malta "
	   "(MT, Malta)"},
    {"AT", "America/Halifax (Atlantic Time) or Europe/Vienna "
	   "(AT, Austria)"},
};

static const struct abbr *find_abbr(const char *arg)
{
	for (size_t i = 0; i < sizeof(abbrs) / sizeof(abbrs[0]); i++)
		if (!ascii_casecmp(abbrs[i].abbr, arg))
			return &abbrs[i];
	return NULL;
}

int zone_abbreviation(const char *arg, const char *opt, const char **zone,
		      struct itin_err *err)
{
	const struct abbr *a;

	if (strchr(arg, '/'))
		return 0;
	for (size_t i = 0;
	     i < sizeof(ambiguous_abbrs) / sizeof(ambiguous_abbrs[0]); i++)
		if (!ascii_casecmp(ambiguous_abbrs[i].abbr, arg))
			return itin_err_set(
			    err, ITIN_EX_DATAERR,
			    "'%s' is ambiguous: %s; give the zone", arg,
			    ambiguous_abbrs[i].zones);
	if ((a = find_abbr(arg)) == NULL)
		return 0;
	note("%s '%s' taken as %s (%s; times shown with its summer "
	     "time where it has one)",
	     opt, arg, a->zone, a->what);
	*zone = a->zone;
	return 1;
}

int parse_in_arg(const char *arg, const struct tz **out, struct itin_err *err)
{
	const struct place *p;
	const char *zone = NULL, *cc;
	struct strbuf msg = STRBUF_INIT;
	bool amb;

	if (check_utf8_arg(arg, "--in", err))
		return -1;
	/* A zone name: tz_get's own message suggests a close one. */
	if (strchr(arg, '/'))
		return (*out = tz_get(arg, err)) ? 0 : -1;
	/* Before the tz database's own "EST" and "CET": those are fixed
	 * offsets or one country's rules, not what people mean. */
	switch (zone_abbreviation(arg, "--in", &zone, err)) {
	case -1:
		return -1;
	case 1:
		return (*out = tz_get(zone, err)) ? 0 : -1;
	}
	if ((p = place_find(arg, NULL, &amb)) != NULL) {
		if (amb)
			warn_ambiguous_place(arg, NULL, p);
		zone = p->tz;
	} else if ((cc = country_lookup(arg)) != NULL) {
		zone = country_single_zone(cc);
		if (!zone && (zone = country_main_zone(cc)) != NULL)
			note_main_zone(NULL, cc, zone,
				       "give --in ZONE to choose");
	}
	if (!zone)
		zone = arg; /* "UTC", "GMT": zones without a slash */
	if ((*out = tz_get(zone, err)) != NULL)
		return 0;
	place_suggestions(&msg, arg);
	itin_err_clear(err);
	itin_err_set(err, ITIN_EX_DATAERR, "unknown time zone or place '%s'%s",
		     arg, msg.buf);
	strbuf_release(&msg);
	return -1;
}
