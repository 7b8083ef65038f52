/* test_evmerge.c: identity on import (evident.c, evmerge.c): which
 * stored event an incoming one is, what an update keeps, the revision
 * rule, look-alikes. */
#include "test.h"

#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/evmerge.h"
#include "itin/itinfmt.h"

static int nwarn;
static char warnings[2048];

static void warn(void *ctx, const struct itin_err *w)
{
	char buf[600];
	size_t n = strlen(warnings);

	(void)ctx;
	nwarn++;
	itin_err_format(w, buf, sizeof(buf));
	snprintf(warnings + n, sizeof(warnings) - n, "%s\n", buf);
}

static const struct itin_warner warner = {warn, NULL};

/* The events of a text, checked (ids derived where missing). */
static struct evlist parse(const char *text)
{
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	if (itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err)) {
		printf("#   parse: %s\n", err.msg);
		test_failed_now = 1;
	}
	return l;
}

/* merge() tells the merger which events come (evmerge_coming()). */
static bool look_ahead;

/* Merge every event of text into store from a source carrying carried;
 * returns the results as letters: A added, U updated, K unchanged,
 * S stale, D kept as edited since; E failed. */
static const char *merge(struct evlist *store, const char *text,
			 unsigned carried)
{
	static char out[64];
	struct evlist in = parse(text);
	struct evmerge *m = evmerge_new(store);
	struct itin_err err;
	size_t n = 0;

	nwarn = 0;
	warnings[0] = '\0';
	evmerge_source(m, "in", carried);
	if (look_ahead)
		evmerge_coming(m, &in, 0);
	for (size_t i = 0; i < in.n && n + 1 < sizeof(out); i++) {
		int r = evmerge_add(m, in.v[i], &warner, NULL, NULL, &err);

		in.v[i] = NULL;
		out[n++] = r < 0 ? 'E' : "AUKSD"[r];
	}
	out[n] = '\0';
	evmerge_free(m);
	evlist_release(&in);
	return out;
}

static const char *store_text(const struct evlist *l)
{
	static struct strbuf sb = STRBUF_INIT;

	strbuf_reset(&sb);
	itinfmt_write(&sb, l);
	return sb.buf;
}

static const char summit[] =
    "2023-07-11..2023-07-12 summit NATO Summit @ LITEXPO, Vilnius, LT\n"
    "    id: s1\n"
    "    org: NATO\n"
    "    with: Gitanas Nauseda (President)\n"
    "    note: Heads of state\n";

TEST(same_id_keeps_what_the_source_lacks)
{
	struct evlist store = parse(summit);

	/* A CSV with no organisation, participants or notes column. */
	CHECK_STR(merge(&store,
			"2023-07-11..2023-07-13 summit NATO Summit @ LITEXPO, "
			"Vilnius, LT\n"
			"    id: s1\n",
			EVF_ID | EVF_TYPE | EVF_TITLE | EVF_WHEN | EVF_TZ |
			    EVF_VENUE | EVF_CITY | EVF_COUNTRY),
		  "U");
	CHECK_STR(store_text(&store), "2023-07-11..2023-07-13     summit     "
				      "NATO Summit @ LITEXPO, Vilnius, LT\n"
				      "    id: s1\n"
				      "    seq: 1\n"
				      "    org: NATO\n"
				      "    with: Gitanas Nauseda (President)\n"
				      "    note: Heads of state\n");
	/* A .itin file carries everything: what it lacks is empty. */
	CHECK_STR(merge(&store,
			"2023-07-11..2023-07-13 summit NATO Summit @ LITEXPO, "
			"Vilnius, LT\n"
			"    id: s1\n",
			EVF_ALL & ~(unsigned)EVF_SEQ),
		  "U");
	CHECK_STR(store_text(&store), "2023-07-11..2023-07-13     summit     "
				      "NATO Summit @ LITEXPO, Vilnius, LT\n"
				      "    id: s1\n"
				      "    seq: 2\n");
	evlist_release(&store);
}

