"""How the HTML view scales: a 5,000-actor, 20,000-relation graph against a 300-actor baseline.

Why: the page must stay usable on a large store. It opens on the strongest part
(``max_nodes`` actors by claim count), so the time to a stable first render
should grow far less than the graph; the file size grows with the evidence it
carries. Both graphs are synthetic (no corpus may be downloaded) with a skewed
degree distribution like real news coverage, built as real quads in a real
pyoxigraph store, read with :func:`view_data`, rendered with
:func:`render_html` and opened in headless Chromium (/usr/bin/chromium) from a
file:// URL with every other request aborted.

Run ``python -m bench.bench_html`` from the repository root (options: ``--actors``, ``--relations``,
``--out``). ``--store OUT/store`` measures instead the page of a stored graph as a build writes it (at
most 1,000 actors and 10,000 claims read, ``ActorGraph.to_html``'s bounds), against the baseline
with the same bounds: what the page costs a build on a large store. Figures are printed as ratios against the baseline, since absolute
times depend on the machine.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from graph.namespaces import (
    ACTOR,
    ACTORS_GRAPH,
    AG,
    CLAIM,
    DCTERMS,
    DOC,
    DOCUMENTS_GRAPH,
    PROV,
    RDF,
    RELATIONS,
    SCHEMA,
    SKOS,
    XSD,
)
from graph.views.html_view import TYPE_STYLES, render_html, view_data

__all__ = ["Figures", "main", "measure", "synthetic_store"]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
_STATUSES = ["Asserted"] * 17 + ["Denied", "Negated", "Hypothetical", "Intended"]
_WORDS = ["fighters", "convoy", "checkpoint", "airstrike", "offensive", "ceasefire", "outskirts", "province",
          "monitor", "shelling", "reinforcements", "withdrawal", "negotiations", "frontline", "militia"]


def _n(iri: object) -> NamedNode:
    return NamedNode(str(iri))


def synthetic_store(actors: int, relations: int, seed: int = 7) -> Store:
    """A store with ``actors`` actors and ``relations`` distinct (subject, relation, object) edges.

    Endpoints are drawn with Zipf-like weights, so a few actors gather most claims, as in the news.

    >>> s = synthetic_store(20, 30)
    >>> d = view_data(s)
    >>> len(d["edges"]), len(d["nodes"]) <= 20
    (30, True)
    """
    rng = random.Random(seed)
    types = [t for t in TYPE_STYLES if t != "Actor"]
    quads: list[Quad] = []
    g_actors, g_docs = _n(ACTORS_GRAPH), _n(DOCUMENTS_GRAPH)
    iris = [_n(ACTOR[f"a{i}"]) for i in range(actors)]
    for i, iri in enumerate(iris):
        quads.append(Quad(iri, _n(RDF.type), _n(AG[rng.choice(types)]), g_actors))
        quads.append(Quad(iri, _n(SKOS.prefLabel), Literal(f"Actor {i} {rng.choice(_WORDS).title()}"), g_actors))
        quads.append(Quad(iri, _n(SKOS.altLabel), Literal(f"A{i}"), g_actors))
    docs = [_n(DOC[f"d{i}"]) for i in range(max(1, relations // 10))]
    for i, d in enumerate(docs):
        quads.append(Quad(d, _n(DCTERMS.title), Literal(f"Report {i} on the {rng.choice(_WORDS)}"), g_docs))
        quads.append(Quad(d, _n(SCHEMA.url), Literal(f"https://news.example.org/{i}", datatype=_n(XSD.anyURI)), g_docs))
        quads.append(Quad(d, _n(DCTERMS.issued), Literal(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                                         datatype=_n(XSD.date)), g_docs))
    weights = [1 / (i + 1) ** 0.8 for i in range(actors)]
    seen: set[tuple[int, str, int]] = set()
    claim = 0
    while len(seen) < relations:
        # the first edges give every actor one relation, so that all of them are in the view
        s = len(seen) if len(seen) < actors else rng.choices(range(actors), weights)[0]
        o = rng.choices(range(actors), weights)[0]
        relation = rng.choice(RELATIONS)
        if relation == "alliedWith":  # symmetric: the view keeps one edge per pair
            s, o = min(s, o), max(s, o)
        if s == o or (s, relation, o) in seen:
            continue
        seen.add((s, relation, o))
        for _ in range(1 + int(rng.expovariate(1.2))):
            d, status, c = rng.choice(docs), rng.choice(_STATUSES), _n(CLAIM[f"c{claim}"])
            claim += 1
            p = _n(AG[relation])
            if status == "Asserted":
                quads.append(Quad(iris[s], p, iris[o], d))
            sentence = " ".join(rng.choices(_WORDS, k=18)).capitalize() + "."
            quads += [Quad(c, _n(RDF.type), _n(AG.Claim), d), Quad(c, _n(RDF.subject), iris[s], d),
                      Quad(c, _n(RDF.predicate), p, d), Quad(c, _n(RDF.object), iris[o], d),
                      Quad(c, _n(PROV.wasDerivedFrom), d, d), Quad(c, _n(AG.sentence), Literal(sentence), d),
                      Quad(c, _n(AG.rule), Literal(f"{relation}.synthetic"), d),
                      Quad(c, _n(AG.confidence), Literal(str(Decimal(rng.randint(50, 99)) / 100),
                                                         datatype=_n(XSD.decimal)), d),
                      Quad(c, _n(AG.status), _n(AG[status]), d)]
    store = Store()
    store.extend(quads)
    return store


@dataclass(frozen=True)
class Figures:
    """One graph's measurements."""

    actors: int
    relations: int
    extract_s: float
    render_s: float
    size_bytes: int
    stable_ms: float
    shown: int


