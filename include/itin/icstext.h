/*
 * icstext.h: how an event's fields are said in iCalendar text, both ways.
 * The writer renders LOCATION, DESCRIPTION and CATEGORIES from the fields
 * and carries each field exactly in an X-ITIN- property; the reader
 * renders the same text again from those properties to tell whether a
 * calendar app edited the standard one since (then the edit wins).
 *
 * Every function resets out and appends to it; results of the _decode
 * functions are the caller's. Nothing here calls libical.
 */
#ifndef ITIN_ICSTEXT_H
#define ITIN_ICSTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "itin/event.h"
#include "itin/strbuf.h"

/*
 * The text a TEXT property can carry: line breaks (CRLF, CR, LF) become
 * LF (written "\n"), other control characters but TAB become U+FFFD.
 * Returns true when that changed anything.
 */
bool ics_text(struct strbuf *out, const char *s);

/*
 * The value of an X-ITIN- property: exact, and free of control
 * characters other than TAB and LF (which TEXT carries): '\' is written
 * "\\" and every other control character "\xHH". ics_x_decode() undoes
 * it, in a new string.
 */
void ics_x_encode(struct strbuf *out, const char *s);
char *ics_x_decode(const char *s);

/* X-ITIN-PARTICIPANT: "Name (Role)", with '\', '(' and ')' of the parts
 * escaped; decoding adds the participant to ev. */
void ics_participant_encode(struct strbuf *out, const struct participant *p);
void ics_participant_decode(struct event *ev, const char *s);

/* s when it is neither NULL nor empty, else NULL. */
const char *ics_present(const char *s);

/* What LOCATION says for an event: "Venue, City, Country name". */
void ics_location_text(struct strbuf *out, const char *venue, const char *city,
		       const char *cc);
/* What DESCRIPTION says: the notes, then who, the organisation, the source. */
void ics_description_text(struct strbuf *out, const char *notes,
			  const struct participant *with, size_t nwith,
			  const char *org, const char *source);
/* CATEGORIES: the type, then the tags (',' and ';' in a tag: a space). */
void ics_categories_text(struct strbuf *out, enum event_type type,
			 char *const *tags, size_t ntags);

#endif
