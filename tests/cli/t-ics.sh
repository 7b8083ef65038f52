#!/bin/sh
# t-ics.sh: iCalendar export and import, checked by independent parsers.
#
# Every file itin writes goes through ../shared/tools/ics-validate --strict
# (ical.js, the parser Thunderbird uses, python-icalendar and RFC 5545
# checks); its --dump-tsv instants are compared with Python's zoneinfo.
# Round trips both ways, and the whole shared corpus imported: every file
# meant as a calendar is read with the VEVENT count the corpus expects, and
# every file refused is one the corpus marks as broken, with the reason.
. "$(dirname "$0")/lib.sh"

CR=$(printf '\r')
CORPUS=$SHARED/corpus

if ! have_shared; then
	skip_shared "ics-validate is installed"
elif ! [ -x "$VALIDATE" ] || ! "$VALIDATE" --self-test >"$T/st" 2>&1; then
	not_ok "ics-validate is installed (run ../shared/tools/install-validators.sh)"
	sed 's/^/#   /' "$T/st" | head -5
fi

# ---- export: the samples ----
for s in nato-2023 summit-season-2023; do
	export ITIN_FILE="$T/$s.store"
	run import "$ROOT/samples/$s.itin"
	expect_rc 0 "$s: imported"
	run export -o "$T/$s.ics"
	expect_rc 0 "$s: exported"
	validate "$T/$s.ics" "$s"
	# itin -> ics -> itin: the canonical text, byte for byte.
	run list --format itin
	cp "$T/out" "$T/$s.canon"
	export ITIN_FILE="$T/$s.back"
	run import "$T/$s.ics"
	expect_rc 0 "$s: the export imported"
	run list --format itin
	expect_out "$T/$s.canon" "$s: itin -> ics -> itin keeps every field"
	# ics -> itin -> ics: the same file.
	run export
	expect_out "$T/$s.ics" "$s: ics -> itin -> ics gives the same file"
done
same_file "$ROOT/samples/nato-2023.ics" "$T/nato-2023.ics" "samples/nato-2023.ics is itin's export"

# list --format ics is the export.
export ITIN_FILE="$T/nato-2023.store"
run list --format ics
expect_out "$T/nato-2023.ics" "list --format ics = export"
run export --format ics --type summit
expect_rc 0 "export --format ics with a filter"
n=$(grep -c '^BEGIN:VEVENT' "$T/out")
[ "$n" -eq 1 ] && ok "export: filtered to one VEVENT" || not_ok "export: filtered to one VEVENT ($n)"
expect_out_match "^DTSTART;VALUE=DATE:20230711${CR}\$" "export: all-day DTSTART"
expect_out_match "^DTEND;VALUE=DATE:20230713${CR}\$" "export: the two-day summit ends 2023-07-13 (exclusive)"
run export --in Asia/Seoul
expect_rc 64 "export: --in only with tsv"

# ---- hostile text ----
export ITIN_FILE="$T/hostile.store"
cat >"$T/hostile.itin" <<'EOT'
2023-03-01 10:00  meeting  Title\x0d\nDTSTART:19700101T000000Z\nEND:VEVENT; a, b: c\\d "q" @ Hall\; A, Vilnius, LT
    id: hostile-1
    with: Name\; with; semi (Role: x, y \(z\))
    tags: a,b; c\;d; e:f
    source: not a URL, just text; really
    note: line\x0dcr\x01ctl\ttab\\back
    note: BEGIN:VEVENT
2023-03-02  other  ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé한한한한한한한한한한한한한한😀😀😀😀😀😀😀😀😀😀😀😀
    id: hostile-2
EOT
run import "$T/hostile.itin"
expect_rc 0 "hostile: imported"
run list --format itin
cp "$T/out" "$T/hostile.canon"
run export -o "$T/hostile.ics"
validate "$T/hostile.ics" "hostile text"
n=$(grep -c '^BEGIN:VEVENT' "$T/hostile.ics")
[ "$n" -eq 2 ] && ok "hostile: no VEVENT smuggled" || not_ok "hostile: no VEVENT smuggled ($n)"
n=$(awk '/^BEGIN:VEVENT/ { e = 1 } /^END:VEVENT/ { e = 0 } e && /^DTSTART/ { n++ } END { print n }' "$T/hostile.ics")
[ "$n" -eq 2 ] && ok "hostile: no DTSTART smuggled" || not_ok "hostile: no DTSTART smuggled ($n)"
export ITIN_FILE="$T/hostile.back"
run import "$T/hostile.ics"
run list --format itin
expect_out "$T/hostile.canon" "hostile: every byte comes back"

