/*
 * evident.c: event identity (see evident.h): field sets, comparison,
 * the content hash derived ids rest on, updates that keep what their
 * source does not carry, and fields as text for a listing of changes.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/hash.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/itinfmt.h"
#include "itin/xalloc.h"

static const char *const names[EVF_NFIELDS] = {
    "type",    "title", "when",	    "tz",     "venue",	"city",
    "country", "with",	"org",	    "status", "source", "note",
    "tags",    "uid",	"modified", "id",     "seq",
};

const char *evident_name(enum evident_field f)
{
	for (unsigned i = 0; i < EVF_NFIELDS; i++)
		if (f == 1u << i)
			return names[i];
	return "?";
}

/* NULL and "" are the same: the text format stores neither. */
static const char *str(const char *s)
{
	return s ? s : "";
}

static bool same_str(const char *a, const char *b)
{
	return !strcmp(str(a), str(b));
}

/* The fields that are one string each, and where they are in an event. */
static const struct {
	enum evident_field f;
	size_t off;
} text_fields[] = {
    {EVF_TITLE, offsetof(struct event, title)},
    {EVF_VENUE, offsetof(struct event, venue)},
    {EVF_CITY, offsetof(struct event, city)},
    {EVF_ORG, offsetof(struct event, org)},
    {EVF_SOURCE, offsetof(struct event, source)},
    {EVF_NOTES, offsetof(struct event, notes)},
    {EVF_UID, offsetof(struct event, uid)},
    {EVF_ID, offsetof(struct event, id)},
};
#define NO_TEXT ((size_t)-1)

/* Where f is in an event when it is one string, else NO_TEXT (times,
 * lists, numbers). */
static size_t text_offset(enum evident_field f)
{
	for (size_t i = 0; i < sizeof(text_fields) / sizeof(text_fields[0]);
	     i++)
		if (text_fields[i].f == f)
			return text_fields[i].off;
	return NO_TEXT;
}

/* The string field at off (a text_offset()) of ev, to read or to set. */
static char *const *text_of(const struct event *ev, size_t off)
{
	return (char *const *)(const void *)((const char *)ev + off);
}

static char **text_in(struct event *ev, size_t off)
{
	return (char **)(void *)((char *)ev + off);
}

static bool same_when(const struct event *a, const struct event *b)
{
	return a->allday == b->allday && a->start == b->start &&
	       a->has_end == b->has_end && (!a->has_end || a->end == b->end);
}

bool evident_same(const struct event *a, const struct event *b, unsigned mask)
{
	if ((mask & EVF_TYPE) && a->type != b->type)
		return false;
	if ((mask & EVF_TITLE) && !same_str(a->title, b->title))
		return false;
	if ((mask & EVF_WHEN) && !same_when(a, b))
		return false;
	if ((mask & EVF_TZ) &&
	    (!same_str(a->tz, b->tz) || !same_str(a->end_tz, b->end_tz)))
		return false;
	if ((mask & EVF_VENUE) && !same_str(a->venue, b->venue))
		return false;
	if ((mask & EVF_CITY) && !same_str(a->city, b->city))
		return false;
	if ((mask & EVF_COUNTRY) && strcmp(a->country, b->country))
		return false;
	if (mask & EVF_WITH) {
		if (a->nwith != b->nwith)
			return false;
		for (uint32_t i = 0; i < a->nwith; i++)
			if (!same_str(a->with[i].name, b->with[i].name) ||
			    !same_str(a->with[i].role, b->with[i].role))
				return false;
	}
	if ((mask & EVF_ORG) && !same_str(a->org, b->org))
		return false;
	if ((mask & EVF_STATUS) && a->status != b->status)
		return false;
	if ((mask & EVF_SOURCE) && !same_str(a->source, b->source))
		return false;
	if ((mask & EVF_NOTES) && !same_str(a->notes, b->notes))
		return false;
	if (mask & EVF_TAGS) {
		if (a->ntags != b->ntags)
			return false;
		for (uint32_t i = 0; i < a->ntags; i++)
			if (!same_str(a->tags[i], b->tags[i]))
				return false;
	}
	if ((mask & EVF_UID) && !same_str(a->uid, b->uid))
		return false;
	if ((mask & EVF_MODIFIED) &&
	    (a->has_modified != b->has_modified ||
	     (a->has_modified && a->modified != b->modified)))
		return false;
	if ((mask & EVF_ID) && !same_str(a->id, b->id))
		return false;
	return true;
}

/* ---- the hash ---- */

