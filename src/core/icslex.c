/*
 * icslex.c: the content lines of an iCalendar file and their values
 * (icslex.h), read the way import.c-style readers do, so that every
 * problem has its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "itin/icsread.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

const char *ics_cl_text(const struct ics_reader *r, size_t i)
{
	return r->text.buf + r->cl[i].off;
}

static void add_cline(struct ics_reader *r, const char *s, size_t n, long line)
{
	r->cl = xgrow(r->cl, &r->clalloc, r->ncl + 1, sizeof(*r->cl));
	r->cl[r->ncl].off = r->text.len;
	r->cl[r->ncl].len = n;
	r->cl[r->ncl].line = line;
	r->cl[r->ncl].skip = false;
	r->cl[r->ncl].ctrl = 0;
	r->ncl++;
	strbuf_add(&r->text, s, n);
	strbuf_addch(&r->text, '\0');
}

static void extend_cline(struct ics_reader *r, const char *s, size_t n)
{
	/* The last line is at the end of the text: overwrite its NUL. */
	r->text.len--;
	strbuf_add(&r->text, s, n);
	strbuf_addch(&r->text, '\0');
	r->cl[r->ncl - 1].len += n;
}

/*
 * Where byte off of content line i is in the file: walk its physical
 * lines again (only for error messages).
 */
static void locate(const struct ics_reader *r, const char *buf, size_t len,
		   size_t i, size_t off, long *line, long *col)
{
	long ln = 1;
	size_t p = 0, left = off;

	while (p < len && ln < r->cl[i].line) {
		const char *nl = memchr(buf + p, '\n', len - p);

		if (!nl)
			break;
		p = (size_t)(nl - buf) + 1;
		ln++;
	}
	for (bool first = true;; first = false) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - buf) : len,
		       s = p + (first ? 0 : 1);

		if (e > p && buf[e - 1] == '\r')
			e--;
		if (left <= e - s || !nl) {
			/* Never past the line, whatever off says. */
			if (left > e - s)
				left = e - s;
			*line = ln;
			*col = utf8_column(buf + p, s - p + left);
			return;
		}
		left -= e - s;
		p = (size_t)(nl - buf) + 1;
		ln++;
	}
}

/*
 * Content line i holds bytes that are not UTF-8: keep every valid
 * sequence, read every other byte as Latin-1 (what such files mostly are),
 * and move the line to the end of the text.
 */
static void latin1_fix(struct ics_reader *r, size_t i)
{
	struct strbuf fixed = STRBUF_INIT;
	const char *s = ics_cl_text(r, i);
	size_t n = r->cl[i].len, k = 0;

	while (k < n) {
		uint32_t cp;
		size_t m = utf8_decode(s + k, n - k, &cp);

		if (m) {
			strbuf_add(&fixed, s + k, m);
			k += m;
		} else {
			unsigned char c = (unsigned char)s[k++];

			strbuf_addch(&fixed, (char)(0xC0 | c >> 6));
			strbuf_addch(&fixed, (char)(0x80 | (c & 0x3F)));
		}
	}
	r->cl[i].off = r->text.len;
	r->cl[i].len = fixed.len;
	strbuf_add(&r->text, fixed.buf, fixed.len);
	strbuf_addch(&r->text, '\0');
	strbuf_release(&fixed);
}

/*
 * The physical lines of buf into content lines: a line that starts with
 * a space or TAB continues the one before. LF and long lines are counted
 * as lapses; a file that mixes CRLF and LF, or holds a bare CR or a NUL,
 * is refused.
 */
static int unfold(struct ics_reader *r, const char *buf, size_t len,
		  struct lapse *lf, struct lapse *longl)
{
	size_t pos = 0;
	long ln = 0;
	bool crlf = false, decided = false;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *p = buf + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;
		const char *cr, *nul;
		bool has_cr = n && p[n - 1] == '\r';

