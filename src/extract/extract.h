/*
 * extract.h: the itinerary a news report announces (`itin extract`).
 *
 * The pipeline, one module each:
 *
 *   xinput.c   (xinput.h)  bytes -> plain text (UTF-8 text, or HTML through
 *                          libxml2), the page's own date kept aside
 *   xdate*.c   (xdate.h)   the document date; the dates the sentences
 *                          mention, resolved against it
 *   xsent.c    (xsent.h)   the text -> sentences (abbreviations, initials,
 *                          quotes and paragraph breaks respected)
 *   xplace.c   (xplace.h)  places named in a sentence: cities, countries,
 *                          adjectives and demonyms ("the Japanese capital,
 *                          Tokyo", "South Korean"), "the capital", through
 *                          the gazetteer (places.h)
 *   xwho.c     (xwho.h)    people: the principal (whom the report is
 *                          about) and counterparts with their titles
 *                          ("President Yoon Suk-yeol" -> "Yoon Suk-yeol
 *                          (President)")
 *   xleg.c     (xleg.h)    what becomes an event: triggers (visit, summit,
 *                          talks, interview, press conference, speech,
 *                          travel), legs from a sentence's places, dates and
 *                          triggers, recalled pasts dropped, overlapping
 *                          mentions of one leg merged
 *   extract.c  (this)      the whole run: the above in order, and the
 *                          events built from the legs
 *
 * The extractor reads the core (events, gazetteer, zones, dates) and
 * never the command line; src/cli/cmd-extract.c prints or imports what it
 * proposes.
 */
#ifndef ITIN_EXTRACT_H
#define ITIN_EXTRACT_H

#include <stdbool.h>
#include <stdint.h>

#include "itin/err.h"
#include "itin/evlist.h"

struct extract_opts {
	const char *file;      /* names the input in messages; "-" for stdin */
	const char *source;    /* the events' source: --source URL, else file */
	bool has_date;	       /* --date given: it overrides the date line */
	int64_t doc_day;       /* --date, days since 1970-01-01 */
	const char *principal; /* the traveller, when the user names one
				  (config, later); NULL: found in the text */
};

/*
 * Propose the events of the report in data[0..len) (text or HTML), each
 * with status tentative, source, a note with the sentence it came from,
 * the zone of its place (as `itin add` sets it), the principal and the
 * counterparts as participants, and an id derived from the principal,
 * type, place and dates (so proposing the same report twice gives the
 * same ids). Appends them to out in date order; warnings go to w.
 * Returns 0, or -1 with err: 65 for binary or invalid input and for a
 * report with no document date and no --date ("pass --date"), 71 for
 * memory. A report that announces nothing is not an error: out gets
 * nothing.
 */
int extract_report(const char *data, size_t len,
		   const struct extract_opts *opts, struct evlist *out,
		   const struct itin_warner *w, struct itin_err *err);

#endif
