/*
 * options.c: option parsing shared by the commands.
 *
 * add and edit take the same event options, parsed by one function into a
 * struct evopts and applied by one function, so the two commands cannot
 * drift apart. list, export, timeline and view share the FILTERS, -f, -h
 * and --in the same way: each command's getopt loop handles only its own
 * options and hands every other one to event_cmd_option (add, edit),
 * output_option (list, export) or reading_option (timeline, view).
 *
 * Values from the command line are data: a value that cannot be right
 * (an impossible date, an unknown zone, invalid UTF-8) is status 65, as
 * the same mistake in a file would be; a malformed command line (an
 * unknown option, a missing argument) is 64.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "cli.h"
#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

/* The name of the option just reported by getopt, for messages. */
static void bad_option_name(char **argv, int c, char *buf, size_t size)
{
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;

	if (arg && arg[0] == '-' && arg[1] == '-') {
		size_t n = strcspn(arg, "=");
		snprintf(buf, size, "%.*s", (int)n, arg);
	} else if (c > 0 && c < 256) {
		snprintf(buf, size, "-%c", c);
	} else if (arg) {
		snprintf(buf, size, "%s", arg);
	} else {
		snprintf(buf, size, "?");
	}
}

int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, const struct command *cmd)
{
	char opts[64];
	char name[128];
	int c;

	/* A leading ':' makes getopt tell a missing argument apart. */
	if (shortopts[0] == '+')
		snprintf(opts, sizeof(opts), "+:%s", shortopts + 1);
	else
		snprintf(opts, sizeof(opts), ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c == ':') {
		bad_option_name(argv, optopt, name, sizeof(name));
		usage_error(cmd, "option '%s' needs a value", name);
		return '?';
	}
	if (c == '?') {
		bad_option_name(argv, optopt, name, sizeof(name));
		usage_error(cmd, "unknown option '%s'", name);
		return '?';
	}
	return c;
}

int check_utf8_arg(const char *s, const char *what, struct itin_err *err)
{
	if (utf8_valid(s, strlen(s), NULL))
		return 0;
	return itin_err_set(err, ITIN_EX_DATAERR, "invalid UTF-8 in %s", what);
}

/* The type s is closest to ("meetings", "Meting", "conf"), or NULL. */
static const char *closest_type(const char *s)
{
	char low[32];
	const char *best = NULL;
	size_t n = strlen(s), best_d = 3; /* suggest only close names */

	if (n >= sizeof(low))
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)ascii_tolower((unsigned char)s[i]);
	for (int i = 0; i < EV_TYPE_COUNT; i++) {
		const char *name = event_type_name((enum event_type)i);
		size_t d = edit_distance(low, name);

		/* "conf", "pressconference": a piece of the name. */
		if (n >= 4 && (!strncmp(name, low, n) || strstr(low, name)))
			d = 1;
		if (d < best_d) {
			best_d = d;
			best = name;
		}
	}
	return best;
}

int parse_type_arg(const char *s, struct itin_err *err)
{
	struct strbuf names = STRBUF_INIT;
	const char *guess;
	int t = event_type_parse(s);

	if (t >= 0)
		return t;
	for (int i = 0; i < EV_TYPE_COUNT; i++) {
		if (i)
			strbuf_addstr(&names, ", ");
		strbuf_addstr(&names, event_type_name((enum event_type)i));
	}
	guess = closest_type(s);
	if (guess)
		itin_err_set(err, ITIN_EX_DATAERR,
			     "unknown type '%s' (did you mean '%s'? the "
			     "types: %s)",
			     s, guess, names.buf);
	else
		itin_err_set(err, ITIN_EX_DATAERR,
			     "unknown type '%s' (expected one of: %s)", s,
			     names.buf);
	strbuf_release(&names);
	return -1;
}

