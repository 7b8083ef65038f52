/*
 * icslex.c: the content lines of an iCalendar file and their values
 * (icslex.h), read the way import.c-style readers do, so that every
 * problem has its line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/icsread.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

const char *ics_cl_text(const struct ics_reader *r, size_t i)
{
	return r->ls->text.buf + r->ls->cl[i].off;
}

static size_t lines_add(struct ics_lines *ls, const char *s, size_t n,
			long line)
{
	ls->cl = xgrow(ls->cl, &ls->alloc, ls->n + 1, sizeof(*ls->cl));
	ls->cl[ls->n].off = ls->text.len;
	ls->cl[ls->n].len = n;
	ls->cl[ls->n].line = line;
	ls->cl[ls->n].skip = false;
	ls->cl[ls->n].ctrl = 0;
	strbuf_add(&ls->text, s, n);
	strbuf_addch(&ls->text, '\0');
	return ls->n++;
}

size_t ics_lines_copy(struct ics_lines *to, const struct ics_lines *from,
		      size_t i)
{
	size_t k = lines_add(to, from->text.buf + from->cl[i].off,
			     from->cl[i].len, from->cl[i].line);

	to->cl[k] = from->cl[i];
	to->cl[k].off = to->text.len - from->cl[i].len - 1;
	return k;
}

void ics_lines_reset(struct ics_lines *ls)
{
	strbuf_reset(&ls->text);
	ls->n = 0;
}

void ics_lines_release(struct ics_lines *ls)
{
	strbuf_release(&ls->text);
	free(ls->cl);
	ls->cl = NULL;
	ls->n = ls->alloc = 0;
}

/* What the first pass finds: the lapses, and the first problem of the
 * bytes, said once the whole file's line ends are known good. */
struct lexcheck {
	struct lapse lf, longl;
	bool crlf, decided;
	bool ctrl_seen, utf8_seen;
	size_t ctrl_idx, utf8_idx;
	unsigned char ctrl;
	long ctrl_line, ctrl_col, utf8_line, utf8_col;
};

/*
 * Where byte off of the content line being read is in the file: its
 * physical lines walked (only for error messages). As ever, an empty
 * line inside a folded one takes what is left.
 */
static void locate(const struct ics_lexer *lx, size_t off, long *line,
		   long *col)
{
	size_t left = off;

	for (size_t k = 0;; k++) {
		const struct ics_seg *g = &lx->seg[k];
		size_t end =
		    k + 1 < lx->nseg ? lx->seg[k + 1].off : lx->cur.len;
		size_t n = end - g->off;

		if (g->empty || left <= n || k + 1 == lx->nseg) {
			if (!g->empty && left > n)
				left = n;
			*line = g->line;
			*col =
			    utf8_column(lx->buf + g->pos,
					(g->cont || g->empty ? 1 : 0) + left);
			return;
		}
		left -= n;
	}
}

/* Every valid UTF-8 sequence of the line kept, every other byte read as
 * Latin-1 (what such files mostly are). */
static void latin1_fix(struct ics_lexer *lx)
{
	const char *s = lx->cur.buf;
	size_t n = lx->cur.len, k = 0;
	struct strbuf t;

	strbuf_reset(&lx->fix);
	while (k < n) {
		uint32_t cp;
		size_t m = utf8_decode(s + k, n - k, &cp);

		if (m) {
			strbuf_add(&lx->fix, s + k, m);
			k += m;
		} else {
			unsigned char c = (unsigned char)s[k++];

			strbuf_addch(&lx->fix, (char)(0xC0 | c >> 6));
			strbuf_addch(&lx->fix, (char)(0x80 | (c & 0x3F)));
		}
	}
	t = lx->cur;
	lx->cur = lx->fix;
	lx->fix = t;
}

/*
 * Physical line ln (p, n: its CR LF or LF not counted) in the first
 * pass: LF and long lines are counted as lapses; a file that mixes CRLF
 * and LF, or holds a bare CR or a NUL, is refused.
 */
