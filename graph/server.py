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

HTTP: one thread runs an event loop over every connection and parses requests itself
(:mod:`graph.http11`: strict HTTP/1.1, a head of at most 64 KiB, 400/431/505 for what it cannot
frame, then the connection closes); keep-alive is HTTP/1.1's default, ``Connection: close`` and
HTTP/1.0 close after the answer, and pipelined requests are answered in order. Store requests go
to the processes over Unix socket pairs (:mod:`graph.storepool`). Solutions are serialized by
Oxigraph itself when the answer is too short to hold more than ``--max-results`` rows, or when
Oxigraph's parser counts no more in it; else they are counted and cut here. Nothing is logged per
request unless ``--access-log``.
Results over ``--max-results`` rows (or triples) are truncated, as Virtuoso does, and the
response says so in the header ``X-SPARQL-MaxRows: N``.
"""
from __future__ import annotations

import argparse
import email.utils
import functools
import html
import http
import ipaddress
import itertools
import json
import math
import os
import re
import selectors
import socket
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Sequence
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
from .http11 import MAX_HEAD, BadRequest, Reply, Request, parse_head, parse_query
from .namespaces import ACTOR, ACTORS_GRAPH, AG, DOCUMENTS_GRAPH, PREFIX_MAP, RDF
from .queries import load
from .sandbox import DENIED_ERRNO, SandboxError, deny_network
from .store import OxigraphStore, StoreError
from .storepool import READ_SIZE, StorePool, receive_frame, send_frame

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


@functools.lru_cache(maxsize=256)
def _negotiated(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """:func:`negotiate`, remembered: clients send the same few Accept headers again and again."""
    return negotiate(accept, offers)


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


#: the fewest bytes a row takes in each results format (an empty row: ``{},``, ``<result></result>``,
#: CRLF, LF), so that an answer of at most ``N * bytes`` bytes has at most N rows
_MIN_ROW_BYTES = {QueryResultsFormat.JSON: 3, QueryResultsFormat.XML: 17, QueryResultsFormat.CSV: 2,
                  QueryResultsFormat.TSV: 1}


#: bytes per allowed row, and bytes in all, up to which a longer answer is still serialized by Oxigraph and
#: its rows counted by Oxigraph's parser (a third of the time of building it here); CSV cannot be read back
_COUNTED_ROW_BYTES, _COUNTED_BYTES = 512, 16 << 20


def _fits(body: bytes, fmt: QueryResultsFormat, max_results: int) -> bool:
    """Whether a whole answer has at most ``max_results`` rows: surely if it is short enough, else counted."""
    if len(body) <= _MIN_ROW_BYTES[fmt] * max_results:
        return True
    if fmt == QueryResultsFormat.CSV:
        return False
    rows = parse_query_results(body, format=fmt)
    return sum(1 for _ in itertools.islice(rows, max_results + 1)) <= max_results


class _TooLong(Exception):
    """Raised into the native serializer when its answer might hold more rows than the server gives."""


class _CappedOutput:
    """A file for Oxigraph's results serializer that refuses to grow past ``limit`` bytes, so that an
    answer that may need truncating costs no more than that much serializing."""

    __slots__ = ("chunks", "size", "limit")

    def __init__(self, limit: int) -> None:
        self.chunks: list[bytes] = []
        self.size, self.limit = 0, limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLong
        self.chunks.append(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the chunks are joined by the caller."""


def _run_query(store: OxigraphStore, sparql: str, default_graphs: list[str], named_graphs: list[str]):
    options: dict = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        options["default_graph"] = _graph_terms("default-graph-uri", default_graphs)
    if named_graphs:
        options["named_graphs"] = _graph_terms("named-graph-uri", named_graphs)
    return store.raw.query(sparql, prefixes=PREFIX_MAP, **options)


def _media_type(fmt: QueryResultsFormat | RdfFormat) -> str:
    return fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")


