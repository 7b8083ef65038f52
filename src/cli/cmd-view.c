/*
 * cmd-view.c: `itin view [FILTERS] [--in ZONE]`: options and loading; the
 * viewer itself is src/tui (tui.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../tui/tui.h"
#include "cli.h"
#include "itin/shortid.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

enum { OPT_BENCH_KEYS = 512 };

/* A store this large opens on the days around today first (view.h says
 * why); a smaller one is read whole, as it costs a few milliseconds. */
#define FIRST_BYTES (2 << 20)
/* Those days: more than any opening window holds (view.c checks it). */
#define FIRST_DAYS 21

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * What itin says on stderr before the screen opens (a note that --in US
 * means America/New_York) would be hidden by the screen until it closes:
 * it is kept in a file meanwhile, copied to stderr all the same, and its
 * last line shown on the viewer's status line.
 */
struct capture {
	FILE *file; /* NULL: not capturing */
	int saved;  /* the real stderr */
};

static void capture_start(struct capture *c)
{
	c->saved = -1;
	c->file = tmpfile();
	if (!c->file)
		return;
	fflush(stderr);
	c->saved = dup(STDERR_FILENO);
	if (c->saved < 0 || dup2(fileno(c->file), STDERR_FILENO) < 0) {
		if (c->saved >= 0)
			close(c->saved);
		fclose(c->file);
		c->file = NULL;
	}
}

/* Stop capturing (again: nothing), copy what was said into said, and to
 * the real stderr when echo is set (not while the screen is up). */
static void capture_stop(struct capture *c, struct strbuf *said, bool echo)
{
	char buf[4096];
	size_t n;

	if (!c->file)
		return;
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->file);
	while ((n = fread(buf, 1, sizeof(buf), c->file)) > 0) {
		if (echo)
			fwrite(buf, 1, n, stderr);
		strbuf_add(said, buf, n);
	}
	fclose(c->file);
	c->file = NULL;
}

static void capture_end(struct capture *c, struct strbuf *said)
{
	capture_stop(c, said, true);
}

/* The last line of said, in place (its newline cut), or NULL. */
static const char *last_line(struct strbuf *said)
{
	char *p;

	while (said->len && said->buf[said->len - 1] == '\n')
		said->buf[--said->len] = '\0';
	if (!said->len)
		return NULL;
	p = strrchr(said->buf, '\n');
	return p ? p + 1 : said->buf;
}

/* --bench-keys (ctx: the viewer's options). */
static int view_option(void *ctx, int c, const char *arg)
{
	struct view_opts *o = ctx;

	if (c != OPT_BENCH_KEYS)
		return CLI_NOT_MINE;
	o->bench_keys = arg;
	return 0;
}

/* The whole store, for the viewer once its first screen is drawn
 * (view_opts.load_all): read as `itin view` without a first range reads
 * it, what the reader says kept in said until the screen is closed. */
struct rest {
	struct cli *cli;
	const struct filter *f;
	const struct tz *axis;
	/* The first days' read: the events read (read, a superset of
	 * those kept) and, of the store's ids, those their short forms need
	 * (first_ids, picked by first_id()), and how many ids it has;
	 * after the first screen, the ids read with all. */
	const struct evlist *read;
	struct shortid *first_ids;
	char *heads; /* the read events' ids' first SHORTID_MIN bytes */
	size_t nheads;
	unsigned char filter[(1 << 12) / 8];
	bool heads_known;
	size_t nid;
	struct evlist all;
	struct shortid ids;
	struct strbuf said;
};

static int load_rest(void *ctx, const struct evlist **all,
		     const struct shortid **ids)
{
	struct rest *r = ctx;
	struct capture cap;
	int status;

	capture_start(&cap);
	/* The ids again, with the events: the store may have changed. */
	status = load_for_axis(r->cli, r->f, r->axis, &r->all, &r->ids);
	capture_stop(&cap, &r->said, false);
	shortid_finish(&r->ids);
	*all = &r->all;
	*ids = &r->ids;
	return status;
}

/* Whether the store is worth opening on its first days only: a large
 * regular file, and no filter but the viewer's own. */
static bool open_first_days(struct cli *cli, const struct filter *f)
{
	const char *path = cli_store(cli);
	struct stat st;

	return filter_is_empty(f) && path && !stat(path, &st) &&
	       S_ISREG(st.st_mode) && st.st_size >= FIRST_BYTES;
}

static int cmp_head(const void *a, const void *b)
{
	return memcmp(a, b, SHORTID_MIN);
}

/* Bits of the filter of heads: 4096, 512 bytes, which stay in the cache. */
#define HEAD_BITS 12

/* An id's place in the filter of heads, from its first SHORTID_MIN bytes
 * (at least that many are there). */
static unsigned head_bit(const char *id)
{
	uint64_t h = 0;

	memcpy(&h, id, SHORTID_MIN);
	return (unsigned)((h * 0x9E3779B97F4A7C15ULL) >> (64 - HEAD_BITS));
}

/* The heads of the ids of the events read, sorted, and their filter. */
static void know_heads(struct rest *r)
{
	const struct evlist *l = r->read;

	r->heads = xcalloc(l->n ? l->n : 1, SHORTID_MIN);
	for (size_t i = 0; i < l->n; i++) {
		const char *id = l->v[i]->id;
		unsigned bit;

		if (strlen(id) < SHORTID_MIN)
			continue;
		memcpy(r->heads + SHORTID_MIN * r->nheads++, id, SHORTID_MIN);
		bit = head_bit(id);
		r->filter[bit >> 3] |= (unsigned char)(1u << (bit & 7));
	}
	qsort(r->heads, r->nheads, SHORTID_MIN, cmp_head);
	r->heads_known = true;
}

