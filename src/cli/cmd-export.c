/*
 * cmd-export.c: `itin export [--format FORMAT] [-o FILE] [--raw] [FILTERS]`
 * (iCalendar unless --format says otherwise).
 *
 * Like list, for programs rather than people: no agenda, and -o replaces
 * FILE atomically, so a reader of FILE never sees half an export. The
 * output is written as it is made (outsink.h), never whole in memory:
 * to -o FILE, into the temporary file that is renamed over FILE. Nor are
 * the events: the store is read in two passes (storestream.h), so the
 * memory stays the same for a store ten times larger.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "itin/fsutil.h"
#include "itin/icalio.h"
#include "itin/storestream.h"

/* -o FILE (ctx: where the name goes). */
static int export_option(void *ctx, int c, const char *arg)
{
	if (c != 'o')
		return CLI_NOT_MINE;
	*(const char **)ctx = arg;
	return 0;
}

/*
 * Write the events to the file output as they are made: its temporary
 * file, renamed over it at the end, or a device in place. A failure
 * leaves the old file and no temporary one. 0 or the status.
 */
static int export_to_file(struct storestream *s, struct icalio_zones *zones,
			  const struct outopts *opts, const char *output)
{
	struct fs_output o;
	struct outsink out;
	struct itin_err err;
	int ret, status = 0;

	itin_err_clear(&err);
	if (fs_output_open(&o, output, &err))
		return report_err(&err);
	outsink_init(&out, outsink_fd_write, &o.fd);
	ret = write_stream(&out, opts->fmt, s, zones, opts->flags, &status);
	if (!ret)
		ret = outsink_flush(&out);
	if (ret)
		/* A store that could not be read is reported already. */
		fs_output_fail(&o, status ? EIO : out.error, &err);
	else
		ret = fs_output_commit(&o, &err);
	outsink_release(&out);
	if (status)
		return status;
	return ret ? report_err(&err) : 0;
}

/*
 * Read the store (storestream.h: two passes, the events one at a time,
 * sorted), format the events as opts asks and write them to output (NULL
 * or "-": stdout, whose write errors main reports at exit). 0 or the
 * status.
 */
static int export_events(struct cli *cli, const struct filter *f,
			 const struct outopts *opts, const char *output)
{
	struct icalio_zones zones = ICALIO_ZONES_INIT;
	struct storestream s;
	struct progress *p = progress_start("exporting", 0);
	struct outsink out;
	int status =
	    open_stream(cli, f, &s, opts->fmt == FMT_ICS ? &zones : NULL);

	if (status) {
		progress_stop(p);
	} else if (output && strcmp(output, "-")) {
		status = export_to_file(&s, &zones, opts, output);
		progress_stop(p);
	} else {
		/* Lines on a terminal are not to be mixed with progress. */
		progress_stop(p);
		outsink_stdout(&out);
		write_stream(&out, opts->fmt, &s, &zones, opts->flags, &status);
		outsink_flush(&out);
		outsink_release(&out);
	}
	icalio_zones_release(&zones);
	storestream_close(&s);
	return status;
}

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
	const char *output = NULL;
	const struct own_options own = {"f:ho:", export_option, &output};
	struct filter f = FILTER_INIT;
	int status;

	status = parse_reading_cmd(cli, argc, argv, longopts, &own, &f, &opts);
	if (status)
		goto out;
	/* iCalendar is the default: export is for calendar apps. */
	if (opts.fmt == FMT_NONE)
		opts.fmt = FMT_ICS;
	/* Other formats keep the stored zones, which programs want. */
	if (cli->in && opts.fmt != FMT_TSV && opts.fmt != FMT_CSV) {
		status = usage_error(cli->cmd,
				     "--in works with --format tsv or csv");
		goto out;
	}
	if ((status = raw_needs_sheet(cli->cmd, &opts)))
		goto out;
	if (output && !*output) {
		status = usage_error(cli->cmd, "empty file name for -o");
		goto out;
	}
	if (!(status = filter_finish(&f, cli)))
		status = export_events(cli, &f, &opts, output);
out:
	filter_release(&f);
	return status;
}
