/*
 * http.c: requests on a kept libcurl easy handle, with the rules of
 * http.h (TLS, loopback, credentials, retries, the body's cap).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "curldl.h"
#include "itin/ascii.h"
#include "itin/http.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"

struct http {
	CURL *curl;
	char *user;
	char *password;	    /* explicit, or from password_cmd once it ran */
	char *password_cmd; /* NULL once run (or when none) */
	char *cafile;
	char *netrc_file; /* $NETRC, or NULL: curl's ~/.netrc */
	long timeout_ms;
	int retries;
	long body_max;
	int insecure;
	char errbuf[CURL_ERROR_SIZE];
};

/* What one transfer gathers; reset before every try. */
struct transfer {
	struct strbuf body;
	long body_max;
	int too_big;
	char *etag;
	char *location;
	char *content_type;
};

static void transfer_reset(struct transfer *t)
{
	strbuf_reset(&t->body);
	t->too_big = 0;
	free(t->etag);
	free(t->location);
	free(t->content_type);
	t->etag = t->location = t->content_type = NULL;
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	size_t len = size * n;

	/* Refused as it arrives: a hostile or broken server cannot make us
	 * hold more than body_max. Returning less than len stops curl. */
	if (t->body.len + len > (size_t)t->body_max) {
		t->too_big = 1;
		return 0;
	}
	strbuf_add(&t->body, data, len);
	return len;
}

/* "Name: value\r\n" into *field when the name is name. */
static void header_field(const char *line, size_t len, const char *name,
			 char **field)
{
	size_t nlen = strlen(name);
	const char *v, *e;

	if (len <= nlen || line[nlen] != ':' ||
	    ascii_ncasecmp(line, name, nlen))
		return;
	v = line + nlen + 1;
	e = line + len;
	ascii_trim_blank(&v, &e);
	while (e > v && (e[-1] == '\r' || e[-1] == '\n'))
		e--;
	free(*field);
	*field = xstrndup(v, (size_t)(e - v));
}

static size_t on_header(char *line, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	size_t len = size * n;

	/* A new status line (after a 100 Continue or a 401 that curl
	 * answers itself) starts a new set of headers. */
	if (len >= 5 && !memcmp(line, "HTTP/", 5)) {
		free(t->etag);
		free(t->location);
		free(t->content_type);
		t->etag = t->location = t->content_type = NULL;
		return len;
	}
	header_field(line, len, "ETag", &t->etag);
	header_field(line, len, "Location", &t->location);
	header_field(line, len, "Content-Type", &t->content_type);
	return len;
}

int http_open(struct http **out, const struct http_conf *conf,
	      struct itin_err *err)
{
	struct http *h;
	const char *netrc = getenv("NETRC");

	*out = NULL;
	if (curl_lib_load(err))
		return -1;
	h = xcalloc(1, sizeof(*h));
	h->curl = curl_easy_init();
	if (!h->curl) {
		free(h);
		return itin_err_set(err, ITIN_EX_UNAVAILABLE,
				    "libcurl cannot make a handle");
	}
	h->user = xstrdup_or_null(conf->user);
	h->password = conf->user ? xstrdup_or_null(conf->password) : NULL;
	h->password_cmd = xstrdup_or_null(conf->password_cmd);
	h->cafile = xstrdup_or_null(conf->cafile);
	h->netrc_file = netrc && *netrc ? xstrdup(netrc) : NULL;
	h->timeout_ms =
	    conf->timeout_ms > 0 ? conf->timeout_ms : HTTP_TIMEOUT_MS_DEFAULT;
	h->retries = conf->retries > 0	 ? conf->retries
		     : conf->retries < 0 ? 0
					 : HTTP_RETRIES_DEFAULT;
	h->body_max = conf->body_max > 0 ? conf->body_max : HTTP_BODY_MAX;
	h->insecure = conf->insecure;
	*out = h;
	return 0;
}

/* Overwritten before it is freed: a password lingers in no free block. */
static void free_secret(char *s)
{
	if (s) {
		volatile char *p = s;

		while (*p)
			*p++ = 0;
		free(s);
	}
}

