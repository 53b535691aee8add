"""ActorGraph: the Python API over a store.

Reads like pyoxigraph: ``ActorGraph()`` in memory and ``ActorGraph.open(path)``
on disk behave the same; plain verbs (``add_text``, ``add_documents``,
``query``, ``remove``, ``save``, ``to_networkx``, ``to_html``, ``to_map``).

The typed helpers (``backers``, ``opponents``, ``controller``, ``evidence``,
``actors``) run the canned queries of ``ontology/queries`` with their
parameters bound, never formatted into the SPARQL text, and return small
frozen dataclasses; actors may be given by IRI, label or any alias.

>>> g = ActorGraph()
>>> g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
>>> [(tie.label, tie.claims) for tie in g.backers("Syrian government")]
[('Russia', 1)]
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pyoxigraph import Quad, QueryBoolean, QuerySolutions, RdfFormat

from .actors import ActorDictionary
from .config import EXTRACTOR_VERSION, Settings
from .errors import ActorGraphError
from .extract import Extractor
from .files import write_text_whole
from .ingest import InputWarning
from .lexicon import Lexicon
from .models import Actor, Claim, Document
from .namespaces import AG, relation_iri
from .queries import load
from .rdf import actor_quads, claim_quads, content_hash, doc_identity, doc_iri, document_quads
from .sanitize import clean_text
from .store import GraphStore, OxigraphStore, SparqlStore

__all__ = ["ActorGraph", "BuildStats", "Tie", "Control", "Evidence", "UnknownActorError", "ACTOR_TYPES",
           "EXAMPLE_TRIG"]

#: the ontology's actor and place classes (local names), as ``actors(type=...)`` accepts them
ACTOR_TYPES: tuple[str, ...] = (
    "Actor", "State", "Government", "ArmedForces", "ArmedGroup", "Coalition", "PoliticalOrganization", "Organization", "Person",
    "Place", "Settlement", "BorderCrossing", "Region", "Facility",
)
_GENERIC_TYPES = frozenset({"Actor", "Place"})

#: a tiny graph in the data model (docs/data-model.md): the docstring examples load it into memory
EXAMPLE_TRIG = b"""
@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
@prefix doc: <https://w3id.org/actorgraph/id/doc/> . @prefix claim: <https://w3id.org/actorgraph/id/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/actorgraph/id/graph/actors> {
  actor:russia a ag:State ; rdfs:label "Russia" ; skos:prefLabel "Russia" ; skos:altLabel "Moscow" .
  actor:assad-government a ag:Government ; rdfs:label "Assad government" ; skos:prefLabel "Assad government" ;
      skos:altLabel "Syrian government" .
  actor:hts a ag:ArmedGroup ; rdfs:label "Hayat Tahrir al-Sham" ; skos:prefLabel "Hayat Tahrir al-Sham" ;
      skos:altLabel "HTS" .
  actor:aleppo a ag:Settlement ; rdfs:label "Aleppo" ; skos:prefLabel "Aleppo" . }
<https://w3id.org/actorgraph/id/graph/documents> {
  doc:d1 a ag:Document, schema:NewsArticle ; dcterms:title "Rebels take Aleppo" ;
      dcterms:issued "2024-12-01"^^xsd:date ; ag:wordCount 12 . }
doc:d1 {
  actor:russia ag:backs actor:assad-government .
  actor:hts ag:opposes actor:assad-government .
  actor:hts ag:controls actor:aleppo .
  claim:c1 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:assad-government ;
      prov:wasDerivedFrom doc:d1 ; ag:sentence "Russia backs the Syrian government." ; ag:charStart 0 ;
      ag:charEnd 35 ; ag:rule "backs.verb" ; ag:confidence 0.9 ; ag:status ag:Asserted .
  claim:c2 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:opposes ; rdf:object actor:assad-government ;
      prov:wasDerivedFrom doc:d1 ; ag:sentence "HTS fought government troops." ; ag:charStart 36 ;
      ag:charEnd 65 ; ag:rule "opposes.verb" ; ag:confidence 0.8 ; ag:status ag:Asserted .
  claim:c3 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:aleppo ;
      prov:wasDerivedFrom doc:d1 ; ag:sentence "HTS captured Aleppo on Saturday." ; ag:charStart 66 ;
      ag:charEnd 98 ; ag:rule "controls.verb" ; ag:confidence 0.9 ; ag:status ag:Asserted ;
      ag:eventDate "2024-11-30"^^xsd:date . }
