/*
 * ids.c: naming an event on the command line by its id or, like git, by
 * any prefix of it that names exactly one event.
 */
#include <string.h>

#include "cli.h"
#include "itin/strbuf.h"

long find_event_arg(const struct evlist *l, const char *arg,
		    struct itin_err *err)
{
	size_t len = strlen(arg);
	long found = -1;
	size_t nmatch = 0;
	struct strbuf list = STRBUF_INIT;

	if (!len)
		goto none;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, arg))
			return (long)i;
	for (size_t i = 0; i < l->n; i++) {
		if (strncmp(l->v[i]->id, arg, len))
			continue;
		if (nmatch < 4) {
			if (nmatch)
				strbuf_addstr(&list, ", ");
			/* Enough of each id to tell them apart. */
			size_t show = len + 4 < 8 ? 8 : len + 4;
			const char *id = l->v[i]->id;
			if (strlen(id) <= show)
				strbuf_addstr(&list, id);
			else
				strbuf_addf(&list, "%.*s...", (int)show, id);
		}
		nmatch++;
		found = (long)i;
	}
	if (nmatch == 1) {
		strbuf_release(&list);
		return found;
	}
	if (nmatch > 1) {
		if (nmatch > 4)
			strbuf_addf(&list, " and %zu more", nmatch - 4);
		itin_err_set(err, ITIN_EX_USAGE,
			     "id prefix '%s' is ambiguous (%s)", arg, list.buf);
		strbuf_release(&list);
		return -1;
	}
none:
	strbuf_release(&list);
	itin_err_set(err, ITIN_EX_OTHER, "no event with id '%s'", arg);
	return -1;
}
