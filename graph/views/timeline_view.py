"""The timeline component's assets, and what a page needs to inline them safely.

``assets/timeline.js`` draws claims per relation over time and a place's controllers
(``window.agTimeline``: see the file's head and /work/shared's map contract); the map page and
the actor pages of ``actorgraph serve`` inline it. An inlined script runs under a
Content-Security-Policy that allows exactly the page's own scripts, by their SHA-256, and
nothing remote: markup smuggled into a label could neither run nor load anything.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from pyoxigraph import NamedNode

from ..control import ControlClaim, bands
from ..queries import load
from ..store import GraphStore, restrict
from .terms import PLACE_CLASSES, actor_type, day, local, number

__all__ = ["MAX_EVENTS", "actor_page_script", "actor_timeline", "place_bands", "content_security_policy", "inline_scripts", "script_hash",
           "timeline_assets"]

#: the claims of one actor an actor page reads at most (its timeline says when it was cut)
MAX_EVENTS = 20_000

#: an inline script element without a ``type`` or ``src`` (JSON data blocks are not run, so need no hash)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def _asset(name: str) -> str:
    """A file of ``assets/``, checked inlinable: nothing in it ends its ``<script>`` or ``<style>`` element."""
    path = resources.files(__package__).joinpath("assets", name)
    text = path.read_text(encoding="utf-8")
    if re.search(r"</script|<!--|</style", text, re.IGNORECASE):
        raise RuntimeError(f"{path}: contains markup that would end its inline element")
    return text


@lru_cache(maxsize=1)
def timeline_assets() -> tuple[str, str]:
    """``timeline.js`` and ``timeline.css``, checked inlinable.

    >>> script, style = timeline_assets()
    >>> "window.agTimeline" in script, ".agt-chart" in style
    (True, True)
    """
    return _asset("timeline.js"), _asset("timeline.css")


@lru_cache(maxsize=1)
def actor_page_script() -> str:
    """The script of the server's actor pages (``assets/actor-timeline.js``): draws :func:`actor_timeline`'s
    data with ``timeline.js`` and makes the claims table follow the filters.

    >>> "agt-data" in actor_page_script()
    True
    """
    return _asset("actor-timeline.js")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script's text.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(page: str) -> list[str]:
    """The text of each inline script a page runs (``<script>...</script>``, no attributes).

    >>> inline_scripts('<script type="application/json">{}</script><script>go()</script>')
    ['go()']
    """
    return _INLINE_SCRIPT.findall(page)


def content_security_policy(scripts: Iterable[str]) -> str:
    """A policy that runs only these inline scripts and loads nothing from anywhere: no remote
    script, style, image, font, frame or connection; inline styles are allowed (the pages set
    them), forms post nowhere, and ``<base>`` cannot redirect links.

    >>> content_security_policy(["alert(1)"]).split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
    """
    hashes = " ".join(dict.fromkeys(script_hash(s) for s in scripts)) or "'none'"
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _events(store: GraphStore, actor: NamedNode, limit: int) -> tuple[list[list[Any]], bool]:
    """The actor's claims as the timeline's compact rows (one per claim IRI), and whether they were cut."""
    rows = store.query(load("internal/actor-timeline") + f"\nLIMIT {int(limit) + 1}", {"a": actor}, union=False)
    events: dict[str, list[Any]] = {}
    for row in rows:
        claim, other = row["claim"], row["x"]
        if claim.value in events or not isinstance(other, NamedNode):
            continue  # a claim of the actor about itself comes back from both halves
        s, o = (actor.value, other.value) if row["subjectSide"] is not None else (other.value, actor.value)
        status = local(row["status"].value).lower() if row["status"] is not None else "asserted"
        events[claim.value] = [day(row["date"]) or day(row["issued"]), local(row["p"].value), status,
                               number(row["confidence"]), s, o]
    cut = len(events) > limit
    return list(events.values())[:limit], cut


def _actors(store: GraphStore, iris: set[str]) -> dict[str, dict[str, str]]:
    """Label and class of each actor (as the map's data has them); an IRI the actors graph lacks gets
    its local name."""
    found: dict[str, dict[str, set[str]]] = {iri: {"type": set(), "pref": set(), "label": set()} for iri in iris}
    for row in store.query(restrict(load("internal/page-actors"), "actor", sorted(iris)), union=False) if iris else ():
        for name in ("type", "pref", "label"):
            if row[name] is not None:
                found[row["actor"].value][name].add(row[name].value)
    return {iri: {"label": min(known["pref"] or known["label"] or {local(iri)}), "type": actor_type(known["type"])}
            for iri, known in sorted(found.items())}


def place_bands(store: GraphStore, place: str | NamedNode) -> list[dict[str, Any]]:
    """Who held the place when: :func:`graph.control.bands` (the ``controller`` query's logic) over the
    place's own control claims, read by one query bound to the place (``internal/place-control``).

    >>> from pyoxigraph import RdfFormat
    >>> from graph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> s.raw.load(b'''@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    ... @prefix prov: <http://www.w3.org/ns/prov#> .
    ... <https://w3id.org/actorgraph/id/doc/d1> { actor:hts ag:controls actor:hama . actor:hts ag:withdrewFrom actor:hama .
    ...   <https://w3id.org/actorgraph/id/claim/c1> rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:hama ;
    ...     ag:status ag:Asserted ; ag:eventDate "2024-12-05"^^xsd:date ; prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/d1> .
    ...   <https://w3id.org/actorgraph/id/claim/c2> rdf:subject actor:hts ; rdf:predicate ag:withdrewFrom ; rdf:object actor:hama ;
    ...     ag:status ag:Asserted ; ag:eventDate "2024-12-09"^^xsd:date ; prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/d1> . }
    ... ''', format=RdfFormat.TRIG)
    >>> [(b["from"], [local(a) for a in b["controllers"]]) for b in place_bands(s, "https://w3id.org/actorgraph/id/actor/hama")]
    [('2024-12-05', ['hts']), ('2024-12-09', [])]
    """
    iri = place if isinstance(place, NamedNode) else NamedNode(place)
    claims: dict[str, dict[str, Any]] = {}
    for row in store.query(load("internal/place-control"), {"place": iri}, union=False):
        if not isinstance(row["actor"], NamedNode):
            continue
        published = day(row["issued"])
        claim = claims.setdefault(row["claim"].value, {
            "actor": row["actor"].value, "relation": local(row["p"].value), "successors": {},
            "asserted": row["status"] is None or local(row["status"].value) == "Asserted",
            "edge": row["edge"].value == "true", "date": day(row["date"]) or published})
        if row["successor"] is not None:  # of the same document: dated by its event, else that document
            claim["successors"][row["successor"].value] = day(row["successorEvent"]) or published
    found = [ControlClaim(claim_iri, c["actor"], iri.value, c["relation"], c["date"], asserted=c["asserted"],
                          edge=c["edge"], successors=tuple(sorted(c["successors"].values(), key=lambda d: d or "")))
             for claim_iri, c in claims.items()]
    return [band.as_dict() for band in bands(found)]


def actor_timeline(store: GraphStore, actor: str | NamedNode, *, max_events: int = MAX_EVENTS) -> dict[str, Any]:
    """What an actor page's timeline draws, read with bounded queries: the actor's claims (at most
    ``max_events``, by index lookups on the actor), the labels and classes of the actors they name and,
    for a place, who held it when (:func:`place_bands`).

    ``events`` are the map contract's compact rows (day: the event date, else the publication date;
    null when neither is known), sorted by day; ``actors`` label every actor they name; ``place`` says
    whether the actor is a place; ``bands`` are its controllers over time (None for an actor that is
    not a place); ``first`` and ``last`` the span of both.

    >>> from pyoxigraph import RdfFormat
    >>> from graph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> s.raw.load(b'''@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... <https://w3id.org/actorgraph/id/graph/actors> { actor:hts a ag:ArmedGroup ; skos:prefLabel "HTS" .
    ...   actor:aleppo a ag:Settlement ; skos:prefLabel "Aleppo" . }
    ... <https://w3id.org/actorgraph/id/doc/d1> { <https://w3id.org/actorgraph/id/claim/c1> a ag:Claim ;
    ...   rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:aleppo ; ag:status ag:Asserted ;
    ...   ag:confidence 0.9 ; ag:eventDate "2024-11-29"^^xsd:date . }''', format=RdfFormat.TRIG)
    >>> data = actor_timeline(s, "https://w3id.org/actorgraph/id/actor/aleppo")
    >>> data["events"], data["place"], data["actors"]["https://w3id.org/actorgraph/id/actor/hts"]["label"]
    ([['2024-11-29', 'controls', 'asserted', 0.9, 'https://w3id.org/actorgraph/id/actor/hts', \
'https://w3id.org/actorgraph/id/actor/aleppo']], True, 'HTS')
    """
    iri = actor if isinstance(actor, NamedNode) else NamedNode(actor)
    events, cut = _events(store, iri, max_events)
    events.sort(key=lambda e: (e[0] is None, e[0] or "", e[1]))
    named = {iri.value} | {e[k] for e in events for k in (4, 5)}
    kind = _actors(store, {iri.value})[iri.value]["type"]
    found = place_bands(store, iri) if kind in PLACE_CLASSES else None
    named |= {a for band in found or () for a in band["controllers"]}
    actors = _actors(store, named)
    days = [e[0] for e in events if e[0]] + [band["from"] for band in found or ()]
    return {"actor": iri.value, "label": actors[iri.value]["label"], "place": found is not None,
            "events": events, "truncated": cut, "maxEvents": max_events, "actors": actors, "bands": found,
            "first": min(days) if days else None, "last": max(days) if days else None}
