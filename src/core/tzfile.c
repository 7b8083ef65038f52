/*
 * tzfile.c: zones from the system tz database's files (TZif, RFC 8536).
 *
 * A zone is its transition table (the 64-bit v2+ section when present)
 * plus the POSIX TZ string in the file's footer (tzrule.c). Names are
 * looked up only when they look like database entries, and files only
 * read whole when they are small regular files.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/ascii.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"
#include "tz-impl.h"

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static bool read_header(const unsigned char *p, size_t n, size_t at,
			struct tzif_counts *c)
{
	if (n < 44 || at > n - 44 || memcmp(p + at, "TZif", 4) != 0)
		return false;
	p += at;
	c->isutcnt = be32(p + 20);
	c->isstdcnt = be32(p + 24);
	c->leapcnt = be32(p + 28);
	c->timecnt = be32(p + 32);
	c->typecnt = be32(p + 36);
	c->charcnt = be32(p + 40);
	/* Bounds that keep every size below computable without overflow. */
	return c->typecnt >= 1 && c->typecnt <= 256 && c->charcnt >= 1 &&
	       c->charcnt <= TZ_FILE_MAX && c->timecnt <= TZ_FILE_MAX &&
	       c->leapcnt <= TZ_FILE_MAX &&
	       (c->isutcnt == 0 || c->isutcnt == c->typecnt) &&
	       (c->isstdcnt == 0 || c->isstdcnt == c->typecnt);
}

static size_t block_size(const struct tzif_counts *c, size_t tsize)
{
	return (size_t)c->timecnt * (tsize + 1) + (size_t)c->typecnt * 6 +
	       c->charcnt + (size_t)c->leapcnt * (tsize + 4) + c->isstdcnt +
	       c->isutcnt;
}

void tzfile_release(struct tz *tz)
{
	free(tz->memo);
	free(tz->name);
	free(tz->trans);
	free(tz->idx);
	free(tz->types);
}

/* The transition times and their types' indexes, from q on. */
static bool read_transitions(const unsigned char *q,
			     const struct tzif_counts *c, size_t tsize,
			     struct tz *tz)
{
	size_t i;

	tz->ntrans = c->timecnt;
	tz->trans = xmalloc((c->timecnt ? c->timecnt : 1) * sizeof(int64_t));
	tz->idx = xmalloc(c->timecnt ? c->timecnt : 1);
	for (i = 0; i < c->timecnt; i++) {
		tz->trans[i] =
		    tsize == 8 ? be64(q + 8 * i) : (int32_t)be32(q + 4 * i);
		if (i && tz->trans[i] <= tz->trans[i - 1])
			return false;
	}
	q += (size_t)c->timecnt * tsize;
	for (i = 0; i < c->timecnt; i++) {
		tz->idx[i] = q[i];
		if (q[i] >= c->typecnt)
			return false;
	}
	return true;
}

/* The local time types and their abbreviations, from types on. */
static bool read_types(const unsigned char *types, const struct tzif_counts *c,
		       struct tz *tz)
{
	const unsigned char *chars = types + (size_t)c->typecnt * 6;
	size_t i;

	if (chars[c->charcnt - 1] != '\0')
		return false;
	tz->ntypes = c->typecnt;
	tz->types = xcalloc(c->typecnt, sizeof(*tz->types));
	for (i = 0; i < c->typecnt; i++) {
		const unsigned char *t = types + 6 * i;
		int32_t off = (int32_t)be32(t);

		if (off <= -TZ_OFF_LIMIT || off >= TZ_OFF_LIMIT || t[4] > 1 ||
		    t[5] >= c->charcnt)
			return false;
		tz->types[i].off = off;
		tz->types[i].isdst = t[4];
		snprintf(tz->types[i].abbr, sizeof(tz->types[i].abbr), "%s",
			 (const char *)chars + t[5]);
	}
	return true;
}

/*
 * The footer of a v2+ file, from fb (the end of the 64-bit block) to end:
 * "\n" POSIX-TZ "\n". An empty or unusable one leaves the last
 * transition's type in force, as for a v1 file.
 */
static void read_footer(const char *fb, const char *end, struct tz *tz)
{
	const char *fe;
	char footer[256];

	if (fb >= end || *fb != '\n')
		return;
	fb++;
	fe = memchr(fb, '\n', (size_t)(end - fb));
	if (!fe || fe == fb || (size_t)(fe - fb) >= sizeof(footer))
		return;
	memcpy(footer, fb, (size_t)(fe - fb));
	footer[fe - fb] = '\0';
	tz->has_rule = tzrule_parse(footer, &tz->rule);
}

/* Decode a TZif image into tz (name not set). Returns false when the data
 * is not a TZif file we can trust. */
static bool tzif_parse(const unsigned char *p, size_t n, struct tz *tz)
{
	struct tzif_counts c;
	size_t at = 0, tsize = 4;

	if (!read_header(p, n, 0, &c))
		return false;
	if (p[4] >= '2') {
		/* Skip the 32-bit block: the 64-bit one covers all time. */
		at = 44 + block_size(&c, 4);
		if (!read_header(p, n, at, &c))
			return false;
		tsize = 8;
	}
	at += 44;
	if (block_size(&c, tsize) > n - at)
		return false;
	/* Leap-second ("right/") zones count TAI-like seconds; itin's
	 * instants are POSIX seconds, so refuse them rather than be off. */
	if (c.leapcnt)
		return false;
	if (!read_transitions(p + at, &c, tsize, tz) ||
	    !read_types(p + at + (size_t)c.timecnt * (tsize + 1), &c, tz))
		return false;
	if (tsize == 8)
		read_footer((const char *)p + at + block_size(&c, 8),
			    (const char *)p + n, tz);
	return true;
}

const char *tzfile_dir(void)
{
	const char *d = getenv("TZDIR");

	return d && *d ? d : TZ_DEFAULT_DIR;
}

unsigned char *tzfile_read(const char *path, size_t max, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	size_t got = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (size_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/*
 * Only names that look like database entries are looked up: relative,
 * made of [A-Za-z0-9_+-] components separated by single slashes (so no
 * "..", no absolute path). "localtime" is the system's own setting, not a
 * zone name, and means something else on every machine.
 */
bool tzfile_name_is_safe(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 0 || len > TZ_NAME_MAX || name[0] == '/' ||
	    name[len - 1] == '/' || !strcmp(name, "localtime"))
		return false;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)name[i];

		if (ch == '/' && name[i + 1] == '/')
			return false;
		if (!ascii_isalpha(ch) && !ascii_isdigit(ch) && ch != '_' &&
		    ch != '+' && ch != '-' && ch != '/')
			return false;
	}
	return true;
}

struct tz *tzfile_load_path(const char *path, const char *name)
{
	unsigned char *data;
	size_t len = 0;
	struct tz *tz;

	data = tzfile_read(path, TZ_FILE_MAX, &len);
	if (!data)
		return NULL;
	tz = xcalloc(1, sizeof(*tz));
	tz->memo = xcalloc(1, sizeof(*tz->memo));
	if (!tzif_parse(data, len, tz)) {
		free(data);
		tzfile_release(tz);
		free(tz);
		return NULL;
	}
	free(data);
	tz->name = xstrdup(name);
	return tz;
}

struct tz *tzfile_load(const char *name)
{
	struct strbuf path = STRBUF_INIT;
	struct tz *tz;

	strbuf_addf(&path, "%s/%s", tzfile_dir(), name);
	tz = tzfile_load_path(path.buf, name);
	strbuf_release(&path);
	return tz;
}
