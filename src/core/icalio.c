/*
 * icalio.c: iCalendar import, icalio_read() (icalio.h): the reader's
 * life, the stages it runs (icsread.h lists them and their files), and
 * what every stage shares: an error at a line of the file, a lapse said
 * once, the final check of an event before it is appended.
 *
 * Export is icswrite.c; the field mapping both ways, icstext.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/evident.h"
#include "itin/icalio.h"
#include "itin/icslib.h"
#include "itin/icsread.h"

int ics_fail_at(struct ics_reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	itin_err_vat(r->err, ITIN_EX_DATAERR, r->fname, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void ics_lapse_note(struct lapse *l, long line, size_t size)
{
	if (!l->n++) {
		l->first = line;
		l->size = size;
	}
}

/* Warnings from event_check() get the VEVENT's file and line. */
struct located {
	const struct itin_warner *inner;
	const char *file;
	long line;
};

static void located_warn(void *ctx, const struct itin_err *w)
{
	const struct located *lw = ctx;
	struct itin_err c = *w;

	if (!c.file[0])
		snprintf(c.file, sizeof(c.file), "%s", lw->file);
	if (!c.line)
		c.line = lw->line;
	lw->inner->fn(lw->inner->ctx, &c);
}

/*
 * event_check() says "title too long" of the event; the VEVENT at line
 * may be thousands of lines long (a folded SUMMARY of megabytes), so the
 * property that made the field is found for the message: its first
 * physical line, column 1. 0 when none is found.
 */
static long long_field_line(struct ics_reader *r, long line, const char *msg)
{
	static const struct {
		const char *what, *prop;
	} map[] = {
	    {"title ", "SUMMARY"},	  {"venue ", "LOCATION"},
	    {"city ", "LOCATION"},	  {"notes ", "DESCRIPTION"},
	    {"source ", "URL"},		  {"uid ", "UID"},
	    {"participant ", "ATTENDEE"}, {"tag ", "CATEGORIES"},
	};
	const char *prop = NULL;
	size_t i, best = 0;
	long at = 0;
	bool in = false;
	struct cprop p;
	struct ics_lexer lx;
	struct ics_lines one = {STRBUF_INIT, NULL, 0, 0};
	struct ics_lines *keep = r->ls;

	if (!strstr(msg, " too long ("))
		return 0;
	for (i = 0; i < sizeof(map) / sizeof(map[0]) && !prop; i++)
		if (!strncmp(msg, map[i].what, strlen(map[i].what)))
			prop = map[i].prop;
	/* The VEVENT's lines are gone: read the file again up to it. */
	r->ls = &one;
	if (ics_lex_start(&lx, r))
		lx.eof = true, lx.pos = lx.len = 0;
	while (ics_lines_reset(&one), ics_lex_next(r, &lx, &one) > 0) {
		if (!in) {
			in = one.cl[0].line == line;
			continue;
		}
		if (ics_parse_cline(r, 0, &p))
			continue;
		if (ics_name_is(&p, "END") && !ascii_casecmp(p.value, "VEVENT"))
			break;
		/* The longest line of that property (of any, when the
		 * field is not one mapped here). */
		if ((!prop || ics_name_is(&p, prop)) && one.cl[0].len > best) {
			best = one.cl[0].len;
			at = one.cl[0].line;
		}
	}
	ics_lex_end(&lx);
	ics_lines_release(&one);
	r->ls = keep;
	return at;
}

/* Check ev and append it; takes ev. */
/*
 * X-ITIN-ID beside a UID: a second event of the file claiming it under
 * another UID is a copy (evmerge.c: check_xid()); it gets the id its UID
 * derives. first: where ev's id was first made; returns the line the id
 * ev now has was first made on, or -1.
 */
static long check_xid(struct ics_reader *r, struct event *ev, long line,
		      long first)
{
	long at = evlist_find(r->out, ev->id);
	char *id;

	if (at < 0 ||
	    (r->out->v[at]->uid && !strcmp(r->out->v[at]->uid, ev->uid)))
		return first;
	id = event_derive_id(ev);
	itin_warn_at(r->w, r->fname, line, 1,
		     "X-ITIN-ID '%s' again (first at line "
		     "%ld) with another UID; id %s from the "
		     "UID instead",
		     ev->id, first, id);
	event_set_str(ev, &ev->id, id);
	free(id);
	ev->carried &= ~(unsigned)EVF_ID;
	return evindex_find(r->ids, ev->id);
}

