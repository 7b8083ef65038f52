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
run where Korea
expect_rc 1 "where Korea: not a place"
expect_err "^itin: unknown place 'Korea' \\(did you mean 'North Korea' \\(KP\\), 'South Korea' \\(KR\\)" "where Korea: suggests the countries first"
for pair in "Peking|Beijing" "Bombay|Mumbai" "Calcutta|Kolkata" "Madras|Chennai" "Saigon|Ho Chi Minh City" \
	"Rangoon|Yangon" "Canton|Guangzhou" "Hà Nội|Hanoi" "Đà Nẵng|Da Nang" "Thành phố Hồ Chí Minh|Ho Chi Minh City" \
	"HÀ NỘI|Hanoi" "ＴＯＫＹＯ|Tokyo"; do
	run where --format tsv "${pair%%|*}"
	expect_out_match "^${pair#*|}	" "where: '${pair%%|*}' is ${pair#*|}"
done
run where Germany
expect_out_match "^Main zone:    Europe/Berlin \\(the zone with the most people\\)$" "where: a country of several zones names its main zone"
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

# --- zones from places when adding -----------------------------------------
# zone_of ID: the tz key the store holds for the event.
zone_of() {
	sed -n "/^    id: $1\$/,/^[0-9]/p" "$ITIN_FILE" | sed -n 's/^    tz: //p'
}

