/*
 * cmd-list.c: `itin list [FILTERS] [--upcoming]
 * [--format agenda|tsv|csv|json|itin] [--in ZONE] [--raw]`.
 *
 * Without a range, list shows every event (scripts rely on it);
 * --upcoming (options.c, as for export, timeline and view) is --from
 * today, today on the user's clock.
 */
#include <unistd.h>

#include "cli.h"
#include "itin/shortid.h"

int cmd_list(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    FILTER_LONGOPTS,
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"in", required_argument, NULL, OPT_IN},
	    {"raw", no_argument, NULL, OPT_RAW},
	    {NULL, 0, NULL, 0},
	};
	struct outopts opts = {
	    .allowed = 1u << FMT_AGENDA | 1u << FMT_TSV | 1u << FMT_JSON |
		       1u << FMT_ITIN | 1u << FMT_CSV | 1u << FMT_ICS,
	    .fmt = FMT_AGENDA,
	};
	struct filter f = FILTER_INIT;
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct progress *p = NULL;
	struct shortid ids;
	int c, status = 0;

	shortid_init(&ids, SHORTID_MIN);

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:h", longopts, cli->cmd)) != -1) {
		if ((status = output_option(cli, &f, &opts, c, optarg)))
			goto out;
	}
	if ((status = too_many_args(cli->cmd, argc, argv, 0)))
		goto out;
	/* Other formats are for programs, which want the stored zones. */
	if (cli->in && opts.fmt != FMT_AGENDA && opts.fmt != FMT_TSV &&
	    opts.fmt != FMT_CSV) {
		status = usage_error(
		    cli->cmd, "--in works with --format agenda, tsv or csv");
		goto out;
	}
	if ((status = raw_needs_sheet(cli->cmd, &opts)))
		goto out;
	if (opts.fmt == FMT_AGENDA && want_colour())
		opts.flags |= OUT_COLOUR;
	if ((status = filter_finish(&f, cli)))
		goto out;
	p = progress_start("listing", 0);
	if (opts.fmt == FMT_AGENDA) {
		/* Short ids, unique in the whole store; lines that fit a
		 * terminal, and piped output whole. */
		struct agenda_opts ao = {
		    .colour = opts.flags & OUT_COLOUR,
		    .width = isatty(STDOUT_FILENO) ? terminal_width() : 0,
		    .ids = &ids,
		};

		if ((status = load_filtered_ids(cli, &f, &l, &ids)))
			goto out;
		shortid_finish(&ids);
		agenda_write(&sb, &l, &f, &ao);
	} else {
		if ((status = load_filtered(cli, &f, &l)))
			goto out;
		format_events(&sb, opts.fmt, &l, &f, opts.flags);
	}
	progress_stop(p);
	p = NULL;
	out_strbuf(&sb);
out:
	progress_stop(p);
	strbuf_release(&sb);
	shortid_release(&ids);
	evlist_release(&l);
	filter_release(&f);
	return status;
}
