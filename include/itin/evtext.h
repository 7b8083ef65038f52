/*
 * evtext.h: the small texts of an event for people (a day, a zone at an
 * instant, a place), in the core so the command line and the viewer say
 * them the same way. Every string from the event is sanitised
 * (utf8_sanitize): these texts go to terminals.
 */
#ifndef ITIN_EVTEXT_H
#define ITIN_EVTEXT_H

#include <stdint.h>

#include "itin/event.h"
#include "itin/strbuf.h"

/* "Fri 27 Jan 2023" */
void day_text(struct strbuf *sb, int64_t day);

/*
 * "KST +09:00" for the zone called name at instant; "+05:45" alone where
 * the zone's abbreviation is only a number. A name that does not load is
 * shown as it is, sanitised, rather than as a wrong offset.
 */
void zone_text(struct strbuf *sb, const char *name, int64_t instant);

/* "Venue, City, CC", the parts that are set. */
void place_text(struct strbuf *sb, const struct event *ev);

#endif
