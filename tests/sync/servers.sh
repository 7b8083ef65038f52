# servers.sh: CalDAV servers for the tests, sourced by tests/cli scripts
# after lib.sh (which gives $T, a scratch folder removed at the end).
#
#   dav_start radicale|xandikos DIR  start one on 127.0.0.1, on a free port,
#       storing in DIR (made if needed), and wait until it answers. Sets
#       DAV_ROOT (the server's root URL, for discovery), DAV_URL (a
#       calendar collection made with MKCALENDAR for this run), DAV_USER
#       and DAV_PASS (the user the server knows, itin / secret; empty for
#       xandikos, which as Debian packages it has no authentication of its
#       own), DAV_HOME (the user's calendar home URL) and DAV_PID. Returns 2
#       when the server is not installed (the caller skips), 1 when it does
#       not start (its log is shown).
#   dav_mkcalendar NAME  make one more calendar collection in DAV_HOME; its
#       URL in DAV_NEW_URL.
#   dav_stop  kill the server by its pid and wait for it; run by the exit
#       trap too (dav_trap), so no server outlives its test.
#
# The servers run under /usr/bin/python3 (Debian's, where its python3-*
# packages are), whatever python3 comes first in PATH.

DAV_PY=/usr/bin/python3
[ -x "$DAV_PY" ] || DAV_PY=python3
DAV_PID=
DAV_PIDS=

# dav_free_port: a port nobody listens on now (the kernel's pick).
dav_free_port() {
	"$DAV_PY" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# dav_http METHOD URL [BODY]: a request with the test user, status printed.
dav_http() {
	"$DAV_PY" - "$1" "$2" "${3:-}" "$DAV_USER" "$DAV_PASS" <<'PY'
import base64, sys, urllib.request, urllib.error
method, url, body, user, pw = sys.argv[1:6]
req = urllib.request.Request(url, method=method,
                             data=body.encode() if body else None)
if body:
    req.add_header("Content-Type", "application/xml; charset=utf-8")
if user:
    tok = base64.b64encode(f"{user}:{pw}".encode()).decode()
    req.add_header("Authorization", "Basic " + tok)
try:
    with urllib.request.urlopen(req, timeout=10) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception as e:
    print(0)
PY
}

DAV_MKCAL_BODY='<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
<D:set><D:prop><D:displayname>itin test</D:displayname>
<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
</D:prop></D:set></C:mkcalendar>'

dav_mkcalendar() {
	DAV_NEW_URL="$DAV_HOME$1/"
	_st=$(dav_http MKCALENDAR "$DAV_NEW_URL" "$DAV_MKCAL_BODY")
	case "$_st" in
	201) return 0 ;;
	*)
		echo "# MKCALENDAR $DAV_NEW_URL: status $_st" >&2
		return 1
		;;
	esac
}

dav_trap() {
	trap 'dav_stop; rm -rf "$T"' EXIT
}

dav_stop() {
	for _p in $DAV_PIDS; do
		kill "$_p" 2>/dev/null && wait "$_p" 2>/dev/null
	done
	DAV_PIDS=
	DAV_PID=
}

dav_start() {
	_kind=$1
	_dir=$2
	mkdir -p "$_dir" || return 1
	_port=$(dav_free_port) || return 1
	DAV_ROOT="http://127.0.0.1:$_port/"
	case "$_kind" in
	radicale)
		command -v radicale >/dev/null 2>&1 || return 2
		DAV_USER=itin
		DAV_PASS=secret
		printf 'itin:secret\nother:othersecret\n' >"$_dir/users"
		cat >"$_dir/config" <<CONF
[server]
hosts = 127.0.0.1:$_port
[auth]
type = htpasswd
htpasswd_filename = $_dir/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $_dir/collections
[web]
type = none
[logging]
level = warning
CONF
		"$DAV_PY" -m radicale --config "$_dir/config" >"$_dir/log" 2>&1 &
		DAV_PID=$!
		DAV_HOME="${DAV_ROOT}itin/"
		;;
	xandikos)
		command -v xandikos >/dev/null 2>&1 || return 2
		DAV_USER=
		DAV_PASS=
		"$DAV_PY" -m xandikos.web -d "$_dir/collections" -l 127.0.0.1 \
			-p "$_port" --defaults >"$_dir/log" 2>&1 &
		DAV_PID=$!
		DAV_HOME="${DAV_ROOT}user/calendars/"
		;;
	*)
		echo "dav_start: no server '$_kind'" >&2
		return 1
		;;
	esac
	DAV_PIDS="$DAV_PIDS $DAV_PID"
	_i=0
	while :; do
		_st=$(dav_http PROPFIND "$DAV_ROOT")
		case "$_st" in
		0 | "") ;;
		*) break ;;
		esac
		_i=$((_i + 1))
		if [ "$_i" -ge 100 ] || ! kill -0 "$DAV_PID" 2>/dev/null; then
			echo "# $_kind did not start:" >&2
			sed 's/^/#   /' "$_dir/log" >&2
			return 1
		fi
		sleep 0.1
	done
	# Radicale makes the user's home on the first authenticated request.
	[ "$_kind" = radicale ] && dav_http PROPFIND "$DAV_HOME" >/dev/null
	dav_mkcalendar trip || return 1
	DAV_URL=$DAV_NEW_URL
	return 0
}

# dav_ready KIND: dav_start KIND into $T/KIND for a test script (lib.sh's ok
# and not_ok): 0 when the server runs; else the skip line (not installed) or
# the failure, and 1.
dav_ready() {
	dav_start "$1" "$T/$1"
	case $? in
	0) return 0 ;;
	2) ok "$1: every check # skip $1 is not installed" ;;
	*) not_ok "$1 starts and makes a calendar" ;;
	esac
	return 1
}
