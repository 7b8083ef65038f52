#!/bin/sh
# t-add.sh: itin add: what it prints, what it stores, zones from places,
# and safety under concurrency.
. "$(dirname "$0")/lib.sh"

golden() {
	if [ "${ITIN_REGEN:-0}" = 1 ]; then
		cp "$T/out" "$TESTDIR/golden/$1"
	fi
	expect_out "$TESTDIR/golden/$1" "$2"
}

hex16='^[0-9a-f]{16}$'

run add meeting "Meeting with President Yoon" --start "2023-01-30 10:00" \
	--end 11:30 --city Seoul --venue "Yongsan Presidential Office"
expect_rc 0 "add: timed event"
expect_out_match "$hex16" "add: prints a random 16-hex-digit id"
n=$(wc -l <"$T/out" | tr -d ' ')
[ "$n" -eq 1 ] && ok "add: prints the id alone on one line" || not_ok "add: prints the id alone on one line"
id1=$(cat "$T/out")
if [ -s "$T/err" ]; then not_ok "add: no warning for a known city"; show_run; else ok "add: no warning for a known city"; fi
grep -q "^    id: $id1\$" "$ITIN_FILE" && ok "add: the id is in the store" || not_ok "add: the id is in the store"
perm=$(stat -c %a "$ITIN_FILE")
[ "$perm" = 600 ] && ok "add: new store is mode 0600" || not_ok "add: new store is mode 0600 (got $perm)"

run add meeting "Second" --start "2023-01-30 10:00"
id2=$(cat "$T/out")
[ "$id1" != "$id2" ] && ok "add: ids differ" || not_ok "add: ids differ"

# A store with every option, compared with a golden file.
export ITIN_FILE="$T/full.itin"
run add visit "Official visit to the Republic of Korea" --start 2023-01-29 --end 2023-01-30 \
	--city seoul --id v1 --with "Yoon Suk-yeol (President)" --with "Park Jin (Foreign Minister)" \
	--org "Government of Korea" --source https://example.org/a --tag asia --tag "state visit" \
	--note "Arrive Sunday.
Depart Monday."
expect_rc 0 "add: all-day with every option"
expect_out_text "v1" "add --id: prints the given id"
run add travel "Flight to Tokyo" --start "2023-01-31 18:30" --end "2023-01-31 20:45" \
	--city Seoul --venue "Gimpo Airport" --to-city Tokyo --id t1 --status tentative
expect_rc 0 "add: --to-city sets the end zone"
run add travel "Flight to Brussels" --start "2023-02-01T14:00" --end "2023-02-01T18:30" \
	--city Tokyo --end-tz Europe/Brussels --id t2
expect_rc 0 "add: --end-tz, WHEN with T"
run add call "Call" --start "2023-02-02 09:00:30" --tz america/new_york --id c1
expect_rc 0 "add: --tz in another case is canonicalised; seconds kept"
run add press "Press @ briefing; (a)" --start "2023-02-03 08:00" --country lt --id p1 --status CANCELLED
expect_rc 0 "add: --country alone gives the country's zone"
run add other "Somewhere" --start "2023-02-04 08:00" --city Atlantis --id o1
expect_rc 65 "add: a timed event in an unknown city is refused, not left floating"
expect_err "^itin: no time zone known for 'Atlantis' \\(did you mean 'Atlanta, US'\\?\\); give --country or --tz, or --floating for a floating time$" "add: unknown city: suggestions and how to go on"
run add other "Somewhere" --start "2023-02-04 08:00" --city Atlantis --id o1 --floating
expect_rc 0 "add --floating: an unknown city, floating as asked"
no_stderr "add --floating: no warning"
run add summit "Summit" --start 2023-07-11 --end 2023-07-12 --tz Europe/Vilnius --city Vilnius --id s1
expect_rc 0 "add: --tz on an all-day event"
expect_err "^itin: warning: time zone ignored for an all-day event$" "add: --tz on all-day warns"
run add meeting "Ambiguous" --start "2023-10-29 03:30" --tz Europe/Vilnius --id a1
expect_rc 0 "add: ambiguous local time"
expect_err "^itin: warning: time 2023-10-29 03:30 is ambiguous in Europe/Vilnius" "add: ambiguous time warns"
run add interview "Interview" --start 2023-01-27 --city Brussels --country be --id i1 --with "  Reporter  " --tag ""
expect_rc 0 "add: country in lower case, participant without role"
cp "$ITIN_FILE" "$T/out"
golden add-store.itin "add: the store holds every field in canonical form"
run show t1
expect_out_match "^When: +Tue 31 Jan 2023 18:30 KST \+09:00 \.\. Tue 31 Jan 2023 20:45 JST \+09:00$" "add --to-city: end in Tokyo time"
run list --format tsv --type call
expect_out_match "c1	call	2023-02-02T09:00:30		America/New_York" "add: canonical zone name"

