"""The control map's data: places, their control claims with evidence, who held each when, a timeline.

The map page (``map_view``) colours each place by its controller as of the date on a slider and must
redraw in milliseconds, so it never asks the store per date: this module reads the store once, in a
few bounded named queries (``ontology/queries/internal/map-*.rq``, run through ``store.query`` so a
SPARQL server is read like an embedded store), and computes each place's *bands* with
:mod:`graph.control`, the ``controller`` query's own logic. The map, ``actorgraph query DIR
controller`` and ``ActorGraph.controller`` therefore answer alike for every date.

Every text (labels, sentences, titles) is passed on as data, unchanged: escaping it is the page's job.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import itemgetter
from typing import Any

from pyoxigraph import NamedNode

from ..control import ControlClaim, bands_by_place
from ..namespaces import PLACE_RELATIONS
from ..queries import load
from ..store import GraphStore, restrict
from .terms import PLACE_CLASSES, actor_type, day, local, number, value

__all__ = ["map_data"]


def _int(term: Any) -> int | None:
    found = number(term)
    return None if found is None else int(found)


_CLAIM_VARIABLES = ("claim", "actor", "p", "place", "status", "sentence", "start", "end", "rule", "confidence",
                    "date", "reporter", "successor", "doc")


def _columns(result: Any, names: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """Each row of a SELECT result as a tuple of the ``names`` variables' terms (None when unbound),
    for two names or more: a row is read as a tuple in one step, faster than by a lookup per variable."""
    order = [v.value for v in result.variables]
    pick = itemgetter(*(order.index(n) for n in names))
    for row in result:
        yield pick(tuple(row))


@lru_cache(maxsize=256)
def _name(iri: str) -> str:
    """The local name of a relation or status IRI (a few distinct ones, met on every row)."""
    return local(iri)


def _status(term: Any) -> str:
    return "asserted" if term is None else _name(term.value).lower()


def _claim_rows(store: GraphStore) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """Every controls/withdrewFrom claim as the map's claim dict (``date`` only the event date, the
    document's fields and ``reporter``'s label still to fill in), and the claims that supersede each."""
    claims: dict[str, dict[str, Any]] = {}
    successors: dict[str, set[str]] = defaultdict(set)
    rows = _columns(store.query(load("internal/map-claims"), union=False), _CLAIM_VARIABLES)
    for claim, actor, p, place, status, sentence, start, end, rule, confidence, date, reporter, successor, doc in rows:
        if not isinstance(actor, NamedNode) or not isinstance(place, NamedNode):
            continue
        iri = claim.value
        if successor is not None:
            successors[iri].add(successor.value)
        if iri in claims:
            continue
        claims[iri] = {
            "id": iri, "place": place.value, "actor": actor.value, "relation": _name(p.value),
            "status": _status(status), "date": day(date),
            "sentence": value(sentence) or "", "start": _int(start), "end": _int(end),
            "rule": value(rule), "confidence": number(confidence),
            "doc": value(doc), "title": None, "url": None, "publisher": None, "reporter": value(reporter),
        }
    return claims, successors


def _with_documents(store: GraphStore, claims: Iterable[dict[str, Any]]) -> None:
    """Fill in each claim's document title, URL and outlet, and date an undated claim by its document.

    Every document's metadata is read (a few rows per document, far fewer than claims): asking for
    thousands of documents by VALUES costs the store twice as much as reading them all."""
    claims = list(claims)
    docs = {c["doc"] for c in claims if c["doc"]}
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    names = ("title", "url", "issued", "publisher")
    rows = _columns(store.query(load("internal/map-documents"), union=False), ("doc", *names)) if docs else ()
    for doc, *terms in rows:
        if doc.value in docs:
            known = found[doc.value]
            for name, term in zip(names, terms):
                if term is not None:
                    known.setdefault(name, term)
    for claim in claims:
        known = found.get(claim["doc"], {})
        claim["title"], claim["url"], claim["publisher"] = (value(known.get(k)) for k in ("title", "url", "publisher"))
        claim["date"] = claim["date"] or day(known.get("issued"))


def _edges(store: GraphStore) -> set[tuple[str, str, str]]:
    """The (actor, relation, place) triples that exist: only claims backed by one count for control."""
    return {(row["actor"].value, _name(row["p"].value), row["place"].value)
            for row in store.query(load("internal/map-edges"), union=False)}


def _control_claims(claims: dict[str, dict[str, Any]], successors: dict[str, set[str]],
                    edges: set[tuple[str, str, str]]) -> list[ControlClaim]:
    """The claims as graph.control reads them. A successor is always a controls or withdrewFrom claim
    of the same document (graph.rdf.mark_superseded), so its date is among the claims read here (one
    from elsewhere would count as undated)."""
    def when(successor: str) -> str | None:
        found = claims.get(successor)
        return found["date"] if found else None

    return [ControlClaim(c["id"], c["actor"], c["place"], c["relation"], c["date"],
                         asserted=c["status"] == "asserted",
                         edge=(c["actor"], c["relation"], c["place"]) in edges,
                         successors=tuple(sorted((when(s) for s in successors.get(c["id"], ())),
                                                 key=lambda d: d or "")))
            for c in claims.values()]


def _grouped(rows: Iterable[Any], key: str, names: tuple[str, ...]) -> dict[str, dict[str, set[str]]]:
    """Rows of a UNION query as {IRI: {variable: values}}, for the variables ``names``."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for iri, *terms in _columns(rows, (key, *names)):
        known = found[iri.value]
        for name, term in zip(names, terms):
            if term is not None:
                known[name].add(term.value)
    return found


