/*
 * xevmem.c: the events a report names with their place, so a later
 * mention ("The G20 summit is scheduled for Nov. 18-19", "At the Summit
 * on July 11-12") finds where it is and what it is (xleg.h).
 */
#include <stdio.h>
#include <string.h>

#include "xleg.h"

/* Sentences a mention of an event without a name looks back, and with
 * one. */
#define NEAR_PLAIN 8
#define NEAR_NAMED 40

static const char *const articles[] = {"The", "This",  "That", "A",    "An",
				       "At",  "In",    "On",   "Its",  "His",
				       "Her", "Their", "Next", "Last", NULL};

void xevent_key(const char *text, const struct xtoks *t, size_t tok,
		char key[32])
{
	size_t a = tok, first = tok;

	key[0] = '\0';
	/* Back over the name: words, numbers, apostrophes ("Leaders'"). */
	while (a > 0 && tok - a < 6) {
		const struct xtok *k = &t->v[a - 1];
		bool apos = k->len <= 3 && !(k->flags & XT_WORD) &&
			    (text[k->off] == '\'' ||
			     (unsigned char)text[k->off] == 0xE2);

		if (!apos && !(k->flags & (XT_CAP | XT_DIGIT)))
			break;
		a--;
		if (!apos)
			first = a;
	}
	for (size_t i = first; i < tok; i++) {
		const struct xtok *k = &t->v[i];

		/* "31st", "19th": an ordinal is not the name. */
		if (!(k->flags & XT_WORD) || xtok_in(text, t, i, articles) ||
		    ((k->flags & XT_DIGIT) && k->len > 2 &&
		     (text[k->off + k->len - 1] == 't' ||
		      text[k->off + k->len - 1] == 'd' ||
		      text[k->off + k->len - 1] == 'h')))
			continue;
		snprintf(key, 32, "%.*s", (int)k->len, text + k->off);
		return;
	}
	/* "the Summit of the Future", "Conference of the Parties": a
	 * capitalised event word named by what follows "of (the)". */
	if ((t->v[tok].flags & XT_CAP) && tok + 2 < t->n &&
	    xtok_is(text, t, tok + 1, "of")) {
		size_t i = tok + 2;

		if (xtok_is(text, t, i, "the") && i + 1 < t->n)
			i++;
		if (t->v[i].flags & XT_CAP)
			snprintf(key, 32, "%.*s", (int)t->v[i].len,
				 text + t->v[i].off);
	}
}

const struct xevmem *xevent_find(const struct xlegdoc *doc, const char *key,
				 size_t sent)
{
	for (size_t i = doc->nevents; i-- > 0;) {
		const struct xevmem *e = &doc->events[i];

		if (*key && strcmp(key, e->key))
			continue;
		if (sent - e->sent > (*key ? NEAR_NAMED : NEAR_PLAIN))
			return NULL;
		return e;
	}
	return NULL;
}

void xevent_remember(struct xlegdoc *doc, const struct xevmem *ev)
{
	if (doc->nevents == XEVMEM_MAX) {
		memmove(doc->events, doc->events + 1,
			(XEVMEM_MAX - 1) * sizeof(doc->events[0]));
		doc->nevents--;
	}
	doc->events[doc->nevents++] = *ev;
}
