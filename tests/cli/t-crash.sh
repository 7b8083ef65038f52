#!/bin/sh
# t-crash.sh: itin killed with SIGKILL at random moments, many at once.
# Adds, imports (whole-file rewrites) and rm run in parallel, each under
# `timeout -s KILL` with a random delay of a few milliseconds, so some die
# before, some while, and some after they write. Afterwards the store must
# parse, hold every id an add printed (an id is printed only once it is on
# disk), and the next rewrite must clean up what the killed ones left.
. "$(dirname "$0")/lib.sh"

export ITIN_LOCK_TIMEOUT=60

if ! command -v timeout >/dev/null 2>&1; then
	ok "# skip: no timeout(1)"
	finish
fi

WORKERS=6
ROUNDS=40

# Events for the importers; rm takes them out again. The ids have two
# digits, so that none is a prefix of another: rm of one already gone
# must say "no event" (1), not that the prefix is ambiguous (64).
i=1
: >"$T/imp.itin"
while [ $i -le 30 ]; do
	printf '2023-04-%02d 09:00-10:00  call  Imported %d @ Tokyo, JP\n    id: imp-%02d\n    note: crash test\n' \
		$((i % 28 + 1)) "$i" "$i" >>"$T/imp.itin"
	i=$((i + 1))
done

# A store to start from, written without interference.
run import "$T/imp.itin"
expect_rc 0 "setup: import into a new store"
: >"$T/ids"
t0=$(date +%s%N)
# The workers run "$ITIN" itself (under valgrind a random SIGKILL would
# only test valgrind's start-up), so time that too.
for i in 1 2 3 4 5; do
	"$ITIN" add meeting "Before the crash $i" --start "2023-02-0${i}T10:00" \
		--city Seoul >>"$T/ids" 2>>"$T/setup.err"
done
if [ "$(wc -l <"$T/ids")" -eq 5 ]; then ok "setup: five adds"; else not_ok "setup: five adds"; fi
# Kill within about five uncontended adds, at least 60 ms: a slow build
# (sanitizers, valgrind) must still finish some operations.
span=$((($(date +%s%N) - t0) / 1000000))
[ "$span" -ge 60 ] 2>/dev/null || span=60

# worker N: ROUNDS operations, each killed after a random 1..span ms.
worker() {
	awk -v seed="$(($1 * 7919 + $$))" -v n="$ROUNDS" -v span="$span" 'BEGIN {
		srand(seed);
		for (i = 0; i < n; i++)
			printf "%.3f %d\n", 0.001 + rand() * span / 1000,
				int(rand() * 10)
	}' >"$T/plan.$1"
	k=0
	while read -r delay op; do
		k=$((k + 1))
		case $op in
		[0-5])
			out=$(timeout -s KILL "$delay" "$ITIN" add visit \
				"Worker $1 round $k" --start 2023-03-01 \
				--city Vilnius 2>>"$T/err.$1")
			st=$?
			# Printed means written: keep it whether or not the
			# process lived on long enough to exit.
			if printf '%s\n' "$out" | grep -Eq '^[0-9a-f]{16}$'; then
				printf '%s\n' "$out" >>"$T/ids.$1"
			fi
			;;
		[6-7])
			timeout -s KILL "$delay" "$ITIN" import "$T/imp.itin" \
				>/dev/null 2>>"$T/err.$1"
			st=$?
			;;
		8)
			timeout -s KILL "$delay" "$ITIN" rm "imp-$(printf %02d $((k % 30 + 1)))" \
				>/dev/null 2>>"$T/err.$1"
			st=$?
			;;
		*)
			timeout -s KILL "$delay" "$ITIN" list --format tsv \
				>/dev/null 2>>"$T/err.$1"
			st=$?
			;;
		esac
		echo "$st" >>"$T/status.$1"
	done <"$T/plan.$1"
}

w=1
while [ $w -le $WORKERS ]; do
	# The worker's shell reports each SIGKILL ("Killed") on its stderr.
	worker $w 2>"$T/shell.$w" &
	w=$((w + 1))
done
wait

cat "$T"/status.* >"$T/status"
total=$(wc -l <"$T/status" | tr -d ' ')
killed=$(grep -c '^137$' "$T/status")
finished=$(grep -c '^0$' "$T/status")
if [ "$total" -eq $((WORKERS * ROUNDS)) ]; then
	ok "ran $total operations ($killed killed, $finished finished)"
else
	not_ok "ran $total operations, want $((WORKERS * ROUNDS))"
fi
if [ "$killed" -gt 0 ] && [ "$finished" -gt 0 ]; then
	ok "some operations were killed and some finished"
else
	not_ok "some operations were killed and some finished ($killed killed, $finished finished)"
fi
# Any status other than success, SIGKILL or rm's "no event" (1) is a bug:
# a 65 here would mean a killed writer left a store nobody can read.
if grep -vxE '0|1|137' "$T/status" | grep -q .; then
	not_ok "no operation failed except by being killed"
	sort "$T/status" | uniq -c | sed 's/^/#   /'
	cat "$T"/err.* | grep -v "no event with id" | sort | uniq -c | head -10 | sed 's/^/#   /'
else
	ok "no operation failed except by being killed"
fi

cat "$T"/ids.* >>"$T/ids" 2>/dev/null
run list --format tsv
expect_rc 0 "after the crashes: the store parses"
cut -f1 "$T/out" | sort >"$T/have"
sort -u "$T/ids" >"$T/want"
comm -23 "$T/want" "$T/have" >"$T/missing"
if [ -s "$T/missing" ]; then
	not_ok "after the crashes: every printed id is in the store ($(wc -l <"$T/missing" | tr -d ' ') missing)"
	head -5 "$T/missing" | sed 's/^/#   missing: /'
else
	ok "after the crashes: every printed id ($(wc -l <"$T/want" | tr -d ' ')) is in the store"
fi
if [ "$(sort "$T/have" | uniq -d | wc -l)" -eq 0 ]; then
	ok "after the crashes: no id twice"
else
	not_ok "after the crashes: no id twice"
fi
# Every event starts on a line of its own: nothing torn or glued together.
run list --format itin
expect_rc 0 "after the crashes: the store writes back in canonical form"
cp "$T/out" "$T/canon"
run import --format itin "$T/canon"
expect_rc 0 "after the crashes: its canonical form reads back"

# A rewrite after the crashes: it takes the lock (nobody holds it: the
# kernel released the dead ones' locks) and removes their temporary files.
ITIN_LOCK_TIMEOUT=2 run import "$T/imp.itin"
expect_rc 0 "after the crashes: a rewrite gets the lock at once"
ls -a "$(dirname "$ITIN_FILE")" >"$T/ls"
if grep -q '^\.store\.itin\.' "$T/ls"; then
	not_ok "after the crashes: no temporary file left behind"
	grep '^\.store\.itin\.' "$T/ls" | sed 's/^/#   /'
else
	ok "after the crashes: no temporary file left behind"
fi
run list --format tsv
cut -f1 "$T/out" | sort >"$T/have"
if comm -23 "$T/want" "$T/have" | grep -q .; then
	not_ok "after the rewrite: every printed id is still there"
else
	ok "after the rewrite: every printed id is still there"
fi

finish