/* event_check() refused ev: the error at the VEVENT's line, or at the
 * property that made a field too long. */
static int check_failed(struct ics_reader *r, long line)
{
	struct itin_err keep = *r->err;
	long at = long_field_line(r, line, keep.msg);

	*r->err = keep;
	snprintf(r->err->file, sizeof(r->err->file), "%s", r->fname);
	r->err->line = at ? at : line;
	r->err->col = at ? 1 : 0;
	return -1;
}

int ics_emit(struct ics_reader *r, struct event *ev, long line)
{
	struct located lw = {r->w, r->fname, line};
	struct itin_warner wrap = {located_warn, &lw};
	enum event_part part;
	long first;

	if (!ev->line)
		ev->line = (uint32_t)line;
	if (event_check_part(ev, r->w && r->w->fn ? &wrap : NULL, r->err,
			     &part)) {
		event_free(ev);
		return check_failed(r, line);
	}
	first = evindex_find(r->ids, ev->id);
	if (first >= 0 && ev->uid && (ev->carried & EVF_ID))
		first = check_xid(r, ev, line, first);
	if (first >= 0) {
		long at = evlist_find(r->out, ev->id);

		/* The same event twice (no UID to tell them apart): one. */
		if (at >= 0 && evident_same(r->out->v[at], ev, EVF_ALL)) {
			itin_warn_at(r->w, r->fname, line, 1,
				     "VEVENT '%.80s' is the same event as line "
				     "%ld; read once",
				     ev->title, first);
			event_free(ev);
			return 0;
		}
		ics_fail_at(r, line, 0, "duplicate id '%s' (first at line %ld)",
			    ev->id, first);
		event_free(ev);
		return -1;
	}
	evindex_put(r->ids, ev->id, (size_t)line);
	evlist_add(r->out, ev);
	r->st->events++;
	return 0;
}

/* A problem with one VEVENT: fatal, or a warning with --skip-invalid. */
int ics_refuse(struct ics_reader *r)
{
	char msg[sizeof(r->err->msg) + 300];

	if (!(r->o->flags & ICALIO_SKIP_INVALID))
		return -1;
	itin_err_format(r->err, msg, sizeof(msg));
	if (r->w && r->w->fn) {
		struct itin_err w = *r->err;

		w.status = 0;
		snprintf(w.msg, sizeof(w.msg), "VEVENT refused: %.480s",
			 r->err->msg);
		r->w->fn(r->w->ctx, &w);
	}
	r->st->skipped++;
	itin_err_clear(r->err);
	return 0;
}

static void reader_init(struct ics_reader *r, const char *fname,
			const struct icalio_read_opts *o, struct evlist *out,
			const struct itin_warner *w, struct icalio_stats *st,
			struct itin_err *err)
{
	struct evlist empty = EVLIST_INIT;

	memset(r, 0, sizeof(*r));
	r->fname = fname ? fname : "-";
	r->o = o;
	r->w = w;
	r->err = err;
	r->st = st;
	memset(r->st, 0, sizeof(*r->st));
	r->out = out;
	strbuf_init(&r->win.text);
	strbuf_init(&r->tzl.text);
	r->ls = &r->win;
	r->fd = -1;
	strbuf_init(&r->tmp);
	r->uids = evindex_build(&empty);
	r->ids = evindex_build(&empty);
	r->occ_max = o->max_file_occurrences ? o->max_file_occurrences
					     : ICALIO_MAX_FILE_OCCURRENCES;
	r->occ_left = r->occ_max;
	r->cand_max =
	    r->occ_max >
		    (size_t)(INT64_MAX / 2 / ICALIO_CANDIDATES_PER_OCCURRENCE)
		? INT64_MAX / 2
		: (int64_t)r->occ_max * ICALIO_CANDIDATES_PER_OCCURRENCE;
	r->cand_left = r->cand_max;
}

static void reader_release(struct ics_reader *r)
{
	for (size_t i = 0; i < r->npend; i++) {
		event_free(r->pend[i].ev);
		free(r->pend[i].uid);
		free(r->pend[i].props.v);
		free(r->pend[i].props_text);
	}
	free(r->pend);
	for (size_t i = 0; i < r->nzones; i++) {
		free(r->zones[i].tzid);
		ics_vzone_free(r->zones[i].embedded);
	}
	free(r->zones);
	for (size_t i = 0; i < r->nvtz; i++)
		free(r->vtz[i].tzid);
	free(r->vtz);
	ics_lines_release(&r->win);
	ics_lines_release(&r->tzl);
	free(r->skips);
	for (size_t i = 0; i < r->nreps; i++)
		free(r->reps[i].text);
	free(r->reps);
	strbuf_release(&r->tmp);
	evindex_free(r->uids);
	evindex_free(r->ids);
}

