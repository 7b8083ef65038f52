/*
 * tsv.c: `--format tsv`, one event per line for cut(1) and awk(1), and
 * for pasting into a spreadsheet.
 *
 * A tab or line break inside a value would split a record, so each becomes
 * a single space. Everything that could act on a terminal is written as a
 * visible escape, as the agenda does and by the same function
 * (utf8_escape): tsv is read on terminals too (`itin list --format tsv |
 * column -t`), and a title from someone else's file must not be able to
 * send an escape sequence there or reverse the text around it. A backslash
 * is doubled, so a script can tell an escape from text that looks like one
 * and decode every value back (tabs and line breaks aside). A value that a
 * spreadsheet would run as a formula gets CSV's guard, the same rule
 * (formula.h).
 */
#include <string.h>

#include "itin/datetime.h"
#include "itin/formula.h"
#include "itin/tsv.h"
#include "itin/utf8.h"

void tsv_write_header(struct strbuf *sb)
{
	strbuf_addstr(sb, "id\ttype\tstart\tend\ttz\tcity\tcountry\ttitle\n");
}

static void field(struct strbuf *sb, const char *s, char sep)
{
	if (s) {
		if (formula_needs_guard(s, strlen(s)))
			strbuf_addch(sb, '\'');
		utf8_escape(sb, s, UTF8_ESC_BACKSLASH | UTF8_ESC_BREAKS);
	}
	strbuf_addch(sb, sep);
}

void tsv_write_event(struct strbuf *sb, const struct event *ev)
{
	char w[ITIN_WHEN_MAX];

	field(sb, ev->id, '\t');
	field(sb, event_type_name(ev->type), '\t');
	when_format(ev->start, !ev->allday, 'T', w);
	field(sb, w, '\t');
	if (ev->has_end)
		when_format(ev->end, !ev->allday, 'T', w);
	field(sb, ev->has_end ? w : NULL, '\t');
	field(sb, ev->allday ? NULL : ev->tz, '\t');
	field(sb, ev->city, '\t');
	field(sb, ev->country, '\t');
	field(sb, ev->title, '\n');
}