TEST(same_content_in_the_carried_fields)
{
	struct evlist store = parse(summit);

	/* No id, but everything an Outlook CSV says agrees: the same. */
	CHECK_STR(merge(&store,
			"2023-07-11..2023-07-12 other NATO Summit @ LITEXPO, "
			"Vilnius, LT\n",
			EVF_TITLE | EVF_WHEN | EVF_TZ | EVF_VENUE | EVF_CITY |
			    EVF_COUNTRY),
		  "K");
	CHECK_INT(store.n, 1);
	CHECK_INT(nwarn, 0);
	/* One field differs: a new event, and a warning naming s1. */
	CHECK_STR(
	    merge(&store,
		  "2023-07-11..2023-07-13 summit NATO Summit @ Vilnius, LT\n",
		  EVF_TYPE | EVF_TITLE | EVF_WHEN | EVF_TZ | EVF_VENUE |
		      EVF_CITY | EVF_COUNTRY),
	    "A");
	CHECK_INT(store.n, 2);
	CHECK_STR(warnings,
		  "in:1: 'NATO Summit' (2023-07-11) looks like stored "
		  "event s1 but differs from it; added as a new event\n");
	/* The same again: found by its derived id, unchanged. */
	CHECK_STR(
	    merge(&store,
		  "2023-07-11..2023-07-13 summit NATO Summit @ Vilnius, LT\n",
		  EVF_ALL & ~(unsigned)EVF_SEQ),
	    "K");
	CHECK_INT(store.n, 2);
	evlist_release(&store);
}

/* Content alone never merges what a file or a calendar calls two. */
TEST(two_ids_or_uids_are_two_events)
{
	struct evlist store = EVLIST_INIT;

	CHECK_STR(merge(&store,
			"2023-03-04 08:00-08:30 meeting test1\n    id: a\n"
			"2023-03-04 08:00-08:30 meeting test1\n    id: b\n",
			EVF_ALL & ~(unsigned)EVF_SEQ),
		  "AA");
	evlist_release(&store);
	CHECK_STR(
	    merge(&store,
		  "2023-03-04 08:00-08:30 meeting test1\n    uid: event-1\n"
		  "2023-03-04 08:00-08:30 meeting test1\n    uid: event-2\n",
		  EVF_ALL),
	    "AA");
	CHECK_STR(
	    merge(&store,
		  "2023-03-04 08:00-08:30 meeting test1\n    uid: event-3\n",
		  EVF_ALL),
	    "A");
	CHECK_INT(store.n, 3);
	evlist_release(&store);
}

/*
 * Into an empty store two events of one content are two (the content
 * table is empty, and no hash is asked for: evmerge.c's find_content);
 * a later import's event of that content, under an id the store does not
 * hold and from a file that carries no ids, is the first of them.
 */
TEST(content_found_after_an_empty_table)
{
	struct evlist store = EVLIST_INIT;

	CHECK_STR(merge(&store,
			"2023-03-04 08:00-09:00 meeting Talks @ Vilnius, LT\n"
			"    id: x1\n"
			"2023-03-04 08:00-09:00 meeting Talks @ Vilnius, LT\n"
			"    id: x2\n",
			EVF_ALL & ~(unsigned)EVF_SEQ),
		  "AA");
	CHECK_STR(merge(&store,
			"2023-03-04 08:00-09:00 meeting Talks @ Vilnius, LT\n"
			"    id: x3\n",
			EVF_ALL & ~(unsigned)(EVF_SEQ | EVF_ID)),
		  "K");
	CHECK_INT(store.n, 2);
	evlist_release(&store);
}

/* Within one import, what an earlier file added counts as stored for
 * the look-alike warning; within one file, look-alikes are just two. */
TEST(lookalikes_across_files)
{
	struct evlist store = EVLIST_INIT;
	struct evlist a = parse("2023-03-04 08:00-08:30 meeting Talks\n"
				"2023-03-04 08:00-09:00 meeting Talks\n");
	struct evlist b = parse("2023-03-04 08:00-09:30 meeting Talks\n");
	struct evmerge *m = evmerge_new(&store);
	struct itin_err err;

	nwarn = 0;
	warnings[0] = '\0';
	evmerge_source(m, "a", EVF_ALL & ~(unsigned)EVF_SEQ);
	for (size_t i = 0; i < a.n; i++) {
		CHECK_INT(evmerge_add(m, a.v[i], &warner, NULL, NULL, &err),
			  EVMERGE_ADDED);
		a.v[i] = NULL;
	}
	CHECK_INT(nwarn, 0);
	evmerge_source(m, "b", EVF_ALL & ~(unsigned)EVF_SEQ);
	CHECK_INT(evmerge_add(m, b.v[0], &warner, NULL, NULL, &err),
		  EVMERGE_ADDED);
	b.v[0] = NULL;
	CHECK_INT(nwarn, 1);
	CHECK(strstr(warnings, "b:1: 'Talks' (2023-03-04 08:00) looks like "
			       "stored event ") != NULL);
	CHECK_INT(store.n, 3);
	evmerge_free(m);
	evlist_release(&a);
	evlist_release(&b);
	evlist_release(&store);
}

