#!/bin/sh
# startup.sh: what starting itin costs (issue 15, item 1), next to a C
# program that does nothing (bench/empty.c, built the same way: `make
# bench` builds build/bench/empty). Three commands that need no library
# but libc's, utf8proc and libcsv:
#   itin --version
#   itin add, into an empty store (a new file each time)
#   itin list, of an empty store
# Each is timed as a block of $BENCH_STARTUP_RUNS processes (default 20),
# the best of $BENCH_STARTUP_ROUNDS rounds (default 10); the rounds are
# interleaved (every command once per round, in turn), so that a busy
# moment of the machine falls on all of them alike. With ITIN_BEFORE (a
# second build, say main's) its rows are measured in the same rounds.
# Prints milliseconds per process, and the ratio and the difference to the
# empty program. A measurement, not a test: it never fails.
#   ITIN          the binary (absolute path)
#   ITIN_BEFORE   optional: another binary to compare with
#   EMPTYPROG     bench/empty.c, built by make
: "${ITIN:?ITIN must name the itin binary}"
: "${EMPTYPROG:?EMPTYPROG must name the empty program}"
rounds=${BENCH_STARTUP_ROUNDS:-10}
runs=${BENCH_STARTUP_RUNS:-20}
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-startup.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
unset ITIN_FILE XDG_DATA_HOME ITIN_LOCK_TIMEOUT
export HOME="$W/home" NO_COLOR=1 LC_ALL=C.UTF-8 ITIN_NOW=2023-01-25T12:00:00Z
mkdir -p "$HOME"
: >"$W/empty.itin"

now_ns() { date +%s%N; }

# The commands, as NAME BINARY-VARIABLE WHAT; each block runs one $runs
# times. add writes a new store each time: every run adds to an empty one.
block() { # WHAT BIN ROUND
	_i=0
	while [ "$_i" -lt "$runs" ]; do
		case $1 in
		empty) "$EMPTYPROG" ;;
		version) "$2" --version ;;
		add) ITIN_FILE="$W/add-$3-$_i.itin" "$2" add meeting Talks \
			--start "2023-01-30 10:00" --city Seoul ;;
		list) ITIN_FILE="$W/empty.itin" "$2" list --from 2023-01-01 ;;
		esac
		_i=$((_i + 1))
	done >/dev/null 2>>"$W/err"
	rm -f "$W"/add-*.itin
}

rows="empty:$EMPTYPROG"
for what in version add list; do
	[ -n "$ITIN_BEFORE" ] && rows="$rows $what-before:$ITIN_BEFORE"
	rows="$rows $what:$ITIN"
done

r=0
while [ "$r" -lt "$rounds" ]; do
	for row in $rows; do
		name=${row%%:*}
		bin=${row#*:}
		t0=$(now_ns)
		block "${name%-before}" "$bin" "$r"
		t1=$(now_ns)
		echo "$name $((t1 - t0))" >>"$W/times"
	done
	r=$((r + 1))
done

echo
echo "start-up: ms per process, best of $rounds interleaved rounds of $runs" \
	"runs each (the floor: bench/empty.c, a C program that does nothing)"
awk -v runs="$runs" '
	{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2 }
	END {
		floor = best["empty"] / runs / 1e6
		printf "%-32s %9s %9s %9s\n", "", "ms", "x floor", "- floor"
		printf "%-32s %9.2f %9s %9s\n", "empty C program", floor, "1.00", "0.00"
		n = split("version add list", w, " ")
		label["version"] = "itin --version"
		label["add"] = "itin add (empty store)"
		label["list"] = "itin list (empty store)"
		for (i = 1; i <= n; i++)
			for (b = 1; b >= 0; b--) {
				k = b ? w[i] "-before" : w[i]
				if (!(k in best)) continue
				ms = best[k] / runs / 1e6
				printf "%-32s %9.2f %9.2f %9.2f\n",
					label[w[i]] (b ? ", before" : ""), ms, ms / floor, ms - floor
			}
	}' "$W/times"
if [ -s "$W/err" ]; then
	echo "(some runs said something on stderr; the first lines:)"
	head -n 3 "$W/err"
fi
