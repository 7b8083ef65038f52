/*
 * ids.c: naming an event on the command line by its id or, like git, by
 * any prefix of it that names exactly one event. An ambiguous prefix is
 * answered with the candidates as list shows them: the shortest prefix
 * of each that is unique in the store (shortid.h), and its title.
 */
#include <string.h>

#include "cli.h"
#include "itin/ascii.h"
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

static bool all_hex(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int c = ascii_tolower((unsigned char)s[i]);

		if (!ascii_isdigit(c) && !(c >= 'a' && c <= 'f'))
			return false;
	}
	return true;
}

/* A derived id: 16 lower-case hex digits (event_derive_id). */
static bool derived_id(const char *id)
{
	size_t n = strlen(id);

	if (n != 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ascii_isdigit(id[i]) && !(id[i] >= 'a' && id[i] <= 'f'))
			return false;
	return true;
}

/* Whether id begins with arg (len bytes); fold: arg is hex and matches a
 * derived id in any case. */
static bool id_matches(const char *id, const char *arg, size_t len, bool fold)
{
	if (!fold)
		return !strncmp(id, arg, len);
	return derived_id(id) && !ascii_ncasecmp(id, arg, len);
}

/* "id prefix 'ab' is ambiguous: ab1 (Talks), ab2 (Lunch) and 3 more",
 * nmatch ids of l matching arg as id_matches says. */
static int ambiguous_prefix(const struct evlist *l, const char *arg, bool fold,
			    size_t nmatch, struct itin_err *err)
{
	struct strbuf list = STRBUF_INIT, raw = STRBUF_INIT;
	size_t len = strlen(arg), shown = 0;
	struct shortid ids;

	shortid_init(&ids, SHORTID_MIN);
	for (size_t i = 0; i < l->n; i++)
		shortid_add(&ids, l->v[i]->id);
	shortid_finish(&ids);
	for (size_t i = 0; i < l->n && shown < 4; i++) {
		if (!id_matches(l->v[i]->id, arg, len, fold))
			continue;
		if (shown++)
			strbuf_addstr(&list, ", ");
		candidate(&list, &ids, l->v[i]);
	}
	shortid_release(&ids);
	if (nmatch > 4)
		strbuf_addf(&list, " and %zu more", nmatch - 4);
	utf8_sanitize(&raw, arg);
	itin_err_set(err, ITIN_EX_USAGE, "id prefix '%s' is ambiguous: %s",
		     raw.buf, list.buf);
	strbuf_release(&list);
	strbuf_release(&raw);
	return -1;
}

long find_event_arg(const struct evlist *l, const char *arg,
		    struct itin_err *err)
{
	size_t len = strlen(arg);
	long found = -1;
	size_t nmatch = 0;
	bool fold = false;

	/* "" is a prefix of every id: not a way to name one. */
	if (!len) {
		itin_err_set(err, ITIN_EX_USAGE, "empty id");
		return -1;
	}
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, arg))
			return (long)i;
	/* Ids are case-sensitive strings (an explicit id is whatever was
	 * given); only when nothing matches as typed is a hex prefix read
	 * in any case against derived ids, which are lower-case hex, so
	 * "B1" copied from somewhere upper-cased still finds b152357e... */
	for (int pass = 0; pass < 2 && !nmatch; pass++) {
		fold = pass == 1;
		if (fold && !all_hex(arg, len))
			break;
		for (size_t i = 0; i < l->n; i++) {
			if (!id_matches(l->v[i]->id, arg, len, fold))
				continue;
			nmatch++;
			found = (long)i;
		}
	}
	if (nmatch == 1)
		return found;
	if (nmatch > 1)
		return ambiguous_prefix(l, arg, fold, nmatch, err);
	itin_err_set(err, ITIN_EX_OTHER, "no event with id '%s'", arg);
	return -1;
}
