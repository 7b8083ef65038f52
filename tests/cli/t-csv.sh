#!/bin/sh
# t-csv.sh: CSV import and export (issue 4): the native columns, Google
# Calendar's and Outlook's exports, ';' and tab files, BOM, CRLF, errors
# at FILE:LINE:COL with the store untouched, --skip-invalid, formula
# neutralisation and --raw, round trips, standard input, and every file of
# the shared CSV corpus.
. "$(dirname "$0")/lib.sh"

D=$TESTDIR/data
golden() {
	if [ "${ITIN_REGEN:-0}" = 1 ]; then
		cp "$T/out" "$TESTDIR/golden/$1"
	fi
	expect_out "$TESTDIR/golden/$1" "$2"
}
snapshot() { cp "$ITIN_FILE" "$T/before" 2>/dev/null || : >"$T/before"; }
unchanged() {
	if [ -e "$ITIN_FILE" ]; then
		same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"
	elif [ -s "$T/before" ]; then
		not_ok "$1: store unchanged (it vanished)"
	else
		ok "$1: store unchanged (still absent)"
	fi
}
# A fresh, empty store.
fresh() {
	export ITIN_FILE="$T/$1.itin"
	rm -f "$ITIN_FILE"
}
HEADER='id,type,title,start,end,tz,city,country,venue,participants,organization,status,source,notes,tags'

# ---- the native format, from the sample ----
fresh native
run import "$ROOT/samples/nato-2023.csv"
expect_rc 0 "import the CSV sample"
expect_err "^itin: imported 16 events \(16 added, 0 updated, 0 unchanged\) from $ROOT/samples/nato-2023.csv \(16 rows, 0 skipped\)$" "import: summary counts rows and skipped"
run list --format itin
expect_out "$ROOT/samples/nato-2023.itin" "the CSV sample holds the .itin sample, every field"
run export --format csv
expect_rc 0 "export --format csv"
expect_out "$ROOT/samples/nato-2023.csv" "export -> import -> export: byte-identical"
head -1 "$T/out" | tr -d '\r' >"$T/header"
printf '%s\n' "$HEADER" >"$T/want"
same_file "$T/want" "$T/header" "the header is exactly the contract's"
run list --format csv
expect_out "$ROOT/samples/nato-2023.csv" "list --format csv = export --format csv"
grep -q 'Flight to Tokyo,2023-01-30T18:30,2023-01-30T20:45 Asia/Tokyo,Asia/Seoul,' "$ROOT/samples/nato-2023.csv" &&
	ok "an end in another zone: 'WHEN ZONE' in the end column" ||
	not_ok "an end in another zone: 'WHEN ZONE' in the end column"
snapshot
run import "$ROOT/samples/nato-2023.csv"
expect_err "\(0 added, 0 updated, 16 unchanged\)" "import the same CSV again: unchanged"
unchanged "import the same CSV again"

# export -o, and the file read back.
run export --format csv -o "$T/copy.csv"
expect_rc 0 "export --format csv -o"
same_file "$ROOT/samples/nato-2023.csv" "$T/copy.csv" "export -o: the file"

# --in converts the times, as with tsv.
run export --format csv --in Europe/Brussels --grep "Flight to Tokyo"
expect_rc 0 "export csv --in"
expect_out_match "^c116c74d240b9242,travel,Flight to Tokyo,2023-01-30T10:30,2023-01-30T12:45,Europe/Brussels," "export csv --in: times in that zone"

# ---- the export golden: every kind of field ----
export ITIN_FILE="$T/list.itin"
cp "$D/list.itin" "$ITIN_FILE"
run export --format csv
golden export.csv "export csv: golden"
cp "$T/out" "$T/list.csv"
fresh relist
run import "$T/list.csv"
expect_rc 0 "import the exported list"
run export --format csv
expect_out "$T/list.csv" "list: export -> import -> export byte-identical"
run list --format itin
expect_out "$D/list.itin" "list: every field kept"

