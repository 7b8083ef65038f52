#!/bin/sh
# t-extract-score.sh: the quality of `itin extract` on the test corpus
# (issue 14) and the scorer that measures it (tests/extract/score.py).
#  1. the scorer itself, on a tiny fake corpus with a fake ITIN whose output
#     is known, so a scorer that miscounts fails here;
#  2. the real corpus (tests/extract/reports) with the issue's thresholds:
#     at least 90% recall and 80% precision, else this test fails.
. "$(dirname "$0")/lib.sh"

SCORE=$ROOT/tests/extract/score.py
command -v python3 >/dev/null 2>&1 || {
	ok "extract score # skip: no python3"
	finish
}

# ---- 1. the scorer on a fake corpus ------------------------------------------
# The fake itin prints REPORT's sibling .out file as the TSV, or fails like
# itin does when there is none; it records its arguments in .argv.
F=$T/fake
mkdir -p "$F"
cat >"$T/fake-itin" <<'EOF'
#!/bin/sh
for a; do last=$a; done
printf '%s\n' "$*" >"${last%.*}.argv"
out=${last%.*}.out
[ -f "$out" ] || { echo "itin: $last: no date found; pass --date" >&2; exit 65; }
cat "$out"
EOF
chmod 755 "$T/fake-itin"
tab=$(printf '\t')
# legs NAME LINES...: NAME.txt and NAME.legs with one line per argument
# (fields separated by '|'); out NAME LINES...: NAME.out likewise.
legs() {
	_n=$1
	shift
	echo "report $_n" >"$F/$_n.txt"
	printf '%s\n' "$@" | tr '|' "$tab" >"$F/$_n.legs"
}
out() {
	_n=$1
	shift
	printf '%s\n' "$@" | tr '|' "$tab" >"$F/$_n.out"
}
HDR='id|type|start|end|tz|city|country|title'

# a: all right, through aliases, accents, a timed start, an empty end and
# columns in another order.
legs a '# args: --date 2023-01-30' '# a comment' \
	'visit|Kyiv|UA|2023-01-29|2023-01-30' \
	'summit||LT|2023-07-11|2023-07-12' \
	'press|São Tomé|ST|2023-08-27|2023-08-27' \
	'meeting|Mumbai|IN|2023-02-01|2023-02-01'
out a 'country|type|start|end|city|id|tz|title' \
	'UA|visit|2023-01-29|2023-01-30|Kiev|1||Visit' \
	'LT|summit|2023-07-11|2023-07-12||2||Summit' \
	'st|press|2023-08-27||Sao Tome|3||Press' \
	'IN|meeting|2023-02-01T10:00|2023-02-01T11:30|bombay|4|Asia/Kolkata|M'
# b: one right, one wrong end (a near miss), one extra, one missed, and a
# leg expected twice but proposed once.
legs b \
	'visit|Seoul|KR|2023-01-29|2023-01-30' \
	'visit|Tokyo|JP|2023-01-30|2023-02-01' \
	'meeting|Seoul|KR|2023-01-30|2023-01-30' \
	'meeting|Seoul|KR|2023-01-30|2023-01-30' \
	'conference|Paris|FR|2023-03-01|2023-03-01'
out b "$HDR" \
	'1|visit|2023-01-29|2023-01-30||Seoul|KR|V' \
	'2|visit|2023-01-30|2023-01-31||Tokyo|JP|V' \
	'3|meeting|2023-01-30|||Seoul|KR|M' \
	'4|summit|2023-05-01|||Rome|IT|S'
# c: itin fails: its two legs are missed, the error is shown.
legs c 'visit||FR|2023-03-01|2023-03-02' 'meeting|Paris|FR|2023-03-02|2023-03-02'
# d: a commentary: no legs and nothing proposed (only the header).
legs d '# nothing announced'
out d "$HDR"

