#!/bin/sh
# gen.sh N: print a store of N events on stdout, each in canonical itin form
# (the file as a whole is not in sorted order; readers do not need it),
# ten a day from 2020-01-01 on, with distinct 16-hex-digit ids. One all-day
# visit a day, then timed events at 09:00..17:00 local in six zones (hours
# that fall in no daylight-saving gap anywhere we use), so that every line
# goes through the same parser paths as a hand-kept store.
#
# gen.sh -o PREFIX N: the same N events, written in one pass as
#   PREFIX.itin  the store above
#   PREFIX.csv   the native CSV columns, as `itin export --format csv` writes
#   PREFIX.ics   VEVENTs with the properties `itin export` writes (no
#                VTIMEZONE: the TZIDs are tz database names, which itin
#                and libical read without one; no GEO, which needs the
#                gazetteer)
#   PREFIX.tsv   the same VEVENTs' property values, unescaped, for
#                bench/icalwrite.c to build with libical: UID, DTSTART,
#                DTEND, TZID, SUMMARY, LOCATION, DESCRIPTION, CATEGORIES
#                (comma-separated), STATUS, then NAME:VALUE x-properties
# so that bench/table.sh compares every command on the same events.
# Plain awk: the benchmark must run where nothing was installed.
if [ "$1" = -o ]; then
	prefix=${2:?usage: gen.sh [-o PREFIX] N}
	shift 2
else
	prefix=
