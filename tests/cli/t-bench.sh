#!/bin/sh
# t-bench.sh: `make bench`'s table (bench/table.sh) must not rot. Runs it
# on 200 events, one round, and checks that every row prints a figure for
# itin, its floor and the ratio; then runs it with an itin whose export
# fails and whose list prints nothing, and checks that the table says
# FAILED on those rows, names the commands under it and exits 1, rather
# than printing a blank or a time for work not done. The timings
# themselves are not checked: this is a shared machine.
. "$(dirname "$0")/lib.sh"

if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	ok "bench table # skip a benchmark under valgrind measures valgrind"
	finish
fi
# make check builds the bench programs into the folder beside the binary:
# build/bench for ./itin, build-san/bench for build-san/itin.
dir=$(cd "$(dirname "$ITIN")" && pwd)
for B in "$dir/build/bench" "$dir/bench"; do
	[ -x "$B/peakrss" ] && break
done
if [ ! -x "$B/peakrss" ]; then
	not_ok "the bench programs are built beside $ITIN (make bench-progs)"
	finish
fi
if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is installed (the viewer's row needs it)"
	finish
fi

bench() {
	ITIN=$1 BENCH_DIR=$B BENCH_SIZES=200 BENCH_ROUNDS=1 BENCH_FAST_RUNS=1 \
		BENCH_PEER_EVENTS=200 sh "$ROOT/bench/table.sh" >"$T/table" 2>"$T/table.err"
}

bench "$ITIN"
rc=$?
[ $rc = 0 ] && ok "the table runs (exit 0)" || not_ok "the table runs (exit $rc: $(head -c 300 "$T/table.err"))"
sed -n '/^work /,/^(\*)/p' "$T/table" >"$T/rows"
# Every row's figures: itin's own (a time, maybe with memory) on the
# first row of a work, the floor's figure, the ratio, and yes, no or -.
num='[0-9][0-9.]* (ms|s|MiB|GiB)'
ratio='([0-9][0-9.e+-]*x|[+-][0-9.]+ms)'
for work in "add, 20-event store" "add, 200-event store" "--version" "import CSV, 200" \
	"export .ics, 200" "  its peak RSS" "import .ics, 200" "list 2020, of 200" \
	"view 1st screen, 200"; do
	if grep -Eq -- "^$work +$num.* $ratio +.*(yes|no|-)\$" "$T/rows"; then
		ok "row '$work': itin's figure, the floor's, the ratio, met"
	else
		not_ok "row '$work': itin's figure, the floor's, the ratio, met"
		grep -F -- "$work" "$T/rows" | sed 's/^/# /'
	fi
done
# The rows under those: each floor or peer with its figure and ratio.
sed '1d; $d' "$T/rows" >"$T/body"
n=$(grep -Ec -- "$num.* $ratio +.*(yes|no|-)\$" "$T/body")
[ "$n" = 15 ] && [ "$(wc -l <"$T/body")" = 15 ] &&
	ok "15 rows, each with a floor's or a peer's figure and a ratio" ||
	not_ok "15 rows, each with a floor's or a peer's figure and a ratio ($n of $(wc -l <"$T/body"))"
for peer in calcurse khal remind; do
	grep -Eq "^ +$peer [0-9.]+ s \(\*\) +$ratio +<= 0.033x.*(yes|no)\$" "$T/rows" &&
		ok "the peer $peer, issue 15's figure, beside list" ||
		not_ok "the peer $peer, issue 15's figure, beside list"
done
if grep -Eq 'FAILED|n/a' "$T/table"; then
	not_ok "no row failed"
	sed 's/^/# /' "$T/table"
else
	ok "no row failed"
fi

# An itin whose export fails and whose list prints nothing.
cat >"$T/bad-itin" <<EOF
#!/bin/sh
for a in "\$@"; do
	case \$a in
	export) echo "itin: cannot write the export: disk on fire" >&2; exit 74 ;;
	list) exit 0 ;;
	esac
done
exec "$ITIN" "\$@"
EOF
chmod 755 "$T/bad-itin"
bench "$T/bad-itin"
rc=$?
[ $rc = 1 ] && ok "a failed command makes the table exit 1" ||
	not_ok "a failed command makes the table exit 1 (exit $rc)"
grep -Eq '^export \.ics, 200 +FAILED .* n/a +.* no$' "$T/table" &&
	ok "the failed export's row says FAILED, not met" ||
	not_ok "the failed export's row says FAILED, not met"
grep -Eq '^list 2020, of 200 +FAILED ' "$T/table" &&
	ok "a list that printed nothing is FAILED, not timed" ||
	not_ok "a list that printed nothing is FAILED, not timed"
grep -q 'export -o out.ics: exit 74' "$T/table" && grep -q 'disk on fire' "$T/table" &&
	ok "under the table: the failed command, its status and its message" ||
	not_ok "under the table: the failed command, its status and its message"
grep -q 'lines listed: 0, not some' "$T/table" &&
	ok "under the table: what the silent list failed to do" ||
	not_ok "under the table: what the silent list failed to do"
grep -Eq '^import CSV, 200 +[0-9]' "$T/table" &&
	ok "the other rows still measured" || not_ok "the other rows still measured"
finish
