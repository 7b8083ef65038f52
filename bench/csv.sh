#!/bin/sh
# csv.sh: CSV import throughput (issue 4), run by bench/run.sh.
# Generates a CSV of $BENCH_CSV_ROWS rows (default 1000000) in the native
# columns and reads it four ways, each in its own process:
#   bare     libcsv alone (default options), counting fields: the ceiling
#   records  itin's record reader: line counting, positions, UTF-8 checks
#   piped    the same on its own thread, records handed over in batches
#            (the import's transport; fields counted on the caller's)
#   events   the whole import: rows to checked events in memory, the
#            parsing on a second thread
# and prints MB/s (10^6 bytes), seconds, peak RSS and the share of the bare
# loop's throughput, then the CPU seconds of each (both threads) and the
# share they give.
#
# A shared machine's speed drifts by half over minutes, so the modes run
# in $BENCH_CSV_ROUNDS rounds (default 8), each round bare, records, piped,
# events one after the other, and each mode's best round is shown: a
# slow moment then costs every mode alike. A measurement, not a test: it
# never fails the build.
#   CSVBENCH   the csvbench binary (absolute path)
: "${CSVBENCH:?CSVBENCH must name the csvbench binary}"
rows=${BENCH_CSV_ROWS:-1000000}
rounds=${BENCH_CSV_ROUNDS:-8}
modes="bare records piped events"
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-csvbench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

if ! "$CSVBENCH" gen "$W/big.csv" "$rows"; then
	echo "csv bench: cannot generate the file" >&2
	exit 0
fi
echo
echo "CSV import: $rows rows, $(wc -c <"$W/big.csv") bytes, best of $rounds rounds"
r=0
while [ "$r" -lt "$rounds" ]; do
	for mode in $modes; do
		# mode bytes seconds MB/s count rss_kib cpu_seconds
		if "$CSVBENCH" "$mode" "$W/big.csv" >"$W/out" 2>"$W/err"; then
			cat "$W/out" >>"$W/$mode"
		else
			printf '%s failed: %s\n' "$mode" "$(head -1 "$W/err")" >>"$W/failed"
		fi
	done
	r=$((r + 1))
done
[ -f "$W/failed" ] && sort -u "$W/failed"
printf '%-10s %10s %10s %14s %12s %10s %12s\n' mode "MB/s" seconds \
	"peak RSS" "of bare" "cpu s" "cpu of bare"
bare=
barecpu=
for mode in $modes; do
	[ -s "$W/$mode" ] || continue
	# The fastest round by wall clock; CPU seconds: the least of any round.
	IFS='	' read -r m bytes secs mbs count rss cpu <<EOF
$(sort -t '	' -k3,3g "$W/$mode" | head -1)
EOF
	cpu=$(cut -f7 "$W/$mode" | sort -g | head -1)
	[ "$mode" = bare ] && bare=$mbs && barecpu=$cpu
	share=$(awk -v a="$mbs" -v b="$bare" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }')
	cshare=$(awk -v a="$cpu" -v b="$barecpu" 'BEGIN { if (a > 0) printf "%.0f%%", 100 * b / a; else print "n/a" }')
	printf '%-10s %10s %10s %10s KiB %12s %10s %12s\n' "$m" "$mbs" "$secs" "$rss" "$share" "$cpu" "$cshare"
done
exit 0
