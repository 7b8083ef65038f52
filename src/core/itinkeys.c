/*
 * itinkeys.c: the key lines of the itin text format ("    tz: Europe/Paris",
 * "    with: Name (Role); ..."), each key's value read by a function of its
 * own. A new key is a row of enum key (itinread.h) and key_names here, a
 * case of key_value() and a line of the writer (itinwrite.c).
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/evident.h"
#include "itin/tz.h"
#include "itinread.h"

static const char *const key_names[K_COUNT] = {
    "id",     "tz",   "end-tz", "status", "org",      "with",	"tags",
    "source", "note", "seq",	"uid",	  "modified", "src-seq"};

/* The "unknown key" message lists them in this order. */
#define UNKNOWN_KEY                                                            \
	"unknown key '%.*s' (expected one of: with, org, status, tz, end-tz, " \
	"source, note, tags, id, uid, seq, src-seq, modified)"

/* "Name" or "Name (Role)". */
static int parse_participant(struct itinread *r, struct event *ev,
			     const char *s, const char *e)
{
	const char *ns = s, *ne, *rs = NULL, *re = NULL;
	char *name;

	if (participant_split(s, e, &ne, &rs, &re)) {
		ascii_trim_blank(&ns, &ne);
		ascii_trim_blank(&rs, &re);
	}
	if (ns == ne)
		return fail(r, s, "missing participant name");
	if (itinread_unescape_dup(r, ns, ne, &name))
		return -1;
	if (rs && itinread_unescape(r, rs, re)) {
		free(name);
		return -1;
	}
	event_add_participant(ev, name, rs ? r->tmp.buf : NULL);
	free(name);
	return 0;
}

/*
 * Split [s, e) on unescaped ';' and read each non-empty part: a participant
 * (with) or a tag.
 */
static int each_item(struct itinread *r, struct event *ev, const char *s,
		     const char *e, bool with)
{
	for (;;) {
		const char *semi = ascii_find_unescaped(s, e, ';');
		const char *ps = s, *pend = semi ? semi : e;

		ascii_trim_blank(&ps, &pend);
		if (ps < pend) {
			if (with) {
				if (parse_participant(r, ev, ps, pend))
					return -1;
			} else {
				if (itinread_unescape(r, ps, pend))
					return -1;
				event_add_tag(ev, r->tmp.buf);
			}
		}
		if (!semi)
			return 0;
		s = semi + 1;
	}
}

/* The key [ks, ke) names, in any case, or K_COUNT. */
static int find_key(const char *ks, const char *ke)
{
	int k;

	for (k = 0; k < K_COUNT; k++)
		if (strlen(key_names[k]) == (size_t)(ke - ks) &&
		    !ascii_ncasecmp(key_names[k], ks, (size_t)(ke - ks)))
			break;
	return k;
}

/* Lists and notes add up over repeated lines, and may be empty. */
static bool key_repeats(int k)
{
	return k == K_WITH || k == K_TAGS || k == K_NOTE;
}

static int key_id(struct itinread *r, struct event *ev, const char *vs,
		  const char *ve)
{
	if (itinread_set_unescaped(r, ev, &ev->id, vs, ve))
		return -1;
	if (!event_id_is_valid(ev->id))
		return fail(r, vs,
			    "invalid id '%s' (1 to 255 printable characters, "
			    "no spaces)",
			    ev->id);
	return 0;
}

/* tz: or end-tz: (k), a zone of the database or, for tz:, "floating". */
static int key_zone(struct itinread *r, struct itinread_event *pe, int k,
		    const char *vs, const char *ve, long kcol)
{
	struct event *ev = pe->ev;
	const struct tz *tz;
	char *name;

	if (ev->allday) {
		itin_warn_at(r->w, r->fname, r->lineno, kcol,
			     "time zone ignored for an all-day event");
		return 0;
	}
	if (itinread_unescape_dup(r, vs, ve, &name))
		return -1;
	if (k == K_TZ && !ascii_casecmp(name, "floating")) {
		pe->tz_key = true;
		free(name);
		return 0;
	}
	tz = tz_get(name, r->err);
	free(name);
	if (!tz)
		return itinread_relocate(r, vs, 0);
	event_set_str(ev, k == K_TZ ? &ev->tz : &ev->end_tz, tz_name(tz));
	if (k == K_TZ)
		pe->tz_key = true;
	return 0;
}

