/*
 * csvevents.c: CSV records to checked events (csvevents.h), over the
 * record reader of csvrec.h: the reader's state for one file, the ids
 * read so far, and the rows that wait for the file's date order. The
 * header is read by csvcols.c, each row made an event by csvrow.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/csvpipe.h"
#include "itin/csvrow.h"
#include "itin/evarena.h"
#include "itin/evident.h"
#include "itin/hash.h"
#include "itin/xalloc.h"

static void idset_release(struct idset *set)
{
	idtable_release(&set->t);
	free(set->lines);
}

/* Keep a copy of rec, which waits for the file's date order. */
static void wait_for_order(struct evreader *er, const struct csvio_record *rec)
{
	struct dateorder *o = &er->dord;
	size_t flen = (size_t)(rec->f[rec->n - 1].s + rec->f[rec->n - 1].len +
			       1 - rec->f[0].s);
	size_t size = sizeof(struct pending) + rec->n * sizeof(*rec->f) + flen +
		      rec->raw_len;
	struct pending *p = xmalloc(size);
	struct csvio_field *f = (struct csvio_field *)(p + 1);
	char *text = (char *)(f + rec->n), *raw = text + flen;

	memcpy(text, rec->f[0].s, flen);
	for (size_t i = 0; i < rec->n; i++) {
		f[i].s = text + (rec->f[i].s - rec->f[0].s);
		f[i].len = rec->f[i].len;
	}
	memcpy(raw, rec->raw, rec->raw_len);
	p->rec = *rec;
	p->rec.f = f;
	p->rec.raw = raw;
	p->rec.problem = NULL;
	if (rec->problem) {
		p->problem = *rec->problem;
		p->rec.problem = &p->problem;
	}
	if (o->nwait == o->await)
		o->wait =
		    xgrow(o->wait, &o->await, o->nwait + 1, sizeof(*o->wait));
	o->wait[o->nwait++] = p;
}

static int build_row(struct evreader *er, const struct csvio_record *rec,
		     struct itin_err *err);

/* A refused row, err filled, with CSVIO_SKIP_INVALID: said, skipped. */
static int skip_row(struct evreader *er, struct itin_err *err)
{
	er->st.skipped++;
	itin_warn_at(er->w, err->file, err->line, err->col, "%s; row skipped",
		     err->msg);
	itin_err_clear(err);
	return 0;
}

/* A row whose bytes are bad, with CSVIO_SKIP_INVALID: skipped, said. */
static int skip_bad_row(struct evreader *er, const struct csvio_record *rec,
			struct itin_err *err)
{
	*err = *rec->problem;
	return skip_row(er, err);
}

/* The order is known: make the rows that waited for it, in file order. */
static int flush_waiting(struct evreader *er, struct itin_err *err)
{
	struct dateorder *o = &er->dord;
	size_t n = o->nwait, i;
	int ret = 0;

	o->nwait = 0; /* their rows now build, not wait */
	for (i = 0; i < n && !ret; i++) {
		const struct csvio_record *rec = &o->wait[i]->rec;

		ret = rec->problem ? skip_bad_row(er, rec, err)
				   : build_row(er, rec, err);
		free(o->wait[i]);
		o->wait[i] = NULL;
	}
	for (; i < n; i++) {
		free(o->wait[i]);
		o->wait[i] = NULL;
	}
	return ret;
}

/* A refused row: it stops the import, or with CSVIO_SKIP_INVALID (and
 * nothing wrong with the whole file) is said and skipped. */
static int refuse_row(struct evreader *er, struct itin_err *err)
{
	if (!(er->flags & CSVIO_SKIP_INVALID) || er->fatal)
		return -1;
	return skip_row(er, err);
}

/* Drop the row's event: everything since the row's mark (evarena.h). */
static void drop_row(struct evreader *er)
{
	evarena_rewind(er->arena, er->row_mark);
}

/*
 * Append a built event, unless its id is taken: 0 added (or read once,
 * the same row twice), 1 refused for its id (err), -1 the file is too
 * large (err). An event not added is dropped.
 */
static int add_event(struct evreader *er, const struct csvio_record *rec,
		     struct event *ev, struct itin_err *err)
{
	uint64_t h = er->row_has_id ? er->row_id_hash : idtable_hash(ev->id);
	long pos = idtable_find(&er->ids.t, er->out, ev->id, h);

	if (pos >= 0) {
		long line, col;
		long first = er->ids.lines[(size_t)pos - er->ids.base];

		/* The same row twice is one event (a spreadsheet's copy);
		 * two different rows under one id are a mistake. */
		if (evident_same(er->out->v[pos], ev, EVF_ALL)) {
			itin_warn_at(er->w, er->fname, rec->line, 1,
				     "row is the same event as line %ld; "
				     "read once",
				     first);
			drop_row(er);
			return 0;
		}
		csvev_pos(rec, er->col[C_ID], &line, &col);
		itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col,
			    "duplicate id '%s' (first at line %ld)", ev->id,
			    first);
		drop_row(er);
		return 1;
	}
	if (er->out->n >= UINT32_MAX) {
		drop_row(er);
		return itin_err_at(err, ITIN_EX_DATAERR, er->fname, rec->line,
				   1, "too many events in one file");
	}
	idtable_put(&er->ids.t, er->out, ev->id, h, er->out->n);
	if (er->ids.nlines == er->ids.alines)
		er->ids.lines = xgrow(er->ids.lines, &er->ids.alines,
				      er->ids.nlines + 1, sizeof(long));
	er->ids.lines[er->ids.nlines++] = rec->line;
	evlist_add(er->out, ev);
	er->st.events++;
	return 0;
}

