#!/usr/bin/env python3
"""List the UN capitals of un-capitals.tsv and check each is in places-data.tsv with a zone.

For every country code and capital (and other seats) in un-capitals.tsv, the capital must be a
row of places-data.tsv of that country (by canonical name or alias, compared with the lookup
key of gen-places.py: case-, accent- and punctuation-insensitive), of kind "capital", whose
zone exists under /usr/share/zoneinfo and is accepted by Python's zoneinfo.
Prints one line per capital: code, status, capital, zone, UTC offset now. Exit 1 on a failure.
"""
import datetime
import os
import sys
import unicodedata
import importlib.util

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen", os.path.join(HERE, "gen-places.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

try:
    from zoneinfo import ZoneInfo
except ImportError:          # Python < 3.9
    ZoneInfo = None


def main():
    places = {}
    with open(os.path.join(HERE, "places-data.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header == ["canonical_name", "aliases", "country", "zone", "lat", "lon",
                          "rank", "kind", "region"], header
        for line in f:
            c = line.rstrip("\n").split("\t")
            for n in [c[0]] + [a for a in c[1].split("|") if a]:
                places.setdefault((c[2], gen.norm(n)), []).append(c)
    now = datetime.datetime.now(datetime.timezone.utc)
    bad = 0
    n = 0
    for lineno, (cc, status, cap, others, note) in gen.read_tsv(
            os.path.join(HERE, "un-capitals.tsv"), 5):
        for name in [cap] + [o for o in others.split("|") if o]:
            n += 1
            rows = places.get((cc, gen.norm(name)), [])
            rows = [r for r in rows if r[7] == "capital"] or rows
            if not rows:
                print(f"FAIL\t{cc}\t{status}\t{name}\tnot in places-data.tsv")
                bad += 1
                continue
            r = rows[0]
            zone = r[3]
            if not zone or not os.path.isfile(os.path.join(gen.ZONEINFO, zone)):
                print(f"FAIL\t{cc}\t{status}\t{name}\tzone {zone!r} missing")
                bad += 1
                continue
            off = ""
            if ZoneInfo is not None:
                d = now.astimezone(ZoneInfo(zone)).utcoffset()
                mins = int(d.total_seconds() // 60)
                off = f"UTC{'+' if mins >= 0 else '-'}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
            kind = "" if r[7] == "capital" else f" (kind {r[7]}, expected capital)"
            if kind:
                bad += 1
            print(f"{'ok' if not kind else 'FAIL'}\t{cc}\t{status}\t{r[0]}\t{zone}\t{off}{kind}")
    print(f"{n - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
