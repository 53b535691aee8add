"""``actorgraph serve``: the SPARQL 1.1 Protocol and the pages, over real HTTP on a free loopback port."""
from __future__ import annotations

import csv
import datetime as dt
import html
import http.client
import http.server
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, SPARQLWrapper

from graph.models import Actor, Claim, Document
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads
from graph.server import configure, make_server
from graph.store import OxigraphStore, StoreError

pytestmark = pytest.mark.slow  # each server runs its store in a worker process

ROOT = Path(__file__).resolve().parent.parent
#: the ``actorgraph`` entry point, as installed (``python -m graph.cli`` would load cli.py twice)
CLI = [sys.executable, "-c", "import sys\nfrom graph.cli import main\nsys.exit(main(sys.argv[1:]))"]
A = "https://w3id.org/actorgraph/id/actor/"
HTS = Actor(A + "hts", "ArmedGroup", "Hayat Tahrir al-Sham", ("HTS",))
GOV = Actor(A + "assad-government", "Government", "Assad <b>government</b>")
RUSSIA = Actor(A + "russia", "State", "Russia")
HOSTILE = "HTS fought <script>alert(1)</script> the army near Aleppo."
BACKS = "SELECT ?s ?o WHERE { ?s <https://w3id.org/actorgraph#backs> ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o1 . ?p ?q ?r }"


def _claim(s: Actor, relation: str, o: Actor, sentence: str) -> Claim:
    return Claim(subject=s, relation=relation, object=o, status="asserted", sentence=sentence, char_start=0,
                 char_end=len(sentence), rule="test", confidence=0.9)


def _build(path: Path) -> Path:
    """Two documents written with the real RDF mapping: one edge each, one edge shared."""
    docs = [
        (Document(text="a", url="https://example.org/a", title="Report <A>", published=dt.date(2024, 12, 1)),
         [_claim(HTS, "opposes", GOV, HOSTILE), _claim(RUSSIA, "backs", GOV, "Russia backs the army.")]),
        (Document(text="b", url="https://example.org/b", title="Report B"),
         [_claim(RUSSIA, "backs", GOV, "Russia supports Damascus.")]),
    ]
    with OxigraphStore(path / "store") as store:
        store.write_documents([(doc_iri(d), list(document_quads(d, doc_iri(d))) + list(claim_quads(c, doc_iri(d))))
                               for d, c in docs], actor_quads([HTS, GOV, RUSSIA]))
    return path


