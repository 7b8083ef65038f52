#!/bin/sh
# t-storewrite.sh: a store rewrite is written as it is formatted, a block
# (64 KiB) at a time, into a temporary file beside the store (store.c,
# outsink.h). A rewrite many blocks long gives the canonical store byte
# for byte, through a symbolic link too (which stays a link); one that
# fails half way (the file size limit, several blocks in) reports why and
# leaves the store as it was, no temporary file, and the lock free.
. "$(dirname "$0")/lib.sh"

# The same generated events as CSV and as the canonical store; the 3500
# begin with the 3000 (bench/gen.sh numbers them).
sh "$ROOT/bench/gen.sh" -o "$T/g3" 3000
sh "$ROOT/bench/gen.sh" -o "$T/g35" 3500
size=$(wc -c <"$T/g3.itin")
[ "$size" -gt 262144 ] && ok "the store is several blocks long ($size bytes)" ||
	not_ok "the store is only $size bytes: it tests no streaming"

run import "$T/g3.csv"
expect_rc 0 "import of 3000 rows into an empty store"
same_file "$T/g3.itin" "$ITIN_FILE" "the store written in blocks is the canonical one"

# Through a link: the target is rewritten, the link stays.
mkdir "$T/real"
mv "$ITIN_FILE" "$T/real/store.itin"
ln -s "$T/real/store.itin" "$ITIN_FILE"
run import "$T/g35.csv"
expect_rc 0 "import of 500 more through a link"
expect_err "500 added, 0 updated, 3000 unchanged" "the link: 500 added"
[ -L "$ITIN_FILE" ] && ok "the link is still a link" || not_ok "the link was replaced"
same_file "$T/g35.itin" "$T/real/store.itin" "the link's target holds the new store"
[ "$(ls -A "$T/real")" = store.itin ] && ok "the link: no temporary file left" ||
	not_ok "the link: left behind: $(ls -A "$T/real" | tr '\n' ' ')"

# The file size limit (200 blocks of 512 bytes, or of 1 KiB) reached
# several 64 KiB blocks into the rewrite of a 500 KiB store.
rm -f "$ITIN_FILE"
cp "$T/g3.itin" "$ITIN_FILE"
cp "$ITIN_FILE" "$T/before"
(ulimit -f 200 && exec "$ITIN" import "$T/g35.csv") >"$T/out" 2>"$T/err"
rc=$?
expect_rc 74 "a rewrite over the file size limit: status 74"
expect_err "^itin: cannot write '$ITIN_FILE': File too large$" "over the limit: says why"
same_file "$T/before" "$ITIN_FILE" "over the limit: the store is unchanged"
left=$(ls -A "$T" | grep '^\.store\.itin\.')
[ -z "$left" ] && ok "over the limit: no temporary file left" ||
	not_ok "over the limit: left behind: $left"
# The lock went with the process: the next writer gets it at once.
export ITIN_LOCK_TIMEOUT=0
run import "$T/g35.csv"
unset ITIN_LOCK_TIMEOUT
expect_rc 0 "after the failed rewrite: the next import gets the lock"
same_file "$T/g35.itin" "$ITIN_FILE" "after the failed rewrite: the store is the new one"

finish
