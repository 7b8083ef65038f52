/*
 * xtrig.c: the words that make a date a leg's (xleg.h): "visit", "arrive
 * in", "summit", "talks", "press conference"... and the words that make
 * it no leg's ("anniversary", "election").
 */
#include <string.h>

#include "itin/ascii.h"
#include "xleg.h"

struct trig_word {
	const char *word;
	const char *next; /* the word that must follow, "a|b" for either;
			     NULL: none */
	bool takes_next;  /* the next word is part of the trigger */
	enum xtrig_kind kind;
};

/* Two-word triggers come before the single words they start with. */
static const struct trig_word trig_words[] = {
    {"press",
     "conference|briefing|availability|conferences|point|statement|statements",
     true, XTR_PRESS},
    {"news", "conference|briefing|conferences", true, XTR_PRESS},
    {"briefing", NULL, false, XTR_PRESS},
    /* "will take questions from reporters at 10:00 on Tuesday". */
    {"take", "questions", true, XTR_PRESS},
    {"takes", "questions", true, XTR_PRESS},
    {"general", "assembly", true, XTR_CONFERENCE},
    {"meeting", "of", false, XTR_GATHER},
    {"ministerial", NULL, false, XTR_GATHER},
    {"consultations", NULL, false, XTR_GATHER},
    {"session", NULL, false, XTR_GATHER},
    {"council", NULL, false, XTR_GATHER},
    {"dialogue", NULL, false, XTR_GATHER},
    {"COP28", NULL, false, XTR_CONFERENCE},
    {"COP29", NULL, false, XTR_CONFERENCE},
    {"COP", NULL, false, XTR_CONFERENCE},
    {"summit", NULL, false, XTR_SUMMIT},
    {"summits", NULL, false, XTR_SUMMIT},
    {"conference", NULL, false, XTR_CONFERENCE},
    {"conferences", NULL, false, XTR_CONFERENCE},
    {"forum", NULL, false, XTR_CONFERENCE},
    {"symposium", NULL, false, XTR_CONFERENCE},
    {"interview", NULL, false, XTR_INTERVIEW},
    {"interviews", NULL, false, XTR_INTERVIEW},
    {"interviewed", NULL, false, XTR_INTERVIEW},
    /* "pay a courtesy visit to the President": an audience. */
    {"courtesy", "visit|call", true, XTR_MEETING},
    {"meet", NULL, false, XTR_MEETING},
    {"meets", NULL, false, XTR_MEETING},
    {"met", NULL, false, XTR_MEETING},
    /* "will be received by the Emperor": an audience, a meeting. */
    {"received", "by", false, XTR_MEETING},
    /* "will be welcomed by King Harald V ... in Oslo on Tuesday
     * morning": the official welcome is the arrival. */
    {"welcomed", "by", false, XTR_VISIT},
    /* "will call on President Christodoulides": a courtesy call
     * ("called on Russia to ..." is an appeal: not the past form). */
    {"call", "on", false, XTR_MEETING},
    {"calls", "on", false, XTR_MEETING},
    {"meeting", NULL, false, XTR_MEETING},
    {"meetings", NULL, false, XTR_MEETING},
    {"talks", NULL, false, XTR_MEETING},
    {"bilateral", NULL, false, XTR_MEETING},
    {"visit", NULL, false, XTR_VISIT},
    {"visits", NULL, false, XTR_VISIT},
    {"visited", NULL, false, XTR_VISIT},
    {"visiting", NULL, false, XTR_VISIT},
    {"trip", NULL, false, XTR_VISIT},
    {"trips", NULL, false, XTR_VISIT},
    {"tour", NULL, false, XTR_VISIT},
    {"tours", NULL, false, XTR_VISIT},
    {"toured", NULL, false, XTR_VISIT},
    {"touring", NULL, false, XTR_VISIT},
    {"stay", NULL, false, XTR_VISIT},
    {"stays", NULL, false, XTR_VISIT},
    {"stayed", NULL, false, XTR_VISIT},
    {"staying", NULL, false, XTR_VISIT},
    {"stopover", NULL, false, XTR_VISIT},
    {"spend", NULL, false, XTR_VISIT},
    {"spends", NULL, false, XTR_VISIT},
    {"spending", NULL, false, XTR_VISIT},
    {"spent", NULL, false, XTR_VISIT},
    {"stop", "in|at", false, XTR_VISIT},
    {"arrive", NULL, false, XTR_VISIT},
    {"arrives", NULL, false, XTR_VISIT},
    {"arrived", NULL, false, XTR_VISIT},
    {"arriving", NULL, false, XTR_VISIT},
    {"arrival", NULL, false, XTR_VISIT},
    {"land", "in", false, XTR_VISIT},
    {"lands", "in", false, XTR_VISIT},
    {"landed", "in", false, XTR_VISIT},
    {"return", "to|home", false, XTR_TRAVEL},
    {"returns", "to|home", false, XTR_TRAVEL},
    {"returning", "to|home", false, XTR_TRAVEL},
    {"returned", "to|home", false, XTR_TRAVEL},
    {"be", "in|at", false, XTR_VISIT},
    {"was", "in|at", false, XTR_VISIT},
    {"were", "in|at", false, XTR_VISIT},
    {"is", "in|at", false, XTR_VISIT},
    {"proceed", "to", false, XTR_MOVE},
    {"proceeds", "to", false, XTR_MOVE},
    {"due", "in|at|on|to", false, XTR_VISIT},
    {"begin", "in|at|with", false, XTR_VISIT},
    {"begins", "in|at|with", false, XTR_VISIT},
    {"start", "in|at|with", false, XTR_VISIT},
    {"starts", "in|at|with", false, XTR_VISIT},
    {"end", "in|at|with", false, XTR_VISIT},
    {"ends", "in|at|with", false, XTR_VISIT},
    {"conclude", "in|at|with|the", false, XTR_VISIT},
    {"concludes", "in|at|with|the", false, XTR_VISIT},
    {"travel", "to|on|onward", false, XTR_MOVE},
    /* "He will go on to Tokyo on Tuesday". */
    {"go", "on", false, XTR_MOVE},
    {"goes", "on", false, XTR_MOVE},
    {"travels", "to|on|onward", false, XTR_MOVE},
    {"traveled", "to|on|onward", false, XTR_MOVE},
    {"travelled", "to|on|onward", false, XTR_MOVE},
    {"traveling", "to|on|onward", false, XTR_MOVE},
    {"travelling", "to|on|onward", false, XTR_MOVE},
    {"fly", "to|on|into", false, XTR_MOVE},
    {"flies", "to|on|into", false, XTR_MOVE},
    {"flew", "to|on|into", false, XTR_MOVE},
    {"flying", "to|on|into", false, XTR_MOVE},
    {"head", "to|for|on", false, XTR_MOVE},
    {"heads", "to|for|on", false, XTR_MOVE},
    {"headed", "to|for|on", false, XTR_MOVE},
    {"heading", "to|for|on", false, XTR_MOVE},
    {"leave", NULL, false, XTR_TRAVEL},
    {"leaves", NULL, false, XTR_TRAVEL},
    {"left", "for", false, XTR_TRAVEL},
    {"leaving", NULL, false, XTR_TRAVEL},
    {"depart", NULL, false, XTR_TRAVEL},
    {"departs", NULL, false, XTR_TRAVEL},
    {"departed", NULL, false, XTR_TRAVEL},
    {"departing", NULL, false, XTR_TRAVEL},
    /* "before emplaning for New Delhi": boarding the flight (Indian
     * English; enplane in American). */
    {"emplane", "for", false, XTR_TRAVEL},
    {"emplanes", "for", false, XTR_TRAVEL},
    {"emplaning", "for", false, XTR_TRAVEL},
    {"emplaned", "for", false, XTR_TRAVEL},
    {"enplane", "for", false, XTR_TRAVEL},
    {"enplaning", "for", false, XTR_TRAVEL},
    /* "19.00 Departure for Jakarta", a programme's last line. */
    {"departure", "for", false, XTR_TRAVEL},
    {"back", "in|to|home", false, XTR_TRAVEL},
    {"flying", "back|home", false, XTR_TRAVEL},
    {"fly", "back|home", false, XTR_TRAVEL},
    {"flies", "back|home", false, XTR_TRAVEL},
    {"set", "off|out", false, XTR_MOVE},
    {"sets", "off|out", false, XTR_MOVE},
    {"setting", "off|out", false, XTR_MOVE},
    {"continue", "to|on", false, XTR_MOVE},
    {"continues", "to|on", false, XTR_MOVE},
    {"move", "on|to", false, XTR_MOVE},
    {"moves", "on|to", false, XTR_MOVE},
    {"speech", NULL, false, XTR_SPEECH},
    /* A parade attended: its own event, typed other as a speech is. */
    {"parade", NULL, false, XTR_SPEECH},
    {"speeches", NULL, false, XTR_SPEECH},
    {"address", NULL, false, XTR_SPEECH},
    {"lecture", NULL, false, XTR_SPEECH},
    /* "the keynote address": one speech, not two. */
    {"keynote", "address|speech|lecture", true, XTR_SPEECH},
    {"keynote", NULL, false, XTR_SPEECH},
    {"reception", NULL, false, XTR_RECEPTION},
    {"banquet", NULL, false, XTR_RECEPTION},
    {"dinner", NULL, false, XTR_RECEPTION},
    {"luncheon", NULL, false, XTR_RECEPTION},
    {"lunch", NULL, false, XTR_RECEPTION},
    {"anniversary", NULL, false, XTR_BLOCK},
    {"deadline", NULL, false, XTR_BLOCK},
    {"election", NULL, false, XTR_BLOCK},
    {"elections", NULL, false, XTR_BLOCK},
    {"vote", NULL, false, XTR_BLOCK},
    {"referendum", NULL, false, XTR_BLOCK},
    {"birthday", NULL, false, XTR_BLOCK},
    {"expire", NULL, false, XTR_BLOCK},
    {"expires", NULL, false, XTR_BLOCK},
    {"expired", NULL, false, XTR_BLOCK},
    {"ceasefire", NULL, false, XTR_BLOCK},
    {"holiday", NULL, false, XTR_BLOCK},
    /* "after Viet Nam celebrated its National Day on September 2" */
    {"celebrated", NULL, false, XTR_BLOCK},
    {"celebrates", NULL, false, XTR_BLOCK},
    {"born", NULL, false, XTR_BLOCK},
    {"died", NULL, false, XTR_BLOCK},
    {"founded", NULL, false, XTR_BLOCK},
    {"invasion", NULL, false, XTR_BLOCK},
    {"attack", NULL, false, XTR_BLOCK},
    {"attacks", NULL, false, XTR_BLOCK},
    {"launched", NULL, false, XTR_BLOCK},
    {"signed", NULL, false, XTR_BLOCK},
    {"inauguration", NULL, false, XTR_BLOCK},
    {"sworn", NULL, false, XTR_BLOCK},
    {"ago", NULL, false, XTR_BLOCK},
    {"said", NULL, false, XTR_BLOCK},
    {"says", NULL, false, XTR_BLOCK},
    {"told", NULL, false, XTR_BLOCK},
    {"announced", NULL, false, XTR_BLOCK},
    /* Words of saying: "the ministry reported on Monday", "said in a
     * statement Monday": the day the words were given, not travel. */
    {"reported", NULL, false, XTR_BLOCK},
    {"confirmed", NULL, false, XTR_BLOCK},
    {"stated", NULL, false, XTR_BLOCK},
    {"disclosed", NULL, false, XTR_BLOCK},
    {"revealed", NULL, false, XTR_BLOCK},
    {"statement", NULL, false, XTR_BLOCK},
    {"added", NULL, false, XTR_BLOCK},
    {"published", NULL, false, XTR_BLOCK},
    {"updated", NULL, false, XTR_BLOCK},
    /* "register ... before Wednesday 8 November": a deadline. */
    {"register", NULL, false, XTR_BLOCK},
    {"registration", NULL, false, XTR_BLOCK},
    {"accreditation", NULL, false, XTR_BLOCK},
    /* "The visit comes a day after Hungary took over the presidency on
     * 1 July": the date is what the visit is set beside. */
    {"comes", "after|before|as|amid|days|weeks|months|a|just|ahead", false,
     XTR_BLOCK},
    {"follows", NULL, false, XTR_BLOCK},
    {"coincides", NULL, false, XTR_BLOCK},
    {"precedes", NULL, false, XTR_BLOCK},
};

