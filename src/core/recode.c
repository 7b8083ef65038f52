/*
 * recode.c: reading a file in another encoding than UTF-8 (recode.h).
 *
 * recode_open() wraps the file in a stdio stream of its own (glibc's
 * fopencookie): each read of the wrapper reads a buffer of the file and
 * hands back what iconv makes of it. So every reader that takes a FILE *
 * (the CSV reader streams; the others read to the end) reads converted
 * text without knowing, and memory holds a buffer, not the file.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/recode.h"
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

const char *recode_guess(const char *s, size_t len, const char **option)
{
	/* The five bytes Windows-1252 leaves undefined. */
	static const unsigned char undefined[] = {0x81, 0x8d, 0x8f, 0x90, 0x9d};
	bool high = false;

	/* Excel's "Unicode text" and some exports: UTF-16 with its mark. */
	if (len >= 2 && ((s[0] == '\xff' && s[1] == '\xfe') ||
			 (s[0] == '\xfe' && s[1] == '\xff'))) {
		*option = "utf-16";
		return "UTF-16";
	}
	*option = "cp1252";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 0;

		if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
			return NULL;
		if (c == 0x7f || (c >= 0x80 && memchr(undefined, c, 5)))
			return NULL;
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
				return NULL;
		}
	}
	return high ? "Windows-1252" : NULL;
}

#define RECODE_BUF 65536

struct recoder {
	FILE *in;
	iconv_t cd;
	char buf[RECODE_BUF]; /* read from in, not yet converted */
	size_t len;
	bool eof;
};

static ssize_t recoder_read(void *cookie, char *out, size_t size)
{
	struct recoder *r = cookie;
	char *o = out;
	size_t left = size;

	for (;;) {
		char *ip;
		size_t ilen, rc;
		int e;

		if (!r->eof && r->len < RECODE_BUF) {
			size_t n = fread(r->buf + r->len, 1,
					 RECODE_BUF - r->len, r->in);

			if (n == 0 && ferror(r->in))
				goto fail;
			if (n == 0)
				r->eof = true;
			r->len += n;
		}
		if (!r->len)
			break; /* the end */
		ip = r->buf;
		ilen = r->len;
		rc = iconv(r->cd, &ip, &ilen, &o, &left);
		e = errno;
		memmove(r->buf, ip, ilen);
		r->len = ilen;
		if (rc != (size_t)-1) {
			if (left < size || r->eof)
				break;
			continue;
		}
		if (e == E2BIG)
			break; /* out is full */
		/* EINVAL: a sequence cut at the end of the buffer: read on,
		 * unless the file ends there. EILSEQ: a byte that is not a
		 * character of the encoding. */
		if (e == EINVAL && !r->eof) {
			if (left < size)
				break;
			continue;
		}
		errno = EILSEQ;
		goto fail;
	}
	return (ssize_t)(size - left);
fail:
	/* Give what was converted; the error comes again on the next read,
	 * which starts at the bad byte. */
	return left < size ? (ssize_t)(size - left) : -1;
}

static int recoder_close(void *cookie)
{
	struct recoder *r = cookie;
	int ret = 0;

	iconv_close(r->cd);
	if (r->in != stdin)
		ret = fclose(r->in);
	free(r);
	return ret;
}

FILE *recode_open(FILE *in, const char *from, struct itin_err *err)
{
	static const cookie_io_functions_t fns = {
	    .read = recoder_read,
	    .close = recoder_close,
	};
	struct recoder *r = xcalloc(1, sizeof(*r));
	FILE *fp;

	r->in = in;
	r->cd = iconv_open("UTF-8", from);
	if (r->cd == (iconv_t)-1) {
		free(r);
		itin_err_set(err, ITIN_EX_DATAERR,
			     "cannot read the encoding '%s' (iconv)", from);
		return NULL;
	}
	fp = fopencookie(r, "r", fns);
	if (!fp) {
		iconv_close(r->cd);
		free(r);
		itin_err_set(err, ITIN_EX_OTHER, "cannot read through iconv");
		return NULL;
	}
	return fp;
}
