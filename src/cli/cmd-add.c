/*
 * cmd-add.c: `itin add TYPE TITLE --start WHEN [OPTIONS]`.
 *
 * The id is printed only once store_append() has returned, that is once
 * the event is on disk (fsync): a script that got an id can rely on it.
 * add never rewrites the store, so many can run at once without losing
 * an event (the store appends under its lock).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "itin/event.h"
#include "itin/store.h"
#include "itin/xalloc.h"

int cmd_add(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    EVENT_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct evopts o = {0};
	struct event *ev = NULL;
	struct itin_err err;
	const char *path;
	char **orig = NULL;
	int status;

	if ((status = parse_event_cmd(cli, argc, argv, longopts, &o, &orig)))
		goto out;
	if (argc - optind < 1) {
		status = usage_error(cli->cmd, "missing TYPE and TITLE");
		goto out;
	}
	if (argc - optind < 2) {
		status = usage_error(cli->cmd, "missing TITLE");
		goto out;
	}
	if (argc - optind > 2) {
		status = stray_time_arg(cli->cmd, orig, argc, argv[optind + 2]);
		if (status)
			goto out;
		status = usage_error(cli->cmd,
				     "unexpected argument '%s' (quote a "
				     "TITLE of several words)",
				     argv[optind + 2]);
		goto out;
	}
	if (!o.start) {
		status = usage_error(cli->cmd, "missing --start WHEN");
		goto out;
	}
	itin_err_clear(&err);
	if (check_utf8_arg(argv[optind], "TYPE", &err) ||
	    check_utf8_arg(argv[optind + 1], "--title", &err)) {
		status = report_err(&err);
		goto out;
	}
	o.type = argv[optind];
	o.title = argv[optind + 1];

	ev = event_new();
	if (!o.id)
		ev->id = event_random_id();
	if (evopts_apply(&o, ev, true, &err)) {
		status = report_err(&err);
		goto out;
	}
	path = cli_store(cli);
	if (!path) {
		status = ITIN_EX_USAGE;
		goto out;
	}
	/* A hand-given id is checked against the store under the same lock
	 * as the append, so two adds cannot both take it. */
	if (o.id ? store_append_new(path, ev, STORE_WARNER, &err)
		 : store_append(path, ev, &err)) {
		status = report_err(&err);
		goto out;
	}
	printf("%s\n", ev->id);
out:
	free(orig);
	event_free(ev);
	evopts_release(&o);
	return status;
}
