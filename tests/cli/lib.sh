# lib.sh: sourced by every tests/cli/t-*.sh. Runs the real binary ($ITIN)
# in a scratch folder and prints one TAP line per check.
#
#   run ARGS...            runs itin; stdout in $T/out, stderr in $T/err, status in $rc
#   expect_rc N DESC       the last run exited N
#   expect_out FILE DESC   stdout equals FILE (diff shown on failure)
#   expect_out_text TEXT DESC
#   expect_err RE DESC     stderr matches the extended regex RE
#   ok DESC / not_ok DESC  record a result directly ("ok" with DESC ending
#                          in "# skip WHY" is counted as a skip)
#   same_file A B DESC     two files are byte-identical
#   finish                 exit: 1 when a check failed, else 0
#
# Each script gets a fresh $T with HOME and ITIN_FILE inside it, a fixed
# ITIN_NOW, no colour and the C.UTF-8 locale.

: "${ITIN:?ITIN must name the itin binary}"
TESTDIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTDIR/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/itin-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME ITIN_LOCK_TIMEOUT EDITOR VISUAL
export ITIN_FILE="$T/store.itin"
export ITIN_NOW="2023-01-25T12:00:00Z"
export NO_COLOR=1
export LC_ALL=C.UTF-8
export TZ=UTC
n_test=0
rc=0

# Under ITIN_VALGRIND=1 every run goes through valgrind memcheck: any
# memory error or definite leak makes the run exit 99, which no test
# expects. $VG is that prefix (empty otherwise), for commands such as
# setpriv that run the binary themselves; $ITIN_CMD is an executable that
# behaves like itin, with the prefix applied, for helpers written in
# python. Only t-crash calls "$ITIN" directly: it kills processes at
# random moments, which under valgrind would test valgrind's start-up.
if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$TESTDIR/valgrind.supp"
else
	VG=
fi
itin() {
	# shellcheck disable=SC2086
	$VG "$ITIN" "$@"
}
ITIN_CMD=$T/itin-cmd
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VG" "$ITIN" >"$ITIN_CMD"
chmod 755 "$ITIN_CMD"

ok() {
	n_test=$((n_test + 1))
	echo "ok $n_test - $1"
}

# A failure is also noted in a file, so that finish sees the ones
# recorded in a subshell (a pipeline, a ( ... ) &) as well.
not_ok() {
	n_test=$((n_test + 1))
	echo "not ok $n_test - $1"
	echo "$n_test" >>"$T/.not-ok"
}

run() {
	itin "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# Like run, with stdin from the file $1.
run_in() {
	_in=$1
	shift
	itin "$@" <"$_in" >"$T/out" 2>"$T/err"
	rc=$?
}

show_run() {
	echo "#   status $rc"
	sed 's/^/#   out: /' "$T/out" | head -20
	sed 's/^/#   err: /' "$T/err" | head -20
}

expect_rc() {
	if [ "$rc" -eq "$1" ]; then
		ok "$2"
	else
		not_ok "$2 (want status $1)"
		show_run
	fi
}

expect_out() {
	if diff -u "$1" "$T/out" >"$T/diff" 2>&1; then
		ok "$2"
	else
		not_ok "$2"
		sed 's/^/#   /' "$T/diff" | head -40
		sed 's/^/#   err: /' "$T/err" | head -10
	fi
}

expect_out_text() {
	printf '%s\n' "$1" >"$T/want"
	expect_out "$T/want" "$2"
}

# asan_build: true when $ITIN is built with AddressSanitizer, which
# reserves terabytes of address space, so ulimit -v cannot bound it.
asan_build() {
	grep -q __asan_init "$ITIN" 2>/dev/null
}

# run_bounded SECONDS KB ARGS...: itin ARGS, killed after SECONDS, in KB
# of address space (or "unlimited"); $T/out, $T/err and rc as run leaves
# them. Standard input is the caller's.
run_bounded() {
	_rb_s=$1
	_rb_kb=$2
	shift 2
	(ulimit -v "$_rb_kb" && exec timeout -s KILL "$_rb_s" "$ITIN" "$@") \
		>"$T/out" 2>"$T/err"
	rc=$?
}

# The last run printed nothing on stderr.
no_stderr() {
	if [ -s "$T/err" ]; then not_ok "$1"; show_run; else ok "$1"; fi
}

expect_err() {
	if grep -Eq -- "$1" "$T/err"; then
		ok "$2"
	else
		not_ok "$2 (stderr should match /$1/)"
		show_run
	fi
}

expect_out_match() {
	if grep -Eq -- "$1" "$T/out"; then
		ok "$2"
	else
		not_ok "$2 (stdout should match /$1/)"
		show_run
	fi
}

same_file() {
	if cmp -s "$1" "$2"; then
		ok "$3"
	else
		not_ok "$3"
		diff -u "$1" "$2" | head -30 | sed 's/^/#   /'
	fi
}

# Exit status of the script: 1 when any check failed through not_ok (a
# "not ok" line echoed directly is still counted by tests/run.sh).
finish() {
	if [ -e "$T/.not-ok" ]; then
		exit 1
	fi
	exit 0
}

# The independent iCalendar validators (../shared/tools, installed by
# install-validators.sh): validate FILE DESC passes when they accept FILE.
SHARED=$(cd "$ROOT/.." && pwd)/shared
VALIDATE=$SHARED/tools/ics-validate
# have_shared: ../shared (the corpus and the validators) is beside the
# project, as on CI. A clone elsewhere has no ../shared: the checks that
# need it skip, saying so, and every other check still runs.
have_shared() {
	[ -d "$SHARED/corpus" ] && [ -e "$VALIDATE" ]
}
# skip_shared DESC: the check DESC skipped for want of ../shared.
skip_shared() {
	ok "$1 # skip: $SHARED not found"
}
validate() { # FILE DESC
	if ! have_shared; then
		skip_shared "$2: ics-validate --strict"
		return
	fi
	if "$VALIDATE" --strict -q "$1" >"$T/val" 2>&1; then
		ok "$2: ics-validate --strict"
	else
		not_ok "$2: ics-validate --strict"
		sed 's/^/#   /' "$T/val" | head -20
	fi
}
