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

# --- the timeline ---------------------------------------------------------
start 100 30
shows 'itin view +7 events' "view: opens, with a title line"
shows 'January 2023' "view: the axis names the month"
shows 'Fri 27' "view: the axis names the days"
shows '^Today' "view: today (ITIN_NOW) is in the window and marked"
shows '^1/7  Fri 27 Jan 2023 .*Interview with Yonhap' \
	"view: opens around today, the cursor on the first event after it"
shows '^Interview with Yonhap @ Brussels, BE +.*█' "view: a bar for the all-day interview"
shows '^東京での会談 @ Tokyo, JP +' "view: a wide-character title aligns"

keys j j
shows '^3/7 .*Meeting with President Yoon' "view: j moves to the next event"
keys k
shows '^2/7 .*Visit to Korea' "view: k moves back"
keys Down Down
shows '^4/7 .*Flight to Tokyo' "view: arrows move between events"

# The escaped title: visible as text, and the pane's title untouched.
keys End
shows '^7/7 .*NATO Summit' "view: End goes to the last event"
keys Up
shows 'Evil \\x1b\]0;PWNED\\x07title \\x1b\[2J' \
	"view: escape sequences in a title are shown escaped"
if tm display -p -t v '#{pane_title}' | grep -q PWNED; then
	not_ok "view: a title cannot set the window title"
else
	ok "view: a title cannot set the window title"
fi

# --- time and zoom --------------------------------------------------------
keys Home
shows '^1/7 ' "view: Home goes to the first event"
keys +
shows 'days \(2 h a column' "view: + zooms in"
keys + + +
shows 'hours \(15 min a column' "view: + zooms in to hours"
shows '  00  01  02  ' "view: hours on the axis"
keys - - - - - - -
shows 'weeks \(1 day a column' "view: - zooms out to weeks"
keys - - -
shows 'months \(' "view: - zooms out to months"
keys + + + + + +
shows 'days \(3 h a column' "view: + zooms back to days"
keys t
shows '^Today' "view: t shows today"
keys h h
shows 'Sun 22' "view: h moves back in time"
keys l l l l l l l l
shows '^2/7 .*Visit to Korea' \
	"view: l moves forward and the cursor follows into the window"
keys g
shows '^Go to date' "view: g asks for a date"
keys 2023-07-11 Enter
shows '^7/7 .*NATO Summit' "view: g goes to the date and its event"
shows 'July 2023' "view: the axis follows the date"
keys g 2023-02-30 Enter
shows 'February 2023 has 28 days' "view: g refuses an impossible date"
keys t
shows '^1/7 ' "view: t comes back to today"

# --- panes ----------------------------------------------------------------
keys j j Enter
shows '^Event details' "view: Enter opens the details"
shows '^When: +Mon 30 Jan 2023 11:00 \.\. 12:00 KST \+09:00' \
	"view: details give the time in the event's zone"
shows '^Your zone: +Mon 30 Jan 2023 02:00 \.\. 03:00 UTC \+00:00 \(UTC\)' \
	"view: and in the viewer's zone"
shows '^With: +Yoon Suk-yeol \(President\)' "view: details list participants and roles"
shows '^Venue: +Yongsan Presidential Office' "view: details give the venue"
shows '^Notes: +Plausible time\.' "view: details give the notes"
keys q
hides '^Event details' "view: q leaves the details"
shows '^3/7 ' "view: back on the same event"

keys a
shows '^Mon 30 Jan 2023' "view: a opens the agenda with day headings"
shows '^  11:00-12:00 +KST \+09:00 +meeting +Meeting with President Yoon' \
	"view: the agenda lists the events"
keys j
shows '^4/7 .*Flight to Tokyo' "view: j moves in the agenda"
keys Escape
hides '^Mon 30 Jan 2023$' "view: Esc leaves the agenda"

keys '?'
shows '^Keys' "view: ? shows the help"
for k in 'Left, h' 'Right, l' 'Up, k' 'Down, j' '\+ ' '- ' 't ' 'g ' 'Enter' '/ ' 'n, N' 'f ' 'a ' '\? ' 'q, Esc'; do
	if grep -Eq "^  $k" "$T/screen"; then :; else
		keys j j j j j j j j j j j j j j j j j j j j j j
		wait_for "^  $k" >/dev/null
	fi
	if grep -Eq "^  $k" "$T/screen"; then ok "view: help lists '$k'"; else
		not_ok "view: help lists '$k'"
	fi