/*
 * storescan's each_id for the first days: of the store's ids, into
 * r->first_ids those a short id of the events read may depend on, and
 * the rest only counted. An id's short form is one byte longer than the
 * longest prefix it shares with another, at least SHORTID_MIN bytes, so
 * only the ids that begin as one of theirs count (shortid.h); the rest,
 * most of a large store, are sorted after the first screen. The events
 * read are in r->read by the first call (storescan.h): a filter of bits,
 * one for each of their heads, turns most ids away before the search
 * among the heads, and nothing is copied for them.
 */
static void first_id(void *ctx, const char *id, size_t len)
{
	struct rest *r = ctx;
	unsigned bit;
	char *copy;

	r->nid++;
	if (!r->heads_known)
		know_heads(r);
	if (len < SHORTID_MIN)
		return;
	bit = head_bit(id);
	if (!(r->filter[bit >> 3] >> (bit & 7) & 1) ||
	    !bsearch(id, r->heads, r->nheads, SHORTID_MIN, cmp_head))
		return;
	copy = xstrndup(id, len);
	shortid_add(r->first_ids, copy);
	free(copy);
}

/* Into l, the events the viewer opens on, and into ids the ids their
 * short forms need: with no dates asked for, of a large store only the
 * days around today, the rest left to r (o says which). */
static int load_first(struct cli *cli, const struct filter *f,
		      struct view_opts *o, struct evlist *l,
		      struct shortid *ids, struct rest *r)
{
	struct filter first = *f;
	int64_t today = layout_day_of(o->axis, cli_now());
	int status;

	if (!open_first_days(cli, f))
		return load_for_axis(cli, f, o->axis, l, ids);
	first.has_from = first.has_to = true;
	first.from_day = today - FIRST_DAYS;
	first.to_day = today + FIRST_DAYS;
	r->read = l;
	r->first_ids = ids;
	status = load_for_axis_each(cli, &first, o->axis, l, first_id, r);
	if (status)
		return status;
	o->partial = true;
	o->part_from_day = first.from_day;
	o->part_to_day = first.to_day;
	/* The scan names every event of the store once, by its id. */
	o->total = r->nid;
	o->load_all = load_rest;
	o->load_ctx = r;
	return 0;
}

/* Load the events and run the viewer on them; what cap caught so far is
 * also shown on its status line. 0 or the status. */
static int view_events(struct cli *cli, const struct filter *f,
		       struct view_opts *o, struct capture *cap)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf said = STRBUF_INIT;
	struct shortid ids;
	struct rest rest;
	int status;

	memset(&rest, 0, sizeof(rest));
	rest.cli = cli;
	rest.f = f;
	strbuf_init(&rest.said);
	evlist_init(&rest.all);
	shortid_init(&ids, SHORTID_MIN);
	shortid_init(&rest.ids, SHORTID_MIN);
	/* One clock for the axis: --in's, else the user's. */
	o->axis = cli->in ? cli->in : user_zone();
	rest.axis = o->axis;
	if ((status = load_first(cli, f, o, &l, &ids, &rest)))
		goto out;
	shortid_finish(&ids);
	/* The notes and warnings so far, also on the status line. */
	capture_end(cap, &said);
	o->start_msg = last_line(&said);
	o->events = &l;
	o->ids = &ids;
	o->in = cli->in;
	o->here = o->axis;
	o->now = cli_now();
	o->has_from = f->has_from;
	o->from_day = f->from_day;
	o->has_to = f->has_to;
	o->to_day = f->to_day;
	status = tui_view(o);
	/* What reading the rest said, now that the screen is closed: an
	 * error when it failed (a store broken meanwhile), warnings said
	 * already when the first days were read otherwise. */
	if (status && rest.said.len)
		fputs(rest.said.buf, stderr);
out:
	strbuf_release(&said);
	strbuf_release(&rest.said);
	free(rest.heads);
	shortid_release(&rest.ids);
	evlist_release(&rest.all);
	evlist_release(&l);
	shortid_release(&ids);
	return status;
}

int cmd_view(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    FILTER_LONGOPTS,
	    {"in", required_argument, NULL, OPT_IN},
	    /* Not in --help: for `make bench`. */
	    {"bench-keys", required_argument, NULL, OPT_BENCH_KEYS},
	    {NULL, 0, NULL, 0},
	};
	struct filter f = FILTER_INIT;
	struct view_opts o;
	const struct own_options own = {NULL, view_option, &o};
	struct capture cap;
	struct strbuf said = STRBUF_INIT;
	struct itin_err err;
	int status;

	memset(&o, 0, sizeof(o));
	o.start_ns = mono_ns();
	capture_start(&cap);
	status = parse_reading_cmd(cli, argc, argv, longopts, &own, &f, NULL);
	if (status || (status = filter_finish(&f, cli)))
		goto out;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		status = report(1, "view needs a terminal (try 'itin timeline' "
				   "or 'itin list')");
		goto out;
	}
	/* ncursesw before the store, so that a system without it is told
	 * so at once. */
	if (tui_curses_load(&err)) {
		status = report_err(&err);
		goto out;
	}
	status = view_events(cli, &f, &o, &cap);
out:
	capture_end(&cap, &said);
	strbuf_release(&said);
	filter_release(&f);
	return status;
}
