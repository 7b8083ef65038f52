#!/bin/sh
# t-privacy.sh: itineraries are private. A new store, its lock and its
# folders are the owner's alone whatever the umask; the editor's temporary
# file is private, unpredictable and in $TMPDIR; a lock file planted as a
# symbolic link, or owned by another user, is refused, never followed.
. "$(dirname "$0")/lib.sh"

mode() { stat -c %a "$1"; }

# ---- new files under umask 000 ------------------------------------------
umask 000
run add meeting "Private" --start 2023-01-30T10:00 --city Seoul --id p1
expect_rc 0 "umask 000: add"
[ "$(mode "$ITIN_FILE")" = 600 ] && ok "umask 000: new store is 0600" ||
	not_ok "umask 000: new store is $(mode "$ITIN_FILE")"
[ "$(mode "$ITIN_FILE.lock")" = 600 ] && ok "umask 000: lock file is 0600" ||
	not_ok "umask 000: lock file is $(mode "$ITIN_FILE.lock")"

# The default store, in folders that do not exist yet.
(unset ITIN_FILE; export XDG_DATA_HOME="$T/xdg/data"; itin add call "X" --start 2023-01-30) >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "umask 000: add to the default store"
d=$T/xdg/data/itin
[ "$(mode "$d")" = 700 ] && [ "$(mode "$T/xdg/data")" = 700 ] &&
	ok "umask 000: new folders are 0700" ||
	not_ok "umask 000: new folders are $(mode "$T/xdg/data") $(mode "$d")"
[ "$(mode "$d/itinerary.itin")" = 600 ] && [ "$(mode "$d/itinerary.itin.lock")" = 600 ] &&
	ok "umask 000: default store and lock are 0600" ||
	not_ok "umask 000: default store and lock are not 0600"

# A store first written by a rewrite (import), not an append.
run -f "$T/imported.itin" import "$ROOT/samples/nato-2023.itin"
expect_rc 0 "umask 000: import into a new store"
[ "$(mode "$T/imported.itin")" = 600 ] && ok "umask 000: imported store is 0600" ||
	not_ok "umask 000: imported store is $(mode "$T/imported.itin")"
[ "$(mode "$T/imported.itin.lock")" = 600 ] && ok "umask 000: its lock is 0600" ||
	not_ok "umask 000: its lock is $(mode "$T/imported.itin.lock")"

# A rewrite keeps the store's mode (here the owner chose 0640).
chmod 640 "$T/imported.itin"
run -f "$T/imported.itin" edit "$(grep -m1 '^    id:' "$T/imported.itin" | sed 's/.*id: //')" --title Renamed
expect_rc 0 "rewrite of a 0640 store"
[ "$(mode "$T/imported.itin")" = 640 ] && ok "a rewrite keeps the store's mode" ||
	not_ok "a rewrite changed the mode to $(mode "$T/imported.itin")"

# ---- the editor's temporary file ---------------------------------------
mkdir -p "$T/tmp"
export TMPDIR="$T/tmp"
cat >"$T/probe.sh" <<'EOT'
#!/bin/sh
printf '%s %s\n' "$(stat -c %a "$1")" "$1" >>"$TMPDIR/../probe"
sed -i 's/Private/Edited/' "$1"
EOT
chmod +x "$T/probe.sh"
EDITOR="$T/probe.sh" run edit p1
expect_rc 0 "edit in an editor under umask 000"
sed -i 's/Edited/Private/' "$ITIN_FILE"
EDITOR="$T/probe.sh" run edit p1
if awk '$1 != "600" { bad = 1 } END { exit bad }' "$T/probe"; then
	ok "editor: temporary file is 0600 under umask 000"
else
	not_ok "editor: temporary file modes: $(cut -d' ' -f1 "$T/probe" | tr '\n' ' ')"
fi
if awk -v d="$T/tmp/" 'index($2, d) != 1 { bad = 1 } END { exit bad }' "$T/probe"; then
	ok "editor: temporary file is in \$TMPDIR"
else
	not_ok "editor: temporary file not in \$TMPDIR: $(cat "$T/probe")"
