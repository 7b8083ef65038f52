#!/bin/sh
# t-extract.sh: itin extract, the command: its input (text, HTML, stdin,
# binary and invalid input, the size cap), its formats (the writers of
# list: .itin that import takes back, tsv, json), --date, --source, the
# missing date, and --add (import's lock and guarantees; a second run adds
# nothing). The legs of the report the project started from are checked
# at the end; the extractor's quality over many reports is
# `make extract-score`'s business.
. "$(dirname "$0")/lib.sh"

D=$TESTDIR/data/extract
cp "$D/nato.txt" "$T/nato.txt"
cp "$D/nato.html" "$T/nato.html"
cp "$D/nodate.txt" "$T/nodate.txt"

# The store as it was (snapshot), then the same bytes (unchanged DESC).
snapshot() { cp "$ITIN_FILE" "$T/before"; }
unchanged() { same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"; }
# count_events FILE: the header lines of a .itin file.
count_events() { grep -c '^[0-9]' "$1" | tr -d ' '; }

# ---- the command line ---------------------------------------------------
run help extract
expect_rc 0 "help extract"
expect_out_match '^usage: itin extract \[--date DATE\] \[--source URL\]' "help extract: the synopsis"
run --help
expect_out_match '^  itin extract ' "itin --help lists extract"
run extract
expect_rc 64 "no FILE: usage"
expect_err "^itin: missing FILE .*'itin extract --help'" "no FILE: says so"
run extract "$T/nato.txt" "$T/nato.txt"
expect_rc 64 "two FILEs: usage"
run extract --format csv "$T/nato.txt"
expect_rc 64 "--format csv: usage"
run extract --format tsv --add "$T/nato.txt"
expect_rc 64 "--format with --add: usage"
run extract --date 2023-02-30 "$T/nato.txt"
expect_rc 65 "--date 2023-02-30: bad data"
expect_err "^itin: invalid date '2023-02-30'" "--date 2023-02-30: says why"
run extract "$T/no-such.txt"
expect_rc 66 "missing file: 66"
expect_err "^itin: cannot open '.*no-such\.txt': No such file" "missing file: named"
run extract "$T"
expect_rc 66 "a directory: 66"

# ---- refused input -------------------------------------------------------
printf 'SEOUL, Jan 30 (Yonhap) --\nNATO \000 chief\n' >"$T/bin.txt"
run extract "$T/bin.txt"
expect_rc 65 "binary input: 65"
expect_err "^itin: $T/bin\.txt:2:6: binary data" "binary input: the file, line and column"
head -c 3000 "$ITIN" >"$T/prog.bin"
run extract --date 2023-01-30 "$T/prog.bin"
expect_rc 65 "a program as input: 65"
expect_err "prog\.bin:1:[0-9]+: binary data" "a program as input: named"
printf 'Paris, 30 January 2023\nLe ministre arrive \303\240 S\351oul lundi.\n' >"$T/latin.txt"
run extract "$T/latin.txt"
expect_rc 65 "invalid UTF-8: 65"
expect_err "^itin: $T/latin\.txt:2:23: invalid UTF-8 \(byte 0xE9\)" "invalid UTF-8: line and column of the byte"
printf '<html><body><p>Seoul</p>\n<p>S\351oul</p></body></html>\n' >"$T/latin.html"
run extract --date 2023-01-30 "$T/latin.html"
expect_rc 65 "HTML with no charset, invalid UTF-8: 65"
expect_err "latin\.html:2:5: invalid UTF-8" "HTML invalid UTF-8: line and column"
# Over the cap, from a file and from an endless pipe: refused, at once.
head -c 17000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
run extract --date 2023-01-30 "$T/big.txt"
expect_rc 65 "a 17 MB report: 65"
expect_err "big\.txt: larger than 16 MiB" "a 17 MB report: the limit named"
yes 'Stoltenberg visits Seoul on Sunday.' | run_bounded 20 unlimited extract --date 2023-01-30 -
expect_rc 65 "endless stdin: 65 within the time"
expect_err "^itin: <stdin>: larger than 16 MiB" "endless stdin: named <stdin>"

# ---- the document date ---------------------------------------------------
run extract "$T/nodate.txt"
expect_rc 65 "no date and no --date: 65"
expect_err "nodate\.txt.*--date" "no date: the message says to pass --date"
run extract --add "$T/nodate.txt"
expect_rc 65 "no date, --add: 65"
if [ -e "$ITIN_FILE" ]; then not_ok "no date, --add: no store made"; else ok "no date, --add: no store made"; fi
expect_out /dev/null "no date, --add: no id printed"

# ---- formats ---------------------------------------------------------------
run extract "$T/nato.txt"
expect_rc 0 "itin format: the default"
cp "$T/out" "$T/prop.itin"
n=$(count_events "$T/prop.itin")
if [ "$n" -gt 0 ]; then ok "itin format: $n events proposed"; else not_ok "itin format: events proposed"; fi
if [ "$(grep -c '^    status: tentative$' "$T/prop.itin")" -eq "$n" ]; then
	ok "itin format: every event tentative"
else
	not_ok "itin format: every event tentative"
fi
if [ "$(grep -c "^    source: $T/nato.txt\$" "$T/prop.itin")" -eq "$n" ]; then
	ok "itin format: every source is the file"
else
	not_ok "itin format: every source is the file"
fi
if [ "$(grep -c '^    id: ' "$T/prop.itin")" -eq "$n" ]; then
	ok "itin format: every event has its id"
else
	not_ok "itin format: every event has its id"
fi
if [ "$(grep -c '^    note: ' "$T/prop.itin")" -eq "$n" ]; then
	ok "itin format: every event has its sentence as a note"
else
	not_ok "itin format: every event has its sentence as a note"
fi
# import takes it back, and list then writes what extract wrote: the
# same events through the same writers.
ITIN_FILE=$T/scratch.itin run import "$T/prop.itin"
expect_rc 0 "itin format: import takes it"
expect_err "imported $n events \($n added, 0 updated, 0 unchanged\)" "itin format: import adds every event"
ITIN_FILE=$T/scratch.itin run list --format itin
expect_out "$T/prop.itin" "itin format: list of the import gives it back byte for byte"
ITIN_FILE=$T/scratch.itin run list --format tsv
cp "$T/out" "$T/list.tsv"
run extract --format tsv "$T/nato.txt"
expect_rc 0 "tsv format"
expect_out "$T/list.tsv" "tsv format: what list --format tsv prints of the same events"
head -1 "$T/out" >"$T/head"
printf 'id\ttype\tstart\tend\ttz\tcity\tcountry\ttitle\n' >"$T/want"
same_file "$T/want" "$T/head" "tsv format: list's header"
if awk -F '\t' 'NF != 8 { bad = 1 } END { exit bad }' "$T/out"; then
	ok "tsv format: eight columns on every line"
else
	not_ok "tsv format: eight columns on every line"
fi
ITIN_FILE=$T/scratch.itin run list --format json
cp "$T/out" "$T/list.json"
run extract --format json "$T/nato.txt"
expect_rc 0 "json format"
expect_out "$T/list.json" "json format: what list --format json prints"
if python3 -m json.tool "$T/out" >/dev/null 2>"$T/json.err"; then
	ok "json format: parses (python3 -m json.tool)"
else
	not_ok "json format: parses (python3 -m json.tool)"
	sed 's/^/#   /' "$T/json.err" | head -5
fi

# ---- --source, stdin, --date -------------------------------------------------
run extract --source https://example.org/nato "$T/nato.txt"
expect_rc 0 "--source"
cp "$T/out" "$T/src.itin"
if [ "$(grep -c '^    source: https://example.org/nato$' "$T/out")" -eq "$n" ] &&
	! grep -q "source: $T" "$T/out"; then
	ok "--source: every event's source is the URL"
else
	not_ok "--source: every event's source is the URL"
	show_run
fi
run_in "$T/nato.txt" extract --source https://example.org/nato -
expect_rc 0 "stdin -"
expect_out "$T/src.itin" "stdin -: the same events as from the file"
run_in "$T/nato.txt" extract -
if [ "$(grep -c '^    source: <stdin>$' "$T/out")" -eq "$n" ]; then
	ok "stdin - without --source: the source is <stdin>"
else
	not_ok "stdin - without --source: the source is <stdin>"
	show_run
fi
# --date wins over the date line: a week later, every date moves with it
# but the absolute ones (July 11-12).
run extract --date 2023-02-06 --format tsv "$T/nato.txt"
expect_rc 0 "--date over the date line"
if ! diff -q "$T/list.tsv" "$T/out" >/dev/null; then
	ok "--date: the relative dates move"
else
	not_ok "--date: the relative dates move"
fi
run_in "$T/nodate.txt" extract --date 2023-01-30 --format tsv -
expect_rc 0 "--date where the report has none"
expect_out_match '	visit	2023-01-29	2023-01-30		Seoul	KR	' "--date: Sunday before Monday 30 January"
run_in "$T/nodate.txt" extract --date "2023-01-30 09:00" --format tsv -
expect_out_match '	visit	2023-01-29	2023-01-30		Seoul	KR	' "--date with a time: the date counts"
# Relative, as add takes it: a week before ITIN_NOW (Wed 25 January) is
# Wednesday 18 January, whose coming Sunday is the 22nd.
run_in "$T/nodate.txt" extract --date -1w --format tsv -
expect_out_match '	visit	2023-01-22	2023-01-23		Seoul	KR	' "--date -1w: relative to today"

# ---- HTML ------------------------------------------------------------------
# The page holds the report's text in an article, amid a navigation bar,
# scripts, styles, a cookie banner, share buttons, an aside and a footer
# that all name other trips; only the article's are proposed, as from the
# text, with the same ids.
run extract --format tsv --source S "$T/nato.html"
expect_rc 0 "HTML page"
cp "$T/out" "$T/html.tsv"
run extract --format tsv --source S "$T/nato.txt"
expect_out "$T/html.tsv" "HTML page: the same events as the text"
if grep -Eq 'Paris|Berlin|Madrid|Rome|Warsaw|Geneva|Vienna' "$T/html.tsv"; then
	not_ok "HTML page: nothing from navigation, scripts, asides, footers"
	sed 's/^/#   /' "$T/html.tsv"
else
	ok "HTML page: nothing from navigation, scripts, asides, footers"
fi
# A page whose only date is its metadata: the date comes from there.
sed -e '/class="dateline"/d' "$T/nato.html" >"$T/meta.html"
run extract --format tsv --source S "$T/meta.html"
expect_rc 0 "HTML page dated by its JSON-LD only"
expect_out "$T/html.tsv" "HTML page dated by its JSON-LD: the same events"

# ---- a report that announces nothing: no error, nothing proposed ---------
printf 'Weather\n\nSEOUL, Jan 30 -- It will rain in Seoul on Monday.\n' >"$T/rain.txt"
run extract --date 2023-01-30 "$T/rain.txt"
expect_rc 0 "nothing announced: not an error"
expect_out /dev/null "nothing announced: nothing printed"
run extract --date 2023-01-30 --format json "$T/rain.txt"
expect_out_text "[]" "nothing announced, json: an empty array"
run extract --date 2023-01-30 --add -f "$T/sub/none.itin" "$T/rain.txt"
expect_rc 0 "nothing announced, --add"
expect_err "added 0 of 0 events" "nothing announced, --add: says so"
if [ -e "$T/sub" ]; then not_ok "nothing announced, --add: no store made"; else ok "nothing announced, --add: no store made"; fi

# ---- --add -----------------------------------------------------------------
run extract --format tsv "$T/nato.txt"
tail -n +2 "$T/out" | cut -f1 >"$T/ids"
run extract --add "$T/nato.txt"
expect_rc 0 "--add"
expect_out "$T/ids" "--add: prints the ids added, one a line"
expect_err "^itin: added $n of $n events proposed by $T/nato\.txt \(0 already in the store\)$" "--add: a summary on stderr"
run list --format itin
expect_out "$T/prop.itin" "--add: the store holds the proposed events"
snapshot
run extract --add "$T/nato.txt"
expect_rc 0 "--add again"
expect_out /dev/null "--add again: no id printed"
expect_err "^itin: added 0 of $n events .*\($n already in the store\)$" "--add again: all already there"
expect_err "^itin: note: '.*' is already in the store \(id [0-9a-f]+\); left as it is$" "--add again: each one named"
unchanged "--add again"
# An event the user edited since is left as it is.
first=$(head -1 "$T/ids")
run edit "$first" --status confirmed --note "Checked with the press office."
expect_rc 0 "edit a proposed event"
snapshot
run extract --add "$T/nato.txt"
expect_rc 0 "--add after an edit"
unchanged "--add after an edit"
run show "$first"
expect_out_match '^Status: +confirmed$' "--add after an edit: the edit kept"

# The store busy: --add waits as import does, then gives up with 75 and
# changes nothing.
if command -v flock >/dev/null 2>&1; then
	rm -f "$ITIN_FILE"
	: >"$ITIN_FILE"
	snapshot
	exec 9>>"$ITIN_FILE"
	flock -x 9
	ITIN_LOCK_TIMEOUT=0.2 run extract --add "$T/nato.txt"
	expect_rc 75 "--add, store busy: 75"
	expect_err "^itin: store '.*store\.itin' is busy" "--add, store busy: import's message"
	expect_out /dev/null "--add, store busy: no id printed"
	unchanged "--add, store busy"
	(sleep 1; flock -u 9) &
	ITIN_LOCK_TIMEOUT=60 run extract --add "$T/nato.txt"
	expect_rc 0 "--add waits for the lock"
	expect_out "$T/ids" "--add after the wait: the ids"
	wait
	exec 9>&-
else
	ok "# skip busy store: no flock(1)"
fi

# A store that cannot be one: refused as import refuses it.
mkdir "$T/dir.itin"
run -f "$T/dir.itin" import "$T/prop.itin"
import_rc=$rc
cp "$T/err" "$T/import.err"
run extract -f "$T/dir.itin" --add "$T/nato.txt"
expect_rc "$import_rc" "--add into a folder: import's status ($import_rc)"
same_file "$T/import.err" "$T/err" "--add into a folder: import's message"

# ---- the report the project started from ----------------------------------
run extract --format tsv "$T/nato.txt"
cut -f2-7 "$T/out" | tail -n +2 | sort >"$T/legs"
cat >"$T/want" <<'EOF'
summit	2023-07-11	2023-07-12			LT
visit	2023-01-29	2023-01-30		Seoul	KR
visit	2023-01-30	2023-02-01		Tokyo	JP
EOF
sort "$T/want" >"$T/want.sorted"
# Every expected leg is proposed (an interview with no place may be too).
if [ -z "$(comm -23 "$T/want.sorted" "$T/legs")" ]; then
	ok "nato report: the three legs (Seoul 29-30 Jan, Tokyo 30 Jan-1 Feb, Lithuania 11-12 Jul)"
else
	not_ok "nato report: the three legs (Seoul 29-30 Jan, Tokyo 30 Jan-1 Feb, Lithuania 11-12 Jul)"
	sed 's/^/#   got: /' "$T/legs"
fi

finish
