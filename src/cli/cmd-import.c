/*
 * cmd-import.c: `itin import [--format itin|csv|ics] [--dry-run]
 * [--skip-invalid] [--raw] [--from DATE] [--to DATE]
 * [--date-order dmy|mdy|ymd] [--encoding cp1252|latin1|utf-8|utf-16]
 * [--max-occurrences N] FILE...`.
 *
 * All or nothing: every file is read and parsed before the store is
 * touched, and a file with any error imports nothing at all. An event
 * replaces a stored one only when it is the same event (evmerge.h: same
 * id, uid, or content), keeping the fields its file does not carry; one
 * that is identical is counted "unchanged", so importing the same file
 * twice changes nothing (and does not even rewrite the store). -n lists
 * what would happen to each event.
 *
 * CSV is read as a stream (csvio_read_events_fp): memory holds the
 * events, never the file. --encoding reads any format through iconv
 * (recode.h); --date-order says how a CSV file writes its dates. --skip-invalid
 * lets a CSV or iCalendar file's good rows or events in and reports each
 * refused one; without it any bad one imports nothing. --max-occurrences
 * is an iCalendar file's budget for its recurring events (icalio.h).
 *
 * import_events() is the same merge and transaction for events that come
 * from no file (`extract --add`), so both give the same guarantees.
 *
 * This file holds the options and cmd_import(); import-read.c reads each
 * input, import-merge.c merges them into the store and holds
 * import_events() (import.h says which file holds what).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "import.h"
#include "itin/csvevents.h"
#include "itin/datetime.h"
#include "itin/recode.h"
#include "itin/xalloc.h"

/* This command's own options. */
enum {
	OPT_DATE_ORDER = 1000,
	OPT_ENCODING,
	OPT_MAX_OCCURRENCES,
};

/* The most --max-occurrences may ask for: about 40 GB of events. */
#define MAX_OCCURRENCES_LIMIT 100000000

/* What the command line asks of import, beyond how files are read. */
struct import_args {
	struct import_opts io;
	bool has_from, has_to; /* the window given, else defaults */
	enum outfmt fmt;       /* --format, FMT_NONE: from each name */
	bool dry_run;
};

static int date_order_arg(const struct command *cmd, const char *arg,
			  unsigned *order)
{
	if (!strcmp(arg, "dmy"))
		*order = CSVIO_DMY;
	else if (!strcmp(arg, "mdy"))
		*order = CSVIO_MDY;
	else if (!strcmp(arg, "ymd"))
		*order = CSVIO_YMD;
	else
		return usage_error(cmd,
				   "unknown date order '%s' "
				   "(expected dmy, mdy or ymd)",
				   arg);
	return 0;
}

static int max_occurrences_arg(const struct command *cmd, const char *arg,
			       size_t *out)
{
	size_t n = 0, i;

	for (i = 0;
	     arg[i] >= '0' && arg[i] <= '9' && n <= MAX_OCCURRENCES_LIMIT; i++)
		n = n * 10 + (size_t)(arg[i] - '0');
	if (!i || arg[i] || !n || n > MAX_OCCURRENCES_LIMIT)
		return usage_error(cmd,
				   "invalid --max-occurrences "
				   "'%s' (expected a whole number "
				   "from 1 to %d)",
				   arg, MAX_OCCURRENCES_LIMIT);
	*out = n;
	return 0;
}

/* --from or --to DATE: an end of the recurrence window. */
static int window_arg(struct import_args *a, int c, const char *arg)
{
	struct itin_err err;
	int64_t day;

	itin_err_clear(&err);
	if (date_parse_rel(arg, strlen(arg), cli_today(), &day, &err)) {
		err.col = 0;
		return report_err(&err);
	}
	if (c == OPT_FROM) {
		a->io.from_day = day;
		a->has_from = true;
	} else {
		a->io.to_day = day;
		a->has_to = true;
	}
	return 0;
}

static int import_option(struct cli *cli, struct import_args *a, int c,
			 const char *arg)
{
	const unsigned allowed = 1u << FMT_ITIN | 1u << FMT_CSV | 1u << FMT_ICS;

	switch (c) {
	case 'n':
		a->dry_run = true;
		return 0;
	case OPT_FORMAT:
		return parse_format(arg, allowed, cli->cmd, &a->fmt);
	case OPT_SKIP_INVALID:
		a->io.skip_invalid = true;
		return 0;
	case OPT_RAW:
		a->io.raw = true;
		return 0;
	case OPT_DATE_ORDER:
		return date_order_arg(cli->cmd, arg, &a->io.date_order);
	case OPT_ENCODING:
		a->io.encoding = recode_name(arg);
		if (!a->io.encoding)
			return usage_error(cli->cmd,
					   "unknown encoding '%s' "
					   "(expected cp1252, latin1, "
					   "utf-8 or utf-16)",
					   arg);
		return 0;
	case OPT_MAX_OCCURRENCES:
		return max_occurrences_arg(cli->cmd, arg,
					   &a->io.max_occurrences);
	case OPT_FROM:
	case OPT_TO:
		return window_arg(a, c, arg);
	default:
		return mine_or_usage(common_option(cli, c, arg));
	}
}

