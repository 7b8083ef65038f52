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
	VIEW="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$TESTDIR/valgrind.supp --log-file=$T/vg.%p $ITIN"
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
shows 'itin view +7 events +times in UTC ' "view: the title names the axis's zone (\$TZ)"

keys j j
shows '^3/7 .*Meeting with Presid' "view: j moves to the next event"
keys k
shows '^2/7 .*Visit to Korea' "view: k moves back"
keys Down Down
shows '^4/7 .*Flight to Tokyo' "view: arrows move between events"
shows '^4/7  Mon 30 Jan 2023 18:30-20:45 KST -> JST travel  Flight to Tokyo' \
	"view: the status line gives a flight's two zones, as list does"
shows ' id 0000000000000004$' "view: the status line gives the event's id, at its right edge"
keys j
shows '^東京での会談 @ Tokyo, JP +' "view: a wide-character title aligns"

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
shows '^  0000000000000003  11:00-12:00 +KST  meeting +Meeting with President Yoon +Seoul, KR$' \
	"view: the agenda lists the events, with their ids, fitted as list fits them"
shows '^  0000000000000004  18:30-20:45 +KST -> JST  travel +Flight to Tokyo' \
	"view: the agenda gives a flight's two zones, as list does"
shows '^  0000000000000002  all day \(2 d\)  +visit ' \
	"view: the agenda gives an all-day event's length"
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
shows '^3/7 .*Meeting with Presid' "view: n finds the next match"
keys N
shows '^2/7 ' "view: N finds the previous match"
keys / 東京 Enter
shows '^5/7 ' "view: / finds a wide-character title"
keys / nowhere Enter
shows "no match for 'nowhere'" "view: a search without match says so"
shows "search: nowhere" "view: the failed search is in the header with its message"
keys j
hides "search: nowhere" "view: and leaves the header at the next key"
keys n
shows "no search yet" "view: n after a failed search has nothing to repeat"
keys / 東京 Enter
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
	# Long enough for a redraw at each size, under valgrind too: at 1x1
	# ncurses once read outside its buffers (view-draw.c draws nothing there).
	if [ "${ITIN_VALGRIND:-0}" = 1 ]; then sleep 1.5; else sleep 0.3; fi
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
shows 'times in Europe/Brussels ' "view: --in is the axis's zone, named in the title"
keys q q
restored "view: quits after --in"
VIEW_ENV=

# A note said before the screen opens is on its status line too.
start 100 24 --in US
shows '^itin: note: using America/New_York' "view: --in US's note is on the status line at the start"
keys q
restored "view: quits after --in US"
if grep -q 'note: using America/New_York' "$T/view.err"; then
	ok "view: and the note is on stderr too"
else
	not_ok "view: and the note is on stderr too"
fi

start 60 20 --type nonsense
shows '^DONE status 64' "view: a bad filter is an error before the screen opens"

# A filter in the agenda starts the pane at the top of the new list, not at
# the old scroll (which hid the first events).
VIEW_ENV=TZ=Europe/Brussels
start 80 24 -f "$ROOT/samples/nato-2023.itin"
keys a End
shows '^[0-9]+/[0-9]+ ' "view: agenda of the NATO sample, at its end"
keys f
shows 'x clear, Esc cancel +\? help$' "view: the filter prompt fits 80 columns"
keys t meeting Enter
shows 'itin view +5 events .*filter: type=meeting' "view: agenda filtered by type"
screen
if sed -n 2p "$T/screen" | grep -q '^Mon 30 Jan 2023'; then
	ok "view: after a filter the agenda shows its first day at the top"
else
	not_ok "view: after a filter the agenda shows its first day at the top"
	sed 's/^/#   | /' "$T/screen"
fi
# The agenda pane fits 80 columns as list does: places kept (the city),
# columns aligned.
keys f x
shows 'itin view +16 events' "view: filter cleared in the agenda"
screen
# The type column starts at the same place on every line with one zone.
cols=$(grep -E '^  [0-9a-f]{4}  [0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2} +[A-Z]{3,4} +[a-z]' "$T/screen" |
	sed -E 's/^(  [0-9a-f]{4}  [^ ]+ +[A-Z]+ +)[a-z].*/\1/' | awk '{ print length($0) }' | sort -u | wc -l)
