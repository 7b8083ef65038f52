#!/bin/sh
# t-errors.sh: the bad input of the issue, each with its exact exit status,
# its message, and the store left byte for byte as it was.
. "$(dirname "$0")/lib.sh"

printf '%s\n' \
	'2023-01-30 10:00-11:30     meeting    Meeting with President Yoon @ Seoul, KR' \
	'    id: keep1' \
	'    tz: Asia/Seoul' \
	'2023-07-11..2023-07-12     summit     NATO Summit @ Vilnius, LT' \
	'    id: keep2' >"$ITIN_FILE"
cp "$ITIN_FILE" "$T/before"

# check STATUS REGEX DESC: the last run failed as expected, changing nothing.
check() {
	expect_rc "$1" "$3"
	expect_err "$2" "$3: message"
	same_file "$T/before" "$ITIN_FILE" "$3: store unchanged"
}
# imp CONTENT...: write the arguments (printf format) to $T/bad.itin.
imp() {
	printf "$@" >"$T/bad.itin"
}

# Impossible dates.
run add meeting X --start 2023-02-29
check 65 "^itin: invalid date '2023-02-29': February 2023 has 28 days$" "add: 29 February of a common year"
run add meeting X --start 2023-13-01
check 65 "^itin: invalid date '2023-13-01': month must be 01 to 12$" "add: month 13"
run add meeting X --start 2023-04-31
check 65 "^itin: invalid date '2023-04-31'" "add: 31 April"
run add meeting X --start 0000-01-01
check 65 "^itin: invalid date '0000-01-01'" "add: year 0"
run add meeting X --start 23-01-01
check 65 "^itin: invalid date" "add: two-digit year"
run add meeting X --start 2023-01-30 --end 2023-02-30
check 65 "^itin: invalid date '2023-02-30'" "add: impossible end date"
imp '2023-02-30                 meeting    X\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:1: invalid date '2023-02-30'" "import: impossible date"

# Bad times.
run add meeting X --start "2023-01-30 25:00"
check 65 "^itin: invalid time '25:00': hour must be 00 to 23$" "add: hour 25"
run add meeting X --start "2023-01-30 24:00"
check 65 "^itin: invalid time '24:00'" "add: 24:00"
run add meeting X --start "2023-01-30 10:60"
check 65 "^itin: invalid time '10:60': minute must be 00 to 59$" "add: minute 60"
run add meeting X --start "2023-01-30 10:5"
check 65 "^itin: invalid time '10:5'" "add: one-digit minute"
run add meeting X --start "2023-01-30 10:00" --end 9:99
check 65 "^itin: invalid time" "add: bad --end HH:MM"
run add meeting X --start "2023-03-26 03:30" --tz Europe/Vilnius
check 65 "^itin: time 2023-03-26 03:30 does not exist in Europe/Vilnius \(clocks jump from 03:00 to 04:00\)$" "add: time in a DST gap"
imp '2023-01-30 10:00-11:75      meeting    X\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: invalid time '11:75'" "import: bad time"

# Unknown types.
run add dinner X --start 2023-01-30
check 65 "^itin: unknown type 'dinner' \(expected one of: visit, meeting, summit, conference, interview, press, travel, reception, call, other\)$" "add: unknown type"
run add MEETING "Upper-case type" --start 2023-01-30 -f "$T/other.itin"
expect_rc 0 "add: types are case-insensitive"
imp '2023-01-30                 dinner     X\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: unknown type 'dinner'" "import: unknown type"

# Unknown zones, with a suggestion.
run add meeting X --start "2023-01-30 10:00" --tz Europe/Pari
check 65 "^itin: unknown time zone 'Europe/Pari' \(did you mean 'Europe/Paris'\?\)$" "add: unknown --tz"
run add travel X --start "2023-01-30 10:00" --city Seoul --end "2023-01-30 12:00" --end-tz Asia/Tokio
check 65 "^itin: unknown time zone 'Asia/Tokio' \(did you mean 'Asia/Tokyo'\?\)$" "add: unknown --end-tz"
run add meeting X --start "2023-01-30 10:00" --tz ../../etc/passwd
check 65 "^itin: unknown time zone" "add: a path as --tz"
imp '2023-01-30 10:00           meeting    X\n    tz: Europe/Pari\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:2:[0-9]+: unknown time zone 'Europe/Pari' \(did you mean 'Europe/Paris'\?\)$" "import: unknown zone"