def _places(store: GraphStore, iris: set[str]) -> list[dict[str, Any]]:
    """Label, class, state and coordinates of each place (null where the store does not know them)."""
    if not iris:
        return []
    rows = store.query(restrict(load("internal/map-places"), "place", sorted(iris)), union=False)
    found = _grouped(rows, "place", ("type", "label", "country", "countryLabel", "lat", "long"))
    places = []
    for iri in sorted(iris):
        known = found.get(iri, {})
        lat, long = _coordinate(known.get("lat")), _coordinate(known.get("long"))
        located = lat is not None and long is not None
        places.append({
            "id": iri, "label": min(known.get("label") or {local(iri)}),
            "type": _place_type(known.get("type", ())),
            "country": _first(known.get("country")), "countryLabel": _first(known.get("countryLabel")),
            "lat": lat if located else None, "long": long if located else None,
        })
    return places


def _place_type(types: Iterable[str]) -> str:
    """The most specific place class (``Place`` for an object the actors graph does not call a place)."""
    found = actor_type(types, PLACE_CLASSES)
    return "Place" if found == "Actor" else found


def _first(values: set[str] | None) -> str | None:
    return min(values) if values else None


def _coordinate(values: set[str] | None) -> float | None:
    try:
        return float(min(values)) if values else None
    except ValueError:
        return None


def _actors(store: GraphStore, iris: set[str]) -> dict[str, dict[str, str]]:
    """Label and class of each actor; an IRI the actors graph lacks gets its local name."""
    if not iris:
        return {}
    rows = store.query(restrict(load("internal/page-actors"), "actor", sorted(iris)), union=False)
    found = _grouped(rows, "actor", ("type", "pref", "label"))
    result = {}
    for iri in sorted(iris):
        known = found.get(iri, {})
        result[iri] = {"label": min(known.get("pref") or known.get("label") or {local(iri)}),
                       "type": actor_type(known.get("type", ()))}
    return result


def _events(store: GraphStore, claims: Iterable[dict[str, Any]], max_claims: int | None) -> list[list[Any]]:
    """Every dated claim of every relation as a compact row, by date: the control ``claims`` already
    read, then the other relations' claims, of which at most ``max_claims`` less those are read."""
    events = [[c["date"], c["relation"], c["status"], c["confidence"], c["actor"], c["place"]]
              for c in claims if c["date"]]
    sparql = load("internal/map-events")
    if max_claims is not None:
        # no ORDER BY: sorting would make the server read every claim
        sparql += f"\nLIMIT {max(0, int(max_claims) - len(events))}"
    seen: set[str] = set()
    names = ("claim", "p", "s", "o", "status", "confidence", "event", "issued")
    rows = _columns(store.query(sparql, union=False), names)
    for claim, p, s, o, status, confidence, event, issued in rows:
        date = day(event) or day(issued)
        if date is None or claim.value in seen or not isinstance(s, NamedNode) or not isinstance(o, NamedNode):
            continue
        seen.add(claim.value)
        events.append([date, _name(p.value), _status(status), number(confidence), s.value, o.value])
    return sorted(events, key=lambda e: (e[0], e[1], e[4], e[5], e[2]))


