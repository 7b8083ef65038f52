/*
 * cli.h: what the command-line modules of itin share.
 *
 * main.c keeps the table of commands; each cmd-NAME.c implements one
 * command as `int cmd_NAME(int argc, char **argv, struct cli *cli)` that
 * returns the exit status (sysexits, see itin/err.h). Only this layer
 * prints or exits; the core reports through struct itin_err.
 *
 * One convention for the helpers that can end a command (as git's
 * builtins): they return an int status, and the caller stops at the
 * first one that is not 0:
 *   0             go on (for a whole command: done, successfully)
 *   > 0           stop with this exit status (sysexits); the helper has
 *                 already said why on stderr
 *   CLI_DONE      stop, successfully: nothing is left to do (-h printed
 *                 the help); main turns it into exit status 0
 *   CLI_NOT_MINE  only from option handlers tried one after another:
 *                 the option is not theirs
 * Functions that compute a value (parse_*, check_*, evopts_apply) follow
 * the core's convention instead: 0, or -1 with struct itin_err filled,
 * for the caller to report.
 *
 *   report.c    error, warning and usage messages on stderr
 *   options.c   shared option parsing: the FILTERS and -f/-h/--in of
 *               list/export/timeline/view, --format and --raw of
 *               list/export, the chain of handlers add and edit use
 *   evopts.c    the event options of add and edit, and applying them
 *   agenda.c    the agenda listing for people
 *   output.c    list/export formats, reading inputs
 *   ids.c       id and unique-prefix lookup for show/edit/rm
 *   progress.c  a progress line on a terminal for slow work
 *   now.c       the clock, overridable with $ITIN_NOW
 *   userzone.c  the user's zone: the clock of today and of the timeline
 *   placemsg.c  messages about places: ambiguity, "did you mean"
 *   inzone.c    --in ZONE: the zone list and export show times in
 */
#ifndef ITIN_CLI_H
#define ITIN_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "itin/err.h"
#include "itin/evlist.h"
#include "itin/evmerge.h"
#include "itin/filter.h"
#include "itin/icalio.h"
#include "itin/outsink.h"
#include "itin/strbuf.h"

struct cli;
struct shortid;

/* The statuses of the convention above that are not exit statuses. */
enum {
	CLI_DONE = -1,	   /* stop, successfully (the help was printed) */
	CLI_NOT_MINE = -2, /* an option handler: not one of its options */
};

enum cmd_flags {
	CMD_STORE = 1 << 0,  /* uses the store: -f is accepted after it */
	CMD_WRITES = 1 << 1, /* changes the store (takes the write lock) */
};

struct command {
	const char *name;
	const char *usage; /* the synopsis line(s), without "usage: " */
	const char *help;  /* what follows the synopsis in --help */
	unsigned flags;
	int (*fn)(int argc, char **argv, struct cli *cli);
};

struct cli {
	const struct command *cmd; /* the command running */
	const char *file;	   /* -f/--file, NULL if not given */
	char *store;		   /* resolved lazily by cli_store() */
	const struct tz *in;	   /* --in: show times in this zone */
	bool upcoming;		   /* --upcoming: --from today */
};

/* main.c */
const struct command *cli_find_command(const char *name);
/* The store path (-f, $ITIN_FILE, XDG default); NULL after reporting. */
const char *cli_store(struct cli *cli);
/* Print the help of cmd (or the general help when cmd is NULL) on stdout.
 * Returns 0. */
int cli_help(const struct command *cmd);
/* -h inside a command: the help printed, CLI_DONE. */
int cli_help_done(const struct command *cmd);
/* Edit distance, a swap of neighbours counting one ("lsit", "list");
 * (size_t)-1 for strings of 32 bytes or more. */
size_t edit_distance(const char *a, const char *b);

int cmd_add(int argc, char **argv, struct cli *cli);
int cmd_edit(int argc, char **argv, struct cli *cli);
int cmd_list(int argc, char **argv, struct cli *cli);
int cmd_export(int argc, char **argv, struct cli *cli);
int cmd_show(int argc, char **argv, struct cli *cli);
int cmd_rm(int argc, char **argv, struct cli *cli);
int cmd_import(int argc, char **argv, struct cli *cli);
int cmd_where(int argc, char **argv, struct cli *cli);
int cmd_timeline(int argc, char **argv, struct cli *cli);
int cmd_view(int argc, char **argv, struct cli *cli);
int cmd_extract(int argc, char **argv, struct cli *cli);
int cmd_sync(int argc, char **argv, struct cli *cli);
int cmd_remote(int argc, char **argv, struct cli *cli);