/* Whether token i is one of the '|'-separated words of alts. */
static bool tok_alt(const char *text, const struct xtoks *t, size_t i,
		    const char *alts)
{
	while (*alts) {
		const char *bar = strchr(alts, '|');
		size_t n = bar ? (size_t)(bar - alts) : strlen(alts);

		if (i < t->n && t->v[i].len == n &&
		    !ascii_ncasecmp(text + t->v[i].off, alts, n))
			return true;
		alts += n + (bar != NULL);
	}
	return false;
}

/* The parts of an event a possessive names it by: "the summit's
 * outreach sessions" is the summit ("the Forum's plan" is not). */
static const char *const event_parts[] = {
    "outreach", "opening",  "closing", "sidelines", "margins",
    "session",	"sessions", "plenary", "final",	    NULL};

static const struct trig_word *trig_at(const char *text, const struct xtoks *t,
				       size_t i)
{
	int c = ascii_tolower((unsigned char)text[t->v[i].off]);
	/* "the summit's outreach sessions": the summit, possessive. */
	size_t stem = xtok_stem_len(text, &t->v[i]);

	for (size_t k = 0; k < sizeof(trig_words) / sizeof(trig_words[0]);
	     k++) {
		const struct trig_word *w = &trig_words[k];

		/* The first letter first: a table of ~150 words a token. */
		if (ascii_tolower((unsigned char)w->word[0]) != c)
			continue;
		if (xtok_is(text, t, i, w->word) &&
		    (!w->next || tok_alt(text, t, i + 1, w->next)))
			return w;
		if (stem < t->v[i].len && !w->next && strlen(w->word) == stem &&
		    !ascii_ncasecmp(text + t->v[i].off, w->word, stem) &&
		    xtok_in(text, t, i + 1, event_parts))
			return w;
	}
	return NULL;
}