static int check_physical(struct ics_reader *r, struct lexcheck *c,
			  const char *p, size_t n, bool nl, bool has_cr,
			  long ln)
{
	const char *cr, *nul;

	if (nl && !has_cr)
		ics_lapse_note(&c->lf, ln, 0);
	if (n > ICALIO_LINE_MAX)
		ics_lapse_note(&c->longl, ln, n);
	if (nl && !c->decided) {
		c->crlf = has_cr;
		c->decided = true;
	} else if (nl && c->crlf && !has_cr) {
		return ics_fail_at(r, ln, 0,
				   "line ends in LF alone in a file of CRLF "
				   "lines (a line break inside a value?)");
	}
	cr = memchr(p, '\r', n);
	if (cr)
		return ics_fail_at(
		    r, ln, utf8_column(p, (size_t)(cr - p)),
		    "bare CR (a carriage return inside a value?)");
	nul = memchr(p, '\0', n);
	if (nul)
		return ics_fail_at(r, ln, utf8_column(p, (size_t)(nul - p)),
				   "NUL byte in input");
	return 0;
}

static void seg_add(struct ics_lexer *lx, size_t pos, bool cont, bool empty)
{
	lx->seg = xgrow(lx->seg, &lx->segalloc, lx->nseg + 1, sizeof(*lx->seg));
	lx->seg[lx->nseg].off = lx->cur.len;
	lx->seg[lx->nseg].pos = pos;
	lx->seg[lx->nseg].line = lx->ln;
	lx->seg[lx->nseg].cont = cont;
	lx->seg[lx->nseg].empty = empty;
	lx->nseg++;
}

