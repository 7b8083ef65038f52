#!/usr/bin/python3
"""fakedav.py: a WebDAV server that misbehaves on purpose, for
tests/cli/t-dav.sh (and the sync tests): each path is one fault.

    fakedav.py PORTFILE LOGFILE [CERTFILE KEYFILE]

listens on 127.0.0.1 on a free port (with TLS when given a certificate
and its key), writes the port to PORTFILE once it
listens, and appends one line per request to LOGFILE: "METHOD PATH", and
for /huge/ "sent N" (the bytes it could write before the client gave up).

    /malformed/  207 whose XML is not well-formed
    /dtd/        207 declaring a DTD with nested entities (billion laughs)
    /notdav/     207 whose root is not a multistatus
    /error/      500, always
    /reset/      the connection closed with no reply
    /slow/       the reply only after 5 seconds
    /huge/       207 whose one calendar-data is 64 MB, sent as it goes
    /redirect/   301 to http://192.0.2.1/ (a host that is not loopback)
    /nosync/     a calendar without sync-collection nor calendar-multiget
                 (501): PROPFIND Depth 1 lists a.ics and b.ics (and a
                 note.txt and a sub-collection, not events); GET gives
                 a.ics, and b.ics is gone (404)
    /farprincipal/  not a calendar; its principal is on another host
                 (http://localhost:PORT/p/, this same listener by name)
    /farhome/    not a calendar; its calendar home is on another port
                 (http://127.0.0.1:OTHER/home/)
    /farcal/     its home /farcal/home/ lists one calendar, on another
                 port (http://127.0.0.1:OTHER/cal/)
    /hop/        301 to http://127.0.0.1:OTHER/cal/
    /evil/       a calendar (no sync-collection) whose PROPFIND Depth 1
                 and calendar-multiget give a.ics and hrefs outside it:
                 //evil.example/x.ics, //127.0.0.1:OTHER/x.ics,
                 /other/x.ics, ../x.ics, /evil/%2e%2e, /evil/sub%2Fx.ics
    OTHER is $FAKEDAV_OTHER_PORT: a second listener that nothing should
    ever reach.
    /paged/      sync-collection in parts: from no token, a.ics and a 507
                 for the collection (more to come) with token t1; from
                 t1, b.ics and token t2; from t2, nothing new
"""
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG_LOCK = threading.Lock()

MS_HEAD = (b'<?xml version="1.0" encoding="utf-8"?>\n'
           b'<D:multistatus xmlns:D="DAV:" '
           b'xmlns:C="urn:ietf:params:xml:ns:caldav">')
CALENDAR = (MS_HEAD + b'<D:response><D:href>/PATH</D:href><D:propstat><D:prop>'
            b'<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>'
            b'</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>'
            b'</D:response></D:multistatus>')


