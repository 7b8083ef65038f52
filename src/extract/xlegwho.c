/*
 * xlegwho.c: whose a leg is and what it is called (xlegint.h): the
 * principal or someone else as the subject of its trigger, the
 * counterparts it names, its type and title.
 */
#include <stdio.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/utf8.h"
#include "xlegint.h"

/* Capitalised words that start a clause and name no one. */
static const char *const not_subjects[] = {
    "The",	 "This",      "That",	  "These",  "Those",	"On",
    "In",	 "At",	      "From",	  "After",  "Before",	"During",
    "Then",	 "Later",     "Earlier",  "Today",  "Tomorrow", "Monday",
    "Tuesday",	 "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "His",	 "Her",	      "Their",	  "Its",    "Our",	"My",
    "He",	 "She",	      "They",	  "We",	    "I",	"It",
    "A",	 "An",	      "Next",	  "Last",   "Both",	"Prime",
    "Foreign",	 "Vice",      "Deputy",	  "Crown",  "First",	"Mr",
    "Mrs",	 "Ms",	      "Dr",	  "Sir",    "Dame",	"Madam",
    "President", NULL};

static const char *const pronouns[] = {"he", "she", "his", "her", "i",
				       "we", "my",  "our", NULL};

bool xl_is_principal(const struct xlegdoc *doc, const struct xperson *p)
{
	const struct xperson *q = doc->principal;

	/* A shared surname alone is not the principal: "Anwar Ibrahim"
	 * beside "Sultan Ibrahim". */
	return q &&
	       (!strcmp(p->name, q->name) ||
		(p->surname_len &&
		 xwho_names(doc->text, p->surname_off, p->surname_len, q) &&
		 xwho_same_person(p, q)));
}

static const char *const fronts[] = {"After", "Before", "Following",
				     "Upon",  "Ahead",	"During",
				     "While", "Once",	NULL};

/* The token where the clause of token i starts: after a ';', a ':' or a
 * "that" ("Misri told reporters that the Prime Minister's talks..."), or
 * the sentence's start. */
static size_t clause_start(const char *text, const struct xtoks *t, size_t i)
{
	/* "According to a statement by X, Y, the President will": after
	 * the frame's last comma. */
	if (i > 0 && xtok_is(text, t, 0, "According")) {
		for (size_t k = i; k > 1; k--)
			if (xtok_is(text, t, k - 1, ","))
				return k;
	}
	/* "After returning to Buenos Aires, the President will": a
	 * fronted phrase names no subject; the clause starts after its
	 * comma. */
	if (i > 0 && xtok_in(text, t, 0, fronts)) {
		for (size_t k = 1; k < i; k++)
			if (xtok_is(text, t, k, ","))
				return k + 1;
	}
	while (i > 0 && !xtok_is(text, t, i - 1, ";") &&
	       !xtok_is(text, t, i - 1, ":") &&
	       !xtok_is(text, t, i - 1, "that"))
		i--;
	return i;
}

void xl_principal_alias(struct xlegdoc *doc)
{
	const char *t = doc->text;
	size_t j, a, e;

	doc->alias[0] = '\0';
	if (!doc->principal || doc->principal->off < 8)
		return;
	j = doc->principal->off - 2; /* the comma of ", Ambassador" */
	if (t[j] != ',' || t[j + 1] != ' ')
		return;
	for (a = j; a-- > 0;) {
		if (j - a > 60 || t[a] == '.' || t[a] == ',' || t[a] == '\n')
			return;
		if ((t[a] == 'T' || t[a] == 't') &&
		    !strncmp(t + a + 1, "he ", 3) &&
		    (a == 0 || t[a - 1] == ' ' || t[a - 1] == '\n'))
			break;
	}
	if (a == (size_t)-1)
		return;
	a += 4;
	for (e = a; e < j && ascii_isalpha((unsigned char)t[e]); e++)
		;
	if (e > a && e - a < sizeof(doc->alias) && xwho_is_title(t, a, e - a))
		snprintf(doc->alias, sizeof(doc->alias), "%.*s", (int)(e - a),
			 t + a);
}

/* Whether text[off, off+n) is the principal's alias. */
static bool alias_at(const struct xlegdoc *doc, size_t off, size_t n)
{
	return doc->alias[0] && strlen(doc->alias) == n &&
	       !ascii_ncasecmp(doc->text + off, doc->alias, n);
}

/* "the Minister for Foreign Affairs" in a report about the Prime
 * Minister: a title at token i that the principal's title qualifies
 * ("Prime"), followed by a portfolio in capitals the principal's title
 * does not name. */
