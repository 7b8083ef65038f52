/*
 * event.h: the event model.
 *
 * Where an event's strings live: in its arena (evarena.h), with the
 * struct itself and its participant and tag arrays. An event read into a
 * list lives in the list's arena; a lone one (event_new(), event_clone())
 * has an arena of its own, which evlist_add() hands to the list. So there
 * is one rule, whatever made the event: its strings and arrays change
 * only through the functions below, which copy into the arena (make
 * check-deps refuses an assignment to ev->title and the like, or a free()
 * of one, outside event.c and evarena.c). A value replaced stays in the
 * arena until the arena goes: a few edits a command, never a loop.
 *
 * Times are wall-clock local seconds (datetime.h) in the event's own
 * zone, as written by the people who keep itineraries: "10:00 in Seoul"
 * stays 10:00 in Seoul. The instants used for ordering are derived from
 * them by event_check() and cached.
 *
 * All-day events: start and end are midnights of the first and last day,
 * the last day inclusive (2023-07-11..2023-07-12 is two days). They carry
 * no zone.
 *
 * Floating events (timed, no zone) are ordered as if their clock were UTC.
 *
 * Three files implement it: event.c the event itself (construction, its
 * strings and arrays, names, order, days), evcheck.c what makes one
 * trustworthy (event_check() and the ids it checks or derives), evlist.c
 * the lists that own events and their arenas.
 *
 * (One design, not three: before, events were heap copies, a malloc per
 * string, or "packed" into one block, or "staged" in a CSV reader's room
 * and packed after, and every free asked which. Per-list arenas give the
 * CSV reader its speed, a row's cells written once and no malloc per
 * event, to every reader, and a list's release is a few hundred frees.)
 */
#ifndef ITIN_EVENT_H
#define ITIN_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"
#include "itin/evarena.h"

enum event_type {
	EV_VISIT,
	EV_MEETING,
	EV_SUMMIT,
	EV_CONFERENCE,
	EV_INTERVIEW,
	EV_PRESS,
	EV_TRAVEL,
	EV_RECEPTION,
	EV_CALL,
	EV_OTHER,
	EV_TYPE_COUNT
};

enum event_status {
	EV_CONFIRMED,
	EV_TENTATIVE,
	EV_CANCELLED,
	EV_STATUS_COUNT,
};

struct participant {
	char *name; /* never NULL */
	char *role; /* NULL when none given */
};

struct event {
	/* (Pointers and 64-bit times first, the small fields packed at the
	 * end: a million events in memory is a normal import. A new string
	 * field goes into event.c's str_fields too, which copies them, and
	 * into check-deps.sh's EV_STR.) */
	char *id; /* never NULL once checked */
	/*
	 * The UID of the calendar event this one came from (iCalendar; for
	 * an occurrence of a series, "UID/occurrence"), kept for identity
	 * with other calendars and written back as UID; NULL for events
	 * of itin's own. An event with a uid and no id gets its id from it.
	 */
	char *uid;
	char *title; /* never NULL once checked */

	int64_t start; /* local seconds in tz */
	int64_t end;  /* local seconds in end_tz if set, else tz; see has_end */
	char *tz;     /* IANA name; NULL = floating (always NULL when allday) */
	char *end_tz; /* NULL = same as tz */

	char *venue;
	char *city;

	struct participant *with;
	char *org;
	char *source;
	char *notes; /* may hold line breaks */
	char **tags;

	/* Derived by event_check(): instants for ordering and overlap. */
	int64_t start_utc;
	/* == start_utc when no end; all-day: the end of the last day. */
	int64_t end_utc;
	/* When the source calendar last changed it (LAST-MODIFIED, UTC
	 * seconds since the epoch), if has_modified: with seq, it decides
	 * whether an import is newer than what is stored. */
	int64_t modified;

