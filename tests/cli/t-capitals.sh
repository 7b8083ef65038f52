#!/bin/sh
# t-capitals.sh: every capital (and other seat of government) of the UN
# member and observer States listed in data/gazetteer/un-capitals.tsv, the
# list gen-places.py builds from, resolves with `itin where --format tsv` to
# a zone of its own country; and for every such zone, the times itin shows
# (`itin list --in ZONE`) agree with Python's zoneinfo (the system tz
# database) on the 1st and 15th of every month of 1970-2037 at 00:00 UTC,
# and on both sides of every change of offset found between those instants
# (located to the second by bisection), so an irregular year such as
# America/Sao_Paulo's 2014 is checked at its very transitions. Only a pair
# of changes less than 14 days apart could slip between two samples.
#
# The binary runs without valgrind here even under `make valgrind`: this is
# a check of the data and the zone arithmetic, some 400 runs.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1 ||
	! python3 -c 'import zoneinfo' >/dev/null 2>&1; then
	echo "ok 1 # skip python3 with zoneinfo is missing: UN capitals not checked"
	finish
fi

python3 - "$ITIN_CMD" "$ROOT/data/gazetteer/un-capitals.tsv" "$T" <<'PYEOF' || not_ok "the capitals check ran to its end"
import datetime as dt
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

itin, capitals, tmp = sys.argv[1:4]
n = 0
env = dict(os.environ, ITIN_FILE=os.path.join(tmp, "none.itin"))
# Under valgrind each run takes a second or so: every tenth capital (and
# so fewer zones), the same checks.
stride = 10 if os.environ.get("ITIN_VALGRIND") == "1" else 1
seen = 0


def result(good, desc, detail=()):
    global n
    n += 1
    print(f"{'ok' if good else 'not ok'} {n} - {desc}")
    for d in detail:
        print(f"#   {d}")


def run(args):
    p = subprocess.run([itin] + args, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


# 1. Every capital resolves, in its own country, to a zone.
zones = {}
with open(capitals, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t") + [""] * 5
        cc, status, cap, others = cols[0], cols[1], cols[2], cols[3]
        if status not in ("member", "observer"):
            continue
        seen += 1
        if (seen - 1) % stride:
            continue
        for name in [cap] + [o for o in others.split("|") if o]:
            rc, out, err = run(["where", "--format", "tsv", "--country", cc, name])
            lines = out.splitlines()
            row = lines[1].split("\t") if rc == 0 and len(lines) == 2 else []
            good = len(row) == 6 and row[1] == cc and row[2] != "" and not err
            result(good, f"where {name}, {cc}: {row[2] if good else '?'}",
                   [] if good else [f"status {rc}", *out.splitlines(), *err.splitlines()])
            if good:
                zones.setdefault(row[2], []).append(f"{name}, {cc}")

# 2. Every zone gives zoneinfo's offsets.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
samples = []
for y in range(1970, 2038):
    for m in range(1, 13):
        for d in (1, 15):
            samples.append(int((dt.datetime(y, m, d, tzinfo=dt.timezone.utc) - EPOCH)
                               .total_seconds()))


def offset(z, t, cache):
    o = cache.get(t)
    if o is None:
        o = cache[t] = int(dt.datetime.fromtimestamp(t, z).utcoffset().total_seconds())
    return o


def instants(z, cache):
    """The samples, and both sides of every change of offset between two."""
    out = set(samples)
    offs = [offset(z, t, cache) for t in samples]
    for i in range(1, len(samples)):
        if offs[i] == offs[i - 1]:
            continue
        lo, hi = samples[i - 1], samples[i]    # offset(lo) != offset(hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if offset(z, mid, cache) == offs[i - 1]:
                lo = mid
            else:
                hi = mid
        out.update((lo, hi))
    return sorted(out)


walls = {}


def wall(t):
    w = walls.get(t)
    if w is None:
        w = walls[t] = (EPOCH + dt.timedelta(seconds=t)).strftime("%Y-%m-%d %H:%M:%S")
    return w


days = {}


def local_seconds(when):
    """'YYYY-MM-DDTHH:MM[:SS]' as seconds since 1970-01-01T00:00."""
    d = days.get(when[:10])
    if d is None:
        d = days[when[:10]] = dt.date.fromisoformat(when[:10]).toordinal() - 719163
    s = int(when[17:19]) if len(when) > 16 else 0
    return d * 86400 + int(when[11:13]) * 3600 + int(when[14:16]) * 60 + s


for zone in sorted(zones):
    z = ZoneInfo(zone)
    cache = {}
    ts = instants(z, cache)
    store = os.path.join(tmp, "offsets.itin")
    with open(store, "w", encoding="utf-8") as f:
        f.write("".join(f"{wall(t)}  other  t{t}\n    id: {t}\n    tz: UTC\n" for t in ts))
    rc, out, err = run(["-f", store, "list", "--in", zone, "--format", "tsv"])
    bad = []
    seen = 0
    for line in out.splitlines()[1:]:
        c = line.split("\t")
        t = int(c[0])
        got = local_seconds(c[2]) - t
        want = offset(z, t, cache)
        seen += 1
        if got != want or c[4] != zone:
            bad.append(f"{wall(t)}Z: itin {got:+d} s, zoneinfo {want:+d} s ({c[4]})")
    good = rc == 0 and not bad and seen == len(ts)
    result(good, f"{zone} ({'; '.join(zones[zone][:2])}): {len(ts)} instants agree with zoneinfo",
           ([] if rc == 0 else [f"status {rc}", *err.splitlines()[:5]])
           + ([f"{seen} of {len(ts)} lines"] if seen != len(ts) else []) + bad[:5])
PYEOF
finish