TEST(uid)
{
	struct evlist store =
	    parse("2023-07-11 10:00-12:00 meeting Talks @ Vilnius, LT\n"
		  "    id: old\n"
		  "    uid: u1@example.org\n");

	/* Another id (derived from the uid, say), the same uid: the same
	 * event, and it keeps the stored id. */
	CHECK_STR(
	    merge(&store,
		  "2023-07-11 10:30-12:00 meeting Talks (moved) @ Vilnius, LT\n"
		  "    uid: u1@example.org\n",
		  EVF_ALL),
	    "U");
	CHECK_INT(store.n, 1);
	CHECK_STR(store.v[0]->id, "old");
	CHECK_STR(store.v[0]->title, "Talks (moved)");
	evlist_release(&store);
	/* A store from before uids: the UID is the id. */
	store = parse("2023-07-11 10:00-12:00 meeting Talks @ Vilnius, LT\n"
		      "    id: u2@example.org\n");
	CHECK_STR(merge(&store,
			"2023-07-11 10:00-12:00 meeting Talks @ Vilnius, LT\n"
			"    uid: u2@example.org\n",
			EVF_ALL),
		  "U");
	CHECK_INT(store.n, 1);
	CHECK_STR(store.v[0]->id, "u2@example.org");
	CHECK_STR(store.v[0]->uid, "u2@example.org");
	evlist_release(&store);
	/* ... or, for a UID that could not be an id, "ics-" and its
	 * FNV-1a hash. */
	store = parse("2023-07-11 10:00-12:00 meeting Talks @ Vilnius, LT\n"
		      "    id: ics-87b63736d4450349\n");
	CHECK_STR(merge(&store,
			"2023-07-11 10:00-12:00 meeting Talks @ Vilnius, LT\n"
			"    uid: has\\sspace\n",
			EVF_ALL),
		  "U");
	CHECK_INT(store.n, 1);
	evlist_release(&store);
}

/*
 * A store of a version before fmix64 holds the ids it derived then
 * (event_old_id()). A file imported then, imported again: an event
 * stored as it was is found by content, one edited since only by its
 * old id, and kept; neither is added twice, and the stored ids stay.
 */
TEST(old_derived_ids)
{
	static const char file[] =
	    "2023-07-11 10:00-11:00 meeting Talks @ Vilnius, LT\n"
	    "2023-07-12 10:00-11:00 meeting Other @ Vilnius, LT\n";
	struct evlist in = parse(file), store;
	char old[2][EVENT_HEX_ID_SIZE];
	char text[512];

	CHECK_INT(in.n, 2);
	if (in.n != 2)
		return;
	for (int i = 0; i < 2; i++)
		CHECK(event_old_id(in.v[i]->id, old[i]));
	evlist_release(&in);
	snprintf(text, sizeof(text),
		 "2023-07-11 10:00-11:00 meeting Talks @ Vilnius, LT\n"
		 "    id: %s\n"
		 "    note: moved to room 4\n"
		 "2023-07-12 10:00-11:00 meeting Other @ Vilnius, LT\n"
		 "    id: %s\n",
		 old[0], old[1]);
	store = parse(text);
	CHECK_STR(merge(&store, file, EVF_ALL), "DK");
	CHECK_INT(store.n, 2);
	if (store.n == 2) {
		CHECK_STR(store.v[0]->id, old[0]);
		CHECK_STR(store.v[0]->notes, "moved to room 4");
		CHECK_STR(store.v[1]->id, old[1]);
	}
	evlist_release(&store);
}

/*
 * Looking ahead (evmerge_coming()) only asks for slots early: the same
 * results and the same store, for a file longer than the look-ahead whose
 * events find stored ones by id, given or derived, or by the old form
 * of a derived id, and others are added.
 */
