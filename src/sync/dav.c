/*
 * dav.c: a CalDAV collection (dav.h): discovery, listing, fetching and
 * conditional writes, on http.h and davxml.h.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/dav.h"
#include "itin/davxml.h"
#include "itin/http.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"
#include "itin/xmldl.h"

/* hrefs per calendar-multiget: a reply of 100 events stays far below
 * HTTP_BODY_MAX, and 10,000 events take 100 round trips, not 10,000. */
#define MULTIGET_BATCH 100
/* Parts of a sync-collection answer a server may page (507) into. */
#define MAX_SYNC_PAGES 10000
/* Redirects followed from /.well-known/caldav (RFC 6764 section 5). */
#define MAX_REDIRECTS 5

struct dav {
	struct http *http;
	char *url;	    /* the collection, absolute, ending in '/' */
	char *path;	    /* its path, to recognise it in listings */
	const char *origin; /* the URL given (dav_opts.url): its server */
	const struct itin_warner *warn;
	int insecure;
	int has_sync;
};

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
#define NS_ATTRS " xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\""
#define XML_TYPE "application/xml; charset=utf-8"

static const char PROPFIND_OPEN[] =
    XML_HEAD "<D:propfind" NS_ATTRS "><D:prop>"
	     "<D:resourcetype/><D:current-user-principal/>"
	     "<C:calendar-home-set/><C:supported-calendar-component-set/>"
	     "<D:supported-report-set/>"
	     "</D:prop></D:propfind>";
static const char PROPFIND_ETAGS[] =
    XML_HEAD "<D:propfind" NS_ATTRS "><D:prop>"
	     "<D:resourcetype/><D:getetag/><D:getcontenttype/>"
	     "</D:prop></D:propfind>";

const char *dav_collection_url(const struct dav *d)
{
	return d->url;
}

int dav_has_sync_collection(const struct dav *d)
{
	return d->has_sync;
}

void dav_close(struct dav *d)
{
	if (!d)
		return;
	http_close(d->http);
	free(d->url);
	free(d->path);
	free(d);
}

void dav_items_free(struct dav_items *items)
{
	size_t i;

	for (i = 0; i < items->n; i++) {
		free(items->v[i].href);
		free(items->v[i].etag);
		free(items->v[i].body);
	}
	free(items->v);
	free(items->sync_token);
	memset(items, 0, sizeof(*items));
}

/* A warning through d->warn (the sync layer never prints). */
static void dav_warning(const struct dav *d, const char *fmt, ...)
    ITIN_PRINTF(2, 3);
static void dav_warning(const struct dav *d, const char *fmt, ...)
{
	struct itin_err w;
	va_list ap;

	if (!d->warn || !d->warn->fn)
		return;
	va_start(ap, fmt);
	itin_err_clear(&w);
	itin_err_vat(&w, 0, NULL, 0, 0, fmt, ap);
	va_end(ap);
	d->warn->fn(d->warn->ctx, &w);
}

/* 0 when url is on the server the user named (scheme, host and port),
 * else 65: discovery never takes the credentials elsewhere. */
static int same_server(const struct dav *d, const char *what, const char *url,
		       struct itin_err *err)
{
	if (http_url_same_origin(d->origin, url))
		return 0;
	return itin_err_set(err, ITIN_EX_DATAERR,
			    "%s: the server names a %s on another server (%s): "
			    "refused; give that URL itself if it is meant",
			    d->origin, what, url);
}

/* --- requests ---------------------------------------------------------------
 */

/* An answer the operation has no use for: 65, the method, URL and status. */
static int unexpected(const char *method, const char *url, long status,
		      struct itin_err *err)
{
	return itin_err_set(err, ITIN_EX_DATAERR,
			    "%s %s: the server answered HTTP %ld", method, url,
			    status);
}

/* A multistatus request: 0 with *ms filled (status 207), 1 with
 * *status_out set when the server answered another status (and
 * status_out is not NULL), -1 on error. */
static int multistatus(struct dav *d, const char *method, const char *url,
		       const char *depth, const char *xml, int pass,
		       struct davxml_ms *ms, long *status_out,
		       struct itin_err *err)
{
	struct http_req req = {0};
	struct http_resp resp;
	int rc;

