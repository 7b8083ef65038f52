/*
 * cmd-where.c: `itin where PLACE [--country CC] [--format text|tsv]`: what
 * the gazetteer makes of a place, so people and scripts can check one
 * before using it.
 *
 *   City:         Seoul
 *   Country:      KR (South Korea)
 *   Time zone:    Asia/Seoul
 *   UTC offset:   +09:00 (KST)
 *   Local time:   Wed 25 Jan 2023 21:00
 *   Coordinates:  37.5660, 126.9784
 *
 * PLACE is a city ("Seoul"), a city and its country or state ("Seoul, KR",
 * "Santiago, Spain", "Portland, Maine"), a country ("South Korea", "kr")
 * or a zone ("Asia/Seoul"). An unknown name suggests countries whose names
 * hold it ("Korea": North Korea, South Korea) and close places. Several words
 * need no quotes: `itin where Sao Paulo`. The offset and local time are those
 * of now ($ITIN_NOW).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/evtext.h"
#include "itin/places.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

#define LABEL_COLS 14

/* What PLACE turned out to be. */
struct where {
	const struct place *place;     /* a city */
	const char *cc;		       /* its country, or the country named */
	const char *zone;	       /* a zone named, or the city's */
	const struct place *others[8]; /* other places of the same name */
	size_t nothers;
};

static void label(struct strbuf *sb, const char *name)
{
	size_t n = strlen(name) + 1;

	strbuf_addstr(sb, name);
	strbuf_addch(sb, ':');
	strbuf_addspaces(sb, n < LABEL_COLS ? LABEL_COLS - n : 1);
}

/* "+09:00 (KST)", or "+05:45" where the abbreviation is only a number. */
static void offset_text(struct strbuf *sb, const struct tz_offset *off)
{
	char ofs[16];

	tz_format_offset(off->utc_offset, ofs);
	strbuf_addstr(sb, ofs);
	if (off->abbr[0] && off->abbr[0] != '+' && off->abbr[0] != '-') {
		strbuf_addstr(sb, " (");
		utf8_sanitize(sb, off->abbr);
		strbuf_addch(sb, ')');
	}
}

static void zone_lines(struct strbuf *sb, const char *zone, int64_t now)
{
	struct itin_err err;
	const struct tz *tz = tz_get(zone, &err);
	struct tz_offset off;
	char clock[ITIN_WHEN_MAX];
	int64_t local;

	label(sb, "Time zone");
	strbuf_addf(sb, "%s\n", zone);
	if (!tz)
		return;
	tz_offset_at(tz, now, &off);
	label(sb, "UTC offset");
	offset_text(sb, &off);
	strbuf_addch(sb, '\n');
	local = tz_utc_to_local(tz, now);
	local -= lsec_time_of_day(local) % 60; /* to the minute */
	label(sb, "Local time");
	day_text(sb, lsec_day(local));
	clock_format(lsec_time_of_day(local), clock);
	strbuf_addf(sb, " %s\n", clock);
}

static void write_text(struct strbuf *sb, const struct where *w, int64_t now)
{
	size_t nz = 0;
	const char *const *zones = NULL;

	if (w->place) {
		label(sb, "City");
		utf8_sanitize(sb, w->place->city);
		strbuf_addch(sb, '\n');
	}
	if (w->cc) {
		label(sb, "Country");
		strbuf_addf(sb, "%s (%s)\n", w->cc, country_name(w->cc));
	}
	if (w->zone) {
		zone_lines(sb, w->zone, now);
	} else if ((zones = country_zones(w->cc, &nz)) != NULL) {
		/* A country of several zones: each, with its offset now. */
		size_t width = 0;

		for (size_t i = 0; i < nz; i++)
			if (strlen(zones[i]) > width)
				width = strlen(zones[i]);
		label(sb, "Time zones");
		for (size_t i = 0; i < nz; i++) {
			struct itin_err err;
			const struct tz *tz = tz_get(zones[i], &err);
			struct tz_offset off;

			if (i)
				strbuf_addspaces(sb, LABEL_COLS);
			strbuf_addstr(sb, zones[i]);
			if (tz) {
				tz_offset_at(tz, now, &off);
				strbuf_addspaces(sb,
						 width - strlen(zones[i]) + 2);
				offset_text(sb, &off);
			}
			strbuf_addch(sb, '\n');
		}
		/* The one add and --in take when only the country is given. */
		label(sb, "Main zone");
		strbuf_addf(sb, "%s (the zone with the most people)\n",
			    country_main_zone(w->cc));
	} else {
		label(sb, "Time zone");
		strbuf_addstr(sb, "none known\n");
	}
	if (w->place) {
		label(sb, "Coordinates");
		strbuf_addf(sb, "%.4f, %.4f\n", w->place->lat, w->place->lon);
	}
}