fi
a=$(sed -n 1p "$T/probe" | cut -d' ' -f2)
b=$(sed -n 2p "$T/probe" | cut -d' ' -f2)
[ -n "$a" ] && [ "$a" != "$b" ] && ok "editor: temporary names are not predictable" ||
	not_ok "editor: the same temporary name twice ($a)"
[ -z "$(ls -A "$T/tmp")" ] && ok "editor: nothing left in \$TMPDIR" ||
	not_ok "editor: left in \$TMPDIR: $(ls -A "$T/tmp")"
unset TMPDIR
umask 022

# ---- planted lock files -------------------------------------------------
S=$T/planted.itin
cp "$ROOT/samples/nato-2023.itin" "$S"
cp "$S" "$T/planted.before"
echo "precious" >"$T/victim"
ln -s "$T/victim" "$S.lock"
for cmd in "add call Y --start 2023-01-30" "list" "import $ROOT/samples/nato-2023.itin" "rm nato-nac-02"; do
	# shellcheck disable=SC2086
	run -f "$S" $cmd
	[ "$rc" -ne 0 ] && ok "${cmd%% *}: a lock that is a symbolic link is refused" ||
		not_ok "${cmd%% *}: a lock that is a symbolic link was followed"
	expect_err "lock file '.*planted\.itin\.lock' is a symbolic link" "${cmd%% *}: symbolic link lock: message"
done
[ "$(cat "$T/victim")" = precious ] && ok "the link's target is untouched" ||
	not_ok "the link's target was changed"
same_file "$T/planted.before" "$S" "the store is untouched"

# A dangling link: it must not be created through.
rm -f "$S.lock"
ln -s "$T/created-through-link" "$S.lock"
run -f "$S" add call Y --start 2023-01-30
[ "$rc" -ne 0 ] && [ ! -e "$T/created-through-link" ] &&
	ok "a dangling lock link is not created through" ||
	not_ok "a dangling lock link was followed"
rm -f "$S.lock"

# A lock that is not a regular file.
mkdir "$S.lock"
run -f "$S" add call Y --start 2023-01-30
[ "$rc" -ne 0 ] && ok "a lock that is a folder is refused" || not_ok "a lock that is a folder was used"
rmdir "$S.lock"

# Someone else's lock file: they could hold it forever (root only: it
# needs chown).
if [ "$(id -u)" = 0 ]; then
	touch "$S.lock"
	chown 65534:65534 "$S.lock"
	for cmd in "add call Y --start 2023-01-30" "list" "rm nato-nac-02"; do
		# shellcheck disable=SC2086
		run -f "$S" $cmd
		[ "$rc" -ne 0 ] && ok "${cmd%% *}: another user's lock file is refused" ||
			not_ok "${cmd%% *}: another user's lock file was used"
		expect_err "lock file '.*' belongs to another user" "${cmd%% *}: another user's lock: message"
	done
	same_file "$T/planted.before" "$S" "another user's lock: store untouched"
else
	ok "# skip another user's lock: needs root for chown"
fi

# A store that is a symbolic link (into a dotfiles repository, say) stays a
# link through every command that writes: the file it points to changes.
mkdir -p "$T/dotfiles"
: >"$T/dotfiles/trips.itin"
ln -s "$T/dotfiles/trips.itin" "$T/linked.itin"
run -f "$T/linked.itin" add meeting "Linked talks" --start "2023-05-02 10:00" --tz Europe/Brussels
expect_rc 0 "add through a symbolic link"
lid=$(cat "$T/out")
run -f "$T/linked.itin" import "$ROOT/samples/nato-2023.itin"
expect_rc 0 "import through a symbolic link"
run -f "$T/linked.itin" rm "$lid"
expect_rc 0 "rm through a symbolic link"
[ -L "$T/linked.itin" ] && ok "the store is still a symbolic link" || not_ok "the store link was replaced"
n=$(grep -c '^    id: ' "$T/dotfiles/trips.itin")
[ "$n" -eq 16 ] && ok "the link's target holds the imported events, the removed one gone" ||
	not_ok "the link's target holds $n events, want 16"

finish