# ---- formula neutralisation ----
fresh formula
run add meeting "=HYPERLINK(\"http://evil.example\",\"click\")" --start 2023-03-01 \
	--city Riga --note "+1 555 0100" --with "@boss (-chief)" --tag "-x" --id f1
expect_rc 0 "add an event with formula-like fields"
run export --format csv
expect_out_match "^f1,meeting,\"'=HYPERLINK\(\"\"http://evil.example\"\",\"\"click\"\"\)\",2023-03-01,,,Riga,LV,,'@boss \(-chief\),,confirmed,,'\+1 555 0100,'-x.$" "export: formula cells get a leading quote"
cp "$T/out" "$T/formula.csv"
run export --format csv --raw
expect_out_match "^f1,meeting,\"=HYPERLINK\(\"\"http://evil.example\"\",\"\"click\"\"\)\",2023-03-01,,,Riga,LV,,@boss \(-chief\),,confirmed,,\+1 555 0100,-x.$" "export --raw: cells as they are"
cp "$T/out" "$T/formula-raw.csv"
fresh formula2
run import "$T/formula.csv"
expect_rc 0 "import the neutralised file"
run show f1
expect_out_match "^Title: +=HYPERLINK" "import undoes the neutralisation (title)"
run export --format csv
expect_out "$T/formula.csv" "neutralised: export -> import -> export byte-identical"
fresh formula3
run import --raw "$T/formula-raw.csv"
expect_rc 0 "import --raw"
run export --format csv --raw
expect_out "$T/formula-raw.csv" "--raw: export -> import -> export byte-identical"
fresh formula4
run import --raw "$T/formula.csv"
run show f1
expect_out_match "^Title: +'=HYPERLINK" "import --raw keeps the quote"
run list --format json --raw
expect_rc 64 "--raw needs --format csv or tsv"
expect_err "^itin: --raw works with --format csv or tsv" "--raw: message"

# ---- Google Calendar ----
fresh google
run import "$D/google.csv"
expect_rc 0 "import Google Calendar's CSV"
expect_err "^itin: imported 5 events \(5 added, 0 updated, 0 unchanged\) from $D/google.csv \(5 rows, 0 skipped\)$" "google: summary"
if grep -q 'unknown column' "$T/err"; then not_ok "google: Private is a known column"; else ok "google: Private is a known column"; fi
# The ids are derived (t-ids checks how): 16 hex digits, five different.
run list --format tsv
cut -f1 "$T/out" | tail -n +2 | grep -Ec '^[0-9a-f]{16}$' >"$T/n"
[ "$(cat "$T/n")" = 5 ] && [ "$(cut -f1 "$T/out" | sort -u | wc -l | tr -d ' ')" = 6 ] &&
	ok "google: five derived ids" || not_ok "google: five derived ids"
cut -f2- "$T/out" >"$T/fields"
mv "$T/fields" "$T/out"
expect_out_text "type	start	end	tz	city	country	title
visit	2023-05-19	2023-05-21		Hiroshima	JP	Visit to Hiroshima
meeting	2023-05-21T10:30	2023-05-21T11:15	Asia/Tokyo	Hiroshima	JP	Bilateral meeting with President Yoon
press	2023-05-22T14:00	2023-05-22T14:45	Asia/Seoul	Seoul	KR	Joint press conference
reception	2023-05-22T19:30	2023-05-22T22:00	Asia/Seoul	Seoul	KR	State banquet
call	2023-05-23T09:00	2023-05-23T09:30				Phone call with the Chancellor" "google: US dates, 12-hour times, All Day Event, 'Hiroshima, Japan'"
run list --format itin --grep banquet
expect_out_match "@ Blue House, Seoul, KR$" "google: 'Blue House, Seoul, South Korea' is venue, city, country"
run list --format itin --grep Bilateral
expect_out_match "^    note: Bring the briefing book\.$" "google: a multi-line Description"
snapshot
run import "$D/google.csv"
expect_err "\(0 added, 0 updated, 5 unchanged\)" "google: a second import changes nothing"
unchanged "google: second import"

