/*
 * output.c: what list and export write, where they write it, and reading
 * the files that import is given.
 */
#include <errno.h>
#include <fcntl.h>
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
#include "itin/tsv.h"
#include "itin/xalloc.h"

void format_events(struct strbuf *sb, enum outfmt fmt, const struct evlist *l,
		   const struct filter *f, unsigned flags)
{
	switch (fmt) {
	case FMT_AGENDA: {
		struct agenda_opts ao = {flags & OUT_COLOUR, 0, NULL};

		agenda_write(sb, l, f, &ao);
		break;
	}
	case FMT_CSV:
		csvio_write(sb, l, flags & OUT_RAW ? CSVIO_RAW : 0);
		break;
	case FMT_TSV:
		tsv_write_header(sb);
		for (size_t i = 0; i < l->n; i++)
			tsv_write_event(sb, l->v[i],
					flags & OUT_RAW ? TSV_RAW : 0);
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
	case FMT_ICS: {
		/* DTSTAMP is now, or $ITIN_NOW, so exports can be reproduced.
		 */
		struct icalio_write_opts o = {cli_now(), NULL};

		icalio_write(sb, l, &o);
		break;
	}
	default:
		break;
	}
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

/* Every id of the store, copied as the scan reports them (each ends in
 * '\0'), until the agenda knows which events it shows. */
struct all_ids {
	struct strbuf text;
	size_t *off;
	size_t n, alloc;
};

static void keep_id(void *ctx, const char *id, size_t len)
{
	struct all_ids *a = ctx;

	a->off = xgrow(a->off, &a->alloc, a->n + 1, sizeof(*a->off));
	a->off[a->n++] = a->text.len;
	strbuf_add(&a->text, id, len);
	strbuf_addch(&a->text, '\0');
}

/* The first min bytes of id, hashed; 0 for an id shorter than that. */
static uint64_t id_head(const char *id, size_t min)
{
	return strnlen(id, min) < min ? 0 : hash_short_key(id, min) | 1;
}

/*
 * Add to ids those of a that may lengthen a short id of the events in l:
 * an id's short form (shortid.h) is one byte longer than the longest
 * prefix it shares with another id, at least ids->min bytes, so only the
 * ids that share the first min bytes with a shown one count. The rest,
 * most of a large store, need not be sorted (false positives of the
 * hashes only add an id that changes nothing).
 */
static void add_short_ids(struct shortid *ids, const struct all_ids *a,
			  const struct evlist *l)
{
	size_t cap = 64, i;
	uint64_t *set;

	while (cap < 2 * l->n)
		cap *= 2;
	set = xcalloc(cap, sizeof(*set));
	for (i = 0; i < l->n; i++) {
		uint64_t h = id_head(l->v[i]->id, ids->min);
		size_t j = (size_t)h & (cap - 1);

		while (h && set[j] && set[j] != h)
			j = (j + 1) & (cap - 1);
		set[j] = h;
	}
	for (i = 0; i < a->n; i++) {
		const char *id = a->text.buf + a->off[i];
		uint64_t h = id_head(id, ids->min);
		size_t j = (size_t)h & (cap - 1);

		while (h && set[j] && set[j] != h)
			j = (j + 1) & (cap - 1);
		if (h && set[j] == h)
			shortid_add(ids, id);
	}
	free(set);
}

int load_filtered_ids(struct cli *cli, const struct filter *f,
		      struct evlist *out, struct shortid *ids)
{
	struct evlist all = EVLIST_INIT;
	struct all_ids every = {STRBUF_INIT, NULL, 0, 0};
	/* The scan reads fully only the events the dates may keep; the
	 * filter below still decides each (the scan's days are widened). */
	struct storescan_want want = {
	    .has_from = f->has_from,
	    .has_to = f->has_to,
	    .from_day = f->from_day,
	    .to_day = f->to_day,
	    .each_id = ids ? keep_id : NULL,
	    .ctx = &every,
	};
	int status = load_selected(cli, &want, &all);

	if (status)
		goto out;
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
	if (ids)
		add_short_ids(ids, &every, out);
out:
	strbuf_release(&every.text);
	free(every.off);
	return status;
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