/* The recurrence window: without --from/--to, one year either side of
 * today, stretched to take in the one given. 0 or a usage status. */
static int settle_window(const struct command *cmd, struct import_args *a)
{
	struct import_opts *io = &a->io;

	if (!a->has_from) {
		io->from_day = days_add_years(cli_today(), -1);
		if (a->has_to && io->to_day < io->from_day)
			io->from_day = days_add_years(io->to_day, -1);
	}
	if (!a->has_to) {
		io->to_day = days_add_years(cli_today(), 1);
		if (a->has_from && io->from_day > io->to_day)
			io->to_day = days_add_years(io->from_day, 1);
	}
	if (io->from_day > io->to_day) {
		char from[ITIN_WHEN_MAX], to[ITIN_WHEN_MAX];

		date_format(io->from_day, from);
		date_format(io->to_day, to);
		return usage_error(cmd, "--from %s is after --to %s", from, to);
	}
	return 0;
}

/* An option given for CSV files (named opt) and a file of another format:
 * 64 after saying so. */
static int csv_only(const struct command *cmd, const char *opt,
		    const char *path)
{
	return usage_error(cmd, "%s works with CSV files only ('%s')", opt,
			   path);
}

/* Name each input and find its format, before anything is read. 0 or a
 * usage status. */
static int plan_inputs(const struct command *cmd, const struct import_args *a,
		       struct input *in, size_t nin)
{
	for (size_t k = 0; k < nin; k++) {
		int status;

		in[k].name = strcmp(in[k].path, "-") ? in[k].path : "<stdin>";
		if (a->fmt != FMT_NONE)
			in[k].fmt = a->fmt;
		else if (!strcmp(in[k].path, "-"))
			return usage_error(cmd, "reading standard input needs "
						"--format");
		else if ((status =
			      import_format_of(in[k].path, cmd, &in[k].fmt)))
			return status;
		if (a->io.date_order && in[k].fmt != FMT_CSV)
			return csv_only(cmd, "--date-order", in[k].path);
		/* Only CSV has cells that export neutralised. */
		if (a->io.raw && in[k].fmt != FMT_CSV)
			return csv_only(cmd, "--raw", in[k].path);
	}
	return 0;
}

/* Read every input, then merge them all or none. 0 or the status. */
static int import_inputs(struct cli *cli, const struct import_args *a,
			 struct input *in, size_t nin)
{
	struct progress *p = NULL;
	int status;
	const char *path = store_to_import(cli, &status);

	if (!path)
		return status;
	p = progress_start("importing", 0);
	for (size_t k = 0; k < nin; k++)
		if ((status = import_read_one(&in[k], &a->io, p)))
			goto out;
	if (a->dry_run)
		status = import_dry_run(path, in, nin, p, a->io.skip_invalid);
	else
		status = import_commit(path, in, nin, p, NULL, NULL,
				       a->io.skip_invalid);
	progress_stop(p);
	p = NULL;
	for (size_t k = 0; !status && k < nin; k++)
		import_summary(&in[k], a->dry_run);
out:
	progress_stop(p);
	return status;
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"skip-invalid", no_argument, NULL, OPT_SKIP_INVALID},
	    {"raw", no_argument, NULL, OPT_RAW},
	    {"from", required_argument, NULL, OPT_FROM},
	    {"to", required_argument, NULL, OPT_TO},
	    {"date-order", required_argument, NULL, OPT_DATE_ORDER},
	    {"encoding", required_argument, NULL, OPT_ENCODING},
	    {"max-occurrences", required_argument, NULL, OPT_MAX_OCCURRENCES},
	    {NULL, 0, NULL, 0},
	};
	struct import_args a = {.fmt = FMT_NONE};
	struct input *in;
	size_t nin;
	int c, status;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:hn", longopts, cli->cmd)) != -1)
		if ((status = import_option(cli, &a, c, optarg)))
			return status;
	if (optind >= argc)
		return usage_error(cli->cmd, "missing FILE");
	if ((status = settle_window(cli->cmd, &a)))
		return status;
	/* Every usage problem is found before anything is read. */
	nin = (size_t)(argc - optind);
	in = xcalloc(nin, sizeof(*in));
	for (size_t k = 0; k < nin; k++)
		in[k].path = argv[optind + (int)k];
	status = plan_inputs(cli->cmd, &a, in, nin);
	if (!status)
		status = import_inputs(cli, &a, in, nin);
	for (size_t k = 0; k < nin; k++)
		evlist_release(&in[k].events);
	free(in);
	return status;
}