# ---- zones: ical.js reads our VTIMEZONEs, the instants are zoneinfo's ----
export ITIN_FILE="$T/zones.store"
python3 - "$T/zones.itin" <<'EOT'
import sys
from datetime import date, timedelta
zones = {
    "America/Sao_Paulo": (2014, ["00:30", "12:00", "23:30"]),
    "Australia/Lord_Howe": (2023, ["01:30", "02:15", "12:00"]),
    "Asia/Kathmandu": (2023, ["09:00"]),
    "Europe/Dublin": (2023, ["00:30", "01:30"]),
    "America/Santiago": (2023, ["10:00"]),
}
out = open(sys.argv[1], "w")
n = 0
for zone, (year, times) in zones.items():
    d = date(year, 1, 1)
    while d.year == year:
        for t in times:
            n += 1
            out.write(f"{d} {t}  meeting  Z{n}\n    id: z{n}\n    tz: {zone}\n")
        d += timedelta(days=5)
EOT
run import "$T/zones.itin"
# Times in a gap are refused by design; a few of the chosen ones are.
if [ "$rc" -ne 0 ]; then
	grep -v 'warning' "$T/err" | head -3 | sed 's/^/#   /'
fi
expect_rc 0 "zones: imported"
run export -o "$T/zones.ics"
validate "$T/zones.ics" "zones (Sao Paulo 2014, Lord Howe, Kathmandu, Dublin, Santiago)"
if have_shared; then # (not indented: it holds a here-document)
"$VALIDATE" --dump-tsv --no-header "$T/zones.ics" 2>/dev/null | cut -f1,3 | sort >"$T/got0.tsv"
python3 - "$T/zones.itin" <<'EOT' | sort >"$T/want.tsv"
import sys, re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
ev = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d)", line)
    if m:
        when = m.group(1) + " " + m.group(2)
    elif line.startswith("    id: "):
        uid = line.split()[1]
    elif line.startswith("    tz: "):
        z = ZoneInfo(line.split()[1])
        local = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=z)
        utc = local.astimezone(timezone.utc)
        # A repeated (fall-back) hour: RFC 5545 and itin take the first
        # occurrence, ical.js and python-icalendar the second. Left out.
        if local.replace(fold=1).astimezone(timezone.utc) != utc:
            continue
        print(f"{uid}@itin\t{utc:%Y-%m-%dT%H:%M:%SZ}")
EOT
cut -f1 "$T/want.tsv" | sed 's/^/^/; s/$/	/' >"$T/wuids"
grep -f "$T/wuids" "$T/got0.tsv" >"$T/got.tsv"
n=$(wc -l <"$T/want.tsv")
if [ "$n" -gt 500 ] && diff "$T/want.tsv" "$T/got.tsv" >"$T/diff"; then
	ok "zones: ical.js's instant of every event is zoneinfo's ($n events)"
else
	not_ok "zones: ical.js's instant of every event is zoneinfo's ($n events)"
	head -10 "$T/diff" | sed 's/^/#   /'
fi
else
	skip_shared "zones: ical.js's instant of every event is zoneinfo's"
fi # have_shared
grep -q '^TZID:America/Sao_Paulo' "$T/zones.ics" && ! grep -q freeassociation "$T/zones.ics" &&
	ok "zones: plain IANA TZIDs" || not_ok "zones: plain IANA TZIDs"
# Trimmed: nothing from before the year before the first event.
if grep '^DTSTART:1[0-9]' "$T/zones.ics" >/dev/null || grep '^DTSTART:200' "$T/zones.ics" >/dev/null; then
	not_ok "zones: VTIMEZONEs trimmed to the years used"
else
	ok "zones: VTIMEZONEs trimmed to the years used"
fi

