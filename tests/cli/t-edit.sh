#!/bin/sh
# t-edit.sh: itin edit with options (one transaction) and in $EDITOR
# (scripted here with sed), and every way an edit is refused with the
# store left byte for byte as it was.
. "$(dirname "$0")/lib.sh"

export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"

cat >"$ITIN_FILE" <<'EOT'
2023-01-30 10:00-11:30     meeting    Old meeting @ Yongsan Presidential Office, Seoul, KR
    id: m1
    tz: Asia/Seoul
    org: Office of the President
    with: Yoon Suk-yeol (President)
    tags: asia; state
    source: https://example.org/a
    note: first line
    note: second line
2023-01-29..2023-01-30     visit      Visit @ Seoul, KR
    id: v1
2023-02-01 09:00           call       Other call
    id: m2
    tz: floating
EOT

store_is() {
	printf '%s\n' "$1" >"$T/want"
	same_file "$T/want" "$ITIN_FILE" "$2"
}
# The revision (seq:) is checked on its own below.
event_is() {
	itin list --format itin --grep "$1" >"$T/all" 2>"$T/err"
	rc=$?
	grep -v '^    seq: ' "$T/all" >"$T/out"
	printf '%s\n' "$2" >"$T/want"
	expect_out "$T/want" "$3"
}
snapshot() { cp "$ITIN_FILE" "$T/before"; }
unchanged() { same_file "$T/before" "$ITIN_FILE" "$1: store unchanged"; }

# Options.
run edit m1 --title "New meeting"
expect_rc 0 "edit --title"
expect_out /dev/null "edit prints nothing"
run edit m1 --start "2023-01-31 09:00"
expect_rc 0 "edit --start keeps the duration"
event_is "New meeting" "2023-01-31 09:00-10:30     meeting    New meeting @ Yongsan Presidential Office, Seoul, KR
    id: m1
    tz: Asia/Seoul
    org: Office of the President
    with: Yoon Suk-yeol (President)
    tags: asia; state
    source: https://example.org/a
    note: first line
    note: second line" "edit: title and start changed, the rest kept"
run edit m1 --end 12:00 --type press --status tentative --with "Park Jin" --tag extra --note "one note"
expect_rc 0 "edit: several options at once"
event_is "New meeting" "2023-01-31 09:00-12:00     press      New meeting @ Yongsan Presidential Office, Seoul, KR
    id: m1
    tz: Asia/Seoul
    status: tentative
    org: Office of the President
    with: Yoon Suk-yeol (President); Park Jin
    tags: asia; state; extra
    source: https://example.org/a
    note: one note" "edit: --with and --tag append, --note replaces"
run edit m1 --clear with --clear tags --clear org --clear source --clear notes --clear venue --clear end
expect_rc 0 "edit --clear (repeatable)"
event_is "New meeting" "2023-01-31 09:00           press      New meeting @ Seoul, KR
    id: m1
    tz: Asia/Seoul
    status: tentative" "edit --clear: fields emptied"
run edit m1 --city Tokyo
expect_rc 0 "edit --city: moves to the city's zone and country"
event_is "New meeting" "2023-01-31 09:00           press      New meeting @ Tokyo, JP
    id: m1
    tz: Asia/Tokyo
    status: tentative" "edit --city: country and zone follow the city"
run edit m1 --clear city --clear country
expect_rc 0 "edit --clear city --clear country"
event_is "New meeting" "2023-01-31 09:00           press      New meeting
    id: m1
    tz: Asia/Tokyo
    status: tentative" "edit --clear city: the zone stays"
run edit m1 --tz Europe/Paris --end "2023-01-31 10:00" --end-tz Europe/Brussels
expect_rc 0 "edit --tz and --end-tz"
run edit m1 --clear tz --clear end-tz --clear city --clear country
expect_rc 0 "edit --clear tz: floating"
event_is "New meeting" "2023-01-31 09:00-10:00     press      New meeting
    id: m1
    tz: floating
    status: tentative" "edit --clear tz: a floating event"
run edit v1 --start 2023-02-05
expect_rc 0 "edit: moving an all-day event keeps its length"
event_is "Visit" "2023-02-05..2023-02-06     visit      Visit @ Seoul, KR
    id: v1" "edit: all-day event moved by days"
run edit v --start "2023-02-05 10:00"
expect_rc 0 "edit: all-day to timed (by prefix)"
expect_err "^itin: warning: the end was removed" "edit: all-day to timed warns about the end"
event_is "Visit" "2023-02-05 10:00           visit      Visit @ Seoul, KR
    id: v1
    tz: Asia/Seoul" "edit: a timed event gets its city's zone"

