#!/usr/bin/env python3
"""extract-gen.py OUTDIR N TEMPLATE...: N news reports for bench/extract.sh.

Each report is one of the templates (cycled) with its places, the people
after a title, its months and its years changed, the same way throughout
the report (so the text still hangs together), cut or filled to about 300
words. A template the scorer dates with --date gets that date as a date
line. The changes are chosen by the report's number: the same N gives
the same reports.
"""
import random
import re
import sys

# City, country, adjective: a place named in any of its forms becomes the
# same form of another.
PLACES = [
    ("Seoul", "South Korea", "South Korean"), ("Tokyo", "Japan", "Japanese"),
    ("Vilnius", "Lithuania", "Lithuanian"), ("Paris", "France", "French"),
    ("Berlin", "Germany", "German"), ("Nairobi", "Kenya", "Kenyan"),
    ("Brasilia", "Brazil", "Brazilian"), ("Canberra", "Australia", "Australian"),
    ("Ottawa", "Canada", "Canadian"), ("Hanoi", "Vietnam", "Vietnamese"),
    ("Jakarta", "Indonesia", "Indonesian"), ("Madrid", "Spain", "Spanish"),
    ("Rome", "Italy", "Italian"), ("Warsaw", "Poland", "Polish"),
    ("Ankara", "Turkey", "Turkish"), ("Cairo", "Egypt", "Egyptian"),
    ("Mexico City", "Mexico", "Mexican"), ("New Delhi", "India", "Indian"),
    ("Addis Ababa", "Ethiopia", "Ethiopian"), ("Santiago", "Chile", "Chilean"),
    ("Manila", "Philippines", "Philippine"), ("Oslo", "Norway", "Norwegian"),
    ("Helsinki", "Finland", "Finnish"), ("Beijing", "China", "Chinese"),
]
FIRST = ["Anna", "Jonas", "Maria", "Kenji", "Amara", "Luis", "Ingrid", "Omar",
         "Mei", "Pierre", "Sofia", "Tomasz", "Aylin", "Rahul", "Grace", "Ivan"]
LAST = ["Lindqvist", "Okafor", "Tanaka", "Moreau", "Kowalski", "Haddad",
        "Silva", "Novak", "Chen", "Mensah", "Rossi", "Petrov", "Dubois",
        "Kaur", "Yilmaz", "Berg"]
TITLES = (r"(President|Prime Minister|Foreign Minister|Defence Minister|"
          r"Defense Minister|Secretary General|Secretary-General|Chancellor|"
          r"Minister)")
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
# Months swap only with months of as many days, so every date stays one.
SAME_LENGTH = [[1, 3, 5, 7, 8, 10, 12], [4, 6, 9, 11], [2]]


def month_map(rng):
    m = {}
    for group in SAME_LENGTH:
        shuffled = group[:]
        rng.shuffle(shuffled)
        m.update(zip(group, shuffled))
    return m


def vary(text, rng):
    places = PLACES[:]
    rng.shuffle(places)
    swap = {}
    for old, new in zip(PLACES, places):
        for k in range(3):
            swap[old[k]] = new[k]
    # Longest names first: "South Korean" before "South Korea".
    names = sorted(swap, key=len, reverse=True)
    text = re.sub(r"\b(" + "|".join(map(re.escape, names)) + r")\b",
                  lambda mo: swap[mo.group(1)], text)
    text = re.sub(TITLES + r" [A-Z][a-z]+(?: [A-Z][a-z]+)?(?:-[a-z]+)?",
                  lambda mo: "%s %s %s" % (mo.group(1), rng.choice(FIRST),
                                           rng.choice(LAST)), text)
    mm = month_map(rng)
    text = re.sub(r"\b(" + "|".join(MONTHS) + r")\b",
                  lambda mo: MONTHS[mm[MONTHS.index(mo.group(1)) + 1] - 1],
                  text)
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b",
                  lambda mo: "%d/%s/%s" % (mm.get(int(mo.group(1)), 1),
                                           mo.group(2), mo.group(3)), text)
    shift = rng.randrange(-4, 4)
    text = re.sub(r"\b(20[0-3]\d)\b",
                  lambda mo: str(int(mo.group(1)) + shift), text)
    return text


def about_300_words(text, filler):
    """Whole lines up to about 300 words; filled from filler if short."""
    out, n = [], 0
    for line in (text.splitlines() + [""] + filler.splitlines()):
        if n >= 280:
            break
        out.append(line)
        n += len(line.split())
    return "\n".join(out).rstrip() + "\n"


def read_template(path):
    """The report; one the scorer dates with --date (its .legs says
    "# args: --date YYYY-MM-DD") gets that date as a date line on top,
    since the generated reports are read without arguments."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        with open(path[:-4] + ".legs", encoding="utf-8") as f:
            first = f.readline()
    except OSError:
        return text
    mo = re.match(r"# args:.*--date (\d{4})-(\d\d)-(\d\d)", first)
    if mo:
        y, m, d = (int(g) for g in mo.groups())
        text = "%s %d, %d\n" % (MONTHS[m - 1], d, y) + text
    return text


def main():
    outdir, count, templates = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    texts = [read_template(path) for path in templates]
    for i in range(count):
        rng = random.Random(i)
        text = vary(texts[i % len(texts)], rng)
        filler = vary(texts[(i + 1) % len(texts)], rng)
        with open("%s/r%05d.txt" % (outdir, i), "w", encoding="utf-8") as f:
            f.write(about_300_words(text, filler))


if __name__ == "__main__":
    main()