# End before start.
run add meeting X --start "2023-01-30 10:00" --end 09:00 --city Seoul
check 65 "^itin: end '2023-01-30 09:00' is before start '2023-01-30 10:00'$" "add: end before start"
run add visit X --start 2023-01-30 --end 2023-01-29
check 65 "^itin: end '2023-01-29' is before start '2023-01-30'$" "add: all-day end before start"
run add travel X --start "2023-01-30 10:00" --tz Europe/London --end "2023-01-30 12:00" --end-tz Asia/Tokyo
check 65 "is before start" "add: end before start as instants, across zones"
imp '2023-01-30 10:00-09:00     meeting    X @ Seoul, KR\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: end '2023-01-30 09:00' is before start '2023-01-30 10:00'$" "import: end before start"

# Missing title.
run add meeting
check 64 "^itin: missing TITLE \(see 'itin add --help'\)$" "add: no TITLE"
run add meeting "" --start 2023-01-30
check 65 "title" "add: empty TITLE"
imp '2023-01-30                 meeting\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: missing title$" "import: header without a title"

# Overlong lines.
python3 -c 'import sys; sys.stdout.write("2023-01-30 meeting " + "x" * (1024 * 1024) + "\n")' >"$T/bad.itin"
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: line too long \([0-9]+ bytes; limit 1 MiB\)$" "import: a line over 1 MiB"
python3 -c 'import sys; sys.stdout.write("2023-01-30 meeting " + "x" * (1024 * 1024))' >"$T/bad.itin"
run import "$T/bad.itin"
check 65 "line too long" "import: an overlong last line without newline"

# Invalid UTF-8.
run add meeting "$(printf 'caf\351')" --start 2023-01-30
check 65 "^itin: invalid UTF-8 in --title$" "add: Latin-1 title"
run add meeting X --start 2023-01-30 --note "$(printf 'a\300\200')"
check 65 "^itin: invalid UTF-8 in --note$" "add: overlong encoding in --note"
run add meeting X --start 2023-01-30 --city "$(printf '\355\240\200')"
check 65 "^itin: invalid UTF-8 in --city$" "add: surrogate in --city"
run list --grep "$(printf '\377')"
check 65 "^itin: invalid UTF-8 in --grep$" "list: invalid UTF-8 filter"
imp '2023-01-30                 meeting    caf\351\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: invalid UTF-8; the file looks like Windows-1252: try --encoding cp1252$" "import: invalid UTF-8"

# NUL bytes.
imp '2023-01-30                 meeting    a\000b\n'
run import "$T/bad.itin"
check 65 "^itin: $T/bad.itin:1:[0-9]+: NUL byte in input$" "import: NUL byte"

# A file that is a directory.
mkdir -p "$T/dir.itin"
run import "$T/dir.itin"
check 66 "^itin: '$T/dir.itin' is a directory$" "import: a directory"
run -f "$T/dir.itin" list
expect_rc 66 "list: the store is a directory"
expect_err "^itin: '$T/dir.itin' is a directory$" "list: store directory message"
run -f "$T/dir.itin" add call X --start 2023-01-30
expect_rc 66 "add: the store is a directory"
run -f "$T/dir.itin" rm x
expect_rc 66 "rm: the store is a directory"

# A store that cannot be read or written.
: >"$T/plainfile"
run -f "$T/plainfile/store.itin" add call X --start 2023-01-30
expect_rc 73 "add: store folder is a file"
expect_err "^itin: " "add: store folder is a file: message"
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$T/ro"
	cp "$ITIN_FILE" "$T/ro/store.itin"
	chmod 555 "$T/ro"
	run -f "$T/ro/store.itin" rm keep1
	expect_rc 73 "rm: store in a read-only folder"
	same_file "$T/before" "$T/ro/store.itin" "rm: read-only folder: store unchanged"
	chmod 000 "$T/ro/store.itin"
	run -f "$T/ro/store.itin" list
	expect_rc 66 "list: unreadable store"
	chmod 755 "$T/ro"
fi
# Someone else's read-only store in a folder we may write: rename(2) would
# replace it, so itin must check the file's own permission. As root the
# test becomes user 65534 (nobody) with setpriv; as a normal user the
# read-only folder above already covers the refusal.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	shared=$(mktemp -d /tmp/itin-shared.XXXXXX)
	chmod 777 "$shared"
	cp "$ITIN_FILE" "$shared/store.itin"
	chmod 644 "$shared/store.itin"
	as_nobody() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			env HOME=/nonexistent $VG "$ITIN" -f "$shared/store.itin" "$@" \
			>"$T/out" 2>"$T/err"
		rc=$?
	}
	for cmd in "rm keep1" "edit keep1 --title Changed" "import $shared/in.itin"; do
		cp "$ROOT/samples/nato-2023.itin" "$shared/in.itin"
		chmod 644 "$shared/in.itin"
		# shellcheck disable=SC2086
		as_nobody $cmd
		expect_rc 73 "${cmd%% *}: someone else's read-only store is refused"
		expect_err "^itin: cannot write '$shared/store.itin': Permission denied$" "${cmd%% *}: read-only store: message"
		same_file "$T/before" "$shared/store.itin" "${cmd%% *}: read-only store unchanged"
		[ "$(stat -c %U "$shared/store.itin")" = root ] && ok "${cmd%% *}: owner kept" || not_ok "${cmd%% *}: owner changed"
	done
	rm -rf "$shared"
