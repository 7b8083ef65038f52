/*
 * icsfields.c: the fields of a VEVENT but its times and UID: title,
 * place, notes, people, organisation, source, type, tags, status and
 * revision (icsread.h). An itin export carries each exactly in an X-ITIN-
 * property (icstext.h); another calendar's standard properties are read
 * as best they say it.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/evident.h"
#include "itin/icsread.h"
#include "itin/icstext.h"
#include "itin/location.h"
#include "itin/places.h"
#include "itin/typeguess.h"
#include "itin/xalloc.h"

/* LOCATION from another program: venue, city and country by the one
 * parser of location.h. */
static void parse_location(struct event *ev, const char *loc)
{
	struct location l;

	location_parse(loc, &l);
	event_set_place(ev, l.venue, l.city, l.country);
	location_release(&l);
}

/* An ATTENDEE or ORGANIZER: its CN, else its address. */
static void add_person(struct ics_reader *r, struct event *ev,
		       const struct cprop *p, const char *role)
{
	struct strbuf cn = STRBUF_INIT, rp = STRBUF_INIT;
	const char *name;

	if (ics_get_param(p, "CN", &cn) && cn.len) {
		name = cn.buf;
	} else {
		name = p->value;
		if (!ascii_ncasecmp(name, "mailto:", 7))
			name += 7;
	}
	if (!role && ics_get_param(p, "ROLE", &rp)) {
		if (!ascii_casecmp(rp.buf, "CHAIR"))
			role = "chair";
		else if (!ascii_casecmp(rp.buf, "OPT-PARTICIPANT"))
			role = "optional";
		else if (!ascii_casecmp(rp.buf, "NON-PARTICIPANT"))
			role = "for information";
	}
	if (*name) {
		bool dup = false;

		for (size_t i = 0; i < ev->nwith; i++)
			dup = dup || !strcmp(ev->with[i].name, name);
		if (!dup)
			event_add_participant(ev, name, role);
	}
	(void)r;
	strbuf_release(&cn);
	strbuf_release(&rp);
}

/* The categories but the first that names the type (when it does). */
static void add_category_tags(struct event *ev, char *const *items, size_t n,
			      bool type_named)
{
	bool skipped = !type_named;

	for (size_t i = 0; i < n; i++) {
		if (!skipped &&
		    !ascii_casecmp(items[i], event_type_name(ev->type))) {
			skipped = true;
			continue;
		}
		event_add_tag(ev, items[i]);
	}
}

static bool same_text(struct strbuf *tmp, const char *rendered,
		      const char *have)
{
	ics_text(tmp, rendered);
	return !strcmp(tmp->buf, have ? have : "");
}

/* The standard text properties of a VEVENT, unescaped. */
struct vtext {
	char *summary, *location, *description;
	struct strbuf cats; /* every category, joined by ',' */
	char **items;	    /* every category */
	size_t nitems, ialloc;
};

/*
 * itin's own X-ITIN- properties into x; the type X-ITIN-TYPE names, or
 * -1 (then the VEVENT is not from an itin export).
 */
static int read_x_props(struct ics_reader *r, struct event *x,
			const struct vprops *vp)
{
	int t = -1;

	for (size_t i = 0; i < vp->n; i++) {
		const struct cprop *q = &vp->v[i];
		char *v, *d;

		if (q->nlen < 7 || ascii_ncasecmp(q->name, "X-ITIN-", 7))
			continue;
		v = ics_text_dup(r, q->value);
		d = ics_x_decode(v);
		free(v);
		v = d;
		if (ics_name_is(q, "X-ITIN-TYPE")) {
			t = event_type_parse(v);
		} else if (ics_name_is(q, "X-ITIN-TITLE")) {
			event_set_str(x, &x->title, v);
		} else if (ics_name_is(q, "X-ITIN-VENUE")) {
			event_set_str(x, &x->venue, v);
		} else if (ics_name_is(q, "X-ITIN-CITY")) {
			event_set_str(x, &x->city, v);
		} else if (ics_name_is(q, "X-ITIN-COUNTRY")) {
			if (strlen(v) == 2 && country_code_is_valid(v))
				memcpy(x->country, v, 3);
		} else if (ics_name_is(q, "X-ITIN-ORG")) {
			event_set_str(x, &x->org, v);
		} else if (ics_name_is(q, "X-ITIN-PARTICIPANT")) {
			ics_participant_decode(x, v);
		} else if (ics_name_is(q, "X-ITIN-TAG")) {
			event_add_tag(x, v);
		} else if (ics_name_is(q, "X-ITIN-SOURCE")) {
			event_set_str(x, &x->source, v);
		} else if (ics_name_is(q, "X-ITIN-NOTES")) {
			event_set_str(x, &x->notes, v);
		}
		free(v);
	}
	return t;
}

