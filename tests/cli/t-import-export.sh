#!/bin/sh
# t-import-export.sh: import (all or nothing, replace by id, summaries,
# --dry-run, stdin) and export (formats, -o written atomically).
. "$(dirname "$0")/lib.sh"

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

cp "$ROOT/samples/nato-2023.itin" "$T/nato.itin"
n_nato=$(grep -c '^[0-9]' "$T/nato.itin")

run import "$T/nato.itin"
expect_rc 0 "import: the sample"
expect_out /dev/null "import: nothing on stdout"
expect_err "^itin: imported $n_nato events \($n_nato added, 0 updated, 0 unchanged\) from $T/nato.itin$" "import: summary line"
run list --format itin
expect_out "$T/nato.itin" "import: the store holds the sample, canonical"

snapshot
run import "$T/nato.itin"
expect_rc 0 "import again"
expect_err "\(0 added, 0 updated, $n_nato unchanged\)" "import again: all unchanged"
unchanged "import again"

# Hand-written events without ids get derived ids: importing twice is a no-op.
cat >"$T/hand.txt" <<'EOT'
# written by hand
2023-03-01      meeting   Hand-written meeting @ Vilnius, LT
2023-03-02 10:00  call  Hand-written call
EOT
run import "$T/hand.txt"
expect_rc 0 "import .txt without ids"
expect_err "\(2 added, 0 updated, 0 unchanged\)" "import .txt: two added"
snapshot
run import "$T/hand.txt"
expect_err "\(0 added, 0 updated, 2 unchanged\)" "import .txt again: derived ids match"
unchanged "import .txt again"

# Replace by id.
sed 's/Interview with Yonhap News Agency/Interview with Yonhap (updated)/' "$T/nato.itin" >"$T/nato2.itin"
run import "$T/nato2.itin"
expect_rc 0 "import: a changed event"
expect_err "\(0 added, 1 updated, $((n_nato - 1)) unchanged\)" "import: one updated"
run list --format tsv --grep Yonhap
expect_out_match "Interview with Yonhap \(updated\)$" "import: the event was replaced"
n=$(grep -c Yonhap "$T/out")
[ "$n" -eq 1 ] && ok "import: replaced, not duplicated" || not_ok "import: replaced, not duplicated ($n)"

# The original again: the stored event is a newer revision (seq 1, the
# file's 0) and its id is the one derived from the file's content: kept.
snapshot
run import "$T/nato.itin"
expect_err "\(0 added, 0 updated, $n_nato unchanged\)" "import: the older original does not undo the update"
unchanged "import: the older original"

# --dry-run and stdin.
sed 's/Flight to Seoul/Flight to Seoul (updated)/' "$T/nato2.itin" >"$T/nato3.itin"
snapshot
run import --dry-run "$T/nato3.itin"
expect_rc 0 "import --dry-run"
expect_err "^itin: would import $n_nato events \(0 added, 1 updated, $((n_nato - 1)) unchanged\) from" "import --dry-run: what would happen"
unchanged "import --dry-run"
run_in "$T/hand.txt" import --format itin -
expect_rc 0 "import - with --format"
expect_err "from <stdin>$" "import -: named <stdin>"
run_in "$T/hand.txt" import -
expect_rc 64 "import - without --format"
expect_err "^itin: reading standard input needs --format \(see 'itin import --help'\)$" "import -: message"

# Several files, all or nothing.
printf '2023-04-01 other A @ Riga, LV\n' >"$T/a.itin"
printf '2023-04-02 other B @ Riga, LV\n2023-04-31 other C\n' >"$T/b.itin"
snapshot
run import "$T/a.itin" "$T/b.itin"
expect_rc 65 "import: an error in the second file"
expect_err "^itin: $T/b.itin:2:1: invalid date '2023-04-31'" "import: error at file:line:col"
unchanged "import: second file bad, nothing imported"
printf '2023-04-02 other B @ Riga, LV\n' >"$T/b.itin"
run import "$T/a.itin" "$T/b.itin"
expect_rc 0 "import: two files"
expect_err "^itin: imported 1 event \(1 added, 0 updated, 0 unchanged\) from $T/a.itin$" "import: one summary per file (1)"
expect_err "^itin: imported 1 event \(1 added, 0 updated, 0 unchanged\) from $T/b.itin$" "import: one summary per file (2)"

