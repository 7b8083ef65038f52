/*
 * dav.h: a CalDAV calendar collection (RFC 4791) over HTTP(S), for
 * `itin sync` (src/sync, library libitinsync.a). The transport only: it
 * lists what a collection holds (RFC 6578 sync-collection where the server
 * has it, else PROPFIND of ETags), fetches bodies (calendar-multiget), and
 * writes with preconditions (If-Match / If-None-Match: *) so that a change
 * made on the server by someone else is never overwritten. What to write
 * and what a difference means is the caller's (sync.h).
 *
 * libcurl and libxml2 are opened on first use (dynlib.h): a command that
 * never opens a collection never loads them.
 *
 * Errors (struct itin_err, status as err.h): 69 unreachable or a library
 * missing, 77 the server refused the credentials (401/403), 65 malformed
 * XML, a body over the cap, not a calendar collection, or discovery
 * naming a principal, calendar home, calendar or redirect on another
 * server (scheme, host or port) than the URL given, 75 a 5xx (or a reset
 * connection) after the retries, 64 a URL itin refuses (plain http to a
 * host that is not loopback without insecure, a scheme other than
 * http/https, a user or password in it).
 *
 * No request ever leaves the collection: an href a server lists that is
 * not the collection's path and one segment is ignored (dav_opts.warn),
 * and one given to dav_fetch() is not asked for (a warning), to
 * dav_put() or dav_delete() refused (65).
 *
 * Ownership: struct dav is the caller's from dav_open() to dav_close();
 * struct dav_items and every string in it are the caller's, freed by
 * dav_items_free(); *etag_out of dav_put() is the caller's (free()).
 * A struct dav is used by one thread at a time.
 */
#ifndef ITIN_DAV_H
#define ITIN_DAV_H

#include <stddef.h>

#include "itin/err.h"

struct dav_opts {
	const char *url;  /* a collection URL or a server root (discovery) */
	const char *user; /* NULL: from ~/.netrc (or $NETRC), or password_cmd */
	const char *password; /* NULL: likewise */
	const char
	    *password_cmd;  /* NULL or a shell command printing the password */
	const char *cafile; /* NULL or a PEM file of a private CA */
	int insecure;	    /* plain http:// to a non-loopback host allowed */
	long timeout_ms;    /* per request; 0 = default (30 s) */
	int retries; /* 5xx and resets: retried with backoff; 0 = default 3 */
	/* Hrefs a server lists outside the collection are ignored, said
	 * here (NULL: not said). */
	const struct itin_warner *warn;
};

struct dav; /* an open collection; owns its curl handle */

/*
 * Open: checks the URL's rules (https, or http to loopback unless
 * insecure), loads libcurl/libxml2, discovers the calendar collection when
 * url is a server root (RFC 6764 /.well-known/caldav,
 * current-user-principal, calendar-home-set: the first calendar collection
 * supporting VEVENT), and learns whether the collection supports
 * sync-collection (RFC 6578). 0, or -1 with err filled (statuses above).
 */
int dav_open(struct dav **out, const struct dav_opts *opts,
	     struct itin_err *err);
/* The collection's absolute URL (ends in '/'), after discovery. */
const char *dav_collection_url(const struct dav *d);
/* 1 when the collection answers sync-collection REPORTs (RFC 6578). */
int dav_has_sync_collection(const struct dav *d);
/* d may be NULL. */
void dav_close(struct dav *d);

struct dav_item {
	char *href; /* absolute path as the server gives it, e.g.
		       /office/trip/UID.ics */
	char *etag; /* NULL for a deletion in an incremental listing */
	char *body; /* NULL in listings; the .ics text in dav_fetch's results */
	size_t len; /* of body */
};
struct dav_items {
	struct dav_item *v;
	size_t n;
	char *
	    sync_token; /* new token when sync-collection was used, else NULL */
	int full; /* 1: v is the whole collection (a deletion is an absence) */
};
/* Frees what items holds and zeroes it; items itself is the caller's. */
void dav_items_free(struct dav_items *items);

/*
 * What changed since token (NULL or a token the server no longer accepts:
 * the whole collection, full = 1). Uses sync-collection when the server
 * has it, else PROPFIND Depth 1 of getetag (full = 1). Only calendar
 * resources (text/calendar or .ics). A server that answers in parts (507,
 * RFC 6578 section 3.6) is asked for every part; an href may then come
 * twice, and the later one says how it is now. out is filled (and the
 * caller's) on success, left empty on failure.
 */
int dav_list(struct dav *d, const char *token, struct dav_items *out,
	     struct itin_err *err);

/*
 * The bodies and etags of hrefs (calendar-multiget REPORT; GET one by one
 * where the server refuses it). An href that is gone is left out of out.
 */
int dav_fetch(struct dav *d, const char *const *hrefs, size_t n,
	      struct dav_items *out, struct itin_err *err);

enum dav_put_result {
	DAV_DONE = 0,
	DAV_PRECONDITION = 1 /* 412: changed on the server */
};
/*
 * PUT text/calendar at href (a path under the collection, "UID.ics"
 * relative is fine). if_match NULL: If-None-Match: * (create only); else
 * If-Match: if_match. Returns DAV_DONE and the new etag (*etag_out,
 * malloc'd, NULL when the server gave none: the caller then lists again;
 * etag_out may be NULL), DAV_PRECONDITION on 412, -1 on error.
 */
int dav_put(struct dav *d, const char *href, const char *body, size_t len,
	    const char *if_match, char **etag_out, struct itin_err *err);
/*
 * DELETE with If-Match (NULL: unconditional); 404 counts as done; 412
 * returns DAV_PRECONDITION; -1 on error.
 */
int dav_delete(struct dav *d, const char *href, const char *if_match,
	       struct itin_err *err);

#endif
