#!/bin/sh
# run.sh NAME...: runs each fuzz target build-fuzz/fuzz_NAME for
# $FUZZ_SECONDS seconds (make fuzz-run). The corpus grows in
# $FUZZ_DIR/corpus/NAME, seeded from tests/fuzz/seeds/NAME, the regression
# inputs and, for csv (and ics), the shared corpus when it is there
# ($ITIN_CORPUS, else ../shared/corpus). A crash, leak, timeout or
# out-of-memory is left as $FUZZ_DIR/crash-* (or leak-*, timeout-*, oom-*)
# and fails the run. Ends with "N passed, N failed", one per target.
# FUZZ_SEED fixes libFuzzer's random seed (CI sets it), so a run can be
# repeated: the same seed and inputs take the same path, however far a
# slower machine gets along it in the time given.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${FUZZ_DIR:?}" "${FUZZ_SECONDS:=60}"
corpus=${ITIN_CORPUS:-$root/../shared/corpus}
passed=0
failed=0
for name in "$@"; do
	bin=$FUZZ_DIR/fuzz_$name
	work=$FUZZ_DIR/corpus/$name
	mkdir -p "$work"
	set -- "$work"
	for d in "$here/seeds/$name" "$here/regressions/$name"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	case $name in
	csv) [ -d "$corpus/csv" ] && set -- "$@" "$corpus/csv" ;;
	ics) for d in "$corpus/ics" "$corpus/good-ics" "$corpus/bad-ics"; do
			[ -d "$d" ] && set -- "$@" "$d"
		done ;;
	esac
	echo "# fuzz: $name for ${FUZZ_SECONDS}s"
	# -rss_limit_mb and -timeout turn runaway memory or time into a
	# finding (issue 12: every reader is bounded, so 512 MB and 10 s per
	# input are enough for any of them); -max_len lets inputs grow past
	# libFuzzer's small default.
	# AddressSanitizer keeps up to 256 MB of freed memory (its
	# quarantine, to catch a use after free) and returns none to the
	# system: within 512 MB in all it keeps 16 and returns the rest, else
	# what earlier inputs freed counts against the next one.
	seed=
	[ -n "${FUZZ_SEED:-}" ] && seed=-seed=$FUZZ_SEED
	if ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16:allocator_release_to_os_interval_ms=100} "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 $seed \
		-rss_limit_mb=512 -max_len=8192 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_DIR/$name-" "$@" \
		>"$FUZZ_DIR/$name.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok - fuzz $name: $(grep -E '^stat::number_of_executed_units' "$FUZZ_DIR/$name.log" | awk '{print $2}') runs"
	else
		failed=$((failed + 1))
		echo "not ok - fuzz $name (log: $FUZZ_DIR/$name.log)"
		grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$FUZZ_DIR/$name.log" | head -20 | sed 's/^/#   /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
