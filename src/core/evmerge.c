/*
 * evmerge.c: folding imported events into the store (see evmerge.h).
 *
 * Five indexes over the store: ids (evlist.h's), and four tables from a
 * 64-bit hash to store positions: uids, content over the current
 * source's carried fields (rebuilt when the source carries other
 * fields), the same for the events without a uid, and the look-alike
 * key. A hash only proposes: every candidate is compared for real, so
 * a collision can never merge two events.
 *
 * The content and look-alike tables hold only events stored before the
 * current file: its own events are never what its next ones match (two
 * events of a file are two), so they join at the next evmerge_source().
 * Otherwise a file of 100000 events with one content (a calendar's
 * copies under new UIDs) walked every earlier one per event: quadratic.
 * For the same reason an event with a uid looks only among stored
 * events without one (one with its uid is found by uid, one with
 * another uid is another event): a store of same-content events with
 * uids is not walked per incoming event.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/hash.h"
#include "itin/hashmap.h"
#include "itin/evident.h"
#include "itin/idtable.h"
#include "itin/evmerge.h"
#include "itin/places.h"
#include "itin/xalloc.h"

/* ---- store positions by 64-bit hash (hashmap.h) ---- */

/* A position in the store: the entries of one hash are its candidates. */
struct cand {
	struct hashmap_entry e;
	size_t pos;
};

static void cands_init(struct hashmap *t)
{
	hashmap_init(t, sizeof(struct cand), NULL, NULL);
}

static void cands_put(struct hashmap *t, uint64_t key, size_t pos)
{
	const struct cand *last = hashmap_last(t, key);
	struct cand *c;

	/* The same position again (an update that kept its key). */
	if (last && last->pos == pos)
		return;
	c = hashmap_add(t, key);
	c->pos = pos;
}

/* ---- the merger ---- */

/*
 * What the lookups of an event by id need, worked out ahead of it: the
 * hashes of its id and of the id's old form (find_same()), whose slots
 * are then asked for (idtable_prefetch()). In a large store each is a
 * cache miss; AHEAD events ahead, they have arrived when the event comes.
 */
#define AHEAD 8
struct ahead {
	const struct event *ev; /* NULL: none */
	const char *id;		/* ev->id then: a new id needs new hashes */
	uint64_t h, old_h;
	bool has_old;
	char old[EVENT_HEX_ID_SIZE];
};

/* The kinds of warning the merger caps per file. */
enum { W_LOOKALIKE, W_STALE, W_XID, W_FLOATING, W_KINDS };
#define WARN_MAX 10

struct evmerge {
	struct evlist *store;
	struct idtable ids; /* every id in store, the first of duplicates */
	struct hashmap uids, content, content_nouid, lookalike;
	unsigned content_mask; /* what content is keyed on; 0: not built */
	size_t probes;	       /* candidates compared (evmerge_probes()) */
	size_t input_start;    /* events stored before the current file */
	size_t lookalikes;     /* events in the look-alike table: [0, n) */
	const char *fname;
	unsigned carried;
	bool revisions; /* the file's seq: is this store's kind of count */
	/* The events coming (evmerge_coming()), the next to look ahead at,
	 * and the last AHEAD looked at, by index % AHEAD. */
	const struct evlist *coming;
	size_t next;
	struct ahead ahead[AHEAD];
	/* Warnings of each kind for the current file: after WARN_MAX, one
	 * line says how many more (flush_warnings()). */
	size_t nwarn[W_KINDS];
	const struct itin_warner *w;
};

/* A warner's line for ev, 0 when its reader did not know it. */
static long line_of(const struct event *ev)
{
	return (long)ev->line;
}

/* Whether one more warning of kind may be printed for this file. */
static bool may_warn(struct evmerge *m, int kind, const struct itin_warner *w)
{
	m->w = w;
	return ++m->nwarn[kind] <= WARN_MAX;
}

