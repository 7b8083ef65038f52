/*
 * cmd-import.c: `itin import [--format itin|csv|ics] [--dry-run]
 * [--skip-invalid] [--raw] [--from DATE] [--to DATE]
 * [--date-order dmy|mdy|ymd] [--encoding cp1252|latin1|utf-8|utf-16]
 * [--max-occurrences N] FILE...`.
 *
 * All or nothing: every file is read and parsed before the store is
 * touched, and a file with any error imports nothing at all. An event
 * replaces a stored one only when it is the same event (evmerge.h: same
 * id, uid, or content), keeping the fields its file does not carry; one
 * that is identical is counted "unchanged", so importing the same file
 * twice changes nothing (and does not even rewrite the store). -n lists
 * what would happen to each event.
 *
 * CSV is read as a stream (csvio_read_events_fp): memory holds the
 * events, never the file. --encoding reads any format through iconv
 * (recode.h); --date-order says how a CSV file writes its dates. --skip-invalid
 * lets a CSV or iCalendar file's good rows or events in and reports each
 * refused one; without it any bad one imports nothing. --max-occurrences
 * is an iCalendar file's budget for its recurring events (icalio.h).
 *
 * import_events() is the same merge and transaction for events that come
 * from no file (`extract --add`), so both give the same guarantees.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "itin/ascii.h"
#include "cli.h"
#include "itin/csvevents.h"
#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/evmerge.h"
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/recode.h"
#include "itin/store.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

struct input {
	const char *path;
	const char *name; /* for messages: "<stdin>" for "-" */
	enum outfmt fmt;
	struct evlist events;
	/* An event whose id is stored is left alone (extract --add: ids
	 * derived from a report's legs, which the user may edit since). */
	bool keep_stored;
	size_t added, updated, unchanged;
	/* Through --encoding: where the data stopped the conversion. */
	struct itin_err readerr;
	struct icalio_stats ics; /* FMT_ICS: what the file held */
	struct csvio_stats csv;	 /* FMT_CSV: rows read and refused */
};

/* What the files are read with. */
struct import_opts {
	bool skip_invalid;
	bool raw;		  /* CSV: keep a leading quote */
	int64_t from_day, to_day; /* the recurrence window */
	unsigned date_order;	  /* CSV: CSVIO_DMY, _MDY, _YMD or 0 */
	const char *encoding;	  /* recode_name(), NULL: UTF-8 as read */
	size_t max_occurrences;	  /* iCalendar, per file; 0: the default */
};

/* This command's own options. */
enum {
	OPT_DATE_ORDER = 1000,
	OPT_ENCODING,
	OPT_MAX_OCCURRENCES,
};

/* The most --max-occurrences may ask for: about 40 GB of events. */
#define MAX_OCCURRENCES_LIMIT 100000000

/* The format of a file from its extension: 0 or a usage status. */
static int format_of(const char *path, const struct command *cmd,
		     enum outfmt *fmt)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');

	if (dot &&
	    (!ascii_casecmp(dot, ".itin") || !ascii_casecmp(dot, ".txt"))) {
		*fmt = FMT_ITIN;
		return 0;
	}
	if (dot && !ascii_casecmp(dot, ".csv")) {
		*fmt = FMT_CSV;
		return 0;
	}
	if (dot &&
	    (!ascii_casecmp(dot, ".ics") || !ascii_casecmp(dot, ".ical"))) {
		*fmt = FMT_ICS;
		return 0;
	}
	return usage_error(cmd, "cannot tell the format of '%s' (use --format)",
			   path);
}

static void csv_progress(void *ctx, size_t rows)
{
	progress_update(ctx, rows);
}

/*
 * Open the input (a file, or standard input for "-") for reading, through
 * iconv when --encoding names another encoding than UTF-8. 0, or -1 with
 * err filled (66 missing or a directory).
 */
