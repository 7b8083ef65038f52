#!/bin/sh
# view.sh STORE: `make bench` for the viewer. Runs `itin view` on STORE in
# a detached tmux (a real terminal), with the hidden --bench-keys option:
# the viewer draws its first screen, then handles a fixed list of keys,
# timing each from the key to the screen written, and reports on stderr
# after restoring the terminal. Also timed from outside: from starting the
# viewer to its first screen appearing in tmux (polled every 10 ms).
#   ITIN   the binary (absolute path)
#
# view.sh --first OUT CMD...: for bench/table.sh, the time from starting
# CMD in a new detached tmux to the first screen showing "itin view" (the
# viewer's title), polled every 10 ms; appends "NS 0 0" to OUT (the line
# of bench/peakrss.c, with no memory). When CMD exits first, or nothing
# shows in $VIEW_LIMIT seconds (default 120), says so on stderr and
# exits 1.
first_screen() {
	out=$1
	shift
	W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-view.XXXXXX")
	sock="itin-bench-$$"
	trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$W"' EXIT
	trap 'exit 130' INT TERM
	for a in "$@"; do printf "'%s' " "$(printf %s "$a" | sed "s/'/'\\\\''/g")"; done >"$W/cmd"
	printf '%s 2>"%s/err"; echo "EXITED $?"; exec sleep 600\n' "$(cat "$W/cmd")" "$W" >"$W/run.sh"
	limit=$((${VIEW_LIMIT:-120} * 100))
	t0=$(date +%s%N)
	tmux -L "$sock" -f /dev/null new-session -d -s b -x 160 -y 50 "sh $W/run.sh"
	i=0
	while [ $i -lt $limit ]; do
		tmux -L "$sock" capture-pane -p -t b >"$W/screen" 2>/dev/null
		if grep -q 'itin view' "$W/screen"; then
			echo "$(($(date +%s%N) - t0)) 0 0" >>"$out"
			return 0
		fi
		if grep -q '^EXITED' "$W/screen"; then
			echo "$*: exited before its first screen:" >&2
			cat "$W/err" "$W/screen" | grep . | head -n 3 | sed 's/^/    /' >&2
			return 1
		fi
		sleep 0.01
		i=$((i + 1))
	done
	echo "$*: no first screen in ${VIEW_LIMIT:-120} s" >&2
	return 1
}
if [ "$1" = --first ]; then
	[ $# -ge 3 ] || { echo "usage: view.sh --first OUT CMD..." >&2; exit 2; }
	shift
	first_screen "$@"
	exit
fi

: "${ITIN:?ITIN must name the itin binary}"
store=${1:?usage: view.sh STORE}
if ! command -v tmux >/dev/null 2>&1; then
	echo "view: skipped (tmux is not installed)"
	exit 0
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-view.XXXXXX")
sock="itin-bench-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$W"' EXIT INT TERM

# 100 keys: events down and up, time right and left, zoom, pages, today,
# the agenda and back.
keys="jjjjjjjjjjjjjjjjjjjjkkkkkkkkkkllllllllllhhhhhhhhhh++++----LLLLLHHHHH"
keys="${keys}ttjjjjjjjjjaajjjjjkkkkkaa--++jjjjj"

cat >"$W/run.sh" <<EOS
"$ITIN" -f "$store" view --bench-keys "$keys" 2>"$W/report"
echo DONE
exec sleep 60
EOS
t0=$(date +%s%N)
tmux -L "$sock" -f /dev/null new-session -d -s b -x 160 -y 50 "sh $W/run.sh"
first=""
i=0
while [ $i -lt 3000 ]; do
	if tmux -L "$sock" capture-pane -p -t b 2>/dev/null | grep -q 'itin view'; then
		first=$(date +%s%N)
		break
	fi
	if tmux -L "$sock" capture-pane -p -t b 2>/dev/null | grep -q DONE; then
		break
	fi
	sleep 0.01
	i=$((i + 1))
done
i=0
while [ $i -lt 3000 ]; do
	tmux -L "$sock" capture-pane -p -t b 2>/dev/null | grep -q DONE && break
	sleep 0.01
	i=$((i + 1))
done
n=$(grep -c '' "$store" 2>/dev/null)
echo
echo "itin view on $store ($n lines), 160x50 in tmux:"
if [ -n "$first" ]; then
	awk -v ns=$((first - t0)) 'BEGIN { printf "  first screen seen in tmux         %8.1f ms\n", ns / 1e6 }'
fi
sed 's/^itin: bench: /  measured inside the viewer: /' "$W/report"
exit 0