static bool is_apostrophe(const char *text, const struct xtok *k)
{
	return (k->len == 1 && text[k->off] == '\'') ||
	       (k->len == 3 && !memcmp(text + k->off, "\xE2\x80\x99", 3));
}

/* "meeting" as the name of an event: "the Security Consultative
 * Meeting", "the G7 foreign ministers' meeting". */
static bool named_meeting(const char *text, const struct xtoks *t, size_t i)
{
	size_t p = i;

	if (!xtok_is(text, t, i, "meeting") && !xtok_is(text, t, i, "meetings"))
		return false;
	/* "Meeting with Kaja Kallas" (a programme's line): a capital that
	 * starts the words, not a name ("Foreign Ministers' Meeting with"
	 * is one). */
	if (t->v[i].flags & XT_CAP)
		return !xtok_is(text, t, i + 1, "with") ||
		       (p > 0 && (is_apostrophe(text, &t->v[p - 1]) ||
				  (t->v[p - 1].flags & XT_CAP)));
	if (p > 0 && is_apostrophe(text, &t->v[p - 1]))
		p--; /* the apostrophe of "ministers'" */
	/* "The meeting with ...": a sentence's first "The" names nothing. */
	return p > 0 && (((t->v[p - 1].flags & (XT_CAP | XT_DIGIT)) &&
			  !xtok_is(text, t, p - 1, "the") &&
			  !xtok_is(text, t, p - 1, "a")) ||
			 xtok_is(text, t, p - 1, "ministers") ||
			 xtok_is(text, t, p - 1, "leaders") ||
			 xtok_is(text, t, p - 1, "ministerial"));
}