def _answer_query(store: OxigraphStore, sparql: str, accept: str | None, default_graphs: list[str],
                  named_graphs: list[str], max_results: int) -> Reply:
    """Solutions are serialized by Oxigraph itself while the answer is too short to hold more than
    ``max_results`` rows whatever they are (``_MIN_ROW_BYTES``), or short enough to count them with
    Oxigraph's parser (``_COUNTED_BYTES``); one with more rows, or longer, runs again and its rows
    are counted and cut here."""
    try:
        result = _run_query(store, sparql, default_graphs, named_graphs)
    except (SyntaxError, ValueError) as exc:
        return Reply.text(400, f"bad query: {_first_line(exc)}")
    headers: dict[str, str] = {}
    if isinstance(result, (QueryBoolean, QuerySolutions)):
        media = _negotiated(accept, tuple(RESULT_TYPES))
        if media is None:
            return Reply.text(406, f"cannot answer as {accept}; use one of {', '.join(RESULT_TYPES)}")
        fmt = RESULT_TYPES[media]
        if isinstance(result, QuerySolutions):
            counted = 0 if fmt == QueryResultsFormat.CSV else min(_COUNTED_ROW_BYTES * max_results, _COUNTED_BYTES)
            output = _CappedOutput(max(_MIN_ROW_BYTES[fmt] * max_results, counted))
            try:
                result.serialize(output, format=fmt)
            except _TooLong:
                pass
            else:
                body = b"".join(output.chunks)
                if _fits(body, fmt, max_results):
                    return Reply(200, body, _media_type(fmt))
            result = _run_query(store, sparql, default_graphs, named_graphs)
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
        return Reply(200, body, _media_type(fmt), headers)
    media = _negotiated(accept, tuple(GRAPH_TYPES))
    if media is None:
        return Reply.text(406, f"cannot answer as {accept}; use one of {', '.join(GRAPH_TYPES)}")
    triples = list(itertools.islice(result, max_results + 1))
    if len(triples) > max_results:
        triples = triples[:max_results]
        headers["X-SPARQL-MaxRows"] = str(max_results)
    fmt = GRAPH_TYPES[media]
    body = serialize(triples, format=fmt, prefixes=PREFIX_MAP if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML)
                     else None) or b""
    return Reply(200, body, _media_type(fmt), headers)


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


# ---- the store processes ----------------------------------------------------------------------
def _worker_main(path: str, read_only: bool, channel: socket.socket) -> None:
    """A store process: lose the network for good, open the store (read-write, taking its lock, or
    read-only), then answer requests one at a time until told to stop (or its socket closes)."""
    try:
        deny_network()
        store = OxigraphStore(path, read_only=read_only)
    except (StoreError, SandboxError, OSError) as exc:
        send_frame(channel, ("failed", _first_line(exc)))
        return
    send_frame(channel, ("ready", None))
    handlers = {"query": _answer_query, "update": _answer_update, "page": _graph_page, "actor": _actor_page}
    reader = channel.makefile("rb")
    while True:
        try:
            message = receive_frame(reader)
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
        send_frame(channel, reply)
    store.close()


# ---- HTTP --------------------------------------------------------------------------------------
_PHRASES = {status.value: status.phrase for status in http.HTTPStatus}
#: seconds a closed connection keeps reading (and dropping) what the client still sends, so that
#: the answer is not lost to a reset
_LINGER = 2.0
_date = [0, ""]


def _http_date() -> str:
    """The Date header's value, formatted once a second."""
    now = int(time.time())
    if now != _date[0]:
        _date[:] = [now, email.utils.formatdate(now, usegmt=True)]
    return _date[1]


def _body_framing(headers: dict[str, str], max_body: int, required: bool) -> tuple[int, Reply | None]:
    """The length of the request's body, or the answer refusing it (411, 413: the connection closes).

    >>> _body_framing({"content-length": "12"}, 100, True)
    (12, None)
    >>> _body_framing({}, 100, False)
    (0, None)
    >>> [r.status for _, r in (_body_framing(h, 100, True) for h in (
    ...     {}, {"content-length": "x"}, {"content-length": "101"}, {"transfer-encoding": "chunked"}))]
    [411, 411, 413, 411]
    """
    if "transfer-encoding" in headers:
        return 0, Reply.text(411, "send the body with a Content-Length, not chunked").closing()
    text = headers.get("content-length")
    if text is None:
        return 0, Reply.text(411, "a Content-Length header is required").closing() if required else None
    if not (text.isascii() and text.isdigit()):
        return 0, Reply.text(411, "a Content-Length header is required").closing()
    length = int(text)
    if length > max_body:
        return 0, Reply.text(413, f"request body of {length} bytes is over the server's limit of "
                                  f"{max_body} bytes").closing()
    return length, None


