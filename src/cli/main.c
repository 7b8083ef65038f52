/*
 * main.c: the command table, global options and the checks made at exit.
 *
 * Like git's run_builtin: a command returns its status, and main then makes
 * sure that what it printed really reached stdout, so `itin list >/dev/full`
 * fails instead of pretending.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "itin/store.h"
#include "itin/tz.h"

#define FILTERS_HELP                                                           \
	"Filters:\n"                                                           \
	"  --from DATE          events that end on or after DATE\n"            \
	"  --to DATE            events that start on or before DATE\n"         \
	"  --type T             one of the types (repeatable, or T1,T2)\n"     \
	"  --city C             the city (case- and accent-insensitive)\n"     \
	"  --country CC         the ISO 3166 country code\n"                   \
	"  --with NAME          part of a participant's name\n"                \
	"  --grep TEXT          part of the title, venue or notes\n"           \
	"  --upcoming           from today on (--from today)\n"

#define DATES_HELP                                                             \
	"\nA DATE may also be today, tomorrow, yesterday, +3d, -1w, +2m, "     \
	"+1y,\n"                                                               \
	"a weekday (monday or mon: the next one, today included), next\n"      \
	"monday or last monday; a WHEN is such a date and a time too\n"        \
	"(\"tomorrow 10:00\").\n"

#define EVENT_HELP                                                             \
	"  --start WHEN         YYYY-MM-DD (all day) or YYYY-MM-DD "           \
	"HH:MM[:SS]\n"                                                         \
	"  --end WHEN|HH:MM     the end (the last day, inclusive, for "        \
	"all-day)\n"                                                           \
	"  --city CITY          the city; its zone is used for the times\n"    \
	"  --country CC         ISO 3166 alpha-2 code (any case)\n"            \
	"  --venue TEXT         the building or room\n"                        \
	"  --tz ZONE            IANA time zone of the times (e.g. "            \
	"Asia/Seoul)\n"                                                        \
	"  --floating           no zone: the same clock time everywhere\n"     \
	"  --end-tz ZONE        zone of the end, for travel across zones\n"    \
	"  --to-city CITY       the end's zone is that of CITY\n"              \
	"  --with \"NAME (ROLE)\" a participant (repeatable)\n"                \
	"  --org TEXT           the organisation\n"                            \
	"  --status STATUS      confirmed (default), tentative or cancelled\n" \
	"  --source URL         where the information comes from\n"            \
	"  --note TEXT          notes (may hold line breaks)\n"                \
	"  --tag TAG            a tag (repeatable)\n"

#define TYPES_HELP                                                             \
	"Types: visit, meeting, summit, conference, interview, press, "        \
	"travel,\n"                                                            \
	"reception, call, other.\n"

static const struct command commands[] = {
    {"add", "itin add TYPE TITLE --start WHEN [OPTIONS]",
     "Add one event to the store and print its id.\n\n"
     "Options:\n" EVENT_HELP
     "  --id ID              use ID instead of a random id\n"
     "  -f, --file PATH      the store\n\n" TYPES_HELP DATES_HELP,
     CMD_STORE | CMD_WRITES, cmd_add},
    {"edit", "itin edit ID [OPTIONS] [--clear FIELD]...",
     "Change an event. Without options, open it in $VISUAL or $EDITOR\n"
     "(default vi) in the itin text format.\n"
     "ID may be any unique prefix of the id.\n\n"
     "Options:\n"
     "  --type TYPE          the type\n"
     "  --title TITLE        the title\n" EVENT_HELP
     "  --clear FIELD        empty a field: end, venue, city, country, tz,\n"
     "                       end-tz, with, org, source, notes, tags\n"
     "                       (repeatable)\n"
     "  -f, --file PATH      the store\n\n"
     "Moving the start without --end keeps the event's duration.\n" DATES_HELP,
     CMD_STORE | CMD_WRITES, cmd_edit},
    {"list",
     "itin list [FILTERS] [--format "
     "agenda|tsv|csv|json|itin|ics]",
     "List events in order of their start. The agenda leads each line\n"
     "with the shortest prefix of its id that show, edit and rm take, and\n"
     "on a terminal fits its width (piped, lines are whole).\n\n"
     "Options:\n"
     "  --format FORMAT      agenda (default, for people), tsv, csv, json,\n"
     "                       itin, ics\n"
     "  --in ZONE            show the times in ZONE (an IANA zone or a "
     "city)\n"
     "  --raw                with csv: no ' before cells a spreadsheet\n"
     "                       would run as formulas\n"
     "  -f, --file PATH      the store\n\n" FILTERS_HELP DATES_HELP,
     CMD_STORE, cmd_list},
    {"show", "itin show ID",
     "Show every field of one event, with its times in UTC.\n"
     "ID may be any unique prefix of the id.\n\n"
     "Options:\n"
     "  -f, --file PATH      the store\n",
     CMD_STORE, cmd_show},
    {"rm", "itin rm [-v] ID...",
     "Remove events. When any ID is unknown, nothing is removed.\n"
     "Each ID may be any unique prefix of an id.\n\n"
     "Options:\n"
     "  -v, --verbose        print the ids removed\n"
     "  -f, --file PATH      the store\n",
     CMD_STORE | CMD_WRITES, cmd_rm},
    {"import",
     "itin import [--format itin|csv|ics] [--dry-run] [--skip-invalid]\n"
     "                   [--raw] [--from DATE] [--to DATE]\n"
     "                   [--date-order dmy|mdy|ymd]\n"
     "                   [--encoding cp1252|latin1|utf-8|utf-16]\n"
     "                   [--max-occurrences N] FILE...",
     "Add the events of files to the store. An event replaces a stored\n"
     "one only when it is the same event (same id, same UID, or the same\n"
     "content), keeping the fields its file does not carry; a lower\n"
     "iCalendar SEQUENCE never replaces a higher. A file with any error\n"
     "imports nothing. '-' reads standard input and needs --format. The format "
     "is\n"
     "told from the extension: .itin or .txt, .csv, .ics or .ical. CSV may\n"
     "be itin's own columns or Google Calendar's or Outlook's export.\n\n"
     "Options:\n"
     "  --format FORMAT      itin, csv or ics\n"
     "  -n, --dry-run        list what would happen to each event (add,\n"
     "                       change field by field, keep); change nothing\n"
     "  --skip-invalid       CSV, iCalendar: refuse a bad row or VEVENT with\n"
     "                       a warning and import the rest\n"
     "  --raw                CSV: keep a leading ' that export put before\n"
     "                       a formula-like cell\n"
     "  --from DATE          iCalendar: expand recurring events from DATE\n"
     "  --to DATE            ... to DATE (default: a year either side of\n"
     "                       today)\n"
     "  --date-order ORDER   CSV: dmy (05/07/2023 is 5 July), mdy (7 May)\n"
     "                       or ymd; without it the file's dates decide\n"
     "  --encoding ENC       read the files as cp1252 (Windows), latin1,\n"
     "                       utf-16 or utf-8 (the default)\n"
     "  --max-occurrences N  iCalendar: the events the recurring events of\n"
     "                       one file may make in all (default 100000)\n"
     "  -f, --file PATH      the store\n",
     CMD_STORE | CMD_WRITES, cmd_import},
    {"extract",
     "itin extract [--date DATE] [--source URL] [--format itin|tsv|json]\n"
     "                   [--add] FILE|-",
     "Read a news report (UTF-8 text, or an HTML page as saved from a\n"
     "browser) and propose the events it announces: visits, summits,\n"
     "meetings, conferences, interviews, press conferences, travel. Each\n"
     "is tentative, with its place and zone, the people named, the\n"
     "sentence it came from as a note and the report as its source.\n"
     "Relative dates (\"on Sunday\", \"the next day\") count from the\n"
     "report's own date line, or --date. '-' reads standard input.\n\n"
     "Options:\n"
     "  --date DATE          the report's date, over its date line (a DATE\n"
     "                       as add takes it); needed when it has none\n"
     "  --source URL         the events' source (default: FILE)\n"
     "  --format FORMAT      itin (default: ready to review and import),\n"
     "                       tsv or json, as list writes them\n"
     "  --add                put the events into the store, as import does,\n"
     "                       and print the ids added; those already stored\n"
     "                       are left as they are\n"
     "  -f, --file PATH      the store (with --add)\n" DATES_HELP,
     CMD_STORE | CMD_WRITES, cmd_extract},
    {"export",
     "itin export [--format ics|itin|csv|tsv|json] [-o FILE] [--raw] "
     "[FILTERS]",
     "Write events for other programs, to stdout or to FILE (replaced\n"
     "atomically): iCalendar for calendar apps unless --format says\n"
     "otherwise.\n\n"
     "Options:\n"
     "  --format FORMAT      ics (default), itin, csv, tsv or json\n"
     "  --in ZONE            with tsv or csv: the times in ZONE (a zone or\n"
     "                       a city)\n"
     "  -o, --output FILE    write to FILE instead of stdout\n"
     "  --raw                with csv: no ' before cells a spreadsheet\n"
     "                       would run as formulas\n"
     "  -f, --file PATH      the store\n\n" FILTERS_HELP DATES_HELP,
     CMD_STORE, cmd_export},
    {"sync",
     "itin sync [--dry-run] [--prefer local|remote] [--format text|tsv|json]\n"
     "                   [--cafile FILE] [--insecure] [--user USER]\n"
     "                   [--password-cmd CMD] URL|NAME",
     "Make the store and a CalDAV calendar collection (URL, or a remote\n"
     "NAME of itin remote) the same: events new or changed on one side\n"
     "since the last sync go to the other, deletions too. An event changed\n"
     "on both sides (or changed on one, deleted on the other) is a\n"
     "conflict: neither side is overwritten and it is listed field by\n"
     "field, until --prefer settles it. Exit 0 in sync, 1 conflicts left,\n"
     "69 unreachable, 77 credentials refused, 75 retry later.\n"
     "Credentials come from ~/.netrc or --password-cmd, never the store.\n\n"
     "Options:\n"
     "  -n, --dry-run        print the plan; change nothing\n"
     "  --prefer SIDE        local or remote: that side wins conflicts\n"
     "  --format FORMAT      text (default), tsv or json\n"
     "  --cafile FILE        trust the CA certificates in FILE (PEM)\n"
     "  --insecure           allow plain http to a host not on loopback\n"
     "  --user USER          the user name (else from ~/.netrc)\n"
     "  --password-cmd CMD   a shell command that prints the password\n"
     "  -f, --file PATH      the store\n",
     CMD_STORE | CMD_WRITES, cmd_sync},
    {"remote",
     "itin remote add NAME URL [--user USER] [--password-cmd CMD]\n"
     "                   [--cafile FILE] [--insecure]\n"
     "       itin remote list | itin remote remove NAME",
     "Name the CalDAV collections itin sync uses, in\n"
     "${XDG_CONFIG_HOME:-~/.config}/itin/remotes (man itin.5). A password\n"
     "is never written there by itin: give --password-cmd or ~/.netrc.\n",
     0, cmd_remote},
    {"timeline", "itin timeline [FILTERS] [--width N] [--by KEY] [--in ZONE]",
     "Print the events as a timeline: a date axis (hours, days, weeks or\n"
     "months, chosen from the range), then one row per event with its\n"
     "title and place and a bar across its time. The range is --from and\n"
     "--to when given, else that of the events. The axis is on one clock,\n"
     "named at the top: --in's, else yours ($TZ, else /etc/localtime), so\n"
     "a flight is as long as it lasts.\n\n"
     "Options:\n"
     "  --width N            fit N columns (default: the terminal's, else "
     "80)\n"
     "  --by KEY             one row per type, country, city or person,\n"
     "                       with the titles after the bars\n"
     "  --in ZONE            the axis on ZONE's clock (a zone or a city)\n"
     "  -f, --file PATH      the store\n\n" FILTERS_HELP DATES_HELP,
     CMD_STORE, cmd_timeline},
    {"view", "itin view [FILTERS] [--in ZONE]",
     "The interactive timeline: a date axis on one clock (--in's, else\n"
     "yours), a row and a bar for each event in the window, coloured by\n"
     "type, a cursor on one event. It opens on --from and --to when\n"
     "given, else around today, else around the events nearest to today.\n"
     "Press ? inside for every key; q quits.\n\n"
     "Keys:\n"
     "  Left/Right, h/l      move in time (H/L: a whole screen)\n"
     "  Up/Down, j/k         previous, next event (PgUp/PgDn: a page)\n"
     "  + -                  zoom in, out (a quarter hour to a year a "
     "column)\n"
     "  t, g                 today; go to a date\n"
     "  Enter                every field of the event, its times in its\n"
     "                       zone and in yours\n"
     "  / n N                search; next, previous match\n"
     "  f                    filter by type, country, city or participant\n"
     "  a                    the agenda: a plain list of the events\n"
     "  ?                    help\n"
     "  q, Esc               leave a pane, then quit\n\n"
     "Options:\n"
     "  --in ZONE            the axis and the times on ZONE's clock (a zone\n"
     "                       or a city)\n"
     "  -f, --file PATH      the store\n\n" FILTERS_HELP DATES_HELP,
     CMD_STORE, cmd_view},
    {"where", "itin where PLACE [--country CC] [--format text|tsv]",
     "Show what the built-in gazetteer makes of a place: the city, its\n"
     "country, its time zone with the UTC offset and the local time now,\n"
     "and its coordinates. PLACE is a city (\"Seoul\"), a city and its\n"
     "country (\"Santiago, ES\", \"Seoul, South Korea\"), a country (\"KR\",\n"
     "\"Turkey\") or an IANA zone (\"Asia/Seoul\"). Case, accents and\n"
     "punctuation do not matter; alternate spellings work (Kiev, Kyiv).\n"
     "An unknown place is status 1, with the closest names.\n\n"
     "Options:\n"
     "  --country CC         look for the city in this country (code or "
     "name)\n"
     "  --format FORMAT      text (default, for people) or tsv: a header,\n"
     "                       then name, country, zone, utc_offset, lat, "
     "lon\n",
     0, cmd_where},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char general_usage[] =
    "usage: itin [-f PATH] COMMAND [ARGS...]\n"
    "       itin --help | itin COMMAND --help | itin --version\n";

const struct command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int cli_help(const struct command *cmd)
{
	if (cmd) {
		printf("usage: %s\n\n%s", cmd->usage, cmd->help);
		return 0;
	}
	fputs(general_usage, stdout);
	fputs("\nCommands:\n", stdout);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %s\n", commands[i].usage);
	fputs("  itin help [COMMAND]\n\n"
	      "The store is PATH, else $ITIN_FILE, else\n"
	      "${XDG_DATA_HOME:-$HOME/.local/share}/itin/itinerary.itin.\n"
	      "Run 'itin COMMAND --help' for the options of a command.\n",
	      stdout);
	return 0;
}

int cli_help_done(const struct command *cmd)
{
	cli_help(cmd);
	return CLI_DONE;
}

const char *cli_store(struct cli *cli)
{
	struct itin_err err;

	if (cli->store)
		return cli->store;
	itin_err_clear(&err);
	if (store_default_path(cli->file, &cli->store, &err)) {
		cli->store = NULL;
		report_err(&err);
		return NULL;
	}
	return cli->store;
}

/* Edit distance counting a swap of two neighbours as one edit (optimal
 * string alignment), for "did you mean": "lsit" is close to "list". */
