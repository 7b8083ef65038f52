/*
 * itinesc.c: a value's escapes in the itin text format, read and written
 * (itinesc.h).
 *
 * The writer escapes only what the reader would otherwise take
 * differently, and the reader refuses any escape the writer would not
 * have written but for \u{...} of any code point: so a value makes one
 * round trip, byte for byte.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/itinesc.h"
#include "itin/utf8.h"

/* ---- reading ---- */

/* Fail at the escape at `at` in the value that starts at s. */
static size_t bad_escape(struct itin_err *err, const char *s, const char *at,
			 const char *fmt, ...) ITIN_PRINTF(4, 5);
static size_t bad_escape(struct itin_err *err, const char *s, const char *at,
			 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	itin_err_vat(err, ITIN_EX_DATAERR, NULL, 0, (long)(at - s) + 1, fmt,
		     ap);
	va_end(ap);
	return 0;
}

/* The character a two-character escape "\c" stands for, or -1. */
static int simple_escape(char c)
{
	switch (c) {
	case '\\':
		return '\\';
	case 'n':
		return '\n';
	case 't':
		return '\t';
	case 's':
		return ' ';
	case '@':
	case ';':
	case ',':
	case '(':
	case ')':
		return c;
	default:
		return -1;
	}
}

/*
 * "\xHH" at p (before e), appended to out; returns 4, or 0 with err filled
 * (s is the start of the value, for the column).
 */
static size_t decode_x(const char *s, const char *p, const char *e,
		       struct strbuf *out, struct itin_err *err)
{
	int hi = p + 2 < e ? ascii_hexval((unsigned char)p[2]) : -1;
	int lo = p + 3 < e ? ascii_hexval((unsigned char)p[3]) : -1;

	/* Only ASCII: a raw byte above 0x7f would break
	 * UTF-8, and NUL would end the string. */
	if (hi < 0 || lo < 0 || hi * 16 + lo == 0 || hi > 7) {
		int n = (int)(e - p < 4 ? e - p : 4);

		if (hi > 7 && lo >= 0)
			return bad_escape(err, s, p,
					  "invalid escape '%.*s' (expected "
					  "\\x01 to \\x7f; U+00%c%c is "
					  "\\u{00%c%c})",
					  n, p, p[2], p[3], p[2], p[3]);
		return bad_escape(err, s, p,
				  "invalid escape '%.*s' (expected \\x01 to "
				  "\\x7f)",
				  n, p);
	}
	strbuf_addch(out, (char)(hi * 16 + lo));
	return 4;
}

/*
 * "\u{H...}" at s (before e): one to six hex digits naming a Unicode
 * scalar value other than U+0000 (which would end the string), appended to
 * out as UTF-8. Returns the escape's length, 0 when it is not one. The
 * writer spells the code points of utf8_is_invisible_control() this way;
 * any other is read too.
 */