static void read_std_text(struct ics_reader *r, const struct vprops *vp,
			  struct vtext *vt, struct strbuf *a)
{
	const struct cprop *p;

	if ((p = ics_find(vp, "SUMMARY")))
		vt->summary = ics_text_dup(r, p->value);
	if ((p = ics_find(vp, "LOCATION")))
		vt->location = ics_text_dup(r, p->value);
	if ((p = ics_find(vp, "DESCRIPTION")))
		vt->description = ics_text_dup(r, p->value);
	for (size_t i = 0; i < vp->n; i++) {
		const char *s, *next;
		size_t n;

		if (!ics_name_is(&vp->v[i], "CATEGORIES"))
			continue;
		for (s = vp->v[i].value; s; s = next) {
			next = ics_next_item(s, &n);
			ics_unescape_text(a, s, n);
			if (!a->len)
				continue;
			vt->items = xgrow(vt->items, &vt->ialloc,
					  vt->nitems + 1, sizeof(*vt->items));
			vt->items[vt->nitems++] = xstrdup(a->buf);
			if (vt->cats.len)
				strbuf_addch(&vt->cats, ',');
			strbuf_addstr(&vt->cats, a->buf);
		}
	}
}

static void vtext_release(struct vtext *vt)
{
	for (size_t i = 0; i < vt->nitems; i++)
		free(vt->items[i]);
	free(vt->items);
	free(vt->summary);
	free(vt->location);
	free(vt->description);
	strbuf_release(&vt->cats);
}

/* Place: itin's fields while LOCATION still says what they render to. */
static unsigned set_place(struct event *ev, const struct event *x, bool ours,
			  const struct vtext *vt, struct strbuf *a,
			  struct strbuf *b)
{
	ics_location_text(b, x->venue, x->city, x->country);
	if (ours && same_text(a, b->buf, vt->location)) {
		event_set_str(ev, &ev->venue, x->venue);
		event_set_str(ev, &ev->city, x->city);
		memcpy(ev->country, x->country, 3);
		return EVF_VENUE | EVF_CITY | EVF_COUNTRY;
	}
	if (vt->location && *vt->location) {
		parse_location(ev, vt->location);
		return EVF_VENUE | EVF_CITY | EVF_COUNTRY;
	}
	return 0;
}

/* Notes, people, organisation, source: itin's while DESCRIPTION still
 * says what they render to, else DESCRIPTION, ORGANIZER, ATTENDEE, URL. */
static unsigned set_people(struct ics_reader *r, struct event *ev,
			   const struct event *x, bool ours,
			   const struct vprops *vp, const struct vtext *vt,
			   struct strbuf *a, struct strbuf *b)
{
	const struct cprop *p;
	unsigned carried = 0;

	ics_description_text(b, x->notes, x->with, x->nwith, x->org, x->source);
	if (ours && same_text(a, b->buf, vt->description)) {
		event_set_str(ev, &ev->notes, x->notes);
		for (size_t i = 0; i < x->nwith; i++)
			event_add_participant(ev, x->with[i].name,
					      x->with[i].role);
		event_set_str(ev, &ev->org, x->org);
		event_set_str(ev, &ev->source, x->source);
		/* itin's own properties, each only when it is there. */
		return (x->notes ? EVF_NOTES : 0u) |
		       (x->nwith ? EVF_WITH : 0u) | (x->org ? EVF_ORG : 0u) |
		       (x->source ? EVF_SOURCE : 0u);
	}
	if (vt->description) {
		if (*vt->description)
			event_set_str(ev, &ev->notes, vt->description);
		carried |= EVF_NOTES;
	}
	if ((p = ics_find(vp, "ORGANIZER"))) {
		add_person(r, ev, p, "organizer");
		carried |= EVF_WITH;
	}
	for (size_t i = 0; i < vp->n; i++)
		if (ics_name_is(&vp->v[i], "ATTENDEE")) {
			add_person(r, ev, &vp->v[i], NULL);
			carried |= EVF_WITH;
		}
	if ((p = ics_find(vp, "URL"))) {
		if (*p->value)
			event_take_str(ev, &ev->source,
				       ics_text_dup(r, p->value));
		carried |= EVF_SOURCE;
	}
	return carried;
}

/* Type and tags: t, X-ITIN-TYPE's (ours), else the first category that
 * names a type, else a guess from the title. */
static unsigned set_type(struct event *ev, const struct event *x, int t,
			 bool ours, const struct vtext *vt, struct strbuf *a,
			 struct strbuf *b)
{
	unsigned carried = 0;

