#!/bin/sh
# t-dates.sh: dates as people and spreadsheets write them (issue 11):
# the order of day and month in CSV (05/07/2023), decided by the file or
# by --date-order; relative dates on the command line (today, +3d,
# next monday) and list --upcoming.
. "$(dirname "$0")/lib.sh"

D=$TESTDIR/data
snapshot() { cp "$ITIN_FILE" "$T/before" 2>/dev/null || : >"$T/before"; }
unchanged() {
	if [ -e "$ITIN_FILE" ]; then
		same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"
	else
		ok "$1: store unchanged (still absent)"
	fi
}
fresh() {
	export ITIN_FILE="$T/$1.itin"
	rm -f "$ITIN_FILE"
}
# The columns that say when, without the (derived) id.
when() {
	run list --format tsv
	cut -f2- "$T/out" >"$T/out.when"
	mv "$T/out.when" "$T/out"
}

# ---- day-first CSV ----
# data/outlook-dmy.csv: a French office's Outlook export, 05/07/2023 for
# 5 July, and no day over 12 anywhere.
fresh dmy
snapshot
run import "$D/outlook-dmy.csv"
expect_rc 65 "day-first Outlook CSV, all ambiguous: refused"
expect_err "^itin: $D/outlook-dmy.csv:2:36: ambiguous date '05/07/2023': day-first or month-first\? no date in the file has a field over 12 to tell; use --date-order dmy or --date-order mdy$" "all ambiguous: the first date, and how to choose"
unchanged "all ambiguous"
run import --skip-invalid "$D/outlook-dmy.csv"
expect_rc 65 "all ambiguous with --skip-invalid: refused too"
unchanged "all ambiguous with --skip-invalid"

run import --date-order dmy "$D/outlook-dmy.csv"
expect_rc 0 "--date-order dmy: imported"
when
expect_out_text "type	start	end	tz	city	country	title
other	2023-07-05T09:30	2023-07-05T10:15	Europe/Paris	Paris	FR	Réunion avec le Premier ministre
other	2023-07-06T18:00	2023-07-06T19:15	Europe/Paris	Paris	FR	Vol vers Bruxelles
other	2023-12-01			Brussels	BE	Conseil européen" "--date-order dmy: 5 July, 6 July, 1 December"

fresh mdy
run import --date-order mdy "$D/outlook-dmy.csv"
expect_rc 0 "--date-order mdy: imported"
when
expect_out_match "^other	2023-05-07T09:30	" "--date-order mdy: 7 May"

# One row with a day over 12 decides for the whole file, rows before it
# included.
fresh decided
cp "$D/outlook-dmy.csv" "$T/decided.csv"
printf '"Sommet de l'"'"'OTAN","11/07/2023","00:00:00","13/07/2023","00:00:00","True","False","","","","","","","","Summit","","Vilnius, Lithuania","","Normal","False","Normal","3"\r\n' >>"$T/decided.csv"
run import "$T/decided.csv"
expect_rc 0 "one deciding row: imported"
expect_err "imported 4 events \(4 added" "one deciding row: every row"
when
expect_out_text "type	start	end	tz	city	country	title
other	2023-07-05T09:30	2023-07-05T10:15	Europe/Paris	Paris	FR	Réunion avec le Premier ministre
other	2023-07-06T18:00	2023-07-06T19:15	Europe/Paris	Paris	FR	Vol vers Bruxelles
other	2023-07-11	2023-07-12		Vilnius	LT	Sommet de l'OTAN
other	2023-12-01			Brussels	BE	Conseil européen" "one deciding row: day-first throughout"

