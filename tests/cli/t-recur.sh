#!/bin/sh
# t-recur.sh: recurring events read from iCalendar files, and the
# warnings an .ics import promises.
#
# A series is expanded on the clock of its own DTSTART (the file's
# VTIMEZONE when its TZID is no tz database zone), so its occurrences keep
# their local time and weekday across DST; one with COUNT or UNTIL is
# imported whole, one without an end only in the window, which its warning
# names. RDATE periods, RANGE=THISANDFUTURE and overrides with rules of
# their own are honoured or named. Expected occurrences are written out
# below (worked out by hand and with python-dateutil's rrule over
# zoneinfo); the events are compared as ics-validate reads itin's export
# (UTC instants), so the checks hold whatever zone itin files them under.
# Every exported file goes through ics-validate --strict.
. "$(dirname "$0")/lib.sh"

CORPUS=$SHARED/corpus/ics
# Every check here compares with ical.js or reads the corpus.
if ! have_shared; then
	skip_shared "recurrence against ical.js and the corpus"
	finish
fi
DATA=$TESTDIR/data/recur

# events DESC: export the store, validate it, and put "START END SUMMARY"
# (UTC, as ics-validate reads them) of every event, sorted, in $T/got.
events() {
	itin export -o "$T/x.ics" 2>"$T/xerr" || not_ok "$1: export"
	validate "$T/x.ics" "$1"
	"$VALIDATE" --dump-tsv --no-header "$T/x.ics" 2>/dev/null |
		awk -F '\t' '{ print $3 " " $4 " " $2 }' | sort >"$T/got"
}

# same_events DESC: $T/got equals $T/want.
same_events() {
	if diff -u "$T/want" "$T/got" >"$T/diff"; then
		ok "$1"
	else
		not_ok "$1"
		sed 's/^/#   /' "$T/diff" | head -40
	fi
}

# ---- item 6: a zone the file defines ----
# Outlook's "Canberra, Melbourne, Sydney", known only from the file's
# VTIMEZONE: 09:30 Monday to Friday there, 22:30Z the evening before
# until daylight time ends on 5 April 2009, 23:30Z after.
export ITIN_FILE="$T/standup.store"
run import --from 2009-03-01 --to 2009-04-10 "$CORPUS/ical4j/valid/Standup.ics"
expect_rc 0 "Standup: imported"
expect_err "recurring event 'Standup' has no end: the 24 occurrences in the window 2009-03-01 to 2009-04-10 imported" \
	"Standup: unbounded, so cut to the window, which the warning names"
events "Standup"
cat >"$T/want" <<'EOF'
2009-03-09T22:30:00Z 2009-03-09T22:45:00Z Standup
2009-03-10T22:30:00Z 2009-03-10T22:45:00Z Standup
2009-03-11T22:30:00Z 2009-03-11T22:45:00Z Standup
2009-03-12T22:30:00Z 2009-03-12T22:45:00Z Standup
2009-03-15T22:30:00Z 2009-03-15T22:45:00Z Standup
2009-03-16T22:30:00Z 2009-03-16T22:45:00Z Standup
2009-03-17T22:30:00Z 2009-03-17T22:45:00Z Standup
2009-03-18T22:30:00Z 2009-03-18T22:45:00Z Standup
2009-03-19T22:30:00Z 2009-03-19T22:45:00Z Standup
2009-03-22T22:30:00Z 2009-03-22T22:45:00Z Standup
2009-03-23T22:30:00Z 2009-03-23T22:45:00Z Standup
2009-03-24T22:30:00Z 2009-03-24T22:45:00Z Standup
2009-03-25T22:30:00Z 2009-03-25T22:45:00Z Standup
2009-03-26T22:30:00Z 2009-03-26T22:45:00Z Standup
2009-03-29T22:30:00Z 2009-03-29T22:45:00Z Standup
2009-03-30T22:30:00Z 2009-03-30T22:45:00Z Standup
2009-03-31T22:30:00Z 2009-03-31T22:45:00Z Standup
2009-04-01T22:30:00Z 2009-04-01T22:45:00Z Standup
2009-04-02T22:30:00Z 2009-04-02T22:45:00Z Standup
2009-04-05T23:30:00Z 2009-04-05T23:45:00Z Standup
2009-04-06T23:30:00Z 2009-04-06T23:45:00Z Standup
2009-04-07T23:30:00Z 2009-04-07T23:45:00Z Standup
2009-04-08T23:30:00Z 2009-04-08T23:45:00Z Standup
2009-04-09T23:30:00Z 2009-04-09T23:45:00Z Standup
EOF
same_events "Standup: 09:30 Sydney time, Monday to Friday, across the end of daylight time"
run list --in Australia/Sydney
if grep -q '^\(Sat\|Sun\)' "$T/out" || [ "$(grep -c '09:30-09:45' "$T/out")" -ne 24 ]; then
	not_ok "Standup: seen in Sydney, every one at 09:30 on a weekday"
	head -10 "$T/out" | sed 's/^/#   /'