/* The name of an OPT_ value, for messages ("--title"). */
static const char *opt_name(int c)
{
	static const struct {
		int c;
		const char *name;
	} names[] = {
	    {OPT_FROM, "--from"},	{OPT_TO, "--to"},
	    {OPT_TYPE, "--type"},	{OPT_CITY, "--city"},
	    {OPT_COUNTRY, "--country"}, {OPT_WITH, "--with"},
	    {OPT_GREP, "--grep"},	{OPT_START, "--start"},
	    {OPT_END, "--end"},		{OPT_VENUE, "--venue"},
	    {OPT_TZ, "--tz"},		{OPT_ORG, "--org"},
	    {OPT_STATUS, "--status"},	{OPT_SOURCE, "--source"},
	    {OPT_NOTE, "--note"},	{OPT_TAG, "--tag"},
	    {OPT_ID, "--id"},		{OPT_END_TZ, "--end-tz"},
	    {OPT_TO_CITY, "--to-city"}, {OPT_TITLE, "--title"},
	    {OPT_CLEAR, "--clear"},	{OPT_FLOATING, "--floating"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].c == c)
			return names[i].name;
	return "an option";
}

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
	return usage_error(cmd,
			   "cannot clear '%s' (fields: end, venue, city, "
			   "country, tz, end-tz, with, org, source, notes, tags)",
			   arg);
}