if grep -Eq '^  [0-9a-f]{4,}  09:30-10:15 +KST +meeting +Meeting with Defenc.*  Seoul, KR$' "$T/screen" &&
	[ "$cols" -eq 1 ] && ! awk 'length($0) > 80 { bad = 1 } END { exit !bad }' "$T/screen"; then
	ok "view: the agenda pane at 80 columns keeps the places, aligned"
else
	not_ok "view: the agenda pane at 80 columns keeps the places, aligned"
	sed 's/^/#   | /' "$T/screen"
fi
keys q q
restored "view: quits after the agenda filter"
VIEW_ENV=

# The details pane wraps a long line under its value instead of cutting it.
cat >"$T/long.itin" <<'EOS'
2023-01-25 11:00-12:00 meeting Talks @ Brussels, BE
    tz: Europe/Brussels
    note: The first part of a long note that goes on past the edge of a narrow terminal and ends with the word zanzibar.
EOS
start 60 24 -f "$T/long.itin"
shows '^1/1 ' "view: a store with a long note"
keys Enter
shows '^Notes: ' "view: its details"
shows '^ +.*zanzibar\.$' "view: the details wrap a long line, its end under the value"
keys q q
restored "view: quits after the long note"

# A diamond is an event without an end, as the help says; a short event
# is a bar of one column.
cat >"$T/marks.itin" <<'EOS'
2023-01-25 15:00 call Moment call
    tz: UTC
2023-01-25 16:00-16:05 call Short call
    tz: UTC
EOS
start 80 70 -f "$T/marks.itin"
shows '^Moment call .*◆' "view: an event without an end is a diamond"
shows '^Short call .*█' "view: a short event is a bar"
keys '?'
shows 'a diamond is an$' "view: the help explains the diamond"
shows '^event without an end' "view: as an event without an end"
keys q q
restored "view: quits after the marks"

