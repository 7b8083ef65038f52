/*
 * import-merge.c: the merge and the transaction of `itin import`
 * (import.h). An event replaces a stored one only when it is the same
 * event (evmerge.h: same id, uid, or content), keeping the fields its
 * file does not carry; one that is identical is counted "unchanged". -n
 * lists what would happen to each event and only reads the store;
 * otherwise the store is written in one transaction, and only when
 * something changed.
 *
 * import_events() (cli.h) is the same merge and transaction for events
 * that come from no file (`extract --add`), so both give the same
 * guarantees.
 */
#include "cli.h"
#include "import.h"
#include "itin/evident.h"
#include "itin/evmerge.h"
#include "itin/store.h"
#include "itin/utf8.h"

/* What import -n lists: one block per event (see "import" in itin(1)). */
static void list_one(void *ctx, const struct evmerge_result *res)
{
	static const char *const word[] = {"add", "change", "keep", "keep",
					   "keep"};
	struct strbuf *sb = ctx;
	const struct event *id_of = res->old ? res->old : res->ev;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	bool changed = false;

	strbuf_addf(sb, "%s ", word[res->what]);
	utf8_sanitize(sb, id_of->id);
	strbuf_addstr(sb, "  ");
	utf8_sanitize(sb, res->ev->title);
	if (res->what == EVMERGE_STALE)
		strbuf_addstr(sb, "  (the stored version is newer)");
	if (res->what == EVMERGE_EDITED)
		strbuf_addstr(sb, "  (edited since)");
	strbuf_addch(sb, '\n');
	for (unsigned i = 0; res->what == EVMERGE_UPDATED && i < EVF_NFIELDS;
	     i++) {
		enum evident_field f = (enum evident_field)(1u << i);

		if (f == EVF_ID || f == EVF_SEQ ||
		    evident_same(res->old, res->ev, f))
			continue;
		strbuf_reset(&a);
		strbuf_reset(&b);
		evident_describe(&a, res->old, f);
		evident_describe(&b, res->ev, f);
		changed = true;
		strbuf_addf(sb, "    %s: ", evident_name(f));
		utf8_sanitize(sb, a.len ? a.buf : "(none)");
		strbuf_addstr(sb, " -> ");
		utf8_sanitize(sb, b.len ? b.buf : "(none)");
		strbuf_addch(sb, '\n');
	}
	/* An update of the revision alone (a calendar's higher SEQUENCE,
	 * the same content) says so. */
	if (res->what == EVMERGE_UPDATED && !changed)
		strbuf_addf(sb, "    sequence: %u -> %u\n", res->old->src_seq,
			    res->ev->src_seq);
	strbuf_release(&a);
	strbuf_release(&b);
	/* Each block as it is decided, so a warning about an event comes
	 * just before it (and a progress line is not written over). */
	progress_clear_line();
	out_strbuf(sb);
	strbuf_reset(sb);
}

/* The fields a file carries: all that its format has, or (CSV) those
 * its columns hold. */
static unsigned carried_by(const struct input *in)
{
	if (in->fmt == FMT_CSV)
		return in->csv.carried;
	if (in->fmt == FMT_ICS) {
		/* Each VEVENT says what it gives (icalio.c); the file's set,
		 * which events are compared on, is what all of them give. */
		unsigned all = EVF_ALL;

		for (size_t i = 0; i < in->events.n; i++)
			if (in->events.v[i]->carried)
				all &= in->events.v[i]->carried;
		return all;
	}
	return EVF_ALL & ~(unsigned)EVF_SEQ;
}

/*
 * An update that cannot be made (evmerge_add() failed): with
 * --skip-invalid, a CSV or iCalendar file's event is refused with a
 * warning, as a bad row is; true when it was.
 */
static bool refuse_update(struct input *in, const struct itin_err *err,
			  bool skip_invalid)
{
	char msg[sizeof(err->msg) + 300];

	if (!skip_invalid || (in->fmt != FMT_CSV && in->fmt != FMT_ICS))
		return false;
	itin_err_format(err, msg, sizeof(msg));
	warning("%s; event skipped", msg);
	if (in->fmt == FMT_CSV)
		in->csv.skipped++;
	else
		in->ics.skipped++;
	return true;
}

/* in->keep_stored: an event whose id the store holds stays out, as
 * unchanged (fn told, with the stored event). True when ev was taken. */
static bool left_alone(const struct evlist *store, struct input *in,
		       struct event *ev, evmerge_fn fn, void *ctx)
{
	long i = in->keep_stored && ev->id ? evlist_find(store, ev->id) : -1;

	if (i < 0)
		return false;
	if (fn) {
		struct evmerge_result res = {EVMERGE_UNCHANGED, store->v[i],
					     ev};

		fn(ctx, &res);
	}
	event_free(ev);
	in->unchanged++;
	return true;
}

/*
 * Merge the inputs into store, counting (evmerge.h decides which events
 * are the same); fn (may be NULL) hears what happens to each event.
 * Returns 1 if anything changed, 0 if not, -1 on error (reported).
 */
