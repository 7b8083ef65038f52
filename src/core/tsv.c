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
#include <stdint.h>
#include <string.h>

#include "itin/datefmt.h"
#include "itin/datetime.h"
#include "itin/formula.h"
#include "itin/tsv.h"
#include "itin/utf8.h"

void tsv_write_header(struct strbuf *sb)
{
	strbuf_addstr(sb, "id\ttype\tstart\tend\ttz\tcity\tcountry\ttitle\n");
}

/*
 * Whether s, past the characters of utf8_acts_on_display() that are not
 * tab or a line break, starts with what tsv writes as a space.
 */
static bool space_after_hidden(const char *s)
{
	size_t len = strlen(s), i = formula_skip_hidden(s, len, " \t\n\r");

	return i < len && strchr(" \t\n\r", s[i]);
}

/*
 * CSV's guard (formula.h), and one more case that tsv's spaces make: a
 * tab or a line break after a "'" (and the hidden characters of
 * formula.c) becomes a space, so a "'" before a space would read as a
 * guard. With it, dropping one "'" before "'", or before = + - @ or a
 * space once the characters escaped as \u{XXXX} or \xHH are passed,
 * gives every value back, tabs and line breaks aside.
 */
static bool needs_guard(const char *s)
{
	size_t len = strlen(s);

	return formula_needs_guard(s, len) ||
	       (len >= 2 && s[0] == '\'' && space_after_hidden(s + 1));
}

static void field(struct strbuf *sb, const char *s, char sep, unsigned flags)
{
	if (s) {
		if (!(flags & TSV_RAW) && needs_guard(s))
			strbuf_addch(sb, '\'');
		utf8_escape(sb, s, UTF8_ESC_BACKSLASH | UTF8_ESC_BREAKS);
	}
	strbuf_addch(sb, sep);
}

void tsv_write_event(struct strbuf *sb, const struct event *ev, unsigned flags)
{
	field(sb, ev->id, '\t', flags);
	field(sb, event_type_name(ev->type), '\t', flags);
	/* A date of the years 0001-9999 (event_check() lets no other in):
	 * digits and separators, nothing to escape or guard. */
	datefmt_when(sb, ev->start, !ev->allday, 'T');
	strbuf_addch(sb, '\t');
	if (ev->has_end)
		datefmt_when(sb, ev->end, !ev->allday, 'T');
	strbuf_addch(sb, '\t');
	field(sb, ev->allday ? NULL : ev->tz, '\t', flags);
	field(sb, ev->city, '\t', flags);
	field(sb, ev->country, '\t', flags);
	field(sb, ev->title, '\n', flags);
}
