"""Where the quads live: an embedded Oxigraph store (in memory or on disk).

The store is the source of truth; ``graph.trig`` and the HTML page are views
of it. Each document's quads are written in one transaction, so a killed build
leaves every document entirely present or absent, and re-running it converges
on the quads of one clean build.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Variable

from .namespaces import ACTORS_GRAPH, AG, DOCUMENTS_GRAPH, PREFIXES, SCHEMA

__all__ = ["OxigraphStore", "StoreError", "Term", "to_term"]

Term = NamedNode | BlankNode | Literal


class StoreError(RuntimeError):
    """A store that cannot be opened or written (one line, names the folder)."""


def to_term(value: object) -> Term:
    """A Python value as an RDF term for binding: IRIs stay IRIs, the rest are literals.

    >>> to_term("https://w3id.org/actorgraph/id/actor/hts")
    <NamedNode value=https://w3id.org/actorgraph/id/actor/hts>
    >>> to_term("HTS")
    <Literal value=HTS datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if isinstance(value, (NamedNode, BlankNode, Literal)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")) and " " not in value:
        return NamedNode(value)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        kind = "date" if type(value).__name__ == "date" else "dateTime"
        return Literal(value.isoformat(), datatype=NamedNode(f"http://www.w3.org/2001/XMLSchema#{kind}"))
    return Literal(str(value))


class OxigraphStore:
    """The embedded store: ``OxigraphStore()`` in memory, ``OxigraphStore(path)`` on disk; same behaviour.

    >>> s = OxigraphStore()
    >>> len(s)
    0
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = Store()
            elif read_only:
                self._store = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "lock" in message.lower():
                raise StoreError(f"{self.path}: the store is in use by another actorgraph process (wait for it to finish)") from exc
            raise StoreError(f"{self.path}: cannot open the store: {message}") from exc

    @property
    def raw(self) -> Store:
        """The underlying pyoxigraph Store, for views that query it directly."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def has_document(self, doc: str, content_hash: str, extractor: str) -> bool:
        """Whether this exact content was already extracted by this extractor (then a rebuild skips it)."""
        d, g = NamedNode(doc), NamedNode(DOCUMENTS_GRAPH)
        return (any(True for _ in self._store.quads_for_pattern(d, NamedNode(AG.contentHash), Literal(content_hash), g))
                and any(True for _ in self._store.quads_for_pattern(d, NamedNode(AG.extractor), Literal(extractor), g))
                and self._store.contains_named_graph(d))

    def write_documents(self, batch: Iterable[tuple[str, list[Quad]]], shared: Iterable[Quad] = ()) -> None:
        """Replace the graphs and metadata of a batch of documents, then add them in one transaction.

        ``shared`` quads (actors) are added in the same transaction. A crash after the
        removal and before the addition leaves those documents absent, never half-written.
        """
        batch = list(batch)
        meta = NamedNode(DOCUMENTS_GRAPH)
        try:
            for doc, _ in batch:
                node = NamedNode(doc)
                for quad in list(self._store.quads_for_pattern(node, None, None, meta)):
                    self._store.remove(quad)
                if self._store.contains_named_graph(node):
                    self._store.remove_graph(node)
            self._store.extend([q for _, quads in batch for q in quads] + list(shared))
        except OSError as exc:
            raise StoreError(f"{self.path or 'memory store'}: write failed: {str(exc).splitlines()[0]}") from exc

    def remove_document(self, doc_or_url: str) -> str | None:
        """Drop one document (by IRI or by URL): its graph, its metadata, and actors nothing else mentions.

        Returns the IRI removed, or None if no such document is stored.
        """
        meta = NamedNode(DOCUMENTS_GRAPH)
        node = NamedNode(doc_or_url)
        if not any(True for _ in self._store.quads_for_pattern(node, None, None, meta)):
            found = [q.subject for q in self._store.quads_for_pattern(None, NamedNode(SCHEMA.url), None, meta)
                     if q.object.value == doc_or_url]
            if not found:
                return None
            node = found[0]
        for quad in list(self._store.quads_for_pattern(node, None, None, meta)):
            self._store.remove(quad)
        if self._store.contains_named_graph(node):
            self._store.remove_graph(node)
        self._store.update(PREFIXES + f"""
            DELETE {{ GRAPH <{ACTORS_GRAPH}> {{ ?a ?p ?o }} }}
            WHERE {{ GRAPH <{ACTORS_GRAPH}> {{ ?a ?p ?o }}
                     FILTER NOT EXISTS {{ GRAPH ?g {{ ?c rdf:subject|rdf:object|ag:reportedBy ?a }} }} }}""")
        return node.value

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None):
        """Run SPARQL over the union of the named graphs, with values bound, never formatted in.

        >>> OxigraphStore().query("ASK { ?s ?p ?o }")
        <QueryBoolean false>
        """
        substitutions = {Variable(k): to_term(v) for k, v in (bindings or {}).items() if v is not None}
        return self._store.query(sparql, substitutions=substitutions or None, use_default_graph_as_union=True,
                                 prefixes=None)

    def dump(self, path: str | Path, format: RdfFormat = RdfFormat.TRIG) -> None:
        """Write every named graph to ``path`` (TriG by default) through a temporary file, then rename."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        self._store.dump(str(tmp), format=format, from_graph=None) if format in (RdfFormat.TRIG, RdfFormat.N_QUADS) \
            else self._store.dump(str(tmp), format=format, from_graph=DefaultGraph())
        tmp.replace(path)

    def flush(self) -> None:
        """Make on-disk writes durable."""
        if self.path is not None:
            self._store.flush()