static int merge(struct evlist *store, struct input *in, size_t nin,
		 struct progress *p, evmerge_fn fn, void *ctx,
		 bool skip_invalid)
{
	struct evmerge *m = evmerge_new(store);
	struct itin_err err;
	size_t done = 0, coming = 0;
	int changed = 0;

	for (size_t k = 0; k < nin; k++)
		coming += in[k].events.n;
	evmerge_expect(m, coming);
	for (size_t k = 0; k < nin; k++) {
		struct evlist *l = &in[k].events;

		evmerge_source(m, in[k].name, carried_by(&in[k]));
		if (in[k].fmt == FMT_ITIN)
			evmerge_revisions(m);
		evmerge_coming(m, l, 0);
		for (size_t j = 0; j < l->n; j++) {
			struct event *ev = l->v[j];
			int r;

			l->v[j] = NULL;
			if (left_alone(store, &in[k], ev, fn, ctx))
				continue;
			itin_err_clear(&err);
			r = evmerge_add(m, ev, &cli_warner, fn, ctx, &err);
			if (r < 0 && refuse_update(&in[k], &err, skip_invalid))
				continue;
			if (r < 0) {
				report_err(&err);
				evmerge_free(m);
				return -1;
			}
			if (r == EVMERGE_ADDED)
				in[k].added++;
			else if (r == EVMERGE_UPDATED)
				in[k].updated++;
			else
				in[k].unchanged++;
			if (r == EVMERGE_ADDED || r == EVMERGE_UPDATED)
				changed = 1;
			if (++done % 1024 == 0)
				progress_update(p, done);
		}
	}
	evmerge_free(m);
	return changed;
}

void import_summary(const struct input *in, bool dry_run)
{
	size_t n = in->added + in->updated + in->unchanged;
	struct strbuf extra = STRBUF_INIT;

	/* For iCalendar, what the file held: its VEVENTs are not always
	 * the events (recurrences, refused ones). */
	if (in->fmt == FMT_ICS) {
		strbuf_addf(&extra, " (%zu VEVENT%s", in->ics.vevents,
			    in->ics.vevents == 1 ? "" : "s");
		if (in->ics.skipped)
			strbuf_addf(&extra, ", %zu refused", in->ics.skipped);
		strbuf_addch(&extra, ')');
	}
	/* For CSV, the rows read (a row may span lines) and refused. */
	if (in->fmt == FMT_CSV)
		strbuf_addf(&extra, " (%zu row%s, %zu skipped)", in->csv.rows,
			    in->csv.rows == 1 ? "" : "s", in->csv.skipped);
	report(0,
	       "%s %zu event%s (%zu added, %zu updated, %zu unchanged) "
	       "from %s%s",
	       dry_run ? "would import" : "imported", n, n == 1 ? "" : "s",
	       in->added, in->updated, in->unchanged, in->name, extra.buf);
	strbuf_release(&extra);
}

/* -n: what the read inputs would do to the store, listed; the store is
 * only read (no write lock). 0 or the status. */
int import_dry_run(const char *path, struct input *in, size_t nin,
		   struct progress *p, bool skip_invalid)
{
	struct evlist loaded = EVLIST_INIT;
	struct strbuf list = STRBUF_INIT;
	struct itin_err err;
	int status = 0;

	itin_err_clear(&err);
	if (store_load(path, &loaded, STORE_WARNER, &err))
		status = report_err(&err);
	else if (merge(&loaded, in, nin, p, list_one, &list, skip_invalid) < 0)
		status = ITIN_EX_DATAERR;
	evlist_release(&loaded);
	strbuf_release(&list);
	return status;
}

/* Merge the read inputs into the store in one transaction, written only
 * when something changed; fn (may be NULL) as merge's. 0 or the status. */
int import_commit(const char *path, struct input *in, size_t nin,
		  struct progress *p, evmerge_fn fn, void *ctx,
		  bool skip_invalid)
{
	struct store_tx tx;
	struct itin_err err;
	int r;

	itin_err_clear(&err);
	if (store_begin(path, &tx, STORE_WARNER, &err))
		return report_err(&err);
	r = merge(&tx.events, in, nin, p, fn, ctx, skip_invalid);
	if (r < 0) {
		store_abort(&tx);
		return ITIN_EX_DATAERR;
	}
	if (!r) {
		store_abort(&tx);
		return 0;
	}
	if (store_commit(&tx, &err))
		return report_err(&err);
	return 0;
}

/* The store's path, when it can be a store: a FIFO or a directory is
 * refused before the inputs are read (their rules may take seconds).
 * NULL with *status set after reporting. */
const char *store_to_import(struct cli *cli, int *status)
{
	const char *path = cli_store(cli);
	struct itin_err err;

	*status = ITIN_EX_USAGE;
	if (!path)
		return NULL;
	itin_err_clear(&err);
	if (store_check_path(path, &err)) {
		*status = report_err(&err);
		return NULL;
	}
	return path;
}

int import_events(struct cli *cli, const char *name, struct evlist *events,
		  evmerge_fn fn, void *ctx)
{
	struct input in = {.path = name, .name = name, .fmt = FMT_ITIN};
	int status;
	const char *path = store_to_import(cli, &status);

	if (!path)
		return status;
	in.keep_stored = true;
	in.events = *events;
	evlist_init(events);
	status = import_commit(path, &in, 1, NULL, fn, ctx, false);
	evlist_release(&in.events);
	return status;
}
