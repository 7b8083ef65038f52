/*
 * csvrecparse.c: the CSV record reader's use of libcsv (csvrec-impl.h).
 * Every libcsv call of itin is in this file.
 *
 * libcsv parses and hands over fields, but it counts no lines and says
 * nothing about where a field was. So the input is fed to it in segments
 * that each end at a line end (LF, CRLF, lone CR) or at the end of a read:
 * a record can only end at the end of a segment, the line count moves
 * only between segments, and the raw bytes of the current record are kept
 * (bounded by CSVIO_MAX_RECORD) for csvrecfields.c to locate what has to
 * be located; the common path pays for a memchr and a memcpy per line.
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
 *
 * Most records of most files need neither: a record that is one whole
 * line with no quote in it is its bytes cut at each delimiter, which is
 * what the exact parser would make of it (quotes are all RFC 4180 adds to
 * that), so such a line is split with memchr and libcsv never sees it
 * (split_line()). libcsv looks at every byte through a state machine; on
 * an itinerary that took as long as everything else of an import.
 */
#include <string.h>

#include "csvrec-impl.h"
#include "itin/xalloc.h"

/* APPEND_NULL: a field arrives NUL-terminated, copied in one go. */
#define OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

void csvrec_parsers_init(struct csvio_reader *r)
{
	csv_init(&r->p, OPTS);
	csv_set_realloc_func(&r->p, xrealloc);
	csv_set_blk_size(&r->p, 256);
	csv_init(&r->px, OPTS);
	csv_set_space_func(&r->px, no_space);
	csv_set_realloc_func(&r->px, xrealloc);
	csv_set_blk_size(&r->px, 256);
	r->cur = &r->p;
}

void csvrec_parsers_free(struct csvio_reader *r)
{
	csv_free(&r->p);
	csv_free(&r->px);
}

void csvrec_parsers_delim(struct csvio_reader *r)
{
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_delim(&r->px, (unsigned char)r->delim);
}

/* ---- libcsv callbacks ---- */

static void on_field(void *s, size_t len, void *data)
{
	csvrec_add_field(data, s, len);
}

static void on_row(int c, void *data)
{
	struct csvio_reader *r = data;

	(void)c;
	r->row_done = true;
}

/* ---- the fast parser's doubt ---- */

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
	ret = csvrec_run(r, copy.buf, copy.len);
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

/* ---- segments ---- */

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
			return csvrec_fail_at(
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

/*
 * A record that is the whole segment seg[0..n), a line with its line end
 * and no quote: its fields are the bytes between delimiters, spaces and
 * all, as the exact parser reads them. Limits as csvrec_add_field() puts
 * them, then the record is handed on.
 */
static int split_line(struct csvio_reader *r, const char *seg, size_t n)
{
	const char *p = seg, *end = seg + n;

	strbuf_add(&r->raw, seg, n);
	while (end > seg && csvrec_is_term(end[-1]))
		end--;
	for (;;) {
		const char *d = memchr(p, r->delim, (size_t)(end - p));

		csvrec_add_field(r, p, (size_t)((d ? d : end) - p));
		if (r->cb_failed) {
			*r->err = r->cb_err;
			return -1;
		}
		if (!d)
			return csvrec_emit(r);
		p = d + 1;
	}
}

/* Feed one segment (ending at a line end or at the end of a read). */
static int feed_segment(struct csvio_reader *r, const char *seg, size_t n,
			bool ends_line)
{
	size_t base;
	int rc;

	if (r->raw.len == 0 && csvrec_is_term(seg[0])) {
		/* A blank line (or the LF of a CRLF split by a read) between
		 * records: libcsv would skip it; so do we. */
		goto count;
	}
	if (r->raw.len == 0) {
		r->rec_line = r->line;
		r->cur = r->force_exact || r->exact_only ? &r->px : &r->p;
		r->force_exact = false;
	}
	if (r->raw.len + n > CSVIO_MAX_RECORD)
		return csvrec_fail_at(r, r->err, 0,
				      "record too long (more than %d MiB)",
				      CSVIO_MAX_RECORD / (1024 * 1024));
	if (r->raw.len == 0 && ends_line && r->cur == &r->p &&
	    !memchr(seg, '"', n)) {
		if (split_line(r, seg, n))
			return -1;
		goto count;
	}
	base = r->raw.len;
	strbuf_add(&r->raw, seg, n);
	rc = parse_segment(r, seg, n, base);
	if (rc)
		return rc > 0 ? replay(r) : -1;
	if (r->cur->entry_pos > CSVIO_MAX_FIELD) {
		if (r->cur == &r->p)
			return replay(r);
		return csvrec_fail_at(r, r->err, csvrec_field_offset(r, r->nf),
				      "field too long (more than 1 MiB)");
	}
	if (r->row_done && r->cur == &r->p && edge_space(r))
		return replay(r);
	if (r->row_done && csvrec_emit(r))
		return -1;
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
int csvrec_run(struct csvio_reader *r, const char *data, size_t len)
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

int csvrec_run_finish(struct csvio_reader *r)
{
	/* The last record, unended: the exact parser reads it. */
	while (r->raw.len && r->cur == &r->p)
		if (replay(r))
			return -1;
	if (csv_fini(r->cur, on_field, on_row, r))
		return csvrec_fail_at(r, r->err, csvrec_field_offset(r, r->nf),
				      "unterminated quoted field (no closing "
				      "'\"' before the end of the file)");
	if (r->cb_failed) {
		*r->err = r->cb_err;
		return -1;
	}
	if (r->row_done && csvrec_emit(r))
		return -1;
	return 0;
}