/* "... and N more like it" for each kind that went over the cap. */
static void flush_warnings(struct evmerge *m)
{
	static const char *const what[W_KINDS] = {
	    "events that look like stored ones",
	    "stale versions not replacing stored ones",
	    "X-ITIN-IDs not trusted",
	    "events left floating",
	};

	for (int k = 0; k < W_KINDS; k++) {
		if (m->nwarn[k] > WARN_MAX && m->w)
			itin_warn_at(m->w, m->fname, 0, 0,
				     "... and %zu more like it (%s)",
				     m->nwarn[k] - WARN_MAX, what[k]);
		m->nwarn[k] = 0;
	}
}

void evmerge_expect(struct evmerge *m, size_t n)
{
	idtable_reserve(&m->ids, n);
}

void evmerge_revisions(struct evmerge *m)
{
	m->revisions = true;
}

static bool has_uid(const struct event *ev)
{
	return ev->uid && *ev->uid;
}

static uint64_t uid_key(const char *uid)
{
	return fnv1a_str(FNV1A_OFFSET, uid);
}

struct evmerge *evmerge_new(struct evlist *store)
{
	struct evmerge *m = xcalloc(1, sizeof(*m));

	m->store = store;
	idtable_reserve(&m->ids, store->n);
	for (size_t i = 0; i < store->n; i++) {
		const char *id = store->v[i]->id;
		uint64_t h;

		if (!id)
			continue;
		h = idtable_hash(id);
		if (idtable_find(&m->ids, store, id, h) < 0)
			idtable_put(&m->ids, store, id, h, i);
	}
	cands_init(&m->uids);
	cands_init(&m->content);
	cands_init(&m->content_nouid);
	cands_init(&m->lookalike);
	for (size_t i = 0; i < store->n; i++) {
		const struct event *ev = store->v[i];

		if (has_uid(ev))
			cands_put(&m->uids, uid_key(ev->uid), i);
		cands_put(&m->lookalike, evident_lookalike(ev), i);
	}
	m->lookalikes = m->input_start = store->n;
	m->carried = EVF_ALL;
	return m;
}

void evmerge_free(struct evmerge *m)
{
	if (!m)
		return;
	flush_warnings(m);
	idtable_release(&m->ids);
	hashmap_release(&m->uids);
	hashmap_release(&m->content);
	hashmap_release(&m->content_nouid);
	hashmap_release(&m->lookalike);
	free(m);
}

/* The content fields a source's events are compared on. */
static unsigned content_mask(unsigned carried)
{
	return carried & EVF_CONTENT;
}

/* Put ev, stored (or about to be) at pos, under its content. */
static void put_content(struct evmerge *m, const struct event *ev, size_t pos,
			uint64_t key)
{
	cands_put(&m->content, key, pos);
	if (!has_uid(ev))
		cands_put(&m->content_nouid, key, pos);
}

size_t evmerge_probes(const struct evmerge *m)
{
	return m->probes;
}

void evmerge_source(struct evmerge *m, const char *fname, unsigned carried)
{
	unsigned cm = content_mask(carried);
	size_t from = m->lookalikes;

	flush_warnings(m);
	m->fname = fname;
	m->carried = carried;
	m->revisions = false;
	/* What the earlier files added is stored, as far as this one is
	 * concerned: look-alikes of it are worth a word too, and it is
	 * what this file's events may be the same as. */
	for (size_t i = m->lookalikes; i < m->store->n; i++)
		cands_put(&m->lookalike, evident_lookalike(m->store->v[i]), i);
	m->lookalikes = m->store->n;
	m->input_start = m->store->n;
	if (cm != m->content_mask) {
		hashmap_release(&m->content);
		hashmap_release(&m->content_nouid);
		m->content_mask = cm;
		from = 0;
	}
	for (size_t i = from; i < m->store->n; i++)
		put_content(m, m->store->v[i], i,
			    evident_hash(m->store->v[i], cm));
}

/* What ev's source says of it: its own set, else its file's. */
static unsigned carried_of(const struct evmerge *m, const struct event *ev)
{
	return ev->carried ? ev->carried : m->carried;
}