else
	ok "Standup: seen in Sydney, every one at 09:30 on a weekday"
fi

# python-icalendar's issue 466: a zone named /Europe/CUSTOM, CET/CEST.
export ITIN_FILE="$T/custom.store"
run import --from 2022-10-01 --to 2022-11-30 \
	"$CORPUS/python-icalendar/calendars/issue_466_respect_unique_timezone.ics"
expect_rc 0 "issue 466: imported"
events "issue 466"
cat >"$T/want" <<'EOF'
2022-10-21T18:00:00Z 2022-10-21T19:00:00Z Just chatting
2022-10-28T18:00:00Z 2022-10-28T19:00:00Z Just chatting
2022-11-04T19:00:00Z 2022-11-04T20:00:00Z Just chatting
2022-11-11T19:00:00Z 2022-11-11T20:00:00Z Just chatting
2022-11-18T19:00:00Z 2022-11-18T20:00:00Z Just chatting
2022-11-25T19:00:00Z 2022-11-25T20:00:00Z Just chatting
EOF
same_events "issue 466: Fridays at 20:00 on the file's clock, before and after 30 October"

# EXDATE and RECURRENCE-ID in such a zone name the occurrences on its
# clock: 09:00 there is 07:00Z in October, 08:00Z after 29 October.
export ITIN_FILE="$T/custom2.store"
run import "$DATA/custom.ics"
expect_rc 0 "custom zone: imported"
events "custom zone"
cat >"$T/want" <<'EOF'
2023-10-16T07:00:00Z 2023-10-16T08:00:00Z Council
2023-10-23T07:00:00Z 2023-10-23T08:00:00Z Council
2023-11-06T10:30:00Z 2023-11-06T11:30:00Z Council (moved)
2023-11-13T08:00:00Z 2023-11-13T09:00:00Z Council
EOF
same_events "custom zone: the EXDATE after the change left out, the override replaces its occurrence"

# ---- finite series whole, unbounded ones in the window ----
# ITIN_NOW is 2023-01-25: the default window is 2022-01-25 to 2024-01-25.
# COUNT=3 in 2030 and UNTIL in 1999 (across the end of daylight time in
# New York) are far outside it and imported whole; the monthly series has
# no end and is cut to the window.
export ITIN_FILE="$T/finite.store"
run import "$DATA/finite.ics"
expect_rc 0 "finite: imported"
expect_err "recurring event 'Weekly call in 2030': all 3 occurrences, 2030-03-18 to 2030-04-01, imported" \
	"finite: a COUNT series years after the window, whole"
expect_err "recurring event 'Briefing in 1999': all 4 occurrences, 1999-10-25 to 1999-11-05, imported" \
	"finite: an UNTIL series years before the window, whole"
expect_err "recurring event 'Monthly review' has no end: the 24 occurrences in the window 2022-01-25 to 2024-01-25 imported" \
	"finite: a series without end in the default window, named"