static void tsv_line(struct strbuf *sb, const struct where *w, const char *zone,
		     int64_t now)
{
	struct itin_err err;
	const struct tz *tz = zone ? tz_get(zone, &err) : NULL;

	/* Names hold no tabs or line breaks: they come from our tables. */
	strbuf_addf(sb, "%s\t%s\t%s\t", w->place ? w->place->city : "",
		    w->cc ? w->cc : "", zone ? zone : "");
	if (tz) {
		struct tz_offset off;
		char ofs[16];

		tz_offset_at(tz, now, &off);
		tz_format_offset(off.utc_offset, ofs);
		strbuf_addstr(sb, ofs);
	}
	if (w->place)
		strbuf_addf(sb, "\t%.4f\t%.4f\n", w->place->lat, w->place->lon);
	else
		strbuf_addstr(sb, "\t\t\n");
}

static void write_tsv(struct strbuf *sb, const struct where *w, int64_t now)
{
	size_t nz = 0;
	const char *const *zones;

	strbuf_addstr(sb, "name\tcountry\tzone\tutc_offset\tlat\tlon\n");
	if (w->zone || !w->cc) {
		tsv_line(sb, w, w->zone, now);
		return;
	}
	/* A country of several zones (or none): a line for each. */
	zones = country_zones(w->cc, &nz);
	if (!nz)
		tsv_line(sb, w, NULL, now);
	for (size_t i = 0; i < nz; i++)
		tsv_line(sb, w, zones[i], now);
}

/* A city, in cc when cc is not NULL: fills w and returns true if known. */
static bool find_city(const char *name, const char *cc, struct where *w)
{
	const struct place *all[9];
	size_t n = place_find_all(name, cc, all, 9);

	if (!n)
		return false;
	w->place = all[0];
	w->cc = all[0]->country;
	w->zone = all[0]->tz;
	w->nothers = n - 1 < 8 ? n - 1 : 8;
	memcpy(w->others, all + 1, w->nothers * sizeof(all[0]));
	return true;
}

/* Does the country named by a string agree with --country (if given)? */
static const char *country_if_agrees(const char *name, const char *want)
{
	const char *cc = country_lookup(name);

	return cc && (!want || !strcmp(cc, want)) ? cc : NULL;
}

/* Does name end in "of word" or "of the word" (any case): "Democratic
 * Republic of the Congo" for "Congo", a reading of the word as likely as
 * the country that has it as its name (not "South Sudan" for "Sudan"). */
static bool has_words(const char *name, const char *word)
{
	size_t n = strlen(word), l = strlen(name);

	if (l < n + 4 || ascii_casecmp(name + l - n, word) ||
	    name[l - n - 1] != ' ')
		return false;
	l -= n + 1;
	if (l >= 7 && !ascii_ncasecmp(name + l - 7, " of the", 7))
		return true;
	return l >= 3 && !ascii_ncasecmp(name + l - 3, " of", 3);
}

/* "Congo" is CG's short name and part of CD's: say both. also: the n
 * countries whose names hold arg; cc: the one taken. */
static void warn_country_words(const char *arg, const char *cc,
			       const char *const *also, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(also[i], cc) &&
		    has_words(country_name(also[i]), arg))
			break;
		else if (i + 1 == n)
			n = 0;
	if (n <= 1)
		return;
	strbuf_addf(&sb, "'%s' is ambiguous; using %s (%s); also ", arg,
		    country_name(cc), cc);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(also[i], cc) ||
		    !has_words(country_name(also[i]), arg))
			continue;
		strbuf_addf(&sb, "%s%s (%s)", k++ ? ", " : "",
			    country_name(also[i]), also[i]);
	}
	strbuf_addstr(&sb, " (give the code to choose)");
	warning("%s", sb.buf);
	strbuf_release(&sb);
}

/* Resolve PLACE: a zone, a city, "city, country", a country. */
static bool resolve(const char *arg, const char *want_cc, struct where *w)
{
	const char *comma = strrchr(arg, ',');
	const char *cc;
	struct itin_err err;
	const struct tz *tz;

	memset(w, 0, sizeof(*w));
	if (strchr(arg, '/')) {
		tz = tz_get(arg, &err);
		if (!tz)
			return false;
		w->zone = tz_name(tz);
		return true;
	}
	/* The whole name first: "Washington, D.C." is one city. */
	if (find_city(arg, want_cc, w))
		return true;
	if (comma && (cc = country_if_agrees(comma + 1, want_cc))) {
		char *city = xstrndup(arg, (size_t)(comma - arg));
		bool found = find_city(city, cc, w);

		free(city);
		if (found)
			return true;
	}
	if ((cc = country_if_agrees(arg, want_cc))) {
		const char *also[4];
		size_t n = strlen(arg) > 3 ? country_search(arg, also, 4) : 0;

		w->cc = cc;
		w->zone = country_single_zone(cc);
		warn_country_words(arg, cc, also, n);
		return true;
	}
	/* "UTC", "GMT" and the other zone names without a slash. */
	if (!want_cc && (tz = tz_get(arg, &err))) {
		w->zone = tz_name(tz);
		return true;
	}
	return false;
}

