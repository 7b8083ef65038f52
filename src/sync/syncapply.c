/*
 * syncapply.c: a sync plan carried out (syncapply.h).
 */
#include <stdlib.h>
#include <string.h>

#include "itin/evident.h"
#include "itin/syncapply.h"
#include "itin/syncev.h"
#include "itin/xalloc.h"

/* What pulling one resource makes locally: lone events, checked. */
struct pulled {
	struct event **ev;
	size_t n;
	bool in_place; /* one event replacing the one local event */
};

static void pulled_free(struct pulled *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		event_free(p->ev[i]);
	free(p->ev);
	p->ev = NULL;
	p->n = 0;
}

static void record(struct syncapply *ap, const struct syncplan_action *a,
		   const char *etag, struct event *const *evs, size_t n,
		   uint64_t local_hash, uint64_t remote_hash)
{
	const char **ids = xcalloc(n ? n : 1, sizeof(*ids));
	size_t i;

	for (i = 0; i < n; i++)
		ids[i] = evs[i]->id;
	syncstate_add(ap->next, a->href, etag, local_hash, remote_hash, ids,
		      n);
	free(ids);
}

/* The local group of a, as pointers. */
static struct event **group(const struct syncplan_in *in,
			    const struct syncplan_action *a)
{
	struct event **evs = xcalloc(a->nlocal ? a->nlocal : 1, sizeof(*evs));
	size_t i;

	for (i = 0; i < a->nlocal; i++)
		evs[i] = in->local[a->local[i]];
	return evs;
}

/* Keep the old state of a resource a conflict leaves alone. */
static void keep_old(const struct syncplan_in *in, struct syncapply *ap,
		     const struct syncplan_action *a)
{
	const struct syncstate_res *r;

	if (a->state < 0)
		return;
	r = &in->state->v[a->state];
	syncstate_add(ap->next, r->href, r->etag, r->local_hash,
		      r->remote_hash, (const char *const *)r->ids, r->nids);
}

/* The server's side of one action: 0, 1 (412: now a conflict), -1. */
static int write_remote(const struct syncplan_in *in, struct syncapply *ap,
			struct syncplan_action *a, struct itin_err *err)
{
	struct event **evs;
	struct strbuf body = STRBUF_INIT;
	char *etag = NULL;
	int r;

	if (a->kind == SYNC_DELETE_REMOTE && !a->if_match) {
		/* A DELETE without If-Match would remove whatever the server
		 * holds now, seen or not: never sent. */
		r = 1;
	} else if (a->kind == SYNC_DELETE_REMOTE) {
		r = ap->ops->del(ap->ops->ctx, a->href, a->if_match, err);
		if (r == 0)
			ap->deleted_remote++;
	} else {
		evs = group(in, a);
		syncev_body(&body, (const struct event *const *)evs,
			    a->nlocal, ap->now);
		r = ap->ops->put(ap->ops->ctx, a->href, body.buf, body.len,
				 a->kind == SYNC_PUSH_NEW ? NULL : a->if_match,
				 &etag, err);
		if (r == 0) {
			/* What we wrote reads back as what we have. */
			record(ap, a, etag, evs, a->nlocal, a->local_hash,
			       a->local_hash);
			ap->pushed++;
		}
		free(etag);
		free(evs);
		strbuf_release(&body);
	}
	if (r == 1) {
		a->kind = SYNC_CONFLICT;
		a->conflict = SYNC_C_PRECONDITION;
		keep_old(in, ap, a);
	}
	return r;
}

/* The events pulling a makes, checked; false (with a warning) when one
 * cannot be stored. */
static bool prepare_pull(const struct syncplan_in *in,
			 const struct syncplan_action *a, struct pulled *p,
			 const struct itin_warner *w)
{
	const struct syncplan_item *it = &in->remote[a->remote];
	struct itin_err err;
	size_t i;

	p->n = it->nev;
	p->ev = xcalloc(it->nev ? it->nev : 1, sizeof(*p->ev));
	p->in_place = a->nlocal == 1 && it->nev == 1;
	for (i = 0; i < it->nev; i++) {
		struct event *ev = event_clone(it->ev[i]);

		p->ev[i] = ev;
		/* As import: the fields the resource does not carry (a
		 * client that drops X-ITIN- properties) keep their value. */
		if (p->in_place && ev->carried &&
		    !strcmp(ev->id, in->local[a->local[0]]->id))
			evident_keep(ev, in->local[a->local[0]], ev->carried);
		itin_err_clear(&err);
		if (event_check(ev, w, &err)) {
			itin_warn_at(w, it->href, 0, 0,
				     "cannot store the event of the server: %s",
				     err.msg);
			pulled_free(p);
			return false;
		}
	}
	return true;
}