events "finite"
cat >"$T/want" <<'EOF'
1999-10-25T13:00:00Z 1999-10-25T13:30:00Z Briefing in 1999
1999-10-29T13:00:00Z 1999-10-29T13:30:00Z Briefing in 1999
1999-11-01T14:00:00Z 1999-11-01T14:30:00Z Briefing in 1999
1999-11-05T14:00:00Z 1999-11-05T14:30:00Z Briefing in 1999
2022-02-10T14:00:00Z 2022-02-10T15:00:00Z Monthly review
2022-03-10T14:00:00Z 2022-03-10T15:00:00Z Monthly review
2022-04-10T13:00:00Z 2022-04-10T14:00:00Z Monthly review
2022-05-10T13:00:00Z 2022-05-10T14:00:00Z Monthly review
2022-06-10T13:00:00Z 2022-06-10T14:00:00Z Monthly review
2022-07-10T13:00:00Z 2022-07-10T14:00:00Z Monthly review
2022-08-10T13:00:00Z 2022-08-10T14:00:00Z Monthly review
2022-09-10T13:00:00Z 2022-09-10T14:00:00Z Monthly review
2022-10-10T13:00:00Z 2022-10-10T14:00:00Z Monthly review
2022-11-10T14:00:00Z 2022-11-10T15:00:00Z Monthly review
2022-12-10T14:00:00Z 2022-12-10T15:00:00Z Monthly review
2023-01-10T14:00:00Z 2023-01-10T15:00:00Z Monthly review
2023-02-10T14:00:00Z 2023-02-10T15:00:00Z Monthly review
2023-03-10T14:00:00Z 2023-03-10T15:00:00Z Monthly review
2023-04-10T13:00:00Z 2023-04-10T14:00:00Z Monthly review
2023-05-10T13:00:00Z 2023-05-10T14:00:00Z Monthly review
2023-06-10T13:00:00Z 2023-06-10T14:00:00Z Monthly review
2023-07-10T13:00:00Z 2023-07-10T14:00:00Z Monthly review
2023-08-10T13:00:00Z 2023-08-10T14:00:00Z Monthly review
2023-09-10T13:00:00Z 2023-09-10T14:00:00Z Monthly review
2023-10-10T13:00:00Z 2023-10-10T14:00:00Z Monthly review
2023-11-10T14:00:00Z 2023-11-10T15:00:00Z Monthly review
2023-12-10T14:00:00Z 2023-12-10T15:00:00Z Monthly review
2024-01-10T14:00:00Z 2024-01-10T15:00:00Z Monthly review
2030-03-18T09:00:00Z 2030-03-18T10:00:00Z Weekly call in 2030
2030-03-25T09:00:00Z 2030-03-25T10:00:00Z Weekly call in 2030
2030-04-01T08:00:00Z 2030-04-01T09:00:00Z Weekly call in 2030
EOF
same_events "finite: every occurrence at its local time"

# A finite series over the cap is cut, and the warning names the cap.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//recur//EN\r\nBEGIN:VEVENT\r\nUID:hourly@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART:20230101T100000Z\r\nRRULE:FREQ=HOURLY;COUNT=100005\r\nSUMMARY:Hourly\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/many.ics"
export ITIN_FILE="$T/many.store"
run import --dry-run "$T/many.ics"
expect_rc 0 "cap: a COUNT over the cap is read"
expect_err "'Hourly': 100000 occurrences, .* imported as separate events; stopped at the limit of 100000 occurrences" \
	"cap: cut at the cap, which the warning names"
expect_err "would import 100000 events" "cap: exactly the cap"

# A COUNT the iCalendar library cannot reach (it expands no rule past
# 2582): said, and the series is not called whole.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//recur//EN\r\nBEGIN:VEVENT\r\nUID:far@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;VALUE=DATE:25700101\r\nRRULE:FREQ=YEARLY;COUNT=20\r\nSUMMARY:Far\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/far.ics"
run import --dry-run "$T/far.ics"
expect_rc 0 "2582: a rule past the library's last year is read"
expect_err "far.ics:8: RRULE 'FREQ=YEARLY;COUNT=20' ends after 13 occurrences \(the iCalendar library expands rules up to the year 2582\)" \
	"2582: the rule cut short is said"
expect_err "recurring event 'Far': 13 occurrences, 2570-01-01 to 2582-01-01, imported" \
	"2582: not called whole"

