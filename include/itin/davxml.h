/*
 * davxml.h: a WebDAV multistatus reply (RFC 4918 section 13, with CalDAV's
 * properties, RFC 4791, and sync-collection's token, RFC 6578) read into
 * plain structs, for dav.c. libxml2 is opened on first use (xmldl.h).
 *
 * The reply is the server's, so untrusted: it is parsed with network
 * access off (XML_PARSE_NONET), no entity substitution and no DTD loaded;
 * a document that declares a DTD (where entities would be defined, the
 * "billion laughs") is refused whole. Malformed XML is 65, naming the URL
 * and the line and column libxml2 gives.
 *
 * Only what the client reads is kept; other properties and elements are
 * passed over. Text is trimmed of surrounding white space (calendar-data
 * keeps its own: the .ics text is given as XML gives it, its line ends
 * LF, as XML normalises a literal CR LF, unless the server wrote &#13;).
 *
 * Ownership: struct davxml_ms and its strings are the caller's,
 * davxml_free().
 */
#ifndef ITIN_DAVXML_H
#define ITIN_DAVXML_H

#include <stddef.h>

#include "itin/err.h"

/* The longest reply read (http.h's cap on a body, HTTP_BODY_MAX): libxml2
 * itself takes a text of any length, so a longer one is refused here
 * before it is parsed. */
#define DAVXML_MAX (8L * 1024 * 1024)

struct davxml_resp {
	char *href; /* as given: a path, or (some servers) an absolute URL */
	/* The response's own status (a deleted member in a sync report:
	 * 404), else 200 when a propstat of status 2xx was read, else the
	 * first propstat's status; 0 when none was given. */
	int status;
	/* Properties found in a 2xx propstat; NULL/0 when absent. */
	char *etag;	    /* getetag, quotes kept: "abc" */
	char *content_type; /* getcontenttype */
	char *data;	    /* calendar-data, the .ics text */
	size_t data_len;
	int is_collection; /* resourcetype has DAV:collection */
	int is_calendar;   /* resourcetype has CALDAV:calendar */
	/* supported-calendar-component-set: -1 not given (all), 0 given
	 * without VEVENT, 1 with VEVENT. */
	int vevent;
	int sync_collection; /* supported-report-set lists sync-collection */
	char *principal;     /* current-user-principal's href */
	char *home_set;	     /* calendar-home-set's (first) href */
};

struct davxml_ms {
	struct davxml_resp *v;
	size_t n;
	char *sync_token; /* the multistatus's sync-token, or NULL */
};

/*
 * Parse the multistatus in buf[0..len) (the reply of url, for messages).
 * 0 with *out filled, or -1 with err (65 malformed, not a multistatus, a
 * DTD, longer than DAVXML_MAX; 69 libxml2 missing) and *out empty.
 */
int davxml_parse(const char *buf, size_t len, const char *url,
		 struct davxml_ms *out, struct itin_err *err);

void davxml_free(struct davxml_ms *ms);

/*
 * 1 when buf (an error reply's body) names the DAV or CalDAV precondition
 * element name (e.g. "valid-sync-token") in a DAV:error element; 0 when
 * not, or when it is not XML.
 */
int davxml_has_precondition(const char *buf, size_t len, const char *name);

/* s with & < > " escaped for an XML text or attribute, malloc'd. */
char *davxml_escape(const char *s);

#endif
