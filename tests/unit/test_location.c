/* test_location.c: venue, city, region and country from real addresses. */
#include "itin/location.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "test.h"

/* One address: the venue, city, region and country expected ("" for
 * none), and the zone of the gazetteer place found (NULL for none). */
static void check_loc(int line, const char *s, const char *venue, const char *city,
		      const char *region, const char *cc, const char *zone)
{
	struct location l;

	location_parse(s, &l);
	if (strcmp(l.venue ? l.venue : "", venue) || strcmp(l.city ? l.city : "", city) ||
	    strcmp(l.region ? l.region : "", region) || strcmp(l.country, cc) ||
	    (zone ? !l.place || strcmp(l.place->tz, zone) : l.place != NULL)) {
		printf("#   line %d: '%s' -> venue '%s' city '%s' region '%s' "
		       "country '%s' zone %s; want '%s' '%s' '%s' '%s' %s\n",
		       line, s, l.venue ? l.venue : "", l.city ? l.city : "",
		       l.region ? l.region : "", l.country,
		       l.place ? l.place->tz : "(none)", venue, city, region, cc,
		       zone ? zone : "(none)");
		test_failed_now = 1;
	}
	location_release(&l);
}
#define LOC(...) check_loc(__LINE__, __VA_ARGS__)

TEST(simple_forms)
{
	LOC("", "", "", "", "", NULL);
	LOC("Seoul", "", "Seoul", "", "KR", "Asia/Seoul");
	LOC("Japan", "", "", "", "JP", NULL);
	LOC("Singapore", "", "Singapore", "", "SG", "Asia/Singapore");
	LOC("Hiroshima, Japan", "", "Hiroshima", "", "JP", "Asia/Tokyo");
	LOC("Seoul, South Korea", "", "Seoul", "", "KR", "Asia/Seoul");
	LOC("Yongsan Presidential Office, Seoul", "Yongsan Presidential Office",
	    "Seoul", "", "KR", "Asia/Seoul");
	LOC("Yongsan Presidential Office, Seoul, KR", "Yongsan Presidential Office",
	    "Seoul", "", "KR", "Asia/Seoul");
	LOC("Quai d'Orsay, Paris", "Quai d'Orsay", "Paris", "", "FR", "Europe/Paris");
	LOC("Ministère des Affaires étrangères; salle 3, Paris",
	    "Ministère des Affaires étrangères; salle 3", "Paris", "", "FR",
	    "Europe/Paris");
	LOC("Palais d'Egmont\nPlace du Petit Sablon 8\n1000 Bruxelles",
	    "Palais d'Egmont, Place du Petit Sablon 8", "Bruxelles", "", "BE",
	    "Europe/Brussels");
	LOC("LITEXPO, Vilnius, Lithuania", "LITEXPO", "Vilnius", "", "LT",
	    "Europe/Vilnius");
	LOC("Luxembourg, Luxembourg", "", "Luxembourg", "", "LU", "Europe/Luxembourg");
	LOC("Marina Bay Sands, Singapore", "Marina Bay Sands", "Singapore", "", "SG",
	    "Asia/Singapore");
	LOC("  Hà Nội ,  Việt Nam ", "", "Hà Nội", "", "VN", "Asia/Ho_Chi_Minh");
}

TEST(postcodes)
{
	LOC("Rue de la Loi 200, 1049 Brussels, Belgium", "Rue de la Loi 200",
	    "Brussels", "", "BE", "Europe/Brussels");
	LOC("Willy-Brandt-Straße 1, 10557 Berlin, Germany", "Willy-Brandt-Straße 1",
	    "Berlin", "", "DE", "Europe/Berlin");
	LOC("Willy-Brandt-Straße 1, D-10557 Berlin", "Willy-Brandt-Straße 1",
	    "Berlin", "", "DE", "Europe/Berlin");
	LOC("Palais des Nations, CH-1211 Genève 10, Switzerland", "Palais des Nations",
	    "Genève", "", "CH", "Europe/Zurich");
	LOC("10 Downing Street, London SW1A 2AA, UK", "10 Downing Street", "London",
	    "", "GB", "Europe/London");
	LOC("2-3-1 Nagatacho, Chiyoda-ku, Tokyo 100-8914, Japan",
	    "2-3-1 Nagatacho, Chiyoda-ku", "Tokyo", "", "JP", "Asia/Tokyo");
	LOC("55 Rue du Faubourg Saint-Honoré, 75008 Paris, France",
	    "55 Rue du Faubourg Saint-Honoré", "Paris", "", "FR", "Europe/Paris");
}