# ---- RDATE periods ----
# Each occurrence of a PERIOD lasts as the period says (an end, or a
# duration), not as long as the first; a plain RDATE as long as the first.
export ITIN_FILE="$T/period.store"
run import "$DATA/period.ics"
expect_rc 0 "period: imported"
events "period"
cat >"$T/want" <<'EOF'
2023-03-01T09:00:00Z 2023-03-01T10:00:00Z Hearings
2023-03-08T13:00:00Z 2023-03-08T16:30:00Z Hearings
2023-03-15T08:00:00Z 2023-03-15T12:00:00Z Hearings
2023-03-22T09:00:00Z 2023-03-22T10:00:00Z Hearings
2023-03-29T08:00:00Z 2023-03-29T08:30:00Z Hearings
EOF
same_events "period: RDATE;VALUE=PERIOD ends and durations honoured"
# recurring-ical-events' issue 113: a PERIOD in Vancouver among a
# monthly COUNT series with an EXDATE, and a PERIOD with a duration.
export ITIN_FILE="$T/period113.store"
run import "$CORPUS/recurring-ical-events/issue_113_period_in_rdate.ics"
expect_rc 0 "issue 113: imported"
events "issue 113"
cat >"$T/want" <<'EOF'
2023-09-20T19:00:00Z 2023-09-20T21:00:00Z Test RDATE
2023-10-18T19:00:00Z 2023-10-18T21:00:00Z Test RDATE
2023-11-15T20:00:00Z 2023-11-15T22:00:00Z Test RDATE
2023-12-13T20:00:00Z 2023-12-13T23:00:00Z Test RDATE
2024-01-17T20:00:00Z 2024-01-17T22:00:00Z Test RDATE
2024-02-21T20:00:00Z 2024-02-21T22:00:00Z Test RDATE
2024-03-20T19:00:00Z 2024-03-20T21:00:00Z Test RDATE
2024-04-17T19:00:00Z 2024-04-17T21:00:00Z Test RDATE
2024-05-15T19:00:00Z 2024-05-15T21:00:00Z Test RDATE
EOF
same_events "issue 113: the period's three hours on 13 December, the EXDATE left out"
export ITIN_FILE="$T/period113b.store"
run import "$CORPUS/recurring-ical-events/issue_113_period_rdate_duration.ics"
events "issue 113, duration"
cat >"$T/want" <<'EOF'
2024-09-12T12:00:00Z 2024-09-12T13:00:00Z The RDATE is a period with a duration.
2024-09-13T12:00:00Z 2024-09-13T14:00:00Z The RDATE is a period with a duration.
EOF
same_events "issue 113: a PERIOD given as start/PT2H lasts two hours"

# ---- RANGE=THISANDFUTURE ----
# Weekly on Mondays at 10:00 in Berlin, five times; the second moved to
# 11:30-13:00 for it and every later one (kept at 11:30 local after the
# change to summer time on 26 March); the fourth moved on its own.
export ITIN_FILE="$T/future.store"
run import "$DATA/future.ics"
expect_rc 0 "THISANDFUTURE: imported"
events "THISANDFUTURE"
cat >"$T/want" <<'EOF'
2023-03-13T09:00:00Z 2023-03-13T10:00:00Z Jour fixe
2023-03-20T10:30:00Z 2023-03-20T12:00:00Z Jour fixe (longer, later)
2023-03-27T09:30:00Z 2023-03-27T11:00:00Z Jour fixe (longer, later)
2023-04-04T07:00:00Z 2023-04-04T07:30:00Z Jour fixe (moved once)
2023-04-10T09:30:00Z 2023-04-10T11:00:00Z Jour fixe (longer, later)
EOF
same_events "THISANDFUTURE: that occurrence and the later ones changed, on the local clock"
# recurring-ical-events' issue 75: two THISANDFUTURE overrides in UTC,
# one moving back three hours, one a day and 2h22 on; an RDATE after the
# first is moved with it; 194 occurrences to UNTIL=20250920.
export ITIN_FILE="$T/range75.store"
run import "$CORPUS/recurring-ical-events/issue_75_range_parameter.ics"
expect_rc 0 "issue 75: imported"
events "issue 75"
cat >"$T/want" <<'EOF'
2024-09-11T12:00:00Z 2024-09-11T14:00:00Z ORIGINAL EVENT
2024-09-13T09:00:00Z 2024-09-13T16:00:00Z MODIFIED EVENT
2024-09-14T06:00:00Z 2024-09-14T13:00:00Z MODIFIED EVENT
2024-09-15T17:00:00Z 2024-09-15T19:00:00Z MODIFIED EVENT
2024-09-17T09:00:00Z 2024-09-17T16:00:00Z MODIFIED EVENT
2024-09-19T09:00:00Z 2024-09-19T16:00:00Z MODIFIED EVENT
2024-09-22T14:22:00Z 2024-09-22T16:13:00Z EDITED EVENT
2024-09-24T14:22:00Z 2024-09-24T16:13:00Z EDITED EVENT
EOF
grep -E '^2024-09-(1[1-9]|2[0-4])' "$T/got" >"$T/got2" && mv "$T/got2" "$T/got"
same_events "issue 75: each range moves its occurrence and the later ones"
if [ "$("$VALIDATE" --dump-tsv --no-header "$T/x.ics" 2>/dev/null | wc -l)" -eq 194 ]; then
	ok "issue 75: the whole finite series (194 occurrences)"
