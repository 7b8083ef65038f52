#!/bin/sh
# t-exportstream.sh: export, and list in a format for programs, read the
# store in two passes (storestream.h): a scan that keeps a sort key and a
# place per event, then each event parsed in order, one at a time. Their
# output must be the whole read's, byte for byte: the same events in the
# same order (ties on the instants resolved by title, then id), the same
# VTIMEZONEs (zones and years) in a calendar.
#
# The reference is the same binary on the same store with one event
# written twice at the end (as in t-storescan.sh): the scan gives up on a
# repeated id and the store is read whole and sorted, as before; the
# twin is read once. A store in file order would hide a wrong sort, so
# the blocks below are out of order, and many tie.
. "$(dirname "$0")/lib.sh"

S=$T/stream.itin
F=$T/full.itin

# A block: DATE-HEADER TYPE TITLE ID [ZONE], a timed one with its zone.
block() {
	printf '%s  %s  %s\n    id: %s\n' "$1" "$2" "$3" "$4"
	[ -z "$5" ] || printf '    tz: %s\n' "$5"
}

{
	# Years and zones in an order that is not the sort's.
	for y in 2025 2021 2024 2022 2023; do
		for z in Asia/Tokyo Europe/Brussels America/New_York UTC \
			Australia/Sydney Pacific/Kiritimati; do
			zz=$(printf '%s' "$z" | tr -c 'A-Za-z0-9\n' '-')
			# Same instant, same end, titles that sort either way.
			block "$y-03-10 09:00-10:00" meeting "Zeta $zz" "ze$y$zz" "$z"
			block "$y-03-10 09:00-10:00" meeting "Alpha $zz" "al$y$zz" "$z"
			# Same instant, end and title: the id decides.
			block "$y-03-10 09:00-10:00" call "Twin" "tb$y$zz" "$z"
			block "$y-03-10 09:00-10:00" call "Twin" "ta$y$zz" "$z"
			# Same start, another end.
			block "$y-03-10 09:00-11:00" call "Longer $zz" "lo$y$zz" "$z"
			block "$y-11-02 08:30" press "No end $zz" "ne$y$zz" "$z"
			block "$y-07-30T22:00..$((y + 1))-01-02T06:00" travel \
				"Across years $zz" "ay$y$zz" "$z"
		done
		# An all-day event and a timed one at the same instants (UTC
		# midnight to midnight), and all-day ones that tie.
		block "$y-05-01T00:00..$y-05-02T00:00" visit "Day" "td$y" UTC
		block "$y-05-01" visit "Day" "ad$y"
		block "$y-05-01" visit "Day" "ab$y"
		block "$y-05-01..$y-05-03" visit "Three days" "a3$y"
		block "$y-12-31 23:30-23:45" call "Floating" "fl$y" floating
		# Blocks the scan does not vouch for: the full reader reads
		# them in the first pass, and they sort among the rest.
		printf '%s-03-10 09:00-10:00  meeting  Esc\\, aped @ Hall\\, A, Paris, FR\n    id: esc%s\n    tz: Europe/Paris\n' "$y" "$y"
		printf '%s-03-10 09:00-10:00  call  Place zone @ Tokyo, JP\n    id: pz%s\n' "$y" "$y"
		printf '%s-06-15T10:00..%s-06-17T08:00  travel  Two zones\n    id: tz%s\n    tz: Europe/Oslo\n    end-tz: America/Chicago\n' "$y" "$y" "$y"
		printf '%s-05-01  visit  Day\n' "$y"
		printf '%s-08-01 10:00-11:00  meeting  CRLF\r\n    id: cr%s\r\n    tz: Europe/Lisbon\r\n' "$y" "$y"
	done
} >"$S"
cp "$S" "$F"
sed -n '/^2023-11-02 08:30  press  No end Asia-Tokyo/,/tz: Asia.Tokyo/p' "$S" >>"$F"
[ "$(wc -l <"$F")" -gt "$(wc -l <"$S")" ] && ok "the twin is there" || not_ok "no twin"

# same_run DESC ARGS...: the command on both stores: one status, stdout.
same_run() {
	desc=$1
	shift
	ITIN_FILE=$S run "$@"
	cp "$T/out" "$T/out.stream"
	rc_stream=$rc
	[ -s "$T/err" ] && not_ok "$desc: says $(cat "$T/err")"
	ITIN_FILE=$F run "$@"
	if [ "$rc" = "$rc_stream" ]; then
		ok "$desc: same status ($rc)"
	else
		not_ok "$desc: status $rc_stream, whole read $rc"
	fi
	same_file "$T/out" "$T/out.stream" "$desc: same output"
}

