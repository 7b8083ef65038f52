/*
 * syncplan.c: the three-way reconciliation (syncplan.h): the decision
 * table, --prefer, and the field-by-field listing of a conflict.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/evident.h"
#include "itin/syncev.h"
#include "itin/syncplan.h"
#include "itin/xalloc.h"

const char *syncplan_kind_name(enum syncplan_kind k)
{
	static const char *const names[SYNC_KIND_COUNT] = {
	    "in-sync",	     "push-new",      "push-update",
	    "pull-new",	     "pull-update",   "delete-remote",
	    "delete-local",  "forget",	      "conflict"};

	return (unsigned)k < SYNC_KIND_COUNT ? names[k] : "?";
}

const char *syncplan_conflict_text(enum syncplan_conflict c)
{
	static const char *const text[SYNC_C_COUNT] = {
	    "",
	    "changed on both sides",
	    "changed here, deleted on the server",
	    "deleted here, changed on the server",
	    "created on both sides, differently",
	    "a recurring series from the server, changed here: itin cannot "
	    "write a series back",
	    "its events belong to another resource too",
	    "changed on the server during the sync (412)",
	    "changed on the server, and its new version cannot be read"};

	return (unsigned)c < SYNC_C_COUNT ? text[c] : "?";
}

/* ---- the local events by id ---- */

struct byid {
	const char *id;
	size_t i;
};

static int cmp_byid(const void *pa, const void *pb)
{
	return strcmp(((const struct byid *)pa)->id,
		      ((const struct byid *)pb)->id);
}

struct ctx {
	const struct syncplan_in *in;
	struct syncplan *out;
	struct byid *ids;   /* the local events by id, sorted */
	struct byid *hrefs; /* the remote items by href, sorted */
	bool *claimed;	  /* per local event: a resource's */
	bool *state_done; /* per remote item: matched to a state record */
};

static long find_local(const struct ctx *c, const char *id)
{
	struct byid key = {id, 0}, *hit;

	hit = bsearch(&key, c->ids, c->in->nlocal, sizeof(*c->ids), cmp_byid);
	return hit ? (long)hit->i : -1;
}

static long find_remote(const struct ctx *c, const char *href)
{
	struct byid key = {href, 0}, *hit;

	hit = bsearch(&key, c->hrefs, c->in->nremote, sizeof(*c->hrefs),
		      cmp_byid);
	return hit ? (long)hit->i : -1;
}

static struct syncplan_action *add_action(struct syncplan *p,
					  enum syncplan_kind kind,
					  const char *href)
{
	struct syncplan_action *a;

	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 16;
		p->v = xrealloc(p->v, p->alloc * sizeof(*p->v));
	}
	a = &p->v[p->n++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->href = xstrdup(href);
	a->remote = -1;
	a->state = -1;
	return a;
}

static uint64_t group_hash(const struct syncplan_in *in, const size_t *ix,
			   size_t n)
{
	const struct event **evs;
	uint64_t h;
	size_t i;

	if (!n)
		return 0;
	evs = xcalloc(n, sizeof(*evs));
	for (i = 0; i < n; i++)
		evs[i] = in->local[ix[i]];
	h = syncev_hash(evs, n);
	free(evs);
	return h;
}

/*
 * A conflict, or what --prefer makes of it. local_op and remote_op are
 * what each preference does; SYNC_CONFLICT where it cannot settle it.
 */
static void conflict(const struct syncplan_in *in, struct syncplan_action *a,
		     enum syncplan_conflict why, enum syncplan_kind local_op,
		     enum syncplan_kind remote_op)
{
	a->conflict = why;
	if (in->prefer == SYNC_PREFER_LOCAL)
		a->kind = local_op;
	else if (in->prefer == SYNC_PREFER_REMOTE)
		a->kind = remote_op;
	else
		a->kind = SYNC_CONFLICT;
	/* Overwriting the server's version: only the one we saw. */
	if (a->remote >= 0 && in->remote[a->remote].etag &&
	    (a->kind == SYNC_PUSH_UPDATE || a->kind == SYNC_DELETE_REMOTE))
		a->if_match = in->remote[a->remote].etag;
}