done
keys q
hides '^Keys' "view: q leaves the help"

# --- search and filter -----------------------------------------------------
keys Home / yoon Enter
shows '^2/7 .*Visit to Korea' "view: / finds a participant"
keys n
shows '^3/7 .*Meeting with President Yoon' "view: n finds the next match"
keys N
shows '^2/7 ' "view: N finds the previous match"
keys / 東京 Enter
shows '^5/7 ' "view: / finds a wide-character title"
keys / nowhere Enter
shows "no match for 'nowhere'" "view: a search without match says so"
keys f t meeting Enter
shows 'itin view +2 events .*filter: type=meeting' "view: f t filters by type"
shows '^[12]/2 ' "view: the filtered view counts its events"
keys f x
shows 'itin view +7 events' "view: f x clears the filter"
keys f c japan Enter
shows 'itin view +2 events .*country=JP' "view: f c filters by country name"
keys f x f p kishida Enter
shows 'itin view +1 event .*with=kishida' "view: f p filters by participant"
keys f x

# --- resize ----------------------------------------------------------------
tm resize-window -t v -x 40 -y 10
shows '^Visit to Korea … .*█' "view: redraws at 40x10"
for size in "20 5" "10 3" "4 2" "1 1" "2 8" "200 60"; do
	tm resize-window -t v -x "${size% *}" -y "${size#* }"
	sleep 0.1
done
tm resize-window -t v -x 100 -y 30
shows 'itin view +7 events' "view: survives tiny sizes and comes back at 100x30"
shows 'January 2023|February 2023' "view: the axis comes back after the resize"
keys '?'
tm resize-window -t v -x 3 -y 2
tm resize-window -t v -x 100 -y 30
shows '^Keys' "view: a pane survives a tiny size too"
keys q q
restored "view: q quits and restores the terminal"
if [ "$(cat "$T/status" 2>/dev/null)" = 0 ]; then ok "view: q exits 0"; else not_ok "view: q exits 0"; fi

# --- other exits -----------------------------------------------------------
start 80 24
shows 'itin view' "view: starts again"
keys C-c
restored "view: Ctrl-C restores the terminal"

start 80 24
shows 'itin view' "view: starts for SIGTERM"
pkill -TERM -P "$(cat "$T/shell.pid")" 2>/dev/null
restored "view: SIGTERM restores the terminal"

start 80 24 --from 2023-07-10 --to 2023-07-13
shows '^1/1 .*NATO Summit' "view: --from/--to choose the opening range"
keys Escape
restored "view: Esc quits"

VIEW_ENV=ITIN_NOW=2030-01-01
start 80 24
shows '^7/7 .*NATO Summit' "view: far from today, opens on the nearest events"
keys q
restored "view: quits"
VIEW_ENV=

# Colour on (the rest run with NO_COLOR): the same screen, in colour.
VIEW_ENV=-uNO_COLOR
start 80 24 --type meeting --in Europe/Brussels
shows '^1/2 ' "view: takes FILTERS"
keys Enter
shows '^Your zone: +Mon 30 Jan 2023 03:00 \.\. 04:00 CET \+01:00 \(Europe/Brussels\)' \
	"view: --in is the viewer's zone in the details"
keys q q
restored "view: quits after --in"
VIEW_ENV=

start 60 20 --type nonsense
shows '^DONE status 64' "view: a bad filter is an error before the screen opens"

# Not a terminal.
run view
expect_rc 1 "view: without a terminal, status 1"
expect_err 'view needs a terminal' "view: says it needs a terminal"

if [ "${ITIN_VALGRIND:-0}" = 1 ]; then
	if cat "$T"/vg.* 2>/dev/null | grep -q .; then
		not_ok "view: valgrind is clean"
		cat "$T"/vg.* | head -40 | sed 's/^/#   /'
	else
		ok "view: valgrind is clean"
	fi
fi
finish
