#!/bin/sh
# t-ids.sh: derived ids (issue 11, item 14): the hash itin(5) specifies,
# computed here by an independent implementation (python, from the man
# page: FNV-1a 64 then MurmurHash3's fmix64) and compared with what itin
# derives; their spread (ids of Outlook-like UIDs that differ only at the
# end get short ids of the minimum length); and stores written by
# versions before fmix64, whose ids stay and whose events a re-import
# finds instead of adding them twice.
. "$(dirname "$0")/lib.sh"

snapshot() { cp "$ITIN_FILE" "$T/before"; }
unchanged() { same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"; }
fresh() {
	export ITIN_FILE="$T/$1.itin"
	rm -f "$ITIN_FILE"
}
count_events() {
	itin list --format tsv | tail -n +2 | wc -l | tr -d ' '
}

if ! command -v python3 >/dev/null 2>&1; then
	echo "ok 1 # skip python3 is missing: derived ids not checked"
	exit 0
fi

# The events of this file, and their fields as the hash sees them (what
# itin resolves from the place: the zone, the country code).
cat >"$T/trip.itin" <<'EOF'
2023-07-11..2023-07-12      summit     NATO Summit @ LITEXPO, Vilnius, LT
    org: NATO
    with: Gitanas Nauseda (President); Joe Biden
    note: Heads of state
    tags: nato; press
2023-07-11 10:00-10:45      meeting    Bilateral meeting @ Vilnius, LT
    status: tentative
    source: press office
2023-01-30 19:30..2023-01-31 14:30  travel  Flight to Seoul @ Brussels, BE
    end-tz: Asia/Seoul
2023-02-01                  other      Day off
    modified: 2023-01-20T08:30:00Z
EOF

# fields: type, title, (allday, start, has_end, end), tz, end_tz, venue,
# city, country, with [(name, role)], org, status, source, note, tags,
# modified (None or "YYYY-MM-DD HH:MM:SS" UTC). Times as local clocks.
cat >"$T/ids.py" <<'PYEOF'
import calendar, sys, time

M = (1 << 64) - 1

def fnv1a(data, h=0xcbf29ce484222325):
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & M
    return h

def fmix64(h):
    h ^= h >> 33
    h = (h * 0xff51afd7ed558ccd) & M
    h ^= h >> 33
    h = (h * 0xc4ceb9fe1a85ec53) & M
    return h ^ (h >> 33)

def secs(s):
    """Local (or UTC) seconds since 1970 of 'YYYY-MM-DD[ HH:MM[:SS]]'."""
    fmt = {10: "%Y-%m-%d", 16: "%Y-%m-%d %H:%M", 19: "%Y-%m-%d %H:%M:%S"}[len(s)]
    return calendar.timegm(time.strptime(s, fmt))

def text(s):
    return (s or "").encode() + b"\x1f"

def num(v):
    return (v & M).to_bytes(8, "little")

def content(e):
    """itin(5), IDS: each field as its name, its values, then \\x1e."""
    out = b""
    def field(name, body):
        nonlocal out
        out += text(name) + body + b"\x1e"
    field("type", text(e["type"]))
    field("title", text(e["title"]))
    allday = e.get("allday", False)
    start = secs(e["start"])
    end = secs(e["end"]) if e.get("end") else None
    field("when", num(int(allday)) + num(start) + num(int(end is not None)) +
          num(end if end is not None else 0))
    field("tz", text(e.get("tz")) + text(e.get("end_tz")))
    field("venue", text(e.get("venue")))
    field("city", text(e.get("city")))
    field("country", text(e.get("country")))
    field("with", b"".join(text(n) + text(r) for n, r in e.get("with", [])))
    field("org", text(e.get("org")))
    field("status", text(e.get("status", "confirmed")))
    field("source", text(e.get("source")))
    field("note", text(e.get("note")))
    field("tags", b"".join(text(t) for t in e.get("tags", [])))
    mod = e.get("modified")
    field("modified", num(int(mod is not None)) + num(secs(mod) if mod else 0))
    return out

def old_id(e):
    """The id versions before fmix64 derived: FNV-1a alone."""
    if e.get("uid"):
        return fnv1a(e["uid"].encode())
    return fnv1a(content(e))

def new_id(e):
    return fmix64(old_id(e))

EVENTS = [
    dict(type="summit", title="NATO Summit", allday=True, start="2023-07-11",
         end="2023-07-12", venue="LITEXPO", city="Vilnius", country="LT",
         org="NATO", note="Heads of state", tags=["nato", "press"],
         **{"with": [("Gitanas Nauseda", "President"), ("Joe Biden", "")]}),
    dict(type="meeting", title="Bilateral meeting", start="2023-07-11 10:00",
         end="2023-07-11 10:45", tz="Europe/Vilnius", city="Vilnius",
         country="LT", status="tentative", source="press office"),
    dict(type="travel", title="Flight to Seoul", start="2023-01-30 19:30",
         end="2023-01-31 14:30", tz="Europe/Brussels", end_tz="Asia/Seoul",
         city="Brussels", country="BE"),
    dict(type="other", title="Day off", allday=True, start="2023-02-01",
         modified="2023-01-20 08:30:00"),
]
what = sys.argv[1]
if what == "new":      # the ids itin derives, one a line
    for e in EVENTS:
        print("%016x" % new_id(e))
elif what == "old":    # the ids an earlier version derived
    for e in EVENTS:
        print("%016x" % old_id(e))
elif what == "uid":    # new and old id of a UID: argv[2]
    print("%016x %016x" % (new_id({"uid": sys.argv[2]}), old_id({"uid": sys.argv[2]})))
elif what == "spread": # short id lengths, agenda lines on stdin
    ids = [l.split()[0] for l in sys.stdin if l.startswith("  ") and l.split()]
    lens = [len(i) for i in ids]
    print(len(lens), "%.3f" % (sum(lens) / len(lens)), max(lens),
          sum(1 for n in lens if n == 4))
PYEOF
PY() { python3 "$T/ids.py" "$@"; }

# ---- the hash, as itin(5) specifies it ----
fresh spec
run import "$T/trip.itin"
expect_rc 0 "import a file without ids"
itin list --format tsv | tail -n +2 | sort -t '	' -k3,3 | cut -f1 >"$T/got"
PY new >"$T/want.unsorted"
# list sorts by start: the python list's order is the file's.
paste "$T/want.unsorted" - <<'EOF' | sort -k2 | cut -f1 >"$T/want"
2023-07-11
2023-07-11T10:00
2023-01-30T19:30
2023-02-01
EOF
same_file "$T/want" "$T/got" "derived ids: fmix64(FNV-1a) of the content, computed independently"
# Each event's line in the tsv, checked by title too (not only the order).
for t in "NATO Summit" "Bilateral meeting" "Flight to Seoul" "Day off"; do
	n=$(itin list --format tsv | awk -F '\t' -v t="$t" '$NF == t' | cut -f1)
	grep -qx "$n" "$T/want" && ok "'$t' has a derived id of the spec" ||
		not_ok "'$t' has a derived id of the spec ($n)"
done

# A UID gives the id: fmix64 of FNV-1a of its bytes.
OUID=040000008200E00074C5B7101A82E00800000000D0C7D1C6F5B8D901000000000000000010000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5
ics_event() { # UID DAY HOUR SUMMARY
	printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20230601T000000Z\r\nDTSTART;TZID=Europe/Vilnius:202307%02dT%02d0000\r\nDTEND;TZID=Europe/Vilnius:202307%02dT%02d3000\r\nSUMMARY:%s\r\nLOCATION:LITEXPO\\, Vilnius\\, Lithuania\r\nEND:VEVENT\r\n' "$1" "$2" "$3" "$2" "$3" "$4"
}
ics_file() { printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n'; cat; printf 'END:VCALENDAR\r\n'; }
ics_event "$OUID" 11 10 "Bilateral meeting" | ics_file >"$T/one.ics"
fresh uid
run import "$T/one.ics"
expect_rc 0 "import an Outlook event"
set -- $(PY uid "$OUID")
uid_new=$1 uid_old=$2
n=$(itin list --format tsv | tail -n 1 | cut -f1)
[ "$n" = "$uid_new" ] && ok "an id from a UID: fmix64 of its FNV-1a, computed independently" ||
	not_ok "an id from a UID: fmix64 of its FNV-1a ($n, want $uid_new)"

# ---- the spread: UIDs that differ only in their last 3 characters ----
P=040000008200E00074C5B7101A82E00800000000D0C7D1C6F5B8D901000000000000000010000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3
i=0
while [ $i -lt 1000 ]; do
	ics_event "$P$(printf '%03d' $i)" $((i % 28 + 1)) $((i % 12 + 8)) "Meeting $i"
	i=$((i + 1))
done | ics_file >"$T/many.ics"
fresh spread
run import "$T/many.ics"
expect_err "\(1000 added" "1000 events with UIDs alike but for their end"
itin list --format agenda --from 2023-07-01 --to 2023-07-31 | PY spread >"$T/spread"
set -- $(cat "$T/spread")
echo "# short ids: $1 events, mean length $2, longest $3, $4 of the minimum length 4"
[ "$1" = 1000 ] && ok "the agenda shows 1000 short ids" || not_ok "the agenda shows 1000 short ids ($1)"
# 1000 ids spread over 16^4 prefixes: about 15 share their first four
# digits with another (birthday bound); FNV-1a alone gave 6 to all.
[ "$4" -ge 950 ] && ok "at least 95% of the short ids are 4 long ($4)" ||
	not_ok "at least 95% of the short ids are 4 long ($4)"
awk -v m="$2" 'BEGIN { exit !(m < 4.1) }' && ok "mean short id length under 4.1 ($2)" ||
	not_ok "mean short id length under 4.1 ($2)"

# ---- stores of earlier versions: their ids stay, nothing twice ----
# The store as a version before fmix64 wrote it: the same events, each
# with the id it derived then (FNV-1a alone).
PY old >"$T/old-ids"
old_store() { # the trip with the old ids, each below its first line
	awk -v ids="$T/old-ids" '
		{ print }
		/^[0-9]/ { getline id <ids; print "    id: " id }' "$T/trip.itin"
}
fresh old
old_store >"$ITIN_FILE"
run list --format tsv
expect_rc 0 "a store of an earlier version reads"
snapshot
run import "$T/trip.itin"
expect_rc 0 "the file it was imported from, again"
expect_err "imported 4 events \(0 added, 0 updated, 4 unchanged\)" "re-import into an old store: all unchanged, none added"
[ "$(count_events)" = 4 ] && ok "no duplicates" || not_ok "no duplicates ($(count_events))"
unchanged "re-import into an old store"
for id in $(cat "$T/old-ids"); do
	run show "$id"
	[ "$rc" = 0 ] || break
done
expect_rc 0 "the stored ids stay: show finds each by its old id"

# An event edited in the store since: content cannot find it, only its
# old derived id can; it is kept, not added again nor overwritten.
fresh oldedit
old_store | sed 's/^    source: press office$/    source: edited since/' >"$ITIN_FILE"
bid=$(sed -n 2p "$T/old-ids")
snapshot
run import -n "$T/trip.itin"
expect_out_match "^keep $bid  Bilateral meeting  \(edited since\)$" "import -n: an event edited since, found by its old derived id"
run import "$T/trip.itin"
expect_rc 0 "re-import after a local edit"
expect_err "\(0 added, 0 updated, 4 unchanged\)" "the edited event is kept, none added"
[ "$(count_events)" = 4 ] && ok "no duplicate of the edited event" || not_ok "no duplicate of the edited event ($(count_events))"
unchanged "the local edit stays"

# An .ics event stored by an earlier version: its uid, and the id it
# derived from the UID. Found by the uid; the stored id stays.
fresh olduid
printf '2023-07-11 10:00-10:30     meeting    Bilateral meeting @ LITEXPO, Vilnius, LT\n    id: %s\n    uid: %s\n    tz: Europe/Vilnius\n' "$uid_old" "$OUID" >"$ITIN_FILE"
run import "$T/one.ics"
expect_rc 0 "an .ics event into an old store"
expect_err "\(0 added, 0 updated, 1 unchanged\)" "the .ics event is the stored one"
[ "$(count_events)" = 1 ] && ok "no second copy of the .ics event" || not_ok "no second copy of the .ics event"
run show "$uid_old"
expect_rc 0 "and it keeps its stored id"

# A series without UIDs (its occurrences' ids hash "BASE/occurrence"),
# stored by itin 0.1.0 before fmix64 (tests/cli/data/old-series.itin:
# that version imported old-series.ics and edited the second
# occurrence's title): each occurrence is found by its old id, the
# edited one too, and none is added again.
fresh oldseries
cp "$TESTDIR/data/old-series.itin" "$ITIN_FILE"
snapshot
run import "$TESTDIR/data/old-series.ics"
expect_rc 0 "a series without UIDs into an old store"
expect_err "\(0 added, 0 updated, 3 unchanged\)" "its occurrences found by their old ids, none added"
[ "$(count_events)" = 3 ] && ok "no duplicate occurrence" || not_ok "no duplicate occurrence ($(count_events))"
unchanged "the edited occurrence stays"

finish