		ln++;
		pos += n + (nl ? 1 : 0);
		if (has_cr)
			n--;
		if (nl && !has_cr)
			ics_lapse_note(lf, ln, 0);
		if (n > ICALIO_LINE_MAX)
			ics_lapse_note(longl, ln, n);
		if (nl && !decided) {
			crlf = has_cr;
			decided = true;
		} else if (nl && crlf && !has_cr) {
			return ics_fail_at(r, ln, 0,
					   "line ends in LF alone in a file of "
					   "CRLF lines (a line break inside a "
					   "value?)");
		}
		cr = memchr(p, '\r', n);
		if (cr)
			return ics_fail_at(
			    r, ln, utf8_column(p, (size_t)(cr - p)),
			    "bare CR (a carriage return inside a value?)");
		nul = memchr(p, '\0', n);
		if (nul)
			return ics_fail_at(r, ln,
					   utf8_column(p, (size_t)(nul - p)),
					   "NUL byte in input");
		if (n && (*p == ' ' || *p == '\t') && r->ncl)
			extend_cline(r, p + 1, n - 1);
		else if (n)
			add_cline(r, p, n, ln);
	}
	return 0;
}

/*
 * Content line i's bytes: a control character refuses the file (or,
 * with --skip-invalid, marks the line, for its VEVENT to answer for);
 * bytes that are not UTF-8 are read as Latin-1, said once per file.
 */
static int check_bytes(struct ics_reader *r, const char *buf, size_t len,
		       size_t i)
{
	size_t bad;
	const char *s = ics_cl_text(r, i);

	/*
	 * Controls first, on the bytes as they are in the file:
	 * locate() counts offsets in the file's bytes, and
	 * latin1_fix() makes the line longer than those.
	 */
	for (size_t k = 0; k < r->cl[i].len; k++) {
		unsigned char c = (unsigned char)s[k];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			long line, col;

			locate(r, buf, len, i, k, &line, &col);
			if (r->o->flags & ICALIO_SKIP_INVALID) {
				/* Judged per component: see
				 * check_structure, icalio_read. */
				r->cl[i].ctrl = c;
				r->cl[i].ctrl_line = line;
				r->cl[i].ctrl_col = col;
				break;
			}
			return ics_fail_at(r, line, col,
					   "control character U+%04X in a "
					   "value",
					   c);
		}
	}
	if (!utf8_valid(s, r->cl[i].len, &bad)) {
		long line, col;

		locate(r, buf, len, i, bad, &line, &col);
		if (!r->warned_utf8)
			itin_warn_at(r->w, r->fname, line, col,
				     "not valid UTF-8; such bytes are "
				     "read as Latin-1");
		r->warned_utf8 = true;
		latin1_fix(r, i);
	}
	return 0;
}

int ics_split_lines(struct ics_reader *r, const char *buf, size_t len)
{
	struct lapse lf = {0, 0, 0}, longl = {0, 0, 0};

	if (unfold(r, buf, len, &lf, &longl))
		return -1;
	if (lf.n)
		itin_warn_at(r->w, r->fname, lf.first, 0,
			     "line ends in LF, not CRLF as RFC 5545 wants (%zu "
			     "such line%s, the first here); read anyway",
			     lf.n, lf.n == 1 ? "" : "s");
	if (longl.n)
		itin_warn_at(r->w, r->fname, longl.first, 0,
			     "line of %zu octets not folded at 75 as RFC 5545 "
			     "wants (%zu such line%s, the first here); read "
			     "anyway",
			     longl.size, longl.n, longl.n == 1 ? "" : "s");
	for (size_t i = 0; i < r->ncl; i++)
		if (check_bytes(r, buf, len, i))
			return -1;
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

	p->line = r->cl[i].line;
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

/* Give content line i new text (a repaired END line). */
void ics_replace_cline(struct ics_reader *r, size_t i, const char *text)
{
	r->cl[i].off = r->text.len;
	r->cl[i].len = strlen(text);
	strbuf_addstr(&r->text, text);
	strbuf_addch(&r->text, '\0');
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

		if (r->cl[i].skip)
			continue;
		ics_parse_cline(r, i, &p);
		if (ics_name_is(&p, "BEGIN"))
			depth++;
		else if (ics_name_is(&p, "END"))
			depth--;
		else if (!depth)
			vp->v[vp->n++] = p;
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
