/*
 * test_xleg.c: how `itin extract` makes legs of whole reports: whose trip
 * (the lede's traveller), where (a name's place, "there", the city of
 * "During the visit"), what type (talks and a meal, unnamed talks, hosted
 * summits), which dates are a leg's, and stays that cover a country.
 */
#include <string.h>

#include "test.h"
#include "xreport.h"

/* The principal is the subject of the lede's travel, even named once
 * and after the person who invites them; a person after "of" is no
 * subject whose trip it would be. */
TEST(report_traveller)
{
	static const char text[] =
	    "Minister to visit Egypt\n\nMao Ning: At the invitation of "
	    "Foreign Minister Sameh Shoukry, Foreign Minister Wang Yi will "
	    "pay an official visit to Egypt from January 13 to 14. Shoukry "
	    "said the talks would cover Gaza. Shoukry also thanked Beijing.\n";
	struct extract_opts o = {
	    .file = "report.txt", .has_date = true, .principal = "Wang Yi"};
	struct got g;

	extract(text, "2024-01-11", &g);
	CHECK_STR(legs_of(&g), "visit - EG 2024-01-13..2024-01-14");
	CHECK(g.evs.n == 1 && g.evs.v[0]->nwith &&
	      !strcmp(g.evs.v[0]->with[0].name, "Wang Yi"));
	evlist_release(&g.evs);
	/* Given as the principal, "of Foreign Minister Sameh Shoukry" near
	 * the clause's start does not make the trip his. */
	o.doc_day = day_of("2024-01-11");
	evlist_init(&g.evs);
	g.rc = extract_report(text, strlen(text), &o, &g.evs, NULL, &g.err);
	CHECK_STR(legs_of(&g), "visit - EG 2024-01-13..2024-01-14");
	evlist_release(&g.evs);
}

/* A place joined by a dash to another is part of a name, not where. */
TEST(report_compound_name)
{
	CHECK_LEGS(
	    "Ruto to Kampala\n\nPresident William Ruto will attend the "
	    "summit of the Kenya\xE2\x80\x93Uganda Commission in Kampala on "
	    "May 4. Ruto said so.\n",
	    "2023-05-01", "summit Kampala UG 2023-05-04..2023-05-04");
}

/* Talks and a lunch together are the talks; talks on two days of
 * their own are two meetings. */
TEST(report_talks_and_meal)
{
	CHECK_LEGS(
	    "Xi to visit Russia\n\nPresident Xi Jinping will pay a state "
	    "visit to Moscow from March 20 to 22. Putin and Xi will hold a "
	    "one-on-one meeting and an informal lunch in Moscow on March "
	    "20, while official talks between the delegations will be held "
	    "there on March 21.\n",
	    "2023-03-17",
	    "meeting Moscow RU 2023-03-20..2023-03-20|"
	    "visit Moscow RU 2023-03-20..2023-03-22|"
	    "meeting Moscow RU 2023-03-21..2023-03-21");
}

/* "before returning" after a stay of days: home on its last day. */
TEST(report_return_after_stay)
{
	CHECK_LEGS(
	    "Marape to Jayapura\n\nPrime Minister James Marape will spend "
	    "Oct. 25 and 26 in Jayapura, where he will meet provincial "
	    "leaders, before returning to Port Moresby.\n",
	    "2023-10-18",
	    "visit Jayapura ID 2023-10-25..2023-10-26|"
	    "travel Port Moresby PG 2023-10-26..2023-10-26");
}

/* A return "at the end of the trip" is not on the leg's day. */
TEST(report_return_at_end)
{
	CHECK_LEGS(
	    "Tinubu to Accra\n\nOn July 27, President Bola Tinubu will "
	    "proceed to Accra for talks with President John Mahama, adding "
	    "that he would return to Abuja at the end of the trip.\n",
	    "2025-07-24", "visit Accra GH 2025-07-27..2025-07-27");
}

/* A summit a country hosts is no guest's leg. */
TEST(report_hosted)
{
	CHECK_LEGS("MBZ in Seoul\n\nPresident Mohamed bin Zayed Al Nahyan will "
		   "visit Seoul on May 28. The Republic of Korea will host the "
		   "first Korea-Africa Summit in Seoul on June 4.\n",
		   "2024-05-27", "visit Seoul KR 2024-05-28..2024-05-28");
}

/* The lede's traveller, though never titled, is the principal: the
 * Deputy's trip is someone else's. */
