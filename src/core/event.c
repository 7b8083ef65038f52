/*
 * event.c: the event model (event.h): construction, strings and where
 * they live (heap copies, or an event's packed block), names, order and
 * days. The checks and ids are evcheck.c's.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/xalloc.h"

static const char *const type_names[EV_TYPE_COUNT] = {
    "visit", "meeting", "summit",    "conference", "interview",
    "press", "travel",	"reception", "call",	   "other",
};

static const char *const status_names[EV_STATUS_COUNT] = {
    "confirmed",
    "tentative",
    "cancelled",
};

struct event *event_new(void)
{
	struct event *ev = xcalloc(1, sizeof(*ev));

	ev->type = EV_OTHER;
	ev->status = EV_CONFIRMED;
	return ev;
}

/* The event's own string fields, by offset, for the loops below. */
static const size_t str_fields[] = {
    offsetof(struct event, id),	    offsetof(struct event, uid),
    offsetof(struct event, title),  offsetof(struct event, tz),
    offsetof(struct event, end_tz), offsetof(struct event, venue),
    offsetof(struct event, city),   offsetof(struct event, org),
    offsetof(struct event, source), offsetof(struct event, notes),
};
#define STR_FIELDS (sizeof(str_fields) / sizeof(str_fields[0]))

static char **str_field(struct event *ev, size_t i)
{
	return (char **)(void *)((char *)ev + str_fields[i]);
}

static char *const *str_field_c(const struct event *ev, size_t i)
{
	return (char *const *)(const void *)((const char *)ev + str_fields[i]);
}

/*
 * Whether p lies in the event's own block (event_pack()), which is freed
 * with the event and never on its own. Compared as integers: the block
 * and a heap string are different objects.
 */
static bool in_block(const struct event *ev, const void *p)
{
	uintptr_t b = (uintptr_t)(ev + 1), q = (uintptr_t)p;

	return ev->packed && q >= b && q < b + ev->packed;
}

/* Free what p points to unless the event's block holds it. */
static void release(const struct event *ev, void *p)
{
	if (!in_block(ev, p))
		free(p);
}

void event_free(struct event *ev)
{
	size_t i;

	if (!ev)
		return;
	for (i = 0; i < STR_FIELDS; i++)
		release(ev, *str_field(ev, i));
	for (i = 0; i < ev->nwith; i++) {
		release(ev, ev->with[i].name);
		release(ev, ev->with[i].role);
	}
	release(ev, ev->with);
	for (i = 0; i < ev->ntags; i++)
		release(ev, ev->tags[i]);
	release(ev, ev->tags);
	free(ev);
}

/* Copy the n bytes of s (its NUL included) to *at and move *at past
 * them; NULL stays NULL. */
static char *pack_n(char **at, const char *s, size_t n)
{
	char *d;

	if (!s)
		return NULL;
	d = memcpy(*at, s, n);
	*at += n;
	return d;
}

/*
 * The block of p, an allocation of sizeof(*p) + arrays + more: the
 * participant and tag arrays first, right after the struct (they keep its
 * alignment), then room for the text. Returns where the text goes.
 */
static char *lay_out_block(struct event *p, const struct event *ev,
			   size_t arrays, size_t more)
{
	char *at;

	*p = *ev;
	p->packed = (uint32_t)(arrays + more);
	at = (char *)(p + 1);
	p->with = ev->nwith ? (struct participant *)(void *)at : NULL;
	at += ev->nwith * sizeof(*ev->with);
	p->tags = ev->ntags ? (char **)(void *)at : NULL;
	return at + ev->ntags * sizeof(*ev->tags);
}

/* Whether s lies in [room, room + used): a staged event's room. */
static bool in_room(const char *s, uintptr_t room, size_t used)
{
	return (uintptr_t)s - room < used; /* (wraps for s below room) */
}

/* The bytes s takes in a packed copy besides the room. */
static size_t size_outside(const char *s, uintptr_t room, size_t used)
{
	return s && !in_room(s, room, used) ? strlen(s) + 1 : 0;
}

/* A string in the packed copy: one of the room's moved with it, any
 * other copied to *heap_at. */
static char *take_str(const char *s, uintptr_t room, size_t used, char *newroom,
		      char **heap_at)
{
	if (!s)
		return NULL;
	if (in_room(s, room, used))
		return newroom + ((uintptr_t)s - room);
	return pack_n(heap_at, s, strlen(s) + 1);
}

/*
 * ev packed: the bytes [room, room + used) of a staged event's room move
 * in one copy, with every string that lies there; every other string is
 * copied after them. (room and used 0: every string is copied.)
 */
