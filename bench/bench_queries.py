"""Every public named query on a large store, as users run it, against the same on a small store, alternated.

Run on demand (not a test): ``python bench/bench_queries.py [--dir DIR] [--repeat 1] [--timeout 120]
[--only controller ...] [--compare CHECKOUT]``.

Both stores are the control map's synthetic ones (``bench/mapcorpus.py``: the quads a build writes),
made once in ``DIR`` (default: ``actorgraph-bench-queries`` in the temporary folder) and reused: the
large one of 2,000 places and 20,000 control claims (424,069 quads), the small one of 300 places
and 3,000 claims (67,068 quads). Each query of ``ontology/queries/*.rq`` (not ``internal/``) runs
with no bindings and with its typical ones (its ``Binds:`` header; the actor with the most claims
and the place with the most control claims of each store, found before any timing) as a whole
process, ``python -m graph.cli query DIR NAME --bind ... --format csv``, the command users run,
under a time limit; small and large alternate which goes first from one round to the next. Printed:
the median wall seconds of each, their ratio large / small, the CPU seconds of the large one (user
+ system: on a loaded machine wall time measures the queue as much as the work) and the rows it
printed. ``--compare CHECKOUT`` also runs the large case from another checkout in the same rounds
(before/after of the same minutes): ``git archive OLD | tar -x -C /tmp/before``, then
``--compare /tmp/before``.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_extract import machine_line  # noqa: E402  (bench/ is not a package)
from mapcorpus import write_store  # noqa: E402

__all__ = ["CASES", "Timing", "main", "query_command", "typical_values"]

LARGE, SMALL = (2000, 20000), (300, 3000)
#: each public query's cases: the bindings a user typically gives (templates over typical_values)
CASES: dict[str, list[tuple[str, ...]]] = {
    "actors": [(), ("type=ArmedGroup",)],
    "backers": [(), ("actor={actor}",)],
    "claims-by-status": [(), ("status=denied",)],
    "controller": [(), ("date=2024-12-01",), ("place={place}", "date=2024-12-01")],
    "controls-since": [(), ("place={place}",), ("controller={actor}",)],
    "edges": [(), ("relation=backs",)],
    "evidence": [(), ("subject={actor}",), ("subject={actor}", "relation=opposes")],
    "opponents": [(), ("actor={actor}",)],
    "places": [(), ("type=Settlement",)],
    "relations-of": [(), ("actor={actor}",)],
}
_BUSIEST = {"actor": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?c rdf:subject ?a . ?a skos:prefLabel ?v } "
                     "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
            "place": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?c rdf:predicate ag:controls ; rdf:object ?p . "
                     "?p skos:prefLabel ?v } GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1"}


@dataclass
class Timing:
    """The runs of one command: wall and CPU seconds each, the rows it printed, whether it timed out."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rows: int = 0
    timed_out: bool = False

    def median(self) -> float:
        return statistics.median(self.wall)

    def shown(self) -> str:
        return f">{self.median():.0f}" if self.timed_out else f"{self.median():.2f}"


def query_command(folder: Path, name: str, binds: tuple[str, ...]) -> list[str]:
    """``python -m graph.cli query FOLDER NAME --bind ... --format csv``, the command users run."""
    command = [sys.executable, "-m", "graph.cli", "query", str(folder), name]
    for bind in binds:
        command += ["--bind", bind]
    return command + ["--format", "csv"]


def run(command: list[str], checkout: Path, limit: float, timing: Timing) -> None:
    """Run one command from ``checkout`` under a time limit, adding its wall and CPU seconds to ``timing``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(checkout), PYTHONWARNINGS="ignore")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, cwd=checkout, env=env)
    except subprocess.TimeoutExpired:
        timing.wall.append(limit)
        timing.timed_out = True
        timing.cpu.append(float("nan"))
        return
    timing.wall.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
    timing.rows = max(0, len(list(csv.reader(io.StringIO(done.stdout)))) - 1)


def typical_values(folder: Path) -> dict[str, str]:
    """The busiest actor's and place's labels in the store of ``folder`` (asked through the CLI)."""
    values = {}
    for key, sparql in _BUSIEST.items():
        out = subprocess.run(query_command(folder, sparql, ()), capture_output=True, text=True, check=True,
                             cwd=HERE.parent, env=dict(os.environ, PYTHONPATH=str(HERE.parent)))
        values[key] = next(csv.DictReader(io.StringIO(out.stdout)))["v"]
    return values


def _store(folder: Path, places: int, claims: int) -> Path:
    if not (folder / "store").is_dir():
        print(f"writing {folder}/store ...", file=sys.stderr, flush=True)
        write_store(folder, places, claims)
    return folder


def _case(name: str, binds: tuple[str, ...], stores: dict[str, Path], values: dict[str, dict[str, str]],
          args: argparse.Namespace) -> dict[str, Timing]:
    """The alternated rounds of one case: small, large (and the other checkout's large) each round."""
    steps = [("small", HERE.parent), ("large", HERE.parent)]
    if args.compare is not None:
        steps.append(("other", args.compare))
    seen = {step: Timing() for step, _ in steps}
    for i in range(args.repeat):
        for step, checkout in steps[i % len(steps):] + steps[:i % len(steps)]:
            which = "small" if step == "small" else "large"
            bound = tuple(b.format(**values[which]) for b in binds)
            run(query_command(stores[which], name, bound), checkout, args.timeout, seen[step])
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "actorgraph-bench-queries")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds allowed to each run")
    parser.add_argument("--only", nargs="+", choices=sorted(CASES), help="these queries only")
    parser.add_argument("--compare", type=Path, help="another checkout: its large case in the same rounds")
    args = parser.parse_args(argv)
    stores = {"large": _store(args.dir / "large", *LARGE), "small": _store(args.dir / "small", *SMALL)}
    values = {which: typical_values(folder) for which, folder in stores.items()}
    print(machine_line())
    print(f"typical values: large {values['large']}, small {values['small']}")
    other = " | other large s" if args.compare else ""
    print(f"query | binds | small s | large s | large / small | large CPU s | rows{other}")
    for name in args.only or sorted(CASES):
        for binds in CASES[name]:
            seen = _case(name, binds, stores, values, args)
            large, small = seen["large"], seen["small"]
            line = (f"{name} | {' '.join(binds) or '-'} | {small.shown()} | {large.shown()} | "
                    f"{large.median() / small.median():.1f} | {statistics.median(large.cpu):.2f} | {large.rows}")
            if args.compare:
                line += f" | {seen['other'].shown()}"
            print(line, flush=True)
    print(f"machine after: {machine_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
