#!/bin/sh
# t-encoding.sh: files that are not UTF-8 (issue 11, item 8). A CSV saved
# by Excel in Windows-1252 is refused with a hint, even with
# --skip-invalid, and --encoding reads it (and .itin and .ics files)
# through iconv.
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

# Derived ids are not what these tests are about.
noids() { grep -v '^    id: ' "$T/out" >"$T/out.noid"; mv "$T/out.noid" "$T/out"; }

# data/cp1252.csv: é, ü, €, ’ (0x92) and – (0x96) in Windows-1252.
snapshot
run import "$D/cp1252.csv"
expect_rc 65 "cp1252 csv: refused"
expect_err "^itin: $D/cp1252.csv:2:2: invalid UTF-8 \(byte 0xE9\); the file looks like Windows-1252: try --encoding cp1252$" "cp1252 csv: the hint names the encoding"
unchanged "cp1252 csv"
run import --skip-invalid "$D/cp1252.csv"
expect_rc 65 "cp1252 csv with --skip-invalid: still refused (not 0 imported, exit 0)"
expect_err "try --encoding cp1252$" "cp1252 csv with --skip-invalid: the hint"
unchanged "cp1252 csv with --skip-invalid"

run import --encoding cp1252 "$D/cp1252.csv"
expect_rc 0 "--encoding cp1252: imported"
expect_err "imported 2 events \(2 added" "--encoding cp1252: both rows"
run list --format itin
noids
expect_out_text "2023-07-05 12:30-14:00     other      Déjeuner à l’Élysée @ Paris, FR
    tz: Europe/Paris
    note: Coût: 40 € – payé
2023-07-06 10:00-11:00     other      Gespräch in Zürich @ Zürich, CH
    tz: Europe/Zurich
    note: Übersetzung – Raum 2" "--encoding cp1252: é ü € ’ – read right"

# The same names, other spellings; standard input too.
export ITIN_FILE="$T/win.itin"
run_in "$D/cp1252.csv" import --format csv --encoding Windows-1252 -
expect_rc 0 "--encoding windows-1252 from standard input"
run list --format tsv
expect_out_match "Déjeuner à l’Élysée" "--encoding windows-1252: read right"

# Latin-1: every byte is a character.
export ITIN_FILE="$T/latin1.itin"
printf 'title,start,city\nZ\374rich talks,2023-03-01,Z\374rich\n' >"$T/latin1.csv"
run import --encoding latin1 "$T/latin1.csv"
expect_rc 0 "--encoding latin1"
run list --format tsv
expect_out_match "Zürich talks$" "--encoding latin1: ü"

# .itin and .ics are read through iconv too.
export ITIN_FILE="$T/other.itin"
printf '2023-03-02 10:00  meeting  R\351union @ Paris, FR\n' >"$T/latin1.itin"
run import "$T/latin1.itin"
expect_rc 65 ".itin in Latin-1: refused without --encoding"
expect_err "invalid UTF-8.*; the file looks like Windows-1252: try --encoding cp1252$" ".itin in Latin-1: the hint"
run import --encoding latin1 "$T/latin1.itin"
expect_rc 0 ".itin in Latin-1: --encoding latin1"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x1@t\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;VALUE=DATE:20230303\r\nSUMMARY:Caf\351 \200 \226 r\351union\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/cp.ics"
run import --encoding cp1252 "$T/cp.ics"
expect_rc 0 ".ics in cp1252: --encoding cp1252"
run list --format tsv
expect_out_match "Réunion$" ".itin in Latin-1: read right"
expect_out_match "Café € – réunion$" ".ics in cp1252: read right"

# UTF-8 given: the file is read as it is; a bad byte is still refused.
run import --encoding utf-8 "$D/cp1252.csv"
expect_rc 65 "--encoding utf-8: a cp1252 file is still refused"
run import --encoding ebcdic "$D/cp1252.csv"
expect_rc 64 "--encoding: an unknown name is a usage error"
expect_err "unknown encoding 'ebcdic' \(expected cp1252, latin1, utf-8 or utf-16\)" "--encoding: the names it takes"
# UTF-16 with its byte order mark (Excel's "Unicode text").
export ITIN_FILE="$T/u16.itin"
printf 'title,start\nR\303\251union,2023-03-04\n' | iconv -f UTF-8 -t UTF-16 >"$T/u16.csv"
run import "$T/u16.csv"
expect_rc 65 "UTF-16 csv: refused"
expect_err "u16.csv:1:1: invalid UTF-8 \(byte 0xF[EF]\); the file looks like UTF-16: try --encoding utf-16$" "UTF-16 csv: the hint"
run import --encoding utf-16 "$T/u16.csv"
expect_rc 0 "--encoding utf-16"
run list --format tsv
expect_out_match "	Réunion$" "--encoding utf-16: read right"

# Random bytes are not called Windows-1252.
printf 'title,start\nx\001\377,2023-01-01\n' >"$T/bin.csv"
run import "$T/bin.csv"
expect_rc 65 "binary bytes: refused"
expect_err "invalid UTF-8 \(byte 0xFF\)$" "binary bytes: no encoding guessed"

