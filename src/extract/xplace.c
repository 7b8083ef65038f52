/*
 * xplace.c: places in a sentence (xplace.h).
 *
 * Each capitalised word starts a try of the longest name (up to
 * MAX_WORDS words, lower-case joiners like "of", "and", "de" inside)
 * that is a country, an adjective or a city, in that order; the words of
 * a match are then skipped. The cost is a few folds and binary searches
 * a capitalised word.
 */
#include <string.h>

#include "itin/ascii.h"
#include "xplace.h"
#include "xwho.h"

#define MAX_WORDS 5
#define NAME_MAX  160

/* Cities whose names are English words: a place only after a word of
 * place ("in Nice"). */
static const char *const word_cities[] = {
    "nice",	   "male",	 "wake",       "center",  "easter",   "troll",
    "resolute",	   "midway",	 "oral",       "split",	  "mobile",   "reading",
    "bath",	   "of",	 "date",       "marengo", "nome",     "knox",
    "chatham",	   "regina",	 "vostok",     "casey",	  "davis",    "palmer",
    "mawson",	   "syowa",	 "rothera",    "chuuk",	  "johnston", "creston",
    "dorado",	   "beulah",	 "vevay",      "doral",	  "newport",  "kanton",
    "west island", "montebello", "monticello", "chita",	  "gambier",  "thule",
    "tell city",   "the valley", NULL};

/* Cities named like people: not beside another capitalised name. */
static const char *const name_cities[] = {
    "austin",	"sydney",  "dallas",   "florence",  "darwin",	  "douglas",
    "hamilton", "stanley", "victoria", "salvador",  "jordan",	  "chad",
    "israel",	"georgia", "sofia",    "lima",	    "santiago",	  "medina",
    "orlando",	"jackson", "lincoln",  "charlotte", "phoenix",	  "dawson",
    "kingston", "perth",   "regina",   "vincennes", "queenstown", NULL};

/* Words that make the capitalised words before them an organisation. */
static const char *const org_after[] = {
    "Times", "Herald", "Post", "Daily", "News", "Agency", "Bank", "University",
    "Airlines", "Airways", "Air", "Electric", "Group", "Party", "Institute",
    "Exchange", "Cup", "FC", "Police", "Army", "Navy", "Embassy", "Consulate",
    "Ministry", "Foundation", "Club", "Museum", "Broadcasting", "Radio",
    "Television", "Journal", "Tribune", "Telegraph", "Gazette", "Globe",
    "Motors", "Corporation", "Company", "Declaration", "Accord", "Agreement",
    "Protocol", "Treaty", "Convention", "Initiative", "Review", "Pact",
    "Charter", "Statement", "Mission", "Guard", "Coast", "Federation",
    "Association", "Union", "TV", "Press", "Wire", "Observer", "Standard",
    "Dialogue", "Format", "Process", "Communique", "Assembly", "Parliament",
    "Government", "Court", "Organization", "Organisation", "Cooperation",
    /* A house or hall named for a city stands elsewhere: "talks at
     * Hyderabad House" (New Delhi), "Lancaster House" (London). */
    "House", "Hall",
    /* A group named for a city: "the Bucharest Nine", "the Visegrad
     * Four", "the Weimar Triangle". */
    "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Triangle",
    "Quartet",
    /* A day named for a country: "the Ireland Day ceremony". */
    "Day", NULL};

/* "X of": the country after it is part of a name ("Bank of Japan"). */
static const char *const org_of[] = {
    "Bank",	 "University", "Ministry",   "Embassy",
    "Institute", "Museum",     "Council",    "Academy",
    "Church",	 "Order",      "Federation", "Association",
    "Chamber",	 "College",    "Consulate",  NULL};

/* Words after which a word-named city is a place. */
static const char *const locatives[] = {
    "in",     "to",	 "at",	     "from", "near", "via",	"visit",
    "visits", "visited", "visiting", "for",  "into", "outside", NULL};

/* Lower-case words that may join the words of a name. */
static const char *const joiners[] = {"of",  "the", "and", "de",  "del", "la",
				      "es",  "el",  "da",  "do",  "du",	 "al",
				      "dos", "das", "las", "los", NULL};