TEST(report_untitled_traveller)
{
	struct got g;

	extract("Noon briefing\n\nGood afternoon. I want to flag some "
		"upcoming travel for the Secretary-General. Antonio Guterres "
		"will leave New York for Doha on December 8. This weekend, he "
		"will participate in the Doha Forum on December 9 and 10. The "
		"Deputy Secretary-General, Amina Mohammed, is in Nairobi on "
		"December 7 for meetings. She will travel to Addis Ababa on "
		"December 9.\n",
		"2023-12-07", &g);
	CHECK_INT(g.rc, 0);
	CHECK_STR(legs_of(&g), "travel Doha QA 2023-12-08..2023-12-08|"
			       "conference Doha QA 2023-12-09..2023-12-10");
	CHECK(g.evs.n && g.evs.v[0]->nwith &&
	      !strcmp(g.evs.v[0]->with[0].name, "Antonio Guterres"));
	evlist_release(&g.evs);
	/* "Their Majesties will spend": no name. */
	extract("State Visit\n\nThe King and Queen will undertake a State "
		"Visit to Kenya from October 31 to November 3. Their Majesties "
		"will spend the first part of the visit in Nairobi.\n",
		"2023-10-10", &g);
	CHECK(g.evs.n && (!g.evs.v[0]->nwith ||
			  strcmp(g.evs.v[0]->with[0].name, "Their Majesties")));
	evlist_release(&g.evs);
}

/* A title-case headline names no one ("Secretary-General Attends
 * African ..." is no person counted at every "African"). */
TEST(report_title_case_headline)
{
	CHECK_LEGS(
	    "Secretary-General Attends African Union Summit in Addis "
	    "Ababa, Meets Continental Leaders\n\nSecretary-General Antonio "
	    "Guterres arrived in Addis Ababa on February 16. He addressed "
	    "the African Union summit on February 17. The African Union has "
	    "55 members. African leaders welcomed him.\n",
	    "2024-02-19",
	    "visit Addis Ababa ET 2024-02-16..2024-02-17|"
	    "summit Addis Ababa ET 2024-02-17..2024-02-17");
}

/* A date the visit is set beside ("comes a day after") is no leg. */
TEST(report_set_beside)
{
	CHECK_LEGS(
	    "Orsini in Vienna\n\nPrime Minister Marco Orsini will visit "
	    "Vienna on July 2. The visit comes a day after Hungary takes "
	    "over the presidency of the Council on July 1.\n",
	    "2024-06-28", "visit Vienna AT 2024-07-02..2024-07-02");
}

/* Dated talks that name no one are a leg when the sentence says who
 * holds them ("the two leaders"), not when they are others'. */
TEST(report_talks_unnamed)
{
	CHECK_LEGS(
	    "Putin to visit China\n\nPresident Vladimir Putin will pay "
	    "a state visit to China on May 16 and 17. The two leaders will "
	    "hold talks in Beijing on May 16. The leaders of the G7 are "
	    "meeting in Rome on May 18.\n",
	    "2024-05-14",
	    "meeting Beijing CN 2024-05-16..2024-05-16|"
	    "visit - CN 2024-05-16..2024-05-17");
}

/* "During the visit, ... in Cairo": the country-wide visit's city. */
TEST(report_during_visit)
{
	CHECK_LEGS(
	    "Wang Yi to visit Egypt\n\nForeign Minister Wang Yi will pay "
	    "an official visit to Egypt from January 13 to 14. During the "
	    "visit, he will co-chair a meeting in Cairo with the Arab "
	    "League and will hold talks with Foreign Minister Sameh "
	    "Shoukry on January 14.\n",
	    "2024-01-11",
	    "visit Cairo EG 2024-01-13..2024-01-14|"
	    "meeting Cairo EG 2024-01-14..2024-01-14");
}

/* "A summit there ... with the leaders of China, Korea and Vietnam":
 * where the text was, not the countries named. */
TEST(report_there)
{
	CHECK_LEGS(
	    "Biden to visit Japan\n\nPresident Joe Biden will visit Tokyo "
	    "on May 3. President Biden will travel to Osaka on May 4. He "
	    "will hold a summit there on May 4 with the leaders of China, "
	    "Korea and Vietnam.\n",
	    "2024-05-01",
	    "visit Tokyo JP 2024-05-03..2024-05-03|"
	    "summit Osaka JP 2024-05-04..2024-05-04|"
	    "visit Osaka JP 2024-05-04..2024-05-04");
}

/* A schedule's note ("Berlin on Dec. 3 and 4.") is a stay; talks
 * after it are not at the summit named before, another kind of event. */
TEST(report_schedule_note)
{
	CHECK_LEGS(
	    "Lula swing\n\nPresident Lula will attend the World Climate "
	    "Action Summit in Dubai on Dec. 1 and 2. Germany. Berlin on Dec. "
	    "3 and 4. The German-Brazilian government consultations are on "
	    "Monday (Dec. 4) with Chancellor Olaf Scholz.\n",
	    "2023-11-24",
	    "summit Dubai AE 2023-12-01..2023-12-02|"
	    "visit Berlin DE 2023-12-03..2023-12-04|"
	    "meeting Berlin DE 2023-12-04..2023-12-04");
}

/* An event after a dated one is a leg of that day only when its own
 * words say so ("that evening"). */
TEST(report_own_day)
{
	CHECK_LEGS(
	    "Albanese in Washington\n\nPrime Minister Anthony Albanese "
	    "will hold talks with President Biden at the White House on "
	    "October 25, followed by a state dinner. Albanese will hold "
	    "talks with President Xi in Beijing on November 6, followed by "
	    "a banquet that evening.\n",
	    "2023-10-20",
	    "meeting Washington, D.C. US 2023-10-25..2023-10-25|"
	    "meeting Beijing CN 2023-11-06..2023-11-06|"
	    "reception Beijing CN 2023-11-06..2023-11-06");
}

