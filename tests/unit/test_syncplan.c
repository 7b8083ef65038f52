/* test_syncplan.c: the reconciliation of `itin sync` (syncplan.c), carried
 * out (syncapply.c) against a server in memory, with the state
 * (syncstate.c) and the resources (syncev.c) it relies on. Every cell of
 * syncplan.h's decision table, --prefer both ways, the resume after a
 * crash, a 412, re-serialising servers and series. (The real servers are
 * tests/cli/t-sync.sh's.) */
#include "test.h"

#include "itin/evident.h"
#include "itin/itinfmt.h"
#include "itin/syncapply.h"
#include "itin/syncev.h"
#include "itin/syncplan.h"
#include "itin/syncstate.h"
#include "itin/xalloc.h"

#define NOW  1700000000
#define TODAY 19675

/* ---- a server in memory ---- */

struct res {
	char *href, *etag, *body;
};
struct server {
	struct res v[64];
	size_t n;
	unsigned next_etag;
	/* Before the next write: change this resource (a concurrent edit). */
	const char *race_href;
	const char *race_title;
	/* A body the listing names but the multiget leaves out. */
	const char *withhold_href;
	bool no_etag;		    /* PUT answers carry no ETag */
	unsigned del_without_match; /* DELETEs that came with no If-Match */
};

static long srv_find(const struct server *s, const char *href)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].href, href))
			return (long)i;
	return -1;
}

static void srv_set(struct server *s, const char *href, const char *body)
{
	long i = srv_find(s, href);
	char etag[32];

	snprintf(etag, sizeof(etag), "\"e%u\"", ++s->next_etag);
	if (i < 0) {
		i = (long)s->n++;
		s->v[i].href = xstrdup(href);
		s->v[i].body = NULL;
		s->v[i].etag = NULL;
	}
	free(s->v[i].body);
	free(s->v[i].etag);
	s->v[i].body = xstrdup(body);
	s->v[i].etag = xstrdup(etag);
}

static void srv_remove(struct server *s, const char *href)
{
	long i = srv_find(s, href);

	if (i < 0)
		return;
	free(s->v[i].href);
	free(s->v[i].body);
	free(s->v[i].etag);
	s->v[i] = s->v[--s->n];
}

static void srv_free(struct server *s)
{
	while (s->n)
		srv_remove(s, s->v[0].href);
}

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

/* Another client edits the title of the resource at href. */
static void srv_edit(struct server *s, const char *href, const char *title)
{
	long i = srv_find(s, href);
	struct evlist l = EVLIST_INIT;
	struct strbuf body = STRBUF_INIT;
	struct itin_err err;

	CHECK(i >= 0);
	if (i < 0)
		return;
	CHECK(!syncev_read(s->v[i].body, strlen(s->v[i].body), href, TODAY,
			   &l, NULL, &err));
	event_set_str(l.v[0], &l.v[0]->title, title);
	syncev_body(&body, (const struct event *const *)l.v, l.n, NOW + 5);
	srv_set(s, href, body.buf);
	strbuf_release(&body);
	evlist_release(&l);
}

static void race(struct server *s)
{
	if (s->race_href) {
		const char *h = s->race_href;

		s->race_href = NULL;
		srv_edit(s, h, s->race_title);
	}
}

static int mem_put(void *ctx, const char *href, const char *body, size_t len,
		   const char *if_match, char **etag, struct itin_err *err)
{
	struct server *s = ctx;
	long i;

	(void)len;
	(void)err;
	race(s);
	i = srv_find(s, href);
	*etag = NULL;
	if (if_match ? i < 0 || strcmp(s->v[i].etag, if_match) : i >= 0)
		return 1;
	srv_set(s, href, body);
	if (!s->no_etag)
		*etag = xstrdup(s->v[srv_find(s, href)].etag);
	return 0;
}

static int mem_del(void *ctx, const char *href, const char *if_match,
		   struct itin_err *err)
{
	struct server *s = ctx;
	long i;

