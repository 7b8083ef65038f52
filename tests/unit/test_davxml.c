/*
 * test_davxml.c: davxml.h on canned replies: Radicale 3.1's and Xandikos
 * 0.2's own shapes (as they answered t-dav.sh's requests: a default
 * namespace, ns0/ns1 prefixes, the propstat's status before or after its
 * prop, supported-report-set with and without DAV:report), a sync report
 * with a deletion, a multiget with entities in calendar-data, and what a
 * hostile or broken server may send: malformed XML, a DTD with nested
 * entities, an external entity, a reply that is not a multistatus, a
 * large property, and one past the cap (DAVXML_MAX).
 */
#include "itin/davxml.h"
#include "itin/xalloc.h"
#include "test.h"

static struct davxml_ms ms;
static struct itin_err err;

static int parse(const char *xml)
{
	itin_err_clear(&err);
	return davxml_parse(xml, strlen(xml), "http://127.0.0.1:1/c/", &ms,
			    &err);
}

/* Radicale: PROPFIND Depth 0 of a calendar collection. */
static const char radicale_collection[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<multistatus xmlns=\"DAV:\" "
    "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response><href>/itin/trip/"
    "</href><propstat><prop><resourcetype><C:calendar /><collection "
    "/></resourcetype><current-user-principal><href>/itin/</href></"
    "current-user-principal><C:supported-calendar-component-set><C:comp "
    "name=\"VEVENT\" /></C:supported-calendar-component-set><supported-report-"
    "set><supported-report><report><expand-property /></report></"
    "supported-report><supported-report><report><sync-collection "
    "/></report></supported-report><supported-report><report><C:calendar-"
    "multiget /></report></supported-report></supported-report-set><getetag>"
    "\"cc768fdad4\"</getetag><sync-token>http://radicale.org/ns/sync/"
    "e3b0c442</sync-token></prop><status>HTTP/1.1 200 "
    "OK</status></propstat><propstat><prop><C:calendar-home-set "
    "/></prop><status>HTTP/1.1 404 Not "
    "Found</status></propstat></response></multistatus>";

TEST(radicale_calendar_collection)
{
	CHECK_INT(parse(radicale_collection), 0);
	CHECK_INT(ms.n, 1);
	CHECK_STR(ms.v[0].href, "/itin/trip/");
	CHECK_INT(ms.v[0].status, 200);
	CHECK_INT(ms.v[0].is_calendar, 1);
	CHECK_INT(ms.v[0].is_collection, 1);
	CHECK_INT(ms.v[0].vevent, 1);
	CHECK_INT(ms.v[0].sync_collection, 1);
	CHECK_STR(ms.v[0].principal, "/itin/");
	CHECK_STR(ms.v[0].etag, "\"cc768fdad4\"");
	/* 404'd in its propstat: absent. */
	CHECK(ms.v[0].home_set == NULL);
	/* A property's sync-token is not the multistatus's. */
	CHECK(ms.sync_token == NULL);
	davxml_free(&ms);
}

/* Radicale: the root, which only names the principal. */
TEST(radicale_root_names_the_principal)
{
	CHECK_INT(
	    parse("<?xml version='1.0' encoding='utf-8'?>\n"
		  "<multistatus xmlns=\"DAV:\" "
		  "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response>"
		  "<href>/</href><propstat><prop><resourcetype><collection "
		  "/></resourcetype><current-user-principal><href>/itin/"
		  "</href></current-user-principal></prop><status>HTTP/1.1 "
		  "200 OK</status></propstat><propstat><prop><C:calendar-"
		  "home-set /><C:supported-calendar-component-set "
		  "/></prop><status>HTTP/1.1 404 Not "
		  "Found</status></propstat></response></multistatus>"),
	    0);
	CHECK_INT(ms.n, 1);
	CHECK_INT(ms.v[0].is_calendar, 0);
	CHECK_INT(ms.v[0].is_collection, 1);
	CHECK_INT(ms.v[0].vevent, -1);
	CHECK_STR(ms.v[0].principal, "/itin/");
	davxml_free(&ms);
}

/* Xandikos: prefixes ns0/ns1, status before prop, supported-report without
 * DAV:report, a principal with its home. */
TEST(xandikos_principal_and_collection)
{
	CHECK_INT(
	    parse(
		"<ns0:multistatus xmlns:ns0=\"DAV:\" "
		"xmlns:ns1=\"urn:ietf:params:xml:ns:caldav\"><ns0:response><"
		"ns0:"
		"href>/user/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 "
		"OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:principal "
		"/></ns0:resourcetype><ns1:calendar-home-set><ns0:href>/user/"
		"calendars/</ns0:href></ns1:calendar-home-set></ns0:prop></"
		"ns0:propstat></ns0:response><ns0:response><ns0:href>/user/"
		"calendars/trip/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 "
		"200 "
		"OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection "
		"/><ns1:calendar /></ns0:resourcetype><ns1:supported-calendar-"
		"component-set><ns1:comp name=\"VTODO\" /><ns1:comp "
		"name=\"VEVENT\" /></ns1:supported-calendar-component-set><ns0:"
		"supported-report-set><ns0:supported-report><ns1:calendar-"
		"multiget /></ns0:supported-report><ns0:supported-report><ns0:"
		"sync-collection /></ns0:supported-report></ns0:supported-"
		"report-set></ns0:prop></ns0:propstat></ns0:response><ns0:"
		"response><ns0:href>/user/calendars/todo/</ns0:href><ns0:"
		"propstat><ns0:status>HTTP/1.1 200 "
		"OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection "
		"/><ns1:calendar /></ns0:resourcetype><ns1:supported-calendar-"
		"component-set><ns1:comp name=\"VTODO\" "
		"/></ns1:supported-calendar-component-set></ns0:prop></"
		"ns0:propstat></ns0:response></ns0:multistatus>"),
	    0);
	CHECK_INT(ms.n, 3);
	CHECK_STR(ms.v[0].home_set, "/user/calendars/");
	CHECK_INT(ms.v[0].is_calendar, 0);
	CHECK_INT(ms.v[1].is_calendar, 1);
	CHECK_INT(ms.v[1].vevent, 1);
	CHECK_INT(ms.v[1].sync_collection, 1);
	CHECK_INT(ms.v[2].is_calendar, 1);
	CHECK_INT(ms.v[2].vevent, 0);
	CHECK_INT(ms.v[2].sync_collection, 0);
	davxml_free(&ms);
}

/* Xandikos: an incremental sync report, the token after the responses, a
 * deletion as a response status. */
TEST(xandikos_sync_report_with_a_deletion)
{
	CHECK_INT(
	    parse(
		"<ns0:multistatus xmlns:ns0=\"DAV:\"><ns0:response><ns0:href>"
		"/user/calendars/trip/b2.ics</ns0:href><ns0:propstat><ns0:"
		"status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:getetag>"
		"\"7707f07c\"</ns0:getetag><ns0:getcontenttype>text/calendar"
		"</ns0:getcontenttype></ns0:prop></ns0:propstat></ns0:response>"
		"<ns0:response><ns0:href>/user/calendars/trip/a1.ics</ns0:href>"
		"<ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response>"
		"<ns0:sync-token>8ad56e6a</ns0:sync-token></ns0:multistatus>"),
	    0);
	CHECK_INT(ms.n, 2);
	CHECK_STR(ms.sync_token, "8ad56e6a");
	CHECK_STR(ms.v[0].etag, "\"7707f07c\"");
	CHECK_STR(ms.v[0].content_type, "text/calendar");
	CHECK_INT(ms.v[0].status, 200);
	CHECK_STR(ms.v[1].href, "/user/calendars/trip/a1.ics");
	CHECK_INT(ms.v[1].status, 404);
	CHECK(ms.v[1].etag == NULL);
	davxml_free(&ms);
}

/* Radicale: a multiget, an entity in the text and a member gone. */
TEST(radicale_multiget)
{
	CHECK_INT(
	    parse("<?xml version='1.0' encoding='utf-8'?>\n<multistatus "
		  "xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
		  "<response><href>/itin/trip/gone.ics</href><status>HTTP/1.1 "
		  "404 Not Found</status></response><response><href>/itin/trip/"
		  "ev1.ics</href><propstat><prop><getetag>\"1fa2\"</getetag>"
		  "<C:calendar-data>BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:"
		  "ev1\r\n"
		  "SUMMARY:Talks &amp; more &lt;x&gt; &#233;\r\nEND:VEVENT\r\n"
		  "END:VCALENDAR\r\n</C:calendar-data></prop><status>HTTP/1.1 "
		  "200 "
		  "OK</status></propstat></response></multistatus>"),
	    0);
	CHECK_INT(ms.n, 2);
	CHECK_INT(ms.v[0].status, 404);
	CHECK(ms.v[0].data == NULL);
	CHECK_INT(ms.v[1].status, 200);
	/* XML makes a literal CR LF an LF. */
	CHECK_STR(ms.v[1].data, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:ev1\n"
				"SUMMARY:Talks & more <x> \xc3\xa9\n"
				"END:VEVENT\nEND:VCALENDAR\n");
	CHECK_INT(ms.v[1].data_len, strlen(ms.v[1].data));
	davxml_free(&ms);
}

TEST(cdata_and_absolute_hrefs)
{
	CHECK_INT(parse("<D:multistatus xmlns:D=\"DAV:\" "
			"xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:response>"
			"<D:href> https://dav.example.org/c/x.ics\n</D:href>"
			"<D:propstat><D:prop><C:calendar-data><![CDATA[BEGIN:"
			"VCALENDAR\n<&>]]></C:calendar-data></D:prop><D:status>"
			"HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
			"</D:multistatus>"),
		  0);
	CHECK_INT(ms.n, 1);
	CHECK_STR(ms.v[0].href, "https://dav.example.org/c/x.ics");
	CHECK_STR(ms.v[0].data, "BEGIN:VCALENDAR\n<&>");
	davxml_free(&ms);
}

/* Elements of another namespace by the same names count for nothing. */
TEST(other_namespaces_ignored)
{
	CHECK_INT(parse("<D:multistatus xmlns:D=\"DAV:\" xmlns:X=\"urn:x\">"
			"<D:response><D:href>/a</D:href><D:propstat><D:prop>"
			"<X:getetag>\"no\"</X:getetag><D:resourcetype>"
			"<X:calendar/></D:resourcetype></D:prop><D:status>"
			"HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
			"<X:response><D:href>/b</D:href></X:response>"
			"</D:multistatus>"),
		  0);
	CHECK_INT(ms.n, 1);
	CHECK(ms.v[0].etag == NULL);
	CHECK_INT(ms.v[0].is_calendar, 0);
	davxml_free(&ms);
}

TEST(malformed_names_url_line_and_column)
{
	CHECK_INT(parse("<?xml version=\"1.0\"?>\n<D:multistatus "
			"xmlns:D=\"DAV:\">\n<D:response><D:href>/x</D:hre>"),
		  -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_STR(err.file, "http://127.0.0.1:1/c/");
	CHECK_INT(err.line, 3);
	CHECK(err.col > 0);
	CHECK(strstr(err.msg, "malformed XML") != NULL);
	CHECK_INT(ms.n, 0);
	CHECK(ms.v == NULL);
	CHECK_INT(parse(""), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK_INT(parse("HTTP/1.1 500 oops"), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
}

TEST(not_a_multistatus)
{
	CHECK_INT(parse("<D:error xmlns:D=\"DAV:\"><D:valid-sync-token/>"
			"</D:error>"),
		  -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK(strstr(err.msg, "not a WebDAV multistatus (<error>)") != NULL);
	/* The name alone is not enough: the namespace must be DAV:. */
	CHECK_INT(parse("<multistatus/>"), -1);
}

/* Billion laughs: refused, nothing expanded, quickly. */
TEST(entities_refused)
{
	char xml[4096];
	int n, c;

	n = snprintf(xml, sizeof(xml),
		     "<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus [\n"
		     "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n");
	for (c = 'b'; c <= 'j'; c++)
		n += snprintf(xml + n, sizeof(xml) - (size_t)n,
			      "<!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;"
			      "&%c;&%c;\">\n",
			      c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
			      c - 1, c - 1, c - 1, c - 1);
	snprintf(xml + n, sizeof(xml) - (size_t)n,
		 "]>\n<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>&j;"
		 "</D:href></D:response></D:multistatus>");
	CHECK_INT(parse(xml), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	/* One harmless internal entity: the DTD alone is refused. */
	CHECK_INT(parse("<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus [\n"
			"<!ENTITY x \"x\">]>\n<D:multistatus xmlns:D=\"DAV:\">"
			"<D:response><D:href>&x;</D:href></D:response>"
			"</D:multistatus>"),
		  -1);
	CHECK(strstr(err.msg, "DTD") != NULL);
	/* An external entity: never read (no file, no network). */
	CHECK_INT(
	    parse("<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus [\n"
		  "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		  "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>&x;"
		  "</D:href></D:response></D:multistatus>"),
	    -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	/* An undeclared entity is malformed. */
	CHECK_INT(parse("<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>"
			"&nope;</D:href></D:response></D:multistatus>"),
		  -1);
}

/* body: head, n bytes of 'X', tail; malloc'd. */
static char *big(size_t n)
{
	static const char head[] =
	    "<D:multistatus xmlns:D=\"DAV:\" "
	    "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:response><D:href>/"
	    "x.ics</D:href><D:propstat><D:prop><C:calendar-data>";
	static const char tail[] =
	    "</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
	    "</D:propstat></D:response></D:multistatus>";
	char *s = xmalloc(sizeof(head) + n + sizeof(tail));

	memcpy(s, head, sizeof(head) - 1);
	memset(s + sizeof(head) - 1, 'X', n);
	memcpy(s + sizeof(head) - 1 + n, tail, sizeof(tail));
	return s;
}

TEST(large_property_within_the_cap)
{
	char *s = big(4u << 20);

	CHECK_INT(parse(s), 0);
	CHECK_INT(ms.n, 1);
	CHECK_INT(ms.v[0].data_len, 4u << 20);
	davxml_free(&ms);
	free(s);
}

/* Past DAVXML_MAX (libxml2 would take it: its limit on a text is not
 * applied to character data read in chunks): refused before parsing. */
TEST(huge_property_refused)
{
	char *s = big(11u << 20);

	CHECK_INT(parse(s), -1);
	CHECK_INT(err.status, ITIN_EX_DATAERR);
	CHECK(strstr(err.msg, "larger than 8388608 bytes: refused") != NULL);
	CHECK_INT(ms.n, 0);
	free(s);
}

TEST(precondition_and_escape)
{
	static const char e[] =
	    "<?xml version='1.0' encoding='utf-8'?>\n"
	    "<error xmlns=\"DAV:\"><valid-sync-token /></error>";
	char *x;

	CHECK_INT(davxml_has_precondition(e, strlen(e), "valid-sync-token"), 1);
	CHECK_INT(davxml_has_precondition(e, strlen(e), "number-of-matches"),
		  0);
	CHECK_INT(davxml_has_precondition("oops", 4, "valid-sync-token"), 0);
	x = davxml_escape("/a&b/<c>\"d\".ics");
	CHECK_STR(x, "/a&amp;b/&lt;c&gt;&quot;d&quot;.ics");
	free(x);
}

int main(void)
{
	RUN(radicale_calendar_collection);
	RUN(radicale_root_names_the_principal);
	RUN(xandikos_principal_and_collection);
	RUN(xandikos_sync_report_with_a_deletion);
	RUN(radicale_multiget);
	RUN(cdata_and_absolute_hrefs);
	RUN(other_namespaces_ignored);
	RUN(malformed_names_url_line_and_column);
	RUN(not_a_multistatus);
	RUN(entities_refused);
	RUN(large_property_within_the_cap);
	RUN(huge_property_refused);
	RUN(precondition_and_escape);
	return test_done();
}
