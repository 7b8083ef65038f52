#!/bin/sh
# t-lazyload.sh: libical, ncursesw, libxml2 and libcurl are opened by the
# commands that use them, not linked into itin (include/itin/dynlib.h):
# the binary does not name them, a command that needs none of them (add,
# list...) does not load them, one that does loads them, and a system
# without one gets a clear error, status 69, and an untouched store.
# libcurl (and libxml2 for CalDAV) is opened by the sync layer
# (include/itin/dav.h): checked through build/tests/davprobe, which runs
# dav.h alone, and through `itin sync` once the binary has it.
#
# What a process loads is read from the dynamic loader's own account
# (LD_DEBUG=files, into LD_DEBUG_OUTPUT), so these runs call "$ITIN"
# directly, never under valgrind (whose loader would be the one speaking).
. "$(dirname "$0")/lib.sh"

# The four, and ICU, which only libical pulls in (not libstdc++, which
# the sanitizers' runtime needs too).
LIBS_RE='lib(ical|ncursesw?|xml2|curl|icu[a-z0-9]*)\.so'
PROBE=${UNIT_DIR:-$ROOT/build/tests}/davprobe

# opened: the libraries of LIBS_RE in the loader's account ($T/ld.*), one
# per line; "no-account" when there is none (it names libc at least), so
# that "none of them" cannot pass for want of an account.
opened() {
	cat "$T"/ld.* 2>/dev/null | grep -q 'file=libc\.so' || echo no-account
	cat "$T"/ld.* 2>/dev/null |
		sed -n 's/.*file=\([^ ]*\) .*/\1/p' | grep -E "$LIBS_RE" | sort -u
}

# loads CMD...: run CMD (words, itin first), status in $rc, with what it
# opened in $got.
loads() {
	rm -f "$T"/ld.*
	LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	got=$(opened)
}

# opens_only LIB OTHERS DESC ERRFILE: the last run ($rc, $got) succeeded,
# opened LIB and none of OTHERS (an ERE); else ERRFILE is shown.
opens_only() {
	if [ "$rc" = 0 ] && echo "$got" | grep -q "^$1\\.so" &&
		! echo "$got" | grep -Eq "$2"; then
		ok "$3 opens $1, and only it"
	else
		not_ok "$3 opens $1, and only it (status $rc, loaded: $(echo $got))"
		sed 's/^/#   /' "$4"
	fi
}

# --- the binary names none of them ----------------------------------------
if command -v objdump >/dev/null 2>&1; then
	needed=$(objdump -p "$ITIN" | awk '$1 == "NEEDED" { print $2 }')
	if [ -n "$needed" ] && ! echo "$needed" | grep -Eq "$LIBS_RE"; then
		ok "the binary links none of libical, ncursesw, libxml2, libcurl"
	else
		not_ok "the binary links none of libical, ncursesw, libxml2, libcurl (NEEDED: $(echo $needed))"
	fi
else
	ok "the binary links none of them # skip objdump is not installed"
fi

# --- commands that need none of them load none ----------------------------
for args in "--version" \
	"add meeting Talks --start 2023-01-30T10:00 --city Seoul" \
	"list --from 2023-01-01" "where Seoul" "export --format ics" \
	"timeline --from 2023-01-01 --to 2023-02-28" \
	"import --dry-run $ROOT/samples/nato-2023.csv"; do
	# shellcheck disable=SC2086 # the words are meant to split
	loads "$ITIN" $args
	if [ "$rc" = 0 ] && [ -z "$got" ]; then
		ok "itin $args loads none of them"
	else
		not_ok "itin $args loads none of them (status $rc, loaded: $(echo $got))"
		sed 's/^/#   /' "$T/err"
	fi
done
id=$("$ITIN" list --format tsv --from 2023-01-01 | awk -F '\t' 'NR == 2 { print $1 }')
loads "$ITIN" show "$id"
if [ "$rc" = 0 ] && [ -n "$id" ] && [ -z "$got" ]; then
	ok "itin show loads none of them"
else
	not_ok "itin show loads none of them (id '$id', status $rc, loaded: $(echo $got))"
fi
cp "$ITIN_FILE" "$T/store.before"

# --- and those that use one load it ---------------------------------------
cat >"$T/weekly.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//itin tests//EN
BEGIN:VEVENT
UID:weekly-1@itin.test
DTSTAMP:20230101T000000Z
DTSTART:20230102T090000Z
DTEND:20230102T100000Z
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Weekly call
END:VEVENT
END:VCALENDAR
EOF
loads "$ITIN" import --dry-run "$T/weekly.ics"
opens_only libical 'ncurses|xml2|curl' "itin import of an .ics with an RRULE" "$T/err"

