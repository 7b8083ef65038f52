/*
 * cmd-sync.c: `itin sync [--dry-run] [--prefer local|remote] URL|NAME`,
 * the store and one CalDAV collection made the same (issue 16).
 *
 * The steps, and why in this order (syncstate.h, syncapply.h): lock the
 * sync state (one sync of a store at a time) and the store, read both;
 * open the collection, list it (incrementally from the state's token
 * where the server can), fetch the bodies of what is new or changed;
 * plan (syncplan.h); then the server's writes, each with its
 * precondition; then the store, rewritten atomically when anything was
 * pulled or deleted here; last the state. A sync killed anywhere leaves
 * the old state, and the next one finds what was done already equal on
 * both sides. An error before the store is rewritten leaves the store and
 * the state as they were.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "itin/dav.h"
#include "itin/json.h"
#include "itin/store.h"
#include "itin/syncapply.h"
#include "itin/syncev.h"
#include "itin/syncplan.h"
#include "itin/syncstate.h"
#include "itin/xalloc.h"

enum {
	OPT_PREFER = 420,
	OPT_CAFILE,
	OPT_INSECURE,
	OPT_USER,
	OPT_PASSWORD_CMD,
	OPT_SYNC_FORMAT,
};

enum sync_fmt { SYNC_TEXT, SYNC_TSV, SYNC_JSON };

struct sync_args {
	const char *target;
	bool dry_run;
	enum syncplan_prefer prefer;
	enum sync_fmt fmt;
	struct remote rem; /* the named remote, or the URL alone */
	const char *cafile, *user, *password_cmd;
	int insecure;
};

/* What the server holds, as the plan sees it, and what owns its parts. */
struct view {
	struct dav_items listing, fetched;
	struct syncplan_item *items;
	size_t n;
	char **norm;	       /* the normalised hrefs, items' own */
	struct evlist *bodies; /* the events of fetched items */
	char *base;	       /* the collection's path, normalised */
	/* Bodies asked for and not read: the sync token stays where it
	 * was, so the next listing names them again. */
	size_t unread;
};

static void view_release(struct view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->norm[i]);
		evlist_release(&v->bodies[i]);
	}
	free(v->norm);
	free(v->bodies);
	free(v->items);
	free(v->base);
	dav_items_free(&v->listing);
	dav_items_free(&v->fetched);
	memset(v, 0, sizeof(*v));
}

static struct syncplan_item *view_add(struct view *v, size_t cap,
				      char *norm, const char *etag)
{
	struct syncplan_item *it;

	(void)cap;
	it = &v->items[v->n];
	memset(it, 0, sizeof(*it));
	v->norm[v->n] = norm;
	evlist_init(&v->bodies[v->n]);
	it->href = norm;
	it->etag = etag;
	v->n++;
	return it;
}

struct byhref {
	const char *href;
	size_t i;
};

static int cmp_byhref(const void *a, const void *b)
{
	return strcmp(((const struct byhref *)a)->href,
		      ((const struct byhref *)b)->href);
}