	enum event_type type;
	enum event_status status;
	/*
	 * The revision: 0 for a new event, one more each time edit or an
	 * import changes it (the text format's "seq:" key, iCalendar's
	 * SEQUENCE), so calendar apps take a re-export as an update.
	 */
	unsigned seq;
	/*
	 * What the source calendar said the revision was (its SEQUENCE) when
	 * the event was last imported from it: the next import from that
	 * calendar is compared with this, not with seq, which local edits
	 * count up too. The text format's "src-seq:", written only for an
	 * event with a uid (of another calendar) when it differs from seq;
	 * absent, it is seq.
	 */
	unsigned src_seq;
	/*
	 * Set by the readers, never stored: the fields (EVF_* of evident.h)
	 * this event's source gave, so an import keeps the stored value of
	 * the others (an Outlook event has no organisation to say); 0: every
	 * field its format has. And the line the event starts at in its
	 * file (0: unknown), for import's warnings.
	 */
	uint32_t carried;
	uint32_t line;
	uint32_t nwith; /* fields are at most 64 KiB: never near 2^32 */
	uint32_t ntags;
	char country[3]; /* ISO 3166 alpha-2, upper case, or "" */
	bool allday;
	bool has_end;
	bool has_modified;
	/* The model's own (event.c, evlist.c): the arena the event and its
	 * strings live in, and whether it is the event's alone (a lone
	 * event's: event_free() releases it). */
	bool lone;
	struct evarena *arena;
};

/*
 * A lone event, in an arena of its own: event_free() frees it, or
 * evlist_add() gives it to a list (evlist.h), which then owns it.
 */
struct event *event_new(void);
/*
 * A new event in the arena a, a list's (evlist_arena()), for a reader:
 * no allocation of its own. It lives as long as a (event_free() does
 * nothing to it); add it to that list, or rewind a to a mark taken
 * before it (evarena_mark()) to drop it.
 */
struct event *event_new_in(struct evarena *a);
/* Frees a lone event; NULL, and an event in a list's arena, are left
 * alone (the arena frees the latter with the list). */
void event_free(struct event *ev);
/* A lone copy of ev, wherever ev lives. */
struct event *event_clone(const struct event *ev);

/* "visit" <-> EV_VISIT; parsing is case-insensitive. -1 if unknown. */
const char *event_type_name(enum event_type t);
int event_type_parse(const char *s);
const char *event_status_name(enum event_status s);
int event_status_parse(const char *s);

/*
 * The with and tags arrays belong to these functions: their capacity is
 * implied by the count (grown by doubling), so never allocate or shrink
 * them by hand.
 */
void event_add_participant(struct event *ev, const char *name,
			   const char *role);
/*
 * The "Name (Role)" notation of the text format and of CSV: [s, e) holds
 * a role when it ends with ')' and has an unescaped '(' (backslash
 * escapes); the last such '(' opens it. Then *name_end is that '(' and
 * [*role_s, *role_e) the text inside, both untrimmed and still escaped;
 * otherwise *name_end is e. Unescaping is the caller's: the text format
 * refuses a bad escape, CSV keeps it.
 */
bool participant_split(const char *s, const char *e, const char **name_end,
		       const char **role_s, const char **role_e);
void event_add_tag(struct event *ev, const char *tag);
void event_clear_participants(struct event *ev);
void event_clear_tags(struct event *ev);
/*
 * Replace one of ev's string fields (field is &ev->title, &ev->venue...):
 * the new value is a copy in ev's arena. event_set_str() copies value
 * (NULL clears); event_set_strn() the n bytes at s (a slice of a line; s
 * NULL clears); event_take_str() the string s, a string from malloc
 * (strbuf_detach(), xstrdup()) that it frees: the caller lets go of it
 * either way. Readers use these rather than assigning ev->title and the
 * like (make check-deps refuses that outside event.c and evarena.c).
 */
void event_set_str(struct event *ev, char **field, const char *value);
void event_set_strn(struct event *ev, char **field, const char *s, size_t n);
void event_take_str(struct event *ev, char **field, char *s);
/*
 * The place of ev as a reader found it (the venue, city and country of
 * location.h's struct location): venue and city copied (NULL clears),
 * country two letters or "" (NULL and anything else clear it).
 */
void event_set_place(struct event *ev, const char *venue, const char *city,
		     const char *country);

/*
 * Check an event and make it what the rest of itin relies on: the one
 * step every reader (and add, edit, import's merge) takes before an event
 * is stored, listed or written. It checks and it normalises, in this
 * order, stopping at the first failure:
 *
 *   1. content (changes nothing): a title, a valid type, every text and
 *      list within the limits below, start and end within 0001..9999;
 *   2. times: an all-day event loses any zone (with a warning) and must
 *      have date-only ends; a timed event's zones must exist and are
 *      rewritten to the tz database's spelling ("europe/paris" becomes
 *      "Europe/Paris"), a start inside a daylight-saving gap is refused,
 *      an ambiguous (repeated-hour) time takes the first occurrence and
 *      warns; the instants (start_utc, end_utc) are computed and cached,
 *      and the end may not come before the start (compared as instants,
 *      across zones);
 *   3. id: one given must be valid (event_id_is_valid()); a missing one
 *      is derived (event_derive_id()), last, since it hashes the zones
 *      as step 2 spelt them.
 *
 * The steps interleave checking and rewriting on purpose: a zone is
 * checked by resolving it, and the warnings come out in the order the
 * problems are met. Fails with status 65 and a message; err->file/line
 * are left to the caller.
 */
