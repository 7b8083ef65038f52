/* test_event.c: the event model, its checks and ids, and the event list. */
#include "test.h"

#include "itin/datetime.h"
#include "itin/evarena.h"
#include "itin/evlist.h"
#include "itin/event.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

static int nwarn;
static char last_warning[512];

static void warn(void *ctx, const struct itin_err *w)
{
	(void)ctx;
	nwarn++;
	snprintf(last_warning, sizeof(last_warning), "%s", w->msg);
}

static const struct itin_warner warner = {warn, NULL};

static int64_t at(int y, int mo, int d, int h, int mi)
{
	return days_from_civil(y, mo, d) * ITIN_DAY + h * 3600 + mi * 60;
}

static struct event *timed(const char *title, const char *tz, int64_t start)
{
	struct event *ev = event_new();

	event_set_str(ev, &ev->title, title);
	event_set_str(ev, &ev->tz, tz);
	ev->start = start;
	return ev;
}

TEST(names)
{
	CHECK_STR(event_type_name(EV_SUMMIT), "summit");
	CHECK_INT(event_type_parse("SUMMIT"), EV_SUMMIT);
	CHECK_INT(event_type_parse("Press"), EV_PRESS);
	CHECK_INT(event_type_parse("party"), -1);
	CHECK_STR(event_status_name(EV_TENTATIVE), "tentative");
	CHECK_INT(event_status_parse("Cancelled"), EV_CANCELLED);
	CHECK_INT(event_status_parse("canceled"), EV_CANCELLED);
	CHECK_INT(event_status_parse("maybe"), -1);
}

TEST(new_clone_free)
{
	struct event *ev = event_new(), *c;

	CHECK_INT(ev->type, EV_OTHER);
	CHECK_INT(ev->status, EV_CONFIRMED);
	event_set_str(ev, &ev->title, "Visit");
	event_set_str(ev, &ev->city, "Seoul");
	event_set_str(ev, &ev->notes, "a\nb");
	event_add_participant(ev, "Yoon Suk-yeol", "President");
	event_add_participant(ev, "Park Jin", NULL);
	event_add_participant(ev, "Nobody", "");
	event_add_tag(ev, "asia");
	c = event_clone(ev);
	event_free(ev);
	CHECK_STR(c->title, "Visit");
	CHECK_STR(c->city, "Seoul");
	CHECK_STR(c->notes, "a\nb");
	CHECK_INT(c->nwith, 3);
	CHECK_STR(c->with[0].role, "President");
	CHECK(c->with[1].role == NULL);
	CHECK(c->with[2].role == NULL);
	CHECK_STR(c->tags[0], "asia");
	CHECK(c->venue == NULL);
	event_set_str(c, &c->city, NULL);
	CHECK(c->city == NULL);
	event_free(c);
	event_free(NULL);
}

/* A lone event's strings and arrays, after changes and past the
 * arena's first chunk; ASan and valgrind catch a string freed on its own
 * or an array grown in place. */
