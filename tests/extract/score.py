#!/usr/bin/env python3
"""score.py: how well `itin extract` reads the test corpus (issue 14).

For every report in tests/extract/reports (NAME.txt or NAME.html beside its
expected legs, NAME.legs), or for the reports named on the command line, run

    $ITIN extract --format tsv [ARGS] REPORT

(ARGS from the `# args:` first line of NAME.legs; ITIN defaults to ./itin),
read the proposed events by the TSV header's column names, and match them
one to one against the expected legs on (type, city, country, start, end).
Prints one line per report, `NAME  expected E  proposed P  right R`, its near
misses (an unmatched proposal with the country and start of an unmatched
leg) and, with -v, every missed leg and wrong proposal; then the totals
`recall R/E = x%` and `precision R/P = y%` and, with --by-type, the counts
for each event type.

Cities compare folded (case, accents, punctuation) and through the
gazetteer's aliases within the country (data/gazetteer/places-data.tsv), so
Kiev matches Kyiv and Sao Tome matches São Tomé; a leg with no city matches
only an event with no city. Dates compare as days: a timed start or end
counts by its first 10 characters, an empty end is the start.

Exit status: 0; 1 when --min-recall or --min-precision is not reached;
2 for a usage error or a broken corpus file (named with its line).
A report on which itin fails (non-zero exit, no TSV header, a timeout)
proposes nothing: its legs count as missed and the error is printed.
Python 3 standard library only.
"""