# --- the 60-event sample at 80x24 --------------------------------------------
SAMPLE="$ROOT/samples/summit-season-2023.itin"
start 80 24 -f "$SAMPLE"
shows 'itin view +60 events' "view: opens the large sample"
# Every row between the axis and the status line is an event with a bar
# or a mark in the window: no rows of empty guides for events elsewhere.
rows_have_bars() { # DESC
	screen
	if sed -n '4,23p' "$T/screen" | grep -v '^ *$' | grep -qv '[█▒░◆]'; then
		not_ok "$1"
		sed 's/^/#   | /' "$T/screen"
	else
		ok "$1"
	fi
}
rows_have_bars "view: only events with something in the window have rows"
keys - -
shows 'weeks \(' "view: zoomed out to weeks"
rows_have_bars "view: zoomed out, still only rows with bars"
keys g 2023-09-09 Enter
shows 'September 2023' "view: to the G20"
rows_have_bars "view: at the G20, only rows with bars"
keys Enter
shows '^Id: +[0-9a-f]{16} \(short: [0-9a-f]{4,}\)$' "view: the details give the short id"
keys q a
shows '^  [0-9a-f]{4,7}  ' "view: the agenda leads each line with a short id"
keys q
# The filter prompt lists what there is to choose from.
keys f
shows 'i city' "view: the filter offers a city"
keys i
shows '^ Cities here: .*Brasília, BR \(4\)' "view: the city prompt lists the cities present"
shows 'New York, US \(6\)' "view: a city with its country and count"
keys brussels Enter
shows 'itin view +8 events .*filter: city=brussels' "view: f i filters by city"
keys f x f t
shows '^ Types here: visit \(4\)  meeting \(12\)  summit \(10\)' "view: the type prompt lists the types present"
keys Escape f c
shows '^ Countries here: AE United Arab Emirates \(2\)' "view: the country prompt lists the countries present"
keys Escape f i Paris Enter
shows "no event in a city 'Paris'" "view: a city with no event is refused"
shows 'itin view +60 events' "view: and the filter is unchanged"
# Zoom out as far as the help says.
keys - - - - - - - - - - - - - - - - - -
shows 'years \(1 year a column\)' "view: - zooms out to a year a column"
keys '?'
shows 'zoom out \(up to a year a column\)' "view: as the help says"
keys q q
restored "view: quits after the sample"

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
# exactly W columns wide (its id at the right edge), by display width;
# tmux leaves out the blank after "? help", so such a line is W-1.
status_is() {
	if wait_for "$2" && tail -n 1 "$T/screen" >"$T/sline" &&
		grep -Eq -- "$2" "$T/sline" && python3 - "$1" "$T/sline" <<'PY'
import sys, unicodedata
w = int(sys.argv[1])
line = open(sys.argv[2], encoding="utf-8").read().rstrip("\n")
cols = sum(0 if unicodedata.combining(c) else
           2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
if cols != w:
    print("#   %d columns, not %d" % (cols, w))
    sys.exit(1)
PY
	then
		ok "$3"
	else
		not_ok "$3 (the last line should match /$2/ and be $1 columns wide)"
		sed 's/^/#   | /' "$T/screen" | tail -n 3
	fi
}
start 80 24 -f "$T/fit.itin"
status_is 80 '^1/4  Mon 30 Jan 11:00-12:00 KST( meeting)?  Meeting with Presid.*… @ Seoul(, KR)?  id a1b2$' \
	"view 80x24: a 150-character title is shortened, the times, place and id stay"
keys j
status_is 80 '^2/4  Tue 31 Jan 18:00-19:00 JST( meeting)?  東京での首脳会談.*… @ Tokyo, JP +id b1b2$' \
	"view 80x24: a CJK title is shortened by display width"
keys j
status_is 79 '^3/4  Wed 1 Feb 2023 10:00-11:00 JST press  Press @ Tokyo, JP +id c1b2 \? help$' \
	"view 80x24: a long place gives up its venue, and there is room for the rest"
keys j
status_is 79 '^4/4  Thu 2 Feb 2023 09:00-09:30 JST call  Call +id d1b2 \? help$' \
	"view 80x24: a short event's line is whole"
keys q
restored "view 80x24: quits"
start 40 20 -f "$T/fit.itin"
status_is 40 '^11:00-12:00 KST  Meeting with Pre.*…  a1b2$' \
	"view 40x20: the times and the short id stay whole, the title shrinks"
keys j
status_is 40 '^18:00-19:00 JST  東京での首脳.*…  b1b2$' \
	"view 40x20: a CJK title is cut on a character, by display width"
keys j
status_is 40 '^10:00-11:00 JST  Press @ Tokyo, JP  c1b2$' \
	"view 40x20: the place without its venue"
keys q
restored "view 40x20: quits"

# A colour for every type, in the help's legend: on 8 colours a distinct
# pair of colour and attribute, on 256 a distinct colour.
for term in screen screen-256color; do
	VIEW_ENV="-uNO_COLOR TERM=$term"
	start 80 70 -f "$SAMPLE"
	shows '^[0-9]+/[0-9]+ ' "view ($term): opens with a cursor"
	# The cursor's row is told by an attribute that changes no colour:
	# bold would turn conference's magenta into reception's (on eight
	# colours bold is the look of reception and call themselves).
	tm capture-pane -e -p -t v >"$T/colour"
	if [ "$term" = screen ] || python3 - "$T/colour" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    for m in re.finditer(r"((?:\x1b\[[0-9;:]*m)+)█", line):
        for sgr in re.findall(r"\x1b\[([0-9;:]*)m", m.group(1)):
            if "1" in sgr.split(";"):
                sys.exit(1)
PY
	then ok "view ($term): no bar is bold (bold changes colours)"
	else not_ok "view ($term): no bar is bold (bold changes colours)"
	fi
	keys '?'
	shows '^Colours of the bars' "view ($term): the help has a legend of colours"
	wait_for '██ other' >/dev/null
	tm capture-pane -e -p -t v >"$T/colour"
	if python3 - "$T/colour" <<'PY'
import re, sys
looks = {}
for line in open(sys.argv[1], encoding="utf-8"):
    # The SGR sequences just before each "██ name" of the legend.
    for m in re.finditer(r"((?:\x1b\[[0-9;:]*m)*)██(?:\x1b\[[0-9;:]*m)* ([a-z]+)", line):
        looks[m.group(2)] = m.group(1)
types = "visit meeting summit conference interview press travel reception call other".split()
missing = [t for t in types if t not in looks]
if missing:
    print("#   no legend for", missing)
    sys.exit(1)
seen = {}
for t in types:
    if not looks[t]:
        print("#   no colour for", t)
        sys.exit(1)
    if looks[t] in seen:
        print("#   %s looks like %s: %r" % (t, seen[looks[t]], looks[t]))
        sys.exit(1)
    seen[looks[t]] = t
PY
	then ok "view ($term): every type has a look of its own"
	else not_ok "view ($term): every type has a look of its own"
	fi
	keys q q
	restored "view ($term): quits"
done
VIEW_ENV=

# Across a change of summer time (issue 11, item 12): the axis is linear
# in real time, labelled on the zone's clock. Two days at an hour a
# column: the spring night is 7 cells, the change day says it is 23 hours
# long; at a quarter of an hour a column 02 is not on the axis.
cp "$TESTDIR/data/dst.itin" "$ITIN_FILE"
row_cells() { # TITLE N DESC: TITLE's row on screen has N bar cells
	if wait_for "^$1"; then :; fi
	_n=$(grep "^$1" "$T/screen" | grep -o '█' | wc -l)
	if [ "$_n" -eq "$2" ]; then ok "$3"; else
		not_ok "$3 (got $_n bar cells)"
		sed 's/^/#   | /' "$T/screen"
	fi
}
start 100 24 --from 2024-03-30 --to 2024-03-31 --in Europe/Brussels
shows 'hours \(1 h a column' "view (DST): two days open at an hour a column"
shows 'Sun 31 Mar 2024 \(23 h\)' "view (DST): the spring change day is named 23 hours long"
row_cells 'Spring night train' 7 "view (DST): the spring night is 7 hours"
keys +
shows 'hours \(30 min a column' "view (DST): + zooms in"
row_cells 'Spring night train' 14 "view (DST): and 14 half-hour columns"
keys +
shows 'hours \(15 min a column' "view (DST): + zooms in again"
shows ' 00  01  03  04 ' "view (DST): 03:00 comes an hour after 01:00"
hides ' 02  03 ' "view (DST): no column is labelled 02:00, which never happens"
keys q
restored "view (DST): quits"
start 100 24 --from 2024-10-26 --to 2024-10-27 --in Europe/Brussels
shows 'Sun 27 Oct 2024 \(25 h\)' "view (DST): the autumn change day is named 25 hours long"
row_cells 'Autumn night train' 9 "view (DST): the autumn night is 9 hours"
keys + +
shows 'hours \(15 min a column' "view (DST): zoomed in to a quarter of an hour"
shows ' 01  02  02  03 ' "view (DST): 02:00 twice on the autumn day"
keys q
restored "view (DST): quits after autumn"

# From 6 hours a column up, columns follow the axis zone's calendar
# (review of issue 11): the spring night (22:00 to 06:00 across midnight)
# is in two columns up to a day a column, then in one: a week column is
# Monday to Sunday, a month column March, a year column 2024, never the
# end of one unit and the start of the next.
start 80 24 --from 2024-03-31 --to 2024-03-31 --in Europe/Brussels
shows 'hours \(30 min a column' "view (calendar columns): opens at half hours"
for z in '1 h' '2 h' '3 h' '6 h' '12 h' '1 day' '2 days' '4 days' '7 days' \
	'14 days' '1 month' '3 months' '6 months' '1 year'; do
	keys -- -
	wait_for "\\($z a column" >/dev/null
	case $z in
	1\ h) n=7 ;;
	2\ h) n=4 ;;
	3\ h) n=3 ;;
	6\ h|12\ h|1\ day) n=2 ;;
	*) n=1 ;;
	esac
	row_cells 'Spring night train' $n "view (calendar columns): at $z a column the night takes $n"
