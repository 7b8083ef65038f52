/*
 * csvpipe.c: the record reader on a thread of its own.
 *
 * An import spends about as long reading and parsing CSV (libcsv, line
 * counting, UTF-8 checks) as it spends making checked events of the
 * records. One after the other on one core, the whole runs at a third of
 * libcsv's speed; here the two halves run at once. A reader thread reads
 * the stream and parses it into batches of records; the caller's thread
 * takes the batches in file order and calls fn on each record, exactly as
 * csvio_read_records_fp() would. Everything fn touches (the events, the
 * zone and place caches, warnings, a progress line) stays on the caller's
 * thread, so nothing else needs a lock and every message comes out in file
 * order. The reader thread runs only the record reader (csvrec*.c), which
 * keeps no state outside its reader.
 *
 * Memory stays bounded, as the streaming import promises: at most
 * PIPE_BATCHES batches of about PIPE_BATCH_BYTES each (a record larger
 * than that makes its batch larger, up to twice CSVIO_MAX_RECORD with its
 * fields, and the batch gives the room back when it is used again).
 *
 * The batches form a ring. The reader fills slot (head + count) % N and
 * publishes it (count++); the caller reads slot head in place and then
 * gives it back (head++, count--). So neither copies a batch, and a slot
 * being read is never the one being filled.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "itin/csvpipe.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"

#define PIPE_BATCHES	   4
#define PIPE_BATCH_BYTES   (256 * 1024)
#define PIPE_BATCH_RECORDS 4096
/* Fields a batch keeps room for before it gives it back: sixteen a
 * record, about what an itinerary has. */
#define PIPE_BATCH_FIELDS (PIPE_BATCH_RECORDS * 16)

/* A record in a batch: offsets into the batch's text and fields. */
struct prec {
	size_t raw, raw_len; /* its bytes as read */
	size_t field, n;     /* its fields: f[field .. field + n) */
	long index, line;
	size_t problem; /* 1 + index in problems; 0: none */
	char delim;
};

struct batch {
	struct strbuf text;
	struct prec *recs;
	size_t nrecs, arecs;
	/* The fields, pointing into text: a batch's text is given room
	 * before its first record and never moves while it is filled (a
	 * record that does not fit starts the next batch). */
	struct csvio_field *fv;
	size_t nf, af;
	struct itin_err *problems;
	size_t nproblems, aproblems;
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv; /* any change of head, count, done or stop */
	struct batch slot[PIPE_BATCHES];
	size_t head, count;
	bool done; /* the reader thread has finished: ret and err are set */
	bool stop; /* the caller wants no more records */
	/* stop, for the reader to see at every record without the lock, so
	 * that it stops reading at once rather than at the batch's end. */
	atomic_bool stopping;
	int ret;
	struct itin_err err;

	/* The reader thread's own. */
	FILE *fp;
	const char *fname;
	char delim;
	struct batch *filling; /* not yet published */
};

static void batch_reset(struct batch *b)
{
	/* A batch that had to hold a huge record gives the room back. */
	if (b->text.alloc > 2 * PIPE_BATCH_BYTES)
		strbuf_release(&b->text);
	if (b->af > 2 * PIPE_BATCH_FIELDS) {
		free(b->fv);
		b->fv = NULL;
		b->af = 0;
	}
	strbuf_reset(&b->text);
	b->nrecs = 0;
	b->nf = 0;
	b->nproblems = 0;
}

static void batch_release(struct batch *b)
{
	strbuf_release(&b->text);
	free(b->recs);
	free(b->fv);
	free(b->problems);
}

/* ---- the reader thread ---- */

/* Give the batch being filled to the caller. */
static void publish(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->count++;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	p->filling = NULL;
}

/* A free slot to fill, or NULL when the caller has stopped. */
static struct batch *take_free(struct pipe *p)
{
	struct batch *b = NULL;

	pthread_mutex_lock(&p->mu);
	while (p->count == PIPE_BATCHES && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	if (!p->stop)
		b = &p->slot[(p->head + p->count) % PIPE_BATCHES];
	pthread_mutex_unlock(&p->mu);
	if (b)
		batch_reset(b);
	return b;
}

static int add_record(void *ctx, const struct csvio_record *rec,
		      struct itin_err *err)
{
	struct pipe *p = ctx;
	struct batch *b = p->filling;
	struct prec *pr;
	size_t i, fields, need;
	char *at;