/* A named CalDAV remote of `itin sync` (cmd-remote.c: the remotes file,
 * man itin.5). Every string is the struct's (remote_release()). */
struct remote {
	char *name, *url, *user, *password, *password_cmd, *cafile;
	int insecure;
};
/* The remote called name: 0, or the status after reporting. */
int remote_lookup(const char *name, struct remote *out);
void remote_release(struct remote *r);
char *remotes_path(void);

/* import-merge.c (the merge of itin import) */
/*
 * Put events that come from no file into the store as import puts a
 * file's (`extract --add`): in one transaction under the store's lock
 * (75 when it stays busy), all or nothing, the store written only when
 * something changed. An event whose id the store already holds is left
 * as it is (EVMERGE_UNCHANGED, old the stored one); the others merge as
 * a .itin file's would. name names them in messages. fn (may be NULL)
 * hears what happens to each before the store is written: act on it
 * only when this returns 0. Takes the events (events is left empty).
 * 0, or the status after reporting.
 */
int import_events(struct cli *cli, const char *name, struct evlist *events,
		  evmerge_fn fn, void *ctx);

/* report.c */
/* Print "itin: FILE:LINE:COL: msg" (or "itin: msg"); returns err->status
 * (1 when it was not set). */
int report_err(const struct itin_err *err);
/* "itin: msg"; returns status. */
int report(int status, const char *fmt, ...) ITIN_PRINTF(2, 3);
/* "itin: msg" + "Try 'itin CMD --help'."; returns 64. */
int usage_error(const struct command *cmd, const char *fmt, ...)
    ITIN_PRINTF(2, 3);
void warning(const char *fmt, ...) ITIN_PRINTF(1, 2);
/* "itin: note: msg": a choice made for the user or what they may want
 * to check (a country's main zone, the order of a file's dates); not a
 * problem. */
void note(const char *fmt, ...) ITIN_PRINTF(1, 2);
/* A warner printing "itin: warning: [FILE:LINE:COL: ]msg"; past 10 of a
 * kind for one file it counts them instead, and report_flush() (also
 * before any error or note) says how many were not shown. */
extern const struct itin_warner cli_warner;
void report_flush(void);
/*
 * Reading the store is quiet: warnings about an event (an ambiguous local
 * time, say) were given when it entered the store through add, edit or
 * import; repeating them on every list would only be noise.
 */
#define STORE_WARNER NULL
/* Write sb to stdout (errors are caught at exit by main). */
void out_strbuf(const struct strbuf *sb);

/* options.c */

/* -f and -h (COMMON_LONGOPTS): 0, CLI_DONE (the help printed) or
 * CLI_NOT_MINE. */
int common_option(struct cli *cli, int c, const char *arg);
/* The end of a chain of handlers: an option no handler took
 * (CLI_NOT_MINE) is the '?' that cli_getopt has already reported, so only
 * the status is left: 64. Any other r is returned as it is. */
int mine_or_usage(int r);
/* The name of an OPT_ value, for messages ("--title"). */
const char *opt_name(int c);
/* Does s look like HH:MM[:SS] alone (an --end on the start's day)?
 * Digits and colons only: "mon 9:00" is a relative WHEN. */
bool is_clock_only(const char *s);

/* getopt_long with our own messages: returns the option, -1 at the end,
 * or '?' after printing a usage error (the caller returns 64). */
int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, const struct command *cmd);

/* Long-option values shared by the commands (beyond single letters). */
enum {
	OPT_FROM = 256,
	OPT_TO,
	OPT_TYPE,
	OPT_CITY,
	OPT_COUNTRY,
	OPT_WITH,
	OPT_GREP,
	OPT_FORMAT,
	OPT_START,
	OPT_END,
	OPT_VENUE,
	OPT_TZ,
	OPT_ORG,
	OPT_STATUS,
	OPT_SOURCE,
	OPT_NOTE,
	OPT_TAG,
	OPT_ID,
	OPT_END_TZ,
	OPT_FLOATING,
	OPT_TO_CITY,
	OPT_TITLE,
	OPT_CLEAR,
	OPT_DRY_RUN,
	OPT_IN,
	OPT_WIDTH,
	OPT_BY,
	OPT_SKIP_INVALID,
	OPT_RAW,
	OPT_UPCOMING,
};

