/*
 * davxml.c: a multistatus reply into struct davxml_ms (davxml.h), on
 * libxml2's tree.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/davxml.h"
#include "itin/strbuf.h"
#include "itin/xalloc.h"
#include "itin/xmldl.h"

#define NS_DAV	  "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"

/*
 * No XML_PARSE_NOENT (entities are not substituted), no XML_PARSE_DTDLOAD
 * (no external DTD fetched) and XML_PARSE_NONET (nothing fetched at all);
 * no XML_PARSE_HUGE, so libxml2's own limits (depth, a text node's size)
 * stand. Errors are read from the context, not printed.
 */
#define PARSE_OPTS                                                             \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |           \
	 XML_PARSE_NOCDATA)

static int is(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, ns) &&
	       !strcmp((const char *)n->name, name);
}

/* The text directly inside n (its text and CDATA children). */
static void text_of(const xmlNode *n, struct strbuf *sb)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			strbuf_addstr(sb, (const char *)c->content);
}

static char *trimmed_text(const xmlNode *n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s, *e;
	char *out;

	text_of(n, &sb);
	s = sb.buf;
	e = sb.buf + sb.len;
	while (s < e && ascii_isspace((unsigned char)*s))
		s++;
	while (e > s && ascii_isspace((unsigned char)e[-1]))
		e--;
	out = xstrndup(s, (size_t)(e - s));
	strbuf_release(&sb);
	return out;
}

/* The first child element ns:name's trimmed text, or NULL. */
static char *child_text(const xmlNode *n, const char *ns, const char *name)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (is(c, ns, name))
			return trimmed_text(c);
	return NULL;
}

static const xmlNode *descendant(const xmlNode *n, const char *ns,
				 const char *name)
{
	const xmlNode *c, *d;

	for (c = n->children; c; c = c->next) {
		if (is(c, ns, name))
			return c;
		if (c->type == XML_ELEMENT_NODE &&
		    (d = descendant(c, ns, name)))
			return d;
	}
	return NULL;
}

/* "HTTP/1.1 404 Not Found" -> 404; 0 when it is not a status line. */
static int status_code(const xmlNode *n)
{
	char *s = trimmed_text(n);
	const char *p = strchr(s, ' ');
	int code = 0;

	if (p && ascii_isdigit((unsigned char)p[1]) &&
	    ascii_isdigit((unsigned char)p[2]) &&
	    ascii_isdigit((unsigned char)p[3]))
		code = (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	free(s);
	return code;
}

/* An attribute's value (its text children), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;
	struct strbuf sb = STRBUF_INIT;
	const xmlNode *c;

	for (a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name))
			continue;
		for (c = a->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content)
				strbuf_addstr(&sb, (const char *)c->content);
		return strbuf_detach(&sb, NULL);
	}
	return NULL;
}

static void read_components(const xmlNode *set, struct davxml_resp *r)
{
	const xmlNode *c;

	r->vevent = 0;
	for (c = set->children; c; c = c->next) {
		char *name;

		if (!is(c, NS_CALDAV, "comp"))
			continue;
		name = attr(c, "name");
		if (name && !ascii_casecmp(name, "VEVENT"))
			r->vevent = 1;
		free(name);
	}
}

static void read_prop(const xmlNode *prop, struct davxml_resp *r)
{
	const xmlNode *p, *c;

	for (p = prop->children; p; p = p->next) {
		if (is(p, NS_DAV, "getetag")) {
			free(r->etag);
			r->etag = trimmed_text(p);
		} else if (is(p, NS_DAV, "getcontenttype")) {
			free(r->content_type);
			r->content_type = trimmed_text(p);
		} else if (is(p, NS_CALDAV, "calendar-data")) {
			struct strbuf sb = STRBUF_INIT;

			text_of(p, &sb);
			free(r->data);
			r->data = strbuf_detach(&sb, &r->data_len);
		} else if (is(p, NS_DAV, "resourcetype")) {
			for (c = p->children; c; c = c->next) {
				if (is(c, NS_DAV, "collection"))
					r->is_collection = 1;
				else if (is(c, NS_CALDAV, "calendar"))
					r->is_calendar = 1;
			}
		} else if (is(p, NS_CALDAV,
			      "supported-calendar-component-set")) {
			read_components(p, r);
		} else if (is(p, NS_DAV, "supported-report-set")) {
			if (descendant(p, NS_DAV, "sync-collection"))
				r->sync_collection = 1;
		} else if (is(p, NS_DAV, "current-user-principal")) {
			free(r->principal);
			r->principal = child_text(p, NS_DAV, "href");
		} else if (is(p, NS_CALDAV, "calendar-home-set")) {
			free(r->home_set);
			r->home_set = child_text(p, NS_DAV, "href");
		}
	}
}

static void read_propstat(const xmlNode *ps, struct davxml_resp *r,
			  int *first_status, int *ok)
{
	const xmlNode *c;
	int status = 0;

	for (c = ps->children; c; c = c->next)
		if (is(c, NS_DAV, "status"))
			status = status_code(c);
	if (!*first_status)
		*first_status = status;
	/* A property the server has not (404) is as good as absent. */
	if (status < 200 || status > 299)
		return;
	*ok = 1;
	for (c = ps->children; c; c = c->next)
		if (is(c, NS_DAV, "prop"))
			read_prop(c, r);
}

