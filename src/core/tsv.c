/*
 * tsv.c: `--format tsv`, one event per line for cut(1) and awk(1).
 *
 * A tab or line break inside a value would split a record, so each becomes
 * a single space. Any other control character (C0, DEL, C1) is written as
 * a visible "\xHH", as the agenda does: tsv is read on terminals too
 * (`itin list --format tsv | column -t`), and a title from someone else's
 * file must not be able to send an escape sequence there. Everything else
 * is copied unchanged.
 */
#include <stdint.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/tsv.h"
#include "itin/utf8.h"

void tsv_write_header(struct strbuf *sb)
{
	strbuf_addstr(sb, "id\ttype\tstart\tend\ttz\tcity\tcountry\ttitle\n");
}

static void field(struct strbuf *sb, const char *s, char sep)
{
	const char *run = s;

	if (s) {
		size_t len = strlen(s), i = 0;

		while (i < len) {
			unsigned char c = (unsigned char)s[i];
			uint32_t cp = c;
			size_t n = 1;

			if (c >= 0x80) {
				n = utf8_decode(s + i, len - i, &cp);
				if (!n) { /* not from the store; keep it visible */
					n = 1;
					cp = c;
				} else if (cp > 0x9f) {
					i += n;
					continue;
				}
			} else if (c >= 0x20 && c != 0x7f) {
				i++;
				continue;
			}
			strbuf_add(sb, run, (size_t)(s + i - run));
			if (c == '\t' || c == '\n' || c == '\r')
				strbuf_addch(sb, ' ');
			else
				strbuf_addf(sb, "\\x%02x", (unsigned)cp);
			i += n;
			run = s + i;
		}
		strbuf_add(sb, run, (size_t)(s + len - run));
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