int evopts_option(struct evopts *o, int c, const char *arg,
		  const struct command *cmd)
{
	struct itin_err err;
	const char **slot = NULL;

	switch (c) {
	case OPT_FLOATING:
		o->floating = o->any = true;
		return 0;
	case OPT_TYPE:
		slot = &o->type;
		break;
	case OPT_TITLE:
		slot = &o->title;
		break;
	case OPT_START:
		slot = &o->start;
		break;
	case OPT_END:
		slot = &o->end;
		break;
	case OPT_CITY:
		slot = &o->city;
		break;
	case OPT_COUNTRY:
		slot = &o->country;
		break;
	case OPT_VENUE:
		slot = &o->venue;
		break;
	case OPT_TZ:
		slot = &o->tz;
		break;
	case OPT_ORG:
		slot = &o->org;
		break;
	case OPT_STATUS:
		slot = &o->status;
		break;
	case OPT_SOURCE:
		slot = &o->source;
		break;
	case OPT_NOTE:
		slot = &o->note;
		break;
	case OPT_ID:
		slot = &o->id;
		break;
	case OPT_END_TZ:
		slot = &o->end_tz;
		break;
	case OPT_TO_CITY:
		slot = &o->to_city;
		break;
	case OPT_WITH:
	case OPT_TAG:
	case OPT_CLEAR:
		break;
	default:
		return CLI_NOT_MINE;
	}
	itin_err_clear(&err);
	if (check_utf8_arg(arg, opt_name(c), &err))
		return report_err(&err);
	o->any = true;
	if (slot) {
		*slot = arg;
		return 0;
	}
	if (c == OPT_WITH) {
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

/* Does s look like HH:MM[:SS] alone (an --end on the start's day)?
 * Digits and colons only: "mon 9:00" is a relative WHEN. */
static bool is_clock_only(const char *s)
{
	return strchr(s, ':') && strlen(s) <= 8 &&
	       strspn(s, "0123456789:") == strlen(s);
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

static void clear_fields_of(struct event *ev, unsigned clear)
{
	if (clear & F_END)
		ev->has_end = false;
	if (clear & F_VENUE)
		event_set_str(ev, &ev->venue, NULL);
	if (clear & F_CITY)
		event_set_str(ev, &ev->city, NULL);
	if (clear & F_COUNTRY)
		ev->country[0] = '\0';
	if (clear & F_TZ)
		event_set_str(ev, &ev->tz, NULL);
	if (clear & F_END_TZ)
		event_set_str(ev, &ev->end_tz, NULL);
	if (clear & F_WITH)
		event_clear_participants(ev);
	if (clear & F_ORG)
		event_set_str(ev, &ev->org, NULL);
	if (clear & F_SOURCE)
		event_set_str(ev, &ev->source, NULL);
	if (clear & F_NOTES)
		event_set_str(ev, &ev->notes, NULL);
	if (clear & F_TAGS)
		event_clear_tags(ev);
}

/* Empty strings clear a field, as --clear would. */
static void set_opt_str(struct event *ev, char **field, const char *v)
{
	if (v)
		event_set_str(ev, field, *v ? v : NULL);
}

static int apply_times(const struct evopts *o, struct event *ev, bool is_new,
		       bool *became_timed, struct itin_err *err)
{
	bool was_allday = ev->allday;
	int64_t old_start = ev->start;
	struct when w;

	*became_timed = false;
	if (o->start) {
		if (when_parse_rel(o->start, strlen(o->start), cli_today(), &w,
				   err))
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
				warning(
				    "the end was removed (the start changed "
				    "between date and time); give --end to "
				    "set one");
			}
		}
	}
	if (o->end && *o->end) {
		if (is_clock_only(o->end)) {
			int secs;
			if (ev->allday)
				return itin_err_set(
				    err, ITIN_EX_DATAERR,
				    "end '%s' is a time but the event is "
				    "all-day (give a date)",
				    o->end);
			if (clock_parse(o->end, strlen(o->end), &secs, err))
				return -1;
			ev->end = lsec_day(ev->start) * ITIN_DAY + secs;
		} else {
			if (when_parse_rel(o->end, strlen(o->end), cli_today(),
					   &w, err))
				return -1;
			if (w.has_time && ev->allday)
				return itin_err_set(
				    err, ITIN_EX_DATAERR,
				    "end '%s' has a time but the event is "
				    "all-day (give a date)",
				    o->end);
			if (!w.has_time && !ev->allday)
				return itin_err_set(
				    err, ITIN_EX_DATAERR,
				    "end '%s' has no time but the start "
				    "has one",
				    o->end);
			ev->end = w.lsec;
		}
		ev->has_end = true;
	} else if (o->end) {
		ev->has_end = false;
	}
	return 0;
}

int evopts_apply(const struct evopts *o, struct event *ev, bool is_new,
		 struct itin_err *err)
{
	bool place_changed = false, became_timed = false, warned = false;

	itin_err_clear(err);
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

	if (o->country) {
		if (!*o->country)
			ev->country[0] = '\0';
		else if (parse_country_arg(o->country, ev->country, err))
			return -1;
		place_changed = *o->country != '\0';
	}
	if (o->city) {
		set_opt_str(ev, &ev->city, o->city);
		place_changed = place_changed || *o->city;
		/* A known city fills in its country when none was given. */
		if (ev->city && !o->country) {
			const struct place *p = NULL;
			bool amb = false;

			if (ev->country[0])
				p = place_find(ev->city, ev->country, &amb);
			if (!p)
				p = place_find(ev->city, NULL, &amb);
			if (p && amb) {
				warn_ambiguous_place(ev->city, NULL, p);
				warned = true;
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
	}

	if (apply_times(o, ev, is_new, &became_timed, err))
		return -1;

	if (ev->allday) {
		if (o->tz || o->end_tz || o->to_city)
			warning("time zone ignored for an all-day event");
		event_set_str(ev, &ev->tz, NULL);
		event_set_str(ev, &ev->end_tz, NULL);
	} else {
		if (o->tz && *o->tz) {
			if (set_zone(ev, &ev->tz, o->tz, "--tz", err))
				return -1;
		} else if (o->tz || (o->clear & F_TZ) || o->floating) {
			event_set_str(ev, &ev->tz, NULL);
		} else if (is_new || place_changed || became_timed) {
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
		} else if (o->to_city) {
			bool amb;
			const struct place *p =
			    place_find(o->to_city, NULL, &amb);
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
		}
		/* An end zone equal to the start's says nothing more. */
		if (ev->end_tz && ev->tz && !strcmp(ev->end_tz, ev->tz))
			event_set_str(ev, &ev->end_tz, NULL);
	}
	return event_check(ev, &cli_warner, err);
}

int filter_option(struct filter *f, int c, const char *arg,
		  const struct command *cmd)
{
	struct itin_err err;
	int64_t day;

	(void)cmd;
	switch (c) {
	case OPT_FROM:
	case OPT_TO:
	case OPT_TYPE:
	case OPT_CITY:
	case OPT_COUNTRY:
	case OPT_WITH:
	case OPT_GREP:
		break;
	default:
		return CLI_NOT_MINE;
	}
	itin_err_clear(&err);
	if (check_utf8_arg(arg, opt_name(c), &err))
		goto fail;
	switch (c) {
	case OPT_FROM:
	case OPT_TO:
		if (date_parse_rel(arg, strlen(arg), cli_today(), &day, &err))
			goto fail;
		if (c == OPT_FROM) {
			f->has_from = true;
			f->from_day = day;
		} else {
			f->has_to = true;
			f->to_day = day;
		}
		break;
	case OPT_TYPE: {
		char *list = xstrdup(arg), *save = NULL;
		for (char *t = strtok_r(list, ",", &save); t;
		     t = strtok_r(NULL, ",", &save)) {
			int ty;
			while (*t == ' ')
				t++;
			ty = parse_type_arg(t, &err);
			if (ty < 0) {
				/* A filter that names no type is a mistake
				 * of the command line, not of the data. */
				free(list);
				err.status = ITIN_EX_USAGE;
				goto fail;
			}
			f->type_mask |= 1u << ty;
		}
		free(list);
		break;
	}
	case OPT_CITY:
		xstrset(&f->city, arg);
		break;
	case OPT_COUNTRY:
		if (parse_country_arg(arg, f->country, &err))
			goto fail;
		break;
	case OPT_WITH:
		xstrset(&f->with, arg);
		break;
	case OPT_GREP:
		xstrset(&f->grep, arg);
		break;
	}
	return 0;
fail:
	/* The value's column inside the argument means little here. */
	err.col = 0;
	return report_err(&err);
}

int filter_finish(struct filter *f, const struct cli *cli)
{
	char a[ITIN_WHEN_MAX], b[ITIN_WHEN_MAX];

	if (cli->upcoming) {
		if (f->has_from)
			return usage_error(cli->cmd,
					   "--upcoming is --from today: give "
					   "one of them");
		f->has_from = true;
		f->from_day = cli_today();
	}
	if (f->has_from && f->has_to && f->from_day > f->to_day) {
		date_format(f->from_day, a);
		date_format(f->to_day, b);
		/* Name what the user typed. */
		return usage_error(cli->cmd, "%s%s%s is after --to %s",
				   cli->upcoming ? "--upcoming (today, "
						 : "--from ",
				   a, cli->upcoming ? ")" : "", b);
	}
	return 0;
}

/* -f and -h (COMMON_LONGOPTS): 0, CLI_DONE (the help printed) or
 * CLI_NOT_MINE. */
static int common_option(struct cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'f':
		cli->file = arg;
		return 0;
	case 'h':
		return cli_help_done(cli->cmd);
	default:
		return CLI_NOT_MINE;
	}
}

/* --in ZONE: 0, the status after reporting the zone, or CLI_NOT_MINE. */
static int in_option(struct cli *cli, int c, const char *arg)
{
	struct itin_err err;

	if (c != OPT_IN)
		return CLI_NOT_MINE;
	itin_err_clear(&err);
	if (parse_in_arg(arg, &cli->in, &err))
		return report_err(&err);
	return 0;
}

/*
 * The end of a chain of handlers: an option no handler took is the '?'
 * that cli_getopt has already reported, so only the status is left: 64.
 */
static int mine_or_usage(int r)
{
	return r == CLI_NOT_MINE ? ITIN_EX_USAGE : r;
}

int too_many_args(const struct command *cmd, int argc, char **argv, int max)
{
	if (argc - optind <= max)
		return 0;
	return usage_error(cmd, "unexpected argument '%s'", argv[optind + max]);
}

int stray_time_arg(const struct command *cmd, char *const *orig, int argc,
		   const char *stray)
{
	bool weekday = weekday_parse(stray, strlen(stray)) >= 0;
	int i;

	if (!is_clock_only(stray) && !weekday)
		return 0;
	/* getopt has moved the arguments; the copy has them as typed. */
	for (i = 1; i < argc && orig[i] != stray; i++)
		;
	if (i >= argc || i < 2)
		return 0;
	for (int k = 0; k < 2; k++) {
		const char *name = k ? "--end" : "--start";
		size_t n = strlen(name);
		const char *value = NULL;

		if (i >= 3 && !strcmp(orig[i - 2], name))
			value = orig[i - 1];
		else if (!strncmp(orig[i - 1], name, n) &&
			 orig[i - 1][n] == '=')
			value = orig[i - 1] + n + 1;
		if (!value)
			continue;
		/* "--start next monday [10:00]": a relative date of two
		 * words (and its time). */
		if (weekday && (!ascii_casecmp(value, "next") ||
				!ascii_casecmp(value, "last"))) {
			const char *t =
			    i + 1 < argc && is_clock_only(orig[i + 1])
				? orig[i + 1]
				: NULL;

			return usage_error(cmd,
					   "unexpected argument '%s' after "
					   "%s %s (quote the date: %s "
					   "\"%s %s%s%s\")",
					   stray, name, value, name, value,
					   stray, t ? " " : "", t ? t : "");
		}
		if (!weekday && !strchr(value, ':'))
			return usage_error(cmd,
					   "unexpected argument '%s' after "
					   "%s %s (quote the date and time "
					   "together: %s \"%s %s\")",
					   stray, name, value, name, value,
					   stray);
	}
	return 0;
}

int reading_option(struct cli *cli, struct filter *f, int c, const char *arg)
{
	int r = common_option(cli, c, arg);

	if (r == CLI_NOT_MINE && c == OPT_UPCOMING) {
		cli->upcoming = true;
		r = 0;
	}
	if (r == CLI_NOT_MINE)
		r = in_option(cli, c, arg);
	if (r == CLI_NOT_MINE)
		r = filter_option(f, c, arg, cli->cmd);
	return mine_or_usage(r);
}

int output_option(struct cli *cli, struct filter *f, struct outopts *out,
		  int c, const char *arg)
{
	switch (c) {
	case OPT_FORMAT:
		return parse_format(arg, out->allowed, cli->cmd, &out->fmt);
	case OPT_RAW:
		out->flags |= OUT_RAW;
		return 0;
	default:
		return reading_option(cli, f, c, arg);
	}
}

int raw_needs_sheet(const struct command *cmd, const struct outopts *out)
{
	if ((out->flags & OUT_RAW) && out->fmt != FMT_CSV && out->fmt != FMT_TSV)
		return usage_error(cmd, "--raw works with --format csv or tsv");
	return 0;
}

int event_cmd_option(struct cli *cli, struct evopts *o, int c,
		     const char *arg)
{
	int r = common_option(cli, c, arg);

	if (r == CLI_NOT_MINE)
		r = evopts_option(o, c, arg, cli->cmd);
	return mine_or_usage(r);
}

int parse_event_cmd(struct cli *cli, int argc, char **argv,
		    const struct option *longopts, struct evopts *o,
		    char ***orig)
{
	int c, status;

	/* argv as typed, for a message about a stray argument. */
	*orig = xmalloc((size_t)argc * sizeof(**orig));
	memcpy(*orig, argv, (size_t)argc * sizeof(**orig));
	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:h", longopts, cli->cmd)) != -1)
		if ((status = event_cmd_option(cli, o, c, optarg)))
			return status;
	return 0;
}

static const char *const format_names[] = {
    [FMT_AGENDA] = "agenda", [FMT_TSV] = "tsv", [FMT_JSON] = "json",
    [FMT_ITIN] = "itin",     [FMT_CSV] = "csv", [FMT_ICS] = "ics",
};

const char *format_name(enum outfmt f)
{
	return f >= 0 && f <= FMT_ICS ? format_names[f] : "?";
}

int format_not_available(enum outfmt f, const struct command *cmd)
{
	if (cmd && !strcmp(cmd->name, "export"))
		return usage_error(cmd,
				   "format '%s' is not available yet (use "
				   "--format ics|itin|csv|tsv|json)",
				   format_name(f));
	return usage_error(cmd, "format '%s' is not available yet",
			   format_name(f));
}

int parse_format(const char *s, unsigned allowed, const struct command *cmd,
		 enum outfmt *out)
{
	struct strbuf names = STRBUF_INIT;

	for (int i = 0; i <= FMT_ICS; i++) {
		if ((allowed & (1u << i)) && !ascii_casecmp(s, format_names[i])) {
			*out = (enum outfmt)i;
			return 0;
		}
	}
	for (int i = 0; i <= FMT_ICS; i++) {
		if (!(allowed & (1u << i)))
			continue;
		if (names.len)
			strbuf_addstr(&names, ", ");
		strbuf_addstr(&names, format_names[i]);
	}
	usage_error(cmd, "unknown format '%s' (expected one of: %s)", s,
		    names.buf);
	strbuf_release(&names);
	return ITIN_EX_USAGE;
}
