#!/bin/sh
# t-budget.sh: the budgets of recurring events (issue 12, items 1 and 2).
# A rule libical searches by brute force (a SECONDLY rule for 29 February
# on a Monday) and a file of many series that each make 100000 events end
# in a clear error (65, nothing imported) within seconds and a bounded
# amount of memory; a big legitimate series still imports whole. Every run
# is bounded with timeout(1) and ulimit -v, so a regression fails fast.
. "$(dirname "$0")/lib.sh"

if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	echo "ok 1 # skip: budgets of millions of steps are for the native build"
	finish
fi
# AddressSanitizer needs far more address space than it uses.
if asan_build; then
	LIMIT_KB=unlimited
else
	LIMIT_KB=1048576
fi

# bounded SECONDS DESC ARGS...: itin ARGS within SECONDS and LIMIT_KB.
bounded() {
	_s=$1
	_d=$2
	shift 2
	run_bounded "$_s" "$LIMIT_KB" "$@"
	if [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ]; then
		not_ok "$_d: done within $_s s"
	elif [ "$rc" -gt 128 ]; then
		not_ok "$_d: died with signal $((rc - 128))"
		show_run
	else
		ok "$_d: done within $_s s"
	fi
}

# calendar FILE COUNT DTSTART RRULE: COUNT VEVENTs with that rule, each
# with a UID of its own.
calendar() {
	_i=0
	{
		printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//budget//EN\r\n'
		while [ "$_i" -lt "$2" ]; do
			_i=$((_i + 1))
			printf 'BEGIN:VEVENT\r\nUID:s%d@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART:%s\r\nSUMMARY:Series %d\r\nRRULE:%s\r\nEND:VEVENT\r\n' \
				"$_i" "$3" "$_i" "$4"
		done
		printf 'END:VCALENDAR\r\n'
	} >"$1"
}

# The store is never touched by a refused file: it stays this.
printf '2023-01-02 09:00-10:00  meeting  Kept\n    id: kept1\n' >"$ITIN_FILE"
cp "$ITIN_FILE" "$T/store.orig"

# ---- item 1: a search inside one step of libical's iterator ----
# Each of these rules makes libical try a million candidate times (every
# second, or every minute, from its start) for no occurrence. One is cut
# with a warning; forty used to take forty times as long (over a minute).
# The file's budget (1000000 candidate times by default) refuses them.
calendar "$T/leap-s.ics" 40 20230101T000000Z \
	"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"
bounded 30 "40 SECONDLY rules for 29 February on a Monday" import "$T/leap-s.ics"
expect_rc 65 "40 SECONDLY rules: refused (65)"
expect_err "^itin: $T/leap-s.ics:[0-9]+: RRULE 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO' takes this file past 1000000 candidate times.*--max-occurrences raises it\)$" \
	"40 SECONDLY rules: the message names the rule, its line, the limit and the option"
same_file "$T/store.orig" "$ITIN_FILE" "40 SECONDLY rules: the store untouched"

calendar "$T/leap-m.ics" 40 20230101T000000Z \
	"FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=3"
bounded 30 "40 MINUTELY rules for 3 a.m. on 29 February on a Monday" \
	import "$T/leap-m.ics"
expect_rc 65 "40 MINUTELY rules: refused (65)"
expect_err "RRULE 'FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=3' takes this file past 1000000 candidate times" \
	"40 MINUTELY rules: the message names the rule and the limit"
same_file "$T/store.orig" "$ITIN_FILE" "40 MINUTELY rules: the store untouched"

# The budget follows --max-occurrences (10 candidate times for each
# occurrence allowed): one such rule is then refused at once.
calendar "$T/leap-1.ics" 1 20230101T000000Z \
	"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3"
bounded 10 "one SECONDLY rule, --max-occurrences 100" \
	import --max-occurrences 100 "$T/leap-1.ics"
expect_rc 65 "one SECONDLY rule, --max-occurrences 100: refused (65)"
expect_err "takes this file past 1000 candidate times, the dates and times its rules try \(the limit for a file: 10 for each of the 100 occurrences allowed; --max-occurrences raises it\)" \
	"one SECONDLY rule, --max-occurrences 100: the budget is 1000"

# A rule of weeks or longer is charged a candidate a step: a weekly rule
# without an end from the year 1000 walks 53000 weeks to the window.
calendar "$T/weekly.ics" 1 10000101T090000Z "FREQ=WEEKLY"
bounded 10 "WEEKLY from the year 1000, --max-occurrences 1000" \
	import --max-occurrences 1000 "$T/weekly.ics"