#define COMMON_LONGOPTS                                                        \
	{"file", required_argument, NULL, 'f'},                                \
	{                                                                      \
		"help", no_argument, NULL, 'h'                                 \
	}

#define FILTER_LONGOPTS                                                        \
	{"from", required_argument, NULL, OPT_FROM},                           \
	    {"to", required_argument, NULL, OPT_TO},                           \
	    {"type", required_argument, NULL, OPT_TYPE},                       \
	    {"city", required_argument, NULL, OPT_CITY},                       \
	    {"country", required_argument, NULL, OPT_COUNTRY},                 \
	    {"with", required_argument, NULL, OPT_WITH},                       \
	    {"grep", required_argument, NULL, OPT_GREP},                       \
	{                                                                      \
		"upcoming", no_argument, NULL, OPT_UPCOMING                    \
	}

#define EVENT_LONGOPTS                                                         \
	{"start", required_argument, NULL, OPT_START},                         \
	    {"end", required_argument, NULL, OPT_END},                         \
	    {"city", required_argument, NULL, OPT_CITY},                       \
	    {"country", required_argument, NULL, OPT_COUNTRY},                 \
	    {"venue", required_argument, NULL, OPT_VENUE},                     \
	    {"tz", required_argument, NULL, OPT_TZ},                           \
	    {"with", required_argument, NULL, OPT_WITH},                       \
	    {"org", required_argument, NULL, OPT_ORG},                         \
	    {"status", required_argument, NULL, OPT_STATUS},                   \
	    {"source", required_argument, NULL, OPT_SOURCE},                   \
	    {"note", required_argument, NULL, OPT_NOTE},                       \
	    {"tag", required_argument, NULL, OPT_TAG},                         \
	    {"id", required_argument, NULL, OPT_ID},                           \
	    {"end-tz", required_argument, NULL, OPT_END_TZ},                   \
	    {"floating", no_argument, NULL, OPT_FLOATING},                     \
	{                                                                      \
		"to-city", required_argument, NULL, OPT_TO_CITY                \
	}

/* Fields that `edit --clear` empties. */
enum evfield {
	F_END = 1 << 0,
	F_VENUE = 1 << 1,
	F_CITY = 1 << 2,
	F_COUNTRY = 1 << 3,
	F_TZ = 1 << 4,
	F_END_TZ = 1 << 5,
	F_WITH = 1 << 6,
	F_ORG = 1 << 7,
	F_SOURCE = 1 << 8,
	F_NOTES = 1 << 9,
	F_TAGS = 1 << 10,
};

/* The event options of add and edit, as given (borrowed from argv). */
struct evopts {
	const char *type, *title;
	const char *start, *end, *city, *country, *venue, *tz, *org, *status;
	const char *source, *note, *id, *end_tz, *to_city;
	const char **with;
	size_t nwith;
	const char **tags;
	size_t ntags;
	unsigned clear; /* enum evfield bits */
	bool floating;	/* --floating: no zone, even where the place has one */
	bool any;	/* some option that changes the event was given */
};

/* Any option c of add or edit (options.c): -f PATH, -h and the event
 * options, with the returns of reading_option. */
int event_cmd_option(struct cli *cli, struct evopts *o, int c, const char *arg);
/* The options of add or edit (longopts) into o, through event_cmd_option
 * (options.c); *orig gets a copy of argv as typed, for stray_time_arg (the
 * caller frees it, whatever the result). 0 or the status. */
int parse_event_cmd(struct cli *cli, int argc, char **argv,
		    const struct option *longopts, struct evopts *o,
		    char ***orig);

/* evopts.c */
/* Record option c (an OPT_ value of EVENT_LONGOPTS, or OPT_TYPE/OPT_TITLE/
 * OPT_CLEAR for edit). 0 taken, CLI_NOT_MINE when c is not an event
 * option, else the status after reporting. */
int evopts_option(struct evopts *o, int c, const char *arg,
		  const struct command *cmd);
void evopts_release(struct evopts *o);
/*
 * Apply the options to ev (a new event for add, a copy of the stored one
 * for edit), resolving zones from places, then event_check() it.
 * Returns 0 or -1 with err filled.
 */