	memset(ms, 0, sizeof(*ms));
	req.method = method;
	req.url = url;
	req.depth = depth;
	req.content_type = XML_TYPE;
	req.body = xml;
	req.len = strlen(xml);
	req.pass_403 = pass;
	req.pass_5xx = pass;
	if (http_do(d->http, &req, &resp, err))
		return -1;
	if (resp.status == 207) {
		rc = davxml_parse(resp.body, resp.len, url, ms, err);
	} else if (status_out) {
		*status_out = resp.status;
		rc = 1;
	} else {
		rc = unexpected(method, url, resp.status, err);
	}
	http_resp_free(&resp);
	return rc;
}

/* 1 for the characters a path segment may hold as they are (RFC 3986
 * pchar, but '%', which a name given raw is not taken to encode). */
static int segment_char(unsigned char c)
{
	return ascii_isalpha(c) || ascii_isdigit(c) ||
	       (c && strchr("-._~!$&'()*+,;=:@", c));
}

/* 1 when href starts with a scheme ("https://..."). */
static int is_absolute(const char *href)
{
	size_t k = strcspn(href, ":/?#");

	return k && href[k] == ':' && href[k + 1] == '/' && href[k + 2] == '/';
}

/* 1 when seg (as in a URL, %-encoded) is one segment naming a resource:
 * not empty, no '/', '?' or '#', and decoded neither "." nor ".." nor
 * holding a '/' or a NUL (which a server would take as another path). */
static int one_segment(const char *seg)
{
	size_t n = strlen(seg), i, k = 0;
	char *dec;
	int ok;

	if (!n || strpbrk(seg, "/?#"))
		return 0;
	dec = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		int hi = seg[i] == '%' ? ascii_hexval(seg[i + 1]) : -1;
		int lo = hi >= 0 ? ascii_hexval(seg[i + 2]) : -1;

		if (lo >= 0) {
			dec[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			dec[k++] = seg[i];
		}
	}
	ok = !memchr(dec, '/', k) && !memchr(dec, '\0', k) &&
	     !(k == 1 && dec[0] == '.') &&
	     !(k == 2 && dec[0] == '.' && dec[1] == '.');
	free(dec);
	return ok;
}

/*
 * Where href (as a server gives it: a path, an absolute URL, or relative
 * to the collection) lies: 0 the collection itself; 1 a resource in it,
 * *path its path (the collection's and one segment, malloc'd); -1
 * anywhere else (another server, another collection, a sub-collection,
 * ".."), which nothing here ever sends a request to.
 */
static int member_of(const struct dav *d, const char *href, char **path)
{
	size_t n = strlen(d->path);
	char *p = NULL;

	*path = NULL;
	if (href[0] != '/' && !is_absolute(href)) {
		if (!*href)
			return 0;
		if (!one_segment(href))
			return -1;
		p = xmalloc(n + strlen(href) + 1);
		memcpy(p, d->path, n);
		memcpy(p + n, href, strlen(href) + 1);
		*path = p;
		return 1;
	}
	if (href[0] == '/' && href[1] != '/') {
		p = xstrdup(href);
	} else {
		/* "//host/x" (scheme-relative) or "https://host/x". */
		char *abs =
		    http_url_resolve(d->url, href, &(struct itin_err){0});

		if (abs && http_url_same_origin(d->url, abs))
			p = http_url_path(abs, &(struct itin_err){0});
		free(abs);
	}
	if (!p || strncmp(p, d->path, n)) {
		free(p);
		return -1;
	}
	if (!p[n]) {
		free(p);
		return 0;
	}
	if (!one_segment(p + n)) {
		free(p);
		return -1;
	}
	*path = p;
	return 1;
}

/* 1 when the caller's href (a server's, as member_of() takes, or a raw
 * name for member_url()) names a resource in the collection. */
static int in_collection(const struct dav *d, const char *href)
{
	char *p;
	int k;

	if (href[0] != '/' && !is_absolute(href))
		return *href && strcmp(href, ".") && strcmp(href, "..");
	k = member_of(d, href, &p);
	free(p);
	return k == 1;
}

/*
 * The absolute URL of a member: href as the server gives it (a path or an
 * absolute URL, %-encoded already) or a name relative to the collection
 * ("UID.ics"), which is a raw name: %-encoded here, so that a UID with a
 * space or a slash stays one resource in the collection. Anything outside
 * the collection is refused (65): no request ever leaves it.
 */
