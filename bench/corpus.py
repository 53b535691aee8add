"""A generated corpus of varied news-style conflict reports, for the benchmarks.

Why generated: the benchmarks need thousands of articles (about 1M words) with
the shape of wire copy -- bylines, datelines, reported speech, denials,
hypotheticals, passives, hyphenated compounds, parentheses, quotes, numbers,
boilerplate, typos -- and no such corpus may be downloaded here. The text is
deterministic for a given seed, so runs are comparable.

Run ``python bench/corpus.py --size 2000 --out corpus.jsonl`` to write JSON lines
(``id``, ``url``, ``title``, ``published``, ``outlet``, ``text``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["article", "generate", "write_jsonl", "main"]

GROUPS = [
    ("Hayat Tahrir al-Sham", "HTS"), ("the Syrian Democratic Forces", "SDF"), ("the Syrian National Army", "SNA"),
    ("the Islamic State group", "IS"), ("the Syrian army", "the army"), ("Hezbollah", "Hezbollah"),
    ("the People's Protection Units", "YPG"), ("the Southern Operations Room", "the operations room"),
    ("the Free Syrian Army", "FSA"), ("the National Defence Forces", "NDF"), ("Jaish al-Izza", "Jaish al-Izza"),
    ("the Eighth Brigade", "the brigade"), ("the Sultan Murad Division", "the division"),
]
STATES = ["Russia", "Iran", "Turkey", "the United States", "Israel", "Jordan", "Iraq", "Qatar", "Ukraine", "France"]
ADJECTIVE = {"Russia": "Russian", "Iran": "Iranian", "Turkey": "Turkish", "the United States": "US",
             "Israel": "Israeli", "Jordan": "Jordanian", "Iraq": "Iraqi", "Qatar": "Qatari", "Ukraine": "Ukrainian",
             "France": "French"}
PEOPLE = [("Abu Mohammad al-Julani", "the HTS leader"), ("Bashar al-Assad", "the Syrian president"),
          ("Recep Tayyip Erdogan", "the Turkish president"), ("Mazloum Abdi", "the SDF commander"),
          ("Ahmed al-Awda", "the Eighth Brigade commander"), ("Hassan Nasrallah", "the Hezbollah chief"),
          ("Rami Abdurrahman", "the Observatory's director"), ("Abbas Araghchi", "Iran's foreign minister")]
PLACES = ["Aleppo", "Hama", "Homs", "Damascus", "Idlib", "Deir al-Zour", "Raqqa", "Manbij", "Tal Rifaat", "Daraa",
          "Quneitra", "Kobani", "Palmyra", "Latakia", "Tartus", "Qamishli", "al-Bab", "Saraqib", "Maarat al-Numan",
          "Suwayda", "Rastan", "Talbiseh", "Khan Sheikhoun", "Abu Kamal", "Tabqa", "Jableh", "Qusayr", "Nubl"]
SITES = ["the Nasib border crossing", "the Kuweires air base", "the Tishreen dam", "the M5 highway",
         "the Hmeimim air base", "the Bab al-Hawa crossing", "the al-Tanf garrison", "the Aleppo airport"]
SOURCES = ["the Syrian Observatory for Human Rights", "state news agency SANA", "a military source",
           "activists", "the war monitor", "residents", "a rebel commander", "Reuters", "the Pentagon",
           "the Kremlin", "a spokesman for the group", "local media", "two security officials"]
OUTLETS = ["Reuters", "Associated Press", "Agence France-Presse", "Al Jazeera", "BBC News", "The Guardian",
           "Voice of America", "Middle East Eye", "Al-Monitor", "Enab Baladi", "The National", "Daily Sabah"]
REPORTERS = ["Maya Gebeily", "Suleiman Al-Khalidi", "Timour Azhari", "Kareem Chehayeb", "Bassem Mroue",
             "Lina Sinjab", "Martin Chulov", "Raya Jalabi", "Ghaith Alsayed", "Omar Albam"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CAPTURE = ["captured", "seized", "took control of", "overran", "retook", "stormed", "entered", "siezed"]
WITHDRAW = ["withdrew from", "pulled out of", "retreated from", "abandoned", "fled", "redeployed away from"]
ATTACK = ["attacked", "shelled", "bombed", "struck", "launched an offensive against", "clashed with",
          "ambushed", "targeted"]
BACK = ["backs", "supports", "arms", "funds", "has long supported", "provided weapons to", "sent advisers to"]
BACKED = ["backed", "supported", "funded", "armed", "allied"]
NOISE = [
    "Aid agencies said more than {n},000 people had been displaced in the past {k} days.",
    "The price of bread in {place} has {verb} by {n} percent since the start of the month.",
    "Electricity was cut across much of {place} for {k} hours, residents said.",
    "Schools in the province remained closed, and hospitals reported shortages of fuel and medicine.",
    "The United Nations called for a {adj} ceasefire and urged all parties to protect civilians.",
    "Footage shared on social media, which could not be independently verified, showed columns of pickup trucks.",
    "The civil war, which began in 2011, has killed more than 500,000 people and displaced half the population.",
    "Traffic on the road between {place} and {place2} was light on {day}, a driver told {outlet}.",
    "Temperatures dropped below freezing overnight, adding to the hardship of families sleeping in tents.",
    "It was not immediately clear how many fighters were involved (estimates ranged from {n}00 to {k},000).",
    "\u201cWe have nothing left,\u201d said Umm {name}, {n}, who fled with her {k} children.",
    "The {currency} fell to {n},{k}00 against the dollar on the parallel market.",
    "Officials did not respond to requests for comment.",
    "The World Food Programme said it had delivered {k}00 tonnes of food to {place} this week.",
]


def _day(r: random.Random, published: dt.date) -> str:
    choice = r.randrange(7)
    if choice == 0:
        return "on " + WEEKDAYS[(published - dt.timedelta(days=r.randrange(1, 6))).weekday()]
    if choice == 1:
        d = published - dt.timedelta(days=r.randrange(0, 20))
        return f"on {d.day} {d:%B}" if r.random() < 0.5 else f"on {d:%B} {d.day}"
    return r.choice(["last week", "earlier this month", "overnight", "on Friday night", "two days ago",
                     "late on Sunday", "this morning", "yesterday", "in recent days", ""])


def _actor(r: random.Random, short: bool = False) -> str:
    if r.random() < 0.25:
        return r.choice(STATES)
    name, abbreviation = r.choice(GROUPS)
    return abbreviation if short or r.random() < 0.3 else name


def _place(r: random.Random) -> str:
    return r.choice(SITES) if r.random() < 0.15 else r.choice(PLACES)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _sentence(r: random.Random, published: dt.date) -> str:
    """One sentence: a relation in one of many shapes, or background noise."""
    a, b, place, when = _actor(r), _actor(r), _place(r), _day(r, published)
    state = r.choice(STATES)
    group = r.choice(GROUPS)[r.randrange(2)]
    src = r.choice(SOURCES)
    person, role = r.choice(PEOPLE)
    when_ = f" {when}" if when else ""
    kind = r.randrange(22)
    shapes = {
        0: f"{_cap(a)} {r.choice(CAPTURE)} {place}{when_}, according to {src}.",
        1: f"{_cap(place)} was captured by {a}{when_} after {r.randint(2, 9)} days of fighting.",
        2: f"The capture of {place} by {a} marks the biggest shift on the front lines in years.",
        3: f"{_cap(a)} {r.choice(WITHDRAW)} {place}{when_}, {src} said.",
        4: f"{_cap(src)} said {a} had {r.choice(ATTACK)} {b} near {place}.",
        5: f"{ADJECTIVE[state]}-{r.choice(BACKED)} fighters of {a} advanced towards {place}{when_}.",
        6: f"{_cap(state)} {r.choice(BACK)} {a}, which {r.choice(CAPTURE)} {place} last year.",
        7: f"{_cap(a)}, led by {person}, {r.choice(ATTACK)} positions held by {b}.",
        8: f"{person}, {role}, said the group would not stop until it reached {place}.",
        9: f"{_cap(state)} denied that it {r.choice(['backs', 'supports', 'funds'])} {a}.",
        10: f"{_cap(a)} could {r.choice(['attack', 'capture', 'seize'])} {place} within days, analysts warned.",
        11: f"{_cap(a)} did not {r.choice(['capture', 'attack', 'enter'])} {place}, {src} said, contradicting earlier reports.",
        12: f"Clashes between {a} and {b} {when} left at least {r.randint(3, 80)} people dead in {place}.",
        13: f"{_cap(group)} is a member of {r.choice(GROUPS)[0]}, an umbrella of factions {r.choice(['based in', 'active around'])} {place}.",
        14: f"{_cap(a)} and {b} have been allies since {r.randint(2012, 2022)}.",
        15: f"\u201cOur forces are in full control of {place},\u201d {person} told {r.choice(OUTLETS)}.",
        16: f"Warplanes, believed to be {ADJECTIVE[state]}, struck {place}{when_}, killing {r.randint(2, 40)} civilians.",
        17: f"{_cap(state)} has deployed troops (about {r.randint(1, 9)},000, by some estimates) to {place}.",
        18: f"{_cap(group)} ({r.choice(['formerly', 'also known as', 'previously'])} part of {b}) now controls {place}.",
        19: f"After {a} took {place}, {b} sent reinforcements from {r.choice(PLACES)} to hold the line.",
        20: f"{_cap(person)} accused {state} of arming {a} and warned of \u201cconsequences.\u201d",
        21: f"Government forces were moved from {place} to be reinforced elsewhere{when_}, {src} reported.",
    }
    if r.random() < 0.3:
        text = r.choice(NOISE).format(
            n=r.randint(2, 95), k=r.randint(2, 9), place=r.choice(PLACES), place2=r.choice(PLACES),
            verb=r.choice(["risen", "jumped", "fallen"]), adj=r.choice(["nationwide", "immediate", "humanitarian"]),
            day=r.choice(WEEKDAYS), outlet=r.choice(OUTLETS), name=r.choice(["Ahmad", "Khaled", "Mohammed"]),
            currency=r.choice(["Syrian pound", "Turkish lira"]))
    else:
        text = shapes[kind]
    text = " ".join(text.split())
    if r.random() < 0.01:  # a typo or doubled word, as wire copy has
        words = text.split()
        i = r.randrange(len(words))
        words.insert(i, words[i])
        text = " ".join(words)
    return text


def article(n: int, seed: int = 7) -> dict:
    """The ``n``-th article of the corpus for ``seed``: a dict with id, url, title, published, outlet, text.

    >>> a = article(3)
    >>> a["id"], len(a["text"].split()) > 100, a == article(3)
    ('bench-000003', True, True)
    """
    r = random.Random(seed * 1_000_003 + n)
    published = dt.date(2024, 11, 20) + dt.timedelta(days=r.randrange(60))
    outlet = r.choice(OUTLETS)
    place = r.choice(PLACES)
    headline = r.choice([
        f"{_cap(_actor(r))} advances on {place} as government lines crumble",
        f"Thousands flee {place} amid heavy fighting",
        f"{_cap(r.choice(STATES))} weighs response as {place} falls",
        f"What we know about the battle for {place}",
        f"Live: fighting rages around {place}",
    ])
    paragraphs: list[str] = []
    dateline = f"{place.upper()}, Syria ({outlet}) \u2014 " if r.random() < 0.6 else ""
    target = r.randint(18, 52)
    sentences = [_sentence(r, published) for _ in range(target)]
    while sentences:
        k = min(len(sentences), r.randint(1, 4))
        paragraphs.append(" ".join(sentences[:k]))
        sentences = sentences[k:]
    paragraphs[0] = dateline + paragraphs[0]
    if r.random() < 0.5:
        paragraphs.insert(0, f"By {r.choice(REPORTERS)}")
    if r.random() < 0.3:
        paragraphs.insert(len(paragraphs) // 2, "Read more: " + r.choice([
            "Who are the rebels who took Aleppo?", "Syria's war explained in maps", "The fall of a dynasty"]))
    if r.random() < 0.4:
        paragraphs.append(f"(Reporting by {r.choice(REPORTERS)}; editing by {r.choice(REPORTERS)})")
    if r.random() < 0.2:
        paragraphs.append(f"\u00a9 {published.year} {outlet}. All rights reserved.")
    return {"id": f"bench-{n:06d}", "url": f"https://news.example.org/{published:%Y/%m/%d}/story-{seed}-{n}",
            "title": headline, "published": published.isoformat(), "outlet": outlet,
            "text": "\n\n".join(paragraphs)}


def generate(size: int, seed: int = 7) -> Iterator[dict]:
    """``size`` articles, one at a time (nothing is held).

    >>> [a["id"] for a in generate(2)]
    ['bench-000000', 'bench-000001']
    """
    for n in range(size):
        yield article(n, seed)


def write_jsonl(path: str | Path, size: int, seed: int = 7) -> int:
    """Write ``size`` articles to ``path`` as JSON lines; returns the number of words written.

    >>> import tempfile, pathlib; write_jsonl(pathlib.Path(tempfile.mkdtemp()) / "c.jsonl", 2) > 200
    True
    """
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in generate(size, seed):
            words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def main(argv: list[str] | None = None) -> int:
    """``python bench/corpus.py --size N --out FILE``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="JSON lines file to write")
    args = parser.parse_args(argv)
    words = write_jsonl(args.out, args.size, args.seed)
    print(f"{args.size} articles, {words} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
