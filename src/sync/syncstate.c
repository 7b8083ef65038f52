/*
 * syncstate.c: the sync state beside the store (syncstate.h): its lock,
 * its text format, and its atomic replacement.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itin/fsutil.h"
#include "itin/storelock.h"
#include "itin/strbuf.h"
#include "itin/syncstate.h"
#include "itin/xalloc.h"

#define STATE_MAGIC "itin-sync"
#define STATE_VERSION "1"
/* A state file larger than this is not one itin wrote. */
#define STATE_MAX_SIZE (1024L * 1024 * 1024)

char *syncstate_path(const char *store_path)
{
	char *real = fs_resolve_path(store_path);
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, real ? real : store_path);
	strbuf_addstr(&sb, ".sync");
	free(real);
	return strbuf_detach(&sb, NULL);
}

struct syncstate_remote *syncstate_remote(struct syncstate *st, const char *url)
{
	struct syncstate_remote *r;
	size_t i;

	for (i = 0; i < st->n; i++)
		if (!strcmp(st->v[i].url, url))
			return &st->v[i];
	if (st->n == st->alloc) {
		st->alloc = st->alloc ? 2 * st->alloc : 4;
		st->v = xrealloc(st->v, st->alloc * sizeof(*st->v));
	}
	r = &st->v[st->n++];
	memset(r, 0, sizeof(*r));
	r->url = xstrdup(url);
	return r;
}

long syncstate_find(const struct syncstate_remote *r, const char *href)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].href, href))
			return (long)i;
	return -1;
}

struct syncstate_res *syncstate_add(struct syncstate_remote *r,
				    const char *href, const char *etag,
				    uint64_t local_hash, uint64_t remote_hash,
				    const char *const *ids, size_t nids)
{
	struct syncstate_res *res;
	size_t i;

	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->v = xrealloc(r->v, r->alloc * sizeof(*r->v));
	}
	res = &r->v[r->n++];
	res->href = xstrdup(href);
	res->etag = etag && *etag ? xstrdup(etag) : NULL;
	res->local_hash = local_hash;
	res->remote_hash = remote_hash;
	res->nids = nids;
	res->ids = xcalloc(nids ? nids : 1, sizeof(*res->ids));
	for (i = 0; i < nids; i++)
		res->ids[i] = xstrdup(ids[i]);
	return res;
}

static void res_release(struct syncstate_res *res)
{
	size_t i;

	for (i = 0; i < res->nids; i++)
		free(res->ids[i]);
	free(res->ids);
	free(res->href);
	free(res->etag);
}

void syncstate_remote_clear(struct syncstate_remote *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		res_release(&r->v[i]);
	r->n = 0;
	free(r->token);
	r->token = NULL;
}

void syncstate_set_token(struct syncstate_remote *r, const char *token)
{
	free(r->token);
	r->token = token && *token ? xstrdup(token) : NULL;
}

void syncstate_release(struct syncstate *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		syncstate_remote_clear(&st->v[i]);
		free(st->v[i].v);
		free(st->v[i].url);
	}
	free(st->v);
	/* Still locked: no other sync can have written it meanwhile. */
	if (st->created && st->lock_fd >= 0 && st->path)
		unlink(st->path);
	free(st->path);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	memset(st, 0, sizeof(*st));
	st->lock_fd = -1;
}

/* ---- the text format ---- */

static void put_field(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '\t');
	for (; s && *s; s++) {
		if (*s == '\t')
			strbuf_addstr(sb, "\\t");
		else if (*s == '\n')
			strbuf_addstr(sb, "\\n");
		else if (*s == '\\')
			strbuf_addstr(sb, "\\\\");
		else
			strbuf_addch(sb, *s);
	}
}

static void put_hash(struct strbuf *sb, uint64_t h)
{
	strbuf_addf(sb, "\t%016" PRIx64, h);
}

void syncstate_format(const struct syncstate *st, struct strbuf *out)
{
	size_t i, j, k;

	strbuf_addstr(out, STATE_MAGIC "\t" STATE_VERSION "\n");
	for (i = 0; i < st->n; i++) {
		const struct syncstate_remote *r = &st->v[i];

		strbuf_addstr(out, "remote");
		put_field(out, r->url);
		put_field(out, r->token);
		strbuf_addch(out, '\n');
		for (j = 0; j < r->n; j++) {
			const struct syncstate_res *res = &r->v[j];

			strbuf_addstr(out, "res");
			put_field(out, res->href);
			put_field(out, res->etag);
			put_hash(out, res->local_hash);
			put_hash(out, res->remote_hash);
			strbuf_addch(out, '\t');
			for (k = 0; k < res->nids; k++) {
				if (k)
					strbuf_addch(out, ' ');
				strbuf_addstr(out, res->ids[k]);
			}
			strbuf_addch(out, '\n');
		}
	}
}

#define MAX_FIELDS 6

/* Split line [s, e) at tabs into unescaped fields (new strings). */
static int split_line(const char *s, const char *e, char **f, size_t *nf,
		      const char *fname, long line, struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	*nf = 0;
	for (p = s;; p++) {
		if (p == e || *p == '\t') {
			if (*nf == MAX_FIELDS) {
				strbuf_release(&sb);
				return itin_err_at(err, ITIN_EX_DATAERR, fname,
						   line, p - s + 1,
						   "too many fields");
			}
			f[(*nf)++] = strbuf_detach(&sb, NULL);
			if (p == e)
				return 0;
			continue;
		}
		if (*p == '\\') {
			if (p + 1 == e || !strchr("tn\\", p[1])) {
				strbuf_release(&sb);
				return itin_err_at(err, ITIN_EX_DATAERR, fname,
						   line, p - s + 1,
						   "bad escape");
			}
			p++;
			strbuf_addch(&sb, *p == 't' ? '\t'
					  : *p == 'n' ? '\n'
						      : '\\');
			continue;
		}
		strbuf_addch(&sb, *p);
	}
}

