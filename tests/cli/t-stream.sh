#!/bin/sh
# t-stream.sh: export and list write their output as they make it, a block
# (64 KiB) at a time (outsink.h). Exports many blocks long come out whole
# and right (they import back to the same events), a reader that stops
# early (| head) stops itin quietly, and a write that fails half way, to
# stdout or to -o FILE, is reported and leaves the old file and no
# temporary file.
. "$(dirname "$0")/lib.sh"

# 3000 generated events: every export is several blocks long.
sh "$ROOT/bench/gen.sh" 3000 >"$ITIN_FILE"

run export --format itin
expect_rc 0 "export --format itin of 3000 events"
cp "$T/out" "$T/all.itin"
size=$(wc -c <"$T/all.itin")
[ "$size" -gt 262144 ] && ok "the export is several blocks long ($size bytes)" ||
	not_ok "the export is only $size bytes: it tests no streaming"

# Each format through stdout and -o, and list's through stdout: the same
# bytes; each imports back to the same events.
for fmt in ics csv json tsv itin; do
	run export --format "$fmt"
	cp "$T/out" "$T/stdout.$fmt"
	mkdir -p "$T/o-$fmt"
	run export --format "$fmt" -o "$T/o-$fmt/out.$fmt"
	expect_rc 0 "export --format $fmt -o FILE"
	same_file "$T/stdout.$fmt" "$T/o-$fmt/out.$fmt" "export --format $fmt: -o FILE is stdout's bytes"
	[ "$(ls -A "$T/o-$fmt")" = "out.$fmt" ] && ok "export --format $fmt -o: no temporary file left" ||
		not_ok "export --format $fmt -o left: $(ls -A "$T/o-$fmt" | tr '\n' ' ')"
	run list --format "$fmt"
	same_file "$T/stdout.$fmt" "$T/out" "list --format $fmt is export's bytes"
done
for fmt in ics csv itin; do
	rm -f "$T/back.itin"
	itin -f "$T/back.itin" import "$T/stdout.$fmt" >/dev/null 2>"$T/err"
	itin -f "$T/back.itin" export --format itin >"$T/back.out" 2>>"$T/err"
	same_file "$T/all.itin" "$T/back.out" "the $fmt export imports back to the same 3000 events"
done
n=$(grep -c '^id	' "$T/stdout.tsv")
[ "$(wc -l <"$T/stdout.tsv")" -eq 3001 ] && [ "$n" -eq 1 ] &&
	ok "tsv: a header and 3000 lines" || not_ok "tsv: $(wc -l <"$T/stdout.tsv") lines"
if command -v python3 >/dev/null 2>&1; then
	n=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$T/stdout.json" 2>&1)
	[ "$n" = 3000 ] && ok "json: one array of 3000 objects" || not_ok "json: $n"
else
	ok "json: one array # skip no python3"
fi
[ "$(grep -c '^BEGIN:VEVENT' "$T/stdout.ics")" -eq 3000 ] &&
	[ "$(tail -c 15 "$T/stdout.ics")" = "$(printf 'END:VCALENDAR\r\n')" ] &&
	ok "ics: 3000 VEVENTs and the calendar's end" || not_ok "ics: cut or too short"
# Every VTIMEZONE before the first VEVENT.
first_ev=$(grep -n '^BEGIN:VEVENT' "$T/stdout.ics" | head -1 | cut -d: -f1)
last_tz=$(grep -n '^END:VTIMEZONE' "$T/stdout.ics" | tail -1 | cut -d: -f1)
[ -n "$last_tz" ] && [ "$last_tz" -lt "$first_ev" ] &&
	ok "ics: the zones come before the first event" || not_ok "ics: a VTIMEZONE after a VEVENT"

# A reader that stops (head): itin stops too, without a word. Killed by
# SIGPIPE, as cat or grep would be (status 141 in the shell)...
{
	itin export 2>"$T/err"
	echo $? >"$T/rc"
} | head -c 100 >"$T/head"
[ "$(cat "$T/rc")" -eq 141 ] && ok "export | head: itin ends on SIGPIPE" ||
	not_ok "export | head: status $(cat "$T/rc")"
head -c 100 "$T/stdout.ics" | cmp -s - "$T/head" && ok "export | head -c 100: the export's first 100 bytes" ||
	not_ok "export | head -c 100: other bytes"
[ -s "$T/err" ] && not_ok "export | head: a message" || ok "export | head: nothing on stderr"
# ... or, where SIGPIPE is ignored, status 0 and no message either.
(
	trap '' PIPE
	{
		itin export 2>"$T/err"
		echo $? >"$T/rc"
	} | head -c 100 >"$T/head"
)
[ "$(cat "$T/rc")" -eq 0 ] && ok "export | head, SIGPIPE ignored: status 0" ||
	not_ok "export | head, SIGPIPE ignored: status $(cat "$T/rc")"
[ -s "$T/err" ] && not_ok "export | head, SIGPIPE ignored: a message" ||
	ok "export | head, SIGPIPE ignored: nothing on stderr"

# stdout that fills up half way: 74 and why, as for a small output.
if [ -w /dev/full ]; then
	itin export >/dev/full 2>"$T/err"
	rc=$?
	expect_rc 74 "export >/dev/full, several blocks: status 74"
	expect_err "^itin: write error: " "export >/dev/full: says so"
	run export -o /dev/full
	expect_rc 74 "export -o /dev/full, several blocks: status 74"
	expect_err "^itin: cannot write '/dev/full': No space left on device$" "export -o /dev/full: says why"
else
	ok "export >/dev/full # skip no /dev/full"
	ok "export >/dev/full: says so # skip no /dev/full"
	ok "export -o /dev/full # skip no /dev/full"
	ok "export -o /dev/full: says why # skip no /dev/full"
fi

# A file size limit reached half way through -o FILE: the old file stays,
# and the temporary file that was being written is gone.
mkdir "$T/lim"
echo old >"$T/lim/cal.ics"
(ulimit -f 200 && itin export -o "$T/lim/cal.ics") >"$T/out" 2>"$T/err"
rc=$?
expect_rc 74 "export -o over the file size limit: status 74"
expect_err "^itin: cannot write '$T/lim/cal.ics': File too large$" "export -o over the limit: says why"
[ "$(cat "$T/lim/cal.ics")" = old ] && ok "export -o over the limit: the old file is unchanged" ||
	not_ok "export -o over the limit: the old file changed"
[ "$(ls -A "$T/lim")" = cal.ics ] && ok "export -o over the limit: no temporary file left" ||
	not_ok "export -o over the limit left: $(ls -A "$T/lim" | tr '\n' ' ')"
# A new file over the limit: none made.
(ulimit -f 200 && itin export -o "$T/lim/new.ics") >"$T/out" 2>"$T/err"
rc=$?
expect_rc 74 "export -o of a new file over the limit: status 74"
[ "$(ls -A "$T/lim")" = cal.ics ] && ok "export -o of a new file over the limit: nothing made" ||
	not_ok "export -o of a new file over the limit left: $(ls -A "$T/lim" | tr '\n' ' ')"

finish