/* The stored event with ev's content (in the carried fields), or -1. */
static long find_content(struct evmerge *m, const struct event *ev)
{
	struct hashmap *t = has_uid(ev) ? &m->content_nouid : &m->content;
	struct hashmap_iter it;
	const struct cand *c;

	/* Into an empty store (or one holding only this file's events) the
	 * table is empty: the content's hash, a walk of every field, would
	 * propose nothing. */
	if (!hashmap_count(t))
		return -1;
	for (c = hashmap_first(t, evident_hash(ev, m->content_mask), &it); c;
	     c = hashmap_next(t, &it)) {
		const struct event *s = m->store->v[c->pos];

		m->probes++;
		/* Not an event of this same file (it says they are two,
		 * with two ids), nor one another calendar says is another
		 * (two UIDs). The table holds only events stored before
		 * this file; one that has had a uid since it was put in
		 * content_nouid never matches an event with a uid again
		 * (it would have been found by uid), so it leaves that
		 * table and is not walked again. */
		if (c->pos >= m->input_start)
			continue;
		if (ev->uid && s->uid && strcmp(ev->uid, s->uid)) {
			if (t == &m->content_nouid && has_uid(s))
				hashmap_remove(t, &it);
			continue;
		}
		/* The index is keyed on what every event of the file
		 * carries; this one may say more. */
		if (evident_same(s, ev, m->content_mask) &&
		    evident_same(s, ev, carried_of(m, ev) & EVF_CONTENT))
			return (long)c->pos;
	}
	return -1;
}

/* The stored event with this id, or -1. */
static long find_id(const struct evmerge *m, const char *id)
{
	return idtable_find(&m->ids, m->store, id, idtable_hash(id));
}

static long find_uid(struct evmerge *m, const char *uid)
{
	struct hashmap_iter it;
	const struct cand *c;
	long pos;

	for (c = hashmap_first(&m->uids, uid_key(uid), &it); c;
	     c = hashmap_next(&m->uids, &it)) {
		const char *u = m->store->v[c->pos]->uid;

		m->probes++;
		if (u && !strcmp(u, uid))
			return (long)c->pos;
	}
	/* Imports before uids made the UID the id, or, for a UID that
	 * could not be one, "ics-" and its hash. */
	pos = find_id(m, uid);
	if (pos < 0) {
		char legacy[24];

		snprintf(legacy, sizeof(legacy), "ics-%016llx",
			 (unsigned long long)uid_key(uid));
		pos = find_id(m, legacy);
	}
	return pos;
}

/*
 * ev's id is X-ITIN-ID, written beside another calendar's UID (an
 * iCalendar export of itin's): trusted only when the stored event of
 * that id has that UID, or there is none. A copy of the event under a
 * new UID (a calendar's "duplicate") keeps the X-ITIN-ID of the
 * original; it is another event, so it gets the id derived from its own
 * UID, with a warning.
 */
static void check_xid(struct evmerge *m, struct event *ev, unsigned carried,
		      const struct itin_warner *w)
{
	long pos;
	const struct event *s;
	char *id;

	if (!has_uid(ev) || !(carried & EVF_ID))
		return;
	pos = find_id(m, ev->id);
	if (pos < 0)
		return;
	s = m->store->v[pos];
	if (s->uid && !strcmp(s->uid, ev->uid))
		return;
	id = event_derive_id(ev);
	if (may_warn(m, W_XID, w))
		itin_warn_at(w, m->fname, ev->line, 0,
			     "'%.80s': X-ITIN-ID '%s' is stored event %s's, "
			     "whose UID is not '%.100s'; id %s from the UID "
			     "instead",
			     ev->title, ev->id, s->id, ev->uid, id);
	event_set_str(ev, &ev->id, id);
	free(id);
}

/* Work out a's lookups of ev and ask for their slots. */
static void look_ahead(struct evmerge *m, struct ahead *a,
		       const struct event *ev)
{
	a->ev = ev;
	a->id = ev->id;
	a->has_old = event_old_id(ev->id, a->old);
	a->h = idtable_hash(ev->id);
	a->old_h = a->has_old ? idtable_hash(a->old) : 0;
	idtable_prefetch(&m->ids, a->h);
	if (a->has_old)
		idtable_prefetch(&m->ids, a->old_h);
}