# Refused edits.
snapshot
run edit m1 --start 2023-02-30
expect_rc 65 "edit: impossible date"
unchanged "edit: impossible date"
run edit m1 --end "2023-01-30 08:00"
expect_rc 65 "edit: end before start"
expect_err "^itin: end '2023-01-30 08:00' is before start '2023-01-31 09:00'$" "edit: end before start message"
unchanged "edit: end before start"
run edit m1 --type dinner
expect_rc 65 "edit: unknown type"
# edit --type is a value to store, as add's TYPE: data (65), with the
# type it is close to; list --type, a filter, makes it a usage error.
run edit m1 --type meetings
expect_rc 65 "edit --type meetings: 65, as add meetings"
expect_err "^itin: unknown type 'meetings' \(did you mean 'meeting'\? the types: visit, meeting" "edit --type meetings: did you mean"
unchanged "edit: unknown type"
run add meetings X --start 2023-01-01
expect_rc 65 "add meetings: 65 too"
run list --type meetings
expect_rc 64 "list --type meetings: a usage error (a filter)"
run edit m1 --start next monday
expect_rc 64 "edit --start next monday (unquoted): usage error"
expect_err "quote the date: --start \"next monday\"" "edit --start next monday: say to quote it"
run edit m1 --tz Asia/Seol
expect_rc 65 "edit: unknown zone"
expect_err "did you mean 'Asia/Seoul'" "edit: unknown zone suggests one"
run edit m1 --clear colour
expect_rc 64 "edit: --clear an unknown field"
run edit m1 --id m9
expect_rc 64 "edit --id: the id cannot change"
run edit m --title X
expect_rc 64 "edit: ambiguous prefix"
run edit nope --title X
expect_rc 1 "edit: unknown id"
expect_err "^itin: no event with id 'nope'$" "edit: unknown id message"
run edit
expect_rc 64 "edit: missing ID"
run edit m1 m2 --title X
expect_rc 64 "edit: one ID only"
run edit m1 --title "$(printf 'bad \377')"
expect_rc 65 "edit: invalid UTF-8 in --title"
expect_err "^itin: invalid UTF-8 in --title$" "edit: invalid UTF-8 message"
unchanged "edit: all refused edits"
run edit m1 --title "New meeting"
expect_rc 0 "edit: no real change"
unchanged "edit: no real change"

# Each edit that changes the event gives it the next revision; one that
# changes nothing does not.
seq_of() { itin list --format itin --grep "$1" | sed -n 's/^    seq: //p'; }
s1=$(seq_of "New meeting")
run edit m1 --title "New meeting"
s2=$(seq_of "New meeting")
[ "$s1" = "$s2" ] && ok "edit: no change, same seq ($s1)" || not_ok "edit: no change, same seq ($s1 -> $s2)"
run edit m1 --note "revised"
s3=$(seq_of "New meeting")
[ "$s3" = "$((s1 + 1))" ] && ok "edit: a change, next seq ($s1 -> $s3)" || not_ok "edit: a change, next seq ($s1 -> $s3)"
run edit m1 --clear notes
expect_rc 0 "edit: notes cleared again"

# The editor.
EDITOR="sed -i s/Other/Changed/" run edit m2
expect_rc 0 "editor: sed edit"
event_is "Changed" "2023-02-01 09:00           call       Changed call
    id: m2
    tz: floating" "editor: the change is stored"
VISUAL="sed -i s/Changed/Visual/" EDITOR=false run edit m2
expect_rc 0 "editor: \$VISUAL wins over \$EDITOR"
event_is "Visual" "2023-02-01 09:00           call       Visual call
    id: m2
    tz: floating" "editor: \$VISUAL used"
cat >"$T/ed.sh" <<'EOT'
#!/bin/sh
# Appends a participant to the event in "$1" (a path with a space).
printf '    with: Kim (Host)\n' >>"$1"
EOT
chmod +x "$T/ed.sh"
mkdir -p "$T/my dir"
cp "$T/ed.sh" "$T/my dir/ed it.sh"
EDITOR="'$T/my dir/ed it.sh'" run edit m2
expect_rc 0 "editor: a command with spaces, the file as \$1"
itin show m2 >"$T/out"
expect_out_match "^With: +Kim \(Host\)$" "editor: appended key line stored"