# A travel leg ends in its end zone.
export ITIN_FILE="$T/leg.store"
run add travel "Flight to Tokyo" --start "2023-01-31 09:00" --end "2023-01-31 11:30" --tz Asia/Seoul --end-tz Asia/Tokyo
run export
expect_out_match "^DTSTART;TZID=Asia/Seoul:20230131T090000${CR}\$" "travel: DTSTART in the start zone"
expect_out_match "^DTEND;TZID=Asia/Tokyo:20230131T113000${CR}\$" "travel: DTEND in the end zone"
run add call "Floating call" --start "2023-02-01 09:00" --tz ""
run export
expect_out_match "^DTSTART:20230201T090000${CR}\$" "floating: no TZID, no Z"

# ---- import: other producers ----
export ITIN_FILE="$T/in.store"
if have_shared; then
cp "$CORPUS/good-ics/itinerary-multi-tz.ics" "$T/multi.ics"
run import --from 2025-01-01 --to 2025-12-31 "$T/multi.ics"
expect_rc 0 "import: a multi-zone calendar"
expect_err "recurring event '.*': all [0-9]+ occurrences, 2025-[0-9-]+ to 2025-[0-9-]+, imported" "import: the recurrence warning counts occurrences"
expect_err "\(6 VEVENTs\)$" "import: the summary counts VEVENTs"
run export -o "$T/multi-back.ics"
validate "$T/multi-back.ics" "the multi-zone calendar, exported again"
# ics -> itin -> ics: every single event's instant and text.
"$VALIDATE" --dump-tsv --no-header "$T/multi.ics" 2>/dev/null | sort >"$T/a.tsv"
"$VALIDATE" --dump-tsv --no-header "$T/multi-back.ics" 2>/dev/null | sort >"$T/b.tsv"
# (The weekly series comes back as occurrences, with UIDs of their own.)
grep -v '^[^	]*/' "$T/b.tsv" >"$T/b1"
cut -f1 "$T/b1" | sed 's/^/^/; s/$/	/' >"$T/uids"
# A LOCATION that names no country comes back with the one its city is
# in ("..., Paris" -> "..., Paris, France"): that suffix is set aside.
if grep -f "$T/uids" "$T/a.tsv" | cut -f2-4,6 >"$T/a4" &&
	cut -f2-4,6 "$T/b1" | sed -E 's/, (France|United States)$//' >"$T/b4" &&
	[ -s "$T/a4" ] && diff "$T/a4" "$T/b4" >"$T/diff"; then
	ok "ics -> itin -> ics: same instants, summaries, locations"
else
	not_ok "ics -> itin -> ics: same instants, summaries, locations"
	head -10 "$T/diff" | sed 's/^/#   /'
fi
cp "$ITIN_FILE" "$T/before"
run import --from 2025-01-01 --to 2025-12-31 "$T/multi.ics"
expect_err "\(0 added, 0 updated, [0-9]+ unchanged\)" "import: the same file again changes nothing"
same_file "$T/before" "$ITIN_FILE" "import again: store unchanged"
# An update: replaced by UID, and the next export's SEQUENCE grows.
sed 's/^SUMMARY:\(.*Plenary.*\)$/SUMMARY:\1 (moved)/' "$T/multi.ics" >"$T/multi2.ics"
if ! cmp -s "$T/multi.ics" "$T/multi2.ics"; then
	run import --from 2025-01-01 --to 2025-12-31 "$T/multi2.ics"
	expect_err "\(0 added, 1 updated," "import: one event updated by UID"
	run export
	expect_out_match "^SEQUENCE:1${CR}\$" "import: a changed event's SEQUENCE grows"
fi
else
	skip_shared "import: a multi-zone calendar from the corpus"
fi # have_shared

# stdin, .ical, Windows zones.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:FLE Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;TZID=FLE Standard Time:20230711T093000\r\nDTEND;TZID=FLE Standard Time:20230711T110000\r\nSUMMARY:Outlook meeting\r\nLOCATION:LITEXPO\\, Vilnius\\, Lithuania\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/outlook.ical"
export ITIN_FILE="$T/win.store"
run_in "$T/outlook.ical" import --format ics -
expect_rc 0 "import - --format ics"
expect_err "from <stdin> \(1 VEVENT\)$" "import -: the summary"
run list --format tsv
cut -f2- "$T/out" >"$T/fields"
mv "$T/fields" "$T/out"
expect_out_text "type	start	end	tz	city	country	title
meeting	2023-07-11T09:30	2023-07-11T11:00	Europe/Vilnius	Vilnius	LT	Outlook meeting" "import: a Windows TZID through CLDR, in the LOCATION's country"
run import "$T/outlook.ical"
expect_rc 0 "import: .ical by its extension"