/* Two events of one sentence on two days: each date takes the event
 * of its own clause ("an address to parliament on Thursday", "and will
 * then meet ... on Friday"), and the leaders of a group named for a
 * city ("the Visegrad Four") are named counterparts, the city no place. */
TEST(report_clauses_and_groups)
{
	CHECK_LEGS(
	    "Macron in Prague\n\nPresident Emmanuel Macron will arrive "
	    "in Prague on Wednesday for a three-day visit. He will give an "
	    "address to parliament in the Czech capital on Thursday and "
	    "will then meet leaders of the Visegrad Four at the castle on "
	    "Friday.\n",
	    "2024-03-04",
	    "visit Prague CZ 2024-03-06..2024-03-08|"
	    "other Prague CZ 2024-03-07..2024-03-07|"
	    "meeting Prague CZ 2024-03-08..2024-03-08");
}

/* What dates words, not travel: the day a ministry "confirmed" or
 * "reported" the trip, or put out "a statement"; a second agency
 * dateline inside the text ("LIMA, June 3 (Andina) -"). And "During
 * his stay, ... in Lima on June 9": a dated event's city, not the
 * stay's (the country-wide visit keeps the country alone). */
TEST(report_words_not_travel)
{
	CHECK_LEGS(
	    "Petro to Peru\n\nBOGOTA, June 3 (EFE) - President Gustavo "
	    "Petro will pay a state visit to Peru from June 8 to 10, his "
	    "office confirmed on Monday in a statement.\n\n"
	    "During his stay, Petro will attend a military parade in Lima "
	    "on June 9.\n\n"
	    "LIMA, June 3 (Andina) - Peru's foreign ministry reported on "
	    "Monday that preparations for the visit were complete.\n",
	    "2024-06-03",
	    "visit - PE 2024-06-08..2024-06-10|"
	    "other Lima PE 2024-06-09..2024-06-09");
}

/* A city whose days are dated only by events is no stay: a state visit
 * to a country, an audience in its capital on the second day and a
 * forum there on the third, then a stay elsewhere, is the country-wide
 * visit beside them (tests/extract/README.md). */
TEST(report_city_of_events)
{
	CHECK_LEGS(
	    "Lula to Italy\n\nPresident Lula will on Sunday begin a "
	    "three-day state visit to Italy. He will be received by the "
	    "Pope at the Apostolic Palace in Rome on Monday. The visit will "
	    "end on Tuesday in Milan.\n",
	    "2024-06-13",
	    "visit - IT 2024-06-16..2024-06-18|"
	    "visit Milan IT 2024-06-18..2024-06-18");
}

/* A departure told with its evening ("left Nairobi that night", the
 * day of its sentence) and a return told the next day: the journey runs
 * from the one to the other; "returned" is a return. */
TEST(report_evening_departure)
{
	CHECK_LEGS(
	    "Ramaphosa back from Kenya\n\nPresident Cyril Ramaphosa "
	    "arrived in Nairobi on Thursday for a two-day state visit. On "
	    "Friday he addressed a business forum in Nairobi and left the "
	    "city at night.\n\nRamaphosa returned to Pretoria on "
	    "Saturday.\n",
	    "2024-06-08",
	    "visit Nairobi KE 2024-06-06..2024-06-07|"
	    "conference Nairobi KE 2024-06-07..2024-06-07|"
	    "travel Pretoria ZA 2024-06-07..2024-06-08");
}

/* A flight to a city the day before an event in a town nearby, which
 * the text gives no stay ("fly to Vancouver on Thursday and take part
 * in the forum's closing plenary on Friday in Whistler, a resort"): the
 * flight is travel, and the possessive "forum's" names the forum. */
TEST(report_flight_before_event_nearby)
{
	CHECK_LEGS(
	    "Luxon to Canada\n\nPrime Minister Christopher Luxon will fly "
	    "to Vancouver on Thursday and take part in the forum's closing "
	    "plenary on Friday in Whistler, a resort town north of the "
	    "city.\n",
	    "2024-06-10",
	    "travel Vancouver CA 2024-06-13..2024-06-13|"
	    "conference Whistler CA 2024-06-14..2024-06-14");
}

/* "The Minister of Foreign Affairs, Ambassador Ana Lopes, will travel":
 * the title set beside the traveller's name is hers, and "the Minister"
 * after it names her too. */
TEST(report_apposed_title)
{
	CHECK_LEGS(
	    "Press release\n\nThe Minister of Foreign Affairs, "
	    "Ambassador Ana Lopes, will travel to Lisbon on 3 and 4 June "
	    "and to Madrid on 5 June. In Lisbon, the Minister will be "
	    "received by President Marcelo Rebelo de Sousa on 4 June. "
	    "Ambassador Lopes last visited Spain in 2022.\n",
	    "2024-05-31",
	    "visit Lisbon PT 2024-06-03..2024-06-04|"
	    "meeting Lisbon PT 2024-06-04..2024-06-04|"
	    "visit Madrid ES 2024-06-05..2024-06-05");
}