int evopts_apply(const struct evopts *o, struct event *ev, bool is_new,
		 struct itin_err *err);

/* options.c, again: the FILTERS and what reading commands share */
/* Record filter option c. Same returns as evopts_option. */
int filter_option(struct filter *f, int c, const char *arg);
/* After parsing: --upcoming becomes --from today (with --from, a usage
 * error); --from after --to is a usage error. 0 or the status. */
int filter_finish(struct filter *f, const struct cli *cli);

/* After the options (reads optind): 0 when at most max arguments follow,
 * else 64 after "unexpected argument 'x'" for the first one too many. */
int too_many_args(const struct command *cmd, int argc, char **argv, int max);
/* A stray argument that looks like a time and follows the value of
 * --start or --end in orig (argv as given, before getopt moved it):
 * 64 after "unexpected argument '10:00' after --start 2024-03-10 (quote
 * the date and time together ...)"; likewise a weekday after --start
 * next or last ("quote the date: --start \"next monday\""); else 0,
 * nothing said. */
int stray_time_arg(const struct command *cmd, char *const *orig, int argc,
		   const char *stray);

/* Check that a command-line string is valid UTF-8 ("invalid UTF-8 in
 * --title"): 0 or -1 with err filled (65). */
int check_utf8_arg(const char *s, const char *what, struct itin_err *err);
/* "unknown type 'meetings' (did you mean 'meeting'?; expected one of:
 * ...)", status 65 (a TYPE is data; --type makes it a usage error). */
int parse_type_arg(const char *s, struct itin_err *err);

/* Output formats of list and export. */
enum outfmt {
	FMT_NONE = -1,
	FMT_AGENDA,
	FMT_TSV,
	FMT_JSON,
	FMT_ITIN,
	FMT_CSV,
	FMT_ICS,
};
/* Parse --format for list/export/import: allowed is a bit mask of
 * (1 << FMT_x). Unknown names and formats not yet built are usage errors. */
int parse_format(const char *s, unsigned allowed, const struct command *cmd,
		 enum outfmt *out);
/* 64 "format 'csv' is not available yet ..." */
int format_not_available(enum outfmt f, const struct command *cmd);
const char *format_name(enum outfmt f);

/*
 * Option c of a reading command (list, export, timeline, view) that is not
 * its own: -f PATH, -h, --in ZONE and the FILTERS (into f). 0 when it was
 * taken; else the command stops with the result: CLI_DONE (help printed),
 * a bad value's status, or 64 for an option cli_getopt reported. So a
 * command handles its own options first and passes every other one here.
 */
int reading_option(struct cli *cli, struct filter *f, int c, const char *arg);

/* What list and export are asked to write: --format and --raw. */
struct outopts {
	unsigned allowed; /* the formats --format takes, (1 << FMT_x) bits */
	enum outfmt fmt;  /* the command's default until --format */
	unsigned flags;	  /* enum out_flags: OUT_RAW for --raw */
};
/* Option c of list or export that is not its own: --format, --raw, else
 * what reading_option takes. Same returns. */
int output_option(struct cli *cli, struct filter *f, struct outopts *out, int c,
		  const char *arg);
/* A reading command's own options, tried before the shared ones. */
struct own_options {
	const char *shortopts; /* for getopt: "f:h" and its own; NULL: "f:h" */
	/* The returns of evopts_option: 0, CLI_NOT_MINE or the status. */
	int (*option)(void *ctx, int c, const char *arg);
	void *ctx;
};
/*
 * The getopt loop of a reading command (list, export, timeline, view):
 * each option goes to own (may be NULL), else to output_option when out
 * is not NULL, else to reading_option; then no argument may follow. 0 or
 * the status (CLI_DONE after the help).
 */
int parse_reading_cmd(struct cli *cli, int argc, char **argv,
		      const struct option *longopts,
		      const struct own_options *own, struct filter *f,
		      struct outopts *out);
/* After the options: --raw is for csv and tsv only (the formats with a
 * formula guard). 0, or 64 after saying so. */
int raw_needs_sheet(const struct command *cmd, const struct outopts *out);

/* output.c */
enum out_flags {
	OUT_COLOUR = 1 << 0, /* agenda: colour for a terminal */
	OUT_RAW = 1 << 1,    /* csv, tsv: no formula guard (--raw) */
};
/* Format the (filtered, sorted) events in fmt into sb. f gives the
 * --from/--to range for the agenda; flags are enum out_flags. */
