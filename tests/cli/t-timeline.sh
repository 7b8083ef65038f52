#!/bin/sh
# t-timeline.sh: itin timeline against golden files: the axis chosen from
# the range, rows per event or group, widths in display columns, no escape
# sequences when piped.
. "$(dirname "$0")/lib.sh"

golden() {
	if [ "${ITIN_REGEN:-0}" = 1 ]; then
		cp "$T/out" "$TESTDIR/golden/$1"
	fi
	expect_out "$TESTDIR/golden/$1" "$2"
}

# fits N DESC: no line of stdout is wider than N display columns
# (wide East Asian characters count two, combining marks none).
fits() {
	if python3 -c '
import sys, unicodedata
n = int(sys.argv[2])
for line in open(sys.argv[1], encoding="utf-8"):
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else
            0 if unicodedata.combining(c) else 1 for c in line.rstrip("\n"))
    if w > n:
        sys.exit(1)
' "$T/out" "$1"; then
		ok "$2"
	else
		not_ok "$2"
		show_run
	fi
}

SAMPLE="$ROOT/samples/nato-2023.itin"

run -f "$SAMPLE" timeline --from 2023-01-27 --to 2023-02-01 --width 100
expect_rc 0 "timeline: the Asia tour"
golden timeline-tour "timeline: days on the axis, one row per event"
fits 100 "timeline: fits --width 100"

# The axis is the range asked for, not what the zoom's columns reach.
run -f "$SAMPLE" timeline --from 2023-01-28 --to 2023-02-02 --width 100
if sed -n 2p "$T/out" | grep -Eq 'Sat 28 .*Thu 2$'; then
	ok "timeline: the axis ends on the --to day"
else
	not_ok "timeline: the axis ends on the --to day"
	sed 's/^/#   | /' "$T/out"
fi
# A $TZ that does not load is said, once.
tz_saved=$TZ
TZ=Nowhere/Foo
run -f "$SAMPLE" timeline --from 2023-01-28 --to 2023-01-29
TZ=$tz_saved
expect_rc 0 "timeline: an unknown \$TZ still draws"
if [ "$(grep -c "unknown time zone 'Nowhere/Foo' in \$TZ" "$T/err")" = 1 ]; then
	ok "timeline: an unknown \$TZ is warned about once"
else
	not_ok "timeline: an unknown \$TZ is warned about once"
	sed 's/^/#   | /' "$T/err"
fi

run -f "$SAMPLE" timeline
golden timeline-year "timeline: the whole sample in 80 columns, by months"
fits 80 "timeline: 80 columns when not a terminal"

run -f "$SAMPLE" timeline --from 2023-01-30 --to 2023-01-30 --width 120
golden timeline-day "timeline: one day, by hours"

run -f "$SAMPLE" timeline --to 2023-02-02 --by city --width 110
golden timeline-by-city "timeline --by city: lanes, titles after bars"
run -f "$SAMPLE" timeline --by type --width 90
golden timeline-by-type "timeline --by type"
run -f "$SAMPLE" timeline --by country --from 2023-01-27 --to 2023-02-01 --width 90
golden timeline-by-country "timeline --by country: names of countries"
run -f "$SAMPLE" timeline --by person --from 2023-01-29 --to 2023-02-01 --width 90
golden timeline-by-person "timeline --by person"

run -f "$SAMPLE" timeline --from 2023-01-30 --to 2023-01-30 --type meeting --in Brussels --width 100
golden timeline-in "timeline --in: Seoul meetings on Brussels' clock"

# One clock for the axis, so a flight is as long as it lasts: Tokyo 14:00
# to Brussels 18:30 is 12.5 hours, 25 half-hour columns, whatever zone
# the axis is in (each on its own clock it was 4.5 hours).
bars() { # N DESC: the flight's row has N bar cells
	_n=$(grep '^Flight to Brussels' "$T/out" | grep -o '█' | wc -l)
	if [ "$_n" -eq "$1" ]; then ok "$2"; else
		not_ok "$2 (got $_n bar cells)"
		show_run
	fi
}
run -f "$SAMPLE" timeline --from 2023-02-01 --to 2023-02-01 --type travel --in Europe/Brussels --width 100
expect_out_match '^Times in Europe/Brussels ' "timeline --in: the header names the axis's zone"
bars 25 "timeline --in: a flight across zones is drawn as long as it lasts"
TZ=Asia/Tokyo run -f "$SAMPLE" timeline --from 2023-02-01 --to 2023-02-02 --type travel --width 100
expect_out_match '^Times in Asia/Tokyo ' "timeline: without --in, the axis is on the user's zone (\$TZ)"
bars 13 "timeline: the flight is as long on the user's clock (hour columns)"
# Eastward over the date line the local end comes before the start: 21:00
# in Tokyo to 09:30 the same day in Honolulu is 7.5 hours, not a point.
cp "$SAMPLE" "$T/dateline.itin"
run -f "$T/dateline.itin" add travel "Flight to Honolulu" --start "2023-03-01 21:00" \
	--end "2023-03-01 09:30" --tz Asia/Tokyo --end-tz Pacific/Honolulu
run -f "$T/dateline.itin" timeline --from 2023-03-01 --to 2023-03-01 --type travel --width 100
_n=$(grep '^Flight to Honolulu' "$T/out" | grep -o '█' | wc -l)
if [ "$_n" -eq 15 ]; then
	ok "timeline: a flight that lands 'before' it leaves is a bar, not a point"
else
	not_ok "timeline: a flight that lands 'before' it leaves is a bar, not a point (got $_n bar cells)"
	show_run
fi

run -f "$SAMPLE" timeline --width 300 --from 2023-07-11 --to 2023-07-12
fits 300 "timeline: wide"