/* The length of a tour of several countries is no one stay's ("the
 * first stop of a ten-day tour of Chile and Peru"); "go on to" moves. */
TEST(report_tour_length)
{
	CHECK_LEGS(
	    "Scholz in South America\n\nChancellor Olaf Scholz will "
	    "arrive in Santiago on Saturday, the first stop of a ten-day "
	    "tour of Chile and Peru. He will go on to Lima on Tuesday for "
	    "talks with President Dina Boluarte.\n",
	    "2024-06-05",
	    "visit Santiago CL 2024-06-08..2024-06-10|"
	    "visit Lima PE 2024-06-11..2024-06-11");
}

/* A stay whose length the words give ends there, not at the move after
 * it; "will call on" a head of state is a meeting. */
TEST(report_sized_stay)
{
	CHECK_LEGS(
	    "Ardern to Norway\n\nPrime Minister Jacinda Ardern will "
	    "arrive in Oslo on Monday for a two-day visit and will call "
	    "on King Harald on Tuesday. She will return to Wellington on "
	    "Wednesday.\n",
	    "2024-06-06",
	    "visit Oslo NO 2024-06-10..2024-06-11|"
	    "meeting Oslo NO 2024-06-11..2024-06-11|"
	    "travel Wellington NZ 2024-06-12..2024-06-12");
}

/* A meeting with an office of a named country ("the President of
 * Portugal") or a named group's leaders names its counterpart. */
TEST(report_office_met)
{
	CHECK_LEGS(
	    "Ramaphosa to Portugal\n\nPresident Cyril Ramaphosa will "
	    "arrive in Lisbon on Thursday. He will meet the President of "
	    "Portugal at Belem Palace on Friday.\n",
	    "2024-06-10",
	    "visit Lisbon PT 2024-06-13..2024-06-14|"
	    "meeting Lisbon PT 2024-06-14..2024-06-14");
	/* "with African Union leaders": a named group's leaders. */
	CHECK_LEGS(
	    "Meloni to Addis\n\nPrime Minister Giorgia Meloni will hold "
	    "talks with African Union leaders in Addis Ababa on Friday.\n",
	    "2024-06-10", "meeting Addis Ababa ET 2024-06-14..2024-06-14");
}

/* "The King hosted the Prime Minister at a state banquet": the host
 * the subject, the traveller the guest: the traveller's event. */
TEST(report_hosted_guest)
{
	CHECK_LEGS("Albanese in London\n\nPrime Minister Anthony Albanese "
		   "arrived in London on Monday for a three-day visit. King "
		   "Charles hosted the Prime Minister at a state banquet at "
		   "Buckingham Palace on Tuesday.\n",
		   "2024-06-12",
		   "visit London GB 2024-06-10..2024-06-12|"
		   "reception London GB 2024-06-11..2024-06-11");
}

/* A move elsewhere with a length and no day, right after a dated stay,
 * begins the day after it ("From there, she flies on to Managua, where
 * she stays for three days"). */
TEST(report_next_stay)
{
	CHECK_LEGS(
	    "Barcena tour\n\nForeign Secretary Alicia Barcena will be in "
	    "San Jose on June 3 and 4. From there, she will fly on to "
	    "Managua, where she stays for three days.\n",
	    "2024-05-31",
	    "visit San José CR 2024-06-03..2024-06-04|"
	    "visit Managua NI 2024-06-05..2024-06-07");
}

/* Words beside the date that tell what the day is ("on July 14, the
 * day France celebrates ...") name no place of the event. */
TEST(report_day_described)
{
	CHECK_LEGS(
	    "Modi in Paris\n\nPrime Minister Narendra Modi will be in "
	    "Paris from July 12 to 15. He will hold talks with President "
	    "Emmanuel Macron on July 14, the day Brazil marks a "
	    "national holiday.\n",
	    "2024-07-01",
	    "visit Paris FR 2024-07-12..2024-07-15|"
	    "meeting Paris FR 2024-07-14..2024-07-14");
}

/* A fronted phrase ("After a stop in Sao Paulo, the Chancellor
 * will ...") names no subject: the clause after its comma is the
 * traveller's. */
TEST(report_fronted_phrase)
{
	CHECK_LEGS("Scholz in Europe\n\nChancellor Olaf Scholz will attend a "
		   "summit in Rome this week. After a stop in Sao Paulo, "
		   "the Chancellor will travel to Lisbon on Friday.\n",
		   "2024-06-10", "visit Lisbon PT 2024-06-14..2024-06-14");
}

/* "concluded his five-day visit ... on May 24": the length counts back;
 * "with Washington designating" is the government, not where. */
TEST(report_concluded)
{
	CHECK_LEGS("Ruto ends US visit\n\nPresident William Ruto concluded his "
		   "five-day state visit to the United States on May 24, with "
		   "Washington designating Kenya a major non-NATO ally.\n",
		   "2024-05-25", "visit - US 2024-05-20..2024-05-24");
}

