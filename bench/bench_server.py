"""Benchmark: ``actorgraph serve`` against ``oxigraph serve`` on the same data, side by side.

Not a test: ``python bench/bench_server.py [--claims 20000] [--seconds 3] [--rounds 3]``.

A synthetic graph (bench_store.synthetic: graph.rdf's own mapping) is written to a store and the
store copied, so that each server has its own (a store has one writer). Both servers run on
loopback at once; bursts of ``--seconds`` of a point query from ``--clients`` keep-alive clients
alternate between them (the order flips every round), and the ratio of their median requests/s
is printed. The load comes from a separate process that drives all connections from one event
loop with prepared requests, so the client costs little per request. Then a cheap query is timed
on ``actorgraph serve`` while another client runs queries that hit the server's timeout. Only
loopback addresses are used, every loop is bounded, and both servers are stopped at the end.
"""
from __future__ import annotations

import argparse
import json
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import synthetic  # noqa: E402  (after the path set-up, so that a checkout runs it)

from graph.namespaces import ACTOR, PREFIXES  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402

__all__ = ["load", "main"]

ROOT = Path(__file__).resolve().parent.parent
#: the point query of the comparison: one actor's outgoing edges (both servers get the same text)
POINT = PREFIXES + f"SELECT ?p ?o WHERE {{ <{ACTOR['actor-7']}> ?p ?o }} LIMIT 20"
#: a query that runs far past any timeout on the benchmark's data
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = PREFIXES + f"ASK {{ <{ACTOR['actor-3']}> ?p ?o }}"