/* A resource the state knows: the decision table. */
static void plan_known(struct ctx *c, size_t si)
{
	const struct syncplan_in *in = c->in;
	const struct syncstate_res *res = &in->state->v[si];
	const struct syncplan_item *it = NULL;
	struct syncplan_action *a;
	bool l_gone, l_changed, r_gone, r_changed, series;
	long ri = find_remote(c, res->href);
	size_t k;

	a = add_action(c->out, SYNC_IN_SYNC, res->href);
	a->state = (long)si;
	a->local = xcalloc(res->nids ? res->nids : 1, sizeof(*a->local));
	for (k = 0; k < res->nids; k++) {
		long li = find_local(c, res->ids[k]);

		if (li >= 0 && !c->claimed[li]) {
			c->claimed[li] = true;
			a->local[a->nlocal++] = (size_t)li;
		}
	}
	if (ri >= 0) {
		it = &in->remote[ri];
		c->state_done[ri] = true;
		a->remote = ri;
	}
	l_gone = a->nlocal == 0;
	a->local_hash = group_hash(in, a->local, a->nlocal);
	l_changed = !l_gone && a->local_hash != res->local_hash;
	r_gone = !it || !it->etag;
	r_changed = !r_gone && it->fetched && it->hash != res->remote_hash;
	a->remote_hash = r_gone ? 0 : it->fetched ? it->hash : res->remote_hash;
	series = res->nids > 1 || a->nlocal > 1 || (it && it->fetched && it->nev > 1);

	if (!r_gone && it->unread) {
		/* Nothing is known of the server's version but that it
		 * changed: neither side may move, and the state stays. */
		a->kind = SYNC_CONFLICT;
		a->conflict = SYNC_C_UNREAD;
		a->remote_hash = res->remote_hash;
	} else if (l_gone && r_gone) {
		a->kind = SYNC_FORGET;
	} else if (l_gone) {
		if (r_changed) {
			conflict(in, a, SYNC_C_LOCAL_DELETED_REMOTE_CHANGED,
				 SYNC_DELETE_REMOTE, SYNC_PULL_NEW);
		} else {
			/* The ETag listed now: a re-save that changed it
			 * alone (hash equal) is no reason to refuse. */
			a->kind = SYNC_DELETE_REMOTE;
			a->if_match = it->etag;
		}
	} else if (r_gone) {
		if (l_changed)
			conflict(in, a, SYNC_C_LOCAL_CHANGED_REMOTE_DELETED,
				 series ? SYNC_CONFLICT : SYNC_PUSH_NEW,
				 SYNC_DELETE_LOCAL);
		else
			a->kind = SYNC_DELETE_LOCAL;
	} else if (!l_changed) {
		a->kind = r_changed ? SYNC_PULL_UPDATE : SYNC_IN_SYNC;
	} else if (!r_changed) {
		if (series) {
			conflict(in, a, SYNC_C_SERIES, SYNC_CONFLICT,
				 it->fetched ? SYNC_PULL_UPDATE : SYNC_CONFLICT);
		} else {
			a->kind = SYNC_PUSH_UPDATE;
			a->if_match = it->etag ? it->etag : res->etag;
		}
	} else if (a->local_hash == a->remote_hash) {
		a->kind = SYNC_IN_SYNC; /* both sides changed alike */
	} else {
		conflict(in, a, series ? SYNC_C_SERIES : SYNC_C_BOTH_CHANGED,
			 series ? SYNC_CONFLICT : SYNC_PUSH_UPDATE,
			 SYNC_PULL_UPDATE);
	}
}

/* A resource the state does not know: new on the server, or pushed by a
 * sync that did not live to record it. */