run add meeting "Seoul meeting" --start "2023-01-30 10:00" --end 11:30 --city Seoul --id seoul1
expect_rc 0 "add --city Seoul"
no_stderr "add --city Seoul: no warning"
[ "$(zone_of seoul1)" = Asia/Seoul ] && ok "add --city Seoul: zone Asia/Seoul" || not_ok "add --city Seoul: zone (got $(zone_of seoul1))"
grep -q "@ Seoul, KR$" "$ITIN_FILE" && ok "add --city fills in the country" || not_ok "add --city fills in the country"
for pair in "Kiev|Europe/Kyiv|kiev1" "sao paulo|America/Sao_Paulo|sp1" "Brasilia|America/Sao_Paulo|bsb1" \
	"Sharm el-Sheikh|Africa/Cairo|sharm1" "New Delhi|Asia/Kolkata|del1" "Canberra|Australia/Sydney|cbr1" \
	"Davos|Europe/Zurich|davos1" "Kathmandu|Asia/Kathmandu|ktm1"; do
	city=${pair%%|*}
	rest=${pair#*|}
	zone=${rest%|*}
	id=${rest#*|}
	run add meeting "In $city" --start "2023-02-01 10:00" --city "$city" --id "$id"
	if [ "$rc" = 0 ] && [ "$(zone_of "$id")" = "$zone" ]; then
		ok "add --city '$city': $zone"
	else
		not_ok "add --city '$city': $zone (got $(zone_of "$id"))"
		show_run
	fi
done

run add meeting "Santiago meeting" --start "2023-02-01 10:00" --city Santiago --id stgo1
expect_rc 0 "add: an ambiguous city is still added"
expect_err "^itin: warning: 'Santiago' is ambiguous; using Santiago, CL \\(America/Santiago\\); also Santiago de los Caballeros, DO \\(America/Santo_Domingo\\) and Santiago de Compostela, ES \\(Europe/Madrid\\) \\(give the country to choose\\)$" "add: the ambiguity warning names the place and zone, and the others"
[ "$(grep -c . "$T/err")" = 1 ] && ok "add: the ambiguity warning is said once" || { not_ok "add: the ambiguity warning is said once"; show_run; }
grep -q "@ Santiago, CL$" "$ITIN_FILE" && ok "add: the chosen country is stored" || not_ok "add: the chosen country is stored"
run add meeting "Santiago de Compostela" --start "2023-02-01 10:00" --city Santiago --country Spain --id stgo2
no_stderr "add: --country (a name) makes the city unambiguous"
[ "$(zone_of stgo2)" = Europe/Madrid ] && ok "add: Santiago in Spain is Europe/Madrid" || not_ok "add: Santiago in Spain (got $(zone_of stgo2))"
grep -q "@ Santiago, ES$" "$ITIN_FILE" && ok "add: a country name is stored as its code" || not_ok "add: a country name is stored as its code"
run add meeting "Valencia" --start "2023-02-01 10:00" --city Valencia --country ve --id val1
[ "$(zone_of val1)" = America/Caracas ] && ok "add: Valencia, VE" || not_ok "add: Valencia, VE (got $(zone_of val1))"

run add meeting "Somewhere in Korea" --start "2023-02-01 10:00" --city Andong --country "South Korea" --id kr1
no_stderr "add: unknown city in a country of one zone: no warning"
[ "$(zone_of kr1)" = Asia/Seoul ] && ok "add: unknown city takes the country's only zone" || not_ok "add: country's zone (got $(zone_of kr1))"
run add meeting "Somewhere in the US" --start "2023-02-01 10:00" --city Springfield --country USA --id us1
expect_rc 0 "add: unknown city in a country of many zones"
expect_err "^itin: note: no 'Springfield' in US in the gazetteer; using America/New_York, the zone with the most people in United States \\(US has 29 zones, listed by 'itin where US'; give --tz to choose\\)$" "add: the main zone, with a note naming the place"
[ "$(zone_of us1)" = America/New_York ] && ok "add: stored in the country's main zone" || not_ok "add: stored in the country's main zone (got $(zone_of us1))"
run add meeting "Not in Japan" --start "2023-02-01 10:00" --city Geneva --country JP --id gj1
expect_rc 0 "add --city Geneva --country JP: the country's zone"
expect_err "^itin: warning: no 'Geneva' in JP in the gazetteer \\(there is 'Geneva, CH'\\); using Asia/Tokyo, the zone of Japan$" "add --city Geneva --country JP: says Geneva is elsewhere"
run add meeting "Paris, US" --start "2023-02-01 10:00" --city Paris --country US --id pu1
expect_err "^itin: note: no 'Paris' in US in the gazetteer \\(there is 'Paris, FR'\\); using America/New_York, the zone with the most people in United States" "add --city Paris --country US: no Paris in US"
# Imported locations: a state's zone, an Australian territory, a venue
# before New York, a country in its own language.
printf 'Subject,Start Date,Start Time,End Date,End Time,Location\nVisit,2023-03-01,10:00,2023-03-01,11:00,"1 Hacker Way, Menlo Park, CA 94025"\nTalk,2023-03-02,10:00,2023-03-02,11:00,"Darwin NT 0800"\nUN,2023-03-03,10:00,2023-03-03,11:00,"United Nations, New York"\nBern,2023-03-04,10:00,2023-03-04,11:00,"Palais Fédéral, Bundesplatz 3, 3003 Berne, Suisse"\n' >"$T/loc.csv"
ITIN_FILE="$T/loc.itin" "$ITIN" import "$T/loc.csv" >/dev/null 2>&1
ITIN_FILE="$T/loc.itin" "$ITIN" list --from 2023-03-01 --to 2023-03-05 --format tsv | cut -f5-8 >"$T/out"
expect_out_match "^America/Los_Angeles	Menlo Park, CA	US	Visit$" "import 'Menlo Park, CA 94025': California's zone"
expect_out_match "^Australia/Darwin	Darwin	AU	Talk$" "import 'Darwin NT 0800': Australia's Northern Territory"
expect_out_match "^America/New_York	New York	US	UN$" "import 'United Nations, New York': the city is New York"
expect_out_match "^Europe/Zurich	Berne	CH	Bern$" "import '..., 3003 Berne, Suisse': Bern, Switzerland"

# A city the gazetteer lacks, written with its state: the state's zone.
run add meeting "Meta" --start "2023-02-01 10:00" --city "Menlo Park, CA" --id mp1
expect_rc 0 "add --city 'Menlo Park, CA': known by its state"
no_stderr "add --city 'Menlo Park, CA': no note, the state says the zone"
[ "$(zone_of mp1)" = America/Los_Angeles ] && ok "add: Menlo Park, CA is California's zone" || not_ok "add: Menlo Park, CA (got $(zone_of mp1))"
run add meeting "Texas" --start "2023-02-01 10:00" --city "Paris, TX" --id tx1
expect_rc 0 "add --city 'Paris, TX': not Paris, FR"
[ "$(zone_of tx1)" = America/Chicago ] && ok "add: Paris, TX is Texas's zone" || not_ok "add: Paris, TX (got $(zone_of tx1))"
run add meeting "Petersberg talks" --start "2023-02-01 10:00" --city "Bad Godesberg" --country DE --id de1
expect_rc 0 "add: Bad Godesberg, DE (Germany has two zones)"
expect_err "^itin: note: no 'Bad Godesberg' in DE in the gazetteer; using Europe/Berlin, the zone with the most people in Germany \\(DE has 2 zones: Europe/Berlin, Europe/Busingen; give --tz to choose\\)$" "add: Germany's main zone is said, with the other"
[ "$(zone_of de1)" = Europe/Berlin ] && ok "add: Bad Godesberg is Europe/Berlin, not floating" || not_ok "add: Bad Godesberg (got $(zone_of de1))"
run add meeting "G7 summit" --start "2022-06-26 10:00" --city Elmau --id elmau1
no_stderr "add --city Elmau: no warning"
[ "$(zone_of elmau1)" = Europe/Berlin ] && ok "add: Elmau is Europe/Berlin, not Europe/Busingen" || not_ok "add: Elmau (got $(zone_of elmau1))"
run add meeting "G7 summit" --start "2022-06-26 10:00" --city "Schloss Elmau" --id elmau2
[ "$(zone_of elmau2)" = Europe/Berlin ] && ok "add: Schloss Elmau is Europe/Berlin" || not_ok "add: Schloss Elmau (got $(zone_of elmau2))"

# An unknown place of a timed event is an error with suggestions, not a
# floating time; --floating asks for one.
cp "$ITIN_FILE" "$T/before-genva"
run add meeting "Talks" --start "2023-02-01 10:00" --city Genva
expect_rc 65 "add: a timed event in an unknown city is refused"
expect_err "^itin: no time zone known for 'Genva' \\(did you mean 'Genoa, IT' or 'Geneva, CH'\\?\\); give --country or --tz, or --floating for a floating time$" "add: unknown city: did you mean, and how to go on"
same_file "$T/before-genva" "$ITIN_FILE" "add: a refused place leaves the store untouched"
run add meeting "Talks" --start "2023-02-01 10:00" --city Genva --floating --id genva1
expect_rc 0 "add --floating: an unknown city is accepted"
no_stderr "add --floating: no warning"
[ "$(zone_of genva1)" = floating ] && ok "add --floating: stored floating" || not_ok "add --floating (got $(zone_of genva1))"
run add meeting "Talks" --start "2023-02-01 10:00" --city Paris --floating --id paris-fl
[ "$(zone_of paris-fl)" = floating ] && ok "add --floating wins over a known city's zone" || not_ok "add --floating with Paris (got $(zone_of paris-fl))"
run add meeting "Talks" --start "2023-02-01 10:00" --city Paris --floating --tz Europe/Paris
expect_rc 64 "add: --floating and --tz together is a usage error"
run add meeting "Talks" --start "2023-02-01" --city Genva --id genva-day
expect_rc 0 "add: an all-day event needs no zone, so an unknown city is fine"
run add meeting "Talks" --start "2023-02-01 10:00" --city Korea
expect_rc 65 "add: 'Korea' is no city"
expect_err "did you mean 'North Korea' \\(KP\\), 'South Korea' \\(KR\\)" "add: 'Korea' suggests the two countries"
run edit genva1 --city Genvaa
expect_rc 65 "edit: a new unknown city of a timed event is refused"
run edit genva1 --city Genvaa --floating
expect_rc 0 "edit --floating: accepted"

# Two places of one name in one country: the state tells them apart.
run add meeting "Portland" --start "2023-02-01 10:00" --city Portland --id pdx1
expect_rc 0 "add --city Portland: added"
expect_err "^itin: warning: 'Portland' is ambiguous; using Portland, Oregon, US \\(America/Los_Angeles\\); also Portland, Maine, US \\(America/New_York\\) \\(give the state or province to choose, as in 'Portland, Maine'\\)$" "add --city Portland: names the states, suggests the state"
[ "$(grep -c . "$T/err")" = 1 ] && ok "add --city Portland: one warning, not two" || { not_ok "add --city Portland: one warning, not two"; show_run; }
run add meeting "Portland" --start "2023-02-01 10:00" --city "Portland, Maine" --id pwm1
no_stderr "add --city 'Portland, Maine': no warning"
[ "$(zone_of pwm1)" = America/New_York ] && ok "add --city 'Portland, Maine': America/New_York" || not_ok "add --city 'Portland, Maine' (got $(zone_of pwm1))"
run add meeting "Portland" --start "2023-02-01 10:00" --city "Portland, ME" --id pwm2
[ "$(zone_of pwm2)" = America/New_York ] && ok "add --city 'Portland, ME': America/New_York" || not_ok "add --city 'Portland, ME' (got $(zone_of pwm2))"
run add meeting "Turkey" --start "2023-02-01 10:00" --country Türkiye --id tr1
[ "$(zone_of tr1)" = Europe/Istanbul ] && ok "add --country Türkiye" || not_ok "add --country Türkiye (got $(zone_of tr1))"
run add meeting "Bad" --start "2023-02-01 10:00" --country Atlantis
expect_rc 65 "add: unknown country name is bad data"
expect_err "^itin: unknown country 'Atlantis'$" "add: unknown country message"
run add travel "Flight" --start "2023-02-01 10:00" --end "2023-02-01 12:00" --city Seoul --to-city Tokio
expect_rc 65 "add: unknown --to-city"
expect_err "^itin: no time zone known for 'Tokio' \\(--to-city\\) \\(did you mean 'Tokyo, JP'" "add: unknown --to-city suggests"
run add call "Call" --start "2023-02-01 10:00" --tz Europe/Pari
expect_rc 65 "add --tz unknown zone"
expect_err "^itin: unknown time zone 'Europe/Pari' \\(did you mean 'Europe/Paris'\\?\\)$" "add --tz: did you mean"

# Filters take country names too.
run list --country "South Korea" --format tsv
n=$(grep -c '	KR	' "$T/out")
[ "$n" -eq 2 ] && ok "list --country 'South Korea'" || { not_ok "list --country 'South Korea' (got $n)"; show_run; }
run list --city Kyiv --format tsv
expect_out_match "	In Kiev$" "list --city Kyiv finds the event added as Kiev"

# --- DST gaps and repeated hours, in several zones --------------------------
gap() { # CITY WHEN MESSAGE
	run add meeting "Gap" --start "$2" --city "$1"
	expect_rc 65 "gap in $1 refused"
	expect_err "$3" "gap in $1: the message names the gap"
}
gap Vilnius "2023-03-26 03:30" "^itin: time 2023-03-26 03:30 does not exist in Europe/Vilnius \\(clocks jump from 03:00 to 04:00\\)$"
gap "New York" "2023-03-12 02:30" "^itin: time 2023-03-12 02:30 does not exist in America/New_York \\(clocks jump from 02:00 to 03:00\\)$"
gap Sydney "2023-10-01 02:15" "^itin: time 2023-10-01 02:15 does not exist in Australia/Sydney \\(clocks jump from 02:00 to 03:00\\)$"
gap Santiago "2023-09-03 00:30" "^itin: time 2023-09-03 00:30 does not exist in America/Santiago \\(clocks jump from 00:00 to 01:00\\)$"
run add meeting "Gap end" --start "2023-03-26 01:00" --end "2023-03-26 03:10" --city Vilnius
expect_rc 65 "an end inside a gap is refused too"

repeat() { # CITY WHEN OFFSET
	run add meeting "Repeat" --start "$2" --city "$1"
	expect_rc 0 "repeated hour in $1 accepted"
	expect_err "^itin: warning: time $2 is ambiguous in .*; taking the first \\(UTC\\$3\\)$" "repeated hour in $1: the first, with a warning"
}
repeat Vilnius "2023-10-29 03:30" "+03:00"
repeat "New York" "2023-11-05 01:30" "-04:00"
repeat Sydney "2023-04-02 02:30" "+11:00"
repeat Santiago "2023-04-01 23:30" "-03:00"

# --- --in: the times in another zone ----------------------------------------
export ITIN_FILE="$T/in.itin"
cat >"$ITIN_FILE" <<'END'
2023-01-30                 visit      Official visit to the Republic of Korea @ Seoul, KR
    id: v1
2023-01-30 10:00-11:30     meeting    Meeting with President Yoon @ Seoul, KR
    id: m1
    tz: Asia/Seoul
2023-01-31 22:00..2023-02-01 01:30  travel  Flight to Brussels @ Tokyo, JP
    id: t1
    tz: Asia/Tokyo
    end-tz: Europe/Brussels
2023-02-02 09:00           call       Call with nobody in particular
    id: c1
    tz: floating
END
cp "$ITIN_FILE" "$T/in.before"
run list --in Europe/Brussels --format tsv
expect_rc 0 "list --in --format tsv"
expect_out_text "id	type	start	end	tz	city	country	title
v1	visit	2023-01-30			Seoul	KR	Official visit to the Republic of Korea
m1	meeting	2023-01-30T02:00	2023-01-30T03:30	Europe/Brussels	Seoul	KR	Meeting with President Yoon
t1	travel	2023-01-31T14:00	2023-02-01T01:30	Europe/Brussels	Tokyo	JP	Flight to Brussels
c1	call	2023-02-02T09:00					Call with nobody in particular" \
	"list --in: Seoul 10:00 is 02:00 in Brussels; all-day and floating unchanged; tz is the display zone"
run list --in Brussels
expect_rc 0 "list --in CITY (agenda)"
golden in-brussels-agenda "list --in Brussels: the agenda in Brussels time"
run export --format tsv --in brussels
expect_rc 0 "export --format tsv --in"
expect_out_match "^m1	meeting	2023-01-30T02:00	2023-01-30T03:30	Europe/Brussels	" "export --in: converted"
run list --in Asia/Kathmandu --format tsv
expect_out_match "^m1	meeting	2023-01-30T06:45	2023-01-30T08:15	Asia/Kathmandu	" "list --in Kathmandu: a +05:45 offset"
# Days are the display zone's: 10:00 in Seoul on the 30th is the 29th in
# New York, where the flight leaves on the 31st at 08:00.
run list --in "New York" --from 2023-01-31 --to 2023-01-31 --format tsv
expect_out_match "^t1	travel	2023-01-31T08:00	2023-01-31T19:30	America/New_York	" "list --in: the flight in New York time"
if grep -q '^m1' "$T/out"; then not_ok "list --in: --from/--to are days in the display zone"; else ok "list --in: --from/--to are days in the display zone"; fi
run list --in "New York"
expect_out_match "^Sun 29 Jan 2023$" "list --in: the agenda's days are the display zone's"
run list
expect_out_match "^  m1  10:00-11:30 +KST \\+09:00 " "list without --in: stored zones"
same_file "$T/in.before" "$ITIN_FILE" "list --in leaves the store untouched"

run list --in Europe/Brusels
expect_rc 65 "list --in unknown zone"
expect_err "^itin: unknown time zone 'Europe/Brusels' \\(did you mean 'Europe/Brussels'\\?\\)$" "list --in: did you mean (zone)"
run list --in Brusels
expect_rc 65 "list --in unknown city"
expect_err "^itin: unknown time zone or place 'Brusels' \\(did you mean 'Brussels, BE'\\?\\)$" "list --in: did you mean (place)"
run list --in Santiago --format tsv
expect_err "^itin: warning: 'Santiago' is ambiguous; using Santiago, CL" "list --in: ambiguous city warns"
run list --in Brussels --format json
expect_rc 64 "list --in with json is a usage error"
run export --in Brussels --format itin
expect_rc 64 "export --in with itin is a usage error"
run list --in UTC --format tsv
expect_out_match "^m1	meeting	2023-01-30T01:00	2023-01-30T02:30	UTC	" "list --in UTC"

# Abbreviations: the zone people mean, summer time included, with a note.
cat >>"$ITIN_FILE" <<'END'
2023-07-10 16:00-17:00     meeting    Summer meeting @ Brussels, BE
    id: s1
    tz: Europe/Brussels
END
run list --in EST --format tsv --from 2023-07-10
expect_rc 0 "list --in EST"
expect_out_match "^s1	meeting	2023-07-10T10:00	2023-07-10T11:00	America/New_York	" "list --in EST: July in New York summer time (EDT), not EST"
expect_err "^itin: note: --in 'EST' taken as America/New_York \\(US Eastern Time; " "list --in EST: a note says which zone"
run list --in PST --format tsv --from 2023-07-10
expect_out_match "^s1	meeting	2023-07-10T07:00	2023-07-10T08:00	America/Los_Angeles	" "list --in PST: America/Los_Angeles"
run list --in jst --format tsv --from 2023-07-10
expect_out_match "	Asia/Tokyo	" "list --in jst: any case"
run list --in CEST --format tsv --from 2023-07-10
expect_out_match "^s1	meeting	2023-07-10T16:00	2023-07-10T17:00	Europe/Brussels	" "list --in CEST: Central European time"
run where Congo
expect_rc 0 "where Congo: a country"
expect_err "^itin: warning: 'Congo' is ambiguous; using Congo \\(CG\\); also Democratic Republic of the Congo \\(CD\\) \\(give the code to choose\\)$" "where Congo: names CG and CD"
run where Sudan
no_stderr "where Sudan: not ambiguous (South Sudan is another name)"
run where ""
expect_rc 64 "where '': a usage error"
run list --in ET --format tsv
expect_rc 65 "list --in ET: US Eastern or Ethiopia, refused"
expect_err "^itin: 'ET' is ambiguous: America/New_York \\(US Eastern Time\\) or Africa/Addis_Ababa \\(ET, Ethiopia\\); give the zone$" "list --in ET: names both readings"
run list --in pt --format tsv
expect_rc 65 "list --in pt: US Pacific or Portugal, refused"
run list --in CT --format tsv
expect_rc 0 "list --in CT: US Central"
expect_err "America/Chicago" "list --in CT: the note names America/Chicago"
run where ET
expect_rc 0 "where ET: Ethiopia, a country code"
run list --in IST --format tsv
expect_rc 65 "list --in IST: ambiguous"
expect_err "^itin: 'IST' is ambiguous: Asia/Kolkata \\(India\\), Europe/Dublin \\(Ireland\\) or Asia/Jerusalem \\(Israel\\); give the zone$" "list --in IST: names the three"
run list --in Germany --format tsv --from 2023-07-10
expect_rc 0 "list --in Germany: a country of two zones"
expect_out_match "	Europe/Berlin	" "list --in Germany: its main zone"
expect_err "^itin: note: using Europe/Berlin, the zone with the most people in Germany \\(DE has 2 zones: Europe/Berlin, Europe/Busingen; give --in ZONE to choose\\)$" "list --in Germany: says which zones it has"
run list --in "South Korea" --format tsv --from 2023-07-10
no_stderr "list --in a country of one zone: no note"
expect_out_match "	Asia/Seoul	" "list --in 'South Korea'"
# The same abbreviations for --tz and where.
export ITIN_FILE="$T/abbr.itin"
run add call "Call" --start "2023-07-01 10:00" --tz EST --id est1
expect_rc 0 "add --tz EST"
expect_err "^itin: note: --tz 'EST' taken as America/New_York " "add --tz EST: a note"
run list --format tsv
expect_out_match "^est1	call	2023-07-01T10:00		America/New_York	" "add --tz EST: stored as America/New_York, not the fixed EST"
run add call "Call" --start "2023-07-01 10:00" --tz IST
expect_rc 65 "add --tz IST: ambiguous"
run where EST --format tsv
expect_out_match "^		America/New_York	" "where EST: America/New_York"
run where IST
expect_rc 65 "where IST: ambiguous"
expect_err "^itin: 'IST' is ambiguous: " "where IST: names the zones"
export ITIN_FILE="$T/in.itin"
run list --in Korea --format tsv
expect_rc 65 "list --in Korea: not a zone"
expect_err "did you mean 'North Korea' \\(KP\\), 'South Korea' \\(KR\\)" "list --in Korea: suggests the countries"

finish
