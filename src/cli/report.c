/*
 * report.c: every message itin prints on stderr goes through here, so they
 * all look alike: "itin: FILE:LINE:COL: msg", "itin: msg",
 * "itin: warning: msg". Messages may quote user data (a title, a file
 * name), so they are sanitised: no terminal escape reaches the screen.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "itin/utf8.h"

/* Every message is cut to this many bytes (with its NUL). */
#define MSG_MAX 1024

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

/* emit() of a printf-style message: the one formatter of report(),
 * warning() and note(); usage_error() goes through report(). */
static void vemit(const char *prefix, const char *fmt, va_list ap)
    ITIN_PRINTF(2, 0);
static void vemit(const char *prefix, const char *fmt, va_list ap)
{
	char buf[MSG_MAX];

	report_flush();
	vsnprintf(buf, sizeof(buf), fmt, ap);
	emit(prefix, buf);
}

int report_err(const struct itin_err *err)
{
	char buf[MSG_MAX];

	report_flush();
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
	char buf[MSG_MAX];
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

/*
 * Warnings about a file are capped: a file of a million stray lines must
 * not print a million lines. Per file and per kind of warning (the
 * message with its quoted parts and numbers taken out), the first
 * WARN_SHOWN are printed; the rest are counted and said once, when the
 * warnings move on to another file, before the next error or note, or
 * when the command is done (report_flush, from main; not atexit: an
 * out-of-memory exit must not allocate again):
 * "itin: warning: FILE: N more warnings like this: MSG".
 */
#define WARN_SHOWN 10
#define WARN_KINDS 32

struct warn_kind {
	char key[160];
	char example[512]; /* struct itin_err's msg */
	unsigned long seen;
};

static struct {
	char file[256];
	struct warn_kind kinds[WARN_KINDS];
	int nkinds;
	unsigned long other; /* beyond WARN_KINDS kinds, all counted here */
} caps;

/* The kind of a message: quoted parts emptied, digit runs as one '#'. */
static void warn_key(const char *msg, char *key, size_t size)
{
	size_t n = 0;
	bool quoted = false;

	for (; *msg && n + 1 < size; msg++) {
		if (*msg == '\'') {
			quoted = !quoted;
			key[n++] = '\'';
			continue;
		}
		if (quoted)
			continue;
		if (*msg >= '0' && *msg <= '9') {
			if (n == 0 || key[n - 1] != '#')
				key[n++] = '#';
			continue;
		}
		key[n++] = *msg;
	}
	key[n] = '\0';
}

/* Say how many warnings of the current file were not shown; forget it. */
void report_flush(void)
{
	char buf[MSG_MAX];
	int i;

	for (i = 0; i < caps.nkinds; i++) {
		const struct warn_kind *k = &caps.kinds[i];

		if (k->seen <= WARN_SHOWN)
			continue;
		snprintf(buf, sizeof(buf),
			 "%s: %lu more warning%s like this: %s", caps.file,
			 k->seen - WARN_SHOWN,
			 k->seen - WARN_SHOWN == 1 ? "" : "s", k->example);
		emit("warning: ", buf);
	}
	if (caps.other) {
		snprintf(buf, sizeof(buf),
			 "%s: %lu more warnings of other kinds", caps.file,
			 caps.other);
		emit("warning: ", buf);
	}
	caps.file[0] = '\0';
	caps.nkinds = 0;
	caps.other = 0;
}

/* Whether this warning is among the first of its kind for its file. */
static bool warn_admit(const struct itin_err *w)
{
	char key[sizeof(caps.kinds[0].key)];
	struct warn_kind *k;
	int i;

	if (!w->file[0])
		return true;
	if (strcmp(w->file, caps.file)) {
		report_flush();
		snprintf(caps.file, sizeof(caps.file), "%s", w->file);
	}
	warn_key(w->msg, key, sizeof(key));
	for (i = 0; i < caps.nkinds; i++)
		if (!strcmp(caps.kinds[i].key, key))
			break;
	if (i == caps.nkinds) {
		/* A message that quotes nothing may carry its data bare
		 * (END:VALUE): a flood of new kinds is counted, not shown. */
		if (caps.nkinds == WARN_KINDS) {
			caps.other++;
			return false;
		}
		k = &caps.kinds[caps.nkinds++];
		snprintf(k->key, sizeof(k->key), "%s", key);
		snprintf(k->example, sizeof(k->example), "%s", w->msg);
		k->seen = 0;
	}
	k = &caps.kinds[i];
	return ++k->seen <= WARN_SHOWN;
}

static void warn_fn(void *ctx, const struct itin_err *w)
{
	char buf[MSG_MAX];

	(void)ctx;
	if (!warn_admit(w))
		return;
	itin_err_format(w, buf, sizeof(buf));
	emit("warning: ", buf);
}

const struct itin_warner cli_warner = {warn_fn, NULL};

void out_strbuf(const struct strbuf *sb)
{
	if (sb->len)
		fwrite(sb->buf, 1, sb->len, stdout);
}
