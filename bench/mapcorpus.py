"""A synthetic store for the control map's benchmark: places over several wars, two years of claims.

Why synthetic: no corpus may be downloaded, and building 20,000 control claims from generated articles
would take an hour of spaCy; what the map reads is the store, so the store is written directly, with
``graph.rdf``'s own functions (one named graph per document, reified claims with their sentence,
offsets, rule, confidence, status, reporter and event date, ``ag:supersededBy`` set by
``mark_superseded``, places with their state and WGS84 coordinates in the actors graph), exactly the
quads a build writes. Deterministic for a seed.

What it holds, as real reports give it:

* ``places`` places in six theatres (Syria, Ukraine, Sudan, Mali, eastern DR Congo, Myanmar), spread
  around a few front lines in each; about 8% have no coordinates (regions mostly, as ISO 3166-2's);
* ``claims`` ``controls`` and ``withdrewFrom`` claims (of any status) over 2023 and 2024 by 37 actors,
  spread over the places with a long tail (a few front-line towns gather dozens of claims, most a few):
  captures, the loser's withdrawal in the same sentence, the loser's earlier hold in the same article
  (superseded by the capture), the other side's same-day claim that it still holds the town (contested),
  confirmations, and denied, negated, hypothetical and intended claims;
* a quarter as many claims of the other relations (backs, opposes, alliedWith, leads, memberOf) between
  the theatres' actors, for the timeline;
* articles of one theatre and a few days each (about six claims), from eight outlets, a third of the
  claims attributed to a reporter; an article whose claims all fall on its publication day often gives
  them no event date (the claim is dated by its article, as the controller query does).

``python bench/mapcorpus.py --places 2000 --claims 20000 --out DIR`` writes ``DIR/store``, which
``actorgraph map DIR`` (and every other command) reads.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

try:  # the graph under test (installed, or on PYTHONPATH), else this checkout's
    import graph  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.models import Actor, Claim, Document, Location  # noqa: E402  (after the path set-up)
from graph.namespaces import ACTOR  # noqa: E402
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads  # noqa: E402

__all__ = ["Summary", "THEATRES", "Theatre", "map_quads", "write_store", "main"]

FIRST, DAYS = dt.date(2023, 1, 1), 731  # 2023-01-01 .. 2024-12-31
OUTLETS = ("Levant Wire", "Frontline Daily", "Sahel Observer", "Great Lakes Post", "Irrawaddy Desk",
           "Eastern Europe Report", "Nile Dispatch", "Conflict Monitor Weekly")
REPORTER_NAMES = ("the Observatory", "the Monitoring Group", "local officials", "the Defence Ministry",
                  "a Rebel Spokesman's Office", "the UN Mission", "the Red Crescent", "the Civil Defence")
_SYLLABLES = ("al", "an", "ar", "ba", "da", "el", "ha", "ka", "ko", "la", "ma", "mi", "na", "ra", "sa",
              "ta", "ti", "ya", "za", "ru", "bu", "lo", "ne", "vi", "do", "ga", "ki", "so", "pe", "wa")
_PLACE_TYPES = (("Settlement", 0.80), ("Region", 0.07), ("Facility", 0.07), ("BorderCrossing", 0.06))
_OTHER_RELATIONS = (("opposes", 0.4), ("backs", 0.25), ("alliedWith", 0.15), ("leads", 0.1), ("memberOf", 0.1))
_NOT_ASSERTED = ("denied", "negated", "hypothetical", "intended")


@dataclass(frozen=True)
class Theatre:
    """A war: its state, a box of latitude and longitude, front-line centres, and its actors."""

    slug: str
    state: str
    weight: float
    lat: tuple[float, float]
    long: tuple[float, float]
    fronts: tuple[tuple[float, float], ...]
    actors: tuple[tuple[str, str], ...]  # (type, label); the first is the government's side


THEATRES: tuple[Theatre, ...] = (
    Theatre("syria", "Syria", 0.30, (32.3, 37.3), (35.7, 42.4), ((36.2, 37.1), (35.1, 36.7), (35.3, 40.1), (36.5, 40.7)),
            (("Government", "Syrian Government Forces"), ("ArmedGroup", "Northern Liberation Front"),
             ("ArmedGroup", "Free Syrian Brigades"), ("ArmedGroup", "Eastern Democratic Forces"),
             ("ArmedGroup", "Desert Caliphate Cells"), ("State", "Turkey"), ("ArmedGroup", "Coastal Shield Militia"))),
    Theatre("ukraine", "Ukraine", 0.25, (46.0, 50.5), (32.0, 40.2), ((48.6, 37.9), (47.5, 35.8), (49.6, 37.7)),
            (("State", "Ukraine"), ("State", "Russia"), ("ArmedGroup", "Donetsk Separatist Corps"),
             ("ArmedGroup", "Volunteer Legion"), ("ArmedGroup", "Private Assault Company"))),
    Theatre("sudan", "Sudan", 0.15, (9.5, 22.0), (22.0, 38.5), ((15.6, 32.5), (13.6, 25.3), (13.2, 30.2), (14.4, 33.5)),
            (("ArmedForces", "Sudanese Armed Forces"), ("ArmedGroup", "Rapid Support Forces"),
             ("ArmedGroup", "Darfur Joint Force"), ("ArmedGroup", "Southern Kordofan Movement"),
             ("ArmedGroup", "Eastern Sudan Front"), ("Coalition", "Popular Resistance Committees"))),
    Theatre("mali", "Mali", 0.10, (11.0, 20.5), (-5.5, 4.2), ((16.3, -3.0), (14.5, -4.2), (18.4, 1.4)),
            (("Government", "Malian Transitional Government"), ("ArmedGroup", "Sahel Jihadist Front"),
             ("ArmedGroup", "Azawad Liberation Movement"), ("ArmedGroup", "Greater Sahara Province"),
             ("ArmedGroup", "African Corps Contractors"), ("ArmedGroup", "Dozo Hunters' Militia"))),
    Theatre("dr-congo", "DR Congo", 0.10, (-5.0, 2.5), (27.0, 30.8), ((-1.6, 29.2), (-2.5, 28.8), (0.5, 29.4)),
            (("ArmedForces", "Congolese Armed Forces"), ("ArmedGroup", "March 23 Movement"),
             ("ArmedGroup", "Allied Democratic Rebels"), ("ArmedGroup", "Wazalendo Fighters"),
             ("ArmedGroup", "Ituri Cooperative Militia"), ("State", "Rwanda"))),
    Theatre("myanmar", "Myanmar", 0.10, (15.0, 27.0), (92.2, 99.5), ((23.0, 97.9), (20.1, 93.5), (22.0, 95.8)),
            (("ArmedForces", "Myanmar Military"), ("ArmedGroup", "Northern Brotherhood Army"),
             ("ArmedGroup", "Arakan Coastal Army"), ("ArmedGroup", "People's Defence Columns"),
             ("ArmedGroup", "Kachin Highland Army"), ("Coalition", "Three Brotherhood Alliance"),
             ("ArmedGroup", "Shan State Progress Army"))),
)


@dataclass
class Summary:
    """What a generated store holds (printed by the benchmark and checked by its test)."""

    places: int = 0
    located: int = 0
    control_claims: int = 0
    other_claims: int = 0
    superseded: int = 0
    documents: int = 0
    actors: int = 0
    quads: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    statuses: dict[str, int] = field(default_factory=dict)


@dataclass
class _Event:
    """Claims about one place on one day, told together in one article (``apart``: in an article of its own)."""

    theatre: int
    day: int
    claims: list[tuple[Actor, str, Actor, str, int, str]]  # subject, relation, object, status, day, sentence
    apart: bool = False


def _name(rng: random.Random, seen: set[str]) -> str:
    """A pronounceable place name not given before ("Tal Kaznara", "Samiru")."""
    prefixes = ("", "", "", "Tal ", "Kafr ", "Ain ", "Nova ", "Upper ", "Bir ", "Mont ")
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = rng.choice(prefixes) + word.capitalize()
        if name not in seen:
            seen.add(name)
            return name


def _places(rng: random.Random, count: int) -> list[tuple[int, Actor]]:
    """(theatre index, place) for ``count`` places, clustered around each theatre's front lines."""
    seen: set[str] = set()
    states = [ACTOR[t.slug] for t in THEATRES]
    result = []
    for i in range(count):
        k = rng.choices(range(len(THEATRES)), [t.weight for t in THEATRES])[0]
        theatre = THEATRES[k]
        kind = rng.choices([t for t, _ in _PLACE_TYPES], [w for _, w in _PLACE_TYPES])[0]
        lat = long = None
        if rng.random() >= (0.6 if kind == "Region" else 0.04):  # about 8% unlocated in all
            centre = rng.choice(theatre.fronts)
            lat = round(min(max(rng.gauss(centre[0], 0.7), theatre.lat[0]), theatre.lat[1]), 5)
            long = round(min(max(rng.gauss(centre[1], 0.7), theatre.long[0]), theatre.long[1]), 5)
        label = _name(rng, seen)
        where = Location(str(states[k]), lat, long, None, theatre.state)
        result.append((k, Actor(str(ACTOR[f"bench-place-{i}"]), kind, label, location=where)))
    return result


