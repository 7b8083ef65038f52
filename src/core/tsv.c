/*
 * tsv.c: `--format tsv`, one event per line for cut(1) and awk(1).
 *
 * A tab or line break inside a value would split a record, so each becomes
 * a single space; nothing else is changed.
 */
#include <string.h>

#include "itin/datetime.h"
#include "itin/tsv.h"

void tsv_write_header(struct strbuf *sb)
{
	strbuf_addstr(sb, "id\ttype\tstart\tend\ttz\tcity\tcountry\ttitle\n");
}

static void field(struct strbuf *sb, const char *s, char sep)
{
	const char *run = s;

	if (s) {
		for (; *s; s++) {
			if (*s == '\t' || *s == '\n' || *s == '\r') {
				strbuf_add(sb, run, (size_t)(s - run));
				strbuf_addch(sb, ' ');
				run = s + 1;
			}
		}
		strbuf_add(sb, run, (size_t)(s - run));
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
