#!/bin/sh
# t-dav.sh: the CalDAV client (include/itin/dav.h) against real servers,
# Radicale and Xandikos (tests/sync/servers.sh), each on loopback with its
# own storage, and against tests/sync/fakedav.py, a server that
# misbehaves on purpose. Through build/tests/davprobe, which runs one
# dav.h operation per call (tests/sync/davprobe.c).
#
# Against each server: discovery from the root, a MKCALENDAR'd collection,
# a create (If-None-Match: *) and the same create again (a precondition),
# an update with the right and with a stale etag, a full listing and an
# incremental one (sync-token) that sees a deletion, calendar-multiget, a
# delete (stale, right, and again), a token the server refuses, and
# python3-caldav reading and editing what was written. Radicale also:
# a wrong password (77), ~/.netrc ($NETRC) and password_cmd.
# Faults: unreachable (69), plain http to a host that is not loopback
# (refused before any connection), malformed XML, a DTD, a 500 (retried,
# then 75), a reset connection, a slow reply (timeout), a 64 MB reply
# (refused at the cap, in bounded memory), a redirect to plain http.
# Nothing leaves the server the user named (issue 16): a principal, a
# calendar home, a calendar or a redirect on another host or port is
# refused (65), hrefs outside the collection are ignored with a warning
# and never asked for, http_proxy is not used for plain http, and a URL
# with a password in it is refused (64; sync and remote add too); a
# second listener checks that no request ever reaches it.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/sync/servers.sh"
dav_trap
trap 'dav_stop; for p in ${FAKE_PID:-} ${TLS_PID:-} ${OTHER_PID:-}; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

PROBE=${UNIT_DIR:-$ROOT/build/tests}/davprobe
CALDAV_CLIENT="$ROOT/tests/sync/caldav_client.py"
if [ ! -x "$PROBE" ]; then
	not_ok "davprobe is built ($PROBE)"
	finish
fi

