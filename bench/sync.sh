#!/bin/sh
# sync.sh: itin sync against a CalDAV server (issue 16), end to end, on a
# local Radicale (tests/sync/servers.sh starts it on loopback, its storage
# in a scratch folder), next to vdirsyncer on the same server and data and
# to a floor measured in the same run:
#   first push   BENCH_SYNC_EVENTS generated events (bench/gen.sh) into a
#                fresh collection, by
#                  floor       one curl process PUTting the same .ics files
#                              (curl -K: one config, every PUT in turn)
#                  itin        itin sync of the store
#                  vdirsyncer  vdirsyncer sync of a filesystem storage
#                              holding the same .ics files, one a file
#   incremental  one event changed here, then a sync, with the collection
#                holding BENCH_SYNC_EVENTS events:
#                  floor       one curl process: the sync-collection REPORT
#                              from itin's saved token, then the PUT of
#                              one event over its copy in the floor's
#                              own collection (what the sync must send)
#                  itin        itin edit, then itin sync (only the sync is
#                              timed)
#                  vdirsyncer  one .ics file rewritten, then vdirsyncer sync
# The .ics files are the ones the server stored from itin's push, so the
# three send the same events. Each round makes fresh collections; the
# best of BENCH_SYNC_ROUNDS rounds (default 1: a push of thousands of
# events to Radicale takes minutes, its PUT growing with the collection)
# for the push, of BENCH_ROUNDS (default 5) for the incremental sync.
# Prints seconds and the ratio to the floor. Skips with a line when
# radicale, vdirsyncer or curl is not installed (vdirsyncer's rows alone
# when only it is missing). A measurement: a slow figure never fails it,
# a command that fails does (exit 1).
#   ITIN                the binary (absolute path)
#   BENCH_SYNC_EVENTS   events (default 10000, the issue's size)
#   BENCH_SYNC_ROUNDS   rounds of the push (default 1)
#   BENCH_ROUNDS        rounds of the incremental sync (default 5)
: "${ITIN:?ITIN must name the itin binary}"
here=$(cd "$(dirname "$0")" && pwd)
n=${BENCH_SYNC_EVENTS:-10000}
push_rounds=${BENCH_SYNC_ROUNDS:-1}
inc_rounds=${BENCH_ROUNDS:-5}

echo
echo "itin sync against Radicale, $n events (bench/sync.sh):"
for prog in radicale curl; do
	if ! command -v "$prog" >/dev/null 2>&1; then
		echo "  skipped: $prog is not installed"
		exit 0
	fi
done
have_vdir=1
if ! command -v vdirsyncer >/dev/null 2>&1; then
	have_vdir=0
	echo "  vdirsyncer is not installed: its rows are skipped"
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-sync.XXXXXX")
. "$here/../tests/sync/servers.sh"
trap 'dav_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
unset ITIN_FILE XDG_DATA_HOME
export HOME="$T/home" LC_ALL=C.UTF-8 NO_COLOR=1 ITIN_NOW=2023-01-25T12:00:00Z
mkdir -p "$HOME"
if ! dav_start radicale "$T/radicale"; then
	echo "  skipped: radicale did not start"
	exit 0
fi
printf 'machine 127.0.0.1 login %s password %s\n' "$DAV_USER" "$DAV_PASS" >"$T/netrc"
export NETRC="$T/netrc"
# Where Radicale keeps a collection's items, one .ics file each.
dav_files() { echo "$T/radicale/collections/collection-root/$DAV_USER/$1"; }

status=0
fail() {
	echo "  FAILED: $1" >&2
	[ -f "$T/out" ] && sed 's/^/    /' "$T/out" | tail -5 >&2
	status=1
}
now_ns() { date +%s%N; }
# timed NAME CMD...: run CMD, its seconds appended to $T/times as "NAME S".
timed() {
	_name=$1
	shift
	_t0=$(now_ns)
	"$@" >"$T/out" 2>&1 || fail "$_name: $*"
	_t1=$(now_ns)
	echo "$_name $(((_t1 - _t0) / 1000))" >>"$T/times"
}

# curl_puts DIR URL: a curl config PUTting every .ics file in DIR to URL.
curl_puts() {
	_sep=
	for _f in "$1"/*.ics; do
		printf '%s' "$_sep"
		_sep='next
'
		printf 'user = "%s:%s"\nheader = "Expect:"\n' "$DAV_USER" "$DAV_PASS"
		printf 'header = "Content-Type: text/calendar; charset=utf-8"\n'
		printf 'upload-file = "%s"\nurl = "%s%s"\n' "$_f" "$2" "${_f##*/}"
		printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
	done
}
# run_curl CONFIG: every request must succeed (2xx).
run_curl() {
	curl -s -K "$1" >"$T/codes" || return 1
	! grep -qv '^2' "$T/codes"
}

vdir_config() { # DIR URL
	cat <<CONF
[general]
status_path = "$T/vdir-status-$3/"
[pair bench]
a = "bench_files"
b = "bench_dav"
collections = null
conflict_resolution = "a wins"
[storage bench_files]
type = "filesystem"
path = "$1/"
fileext = ".ics"
[storage bench_dav]
type = "caldav"
url = "$2"
username = "$DAV_USER"
password = "$DAV_PASS"
CONF
}
vdir() { yes | vdirsyncer -c "$T/vdir.conf" "$@"; }

