/*
 * csvwrite.c: the CSV writer (csvevents.h): events to rows in the native
 * columns, and the one field writer that quotes and neutralises. The
 * escapes of text cells and lists are the exact inverses of what the
 * reader (csvcells.c) decodes; neutralisation is formula.h's rule, which
 * the record reader undoes.
 */
#include <stdbool.h>
#include <string.h>

#include "itin/csvrow.h"
#include "itin/datefmt.h"
#include "itin/datetime.h"
#include "itin/formula.h"
#include "itin/itinesc.h"

void csvio_write_field(struct strbuf *sb, const char *s, size_t len,
		       unsigned flags)
{
	bool prefix = false, quote = false;
	size_t i, run = 0;

	if (!(flags & CSVIO_RAW) && formula_needs_guard(s, len))
		prefix = true;
	for (i = 0; i < len && !quote; i++)
		quote =
		    s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		if (prefix)
			strbuf_addch(sb, '\'');
		strbuf_add(sb, s, len);
		return;
	}
	strbuf_addch(sb, '"');
	if (prefix)
		strbuf_addch(sb, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '"') {
			strbuf_add(sb, s + run, i + 1 - run);
			strbuf_addch(sb, '"');
			run = i + 1;
		}
	}
	strbuf_add(sb, s + run, len - run);
	strbuf_addch(sb, '"');
}

void csvio_write_header(struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < C_NATIVE; i++) {
		if (i)
			strbuf_addch(sb, ',');
		strbuf_addstr(sb, csvev_native_name((enum col)i));
	}
	strbuf_addstr(sb, "\r\n");
}

/* Escape one list item as the reader's unescape() takes it back: the
 * text format's escapes of a byte, without its \u{...} for invisible
 * characters (a spreadsheet shows them as they are). */
static void put_item(struct strbuf *sb, const char *s, const char *special)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len; i++)
		itinesc_put_byte(sb, (unsigned char)s[i],
				 i == 0 || i == len - 1, special);
}

static void field(struct strbuf *sb, const char *s, unsigned flags, bool last)
{
	if (s)
		csvio_write_field(sb, s, strlen(s), flags);
	strbuf_addstr(sb, last ? "\r\n" : ",");
}

/* "\xHH", lower-case, as the reader's csvev_text() takes it back. */
static void add_hex_escape(struct strbuf *sb, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	strbuf_add(sb, "\\x", 2);
	strbuf_addch(sb, hex[c >> 4]);
	strbuf_addch(sb, hex[c & 15]);
}

/* A text cell: control characters escaped (see csvev_text()). */
static void text_field(struct strbuf *sb, struct strbuf *tmp, const char *s,
		       unsigned flags)
{
	const char *p, *e;

	if (!s) {
		field(sb, NULL, flags, false);
		return;
	}
	for (p = s; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n') ||
		    *p == 0x7f || *p == '\\')
			break;
	if (!*p) {
		field(sb, s, flags, false);
		return;
	}
	e = p + strlen(p);
	strbuf_reset(tmp);
	strbuf_add(tmp, s, (size_t)(p - s));
	for (; p < e; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
		    csvev_ctl_escape_at(p, e) >= 0)
			add_hex_escape(tmp, c);
		else
			strbuf_addch(tmp, (char)c);
	}
	field(sb, tmp->buf, flags, false);
}

/* The end, and the end's own zone after it ("WHEN ZONE"); the zone alone
 * for an event with an end zone and no end. */
static void end_text(struct strbuf *tmp, const struct event *ev)
{
	strbuf_reset(tmp);
	if (ev->has_end &&
	    !(ev->allday && lsec_day(ev->end) == lsec_day(ev->start)))
		datefmt_when(tmp, ev->end, !ev->allday, 'T');
	if (!ev->allday && ev->end_tz) {
		if (tmp->len)
			strbuf_addch(tmp, ' ');
		strbuf_addstr(tmp, ev->end_tz);
	}
}

/* "Name (Role); Name", escaped as the reader's lists take it back. */
static void with_text(struct strbuf *tmp, const struct event *ev)
{
	size_t i;

	strbuf_reset(tmp);
	for (i = 0; i < ev->nwith; i++) {
		if (!ev->with[i].name || !*ev->with[i].name)
			continue;
		if (tmp->len)
			strbuf_addstr(tmp, "; ");
		put_item(tmp, ev->with[i].name, ";()");
		if (ev->with[i].role && *ev->with[i].role) {
			strbuf_addstr(tmp, " (");
			put_item(tmp, ev->with[i].role, ";()");
			strbuf_addch(tmp, ')');
		}
	}
}

/* "a; b". */
static void tags_text(struct strbuf *tmp, const struct event *ev)
{
	size_t i;

	strbuf_reset(tmp);
	for (i = 0; i < ev->ntags; i++) {
		if (!ev->tags[i] || !*ev->tags[i])
			continue;
		if (tmp->len)
			strbuf_addstr(tmp, "; ");
		put_item(tmp, ev->tags[i], ";");
	}
}

void csvio_write_event(struct strbuf *sb, const struct event *ev,
		       unsigned flags)
{
	struct strbuf tmp = STRBUF_INIT;

	field(sb, ev->id, flags, false);
	field(sb, event_type_name(ev->type), flags, false);
	text_field(sb, &tmp, ev->title, flags);
	strbuf_reset(&tmp);
	datefmt_when(&tmp, ev->start, !ev->allday, 'T');
	field(sb, tmp.buf, flags, false);
	end_text(&tmp, ev);
	field(sb, tmp.buf, flags, false);
	field(sb,
	      ev->allday ? NULL
	      : ev->tz	 ? ev->tz
			 : "floating",
	      flags, false);
	text_field(sb, &tmp, ev->city, flags);
	field(sb, ev->country, flags, false);
	text_field(sb, &tmp, ev->venue, flags);
	with_text(&tmp, ev);
	field(sb, tmp.buf, flags, false);
	text_field(sb, &tmp, ev->org, flags);
	field(sb, event_status_name(ev->status), flags, false);
	text_field(sb, &tmp, ev->source, flags);
	text_field(sb, &tmp, ev->notes, flags);
	tags_text(&tmp, ev);
	field(sb, tmp.buf, flags, true);
	strbuf_release(&tmp);
}

void csvio_write(struct strbuf *sb, const struct evlist *l, unsigned flags)
{
	size_t i;

	csvio_write_header(sb);
	for (i = 0; i < l->n; i++)
		csvio_write_event(sb, l->v[i], flags);
}
