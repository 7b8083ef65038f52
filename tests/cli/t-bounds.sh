#!/bin/sh
# t-bounds.sh: endless and huge inputs, stores that are not files, and
# running out of memory (issue 12, items 3 and 4). Every reader checks its
# limits WHILE reading (1 MiB lines, NUL bytes, ITIN_MAX_INPUT in total),
# so /dev/zero, /dev/urandom, a FIFO fed from /dev/zero, standard input
# and a 2 GB sparse file all end in 65 within seconds and a small amount
# of memory; a store that is a FIFO or a device is refused (66) without
# waiting for a writer; out of memory is 71 with a message, never an
# abort. Every run is bounded by timeout(1) and, in the native build, by
# ulimit -v, so a regression fails fast instead of hanging.
. "$(dirname "$0")/lib.sh"

if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	echo "ok 1 # skip: endless inputs and ulimit -v are for the native build"
	finish
fi
if asan_build; then
	# AddressSanitizer reserves terabytes of address space.
	LIMIT_KB=unlimited
	ASAN=1
else
	LIMIT_KB=262144
	ASAN=0
fi

# bounded ARGS...: itin ARGS in at most 20 s and LIMIT_KB of address
# space; standard input is the caller's.
bounded() {
	run_bounded 20 "$LIMIT_KB" "$@"
}

# limited SIZE ARGS...: bounded with ITIN_MAX_INPUT=SIZE.
limited() {
	ITIN_MAX_INPUT=$1
	export ITIN_MAX_INPUT
	shift
	bounded "$@"
	unset ITIN_MAX_INPUT
}

# fast DESC: the last bounded run ended by itself, not by timeout's kill.
fast() {
	if [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ]; then
		not_ok "$1: killed after 20 s"
	else
		ok "$1: ends by itself"
	fi
}

absent() { # FILE DESC
	if [ -e "$1" ]; then
		not_ok "$2"
	else
		ok "$2"
	fi
}

# Feeders of FIFOs, killed at the end (by their id) if still blocked. A
# regression would make lock files in /dev (a writer locks "STORE.lock"):
# those this run made go too.
FEEDERS=
DEVLOCKS=
for l in /dev/zero.lock /dev/urandom.lock; do
	[ -e "$l" ] || DEVLOCKS="$DEVLOCKS $l"
done
cleanup() {
	for p in $FEEDERS; do
		kill "$p" 2>/dev/null
	done
	for l in $DEVLOCKS; do
		[ -f "$l" ] && [ ! -s "$l" ] && [ -O "$l" ] && rm -f "$l"
	done
	rm -rf "$T"
}
trap cleanup EXIT

# feed FIFO SOURCE: a FIFO that SOURCE is copied into for at most 30 s.
feed() {
	rm -f "$1"
	mkfifo "$1"
	timeout 30 sh -c 'cat "$1" >"$2" 2>/dev/null' sh "$2" "$1" &
	FEEDERS="$FEEDERS $!"
}

# ---- endless input to import -----------------------------------------

for f in itin ics csv; do
	bounded import --format $f /dev/zero
	fast "/dev/zero as .$f"
	expect_rc 65 "/dev/zero as .$f: status 65"
	case $f in
	csv) expect_err "^itin: /dev/zero:1:1: field too long" "/dev/zero as .$f: message at 1:1" ;;
	*) expect_err "^itin: /dev/zero:1:1: NUL byte in input$" "/dev/zero as .$f: message at 1:1" ;;
	esac
	absent "$ITIN_FILE" "/dev/zero as .$f: no store made"

	feed "$T/zfifo" /dev/zero
	bounded import --format $f "$T/zfifo"
	fast "FIFO fed from /dev/zero as .$f"
	expect_rc 65 "FIFO fed from /dev/zero as .$f: status 65"
	expect_err "^itin: $T/zfifo:1:1: " "FIFO fed from /dev/zero as .$f: located message"

	bounded import --format $f - </dev/zero
	fast "/dev/zero on standard input as .$f"
	expect_rc 65 "/dev/zero on standard input as .$f: status 65"
	expect_err "^itin: <stdin>:1:1: " "/dev/zero on standard input as .$f: located message"

	bounded import --format $f /dev/urandom
	fast "/dev/urandom as .$f"
	expect_rc 65 "/dev/urandom as .$f: status 65"
	expect_err "^itin: /dev/urandom:[0-9]+:[0-9]+: " "/dev/urandom as .$f: located message"

	absent "$ITIN_FILE" ".$f: endless inputs stored nothing"
