"""``actorgraph serve DIR``: the SPARQL 1.1 Protocol and the graph pages over HTTP.

Endpoints:

* ``GET /sparql?query=...``, ``POST /sparql`` (form ``query=`` or ``application/sparql-query``):
  SPARQL over the union of the named graphs, answered as SPARQL JSON/XML/CSV/TSV (SELECT, ASK)
  or Turtle/N-Triples/JSON-LD/RDF-XML (CONSTRUCT, DESCRIBE) by content negotiation.
* ``POST /update`` (``application/sparql-update`` or form ``update=``), also form ``update=`` on
  ``/sparql``: only with ``--allow-update``, else 403.
* ``GET /``: the graph page; ``GET /actor/<id>``: one actor's timeline (claims per relation and
  week, a place's controllers; :mod:`graph.views.timeline_view`), its neighbourhood graph and its
  claims with their sources and sentences, by its slug (``/actor/hts``) or its whole IRI,
  percent-encoded or not. Both are generated from the store on request.

Queries and updates may use the project's prefixes (``ag:``, ``actor:``, ``skos:``, ...:
``graph.namespaces.PREFIX_MAP``) without declaring them; a ``PREFIX`` the text declares wins.

Safety: bound to loopback unless ``--host`` says otherwise, and only answers requests whose
``Host`` names this server: a loopback name, the bound address, or a name given with
``--allowed-host`` (no DNS rebinding). Updates whose ``Origin`` is another web origin are refused
(no cross-site request forgery). The processes that run queries and updates have no network:
before opening the store they install a seccomp filter under which the kernel refuses every
socket but Unix ones (:mod:`graph.sandbox`), so ``SERVICE``, ``LOAD`` and remote JSON-LD
contexts cannot fetch anything, however the text is written; they are answered 403 (``SERVICE
SILENT`` gives no rows). Request bodies over ``--max-body`` get 413.

Limits: a read-only server holds the store's lock itself (a concurrent build fails clearly
instead of corrupting anything) and answers reads with ``--workers`` processes that open the store
read-only, so reads run concurrently; with ``--allow-update`` one process opens the store
read-write and answers everything, one request at a time, so that reads see every update.
A request that runs longer than ``--timeout`` gets 503 and its worker is killed and restarted (a
thread could not be stopped; Oxigraph transactions make the kill safe), so the server keeps serving.
Each answer is written in one send, with Nagle's algorithm off.
Results over ``--max-results`` rows (or triples) are truncated, as Virtuoso does, and the
response says so in the header ``X-SPARQL-MaxRows: N``.
"""
from __future__ import annotations

import argparse
import functools
import html
import ipaddress
import itertools
import json
import multiprocessing
import os
import queue
import re
import socket
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse_query_results,
    serialize,
)

from .errors import UsageError
from .namespaces import ACTOR, ACTORS_GRAPH, AG, DOCUMENTS_GRAPH, PREFIX_MAP, RDF
from .queries import load
from .sandbox import DENIED_ERRNO, SandboxError, deny_network
from .store import OxigraphStore, StoreError

__all__ = ["configure", "run", "make_server", "GraphServer", "Reply", "negotiate", "actor_iri", "RESULT_TYPES",
           "GRAPH_TYPES", "NETWORK_REFUSED"]

#: media types offered for SELECT/ASK results, in the server's order of preference
RESULT_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
    "application/json": QueryResultsFormat.JSON,
    "application/xml": QueryResultsFormat.XML,
}
#: media types offered for CONSTRUCT/DESCRIBE graphs, in the server's order of preference
GRAPH_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/json": RdfFormat.JSON_LD,
    "text/plain": RdfFormat.N_TRIPLES,
}
#: the answer to a query or update that tried to reach the network
NETWORK_REFUSED = ("refused: this server never connects to other servers (SERVICE, LOAD and remote JSON-LD "
                   "contexts cannot reach the network)")
#: read-only query processes by default: two at least (a slow query does not hold up a cheap one), at most four
DEFAULT_WORKERS = max(2, min(4, os.cpu_count() or 1))
#: claims an actor page's neighbourhood graph is drawn from (it shows 60 actors; the table lists more)
NEIGHBOURHOOD_CLAIMS = 2000
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass
class Reply:
    """An HTTP answer, built in the worker process and sent back whole.

    >>> reply = Reply(200, b'{"boolean": true}', "application/sparql-results+json")
    >>> reply.status, reply.content_type, reply.headers
    (200, 'application/sparql-results+json', {})
    """

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> "Reply":
        """A plain-text answer (errors are one line).

        >>> reply = Reply.text(403, "updates are disabled (start with --allow-update)")
        >>> reply.status, reply.body, reply.content_type
        (403, b'updates are disabled (start with --allow-update)\\n', 'text/plain; charset=utf-8')
        """
        return cls(status, (message.rstrip("\n") + "\n").encode("utf-8"))