/* The VEVENT of lines begin..end of r->win into a pending event. */
static int one_vevent(struct ics_reader *r, size_t begin, size_t end)
{
	/* A control character in it: refused whole, before any of it
	 * reaches libical. */
	size_t bad = ics_ctrl_in(r, begin, end);

	if (bad ? ics_ctrl_fail(r, bad - 1) && ics_refuse(r)
		: ics_read_vevent(r, begin, end) && ics_refuse(r))
		return -1;
	return 0;
}

/*
 * Every VEVENT of the VCALENDARs read into a pending event, one at a
 * time: r->win holds the lines of the component being read, no more.
 */
static int read_vevents(struct ics_reader *r)
{
	struct ics_lexer lx;
	int depth = 0, ret = 0;
	size_t begin = 0;

	r->ls = &r->win;
	ret = ics_lex_start(&lx, r);
	while (!ret) {
		struct cprop p;
		size_t i;
		int got;

		/* Between components nothing is kept. */
		if (depth < 2)
			ics_lines_reset(&r->win);
		got = ics_lex_next(r, &lx, &r->win);
		if (got <= 0) {
			ret = got;
			break;
		}
		i = r->win.n - 1;
		/* The structure pass parsed every line; one that fails now
		 * (a file changed under us) is passed over. */
		if (ics_parse_cline(r, i, &p))
			continue;
		if (ics_name_is(&p, "BEGIN")) {
			if (++depth == 2)
				begin = i;
		} else if (ics_name_is(&p, "END") && depth-- == 2 &&
			   !ascii_casecmp(p.value, "VEVENT") &&
			   one_vevent(r, begin, i)) {
			ret = -1;
			break;
		}
	}
	ics_lex_end(&lx);
	if (ret)
		return -1;
	if (r->no_uid.n)
		itin_warn_at(r->w, r->fname, r->no_uid.first, 0,
			     "VEVENT without UID (%zu in this file, the first "
			     "here): its id is derived from its content",
			     r->no_uid.n);
	if (r->no_dtstamp.n)
		itin_warn_at(r->w, r->fname, r->no_dtstamp.first, 0,
			     "VEVENT without DTSTAMP, which RFC 5545 requires "
			     "(%zu in this file, the first here); read anyway",
			     r->no_dtstamp.n);
	return 0;
}

/* The stages, in order (icsread.h), and the reader released. */
static int read_all(struct ics_reader *r)
{
	int ret = -1;

	if (!ics_scan_lines(r) && !ics_check_structure(r) &&
	    !ics_check_vtimezones(r) && !read_vevents(r) &&
	    !ics_finish_pending(r) && (r->fd < 0 || !ics_lex_file_same(r)))
		ret = 0;
	reader_release(r);
	return ret;
}

/* The reader of buf[0..len), or of the file fd when it is not -1. */
static int read_source(const char *buf, size_t len, int fd, const char *fname,
		       const struct icalio_read_opts *o, struct evlist *out,
		       const struct itin_warner *w, struct icalio_stats *st,
		       struct itin_err *err)
{
	struct icalio_stats dummy;
	struct ics_reader r;

	/* libical is opened by the reader of .ics, not at start-up
	 * (icslib.h). */
	if (ics_lib_load(err))
		return -1;
	memset(&dummy, 0, sizeof(dummy));
	reader_init(&r, fname, o, out, w, st ? st : &dummy, err);
	r.buf = buf;
	r.len = len;
	r.fd = fd;
	itin_err_clear(err);
	if (fd >= 0 && ics_lex_file_mark(&r)) {
		reader_release(&r);
		return -1;
	}
	return read_all(&r);
}

int icalio_read(const char *buf, size_t len, const char *fname,
		const struct icalio_read_opts *o, struct evlist *out,
		const struct itin_warner *w, struct icalio_stats *st,
		struct itin_err *err)
{
	return read_source(buf, len, -1, fname, o, out, w, st, err);
}

int icalio_read_fd(int fd, const char *fname, const struct icalio_read_opts *o,
		   struct evlist *out, const struct itin_warner *w,
		   struct icalio_stats *st, struct itin_err *err)
{
	return read_source(NULL, 0, fd, fname, o, out, w, st, err);
}