def _request(port: int, path: str, query: str) -> bytes:
    target = f"{path}?{urllib.parse.urlencode({'query': query})}"
    return (f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Accept: application/sparql-results+json\r\n\r\n").encode("ascii")


def _complete(buffer: bytes) -> tuple[int, int] | None:
    """(status, length) of the first whole response in ``buffer``, or None while it is incomplete."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = buffer[:end].decode("latin-1").lower()
    status = int(head.split(" ", 2)[1])
    if "transfer-encoding: chunked" in head:
        position = end + 4
        while True:
            line_end = buffer.find(b"\r\n", position)
            if line_end < 0:
                return None
            size = int(buffer[position:line_end].split(b";")[0], 16)
            position = line_end + 2 + size + 2
            if position > len(buffer):
                return None
            if size == 0:
                return status, position
    length = 0
    for line in head.split("\r\n"):
        if line.startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    total = end + 4 + length
    return (status, total) if len(buffer) >= total else None


def load(port: int, path: str, query: str, clients: int, seconds: float) -> dict:
    """Drive ``clients`` keep-alive connections for ``seconds``: requests/s, latency percentiles, errors."""
    request = _request(port, path, query)
    selector = selectors.DefaultSelector()
    state = {}
    for _ in range(clients):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.setblocking(False)
        state[connection] = [b"", time.perf_counter()]
        connection.send(request)
        selector.register(connection, selectors.EVENT_READ)
    latencies, errors = [], 0
    started = time.perf_counter()
    deadline = started + seconds
    while state and time.perf_counter() < deadline + 30:
        for key, _ in selector.select(timeout=1):
            connection = key.fileobj
            data = connection.recv(1 << 16)
            if not data:
                raise ConnectionError(f"port {port} closed the connection")
            entry = state[connection]
            entry[0] += data
            done = _complete(entry[0])
            if done is None:
                continue
            now = time.perf_counter()
            latencies.append(now - entry[1])
            errors += done[0] != 200
            entry[0] = entry[0][done[1]:]
            if now < deadline:
                entry[1] = now
                connection.send(request)
            else:
                selector.unregister(connection)
                connection.close()
                del state[connection]
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "p50": latencies[len(latencies) // 2] * 1000,
            "p95": latencies[int(len(latencies) * 0.95)] * 1000, "n": len(latencies), "errors": errors}


def _client(port: int, path: str, query: str, clients: int, seconds: float) -> dict:
    """``load`` in a process of its own, so that the benchmark's own threads do not slow the client."""
    code = (f"import sys, json; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_server; "
            f"print(json.dumps(bench_server.load({port}, {path!r}, {query!r}, {clients}, {seconds})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode:
        raise RuntimeError(done.stderr.strip())
    return json.loads(done.stdout)


def _wait(url: str, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url}: the server did not start")


def _slow_client(port: int, stop: threading.Event, answers: list[int]) -> None:
    """Runs queries that hit the timeout, one after another, until told to stop."""
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": SLOW})
    while not stop.is_set():
        try:
            with urllib.request.urlopen(url, timeout=60) as reply:
                answers.append(reply.status)
        except urllib.error.HTTPError as exc:
            answers.append(exc.code)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print it; returns 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each burst")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=7893, help="actorgraph serve's port")
    parser.add_argument("--oxigraph-port", type=int, default=7894)
    parser.add_argument("--timeout", type=float, default=1.0, help="actorgraph serve --timeout, for the slow client")
    parser.add_argument("--serve-args", default="", help="more arguments for actorgraph serve")
    args = parser.parse_args(argv)
    oxigraph = shutil.which("oxigraph")
    if oxigraph is None:
        print("no oxigraph binary (pip install oxigraph)")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder, "ours"), Path(folder, "theirs")
        with OxigraphStore(ours / "store") as store:
            store.bulk_extend(synthetic(args.claims))
            quads = len(store)
        shutil.copytree(ours / "store", theirs)
        print(f"{args.claims:,} claims = {quads:,} quads; {args.clients} keep-alive clients, "
              f"{args.rounds} rounds of {args.seconds:g} s each, alternated")
        servers = {
            "actorgraph": subprocess.Popen(
                [sys.executable, "-c", "import sys\nfrom graph.cli import main\nsys.exit(main(sys.argv[1:]))", "serve",
                 str(ours), "--port", str(args.port), "--timeout", str(args.timeout), *args.serve_args.split()],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            "oxigraph": subprocess.Popen(
                [oxigraph, "serve", "--location", str(theirs), "--bind", f"127.0.0.1:{args.oxigraph_port}",
                 "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        }
        try:
            return _measure(args, servers)
        finally:
            for process in servers.values():
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _measure(args: argparse.Namespace, servers: dict[str, subprocess.Popen]) -> int:
    targets = {"actorgraph": (args.port, "/sparql"), "oxigraph": (args.oxigraph_port, "/query")}
    for name, (port, path) in targets.items():
        _wait(f"http://127.0.0.1:{port}{path}?" + urllib.parse.urlencode({"query": "ASK {}"}), servers[name])
        _client(port, path, POINT, args.clients, 0.5)  # warm-up: caches, workers, connections
    rates: dict[str, list[float]] = {"actorgraph": [], "oxigraph": []}
    for round_ in range(args.rounds):
        for name in (("actorgraph", "oxigraph") if round_ % 2 == 0 else ("oxigraph", "actorgraph")):
            port, path = targets[name]
            result = _client(port, path, POINT, args.clients, args.seconds)
            rates[name].append(result["rps"])
            print(f"  round {round_ + 1} {name:10s} {result['rps']:8,.0f} req/s  p50 {result['p50']:6.2f} ms  "
                  f"p95 {result['p95']:6.2f} ms  errors {result['errors']}")
    ours, theirs = statistics.median(rates["actorgraph"]), statistics.median(rates["oxigraph"])
    ratio = ours / theirs
    pairs = [a / b for a, b in zip(rates["actorgraph"], rates["oxigraph"])]
    print(f"point query, requests/s: actorgraph serve {ours:,.0f} / oxigraph serve {theirs:,.0f} = {ratio:.3f}x "
          f"(target >= 0.25x){'' if ratio >= 0.25 else '  MISSED'}; per round {', '.join(f'{p:.2f}' for p in pairs)}")
    stop, answers = threading.Event(), []
    slow = threading.Thread(target=_slow_client, args=(args.port, stop, answers), daemon=True)
    slow.start()
    time.sleep(0.3)
    try:
        cheap = _client(args.port, "/sparql", CHEAP, 1, max(args.seconds, 2 * args.timeout + 1))
    finally:
        stop.set()
        slow.join(args.timeout + 60)
    timed_out = sum(code == 503 for code in answers)
    print(f"cheap query while another client runs queries that time out ({timed_out} of {len(answers)} got 503): "
          f"p50 {cheap['p50']:.2f} ms, p95 {cheap['p95']:.2f} ms (target < 50 ms)"
          f"{'' if cheap['p95'] < 50 else '  MISSED'}; errors {cheap['errors']}")
    return 0 if ratio >= 0.25 and cheap["p95"] < 50 and timed_out else 1


if __name__ == "__main__":
    sys.exit(main())
