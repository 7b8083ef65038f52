#!/bin/sh
# t-sync.sh: itin sync and itin remote against real CalDAV servers,
# Radicale and Xandikos (tests/sync/servers.sh), each on loopback with its
# own storage. Two stores sync through one collection: adds, edits,
# deletes, a move across zones, all-day events and a flight with two
# zones; a third client (tests/sync/caldav_client.py, python3-caldav)
# reads what itin wrote and edits an event, which itin pulls with its
# zones intact; conflicts both ways, listed field by field, and --prefer;
# --dry-run changes nothing; a sync killed with SIGKILL mid-way, then one
# that completes; a write raced by another client's edit (the server's
# 412, made deterministic by tests/sync/faultproxy.py) is a conflict that
# loses neither edit; through the same proxy, a PUT answered 500 once
# (retried), a server that keeps answering 500 (75, nothing changed), a
# slow server, and the server gone after 5 of 12 PUTs then back (the next
# sync pushes the rest, no conflict, each event once); a wrong password (77) leaves store and state as
# they were; named remotes.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/sync/servers.sh"
dav_trap
trap 'dav_stop; rm -rf "$T"' EXIT

CALDAV_CLIENT="$ROOT/tests/sync/caldav_client.py"
export ITIN_NOW="2023-01-25T12:00:00Z"

check() { # STATUS DESC
	if [ "$1" = 0 ]; then ok "$2"; else
		not_ok "$2"
		show_run
	fi
}

# in STORE ARGS...: run itin on one store.
in_a() { ITIN_FILE="$A" run "$@"; }
in_b() { ITIN_FILE="$B" run "$@"; }
# The whole store as the text format writes it, ids and all.
canon() { ITIN_FILE="$1" "$ITIN" list --format itin | grep -v '^ *seq:'; }
same_stores() {
	canon "$A" >"$T/ca"
	canon "$B" >"$T/cb"
	if cmp -s "$T/ca" "$T/cb" && [ -s "$T/ca" ]; then ok "$1"; else
		not_ok "$1"
		diff -u "$T/ca" "$T/cb" | head -30 | sed 's/^/#   /'
	fi
}
client() { /usr/bin/python3 "$CALDAV_CLIENT" "$DAV_URL" "$DAV_USER" "$DAV_PASS" "$@"; }
count() { grep -c "^$1" "$T/out"; }
id_of() { # STORE TITLE
	ITIN_FILE="$1" "$ITIN" list --format tsv | awk -F'\t' -v t="$2" '$8 == t { print $1; exit }'
}