import argparse
import datetime
import json
import os
import re
import shlex
import subprocess
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TYPES = {"visit", "meeting", "summit", "conference", "interview", "press",
         "travel", "reception", "call", "other"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REPORT_EXTS = (".txt", ".html", ".htm")


class CorpusError(Exception):
    """A .legs file or a named report that cannot be used (exit 2)."""


def fold(text):
    """Case, accents and punctuation folded away; runs of space as one."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(text.split())


def load_aliases(path):
    """{(country, folded name or alias): folded canonical name}."""
    aliases = {}
    try:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            col = {name: i for i, name in enumerate(header)}
            for line in f:
                row = line.rstrip("\n").split("\t")
                if len(row) < len(header):
                    continue
                cc = row[col["country"]].upper()
                canon = fold(row[col["canonical_name"]])
                names = [row[col["canonical_name"]]]
                names += row[col["aliases"]].split("|")
                for name in names:
                    if name:
                        aliases.setdefault((cc, fold(name)), canon)
    except (OSError, KeyError):
        pass  # without the gazetteer, cities still compare folded
    return aliases


class Leg:
    """One expected leg or one proposed event, reduced to what is scored."""

    def __init__(self, typ, city, country, start, end, aliases):
        self.typ = typ.strip().lower()
        self.city = city.strip()
        self.country = country.strip().upper()
        self.start = start.strip()[:10]
        self.end = end.strip()[:10] or self.start
        folded = fold(self.city)
        self.city_key = aliases.get((self.country, folded), folded)

    def key(self):
        return (self.typ, self.city_key, self.country, self.start, self.end)

    def text(self):
        city = self.city or "-"
        return f"{self.typ} {city} {self.country or '-'} {self.start}..{self.end}"


def is_date(text):
    """text is a real day written YYYY-MM-DD."""
    try:
        return bool(DATE_RE.match(text)) and bool(datetime.date.fromisoformat(text))
    except ValueError:
        return False


def read_legs(path, aliases):
    """(args, legs) of a .legs file; CorpusError names the line."""
    args, legs = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        where = f"{path}:{n}"
        if n == 1 and line.startswith("# args:"):
            try:
                args = shlex.split(line[len("# args:"):])
            except ValueError as e:
                raise CorpusError(f"{where}: bad args line: {e}")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise CorpusError(f"{where}: want 5 tab-separated fields "
                              f"(type city country start end), got {len(fields)}")
        typ, city, country, start, end = fields
        if typ not in TYPES:
            raise CorpusError(f"{where}: unknown type '{typ}'")
        if not re.match(r"^[A-Z]{2}$", country):
            raise CorpusError(f"{where}: a leg needs a country code, got '{country}'")
        for d in (start, end):
            if not is_date(d):
                raise CorpusError(f"{where}: '{d}' is not a date (YYYY-MM-DD)")
        if end < start:
            raise CorpusError(f"{where}: end {end} before start {start}")
        legs.append(Leg(typ, city, country, start, end, aliases))
    return args, legs


def parse_tsv(out, aliases):
    """The events of `--format tsv` output, read by the header's names."""
    lines = [l for l in out.split("\n") if l.strip()]
    if not lines:
        return []  # nothing proposed (no header needed for no events)
    header = lines[0].split("\t")
    col = {name.strip().lower(): i for i, name in enumerate(header)}
    need = ("type", "start", "end", "city", "country")
    missing = [c for c in need if c not in col]
    if missing:
        raise ValueError("no TSV header with " + ", ".join(missing))
    events = []
    for line in lines[1:]:
        row = line.split("\t")
        row += [""] * (len(header) - len(row))
        events.append(Leg(*(row[col[c]] for c in
                            ("type", "city", "country", "start", "end")),
                          aliases))
    return events


def run_itin(itin, args, report, timeout):
    """(stdout, error or None) of one `itin extract` run."""
    cmd = [itin, "extract", "--format", "tsv"] + args + [report]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "", f"timed out after {timeout} s"
    except OSError as e:
        return "", f"cannot run {itin}: {e.strerror}"
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().split("\n")
        return out, f"itin exited {p.returncode}: " + " / ".join(err[:3])
    return out, None


def unmatched(items, right):
    """The items left over once each key counted in right is used once."""
    left = Counter(right)
    rest = []
    for item in items:
        if left[item.key()]:
            left[item.key()] -= 1
        else:
            rest.append(item)
    return rest


def match(legs, events):
    """(right, missed legs, wrong events, near misses), one to one."""
    right = Counter(l.key() for l in legs) & Counter(e.key() for e in events)
    missed = unmatched(legs, right)
    wrong = unmatched(events, right)
    near, used = [], set()
    for l in missed:
        for i, e in enumerate(wrong):
            if i not in used and (e.country, e.start) == (l.country, l.start):
                near.append((l, e))
                used.add(i)
                break
    return right, missed, wrong, near


def unique_prefix(base):
    """base, or the one NAME.legs beside it whose NAME starts with it."""
    folder, stem = os.path.split(base)
    try:
        hits = [f[:-5] for f in os.listdir(folder)
                if f.startswith(stem) and f.endswith(".legs")]
    except OSError:
        return base
    return os.path.join(folder, hits[0]) if len(hits) == 1 else base


def find_reports(names, folder):
    """[(name, report path, legs path)] for the names given or every report."""
    if not names:
        try:
            names = sorted(f for f in os.listdir(folder)
                           if f.endswith(".legs"))
        except OSError as e:
            raise CorpusError(f"{folder}: {e.strerror}")
        if not names:
            raise CorpusError(f"{folder}: no .legs files")
    found = []
    for name in names:
        base = name
        for ext in REPORT_EXTS + (".legs",):
            if base.endswith(ext):
                base = base[:-len(ext)]
        if os.sep not in base and not os.path.exists(base + ".legs"):
            base = os.path.join(folder, base)
            if not os.path.exists(base + ".legs"):
                base = unique_prefix(base)
        legs = base + ".legs"
        reports = [base + e for e in REPORT_EXTS if os.path.exists(base + e)]
        if not os.path.exists(legs):
            raise CorpusError(f"{name}: no {legs}")
        if len(reports) != 1:
            raise CorpusError(f"{name}: want one report beside {legs} "
                              f"({'/'.join(REPORT_EXTS)}), found {len(reports)}")
        found.append((os.path.basename(base), reports[0], legs))
    return found


def score_one(itin, name, report, legs_path, aliases, timeout):
    args, legs = read_legs(legs_path, aliases)
    out, error = run_itin(itin, args, report, timeout)
    events = []
    if error is None:
        try:
            events = parse_tsv(out, aliases)
        except ValueError as e:
            error = str(e)
    right, missed, wrong, near = match(legs, events)
    by_type = {}
    for kind, items in (("expected", legs), ("proposed", events)):
        for item in items:
            by_type.setdefault(item.typ, Counter())[kind] += 1
    for key, n in right.items():
        by_type.setdefault(key[0], Counter())["right"] += n
    return {"name": name, "expected": len(legs), "proposed": len(events),
            "right": sum(right.values()), "error": error,
            "by_type": {k: dict(v) for k, v in sorted(by_type.items())},
            "missed": [l.text() for l in missed],
            "wrong": [e.text() for e in wrong],
            "near": [[l.text(), e.text()] for l, e in near]}


def pct(num, den, empty=1.0):
    """num/den as a fraction, or empty when den is 0."""
    return num / den if den else empty


def sum_totals(results):
    """The counts over every report, overall and by type, and the rates."""
    totals = {k: sum(r[k] for r in results)
              for k in ("expected", "proposed", "right")}
    totals["errors"] = sum(1 for r in results if r["error"])
    totals["recall"] = pct(totals["right"], totals["expected"])
    # Nothing proposed where legs were expected is no precision at all,
    # so that an extractor failing everywhere cannot pass --min-precision.
    totals["precision"] = pct(totals["right"], totals["proposed"],
                              0.0 if totals["expected"] else 1.0)
    by_type = {}
    for r in results:
        for typ, counts in r["by_type"].items():
            by_type.setdefault(typ, Counter()).update(counts)
    totals["by_type"] = {typ: {k: c[k] for k in ("expected", "proposed", "right")}
                         for typ, c in sorted(by_type.items())}
    return totals


def print_by_type(by_type):
    for typ, c in by_type.items():
        print(f"  {typ:<10}  expected {c['expected']:3d}  proposed {c['proposed']:3d}"
              f"  right {c['right']:3d}")


def print_text(results, totals, verbose, by_type):
    width = max(len(r["name"]) for r in results)
    for r in results:
        print(f"{r['name']:<{width}}  expected {r['expected']:2d}  "
              f"proposed {r['proposed']:2d}  right {r['right']:2d}")
        if r["error"]:
            print(f"    error: {r['error']}")
        for want, got in r["near"]:
            print(f"    near: want {want}, got {got}")
        if verbose:
            for l in r["missed"]:
                print(f"    missed: {l}")
            for e in r["wrong"]:
                print(f"    wrong: {e}")
    e, p, k = totals["expected"], totals["proposed"], totals["right"]
    print(f"reports {len(results)}, errors {totals['errors']}")
    print(f"recall {k}/{e} = {100 * totals['recall']:.1f}%")
    print(f"precision {k}/{p} = {100 * totals['precision']:.1f}%")
    if by_type:
        print_by_type(totals["by_type"])


def main():
    ap = argparse.ArgumentParser(
        description="Score `itin extract` on the test corpus of news reports.")
    ap.add_argument("reports", nargs="*",
                    help="reports to score (NAME, NAME.txt or a path; default: all)")
    ap.add_argument("--dir", default=os.path.join(HERE, "reports"),
                    help="folder of the reports and .legs files")
    ap.add_argument("--min-recall", type=float, metavar="F",
                    help="exit 1 when recall is below F (0..1)")
    ap.add_argument("--min-precision", type=float, metavar="F",
                    help="exit 1 when precision is below F (0..1)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also list every missed leg and wrong proposal")
    ap.add_argument("--by-type", action="store_true",
                    help="end with the counts for each event type")
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="seconds allowed per report (default 30)")
    opt = ap.parse_args()
    itin = os.environ.get("ITIN") or "./itin"
    aliases = load_aliases(os.path.join(ROOT, "data", "gazetteer",
                                        "places-data.tsv"))
    try:
        results = [score_one(itin, *r, aliases, opt.timeout)
                   for r in find_reports(opt.reports, opt.dir)]
    except (CorpusError, OSError, UnicodeDecodeError) as e:
        print(f"score.py: {e}", file=sys.stderr)
        return 2
    totals = sum_totals(results)
    if opt.json:
        print(json.dumps({"reports": results, **totals}, indent=1,
                         ensure_ascii=False))
    else:
        print_text(results, totals, opt.verbose, opt.by_type)
    failed = []
    if opt.min_recall is not None and totals["recall"] < opt.min_recall:
        failed.append(f"recall below {opt.min_recall:g}")
    if opt.min_precision is not None and totals["precision"] < opt.min_precision:
        failed.append(f"precision below {opt.min_precision:g}")
    if failed:
        print("score.py: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
