"""Where the quads live: the ``GraphStore`` protocol and its two implementations.

Every face (the Python API, the CLI, the server, the views) talks to a store through the
verbs of ``GraphStore`` only, above all ``query``, so that a graph kept in a SPARQL server is
read with bounded queries just as an embedded one is, never copied whole into memory:

* ``OxigraphStore`` (``graph.store.oxigraph``): embedded Oxigraph, in memory or on disk;
* ``SparqlStore`` (``graph.store.sparql``): any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso).

``open_store`` picks one from a location: a URL is a server, anything else a folder.

>>> isinstance(open_store(None), GraphStore), isinstance(open_store("http://127.0.0.1:7878"), GraphStore)
(True, True)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable

from pyoxigraph import NamedNode, Quad, RdfFormat

from ..errors import StoreError
from .oxigraph import ORPHAN_ACTORS_UPDATE, OxigraphStore, QueryResult, Term, drop_documents_update, to_term
from .sparql import SparqlStore, bind_values, endpoints, restrict, sparql_words

__all__ = [
    "GraphStore", "OxigraphStore", "SparqlStore", "StoreError", "QueryResult", "Term", "open_store", "to_term",
    "drop_documents_update", "ORPHAN_ACTORS_UPDATE", "bind_values", "endpoints", "restrict", "sparql_words",
]

_SERVER_URL = re.compile(r"^(?:[a-z]+\+)?https?://", re.IGNORECASE)


@runtime_checkable
class GraphStore(Protocol):
    """What actorgraph needs of a store: documents written and removed whole, SPARQL with bound values.

    Queries run over the union of the named graphs; ``bindings`` are bound as terms, never
    formatted into the text. Every failure is a one-line ``StoreError`` naming the location.

    >>> isinstance(OxigraphStore(), GraphStore), isinstance(object(), GraphStore)
    (True, False)
    """

    @property
    def location(self) -> str:
        """Where the data lives (a folder, a URL, ``memory store``), for messages.

        >>> open_store().location, open_store("http://127.0.0.1:7878").location
        ('memory store', 'http://127.0.0.1:7878')
        """
        ...

    def __len__(self) -> int:
        """The number of quads stored.

        >>> len(open_store())
        0
        """
        ...

    def has_document(self, doc: str, content_hash: str, extractor: str) -> bool:
        """Whether this exact content was already extracted by this extractor.

        >>> open_store().has_document("https://w3id.org/actorgraph/id/doc/1", "0f3a", "actorgraph 2")
        False
        """
        ...

    def write_documents(self, batch: Iterable[tuple[str, list[Quad]]], shared: Iterable[Quad] = ()) -> None:
        """Replace the graphs and metadata of a batch of documents, never leaving one half-written.

        >>> store = open_store(); store.write_documents([]); len(store)
        0
        """
        ...

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Add many quads to a fresh store (not atomic).

        >>> store = open_store(); store.bulk_extend([]); len(store)
        0
        """
        ...

    def find_document(self, doc_or_url: str) -> NamedNode | None:
        """The stored document with this IRI or URL, or None.

        >>> open_store().find_document("https://example.org/a") is None
        True
        """
        ...

    def remove_document(self, doc_or_url: str) -> str | None:
        """Drop one document and the actors nothing else mentions; the IRI removed, or None.

        >>> open_store().remove_document("https://example.org/a") is None
        True
        """
        ...

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *, union: bool = True) -> QueryResult:
        """Run SPARQL over the union of the named graphs with ``bindings`` bound; ``union=False`` for
        queries that name every graph they read (``GRAPH ?g { }``), which servers answer faster.

        >>> [r["x"].value for r in open_store().query("SELECT ?x WHERE {}", {"x": "HTS"})]
        ['HTS']
        """
        ...

    def dump(self, path: str | Path, format: RdfFormat = RdfFormat.TRIG) -> None:
        """Write every named graph to ``path``, whole or not at all.

        >>> import pathlib, tempfile; path = pathlib.Path(tempfile.mkdtemp(), "g.trig")
        >>> open_store().dump(path); path.read_text()
        ''
        """
        ...

    def flush(self) -> None:
        """Make the writes so far durable.

        >>> open_store().flush()
        """
        ...

    def close(self) -> None:
        """Release the store (its lock, its connections); closing twice is harmless.

        >>> store = open_store(); store.close(); store.close()
        """
        ...


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> GraphStore:
    """The store at ``location``: a SPARQL server for a URL, an on-disk Oxigraph folder, else in memory.

    >>> open_store("fuseki+http://127.0.0.1:3030/ds")
    SparqlStore('fuseki+http://127.0.0.1:3030/ds')
    >>> open_store()
    OxigraphStore()
    """
    if location is None:
        return OxigraphStore()
    if isinstance(location, str) and _SERVER_URL.match(location):
        return SparqlStore(location)
    return OxigraphStore(location, read_only=read_only)
