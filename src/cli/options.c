/*
 * options.c: option parsing shared by the commands.
 *
 * list, export, timeline and view share the FILTERS, -f, -h and --in;
 * add and edit share the event options (evopts.c). Each command's getopt
 * loop handles only its own options and hands every other one to
 * event_cmd_option (add, edit), output_option (list, export) or
 * reading_option (timeline, view), which try their handlers in turn.
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

const char *opt_name(int c)
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

/* Does s look like HH:MM[:SS] alone (an --end on the start's day)?
 * Digits and colons only: "mon 9:00" is a relative WHEN. */
bool is_clock_only(const char *s)
{
	return strchr(s, ':') && strlen(s) <= 8 &&
	       strspn(s, "0123456789:") == strlen(s);
}

/* --type LIST: the types, comma-separated ("meeting, call"). */
static int type_filter_arg(struct filter *f, const char *arg,
			   struct itin_err *err)
{
	char *list = xstrdup(arg), *save = NULL;
	int status = 0;

	for (char *t = strtok_r(list, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		int ty;
		while (*t == ' ')
			t++;
		ty = parse_type_arg(t, err);
		if (ty < 0) {
			/* A filter that names no type is a mistake
			 * of the command line, not of the data. */
			err->status = ITIN_EX_USAGE;
			status = -1;
			break;
		}
		f->type_mask |= 1u << ty;
	}
	free(list);
	return status;
}

/* --from or --to DATE. */
static int day_filter_arg(struct filter *f, int c, const char *arg,
			  struct itin_err *err)
{
	int64_t day;

	if (date_parse_rel(arg, strlen(arg), cli_today(), &day, err))
		return -1;
	if (c == OPT_FROM) {
		f->has_from = true;
		f->from_day = day;
	} else {
		f->has_to = true;
		f->to_day = day;
	}
	return 0;
}

/* Record filter option c's value into f: 0 or -1 with err. */
static int set_filter(struct filter *f, int c, const char *arg,
		      struct itin_err *err)
{
	switch (c) {
	case OPT_FROM:
	case OPT_TO:
		return day_filter_arg(f, c, arg, err);
	case OPT_TYPE:
		return type_filter_arg(f, arg, err);
	case OPT_CITY:
		xstrset(&f->city, arg);
		return 0;
	case OPT_COUNTRY:
		return parse_country_arg(arg, f->country, err);
	case OPT_WITH:
		xstrset(&f->with, arg);
		return 0;
	default: /* OPT_GREP */
		xstrset(&f->grep, arg);
		return 0;
	}
}

int filter_option(struct filter *f, int c, const char *arg)
{
	struct itin_err err;

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
	if (!check_utf8_arg(arg, opt_name(c), &err) &&
	    !set_filter(f, c, arg, &err))
		return 0;
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

int common_option(struct cli *cli, int c, const char *arg)
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

int mine_or_usage(int r)
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
		r = filter_option(f, c, arg);
	return mine_or_usage(r);
}

int output_option(struct cli *cli, struct filter *f, struct outopts *out, int c,
		  const char *arg)
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

int parse_reading_cmd(struct cli *cli, int argc, char **argv,
		      const struct option *longopts,
		      const struct own_options *own, struct filter *f,
		      struct outopts *out)
{
	const char *shortopts = own && own->shortopts ? own->shortopts : "f:h";
	int c, r;

	optind = 0;
	while ((c = cli_getopt(argc, argv, shortopts, longopts, cli->cmd)) !=
	       -1) {
		r = own ? own->option(own->ctx, c, optarg) : CLI_NOT_MINE;
		if (r == CLI_NOT_MINE)
			r = out ? output_option(cli, f, out, c, optarg)
				: reading_option(cli, f, c, optarg);
		if (r)
			return r;
	}
	return too_many_args(cli->cmd, argc, argv, 0);
}

int raw_needs_sheet(const struct command *cmd, const struct outopts *out)
{
	if ((out->flags & OUT_RAW) && out->fmt != FMT_CSV &&
	    out->fmt != FMT_TSV)
		return usage_error(cmd, "--raw works with --format csv or tsv");
	return 0;
}

int event_cmd_option(struct cli *cli, struct evopts *o, int c, const char *arg)
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
		if ((allowed & (1u << i)) &&
		    !ascii_casecmp(s, format_names[i])) {
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