/* By href, then by position: equal hrefs in listing order. */
static int cmp_byhref_pos(const void *a, const void *b)
{
	const struct byhref *x = a, *y = b;
	int c = strcmp(x->href, y->href);

	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

static long lookup(const struct byhref *ix, size_t n, const char *href)
{
	struct byhref key = {href, 0}, *hit;

	hit = bsearch(&key, ix, n, sizeof(*ix), cmp_byhref);
	return hit ? (long)hit->i : -1;
}

/*
 * List the collection, fetch what changed since the state and read it.
 * 0 or the status (reported).
 */
static int read_server(struct dav *d, const struct syncstate_remote *old,
		       struct view *v)
{
	struct byhref *six = NULL, *vix = NULL, *lix;
	const char **want = NULL;
	char **norms;
	size_t nwant = 0, cap, i;
	struct itin_err err;
	int status = 0;

	itin_err_clear(&err);
	v->base = syncev_href_norm(dav_collection_url(d));
	if (dav_list(d, old->token, &v->listing, &err))
		return report_err(&err);
	cap = v->listing.n + old->n + 1;
	v->items = xcalloc(cap, sizeof(*v->items));
	v->norm = xcalloc(cap, sizeof(*v->norm));
	v->bodies = xcalloc(cap, sizeof(*v->bodies));
	six = xcalloc(old->n + 1, sizeof(*six));
	for (i = 0; i < old->n; i++)
		six[i] = (struct byhref){old->v[i].href, i};
	qsort(six, old->n, sizeof(*six), cmp_byhref);

	/* An href listed twice (a paged sync-collection answer) counts
	 * once, as its last entry says it is now (dav.h). */
	norms = xcalloc(v->listing.n + 1, sizeof(*norms));
	lix = xcalloc(v->listing.n + 1, sizeof(*lix));
	for (i = 0; i < v->listing.n; i++) {
		norms[i] = syncev_href_norm(v->listing.v[i].href);
		lix[i] = (struct byhref){norms[i], i};
	}
	qsort(lix, v->listing.n, sizeof(*lix), cmp_byhref_pos);
	for (i = 0; i + 1 < v->listing.n; i++) {
		if (strcmp(lix[i].href, lix[i + 1].href))
			continue;
		free(norms[lix[i].i]);
		norms[lix[i].i] = NULL;
	}
	free(lix);
	for (i = 0; i < v->listing.n; i++) {
		const struct dav_item *li = &v->listing.v[i];
		char *norm = norms[i];
		struct syncplan_item *it;
		long si;

		/* The collection itself, listed by some servers. */
		if (!norm || !strcmp(norm, v->base)) {
			free(norm);
			continue;
		}
		si = lookup(six, old->n, norm);
		it = view_add(v, cap, norm, li->etag);
		it->fetched = li->etag &&
			      (si < 0 || !old->v[si].etag ||
			       strcmp(old->v[si].etag, li->etag));
	}
	free(norms);
	/* An incremental listing names only what changed. */
	if (!v->listing.full) {
		size_t listed = v->n;

		vix = xcalloc(listed + 1, sizeof(*vix));
		for (i = 0; i < listed; i++)
			vix[i] = (struct byhref){v->items[i].href, i};
		qsort(vix, listed, sizeof(*vix), cmp_byhref);
		for (i = 0; i < old->n; i++) {
			if (lookup(vix, listed, old->v[i].href) >= 0)
				continue;
			view_add(v, cap, xstrdup(old->v[i].href),
				 old->v[i].etag);
		}
		free(vix);
		vix = NULL;
	}

	want = xcalloc(v->n + 1, sizeof(*want));
	for (i = 0; i < v->n; i++)
		if (v->items[i].fetched)
			want[nwant++] = v->items[i].href;
	if (nwant && dav_fetch(d, want, nwant, &v->fetched, &err)) {
		status = report_err(&err);
		goto out;
	}
	vix = xcalloc(v->n + 1, sizeof(*vix));
	for (i = 0; i < v->n; i++)
		vix[i] = (struct byhref){v->items[i].href, i};
	qsort(vix, v->n, sizeof(*vix), cmp_byhref);
	for (i = 0; i < v->n; i++)
		if (v->items[i].fetched)
			v->items[i].fetched = false; /* until its body comes */
	for (i = 0; i < v->fetched.n; i++) {
		const struct dav_item *fi = &v->fetched.v[i];
		char *norm = syncev_href_norm(fi->href);
		long k = lookup(vix, v->n, norm);
		struct syncplan_item *it;

		free(norm);
		if (k < 0 || !fi->body)
			continue;
		it = &v->items[k];
		/* Sent twice: the last one counts. */
		evlist_release(&v->bodies[k]);
		evlist_init(&v->bodies[k]);
		it->fetched = false;
		it->ev = NULL;
		it->nev = 0;
		itin_err_clear(&err);
		if (syncev_read(fi->body, fi->len, it->href, cli_today(),
				&v->bodies[k], &cli_warner, &err)) {
			char msg[800];

			itin_err_format(&err, msg, sizeof(msg));
			warning("%s (left as it is on the server)", msg);
			evlist_release(&v->bodies[k]);
			evlist_init(&v->bodies[k]);
			continue;
		}
		if (fi->etag)
			it->etag = fi->etag;
		it->fetched = true;
		it->ev = v->bodies[k].v;
		it->nev = v->bodies[k].n;
		it->hash = syncev_hash((const struct event *const *)it->ev,
				       it->nev);
	}
	/* Asked for and not read. A new one: gone since the listing, or
	 * left on the server as it is (warned). A known one changed on the
	 * server: a conflict (syncplan.h), never "in sync" at the new ETag. */
	for (i = 0; i < nwant; i++) {
		long k = lookup(vix, v->n, want[i]);

		if (k < 0 || v->items[k].fetched)
			continue;
		v->unread++;
		if (lookup(six, old->n, want[i]) < 0)
			v->items[k].etag = NULL;
		else
			v->items[k].unread = true;
	}
out:
	free(six);
	free(vix);
	free(want);
	return status;
}

/* ---- printing the plan ---- */

static const struct event *first_local(const struct syncplan_in *in,
				       const struct syncplan_action *a)
{
	return a->nlocal ? in->local[a->local[0]] : NULL;
}

static const struct event *first_remote(const struct syncplan_in *in,
					const struct syncplan_action *a)
{
	if (a->remote < 0 || !in->remote[a->remote].nev)
		return NULL;
	return in->remote[a->remote].ev[0];
}

static const struct event *shown(const struct syncplan_in *in,
				 const struct syncplan_action *a)
{
	bool pull = a->kind == SYNC_PULL_NEW || a->kind == SYNC_PULL_UPDATE;
	const struct event *ev = pull ? first_remote(in, a) : first_local(in, a);

	if (!ev)
		ev = pull ? first_local(in, a) : first_remote(in, a);
	return ev;
}

static void tsv_cell(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++)
		strbuf_addch(sb, *s == '\t' || *s == '\n' || *s == '\r' ? ' '
									: *s);
}