static int open_input(struct input *in, const struct import_opts *io,
		      FILE **out, struct itin_err *err)
{
	bool is_stdin = !strcmp(in->path, "-");
	FILE *fp = is_stdin ? stdin : fopen(in->path, "rb");
	struct stat st;

	if (!fp)
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot open '%s': %s", in->path,
				    strerror(errno));
	if (!fstat(fileno(fp), &st) && S_ISDIR(st.st_mode)) {
		if (!is_stdin)
			fclose(fp);
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    in->path);
	}
	if (io->encoding && strcmp(io->encoding, "UTF-8")) {
		FILE *rc;

		itin_err_clear(&in->readerr);
		rc = recode_open(fp, io->encoding, in->name, &in->readerr, err);

		if (!rc) {
			if (!is_stdin)
				fclose(fp);
			return -1;
		}
		fp = rc;
	}
	*out = fp;
	return 0;
}

static void close_input(FILE *fp)
{
	if (fp != stdin)
		fclose(fp);
}

/* A read error of a file read through --encoding is most likely the
 * data's (65, at its line), not the disk's. */
static void encoding_read_error(const struct input *in,
				const struct import_opts *io,
				struct itin_err *err)
{
	if (!io->encoding || !strcmp(io->encoding, "UTF-8") ||
	    err->status != ITIN_EX_IOERR)
		return;
	if (in->readerr.status)
		*err = in->readerr;
	else
		itin_err_set(err, ITIN_EX_DATAERR,
			     "cannot read '%s' as %s: a byte is not a "
			     "character of that encoding",
			     in->name, io->encoding);
}

/*
 * Say how the file's day-and-month dates were read when the file decided
 * it (a day over 12, or dotted dates by convention), so that a wrong
 * guess is seen before it is believed.
 */
static void note_date_order(const struct input *in)
{
	for (int k = 0; k < 2; k++) {
		const struct csvio_order *o = &in->csv.order[k];

		if (!o->order)
			continue;
		if (o->by_convention)
			note("%s: dotted dates read day-first by convention "
			     "(line %ld: '%s')",
			     in->name, o->line, o->date);
		else
			note("%s: %sdates read %s-first (line %ld: '%s')",
			     in->name, k ? "dotted " : "",
			     o->order == 'd' ? "day" : "month", o->line,
			     o->date);
	}
}

/* Stream a CSV file (or standard input) into in->events. */
static int read_csv(struct input *in, const struct import_opts *io,
		    struct progress *p)
{
	const struct csvio_progress prog = {csv_progress, p};
	unsigned flags = (io->skip_invalid ? CSVIO_SKIP_INVALID : 0) |
			 (io->raw ? CSVIO_RAW : 0) | io->date_order;
	struct itin_err err;
	FILE *fp;
	int ret;

	itin_err_clear(&err);
	if (open_input(in, io, &fp, &err))
		return report_err(&err);
	ret = csvio_read_events_fp(fp, in->name, flags, &in->events,
				   &cli_warner, &prog, &in->csv, &err);
	close_input(fp);
	if (ret) {
		encoding_read_error(in, io, &err);
		return report_err(&err);
	}
	note_date_order(in);
	return 0;
}

/* The whole of a file that is not streamed (.itin, .ics). */
static int read_whole(struct input *in, const struct import_opts *io,
		      struct strbuf *sb, struct itin_err *err)
{
	FILE *fp;
	int ret;

	if (!io->encoding || !strcmp(io->encoding, "UTF-8"))
		return read_input(in->path, sb, err);
	if (open_input(in, io, &fp, err))
		return -1;
	/* The converted text, within the same limits (inread.h). */
	ret = inread_fp(fp, in->name, INREAD_TEXT, sb, err);
	if (ret)
		encoding_read_error(in, io, err);
	close_input(fp);
	return ret;
}

/*
 * The .itin and .ics readers say "invalid UTF-8" at the byte; the whole
 * file is at hand, so say what it looks like, as the CSV reader does.
 */
static void hint_encoding(const struct strbuf *sb, struct itin_err *err)
{
	const char *enc, *opt;
	size_t n = strlen(err->msg);

	if (strncmp(err->msg, "invalid UTF-8", 13) ||
	    !(enc = recode_guess(sb->buf, sb->len, &opt)))
		return;
	snprintf(err->msg + n, sizeof(err->msg) - n,
		 "; the file looks like %s: try --encoding %s", enc, opt);
}