# Rows keep the file's order while they wait for it: an ISO row after an
# ambiguous one is not built first (store order, duplicate-id message).
fresh order
printf 'Subject,Start Date\nA,05/07/2023\nB,2023-08-01\nC,30/07/2023\n' >"$T/order.csv"
run import "$T/order.csv"
expect_rc 0 "waiting rows: imported"
grep -o ' [ABC]$' "$ITIN_FILE" | tr -d ' \n' >"$T/out"; echo >>"$T/out"
expect_out_text "ABC" "waiting rows: the store keeps the file's order"
printf 'id,Subject,Start Date\nx1,A,05/07/2023\nx1,B,2023-08-01\nx2,C,30/07/2023\n' >"$T/dupid.csv"
run import "$T/dupid.csv"
expect_rc 65 "waiting rows, a duplicate id: refused"
expect_err "dupid.csv:3:1: duplicate id 'x1' \\(first at line 2\\)$" "waiting rows: the later line is the duplicate"

# Refused rows wait in their turn too: warnings in file order.
printf 'Subject,Start Date\nA,05/07/2023\nB \201,2023-08-01\nC,2023-02-30\nD,30/07/2023\n' >"$T/order2.csv"
run import -n --skip-invalid "$T/order2.csv"
expect_rc 0 "waiting rows, two refused: imported"
grep -o 'order2.csv:[0-9]*:[0-9]*: invalid [a-zA-Z0-9-]*' "$T/err" >"$T/out"
expect_out_text "order2.csv:3:3: invalid UTF-8
order2.csv:4:3: invalid date" "waiting rows: the warnings in file order"

# The import says which order the file decided, and by which date; not
# when --date-order gave it. The summary line stays as it was.
run import -n "$T/order.csv"
expect_err "^itin: note: $T/order.csv: dates read day-first \\(line 4: '30/07/2023'\\)$" "note: day-first, the deciding line"
expect_err "^itin: would import 3 events \\(0 added, 0 updated, 3 unchanged\\) from $T/order.csv \\(3 rows, 0 skipped\\)$" "note: the summary line unchanged"
run import -n --date-order dmy "$T/order.csv"
if grep -q "note:" "$T/err"; then not_ok "no note with --date-order"; else ok "no note with --date-order"; fi
printf 'title;start\nA;2023-05-07\nB;05.07.2023\n' >"$T/dotnote.csv"
run import -n "$T/dotnote.csv"
expect_err "^itin: note: $T/dotnote.csv: dotted dates read day-first by convention \\(line 3: '05.07.2023'\\)$" "note: dotted dates by convention"
printf 'title,start\nA,2023-05-07\n' >"$T/isonote.csv"
run import -n "$T/isonote.csv"
if grep -q "note:" "$T/err"; then not_ok "no note for ISO dates"; else ok "no note for ISO dates"; fi

# A month-first row decides the other way.
fresh us
printf 'Subject,Start Date,Start Time\nA,05/07/2023,10:00 AM\nB,07/30/2023,2:00 PM\n' >"$T/us.csv"
run import "$T/us.csv"
expect_rc 0 "month-first evidence: imported"
when
expect_out_match "^other	2023-05-07T10:00	" "month-first evidence: 7 May"

# Evidence both ways: refused, naming both lines.
fresh mixed
snapshot
printf 'Subject,Start Date\nA,05/07/2023\nB,30/07/2023\nC,2023-08-01\nD,07/31/2023\n' >"$T/mixed.csv"
run import "$T/mixed.csv"
expect_rc 65 "mixed evidence: refused"
expect_err "^itin: $T/mixed.csv:5:3: date '07/31/2023' is month-first, but line 3 has '30/07/2023', day-first; give --date-order dmy or mdy$" "mixed evidence: both lines named"
unchanged "mixed evidence"
run import --skip-invalid "$T/mixed.csv"
expect_rc 65 "mixed evidence with --skip-invalid: refused"
run import --date-order dmy "$T/mixed.csv"
expect_rc 65 "mixed evidence, --date-order dmy: the month-first date is impossible"
expect_err "mixed.csv:5:3: invalid date '07/31/2023': month must be 01 to 12 \(read day-first: --date-order dmy\)$" "mixed evidence, --date-order dmy: which, and the order in force"