	(void)err;
	race(s);
	if (!if_match)
		s->del_without_match++;
	i = srv_find(s, href);
	if (i >= 0 && if_match && strcmp(s->v[i].etag, if_match))
		return 1;
	srv_remove(s, href);
	return 0;
}

/* ---- one sync, as cmd-sync.c does it ---- */

struct result {
	size_t count[SYNC_KIND_COUNT];
	size_t conflicts;
	char first_conflict[2048]; /* syncplan_describe() of the first one */
};

static struct result sync_once(struct evlist *store, struct syncstate *st,
			       struct server *srv, enum syncplan_prefer prefer)
{
	static const struct syncapply_ops ops = {mem_put, mem_del, NULL};
	struct syncapply_ops my = ops;
	struct syncstate_remote *old = syncstate_remote(st, "mem:/cal/");
	struct syncstate next = {0};
	struct syncplan_item items[64];
	struct evlist bodies[64];
	char *names[64], *etags[64];
	struct syncplan plan;
	struct syncapply ap = {0};
	struct result res = {{0}, 0, ""};
	struct itin_err err;
	size_t i, n0 = srv->n;

	my.ctx = srv;
	for (i = 0; i < n0; i++) {
		long si = syncstate_find(old, srv->v[i].href);

		evlist_init(&bodies[i]);
		/* The listing's own copies, as dav_list() gives them: the
		 * server may change while the sync runs. */
		names[i] = xstrdup(srv->v[i].href);
		etags[i] = xstrdup(srv->v[i].etag);
		items[i].href = names[i];
		items[i].etag = etags[i];
		items[i].fetched = si < 0 || !old->v[si].etag ||
				   strcmp(old->v[si].etag, srv->v[i].etag);
		items[i].ev = NULL;
		items[i].nev = 0;
		items[i].hash = 0;
		items[i].unread = false;
		/* As cmd-sync.c: a body left out or not parsed is unread. */
		if (items[i].fetched &&
		    ((srv->withhold_href &&
		      !strcmp(srv->withhold_href, srv->v[i].href)) ||
		     syncev_read(srv->v[i].body, strlen(srv->v[i].body),
				 srv->v[i].href, TODAY, &bodies[i], NULL,
				 &err))) {
			evlist_release(&bodies[i]);
			evlist_init(&bodies[i]);
			items[i].fetched = false;
			items[i].unread = si >= 0;
		}
		if (items[i].fetched) {
			items[i].ev = bodies[i].v;
			items[i].nev = bodies[i].n;
			items[i].hash = syncev_hash(
			    (const struct event *const *)bodies[i].v,
			    bodies[i].n);
		}
	}
	/* The plan's view of the store: a copy of the array, which the
	 * store's changes may move (the events stay where they are). */
	struct event **local = xcalloc(store->n + 1, sizeof(*local));
	memcpy(local, store->v, store->n * sizeof(*local));
	struct syncplan_in in = {local, store->n, old,	  items,
				 n0,	prefer,	  "/cal/"};
	syncplan_make(&in, &plan);
	ap.ops = &my;
	ap.now = NOW;
	ap.store = store;
	ap.next = syncstate_remote(&next, "mem:/cal/");
	CHECK_INT(syncapply_run(&in, &plan, &ap, NULL, &err), 0);
	memcpy(res.count, plan.count, sizeof(res.count));
	res.conflicts = ap.conflicts;
	for (i = 0; i < plan.n; i++) {
		const struct syncplan_action *a = &plan.v[i];
		const struct event *l = NULL, *r = NULL;
		struct strbuf sb = STRBUF_INIT;

		if (a->kind != SYNC_CONFLICT)
			continue;
		if (a->nlocal)
			l = in.local[a->local[0]];
		if (a->remote >= 0 && items[a->remote].nev)
			r = items[a->remote].ev[0];
		syncplan_describe(&sb, l, r, 2);
		snprintf(res.first_conflict, sizeof(res.first_conflict), "%s",
			 sb.len ? sb.buf : "");
		strbuf_release(&sb);
		break;
	}
	/* The new state replaces the old one for this remote. */
	syncstate_remote_clear(old);
	for (i = 0; i < ap.next->n; i++) {
		const struct syncstate_res *r = &ap.next->v[i];

		syncstate_add(old, r->href, r->etag, r->local_hash,
			      r->remote_hash, (const char *const *)r->ids,
			      r->nids);
	}
	syncplan_release(&plan);
	syncstate_release(&next);
	for (i = 0; i < n0; i++) {
		evlist_release(&bodies[i]);
		free(names[i]);
		free(etags[i]);
	}
	free(local);
	return res;
}

