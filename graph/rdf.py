"""Documents and claims -> quads (pure: no I/O).

One named graph per document holds what that document says: its asserted
relation triples and one ``ag:Claim`` per piece of evidence, in standard RDF
reification (rdflib has no RDF-star). Actors go to the actors graph and
document metadata to the documents graph, so that re-ingesting or removing a
document touches its own graph and metadata only.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from .config import EXTRACTOR_VERSION
from .models import Actor, Claim, Document
from .namespaces import (
    ACTORS_GRAPH,
    AG,
    CLAIM,
    DCTERMS,
    DOC,
    DOCUMENTS_GRAPH,
    GEO,
    GEONAMES,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    relation_iri,
    status_iri,
)
from .sanitize import clean_label

__all__ = ["doc_iri", "doc_identity", "content_hash", "document_quads", "actor_quads", "location_quads", "claim_quads",
           "mark_superseded"]


_SURROGATES = re.compile("[\ud800-\udfff]")


def _n(iri: str) -> NamedNode:
    return NamedNode(str(iri))


_TYPE, _LABEL, _PREF, _ALT = _n(RDF.type), _n(RDFS.label), _n(SKOS.prefLabel), _n(SKOS.altLabel)
_XSD_DATE, _XSD_INT, _XSD_DEC, _XSD_URI, _XSD_BOOL = (_n(XSD.date), _n(XSD.integer), _n(XSD.decimal),
                                                      _n(XSD.anyURI), _n(XSD.boolean))


def content_hash(text: str) -> str:
    """A hash of the text that identifies a document's content across runs.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def doc_identity(document: Document) -> str:
    """What makes two documents the same document: its ``id``, else its URL, else its text.

    Ingest gives an article read from a file without an ``id`` or URL of its own the file's path
    relative to the input as its ``id``, so a corrected file is still the same document; only text
    from nowhere (a JSON line with neither) is known by its content alone.

    >>> doc_identity(Document(text="x", id="d1", url="https://example.org/a")), doc_identity(Document(text="x"))[:10]
    ('id:d1', 'text:2d711')
    """
    if document.id:
        return "id:" + document.id
    if document.url:
        return "url:" + document.url
    return "text:" + content_hash(document.text)


def doc_iri(document: Document) -> str:
    """The document's IRI, from its identity (``doc_identity``): so re-ingesting a changed or
    re-fetched article replaces its earlier version.

    >>> doc_iri(Document(text="x", url="https://example.org/a"))
    'https://w3id.org/actorgraph/id/doc/010cec320b0ab0d07e31f049c593e848'
    >>> doc_iri(Document(text="x", id="d1")) == doc_iri(Document(text="corrected x", id="d1"))
    True
    """
    return str(DOC[hashlib.sha256(doc_identity(document).encode("utf-8", "surrogatepass")).hexdigest()[:32]])


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=_XSD_DATE)


def _text(value: str) -> Literal:
    """A string literal every serializer can write: a lone surrogate (never valid UTF-8) shows as U+FFFD.

    Ingest already replaces them with a warning; this keeps direct API input from failing at write time.
    """
    return Literal(_SURROGATES.sub("\ufffd", value))


def document_quads(document: Document, iri: str) -> Iterator[Quad]:
    """Metadata of one document, in the documents graph.

    >>> doc = Document("Rebels took Hama on Thursday.", title="Rebels take Hama", published=dt.date(2024, 12, 6))
    >>> quads = list(document_quads(doc, doc_iri(doc)))
    >>> [(q.predicate.value.replace("#", "/").rsplit("/", 1)[-1], q.object.value) for q in quads[2:5]]
    [('title', 'Rebels take Hama'), ('issued', '2024-12-06'), ('wordCount', '5')]
    >>> {q.graph_name.value for q in quads}
    {'https://w3id.org/actorgraph/id/graph/documents'}
    """
    g, s = _n(DOCUMENTS_GRAPH), _n(iri)
    yield Quad(s, _TYPE, _n(AG.Document), g)
    yield Quad(s, _TYPE, _n(SCHEMA.NewsArticle), g)
    if document.title:
        yield Quad(s, _n(DCTERMS.title), _text(clean_label(document.title)), g)
    if document.url:
        yield Quad(s, _n(SCHEMA.url), Literal(document.url, datatype=_XSD_URI), g)
    if document.published:
        yield Quad(s, _n(DCTERMS.issued), _date(document.published), g)
    if document.outlet:
        yield Quad(s, _n(DCTERMS.publisher), _text(clean_label(document.outlet)), g)
    if document.id:
        yield Quad(s, _n(DCTERMS.identifier), _text(document.id), g)
    yield Quad(s, _n(AG.wordCount), Literal(str(len(document.text.split())), datatype=_XSD_INT), g)
    yield Quad(s, _n(AG.contentHash), Literal(content_hash(document.text)), g)
    yield Quad(s, _n(AG.extractor), Literal(EXTRACTOR_VERSION), g)