/* A capitalised event word inside an organisation's or a title's name:
 * "the Secretary General of the Pacific Islands Forum", "the President of
 * the European Council". */
static bool in_title_name(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const holders[] = {
	    "General",	"Secretary",   "President", "Chairman", "Chair",
	    "Director", "head",	       "chief",	    "member",	"members",
	    "Members",	"Chairperson", "Chief",	    "Head",	NULL};
	size_t j = i;

	if (!(t->v[i].flags & XT_CAP))
		return false;
	while (j > 0 && (t->v[j - 1].flags & XT_CAP))
		j--;
	if (j > 0 && xtok_is(text, t, j - 1, "the"))
		j--;
	return j >= 2 && xtok_is(text, t, j - 1, "of") &&
	       xtok_in(text, t, j - 2, holders);
}

/* "session of the Assembly of the African Union", "meeting of Heads of
 * State", "Meeting of the Nordic prime ministers": a gathering of
 * leaders, a summit (a General Assembly is a conference; a meeting of
 * foreign ministers a meeting). */
static bool of_heads(const char *text, const struct xtoks *t, size_t i)
{
	for (size_t k = i + 1; k < t->n && k < i + 7; k++)
		if ((xtok_is(text, t, k, "Assembly") &&
		     !xtok_is(text, t, k - 1, "General")) ||
		    xtok_is(text, t, k, "Heads") ||
		    xtok_is(text, t, k, "Leaders") ||
		    xtok_is(text, t, k, "presidents") ||
		    (xtok_is(text, t, k, "ministers") &&
		     xtok_is(text, t, k - 1, "prime")))
			return true;
	return false;
}

