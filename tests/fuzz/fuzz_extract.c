/*
 * fuzz_extract.c: the extractor of `itin extract` (extract_report) on any
 * bytes, text or HTML: no crash, no hang, bounded memory (run.sh's limits),
 * and whatever it proposes can go into the store: each event tentative,
 * with an id and the source asked for, written in the text format and
 * read back as the same events (what `extract | import` and `--add` rely
 * on). Each input is read twice: dated by its own date line, and with
 * --date.
 */
#include <string.h>

#include "../../src/extract/extract.h"
#include "fuzz.h"
#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/evlist.h"
#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/strbuf.h"
#include "itin/tsv.h"

static void check_events(const struct evlist *l, const char *source)
{
	struct evlist back = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	for (size_t i = 0; i < l->n; i++) {
		const struct event *ev = l->v[i];

		FUZZ_ASSERT(ev != NULL && ev->id && ev->id[0]);
		FUZZ_ASSERT(ev->status == EV_TENTATIVE);
		FUZZ_ASSERT(ev->source && !strcmp(ev->source, source));
		json_write_event(&sb, ev);
		tsv_write_event(&sb, ev, 0);
	}
	strbuf_reset(&sb);
	itinfmt_write(&sb, l);
	itin_err_clear(&err);
	if (itinfmt_parse(sb.buf, sb.len, "proposed", &back, NULL, &err)) {
		fprintf(stderr, "proposed events do not parse: %s\n%s\n",
			err.msg, sb.buf);
		FUZZ_ASSERT(!"proposed events parse");
	}
	FUZZ_ASSERT(back.n == l->n);
	for (size_t i = 0; i < l->n; i++)
		FUZZ_ASSERT(itinfmt_same_event(l->v[i], back.v[i]));
	evlist_release(&back);
	strbuf_release(&sb);
}

static void extract_once(const uint8_t *data, size_t size, bool has_date)
{
	struct extract_opts o = {
	    .file = "fuzz",
	    .source = "https://example.org/report",
	    .has_date = has_date,
	    .doc_day = days_from_civil(2023, 1, 30),
	};
	struct evlist l = EVLIST_INIT;
	struct itin_err err;

	itin_err_clear(&err);
	if (extract_report((const char *)data, size, &o, &l, NULL, &err)) {
		FUZZ_ASSERT(err.status == ITIN_EX_DATAERR && err.msg[0]);
	} else {
		check_events(&l, o.source);
	}
	evlist_release(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	extract_once(data, size, false);
	extract_once(data, size, true);
	return 0;
}
