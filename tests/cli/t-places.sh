#!/bin/sh
# t-places.sh: the gazetteer from the command line: itin where, zones taken
# from places by add, country names, ambiguous and unknown places.
. "$(dirname "$0")/lib.sh"

golden() {
	if [ "${ITIN_REGEN:-0}" = 1 ]; then
		cp "$T/out" "$TESTDIR/golden/$1"
	fi
	expect_out "$TESTDIR/golden/$1" "$2"
}

no_stderr() {
	if [ -s "$T/err" ]; then not_ok "$1"; show_run; else ok "$1"; fi
}

# --- itin where --------------------------------------------------------------
run where Seoul
expect_rc 0 "where: a city"
golden where-seoul "where: city, country, zone, offset now (ITIN_NOW), coordinates"
no_stderr "where: nothing on stderr for a known city"

run where "seoul, south korea"
expect_rc 0 "where: 'City, Country name'"
golden where-seoul "where: 'seoul, south korea' is Seoul"
run where Seoul --country KR
golden where-seoul "where: --country CC"
run where Seoul --country "Republic of Korea"
golden where-seoul "where: --country with a country name"

run where Sao Paulo --format tsv
expect_rc 0 "where --format tsv"
expect_out_text "name	country	zone	utc_offset	lat	lon
São Paulo	BR	America/Sao_Paulo	-03:00	-23.5475	-46.6361" \
	"where --format tsv: header and one line; words joined without quotes"

for spelling in Kiev Kyiv KYIV "kyiv, ua"; do
	run where --format tsv "$spelling"
	expect_out_match "^Kyiv	UA	Europe/Kyiv	\\+02:00	" "where: '$spelling' is Kyiv"
done
for spelling in Brasilia Brasília "BRASILIA, Brazil"; do
	run where --format tsv "$spelling"
	expect_out_match "^Brasília	BR	America/Sao_Paulo	-03:00	" "where: '$spelling' is Brasília"
done
for pair in "Sharm el-Sheikh|Africa/Cairo" "sharm el sheikh|Africa/Cairo" \
	"New Delhi|Asia/Kolkata" "Canberra|Australia/Sydney" "Davos|Europe/Zurich" \
	"Kathmandu|Asia/Kathmandu" "Washington DC|America/New_York"; do
	name=${pair%|*}
	zone=${pair#*|}
	run where --format tsv "$name"
	expect_out_match "	$zone	" "where: '$name' is in $zone"
done

run where --format tsv Kathmandu
expect_out_match "	\\+05:45	" "where: Kathmandu's odd offset"
run where Kathmandu
expect_out_match "^UTC offset:   \\+05:45$" "where: a numeric abbreviation is not repeated"

run where Santiago
expect_rc 0 "where: an ambiguous name still answers"
expect_out_match "^Country:      CL \\(Chile\\)$" "where: the most prominent Santiago (Chile)"
expect_err "^itin: warning: 'Santiago' is ambiguous; using Santiago, CL \\(America/Santiago\\); also Santiago de los Caballeros, DO \\(America/Santo_Domingo\\) and Santiago de Compostela, ES \\(Europe/Madrid\\)" \
	"where: the warning lists the other places"
run where "Santiago, ES" --format tsv
expect_out_match "^Santiago de Compostela	ES	Europe/Madrid	\\+01:00	" "where: 'Santiago, ES'"
no_stderr "where: a country makes the name unambiguous"
run where Valencia --country Venezuela --format tsv
expect_out_match "^Valencia	VE	America/Caracas	-04:00	" "where: Valencia in Venezuela"
run where "San Jose" --format tsv
expect_out_match "^San José	CR	America/Costa_Rica	" "where: San José is Costa Rica's first"
expect_err "'San Jose' is ambiguous" "where: San Jose is ambiguous"

run where "South Korea"
expect_rc 0 "where: a country name"
golden where-korea "where: a country: code, name, zone"
run where Türkiye --format tsv
expect_out_text "name	country	zone	utc_offset	lat	lon
	TR	Europe/Istanbul	+03:00		" "where: Türkiye, a country of one zone"
run where Turkey --format tsv
expect_out_match "	TR	Europe/Istanbul	" "where: Turkey is TR as well"
run where Australia
expect_rc 0 "where: a country of several zones"
expect_out_match "^Time zones:   Australia/Lord_Howe  +\\+11:00$" "where: lists the zones"
expect_out_match "^ +Australia/Sydney +\\+11:00 \\(AEDT\\)$" "where: each zone with its offset now (southern summer)"
run where --format tsv US
n=$(grep -c '	US	' "$T/out")
[ "$n" -gt 20 ] && ok "where --format tsv: a line per zone of the US" || not_ok "where --format tsv: a line per zone of the US (got $n)"

run where Asia/Seoul --format tsv
expect_out_text "name	country	zone	utc_offset	lat	lon
		Asia/Seoul	+09:00		" "where: an IANA zone"
run where asia/kolkata
expect_out_match "^Time zone:    Asia/Kolkata$" "where: a zone in another case is canonicalised"
expect_out_match "^UTC offset:   \\+05:30 \\(IST\\)$" "where: Kolkata's half-hour offset"
run where UTC --format tsv
expect_out_match "^		UTC	\\+00:00		$" "where: UTC"

# Offsets follow ITIN_NOW: Brussels in summer.
ITIN_NOW=2023-07-01T12:00:00Z run where Brussels
expect_out_match "^UTC offset:   \\+02:00 \\(CEST\\)$" "where: the offset now, in summer (ITIN_NOW)"
expect_out_match "^Local time:   Sat 1 Jul 2023 14:00$" "where: the local time now"

run where Atlantis
expect_rc 1 "where: unknown place is status 1"
expect_err "^itin: unknown place 'Atlantis' \\(did you mean 'Atlanta, US'\\?\\)$" "where: unknown place, with a suggestion"
[ -s "$T/out" ] && not_ok "where: nothing on stdout for an unknown place" || ok "where: nothing on stdout for an unknown place"
run where Brusels
expect_err "^itin: unknown place 'Brusels' \\(did you mean 'Brussels, BE'\\?\\)$" "where: a typo suggests the place"
run where Xqzzyville
expect_rc 1 "where: nothing close"
expect_err "^itin: unknown place 'Xqzzyville'$" "where: no suggestion when nothing is close"
run where Seoul --country ES
expect_rc 1 "where: city not in the country given"
expect_err "^itin: unknown place 'Seoul' in ES \\(Spain\\) \\(did you mean 'Seoul, KR'\\?\\)$" "where: says which country was searched"
run where Seoul --country XX
expect_rc 65 "where: unknown country code is bad data"
expect_err "^itin: unknown country code 'XX'$" "where: unknown country code message"
run where Seoul --country Atlantis
expect_err "^itin: unknown country 'Atlantis'$" "where: unknown country name message"
run where Europe/Pari
expect_rc 1 "where: unknown zone"
run where
expect_rc 64 "where: PLACE is required"
run where Seoul --format xml
expect_rc 64 "where: unknown format"
run where --help
expect_rc 0 "where --help"
expect_out_match "^usage: itin where PLACE" "where --help: usage"
[ -e "$ITIN_FILE" ] && not_ok "where: never creates the store" || ok "where: never creates the store"

finish