/* A parade attended is its own event, typed other. */
TEST(report_parade)
{
	CHECK_LEGS(
	    "Diaz-Canel to Moscow\n\nPresident Miguel Diaz-Canel will "
	    "attend the military parade on Red Square in Moscow on May 9. "
	    "Diaz-Canel said so.\n",
	    "2025-05-05", "other Moscow RU 2025-05-09..2025-05-09");
	/* "the next day" after a dated event is a day of its own, not the
	 * second of a list ("on May 9 and 10"). */
	CHECK_LEGS(
	    "Diaz-Canel to Moscow\n\nTalks with President Vladimir Putin "
	    "are scheduled in Moscow on May 8, and the next day "
	    "Diaz-Canel will attend the military parade on Red Square.\n",
	    "2025-05-05",
	    "meeting Moscow RU 2025-05-08..2025-05-08|"
	    "other Moscow RU 2025-05-09..2025-05-09");
}

TEST(report_stays)
{
	CHECK_LEGS("Marape to visit Indonesia\n\nPrime Minister James Marape "
		   "will pay a state visit to Indonesia from October 23 to 26. "
		   "Prime Minister Marape will arrive in Jakarta on October 23 "
		   "for a two-day stay. He will then visit Jayapura on October "
		   "25 and 26.\n",
		   "2023-10-18",
		   "visit Jakarta ID 2023-10-23..2023-10-24|"
		   "visit Jayapura ID 2023-10-25..2023-10-26");
	/* An arrival dated by the event after it is a stay: with the one
	 * after, they cover the visit. */
	CHECK_LEGS(
	    "King to Kenya\n\nThe King will pay a state visit to Kenya "
	    "from 31 October to 3 November. They will arrive in the "
	    "capital, Nairobi, where President William Ruto will host a "
	    "state banquet in their honour on 31 October. The King will "
	    "then travel to Mombasa on 2 November, where the visit will end "
	    "on 3 November.\n",
	    "2023-10-10",
	    "reception Nairobi KE 2023-10-31..2023-10-31|"
	    "visit Nairobi KE 2023-10-31..2023-11-01|"
	    "visit Mombasa KE 2023-11-02..2023-11-03");
	/* A stay lasts until the day of the return from it when the trip's
	 * span ends that day; else the day home is the journey's alone. */
	CHECK_LEGS(
	    "Kamikawa to Hanoi\n\nForeign Minister Yoko Kamikawa will "
	    "visit the Philippines and Viet Nam between March 6 and 9. She "
	    "will travel to Hanoi on March 8, where she will meet Foreign "
	    "Minister Bui Thanh Son. Minister Kamikawa will return to Japan "
	    "on March 9.\n",
	    "2024-03-05",
	    "visit Hanoi VN 2024-03-08..2024-03-09|"
	    "travel - JP 2024-03-09..2024-03-09");
	CHECK_LEGS(
	    "Kamikawa to Hanoi\n\nForeign Minister Yoko Kamikawa will "
	    "travel to Hanoi on March 8, where she will meet Foreign "
	    "Minister Bui Thanh Son. Minister Kamikawa will return to Japan "
	    "on March 9.\n",
	    "2024-03-05",
	    "visit Hanoi VN 2024-03-08..2024-03-08|"
	    "travel - JP 2024-03-09..2024-03-09");
	/* Two stays in one country share no day. */
	CHECK_LEGS(
	    "Pezeshkian to visit Iraq\n\nPresident Masoud Pezeshkian "
	    "will be in Baghdad from September 10 to 12. On September 12 "
	    "he travels to Erbil.\n",
	    "2024-09-08",
	    "visit Baghdad IQ 2024-09-10..2024-09-11|"
	    "visit Erbil IQ 2024-09-12..2024-09-12");
}

/* A move "on Thursday night" ends the next day: the journey is a travel
 * leg of both days, apart from the stay it arrives at. */
TEST(report_night_move)
{
	CHECK_LEGS(
	    "Modi to visit Ukraine\n\nPrime Minister Narendra Modi will "
	    "be in Warsaw on Wednesday and Thursday. From Poland, he will "
	    "travel to Kyiv by train on Thursday night and spend seven "
	    "hours in the Ukrainian capital on Friday.\n",
	    "2024-08-19",
	    "visit Warsaw PL 2024-08-21..2024-08-22|"
	    "travel Kyiv UA 2024-08-22..2024-08-23|"
	    "visit Kyiv UA 2024-08-23..2024-08-23");
	/* The night told before the day: "on an overnight flight on". */
	CHECK_LEGS("Lula to Peru\n\nPresident Lula will travel to Lima on an "
		   "overnight flight on Friday and open the summit there on "
		   "Saturday.\n",
		   "2024-08-19",
		   "travel Lima PE 2024-08-23..2024-08-24|"
		   "summit Lima PE 2024-08-24..2024-08-24");
}

/* "arrived on Tuesday ... after an overnight journey that began late on
 * Monday": the journey is a travel leg of both days, to where it
 * arrived. */
TEST(report_overnight_arrival)
{
	CHECK_LEGS("Meloni in Kyiv\n\n21 February 2023\n\nPremier Giorgia "
		   "Meloni arrived in Kyiv on Tuesday on her first visit to "
		   "Ukraine, after an overnight train journey from the Polish "
		   "border that began late on Monday.\n",
		   "2023-02-21",
		   "travel Kyiv UA 2023-02-20..2023-02-21|"
		   "visit Kyiv UA 2023-02-21..2023-02-21");
}