class _Connection:
    """One client connection in the event loop: the bytes read and not yet parsed, the answer not
    yet sent, and at most one request in hand (pipelined ones wait their turn, in order). A client
    that ends its sending side still gets the answers to what it sent before."""

    __slots__ = ("server", "sock", "peer", "inbox", "outbox", "busy", "closing", "closed", "eof", "events",
                 "request", "continued")

    def __init__(self, server: "GraphServer", sock: socket.socket, peer) -> None:
        self.server, self.sock, self.peer = server, sock, peer
        self.inbox, self.outbox = bytearray(), bytearray()
        self.busy = self.closing = self.closed = self.eof = self.continued = False
        self.events = 0
        self.request: Request | None = None
        self._watch()

    def _watch(self) -> None:
        """Tell the loop what to wait for: reading until the client's end of stream (the loop would
        report it again and again), writing while an answer is not all sent."""
        events = (0 if self.eof else selectors.EVENT_READ) | (selectors.EVENT_WRITE if self.outbox else 0)
        if events == self.events:
            return
        selector = self.server.selector
        if not events:
            selector.unregister(self.sock)
        elif not self.events:
            selector.register(self.sock, events, self.on_event)
        else:
            selector.modify(self.sock, events, self.on_event)
        self.events = events

    def on_event(self, mask: int) -> None:
        try:
            if mask & selectors.EVENT_WRITE:
                self._flush()
            if mask & selectors.EVENT_READ and not self.closed:
                self._receive()
        except Exception:  # a bug must cost one connection, not the server
            traceback.print_exc()
            self.close()

    def _receive(self) -> None:
        try:
            data = self.sock.recv(READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return self.close()
        if not data:
            if self.closing:
                return self.close()
            self.eof = True
            self._watch()
            if not (self.busy or self.outbox):
                self._next()
            return
        if self.closing:  # answered and closing: what the client still sends is dropped
            return
        self.inbox += data
        if self.busy or self.outbox:
            if len(self.inbox) > MAX_HEAD + self.server.max_body:  # pipelining past any request's size
                self.close()
            return
        self._next()

    def _next(self) -> None:
        """Answer the requests in the inbox, then close if the client has ended its side and nothing is left."""
        self._serve_inbox()
        if self.eof and not (self.busy or self.outbox or self.closed):
            self.close()

    def _serve_inbox(self) -> None:
        """Parse and answer the requests in the inbox, one at a time, until one goes to a store process."""
        while not (self.busy or self.outbox or self.closing or self.closed):
            inbox = self.inbox
            while inbox[:2] == b"\r\n":  # empty lines before a request line are allowed
                del inbox[:2]
            if not inbox:
                return
            try:
                parsed = parse_head(inbox)
            except BadRequest as exc:
                return self.answer(Reply.text(exc.status, str(exc)), close=True)
            if parsed is None:
                return
            request, size = parsed
            length, refusal = _body_framing(request.headers, self.server.max_body, request.method == "POST")
            if len(inbox) < size + length:
                if not self.continued and request.headers.get("expect", "").lower() == "100-continue":
                    self.continued = True
                    self._write(b"HTTP/1.1 100 Continue\r\n\r\n")
                return
            body = bytes(inbox[size:size + length])
            del inbox[:size + length]
            self.request, self.busy, self.continued = request, True, False
            try:
                outcome = self.server._route(request, body, refusal)
            except Exception as exc:
                traceback.print_exc()
                outcome = Reply.text(500, f"internal error: {_first_line(exc)}")
            if isinstance(outcome, Reply):
                self.answer(outcome, close=refusal is not None)
            else:
                self.server.worker.submit(self, *outcome)

    def finish(self, reply: Reply) -> None:
        """The store's answer to the request in hand: send it, then go on with pipelined requests."""
        if self.closed:
            return
        try:
            self.answer(reply)
            if not self.outbox:
                self._next()
        except Exception:
            traceback.print_exc()
            self.close()

    def answer(self, reply: Reply, close: bool = False) -> None:
        """Send the status line, headers and body in one write (HEAD: the same headers, no body)."""
        request, self.request, self.busy = self.request, None, False
        close = close or request is None or not request.keep_alive or reply.headers.get("Connection") == "close"
        head = [f"HTTP/1.1 {reply.status} {_PHRASES.get(reply.status, '')}\r\nServer: actorgraph\r\n"
                f"Date: {_http_date()}\r\nContent-Type: {reply.content_type}\r\n"
                f"Content-Length: {len(reply.body)}\r\nX-Content-Type-Options: nosniff\r\n"]
        head.extend(f"{key}: {value}\r\n" for key, value in reply.headers.items() if key != "Connection")
        head.append("Connection: close\r\n\r\n" if close else "\r\n")
        data = "".join(head).encode("latin-1")
        if self.server.access_log:
            line = f"{request.method} {request.target} {request.version}" if request else "-"
            sys.stderr.write(f'{self.peer[0]} - - [{time.strftime("%d/%b/%Y %H:%M:%S")}] "{line}" '
                             f"{reply.status} {len(reply.body)}\n")
        self._write(data if request is not None and request.method == "HEAD" else data + reply.body)
        if close and not self.closed:
            self.closing = True
            if not self.outbox:
                self._shut()

    def _write(self, data: bytes) -> None:
        if self.outbox:
            self.outbox += data
            return
        try:
            sent = self.sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            return self.close()
        if sent < len(data):
            self.outbox += memoryview(data)[sent:]
            self._watch()

    def _flush(self) -> None:
        try:
            sent = self.sock.send(self.outbox)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return self.close()
        del self.outbox[:sent]
        if self.outbox:
            return
        self._watch()
        if self.closing:
            self._shut()
        else:
            self._next()

    def _shut(self) -> None:
        """The answer is out: end the sending side, then read until the client closes (or a short while)."""
        if self.eof:
            return self.close()
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            return self.close()
        self.server.lingering[self] = time.monotonic() + _LINGER

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.server.lingering.pop(self, None)
        self.server.connections.discard(self)
        if self.events:
            self.server.selector.unregister(self.sock)
            self.events = 0
        self.sock.close()


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


class GraphServer:
    """The HTTP server: one thread runs an event loop over every connection and hands each store
    request to an idle store process (a thread per connection spent more on locks and handoffs
    than the store spends on a point query).

    Serving a request, on a free loopback port, from a store made in a temporary folder (the first
    server of a process also starts multiprocessing's fork server, about a second):

    >>> import tempfile
    >>> from pyoxigraph import RdfFormat
    >>> from graph.api import EXAMPLE_TRIG, ActorGraph
    >>> folder = tempfile.TemporaryDirectory()
    >>> with ActorGraph.open(folder.name) as g:
    ...     g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> import json, threading, urllib.parse, urllib.request
    >>> server = GraphServer(Path(folder.name, "store"), port=0)
    >>> threading.Thread(target=server.serve_forever).start()
    >>> query = urllib.parse.urlencode({"query": "ASK { ?s <https://w3id.org/actorgraph#backs> ?o }"})
    >>> with urllib.request.urlopen(f"{server.url}/sparql?{query}") as reply:
    ...     reply.status, reply.headers["Content-Type"], json.load(reply)["boolean"]
    (200, 'application/sparql-results+json', True)
    >>> server.shutdown(); server.server_close(); folder.cleanup()
    """

    def __init__(self, store_dir: Path, *, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                 timeout: float = 30.0, max_results: int = 10_000, max_body: int = 1_000_000,
                 max_nodes: int = 300, allowed_hosts: Sequence[str] = (), workers: int = DEFAULT_WORKERS,
                 access_log: bool = False) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        names = [_host_name(name) for name in (host, *allowed_hosts)]
        #: the host names requests may be addressed to, besides loopback ones (no DNS rebinding)
        self.allowed_hosts = frozenset(n for n in names if n and not _is_unspecified(n))
        self.store_dir = store_dir
        self.allow_update = allow_update
        self.max_results = max_results
        self.max_body = max_body
        self.max_nodes = max_nodes
        self.access_log = access_log
        self.selector = selectors.DefaultSelector()
        self.connections: set[_Connection] = set()
        #: connections that sent their last answer, and when to stop waiting for the client to close
        self.lingering: dict[_Connection, float] = {}
        self.worker = StorePool(store_dir, timeout, self.selector, _worker_main, readers=0 if allow_update else workers)
        self.socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind((host, port))
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            self.worker.close()
            raise
        self.socket.setblocking(False)
        self.server_address = self.socket.getsockname()
        self.selector.register(self.socket, selectors.EVENT_READ, self._accept)
        self._wake, self._waker = socket.socketpair()
        self._wake.setblocking(False)
        self.selector.register(self._wake, selectors.EVENT_READ, self._woken)
        self._stopping = False
        self._stopped = threading.Event()

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

    # -- the loop
    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Answer requests until :meth:`shutdown`; waits at most ``poll_interval`` s between checks.

        >>> import tempfile, threading, urllib.request
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> server = GraphServer(Path(folder.name), port=0)
        >>> loop = threading.Thread(target=server.serve_forever); loop.start()
        >>> urllib.request.urlopen(f"{server.url}/sparql?query=ASK%7B%7D").read()
        b'{"head":{},"boolean":true}'
        >>> server.shutdown(); loop.join(); server.server_close(); folder.cleanup()
        """
        self._stopped.clear()
        try:
            deadline = math.inf
            while not self._stopping:
                wait = min(poll_interval, max(0.0, deadline - time.monotonic()))
                for key, mask in self.selector.select(wait):
                    key.data(mask)
                now = time.monotonic()
                deadline = self.worker.expire(now)
                if self.lingering:
                    for connection in [c for c, until in self.lingering.items() if until <= now]:
                        connection.close()
                    deadline = min(deadline, *self.lingering.values(), math.inf)
        finally:
            self._stopping = False
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread) and wait until it has returned.

        >>> import tempfile, threading
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> server = GraphServer(Path(folder.name), port=0)
        >>> loop = threading.Thread(target=server.serve_forever); loop.start()
        >>> server.shutdown(); loop.join(10); loop.is_alive()
        False
        >>> server.server_close(); folder.cleanup()
        """
        self._stopping = True
        try:
            self._waker.send(b"x")
        except OSError:
            pass
        self._stopped.wait()

    def _woken(self, mask: int) -> None:
        try:
            self._wake.recv(4096)
        except OSError:
            pass

    def _accept(self, mask: int) -> None:
        for _ in range(64):
            try:
                sock, peer = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # out of descriptors, or a client gone before we took it: try again later
                return
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # each answer goes out at once
            self.connections.add(_Connection(self, sock, peer))

    def server_close(self) -> None:
        """Close the socket and the connections, then stop the store workers, which flush and
        release the store's lock.

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
        try:
            self.selector.unregister(self.socket)
        except (KeyError, ValueError):
            pass
        self.socket.close()
        for connection in list(self.connections):
            connection.close()
        self.worker.close()
        for end in (self._wake, self._waker):
            end.close()
        self.selector.close()

    # -- routes
    def _route(self, request: Request, body: bytes, refusal: Reply | None) -> Reply | tuple[str, tuple]:
        """The answer to a request, or the store operation that makes it (``(op, args)``).
        ``refusal`` is the answer for a body that cannot be read (411, 413), given once the host and
        path are known to be right."""
        if request.method not in ("GET", "HEAD", "POST"):
            return Reply(501, f"{request.method} is not supported: use GET, HEAD or POST\n".encode("latin-1"),
                         headers={"Allow": "GET, HEAD, POST"})
        headers = request.headers
        if not self.allows_host(headers.get("host", "")):
            return Reply.text(403, f"this server answers the host names {', '.join(self.host_names)} only "
                                   "(start it with --allowed-host NAME to add one)").closing()
        parts = urllib.parse.urlsplit(request.target)
        if request.method == "POST":
            return self._post(request, parts, body, refusal)
        if refusal is not None:
            return refusal
        if parts.path == "/":
            return "page", (self.max_nodes,)
        if parts.path.startswith("/actor/"):
            return "actor", (parts.path[len("/actor/"):], self.max_results)
        if parts.path == "/sparql":
            params = parse_query(parts.query)
            if "update" in params:
                return Reply.text(405, "updates must be POSTed to /update")
            return self._query(request, params)
        if parts.path == "/update":
            return Reply(405, b"POST updates to /update\n", headers={"Allow": "POST"})
        return Reply.text(404, f"nothing at {parts.path}; try / or /sparql")

    def _post(self, request: Request, parts: urllib.parse.SplitResult, body: bytes,
              refusal: Reply | None) -> Reply | tuple[str, tuple]:
        """SPARQL queries and updates in the body."""
        if parts.path not in ("/sparql", "/update"):
            return Reply.text(404, f"nothing to POST to at {parts.path}; use /sparql or /update")
        if refusal is not None:
            return refusal
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        params = parse_query(parts.query)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return Reply.text(400, "the request body is not UTF-8")
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_query(text).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query" and parts.path == "/sparql":
            params["query"] = [text]
        elif media == "application/sparql-update":
            params["update"] = [text]
        else:
            return Reply.text(415, f"unsupported Content-Type {media or 'none'}: use "
                                   "application/x-www-form-urlencoded, application/sparql-query or "
                                   "application/sparql-update")
        if "update" in params:
            return self._update(request, params)
        if parts.path == "/update":
            return Reply.text(400, "missing the update parameter")
        return self._query(request, params)

    def _query(self, request: Request, params: dict[str, list[str]]) -> Reply | tuple[str, tuple]:
        queries = params.get("query", [])
        if len(queries) != 1:
            return Reply.text(400, "give exactly one query parameter")
        return "query", (queries[0], request.headers.get("accept"), params.get("default-graph-uri", []),
                         params.get("named-graph-uri", []), self.max_results)

    def _same_origin(self, headers: dict[str, str]) -> bool:
        """A browser's update comes from a page of this server itself, or not at all (no CSRF)."""
        origin = headers.get("origin")
        if origin is None:  # not sent by a browser
            return True
        parts = urllib.parse.urlsplit(origin)
        return (parts.scheme in ("http", "https") and parts.netloc == headers.get("host", "")
                and self.allows_host(parts.netloc))

    def _update(self, request: Request, params: dict[str, list[str]]) -> Reply | tuple[str, tuple]:
        if not self.allow_update:
            return Reply.text(403, "this server is read-only (start it with --allow-update)")
        if not self._same_origin(request.headers):
            return Reply.text(403, "updates from another web origin are refused")
        updates = params.get("update", [])
        if len(updates) != 1 or "query" in params:
            return Reply.text(400, "give exactly one update parameter and no query")
        return "update", (updates[0],)


# ---- the command -------------------------------------------------------------------------------
def _store_dir(path: Path) -> Path:
    store = path / "store" if (path / "store").is_dir() else path
    if not (store / "CURRENT").is_file():

        raise UsageError(f"{path}: no store here (run `actorgraph build ... --out {path}` first)")
    return store


def make_server(directory: str | Path, **options) -> GraphServer:
    """A server over the store of a build folder (``DIR`` or ``DIR/store``); call ``serve_forever``.

    ``options`` are GraphServer's: host, port (0 for any free one), allow_update, timeout,
    max_results, max_body, max_nodes, allowed_hosts, workers, access_log.

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
    parser.add_argument("--access-log", action="store_true",
                        help="write a line per request to stderr (client, request line, status, bytes)")


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
                             max_nodes=args.max_nodes, allowed_hosts=args.allowed_hosts, workers=args.workers,
                             access_log=args.access_log)
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
