/*
 * output.c: what list and export write, where they write it, and reading
 * the files that import is given.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "itin/csvevents.h"
#include "itin/evzone.h"
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/shortid.h"
#include "itin/store.h"
#include "itin/tsv.h"
#include "itin/xalloc.h"

void evwriter_begin(struct evwriter *w, struct outsink *out, enum outfmt fmt,
		    unsigned flags, struct icalio_zones *zones)
{
	struct strbuf *sb = &out->buf;

	w->out = out;
	w->fmt = fmt;
	w->flags = flags;
	w->n = 0;
	if (fmt == FMT_CSV)
		csvio_write_header(sb);
	else if (fmt == FMT_TSV)
		tsv_write_header(sb);
	else if (fmt == FMT_ICS) {
		/* DTSTAMP is now, or $ITIN_NOW, so exports can be
		 * reproduced. */
		w->ics_opts = (struct icalio_write_opts){cli_now(), NULL};
		icalio_write_begin(&w->ics, sb, zones, &w->ics_opts);
	}
}

int evwriter_event(struct evwriter *w, const struct event *ev)
{
	struct strbuf *sb = &w->out->buf;

	switch (w->fmt) {
	case FMT_CSV:
		csvio_write_event(sb, ev, w->flags & OUT_RAW ? CSVIO_RAW : 0);
		break;
	case FMT_TSV:
		tsv_write_event(sb, ev, w->flags & OUT_RAW ? TSV_RAW : 0);
		break;
	case FMT_JSON:
		json_write_item(sb, ev, w->n);
		break;
	case FMT_ITIN:
		itinfmt_write_event(sb, ev);
		break;
	case FMT_ICS:
		icalio_write_event(&w->ics, ev);
		break;
	default:
		break;
	}
	w->n++;
	return outsink_check(w->out);
}

int evwriter_end(struct evwriter *w)
{
	if (w->fmt == FMT_JSON)
		json_write_end(&w->out->buf, w->n);
	else if (w->fmt == FMT_ICS)
		icalio_write_end(&w->ics);
	return w->out->error ? -1 : 0;
}

int write_events(struct outsink *out, enum outfmt fmt, const struct evlist *l,
		 const struct filter *f, unsigned flags)
{
	struct icalio_zones zones = ICALIO_ZONES_INIT;
	struct evwriter w;
	int ret = 0;

	if (fmt == FMT_AGENDA) {
		struct agenda_opts ao = {flags & OUT_COLOUR, 0, NULL};

		return agenda_write(out, l, f, &ao);
	}
	if (fmt == FMT_ICS)
		for (size_t i = 0; i < l->n; i++)
			icalio_zones_add(&zones, l->v[i]);
	evwriter_begin(&w, out, fmt, flags, &zones);
	icalio_zones_release(&zones);
	for (size_t i = 0; i < l->n && !ret; i++)
		ret = evwriter_event(&w, l->v[i]);
	/* Ended even after a failure: the ics writer frees what it holds. */
	if (evwriter_end(&w))
		ret = -1;
	return ret;
}

void format_events(struct strbuf *sb, enum outfmt fmt, const struct evlist *l,
		   const struct filter *f, unsigned flags)
{
	struct outsink out;

	outsink_init(&out, outsink_strbuf_write, sb);
	write_events(&out, fmt, l, f, flags);
	outsink_flush(&out);
	outsink_release(&out);
}

/* Through stdio, so main's check of stdout at exit sees a failure. */
static int stdout_write(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	errno = 0;
	if (fwrite(data, 1, len, stdout) == len)
		return 0;
	if (!errno)
		errno = EIO;
	return -1;
}

void outsink_stdout(struct outsink *s)
{
	outsink_init(s, stdout_write, NULL);
}

int load_store(struct cli *cli, struct evlist *all)
{
	struct itin_err err;
	const char *path = cli_store(cli);

	if (!path)
		return ITIN_EX_USAGE;
	itin_err_clear(&err);
	if (store_load(path, all, STORE_WARNER, &err)) {
		evlist_release(all);
		return report_err(&err);
	}
	return 0;
}

int load_filtered(struct cli *cli, const struct filter *f, struct evlist *out)
{
	return load_filtered_ids(cli, f, out, NULL);
}

int load_filtered_ids(struct cli *cli, const struct filter *f,
		      struct evlist *out, struct shortid *ids)
{
	struct evlist all = EVLIST_INIT;
	int status = load_store(cli, &all);

	if (status)
		return status;
	for (size_t i = 0; i < all.n; i++) {
		if (ids)
			shortid_add(ids, all.v[i]->id);
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
	evlist_release(&all);
	evlist_sort(out);
	return 0;
}

int read_input(const char *path, struct strbuf *sb, struct itin_err *err)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	int ret;

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
	/* A pipe, a device or a sparse file may be endless or huge: the
	 * limits are checked while reading (inread.h). */
	ret = inread_fd(fd, is_stdin ? "<stdin>" : path, INREAD_TEXT, sb, err);
	if (!is_stdin)
		close(fd);
	return ret;
}