def open_in_chromium(page: Path) -> tuple[float, int]:
    """(ms to a stable first render, actors shown) of ``page`` in headless Chromium, offline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else route.abort())
        tab.goto(page.resolve().as_uri())
        tab.wait_for_selector('body[data-stable="true"]', state="attached", timeout=600_000)
        stable_ms, shown = tab.evaluate("[window.agStableAt, window.ag.nodesView.length]")
        browser.close()
    return stable_ms, shown


def measure(actors: int, relations: int, out: Path, max_nodes: int = 300, store: object = None,
            bounds: dict | None = None) -> Figures:
    """Build (or take ``store``), extract, render and open one graph; time each step."""
    store = store if store is not None else synthetic_store(actors, relations)
    t0 = time.perf_counter()
    data = view_data(store, **(bounds or {}))
    t1 = time.perf_counter()
    page = render_html(data, out, title=f"synthetic {actors}", max_nodes=max_nodes)
    t2 = time.perf_counter()
    stable_ms, shown = open_in_chromium(out)
    return Figures(len(data["nodes"]), len(data["edges"]), t1 - t0, t2 - t1, len(page.encode("utf-8")),
                   stable_ms, shown)


#: the bounds ``ActorGraph.to_html`` (and so every build) puts on the page of a large store
BUILD_BOUNDS = {"max_actors": 1000, "max_claims": 5000}


def stored(path: Path, out: Path) -> tuple[Figures, Figures]:
    """The page of the store at ``path`` as a build writes it, and of the 300-actor baseline with the
    same bounds: what the page costs when the store is large (read-only, so a copy of a build's store works)."""
    from graph.store import OxigraphStore

    with OxigraphStore(path, read_only=True) as store:
        large = measure(0, 0, out / "stored.html", store=store, bounds=BUILD_BOUNDS)
        print(f"store {path}: {len(store):,} quads")
    baseline = OxigraphStore()
    baseline.raw.extend(synthetic_store(300, 1200))
    return measure(300, 1200, out / "baseline.html", store=baseline, bounds=BUILD_BOUNDS), large


def main(argv: list[str] | None = None) -> None:
    """Print the large graph's figures as ratios against the 300-actor baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=20000)
    parser.add_argument("--out", type=Path, default=None, help="folder for the pages (default: a temporary one)")
    parser.add_argument("--store", type=Path, default=None,
                        help="instead of a synthetic large graph: the page of this store (e.g. OUT/store), as a build writes it")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench_html_"))
    out.mkdir(parents=True, exist_ok=True)
    if args.store is not None:
        base, large = stored(args.store, out)
    else:
        base = measure(300, 1200, out / "baseline.html")
        large = measure(args.actors, args.relations, out / "large.html")
    print(f"pages in {out}")
    print(f"{'':24}{'baseline':>14}{'large':>14}{'ratio':>10}")
    rows = [("actors in data", base.actors, large.actors), ("relations in data", base.relations, large.relations),
            ("actors shown first", base.shown, large.shown),
            ("view_data (s)", base.extract_s, large.extract_s), ("render_html (s)", base.render_s, large.render_s),
            ("file size (MB)", base.size_bytes / 1e6, large.size_bytes / 1e6),
            ("stable first render (s)", base.stable_ms / 1000, large.stable_ms / 1000)]
    for name, b, v in rows:
        print(f"{name:24}{b:>14.3f}{v:>14.3f}{v / b if b else float('nan'):>9.2f}x")


if __name__ == "__main__":
    main()
