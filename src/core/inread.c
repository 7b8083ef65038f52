/*
 * inread.c: reading input within the limits of inread.h.
 *
 * The check walks each chunk line by line with memchr, so a store of
 * millions of short lines costs a memchr per line, not a branch per byte;
 * columns are counted only for the unfinished line a chunk ends in and
 * where a problem is.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/inread.h"
#include "itin/xalloc.h"

#define CHUNK 65536

/* Characters in p[0..n): the bytes that are not UTF-8 continuations. */
static long count_chars(const char *p, size_t n)
{
	long c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

/* "1 GiB", "300 MiB", "12345 bytes": the limit as the user may write it. */
static void size_words(char *buf, size_t size, size_t v)
{
	static const char *const unit[] = {"KiB", "MiB", "GiB"};
	int u = -1;

	while (u < 2 && v >= 1024 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%zu %s", v, v == 1 ? "byte" : "bytes");
	else
		snprintf(buf, size, "%zu %s", v, unit[u]);
}

int inread_max_input(size_t *out, struct itin_err *err)
{
	const char *s = getenv(INREAD_ENV);
	unsigned long long v;
	char *end;
	int shift = 0;

	*out = INREAD_DEFAULT_MAX;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		end++;
	if (errno || end == s || *s < '0' || *s > '9' || *end ||
	    v > (SIZE_MAX >> shift))
		return itin_err_set(
		    err, ITIN_EX_USAGE,
		    "invalid %s '%s' (expected a size in "
		    "bytes, such as 2G or 500M; 0 for no limit)",
		    INREAD_ENV, s);
	*out = v ? (size_t)v << shift : SIZE_MAX;
	return 0;
}

int inread_check_init(struct inread_check *c, const char *name, unsigned flags,
		      struct itin_err *err)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->flags = flags;
	c->line = 1;
	return inread_max_input(&c->max_input, err);
}

/* The column of p within the current line, where seg (in the same chunk)
 * starts the line's part in this chunk. */
static long column(const struct inread_check *c, const char *seg, const char *p)
{
	long col = c->col + count_chars(seg, (size_t)(p - seg)) + 1;

	return c->bom && c->line == 1 ? col - 1 : col;
}

static int too_long(const struct inread_check *c, bool ended,
		    struct itin_err *err)
{
	size_t len = c->line_len - (ended && c->last_cr);

	if (ended)
		return itin_err_at(
		    err, ITIN_EX_DATAERR, c->name, c->line, c->long_col,
		    "line too long (%zu bytes; limit 1 MiB)", len);
	return itin_err_at(err, ITIN_EX_DATAERR, c->name, c->line, c->long_col,
			   "line too long (more than %zu bytes; limit 1 MiB)",
			   len);
}

static int too_big(const struct inread_check *c, struct itin_err *err)
{
	char lim[64];

	size_words(lim, sizeof(lim), c->max_input);
	return itin_err_at(err, ITIN_EX_DATAERR, c->name, 0, 0,
			   "input larger than %s (the limit; set %s to "
			   "raise it)",
			   lim, INREAD_ENV);
}

/*
 * One line's part [s, e) of a chunk; nl says a line break ends it. nul is
 * the first NUL of the chunk or NULL. Updates the line state; *stop is
 * set where the caller should stop keeping bytes.
 */
static int segment(struct inread_check *c, const char *s, const char *e,
		   bool nl, const char *nul, const char **stop,
		   struct itin_err *err)
{
	size_t n = (size_t)(e - s);
	bool lines = c->flags & INREAD_LINES;

	/* A NUL before the line passed the limit is the first problem. */
	if (!c->counting && (c->flags & INREAD_NUL) && nul && nul >= s &&
	    nul < e &&
	    (!lines || c->line_len + (size_t)(nul - s) < INREAD_MAX_LINE))
		return itin_err_at(err, ITIN_EX_DATAERR, c->name, c->line,
				   column(c, s, nul), "NUL byte in input");
	if (lines && !c->long_col && c->line_len + n > INREAD_MAX_LINE)
		c->long_col = column(c, s, s + (INREAD_MAX_LINE - c->line_len));
	c->line_len += n;
	if (n)
		c->last_cr = e[-1] == '\r';
	/* One more byte is allowed when it is the CR of a CR LF. */
	if (c->long_col && !c->counting &&
	    (c->line_len > INREAD_MAX_LINE + 1 || !c->last_cr))
		c->counting = true;
	/* Nothing of a line being counted is kept, in any chunk. */
	if (c->counting && !*stop)
		*stop = s;
	if (nl) {
		if (c->counting)
			return too_long(c, true, err);
		c->line++;
		c->line_len = 0;
		c->col = 0;
		c->long_col = 0;
		c->last_cr = false;
	} else if (!c->counting) {
		c->col += count_chars(s, n);
	}
	return 0;
}

int inread_check_feed(struct inread_check *c, const char *p, size_t n,
		      size_t *keep, struct itin_err *err)
{
	const char *end = p + n, *s = p, *nul, *stop = NULL;

	*keep = n;
	if (!n)
		return 0;
	/* A byte order mark may come a byte at a time (a pipe). */
	for (size_t i = 0; c->bom_match >= 0 && c->bom_match < 3 && i < n; i++)
		c->bom_match = p[i] == "\xEF\xBB\xBF"[c->bom_match]
				   ? c->bom_match + 1
				   : -1;
	c->bom = c->bom_match == 3;
	nul = c->flags & INREAD_NUL ? memchr(p, '\0', n) : NULL;
	while (c->flags && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		if (segment(c, s, nl ? nl : end, nl != NULL, nul, &stop, err))
			return -1;
		s = nl ? nl + 1 : end;
	}
	if (stop)
		*keep = (size_t)(stop - p);
	if (n > c->max_input - c->total) {
		c->total = c->max_input;
		return c->counting ? too_long(c, false, err) : too_big(c, err);
	}
	c->total += n;
	return 0;
}

int inread_check_finish(struct inread_check *c, struct itin_err *err)
{
	if (c->counting ||
	    (c->long_col && c->line_len - c->last_cr > INREAD_MAX_LINE))
		return too_long(c, true, err);
	return 0;
}

/*
 * Append what the check lets us keep; -1 when it failed. sb never holds
 * more than the limit of this input (nor asks for more room than that
 * and a NUL: doubling from 1 GiB to 2 GiB would report memory, not the
 * limit, and take 2 GiB).
 */
static int take(struct inread_check *c, const char *buf, size_t n,
		struct strbuf *sb, struct itin_err *err)
{
	size_t keep, room = c->max_input - c->total, cap;
	int ret = inread_check_feed(c, buf, n, &keep, err);

	/* On a failure the chunk stays, for a caller guessing an encoding;
	 * within one chunk that is bounded, and within the limit. */
	if (ret)
		keep = n;
	if (keep > room)
		keep = room;
	cap = room < SIZE_MAX - sb->len - 1 ? sb->len + room + 1 : SIZE_MAX;
	strbuf_grow_within(sb, keep, cap);
	strbuf_add(sb, buf, keep);
	return ret;
}

int inread_fd(int fd, const char *name, unsigned flags, struct strbuf *sb,
	      struct itin_err *err)
{
	struct inread_check c;
	struct stat st;
	char *buf;
	int ret = -1;

	if (inread_check_init(&c, name, flags, err))
		return -1;
	/* A regular file says its size: one allocation, not a doubling. */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < c.max_input)
		strbuf_grow(sb, (size_t)st.st_size);
	buf = xmalloc(CHUNK);
	for (;;) {
		ssize_t n = read(fd, buf, CHUNK);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			itin_err_set(err, ITIN_EX_IOERR, "cannot read '%s': %s",
				     name, strerror(errno));
			goto out;
		}
		if (!n)
			break;
		if (take(&c, buf, (size_t)n, sb, err))
			goto out;
	}
	ret = inread_check_finish(&c, err);
out:
	free(buf);
	return ret;
}

int inread_fp(FILE *fp, const char *name, unsigned flags, struct strbuf *sb,
	      struct itin_err *err)
{
	struct inread_check c;
	char *buf;
	int ret = -1;

	if (inread_check_init(&c, name, flags, err))
		return -1;
	buf = xmalloc(CHUNK);
	for (;;) {
		size_t n = fread(buf, 1, CHUNK, fp);

		if (n && take(&c, buf, n, sb, err))
			goto out;
		if (n < CHUNK) {
			if (ferror(fp)) {
				itin_err_set(err, ITIN_EX_IOERR,
					     "cannot read '%s': %s", name,
					     strerror(errno));
				goto out;
			}
			break;
		}
	}
	ret = inread_check_finish(&c, err);
out:
	free(buf);
	return ret;
}
