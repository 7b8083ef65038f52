#!/bin/sh
# table.sh: issue 15's table, rerun. Every row times a command end to end
# as a user runs it (a process started, its wall time and peak memory
# taken by bench/peakrss.c) next to its floor, measured in the same
# rounds, alternating with itin so that a slow moment of a shared machine
# costs both alike, and prints one table: work, itin, floor or peer,
# ratio (itin / floor), target, met. The best round counts.
#
# The data is generated here (bench/gen.sh -o): for each size, one set of
# events written as a store, a CSV and a .ics, so every row reads the same
# events. The peers' figures (calcurse, khal, remind) are issue 15's,
# measured on the reference machine: they are not installed here.
#
#   ITIN               the binary (absolute path)
#   BENCH_DIR          where make put peakrss, append, empty, empty-ical,
#                      icalwrite, icalparse and csvbench (make bench-progs)
#   BENCH_SIZES        event counts, default "100000 1000000"; `itin add`
#                      also runs on a store a tenth of the first size
#   BENCH_ROUNDS       rounds, default 5; the millisecond commands (add,
#                      --version) run BENCH_FAST_RUNS times a round (5)
#   BENCH_PEER_EVENTS  the size the peers' figures are for (100000)
#
# Exits 1 when a command failed (the row says FAILED and the failure is
# shown under the table); a target not met is a result, not a failure.
: "${ITIN:?ITIN must name the itin binary}"
: "${BENCH_DIR:?BENCH_DIR must name the folder of the bench programs}"
here=$(cd "$(dirname "$0")" && pwd)
sizes=${BENCH_SIZES:-100000 1000000}
rounds=${BENCH_ROUNDS:-5}
fast=${BENCH_FAST_RUNS:-5}
peer_n=${BENCH_PEER_EVENTS:-100000}
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-table.XXXXXX")
trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT TERM
unset ITIN_FILE XDG_DATA_HOME ITIN_LOCK_TIMEOUT
export HOME="$W/home" NO_COLOR=1 LC_ALL=C.UTF-8 ITIN_NOW=2023-01-25T12:00:00Z TZ=UTC
mkdir -p "$HOME" "$W/m" "$W/fail"

for p in peakrss append empty empty-ical icalwrite icalparse csvbench; do
	if [ ! -x "$BENCH_DIR/$p" ]; then
		echo "bench: $BENCH_DIR/$p is missing (make bench-progs builds it)" >&2
		exit 1
	fi
done
B=$BENCH_DIR
first=${sizes%% *}
small=$((first / 10))
[ "$small" -ge 1 ] || small=1

# run KEY CMD...: CMD once under peakrss, its output in $W/out.KEY; the
# line "ns kib status" goes to $W/m/KEY. A failure (status, or a missing
# line) is kept in $W/fail/KEY: the command and the start of its stderr.
run() {
	key=$1
	shift
	echo "$*" | sed "s|$W/||g" >"$W/cmd.$key"
	if ! "$B/peakrss" "$W/m/$key" "$@" </dev/null >"$W/out.$key" 2>"$W/err"; then
		{
			printf '%s: exit %s\n' "$*" "$(tail -n 1 "$W/m/$key" 2>/dev/null | cut -d' ' -f3)"
			head -n 3 "$W/err" | sed 's/^/    /'
		} | sed "s|$W/||g" >"$W/fail/$key"
	fi
}
# check KEY WHAT GOT WANT: after a run that exited 0, the work was done.
check() {
	[ "$3" = "$4" ] && return 0
	echo "$(cat "$W/cmd.$1"): $2: $3, not $4" >"$W/fail/$1"
	echo "0 0 1" >>"$W/m/$1"
}
# best KEY COLUMN: the least of column 1 (ns) or 2 (KiB) over the runs
# that exited 0; nothing when none did.
best() {
	[ -f "$W/fail/$1" ] && return 0
	awk -v c="$2" '$3 == 0 && (b == "" || $c + 0 < b) { b = $c + 0 } END { if (b != "") print b }' \
		"$W/m/$1" 2>/dev/null
}
year_of() { echo $((2020 + $1 / 10 / 365 / 2)); }
nvevents() { grep -c '^BEGIN:VEVENT' "$1"; }
nstored() { grep -c '^    id: ' "$1"; }

# The millisecond commands, FAST runs a round, itin and its floors in turn.
fast_rows() {
	r=$1
	j=0
	while [ "$j" -lt "$fast" ]; do
		run version "$ITIN" --version
		run empty "$B/empty"
		run emptyical "$B/empty-ical"
		for n in $small $sizes; do
			run "add$n" "$ITIN" -f "$W/add$n.itin" add meeting "Bench meeting $r.$j" \
				--start "2024-03-0$((j % 9 + 1)) 10:00" --end 11:00 \
				--tz Europe/Brussels --city Brussels --country BE
			run "append$n" "$B/append" "$W/floor.itin"
		done
		j=$((j + 1))
	done
}

