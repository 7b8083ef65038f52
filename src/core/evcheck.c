/*
 * evcheck.c: event_check() (event.h), where an event becomes trustworthy,
 * and the ids it checks or derives.
 *
 * event_check() runs in three stages (event.h says what each checks and
 * rewrites): check_content() changes nothing; resolve_allday() or
 * resolve_timed() resolve zones against the tz database, refuse local
 * times in a daylight-saving gap and cache the instants used for sorting
 * and overlap; resolve_id() checks or derives the id.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/evident.h"
#include "itin/hash.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* "2023-03-26 03:30" (seconds only when not zero), for messages. */
static void fmt_local(int64_t lsec, bool has_time, char *buf)
{
	when_format(lsec, has_time, ' ', buf);
}

/*
 * Resolve one zone name (canonicalising its spelling) and turn the local
 * time into an instant, refusing a time in a gap and warning about a
 * repeated one. Returns -1 for an unknown zone, -2 for a time in a gap.
 */
static int zoned_instant(struct event *ev, char **zone_name, int64_t local,
			 const struct itin_warner *w, struct itin_err *err,
			 int64_t *out)
{
	const struct tz *tz = tz_get(*zone_name, err);
	struct tz_local_info info;
	char when[ITIN_WHEN_MAX], a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];
	char off[16];

	if (!tz)
		return -1;
	if (strcmp(tz_name(tz), *zone_name))
		event_set_str(ev, zone_name, tz_name(tz));
	*out = tz_local_to_utc(tz, local, &info);
	if (info.kind == TZ_LOCAL_GAP) {
		fmt_local(local, true, when);
		clock_format(lsec_time_of_day(info.gap_from), a);
		clock_format(lsec_time_of_day(info.gap_to), b);
		itin_err_set(err, ITIN_EX_DATAERR,
			     "time %s does not exist in %s "
			     "(clocks jump from %s to %s)",
			     when, tz_name(tz), a, b);
		return -2;
	}
	if (info.kind == TZ_LOCAL_AMBIGUOUS) {
		fmt_local(local, true, when);
		tz_format_offset(info.offset_before, off);
		itin_warn_at(w, NULL, 0, 0,
			     "time %s is ambiguous in %s; "
			     "taking the first (UTC%s)",
			     when, tz_name(tz), off);
	}
	return 0;
}

/* Empty, or nothing but white space: no title a person could read. */
static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
		    *s != '\v' && *s != '\f')
			return false;
	return true;
}

static int check_length(const char *what, const char *s, struct itin_err *err)
{
	size_t n = s ? strlen(s) : 0;

	if (n <= EVENT_MAX_TEXT)
		return 0;
	return itin_err_set(err, ITIN_EX_DATAERR,
			    "%s too long (%zu bytes; limit %d)", what, n,
			    EVENT_MAX_TEXT);
}

/* Every text field within EVENT_MAX_TEXT, the lists within their caps. */
static int check_lengths(const struct event *ev, struct itin_err *err)
{
	size_t i, with_text = 0, tag_text = 0;

	if (ev->nwith > EVENT_MAX_WITH)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "too many participants (%lu; limit %d)",
				    (unsigned long)ev->nwith, EVENT_MAX_WITH);
	if (ev->ntags > EVENT_MAX_TAGS)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "too many tags (%lu; limit %d)",
				    (unsigned long)ev->ntags, EVENT_MAX_TAGS);
	for (i = 0; i < ev->nwith; i++)
		with_text += strlen(ev->with[i].name) +
			     (ev->with[i].role ? strlen(ev->with[i].role) : 0);
	for (i = 0; i < ev->ntags; i++)
		tag_text += strlen(ev->tags[i]);
	if (with_text > EVENT_MAX_LIST_TEXT)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "participants too long (%zu bytes in all; "
				    "limit %d)",
				    with_text, EVENT_MAX_LIST_TEXT);
	if (tag_text > EVENT_MAX_LIST_TEXT)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "tags too long (%zu bytes in all; "
				    "limit %d)",
				    tag_text, EVENT_MAX_LIST_TEXT);

	if (check_length("title", ev->title, err) ||
	    check_length("venue", ev->venue, err) ||
	    check_length("city", ev->city, err) ||
	    check_length("organisation", ev->org, err) ||
	    check_length("source", ev->source, err) ||
	    check_length("uid", ev->uid, err) ||
	    check_length("notes", ev->notes, err))
		return -1;
	for (i = 0; i < ev->nwith; i++)
		if (check_length("participant name", ev->with[i].name, err) ||
		    check_length("participant role", ev->with[i].role, err))
			return -1;
	for (i = 0; i < ev->ntags; i++)
		if (check_length("tag", ev->tags[i], err))
			return -1;
	return 0;
}