cat >"$T/page.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Visit</title></head>
<body><p>The minister arrived in Seoul on 30 January 2023.</p></body></html>
EOF
printf 'The minister arrived in Seoul on 30 January 2023.\n' >"$T/report.txt"
loads "$ITIN" extract --date 2023-01-31 "$T/page.html"
opens_only libxml2 'ical|ncurses|curl' "itin extract of an HTML page" "$T/err"
loads "$ITIN" extract --date 2023-01-31 "$T/report.txt"
if [ "$rc" = 0 ] && [ -z "$got" ]; then
	ok "itin extract of a text report loads none of them"
else
	not_ok "itin extract of a text loads none (status $rc, loaded: $(echo $got))"
fi

# The CalDAV client opens libcurl and libxml2 (before its first request:
# nothing listens on the port), and neither libical nor ncursesw.
if [ -x "$PROBE" ]; then
	loads "$PROBE" "http://127.0.0.1:9/cal/" open
	if [ "$rc" = 69 ] && echo "$got" | grep -q '^libcurl\.so' &&
		echo "$got" | grep -q '^libxml2\.so' &&
		! echo "$got" | grep -Eq 'ical|ncurses'; then
		ok "the CalDAV client opens libcurl and libxml2, and only them"
	else
		not_ok "the CalDAV client opens libcurl and libxml2, and only them (status $rc, loaded: $(echo $got))"
		sed 's/^/#   /' "$T/err"
	fi
else
	not_ok "davprobe is built ($PROBE)"
fi

# The viewer, in a detached tmux: what it loaded, read once it has quit.
SOCK="itin-lazy-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
# view_run ENV...: itin view in a 80x24 terminal with ENV set, q typed once
# it draws; its stderr in $T/view.err, its status in $T/view.status.
view_run() {
	rm -f "$T/view.status" "$T"/ld.*
	cat >"$T/view.sh" <<EOS
env $* "$ITIN" view 2>"$T/view.err"
echo \$? >"$T/view.status.tmp" && mv "$T/view.status.tmp" "$T/view.status"
exec sleep 600
EOS
	tm kill-session -t v 2>/dev/null
	tm new-session -d -s v -x 80 -y 24 "sh $T/view.sh"
	_i=0
	while [ ! -f "$T/view.status" ] && [ "$_i" -lt 200 ]; do
		if tm capture-pane -p -t v 2>/dev/null | grep -q 'itin view'; then
			tm send-keys -t v q
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
}
if command -v tmux >/dev/null 2>&1; then
	view_run LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld"
	got=$(opened)
	rc=$(cat "$T/view.status" 2>/dev/null)
	opens_only libncursesw 'ical|xml2|curl' "itin view" "$T/view.err"
else
	# CI installs tmux (.ci/run); without it this is a failure.
	not_ok "tmux is installed (needed to run the viewer)"
fi

# --- a system without the library -----------------------------------------
# An empty file by the library's name, first on the loader's path: dlopen
# finds it and refuses it ("file too short"), as it would a broken or
# foreign library; a missing one differs only in the loader's words.
# soname NAME-RE: the SONAME itin opens, as the binary spells it.
soname() { grep -ao "$1"'\.so\.[0-9][0-9]*' "$ITIN" | head -n 1; }
FAKE="$T/fakelib"
mkdir -p "$FAKE"
for re in 'libical' 'libncursesw' 'libxml2'; do
	s=$(soname "$re")
	if [ -n "$s" ]; then : >"$FAKE/$s"; else not_ok "the binary names its $re SONAME"; fi
done
ICAL_SO=$(soname libical)
XML_SO=$(soname libxml2)
CURSES_SO=$(soname libncursesw)
# libcurl's, from the sync layer's table (in davprobe; in itin once a
# command uses it).
CURL_SO=$(grep -ao 'libcurl\.so\.[0-9][0-9]*' "$PROBE" 2>/dev/null | head -n 1)
if [ -n "$CURL_SO" ]; then : >"$FAKE/$CURL_SO"; else not_ok "davprobe names its libcurl SONAME"; fi

# missing DESC SONAME PACKAGE: the last run failed with 69, said why, and
# left the store as it was.
missing() {
	if [ "$rc" = 69 ] &&
		grep -Eq "^itin: cannot load '$2', needed .*\(Debian's package $3 provides it\): .*file too short" "$T/err" &&
		[ "$(wc -l <"$T/err")" = 1 ] && cmp -s "$ITIN_FILE" "$T/store.before"; then
		ok "$1: status 69, the library and its package named, the store unchanged"
	else
		not_ok "$1 (status $rc, store unchanged: $(cmp -s "$ITIN_FILE" "$T/store.before" && echo yes || echo no))"
		sed 's/^/#   /' "$T/err"
	fi
}