# One round of the rows at size n.
size_rows() {
	n=$1
	e=$W/e$n
	rm -f "$W/imp.itin"
	run "csv$n" "$ITIN" -f "$W/imp.itin" import "$e.csv"
	[ -f "$W/fail/csv$n" ] || check "csv$n" "events stored" "$(nstored "$W/imp.itin")" "$n"
	run "csvloop$n" "$B/csvbench" bare "$e.csv"
	rm -f "$W/out.ics" "$W/floor.ics"
	run "export$n" "$ITIN" -f "$e.itin" export -o "$W/out.ics"
	[ -f "$W/fail/export$n" ] || check "export$n" "VEVENTs written" "$(nvevents "$W/out.ics")" "$n"
	run "icalwrite$n" "$B/icalwrite" "$e.tsv" "$W/floor.ics"
	rm -f "$W/imp.itin"
	run "ics$n" "$ITIN" -f "$W/imp.itin" import "$e.ics"
	[ -f "$W/fail/ics$n" ] || check "ics$n" "events stored" "$(nstored "$W/imp.itin")" "$n"
	run "icalparse$n" "$B/icalparse" "$e.ics"
	y=$(year_of "$n")
	run "list$n" "$ITIN" -f "$e.itin" list --from "$y-01-01" --to "$y-12-31"
	[ -f "$W/fail/list$n" ] || [ -s "$W/out.list$n" ] ||
		check "list$n" "lines listed" 0 "some"
	run "wc$n" wc -l "$e.itin"
	first_screen "view$n" "$ITIN" -f "$e.itin" view
	first_screen "tmux$n" printf 'itin view\n'
}
# first_screen KEY CMD...: the time from starting CMD in tmux to its
# first screen (bench/view.sh --first).
first_screen() {
	key=$1
	shift
	sh "$here/view.sh" --first "$W/m/$key" "$@" 2>"$W/err" ||
		sed "s|$W/||g" "$W/err" >"$W/fail/$key"
}