def _actors() -> list[list[Actor]]:
    """Each theatre's actors, the government's side first."""
    return [[Actor(str(ACTOR[f"bench-{t.slug}-{j}"]), kind, label) for j, (kind, label) in enumerate(t.actors)]
            for t in THEATRES]


def _budgets(rng: random.Random, places: int, claims: int) -> list[int]:
    """Control claims per place: at least one each, the rest with a long tail (Zipf-like weights)."""
    weights = [1 / (rank + 1) ** 0.55 for rank in range(places)]
    rng.shuffle(weights)
    extra = rng.choices(range(places), weights, k=max(0, claims - places))
    budget = [1] * places
    for p in extra:
        budget[p] += 1
    return budget


def _when(day: int) -> str:
    d = FIRST + dt.timedelta(days=day)
    return f"{d.day} {d:%B %Y}"


def _capture(rng: random.Random, k: int, place: Actor, day: int, new: Actor, old: Actor | None) -> list[_Event]:
    """``new`` takes ``place`` (from ``old``): the capture, often the loser's withdrawal in the same article,
    sometimes the loser's earlier hold (superseded) and the loser's same-day claim that it still holds it."""
    claims = []
    if old is not None and rng.random() < 0.2 and day > 10:
        before = day - rng.randint(5, min(60, day))
        claims.append((old, "controls", place, "asserted", before,
                       f"{old.label} had held {place.label} since {_when(before)}, residents said, "
                       f"with checkpoints on every road into the town and its market."))
    claims.append((new, "controls", place, "asserted", day,
                   f"{new.label} captured {place.label} on {_when(day)} after several days of heavy fighting "
                   f"on its outskirts, according to local sources and footage shared online."))
    if old is not None and rng.random() < 0.45:
        claims.append((old, "withdrewFrom", place, "asserted", day,
                       f"{old.label} withdrew from {place.label} towards the south, a commander said, "
                       f"calling the retreat a tactical redeployment to spare civilians."))
    events = [_Event(k, day, claims)]
    if old is not None and rng.random() < 0.1:
        events.append(_Event(k, day, [(old, "controls", place, "asserted", day,
                                       f"{old.label} said it still held {place.label} on {_when(day)} and "
                                       f"denied reports that its fighters had abandoned their positions.")],
                             apart=True))
    return events


