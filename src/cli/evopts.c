/*
 * evopts.c: the event options of add and edit (--start, --city, --tz,
 * --clear ...): recorded as given into a struct evopts, then applied to an
 * event by one function, so the two commands cannot drift apart.
 *
 * Applying goes in the order a reader checks by hand: the plain fields,
 * what --clear empties and the details, the place (a city fills in its
 * country), the times, then the zones (given, or found from the place),
 * and last event_check().
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

static const struct {
	const char *name;
	unsigned bit;
} clear_fields[] = {
    {"end", F_END},	    {"venue", F_VENUE}, {"city", F_CITY},
    {"country", F_COUNTRY}, {"tz", F_TZ},	{"end-tz", F_END_TZ},
    {"with", F_WITH},	    {"org", F_ORG},	{"source", F_SOURCE},
    {"notes", F_NOTES},	    {"note", F_NOTES},	{"tags", F_TAGS},
    {"tag", F_TAGS},
};

static int parse_clear(const char *arg, const struct command *cmd,
		       unsigned *bits)
{
	for (size_t i = 0; i < sizeof(clear_fields) / sizeof(clear_fields[0]);
	     i++) {
		if (!strcmp(arg, clear_fields[i].name)) {
			*bits |= clear_fields[i].bit;
			return 0;
		}
	}
	return usage_error(
	    cmd,
	    "cannot clear '%s' (fields: end, venue, city, "
	    "country, tz, end-tz, with, org, source, notes, tags)",
	    arg);
}

/* Where option c's value is kept in o, or NULL for the options that are
 * not one string (--with, --tag, --clear, --floating, and others'). */
static const char **evopts_slot(struct evopts *o, int c)
{
	switch (c) {
	case OPT_TYPE:
		return &o->type;
	case OPT_TITLE:
		return &o->title;
	case OPT_START:
		return &o->start;
	case OPT_END:
		return &o->end;
	case OPT_CITY:
		return &o->city;
	case OPT_COUNTRY:
		return &o->country;
	case OPT_VENUE:
		return &o->venue;
	case OPT_TZ:
		return &o->tz;
	case OPT_ORG:
		return &o->org;
	case OPT_STATUS:
		return &o->status;
	case OPT_SOURCE:
		return &o->source;
	case OPT_NOTE:
		return &o->note;
	case OPT_ID:
		return &o->id;
	case OPT_END_TZ:
		return &o->end_tz;
	case OPT_TO_CITY:
		return &o->to_city;
	default:
		return NULL;
	}
}

int evopts_option(struct evopts *o, int c, const char *arg,
		  const struct command *cmd)
{
	struct itin_err err;
	const char **slot = evopts_slot(o, c);

	if (c == OPT_FLOATING) {
		o->floating = o->any = true;
		return 0;
	}
	if (!slot && c != OPT_WITH && c != OPT_TAG && c != OPT_CLEAR)
		return CLI_NOT_MINE;
	itin_err_clear(&err);
	if (check_utf8_arg(arg, opt_name(c), &err))
		return report_err(&err);
	o->any = true;
	if (slot) {
		*slot = arg;
	} else if (c == OPT_WITH) {
		o->with = xrealloc(o->with, (o->nwith + 1) * sizeof(*o->with));
		o->with[o->nwith++] = arg;
	} else if (c == OPT_TAG) {
		o->tags = xrealloc(o->tags, (o->ntags + 1) * sizeof(*o->tags));
		o->tags[o->ntags++] = arg;
	} else {
		return parse_clear(arg, cmd, &o->clear);
	}
	return 0;
}

void evopts_release(struct evopts *o)
{
	free(o->with);
	free(o->tags);
	o->with = NULL;
	o->tags = NULL;
	o->nwith = o->ntags = 0;
}

