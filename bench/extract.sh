#!/bin/sh
# extract.sh: `itin extract` speed (issue 14), run by bench/run.sh.
# Generates $BENCH_REPORTS reports (default 1000) of about 300 words from
# the reports in the tree (tests/extract/reports/*.txt and the report the
# project started from), each with its places, people, months and years
# changed, then times, best of $BENCH_EXTRACT_ROUNDS rounds (default 5):
#   - the whole set in one process (extractbench: extract_report() over
#     every report): the target is 1 s for 1,000 reports on one core;
#   - one `itin extract` process per report, next to the floors measured
#     in the same run: `cat` once per report, and a C program that does
#     nothing run once per report (the cost of starting a process);
#     `wc -w` over the set in one process reads the same bytes;
# and shows peak memory over 100 reports and over all of them, which must
# not grow with their number. A measurement, not a test: it never fails.
#   ITIN           the binary (absolute path)
#   EXTRACTBENCH   bench/extractbench.c, built by make
#   EMPTYPROG      bench/empty.c, built by make
: "${ITIN:?ITIN must name the itin binary}"
: "${EXTRACTBENCH:?EXTRACTBENCH must name the extractbench binary}"
: "${EMPTYPROG:?EMPTYPROG must name the empty program}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reports=${BENCH_REPORTS:-1000}
rounds=${BENCH_EXTRACT_ROUNDS:-5}
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-extract.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
unset ITIN_FILE XDG_DATA_HOME ITIN_LOCK_TIMEOUT
export HOME="$W/home" NO_COLOR=1 LC_ALL=C.UTF-8 ITIN_NOW=2023-01-25T12:00:00Z
mkdir -p "$HOME" "$W/r"

now_ns() { date +%s%N; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

echo
if ! command -v python3 >/dev/null 2>&1; then
	echo "extract: python3 is needed to generate the reports; skipped"
	exit 0
fi
set -- "$root/tests/cli/data/extract/nato.txt"
for f in "$root"/tests/extract/reports/*.txt; do
	[ -f "$f" ] && set -- "$@" "$f"
done
python3 "$here/extract-gen.py" "$W/r" "$reports" "$@" || exit 0
ls "$W"/r/*.txt >"$W/list"
words=$(cat "$W"/r/*.txt | wc -w | tr -d ' ')
echo "itin extract: $reports reports generated from $# in the tree," \
	"$((words / reports)) words each on average"

# best_of CMD...: the best wall time of $rounds runs of CMD, in ns.
best_of() {
	best=
	i=0
	while [ "$i" -lt "$rounds" ]; do
		t0=$(now_ns)
		"$@" >/dev/null 2>>"$W/err" || echo "$*" >>"$W/failed"
		t1=$(now_ns)
		t=$((t1 - t0))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
		i=$((i + 1))
	done
	echo "$best"
}
each_extract() { while read -r f; do "$ITIN" extract "$f"; done <"$W/list"; }
each_cat() { while read -r f; do cat "$f"; done <"$W/list"; }
each_empty() { while read -r f; do "$EMPTYPROG" "$f"; done <"$W/list"; }
all_wc() { xargs wc -w <"$W/list"; }

: >"$W/failed"
# In one process: the work itself, every report, best round.
"$EXTRACTBENCH" "$rounds" $(cat "$W/list") >"$W/one" 2>>"$W/err" ||
	echo extractbench >>"$W/failed"
read -r n events wall cpu rss <"$W/one"
printf '  %-46s %8s s  (CPU %s s; target <= 1 s), %s events\n' \
	"whole set in one process (extract_report)" "$wall" "$cpu" "$events"
printf '  %-46s %8s s\n' "one itin extract per report ($reports processes)" \
	"$(secs "$(best_of each_extract)")"
printf '  %-46s %8s s\n' "floor: a C program that does nothing, x$reports" \
	"$(secs "$(best_of each_empty)")"
printf '  %-46s %8s s\n' "floor: cat of each report ($reports processes)" \
	"$(secs "$(best_of each_cat)")"
printf '  %-46s %8s s\n' "floor: wc -w over the set (one process)" \
	"$(secs "$(best_of all_wc)")"
# Peak memory: must not grow with the number of reports.
head -n 100 "$W/list" >"$W/list100"
"$EXTRACTBENCH" 1 $(cat "$W/list100") >"$W/m100" 2>>"$W/err"
"$EXTRACTBENCH" 1 $(cat "$W/list") >"$W/mall" 2>>"$W/err"
read -r n100 ev100 w100 c100 rss100 <"$W/m100"
read -r nall evall wall2 call rssall <"$W/mall"
# extractbench holds the reports themselves too: the difference between
# the two is at most what the other reports take.
kib100=$(xargs cat <"$W/list100" | wc -c | awk '{ printf "%d", $1 / 1024 }')
kiball=$(xargs cat <"$W/list" | wc -c | awk '{ printf "%d", $1 / 1024 }')
printf '  %-46s %8s KiB for 100 reports (%s KiB of text), %s KiB for %s (%s KiB)\n' \
	"peak RSS in one process" "$rss100" "$kib100" "$rssall" "$nall" "$kiball"
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	big=$(xargs ls -S <"$W/list" 2>/dev/null | head -n 1)
	/usr/bin/time -o "$W/rss" -f %M "$ITIN" extract "$big" >/dev/null 2>>"$W/err"
	printf '  %-46s %8s KiB\n' "peak RSS of itin extract (largest report)" \
		"$(tail -n 1 "$W/rss")"
fi
if [ -s "$W/failed" ]; then
	echo "  note: some runs failed (their times mean little):"
	sort -u "$W/failed" | sed 's/^/    /'
	head -3 "$W/err" | sed 's/^/    /'
fi
exit 0