def _aside(rng: random.Random, k: int, place: Actor, day: int, holder: Actor | None, other: Actor) -> _Event:
    """A report that changes nothing: a confirmation, or a claim that is not asserted."""
    if holder is not None and rng.random() < 0.7:
        return _Event(k, day, [(holder, "controls", place, "asserted", day,
                                f"{holder.label} remained in control of {place.label} on {_when(day)}, "
                                f"where shops reopened and displaced families began to return.")])
    status = rng.choice(_NOT_ASSERTED)
    relation = "withdrewFrom" if status in ("denied", "negated") else "controls"
    actor = holder if relation == "withdrewFrom" and holder is not None else other
    verb = {"denied": "denied that it had withdrawn from", "negated": "did not withdraw from",
            "hypothetical": "could capture", "intended": "vowed to retake"}[status]
    return _Event(k, day, [(actor, relation, place, status, day,
                            f"{actor.label} {verb} {place.label}, a spokesman said on {_when(day)}, "
                            f"as fighting continued in the surrounding villages.")])


def _place_events(rng: random.Random, k: int, place: Actor, budget: int, actors: list[Actor]) -> list[_Event]:
    """The place's history: its control claims, ``budget`` of them, in date order."""
    days = sorted(rng.randrange(DAYS) for _ in range(budget))
    holder: Actor | None = None
    events: list[_Event] = []
    left = budget
    for day in days:
        if left <= 0:
            break
        other = rng.choice([a for a in actors if a is not holder])
        if holder is not None and rng.random() < 0.07:  # the holder leaves and nobody takes it
            new = [_Event(k, day, [(holder, "withdrewFrom", place, "asserted", day,
                                    f"{holder.label} pulled out of {place.label} on {_when(day)}, "
                                    f"leaving the town to no one, witnesses said.")])]
            holder = None
        elif holder is None or rng.random() < 0.5:
            new, holder = _capture(rng, k, place, day, other, holder), other
        else:
            new = [_aside(rng, k, place, day, holder, other)]
        for event in new:
            event.claims = event.claims[:left]
            left -= len(event.claims)
            if event.claims:
                events.append(event)
    return events