done

# Through iconv (--encoding): the converted text has the same limits.
bounded import --format itin --encoding latin1 - </dev/zero
fast "/dev/zero through --encoding latin1"
expect_rc 65 "/dev/zero through --encoding latin1: status 65"
expect_err "NUL byte in input" "/dev/zero through --encoding latin1: message"

# A 2 GB sparse file (all NUL bytes): stopped at its first byte.
if truncate -s 2G "$T/sparse.itin" 2>/dev/null; then
	for f in itin ics csv; do
		bounded import --format $f "$T/sparse.itin"
		fast "2 GB sparse file as .$f"
		expect_rc 65 "2 GB sparse file as .$f: status 65"
		expect_err "^itin: $T/sparse.itin:1:1: " "2 GB sparse file as .$f: located message"
	done
	bounded -f "$T/sparse.itin" list
	fast "2 GB sparse store"
	expect_rc 65 "2 GB sparse store: status 65"
	expect_err "^itin: $T/sparse.itin:1:1: NUL byte in input$" "2 GB sparse store: message"
	rm -f "$T/sparse.itin"
else
	ok "# skip: no sparse files here"
fi

# ---- the line limit: 1 MiB, its CR LF not counted ----------------------

python3 - "$T" <<'PYEOF'
import sys
t = sys.argv[1]
M = 1024 * 1024
with open(t + '/long.itin', 'wb') as f:      # a 2 MiB line
    f.write(b'x' * (2 * M) + b'\n')
with open(t + '/long.ics', 'wb') as f:
    f.write(b'BEGIN:VCALENDAR\r\nX-A:' + b'x' * (2 * M) + b'\r\nEND:VCALENDAR\r\n')
def ics(n):                                   # one X- line of n bytes
    return (b'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n'
            b'X-A:' + b'x' * (n - 4) + b'\r\n'
            b'BEGIN:VEVENT\r\nUID:bounds-1\r\nDTSTAMP:20230101T000000Z\r\n'
            b'DTSTART:20230301T100000Z\r\nSUMMARY:Talks\r\nEND:VEVENT\r\n'
            b'END:VCALENDAR\r\n')
with open(t + '/edge.ics', 'wb') as f:       # exactly the limit
    f.write(ics(M))
with open(t + '/over.ics', 'wb') as f:       # one byte more
    f.write(ics(M + 1))
PYEOF

bounded import --format itin "$T/long.itin"
expect_rc 65 "2 MiB line in .itin: status 65"
expect_err "^itin: $T/long.itin:1:1048577: line too long \(2097152 bytes; limit 1 MiB\)$" "2 MiB line in .itin: FILE:LINE:COL and the limit"
bounded import --format ics "$T/long.ics"
expect_rc 65 "2 MiB line in .ics: status 65"
expect_err "^itin: $T/long.ics:2:1048577: line too long \(2097156 bytes; limit 1 MiB\)$" "2 MiB line in .ics: FILE:LINE:COL and the limit"
cp "$T/long.itin" "$T/long-store.itin"
bounded -f "$T/long-store.itin" list
expect_rc 65 "2 MiB line in the store: status 65"
expect_err "^itin: $T/long-store.itin:1:1048577: line too long" "2 MiB line in the store: message"

bounded -f "$T/edge.itin" import "$T/edge.ics"
expect_rc 0 "a line of exactly 1 MiB (and its CR LF) is read"
bounded -f "$T/over.itin" import "$T/over.ics"
expect_rc 65 "a line of 1 MiB + 1 byte: status 65"
expect_err "^itin: $T/over.ics:4:1048577: line too long \(1048577 bytes; limit 1 MiB\)$" "a line of 1 MiB + 1 byte: message"

