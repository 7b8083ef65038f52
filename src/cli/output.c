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
#include "itin/icalio.h"
#include "itin/inread.h"
#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/shortid.h"
#include "itin/store.h"
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
