#!/usr/bin/env python3
"""ics_py.py: Python's icalendar doing what `itin export` and `itin import`
do, for bench/ics.sh to time next to itin.

    ics_py.py export EVENTS.json OUT.ics   # build and write a VCALENDAR
    ics_py.py import IN.ics                # parse it, read every event

export: one VEVENT per event of itin's JSON export, with the fields itin
writes (UID, DTSTAMP, SEQUENCE, DTSTART/DTEND with their zones, SUMMARY,
LOCATION, DESCRIPTION, CATEGORIES, STATUS); python-icalendar 4.0.3 writes
no VTIMEZONE, so it does less than itin. import: every VEVENT's UID,
SUMMARY, LOCATION, DESCRIPTION, CATEGORIES and its DTSTART/DTEND as
datetimes. Only the timed part is measured (reading the JSON is not).
"""
import json
import sys
import time
from datetime import datetime, date, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar


def do_export(src, dst):
    events = json.load(open(src, encoding="utf-8"))
    t0 = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//python-icalendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    now = datetime(2023, 1, 25, 12, tzinfo=timezone.utc)
    zones = {}
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", e["id"] + "@itin")
        ev.add("dtstamp", now)
        ev.add("sequence", e.get("seq", 0))
        if e["all_day"]:
            s = date.fromisoformat(e["start"])
            last = date.fromisoformat(e["end"]) if e["end"] else s
            ev.add("dtstart", s)
            ev.add("dtend", last + timedelta(days=1))
        else:
            z = zones.setdefault(e["tz"], ZoneInfo(e["tz"])) if e["tz"] else None
            ev.add("dtstart", datetime.fromisoformat(e["start"]).replace(tzinfo=z))
            if e["end"]:
                ez = e["end_tz"] or e["tz"]
                ezi = zones.setdefault(ez, ZoneInfo(ez)) if ez else None
                ev.add("dtend", datetime.fromisoformat(e["end"]).replace(tzinfo=ezi))
        ev.add("summary", e["title"])
        loc = ", ".join(x for x in (e["venue"], e["city"], e["country"]) if x)
        if loc:
            ev.add("location", loc)
        desc = []
        if e["notes"]:
            desc.append(e["notes"])
        if e["participants"]:
            desc.append("With: " + "; ".join(
                p["name"] + (f" ({p['role']})" if p["role"] else "")
                for p in e["participants"]))
        if e["organization"]:
            desc.append("Organisation: " + e["organization"])
        if desc:
            ev.add("description", "\n".join(desc))
        ev.add("categories", [e["type"]] + e["tags"])
        ev.add("status", e["status"].upper())
        cal.add_component(ev)
    data = cal.to_ical()
    with open(dst, "wb") as f:
        f.write(data)
    return time.perf_counter() - t0, len(events)


def do_import(src):
    t0 = time.perf_counter()
    with open(src, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    n = 0
    for ev in cal.walk("VEVENT"):
        str(ev.get("uid"))
        str(ev.get("summary"))
        str(ev.get("location", ""))
        str(ev.get("description", ""))
        ev.get("categories")
        ev.decoded("dtstart")
        if "dtend" in ev:
            ev.decoded("dtend")
        n += 1
    return time.perf_counter() - t0, n


if __name__ == "__main__":
    if sys.argv[1] == "export":
        secs, n = do_export(sys.argv[2], sys.argv[3])
    else:
        secs, n = do_import(sys.argv[2])
    print(f"{secs:.3f} {n}")