# The 1 MiB limit is per physical line; a folded property may be longer,
# bounded by its field's limit, and refused at its own first line, not
# at BEGIN:VEVENT (line 4) as it was.
awk 'BEGIN { printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:f@example.org\r\nDTSTAMP:20230101T000000Z\r\nDTSTART:20230101T090000Z\r\nSUMMARY:"
	for (i = 0; i < 1000; i++) { printf "%s", substr("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1, 74); printf "\r\n " }
	printf "end\r\nDESCRIPTION:short\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" }' >"$T/fold.ics"
bounded -f "$T/fold.itin" import "$T/fold.ics"
expect_rc 65 "a folded SUMMARY of 74 KB: status 65"
expect_err "^itin: $T/fold.ics:8:1: title too long \(74003 bytes; limit 65536\)$" \
	"a folded SUMMARY of 74 KB: at the property's first line"

# An endless line: counted (not kept) until the total limit.
yes x | tr -d '\n' | (limited 8M import --format itin -; echo "$rc" >"$T/rc")
rc=$(cat "$T/rc")
fast "an endless line"
expect_rc 65 "an endless line: status 65"
expect_err "^itin: <stdin>:1:1048577: line too long \(more than [0-9]+ bytes; limit 1 MiB\)$" "an endless line: message"

# ---- the total limit: ITIN_MAX_INPUT -----------------------------------

# Endless valid lines, each format: 65 naming the limit and its variable.
endless() { # FORMAT LINE...: the lines once, then the last one forever
	python3 -c '
import sys
sys.stdout.buffer.write("".join(a + "\n" for a in sys.argv[1:-1]).encode())
line = (sys.argv[-1] + "\n").encode() * 1000
try:
    while True:
        sys.stdout.buffer.write(line)
except (BrokenPipeError, OSError):
    pass
' "$@" 2>/dev/null
}
for spec in "itin|2023-03-01 10:00  meeting  Talks @ Paris, FR" \
	"ics|BEGIN:VCALENDAR|X-A:b" \
	"csv|title,start|Talks,2023-03-01T10:00"; do
	f=${spec%%|*}
	rest=${spec#*|}
	old_ifs=$IFS
	IFS='|'
	# shellcheck disable=SC2086
	set -- $rest
	IFS=$old_ifs
	endless "$@" | (limited 1M import --format "$f" -; echo "$rc" >"$T/rc")
	rc=$(cat "$T/rc")
	fast "endless valid .$f"
	expect_rc 65 "endless valid .$f: status 65"
	expect_err "^itin: <stdin>: input larger than 1 MiB \(the limit; set ITIN_MAX_INPUT to raise it\)$" "endless valid .$f: names the limit and how to raise it"
done
absent "$ITIN_FILE" "endless valid input stored nothing"

# The limit is the variable's: a 2 MiB file passes with 3M, not with 1M.
python3 -c '
import sys
for i in range(40000):
    sys.stdout.write("2023-03-01 10:00  meeting  Talks %d @ Paris, FR\n" % i)
' >"$T/two.itin"
limited 1M import "$T/two.itin"
expect_rc 65 "2 MiB file, ITIN_MAX_INPUT=1M: status 65"
expect_err "input larger than 1 MiB" "2 MiB file, ITIN_MAX_INPUT=1M: message"
limited 3M import -n "$T/two.itin"
expect_rc 0 "2 MiB file, ITIN_MAX_INPUT=3M: read"
limited 0 import -n "$T/two.itin"
expect_rc 0 "ITIN_MAX_INPUT=0: no limit"
cp "$T/two.itin" "$T/two-store.itin"
limited 1M -f "$T/two-store.itin" list
expect_rc 65 "a store over ITIN_MAX_INPUT: status 65"
expect_err "^itin: $T/two-store.itin: input larger than 1 MiB" "a store over ITIN_MAX_INPUT: message"
for bad in abc 1T -1 1.5G 12Q 99999999999999999999; do
	limited "$bad" import -n "$T/two.itin"
	expect_rc 64 "ITIN_MAX_INPUT=$bad: status 64"
	expect_err "^itin: invalid ITIN_MAX_INPUT '$bad'" "ITIN_MAX_INPUT=$bad: message"
done

# ---- stores that are not regular files ---------------------------------

# elapsed_ok DESC START: the run took under 2 s (it must not wait).
elapsed_ok() {
	_ms=$(( ($(date +%s%N) - $2) / 1000000 ))
	if [ "$_ms" -lt 2000 ]; then
		ok "$1: at once (${_ms} ms)"
	else
		not_ok "$1: took ${_ms} ms"
	fi
}

printf '2023-03-01 10:00  meeting  Talks @ Paris, FR\n' >"$T/one.itin"
mkfifo "$T/fifo.itin"
for store in /dev/zero /dev/urandom "$T/fifo.itin" zfifo; do
	if [ "$store" = zfifo ]; then
		feed "$T/zstore.itin" /dev/zero
		store=$T/zstore.itin
	fi
	for cmd in "list" "rm x" "import $T/one.itin" \
		"add meeting Talks --start 2023-03-01T10:00" "show x" "edit x"; do
		# shellcheck disable=SC2086
		set -- $cmd
		start=$(date +%s%N)
		(ulimit -v "$LIMIT_KB" && EDITOR=true exec timeout -s KILL 10 "$ITIN" -f "$store" "$@") \
			>"$T/out" 2>"$T/err"
		rc=$?
		d="store $store, $1"
		expect_rc 66 "$d: status 66"
		elapsed_ok "$d" "$start"
		expect_err "^itin: '$store' is not a regular file \((a FIFO|a character device)\)$" "$d: message"
		absent "$store.lock" "$d: no lock file made"
	done
done
# The same through ITIN_FILE.
start=$(date +%s%N)
(ITIN_FILE="$T/fifo.itin" exec timeout -s KILL 10 "$ITIN" rm x) >"$T/out" 2>"$T/err"
rc=$?
expect_rc 66 "ITIN_FILE a FIFO, rm: status 66"
elapsed_ok "ITIN_FILE a FIFO, rm" "$start"
# A link to a FIFO is a FIFO.
ln -s "$T/fifo.itin" "$T/link.itin"
run -f "$T/link.itin" add meeting Talks --start 2023-03-01T10:00
expect_rc 66 "a link to a FIFO as the store: status 66"
absent "$T/fifo.itin.lock" "a link to a FIFO: no lock file made"
# A directory, for completeness.
mkdir "$T/dir.itin"
run -f "$T/dir.itin" add meeting Talks --start 2023-03-01T10:00
expect_rc 66 "a directory as the store: status 66"
# import checks the store before it reads its inputs (their rules may
# take seconds): an input it would refuse is never reached.
printf 'not an itinerary line\n' >"$T/bad-in.itin"
for store in "$T/fifo.itin" "$T/dir.itin"; do
	run -f "$store" import "$T/bad-in.itin"
	expect_rc 66 "import into $store: the store refused first (66)"
	expect_err "^itin: '$store' is (not a regular file \(a FIFO\)|a directory)$" \
		"import into $store: the store named, not the input"
done

# ---- out of memory: 71, a message, no abort, the store untouched -------

if [ "$ASAN" = 1 ]; then
	ok "# skip: ulimit -v cannot bound AddressSanitizer"
	finish
fi
python3 - "$T" <<'PYEOF'
import sys
t = sys.argv[1]
with open(t + '/big.itin', 'w') as f:
    for i in range(300000):
        f.write('2026-%02d-%02d 10:00  meeting  Talks number %d with a '
                'delegation @ Paris, FR\n' % (1 + i % 12, 1 + i % 28, i))
with open(t + '/big.csv', 'w') as f:
    f.write('title,start,city\n')
    for i in range(300000):
        f.write('Talks number %d with a delegation,2026-%02d-%02dT10:00,'
                'Paris\n' % (i, 1 + i % 12, 1 + i % 28))
PYEOF
mkdir -p "$T/cwd" "$T/st"
cp "$ROOT/samples/nato-2023.itin" "$T/st/store.itin"
cp "$T/st/store.itin" "$T/before"
# The address space to allow: what a small import needs (the libraries
# take about 45 MB today), found by steps of 10 MB, plus 10 MB; far less
# than 300000 events need (over 150 MB).
OOM_KB=50000
while [ "$OOM_KB" -lt 130000 ] &&
	! (ulimit -v "$OOM_KB" && exec "$ITIN" -f "$T/st/store.itin" import -n \
		"$ROOT/samples/nato-2023.ics") >/dev/null 2>&1; do
	OOM_KB=$((OOM_KB + 10000))
done
OOM_KB=$((OOM_KB + 10000))
oom() { # DESC ARGS...
	_d=$1
	shift
	(cd "$T/cwd" || exit 1
	 ulimit -c unlimited 2>/dev/null
	 ulimit -v "$OOM_KB" && exec timeout -s KILL 30 "$ITIN" "$@") >"$T/out" 2>"$T/err"
	rc=$?
	expect_rc 71 "$_d: status 71"
	expect_err "^itin: out of memory( \([0-9]+ bytes\))?$" "$_d: message"
	if [ -n "$(ls "$T/cwd")" ]; then
		not_ok "$_d: no core file"
	else
		ok "$_d: no core file"
	fi
}
for f in big.itin big.csv; do
	oom "import of $f" -f "$T/st/store.itin" import "$T/$f"
	same_file "$T/before" "$T/st/store.itin" "import of $f: store byte-identical"
done
cp "$T/big.itin" "$T/st/big-store.itin"
oom "list of a big store" -f "$T/st/big-store.itin" list
oom "rm in a big store" -f "$T/st/big-store.itin" rm x
printf 'old\n' >"$T/st/out.ics"
# export holds a record an event, not the events (storestream.h): the
# big store is written whole within the limit. One event written twice
# makes the scan give up and the store be read whole, which runs out.
(ulimit -v "$OOM_KB" && exec "$ITIN" -f "$T/st/big-store.itin" export \
	--format tsv) >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "export of a big store within the limit"
[ "$(wc -l <"$T/out")" = 300001 ] && ok "export of a big store: every event" ||
	not_ok "export of a big store: $(wc -l <"$T/out") lines"
cp "$T/big.itin" "$T/st/big-twin.itin"
head -n 1 "$T/big.itin" >>"$T/st/big-twin.itin"
oom "export -o from a big store read whole" -f "$T/st/big-twin.itin" export -o "$T/st/out.ics"
rm -f "$T/st/big-twin.itin"
printf 'old\n' >"$T/want"
same_file "$T/want" "$T/st/out.ics" "export -o: the old output file untouched"
same_file "$T/big.itin" "$T/st/big-store.itin" "rm in a big store: store byte-identical"
if ls -a "$T/st" | grep -q '^\.[^.]'; then
	not_ok "out of memory: no temporary file left"
	ls -a "$T/st" | sed 's/^/#   /'
else
	ok "out of memory: no temporary file left"
fi

# A crash inside a library (libical out of memory ended in SIGSEGV) must
# not leave a core file holding the itinerary: itin sets its soft
# RLIMIT_CORE to 0 whatever `ulimit -c` says (core_pattern may pipe cores
# elsewhere, so the limit itself is checked, in /proc, while itin waits
# for an editor that reads it). ITIN_CORE_DUMPS=1 keeps the user's limit.
cat >"$T/limits-ed.sh" <<'ED'
#!/bin/sh
pid=$PPID
for _ in 1 2 3; do
	if [ "$(cat /proc/$pid/comm 2>/dev/null)" = itin ]; then
		grep '^Max core file size' /proc/$pid/limits | awk '{ print $5 }' >"$LIMITS_OUT"
		exit 0
	fi
	pid=$(awk '/^PPid:/ { print $2 }' /proc/$pid/status)
done
echo "no itin" >"$LIMITS_OUT"
ED
chmod 755 "$T/limits-ed.sh"
printf '2023-01-02 09:00-10:00  meeting  Core\n    id: core1\n' >"$T/core.itin"
if [ ! -r /proc/self/limits ] || [ "${ITIN_VALGRIND:-0}" = 1 ] ||
	! (ulimit -c unlimited 2>/dev/null || ulimit -c 100000 2>/dev/null); then
	ok "# skip: no /proc limits, or ulimit -c cannot be raised"
else
	for cd in "" 1; do
		rm -f "$T/limits"
		(ulimit -c unlimited 2>/dev/null || ulimit -c 100000
		 ITIN_CORE_DUMPS=$cd LIMITS_OUT=$T/limits EDITOR=$T/limits-ed.sh \
			exec timeout -s KILL 20 "$ITIN" -f "$T/core.itin" edit core1) \
			>"$T/out" 2>"$T/err"
		rc=$?
		got=$(cat "$T/limits" 2>/dev/null)
		if [ -z "$cd" ]; then
			[ "$got" = 0 ] && ok "core files: itin runs with a core limit of 0" ||
				not_ok "core files: itin runs with a core limit of 0 (got '$got')"
		else
			[ -n "$got" ] && [ "$got" != 0 ] &&
				ok "core files: ITIN_CORE_DUMPS=1 keeps ulimit -c ($got)" ||
				not_ok "core files: ITIN_CORE_DUMPS=1 keeps ulimit -c (got '$got')"
		fi
	done
fi

finish