/* ---- helpers of the tests ---- */

static const char *const TRIP =
    "2023-01-30 10:00-11:30     meeting    Meeting with President Yoon @ "
    "Yongsan Presidential Office, Seoul, KR\n"
    "    id: aaaa000000000001\n"
    "2023-07-11..2023-07-12     summit     NATO Summit @ Vilnius, LT\n"
    "    id: aaaa000000000002\n"
    "2023-01-31 22:00..2023-02-01 06:30  travel  Flight to Brussels @ "
    "Tokyo, JP\n"
    "    end-tz: Europe/Brussels\n"
    "    id: aaaa000000000003\n";

#define H1 "/cal/aaaa000000000001@itin.ics"
#define H2 "/cal/aaaa000000000002@itin.ics"

struct world {
	struct evlist store;
	struct syncstate st;
	struct server srv;
};

static void world_init(struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->st.lock_fd = -1;
	w->store = parse(TRIP);
}

static void world_free(struct world *w)
{
	evlist_release(&w->store);
	syncstate_release(&w->st);
	srv_free(&w->srv);
}

static struct event *local(struct world *w, const char *id)
{
	long i = evlist_find(&w->store, id);

	return i < 0 ? NULL : w->store.v[i];
}

static void local_title(struct world *w, const char *id, const char *title)
{
	struct event *ev = local(w, id);

	CHECK(ev != NULL);
	if (ev)
		event_set_str(ev, &ev->title, title);
}

static void local_rm(struct world *w, const char *id)
{
	long i = evlist_find(&w->store, id);

	CHECK(i >= 0);
	if (i >= 0)
		event_free(evlist_take(&w->store, (size_t)i));
}

/* The title the server holds at href, or NULL. */
static const char *remote_title(struct world *w, const char *href)
{
	static char title[256];
	long i = srv_find(&w->srv, href);
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	if (i < 0)
		return NULL;
	if (syncev_read(w->srv.v[i].body, strlen(w->srv.v[i].body), href,
			TODAY, &l, NULL, &err)) {
		evlist_release(&l);
		return "(unreadable)";
	}
	snprintf(title, sizeof(title), "%s", l.v[0]->title);
	evlist_release(&l);
	return title;
}

/* A world synced once: the server holds the three events. */
static void synced(struct world *w)
{
	struct result r;

	world_init(w);
	r = sync_once(&w->store, &w->st, &w->srv, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_PUSH_NEW], 3);
	CHECK_INT(w->srv.n, 3);
}

static struct result again(struct world *w, enum syncplan_prefer p)
{
	return sync_once(&w->store, &w->st, &w->srv, p);
}

/* ---- the resources ---- */

TEST(body_round_trip_keeps_hash)
{
	struct evlist l = parse(TRIP), back = EVLIST_INIT;
	struct strbuf body = STRBUF_INIT;
	struct itin_err err;

	for (size_t i = 0; i < l.n; i++) {
		const struct event *one = l.v[i];

		strbuf_reset(&body);
		syncev_body(&body, &one, 1, NOW);
		evlist_release(&back);
		evlist_init(&back);
		CHECK(!syncev_read(body.buf, body.len, "x.ics", TODAY, &back,
				   NULL, &err));
		CHECK_INT(back.n, 1);
		if (back.n == 1) {
			const struct event *b = back.v[0];
			CHECK_STR(b->id, one->id);
			CHECK(syncev_hash(&one, 1) == syncev_hash(&b, 1));
		}
	}
	/* A VTIMEZONE for each zone, as export writes. */
	CHECK(strstr(body.buf, "BEGIN:VTIMEZONE") != NULL);
	CHECK(strstr(body.buf, "TZID:Asia/Tokyo") != NULL);
	CHECK(strstr(body.buf, "TZID:Europe/Brussels") != NULL);
	/* A new stamp is no change; a new title is. */
	{
		const struct event *one = l.v[0];
		uint64_t h = syncev_hash(&one, 1);

		l.v[0]->seq = 7;
		CHECK(syncev_hash(&one, 1) == h);
		event_set_str(l.v[0], &l.v[0]->title, "Other");
		CHECK(syncev_hash(&one, 1) != h);
	}
	strbuf_release(&body);
	evlist_release(&back);
	evlist_release(&l);
}

