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

/* TYPE and TITLE, the arguments after the options, into o; and
 * --start, which add needs. 0 or the status after reporting. */
static int add_args(const struct command *cmd, int argc, char **argv,
		    char *const *orig, struct evopts *o)
{
	struct itin_err err;
	int status;

	if (argc - optind < 1)
		return usage_error(cmd, "missing TYPE and TITLE");
	if (argc - optind < 2)
		return usage_error(cmd, "missing TITLE");
	if (argc - optind > 2) {
		status = stray_time_arg(cmd, orig, argc, argv[optind + 2]);
		if (status)
			return status;
		return usage_error(cmd,
				   "unexpected argument '%s' (quote a "
				   "TITLE of several words)",
				   argv[optind + 2]);
	}
	if (!o->start)
		return usage_error(cmd, "missing --start WHEN");
	itin_err_clear(&err);
	if (check_utf8_arg(argv[optind], "TYPE", &err) ||
	    check_utf8_arg(argv[optind + 1], "--title", &err))
		return report_err(&err);
	o->type = argv[optind];
	o->title = argv[optind + 1];
	return 0;
}

/* Make the event o describes and append it to the store; its id printed
 * once it is on disk. 0 or the status after reporting. */
static int add_event(struct cli *cli, const struct evopts *o)
{
	struct event *ev = event_new();
	struct itin_err err;
	const char *path;
	int status = 0;

	if (!o->id)
		event_take_str(ev, &ev->id, event_random_id());
	itin_err_clear(&err);
	if (evopts_apply(o, ev, true, &err)) {
		status = report_err(&err);
	} else if (!(path = cli_store(cli))) {
		status = ITIN_EX_USAGE;
	} else if (o->id ? store_append_new(path, ev, STORE_WARNER, &err)
			 : store_append(path, ev, &err)) {
		/* A hand-given id is checked against the store under the
		 * same lock as the append, so two adds cannot both take
		 * it. */
		status = report_err(&err);
	} else {
		printf("%s\n", ev->id);
	}
	event_free(ev);
	return status;
}

int cmd_add(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    EVENT_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct evopts o = {0};
	char **orig = NULL;
	int status;

	status = parse_event_cmd(cli, argc, argv, longopts, &o, &orig);
	if (!status)
		status = add_args(cli->cmd, argc, argv, orig, &o);
	if (!status)
		status = add_event(cli, &o);
	free(orig);
	evopts_release(&o);
	return status;
}
