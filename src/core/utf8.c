/*
 * utf8.c: UTF-8 decoding, validation, display widths and folding.
 *
 * Widths and folding come from utf8proc, the standard small Unicode
 * library (its tables follow the current Unicode release), rather than
 * wcwidth(3) and towlower(3), so output aligns and names match the same
 * under any locale. Decoding stays our own: it must keep invalid bytes
 * (utf8proc rejects a whole string for one).
 */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "itin/strbuf.h"
#include "itin/utf8.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (!len)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n;

		/* ASCII runs are the common case; skip them quickly. */
		if (!((unsigned char)s[i] & 0x80)) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (!n) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

size_t utf8_drop_cut_tail(char *s)
{
	size_t len = strlen(s);
	size_t lead = len;
	uint32_t cp;

	/* Back over at most three continuation bytes to the lead byte. */
	while (lead > 0 && len - lead < 4 &&
	       ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead > 0 && ((unsigned char)s[lead - 1] & 0x80) &&
	    !utf8_decode(s + lead - 1, len - lead + 1, &cp))
		len = lead - 1;
	s[len] = '\0';
	return len;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool utf8_acts_on_display(uint32_t cp)
{
	if (cp < 0x80)
		return is_control(cp);
	if (cp > 0x10FFFF || cp == 0x200C || cp == 0x200D)
		return false;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return true;
	default:
		return false;
	}
}

bool utf8_is_invisible_control(uint32_t cp)
{
	return utf8_acts_on_display(cp);
}

int utf8_cp_width(uint32_t cp)
{
	if (cp == 0)
		return 0;
	if (is_control(cp))
		return -1;
	if (cp < 0x300)
		return 1;
	/* Hangul medial vowels and final consonants join the initial before
	 * them into one wide syllable (as wcwidth does); utf8proc counts
	 * them as 1. */
	if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return 0;
	if (cp > 0x10FFFF)
		return 1;
	return utf8proc_charwidth((utf8proc_int32_t)cp);
}

/*
 * One display unit at s: its byte length and the columns it takes once
 * sanitised (utf8_sanitize's escapes for controls and invalid bytes).
 */
static size_t unit_at(const char *s, size_t len, size_t *cols)
{
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);

	if (!n) {
		*cols = 4; /* "\xHH" */
		return 1;
	}
	if (is_control(cp))
		*cols = 4; /* "\xHH" */
	else if (utf8_acts_on_display(cp))
		*cols = cp > 0xFFFF ? 9 : 8; /* "\u{XXXX}", "\u{XXXXX}" */
	else
		*cols = (size_t)utf8_cp_width(cp);
	return n;
}

size_t utf8_width(const char *s)
{
	size_t len = strlen(s), i = 0, w = 0, cols;

	while (i < len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++;
			w++;
			continue;
		}
		i += unit_at(s + i, len - i, &cols);
		w += cols;
	}
	return w;
}

size_t utf8_prefix_fitting(const char *s, size_t max_cols, size_t *cols)
{
	size_t len = strlen(s), i = 0, w = 0, c, n;

	while (i < len) {
		n = unit_at(s + i, len - i, &c);
		if (w + c > max_cols)
			break;
		w += c;
		i += n;
	}
	/* Keep combining marks with the character they follow. */
	while (i < len) {
		n = unit_at(s + i, len - i, &c);
		if (c != 0)
			break;
		i += n;
	}
	if (cols)
		*cols = w;
	return i;
}

long utf8_column(const char *line, size_t off)
{
	size_t i = 0;
	long col = 1;
	uint32_t cp;

	while (i < off) {
		size_t n;

		if (!((unsigned char)line[i] & 0x80)) {
			i++;
			col++;
			continue;
		}
		n = utf8_decode(line + i, off - i, &cp);

		i += n ? n : 1;
		col++;
	}
	return col;
}

void utf8_escape(struct strbuf *out, const char *s, unsigned flags)
{
	size_t len = strlen(s), i = 0, start = 0;
	uint32_t cp;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n;

		if (c >= 0x20 && c < 0x7F &&
		    !(c == '\\' && (flags & UTF8_ESC_BACKSLASH))) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n && c != '\\' && !utf8_acts_on_display(cp)) {
			i += n;
			continue;
		}
		strbuf_add(out, s + start, i - start);
		if (!n) {
			strbuf_addf(out, "\\x%02x", c);
			n = 1;
		} else if (c == '\\') {
			strbuf_addstr(out, "\\\\");
		} else if ((flags & UTF8_ESC_BREAKS) &&
			   (c == '\t' || c == '\n' || c == '\r')) {
			strbuf_addch(out, ' ');
		} else if (is_control(cp)) {
			strbuf_addf(out, "\\x%02x", (unsigned)cp);
		} else {
			strbuf_addf(out, "\\u{%04X}", (unsigned)cp);
		}
		i += n;
		start = i;
	}
	strbuf_add(out, s + start, i - start);
}