ITIN_FILE=$S run export --format tsv
[ "$(wc -l <"$T/out")" -gt 200 ] && ok "the store has its events" ||
	not_ok "the store has $(wc -l <"$T/out") lines"
# The ties came out of the file in another order: a sort was needed.
awk -F'\t' 'NR > 1 { print $1 }' "$T/out" >"$T/ids"
grep -n . "$S" | grep '    id: ' | sed 's/.*id: //; s/\r$//' >"$T/fileids"
cmp -s "$T/ids" "$T/fileids" && not_ok "the store was in order" ||
	ok "the store is out of order"

for fmt in ics csv json itin tsv; do
	same_run "export $fmt" export --format "$fmt"
	same_run "export $fmt, a range" export --format "$fmt" \
		--from 2022-03-10 --to 2023-05-01
	same_run "export $fmt, a type" export --format "$fmt" --type call
	same_run "export $fmt, grep" export --format "$fmt" --grep twin
	same_run "list $fmt" list --format "$fmt"
	same_run "list $fmt, --from" list --format "$fmt" --from 2024-07-31
done
same_run "export tsv --in" export --format tsv --in Asia/Kolkata
same_run "export csv --in, a range" export --format csv --in Pacific/Kiritimati \
	--from 2023-03-10 --to 2023-03-10
same_run "list tsv --in" list --format tsv --in America/New_York --type meeting
same_run "export csv --raw" export --format csv --raw
same_run "export an empty range" export --from 2030-01-01 --to 2030-12-31

# -o: the same file, written whole.
ITIN_FILE=$S run export -o "$T/a.ics"
ITIN_FILE=$F run export -o "$T/b.ics"
same_file "$T/a.ics" "$T/b.ics" "export -o: the same calendar"
# The calendar's zones: one VTIMEZONE a zone of the events kept.
ITIN_FILE=$S itin export --type press >"$T/press.ics"
n=$(grep -c '^BEGIN:VTIMEZONE' "$T/press.ics")
[ "$n" = 6 ] && ok "a filtered calendar has its 6 zones" ||
	not_ok "a filtered calendar has $n zones"

# A byte order mark shifts every block: still read at the right place.
printf '\357\273\277' >"$T/bom.itin"
cat "$S" >>"$T/bom.itin"
ITIN_FILE=$T/bom.itin run export --format itin
cp "$T/out" "$T/out.bom"
ITIN_FILE=$S run export --format itin
same_file "$T/out" "$T/out.bom" "a byte order mark changes nothing"

# An empty and a missing store.
: >"$T/empty.itin"
ITIN_FILE=$T/empty.itin run export --format json
expect_rc 0 "an empty store"
ITIN_FILE=$T/none.itin run export --format ics
expect_rc 0 "a missing store"
[ -e "$T/none.itin" ] && not_ok "the missing store made" || ok "nothing made"

# A store broken: the full reader's message and status, nothing written.
cp "$S" "$T/broken.itin"
printf '1999-02-30  visit  Bad date\n    id: bad\n' >>"$T/broken.itin"
ITIN_FILE=$T/broken.itin run export -o "$T/c.ics"
expect_rc 65 "a broken store"
expect_err "broken.itin:" "the message names the store"
[ -e "$T/c.ics" ] && not_ok "the output made" || ok "no output made"

# | head: stops when the reader has had enough, no message.
ITIN_FILE=$S itin export --format tsv 2>"$T/err" | head -n 2 >"$T/out"
[ "$(wc -l <"$T/out")" = 2 ] && ok "| head: two lines" || not_ok "| head"
[ -s "$T/err" ] && not_ok "| head says $(cat "$T/err")" || ok "| head: quiet"

# ---- a store larger than the sort's memory (runsort.h: 16k records) ----

# gen N sorted|shuffled: N events, in start order (all in UTC) or in an
# order with no runs to speak of, in six zones.
gen() {
	awk -v n="$1" -v mode="$2" 'BEGIN {
		split("UTC Asia/Tokyo Europe/Brussels America/New_York Australia/Sydney Pacific/Kiritimati", zs, " ")
		for (i = 0; i < n; i++) {
			k = mode == "sorted" ? i : (i * 7919) % n
			d = int(k / 8)
			z = mode == "sorted" ? "UTC" : zs[1 + k % 6]
			printf "%04d-%02d-%02d %02d:00-%02d:30  meeting  Event %d\n    id: ev%06d\n    tz: %s\n",
				2000 + int(d / 336), 1 + int(d % 336 / 28), 1 + d % 28,
				8 + k % 8, 8 + k % 8, k, k, z
		}
	}'
}
N=40000
gen $N sorted >"$T/sorted.itin"
gen $N shuffled >"$T/shuffled.itin"
# The reference: the whole read (one event twice: the stream gives up).
for st in sorted shuffled; do
	cp "$T/$st.itin" "$T/$st-full.itin"
	head -n 3 "$T/$st.itin" >>"$T/$st-full.itin"
	S=$T/$st.itin F=$T/$st-full.itin
	for fmt in ics tsv itin; do
		same_run "$st, $N events: export $fmt" export --format "$fmt"
	done
	same_run "$st, $N events: list json --from" list --format json \
		--from 2040-01-01