# -f before and after the command; a store in new folders.
run -f "$T/a/b/c.itin" add call X --start 2023-01-01 --id f1
expect_rc 0 "add -f PATH: creates the folders"
perm=$(stat -c %a "$T/a/b")
[ "$perm" = 700 ] && ok "add: new folders are 0700" || not_ok "add: new folders are 0700 (got $perm)"
run add call X --start 2023-01-02 -f "$T/a/b/c.itin" --id f2
expect_rc 0 "add ... -f PATH after the command"
run -f "$T/a/b/c.itin" list --format tsv
n=$(grep -c '^f[12]' "$T/out")
[ "$n" -eq 2 ] && ok "-f: both events in that store" || not_ok "-f: both events in that store"

# Mistakes (each with the store unchanged, see also t-errors.sh).
cp "$ITIN_FILE" "$T/before"
run add meeting "Dup" --start 2023-01-01 --id v1
expect_rc 65 "add --id of an existing event"
expect_err "^itin: id 'v1' already exists$" "add --id duplicate: message"
run add meeting "Bad id" --start 2023-01-01 --id "a b"
expect_rc 65 "add --id with a space"
run add meeting "X" --start 2023-01-01 --status maybe
expect_rc 65 "add --status unknown"
expect_err "unknown status 'maybe'" "add --status: message"
run add meeting "X" --start 2023-01-01 --end-tz Asia/Tokyo --to-city Tokyo
expect_rc 64 "add --end-tz with --to-city"
run add meeting "X" --start "2023-01-01 10:00" --to-city Atlantis
expect_rc 65 "add --to-city unknown"
run add meeting "X" --start 2023-01-01 --end 10:00
expect_rc 65 "add: --end HH:MM on an all-day event"
run add meeting "X" --start "2023-01-01 10:00" --end 2023-01-02
expect_rc 65 "add: date end on a timed event"
run add meeting "X" --start 2023-01-01 --end "2023-01-02 10:00"
expect_rc 65 "add: timed end on an all-day event"
run add meeting "X"
expect_rc 64 "add without --start"
expect_err "^itin: missing --start WHEN \(see 'itin add --help'\)$" "add without --start: message"
run add meeting
expect_rc 64 "add without TITLE"
run add
expect_rc 64 "add without TYPE and TITLE"
run add meeting "X" --with "(Host)" --start 2023-01-01
expect_rc 65 "add --with without a name"
# A time left outside the quotes of --start: say so, pointing at --start.
run add meeting Talks --start 2024-03-10 10:00
expect_rc 64 "add --start DATE TIME unquoted: 64"
expect_err "^itin: unexpected argument '10:00' after --start 2024-03-10 \(quote the date and time together: --start \"2024-03-10 10:00\"\) \(see 'itin add --help'\)$" "add --start DATE TIME unquoted: points at --start"
run add meeting Talks --start "2024-03-10 10:00" --end=2024-03-10 11:00
expect_rc 64 "add --end=DATE TIME unquoted: 64"
expect_err "after --end 2024-03-10 \(quote the date and time together: --end \"2024-03-10 11:00\"\)" "add --end=DATE TIME unquoted: points at --end"
run add meeting Talks --start tomorrow 10:00
expect_err "quote the date and time together: --start \"tomorrow 10:00\"" "add --start tomorrow TIME unquoted"
run add meeting Talks with Kishida --start "2024-03-10 10:00"
expect_rc 64 "add with an unquoted TITLE: 64"
expect_err "^itin: unexpected argument 'with' \(quote a TITLE of several words\)" "add with an unquoted TITLE: says to quote it"
run add meetings Talks --start 2024-03-10
expect_rc 65 "add an unknown TYPE: 65 (data)"
expect_err "^itin: unknown type 'meetings' \(did you mean 'meeting'\?" "add an unknown TYPE: did you mean"
same_file "$T/before" "$ITIN_FILE" "failed adds change nothing"