/* A string, then a unit separator: "a","bc" and "ab","c" differ. */
static uint64_t h_str(uint64_t h, const char *s)
{
	s = str(s);
	h = fnv1a_bytes(h, s, strlen(s));
	return fnv1a_bytes(h, "\x1f", 1);
}

/* A number as 8 bytes, least significant first: the same on every
 * machine, and no formatting on the path of a million-row import. */
static uint64_t h_num(uint64_t h, int64_t v)
{
	uint64_t u = (uint64_t)v;

	unsigned char b[8];

	for (int i = 0; i < 8; i++, u >>= 8)
		b[i] = (unsigned char)(u & 0xff);
	return fnv1a_bytes(h, b, sizeof(b));
}

/* Field f of ev into the hash h (evident_hash()'s serialisation). */
static uint64_t hash_field(uint64_t h, const struct event *ev,
			   enum evident_field f)
{
	size_t off = text_offset(f);

	if (off != NO_TEXT)
		return h_str(h, *text_of(ev, off));
	switch (f) {
	case EVF_TYPE:
		return h_str(h, event_type_name(ev->type));
	case EVF_WHEN:
		h = h_num(h, ev->allday);
		h = h_num(h, ev->start);
		h = h_num(h, ev->has_end);
		return h_num(h, ev->has_end ? ev->end : 0);
	case EVF_TZ:
		h = h_str(h, ev->tz);
		return h_str(h, ev->end_tz);
	case EVF_COUNTRY:
		return h_str(h, ev->country);
	case EVF_WITH:
		for (uint32_t k = 0; k < ev->nwith; k++) {
			h = h_str(h, ev->with[k].name);
			h = h_str(h, ev->with[k].role);
		}
		return h;
	case EVF_STATUS:
		return h_str(h, event_status_name(ev->status));
	case EVF_TAGS:
		for (uint32_t k = 0; k < ev->ntags; k++)
			h = h_str(h, ev->tags[k]);
		return h;
	case EVF_MODIFIED:
		h = h_num(h, ev->has_modified);
		return h_num(h, ev->has_modified ? ev->modified : 0);
	default:
		return h;
	}
}

uint64_t evident_hash(const struct event *ev, unsigned mask)
{
	uint64_t h = FNV1A_OFFSET;

	for (unsigned i = 0; i < EVF_NFIELDS; i++) {
		unsigned f = 1u << i;

		if (!(mask & f) || f == EVF_SEQ || f == EVF_ID)
			continue;
		/* The field's name tags it, and a record separator ends
		 * it: lists of any length cannot run into the next. */
		h = h_str(h, names[i]);
		h = hash_field(h, ev, (enum evident_field)f);
		h = fnv1a_bytes(h, "\x1e", 1);
	}
	return h;
}

uint64_t evident_lookalike(const struct event *ev)
{
	uint64_t h = FNV1A_OFFSET;

	/* The day, not the time: a meeting moved within its day is the
	 * look-alike most worth a word. */
	h = h_num(h, lsec_day(ev->start));
	h = h_str(h, event_type_name(ev->type));
	h = h_str(h, ev->title);
	return h_str(h, ev->city);
}

/* ---- updates ---- */

static void keep_str(struct event *upd, char **field, const char *old)
{
	event_set_str(upd, field, old);
}

/* upd takes old's value of field f, one that is not a plain string. */
static void keep_field(struct event *upd, const struct event *old,
		       enum evident_field f)
{
	switch (f) {
	case EVF_TYPE:
		upd->type = old->type;
		break;
	case EVF_WHEN:
		upd->allday = old->allday;
		upd->start = old->start;
		upd->has_end = old->has_end;
		upd->end = old->end;
		break;
	case EVF_TZ:
		/* An all-day event has no zone to keep (upd's when is
		 * already final: EVF_WHEN comes first). */
		if (upd->allday)
			break;
		keep_str(upd, &upd->tz, old->tz);
		keep_str(upd, &upd->end_tz, old->end_tz);
		break;
	case EVF_COUNTRY:
		memcpy(upd->country, old->country, sizeof(upd->country));
		break;
	case EVF_WITH:
		event_clear_participants(upd);
		for (uint32_t i = 0; i < old->nwith; i++)
			event_add_participant(upd, old->with[i].name,
					      old->with[i].role);
		break;
	case EVF_STATUS:
		upd->status = old->status;
		break;
	case EVF_TAGS:
		event_clear_tags(upd);
		for (uint32_t i = 0; i < old->ntags; i++)
			event_add_tag(upd, old->tags[i]);
		break;
	case EVF_MODIFIED:
		upd->has_modified = old->has_modified;
		upd->modified = old->modified;
		break;
	default:
		break;
	}
}

