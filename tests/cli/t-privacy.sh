#!/bin/sh
# t-privacy.sh: itineraries are private. A new store and its folders are
# the owner's alone whatever the umask; the editor's temporary file is
# private, unpredictable and in $TMPDIR; the store is its own lock, so a
# "STORE.lock" planted beside it (a symbolic link, another user's file) is
# neither followed nor able to lock the owner out.
. "$(dirname "$0")/lib.sh"

mode() { stat -c %a "$1"; }

# ---- new files under umask 000 ------------------------------------------
umask 000
run add meeting "Private" --start 2023-01-30T10:00 --city Seoul --id p1
expect_rc 0 "umask 000: add"
[ "$(mode "$ITIN_FILE")" = 600 ] && ok "umask 000: new store is 0600" ||
	not_ok "umask 000: new store is $(mode "$ITIN_FILE")"
[ ! -e "$ITIN_FILE.lock" ] && ok "umask 000: no lock file beside the store" ||
	not_ok "umask 000: a lock file was made beside the store"

# The default store, in folders that do not exist yet.
(unset ITIN_FILE; export XDG_DATA_HOME="$T/xdg/data"; itin add call "X" --start 2023-01-30) >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "umask 000: add to the default store"
d=$T/xdg/data/itin
[ "$(mode "$d")" = 700 ] && [ "$(mode "$T/xdg/data")" = 700 ] &&
	ok "umask 000: new folders are 0700" ||
	not_ok "umask 000: new folders are $(mode "$T/xdg/data") $(mode "$d")"
[ "$(mode "$d/itinerary.itin")" = 600 ] && [ "$(ls -A "$d")" = itinerary.itin ] &&
	ok "umask 000: default store is 0600 and alone" ||
	not_ok "umask 000: default store is not 0600 or not alone"

# A store first written by a rewrite (import), not an append.
run -f "$T/imported.itin" import "$ROOT/samples/nato-2023.itin"
expect_rc 0 "umask 000: import into a new store"
[ "$(mode "$T/imported.itin")" = 600 ] && ok "umask 000: imported store is 0600" ||
	not_ok "umask 000: imported store is $(mode "$T/imported.itin")"
[ ! -e "$T/imported.itin.lock" ] && ok "umask 000: no lock file beside it" ||
	not_ok "umask 000: a lock file was made beside it"

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
# The store is its own lock: a "STORE.lock" beside it (what older versions
# locked) is never opened, so a link planted there is not followed.
S=$T/planted.itin
cp "$ROOT/samples/nato-2023.itin" "$S"
echo "precious" >"$T/victim"
ln -s "$T/victim" "$S.lock"
for cmd in "add call Y --start 2023-01-30" "list" "import $ROOT/samples/nato-2023.itin" "rm d3a7223415359d35"; do
	# shellcheck disable=SC2086
	run -f "$S" $cmd
	expect_rc 0 "${cmd%% *}: a planted lock link is not used"
done
[ "$(cat "$T/victim")" = precious ] && ok "the link's target is untouched" ||
	not_ok "the link's target was changed"

# A dangling link: nothing is created through it.
rm -f "$S.lock"
ln -s "$T/created-through-link" "$S.lock"
run -f "$S" add call Y --start 2023-01-30
[ "$rc" -eq 0 ] && [ ! -e "$T/created-through-link" ] &&
	ok "a dangling lock link is not created through" ||
	not_ok "a dangling lock link was followed"
rm -f "$S.lock"

# Another user's lock file (root only: it needs chown) does not lock the
# owner out: in a sticky shared folder the owner could not even remove it.
if [ "$(id -u)" = 0 ]; then
	touch "$S.lock"
	chmod 600 "$S.lock"
	chown 65534:65534 "$S.lock"
	for cmd in "add call Y --start 2023-01-30" "list" "rm 261244cf307b62c6"; do
		# shellcheck disable=SC2086
		run -f "$S" $cmd
		expect_rc 0 "${cmd%% *}: another user's lock file does not block the owner"
	done
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
