"""SparqlStore against a real Oxigraph server (OXIGRAPH_URL from .ci/run, else one started here)."""
from __future__ import annotations

import datetime as dt
import json
import math
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.api import ActorGraph
from graph.models import Actor, Claim, Document
from graph.namespaces import RELATIONS
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads
from graph.queries import load
from graph.store import OxigraphStore, SparqlStore, StoreError, endpoints

pytestmark = pytest.mark.slow  # a real Oxigraph server (started here unless OXIGRAPH_URL names one) and retries with backoff

ROOT = Path(__file__).resolve().parent.parent
A = "https://w3id.org/actorgraph/id/actor/"
HTS = Actor(A + "hts", "ArmedGroup", "Hayat Tahrir al-Sham")
GOV = Actor(A + "assad-government", "Government", "Assad government")
RUSSIA = Actor(A + "russia", "State", "Russia")
TURKEY = Actor(A + "turkey", "State", "Turkey")
EDGES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), 'https://w3id.org/actorgraph#') " \
        "&& isIRI(?o) && STRSTARTS(STR(?o), 'https://w3id.org/actorgraph/id/actor/')) } ORDER BY ?s ?p ?o"


def _claim(s: Actor, relation: str, o: Actor, sentence: str) -> Claim:
    return Claim(subject=s, relation=relation, object=o, status="asserted", sentence=sentence, char_start=0,
                 char_end=len(sentence), rule="test", confidence=0.9)


def _doc(url: str, text: str, *claims: Claim) -> tuple[str, list]:
    document = Document(text=text, url=url, title=f"Report «{text}» <b>", published=dt.date(2024, 12, 6))
    iri = doc_iri(document)
    return iri, list(document_quads(document, iri)) + list(claim_quads(list(claims), iri))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    """The CI's Oxigraph server, or a fresh one on a free loopback port for a plain ``pytest`` run."""
    if os.environ.get("OXIGRAPH_URL"):
        yield os.environ["OXIGRAPH_URL"].rstrip("/")
        return
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    url = f"http://127.0.0.1:{_free_port()}"
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", url[len("http://"):]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            if _answers(url):
                break
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture()
def remote(oxigraph_url) -> SparqlStore:
    """The server's store, emptied first."""
    store = SparqlStore(oxigraph_url)
    store._update("DROP SILENT ALL")
    return store


def _quads(store) -> list[str]:
    """Every quad of a store, asked through its ``query`` (the protocol has no raw access)."""
    rows = store.query(load("internal/all-quads"))
    return sorted(f"{r['s']} {r['p']} {r['o']} {r['g']}" for r in rows)


def _same(remote: SparqlStore, local: OxigraphStore) -> None:
    assert _quads(remote) == _quads(local) != []


def test_remote_writes_reingests_and_removes_like_the_embedded_store(remote):
    local = OxigraphStore()
    a = _doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, 'Russia "backs" the army.\n'),
             _claim(HTS, "opposes", GOV, "HTS fought the army."))
    b = _doc("https://example.org/b", "b", _claim(RUSSIA, "backs", GOV, "Moscow backs Damascus."))
    for store in (remote, local):
        store.write_documents([a, b], actor_quads([RUSSIA, GOV, HTS]))
    _same(remote, local)
    assert len(remote) == len(local) > 0
    assert remote.has_document(a[0], next(q.object.value for q in a[1] if q.predicate.value.endswith("contentHash")),
                               next(q.object.value for q in a[1] if q.predicate.value.endswith("#extractor")))

    a2 = _doc("https://example.org/a", "a, corrected", _claim(TURKEY, "backs", HTS, "Turkey backs HTS."))
    for store in (remote, local):
        store.write_documents([a2], actor_quads([TURKEY, HTS]))
    _same(remote, local)
    assert ActorGraph(remote).query(EDGES) == ActorGraph(local).query(EDGES) != []

    assert remote.remove_document("https://example.org/a") == local.remove_document("https://example.org/a") == a[0]
    _same(remote, local)
    assert remote.remove_document("https://example.org/a") is None
    assert [r["s"] for r in ActorGraph(remote).query(EDGES)] == [RUSSIA.iri]


def test_remote_binding_reaches_filters(remote):
    remote.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                           actor_quads([RUSSIA, GOV]))
    query = "SELECT ?c WHERE { ?c <https://w3id.org/actorgraph#sentence> ?s FILTER(CONTAINS(?s, ?word)) }"
    assert len(ActorGraph(remote).query(query, {"word": "backs"})) == 1
    assert ActorGraph(remote).query(query, {"word": 'nothing" || true || "'}) == []