static bool lsec_in_range(int64_t lsec)
{
	return lsec >= ITIN_FIRST_DAY * (int64_t)ITIN_DAY &&
	       lsec < (ITIN_LAST_DAY + 1) * (int64_t)ITIN_DAY;
}

/*
 * The first stage of event_check(), which changes nothing: a known type,
 * a title, every text within its limit, and times inside the calendar
 * the text format writes.
 */
static int check_content(const struct event *ev, struct itin_err *err,
			 enum event_part *part)
{
	if ((unsigned)ev->type >= EV_TYPE_COUNT) {
		*part = EV_PART_TYPE;
		return itin_err_set(err, ITIN_EX_DATAERR, "unknown type");
	}
	if (blank(ev->title)) {
		*part = EV_PART_TITLE;
		return itin_err_set(err, ITIN_EX_DATAERR, "missing title");
	}
	if (check_lengths(ev, err) < 0)
		return -1;
	/* An importer can compute a time past the calendar itin writes
	 * (a DURATION, a UTC time shown in a zone): refused here, since the
	 * store could not be read back. */
	if (!lsec_in_range(ev->start)) {
		*part = EV_PART_START;
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "start outside the years 0001 to 9999");
	}
	if (ev->has_end && !lsec_in_range(ev->end)) {
		*part = EV_PART_END;
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "end outside the years 0001 to 9999");
	}
	return 0;
}

/*
 * The times of an all-day event: its zones dropped (with a warning), its
 * days checked to be whole, and its instants: the start's midnight to the
 * end of the last day, read as UTC.
 */
static int resolve_allday(struct event *ev, const struct itin_warner *w,
			  struct itin_err *err, enum event_part *part)
{
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

	if (ev->tz || ev->end_tz) {
		itin_warn_at(w, NULL, 0, 0,
			     "time zone ignored for an all-day event");
		event_set_str(ev, &ev->tz, NULL);
		event_set_str(ev, &ev->end_tz, NULL);
	}
	if (lsec_time_of_day(ev->start) != 0) {
		*part = EV_PART_START;
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "all-day event starts at a time of day");
	}
	if (ev->has_end && lsec_time_of_day(ev->end) != 0) {
		*part = EV_PART_END;
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "all-day event ends at a time of day");
	}
	ev->start_utc = ev->start;
	ev->end_utc = ev->start + ITIN_DAY;
	if (!ev->has_end)
		return 0;
	if (ev->end < ev->start) {
		*part = EV_PART_END;
		date_format(lsec_day(ev->end), a);
		date_format(lsec_day(ev->start), b);
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "end '%s' is before start '%s'", a, b);
	}
	ev->end_utc = (lsec_day(ev->end) + 1) * ITIN_DAY;
	return 0;
}

/* A timed event's end zone, when it has one of its own, must exist; its
 * name is made the database's spelling. */
static int resolve_end_tz(struct event *ev, struct itin_err *err,
			  enum event_part *part)
{
	const struct tz *etz;

	if (!ev->end_tz)
		return 0;
	etz = tz_get(ev->end_tz, err);
	if (!etz) {
		*part = EV_PART_END_TZ;
		return -1;
	}
	if (strcmp(tz_name(etz), ev->end_tz))
		event_set_str(ev, &ev->end_tz, tz_name(etz));
	return 0;
}