	if (ours) {
		ev->type = (enum event_type)t;
		ics_categories_text(b, ev->type, x->tags, x->ntags);
		if (same_text(a, b->buf, vt->cats.buf)) {
			for (size_t i = 0; i < x->ntags; i++)
				event_add_tag(ev, x->tags[i]);
		} else {
			add_category_tags(ev, vt->items, vt->nitems, true);
		}
	} else {
		for (size_t i = 0; i < vt->nitems && t < 0; i++)
			t = event_type_parse(vt->items[i]);
		/* A type guessed from the title is not the file's word. */
		if (t >= 0)
			carried |= EVF_TYPE;
		ev->type = t >= 0 ? (enum event_type)t : typeguess(ev->title);
		add_category_tags(ev, vt->items, vt->nitems, t >= 0);
	}
	if (ours)
		carried |= EVF_TYPE;
	/* Tags when the file gives any: the CATEGORIES an export writes
	 * always name the type, which says nothing about tags. */
	if (ev->ntags)
		carried |= EVF_TAGS;
	return carried;
}

/* SEQUENCE: a number from 0 to EVENT_MAX_SEQ, else read as 0 with a
 * warning. */
static void read_sequence(struct ics_reader *r, struct event *ev,
			  const struct cprop *p)
{
	unsigned long v = 0;
	const char *s = p->value;

	if (*s == '+')
		s++;
	while (ascii_isdigit((unsigned char)*s) && v <= EVENT_MAX_SEQ)
		v = v * 10 + (unsigned long)(*s++ - '0');
	if (!*s && v <= EVENT_MAX_SEQ && s > p->value &&
	    ascii_isdigit((unsigned char)s[-1]))
		ev->seq = (unsigned)v;
	else
		/* Read as 0, the default, but not silently: the
		 * revision decides which version an import keeps. */
		itin_warn_at(r->w, r->fname, p->line, 1,
			     "invalid SEQUENCE '%.40s' (a number from "
			     "0 to %u); read as 0",
			     p->value, EVENT_MAX_SEQ);
}

/* Status and revision. */
static unsigned set_status(struct ics_reader *r, struct event *ev,
			   const struct vprops *vp)
{
	const struct cprop *p;

	if ((p = ics_find(vp, "STATUS"))) {
		if (!ascii_casecmp(p->value, "TENTATIVE"))
			ev->status = EV_TENTATIVE;
		else if (!ascii_casecmp(p->value, "CANCELLED"))
			ev->status = EV_CANCELLED;
	}
	if (r->cancel)
		ev->status = EV_CANCELLED;
	if ((p = ics_find(vp, "SEQUENCE")))
		read_sequence(r, ev, p);
	/* What the calendar said, kept apart from the local count. */
	ev->src_seq = ev->seq;
	/* When SEQUENCE ties, LAST-MODIFIED tells the newer of two
	 * versions (a time that is not UTC, as RFC 5545 wants, is read as
	 * if it were: an hour off at worst, and never silently a day). */
	if ((p = ics_find(vp, "LAST-MODIFIED"))) {
		struct itime lm;

		if (ics_parse_itime(p->value, strlen(p->value), &lm) &&
		    !lm.is_date) {
			ev->modified = lm.lsec;
			ev->has_modified = true;
			return EVF_MODIFIED;
		}
	}
	return 0;
}

/*
 * The text fields. An itin export carries them exactly in X-ITIN-
 * properties; those are used while the standard property still says what
 * they would render to, so an event edited in a calendar app keeps the
 * edit.
 */
void ics_read_text(struct ics_reader *r, struct event *ev,
		   const struct vprops *vp)
{
	struct event *x = event_new();
	struct vtext vt = {NULL, NULL, NULL, STRBUF_INIT, NULL, 0, 0};
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int t = read_x_props(r, x, vp);
	bool ours = t >= 0;
	/* What this VEVENT says (evident.h): the times always; any other
	 * field only when a property gives it, so an update from a calendar
	 * that never writes it keeps what is stored. */
	unsigned carried = EVF_WHEN | EVF_TZ | EVF_STATUS | EVF_SEQ;

	read_std_text(r, vp, &vt, &a);
	if (vt.summary)
		carried |= EVF_TITLE;
	/* Title. */
	if (x->title && vt.summary && same_text(&a, x->title, vt.summary))
		event_set_str(ev, &ev->title, x->title);
	else if (vt.summary && *vt.summary)
		event_set_str(ev, &ev->title, vt.summary);
	else
		event_set_str(ev, &ev->title, "(no title)");
	carried |= set_place(ev, x, ours, &vt, &a, &b);
	carried |= set_people(r, ev, x, ours, vp, &vt, &a, &b);
	carried |= set_type(ev, x, t, ours, &vt, &a, &b);
	carried |= set_status(r, ev, vp);
	ev->carried = carried;

	vtext_release(&vt);
	event_free(x);
	strbuf_release(&a);
	strbuf_release(&b);
}