	/* The record's bytes, then its fields as the reader keeps them: one
	 * after the other, each followed by its NUL (csvrec.h), so one copy
	 * takes them all. */
	fields = rec->n ? (size_t)(rec->f[rec->n - 1].s - rec->f[0].s) +
			      rec->f[rec->n - 1].len + 1
			: 0;
	need = rec->raw_len + fields + 1;
	if (b && b->text.len + need > b->text.alloc)
		publish(p); /* full: the record starts the next batch */
	b = p->filling;
	if (atomic_load_explicit(&p->stopping, memory_order_relaxed) ||
	    (!b && !(b = p->filling = take_free(p))))
		return itin_err_set(err, ITIN_EX_OTHER, "import stopped");
	if (b->text.len + need > b->text.alloc) /* only when b is empty */
		strbuf_grow(&b->text,
			    need > PIPE_BATCH_BYTES ? need : PIPE_BATCH_BYTES);
	if (b->nrecs == b->arecs)
		b->recs =
		    xgrow(b->recs, &b->arecs, b->nrecs + 1, sizeof(*b->recs));
	if (b->nf + rec->n > b->af)
		b->fv = xgrow(b->fv, &b->af, b->nf + rec->n, sizeof(*b->fv));
	pr = &b->recs[b->nrecs++];
	at = b->text.buf + b->text.len;
	pr->raw = b->text.len;
	pr->raw_len = rec->raw_len;
	memcpy(at, rec->raw, rec->raw_len);
	at += rec->raw_len;
	pr->field = b->nf;
	pr->n = rec->n;
	for (i = 0; i < rec->n; i++, b->nf++) {
		b->fv[b->nf].s = at + (rec->f[i].s - rec->f[0].s);
		b->fv[b->nf].len = rec->f[i].len;
	}
	if (fields)
		memcpy(at, rec->f[0].s, fields);
	b->text.len += rec->raw_len + fields;
	b->text.buf[b->text.len] = '\0';
	pr->index = rec->index;
	pr->line = rec->line;
	pr->delim = rec->delim;
	pr->problem = 0;
	if (rec->problem) {
		if (b->nproblems == b->aproblems)
			b->problems =
			    xgrow(b->problems, &b->aproblems, b->nproblems + 1,
				  sizeof(*b->problems));
		b->problems[b->nproblems++] = *rec->problem;
		pr->problem = b->nproblems;
	}
	if (b->text.len >= PIPE_BATCH_BYTES || b->nrecs >= PIPE_BATCH_RECORDS)
		publish(p);
	return 0;
}

static void *reader_main(void *arg)
{
	struct pipe *p = arg;
	struct itin_err err;
	int ret;

	itin_err_clear(&err);
	ret = csvio_read_records_fp(p->fp, p->fname, p->delim, add_record, p,
				    &err);
	if (p->filling && p->filling->nrecs)
		publish(p);
	pthread_mutex_lock(&p->mu);
	p->done = true;
	p->ret = ret;
	p->err = err;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- the caller's thread ---- */

/* Call fn on every record of batch b, in order. */
static int deliver(const struct batch *b, csvio_record_fn fn, void *ctx,
		   struct itin_err *err)
{
	size_t i;

	for (i = 0; i < b->nrecs; i++) {
		const struct prec *pr = &b->recs[i];
		struct csvio_record rec;

		rec.f = &b->fv[pr->field];
		rec.n = pr->n;
		rec.index = pr->index;
		rec.line = pr->line;
		rec.problem =
		    pr->problem ? &b->problems[pr->problem - 1] : NULL;
		rec.raw = b->text.buf + pr->raw;
		rec.raw_len = pr->raw_len;
		rec.delim = pr->delim;
		itin_err_clear(err);
		if (fn(ctx, &rec, err)) {
			if (!err->status)
				itin_err_set(err, ITIN_EX_OTHER,
					     "CSV record callback failed");
			return -1;
		}
	}
	return 0;
}

static int consume(struct pipe *p, csvio_record_fn fn, void *ctx,
		   struct itin_err *err)
{
	int ret = 0;

	for (;;) {
		struct batch *b;

		pthread_mutex_lock(&p->mu);
		while (!p->count && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		b = p->count ? &p->slot[p->head] : NULL;
		pthread_mutex_unlock(&p->mu);
		if (!b)
			break;
		ret = deliver(b, fn, ctx, err);
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % PIPE_BATCHES;
		p->count--;
		if (ret) {
			p->stop = true;
			atomic_store_explicit(&p->stopping, true,
					      memory_order_relaxed);
		}
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (ret)
			break;
	}
	return ret;
}

int csvio_read_records_fp_threaded(FILE *fp, const char *fname, char delim,
				   csvio_record_fn fn, void *ctx,
				   struct itin_err *err)
{
	struct pipe *p = xcalloc(1, sizeof(*p));
	sigset_t all, old;
	pthread_t thread;
	int ret, failed;
	size_t i;

	p->fp = fp;
	p->fname = fname;
	p->delim = delim;
	for (i = 0; i < PIPE_BATCHES; i++)
		strbuf_init(&p->slot[i].text);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	atomic_init(&p->stopping, false);
	/* Signals are the caller's to handle: the reader thread takes none. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	failed = pthread_create(&thread, NULL, reader_main, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (failed) {
		/* No thread to be had: read on this one. */
		ret = csvio_read_records_fp(fp, fname, delim, fn, ctx, err);
	} else {
		ret = consume(p, fn, ctx, err);
		pthread_join(thread, NULL);
		if (!ret && p->ret) {
			*err = p->err;
			ret = -1;
		} else if (!ret) {
			itin_err_clear(err);
		}
	}
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	for (i = 0; i < PIPE_BATCHES; i++)
		batch_release(&p->slot[i]);
	free(p);
	return ret;
}
