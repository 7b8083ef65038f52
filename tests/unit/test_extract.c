/*
 * test_extract.c: the extractor of `itin extract` (src/extract): the
 * sentences of a text, the places, people and triggers of a sentence,
 * the capital of a country, and whole reports read into events.
 */
#include <stdint.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/evlist.h"
#include "itin/places.h"
#include "test.h"
#include "xreport.h"
#include "../../src/extract/extract.h"
#include "../../src/extract/xleg.h"
#include "../../src/extract/xplace.h"
#include "../../src/extract/xsent.h"
#include "../../src/extract/xtok.h"
#include "../../src/extract/xwho.h"

/* Scratch for one sentence: big (the token array is fixed), so static. */
static struct xtoks toks;
static struct xplaces sc_places;
static struct xpeople sc_people;
static struct xtriggers trigs;

/* ---- sentences ---- */

/* The sentences of text joined by '|'. */
static const char *split(const char *text)
{
	static char out[2048];
	struct xsents s;
	size_t len = 0;

	xsents_init(&s);
	xsent_split(text, strlen(text), &s);
	out[0] = '\0';
	for (size_t i = 0; i < s.n && len + s.v[i].len + 2 < sizeof(out); i++) {
		if (i)
			out[len++] = '|';
		memcpy(out + len, text + s.v[i].off, s.v[i].len);
		len += s.v[i].len;
		out[len] = '\0';
	}
	xsents_release(&s);
	return out;
}

TEST(sentences)
{
	CHECK_STR(split("He arrives on Jan. 29. He leaves Sept. 3."),
		  "He arrives on Jan. 29.|He leaves Sept. 3.");
	CHECK_STR(split("Mr. Kishida met Dr. Lee at 10 a.m. Then he left."),
		  "Mr. Kishida met Dr. Lee at 10 a.m.|Then he left.");
	CHECK_STR(split("Jens H. Stoltenberg spoke. The U.N. chief did too."),
		  "Jens H. Stoltenberg spoke.|The U.N. chief did too.");
	CHECK_STR(split("He visited the U.S. The trip was short."),
		  "He visited the U.S.|The trip was short.");
	CHECK_STR(split("St. Petersburg, No. 1 in Russia, is big. Yes."),
		  "St. Petersburg, No. 1 in Russia, is big.|Yes.");
	/* A closing quote ends the sentence once (it was cut twice). */
	CHECK_STR(split("The theme is \"Empower. Grow.\" The summit opens."),
		  "The theme is \"Empower.|Grow.\"|The summit opens.");
	CHECK_STR(split("Headline with no stop\n\nFirst paragraph. Second."),
		  "Headline with no stop|First paragraph.|Second.");
	CHECK_STR(split("Date\n1/30/2023\nBody"), "Date|1/30/2023|Body");
}

TEST(sentences_wrapped_and_quoted)
{
	const char *wrapped =
	    "The minister will travel to Seoul on Sunday for a visit that\n"
	    "will last two days, the ministry said in a statement on the\n"
	    "same day, adding that talks with his counterpart are planned\n"
	    "and that a joint press conference will follow the talks there.\n"
	    "Short line\n";
	struct xsents s;

	CHECK_STR(split(wrapped),
		  "The minister will travel to Seoul on Sunday for a visit "
		  "that\nwill last two days, the ministry said in a statement "
		  "on the\nsame day, adding that talks with his counterpart "
		  "are planned\nand that a joint press conference will follow "
		  "the talks there.|Short line");
	xsents_init(&s);
	xsent_split("\"I will visit Paris on Monday,\" he said.", 40, &s);
	CHECK_INT(s.n, 1);
	CHECK(s.n == 1 && s.v[0].quoted);
	xsents_release(&s);
}