size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[32][32];

	if (la >= 32 || lb >= 32)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

static int unknown_command(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3; /* suggest only close names */

	for (size_t i = 0; i < NCOMMANDS; i++) {
		size_t d = edit_distance(name, commands[i].name);
		if (d < best_d) {
			best_d = d;
			best = commands[i].name;
		}
	}
	if (best)
		return report(ITIN_EX_USAGE,
			      "unknown command '%s' (did you mean '%s'?)", name,
			      best);
	return usage_error(NULL, "unknown command '%s'", name);
}

static int cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2)
		return cli_help(NULL);
	if (argc > 2)
		return usage_error(NULL, "help takes at most one command");
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h"))
		return cli_help(NULL);
	cmd = cli_find_command(argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);
	return cli_help(cmd);
}

/*
 * What the command printed must have reached stdout. A pipe closed by the
 * reader (head) is not an error worth a message, as in git.
 */
static int check_stdout(int status)
{
	struct stat st;
	int err = 0;

	if (fstat(STDOUT_FILENO, &st))
		return status; /* stdout closed from the start */
	errno = 0;
	if (fflush(stdout) || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) && !err)
		err = errno ? errno : EIO;
	if (!err)
		return status;
	if (err == EPIPE || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		return status;
	report(0, "write error: %s", strerror(err));
	return status ? status : ITIN_EX_IOERR;
}