"""

_NO_DOCUMENT = "urn:actorgraph:no-document"


class UnknownActorError(ActorGraphError, LookupError):
    """A name that is neither an actor in the graph nor in the actor dictionary (one line, names it)."""


@dataclass
class BuildStats:
    """What one ingestion did: documents seen, extracted, skipped as unchanged; claims and edges.

    >>> BuildStats().documents
    0
    """

    documents: int = 0
    extracted: int = 0
    unchanged: int = 0
    words: int = 0
    claims: int = 0
    edges: int = 0
    doc_iris: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Tie:
    """The actor at the other end of a relation, and the evidence behind the edge.

    ``direction`` is ``"in"`` when ``actor`` is the subject (it backs or opposes the actor asked
    about) and ``"out"`` when it is the object. ``claims`` and ``documents`` count the asserted
    claims and their documents; ``confidence`` is their highest; ``first`` and ``last`` are their
    dates (event date, else publication date; None if some claim has neither).

    >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> (tie,) = g.opponents("Assad government")
    >>> tie.label, tie.relation, tie.direction, tie.claims, tie.documents, tie.last
    ('Hayat Tahrir al-Sham', 'opposes', 'in', 1, 1, datetime.date(2024, 12, 1))
    """

    actor: str
    label: str
    relation: str
    direction: str
    claims: int
    documents: int
    confidence: float | None
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class Control:
    """Who held a place as of a date, according to one claim: since when, and the sentence saying so.

    >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> (control,) = g.controller("Aleppo")
    >>> control.place_label, control.label, control.since, control.sentence
    ('Aleppo', 'Hayat Tahrir al-Sham', datetime.date(2024, 11, 30), 'HTS captured Aleppo on Saturday.')
    """

    place: str
    place_label: str
    controller: str
    label: str
    since: dt.date
    sentence: str
    document: str
    title: str | None
    url: str | None
    claim: str


@dataclass(frozen=True)
class Evidence:
    """One asserted claim behind a relation triple: the sentence, how it was found, and its source.

    >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> (e,) = g.evidence(subject="HTS", relation="controls")
    >>> e.object_label, e.rule, e.confidence, e.event_date, e.published
    ('Aleppo', 'controls.verb', 0.9, datetime.date(2024, 11, 30), datetime.date(2024, 12, 1))
    >>> e.claim
    'https://w3id.org/actorgraph/id/claim/c3'
    """

    subject: str
    subject_label: str
    relation: str
    object: str
    object_label: str
    sentence: str
    rule: str | None
    confidence: float | None
    event_date: dt.date | None
    reporter: str | None
    reporter_label: str | None
    document: str
    title: str | None
    url: str | None
    published: dt.date | None
    publisher: str | None
    claim: str


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _as_of(value: object) -> dt.date | None:
    """A date to query as of: a ``date``, a ``datetime`` (its date) or an ISO string; None is "latest".

    Anything else would be bound as a literal of another type and match nothing, silently.

    >>> _as_of("2024-12-08"), _as_of(dt.datetime(2024, 12, 8, 17, 30)), _as_of("2024-12-08T17:30:00")
    (datetime.date(2024, 12, 8), datetime.date(2024, 12, 8), datetime.date(2024, 12, 8))
    >>> _as_of(20241231)
    Traceback (most recent call last):
    TypeError: as_of=20241231: expected a date, a datetime or an ISO date string such as '2024-12-08', not int
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"as_of={value!r}: expected a date, a datetime or an ISO date string such as '2024-12-08', "
                        f"not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise ValueError(f"as_of={value!r}: expected a date such as 2024-12-08") from None