run add --help
expect_rc 0 "add --help"
expect_out_match "^usage: itin add TYPE TITLE --start WHEN" "add --help: usage on stdout"
expect_out_match "--to-city CITY" "add --help: lists the options"
run help add
expect_rc 0 "itin help add"
expect_out_match "^usage: itin add" "itin help add = add --help"

# Many adds at once: none lost, the file stays parseable.
export ITIN_FILE="$T/many.itin"
i=0
while [ $i -lt 20 ]; do
	itin add call "Call $i" --start "2023-03-01 10:00" --tz UTC >/dev/null 2>&1 &
	i=$((i + 1))
done
wait
run list --format tsv
expect_rc 0 "concurrent adds: store parses"
n=$(grep -c '	call	' "$T/out")
[ "$n" -eq 20 ] && ok "concurrent adds: 20 of 20 stored" || not_ok "concurrent adds: $n of 20 stored"

# Text limits: a blank title is no title; a field past EVENT_MAX_TEXT is
# refused; many long participants stay within the reader's line limit
# (the writer wraps "with:" lines), so the store still reads back.
cp "$ITIN_FILE" "$T/before-limits"
run add meeting "   " --start 2023-03-01
expect_rc 65 "add: a title of spaces is missing"
expect_err "^itin: missing title$" "add: blank title: message"
long=$(head -c 70000 /dev/zero | tr '\0' x)
run add meeting "$long" --start 2023-03-01
expect_rc 65 "add: a 70000-byte title is refused"
expect_err "^itin: title too long \(70000 bytes; limit 65536\)$" "add: long title: message"
same_file "$T/before-limits" "$ITIN_FILE" "add: refused fields leave the store unchanged"
name=$(head -c 60000 /dev/zero | tr '\0' n)
set --
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	set -- "$@" --with "$name$i (Role $i)"
done
# 1.2 MB of participants would not fit CSV's 1 MiB field: over the cap.
run add meeting "Crowded meeting" --start 2023-03-02 "$@"
expect_rc 65 "add: twenty 60 KB participants are refused"
expect_err "^itin: participants too long \(1200162 bytes in all; limit 196608\)$" \
	"add: twenty 60 KB participants: message"
same_file "$T/before-limits" "$ITIN_FILE" "add: too many participant bytes leave the store unchanged"
run add meeting "Crowded meeting" --start 2023-03-02 --with "${name}1 (Role 1)" \
	--with "${name}2 (Role 2)" --with "${name}3 (Role 3)"
expect_rc 0 "add: three 60 KB participants"
run list --format itin
expect_rc 0 "a store with 180 KB of participants reads back"
awk 'length($0) > 1048576 { bad = 1 } END { exit bad }' "$ITIN_FILE" &&
	ok "no store line passes the 1 MiB line limit" ||
	not_ok "a store line passes the 1 MiB line limit"
n=$(grep -c '^    with: ' "$ITIN_FILE")
[ "$n" -ge 3 ] && ok "long participants each on their with: line" ||
	not_ok "with: lines: $n"
run list --format json
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
e = [x for x in d if x["title"] == "Crowded meeting"][0]
assert len(e["participants"]) == 3, len(e["participants"])
assert e["participants"][2]["role"] == "Role 3"' "$T/out" &&
	ok "all three participants survive, in order" ||
	not_ok "participants lost in the round trip"

finish