/*
 * A UTF-16 file read as UTF-8 fails wherever its first NUL or its byte
 * order mark upsets the reader, with a message about that ("NUL byte",
 * "bare CR"); say what it is, at its first byte, before parsing it. -1
 * with err filled when it is UTF-16.
 */
static int refuse_utf16(const struct input *in, const struct strbuf *sb,
			struct itin_err *err)
{
	const char *opt;
	const char *enc =
	    recode_guess(sb->buf, sb->len < 64 ? sb->len : 64, &opt);

	if (!enc || strcmp(enc, "UTF-16"))
		return 0;
	if (sb->buf[0] && sb->buf[1])
		return itin_err_at(err, ITIN_EX_DATAERR, in->name, 1, 1,
				   "invalid UTF-8 (byte 0x%02X); the file "
				   "looks like UTF-16: try --encoding %s",
				   (unsigned char)sb->buf[0], opt);
	return itin_err_at(err, ITIN_EX_DATAERR, in->name, 1,
			   sb->buf[0] ? 2 : 1,
			   "NUL byte in input; the file looks like UTF-16: "
			   "try --encoding %s",
			   opt);
}

static int read_one(struct input *in, const struct import_opts *io,
		    struct progress *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	int ret = 0;

	if (in->fmt == FMT_CSV)
		return read_csv(in, io, p);
	itin_err_clear(&err);
	if (read_whole(in, io, &sb, &err)) {
		/* The reader stops at the first NUL, which UTF-16 has at once;
		 * what it read is enough to tell. */
		if (!io->encoding && sb.len && err.status == ITIN_EX_DATAERR)
			refuse_utf16(in, &sb, &err);
		ret = report_err(&err);
	} else if (!io->encoding && refuse_utf16(in, &sb, &err)) {
		ret = report_err(&err);
	} else if (in->fmt == FMT_ICS) {
		struct icalio_read_opts o = {
		    .flags = io->skip_invalid ? ICALIO_SKIP_INVALID : 0,
		    .from_day = io->from_day,
		    .to_day = io->to_day,
		    .max_file_occurrences = io->max_occurrences,
		};

		if (icalio_read(sb.buf, sb.len, in->name, &o, &in->events,
				&cli_warner, &in->ics, &err)) {
			hint_encoding(&sb, &err);
			ret = report_err(&err);
		}
	} else if (itinfmt_parse(sb.buf, sb.len, in->name, &in->events,
				 &cli_warner, &err)) {
		hint_encoding(&sb, &err);
		ret = report_err(&err);
	}
	strbuf_release(&sb);
	return ret;
}

/* One year either side of today, as calendars show "upcoming". */
static int64_t year_from(int64_t day, int years)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !date_is_valid(y, m, d))
		d = 28;
	return days_from_civil(y, m, d);
}

/* What import -n lists: one block per event (see "import" in itin(1)). */
static void list_one(void *ctx, const struct evmerge_result *res)
{
	static const char *const word[] = {"add", "change", "keep", "keep",
					   "keep"};
	struct strbuf *sb = ctx;
	const struct event *id_of = res->old ? res->old : res->ev;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	bool changed = false;

	strbuf_addf(sb, "%s ", word[res->what]);
	utf8_sanitize(sb, id_of->id);
	strbuf_addstr(sb, "  ");
	utf8_sanitize(sb, res->ev->title);
	if (res->what == EVMERGE_STALE)
		strbuf_addstr(sb, "  (the stored version is newer)");
	if (res->what == EVMERGE_EDITED)
		strbuf_addstr(sb, "  (edited since)");
	strbuf_addch(sb, '\n');
	for (unsigned i = 0; res->what == EVMERGE_UPDATED && i < EVF_NFIELDS;
	     i++) {
		enum evident_field f = (enum evident_field)(1u << i);

		if (f == EVF_ID || f == EVF_SEQ ||
		    evident_same(res->old, res->ev, f))
			continue;
		strbuf_reset(&a);
		strbuf_reset(&b);
		evident_describe(&a, res->old, f);
		evident_describe(&b, res->ev, f);
		changed = true;
		strbuf_addf(sb, "    %s: ", evident_name(f));
		utf8_sanitize(sb, a.len ? a.buf : "(none)");
		strbuf_addstr(sb, " -> ");
		utf8_sanitize(sb, b.len ? b.buf : "(none)");
		strbuf_addch(sb, '\n');
	}
	/* An update of the revision alone (a calendar's higher SEQUENCE,
	 * the same content) says so. */
	if (res->what == EVMERGE_UPDATED && !changed)
		strbuf_addf(sb, "    sequence: %u -> %u\n", res->old->src_seq,
			    res->ev->src_seq);
	strbuf_release(&a);
	strbuf_release(&b);
	/* Each block as it is decided, so a warning about an event comes
	 * just before it (and a progress line is not written over). */
	progress_clear_line();
	out_strbuf(sb);
	strbuf_reset(sb);
}