def log(line):
    with LOG_LOCK, open(sys.argv[2], "a") as f:
        f.write(line + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/xml; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(n) if n else b""
        log(f"{self.command} {self.path}")
        p = self.path
        if p.startswith("/malformed/"):
            self.reply(207, MS_HEAD + b"<D:response><D:href>/x</D:hre")
        elif p.startswith("/dtd/"):
            body = (b'<?xml version="1.0"?>\n<!DOCTYPE D:multistatus [\n'
                    b'<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
                    + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">\n'
                               % ((c,) + (c - 1,) * 8)
                               for c in range(ord("b"), ord("k")))
                    + b']>\n<D:multistatus xmlns:D="DAV:"><D:response>'
                    b'<D:href>&j;</D:href></D:response></D:multistatus>')
            self.reply(207, body)
        elif p.startswith("/notdav/"):
            self.reply(207, b'<?xml version="1.0"?><html><body/></html>')
        elif p.startswith("/error/"):
            self.reply(500, b"broken\n", "text/plain")
        elif p.startswith("/reset/"):
            # SO_LINGER 0: a RST, not an orderly close.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.close_connection = True
            self.connection.close()
        elif p.startswith("/slow/"):
            time.sleep(5)
            self.reply(207, CALENDAR.replace(b"/PATH", p.encode()))
        elif p.startswith("/huge/"):
            self.huge()
        elif p.startswith("/paged/"):
            self.paged()
        elif p.startswith("/nosync/"):
            self.nosync(p)
        elif p.startswith(("/farprincipal/", "/farhome/", "/farcal/",
                           "/hop/")):
            self.far(p)
        elif p.startswith("/evil/"):
            self.evil()
        elif p.startswith("/redirect/"):
            self.send_response(301)
            self.send_header("Location", "http://192.0.2.1/dav/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.reply(404, b"no such fault\n", "text/plain")

    def nosync(self, p):
        def member(href, rtype, etag, ctype):
            return (b"<D:response><D:href>%s</D:href><D:propstat><D:prop>"
                    b"<D:resourcetype>%s</D:resourcetype>%s%s</D:prop>"
                    b"<D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
                    b"</D:response>" % (href, rtype,
                                        b"<D:getetag>%s</D:getetag>" % etag
                                        if etag else b"",
                                        b"<D:getcontenttype>%s"
                                        b"</D:getcontenttype>" % ctype
                                        if ctype else b""))
        coll = b"<D:collection/><C:calendar/>"
        if self.command == "PROPFIND" and self.headers.get("Depth") == "0":
            self.reply(207, MS_HEAD + member(b"/nosync/", coll, None, None)
                       + b"</D:multistatus>")
        elif self.command == "PROPFIND":
            self.reply(207, MS_HEAD + member(b"/nosync/", coll, None, None)
                       + member(b"/nosync/a.ics", b"", b'"ea"',
                                b"text/calendar; charset=utf-8")
                       + member(b"/nosync/b.ics", b"", b'"eb"', None)
                       + member(b"/nosync/note.txt", b"", b'"en"',
                                b"text/plain")
                       + member(b"/nosync/sub/", b"<D:collection/>",
                                b'"es"', None)
                       + b"</D:multistatus>")
        elif self.command == "REPORT":
            self.reply(501, b"not here\n", "text/plain")
        elif self.command == "GET" and p == "/nosync/a.ics":
            body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n"
                    b"SUMMARY:By GET\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("ETag", '"ea"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.reply(404, b"gone\n", "text/plain")

    def far(self, p):
        other = os.environ.get("FAKEDAV_OTHER_PORT", "9")
        me = self.server.server_address[1]
        if p.startswith("/hop/"):
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.1:{other}/cal/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        prop = {
            "/farprincipal/": f"<D:current-user-principal><D:href>"
                              f"http://localhost:{me}/p/</D:href>"
                              f"</D:current-user-principal>",
            "/farhome/": f"<C:calendar-home-set><D:href>"
                         f"http://127.0.0.1:{other}/home/</D:href>"
                         f"</C:calendar-home-set>",
            "/farcal/": "<C:calendar-home-set><D:href>/farcal/home/"
                        "</D:href></C:calendar-home-set>",
        }
        if p == "/farcal/home/":
            body = ("<D:response><D:href>/farcal/home/</D:href><D:propstat>"
                    "<D:prop><D:resourcetype><D:collection/></D:resourcetype>"
                    "</D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                    "</D:propstat></D:response>"
                    f"<D:response><D:href>http://127.0.0.1:{other}/cal/"
                    "</D:href><D:propstat><D:prop><D:resourcetype>"
                    "<D:collection/><C:calendar/></D:resourcetype></D:prop>"
                    "<D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
                    "</D:response>")
        else:
            key = "/" + p.split("/")[1] + "/"
            body = (f"<D:response><D:href>{p}</D:href><D:propstat><D:prop>"
                    f"<D:resourcetype><D:collection/></D:resourcetype>"
                    f"{prop[key]}</D:prop><D:status>HTTP/1.1 200 OK"
                    f"</D:status></D:propstat></D:response>")
        self.reply(207, MS_HEAD + body.encode() + b"</D:multistatus>")

    def evil(self):
        other = os.environ.get("FAKEDAV_OTHER_PORT", "9").encode()
        ics = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:%s\r\n"
               b"SUMMARY:From %s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        outside = [b"//evil.example/x.ics", b"//127.0.0.1:" + other + b"/x.ics",
                   b"/other/x.ics", b"../x.ics", b"/evil/%2e%2e",
                   b"/evil/sub%2Fx.ics"]

        def member(href, data=None):
            return (b"<D:response><D:href>%s</D:href><D:propstat><D:prop>"
                    b"<D:resourcetype/><D:getetag>\"e\"</D:getetag>"
                    b"<D:getcontenttype>text/calendar</D:getcontenttype>%s"
                    b"</D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                    b"</D:propstat></D:response>"
                    % (href, b"<C:calendar-data>%s</C:calendar-data>" % data
                       if data else b""))
        coll = (b"<D:response><D:href>/evil/</D:href><D:propstat><D:prop>"
                b"<D:resourcetype><D:collection/><C:calendar/>"
                b"</D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK"
                b"</D:status></D:propstat></D:response>")
        if self.command == "PROPFIND" and self.headers.get("Depth") == "0":
            self.reply(207, MS_HEAD + coll + b"</D:multistatus>")
        elif self.command == "PROPFIND":
            self.reply(207, MS_HEAD + coll + member(b"/evil/a.ics")
                       + b"".join(member(h) for h in outside)
                       + b"</D:multistatus>")
        elif self.command == "REPORT":
            self.reply(207, MS_HEAD + member(b"/evil/a.ics", ics % (b"a", b"a"))
                       + b"".join(member(h, ics % (b"x", h)) for h in outside)
                       + b"</D:multistatus>")
        else:
            self.reply(404, b"gone\n", "text/plain")

    def paged(self):
        def member(href, status=b"200 OK", etag=b'"e"'):
            return (b"<D:response><D:href>%s</D:href><D:propstat><D:prop>"
                    b"<D:getetag>%s</D:getetag></D:prop><D:status>HTTP/1.1 "
                    b"%s</D:status></D:propstat></D:response>"
                    % (href, etag, status))
        if self.command == "PROPFIND":
            self.reply(207, MS_HEAD + b"<D:response><D:href>/paged/</D:href>"
                       b"<D:propstat><D:prop><D:resourcetype><D:collection/>"
                       b"<C:calendar/></D:resourcetype><D:supported-report-set>"
                       b"<D:supported-report><D:report><D:sync-collection/>"
                       b"</D:report></D:supported-report></D:supported-report-set>"
                       b"</D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                       b"</D:propstat></D:response></D:multistatus>")
        elif b"<D:sync-token>t2</D:sync-token>" in self.body:
            self.reply(207, MS_HEAD + b"<D:sync-token>t2</D:sync-token>"
                       b"</D:multistatus>")
        elif b"<D:sync-token>t1</D:sync-token>" in self.body:
            self.reply(207, MS_HEAD + member(b"/paged/b.ics")
                       + b"<D:sync-token>t2</D:sync-token></D:multistatus>")
        else:
            self.reply(207, MS_HEAD + member(b"/paged/a.ics")
                       + b"<D:response><D:href>/paged/</D:href><D:status>"
                       b"HTTP/1.1 507 Insufficient Storage</D:status>"
                       b"</D:response><D:sync-token>t1</D:sync-token>"
                       b"</D:multistatus>")

    def huge(self):
        head = (MS_HEAD + b'<D:response><D:href>/huge/x.ics</D:href>'
                b'<D:propstat><D:prop><C:calendar-data>')
        tail = (b'</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK'
                b'</D:status></D:propstat></D:response></D:multistatus>')
        chunk = b"X" * 65536
        total = 64 * 1024 * 1024
        self.send_response(207)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(head) + total + len(tail)))
        self.end_headers()
        sent = 0
        try:
            self.wfile.write(head)
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
            self.wfile.write(tail)
        except OSError:
            pass
        log(f"sent {sent}")
        self.close_connection = True

    do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = handle_any
    do_MKCALENDAR = do_OPTIONS = handle_any


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    if len(sys.argv) > 4:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