static int cmp_desc(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? 1 : a > b ? -1 : 0;
}

int syncapply_run(const struct syncplan_in *in, struct syncplan *plan,
		  struct syncapply *ap, const struct itin_warner *w,
		  struct itin_err *err)
{
	struct pulled *pulls = xcalloc(plan->n ? plan->n : 1, sizeof(*pulls));
	size_t *gone = NULL, ngone = 0, i, k;
	struct evindex *ix = NULL;
	int ret = -1;

	/* 1. The server, and the state of everything but pulls. */
	for (i = 0; i < plan->n; i++) {
		struct syncplan_action *a = &plan->v[i];
		struct event **evs;
		const char *etag;

		switch (a->kind) {
		case SYNC_PUSH_NEW:
		case SYNC_PUSH_UPDATE:
		case SYNC_DELETE_REMOTE:
			if (write_remote(in, ap, a, err) < 0)
				goto out;
			break;
		case SYNC_IN_SYNC:
			evs = group(in, a);
			etag = a->remote >= 0 ? in->remote[a->remote].etag
			       : a->state >= 0 ? in->state->v[a->state].etag
					       : NULL;
			record(ap, a, etag, evs, a->nlocal, a->local_hash,
			       a->remote_hash);
			free(evs);
			break;
		case SYNC_CONFLICT:
			keep_old(in, ap, a);
			break;
		default:
			break;
		}
	}

	/* 2. The pulls, made and checked before anything changes. */
	gone = xcalloc(in->nlocal ? in->nlocal : 1, sizeof(*gone));
	for (i = 0; i < plan->n; i++) {
		struct syncplan_action *a = &plan->v[i];

		if (a->kind == SYNC_PULL_NEW || a->kind == SYNC_PULL_UPDATE) {
			if (!prepare_pull(in, a, &pulls[i], w)) {
				a->kind = SYNC_CONFLICT;
				a->conflict = SYNC_C_NONE;
				keep_old(in, ap, a);
				continue;
			}
			if (pulls[i].in_place)
				continue;
		} else if (a->kind != SYNC_DELETE_LOCAL) {
			continue;
		}
		for (k = 0; k < a->nlocal; k++)
			gone[ngone++] = a->local[k];
		if (a->kind == SYNC_DELETE_LOCAL)
			ap->deleted_local++;
	}

	/* 3. The store: replacements in place, removals, then additions
	 * whose ids are free. */
	for (i = 0; i < plan->n; i++) {
		struct pulled *p = &pulls[i];

		if (p->in_place) {
			evlist_replace(ap->store, plan->v[i].local[0], p->ev[0]);
			p->n = 0; /* the store's now; p->ev[0] stays readable */
		}
	}
	qsort(gone, ngone, sizeof(*gone), cmp_desc);
	for (k = 0; k < ngone; k++)
		event_free(evlist_take(ap->store, gone[k]));
	ix = evindex_build(ap->store);
	for (i = 0; i < plan->n; i++) {
		struct syncplan_action *a = &plan->v[i];
		struct pulled *p = &pulls[i];
		const struct syncplan_item *it;
		uint64_t h;
		bool clash = false;

		if (a->kind != SYNC_PULL_NEW && a->kind != SYNC_PULL_UPDATE)
			continue;
		it = &in->remote[a->remote];
		for (k = 0; k < p->n && !clash; k++)
			clash = evindex_find(ix, p->ev[k]->id) >= 0;
		if (clash) {
			itin_warn_at(w, it->href, 0, 0,
				     "an event of the server has the id of "
				     "another event here: left alone");
			a->kind = SYNC_CONFLICT;
			a->conflict = SYNC_C_DUPLICATE;
			keep_old(in, ap, a);
			pulled_free(p);
			continue;
		}
		h = syncev_hash((const struct event *const *)p->ev,
				p->in_place ? 1 : p->n);
		record(ap, a, it->etag, p->ev, p->in_place ? 1 : p->n, h,
		       it->hash);
		for (k = 0; k < p->n; k++) {
			evindex_put(ix, p->ev[k]->id, ap->store->n);
			evlist_add(ap->store, p->ev[k]);
		}
		p->n = 0;
		ap->pulled++;
	}
	ret = 0;
out:
	for (i = 0; i < plan->n; i++)
		if (plan->v[i].kind == SYNC_CONFLICT)
			ap->conflicts++;
	for (i = 0; i < plan->n; i++)
		pulled_free(&pulls[i]);
	free(pulls);
	free(gone);
	evindex_free(ix);
	return ret;
}