# Dotted dates are day-first; ISO is ISO; a year first is year first.
fresh dots
printf 'title;start\nBesuch;05.07.2023 10:00\nISO;2023-05-07\nJahr;2023/07/08\n' >"$T/dots.csv"
run import "$T/dots.csv"
expect_rc 0 "dotted dates: imported"
when
expect_out_text "type	start	end	tz	city	country	title
other	2023-05-07					ISO
other	2023-07-05T10:00					Besuch
other	2023-07-08					Jahr" "dotted dates are day-first; ISO and year-first as written"

run import --date-order ydm "$T/dots.csv"
expect_rc 64 "--date-order: an unknown order is a usage error"
expect_err "unknown date order 'ydm' \(expected dmy, mdy or ymd\)" "--date-order: the orders it takes"
run import --date-order dmy "$TESTDIR/../../samples/nato-2023.itin"
expect_rc 64 "--date-order: CSV only"

# ---- relative dates (ITIN_NOW: Wednesday 2023-01-25, 12:00 UTC) ----
fresh rel
run add meeting "Talks" --start "tomorrow 10:00" --end 11:00 --city Paris
expect_rc 0 "add --start 'tomorrow 10:00'"
run add visit "Trip" --start "next monday" --end +2w
expect_rc 0 "add --start 'next monday' --end +2w"
run add call "Call" --start "fri 18:00" --end "fri 18:30" --tz UTC
expect_rc 0 "add --start 'fri 18:00' --end 'fri 18:30'"
run add call "Old call" --start yesterday
run add call "Last week" --start -1w
run add conference "Spring" --start +2m
run add meeting "Lunch" --start today
when
expect_out_text "type	start	end	tz	city	country	title
call	2023-01-18					Last week
call	2023-01-24					Old call
meeting	2023-01-25					Lunch
meeting	2023-01-26T10:00	2023-01-26T11:00	Europe/Paris	Paris	FR	Talks
call	2023-01-27T18:00	2023-01-27T18:30	UTC			Call
visit	2023-01-30	2023-02-08				Trip
conference	2023-03-25					Spring" "relative --start/--end: the dates they name"
# The store keeps absolute dates.
if grep -Eq 'tomorrow|next|\+2' "$ITIN_FILE"; then not_ok "the store holds absolute dates only"; else ok "the store holds absolute dates only"; fi

run list --from today --to +1w --format tsv
cut -f8 "$T/out" >"$T/titles"
printf 'title\nLunch\nTalks\nCall\nTrip\n' >"$T/want"
same_file "$T/want" "$T/titles" "list --from today --to +1w"
run list --upcoming --format tsv
cut -f8 "$T/out" >"$T/titles"
printf 'title\nLunch\nTalks\nCall\nTrip\nSpring\n' >"$T/want"
same_file "$T/want" "$T/titles" "list --upcoming: from today on"
run list --format tsv
if [ "$(wc -l <"$T/out")" -eq 8 ]; then ok "list with no range: every event"; else not_ok "list with no range: every event"; fi
run list --upcoming --from 2023-01-01
expect_rc 64 "--upcoming with --from: usage error"
run list --from "last monday" --to yesterday --format tsv
cut -f8 "$T/out" >"$T/titles"
printf 'title\nOld call\n' >"$T/want"
same_file "$T/want" "$T/titles" "list --from 'last monday' --to yesterday"
run export --format tsv --from +1m
cut -f8 "$T/out" >"$T/titles"
printf 'title\nSpring\n' >"$T/want"
same_file "$T/want" "$T/titles" "export --from +1m"

# Today is the user's: 23:30 UTC is already the 26th in Tokyo.
ITIN_NOW=2023-01-25T23:30:00Z
TZ=Asia/Tokyo
run list --upcoming --format tsv
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC
cut -f8 "$T/out" >"$T/titles"
printf 'title\nTalks\nCall\nTrip\nSpring\n' >"$T/want"
same_file "$T/want" "$T/titles" "--upcoming: today in the user's zone"