else
	not_ok "issue 75: the whole finite series (194 occurrences)"
fi

# ---- overrides with a rule of their own, other RANGEs: named ----
# The series' own RRULE copied into an override (Google and Thunderbird
# do it) says nothing new, and is not named.
export ITIN_FILE="$T/override.store"
run import "$DATA/override-rule.ics"
expect_rc 0 "override with RRULE: imported"
expect_err "override-rule.ics:12:1: an override \(RECURRENCE-ID\) with a rule of its own \(RRULE or RDATE, not its series'\) is not supported: its rule is ignored" \
	"override with RRULE: the rule is refused by name"
if [ "$(grep -c 'rule of its own' "$T/err")" -eq 1 ]; then
	ok "override with RRULE: a copy of the series' own rule is not named"
else
	not_ok "override with RRULE: a copy of the series' own rule is not named"
	show_run
fi
expect_err "override-rule.ics:24:1: RECURRENCE-ID;RANGE=THISANDPRIOR is not supported" \
	"RANGE=THISANDPRIOR: refused by name"
events "override with RRULE"
cat >"$T/want" <<'EOF'
2023-03-06T08:30:00Z 2023-03-06T08:45:00Z Standup
2023-03-07T13:00:00Z 2023-03-07T13:15:00Z Standup (afternoon)
2023-03-08T08:45:00Z 2023-03-08T09:00:00Z Standup (copied rule)
2023-03-09T09:00:00Z 2023-03-09T09:15:00Z Standup (later)
EOF
same_events "override with RRULE: each override changes the occurrence it names"

# ---- review findings on the recurrence work ----
# A date EXDATE names a day on the DTSTART's clock. The Standup series in
# a zone known only from the file's VTIMEZONE (filed under UTC): Thursday
# 12 and Tuesday 17 March in Sydney are 11 and 16 March in UTC. A UTC
# DTSTART placed in Tokyo: 2024-03-11 is the day of 03-11T23:00Z in UTC,
# 12 March in Tokyo. (python-dateutil's rrule, in Australia/Sydney and UTC.)
export ITIN_FILE="$T/exday.store"
run import "$DATA/exdate-day.ics"
expect_rc 0 "date EXDATE: imported"
events "date EXDATE"
cat >"$T/want" <<'EOF'
2009-03-09T22:30:00Z 2009-03-09T22:45:00Z Standup
2009-03-10T22:30:00Z 2009-03-10T22:45:00Z Standup
2009-03-12T22:30:00Z 2009-03-12T22:45:00Z Standup
2009-03-15T22:30:00Z 2009-03-15T22:45:00Z Standup
2009-03-17T22:30:00Z 2009-03-17T22:45:00Z Standup
2009-03-18T22:30:00Z 2009-03-18T22:45:00Z Standup
2009-03-19T22:30:00Z 2009-03-19T22:45:00Z Standup
2009-03-22T22:30:00Z 2009-03-22T22:45:00Z Standup
2024-03-04T23:00:00Z 2024-03-04T23:30:00Z Tokyo call
2024-03-18T23:00:00Z 2024-03-18T23:30:00Z Tokyo call
2024-03-25T23:00:00Z 2024-03-25T23:30:00Z Tokyo call
EOF
same_events "date EXDATE: the day on the DTSTART's clock is left out, not the one on the event's"