# A file with UTF-8 rows and a Windows-1252 one is not "Windows-1252":
# it mixes encodings; --skip-invalid skips the odd row, and --encoding
# cp1252 refuses the UTF-8 it would turn into "RÃ©union".
export ITIN_FILE="$T/mixed.itin"
printf 'title,start,city,country\nR\303\251union \303\240 Gen\303\250ve,2023-07-05 10:00,Gen\303\250ve,CH\nCaf\351 with press,2023-07-06 10:00,Paris,FR\nD\303\251jeuner,2023-07-07 12:00,Paris,FR\n' >"$T/mixed.csv"
snapshot
run import "$T/mixed.csv"
expect_rc 65 "mixed csv: refused"
expect_err "mixed.csv:3:4: invalid UTF-8 \(byte 0xE9\), but line 2 is UTF-8: the file mixes encodings$" "mixed csv: no Windows-1252 hint"
for enc in cp1252 latin1; do
	run import --encoding $enc "$T/mixed.csv"
	expect_rc 65 "mixed csv, --encoding $enc: refused"
	expect_err "^itin: $T/mixed.csv:2:2: bytes 0xC3 0xA9 are UTF-8 \('é'\), not (Windows-1252|Latin-1): the file is UTF-8 \(drop --encoding\) or mixes encodings$" "mixed csv, --encoding $enc: names the line"
	unchanged "mixed csv, --encoding $enc"
done
run import --skip-invalid "$T/mixed.csv"
expect_rc 0 "mixed csv, --skip-invalid: the odd row skipped"
expect_err "imported 2 events .*\(3 rows, 1 skipped\)" "mixed csv, --skip-invalid: counts"

# One stray bad byte (no encoding to name) is the row's problem.
export ITIN_FILE="$T/stray.itin"
printf 'title,start\nBad \201 byte,2023-07-05\nok,2023-07-06\n' >"$T/stray.csv"
run import --skip-invalid "$T/stray.csv"
expect_rc 0 "stray byte, --skip-invalid: row skipped"
expect_err "stray.csv:2:5: invalid UTF-8 \(byte 0x81\); row skipped" "stray byte: warned"
expect_err "imported 1 event .*\(2 rows, 1 skipped\)" "stray byte: the other row in"

# Latin-1 from Excel: 0x80-0x9F are Windows-1252's, never C1 controls.
export ITIN_FILE="$T/l1q.itin"
printf 'title,start\n\223Quoted\224 talks \226 Z\374rich,2023-03-05\n' >"$T/l1q.csv"
run import --encoding latin1 "$T/l1q.csv"
expect_rc 0 "--encoding latin1 with curly quotes"
run list --format tsv
expect_out_match "	“Quoted” talks – Zürich$" "--encoding latin1: 0x93 0x94 0x96 as Windows-1252"

# A byte the encoding lacks: named at its line.
printf 'title,start\nCaf\351,2023-07-05\nok \201,2023-07-06\n' >"$T/und.csv"
snapshot
run import --encoding cp1252 "$T/und.csv"
expect_rc 65 "--encoding cp1252, byte 0x81: refused"
expect_err "^itin: $T/und.csv:3:4: byte 0x81 is not a character of Windows-1252$" "--encoding cp1252, byte 0x81: FILE:LINE:COL"
unchanged "--encoding cp1252, byte 0x81"
printf '2023-03-02 10:00  meeting  R\351union @ Paris, FR\n2023-03-03 10:00  meeting  Bad \201 @ Paris, FR\n' >"$T/und.itin"
run import --encoding cp1252 "$T/und.itin"
expect_rc 65 "--encoding cp1252, .itin with byte 0x81: refused"
expect_err "^itin: $T/und.itin:2:32: byte 0x81 is not a character of Windows-1252$" "--encoding cp1252, .itin: FILE:LINE:COL"

# UTF-16 .itin and .ics files, with or without the mark, get the hint
# (not "NUL byte in input" or "bare CR" somewhere).
export ITIN_FILE="$T/u16b.itin"
printf '2023-03-02 10:00  meeting  R\303\251union @ Paris, FR\n' >"$T/u8.itin"
for e in UTF-16:utf-16 UTF-16LE:utf-16le UTF-16BE:utf-16be; do
	for x in itin ics csv; do
		iconv -f UTF-8 -t "${e%%:*}" "$T/u8.itin" >"$T/w.$x"
		run import "$T/w.$x"
		expect_rc 65 "${e%%:*} .$x: refused"
		expect_err "^itin: $T/w.$x:1:[12]: .*; the file looks like UTF-16: try --encoding ${e##*:}$" "${e%%:*} .$x: the hint"
	done
	iconv -f UTF-8 -t "${e%%:*}" "$T/u8.itin" >"$T/w.itin"
	run import --encoding "${e##*:}" "$T/w.itin"
	expect_rc 0 "${e%%:*} .itin: --encoding ${e##*:} reads it"
done

finish