static int parse_hash(const char *s, uint64_t *h)
{
	char *end;

	if (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)
		return -1;
	errno = 0;
	*h = strtoull(s, &end, 16);
	return errno || *end ? -1 : 0;
}

/* "A B C" into a new array of new strings. */
static char **split_ids(const char *s, size_t *n)
{
	char **v = NULL;
	size_t alloc = 0;

	*n = 0;
	while (*s) {
		size_t len = strcspn(s, " ");

		if (len) {
			if (*n == alloc) {
				alloc = alloc ? 2 * alloc : 4;
				v = xrealloc(v, alloc * sizeof(*v));
			}
			v[(*n)++] = xstrndup(s, len);
		}
		s += len;
		if (*s)
			s++;
	}
	return v;
}

static int parse_record(struct syncstate *st, struct syncstate_remote **cur,
			char **f, size_t nf, const char *fname, long line,
			struct itin_err *err)
{
	if (!strcmp(f[0], "remote")) {
		if (nf != 3 || !*f[1])
			return itin_err_at(err, ITIN_EX_DATAERR, fname, line, 1,
					   "a remote needs a URL and a token");
		*cur = syncstate_remote(st, f[1]);
		syncstate_set_token(*cur, f[2]);
		return 0;
	}
	if (!strcmp(f[0], "res")) {
		uint64_t lh, rh;
		size_t nids, i;
		char **ids;

		if (!*cur)
			return itin_err_at(err, ITIN_EX_DATAERR, fname, line, 1,
					   "a resource before any remote");
		if (nf != 6 || !*f[1] || parse_hash(f[3], &lh) ||
		    parse_hash(f[4], &rh))
			return itin_err_at(err, ITIN_EX_DATAERR, fname, line, 1,
					   "a resource needs HREF, ETAG, two "
					   "hashes and ids");
		ids = split_ids(f[5], &nids);
		syncstate_add(*cur, f[1], f[2], lh, rh,
			      (const char *const *)ids, nids);
		for (i = 0; i < nids; i++)
			free(ids[i]);
		free(ids);
		return 0;
	}
	return itin_err_at(err, ITIN_EX_DATAERR, fname, line, 1,
			   "unknown record '%s'", f[0]);
}

int syncstate_parse(struct syncstate *st, const char *text, size_t len,
		    const char *fname, struct itin_err *err)
{
	struct syncstate_remote *cur = NULL;
	const char *p = text, *end = text + len;
	long line = 0;
	int ret = 0;

	while (p < end && !ret) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		char *f[MAX_FIELDS];
		size_t nf = 0, i;

		line++;
		if (!nl)
			return itin_err_at(err, ITIN_EX_DATAERR, fname, line,
					   0, "the last line is cut short");
		if (split_line(p, e, f, &nf, fname, line, err))
			return -1;
		if (line == 1) {
			if (nf != 2 || strcmp(f[0], STATE_MAGIC) ||
			    strcmp(f[1], STATE_VERSION))
				ret = itin_err_at(err, ITIN_EX_DATAERR, fname,
						  1, 1,
						  "not an itin sync state of "
						  "version " STATE_VERSION);
		} else {
			ret = parse_record(st, &cur, f, nf, fname, line, err);
		}
		for (i = 0; i < nf; i++)
			free(f[i]);
		p = e + 1;
	}
	return ret;
}

/* ---- the file ---- */

static int read_fd(int fd, const char *path, struct strbuf *sb,
		   struct itin_err *err)
{
	char buf[65536];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return itin_err_set(err, ITIN_EX_IOERR,
					    "cannot read '%s': %s", path,
					    strerror(errno));
		if (n == 0)
			return 0;
		if (sb->len + (size_t)n > (size_t)STATE_MAX_SIZE)
			return itin_err_set(err, ITIN_EX_DATAERR,
					    "'%s' is too large for a sync "
					    "state",
					    path);
		strbuf_add(sb, buf, (size_t)n);
	}
}

int syncstate_open(struct syncstate *st, const char *store_path, bool writer,
		   struct itin_err *err)
{
	struct strbuf text = STRBUF_INIT;
	int created = 0, fd;

	memset(st, 0, sizeof(*st));
	st->path = syncstate_path(store_path);
	fd = storelock_open(st->path, st->path,
			    writer ? STORELOCK_EXCL : STORELOCK_SHARED,
			    &created, err);
	if (fd == -2) { /* a reader, and no state yet: empty */
		st->lock_fd = -1;
		return 0;
	}
	st->lock_fd = fd;
	if (fd < 0)
		goto fail;
	st->created = created != 0;
	if (lseek(fd, 0, SEEK_SET) < 0 || read_fd(fd, st->path, &text, err))
		goto fail;
	if (text.len && syncstate_parse(st, text.buf, text.len, st->path, err))
		goto fail;
	strbuf_release(&text);
	return 0;
fail:
	strbuf_release(&text);
	syncstate_release(st);
	return -1;
}

int syncstate_write(struct syncstate *st, struct itin_err *err)
{
	struct strbuf text = STRBUF_INIT;
	int ret;

	syncstate_format(st, &text);
	ret = fs_replace_file(st->path, text.buf, text.len, 0600, err);
	strbuf_release(&text);
	if (ret == 0)
		st->created = false;
	return ret;
}
