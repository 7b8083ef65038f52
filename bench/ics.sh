#!/bin/sh
# ics.sh: `make bench`, the iCalendar part. Times `itin export` of a store
# of $BENCH_EVENTS events (default 100000) to .ics and `itin import` of
# that file into an empty store, next to Python's icalendar (Debian's
# python3-icalendar) doing the same work on the same machine in the same
# run (bench/ics_py.py), and prints both times and the ratio.
# A measurement, not a test: it never fails.
#   ITIN           the binary (absolute path)
#   BENCH_EVENTS   size of the store
: "${ITIN:?ITIN must name the itin binary}"
here=$(cd "$(dirname "$0")" && pwd)
events=${BENCH_EVENTS:-100000}
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-ics.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
unset ITIN_FILE XDG_DATA_HOME ITIN_LOCK_TIMEOUT
export HOME="$W/home" NO_COLOR=1 LC_ALL=C.UTF-8 ITIN_NOW=2023-01-25T12:00:00Z
mkdir -p "$HOME"

now_ns() { date +%s%N; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1fx", b / a; else print "n/a" }'; }

sh "$here/gen.sh" "$events" >"$W/big.itin"
"$ITIN" -f "$W/store.itin" import "$W/big.itin" 2>/dev/null

t0=$(now_ns)
"$ITIN" -f "$W/store.itin" export -o "$W/big.ics" || echo "bench: itin export failed" >&2
t1=$(now_ns)
exp_ns=$((t1 - t0))
t0=$(now_ns)
"$ITIN" -f "$W/back.itin" import --from 2019-01-01 --to 2050-12-31 "$W/big.ics" 2>"$W/err" ||
	{ echo "bench: itin import failed:" >&2; tail -n 2 "$W/err" >&2; }
t1=$(now_ns)
imp_ns=$((t1 - t0))
n=$(grep -c '^BEGIN:VEVENT' "$W/big.ics")

echo
echo "iCalendar: $events events, $(wc -c <"$W/big.ics") bytes of .ics, $n VEVENTs"
if /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	"$ITIN" -f "$W/store.itin" export --format json -o "$W/big.json"
	py_exp=$(/usr/bin/python3 "$here/ics_py.py" export "$W/big.json" "$W/py.ics" | cut -d' ' -f1)
	py_imp=$(/usr/bin/python3 "$here/ics_py.py" import "$W/big.ics" | cut -d' ' -f1)
	pe_ns=$(awk -v s="$py_exp" 'BEGIN { printf "%.0f", s * 1e9 }')
	pi_ns=$(awk -v s="$py_imp" 'BEGIN { printf "%.0f", s * 1e9 }')
	printf '%-28s %10s %16s %10s\n' "" "itin" "python-icalendar" "ratio"
	printf '%-28s %8s s %14s s %10s\n' "export to .ics" "$(secs $exp_ns)" "$py_exp" "$(ratio "$exp_ns" "$pe_ns")"
	printf '%-28s %8s s %14s s %10s\n' "import of the .ics" "$(secs $imp_ns)" "$py_imp" "$(ratio "$imp_ns" "$pi_ns")"
	echo "(ratio: python's time / itin's; itin's import includes writing the store)"
else
	printf 'export to .ics   %s s\nimport of .ics   %s s\n' "$(secs $exp_ns)" "$(secs $imp_ns)"
	echo "(python3-icalendar is not installed: no comparison)"
fi
exit 0
