/*
 * syncev.h: what one event is on a CalDAV server (issue 16), for sync.
 *
 * A resource: each calendar resource on the server is one iCalendar
 * object, "UID.ics", holding one VEVENT (or one recurring series, which
 * itin keeps as one event per occurrence, event.h: "UID/occurrence").
 * So the unit sync compares and moves is a group of local events, the
 * events one resource became: one event for everything itin creates,
 * the occurrences of a series that another client made. The state
 * (syncstate.h) remembers which local ids each resource became.
 *
 * Names: an event itin pushes is written under the UID export gives it
 * (its calendar uid, else "ID@itin", icalio_uid()), at the href
 * "UID.ics" under the collection, the UID percent-encoded. An event
 * another client created may live at any href: it is known by its href
 * from then on, never renamed.
 *
 * Bodies: written by the project's iCalendar writer (icalio.h), with a
 * VTIMEZONE for every zone the events use, as export writes them; read
 * by its reader, as import reads a file (zones of the tz database or the
 * file's VTIMEZONEs mapped, fields from X-ITIN- properties or the
 * standard ones).
 *
 * The canonical hash: what "changed" means. A server may re-serialise an
 * event (reorder properties, fold lines, add its own), a store may be
 * rewritten; neither is a change. So the hash is of the events as itin
 * models them after reading, not of any text: for each event its id and
 * evident_hash() over its content and uid (EVF_CONTENT | EVF_UID: the
 * type, title, times and zones as event_check() spells them, place,
 * people, status, source, notes, tags), never the revision (SEQUENCE),
 * LAST-MODIFIED or DTSTAMP, which every writer may bump. The events of a
 * group are hashed in the order of their ids, so the order a server
 * returns a series in does not matter either.
 */
#ifndef ITIN_SYNCEV_H
#define ITIN_SYNCEV_H

#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/strbuf.h"

/* The UID ev is written under (appended to sb). */
void syncev_uid(struct strbuf *sb, const struct event *ev);

/* The href of a new resource for ev: "UID.ics", relative to the
 * collection, the UID percent-encoded except for RFC 3986's unreserved
 * characters and '@' (appended to sb). */
void syncev_href(struct strbuf *sb, const struct event *ev);

/*
 * An href as sync compares and keeps it (a new string): the path alone (a
 * full URL loses its scheme and host), percent-escapes decoded and made
 * again the one way syncev_href() makes them, so that "/cal/a%40b.ics"
 * from one listing and "/cal/a@b.ics" from another are one resource. An
 * escaped '/' (%2F) stays escaped: it is part of a name, not a folder.
 */
char *syncev_href_norm(const char *href);

/* The .ics body of the n events of one resource (appended to sb): one
 * VCALENDAR, the VTIMEZONEs of their zones, a VEVENT each. now is the
 * DTSTAMP. */
void syncev_body(struct strbuf *sb, const struct event *const *evs, size_t n,
		 int64_t now);

/*
 * Read a resource's body into out (appending, as import reads a file;
 * each event checked). href names it in messages. A recurring series
 * without an end is expanded a year either side of today_day (days since
 * the epoch), as import does by default. 65 for bad data; fewer than one
 * event is bad data too (a resource sync cannot map).
 */
int syncev_read(const char *body, size_t len, const char *href,
		int64_t today_day, struct evlist *out,
		const struct itin_warner *w, struct itin_err *err);

/* The canonical hash of the n events of one group (order does not
 * matter); 0 never results (it means "none" in the state). */
uint64_t syncev_hash(const struct event *const *evs, size_t n);

#endif
