#!/bin/sh
# t-list.sh: itin list in every format, every filter, and the agenda's
# layout, on a fixture store (data/list.itin) that has every shape of event.
. "$(dirname "$0")/lib.sh"

# golden NAME DESC: stdout equals golden/NAME (ITIN_REGEN=1 rewrites it).
golden() {
	if [ "${ITIN_REGEN:-0}" = 1 ]; then
		cp "$T/out" "$TESTDIR/golden/$1"
	fi
	expect_out "$TESTDIR/golden/$1" "$2"
}

# count_lines N DESC: stdout has N lines.
count_lines() {
	n=$(wc -l <"$T/out" | tr -d ' ')
	if [ "$n" -eq "$1" ]; then ok "$2"; else not_ok "$2 (got $n lines)"; show_run; fi
}

cp "$TESTDIR/data/list.itin" "$ITIN_FILE"
cp "$ITIN_FILE" "$T/before"

run list
expect_rc 0 "list: agenda by default"
golden list-agenda "list: agenda layout (days, columns, day n/m, sanitised)"
if [ -s "$T/err" ]; then not_ok "list: nothing on stderr"; show_run; else ok "list: nothing on stderr"; fi

run list --format agenda
golden list-agenda "list --format agenda is the default"

run list --format tsv
expect_rc 0 "list --format tsv"
golden list-tsv "list --format tsv"

run list --format json
expect_rc 0 "list --format json"
golden list-json "list --format json: one object per line"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==9' "$T/out" 2>/dev/null; then
	ok "list --format json parses as an array of 9"
else
	not_ok "list --format json parses as an array of 9"
fi

run list --format itin
expect_rc 0 "list --format itin"
expect_out "$TESTDIR/data/list.itin" "list --format itin gives the canonical file back"

run list --format JSON
expect_rc 0 "format names are case-insensitive"

# Filters.
run list --format tsv --from 2023-01-30 --to 2023-01-30
golden list-tsv-day "--from/--to: events overlapping one day"
run list --from 2023-01-30 --to 2023-01-30
golden list-agenda-day "--from/--to: the agenda shows only that day"
run list --from 2023-07-12
golden list-agenda-from "--from alone: multi-day event repeated only within the range"
run list --format tsv --to 2023-01-28
golden list-tsv-to "--to alone"
run list --format tsv --type travel
golden list-tsv-travel "--type travel"
run list --format tsv --type travel --type summit
count_lines 4 "--type repeatable (header + 3)"
run list --format tsv --type travel,SUMMIT
count_lines 4 "--type comma list, any case"
run list --format tsv --city seoul
count_lines 4 "--city, case-insensitive (header + 3)"
run list --format tsv --city zurich
count_lines 2 "--city, accent-insensitive"
run list --format tsv --country kr
count_lines 5 "--country, any case"
run list --format tsv --with "park jin"
count_lines 2 "--with: substring of a participant"
run list --format tsv --grep "DIAL-IN"
count_lines 2 "--grep searches notes"
run list --format tsv --grep litexpo
count_lines 2 "--grep searches the venue"
run list --format tsv --type meeting --city Seoul --from 2023-01-01
count_lines 2 "filters combine"

# "Today" comes from $ITIN_NOW and marks its day's heading.
ITIN_NOW=2023-01-30T12:00:00Z run list --from 2023-01-30 --to 2023-01-30
expect_out_match "^Mon 30 Jan 2023 \(today\)$" "agenda: today's heading is marked"
ITIN_NOW=2023-01-30 run list --to 2023-01-29
if grep -q today "$T/out"; then not_ok "agenda: other days are not marked"; else ok "agenda: other days are not marked"; fi
ITIN_NOW=yesterday run list --from 2023-01-30 --to 2023-01-30
expect_rc 0 "agenda: a bad ITIN_NOW is not fatal"
expect_err "^itin: warning: ignoring ITIN_NOW 'yesterday'" "agenda: a bad ITIN_NOW warns"

# Empty results.
run list --type summit --from 2024-01-01
expect_rc 0 "empty agenda: status 0"
expect_out /dev/null "empty agenda: prints nothing"
run list --format json --type summit --from 2024-01-01
expect_out_text "[]" "empty json: []"
run list --format tsv --from 2024-01-01
count_lines 1 "empty tsv: the header alone"

