#!/usr/bin/python3
"""raceproxy.py: a second client racing itin, made deterministic, for
tests/cli/t-sync.sh.

    raceproxy.py UPSTREAM PORTFILE LOGFILE

listens on 127.0.0.1 on a free port (written to PORTFILE) and passes
every request on to UPSTREAM (a real CalDAV server's root URL, such as
Radicale's), its answer back. Except once: the first PUT that carries
If-Match, before it is passed on, the proxy edits that resource on the
server itself (GET, its SUMMARY changed to "Raced", PUT), as another
client would between itin's listing and its write. The write then meets
the server's 412 exactly as it would in a real race. One line per
request in LOGFILE: "METHOD PATH STATUS", and "raced PATH STATUS" for
the proxy's own edit.
"""
import http.client
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"raced": False}


def log(line):
    with LOCK, open(sys.argv[3], "a") as f:
        f.write(line + "\n")


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def upstream(self, method, path, body, headers):
        u = urllib.parse.urlsplit(sys.argv[1])
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r, data

    def race(self, headers):
        auth = {"Authorization": headers["Authorization"]} \
            if "Authorization" in headers else {}
        r, data = self.upstream("GET", self.path, None, auth)
        if r.status != 200:
            log(f"raced {self.path} GET {r.status}")
            return
        text = data.decode()
        lines = [("SUMMARY:Raced" if ln.startswith("SUMMARY") else ln)
                 for ln in text.split("\r\n")]
        put = dict(auth)
        put["Content-Type"] = "text/calendar; charset=utf-8"
        r, _ = self.upstream("PUT", self.path, "\r\n".join(lines).encode(),
                             put)
        log(f"raced {self.path} {r.status}")

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection",
                                        "accept-encoding")}
        if self.command == "PUT" and "If-Match" in self.headers:
            with LOCK:
                first = not STATE["raced"]
                STATE["raced"] = True
            if first:
                self.race(headers)
        r, data = self.upstream(self.command, self.path, body, headers)
        log(f"{self.command} {self.path} {r.status}")
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("connection", "transfer-encoding",
                                 "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = handle_any
    do_OPTIONS = do_MKCALENDAR = do_HEAD = handle_any


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    srv.serve_forever()


if __name__ == "__main__":
    main()
