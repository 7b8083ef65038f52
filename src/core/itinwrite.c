/*
 * itinwrite.c: the itin text format's canonical writer (itinfmt.h).
 *
 * The writer emits exactly one spelling of each event, and escapes only
 * what the reader would otherwise take differently (itinesc.c), so
 * write(read(write(e))) is byte for byte write(e).
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/datefmt.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/itinesc.h"
#include "itin/itinfmt.h"

static bool ws_or_comma(char c)
{
	return c == ' ' || c == '\t' || c == ',';
}

/*
 * The venue: the reader splits the place on commas, trims the parts and
 * joins the venue's parts with ", ", so a comma may stay bare only where
 * that gives it back: after a non-space, before exactly one space and then
 * something else. Every other comma is escaped.
 */
static void put_venue(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), run = 0;
	const char *c;

	for (c = memchr(s, ',', len); c;
	     c = memchr(c + 1, ',', len - (size_t)(c + 1 - s))) {
		size_t i = (size_t)(c - s);

		if (i > 0 && !ws_or_comma(s[i - 1]) && i + 2 < len &&
		    s[i + 1] == ' ' && !ws_or_comma(s[i + 2])) {
			itinesc_put_span(sb, s, run, i, len, ",");
			strbuf_addch(sb, ',');
			run = i + 1;
		}
	}
	itinesc_put_span(sb, s, run, len, len, ",");
}

static bool two_ascii_letters(const char *s)
{
	return strlen(s) == 2 && ascii_isalpha((unsigned char)s[0]) &&
	       ascii_isalpha((unsigned char)s[1]);
}

static bool present(const char *s)
{
	return s && *s;
}

static void write_place(struct strbuf *sb, const struct event *ev)
{
	bool venue = present(ev->venue), city = present(ev->city);
	bool cc = ev->country[0] != '\0';

	if (!venue && !city && !cc)
		return;
	strbuf_addstr(sb, " @ ");
	if (venue) {
		put_venue(sb, ev->venue);
		strbuf_addch(sb, ',');
		if (city || cc)
			strbuf_addch(sb, ' ');
	}
	if (city) {
		if (!cc && two_ascii_letters(ev->city)) {
			/* Would read as a country code: hide one letter. */
			strbuf_addf(sb, "\\x%02x", (unsigned char)ev->city[0]);
			strbuf_addch(sb, ev->city[1]);
		} else {
			itinesc_put(sb, ev->city, ",");
		}
	}
	if (cc) {
		if (city || venue)
			strbuf_addstr(sb, city ? ", " : ",");
		if (venue && !city)
			strbuf_addch(sb, ' ');
		strbuf_addstr(sb, ev->country);
	}
}

static void pad_to(struct strbuf *sb, size_t start, size_t width, size_t gap)
{
	size_t used = sb->len - start;

	strbuf_addspaces(sb, used < width ? width - used + gap : gap);
}

void itinfmt_write_range(struct strbuf *sb, const struct event *ev)
{
	if (ev->allday) {
		datefmt_date(sb, lsec_day(ev->start));
		if (ev->has_end && lsec_day(ev->end) != lsec_day(ev->start)) {
			strbuf_add(sb, "..", 2);
			datefmt_date(sb, lsec_day(ev->end));
		}
		return;
	}
	datefmt_when(sb, ev->start, true, ' ');
	if (!ev->has_end)
		return;
	if (!ev->end_tz && lsec_day(ev->end) == lsec_day(ev->start)) {
		strbuf_addch(sb, '-');
		datefmt_clock(sb, lsec_time_of_day(ev->end));
	} else {
		strbuf_add(sb, "..", 2);
		datefmt_when(sb, ev->end, true, ' ');
	}
}

/* "    key:" and " value" (len bytes, escaped) unless it is empty. */
static void write_key_len(struct strbuf *sb, const char *key, const char *value,
			  size_t len, const char *special)
{
	strbuf_add(sb, "    ", 4);
	strbuf_addstr(sb, key);
	strbuf_addch(sb, ':');
	if (len) {
		strbuf_addch(sb, ' ');
		itinesc_put_len(sb, value, len, special);
	}
	strbuf_addch(sb, '\n');
}

static void write_key(struct strbuf *sb, const char *key, const char *value,
		      const char *special)
{
	write_key_len(sb, key, value, strlen(value), special);
}

/* "    key: N" */
static void write_number(struct strbuf *sb, const char *key, unsigned n)
{
	strbuf_add(sb, "    ", 4);
	strbuf_addstr(sb, key);
	strbuf_add(sb, ": ", 2);
	strbuf_add_uint(sb, n, 0);
	strbuf_addch(sb, '\n');
}

/*
 * Start the next item of a "with:"/"tags:" list. Items share one line
 * until it passes LIST_LINE_WRAP bytes, then a new key line begins (the
 * reader appends repeated keys), so no list can outgrow the reader's line
 * limit. line is the offset where the current key line starts, 0 for none;
 * returns the new one.
 */