/* Whether the word is two countries joined by a hyphen, the name of a
 * bilateral gathering ("China-Australia", not "ASEAN-Australia" or
 * "Korea-Africa"). */
static bool two_countries(const char *text, const struct xtok *w)
{
	char a[64], b[64];
	const char *dash = memchr(text + w->off, '-', w->len);
	size_t na, nb;

	if (!dash)
		return false;
	na = (size_t)(dash - (text + w->off));
	nb = w->len - na - 1;
	if (!na || !nb || na >= sizeof(a) || nb >= sizeof(b))
		return false;
	memcpy(a, text + w->off, na);
	a[na] = '\0';
	memcpy(b, dash + 1, nb);
	b[nb] = '\0';
	return country_lookup(a) && country_lookup(b);
}

/* A summit of two countries is a meeting ("the ninth China-Australia
 * Annual Leaders' Meeting", "a US-China summit", "the annual leaders'
 * meeting with Albanese" when with says whether "with" counts: not "a
 * summit with the leaders of Angola" nor "with ASEAN leaders", and not
 * for a named event, "the AI Action Summit with President Macron"). */
static bool bilateral(const char *text, const struct xtoks *t, size_t i,
		      bool with)
{
	for (size_t k = i, n = 0; k > 0 && n < 4; k--, n++)
		if ((t->v[k - 1].flags & XT_CAP) &&
		    two_countries(text, &t->v[k - 1]))
			return true;
	for (size_t k = i + 1; with && k + 1 < t->n && k < i + 4; k++)
		if (xtok_is(text, t, k, "with"))
			return (t->v[k + 1].flags & XT_CAP) &&
			       (k + 2 >= t->n ||
				!xtok_is(text, t, k + 2, "leaders")) &&
			       !xtok_is(text, t, k + 1, "The");
	return false;
}