expect_rc 65 "WEEKLY from the year 1000, --max-occurrences 1000: refused"
expect_err "RRULE 'FREQ=WEEKLY' takes this file past 10000 candidate times" \
	"WEEKLY from the year 1000: the walk of a rule of weeks is budgeted too"
bounded 10 "WEEKLY from the year 1000, by default" import "$T/weekly.ics"
expect_rc 0 "WEEKLY from the year 1000, by default: imported"
expect_err "the 104 occurrences in the window" \
	"WEEKLY from the year 1000, by default: the window's occurrences"
cp "$T/store.orig" "$ITIN_FILE"

# ---- item 2: memory that grows with occurrences ----
# Ten MINUTELY series without an end in under 1 KB made a million events
# (410 MB); the file is refused, counted before any event is made.
calendar "$T/ten.ics" 10 20230101T000000Z "FREQ=MINUTELY"
bounded 30 "ten MINUTELY series" import "$T/ten.ics"
expect_rc 65 "ten MINUTELY series: refused (65)"
expect_err "^itin: $T/ten.ics:[0-9]+: recurring event 'Series 2' takes this file past 100000 occurrences \(the limit for a file; --max-occurrences raises it\)$" \
	"ten MINUTELY series: the message names the event, the limit and the option"
same_file "$T/store.orig" "$ITIN_FILE" "ten MINUTELY series: the store untouched"

# A hundred of them ran out of memory (1.94 GB); --skip-invalid does not
# turn the file's budget into one refused VEVENT.
calendar "$T/hundred.ics" 100 20230101T000000Z "FREQ=MINUTELY"
bounded 30 "a hundred MINUTELY series" import --skip-invalid "$T/hundred.ics"
expect_rc 65 "a hundred MINUTELY series, --skip-invalid: refused (65)"
expect_err "takes this file past 100000 occurrences" \
	"a hundred MINUTELY series: the limit named"
same_file "$T/store.orig" "$ITIN_FILE" "a hundred MINUTELY series: the store untouched"

# The limit is the option's: 3 x 1000 occurrences need 3000.
calendar "$T/three.ics" 3 20230101T090000Z "FREQ=MINUTELY;COUNT=1000"
bounded 30 "3 x 1000, --max-occurrences 2999" \
	import --max-occurrences 2999 "$T/three.ics"
expect_rc 65 "3 x 1000, --max-occurrences 2999: refused"
expect_err "recurring event 'Series 3' takes this file past 2999 occurrences" \
	"3 x 1000, --max-occurrences 2999: the third series named"
same_file "$T/store.orig" "$ITIN_FILE" "3 x 1000, --max-occurrences 2999: the store untouched"
bounded 30 "3 x 1000, --max-occurrences 3000" \
	import --max-occurrences 3000 "$T/three.ics"
expect_rc 0 "3 x 1000, --max-occurrences 3000: imported"
expect_err "imported 3000 events \(3000 added" "3 x 1000, --max-occurrences 3000: all 3000"
cp "$T/store.orig" "$ITIN_FILE"

run import --max-occurrences 0 "$T/three.ics"
expect_rc 64 "--max-occurrences 0: a usage error"
expect_err "invalid --max-occurrences '0' \(expected a whole number from 1 to 100000000\)" \
	"--max-occurrences 0: the range named"
run import --max-occurrences 12x "$T/three.ics"
expect_rc 64 "--max-occurrences 12x: a usage error"

# ---- what a real calendar sends still imports whole ----
# Ten years of a daily meeting, a year of an hourly reading, a weekday
# stand-up without an end since 2010 (cut to the window, as always):
# 12936 events, far within both budgets.
{
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//budget//EN\r\n'
	printf 'BEGIN:VEVENT\r\nUID:daily@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;TZID=Europe/Brussels:20150105T083000\r\nDTEND;TZID=Europe/Brussels:20150105T090000\r\nSUMMARY:Morning briefing\r\nRRULE:FREQ=DAILY;UNTIL=20250104T235959Z\r\nEND:VEVENT\r\n'
	printf 'BEGIN:VEVENT\r\nUID:hourly@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART:20230101T000000Z\r\nSUMMARY:Reading\r\nRRULE:FREQ=HOURLY;COUNT=8760\r\nEND:VEVENT\r\n'
	printf 'BEGIN:VEVENT\r\nUID:standup@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;TZID=America/New_York:20100104T093000\r\nDTEND;TZID=America/New_York:20100104T094500\r\nSUMMARY:Stand-up\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT\r\n'
	printf 'END:VCALENDAR\r\n'
} >"$T/real.ics"
bounded 60 "a real calendar's big series" import "$T/real.ics"
expect_rc 0 "a real calendar's big series: imported"
expect_err "recurring event 'Morning briefing': all 3653 occurrences" \
	"ten years of a daily meeting: every occurrence"
