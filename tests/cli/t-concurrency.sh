#!/bin/sh
# t-concurrency.sh: many itin processes on one store at once. Appends
# (add), rewrites (import, rm, edit) and readers (list) run together; no
# printed id may be lost, no reader may see a half-written store, and the
# store must parse at the end.
. "$(dirname "$0")/lib.sh"

# Writers wait for each other; 5 s is the default, a loaded machine running
# the whole suite in parallel may need more.
export ITIN_LOCK_TIMEOUT=60

WRITERS=8
EACH=50	# adds per writer
MIXED=25	# adds per writer in the mixed run
REPEAT=10	# imports per importer in the mixed run
READS=30	# lists per reader in the mixed run
RACES=10	# rounds of six concurrent add --id
# Under valgrind each run takes a second or so: fewer, same shape.
if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	EACH=6 MIXED=4 REPEAT=2 READS=4 RACES=2
fi

# ids_present FILE DESC: every id listed in FILE is in the store.
ids_present() {
	itin list --format tsv >"$T/tsv" 2>"$T/tsv.err"
	_rc=$?
	cut -f1 "$T/tsv" | sort >"$T/have"
	sort -u "$1" >"$T/want"
	comm -23 "$T/want" "$T/have" >"$T/missing"
	if [ "$_rc" -eq 0 ] && [ ! -s "$T/missing" ]; then
		ok "$2"
	else
		not_ok "$2 (list status $_rc, $(wc -l <"$T/missing" | tr -d ' ') missing)"
		head -5 "$T/missing" | sed 's/^/#   missing: /'
		sed 's/^/#   err: /' "$T/tsv.err" | head -5
	fi
}

# ---- 1. eight writers appending at once -------------------------------
w=1
while [ $w -le $WRITERS ]; do
	(
		i=1
		while [ $i -le $EACH ]; do
			if ! itin add meeting "Writer $w event $i" \
				--start "2023-03-$(printf %02d $((i % 28 + 1)))T10:00" \
				--city Seoul >>"$T/ids.$w" 2>>"$T/errs.$w"; then
				echo "add failed: writer $w event $i" >>"$T/errs.$w"
			fi
			i=$((i + 1))
		done
	) &
	w=$((w + 1))
done
wait

cat "$T"/ids.* >"$T/ids"
if cat "$T"/errs.* 2>/dev/null | grep -q .; then
	not_ok "parallel adds: every add succeeded"
	cat "$T"/errs.* | head -10 | sed 's/^/#   /'
else
	ok "parallel adds: every add succeeded"
fi
n=$(sort -u "$T/ids" | wc -l | tr -d ' ')
if [ "$n" -eq $((WRITERS * EACH)) ]; then
	ok "parallel adds: $n distinct ids printed"
else
	not_ok "parallel adds: $n distinct ids printed, want $((WRITERS * EACH))"
fi
ids_present "$T/ids" "parallel adds: every printed id is in the store"
n=$(($(wc -l <"$T/tsv") - 1))
if [ "$n" -eq $((WRITERS * EACH)) ]; then
	ok "parallel adds: the store holds exactly $n events"
else
	not_ok "parallel adds: the store holds $n events, want $((WRITERS * EACH))"
fi
run list --format itin
expect_rc 0 "parallel adds: the store parses"
# Nothing was torn or glued: every header line starts a line of its own.
if grep -c '^2023-' "$ITIN_FILE" | grep -qx $((WRITERS * EACH)); then
	ok "parallel adds: one header line per event"
else
	not_ok "parallel adds: one header line per event"
fi

# ---- 2. appends, rewrites and readers together ------------------------
# The importers rewrite the whole store again and again while adds append
# to it: an add that printed its id must survive every later rewrite.
i=1
: >"$T/imp.itin"
while [ $i -le 20 ]; do
	printf '2023-04-%02d 09:00           call       Import %d @ Tokyo, JP\n    id: imp-%d\n' \
		$((i % 28 + 1)) "$i" "$i" >>"$T/imp.itin"
	i=$((i + 1))
done

: >"$T/ids2"
: >"$T/bad2"
for w in 1 2 3 4; do
	(
		i=1
		while [ $i -le $MIXED ]; do
			itin add visit "Mixed $w $i" --start 2023-05-01 \
				>>"$T/ids2.$w" 2>>"$T/bad2.$w" ||
				echo "add $w $i failed" >>"$T/bad2.$w"
			i=$((i + 1))
		done
	) &
done
for w in 1 2; do
	(
		i=1
		while [ $i -le $REPEAT ]; do
			itin import "$T/imp.itin" 2>"$T/imp.err.$w" >/dev/null ||
				{ echo "import $w failed" >>"$T/bad2.imp$w"; cat "$T/imp.err.$w" >>"$T/bad2.imp$w"; }
			i=$((i + 1))
		done
	) &