static bool other_portfolio(const struct xlegdoc *doc,
			    const struct xsentence *s, size_t i)
{
	const struct xtoks *t = s->toks;
	const char *role = doc->principal->role;
	const struct xtok *title = &t->v[i];
	const char *at = NULL;
	size_t j = i + 1;
	bool foreign = false;

	if (j + 1 >= t->n || !(xtok_is(doc->text, t, j, "for") ||
			       xtok_is(doc->text, t, j, "of")))
		return false;
	/* The principal's title qualifies this word ("Prime Minister"):
	 * where the word stands in it. */
	for (const char *p = strstr(role, " "); p; p = strstr(p + 1, " "))
		if (!strncmp(p + 1, doc->text + title->off, title->len))
			at = p;
	if (!at)
		return false;
	if (xtok_is(doc->text, t, j + 1, "the") && j + 2 < t->n)
		j++;
	for (size_t k = j + 1; k < t->n && k < j + 4; k++) {
		const struct xtok *w = &t->v[k];
		char word[32];

		if (!(w->flags & XT_CAP) || w->len >= sizeof(word))
			break;
		memcpy(word, doc->text + w->off, w->len);
		word[w->len] = '\0';
		if (strstr(role, word))
			return false; /* "Foreign Minister": the same */
		foreign = true;
	}
	return foreign;
}

/* Whom the words at token i name: 1 the principal, -1 someone else, 0
 * nobody. */
static int who_at(const struct xlegdoc *doc, const struct xsentence *s,
		  size_t i)
{
	const struct xtok *k = &s->toks->v[i];
	size_t n = xtok_stem_len(doc->text, k);

	if (xtok_in(doc->text, s->toks, i, pronouns))
		return doc->he_other ? -1 : 1; /* whom "he" was last */
	if (doc->principal && i > 0 &&
	    (xtok_is(doc->text, s->toks, i - 1, "the") ||
	     (i > 1 && xtok_is(doc->text, s->toks, i - 2, "the"))) &&
	    (xwho_role_word(doc->text, k->off, n, doc->principal) ||
	     alias_at(doc, k->off, n)))
		/* "the chancellor", "the Prime Minister's"; not "the
		 * Minister for Foreign Affairs" when the principal is the
		 * Prime Minister: a title whose portfolio is not theirs. */
		return other_portfolio(doc, s, i) ? -1 : 1;
	if (!(k->flags & XT_CAP))
		return 0;
	/* "The Prince of Wales will travel": a title alone, not the
	 * principal's. */
	if (doc->principal && i > 0 &&
	    xtok_is(doc->text, s->toks, i - 1, "The") &&
	    xwho_is_title(doc->text, k->off, n) &&
	    !xwho_role_word(doc->text, k->off, n, doc->principal))
		return alias_at(doc, k->off, n) ? 1 : -1;
	if (doc->principal && xwho_names(doc->text, k->off, n, doc->principal))
		return 1;
	for (size_t p = 0; p < s->people->n; p++) {
		const struct xperson *q = &s->people->v[p];

		if (k->off >= q->off && k->off < q->off + q->len)
			return xl_is_principal(doc, q) ? 1 : -1;
	}
	for (size_t p = 0; p < doc->npeople; p++)
		if (xwho_names(doc->text, k->off, n, &doc->people[p]))
			return xl_is_principal(doc, &doc->people[p]) ? 1 : -1;
	return 0;
}

/* "President Prabowo ... will receive him": the host is the subject,
 * but "he" still means the guest, the one the text is about. */
static bool receives_guest(const struct xlegdoc *doc, const struct xsentence *s)
{
	for (size_t i = 0; i < s->toks->n; i++)
		if (xtrig_hosts_guest(doc->text, s->toks, i))
			return true;
	return false;
}

bool xl_principal_quote(const struct xlegdoc *doc, const struct xsentence *s)
{
	static const char *const first[] = {"i", "we", NULL};
	static const char *const speak[] = {
	    "said",  "says",   "wrote",	 "writes",    "told", "tells",
	    "added", "posted", "stated", "announced", NULL};
	const struct xtoks *t = s->toks;
	size_t q = 0;
	bool spoke = false, by = false;

	while (q < t->n && !(t->v[q].flags & XT_INQUOTE))
		q++;
	if (q >= t->n)
		return false;
	/* "\"Sergey Lavrov will arrive in Ashgabat on April 16 ...,\" she
	 * said": a quote whose subject is the principal, whoever says it. */
	for (size_t i = q; i < t->n && i < q + 3; i++)
		if (who_at(doc, s, i) > 0 &&
		    !xtok_in(doc->text, t, i, pronouns))
			return true;
	if (!xtok_in(doc->text, t, q, first))
		return false;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].flags & (XT_INQUOTE | XT_QUOTE))
			continue;
		spoke = spoke || xtok_in(doc->text, t, i, speak);
		by = by || who_at(doc, s, i) > 0;
	}
	return spoke && by;
}