TEST(states_and_provinces)
{
	LOC("405 E 42nd St, New York, NY 10017, USA", "405 E 42nd St", "New York",
	    "NY", "US", "America/New_York");
	LOC("United Nations Headquarters, 405 E 42nd St, New York, NY 10017, USA",
	    "United Nations Headquarters, 405 E 42nd St", "New York", "NY", "US",
	    "America/New_York");
	LOC("405 E 42nd St, New York NY 10017", "405 E 42nd St", "New York",
	    "New York", "US", "America/New_York");
	LOC("1600 Pennsylvania Avenue NW, Washington, DC 20500",
	    "1600 Pennsylvania Avenue NW", "Washington", "DC", "US", "America/New_York");
	LOC("Texas State Capitol, Austin, TX 78701, United States",
	    "Texas State Capitol", "Austin", "TX", "US", "America/Chicago");
	LOC("Austin, Texas", "", "Austin", "Texas", "US", "America/Chicago");
	LOC("Portland, ME", "", "Portland, ME", "ME", "US", "America/New_York");
	LOC("Maine Medical Center, Portland, ME 04102", "Maine Medical Center",
	    "Portland, ME", "ME", "US", "America/New_York");
	LOC("Portland, Oregon", "", "Portland, Oregon", "Oregon", "US",
	    "America/Los_Angeles");
	LOC("Parliament Hill, Ottawa, ON K1A 0A9, Canada", "Parliament Hill", "Ottawa",
	    "ON", "CA", "America/Toronto");
	LOC("Government House, Victoria, BC", "Government House", "Victoria", "BC",
	    "CA", "America/Vancouver");
	LOC("Sydney Opera House, Bennelong Point, Sydney NSW 2000, Australia",
	    "Sydney Opera House, Bennelong Point", "Sydney", "New South Wales", "AU",
	    "Australia/Sydney");
	LOC("Atlanta, Georgia", "", "Atlanta", "Georgia", "US", "America/New_York");
	/* No such city in the gazetteer: the city as written, in the state's
	 * country. */
	LOC("Harvard Kennedy School, Cambridge, MA 02138", "Harvard Kennedy School",
	    "Cambridge, MA", "MA", "US", NULL);
	LOC("New York, USA", "", "New York", "", "US", "America/New_York");
	LOC("760 United Nations Plaza, New York", "760 United Nations Plaza", "New York",
	    "", "US", "America/New_York");
	/* A division's name that is a city's too, with no known city before
	 * it, is the city (a venue comes before it more often: "United
	 * Nations, New York"); its code keeps it a division. */
	LOC("Albany, New York", "Albany", "New York", "", "US", "America/New_York");
	LOC("Albany, NY", "", "Albany, NY", "NY", "US", NULL);
	/* Two letters that are a state and a country: the country when the
	 * city is there. */
	LOC("Mohammed V Avenue, Rabat, MA", "Mohammed V Avenue", "Rabat", "", "MA",
	    "Africa/Casablanca");
	LOC("Sacramento, CA", "", "Sacramento, CA", "CA", "US", NULL);
	LOC("San Francisco, CA", "", "San Francisco", "CA", "US", "America/Los_Angeles");
	LOC("Tbilisi, Georgia", "", "Tbilisi", "", "GE", "Asia/Tbilisi");
}

TEST(codes_of_several_countries)
{
	/* NT and WA are Canadian/US and Australian codes: the division is
	 * the one whose country holds the city. */
	LOC("Darwin, NT 0800", "", "Darwin", "NT", "AU", "Australia/Darwin");
	LOC("Darwin NT 0800", "", "Darwin", "Northern Territory", "AU",
	    "Australia/Darwin");
	LOC("Perth WA 6000, Australia", "", "Perth", "Western Australia", "AU",
	    "Australia/Perth");
	LOC("Parliament House, Perth WA 6000", "Parliament House", "Perth",
	    "Western Australia", "AU", "Australia/Perth");
	LOC("Adelaide, SA 5000", "", "Adelaide", "SA", "AU", "Australia/Adelaide");
	/* A country written elsewhere wins. */
	LOC("Riyadh, SA", "", "Riyadh", "", "SA", "Asia/Riyadh");
}

/* The zone place_zone() gives the parsed city and country. */
static void check_zone(int line, const char *s, const char *zone)
{
	struct location l;
	struct place_zone z;

	location_parse(s, &l);
	place_zone(l.city, l.country, &z);
	if (!z.tz || strcmp(z.tz, zone)) {
		printf("#   line %d: '%s' (city '%s', %s) -> zone %s; want %s\n", line, s,
		       l.city ? l.city : "", l.country, z.tz ? z.tz : "(none)", zone);
		test_failed_now = 1;
	}
	location_release(&l);
}
#define ZONE(...) check_zone(__LINE__, __VA_ARGS__)

TEST(division_zones)
{
	/* A city the gazetteer lacks, in a known state: the state's zone,
	 * not the country's main one. */
	ZONE("Sacramento, CA", "America/Los_Angeles");
	ZONE("1 Hacker Way, Menlo Park, CA 94025", "America/Los_Angeles");
	ZONE("Olympia, WA", "America/Los_Angeles");
	ZONE("Kailua-Kona, HI 96740", "Pacific/Honolulu");
	ZONE("Fremantle, WA 6160, Australia", "Australia/Perth");
	ZONE("Albany, NY", "America/New_York");
	ZONE("Whitehorse, Yukon", "America/Whitehorse");
	ZONE("Some Town, Texas", "America/Chicago");
}

