#!/usr/bin/env python3
"""gen-windowszones.py: Windows time-zone names -> IANA zones, as C.

Reads CLDR's windowsZones.xml (Debian package unicode-cldr-core), the tz
database's tzdata.zi (package tzdata) and displaynames.tsv (Outlook's
display names, kept here), and writes windowszones.tsv and
src/core/winzones-data.c:
  - per Windows zone name, its "001" (default territory) IANA zone;
  - per Windows zone name and territory, CLDR's zone for that territory
    ("FLE Standard Time" in LT: Europe/Vilnius, where 001 says Europe/Kyiv);
  - the display names, with the Windows zone each names.
CLDR's old link names ("Asia/Calcutta") are replaced by the zone they link
to ("Asia/Kolkata") so itin stores the database's own names. Sorted by the
ASCII-lower-cased Windows name (then territory), for a binary search.
Deterministic: the same inputs give the same bytes.

    python3 data/windowszones/gen-windowszones.py      # or: make windowszones

Refuses to write anything when a zone is not a file under
/usr/share/zoneinfo, a Windows name maps to two zones in one territory, a
display name names a Windows zone CLDR does not know, or its "(UTC+hh:mm)"
is not the standard offset of that zone at some time since 2010.
"""
import os
import subprocess
import sys
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

XML = "/usr/share/unicode/cldr/common/supplemental/windowsZones.xml"
ZONEINFO = "/usr/share/zoneinfo"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "core", "winzones-data.c")
TSV = os.path.join(ROOT, "data", "windowszones", "windowszones.tsv")
DISPLAY = os.path.join(ROOT, "data", "windowszones", "displaynames.tsv")