TEST(looking_ahead_changes_nothing)
{
	struct strbuf file = STRBUF_INIT, stored = STRBUF_INIT;
	char got[2][64], text[2][8192];
	struct evlist in;

	for (int i = 0; i < 20; i++)
		strbuf_addf(&file,
			    "2023-07-%02d 10:00-11:00 meeting Talk %d @ Vilnius, "
			    "LT\n",
			    1 + i, i % 15);
	strbuf_addstr(&file, "2023-07-01 10:00-11:00 meeting Talk 0 @ "
			     "Vilnius, LT\n    id: a-given-id\n");
	strbuf_addstr(&stored, "2023-07-09 10:00 meeting Old talk\n"
			       "    id: a-given-id\n");
	in = parse(file.buf);
	for (size_t i = 0; i < in.n; i += 3) {
		char old[EVENT_HEX_ID_SIZE];

		/* Some stored by id, some by the id's old form. */
		if (i % 2 == 0 || !event_old_id(in.v[i]->id, old))
			strcpy(old, in.v[i]->id);
		strbuf_addf(&stored,
			    "2023-08-01 10:00 meeting Stored %zu\n    id: %s\n",
			    i, old);
	}
	evlist_release(&in);
	for (int k = 0; k < 2; k++) {
		struct evlist store = parse(stored.buf);

		look_ahead = k;
		snprintf(got[k], sizeof(got[k]), "%s",
			 merge(&store, file.buf, EVF_ALL));
		snprintf(text[k], sizeof(text[k]), "%s", store_text(&store));
		evlist_release(&store);
	}
	look_ahead = false;
	CHECK_STR(got[1], got[0]);
	CHECK_STR(text[1], text[0]);
	CHECK(strchr(got[0], 'A') && strchr(got[0], 'U'));
	strbuf_release(&file);
	strbuf_release(&stored);
}

TEST(revisions)
{
	static const char v0[] =
	    "2023-07-11 10:00-12:00 meeting Talks @ Vilnius, LT\n"
	    "    uid: r@example.org\n"
	    "    modified: 2023-06-01T10:00:00Z\n";
	static const char v1[] =
	    "2023-07-11 10:30-12:00 meeting Talks (moved) @ Vilnius, LT\n"
	    "    uid: r@example.org\n"
	    "    seq: 1\n"
	    "    modified: 2023-06-05T10:00:00Z\n";
	static const char v0_later[] =
	    "2023-07-11 11:00-12:00 meeting Talks (later) @ Vilnius, LT\n"
	    "    uid: r@example.org\n"
	    "    modified: 2023-06-09T10:00:00Z\n";
	struct evlist store = EVLIST_INIT;

	CHECK_STR(merge(&store, v0, EVF_ALL), "A");
	CHECK_STR(merge(&store, v1, EVF_ALL), "U");
	/* The calendar's SEQUENCE is stored as it is, not one more. */
	CHECK_INT(store.v[0]->seq, 1);
	CHECK_STR(merge(&store, v0, EVF_ALL), "S");
	CHECK_INT(nwarn, 1);
	CHECK(strstr(warnings, "the stored version is newer (SEQUENCE 1, this "
			       "file has 0); not replaced") != NULL);
	CHECK_STR(store.v[0]->title, "Talks (moved)");
	CHECK_STR(merge(&store, v1, EVF_ALL), "K");
	CHECK_INT(nwarn, 0);
	/* From a file whose revision is not a calendar's (a .itin), the
	 * rule does not apply and the update counts one more. */
	CHECK_STR(merge(&store, v0, EVF_ALL & ~(unsigned)EVF_SEQ), "U");
	CHECK_INT(store.v[0]->seq, 2);
	evlist_release(&store);

	/* Equal SEQUENCE: LAST-MODIFIED decides, either way round. */
	CHECK_STR(merge(&store, v0_later, EVF_ALL), "A");
	CHECK_STR(merge(&store, v0, EVF_ALL), "S");
	CHECK(strstr(warnings, "(LAST-MODIFIED 2023-06-09T10:00:00Z, this file "
			       "has 2023-06-01T10:00:00Z)") != NULL);
	evlist_release(&store);
	CHECK_STR(merge(&store, v0, EVF_ALL), "A");
	CHECK_STR(merge(&store, v0_later, EVF_ALL), "U");
	CHECK_STR(store.v[0]->title, "Talks (later)");
	evlist_release(&store);
}

TEST(update_that_cannot_be_made)
{
	/* The stored zone kept for a new time that does not exist in it. */
	struct evlist store =
	    parse("2023-03-20 10:00 meeting Talks @ Vilnius, LT\n    id: z\n");
	struct evlist in = parse("2023-03-26 03:30 meeting Talks\n    id: z\n");
	struct evmerge *m = evmerge_new(&store);
	struct itin_err err;

	evmerge_source(m, "in.csv", EVF_ID | EVF_TITLE | EVF_WHEN);
	CHECK_INT(evmerge_add(m, in.v[0], &warner, NULL, NULL, &err), -1);
	in.v[0] = NULL;
	CHECK(strstr(err.msg, "cannot update 'Talks' (id z) keeping its stored "
			      "fields: time 2023-03-26 03:30 does not exist in "
			      "Europe/Vilnius") != NULL);
	CHECK_STR(store.v[0]->tz, "Europe/Vilnius");
	CHECK_INT(lsec_day(store.v[0]->start), days_from_civil(2023, 3, 20));
	evmerge_free(m);
	evlist_release(&in);
	evlist_release(&store);
}