# Across a change of summer time the axis is linear in real time, its
# labels the zone's clock (issue 11, item 12): a 22:00-06:00 night is 7
# hours in spring and 9 in autumn (both were drawn 8), an hour the clock
# skips has no label, one it repeats has two.
DST="$TESTDIR/data/dst.itin"
cells() { # TITLE N DESC: TITLE's row has N bar cells
	_n=$(grep "^$1" "$T/out" | grep -o '█' | wc -l)
	if [ "$_n" -eq "$2" ]; then ok "$3"; else
		not_ok "$3 (got $_n bar cells)"
		show_run
	fi
}
axis_has() { # RE DESC: the line of hour labels (the second) matches RE
	if sed -n 2p "$T/out" | grep -Eq -- "$1"; then ok "$2"; else
		not_ok "$2 (axis should match /$1/)"
		show_run
	fi
}
axis_lacks() { # RE DESC
	if sed -n 2p "$T/out" | grep -Eq -- "$1"; then
		not_ok "$2 (axis should not match /$1/)"
		show_run
	else ok "$2"; fi
}
run -f "$DST" timeline --from 2024-03-30 --to 2024-03-31 --in Europe/Brussels --width 100
golden timeline-dst-spring "timeline: two days across the spring change, an hour a column"
cells 'Spring night train' 7 "timeline: the spring night is 7 hours"
expect_out_match 'Sun 31 Mar 2024 \(23 h\)' "timeline: the spring change day is named 23 hours long"
run -f "$DST" timeline --from 2024-10-26 --to 2024-10-27 --in Europe/Brussels --width 100
golden timeline-dst-autumn "timeline: two days across the autumn change, an hour a column"
cells 'Autumn night train' 9 "timeline: the autumn night is 9 hours"
expect_out_match 'Sun 27 Oct 2024 \(25 h\)' "timeline: the autumn change day is named 25 hours long"
run -f "$DST" timeline --from 2024-03-31 --to 2024-03-31 --in Europe/Brussels --width 140
golden timeline-dst-spring-day "timeline: the spring change day, a quarter of an hour a column"
axis_has '^ +00  01  03  04  05 ' "timeline: 03:00 comes an hour after 01:00 on the spring day"
axis_lacks ' 02 ' "timeline: no label for 02:00, which never happens in spring"
run -f "$DST" timeline --from 2024-10-27 --to 2024-10-27 --in Europe/Brussels --width 140
golden timeline-dst-autumn-day "timeline: the autumn change day, a quarter of an hour a column"
axis_has '^ +00  01  02  02  03  04 ' "timeline: 02:00 is labelled twice on the autumn day"
cells 'Repeated-hour call' 2 "timeline: a call in the repeated hour is its 30 minutes"
# New York changes on another night; seen from Brussels (no change that
# night) it is 7 hours as well: the axis measures instants.
run -f "$DST" timeline --from 2024-03-09 --to 2024-03-10 --type travel --in America/New_York --width 100
cells 'New York spring night' 7 "timeline: New York's spring night is 7 hours on its own clock"
axis_has '00   06 ' "timeline: New York's skipped 02:00 leaves 03:00 two columns after midnight"
run -f "$DST" timeline --from 2024-03-09 --to 2024-03-10 --type travel --in Europe/Brussels --width 100
cells 'New York spring night' 7 "timeline: and 7 hours on Brussels' clock"
# A day a column: every event in its own local day, the 23-hour day one
# column, 23:30 on it and 00:30 after it in neighbouring columns.
run -f "$DST" timeline --from 2024-03-25 --to 2024-04-07 --type call --in Europe/Brussels --width 40
golden timeline-dst-days "timeline: a day a column across the spring change"
_late=$(grep '^Late call' "$T/out" | sed 's/█.*//' | wc -m)
_early=$(grep '^Early call' "$T/out" | sed 's/█.*//' | wc -m)
if [ "$_early" -eq $((_late + 1)) ]; then
	ok "timeline: 23:30 and 00:30 around the change are in neighbouring day columns"
else
	not_ok "timeline: 23:30 and 00:30 around the change are in neighbouring day columns ($_late, $_early)"
	show_run
fi

# Wide characters and escapes: display columns, never raw control bytes.
cp "$TESTDIR/data/view.itin" "$ITIN_FILE"
run timeline --width 70 --to 2023-02-02
golden timeline-wide "timeline: wide characters measured, escapes shown"
fits 70 "timeline: wide lines fit 70 columns"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then
	not_ok "timeline: no escape sequence when piped"
else
	ok "timeline: no escape sequence when piped"
fi

for w in 1 2 5 9 10 15 20 30; do
	run timeline --width $w
	if [ "$rc" -eq 0 ]; then ok "timeline --width $w works"; else not_ok "timeline --width $w works"; show_run; fi
	fits $w "timeline --width $w fits"
done

# Empty.
: >"$ITIN_FILE"
run timeline
expect_rc 0 "timeline: empty store"
if [ -s "$T/out" ]; then not_ok "timeline: nothing for nothing"; else ok "timeline: nothing for nothing"; fi

# Errors.
run timeline --width 0
expect_rc 64 "timeline --width 0 is a usage error"
expect_err "invalid width '0'" "timeline: says why"
run timeline --width abc
expect_rc 64 "timeline --width abc is a usage error"
run timeline --by colour
expect_rc 64 "timeline --by colour is a usage error"
expect_err "cannot group by 'colour'" "timeline: names the bad key"
run timeline --from 2023-02-01 --to 2023-01-01
expect_rc 64 "timeline: --from after --to"
run timeline --in Atlantis
expect_rc 65 "timeline: unknown --in"
run timeline --help
expect_rc 0 "timeline --help"
expect_out_match '^usage: itin timeline' "timeline --help shows the usage"
finish