/* The fields a file carries: all that its format has, or (CSV) those
 * its columns hold. */
static unsigned carried_by(const struct input *in)
{
	if (in->fmt == FMT_CSV)
		return in->csv.carried;
	if (in->fmt == FMT_ICS) {
		/* Each VEVENT says what it gives (icalio.c); the file's set,
		 * which events are compared on, is what all of them give. */
		unsigned all = EVF_ALL;

		for (size_t i = 0; i < in->events.n; i++)
			if (in->events.v[i]->carried)
				all &= in->events.v[i]->carried;
		return all;
	}
	return EVF_ALL & ~(unsigned)EVF_SEQ;
}

/*
 * An update that cannot be made (evmerge_add() failed): with
 * --skip-invalid, a CSV or iCalendar file's event is refused with a
 * warning, as a bad row is; true when it was.
 */
static bool refuse_update(struct input *in, const struct itin_err *err,
			  bool skip_invalid)
{
	char msg[sizeof(err->msg) + 300];

	if (!skip_invalid || (in->fmt != FMT_CSV && in->fmt != FMT_ICS))
		return false;
	itin_err_format(err, msg, sizeof(msg));
	warning("%s; event skipped", msg);
	if (in->fmt == FMT_CSV)
		in->csv.skipped++;
	else
		in->ics.skipped++;
	return true;
}

/* in->keep_stored: an event whose id the store holds stays out, as
 * unchanged (fn told, with the stored event). True when ev was taken. */
static bool left_alone(const struct evlist *store, struct input *in,
		       struct event *ev, evmerge_fn fn, void *ctx)
{
	long i = in->keep_stored && ev->id ? evlist_find(store, ev->id) : -1;

	if (i < 0)
		return false;
	if (fn) {
		struct evmerge_result res = {EVMERGE_UNCHANGED, store->v[i],
					     ev};

		fn(ctx, &res);
	}
	event_free(ev);
	in->unchanged++;
	return true;
}

/*
 * Merge the inputs into store, counting (evmerge.h decides which events
 * are the same); fn (may be NULL) hears what happens to each event.
 * Returns 1 if anything changed, 0 if not, -1 on error (reported).
 */
static int merge(struct evlist *store, struct input *in, size_t nin,
		 struct progress *p, evmerge_fn fn, void *ctx,
		 bool skip_invalid)
{
	struct evmerge *m = evmerge_new(store);
	struct itin_err err;
	size_t done = 0;
	int changed = 0;

	for (size_t k = 0; k < nin; k++) {
		struct evlist *l = &in[k].events;

		evmerge_source(m, in[k].name, carried_by(&in[k]));
		if (in[k].fmt == FMT_ITIN)
			evmerge_revisions(m);
		for (size_t j = 0; j < l->n; j++) {
			struct event *ev = l->v[j];
			int r;

			l->v[j] = NULL;
			if (left_alone(store, &in[k], ev, fn, ctx))
				continue;
			itin_err_clear(&err);
			r = evmerge_add(m, ev, &cli_warner, fn, ctx, &err);
			if (r < 0 && refuse_update(&in[k], &err, skip_invalid))
				continue;
			if (r < 0) {
				report_err(&err);
				evmerge_free(m);
				return -1;
			}
			if (r == EVMERGE_ADDED)
				in[k].added++;
			else if (r == EVMERGE_UPDATED)
				in[k].updated++;
			else
				in[k].unchanged++;
			if (r == EVMERGE_ADDED || r == EVMERGE_UPDATED)
				changed = 1;
			if (++done % 1024 == 0)
				progress_update(p, done);
		}
	}
	evmerge_free(m);
	return changed;
}