/*
 * A core file of itin holds the user's itinerary (where they will be, and
 * when), written wherever itin happened to run: a crash, itin's or a
 * library's (libical out of memory ended in SIGSEGV and a 38 MB core),
 * must not leave one behind. So the soft limit is set to 0 whatever
 * `ulimit -c` says, unless ITIN_CORE_DUMPS=1 asks for cores (debugging).
 * The hard limit is kept, so a child (the editor) may raise its own.
 */
static void no_core_dumps(void)
{
	const char *want = getenv("ITIN_CORE_DUMPS");
	struct rlimit rl;

	if (want && !strcmp(want, "1"))
		return;
	if (getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur != 0) {
		rl.rlim_cur = 0;
		(void)setrlimit(RLIMIT_CORE, &rl);
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"file", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	struct cli cli = {NULL, NULL, NULL, NULL, false};
	const struct command *cmd;
	int c, status;

	/*
	 * No setlocale(): itin's output and parsing must not depend on the
	 * user's locale (strcasecmp under tr_TR, strtod under de_DE). Widths
	 * come from our own tables in utf8.c; the viewer sets LC_CTYPE for
	 * ncursesw itself.
	 */
	/* A store grown past RLIMIT_FSIZE must give EFBIG (74), not a kill. */
	signal(SIGXFSZ, SIG_IGN);
	no_core_dumps();

	/* "+": stop at the command name; its options are its own. */
	while ((c = cli_getopt(argc, argv, "+f:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			cli.file = optarg;
			break;
		case 'h':
			return check_stdout(cli_help(NULL));
		case 'V':
			printf("itin %s\n", ITIN_VERSION);
			return check_stdout(0);
		default:
			return ITIN_EX_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error(NULL, "no command given");
	argc -= optind;
	argv += optind;
	if (!strcmp(argv[0], "help"))
		return check_stdout(cmd_help(argc, argv));
	cmd = cli_find_command(argv[0]);
	if (!cmd)
		return unknown_command(argv[0]);
	cli.cmd = cmd;
	status = cmd->fn(argc, argv, &cli);
	if (status == CLI_DONE)
		status = 0;
	report_flush(); /* the count of warnings not shown */
	free(cli.store);
	tz_cache_free();
	return check_stdout(status);
}