def actor_quads(actors: Iterable[Actor]) -> Iterator[Quad]:
    """Type and labels of each actor, and where a place is, in the actors graph.

    >>> sna = Actor("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup", "Syrian National Army", ("SNA",))
    >>> for q in actor_quads([sna]):
    ...     print(q.predicate.value.replace("#", "/").rsplit("/", 1)[-1], q.object.value)
    type https://w3id.org/actorgraph#ArmedGroup
    label Syrian National Army
    prefLabel Syrian National Army
    altLabel SNA
    """
    g = _n(ACTORS_GRAPH)
    for actor in actors:
        s = _n(actor.iri)
        yield Quad(s, _TYPE, _n(AG[actor.type]), g)
        yield Quad(s, _LABEL, _text(actor.label), g)
        yield Quad(s, _PREF, _text(actor.label), g)
        for alias in actor.aliases:
            yield Quad(s, _ALT, _text(alias), g)
        if actor.discovered:
            yield Quad(s, _n(AG.discovered), Literal("true", datatype=_XSD_BOOL), g)
        if actor.location is not None:
            yield from location_quads(actor, g)


def location_quads(actor: Actor, g: NamedNode) -> Iterator[Quad]:
    """A place's state (``ag:locatedIn``), WGS84 coordinates (``geo:lat``, ``geo:long``, decimal degrees)
    and GeoNames feature (``owl:sameAs``), each when known.

    >>> from graph.models import Location
    >>> hama = Actor("https://w3id.org/actorgraph/id/actor/hama", "Settlement", "Hama",
    ...              location=Location("https://w3id.org/actorgraph/id/actor/syria", 35.13179, 36.75783, 170017, "Syria"))
    >>> for q in location_quads(hama, NamedNode(ACTORS_GRAPH)):
    ...     print(q.subject.value.rsplit("/", 1)[-1], q.predicate.value.replace("#", "/").rsplit("/", 1)[-1], q.object.value)
    hama locatedIn https://w3id.org/actorgraph/id/actor/syria
    syria type https://w3id.org/actorgraph#State
    syria label Syria
    syria prefLabel Syria
    hama lat 35.13179
    hama long 36.75783
    hama sameAs https://sws.geonames.org/170017/
    """
    s, where = _n(actor.iri), actor.location
    if where.country is not None and where.country != actor.iri:
        yield Quad(s, _n(AG.locatedIn), _n(where.country), g)
        if where.country_label:
            state = _n(where.country)
            yield Quad(state, _TYPE, _n(AG.State), g)
            yield Quad(state, _LABEL, _text(where.country_label), g)
            yield Quad(state, _PREF, _text(where.country_label), g)
    if where.lat is not None and where.long is not None and -90 <= where.lat <= 90 and -180 <= where.long <= 180:
        yield Quad(s, _n(GEO.lat), Literal(str(Decimal(str(where.lat))), datatype=_XSD_DEC), g)
        yield Quad(s, _n(GEO.long), Literal(str(Decimal(str(where.long))), datatype=_XSD_DEC), g)
    if where.geonames is not None:
        yield Quad(s, _n(OWL.sameAs), _n(f"{GEONAMES}{int(where.geonames)}/"), g)


def claim_iri(iri: str, claim: Claim) -> str:
    """Stable claim IRI, so a re-run writes the same quads."""
    key = "|".join((iri, claim.subject.iri, claim.relation, claim.object.iri, str(claim.char_start),
                    str(claim.char_end), claim.status, claim.rule))
    return str(CLAIM[hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]])