done
ITIN_FILE=$T/shuffled.itin run export --format tsv
[ "$(wc -l <"$T/out")" = $((N + 1)) ] && ok "every event of $N" ||
	not_ok "$(wc -l <"$T/out") lines for $N events"

# The sort's runs go to a temporary file in TMPDIR, removed at once;
# without one (a TMPDIR that cannot be written) they stay in memory.
mkdir "$T/tmp"
ITIN_FILE=$T/shuffled.itin TMPDIR=$T/tmp run export --format itin
cp "$T/out" "$T/out.tmp"
expect_rc 0 "export with a TMPDIR of its own"
[ -z "$(ls -A "$T/tmp")" ] && ok "no temporary file left" ||
	not_ok "left in TMPDIR: $(ls -A "$T/tmp")"
# (valgrind writes its own files to TMPDIR and cannot start without it:
# under valgrind the plain and sanitizer runs of this case stand.)
if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	ok "export with a TMPDIR that cannot be written # skip: valgrind needs TMPDIR itself"
else
	ITIN_FILE=$T/shuffled.itin TMPDIR=$T/missing/dir run export --format itin
	expect_rc 0 "export with a TMPDIR that cannot be written"
	same_file "$T/out" "$T/out.tmp" "the same events, sorted in memory"
fi

# Two events under one id: the whole read's error, nothing written.
cp "$T/shuffled.itin" "$T/dup.itin"
printf '2001-01-01 10:00  call  Other\n    id: ev000123\n    tz: UTC\n' >>"$T/dup.itin"
ITIN_FILE=$T/dup.itin run export -o "$T/dup.ics"
expect_rc 65 "a repeated id far from the first"
expect_err "duplicate id 'ev000123'" "the whole read's message"
[ -e "$T/dup.ics" ] && not_ok "dup: output made" || ok "dup: no output made"

# ---- the store changed between the passes ------------------------------

# between DESC EDIT...: export tsv of sorted.itin into a FIFO; once its
# first line is out (the first pass is done, the lock given up, and the
# export waits for the FIFO to be read) EDIT runs, then the rest is read.
# Leaves the status in rc, the output in $T/out.
between() {
	desc=$1
	shift
	cp "$T/sorted.itin" "$T/live.itin"
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	ITIN_FILE=$T/live.itin itin export --format tsv >"$T/fifo" 2>"$T/err" &
	pid=$!
	exec 3<"$T/fifo"
	IFS= read -r first <&3
	"$@"
	{
		printf '%s\n' "$first"
		cat <&3
	} >"$T/out"
	exec 3<&-
	wait "$pid"
	rc=$?
}
ITIN_FILE=$T/sorted.itin itin export --format tsv >"$T/before.tsv"
add_one() {
	ITIN_FILE=$T/live.itin itin add call Added --start "2001-02-03 10:00" \
		--tz UTC >/dev/null
}
between "add" add_one
expect_rc 0 "an add between the passes"
same_file "$T/before.tsv" "$T/out" "the add not seen: the store as the first pass read it"
grep -q Added "$T/live.itin" && ok "the add was made" || not_ok "no add"
rm_one() {
	ITIN_FILE=$T/live.itin itin rm ev039990 >/dev/null
}
between "rm" rm_one
expect_rc 0 "a rewrite (rm) between the passes"
same_file "$T/before.tsv" "$T/out" "the old file read to its end"
# Another program writes over the last event in place (same length):
# the block no longer reads as it did.
in_place() {
	off=$(grep -b 'Event 39999$' "$T/live.itin" | cut -d: -f1)
	printf '1999' | dd of="$T/live.itin" bs=1 seek="$off" conv=notrunc 2>/dev/null
}
between "in place" in_place
expect_rc 75 "a store changed in place between the passes"
expect_err "was changed in place while it was read" "says so"
grep -q 'Event 39999' "$T/out" && not_ok "the changed event shown" ||
	ok "the changed event not shown"

finish
