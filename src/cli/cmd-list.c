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
#include "itin/icalio.h"
#include "itin/shortid.h"
#include "itin/storestream.h"

/* Load the events and write them as opts asks to stdout, as they are
 * made: for the agenda, with short ids unique in the whole store. 0 or
 * the status (a failed write is main's to report, at exit). */
static int list_events(struct cli *cli, const struct filter *f,
		       const struct outopts *opts)
{
	struct evlist l = EVLIST_INIT;
	struct shortid ids;
	struct outsink out;
	struct progress *p = progress_start("listing", 0);
	int status;

	shortid_init(&ids, SHORTID_MIN);
	outsink_stdout(&out);
	if (opts->fmt == FMT_AGENDA) {
		/* Lines that fit a terminal, and piped output whole. */
		struct agenda_opts ao = {
		    .colour = opts->flags & OUT_COLOUR,
		    .width = isatty(STDOUT_FILENO) ? terminal_width() : 0,
		    .ids = &ids,
		};

		if (!(status = load_filtered_ids(cli, f, &l, &ids))) {
			shortid_finish(&ids);
			progress_stop(p);
			p = NULL;
			agenda_write(&out, &l, f, &ao);
		}
	} else {
		/* For programs: the events one at a time (storestream.h). */
		struct icalio_zones zones = ICALIO_ZONES_INIT;
		struct storestream s;

		status = open_stream(cli, f, &s,
				     opts->fmt == FMT_ICS ? &zones : NULL);
		progress_stop(p);
		p = NULL;
		if (!status)
			write_stream(&out, opts->fmt, &s, &zones, opts->flags,
				     &status);
		icalio_zones_release(&zones);
		storestream_close(&s);
	}
	progress_stop(p);
	outsink_flush(&out);
	outsink_release(&out);
	shortid_release(&ids);
	evlist_release(&l);
	return status;
}

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
	int status;

	status = parse_reading_cmd(cli, argc, argv, longopts, NULL, &f, &opts);
	if (status)
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
	status = list_events(cli, &f, &opts);
out:
	filter_release(&f);
	return status;
}
