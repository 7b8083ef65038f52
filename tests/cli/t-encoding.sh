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

finish