# A date-only ITIN_NOW is that date where the user is, west of UTC too
# (it was midnight UTC, the day before in Los Angeles).
ITIN_NOW=2023-01-25
TZ=America/Los_Angeles
run list --upcoming --format tsv
cut -f8 "$T/out" >"$T/titles"
run list --from yesterday --to yesterday --format tsv
cut -f8 "$T/out" >"$T/titles2"
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC
printf 'title\nLunch\nTalks\nCall\nTrip\nSpring\n' >"$T/want"
same_file "$T/want" "$T/titles" "date-only ITIN_NOW west of UTC: today is that date"
printf 'title\nOld call\n' >"$T/want"
same_file "$T/want" "$T/titles2" "date-only ITIN_NOW west of UTC: yesterday the day before it"

# One clock for "today" and the timeline (userzone.c): the user's zone,
# from $TZ, read through tz.c. West of UTC: 02:00 UTC on the 26th is
# still the 25th in Los Angeles.
ITIN_NOW=2023-01-26T02:00:00Z
TZ=America/Los_Angeles
run list --upcoming --format tsv
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC
cut -f8 "$T/out" >"$T/titles"
printf 'title\nLunch\nTalks\nCall\nTrip\nSpring\n' >"$T/want"
same_file "$T/want" "$T/titles" "ITIN_NOW instant west of UTC: today is the day before UTC's"
# libc's leading ':' is taken: 23:30 UTC is the 26th in Paris.
ITIN_NOW=2023-01-25T23:30:00Z
TZ=:Europe/Paris
run list --upcoming --format tsv
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC
cut -f8 "$T/out" >"$T/titles"
printf 'title\nTalks\nCall\nTrip\nSpring\n' >"$T/want"
same_file "$T/want" "$T/titles" "TZ=:Europe/Paris: today is the 26th at 23:30 UTC"
# A date-only ITIN_NOW is "now" at its midnight where the user is: the
# DTSTAMP of an export, east and west of UTC.
ITIN_NOW=2023-01-25
TZ=Asia/Tokyo
run export --format ics
expect_out_match "^DTSTAMP:20230124T150000Z" "date-only ITIN_NOW east of UTC: now is midnight in Tokyo"
TZ=America/Los_Angeles
run export --format ics
expect_out_match "^DTSTAMP:20230125T080000Z" "date-only ITIN_NOW west of UTC: now is midnight in Los Angeles"
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC
# The timeline's first day is the list's today.
ITIN_NOW=2023-01-25T23:30:00Z
TZ=Asia/Tokyo
run timeline --upcoming --to 2023-01-28 --width 100
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC
expect_out_match "Thu 26" "timeline --upcoming in Tokyo: the axis starts on Tokyo's today"
if grep -q "Wed 25" "$T/out"; then not_ok "timeline --upcoming in Tokyo: not UTC's today"; else ok "timeline --upcoming in Tokyo: not UTC's today"; fi
# A POSIX rule in $TZ ("JST-9", as libc reads it): today is its date, for
# list as for the timeline, and nothing is said. 23:30 UTC on the 25th
# is the 26th in Japan.
ITIN_NOW=2023-01-25T23:30:00Z
TZ=JST-9
run timeline --upcoming --to 2023-01-28 --width 100
expect_rc 0 "TZ=JST-9: timeline runs"
expect_out_match "Thu 26" "TZ=JST-9: the axis starts on Japan's today"
no_stderr "TZ=JST-9: a rule libc reads is not warned about"
TZ='<-10>10'
run timeline --upcoming --to 2023-01-28 --width 100
expect_out_match "Wed 25" "TZ='<-10>10': the axis starts on today ten hours west"
TZ=/nonexistent
run list --upcoming --format tsv
expect_rc 0 "TZ=/nonexistent: list still runs"
expect_err "unknown time zone '/nonexistent' in \\\$TZ" "TZ=/nonexistent: a path to no zone is said"
TZ='Nowhere/Foo'
run list --upcoming --format tsv
expect_rc 0 "TZ=Nowhere/Foo: list still runs"
if [ "$(grep -c "Nowhere/Foo" "$T/err")" = 1 ]; then ok "TZ=Nowhere/Foo: said once"; else not_ok "TZ=Nowhere/Foo: said once"; show_run; fi
ITIN_NOW=2023-01-25T12:00:00Z
TZ=UTC

