/*
 * cmd-extract.c: `itin extract [--date DATE] [--source URL]
 * [--format itin|tsv|json] [--add] FILE|-`.
 *
 * The extractor (src/extract, extract.h) reads a news report and proposes
 * the events it announces; this command prints them as list prints events
 * (the same writers: the .itin format by default, for review and import),
 * or with --add puts them into the store through import's own merge and
 * transaction (import_events()): the same lock, all or nothing, and an
 * event whose id is stored is left as it is, so adding the same report
 * twice adds nothing the second time (the extractor derives ids from the
 * principal, type, place and dates). The ids added are printed once the
 * store is written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../extract/extract.h"
#include "cli.h"
#include "itin/datetime.h"
#include "itin/event.h"
#include "itin/itinfmt.h"

/* This command's own options. */
enum {
	OPT_DATE = 1000,
	OPT_ADD,
};

struct extract_args {
	const char *path;   /* FILE, or "-" */
	const char *source; /* --source, or NULL */
	bool has_date;
	int64_t doc_day; /* --date */
	enum outfmt fmt;
	bool fmt_given;
	bool add;
};

/* --date DATE: a date as add takes it (2023-01-30, yesterday, monday,
 * -3d, and a time after it, which is not needed). */
static int date_arg(struct extract_args *a, const char *arg)
{
	struct itin_err err;
	struct when w;

	itin_err_clear(&err);
	if (when_parse_rel(arg, strlen(arg), cli_today(), &w, &err)) {
		err.col = 0;
		return report_err(&err);
	}
	a->doc_day = lsec_day(w.lsec);
	a->has_date = true;
	return 0;
}

static int extract_option(struct cli *cli, struct extract_args *a, int c,
			  const char *arg)
{
	const unsigned allowed =
	    1u << FMT_ITIN | 1u << FMT_TSV | 1u << FMT_JSON;
	struct itin_err err;

	switch (c) {
	case OPT_DATE:
		return date_arg(a, arg);
	case OPT_SOURCE:
		itin_err_clear(&err);
		if (check_utf8_arg(arg, "--source", &err))
			return report_err(&err);
		a->source = arg;
		return 0;
	case OPT_FORMAT:
		a->fmt_given = true;
		return parse_format(arg, allowed, cli->cmd, &a->fmt);
	case OPT_ADD:
		a->add = true;
		return 0;
	default:
		return mine_or_usage(common_option(cli, c, arg));
	}
}

/* The largest report read: the extractor's reader refuses more too
 * (xinput.h, which the command line does not include); reading stops one
 * byte past it, so an endless input costs no more. */
#define REPORT_MAX ((size_t)16 * 1024 * 1024)

/* Read fd to its end or to one byte past REPORT_MAX. 0, or -1 (errno). */
static int read_capped(int fd, struct strbuf *sb)
{
	ssize_t n;

	do {
		strbuf_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, 65536);
		if (n > 0)
			sb->len += (size_t)n;
		else if (n < 0 && errno != EINTR)
			return -1;
	} while (n != 0 && sb->len <= REPORT_MAX);
	sb->buf[sb->len] = '\0';
	return 0;
}

/*
 * The report, whole: a file or standard input. 0 or -1 with err (66
 * missing, unreadable or a directory; 65 over REPORT_MAX; 74 a read
 * error).
 */
static int read_report(const char *path, const char *name, struct strbuf *sb,
		       struct itin_err *err)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	int ret = 0;

	if (fd < 0)
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
		ret = itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				   path);
	else if (read_capped(fd, sb))
		ret = itin_err_set(err, ITIN_EX_IOERR, "cannot read '%s': %s",
				   name, strerror(errno));
	else if (sb->len > REPORT_MAX)
		ret = itin_err_at(err, ITIN_EX_DATAERR, name, 0, 0,
				  "larger than %zu MiB, the limit for a report",
				  REPORT_MAX >> 20);
	if (!is_stdin)
		close(fd);
	return ret;
}

/* What --add did to each proposed event. */
struct added {
	struct strbuf ids;   /* the ids added, one a line */
	struct strbuf there; /* the notes for those already stored */
	size_t added, updated, kept;
};