sh "$here/gen.sh" "$n" >"$T/events.itin"
r=0
while [ "$r" -lt "$push_rounds" ]; do
	r=$((r + 1))
	cp "$T/events.itin" "$T/store.itin"
	rm -f "$T/store.itin.sync"
	dav_mkcalendar "itin$r" || { fail "MKCALENDAR"; break; }
	url_itin=$DAV_NEW_URL
	ITIN_FILE="$T/store.itin" timed push-itin "$ITIN" sync "$url_itin"
	rm -rf "$T/ics"
	mkdir -p "$T/ics"
	cp "$(dav_files "itin$r")"/*.ics "$T/ics/"
	if [ "$(ls "$T/ics" | wc -l)" != "$n" ]; then
		fail "the server holds $(ls "$T/ics" | wc -l) events after itin's push, not $n"
		break
	fi
	dav_mkcalendar "curl$r" || { fail "MKCALENDAR"; break; }
	url_curl=$DAV_NEW_URL
	curl_puts "$T/ics" "$url_curl" >"$T/puts.curl"
	timed push-floor run_curl "$T/puts.curl"
	if [ "$have_vdir" = 1 ]; then
		dav_mkcalendar "vdir$r" || { fail "MKCALENDAR"; break; }
		url_vdir=$DAV_NEW_URL
		rm -rf "$T/vdir-ics"
		cp -r "$T/ics" "$T/vdir-ics"
		vdir_config "$T/vdir-ics" "$url_vdir" "$r" >"$T/vdir.conf"
		vdir discover >"$T/out" 2>&1 || fail "vdirsyncer discover"
		timed push-vdirsyncer vdir sync
		[ "$(ls "$(dav_files "vdir$r")" | wc -l)" = "$n" ] ||
			fail "the server holds $(ls "$(dav_files "vdir$r")" | wc -l) events after vdirsyncer's push, not $n"
	fi
done

# The incremental sync, on the last round's collections.
export ITIN_FILE="$T/store.itin"
"$ITIN" sync "$url_itin" >"$T/out" 2>&1 || fail "itin sync, nothing changed"
[ "$have_vdir" = 1 ] && { vdir sync >"$T/out" 2>&1 || fail "vdirsyncer sync, nothing changed"; }
ids=$("$ITIN" list --format tsv --from 2020-01-01 | awk -F'\t' 'NR > 1 { print $1 }' | head -n "$inc_rounds")
token=$(awk -F'\t' '$1 == "remote" { print $3 }' "$T/store.itin.sync")
one=$(ls "$T/ics" | head -1)
cat >"$T/inc.curl" <<CONF
user = "$DAV_USER:$DAV_PASS"
request = "REPORT"
header = "Depth: 1"
header = "Content-Type: application/xml; charset=utf-8"
data = "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?><D:sync-collection xmlns:D=\\"DAV:\\"><D:sync-token>$token</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>"
url = "$url_itin"
output = "/dev/null"
write-out = "%{http_code}\\n"
next
user = "$DAV_USER:$DAV_PASS"
header = "Expect:"
header = "Content-Type: text/calendar; charset=utf-8"
upload-file = "$T/ics/$one"
url = "$url_curl$one"
output = "/dev/null"
write-out = "%{http_code}\\n"
CONF
k=0
for id in $ids; do
	k=$((k + 1))
	timed inc-floor run_curl "$T/inc.curl"
	"$ITIN" edit "$id" --title "Changed $k" >"$T/out" 2>&1 || fail "itin edit"
	timed inc-itin "$ITIN" sync "$url_itin"
	grep -q '^1 to push, 0 to pull' "$T/out" || fail "itin's incremental sync did not push one event"
	if [ "$have_vdir" = 1 ]; then
		f=$(ls "$T/vdir-ics" | sed -n "${k}p")
		sed "s/^SUMMARY:.*/SUMMARY:Changed $k/" "$T/vdir-ics/$f" >"$T/changed.ics" &&
			mv "$T/changed.ics" "$T/vdir-ics/$f"
		timed inc-vdirsyncer vdir sync
	fi
done

# The best of each row, in seconds, with its ratio to the floor.
report() { # WHAT PREFIX
	awk -v what="$1" -v p="$2" '
	index($1, p "-") == 1 {
		name = substr($1, length(p) + 2)
		if (!(name in best) || $2 < best[name]) best[name] = $2
	}
	END {
		floor = best["floor"]
		split("floor itin vdirsyncer", order, " ")
		for (i = 1; i <= 3; i++) {
			nm = order[i]
			if (!(nm in best)) continue
			printf "  %-12s %-10s %9.3f s", what, nm, best[nm] / 1e6
			if (nm != "floor" && floor > 0) printf "  %6.2fx floor", best[nm] / floor
			printf "\n"
		}
	}' "$T/times"
}
[ -f "$T/times" ] && {
	report "first push" push
	report "incremental" inc
}
exit $status