static char *member_url(const struct dav *d, const char *href,
			struct itin_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;
	char *url;

	if (!in_collection(d, href)) {
		itin_err_set(err, ITIN_EX_DATAERR,
			     "%s: '%s' is not a resource in the collection: "
			     "refused",
			     d->url, href);
		return NULL;
	}
	if (href[0] == '/' || is_absolute(href))
		return http_url_resolve(d->url, href, err);
	for (p = (const unsigned char *)href; *p; p++) {
		if (segment_char(*p))
			strbuf_addch(&sb, *p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	url = http_url_resolve(d->url, sb.buf, err);
	strbuf_release(&sb);
	return url;
}

/* The path of href (a path or an absolute URL), malloc'd, or NULL. */
static char *path_of(const char *href, struct itin_err *err)
{
	return http_url_path(href, err);
}

/* The response in ms about the resource whose path is path, else the
 * first with a 2xx status, else NULL. */
static const struct davxml_resp *self_of(const struct davxml_ms *ms,
					 const char *path)
{
	size_t i;

	for (i = 0; i < ms->n; i++) {
		char *p;
		int same;

		if (!ms->v[i].href)
			continue;
		p = path_of(ms->v[i].href, &(struct itin_err){0});
		same = p && !strcmp(p, path);
		free(p);
		if (same)
			return &ms->v[i];
	}
	for (i = 0; i < ms->n; i++)
		if (ms->v[i].status >= 200 && ms->v[i].status < 300)
			return &ms->v[i];
	return NULL;
}

/* --- discovery --------------------------------------------------------------
 */

/* url with a '/' at the end of its path (a collection's URL). */
static char *as_collection(const char *url, struct itin_err *err)
{
	char *path = path_of(url, err), *out;
	size_t n;

	if (!path)
		return NULL;
	n = strlen(path);
	if (n && path[n - 1] == '/') {
		free(path);
		return xstrdup(url);
	}
	free(path);
	out = xmalloc(strlen(url) + 2);
	n = strlen(url);
	memcpy(out, url, n);
	/* No query or fragment in a collection URL worth keeping. */
	out[n] = '/';
	out[n + 1] = '\0';
	return out;
}

/* PROPFIND Depth 0 of url for the properties discovery reads. 0 with *ms
 * and *status (207, or the server's other answer: 404...), -1 on error.
 * Redirects (a well-known URL's) are followed, each checked against the
 * URL rules, and *final set to the URL that answered. */
static int probe(struct dav *d, const char *url, struct davxml_ms *ms,
		 long *status, char **final, struct itin_err *err)
{
	struct http_req req = {0};
	struct http_resp resp;
	char *cur = xstrdup(url);
	int hops = 0, rc = -1;

	memset(ms, 0, sizeof(*ms));
	for (;;) {
		req.method = "PROPFIND";
		req.url = cur;
		req.depth = "0";
		req.content_type = XML_TYPE;
		req.body = PROPFIND_OPEN;
		req.len = strlen(PROPFIND_OPEN);
		if (http_do(d->http, &req, &resp, err))
			break;
		if (resp.status >= 300 && resp.status < 400 && resp.location &&
		    hops < MAX_REDIRECTS) {
			char *next = http_url_resolve(cur, resp.location, err);

			http_resp_free(&resp);
			if (!next || http_url_allowed(next, d->insecure, err) ||
			    same_server(d, "redirect", next, err)) {
				free(next);
				break;
			}
			free(cur);
			cur = next;
			hops++;
			continue;
		}
		*status = resp.status;
		rc = resp.status == 207
			 ? davxml_parse(resp.body, resp.len, cur, ms, err)
			 : 0;
		http_resp_free(&resp);
		break;
	}
	if (rc == 0)
		*final = cur;
	else
		free(cur);
	return rc;
}

/* The collection found at url: 1 (d->url set), 0 not a calendar (with
 * the principal or home it names, if any, in *principal / *home), -1. */
static int try_collection(struct dav *d, const char *url, char **principal,
			  char **home, struct itin_err *err)
{
	struct davxml_ms ms;
	const struct davxml_resp *self;
	long status = 0;
	char *final = NULL, *path;
	int rc = 0;

	if (probe(d, url, &ms, &status, &final, err))
		return -1;
	path = path_of(final, err);
	self = status == 207 && path ? self_of(&ms, path) : NULL;
	if (self && self->is_calendar) {
		if (self->vevent == 0) {
			rc = itin_err_set(err, ITIN_EX_DATAERR,
					  "%s: the calendar holds no events "
					  "(VEVENT)",
					  final);
		} else {
			d->url = as_collection(final, err);
			d->has_sync = self->sync_collection;
			rc = d->url ? 1 : -1;
		}
	} else if (self) {
		if (self->principal && principal && !*principal)
			*principal =
			    http_url_resolve(final, self->principal, err);
		if (self->home_set && home && !*home)
			*home = http_url_resolve(final, self->home_set, err);
		if ((principal && *principal &&
		     same_server(d, "principal", *principal, err)) ||
		    (home && *home &&
		     same_server(d, "calendar home", *home, err)))
			rc = -1;
	}
	free(path);
	free(final);
	davxml_free(&ms);
	return rc;
}

/* The first calendar holding events in the home (Depth 1). */
static int pick_in_home(struct dav *d, const char *home, struct itin_err *err)
{
	struct davxml_ms ms;
	char *home_path = path_of(home, err);
	size_t i;
	int rc = 0;

	if (!home_path)
		return -1;
	if (multistatus(d, "PROPFIND", home, "1", PROPFIND_OPEN, 0, &ms, NULL,
			err)) {
		free(home_path);
		return -1;
	}
	for (i = 0; i < ms.n && !rc; i++) {
		const struct davxml_resp *r = &ms.v[i];
		char *p;

		if (!r->href || r->status != 200 || !r->is_calendar ||
		    r->vevent == 0)
			continue;
		p = path_of(r->href, err);
		if (p && strcmp(p, home_path)) {
			char *u = http_url_resolve(home, r->href, err);

			if (u && same_server(d, "calendar", u, err)) {
				free(u);
				u = NULL;
			}
			d->url = u ? as_collection(u, err) : NULL;
			free(u);
			d->has_sync = r->sync_collection;
			rc = d->url ? 1 : -1;
		}
		free(p);
	}
	davxml_free(&ms);
	free(home_path);
	return rc;
}

/* RFC 6764 and RFC 4791 section 6.2: from a server root (or any URL that
 * is not a calendar) to the user's first calendar holding events. */
static int discover(struct dav *d, const char *url, struct itin_err *err)
{
	char *principal = NULL, *home = NULL, *wk;
	int rc;

	rc = try_collection(d, url, &principal, &home, err);
	if (rc) {
		free(principal);
		free(home);
		return rc < 0 ? -1 : 0;
	}
	if (!principal && !home) {
		wk = http_url_resolve(url, "/.well-known/caldav", err);
		if (!wk)
			return -1;
		rc = try_collection(d, wk, &principal, &home, err);
		free(wk);
		if (rc) {
			free(principal);
			free(home);
			return rc < 0 ? -1 : 0;
		}
	}
	if (principal && !home) {
		rc = try_collection(d, principal, NULL, &home, err);
		if (rc) {
			free(principal);
			free(home);
			return rc < 0 ? -1 : 0;
		}
	}
	rc = home ? pick_in_home(d, home, err) : 0;
	if (rc == 0)
		rc = itin_err_set(err, ITIN_EX_DATAERR,
				  "%s: no calendar collection holding events "
				  "found there (%s)",
				  url,
				  home	      ? "none in the calendar home"
				  : principal ? "the principal names no "
						"calendar home"
					      : "not a calendar, and no "
						"principal named");
	free(principal);
	free(home);
	return rc < 0 ? -1 : 0;
}

int dav_open(struct dav **out, const struct dav_opts *opts,
	     struct itin_err *err)
{
	struct http_conf conf = {0};
	struct dav *d;

	*out = NULL;
	if (!opts->url || !*opts->url)
		return itin_err_set(err, ITIN_EX_USAGE, "no CalDAV URL given");
	conf.user = opts->user;
	conf.password = opts->password;
	conf.password_cmd = opts->password_cmd;
	conf.cafile = opts->cafile;
	conf.insecure = opts->insecure;
	conf.timeout_ms = opts->timeout_ms;
	conf.retries = opts->retries;
	d = xcalloc(1, sizeof(*d));
	d->insecure = opts->insecure;
	d->origin = opts->url;
	d->warn = opts->warn;
	/* The URL's rules before anything is sent; libcurl (which parses
	 * it) is opened by http_open(), libxml2 now, so that a missing one
	 * is said before the first request. */
	if (http_open(&d->http, &conf, err) ||
	    http_url_allowed(opts->url, opts->insecure, err) ||
	    xml_lib_load(err) || discover(d, opts->url, err)) {
		dav_close(d);
		return -1;
	}
	d->path = path_of(d->url, err);
	if (!d->path) {
		dav_close(d);
		return -1;
	}
	/* opts->url is the caller's only while dav_open() runs. */
	d->origin = d->url;
	*out = d;
	return 0;
}

/* --- listing ----------------------------------------------------------------
 */

/* A calendar resource, not the collection nor anything else in it. */
static int is_event_resource(const struct davxml_resp *r, const char *path)
{
	size_t n = strlen(path);

	if (r->is_collection)
		return 0;
	if (r->content_type)
		return !ascii_ncasecmp(r->content_type, "text/calendar", 13);
	return n > 4 && !ascii_casecmp(path + n - 4, ".ics");
}

static void add_item(struct dav_items *out, size_t *alloc, char *href,
		     const char *etag)
{
	struct dav_item *it;

	out->v = xgrow(out->v, alloc, out->n + 1, sizeof(*out->v));
	it = &out->v[out->n++];
	memset(it, 0, sizeof(*it));
	it->href = href;
	it->etag = xstrdup_or_null(etag);
}

/* ms's members appended to out: changed (an etag) or, when deletions is
 * set, gone (404, etag NULL). *truncated (when not NULL) is set when the
 * server says the collection's own answer is 507: more to come (RFC 6578
 * section 3.6). */
static int collect(struct dav *d, const struct davxml_ms *ms, int deletions,
		   int *truncated, struct dav_items *out, struct itin_err *err)
{
	size_t i, alloc = out->n;

	(void)err;
	for (i = 0; i < ms->n; i++) {
		const struct davxml_resp *r = &ms->v[i];
		int gone, where;
		char *path;

		if (!r->href)
			continue;
		where = member_of(d, r->href, &path);
		if (where == 0) {
			if (r->status == 507 && truncated)
				*truncated = 1;
			continue;
		}
		gone = r->status == 404 && deletions;
		if (!gone && !(r->status == 200 && r->etag &&
			       is_event_resource(r, r->href))) {
			free(path);
		} else if (where < 0) {
			dav_warning(
			    d,
			    "%s: the server lists '%s', which is not in the "
			    "collection: ignored",
			    d->url, r->href);
		} else {
			add_item(out, &alloc, path, gone ? NULL : r->etag);
		}
	}
	return 0;
}

static int list_propfind(struct dav *d, struct dav_items *out,
			 struct itin_err *err)
{
	struct davxml_ms ms;
	int rc;

	if (multistatus(d, "PROPFIND", d->url, "1", PROPFIND_ETAGS, 0, &ms,
			NULL, err))
		return -1;
	rc = collect(d, &ms, 0, NULL, out, err);
	out->full = 1;
	davxml_free(&ms);
	return rc;
}

/* RFC 6578: what changed since token, appended to out (its token
 * replaced); *more set when the server gave only part. 0 listed, 1 the
 * server refused the token, -1 error. */
static int list_sync(struct dav *d, const char *token, struct dav_items *out,
		     int *more, struct itin_err *err)
{
	struct strbuf xml = STRBUF_INIT;
	struct davxml_ms ms;
	long status = 0;
	int rc;

	strbuf_addstr(&xml, XML_HEAD "<D:sync-collection" NS_ATTRS ">");
	if (token) {
		char *t = davxml_escape(token);

		strbuf_addf(&xml, "<D:sync-token>%s</D:sync-token>", t);
		free(t);
	} else {
		strbuf_addstr(&xml, "<D:sync-token/>");
	}
	strbuf_addstr(&xml, "<D:sync-level>1</D:sync-level><D:prop>"
			    "<D:getetag/><D:getcontenttype/>"
			    "</D:prop></D:sync-collection>");
	/* A stale token is refused with 403 or 409 and DAV:valid-sync-token
	 * (RFC 6578 section 3.2), or (xandikos) a 500: with a token, any
	 * refusal means "list it all" (and a server truly failing fails
	 * that listing, with its retries). */
	rc = multistatus(d, "REPORT", d->url, "0", xml.buf, token != NULL, &ms,
			 token ? &status : NULL, err);
	strbuf_release(&xml);
	if (rc)
		return rc;
	*more = 0;
	rc = collect(d, &ms, token != NULL, more, out, err);
	out->full = token == NULL;
	free(out->sync_token);
	out->sync_token = ms.sync_token;
	ms.sync_token = NULL;
	/* No new token: asking again would give the same part. */
	if (!out->sync_token)
		*more = 0;
	davxml_free(&ms);
	return rc;
}

int dav_list(struct dav *d, const char *token, struct dav_items *out,
	     struct itin_err *err)
{
	int rc, more = 0, full, pages;

	memset(out, 0, sizeof(*out));
	if (d->has_sync) {
		rc = list_sync(d, token && *token ? token : NULL, out, &more,
			       err);
		if (rc == 1) {
			dav_items_free(out);
			rc = list_sync(d, NULL, out, &more, err);
		}
		/* A server that pages its answer: the rest, from the token
		 * of each part; the whole is still a full listing when the
		 * first part was. An href may then come twice: the last
		 * says how it is now. */
		full = out->full;
		for (pages = 0; rc == 0 && more && pages < MAX_SYNC_PAGES;
		     pages++)
			rc = list_sync(d, out->sync_token, out, &more, err);
		if (rc == 1 || (rc == 0 && more))
			rc = itin_err_set(err, ITIN_EX_DATAERR,
					  "%s: the server's listing in parts "
					  "did not come to an end",
					  d->url);
		out->full = full;
	} else {
		rc = list_propfind(d, out, err);
	}
	if (rc)
		dav_items_free(out);
	return rc ? -1 : 0;
}

/* --- fetching ---------------------------------------------------------------
 */

static void add_body(struct dav_items *out, size_t *alloc, char *href,
		     const char *etag, const char *body, size_t len)
{
	add_item(out, alloc, href, etag);
	out->v[out->n - 1].body = xstrndup(body, len);
	out->v[out->n - 1].len = len;
}

/* GET one: 0 (added to out, or gone), -1. */
static int fetch_one(struct dav *d, const char *href, struct dav_items *out,
		     size_t *alloc, struct itin_err *err)
{
	struct http_req req = {0};
	struct http_resp resp;
	char *url = member_url(d, href, err), *path;
	int rc = 0;

	if (!url)
		return -1;
	req.method = "GET";
	req.url = url;
	if (http_do(d->http, &req, &resp, err)) {
		free(url);
		return -1;
	}
	if (resp.status == 200) {
		path = path_of(url, err);
		if (path)
			add_body(out, alloc, path, resp.etag, resp.body,
				 resp.len);
		else
			rc = -1;
	} else if (resp.status != 404 && resp.status != 410) {
		rc = unexpected("GET", url, resp.status, err);
	}
	http_resp_free(&resp);
	free(url);
	return rc;
}

/* calendar-multiget of hrefs[0..n): 0, 1 the server has no multiget
 * (the caller GETs), -1. */
static int multiget(struct dav *d, const char *const *hrefs, size_t n,
		    struct dav_items *out, size_t *alloc, struct itin_err *err)
{
	struct strbuf xml = STRBUF_INIT;
	struct davxml_ms ms;
	long status = 0;
	size_t i;
	int rc;

	strbuf_addstr(&xml, XML_HEAD "<C:calendar-multiget" NS_ATTRS ">"
				     "<D:prop><D:getetag/><C:calendar-data/>"
				     "</D:prop>");
	for (i = 0; i < n; i++) {
		char *u = member_url(d, hrefs[i], err), *p, *e;

		p = u ? path_of(u, err) : NULL;
		free(u);
		if (!p) {
			strbuf_release(&xml);
			return -1;
		}
		e = davxml_escape(p);
		strbuf_addf(&xml, "<D:href>%s</D:href>", e);
		free(e);
		free(p);
	}
	strbuf_addstr(&xml, "</C:calendar-multiget>");
	rc = multistatus(d, "REPORT", d->url, "1", xml.buf, 1, &ms, &status,
			 err);
	strbuf_release(&xml);
	if (rc == 1)
		return status >= 500 || status == 400 || status == 403 ||
			       status == 405 || status == 415 ||
			       status == 422 || status == 501
			   ? 1
			   : unexpected("REPORT", d->url, status, err);
	if (rc)
		return -1;
	for (i = 0; i < ms.n && !rc; i++) {
		const struct davxml_resp *r = &ms.v[i];
		char *path;

		if (!r->href || r->status != 200 || !r->data)
			continue;
		if (member_of(d, r->href, &path) == 1)
			add_body(out, alloc, path, r->etag, r->data,
				 r->data_len);
		else {
			free(path);
			dav_warning(
			    d,
			    "%s: the server sends '%s', which is not in the "
			    "collection: ignored",
			    d->url, r->href);
		}
	}
	davxml_free(&ms);
	return rc;
}

int dav_fetch(struct dav *d, const char *const *hrefs_in, size_t n_in,
	      struct dav_items *out, struct itin_err *err)
{
	const char **hrefs = xmalloc((n_in ? n_in : 1) * sizeof(*hrefs));
	size_t i, j, n = 0, alloc = 0;
	int rc = 0, use_get = 0;

	memset(out, 0, sizeof(*out));
	/* Nothing is asked for outside the collection. */
	for (i = 0; i < n_in; i++) {
		if (in_collection(d, hrefs_in[i]))
			hrefs[n++] = hrefs_in[i];
		else
			dav_warning(
			    d, "%s: '%s' is not in the collection: not fetched",
			    d->url, hrefs_in[i]);
	}
	for (i = 0; i < n && !rc; i += MULTIGET_BATCH) {
		size_t k = n - i < MULTIGET_BATCH ? n - i : MULTIGET_BATCH;

		if (!use_get) {
			rc = multiget(d, hrefs + i, k, out, &alloc, err);
			if (rc != 1)
				continue;
			/* Refused: one by one, from now on. */
			use_get = 1;
			rc = 0;
		}
		for (j = 0; j < k && !rc; j++)
			rc = fetch_one(d, hrefs[i + j], out, &alloc, err);
	}
	free(hrefs);
	if (rc)
		dav_items_free(out);
	return rc ? -1 : 0;
}

/* --- writing ----------------------------------------------------------------
 */

int dav_put(struct dav *d, const char *href, const char *body, size_t len,
	    const char *if_match, char **etag_out, struct itin_err *err)
{
	struct http_req req = {0};
	struct http_resp resp;
	char *url = member_url(d, href, err);
	int rc;

	if (etag_out)
		*etag_out = NULL;
	if (!url)
		return -1;
	req.method = "PUT";
	req.url = url;
	req.content_type = "text/calendar; charset=utf-8";
	req.body = body;
	req.len = len;
	if (if_match)
		req.if_match = if_match;
	else
		req.if_none_match = "*";
	if (http_do(d->http, &req, &resp, err)) {
		free(url);
		return -1;
	}
	if (resp.status == 200 || resp.status == 201 || resp.status == 204) {
		if (etag_out) {
			*etag_out = resp.etag;
			resp.etag = NULL;
		}
		rc = DAV_DONE;
	} else if (resp.status == 412) {
		rc = DAV_PRECONDITION;
	} else {
		rc = itin_err_set(err, ITIN_EX_DATAERR,
				  "PUT %s: the server refused it (HTTP %ld)",
				  url, resp.status);
	}
	http_resp_free(&resp);
	free(url);
	return rc;
}

int dav_delete(struct dav *d, const char *href, const char *if_match,
	       struct itin_err *err)
{
	struct http_req req = {0};
	struct http_resp resp;
	char *url = member_url(d, href, err);
	int rc;

	if (!url)
		return -1;
	req.method = "DELETE";
	req.url = url;
	req.if_match = if_match;
	if (http_do(d->http, &req, &resp, err)) {
		free(url);
		return -1;
	}
	if ((resp.status >= 200 && resp.status < 300) || resp.status == 404 ||
	    resp.status == 410)
		rc = DAV_DONE;
	else if (resp.status == 412)
		rc = DAV_PRECONDITION;
	else
		rc = itin_err_set(err, ITIN_EX_DATAERR,
				  "DELETE %s: the server refused it (HTTP %ld)",
				  url, resp.status);
	http_resp_free(&resp);
	free(url);
	return rc;
}