/* What where's options ask: --country (want_cc, NULL for any), --format. */
struct where_opts {
	const char *want_cc;
	char cc[3];
	bool tsv;
};

static int where_option(const struct command *cmd, struct where_opts *o, int c,
			const char *arg)
{
	struct itin_err err;

	switch (c) {
	case 'h':
		return cli_help_done(cmd);
	case OPT_COUNTRY:
		itin_err_clear(&err);
		if (check_utf8_arg(arg, "--country", &err) ||
		    parse_country_arg(arg, o->cc, &err))
			return report_err(&err);
		o->want_cc = o->cc;
		return 0;
	case OPT_FORMAT:
		if (!strcmp(arg, "tsv"))
			o->tsv = true;
		else if (strcmp(arg, "text"))
			return usage_error(cmd,
					   "unknown format '%s' (expected "
					   "one of: text, tsv)",
					   arg);
		return 0;
	default:
		return ITIN_EX_USAGE;
	}
}

/*
 * "EST", "CET": the zone people mean, with a note; "IST" names several.
 * Before the tz database's own fixed "EST", and only for what is no place.
 * 0 with w filled, CLI_NOT_MINE when arg is no abbreviation, or the
 * status after reporting.
 */
static int where_abbreviation(const char *arg, const char *want_cc,
			      struct where *w)
{
	struct itin_err err;
	const char *zone;
	const struct tz *tz;

	if (want_cc || strchr(arg, '/') || place_find(arg, NULL, NULL) ||
	    country_lookup(arg))
		return CLI_NOT_MINE;
	itin_err_clear(&err);
	switch (zone_abbreviation(arg, "where", &zone, &err)) {
	case -1:
		return report_err(&err);
	case 1:
		if ((tz = tz_get(zone, &err)) == NULL)
			return report_err(&err);
		memset(w, 0, sizeof(*w));
		w->zone = tz_name(tz);
		return 0;
	default:
		return CLI_NOT_MINE;
	}
}

/* PLACE known nowhere: status 1, with the closest names. */
static int unknown_place(const char *arg, const char *want_cc)
{
	struct strbuf msg = STRBUF_INIT;
	int status;

	place_suggestions(&msg, arg);
	if (want_cc)
		status =
		    report(ITIN_EX_OTHER, "unknown place '%s' in %s (%s)%s",
			   arg, want_cc, country_name(want_cc), msg.buf);
	else
		status =
		    report(ITIN_EX_OTHER, "unknown place '%s'%s", arg, msg.buf);
	strbuf_release(&msg);
	return status;
}

/* Find PLACE (arg) into w: 0 or the status after reporting. */
static int where_is(const char *arg, const char *want_cc, struct where *w)
{
	struct itin_err err;
	int status;

	itin_err_clear(&err);
	if (check_utf8_arg(arg, "PLACE", &err))
		return report_err(&err);
	status = where_abbreviation(arg, want_cc, w);
	if (status != CLI_NOT_MINE)
		return status;
	if (!resolve(arg, want_cc, w))
		return unknown_place(arg, want_cc);
	if (w->nothers)
		warn_ambiguous_place(arg, want_cc, w->place);
	return 0;
}

int cmd_where(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {"country", required_argument, NULL, OPT_COUNTRY},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {NULL, 0, NULL, 0},
	};
	struct strbuf arg = STRBUF_INIT, out = STRBUF_INIT;
	struct where_opts o = {NULL, "", false};
	struct where w;
	int c, status;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "h", longopts, cli->cmd)) != -1)
		if ((status = where_option(cli->cmd, &o, c, optarg)))
			return status;
	if (optind >= argc)
		return usage_error(cli->cmd, "missing PLACE");
	for (int i = optind; i < argc; i++)
		if (!*argv[i] && argc - optind == 1)
			return usage_error(cli->cmd, "empty PLACE");
	/* `itin where Sao Paulo` is `itin where "Sao Paulo"`. */
	for (int i = optind; i < argc; i++) {
		if (arg.len)
			strbuf_addch(&arg, ' ');
		strbuf_addstr(&arg, argv[i]);
	}
	status = where_is(arg.buf, o.want_cc, &w);
	if (!status) {
		if (o.tsv)
			write_tsv(&out, &w, cli_now());
		else
			write_text(&out, &w, cli_now());
		out_strbuf(&out);
	}
	strbuf_release(&arg);
	strbuf_release(&out);
	return status;
}
