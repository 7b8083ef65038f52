/*
 * derived.h: derived ids out of expected texts. A test of a reader
 * compares what it read, written out, with a text; the ids the reader
 * derived (itin(5), IDS) are hash values that would pin the hash in every
 * such test. test_derived() puts "(derived)" in their place, for the
 * events whose id is the one event_derive_id() gives, so the text still
 * says that the id was derived, and from what the event holds, while the
 * hash itself is pinned once (test_event, tests/cli/t-ids.sh).
 */
#ifndef ITIN_TEST_DERIVED_H
#define ITIN_TEST_DERIVED_H

#include <stdlib.h>
#include <string.h>

#include "itin/event.h"
#include "itin/evlist.h"

static inline void test_derived(struct evlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct event *ev = l->v[i];
		char *id = event_derive_id(ev);

		if (!strcmp(id, ev->id))
			event_set_str(ev, &ev->id, "(derived)");
		free(id);
	}
}

#endif