TEST(own_language_names)
{
	/* Countries in their own languages; their postcodes and codes. */
	LOC("Palais Fédéral, Bundesplatz 3, 3003 Berne, Suisse",
	    "Palais Fédéral, Bundesplatz 3", "Berne", "", "CH", "Europe/Zurich");
	LOC("Via della Conciliazione, 00193 Roma RM, Italia",
	    "Via della Conciliazione", "Roma", "", "IT", "Europe/Rome");
	LOC("Binnenhof 1A, 2513 AA Den Haag, Nederland", "Binnenhof 1A", "Den Haag",
	    "", "NL", "Europe/Amsterdam");
	LOC("Genève, Suisse", "", "Genève", "", "CH", "Europe/Zurich");
	LOC("Willy-Brandt-Straße 1, 10557 Berlin, Deutschland",
	    "Willy-Brandt-Straße 1", "Berlin", "", "DE", "Europe/Berlin");
	LOC("Ballhausplatz 2, 1010 Wien, Österreich", "Ballhausplatz 2", "Wien", "",
	    "AT", "Europe/Vienna");
	LOC("Rue de la Loi 16, 1000 Bruxelles, Belgique", "Rue de la Loi 16",
	    "Bruxelles", "", "BE", "Europe/Brussels");
	LOC("Palácio do Planalto, Brasília, Brasil", "Palácio do Planalto", "Brasília",
	    "", "BR", "America/Sao_Paulo");
	LOC("Ankara, Türkei", "", "Ankara", "", "TR", "Europe/Istanbul");
	/* The countries of the United Kingdom name it. */
	LOC("Perth, Scotland", "", "Perth", "", "GB", NULL);
	LOC("Cardiff, Wales", "", "Cardiff", "", "GB", "Europe/London");
	ZONE("Perth, Scotland", "Europe/London");
	ZONE("Belfast, Northern Ireland", "Europe/London");
}

TEST(division_names_that_are_cities)
{
	/* New York and Washington at the end are the cities, not the
	 * states of a venue before them; D.C. is Washington's division. */
	LOC("United Nations, New York", "United Nations", "New York", "", "US",
	    "America/New_York");
	LOC("Waldorf Astoria, New York", "Waldorf Astoria", "New York", "", "US",
	    "America/New_York");
	LOC("Blair House, Washington", "Blair House", "Washington", "", "US",
	    "America/New_York");
	LOC("Blair House, Washington, D.C.", "Blair House", "Washington", "D.C.", "US",
	    "America/New_York");
	LOC("Blair House, Washington, DC", "Blair House", "Washington", "DC", "US",
	    "America/New_York");
}

TEST(many_parts)
{
	/* More parts than the parser keeps apart: the first are joined into
	 * the venue, the city and country at the end are still found. */
	char s[512] = "", venue[512] = "";

	for (int i = 0; i < 30; i++) {
		char part[16];

		snprintf(part, sizeof(part), "%sRoom %d", i ? ", " : "", i);
		strcat(s, part);
		strcat(venue, part);
	}
	strcat(s, ", Berlin, Germany");
	LOC(s, venue, "Berlin", "", "DE", "Europe/Berlin");
}

TEST(country_anywhere)
{
	LOC("USA, Washington", "", "Washington", "", "US", "America/New_York");
	LOC("Germany, Berlin, Bundeskanzleramt", "Bundeskanzleramt", "Berlin", "", "DE",
	    "Europe/Berlin");
	LOC("Schloss Elmau, Germany", "", "Schloss Elmau", "", "DE", "Europe/Berlin");
}

TEST(unknown_places)
{
	/* A city the gazetteer lacks keeps its name and the country. */
	LOC("Redoute, Bad Godesberg, Germany", "Redoute", "Bad Godesberg", "", "DE", NULL);
	/* One part that names nothing is a venue, not a city. */
	LOC("Conference Room B", "Conference Room B", "", "", "", NULL);
	LOC("Room 4, Building 2", "Room 4, Building 2", "", "", "", NULL);
	/* One unknown part before a country is as likely a venue. */
	LOC("Burgerweeshuis, Netherlands", "Burgerweeshuis", "", "", "NL", NULL);
	/* A channel, not Switzerland; a room number, not a postcode. */
	LOC("CH 10", "CH 10", "", "", "", NULL);
	LOC("Ch 10", "Ch 10", "", "", "", NULL);
	LOC("6113", "6113", "", "", "", NULL);
	LOC("1000 Bruxelles", "", "Bruxelles", "", "BE", "Europe/Brussels");
	/* Lower-case two letters are words, not country codes. */
	LOC("Salle de, la", "Salle de", "la", "", "", NULL);
}

int main(void)
{
	RUN(simple_forms);
	RUN(postcodes);
	RUN(states_and_provinces);
	RUN(codes_of_several_countries);
	RUN(division_zones);
	RUN(own_language_names);
	RUN(division_names_that_are_cities);
	RUN(many_parts);
	RUN(country_anywhere);
	RUN(unknown_places);
	tz_cache_free();
	return test_done();
}