void http_close(struct http *h)
{
	if (!h)
		return;
	curl_easy_cleanup(h->curl);
	free(h->user);
	free_secret(h->password);
	free(h->password_cmd);
	free(h->cafile);
	free(h->netrc_file);
	free(h);
}

void http_resp_free(struct http_resp *resp)
{
	free(resp->etag);
	free(resp->location);
	free(resp->content_type);
	free(resp->body);
	memset(resp, 0, sizeof(*resp));
}

/* --- URLs ----------------------------------------------------------------- */

/* 1 when host (as curl gives it: "[::1]" for IPv6) is this machine. */
static int is_loopback(const char *host)
{
	unsigned char a4[4];

	if (!ascii_casecmp(host, "localhost") ||
	    !ascii_casecmp(host, "localhost."))
		return 1;
	if (!strcmp(host, "[::1]"))
		return 1;
	return inet_pton(AF_INET, host, a4) == 1 && a4[0] == 127;
}

int http_url_has_userinfo(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (!p)
		return 0;
	p += 3;
	n = strcspn(p, "/?#");
	return memchr(p, '@', n) != NULL;
}

int http_url_allowed(const char *url, int insecure, struct itin_err *err)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	int rc = 0;

	/* Said before anything else, and without the URL: it may hold a
	 * password, which an error message would print. */
	if (http_url_has_userinfo(url))
		return itin_err_set(err, ITIN_EX_USAGE,
				    "a URL with a user or password in it is "
				    "refused: put the user in ~/.netrc or "
				    "--user, not in the URL");
	u = curl_url();
	if (!u)
		return itin_err_set(err, ITIN_EX_OSERR, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		rc = itin_err_set(err, ITIN_EX_USAGE,
				  "'%s' is not a URL (https://HOST/PATH)", url);
	} else if (ascii_casecmp(scheme, "https") &&
		   ascii_casecmp(scheme, "http")) {
		rc = itin_err_set(err, ITIN_EX_USAGE,
				  "%s: only https:// (or http:// to this "
				  "machine) is spoken",
				  url);
	} else if (!ascii_casecmp(scheme, "http") && !insecure &&
		   !is_loopback(host)) {
		rc = itin_err_set(err, ITIN_EX_USAGE,
				  "%s: plain http would send the password to "
				  "%s in clear; use https, or --insecure",
				  url, host);
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

/* The parts of url that name its server; 0, or -1 (not a URL). */
static int origin_of(const char *url, char **scheme, char **host, char **port)
{
	CURLU *u = curl_url();
	int rc = -1;

	*scheme = *host = *port = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, port, CURLU_DEFAULT_PORT) ==
		CURLUE_OK)
		rc = 0;
	curl_url_cleanup(u);
	return rc;
}

int http_url_same_origin(const char *a, const char *b)
{
	char *sa, *ha, *pa, *sb, *hb, *pb;
	int ra = origin_of(a, &sa, &ha, &pa), rb = origin_of(b, &sb, &hb, &pb);
	int same = !ra && !rb && !ascii_casecmp(sa, sb) &&
		   !ascii_casecmp(ha, hb) && !strcmp(pa, pb);

	curl_free(sa);
	curl_free(ha);
	curl_free(pa);
	curl_free(sb);
	curl_free(hb);
	curl_free(pb);
	return same;
}

char *http_url_resolve(const char *base, const char *url, struct itin_err *err)
{
	CURLU *u = curl_url();
	char *got = NULL, *out = NULL;

	if (!u) {
		itin_err_set(err, ITIN_EX_OSERR, "out of memory");
		return NULL;
	}
	if (curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &got, 0) != CURLUE_OK)
		itin_err_set(err, ITIN_EX_DATAERR,
			     "cannot make a URL of '%s' (relative to %s)", url,
			     base);
	else
		out = xstrdup(got);
	curl_free(got);
	curl_url_cleanup(u);
	return out;
}