def test_remote_dump_and_snapshot(remote, tmp_path):
    remote.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                           actor_quads([RUSSIA, GOV]))
    remote.dump(tmp_path / "graph.trig")
    local = OxigraphStore()
    local.raw.load(path=str(tmp_path / "graph.trig"))
    _same(remote, local)


def test_remote_build_command_writes_into_the_server(remote, oxigraph_url, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Russia backs the Syrian government, officials said on Friday.\n", encoding="utf-8")
    (inputs / "b.txt").write_text("Turkey supports the Syrian National Army in the north.\n", encoding="utf-8")
    command = [sys.executable, "-c", "import sys\nfrom graph.cli import main\nsys.exit(main(sys.argv[1:]))",
               "build", str(inputs), "--out", str(tmp_path / "out"), "--store", oxigraph_url, "--quiet", "--no-validate"]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert not (tmp_path / "out" / "store").exists() and (tmp_path / "out" / "graph.trig").is_file()
    graph = ActorGraph.connect(oxigraph_url)
    assert graph.query("ASK { ?s <https://w3id.org/actorgraph#backs> ?o }") is True
    size = len(graph)
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "2 unchanged" in again.stdout, again.stdout + again.stderr
    assert len(graph) == size


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?s ?o WHERE { ?s ag:backs ?o }", [(RUSSIA.iri, GOV.iri)]),
    ("PREFIX ex: <http://example.org/>\nSELECT ?s ?o WHERE { ?s ag:backs ?o }", [(RUSSIA.iri, GOV.iri)]),
    ("PREFIX ag: <http://example.org/>\nSELECT ?s ?o WHERE { ?s ag:backs ?o }", []),
], ids=["undeclared", "another_declared", "declared_wins"])
def test_remote_queries_know_the_project_prefixes(remote, query, expected):
    remote.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                           actor_quads([RUSSIA, GOV]))
    assert [(r["s"].value, r["o"].value) for r in remote.query(query)] == expected


def test_remote_syntax_error_positions_are_the_users_own(remote):
    """The prefixes the query lacks are declared on its first line, so the server's line numbers hold."""
    with pytest.raises(StoreError, match=r"HTTP 400 Bad Request: error at 2:23:"):
        remote.query("SELECT ?s\nWHERE { ?s ag:backs ?o")


class _Failing(http.server.BaseHTTPRequestHandler):
    """Answers 500 to everything and counts the attempts."""

    hits: list[str] = []

    def _fail(self):
        type(self).hits.append(self.command)
        body = b"boom: storage on fire\n"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _fail

    def log_message(self, *args):
        pass


@pytest.fixture()
def failing_url():
    _Failing.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("operation", [
    lambda s: len(s),
    lambda s: s.write_documents([_doc("https://example.org/a", "a")]),
    lambda s: s.remove_document("https://example.org/a"),
], ids=["query", "write", "remove"])
def test_remote_server_error_is_one_clear_line_after_bounded_retries(failing_url, operation):
    store = SparqlStore(failing_url, retries=2, backoff=0.01)
    with pytest.raises(StoreError) as caught:
        operation(store)
    assert len(_Failing.hits) == 3
    assert str(caught.value).startswith(f"{failing_url}/")
    assert str(caught.value).endswith("SPARQL server unreachable after 3 attempts: "
                                      "HTTP 500 Internal Server Error: boom: storage on fire")


def test_remote_server_down_is_a_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(StoreError, match=rf"^http://127\.0\.0\.1:{port}/query: SPARQL server unreachable after 4 "
                                         "attempts: Connection refused$"):
        ActorGraph.connect(f"http://127.0.0.1:{port}").query("ASK {}")
    assert time.monotonic() - started < 10


def test_remote_service_queries_are_never_sent(remote, failing_url):
    """A federating server (Oxigraph's is one) would fetch the SERVICE endpoint for us: we refuse first."""
    query = f"SELECT * WHERE {{ SERVICE <{failing_url}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(StoreError, match="SERVICE is not sent"):
        remote.query(query)
    assert _Failing.hits == []
    assert remote.query("SELECT ?s WHERE { ?s ?p 'SERVICE <http://x/> { }' }") is not None


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n"], ids=["lf", "cr", "crlf"])
def test_remote_service_after_a_comment_is_never_sent(remote, failing_url, end):
    """A comment ends at a line feed or a carriage return (SPARQL grammar): a SERVICE after it is seen."""
    query = f"SELECT * WHERE {{ # note{end}SERVICE <{failing_url}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(StoreError, match="SERVICE is not sent"):
        remote.query(query)
    assert _Failing.hits == []