TEST(sentences_bounded)
{
	size_t n = 300000;
	char *big = malloc(n + 1);
	struct xsents s;

	memset(big, 'a', n);
	big[n] = '\0';
	xsents_init(&s);
	xsent_split(big, n, &s);
	CHECK(s.n > 1);
	for (size_t i = 0; i < s.n; i++)
		CHECK(s.v[i].len <= XSENT_MAXLEN + 200);
	xsents_release(&s);
	free(big);
}

/* ---- places ---- */

/* The places of one sentence as "kind:CC:city" joined by ' '; with
 * known, only its cities, the towns xnewcity learns into known too. */
static const char *places_in(const char *text, const char *ctx,
			     struct xnewcities *known)
{
	static char out[512];
	size_t len = 0;

	xtok_split(text, 0, strlen(text), &toks);
	xplace_scan(text, &toks, ctx, &sc_places);
	if (known)
		xnewcity_scan(text, &toks, ctx, known, &sc_places);
	out[0] = '\0';
	for (size_t i = 0; i < sc_places.n; i++) {
		const struct xplace *p = &sc_places.v[i];

		if (known && p->kind != XP_CITY)
			continue;
		len += (size_t)snprintf(
		    out + len, sizeof(out) - len, "%s%c:%s%s%s", len ? " " : "",
		    "CKA"[p->kind], p -> cc, p -> city ? ":" : "",
		    p->city ? p->city->city : "");
	}
	return out;
}

static const char *places_of(const char *text, const char *ctx)
{
	return places_in(text, ctx, NULL);
}

TEST(places)
{
	CHECK_STR(places_of("He will head to the Japanese capital, Tokyo.", ""),
		  "A:JP C:JP:Tokyo C:JP:Tokyo");
	CHECK_STR(places_of("South Korean President Yoon met him.", ""),
		  "A:KR");
	CHECK_STR(places_of("A visit to South Korea and Japan.", ""),
		  "K:KR K:JP");
	CHECK_STR(
	    places_of("He told the Korea Herald and the Bank of Japan.", ""),
	    "");
	CHECK_STR(places_of("He met reporters at the White House.", ""),
		  "C:US:Washington, D.C.");
	CHECK_STR(places_of("Nice to meet you in Nice.", ""), "C:FR:Nice");
	CHECK_STR(places_of("IT TO IN: the U.S. commitment.", ""), "A:US");
	CHECK_STR(places_of("He flew to the US on Monday.", ""), "K:US");
	CHECK_STR(places_of("Talks in Singapore.", ""), "C:SG:Singapore");
	CHECK_STR(places_of("He arrived in the capital.", "KR"), "C:KR:Seoul");
	CHECK_STR(places_of("Steve Austin spoke in Austin.", ""),
		  "C:US:Austin");
	CHECK_STR(places_of("Emiratis and Britons came.", ""), "A:AE A:GB");
}

TEST(places_possessive_and_capital)
{
	xtok_split("Japan's capital hosts it.", 0, 25, &toks);
	xplace_scan("Japan's capital hosts it.", &toks, "", &sc_places);
	CHECK_INT(sc_places.n, 2);
	CHECK(sc_places.n == 2 && sc_places.v[0].possessive);
	CHECK(sc_places.n == 2 && sc_places.v[1].capital &&
	      sc_places.v[1].city &&
	      !strcmp(sc_places.v[1].city->city, "Tokyo"));
	CHECK(place_capital("jp") &&
	      !strcmp(place_capital("JP")->city, "Tokyo"));
	CHECK(place_capital("KR") &&
	      !strcmp(place_capital("KR")->city, "Seoul"));
	CHECK(place_capital("XX") == NULL);
	CHECK(place_capital(NULL) == NULL);
}

