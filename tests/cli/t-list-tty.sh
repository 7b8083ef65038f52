#!/bin/sh
# t-list-tty.sh: itin list on a terminal, as a person reads it: run in a
# detached tmux of 80x24 and read back with capture-pane. On a terminal the
# agenda fits the width (zones without offsets, titles and places cut with
# "…"); piped, it stays whole (t-list.sh holds those files). Every line
# leads with the shortest unique prefix of the event's id, and that prefix
# is what show takes.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is installed (needed to test list on a terminal)"
	finish
fi

SOCK="itin-list-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
cp "$ROOT/samples/summit-season-2023.itin" "$ITIN_FILE"

# on_tty W H ARGS...: run itin ARGS on a WxH terminal; the screen, history
# included and wrapped lines left as the rows they take, in $T/screen.
on_tty() {
	_w=$1 _h=$2
	shift 2
	tm kill-session -t l 2>/dev/null
	rm -f "$T/done"
	cat >"$T/run.sh" <<EOS
$ITIN $* 2>"$T/tty.err"
echo \$? >"$T/status"
touch "$T/done"
exec sleep 600
EOS
	tm new-session -d -s l -x "$_w" -y "$_h" "sh $T/run.sh"
	_i=0
	while [ ! -e "$T/done" ] && [ "$_i" -lt 200 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	tm capture-pane -p -t l -S -1000 | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$T/screen"
}

# Piped: the whole lines, to compare with.
run list
cp "$T/out" "$T/piped"
npiped=$(wc -l <"$T/piped" | tr -d ' ')

on_tty 80 24 list
if [ "$(cat "$T/status")" = 0 ]; then ok "list on a terminal: exit 0"; else not_ok "list on a terminal: exit 0"; fi
nscreen=$(grep -c . "$T/screen")
if [ "$nscreen" -eq "$npiped" ]; then
	ok "list at 80x24: one row per line, none wraps ($nscreen)"
else
	not_ok "list at 80x24: one row per line, none wraps ($nscreen rows for $npiped lines)"
	sed 's/^/#   | /' "$T/screen" | head -40
fi
wide=$(awk 'length($0) > 80' "$T/piped" | wc -l)
if [ "$wide" -gt 0 ]; then ok "list: piped lines are wider than 80 (the test means something)"; else
	not_ok "list: piped lines are wider than 80 (the test means something)"
fi
if grep -q '…' "$T/screen" && ! grep -q '…' "$T/piped"; then
	ok "list at 80x24: long titles cut with an ellipsis, not when piped"
else
	not_ok "list at 80x24: long titles cut with an ellipsis, not when piped"
	sed 's/^/#   | /' "$T/screen" | head -40
fi
if grep -Eq '^  [0-9a-f]{4,}  all day 2/5 +conference +World Economic Forum' "$T/screen"; then
	ok "list at 80x24: an all-day event's day k/n in its time column"
else
	not_ok "list at 80x24: an all-day event's day k/n in its time column"
	sed 's/^/#   | /' "$T/screen" | head -10
fi

run list --from 2023-06-04 --to 2023-06-07
cp "$T/out" "$T/piped"
on_tty 80 24 list --from 2023-06-04 --to 2023-06-07
if grep -Eq 'WEST -> -03:00 +travel' "$T/screen" && grep -Eq 'WEST \+01:00 -> -03:00 +travel' "$T/piped"; then
	ok "list at 80x24: zones without offsets, both ends of a flight"
else
	not_ok "list at 80x24: zones without offsets, both ends of a flight"
	sed 's/^/#   | /' "$T/screen"
fi

# Titles wider than the agenda's title column (50) are fitted too.
long60=$(printf 'A%.0s' $(seq 60))
long55=$(printf 'B%.0s' $(seq 55))
cat >"$T/long.itin" <<EOS
2023-03-01 10:00 meeting $long60 @ Some Very Long Venue Name Indeed, Brussels, BE
    tz: Europe/Brussels
2023-03-01 11:00 meeting $long55 @ Another Quite Long Venue, Brussels, BE
    tz: Europe/Brussels
EOS
on_tty 80 24 -f "$T/long.itin" list
if [ "$(grep -c . "$T/screen")" -eq 3 ] && grep -q 'AAAA…' "$T/screen"; then
	ok "list at 80x24: titles wider than their column are cut too"
else
	not_ok "list at 80x24: titles wider than their column are cut too"
	sed 's/^/#   | /' "$T/screen"
fi

# At 80 columns: the status word is never cut, the city outlives the venue,
# one flight's zone pair does not widen every line's zone column, and a
# timed line of several days keeps its day k/n.
cat >"$T/fit.itin" <<'EOS'
2023-03-01 09:00-10:00 meeting Meeting with the Minister of Foreign Affairs and Trade of the Republic @ Ministry of Foreign Affairs and Trade, Seoul, KR
    tz: Asia/Seoul
    status: cancelled
2023-03-01 11:00-12:00 meeting Meeting with the Minister of Defence @ Ministry of National Defense, Seoul, KR
    tz: Asia/Seoul
2023-03-01 19:30..2023-03-02 14:30 travel Flight to Brussels @ Incheon International Airport, Seoul, KR
    tz: Asia/Seoul
    end-tz: Europe/Brussels
EOS
on_tty 80 24 -f "$T/fit.itin" list
if grep -Eq '… \(cancelled\)( |$)' "$T/screen"; then
	ok "list at 80x24: the status word is kept whole"
else
	not_ok "list at 80x24: the status word is kept whole"
	sed 's/^/#   | /' "$T/screen"
fi
if [ "$(grep -c 'Seoul, KR$' "$T/screen")" -ge 2 ]; then
	ok "list at 80x24: the city is kept when the venue does not fit"
else
	not_ok "list at 80x24: the city is kept when the venue does not fit"
	sed 's/^/#   | /' "$T/screen"
fi
if grep -Eq '^  [0-9a-f]{4,}  11:00-12:00 +KST  meeting ' "$T/screen"; then
	ok "list at 80x24: one flight's zone pair does not widen the zone column"
else
	not_ok "list at 80x24: one flight's zone pair does not widen the zone column"
	sed 's/^/#   | /' "$T/screen"
fi
if grep -Eq 'travel +2/2 Flight to Bru' "$T/screen"; then
	ok "list at 80x24: a timed line of several days keeps its day 2/2"
else
	not_ok "list at 80x24: a timed line of several days keeps its day 2/2"
	sed 's/^/#   | /' "$T/screen"
fi
if awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/screen"; then
	ok "list at 80x24: every fitted line fits"
else
	not_ok "list at 80x24: every fitted line fits"
	sed 's/^/#   | /' "$T/screen"
fi

# Wide enough for everything: the same lines as piped.
on_tty 250 24 list --from 2023-06-04 --to 2023-06-07
if diff "$T/piped" "$T/screen" >/dev/null; then
	ok "list at 250 columns: nothing cut"
else
	not_ok "list at 250 columns: nothing cut"
	diff "$T/piped" "$T/screen" | sed 's/^/#   /'
fi

# The prefix on screen is what show takes.
id=$(grep 'Flight to Bras' "$T/piped" | head -1 | awk '{print $1}')
case $id in
????*) ok "list: a short id leads the line ($id)" ;;
*) not_ok "list: a short id leads the line (got '$id')" ;;
esac
run show "$id"
expect_rc 0 "show takes the prefix list shows"
expect_out_match '^Title: +Flight to Brasília' "show: the prefix names that event"
full=$(itin list --format tsv | awk -F '\t' '/Flight to Bras/ {print $1}' | head -1)
if [ "${#id}" -lt "${#full}" ]; then ok "list: the prefix is shorter than the id"; else
	not_ok "list: the prefix is shorter than the id ($id, $full)"
fi

# Unique in the whole store, not only among the lines shown: two events
# whose ids share nine characters, one of them filtered out.
cat >"$T/twins.itin" <<'EOS'
2023-03-01 10:00 meeting One
    id: abcdef012-one
    tz: UTC
2023-04-01 10:00 meeting Two
    id: abcdef012-two
    tz: UTC
EOS
run -f "$T/twins.itin" list --from 2023-03-01 --to 2023-03-01
expect_out_match '^  abcdef012-o  10:00 ' "list: the prefix is unique in the whole store, shown or not"
run -f "$T/twins.itin" show abcdef012
expect_rc 64 "show: an ambiguous prefix is a usage error"
expect_err "id prefix 'abcdef012' is ambiguous" "show: says the prefix is ambiguous"
finish
