/*
 * recode.c: reading a file in another encoding than UTF-8 (recode.h).
 *
 * recode_open() wraps the file in a stdio stream of its own (glibc's
 * fopencookie): each read of the wrapper reads a buffer of the file and
 * hands back its UTF-8 (converted by recode.c for the single-byte
 * encodings, by iconv for UTF-16). So every reader that takes a FILE *
 * (the CSV reader streams; the others read to the end) reads converted
 * text without knowing, and memory holds a buffer, not the file.
 */
#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/recode.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

const char *recode_name(const char *arg)
{
	static const struct {
		const char *name, *canon;
	} names[] = {
	    {"cp1252", "CP1252"},	 {"windows-1252", "CP1252"},
	    {"windows1252", "CP1252"},	 {"latin1", "ISO-8859-1"},
	    {"latin-1", "ISO-8859-1"},	 {"iso-8859-1", "ISO-8859-1"},
	    {"iso8859-1", "ISO-8859-1"}, {"utf-8", "UTF-8"},
	    {"utf8", "UTF-8"},		 {"utf-16", "UTF-16"},
	    {"utf16", "UTF-16"},	 {"utf-16le", "UTF-16LE"},
	    {"utf-16be", "UTF-16BE"},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!ascii_casecmp(arg, names[i].name))
			return names[i].canon;
	return NULL;
}

/*
 * UTF-16: a byte order mark, or ASCII text with a NUL after (or before)
 * each character in the first pairs of bytes. *option gets the
 * --encoding value that reads it.
 */
static bool looks_utf16(const char *s, size_t len, const char **option)
{
	/* Excel's "Unicode text" and some exports: UTF-16 with its mark. */
	if (len >= 2 && ((s[0] == '\xff' && s[1] == '\xfe') ||
			 (s[0] == '\xfe' && s[1] == '\xff'))) {
		*option = "utf-16";
		return true;
	}
	/* Without the mark: ASCII text with a NUL after (or before) each
	 * character, in the first pairs of bytes. */
	if (len >= 4) {
		size_t n = len < 64 ? len & ~(size_t)1 : 64;
		bool le = true, be = true;

		for (size_t i = 0; i < n; i += 2) {
			le = le && s[i] && !s[i + 1];
			be = be && !s[i] && s[i + 1];
		}
		if (le || be) {
			*option = le ? "utf-16le" : "utf-16be";
			return true;
		}
	}
	return false;
}

/*
 * Windows-1252: every byte a character of it, a byte over 0x7F among them,
 * no control but tab and line ends, and no whole UTF-8 sequence.
 */
static bool looks_cp1252(const char *s, size_t len)
{
	/* The five bytes Windows-1252 leaves undefined. */
	static const unsigned char undefined[] = {0x81, 0x8d, 0x8f, 0x90, 0x9d};
	bool high = false;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 0;

		if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
			return false;
		if (c == 0x7f || (c >= 0x80 && memchr(undefined, c, 5)))
			return false;
		high = high || c >= 0x80;
		/* A whole UTF-8 sequence ("é" as C3 A9): UTF-8 text with a
		 * bad byte somewhere, not another encoding. */
		if (c >= 0xc2 && c <= 0xf4)
			n = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
		if (n && i + n < len) {
			size_t k = 1;

			while (k <= n &&
			       ((unsigned char)s[i + k] & 0xc0) == 0x80)
				k++;
			if (k > n)
				return false;
		}
	}
	return high;
}

const char *recode_guess(const char *s, size_t len, const char **option)
{
	if (looks_utf16(s, len, option))
		return "UTF-16";
	*option = "cp1252";
	return looks_cp1252(s, len) ? "Windows-1252" : NULL;
}

#define RECODE_BUF 65536

/*
 * Windows-1252's 0x80-0x9F (0 where it leaves a byte undefined); from
 * 0xA0 on it is Latin-1, code point = byte. Latin-1 read as browsers do
 * (the WHATWG Encoding Standard) is this table too, its five undefined
 * bytes kept as the C1 controls Latin-1 has there: Excel writes "Latin-1"
 * files with Windows-1252 quotes and dashes.
 */
static const unsigned short cp1252_c1[32] = {
    0x20ac, 0,	    0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	    0x017d, 0,
    0,	    0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,	    0x017e, 0x0178,
};

struct recoder {
	FILE *in;
	iconv_t cd;	      /* UTF-16; (iconv_t)-1 for the single-byte ones */
	bool latin1;	      /* single-byte: the five undefined bytes are C1 */
	const char *enc_name; /* for messages: "Windows-1252" */
	char name[256];	      /* the file, for messages */
	struct itin_err *readerr;
	char buf[RECODE_BUF]; /* read from in, not yet converted */
	size_t len;
	bool eof, failed;
	long line, col; /* of the next character, counted in the output */
};

/* Count the lines and characters of UTF-8 output, for a message. */
static void count_out(struct recoder *r, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			r->line++;
			r->col = 1;
		} else if ((c & 0xc0) != 0x80) {
			r->col++;
		}
	}
}

/* The bad data stops the stream: readerr says where, reads fail. */
static void recoder_fail(struct recoder *r, const char *fmt, ...)
    ITIN_PRINTF(2, 3);

static void recoder_fail(struct recoder *r, const char *fmt, ...)
{
	va_list ap;

	r->failed = true;
	if (!r->readerr)
		return;
	va_start(ap, fmt);
	itin_err_vat(r->readerr, ITIN_EX_DATAERR, r->name, r->line, r->col, fmt,
		     ap);
	va_end(ap);
}