# A Windows zone far in the future: the file's own rules, summer time in
# July 2090 (libical expands a VTIMEZONE only to 2035).
sed 's/20230711T/20900711T/g' "$T/outlook.ical" >"$T/outlook2090.ical"
export ITIN_FILE="$T/win2090.store"
run import "$T/outlook2090.ical"
expect_rc 0 "import: a Windows zone in 2090"
run list --format tsv --from 2090-01-01 --to 2090-12-31
expect_out_match "2090-07-11T09:30	2090-07-11T11:00	Europe/Vilnius	" "import: 2090 keeps the file's summer time"

# Years past libical's 3000: written from our own text, never as zeros;
# an all-day event on 9999-12-31 ends by DURATION (DTEND would be 10000).
export ITIN_FILE="$T/far.store"
itin add meeting "Far" --start "5000-03-01 10:00" --end 11:00 --tz Europe/Berlin >/dev/null
itin add other "Last day" --start 9999-12-31 >/dev/null
itin add other "Last month" --start 9999-12-01 --end 9999-12-31 >/dev/null
run export --format ics
expect_rc 0 "export: years past 3000"
if grep -q 00000000 "$T/out"; then not_ok "export: no zero dates"; else ok "export: no zero dates"; fi
expect_out_match "^DTSTART;TZID=Europe/Berlin:50000301T100000${CR}\$" "export: a DTSTART in the year 5000"
expect_out_match "^DURATION:P1D${CR}\$" "export: 9999-12-31 ends by DURATION"
expect_out_match "^DURATION:P31D${CR}\$" "export: December 9999 ends by DURATION"
cp "$T/out" "$T/far.ics"
export ITIN_FILE="$T/far2.store"
run import --from 4999-01-01 --to 9999-12-31 "$T/far.ics"
expect_rc 0 "import: years past 3000 read back"
expect_err "imported 3 events" "import: every far event read back"
if [ "$rc" -eq 0 ]; then
	run export --format ics
	same_file "$T/far.ics" "$T/out" "export → import → export: years past 3000"
fi

# A file's own zone after 2035 (libical's horizon): its open-ended rules,
# and only those, decide; a zone whose DST rules ended in 2022 or began in
# 2020 keeps them as the file says.
far_zone() {	# far_zone FILE WANT DESC
	export ITIN_FILE="$T/farzone-$(basename "$1").store"
	run import --from 2040-01-01 --to 2100-12-31 "$TESTDIR/data/ics-far/$1"
	expect_rc 0 "import: $3"
	run list --format tsv --from 2040-01-01 --to 2100-12-31
	expect_out_match "	$2	" "import: $3: $2"
}
far_zone zone-rules-ended-2022.ics "2040-07-01T18:00		UTC" "DST rules that ended in 2022, in 2040"
far_zone zone-from-2020.ics "2040-07-01T16:00		UTC" "a VTIMEZONE from 2020, in July 2040"
far_zone windows-zone-2040.ics "2040-07-01T12:00		America/New_York" "a Windows zone in July 2040"
far_zone zone-2100-dst-day.ics "2100-03-14T16:00		UTC" "the day DST starts in 2100"

# A date among a timed series' RDATEs is that day's first valid time (in
# Santiago DST starts at midnight); a date among its EXDATEs, the day.
export ITIN_FILE="$T/rdate.store"
run import --from 2023-01-01 --to 2023-12-31 "$TESTDIR/data/ics-far/rdate-date-dst-midnight.ics"
expect_rc 0 "import: a date RDATE on a night without midnight"
run list --format tsv
cut -f2- "$T/out" >"$T/fields"
mv "$T/fields" "$T/out"
expect_out_text "type	start	end	tz	city	country	title
other	2023-09-01T10:00		America/Santiago			s
other	2023-09-03T01:00		America/Santiago			s" "import: RDATE and EXDATE given as dates"