expect_err "recurring event 'Reading': all 8760 occurrences" \
	"a year of an hourly reading: every occurrence"
expect_err "recurring event 'Stand-up' has no end: the 523 occurrences in the window" \
	"the stand-up: the window's occurrences"
expect_err "imported 12936 events" "a real calendar's big series: every event"
if grep -Eq "limit|not imported" "$T/err"; then
	not_ok "a real calendar's big series: no limit named"
	show_run
else
	ok "a real calendar's big series: no limit named"
fi
cp "$T/store.orig" "$ITIN_FILE"

# One series may make 100000 events, as many as a file: it imports whole.
calendar "$T/big.ics" 1 20000101T090000Z "FREQ=DAILY;COUNT=100000"
bounded 60 "a series of 100000" import "$T/big.ics"
expect_rc 0 "a series of 100000: imported"
expect_err "recurring event 'Series 1': all 100000 occurrences" \
	"a series of 100000: every occurrence"
cp "$T/store.orig" "$ITIN_FILE"

# A series without an end is walked from near the window, on a step of
# its rule from DTSTART: every 13 hours on Sundays, from 27 July 2001 at
# 20:00, is at 12:00 on 7 January 2024 (the walk used to start off the
# rule's steps: 09:00 and 22:00), and a daily rule from the year 1000
# costs a few days of walk, not 370000.
calendar "$T/phase.ics" 1 20010727T200000Z "FREQ=HOURLY;INTERVAL=13;BYDAY=SU"
run import --from 2024-01-01 --to 2024-01-14 "$T/phase.ics"
expect_rc 0 "HOURLY;INTERVAL=13 in a window: imported"
run list --format tsv --from 2024-01-01 --to 2024-01-14
cut -f3,4 "$T/out" | grep '^2024' >"$T/got"
printf '2024-01-07T12:00\t\n2024-01-14T00:00\t\n2024-01-14T13:00\t\n' >"$T/want"
if cmp -s "$T/want" "$T/got"; then
	ok "HOURLY;INTERVAL=13 in a window: on its steps from DTSTART"
else
	not_ok "HOURLY;INTERVAL=13 in a window: on its steps from DTSTART"
	diff "$T/want" "$T/got" | sed 's/^/#   /'
fi
cp "$T/store.orig" "$ITIN_FILE"
calendar "$T/old.ics" 10 10000101T090000Z "FREQ=DAILY;INTERVAL=3"
bounded 30 "ten DAILY series from the year 1000" import "$T/old.ics"
expect_rc 0 "ten DAILY series from the year 1000: imported (each walk starts near the window)"
expect_err "imported 2440 events" "ten DAILY series from the year 1000: the window's events"
cp "$T/store.orig" "$ITIN_FILE"

# ---- a VTIMEZONE's observances (libical expands them, to 2035) ----
# zoned FILE TZID OBSERVANCE-LINES: one event at 10:00 on a zone whose
# one STANDARD observance has those lines (\r\n-separated) after its
# DTSTART (1601, as Outlook writes).
zoned() {
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//budget//EN\r\nBEGIN:VTIMEZONE\r\nTZID:%s\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n%s\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:z@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;TZID=%s:20230101T100000\r\nDURATION:PT1H\r\nSUMMARY:Zoned\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
		"$1" "$2" "$1" >"$3"
}
# An HOURLY observance from 1601 ran over a minute in a 325-byte file
# (MINUTELY 16 s, ten DAILY ones 28 s), the same under a TZID of the tz
# database: a rule of a zone repeats at most yearly, refused by its line.
for f in HOURLY MINUTELY DAILY MONTHLY; do
	zoned H "RRULE:FREQ=$f" "$T/obs-$f.ics"
	bounded 10 "an observance of FREQ=$f" import "$T/obs-$f.ics"
	expect_rc 65 "an observance of FREQ=$f: refused (65)"
	expect_err "^itin: $T/obs-$f.ics:10:1: VTIMEZONE 'H': RRULE 'FREQ=$f' changes the clock more often than yearly \(a time zone rule is FREQ=YEARLY\)$" \
		"an observance of FREQ=$f: the message names the zone, the rule and its line"
	same_file "$T/store.orig" "$ITIN_FILE" "an observance of FREQ=$f: the store untouched"
done
zoned Europe/Paris "RRULE:FREQ=HOURLY" "$T/obs-paris.ics"
bounded 10 "an HOURLY observance for Europe/Paris" import "$T/obs-paris.ics"
expect_rc 65 "an HOURLY observance for Europe/Paris: refused (65)"
expect_err "VTIMEZONE 'Europe/Paris': RRULE 'FREQ=HOURLY'" \
	"an HOURLY observance for Europe/Paris: the file's zone is checked too"
