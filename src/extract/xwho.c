/*
 * xwho.c: titled people in a sentence (xwho.h).
 *
 * A title is a head word ("President", "Minister", "King") with the
 * modifier words before it ("Prime", "Foreign", "Crown") and after it
 * ("General", "of State", "of Foreign Affairs"); the name is the
 * capitalised words after the title. Heads are also read in lower case
 * when a name follows ("the Japanese prime minister, Fumio Kishida") or
 * precedes ("Fumio Kishida, the Japanese prime minister").
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "xplace.h"
#include "xwho.h"

#define NAME_WORDS 6

static const char *const heads[] = {
    "president",      "minister",     "chancellor",	"king",
    "queen",	      "prince",	      "princess",	"emir",
    "sultan",	      "sheikh",	      "secretary",	"secretary-general",
    "premier",	      "pope",	      "chairman",	"chairwoman",
    "chairperson",    "ambassador",   "governor",	"mayor",
    "senator",	      "commissioner", "representative", "director-general",
    "envoy",	      "speaker",      "leader",		"adviser",
    "advisor",	      "councilor",    "councillor",	"taoiseach",
    "tánaiste",	      "tanaiste",     "duke",		"duchess",
    "chief",	      "general",      "admiral",	"president-elect",
    "vice-president", "monarch",      "counterpart",	NULL};

static const char *const modifiers[] = {"vice",	       "deputy",
					"prime",       "foreign",
					"defence",     "defense",
					"national",    "first",
					"crown",       "grand",
					"supreme",     "finance",
					"trade",       "interior",
					"economy",     "home",
					"treasury",    "commerce",
					"state",       "security",
					"special",     "high",
					"executive",   "senior",
					"acting",      "former",
					"army",	       "health",
					"justice",     "energy",
					"industry",    "education",
					"agriculture", "foreign-affairs",
					"chief",       "general",
					"secretary",   "affairs",
					"external",    "international",
					"cooperation", "development",
					"public",      "european",
					"labour",      "labor",
					"culture",     "tourism",
					"transport",   "science",
					"technology",  "environment",
					"climate",     "unification",
					"economic",    "presidential",
					"royal",       "highness",
					"majesty",     "cabinet",
					"republic",    "kingdom",
					"federation",  "union",
					"policy",      "his",
					"her",	       NULL};

/* Capitalised words that never start or continue a name. */
static const char *const not_names[] = {
    "The",	"He",	    "She",	 "It",	      "They",	  "On",
    "In",	"At",	    "His",	 "Her",	      "And",	  "But",
    "A",	"An",	    "This",	 "That",      "Then",	  "When",
    "During",	"After",    "Before",	 "While",     "As",	  "Also",
    "On",	"January",  "February",	 "March",     "April",	  "May",
    "June",	"July",	    "August",	 "September", "October",  "November",
    "December", "Monday",   "Tuesday",	 "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",   "Jan",	 "Feb",	      "Mar",	  "Apr",
    "Jun",	"Jul",	    "Aug",	 "Sep",	      "Sept",	  "Oct",
    "Nov",	"Dec",	    "Mr",	 "Mrs",	      "Ms",	  "Dr",
    "Today",	"Tomorrow", "Yesterday", "We",	      "I",	  "You",
    "Our",	NULL};

/* Lower-case words inside a name: "bin", "van", "de". */
static const char *const particles[] = {
    "bin", "ibn", "al", "van", "von", "der", "de", "da", "dos", "la", NULL};

struct who {
	const char *text;
	const struct xtoks *t;
	struct xpeople *out;
};

static bool cap(const struct xtoks *t, size_t i)
{
	return i < t->n && (t->v[i].flags & XT_CAP);
}

static bool word(const struct xtoks *t, size_t i)
{
	return i < t->n && (t->v[i].flags & XT_WORD);
}

static bool is_head(const struct who *w, size_t i)
{
	return word(w->t, i) && xtok_in(w->text, w->t, i, heads);
}

static bool is_title_word(const struct who *w, size_t i)
{
	return is_head(w, i) ||
	       (word(w->t, i) && xtok_in(w->text, w->t, i, modifiers));
}

/* A token that can be a word of a name: capitalised, not a title or a
 * calendar word; or "al-Sudani". */
static bool name_word(const struct who *w, size_t i)
{
	const struct xtok *k;

	if (!word(w->t, i) || (w->t->v[i].flags & XT_DIGIT))
		return false;
	k = &w->t->v[i];
	if (!cap(w->t, i))
		return k->len > 3 && (!strncmp(w->text + k->off, "al-", 3) ||
				      !strncmp(w->text + k->off, "el-", 3));
	if ((w->t->v[i].flags & XT_ALLCAP) ||
	    (k->len == 1 && xtok_is(w->text, w->t, i + 1, ".")))
		return false;
	return !is_title_word(w, i) && !xtok_in(w->text, w->t, i, not_names);
}

