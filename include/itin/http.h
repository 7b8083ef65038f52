/*
 * http.h: one HTTP(S) request at a time on a kept connection (libcurl's
 * easy interface, opened on demand: src/sync/curldl.h), for the CalDAV
 * client (dav.h). It owns the rules every request follows:
 *   - TLS verification is always on; a private CA comes from cafile.
 *   - Plain http:// only to loopback (127.0.0.0/8, ::1, localhost) unless
 *     insecure: the password would cross the network in clear.
 *   - Credentials: an explicit user and password; else ~/.netrc (or the
 *     file $NETRC names), and when that gives none the server takes
 *     (401), the first line printed by password_cmd (run by /bin/sh -c;
 *     never logged, never kept beyond the handle), with the user given
 *     (a password command without a user is refused, 77).
 *   - A 5xx, a reset connection or a timeout is tried again, after
 *     HTTP_BACKOFF_MS doubled at each try (at most HTTP_BACKOFF_MAX_MS),
 *     retries times; then 75. Unreachable (refused, no such host, TLS
 *     refused): 69. 401 (after password_cmd), 403: 77 "check the user and
 *     password for URL".
 *   - Plain http never goes through a proxy from the environment
 *     (http_proxy): it would read the password in clear.
 *   - A reply's body is kept up to HTTP_BODY_MAX bytes; a longer one is
 *     refused (65, naming the URL) as it arrives, never read whole.
 * Redirects are not followed: a caller that wants one (discovery) reads
 * location and checks the new URL with http_url_allowed() first.
 *
 * Ownership: struct http is the caller's from http_open() to
 * http_close(); struct http_resp's strings are the caller's
 * (http_resp_free()).
 */
#ifndef ITIN_HTTP_H
#define ITIN_HTTP_H

#include <stddef.h>

#include "itin/err.h"

#define HTTP_BODY_MAX		(8L * 1024 * 1024)
#define HTTP_BACKOFF_MS		100L
#define HTTP_BACKOFF_MAX_MS	2000L
#define HTTP_TIMEOUT_MS_DEFAULT 30000L
#define HTTP_RETRIES_DEFAULT	3

struct http_conf {
	const char *user;     /* NULL: ~/.netrc ($NETRC), then password_cmd */
	const char *password; /* with user: used as given */
	const char
	    *password_cmd;  /* NULL or a shell command printing the password */
	const char *cafile; /* NULL or a PEM file of a private CA */
	int insecure;	    /* plain http:// to any host */
	long timeout_ms;    /* per request; 0: HTTP_TIMEOUT_MS_DEFAULT */
	int retries;	    /* 0: HTTP_RETRIES_DEFAULT; < 0: none */
	long body_max;	    /* 0: HTTP_BODY_MAX */
};

struct http;

struct http_req {
	const char *method; /* GET PUT DELETE PROPFIND REPORT MKCALENDAR ... */
	const char *url;
	const char *depth;	   /* NULL or "0", "1", "infinity" */
	const char *if_match;	   /* NULL or an etag, sent as given */
	const char *if_none_match; /* NULL or "*" */
	const char *content_type;  /* of body; NULL: none sent */
	const char *body;	   /* NULL: no body */
	size_t len;
	int pass_403; /* 1: a 403 is the caller's (a precondition) */
	/* 1: a 5xx is the caller's, at once, not tried again: a server that
	 * fails on a stale sync token (xandikos) rather than refuse it. */
	int pass_5xx;
};

struct http_resp {
	long status;	    /* the HTTP status */
	char *etag;	    /* the ETag header, as sent, or NULL */
	char *location;	    /* the Location header, or NULL */
	char *content_type; /* or NULL */
	char *body; /* NUL-terminated (not counted in len); never NULL */
	size_t len;
};

/* Loads libcurl (69 when missing) and makes a handle. 0, or -1. */
int http_open(struct http **out, const struct http_conf *conf,
	      struct itin_err *err);
/* h may be NULL. */
void http_close(struct http *h);

/*
 * 0 when url may be used: http or https, and http only to loopback unless
 * insecure, with no user or password in it. Else -1 with err (64) saying
 * why (never repeating a URL that holds a password). Needs libcurl loaded
 * (http_open()). http_do() checks every request's URL with it.
 */
int http_url_allowed(const char *url, int insecure, struct itin_err *err);

/* 1 when url has a user (and maybe a password) before its host
 * ("http://u:pw@host/"). Plain string work: no libcurl needed. */
int http_url_has_userinfo(const char *url);

/* 1 when absolute URLs a and b have the same scheme, host and port (a
 * default port counted as given), else 0 (and 0 for a non-URL). */
int http_url_same_origin(const char *a, const char *b);

/*
 * url (absolute, a path, or relative, already %-encoded as URLs are)
 * resolved against base (an absolute URL): a malloc'd absolute URL, or
 * NULL with err (65, naming both) when it cannot be. Needs libcurl.
 */
char *http_url_resolve(const char *base, const char *url, struct itin_err *err);

/*
 * The absolute path (with query, if any) of an absolute URL, malloc'd; a
 * path is given back as it is. NULL with err (65) when not a URL.
 */
char *http_url_path(const char *url, struct itin_err *err);

/*
 * Send req (its url must pass http_url_allowed()) and wait for the reply,
 * trying again as the rules above say. 0 with *resp filled for any status
 * but those the rules map to errors; else -1 with err filled and *resp
 * empty.
 */
int http_do(struct http *h, const struct http_req *req, struct http_resp *resp,
	    struct itin_err *err);

void http_resp_free(struct http_resp *resp);

#endif
