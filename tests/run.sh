#!/bin/sh
# run.sh: the test runner behind `make check` and `make valgrind`. A suite
# is one unit-test binary, one fuzz target's replay or one command-line
# script; each prints TAP-style lines ("ok N - what", "not ok N - what",
# "ok N - what # skip why"). Make runs the suites in parallel (-jN), each
# into its own log, and then sums them:
#
#   run.sh one LOGDIR NAME     run suite NAME: its output in LOGDIR/NAME.log,
#                              "STATUS SECONDS" in LOGDIR/NAME.rc once it ends
#   run.sh sum LOGDIR NAME...  print each suite's log in turn (never
#                              interleaved), then "N skipped" and, last,
#                              "N passed, N failed" (CI parses that line);
#                              exit 1 when anything failed
#   run.sh                     every suite, one after another, then the sum
#
# A suite NAME is test_X (the binary $UNIT_DIR/test_X), replay_X
# ($REPLAY_DIR/replay_X over tests/fuzz/seeds/X and tests/fuzz/regressions/X)
# or t-X (tests/cli/t-X.sh). A suite fails when it prints "not ok", exits
# non-zero, prints no test at all or dies before its status is written.
#   ITIN      the binary under test (absolute path)
#   UNIT_DIR  folder of the built unit-test binaries
#   REPLAY_DIR  folder of the fuzz targets built without libFuzzer
#   ITIN_VALGRIND=1  run the binary under valgrind memcheck (see tests/cli/lib.sh)
#   TESTS     (run.sh alone) space-separated names of the cli scripts to run
here=$(cd "$(dirname "$0")" && pwd)

# has_replay NAME: fuzz target NAME has seeds or regressions to replay.
has_replay() {
	[ -d "$here/fuzz/seeds/$1" ] || [ -d "$here/fuzz/regressions/$1" ]
}

# replay NAME: the fuzz target NAME, built without libFuzzer, over them.
replay() {
	_t=$1
	set --
	for _d in "$here/fuzz/seeds/$_t" "$here/fuzz/regressions/$_t"; do
		[ -d "$_d" ] && set -- "$@" "$_d"
	done
	"$REPLAY_DIR/replay_$_t" "$@"
}

# one LOGDIR NAME: run the suite, its output and status into LOGDIR.
one() {
	log=$1/$2.log
	mkdir -p "$1" && rm -f "$log" "$1/$2.rc" || exit 1
	start=$(date +%s)
	case $2 in
	test_*) "$UNIT_DIR/$2" >"$log" 2>&1 ;;
	replay_*) replay "${2#replay_}" >"$log" 2>&1 ;;
	t-*) sh "$here/cli/$2.sh" >"$log" 2>&1 ;;
	*) echo "not ok - no suite is called $2" >"$log" ;;
	esac
	rc=$?
	echo "$rc $(($(date +%s) - start))" >"$1/$2.rc"
}

# sum LOGDIR NAME...: print every log, count, and end with the totals.
sum() {
	logs=$1
	shift
	passed=0
	skipped=0
	failed=0
	for name; do
		rc=
		secs=
		[ -f "$logs/$name.rc" ] && read -r rc secs <"$logs/$name.rc"
		case $name in
		test_*) echo "# unit: $name${secs:+ ($secs s)}" ;;
		replay_*) echo "# fuzz replay: ${name#replay_}${secs:+ ($secs s)}" ;;
		*) echo "# cli: $name${secs:+ ($secs s)}" ;;
		esac
		log=$logs/$name.log
		[ -f "$log" ] || log=/dev/null
		cat "$log"
		s=$(grep -c '^ok .*#[[:space:]]*[Ss][Kk][Ii][Pp]' "$log")
		p=$(($(grep -c '^ok ' "$log") - s))
		f=$(grep -c '^not ok ' "$log")
		if [ -z "$rc" ]; then
			echo "not ok - $name died before reporting its exit status"
			f=$((f + 1))
		elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "not ok - $name exited with status $rc without reporting a failure"
			f=1
		fi
		if [ $((p + s + f)) -eq 0 ]; then
			echo "not ok - $name ran no test"
			f=1
		fi
		passed=$((passed + p))
		skipped=$((skipped + s))
		failed=$((failed + f))
	done
	echo "$skipped skipped"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# all: what make check runs, one suite after another.
all() {
	set --
	if [ -d "$UNIT_DIR" ]; then
		for t in "$UNIT_DIR"/test_*; do
			[ -x "$t" ] && set -- "$@" "${t##*/}"
		done
	fi
	if [ -n "$REPLAY_DIR" ] && [ -d "$REPLAY_DIR" ]; then
		for t in "$REPLAY_DIR"/replay_*; do
			[ -x "$t" ] && has_replay "${t##*/replay_}" &&
				set -- "$@" "${t##*/}"
		done
	fi
	for t in "$here"/cli/t-*.sh; do
		name=$(basename "$t" .sh)
		if [ -n "$TESTS" ]; then
			case " $TESTS " in *" $name "*) ;; *) continue ;; esac
		fi
		set -- "$@" "$name"
	done
	logs=$(mktemp -d "${TMPDIR:-/tmp}/itin-logs.XXXXXX") || exit 1
	trap 'rm -rf "$logs"' EXIT
	for name; do
		one "$logs" "$name"
	done
	sum "$logs" "$@"
}

case ${1-} in
one) one "$2" "$3" ;;
sum)
	shift
	sum "$@"
	;;
'') all ;;
*)
	echo "usage: run.sh [one LOGDIR NAME | sum LOGDIR NAME...]" >&2
	exit 2
	;;
esac