static void summary(const struct input *in, bool dry_run)
{
	size_t n = in->added + in->updated + in->unchanged;
	struct strbuf extra = STRBUF_INIT;

	/* For iCalendar, what the file held: its VEVENTs are not always
	 * the events (recurrences, refused ones). */
	if (in->fmt == FMT_ICS) {
		strbuf_addf(&extra, " (%zu VEVENT%s", in->ics.vevents,
			    in->ics.vevents == 1 ? "" : "s");
		if (in->ics.skipped)
			strbuf_addf(&extra, ", %zu refused", in->ics.skipped);
		strbuf_addch(&extra, ')');
	}
	/* For CSV, the rows read (a row may span lines) and refused. */
	if (in->fmt == FMT_CSV)
		strbuf_addf(&extra, " (%zu row%s, %zu skipped)", in->csv.rows,
			    in->csv.rows == 1 ? "" : "s", in->csv.skipped);
	report(0,
	       "%s %zu event%s (%zu added, %zu updated, %zu unchanged) "
	       "from %s%s",
	       dry_run ? "would import" : "imported", n, n == 1 ? "" : "s",
	       in->added, in->updated, in->unchanged, in->name, extra.buf);
	strbuf_release(&extra);
}

/* What the command line asks of import, beyond how files are read. */
struct import_args {
	struct import_opts io;
	bool has_from, has_to; /* the window given, else defaults */
	enum outfmt fmt;       /* --format, FMT_NONE: from each name */
	bool dry_run;
};

static int date_order_arg(const struct command *cmd, const char *arg,
			  unsigned *order)
{
	if (!strcmp(arg, "dmy"))
		*order = CSVIO_DMY;
	else if (!strcmp(arg, "mdy"))
		*order = CSVIO_MDY;
	else if (!strcmp(arg, "ymd"))
		*order = CSVIO_YMD;
	else
		return usage_error(cmd,
				   "unknown date order '%s' "
				   "(expected dmy, mdy or ymd)",
				   arg);
	return 0;
}

static int max_occurrences_arg(const struct command *cmd, const char *arg,
			       size_t *out)
{
	size_t n = 0, i;

	for (i = 0;
	     arg[i] >= '0' && arg[i] <= '9' && n <= MAX_OCCURRENCES_LIMIT; i++)
		n = n * 10 + (size_t)(arg[i] - '0');
	if (!i || arg[i] || !n || n > MAX_OCCURRENCES_LIMIT)
		return usage_error(cmd,
				   "invalid --max-occurrences "
				   "'%s' (expected a whole number "
				   "from 1 to %d)",
				   arg, MAX_OCCURRENCES_LIMIT);
	*out = n;
	return 0;
}

/* --from or --to DATE: an end of the recurrence window. */
static int window_arg(struct import_args *a, int c, const char *arg)
{
	struct itin_err err;
	int64_t day;

	itin_err_clear(&err);
	if (date_parse_rel(arg, strlen(arg), cli_today(), &day, &err)) {
		err.col = 0;
		return report_err(&err);
	}
	if (c == OPT_FROM) {
		a->io.from_day = day;
		a->has_from = true;
	} else {
		a->io.to_day = day;
		a->has_to = true;
	}
	return 0;
}