TEST(lone_event)
{
	struct event *ev = event_new(), *c;
	char *old_title, big[5000], name[32];
	size_t i;

	event_set_str(ev, &ev->id, "abc");
	event_set_str(ev, &ev->title, "Visit");
	event_set_str(ev, &ev->tz, "Asia/Seoul");
	event_set_str(ev, &ev->city, "Seoul");
	event_set_str(ev, &ev->notes, "a\nb");
	event_add_participant(ev, "Yoon Suk-yeol", "President");
	event_add_participant(ev, "Park Jin", NULL);
	event_add_tag(ev, "asia");
	event_add_tag(ev, "nato");
	ev->start = at(2023, 1, 29, 10, 0);
	CHECK(ev->lone);
	CHECK(event_check(ev, NULL, &(struct itin_err){0}) == 0);

	/* A clone is a lone event of its own, in an arena of its own. */
	c = event_clone(ev);
	CHECK(c->lone && c->arena != ev->arena);
	CHECK_STR(c->with[0].role, "President");
	CHECK(c->title != ev->title);

	/* A value replaced stays readable where someone held it. */
	old_title = ev->title;
	event_set_str(ev, &ev->title, "Official visit");
	CHECK_STR(old_title, "Visit");
	CHECK_STR(ev->title, "Official visit");
	event_set_str(ev, &ev->city, ev->city); /* from itself */
	CHECK_STR(ev->city, "Seoul");
	event_set_str(ev, &ev->city, NULL);
	CHECK(ev->city == NULL);
	/* Arrays grow past powers of two, strings past the first chunk and
	 * one larger than a chunk. */
	for (i = 0; i < 70; i++) {
		snprintf(name, sizeof(name), "Person %zu", i);
		event_add_participant(ev, name, i % 2 ? "Role" : NULL);
		event_add_tag(ev, name);
	}
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	event_set_str(ev, &ev->notes, big);
	CHECK_INT(ev->nwith, 72);
	CHECK_INT(ev->ntags, 72);
	CHECK_STR(ev->with[0].name, "Yoon Suk-yeol");
	CHECK_STR(ev->with[71].name, "Person 69");
	CHECK_STR(ev->with[71].role, "Role");
	CHECK(ev->with[70].role == NULL);
	CHECK_STR(ev->tags[1], "nato");
	CHECK_STR(ev->tags[71], "Person 69");
	CHECK_INT(strlen(ev->notes), sizeof(big) - 1);
	/* A clone of that copies it all. */
	event_free(c);
	c = event_clone(ev);
	event_free(ev);
	CHECK_INT(c->nwith, 72);
	CHECK_STR(c->with[71].role, "Role");
	CHECK_STR(c->tags[71], "Person 69");
	CHECK_INT(strlen(c->notes), sizeof(big) - 1);
	event_add_tag(c, "one more"); /* the copy's capacity: 128 */
	CHECK_STR(c->tags[72], "one more");

	/* Clearing the arrays, then adding again. */
	event_clear_participants(c);
	event_clear_tags(c);
	CHECK_INT(c->nwith, 0);
	CHECK(c->with == NULL && c->tags == NULL);
	event_add_tag(c, "again");
	CHECK_STR(c->tags[0], "again");
	event_free(c);

	/* Every string field, each its own, through a clone. */
	{
		static const char *const want[] = {
		    "id-1",  "uid-1", "Title", "Europe/Oslo", "Asia/Tokyo",
		    "Venue", "City",  "Org",   "https://s",   "Notes"};
		struct event *e = event_new();
		char **dst[] = {&e->id,	    &e->uid,   &e->title, &e->tz,
				&e->end_tz, &e->venue, &e->city,  &e->org,
				&e->source, &e->notes};

		for (i = 0; i < 10; i++)
			event_set_str(e, dst[i], want[i]);
		c = event_clone(e);
		event_free(e);
		{
			const char *got[] = {
			    c->id,    c->uid,  c->title, c->tz,	    c->end_tz,
			    c->venue, c->city, c->org,	 c->source, c->notes};

			for (i = 0; i < 10; i++)
				CHECK_STR(got[i], want[i]);
		}
		event_free(c);
	}
	event_free(NULL);
}

/* The arena on its own: alignment, strings, marks, adoption. */
TEST(arena)
{
	struct evarena *a = evarena_new(64), *b;
	struct evarena_mark m0, m1;
	char *s, *t, *big;
	void *p;
	size_t i;

	s = evarena_strn(a, "abc", 1);
	CHECK_STR(s, "a");
	p = evarena_alloc(a, 24);
	CHECK_INT((uintptr_t)p % sizeof(void *), 0);
	m0 = evarena_mark(a);
	t = evarena_strn(a, "kept?", 5);
	evarena_rewind(a, m0);
	/* The same room again after a rewind. */
	CHECK(evarena_strn(a, "again", 5) == t);
	CHECK_STR(t, "again");
	/* Rewinding past new chunks, a large one of its own among them. */
	m1 = evarena_mark(a);
	for (i = 0; i < 200; i++)
		evarena_strn(a, "0123456789", 10);
	big = evarena_alloc(a, 100000);
	memset(big, 1, 100000);
	evarena_rewind(a, m1);
	CHECK(evarena_strn(a, "x", 1) == t + 6);
	CHECK_STR(s, "a");
	/* Adopted chunks outlive a rewind of the adopter. */
	b = evarena_new(0);
	t = evarena_strn(b, "adopted", 7);
	m1 = evarena_mark(a);
	evarena_adopt(a, b);
	evarena_rewind(a, m1);
	CHECK_STR(t, "adopted");
	/* References. */
	evarena_retain(a);
	evarena_release(a);
	CHECK_STR(t, "adopted");
	evarena_release(a);
	evarena_release(NULL);
}