/* Seats of government, named for their city. */
static const struct {
	const char *name, *city, *cc;
} seats[] = {
    {"white house", "Washington", "US"},
    {"kremlin", "Moscow", "RU"},
    {"elysee palace", "Paris", "FR"},
    {"elysee", "Paris", "FR"},
    {"downing street", "London", "GB"},
    {"blue house", "Seoul", "KR"},
    {"capitol hill", "Washington", "US"},
    {"pentagon", "Washington", "US"},
    {"great hall of the people", "Beijing", "CN"},
    {"vatican", "Vatican City", "VA"},
    {"zhongnanhai", "Beijing", "CN"},
};

/* Short country names written in capitals that are names, not codes. */
static const char *const caps_countries[] = {"US",  "USA",  "U.S.", "U.S.A.",
					     "UK",  "U.K.", "UAE",  "DRC",
					     "PRC", "ROK",  "DPRK", NULL};

struct scan {
	const char *text;
	const struct xtoks *t;
	const char *ctx_cc;
	struct xplaces *out;
};

static bool tok_cap(const struct xtoks *t, size_t i)
{
	return i < t->n && (t->v[i].flags & XT_CAP);
}

static void add_place(struct scan *sc, size_t first, size_t last,
		      enum xplace_kind kind, const char *cc,
		      const struct place *city)
{
	struct xplaces *o = sc->out;
	const struct xtok *a = &sc->t->v[first], *b = &sc->t->v[last];

	if (o->n >= XPLACE_MAX || !cc)
		return;
	o->v[o->n] = (struct xplace){a->off,
				     b->off + b->len - a->off,
				     kind,
				     {cc[0], cc[1], '\0'},
				     city,
				     false,
				     xtok_stem_len(sc->text, b) != b->len,
				     (a->flags & XT_INQUOTE) != 0};
	o->n++;
}

/* Tokens [i, i+n) as a name into buf (single spaces, the possessive of
 * the last dropped); false when they cannot be one: a word that is not
 * capitalised at either end, or not a joiner inside. */
static bool join_name(const struct scan *sc, size_t i, size_t n,
		      char buf[NAME_MAX])
{
	const struct xtoks *t = sc->t;
	size_t len = 0;

	if (i + n > t->n || !tok_cap(t, i) || !tok_cap(t, i + n - 1))
		return false;
	for (size_t k = i; k < i + n; k++) {
		const struct xtok *w = &t->v[k];
		size_t wl =
		    k + 1 == i + n ? xtok_stem_len(sc->text, w) : w->len;

		if (!(w->flags & XT_WORD) || (k + 1 < i + n && wl != w->len))
			return false;
		if (!(w->flags & XT_CAP) &&
		    !xtok_word_in(sc->text + w->off, w->len, joiners))
			return false;
		if (len + wl + 2 > NAME_MAX)
			return false;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, sc->text + w->off, wl);
		len += wl;
	}
	buf[len] = '\0';
	return true;
}

static const struct place *seat_place(const char *name)
{
	char low[NAME_MAX];

	xtok_lower(name, low, sizeof(low));
	for (size_t k = 0; k < sizeof(seats) / sizeof(seats[0]); k++)
		if (!strcmp(low, seats[k].name) ||
		    (!strncmp(low, "the ", 4) &&
		     !strcmp(low + 4, seats[k].name)))
			return place_find(seats[k].city, seats[k].cc, NULL);
	return NULL;
}

/* A country named by the words: short names in capitals only from the
 * list ("IT", "IN", "TO" are words). */
static const char *country_of_words(const struct scan *sc, size_t i, size_t n,
				    const char *name)
{
	const struct xtok *w = &sc->t->v[i];

	if (n == 1 && xtok_stem_len(sc->text, w) <= 4 &&
	    (w->flags & XT_ALLCAP || w->len <= 3) &&
	    !xtok_word_in(sc->text + w->off, xtok_stem_len(sc->text, w),
			  caps_countries))
		return NULL;
	return country_lookup(name);
}

/* The countries the sentence named so far, then the context's, to
 * choose among cities of one name. */
static const struct place *city_in_context(const struct scan *sc,
					   const char *name)
{
	for (size_t k = sc->out->n; k-- > 0;) {
		const struct place *p =
		    place_find(name, sc->out->v[k].cc, NULL);

		if (p)
			return p;
	}
	if (sc->ctx_cc && *sc->ctx_cc)
		return place_find(name, sc->ctx_cc, NULL);
	return NULL;
}