static int import_option(struct cli *cli, struct import_args *a, int c,
			 const char *arg)
{
	const unsigned allowed = 1u << FMT_ITIN | 1u << FMT_CSV | 1u << FMT_ICS;

	switch (c) {
	case 'n':
		a->dry_run = true;
		return 0;
	case OPT_FORMAT:
		return parse_format(arg, allowed, cli->cmd, &a->fmt);
	case OPT_SKIP_INVALID:
		a->io.skip_invalid = true;
		return 0;
	case OPT_RAW:
		a->io.raw = true;
		return 0;
	case OPT_DATE_ORDER:
		return date_order_arg(cli->cmd, arg, &a->io.date_order);
	case OPT_ENCODING:
		a->io.encoding = recode_name(arg);
		if (!a->io.encoding)
			return usage_error(cli->cmd,
					   "unknown encoding '%s' "
					   "(expected cp1252, latin1, "
					   "utf-8 or utf-16)",
					   arg);
		return 0;
	case OPT_MAX_OCCURRENCES:
		return max_occurrences_arg(cli->cmd, arg,
					   &a->io.max_occurrences);
	case OPT_FROM:
	case OPT_TO:
		return window_arg(a, c, arg);
	default:
		return mine_or_usage(common_option(cli, c, arg));
	}
}

/* The recurrence window: without --from/--to, one year either side of
 * today, stretched to take in the one given. 0 or a usage status. */
static int settle_window(const struct command *cmd, struct import_args *a)
{
	struct import_opts *io = &a->io;

	if (!a->has_from) {
		io->from_day = year_from(cli_today(), -1);
		if (a->has_to && io->to_day < io->from_day)
			io->from_day = year_from(io->to_day, -1);
	}
	if (!a->has_to) {
		io->to_day = year_from(cli_today(), 1);
		if (a->has_from && io->from_day > io->to_day)
			io->to_day = year_from(io->from_day, 1);
	}
	if (io->from_day > io->to_day) {
		char from[ITIN_WHEN_MAX], to[ITIN_WHEN_MAX];

		date_format(io->from_day, from);
		date_format(io->to_day, to);
		return usage_error(cmd, "--from %s is after --to %s", from, to);
	}
	return 0;
}

/* An option given for CSV files (named opt) and a file of another format:
 * 64 after saying so. */
static int csv_only(const struct command *cmd, const char *opt,
		    const char *path)
{
	return usage_error(cmd, "%s works with CSV files only ('%s')", opt,
			   path);
}

/* Name each input and find its format, before anything is read. 0 or a
 * usage status. */
static int plan_inputs(const struct command *cmd, const struct import_args *a,
		       struct input *in, size_t nin)
{
	for (size_t k = 0; k < nin; k++) {
		int status;

		in[k].name = strcmp(in[k].path, "-") ? in[k].path : "<stdin>";
		if (a->fmt != FMT_NONE)
			in[k].fmt = a->fmt;
		else if (!strcmp(in[k].path, "-"))
			return usage_error(cmd, "reading standard input needs "
						"--format");
		else if ((status = format_of(in[k].path, cmd, &in[k].fmt)))
			return status;
		if (a->io.date_order && in[k].fmt != FMT_CSV)
			return csv_only(cmd, "--date-order", in[k].path);
		/* Only CSV has cells that export neutralised. */
		if (a->io.raw && in[k].fmt != FMT_CSV)
			return csv_only(cmd, "--raw", in[k].path);
	}
	return 0;
}

/* -n: what the read inputs would do to the store, listed; the store is
 * only read (no write lock). 0 or the status. */
static int import_dry_run(const char *path, struct input *in, size_t nin,
			  struct progress *p, bool skip_invalid)
{
	struct evlist loaded = EVLIST_INIT;
	struct strbuf list = STRBUF_INIT;
	struct itin_err err;
	int status = 0;

	itin_err_clear(&err);
	if (store_load(path, &loaded, STORE_WARNER, &err))
		status = report_err(&err);
	else if (merge(&loaded, in, nin, p, list_one, &list, skip_invalid) < 0)
		status = ITIN_EX_DATAERR;
	evlist_release(&loaded);
	strbuf_release(&list);
	return status;
}

/* Merge the read inputs into the store in one transaction, written only
 * when something changed; fn (may be NULL) as merge's. 0 or the status. */