/* Events built in a list's arena, lone events given to lists, events
 * moved between lists and taken out of them: each readable as long as
 * the rules say (ASan checks "as long as"). */
TEST(list_arenas)
{
	struct evlist a = EVLIST_INIT, b = EVLIST_INIT;
	struct evarena_mark m;
	struct event *ev, *taken, *lone;

	m = evarena_mark(evlist_arena(&a));
	ev = event_new_in(evlist_arena(&a));
	CHECK(!ev->lone);
	CHECK_INT(ev->type, EV_OTHER);
	event_set_str(ev, &ev->title, "Dropped");
	event_free(ev); /* in an arena: nothing happens */
	CHECK_STR(ev->title, "Dropped");
	evarena_rewind(evlist_arena(&a), m);
	ev = event_new_in(evlist_arena(&a));
	event_set_str(ev, &ev->title, "Built in a");
	event_add_tag(ev, "t");
	evlist_add(&a, ev);

	lone = event_new();
	event_set_str(lone, &lone->title, "Lone");
	evlist_add(&a, lone);
	CHECK(!lone->lone && lone->arena == a.arena);
	event_set_str(lone, &lone->city, "Paris");

	/* b takes a's events; a goes; b's are still good. */
	evlist_add(&b, a.v[0]);
	evlist_add(&b, a.v[1]);
	CHECK_INT(b.nshared, 1);
	evlist_release(&a);
	CHECK_STR(b.v[0]->title, "Built in a");
	CHECK_STR(b.v[0]->tags[0], "t");
	CHECK_STR(b.v[1]->city, "Paris");
	event_set_str(b.v[1], &b.v[1]->venue, "Elysée");

	/* A taken event is a lone copy that outlives the list. */
	taken = evlist_take(&b, 1);
	CHECK(taken->lone);
	CHECK_INT(b.n, 1);
	ev = event_new();
	event_set_str(ev, &ev->title, "Replacement");
	evlist_replace(&b, 0, ev);
	CHECK(!ev->lone);
	evlist_release(&b);
	CHECK_STR(taken->title, "Lone");
	CHECK_STR(taken->venue, "Elysée");
	event_free(taken);
}

/* The setters readers use instead of assigning a field. */
TEST(setters)
{
	struct event *ev = event_new();
	const char *line = "Seoul, KR";
	char *mine = xstrdup("Blue House");

	event_set_strn(ev, &ev->city, line, 5);
	CHECK_STR(ev->city, "Seoul");
	event_set_strn(ev, &ev->city, "Busan", 5);
	CHECK_STR(ev->city, "Busan");
	event_take_str(ev, &ev->venue, mine); /* copied, and freed */
	CHECK_STR(ev->venue, "Blue House");
	event_take_str(ev, &ev->org, NULL);
	CHECK(ev->org == NULL);
	event_set_strn(ev, &ev->notes, NULL, 3);
	CHECK(ev->notes == NULL);
	event_set_place(ev, "Yongsan", "Seoul", "KR");
	CHECK_STR(ev->venue, "Yongsan");
	CHECK_STR(ev->city, "Seoul");
	CHECK_STR(ev->country, "KR");
	event_set_place(ev, NULL, "Tokyo", NULL);
	CHECK(ev->venue == NULL);
	CHECK_STR(ev->city, "Tokyo");
	CHECK_STR(ev->country, "");
	event_set_place(ev, "Kantei", "Tokyo", "JPN");
	CHECK_STR(ev->country, "");
	event_take_str(ev, &ev->title, xstrdup("Summit"));
	CHECK_STR(ev->title, "Summit");
	event_set_strn(ev, &ev->title, "Summit talks", 6);
	CHECK_STR(ev->title, "Summit");
	event_free(ev);
}