static struct event *pack(const struct event *ev, uintptr_t room, size_t used)
{
	size_t arrays =
	    ev->nwith * sizeof(*ev->with) + ev->ntags * sizeof(*ev->tags);
	size_t heap = 0, i;
	struct event *p;
	char *at, *newroom;

	for (i = 0; i < STR_FIELDS; i++)
		heap += size_outside(*str_field_c(ev, i), room, used);
	for (i = 0; i < ev->nwith; i++)
		heap += size_outside(ev->with[i].name, room, used) +
			size_outside(ev->with[i].role, room, used);
	for (i = 0; i < ev->ntags; i++)
		heap += size_outside(ev->tags[i], room, used);
	if (arrays + used + heap > UINT32_MAX)
		return event_clone(ev); /* too big to say in packed */
	p = xmalloc(sizeof(*p) + arrays + used + heap);
	newroom = lay_out_block(p, ev, arrays, used + heap);
	if (used)
		memcpy(newroom, (const void *)room, used);
	at = newroom + used;
	for (i = 0; i < STR_FIELDS; i++)
		*str_field(p, i) =
		    take_str(*str_field_c(ev, i), room, used, newroom, &at);
	for (i = 0; i < ev->nwith; i++) {
		p->with[i].name =
		    take_str(ev->with[i].name, room, used, newroom, &at);
		p->with[i].role =
		    take_str(ev->with[i].role, room, used, newroom, &at);
	}
	for (i = 0; i < ev->ntags; i++)
		p->tags[i] = take_str(ev->tags[i], room, used, newroom, &at);
	return p;
}

struct event *event_pack_copy(const struct event *ev)
{
	return pack(ev, 0, 0);
}

struct event *event_pack(struct event *ev)
{
	struct event *p;

	if (ev->packed)
		return ev;
	p = event_pack_copy(ev);
	event_free(ev);
	return p;
}

struct event *event_new_staged(size_t room)
{
	struct event *ev;

	if (room > UINT32_MAX)
		room = UINT32_MAX;
	ev = xmalloc(sizeof(*ev) + room);
	memset(ev, 0, sizeof(*ev));
	ev->packed = (uint32_t)room;
	ev->type = EV_OTHER;
	ev->status = EV_CONFIRMED;
	return ev;
}

char *event_stage_room(struct event *ev, size_t *used, size_t n)
{
	char *p;

	if (n > ev->packed - *used)
		return xmalloc(n); /* no room left: a heap copy */
	p = (char *)(ev + 1) + *used;
	*used += n;
	return p;
}

struct event *event_stage_take(struct event *st, size_t *used)
{
	/* The room's strings are the row's; the rest (a derived id,
	 * participants, tags, strings that did not fit) are on the heap. */
	struct event *p = pack(st, (uintptr_t)(st + 1), *used);

	event_clear(st);
	*used = 0;
	return p;
}

void event_clear(struct event *ev)
{
	uint32_t packed = ev->packed;
	size_t i;

	if (ev->nwith || ev->with)
		event_clear_participants(ev);
	if (ev->ntags || ev->tags)
		event_clear_tags(ev);
	for (i = 0; i < STR_FIELDS; i++)
		release(ev, *str_field(ev, i));
	memset(ev, 0, sizeof(*ev));
	ev->packed = packed;
	ev->type = EV_OTHER;
	ev->status = EV_CONFIRMED;
}

struct event *event_clone(const struct event *ev)
{
	struct event *c = xmalloc(sizeof(*c));
	size_t i;

	*c = *ev;
	c->packed = 0;
	for (i = 0; i < STR_FIELDS; i++)
		*str_field(c, i) = xstrdup_or_null(*str_field_c(ev, i));
	c->with = NULL;
	c->nwith = 0;
	for (i = 0; i < ev->nwith; i++)
		event_add_participant(c, ev->with[i].name, ev->with[i].role);
	c->tags = NULL;
	c->ntags = 0;
	for (i = 0; i < ev->ntags; i++)
		event_add_tag(c, ev->tags[i]);
	return c;
}

void event_next_seq(struct event *changed, const struct event *old)
{
	unsigned next = old->seq < EVENT_MAX_SEQ ? old->seq + 1 : old->seq;

	if (changed->seq < next)
		changed->seq = next;
}

const char *event_type_name(enum event_type t)
{
	if ((unsigned)t >= EV_TYPE_COUNT)
		return "other";
	return type_names[t];
}

int event_type_parse(const char *s)
{
	int i;

	for (i = 0; i < EV_TYPE_COUNT; i++)
		if (!ascii_casecmp(s, type_names[i]))
			return i;
	return -1;
}

const char *event_status_name(enum event_status s)
{
	if ((unsigned)s >= EV_STATUS_COUNT)
		return "confirmed";
	return status_names[s];
}