static int import_commit(const char *path, struct input *in, size_t nin,
			 struct progress *p, evmerge_fn fn, void *ctx,
			 bool skip_invalid)
{
	struct store_tx tx;
	struct itin_err err;
	int r;

	itin_err_clear(&err);
	if (store_begin(path, &tx, STORE_WARNER, &err))
		return report_err(&err);
	r = merge(&tx.events, in, nin, p, fn, ctx, skip_invalid);
	if (r < 0) {
		store_abort(&tx);
		return ITIN_EX_DATAERR;
	}
	if (!r) {
		store_abort(&tx);
		return 0;
	}
	if (store_commit(&tx, &err))
		return report_err(&err);
	return 0;
}

/* The store's path, when it can be a store: a FIFO or a directory is
 * refused before the inputs are read (their rules may take seconds).
 * NULL with *status set after reporting. */
static const char *store_to_import(struct cli *cli, int *status)
{
	const char *path = cli_store(cli);
	struct itin_err err;

	*status = ITIN_EX_USAGE;
	if (!path)
		return NULL;
	itin_err_clear(&err);
	if (store_check_path(path, &err)) {
		*status = report_err(&err);
		return NULL;
	}
	return path;
}

/* Read every input, then merge them all or none. 0 or the status. */
static int import_inputs(struct cli *cli, const struct import_args *a,
			 struct input *in, size_t nin)
{
	struct progress *p = NULL;
	int status;
	const char *path = store_to_import(cli, &status);

	if (!path)
		return status;
	p = progress_start("importing", 0);
	for (size_t k = 0; k < nin; k++)
		if ((status = read_one(&in[k], &a->io, p)))
			goto out;
	if (a->dry_run)
		status = import_dry_run(path, in, nin, p, a->io.skip_invalid);
	else
		status = import_commit(path, in, nin, p, NULL, NULL,
				       a->io.skip_invalid);
	progress_stop(p);
	p = NULL;
	for (size_t k = 0; !status && k < nin; k++)
		summary(&in[k], a->dry_run);
out:
	progress_stop(p);
	return status;
}

int import_events(struct cli *cli, const char *name, struct evlist *events,
		  evmerge_fn fn, void *ctx)
{
	struct input in = {.path = name, .name = name, .fmt = FMT_ITIN};
	int status;
	const char *path = store_to_import(cli, &status);

	if (!path)
		return status;
	in.keep_stored = true;
	in.events = *events;
	evlist_init(events);
	status = import_commit(path, &in, 1, NULL, fn, ctx, false);
	evlist_release(&in.events);
	return status;
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"skip-invalid", no_argument, NULL, OPT_SKIP_INVALID},
	    {"raw", no_argument, NULL, OPT_RAW},
	    {"from", required_argument, NULL, OPT_FROM},
	    {"to", required_argument, NULL, OPT_TO},
	    {"date-order", required_argument, NULL, OPT_DATE_ORDER},
	    {"encoding", required_argument, NULL, OPT_ENCODING},
	    {"max-occurrences", required_argument, NULL, OPT_MAX_OCCURRENCES},
	    {NULL, 0, NULL, 0},
	};
	struct import_args a = {.fmt = FMT_NONE};
	struct input *in;
	size_t nin;
	int c, status;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:hn", longopts, cli->cmd)) != -1)
		if ((status = import_option(cli, &a, c, optarg)))
			return status;
	if (optind >= argc)
		return usage_error(cli->cmd, "missing FILE");
	if ((status = settle_window(cli->cmd, &a)))
		return status;
	/* Every usage problem is found before anything is read. */
	nin = (size_t)(argc - optind);
	in = xcalloc(nin, sizeof(*in));
	for (size_t k = 0; k < nin; k++)
		in[k].path = argv[optind + (int)k];
	status = plan_inputs(cli->cmd, &a, in, nin);
	if (!status)
		status = import_inputs(cli, &a, in, nin);
	for (size_t k = 0; k < nin; k++)
		evlist_release(&in[k].events);
	free(in);
	return status;
}