# ---- Outlook ----
fresh outlook
run import --date-order mdy "$D/outlook.csv"
expect_rc 0 "import Outlook's CSV"
if grep -q 'unknown column' "$T/err"; then not_ok "outlook: its extra columns are known"; else ok "outlook: its extra columns are known"; fi
run list --format itin --type summit
sed 's/^    id: [0-9a-f]\{16\}$/    id: (derived)/' "$T/out" >"$T/fields"
mv "$T/fields" "$T/out"
expect_out_text "2023-07-11..2023-07-12     summit     NATO Summit @ Vilnius, LT
    id: (derived)
    with: Protocol Office (organizer); Gitanas Nausėda; Jens Stoltenberg
    tags: Summit; NATO
    note: Heads of State and Government." "outlook: all-day midnight-to-midnight end is the last day; attendees; categories"
run list --format itin --grep "Prime Minister"
expect_out_match "^2023-07-12 09:30-10:15     meeting    Meeting with the Prime Minister of Japan @ LITEXPO, Vilnius, LT$" "outlook: 9:30:00 AM, location with venue"
expect_out_match "^    note: Room 4\.$" "outlook: CRLF inside a quoted Description"

# ---- ';' and tab files, BOM, CRLF ----
fresh semi
run import "$D/semicolon.csv"
expect_rc 0 "import a ';' file (European Excel)"
run list --format itin
expect_out_match "^2023-03-14 10:00-11:30     other      Besuch im Bundestag @ Berlin$" "semicolon: DD.MM.YYYY dates"
expect_out_match "^    note: Mit Übersetzung; Raum 2$" "semicolon: a quoted ';'"
fresh tabs
run import "$D/tabs.csv"
expect_rc 0 "import a tab-separated file"
expect_err "\(1 added" "tabs: one event"
fresh bom
run import "$D/bom-crlf.csv"
expect_rc 0 "import a file with BOM and CRLF"
run list --format itin
expect_out_text "2023-03-16 10:00-11:00     meeting    BOM and CRLF @ Vilnius, LT
    id: bom-1
    tz: Europe/Vilnius
    status: tentative
    with: Name, with comma (Role)
    tags: a; b
    note: Line one
    note: Line two, with \"quotes\"" "bom+crlf: every field, CRLF in notes read as a line break"

# ---- standard input ----
fresh stdin
run_in "$D/google.csv" import --format csv -
expect_rc 0 "import - --format csv"
expect_err "from <stdin> \(5 rows, 0 skipped\)$" "stdin: summary names <stdin>"
run_in "$D/google.csv" import -
expect_rc 64 "import - without --format"

# ---- errors: FILE:LINE:COL, 65, nothing imported ----
export ITIN_FILE="$T/err.itin"
cp "$D/list.itin" "$ITIN_FILE"
# An empty date on a file's first row is no date, as on any other row
# (it read as 1970-01-01: the remembered last date was "nothing yet").
fresh emptydate
printf 'Subject,Start Date,Start Time\nb,  ,10:00\nc,2023-01-01,10:00\n' >"$T/empty-date.csv"
run import "$T/empty-date.csv"
expect_rc 65 "an empty date on the first row: status 65"
expect_err "^itin: $T/empty-date.csv:2:3: invalid date ''" "an empty date on the first row: refused where it is"
[ ! -e "$ITIN_FILE" ] && ok "an empty date on the first row: no store made" || not_ok "an empty date on the first row: no store made"
export ITIN_FILE="$T/err.itin"
printf 'title,start,end,city,Colour,Mood\nGood,2023-03-01,,Riga,red,\nBad date,2023-02-30,,Riga,,\n"Multi\nline",2023-03-02 10:00,2023-03-02 09:00,Riga,,\nFine,2023-03-03,,Riga,,\n' >"$T/bad.csv"
snapshot
run import "$T/bad.csv"
expect_rc 65 "a bad date: status 65"
expect_err "^itin: $T/bad.csv:3:10: invalid date '2023-02-30': February 2023 has 28 days$" "a bad date: FILE:LINE:COL"
expect_err "^itin: warning: $T/bad.csv:1:1: ignoring 2 unknown columns: 'Colour', 'Mood'$" "unknown columns: one warning naming them"
n=$(grep -c 'unknown column' "$T/err")
[ "$n" -eq 1 ] && ok "unknown columns: one line" || not_ok "unknown columns: one line ($n)"
# Thousands of unknown columns: ten names, then a count, on one short line.
awk 'BEGIN { printf "title,start"; for (i = 1; i <= 9998; i++) printf ",x%d", i;
	printf "\nT,2023-03-01"; for (i = 1; i <= 9998; i++) printf ","; print "" }' >"$T/cols.csv"