/* Whether trigger k's clause is about someone else: the first person it
 * names, near its start and before k, is not the principal ("Yoon will
 * visit Washington next month"). */
void xl_subject(struct xlegdoc *doc, const struct xsentence *s)
{
	size_t n = s->toks->n < 3 ? s->toks->n : 3;

	for (size_t i = 0; i < n; i++) {
		int w;

		if (xtok_in(doc->text, s->toks, i, pronouns))
			return; /* "he" goes on meaning whom it meant */
		if ((w = who_at(doc, s, i)) != 0) {
			doc->he_other = w < 0 && !receives_guest(doc, s);
			return;
		}
	}
}

/* Two capitalised words that are no place and no title, then "will" or
 * a verb of travel: a person the text does not title ("Simon Harris will
 * travel to Chicago"), and not the principal (who_at knows the
 * principal's names). */
static bool untitled_subject(const struct xlegdoc *doc,
			     const struct xsentence *s, size_t i)
{
	static const char *const verbs[] = {
	    "will",  "is",	"was",	   "has",	"had",
	    "would", "arrived", "visited", "travelled", "traveled",
	    "flew",  "left",	NULL};
	const struct xtoks *t = s->toks;

	if (i + 2 >= t->n)
		return false;
	for (size_t k = i; k < i + 2; k++) {
		unsigned f = t->v[k].flags;

		if (!(f & XT_CAP) || (f & XT_ALLCAP) ||
		    xwho_is_title(doc->text, t->v[k].off, t->v[k].len) ||
		    xtok_in(doc->text, t, k, not_subjects) ||
		    xwho_names(doc->text, t->v[k].off,
			       xtok_stem_len(doc->text, &t->v[k]),
			       doc->principal))
			return false;
		for (size_t p = 0; p < s->places->n; p++)
			if (t->v[k].off >= s->places->v[p].off &&
			    t->v[k].off <
				s->places->v[p].off + s->places->v[p].len)
				return false;
	}
	return xtok_in(doc->text, t, i + 2, verbs);
}

/* "Biden ... hosted the President at a state dinner", "the King will
 * receive Meloni": a host the subject, the principal the guest; the
 * event is the principal's. Between tokens i and end. */
static bool hosts_principal(const struct xlegdoc *doc,
			    const struct xsentence *s, size_t i, size_t end)
{
	static const char *const honoured[] = {"his", "her", "their", NULL};
	static const char *const verbs[] = {
	    "host",	"hosts",   "hosted",   "hosting",  "receive",
	    "receives", "welcome", "welcomes", "welcomed", NULL};
	const struct xtoks *t = s->toks;

	/* "President Prabowo, who ..., will receive him": the trigger is
	 * the host verb, and its guest the one the text is about. */
	if (end < t->n && xtrig_hosts_guest(doc->text, t, end))
		return true;
	/* "King Harald will give a state banquet in their honour". */
	for (size_t j = i + 1; j + 2 < t->n && j < end + 8; j++)
		if (xtok_is(doc->text, t, j, "in") &&
		    xtok_in(doc->text, t, j + 1, honoured) &&
		    (xtok_is(doc->text, t, j + 2, "honour") ||
		     xtok_is(doc->text, t, j + 2, "honor")))
			return true;
	for (size_t j = i + 1; j < end && j < i + 16; j++) {
		if (!xtok_in(doc->text, t, j, verbs))
			continue;
		for (size_t v = j + 1; v < end && v <= j + 3; v++)
			if (who_at(doc, s, v) > 0)
				return true;
		return false;
	}
	return false;
}

/* The end of the titled person whose words include offset off, or 0. */
static size_t person_end(const struct xsentence *s, size_t off)
{
	for (size_t p = 0; p < s->people->n; p++) {
		const struct xperson *q = &s->people->v[p];

		if (off >= q->off && off < q->off + q->len)
			return q->off + q->len;
	}
	return 0;
}