static void print_plan(const struct syncplan_in *in,
		       const struct syncplan *plan, enum sync_fmt fmt,
		       bool dry_run)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	if (fmt == SYNC_TSV)
		strbuf_addstr(&sb, "action\tid\thref\ttitle\tconflict\n");
	if (fmt == SYNC_JSON)
		strbuf_addstr(&sb, "[");
	for (i = 0; i < plan->n; i++) {
		const struct syncplan_action *a = &plan->v[i];
		const struct event *ev = shown(in, a);
		const char *id = ev ? ev->id : "";
		const char *title = ev ? ev->title : "";

		if (fmt == SYNC_TSV) {
			strbuf_addf(&sb, "%s\t", syncplan_kind_name(a->kind));
			tsv_cell(&sb, id);
			strbuf_addch(&sb, '\t');
			tsv_cell(&sb, a->href);
			strbuf_addch(&sb, '\t');
			tsv_cell(&sb, title);
			strbuf_addch(&sb, '\t');
			if (a->conflict)
				tsv_cell(&sb, syncplan_conflict_text(a->conflict));
			strbuf_addch(&sb, '\n');
			continue;
		}
		if (fmt == SYNC_JSON) {
			strbuf_addstr(&sb, n++ ? ",\n{" : "\n{");
			strbuf_addstr(&sb, "\"action\":");
			json_write_string(&sb, syncplan_kind_name(a->kind));
			strbuf_addstr(&sb, ",\"id\":");
			json_write_string(&sb, id);
			strbuf_addstr(&sb, ",\"href\":");
			json_write_string(&sb, a->href);
			strbuf_addstr(&sb, ",\"title\":");
			json_write_string(&sb, title);
			strbuf_addstr(&sb, ",\"conflict\":");
			if (a->conflict)
				json_write_string(
				    &sb, syncplan_conflict_text(a->conflict));
			else
				strbuf_addstr(&sb, "null");
			strbuf_addstr(&sb, "}");
			continue;
		}
		if (a->kind == SYNC_IN_SYNC || a->kind == SYNC_FORGET)
			continue;
		strbuf_addf(&sb, "%-14s %s  %s", syncplan_kind_name(a->kind),
			    id, title);
		if (a->conflict)
			strbuf_addf(&sb, " (%s%s)",
				    a->kind == SYNC_CONFLICT ? "" : "settled: ",
				    syncplan_conflict_text(a->conflict));
		strbuf_addch(&sb, '\n');
		if (a->kind == SYNC_CONFLICT &&
		    a->conflict != SYNC_C_PRECONDITION &&
		    a->conflict != SYNC_C_UNREAD)
			syncplan_describe(&sb, first_local(in, a),
					  first_remote(in, a), 4);
	}
	if (fmt == SYNC_JSON)
		strbuf_addstr(&sb, n ? "\n]\n" : "]\n");
	if (fmt == SYNC_TEXT) {
		const size_t *c = plan->count;

		strbuf_addf(&sb,
			    "%s%zu to push, %zu to pull, %zu to delete on the "
			    "server, %zu to delete here, %zu in sync, %zu "
			    "conflict%s\n",
			    dry_run ? "dry run: " : "",
			    c[SYNC_PUSH_NEW] + c[SYNC_PUSH_UPDATE],
			    c[SYNC_PULL_NEW] + c[SYNC_PULL_UPDATE],
			    c[SYNC_DELETE_REMOTE], c[SYNC_DELETE_LOCAL],
			    c[SYNC_IN_SYNC], c[SYNC_CONFLICT],
			    c[SYNC_CONFLICT] == 1 ? "" : "s");
	}
	out_strbuf(&sb);
	strbuf_release(&sb);
}