TEST(derive_id)
{
	struct event *ev = event_new(), *other;
	char *id, *id2;

	ev->type = EV_SUMMIT;
	ev->allday = true;
	ev->start = days_from_civil(2023, 7, 11) * ITIN_DAY;
	event_set_str(ev, &ev->title, "NATO Summit");
	event_set_str(ev, &ev->city, "Vilnius");
	/* Pinned: itin(5) gives this example, and a store derives the ids
	 * of hand-written files the same way every time. */
	id = event_derive_id(ev);
	CHECK_STR(id, "341daba817a0896e");
	CHECK(event_id_is_valid(id));
	/* The id versions before fmix64 derived (stores hold them):
	 * FNV-1a alone, pinned before this version too. */
	{
		char old[EVENT_HEX_ID_SIZE];

		CHECK(event_old_id(id, old));
		CHECK_STR(old, "b8cd20396229bd5e");
	}

	/* Two events that share start, type, title and city but differ in
	 * anything else are two events (they had one id before). */
	other = event_clone(ev);
	other->has_end = true;
	other->end = days_from_civil(2023, 7, 12) * ITIN_DAY;
	id2 = event_derive_id(other);
	CHECK(strcmp(id, id2) != 0);
	free(id2);
	event_free(other);
	other = event_clone(ev);
	event_add_participant(other, "Gitanas Nauseda", "President");
	id2 = event_derive_id(other);
	CHECK(strcmp(id, id2) != 0);
	free(id2);
	event_set_str(other, &other->notes, "x");
	event_clear_participants(other);
	id2 = event_derive_id(other);
	CHECK(strcmp(id, id2) != 0);
	free(id2);
	event_free(other);
	/* A field's text may not slide into the next one. */
	other = event_clone(ev);
	event_set_str(other, &other->title, "NATO");
	event_set_str(other, &other->venue, "Summit");
	id2 = event_derive_id(other);
	CHECK(strcmp(id, id2) != 0);
	free(id2);
	event_free(other);

	/* The revision and an id already there are not content. */
	other = event_clone(ev);
	other->seq = 7;
	event_set_str(other, &other->id, "given");
	id2 = event_derive_id(other);
	CHECK_STR(id2, id);
	free(id2);
	event_free(other);
	free(id);

	/* With a uid, the uid alone decides: a calendar's event keeps its id
	 * when its content changes. */
	event_set_str(ev, &ev->uid, "040000008200E00074C5B7101A82E008@outlook");
	id = event_derive_id(ev);
	CHECK_INT(strlen(id), 16);
	event_set_str(ev, &ev->title, "NATO Summit (moved)");
	id2 = event_derive_id(ev);
	CHECK_STR(id2, id);
	free(id2);
	free(id);
	event_free(ev);
}

/* A derived id back in the form earlier versions wrote, and only ids
 * that can be derived ones. */
TEST(old_id)
{
	char old[EVENT_HEX_ID_SIZE] = "unchanged";
	char *id;

	/* fmix64 maps 0 to 0. */
	CHECK(event_old_id("0000000000000000", old));
	CHECK_STR(old, "0000000000000000");
	/* The id of a UID: its old form is FNV-1a 64 of the UID alone
	 * (computed apart, in python). */
	id = event_hash_id("040000008200E00074C5B7101A82E008@outlook");
	CHECK(strcmp(id, "abd2ac1c0a5926b5") != 0);
	CHECK(event_old_id(id, old));
	CHECK_STR(old, "abd2ac1c0a5926b5");
	free(id);
	strcpy(old, "unchanged");
	CHECK(!event_old_id("given", old));
	CHECK(!event_old_id("341DABA817A0896E", old)); /* not as derived */
	CHECK(!event_old_id("341daba817a0896", old));
	CHECK(!event_old_id("341daba817a0896e0", old));
	CHECK(!event_old_id("341daba817a0896g", old));
	CHECK(!event_old_id("", old));
	CHECK_STR(old, "unchanged");
}

