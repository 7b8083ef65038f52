/*
 * csvrec.c: the CSV record reader (csvrec.h): its life, what comes before
 * the first record (a UTF-8 BOM dropped, the delimiter chosen from the
 * header line), and feeding it. csvrecparse.c turns the bytes into
 * records through libcsv, csvrecfields.c keeps and hands on each record;
 * csvrec-impl.h is what the three share.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvrec-impl.h"
#include "itin/inread.h"
#include "itin/xalloc.h"

#define READ_CHUNK (64 * 1024)
/* How much of the first line delimiter detection looks at, at most. */
#define DETECT_MAX (64 * 1024)

static int fail(struct csvio_reader *r)
{
	r->stage = ST_FAILED;
	return -1;
}

/* Scan pre for the first line end outside quotes, counting delimiters.
 * True when the line is complete. */
static bool detect_scan(struct csvio_reader *r)
{
	const char *s = r->pre.buf;

	for (; r->detect_pos < r->pre.len; r->detect_pos++) {
		char c = s[r->detect_pos];

		if (c == '"')
			r->detect_q = !r->detect_q;
		else if (r->detect_q)
			continue;
		else if (csvrec_is_term(c))
			return true;
		else if (c == ',')
			r->ncomma++;
		else if (c == ';')
			r->nsemi++;
		else if (c == '\t')
			r->ntab++;
	}
	return r->pre.len >= DETECT_MAX;
}

static void choose_delim(struct csvio_reader *r)
{
	r->delim = ',';
	if (r->nsemi > r->ncomma && r->nsemi >= r->ntab)
		r->delim = ';';
	else if (r->ntab > r->ncomma && r->ntab > r->nsemi)
		r->delim = '\t';
	csvrec_parsers_delim(r);
}

/* Move held bytes on through the stages; final: no more input comes. */
static int advance(struct csvio_reader *r, bool final)
{
	if (r->stage == ST_BOM) {
		if (r->pre.len < 3 && !final)
			return 0;
		if (r->pre.len >= 3 && !memcmp(r->pre.buf, "\xEF\xBB\xBF", 3)) {
			memmove(r->pre.buf, r->pre.buf + 3, r->pre.len - 3);
			r->pre.len -= 3;
			r->pre.buf[r->pre.len] = '\0';
		}
		r->stage = r->delim ? ST_RUN : ST_DETECT;
		if (r->stage == ST_RUN) {
			csvrec_parsers_delim(r);
			goto flush;
		}
	}
	if (r->stage == ST_DETECT) {
		if (!detect_scan(r) && !final)
			return 0;
		choose_delim(r);
		r->stage = ST_RUN;
	}
flush:
	if (r->pre.len) {
		int ret = csvrec_run(r, r->pre.buf, r->pre.len);

		strbuf_release(&r->pre);
		return ret;
	}
	return 0;
}

struct csvio_reader *csvio_reader_new(const char *fname, char delim,
				      csvio_record_fn fn, void *ctx)
{
	struct csvio_reader *r = xcalloc(1, sizeof(*r));

	snprintf(r->fname, sizeof(r->fname), "%s", fname ? fname : "-");
	r->delim = delim == ',' || delim == ';' || delim == '\t' ? delim : 0;
	r->fn = fn;
	r->ctx = ctx;
	csvrec_parsers_init(r);
	r->stage = ST_BOM;
	r->line = 1;
	strbuf_init(&r->pre);
	strbuf_init(&r->raw);
	strbuf_init(&r->fbuf);
	return r;
}

int csvio_reader_feed(struct csvio_reader *r, const void *data, size_t len,
		      struct itin_err *err)
{
	r->err = err;
	if (r->stage == ST_FAILED)
		return -1;
	if (!len)
		return 0;
	if (r->stage != ST_RUN) {
		strbuf_add(&r->pre, data, len);
		return advance(r, false) ? fail(r) : 0;
	}
	return csvrec_run(r, data, len) ? fail(r) : 0;
}

int csvio_reader_finish(struct csvio_reader *r, struct itin_err *err)
{
	r->err = err;
	if (r->stage == ST_FAILED)
		return -1;
	if (r->stage != ST_RUN && advance(r, true))
		return fail(r);
	if (!r->delim)
		choose_delim(r);
	if (csvrec_run_finish(r))
		return fail(r);
	itin_err_clear(err);
	return 0;
}

void csvio_reader_free(struct csvio_reader *r)
{
	if (!r)
		return;
	csvrec_parsers_free(r);
	strbuf_release(&r->pre);
	strbuf_release(&r->raw);
	strbuf_release(&r->fbuf);
	free(r->foff);
	free(r->fv);
	free(r);
}

void csvio_reader_exact_only(struct csvio_reader *r)
{
	r->exact_only = true;
}

char csvio_reader_delim(const struct csvio_reader *r)
{
	return r->delim;
}

int csvio_read_records_fp(FILE *fp, const char *fname, char delim,
			  csvio_record_fn fn, void *ctx, struct itin_err *err)
{
	struct csvio_reader *r = csvio_reader_new(fname, delim, fn, ctx);
	struct inread_check chk;
	char *buf;
	int ret = -1;
	size_t keep;

	/* The record limits bound a line and a NUL is one row's problem
	 * (--skip-invalid skips it); the file's size is checked as every
	 * reader checks it (inread.h). */
	if (inread_check_init(&chk, r->fname, 0, err)) {
		csvio_reader_free(r);
		return -1;
	}
	buf = xmalloc(READ_CHUNK);
	for (;;) {
		size_t n = fread(buf, 1, READ_CHUNK, fp);

		if (n && (inread_check_feed(&chk, buf, n, &keep, err) ||
			  csvio_reader_feed(r, buf, n, err)))
			goto out;
		if (n < READ_CHUNK) {
			if (ferror(fp)) {
				itin_err_set(err, ITIN_EX_IOERR,
					     "cannot read '%s': %s", r->fname,
					     strerror(errno));
				goto out;
			}
			break;
		}
	}
	ret = csvio_reader_finish(r, err);
out:
	free(buf);
	csvio_reader_free(r);
	return ret;
}

int csvio_read_records(const char *buf, size_t len, const char *fname,
		       char delim, csvio_record_fn fn, void *ctx,
		       struct itin_err *err)
{
	struct csvio_reader *r = csvio_reader_new(fname, delim, fn, ctx);
	int ret = csvio_reader_feed(r, buf, len, err);

	if (!ret)
		ret = csvio_reader_finish(r, err);
	csvio_reader_free(r);
	return ret;
}