/* "Name (Role)": the role is inside the last parentheses at the end. */
static int add_with(struct event *ev, const char *arg, struct itin_err *err)
{
	const char *end = arg + strlen(arg), *open = NULL;
	const char *rs = NULL, *re = NULL;
	char *name, *role = NULL;

	while (end > arg && ascii_isspace((unsigned char)end[-1]))
		end--;
	if (end > arg && end[-1] == ')') {
		for (const char *p = end - 1; p > arg; p--) {
			if (p[-1] == '(') {
				open = p - 1;
				break;
			}
		}
	}
	if (open) {
		rs = open + 1;
		re = end - 1;
		while (rs < re && ascii_isspace((unsigned char)*rs))
			rs++;
		while (re > rs && ascii_isspace((unsigned char)re[-1]))
			re--;
		end = open;
	}
	while (arg < end && ascii_isspace((unsigned char)*arg))
		arg++;
	while (end > arg && ascii_isspace((unsigned char)end[-1]))
		end--;
	if (end == arg)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "a participant needs a name (--with)");
	name = xstrndup(arg, (size_t)(end - arg));
	if (rs && re > rs)
		role = xstrndup(rs, (size_t)(re - rs));
	event_add_participant(ev, name, role);
	free(name);
	free(role);
	return 0;
}

/*
 * The zone of the event's place by the rule of places.h into *zone (NULL:
 * no place given). A place whose zone cannot be found is an error with
 * suggestions (--floating asks for a floating time); a country of several
 * zones gives its main zone, with a note. *warned: the ambiguity of the
 * city was already said.
 */
static int zone_of_place(const struct event *ev, bool warned, const char **zone,
			 struct itin_err *err)
{
	struct place_zone z;
	struct strbuf msg = STRBUF_INIT;
	const char *name = ev->city ? ev->city : ev->country;

	place_zone(ev->city, ev->country, &z);
	*zone = z.tz;
	switch (z.how) {
	case PLACE_ZONE_CITY:
		if (z.ambiguous && !warned)
			warn_ambiguous_place(ev->city, ev->country, z.place);
		return 0;
	case PLACE_ZONE_COUNTRY:
		if (ev->city && *ev->city)
			warn_city_elsewhere(ev->city, ev->country, z.tz);
		return 0;
	case PLACE_ZONE_MAIN:
		note_main_zone(ev->city, ev->country, z.tz,
			       "give --tz to choose");
		return 0;
	case PLACE_ZONE_UNKNOWN:
		place_suggestions(&msg, name);
		itin_err_set(err, ITIN_EX_DATAERR,
			     "no time zone known for '%s'%s; give --country or "
			     "--tz, or --floating for a floating time",
			     name, msg.buf);
		strbuf_release(&msg);
		return -1;
	default:
		return 0;
	}
}

static int set_zone(struct event *ev, char **field, const char *name,
		    const char *opt, struct itin_err *err)
{
	const struct tz *tz;

	/* "EST" is what people write for New York's clock, not the tz
	 * database's fixed -05:00. */
	if (zone_abbreviation(name, opt, &name, err) < 0)
		return -1;
	tz = tz_get(name, err);

	if (!tz)
		return -1;
	event_set_str(ev, field, tz_name(tz));
	return 0;
}

/* Empty the string field of ev when clear has its bit. */
static void clear_str(struct event *ev, unsigned clear, unsigned bit,
		      char **field)
{
	if (clear & bit)
		event_set_str(ev, field, NULL);
}

static void clear_fields_of(struct event *ev, unsigned clear)
{
	if (clear & F_END)
		ev->has_end = false;
	clear_str(ev, clear, F_VENUE, &ev->venue);
	clear_str(ev, clear, F_CITY, &ev->city);
	if (clear & F_COUNTRY)
		ev->country[0] = '\0';
	clear_str(ev, clear, F_TZ, &ev->tz);
	clear_str(ev, clear, F_END_TZ, &ev->end_tz);
	if (clear & F_WITH)
		event_clear_participants(ev);
	clear_str(ev, clear, F_ORG, &ev->org);
	clear_str(ev, clear, F_SOURCE, &ev->source);
	clear_str(ev, clear, F_NOTES, &ev->notes);
	if (clear & F_TAGS)
		event_clear_tags(ev);
}

/* Empty strings clear a field, as --clear would. */
static void set_opt_str(struct event *ev, char **field, const char *v)
{
	if (v)
		event_set_str(ev, field, *v ? v : NULL);
}

/* --start: a new start; when an event moves, its end moves with it.
 * *became_timed: an all-day event got a time (its zone is to be found). */