TEST(random_id)
{
	char *a = event_random_id(), *b = event_random_id();
	size_t i;

	CHECK_INT(strlen(a), 16);
	for (i = 0; i < 16; i++)
		CHECK(strchr("0123456789abcdef", a[i]));
	CHECK(strcmp(a, b) != 0);
	CHECK(event_id_is_valid(a));
	free(a);
	free(b);
}

TEST(id_validity)
{
	char big[300];

	CHECK(event_id_is_valid("7c9e2b1d4f0a4e6b"));
	CHECK(event_id_is_valid("uid-123@example.org"));
	CHECK(event_id_is_valid("서울-1"));
	CHECK(!event_id_is_valid(""));
	CHECK(!event_id_is_valid(NULL));
	CHECK(!event_id_is_valid("a b"));
	CHECK(!event_id_is_valid("a\tb"));
	CHECK(!event_id_is_valid("a\x1b"));
	CHECK(!event_id_is_valid("a\xC2\xA0"
				 "b"));		    /* no-break space */
	CHECK(!event_id_is_valid("a\xE2\x80\xAE")); /* RLO */
	CHECK(!event_id_is_valid("bad\xFF"));
	memset(big, 'a', 255);
	big[255] = '\0';
	CHECK(event_id_is_valid(big));
	memset(big, 'a', 256);
	big[256] = '\0';
	CHECK(!event_id_is_valid(big));
}

/* split(TEXT, NAME, ROLE): the spans participant_split() finds (ROLE
 * NULL: none). */
static int split_is(const char *text, const char *name, const char *role)
{
	const char *s = text, *e = text + strlen(text), *ne, *rs, *re;
	bool has = participant_split(s, e, &ne, &rs, &re);

	if ((size_t)(ne - s) != strlen(name) || strncmp(s, name, strlen(name)))
		return 0;
	if (!role)
		return !has;
	return has && (size_t)(re - rs) == strlen(role) &&
	       !strncmp(rs, role, strlen(role));
}

TEST(participant_notation)
{
	CHECK(split_is("Yoon Suk Yeol (President)", "Yoon Suk Yeol ",
		       "President"));
	CHECK(split_is("Park Jin", "Park Jin", NULL));
	CHECK(split_is("A (x) B (Minister)", "A (x) B ", "Minister"));
	CHECK(split_is("Name \\(not a role\\)", "Name \\(not a role\\)", NULL));
	CHECK(split_is("Name (Role\\) x)", "Name ", "Role\\) x"));
	CHECK(split_is("Ends (open", "Ends (open", NULL));
	CHECK(split_is("(Role)", "", "Role"));
	CHECK(split_is("", "", NULL));
}

TEST(check_timed)
{
	struct event *ev =
	    timed("Meeting", "asia/seoul", at(2023, 1, 30, 10, 0));
	struct itin_err err;

	ev->has_end = true;
	ev->end = at(2023, 1, 30, 11, 30);
	CHECK_INT(event_check(ev, &warner, &err), 0);
	CHECK_STR(ev->tz, "Asia/Seoul"); /* canonicalised */
	CHECK_INT(ev->start_utc, at(2023, 1, 30, 1, 0));
	CHECK_INT(ev->end_utc, at(2023, 1, 30, 2, 30));
	CHECK(ev->id != NULL && strlen(ev->id) == 16);
	event_free(ev);
}

TEST(check_end_before_start)
{
	struct event *ev =
	    timed("Meeting", "Asia/Seoul", at(2023, 1, 30, 10, 0));
	struct itin_err err;
	enum event_part part;

	ev->has_end = true;
	ev->end = at(2023, 1, 30, 9, 0);
	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(err.status, 65);
	CHECK_INT(part, EV_PART_END);
	CHECK_STR(err.msg,
		  "end '2023-01-30 09:00' is before start '2023-01-30 10:00'");
	/* End == start is fine. */
	ev->end = ev->start;
	CHECK_INT(event_check(ev, NULL, &err), 0);
	event_free(ev);
}

