#!/bin/sh
# run.sh: `make bench`. Times the itin binary named by $ITIN on a generated
# store of $BENCH_EVENTS events (default 100000) and prints a small table.
# A measurement, not a test: slowness never fails it, and it installs
# nothing (peak memory is shown only when GNU time is at /usr/bin/time).
#   ITIN           the binary (absolute path)
#   BENCH_EVENTS   size of the large store
#   BENCH_RUNS     runs of `itin add` per store, median reported (default 20)
#   CSVBENCH       bench/csvbench, for the CSV import table (bench/csv.sh;
#                  BENCH_CSV_ROWS rows, default 1000000; the best of
#                  BENCH_CSV_ROUNDS rounds, default 8)
#   EXTRACTBENCH, EMPTYPROG   bench/extractbench and bench/empty, for the
#                  itin extract table (bench/extract.sh; BENCH_REPORTS
#                  reports, default 1000, best of BENCH_EXTRACT_ROUNDS)
: "${ITIN:?ITIN must name the itin binary}"
here=$(cd "$(dirname "$0")" && pwd)
events=${BENCH_EVENTS:-100000}
runs=${BENCH_RUNS:-20}
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
# Keep the user's own store and settings out of it.
unset ITIN_FILE XDG_DATA_HOME ITIN_LOCK_TIMEOUT
export HOME="$W/home" NO_COLOR=1 LC_ALL=C.UTF-8
mkdir -p "$HOME"

now_ns() { date +%s%N; }

# ms VALUE_NS -> milliseconds with two decimals
ms() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e6 }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

# median of the numbers in file $1
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "n/a"; exit }
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

case $(date +%N) in
*N*|"") echo "bench: date +%N is not supported here; cannot time" >&2; exit 0 ;;
esac

# Failures are noted in a file: add_runs runs in a command substitution.
: >"$W/failed"
fail() { echo "$1" >>"$W/failed"; }
# add_runs STORE LABEL FRESH: time $runs `itin add` into STORE; with
# FRESH=1 the store is removed before each run (always empty).
add_runs() {
	: >"$W/times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		[ "$3" = 1 ] && rm -f "$1"
		t0=$(now_ns)
		"$ITIN" -f "$1" add meeting "Bench meeting $i" --start "2024-03-0$((i % 9 + 1)) 10:00" \
			--end 11:00 --tz Europe/Brussels --city Brussels --country BE >/dev/null 2>"$W/err" ||
			fail "add ($2 store)"
		t1=$(now_ns)
		echo $((t1 - t0)) >>"$W/times"
		i=$((i + 1))
	done
	median "$W/times"
}

printf 'generating %d events... ' "$events"
t0=$(now_ns)
sh "$here/gen.sh" "$events" >"$W/big.itin"
t1=$(now_ns)
echo "$(secs $((t1 - t0))) s, $(wc -c <"$W/big.itin") bytes"

empty_med=$(add_runs "$W/empty.itin" empty 1)
big_med=$(add_runs "$W/big.itin" big 0)

# One full read of the big store: list --format tsv, and peak RSS if we can.
list_run() {
	# $1: label; remaining: itin arguments
	label=$1
	shift
	rss="n/a"
	t0=$(now_ns)
	if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
		/usr/bin/time -o "$W/rss" -f %M "$ITIN" -f "$W/big.itin" "$@" >"$W/out" 2>"$W/err" ||
			fail "$label"
		rss="$(tail -n 1 "$W/rss") KiB"
	else
		"$ITIN" -f "$W/big.itin" "$@" >"$W/out" 2>"$W/err" || fail "$label"
	fi
	t1=$(now_ns)
	lines=$(wc -l <"$W/out")
	printf '%-36s %10s s   %8s lines   peak RSS %s\n' "$label" "$(secs $((t1 - t0)))" "$lines" "$rss"
}

echo
echo "itin benchmark: $ITIN"
echo "store: $events generated events; add: median of $runs runs"
echo
printf '%-36s %10s ms\n' "add into an empty store" "$(ms "$empty_med")"
printf '%-36s %10s ms\n' "add into the $events-event store" "$(ms "$big_med")"
list_run "list --format tsv ($events events)" list --format tsv
list_run "list --format itin ($events events)" list --format itin
list_run "list, one month (agenda)" list --from 2021-03-01 --to 2021-03-31

# CSV import (bench/csv.sh), when make built the csvbench program.
if [ -n "$CSVBENCH" ]; then
	CSVBENCH=$CSVBENCH sh "$here/csv.sh"
fi

# The viewer: time to the first screen and per keystroke (bench/view.sh).
ITIN="$ITIN" sh "$here/view.sh" "$W/big.itin"

# iCalendar export and import next to Python's icalendar.
ITIN=$ITIN BENCH_EVENTS=$events sh "$here/ics.sh"

# Import of events of one content against the distinct-title floor.
ITIN=$ITIN BENCH_EVENTS=$events sh "$here/same.sh"

# itin extract over 1,000 generated reports, next to its floors.
if [ -n "$EXTRACTBENCH" ] && [ -n "$EMPTYPROG" ]; then
	ITIN=$ITIN EXTRACTBENCH=$EXTRACTBENCH EMPTYPROG=$EMPTYPROG \
		sh "$here/extract.sh"
fi

if [ -s "$W/failed" ]; then
	echo
	echo "note: some runs failed (their times mean little):"
	sort -u "$W/failed" | sed 's/^/  /'
	echo "last error:"
	head -3 "$W/err" | sed 's/^/  /'
fi
exit 0
