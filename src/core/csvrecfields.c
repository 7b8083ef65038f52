/*
 * csvrecfields.c: the record the CSV reader is reading (csvrec-impl.h):
 * its fields, kept under their limits; its bytes, checked for UTF-8 and
 * NUL; positions in it, found by lexing its bytes again; and handing it,
 * whole, to the caller's function.
 *
 * libcsv says nothing about where a field was, so a position is found
 * only when something has to be located: the record's bytes are lexed
 * again, as libcsv lexes them, to the field or byte in question.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvrec-impl.h"
#include "itin/recode.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

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
 * Lexing as libcsv does (quotes are special only at the start of a
 * field); the offset of the record's end when it has fewer fields.
 */
size_t csvio_field_offset(const struct csvio_record *rec, size_t k)
{
	const char *s = rec->raw;
	size_t len = rec->raw_len, i = 0, field = 0;

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
		while (i < len && s[i] != rec->delim && !csvrec_is_term(s[i]))
			i++;
		if (i >= len || csvrec_is_term(s[i]))
			return i;
		field++;
		i++;
	}
	return i;
}

void csvio_field_pos(const struct csvio_record *rec, size_t i, long *line,
		     long *col)
{
	raw_pos_in(rec->raw, rec->raw_len, rec->line,
		   csvio_field_offset(rec, i), line, col);
}

int csvio_vfail_at(struct itin_err *err, const char *fname,
		   const struct csvio_record *rec, size_t off, const char *fmt,
		   va_list ap)
{
	long line, col;

	raw_pos_in(rec->raw, rec->raw_len, rec->line, off, &line, &col);
	return itin_err_vat(err, ITIN_EX_DATAERR, fname, line, col, fmt, ap);
}

/* The record being read, as far as its bytes go: what locating needs. */
static struct csvio_record current(const struct csvio_reader *r)
{
	return (struct csvio_record){
	    .line = r->rec_line,
	    .raw = r->raw.buf,
	    .raw_len = r->raw.len,
	    .delim = r->delim,
	};
}

size_t csvrec_field_offset(const struct csvio_reader *r, size_t k)
{
	struct csvio_record rec = current(r);

	return csvio_field_offset(&rec, k);
}

int csvrec_fail_at(struct csvio_reader *r, struct itin_err *err, size_t off,
		   const char *fmt, ...)
{
	struct csvio_record rec = current(r);
	va_list ap;

	va_start(ap, fmt);
	csvio_vfail_at(err, r->fname, &rec, off, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the fields ---- */

void csvrec_add_field(struct csvio_reader *r, const char *s, size_t len)
{
	if (r->cb_failed)
		return;
	if (r->nf >= CSVIO_MAX_COLUMNS) {
		r->cb_failed = true;
		csvrec_fail_at(r, &r->cb_err, csvrec_field_offset(r, r->nf),
			       "too many fields in a record (limit %d)",
			       CSVIO_MAX_COLUMNS);
		return;
	}
	if (len > CSVIO_MAX_FIELD) {
		r->cb_failed = true;
		csvrec_fail_at(r, &r->cb_err, csvrec_field_offset(r, r->nf),
			       "field too long (%zu bytes; limit 1 MiB)", len);
		return;
	}
	if (r->nf == r->falloc)
		r->foff =
		    xgrow(r->foff, &r->falloc, r->nf + 1, sizeof(*r->foff));
	r->foff[r->nf++] = r->fbuf.len;
	if (r->fbuf.len + len + 1 >= r->fbuf.alloc)
		strbuf_grow(&r->fbuf, len + 1);
	memcpy(r->fbuf.buf + r->fbuf.len, s, len);
	r->fbuf.buf[r->fbuf.len + len] = '\0';
	r->fbuf.len += len + 1;
}

void csvrec_reset_record(struct csvio_reader *r)
{
	strbuf_reset(&r->raw);
	strbuf_reset(&r->fbuf);
	r->nf = 0;
	r->row_done = false;
}

/* ---- the bytes: UTF-8, no NUL ---- */

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

/* The record's byte at bad, which is not UTF-8, as r->problem. */
static void bad_utf8(struct csvio_reader *r, size_t bad)
{
	const char *opt;
	const char *enc = recode_guess(r->raw.buf, r->raw.len, &opt);
	unsigned char b = (unsigned char)r->raw.buf[bad];

	if (r->utf8_line)
		csvrec_fail_at(r, &r->problem, bad,
			       "invalid UTF-8 (byte 0x%02X), but line "
			       "%ld is UTF-8: the file mixes encodings",
			       b, r->utf8_line);
	else if (enc)
		csvrec_fail_at(r, &r->problem, bad,
			       "invalid UTF-8 (byte 0x%02X); the file "
			       "looks like %s: try --encoding %s",
			       b, enc, opt);
	else
		csvrec_fail_at(r, &r->problem, bad,
			       "invalid UTF-8 (byte 0x%02X)", b);
}

/* The record's NUL byte at nul, as r->problem. */
static void nul_byte(struct csvio_reader *r, size_t nul)
{
	const char *opt;
	const char *enc = recode_guess(r->raw.buf, r->raw.len, &opt);

	/* UTF-16 without its mark: a NUL by every ASCII byte. */
	if (enc && !strcmp(enc, "UTF-16") && !r->utf8_line)
		csvrec_fail_at(r, &r->problem, nul,
			       "NUL byte in input; the file looks like "
			       "UTF-16: try --encoding %s",
			       opt);
	else
		csvrec_fail_at(r, &r->problem, nul, "NUL byte in input");
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
	if (!valid && bad < nul)
		bad_utf8(r, bad);
	else
		nul_byte(r, nul);
	return &r->problem;
}

/* ---- handing it on ---- */

int csvrec_emit(struct csvio_reader *r)
{
	struct csvio_record rec = current(r);
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
	rec.problem = check_text(r);
	itin_err_clear(r->err);
	ret = r->fn(r->ctx, &rec, r->err);
	if (ret && !r->err->status)
		itin_err_set(r->err, ITIN_EX_OTHER,
			     "CSV record callback failed");
	csvrec_reset_record(r);
	return ret ? -1 : 0;
}
