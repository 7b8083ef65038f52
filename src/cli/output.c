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
#include "itin/hash.h"
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/shortid.h"
#include "itin/store.h"
#include "itin/storescan.h"
#include "itin/storestream.h"
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

int open_stream(struct cli *cli, const struct filter *f, struct storestream *s,
		struct icalio_zones *zones)
{
	struct itin_err err;
	const char *path = cli_store(cli);

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (!path)
		return ITIN_EX_USAGE;
	itin_err_clear(&err);
	if (storestream_open(s, path, f, cli->in, zones, STORE_WARNER, &err))
		return report_err(&err);
	return 0;
}

int write_stream(struct outsink *out, enum outfmt fmt, struct storestream *s,
		 struct icalio_zones *zones, unsigned flags, int *status)
{
	struct evwriter w;
	struct itin_err err;
	struct event *ev;
	int r = 0, ret = 0;

	itin_err_clear(&err);
	evwriter_begin(&w, out, fmt, flags, zones);
	if (zones)
		icalio_zones_release(zones);
	while (!ret && (r = storestream_next(s, &ev, &err)) == 1)
		ret = evwriter_event(&w, ev);
	if (r < 0) {
		*status = report_err(&err);
		ret = -1;
	}
	/* Ended even after a failure: the ics writer frees what it holds. */
	if (evwriter_end(&w))
		ret = -1;
	return ret;
}

int load_store(struct cli *cli, struct evlist *all)
{
	struct storescan_want all_of_it = {0};

	return load_selected(cli, &all_of_it, all);
}

int load_selected(struct cli *cli, const struct storescan_want *want,
		  struct evlist *out)
{
	struct itin_err err;
	const char *path = cli_store(cli);

	if (!path)
		return ITIN_EX_USAGE;
	itin_err_clear(&err);
	if (store_load_scan(path, want, out, STORE_WARNER, &err)) {
		evlist_release(out);
		return report_err(&err);
	}
	return 0;
}

int load_filtered(struct cli *cli, const struct filter *f, struct evlist *out)
{
	return load_filtered_ids(cli, f, out, NULL);
}

/* The first min bytes of id (of len bytes), hashed; 0 when shorter. */
static uint64_t id_head(const char *id, size_t len, size_t min)
{
	return len < min ? 0 : hash_short_key(id, min) | 1;
}

/*
 * The ids a short id of the events read may depend on, for shortid.h:
 * an id's short form is one byte longer than the longest prefix it
 * shares with another id, at least ids->min bytes, so only the ids that
 * share their first min bytes with an event read count (read: the
 * events the filter will choose from). The rest, most of a large store,
 * need not be copied and sorted. A false positive of the hashes only
 * adds an id that changes nothing.
 */
struct short_ids {
	struct shortid *ids;
	const struct evlist *read;
	uint64_t *heads; /* of the events read, open-addressed; 0: free */
	size_t cap;
};

/* Is h among the heads (put it there when put)? */
static bool head_in(struct short_ids *s, uint64_t h, bool put)
{
	size_t j = (size_t)h & (s->cap - 1);

	while (s->heads[j] && s->heads[j] != h)
		j = (j + 1) & (s->cap - 1);
	if (put)
		s->heads[j] = h;
	return s->heads[j] == h;
}

/* storescan's each_id: the events read are in s->read by then. */
static void add_short_id(void *ctx, const char *id, size_t len)
{
	struct short_ids *s = ctx;
	uint64_t h = id_head(id, len, s->ids->min);
	char *copy;

	if (!s->heads) {
		for (s->cap = 64; s->cap < 2 * s->read->n + 2;)
			s->cap *= 2;
		s->heads = xcalloc(s->cap, sizeof(*s->heads));
		for (size_t i = 0; i < s->read->n; i++) {
			const char *rid = s->read->v[i]->id;
			uint64_t rh = id_head(rid, strlen(rid), s->ids->min);

			if (rh)
				head_in(s, rh, true);
		}
	}
	if (!h || !head_in(s, h, false))
		return;
	copy = xstrndup(id, len);
	shortid_add(s->ids, copy);
	free(copy);
}

int load_filtered_ids(struct cli *cli, const struct filter *f,
		      struct evlist *out, struct shortid *ids)
{
	struct evlist all = EVLIST_INIT;
	struct short_ids sids = {ids, &all, NULL, 0};
	/* The scan reads fully only the events the dates may keep; the
	 * filter below still decides each (the scan's days are widened). */
	struct storescan_want want = {
	    .has_from = f->has_from,
	    .has_to = f->has_to,
	    .from_day = f->from_day,
	    .to_day = f->to_day,
	    .each_id = ids ? add_short_id : NULL,
	    .ctx = &sids,
	};
	int status = load_selected(cli, &want, &all);

	free(sids.heads);
	if (status)
		return status;
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