# probe ARGS...: davprobe, stdout in $T/out, stderr in $T/err, status $rc.
probe() {
	# shellcheck disable=SC2086 # $VG is words
	$VG "$PROBE" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
show() {
	echo "#   status $rc"
	sed 's/^/#   out: /' "$T/out"
	sed 's/^/#   err: /' "$T/err"
}
check() { # DESC: the condition was met ($? of the command before)
	if [ "$1" = 0 ]; then ok "$2"; else
		not_ok "$2"
		show
	fi
}

# ics UID SUMMARY FILE
ics() {
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20230101T000000Z\r\nDTSTART:20230130T100000Z\r\nDTEND:20230130T110000Z\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
		"$1" "$2" >"$3"
}

# field NAME: the word after "NAME " in $T/out.
field() { awk -v k="$1" '$1 == k { print $2; exit }' "$T/out"; }

against() {
	kind=$1
	dav_ready "$kind" || return
	if [ -n "$DAV_USER" ]; then
		set -- -u "$DAV_USER" -p "$DAV_PASS"
	else
		set --
	fi
	base=${DAV_URL#http://*/}
	base=/$base

	# --- discovery and opening ---------------------------------------
	probe "$@" "$DAV_ROOT" open
	got=$(field collection)
	case "$got" in
	"$DAV_HOME"?*/) [ "$rc" = 0 ] && [ "$(field sync)" = 1 ] ;;
	*) false ;;
	esac
	check $? "$kind: discovery from the root finds a calendar in the home ($got)"
	if [ "$kind" = radicale ]; then
		[ "$got" = "$DAV_URL" ]
		check $? "$kind: the one calendar is the one discovered"
	fi
	probe "$@" "$DAV_URL" open
	[ "$rc" = 0 ] && [ "$(field collection)" = "$DAV_URL" ]
	check $? "$kind: a collection URL opens as itself"
	probe "$@" "${DAV_URL%/}" open
	[ "$rc" = 0 ] && [ "$(field collection)" = "$DAV_URL" ]
	check $? "$kind: the collection URL without its last slash too"

	# --- writes with preconditions -------------------------------------
	ics a1 "Talks in Seoul" "$T/a.ics"
	probe "$@" "$DAV_URL" put a1.ics "$T/a.ics"
	e1=$(field done)
	[ "$rc" = 0 ] && [ -n "$e1" ] && [ "$e1" != - ]
	check $? "$kind: PUT creates (If-None-Match: *) and gives the etag"
	probe "$@" "$DAV_URL" put a1.ics "$T/a.ics"
	[ "$rc" = 0 ] && grep -qx precondition "$T/out"
	check $? "$kind: the same create again is a precondition (412)"
	ics a1 "Talks in Busan" "$T/a2.ics"
	probe "$@" "$DAV_URL" put a1.ics "$T/a2.ics" "$e1"
	e2=$(field done)
	[ "$rc" = 0 ] && [ -n "$e2" ] && [ "$e2" != "$e1" ]
	check $? "$kind: an update with the right etag is done, with a new etag"
	ics a1 "Talks in Daegu" "$T/a3.ics"
	probe "$@" "$DAV_URL" put a1.ics "$T/a3.ics" "$e1"
	[ "$rc" = 0 ] && grep -qx precondition "$T/out"
	check $? "$kind: an update with a stale etag is a precondition"

	# --- listings --------------------------------------------------------
	probe "$@" "$DAV_URL" list
	tok=$(field token)
	[ "$rc" = 0 ] && [ "$(field full)" = 1 ] && [ -n "$tok" ] &&
		[ "$tok" != - ] && [ "$(grep -c '^item ' "$T/out")" = 1 ] &&
		grep -qxF "item ${base}a1.ics $e2" "$T/out"
	check $? "$kind: a full listing: the one event, its etag, a sync token"
	ics b2 "Dinner & talks <formal>" "$T/b.ics"
	probe "$@" "$DAV_URL" put "${base}b2.ics" "$T/b.ics"
	eb=$(field done)
	probe "$@" "$DAV_URL" delete a1.ics "$e1"
	[ "$rc" = 0 ] && grep -qx precondition "$T/out"
	check $? "$kind: DELETE with a stale etag is a precondition"
	probe "$@" "$DAV_URL" delete a1.ics "$e2"
	[ "$rc" = 0 ] && grep -qx done "$T/out"
	check $? "$kind: DELETE with the right etag is done"
	probe "$@" "$DAV_URL" list "$tok"
	[ "$rc" = 0 ] && [ "$(field full)" = 0 ] &&
		[ "$(grep -c '^item ' "$T/out")" = 2 ] &&
		grep -qxF "item ${base}b2.ics $eb" "$T/out" &&
		grep -qxF "item ${base}a1.ics -" "$T/out" &&
		[ "$(field token)" != "$tok" ]
	check $? "$kind: an incremental listing: the new event and the deletion"
	probe "$@" "$DAV_URL" list "${tok}x-stale"
	[ "$rc" = 0 ] && [ "$(field full)" = 1 ] &&
		[ "$(grep -c '^item ' "$T/out")" = 1 ] &&
		grep -qxF "item ${base}b2.ics $eb" "$T/out"
	check $? "$kind: a token the server refuses gives the whole collection"

	# --- fetching --------------------------------------------------------
	probe "$@" "$DAV_URL" fetch "${base}b2.ics" "${base}a1.ics" "${base}never.ics"
	[ "$rc" = 0 ] && [ "$(grep -c '^item ' "$T/out")" = 1 ] &&
		grep -q "^item ${base}b2.ics $eb [0-9]" "$T/out" &&
		grep -q '^| SUMMARY:Dinner & talks <formal>' "$T/out"
	check $? "$kind: calendar-multiget gives the body and etag; gone ones are left out"
	probe "$@" "$DAV_URL" fetch b2.ics
	[ "$rc" = 0 ] && grep -q "^item ${base}b2.ics $eb" "$T/out"
	check $? "$kind: a name relative to the collection is fetched too"

	# --- a third client --------------------------------------------------
	if /usr/bin/python3 -c 'import caldav' 2>/dev/null; then
		/usr/bin/python3 "$CALDAV_CLIENT" "$DAV_URL" "$DAV_USER" "$DAV_PASS" \
			list >"$T/cc" 2>"$T/err"
		grep -qx "$(printf 'b2\tDinner & talks <formal>')" "$T/cc"
		check $? "$kind: python3-caldav reads what was written"
		/usr/bin/python3 "$CALDAV_CLIENT" "$DAV_URL" "$DAV_USER" "$DAV_PASS" \
			set b2 SUMMARY "Dinner moved" 2>"$T/err" &&
			probe "$@" "$DAV_URL" list "$(field token)" >/dev/null
		probe "$@" "$DAV_URL" fetch b2.ics
		e3=$(awk '$1 == "item" { print $3 }' "$T/out")
		[ "$rc" = 0 ] && [ -n "$e3" ] && [ "$e3" != "$eb" ] &&
			grep -q "^| SUMMARY:Dinner moved" "$T/out"
		check $? "$kind: an edit by python3-caldav is read back with a new etag"
	else
		ok "$kind: python3-caldav # skip python3-caldav is not installed"
	fi
	probe "$@" "$DAV_URL" delete b2.ics
	probe "$@" "$DAV_URL" delete b2.ics
	[ "$rc" = 0 ] && grep -qx done "$T/out"
	check $? "$kind: deleting what is gone is done (404)"

	# --- credentials -----------------------------------------------------
	if [ -n "$DAV_USER" ]; then
		probe -u "$DAV_USER" -p wrong "$DAV_URL" list
		[ "$rc" = 77 ] && grep -q "check the user and password for $DAV_URL" "$T/err" &&
			! grep -q wrong "$T/err"
		check $? "$kind: a wrong password is 77, naming the URL (not the password)"
		printf 'machine 127.0.0.1 login %s password %s\n' "$DAV_USER" \
			"$DAV_PASS" >"$T/netrc"
		NETRC="$T/netrc" probe "$DAV_URL" list
		[ "$rc" = 0 ] && [ "$(field full)" = 1 ]
		check $? "$kind: the user and password from \$NETRC"
		probe -u "$DAV_USER" -c "echo $DAV_PASS; echo ignored" "$DAV_URL" list
		[ "$rc" = 0 ] && [ "$(field full)" = 1 ]
		check $? "$kind: the password from password_cmd's first line"
		printf 'machine 127.0.0.1 login %s password nope\n' "$DAV_USER" >"$T/netrc"
		NETRC="$T/netrc" probe -u "$DAV_USER" -c "echo $DAV_PASS" "$DAV_URL" list
		[ "$rc" = 0 ]
		check $? "$kind: password_cmd when ~/.netrc's password is refused"
		NETRC="$T/netrc" probe -c "echo $DAV_PASS" "$DAV_URL" list
		[ "$rc" = 77 ] && grep -q "needs a user" "$T/err"
		check $? "$kind: password_cmd without a user is refused (77)"
		probe -u "$DAV_USER" -c "exit 3" "$DAV_URL" list
		[ "$rc" = 77 ] && grep -q "password command failed" "$T/err"
		check $? "$kind: a failing password_cmd is 77"
		probe "$DAV_URL" list
		[ "$rc" = 77 ]
		check $? "$kind: no credentials at all is 77"
	else
		ok "$kind: credentials # skip $kind runs without authentication"
	fi
	dav_stop
}

