/*
 * report.c: every message itin prints on stderr goes through here, so they
 * all look alike: "itin: FILE:LINE:COL: msg", "itin: msg",
 * "itin: warning: msg". Messages may quote user data (a title, a file
 * name), so they are sanitised: no terminal escape reaches the screen.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"
#include "itin/utf8.h"

static void emit(const char *prefix, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "itin: ");
	strbuf_addstr(&sb, prefix);
	utf8_sanitize(&sb, msg);
	strbuf_addch(&sb, '\n');
	/* Everything written so far on stdout comes first, as a user reads. */
	fflush(stdout);
	progress_clear_line();
	fwrite(sb.buf, 1, sb.len, stderr);
	strbuf_release(&sb);
}

/* emit() of a printf-style message. */
static void vemit(const char *prefix, const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	emit(prefix, buf);
}

int report_err(const struct itin_err *err)
{
	char buf[1024];

	itin_err_format(err, buf, sizeof(buf));
	emit("", buf);
	return err->status ? err->status : ITIN_EX_OTHER;
}

int report(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit("", fmt, ap);
	va_end(ap);
	return status;
}

/*
 * One line per problem, as the contract asks: the pointer to --help rides
 * on the same line instead of GNU's second "Try ..." line.
 */
int usage_error(const struct command *cmd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (cmd)
		report(0, "%s (see 'itin %s --help')", buf, cmd->name);
	else
		report(0, "%s (see 'itin --help')", buf);
	return ITIN_EX_USAGE;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit("warning: ", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit("note: ", fmt, ap);
	va_end(ap);
}

static void warn_fn(void *ctx, const struct itin_err *w)
{
	char buf[1024];

	(void)ctx;
	itin_err_format(w, buf, sizeof(buf));
	emit("warning: ", buf);
}

const struct itin_warner cli_warner = {warn_fn, NULL};

void out_strbuf(const struct strbuf *sb)
{
	if (sb->len)
		fwrite(sb->buf, 1, sb->len, stdout);
}