# Times an import computes past 9999 or before 0001 (a DURATION, a UTC
# time shown in the place's zone) are refused: the store could not hold them.
far_ics() {	# far_ics NAME LINES: a one-VEVENT file
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:far\r\nDTSTAMP:20230101T000000Z\r\n%bSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$2" >"$T/$1.ics"
}
far_ics dur 'DTSTART:99991231T230000\r\nDURATION:PT2H\r\n'
far_ics daydur 'DTSTART;VALUE=DATE:99991230\r\nDURATION:P5D\r\n'
far_ics tokyo 'DTSTART:99991231T230000Z\r\nLOCATION:Tokyo\\, Japan\r\n'
far_ics newyork 'DTSTART:00010101T010000Z\r\nLOCATION:New York\\, US\r\n'
export ITIN_FILE="$T/range.store"
itin add other "Kept" --start 2023-03-01 >/dev/null
cp "$ITIN_FILE" "$T/range.before"
for k in dur:end daydur:end tokyo:start newyork:start; do
	run import "$T/${k%%:*}.ics"
	expect_rc 65 "import: ${k%%:*}: a time outside 0001-9999 refused"
	expect_err "^itin: $T/${k%%:*}.ics:4: ${k#*:} outside the years 0001 to 9999\$" "import: ${k%%:*}: says which and where"
	same_file "$T/range.before" "$ITIN_FILE" "import: ${k%%:*}: store unchanged"
done
run list --format tsv
expect_rc 0 "import: the store still reads after the refusals"

# Refused files: nothing imported, the line named; --skip-invalid.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:ok1\r\nDTSTART:20230301T100000Z\r\nSUMMARY:Fine\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:bad1\r\nDTSTART:20230301T100000Z\r\nDTEND:20230301T090000Z\r\nSUMMARY:Ends first\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/bad.ics"
export ITIN_FILE="$T/bad.store"
run import "$T/bad.ics"
expect_rc 65 "import: a bad VEVENT refuses the file"
expect_err "^itin: $T/bad.ics:8: end '2023-03-01 09:00' is before start '2023-03-01 10:00'$" "import: the refusal names line and reason"
[ -e "$ITIN_FILE" ] && not_ok "import: nothing imported" || ok "import: nothing imported"
run import --skip-invalid "$T/bad.ics"
expect_rc 0 "import --skip-invalid"
expect_err "warning: $T/bad.ics:8: VEVENT refused: end" "import --skip-invalid: the refused VEVENT named"
expect_err "imported 1 event .*\(2 VEVENTs, 1 refused\)$" "import --skip-invalid: the rest imported"

# ---- the corpus ----
# Every upstream file: accepted with the VEVENT count of one of the two
# reference parsers, or refused only if the corpus marks it broken, with a
# FILE:LINE message.
if have_shared; then
export ITIN_FILE="$T/corpus.store"
: >"$T/corpus.bad"
: >"$T/corpus.count"
accepted=0
refused=0
total=0
# Under valgrind every fourth file: memcheck costs a second or two per run,
# and the sanitizer suite reads them all.
stride=1
min_files=400
if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	stride=4
	min_files=100
fi
i=0
for d in "$CORPUS"/ics/*/; do
	tail -n +2 "$d/EXPECTED.tsv" | while IFS='	' read -r file vp vj py js rfc mal note; do
		i=$((i + 1))
		[ $((i % stride)) -eq 0 ] || continue
		rm -f "$ITIN_FILE"
		itin import --dry-run "$d$file" >/dev/null 2>"$T/cerr"
		r=$?
		n=$(sed -n 's/.*(\([0-9]*\) VEVENTs\{0,1\}[,)].*/\1/p' "$T/cerr" | tail -n 1)
		if [ "$r" -eq 0 ]; then
			echo accept >>"$T/corpus.count"
			if [ "$mal" = no ] && [ "$n" != "$vp" ] && [ "$n" != "$vj" ] &&
				{ [ "$vp" != - ] || [ "$vj" != - ]; }; then
				echo "$d$file: $n VEVENTs, expected $vp (python) or $vj (ical.js)" >>"$T/corpus.bad"
			fi
		else
			echo refuse >>"$T/corpus.count"
			if [ "$mal" = no ]; then
				echo "$d$file: refused but not marked broken: $(tail -n 1 "$T/cerr")" >>"$T/corpus.bad"
			elif [ "$r" -ne 65 ] || ! grep -Eq "^itin: $d$file(:[0-9]+)*: [a-zA-Z]" "$T/cerr"; then
				echo "$d$file: status $r without a reason: $(tail -n 1 "$T/cerr")" >>"$T/corpus.bad"
			fi
		fi
	done