/* Reading a file: the file has not changed since the first pass. */
int ics_lex_file_same(struct ics_reader *r)
{
	struct stat st;

	if (fstat(r->fd, &st))
		return itin_err_set(r->err, ITIN_EX_IOERR,
				    "cannot read '%s': %s", r->fname,
				    strerror(errno));
	if ((int64_t)st.st_size != r->fsize ||
	    (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec !=
		r->fmtime_ns)
		return itin_err_set(r->err, ITIN_EX_IOERR,
				    "'%s' changed while it was read; "
				    "nothing imported from it",
				    r->fname);
	return 0;
}

int ics_lex_file_mark(struct ics_reader *r)
{
	struct stat st;

	if (fstat(r->fd, &st))
		return itin_err_set(r->err, ITIN_EX_IOERR,
				    "cannot read '%s': %s", r->fname,
				    strerror(errno));
	r->fsize = (int64_t)st.st_size;
	r->fmtime_ns =
	    (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	return 0;
}

/*
 * Reading a file: more of it after what is read, keeping the bytes of
 * the content line being read (its physical lines, for locate()); the
 * block grows only for a line longer than it.
 */
static int refill(struct ics_reader *r, struct ics_lexer *lx)
{
	size_t keep = lx->nseg ? lx->seg[0].pos : lx->pos;
	ssize_t n;

	memmove(lx->blk, lx->blk + keep, lx->len - keep);
	lx->len -= keep;
	lx->pos -= keep;
	for (size_t k = 0; k < lx->nseg; k++)
		lx->seg[k].pos -= keep;
	if (lx->len == lx->cap)
		lx->blk = xgrow(lx->blk, &lx->cap, lx->cap + 1, 1);
	lx->buf = lx->blk;
	do
		n = read(r->fd, lx->blk + lx->len, lx->cap - lx->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return itin_err_set(r->err, ITIN_EX_IOERR,
				    "cannot read '%s': %s", r->fname,
				    strerror(errno));
	lx->len += (size_t)n;
	lx->eof = !n;
	return 0;
}

/*
 * The next content line unfolded into lx->cur: a line that starts with
 * a space or TAB continues the one before. 1, 0 at the end, -1 when the
 * first pass refuses the file.
 */
static int unfold_next(struct ics_reader *r, struct ics_lexer *lx)
{
	bool have = false;

	strbuf_reset(&lx->cur);
	lx->nseg = 0;
	while (!lx->started && lx->len < 3 && !lx->eof)
		if (refill(r, lx))
			return -1;
	if (!lx->started && lx->len >= 3 && !memcmp(lx->buf, "\xEF\xBB\xBF", 3))
		lx->pos = 3;
	lx->started = true;
	while (lx->pos < lx->len || !lx->eof) {
		size_t at = lx->pos;
		const char *p = lx->buf + at,
			   *nl = memchr(p, '\n', lx->len - at);
		size_t n = nl ? (size_t)(nl - p) : lx->len - at;
		bool has_cr, cont;

		if (!nl && !lx->eof) { /* the line goes on in the file */
			if (refill(r, lx))
				return -1;
			continue;
		}
		has_cr = n && p[n - 1] == '\r';
		cont = n > has_cr && (*p == ' ' || *p == '\t');
		if (has_cr)
			n--;
		if (have && n && !cont)
			break; /* the next line's: read by the next call */
		lx->ln++;
		lx->pos = at + n + (has_cr ? 1 : 0) + (nl ? 1 : 0);
		if (lx->chk &&
		    check_physical(r, lx->chk, p, n, nl, has_cr, lx->ln))
			return -1;
		if (!n) {
			if (have)
				seg_add(lx, at, false, true);
			continue;
		}
		/* The file's first line may start with a space: kept. */
		cont = cont && (have || lx->idx);
		seg_add(lx, at, cont, false);
		strbuf_add(&lx->cur, p + cont, n - cont);
		if (!have)
			lx->cur_line = lx->ln;
		have = true;
	}
	return have;
}

/*
 * The bytes of the line read: a control character refuses the file (or,
 * with --skip-invalid, marks the line, for its VEVENT to answer for);
 * bytes that are not UTF-8 are read as Latin-1. The first pass notes
 * the first of each, to say once the line ends are known good.
 */
static void check_bytes(struct ics_reader *r, struct ics_lexer *lx,
			struct cline *c)
{
	struct lexcheck *k = lx->chk;
	size_t bad;

	/* Controls first, on the bytes as they are in the file: locate()
	 * counts offsets in those, and latin1_fix() makes the line longer. */
	for (size_t i = 0; i < lx->cur.len; i++) {
		unsigned char ch = (unsigned char)lx->cur.buf[i];

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
			if (r->o->flags & ICALIO_SKIP_INVALID) {
				/* Judged per component: see check_line(),
				 * read_vevents(). */
				c->ctrl = ch;
				locate(lx, i, &c->ctrl_line, &c->ctrl_col);
			} else if (k && !k->ctrl_seen) {
				k->ctrl_seen = true;
				k->ctrl_idx = r->cur_idx;
				k->ctrl = ch;
				locate(lx, i, &k->ctrl_line, &k->ctrl_col);
			}
			break;
		}
	}
	if (!utf8_valid(lx->cur.buf, lx->cur.len, &bad)) {
		if (k && !k->utf8_seen) {
			k->utf8_seen = true;
			k->utf8_idx = r->cur_idx;
			locate(lx, bad, &k->utf8_line, &k->utf8_col);
		}
		latin1_fix(lx);
	}
}

/* A file's block: a few pages, as stdio reads. */
#ifndef ICS_BLOCK /* smaller in a test build, to cross blocks */
#define ICS_BLOCK ((size_t)128 << 10)
#endif

int ics_lex_start(struct ics_lexer *lx, struct ics_reader *r)
{
	memset(lx, 0, sizeof(*lx));
	strbuf_init(&lx->cur);
	strbuf_init(&lx->fix);
	if (r->fd < 0) {
		lx->buf = r->buf;
		lx->len = r->len;
		lx->eof = true;
		return 0;
	}
	lx->cap = ICS_BLOCK;
	lx->blk = xmalloc(lx->cap);
	lx->buf = lx->blk;
	if (ics_lex_file_same(r))
		return -1;
	if (lseek(r->fd, 0, SEEK_SET) < 0)
		return itin_err_set(r->err, ITIN_EX_IOERR,
				    "cannot read '%s': %s", r->fname,
				    strerror(errno));
	return 0;
}

void ics_lex_end(struct ics_lexer *lx)
{
	strbuf_release(&lx->cur);
	strbuf_release(&lx->fix);
	free(lx->seg);
	free(lx->blk);
}

/* Whether an earlier pass said to skip content line idx. */
static bool skipped(const struct ics_reader *r, struct ics_lexer *lx,
		    size_t idx)
{
	while (lx->skip_at < r->nskips && r->skips[lx->skip_at] < idx)
		lx->skip_at++;
	return lx->skip_at < r->nskips && r->skips[lx->skip_at] == idx;
}

int ics_lex_next(struct ics_reader *r, struct ics_lexer *lx,
		 struct ics_lines *to)
{
	for (;;) {
		struct cline c = {0, 0, 0, false, 0, 0, 0};
		const char *s;
		size_t i, n;
		int got = unfold_next(r, lx);

		if (got <= 0)
			return got;
		r->cur_idx = lx->idx++;
		if (skipped(r, lx, r->cur_idx))
			continue;
		check_bytes(r, lx, &c);
		s = lx->cur.buf;
		n = lx->cur.len;
		while (lx->rep_at < r->nreps &&
		       r->reps[lx->rep_at].idx < r->cur_idx)
			lx->rep_at++;
		if (lx->rep_at < r->nreps &&
		    r->reps[lx->rep_at].idx == r->cur_idx) {
			s = r->reps[lx->rep_at].text;
			n = strlen(s);
		}
		i = lines_add(to, s, n, lx->cur_line);
		to->cl[i].ctrl = c.ctrl;
		to->cl[i].ctrl_line = c.ctrl_line;
		to->cl[i].ctrl_col = c.ctrl_col;
		return 1;
	}
}

/* The first pass: a bad line end refuses the file wherever it is; then
 * the lapses are said, and the first problem of the bytes. */
int ics_scan_lines(struct ics_reader *r)
{
	struct lexcheck k;
	struct ics_lexer lx;
	int got;

	memset(&k, 0, sizeof(k));
	if (ics_lex_start(&lx, r)) {
		ics_lex_end(&lx);
		return -1;
	}
	lx.chk = &k;
	do {
		ics_lines_reset(&r->win);
		got = ics_lex_next(r, &lx, &r->win);
	} while (got > 0);
	ics_lex_end(&lx);
	if (got < 0)
		return -1;
	if (k.lf.n)
		itin_warn_at(r->w, r->fname, k.lf.first, 0,
			     "line ends in LF, not CRLF as RFC 5545 wants (%zu "
			     "such line%s, the first here); read anyway",
			     k.lf.n, k.lf.n == 1 ? "" : "s");
	if (k.longl.n)
		itin_warn_at(r->w, r->fname, k.longl.first, 0,
			     "line of %zu octets not folded at 75 as RFC 5545 "
			     "wants (%zu such line%s, the first here); read "
			     "anyway",
			     k.longl.size, k.longl.n,
			     k.longl.n == 1 ? "" : "s");
	if (k.utf8_seen && (!k.ctrl_seen || k.utf8_idx < k.ctrl_idx)) {
		itin_warn_at(r->w, r->fname, k.utf8_line, k.utf8_col,
			     "not valid UTF-8; such bytes are read as Latin-1");
		r->warned_utf8 = true;
	}
	if (k.ctrl_seen)
		return ics_fail_at(r, k.ctrl_line, k.ctrl_col,
				   "control character U+%04X in a value",
				   k.ctrl);
	return 0;
}

static bool is_name_char(char c)
{
	return ascii_isalpha((unsigned char)c) ||
	       ascii_isdigit((unsigned char)c) || c == '-';
}

/* NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE */
int ics_parse_cline(struct ics_reader *r, size_t i, struct cprop *p)
{
	const char *s = ics_cl_text(r, i), *q = s;

	p->line = r->ls->cl[i].line;
	while (is_name_char(*q))
		q++;
	if (q == s)
		return ics_fail_at(r, p->line, 1,
				   "expected a property or BEGIN/END line "
				   "(NAME:VALUE)");
	p->name = s;
	p->nlen = (size_t)(q - s);
	p->params = q;
	while (*q == ';') {
		const char *n = ++q;

		while (is_name_char(*q))
			q++;
		if (q == n || *q != '=')
			return ics_fail_at(r, p->line,
					   utf8_column(s, (size_t)(q - s)),
					   "malformed parameter in '%.*s'",
					   (int)p->nlen, p->name);
		do {
			q++;
			if (*q == '"') {
				const char *e = strchr(q + 1, '"');

				if (!e)
					return ics_fail_at(
					    r, p->line,
					    utf8_column(s, (size_t)(q - s)),
					    "unterminated quoted parameter "
					    "value");
				q = e + 1;
			} else {
				while (*q && *q != ',' && *q != ';' &&
				       *q != ':')
					q++;
			}
		} while (*q == ',');
	}
	p->plen = (size_t)(q - p->params);
	if (*q != ':')
		return ics_fail_at(r, p->line, utf8_column(s, (size_t)(q - s)),
				   "expected ':' after '%.*s'", (int)p->nlen,
				   p->name);
	p->value = q + 1;
	return 0;
}

bool ics_name_is(const struct cprop *p, const char *name)
{
	return strlen(name) == p->nlen &&
	       !ascii_ncasecmp(p->name, name, p->nlen);
}

/* The value of parameter pname (first value, unquoted) into out. */
bool ics_get_param(const struct cprop *p, const char *pname, struct strbuf *out)
{
	const char *q = p->params, *e = p->params + p->plen;
	size_t pn = strlen(pname);

	while (q < e && *q == ';') {
		const char *n = ++q, *v;

		while (q < e && *q != '=')
			q++;
		v = ++q;
		/* Skip this parameter's values. */
		while (q < e && *q != ';') {
			if (*q == '"') {
				const char *c =
				    memchr(q + 1, '"', (size_t)(e - q - 1));

				q = c ? c + 1 : e;
			} else {
				q++;
			}
		}
		if ((size_t)(v - 1 - n) == pn &&
		    !ascii_ncasecmp(n, pname, pn)) {
			const char *ve = v;

			strbuf_reset(out);
			if (*v == '"') {
				ve = memchr(v + 1, '"', (size_t)(e - v - 1));
				strbuf_add(out, v + 1, (size_t)(ve - v - 1));
			} else {
				while (ve < q && *ve != ',')
					ve++;
				strbuf_add(out, v, (size_t)(ve - v));
			}
			return true;
		}
	}
	return false;
}

/* TEXT unescaping (RFC 5545 3.3.11); an unknown escape is kept as is. */
void ics_unescape_text(struct strbuf *out, const char *s, size_t n)
{
	const char *e = s + n;

	strbuf_reset(out);
	for (; s < e; s++) {
		if (*s == '\\' && s + 1 < e) {
			char c = s[1];

			if (c == 'n' || c == 'N') {
				strbuf_addch(out, '\n');
				s++;
				continue;
			}
			if (c == '\\' || c == ';' || c == ',') {
				strbuf_addch(out, c);
				s++;
				continue;
			}
		}
		strbuf_addch(out, *s);
	}
}

char *ics_text_dup(struct ics_reader *r, const char *s)
{
	ics_unescape_text(&r->tmp, s, strlen(s));
	return xstrndup(r->tmp.buf, r->tmp.len);
}

/* The next item of a comma-separated value list (escaped commas kept). */
const char *ics_next_item(const char *s, size_t *n)
{
	const char *p = s;

	while (*p && *p != ',') {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	*n = (size_t)(p - s);
	return *p ? p + 1 : NULL;
}

/* Give line i of r->ls new text (a repaired END line), for every pass
 * after this one too. */
void ics_replace_cline(struct ics_reader *r, size_t i, const char *text)
{
	struct ics_lines *ls = r->ls;

	ls->cl[i].off = ls->text.len;
	ls->cl[i].len = strlen(text);
	strbuf_addstr(&ls->text, text);
	strbuf_addch(&ls->text, '\0');
	r->reps = xgrow(r->reps, &r->repalloc, r->nreps + 1, sizeof(*r->reps));
	r->reps[r->nreps].idx = r->cur_idx;
	r->reps[r->nreps].text = xstrdup(text);
	r->nreps++;
}

void ics_mark_skip(struct ics_reader *r)
{
	r->skips =
	    xgrow(r->skips, &r->skipalloc, r->nskips + 1, sizeof(*r->skips));
	r->skips[r->nskips++] = r->cur_idx;
}

bool ics_digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!ascii_isdigit((unsigned char)s[i]))
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* YYYYMMDD or YYYYMMDDTHHMMSS[Z], exactly. */
/*
 * libical 3.0 holds no time after the year 3000 (icaltime_is_valid_time):
 * it writes one as 00000000T000000. A time we could read but never write
 * back is refused here, so what is imported always exports.
 */
#define ICAL_MAX_YEAR 9999

bool ics_parse_itime(const char *s, size_t n, struct itime *t)
{
	int y, mo, d, h, mi, sec;

	memset(t, 0, sizeof(*t));
	if (n == 9 && s[8] == 'Z')
		n = 8; /* "20131210Z": a date, whatever the Z meant */
	if ((n != 8 && n != 15 && n != 16) || !ics_digits(s, 4, &y) ||
	    !ics_digits(s + 4, 2, &mo) || !ics_digits(s + 6, 2, &d) || y < 1 ||
	    y > ICAL_MAX_YEAR || !date_is_valid(y, mo, d))
		return false;
	t->lsec = days_from_civil(y, mo, d) * ITIN_DAY;
	if (n == 8) {
		t->is_date = true;
		return true;
	}
	if (s[8] != 'T' || !ics_digits(s + 9, 2, &h) ||
	    !ics_digits(s + 11, 2, &mi) || !ics_digits(s + 13, 2, &sec) ||
	    h > 23 || mi > 59 || sec > 60 || (n == 16 && s[15] != 'Z'))
		return false;
	if (sec == 60)
		sec = 59; /* a leap second: itin counts none */
	t->lsec += h * 3600 + mi * 60 + sec;
	t->utc = n == 16;
	return true;
}

void ics_stamp(char *buf, size_t size, int64_t lsec, bool is_date, bool utc)
{
	int y, m, d, s = lsec_time_of_day(lsec);

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	if (is_date)
		snprintf(buf, size, "%04d%02d%02d", y, m, d);
	else
		snprintf(buf, size, "%04d%02d%02dT%02d%02d%02d%s", y, m, d,
			 s / 3600, s / 60 % 60, s % 60, utc ? "Z" : "");
}

const struct cprop *ics_find(const struct vprops *vp, const char *name)
{
	for (size_t i = 0; i < vp->n; i++)
		if (ics_name_is(&vp->v[i], name))
			return &vp->v[i];
	return NULL;
}

/* The properties of lines first..last that are the component's own (not
 * its VALARMs'); vp->v is the caller's to free. */
void ics_top_props(struct ics_reader *r, size_t first, size_t last,
		   struct vprops *vp)
{
	int depth = 0;

	vp->n = 0;
	vp->v = xmalloc((last - first + 1) * sizeof(*vp->v));
	for (size_t i = first + 1; i < last; i++) {
		struct cprop p;

		/* Every line was parsed by the structure pass; one that
		 * fails now (a file changed under us) is passed over. */
		if (r->ls->cl[i].skip || ics_parse_cline(r, i, &p))
			continue;
		if (ics_name_is(&p, "BEGIN"))
			depth++;
		else if (ics_name_is(&p, "END"))
			depth--;
		else if (!depth)
			vp->v[vp->n++] = p;
	}
}

/*
 * A property's line from its name to the end of its value, copied: its
 * name, parameters and value point into the copy.
 */
void ics_vprops_keep(const struct vprops *vp, struct vprops *out, char **text)
{
	size_t total = 0, at = 0;

	for (size_t i = 0; i < vp->n; i++)
		total += (size_t)(vp->v[i].value - vp->v[i].name) +
			 strlen(vp->v[i].value) + 1;
	*text = xmalloc(total ? total : 1);
	out->n = vp->n;
	out->v = xmalloc((vp->n ? vp->n : 1) * sizeof(*out->v));
	for (size_t i = 0; i < vp->n; i++) {
		const struct cprop *p = &vp->v[i];
		size_t n = (size_t)(p->value - p->name) + strlen(p->value) + 1;
		char *d = *text + at;

		memcpy(d, p->name, n);
		out->v[i] = *p;
		out->v[i].name = d;
		out->v[i].params = d + (p->params - p->name);
		out->v[i].value = d + (p->value - p->name);
		at += n;
	}
}

/* A time property's value and TZID. */
int ics_read_itime(struct ics_reader *r, const struct cprop *p, struct itime *t,
		   struct strbuf *tzid, bool *has_tzid)
{
	const char *v = p->value;
	size_t n = strlen(v);

	if (!ics_parse_itime(v, n, t))
		return ics_fail_at(r, p->line, 1,
				   "invalid %.*s '%.*s' (expected "
				   "YYYYMMDD or YYYYMMDDTHHMMSS[Z])",
				   (int)p->nlen, p->name,
				   (int)(n > 40 ? 40 : n), v);
	*has_tzid = ics_get_param(p, "TZID", tzid) && tzid->len && !t->utc &&
		    !t->is_date;
	return 0;
}
