/*
 * ids.c: naming an event on the command line by its id or, like git, by
 * any prefix of it that names exactly one event. An ambiguous prefix is
 * answered with the candidates as list shows them: the shortest prefix
 * of each that is unique in the store (shortid.h), and its title.
 */
#include <string.h>

#include "cli.h"
#include "itin/shortid.h"
#include "itin/strbuf.h"
#include "itin/utf8.h"

/* Titles in the message are cut to this many columns. */
#define TITLE_COLS 30

/* "abc1 (Meeting with ...)" */
static void candidate(struct strbuf *sb, const struct shortid *ids,
		      const struct event *ev)
{
	struct strbuf raw = STRBUF_INIT, title = STRBUF_INIT;
	size_t cols;

	strbuf_add(&raw, ev->id, shortid_len(ids, ev->id));
	utf8_sanitize(sb, raw.buf);
	utf8_sanitize(&title, ev->title);
	if (utf8_width(title.buf) > TITLE_COLS) {
		title.len =
		    utf8_prefix_fitting(title.buf, TITLE_COLS - 1, &cols);
		title.buf[title.len] = '\0';
		strbuf_addstr(&title, "\u2026");
	}
	strbuf_addf(sb, " (%s)", title.buf);
	strbuf_release(&raw);
	strbuf_release(&title);
}

long find_event_arg(const struct evlist *l, const char *arg,
		    struct itin_err *err)
{
	size_t len = strlen(arg);
	long found = -1;
	size_t nmatch = 0;
	struct strbuf list = STRBUF_INIT, raw = STRBUF_INIT;

	if (!len)
		goto none;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, arg))
			return (long)i;
	for (size_t i = 0; i < l->n; i++) {
		if (strncmp(l->v[i]->id, arg, len))
			continue;
		nmatch++;
		found = (long)i;
	}
	if (nmatch == 1) {
		strbuf_release(&list);
		return found;
	}
	if (nmatch > 1) {
		struct shortid ids;
		size_t shown = 0;

		shortid_init(&ids, SHORTID_MIN);
		for (size_t i = 0; i < l->n; i++)
			shortid_add(&ids, l->v[i]->id);
		shortid_finish(&ids);
		for (size_t i = 0; i < l->n && shown < 4; i++) {
			if (strncmp(l->v[i]->id, arg, len))
				continue;
			if (shown++)
				strbuf_addstr(&list, ", ");
			candidate(&list, &ids, l->v[i]);
		}
		shortid_release(&ids);
		if (nmatch > 4)
			strbuf_addf(&list, " and %zu more", nmatch - 4);
		strbuf_reset(&raw);
		utf8_sanitize(&raw, arg);
		itin_err_set(err, ITIN_EX_USAGE,
			     "id prefix '%s' is ambiguous: %s", raw.buf,
			     list.buf);
		strbuf_release(&list);
		strbuf_release(&raw);
		return -1;
	}
none:
	strbuf_release(&list);
	itin_err_set(err, ITIN_EX_OTHER, "no event with id '%s'", arg);
	return -1;
}