TEST(href_is_uid_percent_encoded)
{
	struct evlist l = parse("2023-01-27 interview Interview\n"
				"    uid: a b/c@x\n");
	struct strbuf sb = STRBUF_INIT;

	syncev_href(&sb, l.v[0]);
	CHECK_STR(sb.buf, "a%20b%2Fc@x.ics");
	strbuf_reset(&sb);
	syncev_uid(&sb, l.v[0]);
	CHECK_STR(sb.buf, "a b/c@x");
	strbuf_release(&sb);
	evlist_release(&l);
}

TEST(state_round_trip_and_errors)
{
	struct syncstate st = {0}, back = {0};
	struct syncstate_remote *r;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const char *ids[] = {"x1", "x2"};
	struct itin_err err;

	st.lock_fd = back.lock_fd = -1;
	r = syncstate_remote(&st, "https://h/cal/");
	syncstate_set_token(r, "tok\twith tab\\");
	syncstate_add(r, "/cal/a.ics", "\"e1\"", 1, 0xffffffffffffffffULL, ids,
		      2);
	syncstate_add(r, "/cal/b.ics", NULL, 2, 3, ids, 0);
	syncstate_format(&st, &a);
	CHECK(!syncstate_parse(&back, a.buf, a.len, "s", &err));
	syncstate_format(&back, &b);
	CHECK_STR(b.buf, a.buf);
	CHECK_STR(back.v[0].token, "tok\twith tab\\");
	CHECK_INT(back.v[0].v[0].nids, 2);
	CHECK(back.v[0].v[1].etag == NULL);
	syncstate_release(&back);
	back.lock_fd = -1;
	CHECK(syncstate_parse(&back, "itin-sync\t1\nres\tx\n", 18, "s",
			      &err) < 0);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.status, 65);
	syncstate_release(&back);
	back.lock_fd = -1;
	CHECK(syncstate_parse(&back, "itin-sync\t2\n", 12, "s", &err) < 0);
	CHECK_INT(err.line, 1);
	syncstate_release(&back);
	syncstate_release(&st);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* ---- the decision table ---- */

TEST(first_sync_pushes_then_in_sync)
{
	struct world w;
	struct result r;

	synced(&w);
	CHECK_STR(remote_title(&w, H2), "NATO Summit");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_IN_SYNC], 3);
	CHECK_INT(r.conflicts, 0);
	world_free(&w);
}

TEST(unchanged_local_changed_remote_pulls)
{
	struct world w;
	struct result r;

	synced(&w);
	srv_edit(&w.srv, H1, "Meeting moved");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_PULL_UPDATE], 1);
	CHECK_INT(r.count[SYNC_IN_SYNC], 2);
	CHECK_STR(local(&w, "aaaa000000000001")->title, "Meeting moved");
	CHECK_STR(local(&w, "aaaa000000000001")->tz, "Asia/Seoul");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 3);
	world_free(&w);
}

TEST(unchanged_local_deleted_remote_deletes_local)
{
	struct world w;
	struct result r;

	synced(&w);
	srv_remove(&w.srv, H1);
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_DELETE_LOCAL], 1);
	CHECK(local(&w, "aaaa000000000001") == NULL);
	CHECK_INT(w.store.n, 2);
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 2);
	world_free(&w);
}

