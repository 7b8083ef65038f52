#!/bin/sh
# t-view.sh: itin view as a person uses it: started in a detached tmux of a
# fixed size, driven with send-keys, read back with capture-pane. Every wait
# polls the screen (no fixed sleeps), up to $WAIT_LIMIT seconds.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	# CI installs tmux (.ci/run); without it this is a failure, not a skip.
	not_ok "tmux is installed (needed to test the viewer)"
	finish
fi

cp "$TESTDIR/data/view.itin" "$ITIN_FILE"
SOCK="itin-test-$$"
VIEW_ENV=
WAIT_LIMIT=${WAIT_LIMIT:-10}
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	VIEW="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --log-file=$T/vg.%p $ITIN"
	WAIT_LIMIT=60
else
	VIEW="$ITIN"
fi

screen() { tm capture-pane -p -t v >"$T/screen" 2>/dev/null; }

# wait_for RE: until the screen shows a line matching RE; 1 on timeout.
wait_for() {
	_i=0
	while [ "$_i" -lt $((WAIT_LIMIT * 20)) ]; do
		screen
		if grep -Eq -- "$1" "$T/screen"; then return 0; fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

# wait_gone RE: until no line matches RE.
wait_gone() {
	_i=0
	while [ "$_i" -lt $((WAIT_LIMIT * 20)) ]; do
		screen
		if ! grep -Eq -- "$1" "$T/screen"; then return 0; fi
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

shows() { # RE DESC
	if wait_for "$1"; then ok "$2"; else
		not_ok "$2 (screen should match /$1/)"
		sed 's/^/#   | /' "$T/screen"
	fi
}

hides() { # RE DESC
	if wait_gone "$1"; then ok "$2"; else
		not_ok "$2 (screen should not match /$1/)"
		sed 's/^/#   | /' "$T/screen"
	fi
}

keys() { tm send-keys -t v "$@"; }

# start W H ARGS...: a fresh session running a shell that records the
# terminal's settings, runs the viewer, records them again and says DONE.
start() {
	_w=$1 _h=$2
	shift 2
	tm kill-session -t v 2>/dev/null
	rm -f "$T/stty.before" "$T/stty.after" "$T/status"
	cat >"$T/run.sh" <<EOS
trap : INT TERM
stty -a >"$T/stty.before"
echo \$\$ >"$T/shell.pid"
env $VIEW_ENV $VIEW view $* 2>"$T/view.err"
echo \$? >"$T/status"
stty -a >"$T/stty.after"
clear
echo "DONE status \$(cat "$T/status")"
exec sleep 600
EOS
	tm new-session -d -s v -x "$_w" -y "$_h" "sh $T/run.sh"
}

# The viewer has gone, and the terminal is as it was before.
restored() { # DESC
	if wait_for '^DONE status'; then
		if cmp -s "$T/stty.before" "$T/stty.after" &&
			[ "$(tm display -p -t v '#{alternate_on}')" = 0 ] &&
			[ "$(tm display -p -t v '#{cursor_flag}')" = 1 ]; then
			ok "$1"
		else
			not_ok "$1 (terminal settings differ, or still in the alternate screen or no cursor)"
			diff "$T/stty.before" "$T/stty.after" | sed 's/^/#   /'
		fi
	else
		not_ok "$1 (the viewer did not exit)"
		sed 's/^/#   | /' "$T/screen"
	fi
}

# --- the status line fits the width (issue 11, item 15) ----------------------
# A 150-character title, a wide-character (CJK) title and a long place,
# at 80x24 and 40x20: the times and the short id stay whole, the id at the
# right edge; the title and place are shortened with "…", as the agenda
# shortens them, never past the edge (wide characters count two).
python3 - "$T/fit.itin" <<'PY'
import sys
title = ("Meeting with President Yoon Suk-yeol and the delegation of the "
         "Republic of Korea on security, trade, energy, culture and the "
         "partnership for the years ahead and beyond")
title = (title + " and more" * 20)[:150]
assert len(title) == 150
cjk = "東京での首脳会談" * 8
with open(sys.argv[1], "w") as f:
    f.write("2023-01-30 11:00-12:00 meeting %s @ Yongsan Presidential Office, Seoul, KR\n"
            "    id: a1b2c3d4e5f60001\n    tz: Asia/Seoul\n" % title)
    f.write("2023-01-31 18:00-19:00 meeting %s @ Tokyo, JP\n"
            "    id: b1b2c3d4e5f60002\n    tz: Asia/Tokyo\n" % cjk)
    f.write("2023-02-01 10:00-11:00 press Press @ Grand Prince Hotel New Takanawa International Convention Center, Tokyo, JP\n"
            "    id: c1b2c3d4e5f60003\n    tz: Asia/Tokyo\n")
    f.write("2023-02-02 09:00-09:30 call Call\n"
            "    id: d1b2c3d4e5f60004\n    tz: Asia/Tokyo\n")
PY
# status_is W RE DESC: the last line of the screen matches RE and is
# exactly W columns wide (its id at the right edge), by display width.
status_is() {
	_i=0
	while [ "$_i" -lt $((WAIT_LIMIT * 20)) ]; do
		screen
		tail -n 1 "$T/screen" >"$T/sline"
		if grep -Eq -- "$2" "$T/sline" && python3 - "$1" "$T/sline" <<'PY'
import sys, unicodedata
w = int(sys.argv[1])
line = open(sys.argv[2], encoding="utf-8").read().rstrip("\n")
cols = sum(0 if unicodedata.combining(c) else
           2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
sys.exit(0 if cols == w else 1)
PY
		then
			ok "$3"
			return
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	not_ok "$3 (the last line should match /$2/ and be $1 columns wide)"
	sed 's/^/#   | /' "$T/screen" | tail -n 3
}
start 80 24 -f "$T/fit.itin"
status_is 80 '^1/4  Mon 30 Jan 11:00-12:00 KST( meeting)?  Meeting with President Yoon.*… @ Seoul(, KR)?  id a1b2$' \
	"view 80x24: a 150-character title is shortened, the times, place and id stay"
keys j
status_is 80 '^2/4  Tue 31 Jan 18:00-19:00 JST( meeting)?  東京での首脳会談.*… @ Tokyo, JP +id b1b2$' \
	"view 80x24: a CJK title is shortened by display width"
keys j
status_is 80 '^3/4  Wed 1 Feb 2023 10:00-11:00 JST press  Press @ Tokyo, JP +id c1b2 \? help$' \
	"view 80x24: a long place gives up its venue, and there is room for the rest"
keys j
status_is 80 '^4/4  Thu 2 Feb 2023 09:00-09:30 JST call  Call +id d1b2 \? help$' \
	"view 80x24: a short event's line is whole"
keys q
restored "view 80x24: quits"
start 40 20 -f "$T/fit.itin"
status_is 40 '^11:00-12:00 KST  Meeting with Pres.*…  a1b2$' \
	"view 40x20: the times and the short id stay whole, the title shrinks"
keys j
status_is 40 '^18:00-19:00 JST  東京での首脳.*…  b1b2$' \
	"view 40x20: a CJK title is cut on a character, by display width"
keys j
status_is 40 '^10:00-11:00 JST  Press @ Tokyo, JP  c1b2$' \
	"view 40x20: the place without its venue"
keys q
restored "view 40x20: quits"
finish