static int key_status(struct itinread *r, struct event *ev, const char *vs,
		      const char *ve)
{
	int s;

	if (itinread_unescape(r, vs, ve))
		return -1;
	s = event_status_parse(r->tmp.buf);
	if (s < 0)
		return fail(r, vs,
			    "unknown status '%s' (expected one of: confirmed, "
			    "tentative, cancelled)",
			    r->tmp.buf);
	ev->status = (enum event_status)s;
	return 0;
}

/* seq: or src-seq: (k), a revision number. */
static int key_seq(struct itinread *r, struct event *ev, int k, const char *vs,
		   const char *ve)
{
	unsigned long v = 0;
	const char *p = vs;

	while (p < ve && ascii_isdigit((unsigned char)*p) && v <= EVENT_MAX_SEQ)
		v = v * 10 + (unsigned long)(*p++ - '0');
	if (p != ve || v > EVENT_MAX_SEQ)
		return fail(r, vs, "invalid %s '%.*s' (a number from 0 to %u)",
			    key_names[k], (int)(ve - vs > 32 ? 32 : ve - vs),
			    vs, EVENT_MAX_SEQ);
	if (k == K_SEQ)
		ev->seq = (unsigned)v;
	else
		ev->src_seq = (unsigned)v;
	return 0;
}

static int key_modified(struct itinread *r, struct event *ev, const char *vs,
			const char *ve)
{
	if (evident_parse_utc(vs, (size_t)(ve - vs), &ev->modified, r->err))
		return itinread_relocate(r, vs, (size_t)(ve - vs));
	ev->has_modified = true;
	return 0;
}

/* One note: line, one line of the notes. */
static int key_note(struct itinread *r, struct itinread_event *pe,
		    const char *vs, const char *ve)
{
	if (itinread_unescape(r, vs, ve))
		return -1;
	if (pe->has_notes)
		strbuf_addch(&pe->notes, '\n');
	strbuf_add(&pe->notes, r->tmp.buf, r->tmp.len);
	pe->has_notes = true;
	return 0;
}

/* The value [vs, ve) of key k, whose name is at column kcol. */
static int key_value(struct itinread *r, struct itinread_event *pe, int k,
		     const char *vs, const char *ve, long kcol)
{
	struct event *ev = pe->ev;

	switch (k) {
	case K_ID:
		return key_id(r, ev, vs, ve);
	case K_TZ:
	case K_END_TZ:
		return key_zone(r, pe, k, vs, ve, kcol);
	case K_STATUS:
		return key_status(r, ev, vs, ve);
	case K_ORG:
		return itinread_set_unescaped(r, ev, &ev->org, vs, ve);
	case K_SOURCE:
		return itinread_set_unescaped(r, ev, &ev->source, vs, ve);
	case K_WITH:
		return each_item(r, ev, vs, ve, true);
	case K_TAGS:
		return each_item(r, ev, vs, ve, false);
	case K_SEQ:
	case K_SRC_SEQ:
		return key_seq(r, ev, k, vs, ve);
	case K_UID:
		return itinread_set_unescaped(r, ev, &ev->uid, vs, ve);
	case K_MODIFIED:
		return key_modified(r, ev, vs, ve);
	case K_NOTE:
		return key_note(r, pe, vs, ve);
	}
	return 0;
}

/* "    key: value": a line that adds to the pending event. */
int itinread_key(struct itinread *r, struct itinread_event *pe)
{
	const char *e = r->line + r->len;
	const char *ks = ascii_skip_blank(r->line, e), *ke, *colon, *vs, *ve;
	int k;

	colon = memchr(ks, ':', (size_t)(e - ks));
	if (!colon)
		return fail(r, ks, "expected 'key: value'");
	ke = colon;
	while (ke > ks && ascii_isblank((unsigned char)ke[-1]))
		ke--;
	k = find_key(ks, ke);
	if (k == K_COUNT)
		return fail(r, ks, UNKNOWN_KEY,
			    (int)(ke - ks > 64 ? 64 : ke - ks), ks);
	if (pe->seen[k] && !key_repeats(k))
		return fail(r, ks, "duplicate key '%s'", key_names[k]);
	pe->seen[k] = true;
	pe->key_line[k] = r->lineno;
	vs = colon + 1;
	ve = e;
	ascii_trim_blank(&vs, &ve);
	pe->key_col[k] = itinread_col(r, vs);
	if (vs == ve && !key_repeats(k))
		return fail(r, vs, "missing value for '%s'", key_names[k]);
	return key_value(r, pe, k, vs, ve, itinread_col(r, ks));
}