# The table. Times as ms or s, memory in MiB or GiB; the ratio is itin / floor,
# or itin - floor where the target is a margin.
fmt_t() { awk -v ns="$1" 'BEGIN { if (ns < 1e9) printf "%.1f ms", ns / 1e6; else printf "%.2f s", ns / 1e9 }'; }
fmt_m() {
	awk -v k="$1" 'BEGIN {
		if (k >= 1048576) printf "%.2f GiB", k / 1048576
		else printf (k < 10240 ? "%.1f MiB" : "%.0f MiB"), k / 1024 }'
}
# cell KEY [m]: the best time (and peak memory), or FAILED
cell() {
	t=$(best "$1" 1)
	if [ -z "$t" ]; then echo FAILED; return; fi
	if [ "$2" = m ]; then echo "$(fmt_t "$t"), $(fmt_m "$(best "$1" 2)")"; else fmt_t "$t"; fi
}
# mcell KEY: the least peak memory, or FAILED
mcell() {
	k=$(best "$1" 2)
	if [ -z "$k" ]; then echo FAILED; else fmt_m "$k"; fi
}
# judge MODE A B LIMIT: "RATIO MET"; MODE x: A / B <= LIMIT; MODE +: A - B
# <= LIMIT ns. No A (itin failed): "n/a no"; no B (the floor failed): "n/a n/a".
judge() {
	if [ -z "$2" ]; then echo "n/a no"; return; fi
	if [ -z "$3" ]; then echo "n/a n/a"; return; fi
	awk -v m="$1" -v a="$2" -v b="$3" -v l="$4" 'BEGIN {
		if (m == "+") { d = a - b; printf "%+.1fms %s\n", d / 1e6, d <= l ? "yes" : "no"; exit }
		q = b > 0 ? a / b : 0
		printf "%.3gx %s\n", q, (l == "" ? "-" : q <= l ? "yes" : "no") }'
}
row() { printf '%-25s %-18s %-32s %9s  %-24s %s\n' "$1" "$2" "$3" "$4" "$5" "$6"; }
# line WORK ITIN FLOOR MODE A B LIMIT TARGET: a row with its judgement
line() {
	# shellcheck disable=SC2046 # two words: the ratio and met
	set -- "$1" "$2" "$3" "$8" $(judge "$4" "$5" "$6" "$7")
	[ "$4" = "-" ] && set -- "$1" "$2" "$3" "" "$5" "-"
	row "$1" "$2" "$3" "$5" "$4" "$6"
}
floor() { c=$(cell "$2" "$3"); echo "$1 $c"; }
print_table() {
	echo
	echo "itin $("$ITIN" --version 2>/dev/null | sed 's/^itin //'): issue 15's table;" \
		"best of $rounds rounds ($((rounds * fast)) runs for add and --version)," \
		"floors measured in the same rounds"
	row work itin "floor or peer" ratio target met
	for n in $small $sizes; do
		line "add, $n-event store" "$(cell "add$n")" "$(floor "append+fsync" "append$n")" \
			x "$(best "add$n" 1)" "$(best "append$n" 1)" 2 "<= 2x"
		line "" "" "$(floor "empty program" empty)" x "$(best "add$n" 1)" "$(best empty 1)" "" "-"
	done
	line "--version" "$(cell version)" "$(floor "empty program" empty)" \
		+ "$(best version 1)" "$(best empty 1)" 3000000 "<= empty + 3 ms"
	line "" "" "$(floor "empty + libical" emptyical)" x "$(best version 1)" "$(best emptyical 1)" "" "-"
	for n in $sizes; do
		line "import CSV, $n" "$(cell "csv$n" m)" "$(floor "libcsv loop" "csvloop$n" m)" \
			x "$(best "csv$n" 1)" "$(best "csvloop$n" 1)" 2 "<= 2x (>= 0.5x speed)"
		line "export .ics, $n" "$(cell "export$n" m)" "$(floor "libical writer" "icalwrite$n" m)" \
			x "$(best "export$n" 1)" "$(best "icalwrite$n" 1)" 1.2 "<= 1.2x time"
		line "  its peak RSS" "$(mcell "export$n")" "at $small: $(mcell "export$small")" \
			x "$(best "export$n" 2)" "$(best "export$small" 2)" 1.5 "<= 1.5x: flat"
		line "import .ics, $n" "$(cell "ics$n" m)" "$(floor "libical parse" "icalparse$n" m)" \
			x "$(best "ics$n" 2)" "$(best "icalparse$n" 2)" 0.25 "<= 0.25x peak RSS"
		y=$(year_of "$n")
		if [ "$n" = "$peer_n" ]; then
			line "list $y, of $n" "$(cell "list$n" m)" "$(floor "wc -l" "wc$n")" \
				x "$(best "list$n" 1)" "$(best "wc$n" 1)" "" "-"
			for p in "calcurse 10960" "khal 12800" "remind 48000"; do
				ms=${p#* }
				line "" "" "${p% *} $(fmt_t "${ms}000000") (*)" \
					x "$(best "list$n" 1)" "${ms}000000" 0.0334 "<= 0.033x (30x faster)"
			done
		else
			line "list $y, of $n" "$(cell "list$n" m)" "$(floor "wc -l" "wc$n")" \
				x "$(best "list$n" 1)" "$(best "wc$n" 1)" 10 "<= 10x"
		fi
		line "view 1st screen, $n" "$(cell "view$n")" "$(floor "tmux+printf" "tmux$n")" \
			+ "$(best "view$n" 1)" "$(best "tmux$n" 1)" 100000000 "<= floor + 100 ms"
	done
	case " $sizes " in
	*" $peer_n "*)
		echo "(*) issue 15's figure for $peer_n events, measured on the reference" \
			"machine; not installed here"
		;;
	esac
	echo "ratio: itin / floor (+: itin - floor); peak RSS: the process's ru_maxrss" \
		"(bench/peakrss.c), mapped file pages included"
	if [ -n "$(ls "$W/fail")" ]; then
		echo
		echo "bench: FAILED: these commands failed, their rows say FAILED:"
		cat "$W"/fail/* | sed 's/^/  /'
	fi
}

echo "bench: generating $small $sizes events"
for n in $small $sizes; do
	sh "$here/gen.sh" -o "$W/e$n" "$n" || { echo "bench: gen.sh $n failed" >&2; exit 1; }
	cp "$W/e$n.itin" "$W/add$n.itin"
done
r=1
while [ "$r" -le "$rounds" ]; do
	printf 'bench: round %d of %d\n' "$r" "$rounds"
	fast_rows "$r"
	for n in $sizes; do
		size_rows "$n"
	done
	# The export's memory at the small size, to see whether it grows.
	run "export$small" "$ITIN" -f "$W/e$small.itin" export -o "$W/out.ics"
	r=$((r + 1))
done

print_table
[ -z "$(ls "$W/fail")" ]
