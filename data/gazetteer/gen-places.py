#!/usr/bin/env python3
"""Regenerate the itin gazetteer tables (places-data.tsv, countries-data.tsv).

Python 3 standard library only.  Reads the installed Debian data files listed in
SOURCES.md plus the hand-kept TSV files beside this script, cross-checks them, and
writes deterministic, sorted output.  Exit status 0 on success, 1 if any check fails.

Also writes the C tables of the built-in gazetteer, src/core/places-data.c.

Usage: python3 gen-places.py [--outdir DIR] [--report FILE] [--c-out FILE] [--c-only]
"""
import argparse
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

ZONEINFO = "/usr/share/zoneinfo"
ZONE_TAB = ZONEINFO + "/zone.tab"
ZONE1970_TAB = ZONEINFO + "/zone1970.tab"
ISO3166_TAB = ZONEINFO + "/iso3166.tab"
TZDATA_ZI = ZONEINFO + "/tzdata.zi"
ISO_CODES_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
LOCALEDIR = "/usr/share/locale"     # iso-codes' translations (iso_3166-1.mo)
GEONAMES_DIR = "/usr/share/libtimezonemap/ui"
GEONAMES_CITIES = GEONAMES_DIR + "/cities15000.txt"
GEONAMES_COUNTRIES = GEONAMES_DIR + "/countryInfo.txt"
GEONAMES_ADMIN1 = GEONAMES_DIR + "/admin1Codes.txt"

# Areas whose zone names name a place (Area/Place or Area/Sub/Place).
PLACE_AREAS = {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
               "Australia", "Europe", "Indian", "Pacific"}

MAJOR_POP = 1_000_000     # geonames cities at least this big are included ("major city")
CITY_POP = 100_000

errors = []
report = []


def err(msg):
    errors.append(msg)


def note(msg):
    report.append(msg)


# --------------------------------------------------------------------------- text
_FOLD = {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
         "ł": "l", "Ł": "l", "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
         "ʻ": "", "ʼ": "", "‘": "", "’": "", "`": "", "´": ""}