TEST(changed_local_unchanged_remote_pushes)
{
	struct world w;
	struct result r;

	synced(&w);
	local_title(&w, "aaaa000000000002", "NATO Summit, Vilnius");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_PUSH_UPDATE], 1);
	CHECK_STR(remote_title(&w, H2), "NATO Summit, Vilnius");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 3);
	world_free(&w);
}

TEST(both_changed_alike_is_in_sync)
{
	struct world w;
	struct result r;

	synced(&w);
	local_title(&w, "aaaa000000000002", "Same edit");
	srv_edit(&w.srv, H2, "Same edit");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_IN_SYNC], 3);
	CHECK_INT(r.conflicts, 0);
	world_free(&w);
}

TEST(both_changed_is_a_conflict_until_preferred)
{
	struct world w;
	struct result r;

	synced(&w);
	local_title(&w, "aaaa000000000002", "Local edit");
	srv_edit(&w.srv, H2, "Remote edit");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_INT(r.conflicts, 1);
	CHECK(strstr(r.first_conflict, "title: local: Local edit") != NULL);
	CHECK(strstr(r.first_conflict, "title: remote: Remote edit") != NULL);
	CHECK(strstr(r.first_conflict, "city:") == NULL);
	/* Neither side changed, and it stays a conflict. */
	CHECK_STR(local(&w, "aaaa000000000002")->title, "Local edit");
	CHECK_STR(remote_title(&w, H2), "Remote edit");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).conflicts, 1);
	/* --prefer local: the server gets it. */
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_PUSH_UPDATE], 1);
	CHECK_INT(r.conflicts, 0);
	CHECK_STR(remote_title(&w, H2), "Local edit");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 3);
	/* --prefer remote: the store gets it. */
	local_title(&w, "aaaa000000000002", "Local again");
	srv_edit(&w.srv, H2, "Remote again");
	r = again(&w, SYNC_PREFER_REMOTE);
	CHECK_INT(r.count[SYNC_PULL_UPDATE], 1);
	CHECK_STR(local(&w, "aaaa000000000002")->title, "Remote again");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 3);
	world_free(&w);
}

TEST(changed_local_deleted_remote_is_a_conflict)
{
	struct world w;
	struct result r;

	synced(&w);
	local_title(&w, "aaaa000000000001", "Kept here");
	srv_remove(&w.srv, H1);
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK(local(&w, "aaaa000000000001") != NULL);
	CHECK(strstr(r.first_conflict, "title: remote: (deleted)") != NULL);
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_PUSH_NEW], 1);
	CHECK_STR(remote_title(&w, H1), "Kept here");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 3);
	/* And the other way. */
	local_title(&w, "aaaa000000000001", "Kept here again");
	srv_remove(&w.srv, H1);
	r = again(&w, SYNC_PREFER_REMOTE);
	CHECK_INT(r.count[SYNC_DELETE_LOCAL], 1);
	CHECK(local(&w, "aaaa000000000001") == NULL);
	world_free(&w);
}

TEST(deleted_local_unchanged_remote_deletes_remote)
{
	struct world w;
	struct result r;

	synced(&w);
	local_rm(&w, "aaaa000000000002");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_DELETE_REMOTE], 1);
	CHECK_INT(w.srv.n, 2);
	CHECK(srv_find(&w.srv, H2) < 0);
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 2);
	world_free(&w);
}

TEST(deleted_local_changed_remote_is_a_conflict)
{
	struct world w;
	struct result r;

	synced(&w);
	local_rm(&w, "aaaa000000000002");
	srv_edit(&w.srv, H2, "Changed there");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_STR(remote_title(&w, H2), "Changed there");
	CHECK(local(&w, "aaaa000000000002") == NULL);
	r = again(&w, SYNC_PREFER_REMOTE);
	CHECK_INT(r.count[SYNC_PULL_NEW], 1);
	CHECK_STR(local(&w, "aaaa000000000002")->title, "Changed there");
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 3);
	/* --prefer local deletes it there, with If-Match. */
	local_rm(&w, "aaaa000000000002");
	srv_edit(&w.srv, H2, "Changed there again");
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_DELETE_REMOTE], 1);
	CHECK(srv_find(&w.srv, H2) < 0);
	world_free(&w);
}

