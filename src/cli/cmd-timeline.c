/*
 * cmd-timeline.c: `itin timeline [FILTERS] [--width N] [--by KEY]
 * [--in ZONE]`: the timeline as text, for reports and e-mails; and the
 * loading that the timeline and the viewer share.
 *
 * The drawing is layout.c's (layout_text); this file only reads options,
 * loads the events and decides the width and whether to colour.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../tui/layout.h"
#include "cli.h"
#include "itin/shortid.h"
#include "itin/storescan.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

/* Widths beyond this are a typing mistake, not a terminal. */
#define MAX_WIDTH 4096

/* storescan's each_id for shortid_add(), which takes a string. */
static void add_id(void *ctx, const char *id, size_t len)
{
	char *s = xstrndup(id, len);

	shortid_add(ctx, s);
	free(s);
}

int load_for_axis(struct cli *cli, const struct filter *f, const struct tz *in,
		  struct evlist *out, struct shortid *ids)
{
	return load_for_axis_each(cli, f, in, out, ids ? add_id : NULL, ids);
}

/* each_id is called once out holds the events read (those sifted below
 * among them): the viewer picks the ids their short forms need then. */
int load_for_axis_each(struct cli *cli, const struct filter *f,
		       const struct tz *in, struct evlist *out,
		       void (*each_id)(void *ctx, const char *id, size_t len),
		       void *ctx)
{
	struct filter nodates = *f;
	/* The scan's days are widened by two, more than any zone's offset:
	 * the days on the axis's clock are decided below. */
	struct storescan_want want = {
	    .has_from = f->has_from,
	    .has_to = f->has_to,
	    .from_day = f->from_day,
	    .to_day = f->to_day,
	    .each_id = each_id,
	    .ctx = ctx,
	};
	size_t before = out->n, kept = before;
	int status = load_selected(cli, &want, out);

	if (status)
		return status;
	/* --from/--to are days on the timeline's clock (--in's, if given);
	 * the events keep their own zones for the detail pane. */
	nodates.has_from = nodates.has_to = false;
	for (size_t i = before; i < out->n; i++) {
		struct layout_item it = {out->v[i], 0, 0};
		int64_t first, last;

		layout_item_span(out->v[i], in, &it.s, &it.e);
		layout_item_days(&it, in, &first, &last);
		if ((f->has_from && last < f->from_day) ||
		    (f->has_to && first > f->to_day) ||
		    !filter_match(&nodates, out->v[i])) {
			event_free(out->v[i]);
			continue;
		}
		out->v[kept++] = out->v[i];
	}
	out->n = kept;
	evlist_sort(out);
	return 0;
}

int terminal_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	char *end;
	long n;

	if (!isatty(STDOUT_FILENO))
		return 80;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col > 0)
		return ws.ws_col;
	/* A terminal that does not say its size (a serial line): the
	 * shell's idea of it. */
	if (env && *env) {
		n = strtol(env, &end, 10);
		if (!*end && n > 0 && n <= MAX_WIDTH)
			return (int)n;
	}
	return 80;
}

/* timeline's own options: --width and --by. */
struct timeline_opts {
	const struct command *cmd;
	int width; /* 0: the terminal's */
	int by;	   /* enum layout_by */
};

static int parse_width(const char *arg, const struct command *cmd, int *out)
{
	char *end;
	long n;

	n = strtol(arg, &end, 10);
	if (!*arg || *end || n < 1 || n > MAX_WIDTH)
		return usage_error(cmd, "invalid width '%s' (1 to %d columns)",
				   arg, MAX_WIDTH);
	*out = (int)n;
	return 0;
}

static int timeline_option(void *ctx, int c, const char *arg)
{
	struct timeline_opts *t = ctx;

	if (c == OPT_WIDTH)
		return parse_width(arg, t->cmd, &t->width);
	if (c != OPT_BY)
		return CLI_NOT_MINE;
	t->by = layout_by_parse(arg);
	if (t->by < 0)
		return usage_error(t->cmd,
				   "cannot group by '%s' (expected one of: "
				   "type, country, city, person)",
				   arg);
	return 0;
}

/* Draw the events l on the clock of axis into sb. */
static void draw_timeline(struct strbuf *sb, const struct evlist *l,
			  const struct tz *axis, const struct filter *f,
			  const struct timeline_opts *t)
{
	struct layout_model m = {NULL, 0, NULL};
	struct layout_text_opts o;

	layout_model_init(&m, l->v, l->n, axis);
	memset(&o, 0, sizeof(o));
	o.zone = tz_name(axis);
	o.width = t->width ? t->width : terminal_width();
	o.by = (enum layout_by)t->by;
	o.has_from = f->has_from;
	o.from_day = f->from_day;
	o.has_to = f->has_to;
	o.to_day = f->to_day;
	o.colour = want_colour();
	layout_text(sb, &m, &o);
	layout_model_release(&m);
}

int cmd_timeline(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    FILTER_LONGOPTS,
	    {"width", required_argument, NULL, OPT_WIDTH},
	    {"by", required_argument, NULL, OPT_BY},
	    {"in", required_argument, NULL, OPT_IN},
	    {NULL, 0, NULL, 0},
	};
	struct timeline_opts t = {cli->cmd, 0, LAYOUT_BY_NONE};
	const struct own_options own = {NULL, timeline_option, &t};
	struct filter f = FILTER_INIT;
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	const struct tz *axis;
	int status;

	status = parse_reading_cmd(cli, argc, argv, longopts, &own, &f, NULL);
	if (status || (status = filter_finish(&f, cli)))
		goto out;
	/* One clock for the axis, so a flight is as long as it lasts:
	 * --in's, else the user's. */
	axis = cli->in ? cli->in : user_zone();
	if ((status = load_for_axis(cli, &f, axis, &l, NULL)))
		goto out;
	draw_timeline(&sb, &l, axis, &f, &t);
	out_strbuf(&sb);
out:
	strbuf_release(&sb);
	evlist_release(&l);
	filter_release(&f);
	return status;
}