/* ---- the transport for syncapply ---- */

static int op_put(void *ctx, const char *href, const char *body, size_t len,
		  const char *if_match, char **etag, struct itin_err *err)
{
	return dav_put(ctx, href, body, len, if_match, etag, err);
}

static int op_del(void *ctx, const char *href, const char *if_match,
		  struct itin_err *err)
{
	return dav_delete(ctx, href, if_match, err);
}

/* ---- the command ---- */

static int open_collection(const struct sync_args *a, struct dav **d)
{
	struct dav_opts o = {0};
	struct itin_err err;

	itin_err_clear(&err);
	o.url = a->rem.url;
	o.user = a->user ? a->user : a->rem.user;
	o.password = a->rem.password;
	o.password_cmd = a->password_cmd ? a->password_cmd : a->rem.password_cmd;
	o.cafile = a->cafile ? a->cafile : a->rem.cafile;
	o.warn = &cli_warner;
	o.insecure = a->insecure || a->rem.insecure;
	if (dav_open(d, &o, &err))
		return report_err(&err);
	return 0;
}

/* The new state of the remote: what apply recorded, and the token when
 * nothing was left undone (else the next listing must show it again). */
static void replace_state(struct syncstate_remote *old,
			  const struct syncstate_remote *next,
			  const char *token, bool keep_token)
{
	char *old_token = old->token ? xstrdup(old->token) : NULL;

	syncstate_remote_clear(old);
	for (size_t i = 0; i < next->n; i++) {
		const struct syncstate_res *r = &next->v[i];

		syncstate_add(old, r->href, r->etag, r->local_hash,
			      r->remote_hash, (const char *const *)r->ids,
			      r->nids);
	}
	syncstate_set_token(old, keep_token ? old_token : token);
	free(old_token);
}

static int run_sync(struct cli *cli, const struct sync_args *a)
{
	struct syncstate st = {0}, next = {0};
	struct syncstate_remote *old;
	struct store_tx tx = {0};
	struct evlist dry = EVLIST_INIT;
	struct evlist *events;
	struct event **local = NULL;
	struct dav *d = NULL;
	struct view v = {0};
	struct syncplan plan = {0};
	struct itin_err err;
	const char *path = cli_store(cli);
	bool have_tx = false;
	int status;

	st.lock_fd = next.lock_fd = -1;
	tx.lock_fd = -1;
	itin_err_clear(&err);
	if (!path)
		return ITIN_EX_USAGE;
	/* The network first: nothing is locked or made while it answers,
	 * and an unreachable server leaves no trace. */
	if ((status = open_collection(a, &d)))
		return status;
	if (syncstate_open(&st, path, !a->dry_run, &err)) {
		dav_close(d);
		return report_err(&err);
	}
	if (a->dry_run) {
		if (store_load(path, &dry, STORE_WARNER, &err)) {
			status = report_err(&err);
			goto out;
		}
		events = &dry;
	} else {
		if (store_begin(path, &tx, STORE_WARNER, &err)) {
			status = report_err(&err);
			goto out;
		}
		have_tx = true;
		events = &tx.events;
	}
	old = syncstate_remote(&st, dav_collection_url(d));
	if ((status = read_server(d, old, &v)))
		goto out;

	/* The plan's view of the store: the array, which the store's
	 * changes may move; the events stay in its arenas till the end. */
	local = xcalloc(events->n + 1, sizeof(*local));
	if (events->n)
		memcpy(local, events->v, events->n * sizeof(*local));
	struct syncplan_in in = {local,	  events->n, old,    v.items,
				 v.n,	  a->prefer, v.base};
	syncplan_make(&in, &plan);
	if (a->dry_run) {
		print_plan(&in, &plan, a->fmt, true);
		status = plan.count[SYNC_CONFLICT] ? 1 : 0;
		goto out;
	}

	struct syncapply_ops ops = {op_put, op_del, d};
	struct syncapply ap = {0};

	ap.ops = &ops;
	ap.now = cli_now();
	ap.store = events;
	ap.next = syncstate_remote(&next, old->url);
	if (syncapply_run(&in, &plan, &ap, &cli_warner, &err)) {
		status = report_err(&err);
		goto out;
	}
	for (size_t i = 0; i < SYNC_KIND_COUNT; i++)
		plan.count[i] = 0;
	for (size_t i = 0; i < plan.n; i++)
		plan.count[plan.v[i].kind]++;
	print_plan(&in, &plan, a->fmt, false);
	if (ap.pulled || ap.deleted_local) {
		have_tx = false;
		if (store_commit(&tx, &err)) {
			status = report_err(&err);
			goto out;
		}
	}
	replace_state(old, ap.next, v.listing.sync_token,
		      ap.conflicts > 0 || v.unread > 0);
	if (syncstate_write(&st, &err)) {
		status = report_err(&err);
		goto out;
	}
	if (ap.conflicts) {
		note("%zu conflict%s left: nothing was overwritten; "
		     "settle with --prefer local or --prefer remote",
		     ap.conflicts, ap.conflicts == 1 ? "" : "s");
		status = 1;
	}
out:
	if (have_tx)
		store_abort(&tx);
	syncplan_release(&plan);
	free(local);
	view_release(&v);
	dav_close(d);
	evlist_release(&dry);
	syncstate_release(&next);
	syncstate_release(&st);
	return status;
}