/* Whether a place of the lists may be read at tokens [i, i+n). */
static bool name_allowed(const struct scan *sc, size_t i, size_t n,
			 const char *name)
{
	const struct xtoks *t = sc->t;
	char low[NAME_MAX];
	size_t last = i + n - 1;

	xtok_lower(name, low, sizeof(low));
	if (xtok_word_in(low, strlen(low), word_cities))
		return i > 0 && xtok_in(sc->text, t, i - 1, locatives);
	if (xtok_word_in(low, strlen(low), name_cities)) {
		bool poss =
		    xtok_stem_len(sc->text, &t->v[last]) != t->v[last].len;

		if (i > 0 && tok_cap(t, i - 1) &&
		    !(t->v[i - 1].flags & XT_ALLCAP) &&
		    !xtok_in(sc->text, t, i - 1, locatives))
			return false;
		return poss || !tok_cap(t, last + 1);
	}
	return true;
}

/* Words that follow "capital" in other senses ("capital markets"). */
static const char *const capital_not[] = {
    "market",	   "markets",	 "gains",    "flows", "flow",	 "investment",
    "expenditure", "punishment", "spending", "goods", "account", NULL};

/* The country "the capital" at token i refers to: the place just before
 * ("the Japanese capital", "Japan's capital"), else the last the
 * sentence named, else the context's. NULL: not a capital of a country. */
static const char *capital_country(const struct scan *sc, size_t i)
{
	const struct xtoks *t = sc->t;
	const struct xplaces *o = sc->out;

	if (xtok_in(sc->text, t, i + 1, capital_not))
		return NULL;
	if (o->n && i > 0 &&
	    o->v[o->n - 1].off + o->v[o->n - 1].len ==
		t->v[i - 1].off + t->v[i - 1].len)
		return o->v[o->n - 1].kind == XP_CITY ? NULL
						      : o->v[o->n - 1].cc;
	if (i == 0 || !(xtok_is(sc->text, t, i - 1, "the") ||
			xtok_is(sc->text, t, i - 1, "country's") ||
			xtok_is(sc->text, t, i - 1, "nation's")))
		return NULL;
	if (xtok_is(sc->text, t, i + 1, "of"))
		return NULL; /* "the capital of Japan": at Japan */
	if (o->n)
		return o->v[o->n - 1].cc;
	return sc->ctx_cc && *sc->ctx_cc ? sc->ctx_cc : NULL;
}

static void add_capital(struct scan *sc, size_t i, const char *cc)
{
	const struct place *p = cc ? place_capital(cc) : NULL;

	if (!p)
		return;
	add_place(sc, i, i, XP_CITY, p->country, p);
	if (sc->out->n)
		sc->out->v[sc->out->n - 1].capital = true;
}

/* Part of an organisation's name: "Korea Herald", "Bank of Japan". */
static bool org_name(const struct scan *sc, size_t i, size_t n)
{
	const struct xtoks *t = sc->t;
	size_t j = i + n;

	if (xtok_stem_len(sc->text, &t->v[j - 1]) == t->v[j - 1].len &&
	    tok_cap(t, j) && xtok_in(sc->text, t, j, org_after))
		return true;
	return i >= 2 && xtok_is(sc->text, t, i - 1, "of") &&
	       xtok_in(sc->text, t, i - 2, org_of);
}

/* The place named by tokens [i, i+n): its kind, country and city. */
static bool match_words(struct scan *sc, size_t i, size_t n,
			enum xplace_kind *kind, const char **cc,
			const struct place **city)
{
	char name[NAME_MAX], low[NAME_MAX];
	bool amb = false;

	if (!join_name(sc, i, n, name))
		return false;
	*city = seat_place(name);
	if (*city) {
		*kind = XP_CITY;
		*cc = (*city)->country;
		return true;
	}
	*kind = XP_COUNTRY;
	if ((*cc = country_of_words(sc, i, n, name)) != NULL) {
		const struct place *cap = place_capital(*cc);

		/* A city state: "Singapore" is its city too. */
		if (cap && place_find(name, *cc, NULL) == cap) {
			*kind = XP_CITY;
			*city = cap;
		}
		return name_allowed(sc, i, n, name);
	}
	xtok_lower(name, low, sizeof(low));
	*kind = XP_ADJ;
	if ((*cc = xdemonym_country(low)) != NULL)
		return true;
	if (strlen(name) < 3 || !name_allowed(sc, i, n, name))
		return false;
	*kind = XP_CITY;
	*city = place_find(name, NULL, &amb);
	if (*city && amb) {
		const struct place *p = city_in_context(sc, name);

		*city = p ? p : *city;
	}
	*cc = *city ? (*city)->country : NULL;
	return *city != NULL;
}