def norm(s):
    """Lookup key: accent-, case- and punctuation-insensitive.

    NFKD, drop combining marks, fold a few letters (ß->ss, ø->o...), lower case,
    drop apostrophes and dots, turn every other non-alphanumeric run into one space."""
    s = "".join(_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", "").replace(".", "")
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return s.strip()


def tidy_name(s):
    """Typographic apostrophes to ASCII; trim."""
    return s.replace("’", "'").replace("‘", "'").strip()


def read_tsv(path, ncols):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > ncols:
                err(f"{os.path.basename(path)}:{lineno}: {len(cols)} columns, expected at most {ncols}")
            cols += [""] * (ncols - len(cols))
            rows.append((lineno, [c.strip() for c in cols]))
    return rows


# --------------------------------------------------------------------------- geo
def iso6709(s):
    """'+4230+00131' or '+422711-0714728' -> (lat, lon) in degrees."""
    m = re.fullmatch(r"([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?", s)
    if not m:
        raise ValueError(s)
    def part(sign, d, mi, se):
        v = int(d) + int(mi) / 60 + (int(se) / 3600 if se else 0)
        return -v if sign == "-" else v
    return (part(m.group(1), m.group(2), m.group(3), m.group(4)),
            part(m.group(5), m.group(6), m.group(7), m.group(8)))


def km(a_lat, a_lon, b_lat, b_lon):
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- tzdata
def load_tz():
    countries = {}
    for _, cols in read_tsv(ISO3166_TAB, 2):
        countries[cols[0]] = cols[1]
    zones = {}          # zone -> {"cc": [..], "lat":, "lon":, "comment":}
    by_cc = {}          # cc -> [zone] from zone.tab (one country per line)
    for path in (ZONE_TAB, ZONE1970_TAB):
        for lineno, cols in read_tsv(path, 4):
            ccs, coord, zone, comment = cols[0].split(","), cols[1], cols[2], cols[3]
            lat, lon = iso6709(coord)
            z = zones.setdefault(zone, {"cc": [], "lat": lat, "lon": lon, "comment": comment})
            for cc in ccs:
                if cc not in z["cc"]:
                    z["cc"].append(cc)
            if path == ZONE_TAB:
                by_cc.setdefault(ccs[0], []).append(zone)
    # zone1970-only zones (a zone shared by several countries) give each country a zone
    for zone, z in zones.items():
        for cc in z["cc"]:
            if cc not in by_cc:
                by_cc[cc] = [zone]
    links = {}          # link name -> target
    zi_zones = set()
    with open(TZDATA_ZI, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if not p:
                continue
            if p[0] == "Z":
                zi_zones.add(p[1])
            elif p[0] == "L":
                links[p[2]] = p[1]
    return countries, zones, by_cc, links, zi_zones


def zone_exists(zone):
    path = os.path.join(ZONEINFO, zone)
    return ".." not in zone and os.path.isfile(path)


# --------------------------------------------------------------------------- geonames
class Geo:
    __slots__ = ("gid", "name", "ascii", "alts", "lat", "lon", "fcode", "cc", "pop", "tz",
                 "admin1")


def load_geonames():
    rows = []
    with open(GEONAMES_CITIES, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            g = Geo()
            g.gid = int(c[0]); g.name = tidy_name(c[1]); g.ascii = c[2]
            g.alts = [a for a in c[3].split(",") if a]
            g.lat = float(c[4]); g.lon = float(c[5]); g.fcode = c[7]; g.cc = c[8]
            g.pop = int(c[14] or 0); g.tz = c[17]; g.admin1 = c[10]
            rows.append(g)
    by_id = {g.gid: g for g in rows}
    prim = {}   # (cc, norm) -> [Geo] by name / asciiname
    alt = {}    # (cc, norm) -> [Geo] by alternate name
    for g in rows:
        keys = {norm(g.name), norm(g.ascii)}
        for k in keys:
            prim.setdefault((g.cc, k), []).append(g)
        for a in g.alts:
            k = norm(a)
            if k and k not in keys:
                alt.setdefault((g.cc, k), []).append(g)
    return rows, by_id, prim, alt


def load_geonames_admin1():
    """(cc, admin1 code) -> the division's name ("US", "OR") -> "Oregon")."""
    out = {}
    with open(GEONAMES_ADMIN1, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 3 and "." in c[0]:
                cc, code = c[0].split(".", 1)
                out[(cc, code)] = tidy_name(c[1])
    return out


def load_geonames_countries():
    out = {}
    with open(GEONAMES_COUNTRIES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) > 5:
                out[c[0]] = {"name": c[4], "capital": c[5].strip(),
                             "languages": [l for l in c[15].split(",") if l]
                             if len(c) > 15 else []}
    return out


FCODE_PREF = {"PPLC": 0, "PPLG": 1, "PPLA": 2}


def geo_find(prim, alt, cc, name, near=None, radius=None):
    """Best geonames row for name in country cc (capital first, then biggest)."""
    k = norm(name)
    for table in (prim, alt):
        cands = table.get((cc, k), [])
        if near is not None:
            cands = [g for g in cands if km(near[0], near[1], g.lat, g.lon) <= radius]
            cands.sort(key=lambda g: (km(near[0], near[1], g.lat, g.lon), g.gid))
        else:
            cands = sorted(cands, key=lambda g: (FCODE_PREF.get(g.fcode, 9), -g.pop, g.gid))
        if cands:
            return cands[0]
    return None


# --------------------------------------------------------------------------- places
# Marks of scholarly transliteration (macron, dot/breve/line below) that English
# usage drops: Allahābād -> Allahabad, Ōsaka -> Osaka.  Native orthographies keep
# their accents (São Paulo, Bogotá, Reykjavík, İzmir).
_TRANSLIT_MARKS = {"\u0304", "\u0323", "\u032e", "\u0331"}
_CEDILLA_S_OK = {"TR", "AZ", "TM", "RO", "MD"}


def english_name(g):
    name = g.name
    dec = unicodedata.normalize("NFD", name)
    if any(c in _TRANSLIT_MARKS for c in dec) or \
            ("\u0327" in dec and "ş" in name.lower() and g.cc not in _CEDILLA_S_OK):
        name = g.ascii
    if g.cc == "JP" and name.endswith("-shi"):
        name = name[:-4]
    if g.cc == "KR" and name.endswith("-si"):
        name = name[:-3]
    return name


class Place:
    def __init__(self, name, cc, lat, lon):
        self.name = name
        self.cc = cc
        self.lat = lat
        self.lon = lon
        self.aliases = []
        self.zone = None
        self.zone_why = None
        self.tier = 4
        self.kind = "city"
        self.pop = 0
        self.gid = None
        self.geo_tz = None
        self.rank_override = None
        self.src = []
        self.hand = False
        self.region = ""

    def add_alias(self, a):
        a = tidy_name(a)
        if not a:
            return
        if norm(a) == norm(self.name) and a == self.name:
            return
        if a != self.name and a not in self.aliases:
            self.aliases.append(a)


def pop_band(pop):
    for i, lim in enumerate((10_000_000, 5_000_000, 2_000_000, 1_000_000, 500_000,
                             200_000, 100_000, 50_000, 15_000)):
        if pop >= lim:
            return i
    return 9



# --------------------------------------------------------------------------- C table
# The C lookup (src/core/places.c) compares keys made by utf8_fold(name, UTF8_FOLD_ALNUM)
# of src/core/utf8.c (utf8proc).  c_fold() is that function in Python (unicodedata), reading its table from
# utf8.c itself so the two cannot drift apart silently; tests/unit/test_places.c checks at
# run time that every key written below equals utf8_fold() of its name.
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
UTF8_C = os.path.join(REPO, "src", "core", "utf8.c")
_c_fold_tables = None


def _load_c_fold_tables(path=UTF8_C):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"fold_extra\[\] = \{(.*?)\};", text, re.S)
    extra = {int(a, 16): b for a, b in
             re.findall(r'\{0x([0-9A-Fa-f]+), "([a-z]*)"\}', m.group(1))} if m else {}
    if len(extra) < 10:
        raise SystemExit(f"gen-places: cannot read the folding table of {path}")
    return extra


def _c_alnum(ch):
    return unicodedata.category(ch)[0] in "LN"


def _c_fold_one(ch, extra):
    """fold_one() of utf8.c: utf8proc's case folding, compatibility decomposition and
    mark stripping (here: casefold, NFKD, drop Mn/Mc/Me), then fold_extra; None when the
    result would be longer than the code point was (the C keeps it unchanged)."""
    cp = ord(ch)
    if 0xAC00 <= cp <= 0xD7A3:
        return ch
    d = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    out = []
    for c in d:
        if unicodedata.category(c) in ("Mn", "Mc", "Me"):
            continue
        if ord(c) in extra:
            out.append(extra[ord(c)])
        elif _c_alnum(c):
            out.append(c)
    r = "".join(out)
    return r if len(r.encode()) <= len(ch.encode()) else None


def c_fold(s):
    """utf8_fold(s, UTF8_FOLD_ALNUM) of src/core/utf8.c, code point for code point."""
    global _c_fold_tables
    if _c_fold_tables is None:
        _c_fold_tables = _load_c_fold_tables()
    extra = _c_fold_tables
    out = []
    for ch in s:
        cp = ord(ch)
        if cp < 0x80:
            if "A" <= ch <= "Z":
                out.append(ch.lower())
            elif "a" <= ch <= "z" or "0" <= ch <= "9":
                out.append(ch)
            continue
        f = _c_fold_one(ch, extra)
        if f is not None:
            out.append(f)
        elif _c_alnum(ch):
            out.append(ch)
    return "".join(out)


def c_str(s):
    """A C string literal: UTF-8 kept as is, quotes and backslashes escaped."""
    if s is None:
        return "NULL"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def c_num(x):
    return f"{float(x):.4f}"


def write_c(tsv_dir, out_path):
    """Write the C tables from places-data.tsv and countries-data.tsv.  Returns errors."""
    errs = []
    places = []
    with open(os.path.join(tsv_dir, "places-data.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        if head != ["canonical_name", "aliases", "country", "zone", "lat", "lon", "rank", "kind",
                    "region"]:
            return [f"places-data.tsv: unexpected header {head}"]
        for line in f:
            c = line.rstrip("\n").split("\t")
            places.append({"name": c[0], "aliases": [a for a in c[1].split("|") if a],
                           "cc": c[2], "zone": c[3], "lat": c[4], "lon": c[5],
                           "rank": int(c[6]), "kind": c[7], "region": c[8] or None,
                           "key": c_fold(c[0])})
    countries = []
    with open(os.path.join(tsv_dir, "countries-data.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        if head != ["code", "name", "zones", "main_zone", "names"]:
            return [f"countries-data.tsv: unexpected header {head}"]
        for line in f:
            c = line.rstrip("\n").split("\t")
            countries.append({"code": c[0], "name": c[1],
                              "zones": [z for z in c[2].split("|") if z],
                              "main": c[3],
                              "names": [n for n in c[4].split("|") if n]})
    codes = {c["code"] for c in countries}
    regions = []
    with open(os.path.join(tsv_dir, "regions-data.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        if head != ["code", "region", "main_zone", "share"]:
            return [f"regions-data.tsv: unexpected header {head}"]
        for line in f:
            c = line.rstrip("\n").split("\t")
            regions.append({"cc": c[0], "name": c[1], "zone": c[2], "key": c_fold(c[1])})
    regions.sort(key=lambda r: (r["cc"], r["key"].encode()))
    for a, b in zip(regions, regions[1:]):
        if (a["cc"], a["key"]) == (b["cc"], b["key"]):
            errs.append(f"divisions {a['name']!r} and {b['name']!r} of {a['cc']} fold alike")

    # Places in the order of their folded name (then country, rank): stable indexes.
    places.sort(key=lambda p: (p["key"].encode(), p["cc"], p["rank"], p["name"]))
    for p in places:
        if not p["key"]:
            errs.append(f"{p['name']}: folds to an empty key")
        if p["cc"] not in codes:
            errs.append(f"{p['name']}: country {p['cc']} not in countries-data.tsv")
    if len(places) > 65535:
        errs.append("more than 65535 places: widen the index type")

    # Every name and alias, folded, pointing at its place.  One row per (key, place),
    # the canonical name preferred; sorted by key bytes (strcmp order), best rank first.
    names = {}
    for i, p in enumerate(places):
        for n in [p["name"]] + p["aliases"]:
            k = c_fold(n)
            if not k:
                errs.append(f"{p['name']}: alias {n!r} folds to an empty key")
                continue
            names.setdefault((k, i), n)
    rows = sorted(names.items(), key=lambda kv: (kv[0][0].encode(), places[kv[0][1]]["rank"],
                                                  places[kv[0][1]]["name"], places[kv[0][1]]["cc"],
                                                  kv[0][1]))
    for a, b in zip(rows, rows[1:]):
        (ka, ia), (kb, ib) = a[0], b[0]
        pa, pb = places[ia], places[ib]
        if ka == kb and pa["rank"] == pb["rank"] and pa["cc"] == pb["cc"]:
            errs.append(f"key {ka!r}: {pa['name']} and {pb['name']} ({pa['cc']}) tie at rank {pa['rank']}")

    # Country names (and codes as names: "US", "UK" is a name of GB) -> code.
    cnames = {}
    for c in countries:
        for n in [c["name"]] + c["names"]:
            k = c_fold(n)
            if not k:
                continue
            if k in cnames and cnames[k][0] != c["code"]:
                errs.append(f"country name {n!r} folds like a name of {cnames[k][0]}")
                continue
            cnames.setdefault(k, (c["code"], n))
    zones = []
    for c in countries:
        c["zone_first"] = len(zones)
        zones.extend(c["zones"])
        if c["zones"] and c["main"] not in c["zones"]:
            errs.append(f"country {c['code']}: main zone {c['main']!r} is not one of its zones")
        c["zone_main"] = c["zones"].index(c["main"]) if c["zones"] else 0
    if errs:
        return errs

    o = []
    o.append("/*\n * places-data.c: the gazetteer's tables. Generated by\n"
             " * data/gazetteer/gen-places.py; do not edit (run `make gazetteer`, see\n"
             " * data/gazetteer/README.md).\n *\n"
             " * Sources: the IANA tz database (tzdata), iso-codes, and GeoNames\n"
             " * (geonames.org, CC BY 4.0) as shipped by Debian; data/gazetteer/SOURCES.md.\n */\n")
    o.append('#include "places-data.h"\n\n/* clang-format off */\n\n')
    o.append(f"/* {len(places)} places, in the order of their folded names. */\n")
    o.append("const struct place gz_places[] = {\n")
    for p in places:
        o.append(f"\t{{{c_str(p['name'])}, {c_str(p['cc'])}, {c_str(p['zone'])}, "
                 f"{c_num(p['lat'])}, {c_num(p['lon'])}, {p['rank']}, "
                 f"{c_str(p['region'])}}},\n")
    o.append("};\nconst size_t gz_nplaces = sizeof(gz_places) / sizeof(gz_places[0]);\n\n")
    o.append("/* Every folded name and alias -> place; by key, then rank. */\n")
    o.append("const struct gz_name gz_names[] = {\n")
    for (k, i), n in rows:
        o.append(f"\t{{{c_str(k)}, {c_str(n)}, {i}}},\n")
    o.append("};\nconst size_t gz_nnames = sizeof(gz_names) / sizeof(gz_names[0]);\n\n")
    o.append("/* The zones zone.tab lists for each country, country by country. */\n")
    o.append("const char *const gz_zones[] = {\n")
    for z in zones:
        o.append(f"\t{c_str(z)},\n")
    o.append("};\n\n")
    o.append("/* ISO 3166 alpha-2 codes (and XK), by code: name, zones. */\n")
    o.append("const struct gz_country gz_countries[] = {\n")
    for c in countries:
        o.append(f"\t{{{c_str(c['code'])}, {c_str(c['name'])}, {c['zone_first']}, "
                 f"{len(c['zones'])}, {c['zone_main']}}},\n")
    o.append("};\nconst size_t gz_ncountries = sizeof(gz_countries) / sizeof(gz_countries[0]);\n\n")
    o.append("/* Divisions of countries of several zones -> their main zone; by country,\n"
             " * then folded name. */\n")
    o.append("const struct gz_region gz_regions[] = {\n")
    for r in regions:
        o.append(f"\t{{{c_str(r['cc'])}, {c_str(r['key'])}, {c_str(r['name'])}, "
                 f"{c_str(r['zone'])}}},\n")
    o.append("};\nconst size_t gz_nregions = sizeof(gz_regions) / sizeof(gz_regions[0]);\n\n")
    o.append("/* Folded country names and short forms -> code. */\n")
    o.append("const struct gz_country_name gz_country_names[] = {\n")
    for k in sorted(cnames, key=lambda k: k.encode()):
        code, n = cnames[k]
        o.append(f"\t{{{c_str(k)}, {c_str(n)}, {c_str(code)}}},\n")
    o.append("};\nconst size_t gz_ncountry_names =\n"
             "    sizeof(gz_country_names) / sizeof(gz_country_names[0]);\n")
    text = "".join(o)
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out_path)
    print(f"gen-places: {len(places)} places, {len(rows)} names, {len(countries)} countries, "
          f"{len(cnames)} country names, {len(regions)} divisions; wrote {out_path}")
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outdir", default=HERE)
    ap.add_argument("--report", default=os.path.join(HERE, "gen-report.txt"))
    ap.add_argument("--c-out", default=os.path.join(REPO, "src", "core", "places-data.c"),
                    help="the C table to write (default: src/core/places-data.c)")
    ap.add_argument("--c-only", action="store_true",
                    help="only write the C table from the TSV files in --outdir")
    args = ap.parse_args()

    if args.c_only:
        errs = write_c(args.outdir, args.c_out)
        for e in errs:
            print("gen-places: error:", e, file=sys.stderr)
        return 1 if errs else 0

    countries, zones, zones_by_cc, links, zi_zones = load_tz()
    geo_rows, geo_by_id, gprim, galt = load_geonames()
    geo_countries = load_geonames_countries()
    geo_admin1 = load_geonames_admin1()

    for zone in sorted(zones):
        if not zone_exists(zone):
            err(f"zone {zone} of zone.tab/zone1970.tab missing under {ZONEINFO}")

    def canon_zone(z):
        seen = 0
        while z in links and seen < 5:
            z, seen = links[z], seen + 1
        return z

    # People per (country, zone): the summed population of the country's GeoNames
    # cities (>= 15 000 people) in each zone, for the main zone of a country and
    # the nearest-city rule below.
    zone_pop = {}
    for g in geo_rows:
        if g.tz:
            key = (g.cc, canon_zone(g.tz))
            zone_pop[key] = zone_pop.get(key, 0) + g.pop

    # The main zone of a first-level division (state, province) of a country of
    # several zones, for a city the gazetteer lacks in a known division
    # ("Sacramento, CA"): the zone holding most of the division's people (its
    # GeoNames cities of 15 000 or more), kept only when it holds at least
    # REGION_MAIN_SHARE of them; a division split more evenly (Tennessee, Indiana...)
    # has no main zone and is listed in the report.
    REGION_MAIN_SHARE = 0.75
    region_pop = {}    # (cc, division name) -> {zone: people}
    for g in geo_rows:
        name = geo_admin1.get((g.cc, g.admin1))
        if g.tz and name and len(zones_by_cc.get(g.cc, [])) > 1:
            d = region_pop.setdefault((g.cc, name), {})
            z = canon_zone(g.tz)
            d[z] = d.get(z, 0) + max(g.pop, 1)
    region_rows = []
    region_report = []
    for (cc, name), d in sorted(region_pop.items()):
        total = sum(d.values())
        best = max(sorted(d), key=lambda z: d[z])
        share = d[best] / total
        if "\t" in name or "|" in name:
            err(f"bad character in division name {name!r}")
        if share >= REGION_MAIN_SHARE:
            region_rows.append((cc, name, best, share))
        else:
            region_report.append(f"no main zone for {cc} {name}: " + ", ".join(
                f"{z} {d[z]}" for z in sorted(d, key=lambda z: -d[z])))

    extra_codes = {}   # user-assigned codes allowed beyond iso3166.tab
    # countries-extra.tsv: code<TAB>names (pipe-separated)<TAB>note ; a code not in
    # iso3166.tab must carry "user-assigned" in its note and a zone after "zone=".
    cextra = read_tsv(os.path.join(HERE, "countries-extra.tsv"), 3)
    for lineno, (code, names, note_) in cextra:
        if code not in countries:
            m = re.search(r"zone=(\S+)", note_)
            if "user-assigned" in note_ and m:
                extra_codes[code] = m.group(1)
            else:
                err(f"countries-extra.tsv:{lineno}: {code} not in iso3166.tab")

    def cc_ok(cc):
        return cc in countries or cc in extra_codes

    def country_zones(cc):
        if cc in extra_codes:
            return [extra_codes[cc]]
        return zones_by_cc.get(cc, [])

    places = []
    by_gid = {}

    def find_place(name, cc, lat, lon, radius=30):
        k = norm(name)
        for p in places:
            if p.cc == cc and (norm(p.name) == k or k in (norm(a) for a in p.aliases)) \
                    and km(p.lat, p.lon, lat, lon) <= radius:
                return p
        return None

    def place_from_geo(g, name=None):
        if name is None:
            name = english_name(g)
        if g.gid in by_gid:
            p = by_gid[g.gid]
            if name and norm(name) != norm(p.name):
                p.add_alias(name)
            return p
        p = Place(name or g.name, g.cc, g.lat, g.lon)
        p.gid, p.pop, p.geo_tz = g.gid, g.pop, g.tz
        p.region = geo_admin1.get((g.cc, g.admin1), "")
        if name and g.name != name:
            p.add_alias(g.name)
        if g.ascii != g.name and norm(g.ascii) != norm(g.name):
            p.add_alias(g.ascii)
        p.src.append(f"geonames:{g.gid}")
        by_gid[g.gid] = p
        places.append(p)
        return p

    # ---- 1. hand-kept places (summit and conference venues, fixes) ------------
    summit_rows = read_tsv(os.path.join(HERE, "summit-cities.tsv"), 9)
    hand = []   # (place, given zone)
    for lineno, (name, cc, lat, lon, zone, rank, gid, kind, src) in summit_rows:
        where = f"summit-cities.tsv:{lineno}"
        if not cc_ok(cc):
            err(f"{where}: country {cc} not in iso3166.tab"); continue
        if zone and not zone_exists(zone):
            err(f"{where}: zone {zone} not under {ZONEINFO}"); continue
        if not src:
            err(f"{where}: no source note")
        if gid:
            g = geo_by_id.get(int(gid))
            if g is None:
                err(f"{where}: geonames id {gid} not in {GEONAMES_CITIES}"); continue
            if g.cc != cc:
                err(f"{where}: geonames id {gid} is in {g.cc}, not {cc}")
            p = place_from_geo(g, name)
        elif lat and lon:
            p = find_place(name, cc, float(lat), float(lon))
            if p is None:
                p = Place(name, cc, float(lat), float(lon))
                places.append(p)
        else:
            g = geo_find(gprim, galt, cc, name)
            if g is None:
                err(f"{where}: {name} ({cc}) not found in geonames; give lat/lon or an id"); continue
            p = place_from_geo(g, name)
        p.name = name
        p.hand = True
        p.src.append(where)
        p.tier = min(p.tier, 3)
        if rank:
            p.rank_override = int(rank)
        if kind:
            p.kind = kind
        if zone:
            hand.append((p, zone))

    # ---- 2. capitals -------------------------------------------------------
    caps = read_tsv(os.path.join(HERE, "un-capitals.tsv"), 5)
    for lineno, (cc, status, cap, others, note_) in caps:
        where = f"un-capitals.tsv:{lineno}"
        if not cc_ok(cc):
            err(f"{where}: {cc} not in iso3166.tab"); continue
        for i, name in enumerate([cap] + [o for o in others.split("|") if o]):
            p = None
            for q in places:        # already a hand-kept place?
                if q.cc == cc and norm(q.name) == norm(name):
                    p = q
            if p is None:
                g = geo_find(gprim, galt, cc, name)
                if g is None and cc in geo_countries:
                    gname = geo_countries[cc]["capital"]
                    if i == 0 and gname:
                        g = geo_find(gprim, galt, cc, gname)
                if g is None:
                    err(f"{where}: capital {name} ({cc}) not in geonames nor summit-cities.tsv")
                    continue
                p = place_from_geo(g, name)
                p.name = name
            p.tier = 1
            p.kind = "capital"
            p.src.append(where)

    # ---- 3. zone principal cities (zone.tab / zone1970.tab) ---------------------
    zone_place = {}
    for zone in sorted(zones):
        z = zones[zone]
        parts = zone.split("/")
        if parts[0] not in PLACE_AREAS:
            continue
        label = parts[-1].replace("_", " ")
        best = None
        for cc in z["cc"]:
            g = geo_find(gprim, galt, cc, label, near=(z["lat"], z["lon"]), radius=100)
            if g and (best is None or km(z["lat"], z["lon"], g.lat, g.lon)
                      < km(z["lat"], z["lon"], best.lat, best.lon)):
                best = g
        cc0 = z["cc"][0]
        if best is None:
            # an island or region name (Azores, Faroe, Bermuda...): the capital or
            # admin centre that tzdata's coordinates point at, within 15 km
            near = [g for g in geo_rows if g.cc in z["cc"] and g.fcode in FCODE_PREF
                    and km(z["lat"], z["lon"], g.lat, g.lon)
                    <= (35 if g.fcode == "PPLC" else 15)]
            near.sort(key=lambda g: (FCODE_PREF[g.fcode], km(z["lat"], z["lon"], g.lat, g.lon), g.gid))
            if near:
                best = near[0]
                note(f"zone {zone}: {label!r} taken as the zone name of {best.name} "
                     f"({best.fcode}, {km(z['lat'], z['lon'], best.lat, best.lon):.1f} km away)")
        hp = None
        if best is None:
            hp = [q for q in places if q.cc in z["cc"] and q.gid is None and q.hand
                  and km(z["lat"], z["lon"], q.lat, q.lon) <= 35]
            hp = hp[0] if hp else None
        if best is not None:
            p = place_from_geo(best)
            p.add_alias(label)
        elif hp is not None:
            p = hp
            p.add_alias(label)
        else:
            p = find_place(label, cc0, z["lat"], z["lon"], radius=100)
            if p is None:
                p = Place(label, cc0, z["lat"], z["lon"])
                places.append(p)
                note(f"zone {zone}: no geonames place named {label!r} within 100 km; tab coordinates used")
        if p.zone and p.zone_why == "principal":
            note(f"zone {zone}: {p.name} is already the principal city of {p.zone}")
        else:
            p.zone, p.zone_why = zone, "principal"
        if p.kind != "capital":
            p.kind = "zone-city"
        p.tier = min(p.tier, 3)
        p.src.append(f"zone.tab:{zone}")
        zone_place[zone] = p

    # ---- 4. old and backward zone names (tzdata.zi links) -------------------------
    link_rows = read_tsv(os.path.join(HERE, "zone-links.tsv"), 3)
    link_action = {}
    for lineno, (link, action, note_) in link_rows:
        if link not in links:
            err(f"zone-links.tsv:{lineno}: {link} is not a link in {TZDATA_ZI}")
        link_action[link] = action
    for link in sorted(links):
        parts = link.split("/")
        if parts[0] not in PLACE_AREAS or len(parts) < 2:
            continue
        if link in zones:
            continue        # also a zone.tab entry: handled with the zones
        target = canon_zone(link)
        label = parts[-1].replace("_", " ")
        tp = zone_place.get(target)
        action = link_action.get(link, "")
        if action == "skip":
            continue
        if action.startswith("alias-of="):
            tp = zone_place.get(action[9:])
            if tp is None:
                err(f"zone-links.tsv: {link}: no place for zone {action[9:]}"); continue
            tp.add_alias(label)
            continue
        if action.startswith("place="):
            label, action = action[6:], "place"
        if tp is not None and (norm(label) == norm(tp.name)
                               or norm(label) in (norm(a) for a in tp.aliases)):
            continue
        if action == "alias":
            if tp is None:
                err(f"link {link}: target {target} has no place"); continue
            tp.add_alias(label)
            continue
        if action == "place" or action == "":
            ccs = zones.get(target, {}).get("cc", [])
            g = None
            for cc in ccs:
                g = g or geo_find(gprim, galt, cc, label)
            if g is None:
                if action == "place":
                    err(f"link {link}: no geonames place named {label!r} in {ccs}")
                else:
                    err(f"link {link} -> {target}: unresolved; add it to zone-links.tsv")
                continue
            p = place_from_geo(g)
            p.add_alias(label)
            if p.kind == "city":
                p.kind = "zone-city"
            p.tier = min(p.tier, 3)
            p.src.append(f"tzdata.zi:{link}")
            continue
        err(f"zone-links.tsv: bad action {action!r} for {link}")

    # ---- 5. major cities and territory capitals from geonames -------------------
    gskip = {}
    for lineno, (gid, gname, why_) in read_tsv(os.path.join(HERE, "geonames-skip.tsv"), 3):
        g = geo_by_id.get(int(gid))
        if g is None or g.name != gname:
            err(f"geonames-skip.tsv:{lineno}: id {gid} is not {gname!r} in {GEONAMES_CITIES}")
        gskip[int(gid)] = why_
    for g in geo_rows:
        if g.gid in gskip:
            continue
        if (g.pop >= MAJOR_POP and g.fcode != "PPLX") or g.fcode == "PPLC":
            if not cc_ok(g.cc):
                note(f"geonames {g.gid} {g.name}: country {g.cc} unknown, skipped"); continue
            if g.gid not in by_gid:
                dup = find_place(g.name, g.cc, g.lat, g.lon)
                if dup is not None:
                    note(f"geonames {g.gid} {g.name} ({g.cc}): same name within 30 km of "
                         f"{dup.name}, skipped")
                    continue
            p = place_from_geo(g)
            if p.kind != "capital" and g.fcode == "PPLC":
                p.kind = "capital"   # territory capital (not a UN state's)
            p.tier = min(p.tier, 2)

    # ---- 6. hand-kept aliases ------------------------------------------------------
    for lineno, (name, cc, al, note_) in read_tsv(os.path.join(HERE, "aliases.tsv"), 4):
        tgt = [p for p in places if p.cc == cc and norm(p.name) == norm(name)]
        if len(tgt) != 1:
            err(f"aliases.tsv:{lineno}: {len(tgt)} places named {name} in {cc}"); continue
        p = tgt[0]
        for a in al.split("|"):
            a = a.strip()
            if a.startswith("="):          # "=New name" renames, keeping the old as alias
                old = p.name
                p.name = a[1:]
                if p.name in p.aliases:
                    p.aliases.remove(p.name)
                p.add_alias(old)
            elif a.startswith("-"):        # "-alias" drops an automatic alias
                if a[1:] in p.aliases:
                    p.aliases.remove(a[1:])
                else:
                    err(f"aliases.tsv:{lineno}: no alias {a[1:]!r} to drop on {name}")
            else:
                p.add_alias(a)

    # ---- 7. zones ---------------------------------------------------------------
    for p, zone in hand:
        if p.zone and p.zone != zone and p.zone_why == "principal":
            note(f"{p.name} ({p.cc}): hand zone {zone} overrides principal-city zone {p.zone}")
        p.zone, p.zone_why = zone, "hand"
    for p in places:
        if p.zone:
            continue
        cz = country_zones(p.cc)
        if not cz:
            err(f"{p.name} ({p.cc}): country has no zone"); continue
        if len(cz) == 1:
            p.zone, p.zone_why = cz[0], "country"
            continue
        # A zone where no city of 15 000 people lies (Europe/Busingen, an
        # enclave of 1 500) is nobody's nearest principal city: Elmau, 120 km
        # from Busingen and 500 from Berlin, keeps Europe/Berlin.
        peopled = [z for z in cz if zone_pop.get((p.cc, canon_zone(z)), 0) > 0] or cz
        near = min(peopled,
                   key=lambda z: (km(p.lat, p.lon, zones[z]["lat"], zones[z]["lon"]), z))
        gz = canon_zone(p.geo_tz) if p.geo_tz else None
        if gz and gz not in cz:
            # geonames (2015) may name a zone since split or renamed; compare canonically
            gz2 = [z for z in cz if canon_zone(z) == gz]
            gz = gz2[0] if gz2 else None
        if gz and gz != near:
            note(f"{p.name} ({p.cc}): nearest principal city gives {near}, geonames states {gz}; using {gz}")
            p.zone, p.zone_why = gz, "geonames"
        else:
            p.zone, p.zone_why = near, "nearest"
    for p in places:
        if p.zone and not zone_exists(p.zone):
            err(f"{p.name}: zone {p.zone} not under {ZONEINFO}")
        if not cc_ok(p.cc):
            err(f"{p.name}: country {p.cc} not in iso3166.tab")
        if p.zone and p.cc not in extra_codes and p.zone not in country_zones(p.cc) \
                and canon_zone(p.zone) not in [canon_zone(z) for z in country_zones(p.cc)]:
            note(f"{p.name} ({p.cc}): zone {p.zone} is not one of the country's zone.tab zones")

    # ---- 8. rank ------------------------------------------------------------------
    for p in places:
        if p.pop >= MAJOR_POP:
            p.tier = min(p.tier, 2)
        elif p.pop >= CITY_POP:
            p.tier = min(p.tier, 3)
        rank = 10 * p.tier + pop_band(p.pop)
        p.rank = p.rank_override if p.rank_override is not None else rank

    # ---- 9. ambiguity and duplicate checks -------------------------------------
    keys = {}
    for p in places:
        for k in {norm(p.name)} | {norm(a) for a in p.aliases}:
            keys.setdefault(k, []).append(p)
    seen = {}
    for p in places:
        k = (p.cc, norm(p.name))
        if k in seen and km(seen[k].lat, seen[k].lon, p.lat, p.lon) < 30:
            err(f"duplicate place {p.name} ({p.cc})")
        seen[k] = p
    amb_lines = []
    for k in sorted(keys):
        ps = keys[k]
        if len(ps) < 2:
            continue
        ps = sorted(ps, key=lambda p: (p.rank, p.name, p.cc))
        tie = ps[0].rank == ps[1].rank
        amb_lines.append(f"{k}\t{'TIE ' if tie else ''}" + "; ".join(
            f"{p.name} ({p.cc}, rank {p.rank})" for p in ps))
        if tie and ps[0].cc == ps[1].cc:
            err(f"ambiguous key {k!r}: tie between {ps[0].name} and {ps[1].name} in the same country")
        elif tie:
            note(f"ambiguous key {k!r}: tie at rank {ps[0].rank}: " +
                 ", ".join(f"{p.name} ({p.cc})" for p in ps if p.rank == ps[0].rank))

    # ---- 10. countries ----------------------------------------------------------
    iso = json.load(open(ISO_CODES_JSON, encoding="utf-8"))["3166-1"]
    cnames = {}
    def cadd(code, name):
        name = name.strip()
        if not name:
            return
        lst = cnames.setdefault(code, [])
        if name not in lst:
            lst.append(name)
        if name.lower().startswith("the "):
            cadd(code, name[4:])
    iso_by_code = {c["alpha_2"]: c for c in iso}
    display = {}    # code -> the name shown to people (country_name() in C)
    for c in sorted(iso, key=lambda c: c["alpha_2"]):
        code = c["alpha_2"]
        if code not in countries:
            err(f"iso-codes {code} not in iso3166.tab")
        display[code] = c.get("common_name") or c["name"]
        cadd(code, c.get("official_name", ""))
        cadd(code, c["name"])
        cadd(code, c.get("common_name", ""))
    for code in sorted(countries):
        cadd(code, countries[code])
        if code in geo_countries:
            cadd(code, geo_countries[code]["name"])
    for lineno, (code, names, note_) in cextra:
        for n in names.split("|"):
            if n.startswith("-"):
                if n[1:] in cnames.get(code, []):
                    cnames[code].remove(n[1:])
                else:
                    err(f"countries-extra.tsv:{lineno}: no name {n[1:]!r} to drop for {code}")
            else:
                cadd(code, n)
                display.setdefault(code, n)
    for lineno, (code, name) in read_tsv(os.path.join(HERE, "countries-display.tsv"), 2):
        if code not in cnames:
            err(f"countries-display.tsv:{lineno}: unknown code {code}")
        display[code] = name
        cadd(code, name)
    for code in sorted(cnames):
        if code not in display:
            err(f"country {code} has no display name")
        elif "," in display[code] or "(" in display[code]:
            err(f"country {code}: display name {display[code]!r} has a comma or parenthesis;"
                " give one in countries-display.tsv")
    # Names of countries in their own languages ("Deutschland", "Suisse", "Schweiz",
    # "Italia", "Nederland", "España", "België"): iso-codes' translations of the
    # English name into each language GeoNames countryInfo.txt lists for the
    # country (the first, and those written for the country: de-CH, fr-CH, it-CH).
    # A translation that is a name of another country, or that two countries would
    # share, or of fewer than 4 letters, is left out (listed in the report).
    import gettext
    taken = {}
    for code in sorted(cnames):
        for n in cnames[code]:
            taken.setdefault(norm(n), set()).add(code)
    endo = {}
    for code in sorted(cnames):
        langs = geo_countries.get(code, {}).get("languages", [])
        wanted = []
        for i, l in enumerate(langs):
            base, _, where = l.partition("-")
            if (i == 0 or where == code) and base not in wanted:
                wanted.append(base)
        c = iso_by_code.get(code)
        if not c:
            continue
        for lang in wanted:
            try:
                t = gettext.translation("iso_3166-1", localedir=LOCALEDIR, languages=[lang])
            except OSError:
                continue
            for en in (c["name"], c.get("common_name", "")):
                if not en:
                    continue
                tr = tidy_name(t.gettext(en))
                if tr != en and "," not in tr and len(norm(tr)) >= 4:
                    endo.setdefault(norm(tr), {}).setdefault(code, tr)
    for k, by in sorted(endo.items()):
        others = (taken.get(k, set()) | set(by)) - {next(iter(by))}
        if len(by) > 1 or others:
            report.append(f"endonym {k!r} left out: names " +
                          ", ".join(sorted(taken.get(k, set()) | set(by))))
            continue
        code, tr = next(iter(by.items()))
        if tr not in cnames[code]:
            cnames[code].append(tr)

    ckeys = {}
    for code in sorted(cnames):
        for n in cnames[code]:
            ckeys.setdefault(norm(n), set()).add(code)
    for k, codes in sorted(ckeys.items()):
        if len(codes) > 1:
            err(f"country name {k!r} names several codes: {sorted(codes)}")

    # A zone label that is a country's name (Asia/Qatar -> Doha, America/Panama ->
    # Panama City) is not kept as a city alias: the country table resolves it, and
    # those countries have one zone.
    for p in places:
        for a in list(p.aliases):
            if norm(a) in ckeys and norm(a) != norm(p.name) and not p.hand:
                p.aliases.remove(a)
                note(f"{p.name} ({p.cc}): alias {a!r} dropped, it is a country name")

    # ---- output -----------------------------------------------------------------
    def fmt(x):
        return f"{x:.4f}"
    places.sort(key=lambda p: (norm(p.name), p.name, p.cc, p.rank))
    lines = ["canonical_name\taliases\tcountry\tzone\tlat\tlon\trank\tkind\tregion"]
    for p in places:
        al = sorted(set(p.aliases) - {p.name}, key=lambda a: (norm(a), a))
        for v in [p.name, p.region] + al:
            if "\t" in v or "|" in v:
                err(f"bad character in name {v!r}")
        lines.append("\t".join([p.name, "|".join(al), p.cc, p.zone or "", fmt(p.lat),
                                fmt(p.lon), str(p.rank), p.kind, p.region]))

    # The main zone of a country of several: the one where most of its people
    # live, by the summed population of its GeoNames cities (>= 15 000 people) in
    # each zone (Germany: Europe/Berlin, not Europe/Busingen; the US:
    # America/New_York).

    def main_zone(code, cz):
        if len(cz) <= 1:
            return cz[0] if cz else ""
        best = max(cz, key=lambda z: (zone_pop.get((code, canon_zone(z)), 0), -cz.index(z)))
        report.append(f"main zone of {code}: {best} (" + ", ".join(
            f"{z} {zone_pop.get((code, canon_zone(z)), 0)}" for z in cz) + ")")
        return best

    clines = ["code\tname\tzones\tmain_zone\tnames"]
    for code in sorted(cnames):
        cz = country_zones(code)
        if not cz:
            note(f"country {code} has no zone in zone.tab (uninhabited)")
        clines.append(f"{code}\t{display.get(code, '')}\t" + "|".join(cz) + "\t"
                      + main_zone(code, cz) + "\t" + "|".join(cnames[code]))

    if errors:
        for e in errors:
            print("gen-places: error:", e, file=sys.stderr)
        print(f"gen-places: {len(errors)} errors; nothing written", file=sys.stderr)
        return 1
    with open(os.path.join(args.outdir, "places-data.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(args.outdir, "countries-data.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(clines) + "\n")
    with open(os.path.join(args.outdir, "regions-data.tsv"), "w", encoding="utf-8") as f:
        f.write("code\tregion\tmain_zone\tshare\n")
        for cc, name, z, share in region_rows:
            f.write(f"{cc}\t{name}\t{z}\t{share:.2f}\n")
    why = {}
    for p in places:
        why[p.zone_why] = why.get(p.zone_why, 0) + 1
    kinds = {}
    for p in places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(f"places: {len(places)}; kinds: {sorted(kinds.items())}\n")
        f.write(f"zone rule used: {sorted(why.items())}\n")
        f.write(f"countries: {len(cnames)}\n\n")
        f.write("\n".join(report) + "\n\n")
        f.write(f"# divisions with no main zone (none holds {REGION_MAIN_SHARE:.0%} of "
                "their people)\n")
        f.write("\n".join(region_report) + "\n\n# ambiguous lookup keys (best first)\n")
        f.write("\n".join(amb_lines) + "\n")
    print(f"gen-places: {len(places)} places, {len(cnames)} countries; report in {args.report}")
    errs = write_c(args.outdir, args.c_out)
    for e in errs:
        print("gen-places: error:", e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