void format_events(struct strbuf *sb, enum outfmt fmt, const struct evlist *l,
		   const struct filter *f, unsigned flags);
/*
 * The same, written to out as it is made (outsink.h), so the output never
 * sits whole in memory. 0, or -1 when out failed (out->error); the caller
 * flushes out.
 */
int write_events(struct outsink *out, enum outfmt fmt, const struct evlist *l,
		 const struct filter *f, unsigned flags);
/*
 * A format an event at a time, for a reader that hands events one by one
 * (the agenda, which aligns its columns over every line, is not one):
 * begin (zones: those of every event to come, for ics; NULL for the
 * other formats), an event, ..., end. The event and end calls return -1
 * once out has failed: stop there.
 */
struct evwriter {
	struct outsink *out;
	enum outfmt fmt;
	unsigned flags; /* enum out_flags */
	size_t n;	/* events written */
	struct icalio_write_opts ics_opts;
	struct icalio_writer ics;
};
void evwriter_begin(struct evwriter *w, struct outsink *out, enum outfmt fmt,
		    unsigned flags, struct icalio_zones *zones);
int evwriter_event(struct evwriter *w, const struct event *ev);
int evwriter_end(struct evwriter *w);
/*
 * The store's events that f keeps, sorted, one at a time (storestream.h:
 * memory that does not grow with the store), for the formats of an
 * evwriter. open_stream(): 0 or the status after reporting; zones (for
 * ics, else NULL) gets the events' zones; s is closed by the caller
 * (storestream_close()) either way. write_stream(): begin, every event,
 * end into out; 0, or -1 when out failed or the store could not be read
 * (then *status is the status, reported).
 */
struct storestream;
int open_stream(struct cli *cli, const struct filter *f, struct storestream *s,
		struct icalio_zones *zones);
int write_stream(struct outsink *out, enum outfmt fmt, struct storestream *s,
		 struct icalio_zones *zones, unsigned flags, int *status);
/* A sink that writes to stdout through stdio: a failed write is reported
 * at exit by main, as for out_strbuf(). */
void outsink_stdout(struct outsink *s);
/* Read a whole file ("-" = standard input) into sb, within the limits of
 * inread.h. 0 or -1 with err (66 missing/unreadable/directory, 65 over a
 * limit or a NUL byte, 74 read error). */
int read_input(const char *path, struct strbuf *sb, struct itin_err *err);
/* Every event of the store: 0, or the status after reporting. */
int load_store(struct cli *cli, struct evlist *all);
/* The events of the store want selects, and perhaps others, in file
 * order (store_load_scan()): 0, or the status after reporting. */
struct storescan_want;
int load_selected(struct cli *cli, const struct storescan_want *want,
		  struct evlist *out);
/* Load the store, keep the events matching f, sort. 0 or the status. */
int load_filtered(struct cli *cli, const struct filter *f, struct evlist *out);
/* The same, and added to ids every id of the store (filtered out or
 * not) that a short id of an event kept depends on (shortid_finish is
 * the caller's); ids may be NULL. */
int load_filtered_ids(struct cli *cli, const struct filter *f,
		      struct evlist *out, struct shortid *ids);

/* agenda.c */
struct agenda_opts {
	bool colour;		   /* ANSI colour (want_colour()) */
	int width;		   /* fit lines to this many columns; 0: never
				    * cut (piped output) */
	const struct shortid *ids; /* the whole store's ids: a column of
				    * short prefixes; NULL: no column */
};
/* 0, or -1 once out failed (written a line at a time). */
int agenda_write(struct outsink *out, const struct evlist *l,
		 const struct filter *f, const struct agenda_opts *o);
/* Should stdout get colour? (a tty, NO_COLOR unset, TERM not dumb) */
bool want_colour(void);

/* ids.c */
/*
 * Find the event an id argument names: an exact id, else a unique prefix.
 * Returns the index, or -1 with err filled: status 1 "no event with id
 * 'x'", 64 "id prefix 'ab' is ambiguous (abc1..., abd2...)".
 */
long find_event_arg(const struct evlist *l, const char *arg,
		    struct itin_err *err);

/* progress.c */
struct progress;
/* Starts a timer; nothing is shown before 1 s, nor when stderr is not a
 * terminal. total may be 0 when unknown. */