static void read_response(const xmlNode *resp, struct davxml_resp *r)
{
	const xmlNode *c;
	int own = 0, first = 0, ok = 0;

	memset(r, 0, sizeof(*r));
	r->vevent = -1;
	for (c = resp->children; c; c = c->next) {
		if (is(c, NS_DAV, "href") && !r->href)
			r->href = trimmed_text(c);
		else if (is(c, NS_DAV, "status"))
			own = status_code(c);
		else if (is(c, NS_DAV, "propstat"))
			read_propstat(c, r, &first, &ok);
	}
	r->status = own ? own : ok ? 200 : first;
}

static void resp_free(struct davxml_resp *r)
{
	free(r->href);
	free(r->etag);
	free(r->content_type);
	free(r->data);
	free(r->principal);
	free(r->home_set);
}

void davxml_free(struct davxml_ms *ms)
{
	size_t i;

	for (i = 0; i < ms->n; i++)
		resp_free(&ms->v[i]);
	free(ms->v);
	free(ms->sync_token);
	memset(ms, 0, sizeof(*ms));
}

/* Parse buf into a document whose DTD-free well-formedness is checked: the
 * document, or NULL with err filled. */
static xmlDoc *parse(const char *buf, size_t len, const char *url,
		     struct itin_err *err)
{
	xmlParserCtxt *ctxt;
	xmlDoc *doc;

	if (xml_lib_load(err))
		return NULL;
	if (len > (size_t)DAVXML_MAX || len > INT_MAX) {
		itin_err_set(err, ITIN_EX_DATAERR,
			     "%s: the server's reply is larger than %ld bytes: "
			     "refused",
			     url, DAVXML_MAX);
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		itin_err_set(err, ITIN_EX_OSERR, "out of memory");
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, url, NULL, PARSE_OPTS);
	if (!doc || !ctxt->wellFormed) {
		const xmlError *e = &ctxt->lastError;
		const char *msg = e->message ? e->message : "not well-formed";
		size_t n = strcspn(msg, "\n");

		itin_err_at(
		    err, ITIN_EX_DATAERR, url, e->line > 0 ? e->line : 0,
		    e->int2 > 0 ? e->int2 : 0,
		    "malformed XML in the server's reply: %.*s", (int)n, msg);
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc->intSubset || doc->extSubset) {
		itin_err_set(
		    err, ITIN_EX_DATAERR,
		    "%s: the server's reply declares a DTD (entities), "
		    "which a WebDAV reply has no use for: refused",
		    url);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int davxml_parse(const char *buf, size_t len, const char *url,
		 struct davxml_ms *out, struct itin_err *err)
{
	xmlDoc *doc;
	const xmlNode *root, *c;
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	doc = parse(buf, len, url, err);
	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (!root || !is(root, NS_DAV, "multistatus")) {
		/* The message first: the name is the document's. */
		itin_err_set(err, ITIN_EX_DATAERR,
			     "%s: the server's reply is not a WebDAV "
			     "multistatus (<%s>)",
			     url, root ? (const char *)root->name : "nothing");
		xmlFreeDoc(doc);
		return -1;
	}
	for (c = root->children; c; c = c->next) {
		if (is(c, NS_DAV, "response")) {
			out->v =
			    xgrow(out->v, &alloc, out->n + 1, sizeof(*out->v));
			read_response(c, &out->v[out->n++]);
		} else if (is(c, NS_DAV, "sync-token")) {
			free(out->sync_token);
			out->sync_token = trimmed_text(c);
		}
	}
	xmlFreeDoc(doc);
	return 0;
}

int davxml_has_precondition(const char *buf, size_t len, const char *name)
{
	struct itin_err ignored;
	xmlDoc *doc;
	const xmlNode *root, *c;
	int found = 0;

	if (!len)
		return 0;
	doc = parse(buf, len, "reply", &ignored);
	if (!doc)
		return 0;
	root = xmlDocGetRootElement(doc);
	if (root && is(root, NS_DAV, "error"))
		for (c = root->children; c && !found; c = c->next)
			found = c->type == XML_ELEMENT_NODE &&
				!strcmp((const char *)c->name, name);
	xmlFreeDoc(doc);
	return found;
}

char *davxml_escape(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s; s++) {
		switch (*s) {
		case '&':
			strbuf_addstr(&sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(&sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(&sb, "&gt;");
			break;
		case '"':
			strbuf_addstr(&sb, "&quot;");
			break;
		default:
			strbuf_addch(&sb, *s);
		}
	}
	return strbuf_detach(&sb, NULL);
}