def _serve(directory: Path, **options):
    server = make_server(directory, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A read-only server with small limits, so that the limits can be hit cheaply."""
    srv, thread = _serve(_build(tmp_path_factory.mktemp("served")), timeout=60.0, max_results=3, max_body=2_000,
                         workers=2)
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join()


@pytest.fixture(scope="module")
def roomy(tmp_path_factory):
    """A read-only server with the default limits: answers that fit are serialized by Oxigraph whole."""
    srv, thread = _serve(_build(tmp_path_factory.mktemp("roomy")), workers=1)
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join()


@pytest.fixture()
def writable(tmp_path):
    srv, thread = _serve(_build(tmp_path), allow_update=True)
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join()


def _get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None):
    """(status, headers, body) of one request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _q(server, query: str) -> str:
    return f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query})


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    ("application/sparql-results+json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", "text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", "text/tab-separated-values", QueryResultsFormat.TSV),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.8", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("*/*", "application/sparql-results+json", QueryResultsFormat.JSON),
], ids=["json", "xml", "csv", "tsv", "q-values", "any"])
def test_server_select_negotiates_results_format(server, accept, media, fmt):
    status, headers, body = _get(_q(server, BACKS), {"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    if fmt == QueryResultsFormat.CSV:  # lossy: plain values, no term syntax
        rows = {(r["s"], r["o"]) for r in csv.DictReader(io.StringIO(body.decode("utf-8")))}
    else:
        rows = {(r["s"].value, r["o"].value) for r in parse_query_results(body, format=fmt)}
    assert rows == {(RUSSIA.iri, GOV.iri)}


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/rdf+xml", RdfFormat.RDF_XML),
], ids=["turtle", "ntriples", "jsonld", "rdfxml"])
def test_server_construct_negotiates_graph_format(server, accept, fmt):
    query = "CONSTRUCT { ?s <https://w3id.org/actorgraph#backs> ?o } WHERE { ?s <https://w3id.org/actorgraph#backs> ?o }"
    status, headers, body = _get(_q(server, query), {"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == accept
    assert {(t.subject.value, t.object.value) for t in parse(body, format=fmt)} == {(RUSSIA.iri, GOV.iri)}


def test_server_unacceptable_format_is_406(server):
    status, _, body = _get(_q(server, BACKS), {"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_server_answers_sparqlwrapper(server, method):
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(BACKS)
    client.setReturnFormat(JSON)
    if method != "GET":
        client.setMethod(POST)
    if method == "POSTDIRECTLY":
        client.setRequestMethod(POSTDIRECTLY)
    bindings = client.query().convert()["results"]["bindings"]
    assert [(b["s"]["value"], b["o"]["value"]) for b in bindings] == [(RUSSIA.iri, GOV.iri)] * 2  # one per document


def test_server_default_graph_is_the_union_of_documents(server):
    status, _, body = _get(_q(server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://w3id.org/actorgraph#Claim> }"),
                           {"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"


def test_server_dataset_parameters_narrow_the_default_graph(server):
    url = _q(server, "ASK { ?s <https://w3id.org/actorgraph#backs> ?o }") + "&" + urllib.parse.urlencode(
        {"default-graph-uri": "https://w3id.org/actorgraph/id/graph/actors"})
    assert json.loads(_get(url)[2])["boolean"] is False


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("iri", ["not an iri", "http://x/<y>", "graph/actors"], ids=["spaces", "angle", "relative"])
def test_server_bad_dataset_iri_is_400_naming_the_parameter(server, param, iri):
    status, _, body = _get(_q(server, "ASK { ?s ?p ?o }") + "&" + urllib.parse.urlencode({param: iri}))
    assert status == 400 and body.startswith(f"bad query: {param}: ".encode())


@pytest.mark.parametrize("path", ["/", "/actor/hts", "/sparql?query=ASK%7B%7D", "/nothing"],
                         ids=["page", "actor", "sparql", "missing"])
def test_server_head_is_get_without_a_body(server, path):
    status, body = _raw(server, "HEAD", path, {"Host": "localhost"})
    get_status, _, get_body = _get(f"{server.url}{path}")
    assert (status, body) == (get_status, b"")
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    connection.request("HEAD", path)
    response = connection.getresponse()
    assert int(response.headers["Content-Length"]) == len(get_body) and response.read() == b""
    connection.request("GET", path)  # the connection is still in step: no stray body was sent
    assert connection.getresponse().read() == get_body
    connection.close()


def test_server_truncates_over_max_results_and_says_so(server):
    status, headers, body = _get(_q(server, "SELECT * WHERE { ?s ?p ?o }"), {"Accept": "application/sparql-results+json"})
    assert status == 200 and headers["X-SPARQL-MaxRows"] == "3"
    assert len(json.loads(body)["results"]["bindings"]) == 3
    assert "X-SPARQL-MaxRows" not in _get(_q(server, BACKS))[1]


@pytest.mark.parametrize("fmt", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                 "text/tab-separated-values"], ids=["json", "xml", "csv", "tsv"])
def test_server_answers_the_same_whole_or_cut(server, roomy, fmt):
    """The first three of four rows, cut here under a limit of three, are Oxigraph's answer for three."""
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT "
    cut, whole = _get(_q(server, query + "4"), {"Accept": fmt}), _get(_q(roomy, query + "3"), {"Accept": fmt})
    assert cut[0] == whole[0] == 200 and cut[1]["X-SPARQL-MaxRows"] == "3" and "X-SPARQL-MaxRows" not in whole[1]
    if fmt.endswith("json"):  # the cut answer is written by json.dumps, with spaces
        assert json.loads(cut[2]) == json.loads(whole[2]) and len(json.loads(whole[2])["results"]["bindings"]) == 3
    else:
        assert cut[2] == whole[2]


@pytest.mark.parametrize("fmt", ["application/sparql-results+json", "text/tab-separated-values", "text/csv",
                                 "application/sparql-results+xml"], ids=["json", "tsv", "csv", "xml"])
@pytest.mark.parametrize(("rows", "cut"), [(10_000, False), (10_001, True)], ids=["at-the-limit", "over"])
def test_server_counts_empty_rows_against_max_results(roomy, fmt, rows, cut):
    """Empty rows are the shortest an answer's rows can be: the limit holds for them too (10,000 of
    them are a little too long to be sure of without counting: JSON, TSV and XML are counted, CSV cut here)."""
    query = "SELECT ?x WHERE { VALUES ?x { " + "UNDEF " * rows + "} }"
    status, headers, body = _get(f"{roomy.url}/sparql", {"Content-Type": "application/sparql-query", "Accept": fmt},
                                 query.encode())
    assert status == 200 and (headers["X-SPARQL-MaxRows"] == "10000" if cut else "X-SPARQL-MaxRows" not in headers)
    count = (len(json.loads(body)["results"]["bindings"]) if fmt.endswith("json") else body.count(b"<result>")
             if fmt.endswith("xml") else body.count(b"\n") - 1)
    assert count == 10_000


def test_server_hands_long_requests_to_the_store_whole(roomy):
    """A request longer than the socket buffer to the store process goes over in several sends."""
    query = "ASK { ?s ?p ?o } # " + "x" * 900_000 + "\n"
    status, _, body = _get(f"{roomy.url}/sparql", {"Content-Type": "application/sparql-query"}, query.encode())
    assert (status, body) == (200, b'{"head":{},"boolean":true}')


def test_server_refuses_updates_when_read_only(server):
    status, _, body = _get(f"{server.url}/update", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL")
    assert status == 403 and b"--allow-update" in body
    assert _get(_q(server, "ASK { ?s ?p ?o }"), {"Accept": "application/sparql-results+json"})[2].count(b"true") == 1


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A real HTTP listener that notes every request it gets and answers an empty SPARQL result."""

    hits: list[str]

    def do_GET(self):  # noqa: N802 - the standard library's name
        self.hits.append(self.path)
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:leak"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def listener():
    """(url, hits) of a live local HTTP server; the test checks at the end that it is reachable."""
    hits: list[str] = []
    remote = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Recorder", (_Recorder,), {"hits": hits}))
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{remote.server_address[1]}/sparql"
    yield url, hits
    remote.shutdown()
    remote.server_close()


def _reachable(url: str, hits: list[str]) -> None:
    """The listener is live: this process reaches it (so a test that saw no request proves something)."""
    assert hits == [], f"the server fetched {hits}"
    urllib.request.urlopen(url + "?control", timeout=10).read()
    assert hits == ["/sparql?control"]


#: every separator the SPARQL grammar allows after a comment or between tokens, and lookalikes
#: another parser may treat differently (the old check missed a comment ending at \r)
SEPARATORS = {"lf": "\n", "cr": "\r", "crlf": "\r\n", "tab": "\t", "ff": "\f", "vt": "\v", "nel": "\x85",
              "u2028": "\u2028", "u2029": "\u2029", "nbsp": "\xa0"}
QUERIES = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "comment": "SELECT * WHERE {{ # note{sep}SERVICE <{url}> {{ ?s ?p ?o }}\n}}",
    "spaced": "SELECT * WHERE {{{sep}SERVICE{sep}<{url}>{sep}{{ ?s ?p ?o }} }}",
    "lowercase-silent": "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ # c{sep}service silent <{url}> {{ ?s ?p ?o }} }} }}",
}
UPDATES = {
    "load": "# note{sep}LOAD <{url}> INTO GRAPH <urn:x>",
    "load-silent": "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; # c{sep}load silent <{url}>",
    "insert-service": "INSERT {{ ?s ?p ?o }} WHERE {{ # c{sep}SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "delete-service": "DELETE {{ ?s ?p ?o }}{sep}WHERE {{{sep}SERVICE <{url}> {{ ?s ?p ?o }} }}",
}


@pytest.mark.slow
@pytest.mark.parametrize("sep", list(SEPARATORS.values()), ids=list(SEPARATORS))
@pytest.mark.parametrize("form", list(QUERIES.values()), ids=list(QUERIES))
def test_server_queries_never_reach_the_network(server, listener, form, sep):
    url, hits = listener
    for method in ("GET", "POST"):
        query = form.format(url=url, sep=sep)
        if method == "GET":
            status, _, body = _get(_q(server, query))
        else:
            status, _, body = _get(f"{server.url}/sparql", {"Content-Type": "application/sparql-query"},
                                   query.encode("utf-8"))
        assert b"urn:leak" not in body
        assert status in (200, 400, 403), body  # refused, a syntax error, or SERVICE SILENT with no rows
        if status == 403:
            assert b"never connects to other servers" in body
    _reachable(url, hits)


@pytest.mark.slow
@pytest.mark.parametrize("sep", list(SEPARATORS.values()), ids=list(SEPARATORS))
@pytest.mark.parametrize("form", list(UPDATES.values()), ids=list(UPDATES))
def test_server_updates_never_reach_the_network(writable, listener, form, sep):
    url, hits = listener
    status, _, body = _get(f"{writable.url}/update", {"Content-Type": "application/sparql-update"},
                           form.format(url=url, sep=sep).encode("utf-8"))
    assert status in (204, 400, 403), body  # LOAD SILENT may succeed, loading nothing
    _reachable(url, hits)
    assert json.loads(_get(_q(writable, "ASK { <urn:leak> ?p ?o }"))[2])["boolean"] is False


@pytest.mark.parametrize(("path", "field", "text"), [
    ("/sparql", "query", "SELECT * WHERE { # note\rSERVICE <{url}> { ?s ?p ?o }\n}"),
    ("/update", "update", "LOAD <{url}>"),
], ids=["service-after-cr-comment", "load"])
def test_server_refuses_fetches_with_403(writable, listener, path, field, text):
    url, hits = listener
    status, _, body = _get(f"{writable.url}{path}", {"Content-Type": "application/x-www-form-urlencoded"},
                           urllib.parse.urlencode({field: text.replace("{url}", url)}).encode())
    assert (status, body.decode()) == (403, "refused: this server never connects to other servers (SERVICE, LOAD "
                                            "and remote JSON-LD contexts cannot reach the network)\n")
    _reachable(url, hits)


def test_server_store_workers_run_under_the_network_filter(server):
    assert len(server.worker.pids) == 2  # two read-only workers
    for pid in server.worker.pids:
        status = Path(f"/proc/{pid}/status").read_text()
        assert re.search(r"^Seccomp:\s+2$", status, re.M) and re.search(r"^NoNewPrivs:\s+1$", status, re.M)


def test_server_words_in_strings_are_not_service_clauses(server):
    query = "SELECT ?o WHERE { ?c <https://w3id.org/actorgraph#sentence> ?o FILTER(?o != 'SERVICE <http://x> {}') }"
    assert _get(_q(server, query))[0] == 200


def test_server_timeout_answers_503_and_keeps_serving(tmp_path):
    hasty, thread = _serve(_build(tmp_path), timeout=1.5)
    try:
        started = time.monotonic()
        status, _, body = _get(_q(hasty, SLOW))
        assert status == 503 and b"longer than the server's limit of 1.5 s" in body
        assert time.monotonic() - started < 15
        assert _get(_q(hasty, BACKS))[0] == 200
    finally:
        hasty.shutdown()
        hasty.server_close()
        thread.join()


@pytest.mark.slow
def test_server_answers_cheap_queries_while_another_times_out(tmp_path):
    busy, thread = _serve(_build(tmp_path), timeout=4.0, workers=2)
    slow: list[int] = []
    try:
        runner = threading.Thread(target=lambda: slow.append(_get(_q(busy, SLOW))[0]))
        runner.start()
        time.sleep(0.5)  # the slow query has a worker now
        started = time.monotonic()
        for _ in range(5):
            assert _get(_q(busy, BACKS))[0] == 200
        assert time.monotonic() - started < 3.0  # not queued behind the slow one (4 s)
        runner.join(60)
        assert slow == [503]
        assert _get(_q(busy, BACKS))[0] == 200  # the killed worker came back
    finally:
        busy.shutdown()
        busy.server_close()
        thread.join()


def _lock_holders(lock: Path) -> set[int]:
    """The processes holding a POSIX lock on ``lock``, from /proc/locks."""
    inode = lock.stat().st_ino
    return {int(fields[4]) for fields in (line.split() for line in Path("/proc/locks").read_text().splitlines())
            if fields[1] == "POSIX" and fields[5].rsplit(":", 1)[-1] == str(inode)}


def test_server_read_only_holds_the_lock_itself_and_never_opens_the_store_for_writing(server):
    """A read-write opening compacts at once, deleting files that read-only openings still read
    (seen: "No such file or directory ... .sst"): the server process holds the store's lock, so no
    worker can open the store but read-only."""
    assert _lock_holders(server.store_dir / "LOCK") == {os.getpid()}
    assert os.getpid() not in server.worker.pids


def test_server_keep_alive_answers_are_not_held_back(server):
    """Headers and body in one send: with two, Nagle and the client's delayed ACK cost ~40 ms each."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    times = []
    for _ in range(15):
        started = time.perf_counter()
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
        assert connection.getresponse().read() == b'{"head":{},"boolean":true}'
        times.append(time.perf_counter() - started)
    connection.close()
    assert sorted(times)[len(times) // 2] < 0.03


@pytest.mark.slow
def test_server_worker_that_cannot_restart_is_a_503_then_comes_back(tmp_path):
    hasty, thread = _serve(_build(tmp_path), timeout=1.5, workers=1)
    moved = tmp_path / "elsewhere"
    try:
        (tmp_path / "store").rename(moved)  # the killed worker will find no store to open
        status, _, body = _get(_q(hasty, SLOW))
        assert status == 503 and body.startswith(b"the store worker could not be restarted: ")
        moved.rename(tmp_path / "store")
        assert _get(_q(hasty, BACKS))[0] == 503  # this one restarts it
        assert _get(_q(hasty, BACKS))[0] == 200
    finally:
        hasty.shutdown()
        hasty.server_close()
        thread.join()


def test_server_refuses_bodies_over_the_limit(server):
    status, _, body = _get(f"{server.url}/sparql", {"Content-Type": "application/sparql-query"},
                           ("ASK {}" + " " * 5_000).encode())
    assert status == 413 and b"limit of 2000 bytes" in body


def _raw(server, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
    """(status, body) of one request with exactly these headers (Host included), over loopback."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for key, value in headers.items():
            connection.putheader(key, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _exchange(server, data: bytes) -> bytes:
    """Everything the server sends back for ``data``, sent at once, until it closes the connection."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=30) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _responses(data: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """(status, headers in lower case, body) of each response in ``data``, framed by Content-Length."""
    replies = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {key.lower(): value.strip() for key, _, value in (line.partition(":") for line in lines[1:])}
        length = int(headers.get("content-length", 0))
        replies.append((int(lines[0].split(" ")[1]), headers, rest[:length]))
        data = rest[length:]
    return replies


_ASK = "GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: localhost\r\n\r\n"


def test_server_answers_pipelined_requests_in_order(server):
    """Requests sent at once on one connection, a body among them, are answered one by one in order."""
    body = "ASK { ?s <https://w3id.org/actorgraph#opposes> ?o }"
    post = (f"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}")
    select = (f"GET /sparql?{urllib.parse.urlencode({'query': BACKS})} HTTP/1.1\r\nHost: localhost\r\n"
              "Accept: text/csv\r\nConnection: close\r\n\r\n")
    replies = _responses(_exchange(server, (_ASK + "GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n" + post
                                            + select).encode()))
    assert [status for status, _, _ in replies] == [200, 404, 200, 200]
    assert replies[0][2] == replies[2][2] == b'{"head":{},"boolean":true}'
    assert replies[3][2].startswith(b"s,o\r\n") and replies[3][1]["connection"] == "close"


@pytest.mark.parametrize(("data", "status"), [
    (b"GET /sparql  HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
    (b"GET sparql HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
    (b"GET /a b HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost : localhost\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nX-A: b\r\n folded\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nX-A: b\x00c\r\n\r\n", 400),
    (b"GET / HTTP/1.1\nHost: localhost\n\n", 400),
    (b"GET / HTTP/2.0\r\nHost: localhost\r\n\r\n", 505),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nASK", 400),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nX-A: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 101 + b"Host: localhost\r\n\r\n", 431),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nASK\r\n0\r\n\r\n", 411),
], ids=["two-spaces", "not-a-path", "space-in-target", "space-before-colon", "folded", "control-character", "bare-lf",
        "http2", "two-hosts", "two-lengths", "head-too-long", "too-many-headers", "chunked"])
def test_server_refuses_malformed_requests_and_closes(server, data, status):
    """What the parser cannot frame for sure is answered, and nothing after it on that connection is read."""
    replies = _responses(_exchange(server, data + _ASK.encode()))
    assert [reply[0] for reply in replies] == [status] and replies[0][1]["connection"] == "close"


def test_server_refuses_other_methods_and_keeps_the_connection(server):
    replies = _responses(_exchange(server, b"DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                           + _ASK.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n").encode()))
    assert [(status, headers.get("allow")) for status, headers, _ in replies] == [(501, "GET, HEAD, POST"), (200, None)]


@pytest.mark.parametrize(("connection", "answered"), [("", 1), ("Connection: keep-alive\r\n", 2)],
                         ids=["closes", "keep-alive"])
def test_server_keeps_http10_connections_only_when_asked(server, connection, answered):
    request = f"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\nHost: localhost\r\n{connection}\r\n".encode()
    replies = _responses(_exchange(server, request + request.replace(connection.encode(), b"")))
    assert len(replies) == answered and replies[-1][1]["connection"] == "close"


def test_server_invites_the_body_after_expect_100_continue(server):
    query = b"ASK { ?s ?p ?o }"
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=30) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: %d\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n" % len(query))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(query)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    assert _responses(b"".join(chunks))[0][::2] == (200, b'{"head":{},"boolean":true}')


def test_server_answers_clients_that_end_their_side_after_the_requests(server):
    """A client may shut its sending side once its requests are out (``nc`` does): they are all answered."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=30) as sock:
        select = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
        sock.sendall(f"{_ASK}GET /sparql?{select} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    replies = _responses(b"".join(chunks))
    assert [status for status, _, _ in replies] == [200, 200] and b"bindings" in replies[1][2]


def test_server_serves_on_after_clients_leave_mid_request(server):
    """A client gone before its answer (or halfway through its head) costs the others nothing."""
    for data in (_ASK.encode(), b"GET /sparql?query=ASK", _ASK.encode() * 3):
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=30) as sock:
            sock.sendall(data)
    assert _get(_q(server, "ASK { ?s ?p ?o }"))[2] == b'{"head":{},"boolean":true}'


@pytest.mark.parametrize("host", ["attacker.example:80", "attacker.example", "127.0.0.1.attacker.example", ""],
                         ids=["foreign", "no-port", "lookalike", "empty"])
def test_server_refuses_foreign_host_names(server, host):
    status, body = _raw(server, "GET", "/sparql?query=ASK%7B%7D", {"Host": host} if host else {})
    assert status == 403 and b"answers the host names localhost, 127.0.0.1, [::1] only" in body


@pytest.fixture()
def exposed(tmp_path):
    """A writable server bound to every address, told one public name (as behind a LAN name)."""
    srv, thread = _serve(_build(tmp_path), host="0.0.0.0", allow_update=True, allowed_hosts=["graph.example.org"])
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join()


_CLEAR = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["evil.example", "EVIL.example.", "graph.example.org.evil.example", "10.0.0.99"],
                         ids=["rebound", "case-and-dot", "suffix", "other-address"])
def test_server_on_a_public_address_refuses_rebound_names(exposed, name):
    port = exposed.server_address[1]
    host = {"Host": f"{name}:{port}", "Origin": f"http://{name}:{port}"}
    assert _raw(exposed, "GET", "/sparql?query=ASK%7B%7D", host)[0] == 403
    assert _raw(exposed, "POST", "/update", {**host, **_FORM}, _CLEAR)[0] == 403
    assert _raw(exposed, "HEAD", "/", host)[0] == 403
    ask = _raw(exposed, "GET", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", {"Host": f"localhost:{port}"})
    assert ask == (200, b'{"head":{},"boolean":true}')


@pytest.mark.slow
@pytest.mark.parametrize(("host", "origin", "status"), [
    ("graph.example.org:{port}", "http://graph.example.org:{port}", 204),
    ("localhost:{port}", None, 204),
    ("[::1]:{port}", "http://[::1]:{port}", 204),
    ("graph.example.org:{port}", "http://evil.example:{port}", 403),
    ("graph.example.org:{port}", "http://localhost:{port}", 403),
    ("graph.example.org:{port}", "null", 403),
    ("graph.example.org:{port}", "file://graph.example.org:{port}", 403),
], ids=["told-name", "no-origin", "ipv6-loopback", "foreign-origin", "other-origin", "null-origin", "file-origin"])
def test_server_on_a_public_address_takes_updates_from_its_own_names_only(exposed, host, origin, status):
    port = exposed.server_address[1]
    headers = {"Host": host.format(port=port), **_FORM}
    if origin:
        headers["Origin"] = origin.format(port=port)
    assert _raw(exposed, "POST", "/update", headers, _CLEAR)[0] == status
    left = _raw(exposed, "GET", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", {"Host": f"localhost:{port}"})[1]
    assert json.loads(left)["boolean"] is (status != 204)


def test_server_allowed_host_option_is_repeatable():
    import argparse

    parser = argparse.ArgumentParser()
    configure(parser)
    args = parser.parse_args(["out", "--host", "0.0.0.0", "--allowed-host", "a.lan", "--allowed-host", "b.lan"])
    assert args.allowed_hosts == ["a.lan", "b.lan"]


def test_server_binds_loopback_by_default():
    import argparse

    parser = argparse.ArgumentParser()
    configure(parser)
    args = parser.parse_args(["somewhere"])
    assert (args.host, args.port, args.allow_update) == ("127.0.0.1", 7878, False)


def test_server_bad_query_is_400_with_the_reason(server):
    status, _, body = _get(_q(server, "SELECT WHERE {"))
    assert status == 400 and body.startswith(b"bad query:")


def test_server_applies_updates_when_allowed(writable):
    client = SPARQLWrapper(f"{writable.url}/sparql", updateEndpoint=f"{writable.url}/update")
    client.setMethod(POST)
    client.setQuery("DROP GRAPH <https://w3id.org/actorgraph/id/graph/actors>")
    client.query()
    status, _, body = _get(_q(writable, "ASK { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l }"),
                           {"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is False


def test_server_refuses_cross_origin_updates(writable):
    status, _, _ = _get(f"{writable.url}/update", {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Origin": "https://attacker.example"},
                        urllib.parse.urlencode({"update": "CLEAR ALL"}).encode())
    assert status == 403
    assert json.loads(_get(_q(writable, "ASK { ?s ?p ?o }"))[2])["boolean"] is True


def test_server_graph_page_is_generated_from_the_store(server):
    status, headers, body = _get(f"{server.url}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"Russia" in body


def test_server_actor_page_lists_relations_escaped(server):
    status, _, body = _get(f"{server.url}/actor/hts")
    page = body.decode("utf-8")
    assert status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert '<a href="/actor/assad-government">Assad &lt;b&gt;government&lt;/b&gt;</a>' in page
    assert 'href="https://example.org/a"' in page and "Report &lt;A&gt;" in page
    assert re.search(r"<iframe[^>]+srcdoc=", page)


def _data_block(page: str) -> str:
    return re.search(r'<script type="application/json" id="agt-data">(.*?)</script>', page, re.DOTALL).group(1)


def test_server_actor_page_carries_its_timeline_escaped(server):
    page = _get(f"{server.url}/actor/assad-government")[2].decode("utf-8")
    block = _data_block(page)
    assert "<" not in block and ">" not in block  # the label "Assad <b>government</b>" is \u escaped
    data = json.loads(block)
    assert data["label"] == GOV.label and data["actors"][GOV.iri]["label"] == GOV.label
    # every claim naming the actor, dated by its article where it has one; not cut by --max-results 3
    assert sorted(data["events"], key=lambda e: (e[0] or "", e[4])) == [
        [None, "backs", "asserted", 0.9, RUSSIA.iri, GOV.iri],
        ["2024-12-01", "opposes", "asserted", 0.9, HTS.iri, GOV.iri],
        ["2024-12-01", "backs", "asserted", 0.9, RUSSIA.iri, GOV.iri],
    ]
    assert (data["place"], data["bands"], data["truncated"]) == (False, None, False)


def test_server_actor_page_runs_only_its_own_scripts(server):
    """The policy (header and meta alike) names by hash exactly the scripts the page and its neighbourhood
    graph run, and nothing else may run or be loaded."""
    from graph.views.timeline_view import inline_scripts, script_hash

    status, headers, body = _get(f"{server.url}/actor/hts")
    page = body.decode("utf-8")
    policy = headers["Content-Security-Policy"]
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    assert status == 200 and html.unescape(meta) == policy
    frame = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
    scripts = inline_scripts(page.replace(frame, "")) + inline_scripts(frame)
    assert len(scripts) == 4  # timeline.js, the page's own, vis-network and the graph page's
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert sorted(script_src) == sorted({script_hash(s) for s in scripts})
    assert re.search(r"default-src 'none'", policy) and "http" not in policy


def test_server_actor_page_table_rows_carry_what_the_filters_read(server):
    page = _get(f"{server.url}/actor/hts")[2].decode("utf-8")
    rows = re.findall(r"<tr (data-[^>]*)>", page)
    assert rows == [f'data-relation="opposes" data-status="asserted" data-confidence="0.9" data-s="{HTS.iri}" '
                    f'data-o="{GOV.iri}"']


@pytest.mark.parametrize("path", [
    "/actor/hts",
    "/actor/" + urllib.parse.quote(HTS.iri, safe=""),
    "/actor/" + HTS.iri,
], ids=["slug", "encoded-iri", "plain-iri"])
def test_server_actor_page_by_slug_or_whole_iri(server, path):
    status, _, body = _get(f"{server.url}{path}")
    assert status == 200 and f"<code>{HTS.iri}</code>".encode() in body
    assert b"<h1>Hayat Tahrir al-Sham</h1>" in body


@pytest.mark.parametrize(("query", "expected"), [
    ("ASK { ?s ag:backs actor:assad-government }", True),
    ("ASK { ?a skos:altLabel 'HTS' } ", True),
    ("PREFIX ag: <http://example.org/other#>\nASK { ?s ag:backs ?o }", False),  # the declared one wins
    ("PREFIX ex: <http://example.org/>\nASK { ?s ag:backs ?o }", True),  # declaring one keeps the others
], ids=["project-prefixes", "skos", "declared-wins", "others-kept"])
def test_server_knows_the_project_prefixes(server, query, expected):
    status, _, body = _get(_q(server, query))
    assert status == 200, body
    assert json.loads(body)["boolean"] is expected


def test_server_bad_query_lines_are_the_users_own(server):
    status, _, body = _get(_q(server, "ASK {\n  ?s ag:backs ?o\n  FILTER( }"))
    assert status == 400 and body.startswith(b"bad query: error at 3:12:")


def test_server_updates_know_the_project_prefixes(writable):
    update = "INSERT DATA { GRAPH <urn:g> { actor:hts ag:backs actor:russia } }"
    assert _get(f"{writable.url}/update", {"Content-Type": "application/sparql-update"}, update.encode())[0] == 204
    ask = "ASK { GRAPH <urn:g> { <https://w3id.org/actorgraph/id/actor/hts> ?p ?o } }"
    assert json.loads(_get(_q(writable, ask))[2])["boolean"] is True


@pytest.mark.parametrize("path", ["/actor/nobody", "/actor/..%2F..%2Fetc", "/nothing"], ids=["unknown", "odd", "route"])
def test_server_unknown_pages_are_404(server, path):
    assert _get(f"{server.url}{path}")[0] == 404


@pytest.mark.parametrize("log", [False, True], ids=["quiet", "access-log"])
def test_server_command_serves_and_holds_the_store(tmp_path, log):
    directory = _build(tmp_path)
    process = subprocess.Popen([*CLI, "serve", str(directory), "--port", "0", *(["--access-log"] if log else [])],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        url = re.search(r"at (http://127\.0\.0\.1:\d+)/", line).group(1)
        status, _, body = _get(f"{url}/sparql?" + urllib.parse.urlencode({"query": BACKS}))
        assert status == 200 and RUSSIA.iri.encode() in body
        assert _get(f"{url}/nothing")[0] == 404
        with pytest.raises(StoreError, match="in use by another process"):
            OxigraphStore(directory / "store")
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    logged = re.findall(r'^127\.0\.0\.1 - - \[[^]]+\] "GET (\S+) HTTP/1\.1" (\d+) \d+$', errors, re.M)
    assert [(path.split("?")[0], status) for path, status in logged] == ([("/sparql", "200"), ("/nothing", "404")]
                                                                         if log else [])


def test_server_command_without_a_store_fails_in_one_line(tmp_path, capsys):
    from graph.cli import main

    assert main(["serve", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (f"actorgraph: error: {tmp_path}: no store here "
                                               f"(run `actorgraph build ... --out {tmp_path}` first)")


@pytest.mark.parametrize(("max_claims", "expected"), [(None, 3), (5, 3), (2, 2), (1, 1)])
def test_server_neighbourhood_copies_at_most_max_claims(tmp_path, max_claims, expected):
    """An actor page draws its graph from a bounded number of the claims that mention the actor (a
    busy actor's are tens of thousands), with their documents and the other actors' entries."""
    from pyoxigraph import NamedNode

    from graph.server import neighbourhood

    with OxigraphStore(_build(tmp_path) / "store", read_only=True) as store:
        near = neighbourhood(store.raw, NamedNode(GOV.iri), max_claims=max_claims)
    claims = {row["c"].value for row in near.query("SELECT ?c WHERE { GRAPH ?g { ?c a ag:Claim } }", union=False)}
    labels = {row["l"].value for row in near.query("SELECT ?l WHERE { GRAPH ?g { ?a skos:prefLabel ?l } }",
                                                   union=False)}
    assert len(claims) == expected and GOV.label in labels
