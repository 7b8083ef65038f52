#!/bin/sh
# t-storescan.sh: the read-only commands read a store by a scan that
# parses only the events they may show (storescan.h): their output must be
# the full reader's, byte for byte, and so must their errors.
#
# The reference is the same binary on the same store with one event
# written twice at the end: the full reader reads such a store (the twin
# once; the warning is not shown by the reading commands), while the scan
# gives up on a repeated id and reads the whole store instead
# (test_storescan checks that it gives up). So every comparison below puts
# the scan's answer beside the full reader's; an event the scan wrongly
# skipped, or read differently, shows as a difference.
. "$(dirname "$0")/lib.sh"

S=$T/scan.itin
F=$T/full.itin

# Every form a block can take, spread over 2021..2025, the range edges
# among them (a store written by hand and by itin, LF and CRLF).
{
	printf '# 2023-06-01 09:00  meeting  a comment, not an event\n\n'
	y=2021
	while [ $y -le 2025 ]; do
		cat <<EOT
$y-01-01..$y-12-31  visit  Whole year $y
    id: year$y
$y-06-01 09:00-10:00     meeting    Plain $y @ Room 1, Brussels, BE
    id: plain$y
    tz: Europe/Brussels
    with: Ana Lopes (Minister); Bo Ek
    tags: eu; plain
    org: Org $y
    status: tentative
    source: https://example.org/$y
    note: 2023-06-01 09:00  meeting  looks like a header
    note: second line
$y-06-02 01:00-01:15     call       Kiritimati edge $y
    id: kir$y
    tz: Pacific/Kiritimati
$y-05-31 22:00-23:00     call       GMT+12 edge $y
    id: gmt$y
    tz: Etc/GMT+12
$y-06-15T10:00..$y-06-17T08:00  travel  Trip $y @ Oslo, NO
    id: trip$y
    tz: Europe/Oslo
    end-tz: Europe/Lisbon
$y-06-10 09:00           press      Escaped \\@ title $y @ Hall A\\, B, Paris, FR
    id: esc$y
    tz: Europe/Paris
$y-06-11 12:00           call       Zone from the place $y @ Tokyo, JP
    id: place$y
$y-06-12                 other      No id $y
    # start: $y-06-01, a comment inside a block
$y-06-13 08:00-09:00     interview  Ünïcödé $y @ Zürich, CH
    id: utf$y
    tz: Europe/Zurich
    seq: 2
    uid: u$y@example.org
$y-07-02 10:00           call       Floating $y
    id: flo$y
    tz: floating
EOT
		printf '%s-06-20 10:00-11:00     meeting    CRLF %s\r\n    id: crlf%s\r\n    tz: UTC\r\n\r\n' $y $y $y
		y=$((y + 1))
	done
} >"$S"
cp "$S" "$F"
# The twin: an event written again, identical.
sed -n '/^2024-06-01 09:00-10:00/,/^    note: second line/p' "$S" >>"$F"

# same_run DESC ARGS...: the command on both stores, the same status and
# stdout (stderr of the full one has the twin's warning).
same_run() {
	desc=$1
	shift
	ITIN_FILE=$S run "$@"
	cp "$T/out" "$T/out.scan"
	cp "$T/err" "$T/err.scan"
	rc_scan=$rc
	ITIN_FILE=$F run "$@"
	if [ "$rc" = "$rc_scan" ]; then
		ok "$desc: same status ($rc)"
	else
		not_ok "$desc: status $rc_scan, full reader $rc"
	fi
	same_file "$T/out" "$T/out.scan" "$desc: same output"
}

ITIN_FILE=$S run list --from 2024-06-01 --to 2024-06-01
[ -s "$T/out" ] && ok "the scan lists the day" || not_ok "the scan lists nothing"
[ -s "$T/err" ] && not_ok "the scan warns: $(cat "$T/err")" || ok "the scan warns about nothing"

same_run "list one day" list --from 2024-06-01 --to 2024-06-01
same_run "list a month" list --from 2023-06-01 --to 2023-06-30
same_run "list a year, tsv" list --from 2023-01-01 --to 2023-12-31 --format tsv
same_run "list a month, json" list --from 2022-06-01 --to 2022-06-30 --format json
same_run "list a month, itin" list --from 2025-06-01 --to 2025-06-30 --format itin
same_run "list a month, csv" list --from 2021-06-01 --to 2021-06-30 --format csv
# Kiritimati's 2 June 01:00 is 1 June in UTC and 31 May in Etc/GMT+12;
# Etc/GMT+12's 31 May 22:00 is 1 June in UTC and 2 June in Kiritimati.
same_run "list --in UTC, the edges' day" list --from 2023-06-01 --to 2023-06-01 --in UTC --format tsv
same_run "list --in GMT+12, two days off" list --from 2023-05-31 --to 2023-05-31 --in Etc/GMT+12 --format tsv
same_run "list --in Kiritimati, two days off" list --from 2024-06-02 --to 2024-06-02 --in Pacific/Kiritimati
same_run "list --in Kiritimati, agenda" list --from 2023-06-01 --to 2023-06-01 --in Pacific/Kiritimati
same_run "list --from only" list --from 2025-06-20 --format tsv
same_run "list --to only" list --to 2021-06-01 --format tsv
same_run "list --upcoming" list --upcoming --format tsv
same_run "list a range with --type" list --from 2022-01-01 --to 2022-12-31 --type call
same_run "list an empty range" list --from 2030-01-01 --to 2030-12-31
same_run "export ics" export --from 2024-06-01 --to 2024-06-30 --format ics
same_run "export itin" export --from 2023-06-10 --to 2023-06-20 --format itin
same_run "show a full id" show plain2023
same_run "show a prefix" show crlf2022
same_run "show an upper-case prefix" show UTF2024
same_run "show an ambiguous prefix" show esc
same_run "show a derived id's prefix" show "$(ITIN_FILE=$S itin list --from 2022-06-12 --to 2022-06-12 --format tsv | awk -F'\t' 'NR == 2 { print substr($1, 1, 6) }')"
same_run "show a missing id" show nothere
same_run "timeline" timeline --from 2023-06-01 --to 2023-06-03
same_run "timeline --in" timeline --from 2023-05-31 --to 2023-05-31 --in Etc/GMT+12