int event_status_parse(const char *s)
{
	int i;

	for (i = 0; i < EV_STATUS_COUNT; i++)
		if (!ascii_casecmp(s, status_names[i]))
			return i;
	if (!ascii_casecmp(s, "canceled")) /* the American spelling */
		return EV_CANCELLED;
	return -1;
}

/*
 * Room for element n of an array that holds n: the capacity is implied by
 * the count (the next power of two), so growth stays amortised O(1)
 * without a capacity field in the model.
 */
static void *grow_for(void *v, size_t n, size_t size)
{
	if (n & (n - 1))
		return v; /* not a power of two: there is room */
	return xrealloc(v, (n ? 2 * n : 1) * size);
}

/*
 * An array in the event's block has exactly n elements: move it to the
 * heap, with room for one more, before it can grow.
 */
static void *unpack_array(const struct event *ev, void *v, size_t n,
			  size_t size)
{
	size_t cap = 1;
	void *h;

	if (!v || !in_block(ev, v))
		return v;
	while (cap <= n)
		cap *= 2;
	h = xmalloc(cap * size);
	memcpy(h, v, n * size);
	return h;
}

void event_add_participant(struct event *ev, const char *name, const char *role)
{
	ev->with = unpack_array(ev, ev->with, ev->nwith, sizeof(*ev->with));
	ev->with = grow_for(ev->with, ev->nwith, sizeof(*ev->with));
	ev->with[ev->nwith].name = xstrdup(name);
	ev->with[ev->nwith].role = role && *role ? xstrdup(role) : NULL;
	ev->nwith++;
}

bool participant_split(const char *s, const char *e, const char **name_end,
		       const char **role_s, const char **role_e)
{
	const char *open = NULL, *p;
	bool closes = false;

	for (p = s; p < e; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (*p == '(')
			open = p;
		else if (*p == ')' && p == e - 1)
			closes = true;
	}
	if (!open || !closes) {
		*name_end = e;
		return false;
	}
	*name_end = open;
	*role_s = open + 1;
	*role_e = e - 1;
	return true;
}

void event_add_tag(struct event *ev, const char *tag)
{
	ev->tags = unpack_array(ev, ev->tags, ev->ntags, sizeof(*ev->tags));
	ev->tags = grow_for(ev->tags, ev->ntags, sizeof(*ev->tags));
	ev->tags[ev->ntags++] = xstrdup(tag);
}

void event_clear_participants(struct event *ev)
{
	for (size_t i = 0; i < ev->nwith; i++) {
		release(ev, ev->with[i].name);
		release(ev, ev->with[i].role);
	}
	release(ev, ev->with);
	ev->with = NULL;
	ev->nwith = 0;
}

void event_clear_tags(struct event *ev)
{
	for (size_t i = 0; i < ev->ntags; i++)
		release(ev, ev->tags[i]);
	release(ev, ev->tags);
	ev->tags = NULL;
	ev->ntags = 0;
}

void event_set_str(struct event *ev, char **field, const char *value)
{
	char *old = *field;

	*field = xstrdup_or_null(value);
	release(ev, old);
}

void event_set_strn(struct event *ev, char **field, const char *s, size_t n)
{
	char *old = *field;

	*field = s ? xstrndup(s, n) : NULL;
	release(ev, old);
}

void event_take_str(struct event *ev, char **field, char *s)
{
	char *old = *field;

	*field = s;
	release(ev, old);
}

void event_set_place(struct event *ev, const char *venue, const char *city,
		     const char *country)
{
	event_set_str(ev, &ev->venue, venue);
	event_set_str(ev, &ev->city, city);
	if (country && strlen(country) == 2)
		memcpy(ev->country, country, 3);
	else
		ev->country[0] = '\0';
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

int event_compare(const struct event *a, const struct event *b)
{
	int c;

	if (a->start_utc != b->start_utc)
		return a->start_utc < b->start_utc ? -1 : 1;
	if (a->end_utc != b->end_utc)
		return a->end_utc < b->end_utc ? -1 : 1;
	c = cmp_str(a->title, b->title);
	if (c)
		return c < 0 ? -1 : 1;
	c = cmp_str(a->id, b->id);
	return c < 0 ? -1 : c > 0;
}

int64_t event_first_day(const struct event *ev)
{
	return lsec_day(ev->start);
}

int64_t event_last_day(const struct event *ev)
{
	int64_t first = lsec_day(ev->start), last;

	if (!ev->has_end)
		return first;
	/* A timed event that ends at midnight does not reach into that day. */
	if (!ev->allday && ev->end > ev->start &&
	    lsec_time_of_day(ev->end) == 0)
		last = lsec_day(ev->end - 1);
	else
		last = lsec_day(ev->end);
	/* Across the date line the end's local day can come before the
	 * start's; the event still occupies its first day. */
	return last < first ? first : last;
}