static void plan_unknown(struct ctx *c, size_t ri)
{
	const struct syncplan_in *in = c->in;
	const struct syncplan_item *it = &in->remote[ri];
	struct syncplan_action *a;
	bool duplicate = false;
	size_t k;

	if (!it->etag || !it->fetched)
		return; /* a deletion of something never seen */
	a = add_action(c->out, SYNC_PULL_NEW, it->href);
	a->remote = (long)ri;
	a->remote_hash = it->hash;
	a->local = xcalloc(it->nev ? it->nev : 1, sizeof(*a->local));
	for (k = 0; k < it->nev; k++) {
		long li = find_local(c, it->ev[k]->id);

		if (li < 0)
			continue;
		if (c->claimed[li]) {
			duplicate = true;
			continue;
		}
		c->claimed[li] = true;
		a->local[a->nlocal++] = (size_t)li;
	}
	a->local_hash = group_hash(in, a->local, a->nlocal);
	if (duplicate)
		conflict(in, a, SYNC_C_DUPLICATE, SYNC_CONFLICT, SYNC_CONFLICT);
	else if (!a->nlocal)
		a->kind = SYNC_PULL_NEW;
	else if (a->local_hash == a->remote_hash)
		a->kind = SYNC_IN_SYNC;
	else
		conflict(in, a, SYNC_C_BOTH_CREATED,
			 it->nev > 1 || a->nlocal > 1 ? SYNC_CONFLICT
						      : SYNC_PUSH_UPDATE,
			 SYNC_PULL_UPDATE);
}

void syncplan_make(const struct syncplan_in *in, struct syncplan *out)
{
	struct ctx c = {in, out, NULL, NULL, NULL, NULL};
	size_t i;

	memset(out, 0, sizeof(*out));
	c.ids = xcalloc(in->nlocal ? in->nlocal : 1, sizeof(*c.ids));
	c.claimed = xcalloc(in->nlocal ? in->nlocal : 1, sizeof(*c.claimed));
	c.state_done =
	    xcalloc(in->nremote ? in->nremote : 1, sizeof(*c.state_done));
	for (i = 0; i < in->nlocal; i++) {
		c.ids[i].id = in->local[i]->id;
		c.ids[i].i = i;
	}
	qsort(c.ids, in->nlocal, sizeof(*c.ids), cmp_byid);
	c.hrefs = xcalloc(in->nremote ? in->nremote : 1, sizeof(*c.hrefs));
	for (i = 0; i < in->nremote; i++) {
		c.hrefs[i].id = in->remote[i].href;
		c.hrefs[i].i = i;
	}
	qsort(c.hrefs, in->nremote, sizeof(*c.hrefs), cmp_byid);

	for (i = 0; in->state && i < in->state->n; i++)
		plan_known(&c, i);
	for (i = 0; i < in->nremote; i++)
		if (!c.state_done[i])
			plan_unknown(&c, i);
	for (i = 0; i < in->nlocal; i++) {
		struct syncplan_action *a;
		struct strbuf href = STRBUF_INIT;

		if (c.claimed[i])
			continue;
		if (in->base)
			strbuf_addstr(&href, in->base);
		syncev_href(&href, in->local[i]);
		a = add_action(out, SYNC_PUSH_NEW, href.buf);
		strbuf_release(&href);
		a->local = xcalloc(1, sizeof(*a->local));
		a->local[0] = i;
		a->nlocal = 1;
		a->local_hash = group_hash(in, a->local, 1);
	}
	for (i = 0; i < out->n; i++)
		out->count[out->v[i].kind]++;
	free(c.ids);
	free(c.hrefs);
	free(c.claimed);
	free(c.state_done);
}

void syncplan_release(struct syncplan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].href);
		free(p->v[i].local);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ---- the listing of a conflict ---- */

static void describe_one(struct strbuf *sb, const struct event *ev,
			 enum evident_field f, const char *side,
			 size_t indent)
{
	struct strbuf v = STRBUF_INIT;

	if (ev)
		evident_describe(&v, ev, f);
	strbuf_addspaces(sb, indent);
	strbuf_addf(sb, "%s: %s: %s\n", evident_name(f), side,
		    !ev ? "(deleted)" : v.len ? v.buf : "(none)");
	strbuf_release(&v);
}

void syncplan_describe(struct strbuf *sb, const struct event *local,
		       const struct event *remote, size_t indent)
{
	unsigned i;

	for (i = 0; i < EVF_NFIELDS; i++) {
		enum evident_field f = (enum evident_field)(1u << i);

		if (!(f & (EVF_CONTENT | EVF_UID)))
			continue;
		if (local && remote && evident_same(local, remote, f))
			continue;
		if (!local && !remote)
			continue;
		describe_one(sb, local, f, "local", indent);
		describe_one(sb, remote, f, "remote", indent);
	}
}