done
keys q
restored "view (calendar columns): quits"

# g lands on the first event with something on the date: the night that
# ends on its morning, not the first to begin that day (review of issue
# 11), and a zoom after it stays on the date.
start 100 24 --in Europe/Brussels
shows '^[0-9]+/7 ' "view (g): opens"
keys g 2024-10-27 Enter
status_is 100 '^6/7 .*Autumn night train.* id autu$' "view (g): the night in progress on the date"
keys +
shows 'Oct 2024' "view (g): + stays on the date"
keys q
restored "view (g): quits"

# A large store (2 MiB or more) opens on the days around today, read
# first, the rest read right after the first screen: nothing of it may
# show. 15,000 generated events, ten a day from 2020-01-01 to February 2024,
# and one far before and one far after, which the first days do not hold.
sh "$ROOT/bench/gen.sh" 15000 >"$T/large.itin"
cat >>"$T/large.itin" <<'EOS'
1999-05-04                 visit      Far past treaty @ Brussels, BE
    id: ffffffff00000001
2031-06-02 10:00-11:00     summit     Far future summit @ Venue, Tokyo, JP
    id: ffffffff00000002
    tz: Asia/Tokyo
EOS
start 160 40 -f "$T/large.itin"
shows 'itin view +15002 events' "view (large): the title counts every event"
shows '^11202/15002  Wed 25 Jan 2023 \(all day\) visit +Visit 11200 @' \
	"view (large): the cursor on today's first event, at its place among all"