/* Whether s[0, n) has a digit ("G7", "G20"). */
static bool has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* "The G7 Heads of State and Government will meet", "EU leaders will
 * gather": the verb of a group's leaders meeting, a summit. The group is
 * named by "Heads" or by a name in capitals or with a digit before
 * "leaders" (not "the two leaders will meet"). */
static bool leaders_meet(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const verbs[] = {
	    "meet", "meets", "gather", "gathers", "convene", "convenes", NULL};

	if (!xtok_in(text, t, i, verbs))
		return false;
	for (size_t k = i, n = 0; k > 0 && n < 10; k--, n++) {
		if (xtok_is(text, t, k - 1, ",") ||
		    xtok_is(text, t, k - 1, ";"))
			return false;
		if (xtok_is(text, t, k - 1, "Heads"))
			return true;
		if (k > 1 && xtok_is(text, t, k - 1, "leaders") &&
		    (t->v[k - 2].flags & XT_CAP) &&
		    ((t->v[k - 2].flags & XT_ALLCAP) ||
		     has_digit(text + t->v[k - 2].off, t->v[k - 2].len)))
			return true;
	}
	return false;
}

/* A meeting of leaders is a summit ("the APEC Economic Leaders'
 * Meeting"), unless of two countries; one with a name an event ("the
 * Security Consultative Meeting"). */
static enum xtrig_kind meeting_kind(const char *text, const struct xtoks *t,
				    size_t i, enum xtrig_kind kind)
{
	size_t p = i;

	if (kind == XTR_SUMMIT)
		return bilateral(text, t, i, !(t->v[i].flags & XT_CAP))
			   ? XTR_MEETING
			   : kind;
	if ((kind == XTR_GATHER || kind == XTR_CONFERENCE) &&
	    of_heads(text, t, i))
		return XTR_SUMMIT;
	if (kind == XTR_MEETING && leaders_meet(text, t, i))
		return XTR_SUMMIT;
	if (!named_meeting(text, t, i))
		return kind;
	if (p > 0 && is_apostrophe(text, &t->v[p - 1]))
		p--;
	return p > 0 && xtok_is(text, t, p - 1, "leaders") &&
		       !bilateral(text, t, p - 1, !(t->v[i].flags & XT_CAP))
		   ? XTR_SUMMIT
		   : XTR_GATHER;
}

/* The briefing where the news was given: "told a regular press
 * briefing", "said at a news conference". */
static bool announced_at(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const said[] = {"told",  "said",   "regular",
					   "daily", "weekly", "tells",
					   "says",  NULL};

	for (size_t k = i, n = 0; k > 0 && n < 3; k--, n++)
		if (xtok_in(text, t, k - 1, said))
			return true;
	return false;
}

/* An event named as a time, not as what happens: "ahead of the summit",
 * "following the summit", "on the sidelines of the summit". */
static bool time_reference(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const refs[] = {
	    "after", "before", "following", "since", "sidelines", "eve", NULL};

	for (size_t k = i; k > 0 && i - k < 5; k--) {
		if (xtok_in(text, t, k - 1, refs) ||
		    (k > 1 && xtok_is(text, t, k - 1, "of") &&
		     xtok_is(text, t, k - 2, "ahead")))
			return true;
		if (!(t->v[k - 1].flags & (XT_CAP | XT_DIGIT)) &&
		    !xtok_is(text, t, k - 1, "the") &&
		    !xtok_is(text, t, k - 1, "of"))
			return false;
	}
	return false;
}

/* A move is what the traveller does next, never a time named by an
 * event: "before flying to the Togolese capital, Lome, on Wednesday",
 * "before returning to Ottawa on Tuesday". */
static bool moves(enum xtrig_kind kind)
{
	return kind == XTR_MOVE || kind == XTR_TRAVEL;
}

/* "the opening speech of the Congress", "the keynote address of the
 * Dialogue": a speech the text names as an event's own part is the
 * traveller's leg, the event (its days, its other speakers) is not;
 * "spoke at a climate conference" is the conference. */