bool xl_others_trip(const struct xlegdoc *doc, const struct xsentence *s,
		    const struct xtrigger *k)
{
	size_t st = clause_start(doc->text, s->toks, k->tok);

	if (!doc->principal)
		return false;
	static const char *const objects[] = {"of", "with", "by", "from", NULL};
	bool object = false;
	size_t object_end = 0; /* where that person's words end */

	for (size_t i = st; i < k->tok && i < st + 10; i++) {
		int w;

		/* The rest of that person's title: "of the Republic of
		 * India" is theirs, not a new subject. */
		if (s->toks->v[i].off < object_end)
			continue;
		w = who_at(doc, s, i);
		/* "At the invitation of Minister Shoukry, Wang Yi will
		 * visit": a person after a preposition is no subject. */
		if (w && (object || (i > st && xtok_in(doc->text, s->toks,
						       i - 1, objects)))) {
			object = true;
			object_end = person_end(s, s->toks->v[i].off);
			continue;
		}
		object = false;

		/* "Putin and Xi will hold": the principal among them. */
		if (w < 0 && xtok_is(doc->text, s->toks, i + 1, "and") &&
		    i + 2 < k->tok && who_at(doc, s, i + 2) > 0)
			return false;
		if (w < 0 && hosts_principal(doc, s, i, k->tok))
			return false;
		if (w)
			return w < 0;
		if (i < st + 2 && untitled_subject(doc, s, i))
			return true;
	}
	return false;
}

/* Whether the sentence has the principal take part: names them (or "he",
 * "I") or says someone attends. A summit the text only announces
 * ("the forum will be held in Dalian from June 25 to 27") is not the
 * principal's leg. */
bool xl_involved(const struct xlegdoc *doc, const struct xsentence *s)
{
	static const char *const attend[] = {
	    "attend",	  "attends", "attending", "participate", "participates",
	    "part",	  "chair",   "chairs",	  "co-chair",	 "co-chairs",
	    "lead",	  "leads",   "represent", "accompany",	 "accompanies",
	    "address",	  "join",    "joins",	  "open",	 "opens",
	    "inaugurate", "speak",   "deliver",	  "keynote",	 NULL};

	/* Not "host": "Korea will host the Korea-Africa Summit" is the
	 * host country's, not a guest's; a principal who hosts is named. */
	if (!doc->principal)
		return true;
	for (size_t i = 0; i < s->toks->n; i++)
		if (who_at(doc, s, i) > 0 ||
		    xtok_in(doc->text, s->toks, i, attend))
			return true;
	return false;
}

void xleg_add_with(struct xleg *l, const char *name, const char *role)
{
	for (size_t i = 0; i < l->nwith; i++)
		if (!strcmp(l->with[i].name, name))
			return;
	if (l->nwith >= XLEG_WITH)
		return;
	snprintf(l->with[l->nwith].name, XWHO_NAME, "%s", name);
	snprintf(l->with[l->nwith].role, XWHO_ROLE, "%s", role);
	/* The buffers are bounded: a long name is cut, never mid-letter. */
	utf8_drop_cut_tail(l->with[l->nwith].name);
	utf8_drop_cut_tail(l->with[l->nwith].role);
	l->nwith++;
}

/* The people of the sentence in text[a, b) but the principal, as l's
 * counterparts. */
void xl_add_people(const struct xlegdoc *doc, const struct xsentence *s,
		   size_t a, size_t b, struct xleg *l)
{
	for (size_t i = 0; i < s->people->n; i++) {
		const struct xperson *p = &s->people->v[i];

		if (p->off >= a && p->off < b && !xl_is_principal(doc, p))
			xleg_add_with(l, p->name, p->role);
	}
	/* Named again without a title: "talks with Lula". */
	for (size_t i = 0; i < s->toks->n; i++) {
		const struct xtok *k = &s->toks->v[i];
		size_t n = xtok_stem_len(doc->text, k);

		if (k->off < a || k->off >= b || !(k->flags & XT_CAP))
			continue;
		for (size_t p = 0; p < doc->npeople; p++)
			if (xwho_names(doc->text, k->off, n, &doc->people[p]) &&
			    !xl_is_principal(doc, &doc->people[p])) {
				xleg_add_with(l, doc->people[p].name,
					      doc->people[p].role);
				break;
			}
	}
}

/* The capitalised words just before trigger k ("NATO" summit, "Munich
 * Security" Conference), into buf; "" when none. */
static void name_before(const struct xlegdoc *doc, const struct xsentence *s,
			const struct xtrigger *k, char *buf, size_t size)
{
	const struct xtoks *t = s->toks;
	size_t a = k->tok;

	buf[0] = '\0';
	while (a > 0 && k->tok - a < 4 && (t->v[a - 1].flags & XT_WORD) &&
	       (t->v[a - 1].flags & (XT_CAP | XT_DIGIT)) &&
	       !xtok_is(doc->text, t, a - 1, "The") &&
	       !xtok_is(doc->text, t, a - 1, "This") &&
	       xtok_stem_len(doc->text, &t->v[a - 1]) == t->v[a - 1].len)
		a--;
	if (a == k->tok)
		return;
	snprintf(
	    buf, size, "%.*s",
	    (int)(t->v[k->tok - 1].off + t->v[k->tok - 1].len - t->v[a].off),
	    doc->text + t->v[a].off);
	utf8_drop_cut_tail(buf);
}