static int prefer_arg(const struct command *cmd, const char *arg,
		      enum syncplan_prefer *p)
{
	if (!strcmp(arg, "local"))
		*p = SYNC_PREFER_LOCAL;
	else if (!strcmp(arg, "remote"))
		*p = SYNC_PREFER_REMOTE;
	else
		return usage_error(cmd, "--prefer takes local or remote, not '%s'",
				   arg);
	return 0;
}

static int format_arg(const struct command *cmd, const char *arg,
		      enum sync_fmt *f)
{
	if (!strcmp(arg, "text"))
		*f = SYNC_TEXT;
	else if (!strcmp(arg, "tsv"))
		*f = SYNC_TSV;
	else if (!strcmp(arg, "json"))
		*f = SYNC_JSON;
	else
		return usage_error(cmd,
				   "unknown format '%s' (expected one of: "
				   "text, tsv, json)",
				   arg);
	return 0;
}

int cmd_sync(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {"dry-run", no_argument, NULL, 'n'},
	    {"prefer", required_argument, NULL, OPT_PREFER},
	    {"cafile", required_argument, NULL, OPT_CAFILE},
	    {"insecure", no_argument, NULL, OPT_INSECURE},
	    {"user", required_argument, NULL, OPT_USER},
	    {"password-cmd", required_argument, NULL, OPT_PASSWORD_CMD},
	    {"format", required_argument, NULL, OPT_SYNC_FORMAT},
	    {NULL, 0, NULL, 0},
	};
	struct sync_args a = {0};
	int c, status = 0;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:hn", longopts, cli->cmd)) != -1) {
		switch (c) {
		case 'n':
			a.dry_run = true;
			break;
		case OPT_PREFER:
			status = prefer_arg(cli->cmd, optarg, &a.prefer);
			break;
		case OPT_CAFILE:
			a.cafile = optarg;
			break;
		case OPT_INSECURE:
			a.insecure = 1;
			break;
		case OPT_USER:
			a.user = optarg;
			break;
		case OPT_PASSWORD_CMD:
			a.password_cmd = optarg;
			break;
		case OPT_SYNC_FORMAT:
			status = format_arg(cli->cmd, optarg, &a.fmt);
			break;
		default:
			status = mine_or_usage(common_option(cli, c, optarg));
		}
		if (status)
			return status;
	}
	if (optind >= argc)
		return usage_error(cli->cmd, "missing URL or remote NAME");
	if ((status = too_many_args(cli->cmd, argc, argv, 1)))
		return status;
	a.target = argv[optind];
	if (strstr(a.target, "://")) {
		a.rem.url = xstrdup(a.target);
	} else if ((status = remote_lookup(a.target, &a.rem))) {
		return status;
	}
	status = run_sync(cli, &a);
	remote_release(&a.rem);
	return status;
}