against() {
	kind=$1
	dav_ready "$kind" || return
	A=$T/$kind-a/store.itin
	B=$T/$kind-b/store.itin
	mkdir -p "$T/$kind-a" "$T/$kind-b"
	if [ -n "$DAV_USER" ]; then
		printf 'machine 127.0.0.1 login %s password %s\n' "$DAV_USER" "$DAV_PASS" >"$T/netrc"
	else
		: >"$T/netrc"
	fi
	export NETRC="$T/netrc"

	# --- two stores through one server -----------------------------------
	# A role and an organisation with a comma and a semicolon: TEXT in an X-
	# property, which a server that re-serialises (Radicale) splits where a
	# comma is not escaped.
	in_a add meeting "Meeting with President Yoon" --start "2023-01-30 10:00" --end 11:30 --city Seoul --country KR \
		--with "Yoon Suk-yeol (President, host)" --org "Office of the President; Seoul, KR"
	in_a add summit "NATO Summit" --start 2023-07-11 --end 2023-07-12 --city Vilnius
	in_a add travel "Flight to Brussels" --start "2023-01-31 22:00" --end "2023-02-01 06:30" --city Tokyo --to-city Brussels
	in_a sync "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count push-new)" = 3 ] && grep -q "3 to push" "$T/out"
	check $? "$kind: the first sync pushes the three events"
	[ -f "$A.sync" ] && [ "$(stat -c %a "$A.sync")" = 600 ] &&
		[ "$(grep -c '^res' "$A.sync")" = 3 ]
	check $? "$kind: the state beside the store (0600) knows three resources"
	in_a sync "$DAV_URL"
	[ "$rc" = 0 ] && grep -q "0 to push, 0 to pull, 0 to delete on the server, 0 to delete here, 3 in sync" "$T/out"
	check $? "$kind: a second sync finds everything in sync"
	in_b sync "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count pull-new)" = 3 ]
	check $? "$kind: a second store pulls the three"
	same_stores "$kind: both stores hold the same events, field for field"
	ITIN_FILE="$B" "$ITIN" list --format itin >"$T/b.itin"
	grep -q "with: Yoon Suk-yeol (President, host)" "$T/b.itin" &&
		grep -q "org: Office of the President; Seoul, KR" "$T/b.itin"
	check $? "$kind: a role and an organisation with commas come back whole"
	in_b list --format tsv
	grep -q "	2023-07-11	2023-07-12		Vilnius	LT	NATO Summit" "$T/out"
	check $? "$kind: the all-day event stays all-day, its last day inclusive"
	grep -q "	2023-01-31T22:00	2023-02-01T06:30	Asia/Tokyo	Tokyo	JP	Flight to Brussels" "$T/out" &&
		ITIN_FILE="$B" "$ITIN" list --format itin | grep -q "end-tz: Europe/Brussels"
	check $? "$kind: the flight keeps both of its zones"

	# --- the third client ------------------------------------------------
	if /usr/bin/python3 -c 'import caldav' 2>/dev/null; then
		client list >"$T/cl" 2>&1
		[ "$(grep -c . "$T/cl")" = 3 ] && grep -q "Flight to Brussels" "$T/cl"
		check $? "$kind: python3-caldav reads the three events itin wrote"
		fid=$(id_of "$B" "Flight to Brussels")
		client set "$fid@itin" SUMMARY "Flight to Brussels (rebooked)" >"$T/cl" 2>&1
		check $? "$kind: python3-caldav edits the flight"
		in_b sync "$DAV_URL"
		[ "$rc" = 0 ] && [ "$(count pull-update)" = 1 ]
		check $? "$kind: itin pulls the other client's edit"
		ITIN_FILE="$B" "$ITIN" show "$fid" >"$T/show"
		grep -q "Flight to Brussels (rebooked)" "$T/show" &&
			ITIN_FILE="$B" "$ITIN" list --format itin | grep -q "end-tz: Europe/Brussels" &&
			ITIN_FILE="$B" "$ITIN" list --format tsv | grep -q "	Asia/Tokyo	Tokyo	JP	Flight to Brussels (rebooked)"
		check $? "$kind: the pulled edit keeps its zones (Asia/Tokyo to Europe/Brussels)"
		in_a sync "$DAV_URL"
		same_stores "$kind: and the first store gets it too"
	else
		ok "$kind: third client # skip python3-caldav is not installed"
	fi

	# --- edits, moves, deletes ---------------------------------------------
	mid=$(id_of "$A" "Meeting with President Yoon")
	sid=$(id_of "$A" "NATO Summit")
	in_a edit "$mid" --title "Meeting with Prime Minister Kishida" --city Tokyo --country JP
	in_a rm "$sid"
	in_a add press "Press conference" --start 2023-02-01 --city Brussels
	in_a sync "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count push-update)" = 1 ] &&
		[ "$(count delete-remote)" = 1 ] && [ "$(count push-new)" = 1 ]
	check $? "$kind: an edit, a deletion and an add go up"
	in_b sync "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count pull-update)" = 1 ] &&
		[ "$(count delete-local)" = 1 ] && [ "$(count pull-new)" = 1 ]
	check $? "$kind: and come down to the other store"
	same_stores "$kind: the stores agree after edits, a move and a delete"
	ITIN_FILE="$B" "$ITIN" list --format tsv | grep -q "2023-01-30T10:00	2023-01-30T11:30	Asia/Tokyo	Tokyo	JP	Meeting with Prime Minister Kishida"
	check $? "$kind: the meeting moved to Tokyo's zone, 10:00 local"

	# --- conflicts ---------------------------------------------------------
	in_a edit "$mid" --title "Talks in Tokyo (A)"
	in_b edit "$mid" --title "Talks in Tokyo (B)" --venue "Kantei"
	in_a sync "$DAV_URL"
	cp "$B" "$T/b.before"
	cp "$B.sync" "$T/bs.before"
	in_b sync "$DAV_URL"
	[ "$rc" = 1 ] && [ "$(count conflict)" = 1 ] &&
		grep -q "title: local: Talks in Tokyo (B)" "$T/out" &&
		grep -q "title: remote: Talks in Tokyo (A)" "$T/out" &&
		grep -q "venue: local: Kantei" "$T/out" &&
		grep -q "venue: remote: (none)" "$T/out" && ! grep -q "city:" "$T/out"
	check $? "$kind: changed on both sides: exit 1, listed field by field"
	client list >"$T/cl" 2>&1
	cmp -s "$B" "$T/b.before" && grep -q "Talks in Tokyo (A)" "$T/cl"
	check $? "$kind: a conflict overwrites neither side"
	in_b sync "$DAV_URL"
	[ "$rc" = 1 ]
	check $? "$kind: it stays a conflict at the next sync"
	in_b sync --prefer remote "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count pull-update)" = 1 ] && grep -q "settled" "$T/out"
	check $? "$kind: --prefer remote settles it by pulling"
	same_stores "$kind: the server's version won"
	in_a edit "$mid" --title "Talks (A again)"
	in_b edit "$mid" --title "Talks (B again)"
	in_a sync "$DAV_URL"
	in_b sync --prefer local "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count push-update)" = 1 ]
	check $? "$kind: --prefer local settles it by pushing (If-Match the server's)"
	in_a sync "$DAV_URL"
	[ "$rc" = 0 ] && ITIN_FILE="$A" "$ITIN" list | grep -q "Talks (B again)"
	check $? "$kind: and the first store then pulls the local winner"
	same_stores "$kind: agreed after both --prefer"
	in_a rm "$mid"
	in_a sync "$DAV_URL"
	in_b edit "$mid" --note "still on"
	in_b sync "$DAV_URL"
	[ "$rc" = 1 ] && grep -q "changed here, deleted on the server" "$T/out"
	check $? "$kind: changed here and deleted there is a conflict"
	in_b sync --prefer local "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count push-new)" = 1 ]
	check $? "$kind: --prefer local puts it back on the server"
	in_a sync "$DAV_URL"
	same_stores "$kind: and the first store gets it back"

	# --- dry run -------------------------------------------------------------
	in_b add call "Call with Seoul" --start "2023-02-02 09:00" --city Seoul
	cp "$B" "$T/b.before"
	cp "$B.sync" "$T/bs.before"
	client list >"$T/cl.before" 2>&1
	in_b sync --dry-run "$DAV_URL"
	[ "$rc" = 0 ] && grep -q "dry run: 1 to push" "$T/out" && [ "$(count push-new)" = 1 ]
	check $? "$kind: --dry-run prints the plan"
	client list >"$T/cl.after" 2>&1
	cmp -s "$B" "$T/b.before" && cmp -s "$B.sync" "$T/bs.before" &&
		cmp -s "$T/cl.before" "$T/cl.after"
	check $? "$kind: --dry-run changes neither the store, the state nor the server"
	in_b sync --format tsv "$DAV_URL"
	head -1 "$T/out" | grep -qx "action	id	href	title	conflict" &&
		grep -q "^push-new	" "$T/out" && grep -q "^in-sync	" "$T/out"
	check $? "$kind: --format tsv lists every action"
	in_a sync --format json "$DAV_URL"
	/usr/bin/python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert any(x["action"]=="pull-new" for x in a)' "$T/out"
	check $? "$kind: --format json is one array of actions"

	# --- kill -9 mid-sync ------------------------------------------------------
	i=0
	: >"$T/many.itin"
	while [ $i -lt 300 ]; do
		printf '2023-03-%02d 09:00  meeting  Bilateral number %d @ Paris, FR\n' $((i % 28 + 1)) "$i" >>"$T/many.itin"
		i=$((i + 1))
	done
	ITIN_FILE="$A" "$ITIN" import "$T/many.itin" >/dev/null 2>&1
	ITIN_FILE="$A" "$ITIN" sync "$DAV_URL" >/dev/null 2>&1 &
	spid=$!
	sleep 0.4
	kill -9 "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	in_a sync "$DAV_URL"
	[ "$rc" = 0 ] && [ "$(count conflict)" = 0 ]
	check $? "$kind: after a sync killed mid-way, the next completes with no conflict"
	in_a sync "$DAV_URL"
	[ "$rc" = 0 ] && grep -q " 0 to push, 0 to pull" "$T/out" || grep -q "^0 to push, 0 to pull" "$T/out"
	check $? "$kind: and leaves everything in sync"
	in_b sync "$DAV_URL"
	same_stores "$kind: the other store gets all of them, once"
	n=$(ITIN_FILE="$A" "$ITIN" list --format tsv | tail -n +2 | wc -l)
	[ "$(client list 2>/dev/null | grep -c .)" = "$n" ]
	check $? "$kind: the server holds each event once ($n)"

	# --- credentials ---------------------------------------------------------
	if [ -n "$DAV_USER" ]; then
		in_a add visit "Visit to Vilnius" --start 2023-04-01 --city Vilnius
		cp "$A" "$T/a.before"
		cp "$A.sync" "$T/as.before"
		printf 'machine 127.0.0.1 login %s password wrong\n' "$DAV_USER" >"$T/netrc"
		in_a sync "$DAV_URL"
		[ "$rc" = 77 ] && grep -q "check the user and password" "$T/err"
		check $? "$kind: a wrong password is 77"
		cmp -s "$A" "$T/a.before" && cmp -s "$A.sync" "$T/as.before"
		check $? "$kind: and leaves the store and the state as they were"
		printf 'machine 127.0.0.1 login %s password %s\n' "$DAV_USER" "$DAV_PASS" >"$T/netrc"
	fi

	# --- a write that races another client (412) --------------------------------
	# tests/sync/faultproxy.py passes every request on to the server but
	# edits the resource itself just before the first conditional PUT: the
	# race between itin's listing and its write, every time the same.
	rm -f "$T/race.port" "$T/race.port.mode"
	: >"$T/race.log"
	/usr/bin/python3 "$ROOT/tests/sync/faultproxy.py" "$DAV_ROOT" "$T/race.port" "$T/race.log" 2>"$T/race.err" &
	DAV_PIDS="$DAV_PIDS $!"
	i=0
	while [ ! -s "$T/race.port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	RACE_URL="http://127.0.0.1:$(cat "$T/race.port")/${DAV_URL#http://*/}"
	C=$T/$kind-c/store.itin
	mkdir -p "$T/$kind-c"
	in_c() { ITIN_FILE="$C" run "$@"; }
	in_c add meeting "Race target" --start "2023-05-02 10:00" --city Rome
	in_c sync "$RACE_URL"
	[ "$rc" = 0 ] && [ "$(count push-new)" = 1 ] && ! grep -q '^raced' "$T/race.log"
	check $? "$kind: through the racing proxy, a new event is pushed (no race: If-None-Match)"
	rid=$(id_of "$C" "Race target")
	in_c edit "$rid" --title "Edited here"
	cp "$C" "$T/c.before"
	in_c sync "$RACE_URL"
	[ "$rc" = 1 ] && grep -q "changed on the server during the sync (412)" "$T/out" &&
		grep -q '^raced .* 20[14]$' "$T/race.log" && grep -q '^PUT .* 412$' "$T/race.log"
	check $? "$kind: an edit racing itin's write: the server's 412 is a conflict, exit 1"
	canon "$C" | grep -q "Edited here" && client list 2>/dev/null | grep -q "Raced" &&
		! client list 2>/dev/null | grep -q "Edited here"
	check $? "$kind: neither edit is lost: ours in the store, the other client's on the server"
	in_c sync "$RACE_URL"
	[ "$rc" = 1 ] && [ "$(count conflict)" = 1 ] && grep -q "Edited here\|Raced" "$T/out"
	check $? "$kind: the next sync lists the conflict again"
	in_c sync --prefer local "$RACE_URL"
	[ "$rc" = 0 ] && client list 2>/dev/null | grep -q "Edited here" &&
		! client list 2>/dev/null | grep -q "Raced"
	check $? "$kind: --prefer local settles it: the server holds our edit"

	# --- a failing server mid-sync (the same proxy, other faults) ----------------
	fault() { echo "$*" >"$T/race.port.mode"; }

	# --- an edit on the server whose body itin cannot read -----------------------
	# The proxy lists the phone's edit but gives no body: a conflict that
	# nothing settles, never "in sync" at the new ETag, so a local edit
	# made after it cannot go over it.
	client set "$rid@itin" SUMMARY "Phone edit" >"$T/cl" 2>&1
	fault withhold
	cp "$C.sync" "$T/cs.before"
	in_c sync "$RACE_URL"
	[ "$rc" = 1 ] && grep -q "^conflict .*cannot be read" "$T/out" &&
		cmp -s "$C.sync" "$T/cs.before"
	check $? "$kind: a server edit whose body is withheld is a conflict, the state kept"
	in_c edit "$rid" --title "Edited after"
	in_c sync --prefer local "$RACE_URL"
	[ "$rc" = 1 ] && client list 2>/dev/null | grep -q "Phone edit" &&
		! client list 2>/dev/null | grep -q "Edited after"
	check $? "$kind: a later local edit, even preferred, does not overwrite it"
	fault pass
	in_c sync "$RACE_URL"
	[ "$rc" = 1 ] && grep -q "Phone edit" "$T/out" && grep -q "changed on both sides" "$T/out"
	check $? "$kind: once readable, it is listed as the conflict it is"
	in_c sync --prefer remote "$RACE_URL"
	[ "$rc" = 0 ] && canon "$C" | grep -q "Phone edit"
	check $? "$kind: --prefer remote pulls the phone's edit"
	# A listing that names each resource twice: each counts once.
	client set "$rid@itin" SUMMARY "Phone edit 2" >"$T/cl" 2>&1
	fault dup
	in_c sync "$RACE_URL"
	[ "$rc" = 0 ] && [ "$(count pull-update)" = 1 ] && [ "$(count pull-new)" = 0 ] &&
		canon "$C" | grep -q "Phone edit 2"
	check $? "$kind: an href listed twice is one resource, its edit pulled once"
	in_c sync "$RACE_URL"
	[ "$rc" = 0 ] && [ "$(count pull)" = 0 ] && [ "$(count conflict)" = 0 ]
	check $? "$kind: and the next sync through it has nothing to do"
	in_c add meeting "Retry one" --start "2023-05-03 10:00" --city Rome
	in_c add meeting "Retry two" --start "2023-05-03 11:00" --city Rome
	fault error 1
	in_c sync "$RACE_URL"
	[ "$rc" = 0 ] && [ "$(count push-new)" = 2 ] && [ "$(grep -c ' 500$' "$T/race.log")" = 1 ]
	check $? "$kind: a PUT answered 500 once is tried again, and the sync completes"
	in_c add meeting "Refused one" --start "2023-05-04 10:00" --city Rome
	in_c add meeting "Refused two" --start "2023-05-04 11:00" --city Rome
	cp "$C" "$T/c.before"
	cp "$C.sync" "$T/cs.before"
	fault error 100
	in_c sync "$RACE_URL"
	[ "$rc" = 75 ] && grep -q "try again later" "$T/err"
	check $? "$kind: a server that keeps answering 500 is 75, try again later"
	cmp -s "$C" "$T/c.before" && cmp -s "$C.sync" "$T/cs.before"
	check $? "$kind: and leaves the store and the state as they were"
	fault slow 200
	in_c sync "$RACE_URL"
	[ "$rc" = 0 ] && [ "$(count push-new)" = 2 ]
	check $? "$kind: a slow server (every answer 0.2 s late): the sync completes"
	i=0
	: >"$T/down.itin"
	while [ $i -lt 12 ]; do
		printf '2023-06-%02d 09:00  meeting  Mid-sync number %d @ Rome, IT\n' $((i + 1)) "$i" >>"$T/down.itin"
		i=$((i + 1))
	done
	ITIN_FILE="$C" "$ITIN" import "$T/down.itin" >/dev/null 2>&1
	fault down 5
	in_c sync "$RACE_URL"
	[ "$rc" = 75 ] && [ "$(grep -c '^PUT .* 20[14]$' "$T/race.log")" -ge 5 ]
	check $? "$kind: the server gone after 5 of 12 PUTs: 75"
	fault pass
	in_c sync "$RACE_URL"
	[ "$rc" = 0 ] && [ "$(count conflict)" = 0 ] && [ "$(count push-new)" = 7 ]
	check $? "$kind: the next sync pushes the other 7, no conflict"
	in_c sync "$RACE_URL"
	grep -q "^0 to push, 0 to pull, 0 to delete on the server, 0 to delete here" "$T/out"
	check $? "$kind: and leaves everything in sync"
	[ "$(client list 2>/dev/null | grep -c 'Mid-sync number')" = 12 ]
	check $? "$kind: the server holds each of the 12 once"

	# --- named remotes -----------------------------------------------------------
	in_a remote add office "$DAV_URL"
	check $? "$kind: remote add"
	in_a remote list
	grep -q "^office	$DAV_URL\$" "$T/out"
	check $? "$kind: remote list shows it"
	in_a sync office
	[ "$rc" = 0 ]
	check $? "$kind: sync by the remote's name"
	in_a remote remove office
	in_a remote list
	[ "$rc" = 0 ] && ! grep -q office "$T/out"
	check $? "$kind: remote remove"
	rm -rf "$HOME/.config"
	dav_stop
}

against radicale
against xandikos

# --- the remotes file ----------------------------------------------------------
run remote add bad "not a url"
expect_rc 64 "remote add refuses what is not a URL"
mkdir -p "$HOME/.config/itin"
printf '[x]\nurl = https://dav.example.org/cal/\npassword = hunter2\n' >"$HOME/.config/itin/remotes"
chmod 644 "$HOME/.config/itin/remotes"
run sync x
expect_rc 78 "a remotes file holding a password that others may read is refused"
expect_err "chmod 600" "and says how to fix it"
run sync --prefer both http://127.0.0.1:1/cal/
expect_rc 64 "--prefer takes local or remote"
run sync http://127.0.0.1:1/cal/
expect_rc 69 "an unreachable server is 69"
[ ! -e "$ITIN_FILE" ] && [ ! -e "$ITIN_FILE.sync" ] && ok "an unreachable server leaves no store and no state" ||
	not_ok "an unreachable server leaves no store and no state"
finish