TEST(deleted_on_both_sides_is_forgotten)
{
	struct world w;
	struct result r;

	synced(&w);
	local_rm(&w, "aaaa000000000002");
	srv_remove(&w.srv, H2);
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_FORGET], 1);
	CHECK_INT(w.st.v[0].n, 2);
	world_free(&w);
}

TEST(remote_new_from_another_client_is_pulled_with_its_zone)
{
	static const char *const body =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla//EN\r\n"
	    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
	    "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
	    "BEGIN:VEVENT\r\nUID:thunderbird-123\r\nDTSTAMP:20230101T000000Z\r\n"
	    "DTSTART;TZID=Europe/Berlin:20230301T090000\r\n"
	    "DTEND;TZID=Europe/Berlin:20230301T100000\r\n"
	    "SUMMARY:Press briefing\r\nLOCATION:Berlin\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	struct world w;
	struct result r;
	struct event *ev = NULL;

	synced(&w);
	srv_set(&w.srv, "/cal/tb.ics", body);
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_PULL_NEW], 1);
	CHECK_INT(w.store.n, 4);
	for (size_t i = 0; i < w.store.n; i++)
		if (w.store.v[i]->uid &&
		    !strcmp(w.store.v[i]->uid, "thunderbird-123"))
			ev = w.store.v[i];
	CHECK(ev != NULL);
	if (ev) {
		CHECK_STR(ev->tz, "Europe/Berlin");
		CHECK_STR(ev->title, "Press briefing");
	}
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 4);
	/* An edit here goes back to the client's resource, by its href. */
	if (ev) {
		local_title(&w, ev->id, "Press briefing (moved)");
		r = again(&w, SYNC_PREFER_NONE);
		CHECK_INT(r.count[SYNC_PUSH_UPDATE], 1);
		CHECK_STR(remote_title(&w, "/cal/tb.ics"),
			  "Press briefing (moved)");
	}
	world_free(&w);
}

TEST(resume_after_a_crash_is_in_sync)
{
	struct world w;
	struct result r;

	synced(&w);
	/* A sync that pushed everything and died before its state. */
	syncstate_release(&w.st);
	w.st.lock_fd = -1;
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_IN_SYNC], 3);
	CHECK_INT(r.count[SYNC_PUSH_NEW], 0);
	CHECK_INT(w.srv.n, 3);
	/* One that pushed an update and died: in sync, not a conflict. */
	{
		struct syncstate saved = {0};
		struct syncstate_remote *o = &w.st.v[0], *s;

		saved.lock_fd = -1;
		s = syncstate_remote(&saved, o->url);
		for (size_t i = 0; i < o->n; i++)
			syncstate_add(s, o->v[i].href, o->v[i].etag,
				      o->v[i].local_hash, o->v[i].remote_hash,
				      (const char *const *)o->v[i].ids,
				      o->v[i].nids);
		local_title(&w, "aaaa000000000001", "Pushed then killed");
		CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_PUSH_UPDATE],
			  1);
		syncstate_release(&w.st);
		w.st = saved;
		r = again(&w, SYNC_PREFER_NONE);
		CHECK_INT(r.count[SYNC_IN_SYNC], 3);
		CHECK_INT(r.conflicts, 0);
	}
	world_free(&w);
}

TEST(created_on_both_sides_differently_is_a_conflict)
{
	struct world w;
	struct result r;
	struct evlist other = parse(TRIP);
	struct strbuf body = STRBUF_INIT;
	const struct event *one = other.v[0];

	world_init(&w);
	event_set_str(other.v[0], &other.v[0]->title, "Written elsewhere");
	syncev_body(&body, &one, 1, NOW);
	srv_set(&w.srv, H1, body.buf);
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_INT(r.count[SYNC_PUSH_NEW], 2);
	CHECK_STR(remote_title(&w, H1), "Written elsewhere");
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_PUSH_UPDATE], 1);
	CHECK_STR(remote_title(&w, H1),
		  "Meeting with President Yoon");
	strbuf_release(&body);
	evlist_release(&other);
	world_free(&w);
}