# An occurrence whose end falls in the hour Berlin repeats (27 October
# 2024): 02:30 CEST plus the series' 30 minutes is 02:00 CET, kept on the
# +01:00 clock; the file is not refused.
export ITIN_FILE="$T/fold.store"
run import "$DATA/fold.ics"
expect_rc 0 "fold: imported, not refused"
expect_err "ends in the hour that repeats when Europe/Berlin leaves DST; its end is kept on the clock of Etc/GMT-1" \
	"fold: the end on a fixed offset is said"
run list --in UTC
cat >"$T/want" <<'EOF'
Sat 26 Oct 2024
  00:30-01:00  UTC +00:00  other  Night shift handover
Sun 27 Oct 2024
  00:30-01:00  UTC +00:00  other  Night shift handover
Mon 28 Oct 2024
  01:30-02:00  UTC +00:00  other  Night shift handover
EOF
sed 's/^  [0-9a-f]*  /  /' "$T/out" >"$T/got"
same_events "fold: every occurrence lasts the series' exact 30 minutes"
itin export -o "$T/x.ics" 2>/dev/null
validate "$T/x.ics" "fold"

# Two overrides of one occurrence, one by its Berlin time, one in UTC:
# the higher SEQUENCE wins, as for the same text, with a warning.
export ITIN_FILE="$T/dupov.store"
run import "$DATA/dup-override.ics"
expect_rc 0 "overrides in two forms: imported"
expect_err "dup-override.ics:21:1: UID 'dup-ov@example.org' overrides the occurrence 20240311T090000Z again \(first at line 12\); keeping the one with the higher SEQUENCE" \
	"overrides in two forms: said, the higher SEQUENCE kept"
events "overrides in two forms"
cat >"$T/want" <<'EOF'
2024-03-04T09:00:00Z 2024-03-04T10:00:00Z Board
2024-03-11T11:00:00Z 2024-03-11T12:00:00Z Board (moved, first version)
2024-03-18T09:00:00Z 2024-03-18T10:00:00Z Board
EOF
same_events "overrides in two forms: one occurrence, as the higher SEQUENCE has it"

# The same two overrides without their series: one event, not "duplicate id".
awk 'BEGIN { skip = 0 } /^BEGIN:VEVENT/ { n++ } n == 1 && /^BEGIN:VEVENT/ { skip = 1 }
	{ if (!skip) print } skip && /^END:VEVENT/ { skip = 0 }' \
	"$DATA/dup-override.ics" >"$T/ovonly.ics"
export ITIN_FILE="$T/ovonly.store"
run import "$T/ovonly.ics"
expect_rc 0 "overrides in two forms, no series: imported"
expect_err "overrides the occurrence 20240311T090000Z again \(first at line 4\); keeping the one with the higher SEQUENCE" \
	"overrides in two forms, no series: said"
expect_err "imported 1 event " "overrides in two forms, no series: one event"
run list --format tsv
expect_out_match "Board \(moved, first version\)" "overrides in two forms, no series: the higher SEQUENCE"

# A rule that matches no date (30 February): one warning that says so,
# the event imported once, bounded or not (ITIN_NOW is 2023: the second
# starts in 2020, outside the window, and is still imported once).
export ITIN_FILE="$T/nodate.store"
run import "$DATA/nodate.ics"
expect_rc 0 "no date: imported"
expect_err "nodate.ics:10: RRULE 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5' matches no date .*; the event is imported once, at its DTSTART" \
	"no date: the rule's emptiness said"
if grep -q '2582\|no occurrence in the window\|recurring event' "$T/err" ||
	[ "$(grep -c 'warning' "$T/err")" -ne 2 ]; then
	not_ok "no date: nothing else said"
	show_run
else
	ok "no date: nothing else said"
fi
expect_err "imported 2 events" "no date: each event once"
# The same rules as MONTHLY ones (31 February): libical walks them to the
# year 2582 instead of refusing them; they used to "end after 0
# occurrences", and the unbounded one made nothing at all.
export ITIN_FILE="$T/nodate-m.store"
run import "$DATA/nodate-monthly.ics"
expect_rc 0 "no date, MONTHLY: imported"
expect_err "nodate-monthly.ics:10: RRULE 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31;COUNT=5' matches no date .*; the event is imported once, at its DTSTART" \
	"no date, MONTHLY: the rule's emptiness said"
