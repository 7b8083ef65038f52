/*
 * places.c: the gazetteer, PLACEHOLDER edition (issue 3 replaces the data
 * and the lookup behind the same API).
 *
 * A small table of capitals and summit cities. Names are matched on their
 * folded form (utf8_fold with UTF8_FOLD_ALNUM: lower case, Latin accents
 * removed, spaces and punctuation dropped), so "sao paulo", "São Paulo" and
 * "Sao-Paulo" are one city. Each entry lists its folded names, canonical
 * first, separated by '|'. Entries are in order of prominence within a
 * name: the first match wins when no country is given.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/places.h"
#include "itin/utf8.h"

struct entry {
	const char *keys;
	struct place p;
};

static const struct entry places[] = {
	{"abudhabi", {"Abu Dhabi", "AE", "Asia/Dubai", 24.4539, 54.3773}},
	{"addisababa|addisabeba", {"Addis Ababa", "ET", "Africa/Addis_Ababa", 9.0300, 38.7400}},
	{"amsterdam", {"Amsterdam", "NL", "Europe/Amsterdam", 52.3676, 4.9041}},
	{"ankara", {"Ankara", "TR", "Europe/Istanbul", 39.9334, 32.8597}},
	{"athens|athina|athinai", {"Athens", "GR", "Europe/Athens", 37.9838, 23.7275}},
	{"bali|nusadua|denpasar", {"Nusa Dua", "ID", "Asia/Makassar", -8.8008, 115.2330}},
	{"bangkok|krungthep", {"Bangkok", "TH", "Asia/Bangkok", 13.7563, 100.5018}},
	{"beijing|peking", {"Beijing", "CN", "Asia/Shanghai", 39.9042, 116.4074}},
	{"berlin", {"Berlin", "DE", "Europe/Berlin", 52.5200, 13.4050}},
	{"brasilia", {"Brasília", "BR", "America/Sao_Paulo", -15.7939, -47.8828}},
	{"brussels|bruxelles|brussel", {"Brussels", "BE", "Europe/Brussels", 50.8503, 4.3517}},
	{"bucharest|bucuresti", {"Bucharest", "RO", "Europe/Bucharest", 44.4268, 26.1025}},
	{"budapest", {"Budapest", "HU", "Europe/Budapest", 47.4979, 19.0402}},
	{"buenosaires", {"Buenos Aires", "AR", "America/Argentina/Buenos_Aires", -34.6037, -58.3816}},
	{"cairo|alqahirah", {"Cairo", "EG", "Africa/Cairo", 30.0444, 31.2357}},
	{"canberra", {"Canberra", "AU", "Australia/Sydney", -35.2809, 149.1300}},
	{"copenhagen|kobenhavn", {"Copenhagen", "DK", "Europe/Copenhagen", 55.6761, 12.5683}},
	{"davos", {"Davos", "CH", "Europe/Zurich", 46.8027, 9.8360}},
	{"doha", {"Doha", "QA", "Asia/Qatar", 25.2854, 51.5310}},
	{"dubai", {"Dubai", "AE", "Asia/Dubai", 25.2048, 55.2708}},
	{"geneva|geneve|genf|ginevra", {"Geneva", "CH", "Europe/Zurich", 46.2044, 6.1432}},
	{"granada", {"Granada", "ES", "Europe/Madrid", 37.1773, -3.5986}},
	{"granada", {"Granada", "NI", "America/Managua", 11.9344, -85.9560}},
	{"hanoi", {"Hanoi", "VN", "Asia/Ho_Chi_Minh", 21.0278, 105.8342}},
	{"helsinki|helsingfors", {"Helsinki", "FI", "Europe/Helsinki", 60.1699, 24.9384}},
	{"hiroshima", {"Hiroshima", "JP", "Asia/Tokyo", 34.3853, 132.4553}},
	{"istanbul|constantinople", {"Istanbul", "TR", "Europe/Istanbul", 41.0082, 28.9784}},
	{"jakarta", {"Jakarta", "ID", "Asia/Jakarta", -6.2088, 106.8456}},
	{"jeddah|jiddah", {"Jeddah", "SA", "Asia/Riyadh", 21.4858, 39.1925}},
	{"johannesburg", {"Johannesburg", "ZA", "Africa/Johannesburg", -26.2041, 28.0473}},
	{"kyiv|kiev|kyjiv|kiew", {"Kyiv", "UA", "Europe/Kyiv", 50.4501, 30.5234}},
	{"lisbon|lisboa", {"Lisbon", "PT", "Europe/Lisbon", 38.7223, -9.1393}},
	{"london", {"London", "GB", "Europe/London", 51.5074, -0.1278}},
	{"madrid", {"Madrid", "ES", "Europe/Madrid", 40.4168, -3.7038}},
	{"manila", {"Manila", "PH", "Asia/Manila", 14.5995, 120.9842}},
	{"mexicocity|ciudaddemexico|mexico", {"Mexico City", "MX", "America/Mexico_City", 19.4326, -99.1332}},
	{"moscow|moskva", {"Moscow", "RU", "Europe/Moscow", 55.7558, 37.6173}},
	{"nairobi", {"Nairobi", "KE", "Africa/Nairobi", -1.2921, 36.8219}},
	{"newdelhi|delhi", {"New Delhi", "IN", "Asia/Kolkata", 28.6139, 77.2090}},
	{"newyork|newyorkcity|nyc", {"New York", "US", "America/New_York", 40.7128, -74.0060}},
	{"osaka", {"Osaka", "JP", "Asia/Tokyo", 34.6937, 135.5023}},
	{"oslo", {"Oslo", "NO", "Europe/Oslo", 59.9139, 10.7522}},
	{"ottawa", {"Ottawa", "CA", "America/Toronto", 45.4215, -75.6972}},
	{"paris", {"Paris", "FR", "Europe/Paris", 48.8566, 2.3522}},
	{"prague|praha", {"Prague", "CZ", "Europe/Prague", 50.0755, 14.4378}},
	{"pretoria|tshwane", {"Pretoria", "ZA", "Africa/Johannesburg", -25.7479, 28.2293}},
	{"riga", {"Riga", "LV", "Europe/Riga", 56.9496, 24.1052}},
	{"riodejaneiro|rio", {"Rio de Janeiro", "BR", "America/Sao_Paulo", -22.9068, -43.1729}},
	{"riyadh|arriyad", {"Riyadh", "SA", "Asia/Riyadh", 24.7136, 46.6753}},
	{"rome|roma", {"Rome", "IT", "Europe/Rome", 41.9028, 12.4964}},
	{"santiago|santiagodechile", {"Santiago", "CL", "America/Santiago", -33.4489, -70.6693}},
	{"saopaulo", {"São Paulo", "BR", "America/Sao_Paulo", -23.5505, -46.6333}},
	{"seoul|soul", {"Seoul", "KR", "Asia/Seoul", 37.5665, 126.9780}},
	{"sharmelsheikh|sharmashshaykh|sharmelshaikh", {"Sharm el-Sheikh", "EG", "Africa/Cairo", 27.9158, 34.3300}},
	{"singapore", {"Singapore", "SG", "Asia/Singapore", 1.3521, 103.8198}},
	{"stockholm", {"Stockholm", "SE", "Europe/Stockholm", 59.3293, 18.0686}},
	{"sydney", {"Sydney", "AU", "Australia/Sydney", -33.8688, 151.2093}},
	{"tallinn", {"Tallinn", "EE", "Europe/Tallinn", 59.4370, 24.7536}},
	{"thehague|hague|denhaag|sgravenhage", {"The Hague", "NL", "Europe/Amsterdam", 52.0705, 4.3007}},
	{"tokyo", {"Tokyo", "JP", "Asia/Tokyo", 35.6762, 139.6503}},
	{"vienna|wien", {"Vienna", "AT", "Europe/Vienna", 48.2082, 16.3738}},
	{"vilnius|wilno", {"Vilnius", "LT", "Europe/Vilnius", 54.6872, 25.2797}},
	{"warsaw|warszawa", {"Warsaw", "PL", "Europe/Warsaw", 52.2297, 21.0122}},
	{"washington|washingtondc", {"Washington", "US", "America/New_York", 38.9072, -77.0369}},
	{"wellington", {"Wellington", "NZ", "Pacific/Auckland", -41.2865, 174.7762}},
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct cc_zone {
	char cc[3];
	const char *tz;
};

/* Every code in tzdata's iso3166.tab, sorted. */
static const char iso_codes[][3] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT",
	"AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI",
	"BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY",
	"BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
	"CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
	"DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK",
	"FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
	"GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
	"HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR",
	"IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
	"KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS",
	"LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
	"ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW",
	"MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
	"NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
	"PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
	"SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM",
	"SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF",
	"TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
	"TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
	"VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

