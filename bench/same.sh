#!/bin/sh
# same.sh: `make bench`, the same-content part. Times `itin import` of
# $BENCH_EVENTS (default 100000) events that differ only in their UID
# (.ics) or id (.itin, CSV), next to the same number with distinct titles
# (the floor): matching by content must stay linear whatever the content
# (once a file of 100000 copies took 15 to 19 s against 1 s).
# A measurement, not a test: it never fails.
#   ITIN           the binary (absolute path)
#   BENCH_EVENTS   events per file
: "${ITIN:?ITIN must name the itin binary}"
events=${BENCH_EVENTS:-100000}
W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench-same.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
unset ITIN_FILE XDG_DATA_HOME ITIN_LOCK_TIMEOUT
export HOME="$W/home" NO_COLOR=1 LC_ALL=C.UTF-8 ITIN_NOW=2023-01-25T12:00:00Z
mkdir -p "$HOME"

now_ns() { date +%s%N; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

# gen FORMAT SAME: $events events; SAME=1: one title for all
gen() {
	awk -v n="$events" -v fmt="$1" -v same="$2" 'BEGIN {
		if (fmt == "ics") printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:bench\r\n"
		if (fmt == "csv") print "id,title,start,end,type"
		for (i = 0; i < n; i++) {
			t = same ? "Talks" : "Talks " i
			if (fmt == "ics")
				printf "BEGIN:VEVENT\r\nUID:b%d\r\nDTSTART:20230101T100000Z\r\n" \
				    "DTEND:20230101T110000Z\r\nSUMMARY:%s\r\nEND:VEVENT\r\n", i, t
			else if (fmt == "csv")
				printf "b%d,%s,2023-01-01 10:00,2023-01-01 11:00,meeting\n", i, t
			else
				printf "2023-01-01 10:00-11:00 meeting %s\n    id: b%d\n", t, i
		}
		if (fmt == "ics") printf "END:VCALENDAR\r\n"
	}'
}

echo
echo "import of $events events of one content (differing in UID or id) vs distinct titles:"
for fmt in ics itin csv; do
	for same in 0 1; do
		gen "$fmt" "$same" >"$W/in.$fmt"
		rm -f "$W/store.itin"
		t0=$(now_ns)
		"$ITIN" -f "$W/store.itin" import "$W/in.$fmt" >/dev/null 2>"$W/err" ||
			{ echo "bench: import failed:" >&2; tail -n 2 "$W/err" >&2; }
		t1=$(now_ns)
		label="distinct titles"
		[ "$same" = 1 ] && label="one content"
		printf '  %-4s %-16s %10s s\n' "$fmt" "$label" "$(secs $((t1 - t0)))"
	done
done
exit 0