expect_err "nodate-monthly.ics:18: RRULE 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31' matches no date" \
	"no date, MONTHLY without an end: the same words"
if grep -q '2582\|no occurrence in the window\|recurring event' "$T/err" ||
	[ "$(grep -c 'warning' "$T/err")" -ne 2 ]; then
	not_ok "no date, MONTHLY: nothing else said"
	show_run
else
	ok "no date, MONTHLY: nothing else said"
fi
expect_err "imported 2 events" "no date, MONTHLY: each event once"

# COUNT counts DTSTART even when the rule does not match it (RFC 5545
# 3.3.10): 15 January and four month-ends with a 31st, five in all
# (python-dateutil gives the rule's four after 15 January).
export ITIN_FILE="$T/count.store"
run import "$DATA/count.ics"
expect_err "recurring event 'Month-end review': all 5 occurrences, 2024-01-15 to 2024-07-31" \
	"COUNT: DTSTART is the first of five"
events "COUNT"
cat >"$T/want" <<'EOF'
2024-01-15T09:00:00Z 2024-01-15T10:00:00Z Month-end review
2024-01-31T09:00:00Z 2024-01-31T10:00:00Z Month-end review
2024-03-31T08:00:00Z 2024-03-31T09:00:00Z Month-end review
2024-05-31T08:00:00Z 2024-05-31T09:00:00Z Month-end review
2024-07-31T08:00:00Z 2024-07-31T09:00:00Z Month-end review
EOF
same_events "COUNT: five occurrences, not six"

# RDATE periods that run past 9999: only their ends are dropped, said as
# too long; the series is imported.
export ITIN_FILE="$T/long.store"
run import "$DATA/period-long.ics"
expect_rc 0 "period past 9999: the series imported"
expect_err "RDATE period 'P9999999W' is too long \(it ends past 9999\); the occurrence keeps the series' length" \
	"period past 9999: a duration of weeks, too long"
expect_err "RDATE period 'P3652059D' is too long \(it ends past 9999\)" \
	"period past 9999: a duration of days, too long"
events "period past 9999"
cat >"$T/want" <<'EOF'
2024-01-01T09:00:00Z 2024-01-01T10:00:00Z Hearings
2024-01-05T10:00:00Z 2024-01-05T11:00:00Z Hearings
2024-01-06T10:00:00Z 2024-01-06T11:00:00Z Hearings
2024-01-07T10:00:00Z 2024-01-07T12:00:00Z Hearings
EOF
same_events "period past 9999: those keep the series' hour, the others their own"

# A rule by the second for 29 February: libical walks every candidate
# time up to each match (four years of them); the walk is bounded and the
# cut named, in well under the time main took before (7.5 s).
export ITIN_FILE="$T/sparse.store"
if timeout 20 $VG "$ITIN" import "$DATA/sparse.ics" >"$T/out" 2>"$T/err"; then
	ok "sparse SECONDLY: done within 20 s"
else
	not_ok "sparse SECONDLY: done within 20 s"
	show_run
fi
expect_err "RRULE 'FREQ=SECONDLY;.*' repeats more than once a day: expanded only to 2024-03-1[0-9], 1000000 candidate times from its start \(the limit\); later occurrences are not imported" \
	"sparse SECONDLY: the cut named"
expect_err "recurring event 'Leap-day check': 1 occurrence" "sparse SECONDLY: not called whole"