TEST(reserialised_remote_is_no_change)
{
	struct world w;
	struct result r;

	synced(&w);
	/* Same content, new text and ETag (a server's own DTSTAMP). */
	srv_edit(&w.srv, H1, "Meeting with President Yoon");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_IN_SYNC], 3);
	CHECK_INT(r.count[SYNC_PULL_UPDATE], 0);
	world_free(&w);
}

TEST(precondition_failed_becomes_a_conflict)
{
	struct world w;
	struct result r;

	synced(&w);
	local_title(&w, "aaaa000000000001", "Mine");
	w.srv.race_href = H1;
	w.srv.race_title = "Theirs, meanwhile";
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.conflicts, 1);
	CHECK_STR(remote_title(&w, H1), "Theirs, meanwhile");
	CHECK_STR(local(&w, "aaaa000000000001")->title, "Mine");
	/* Next time it is an ordinary conflict. */
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	world_free(&w);
}

TEST(series_from_the_server_is_one_resource)
{
	static const char *const body =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
	    "BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTAMP:20230101T000000Z\r\n"
	    "DTSTART;TZID=Asia/Seoul:20230306T090000\r\n"
	    "DTEND;TZID=Asia/Seoul:20230306T093000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
	    "SUMMARY:Staff call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
	struct world w;
	struct result r;
	const char *id = NULL;

	synced(&w);
	srv_set(&w.srv, "/cal/weekly.ics", body);
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_PULL_NEW], 1);
	CHECK_INT(w.store.n, 6);
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 4);
	for (size_t i = 0; i < w.store.n; i++)
		if (w.store.v[i]->uid && strstr(w.store.v[i]->uid, "weekly-1/"))
			id = w.store.v[i]->id;
	CHECK(id != NULL);
	if (id)
		local_title(&w, id, "Staff call, moved");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_INT(again(&w, SYNC_PREFER_LOCAL).count[SYNC_CONFLICT], 1);
	/* A series deleted here is deleted there. */
	for (size_t i = w.store.n; i-- > 0;)
		if (w.store.v[i]->uid && strstr(w.store.v[i]->uid, "weekly-1/"))
			event_free(evlist_take(&w.store, i));
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_DELETE_REMOTE], 1);
	CHECK(srv_find(&w.srv, "/cal/weekly.ics") < 0);
	world_free(&w);
}

/* ---- what the server changed and itin could not read (issue 16) ---- */

/* The state's ETag of href. */
static const char *state_etag(struct world *w, const char *href)
{
	long i = syncstate_find(&w->st.v[0], href);

	return i < 0 ? "(none)" : w->st.v[0].v[i].etag ? w->st.v[0].v[i].etag
							 : "(unknown)";
}

TEST(withheld_remote_edit_is_a_conflict_never_overwritten)
{
	struct world w;
	struct result r;
	char *before;

	synced(&w);
	before = xstrdup(state_etag(&w, H1));
	srv_edit(&w.srv, H1, "Phone edit");
	w.srv.withhold_href = H1;
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_INT(r.count[SYNC_IN_SYNC], 2);
	CHECK_STR(state_etag(&w, H1), before);
	/* A local edit now must not go over the unseen one, preferred or
	 * not. */
	local_title(&w, "aaaa000000000001", "Mine");
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_INT(r.count[SYNC_PUSH_UPDATE], 0);
	CHECK_STR(remote_title(&w, H1), "Phone edit");
	CHECK_STR(state_etag(&w, H1), before);
	/* Once it can be read, it is the ordinary conflict it is. */
	w.srv.withhold_href = NULL;
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK(strstr(r.first_conflict, "Phone edit") != NULL);
	r = again(&w, SYNC_PREFER_REMOTE);
	CHECK_INT(r.count[SYNC_PULL_UPDATE], 1);
	CHECK_STR(local(&w, "aaaa000000000001")->title, "Phone edit");
	free(before);
	world_free(&w);
}

