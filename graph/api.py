"""ActorGraph: the Python API over a store.

Reads like pyoxigraph: ``ActorGraph()`` in memory and ``ActorGraph.open(path)``
on disk behave the same; plain verbs (``add_text``, ``add_documents``,
``query``, ``remove``, ``save``, ``to_networkx``, ``to_html``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import QueryBoolean, QuerySolutions, RdfFormat

from .config import EXTRACTOR_VERSION, Settings
from .extract import Extractor
from .models import Actor, Claim, Document
from .rdf import actor_quads, claim_quads, content_hash, doc_iri, document_quads
from .store import OxigraphStore

__all__ = ["ActorGraph", "BuildStats"]


@dataclass
class BuildStats:
    """What one ingestion did: documents seen, extracted, skipped as unchanged; claims and edges."""

    documents: int = 0
    extracted: int = 0
    unchanged: int = 0
    words: int = 0
    claims: int = 0
    edges: int = 0
    doc_iris: list[str] = field(default_factory=list)


class ActorGraph:
    """A sourced actor graph in an Oxigraph store.

    >>> g = ActorGraph()
    >>> len(g)
    0
    """

    def __init__(self, store: OxigraphStore | None = None, *, settings: Settings | None = None,
                 extractor: Extractor | None = None) -> None:
        self.store = store if store is not None else OxigraphStore()
        self.settings = settings or Settings()
        self._extractor = extractor

    @classmethod
    def open(cls, path: str | Path, **kwargs) -> "ActorGraph":
        """The graph stored on disk at ``path`` (a build's ``DIR`` or its ``DIR/store``), created if absent.

        >>> import tempfile; ActorGraph.open(tempfile.mkdtemp()).query("ASK { ?s ?p ?o }")
        False
        """
        path = Path(path)
        store_path = path / "store" if (path / "store").is_dir() or not (path / "CURRENT").exists() else path
        return cls(OxigraphStore(store_path), **kwargs)

    @property
    def extractor(self) -> Extractor:
        """The extraction pipeline, loaded on first use (the spaCy model takes a second)."""
        if self._extractor is None:
            self._extractor = Extractor(self.settings)
        return self._extractor

    def __len__(self) -> int:
        return len(self.store)

    # ---- writing -----------------------------------------------------------------------------
    def add_text(self, text: str, *, url: str | None = None, published: dt.date | str | None = None,
                 title: str | None = None, outlet: str | None = None, id: str | None = None) -> list[Claim]:
        """Extract one article and store it; returns its claims (asserted or not).

        >>> g = ActorGraph()
        >>> claims = g.add_text("Rebels captured Aleppo on Friday.", published="2024-11-30")  # doctest: +SKIP
        """
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        found: list[Claim] = []
        self.add_documents([Document(text=text, url=url, published=published, title=title, outlet=outlet, id=id)],
                           on_claims=lambda _doc, claims: found.extend(claims))
        return found

    def add_documents(self, documents: Iterable[Document], *, batch_docs: int = 64,
                      on_claims: Callable[[Document, list[Claim]], None] | None = None,
                      progress: Callable[[Document, list[Claim]], None] | None = None) -> BuildStats:
        """Extract and store many documents, skipping those already stored unchanged.

        Each batch of documents is written in one transaction (see ``OxigraphStore.write_documents``).
        """
        stats = BuildStats()
        fresh: list[Document] = []

        def todo() -> Iterable[Document]:
            for document in documents:
                stats.documents += 1
                stats.words += len(document.text.split())
                iri = doc_iri(document)
                stats.doc_iris.append(iri)
                if on_claims is None and self.store.has_document(iri, content_hash(document.text), EXTRACTOR_VERSION):
                    stats.unchanged += 1
                    continue
                fresh.append(document)
                yield document

        batch: list[tuple[str, list]] = []
        actors: dict[str, Actor] = {}
        for document, claims in self.extractor.extract(todo()):
            iri = doc_iri(document)
            quads = list(document_quads(document, iri))
            quads += claim_quads(claims, iri, min_confidence=self.settings.min_confidence)
            for claim in claims:
                for actor in (claim.subject, claim.object, claim.reported_by):
                    if actor is not None:
                        actors[actor.iri] = actor
            stats.extracted += 1
            stats.claims += len(claims)
            stats.edges += sum(1 for c in claims if c.status == "asserted" and c.confidence >= self.settings.min_confidence)
            batch.append((iri, quads))
            if on_claims is not None:
                on_claims(document, claims)
            if progress is not None:
                progress(document, claims)
            if len(batch) >= batch_docs:
                self.store.write_documents(batch, actor_quads(actors.values()))
                batch, actors = [], {}
        if batch:
            self.store.write_documents(batch, actor_quads(actors.values()))
        self.store.flush()
        return stats

    def remove(self, doc_or_url: str) -> str | None:
        """Drop a document (IRI or URL) and every edge only it supported; returns the IRI removed."""
        return self.store.remove_document(doc_or_url)

    # ---- reading -----------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """SPARQL over the union of the document graphs; ``bindings`` are bound, never formatted in.

        SELECT gives a list of dicts (variable -> Python value), ASK a bool, CONSTRUCT/DESCRIBE a list of triples.

        >>> ActorGraph().query("SELECT ?s WHERE { ?s ?p ?o }")
        []
        """
        result = self.store.query(sparql, bindings)
        if isinstance(result, QueryBoolean):
            return bool(result)
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: _py(row[n]) for n in names if row[n] is not None} for row in result]
        return list(result)

    def save(self, path: str | Path, format: str = "trig") -> Path:
        """Write the whole graph to a file (``trig`` or ``nquads``).

        >>> import tempfile, pathlib; ActorGraph().save(pathlib.Path(tempfile.mkdtemp()) / "g.trig").name
        'g.trig'
        """
        formats = {"trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS}
        if format not in formats:
            raise ValueError(f"unsupported format {format!r}; use one of {', '.join(formats)}")
        path = Path(path)
        self.store.dump(path, formats[format])
        return path

    def to_html(self, path: str | Path | None = None, *, title: str = "actorgraph", max_nodes: int = 300) -> str:
        """The interactive page of the graph (self-contained: works with no internet)."""
        from .views.html_view import render_html, view_data

        return render_html(view_data(self.store.raw), path, title=title, max_nodes=max_nodes)

    def to_networkx(self):
        """The asserted graph as a networkx MultiDiGraph (typed nodes, edges with evidence counts)."""
        from .views.networkx_view import to_networkx

        return to_networkx(self.store.raw)


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