/* n events of one content, ids PREFIX0.., with uids PREFIX0.. when uids. */
static struct evlist same_content(size_t n, const char *prefix, bool uids)
{
	struct strbuf sb = STRBUF_INIT;
	struct evlist l;

	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&sb, "2023-03-04 08:00 meeting Talks\n"
				 "    id: %s%zu\n", prefix, i);
		if (uids)
			strbuf_addf(&sb, "    uid: %s%zu\n", prefix, i);
	}
	l = parse(sb.buf);
	strbuf_release(&sb);
	return l;
}

/* Merge every event of in as one file; how many results were want. */
static size_t merge_all(struct evmerge *m, struct evlist *in,
			const char *fname, int want)
{
	struct itin_err err;
	size_t got = 0;

	evmerge_source(m, fname, EVF_ALL & ~(unsigned)EVF_SEQ);
	for (size_t i = 0; i < in->n; i++) {
		got += evmerge_add(m, in->v[i], &warner, NULL, NULL, &err) ==
		       want;
		in->v[i] = NULL;
	}
	evlist_release(in);
	return got;
}

/*
 * Importing events of one content costs a few candidates each, not one
 * per earlier event (a calendar of 100000 copies under new UIDs took
 * minutes): within a file, against stored ones with other uids, and
 * against stored ones without a uid that each take one in turn.
 */
TEST(same_content_is_linear)
{
	enum { N = 3000 };
	struct evlist store = EVLIST_INIT;
	struct evlist in = same_content(N, "a", true);
	struct evmerge *m = evmerge_new(&store);
	size_t p;

	CHECK_INT(merge_all(m, &in, "a", EVMERGE_ADDED), N);
	CHECK(evmerge_probes(m) <= 4 * N);
	p = evmerge_probes(m);
	in = same_content(N, "b", true);
	CHECK_INT(merge_all(m, &in, "b", EVMERGE_ADDED), N);
	CHECK(evmerge_probes(m) - p <= 4 * N);
	CHECK_INT(store.n, 2 * N);
	evmerge_free(m);
	evlist_release(&store);

	m = evmerge_new(&store);
	in = same_content(N, "e", false);
	CHECK_INT(merge_all(m, &in, "e", EVMERGE_ADDED), N);
	CHECK(evmerge_probes(m) <= 4 * N);
	evmerge_free(m);
	evlist_release(&store);

	store = same_content(N, "s", false);
	m = evmerge_new(&store);
	in = same_content(N, "c", true);
	CHECK_INT(merge_all(m, &in, "c", EVMERGE_UPDATED), N);
	CHECK(evmerge_probes(m) <= 4 * N);
	CHECK_INT(store.n, N);
	CHECK_STR(store.v[N - 1]->uid, "c2999");
	in = same_content(1, "d", false);
	CHECK_INT(merge_all(m, &in, "d", EVMERGE_UNCHANGED), 1);
	evmerge_free(m);
	evlist_release(&store);
}

TEST(describe)
{
	struct evlist l = parse(summit);
	struct strbuf sb = STRBUF_INIT;

	evident_describe(&sb, l.v[0], EVF_WHEN);
	CHECK_STR(sb.buf, "2023-07-11..2023-07-12");
	strbuf_reset(&sb);
	evident_describe(&sb, l.v[0], EVF_WITH);
	CHECK_STR(sb.buf, "Gitanas Nauseda (President)");
	strbuf_reset(&sb);
	evident_describe(&sb, l.v[0], EVF_ORG);
	CHECK_STR(evident_name(EVF_ORG), "org");
	CHECK_STR(sb.buf, "NATO");
	strbuf_release(&sb);
	evlist_release(&l);
}

int main(void)
{
	RUN(same_id_keeps_what_the_source_lacks);
	RUN(same_content_in_the_carried_fields);
	RUN(two_ids_or_uids_are_two_events);
	RUN(content_found_after_an_empty_table);
	RUN(lookalikes_across_files);
	RUN(uid);
	RUN(old_derived_ids);
	RUN(looking_ahead_changes_nothing);
	RUN(revisions);
	RUN(update_that_cannot_be_made);
	RUN(describe);
	RUN(same_content_is_linear);
	return test_done();
}
