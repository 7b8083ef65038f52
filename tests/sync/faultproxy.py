#!/usr/bin/python3
"""faultproxy.py: a real CalDAV server with faults put in its way at set
points, for tests/cli/t-sync.sh: what a race or a failing server does to
a sync, the same every run.

    faultproxy.py UPSTREAM PORTFILE LOGFILE

listens on 127.0.0.1 on a free port (written to PORTFILE) and passes
every request on to UPSTREAM (a real CalDAV server's root URL, such as
Radicale's), its answer back, with the fault that the file PORTFILE.mode
names (read at each request; no file: "race"):

    race      once, at the first PUT that carries If-Match, the proxy
              edits that resource on the server itself first (GET, its
              SUMMARY changed to "Raced", PUT), as another client would
              between itin's listing and its write: the write then meets
              the server's 412 exactly as in a real race
    pass      nothing
    error K   the next K PUTs are answered 500 without being passed on
    down N    N more PUTs are passed on; from then on every connection is
              closed with no reply, as if the server had been killed
              mid-sync
    slow MS   every answer held back MS milliseconds
    withhold  bodies are not given: a calendar-multiget REPORT is answered
              with no resources in it, a GET of a resource with 404 (the
              listing still names them, with their new ETags)
    dup       every resource of a listing (PROPFIND, sync-collection) is
              named twice, as pages of a sync-collection answer can

One line per request in LOGFILE: "METHOD PATH STATUS" (0: no reply),
and "raced PATH STATUS" for the proxy's own edit.
"""
import http.client
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"raced": False, "mode": None, "count": 0}


def mode():
    """The mode's words, and the PUTs counted since it was set."""
    try:
        with open(sys.argv[2] + ".mode") as f:
            m = f.read().split()
    except FileNotFoundError:
        m = ["race"]
    if m != STATE["mode"]:
        STATE["mode"] = m
        STATE["count"] = 0
    return m


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
        with LOCK:
            m = mode()
            puts = STATE["count"]
            if self.command == "PUT":
                STATE["count"] += 1
            first = (m[0] == "race" and self.command == "PUT"
                     and "If-Match" in self.headers and not STATE["raced"])
            if first:
                STATE["raced"] = True
        if m[0] == "slow":
            time.sleep(int(m[1]) / 1000)
        if m[0] == "down" and (puts >= int(m[1]) or (
                self.command != "PUT" and STATE["count"] > int(m[1]))):
            log(f"{self.command} {self.path} 0")
            self.close_connection = True
            return
        if m[0] == "error" and self.command == "PUT" and puts < int(m[1]):
            log(f"{self.command} {self.path} 500")
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            return
        if first:
            self.race(headers)
        r, data = self.upstream(self.command, self.path, body, headers)
        status = r.status
        data = self.rewrite(m[0], body or b"", status, data)
        if m[0] == "withhold" and self.command == "GET" and status == 200:
            status, data = 404, b""
        log(f"{self.command} {self.path} {status}")
        self.send_response(status)
        for k, v in r.getheaders():
            if k.lower() not in ("connection", "transfer-encoding",
                                 "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def rewrite(self, fault, body, status, data):
        """The answer to a REPORT or PROPFIND as the fault has it."""
        if status != 207 or self.command not in ("REPORT", "PROPFIND"):
            return data
        resp = re.compile(rb"<((?:[\w-]+:)?)response\b.*?</\1response>",
                          re.S)
        if fault == "withhold" and b"calendar-multiget" in body:
            return resp.sub(b"", data)
        if fault == "dup" and b"calendar-multiget" not in body:
            return resp.sub(lambda x: x.group(0) + x.group(0), data)
        return data

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
