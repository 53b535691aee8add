"""Plain frozen values passed between the pipeline's steps.

Each step (ingest -> nlp -> actors -> relations -> rdf -> store) takes and gives
these values, so each can be tested alone and run in another process.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Document", "Actor", "Mention", "Claim"]


@dataclass(frozen=True)
class Document:
    """One article. ``source`` names where it came from (file, file:line) for error messages."""

    text: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Actor:
    """A canonical actor: an IRI, an ontology class local name, labels."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    discovered: bool = False


@dataclass(frozen=True)
class Mention:
    """A span of the document resolved to an actor, and how it was resolved."""

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
    superseded: bool = field(default=False, compare=False)
