"""``actorgraph stats DIR``: what a build holds, at a glance.

Documents, words (the sum of ``ag:wordCount``), actors by type, relations by
kind with the claims about each, claims by status, and the store's size on disk
-- the figures an analyst checks after a large ingestion before trusting the graph.

The same two words mean the same things in every figure the project prints (the
build's summary, ``stats``, ``report``, the page's header), all counted by
:func:`totals`: a *relation* is an edge between two actors (one asserted
``(subject, relation, object)``, whatever the number of articles asserting it;
``alliedWith`` holds both ways, so one per pair), a *claim* is one piece of
evidence (one sentence's statement, asserted or not).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .queries import load

__all__ = ["GraphStats", "Totals", "totals", "collect", "configure", "run", "disk_size"]

#: the queries, named files in ontology/queries/internal/ (relations: distinct pairs an asserted
#: triple joins, alliedWith once per unordered pair; claims: any status)
_DOCUMENTS, _ACTORS, _RELATIONS, _RELATION_CLAIMS, _CLAIMS = (
    load(f"internal/stats-{name}") for name in ("documents", "actors", "relations", "relation-claims", "claims"))
_DIRECTED, _ALLIANCES, _NON_IRI_ENDS = (
    load(f"internal/stats-{name}") for name in ("directed-relations", "alliances", "non-iri-ends"))
_ALLIED_WITH = "https://w3id.org/actorgraph#alliedWith"


@dataclass(frozen=True)
class Totals:
    """How many relations (edges between two actors) and claims (pieces of evidence) a graph holds.

    >>> print(Totals(49, 77))
    49 relations from 77 claims
    >>> print(Totals(1, 1))
    1 relation from 1 claim
    """

    relations: int
    claims: int

    def __str__(self) -> str:
        return (f"{self.relations:,} relation{'s' * (self.relations != 1)} from "
                f"{self.claims:,} claim{'s' * (self.claims != 1)}")


def totals(store) -> Totals:
    """The relations and claims of a store: a pyoxigraph ``Store``, an ``OxigraphStore`` or a ``SparqlStore``
    (anything with ``query``; the queries name their graphs, so no union default graph is needed).

    >>> from pyoxigraph import RdfFormat, Store
    >>> from graph.api import EXAMPLE_TRIG
    >>> s = Store(); s.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> totals(s)
    Totals(relations=3, claims=3)
    """
    relations = sum(_relations(store).values())
    claims = sum(int(row["n"].value) for row in store.query(_RELATION_CLAIMS))
    return Totals(relations, claims)


def _relations(store) -> dict[str, int]:
    """Relations by kind (relation IRI -> edges, most first, then by IRI), as ``stats-relations``
    counts them. When no end of a relation triple is anything but an IRI (``stats-non-iri-ends``, a
    test per distinct term), the directed ones are counted without that query's test of both ends of
    every triple (``stats-directed-relations``; 1.4 million quads: 0.15 s against 0.36 s of CPU), the
    alliances as it counts them (``stats-alliances``); otherwise by ``stats-relations`` itself.

    >>> from pyoxigraph import RdfFormat, Store
    >>> s = Store(); s.load(b'<http://e.org/g> { <http://e.org/a> <https://w3id.org/actorgraph#backs> "x" . '
    ...     b'<http://e.org/a> <https://w3id.org/actorgraph#backs> <http://e.org/b> . }', format=RdfFormat.TRIG)
    >>> _relations(s)
    {'https://w3id.org/actorgraph#backs': 1}
    """
    if any(int(row["n"].value) for row in store.query(_NON_IRI_ENDS)):
        return {row["p"].value: int(row["edges"].value) for row in store.query(_RELATIONS)}
    counts = {row["p"].value: int(row["edges"].value) for row in store.query(_DIRECTED)}
    allied = sum(int(row["edges"].value) for row in store.query(_ALLIANCES))
    if allied:
        counts[_ALLIED_WITH] = allied
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass
class GraphStats:
    """The figures ``actorgraph stats`` prints (plain values, so they dump to JSON as they are).

    ``relations`` counts relations by kind, ``relation_claims`` the claims about each kind (every
    claim is about one, so they add up to the claims by status in ``claims``).

    >>> figures = json.loads(json.dumps(asdict(GraphStats(documents=1, words=12, claims={"asserted": 3}))))
    >>> figures["documents"], figures["claims"], figures["store_bytes"]
    (1, {'asserted': 3}, None)
    """

    documents: int = 0
    words: int = 0
    actors: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    relation_claims: dict[str, int] = field(default_factory=dict)
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
    for relation, edges in _relations(store).items():
        stats.relations[relation.rsplit("#", 1)[-1]] = edges
    about = {_local(row["p"]): int(row["n"].value) for row in store.query(_RELATION_CLAIMS)}
    stats.relation_claims = {kind: about.get(kind, 0) for kind in stats.relations}
    stats.relation_claims.update({kind: n for kind, n in about.items() if kind not in stats.relations})
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
    lines.append(f"actors and places: {sum(stats.actors.values()):,}")
    lines += _rows({k: f"{n:>8,}" for k, n in stats.actors.items()})
    lines.append(f"relations: {Totals(sum(stats.relations.values()), sum(stats.relation_claims.values()))} "
                 "(a relation: an edge between two actors; a claim: one piece of evidence)")
    kinds = dict.fromkeys([*stats.relations, *stats.relation_claims])
    lines += _rows({k: f"{stats.relations.get(k, 0):>8,}  from {stats.relation_claims.get(k, 0):,}" for k in kinds})
    lines.append(f"claims by status: {sum(stats.claims.values()):,}")
    lines += _rows({k: f"{n:>8,}" for k, n in stats.claims.items()})
    return "\n".join(lines)


def _rows(cells: dict[str, str]) -> list[str]:
    width = max((len(k) for k in cells), default=0)
    return [f"  {key.ljust(width)}  {cell}" for key, cell in cells.items()]


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
    actors and places: 4
      ArmedGroup         1
      Government         1
      Settlement         1
      State              1
    relations: 3 relations from 3 claims (a relation: an edge between two actors; a claim: one piece of evidence)
      backs            1  from 1
      controls         1  from 1
      opposes          1  from 1
    claims by status: 3
      asserted         3
    0
    >>> run(parser.parse_args(["/nonexistent"]))
    Traceback (most recent call last):
    graph.errors.UsageError: /nonexistent: no store here (run `actorgraph build ... --out /nonexistent` first)
    """
    from .errors import UsageError
    from .store import OxigraphStore

    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not store_dir.is_dir() or not any(store_dir.iterdir()):
        raise UsageError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    with OxigraphStore(store_dir, read_only=True) as store:
        stats = collect(store, store_dir)
    if args.format == "json":
        json.dump(asdict(stats), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(_text(stats))
    return 0