def _other_events(rng: random.Random, count: int, actors: list[list[Actor]]) -> list[_Event]:
    """``count`` claims of the other relations between each theatre's actors, one per event."""
    events = []
    for _ in range(count):
        k = rng.choices(range(len(THEATRES)), [t.weight for t in THEATRES])[0]
        relation = rng.choices([r for r, _ in _OTHER_RELATIONS], [w for _, w in _OTHER_RELATIONS])[0]
        a, b = rng.sample(actors[k], 2)
        status = "asserted" if rng.random() < 0.85 else rng.choice(_NOT_ASSERTED)
        day = rng.randrange(DAYS)
        words = {"opposes": "clashed with", "backs": "sent weapons to", "alliedWith": "announced a pact with",
                 "leads": "took command of", "memberOf": "joined"}[relation]
        events.append(_Event(k, day, [(a, relation, b, status, day,
                                       f"{a.label} {words} {b.label} on {_when(day)}, officials said, in a "
                                       f"move observers said could reshape the front.")]))
    return events


def _articles(rng: random.Random, events: list[_Event]) -> Iterator[tuple[int, int, list[_Event]]]:
    """(theatre, publication day, events) of each article: one theatre's events of a few days, about six
    claims; an event told ``apart`` (the other side's version) is an article of its own."""
    pending: dict[int, list[_Event]] = {}
    for event in sorted(events, key=lambda e: (e.day, e.theatre)):
        if event.apart:
            yield event.theatre, event.day, [event]
            continue
        current = pending.setdefault(event.theatre, [])
        if current and (event.day - current[0].day > 3 or sum(len(e.claims) for e in current) >= rng.randint(3, 9)):
            yield event.theatre, current[-1].day + rng.choice((0, 0, 1)), current
            current = pending[event.theatre] = []
        current.append(event)
    for theatre, current in pending.items():
        if current:
            yield theatre, current[-1].day + rng.choice((0, 0, 1)), current


def _claims(rng: random.Random, events: list[_Event], published: int, reporters: list[Actor]) -> tuple[str, list[Claim]]:
    """An article's text and its claims, with offsets into it; an article whose claims are all of its
    publication day often leaves them undated (they are then dated by the article)."""
    rows = [row for event in events for row in event.claims]
    undated = all(row[4] == published for row in rows) and rng.random() < 0.5
    text, claims = "", []
    for subject, relation, obj, status, day, sentence in rows:
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        kind = {"controls": "ASSAULT", "withdrewFrom": "RETREAT", "opposes": "ASSAULT", "backs": "SUPPORT",
                "alliedWith": "COOPERATE"}.get(relation, "AFFILIATION")
        claims.append(Claim(subject, relation, obj, status, sentence, start, start + len(sentence),
                            f"{relation}.verb", rng.choice((0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)),
                            event_date=None if undated else FIRST + dt.timedelta(days=day),
                            reported_by=rng.choice(reporters) if rng.random() < 0.33 else None,
                            event_type=kind))
    return text, claims