def map_data(store: GraphStore, *, title: str | None = None, max_claims: int | None = None) -> dict[str, Any]:
    """Places, control claims, controller bands and timeline events of a store, ready for JSON.

    ``max_claims`` bounds the timeline's events: the control claims are read whole (bands computed
    from part of a place's claims would contradict the ``controller`` query), the other relations'
    claims up to what is left of ``max_claims``. ``title`` is carried as the page's title.

    >>> from pyoxigraph import RdfFormat
    >>> from graph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> s.raw.load(b'''@prefix ag: <https://w3id.org/actorgraph#> .
    ... @prefix actor: <https://w3id.org/actorgraph/id/actor/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... @prefix prov: <http://www.w3.org/ns/prov#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    ... @prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
    ... <https://w3id.org/actorgraph/id/graph/actors> {
    ...   actor:hts a ag:ArmedGroup ; skos:prefLabel "HTS" .
    ...   actor:hama a ag:Settlement ; skos:prefLabel "Hama" ; geo:lat 35.13 ; geo:long 36.75 . }
    ... <https://w3id.org/actorgraph/id/doc/d1> {
    ...   actor:hts ag:controls actor:hama .
    ...   <https://w3id.org/actorgraph/id/claim/c1> a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ;
    ...     rdf:object actor:hama ; ag:status ag:Asserted ; ag:confidence 0.9 ; ag:eventDate "2024-12-05"^^xsd:date ;
    ...     ag:sentence "HTS took Hama." ; prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/d1> . }''',
    ...   format=RdfFormat.TRIG)
    >>> data = map_data(s)
    >>> data["places"][0]["label"], data["places"][0]["lat"], data["actors"]["https://w3id.org/actorgraph/id/actor/hts"]
    ('Hama', 35.13, {'label': 'HTS', 'type': 'ArmedGroup'})
    >>> hama = data["bands"]["https://w3id.org/actorgraph/id/actor/hama"]
    >>> [(b["from"], [local(a) for a in b["controllers"]]) for b in hama]
    [('2024-12-05', ['hts'])]
    >>> data["first"], data["last"], data["events"][0][:3]
    ('2024-12-05', '2024-12-05', ['2024-12-05', 'controls', 'asserted'])
    """
    claims, successors = _claim_rows(store)
    _with_documents(store, claims.values())
    edges = _edges(store)
    bands = bands_by_place(_control_claims(claims, successors, edges))
    ordered = sorted(claims.values(), key=lambda c: (c["place"], c["date"] or "", c["actor"], c["id"]))
    events = _events(store, ordered, max_claims)
    place_iris = {c["place"] for c in ordered}
    # a state may be both (the object of a withdrawal, the subject of a claim)
    actor_iris = {c["actor"] for c in ordered} | {e[4] for e in events} | \
        {e[5] for e in events if e[1] not in PLACE_RELATIONS}
    reporters = {c["reporter"] for c in ordered if c["reporter"]}
    actors = _actors(store, actor_iris | reporters)
    for claim in ordered:
        if claim["reporter"]:
            claim["reporter"] = actors[claim["reporter"]]["label"]
    days = sorted({c["date"] for c in ordered if c["date"]} | {e[0] for e in events})
    return {
        "title": title,
        "first": days[0] if days else None, "last": days[-1] if days else None,
        "actors": {iri: actors[iri] for iri in sorted(actor_iris)},
        "places": _places(store, place_iris),
        "claims": ordered,
        "bands": {place: [b.as_dict() for b in found] for place, found in bands.items()},
        "events": events,
    }
