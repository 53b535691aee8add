"""A store that lives in any SPARQL 1.1 server: one implementation of ``graph.store.GraphStore``.

That is how a team outgrows one machine: the build writes into the triplestore the
organisation already runs, and queries go to its endpoint. Data is written through
the Graph Store Protocol (a document's graph is PUT in one request, as N-Triples
written by pyoxigraph) and removed through SPARQL Update; no article text is ever
spliced into SPARQL. Every request is idempotent, so failed ones are retried a
bounded number of times with exponential backoff, then a one-line ``StoreError``
names the URL. A document's metadata is written last, so a failed write never
leaves a document that ``has_document`` reports as stored.

Server layouts are named by the URL scheme (plain ``http(s)://`` is Oxigraph's):

=============================================  ==============  ==============  =====================
URL                                            query           update          graph store
=============================================  ==============  ==============  =====================
``http://host:7878``                           /query          /update         /store
``fuseki+http://host:3030/ds``                 /ds/query       /ds/update      /ds/data
``graphdb+http://host:7200/repositories/r``    /repositories/r /r/statements   /r/rdf-graphs/service
``virtuoso+http://host:8890``                  /sparql         /sparql         /sparql-graph-crud
=============================================  ==============  ==============  =====================
"""
from __future__ import annotations

import base64
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from ..errors import StoreError
from ..namespaces import DOCUMENTS_GRAPH, with_prefixes
from ..queries import load
from .oxigraph import ORPHAN_ACTORS_UPDATE, OxigraphStore, QueryResult, drop_documents_update, to_term