TEST(places_buildings)
{
	/* A house named for a city is no stay in it. */
	CHECK_STR(places_of("Talks at Hyderabad House in New Delhi.", ""),
		  "C:IN:New Delhi");
	CHECK_STR(places_of("He lands in Hyderabad on Monday.", ""),
		  "C:IN:Hyderabad");
	CHECK_STR(places_of("Talks at the White House.", ""),
		  "C:US:Washington, D.C.");
	/* Groups and days named for a place are no place. */
	CHECK_STR(places_of("He meets the Riga Three in Prague.", ""),
		  "C:CZ:Prague");
	CHECK_STR(places_of("The Canada Day reception in Ottawa.", ""),
		  "C:CA:Ottawa");
	/* A country before a title is whose title, not where. */
	CHECK_STR(places_of("In Colombo he meets Sri Lanka Foreign Minister "
			    "Vijitha Herath.",
			    ""),
		  "C:LK:Colombo A:LK");
}

/* Towns the gazetteer does not know, from the words around them. */
TEST(places_unknown_towns)
{
	struct xnewcities known = {0};

	CHECK_STR(places_in("He will travel to the port city of Lobito.", "AO",
			    &known),
		  "C:AO:Lobito");
	CHECK_STR(places_in("They meet in Fasano, a town on Italy's coast.",
			    "FR", &known),
		  "C:IT:Fasano");
	CHECK_STR(
	    places_in("He will visit the Italian town of Zorbano.", "", &known),
	    "C:IT:Zorbano");
	CHECK_STR(places_in("The visit ends in Cadiz, where he meets them.",
			    "ES", &known),
		  "C:ES:Cadiz");
	CHECK_STR(places_in("Where: Kinshasa and Goma", "", &known),
		  "C:CD:Kinshasa C:CD:Goma");
	/* Learned: the name alone is the town, not inside a longer one. */
	CHECK_STR(places_in("Friday 10 November (Goma)", "", &known),
		  "C:CD:Goma");
	CHECK_STR(places_in("the terminal of the Lobito Corridor", "", &known),
		  "");
	/* Unknown alone is no town; nor a region, a venue or a person. */
	CHECK_STR(places_in("He met Mutua in Nairobi.", "KE", &known),
		  "C:KE:Nairobi");
	CHECK_STR(places_in("He spoke in Europe, where he was.", "FR", &known),
		  "");
	CHECK_STR(places_in("He spoke at Harvard, where he was.", "US", &known),
		  "");
	CHECK_STR(
	    places_in("He will travel to Zorbia next week.", "US", &known), "");
	CHECK_STR(places_in("in Zorbia, a town", "", &known), "");
}

TEST(demonym_table)
{
	for (size_t i = 0; i < xdemonyms_n; i++) {
		CHECK(country_code_is_valid(xdemonyms[i].cc));
		if (i)
			CHECK(strcmp(xdemonyms[i - 1].key, xdemonyms[i].key) <
			      0);
	}
	CHECK_STR(xdemonym_country("south korean"), "KR");
	CHECK_STR(xdemonym_country("emirati"), "AE");
	CHECK(xdemonym_country("european") == NULL);
}

/* ---- people ---- */

/* The people of one sentence as "Name (Role) CC" joined by '; '. */
static const char *people_of(const char *text)
{
	static char out[512];
	size_t len = 0;

	xtok_split(text, 0, strlen(text), &toks);
	xwho_scan(text, &toks, &sc_people);
	out[0] = '\0';
	for (size_t i = 0; i < sc_people.n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len,
					"%s%s (%s) %s", i ? "; " : "",
					sc_people.v[i].name,
					sc_people.v[i].role, sc_people.v[i].cc);
	return out;
}

