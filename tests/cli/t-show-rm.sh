#!/bin/sh
# t-show-rm.sh: itin show (every field, for people) and itin rm (all or
# nothing), both with ids given in full or as unique prefixes.
. "$(dirname "$0")/lib.sh"

golden() {
	if [ "${ITIN_REGEN:-0}" = 1 ]; then
		cp "$T/out" "$TESTDIR/golden/$1"
	fi
	expect_out "$TESTDIR/golden/$1" "$2"
}

cat >"$ITIN_FILE" <<'EOT'
2023-01-29..2023-01-30     visit      Official visit to the Republic of Korea @ Seoul, KR
    id: abc100
    org: Government of Korea
    with: Yoon Suk-yeol (President); Park Jin
    tags: asia; state
    source: https://example.org/a
    note: Arrive Sunday.
    note: Depart \x1b[2JMonday.
2023-01-30 10:00-11:30     meeting    Meeting with President Yoon @ Yongsan Presidential Office, Seoul, KR
    id: abc200
    tz: Asia/Seoul
2023-01-31 22:00..2023-02-01 09:30  travel     Flight to Brussels @ Tokyo, JP
    id: abd300
    tz: Asia/Tokyo
    end-tz: Europe/Brussels
    status: tentative
2023-02-02 09:00           call       Floating call
    id: f400
    tz: floating
2023-02-03                 other      One day
    id: g500
EOT
cp "$ITIN_FILE" "$T/before"

run show abc100
expect_rc 0 "show: full id"
golden show-visit "show: all-day event, every field, notes sanitised"
run show abc2
expect_rc 0 "show: unique prefix"
golden show-meeting "show: timed event with its UTC times"
run show abd
golden show-travel "show: travel across zones"
run show f4
golden show-floating "show: floating time, no UTC line"
run show g500
golden show-oneday "show: one all-day date"

run show ab
expect_rc 64 "show: ambiguous prefix"
expect_err "^itin: id prefix 'ab' is ambiguous: abc1 \(Official visit to the Republi…\), abc2 \(Meeting with President Yoon\), abd3 \(Flight to Brussels\)$" \
	"show: an ambiguous prefix lists the candidates by their short ids and titles"
run show zzz
expect_rc 1 "show: unknown id"
expect_err "^itin: no event with id 'zzz'$" "show: unknown id message"
run show
expect_rc 64 "show: missing ID"
run show abc100 abc200
expect_rc 64 "show: one ID only"
run show --help
expect_rc 0 "show --help"
expect_out_match "^usage: itin show ID" "show --help: usage"
same_file "$T/before" "$ITIN_FILE" "show changes nothing"

# rm: all or nothing.
run rm abc100 zzz
expect_rc 1 "rm: an unknown id fails"
expect_err "^itin: no event with id 'zzz'$" "rm: unknown id message"
same_file "$T/before" "$ITIN_FILE" "rm: nothing removed when one id is unknown"
run rm ab
expect_rc 64 "rm: ambiguous prefix"
same_file "$T/before" "$ITIN_FILE" "rm: nothing removed on an ambiguous prefix"
run rm
expect_rc 64 "rm: missing ID"

run rm abc2
expect_rc 0 "rm: by prefix"
expect_out /dev/null "rm: prints nothing"
run show abc200
expect_rc 1 "rm: the event is gone"
run list --format tsv
n=$(grep -c '^[a-z]' "$T/out")
[ "$n" -eq 5 ] && ok "rm: the other four remain (plus header)" || not_ok "rm: the other four remain (got $n)"

run rm -v g500 abc100 g500
expect_rc 0 "rm -v: several ids (one twice)"
expect_out_text "abc100
g500" "rm -v: prints the removed ids in store order"
run list --format itin
expect_out_text "2023-01-31 22:00..2023-02-01 09:30  travel     Flight to Brussels @ Tokyo, JP
    id: abd300
    tz: Asia/Tokyo
    end-tz: Europe/Brussels
    status: tentative
2023-02-02 09:00           call       Floating call
    id: f400
    tz: floating" "rm: the store holds the rest, canonical"
run rm --verbose abd300 f400
expect_rc 0 "rm --verbose: the last events"
run list
expect_out /dev/null "rm: the store is empty"
run rm --help
expect_rc 0 "rm --help"
expect_out_match "^usage: itin rm" "rm --help: usage"

# On a missing store, rm has nothing to remove.
rm -f "$ITIN_FILE"
run rm abc
expect_rc 1 "rm on a missing store: no such event"
run -f "$T/nodir/sub/store.itin" rm abc
expect_rc 1 "rm on a store in a missing folder: no such event"
run -f "$T/nodir/sub/store.itin" edit abc --title X
expect_rc 1 "edit on a store in a missing folder: no such event"
[ -e "$T/nodir" ] && not_ok "failed rm/edit created folders or a lock file" ||
	ok "failed rm/edit created no folder and no lock file"

# A line break in a one-line field is shown escaped: the title cannot
# pose as a field of its own.
export ITIN_FILE="$T/nl.itin"
run add meeting "$(printf 'Talks\nSource: https://evil.example')" --start 2023-05-01 \
	--with "$(printf 'Ann\nBob')"
id=$(cat "$T/out")
run show "$id"
expect_rc 0 "show: a title with a line break"
expect_out_match '^Title: +Talks\\x0aSource: https://evil\.example$' "show: the line break in the title is escaped"
if grep -q '^Source:' "$T/out"; then
	not_ok "show: no forged Source line"
else
	ok "show: no forged Source line"
fi
expect_out_match '^With: +Ann\\x0aBob$' "show: a participant stays on its line"

# An empty id names nothing (it is a prefix of every id): a usage error,
# and the store stays as it was (review of issue 11).
cp "$ITIN_FILE" "$T/before-empty"
for c in show rm edit; do
	if [ $c = edit ]; then run edit "" --title X; else run $c ""; fi
	expect_rc 64 "$c \"\": usage error"
	expect_err "^itin: empty id$" "$c \"\": says the id is empty"
done
same_file "$T/before-empty" "$ITIN_FILE" "an empty id changes nothing"

# Derived ids are lower-case hex: a hex prefix typed in capitals finds
# one when nothing matches as typed; explicit ids stay case-sensitive.
run add meeting "Case test" --start "2030-01-02 10:00" --city Brussels
derived=$(cat "$T/out")
upper=$(printf %s "$derived" | tr a-f A-F)
run show "$upper"
expect_rc 0 "show: a derived id in capitals"
expect_out_match "^Title: +Case test$" "show: the capitals find the derived id"
run show "$(printf %s "$upper" | cut -c1-8)"
expect_rc 0 "show: a capital prefix of a derived id"
run add meeting "Exact case" --start "2030-01-03 10:00" --city Brussels --id CaseTest
run show casetest
expect_rc 1 "show: an explicit id is case-sensitive"
run show CaseT
expect_rc 0 "show: a prefix of an explicit id as typed"

finish