done
accepted=$(grep -c accept "$T/corpus.count")
refused=$(grep -c refuse "$T/corpus.count")
if [ ! -s "$T/corpus.bad" ] && [ $((accepted + refused)) -gt "$min_files" ]; then
	ok "corpus: $accepted files read, $refused refused (each marked broken, with its reason)"
else
	not_ok "corpus: $accepted files read, $refused refused"
	head -20 "$T/corpus.bad" | sed 's/^/#   /'
fi
echo "# corpus: $accepted accepted, $refused refused"

# good-ics: read, with their counts.
for f in "$CORPUS"/good-ics/*.ics; do
	b=$(basename "$f")
	want=$(awk -F'\t' -v f="$b" '$1 == f { print $2 }' "$CORPUS/good-ics/EXPECTED.tsv")
	rm -f "$ITIN_FILE"
	run import --dry-run "$f"
	expect_rc 0 "good-ics/$b: read"
	expect_err "\($want VEVENTs?\)$" "good-ics/$b: $want VEVENTs"
done

# bad-ics: each read (itin is as lenient as calendar apps) or refused for
# the defect the corpus names.
reason() { # CODE -> what the refusal must say
	case $1 in
	E-DTEND-TYPE | E-ALLDAY-DTEND) echo "DTEND" ;;
	E-CTL) echo "control character" ;;
	E-BARE-CR) echo "bare CR" ;;
	E-DUPLICATE-PROP | E-DUPLICATE-UID) echo "duplicate" ;;
	E-DTEND-DURATION) echo "DURATION" ;;
	E-DTEND-BEFORE-DTSTART) echo "before start" ;;
	E-UTF8) echo "UTF-8" ;;
	E-CRLF) echo "LF" ;;
	E-MISSING-DTSTART) echo "DTSTART" ;;
	E-STRUCTURE) echo "never closed|outside a VCALENDAR" ;;
	*) echo "." ;;
	esac
}
tail -n +2 "$CORPUS/bad-ics/EXPECTED.tsv" | while IFS='	' read -r file n mal codes note; do
	rm -f "$ITIN_FILE"
	itin import "$CORPUS/bad-ics/$file" >/dev/null 2>"$T/berr"
	r=$?
	if [ "$r" -eq 0 ]; then
		echo "ok - bad-ics/$file: read (${note%%;*})"
		continue
	fi
	want=""
	for c in $(echo "$codes" | tr ',' ' '); do
		want="${want:+$want|}$(reason "$c")"
	done
	if [ "$r" -eq 65 ] && grep -Eq "^itin: $CORPUS/bad-ics/$file:[0-9]+(:[0-9]+)?: .*($want)" "$T/berr" &&
		[ ! -e "$ITIN_FILE" ]; then
		echo "ok - bad-ics/$file: refused ($(grep -v warning "$T/berr" | tail -n 1 | sed 's/^itin: [^ ]* //'))"
	else
		echo "not ok - bad-ics/$file: refused without the reason ($want): $(tail -n 1 "$T/berr")"
	fi
done >"$T/badics"
while read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	*) not_ok "${line#not ok - }" ;;
	esac
done <"$T/badics"
for f in cr-injection-bare-cr lf-injection control-character unclosed-vevent dtend-before-dtstart dtend-before-dtstart-cross-tz; do
	grep -q "^ok - bad-ics/$f.ics: refused" "$T/badics" && ok "bad-ics/$f: must be refused" ||
		not_ok "bad-ics/$f: must be refused"
done
else
	skip_shared "the iCalendar corpus"
fi # have_shared
# ---- Windows zones: CLDR's zone for the event's country; Outlook's display
# names as TZIDs (with and without "(UTC+hh:mm) ", in English or in another
# language), else the file's VTIMEZONE.
# list_by_uid ARGS...: `run list --format tsv ARGS`, each line led by the
# event's UID instead of its id (ids of imported events are derived from
# their UIDs; these tests name the events by the UIDs in their files).
list_by_uid() {
	itin list --format itin |
		awk '/^    id: /{id=$2} /^    uid: /{print id "\t" $2}' >"$T/uids"
	run list --format tsv "$@"
	awk -F'\t' -v OFS='\t' 'NR==FNR{m[$1]=$2; next} ($1 in m){$1=m[$1]} {print}' \
		"$T/uids" "$T/out" >"$T/out.uid" && mv "$T/out.uid" "$T/out"
}
export ITIN_FILE="$T/win.store"
run import "$TESTDIR/data/outlook-fle-vilnius.ics"
expect_rc 0 "FLE Standard Time: imported"
list_by_uid
expect_out_match "^fle-1	press	2023-07-12T16:00	2023-07-12T16:45	Europe/Vilnius	Vilnius	LT	" "FLE Standard Time at a Vilnius LOCATION is Europe/Vilnius (CLDR's LT row), not Europe/Kyiv"
expect_out_match "^fle-2	meeting	2023-07-13T10:00	2023-07-13T11:00	Europe/Kyiv	Kyiv	UA	" "FLE Standard Time in Kyiv is Europe/Kyiv"
expect_out_match "^fle-3	meeting	2023-07-14T10:00	2023-07-14T11:00	Europe/Kyiv		" "FLE Standard Time without a country: CLDR's default"
export ITIN_FILE="$T/display.store"
run import "$TESTDIR/data/outlook-display-names.ics"
expect_rc 0 "Outlook display-name TZIDs: imported"
expect_err "'\\(UTC\\+04:00\\) Nowhere Island' is not in the tz database; times converted with the file's VTIMEZONE" "an unknown display name falls back to the file's VTIMEZONE"
list_by_uid
expect_out_match "^d-1	other	2024-03-12T10:00	2024-03-12T11:00	America/New_York	" "(UTC-05:00) Eastern Time (US & Canada): America/New_York, local clock kept"
expect_out_match "^d-2	meeting	2024-01-15T09:30	2024-01-15T10:30	Australia/Sydney	" "Canberra, Melbourne, Sydney (no offset): Australia/Sydney"
expect_out_match "^d-3	other	2024-06-01T18:00	2024-06-01T19:00	Asia/Singapore	" "Kuala Lumpur, Singapore: Asia/Singapore"
expect_out_match "^d-4	other	2024-07-18T14:00	2024-07-18T15:00	America/Sao_Paulo	" "(UTC-03:00) Brasília (accented): America/Sao_Paulo"
expect_out_match "^d-5	other	2024-06-12T09:00	2024-06-12T10:00	Europe/Berlin	" "a display name in German: by its cities, offset checked, the event's own city's zone when its clock agrees"
expect_out_match "^d-6	other	2024-03-01T05:00	2024-03-01T06:00	UTC	" "an unknown display name: the VTIMEZONE's instant"

# ---- LOCATION: one parser for venue, city and country (the CSV reader
# uses the same: t-csv.sh).
export ITIN_FILE="$T/loc.store"
run import "$TESTDIR/data/locations.ics"
expect_rc 0 "LOCATION: imported"
list_by_uid
expect_out_match "^loc-1	meeting	.*	Asia/Seoul	Seoul	KR	" "LOCATION 'Yongsan Presidential Office, Seoul': the country from the city"
expect_out_match "^loc-2	.*	America/New_York	New York	US	" "LOCATION '405 E 42nd St, New York, NY 10017, USA': city and country"
expect_out_match "^loc-3	.*	Europe/Brussels	Brussels	BE	" "LOCATION '..., 1049 Brussels, Belgium': the city behind its postcode"
expect_out_match "^loc-4	.*	Portland, ME	US	" "LOCATION '..., Portland, ME 04102': the state kept where it tells the city apart"
expect_out_match "^loc-5	call	.*	Europe/Brussels			" "LOCATION 'Microsoft Teams Meeting': a venue, no city"
list_by_uid --city "New York"
expect_out_match "^loc-2	" "list --city 'New York' finds the New York address"
list_by_uid --country BE
expect_out_match "^loc-3	" "list --country BE finds the Brussels address"
list_by_uid --country KR
expect_out_match "^loc-1	" "list --country KR finds 'Yongsan Presidential Office, Seoul'"
list_by_uid --city Portland
expect_out_match "^loc-4	" "list --city Portland finds Portland, ME"
run show "$(awk -F'\t' '$2 == "loc-5" {print $1}' "$T/uids")"
expect_out_match "Teams Meeting" "the venue is kept"

finish