static bool speech_of(const char *text, const struct xtoks *t, size_t last)
{
	size_t i = last + 1;

	return i < t->n && xtok_is(text, t, i, "of");
}

/* "a stop in Anchorage on Monday, Sept. 11, to mark the anniversary of
 * the attacks": an anniversary the trip marks is its purpose, not what
 * the date before it is. */
static bool purpose(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const marks[] = {
	    "mark",	     "marks",	  "marking",	 "commemorate",
	    "commemorating", "celebrate", "celebrating", NULL};

	for (size_t k = i, n = 0; k > 0 && n < 4; k--, n++)
		if (xtok_in(text, t, k - 1, marks))
			return k >= 2 && xtok_is(text, t, k - 2, "to");
	return false;
}

/* An event word that only qualifies the noun after it: "ASEAN's first
 * dialogue partner", "a summit host", "the visit programme". */
static bool modifier(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const nouns[] = {
	    "partner",	 "partners", "partnership", "mechanism",
	    "format",	 "host",     "hosts",	    "venue",
	    "programme", "program",  "schedule",    NULL};

	return i + 1 < t->n && xtok_in(text, t, i + 1, nouns);
}

/* "Prabowo will receive him at the Merdeka Palace on Wednesday", "he
 * would host the Israeli leader at his estate on Friday": a host verb
 * whose object is a visiting person, not a thing ("host the summit",
 * "receive an award"), is a meeting of host and guest. */
static const struct trig_word host_word = {"receive", NULL, false, XTR_MEETING};

bool xtrig_hosts_guest(const char *text, const struct xtoks *t, size_t i)
{
	static const char *const verbs[] = {"receive", "receives",  "host",
					    "hosts",   "welcome",   "welcomes",
					    "hosting", "receiving", NULL};
	static const char *const pronouns[] = {"him", "her", NULL};
	static const char *const guests[] = {
	    "leader", "guest",	    "visitor",	"president", "premier",
	    "prime",  "chancellor", "minister", "king",	     "queen",
	    "emir",   "monarch",    NULL};

	if (!xtok_in(text, t, i, verbs) || i + 1 >= t->n)
		return false;
	if (xtok_in(text, t, i + 1, pronouns))
		return true;
	/* "the Israeli leader"; "Vietnamese President Luong Cuong", a
	 * title with the name after it ("the President's Cup" is none). */
	for (size_t k = i + 1; k < t->n && k <= i + 3; k++) {
		bool cap = t->v[k].flags & XT_CAP;

		if (xtok_in(text, t, k, guests) &&
		    (cap ? k + 1 < t->n && (t->v[k + 1].flags & XT_CAP) &&
			       xtok_stem_len(text, &t->v[k]) == t->v[k].len
			 : xtok_is(text, t, i + 1, "the")))
			return true;
	}
	return false;
}

void xtrig_scan(const char *text, const struct xtoks *t, struct xtriggers *out)
{
	out->n = 0;
	for (size_t i = 0; i < t->n && out->n < XTRIG_MAX; i++) {
		const struct trig_word *w;
		size_t last;

		if (!(t->v[i].flags & XT_WORD))
			continue;
		w = xtrig_hosts_guest(text, t, i) ? &host_word
						  : trig_at(text, t, i);
		if (!w || in_title_name(text, t, i))
			continue;
		last = w->takes_next ? i + 1 : i;
		if ((w->kind == XTR_PRESS && announced_at(text, t, i)) ||
		    modifier(text, t, last) ||
		    (w->kind == XTR_BLOCK && purpose(text, t, i)))
			continue;
		out->v[out->n++] = (struct xtrigger){
		    t->v[i].off,
		    t->v[last].off + t->v[last].len - t->v[i].off,
		    i,
		    meeting_kind(text, t, i, w->kind),
		    !moves(w->kind) && time_reference(text, t, i),
		    w->kind == XTR_SPEECH && speech_of(text, t, last)};
		i = last;
	}
}