static void on_merged(void *ctx, const struct evmerge_result *res)
{
	struct added *a = ctx;
	const struct event *stored = res->old ? res->old : res->ev;

	if (res->what == EVMERGE_ADDED) {
		strbuf_addf(&a->ids, "%s\n", res->ev->id);
		a->added++;
		return;
	}
	if (res->what == EVMERGE_UPDATED)
		a->updated++;
	else
		a->kept++;
	/* One NUL-separated note each, said once the store is written. */
	strbuf_addf(&a->there, "'%s' is already in the store (id %s)%s%c",
		    res->ev->title ? res->ev->title : "", stored->id,
		    res->what == EVMERGE_UPDATED ? "; updated"
						 : "; left as it is",
		    '\0');
}

/* --add: the events into the store, then the ids added on stdout. */
static int add_events(struct cli *cli, const char *name, struct evlist *l)
{
	struct added a = {STRBUF_INIT, STRBUF_INIT, 0, 0, 0};
	size_t proposed = l->n;
	int status = import_events(cli, name, l, on_merged, &a);

	if (!status) {
		for (size_t i = 0; i < a.there.len;
		     i += strlen(a.there.buf + i) + 1)
			note("%s", a.there.buf + i);
		out_strbuf(&a.ids);
		report(0,
		       "added %zu of %zu event%s proposed by %s (%zu already "
		       "in the store%s)",
		       a.added, proposed, proposed == 1 ? "" : "s", name,
		       a.kept + a.updated, a.updated ? ", updated" : "");
	}
	strbuf_release(&a.ids);
	strbuf_release(&a.there);
	return status;
}

/*
 * The proposal must read back as the text format writes it, as every
 * event a file brings in has (the readers check its UTF-8, its lines):
 * else it could not be imported, and --add would leave a store that
 * does not read. An extractor bug, then: refused (1), nothing added.
 */
static int reads_back(const struct evlist *l, const char *name)
{
	struct evlist back = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	int status = 0;

	itinfmt_write(&sb, l);
	itin_err_clear(&err);
	if (itinfmt_parse(sb.buf, sb.len, name, &back, NULL, &err))
		status = report(ITIN_EX_OTHER,
				"%s: a proposed event does not read back (%s); "
				"nothing proposed (a bug of itin extract)",
				name, err.msg);
	evlist_release(&back);
	strbuf_release(&sb);
	return status;
}

static int run_extract(struct cli *cli, const struct extract_args *a)
{
	const char *name = strcmp(a->path, "-") ? a->path : "<stdin>";
	struct extract_opts o = {
	    .file = name,
	    /* --source, else the extractor takes the file's name. */
	    .source = a->source,
	    .has_date = a->has_date,
	    .doc_day = a->doc_day,
	};
	struct strbuf sb = STRBUF_INIT;
	struct evlist l = EVLIST_INIT;
	struct itin_err err;
	int status = 0;

	itin_err_clear(&err);
	if (read_report(a->path, name, &sb, &err) ||
	    extract_report(sb.buf, sb.len, &o, &l, &cli_warner, &err)) {
		status = report_err(&err);
	} else if ((status = reads_back(&l, name))) {
		/* said */
	} else if (a->add) {
		status = add_events(cli, name, &l);
	} else {
		evlist_sort(&l);
		strbuf_reset(&sb);
		format_events(&sb, a->fmt, &l, NULL, 0);
		out_strbuf(&sb);
	}
	evlist_release(&l);
	strbuf_release(&sb);
	return status;
}

int cmd_extract(int argc, char **argv, struct cli *cli)
{
	static const struct option longopts[] = {
	    COMMON_LONGOPTS,
	    {"date", required_argument, NULL, OPT_DATE},
	    {"source", required_argument, NULL, OPT_SOURCE},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"add", no_argument, NULL, OPT_ADD},
	    {NULL, 0, NULL, 0},
	};
	struct extract_args a = {.fmt = FMT_ITIN};
	int c, status;

	optind = 0;
	while ((c = cli_getopt(argc, argv, "f:h", longopts, cli->cmd)) != -1)
		if ((status = extract_option(cli, &a, c, optarg)))
			return status;
	if (optind >= argc)
		return usage_error(cli->cmd, "missing FILE (or - for standard "
					     "input)");
	if ((status = too_many_args(cli->cmd, argc, argv, 1)))
		return status;
	if (a.add && a.fmt_given)
		return usage_error(cli->cmd, "--add prints the ids it adds; "
					     "--format is for the proposal");
	a.path = argv[optind];
	return run_extract(cli, &a);
}