TEST(people)
{
	CHECK_STR(people_of("He met South Korean President Yoon Suk-yeol."),
		  "Yoon Suk-yeol (President) KR");
	CHECK_STR(people_of("NATO Secretary General Jens Stoltenberg said."),
		  "Jens Stoltenberg (NATO Secretary General) ");
	CHECK_STR(
	    people_of("He met Fumio Kishida, the Japanese prime minister."),
	    "Fumio Kishida (Prime Minister) JP");
	CHECK_STR(people_of("Secretary of State Antony J. Blinken will go."),
		  "Antony J. Blinken (Secretary of State) ");
	CHECK_STR(people_of("Chief Cabinet Secretary Hirokazu Matsuno said."),
		  "Hirokazu Matsuno (Chief Cabinet Secretary) ");
	CHECK_STR(people_of("Talks with Foreign Minister Park Jin and Defense "
			    "Minister Shin Won-sik."),
		  "Park Jin (Foreign Minister) ; Shin Won-sik (Defense "
		  "Minister) ");
	CHECK_STR(people_of("The president said on Monday."), "");
	CHECK_STR(people_of("Mr. Kishida agreed."), "Kishida () ");
	CHECK_STR(people_of("Tuesday 7 March: talks with Cabinet Secretary "
			    "Alfred Mutua"),
		  "Alfred Mutua (Cabinet Secretary) ");
}

/* ---- triggers ---- */

static const char *trigger_kinds(const char *text)
{
	static char out[64];

	xtok_split(text, 0, strlen(text), &toks);
	xtrig_scan(text, &toks, &trigs);
	for (size_t i = 0; i < trigs.n && i + 1 < sizeof(out); i++)
		out[i] = (char)('a' + trigs.v[i].kind);
	out[trigs.n < sizeof(out) ? trigs.n : sizeof(out) - 1] = '\0';
	return out;
}

TEST(triggers)
{
	char want[8];

	snprintf(want, sizeof(want), "%c", 'a' + XTR_PRESS);
	CHECK_STR(trigger_kinds("a joint press conference"), want);
	CHECK_STR(trigger_kinds("a press point by the President"), want);
	CHECK_STR(trigger_kinds("a joint press statement"), want);
	CHECK_STR(trigger_kinds("she will take questions from the media"),
		  want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_GATHER);
	CHECK_STR(trigger_kinds("the G7 foreign ministers' meeting"), want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_SUMMIT);
	CHECK_STR(trigger_kinds("the APEC Economic Leaders' Meeting"), want);
	CHECK_STR(trigger_kinds("the Conference of Heads of Government"), want);
	CHECK_STR(trigger_kinds("the 38th Ordinary Session of the Assembly of "
				"the African Union"),
		  want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_MEETING);
	CHECK_STR(trigger_kinds("talks with President Biden"), want);
	CHECK_STR(trigger_kinds("will be received by the Emperor"), want);
	/* A sentence's first "The" does not make "meeting" a name. */
	CHECK_STR(trigger_kinds("The meeting with the mayor is set"), want);
	CHECK_STR(trigger_kinds("Meeting with the mayor"), want);
	snprintf(want, sizeof(want), "%c%c", 'a' + XTR_MOVE, 'a' + XTR_VISIT);
	CHECK_STR(trigger_kinds("fly to Angola for a state visit"), want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_MOVE);
	CHECK_STR(trigger_kinds("will set off for Madrid"), want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_BLOCK);
	CHECK_STR(trigger_kinds("the 70th anniversary"), want);
	CHECK_STR(trigger_kinds("should register before Wednesday"), want);
	/* The anniversary a trip is made to mark is its purpose. */
	snprintf(want, sizeof(want), "%c", 'a' + XTR_VISIT);
	CHECK_STR(trigger_kinds("a stop in Anchorage to mark the anniversary"),
		  want);
	/* Of two countries, a gathering of leaders is a meeting. */
	snprintf(want, sizeof(want), "%c", 'a' + XTR_GATHER);
	CHECK_STR(trigger_kinds("the ninth China-Australia Annual Leaders' "
				"Meeting"),
		  want);
	CHECK_STR(trigger_kinds("the annual leaders' meeting with Albanese"),
		  want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_MEETING);
	CHECK_STR(trigger_kinds("a US-China summit"), want);
	CHECK_STR(trigger_kinds("hold a summit with President Biden"), want);
	snprintf(want, sizeof(want), "%c", 'a' + XTR_SUMMIT);
	CHECK_STR(trigger_kinds("the ASEAN-Australia Special Summit"), want);
	CHECK_STR(trigger_kinds("the Korea-Africa Summit"), want);
	CHECK_STR(trigger_kinds("the AI Action Summit with President Macron"),
		  want);
	CHECK_STR(trigger_kinds("a summit with the leaders of Angola"), want);
	CHECK_STR(trigger_kinds("the leaders' meeting with the leaders of "
				"Angola"),
		  want);
	/* Nor one that qualifies the noun after it. */
	CHECK_STR(trigger_kinds("ASEAN's first dialogue partner"), "");
	CHECK_STR(trigger_kinds("the summit venue"), "");
	/* An event word in a title's name is no event. */
	CHECK_STR(trigger_kinds("the Secretary General of the Pacific Islands "
				"Forum"),
		  "");
}

