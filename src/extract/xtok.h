/*
 * xtok.h: the words of one sentence, for `itin extract`'s scanners.
 *
 * xplace, xwho and xleg all read a sentence word by word; this module cuts
 * it once into tokens (words, numbers, punctuation) that point into the
 * text, so each scanner walks an array instead of re-reading bytes. A
 * word keeps its inner hyphens and apostrophes ("Suk-yeol", "Japan's")
 * and the dots of an abbreviation ("U.S.", "a.m."). Nothing is copied;
 * the array is owned by the struct xtoks the caller holds.
 */
#ifndef ITIN_XTOK_H
#define ITIN_XTOK_H

#include <stdbool.h>
#include <stddef.h>

/* At most this many tokens a sentence (sentences are capped in length
 * too): what lies beyond is not read. */
#define XTOK_MAX 600

enum {
	XT_WORD = 1u << 0,   /* letters or digits */
	XT_CAP = 1u << 1,    /* a word that starts with a capital */
	XT_ALLCAP = 1u << 2, /* every letter a capital, two or more */
	XT_DIGIT = 1u << 3,  /* starts with a digit */
	XT_QUOTE = 1u << 4,  /* a quotation mark (straight or curly) */
	XT_INQUOTE = 1u << 5 /* the token stands inside quotation marks */
};

struct xtok {
	size_t off, len; /* in the text */
	unsigned flags;
};

struct xtoks {
	struct xtok v[XTOK_MAX];
	size_t n;
};

/* Cut text[off..off+len) into tokens (resets t). */
void xtok_split(const char *text, size_t off, size_t len, struct xtoks *t);

/* True when token i is the word w, compared without case ("'s" and a
 * trailing dot not ignored). */
bool xtok_is(const char *text, const struct xtoks *t, size_t i, const char *w);

/* True when token i is one of the words of list (NULL-terminated). */
bool xtok_in(const char *text, const struct xtoks *t, size_t i,
	     const char *const *list);

/* True when s[0..n) is one of the words of list, compared without
 * case. */
bool xtok_word_in(const char *s, size_t n, const char *const *list);

/* s in ASCII lower case into out (size bytes, cut there). */
void xtok_lower(const char *s, char *out, size_t size);

/* The length of token i without a possessive "'s" / "’s" or "s'". */
size_t xtok_stem_len(const char *text, const struct xtok *k);

#endif
