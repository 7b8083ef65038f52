#!/bin/sh
# t-limits.sh: hostile sizes end in a clear error (or a clean import) in
# bounded time and memory, never a crash, a hang or a swap storm: a 100 MB
# line, a field of 10 million characters, a million columns, random bytes,
# NUL bytes. Time is bounded with timeout(1); memory with ulimit -v (1 GiB
# of address space) except under AddressSanitizer or valgrind, which need
# far more address space than they use.
. "$(dirname "$0")/lib.sh"

if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	echo "ok 1 # skip: sizes this large are for the native build"
	finish
fi
if asan_build; then
	LIMIT_KB=unlimited
else
	LIMIT_KB=1048576
fi

# bounded DESC ARGS...: itin ARGS in at most 60 s and LIMIT_KB of memory.
bounded() {
	_d=$1
	shift
	run_bounded 60 "$LIMIT_KB" "$@"
	if [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ]; then
		not_ok "$_d: killed after 60 s"
	elif [ "$rc" -gt 128 ]; then
		not_ok "$_d: died with signal $((rc - 128))"
		show_run
	else
		ok "$_d: finished within the limits"
	fi
}

gen() {	# gen FILE KIND: write a hostile file
	python3 - "$@" <<'PYEOF'
import random, sys
path, kind = sys.argv[1:3]
random.seed(7)
with open(path, 'wb') as f:
    if kind == 'line':		# 100 MB, no line break
        f.write(b'x' * 100_000_000)
    elif kind == 'field-itin':	# a title of 10 million characters
        f.write(b'2023-01-30  meeting  ' + b'T' * 10_000_000 + b'\n')
    elif kind == 'title-itin':	# fits on a line, over the 64 KiB field limit
        f.write(b'2023-01-30  meeting  ' + b'T' * 70_000 + b'\n')
    elif kind == 'random':
        f.write(random.randbytes(10_000_000))
    elif kind == 'nul':
        f.write(b'\0' * 10_000_000)
    elif kind == 'field-csv':
        f.write(b'title,start\n"' + b'T' * 10_000_000 + b'",2023-01-30\n')
    elif kind == 'columns-csv':
        f.write(b'title,start' + b',x' * 1_000_000 + b'\nA,2023-01-30\n')
    elif kind == 'rows-csv':	# many small rows: a clean import
        f.write(b'title,start\n')
        for i in range(100_000):
            f.write(b'Meeting %d,2023-01-30T10:00\n' % i)
PYEOF
}

for k in line field-itin title-itin random nul; do
	gen "$T/$k" "$k"
done

bounded "100 MB line" import --format itin "$T/line"
expect_rc 65 "100 MB line: status 65"
expect_err "^itin: .*/line:1:1048577: line too long \(100000000 bytes; limit 1 MiB\)$" "100 MB line: message"
[ ! -e "$ITIN_FILE" ] && ok "100 MB line: nothing stored" || not_ok "100 MB line: nothing stored"

cp "$T/line" "$T/store-line.itin"
bounded "100 MB line in the store" -f "$T/store-line.itin" list
expect_rc 65 "100 MB line in the store: status 65"
expect_err "line too long" "100 MB line in the store: message"

bounded "10 million character title" import --format itin "$T/field-itin"
expect_rc 65 "10 million character title: status 65"
expect_err "line too long" "10 million character title: message"

bounded "70000 byte title" import --format itin "$T/title-itin"
expect_rc 65 "70000 byte title: status 65"
expect_err "title too long \(70000 bytes; limit 65536\)" "70000 byte title: message"

bounded "random bytes" import --format itin "$T/random"
expect_rc 65 "random bytes: status 65"
expect_err "^itin: .*/random:[0-9]+:[0-9]+: " "random bytes: located message"

bounded "NUL bytes" import --format itin "$T/nul"
expect_rc 65 "NUL bytes: status 65"
# One 10 MB line: its first NUL comes before its length passes the limit
# (the reader checks both while reading, inread.h).
expect_err "^itin: .*/nul:1:1: NUL byte in input$" "NUL bytes: message"
head -c 1000 "$T/nul" >"$T/nul-short"
bounded "1000 NUL bytes" import --format itin "$T/nul-short"
expect_rc 65 "1000 NUL bytes: status 65"
expect_err "^itin: .*/nul-short:1:1: NUL byte in input$" "1000 NUL bytes: message"