/* The name at token i: how many tokens it takes (0: none). A possessive
 * ends it. */
static size_t name_len(const struct who *w, size_t i)
{
	size_t n = 0;

	while (n < NAME_WORDS + 1 && i + n < w->t->n) {
		const struct xtok *k = &w->t->v[i + n];

		if (name_word(w, i + n)) {
			n++;
			if (xtok_stem_len(w->text, k) != k->len)
				break;
		} else if (n && xtok_in(w->text, w->t, i + n, particles) &&
			   name_word(w, i + n + 1)) {
			n++;
		} else if (n && k->len == 1 && (k->flags & XT_CAP) &&
			   xtok_is(w->text, w->t, i + n + 1, ".") &&
			   name_word(w, i + n + 2)) {
			n += 2; /* an initial: "Antony J. Blinken" */
		} else {
			break;
		}
	}
	return n > NAME_WORDS ? 0 : n;
}

/* The words of a state's formal name ("the Republic of Korea", "the
 * Kingdom of Spain"), in a title. */
static const char *const state_forms[] = {
    "Republic",	    "Kingdom",	    "Federation",    "Sultanate", "Emirate",
    "Principality", "Commonwealth", "Confederation", "Union",	  NULL};

/* Token j names a country ("of Japan"). */
static bool country_tok(const struct who *w, size_t j)
{
	char buf[64];
	const struct xtok *k = &w->t->v[j];

	if (k->len < 4 || k->len >= sizeof(buf))
		return false;
	memcpy(buf, w->text + k->off, k->len);
	buf[k->len] = '\0';
	return country_lookup(buf) != NULL;
}

/* Tokens [a, b] into buf with single spaces (the possessive of the last
 * dropped); up_first: capitalise each word (a role written in lower
 * case). */
static void copy_words(const struct who *w, size_t a, size_t b, char *buf,
		       size_t size, bool up_first)
{
	size_t len = 0;

	buf[0] = '\0';
	if (!up_first && a <= b && b < w->t->n) {
		/* As written, spaces and line breaks made one space. */
		const struct xtok *x = &w->t->v[b];
		size_t e = x->off + xtok_stem_len(w->text, x);

		for (size_t i = w->t->v[a].off; i < e && len + 1 < size; i++) {
			char c = w->text[i];

			if (c == '\n' || c == '\t' || c == '\r')
				c = ' ';
			if (c != ' ' || (len && buf[len - 1] != ' '))
				buf[len++] = c;
		}
		buf[len] = '\0';
		utf8_drop_cut_tail(buf); /* a long name cut mid-letter */
		return;
	}
	for (size_t k = a; k <= b && k < w->t->n; k++) {
		const struct xtok *x = &w->t->v[k];
		size_t n = k == b ? xtok_stem_len(w->text, x) : x->len;

		if (len + n + 2 > size)
			break;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, w->text + x->off, n);
		if (up_first && !(x->flags & XT_CAP) &&
		    !xtok_is(w->text, w->t, k, "of") &&
		    !xtok_is(w->text, w->t, k, "the"))
			buf[len] = (char)ascii_toupper((unsigned char)buf[len]);
		len += n;
		buf[len] = '\0';
	}
}

/* A country before token s: "South Korean", "Japan's", "U.S.": its code
 * into cc and the first token of it (s when none). */
static size_t country_before(const struct who *w, size_t s, char cc[3])
{
	char buf[64], low[64];

	cc[0] = '\0';
	for (size_t n = 2; n >= 1; n--) {
		const char *code;

		if (s < n || !cap(w->t, s - n))
			continue;
		copy_words(w, s - n, s - 1, buf, sizeof(buf), false);
		xtok_lower(buf, low, sizeof(low));
		code = xdemonym_country(low);
		if (!code &&
		    (n == 2 || strlen(buf) > 3 || !strcmp(buf, "U.S.") ||
		     !strcmp(buf, "US") || !strcmp(buf, "UK")))
			code = country_lookup(buf);
		if (code) {
			memcpy(cc, code, 3);
			return s - n;
		}
	}
	return s;
}

/* The end of the title whose head is at h: modifiers after it ("Secretary
 * General") and "of State", "of Foreign Affairs", "of Japan". */
/* An "of X" or "for X" part of a title at token e + 1 ("of State", "for
 * Foreign Affairs", "of Ukraine", "of the European Council, Name"):
 * where it ends, or e when there is none. */