TEST(unparsable_remote_edit_is_a_conflict_never_overwritten)
{
	struct world w;
	struct result r;
	char *before;

	synced(&w);
	before = xstrdup(state_etag(&w, H2));
	srv_set(&w.srv, H2, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_STR(state_etag(&w, H2), before);
	local_title(&w, "aaaa000000000002", "Mine");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_STR(remote_title(&w, H2), "(unreadable)");
	/* Nor deleted on its behalf: remote does not pull, local does not
	 * delete. */
	r = again(&w, SYNC_PREFER_REMOTE);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK_STR(local(&w, "aaaa000000000002")->title, "Mine");
	local_rm(&w, "aaaa000000000002");
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_CONFLICT], 1);
	CHECK(srv_find(&w.srv, H2) >= 0);
	free(before);
	world_free(&w);
}

TEST(local_delete_after_a_resave_uses_the_listed_etag)
{
	struct world w;
	struct result r;

	synced(&w);
	/* Another client saves it again, same content, new ETag. */
	srv_edit(&w.srv, H2, "NATO Summit");
	local_rm(&w, "aaaa000000000002");
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.conflicts, 0);
	CHECK_INT(r.count[SYNC_DELETE_REMOTE], 1);
	CHECK(srv_find(&w.srv, H2) < 0);
	CHECK_INT(again(&w, SYNC_PREFER_NONE).count[SYNC_IN_SYNC], 2);
	world_free(&w);
}

TEST(local_delete_with_no_known_etag_keeps_a_match)
{
	struct world w;
	struct result r;

	world_init(&w);
	w.srv.no_etag = true;
	r = sync_once(&w.store, &w.st, &w.srv, SYNC_PREFER_NONE);
	CHECK_INT(r.count[SYNC_PUSH_NEW], 3);
	CHECK_STR(state_etag(&w, H2), "(unknown)");
	/* Deleted here while the phone edits it: the edit stays. */
	local_rm(&w, "aaaa000000000002");
	w.srv.race_href = H2;
	w.srv.race_title = "Theirs, meanwhile";
	r = again(&w, SYNC_PREFER_NONE);
	CHECK_INT(r.conflicts, 1);
	CHECK_STR(remote_title(&w, H2), "Theirs, meanwhile");
	CHECK_INT(w.srv.del_without_match, 0);
	/* Without the race it goes, with If-Match. */
	r = again(&w, SYNC_PREFER_LOCAL);
	CHECK_INT(r.count[SYNC_DELETE_REMOTE], 1);
	CHECK(srv_find(&w.srv, H2) < 0);
	CHECK_INT(w.srv.del_without_match, 0);
	world_free(&w);
}

int main(void)
{
	RUN(body_round_trip_keeps_hash);
	RUN(href_is_uid_percent_encoded);
	RUN(state_round_trip_and_errors);
	RUN(first_sync_pushes_then_in_sync);
	RUN(unchanged_local_changed_remote_pulls);
	RUN(unchanged_local_deleted_remote_deletes_local);
	RUN(changed_local_unchanged_remote_pushes);
	RUN(both_changed_alike_is_in_sync);
	RUN(both_changed_is_a_conflict_until_preferred);
	RUN(changed_local_deleted_remote_is_a_conflict);
	RUN(deleted_local_unchanged_remote_deletes_remote);
	RUN(deleted_local_changed_remote_is_a_conflict);
	RUN(deleted_on_both_sides_is_forgotten);
	RUN(remote_new_from_another_client_is_pulled_with_its_zone);
	RUN(resume_after_a_crash_is_in_sync);
	RUN(created_on_both_sides_differently_is_a_conflict);
	RUN(reserialised_remote_is_no_change);
	RUN(precondition_failed_becomes_a_conflict);
	RUN(series_from_the_server_is_one_resource);
	RUN(withheld_remote_edit_is_a_conflict_never_overwritten);
	RUN(unparsable_remote_edit_is_a_conflict_never_overwritten);
	RUN(local_delete_after_a_resave_uses_the_listed_etag);
	RUN(local_delete_with_no_known_etag_keeps_a_match);
	return test_done();
}