bounded "random bytes on stdin" import --format itin - <"$T/random"
expect_rc 65 "random bytes on stdin: status 65"

# iCalendar: components nested 100000 deep, and never closed; 100000
# VEVENTs never closed; a 100 MB line.
python3 - "$T" <<'PYEOF'
import sys
t = sys.argv[1]
with open(t + '/nested.ics', 'wb') as f:
    f.write(b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n')
    f.write(b'BEGIN:VEVENT\r\nBEGIN:VALARM\r\n' * 50000)
with open(t + '/nested-closed.ics', 'wb') as f:
    f.write(b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n')
    f.write(b'BEGIN:X-A\r\n' * 100000 + b'END:X-A\r\n' * 100000)
    f.write(b'END:VCALENDAR\r\n')
with open(t + '/unclosed.ics', 'wb') as f:
    f.write(b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n')
    for i in range(100000):
        f.write(b'BEGIN:VEVENT\r\nUID:%d\r\nDTSTART:20230101T100000Z\r\nSUMMARY:x\r\n' % i)
PYEOF
run import --format ics --dry-run /dev/null
if [ "$rc" -eq 64 ] && grep -q "not available\|unknown format" "$T/err"; then
	ok "ics limits # skip: import --format ics is not available"
else
	for k in nested nested-closed unclosed; do
		bounded "ics: $k" import --format ics "$T/$k.ics"
		[ "$rc" -eq 65 ] || [ "$rc" -eq 0 ] && ok "ics: $k: a clean end (status $rc)" ||
			{ not_ok "ics: $k: status $rc"; show_run; }
	done
	bounded "ics: 100 MB line" import --format ics "$T/line"
	expect_rc 65 "ics: 100 MB line: status 65"
	bounded "ics: random bytes" import --format ics "$T/random"
	expect_rc 65 "ics: random bytes: status 65"
	bounded "ics: NUL bytes" import --format ics "$T/nul"
	expect_rc 65 "ics: NUL bytes: status 65"
fi

# A VTIMEZONE read for tens of thousands of times past 2035 (the fuzzer's
# find: libical expands its whole history again for each such time).
ics_far="$(dirname "$0")/../fuzz/regressions/ics/vtimezone-far-years-slow"
export ITIN_FILE="$T/farzone.store"
bounded "ics: 52,656 occurrences of a 1000-year event" import \
	--format ics --from 2023-01-01 --to 2024-12-31 "$ics_far"
expect_rc 0 "ics: 52,656 occurrences: imported"
bounded "ics: their export" export --format ics -o "$T/farzone.ics"
expect_rc 0 "ics: 52,656 occurrences: exported"
export ITIN_FILE="$T/farzone2.store"
bounded "ics: their VTIMEZONE read 105,000 times past 2035" import \
	--from 2023-01-01 --to 2024-12-31 "$T/farzone.ics"
expect_rc 0 "ics: the export imports again"
# 52,656 occurrences and the file's two overrides of no series here
# (events of their own, whatever their dates).
expect_err "imported 52658 events" "ics: every occurrence imported again"

# CSV, once import --format csv exists.
run import --format csv --dry-run /dev/null
if [ "$rc" -eq 64 ]; then
	ok "csv limits # skip: import --format csv is not available"
	finish
fi
for k in field-csv columns-csv rows-csv; do
	gen "$T/$k" "$k"
done
bounded "csv: 10 million character field" import --format csv "$T/field-csv"
expect_rc 65 "csv: 10 million character field: status 65"
expect_err "field too long" "csv: 10 million character field: message"
bounded "csv: a million columns" import --format csv "$T/columns-csv"
expect_rc 65 "csv: a million columns: status 65"
expect_err "too many fields in a record \(limit 10000\)" "csv: a million columns: message"
bounded "csv: random bytes" import --format csv "$T/random"
expect_rc 65 "csv: random bytes: status 65"
bounded "csv: NUL bytes" import --format csv "$T/nul"
expect_rc 65 "csv: NUL bytes: status 65"
bounded "csv: 100 MB line" import --format csv "$T/line"
[ "$rc" -eq 65 ] || [ "$rc" -eq 0 ] && ok "csv: 100 MB line: clean end" ||
	not_ok "csv: 100 MB line: status $rc"
bounded "csv: 100000 rows" import --format csv --dry-run "$T/rows-csv"
expect_rc 0 "csv: 100000 rows import cleanly"

finish