/*
 * The length of the valid UTF-8 multi-byte sequence at s[0..n), 0 when
 * there is none, -1 when s ends before it could tell.
 */
static int utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	int len;

	if (c < 0xc2 || c > 0xf4)
		return 0;
	len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	for (int k = 1; k < len; k++) {
		if ((size_t)k >= n)
			return -1;
		if (s[k] < (k == 1 ? lo : 0x80) || s[k] > (k == 1 ? hi : 0xbf))
			return 0;
	}
	return len;
}

/*
 * Convert single-byte text from r->buf into out[0..size): how much was
 * written. Stops at a byte the encoding lacks, and at UTF-8 text (a whole
 * multi-byte sequence: "é" as C3 A9 reads "Ã©" in Windows-1252, which no
 * one writes; the file is UTF-8, or mixes encodings), failing the stream
 * there once the text before it is handed out.
 */
static size_t convert_single(struct recoder *r, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)r->buf;
	size_t i = 0, o = 0;

	while (i < r->len && o + 3 <= size) {
		unsigned c = s[i], u = c;
		int seq;

		if (c >= 0x80 && (seq = utf8_seq(s + i, r->len - i)) != 0) {
			if (seq < 0 && !r->eof)
				break; /* read on to tell */
			if (seq > 0) {
				if (o)
					break; /* the text before it first */
				recoder_fail(r,
					     "bytes 0x%02X 0x%02X are UTF-8 "
					     "('%.*s'), not %s: the file is "
					     "UTF-8 (drop --encoding) or mixes "
					     "encodings",
					     s[i], s[i + 1], seq,
					     (const char *)s + i, r->enc_name);
				break;
			}
		}
		if (c >= 0x80 && c < 0xa0) {
			u = cp1252_c1[c - 0x80];
			if (!u && r->latin1)
				u = c;
			if (!u) {
				if (o)
					break;
				recoder_fail(r,
					     "byte 0x%02X is not a character "
					     "of %s",
					     c, r->enc_name);
				break;
			}
		}
		o += utf8_encode(u, out + o);
		i++;
	}
	memmove(r->buf, r->buf + i, r->len - i);
	r->len -= i;
	return o;
}

/* Convert UTF-16 from r->buf through iconv; as convert_single(). */
static size_t convert_iconv(struct recoder *r, char *out, size_t size)
{
	char *ip = r->buf, *op = out;
	size_t ilen = r->len, left = size, rc;
	int e;

	rc = iconv(r->cd, &ip, &ilen, &op, &left);
	e = errno;
	memmove(r->buf, ip, ilen);
	r->len = ilen;
	if (rc == (size_t)-1 && e == EILSEQ && left == size)
		recoder_fail(r, "bytes that are not %s", r->enc_name);
	else if (rc == (size_t)-1 && e == EINVAL && r->eof && left == size)
		recoder_fail(r, "the file ends inside a %s character",
			     r->enc_name);
	return size - left;
}

static ssize_t recoder_read(void *cookie, char *out, size_t size)
{
	struct recoder *r = cookie;

	for (;;) {
		size_t n;

		if (r->failed) {
			errno = EILSEQ;
			return -1;
		}
		if (!r->eof && r->len < RECODE_BUF) {
			n = fread(r->buf + r->len, 1, RECODE_BUF - r->len,
				  r->in);
			if (n == 0 && ferror(r->in))
				return -1;
			if (n == 0)
				r->eof = true;
			r->len += n;
		}
		if (!r->len)
			return 0; /* the end */
		n = r->cd == (iconv_t)-1 ? convert_single(r, out, size)
					 : convert_iconv(r, out, size);
		if (n) {
			count_out(r, out, n);
			return (ssize_t)n;
		}
		/* Nothing yet: a sequence cut at the end of the buffer
		 * (read on), or the failure (reported above). */
		if (!r->failed && r->eof)
			return 0;
		if (!r->failed && size < 4) {
			/* Never: stdio reads a buffer at a time. */
			errno = EINVAL;
			return -1;
		}
	}
}

static int recoder_close(void *cookie)
{
	struct recoder *r = cookie;
	int ret = 0;

	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->in != stdin)
		ret = fclose(r->in);
	free(r);
	return ret;
}

FILE *recode_open(FILE *in, const char *from, const char *name,
		  struct itin_err *readerr, struct itin_err *err)
{
	static const cookie_io_functions_t fns = {
	    .read = recoder_read,
	    .close = recoder_close,
	};
	struct recoder *r = xcalloc(1, sizeof(*r));
	FILE *fp;

	r->in = in;
	r->readerr = readerr;
	r->line = r->col = 1;
	snprintf(r->name, sizeof(r->name), "%s", name ? name : "");
	r->cd = (iconv_t)-1;
	if (!strcmp(from, "CP1252") || !strcmp(from, "ISO-8859-1")) {
		r->latin1 = from[0] == 'I';
		r->enc_name = r->latin1 ? "Latin-1" : "Windows-1252";
	} else {
		r->enc_name = from;
		r->cd = iconv_open("UTF-8", from);
		if (r->cd == (iconv_t)-1) {
			free(r);
			itin_err_set(err, ITIN_EX_DATAERR,
				     "cannot read the encoding '%s' (iconv)",
				     from);
			return NULL;
		}
	}
	fp = fopencookie(r, "r", fns);
	if (!fp) {
		if (r->cd != (iconv_t)-1)
			iconv_close(r->cd);
		free(r);
		itin_err_set(err, ITIN_EX_OTHER, "cannot read through iconv");
		return NULL;
	}
	return fp;
}
