#!/bin/sh
# extract.sh: `itin extract` speed (issue 14), run by bench/run.sh.
# Generates $BENCH_REPORTS reports (default 1000) of about 300 words from
# the reports in the tree (tests/extract/reports/*.txt and the report the
# project started from), each with its places, people, months and years
# changed, then times, best of $BENCH_EXTRACT_ROUNDS rounds (default 3):
#   - the whole set in one process (extractbench: extract_report() over
#     every report): the target is 1 s for 1,000 reports on one core;
#   - one `itin extract` process per report, next to the floors measured
#     in the same run: `cat` once per report, a C program that does
#     nothing run once per report (the cost of starting a process), and
#     `itin --version` once per report (starting itin, whose libraries,
#     libical and libxml2 with ICU beneath, take most of that time);
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
rounds=${BENCH_EXTRACT_ROUNDS:-3}
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
# The templates: the reports in the tree that itin extract reads without
# an error (with the arguments their .legs gives), so that every
# generated report is read through, not refused at its date.
set --
tried=0
for f in "$root/tests/cli/data/extract/nato.txt" "$root"/tests/extract/reports/*.txt; do
	[ -f "$f" ] || continue
	tried=$((tried + 1))
	args=$(sed -n '1s/^# args: //p' "${f%.txt}.legs" 2>/dev/null)
	# shellcheck disable=SC2086
	"$ITIN" extract $args "$f" >/dev/null 2>&1 && set -- "$@" "$f"
done
[ $# -gt 0 ] || { echo "extract: no report in the tree to start from; skipped"; exit 0; }
python3 "$here/extract-gen.py" "$W/r" "$reports" "$@" || exit 0
ls "$W"/r/*.txt >"$W/list"
words=$(cat "$W"/r/*.txt | wc -w | tr -d ' ')
echo "itin extract: $reports reports generated from $# of the $tried in the tree" \
	"(those it reads without an error), $((words / reports)) words each on average"

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
# A report refused (65) is no failure of the loop: the in-process line
# counts those.
each_extract() { while read -r f; do "$ITIN" extract "$f" || [ $? = 65 ]; done <"$W/list"; }
each_cat() { while read -r f; do cat "$f"; done <"$W/list"; }
each_empty() { while read -r f; do "$EMPTYPROG" "$f"; done <"$W/list"; }
each_version() { while read -r f; do "$ITIN" --version; done <"$W/list"; }
all_wc() { xargs wc -w <"$W/list"; }

: >"$W/failed"
# In one process: the work itself, every report, best round.
"$EXTRACTBENCH" "$rounds" $(cat "$W/list") >"$W/one" 2>>"$W/err" ||
	echo extractbench >>"$W/failed"
read -r n events refused wall cpu loaded rss <"$W/one"
printf '  %-46s %8s s  (CPU %s s; target <= 1 s), %s events, %s refused\n' \
	"whole set in one process (extract_report)" "$wall" "$cpu" "$events" \
	"$refused"
printf '  %-46s %8s s\n' "one itin extract per report ($reports processes)" \
	"$(secs "$(best_of each_extract)")"
printf '  %-46s %8s s\n' "floor: a C program that does nothing, x$reports" \
	"$(secs "$(best_of each_empty)")"
printf '  %-46s %8s s\n' "floor: itin --version, x$reports (its libraries)" \
	"$(secs "$(best_of each_version)")"
printf '  %-46s %8s s\n' "floor: cat of each report ($reports processes)" \
	"$(secs "$(best_of each_cat)")"
printf '  %-46s %8s s\n' "floor: wc -w over the set (one process)" \
	"$(secs "$(best_of all_wc)")"
# Peak memory: must not grow with the number of reports. The peak of a
# run is that of its largest report, so the same 100 reports read ten
# times over (1,000 extractions) must cost what they cost once; the whole
# set's peak is its largest report's.
head -n 100 "$W/list" >"$W/list100"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$W/list100"; done >"$W/list100x10"
"$EXTRACTBENCH" 1 $(cat "$W/list100") >"$W/m100" 2>>"$W/err"
"$EXTRACTBENCH" 1 $(cat "$W/list100x10") >"$W/m100x10" 2>>"$W/err"
"$EXTRACTBENCH" 1 $(cat "$W/list") >"$W/mall" 2>>"$W/err"
# extractbench holds the reports themselves too: what the extraction adds
# to the peak once they are loaded is what must not grow.
read -r n100 ev100 rf100 w100 c100 ld100 rss100 <"$W/m100"
read -r nx ex rx wx cx ldx rssx <"$W/m100x10"
read -r nall evall rfall wall2 call ldall rssall <"$W/mall"
printf '  %-46s %8s KiB over 100 reports, %s KiB over the same x10 (%s)\n' \
	"peak RSS the extraction adds, one process" \
	"$((rss100 - ld100))" "$((rssx - ldx))" "$nx"
printf '  %-46s %8s KiB over all %s (its largest report)\n' "" \
	"$((rssall - ldall))" "$nall"
printf '  %-46s %8s KiB with 100 reports loaded, %s KiB with %s\n' \
	"peak RSS in all" "$rss100" "$rssall" "$nall"
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