LD_LIBRARY_PATH="$FAKE" "$ITIN" import "$T/weekly.ics" >"$T/out" 2>"$T/err"
rc=$?
missing "import .ics without libical" "$ICAL_SO" libical3
LD_LIBRARY_PATH="$FAKE" "$ITIN" extract --date 2023-01-31 --add "$T/page.html" \
	>"$T/out" 2>"$T/err" </dev/null
rc=$?
missing "extract --add of a page without libxml2" "$XML_SO" libxml2
# Another version, without a function itin calls: a library of that name
# that defines nothing; loaded, then refused, all or nothing.
if command -v "${CC:-cc}" >/dev/null 2>&1 && mkdir -p "$T/otherlib" &&
	echo 'int itin_test_nothing_here;' >"$T/otherlib/x.c" &&
	"${CC:-cc}" -shared -fPIC -o "$T/otherlib/$XML_SO" "$T/otherlib/x.c" \
		-Wl,-soname,"$XML_SO" 2>/dev/null; then
	LD_LIBRARY_PATH="$T/otherlib" "$ITIN" extract --date 2023-01-31 --add \
		"$T/page.html" >"$T/out" 2>"$T/err" </dev/null
	if [ $? = 69 ] && grep -Eq "^itin: cannot use '$XML_SO', needed .*undefined symbol: (html|xml)[A-Za-z]+$" "$T/err" &&
		cmp -s "$ITIN_FILE" "$T/store.before"; then
		ok "a $XML_SO without the functions itin calls: status 69, the symbol named"
	else
		not_ok "a $XML_SO without the functions itin calls: status 69, the symbol named"
		sed 's/^/#   /' "$T/err"
	fi
else
	ok "a library without the functions itin calls # skip no C compiler"
fi
# The CalDAV client without libcurl, and with libcurl but without libxml2.
if [ -n "$CURL_SO" ]; then
	LD_LIBRARY_PATH="$FAKE" "$PROBE" "http://127.0.0.1:9/cal/" open >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" = 69 ] &&
		grep -Eq "^davprobe: cannot load '$CURL_SO', needed to reach a CalDAV server \(Debian's package libcurl4 provides it\): .*file too short" "$T/err"; then
		ok "the CalDAV client without libcurl: status 69, libcurl and libcurl4 named"
	else
		not_ok "the CalDAV client without libcurl: status 69, libcurl and libcurl4 named (status $rc)"
		sed 's/^/#   /' "$T/err"
	fi
	mkdir -p "$T/noxml" && : >"$T/noxml/$XML_SO"
	LD_LIBRARY_PATH="$T/noxml" "$PROBE" "http://127.0.0.1:9/cal/" open >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" = 69 ] && grep -q "^davprobe: cannot load '$XML_SO', needed .*libxml2 provides it" "$T/err"; then
		ok "the CalDAV client without libxml2: status 69 before any request"
	else
		not_ok "the CalDAV client without libxml2: status 69 before any request (status $rc)"
		sed 's/^/#   /' "$T/err"
	fi
	if grep -q 'libcurl\.so' "$ITIN"; then
		LD_LIBRARY_PATH="$FAKE" "$ITIN" sync "http://127.0.0.1:9/cal/" >"$T/out" 2>"$T/err" </dev/null
		rc=$?
		missing "itin sync without libcurl" "$CURL_SO" libcurl4
	else
		ok "itin sync without libcurl # skip the binary has no sync command yet"
	fi
fi

# What needs none of them still works there.
LD_LIBRARY_PATH="$FAKE" "$ITIN" list --from 2023-01-01 >"$T/out" 2>"$T/err"
if [ $? = 0 ] && grep -q Talks "$T/out"; then
	ok "list works on a system without the three"
else
	not_ok "list works on a system without the three"
fi
LD_LIBRARY_PATH="$FAKE" "$ITIN" export --format ics >"$T/out" 2>"$T/err"
if [ $? = 0 ] && grep -q '^SUMMARY:Talks' "$T/out"; then
	ok "export to .ics works on a system without libical"
else
	not_ok "export to .ics works on a system without libical"
fi
if command -v tmux >/dev/null 2>&1; then
	view_run LD_LIBRARY_PATH="$FAKE"
	rc=$(cat "$T/view.status" 2>/dev/null)
	cp "$T/view.err" "$T/err"
	missing "view without ncursesw" "$CURSES_SO" libncursesw6
fi

finish