static size_t title_of(const struct who *w, size_t e, bool upper)
{
	size_t j = e + 2;

	if (!xtok_is(w->text, w->t, e + 1, "of") &&
	    !xtok_is(w->text, w->t, e + 1, "for"))
		return e;
	if (xtok_is(w->text, w->t, j, "the"))
		j++;
	/* "of the Republic of India", "of the Russian Federation": a
	 * state's formal name, its "of" part read by the next round. */
	while (j < w->t->n &&
	       ((cap(w->t, j) == upper &&
		 (xtok_in(w->text, w->t, j, modifiers) ||
		  (upper && (country_tok(w, j) ||
			     xtok_in(w->text, w->t, j, state_forms))))) ||
		(j > e + 2 && xtok_is(w->text, w->t, j, "and") &&
		 xtok_in(w->text, w->t, j + 1, modifiers))))
		j++; /* "of Foreign Affairs and International Cooperation" */
	/* Any name of a body when a comma and the person's name follow. */
	if (upper && j < w->t->n && cap(w->t, j)) {
		size_t r = j;

		while (r < w->t->n && r - j < 5 && cap(w->t, r))
			r++;
		if (xtok_is(w->text, w->t, r, ",") && name_len(w, r + 1))
			j = r;
	}
	return j > e + 2 && !xtok_is(w->text, w->t, j - 1, "the") ? j - 1 : e;
}

/* The end of the title whose head is at h: modifiers after it ("Secretary
 * General") and up to three "of" parts ("Minister of Foreign Affairs of
 * Ukraine"). */
static size_t title_end(const struct who *w, size_t h, bool upper)
{
	size_t e = h;

	while (is_title_word(w, e + 1) && cap(w->t, e + 1) == upper &&
	       !name_word(w, e + 1))
		e++;
	for (int i = 0; i < 3; i++) {
		size_t n = title_of(w, e, upper);

		if (n == e)
			break;
		e = n;
	}
	return e;
}

static void add_person(struct who *w, size_t first, size_t last,
		       const size_t name[2], const size_t role[2],
		       const char cc[3])
{
	struct xperson *p;
	const struct xtok *a = &w->t->v[first], *b = &w->t->v[last];
	const struct xtok *s = &w->t->v[name[1]];

	if (w->out->n >= XWHO_MAX)
		return;
	p = &w->out->v[w->out->n];
	memset(p, 0, sizeof(*p));
	p->off = a->off;
	p->len = b->off + b->len - a->off;
	copy_words(w, name[0], name[1], p->name, sizeof(p->name), false);
	if (role && !xtok_is(w->text, w->t, role[1], "counterpart"))
		copy_words(w, role[0], role[1], p->role, sizeof(p->role),
			   !cap(w->t, role[1]));
	memcpy(p->cc, cc, 3);
	p->surname_off = s->off;
	p->surname_len = xtok_stem_len(w->text, s);
	for (size_t k = 0; k < w->out->n; k++)
		if (!strcmp(w->out->v[k].name, p->name))
			return; /* named twice in one sentence */
	w->out->n++;
}

/* "Fumio Kishida, the Japanese prime minister": the name before the
 * title starting at a, into name[]. */
static bool name_before(const struct who *w, size_t a, size_t name[2])
{
	size_t p = a, st;

	if (p > 0 && (xtok_is(w->text, w->t, p - 1, "the") ||
		      xtok_is(w->text, w->t, p - 1, "a")))
		p--;
	if (p < 3 || !xtok_is(w->text, w->t, p - 1, ","))
		return false;
	st = p - 1;
	while (st > 0 && p - 1 - st < NAME_WORDS && name_word(w, st - 1))
		st--;
	if (p - 1 - st < 2 || (st > 0 && cap(w->t, st - 1)))
		return false;
	name[0] = st;
	name[1] = p - 2;
	return true;
}

/* A title whose head is at h, and the name after or before it. Returns
 * the token to go on from. */
static size_t at_head(struct who *w, size_t h)
{
	const struct xtoks *t = w->t;
	bool upper = cap(t, h);
	size_t s = h, e, ns, n, a, role[2], name[2];
	char cc[3];

	while (s > 0 && is_title_word(w, s - 1) && cap(t, s - 1) == upper)
		s--;
	a = country_before(w, s, cc);
	role[0] = s;
	if (!cc[0] && upper && s > 0 && (t->v[s - 1].flags & XT_ALLCAP))
		role[0] = a = s - 1; /* "NATO Secretary General" */
	e = title_end(w, h, upper);
	role[1] = e;
	ns = e + 1;
	/* "the Japanese prime minister, Fumio Kishida", "the Minister of
	 * Foreign Affairs, Yusuf Tuggar". */
	if (xtok_is(w->text, t, ns, ",") &&
	    (!upper || (a > 0 && xtok_is(w->text, t, a - 1, "the"))))
		ns++;
	n = name_len(w, ns);
	if (n && is_head(w, ns + n))
		return ns +
		       n; /* "Chief Cabinet Secretary X": the title goes on */
	if (n && (upper || n >= 2)) {
		name[0] = ns;
		name[1] = ns + n - 1;
		add_person(w, a, name[1], name, role, cc);
		return ns + n;
	}
	if (name_before(w, a, name))
		add_person(w, name[0], e, name, role, cc);
	return e + 1;
}

