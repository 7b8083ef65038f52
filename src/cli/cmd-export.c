/*
 * cmd-export.c: `itin export [--format FORMAT] [-o FILE] [--raw] [FILTERS]`
 * (iCalendar unless --format says otherwise).
 *
 * Like list, for programs rather than people: no agenda, and -o replaces
 * FILE atomically, so a reader of FILE never sees half an export.
 */
#include <string.h>

#include "cli.h"
#include "itin/fsutil.h"

int cmd_export(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    FILTER_LONGOPTS,
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"in", required_argument, NULL, OPT_IN},
	    {"output", required_argument, NULL, 'o'},
	    {"raw", no_argument, NULL, OPT_RAW},
	    {NULL, 0, NULL, 0},
	};
	struct outopts opts = {
	    .allowed = 1u << FMT_TSV | 1u << FMT_JSON | 1u << FMT_ITIN |
		       1u << FMT_CSV | 1u << FMT_ICS,
	    .fmt = FMT_NONE,
	};
	struct filter f = FILTER_INIT;
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct progress *p = NULL;
	const char *output = NULL;
	struct itin_err err;
	int c, status = 0;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:ho:", longopts, cli->cmd)) !=
	       -1) {
		if (c == 'o') {
			output = optarg;
			continue;
		}
		if ((status = output_option(cli, &f, &opts, c, optarg)))
			goto out;
	}
	if ((status = too_many_args(cli->cmd, argc, argv, 0)))
		goto out;
	/* iCalendar is the default: export is for calendar apps. */
	if (opts.fmt == FMT_NONE)
		opts.fmt = FMT_ICS;
	/* Other formats keep the stored zones, which programs want. */
	if (cli->in && opts.fmt != FMT_TSV && opts.fmt != FMT_CSV) {
		status =
		    usage_error(cli->cmd, "--in works with --format tsv or csv");
		goto out;
	}
	if ((status = raw_needs_sheet(cli->cmd, &opts)))
		goto out;
	if (output && !*output) {
		status = usage_error(cli->cmd, "empty file name for -o");
		goto out;
	}
	if ((status = filter_finish(&f, cli)))
		goto out;
	p = progress_start("exporting", 0);
	if ((status = load_filtered(cli, &f, &l)))
		goto out;
	format_events(&sb, opts.fmt, &l, &f, opts.flags);
	progress_stop(p);
	p = NULL;
	if (output && strcmp(output, "-")) {
		itin_err_clear(&err);
		if (fs_write_output(output, sb.buf, sb.len, &err))
			status = report_err(&err);
	} else {
		out_strbuf(&sb);
	}
out:
	progress_stop(p);
	strbuf_release(&sb);
	evlist_release(&l);
	filter_release(&f);
	return status;
}