#define LIST_LINE_WRAP 4000
static size_t list_item(struct strbuf *sb, const char *key, size_t line)
{
	if (line && sb->len - line < LIST_LINE_WRAP) {
		strbuf_addstr(sb, "; ");
		return line;
	}
	if (line)
		strbuf_addch(sb, '\n');
	line = sb->len;
	strbuf_add(sb, "    ", 4);
	strbuf_addstr(sb, key);
	strbuf_add(sb, ": ", 2);
	return line;
}

/* "RANGE  TYPE  TITLE @ PLACE", padded to columns for the eye. */
static void write_header(struct strbuf *sb, const struct event *ev)
{
	size_t start = sb->len;

	itinfmt_write_range(sb, ev);
	pad_to(sb, start, 25, 2);
	start = sb->len;
	strbuf_addstr(sb, event_type_name(ev->type));
	pad_to(sb, start, 10, 1);
	itinesc_put(sb, ev->title ? ev->title : "", "@");
	write_place(sb, ev);
	strbuf_addch(sb, '\n');
}

/* What names the event and its revision: id, uid, seq, src-seq, modified. */
static void write_identity(struct strbuf *sb, const struct event *ev)
{
	if (ev->id)
		write_key(sb, "id", ev->id, NULL);
	if (present(ev->uid))
		write_key(sb, "uid", ev->uid, NULL);
	if (ev->seq)
		write_number(sb, "seq", ev->seq);
	if (present(ev->uid) && ev->src_seq != ev->seq)
		write_number(sb, "src-seq", ev->src_seq);
	if (ev->has_modified) {
		char m[ITIN_WHEN_MAX];

		evident_format_utc(ev->modified, m);
		write_key(sb, "modified", m, NULL);
	}
}

/* "with: Name (Role); ..." over as many lines as list_item() needs. */
static void write_with(struct strbuf *sb, const struct event *ev)
{
	size_t line = 0;

	for (size_t i = 0; i < ev->nwith; i++) {
		if (!present(ev->with[i].name))
			continue;
		line = list_item(sb, "with", line);
		itinesc_put(sb, ev->with[i].name, ";()");
		if (present(ev->with[i].role)) {
			strbuf_addstr(sb, " (");
			itinesc_put(sb, ev->with[i].role, ";()");
			strbuf_addch(sb, ')');
		}
	}
	if (line)
		strbuf_addch(sb, '\n');
}

static void write_tags(struct strbuf *sb, const struct event *ev)
{
	size_t line = 0;

	for (size_t i = 0; i < ev->ntags; i++) {
		if (!present(ev->tags[i]))
			continue;
		line = list_item(sb, "tags", line);
		itinesc_put(sb, ev->tags[i], ";");
	}
	if (line)
		strbuf_addch(sb, '\n');
}

/* One note: line for each line of the notes. */
static void write_notes(struct strbuf *sb, const char *notes)
{
	const char *p = notes;

	for (;;) {
		const char *nl = strchr(p, '\n');

		write_key_len(sb, "note", p, nl ? (size_t)(nl - p) : strlen(p),
			      NULL);
		if (!nl)
			break;
		p = nl + 1;
	}
}

void itinfmt_write_event(struct strbuf *sb, const struct event *ev)
{
	write_header(sb, ev);
	write_identity(sb, ev);
	if (!ev->allday) {
		write_key(sb, "tz", ev->tz ? ev->tz : "floating", NULL);
		if (ev->end_tz)
			write_key(sb, "end-tz", ev->end_tz, NULL);
	}
	if (ev->status != EV_CONFIRMED)
		write_key(sb, "status", event_status_name(ev->status), NULL);
	if (present(ev->org))
		write_key(sb, "org", ev->org, NULL);
	write_with(sb, ev);
	write_tags(sb, ev);
	if (present(ev->source))
		write_key(sb, "source", ev->source, NULL);
	if (ev->notes)
		write_notes(sb, ev->notes);
}

void itinfmt_write(struct strbuf *sb, const struct evlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		itinfmt_write_event(sb, l->v[i]);
}

int itinfmt_write_sink(struct outsink *out, const struct evlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		itinfmt_write_event(&out->buf, l->v[i]);
		if (outsink_check(out) < 0)
			return -1;
	}
	return outsink_flush(out);
}

bool itinfmt_same_event(const struct event *a, const struct event *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	/* The revision counts changes; it is not one. Shallow copies only
	 * to write them. */
	struct event ca = *a, cb = *b;
	bool same;

	ca.seq = cb.seq = ca.src_seq = cb.src_seq = 0;
	itinfmt_write_event(&x, &ca);
	itinfmt_write_event(&y, &cb);
	same = x.len == y.len && !memcmp(x.buf, y.buf, x.len);
	strbuf_release(&x);
	strbuf_release(&y);
	return same;
}
