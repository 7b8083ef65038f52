/*
 * event.c: the event model (event.h): construction, strings and arrays
 * (copies in the event's arena, evarena.h), names, order and days. The
 * checks and ids are evcheck.c's; lists are evlist.c's.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/evarena.h"
#include "itin/event.h"

static const char *const type_names[EV_TYPE_COUNT] = {
    "visit", "meeting", "summit",    "conference", "interview",
    "press", "travel",	"reception", "call",	   "other",
};

static const char *const status_names[EV_STATUS_COUNT] = {
    "confirmed",
    "tentative",
    "cancelled",
};

/* A lone event's first chunk: the struct and the strings of most. */
#define LONE_CHUNK 1024

static struct event *new_in(struct evarena *a, bool lone)
{
	struct event *ev = evarena_alloc(a, sizeof(*ev));

	memset(ev, 0, sizeof(*ev));
	ev->type = EV_OTHER;
	ev->status = EV_CONFIRMED;
	ev->arena = a;
	ev->lone = lone;
	return ev;
}

struct event *event_new(void)
{
	return new_in(evarena_new(LONE_CHUNK), true);
}

struct event *event_new_in(struct evarena *a)
{
	return new_in(a, false);
}

void event_free(struct event *ev)
{
	if (ev && ev->lone)
		evarena_release(ev->arena);
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

static const char *str_field_c(const struct event *ev, size_t i)
{
	return *(char *const *)(const void *)((const char *)ev + str_fields[i]);
}

static size_t size_of(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* The bytes a copy of ev takes in an arena: the struct, its arrays, its
 * strings, and the padding before the two arrays (less than 64). */
static size_t copy_size(const struct event *ev)
{
	size_t n = sizeof(*ev) + ev->nwith * sizeof(*ev->with) +
		   ev->ntags * sizeof(*ev->tags) + 64;
	size_t i;

	for (i = 0; i < STR_FIELDS; i++)
		n += size_of(str_field_c(ev, i));
	for (i = 0; i < ev->nwith; i++)
		n += size_of(ev->with[i].name) + size_of(ev->with[i].role);
	for (i = 0; i < ev->ntags; i++)
		n += size_of(ev->tags[i]);
	return n;
}

static char *copy_str(struct evarena *a, const char *s)
{
	return s ? evarena_strn(a, s, strlen(s)) : NULL;
}

/* The participant or tag array of a copy: capacity n rounded up to a
 * power of two, as grow_for() expects of an array that holds n. */
static void *copy_array(struct evarena *a, const void *v, size_t n, size_t size)
{
	size_t cap = 1;
	void *d;

	if (!n)
		return NULL;
	while (cap < n)
		cap *= 2;
	d = evarena_alloc(a, cap * size);
	memcpy(d, v, n * size);
	return d;
}

struct event *event_clone(const struct event *ev)
{
	struct evarena *a = evarena_new(copy_size(ev));
	struct event *c = evarena_alloc(a, sizeof(*c));
	size_t i;

	*c = *ev;
	c->arena = a;
	c->lone = true;
	for (i = 0; i < STR_FIELDS; i++)
		*str_field(c, i) = copy_str(a, *str_field(c, i));
	c->with = copy_array(a, ev->with, ev->nwith, sizeof(*ev->with));
	for (i = 0; i < ev->nwith; i++) {
		c->with[i].name = copy_str(a, ev->with[i].name);
		c->with[i].role = copy_str(a, ev->with[i].role);
	}
	c->tags = copy_array(a, ev->tags, ev->ntags, sizeof(*ev->tags));
	for (i = 0; i < ev->ntags; i++)
		c->tags[i] = copy_str(a, ev->tags[i]);
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
 * Room for element n of an array that holds n, in ev's arena: the
 * capacity is implied by the count (the next power of two), so growth
 * stays amortised O(1) without a capacity field in the model; an array
 * outgrown stays behind in the arena (at most as much again).
 */
static void *grow_for(struct event *ev, void *v, size_t n, size_t size)
{
	void *d;

	if (n & (n - 1))
		return v; /* not a power of two: there is room */
	d = evarena_alloc(ev->arena, (n ? 2 * n : 1) * size);
	if (n)
		memcpy(d, v, n * size);
	return d;
}

void event_add_participant(struct event *ev, const char *name, const char *role)
{
	struct participant *p;

	ev->with = grow_for(ev, ev->with, ev->nwith, sizeof(*ev->with));
	p = &ev->with[ev->nwith++];
	p->name = copy_str(ev->arena, name);
	p->role = role && *role ? copy_str(ev->arena, role) : NULL;
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
	ev->tags = grow_for(ev, ev->tags, ev->ntags, sizeof(*ev->tags));
	ev->tags[ev->ntags++] = copy_str(ev->arena, tag);
}

void event_clear_participants(struct event *ev)
{
	ev->with = NULL;
	ev->nwith = 0;
}

void event_clear_tags(struct event *ev)
{
	ev->tags = NULL;
	ev->ntags = 0;
}

void event_set_str(struct event *ev, char **field, const char *value)
{
	*field = copy_str(ev->arena, value);
}

void event_set_strn(struct event *ev, char **field, const char *s, size_t n)
{
	*field = s ? evarena_strn(ev->arena, s, n) : NULL;
}

void event_take_str(struct event *ev, char **field, char *s)
{
	*field = copy_str(ev->arena, s);
	free(s);
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
