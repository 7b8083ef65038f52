/*
 * fuzz_itinfmt.c: the itin text reader and the canonical writer. Whatever
 * parses must write out canonically, and that text must parse again and
 * write the very same bytes (the canonical round trip of itin(5)).
 */
#include <string.h>

#include "fuzz.h"
#include "itin/evlist.h"
#include "itin/itinfmt.h"
#include "itin/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evlist l = EVLIST_INIT, l2 = EVLIST_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct itin_err err;

	itin_err_clear(&err);
	if (itinfmt_parse((const char *)data, size, "fuzz", &l, NULL, &err)) {
		FUZZ_ASSERT(err.status != 0 && err.msg[0]);
		evlist_release(&l);
		return 0;
	}
	itinfmt_write(&a, &l);
	itin_err_clear(&err);
	if (itinfmt_parse(a.buf, a.len, "canonical", &l2, NULL, &err)) {
		char msg[1024];

		itin_err_format(&err, msg, sizeof(msg));
		fprintf(stderr, "canonical text does not parse: %s\n%s\n", msg,
			a.buf);
		FUZZ_ASSERT(!"canonical text parses");
	}
	FUZZ_ASSERT(l2.n == l.n);
	itinfmt_write(&b, &l2);
	if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0) {
		fprintf(stderr, "first:\n%s\nsecond:\n%s\n", a.buf, b.buf);
		FUZZ_ASSERT(!"canonical round trip");
	}
	for (size_t i = 0; i < l.n; i++)
		FUZZ_ASSERT(itinfmt_same_event(l.v[i], l2.v[i]));
	strbuf_release(&a);
	strbuf_release(&b);
	evlist_release(&l);
	evlist_release(&l2);
	return 0;
}