struct progress *progress_start(const char *what, size_t total);
void progress_update(struct progress *p, size_t done);
/* Clear the progress line (if shown) before another message; the next
 * update draws it again. */
void progress_clear_line(void);
/* Clear the line (if shown) and free; NULL is fine. */
void progress_stop(struct progress *p);

/* placemsg.c */
struct place;
/* "Santiago, CL" */
void place_label(struct strbuf *sb, const struct place *p);
/* "itin: warning: 'Portland' is ambiguous; using Portland, Oregon, US
 * (America/Los_Angeles); also Portland, Maine, US (America/New_York)
 * (name the state or province to choose: 'Portland, Oregon')": p is the
 * place taken among those called name (in cc if not NULL). */
void warn_ambiguous_place(const char *name, const char *cc,
			  const struct place *p);
/* Append " (did you mean 'North Korea' (KP), 'South Korea' (KR) or
 * 'Brussels, BE'?)" when some country or place is close to name; nothing
 * otherwise. */
void place_suggestions(struct strbuf *sb, const char *name);
/* "2 zones: Europe/Berlin, Europe/Busingen" (a count alone for many). */
void country_zone_list(struct strbuf *sb, const char *cc);
/* The note for a country's main zone taken for city (NULL: the country
 * alone): "no 'Bad Godesberg' in DE in the gazetteer; using Europe/Berlin,
 * the zone with the most people in Germany (DE has 2 zones: ...; give
 * --tz to choose)", naming places of that name in other countries. */
void note_main_zone(const char *city, const char *cc, const char *zone,
		    const char *how_to_choose);
/* When city is a place of another country than cc (whose only zone, zone,
 * is taken): "warning: no 'Geneva' in JP in the gazetteer (there is
 * 'Geneva, CH'); using Asia/Tokyo, the zone of Japan". Nothing when no
 * place has that name. */
void warn_city_elsewhere(const char *city, const char *cc, const char *zone);
/* The country code that arg names: a code in any case or a country name
 * ("South Korea"). 0, or -1 with err (65 "unknown country 'X'"). */
int parse_country_arg(const char *arg, char out[3], struct itin_err *err);

/* inzone.c */
struct tz;
/* The zone --in names (a zone, a city, a country of one zone). 0, or -1
 * with err (65 "unknown time zone or place 'X' (did you mean ...)"). */
int parse_in_arg(const char *arg, const struct tz **out, struct itin_err *err);
/* A zone abbreviation people write ("EST", "CET", "JST") as the zone they
 * mean, with a note naming opt ("--in", "--tz"): 1 and *zone set; 0 when
 * arg is none; -1 with err (65) for one that names several zones
 * ("IST"). */
int zone_abbreviation(const char *arg, const char *opt, const char **zone,
		      struct itin_err *err);

/* cmd-timeline.c */
struct tz;
/*
 * Load the store for the timeline and the viewer: the events matching f,
 * with --from/--to taken as days on the clock of in (when not NULL), the
 * events themselves left in their own zones. Sorted. 0 or the status.
 */
int load_for_axis(struct cli *cli, const struct filter *f, const struct tz *in,
		  struct evlist *out, struct shortid *ids);
/* The same, every id of the store named to each_id(ctx, id, len) as
 * struct storescan_want says, instead of into a shortid. */
int load_for_axis_each(struct cli *cli, const struct filter *f,
		       const struct tz *in, struct evlist *out,
		       void (*each_id)(void *ctx, const char *id, size_t len),
		       void *ctx);
/* The width of the terminal on stdout (TIOCGWINSZ, else $COLUMNS), else
 * 80. */
int terminal_width(void);

/* userzone.c */
/* The zone the user sits in: $TZ when it names a zone, else the zone of
 * /etc/localtime, else UTC (userzone.c says how). Found once and kept;
 * never NULL. */
const struct tz *user_zone(void);
/* The date (days since the epoch) of instant where the user is. */
int64_t user_day(int64_t instant);
/* The instant of day's midnight where the user is (in a gap: when the
 * clock, moved on, first shows that day). */
int64_t user_midnight(int64_t day);

/* now.c */
/* The current instant: $ITIN_NOW ("2023-01-25T12:00:00Z", "2023-01-25",
 * "2023-01-25T12:00" taken as UTC) or the clock. */
int64_t cli_now(void);
/* Today's date (days since epoch) in the system's zone. */
int64_t cli_today(void);

#endif