# Formats and files that cannot be read.
snapshot
printf 'x\n' >"$T/x.csv"; printf 'x\n' >"$T/x.ics"; printf 'x\n' >"$T/x.dat"
run import "$T/x.csv"
expect_rc 65 "import .csv: no title column"
expect_err "^itin: $T/x.csv:1:1: missing column 'title'$" "import .csv: message"
run import "$T/x.ics"
expect_rc 65 "import .ics: not an iCalendar file"
expect_err "^itin: warning: $T/x.ics:1:2: expected .:. after .x.; line ignored" "import .ics: the stray line"
expect_err "^itin: $T/x.ics: no VCALENDAR \(not an iCalendar file\)$" "import .ics: message"
run import --format csv "$T/x.dat"
expect_rc 65 "import --format csv: read as CSV"
expect_err "^itin: $T/x.dat:1:1: missing column 'title'$" "import --format csv: message"
run import "$T/x.dat"
expect_rc 64 "import: unknown extension"
expect_err "^itin: cannot tell the format of '$T/x.dat' \(use --format\) \(see 'itin import --help'\)$" "import: unknown extension message"
run import "$T/missing.itin"
expect_rc 66 "import: missing file"
expect_err "^itin: cannot open '$T/missing.itin': No such file or directory$" "import: missing file message"
mkdir -p "$T/dir.itin"
run import "$T/dir.itin"
expect_rc 66 "import: a directory"
expect_err "is a directory" "import: directory message"
run import
expect_rc 64 "import: no FILE"
run import --format xml x
expect_rc 64 "import --format unknown"
unchanged "import: refused files"
run import --help
expect_rc 0 "import --help"
expect_out_match "^usage: itin import" "import --help: usage"

# Export.
export ITIN_FILE="$T/exp.itin"
cp "$TESTDIR/data/list.itin" "$ITIN_FILE"
snapshot
run export
expect_rc 0 "export: ics is the default"
expect_out_match "^BEGIN:VCALENDAR" "export: iCalendar by default"
run export --format csv
expect_rc 0 "export --format csv"
run export --format agenda
expect_rc 64 "export --format agenda: not an export format"
run export --format tsv
expect_rc 0 "export --format tsv"
golden list-tsv "export tsv = list tsv"
run export --format json
golden list-json "export json = list json"
run export --format itin
expect_out "$TESTDIR/data/list.itin" "export itin: the canonical store"
run export --format tsv --type summit --from 2023-07-01
expect_out_text "id	type	start	end	tz	city	country	title
e09	summit	2023-07-11	2023-07-12		Vilnius	LT	NATO Summit" "export with filters"

run export --format itin -o "$T/copy.itin"
expect_rc 0 "export -o"
expect_out /dev/null "export -o: nothing on stdout"
same_file "$TESTDIR/data/list.itin" "$T/copy.itin" "export -o: the file written"
umask_now=$(umask)
perm=$(stat -c %a "$T/copy.itin")
want=$(printf '%o' $((0666 & ~0$umask_now)))
[ "$perm" = "$want" ] && ok "export -o: mode follows the umask" || not_ok "export -o: mode $perm, want $want"
chmod 640 "$T/copy.itin"
ln "$T/copy.itin" "$T/hardlink.itin"
run export --format tsv -o "$T/copy.itin"
expect_rc 0 "export -o over an existing file"
perm=$(stat -c %a "$T/copy.itin")
[ "$perm" = 640 ] && ok "export -o: keeps the old file's mode" || not_ok "export -o: keeps the old file's mode ($perm)"
same_file "$TESTDIR/data/list.itin" "$T/hardlink.itin" "export -o: replaced by rename (a hard link keeps the old content)"
left=$(ls -a "$T" | grep -c '^\.copy')
[ "$left" -eq 0 ] && ok "export -o: no temporary file left" || not_ok "export -o: temporary file left"
run export --format tsv -o "$T/nodir/x.tsv"
expect_rc 73 "export -o into a missing folder"
expect_err "^itin: cannot create '$T/nodir/x.tsv'" "export -o missing folder: message"
run export --format tsv -o "$T/dir.itin"
expect_rc 73 "export -o onto a directory"
# -o onto things that are not regular files: never replaced.
run export --format tsv
cp "$T/out" "$T/want.tsv"
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from-fifo" &
reader=$!
run export --format tsv -o "$T/fifo"
wait "$reader"
expect_rc 0 "export -o into a named pipe"
[ -p "$T/fifo" ] && ok "export -o: the named pipe is still a pipe" || not_ok "export -o: the named pipe was replaced"
same_file "$T/want.tsv" "$T/from-fifo" "export -o: the reader of the pipe got the export"
if [ -c /dev/full ]; then
	run export --format tsv -o /dev/full
	expect_rc 74 "export -o /dev/full: I/O error"
	expect_err "^itin: cannot write '/dev/full': No space left on device$" "export -o /dev/full: message"
	[ -c /dev/full ] && ok "export -o /dev/full: still a device" || not_ok "export -o /dev/full: the device was replaced"
fi
ln -s target.tsv "$T/link.tsv"
run export --format tsv -o "$T/link.tsv"
expect_rc 0 "export -o through a symbolic link"
[ -L "$T/link.tsv" ] && ok "export -o: the link stays a link" || not_ok "export -o: the link was replaced"
same_file "$T/want.tsv" "$T/target.tsv" "export -o: the link's target written"

run export --format tsv -o "$T/x.tsv" extra
expect_rc 64 "export: unexpected argument"
run export --format tsv -o
expect_rc 64 "export -o without FILE"
unchanged "export never changes the store"
run export --help
expect_rc 0 "export --help"
expect_out_match "^usage: itin export" "export --help: usage"

finish