fake_score() {
	ITIN=$T/fake-itin python3 "$SCORE" --dir "$F" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

fake_score a
expect_rc 0 "score: a perfect report exits 0"
expect_out_match '^a  expected  4  proposed  4  right  4$' \
	"score: aliases, accents, case, timed and empty ends all match"
expect_out_match '^recall 4/4 = 100.0%$' "score: recall 100% on a perfect report"
if grep -q -- '--date 2023-01-30' "$F/a.argv" && grep -q -- '--format tsv' "$F/a.argv" &&
	grep -q '^extract ' "$F/a.argv"; then
	ok "score: the # args line reaches itin extract"
else
	not_ok "score: itin was run as: $(cat "$F/a.argv")"
fi

fake_score b
expect_out_match '^b  expected  5  proposed  4  right  2$' \
	"score: one to one (a leg expected twice and proposed once counts once)"
expect_out_match '^    near: want visit Tokyo JP 2023-01-30\.\.2023-02-01, got visit Tokyo JP 2023-01-30\.\.2023-01-31$' \
	"score: a wrong end is shown as a near miss"

fake_score c
expect_out_match '^c  expected  2  proposed  0  right  0$' "score: a failing itin proposes nothing"
expect_out_match '^    error: itin exited 65: .*pass --date' "score: the failure's status and message are shown"

fake_score
expect_rc 0 "score: no thresholds, exit 0"
expect_out_match '^recall 6/11 = 54\.5%$' "score: recall over all reports"
expect_out_match '^precision 6/8 = 75\.0%$' "score: precision over all reports"
expect_out_match '^reports 4, errors 1$' "score: reports and errors counted"

fake_score --by-type
expect_out_match '^  meeting     expected   4  proposed   2  right   2$' \
	"score: --by-type counts each type over all reports"
expect_out_match '^  summit      expected   1  proposed   2  right   1$' \
	"score: --by-type counts proposals of a type no leg has"

fake_score --min-recall 0.5 --min-precision 0.75
expect_rc 0 "score: thresholds met, exit 0"
fake_score --min-recall 0.9 --min-precision 0.75
expect_rc 1 "score: recall below --min-recall, exit 1"
expect_err 'recall below 0\.9' "score: says which threshold failed"
fake_score --min-recall 0.5 --min-precision 0.8
expect_rc 1 "score: precision below --min-precision, exit 1"
fake_score c --min-precision 0.1
expect_rc 1 "score: nothing proposed where legs were expected fails --min-precision"

fake_score --json
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["expected"], d["proposed"], d["right"], d["errors"]) == (11, 8, 6, 1), d
assert [r["name"] for r in d["reports"]] == ["a", "b", "c", "d"]
assert d["reports"][1]["missed"] and d["reports"][1]["wrong"]
assert d["by_type"]["visit"] == {"expected": 4, "proposed": 3, "right": 2}, d["by_type"]
' "$T/out" 2>"$T/err"; then ok "score: --json carries the same numbers"; else
	not_ok "score: --json"
	sed 's/^/#   /' "$T/err"
fi

printf 'visit\tSeoul\tKR\t2023-01-29\n' >"$F/bad.legs"
echo x >"$F/bad.txt"
fake_score bad
expect_rc 2 "score: a malformed .legs file exits 2"
expect_err 'bad\.legs:1: want 5 tab-separated fields' "score: names the file and line"
printf 'visit\tSeoul\tKR\t2023-02-29\t2023-02-29\n' >"$F/bad.legs"
fake_score bad
expect_err 'bad\.legs:1: .*not a date' "score: an impossible date is refused"
fake_score nosuch
expect_rc 2 "score: an unknown report name exits 2"

# ---- 2. the real corpus, against a floor ------------------------------------
# Issue 14's targets are 90% recall and 80% precision. The floors below are
# what the extractor reached, less a point, so that a change that loses legs
# or proposes wrong ones fails here; raise them as the extractor improves.
# Two of them: the whole corpus, the sets hx-*, hy-* and hz-* included
# (85.9% / 89.4% when set, s25 xgeneral; the reports before hy-* and hz-*
# 92.9% / 92.5%, hy-* 77.6% / 86.5%, the held-out hz-* 52.5% / 68.1%), and
# the older reports ag-*, gov-*, ho-* alone (93.2% / 93.0%), so that a gain
# on the new sets cannot hide a loss on the old ones.
run extract --format tsv "$ROOT/tests/extract/reports/ag-00-nato-stoltenberg.txt"
if [ "$rc" -eq 64 ] && grep -q "unknown command 'extract'" "$T/err"; then
	ok "extract quality on the corpus # skip: this itin has no extract command"
	finish
fi
# floor NAME MIN_RECALL MIN_PRECISION [REPORT...]: the scorer on the reports
# (all of them when none is named) against the floor.
floor() {
	name=$1 min_r=$2 min_p=$3
	shift 3
	ITIN=$ITIN_CMD python3 "$SCORE" --min-recall "$min_r" --min-precision "$min_p" \
		"$@" >"$T/out" 2>"$T/err"
	rc=$?
	sed 's/^/# /' "$T/out" | tail -3
	if [ "$rc" -eq 0 ]; then
		ok "extract quality on $name: recall >= $min_r, precision >= $min_p"
	else
		not_ok "extract quality on $name (status $rc): $(tr '\n' ' ' <"$T/err")"
		sed 's/^/#   /' "$T/out" | grep -v '^#   [a-z].*  expected .*  right' | head -40
	fi
}
floor "the corpus" 0.849 0.884
# Under valgrind the older reports were just run, as part of the corpus:
# their second run would check no other memory, and it costs CI minutes.
if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	ok "extract quality on the older reports # skip: run under valgrind with the corpus above"
	finish
fi
# shellcheck disable=SC2046 # one argument per report name
floor "the older reports" 0.922 0.920 $(cd "$ROOT/tests/extract/reports" &&
	ls ag-*.legs gov-*.legs ho-*.legs | sed 's/\.legs$//')
finish