TEST(check_across_zones)
{
	/* Seoul 18:30 -> Tokyo 20:45 is a 2 h 15 min flight. */
	struct event *ev =
	    timed("Flight", "Asia/Seoul", at(2023, 1, 30, 18, 30));
	struct itin_err err;

	ev->has_end = true;
	ev->end = at(2023, 1, 30, 20, 45);
	event_set_str(ev, &ev->end_tz, "Asia/Tokyo");
	CHECK_INT(event_check(ev, NULL, &err), 0);
	CHECK_INT(ev->end_utc - ev->start_utc, 2 * 3600 + 15 * 60);
	/* Tokyo 10:00 -> Honolulu 22:00 the day before: fine as instants. */
	ev->start = at(2023, 2, 1, 10, 0);
	event_set_str(ev, &ev->tz, "Asia/Tokyo");
	ev->end = at(2023, 1, 31, 22, 0);
	event_set_str(ev, &ev->end_tz, "Pacific/Honolulu");
	CHECK_INT(event_check(ev, NULL, &err), 0);
	CHECK_INT(event_first_day(ev), days_from_civil(2023, 2, 1));
	CHECK_INT(event_last_day(ev), days_from_civil(2023, 2, 1));
	/* But arriving before leaving is not. */
	ev->end = at(2023, 1, 31, 14, 0);
	CHECK_INT(event_check(ev, NULL, &err), -1);
	event_free(ev);
}

TEST(check_dst)
{
	struct event *ev =
	    timed("Gap", "Europe/Vilnius", at(2023, 3, 26, 3, 30));
	struct itin_err err;
	enum event_part part;

	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(err.status, 65);
	CHECK_INT(part, EV_PART_START);
	CHECK_STR(err.msg,
		  "time 2023-03-26 03:30 does not exist in Europe/Vilnius "
		  "(clocks jump from 03:00 to 04:00)");

	ev->start = at(2023, 10, 29, 3, 30);
	nwarn = 0;
	CHECK_INT(event_check(ev, &warner, &err), 0);
	CHECK_INT(nwarn, 1);
	CHECK_STR(last_warning,
		  "time 2023-10-29 03:30 is ambiguous in Europe/Vilnius; "
		  "taking the first (UTC+03:00)");
	CHECK_INT(ev->start_utc, at(2023, 10, 29, 0, 30));

	/* The end is checked the same way. */
	ev->start = at(2023, 3, 26, 1, 0);
	ev->has_end = true;
	ev->end = at(2023, 3, 26, 3, 15);
	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(part, EV_PART_END);
	event_free(ev);
}

TEST(check_bad_zone)
{
	struct event *ev = timed("X", "Europe/Pari", at(2023, 3, 1, 10, 0));
	struct itin_err err;
	enum event_part part;

	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(err.status, 65);
	CHECK_INT(part, EV_PART_TZ);
	CHECK(strstr(err.msg, "unknown time zone 'Europe/Pari'") != NULL);
	event_set_str(ev, &ev->tz, "Europe/Paris");
	event_set_str(ev, &ev->end_tz, "Mars/Olympus");
	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(part, EV_PART_END_TZ);
	event_free(ev);
}