char *http_url_path(const char *url, struct itin_err *err)
{
	CURLU *u;
	char *path = NULL, *query = NULL, *out = NULL;

	if (url[0] == '/')
		return xstrdup(url);
	u = curl_url();
	if (!u) {
		itin_err_set(err, ITIN_EX_OSERR, "out of memory");
		return NULL;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
		itin_err_set(err, ITIN_EX_DATAERR, "'%s' is not a URL", url);
	} else if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK &&
		   query) {
		size_t n = strlen(path) + strlen(query) + 2;

		out = xmalloc(n);
		snprintf(out, n, "%s?%s", path, query);
	} else {
		out = xstrdup(path);
	}
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
	return out;
}

/* --- credentials ---------------------------------------------------------- */

/* The first line password_cmd prints, into h->password; the command is
 * dropped either way (run once). Its words are never repeated in an
 * error: it may hold a secret itself. */
static int run_password_cmd(struct http *h, struct itin_err *err)
{
	char line[4096];
	FILE *p;
	size_t n;
	int st, got;

	if (!h->user)
		return itin_err_set(err, ITIN_EX_NOPERM,
				    "a password command needs a user name to "
				    "go with it");
	fflush(NULL);
	p = popen(h->password_cmd, "r");
	free(h->password_cmd);
	h->password_cmd = NULL;
	if (!p)
		return itin_err_set(err, ITIN_EX_NOPERM,
				    "cannot run the password command: %s",
				    strerror(errno));
	got = fgets(line, sizeof(line), p) != NULL;
	/* The rest is read and dropped, so the command is not killed by
	 * SIGPIPE half-way. */
	while (fread(h->errbuf, 1, sizeof(h->errbuf), p) > 0)
		;
	st = pclose(p);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0 || !got) {
		memset(line, 0, sizeof(line));
		return itin_err_set(
		    err, ITIN_EX_NOPERM, "the password command failed (%s)",
		    !got			? "it printed nothing"
		    : st != -1 && WIFEXITED(st) ? "non-zero exit status"
						: "killed");
	}
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	free_secret(h->password);
	h->password = xstrdup(line);
	memset(line, 0, sizeof(line));
	return 0;
}

/* --- one request ---------------------------------------------------------- */

static struct curl_slist *add_header(struct curl_slist *list, const char *name,
				     const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	struct curl_slist *l;

	strbuf_addf(&sb, "%s: %s", name, value);
	l = curl_slist_append(list, sb.buf);
	strbuf_release(&sb);
	if (!l) {
		curl_slist_free_all(list);
		return NULL;
	}
	return l;
}

static struct curl_slist *request_headers(const struct http_req *req)
{
	struct curl_slist *l = NULL;

	/* No "Expect: 100-continue" round trip before a large body. */
	l = curl_slist_append(l, "Expect:");
	if (l && req->depth)
		l = add_header(l, "Depth", req->depth);
	if (l && req->if_match)
		l = add_header(l, "If-Match", req->if_match);
	if (l && req->if_none_match)
		l = add_header(l, "If-None-Match", req->if_none_match);
	if (l && req->content_type)
		l = add_header(l, "Content-Type", req->content_type);
	else if (l && req->body)
		/* Not curl's application/x-www-form-urlencoded. */
		l = curl_slist_append(l, "Content-Type:");
	return l;
}

static void set_request(struct http *h, const struct http_req *req,
			struct curl_slist *headers, struct transfer *t)
{
	CURL *c = h->curl;

	/* Every option again from a clean handle; the connection, its TLS
	 * session and the DNS cache stay. */
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "itin/" ITIN_VERSION);
	/* Plain http never goes through a proxy (http_proxy in the
	 * environment): the proxy would read the password in clear. An
	 * https request may: the proxy only tunnels it. */
	if (!ascii_ncasecmp(req->url, "http:", 5))
		curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 h->timeout_ms < 10000 ? h->timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->cafile)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->cafile);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	if (h->user)
		curl_easy_setopt(c, CURLOPT_USERNAME, h->user);
	if (h->password) {
		curl_easy_setopt(c, CURLOPT_PASSWORD, h->password);
	} else {
		curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		if (h->netrc_file)
			curl_easy_setopt(c, CURLOPT_NETRC_FILE, h->netrc_file);
	}
	if (strcmp(req->method, "GET"))
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
	if (req->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)req->len);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
}