fi
# A store over the file-size limit: EFBIG, not a kill by SIGXFSZ.
cp "$ITIN_FILE" "$T/big.itin"
cp "$ROOT/samples/summit-season-2023.itin" "$T/season.itin"
(ulimit -f 8 && itin -f "$T/big.itin" import "$T/season.itin" >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
rc=$(cat "$T/rc")
expect_rc 74 "import: store beyond the file-size limit"
expect_err "^itin: cannot write" "import: file-size limit message"
same_file "$T/before" "$T/big.itin" "import: file-size limit: store unchanged"
n=$(ls -a "$T" | grep -c '^\.big\.itin\.')
[ "$n" -eq 0 ] && ok "import: file-size limit: temporary file removed" || not_ok "import: file-size limit: temporary file removed"

# A store that is busy: another process holds its lock, a flock(2) on the
# store itself (a single python3 process, so that killing it frees the
# lock at once).
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import fcntl, os, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(120)' "$ITIN_FILE" "$T/locked" &
	holder=$!
	i=0
	while [ ! -e "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	ITIN_LOCK_TIMEOUT=0.3 run add call X --start 2023-01-30
	check 75 "^itin: store '$ITIN_FILE' is busy" "add: store locked by another itin"
	ITIN_LOCK_TIMEOUT=0.3 run rm keep1
	check 75 "is busy" "rm: store locked by another itin"
	kill "$holder"
	wait "$holder" 2>/dev/null
fi

# A store with an error is reported at its line, and not rewritten.
printf '2023-01-30 10:00 meeting X\n    colour: red\n' >"$T/corrupt.itin"
cp "$T/corrupt.itin" "$T/corrupt.before"
run -f "$T/corrupt.itin" list
expect_rc 65 "list: a store with an unknown key"
expect_err "^itin: $T/corrupt.itin:2:5: unknown key 'colour'" "list: corrupt store message"
run -f "$T/corrupt.itin" rm x
expect_rc 65 "rm: a corrupt store"
same_file "$T/corrupt.before" "$T/corrupt.itin" "rm: corrupt store unchanged"

# Command lines that make no sense.
run
check 64 "^itin: no command given \(see 'itin --help'\)$" "no command"
run lsit
check 64 "^itin: unknown command 'lsit' \(did you mean 'list'\?\)$" "unknown command with a suggestion"
run frobnicate
check 64 "^itin: unknown command 'frobnicate' \(see 'itin --help'\)$" "unknown command"
run view
check 1 "^itin: view needs a terminal" "view without a terminal"
run --bogus
check 64 "^itin: unknown option '--bogus' \(see 'itin --help'\)$" "unknown global option"
run list --bogus
check 64 "^itin: unknown option '--bogus' \(see 'itin list --help'\)$" "unknown option of a command"
if [ "$(wc -l <"$T/err")" -eq 1 ]; then ok "unknown option: one line on stderr"; else not_ok "unknown option: one line on stderr"; fi
run list -z
check 64 "^itin: unknown option '-z' \(see 'itin list --help'\)$" "unknown short option"
run -f
check 64 "^itin: option '-f' needs a value \(see 'itin --help'\)$" "-f without PATH"
run add meeting X --start
check 64 "^itin: option '--start' needs a value \(see 'itin add --help'\)$" "option without its value"
run add meeting X Y --start 2023-01-30
check 64 "^itin: unexpected argument 'Y'" "add: extra argument"
run help frobnicate
check 64 "unknown command 'frobnicate'" "help of an unknown command"

# Help and version go to stdout with status 0.
run --version
expect_rc 0 "--version"
expect_out_text "itin 0.1.0" "--version: text"
run --help
expect_rc 0 "--help"
expect_out_match "^usage: itin \[-f PATH\] COMMAND" "--help: usage"
for c in add edit list show rm import export; do
	expect_out_match "^  itin $c" "--help lists $c"
done
run help
expect_rc 0 "itin help"
expect_out_match "^usage: itin" "itin help = --help"
run help --help
expect_rc 0 "itin help --help"
expect_out_match "^usage: itin" "itin help --help = --help"
for c in add edit list show rm import export; do
	run $c --help
	expect_rc 0 "$c --help: status 0"
	expect_out_match "^usage: itin $c" "$c --help: usage on stdout"
	run help $c
	expect_out_match "^usage: itin $c" "help $c"
done
same_file "$T/before" "$ITIN_FILE" "the store survived every mistake"

finish