TEST(check_allday)
{
	struct event *ev = event_new();
	struct itin_err err;

	event_set_str(ev, &ev->title, "NATO Summit");
	ev->allday = true;
	ev->start = days_from_civil(2023, 7, 11) * ITIN_DAY;
	CHECK_INT(event_check(ev, NULL, &err), 0);
	CHECK_INT(ev->start_utc, ev->start);
	CHECK_INT(ev->end_utc, ev->start + ITIN_DAY);
	ev->has_end = true;
	ev->end = days_from_civil(2023, 7, 12) * ITIN_DAY;
	event_set_str(ev, &ev->tz, "Europe/Vilnius");
	nwarn = 0;
	CHECK_INT(event_check(ev, &warner, &err), 0);
	CHECK_INT(nwarn, 1);
	CHECK_STR(last_warning, "time zone ignored for an all-day event");
	CHECK(ev->tz == NULL);
	CHECK_INT(ev->end_utc, days_from_civil(2023, 7, 13) * ITIN_DAY);
	CHECK_INT(event_first_day(ev), days_from_civil(2023, 7, 11));
	CHECK_INT(event_last_day(ev), days_from_civil(2023, 7, 12));
	ev->end = days_from_civil(2023, 7, 10) * ITIN_DAY;
	CHECK_INT(event_check(ev, NULL, &err), -1);
	CHECK_STR(err.msg, "end '2023-07-10' is before start '2023-07-11'");
	event_free(ev);
}

TEST(check_title_and_floating)
{
	struct event *ev = timed(NULL, NULL, at(2023, 1, 1, 12, 0));
	struct itin_err err;
	enum event_part part;

	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(part, EV_PART_TITLE);
	CHECK_STR(err.msg, "missing title");
	event_set_str(ev, &ev->title, "Call");
	CHECK_INT(event_check(ev, NULL, &err), 0);
	CHECK_INT(ev->start_utc, ev->start); /* floating: clock as UTC */
	CHECK_INT(ev->end_utc, ev->start);
	event_set_str(ev, &ev->id, "has space");
	CHECK_INT(event_check_part(ev, NULL, &err, &part), -1);
	CHECK_INT(part, EV_PART_ID);
	event_free(ev);
}

TEST(days)
{
	struct event *ev = timed("Late", NULL, at(2023, 1, 31, 22, 0));

	ev->has_end = true;
	ev->end = at(2023, 2, 1, 1, 30);
	CHECK_INT(event_first_day(ev), days_from_civil(2023, 1, 31));
	CHECK_INT(event_last_day(ev), days_from_civil(2023, 2, 1));
	ev->end = at(2023, 2, 1, 0, 0); /* ends at midnight: one day */
	CHECK_INT(event_last_day(ev), days_from_civil(2023, 1, 31));
	ev->has_end = false;
	CHECK_INT(event_last_day(ev), days_from_civil(2023, 1, 31));
	event_free(ev);
}

static struct event *ordered(int64_t s, int64_t e, const char *title,
			     const char *id)
{
	struct event *ev = event_new();

	ev->start_utc = s;
	ev->end_utc = e;
	event_set_str(ev, &ev->title, title);
	event_set_str(ev, &ev->id, id);
	return ev;
}

TEST(compare_and_sort)
{
	struct evlist l = EVLIST_INIT;
	size_t i;

	evlist_add(&l, ordered(10, 20, "b", "1"));
	evlist_add(&l, ordered(10, 20, "a", "2"));
	evlist_add(&l, ordered(5, 30, "z", "3"));
	evlist_add(&l, ordered(10, 15, "z", "4"));
	evlist_add(&l, ordered(10, 20, "a", "0"));
	CHECK(event_compare(l.v[0], l.v[1]) > 0);
	CHECK(event_compare(l.v[1], l.v[1]) == 0);
	evlist_sort(&l);
	CHECK_STR(l.v[0]->id, "3");
	CHECK_STR(l.v[1]->id, "4");
	CHECK_STR(l.v[2]->id, "0");
	CHECK_STR(l.v[3]->id, "2");
	CHECK_STR(l.v[4]->id, "1");
	evlist_release(&l);

	/* Stability on a long list of equal keys (merge sort path). */
	for (i = 0; i < 1000; i++) {
		char id[16];
		struct event *ev = ordered((int64_t)(i % 7), 0, "same", NULL);

		snprintf(id, sizeof(id), "%zu", i);
		event_set_str(ev, &ev->id, NULL);
		evlist_add(&l, ev);
		event_set_str(ev, &ev->notes,
			      id); /* remember the input order */
	}
	evlist_sort(&l);
	for (i = 1; i < l.n; i++) {
		CHECK(l.v[i - 1]->start_utc <= l.v[i]->start_utc);
		if (l.v[i - 1]->start_utc == l.v[i]->start_utc)
			CHECK(atoi(l.v[i - 1]->notes) < atoi(l.v[i]->notes));
	}
	evlist_release(&l);
}