/* ---- whole reports ---- */

static const char nato[] =
    "Stoltenberg calls for strengthening security cooperation with Seoul\n"
    "Date\n1/30/2023 12:19:20 AM\n"
    "(MENAFN- Hip Hop-24) NATO Secretary General Jens Stoltenberg called "
    "for strengthening security cooperation with South Korea.\n"
    "\"The most important message is that we need to strengthen the "
    "partnership,\" Stoltenberg said, in an exclusive interview Friday with "
    "the South Korean \"Yonhap\" agency, before his visit to South Korea "
    "and Japan.\n"
    "The NATO chief expressed his intention to invite South Korean "
    "President Yoon Sok-yol to attend this year's NATO summit, which will "
    "be held on July 11-12 in Lithuania.\n"
    "NATO Secretary General is scheduled to arrive in Seoul on Sunday for "
    "a two-day visit, during which he will meet South Korean President "
    "Yoon Sok-yul, Foreign Minister Park Jin, and other senior officials.\n"
    "Then, on Monday, he will head to the Japanese capital, Tokyo, on a "
    "visit that will last until February 1, with the aim of meeting Prime "
    "Minister Fumio Kishida and other senior officials.\n";

TEST(report_nato)
{
	struct got g, again;
	const struct event *ev;

	extract(nato, NULL, &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "visit Seoul KR 2023-01-29..2023-01-30|"
			       "visit Tokyo JP 2023-01-30..2023-02-01|"
			       "summit - LT 2023-07-11..2023-07-12");
	if (g.evs.n == 3) {
		ev = g.evs.v[0];
		CHECK_STR(ev->title, "Visit to Seoul");
		CHECK_INT(ev->status, EV_TENTATIVE);
		CHECK_STR(ev->source, "report.txt");
		CHECK(ev->notes && strstr(ev->notes, "arrive in Seoul"));
		CHECK(ev->allday && ev->tz == NULL);
		CHECK(ev->nwith >= 3);
		CHECK_STR(ev->with[0].name, "Jens Stoltenberg");
		CHECK_STR(ev->with[0].role, "NATO Secretary General");
		CHECK_STR(ev->with[1].name, "Yoon Sok-yul");
		CHECK_STR(ev->with[1].role, "President");
		CHECK_STR(g.evs.v[1]->with[1].name, "Fumio Kishida");
		CHECK_STR(g.evs.v[2]->title, "NATO summit");
	}
	/* The same report twice: the same ids. */
	extract(nato, NULL, &again);
	CHECK_INT(again.evs.n, g.evs.n);
	for (size_t i = 0; i < g.evs.n && i < again.evs.n; i++)
		CHECK_STR(g.evs.v[i]->id, again.evs.v[i]->id);
	evlist_release(&g.evs);
	evlist_release(&again.evs);
}

TEST(report_no_date)
{
	struct got g;

	extract("The minister will visit Paris on Monday.\n", NULL, &g);
	CHECK_INT(g.rc, -1);
	CHECK_INT(g.err.status, ITIN_EX_DATAERR);
	CHECK(strstr(g.err.msg, "--date") != NULL);
	evlist_release(&g.evs);
	extract("The minister will visit Paris on Monday.\n", "2024-03-01", &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "visit Paris FR 2024-03-04..2024-03-04");
	evlist_release(&g.evs);
}

