/*
 * xsent.h: a report's text cut into sentences, for `itin extract`.
 *
 * A sentence ends at '.', '!' or '?' (and a closing quotation mark after
 * it) followed by a space and what can start a sentence; not after an
 * abbreviation ("Jan.", "Sept.", "Mr.", "Dr.", "U.S.", "St.", "Gen.",
 * "a.m.", "No."), an initial ("Jens H. Stoltenberg") or a number's dot.
 * A paragraph break always ends one; a single line break ends one unless
 * the text is wrapped at a fixed width (a line that ends mid-sentence
 * continues on the next). A sentence longer than XSENT_MAXLEN bytes is cut
 * at a space, and at most XSENT_MAX sentences are kept, so everything
 * after is bounded. The array is owned by the struct xsents.
 */
#ifndef ITIN_XSENT_H
#define ITIN_XSENT_H

#include <stdbool.h>
#include <stddef.h>

#define XSENT_MAX    4000
#define XSENT_MAXLEN 1500

struct xsent {
	size_t off, len; /* the sentence, trimmed of spaces */
	bool para;	 /* it starts a paragraph (or the text) */
	bool quoted;	 /* most of it stands inside quotation marks */
};

struct xsents {
	struct xsent *v;
	size_t n, cap;
};

void xsents_init(struct xsents *s);
void xsents_release(struct xsents *s);

/* Cut text[0..len) into sentences, appended to out in text order. */
void xsent_split(const char *text, size_t len, struct xsents *out);

#endif
