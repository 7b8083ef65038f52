/*
 * csvpipe.h: the CSV record reader of csvrec.h on a thread of its own
 * (csvpipe.c), so that parsing and making events use two cores. The
 * records are handed over in batches; memory stays bounded.
 */
#ifndef ITIN_CSVPIPE_H
#define ITIN_CSVPIPE_H

#include <stdio.h>
#include "itin/csvrec.h"
#include "itin/err.h"

/*
 * csvio_read_records_fp(), with the reading and parsing on a second thread
 * (csvpipe.c) while fn runs on the caller's: same records, same order,
 * same errors, and fn is never called from another thread. Falls back to
 * csvio_read_records_fp() when no thread can be started.
 */
int csvio_read_records_fp_threaded(FILE *fp, const char *fname, char delim,
				   csvio_record_fn fn, void *ctx,
				   struct itin_err *err);

#endif