done
(
	# Remove and re-add imported events: rm commits while adds append.
	i=1
	while [ $i -le $REPEAT ]; do
		itin rm "imp-$i" >/dev/null 2>>"$T/bad2.rm" || true
		i=$((i + 1))
	done
) &
for w in 1 2; do
	(
		i=1
		while [ $i -le $READS ]; do
			itin list --format tsv >/dev/null 2>"$T/list.err.$w" ||
				{ echo "list $w failed:" >>"$T/bad2.list$w"; cat "$T/list.err.$w" >>"$T/bad2.list$w"; }
			i=$((i + 1))
		done
	) &
done
wait

# rm of an id that a concurrent import had not put back yet is a normal
# "no event" failure; anything else is not.
grep -v "no event with id" "$T/bad2.rm" >"$T/bad2.rm2" 2>/dev/null
rm -f "$T/bad2.rm"
cat "$T"/ids2.* >"$T/ids2"
if cat "$T"/bad2.* 2>/dev/null | grep -q .; then
	not_ok "mixed: adds, imports and lists all succeeded"
	cat "$T"/bad2.* | head -10 | sed 's/^/#   /'
else
	ok "mixed: adds, imports and lists all succeeded"
fi
n=$(sort -u "$T/ids2" | wc -l | tr -d ' ')
if [ "$n" -eq $((4 * MIXED)) ]; then
	ok "mixed: $n ids printed"
else
	not_ok "mixed: $n ids printed, want $((4 * MIXED))"
fi
cat "$T/ids" "$T/ids2" >"$T/all"
ids_present "$T/all" "mixed: no printed id lost to a concurrent rewrite"
ls -a "$(dirname "$ITIN_FILE")" >"$T/ls"
if grep -q '^\.store\.itin\.' "$T/ls"; then
	not_ok "mixed: no temporary file left behind"
	grep '^\.store\.itin\.' "$T/ls" | sed 's/^/#   /'
else
	ok "mixed: no temporary file left behind"
fi

# ---- 3. add --id: the check for a duplicate and the append are one step --
# Two adds of one id at once must not both pass the check: a duplicate id
# makes the whole store unreadable. Several rounds, since a race may hide.
dup_ok=1
round=1
while [ $round -le $RACES ]; do
	for w in 1 2 3 4 5 6; do
		itin add call "Race $round $w" --start 2023-07-0$w --id "race-$round" \
			>/dev/null 2>>"$T/race.err" &
	done
	wait
	if ! itin list --format tsv >"$T/tsv" 2>"$T/tsv.err"; then
		dup_ok=0
		sed 's/^/#   /' "$T/tsv.err" | head -3
		break
	fi
	if [ "$(grep -c "^race-$round	" "$T/tsv")" -ne 1 ]; then
		dup_ok=0
		echo "#   round $round: id not stored exactly once"
		break
	fi
	round=$((round + 1))
done
if [ $dup_ok = 1 ]; then
	ok "add --id: concurrent adds of one id store it exactly once"
else
	not_ok "add --id: concurrent adds of one id store it exactly once"
fi
if grep -v "id 'race-[0-9]*' already exists" "$T/race.err" | grep -q .; then
	not_ok "add --id: the losers fail with 'already exists'"
	sed 's/^/#   /' "$T/race.err" | head -5
else
	ok "add --id: the losers fail with 'already exists'"
fi

# ---- 4. a held lock makes writers and readers wait, then give up --------
# This shell holds the lock (fd 9) as another program might, for as long as
# the checks take however slow the build is.
if command -v flock >/dev/null 2>&1; then
	exec 9>>"$ITIN_FILE"
	flock -x 9
	ITIN_LOCK_TIMEOUT=0.2 run add call "Busy" --start 2023-06-01
	expect_rc 75 "busy: add gives up with 75"
	expect_err "^itin: store '.*store\.itin' is busy \(locked by another process for more than 0\.2 s\)$" \
		"busy: the message names the store and the wait"
	ITIN_LOCK_TIMEOUT=0.2 run list
	expect_rc 75 "busy: a reader waits for a writer too"
	ITIN_LOCK_TIMEOUT=0.2 run rm imp-20
	expect_rc 75 "busy: rm gives up with 75"
	# A writer that waits long enough gets in once the holder lets go.
	(sleep 1; flock -u 9) &
	ITIN_LOCK_TIMEOUT=60 run add call "Patient" --start 2023-06-01
	expect_rc 0 "busy: a patient add waits for the lock"
	wait
	exec 9>&-
else
	ok "# skip busy lock checks: no flock(1)"
fi

finish
