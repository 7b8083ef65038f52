#!/bin/sh
# t-fulldisk.sh: a full disk. The store lives on a small tmpfs that a
# filler file has filled; every command that writes must fail with 74 and
# a clear message, leave the store byte for byte as it was (an append that
# half-fitted is cut back) and leave no temporary file behind.
#
# Mounting needs a private mount namespace: `unshare -m` as root, else
# `unshare -rm` (a user namespace). Where neither is allowed the test is
# skipped, saying why. The script runs itself again inside the namespace,
# so the mount vanishes with it whatever happens.
if [ -z "${ITIN_FULLDISK_NS:-}" ]; then
	for ns in "unshare -m" "unshare -rm"; do
		if $ns sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" &&
			umount "$d" && rmdir "$d"' >/dev/null 2>&1; then
			ITIN_FULLDISK_NS=1 exec $ns sh "$0" "$@"
		fi
	done
	echo "ok 1 # skip: cannot mount a small file system here (no mount namespace)"
	echo "# 1 passed, 0 failed"
	exit 0
fi
. "$(dirname "$0")/lib.sh"

D="$T/disk"
mkdir -p "$D"
if ! mount -t tmpfs -o size=256k tmpfs "$D"; then
	not_ok "full disk: mount a 256 KiB tmpfs"
	finish
fi
export ITIN_FILE="$D/store.itin"
run import "$ROOT/samples/nato-2023.itin"
expect_rc 0 "full disk: the store fits at first"
cp "$ITIN_FILE" "$T/before"
victim=$(itin list --format tsv | sed -n 2p | cut -f1)

# Fill the disk: dd stops at ENOSPC.
dd if=/dev/zero of="$D/filler" bs=1k >/dev/null 2>&1
long=$(head -c 20000 /dev/zero | tr '\0' x)

# unchanged DESC: the store is as it was, and no temporary file is left.
unchanged() {
	same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"
	left=$(ls -A "$D" | grep -v -x -e store.itin -e store.itin.lock -e filler -e old.ics)
	[ -z "$left" ] && ok "$1: no temporary file left" ||
		not_ok "$1: left behind: $left"
}

run add meeting "Too long to fit" --start "2023-02-01 10:00" --city Paris --note "$long"
expect_rc 74 "full disk: add"
expect_err "^itin: cannot write '$ITIN_FILE': No space left on device$" "full disk: add says why"
unchanged "full disk: add"

run import "$ROOT/samples/summit-season-2023.itin"
expect_rc 74 "full disk: import"
expect_err "^itin: cannot write '$ITIN_FILE': No space left on device$" "full disk: import says why"
unchanged "full disk: import"

run rm "$victim"
expect_rc 74 "full disk: rm"
expect_err "No space left on device" "full disk: rm says why"
unchanged "full disk: rm"

run edit "$victim" --note "$long"
expect_rc 74 "full disk: edit"
expect_err "No space left on device" "full disk: edit says why"
unchanged "full disk: edit"

run list --format tsv
expect_rc 0 "full disk: the store still reads"

# An export over an existing file on the full disk: the old file stays.
rm -f "$D/filler"
printf 'old\n' >"$D/old.ics"
dd if=/dev/zero of="$D/filler" bs=1k >/dev/null 2>&1
run export --format ics -o "$D/old.ics"
expect_rc 74 "full disk: export -o"
expect_err "^itin: cannot write '$D/old.ics': No space left on device$" "full disk: export -o says why"
[ "$(cat "$D/old.ics")" = old ] && ok "full disk: export -o keeps the old file" ||
	not_ok "full disk: export -o keeps the old file"
unchanged "full disk: export -o"

# Room again: the same commands succeed.
rm -f "$D/filler"
run add meeting "Fits now" --start "2023-02-01 10:00" --city Paris --note "$long"
expect_rc 0 "full disk: add once there is room"
run list --format tsv
expect_out_match "Fits now" "full disk: the new event is in the store"

umount "$D" 2>/dev/null
finish