# ---- content negotiation and query checks ------------------------------------------------------
def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers by its Accept header (q-values, ``type/*``, ``*/*``), or None.

    Ties go to the order of ``offers``; a missing header accepts the first offer.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+json", "text/csv",
    ...           "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("text/*", ["application/n-triples", "text/turtle"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges: list[tuple[str, str, float]] = []
    for item in accept.split(","):
        media, *params = [p.strip() for p in item.split(";")]
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        kind, _, sub = media.lower().partition("/")
        ranges.append((kind, sub, q))
    best, best_q = None, 0.0
    for offer in offers:
        kind, _, sub = offer.partition("/")
        matches = [(3 if (k, s) == (kind, sub) else 2 if k == kind and s == "*" else 1, q)
                   for k, s, q in ranges if (k, s) in ((kind, sub), (kind, "*"), ("*", "*"))]
        if matches:
            q = max(matches)[1]
            if q > best_q:
                best, best_q = offer, q
    return best


# ---- the worker process: owns the store, answers one request at a time --------------------------
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json_term(term: object) -> dict:
    """A term in SPARQL JSON results (dispatch on the exact type: this runs for every cell).

    >>> from pyoxigraph import Literal
    >>> _json_term(Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '1', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    """
    kind = type(term)
    if kind is NamedNode:
        return {"type": "uri", "value": term.value}
    if kind is BlankNode:
        return {"type": "bnode", "value": term.value}
    if kind is Triple:
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": datatype}


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _refused_fetch(exc: OSError) -> bool:
    """Whether the error is the sandbox refusing a connection (SERVICE, LOAD, a remote JSON-LD context)."""
    return exc.errno == DENIED_ERRNO or f"(os error {DENIED_ERRNO})" in str(exc)


def _graph_terms(parameter: str, iris: list[str]) -> list[NamedNode]:
    """The graphs named by a protocol parameter; ValueError naming the parameter for a bad IRI."""
    try:
        return [NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise ValueError(f"{parameter}: {_first_line(exc)}") from None


def _answer_query(store: OxigraphStore, sparql: str, accept: str | None, default_graphs: list[str],
                  named_graphs: list[str], max_results: int) -> Reply:
    options: dict = {"use_default_graph_as_union": not default_graphs}
    try:
        if default_graphs:
            options["default_graph"] = _graph_terms("default-graph-uri", default_graphs)
        if named_graphs:
            options["named_graphs"] = _graph_terms("named-graph-uri", named_graphs)
        result = store.raw.query(sparql, prefixes=PREFIX_MAP, **options)
    except (SyntaxError, ValueError) as exc:
        return Reply.text(400, f"bad query: {_first_line(exc)}")
    headers: dict[str, str] = {}
    if isinstance(result, (QueryBoolean, QuerySolutions)):
        media = negotiate(accept, list(RESULT_TYPES))
        if media is None:
            return Reply.text(406, f"cannot answer as {accept}; use one of {', '.join(RESULT_TYPES)}")
        fmt = RESULT_TYPES[media]
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            rows = list(itertools.islice(result, max_results + 1))
            if len(rows) > max_results:
                rows = rows[:max_results]
                headers["X-SPARQL-MaxRows"] = str(max_results)
            document = {"head": {"vars": names}, "results": {"bindings": [
                {n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]}}
            data = json.dumps(document, ensure_ascii=False).encode("utf-8")
            if fmt == QueryResultsFormat.JSON:  # already the answer: no second encoding
                return Reply(200, data, fmt.media_type, headers)
            result = parse_query_results(data, format=QueryResultsFormat.JSON)
        body = result.serialize(format=fmt) or b""
        return Reply(200, body, fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else ""),
                     headers)
    media = negotiate(accept, list(GRAPH_TYPES))
    if media is None:
        return Reply.text(406, f"cannot answer as {accept}; use one of {', '.join(GRAPH_TYPES)}")
    triples = list(itertools.islice(result, max_results + 1))
    if len(triples) > max_results:
        triples = triples[:max_results]
        headers["X-SPARQL-MaxRows"] = str(max_results)
    fmt = GRAPH_TYPES[media]
    body = serialize(triples, format=fmt, prefixes=PREFIX_MAP if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML)
                     else None) or b""
    return Reply(200, body, fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else ""),
                 headers)


def _answer_update(store: OxigraphStore, sparql: str) -> Reply:
    try:
        store.raw.update(sparql, prefixes=PREFIX_MAP)
        store.flush()
    except (SyntaxError, ValueError) as exc:
        return Reply.text(400, f"bad update: {_first_line(exc)}")
    return Reply(204, b"")


def _graph_page(store: OxigraphStore, max_nodes: int) -> Reply:
    from .views.html_view import render_html, view_data

    page = render_html(view_data(store, max_actors=max(1000, max_nodes), max_claims=10000), title="actorgraph",
                       max_nodes=max_nodes)
    return Reply(200, page.encode("utf-8"), "text/html; charset=utf-8")


def neighbourhood(store: Store, actor: NamedNode, max_claims: int | None = None) -> OxigraphStore:
    """The actor's 1-hop subgraph: the claims that mention it (at most ``max_claims``, the first in
    the store's order: a busy actor's page must not copy tens of thousands), the edges they support,
    the actors and documents involved, in a new in-memory store (what the graph page needs, nothing else).

    >>> len(neighbourhood(Store(), NamedNode("https://w3id.org/actorgraph/id/actor/hts")))
    0
    """
    actors_graph, docs_graph = NamedNode(ACTORS_GRAPH), NamedNode(DOCUMENTS_GRAPH)
    subject, obj, reported = NamedNode(RDF.subject), NamedNode(RDF.object), NamedNode(AG.reportedBy)
    out: list[Quad] = []
    people, documents = {actor}, set()
    mentions = itertools.chain.from_iterable(store.quads_for_pattern(None, p, actor, None) for p in (subject, obj))
    for mention in itertools.islice(mentions, max_claims):
        claim, graph = mention.subject, mention.graph_name
        documents.add(graph)
        for quad in store.quads_for_pattern(claim, None, None, graph):
            out.append(quad)
            if quad.predicate in (subject, obj, reported):
                people.add(quad.object)
    for graph in documents:
        out.extend(q for q in store.quads_for_pattern(actor, None, None, graph) if q.object in people)
        out.extend(q for q in store.quads_for_pattern(None, None, actor, graph) if q.subject in people)
        out.extend(store.quads_for_pattern(graph, None, None, docs_graph))
    for person in people:
        out.extend(store.quads_for_pattern(person, None, None, actors_graph))
    result = OxigraphStore()
    result.raw.extend(out)
    return result


_RELATIONS_QUERY = load("internal/actor-relations")
_LABEL_QUERY = load("internal/actor-label")


def _actor_link(iri: str, label: str | None) -> str:
    """A link to the actor's page: by its slug for the project's actors, else by its whole IRI."""
    text = html.escape(label or iri.rsplit("/", 1)[-1])
    if not iri:
        return text
    name = iri[len(str(ACTOR)):] if iri.startswith(str(ACTOR)) else iri
    return f'<a href="/actor/{html.escape(urllib.parse.quote(name, safe=""))}">{text}</a>'


def actor_iri(name: str) -> NamedNode:
    """The actor an ``/actor/...`` path names, percent-decoded: a slug of the project's actors, or
    a whole IRI (any absolute one). ValueError for text that is neither.

    >>> actor_iri("hts").value, actor_iri("https%3A%2F%2Fw3id.org%2Factorgraph%2Fid%2Factor%2Fhts").value
    ('https://w3id.org/actorgraph/id/actor/hts', 'https://w3id.org/actorgraph/id/actor/hts')
    >>> actor_iri("http://www.wikidata.org/entity/Q1").value
    'http://www.wikidata.org/entity/Q1'
    >>> actor_iri("a b")
    Traceback (most recent call last):
    ...
    ValueError: not an actor name or IRI: 'a b'
    """
    text = urllib.parse.unquote(name)
    try:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
            return NamedNode(text)
        if re.fullmatch(r"[A-Za-z0-9._~-]+", text):
            return NamedNode(str(ACTOR) + text)
    except ValueError:
        pass
    raise ValueError(f"not an actor name or IRI: {text!r}")


def _cell(row, name: str) -> str | None:
    return row[name].value if row[name] is not None else None


def _claim_row(row, actor: str, label: str) -> str:
    """One claim of the actor page's table (the actor is ``actor``, named ``label``, on the side the row
    says); its data attributes are what the page's filters read."""
    value = functools.partial(_cell, row)
    url, title, doc = value("url"), value("title"), value("doc") or ""
    source = html.escape(title or url or doc.rsplit("/", 1)[-1])
    if url and urllib.parse.urlsplit(url).scheme in ("http", "https"):
        source = f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{source}</a>'
    relation = (value("p") or "").rsplit("#", 1)[-1]
    status = (value("status") or "").rsplit("#", 1)[-1].lower()
    confidence = value("confidence") or ""
    ends = [(actor, label), (value("x") or "", value("xLabel"))]
    (s, s_label), (o, o_label) = ends if row["subjectSide"] is not None else ends[::-1]
    attributes = " ".join(f'data-{name}="{html.escape(text, quote=True)}"' for name, text in (
        ("relation", relation), ("status", status), ("confidence", confidence), ("s", s), ("o", o)))
    return (f"<tr {attributes}>"
            f"<td>{_actor_link(s, s_label)}</td>"
            f"<td>{html.escape(relation)}</td>"
            f"<td>{_actor_link(o, o_label)}</td>"
            f"<td>{html.escape(status)}</td>"
            f"<td>{html.escape(confidence)}</td>"
            f"<td>{html.escape(value('sentence') or '')}</td>"
            f"<td>{source}</td>"
            f"<td>{html.escape(value('date') or '')}</td>"
            "</tr>")


_ACTOR_STYLE = """body{font-family:sans-serif;margin:1.5em} table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top} iframe{width:100%;height:520px;border:1px solid #ccc}
#agt-timeline{max-width:1100px;margin:1em 0 1.5em} #agt-timeline h2{font-size:1.05em;margin:.8em 0 .3em}"""


def _actor_page(store: OxigraphStore, actor_id: str, max_rows: int) -> Reply:
    """One actor: the timeline of its claims (with a place's controllers), its neighbourhood graph and
    the table of its claims. The page runs only its own inline scripts (by hash, header and meta)."""
    from .views.html_view import _json_for_script, render_html, view_data
    from .views.timeline_view import (actor_page_script, actor_timeline, content_security_policy, inline_scripts,
                                      timeline_assets)

    try:
        actor = actor_iri(actor_id)
    except ValueError as exc:
        return Reply.text(404, str(exc))
    actor_id = urllib.parse.unquote(actor_id)
    labels = [row["label"].value for row in store.query(_LABEL_QUERY, {"a": actor}, union=False)]
    if not labels:
        return Reply.text(404, f"no actor {actor_id!r} in this graph")
    label = labels[0]
    rows = list(store.query(_RELATIONS_QUERY + f"\nLIMIT {int(max_rows) + 1}", {"a": actor}, union=False))
    cut = len(rows) > max_rows
    note = f"<p>First {max_rows} claims shown.</p>" if cut else ""
    data = actor_timeline(store, actor)
    near = neighbourhood(store.raw, actor, max_claims=NEIGHBOURHOOD_CLAIMS)
    near_note = (f'<p class="agt-note">The graph is drawn from at most {NEIGHBOURHOOD_CLAIMS:,} of the claims that '
                 f'mention it.</p>' if cut or len(rows) > NEIGHBOURHOOD_CLAIMS else "")
    graph = render_html(view_data(near), title=label, max_nodes=60)
    timeline_js, timeline_css = timeline_assets()
    page_js = actor_page_script()
    policy = content_security_policy([timeline_js, page_js, *inline_scripts(graph)])
    band = '<h2>Who held it</h2><div id="agt-band"></div>' if data["place"] else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=True)}">
<meta name="referrer" content="no-referrer">
<title>{html.escape(label)} - actorgraph</title>
<style>{_ACTOR_STYLE}</style>
<style>{timeline_css}</style>
</head><body>
<p><a href="/">the whole graph</a></p>
<h1>{html.escape(label)}</h1>
<p>{len(rows[:max_rows])} claim{"" if len(rows) == 1 else "s"} mention{"s" if len(rows) == 1 else ""} <code>{html.escape(actor.value)}</code>.</p>
<section id="agt-timeline" aria-label="Timeline">
<h2>Claims over time</h2>
<div id="agt-filters"></div>
<div id="agt-chart"></div>
<p id="agt-truncated" class="agt-note" hidden>Only the first {data["maxEvents"]:,} claims are drawn.</p>
{band}
<p id="agt-table-count" class="agt-note"></p>
</section>
<iframe title="neighbourhood of {html.escape(label, quote=True)}" srcdoc="{html.escape(graph, quote=True)}"></iframe>{near_note}
<table id="agt-claims"><thead><tr><th>subject</th><th>relation</th><th>object</th><th>status</th><th>confidence</th>
<th>sentence</th><th>source</th><th>published</th></tr></thead><tbody>
{chr(10).join(_claim_row(row, actor.value, label) for row in rows[:max_rows])}
</tbody></table>{note}
<script type="application/json" id="agt-data">{_json_for_script(data)}</script>
<script>{timeline_js}</script>
<script>{page_js}</script>
</body></html>
"""
    return Reply(200, page.encode("utf-8"), "text/html; charset=utf-8", {"Content-Security-Policy": policy})


def _worker_main(path: str, read_only: bool, conn) -> None:
    """A worker process: lose the network for good, open the store (read-write, taking its lock, or
    read-only), then answer requests until told to stop."""
    try:
        deny_network()
        store = OxigraphStore(path, read_only=read_only)
    except (StoreError, SandboxError, OSError) as exc:
        conn.send(("failed", _first_line(exc)))
        return
    conn.send(("ready", None))
    handlers = {"query": _answer_query, "update": _answer_update, "page": _graph_page, "actor": _actor_page}
    while True:
        try:
            message = conn.recv()
        except EOFError:
            break
        if message is None:
            break
        op, args = message
        try:
            reply = handlers[op](store, *args)
        except OSError as exc:  # raised where the results are read, so caught here for all requests
            reply = Reply.text(403, NETWORK_REFUSED) if _refused_fetch(exc) else Reply.text(500, f"{op} failed: {_first_line(exc)}")
        except Exception as exc:  # one request failing must not stop the worker
            reply = Reply.text(500, f"{op} failed: {_first_line(exc)}")
        conn.send(reply)
    store.close()


class _Worker:
    """One store process and the pipe to it; killed and started again when a request outlives the timeout."""

    def __init__(self, context, path: Path, read_only: bool) -> None:
        self._context, self.path, self.read_only = context, path, read_only
        self.process = None
        self._conn = None
        self.start()

    def start(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(str(self.path), self.read_only, child),
                                        daemon=True, name="actorgraph-store")
        process.start()
        child.close()
        if not parent.poll(120):
            process.kill()
            raise StoreError(f"{self.path}: the store worker did not start")
        status, detail = parent.recv()
        if status != "ready":
            process.join()
            raise StoreError(detail)
        self.process, self._conn = process, parent

    def call(self, op: str, args: tuple, timeout: float) -> Reply | None:
        """The worker's answer, or None after killing it for running longer than ``timeout``."""
        try:
            self._conn.send((op, args))
            if self._conn.poll(timeout):
                return self._conn.recv()
        except (EOFError, OSError):
            return self.restart() or Reply.text(503, f"{op} failed: the store worker stopped; it was restarted, "
                                                     "try again")
        return self.restart()

    def restart(self) -> Reply | None:
        """Kill the process and start another; a 503 answer if it cannot start (tried again next time)."""
        self.process.kill()
        self.process.join()
        self._conn.close()
        try:
            self.start()
        except StoreError as exc:
            return Reply.text(503, f"the store worker could not be restarted: {_first_line(exc)}")
        return None

    def close(self) -> None:
        """Stop the worker, letting it flush and release the store."""
        try:
            self._conn.send(None)
        except OSError:
            pass
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _hold_store_lock(path: Path) -> int:
    """Take the lock a read-write opening of the store takes (RocksDB's ``LOCK`` file, by ``fcntl``),
    without opening it: a build then fails with "in use", and nothing here ever writes or compacts
    the store under the read-only workers (a read-write opening compacts at once, deleting files a
    read-only one still needs). Returns the descriptor that holds the lock."""
    import fcntl  # POSIX only, like the sandbox

    descriptor = os.open(path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise StoreError(f"{path}: the store is in use by another process (a build or a server); "
                         "wait for it to finish or stop it") from None
    return descriptor


class _StorePool:
    """The store's processes. With updates allowed, one process opens the store read-write (holding
    its lock) and answers everything, so that every read sees every update. Otherwise the server
    holds the store's lock itself and ``readers`` processes open the store read-only and answer reads
    concurrently; nothing writes, as Oxigraph requires beside read-only openings. Each worker is
    killed and restarted on its own when a request outlives the timeout."""

    def __init__(self, path: Path, timeout: float, *, readers: int = 0) -> None:
        self.timeout = timeout
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["graph.server", "graph.views.html_view"])
        self._lock = _hold_store_lock(path) if readers else None
        self._workers: list[_Worker] = []
        try:
            for _ in range(readers or 1):
                self._workers.append(_Worker(context, path, read_only=bool(readers)))
        except StoreError:
            self.close()
            raise
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        for worker in self._workers:
            self._idle.put(worker)

    @property
    def pids(self) -> list[int]:
        """The process ids of the store's processes (for tests and operators)."""
        return [w.process.pid for w in self._workers]

    def call(self, op: str, *args: object) -> Reply:
        """Run one request in an idle worker; 503 when none is free within the timeout, or when the
        request runs longer than the timeout."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply(503, b"the server is busy with other requests; try again\n", headers={"Retry-After": "1"})
        try:
            reply = worker.call(op, args, self.timeout)
        finally:
            self._idle.put(worker)
        if reply is None:
            return Reply.text(503, f"{op} stopped: it ran longer than the server's limit of {self.timeout:g} s "
                                   "(add LIMIT or narrower patterns)")
        return reply

    def close(self) -> None:
        """Stop every worker (a read-write one flushes), then release the store's lock."""
        for worker in self._workers:
            worker.close()
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


# ---- HTTP --------------------------------------------------------------------------------------
def _host_name(host: str) -> str:
    """The name part of a Host header or ``--host``/``--allowed-host`` value, lower case, brackets off.

    >>> [_host_name(h) for h in ("Example.ORG:8080", "[::1]:7878", "::1", "localhost.", "10.0.0.5")]
    ['example.org', '::1', '::1', 'localhost', '10.0.0.5']
    """
    host = host.strip().lower()
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_loopback(name: str) -> bool:
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_unspecified(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


class GraphServer(ThreadingHTTPServer):
    """The HTTP server: its handler threads hand every store request to the one worker process.

    Serving one request, on a free loopback port, from a store made in a temporary folder (the first
    server of a process also starts multiprocessing's fork server, about a second):

    >>> import tempfile
    >>> from pyoxigraph import RdfFormat
    >>> from graph.api import EXAMPLE_TRIG, ActorGraph
    >>> folder = tempfile.TemporaryDirectory()
    >>> with ActorGraph.open(folder.name) as g:
    ...     g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> import json, threading, urllib.parse, urllib.request
    >>> server = GraphServer(Path(folder.name, "store"), port=0)
    >>> threading.Thread(target=server.handle_request).start()
    >>> query = urllib.parse.urlencode({"query": "ASK { ?s <https://w3id.org/actorgraph#backs> ?o }"})
    >>> with urllib.request.urlopen(f"{server.url}/sparql?{query}") as reply:
    ...     reply.status, reply.headers["Content-Type"], json.load(reply)["boolean"]
    (200, 'application/sparql-results+json', True)
    >>> server.server_close(); folder.cleanup()
    """

    daemon_threads = True

    def __init__(self, store_dir: Path, *, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                 timeout: float = 30.0, max_results: int = 10_000, max_body: int = 1_000_000,
                 max_nodes: int = 300, allowed_hosts: Sequence[str] = (), workers: int = DEFAULT_WORKERS) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        names = [_host_name(name) for name in (host, *allowed_hosts)]
        #: the host names requests may be addressed to, besides loopback ones (no DNS rebinding)
        self.allowed_hosts = frozenset(n for n in names if n and not _is_unspecified(n))
        self.store_dir = store_dir
        self.worker = _StorePool(store_dir, timeout, readers=0 if allow_update else workers)
        self.allow_update = allow_update
        self.max_results = max_results
        self.max_body = max_body
        self.max_nodes = max_nodes
        if ":" in host:  # an IPv6 address
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), _Handler)
        except OSError:
            self.worker.close()
            raise

    def allows_host(self, host: str) -> bool:
        """Whether a request's Host (or Origin's host and port) names this server: a loopback name
        or address, the bound address, or one given with ``--allowed-host``.

        >>> import tempfile
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> server = GraphServer(Path(folder.name), host="0.0.0.0", port=0, allowed_hosts=["graph.example.org"])
        >>> [server.allows_host(h) for h in ("localhost:7878", "[::1]", "Graph.Example.org:80", "evil.example", "")]
        [True, True, True, False, False]
        >>> server.server_close(); folder.cleanup()
        """
        name = _host_name(host)
        return bool(name) and (name in self.allowed_hosts or _is_loopback(name))

    @property
    def host_names(self) -> list[str]:
        """The names this server answers, for messages: loopback first, then the others.

        >>> import tempfile
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> server = GraphServer(Path(folder.name), host="::", port=0, allowed_hosts=["fd00::5", "graph.lan"])
        >>> server.host_names
        ['localhost', '127.0.0.1', '[::1]', '[fd00::5]', 'graph.lan']
        >>> server.server_close(); folder.cleanup()
        """
        return ["localhost", "127.0.0.1", "[::1]", *sorted(f"[{n}]" if ":" in n else n
                                                          for n in self.allowed_hosts - {"localhost", "127.0.0.1", "::1"})]

    @property
    def url(self) -> str:
        """The server's base URL (an IPv6 host in brackets), here of an empty store on a free port.

        >>> import tempfile
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> server = GraphServer(Path(folder.name), port=0)
        >>> server.url == f"http://127.0.0.1:{server.server_address[1]}"
        True
        >>> server.server_close(); folder.cleanup()
        """
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"

    def server_close(self) -> None:
        """Close the socket, then stop the store worker, which flushes and releases the store's lock.

        >>> import tempfile
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> server = GraphServer(Path(folder.name), port=0)
        >>> server.server_close()
        >>> with OxigraphStore(folder.name) as store:  # the lock is free again: a build could write
        ...     len(store)
        0
        >>> folder.cleanup()
        """
        super().server_close()
        self.worker.close()


class _Handler(BaseHTTPRequestHandler):
    server: GraphServer
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        """The Server header: the name only, no Python version."""
        return "actorgraph"

    # -- plumbing
    def setup(self) -> None:
        """Answers go out as soon as they are written: no Nagle delay waiting for the client's ACK."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, reply: Reply) -> None:
        """The status line, headers and body in one write (HEAD: the same headers, no body)."""
        self.log_request(reply.status, len(reply.body))
        phrase = self.responses.get(reply.status, ("",))[0]
        head = [f"HTTP/1.1 {reply.status} {phrase}", "Server: actorgraph", f"Date: {self.date_time_string()}",
                f"Content-Type: {reply.content_type}", f"Content-Length: {len(reply.body)}",
                "X-Content-Type-Options: nosniff", *(f"{key}: {value}" for key, value in reply.headers.items())]
        if self.close_connection:
            head.append("Connection: close")
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(data if self.command == "HEAD" else data + reply.body)

    def _host_ok(self) -> bool:
        """Whether the Host header names this server (a rebound DNS name does not), else answers 403."""
        if self.server.allows_host(self.headers.get("Host", "")):
            return True
        self.close_connection = True
        self._send(Reply.text(403, f"this server answers the host names {', '.join(self.server.host_names)} only "
                                   "(start it with --allowed-host NAME to add one)"))
        return False

    def _same_origin(self) -> bool:
        """A browser's update comes from a page of this server itself, or not at all (no CSRF)."""
        origin = self.headers.get("Origin")
        if origin is None:  # not sent by a browser
            return True
        parts = urllib.parse.urlsplit(origin)
        return (parts.scheme in ("http", "https") and parts.netloc == self.headers.get("Host", "")
                and self.server.allows_host(parts.netloc))

    def _body(self) -> bytes | None:
        """The request body, or None after answering 411/413."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self._send(Reply.text(411, "send the body with a Content-Length, not chunked"))
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._send(Reply.text(411, "a Content-Length header is required"))
            return None
        if length > self.server.max_body or length < 0:
            self.close_connection = True
            self._send(Reply.text(413, f"request body of {length} bytes is over the server's limit of "
                                       f"{self.server.max_body} bytes"))
            return None
        return self.rfile.read(length)

    # -- routes
    def do_GET(self) -> None:
        """Pages and SPARQL queries in the URL (HEAD too: the same answer without its body)."""
        if not self._host_ok():
            return None
        parts = urllib.parse.urlsplit(self.path)
        if parts.path == "/":
            return self._send(self.server.worker.call("page", self.server.max_nodes))
        if parts.path.startswith("/actor/"):
            actor_id = parts.path[len("/actor/"):]
            return self._send(self.server.worker.call("actor", actor_id, self.server.max_results))
        if parts.path == "/sparql":
            params = urllib.parse.parse_qs(parts.query)
            if "update" in params:
                return self._send(Reply.text(405, "updates must be POSTed to /update"))
            return self._query(params)
        if parts.path == "/update":
            return self._send(Reply(405, b"POST updates to /update\n", headers={"Allow": "POST"}))
        return self._send(Reply.text(404, f"nothing at {parts.path}; try / or /sparql"))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """SPARQL queries and updates in the body."""
        if not self._host_ok():
            return None
        path = urllib.parse.urlsplit(self.path).path
        if path not in ("/sparql", "/update"):
            return self._send(Reply.text(404, f"nothing to POST to at {path}; use /sparql or /update"))
        body = self._body()
        if body is None:
            return None
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._send(Reply.text(400, "the request body is not UTF-8"))
        if media == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(text).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query" and path == "/sparql":
            params["query"] = [text]
        elif media == "application/sparql-update":
            params["update"] = [text]
        else:
            return self._send(Reply.text(415, f"unsupported Content-Type {media or 'none'}: use "
                                              "application/x-www-form-urlencoded, application/sparql-query or "
                                              "application/sparql-update"))
        if "update" in params:
            return self._update(params)
        if path == "/update":
            return self._send(Reply.text(400, "missing the update parameter"))
        return self._query(params)

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._send(Reply.text(400, "give exactly one query parameter"))
        self._send(self.server.worker.call("query", queries[0], self.headers.get("Accept"),
                                           params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                                           self.server.max_results))

    def _update(self, params: dict[str, list[str]]) -> None:
        if not self.server.allow_update:
            return self._send(Reply.text(403, "this server is read-only (start it with --allow-update)"))
        if not self._same_origin():
            return self._send(Reply.text(403, "updates from another web origin are refused"))
        updates = params.get("update", [])
        if len(updates) != 1 or "query" in params:
            return self._send(Reply.text(400, "give exactly one update parameter and no query"))
        self._send(self.server.worker.call("update", updates[0]))


# ---- the command -------------------------------------------------------------------------------
def _store_dir(path: Path) -> Path:
    store = path / "store" if (path / "store").is_dir() else path
    if not (store / "CURRENT").is_file():

        raise UsageError(f"{path}: no store here (run `actorgraph build ... --out {path}` first)")
    return store


def make_server(directory: str | Path, **options) -> GraphServer:
    """A server over the store of a build folder (``DIR`` or ``DIR/store``); call ``serve_forever``.

    ``options`` are GraphServer's: host, port (0 for any free one), allow_update, timeout,
    max_results, max_body, max_nodes, allowed_hosts, workers.

    >>> make_server("/nonexistent")
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: /nonexistent: no store here (run `actorgraph build ... --out /nonexistent` first)
    """
    return GraphServer(_store_dir(Path(directory)), **options)


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``actorgraph serve``.

    >>> parser = argparse.ArgumentParser(prog="actorgraph serve"); configure(parser)
    >>> args = parser.parse_args(["out", "--port", "0", "--allow-update"])
    >>> args.dir, args.host, args.port, args.allow_update, args.timeout
    (PosixPath('out'), '127.0.0.1', 0, True, 30.0)
    """
    parser.add_argument("dir", type=Path, help="a build folder (or its store/)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    parser.add_argument("--port", type=int, default=7878, help="port (0 picks a free one)")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME", dest="allowed_hosts",
                        help="a host name clients may use to reach the server (repeatable; loopback names and the "
                             "--host address are always allowed); requests to other names get 403")
    parser.add_argument("--allow-update", action="store_true", help="accept SPARQL Update on POST /update")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="S", help="seconds a request may take")
    parser.add_argument("--max-results", type=int, default=10_000, metavar="N",
                        help="rows or triples per answer; more are cut (header X-SPARQL-MaxRows)")
    parser.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES", help="largest request body")
    parser.add_argument("--max-nodes", type=int, default=300, help="actors shown at first on the graph page")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, metavar="N",
                        help=f"processes answering reads at once (default {DEFAULT_WORKERS}; with --allow-update "
                             "one process answers everything, so that reads see every update)")


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; prints the URL first so that scripts can wait for it.

    (tests/test_server.py runs it in a subprocess.) Bad arguments stop it before anything starts:

    >>> parser = argparse.ArgumentParser(prog="actorgraph serve"); configure(parser)
    >>> run(parser.parse_args(["/nonexistent"]))
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: /nonexistent: no store here (run `actorgraph build ... --out /nonexistent` first)
    >>> run(parser.parse_args(["/nonexistent", "--timeout", "0"]))
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: --timeout must be positive
    """

    for name in ("timeout", "max_results", "max_body", "workers"):
        if getattr(args, name) <= 0:
            raise UsageError(f"--{name.replace('_', '-')} must be positive")
    try:
        server = make_server(args.dir, host=args.host, port=args.port, allow_update=args.allow_update,
                             timeout=args.timeout, max_results=args.max_results, max_body=args.max_body,
                             max_nodes=args.max_nodes, allowed_hosts=args.allowed_hosts, workers=args.workers)
    except OSError as exc:
        raise UsageError(f"{args.host}:{args.port}: cannot listen: {exc.strerror or exc}") from exc
    mode = "read-write" if args.allow_update else "read-only"
    print(f"actorgraph: serving {args.dir} ({mode}) at {server.url}/ (SPARQL: {server.url}/sparql)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
