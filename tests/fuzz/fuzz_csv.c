/*
 * fuzz_csv.c: the CSV importer (records and events). What imports must
 * export as native CSV that imports again to the same events, and a
 * stream read on two threads must import as the buffer does.
 */
#include <string.h>

#include "fuzz.h"
#include "itin/csvevents.h"
#include "itin/csvrec.h"
#include "itin/evlist.h"
#include "itin/itinfmt.h"
#include "itin/strbuf.h"

static int count_record(void *ctx, const struct csvio_record *rec,
			struct itin_err *err)
{
	(void)err;
	FUZZ_ASSERT(rec->n >= 1 && rec->n <= CSVIO_MAX_COLUMNS);
	for (size_t i = 0; i < rec->n; i++)
		FUZZ_ASSERT(rec->f[i].len <= CSVIO_MAX_FIELD &&
			    rec->f[i].s[rec->f[i].len] == '\0');
	++*(size_t *)ctx;
	return 0;
}

/*
 * The import as itin does it, from a stream with the parsing on a second
 * thread (csvpipe.c), gives what the buffer reader gave: the same error,
 * or the same events.
 */
static void same_from_stream(const char *buf, size_t size, unsigned flags,
			     int rc, const struct itin_err *err,
			     const struct evlist *l)
{
	struct evlist s = EVLIST_INIT;
	struct itin_err serr;
	FILE *fp;
	int src;

	if (!size)
		return; /* fmemopen wants a byte */
	fp = fmemopen((void *)buf, size, "r");
	FUZZ_ASSERT(fp != NULL);
	itin_err_clear(&serr);
	src = csvio_read_events_fp(fp, "fuzz", flags, &s, NULL, NULL, NULL,
				   &serr);
	fclose(fp);
	FUZZ_ASSERT(src == rc);
	if (rc) {
		FUZZ_ASSERT(serr.status == err->status &&
			    serr.line == err->line && serr.col == err->col &&
			    !strcmp(serr.msg, err->msg));
	} else {
		FUZZ_ASSERT(s.n == l->n);
		for (size_t i = 0; i < l->n; i++)
			FUZZ_ASSERT(itinfmt_same_event(s.v[i], l->v[i]));
	}
	evlist_release(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct evlist l = EVLIST_INIT, l2 = EVLIST_INIT;
	struct strbuf out = STRBUF_INIT;
	struct csvio_stats st;
	struct itin_err err;
	size_t records = 0;
	unsigned flags = 0;

	/* The record layer on its own, with each delimiter. */
	itin_err_clear(&err);
	csvio_read_records(buf, size, "fuzz", 0, count_record, &records, &err);

	/* The length picks the import flags, so any file is a seed as is:
	 * its two low bits skipping and raw, the next two the date order. */
	static const unsigned orders[4] = {0, CSVIO_DMY, CSVIO_MDY, CSVIO_YMD};

	flags = ((unsigned)size & (CSVIO_SKIP_INVALID | CSVIO_RAW)) |
		orders[(size >> 2) & 3];
	itin_err_clear(&err);
	if (csvio_read_events(buf, size, "fuzz", flags, &l, NULL, &st, &err)) {
		FUZZ_ASSERT(err.status != 0 && err.msg[0]);
		same_from_stream(buf, size, flags, -1, &err, &l);
		evlist_release(&l);
		return 0;
	}
	same_from_stream(buf, size, flags, 0, &err, &l);
	FUZZ_ASSERT(st.events == l.n);
	csvio_write(&out, &l, flags & CSVIO_RAW);
	itin_err_clear(&err);
	if (csvio_read_events(out.buf, out.len, "export", flags & CSVIO_RAW,
			      &l2, NULL, NULL, &err)) {
		char msg[1024];

		itin_err_format(&err, msg, sizeof(msg));
		fprintf(stderr, "exported CSV does not import: %s\n%s\n", msg,
			out.buf);
		FUZZ_ASSERT(!"exported CSV imports");
	}
	FUZZ_ASSERT(l2.n == l.n);
	for (size_t i = 0; i < l.n; i++) {
		if (!itinfmt_same_event(l.v[i], l2.v[i])) {
			struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;

			itinfmt_write_event(&x, l.v[i]);
			itinfmt_write_event(&y, l2.v[i]);
			fprintf(stderr, "before:\n%s\nafter:\n%s\n", x.buf, y.buf);
			FUZZ_ASSERT(!"CSV round trip keeps events");
		}
	}
	strbuf_release(&out);
	evlist_release(&l);
	evlist_release(&l2);
	return 0;
}
