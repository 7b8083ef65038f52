/*
 * evdetail.h: one event, every field, for people: the text of `itin show`
 * and of the viewer's details pane. One formatter, so the two never drift
 * apart in what they show or in how they escape hostile text.
 *
 *   Id:           1cc61d33e6b25726
 *   Type:         meeting
 *   When:         Mon 30 Jan 2023 11:00 .. 12:00 KST +09:00
 *   UTC:          2023-01-30T02:00Z .. 2023-01-30T03:00Z
 *   ...
 *
 * One "Label:" per line, values aligned; fields without a value are left
 * out; every value is sanitised (utf8_sanitize), and a line break inside a
 * value is shown escaped, so a title cannot pose as another field.
 */
#ifndef ITIN_EVDETAIL_H
#define ITIN_EVDETAIL_H

#include "itin/event.h"
#include "itin/strbuf.h"
#include "itin/tz.h"

/* What differs between the command line and the viewer. */
enum evdetail_flags {
	/* A "Place:" line, "Venue, City, CC", before the parts. */
	EVDETAIL_PLACE = 1 << 0,
	/* "Country: KR (South Korea)" rather than "Country: KR". */
	EVDETAIL_COUNTRY_NAME = 1 << 1,
};

struct evdetail_opts {
	/* The reader's zone: a "Your zone:" line gives the times on its
	 * clock (for events that are instants). NULL: no such line. */
	const struct tz *here;
	unsigned flags; /* enum evdetail_flags */
	/* Bytes of the id that name the event alone in its store
	 * (shortid.h): "Id: 1cc61d33e6b25726 (short: 1cc6)". 0, or the
	 * whole id: no such note. */
	size_t id_short;
};

/* Append the details of ev (a checked event) to sb. */
void evdetail_write(struct strbuf *sb, const struct event *ev,
		    const struct evdetail_opts *o);

#endif
