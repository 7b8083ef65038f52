#!/bin/sh
# gen.sh N: print a store of N events on stdout, each in canonical itin form
# (the file as a whole is not in sorted order; readers do not need it),
# ten a day from 2020-01-01 on, with distinct 16-hex-digit ids. One all-day
# visit a day, then timed events at 09:00..17:00 local in six zones (hours
# that fall in no daylight-saving gap anywhere we use), so that every line
# goes through the same parser paths as a hand-kept store.
# Plain awk: the benchmark must run where nothing was installed.
n=${1:-100000}
exec awk -v n="$n" '
function civil(z,    era, doe, yoe, doy, mp, d, m, y) {
	# days since 1970-01-01 -> "YYYY-MM-DD" (Howard Hinnant)
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	if (m <= 2) y++
	return sprintf("%04d-%02d-%02d", y, m, d)
}
function pad(s, w) { while (length(s) < w) s = s " "; return s }
function hdr(range, type) {
	return (length(range) <= 25 ? pad(range, 25) : range) "  " pad(type, 10) " "
}
BEGIN {
	split("Brussels,Tokyo,New York,New Delhi,Sydney,Reykjavik", city, ",")
	split("BE,JP,US,IN,AU,IS", cc, ",")
	split("Europe/Brussels,Asia/Tokyo,America/New_York,Asia/Kolkata,Australia/Sydney,Atlantic/Reykjavik", zone, ",")
	split("meeting,conference,interview,press,reception,call,other,meeting,meeting", type, ",")
	base = 18262	# 2020-01-01
	for (i = 0; i < n; i++) {
		day = base + int(i / 10)
		slot = i % 10
		k = i % 6 + 1
		h = (i * 2654435761) % 4294967296
		id = sprintf("%08x%04x%04x", i, int(h / 65536), h % 65536)
		date = civil(day)
		if (slot == 0) {
			printf "%sVisit %d @ %s, %s\n", hdr(date, "visit"), i, city[k], cc[k]
			printf "    id: %s\n", id
			printf "    with: Person %d (Minister); Person %d\n", i % 997, i % 991
			printf "    tags: bench; visit\n"
			continue
		}
		hh = 8 + slot
		range = sprintf("%s %02d:00-%02d:45", date, hh, hh)
		printf "%sEvent %d @ Venue %d, %s, %s\n", hdr(range, type[slot]), i, i % 50, city[k], cc[k]
		printf "    id: %s\n", id
		printf "    tz: %s\n", zone[k]
		if (slot % 3 == 0)
			printf "    org: Organisation %d\n", i % 113
		if (slot % 4 == 1)
			printf "    note: Generated event %d for the benchmark.\n", i
	}
}'
