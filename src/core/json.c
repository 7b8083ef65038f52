/*
 * json.c: events as JSON objects for scripts (`--format json`).
 *
 * Strings are escaped per RFC 8259, with every character of
 * utf8_acts_on_display() as \uXXXX (a surrogate pair above U+FFFF): the
 * controls, so nothing written can drive a terminal, the bidirectional
 * and invisible format characters, so a title shown raw cannot reverse
 * the text after it or hide in it, and U+2028 and U+2029, on which
 * JavaScript before ES2019 broke. Still valid JSON, and lossless.
 * Absent values are null, never "".
 */
#include <string.h>

#include "itin/datefmt.h"
#include "itin/datetime.h"
#include "itin/json.h"
#include "itin/utf8.h"

void json_write_string(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0, run = 0;

	strbuf_addch(sb, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			i++;
			continue;
		}
		strbuf_add(sb, s + run, i - run);
		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (char)c);
			n = 1;
		} else if (c < 0x80) {
			strbuf_addf(sb, "\\u%04x", c);
			n = 1;
		} else {
			n = utf8_decode(s + i, len - i, &cp);
			if (!n) {
				/* Never emit bad UTF-8. */
				strbuf_addstr(sb, "\\ufffd");
				n = 1;
			} else if (cp > 0xffff && utf8_acts_on_display(cp)) {
				/* A tag character: a surrogate pair. */
				cp -= 0x10000;
				strbuf_addf(sb, "\\u%04x\\u%04x",
					    0xd800 + (unsigned)(cp >> 10),
					    0xdc00 + (unsigned)(cp & 0x3ff));
			} else if (utf8_acts_on_display(cp)) {
				strbuf_addf(sb, "\\u%04x", (unsigned)cp);
			} else {
				strbuf_add(sb, s + i, n);
			}
		}
		i += n;
		run = i;
	}
	strbuf_add(sb, s + run, i - run);
	strbuf_addch(sb, '"');
}

static void key(struct strbuf *sb, const char *k, bool first)
{
	if (!first)
		strbuf_addch(sb, ',');
	json_write_string(sb, k);
	strbuf_addch(sb, ':');
}

static void str_or_null(struct strbuf *sb, const char *k, const char *v)
{
	key(sb, k, false);
	if (v && *v)
		json_write_string(sb, v);
	else
		strbuf_addstr(sb, "null");
}

static void instant(struct strbuf *sb, const char *k, int64_t t)
{
	int secs = lsec_time_of_day(t);

	key(sb, k, false);
	strbuf_addch(sb, '"');
	datefmt_date(sb, lsec_day(t));
	strbuf_addch(sb, 'T');
	strbuf_add_uint(sb, (uintmax_t)(secs / 3600), 2);
	strbuf_addch(sb, ':');
	strbuf_add_uint(sb, (uintmax_t)(secs / 60 % 60), 2);
	strbuf_addch(sb, ':');
	strbuf_add_uint(sb, (uintmax_t)(secs % 60), 2);
	strbuf_add(sb, "Z\"", 2);
}

/* A WHEN value ("2023-01-30", "2023-01-30T10:00"): digits and
 * separators, which need no escape. */
static void when(struct strbuf *sb, const char *k, int64_t lsec, bool has_time)
{
	key(sb, k, false);
	strbuf_addch(sb, '"');
	datefmt_when(sb, lsec, has_time, 'T');
	strbuf_addch(sb, '"');
}

/* all_day, start, end, tz, end_tz, and the instants of a zoned event
 * (null for the others: their clock is not tied to UTC). */
static void write_times(struct strbuf *sb, const struct event *ev)
{
	bool zoned = !ev->allday && ev->tz;

	key(sb, "all_day", false);
	strbuf_addstr(sb, ev->allday ? "true" : "false");
	when(sb, "start", ev->start, !ev->allday);
	if (ev->has_end)
		when(sb, "end", ev->end, !ev->allday);
	else
		str_or_null(sb, "end", NULL);
	str_or_null(sb, "tz", ev->allday ? NULL : ev->tz);
	str_or_null(sb, "end_tz", ev->allday ? NULL : ev->end_tz);
	if (zoned)
		instant(sb, "start_utc", ev->start_utc);
	else
		str_or_null(sb, "start_utc", NULL);
	if (zoned && ev->has_end)
		instant(sb, "end_utc", ev->end_utc);
	else
		str_or_null(sb, "end_utc", NULL);
}

/* "participants": an array of {"name", "role"} objects. */
static void write_participants(struct strbuf *sb, const struct event *ev)
{
	key(sb, "participants", false);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < ev->nwith; i++) {
		if (i)
			strbuf_addch(sb, ',');
		strbuf_addch(sb, '{');
		key(sb, "name", true);
		json_write_string(sb, ev->with[i].name ? ev->with[i].name : "");
		str_or_null(sb, "role", ev->with[i].role);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
}

/* "tags": an array of strings. */
static void write_tags(struct strbuf *sb, const struct event *ev)
{
	key(sb, "tags", false);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < ev->ntags; i++) {
		if (i)
			strbuf_addch(sb, ',');
		json_write_string(sb, ev->tags[i]);
	}
	strbuf_addch(sb, ']');
}

void json_write_event(struct strbuf *sb, const struct event *ev)
{
	strbuf_addch(sb, '{');
	key(sb, "id", true);
	json_write_string(sb, ev->id ? ev->id : "");
	str_or_null(sb, "type", event_type_name(ev->type));
	str_or_null(sb, "title", ev->title);
	write_times(sb, ev);
	str_or_null(sb, "venue", ev->venue);
	str_or_null(sb, "city", ev->city);
	str_or_null(sb, "country", ev->country);
	write_participants(sb, ev);
	str_or_null(sb, "organization", ev->org);
	str_or_null(sb, "status", event_status_name(ev->status));
	str_or_null(sb, "source", ev->source);
	key(sb, "notes", false);
	if (ev->notes)
		json_write_string(sb, ev->notes);
	else
		strbuf_addstr(sb, "null");
	write_tags(sb, ev);
	strbuf_addstr(sb, ",\"seq\":");
	strbuf_add_uint(sb, ev->seq, 0);
	str_or_null(sb, "uid", ev->uid);
	if (ev->has_modified)
		instant(sb, "modified", ev->modified);
	else
		str_or_null(sb, "modified", NULL);
	strbuf_addch(sb, '}');
}

void json_write_item(struct strbuf *sb, const struct event *ev, size_t i)
{
	strbuf_addstr(sb, i ? ",\n" : "[\n");
	json_write_event(sb, ev);
}

void json_write_end(struct strbuf *sb, size_t n)
{
	strbuf_addstr(sb, n ? "\n]\n" : "[]\n");
}