def test_remote_bad_request_is_not_retried(remote):
    with pytest.raises(StoreError, match="refused the request: HTTP 400"):
        remote.query("SELECT WHERE {")


def test_remote_failed_write_is_not_claimed_as_stored(remote, oxigraph_url):
    """A proxy that fails the metadata write: the document must not look stored, so a rebuild redoes it."""
    target = oxigraph_url

    class Proxy(http.server.BaseHTTPRequestHandler):
        def _forward(self):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            if query.get("graph") == ["https://w3id.org/actorgraph/id/graph/documents"]:
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
            request = urllib.request.Request(target + self.path, data=body, method=self.command, headers=headers)
            with urllib.request.urlopen(request) as response:
                answer, status, kind = response.read(), response.status, response.headers.get("Content-Type", "")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        do_GET = do_POST = do_PUT = _forward

        def log_message(self, *args):
            pass

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        flaky = SparqlStore(f"http://127.0.0.1:{proxy.server_address[1]}", retries=1, backoff=0.01)
        doc = _doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))
        with pytest.raises(StoreError, match="documents"):
            flaky.write_documents([doc], actor_quads([RUSSIA, GOV]))
    finally:
        proxy.shutdown()
        proxy.server_close()
    hash_, extractor = (next(q.object.value for q in doc[1] if q.predicate.value.endswith(name))
                        for name in ("contentHash", "#extractor"))
    assert not remote.has_document(doc[0], hash_, extractor)
    assert remote.find_document("https://example.org/a") is None