/* The next coming event looked ahead at, when there is one. */
static void look_further(struct evmerge *m)
{
	if (!m->coming || m->next >= m->coming->n)
		return;
	if (m->coming->v[m->next])
		look_ahead(m, &m->ahead[m->next % AHEAD],
			   m->coming->v[m->next]);
	m->next++;
}

void evmerge_coming(struct evmerge *m, const struct evlist *l, size_t from)
{
	memset(m->ahead, 0, sizeof(m->ahead));
	m->coming = l;
	m->next = from;
	for (int k = 0; k < AHEAD; k++)
		look_further(m);
}

/* ev's lookups: looked ahead at, or worked out now (into *tmp). */
static const struct ahead *lookups_of(struct evmerge *m,
				      const struct event *ev,
				      struct ahead *tmp)
{
	for (int k = 0; k < AHEAD; k++)
		if (m->ahead[k].ev == ev && m->ahead[k].id == ev->id)
			return &m->ahead[k];
	look_ahead(m, tmp, ev);
	return tmp;
}

/*
 * Which stored event ev is, or -1; *h gets the hash of ev's id.
 *
 * By id, then by the id as an earlier version derived it (event_old_id():
 * before ids were mixed by fmix64): a store keeps the ids it wrote, so an
 * event imported by an earlier version is still found by id, as it was
 * then. An id that is not derived is not a hex number whose old form a
 * store could hold, but for a chance of 2^-64. Into a large store both
 * lookups are cache misses, most of an import's merge: their slots were
 * asked for events ahead (evmerge_coming()), or at least together.
 */
static long find_same(struct evmerge *m, const struct event *ev, uint64_t *h)
{
	struct ahead tmp;
	const struct ahead *a = lookups_of(m, ev, &tmp);
	long pos;

	*h = a->h;
	pos = idtable_find(&m->ids, m->store, ev->id, a->h);
	if (pos < 0 && a->has_old)
		pos = idtable_find(&m->ids, m->store, a->old, a->old_h);
	if (pos < 0 && has_uid(ev))
		pos = find_uid(m, ev->uid);
	if (pos < 0)
		pos = find_content(m, ev);
	return pos;
}

/* A stored event (from before this file) that ev only looks like. */
static const struct event *lookalike(struct evmerge *m, const struct event *ev)
{
	struct hashmap_iter it;
	const struct cand *c;

	if (!m->input_start)
		return NULL; /* nothing stored yet: nothing to look like */
	for (c = hashmap_first(&m->lookalike, evident_lookalike(ev), &it); c;
	     c = hashmap_next(&m->lookalike, &it)) {
		const struct event *s = m->store->v[c->pos];

		m->probes++;
		if (c->pos < m->input_start &&
		    lsec_day(s->start) == lsec_day(ev->start) &&
		    s->type == ev->type &&
		    !strcmp(s->title ? s->title : "",
			    ev->title ? ev->title : "") &&
		    !strcmp(s->city ? s->city : "", ev->city ? ev->city : ""))
			return s;
	}
	return NULL;
}

/* ev, whose id hashes to h, is stored (or about to be) at pos. */
static void index_at(struct evmerge *m, const struct event *ev, uint64_t h,
		     size_t pos)
{
	idtable_put(&m->ids, m->store, ev->id, h, pos);
	if (has_uid(ev))
		cands_put(&m->uids, uid_key(ev->uid), pos);
	/* An event of this file joins content at the next file. */
	if (pos < m->input_start)
		put_content(m, ev, pos, evident_hash(ev, m->content_mask));
}

/*
 * The revision of old that ev's is compared with: from a calendar, what
 * that calendar said when old was last imported from it (src_seq; local
 * edits count seq up, and must not make the calendar's next change
 * look stale); from a .itin file, the store's own count.
 */