/* "leaves for Paris tomorrow to attend the Summit", the Summit dated
 * two days on: the day of leaving is the journey, not the Summit. */
TEST(report_move_before_event)
{
	CHECK_LEGS(
	    "Davis to Paris\n\nPrime Minister Philip Davis leaves for "
	    "Paris tomorrow to attend the Summit for a New Global "
	    "Financing Pact. The Summit will be held in Paris on June 22 "
	    "and 23.\n",
	    "2023-06-19",
	    "travel Paris FR 2023-06-20..2023-06-20|"
	    "summit Paris FR 2023-06-22..2023-06-23");
}

/* "That evening, he met with ...": talks at a time of the day the
 * sentence before dated are a meeting of their own that day. */
TEST(report_that_evening)
{
	CHECK_LEGS(
	    "Guterres in Addis Ababa\n\nSecretary-General Antonio "
	    "Guterres arrived in Addis Ababa on Friday, 16 February, from "
	    "New York. That evening, he met with the Chairperson of the "
	    "African Union Commission, Moussa Faki Mahamat.\n",
	    "2024-02-19",
	    "meeting Addis Ababa ET 2024-02-16..2024-02-16|"
	    "visit Addis Ababa ET 2024-02-16..2024-02-16");
	/* The time of day later in the sentence. */
	CHECK_LEGS("Lula in Lisbon\n\nPresident Lula will arrive in Lisbon on "
		   "Friday. He will be the guest of honour at a dinner at the "
		   "Ajuda Palace that night.\n",
		   "2024-06-10",
		   "reception Lisbon PT 2024-06-14..2024-06-14|"
		   "visit Lisbon PT 2024-06-14..2024-06-14");
}

/* A host titled with their state's formal name ("President of the
 * Republic of Ghana John Mahama") is the object of "At the invitation
 * of" to the end of the title: the trip stays the principal's. */
TEST(report_formal_state_host)
{
	CHECK_LEGS(
	    "Sanchez to visit Ghana\n\nAt the invitation of President of "
	    "the Republic of Ghana John Mahama, Prime Minister Pedro "
	    "Sanchez will pay an official visit to Ghana on March 10-11. "
	    "Sanchez will also meet business leaders.\n",
	    "2025-03-06", "visit - GH 2025-03-10..2025-03-11");
}

/* A trip called off proposes nothing, in any of its words; a new date
 * after "rescheduled" or "postponed to" is a leg. */
TEST(report_called_off)
{
	CHECK_LEGS("Costa trip off\n\nPresident Antonio Costa will not go to "
		   "Lisbon. Costa had been due to fly to Lisbon on Friday for "
		   "talks with Prime Minister Luis Montenegro; the trip was "
		   "scrapped. Costa said so on Monday.\n",
		   "2025-03-03", "");
	CHECK_LEGS("Costa trip moved\n\nPresident Antonio Costa's visit to "
		   "Lisbon, originally scheduled for Friday, has been "
		   "rescheduled for March 12. Costa said so.\n",
		   "2025-03-03", "visit Lisbon PT 2025-03-12..2025-03-12");
}

/* The verb of a group's leaders meeting makes a summit; two leaders
 * meeting stay a meeting. */
TEST(report_leaders_meet)
{
	CHECK_LEGS(
	    "Lula to Johannesburg\n\nPresident Luiz Inacio Lula da Silva "
	    "will attend as G20 leaders meet in Johannesburg on November "
	    "22-23. Lula said so.\n",
	    "2025-11-17", "summit Johannesburg ZA 2025-11-22..2025-11-23");
	CHECK_LEGS(
	    "Lula to Pretoria\n\nPresident Luiz Inacio Lula da Silva and "
	    "President Cyril Ramaphosa will meet in Pretoria on November "
	    "21, and the two leaders will sign accords. Lula said so.\n",
	    "2025-11-17", "meeting Pretoria ZA 2025-11-21..2025-11-21");
}

/* A clock time written before its day ("at 11:30 Tuesday") is that
 * day's, not the range named before it. */
TEST(report_clock_before_day)
{
	CHECK_LEGS(
	    "Albanese to Lisbon\n\nPrime Minister Anthony Albanese will "
	    "be in Lisbon May 5-6 and will hold talks with President "
	    "Marcelo Rebelo de Sousa at 11:30 Tuesday. Albanese said so.\n",
	    "2025-05-02",
	    "visit Lisbon PT 2025-05-05..2025-05-06|"
	    "meeting Lisbon PT 2025-05-06..2025-05-06");
}

/* "in Santiago on 12 March": a place right before its date is where
 * that day's event is, however long the event's name before it. */