/* The refusal of a timed end before its start, zone is the end's. */
static int end_before_start(const struct event *ev, const char *zone,
			    struct itin_err *err, enum event_part *part)
{
	const char *sz = ev->tz ? ev->tz : "floating";
	const char *ez = zone ? zone : "floating";
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

	*part = EV_PART_END;
	fmt_local(ev->end, true, a);
	fmt_local(ev->start, true, b);
	/* Across zones the clock times alone can look right: name the
	 * zones they are read in. */
	if (strcmp(sz, ez))
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "end '%s' (%s) is before start '%s' (%s)",
				    a, ez, b, sz);
	return itin_err_set(err, ITIN_EX_DATAERR,
			    "end '%s' is before start '%s'", a, b);
}

/* What a failure r of zoned_instant() is about: the time, for one in a
 * gap (-2), else the zone it is read in. */
static enum event_part failed_part(int r, enum event_part time,
				   enum event_part zone)
{
	return r == -2 ? time : zone;
}

/*
 * The times of a timed event: its zones resolved to the database's
 * spelling, the instants of start and end computed in them (a time in a
 * gap refused, an ambiguous one warned about), the end not before the
 * start. A floating time is read as UTC.
 */
static int resolve_timed(struct event *ev, const struct itin_warner *w,
			 struct itin_err *err, enum event_part *part)
{
	char **zone;
	int r;

	if (ev->tz) {
		r = zoned_instant(ev, &ev->tz, ev->start, w, err,
				  &ev->start_utc);
		if (r) {
			*part = failed_part(r, EV_PART_START, EV_PART_TZ);
			return -1;
		}
	} else {
		ev->start_utc = ev->start;
	}
	ev->end_utc = ev->start_utc;
	if (resolve_end_tz(ev, err, part) < 0)
		return -1;
	if (!ev->has_end)
		return 0;
	zone = ev->end_tz ? &ev->end_tz : &ev->tz;
	if (*zone) {
		r = zoned_instant(ev, zone, ev->end, w, err, &ev->end_utc);
		if (r) {
			*part = failed_part(r, EV_PART_END,
					    zone == &ev->tz ? EV_PART_TZ
							    : EV_PART_END_TZ);
			return -1;
		}
	} else {
		ev->end_utc = ev->end;
	}
	if (ev->end_utc < ev->start_utc)
		return end_before_start(ev, *zone, err, part);
	return 0;
}

static void derive_id_in(const struct event *ev, char buf[EVENT_HEX_ID_SIZE]);

/* The last stage: an id given is checked; one missing is derived, from
 * the event as the stages before left it (canonical zones). */
static int resolve_id(struct event *ev, struct itin_err *err,
		      enum event_part *part)
{
	if (!ev->id) {
		char id[EVENT_HEX_ID_SIZE];

		derive_id_in(ev, id);
		event_set_str(ev, &ev->id, id);
		return 0;
	}
	if (event_id_is_valid(ev->id))
		return 0;
	*part = EV_PART_ID;
	return itin_err_set(err, ITIN_EX_DATAERR,
			    "invalid id '%s' (1 to 255 printable characters, "
			    "no spaces)",
			    ev->id);
}

int event_check_part(struct event *ev, const struct itin_warner *w,
		     struct itin_err *err, enum event_part *part)
{
	enum event_part dummy;

	if (!part)
		part = &dummy;
	*part = EV_PART_NONE;
	itin_err_clear(err);
	if (check_content(ev, err, part) < 0)
		return -1;
	if (ev->allday ? resolve_allday(ev, w, err, part)
		       : resolve_timed(ev, w, err, part))
		return -1;
	return resolve_id(ev, err, part);
}

int event_check(struct event *ev, const struct itin_warner *w,
		struct itin_err *err)
{
	return event_check_part(ev, w, err, NULL);
}