snapshot
EDITOR=true run edit m2
expect_rc 0 "editor: unchanged file"
expect_err "^itin: no changes$" "editor: says no changes"
unchanged "editor: unchanged file"
EDITOR="sed -i s/2023-02-01/2023-02-30/" run_in /dev/null edit m2
expect_rc 65 "editor: parse error without a terminal"
expect_err "^itin: $T/tmp/itin-[0-9]+-[A-Za-z0-9]+\.itin:[0-9]+:1: invalid date '2023-02-30'" "editor: parse error names file:line:col"
expect_err "your version is kept in" "editor: the edited file is kept"
unchanged "editor: parse error"
EDITOR="sed -i s/id:.*/id:\ other/" run_in /dev/null edit m2
expect_rc 65 "editor: the id may not change"
expect_err "the id cannot change \(it was 'm2'\)" "editor: id change message"
unchanged "editor: id change"
EDITOR="sed -i /^20/p" run_in /dev/null edit m2
expect_rc 65 "editor: two events"
unchanged "editor: two events"
EDITOR="sed -i /./d" run_in /dev/null edit m2
expect_rc 65 "editor: no event left"
expect_err "exactly one event \(found 0\)" "editor: no event message"
unchanged "editor: empty file"
EDITOR=false run edit m2
expect_rc 1 "editor: the editor fails"
expect_err "^itin: the editor 'false' failed \(exit status 1\); nothing changed$" "editor: failure message"
unchanged "editor: editor failed"
EDITOR="sed -i s/Visual/Gone/" run edit nope
expect_rc 1 "editor: unknown id"
unchanged "editor: unknown id"

# The temporary file is private and gone after a good edit.
cat >"$T/perm.sh" <<'EOT'
#!/bin/sh
stat -c %a "$1" >"$(dirname "$1")/../perm"
sed -i s/Visual/Private/ "$1"
EOT
chmod +x "$T/perm.sh"
rm -f "$TMPDIR"/itin-*
EDITOR="$T/perm.sh" run edit m2
expect_rc 0 "editor: permission probe"
[ "$(cat "$T/perm")" = 600 ] && ok "editor: temporary file is 0600" || not_ok "editor: temporary file is 0600"
left=$(ls "$TMPDIR" | wc -l | tr -d ' ')
[ "$left" -eq 0 ] && ok "editor: temporary file removed" || not_ok "editor: temporary file removed ($left left)"

# On a terminal, a parse error asks "Edit again? [Y/n]" (driven via a pty).
cat >"$T/ed2.sh" <<'EOT'
#!/bin/sh
# First run breaks the date; the second fixes it and renames.
if grep -q 2023-02-30 "$1"; then
	sed -i 's/2023-02-30/2023-02-01/; s/Private/Again/' "$1"
else
	sed -i 's/2023-02-01/2023-02-30/' "$1"
fi
EOT
chmod +x "$T/ed2.sh"
cat >"$T/drive_tty.py" <<'EOT'
import os, pty, sys
answer = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out = b''
sent = False
while True:
    try:
        d = os.read(fd, 1024)
    except OSError:
        break
    if not d:
        break
    out += d
    if b'Edit again? [Y/n]' in out and not sent:
        os.write(fd, answer + b'\n')
        sent = True
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf-8', 'replace'))
sys.exit(os.WEXITSTATUS(st))
EOT
if python3 -c 'import pty' 2>/dev/null; then
	snapshot
	EDITOR="$T/ed2.sh" python3 "$T/drive_tty.py" n "$ITIN_CMD" edit m2 >"$T/out" 2>&1
	rc=$?
	expect_rc 65 "editor on a tty: answering n gives up"
	expect_out_match "Edit again\? \[Y/n\]" "editor on a tty: asks to edit again"
	unchanged "editor on a tty: n"
	EDITOR="$T/ed2.sh" python3 "$T/drive_tty.py" y "$ITIN_CMD" edit m2 >"$T/out" 2>&1
	rc=$?
	expect_rc 0 "editor on a tty: y edits again"
	itin show m2 >"$T/out"
	expect_out_match "^Title: +Again call$" "editor on a tty: the second edit is stored"
fi

# A changed city is resolved as add resolves it: not kept in the old country.
run add meeting "In Tokyo" --start "2023-02-01 10:00" --city Tokyo --id tk1
run edit tk1 --city Genva
expect_rc 65 "edit --city Genva on a Tokyo event: unknown, 65"
expect_err "^itin: no time zone known for 'Genva' \(did you mean .*'Geneva, CH'" "edit --city Genva: suggests Geneva"
itin show tk1 >"$T/out"
expect_out_match "^City: +Tokyo" "edit --city Genva: the store is unchanged"
run edit abc --start 2024-03-10 10:00
expect_rc 64 "edit --start DATE TIME unquoted: 64"
expect_err "unexpected argument '10:00' after --start 2024-03-10 \(quote the date and time together" "edit --start DATE TIME unquoted: points at --start"
run edit --help
expect_rc 0 "edit --help"
expect_out_match "^usage: itin edit ID" "edit --help: usage"
expect_out_match "--clear FIELD" "edit --help: --clear"

finish