fi
n=${1:-100000}
exec awk -v n="$n" -v prefix="$prefix" '
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
function icsdate(d) { gsub(/-/, "", d); return d }
# iCalendar TEXT: backslash, comma, semicolon and line break escaped.
function icstext(s) { gsub(/\\/, "\\\\", s); gsub(/,/, "\\,", s); gsub(/;/, "\\;", s); gsub(/\n/, "\\n", s); return s }
# One content line, folded at 75 octets (the text is ASCII).
function icsline(s,    w) {
	for (w = 75; length(s) > w; w = 74) { printf "%s\r\n ", substr(s, 1, w) >ICS; s = substr(s, w + 1) }
	printf "%s\r\n", s >ICS
}
function join3(a, b, c,    s) {
	s = a
	if (b != "") s = s (s != "" ? ", " : "") b
	if (c != "") s = s (s != "" ? ", " : "") c
	return s
}
# The event in E[] in each format.
function put_itin(out) {
	if (E["allday"]) {
		printf "%s%s @ %s, %s\n", hdr(E["date"], E["type"]), E["title"], E["city"], E["cc"] >out
		printf "    id: %s\n", E["id"] >out
		printf "    with: %s\n", E["with"] >out
		printf "    tags: %s\n", E["tags"] >out
		return
	}
	printf "%s%s @ %s, %s, %s\n", hdr(E["range"], E["type"]), E["title"], E["venue"], E["city"], E["cc"] >out
	printf "    id: %s\n", E["id"] >out
	printf "    tz: %s\n", E["tz"] >out
	if (E["org"] != "")
		printf "    org: %s\n", E["org"] >out
	if (E["note"] != "")
		printf "    note: %s\n", E["note"] >out
}
function put_csv(out) {
	printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,confirmed,,%s,%s\n", E["id"], E["type"],
	    E["title"], E["start"], E["end"], E["tz"], E["city"], E["cc"], E["venue"],
	    E["with"], E["org"], E["note"], E["tags"] >out
}
# name value: a property line of the .ics, an x-property of the .tsv
function xprop(name, v) {
	if (v == "") return
	icsline(name ":" icstext(v))
	printf "\t%s:%s", name, v >TSV
}
function put_ics(    cats, desc, loc, s, e, tzp, m, parts, tags) {
	loc = join3(E["venue"], E["city"], E["country"])
	desc = E["note"]
	if (E["with"] != "") desc = "With: " E["with"]
	if (E["org"] != "") desc = (desc != "" ? desc "\n" : "") "Organisation: " E["org"]
	cats = E["type"]
	if (E["tags"] != "") { s = E["tags"]; gsub(/; /, ",", s); cats = cats "," s }
	if (E["allday"]) {
		s = icsdate(E["date"]); e = icsdate(E["next"]); tzp = ";VALUE=DATE"
	} else {
		s = icsdate(E["date"]) "T" E["hh"] "0000"; e = icsdate(E["date"]) "T" E["hh"] "4500"
		tzp = ";TZID=" E["tz"]
	}
	printf "BEGIN:VEVENT\r\nUID:%s@itin\r\nDTSTAMP:20230125T120000Z\r\nSEQUENCE:0\r\n", E["id"] >ICS
	printf "DTSTART%s:%s\r\nDTEND%s:%s\r\nSUMMARY:%s\r\n", tzp, s, tzp, e, icstext(E["title"]) >ICS
	icsline("LOCATION:" icstext(loc))
	if (desc != "") icsline("DESCRIPTION:" icstext(desc))
	printf "CATEGORIES:%s\r\nSTATUS:CONFIRMED\r\n", cats >ICS
	gsub(/\n/, "\\n", desc)
	printf "%s@itin\t%s\t%s\t%s\t%s\t%s\t%s\t%s\tCONFIRMED", E["id"], s, e,
	    E["allday"] ? "" : E["tz"], E["title"], loc, desc, cats >TSV
	xprop("X-ITIN-TYPE", E["type"])
	xprop("X-ITIN-VENUE", E["venue"])
	xprop("X-ITIN-CITY", E["city"])
	xprop("X-ITIN-COUNTRY", E["cc"])
	xprop("X-ITIN-ORG", E["org"])
	xprop("X-ITIN-NOTES", E["note"])
	m = split(E["with"], parts, "; ")
	for (j = 1; j <= m; j++) xprop("X-ITIN-PARTICIPANT", parts[j])
	m = split(E["tags"], parts, "; ")
	for (j = 1; j <= m; j++) xprop("X-ITIN-TAG", parts[j])
	printf "END:VEVENT\r\n" >ICS
	printf "\n" >TSV
}
BEGIN {
	split("Brussels,Tokyo,New York,New Delhi,Sydney,Reykjavik", city, ",")
	split("BE,JP,US,IN,AU,IS", cc, ",")
	split("Belgium,Japan,United States,India,Australia,Iceland", country, ",")
	split("Europe/Brussels,Asia/Tokyo,America/New_York,Asia/Kolkata,Australia/Sydney,Atlantic/Reykjavik", zone, ",")
	split("meeting,conference,interview,press,reception,call,other,meeting,meeting", type, ",")
	base = 18262	# 2020-01-01
	if (prefix == "") {
		ITIN = "/dev/stdout"
	} else {
		ITIN = prefix ".itin"; CSV = prefix ".csv"; ICS = prefix ".ics"; TSV = prefix ".tsv"
		printf "" >ITIN
		printf "id,type,title,start,end,tz,city,country,venue,participants," \
		    "organization,status,source,notes,tags\n" >CSV
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin//bench gen.sh//EN\r\n" \
		    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" >ICS
		printf "" >TSV
	}
	for (i = 0; i < n; i++) {
		day = base + int(i / 10)
		slot = i % 10
		k = i % 6 + 1
		h = (i * 2654435761) % 4294967296
		split("", E)
		E["id"] = sprintf("%08x%04x%04x", i, int(h / 65536), h % 65536)
		E["date"] = civil(day)
		E["city"] = city[k]; E["cc"] = cc[k]; E["country"] = country[k]
		if (slot == 0) {
			E["allday"] = 1
			E["type"] = "visit"
			E["title"] = "Visit " i
			E["next"] = civil(day + 1)
			E["start"] = E["date"]
			E["with"] = sprintf("Person %d (Minister); Person %d", i % 997, i % 991)
			E["tags"] = "bench; visit"
		} else {
			E["type"] = type[slot]
			E["title"] = "Event " i
			E["hh"] = sprintf("%02d", 8 + slot)
			E["range"] = sprintf("%s %s:00-%s:45", E["date"], E["hh"], E["hh"])
			E["start"] = E["date"] "T" E["hh"] ":00"
			E["end"] = E["date"] "T" E["hh"] ":45"
			E["venue"] = "Venue " (i % 50)
			E["tz"] = zone[k]
			if (slot % 3 == 0)
				E["org"] = "Organisation " (i % 113)
			if (slot % 4 == 1)
				E["note"] = "Generated event " i " for the benchmark."
		}
		put_itin(ITIN)
		if (prefix != "") {
			put_csv(CSV)
			put_ics()
		}
	}
	if (prefix != "")
		printf "END:VCALENDAR\r\n" >ICS
}'