TEST(report_place_before_date)
{
	CHECK_LEGS(
	    "Minister to Chile\n\nForeign Minister Penny Wong will visit "
	    "Chile from 11 to 13 March 2025. During the visit, the "
	    "minister will co-chair the fifth session of the Joint "
	    "Commission on Trade, Investment, Science, Technology, "
	    "Culture and Education with Minister of Economy of Chile "
	    "Nicolas Grau in Santiago on 12 March 2025.\n",
	    "2025-03-06",
	    "visit - CL 2025-03-11..2025-03-13|"
	    "meeting Santiago CL 2025-03-12..2025-03-12");
}

/* Boarding the flight home in a stay's sentence ("before emplaning
 * for Delhi") is a return on that day. */
TEST(report_emplaning)
{
	struct got g;

	extract("Modi to Mauritius\n\nPrime Minister Narendra Modi will arrive "
		"in Port Louis on March 11. On March 12, he will address the "
		"National Assembly before emplaning for Delhi. Modi said so.\n",
		"2025-03-06", &g);
	CHECK_INT(g.rc, 0);
	CHECK(strstr(legs_of(&g), "travel Delhi IN 2025-03-12..2025-03-12") !=
	      NULL);
	evlist_release(&g.evs);
}

/* An overnight journey told before its arrival ("an overnight train
 * late on Thursday, arriving in Kyiv on Friday") is a travel leg of
 * both days, beside the stay it leads to. */
TEST(report_overnight_before_arrival)
{
	struct got g;

	extract("Minister to Kyiv\n\nForeign Minister Jean-Noel Barrot will "
		"take an overnight train from Poland late on Thursday, "
		"arriving in Kyiv on Friday. Barrot said so.\n",
		"2025-03-03", &g);
	CHECK_INT(g.rc, 0);
	CHECK(strstr(legs_of(&g), "travel Kyiv UA 2025-03-06..2025-03-07") !=
	      NULL);
	evlist_release(&g.evs);
}

/* "press statements", plural, are a press event as "a press
 * statement" is. */
TEST(report_press_statements)
{
	struct got g;

	extract("Minister to Rome\n\nForeign Minister Annalena Baerbock will "
		"visit Rome on May 6 and May 7. On May 7 at 13:00 she and "
		"Minister Antonio Tajani will give press statements in "
		"Rome. Baerbock said so.\n",
		"2024-05-02", &g);
	CHECK_INT(g.rc, 0);
	CHECK(strstr(legs_of(&g), "press Rome IT 2024-05-07..2024-05-07") !=
	      NULL);
	evlist_release(&g.evs);
}

/* Moves between stops: a move on from the stop before begins the next
 * stay, a return to a city the trip stayed in is a stay there again, a
 * stay ends the day before the journey home, and "leaves Bangladesh"
 * ends the stay instead of going there. */
TEST(report_tour_stops)
{
	CHECK_LEGS(
	    "Martin to Asia\n\nTaoiseach Micheal Martin will travel to "
	    "Osaka on Sunday. He will go on to Tokyo on Tuesday, and "
	    "will hold talks with Japanese prime minister Shigeru Ishiba "
	    "on Wednesday. He will then travel to Seoul on Thursday. He "
	    "is due to meet South Korean president Lee Jae-myung on "
	    "Friday, before returning to Dublin on Saturday.\n",
	    "2025-09-17",
	    "visit Osaka JP 2025-09-21..2025-09-22|"
	    "visit Tokyo JP 2025-09-23..2025-09-24|"
	    "meeting Tokyo JP 2025-09-24..2025-09-24|"
	    "visit Seoul KR 2025-09-25..2025-09-26|"
	    "meeting Seoul KR 2025-09-26..2025-09-26|"
	    "travel Dublin IE 2025-09-27..2025-09-27");
	CHECK_LEGS("Guterres to Bangladesh\n\nSecretary-General Antonio "
		   "Guterres will arrive in Dhaka on Thursday. Guterres will "
		   "fly on Friday to Cox's Bazar, the coastal district, where "
		   "he will meet refugees. He returns to Dhaka on Saturday and "
		   "leaves Bangladesh on Sunday.\n",
		   "2025-03-12",
		   "visit Dhaka BD 2025-03-13..2025-03-13|"
		   "visit Cox's Bazar BD 2025-03-14..2025-03-14|"
		   "visit Dhaka BD 2025-03-15..2025-03-16");
	/* A move on to a summit is the journey to it all the same. */
	CHECK_LEGS(
	    "Tokayev\n\nPresident Kassym-Jomart Tokayev will be in "
	    "Bishkek on 17 June. On 18 June, he will proceed to Dushanbe "
	    "to participate in the Consultative Meeting of the Heads of "
	    "State of Central Asia, which will take place on 19 June.\n",
	    "2026-06-12",
	    "visit Bishkek KG 2026-06-17..2026-06-17|"
	    "travel Dushanbe TJ 2026-06-18..2026-06-18|"
	    "summit Dushanbe TJ 2026-06-19..2026-06-19");
}

/* A day trip from a base city does not cut the base stay. */
TEST(report_day_trip)
{
	CHECK_LEGS(
	    "Pope to Peru\n\nPope Leo will arrive in Lima on Thursday "
	    "19 November. On Saturday, 21 November, Pope Leo will fly "
	    "to Chiclayo, the northern diocese he led, returning to Lima "
	    "the same evening. On Sunday the Pope will be in Lima.\n",
	    "2026-09-10",
	    "visit Lima PE 2026-11-19..2026-11-22|"
	    "visit Chiclayo PE 2026-11-21..2026-11-21");
}