/* A data row with no problem of its own: an event, or refused. */
static int build_row(struct evreader *er, const struct csvio_record *rec,
		     struct itin_err *err)
{
	struct event *ev;
	int r;

	/* The id's slot is a cache miss in a table of millions; ask for it
	 * now, so it has arrived when the event is built. An id given is
	 * the event's id as it is (csvrow.c), so this is its hash. */
	struct val id = csvev_get(er, rec, C_ID);

	er->row_has_id = id.len > 0;
	if (er->row_has_id) {
		er->row_id_hash = fnv1a_bytes(FNV1A_OFFSET, id.s, id.len);
		idtable_prefetch(&er->ids.t, er->row_id_hash);
	}
	/* Built in out's arena, where it stays if it is added. */
	er->row_mark = evarena_mark(er->arena);
	ev = event_new_in(er->arena);
	er->dord.row_ambig = er->dord.decided_now = false;
	r = csvev_build(er, rec, ev, err);
	if (!r) {
		r = add_event(er, rec, ev, err);
		return r > 0 ? refuse_row(er, err) : r;
	}
	drop_row(er);
	/* Refused with nothing waiting before it, or for the whole file:
	 * say so now. */
	if (r < 0 && (!er->dord.nwait || er->fatal))
		return refuse_row(er, err);
	/* Otherwise it waits in its turn, refused or not, so that rows and
	 * their messages keep the file's order; once the order is known
	 * (this row may have decided it), the rows are made, this one
	 * last. */
	itin_err_clear(err);
	wait_for_order(er, rec);
	if (!er->dord.dt.sep[0].order)
		return 0;
	return flush_waiting(er, err);
}

static int on_record(void *ctx, const struct csvio_record *rec,
		     struct itin_err *err)
{
	struct evreader *er = ctx;

	if (!er->have_header)
		return csvev_read_header(er, rec, err);
	if (!rec->problem && csvev_row_is_empty(rec))
		return 0; /* ",,,," rows: spreadsheets pad with them */
	er->st.rows++;
	if (er->prog && er->st.rows % CSVIO_PROGRESS_ROWS == 0)
		er->prog->fn(er->prog->ctx, er->st.rows);
	if (rec->problem) {
		*err = *rec->problem;
		/* Bytes in another encoding are in every row: skipping
		 * them would skip the file. */
		if (!(er->flags & CSVIO_SKIP_INVALID) ||
		    csvio_problem_is_encoding(rec->problem))
			return -1;
		/* Rows wait for the date order: this one's warning comes
		 * in its turn. */
		if (er->dord.nwait) {
			itin_err_clear(err);
			wait_for_order(er, rec);
			return 0;
		}
		return skip_bad_row(er, rec, err);
	}
	return build_row(er, rec, err);
}

/* At the end of the file: the rows that still wait for the date order. */
static int finish_waiting(struct evreader *er, struct itin_err *err)
{
	struct dateorder *o = &er->dord;

	if (!o->nwait)
		return 0;
	*err = o->first_ambig;
	return -1;
}

static void evreader_init(struct evreader *er, const char *fname,
			  unsigned flags, struct evlist *out,
			  const struct itin_warner *w)
{
	memset(er, 0, sizeof(*er));
	er->fname = fname ? fname : "-";
	er->flags = flags;
	er->out = out;
	er->w = w;
	er->ids.base = out->n;
	strbuf_init(&er->tmp);
	er->arena = evlist_arena(out);
	if (flags & (CSVIO_DMY | CSVIO_MDY | CSVIO_YMD)) {
		char order = flags & CSVIO_DMY	 ? 'd'
			     : flags & CSVIO_MDY ? 'm'
						 : 'y';

		er->dord.dt.given = true;
		er->dord.dt.sep[0].order = er->dord.dt.sep[1].order = order;
	}
}

static int evreader_done(struct evreader *er, int ret, struct csvio_stats *st,
			 struct itin_err *err)
{
	if (!ret)
		ret = finish_waiting(er, err);
	for (size_t i = 0; i < er->dord.nwait; i++)
		free(er->dord.wait[i]);
	free(er->dord.wait);
	for (int k = 0; k < 2 && !er->dord.dt.given; k++) {
		const struct datetext_order *so = &er->dord.dt.sep[k];

		er->st.order[k].order = so->order;
		er->st.order[k].by_convention = so->by_convention;
		er->st.order[k].line = so->at_line;
		memcpy(er->st.order[k].date, so->at_s,
		       sizeof(er->st.order[k].date));
	}
	if (st)
		*st = er->st;
	idset_release(&er->ids);
	strbuf_release(&er->tmp);
	return ret;
}

int csvio_read_events_fp(FILE *fp, const char *fname, unsigned flags,
			 struct evlist *out, const struct itin_warner *w,
			 const struct csvio_progress *prog,
			 struct csvio_stats *st, struct itin_err *err)
{
	struct evreader er;

	evreader_init(&er, fname, flags, out, w);
	er.prog = prog && prog->fn ? prog : NULL;
	return evreader_done(&er,
			     csvio_read_records_fp_threaded(
				 fp, er.fname, 0, on_record, &er, err),
			     st, err);
}

int csvio_read_events(const char *buf, size_t len, const char *fname,
		      unsigned flags, struct evlist *out,
		      const struct itin_warner *w, struct csvio_stats *st,
		      struct itin_err *err)
{
	struct evreader er;

	evreader_init(&er, fname, flags, out, w);
	return evreader_done(
	    &er, csvio_read_records(buf, len, er.fname, 0, on_record, &er, err),
	    st, err);
}