static int apply_start(const struct evopts *o, struct event *ev, bool is_new,
		       bool *became_timed, struct itin_err *err)
{
	bool was_allday = ev->allday;
	int64_t old_start = ev->start;
	struct when w;

	if (when_parse_rel(o->start, strlen(o->start), cli_today(), &w, err))
		return -1;
	ev->start = w.lsec;
	ev->allday = !w.has_time;
	if (!is_new && !ev->allday && was_allday)
		*became_timed = true;
	if (!is_new && !o->end && ev->has_end) {
		/* Moving an event keeps its length, as calendars do. */
		if (ev->allday == was_allday) {
			ev->end += ev->start - old_start;
		} else {
			ev->has_end = false;
			warning("the end was removed (the start changed "
				"between date and time); give --end to "
				"set one");
		}
	}
	return 0;
}

/* --end WHEN or a time alone (on the start's day); it must be a date
 * exactly when the start is. */
static int apply_end(const struct evopts *o, struct event *ev,
		     struct itin_err *err)
{
	struct when w;
	int secs;

	if (is_clock_only(o->end)) {
		if (ev->allday)
			return itin_err_set(err, ITIN_EX_DATAERR,
					    "end '%s' is a time but the event "
					    "is all-day (give a date)",
					    o->end);
		if (clock_parse(o->end, strlen(o->end), &secs, err))
			return -1;
		ev->end = lsec_day(ev->start) * ITIN_DAY + secs;
		return 0;
	}
	if (when_parse_rel(o->end, strlen(o->end), cli_today(), &w, err))
		return -1;
	if (w.has_time && ev->allday)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "end '%s' has a time but the event is "
				    "all-day (give a date)",
				    o->end);
	if (!w.has_time && !ev->allday)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "end '%s' has no time but the start "
				    "has one",
				    o->end);
	ev->end = w.lsec;
	return 0;
}

static int apply_times(const struct evopts *o, struct event *ev, bool is_new,
		       bool *became_timed, struct itin_err *err)
{
	*became_timed = false;
	if (o->start && apply_start(o, ev, is_new, became_timed, err))
		return -1;
	if (o->end && *o->end) {
		if (apply_end(o, ev, err))
			return -1;
		ev->has_end = true;
	} else if (o->end) {
		ev->has_end = false;
	}
	return 0;
}

/* --type, --title, --status, --id, and the options that exclude each
 * other. */
static int apply_fields(const struct evopts *o, struct event *ev,
			struct itin_err *err)
{
	if (o->type) {
		int t = parse_type_arg(o->type, err);
		if (t < 0)
			return -1;
		ev->type = (enum event_type)t;
	}
	if (o->title)
		event_set_str(ev, &ev->title, o->title);
	if (o->status) {
		int s = event_status_parse(o->status);
		if (s < 0)
			return itin_err_set(
			    err, ITIN_EX_DATAERR,
			    "unknown status '%s' (expected "
			    "confirmed, tentative or cancelled)",
			    o->status);
		ev->status = (enum event_status)s;
	}
	if (o->id) {
		if (!event_id_is_valid(o->id))
			return itin_err_set(err, ITIN_EX_DATAERR,
					    "invalid id '%s' (1 to 255 "
					    "printable characters, no spaces)",
					    o->id);
		event_set_str(ev, &ev->id, o->id);
	}
	if (o->end_tz && o->to_city)
		return itin_err_set(
		    err, ITIN_EX_USAGE,
		    "--end-tz and --to-city cannot be combined");
	if (o->floating && o->tz && *o->tz)
		return itin_err_set(err, ITIN_EX_USAGE,
				    "--floating and --tz cannot be combined");
	return 0;
}

/* --clear, then the venue, org, source, notes, participants and tags. */
static int apply_details(const struct evopts *o, struct event *ev,
			 struct itin_err *err)
{
	/* Clearing a place keeps the zone: only a new place brings one. */
	clear_fields_of(ev, o->clear);

	set_opt_str(ev, &ev->venue, o->venue);
	set_opt_str(ev, &ev->org, o->org);
	set_opt_str(ev, &ev->source, o->source);
	set_opt_str(ev, &ev->notes, o->note);
	for (size_t i = 0; i < o->nwith; i++)
		if (add_with(ev, o->with[i], err))
			return -1;
	for (size_t i = 0; i < o->ntags; i++)
		if (*o->tags[i])
			event_add_tag(ev, o->tags[i]);
	return 0;
}

/* A known city fills in its country when none was given. *warned: the
 * city's ambiguity was said. */
