"""Reading the bundled actor dictionary (every build's start): pyoxigraph against rdflib, alternated.

Run on demand (not a test): ``python bench/bench_dictionary.py [--repeat 5]``.

Three figures, each the median of ``--repeat`` rounds in one process, the steps of a round run back to
back so that the shared machine's drift falls on all alike:

* ``rdflib``: ``rdflib.Graph().parse`` of every ``ontology/actors/*.ttl`` (how the dictionary was read
  before: the parse alone, without building the dictionary from the graph);
* ``pyoxigraph``: ``graph.actors.Statements.parse`` of the same files (what ``ActorDictionary`` reads now);
* ``dictionary``: ``ActorDictionary.bundled()``, the whole load (parse, names folded, indexes built).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from graph.actors import ActorDictionary, Statements, bundled_files  # noqa: E402  (bench/ is not a package)
from graph.lexicon import default_lexicon  # noqa: E402


def _rdflib() -> None:
    graph = rdflib.Graph()
    for path in bundled_files():
        graph.parse(path, format="turtle")


def _pyoxigraph() -> None:
    statements = Statements()
    for path in bundled_files():
        statements.parse(path, str(path))


def _dictionary() -> None:
    ActorDictionary.bundled()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    default_lexicon()  # read once, as a build does before the dictionary
    steps = {"rdflib": _rdflib, "pyoxigraph": _pyoxigraph, "dictionary": _dictionary}
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.repeat):
        for name, step in steps.items():
            started = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - started)
    median = {name: statistics.median(t) for name, t in times.items()}
    print(f"{len(bundled_files())} files, {len(ActorDictionary.bundled())} actors, median of {args.repeat}:")
    for name, seconds in median.items():
        print(f"  {name:<11} {seconds:.3f} s")
    print(f"  rdflib / pyoxigraph parse: {median['rdflib'] / median['pyoxigraph']:.1f}x")


if __name__ == "__main__":
    main()
