/*
 * cmd-show.c: `itin show ID`: one event, every field, for people.
 *
 *   Id:           1cc61d33e6b25726
 *   Type:         meeting
 *   When:         Mon 30 Jan 2023 11:00 .. 12:00 KST +09:00
 *   UTC:          2023-01-30T02:00Z .. 2023-01-30T03:00Z
 *   ...
 *
 * The text is itin/evdetail.h's, shared with the viewer's details pane;
 * here with a "Place:" line, and without the reader's zone.
 */
#include "cli.h"
#include "itin/evdetail.h"
#include "itin/storescan.h"

int cmd_show(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	static const struct evdetail_opts show_opts = {.flags = EVDETAIL_PLACE};
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct storescan_want want = {0};
	struct itin_err err;
	long i;
	int c, status = 0;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:h", longopts, cli->cmd)) != -1) {
		status = mine_or_usage(common_option(cli, c, optarg));
		if (status)
			return status;
	}
	if (optind >= argc)
		return usage_error(cli->cmd, "missing ID");
	if ((status = too_many_args(cli->cmd, argc, argv, 1)))
		return status;
	/* Only the events whose id begins with ID, in any case, are read:
	 * every event find_event_arg() could name or list as ambiguous. */
	want.id = argv[optind];
	if ((status = load_selected(cli, &want, &l)))
		goto out;
	itin_err_clear(&err);
	i = find_event_arg(&l, argv[optind], &err);
	if (i < 0) {
		status = report_err(&err);
		goto out;
	}
	evdetail_write(&sb, l.v[i], &show_opts);
	out_strbuf(&sb);
out:
	strbuf_release(&sb);
	evlist_release(&l);
	return status;
}