# Its short id is the one `list` gives, unique over the whole store
# (15,000 ids begin with 0000, the generated ids' common head).
short=$("$ITIN" -f "$T/large.itin" list --from 2023-01-25 --to 2023-01-25 | awk '/ Visit 11200 / { print $1 }')
keys Enter
shows "^Id: +[0-9a-f]{16} \\(short: $short\\)\$" "view (large): the details give the short id list gives ($short)"
keys Escape
keys End
shows '^15002/15002 .*Far future summit' "view (large): End reaches the last event, years away"
keys Home
shows '^1/15002 .*Far past treaty' "view (large): Home reaches the first"
keys t
shows '^11202/15002 .*Visit 11200 @' "view (large): t comes back to today"
keys / 'Far future' Enter
shows '^15002/15002 .*Far future summit' "view (large): a search finds an event far from the first days"
keys t - - - - - - - - - - - - - - - -
shows 'years \(1 year a column\)' "view (large): zoomed out to a year a column"
keys Home
shows '^Far past treaty @ Brussels, BE +.*█' "view (large): zoomed out, the first event has its bar"
keys q
restored "view (large): quits"
if [ "$(cat "$T/status")" = 0 ]; then ok "view (large): status 0"; else
	not_ok "view (large): status 0, not $(cat "$T/status")"
fi

# Another process changes the store while the viewer is open: the viewer
# shows what it read (it does not read the store again once it has every
# event) and goes on working.
cp "$T/large.itin" "$T/edited.itin"
start 160 40 -f "$T/edited.itin"
shows '^11202/15002 .*Visit 11200 @' "view (edited): opens"
"$ITIN" -f "$T/edited.itin" rm ffffffff00000002 >/dev/null 2>&1
"$ITIN" -f "$T/edited.itin" add meeting "Added meanwhile" --start "2023-01-25 15:00" \
	--end 16:00 --tz UTC --city Brussels --country BE >/dev/null 2>&1
keys End
shows '^15002/15002 .*Far future summit' "view (edited): still shows what it read"
keys q
restored "view (edited): quits"
start 160 40 -f "$T/edited.itin"
shows 'itin view +15002 events' "view (edited): opened again, reads the change"
keys / 'Added meanwhile' Enter
shows '^[0-9]+/15002 .*Added meanwhile' "view (edited): the event added meanwhile"
keys q
restored "view (edited): quits again"

# A store the scan cannot vouch for: an event far from today written
# with an escape (read by the full reader wherever its dates), and one
# whose zone is taken from its place.
sed 's/^2031-06-02 10:00-11:00     summit     Far future summit/2031-06-02 10:00-11:00     summit     Far\\tfuture summit/' \
	"$T/large.itin" >"$T/escaped.itin"
start 160 40 -f "$T/escaped.itin"
shows 'itin view +15002 events' "view (escaped): opens, counting every event"
keys End
shows '^15002/15002 .*Far\\x09future summit' "view (escaped): the escaped event is there"
keys q
restored "view (escaped): quits"

# And one it gives up on, a duplicate id far from today: the full
# reader's error, as before.
sed 's/^    id: ffffffff00000002$/    id: ffffffff00000001/' "$T/large.itin" >"$T/dup.itin"
start 160 40 -f "$T/dup.itin"
if wait_for '^DONE status 65'; then
	ok "view (duplicate id): status 65, before any screen"
else
	not_ok "view (duplicate id): status 65"
	sed 's/^/#   | /' "$T/screen"
fi
if grep -Eq 'dup.itin:[0-9]+:[0-9]+: .*ffffffff00000001' "$T/view.err"; then
	ok "view (duplicate id): the error names the file, line and id"
else
	not_ok "view (duplicate id): the error names the file, line and id"
	sed 's/^/#   /' "$T/view.err"
fi

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
