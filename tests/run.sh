#!/bin/sh
# Runs every unit-test binary and every command-line test script, echoes
# their TAP-style lines, and ends with "N passed, N failed". Exit status 1
# when anything failed (or a test program died without reporting).
#   ITIN      the binary under test (absolute path)
#   UNIT_DIR  folder of the built unit-test binaries
#   ITIN_VALGRIND=1  run the binary under valgrind memcheck (see tests/cli/lib.sh)
#   TESTS     optional space-separated list of cli scripts to run (names)
#   REPLAY_DIR  folder of the fuzz targets built without libFuzzer
#             (replay_NAME): each is run over tests/fuzz/seeds/NAME and
#             tests/fuzz/regressions/NAME
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {
	# $1: name of the suite; reads the suite's output in $log, exit in $2
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $1 exited with status $2 without reporting a failure"
		f=1
	fi
	if [ $((p + f)) -eq 0 ]; then
		echo "not ok - $1 ran no test"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

if [ -d "$UNIT_DIR" ]; then
	for t in "$UNIT_DIR"/test_*; do
		[ -x "$t" ] || continue
		echo "# unit: $(basename "$t")"
		"$t" >"$log" 2>&1
		rc=$?
		cat "$log"
		count "$(basename "$t")" "$rc"
	done
fi

if [ -n "$REPLAY_DIR" ] && [ -d "$REPLAY_DIR" ]; then
	for t in "$REPLAY_DIR"/replay_*; do
		[ -x "$t" ] || continue
		name=${t##*/replay_}
		set --
		for d in "$here/fuzz/seeds/$name" "$here/fuzz/regressions/$name"; do
			[ -d "$d" ] && set -- "$@" "$d"
		done
		[ $# -gt 0 ] || continue
		echo "# fuzz replay: $name"
		"$t" "$@" >"$log" 2>&1
		rc=$?
		cat "$log"
		count "replay_$name" "$rc"
	done
fi

for t in "$here"/cli/t-*.sh; do
	name=$(basename "$t" .sh)
	if [ -n "$TESTS" ]; then
		case " $TESTS " in *" $name "*) ;; *) continue ;; esac
	fi
	echo "# cli: $name"
	sh "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	count "$name" "$rc"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
