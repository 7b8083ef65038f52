/*
 * tsv.h: the tab-separated listing for scripts (`--format tsv`).
 *
 *   id	type	start	end	tz	city	country	title
 *
 * start/end are WHEN values local to the event's zone (the end local to its
 * end zone). In every value: a tab, LF or CR becomes one space; a backslash
 * "\\"; every other control (C0, DEL, C1) "\xHH"; a bidirectional control
 * or U+2028, U+2029 "\u{XXXX}" (utf8_escape(), as the agenda shows them);
 * and a value a spreadsheet would run as a formula starts with "'"
 * (formula.h, CSV's rule; and a "'" before a tab or line break, which
 * become spaces, is guarded too, so dropping one "'" before = + - @ ' or a
 * space decodes every value). Everything else is copied unchanged.
 */
#ifndef ITIN_TSV_H
#define ITIN_TSV_H

#include "itin/evlist.h"
#include "itin/strbuf.h"

void tsv_write_header(struct strbuf *sb);
/* TSV_RAW: no formula guard (`--raw`); the escapes stay. */
enum tsv_flags {
	TSV_RAW = 1u << 0,
};
void tsv_write_event(struct strbuf *sb, const struct event *ev, unsigned flags);

#endif