__all__ = ["SparqlStore", "Endpoints", "endpoints", "bind_values", "restrict", "sparql_words"]

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: what is skipped while looking for the WHERE clause: strings, IRIs, comments (which end at a line feed
#: or a carriage return, as in the SPARQL grammar), then braces and words
_TOKENS = re.compile(r"""'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|<[^<>"{}|^`\\\s]*>|#[^\n\r]*"""
                     r"|[?$][\w.-]*|[A-Za-z_]?[\w.-]*:[\w.-]*|(?P<open>\{)|(?P<close>\})|(?P<word>[A-Za-z]+)", re.S)
_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
           "application/rdf+xml;q=0.5")


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL server, and the protocol parameters that make its default graph the union.

    >>> e = endpoints("virtuoso+http://dba:secret@127.0.0.1:8890")
    >>> e.query, e.store, e.union, e.auth
    ('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud', {}, 'Basic ZGJhOnNlY3JldA==')
    >>> endpoints("http://127.0.0.1:7878").union
    {'union-default-graph': ''}
    """

    query: str
    update: str
    store: str
    union: dict[str, str] = field(default_factory=dict)
    auth: str | None = None


def endpoints(url: str) -> Endpoints:
    """The endpoints of a server from its URL (see the module docstring for the layouts).

    >>> endpoints("http://127.0.0.1:7878").update
    'http://127.0.0.1:7878/update'
    >>> endpoints("fuseki+http://h:3030/ds").store
    'http://h:3030/ds/data'
    >>> endpoints("graphdb+https://h/repositories/r").query
    'https://h/repositories/r'
    >>> endpoints("ftp://h")
    Traceback (most recent call last):
    ...
    graph.errors.StoreError: ftp://h: not a SPARQL server URL (use http(s)://, fuseki+http://, graphdb+http://, virtuoso+http://)
    """
    kind, _, rest = url.partition("+") if re.match(r"^[a-z]+\+https?://", url) else ("oxigraph", "", url)
    parts = urllib.parse.urlsplit(rest)
    if parts.scheme not in ("http", "https") or not parts.hostname or kind not in _LAYOUTS:
        raise StoreError(f"{url}: not a SPARQL server URL (use http(s)://, fuseki+http://, graphdb+http://, "
                         "virtuoso+http://)")
    auth = None
    if parts.username is not None:
        user, password = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
        auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    netloc = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if ":" in parts.hostname:
        netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    query, update, store, union = _LAYOUTS[kind]
    return Endpoints(base + query, base + update, base + store, dict(union), auth)


_LAYOUTS: dict[str, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {
    "oxigraph": ("/query", "/update", "/store", (("union-default-graph", ""),)),
    "fuseki": ("/query", "/update", "/data", (("default-graph-uri", "urn:x-arq:UnionGraph"),)),
    "graphdb": ("", "/statements", "/rdf-graphs/service", ()),
    "virtuoso": ("/sparql", "/sparql", "/sparql-graph-crud", ()),
}


def sparql_words(text: str) -> Iterator[str]:
    """The bare words of a SPARQL text (keywords, upper-cased), skipping strings, IRIs, names and comments.

    >>> list(sparql_words("SELECT ?service WHERE { ?s ex:load 'SERVICE' } # LOAD"))
    ['SELECT', 'WHERE']
    >>> list(sparql_words("SELECT * WHERE { # note\\rSERVICE <http://x/> { } }"))
    ['SELECT', 'WHERE', 'SERVICE']
    """
    for token in _TOKENS.finditer(text):
        if token.group("word"):
            yield token.group("word").upper()


def bind_values(sparql: str, bound: Mapping[str, object]) -> str:
    """The query with ``VALUES`` for ``bound`` opening its WHERE group, so that its FILTERs see them.

    Values are serialized by pyoxigraph (escaped N-Triples terms). When the WHERE group cannot
    take it (``CONSTRUCT WHERE``) or cannot be found, the block is appended at the end, as
    rdflib's SPARQLStore does; then a bound variable must occur in a triple pattern.

    >>> print(bind_values('SELECT ?d WHERE { ?d ?p ?o FILTER(STR(?o) = ?x) }', {"x": Literal('a "b"')}))
    SELECT ?d WHERE { VALUES (?x) { ("a \\"b\\"") } ?d ?p ?o FILTER(STR(?o) = ?x) }
    >>> print(bind_values('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', {"s": NamedNode("http://e.org/a")}))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://e.org/a>) } ?s ?p ?o }
    """
    block = ("VALUES (" + " ".join(f"?{k}" for k in bound) + ") { ("
             + " ".join(str(t) for t in bound.values()) + ") }")
    return _open_where(sparql, block)


def restrict(sparql: str, variable: str, terms: Iterable[object]) -> str:
    """The query with ``VALUES ?variable { ... }`` opening its WHERE group: ``variable`` takes only ``terms``.

    The terms are written by pyoxigraph's serializer (``to_term``), never as raw text; this is
    how a view asks a server about a bounded set of actors in one request.

    >>> print(restrict("SELECT ?a WHERE { ?a ?p ?o }", "a", ["http://e.org/a", "http://e.org/b>"]))
    Traceback (most recent call last):
    ...
    ValueError: Invalid IRI code point '>'
    >>> print(restrict("SELECT ?a WHERE { ?a ?p ?o }", "a", ["http://e.org/a", "http://e.org/b"]))
    SELECT ?a WHERE { VALUES ?a { <http://e.org/a> <http://e.org/b> } ?a ?p ?o }
    """
    if not _VARIABLE.match(variable):
        raise ValueError(f"{variable!r} is not a SPARQL variable name")
    return _open_where(sparql, f"VALUES ?{variable} {{ " + " ".join(str(to_term(t)) for t in terms) + " }")


def _open_where(sparql: str, block: str) -> str:
    """``sparql`` with ``block`` right after the brace opening its WHERE group (else at the end)."""
    depth, construct, previous = 0, False, ""
    for token in _TOKENS.finditer(sparql):
        if token.group("word"):
            word = token.group("word").upper()
            if word == "WHERE" and previous == "CONSTRUCT":
                break
            construct = construct or word == "CONSTRUCT"
            previous = word
        elif token.group("open"):
            if depth == 0 and (not construct or previous == "WHERE"):
                return f"{sparql[:token.end()]} {block}{sparql[token.end():]}"
            depth += 1
            previous = "{"
        elif token.group("close"):
            depth -= 1
            previous = "}"
    return f"{sparql}\n{block}"


class SparqlStore:
    """A store in a SPARQL 1.1 server (query, update and Graph Store Protocol endpoints).

    >>> s = SparqlStore("http://127.0.0.1:9", retries=0)
    >>> s.endpoints.query
    'http://127.0.0.1:9/query'
    >>> len(s)
    Traceback (most recent call last):
    ...
    graph.errors.StoreError: http://127.0.0.1:9/query: SPARQL server unreachable after 1 attempt: Connection refused
    """

    def __init__(self, url: str, *, timeout: float = 60.0, retries: int = 3, backoff: float = 0.25) -> None:
        self.url = url
        self.endpoints = endpoints(url)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    @property
    def location(self) -> str:
        """Where the data lives, for messages.

        >>> SparqlStore("fuseki+http://127.0.0.1:3030/ds").location
        'fuseki+http://127.0.0.1:3030/ds'
        """
        return self.url

    def __repr__(self) -> str:
        return f"SparqlStore({self.url!r})"

    # ---- HTTP --------------------------------------------------------------------------------
    def _request(self, method: str, url: str, body: bytes | None = None, content_type: str | None = None,
                 accept: str | None = None) -> tuple[str, bytes]:
        """One HTTP exchange, retried on connection errors, 5xx and 429; returns (content type, body)."""
        headers = {"User-Agent": "actorgraph"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self.endpoints.auth:
            headers["Authorization"] = self.endpoints.auth
        attempts = self.retries + 1
        problem = ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.headers.get("Content-Type", ""), response.read()
            except urllib.error.HTTPError as exc:
                detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
                problem = f"HTTP {exc.code} {exc.reason}" + (f": {detail[0]}" if detail else "")
                if exc.code < 500 and exc.code != 429:
                    raise StoreError(f"{url}: the SPARQL server refused the request: {problem}") from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                problem = getattr(reason, "strerror", None) or str(reason) or type(exc).__name__
        plural = "s" if attempts > 1 else ""
        raise StoreError(f"{url}: SPARQL server unreachable after {attempts} attempt{plural}: {problem}")

    def _update(self, update: str) -> None:
        self._request("POST", self.endpoints.update, urllib.parse.urlencode({"update": update}).encode("utf-8"),
                      "application/x-www-form-urlencoded")

    def _post_graph(self, graph: str, triples: list, *, replace: bool) -> None:
        url = self.endpoints.store + "?" + urllib.parse.urlencode({"graph": graph})
        body = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
        self._request("PUT" if replace else "POST", url, body, "application/n-triples")

    # ---- the store interface -----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *, union: bool = True) -> QueryResult:
        """Run SPARQL at the query endpoint over the union of the named graphs.

        ``bindings`` become a ``VALUES`` block (see ``bind_values``): the protocol has no
        parameter binding, and the terms are written by pyoxigraph's serializer. ``SERVICE`` is
        refused before anything is sent: many servers (Oxigraph's among them) federate by default,
        and a query text from elsewhere must not make them fetch from the network for us.
        The project's prefixes the query does not declare are declared on its first line
        (``graph.namespaces.with_prefixes``), so line numbers in the server's errors are the caller's.
        ``union=False`` sends no union parameter, for queries that name their graphs.

        >>> SparqlStore("http://127.0.0.1:9").query("SELECT * { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        graph.errors.StoreError: http://127.0.0.1:9: SERVICE is not sent: actorgraph never asks a server to query others
        """
        if "SERVICE" in sparql_words(sparql):
            raise StoreError(f"{self.url}: SERVICE is not sent: actorgraph never asks a server to query others")
        bound = {k: to_term(v) for k, v in (bindings or {}).items() if v is not None}
        for name in bound:
            if not _VARIABLE.match(name):
                raise StoreError(f"{self.url}: {name!r} is not a SPARQL variable name")
        sparql = with_prefixes(sparql)
        if bound:
            sparql = bind_values(sparql, bound)
        form = dict(self.endpoints.union) if union else {}
        form["query"] = sparql
        content_type, body = self._request("POST", self.endpoints.query, urllib.parse.urlencode(form).encode("utf-8"),
                                           "application/x-www-form-urlencoded", _ACCEPT)
        media = content_type.split(";")[0].strip().lower()
        results_format = QueryResultsFormat.from_media_type(media) if media else None
        if results_format is not None:
            return parse_query_results(body, format=results_format)
        rdf_format = RdfFormat.from_media_type(media) if media else None
        if rdf_format is None:
            raise StoreError(f"{self.endpoints.query}: unexpected answer of type {media or 'unknown'}")
        return iter([q.triple for q in parse(body, format=rdf_format)])

    def __len__(self) -> int:
        result = self.query(load("internal/count-quads"))
        return int(next(iter(result))["n"].value)

    def has_document(self, doc: str, content_hash: str, extractor: str) -> bool:
        """Whether this exact content was already extracted by this extractor (then a rebuild skips it).

        One ASK at the query endpoint; an unreachable server is a one-line error naming it:

        >>> store = SparqlStore("http://127.0.0.1:9", retries=0)  # nothing listens there
        >>> store.has_document("https://w3id.org/actorgraph/id/doc/d1", "ba7816bf", "actorgraph-extract/2")
        Traceback (most recent call last):
        ...
        graph.errors.StoreError: http://127.0.0.1:9/query: SPARQL server unreachable after 1 attempt: Connection refused
        """
        return bool(self.query(load("internal/has-document"),
                               {"d": NamedNode(doc), "h": content_hash, "e": extractor}))

    def write_documents(self, batch: Iterable[tuple[str, list[Quad]]], shared: Iterable[Quad] = ()) -> None:
        """Replace a batch of documents: drop their graphs and metadata, PUT each graph, metadata last.

        If any request finally fails, the documents whose metadata was not written are
        not reported as stored, so the next build writes them again.

        The first request drops the documents' graphs at the update endpoint; an empty batch sends nothing:

        >>> store = SparqlStore("http://127.0.0.1:9", retries=0)  # nothing listens there
        >>> store.write_documents([])
        >>> store.write_documents([("https://w3id.org/actorgraph/id/doc/d1", [])])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        graph.errors.StoreError: http://127.0.0.1:9/update: SPARQL server unreachable after 1 attempt: ...
        """
        batch = list(batch)
        if not batch:
            return
        self._update(drop_documents_update([NamedNode(doc) for doc, _ in batch]))
        meta = NamedNode(DOCUMENTS_GRAPH)
        metadata, others = [], defaultdict(list)
        for doc, quads in batch:
            node = NamedNode(doc)
            own = []
            for q in quads:
                (own if q.graph_name == node else metadata if q.graph_name == meta else others[q.graph_name]).append(q)
            self._post_graph(doc, [q.triple for q in own], replace=True)
        for q in shared:
            others[q.graph_name].append(q)
        for graph, quads in others.items():
            self._post_graph(graph.value, [q.triple for q in quads], replace=False)
        if metadata:
            self._post_graph(meta.value, [q.triple for q in metadata], replace=False)

    def bulk_extend(self, quads: Iterable[Quad]) -> None:
        """Add quads, one Graph Store Protocol POST per graph.

        >>> actors = NamedNode("https://w3id.org/actorgraph/id/graph/actors")
        >>> sna = Quad(NamedNode("https://w3id.org/actorgraph/id/actor/sna"),
        ...            NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("SNA"), actors)
        >>> store = SparqlStore("http://127.0.0.1:9", retries=0)  # nothing listens there
        >>> store.bulk_extend([sna])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        graph.errors.StoreError: http://127.0.0.1:9/store?graph=https%3A%2F%2Fw3id.org%2F...%2Factors: SPARQL server ...
        """
        graphs = defaultdict(list)
        for q in quads:
            graphs[q.graph_name].append(q.triple)
        for graph, triples in graphs.items():
            self._post_graph(graph.value, triples, replace=False)

    def find_document(self, doc_or_url: str) -> NamedNode | None:
        """The stored document with this IRI or URL, or None.

        The IRI or URL is bound as a literal (a ``VALUES`` block), never formatted into the query:

        >>> store = SparqlStore("http://127.0.0.1:9", retries=0)  # nothing listens there
        >>> store.find_document("https://example.org/a")
        Traceback (most recent call last):
        ...
        graph.errors.StoreError: http://127.0.0.1:9/query: SPARQL server unreachable after 1 attempt: Connection refused
        """
        rows = list(self.query(load("internal/find-document"), {"x": Literal(doc_or_url)}))
        return rows[0]["d"] if rows else None

    def remove_document(self, doc_or_url: str) -> str | None:
        """Drop one document (IRI or URL), its metadata and the actors nothing else mentions, in one update.

        It first asks which document that is (``find_document``), so an unreachable server fails there:

        >>> store = SparqlStore("http://127.0.0.1:9", retries=0)  # nothing listens there
        >>> store.remove_document("https://example.org/a")
        Traceback (most recent call last):
        ...
        graph.errors.StoreError: http://127.0.0.1:9/query: SPARQL server unreachable after 1 attempt: Connection refused
        """
        node = self.find_document(doc_or_url)
        if node is None:
            return None
        self._update(drop_documents_update([node]) + " ;\n" + ORPHAN_ACTORS_UPDATE)
        return node.value

    def dump(self, path: str | Path, format: RdfFormat = RdfFormat.TRIG) -> None:
        """Write a snapshot of the server's named graphs to ``path`` (TriG by default).

        The snapshot is taken before the file is opened, so a failed dump leaves no file behind:

        >>> import tempfile
        >>> store = SparqlStore("http://127.0.0.1:9", retries=0)  # nothing listens there
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     try:
        ...         store.dump(Path(tmp, "graph.trig"))
        ...     except StoreError as exc:
        ...         print(exc)
        ...     sorted(Path(tmp).iterdir())
        http://127.0.0.1:9/query: SPARQL server unreachable after 1 attempt: Connection refused
        []
        """
        snapshot = OxigraphStore()
        rows = self.query(load("internal/all-quads"))
        snapshot.raw.extend(Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
        snapshot.dump(path, format)

    def flush(self) -> None:
        """Nothing to do: the server made each answered request durable.

        >>> SparqlStore("http://127.0.0.1:9").flush()  # no request is sent, so no error either
        """

    def close(self) -> None:
        """Nothing to release: each request has its own connection.

        >>> store = SparqlStore("http://127.0.0.1:9"); store.close(); store.endpoints.query
        'http://127.0.0.1:9/query'
        """