static void country_of_city(struct event *ev, bool *warned)
{
	const struct place *p = NULL;
	bool amb = false;

	if (ev->country[0])
		p = place_find(ev->city, ev->country, &amb);
	if (!p)
		p = place_find(ev->city, NULL, &amb);
	if (p && amb) {
		warn_ambiguous_place(ev->city, NULL, p);
		*warned = true;
	}
	if (p) {
		memcpy(ev->country, p->country, 3);
	} else {
		/* "Menlo Park, CA": the state's country; a
		 * city known nowhere keeps no country from
		 * the event's old place (edit resolves it as
		 * add does: Genva is not in Japan). */
		struct place_zone z;

		place_zone(ev->city, NULL, &z);
		memcpy(ev->country, z.cc, 3);
	}
}

/* --country and --city. *changed: a new place was given (its zone is to
 * be found); *warned as for country_of_city. */
static int apply_place(const struct evopts *o, struct event *ev, bool *changed,
		       bool *warned, struct itin_err *err)
{
	if (o->country) {
		if (!*o->country)
			ev->country[0] = '\0';
		else if (parse_country_arg(o->country, ev->country, err))
			return -1;
		*changed = *o->country != '\0';
	}
	if (o->city) {
		set_opt_str(ev, &ev->city, o->city);
		*changed = *changed || *o->city;
		if (ev->city && !o->country)
			country_of_city(ev, warned);
	}
	return 0;
}

/* --to-city: the end zone is that city's. */
static int apply_to_city(const struct evopts *o, struct event *ev,
			 struct itin_err *err)
{
	bool amb;
	const struct place *p = place_find(o->to_city, NULL, &amb);

	if (!p) {
		struct strbuf msg = STRBUF_INIT;

		place_suggestions(&msg, o->to_city);
		itin_err_set(err, ITIN_EX_DATAERR,
			     "no time zone known for '%s' "
			     "(--to-city)%s",
			     o->to_city, msg.buf);
		strbuf_release(&msg);
		return -1;
	}
	if (amb)
		warn_ambiguous_place(o->to_city, NULL, p);
	event_set_str(ev, &ev->end_tz, p->tz);
	return 0;
}

/* The zones of a timed event: --tz, else none (--floating, cleared), else
 * the place's when it is new, moved or got a time; then --end-tz or
 * --to-city. find_zone: one of those three. */
static int apply_zones(const struct evopts *o, struct event *ev, bool find_zone,
		       bool warned, struct itin_err *err)
{
	if (o->tz && *o->tz) {
		if (set_zone(ev, &ev->tz, o->tz, "--tz", err))
			return -1;
	} else if (o->tz || (o->clear & F_TZ) || o->floating) {
		event_set_str(ev, &ev->tz, NULL);
	} else if (find_zone) {
		const char *zone;

		if (zone_of_place(ev, warned, &zone, err))
			return -1;
		event_set_str(ev, &ev->tz, zone);
	}
	if (o->end_tz && *o->end_tz) {
		if (set_zone(ev, &ev->end_tz, o->end_tz, "--end-tz", err))
			return -1;
	} else if (o->end_tz) {
		event_set_str(ev, &ev->end_tz, NULL);
	} else if (o->to_city && apply_to_city(o, ev, err)) {
		return -1;
	}
	/* An end zone equal to the start's says nothing more. */
	if (ev->end_tz && ev->tz && !strcmp(ev->end_tz, ev->tz))
		event_set_str(ev, &ev->end_tz, NULL);
	return 0;
}

int evopts_apply(const struct evopts *o, struct event *ev, bool is_new,
		 struct itin_err *err)
{
	bool place_changed = false, became_timed = false, warned = false;

	itin_err_clear(err);
	if (apply_fields(o, ev, err) || apply_details(o, ev, err) ||
	    apply_place(o, ev, &place_changed, &warned, err) ||
	    apply_times(o, ev, is_new, &became_timed, err))
		return -1;
	if (ev->allday) {
		if (o->tz || o->end_tz || o->to_city)
			warning("time zone ignored for an all-day event");
		event_set_str(ev, &ev->tz, NULL);
		event_set_str(ev, &ev->end_tz, NULL);
	} else if (apply_zones(o, ev, is_new || place_changed || became_timed,
			       warned, err)) {
		return -1;
	}
	return event_check(ev, &cli_warner, err);
}
