/*
 * evident.h: event identity: the fields of an event as sets, comparing
 * and hashing events over such a set, and folding an update into the
 * event it replaces.
 *
 * Import uses it to tell "the same event" from "an event that looks
 * alike": an incoming event is the same as a stored one when it has the
 * same explicit id, the same uid, or the same content in every field its
 * source carries (an Outlook CSV has no organisation column: it cannot
 * say the organisation changed). An update keeps the stored values of the
 * fields its source does not carry (evident_keep()).
 *
 * Everything here borrows its events; evident_keep() and
 * evident_describe() write only to what they are given.
 */
#ifndef ITIN_EVIDENT_H
#define ITIN_EVIDENT_H

#include <stdbool.h>
#include <stdint.h>
#include "itin/err.h"
#include "itin/event.h"
#include "itin/strbuf.h"

/* The fields, as bits of a set ("mask"). */
enum evident_field {
	EVF_TYPE = 1u << 0,
	EVF_TITLE = 1u << 1,
	EVF_WHEN = 1u << 2, /* start, end, all-day: one unit */
	EVF_TZ = 1u << 3,   /* tz and end-tz (timed events only) */
	EVF_VENUE = 1u << 4,
	EVF_CITY = 1u << 5,
	EVF_COUNTRY = 1u << 6,
	EVF_WITH = 1u << 7,
	EVF_ORG = 1u << 8,
	EVF_STATUS = 1u << 9,
	EVF_SOURCE = 1u << 10,
	EVF_NOTES = 1u << 11,
	EVF_TAGS = 1u << 12,
	EVF_UID = 1u << 13,
	EVF_MODIFIED = 1u << 14,
	EVF_ID = 1u << 15,
	/*
	 * The source's revision is a calendar's own (iCalendar SEQUENCE):
	 * an import compares it with the stored one and keeps it, instead
	 * of counting one more.
	 */
	EVF_SEQ = 1u << 16,
};
#define EVF_NFIELDS 17

/* What an event is about: every field but identity and bookkeeping. */
#define EVF_CONTENT ((unsigned)EVF_UID - 1u)
/* What a derived id is a hash of (event_derive_id()). */
#define EVF_DERIVED (EVF_CONTENT | EVF_MODIFIED)
/* Every field the text format has (a .itin file carries them all). */
#define EVF_ALL ((1u << EVF_NFIELDS) - 1u)

/* "title", "when", "tz"...: the name a field is shown under. */
const char *evident_name(enum evident_field f);

/* Whether a and b agree in every field of mask (EVF_SEQ ignored). */
bool evident_same(const struct event *a, const struct event *b, unsigned mask);

/*
 * A 64-bit FNV-1a hash of the fields of mask, over a fixed serialisation
 * (field by field, in the order above, each tagged and terminated), so it
 * never changes between versions: a derived id is its fmix64 (event.h),
 * and ids derived before fmix64 are the hash itself. An absent string and
 * an empty one hash alike, as the text format stores them.
 */
uint64_t evident_hash(const struct event *ev, unsigned mask);

/*
 * The hash of what a person sees first, the local day it starts, type,
 * title and city: two different events that agree on it only look alike
 * (import warns; a meeting moved to another hour of its day is one).
 */
uint64_t evident_lookalike(const struct event *ev);

/*
 * upd replaces old: give upd old's value of every field its source does
 * not carry (the fields outside carried), and old's id. A zone is kept
 * only for a timed event. Call event_check() on upd afterwards.
 */
void evident_keep(struct event *upd, const struct event *old, unsigned carried);

/*
 * Field f of ev as one line of text, for a listing of changes: the range
 * as the text format writes it ("2023-07-11..2023-07-12",
 * "2023-01-30 10:00-11:30"), lists joined with "; ", line breaks as
 * "\n"; "" when empty.
 */
void evident_describe(struct strbuf *sb, const struct event *ev,
		      enum evident_field f);

/* A UTC instant as the text format writes "modified": 2023-07-01T12:00:00Z. */
void evident_format_utc(int64_t t, char *buf); /* ITIN_WHEN_MAX bytes */
/* And read back, exactly that form; 65 and a message otherwise. */
int evident_parse_utc(const char *s, size_t len, int64_t *t,
		      struct itin_err *err);

#endif
