"""Plain frozen values passed between the pipeline's steps.

Each step (ingest -> nlp -> actors -> relations -> rdf -> store) takes and gives
these values, so each can be tested alone and run in another process.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Document", "Location", "Actor", "Mention", "Claim"]


@dataclass(frozen=True)
class Document:
    """One article. ``source`` names where it came from (file, file:line) for error messages.

    >>> doc = Document("Turkey backs the SNA.", id="d1", source="news.jsonl:3")
    >>> doc.id, doc.source, doc.published is None
    ('d1', 'news.jsonl:3', True)
    """

    text: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Location:
    """Where a place is: the actor IRI of its state, WGS84 coordinates and its GeoNames id, each when known.

    >>> hama = Location("https://w3id.org/actorgraph/id/actor/syria", 35.13179, 36.75783, 170017)
    >>> hama.lat, hama.geonames, Location().country is None
    (35.13179, 170017, True)
    """

    country: str | None = None
    lat: float | None = None
    long: float | None = None
    geonames: int | None = None
    #: the state's preferred label, written with it so that the state is a labelled node of the graph
    country_label: str | None = None


@dataclass(frozen=True)
class Actor:
    """A canonical actor: an IRI, an ontology class local name, labels.

    >>> sna = Actor("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup", "Syrian National Army", ("SNA",))
    >>> sna.label, sna.aliases, sna.discovered
    ('Syrian National Army', ('SNA',), False)
    """

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    discovered: bool = False
    #: a place's state and coordinates (graph.gazetteer), None for actors and places not located
    location: Location | None = None


@dataclass(frozen=True)
class Mention:
    """A span of the document resolved to an actor, and how it was resolved.

    >>> turkey = Actor("https://w3id.org/actorgraph/id/actor/turkey", "State", "Turkey")
    >>> m = Mention(0, 6, "Ankara", turkey, "alias")
    >>> m.actor.label, m.end - m.start, m.how
    ('Turkey', 6, 'alias')
    """

    start: int
    end: int
    text: str
    actor: Actor
    how: str


@dataclass(frozen=True)
class Claim:
    """One piece of evidence for a relation between two actors.

    Only claims with ``status == "asserted"`` become relation triples; the
    others stay claims so that denials and hypotheticals remain queryable.

    >>> turkey = Actor("https://w3id.org/actorgraph/id/actor/turkey", "State", "Turkey")
    >>> sna = Actor("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup", "SNA")
    >>> text = "Turkey denied that it backs the SNA."
    >>> c = Claim(turkey, "backs", sna, "denied", text, 0, len(text), "backs.verb", 0.8)
    >>> c.status = "asserted"  # claims are values: a later stage makes a new one
    Traceback (most recent call last):
    ...
    dataclasses.FrozenInstanceError: cannot assign to field 'status'
    """

    subject: Actor
    relation: str
    object: Actor
    status: str
    sentence: str
    char_start: int
    char_end: int
    rule: str
    confidence: float
    event_date: dt.date | None = None
    reported_by: Actor | None = None
    #: PLOVER event type of the rule record that made the claim ("ASSAULT"), or "AFFILIATION"
    event_type: str | None = None
