/*
 * cmd-rm.c: `itin rm [-v] ID...`: all or nothing. Every id is looked up
 * under the store's lock before anything is removed, so a typo in the
 * third id leaves the first two in place.
 */
#include <stdlib.h>

#include "cli.h"
#include "itin/store.h"
#include "itin/xalloc.h"

/* The events the id arguments name, marked in doomed (all of them or
 * none: every bad id is reported, the worst status returned). */
static int mark_doomed(const struct evlist *events, int argc, char **argv,
		       bool *doomed)
{
	struct itin_err err;
	int status = 0;

	itin_err_clear(&err);
	for (int a = optind; a < argc; a++) {
		long i = find_event_arg(events, argv[a], &err);
		if (i < 0) {
			/* Report every bad id, keep the worst status. */
			int s = report_err(&err);
			if (s > status || !status)
				status = s;
			continue;
		}
		doomed[i] = true;
	}
	return status;
}

/* Write the removed ids, which removed holds backwards, in store order. */
static void print_removed(const struct strbuf *removed)
{
	struct strbuf fwd = STRBUF_INIT;
	const char *end = removed->buf + removed->len;

	/* removed holds them backwards; reverse line order. */
	while (end > removed->buf) {
		const char *start = end - 1;
		while (start > removed->buf && start[-1] != '\n')
			start--;
		strbuf_add(&fwd, start, (size_t)(end - start));
		end = start;
	}
	out_strbuf(&fwd);
	strbuf_release(&fwd);
}

/* Remove the ids argv names in one transaction; with verbose, print them
 * once the removal is on disk. 0 or the status after reporting. */
static int remove_events(const char *path, int argc, char **argv, bool verbose)
{
	struct store_tx tx;
	struct itin_err err;
	struct strbuf removed = STRBUF_INIT;
	bool *doomed;
	int status;

	itin_err_clear(&err);
	if (store_begin_existing(path, &tx, STORE_WARNER, &err))
		return report_err(&err);
	doomed = xcalloc(tx.events.n + 1, sizeof(*doomed));
	if ((status = mark_doomed(&tx.events, argc, argv, doomed))) {
		store_abort(&tx);
		free(doomed);
		return status;
	}
	/* Walk backwards so the indices stay valid while taking. */
	for (size_t i = tx.events.n; i-- > 0;) {
		if (!doomed[i])
			continue;
		struct event *ev = evlist_take(&tx.events, i);
		if (verbose)
			strbuf_addf(&removed, "%s\n", ev->id);
		event_free(ev);
	}
	free(doomed);
	if (store_commit(&tx, &err))
		status = report_err(&err);
	else if (verbose)
		print_removed(&removed);
	strbuf_release(&removed);
	return status;
}

int cmd_rm(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {"verbose", no_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	bool verbose = false;
	const char *path;
	int c, status;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:hv", longopts, cli->cmd)) != -1) {
		if (c == 'v') {
			verbose = true;
			continue;
		}
		status = mine_or_usage(common_option(cli, c, optarg));
		if (status)
			return status;
	}
	if (optind >= argc)
		return usage_error(cli->cmd, "missing ID");
	path = cli_store(cli);
	if (!path)
		return ITIN_EX_USAGE;
	return remove_events(path, argc, argv, verbose);
}
