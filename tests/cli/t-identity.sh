#!/bin/sh
# t-identity.sh: identity and merging on import (issue 11, items 1 and 2):
# derived ids from the whole content, two CSVs with overlapping events,
# updates that keep the fields their file does not carry, look-alikes,
# identical rows, import -n listing each event, the same file twice,
# iCalendar UIDs kept as uid with short ids, and SEQUENCE / LAST-MODIFIED
# across imports (a.ics, b.ics, a.ics).
. "$(dirname "$0")/lib.sh"

snapshot() { cp "$ITIN_FILE" "$T/before" 2>/dev/null || : >"$T/before"; }
unchanged() { same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"; }
fresh() {
	export ITIN_FILE="$T/$1.itin"
	rm -f "$ITIN_FILE"
}
# The number of events in the store.
count_events() {
	itin list --format tsv | tail -n +2 | wc -l | tr -d ' '
}

# ---- the press office's spreadsheet, then a second one ----
cat >"$T/first.csv" <<'EOF'
type,title,start,end,city,country,venue,participants,organization,notes
summit,NATO Summit,2023-07-11,2023-07-12,Vilnius,LT,LITEXPO,Gitanas Nauseda (President),NATO,Heads of state and government
meeting,Bilateral meeting,2023-07-11 10:00,2023-07-11 10:45,Vilnius,LT,LITEXPO,Joe Biden (President),,Room 4
meeting,Bilateral meeting,2023-07-11 10:00,2023-07-11 11:30,Vilnius,LT,LITEXPO,Fumio Kishida (Prime Minister),,Room 7
press,Press conference,2023-07-12 16:00,2023-07-12 17:00,Vilnius,LT,,,,
EOF
fresh overlap
run import "$T/first.csv"
expect_rc 0 "two different meetings with the same start, type, title and city"
expect_err "imported 4 events \(4 added, 0 updated, 0 unchanged\)" "import: both meetings added, none dropped"
[ "$(count_events)" = 4 ] && ok "four events stored" || not_ok "four events stored"
itin list --format tsv >"$T/tsv"
n=$(grep -c "Bilateral meeting" "$T/tsv")
[ "$n" = 2 ] && ok "both meetings listed" || not_ok "both meetings listed ($n)"
cut -f1 "$T/tsv" | tail -n +2 | sort -u | wc -l | tr -d ' ' >"$T/nids"
[ "$(cat "$T/nids")" = 4 ] && ok "four different ids" || not_ok "four different ids"
cut -f1 "$T/tsv" | tail -n +2 | grep -Evq '^[0-9a-f]{16}$' &&
	not_ok "derived ids are 16 hex digits" || ok "derived ids are 16 hex digits"

# The same file again: nothing changes, not even the bytes of the store.
snapshot
run import "$T/first.csv"
expect_rc 0 "the same CSV twice"
expect_err "imported 4 events \(0 added, 0 updated, 4 unchanged\)" "the same CSV twice: all unchanged"
unchanged "the same CSV twice"

# An Outlook export of the same week: no organisation, notes or venue
# column. Rows that match change nothing; an edited one is a new event,
# with one warning naming the stored event it looks like.
cat >"$T/outlook.csv" <<'EOF'
Subject,Start Date,Start Time,End Date,End Time,All Day Event,Location
NATO Summit,7/11/2023,,7/12/2023,,True,"LITEXPO, Vilnius, Lithuania"
Press conference,7/12/2023,4:00 PM,7/12/2023,5:30 PM,False,"Vilnius, Lithuania"
EOF
summit_id=$(itin list --format tsv | awk -F '\t' '$3 == "2023-07-11" { print $1 }')
press_id=$(itin list --format tsv | awk -F '\t' '$2 == "press" { print $1 }')
snapshot
run import -n --date-order mdy "$T/outlook.csv"
expect_rc 0 "import -n of an overlapping Outlook CSV"
expect_out_match "^keep $summit_id  NATO Summit$" "import -n: a kept event, with its stored id"
expect_out_match "^add [0-9a-f]{16}  Press conference$" "import -n: an added event"
[ "$(wc -l <"$T/out" | tr -d ' ')" = 2 ] && ok "import -n: one line per event here" ||
	not_ok "import -n: one line per event here"
unchanged "import -n"
run import --date-order mdy "$T/outlook.csv"
expect_rc 0 "import of an overlapping Outlook CSV"
expect_err "imported 2 events \(1 added, 0 updated, 1 unchanged\)" "overlapping CSV: the summit is the same event, the edited press conference a new one"
expect_err "warning: .*outlook.csv:3: 'Press conference' \(2023-07-12 16:00\) looks like stored event $press_id but differs from it; added as a new event" "a look-alike is named in one warning"
run show "$summit_id"
expect_out_match "NATO" "the summit kept its organisation"
expect_out_match "Heads of state" "the summit kept its notes"
expect_out_match "LITEXPO" "the summit kept its venue"

# ---- an update by id keeps the fields its file does not carry ----
printf 'id,title,start,end,city,country\n%s,NATO Summit,2023-07-11,2023-07-13,Vilnius,LT\n' "$summit_id" >"$T/partial.csv"
snapshot
run import -n "$T/partial.csv"
expect_out_text "change $summit_id  NATO Summit
    when: 2023-07-11..2023-07-12 -> 2023-07-11..2023-07-13" "import -n: a change, field by field, old -> new"
unchanged "import -n of an update"
run import "$T/partial.csv"
expect_err "imported 1 event \(0 added, 1 updated, 0 unchanged\)" "a partial CSV updates by id"
run list --format itin
expect_out_match "^2023-07-11\.\.2023-07-13 +summit +NATO Summit @ LITEXPO, Vilnius, LT$" "the update's fields are taken"
expect_out_match "^    org: NATO$" "a column the file lacks keeps the stored organisation"
expect_out_match "^    note: Heads of state and government$" "... and the stored notes"
expect_out_match "^    with: Gitanas Nauseda \(President\)$" "... and the stored participants"
# An empty cell in a column the file has is a value: it clears.
printf 'id,title,start,end,city,country,organization\n%s,NATO Summit,2023-07-11,2023-07-13,Vilnius,LT,\n' "$summit_id" >"$T/clear.csv"
run import -n "$T/clear.csv"
expect_out_text "change $summit_id  NATO Summit
    org: NATO -> (none)" "import -n: a cleared field"

# An update whose kept fields do not fit the new ones (the stored zone,
# a new time that does not exist in it) is refused, and nothing changes.
fresh gap
printf '2023-03-20 10:00  meeting  Talks @ Vilnius, LT\n    id: z1\n' >"$ITIN_FILE"
printf 'id,title,start\nz1,Talks,2023-03-26 03:30\n' >"$T/gap.csv"
snapshot
run import "$T/gap.csv"
expect_rc 65 "an update that cannot keep the stored zone"
expect_err "^itin: .*gap.csv: cannot update 'Talks' \(id z1\) keeping its stored fields: time 2023-03-26 03:30 does not exist in Europe/Vilnius" "... says why"
unchanged "a refused update"
# With --skip-invalid it is refused alone, as a bad row is.
printf 'id,title,start\nz1,Talks,2023-03-26 03:30\n,Other,2023-03-27\n' >"$T/gap2.csv"
run import --skip-invalid "$T/gap2.csv"
expect_rc 0 "--skip-invalid: an update that cannot be made"
expect_err "^itin: warning: .*gap2.csv: cannot update 'Talks' \(id z1\) .*; event skipped$" "--skip-invalid: the update refused with a warning"
expect_err "imported 1 event \(1 added, 0 updated, 0 unchanged\) from .*gap2.csv \(2 rows, 1 skipped\)" "--skip-invalid: the rest imported, the refused one counted"

# ---- identical rows within one file ----
fresh twice
cat >"$T/dup.csv" <<'EOF'
title,start,end,city,country,notes
Talks,2023-03-01 10:00,2023-03-01 11:00,Seoul,KR,x
Talks,2023-03-01 10:00,2023-03-01 11:00,Seoul,KR,x
EOF
run import "$T/dup.csv"
expect_rc 0 "two identical rows"
expect_err "warning: .*dup.csv:3:1: row is the same event as line 2; read once" "identical rows: one warning naming both lines"
expect_err "imported 1 event \(1 added" "identical rows are one event"
# --skip-invalid drops nothing that differs.
fresh skip
cat >"$T/gen.csv" <<'EOF'
title,start,end,type,city,participants
Briefing,2023-03-02 09:00,2023-03-02 09:30,meeting,Tokyo,A
Briefing,2023-03-02 09:00,2023-03-02 10:00,meeting,Tokyo,B
Briefing,2023-03-02 09:00,2023-03-02 09:30,meeting,Tokyo,C
EOF
run import --skip-invalid "$T/gen.csv"
expect_rc 0 "look-alike rows with --skip-invalid"
expect_err "imported 3 events \(3 added, 0 updated, 0 unchanged\) from .* \(3 rows, 0 skipped\)" "look-alike rows: none skipped"

# ---- a hand-written .itin twice; ids from every field ----
fresh itin
cat >"$T/trip.itin" <<'EOF'
2023-01-30 10:00-11:30     meeting    Talks @ Seoul, KR
    note: first
2023-01-30 10:00-12:00     meeting    Talks @ Seoul, KR
    note: second
EOF
run import "$T/trip.itin"
expect_err "imported 2 events \(2 added" "a .itin file with look-alikes: two events"
snapshot
run import "$T/trip.itin"
expect_err "imported 2 events \(0 added, 0 updated, 2 unchanged\)" "the same .itin twice: unchanged"
unchanged "the same .itin twice"

# ---- iCalendar: UIDs are kept as uid, ids are short ----
ics() { # UID SEQUENCE LAST-MODIFIED START SUMMARY
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20230601T000000Z\r\nSEQUENCE:%s\r\nLAST-MODIFIED:%s\r\nDTSTART;TZID=Europe/Vilnius:20230711T%s\r\nDTEND;TZID=Europe/Vilnius:20230711T120000\r\nSUMMARY:%s\r\nLOCATION:LITEXPO\\, Vilnius\\, Lithuania\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$@"
}
OUID=040000008200E00074C5B7101A82E00800000000D0C7D1C6F5B8D901000000000000000010000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5
fresh ics
ics "$OUID" 0 20230601T100000Z 100000 "Bilateral meeting" >"$T/a.ics"
ics "$OUID" 1 20230605T100000Z 103000 "Bilateral meeting (moved)" >"$T/b.ics"
run import "$T/a.ics"
expect_rc 0 "import a.ics"
run list --format itin
expect_out_match "^    uid: $OUID$" "an Outlook UID is kept as uid"
id=$(itin list --format tsv | tail -n 1 | cut -f1)
printf '%s' "$id" | grep -Eq '^[0-9a-f]{16}$' && ok "and the event has a short id of its own" ||
	not_ok "and the event has a short id of its own ($id)"
expect_out_match "^    modified: 2023-06-01T10:00:00Z$" "LAST-MODIFIED kept as modified"
run show "$id"
expect_out_match "^UID: +$OUID$" "show: the UID"
expect_out_match "^Modified: +2023-06-01T10:00:00Z$" "show: LAST-MODIFIED"
snapshot
run import "$T/a.ics"
expect_err "\(0 added, 0 updated, 1 unchanged\)" "the same .ics twice: unchanged"
unchanged "the same .ics twice"
run export --format ics
tr -d '\r' <"$T/out" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' >"$T/unfolded"
grep -qx "UID:$OUID" "$T/unfolded" && ok "export writes the kept UID back" ||
	not_ok "export writes the kept UID back"
grep -qx "X-ITIN-ID:$id" "$T/unfolded" && ok "... and the id beside it" ||
	not_ok "... and the id beside it"
expect_out_match "^LAST-MODIFIED:20230601T100000Z" "export writes LAST-MODIFIED"
run import "$T/b.ics"
expect_err "\(0 added, 1 updated, 0 unchanged\)" "b.ics (SEQUENCE 1) updates a.ics's event"
run list --format tsv
expect_out_match "^$id	meeting	2023-07-11T10:30" "the update keeps the id"
snapshot
run import -n "$T/a.ics"
expect_out_text "keep $id  Bilateral meeting  (the stored version is newer)" "import -n: a stale version is kept out"
run import "$T/a.ics"
expect_rc 0 "a.ics again"
expect_err "warning: .*a.ics:4: 'Bilateral meeting \(moved\)' \(id $id\): the stored version is newer \(SEQUENCE 1, this file has 0\); not replaced" "a lower SEQUENCE never replaces a higher one: one warning"
expect_err "\(0 added, 0 updated, 1 unchanged\)" "a.ics again: nothing updated"
unchanged "a.ics again"
run import "$T/b.ics"
expect_err "\(0 added, 0 updated, 1 unchanged\)" "b.ics again: unchanged"

# Equal SEQUENCE: the later LAST-MODIFIED wins, in either order.
fresh lastmod
ics lm@example.org 0 20230601T100000Z 100000 "Old" >"$T/old.ics"
ics lm@example.org 0 20230605T100000Z 103000 "New" >"$T/new.ics"
run import "$T/old.ics" "$T/new.ics" "$T/old.ics"
expect_rc 0 "old.ics, new.ics, old.ics"
expect_err "the stored version is newer \(LAST-MODIFIED 2023-06-05T10:00:00Z, this file has 2023-06-01T10:00:00Z\); not replaced" "an older LAST-MODIFIED never replaces a newer one"
run list --format tsv
expect_out_match "	New$" "the newer version stays"

# A store from before uids: the event's id is its UID. A re-import
# finds it instead of adding a second copy.
fresh legacy
printf '2023-07-11 10:00-12:00     meeting    Bilateral meeting @ LITEXPO, Vilnius, LT\n    id: legacy@example.org\n    tz: Europe/Vilnius\n' >"$ITIN_FILE"
ics legacy@example.org 0 20230601T100000Z 100000 "Bilateral meeting" >"$T/legacy.ics"
run import "$T/legacy.ics"
expect_err "\(0 added, 1 updated, 0 unchanged\)" "an old store's UID id is the same event"
[ "$(count_events)" = 1 ] && ok "no second copy" || not_ok "no second copy"

# An Outlook update says nothing of the type, organisation, tags, people
# or notes it never writes: what was added locally stays (only the
# properties the VEVENT has are its word).
fresh foreign
ics up@outlook 0 20230601T100000Z 100000 "Meeting with EU Commissioner" >"$T/o1.ics"
ics up@outlook 5 20230605T100000Z 110000 "Meeting with EU Commissioner" >"$T/o2.ics"
run import "$T/o1.ics"
id=$(itin list --format tsv | tail -n 1 | cut -f1)
run edit "$id" --type summit --org "European Commission" --tag press --with "Jane Doe (Spokesperson)" --note "bring badge"
expect_rc 0 "local edit of an imported event"
run import -n "$T/o2.ics"
expect_out_text "change $id  Meeting with EU Commissioner
    when: 2023-07-11 10:00-12:00 -> 2023-07-11 11:00-12:00
    modified: 2023-06-01T10:00:00Z -> 2023-06-05T10:00:00Z" "import -n: an Outlook update changes only what it says"
run import "$T/o2.ics"
run list --format itin
expect_out_match "^2023-07-11 11:00-12:00 +summit " "the local type stays (a title's guess is not the file's word)"
expect_out_match "^    org: European Commission$" "the local organisation stays"
expect_out_match "^    with: Jane Doe \(Spokesperson\)$" "the local participants stay"
expect_out_match "^    tags: press$" "the local tags stay"
expect_out_match "^    note: bring badge$" "the local notes stay"

# SEQUENCE 0, then 2 with the same content, then 1 (moved): the revision
# 2 is recorded though nothing else changed, so 1 is refused.
fresh seqonly
ics sq@x 0 20230601T100000Z 100000 "Talks" | sed '/^LAST-MODIFIED/d' >"$T/v0.ics"
ics sq@x 2 20230601T100000Z 100000 "Talks" | sed '/^LAST-MODIFIED/d' >"$T/v2.ics"
ics sq@x 1 20230601T100000Z 110000 "Talks (moved)" | sed '/^LAST-MODIFIED/d' >"$T/v1.ics"
run import "$T/v0.ics"
id=$(itin list --format tsv | tail -n 1 | cut -f1)
run import -n "$T/v2.ics"
expect_out_text "change $id  Talks
    sequence: 0 -> 2" "import -n: a higher SEQUENCE alone is an update of the revision"
run import "$T/v2.ics"
expect_err "\(0 added, 1 updated, 0 unchanged\)" "the higher SEQUENCE is recorded"
run import "$T/v1.ics"
expect_err "the stored version is newer \(SEQUENCE 2, this file has 1\); not replaced" "then a lower SEQUENCE is refused"
run list --format tsv
expect_out_match "	Talks$" "and the title stays"

# A file without ids imported again after a local edit: its events' ids
# are derived from their (old) content, so the stored event with that id
# was edited since; it stays.
fresh edited
printf '2023-07-11 10:00-11:00  meeting  Bilateral @ Vilnius, LT\n    org: NATO\n' >"$T/h.itin"
printf 'type,title,start,end,city,country\nmeeting,Talks,2023-07-12 10:00,2023-07-12 11:00,Vilnius,LT\n' >"$T/h.csv"
run import "$T/h.itin" "$T/h.csv"
hid=$(itin list --format tsv | awk -F "\t" '$NF == "Bilateral" { print $1 }')
cid=$(itin list --format tsv | awk -F "\t" '$NF == "Talks" { print $1 }')
run edit "$hid" --note "moved to room 4" --start "2023-07-11 10:30"
run edit "$cid" --title "Talks (moved)"
snapshot
run import -n "$T/h.itin" "$T/h.csv"
expect_out_text "keep $hid  Bilateral  (edited since)
keep $cid  Talks  (edited since)" "import -n: a derived id whose stored event changed since: kept"
run import "$T/h.itin" "$T/h.csv"
expect_rc 0 "the old files again"
expect_err "\(0 added, 0 updated, 1 unchanged\) from .*h.itin$" ".itin: counted unchanged"
expect_err "\(0 added, 0 updated, 1 unchanged\) from .*h.csv" "CSV: counted unchanged"
unchanged "the local edits stay"

# .itin files carry seq: a lower one never replaces a higher one.
fresh itinseq
run add meeting Talks --start "2023-07-11 10:00" --end 11:00 --city Vilnius --country LT --id t1
run export --format itin -o "$T/old.itin"
run edit t1 --title "Talks (moved)"
snapshot
run import "$T/old.itin"
expect_err "warning: .*old.itin:1: 'Talks \(moved\)' \(id t1\): the stored version is newer \(seq 1, this file has 0\); not replaced" ".itin: a lower seq never replaces a higher"
unchanged ".itin: the stale version is kept out"

# A local edit counts the store's revision up; the calendar's next
# change (same SEQUENCE, newer LAST-MODIFIED) is compared with what the
# calendar said before, not with the local count, and keeps the edit of
# a field it does not carry.
fresh srcseq
ics g1@google.com 0 20230601T000000Z 100000 "Press briefing" | sed '/^LOCATION/d' >"$T/w1.ics"
ics g1@google.com 0 20230608T000000Z 100000 "Press briefing with PM" | sed '/^LOCATION/d' >"$T/w2.ics"
run import "$T/w1.ics"
id=$(itin list --format tsv | tail -n 1 | cut -f1)
run edit "$id" --note "bring badge"
run list --format itin
expect_out_match "^    src-seq: 0$" "after a local edit the calendar's SEQUENCE is kept apart (src-seq)"
run import "$T/w2.ics"
expect_rc 0 "the calendar's next change after a local edit"
expect_err "\(0 added, 1 updated, 0 unchanged\)" "is an update, not stale"
run list --format itin
expect_out_match " Press briefing with PM" "the calendar's new title"
expect_out_match "^    note: bring badge$" "the local note stays"
expect_out_match "^    seq: 2$" "the local revision counts on"
run import "$T/w1.ics"
expect_err "the stored version is newer \(LAST-MODIFIED 2023-06-08T00:00:00Z, this file has 2023-06-01T00:00:00Z\)" "the older version is still refused"

# A SEQUENCE that is no number from 0 to 2^31-1 is read as 0, with a word.
fresh badseq
ics bs@x -1 20230601T000000Z 100000 "Talks" >"$T/bad1.ics"
ics bs2@x 99999999999 20230601T000000Z 100000 "Talks" >"$T/bad2.ics"
run import "$T/bad1.ics" "$T/bad2.ics"
expect_rc 0 "bad SEQUENCE values"
expect_err "warning: .*bad1.ics:7:1: invalid SEQUENCE '-1' \(a number from 0 to 2147483647\); read as 0" "SEQUENCE -1: a warning"
expect_err "warning: .*bad2.ics:7:1: invalid SEQUENCE '99999999999'" "SEQUENCE 99999999999: a warning"

# A calendar's copy of an exported event: a new UID, the original's
# X-ITIN-ID. It is another event: its id comes from its UID, with a word;
# the original is not overwritten, and the import does not fail.
fresh xid
run add meeting "Bilateral with X" --start "2023-07-11 10:00" --end 11:00 --city Vilnius --country LT --id x1
ics copy@outlook 0 20230601T000000Z 110000 "Bilateral with Y" | sed 's/^UID:copy@outlook\r$/UID:copy@outlook\r\nX-ITIN-ID:x1\r/' >"$T/copyonly.ics"
{ ics x1@itin 0 20230601T000000Z 100000 "Bilateral with X" | sed '/^END:VCALENDAR/d;/^END:VEVENT/,$d'
  printf 'END:VEVENT\r\n'
  sed '1,/^PRODID/d' "$T/copyonly.ics"; } >"$T/copy.ics"
snapshot
run import "$T/copyonly.ics"
expect_rc 0 "a copy with the original's X-ITIN-ID"
expect_err "warning: .*copyonly.ics:4: 'Bilateral with Y': X-ITIN-ID 'x1' is stored event x1's, whose UID is not 'copy@outlook'; id [0-9a-f]{16} from the UID instead" "the copy's X-ITIN-ID is not trusted: a warning"
expect_err "\(1 added, 0 updated, 0 unchanged\)" "the copy is added"
run show x1
expect_out_match "Bilateral with X" "the original stays"
fresh xid2
run add meeting "Bilateral with X" --start "2023-07-11 10:00" --end 11:00 --city Vilnius --country LT --id x1
run import "$T/copy.ics"
expect_rc 0 "the original and its copy in one file"
expect_err "warning: .*copy.ics:[0-9]+:1: X-ITIN-ID 'x1' again \(first at line [0-9]+\) with another UID; id [0-9a-f]{16} from the UID instead" "the second claim of an X-ITIN-ID: a warning"
[ "$(count_events)" = 2 ] && ok "both events stored" || not_ok "both events stored"

# A meeting moved within its day (same title, type, city, another hour)
# is a look-alike worth a word.
fresh moved
printf 'type,title,start,end,city,country\nmeeting,Talks,2023-07-11 10:00,2023-07-11 11:00,Vilnius,LT\n' >"$T/m1.csv"
printf 'type,title,start,end,city,country\nmeeting,Talks,2023-07-11 15:00,2023-07-11 16:00,Vilnius,LT\n' >"$T/m2.csv"
run import "$T/m1.csv"
run import "$T/m2.csv"
expect_err "warning: .*m2.csv:2: 'Talks' \(2023-07-11 15:00\) looks like stored event [0-9a-f]{16} but differs from it" "a meeting moved within its day: the look-alike warning, at its line"

# Repeated warnings of one kind are capped at 10 a file.
{ printf 'type,title,start,end,city,country\n'
  for h in 10 11 12 13 14 15 16 17 18 19 20 21; do
	printf 'meeting,Talks,2023-07-11 %s:30,2023-07-11 %s:45,Vilnius,LT\n' $h $h
  done; } >"$T/many.csv"
run import "$T/many.csv"
n=$(grep -c "looks like stored event" "$T/err")
[ "$n" = 10 ] && ok "ten look-alike warnings" || not_ok "ten look-alike warnings ($n)"
expect_err "warning: .*many.csv: \.\.\. and 2 more like it \(events that look like stored ones\)" "then one line for the rest"

# An all-day event made timed by a CSV without place columns: the zone
# comes from the kept place, as edit finds it; not a floating time.
fresh allday
run add summit Summit --start 2023-07-11 --end 2023-07-12 --city Vilnius --country LT --id s1
printf 'id,title,start,end\ns1,Summit,2023-07-11T10:00,2023-07-11T18:00\n' >"$T/ad.csv"
run import "$T/ad.csv"
expect_rc 0 "all-day to timed by a CSV without place columns"
run list --format itin
expect_out_match "^    tz: Europe/Vilnius$" "the zone of the kept place"

finish