/*
 * Countries with exactly one zone in tzdata's zone.tab, sorted by code, plus
 * four whose other zones are remote or share the capital's clock (AR's
 * provinces, CN's Urumqi, DE's Busingen, UA's Crimea) so that a country
 * alone still gives the time people expect.
 */
static const struct cc_zone single_zone[] = {
	{"AD", "Europe/Andorra"},
	{"AE", "Asia/Dubai"},
	{"AF", "Asia/Kabul"},
	{"AG", "America/Antigua"},
	{"AI", "America/Anguilla"},
	{"AL", "Europe/Tirane"},
	{"AM", "Asia/Yerevan"},
	{"AO", "Africa/Luanda"},
	{"AR", "America/Argentina/Buenos_Aires"},
	{"AS", "Pacific/Pago_Pago"},
	{"AT", "Europe/Vienna"},
	{"AW", "America/Aruba"},
	{"AX", "Europe/Mariehamn"},
	{"AZ", "Asia/Baku"},
	{"BA", "Europe/Sarajevo"},
	{"BB", "America/Barbados"},
	{"BD", "Asia/Dhaka"},
	{"BE", "Europe/Brussels"},
	{"BF", "Africa/Ouagadougou"},
	{"BG", "Europe/Sofia"},
	{"BH", "Asia/Bahrain"},
	{"BI", "Africa/Bujumbura"},
	{"BJ", "Africa/Porto-Novo"},
	{"BL", "America/St_Barthelemy"},
	{"BM", "Atlantic/Bermuda"},
	{"BN", "Asia/Brunei"},
	{"BO", "America/La_Paz"},
	{"BQ", "America/Kralendijk"},
	{"BS", "America/Nassau"},
	{"BT", "Asia/Thimphu"},
	{"BW", "Africa/Gaborone"},
	{"BY", "Europe/Minsk"},
	{"BZ", "America/Belize"},
	{"CC", "Indian/Cocos"},
	{"CF", "Africa/Bangui"},
	{"CG", "Africa/Brazzaville"},
	{"CH", "Europe/Zurich"},
	{"CI", "Africa/Abidjan"},
	{"CK", "Pacific/Rarotonga"},
	{"CM", "Africa/Douala"},
	{"CN", "Asia/Shanghai"},
	{"CO", "America/Bogota"},
	{"CR", "America/Costa_Rica"},
	{"CU", "America/Havana"},
	{"CV", "Atlantic/Cape_Verde"},
	{"CW", "America/Curacao"},
	{"CX", "Indian/Christmas"},
	{"CZ", "Europe/Prague"},
	{"DE", "Europe/Berlin"},
	{"DJ", "Africa/Djibouti"},
	{"DK", "Europe/Copenhagen"},
	{"DM", "America/Dominica"},
	{"DO", "America/Santo_Domingo"},
	{"DZ", "Africa/Algiers"},
	{"EE", "Europe/Tallinn"},
	{"EG", "Africa/Cairo"},
	{"EH", "Africa/El_Aaiun"},
	{"ER", "Africa/Asmara"},
	{"ET", "Africa/Addis_Ababa"},
	{"FI", "Europe/Helsinki"},
	{"FJ", "Pacific/Fiji"},
	{"FK", "Atlantic/Stanley"},
	{"FO", "Atlantic/Faroe"},
	{"FR", "Europe/Paris"},
	{"GA", "Africa/Libreville"},
	{"GB", "Europe/London"},
	{"GD", "America/Grenada"},
	{"GE", "Asia/Tbilisi"},
	{"GF", "America/Cayenne"},
	{"GG", "Europe/Guernsey"},
	{"GH", "Africa/Accra"},
	{"GI", "Europe/Gibraltar"},
	{"GM", "Africa/Banjul"},
	{"GN", "Africa/Conakry"},
	{"GP", "America/Guadeloupe"},
	{"GQ", "Africa/Malabo"},
	{"GR", "Europe/Athens"},
	{"GS", "Atlantic/South_Georgia"},
	{"GT", "America/Guatemala"},
	{"GU", "Pacific/Guam"},
	{"GW", "Africa/Bissau"},
	{"GY", "America/Guyana"},
	{"HK", "Asia/Hong_Kong"},
	{"HN", "America/Tegucigalpa"},
	{"HR", "Europe/Zagreb"},
	{"HT", "America/Port-au-Prince"},
	{"HU", "Europe/Budapest"},
	{"IE", "Europe/Dublin"},
	{"IL", "Asia/Jerusalem"},
	{"IM", "Europe/Isle_of_Man"},
	{"IN", "Asia/Kolkata"},
	{"IO", "Indian/Chagos"},
	{"IQ", "Asia/Baghdad"},
	{"IR", "Asia/Tehran"},
	{"IS", "Atlantic/Reykjavik"},
	{"IT", "Europe/Rome"},
	{"JE", "Europe/Jersey"},
	{"JM", "America/Jamaica"},
	{"JO", "Asia/Amman"},
	{"JP", "Asia/Tokyo"},
	{"KE", "Africa/Nairobi"},
	{"KG", "Asia/Bishkek"},
	{"KH", "Asia/Phnom_Penh"},
	{"KM", "Indian/Comoro"},
	{"KN", "America/St_Kitts"},
	{"KP", "Asia/Pyongyang"},
	{"KR", "Asia/Seoul"},
	{"KW", "Asia/Kuwait"},
	{"KY", "America/Cayman"},
	{"LA", "Asia/Vientiane"},
	{"LB", "Asia/Beirut"},
	{"LC", "America/St_Lucia"},
	{"LI", "Europe/Vaduz"},
	{"LK", "Asia/Colombo"},
	{"LR", "Africa/Monrovia"},
	{"LS", "Africa/Maseru"},
	{"LT", "Europe/Vilnius"},
	{"LU", "Europe/Luxembourg"},
	{"LV", "Europe/Riga"},
	{"LY", "Africa/Tripoli"},
	{"MA", "Africa/Casablanca"},
	{"MC", "Europe/Monaco"},
	{"MD", "Europe/Chisinau"},
	{"ME", "Europe/Podgorica"},
	{"MF", "America/Marigot"},
	{"MG", "Indian/Antananarivo"},
	{"MK", "Europe/Skopje"},
	{"ML", "Africa/Bamako"},
	{"MM", "Asia/Yangon"},
	{"MO", "Asia/Macau"},
	{"MP", "Pacific/Saipan"},
	{"MQ", "America/Martinique"},
	{"MR", "Africa/Nouakchott"},
	{"MS", "America/Montserrat"},
	{"MT", "Europe/Malta"},
	{"MU", "Indian/Mauritius"},
	{"MV", "Indian/Maldives"},
	{"MW", "Africa/Blantyre"},
	{"MZ", "Africa/Maputo"},
	{"NA", "Africa/Windhoek"},
	{"NC", "Pacific/Noumea"},
	{"NE", "Africa/Niamey"},
	{"NF", "Pacific/Norfolk"},
	{"NG", "Africa/Lagos"},
	{"NI", "America/Managua"},
	{"NL", "Europe/Amsterdam"},
	{"NO", "Europe/Oslo"},
	{"NP", "Asia/Kathmandu"},
	{"NR", "Pacific/Nauru"},
	{"NU", "Pacific/Niue"},
	{"OM", "Asia/Muscat"},
	{"PA", "America/Panama"},
	{"PE", "America/Lima"},
	{"PH", "Asia/Manila"},
	{"PK", "Asia/Karachi"},
	{"PL", "Europe/Warsaw"},
	{"PM", "America/Miquelon"},
	{"PN", "Pacific/Pitcairn"},
	{"PR", "America/Puerto_Rico"},
	{"PW", "Pacific/Palau"},
	{"PY", "America/Asuncion"},
	{"QA", "Asia/Qatar"},
	{"RE", "Indian/Reunion"},
	{"RO", "Europe/Bucharest"},
	{"RS", "Europe/Belgrade"},
	{"RW", "Africa/Kigali"},
	{"SA", "Asia/Riyadh"},
	{"SB", "Pacific/Guadalcanal"},
	{"SC", "Indian/Mahe"},
	{"SD", "Africa/Khartoum"},
	{"SE", "Europe/Stockholm"},
	{"SG", "Asia/Singapore"},
	{"SH", "Atlantic/St_Helena"},
	{"SI", "Europe/Ljubljana"},
	{"SJ", "Arctic/Longyearbyen"},
	{"SK", "Europe/Bratislava"},
	{"SL", "Africa/Freetown"},
	{"SM", "Europe/San_Marino"},
	{"SN", "Africa/Dakar"},
	{"SO", "Africa/Mogadishu"},
	{"SR", "America/Paramaribo"},
	{"SS", "Africa/Juba"},
	{"ST", "Africa/Sao_Tome"},
	{"SV", "America/El_Salvador"},
	{"SX", "America/Lower_Princes"},
	{"SY", "Asia/Damascus"},
	{"SZ", "Africa/Mbabane"},
	{"TC", "America/Grand_Turk"},
	{"TD", "Africa/Ndjamena"},
	{"TF", "Indian/Kerguelen"},
	{"TG", "Africa/Lome"},
	{"TH", "Asia/Bangkok"},
	{"TJ", "Asia/Dushanbe"},
	{"TK", "Pacific/Fakaofo"},
	{"TL", "Asia/Dili"},
	{"TM", "Asia/Ashgabat"},
	{"TN", "Africa/Tunis"},
	{"TO", "Pacific/Tongatapu"},
	{"TR", "Europe/Istanbul"},
	{"TT", "America/Port_of_Spain"},
	{"TV", "Pacific/Funafuti"},
	{"TW", "Asia/Taipei"},
	{"TZ", "Africa/Dar_es_Salaam"},
	{"UA", "Europe/Kyiv"},
	{"UG", "Africa/Kampala"},
	{"UY", "America/Montevideo"},
	{"VA", "Europe/Vatican"},
	{"VC", "America/St_Vincent"},
	{"VE", "America/Caracas"},
	{"VG", "America/Tortola"},
	{"VI", "America/St_Thomas"},
	{"VN", "Asia/Ho_Chi_Minh"},
	{"VU", "Pacific/Efate"},
	{"WF", "Pacific/Wallis"},
	{"WS", "Pacific/Apia"},
	{"YE", "Asia/Aden"},
	{"YT", "Indian/Mayotte"},
	{"ZA", "Africa/Johannesburg"},
	{"ZM", "Africa/Lusaka"},
	{"ZW", "Africa/Harare"},
};