/* What a careful reader leaves out: someone else's trip, a recalled past,
 * an anniversary, a quote, a place the text gives no day for. */
TEST(report_distractors)
{
	struct got g;

	extract("Prime Minister Fumio Kishida will visit Manila on Tuesday.\n"
		"Kishida last visited Manila in 2019.\n"
		"South Korean President Yoon Suk-yeol will visit Washington on "
		"Wednesday.\n"
		"The visit comes ahead of the 70th anniversary of ties on "
		"Saturday.\n"
		"\"I will go to Paris on Thursday,\" a diplomat said.\n"
		"Kishida hopes to visit Hanoi later this year.\n",
		"2024-03-04", &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "visit Manila PH 2024-03-05..2024-03-05");
	evlist_release(&g.evs);
}

/* A press conference at a clock time is timed in its place's zone; a
 * meeting inside a visit with its own day is its own event. */
TEST(report_timed_and_inside)
{
	struct got g;

	extract("Turkish President Recep Tayyip Erdogan will travel to Cairo "
		"on Wednesday for a two-day visit.\n"
		"On Thursday, Erdogan will hold talks with Egyptian President "
		"Abdel Fattah al-Sisi.\n"
		"They will address a joint news conference at 4 pm on "
		"Thursday.\n",
		"2024-02-12", &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "visit Cairo EG 2024-02-14..2024-02-15|"
			       "meeting Cairo EG 2024-02-15..2024-02-15|"
			       "press Cairo EG 2024-02-15..2024-02-15");
	for (size_t i = 0; i < g.evs.n; i++) {
		const struct event *ev = g.evs.v[i];

		if (ev->type == EV_PRESS) {
			CHECK(!ev->allday);
			CHECK_STR(ev->tz, "Africa/Cairo");
			CHECK_INT(lsec_time_of_day(ev->start), 16 * 3600);
		}
		if (ev->type == EV_MEETING)
			CHECK_STR(ev->title,
				  "Meeting with Abdel Fattah al-Sisi");
	}
	evlist_release(&g.evs);
}

/* A programme: a day line's items, and the stay going on. */
TEST(report_programme)
{
	struct got g;

	extract("Minister for Foreign Affairs Pekka Haavisto will travel to "
		"Kenya and Ethiopia.\n\n"
		"Monday 6 March: arrival in Nairobi; meeting with Finnish "
		"companies\n"
		"Tuesday 7 March: talks with Cabinet Secretary Alfred Mutua\n"
		"Wednesday 8 March: travel to Addis Ababa\n"
		"Thursday 9 March: return to Helsinki\n",
		"2023-03-02", &g);
	CHECK_INT(g.rc, 0);
	/* Addis Ababa until the day before the return: nothing places the
	 * 9th there and no span of the trip ends that day (gov-01's
	 * programme has talks in Addis Ababa on the 9th). */
	CHECK_STR(legs_of(&g), "visit Nairobi KE 2023-03-06..2023-03-07|"
			       "meeting Nairobi KE 2023-03-07..2023-03-07|"
			       "visit Addis Ababa ET 2023-03-08..2023-03-08|"
			       "travel Helsinki FI 2023-03-09..2023-03-09");
	evlist_release(&g.evs);
}

/* A programme whose items are bulleted lines or start "14.15": each an
 * item of the day above it; "Meeting with" a name (untitled, or after
 * an office and a comma) is a meeting; a departure to the next stop on
 * its first day is that stay's start, a departure home its own travel
 * leg. */
