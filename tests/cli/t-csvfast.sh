#!/bin/sh
# t-csvfast.sh: the fast CSV import gives what the slow one gave, byte for
# byte. A line without quotes is cut at its delimiters, not read by
# libcsv (csvrecparse.c); ids are looked up in one table each, the
# merger's looking ahead (idtable.h, evmerge.h). So: the same events,
# quoted (libcsv) and unquoted (cut), give the same store and the same
# messages at the same places; ids derived or given, duplicates past the
# first table, re-imports and old-form ids behave as before; and the
# test files' stores are the ones the version before these changes wrote
# (golden/csvfast, made by it).
. "$(dirname "$0")/lib.sh"

G=$TESTDIR/golden/csvfast
D=$TESTDIR/data
sh "$ROOT/bench/gen.sh" -o "$T/g" 3000
# Every field quoted: each line goes to libcsv.
sed 's/[^,]*/"&"/g' "$T/g.csv" >"$T/q.csv"
# Every other line quoted: the two readers take turns.
awk 'NR % 2 { gsub(/[^,]*/, "\"&\"") } { print }' "$T/g.csv" >"$T/h.csv"

for f in g q h; do
	rm -f "$ITIN_FILE"
	run import "$T/$f.csv"
	expect_rc 0 "$f.csv: 3000 rows imported"
	same_file "$T/g.itin" "$ITIN_FILE" "$f.csv: the canonical store, byte for byte"
done
run export --format json
cp "$T/out" "$T/imported.json"
run -f "$T/g.itin" export --format json
expect_out "$T/imported.json" "the imported store exports as the canonical one"

# Again: every event unchanged, the store left alone.
cp "$ITIN_FILE" "$T/before"
run import "$T/h.csv"
expect_err "0 added, 0 updated, 3000 unchanged" "a re-import changes nothing"
same_file "$T/before" "$ITIN_FILE" "the store is as it was"

# No id column: ids derived from the content, the store the one the
# version before wrote (its sha256).
cut -d, -f2- "$T/g.csv" >"$T/noid.csv"
sed 's/[^,]*/"&"/g' "$T/noid.csv" >"$T/noidq.csv"
for f in noid noidq; do
	rm -f "$ITIN_FILE"
	run import "$T/$f.csv"
	expect_rc 0 "$f.csv: derived ids"
	sum=$(sha256sum <"$ITIN_FILE" | cut -d' ' -f1)
	[ "$sum" = ddfbfa8ae26e9b40349a7380abb75bbb4a36c22bf6edc7f2b7ec91d9da0235b3 ] &&
		ok "$f.csv: the store of derived ids is the one before" ||
		not_ok "$f.csv: the store of derived ids differs ($sum)"
done

# Spaces at a field's edges are data, in a cut line as in a quoted one.
{
	echo 'title,start,city,country,notes'
	echo '  Edge  ,2023-03-01,Riga,LV, two spaces  '
	echo '"  Edge2  ","2023-03-02","Riga","LV"," two spaces  "'
	printf 'Tab\t,2023-03-03,Riga,LV,\tx\t\n'
} >"$T/edges.csv"
rm -f "$ITIN_FILE"
run import "$T/edges.csv"
expect_rc 0 "edge spaces: imported"
run list --format json --from 2023-03-01 --to 2023-03-03
grep -q '"title":"  Edge  "' "$T/out" && grep -q '"title":"  Edge2  "' "$T/out" &&
	grep -q '"notes":" two spaces  "' "$T/out" &&
	ok "edge spaces kept, cut or quoted" || { not_ok "edge spaces kept, cut or quoted"; show_run; }

# A bad cell: the message at the cell, cut or quoted (as before: a
# quoted field starts at its quote).
{
	echo 'title,start,city'
	echo 'Fine,2023-03-01,Riga'
	echo 'Bad,2023-13-01,Riga'
} >"$T/bad.csv"
sed 's/[^,]*/"&"/g' "$T/bad.csv" >"$T/badq.csv"
run import "$T/bad.csv"
expect_rc 65 "a bad date refuses the file"
expect_err "^itin: $T/bad.csv:3:5: invalid date '2023-13-01': month must be 01 to 12$" "the cut line's error at its cell"
run import "$T/badq.csv"
expect_rc 65 "the same quoted"
expect_err "^itin: $T/badq.csv:3:7: invalid date '2023-13-01': month must be 01 to 12$" "the quoted line's error at its cell's quote"

# A duplicate id far past the first table (1024 ids): refused at its
# line, naming the first; the same row twice is read once.
{
	head -n 2001 "$T/g.csv"
	sed -n 1500p "$T/g.csv" | sed 's/,Event [0-9]*,/,Another,/'
} >"$T/dup.csv"
rm -f "$ITIN_FILE"
run import "$T/dup.csv"
expect_rc 65 "a duplicate id refuses the file"
id=$(sed -n 1500p "$T/g.csv" | cut -d, -f1)
expect_err "^itin: $T/dup.csv:2002:1: duplicate id '$id' \\(first at line 1500\\)$" "at its line, naming the first"
{
	head -n 2001 "$T/g.csv"
	sed -n 1500p "$T/g.csv"
} >"$T/twice.csv"
run import "$T/twice.csv"
expect_rc 0 "the same row twice imports"
expect_err "^itin: warning: $T/twice.csv:2002:1: row is the same event as line 1500; read once$" "with a word"
expect_err "2000 events \\(2000 added" "read once"

# A store of an earlier version (ids derived before fmix64): its events
# are found by the old form of their ids, not added again.
awk -F, 'NR > 1 && NR <= 41 { printf "%s,%s,%s,%s\n", $3, $4, $7, $8 }' "$T/g.csv" |
	sed '1i title,start,city,country' >"$T/few.csv"
rm -f "$ITIN_FILE"
run import "$T/few.csv"
cp "$ITIN_FILE" "$T/new.itin"
python3 - "$T/new.itin" "$T/old.itin" <<'PY'
import sys
M = (1 << 64) - 1
def unmix(h):
    h ^= h >> 33; h = h * 0x9CB4B2F8129337DB & M
    h ^= h >> 33; h = h * 0x4F74430C22A54005 & M
    return h ^ h >> 33
out = []
for line in open(sys.argv[1]):
    if line.startswith("    id: "):
        line = "    id: %016x\n" % unmix(int(line[8:].strip(), 16))
    out.append(line)
open(sys.argv[2], "w").writelines(out)
PY
cp "$T/old.itin" "$ITIN_FILE"
run import "$T/few.csv"
expect_err "0 added, 0 updated, 40 unchanged" "old-form ids found: nothing added"
same_file "$T/old.itin" "$ITIN_FILE" "the old store kept its ids"

# The test files: the stores the version before these changes wrote.
for f in bom-crlf cp1252 google locations outlook semicolon tabs nato-2023; do
	src=$D/$f.csv
	[ "$f" = nato-2023 ] && src=$ROOT/samples/$f.csv
	opt=
	[ "$f" = cp1252 ] && opt="--encoding cp1252"
	rm -f "$ITIN_FILE"
	# shellcheck disable=SC2086
	run import $opt "$src"
	expect_rc 0 "$f.csv imported"
	same_file "$G/$f.itin" "$ITIN_FILE" "$f.csv: the store as before"
done
finish
