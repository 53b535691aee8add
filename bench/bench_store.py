"""Benchmark: the on-disk Oxigraph store through ActorGraph vs the same SPARQL in a plain in-memory rdflib Dataset.

Not a test: ``python bench/bench_store.py [--claims 100000] [--rdflib-claims 25000]``.

A synthetic graph is made with graph.rdf's own functions (so it has the real shape:
one named graph per document, reified claims, actors and document metadata), loaded
into an on-disk store with bulk loading, dumped as graph.trig, then queried with four
query shapes. rdflib is slow to load and to query, so the comparison runs on the first
``--rdflib-claims`` claims, loaded into both engines; each ratio compares the same
query over the same quads, measured in the same run. The full-size timings of our
store are printed as well.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.api import ActorGraph  # noqa: E402  (after the path set-up, so that a checkout runs it)
from graph.models import Actor, Claim, Document  # noqa: E402
from graph.namespaces import ACTOR, PREFIXES, RELATIONS  # noqa: E402
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402

__all__ = ["synthetic", "QUERIES", "main"]

CLAIMS_PER_DOCUMENT = 10
TYPES = ("State", "Government", "ArmedGroup", "Coalition", "PoliticalOrganization", "Person")

#: the four query shapes of the issue: (name, SPARQL, bindings)
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("edges of one actor", PREFIXES + """SELECT ?a ?p ?o WHERE {
        VALUES ?p { ag:backs ag:opposes ag:controls ag:withdrewFrom ag:leads ag:memberOf ag:alliedWith }
        ?a ?p ?o }""", {"a": str(ACTOR["actor-7"])}),
    ("count per relation", PREFIXES + """SELECT ?p (COUNT(?c) AS ?n) WHERE {
        ?c a ag:Claim ; rdf:predicate ?p } GROUP BY ?p""", {}),
    ("pairs that both back and oppose", PREFIXES + """SELECT ?a ?b WHERE {
        { SELECT DISTINCT ?a ?b WHERE { ?a ag:backs ?b } }
        { SELECT DISTINCT ?a ?b WHERE { ?a ag:opposes ?b } } }""", {}),
    ("claims in a date range, by date, first 10", PREFIXES + """SELECT ?c ?d WHERE {
        ?c ag:eventDate ?d FILTER(?d >= "2024-03-01"^^xsd:date && ?d < "2024-04-01"^^xsd:date) }
        ORDER BY ?d ?c LIMIT 10""", {}),
]


def synthetic(claims: int, *, actors: int = 500, seed: int = 7) -> Iterator[Quad]:
    """The quads of ``claims`` random claims (10 per document) about ``actors`` actors, all of 2024."""
    rng = random.Random(seed)
    people = [Actor(str(ACTOR[f"actor-{i}"]), TYPES[i % len(TYPES)], f"Actor {i}") for i in range(actors)]
    yield from actor_quads(people)
    start = dt.date(2024, 1, 1)
    for d in range(math.ceil(claims / CLAIMS_PER_DOCUMENT)):
        document = Document(text=f"synthetic report {d}", url=f"https://example.org/report/{d}",
                            title=f"Report {d}", published=start + dt.timedelta(days=d % 366), outlet="Bench")
        iri = doc_iri(document)
        yield from document_quads(document, iri)
        batch = []
        for k in range(min(CLAIMS_PER_DOCUMENT, claims - d * CLAIMS_PER_DOCUMENT)):
            s, o = rng.sample(people, 2)
            sentence = f"{s.label} and {o.label}, sentence {k} of report {d}."
            batch.append(Claim(subject=s, relation=rng.choice(RELATIONS), object=o, status="asserted",
                               sentence=sentence, char_start=k * 80, char_end=k * 80 + len(sentence),
                               rule="bench", confidence=0.9,
                               event_date=start + dt.timedelta(days=rng.randrange(366))))
        yield from claim_quads(batch, iri)


def _best(run: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs after one warm-up (the first run also parses caches)."""
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; returns 1 if a target is missed."""
    import rdflib

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rdflib-claims", type=int, default=25_000, help="size of the like-for-like comparison")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    ok = True

    started = time.perf_counter()
    quads = list(synthetic(args.claims))
    print(f"generated {args.claims:,} claims = {len(quads):,} quads with graph.rdf in "
          f"{time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        started = time.perf_counter()
        store.bulk_extend(quads)
        store.flush()
        load = time.perf_counter() - started
        ok &= load < 20
        print(f"load into the on-disk store (bulk): {load:.1f} s (target < 20 s){'' if load < 20 else '  MISSED'}")
        started = time.perf_counter()
        store.dump(Path(folder) / "graph.trig")
        dump = time.perf_counter() - started
        ok &= dump < 10
        size = (Path(folder) / "graph.trig").stat().st_size / 1e6
        print(f"write graph.trig ({size:.0f} MB): {dump:.1f} s (target < 10 s){'' if dump < 10 else '  MISSED'}")
        graph = ActorGraph(store)
        print(f"\nfull size, our store through ActorGraph.query ({len(store):,} quads):")
        for name, sparql, bindings in QUERIES:
            seconds = _best(lambda: graph.query(sparql, bindings), args.repeat)
            print(f"  {name:<45} {seconds * 1000:9.1f} ms")
        store.close()

    subset = list(synthetic(args.rdflib_claims))
    small = ActorGraph()
    small.store.bulk_extend(subset)
    dataset = rdflib.Dataset(default_union=True)
    started = time.perf_counter()
    dataset.parse(data=serialize(subset, format=RdfFormat.N_QUADS), format="nquads")
    print(f"\nlike for like on {args.rdflib_claims:,} claims = {len(subset):,} quads "
          f"(rdflib took {time.perf_counter() - started:.1f} s to load them)")
    print(f"  {'query':<45} {'ours':>9} {'rdflib':>10} {'speed-up':>9}")
    ratios = []
    for name, sparql, bindings in QUERIES:
        ours_rows = small.query(sparql, bindings)
        init = {k: rdflib.URIRef(v) for k, v in bindings.items()}
        theirs_rows = list(dataset.query(sparql, initBindings=init))
        assert len(ours_rows) == len(theirs_rows), f"{name}: {len(ours_rows)} rows vs rdflib's {len(theirs_rows)}"
        ours = _best(lambda: small.query(sparql, bindings), args.repeat)
        theirs = _best(lambda: list(dataset.query(sparql, initBindings=init)), max(1, args.repeat // 2))
        ratios.append(theirs / ours)
        ok &= ratios[-1] >= 3
        print(f"  {name:<45} {ours * 1000:7.1f}ms {theirs * 1000:8.1f}ms {ratios[-1]:8.1f}x"
              f"{'' if ratios[-1] >= 3 else '  MISSED (target >= 3x)'}")
    mean = math.exp(sum(map(math.log, ratios)) / len(ratios))
    ok &= mean >= 20
    print(f"  geometric mean speed-up: {mean:.1f}x (target >= 20x){'' if mean >= 20 else '  MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
