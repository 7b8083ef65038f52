#!/bin/sh
# t-escapes.sh: every control, bidirectional, format and separator
# character, and every spreadsheet formula, through every output.
#
#   agenda, show, timeline  every Cc, Cf, Zl, Zp character but the
#                           joiners (the set the text format escapes) as
#                           \xHH / \u{XXXX}, never raw
#   tsv (list, export)      the same, a backslash doubled, tabs and line
#                           breaks as spaces, formulas guarded as in CSV
#                           (past a leading line break or U+FEFF too);
#                           decoding it gives the text back
#   json                    the same set as \uXXXX, never raw
#   csv                     formulas guarded; imports back to the same
#   itin (store, export)    every Cc, Cf, Zl, Zp character but the
#                           joiners as \xHH or \u{XXXX}; add -> store ->
#                           export -> import -> the same bytes
# The events are added with the characters raw, as a caller would.
. "$(dirname "$0")/lib.sh"

# The characters, Unicode 15 (utf8proc's tables): Cc, Cf, Zl and Zp.
cat >"$T/sets.py" <<'PYEOF'
RANGES = [(0x01, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605),
          (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891),
          (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F),
          (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
          (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
          (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
          (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F)]
JOINERS = {0x200C, 0x200D}
# What the text format escapes.
TEXT = {c for a, b in RANGES for c in range(a, b + 1)} - JOINERS
# What outputs for people show escaped: the same set (U+FEFF, U+00AD,
# U+200B and the tag characters are invisible, and hide there too).
DISPLAY = TEXT
PYEOF

# The characters of a set as one argument (no NUL, which no argument holds).
chars() { # SET
	python3 -c "
import sys; sys.path.insert(0, '$T'); from sets import *
sys.stdout.buffer.write(''.join(map(chr, sorted($1))).encode())"
}
# raw FILE SET: how many characters of SET are in FILE, raw (line feeds,
# and tabs in tsv, are the format's own).
raw() { # FILE SET [ALLOWED]
	python3 -c "
import sys; sys.path.insert(0, '$T'); from sets import *
t = open('$1', encoding='utf-8').read()
print(sum(1 for ch in t if ord(ch) in ($2) and ch not in '\n${3:-}'))"
}
no_raw() { # FILE SET DESC [ALLOWED]
	n=$(raw "$1" "$2" "${4:-}")
	if [ "$n" = 0 ]; then
		ok "$3: no raw character of the set"
	else
		not_ok "$3: $n raw characters of the set"
	fi
}

ALL=$(chars TEXT)
SHOWN=$(chars DISPLAY)

# Every character of the text format's set in every kind of value.
run add meeting "all$ALL" --start "2023-03-01 10:00" --tz Europe/Vilnius \
	--city Vilnius --venue "V$ALL" --org "O$ALL" --note "N$ALL" \
	--with "W$SHOWN (R$SHOWN)" --tag "T$SHOWN" --source "S$ALL" --id e-all
expect_rc 0 "add: every control and format character"
run add meeting "Bidi $(printf '\342\200\256')txt.exe $(printf '\342\201\246')x$(printf '\342\201\251') sep$(printf '\342\200\250')line$(printf '\342\200\251')para nel$(printf '\302\205')csi$(printf '\302\233')2J" \
	--start "2023-03-02 10:00" --tz Europe/Vilnius --city Vilnius --id e-bidi
expect_rc 0 "add: bidirectional controls and separators"
run add meeting "Joiners $(printf 'ZW\342\200\214NJ ZW\342\200\215J') back\\slash \\u{202E}" \
	--start "2023-03-03 10:00" --tz Europe/Vilnius --city Vilnius --id e-join
expect_rc 0 "add: joiners and a backslash"
i=0
failed=0
for f in "=cmd|' /C calc'!A0" "+1+1" "-2+3" "@SUM(A1:A2)" "$(printf '\t=1+1')" \
	"$(printf '\r=1+1')" "'=already" "'hello" "a=b" "' x" "$(printf "'\\tx")" \
	"$(printf '\n-5')" "$(printf '\357\273\277=3+3')" "$(printf '\342\200\213@x')"; do
	i=$((i + 1))
	run add meeting --start "$(printf '2023-04-%02d 12:00' $i)" \
		--tz Europe/Vilnius --city="$f" --id "f$i" -- "$f"
	[ "$rc" -eq 0 ] || { failed=$((failed + 1)); show_run; }
done
[ "$failed" -eq 0 ] && ok "add: the formulas" || not_ok "add: $failed formulas refused"
run add meeting "S$(printf '\342\200\250')P$(printf '\342\200\251')" --start "2023-03-04 10:00" \
	--tz Europe/Vilnius --city Vilnius --id e-sep
expect_rc 0 "add: the separators alone"

# ---- the text format: the store, export, and back ----
no_raw "$ITIN_FILE" TEXT "store"
grep -q 'all\\x01\\x02' "$ITIN_FILE" && grep -q '\\u{0085}' "$ITIN_FILE" &&
	grep -q '\\u{202E}' "$ITIN_FILE" && grep -q '\\u{2028}' "$ITIN_FILE" &&
	grep -q '\\u{200B}' "$ITIN_FILE" && grep -q '\\u{E007F}' "$ITIN_FILE" &&
	ok "store: \\xHH and \\u{XXXX} escapes" || not_ok "store: \\xHH and \\u{XXXX} escapes"
grep -q "$(printf 'ZW\342\200\214NJ ZW\342\200\215J')" "$ITIN_FILE" &&
	ok "store: the joiners stay as they are" || not_ok "store: the joiners stay as they are"
run export --format itin
expect_rc 0 "export --format itin"
cp "$T/out" "$T/a.itin"
no_raw "$T/a.itin" TEXT "export --format itin"
run list --format itin
same_file "$T/a.itin" "$T/out" "list and export write the same itin"
run -f "$T/b.itin" import "$T/a.itin"
expect_rc 0 "itin export imports"
run -f "$T/b.itin" export --format itin
same_file "$T/a.itin" "$T/out" "add -> store -> export -> import -> export: same bytes"
run export --format json
cp "$T/out" "$T/a.json"
no_raw "$T/a.json" TEXT "export --format json"
grep -q 'Bidi \\u202etxt' "$T/a.json" && grep -q '\\udb40\\udc7f' "$T/a.json" &&
	ok "json: \\uXXXX, a surrogate pair above U+FFFF" ||
	not_ok "json: \\uXXXX, a surrogate pair above U+FFFF"
run -f "$T/b.itin" export --format json
same_file "$T/a.json" "$T/out" "the imported events hold the same text (json)"
if python3 - "$T/a.json" "$T" <<'PYEOF'; then
import json, sys
sys.path.insert(0, sys.argv[2])
from sets import TEXT, DISPLAY
ev = {e['id']: e for e in json.load(open(sys.argv[1], encoding='utf-8'))}
a = ev['e-all']
want = ''.join(map(chr, sorted(TEXT)))
shown = ''.join(map(chr, sorted(DISPLAY)))
assert a['title'] == 'all' + want, 'title'
assert a['venue'] == 'V' + want, 'venue'
assert a['organization'] == 'O' + want
assert a['notes'] == 'N' + want
assert a['source'] == 'S' + want
assert a['participants'] == [{'name': 'W' + shown, 'role': 'R' + shown}], a['participants']
assert a['tags'] == ['T' + shown]
PYEOF
	ok "every character of the set kept, in every field"
else
	not_ok "every character of the set kept, in every field"
fi

# ---- for people: agenda, show, timeline ----
run list
expect_rc 0 "agenda"
no_raw "$T/out" DISPLAY "agenda"
expect_out_match 'Bidi \\u\{202E\}txt\.exe \\u\{2066\}x\\u\{2069\} sep\\u\{2028\}line\\u\{2029\}para nel\\x85csi\\x9b2J' \
	"agenda: every kind shown escaped"
for id in e-all e-bidi; do
	run show "$id"
	expect_rc 0 "show $id"
	no_raw "$T/out" DISPLAY "show $id"
done
expect_out_match 'sep\\u\{2028\}line\\u\{2029\}para' "show: separators shown escaped"
run timeline --from 2023-03-01 --to 2023-03-10
expect_rc 0 "timeline"
no_raw "$T/out" DISPLAY "timeline"
expect_out_match 'S\\u\{2028\}P\\u\{2029\} @ Vilnius' "timeline: U+2028, U+2029 shown escaped"

# ---- tsv: list and export ----
for cmd in list export; do
	run $cmd --format tsv
	expect_rc 0 "$cmd --format tsv"
	cp "$T/out" "$T/$cmd.tsv"
	no_raw "$T/$cmd.tsv" DISPLAY "$cmd tsv" "$(printf '\t')"
	bad=$(awk -F '\t' 'NF != 8' "$T/$cmd.tsv" | wc -l)
	[ "$bad" -eq 0 ] && ok "$cmd tsv: eight fields on every line" ||
		not_ok "$cmd tsv: $bad lines without eight fields"
done
same_file "$T/list.tsv" "$T/export.tsv" "list and export write the same tsv"
grep -q 'Bidi \\u{202E}txt\.exe \\u{2066}x\\u{2069} sep\\u{2028}line\\u{2029}para nel\\x85csi\\x9b2J' "$T/list.tsv" &&
	ok "tsv: bidi, separators and C1 shown as the agenda shows them" ||
	not_ok "tsv: bidi, separators and C1 shown as the agenda shows them"
grep -q 'back\\\\slash \\\\u{202E}' "$T/list.tsv" &&
	ok "tsv: a backslash doubled, so text cannot pass for an escape" ||
	not_ok "tsv: a backslash doubled, so text cannot pass for an escape"
# Decoding tsv (man itin.5) gives the text back, but for tabs and line
# breaks, which are spaces; and no cell is a live formula.
if python3 - "$T/list.tsv" "$T/a.json" "$T" <<'PYEOF'; then
import json, re, sys
rows = [l.split('\t') for l in open(sys.argv[1], encoding='utf-8').read().split('\n')[1:-1]]
ev = {e['id']: e for e in json.load(open(sys.argv[2], encoding='utf-8'))}
sys.path.insert(0, sys.argv[3])
from sets import DISPLAY
def decode(v):
    v = re.sub(r'\\(\\|x([0-9a-f]{2})|u\{([0-9A-F]{4,6})\})',
               lambda m: '\\' if m.group(1) == '\\' else
               chr(int(m.group(2) or m.group(3), 16)), v)
    # The guard: a "'" before "'", or before = + - @ or a space once the
    # escaped characters are passed.
    if len(v) >= 2 and v[0] == "'" and (
            v[1] == "'" or v[1:].lstrip(''.join(map(chr, DISPLAY)))[:1] in
            ('=', '+', '-', '@', ' ')):
        v = v[1:]
    return v
for r in rows:
    for cell in r:
        assert cell[:1] not in ('=', '+', '-', '@', '\t', '\r'), cell
    e = ev[decode(r[0])]
    want = re.sub('[\t\r\n]', ' ', e['title'])
    assert decode(r[7]) == want, (r[7], want)
    assert decode(r[5]) == re.sub('[\t\r\n]', ' ', e['city'] or ''), (r[5], e['city'])
assert len(rows) == len(ev)
PYEOF
	ok "tsv: decodes back to the text; no live formula"
else
	not_ok "tsv: decodes back to the text; no live formula"
fi
for pair in "f1	'=cmd|' /C calc'!A0" "f2	'+1+1" "f3	'-2+3" "f4	'@SUM(A1:A2)" \
	"f5	' =1+1" "f6	' =1+1" "f7	''=already" "f8	'hello" "f9	a=b" \
	"f10	'' x" "f11	'' x" "f12	' -5" "f13	'\\u{FEFF}=3+3" \
	"f14	'\\u{200B}@x"; do
	id=${pair%%	*}
	want=${pair#*	}
	got=$(awk -F '\t' -v id="$id" '$1 == id { print $8 }' "$T/list.tsv")
	[ "$got" = "$want" ] && ok "tsv: $id written as [$want]" ||
		not_ok "tsv: $id written as [$got], want [$want]"
done
run list --format tsv --raw
expect_rc 0 "tsv --raw"
awk -F '\t' '$1 == "f1" { print $8 }' "$T/out" | grep -qx "=cmd|' /C calc'!A0" &&
	ok "tsv --raw: no guard" || not_ok "tsv --raw: no guard"
grep -q '\\u{202E}txt' "$T/out" && ok "tsv --raw: escapes kept" ||
	not_ok "tsv --raw: escapes kept"

# ---- csv: the same guard, and the text kept ----
run export --format csv
expect_rc 0 "export --format csv"
cp "$T/out" "$T/a.csv"
if python3 - "$T/a.csv" <<'PYEOF'; then
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
for r in rows[1:]:
    for cell in r:
        assert cell[:1] not in ('=', '+', '-', '@', '\t', '\r'), cell
t = {r[0]: r[2] for r in rows[1:]}
assert t['f1'] == "'=cmd|' /C calc'!A0", t['f1']
assert t['f7'] == "''=already" and t['f8'] == "'hello" and t['f9'] == 'a=b'
PYEOF
	ok "csv: every formula guarded, by the rule tsv uses"
else
	not_ok "csv: every formula guarded, by the rule tsv uses"
fi
run -f "$T/c.itin" import --format csv "$T/a.csv"
expect_rc 0 "csv export imports"
run -f "$T/c.itin" export --format json
same_file "$T/a.json" "$T/out" "csv round trip keeps every character"

finish