static size_t unescape_u(const char *s, const char *e, struct strbuf *out)
{
	const char *p = s + 2;
	uint32_t cp = 0;
	char buf[4];
	int digits = 0;

	if (p >= e || *p != '{')
		return 0;
	for (p++; p < e && *p != '}'; p++) {
		int v = ascii_hexval((unsigned char)*p);

		if (v < 0 || ++digits > 6)
			return 0;
		cp = cp * 16 + (uint32_t)v;
	}
	if (p >= e || !digits || cp == 0 || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	strbuf_add(out, buf, utf8_encode(cp, buf));
	return (size_t)(p + 1 - s);
}

/* "\u{H...}" at p, as decode_x(); the message quotes what looks like it. */
static size_t decode_u(const char *s, const char *p, const char *e,
		       struct strbuf *out, struct itin_err *err)
{
	size_t n = unescape_u(p, e, out);
	const char *q = p + 2;

	if (n)
		return n;
	while (q < e && q < p + 12 && *q != '}' && *q > ' ' &&
	       (unsigned char)*q < 0x80)
		q++;
	if (q < e && *q == '}')
		q++;
	return bad_escape(err, s, p,
			  "invalid escape '%.*s' (expected \\u{1} to "
			  "\\u{10FFFF})",
			  (int)(q - p), p);
}

/* The escape at p (a backslash before e), as decode_x(). */
static size_t decode_one(const char *s, const char *p, const char *e,
			 struct strbuf *out, struct itin_err *err)
{
	uint32_t cp;
	size_t n;
	int c;

	if (p + 1 >= e)
		return bad_escape(err, s, p,
				  "incomplete escape '\\' at the end of the "
				  "value");
	c = simple_escape(p[1]);
	if (c >= 0) {
		strbuf_addch(out, (char)c);
		return 2;
	}
	if (p[1] == 'x')
		return decode_x(s, p, e, out, err);
	if (p[1] == 'u')
		return decode_u(s, p, e, out, err);
	n = utf8_decode(p + 1, (size_t)(e - p - 1), &cp);
	return bad_escape(err, s, p, "unknown escape '\\%.*s'",
			  (int)(n ? n : 1), p + 1);
}

int itinesc_decode(const char *s, const char *e, struct strbuf *out,
		   struct itin_err *err)
{
	const char *p = s, *run = s;

	strbuf_reset(out);
	while (p < e) {
		size_t n;

		if (*p != '\\') {
			p++;
			continue;
		}
		strbuf_add(out, run, (size_t)(p - run));
		n = decode_one(s, p, e, out, err);
		if (!n)
			return -1;
		p += n;
		run = p;
	}
	strbuf_add(out, run, (size_t)(p - run));
	return 0;
}

/* ---- writing ---- */

/*
 * The length of the character at s (at most len bytes) when the writer
 * escapes it as "\u{XXXX}" (utf8_is_invisible_control: a C1 control, a
 * bidirectional or other format character, U+2028, U+2029), else 0, and
 * *cp. Only for a byte above 0x7f: ASCII has its own escapes.
 */
static size_t invisible_at(const char *s, size_t len, uint32_t *cp)
{
	size_t n = utf8_decode(s, len, cp);

	return n && utf8_is_invisible_control(*cp) ? n : 0;
}

/* See itinesc.h. */
void itinesc_put_byte(struct strbuf *sb, unsigned char c, bool edge,
		      const char *special)
{
	if (c == '\\')
		strbuf_addstr(sb, "\\\\");
	else if (c == '\n')
		strbuf_addstr(sb, "\\n");
	else if (c == '\t')
		strbuf_addstr(sb, "\\t");
	else if (c < 0x20 || c == 0x7f)
		strbuf_addf(sb, "\\x%02x", c);
	else if (c == ' ' && edge)
		strbuf_addstr(sb, "\\s");
	else if (special && c < 0x80 && strchr(special, c)) {
		strbuf_addch(sb, '\\');
		strbuf_addch(sb, (char)c);
	} else
		strbuf_addch(sb, (char)c);
}

/* The character at s[i] of s[0..len), escaped as the reader needs it;
 * returns its length in bytes. */
static size_t itinesc_put_char(struct strbuf *sb, const char *s, size_t i, size_t len,
			const char *special)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	size_t n;

	if (c >= 0x80) {
		n = invisible_at(s + i, len - i, &cp);
		if (n) {
			strbuf_addf(sb, "\\u{%04X}", (unsigned)cp);
			return n;
		}
		strbuf_addch(sb, (char)c);
		return 1;
	}
	itinesc_put_byte(sb, c, i == 0 || i == len - 1, special);
	return 1;
}

/*
 * The bytes that need a look, as a bit set: the ASCII ones itinesc_put()
 * escapes wherever they are (controls, DEL, the backslash and those of
 * special), and every byte over 0x7f (a format character is escaped). A
 * space is escaped only at a value's edges, which are looked at apart.
 */
struct esc_set {
	uint32_t bits[8];
};

static void esc_set_make(struct esc_set *e, const char *special)
{
	e->bits[0] = 0xffffffffu; /* C0 */
	e->bits[1] = e->bits[2] = 0;
	e->bits[3] = 1u << 31; /* DEL */
	e->bits[4] = e->bits[5] = e->bits[6] = e->bits[7] = 0xffffffffu;
	e->bits['\\' >> 5] |= 1u << ('\\' & 31);
	for (; special && *special; special++)
		if ((unsigned char)*special < 0x80)
			e->bits[(unsigned char)*special >> 5] |=
			    1u << (*special & 31);
}

static bool esc_set_has(const struct esc_set *e, unsigned char c)
{
	return e->bits[c >> 5] >> (c & 31) & 1;
}

/* Whether the character at s[i] of s[0..len) is written as it is; *n
 * gets its length. */
static bool plain_at(const struct esc_set *esc, const char *s, size_t i,
		     size_t len, size_t *n)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;

	if (c < 0x80) {
		*n = 1;
		return !esc_set_has(esc, c) &&
		       (c != ' ' || (i != 0 && i != len - 1));
	}
	*n = utf8_decode(s + i, len - i, &cp);
	if (!*n) {
		*n = 1;
		return true;
	}
	return !utf8_is_invisible_control(cp);
}

/* See itinesc.h. */
void itinesc_put_span(struct strbuf *sb, const char *s, size_t from, size_t to,
		      size_t len, const char *special)
{
	/* Inside the value (not at its edges), a byte outside the set is
	 * written as it is: most bytes are copied in runs. */
	size_t i = from, run = from, n, inner = to < len ? to : len - 1;
	struct esc_set esc;

	esc_set_make(&esc, special);
	while (i < to) {
		if (i > 0)
			while (i < inner &&
			       !esc_set_has(&esc, (unsigned char)s[i]))
				i++;
		if (i >= to)
			break;
		if (plain_at(&esc, s, i, len, &n)) {
			i += n;
			continue;
		}
		strbuf_add(sb, s + run, i - run);
		i += itinesc_put_char(sb, s, i, len, special);
		run = i;
	}
	strbuf_add(sb, s + run, i - run);
}

void itinesc_put_len(struct strbuf *sb, const char *s, size_t len,
		     const char *special)
{
	itinesc_put_span(sb, s, 0, len, len, special);
}

void itinesc_put(struct strbuf *sb, const char *s, const char *special)
{
	itinesc_put_len(sb, s, strlen(s), special);
}