static const char *place_name(const struct xleg *l)
{
	const char *n = l->city ? l->city->city : country_name(l->cc);

	return n ? n : l->cc;
}

void xleg_visit_title(struct xleg *l)
{
	snprintf(l->title, sizeof(l->title), "%s to %s",
		 l->type == EV_TRAVEL ? "Travel" : "Visit", place_name(l));
	utf8_drop_cut_tail(l->title);
}

void xl_title(const struct xlegdoc *doc, const struct xsentence *s,
	      const struct xtrigger *k, struct xleg *l)
{
	char name[96];
	const char *where = place_name(l);

	name_before(doc, s, k, name, sizeof(name));
	switch (l->type) {
	case EV_SUMMIT:
		if (*name)
			snprintf(l->title, sizeof(l->title), "%s summit", name);
		else
			snprintf(l->title, sizeof(l->title), "Summit in %s",
				 where);
		break;
	case EV_CONFERENCE:
		if (*name)
			snprintf(l->title, sizeof(l->title), "%s %.*s", name,
				 (int)k->len, doc->text + k->off);
		else
			snprintf(l->title, sizeof(l->title), "Conference in %s",
				 where);
		break;
	case EV_MEETING:
		snprintf(l->title, sizeof(l->title), "Meeting with %s",
			 l->nwith ? l->with[0].name : where);
		break;
	case EV_INTERVIEW:
		snprintf(l->title, sizeof(l->title), "Interview in %s", where);
		break;
	case EV_PRESS:
		snprintf(l->title, sizeof(l->title), "Press conference in %s",
			 where);
		break;
	case EV_RECEPTION:
		snprintf(l->title, sizeof(l->title), "Reception in %s", where);
		break;
	case EV_OTHER:
		snprintf(l->title, sizeof(l->title), "Speech in %s", where);
		break;
	default:
		xleg_visit_title(l);
		break;
	}
	utf8_drop_cut_tail(l->title);
}

enum event_type xl_type(const struct xsentence *s, enum xtrig_kind k)
{
	switch (k) {
	case XTR_SUMMIT:
		return EV_SUMMIT;
	case XTR_CONFERENCE:
		return EV_CONFERENCE;
	case XTR_MEETING:
		return EV_MEETING;
	case XTR_INTERVIEW:
		return EV_INTERVIEW;
	case XTR_PRESS:
		return EV_PRESS;
	case XTR_RECEPTION:
		return EV_RECEPTION;
	case XTR_SPEECH:
		for (size_t i = 0; i < s->trigs->n; i++)
			if (s->trigs->v[i].kind == XTR_CONFERENCE ||
			    s->trigs->v[i].kind == XTR_SUMMIT)
				return EV_CONFERENCE;
		return EV_OTHER;
	case XTR_GATHER:
		return EV_MEETING;
	case XTR_TRAVEL:
		return EV_TRAVEL;
	default:
		return EV_VISIT;
	}
}

/* Counterparts of a leg: the people named after a meeting trigger of its
 * stretch [sa, sb) (all of them for a meeting). */
void xl_leg_people(const struct xlegdoc *doc, const struct xsentence *s,
		   const struct xtrigger *k, size_t sa, size_t sb,
		   struct xleg *l)
{
	if (l->type == EV_MEETING) {
		size_t st = clause_start(doc->text, s->toks, k->tok);

		/* "Putin and Xi will hold a meeting": who holds it with the
		 * principal, then whom the principal meets. */
		xl_add_people(doc, s, s->toks->v[st].off, k->off, l);
		xl_add_people(doc, s, k->off, sb, l);
		/* "President Prabowo, who ..., will receive him": the host
		 * is the subject, before any aside. */
		if (!l->nwith && xtrig_hosts_guest(doc->text, s->toks, k->tok))
			xl_add_people(doc, s, s->off, k->off, l);
		return;
	}
	for (size_t i = 0; i < s->trigs->n; i++) {
		const struct xtrigger *m = &s->trigs->v[i];

		if (m->kind == XTR_MEETING && m->off >= sa && m->off < sb)
			xl_add_people(doc, s, m->off, sb, l);
	}
}
