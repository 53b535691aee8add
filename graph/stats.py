"""``actorgraph stats DIR``: what a build holds, at a glance.

Documents, words (the sum of ``ag:wordCount``), actors by type, relations by
type (distinct asserted edges, and how many statements support them), claims by
status, and the store's size on disk -- the figures an analyst checks after a
large ingestion before trusting the graph.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .namespaces import ACTORS_GRAPH, DOCUMENTS_GRAPH, PREFIXES

__all__ = ["GraphStats", "collect", "configure", "run", "disk_size"]

_DOCUMENTS = PREFIXES + f"""
SELECT (COUNT(?d) AS ?n) (SUM(?w) AS ?words) WHERE {{
  GRAPH <{DOCUMENTS_GRAPH}> {{ ?d a ag:Document . OPTIONAL {{ ?d ag:wordCount ?w }} }} }}"""
_ACTORS = PREFIXES + f"""
SELECT ?type (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{ACTORS_GRAPH}> {{ ?a a ?type }} }}
GROUP BY ?type ORDER BY DESC(?n) ?type"""
_RELATIONS = PREFIXES + """
SELECT ?p (COUNT(DISTINCT CONCAT(STR(?s), " ", STR(?o))) AS ?edges) (COUNT(*) AS ?statements) WHERE {
  VALUES ?p { ag:backs ag:opposes ag:controls ag:withdrewFrom ag:leads ag:memberOf ag:alliedWith }
  GRAPH ?g { ?s ?p ?o } }
GROUP BY ?p ORDER BY DESC(?edges) ?p"""
_CLAIMS = PREFIXES + """
SELECT ?status (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a ag:Claim ; ag:status ?status } }
GROUP BY ?status ORDER BY DESC(?n) ?status"""


@dataclass
class GraphStats:
    """The figures ``actorgraph stats`` prints (plain values, so they dump to JSON as they are).

    >>> figures = json.loads(json.dumps(asdict(GraphStats(documents=1, words=12, claims={"asserted": 3}))))
    >>> figures["documents"], figures["claims"], figures["store_bytes"]
    (1, {'asserted': 3}, None)
    """

    documents: int = 0
    words: int = 0
    actors: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)
    store_bytes: int | None = None


def _local(term) -> str:
    value = term.value
    return value.rsplit("#", 1)[-1] if "#" in value else value.rsplit("/", 1)[-1]


def disk_size(path: Path) -> int:
    """Bytes taken by the files under ``path``.

    >>> import tempfile, pathlib; d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a").write_bytes(b"xyz")
    >>> disk_size(d)
    3
    """
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def collect(store, path: Path | None = None) -> GraphStats:
    """The figures of a pyoxigraph ``Store`` (``path``: its folder, for the size on disk).

    >>> from pyoxigraph import Store
    >>> collect(Store()).documents
    0
    """
    stats = GraphStats()
    for row in store.query(_DOCUMENTS):
        stats.documents = int(row["n"].value)
        stats.words = int(row["words"].value) if row["words"] is not None else 0
    stats.actors = {_local(r["type"]): int(r["n"].value) for r in store.query(_ACTORS)}
    for row in store.query(_RELATIONS):
        stats.relations[_local(row["p"])] = int(row["edges"].value)
        stats.statements[_local(row["p"])] = int(row["statements"].value)
    stats.claims = {_local(r["status"]).lower(): int(r["n"].value) for r in store.query(_CLAIMS)}
    stats.store_bytes = disk_size(path) if path is not None else None
    return stats


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _text(stats: GraphStats) -> str:
    lines = [f"documents  {stats.documents:,}", f"words      {stats.words:,}"]
    if stats.store_bytes is not None:
        lines.append(f"store      {_size(stats.store_bytes)}")
    sections = [("actors", stats.actors, None),
                ("relations (distinct asserted edges; supporting statements)", stats.relations, stats.statements),
                ("claims by status", stats.claims, None)]
    for title, counts, extra in sections:
        lines.append(f"{title}: {sum(counts.values()):,}")
        width = max((len(k) for k in counts), default=0)
        for key, n in counts.items():
            more = f"  ({extra[key]:,})" if extra else ""
            lines.append(f"  {key.ljust(width)}  {n:>8,}{more}")
    return "\n".join(lines)


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``actorgraph stats``.

    >>> parser = argparse.ArgumentParser(prog="actorgraph stats"); configure(parser)
    >>> parser.parse_args(["out", "--format", "json"])
    Namespace(dir=PosixPath('out'), format='json')
    """
    parser.add_argument("dir", type=Path, help="a build's output folder (or its store/)")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    """Print the figures of the store in ``args.dir``; a missing store is a one-line error.

    >>> import tempfile
    >>> from pyoxigraph import RdfFormat
    >>> from graph.api import EXAMPLE_TRIG, ActorGraph
    >>> parser = argparse.ArgumentParser(prog="actorgraph stats"); configure(parser)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with ActorGraph.open(tmp) as g:
    ...         g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    ...     run(parser.parse_args([tmp]))  # doctest: +ELLIPSIS
    documents  1
    words      12
    store      ... KiB
    actors: 4
      ArmedGroup         1
      Government         1
      Settlement         1
      State              1
    relations (distinct asserted edges; supporting statements): 3
      backs            1  (1)
      controls         1  (1)
      opposes          1  (1)
    claims by status: 3
      asserted         3
    0
    >>> run(parser.parse_args(["/nonexistent"]))
    Traceback (most recent call last):
    graph.cli.CliError: /nonexistent: no store here (run `actorgraph build ... --out /nonexistent` first)
    """
    from .cli import CliError
    from .store import OxigraphStore

    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not store_dir.is_dir() or not any(store_dir.iterdir()):
        raise CliError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    stats = collect(OxigraphStore(store_dir, read_only=True).raw, store_dir)
    if args.format == "json":
        json.dump(asdict(stats), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(_text(stats))
    return 0
