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
#include "itin/tz.h"

/* "Fri 27 Jan 2023" */
void day_text(struct strbuf *sb, int64_t day);

/*
 * "KST +09:00" for the zone called name at instant; "+05:45" alone where
 * the zone's abbreviation is only a number. A name that does not load is
 * shown as it is, sanitised, rather than as a wrong offset.
 */
void zone_text(struct strbuf *sb, const char *name, int64_t instant);
/* The same without the offset where the zone has an abbreviation: "KST"
 * (a narrow terminal's form); "+05:45" stays. */
void zone_text_short(struct strbuf *sb, const char *name, int64_t instant);

/*
 * An event's times as a line of an agenda says them, in two parts, so a
 * table can align them: the clocks ("09:30-10:15", "19:30-14:30+1": the
 * end on the next day, "all day") and the zones ("CET +01:00", "floating",
 * and for a travel leg that lands in another zone "CET +01:00 -> KST
 * +09:00", for the end is on that zone's clock).
 *
 * in: the times on that zone's clock instead (--in), one zone for both
 * ends; floating and all-day events are not instants and keep theirs.
 * The one formatter of `list`'s agenda and of the viewer's agenda pane
 * and status line, so they never disagree about a flight.
 */
enum evtext_flags {
	EVTEXT_SHORT_ZONE = 1 << 0, /* zone_text_short, for narrow lines */
};
void times_text(struct strbuf *clock, struct strbuf *zone,
		const struct event *ev, const struct tz *in, unsigned flags);

/* "Venue, City, CC", the parts that are set. */
void place_text(struct strbuf *sb, const struct event *ev);

#endif
