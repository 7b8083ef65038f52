/*
 * csvrec.c: the CSV record reader, over libcsv (csvrec.h).
 * Every libcsv call of itin is in this file.
 *
 * libcsv parses and hands over fields, but it counts no lines and says
 * nothing about where a field was. So the input is fed to it in segments
 * that each end at a line end (LF, CRLF, lone CR) or at the end of a read:
 * a record can only end at the end of a segment, the line count moves
 * only between segments, and the raw bytes of the current record are kept
 * (bounded by CSVIO_MAX_RECORD). When something has to be located, that
 * record is lexed again to find the line and column of a field or byte;
 * the common path pays for a memchr and a memcpy per line.
 *
 * libcsv runs in strict mode, so text after a closing quote ("ab"c) is an
 * error at that byte. A quote inside an unquoted field (5" screen) is not
 * RFC 4180 either, but Python's csv and the spreadsheets keep it as a
 * character; so do we: that one byte is re-fed with strict mode off.
 *
 * Spaces are data (RFC 4180 2.4), but libcsv trims them unless a space
 * function says no character is a space, and calling it for every byte
 * costs a third of libcsv's own time. So there are two parsers. The fast
 * one trims, as libcsv does by default; a record it reads is emitted only
 * when no space or tab stands at the edge of a field (edge_space()), the
 * only place where trimming changes anything. Otherwise, and whenever the
 * fast parser stops (a strict-mode error, a limit), the record's bytes are
 * read again from its first line by the exact parser, whose space function
 * keeps every space, and its answer is the one that counts (replay()).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "itin/csvrec.h"
#include "itin/inread.h"
#include "itin/recode.h"
#include "itin/strbuf.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

#define READ_CHUNK (64 * 1024)
/* How much of the first line delimiter detection looks at, at most. */
#define DETECT_MAX (64 * 1024)

/* APPEND_NULL: a field arrives NUL-terminated, copied in one go. */
#define OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

enum stage {
	ST_BOM,	   /* waiting for 3 bytes to see whether a BOM starts it */
	ST_DETECT, /* holding the first line to choose the delimiter */
	ST_RUN,
	ST_FAILED,
};

struct csvio_reader {
	char fname[256];
	char delim;
	csvio_record_fn fn;
	void *ctx;
	struct csv_parser p;  /* fast: libcsv's own space trimming */
	struct csv_parser px; /* exact: spaces are data */
	struct csv_parser *cur;
	bool force_exact; /* the next record goes to px (a replay) */
	bool exact_only;  /* every record does (tests) */
	enum stage stage;

	struct strbuf pre; /* bytes held in ST_BOM / ST_DETECT */
	size_t detect_pos; /* how far pre has been scanned */
	bool detect_q;	   /* inside quotes at detect_pos */
	size_t ncomma, nsemi, ntab;

	long line;	 /* physical line of the next byte */
	bool cr_pending; /* the last byte fed was a CR at a read's end */

	struct strbuf raw; /* the current record's bytes */
	long rec_line;	   /* the line it starts on */
	long nrec;

	struct strbuf fbuf; /* the fields, each followed by a NUL */
	size_t *foff;
	size_t nf, falloc;
	struct csvio_field *fv;
	size_t fvalloc;
	bool row_done;