# A yearly rule that falls on every day of the year makes 365 changes a
# year: 159000 from 1601 to 2035, past the 10000 a zone may have.
zoned H "RRULE:FREQ=YEARLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31" \
	"$T/obs-days.ics"
bounded 10 "a YEARLY observance on every day" import "$T/obs-days.ics"
expect_rc 65 "a YEARLY observance on every day: refused (65)"
expect_err "^itin: $T/obs-days.ics:10:1: VTIMEZONE 'H' has more than 10000 changes of time \(the most itin reads in one zone\)$" \
	"a YEARLY observance on every day: the limit named"
# Two million RDATEs took 9.4 s and 670 MB; 10001 are refused at the
# line that passes the limit.
awk 'BEGIN { printf "RDATE:"; for (i = 0; i < 9999; i++) printf "%s%d0101T020000", i ? "," : "", 1000 + i % 900; printf "\r\nRDATE:20300101T020000" }' \
	>"$T/rdates"
zoned H "$(cat "$T/rdates")" "$T/obs-rdates.ics"
bounded 10 "10001 RDATEs in a zone" import "$T/obs-rdates.ics"
expect_rc 65 "10001 RDATEs in a zone: refused (65)"
expect_err "^itin: $T/obs-rdates.ics:11:1: VTIMEZONE 'H' has more than 10000 changes of time" \
	"10001 RDATEs in a zone: refused at the RDATE that passes the limit"
same_file "$T/store.orig" "$ITIN_FILE" "10001 RDATEs in a zone: the store untouched"
# A real zone (the yearly rules Outlook writes, from 1601) still reads.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin tests//budget//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Romance Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:r@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;TZID=Romance Standard Time:20230704T100000\r\nDURATION:PT1H\r\nSUMMARY:Real zone\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
	>"$T/obs-real.ics"
bounded 10 "an Outlook zone from 1601" import "$T/obs-real.ics"
expect_rc 0 "an Outlook zone from 1601: imported"
cp "$T/store.orig" "$ITIN_FILE"

# A rule that no month can match: libical refuses "BYDAY=TH;BYSETPOS=6"
# (no month has six Thursdays) only after searching every month to its
# last year, a second each; itin sees it at once, with the same warning.
calendar "$T/setpos.ics" 40 20230101T100000Z "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=6;COUNT=3"
bounded 30 "40 rules of a sixth Thursday" import "$T/setpos.ics"
expect_rc 0 "40 rules of a sixth Thursday: imported"
expect_err "RRULE 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=6;COUNT=3' matches no date" \
	"40 rules of a sixth Thursday: each matches no date"
expect_err "imported 40 events" "40 rules of a sixth Thursday: each once, at its DTSTART"
cp "$T/store.orig" "$ITIN_FILE"
# One that libical walks month by month to its last year before it finds
# nothing (30 February): the months without a date are charged to the
# file's budget, so a file of them is refused rather than walked for
# minutes.
calendar "$T/feb30.ics" 40 20230101T100000Z "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3"
bounded 60 "40 rules of 30 February" import "$T/feb30.ics"
expect_rc 65 "40 rules of 30 February: refused (65)"
expect_err "RRULE 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3' takes this file past 1000000 candidate times" \
	"40 rules of 30 February: past the file's budget"
same_file "$T/store.orig" "$ITIN_FILE" "40 rules of 30 February: the store untouched"
calendar "$T/feb30-few.ics" 3 20230101T100000Z "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3"
bounded 60 "3 rules of 30 February" import "$T/feb30-few.ics"
expect_rc 0 "3 rules of 30 February: within the budget, imported"
cp "$T/store.orig" "$ITIN_FILE"

# A series cut at the limit counts what it says: libical's calendar is
# Julian before 1752 and gave 29 February 100 and 200, which became a
# second 1 March each; the cut said "99998 occurrences ... stopped at the
# limit of 100000".
calendar "$T/year1.ics" 1 00010101T000000Z "FREQ=DAILY;COUNT=1000000000"
bounded 30 "DAILY from the year 1" import "$T/year1.ics"
expect_rc 0 "DAILY from the year 1: imported"
expect_err "recurring event 'Series 1': 100000 occurrences, 0001-01-01 to 0274-10-16, .*stopped at the limit of 100000 occurrences" \
	"DAILY from the year 1: the count and the limit agree"
expect_err "imported 100000 events" "DAILY from the year 1: 100000 events"
cp "$T/store.orig" "$ITIN_FILE"

finish