# ---- item 17: the warnings itin.1 promises, once per file ----
# LF line ends, lines of 80 and 89 octets, two VEVENTs without UID and
# DTSTAMP: each said once, at its first line, with how many.
{
	printf 'BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//itin tests//recur//EN\n'
	printf 'BEGIN:VEVENT\nDTSTART:20230301T100000Z\nSUMMARY:No UID, no DTSTAMP\nEND:VEVENT\n'
	printf 'BEGIN:VEVENT\nUID:u2@example.org\nDTSTART:20230302T100000Z\nSUMMARY:No DTSTAMP\nEND:VEVENT\n'
	printf 'BEGIN:VEVENT\nDTSTAMP:20230101T000000Z\nDTSTART:20230303T100000Z\n'
	printf 'SUMMARY:No UID and a title long enough to make this line eighty octets long ....\n'
	printf 'DESCRIPTION:also a long line: ...........................................................\nEND:VEVENT\n'
	printf 'END:VCALENDAR\n'
} >"$T/lapses.ics"
export ITIN_FILE="$T/lapses.store"
run import "$T/lapses.ics"
expect_rc 0 "lapses: read anyway"
expect_err "lapses.ics:1: line ends in LF, not CRLF as RFC 5545 wants \(19 such lines, the first here\); read anyway$" \
	"lapses: LF line ends, one warning naming the first line"
expect_err "lapses.ics:16: line of 80 octets not folded at 75 as RFC 5545 wants \(2 such lines, the first here\)" \
	"lapses: unfolded lines, one warning naming the first"
expect_err "lapses.ics:4: VEVENT without UID \(2 in this file, the first here\)" \
	"lapses: missing UID, one warning naming the first"
expect_err "lapses.ics:4: VEVENT without DTSTAMP, which RFC 5545 requires \(2 in this file, the first here\)" \
	"lapses: missing DTSTAMP, one warning naming the first"
if [ "$(grep -c 'warning' "$T/err")" -eq 4 ]; then
	ok "lapses: one warning per kind, not one per line"
else
	not_ok "lapses: one warning per kind, not one per line"
	show_run
fi
expect_err "imported 3 events" "lapses: every event imported"
# A clean file (CRLF, folded, UID and DTSTAMP) gets none of them.
export ITIN_FILE="$T/clean.store"
run import "$DATA/period.ics"
if grep -q 'LF\|folded\|without UID\|without DTSTAMP' "$T/err"; then
	not_ok "lapses: none for a clean file"
	show_run
else
	ok "lapses: none for a clean file"
fi

# ---- item 17: DURATION for an all-day event that ends on 9999-12-31 ----
# Its DTEND would be 10000-01-01, which a DATE cannot hold: DURATION gives
# the days, and reads back however long (a thousand years here).
# (ics-validate cannot check these: its Python dates end at 9999-12-31.)
export ITIN_FILE="$T/last.store"
itin add other "Last millennium" --start 9000-01-01 --end 9999-12-31 >/dev/null
itin add other "Last day" --start 9999-12-31 >/dev/null
itin add other "An ordinary day" --start 2023-03-01 >/dev/null
run export -o "$T/last.ics"
expect_rc 0 "9999: exported"
CR=$(printf '\r')
grep -A1 '^DTSTART;VALUE=DATE:90000101' "$T/last.ics" | grep -q "^DURATION:P365242D$CR\$" &&
	ok "9999: a thousand years to 9999-12-31 end by DURATION" ||
	not_ok "9999: a thousand years to 9999-12-31 end by DURATION"
grep -A1 '^DTSTART;VALUE=DATE:20230301' "$T/last.ics" | grep -q "^DTEND;VALUE=DATE:20230302$CR\$" &&
	ok "9999: any other all-day event ends by DTEND" ||
	not_ok "9999: any other all-day event ends by DTEND"
export ITIN_FILE="$T/last2.store"
run import "$T/last.ics"
expect_rc 0 "9999: read back"
run list --format tsv
expect_out_match "	9000-01-01	9999-12-31	.*Last millennium" "9999: the thousand years read back whole"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	/usr/bin/python3 - "$T/last.ics" >"$T/py" 2>&1 <<'PYEOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
for e in cal.walk("VEVENT"):
    end = e.get("DTEND")
    print(e["DTSTART"].dt, end.dt if end else e["DURATION"].dt.days, e["SUMMARY"])
PYEOF
	if grep -q '^9000-01-01 365242 Last millennium$' "$T/py" &&
		grep -q '^9999-12-31 1 Last day$' "$T/py"; then
		ok "9999: python-icalendar reads the same days"
	else
		not_ok "9999: python-icalendar reads the same days"
		sed 's/^/#   /' "$T/py" | head -5
	fi
else
	ok "9999: python-icalendar # skip: not installed"
fi

finish