def _date_or_none(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


class ActorGraph:
    """A sourced actor graph in an Oxigraph store (or a SPARQL server, see ``connect``).

    >>> g = ActorGraph()
    >>> len(g)
    0
    >>> g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> g.resolve("HTS")
    'https://w3id.org/actorgraph/id/actor/hts'
    """

    def __init__(self, store: GraphStore | None = None, *, settings: Settings | None = None,
                 extractor: Extractor | None = None) -> None:
        self.store: GraphStore = store if store is not None else OxigraphStore()
        self.settings = settings or Settings()
        self._extractor = extractor

    @classmethod
    def open(cls, path: str | Path, **kwargs) -> "ActorGraph":
        """The graph stored on disk at ``path``, created if absent.

        ``path`` is a build's ``DIR``, whose store lives in ``DIR/store`` (the layout ``actorgraph
        build --out DIR`` makes), or the store folder itself: one holding a store already, or a
        folder named ``store``. So ``open(DIR)`` and ``open(DIR / "store")`` open the same graph.

        >>> import pathlib, tempfile; folder = pathlib.Path(tempfile.mkdtemp())
        >>> ActorGraph.open(folder).query("ASK { ?s ?p ?o }"), (folder / "store" / "CURRENT").is_file()
        (False, True)
        """
        path = Path(path)
        store_path = path if (path / "CURRENT").is_file() or path.name == "store" else path / "store"
        return cls(OxigraphStore(store_path), **kwargs)

    @classmethod
    def connect(cls, url: str, **kwargs) -> "ActorGraph":
        """The graph kept in a SPARQL 1.1 server (see ``graph.store.sparql`` for URLs of Fuseki, GraphDB, Virtuoso).

        >>> ActorGraph.connect("http://127.0.0.1:7878").store
        SparqlStore('http://127.0.0.1:7878')
        """
        return cls(SparqlStore(url), **kwargs)

    @property
    def extractor(self) -> Extractor:
        """The extraction pipeline, loaded on first use (the spaCy model takes a second).

        >>> ActorGraph().extractor.settings.min_confidence
        0.5
        """
        if self._extractor is None:
            self._extractor = Extractor(self.settings)
        return self._extractor

    @cached_property
    def dictionary(self) -> ActorDictionary:
        """The actor dictionary (bundled plus ``settings.actor_files``), which ``resolve`` falls back on.

        >>> ActorGraph().dictionary.lookup("the Kremlin").label
        'Russia'
        """
        if isinstance(self._extractor, Extractor):
            return self._extractor.dictionary
        return ActorDictionary.bundled(*self.settings.actor_files,
                                       lexicon=Lexicon.bundled(*self.settings.lexicon_files))

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        """Flush and release the store, so that another process (a build, a server) may open it.

        >>> g = ActorGraph(); g.close()
        """
        self.store.close()

    def __enter__(self) -> "ActorGraph":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- writing -----------------------------------------------------------------------------
    def add_text(self, text: str, *, url: str | None = None, published: dt.date | str | None = None,
                 title: str | None = None, outlet: str | None = None, id: str | None = None) -> list[Claim]:
        """Extract one article and store it; returns its claims (asserted or not).

        Needs the spaCy model, so the example is not run as a doctest (tests/test_api.py runs it).

        >>> g = ActorGraph()
        >>> claims = g.add_text("Russia backs the Syrian government.", published="2024-12-06")  # doctest: +SKIP
        >>> [(c.subject.label, c.relation, c.object.label) for c in claims]  # doctest: +SKIP
        [('Russia', 'backs', 'Assad government')]
        """
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        found: list[Claim] = []
        self.add_documents([Document(text=text, url=url, published=published, title=title, outlet=outlet, id=id)],
                           on_claims=lambda _doc, claims: found.extend(claims))
        return found

    def add_documents(self, documents: Iterable[Document], *, batch_docs: int = 32,
                      on_claims: Callable[[Document, list[Claim]], None] | None = None,
                      progress: Callable[[Document, list[Claim]], None] | None = None,
                      check: Callable[[list[tuple[str, list[Quad]]], list[Quad]], None] | None = None,
                      flush: bool = True) -> BuildStats:
        """Extract and store many documents, skipping those already stored unchanged.

        Each text is cleaned as ingest cleans it (``graph.sanitize.clean_text``: controls, zero-width and
        bidi characters removed, lone surrogates replaced with an ``InputWarning``), since documents made
        in Python never went through ingest; ingested text is unchanged by it.
        Each batch of ``batch_docs`` documents is written in one transaction (see
        ``GraphStore.write_documents``). Why 32: a build checks each batch before writing it, and the
        check of 32 documents costs less than half that of 64 (the pre-check's counting queries grow
        faster than the batch); the last batch, checked after the extraction, is shorter too.
        When nothing needs extracting (no documents, or all unchanged) the spaCy model is not loaded.
        ``on_claims`` sees every document's claims (and forces re-extraction); ``progress`` is called
        after each extracted document. ``check`` sees each batch (``(document IRI, quads)`` pairs) and
        its actor quads before they are written: an exception it raises stops the ingestion with that
        batch unwritten (the CLI checks the shapes so, ``graph.validate.validate_batch``). The writes are
        flushed to disk at the end unless ``flush=False`` (the CLI flushes beside the page it then writes).

        >>> ActorGraph().add_documents([])
        BuildStats(documents=0, extracted=0, unchanged=0, words=0, claims=0, edges=0, doc_iris=[])
        """
        stats = BuildStats()
        seen: dict[str, str] = {}  # IRI -> the name of the document of this run that has it
        counted: dict[str, tuple[int, int]] = {}  # IRI -> (claims, edges) counted for it

        def todo() -> Iterable[Document]:
            for document in documents:
                document = _cleaned(document)
                stats.documents += 1
                stats.words += len(document.text.split())
                iri = doc_iri(document)
                stats.doc_iris.append(iri)
                earlier, seen[iri] = seen.get(iri), _name(document)
                if earlier is not None:  # the later version replaces the earlier, unchanged or not
                    warnings.warn(f"{_name(document)} is the same document as {earlier} ({doc_identity(document)}): "
                                  "the later replaces the earlier", InputWarning, stacklevel=3)
                elif on_claims is None and self.store.has_document(iri, content_hash(document.text),
                                                                   EXTRACTOR_VERSION):
                    stats.unchanged += 1
                    continue
                yield document

        pending = iter(todo())
        first = next(pending, None)
        if first is None:
            return stats
        batch: list[tuple[str, list]] = []
        actors: dict[str, Actor] = {}

        def write(batch: list[tuple[str, list]], actors: dict[str, Actor]) -> None:
            shared = list(actor_quads(actors.values()))
            if check is not None:
                check(batch, shared)
            self.store.write_documents(batch, shared)

        results = self.extractor.extract(itertools.chain([first], pending))
        with contextlib.closing(results) if hasattr(results, "close") else contextlib.nullcontext():
            for document, claims in results:
                iri, quads, edges = self._mapped(document, claims, actors)
                replaced = counted.get(iri)
                if replaced is None:
                    stats.extracted += 1
                else:  # a later version of a document of this run: its figures replace the earlier's
                    stats.claims -= replaced[0]
                    stats.edges -= replaced[1]
                counted[iri] = (len(claims), edges)
                stats.claims += len(claims)
                stats.edges += edges
                batch = [entry for entry in batch if entry[0] != iri]  # one version per document in a write
                batch.append((iri, quads))
                batch += [(stale, []) for stale in self._earlier_versions(document, iri)]
                if on_claims is not None:
                    on_claims(document, claims)
                if progress is not None:
                    progress(document, claims)
                if len(batch) >= batch_docs:
                    write(batch, actors)
                    batch, actors = [], {}
        if batch:
            write(batch, actors)
        if flush:
            self.store.flush()
        return stats

    def _mapped(self, document: Document, claims: list[Claim], actors: dict[str, Actor]) -> tuple[str, list, int]:
        """A document's IRI, its quads (metadata, claims, edges) and its edge count; notes its actors."""
        iri = doc_iri(document)
        quads = list(document_quads(document, iri))
        quads += claim_quads(claims, iri, min_confidence=self.settings.min_confidence)
        for claim in claims:
            for actor in (claim.subject, claim.object, claim.reported_by):
                if actor is not None:
                    actors[actor.iri] = actor
        edges = sum(1 for c in claims if c.status == "asserted" and c.confidence >= self.settings.min_confidence)
        return iri, quads, edges

    def _earlier_versions(self, document: Document, iri: str) -> list[str]:
        """Stored documents of the same source under another IRI (a store written before document
        identity was its source): dropped in the same write as the new version."""
        if document.id:
            rows = self.query(load("internal/same-id"), {"id": document.id, "iri": iri})
        elif document.url:
            rows = self.query(load("internal/same-url"), {"url": document.url, "iri": iri})
        else:
            return []
        return [row["d"] for row in rows]

    def remove(self, document: str | Path) -> list[str]:
        """Drop a document and every edge only it supported; returns the IRIs removed (none: ``[]``).

        ``document`` is named as a user sees it: its IRI, its URL, its id, or the path of the file it
        was built from (every article in that file; the path may be given from any folder above the
        one the build was given, since a file's id is its path relative to that input).

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> g.remove("https://w3id.org/actorgraph/id/doc/d1")
        ['https://w3id.org/actorgraph/id/doc/d1']
        >>> g.query("ASK { ?s ag:backs ?o }"), g.remove("https://example.org/nothing")
        (False, [])
        """
        removed = []
        for iri in self._documents_named(str(document)):
            if self.store.remove_document(iri) is not None:
                removed.append(iri)
        return removed

    def _documents_named(self, name: str) -> list[str]:
        """The stored documents a user's name for them denotes (see ``remove``)."""
        found = self.store.find_document(name) if name.strip() else None
        iris = [found.value] if found is not None else []
        path = Path(name)
        parts = path.parts
        ids = {name} | {Path(*parts[i:]).as_posix() for i in range(len(parts))}
        if path.is_file():
            from .ingest import iter_documents

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for read in iter_documents([path], skip_bad=True, warn=lambda _message: None):
                    iris.append(doc_iri(read))
                    ids.update(filter(None, [read.id]))
        for identifier in sorted(ids):
            iris += [row["d"] for row in self.query(load("internal/same-id"), {"id": identifier, "iri": _NO_DOCUMENT})]
        return list(dict.fromkeys(i for i in iris if self.store.find_document(i) is not None))

    # ---- reading -----------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """SPARQL over the union of the document graphs; ``bindings`` are bound, never formatted in.

        SELECT gives a list of dicts (variable -> Python value), ASK a bool, CONSTRUCT/DESCRIBE a list of triples.
        A bound variable must appear in the SELECT clause (a pyoxigraph rule).

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> g.query("SELECT ?label ?a WHERE { ?a <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
        ...         {"a": "https://w3id.org/actorgraph/id/actor/hts"})
        [{'label': 'Hayat Tahrir al-Sham', 'a': 'https://w3id.org/actorgraph/id/actor/hts'}]
        """
        result = self.store.query(sparql, bindings)
        if isinstance(result, QueryBoolean):
            return bool(result)
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: _py(row[n]) for n in names if row[n] is not None} for row in result]
        return list(result)

    def resolve(self, name: str, *, in_graph: bool = False) -> str:
        """The IRI of the actor a name denotes: an IRI as is, else a label or alias in the graph
        (case-insensitive), else the actor dictionary (which also folds accents, "the", titles).

        With ``in_graph=True`` the actor must also be in this graph (the typed helpers ask so:
        an actor no stored article mentions has no backers because nothing is known of it, and
        an empty answer would read as "nobody backs it").

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> g.resolve("moscow"), g.resolve("Bashar al-Assad")
        ('https://w3id.org/actorgraph/id/actor/russia', 'https://w3id.org/actorgraph/id/actor/bashar-al-assad')
        >>> g.resolve("Nobody at all")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graph.api.UnknownActorError: 'Nobody at all': no actor of that name or alias in the graph or the ...
        >>> g.resolve("Bashar al-Assad", in_graph=True)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        graph.api.UnknownActorError: 'Bashar al-Assad': the actor dictionary knows it (...), but no stored article ...
        """
        if not isinstance(name, str) or not name.strip():
            raise UnknownActorError(f"{name!r}: an actor is named by a non-empty label, alias or IRI")
        name = name.strip()
        if name.startswith(("http://", "https://", "urn:")):
            iri = name
        else:
            rows = self.query(load("internal/resolve"), {"name": name.lower()})
            if rows:
                return rows[0]["actor"]
            actor = self.dictionary.lookup(name)
            if actor is None:
                raise UnknownActorError(f"{name!r}: no actor of that name or alias in the graph or the actor dictionary")
            iri = actor.iri
        if in_graph and not self.query(load("internal/actor-present"), {"actor": iri}):
            known = "" if iri == name else f"the actor dictionary knows it ({iri}), but "
            raise UnknownActorError(f"{name!r}: {known}no stored article mentions this actor")
        return iri

    def backers(self, actor: str) -> list[Tie]:
        """Who backs ``actor`` (a name or an IRI), most evidence first.

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> (tie,) = g.backers("Assad government")
        >>> tie.actor, tie.relation, tie.direction, tie.claims, tie.confidence, tie.first
        ('https://w3id.org/actorgraph/id/actor/russia', 'backs', 'in', 1, 0.9, datetime.date(2024, 12, 1))
        """
        rows = self.query(load("backers"), {"actor": self.resolve(actor, in_graph=True)})
        return [_tie(row, "backer", "backs", "in") for row in rows]

    def opponents(self, actor: str) -> list[Tie]:
        """Whom ``actor`` fights (``direction="out"``) and who fights it (``"in"``).

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> [(t.label, t.direction) for t in g.opponents("Syrian government")]
        [('Hayat Tahrir al-Sham', 'in')]
        >>> [(t.label, t.direction) for t in g.opponents("HTS")]
        [('Assad government', 'out')]
        """
        rows = self.query(load("opponents"), {"actor": self.resolve(actor, in_graph=True)})
        return [_tie(row, "opponent", "opposes", "out" if row["direction"] == "opposes" else "in") for row in rows]

    def controller(self, place: str | None = None, as_of: dt.date | dt.datetime | str | None = None) -> list[Control]:
        """Who controls ``place`` (None: every place, by name) as of a date (default: the latest report),
        latest claim first.

        One row per claim: usually one controller; more rows for it are more sources of the same
        capture, and rows naming another controller dated the same day mean the place is contested.

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> [(c.label, c.since) for c in g.controller("Aleppo", as_of="2024-12-08")]
        [('Hayat Tahrir al-Sham', datetime.date(2024, 11, 30))]
        >>> import datetime
        >>> g.controller("Aleppo", as_of=datetime.date(2024, 11, 1))
        []
        >>> [(c.place_label, c.label) for c in g.controller(as_of="2024-12-08")]
        [('Aleppo', 'Hayat Tahrir al-Sham')]
        """
        bound = None if place is None else self.resolve(place, in_graph=True)
        rows = self.query(load("controller"), {"place": bound, "date": _as_of(as_of)})
        return [Control(place=r["place"], place_label=r.get("placeLabel", _local(r["place"])),
                        controller=r["controller"], label=r.get("controllerLabel", _local(r["controller"])),
                        since=r["since"], sentence=r["sentence"], document=r["source"], title=r.get("title"),
                        url=r.get("url"), claim=r["claim"]) for r in rows]

    def evidence(self, subject: str | None = None, relation: str | None = None,
                 object: str | None = None) -> list[Evidence]:
        """The asserted claims behind relation triples, each with its sentence and source document.

        Any of ``subject``, ``relation`` (``"backs"`` or its IRI) and ``object`` may be left out.

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> [(e.sentence, e.title) for e in g.evidence("Moscow", "backs", "Assad government")]
        [('Russia backs the Syrian government.', 'Rebels take Aleppo')]
        >>> [e.relation for e in g.evidence(subject="HTS")]
        ['controls', 'opposes']
        """
        bindings: dict[str, object] = {}
        if subject is not None:
            bindings["subject"] = self.resolve(subject, in_graph=True)
        if object is not None:
            bindings["object"] = self.resolve(object, in_graph=True)
        if relation is not None:
            bindings["relation"] = relation if relation.startswith(str(AG)) else str(relation_iri(relation))
        return [Evidence(subject=r["subject"], subject_label=r.get("subjectLabel", _local(r["subject"])),
                         relation=_local(r["relation"]), object=r["object"],
                         object_label=r.get("objectLabel", _local(r["object"])), sentence=r["sentence"],
                         rule=r.get("rule"), confidence=r.get("confidence"),
                         event_date=_date_or_none(r.get("eventDate")), reporter=r.get("reporter"),
                         reporter_label=r.get("reporterLabel"), document=r["document"], title=r.get("title"),
                         url=r.get("url"), published=_date_or_none(r.get("issued")), publisher=r.get("publisher"),
                         claim=r["claim"])
                for r in self.query(load("evidence"), bindings)]

    def actors(self, type: str | None = None) -> list[Actor]:
        """Actors and places in the graph, optionally of one class (``"ArmedGroup"`` or its IRI), by label.

        An actor with several classes is listed once, under its most specific one.

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> [(a.label, a.aliases) for a in g.actors(type="ArmedGroup")]
        [('Hayat Tahrir al-Sham', ('HTS',))]
        >>> [a.type for a in g.actors()]
        ['Settlement', 'Government', 'ArmedGroup', 'State']
        """
        bindings: dict[str, object] = {}
        if type is not None:
            name = _local(type)
            if name not in ACTOR_TYPES:
                raise ValueError(f"unknown actor type {type!r}; expected one of {', '.join(ACTOR_TYPES)}")
            bindings["type"] = str(AG[name])
        found: dict[str, Actor] = {}
        for r in self.query(load("actors"), bindings):
            kind = _local(r["type"])
            if r["actor"] in found and (kind in _GENERIC_TYPES or found[r["actor"]].type not in _GENERIC_TYPES):
                continue
            aliases = tuple(sorted(a for a in r.get("aliases", "").split("|") if a and a != r["label"]))
            found[r["actor"]] = Actor(iri=r["actor"], type=kind, label=r["label"], aliases=aliases,
                                      discovered=bool(r.get("discovered", False)))
        return sorted(found.values(), key=lambda a: (a.label.casefold(), a.iri))

    # ---- views -------------------------------------------------------------------------------
    def save(self, path: str | Path, format: str = "trig") -> Path:
        """Write the whole dataset (every document graph, claims included) to a file:
        ``trig``, ``nquads`` or ``jsonld`` (also spelled ``json-ld``). See ``export`` for Gephi's formats.

        >>> import tempfile, pathlib; ActorGraph().save(pathlib.Path(tempfile.mkdtemp()) / "g.trig").name
        'g.trig'
        >>> ActorGraph().save("g.xml", format="rdfxml")
        Traceback (most recent call last):
        ValueError: unsupported format 'rdfxml' for save; use one of trig, nquads, jsonld (export writes graphml, gexf, csv)
        """
        from .export import RDF_FORMATS, export, format_name

        try:
            name = format_name(format)
        except ValueError:
            name = None
        if name not in RDF_FORMATS:
            raise ValueError(f"unsupported format {format!r} for save; use one of {', '.join(RDF_FORMATS)} "
                             "(export writes graphml, gexf, csv)")
        return export(self.store, path, name)[0]

    def export(self, path: str | Path, format: str | None = None) -> list[Path]:
        """Write the graph for another tool: ``graphml`` or ``gexf`` (Gephi, Cytoscape, yEd), ``csv``
        (a folder with ``nodes.csv`` and ``edges.csv``), or ``jsonld``/``trig``/``nquads`` (the
        dataset); the format defaults to the one ``path``'s suffix names. Returns the files written.

        Nodes carry ``label``, ``type``, ``aliases``; edges ``relation``, ``claims`` (also as
        ``weight``), ``documents``, ``confidence``, ``first`` and ``last`` (see ``to_networkx``).

        >>> import networkx as nx, pathlib, tempfile
        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> (path,) = g.export(pathlib.Path(tempfile.mkdtemp()) / "graph.gexf")
        >>> sorted(d["label"] for _, d in nx.read_gexf(path).nodes(data=True))
        ['Aleppo', 'Assad government', 'Hayat Tahrir al-Sham', 'Russia']
        """
        from .export import export, format_name

        return export(self.store, path, format_name(format, path))

    def to_html(self, path: str | Path | None = None, *, title: str = "actorgraph", max_nodes: int = 300,
                max_actors: int | None = 1000, max_claims: int | None = 5000) -> str | Path:
        """The interactive page of the graph (self-contained: works with no internet).

        The page opens on the ``max_nodes`` actors with the most claims and holds at most
        ``max_actors`` actors and ``max_claims`` claims (None: all), so that the page of a graph in a
        SPARQL server costs bounded queries, never a copy of the store.

        Given a ``path``, the page is written there and the path is returned (the page is
        hundreds of kilobytes: echoed in a notebook it would flood the output); without one,
        the page itself is returned.

        >>> import pathlib, tempfile
        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> page = g.to_html(title="Syria")
        >>> page.lstrip().lower().startswith("<!doctype html>"), "Hayat Tahrir al-Sham" in page
        (True, True)
        >>> g.to_html(pathlib.Path(tempfile.mkdtemp()) / "graph.html").name
        'graph.html'
        """
        from .views.html_view import render_html, view_data

        data = view_data(self.store, max_actors=max_actors, max_claims=max_claims)
        page = render_html(data, title=title, max_nodes=max_nodes)
        if path is None:
            return page
        write_text_whole(path, page)
        return Path(path)

    def to_map(self, path: str | Path | None = None, *, title: str = "actorgraph map",
               max_claims: int | None = None) -> str | Path:
        """The control map of the graph's places (self-contained: works with no internet): each place
        with coordinates drawn over country outlines, coloured by its controller as of the date on a
        slider (as :meth:`controller` answers), contested places marked, the evidence of every claim a
        click away, places without coordinates listed beside the map. ``max_claims`` bounds the
        claims over time drawn in its timeline.

        Given a ``path``, the page is written there and the path is returned; without one, the page
        itself is returned.

        >>> import pathlib, tempfile
        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> page = g.to_map(title="Syria")
        >>> page.startswith("<!DOCTYPE html>"), "HTS captured Aleppo on Saturday." in page
        (True, True)
        >>> g.to_map(pathlib.Path(tempfile.mkdtemp()) / "map.html").name
        'map.html'
        """
        from .views.map_data import map_data
        from .views.map_view import render_map

        page = render_map(map_data(self.store, max_claims=max_claims), title=title)
        if path is None:
            return page
        write_text_whole(path, page)
        return Path(path)

    def to_networkx(self):
        """The asserted graph as a networkx MultiDiGraph (typed nodes, edges with evidence counts).

        See ``graph.views.networkx_view.to_networkx`` for the attributes and ``graph.analytics`` for analyses.

        >>> g = ActorGraph(); g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        >>> sorted(k for _, _, k in g.to_networkx().edges(keys=True))
        ['backs', 'controls', 'opposes']
        """
        from .views.networkx_view import to_networkx

        return to_networkx(self.store)


def _name(document: Document) -> str:
    from .parallel import document_name

    return document_name(document)


def _cleaned(document: Document) -> Document:
    """``document`` with its text cleaned as ingest would have (a no-op on ingested text)."""
    text, notes = clean_text(document.text)
    cleaned = document if text == document.text else dataclasses.replace(document, text=text)
    if notes:
        from .parallel import document_name

        for note in notes:
            warnings.warn(f"{document_name(cleaned)}: {note}", InputWarning, stacklevel=4)
    return cleaned


def _tie(row: Mapping[str, object], other: str, relation: str, direction: str) -> Tie:
    """A row of backers.rq / opponents.rq as a Tie seen from the bound actor."""
    iri = str(row[other])
    return Tie(actor=iri, label=str(row.get(other + "Label", _local(iri))), relation=relation, direction=direction,
               claims=int(row.get("claims", 0)), documents=int(row.get("documents", 0)),
               confidence=row.get("maxConfidence"), first=_date_or_none(row.get("first")),
               last=_date_or_none(row.get("last")))


def _py(term):
    """A pyoxigraph term as a plain Python value (IRIs and strings as str, numbers and dates typed)."""
    from pyoxigraph import Literal, NamedNode

    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        dtype = term.datatype.value.rsplit("#", 1)[-1]
        try:
            if dtype == "integer":
                return int(term.value)
            if dtype in ("decimal", "double", "float"):
                return float(term.value)
            if dtype == "date":
                return dt.date.fromisoformat(term.value)
            if dtype == "boolean":
                return term.value == "true"
        except ValueError:
            return term.value
        return term.value
    return str(term)