# Bad filters and formats.
run list --from 2023-02-01 --to 2023-01-01
expect_rc 64 "--from after --to"
expect_err "^itin: --from 2023-02-01 is after --to 2023-01-01 \(see 'itin list --help'\)$" "--from after --to: message"
if [ "$(wc -l <"$T/err")" -eq 1 ]; then ok "usage errors: one line on stderr"; else not_ok "usage errors: one line on stderr"; fi
run list --from 2023-02-30
expect_rc 65 "--from impossible date"
expect_err "invalid date '2023-02-30'" "--from impossible date: message"
run list --from tomorow
expect_rc 65 "--from not a date"
expect_err "^itin: invalid date 'tomorow' \(expected YYYY-MM-DD, today, tomorrow, yesterday, \+3d, -1w, \+2m or next monday\)$" "--from not a date: the forms it takes"
run list --type meetings
expect_rc 64 "--type unknown: a usage error"
expect_err "^itin: unknown type 'meetings' \(did you mean 'meeting'\? the types: visit, meeting, summit, conference, interview, press, travel, reception, call, other\)$" "--type unknown: message, with the type meant"
run list --type banana
expect_rc 64 "--type far from any type: a usage error"
expect_err "^itin: unknown type 'banana' \(expected one of: visit, meeting" "--type far from any type: the types"
run list --country XX
expect_rc 65 "--country unknown code"
run list --format csv
expect_rc 0 "--format csv"
expect_out_match "^id,type,title,start,end,tz,city,country,venue,participants,organization,status,source,notes,tags.$" "--format csv: the header"
run list --format json --raw
expect_rc 64 "--raw needs --format csv or tsv"
run list --format ics
expect_rc 0 "--format ics"
expect_out_match "^BEGIN:VCALENDAR" "--format ics: iCalendar"
run list --format xml
expect_rc 64 "--format unknown"
expect_err "unknown format 'xml'" "--format unknown: message"
run list extra
expect_rc 64 "list takes no argument"
run list --help
expect_rc 0 "list --help"
expect_out_match "^usage: itin list" "list --help: usage on stdout"
same_file "$T/before" "$ITIN_FILE" "list never changes the store"

# -f before or after the command; a missing store is empty.
rm -f "$T/other.itin"
run -f "$T/other.itin" list
expect_rc 0 "missing store: status 0"
expect_out /dev/null "missing store: nothing listed"
if [ -e "$T/other.itin" ]; then not_ok "list does not create the store"; else ok "list does not create the store"; fi
run list -f "$T/other.itin" --format tsv
count_lines 1 "-f after the command"
run list --file "$T/other.itin" --format tsv
count_lines 1 "--file after the command"

# A full stdout is an error, not a silent loss.
if [ -w /dev/full ]; then
	itin list >/dev/full 2>"$T/err"
	rc=$?
	expect_rc 74 "list >/dev/full: status 74"
	expect_err "^itin: write error: No space left on device$" "list >/dev/full: message"
fi

# Colour only on a terminal: never in a pipe, even without NO_COLOR.
(unset NO_COLOR; itin list) >"$T/out" 2>&1
if grep -q "$(printf '\033')" "$T/out"; then not_ok "no colour in a pipe"; else ok "no colour in a pipe"; fi

# The sample the docs use, independent of the scratch store.
cp "$ROOT/samples/nato-2023.itin" "$T/nato.itin"
run -f "$T/nato.itin" list --format tsv
expect_rc 0 "sample: list --format tsv"
golden nato-2023.tsv "sample: nato-2023 as tsv"
run -f "$T/nato.itin" list
golden nato-2023.agenda "sample: nato-2023 agenda"

# A warning is given when an event enters the store, not on every read.
export ITIN_FILE="$T/amb.itin"
run add meeting "Early talks" --start "2023-10-29 03:30" --city Vilnius
expect_rc 0 "add: an ambiguous local time is taken"
expect_err "^itin: warning: time 2023-10-29 03:30 is ambiguous in Europe/Vilnius; taking the first \(UTC\+03:00\)$" "add: the ambiguity is named once"
run list --format tsv
expect_rc 0 "list after an ambiguous add"
if [ -s "$T/err" ]; then not_ok "list repeats no warning"; show_run; else ok "list repeats no warning"; fi

finish