def map_quads(places: int, claims: int, *, seed: int = 18, summary: Summary | None = None) -> Iterator[Quad]:
    """The quads of a store with ``places`` places and ``claims`` control and withdrawal claims (plus a
    quarter as many of the other relations), as a build writes them; ``summary`` is filled in on the way.

    >>> s = Summary()
    >>> quads = list(map_quads(12, 60, summary=s))
    >>> s.places, s.control_claims, s.other_claims, s.quads == len(quads)
    (12, 60, 15, True)
    """
    if places < 1 or claims < places:
        raise ValueError(f"need at least one place and one claim per place (got {places} places, {claims} claims)")
    rng = random.Random(seed)
    s = summary if summary is not None else Summary()
    located = _places(rng, places)
    actors = _actors()
    reporters = [Actor(str(ACTOR[f"bench-reporter-{i}"]), "Organization", name.removeprefix("the ").capitalize())
                 for i, name in enumerate(REPORTER_NAMES)]
    events = [e for (k, place), budget in zip(located, _budgets(rng, places, claims))
              for e in _place_events(rng, k, place, budget, actors[k])]
    events += _other_events(rng, claims // 4, actors)
    everyone = [a for group in actors for a in group] + reporters + [p for _, p in located]
    s.places, s.actors = places, len(everyone) - places
    s.located = sum(p.location.lat is not None for _, p in located)
    quads = list(actor_quads(everyone))
    for n, (k, day, told) in enumerate(_articles(rng, events)):
        text, article = _claims(rng, told, day, reporters)
        outlet = rng.choice(OUTLETS)
        document = Document(text, id=f"bench-map-{n}", url=f"https://news.example.org/{THEATRES[k].slug}/{n}",
                            title=f"{THEATRES[k].state}: fighting reported around {told[0].claims[0][2].label}",
                            published=FIRST + dt.timedelta(days=day), outlet=outlet)
        iri = doc_iri(document)
        quads += document_quads(document, iri)
        quads += claim_quads(article, iri)
        _count(s, article, FIRST + dt.timedelta(days=day))
    s.documents = n + 1
    s.superseded = sum(q.predicate.value.endswith("#supersededBy") for q in quads)
    s.quads = len(quads)
    yield from quads


def _count(s: Summary, article: list[Claim], published: dt.date) -> None:
    for c in article:
        if c.relation in ("controls", "withdrewFrom"):
            s.control_claims += 1
            s.statuses[c.status] = s.statuses.get(c.status, 0) + 1
        else:
            s.other_claims += 1
        day = c.event_date or published
        s.first = day if s.first is None or day < s.first else s.first
        s.last = day if s.last is None or day > s.last else s.last


def write_store(folder: Path, places: int, claims: int, *, seed: int = 18) -> Summary:
    """Write the store into ``folder/store`` (what ``actorgraph map folder`` reads); returns what it holds."""
    from graph.store import OxigraphStore

    summary = Summary()
    with OxigraphStore(Path(folder) / "store") as store:
        store.bulk_extend(map_quads(places, claims, seed=seed, summary=summary))
    return summary


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic store and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=20000, help="controls and withdrewFrom claims")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--out", type=Path, required=True, help="folder: the store goes to OUT/store")
    args = parser.parse_args(argv)
    if (args.out / "store").exists():
        parser.error(f"{args.out / 'store'}: already exists; give an empty folder")
    s = write_store(args.out, args.places, args.claims, seed=args.seed)
    print(f"{args.out / 'store'}: {s.places:,} places ({s.located:,} with coordinates), {s.control_claims:,} "
          f"control claims ({s.superseded:,} superseded), {s.other_claims:,} other claims, {s.documents:,} "
          f"articles, {s.actors} actors, {s.quads:,} quads, {s.first} to {s.last}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