static unsigned stored_rev(const struct evmerge *m, const struct event *old)
{
	/* An event without a uid is itin's own: its revision is seq (an
	 * itin export's SEQUENCE is that). */
	if (m->revisions || !has_uid(old))
		return old->seq;
	return old->src_seq;
}

/*
 * Whether old, as stored, is newer than ev by the source's revision: a
 * higher one, or the same and a later LAST-MODIFIED.
 */
static bool stored_is_newer(const struct evmerge *m, const struct event *old,
			    const struct event *ev)
{
	unsigned rev = stored_rev(m, old);

	if (rev != ev->seq)
		return rev > ev->seq;
	return old->has_modified && ev->has_modified &&
	       old->modified > ev->modified;
}

/*
 * Whether old was edited since the file ev comes from was first
 * imported: ev's id is the one derived from its own content (the file
 * wrote none, or wrote back the derived one), so old, which has that id
 * (or its form of an earlier version, event_old_id()), once had that
 * content; now its content differs, so it changed since, and the file's
 * older content must not undo that. Not for an event with a uid: its id
 * is the uid's, whatever the content.
 */
static bool edited_since(const struct event *old, const struct event *ev,
			 unsigned carried)
{
	char prev[EVENT_HEX_ID_SIZE];
	char *derived;
	bool same_id;

	if (has_uid(ev) ||
	    (strcmp(old->id, ev->id) &&
	     !(event_old_id(ev->id, prev) && !strcmp(old->id, prev))) ||
	    evident_same(old, ev, carried & EVF_CONTENT))
		return false;
	derived = event_derive_id(ev);
	same_id = !strcmp(derived, ev->id);
	free(derived);
	return same_id;
}

/*
 * An all-day event made timed by a file that says nothing of the zone
 * (a CSV without place columns): the stored event had no zone to keep,
 * so the zone comes from its (kept) place, as `edit` finds it; a place
 * without one leaves the time floating, with a word.
 */
static void place_kept_zone(struct evmerge *m, struct event *ev,
			    const struct event *old, unsigned carried,
			    const struct itin_warner *w)
{
	struct place_zone z;

	if (ev->allday || ev->tz || !old->allday || (carried & EVF_TZ))
		return;
	place_zone(ev->city, ev->country, &z);
	if (z.tz) {
		event_set_str(ev, &ev->tz, z.tz);
		return;
	}
	if (may_warn(m, W_FLOATING, w))
		itin_warn_at(w, m->fname, ev->line, 0,
			     "'%.80s' (id %s) is now timed, and no time zone "
			     "is known for its place; time is floating",
			     ev->title, old->id);
}

static void report(evmerge_fn fn, void *ctx, enum evmerge_what what,
		   const struct event *old, const struct event *ev)
{
	struct evmerge_result res = {what, old, ev};

	if (fn)
		fn(ctx, &res);
}

static void warn_stale(struct evmerge *m, const struct event *old,
		       const struct event *ev, const struct itin_warner *w)
{
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

	if (stored_rev(m, old) != ev->seq) {
		itin_warn_at(w, m->fname, line_of(ev), 0,
			     "'%.80s' (id %s): the stored version is newer "
			     "(%s %u, this file has %u); not replaced",
			     old->title, old->id,
			     m->revisions ? "seq" : "SEQUENCE",
			     stored_rev(m, old), ev->seq);
		return;
	}
	evident_format_utc(old->modified, a);
	evident_format_utc(ev->modified, b);
	itin_warn_at(w, m->fname, line_of(ev), 0,
		     "'%.80s' (id %s): the stored version is newer "
		     "(LAST-MODIFIED %s, this file has %s); not replaced",
		     old->title, old->id, a, b);
}

/* ev (its id's hash h) is no stored event: add it (with a word if it
 * looks like one). */
