"""The embedded store: Oxigraph in memory or on disk, one implementation of ``graph.store.GraphStore``.

The store is the source of truth; ``graph.trig`` and the HTML page are views
of it. A batch of documents is written in two transactions: one SPARQL Update
drops the documents' old graphs and metadata together, one ``extend`` adds the
new quads. A build killed at any point therefore leaves every document either
entirely present or entirely absent, and re-running it converges on the quads
of one clean build (the absent documents are no longer "already stored").
"""
from __future__ import annotations

import collections
import io
import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Variable,
)

from ..errors import StoreError
from ..namespaces import (
    ACTOR,
    AG,
    AGID,
    DCTERMS,
    DOC,
    DOCUMENTS_GRAPH,
    PREFIX_MAP,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
)
from ..queries import load

__all__ = ["OxigraphStore", "QueryResult", "Term", "to_term", "drop_documents_update", "ORPHAN_ACTORS_UPDATE"]

Term = NamedNode | BlankNode | Literal
QueryResult = QuerySolutions | QueryBoolean | QueryTriples

#: deletes the actors that no claim of any document mentions any more (a named SPARQL Update)
ORPHAN_ACTORS_UPDATE = load("internal/drop-orphan-actors")


def to_term(value: object) -> Term:
    """A Python value as an RDF term for binding: IRIs stay IRIs, the rest are literals.

    >>> to_term("https://w3id.org/actorgraph/id/actor/hts")
    <NamedNode value=https://w3id.org/actorgraph/id/actor/hts>
    >>> to_term("HTS")
    <Literal value=HTS datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> import datetime; to_term(datetime.date(2024, 12, 8)).datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    """
    if isinstance(value, (NamedNode, BlankNode, Literal)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")) and " " not in value:
        return NamedNode(value)
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if hasattr(value, "isoformat") and not isinstance(value, str):
        kind = "date" if type(value).__name__ == "date" else "dateTime"
        return Literal(value.isoformat(), datatype=NamedNode(f"http://www.w3.org/2001/XMLSchema#{kind}"))
    return Literal(str(value))


def drop_documents_update(docs: Sequence[NamedNode]) -> str:
    """One SPARQL Update that drops the graphs and metadata of ``docs`` (executed as one transaction).

    The IRIs are written by pyoxigraph's own N-Triples serializer (``str(NamedNode)``), which
    escapes them; they are document IRIs this package minted or found in the store, never raw input.

    >>> print(drop_documents_update([NamedNode("https://w3id.org/actorgraph/id/doc/1")]))
    DROP SILENT GRAPH <https://w3id.org/actorgraph/id/doc/1> ;
    DELETE { GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?d ?p ?o } } WHERE { VALUES ?d { <https://w3id.org/actorgraph/id/doc/1> } GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?d ?p ?o } }
    """
    if not docs:
        return ""
    drops = "".join(f"DROP SILENT GRAPH {d} ;\n" for d in docs)
    values = " ".join(str(d) for d in docs)
    meta = f"<{DOCUMENTS_GRAPH}>"
    return drops + (f"DELETE {{ GRAPH {meta} {{ ?d ?p ?o }} }} WHERE {{ VALUES ?d {{ {values} }} "
                    f"GRAPH {meta} {{ ?d ?p ?o }} }}")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class OxigraphStore:
    """The embedded store: ``OxigraphStore()`` in memory, ``OxigraphStore(path)`` on disk; same behaviour.

    Only one process may open an on-disk store for writing (RocksDB's LOCK file); a second
    opener gets a ``StoreError`` saying the store is in use, and the data is left untouched.

    >>> s = OxigraphStore()
    >>> len(s)
    0
    >>> s.write_documents([("https://w3id.org/actorgraph/id/doc/1", [Quad(NamedNode("http://example.org/a"),
    ...     NamedNode("http://example.org/p"), Literal("x"), NamedNode("https://w3id.org/actorgraph/id/doc/1"))])])
    >>> len(s)
    1
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store: Store | None = Store()
            elif read_only:
                if not (self.path / "CURRENT").is_file():
                    raise StoreError(f"{self.path}: no store here")
                self._store = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as exc:
            message = _one_line(exc)
            if "lock" in message.lower():
                raise StoreError(f"{self.path}: the store is in use by another process "
                                 "(a build or a server); wait for it to finish or stop it") from exc
            raise StoreError(f"{self.path}: cannot open the store: {message}") from exc

    @property
    def raw(self) -> Store:
        """The underlying pyoxigraph Store, for views that query it directly.

        >>> type(OxigraphStore().raw).__name__
        'Store'
        """
        if self._store is None:
            raise StoreError(f"{self.path or 'memory store'}: the store is closed")
        return self._store

    @property
    def location(self) -> str:
        """Where the data lives, for messages.

        >>> OxigraphStore().location
        'memory store'
        """
        return str(self.path) if self.path is not None else "memory store"

    def __len__(self) -> int:
        return len(self.raw)

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path)!r})" if self.path is not None else "OxigraphStore()"

    def close(self) -> None:
        """Flush and release the store (and its on-disk lock), so that another process may open it.

        >>> s = OxigraphStore(); s.close(); s.close()
        """
        if self._store is not None:
            self.flush()
            self._store = None

    def __enter__(self) -> "OxigraphStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def has_document(self, doc: str, content_hash: str, extractor: str) -> bool:
        """Whether this exact content was already extracted by this extractor (then a rebuild skips it).

        >>> OxigraphStore().has_document("https://w3id.org/actorgraph/id/doc/1", "0f3a", "actorgraph 2")
        False
        """
        store, d, g = self.raw, NamedNode(doc), NamedNode(DOCUMENTS_GRAPH)
        return (any(True for _ in store.quads_for_pattern(d, NamedNode(AG.contentHash), Literal(content_hash), g))
                and any(True for _ in store.quads_for_pattern(d, NamedNode(AG.extractor), Literal(extractor), g))
                and store.contains_named_graph(d))

    def write_documents(self, batch: Iterable[tuple[str, list[Quad]]], shared: Iterable[Quad] = ()) -> None:
        """Replace the graphs and metadata of a batch of documents: one transaction drops, one adds.

        ``shared`` quads (actors) are added in the same transaction as the documents. A crash
        between the two leaves those documents absent (graph and metadata both), never half-written.

        >>> doc = "https://w3id.org/actorgraph/id/doc/1"
        >>> edge = Quad(NamedNode("http://e.org/a"), NamedNode("http://e.org/p"), Literal("x"), NamedNode(doc))
        >>> s = OxigraphStore(); s.write_documents([(doc, [edge])]); s.write_documents([(doc, [edge])]); len(s)
        1
        """
        batch = list(batch)
        try:
            update = drop_documents_update([NamedNode(doc) for doc, _ in batch])
            if update:
                self.raw.update(update)
            self.raw.extend([q for _, quads in batch for q in quads] + list(shared))
        except OSError as exc:
            raise StoreError(f"{self.location}: write failed: {_one_line(exc)}") from exc

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast, without keeping them in memory: for a first load of a fresh store.

        Not atomic (a crash may leave part of the input), which is why builds use
        ``write_documents``; benchmarks and imports into an empty store use this.

        >>> s = OxigraphStore(); s.bulk_extend([Quad(NamedNode("http://e.org/a"), NamedNode("http://e.org/p"),
        ...     Literal("1"), NamedNode("http://e.org/g"))]); len(s)
        1
        """
        try:
            self.raw.bulk_extend(quads)
        except OSError as exc:
            raise StoreError(f"{self.location}: bulk load failed: {_one_line(exc)}") from exc

    def find_document(self, doc_or_url: str) -> NamedNode | None:
        """The stored document with this IRI or URL, or None.

        >>> OxigraphStore().find_document("https://example.org/nothing") is None
        True
        """
        store, meta = self.raw, NamedNode(DOCUMENTS_GRAPH)
        try:
            node = NamedNode(doc_or_url)
        except ValueError:
            node = None
        if node is not None and any(True for _ in store.quads_for_pattern(node, None, None, meta)):
            return node
        for quad in store.quads_for_pattern(None, NamedNode(SCHEMA.url), None, meta):
            if quad.object.value == doc_or_url and isinstance(quad.subject, NamedNode):
                return quad.subject
        return None

    def remove_document(self, doc_or_url: str) -> str | None:
        """Drop one document (by IRI or by URL): its graph, its metadata, and actors nothing else mentions.

        One transaction: edges other documents also support stay, since they live in those
        documents' graphs. Returns the IRI removed, or None if no such document is stored.

        >>> OxigraphStore().remove_document("https://example.org/never-stored") is None
        True
        """
        node = self.find_document(doc_or_url)
        if node is None:
            return None
        try:
            self.raw.update(drop_documents_update([node]) + " ;\n" + ORPHAN_ACTORS_UPDATE)
            self.flush()
        except OSError as exc:
            raise StoreError(f"{self.location}: remove failed: {_one_line(exc)}") from exc
        return node.value

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *, union: bool = True) -> QueryResult:
        """Run SPARQL over the union of the named graphs, with values bound, never formatted in.

        The project's prefixes (``graph.namespaces.PREFIX_MAP``) are known without being declared;
        a PREFIX the query declares wins. They are passed to the parser, not written before the
        text, so the positions in a syntax error are the caller's own. ``union=False`` leaves the
        default graph empty, for queries that name their graphs (``GRAPH ?g``): Oxigraph answers
        those many times faster than over the merged union.

        >>> OxigraphStore().query("ASK { ?s ?p ?o }")
        <QueryBoolean false>
        >>> [r["x"].value for r in OxigraphStore().query("SELECT ?x WHERE {}", {"x": "HTS"})]
        ['HTS']
        >>> OxigraphStore().query("SELECT ?x WHERE { ?y ?p ?x }", {"y": "HTS"})
        Traceback (most recent call last):
        ValueError: cannot bind ?y: the query does not select it (a bound variable must appear in the SELECT clause, or use SELECT *)
        """
        substitutions = {Variable(k): to_term(v) for k, v in (bindings or {}).items() if v is not None}
        try:
            return self.raw.query(sparql, prefixes=PREFIX_MAP, substitutions=substitutions or None,
                                  use_default_graph_as_union=union)
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed: {_one_line(exc)}") from exc
        except RuntimeError as exc:  # pyoxigraph binds only the variables a SELECT projects
            unprojected = [k for k in bindings or {} if f"?{k} " in f"{exc} "]
            if not unprojected:
                raise
            raise ValueError(f"cannot bind ?{unprojected[0]}: the query does not select it (a bound variable must "
                             f"appear in the SELECT clause, or use SELECT *)") from None

    def dump(self, path: str | Path, format: RdfFormat = RdfFormat.TRIG) -> None:
        """Write every named graph to ``path`` (TriG by default) through a temporary file, then rename.

        A triples-only format (Turtle, N-Triples) gets the union of the graphs. Datasets are written
        without prefixes: abbreviating every IRI costs a third more time on a million quads. TriG
        from an on-disk store is written graph by graph on every core (see ``_write_trig``).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     s = OxigraphStore(Path(tmp, "store"))
        ...     s.bulk_extend([Quad(NamedNode("http://e.org/a"), NamedNode("http://e.org/p"), Literal("x"),
        ...                         NamedNode("http://e.org/g"))])
        ...     s.dump(Path(tmp, "g.trig")); s.close()
        ...     print(Path(tmp, "g.trig").read_text().strip())
        <http://e.org/g> {
        <http://e.org/a> <http://e.org/p> "x" .
        }
        """
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        try:
            if format == RdfFormat.TRIG and self.path is not None:
                with tmp.open("wb") as out:
                    _write_trig(self.raw, out)
            elif format.supports_datasets:
                self.raw.dump(str(tmp), format=format, from_graph=None)
            else:
                from pyoxigraph import serialize

                serialize(self.raw.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"), str(tmp),
                          format, prefixes=PREFIX_MAP)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{path}: cannot write: {_one_line(exc)}") from exc

    def flush(self) -> None:
        """Make on-disk writes durable (a memory store has nothing to flush).

        >>> OxigraphStore().flush()
        """
        if self.path is not None and self._store is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as exc:
                raise StoreError(f"{self.location}: flush failed: {_one_line(exc)}") from exc