void evident_keep(struct event *upd, const struct event *old, unsigned carried)
{
	unsigned keep = ~carried;

	/* Field by field in the order of the bits (so when before tz). */
	for (unsigned i = 0; i < EVF_NFIELDS; i++) {
		enum evident_field f = (enum evident_field)(1u << i);
		size_t off = text_offset(f);

		if (!(keep & f) || f == EVF_ID || f == EVF_SEQ)
			continue;
		if (off != NO_TEXT)
			keep_str(upd, text_in(upd, off), *text_of(old, off));
		else
			keep_field(upd, old, f);
	}
	/* A uid the update brings is added; one it lacks is not a change. */
	if (!upd->uid && old->uid)
		keep_str(upd, &upd->uid, old->uid);
	/* The stored event's id is how people and scripts name it. */
	keep_str(upd, &upd->id, old->id);
}

/* ---- as text ---- */

/* s on one line: a line break shows as "\n". */
static void one_line(struct strbuf *sb, const char *s)
{
	for (s = str(s); *s; s++) {
		if (*s == '\n')
			strbuf_addstr(sb, "\\n");
		else
			strbuf_addch(sb, *s);
	}
}

/* A list's items joined with "; ": participants as "Name (Role)". */
static void describe_list(struct strbuf *sb, const struct event *ev,
			  enum evident_field f)
{
	uint32_t n = f == EVF_WITH ? ev->nwith : ev->ntags;

	for (uint32_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(sb, "; ");
		if (f == EVF_TAGS) {
			one_line(sb, ev->tags[i]);
			continue;
		}
		one_line(sb, ev->with[i].name);
		if (ev->with[i].role && *ev->with[i].role) {
			strbuf_addstr(sb, " (");
			one_line(sb, ev->with[i].role);
			strbuf_addch(sb, ')');
		}
	}
}

void evident_describe(struct strbuf *sb, const struct event *ev,
		      enum evident_field f)
{
	size_t off = text_offset(f);
	char buf[ITIN_WHEN_MAX];

	if (off != NO_TEXT) {
		one_line(sb, *text_of(ev, off));
		return;
	}
	switch (f) {
	case EVF_TYPE:
		strbuf_addstr(sb, event_type_name(ev->type));
		break;
	case EVF_WHEN:
		itinfmt_write_range(sb, ev);
		break;
	case EVF_TZ:
		if (ev->allday)
			break;
		strbuf_addstr(sb, ev->tz ? ev->tz : "floating");
		if (ev->end_tz)
			strbuf_addf(sb, " -> %s", ev->end_tz);
		break;
	case EVF_COUNTRY:
		strbuf_addstr(sb, ev->country);
		break;
	case EVF_WITH:
	case EVF_TAGS:
		describe_list(sb, ev, f);
		break;
	case EVF_STATUS:
		strbuf_addstr(sb, event_status_name(ev->status));
		break;
	case EVF_MODIFIED:
		if (ev->has_modified) {
			evident_format_utc(ev->modified, buf);
			strbuf_addstr(sb, buf);
		}
		break;
	case EVF_SEQ:
		strbuf_addf(sb, "%u", ev->seq);
		break;
	default:
		break;
	}
}

void evident_format_utc(int64_t t, char *buf)
{
	int secs = lsec_time_of_day(t);
	int part[3] = {secs / 3600, secs / 60 % 60, secs % 60};
	size_t n;

	date_format(lsec_day(t), buf);
	n = strlen(buf);
	for (int i = 0; i < 3; i++) {
		buf[n++] = i ? ':' : 'T';
		buf[n++] = (char)('0' + part[i] / 10);
		buf[n++] = (char)('0' + part[i] % 10);
	}
	buf[n++] = 'Z';
	buf[n] = '\0';
}

int evident_parse_utc(const char *s, size_t len, int64_t *t,
		      struct itin_err *err)
{
	struct when w;

	if (len < 2 || s[len - 1] != 'Z' || !memchr(s, 'T', len))
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "invalid UTC time '%.*s' (expected "
				    "YYYY-MM-DDTHH:MM:SSZ)",
				    (int)(len > 40 ? 40 : len), s);
	if (when_parse(s, len - 1, &w, err))
		return -1;
	*t = w.lsec;
	return 0;
}
