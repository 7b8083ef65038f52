/*
 * cmd-show.c: `itin show ID`: one event, every field, for people.
 *
 *   Id:           1cc61d33e6b25726
 *   Type:         meeting
 *   When:         Mon 30 Jan 2023 11:00 .. 12:00 KST +09:00
 *   UTC:          2023-01-30T02:00Z .. 2023-01-30T03:00Z
 *   ...
 *
 * Fields without a value are left out. Every value is sanitised.
 */
#include <string.h>

#include "cli.h"
#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/store.h"
#include "itin/tz.h"
#include "itin/utf8.h"

#define LABEL_COLS 14

static void label(struct strbuf *sb, const char *name)
{
	size_t n = strlen(name) + 1;

	strbuf_addstr(sb, name);
	strbuf_addch(sb, ':');
	strbuf_addspaces(sb, n < LABEL_COLS ? LABEL_COLS - n : 1);
}

/* A one-line field: a line break in it is shown escaped, like any other
 * control character, so a title cannot pose as another field. */
static void field(struct strbuf *sb, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	label(sb, name);
	utf8_sanitize(sb, value);
	strbuf_addch(sb, '\n');
}

/* A field of several lines (notes, participants): one line each, aligned. */
static void field_lines(struct strbuf *sb, const char *name, const char *value)
{
	const char *p = value;

	if (!value || !*value)
		return;
	label(sb, name);
	for (;;) {
		const char *nl = strchr(p, '\n');
		struct strbuf line = STRBUF_INIT;

		strbuf_add(&line, p, nl ? (size_t)(nl - p) : strlen(p));
		utf8_sanitize(sb, line.buf);
		strbuf_release(&line);
		strbuf_addch(sb, '\n');
		if (!nl)
			break;
		p = nl + 1;
		strbuf_addspaces(sb, LABEL_COLS);
	}
}

static void local_text(struct strbuf *sb, int64_t lsec, bool with_day)
{
	char buf[ITIN_WHEN_MAX];

	if (with_day) {
		day_text(sb, lsec_day(lsec));
		strbuf_addch(sb, ' ');
	}
	clock_format(lsec_time_of_day(lsec), buf);
	strbuf_addstr(sb, buf);
}

static void zone_or_floating(struct strbuf *sb, const char *tz, int64_t instant)
{
	strbuf_addch(sb, ' ');
	if (tz)
		zone_text(sb, tz, instant);
	else
		strbuf_addstr(sb, "(floating)");
}

static void when_text(struct strbuf *sb, const struct event *ev)
{
	if (ev->allday) {
		int64_t first = event_first_day(ev), last = event_last_day(ev);
		day_text(sb, first);
		if (ev->has_end && last != first) {
			strbuf_addstr(sb, " .. ");
			day_text(sb, last);
			strbuf_addf(sb, " (all day, %lld days)",
				    (long long)(last - first + 1));
		} else {
			strbuf_addstr(sb, " (all day)");
		}
		return;
	}
	local_text(sb, ev->start, true);
	if (!ev->has_end) {
		zone_or_floating(sb, ev->tz, ev->start_utc);
		return;
	}
	if (!ev->end_tz && lsec_day(ev->end) == lsec_day(ev->start) &&
	    ev->end_utc - ev->start_utc == ev->end - ev->start) {
		/* Same day, same offset: say the zone once. */
		strbuf_addstr(sb, " .. ");
		local_text(sb, ev->end, false);
		zone_or_floating(sb, ev->tz, ev->start_utc);
		return;
	}
	zone_or_floating(sb, ev->tz, ev->start_utc);
	strbuf_addstr(sb, " .. ");
	local_text(sb, ev->end, true);
	zone_or_floating(sb, ev->end_tz ? ev->end_tz : ev->tz, ev->end_utc);
}

static void utc_text(struct strbuf *sb, const struct event *ev)
{
	char buf[ITIN_WHEN_MAX];

	when_format(ev->start_utc, true, 'T', buf);
	strbuf_addf(sb, "%sZ", buf);
	if (ev->has_end) {
		when_format(ev->end_utc, true, 'T', buf);
		strbuf_addf(sb, " .. %sZ", buf);
	}
}

static void show_event(struct strbuf *sb, const struct event *ev)
{
	struct strbuf v = STRBUF_INIT;

	field(sb, "Id", ev->id);
	field(sb, "Type", event_type_name(ev->type));
	field(sb, "Title", ev->title);
	field(sb, "Status", event_status_name(ev->status));
	when_text(&v, ev);
	field(sb, "When", v.buf);
	strbuf_reset(&v);
	/* Floating and all-day times are not instants. */
	if (!ev->allday && ev->tz) {
		utc_text(&v, ev);
		field(sb, "UTC", v.buf);
		strbuf_reset(&v);
	}
	place_text(&v, ev);
	field(sb, "Place", v.buf);
	strbuf_reset(&v);
	field(sb, "Venue", ev->venue);
	field(sb, "City", ev->city);
	field(sb, "Country", ev->country);
	if (!ev->allday)
		field(sb, "Time zone", ev->tz ? ev->tz : "floating");
	field(sb, "End zone", ev->end_tz);
	/* One participant a line; breaks inside a name are escaped first. */
	for (size_t i = 0; i < ev->nwith; i++) {
		utf8_sanitize(&v, ev->with[i].name);
		if (ev->with[i].role) {
			strbuf_addstr(&v, " (");
			utf8_sanitize(&v, ev->with[i].role);
			strbuf_addch(&v, ')');
		}
		if (i + 1 < ev->nwith)
			strbuf_addch(&v, '\n');
	}
	field_lines(sb, "With", v.buf);
	strbuf_reset(&v);
	field(sb, "Organisation", ev->org);
	field(sb, "Source", ev->source);
	for (size_t i = 0; i < ev->ntags; i++) {
		if (i)
			strbuf_addstr(&v, ", ");
		strbuf_addstr(&v, ev->tags[i]);
	}
	field(sb, "Tags", v.buf);
	strbuf_release(&v);
	field_lines(sb, "Notes", ev->notes);
}

int cmd_show(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	const char *path;
	long i;
	int c, status = 0;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:h", longopts, cli->cmd)) != -1) {
		if (c == 'f') {
			cli->file = optarg;
		} else if (c == 'h') {
			return cli_help(cli->cmd);
		} else {
			return ITIN_EX_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error(cli->cmd, "missing ID");
	if ((status = too_many_args(cli->cmd, argc, argv, 1)))
		return status;
	path = cli_store(cli);
	if (!path)
		return ITIN_EX_USAGE;
	itin_err_clear(&err);
	if (store_load(path, &l, STORE_WARNER, &err)) {
		status = report_err(&err);
		goto out;
	}
	i = find_event_arg(&l, argv[optind], &err);
	if (i < 0) {
		status = report_err(&err);
		goto out;
	}
	show_event(&sb, l.v[i]);
	out_strbuf(&sb);
out:
	strbuf_release(&sb);
	evlist_release(&l);
	return status;
}
