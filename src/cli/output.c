/*
 * output.c: what list and export write, where they write it, and reading
 * the files that import is given.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "itin/evzone.h"
#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/store.h"
#include "itin/tsv.h"
#include "itin/xalloc.h"

void format_events(struct strbuf *sb, enum outfmt fmt, const struct evlist *l,
		   const struct filter *f, bool colour)
{
	switch (fmt) {
	case FMT_AGENDA:
		agenda_write(sb, l, f, colour);
		break;
	case FMT_TSV:
		tsv_write_header(sb);
		for (size_t i = 0; i < l->n; i++)
			tsv_write_event(sb, l->v[i]);
		break;
	case FMT_JSON:
		/* One object per line: greppable, and still one array. */
		if (!l->n) {
			strbuf_addstr(sb, "[]\n");
			break;
		}
		strbuf_addstr(sb, "[\n");
		for (size_t i = 0; i < l->n; i++) {
			json_write_event(sb, l->v[i]);
			strbuf_addstr(sb, i + 1 < l->n ? ",\n" : "\n");
		}
		strbuf_addstr(sb, "]\n");
		break;
	case FMT_ITIN:
		itinfmt_write(sb, l);
		break;
	default:
		break;
	}
}

int load_filtered(struct cli *cli, const struct filter *f, struct evlist *out,
		  int *status)
{
	struct evlist all = EVLIST_INIT;
	struct itin_err err;
	const char *path = cli_store(cli);

	if (!path) {
		*status = ITIN_EX_USAGE;
		return -1;
	}
	itin_err_clear(&err);
	if (store_load(path, &all, &cli_warner, &err)) {
		evlist_release(&all);
		*status = report_err(&err);
		return -1;
	}
	for (size_t i = 0; i < all.n; i++) {
		/* --in: converted first, so --from/--to are its days too. */
		if (cli->in)
			event_to_zone(all.v[i], cli->in);
		if (filter_match(f, all.v[i])) {
			evlist_add(out, all.v[i]);
			all.v[i] = NULL;
		}
	}
	/* The moved events are NULL in all; free the rest by hand. */
	for (size_t i = 0; i < all.n; i++)
		event_free(all.v[i]);
	free(all.v);
	evlist_sort(out);
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_file_atomic(const char *path, const char *data, size_t len,
		      struct itin_err *err)
{
	char *copy1 = xstrdup(path), *copy2 = xstrdup(path);
	const char *dir = dirname(copy1), *base = basename(copy2);
	struct strbuf tmp = STRBUF_INIT;
	struct stat st;
	mode_t mask, mode;
	int fd, e, status = ITIN_EX_IOERR;

	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		itin_err_set(err, ITIN_EX_CANTCREAT, "'%s' is a directory",
			     path);
		goto out;
	}
	strbuf_addf(&tmp, "%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		itin_err_set(err, ITIN_EX_CANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
		strbuf_reset(&tmp);
		goto out;
	}
	/* mkstemp makes 0600; an export gets the usual mode, or keeps the
	 * mode of the file it replaces. */
	mask = umask(0);
	umask(mask);
	mode = !stat(path, &st) ? st.st_mode & 07777 : 0666 & ~mask;
	if (fchmod(fd, mode) || write_all(fd, data, len) || fsync(fd)) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		e = errno;
		goto fail;
	}
	if (rename(tmp.buf, path)) {
		e = errno;
		status = ITIN_EX_CANTCREAT;
		goto fail;
	}
	strbuf_release(&tmp);
	free(copy1);
	free(copy2);
	return 0;
fail:
	unlink(tmp.buf);
	itin_err_set(err, status, "cannot write '%s': %s", path, strerror(e));
out:
	strbuf_release(&tmp);
	free(copy1);
	free(copy2);
	return -1;
}

int read_input(const char *path, struct strbuf *sb, struct itin_err *err)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char buf[65536];

	if (fd < 0)
		return itin_err_set(err, ITIN_EX_NOINPUT,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode)) {
		if (!is_stdin)
			close(fd);
		return itin_err_set(err, ITIN_EX_NOINPUT, "'%s' is a directory",
				    path);
	}
	if (!is_stdin && S_ISREG(st.st_mode) && st.st_size > 0)
		strbuf_grow(sb, (size_t)st.st_size);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			int e = errno;
			if (e == EINTR)
				continue;
			if (!is_stdin)
				close(fd);
			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot read '%s': %s", path,
					    strerror(e));
		}
		if (!n)
			break;
		strbuf_add(sb, buf, (size_t)n);
	}
	if (!is_stdin)
		close(fd);
	return 0;
}
