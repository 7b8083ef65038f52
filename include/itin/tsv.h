/*
 * tsv.h: the tab-separated listing for scripts (`--format tsv`).
 *
 *   id	type	start	end	tz	city	country	title
 *
 * start/end are WHEN values local to the event's zone (the end local to its
 * end zone); tabs and line breaks inside values become single spaces, other
 * control characters (C0, DEL, C1) a visible "\xHH".
 */
#ifndef ITIN_TSV_H
#define ITIN_TSV_H

#include "itin/evlist.h"
#include "itin/strbuf.h"

void tsv_write_header(struct strbuf *sb);
void tsv_write_event(struct strbuf *sb, const struct event *ev);

#endif