@pytest.mark.parametrize(("url", "query", "update", "store"), [
    ("http://h:7878/", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("fuseki+http://h:3030/ds", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("graphdb+http://h:7200/repositories/r", "http://h:7200/repositories/r", "http://h:7200/repositories/r/statements",
     "http://h:7200/repositories/r/rdf-graphs/service"),
    ("virtuoso+https://h/", "https://h/sparql", "https://h/sparql", "https://h/sparql-graph-crud"),
], ids=["oxigraph", "fuseki", "graphdb", "virtuoso"])
def test_remote_endpoints_of_known_servers(url, query, update, store):
    found = endpoints(url)
    assert (found.query, found.update, found.store) == (query, update, store)


def test_remote_credentials_in_the_url_become_basic_auth():
    found = endpoints("graphdb+http://ann:s%3Acret@h:7200/repositories/r")
    assert found.auth == "Basic YW5uOnM6Y3JldA==" and "ann" not in found.query


# ---- views over a large server: bounded queries, never a copy of the store -----------------------
def _synthetic_nquads(actors: int, documents: int, claims_per_document: int) -> bytes:
    """A store in the data model (actors graph, documents graph, one graph per document with its claims
    and relation triples), written as N-Quads text: a few actors take most claims, as in real news."""
    import random

    rnd = random.Random(7)
    ag, ident = "https://w3id.org/actorgraph#", "https://w3id.org/actorgraph/id/"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    relations = ["backs", "opposes", "controls", "alliedWith"]
    lines = []
    for i in range(actors):
        a = f"<{ident}actor/a{i}>"
        lines += [f'{a} <{rdf}type> <{ag}ArmedGroup> <{ident}graph/actors> .',
                  f'{a} <http://www.w3.org/2000/01/rdf-schema#label> "Actor {i}" <{ident}graph/actors> .',
                  f'{a} <http://www.w3.org/2004/02/skos/core#prefLabel> "Actor {i}" <{ident}graph/actors> .']
    for d in range(documents):
        doc = f"<{ident}doc/d{d}>"
        lines += [f"{doc} <{rdf}type> <{ag}Document> <{ident}graph/documents> .",
                  f'{doc} <http://purl.org/dc/terms/title> "Report {d}" <{ident}graph/documents> .']
        for c in range(claims_per_document):
            s = f"<{ident}actor/a{min(int(rnd.paretovariate(1.1)) - 1, actors - 1)}>"
            o = f"<{ident}actor/a{rnd.randrange(actors)}>"
            p = f"<{ag}{rnd.choice(relations)}>"
            claim = f"<{ident}claim/d{d}c{c}>"
            lines += [f"{s} {p} {o} {doc} .", f"{claim} <{rdf}type> <{ag}Claim> {doc} .",
                      f"{claim} <{rdf}subject> {s} {doc} .", f"{claim} <{rdf}predicate> {p} {doc} .",
                      f"{claim} <{rdf}object> {o} {doc} .", f"{claim} <{ag}status> <{ag}Asserted> {doc} .",
                      f'{claim} <{ag}sentence> "Sentence {c} of report {d}: one actor and another." {doc} .',
                      f'{claim} <{ag}rule> "synthetic" {doc} .',
                      f'{claim} <{ag}confidence> "0.{rnd.randrange(10, 99)}"^^'
                      f"<http://www.w3.org/2001/XMLSchema#decimal> {doc} .",
                      f"{claim} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {doc} ."]
    return ("\n".join(lines) + "\n").encode("utf-8")


class _Counted:
    """Bytes and requests that went through a counting proxy."""

    requests = 0
    sent = 0
    received = 0


def _counting_proxy(target: str) -> tuple[http.server.ThreadingHTTPServer, type[_Counted]]:
    """A loopback HTTP proxy in front of ``target`` that counts the bytes each way."""
    counted = type("Counted", (_Counted,), {})

    class Proxy(http.server.BaseHTTPRequestHandler):
        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            counted.requests += 1
            counted.sent += length
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            request = urllib.request.Request(target + self.path, data=body, method=self.command, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=300) as answer:
                    status, reply, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "")
            except urllib.error.HTTPError as exc:
                status, reply, kind = exc.code, exc.read(), exc.headers.get("Content-Type", "")
            counted.received += len(reply)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        do_GET = do_POST = do_PUT = _forward

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, counted


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    """A read-only Oxigraph server over a synthetic store of about 450,000 quads (5,000 actors, 4,000
    articles), behind a counting proxy; yields (proxy URL, counts, size of the store as N-Quads)."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("large")
    data = _synthetic_nquads(actors=5_000, documents=4_000, claims_per_document=10)
    from pyoxigraph import RdfFormat, Store

    store = Store(str(folder))
    store.bulk_load(data, format=RdfFormat.N_QUADS)
    quads = len(store)
    del store
    url = f"http://127.0.0.1:{_free_port()}"
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(folder), "--bind", url[len("http://"):]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proxy = None
    try:
        for _ in range(200):
            if _answers(url):
                break
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
        proxy, counted = _counting_proxy(url)
        yield f"http://127.0.0.1:{proxy.server_address[1]}", counted, len(data), quads
    finally:
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
        process.terminate()
        process.wait(30)


def test_remote_page_of_a_large_store_sends_bounded_queries(large_server):
    url, counted, nquads_bytes, quads = large_server
    assert quads > 400_000
    counted.requests = counted.sent = counted.received = 0
    page = ActorGraph.connect(url).to_html(max_nodes=50, max_actors=200, max_claims=2_000)
    # bounded requests, a small fraction of the store: the claims' count per relation, the top actors, their
    # claims (one request per relation that has any, and one more for each relation that reads on where
    # another held less than its share), their labels, and the claims' documents in VALUES blocks of 1,000
    # (no claim here names a reporter)
    assert 5 <= counted.requests <= 2 + 2 * len(RELATIONS) + 1 + math.ceil(2_000 / 1_000), counted.requests
    assert counted.received < nquads_bytes / 20, (counted.received, nquads_bytes)
    payload = json.loads(re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page,
                                   re.DOTALL).group(1))
    assert 0 < len(payload["nodes"]) <= 200  # at most max_actors, all of them labelled from the actors graph
    assert all(node["ag"]["label"].startswith("Actor ") for node in payload["nodes"])
    assert 0 < sum(len(edge["ag"]["claims"]) for edge in payload["edges"]) <= 2_000


def test_remote_networkx_of_a_large_store_reads_edges_not_the_store(large_server):
    url, counted, nquads_bytes, _ = large_server
    counted.requests = counted.sent = counted.received = 0
    graph = ActorGraph.connect(url).to_networkx()
    assert counted.requests == 2 and counted.received < nquads_bytes / 3, (counted.received, nquads_bytes)
    assert graph.number_of_edges() > 10_000 and graph.nodes[
        "https://w3id.org/actorgraph/id/actor/a0"]["label"] == "Actor 0"