def mark_superseded(claims: list[Claim]) -> dict[int, int]:
    """Index of each asserted ``controls`` claim -> index of the later claim that ends it.

    Within one article a control claim is superseded by a later (by event date, else
    text order) withdrawal of the same actor from the place, or by a later capture of
    the place by another actor.

    >>> hts = Actor("https://w3id.org/actorgraph/id/actor/hts", "ArmedGroup", "HTS")
    >>> sna = Actor("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup", "SNA")
    >>> tal_rifaat = Actor("https://w3id.org/actorgraph/id/actor/tal-rifaat", "Settlement", "Tal Rifaat")
    >>> took = Claim(hts, "controls", tal_rifaat, "asserted", "HTS took Tal Rifaat.", 0, 20, "capture", 0.9)
    >>> left = Claim(hts, "withdrewFrom", tal_rifaat, "asserted", "HTS left it.", 21, 33, "withdraw", 0.9)
    >>> seized = Claim(sna, "controls", tal_rifaat, "asserted", "The SNA seized it.", 34, 52, "capture", 0.9,
    ...                event_date=dt.date(2024, 12, 1))
    >>> mark_superseded([took, left]), mark_superseded([took, seized]), mark_superseded([seized, took])
    ({0: 1}, {0: 1}, {1: 0})
    """
    order = {i: (c.event_date or dt.date.min, c.char_start) for i, c in enumerate(claims)}
    result: dict[int, int] = {}
    for i, c in enumerate(claims):
        if c.relation != "controls" or c.status != "asserted":
            continue
        for j, d in enumerate(claims):
            if j == i or d.status != "asserted" or d.object.iri != c.object.iri or order[j] <= order[i]:
                continue
            if (d.relation == "withdrewFrom" and d.subject.iri == c.subject.iri) or \
                    (d.relation == "controls" and d.subject.iri != c.subject.iri):
                if i not in result or order[j] < order[result[i]]:
                    result[i] = j
    return result


def claim_quads(claims: list[Claim], iri: str, *, min_confidence: float = 0.0) -> Iterator[Quad]:
    """Claims and the relation triples they assert, in the document's own graph.

    Only asserted claims at or above ``min_confidence`` produce a relation triple;
    every claim is kept as evidence whatever its status.

    >>> from pyoxigraph import NamedNode
    >>> turkey = Actor("https://w3id.org/actorgraph/id/actor/turkey", "State", "Turkey")
    >>> sna = Actor("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup", "SNA")
    >>> backs = Claim(turkey, "backs", sna, "asserted", "Turkey backs the SNA.", 0, 21, "backs.verb", 0.9)
    >>> denies = Claim(sna, "backs", turkey, "denied", "The SNA denied backing Turkey.", 22, 52, "deny", 0.8)
    >>> def count(quads):
    ...     quads = list(quads)
    ...     return (sum(q.predicate == NamedNode(AG.backs) for q in quads),
    ...             sum(q.object == NamedNode(AG.Claim) for q in quads))
    >>> count(claim_quads([backs, denies], "https://w3id.org/actorgraph/id/doc/d1"))  # (relation triples, claims)
    (1, 2)
    >>> count(claim_quads([backs, denies], "https://w3id.org/actorgraph/id/doc/d1", min_confidence=0.95))
    (0, 2)
    """
    g, d = _n(iri), _n(iri)
    superseded = mark_superseded(claims)
    iris = [claim_iri(iri, c) for c in claims]
    for i, claim in enumerate(claims):
        c = _n(iris[i])
        s, p, o = _n(claim.subject.iri), _n(relation_iri(claim.relation)), _n(claim.object.iri)
        if claim.status == "asserted" and claim.confidence >= min_confidence:
            yield Quad(s, p, o, g)
        yield Quad(c, _TYPE, _n(AG.Claim), g)
        yield Quad(c, _n(RDF.subject), s, g)
        yield Quad(c, _n(RDF.predicate), p, g)
        yield Quad(c, _n(RDF.object), o, g)
        yield Quad(c, _n(PROV.wasDerivedFrom), d, g)
        yield Quad(c, _n(AG.sentence), _text(claim.sentence), g)
        yield Quad(c, _n(AG.charStart), Literal(str(claim.char_start), datatype=_XSD_INT), g)
        yield Quad(c, _n(AG.charEnd), Literal(str(claim.char_end), datatype=_XSD_INT), g)
        yield Quad(c, _n(AG.rule), Literal(claim.rule), g)
        yield Quad(c, _n(AG.confidence), Literal(str(Decimal(str(claim.confidence))), datatype=_XSD_DEC), g)
        yield Quad(c, _n(AG.status), _n(status_iri(claim.status)), g)
        if claim.reported_by is not None:
            yield Quad(c, _n(AG.reportedBy), _n(claim.reported_by.iri), g)
        if claim.event_date is not None:
            yield Quad(c, _n(AG.eventDate), _date(claim.event_date), g)
        if claim.event_type is not None:  # "ASSAULT" -> ag:Assault (ontology/actorgraph.ttl, event types)
            yield Quad(c, _n(AG.eventType), _n(AG + claim.event_type.capitalize()), g)
        if i in superseded:
            yield Quad(c, _n(AG.supersededBy), _n(iris[superseded[i]]), g)