static int add_new(struct evmerge *m, struct event *ev, uint64_t h,
		   const struct itin_warner *w, evmerge_fn fn, void *ctx)
{
	const struct event *like = lookalike(m, ev);

	if (like) {
		char when[ITIN_WHEN_MAX];

		when_format(ev->start, !ev->allday, ' ', when);
		if (may_warn(m, W_LOOKALIKE, w))
			itin_warn_at(w, m->fname, ev->line, 0,
				     "'%.80s' (%s) looks like stored "
				     "event %s but differs from it; "
				     "added as a new event",
				     ev->title, when, like->id);
	}
	index_at(m, ev, h, m->store->n);
	evlist_add(m->store, ev);
	report(fn, ctx, EVMERGE_ADDED, NULL, ev);
	return EVMERGE_ADDED;
}

/* ev is an older revision of old than the stored one: keep old. */
static int keep_newer(struct evmerge *m, const struct event *old,
		      struct event *ev, unsigned carried,
		      const struct itin_warner *w, evmerge_fn fn, void *ctx)
{
	enum evmerge_what what = EVMERGE_STALE;

	if (evident_same(old, ev, carried & EVF_CONTENT))
		what = EVMERGE_UNCHANGED;
	else if (may_warn(m, W_STALE, w))
		warn_stale(m, old, ev, w);
	report(fn, ctx, what, old, ev);
	event_free(ev);
	return (int)what;
}

/*
 * ev is the stored event at pos, in a revision that may replace it: keep
 * the stored fields the source does not carry, then replace it, unless
 * nothing changed.
 */
static int update(struct evmerge *m, size_t pos, struct event *ev,
		  unsigned carried, const struct itin_warner *w, evmerge_fn fn,
		  void *ctx, struct itin_err *err)
{
	struct event *old = m->store->v[pos];

	evident_keep(ev, old, carried);
	place_kept_zone(m, ev, old, carried, w);
	/* Only a calendar says what its revision is. */
	if (!(carried & EVF_SEQ))
		ev->src_seq = old->src_seq;
	if (event_check(ev, NULL, err)) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		itin_err_at(err, ITIN_EX_DATAERR, m->fname, 0, 0,
			    "cannot update '%.80s' (id %s) keeping its stored "
			    "fields: %.200s",
			    old->title, old->id, why);
		event_free(ev);
		return -1;
	}
	/* The same content in a higher SEQUENCE is still a newer revision:
	 * record it, or an older one could later pass for newer. */
	if (evident_same(old, ev, EVF_ALL) &&
	    !((carried & EVF_SEQ) && ev->seq > stored_rev(m, old))) {
		report(fn, ctx, EVMERGE_UNCHANGED, old, old);
		event_free(ev);
		return EVMERGE_UNCHANGED;
	}
	/* A change is one more revision (or the calendar's, when higher);
	 * the calendar's revision alone changing keeps the count. */
	if (!evident_same(old, ev, EVF_ALL))
		event_next_seq(ev, old);
	else if (ev->seq < old->seq)
		ev->seq = old->seq;
	report(fn, ctx, EVMERGE_UPDATED, old, ev);
	index_at(m, ev, idtable_hash(ev->id), pos);
	evlist_replace(m->store, pos, ev);
	return EVMERGE_UPDATED;
}

int evmerge_add(struct evmerge *m, struct event *ev,
		const struct itin_warner *w, evmerge_fn fn, void *ctx,
		struct itin_err *err)
{
	unsigned carried = carried_of(m, ev);
	long pos;
	uint64_t h;
	struct event *old;

	check_xid(m, ev, carried, w);
	pos = find_same(m, ev, &h);
	look_further(m); /* into the place ev's lookups had */
	if (pos < 0)
		return add_new(m, ev, h, w, fn, ctx);
	old = m->store->v[pos];
	if (edited_since(old, ev, carried)) {
		report(fn, ctx, EVMERGE_EDITED, old, ev);
		event_free(ev);
		return EVMERGE_EDITED;
	}
	if (((carried & EVF_SEQ) || m->revisions) &&
	    stored_is_newer(m, old, ev))
		return keep_newer(m, old, ev, carried, w, fn, ctx);
	return update(m, (size_t)pos, ev, carried, w, fn, ctx, err);
}