run import --dry-run "$T/cols.csv"
expect_err "^itin: warning: $T/cols.csv:1:1: ignoring 9998 unknown columns: 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10' and 9988 more$" "9998 unknown columns: ten names and a count"
n=$(grep 'unknown column' "$T/err" | wc -c)
[ "$n" -lt 300 ] && ok "9998 unknown columns: a short line" || not_ok "9998 unknown columns: a short line ($n bytes)"
unchanged "a bad row imports nothing"
run import --dry-run "$T/bad.csv"
expect_rc 65 "--dry-run: the same error"
printf 'title,start,type\nA,2023-03-01,meeting\nB,2023-03-02,parade\n' >"$T/badtype.csv"
run import "$T/badtype.csv"
expect_rc 65 "an unknown type: 65"
expect_err "^itin: $T/badtype.csv:3:14: unknown type 'parade' \(expected one of: visit, meeting, summit, conference, interview, press, travel, reception, call, other\)$" "an unknown type: message"
printf 'subject,when\nA,2023-03-01\n' >"$T/notitle.csv"
run import "$T/notitle.csv"
expect_rc 65 "no start column: 65"
expect_err "^itin: $T/notitle.csv:1:1: missing column 'start'$" "no start column: message"
printf 'title,start\nA,2023-03-01\n"B,2023-03-02\nC,2023-03-03\n' >"$T/unterminated.csv"
run import "$T/unterminated.csv"
expect_rc 65 "an unterminated quote: 65"
expect_err "^itin: $T/unterminated.csv:3:1: unterminated quoted field" "an unterminated quote: the line where it began"
printf 'title,start\n"A"x,2023-03-01\n' >"$T/after.csv"
run import "$T/after.csv"
expect_rc 65 "text after a closing quote: 65"
expect_err "^itin: $T/after.csv:2:4: text after the closing quote" "text after a closing quote: FILE:LINE:COL"
printf 'title,start\nZ\374rich,2023-03-01\n' >"$T/latin1.csv"
run import "$T/latin1.csv"
expect_rc 65 "Latin-1 bytes: 65"
expect_err "^itin: $T/latin1.csv:2:2: invalid UTF-8 \(byte 0xFC\); the file looks like Windows-1252: try --encoding cp1252$" "Latin-1 bytes: message with the encoding it looks like"
printf 'id,title,start\nx1,A,2023-03-01\nx1,B,2023-03-02\n' >"$T/dup.csv"
run import "$T/dup.csv"
expect_rc 65 "a duplicate id: 65"
expect_err "^itin: $T/dup.csv:3:1: duplicate id 'x1' \(first at line 2\)$" "a duplicate id: message"
unchanged "refused files"