/* v as 16 lower-case hex digits, what "%016llx" writes: by hand, as
 * the merge asks for an id's earlier form once per imported event. */
static void hex16(uint64_t v, char buf[EVENT_HEX_ID_SIZE])
{
	static const char digit[] = "0123456789abcdef";

	for (int i = 15; i >= 0; i--, v >>= 4)
		buf[i] = digit[v & 15];
	buf[16] = '\0';
}

/* The id derived from FNV-1a value h: fmix64 spreads it (hash.h says
 * why), then 16 lower-case hex digits. */
static void hex_id_in(uint64_t h, char buf[EVENT_HEX_ID_SIZE])
{
	hex16(fmix64(h), buf);
}

static char *hex_id(uint64_t h)
{
	char buf[EVENT_HEX_ID_SIZE];

	hex_id_in(h, buf);
	return xstrdup(buf);
}

/* event_derive_id() into buf. */
static void derive_id_in(const struct event *ev, char buf[EVENT_HEX_ID_SIZE])
{
	/* A calendar's UID says which event this is whatever its content;
	 * without one the content is all there is. */
	if (ev->uid && *ev->uid)
		hex_id_in(fnv1a_str(FNV1A_OFFSET, ev->uid), buf);
	else
		hex_id_in(evident_hash(ev, EVF_DERIVED), buf);
}

bool event_old_id(const char *id, char old[EVENT_HEX_ID_SIZE])
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; id[i]; i++) {
		unsigned d;

		if (i == 16)
			return false;
		if (id[i] >= '0' && id[i] <= '9')
			d = (unsigned)(id[i] - '0');
		else if (id[i] >= 'a' && id[i] <= 'f')
			d = (unsigned)(id[i] - 'a' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	if (i != 16)
		return false;
	hex16(fmix64_inverse(v), old);
	return true;
}

char *event_hash_id(const char *s)
{
	return hex_id(fnv1a_str(FNV1A_OFFSET, s));
}

char *event_derive_id(const struct event *ev)
{
	char buf[EVENT_HEX_ID_SIZE];

	derive_id_in(ev, buf);
	return xstrdup(buf);
}

char *event_random_id(void)
{
	unsigned char b[8];
	size_t got = 0;
	uint64_t v = 0;
	char buf[EVENT_HEX_ID_SIZE];
	int i;

	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	if (got < sizeof(b)) {
		/* No getrandom (old kernel, seccomp): fall back to a clock
		 * and pid mix; ids only need to be unique, not secret. */
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = FNV1A_OFFSET;
		v = (v ^ (uint64_t)ts.tv_sec) * FNV1A_PRIME;
		v = (v ^ (uint64_t)ts.tv_nsec) * FNV1A_PRIME;
		v = (v ^ (uint64_t)getpid()) * FNV1A_PRIME;
	} else {
		for (i = 0; i < 8; i++)
			v = (v << 8) | b[i];
	}
	hex16(v, buf);
	return xstrdup(buf);
}

/* Spaces and invisible formatting that would make an id hard to type. */
static bool id_cp_ok(uint32_t cp)
{
	if (cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0))
		return false;
	if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) ||
	    (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
	    cp == 0x3000 || cp == 0xFEFF || cp == 0x061C)
		return false;
	return true;
}

bool event_id_is_valid(const char *id)
{
	size_t len, i = 0;
	uint32_t cp;

	if (!id)
		return false;
	len = strlen(id);
	if (len < 1 || len > 255)
		return false;
	while (i < len) {
		size_t n;

		/* Most ids are ASCII: checked here, without decoding (an
		 * import checks one per event). */
		if ((unsigned char)id[i] < 0x80) {
			if ((unsigned char)id[i] <= 0x20 || id[i] == 0x7F)
				return false;
			i++;
			continue;
		}
		n = utf8_decode(id + i, len - i, &cp);

		if (!n || !id_cp_ok(cp))
			return false;
		i += n;
	}
	return true;
}