void utf8_sanitize(struct strbuf *out, const char *s)
{
	utf8_escape(out, s, 0);
}

/*
 * Letters that Unicode does not decompose into a base letter and a mark,
 * folded the way people write them without the letter ("Łódź" -> "lodz",
 * "Đà Nẵng" -> "danang", "Ærø" -> "aero"). Lower case only: folding
 * applies utf8proc's case folding first. data/gazetteer/gen-places.py
 * reads this table, so keep one entry a line in this form.
 */
static const struct {
	uint32_t cp;
	const char *to;
} fold_extra[] = {
    {0x00DF, "ss"}, /* ß (case folding gives ss too) */
    {0x00E6, "ae"}, /* æ */
    {0x00F0, "d"},  /* ð */
    {0x00F8, "o"},  /* ø */
    {0x00FE, "th"}, /* þ */
    {0x0111, "d"},  /* đ */
    {0x0127, "h"},  /* ħ */
    {0x0131, "i"},  /* ı */
    {0x0142, "l"},  /* ł */
    {0x0153, "oe"}, /* œ */
    {0x0167, "t"},  /* ŧ */
    {0x0180, "b"},  /* ƀ */
    {0x0188, "c"},  /* ƈ */
    {0x0192, "f"},  /* ƒ */
    {0x01B4, "y"},  /* ƴ */
    {0x0237, "j"},  /* ȷ */
    {0x0249, "j"},  /* ɉ */
    {0x0268, "i"},  /* ɨ */
};

static const char *fold_extra_of(uint32_t cp)
{
	for (size_t i = 0; i < ARRAY_SIZE(fold_extra); i++)
		if (fold_extra[i].cp == cp)
			return fold_extra[i].to;
	return NULL;
}

/* Letters and digits (any script) make up a name; the rest separates. */
static bool is_alnum_cp(uint32_t cp)
{
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

static void put(char *buf, size_t size, size_t *n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++, (*n)++)
		if (*n + 1 < size)
			buf[*n] = s[i];
}

size_t utf8_encode(uint32_t cp, char *out)
{
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
					    (utf8proc_uint8_t *)out);
}

/*
 * The folded form of one code point into out (at most cap bytes): case
 * folded, compatibility-decomposed and without marks (utf8proc), then the
 * letters of fold_extra. Returns the length, or (size_t)-1 when it does
 * not fit in cap, that is when it would be longer than the code point was.
 */
static size_t fold_one(uint32_t cp, bool alnum, char *out, size_t cap)
{
	utf8proc_int32_t d[18];
	utf8proc_ssize_t nd;
	int boundclass = 0;
	size_t n = 0;

	/* Hangul syllables stay whole: decomposed jamo are not a name. */
	if (cp >= 0xAC00 && cp <= 0xD7A3) {
		if (cap < 3)
			return (size_t)-1;
		return utf8_encode(cp, out);
	}
	nd = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 18,
				     UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
					 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
				     &boundclass);
	if (nd < 0 || nd > 18)
		return (size_t)-1;
	for (utf8proc_ssize_t i = 0; i < nd; i++) {
		uint32_t c = (uint32_t)d[i];
		const char *x = fold_extra_of(c);
		char tmp[4];
		size_t k;

		if (x) {
			k = strlen(x);
			memcpy(tmp, x, k);
		} else if (alnum && !is_alnum_cp(c)) {
			continue;
		} else {
			k = utf8_encode(c, tmp);
		}
		if (n + k > cap)
			return (size_t)-1;
		memcpy(out + n, tmp, k);
		n += k;
	}
	return n;
}

size_t utf8_fold(const char *s, char *buf, size_t size, unsigned flags)
{
	size_t len = strlen(s), i = 0, n = 0;
	bool alnum = flags & UTF8_FOLD_ALNUM;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		char f[4];
		uint32_t cp;
		size_t k, m;

		if (c < 0x80) {
			char ch = (char)c;

			if (c >= 'A' && c <= 'Z')
				ch = (char)(c - 'A' + 'a');
			else if (alnum && !((c >= 'a' && c <= 'z') ||
					    (c >= '0' && c <= '9'))) {
				i++;
				continue;
			}
			put(buf, size, &n, &ch, 1);
			i++;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			put(buf, size, &n, s + i, 1);
			i++;
			continue;
		}
		m = fold_one(cp, alnum, f, k);
		if (m != (size_t)-1)
			put(buf, size, &n, f, m);
		else if (!alnum || is_alnum_cp(cp))
			put(buf, size, &n, s + i, k); /* kept as it is */
		i += k;
	}
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}