/* "will receive him": the host's meeting with the guest the report is
 * about; a lede whose host receives a titled guest is about the guest's
 * trip; an aside about the host places nothing. */
TEST(report_host_receives)
{
	CHECK_LEGS("Macron in Asia\n\nFrench President Emmanuel Macron will "
		   "fly to Jakarta for a state visit to Indonesia on May "
		   "27-28. President Prabowo Subianto, who was guest of honour "
		   "at the parade in Paris last July, will receive him at the "
		   "Merdeka Palace on Wednesday.\n",
		   "2025-05-20",
		   "visit Jakarta ID 2025-05-27..2025-05-28|"
		   "meeting Jakarta ID 2025-05-28..2025-05-28");
	CHECK_LEGS("Lee to hold summit\n\nSEOUL, Nov. 10 (Yonhap) -- "
		   "President Lee Jae Myung will receive Vietnamese President "
		   "Luong Cuong in Seoul on Wednesday for talks, the "
		   "office said. Luong will arrive in Seoul on Tuesday for a "
		   "state visit. On Thursday, Luong will travel to Busan.\n",
		   "2025-11-10",
		   "visit Seoul KR 2025-11-11..2025-11-12|"
		   "meeting Seoul KR 2025-11-12..2025-11-12|"
		   "visit Busan KR 2025-11-13..2025-11-13");
}

/* The principal's own plan in a quote is read; someone else's is not. */
TEST(report_quoted_plan)
{
	CHECK_LEGS("Rodriguez to Asia\n\nCuban Foreign Minister Bruno "
		   "Rodriguez announced a tour of Asia. \"We will arrive in "
		   "Hanoi on Thursday, and on Saturday we will continue to "
		   "Vientiane,\" the minister wrote.\n",
		   "2026-09-01",
		   "visit Hanoi VN 2026-09-03..2026-09-04|"
		   "visit Vientiane LA 2026-09-05..2026-09-05");
	CHECK_LEGS("Rodriguez to Asia\n\nCuban Foreign Minister Bruno "
		   "Rodriguez will arrive in Hanoi on Thursday. \"We will "
		   "welcome him in Vientiane on Saturday,\" a Lao official "
		   "said.\n",
		   "2026-09-01", "visit Hanoi VN 2026-09-03..2026-09-03");
}

/* Words inside other words are not topic words ("Anwar" holds "war"),
 * and a stopover's place is passed through. */
TEST(report_whole_words)
{
	CHECK_LEGS("Anwar to Japan\n\nKUALA LUMPUR, May 18 (Bernama) -- Prime "
		   "Minister Anwar Ibrahim will visit Japan.\n\nOn Friday, "
		   "Anwar will travel to Osaka, before departing for Kuala "
		   "Lumpur on Saturday morning.\n",
		   "2026-05-18",
		   "visit Osaka JP 2026-05-22..2026-05-22|"
		   "travel Kuala Lumpur MY 2026-05-23..2026-05-23");
	CHECK_LEGS("Singh to PNG\n\nDefence Minister Rajnath Singh will reach "
		   "Port Moresby on Tuesday after a stopover in Singapore.\n",
		   "2026-07-30",
		   "visit Port Moresby PG 2026-08-04..2026-08-04");
}

int main(void)
{
	RUN(report_traveller);
	RUN(report_compound_name);
	RUN(report_talks_and_meal);
	RUN(report_return_after_stay);
	RUN(report_return_at_end);
	RUN(report_hosted);
	RUN(report_untitled_traveller);
	RUN(report_title_case_headline);
	RUN(report_set_beside);
	RUN(report_talks_unnamed);
	RUN(report_during_visit);
	RUN(report_there);
	RUN(report_schedule_note);
	RUN(report_own_day);
	RUN(report_clauses_and_groups);
	RUN(report_words_not_travel);
	RUN(report_city_of_events);
	RUN(report_evening_departure);
	RUN(report_flight_before_event_nearby);
	RUN(report_apposed_title);
	RUN(report_tour_length);
	RUN(report_sized_stay);
	RUN(report_office_met);
	RUN(report_hosted_guest);
	RUN(report_next_stay);
	RUN(report_day_described);
	RUN(report_fronted_phrase);
	RUN(report_concluded);
	RUN(report_parade);
	RUN(report_stays);
	RUN(report_night_move);
	RUN(report_overnight_arrival);
	RUN(report_move_before_event);
	RUN(report_that_evening);
	RUN(report_formal_state_host);
	RUN(report_called_off);
	RUN(report_leaders_meet);
	RUN(report_clock_before_day);
	RUN(report_place_before_date);
	RUN(report_emplaning);
	RUN(report_overnight_before_arrival);
	RUN(report_press_statements);
	RUN(report_tour_stops);
	RUN(report_day_trip);
	RUN(report_host_receives);
	RUN(report_quoted_plan);
	RUN(report_whole_words);
	return test_done();
}