def _write_trig(store: Store, out: BinaryIO, graphs_per_chunk: int = 64) -> None:
    """Write ``store`` as TriG to ``out``, chunks of named graphs serialised on every core.

    Why: reading an on-disk store is dominated by RocksDB lookups of each term's string, which
    pyoxigraph does without the GIL, so threads overlap them; one ``Store.dump`` uses one core
    (1.4 million quads on two cores: 15.7 s in one ``dump``, 9.9 s this way). Each graph is dumped as Turtle inside its ``<g> { }``
    block, which is TriG; chunks are written in the store's graph order, at most two per thread
    in memory at once.
    """
    default = DefaultGraph()
    if any(True for _ in store.quads_for_pattern(None, None, None, default)):
        store.dump(out, format=RdfFormat.TRIG, from_graph=default)

    def chunk(graphs: list[NamedNode | BlankNode]) -> bytes:
        buffer = io.BytesIO()
        for graph in graphs:
            buffer.write(str(graph).encode("utf-8") + b" {\n")
            store.dump(buffer, format=RdfFormat.TURTLE, from_graph=graph)
            buffer.write(b"}\n")
        return buffer.getvalue()

    workers = max(1, min(8, os.cpu_count() or 1))
    graphs = iter(store.named_graphs())
    with ThreadPoolExecutor(workers, thread_name_prefix="trig") as pool:
        pending: collections.deque = collections.deque()
        while True:
            while len(pending) < 2 * workers:
                batch = list(itertools.islice(graphs, graphs_per_chunk))
                if not batch:
                    break
                pending.append(pool.submit(chunk, batch))
            if not pending:
                return
            out.write(pending.popleft().result())