against radicale
against xandikos

# --- faults without a server ------------------------------------------------
port=$(dav_free_port)
probe "http://127.0.0.1:$port/cal/" open
[ "$rc" = 69 ] && grep -q "cannot reach http://127.0.0.1:$port/cal/" "$T/err"
check $? "nothing listening: 69, naming the URL"
probe "http://192.0.2.1/cal/" open
[ "$rc" = 64 ] && grep -q "plain http would send the password to 192.0.2.1 in clear; use https, or --insecure" "$T/err"
check $? "plain http to a host that is not loopback is refused before connecting"
probe -k -t 300 -r 1 "http://192.0.2.1/cal/" open
[ "$rc" = 69 ] || [ "$rc" = 75 ]
check $? "with insecure it is tried (and fails: no network there)"
probe "ftp://127.0.0.1/cal/" open
[ "$rc" = 64 ]
check $? "a scheme other than http(s) is refused"

# --- a server that misbehaves ------------------------------------------------
# The other listener: whatever reaches it is logged in $OTHER_LOG.
OTHER_LOG="$T/other.log"
/usr/bin/python3 "$ROOT/tests/sync/fakedav.py" "$T/other.port" "$OTHER_LOG" \
	2>"$T/other.err" &
OTHER_PID=$!
FAKE_LOG="$T/fake.log"
i=0
while [ ! -s "$T/other.port" ] && [ "$i" -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
OTHER_PORT=$(cat "$T/other.port" 2>/dev/null)
FAKEDAV_OTHER_PORT=$OTHER_PORT /usr/bin/python3 "$ROOT/tests/sync/fakedav.py" \
	"$T/fake.port" "$FAKE_LOG" 2>"$T/fake.err" &
FAKE_PID=$!
i=0
while [ ! -s "$T/fake.port" ] && [ "$i" -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
FAKE_PORT=$(cat "$T/fake.port" 2>/dev/null)
FAKE="http://127.0.0.1:$FAKE_PORT"
hits() { grep -c "^PROPFIND /$1/" "$FAKE_LOG"; }

probe "$FAKE/malformed/" open
[ "$rc" = 65 ] && grep -q "^davprobe: $FAKE/malformed/:[0-9]*:[0-9]*: malformed XML" "$T/err"
check $? "malformed XML: 65, naming the URL, line and column"
probe "$FAKE/dtd/" open
[ "$rc" = 65 ] && grep -q "$FAKE/dtd/" "$T/err"
check $? "a DTD with nested entities: 65, nothing expanded"
probe "$FAKE/notdav/" open
[ "$rc" = 65 ] && grep -q "not a WebDAV multistatus" "$T/err"
check $? "XML that is not a multistatus: 65"
probe -r 2 "$FAKE/error/" open
[ "$rc" = 75 ] && [ "$(hits error)" = 3 ] && grep -q "HTTP 500, 3 tries" "$T/err"
check $? "a 500: tried again twice (-r 2), then 75"
probe -r 1 "$FAKE/reset/" open
[ "$rc" = 75 ] && [ "$(hits reset)" = 2 ]
check $? "a reset connection: tried again, then 75"
start=$(date +%s)
probe -t 400 -r 1 "$FAKE/slow/" open
end=$(date +%s)
# Within the 10 s two full waits would take (valgrind's start-up counts).
[ "$rc" = 75 ] && grep -q "timed out" "$T/err" && [ $((end - start)) -lt 9 ]
check $? "a slow server: timed out (twice 0.4 s), 75 ($((end - start)) s)"
/usr/bin/python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL,
                   stderr=open(sys.argv[1], "w"))
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(r.returncode, kib)' "$T/err" "$PROBE" "$FAKE/huge/" open >"$T/huge" 2>&1
sleep 0.2
read -r hrc hkib <"$T/huge"
sent=$(awk '$1 == "sent" { print $2 }' "$FAKE_LOG")
[ "$hrc" = 65 ] && grep -q "larger than [0-9]* bytes: refused" "$T/err" &&
	[ "${hkib:-999999}" -lt 65536 ] && [ "${sent:-0}" -lt 33554432 ]
check $? "a 64 MB reply: refused at the cap, 65 (peak ${hkib:-?} KiB, ${sent:-?} bytes sent)"
probe "$FAKE/nosync/" open
[ "$rc" = 0 ] && [ "$(field sync)" = 0 ]
check $? "a calendar without sync-collection opens, saying so"
probe "$FAKE/nosync/" list
[ "$rc" = 0 ] && [ "$(field full)" = 1 ] && [ "$(field token)" = - ] &&
	[ "$(grep -c '^item ' "$T/out")" = 2 ] &&
	grep -qxF 'item /nosync/a.ics "ea"' "$T/out" &&
	grep -qxF 'item /nosync/b.ics "eb"' "$T/out"
check $? "without sync-collection: a full PROPFIND listing of the events only"
probe "$FAKE/nosync/" fetch /nosync/a.ics b.ics
[ "$rc" = 0 ] && [ "$(grep -c '^item ' "$T/out")" = 1 ] &&
	grep -q '^item /nosync/a.ics "ea" [0-9]' "$T/out" &&
	grep -q '^| SUMMARY:By GET' "$T/out" &&
	[ "$(grep -c '^GET /nosync/' "$FAKE_LOG")" = 2 ]
check $? "multiget refused (501): GET one by one; the one gone is left out"
probe "$FAKE/paged/" list
[ "$rc" = 0 ] && [ "$(field full)" = 1 ] && [ "$(field token)" = t2 ] &&
	[ "$(grep -c '^item ' "$T/out")" = 2 ] &&
	grep -qxF 'item /paged/a.ics "e"' "$T/out" &&
	grep -qxF 'item /paged/b.ics "e"' "$T/out"
check $? "a sync listing in parts (507): all parts, still a full listing"
probe "$FAKE/redirect/" open
[ "$rc" = 64 ] && grep -q "192.0.2.1" "$T/err"
check $? "a redirect to plain http elsewhere is refused"

# --- nothing leaves the server the user named ---------------------------------
probe "$FAKE/farprincipal/" open
[ "$rc" = 65 ] &&
	grep -q "names a principal on another server (http://localhost:$FAKE_PORT/p/)" "$T/err" &&
	! grep -q "^PROPFIND /p/" "$FAKE_LOG"
check $? "a principal on another host: 65, not asked"
probe "$FAKE/farhome/" open
[ "$rc" = 65 ] && grep -q "names a calendar home on another server (http://127.0.0.1:$OTHER_PORT/home/)" "$T/err"
check $? "a calendar home on another port: 65"
probe "$FAKE/farcal/" open
[ "$rc" = 65 ] && grep -q "names a calendar on another server (http://127.0.0.1:$OTHER_PORT/cal/)" "$T/err"
check $? "a calendar in the home on another port: 65"
probe "$FAKE/hop/" open
[ "$rc" = 65 ] && grep -q "names a redirect on another server" "$T/err"
check $? "a redirect to another port: 65"
probe "$FAKE/evil/" list
[ "$rc" = 0 ] && [ "$(grep -c '^item ' "$T/out")" = 1 ] &&
	grep -qxF 'item /evil/a.ics "e"' "$T/out" &&
	[ "$(grep -c "which is not in the collection: ignored" "$T/err")" = 6 ] &&
	grep -qF "'//evil.example/x.ics'" "$T/err" &&
	grep -qF "'../x.ics'" "$T/err" && grep -qF "'/other/x.ics'" "$T/err"
check $? "hrefs listed outside the collection: ignored, each with a warning"
n_before=$(wc -l <"$FAKE_LOG")
probe "$FAKE/evil/" fetch a.ics //evil.example/x.ics /other/x.ics /evil/../x.ics \
	"//127.0.0.1:$OTHER_PORT/x.ics" /evil/%2e%2e "http://127.0.0.1:$FAKE_PORT/other/x.ics"
[ "$rc" = 0 ] && [ "$(grep -c '^item ' "$T/out")" = 1 ] &&
	grep -q '^item /evil/a.ics "e" [0-9]' "$T/out" &&
	grep -q '^| SUMMARY:From a' "$T/out" &&
	[ "$(grep -c "not in the collection: not fetched" "$T/err")" = 6 ] &&
	[ "$(grep -c "which is not in the collection: ignored" "$T/err")" = 6 ] &&
	[ "$(sed "1,${n_before}d" "$FAKE_LOG" | grep -vc -e '^PROPFIND /evil/$' -e '^REPORT /evil/$')" = 0 ]
check $? "fetch: hrefs outside the collection not asked for; sent ones ignored"
n_before=$(wc -l <"$FAKE_LOG")
ics x "Outside" "$T/x.ics"
for h in /evil/../x.ics /other/x.ics "//127.0.0.1:$OTHER_PORT/x.ics" .. /evil/sub%2Fx.ics; do
	probe "$FAKE/evil/" put "$h" "$T/x.ics"
	[ "$rc" = 65 ] && grep -q "is not a resource in the collection: refused" "$T/err" || break
	probe "$FAKE/evil/" delete "$h"
	[ "$rc" = 65 ] || break
done
[ "$rc" = 65 ] && [ "$(sed "1,${n_before}d" "$FAKE_LOG" | grep -vc '^PROPFIND /evil/$')" = 0 ]
check $? "PUT and DELETE outside the collection: 65, nothing sent"
http_proxy="http://127.0.0.1:$OTHER_PORT" HTTP_PROXY="http://127.0.0.1:$OTHER_PORT" \
	probe "$FAKE/nosync/" list
[ "$rc" = 0 ] && [ "$(grep -c '^item ' "$T/out")" = 2 ]
check $? "plain http is not sent through http_proxy"
n_before=$(wc -l <"$FAKE_LOG")
probe "http://u:secretpw@127.0.0.1:$FAKE_PORT/nosync/" open
[ "$rc" = 64 ] && grep -q "put the user in ~/.netrc or --user, not in the URL" "$T/err" &&
	! grep -q secretpw "$T/err" && [ "$(wc -l <"$FAKE_LOG")" = "$n_before" ]
check $? "a URL with a password in it: 64, not sent, the password not printed"
run sync "http://u:secretpw@127.0.0.1:$FAKE_PORT/nosync/"
[ "$rc" = 64 ] && grep -q "not in the URL" "$T/err" && ! grep -q secretpw "$T/err" &&
	! grep -rq secretpw "$HOME" && ! grep -sq secretpw "$ITIN_FILE"* &&
	[ "$(wc -l <"$FAKE_LOG")" = "$n_before" ]
check $? "itin sync with a password in the URL: 64, nothing stored"
run remote add office "https://u:secretpw@dav.example.org/cal/"
[ "$rc" = 64 ] && grep -q "not in the URL" "$T/err" && ! grep -q secretpw "$T/err" &&
	! grep -rq secretpw "$HOME"
check $? "itin remote add with a password in the URL: 64, not written"
[ ! -s "$OTHER_LOG" ]
check $? "no request reached the other listener"

# --- TLS: a self-signed certificate -------------------------------------------
if command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" \
		-out "$T/cert.pem" -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1; then
	/usr/bin/python3 "$ROOT/tests/sync/fakedav.py" "$T/tls.port" "$T/tls.log" \
		"$T/cert.pem" "$T/key.pem" 2>"$T/tls.err" &
	TLS_PID=$!
	i=0
	while [ ! -s "$T/tls.port" ] && [ "$i" -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	TLS="https://127.0.0.1:$(cat "$T/tls.port" 2>/dev/null)"
	probe "$TLS/nosync/" open
	[ "$rc" = 69 ] && grep -q "certificate is not trusted.*--cafile" "$T/err"
	check $? "a self-signed certificate is refused (69, --cafile named)"
	probe -a "$T/cert.pem" "$TLS/nosync/" list
	[ "$rc" = 0 ] && [ "$(grep -c '^item ' "$T/out")" = 2 ]
	check $? "and trusted with cafile"
	probe -a "$T/cert.pem" -k "$TLS/nosync/" open >/dev/null
	probe -a /nonexistent.pem "$TLS/nosync/" open
	[ "$rc" = 69 ]
	check $? "a cafile that cannot be read: 69"
	kill "$TLS_PID" 2>/dev/null
	wait "$TLS_PID" 2>/dev/null
else
	ok "TLS with a self-signed certificate # skip openssl cannot make one"
fi

finish
