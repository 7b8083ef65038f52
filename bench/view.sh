#!/bin/sh
# view.sh STORE: `make bench` for the viewer. Runs `itin view` on STORE in
# a detached tmux (a real terminal), with the hidden --bench-keys option:
# the viewer draws its first screen, then handles a fixed list of keys,
# timing each from the key to the screen written, and reports on stderr
# after restoring the terminal. Also timed from outside: from starting the
# viewer to its first screen appearing in tmux (polled every 10 ms).
#   ITIN   the binary (absolute path)
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
