/*
 * cmd-view.c: `itin view [FILTERS] [--in ZONE]`: options and loading; the
 * viewer itself is src/tui (tui.h).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tui/tui.h"
#include "cli.h"
#include "itin/shortid.h"
#include "itin/tz.h"

enum { OPT_BENCH_KEYS = 512 };

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int cmd_view(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    FILTER_LONGOPTS,
	    {"in", required_argument, NULL, OPT_IN},
	    /* Not in --help: for `make bench`. */
	    {"bench-keys", required_argument, NULL, OPT_BENCH_KEYS},
	    {NULL, 0, NULL, 0},
	};
	struct filter f = FILTER_INIT;
	struct evlist l = EVLIST_INIT;
	struct view_opts o;
	struct shortid ids;
	int c, status = 0;

	shortid_init(&ids, SHORTID_MIN);

	memset(&o, 0, sizeof(o));
	o.start_ns = mono_ns();
	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:h", longopts, cli->cmd)) != -1) {
		if (c == OPT_BENCH_KEYS) {
			o.bench_keys = optarg;
			continue;
		}
		if (reading_option(cli, &f, c, optarg, &status))
			goto out;
	}
	if ((status = too_many_args(cli->cmd, argc, argv, 0)))
		goto out;
	if ((status = filter_finish(&f, cli)))
		goto out;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		status = report(1, "view needs a terminal (try 'itin timeline' "
				   "or 'itin list')");
		goto out;
	}
	/* One clock for the axis: --in's, else the user's. */
	o.axis = cli->in ? cli->in : user_zone();
	if (load_for_axis(cli, &f, o.axis, &l, &ids, &status))
		goto out;
	shortid_finish(&ids);
	o.events = &l;
	o.ids = &ids;
	o.in = cli->in;
	o.here = o.axis;
	o.now = tz_utc_to_local(o.axis, cli_now());
	o.has_from = f.has_from;
	o.from_day = f.from_day;
	o.has_to = f.has_to;
	o.to_day = f.to_day;
	status = tui_view(&o);
out:
	evlist_release(&l);
	shortid_release(&ids);
	filter_release(&f);
	return status;
}
