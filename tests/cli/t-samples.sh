#!/bin/sh
# t-samples.sh: the shipped samples parse without a warning, are in
# canonical form (list --format itin gives the file back byte for byte),
# and hold the events the README and the man page talk about.
#
# The samples are copied into the scratch folder first, so that a
# regression that writes next to a store it only reads cannot touch the
# work tree.
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
hex='[0-9a-f]{16}'

for s in nato-2023 summit-season-2023; do
	cp "$ROOT/samples/$s.itin" "$T/$s.itin"
	f=$T/$s.itin

	run -f "$f" list --format tsv
	expect_rc 0 "$s: list --format tsv"
	if [ -s "$T/err" ]; then
		not_ok "$s: parses without warnings"
		sed 's/^/#   err: /' "$T/err" | head -10
	else
		ok "$s: parses without warnings"
	fi
	cp "$T/out" "$T/$s.tsv"

	run -f "$f" list --format itin
	expect_rc 0 "$s: list --format itin"
	same_file "$ROOT/samples/$s.itin" "$T/out" "$s: canonical round trip"

	run -f "$f" list
	expect_rc 0 "$s: agenda"
	if [ -e "$f.lock" ]; then
		not_ok "$s: reading creates no lock file"
	else
		ok "$s: reading creates no lock file"
	fi

	run -f "$f" list --format json
	expect_rc 0 "$s: list --format json"
	if command -v python3 >/dev/null 2>&1; then
		n=$(grep -c "^[0-9a-f]" "$T/$s.tsv")
		if python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and len(d) == int(sys.argv[2])' "$T/out" "$n" 2>"$T/pyerr"; then
			ok "$s: json is an array of $n objects"
		else
			not_ok "$s: json is an array of $n objects"
			sed 's/^/#   /' "$T/pyerr" | tail -3
		fi
	fi
done

# The NATO tour has what the brief and the README promise.
cp "$T/nato-2023.tsv" "$T/out"
expect_out_match "^${hex}${tab}interview${tab}2023-01-27${tab}${tab}${tab}Brussels${tab}BE${tab}Interview with Yonhap" \
	"nato: interview with Yonhap on 27 January"
expect_out_match "^${hex}${tab}visit${tab}2023-01-29${tab}2023-01-30${tab}${tab}Seoul${tab}KR${tab}" \
	"nato: two-day visit to Seoul, 29-30 January"
expect_out_match "^${hex}${tab}visit${tab}2023-01-30${tab}2023-02-01${tab}${tab}Tokyo${tab}JP${tab}" \
	"nato: Tokyo visit to 1 February"
expect_out_match "^${hex}${tab}summit${tab}2023-07-11${tab}2023-07-12${tab}${tab}Vilnius${tab}LT${tab}NATO Summit" \
	"nato: Vilnius summit, 11-12 July"
for who in Yoon "Park Jin" "Lee Jong-sup"; do
	expect_out_match "^${hex}${tab}meeting${tab}2023-01-30T[0-9:]{5}${tab}2023-01-30T[0-9:]{5}${tab}Asia/Seoul${tab}Seoul${tab}KR${tab}.*${who}" \
		"nato: meeting with $who in Seoul on 30 January"
done
expect_out_match "^${hex}${tab}travel${tab}2023-01-30T18:30${tab}2023-01-30T20:45${tab}Asia/Seoul${tab}Seoul${tab}KR${tab}Flight to Tokyo" \
	"nato: flight Seoul to Tokyo (end local to Tokyo)"
expect_out_match "^${hex}${tab}meeting${tab}2023-01-31T[0-9:]{5}${tab}2023-01-31T[0-9:]{5}${tab}Asia/Tokyo${tab}Tokyo${tab}JP${tab}.*Kishida" \
	"nato: meeting with Prime Minister Kishida on 31 January"

# The larger sample is large enough to be worth paging through.
n=$(grep -c "^[0-9a-f]" "$T/summit-season-2023.tsv")
if [ "$n" -ge 50 ]; then
	ok "summit-season: $n events"
else
	not_ok "summit-season: only $n events (want 50 or more)"
fi

# Filters over the samples, as the man page's examples use them.
run -f "$T/nato-2023.itin" list --format tsv --from 2023-01-30 --to 2023-01-30 --type meeting
expect_rc 0 "nato: filtered list"
n=$(grep -c "^[0-9a-f]" "$T/out")
if [ "$n" -eq 3 ]; then
	ok "nato: three meetings on 30 January"
else
	not_ok "nato: three meetings on 30 January (got $n)"
	show_run
fi

finish
