/*
 * xinput.h: a report as plain text, for `itin extract`.
 *
 * Reports arrive as UTF-8 text or as an HTML page saved from a browser.
 * This module turns either into one plain text: paragraphs separated by a
 * blank line ("\n\n"), entities decoded, no markup, no scripts, styles,
 * navigation, headers, footers, forms or asides. HTML goes through
 * libxml2's HTML parser (recovering from the tag soup real pages are);
 * the page's own date (<meta property="article:published_time">,
 * <meta name="date">, <time datetime>, JSON-LD "datePublished") is kept
 * aside for xdate_document().
 *
 * Binary data (NUL bytes) or text that is not UTF-8 is refused with
 * ITIN_EX_DATAERR, naming the file and the line and column of the first
 * bad byte.
 */
#ifndef ITIN_XINPUT_H
#define ITIN_XINPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "itin/err.h"

/* The largest report read (bytes); more is refused with 65. A report is a
 * few kilobytes, a saved page a few megabytes with its scripts; the cap
 * bounds the work and memory an endless or hostile input can cost. */
#define XINPUT_MAX_BYTES ((size_t)16 * 1024 * 1024)

struct xinput {
	char *text; /* the plain text, '\0'-terminated; owned */
	size_t len;
	bool was_html;
	char meta_date[64]; /* the page's stated date (ISO 8601), or "" */
	char title[512];    /* the page's <title> or first heading, or "" */
};

/*
 * Make the plain text of data[0..len) (not '\0'-terminated); file names
 * the input in errors ("-" for standard input). HTML is recognised by its
 * first markup (a doctype, a comment, <html>, <head>, <body>, or a <p>,
 * <div> or other common element before any other text). A page's
 * declared charset is honoured (libxml2 converts it); text and pages
 * without one must be UTF-8. Returns 0, or -1 with err filled (65 for
 * binary or invalid input, an input over XINPUT_MAX_BYTES, HTML nested
 * deeper than 256 elements; 69 when libxml2, opened for a page, is not
 * there (dynlib.h); 71 for memory). On failure out holds
 * nothing to release.
 */
int xinput_read(const char *data, size_t len, const char *file,
		struct xinput *out, struct itin_err *err);

void xinput_release(struct xinput *in);

#endif