/* Words after which a country's name is a noun, not an adjective. */
static const char *const after_noun[] = {
    "and",     "or",	  "on",	      "in",	   "to",    "for",
    "from",    "is",	  "was",      "will",	   "has",   "had",
    "have",    "as",	  "at",	      "by",	   "with",  "but",
    "would",   "says",	  "said",     "which",	   "who",   "where",
    "since",   "until",	  "after",    "before",	   "this",  "next",
    "last",    "over",	  "of",	      "are",	   "were",  "could",
    "should",  "may",	  "might",    "must",	   "can",   "later",
    "earlier", "today",	  "tomorrow", "yesterday", "again", "when",
    "while",   "if",	  "amid",     "ahead",	   "via",   "during",
    "through", "between", "under",    NULL};

/* Nouns a country's full name qualifies ("China policy"). */
static const char *const adj_nouns[] = {
    "officials",  "official",	"government",  "policy",      "ties",
    "relations",  "trade",	"military",    "forces",      "troops",
    "delegation", "embassy",	"leaders",     "leader",      "companies",
    "firms",	  "investment", "aid",	       "support",     "commitment",
    "envoy",	  "diplomats",	"side",	       "team",	      "ministry",
    "president",  "minister",	"counterpart", "authorities", NULL};

/* The country name ending before token j is used as an adjective: a
 * lower-case word other than a preposition or verb follows ("U.S.
 * commitment", "China policy"). */
static bool adjectival(const struct scan *sc, size_t j)
{
	const struct xtok *k;

	if (j >= sc->t->n)
		return false;
	k = &sc->t->v[j];
	/* "New Zealand Prime Minister Christopher Luxon", "Greek Foreign
	 * Minister": whose title, not where. */
	if ((k->flags & XT_CAP) &&
	    (xwho_is_title(sc->text, k->off, k->len) ||
	     (j + 1 < sc->t->n && (sc->t->v[j + 1].flags & XT_CAP) &&
	      xwho_is_title(sc->text, sc->t->v[j + 1].off,
			    sc->t->v[j + 1].len))))
		return true;
	if (!(k->flags & XT_WORD) || (k->flags & (XT_CAP | XT_DIGIT)))
		return false;
	if (xtok_stem_len(sc->text, &sc->t->v[j - 1]) != sc->t->v[j - 1].len)
		return false; /* "Japan's" is whose, already marked */
	/* "U.S. officials", "UK trade": short names are adjectives before
	 * any noun; a full name only before the nouns news puts there
	 * ("China policy"), not "a visit to China starting today". */
	if (sc->t->v[j - 1].flags & XT_ALLCAP)
		return !xtok_in(sc->text, sc->t, j, after_noun);
	return xtok_in(sc->text, sc->t, j, adj_nouns);
}

/* Try the longest name at token i; returns how many tokens it used (0:
 * none). */
static size_t scan_at(struct scan *sc, size_t i)
{
	enum xplace_kind kind;
	const char *cc;
	const struct place *city;

	for (size_t n = MAX_WORDS; n >= 1; n--) {
		if (!match_words(sc, i, n, &kind, &cc, &city))
			continue;
		if (org_name(sc, i, n))
			return n;
		if (kind == XP_COUNTRY && adjectival(sc, i + n))
			kind = XP_ADJ; /* "U.S. commitment" */
		/* "the capital of Japan", not "of Indonesia's Papua". */
		if (kind == XP_COUNTRY && i >= 2 &&
		    xtok_stem_len(sc->text, &sc->t->v[i + n - 1]) ==
			sc->t->v[i + n - 1].len &&
		    xtok_is(sc->text, sc->t, i - 1, "of") &&
		    xtok_is(sc->text, sc->t, i - 2, "capital"))
			add_capital(sc, i - 2, cc);
		add_place(sc, i, i + n - 1, kind, cc, city);
		return n;
	}
	return 0;
}

void xplace_scan(const char *text, const struct xtoks *t, const char *ctx_cc,
		 struct xplaces *out)
{
	struct scan sc = {text, t, ctx_cc, out};

	out->n = 0;
	for (size_t i = 0; i < t->n && out->n < XPLACE_MAX;) {
		size_t used = 0;

		if (tok_cap(t, i))
			used = scan_at(&sc, i);
		else if (xtok_is(text, t, i, "capital"))
			add_capital(&sc, i, capital_country(&sc, i));
		i += used ? used : 1;
	}
}
