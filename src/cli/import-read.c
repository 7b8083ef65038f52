/*
 * import-read.c: opening and reading one input of `itin import` into its
 * events (import.h): the format from the file's name, a file or standard
 * input, through iconv for --encoding (recode.h), CSV as a stream
 * (csvio_read_events_fp: memory holds the events, never the file), a .ics
 * file read in passes from the file itself (icalio_read_fd: the same),
 * .itin, and .ics from a pipe or through iconv, read whole, and UTF-16
 * without --encoding refused with a hint.
 * Nothing here touches the store.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/ascii.h"
#include "cli.h"
#include "import.h"
#include "itin/csvevents.h"
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/recode.h"
#include "itin/xalloc.h"

/* The format of a file from its extension: 0 or a usage status. */
int import_format_of(const char *path, const struct command *cmd,
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

/*
 * fd's bytes checked against the limits as read_input() checks them
 * (inread.h), read and dropped; head gets what refuse_utf16() would see
 * of what read_input() keeps (its first 64 bytes).
 */
static int check_limits(int fd, const char *path, struct strbuf *head,
			struct itin_err *err)
{
	struct inread_check c;
	char *buf;
	int ret = -1;

	if (inread_check_init(&c, path, INREAD_TEXT, err))
		return -1;
	buf = xmalloc(64 << 10);
	for (;;) {
		size_t keep, room = c.max_input - c.total;
		ssize_t n = read(fd, buf, 64 << 10);
		int bad;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			itin_err_set(err, ITIN_EX_IOERR, "cannot read '%s': %s",
				     path, strerror(errno));
			goto out;
		}
		if (!n)
			break;
		bad = inread_check_feed(&c, buf, (size_t)n, &keep, err);
		keep = bad ? (size_t)n : keep;
		keep = keep < room ? keep : room;
		if (head->len < 64)
			strbuf_add(head, buf,
				   keep < 64 - head->len ? keep
							 : 64 - head->len);
		if (bad)
			goto out;
	}
	ret = inread_check_finish(&c, err);
out:
	free(buf);
	return ret;
}

/*
 * A .ics file that can be read again (not standard input, not a pipe,
 * not through --encoding): checked as read_whole() and
 * import_read_one() check one read whole, then read by icalio_read_fd()
 * from the file, so that memory holds its events, never the file.
 * false when it is not such a file (read it whole), else true and *ret
 * the status.
 */
static bool read_ics_file(struct input *in, const struct import_opts *io,
			  int *ret)
{
	struct icalio_read_opts o = {
	    .flags = io->skip_invalid ? ICALIO_SKIP_INVALID : 0,
	    .from_day = io->from_day,
	    .to_day = io->to_day,
	    .max_file_occurrences = io->max_occurrences,
	};
	struct strbuf head = STRBUF_INIT;
	struct itin_err err;
	struct stat st;
	int fd;

	if (in->fmt != FMT_ICS || !strcmp(in->path, "-") ||
	    (io->encoding && strcmp(io->encoding, "UTF-8")))
		return false;
	fd = open(in->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) /* read_whole() says why */
		return false;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	itin_err_clear(&err);
	*ret = 0;
	if (check_limits(fd, in->path, &head, &err)) {
		if (!io->encoding && head.len && err.status == ITIN_EX_DATAERR)
			refuse_utf16(in, &head, &err);
		*ret = report_err(&err);
	} else if ((!io->encoding && refuse_utf16(in, &head, &err)) ||
		   icalio_read_fd(fd, in->name, &o, &in->events, &cli_warner,
				  &in->ics, &err)) {
		*ret = report_err(&err);
	}
	strbuf_release(&head);
	close(fd);
	return true;
}

int import_read_one(struct input *in, const struct import_opts *io,
		    struct progress *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	int ret = 0;

	if (in->fmt == FMT_CSV)
		return read_csv(in, io, p);
	if (read_ics_file(in, io, &ret))
		return ret;
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