void xwho_scan(const char *text, const struct xtoks *t, struct xpeople *out)
{
	struct who w = {text, t, out};
	static const char *const honorifics[] = {"Mr", "Mrs", "Ms", "Dr", NULL};
	static const char nocc[3] = "";

	out->n = 0;
	for (size_t i = 0; i < t->n && out->n < XWHO_MAX;) {
		size_t n, name[2];

		if (is_head(&w, i)) {
			i = at_head(&w, i);
			continue;
		}
		if (xtok_in(text, t, i, honorifics) &&
		    xtok_is(text, t, i + 1, ".") &&
		    (n = name_len(&w, i + 2)) > 0) {
			name[0] = i + 2;
			name[1] = i + 1 + n;
			add_person(&w, i, name[1], name, NULL, nocc);
			i = name[1] + 1;
			continue;
		}
		i++;
	}
}

/* Whether the word w[0, n) is one of the words of name. */
static bool has_word(const char *name, const char *w, size_t n)
{
	for (const char *a = name; *a;) {
		size_t k = strcspn(a, " ,");

		if (k == n && !ascii_ncasecmp(a, w, n))
			return true;
		a += k;
		a += strspn(a, " ,");
	}
	return false;
}

bool xwho_same(const char *a, const char *b)
{
	/* "Mr Marape" is James Marape. */
	static const char honorifics[] = "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. "
					 "Sir Dame Madam Mme Prof Prof.";

	if (strlen(a) > strlen(b)) {
		const char *t = a;

		a = b;
		b = t;
	}
	if (!*a)
		return false;
	while (*a) {
		size_t k = strcspn(a, " ");

		if (k && !has_word(b, a, k) && !has_word(honorifics, a, k))
			return false;
		a += k;
		a += *a == ' ';
	}
	return true;
}

/* Whether a title is a monarch's or a royal's ("His Majesty Sultan",
 * "Crown Prince", "Emir"). */
static bool royal(const char *role)
{
	static const char words[] = "King Queen Sultan Emir Amir Majesty "
				    "Highness Prince Princess Emperor Empress "
				    "Pope Grand Duke Duchess Sheikh";
	const char *a = role;

	while (*a) {
		size_t k = strcspn(a, " ,");

		if (k > 2 && has_word(words, a, k))
			return true;
		a += k;
		a += strspn(a, " ,");
	}
	return false;
}

bool xwho_same_person(const struct xperson *p, const struct xperson *q)
{
	/* A monarch and a minister who share a name are two people; other
	 * titles of one person vary ("Ambassador Mauro Vieira", "Minister
	 * Vieira"). */
	return xwho_same(p->name, q->name) &&
	       (!p->role[0] || !q->role[0] || royal(p->role) == royal(q->role));
}

bool xwho_names(const char *text, size_t off, size_t len,
		const struct xperson *p)
{
	const char *w = p->name;

	if (len < 2)
		return false;
	/* Two letters only as the first word: "Xi", "Li" (family names
	 * first), not "Al" of "Al Thani". */
	if (len == 2)
		return !strncmp(p->name, text + off, 2) && p->name[2] == ' ';
	/* Any word of the name: "Stoltenberg", "Wang" (family names
	 * first), "Lula" (of "Luiz Inácio Lula da Silva"). */
	while (*w) {
		const char *e = strchr(w, ' ');
		size_t n = e ? (size_t)(e - w) : strlen(w);

		if (n == len && !memcmp(text + off, w, len))
			return true;
		w += n + (e != NULL);
	}
	return false;
}

bool xwho_role_word(const char *text, size_t off, size_t len,
		    const struct xperson *p)
{
	const char *w = p->role;

	/* Any word of the role: "the Prime Minister", "the chancellor". */
	while (len > 3 && *w) {
		const char *e = strchr(w, ' ');
		size_t n = e ? (size_t)(e - w) : strlen(w);

		if (n == len && !ascii_ncasecmp(text + off, w, len))
			return true;
		w += n + (e != NULL);
	}
	return false;
}

bool xwho_is_title(const char *text, size_t off, size_t len)
{
	return xtok_word_in(text + off, len, heads);
}
