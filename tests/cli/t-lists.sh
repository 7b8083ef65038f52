#!/bin/sh
# t-lists.sh: the caps on an event's participants and tags (itin(5),
# LIMITS): at most 1000 of each, at most 192 KiB of text each in all. An
# event at the caps, its names made of the characters that take the most
# room escaped, goes through itin, csv and ics and back unchanged; one
# past a cap is refused (65) and nothing is stored.
. "$(dirname "$0")/lib.sh"

# gen N_WITH WITH_BYTES N_TAGS TAG_BYTES: one event whose participants
# (names, no roles) and tags hold exactly that many bytes in all, mostly
# \x01 (four bytes escaped) and U+E0041 (four bytes, nine escaped).
gen() {
	python3 - "$@" <<'PYEOF'
import sys
nw, wb, nt, tb = map(int, sys.argv[1:])
def items(n, total, prefix):
    out = []
    for i in range(n):
        size = total // n + (1 if i < total % n else 0)
        head = '%s%d-' % (prefix, i)
        rest = size - len(head)
        tags = rest // 8
        out.append(head + '\\u{E0041}' * tags + '\\x01' * (rest - 4 * tags))
    return out
print('2023-03-01 10:00 meeting Crowded\n    id: crowd')
for w in items(nw, wb, 'P'):
    print('    with: ' + w)
if nt:
    print('    tags: ' + '; '.join(items(nt, tb, 'T')))
PYEOF
}

gen 1000 196608 1000 196608 >"$T/cap.itin"
run -f "$T/a.itin" import "$T/cap.itin"
expect_rc 0 "1000 participants and 1000 tags, 192 KiB each: imported"
run -f "$T/a.itin" export --format json
cp "$T/out" "$T/a.json"
python3 - "$T/a.json" <<'PYEOF' && ok "the event holds the caps exactly" || not_ok "the event holds the caps exactly"
import json, sys
e = json.load(open(sys.argv[1], encoding='utf-8'))[0]
assert len(e['participants']) == 1000 and len(e['tags']) == 1000
assert sum(len(p['name'].encode()) for p in e['participants']) == 196608
assert sum(len(t.encode()) for t in e['tags']) == 196608
PYEOF
for fmt in itin csv ics; do
	run -f "$T/a.itin" export --format $fmt -o "$T/rt.$fmt"
	expect_rc 0 "export --format $fmt at the caps"
	rm -f "$T/b.itin"
	run -f "$T/b.itin" import "$T/rt.$fmt"
	expect_rc 0 "import of its $fmt export"
	run -f "$T/b.itin" export --format json
	python3 - "$T/a.json" "$T/out" <<'PYEOF' && ok "$fmt round trip: the same participants and tags" || not_ok "$fmt round trip: the same participants and tags"
import json, sys
a = json.load(open(sys.argv[1], encoding='utf-8'))[0]
b = json.load(open(sys.argv[2], encoding='utf-8'))[0]
assert a['participants'] == b['participants']
assert a['tags'] == b['tags']
PYEOF
done

# One past a cap: refused, the store unchanged.
cp "$T/a.itin" "$T/keep.itin"
for args in "1001 2002 0 0" "1000 196609 0 0" "1 10 1001 2002" "1 10 4 196609"; do
	gen $args >"$T/over.itin"
	run -f "$T/a.itin" import "$T/over.itin"
	expect_rc 65 "over a cap ($args): status 65"
	same_file "$T/keep.itin" "$T/a.itin" "over a cap ($args): nothing stored"
done
gen 1001 2002 0 0 >"$T/over.itin"
run -f "$T/a.itin" import "$T/over.itin"
expect_err "too many participants \(1001; limit 1000\)" "too many participants: the message"
gen 1000 196609 0 0 >"$T/over.itin"
run -f "$T/a.itin" import "$T/over.itin"
expect_err "participants too long \(196609 bytes in all; limit 196608\)" "participants too long: the message"
gen 1 10 1001 2002 >"$T/over.itin"
run -f "$T/a.itin" import "$T/over.itin"
expect_err "too many tags \(1001; limit 1000\)" "too many tags: the message"

finish
