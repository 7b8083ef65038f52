/*
 * xwho.h: people in a report, for `itin extract`.
 *
 * A person is found by a title: "President Yoon Suk-yeol", "South Korean
 * President Yoon Suk-yeol" (the country kept aside, not in the role),
 * "NATO Secretary General Jens Stoltenberg", "Minister of Foreign Affairs
 * Penny Wong", "the Japanese prime minister, Fumio Kishida", and the
 * name first: "Fumio Kishida, the Japanese prime minister". The role is
 * the title as written, capitalised ("Prime Minister"); the name is one
 * to four capitalised words after it ("Yoon Suk-yeol").
 *
 * The principal, the traveller the report is about, is the titled person
 * named most often (by the last word of their name: "Stoltenberg said"),
 * the first of the headline and lede winning ties.
 */
#ifndef ITIN_XWHO_H
#define ITIN_XWHO_H

#include <stdbool.h>
#include <stddef.h>

#include "xtok.h"

#define XWHO_MAX  24 /* people in one sentence */
#define XWHO_NAME 96
#define XWHO_ROLE 80

struct xperson {
	size_t off, len;		 /* the whole mention, in the text */
	char name[XWHO_NAME];		 /* "Yoon Suk-yeol" */
	char role[XWHO_ROLE];		 /* "President", or "" */
	char cc[3];			 /* "South Korean": KR; or "" */
	size_t surname_off, surname_len; /* the name's last word */
};

struct xpeople {
	struct xperson v[XWHO_MAX];
	size_t n;
};

/* The titled people of the sentence cut into t (text: the whole text). */
void xwho_scan(const char *text, const struct xtoks *t, struct xpeople *out);

/* True when the word text[off..off+len) names p alone: a word of the
 * name of three letters or more ("Stoltenberg said", "Wang", "Lula" of
 * "Luiz Inácio Lula da Silva"), or a first word of two ("Xi", "Li"), as
 * reports write names the second time. */
bool xwho_names(const char *text, size_t off, size_t len,
		const struct xperson *p);

/* True when names a and b can be one person's: every word of the
 * shorter is a word of the longer ("Blinken", "Antony J. Blinken"), not
 * only a surname they share ("Anwar Ibrahim", "Sultan Ibrahim"). */
bool xwho_same(const char *a, const char *b);

/* True when p and q can be one person: their names as xwho_same, and
 * both titles royal or neither when both have one ("Ibrahim (His
 * Majesty Sultan)" is not "Anwar Ibrahim (Prime Minister)"; "Vieira
 * (Minister)" is "Mauro Vieira (Ambassador)"). */
bool xwho_same_person(const struct xperson *p, const struct xperson *q);

/* True when text[off..off+len) is a title's head word ("President",
 * "Prince", "minister"), in any case. */
bool xwho_is_title(const char *text, size_t off, size_t len);

/* True when the word is a word of p's role, in any case ("the
 * chancellor", "the Prime Minister"). */
bool xwho_role_word(const char *text, size_t off, size_t len,
		    const struct xperson *p);

#endif