TEST(report_programme_items)
{
	struct got g;

	extract("Press release\n31 May 2024\n\n"
		"Minister of Trade Lena Berg will visit Chile and Peru.\n\n"
		"Tuesday, 4 June 2024 \xE2\x80\x93 Santiago\n"
		"\xE2\x80\xA2 Meeting with the Minister of Foreign Affairs of "
		"Chile, Alberto van Klaveren\n"
		"\xE2\x80\xA2 Round table with Chilean exporters\n"
		"Wednesday, 5 June 2024 \xE2\x80\x93 Lima\n"
		"07.40 Departure for Lima\n"
		"14.15 Meeting with Javier Gonzalez-Olaechea\n"
		"21.00 Departure for Stockholm\n",
		NULL, &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "meeting Santiago CL 2024-06-04..2024-06-04|"
			       "visit Santiago CL 2024-06-04..2024-06-04|"
			       "visit Lima PE 2024-06-05..2024-06-05|"
			       "meeting Lima PE 2024-06-05..2024-06-05|"
			       "travel Stockholm SE 2024-06-05..2024-06-05");
	evlist_release(&g.evs);
}

/* Random words, names and dates: bounded work, at most XLEG_MAX legs. */
/* A visit to a country whose days its stays cover is those stays. */
TEST(report_bounded)
{
	static const char *const words[] = {
	    "visit",   "Seoul",	 "on",	  "Monday", "summit", "President",
	    "Kim",     "talks",	 "Tokyo", "July",   "11-12",  "\"",
	    "Japan",   "arrive", "in",	  ".",	    ",",      "the",
	    "capital", "Mr.",	 "until", "Friday", "Paris",  "meet"};
	size_t n = 200000, len = 0;
	char *text = malloc(n + 64);
	unsigned x = 12345;
	struct got g;

	while (len < n) {
		const char *w;

		x = x * 1103515245u + 12345u;
		w = words[(x >> 16) % (sizeof(words) / sizeof(words[0]))];
		len += (size_t)snprintf(text + len, n + 64 - len, "%s ", w);
	}
	extract(text, "2024-01-01", &g);
	CHECK_INT(g.rc, 0);
	CHECK(g.evs.n <= XLEG_MAX);
	evlist_release(&g.evs);
	free(text);
}

/* Two people who share a surname are two: a trip of the one named by
 * another word of their name is not the principal's, whether the names
 * differ ("William Ruto", "Rebecca Ruto") or one is a monarch's title
 * and name ("His Majesty King Abdullah", "Minister Ayman Abdullah"). */
TEST(extract_shared_surname)
{
	struct got g;

	extract("President Ruto to visit Japan\n\nKenyan President William "
		"Ruto will pay a state visit to Japan from May 12 to 14, his "
		"office said. President Ruto will meet Emperor Naruhito. "
		"Trade Minister Rebecca Ruto visited Tokyo in 2023. Rebecca "
		"will attend the Africa forum in Seoul on May 20.\n",
		"2025-05-05", &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "visit - JP 2025-05-12..2025-05-14");
	evlist_release(&g.evs);
	extract("King to visit Spain\n\nHis Majesty King Abdullah will pay "
		"a state visit to Spain from May 12 to 14, the Royal Court "
		"said. The King will meet King Felipe. Foreign Minister Ayman "
		"Abdullah was in Madrid in 2023. Ayman will attend the "
		"Mediterranean forum in Rome on May 20.\n",
		"2025-05-05", &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "visit - ES 2025-05-12..2025-05-14");
	evlist_release(&g.evs);
}

int main(void)
{
	RUN(sentences);
	RUN(sentences_wrapped_and_quoted);
	RUN(sentences_bounded);
	RUN(places);
	RUN(places_possessive_and_capital);
	RUN(places_buildings);
	RUN(places_unknown_towns);
	RUN(demonym_table);
	RUN(people);
	RUN(triggers);
	RUN(report_nato);
	RUN(report_no_date);
	RUN(report_distractors);
	RUN(report_timed_and_inside);
	RUN(report_programme);
	RUN(report_programme_items);
	RUN(report_bounded);
	RUN(extract_shared_surname);
	return test_done();
}