static int cmp_cc(const void *key, const void *elem)
{
	return strcmp(key, elem);
}

static int cmp_cc_zone(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cc_zone *)elem)->cc);
}

/* An upper-case copy of a two-letter code, or false if cc is not one. */
static bool norm_cc(const char *cc, char out[3])
{
	int i;

	for (i = 0; i < 2; i++) {
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

bool country_code_is_valid(const char *cc)
{
	if (!cc || strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' ||
	    cc[1] < 'A' || cc[1] > 'Z')
		return false;
	return bsearch(cc, iso_codes, ARRAY_SIZE(iso_codes), sizeof(iso_codes[0]),
		       cmp_cc) != NULL;
}

const char *country_single_zone(const char *cc)
{
	const struct cc_zone *z;
	char code[3];

	if (!cc || !norm_cc(cc, code))
		return NULL;
	z = bsearch(code, single_zone, ARRAY_SIZE(single_zone),
		    sizeof(single_zone[0]), cmp_cc_zone);
	return z ? z->tz : NULL;
}

/* Does the '|'-separated list keys hold exactly name? */
static bool key_matches(const char *keys, const char *name, size_t len)
{
	const char *p = keys;

	for (;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == len && !memcmp(p, name, len))
			return true;
		if (!bar)
			return false;
		p = bar + 1;
	}
}

const struct place *place_find(const char *city, const char *cc, bool *ambiguous)
{
	const struct place *found = NULL;
	char name[128], code[3];
	size_t len, i;
	bool want_cc = cc && *cc;

	if (ambiguous)
		*ambiguous = false;
	if (!city)
		return NULL;
	if (want_cc && !norm_cc(cc, code))
		return NULL;
	len = utf8_fold(city, name, sizeof(name), UTF8_FOLD_ALNUM);
	if (len == 0 || len >= sizeof(name))
		return NULL;	/* empty, or longer than any name we know */
	for (i = 0; i < ARRAY_SIZE(places); i++) {
		if (want_cc && strcmp(places[i].p.country, code))
			continue;
		if (!key_matches(places[i].keys, name, len))
			continue;
		if (!found) {
			found = &places[i].p;
			if (want_cc)
				break;
		} else {
			if (ambiguous)
				*ambiguous = true;
			break;
		}
	}
	return found;
}