int event_check(struct event *ev, const struct itin_warner *w,
		struct itin_err *err);

/*
 * The longest text any one field may hold, in bytes (a title, a venue, a
 * participant's name, the notes...). Real itineraries stay far below it;
 * the limit keeps every line of the text format within ITINFMT_MAX_LINE
 * even when every byte needs a four-byte escape.
 */
#define EVENT_MAX_TEXT 65536
/*
 * The most participants and tags one event may have, and the most bytes
 * their texts may hold together (names and roles; tags). Without them one
 * event of a million `with:` lines imported, and its CSV export wrote a
 * participants field that CSV import refuses (a field is at most 1 MiB).
 * With them everything itin stores it can export and read back in every
 * format: a list's CSV field is at most its text written with the text
 * format's escapes (at most 4 bytes a byte) and 5 bytes of "; ", " (" and
 * ")" an item, 4 * 192 KiB + 5 * 1000 < 1 MiB.
 */
#define EVENT_MAX_WITH	    1000
#define EVENT_MAX_TAGS	    1000
#define EVENT_MAX_LIST_TEXT (192 * 1024)
/* The highest revision (iCalendar's SEQUENCE is a signed 32-bit integer). */
#define EVENT_MAX_SEQ 2147483647u

/*
 * event_check(), also telling which part of the event a failure is about,
 * so a reader can point at the right line and column.
 */
enum event_part {
	EV_PART_NONE,
	EV_PART_TITLE,
	EV_PART_TYPE,
	EV_PART_START,
	EV_PART_END,
	EV_PART_TZ,
	EV_PART_END_TZ,
	EV_PART_ID,
};
int event_check_part(struct event *ev, const struct itin_warner *w,
		     struct itin_err *err, enum event_part *part);

/*
 * The id of an event that has none: 16 lower-case hex digits of
 * fmix64(FNV-1a 64) (hash.h) of its uid when it has one (so a calendar's
 * event keeps its id across imports), else of its whole content, every
 * field but the id and the revision (evident_hash(), EVF_DERIVED). Stable
 * across versions: a hand-written file imported twice gets the same ids,
 * and two events that differ in any field get two. (Versions before
 * fmix64 derived the FNV-1a value alone: see event_old_id().) Returns a
 * new string.
 */
char *event_derive_id(const struct event *ev);

/* The 16 hex digits of fmix64(FNV-1a 64 of s), as derived ids are
 * written. Returns a new string. */
char *event_hash_id(const char *s);

/* A derived id's size with its '\0'. */
#define EVENT_HEX_ID_SIZE 17

/*
 * The id an earlier version derived where this one derives id: fmix64
 * undone, so the FNV-1a value alone, in 16 hex digits, into old. False
 * (old untouched) when id is not 16 lower-case hex digits, so cannot be
 * derived. Stores keep the ids they wrote: import looks a derived id up
 * in this form too, and finds the events an earlier version imported.
 */
bool event_old_id(const char *id, char old[EVENT_HEX_ID_SIZE]);

/* A random 16-hex-digit id (getrandom), for `itin add`. Returns a new
 * string. */
char *event_random_id(void);

/* Ids are 1..255 bytes of printable, non-space UTF-8. */
bool event_id_is_valid(const char *id);

/*
 * changed replaces old: give it the next revision, old->seq + 1, or its
 * own when that is higher (an update that already counts further, as a
 * calendar file's SEQUENCE may).
 */
void event_next_seq(struct event *changed, const struct event *old);

/* Order by start instant, then end instant, then title (bytewise), then id. */
int event_compare(const struct event *a, const struct event *b);

/* First and last local day of the event (days since epoch), for day
 * grouping and the --from/--to filters. */
int64_t event_first_day(const struct event *ev);
int64_t event_last_day(const struct event *ev);

#endif