# edit moves an event to a relative date, keeping its length.
run list --format tsv --grep Talks
id=$(sed -n 2p "$T/out" | cut -f1)
run edit "$id" --start "next tuesday 15:00"
expect_rc 0 "edit --start 'next tuesday 15:00'"
run list --format tsv --grep Talks
expect_out_match "	2023-01-31T15:00	2023-01-31T16:00	" "edit: moved to Tuesday, same length"

# Mistakes.
run add call X --start "tomorow 10:00"
expect_rc 65 "a misspelt relative date: 65"
expect_err "^itin: invalid date 'tomorow' \(expected YYYY-MM-DD, today, tomorrow, yesterday, \+3d, -1w, \+2m or next monday\)$" "a misspelt relative date: the forms"
run add call X --start "tomorrow 25:00"
expect_rc 65 "a relative date, a bad time: 65"
expect_err "invalid time '25:00'" "a relative date, a bad time: message"
run list --from +3q
expect_rc 65 "--from +3q: 65"
# A CSV file keeps absolute dates only, and says which forms it takes.
printf 'title,start\nA,tomorrow\n' >"$T/rel.csv"
run import "$T/rel.csv"
expect_rc 65 "CSV: 'tomorrow' is not a date in a file"
expect_err "rel.csv:2:3: invalid date 'tomorrow' \(expected YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY or MM/DD/YYYY, DD.MM.YYYY or DD-MM-YYYY\)$" "CSV: the date forms a file may use"

# A relative date of two words left unquoted.
snapshot
run add call X --start next monday
expect_rc 64 "add --start next monday (unquoted): usage error"
expect_err "^itin: unexpected argument 'monday' after --start next \(quote the date: --start \"next monday\"\)" "add --start next monday: say to quote it"
run add call X --start last fri 10:00
expect_rc 64 "add --start last fri 10:00 (unquoted): usage error"
expect_err "\(quote the date: --start \"last fri 10:00\"\)" "add --start last fri 10:00: quote all three"
unchanged "unquoted relative dates"
run list --from next monday
expect_rc 65 "list --from next monday (unquoted): refused"
expect_err "^itin: invalid date 'next': quote it with its weekday, as one argument: \"next monday\"$" "list --from next monday: say to quote it"
run list --from 3d
expect_rc 65 "list --from 3d: refused"
expect_err "^itin: invalid date '3d' \(expected YYYY-MM-DD, today, tomorrow, yesterday, \+3d, -1w, \+2m or next monday\)$" "list --from 3d: the forms"

# --upcoming with a --to before today names --upcoming, not a --from.
run list --upcoming --to yesterday
expect_rc 64 "--upcoming --to yesterday: usage error"
expect_err "^itin: --upcoming \(today, 2023-01-25\) is after --to 2023-01-24" "--upcoming --to yesterday: names --upcoming"
run list --from 2023-01-01 --upcoming
expect_rc 64 "--from then --upcoming: usage error too"

# --upcoming for export and timeline too (and view, which needs a terminal).
run export --upcoming --format tsv
cut -f8 "$T/out" >"$T/titles"
printf 'title\nLunch\nCall\nTrip\nSpring\nTalks\n' >"$T/want"
sort "$T/want" >"$T/want.s"; sort "$T/titles" >"$T/titles.s"
same_file "$T/want.s" "$T/titles.s" "export --upcoming: from today on"
run timeline --upcoming --to +1w --width 100
expect_rc 0 "timeline --upcoming"
if grep -q "Old call" "$T/out"; then not_ok "timeline --upcoming: not yesterday's"; else ok "timeline --upcoming: not yesterday's"; fi
expect_out_match "^Lunch" "timeline --upcoming: today's"
run view --upcoming --from today
expect_rc 64 "view --upcoming --from: usage error"

finish