	bool cb_failed; /* a limit was hit inside a libcsv callback */
	struct itin_err cb_err;
	struct itin_err problem;
	/* The first line with UTF-8 beyond ASCII: the file is then not in
	 * another encoding, whatever a later record looks like. */
	long utf8_line;
	struct itin_err *err; /* the caller's, during feed/finish */
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static bool is_term(char c)
{
	return c == '\n' || c == '\r';
}

/* ---- locating ---- */

/* Line and column of offset off in a record's bytes s[0..len), which
 * start on line line0. */
static void raw_pos_in(const char *s, size_t len, long line0, size_t off,
		       long *line, long *col)
{
	size_t i = 0;
	long l = line0, c = 1;

	if (off > len)
		off = len;
	while (i < off) {
		unsigned char b = (unsigned char)s[i];

		if (b == '\n' ||
		    (b == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) {
			l++;
			c = 1;
			i++;
		} else if (b < 0x80) {
			c++;
			i++;
		} else {
			uint32_t cp;
			size_t n = utf8_decode(s + i, len - i, &cp);

			i += n ? n : 1;
			c++;
		}
	}
	*line = l;
	*col = c;
}

/*
 * Offset where field k of a record's bytes starts, lexing as libcsv does
 * (quotes are special only at the start of a field); the offset of the
 * record's end when it has fewer fields.
 */
static size_t field_offset_in(const char *s, size_t len, char delim, size_t k)
{
	size_t i = 0, field = 0;

	while (field < k && i < len) {
		if (s[i] == '"') {
			for (i++; i < len; i++) {
				if (s[i] != '"')
					continue;
				if (i + 1 < len && s[i + 1] == '"')
					i++;
				else
					break;
			}
			if (i < len)
				i++;
		}
		while (i < len && s[i] != delim && !is_term(s[i]))
			i++;
		if (i >= len || is_term(s[i]))
			return i;
		field++;
		i++;
	}
	return i;
}

/* The same, in the current record. */
static void raw_pos(const struct csvio_reader *r, size_t off, long *line,
		    long *col)
{
	raw_pos_in(r->raw.buf, r->raw.len, r->rec_line, off, line, col);
}

static size_t field_offset(const struct csvio_reader *r, size_t k)
{
	return field_offset_in(r->raw.buf, r->raw.len, r->delim, k);
}

void csvio_field_pos(const struct csvio_record *rec, size_t i, long *line,
		     long *col)
{
	raw_pos_in(rec->raw, rec->raw_len, rec->line,
		   field_offset_in(rec->raw, rec->raw_len, rec->delim, i), line,
		   col);
}

static int fail_at_off(struct csvio_reader *r, struct itin_err *err, size_t off,
		       const char *fmt, ...) ITIN_PRINTF(4, 5);
static int fail_at_off(struct csvio_reader *r, struct itin_err *err, size_t off,
		       const char *fmt, ...)
{
	long line, col;
	va_list ap;

	raw_pos(r, off, &line, &col);
	va_start(ap, fmt);
	itin_err_vat(err, ITIN_EX_DATAERR, r->fname, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- libcsv callbacks ---- */

static void on_field(void *s, size_t len, void *data)
{
	struct csvio_reader *r = data;

	if (r->cb_failed)
		return;
	if (r->nf >= CSVIO_MAX_COLUMNS) {
		r->cb_failed = true;
		fail_at_off(r, &r->cb_err, field_offset(r, r->nf),
			    "too many fields in a record (limit %d)",
			    CSVIO_MAX_COLUMNS);
		return;
	}
	if (len > CSVIO_MAX_FIELD) {
		r->cb_failed = true;
		fail_at_off(r, &r->cb_err, field_offset(r, r->nf),
			    "field too long (%zu bytes; limit 1 MiB)", len);
		return;
	}
	if (r->nf == r->falloc)
		r->foff =
		    xgrow(r->foff, &r->falloc, r->nf + 1, sizeof(*r->foff));
	r->foff[r->nf++] = r->fbuf.len;
	/* The field and the NUL libcsv put after it, in one copy; a call
	 * per field is most of what the reader adds to libcsv. */
	if (r->fbuf.len + len + 1 >= r->fbuf.alloc)
		strbuf_grow(&r->fbuf, len + 1);
	memcpy(r->fbuf.buf + r->fbuf.len, s, len + 1);
	r->fbuf.len += len + 1;
}

static void on_row(int c, void *data)
{
	struct csvio_reader *r = data;

	(void)c;
	r->row_done = true;
}

/* ---- records ---- */

static void reset_record(struct csvio_reader *r)
{
	strbuf_reset(&r->raw);
	strbuf_reset(&r->fbuf);
	r->nf = 0;
	r->row_done = false;
}

/* True if s[0..len) is all ASCII: eight bytes at a time. */
static bool all_ascii(const char *s, size_t len)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < len; i++)
		acc |= (unsigned char)s[i];
	return !(acc & 0x8080808080808080ULL);
}

bool csvio_problem_is_encoding(const struct itin_err *problem)
{
	/* check_text() names an encoding only when the bytes look like
	 * one; a stray bad byte is the row's own problem. */
	return strstr(problem->msg, "; the file looks like ") != NULL;
}

/* The first invalid UTF-8 or NUL byte of the record, as a problem. */
static const struct itin_err *check_text(struct csvio_reader *r)
{
	size_t bad = r->raw.len, nul;
	const char *z = memchr(r->raw.buf, '\0', r->raw.len);
	bool ascii = all_ascii(r->raw.buf, r->raw.len);
	bool valid = ascii || utf8_valid(r->raw.buf, r->raw.len, &bad);

	if (valid && !ascii && !r->utf8_line)
		r->utf8_line = r->rec_line;
	nul = z ? (size_t)(z - r->raw.buf) : r->raw.len;
	if (valid && !z)
		return NULL;
	if (!valid && bad < nul) {
		const char *opt;
		const char *enc = recode_guess(r->raw.buf, r->raw.len, &opt);

		if (r->utf8_line)
			fail_at_off(r, &r->problem, bad,
				    "invalid UTF-8 (byte 0x%02X), but line "
				    "%ld is UTF-8: the file mixes encodings",
				    (unsigned char)r->raw.buf[bad],
				    r->utf8_line);
		else if (enc)
			fail_at_off(r, &r->problem, bad,
				    "invalid UTF-8 (byte 0x%02X); the file "
				    "looks like %s: try --encoding %s",
				    (unsigned char)r->raw.buf[bad], enc, opt);
		else
			fail_at_off(r, &r->problem, bad,
				    "invalid UTF-8 (byte 0x%02X)",
				    (unsigned char)r->raw.buf[bad]);
	} else {
		const char *opt;
		const char *enc = recode_guess(r->raw.buf, r->raw.len, &opt);

		/* UTF-16 without its mark: a NUL by every ASCII byte. */
		if (enc && !strcmp(enc, "UTF-16") && !r->utf8_line)
			fail_at_off(r, &r->problem, nul,
				    "NUL byte in input; the file looks like "
				    "UTF-16: try --encoding %s",
				    opt);
		else
			fail_at_off(r, &r->problem, nul, "NUL byte in input");
	}
	return &r->problem;
}

static int emit(struct csvio_reader *r)
{
	struct csvio_record rec;
	size_t i;
	int ret;

	if (r->fvalloc < r->nf) {
		free(r->fv);
		r->fvalloc = r->nf;
		r->fv = xmalloc(r->fvalloc * sizeof(*r->fv));
	}
	for (i = 0; i < r->nf; i++) {
		r->fv[i].s = r->fbuf.buf + r->foff[i];
		r->fv[i].len = (i + 1 < r->nf ? r->foff[i + 1] : r->fbuf.len) -
			       r->foff[i] - 1;
	}
	rec.f = r->fv;
	rec.n = r->nf;
	rec.index = ++r->nrec;
	rec.line = r->rec_line;
	rec.problem = check_text(r);
	rec.raw = r->raw.buf;
	rec.raw_len = r->raw.len;
	rec.delim = r->delim;
	itin_err_clear(r->err);
	ret = r->fn(r->ctx, &rec, r->err);
	if (ret && !r->err->status)
		itin_err_set(r->err, ITIN_EX_OTHER,
			     "CSV record callback failed");
	reset_record(r);
	return ret ? -1 : 0;
}

static int fail(struct csvio_reader *r)
{
	r->stage = ST_FAILED;
	return -1;
}

static bool is_edge_space(const struct csvio_reader *r, char c)
{
	/* libcsv never takes its delimiter for a space. */
	return c == ' ' || (c == '\t' && r->delim != '\t');
}

/*
 * Could libcsv's trimming have changed the record just read? True when,
 * lexing it as RFC 4180 does, a space or tab starts a field, ends an
 * unquoted field or follows a closing quote, or when the lexing finds
 * something the exact parser should judge. memchr does the walking.
 */
static bool edge_space(const struct csvio_reader *r)
{
	const char *p = r->raw.buf, *end = p + r->raw.len;
	char d = r->delim;

	if (end > p && end[-1] == '\n')
		end--;
	if (end > p && end[-1] == '\r')
		end--;
	for (;;) {
		if (p < end && is_edge_space(r, *p))
			return true;
		if (p < end && *p == '"') {
			p++;
			for (;;) {
				p = memchr(p, '"', (size_t)(end - p));
				if (!p)
					return true;
				if (p + 1 >= end || p[1] != '"')
					break;
				p += 2; /* a doubled quote */
			}
			p++;
			if (p < end && *p != d)
				return true;
		} else {
			const char *q = memchr(p, d, (size_t)(end - p));
			const char *fe = q ? q : end;

			if (fe > p && is_edge_space(r, fe[-1]))
				return true;
			p = fe;
		}
		if (p >= end)
			return false;
		p++;
	}
}

static int run(struct csvio_reader *r, const char *data, size_t len);

/*
 * Read the current record again, from its first byte, with the exact
 * parser. Its lines are counted again, and a record the exact parser ends
 * sooner leaves the rest of the bytes to the records after it.
 */
static int replay(struct csvio_reader *r)
{
	struct strbuf copy = r->raw;
	int ret;

	strbuf_init(&r->raw);
	r->p.pstate = 0;
	r->p.quoted = 0;
	r->p.spaces = 0;
	r->p.entry_pos = 0;
	r->p.status = 0;
	r->nf = 0;
	strbuf_reset(&r->fbuf);
	r->row_done = false;
	r->cb_failed = false;
	r->line = r->rec_line;
	r->force_exact = true;
	ret = run(r, copy.buf, copy.len);
	/* Keep the larger buffer for the records to come. */
	if (copy.alloc > r->raw.alloc && !r->raw.len) {
		strbuf_release(&r->raw);
		r->raw = copy;
		strbuf_reset(&r->raw);
	} else {
		strbuf_release(&copy);
	}
	return ret;
}

/*
 * libcsv grows its field buffer by a fixed block, copying it each time: a
 * megabyte-long field read in one call would be copied thousands of times
 * (minutes under AddressSanitizer, whose realloc always moves). So a
 * segment is parsed in pieces, and after each the block becomes the
 * buffer's size, which makes the growth geometric.
 */
#define PARSE_PIECE (64 * 1024)

static void grow_block(struct csv_parser *p)
{
	if (p->entry_size > p->blk_size)
		csv_set_blk_size(p, p->entry_size);
}

/*
 * Run the current parser over seg[0..n), which starts at base in the
 * record's bytes: 0 parsed, 1 the fast parser gave up (the record is to
 * be replayed), -1 an error (r->err filled).
 */
static int parse_segment(struct csvio_reader *r, const char *seg, size_t n,
			 size_t base)
{
	size_t off = 0;

	while (off < n) {
		size_t len = n - off < PARSE_PIECE ? n - off : PARSE_PIECE;
		size_t k =
		    csv_parse(r->cur, seg + off, len, on_field, on_row, r);

		grow_block(r->cur);
		if (r->cb_failed && r->cur == &r->p)
			return 1;
		if (r->cb_failed) {
			*r->err = r->cb_err;
			return -1;
		}
		if (k == len) {
			off += len;
			continue;
		}
		if (csv_error(r->cur) != CSV_EPARSE)
			return itin_err_set(r->err, ITIN_EX_OTHER,
					    "CSV parser: %s",
					    csv_strerror(csv_error(r->cur)));
		if (r->cur == &r->p)
			return 1;
		if (r->px.quoted)
			return fail_at_off(
			    r, r->err, base + off + k,
			    "text after the closing quote of a field "
			    "(a quote inside a quoted field is written \"\")");
		/* A quote inside an unquoted field: keep it as a character. */
		r->px.status = 0;
		csv_set_opts(&r->px, OPTS & ~CSV_STRICT);
		csv_parse(&r->px, seg + off + k, 1, on_field, on_row, r);
		csv_set_opts(&r->px, OPTS);
		off += k + 1;
	}
	return 0;
}

/* Feed one segment (ending at a line end or at the end of a read). */
static int feed_segment(struct csvio_reader *r, const char *seg, size_t n,
			bool ends_line)
{
	size_t base;
	int rc;

	if (r->raw.len == 0 && is_term(seg[0])) {
		/* A blank line (or the LF of a CRLF split by a read) between
		 * records: libcsv would skip it; so do we. */
		goto count;
	}
	if (r->raw.len == 0) {
		r->rec_line = r->line;
		r->cur = r->force_exact || r->exact_only ? &r->px : &r->p;
		r->force_exact = false;
	}
	if (r->raw.len + n > CSVIO_MAX_RECORD) {
		fail_at_off(r, r->err, 0, "record too long (more than %d MiB)",
			    CSVIO_MAX_RECORD / (1024 * 1024));
		return fail(r);
	}
	base = r->raw.len;
	strbuf_add(&r->raw, seg, n);
	rc = parse_segment(r, seg, n, base);
	if (rc)
		return rc > 0 && !replay(r) ? 0 : fail(r);
	if (r->cur->entry_pos > CSVIO_MAX_FIELD) {
		if (r->cur == &r->p)
			return replay(r) ? fail(r) : 0;
		fail_at_off(r, r->err, field_offset(r, r->nf),
			    "field too long (more than 1 MiB)");
		return fail(r);
	}
	if (r->row_done && r->cur == &r->p && edge_space(r))
		return replay(r) ? fail(r) : 0;
	if (r->row_done && emit(r))
		return fail(r);
count:
	if (ends_line) {
		/* The LF of a CRLF whose CR ended the previous read. */
		if (!(r->cr_pending && n == 1 && seg[0] == '\n'))
			r->line++;
	}
	r->cr_pending = false;
	return 0;
}

/* Split data into segments that end at line ends. */
static int run(struct csvio_reader *r, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *lf = NULL, *cr = NULL;

	while (p < end) {
		const char *t, *seg_end;

		/* Each byte is searched once: a found position stays the
		 * first one at or after p until p passes it. */
		if (!lf || lf < p) {
			lf = memchr(p, '\n', (size_t)(end - p));
			if (!lf)
				lf = end;
		}
		if (!cr || cr < p) {
			cr = memchr(p, '\r', (size_t)(end - p));
			if (!cr)
				cr = end;
		}
		t = lf < cr ? lf : cr;
		if (t == end)
			seg_end = end;
		else if (*t == '\r' && t + 1 < end && t[1] == '\n')
			seg_end = t + 2;
		else
			seg_end = t + 1;
		if (feed_segment(r, p, (size_t)(seg_end - p), t != end))
			return -1;
		if (t != end && *t == '\r' && seg_end == t + 1 &&
		    seg_end == end)
			r->cr_pending = true;
		p = seg_end;
	}
	return 0;
}

/* Scan pre for the first line end outside quotes, counting delimiters.
 * True when the line is complete. */
static bool detect_scan(struct csvio_reader *r)
{
	const char *s = r->pre.buf;

	for (; r->detect_pos < r->pre.len; r->detect_pos++) {
		char c = s[r->detect_pos];

		if (c == '"')
			r->detect_q = !r->detect_q;
		else if (r->detect_q)
			continue;
		else if (is_term(c))
			return true;
		else if (c == ',')
			r->ncomma++;
		else if (c == ';')
			r->nsemi++;
		else if (c == '\t')
			r->ntab++;
	}
	return r->pre.len >= DETECT_MAX;
}

static void choose_delim(struct csvio_reader *r)
{
	r->delim = ',';
	if (r->nsemi > r->ncomma && r->nsemi >= r->ntab)
		r->delim = ';';
	else if (r->ntab > r->ncomma && r->ntab > r->nsemi)
		r->delim = '\t';
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_delim(&r->px, (unsigned char)r->delim);
}

/* Move held bytes on through the stages; final: no more input comes. */
static int advance(struct csvio_reader *r, bool final)
{
	if (r->stage == ST_BOM) {
		if (r->pre.len < 3 && !final)
			return 0;
		if (r->pre.len >= 3 && !memcmp(r->pre.buf, "\xEF\xBB\xBF", 3)) {
			memmove(r->pre.buf, r->pre.buf + 3, r->pre.len - 3);
			r->pre.len -= 3;
			r->pre.buf[r->pre.len] = '\0';
		}
		r->stage = r->delim ? ST_RUN : ST_DETECT;
		if (r->stage == ST_RUN) {
			csv_set_delim(&r->p, (unsigned char)r->delim);
			csv_set_delim(&r->px, (unsigned char)r->delim);
			goto flush;
		}
	}
	if (r->stage == ST_DETECT) {
		if (!detect_scan(r) && !final)
			return 0;
		choose_delim(r);
		r->stage = ST_RUN;
	}
flush:
	if (r->pre.len) {
		int ret = run(r, r->pre.buf, r->pre.len);

		strbuf_release(&r->pre);
		return ret;
	}
	return 0;
}

struct csvio_reader *csvio_reader_new(const char *fname, char delim,
				      csvio_record_fn fn, void *ctx)
{
	struct csvio_reader *r = xcalloc(1, sizeof(*r));

	snprintf(r->fname, sizeof(r->fname), "%s", fname ? fname : "-");
	r->delim = delim == ',' || delim == ';' || delim == '\t' ? delim : 0;
	r->fn = fn;
	r->ctx = ctx;
	csv_init(&r->p, OPTS);
	csv_set_realloc_func(&r->p, xrealloc);
	csv_set_blk_size(&r->p, 256);
	csv_init(&r->px, OPTS);
	csv_set_space_func(&r->px, no_space);
	csv_set_realloc_func(&r->px, xrealloc);
	csv_set_blk_size(&r->px, 256);
	r->cur = &r->p;
	r->stage = ST_BOM;
	r->line = 1;
	strbuf_init(&r->pre);
	strbuf_init(&r->raw);
	strbuf_init(&r->fbuf);
	return r;
}

int csvio_reader_feed(struct csvio_reader *r, const void *data, size_t len,
		      struct itin_err *err)
{
	r->err = err;
	if (r->stage == ST_FAILED)
		return -1;
	if (!len)
		return 0;
	if (r->stage != ST_RUN) {
		strbuf_add(&r->pre, data, len);
		return advance(r, false) ? fail(r) : 0;
	}
	return run(r, data, len) ? fail(r) : 0;
}

int csvio_reader_finish(struct csvio_reader *r, struct itin_err *err)
{
	r->err = err;
	if (r->stage == ST_FAILED)
		return -1;
	if (r->stage != ST_RUN && advance(r, true))
		return fail(r);
	if (!r->delim)
		choose_delim(r);
	/* The last record, unended: the exact parser reads it. */
	while (r->raw.len && r->cur == &r->p)
		if (replay(r))
			return fail(r);
	if (csv_fini(r->cur, on_field, on_row, r)) {
		fail_at_off(r, err, field_offset(r, r->nf),
			    "unterminated quoted field (no closing '\"' before "
			    "the end of the file)");
		return fail(r);
	}
	if (r->cb_failed) {
		*err = r->cb_err;
		return fail(r);
	}
	if (r->row_done && emit(r))
		return fail(r);
	itin_err_clear(err);
	return 0;
}

void csvio_reader_free(struct csvio_reader *r)
{
	if (!r)
		return;
	csv_free(&r->p);
	csv_free(&r->px);
	strbuf_release(&r->pre);
	strbuf_release(&r->raw);
	strbuf_release(&r->fbuf);
	free(r->foff);
	free(r->fv);
	free(r);
}

void csvio_reader_exact_only(struct csvio_reader *r)
{
	r->exact_only = true;
}

char csvio_reader_delim(const struct csvio_reader *r)
{
	return r->delim;
}

int csvio_read_records_fp(FILE *fp, const char *fname, char delim,
			  csvio_record_fn fn, void *ctx, struct itin_err *err)
{
	struct csvio_reader *r = csvio_reader_new(fname, delim, fn, ctx);
	struct inread_check chk;
	char *buf;
	int ret = -1;
	size_t keep;

	/* The record limits bound a line and a NUL is one row's problem
	 * (--skip-invalid skips it); the file's size is checked as every
	 * reader checks it (inread.h). */
	if (inread_check_init(&chk, r->fname, 0, err)) {
		csvio_reader_free(r);
		return -1;
	}
	buf = xmalloc(READ_CHUNK);
	for (;;) {
		size_t n = fread(buf, 1, READ_CHUNK, fp);

		if (n && (inread_check_feed(&chk, buf, n, &keep, err) ||
			  csvio_reader_feed(r, buf, n, err)))
			goto out;
		if (n < READ_CHUNK) {
			if (ferror(fp)) {
				itin_err_set(err, ITIN_EX_IOERR,
					     "cannot read '%s': %s", r->fname,
					     strerror(errno));
				goto out;
			}
			break;
		}
	}
	ret = csvio_reader_finish(r, err);
out:
	free(buf);
	csvio_reader_free(r);
	return ret;
}

int csvio_read_records(const char *buf, size_t len, const char *fname,
		       char delim, csvio_record_fn fn, void *ctx,
		       struct itin_err *err)
{
	struct csvio_reader *r = csvio_reader_new(fname, delim, fn, ctx);
	int ret = csvio_reader_feed(r, buf, len, err);

	if (!ret)
		ret = csvio_reader_finish(r, err);
	csvio_reader_free(r);
	return ret;
}
