#!/bin/sh
# t-icsstream.sh: a .ics file is read in passes from the file itself
# (icalio_read_fd), a block at a time; standard input is read whole
# (icalio_read). Both must give the same store, the same warnings and the
# same errors at the same FILE:LINE:COL, whatever the file holds: folded
# lines across the reader's blocks, empty lines inside a folded one,
# control characters, bytes that are not UTF-8, lines to skip, END typos.
. "$(dirname "$0")/lib.sh"

# both DESC FILE [OPTION...]: import FILE from the file and from standard
# input into empty stores; outputs (the name said alike) and stores equal.
both() {
	desc=$1 f=$2
	shift 2
	rm -f "$T/a.itin" "$T/b.itin"
	(cd "$T" && itin -f a.itin import "$@" "$f" >out.a 2>err.a; echo "rc $?" >>out.a)
	(cd "$T" && itin -f b.itin import --format ics "$@" - <"$f" >out.b 2>err.b; echo "rc $?" >>out.b)
	sed "s|<stdin>|$f|g" "$T/err.b" >"$T/err.b2"
	sed "s|<stdin>|$f|g" "$T/out.b" >"$T/out.b2"
	if cmp -s "$T/out.a" "$T/out.b2" && cmp -s "$T/err.a" "$T/err.b2" &&
		{ [ ! -e "$T/a.itin" ] || cmp -s "$T/a.itin" "$T/b.itin"; }; then
		ok "$desc"
	else
		not_ok "$desc"
		diff -u "$T/err.a" "$T/err.b2" | head -20 | sed 's/^/#   /'
	fi
}

# A calendar of N events with a SUMMARY folded over many lines (far more
# than a block, 128 KiB, in all) and a VTIMEZONE.
python3 - "$T" <<'PY'
import sys
T = sys.argv[1]
def cal(n, extra=b""):
    out = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//t//t//EN",
           b"BEGIN:VTIMEZONE", b"TZID:My Zone", b"BEGIN:STANDARD",
           b"DTSTART:19700101T000000", b"TZOFFSETFROM:+0100",
           b"TZOFFSETTO:+0100", b"END:STANDARD", b"END:VTIMEZONE"]
    for i in range(n):
        out += [b"BEGIN:VEVENT", b"UID:e%d@example.org" % i,
                b"DTSTAMP:20230101T000000Z",
                b"DTSTART;TZID=My Zone:20230301T%02d0000" % (i % 20),
                b"DTEND;TZID=My Zone:20230301T%02d3000" % (i % 20),
                b"SUMMARY:Talks " + b"".join(b"\r\n word%d" % k for k in range(i % 40)),
                b"DESCRIPTION:" + b"x" * 60 + b"\r\n " + b"y" * 70,
                b"END:VEVENT"]
    return b"\r\n".join(out) + b"\r\n" + extra + b"END:VCALENDAR\r\n"
big = cal(3000)
open(T + "/big.ics", "wb").write(big)
# A control character deep in a folded line, past an empty line in it.
bad = big.replace(b"word7\r\n", b"word7\r\n\r\n wo\x01rd", 1)
open(T + "/ctrl.ics", "wb").write(bad)
# Latin-1, a line that is no content line, an END typo, a series with an
# override.
odd = cal(2000, b"BEGIN:VEVENT\r\nUID:s@x\r\nDTSTAMP:20230101T000000Z\r\n"
          b"DTSTART:20230301T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
          b"SUMMARY:Caf\xe9\r\nnot a line\r\nEND:VEVENTS\r\n"
          b"BEGIN:VEVENT\r\nUID:s@x\r\nDTSTAMP:20230101T000000Z\r\n"
          b"RECURRENCE-ID:20230302T100000Z\r\nDTSTART:20230302T120000Z\r\n"
          b"SUMMARY:Moved\r\nEND:VEVENT\r\n")
open(T + "/odd.ics", "wb").write(odd)
# A bare CR far after the first problem of the bytes: line ends first.
open(T + "/cr.ics", "wb").write(bad.replace(b"word3\r\n", b"wo\rrd3\r\n", 1)[::1])
open(T + "/lf.ics", "wb").write(odd.replace(b"\r\n", b"\n"))
PY

both "a 3000-event file, folded lines across blocks" "$T/big.ics"
both "a control character past an empty line in a folded one" "$T/ctrl.ics"
both "the same with --skip-invalid" "$T/ctrl.ics" --skip-invalid
both "Latin-1, a skipped line, an END typo, a series" "$T/odd.ics"
both "a bare CR after a control character" "$T/cr.ics"
both "LF line ends" "$T/lf.ics"

rm -f "$T/a.itin"
run -f "$T/a.itin" import "$T/big.ics"
expect_rc 0 "big.ics imports"
[ "$(grep -c '^[0-9]' "$T/a.itin")" -eq 3000 ] && ok "3000 events stored" ||
	not_ok "3000 events stored"
finish