# A store broken outside the range: the same error as a full read (list
# without a range reads the whole store), FILE:LINE:COL and status.
broken() {
	cp "$S" "$T/broken.itin"
	# shellcheck disable=SC2059
	printf "$1" >>"$T/broken.itin"
	ITIN_FILE=$T/broken.itin run list
	cp "$T/err" "$T/err.full"
	rc_full=$rc
	ITIN_FILE=$T/broken.itin run list --from 2023-06-01 --to 2023-06-01
	if [ "$rc" = "$rc_full" ] && [ "$rc" != 0 ]; then
		ok "$2: same status ($rc)"
	else
		not_ok "$2: status $rc, full read $rc_full"
	fi
	same_file "$T/err" "$T/err.full" "$2: same message"
}
broken '1999-02-30  visit  Bad date\n    id: bad\n' "bad date outside the range"
broken '1999-02-01 09:00  call  Bad zone\n    id: bad\n    tz: Mars/Olympus\n' "unknown zone outside the range"
broken '1999-03-28 01:30  call  Gap\n    id: bad\n    tz: Europe/London\n' "time in a gap outside the range"
broken '1999-02-01  visit  Dup\n    id: plain2021\n' "duplicate id outside the range"
broken '1999-02-01  visit  Bad key\n    id: bad\n    colour: red\n' "unknown key outside the range"
# A comment before the first event over the reader's cap on a line.
awk 'BEGIN { printf "# "; for (i = 0; i < 110000; i++) printf "0123456789"; print "" }' >"$T/long.itin"
cat "$S" >>"$T/long.itin"
ITIN_FILE=$T/long.itin run list
cp "$T/err" "$T/err.full"
rc_full=$rc
ITIN_FILE=$T/long.itin run list --from 2023-06-01 --to 2023-06-01
if [ "$rc" = "$rc_full" ] && [ "$rc" != 0 ]; then
	ok "a line over the cap before the first event: same status ($rc)"
else
	not_ok "a line over the cap before the first event: status $rc, full read $rc_full"
fi
same_file "$T/err" "$T/err.full" "a line over the cap before the first event: same message"

# A store of several MiB, read by the scan through its moving window
# (storescan.c): blocks cut at each window's edge, the forms above in the
# middle of generated events, a byte order mark at the start. The same
# comparisons, and the same errors for a store broken past the first MiB.
gen=$ROOT/bench/gen.sh
sh "$gen" 24000 >"$T/gen.itin"
cut=$(grep -n '^2022-' "$T/gen.itin" | head -n 1 | cut -d: -f1)
{
	printf '\357\273\277'
	head -n $((cut - 1)) "$T/gen.itin"
	cat "$S"
	tail -n +"$cut" "$T/gen.itin"
} >"$T/big.itin"
S=$T/big.itin
F=$T/bigfull.itin
cp "$S" "$F"
sed -n '/^2024-06-01 09:00-10:00/,/^    note: second line/p' "$T/scan.itin" >>"$F"
[ "$(wc -c <"$S")" -gt 3000000 ] && ok "the large store has several windows" ||
	not_ok "the large store is $(wc -c <"$S") bytes"
same_run "large: list a year" list --from 2024-01-01 --to 2024-12-31
same_run "large: list a month, tsv" list --from 2021-06-01 --to 2021-06-30 --format tsv
same_run "large: list the generated days" list --from 2025-01-01 --to 2026-06-30 --format json
same_run "large: show a prefix" show crlf2025
same_run "large: show a generated id" show 00004e1f
same_run "large: timeline" timeline --from 2023-06-01 --to 2023-06-03
broken '1999-02-30  visit  Bad date\n    id: bad\n' "large: bad date past the first MiB"
broken '1999-02-01  visit  Dup\n    id: 0000000000000000\n' "large: duplicate id past the first MiB"
broken '1999-02-01  visit  Bad key\n    id: bad\n    colour: red\n' "large: unknown key past the first MiB"

finish