# ---- --skip-invalid ----
run import --skip-invalid "$T/bad.csv" "$T/badtype.csv" "$T/dup.csv"
expect_rc 0 "--skip-invalid: status 0"
expect_err "^itin: warning: $T/bad.csv:3:10: invalid date '2023-02-30': February 2023 has 28 days; row skipped$" "--skip-invalid: the bad date reported"
expect_err "^itin: warning: $T/bad.csv:5:24: end '2023-03-02 09:00' is before start '2023-03-02 10:00'; row skipped$" "--skip-invalid: a row on two lines, at its field's line"
expect_err "^itin: warning: $T/badtype.csv:3:14: unknown type 'parade'.*; row skipped$" "--skip-invalid: the bad type reported"
expect_err "^itin: warning: $T/dup.csv:3:1: duplicate id 'x1' \(first at line 2\); row skipped$" "--skip-invalid: the duplicate reported"
expect_err "^itin: imported 2 events \(2 added, 0 updated, 0 unchanged\) from $T/bad.csv \(4 rows, 2 skipped\)$" "--skip-invalid: summary"
run list --format tsv --from 2023-03-01 --to 2023-03-31
expect_out_match "	Good$" "--skip-invalid: good rows imported"
expect_out_match "	Fine$" "--skip-invalid: rows after a bad one imported"
snapshot
run import --skip-invalid "$T/unterminated.csv"
expect_rc 65 "--skip-invalid: a broken file structure still stops it"
unchanged "--skip-invalid: broken structure"
run import --raw "$D/list.itin"
expect_rc 64 "--raw with an .itin file: usage error"
expect_err "^itin: --raw works with CSV files only" "--raw with an .itin file: message"

# ---- the shared corpus: no crash, 0 or 65 with FILE:LINE ----
CORPUS=${ITIN_CORPUS:-$ROOT/../shared/corpus}/csv
if [ -d "$CORPUS" ]; then
	bad=0
	nfiles=0
	for f in "$CORPUS"/*/*.csv "$CORPUS"/*/*.tsv "$CORPUS"/*/csvs/*.csv; do
		[ -f "$f" ] || continue
		nfiles=$((nfiles + 1))
		fresh corpus
		run import --format csv "$f"
		case $rc in
		0) ;;
		65) grep -Eq "^itin: $f:[0-9]+(:[0-9]+)?: " "$T/err" ||
			{ bad=$((bad + 1)); echo "# $f: 65 without FILE:LINE"; sed 's/^/#   /' "$T/err" | head -3; } ;;
		*) bad=$((bad + 1)); echo "# $f: status $rc"; sed 's/^/#   /' "$T/err" | head -3 ;;
		esac
	done
	[ "$bad" -eq 0 ] && ok "corpus: $nfiles files, each 0 or 65 with FILE:LINE" ||
		not_ok "corpus: $bad of $nfiles files crashed or gave no FILE:LINE"
	# The itineraries among them (valid or lenient, with a title and a
	# start or date column) are imported.
	for name in itinerary-crlf itinerary-lf utf8-bom semicolon-excel no-final-newline; do
		fresh corpus
		run import --format csv "$CORPUS/crafted/$name.csv"
		expect_rc 0 "corpus: $name.csv imported"
	done
	fresh corpus
	run import --format csv "$CORPUS/crafted/itinerary-lf.csv"
	run export --format csv
	expect_out_match "^[0-9a-f]{16},reception,Dinner,2025-03-07T19:00,2025-03-07T21:00,Asia/Tokyo,,,東京,,,confirmed,,\"'=HYPERLINK\(\"\"http://example.org\"\"\)\",.$" "corpus: a formula in notes comes out neutralised"
else
	ok "corpus # skip: not found at $CORPUS"
fi

# A Location column: the one location parser (as for iCalendar LOCATION).
fresh locations
run import --format csv "$TESTDIR/data/locations.csv"
expect_rc 0 "Location column: imported"
run list --format tsv
expect_out_match "	Asia/Seoul	Seoul	KR	Meeting with President Yoon$" "Location 'Yongsan Presidential Office, Seoul': Seoul, KR"
expect_out_match "	America/New_York	New York	US	UN Security Council briefing$" "Location '405 E 42nd St, New York, NY 10017, USA': New York, US"
expect_out_match "	Europe/Brussels	Brussels	BE	Commission meeting$" "Location '..., 1049 Brussels, Belgium': Brussels, BE"
expect_out_match "	America/New_York	Portland, ME	US	Town hall$" "Location '..., Portland, ME 04102': Maine's zone"

finish