/* Worth another try: the server or the path to it may recover. */
static int transient(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The transfer failed with rc (not transient, or out of tries). */
static int transfer_error(struct http *h, const struct http_req *req,
			  const struct transfer *t, CURLcode rc, int tries,
			  struct itin_err *err)
{
	const char *why = h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc);

	if (rc == CURLE_WRITE_ERROR && t->too_big)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "%s: the server's reply is larger than %ld "
				    "bytes: refused",
				    req->url, h->body_max);
	if (transient(rc))
		return itin_err_set(err, ITIN_EX_TEMPFAIL,
				    "%s: %s (%d tries); try again later",
				    req->url, why, tries);
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		return itin_err_set(err, ITIN_EX_UNAVAILABLE,
				    "%s: the server's certificate is not "
				    "trusted: %s (a private CA: --cafile)",
				    req->url, why);
	default:
		return itin_err_set(err, ITIN_EX_UNAVAILABLE,
				    "cannot reach %s: %s", req->url, why);
	}
}

int http_do(struct http *h, const struct http_req *req, struct http_resp *resp,
	    struct itin_err *err)
{
	struct transfer t = {STRBUF_INIT, h->body_max, 0, NULL, NULL, NULL};
	struct curl_slist *headers;
	long status = 0, backoff = HTTP_BACKOFF_MS;
	int tries = 0, rc = -1;
	CURLcode cc;

	memset(resp, 0, sizeof(*resp));
	/* Every URL, whoever made it (a server's href, a Location): the
	 * rules are the request's, not only the first URL's. */
	if (http_url_allowed(req->url, h->insecure, err))
		return -1;
	headers = request_headers(req);
	if (!headers)
		return itin_err_set(err, ITIN_EX_OSERR, "out of memory");
	for (;;) {
		transfer_reset(&t);
		h->errbuf[0] = '\0';
		set_request(h, req, headers, &t);
		cc = curl_easy_perform(h->curl);
		tries++;
		status = 0;
		if (cc == CURLE_OK)
			curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE,
					  &status);
		if (cc == CURLE_OK && status == 401 && h->password_cmd) {
			/* ~/.netrc had nothing the server takes: now the
			 * command, once, and the same request again. */
			if (run_password_cmd(h, err))
				goto out;
			continue;
		}
		if ((cc == CURLE_OK && (status < 500 || req->pass_5xx)) ||
		    (cc != CURLE_OK && !transient(cc)) || tries > h->retries)
			break;
		sleep_ms(backoff);
		backoff = backoff * 2 > HTTP_BACKOFF_MAX_MS
			      ? HTTP_BACKOFF_MAX_MS
			      : backoff * 2;
	}
	if (cc != CURLE_OK) {
		transfer_error(h, req, &t, cc, tries, err);
	} else if (status == 401 || (status == 403 && !req->pass_403)) {
		itin_err_set(err, ITIN_EX_NOPERM,
			     "the server refused access (HTTP %ld): check the "
			     "user and password for %s",
			     status, req->url);
	} else if (status >= 500 && !req->pass_5xx) {
		itin_err_set(err, ITIN_EX_TEMPFAIL,
			     "%s: the server failed (HTTP %ld, %d tries); try "
			     "again later",
			     req->url, status, tries);
	} else {
		resp->status = status;
		resp->etag = t.etag;
		resp->location = t.location;
		resp->content_type = t.content_type;
		t.etag = t.location = t.content_type = NULL;
		resp->body = strbuf_detach(&t.body, &resp->len);
		rc = 0;
	}
out:
	transfer_reset(&t);
	strbuf_release(&t.body);
	curl_slist_free_all(headers);
	return rc;
}