/* An id index under many puts: the ids are copied (a caller may reuse
 * its buffer, as the iCalendar reader does), a put of an id it holds
 * moves it, and every id is found after; an id longer than the index's
 * chunks too. */
TEST(evindex_many_puts)
{
	struct evlist empty = EVLIST_INIT;
	struct evindex *ix = evindex_build(&empty);
	char id[64], *longid = xmalloc(40001);
	size_t i, n = 150000;

	evindex_reserve(ix, n / 2); /* a hint: the rest grows as it comes */
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "%016zx-%zu", i * 0x9e3779b1u, i);
		evindex_put(ix, id, i);
	}
	memset(id, 'x', sizeof(id) - 1); /* the caller's buffer, reused */
	memset(longid, 'L', 40000);
	longid[40000] = '\0';
	evindex_put(ix, longid, 12345678);
	longid[0] = 'M';
	for (i = 0; i < n; i += 3) {
		snprintf(id, sizeof(id), "%016zx-%zu", i * 0x9e3779b1u, i);
		evindex_put(ix, id, n + i);
	}
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "%016zx-%zu", i * 0x9e3779b1u, i);
		CHECK_INT(evindex_find(ix, id), (long)(i % 3 ? i : n + i));
	}
	CHECK_INT(evindex_find(ix, longid), -1);
	longid[0] = 'L';
	CHECK_INT(evindex_find(ix, longid), 12345678);
	snprintf(id, sizeof(id), "%016zx-%zu", n * 0x9e3779b1u, n);
	CHECK_INT(evindex_find(ix, id), -1);
	evindex_free(ix);
	free(longid);
}

TEST(list_ops)
{
	struct evlist l = EVLIST_INIT;
	struct evindex *ix;
	struct event *ev;
	char id[32];
	size_t i;

	for (i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "id-%zu", i);
		evlist_add(&l, ordered(0, 0, "t", id));
	}
	CHECK_INT(evlist_find(&l, "id-4321"), 4321);
	CHECK_INT(evlist_find(&l, "nope"), -1);
	ix = evindex_build(&l);
	for (i = 0; i < 5000; i += 7) {
		snprintf(id, sizeof(id), "id-%zu", i);
		CHECK_INT(evindex_find(ix, id), (long)i);
	}
	CHECK_INT(evindex_find(ix, "nope"), -1);
	evindex_put(ix, "new", 77);
	evindex_put(ix, "id-1", 99);
	CHECK_INT(evindex_find(ix, "new"), 77);
	CHECK_INT(evindex_find(ix, "id-1"), 99);
	evindex_free(ix);

	ev = evlist_take(&l, 1);
	CHECK_STR(ev->id, "id-1");
	CHECK_STR(l.v[1]->id, "id-2");
	CHECK_INT(l.n, 4999);
	evlist_replace(&l, 0, ev);
	CHECK_STR(l.v[0]->id, "id-1");
	CHECK(evlist_take(&l, 99999) == NULL);
	evlist_release(&l);
	CHECK_INT(l.n, 0);
	evlist_free(NULL);
}

int main(void)
{
	RUN(names);
	RUN(new_clone_free);
	RUN(lone_event);
	RUN(arena);
	RUN(list_arenas);
	RUN(setters);
	RUN(derive_id);
	RUN(old_id);
	RUN(random_id);
	RUN(id_validity);
	RUN(check_timed);
	RUN(check_end_before_start);
	RUN(check_across_zones);
	RUN(check_dst);
	RUN(check_bad_zone);
	RUN(participant_notation);
	RUN(check_allday);
	RUN(check_title_and_floating);
	RUN(days);
	RUN(compare_and_sort);
	RUN(list_ops);
	RUN(evindex_many_puts);
	tz_cache_free();
	return test_done();
}
