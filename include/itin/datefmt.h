/*
 * datefmt.h: dates and clock times appended to a strbuf without printf,
 * for the writers that make one or more per event (the store, exports).
 * The text is byte for byte what date_format(), clock_format() and
 * when_format() of datetime.h write: "2023-01-30", "10:00" or
 * "10:00:05", "2023-01-30T10:00".
 */
#ifndef ITIN_DATEFMT_H
#define ITIN_DATEFMT_H

#include <stdbool.h>
#include <stdint.h>
#include "itin/strbuf.h"

void datefmt_date(struct strbuf *sb, int64_t days);
/* secs: 0..86399 */
void datefmt_clock(struct strbuf *sb, int secs);
/* The date of lsec, and with has_time sep and its clock time. */
void datefmt_when(struct strbuf *sb, int64_t lsec, bool has_time, char sep);

#endif