def std_offsets(zone):
    """The standard (non-summer) offsets, in minutes, of zone since 2010."""
    z = ZoneInfo(zone)
    out = set()
    for y in range(2010, 2027):
        for m in (1, 4, 7, 10):
            d = datetime(y, m, 1, 12, tzinfo=timezone.utc).astimezone(z)
            out.add(int((d.utcoffset() - d.dst()).total_seconds() // 60))
    return out


def display_offset(name):
    """Minutes east of UTC of "(UTC+05:30) ...", 0 for "(UTC) ..."; None if no prefix."""
    m = re.match(r"\((?:UTC|GMT)(?:([+-])(\d\d):(\d\d))?\) ", name)
    if not m:
        return None
    if not m.group(1):
        return 0
    v = int(m.group(2)) * 60 + int(m.group(3))
    return -v if m.group(1) == "-" else v


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def links():
    out = {}
    with open(os.path.join(ZONEINFO, "tzdata.zi"), encoding="ascii") as f:
        for line in f:
            p = line.split()
            if len(p) == 3 and p[0] == "L":
                out[p[2]] = p[1]
    return out


def main():
    tree = ET.parse(XML)
    try:
        cldr = "unicode-cldr-core " + subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "unicode-cldr-core"],
            capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        cldr = "CLDR"
    lk = links()
    table = {}      # windows -> 001 zone
    terr = {}       # (windows, territory) -> zone
    zones_of = {}   # windows -> every zone CLDR names for it
    for mz in tree.iter("mapZone"):
        name = mz.get("other")
        where = mz.get("territory")
        zone = mz.get("type").split()[0]
        while zone in lk:
            zone = lk[zone]
        if not os.path.isfile(os.path.join(ZONEINFO, zone)):
            sys.exit(f"gen-windowszones: {zone} (for {name}) is not a zone")
        if (name, where) in terr and terr[(name, where)] != zone:
            sys.exit(f"gen-windowszones: {name} in {where} maps to two zones")
        terr[(name, where)] = zone
        zones_of.setdefault(name, set()).add(zone)
        if where == "001":
            table[name] = zone
    rows = sorted(table.items(), key=lambda kv: kv[0].lower())
    keys = [k.lower() for k, _ in rows]
    if len(set(keys)) != len(keys):
        sys.exit("gen-windowszones: two names differ only in case")
    # Per territory: only where the zone differs from the 001 one (the rest
    # would say nothing more).
    trows = sorted(((w, c, z) for (w, c), z in terr.items()
                    if c not in ("001", "ZZ") and z != table.get(w)),
                   key=lambda r: (r[0].lower(), r[1]))
    displays = []
    seen = {}
    with open(DISPLAY, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) != 3:
                sys.exit(f"gen-windowszones: displaynames.tsv:{lineno}: 3 columns expected")
            win, disp = c[0], c[1]
            if win not in table:
                sys.exit(f"gen-windowszones: displaynames.tsv:{lineno}: {win!r} is not in CLDR")
            off = display_offset(disp)
            if off is None:
                sys.exit(f"gen-windowszones: displaynames.tsv:{lineno}: no (UTC+hh:mm) prefix")
            if not any(off in std_offsets(z) for z in zones_of[win]):
                sys.exit(f"gen-windowszones: displaynames.tsv:{lineno}: {disp!r}: offset "
                         f"is not a standard offset of {win} ({sorted(zones_of[win])})")
            desc = disp[disp.index(") ") + 2:]
            # One description under two offsets (Greenland, -03:00 then
            # -02:00) is one row; under two zones, an error.
            if desc.lower() in seen:
                if seen[desc.lower()] != win:
                    sys.exit(f"gen-windowszones: displaynames.tsv:{lineno}: {desc!r} "
                             f"names {seen[desc.lower()]} and {win}")
                continue
            seen[desc.lower()] = win
            displays.append((desc, win))
    displays.sort(key=lambda r: r[0].lower())
    with open(TSV, "w", encoding="utf-8") as f:
        f.write("windows\tterritory\tiana\n")
        for w in sorted(table, key=str.lower):
            f.write(f"{w}\t001\t{table[w]}\n")
            for tw, tc, tz in trows:
                if tw == w:
                    f.write(f"{w}\t{tc}\t{tz}\n")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("/*\n * winzones-data.c: Windows time-zone names and their IANA zones.\n")
        f.write(" * Generated by data/windowszones/gen-windowszones.py from\n")
        f.write(f" * {cldr}, windowsZones.xml, and data/windowszones/\n")
        f.write(" * displaynames.tsv (Microsoft's display names); do not edit (run\n")
        f.write(" * `make windowszones`).\n */\n")
        f.write('#include "winzones-data.h"\n\n')
        f.write("/* Territory 001: the zone CLDR names for the Windows zone. */\n")
        f.write("const struct winzone winzones[] = {\n")
        for k, v in rows:
            f.write(f'\t{{ "{k}", "{v}" }},\n')
        f.write("};\n\n")
        f.write("const unsigned long winzones_count = sizeof(winzones) / sizeof(winzones[0]);\n\n")
        f.write("/* Other territories, where CLDR names another zone. */\n")
        f.write("const struct winzone_territory winzone_territories[] = {\n")
        for w, c, z in trows:
            f.write(f'\t{{ "{w}", "{c}", "{z}" }},\n')
        f.write("};\n\n")
        f.write("const unsigned long winzone_territories_count =\n"
                "    sizeof(winzone_territories) / sizeof(winzone_territories[0]);\n\n")
        f.write("/* Display names without their \"(UTC+hh:mm) \", by name. */\n")
        f.write("const struct winzone_display winzone_displays[] = {\n")
        for d, w in displays:
            f.write(f"\t{{ {c_str(d)}, {c_str(w)} }},\n")
        f.write("};\n\n")
        f.write("const unsigned long winzone_displays_count =\n"
                "    sizeof(winzone_displays) / sizeof(winzone_displays[0]);\n")
    print(f"gen-windowszones: {len(rows)} names, {len(trows)} territory rows, "
          f"{len(displays)} display names -> {OUT}")


if __name__ == "__main__":
    main()
