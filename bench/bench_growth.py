"""What adding a few articles costs as the store grows: into a big store vs into an empty one.

Run on demand (not a test): ``python bench/bench_growth.py [--base-claims 100000] [--add 20] [--repeat 3]``.

The big store is made once, before any timing: ``--base-claims N`` synthetic claims made with
graph.rdf's own functions (``bench_store.synthetic``: 100,000 claims are 1.39 million quads; bulk-loaded,
then compacted as a store that builds wrote is), or
``--base-articles N`` generated articles built by the real command (slow: it extracts them), or
``--base-store DIR/store``, a copy of a store built before. Then
``python -m graph.cli build add.jsonl --out DIR --workers W`` (the README's command: validation,
``graph.trig``, ``graph.html``) runs alternately into a fresh copy of the big store and into an empty
folder, ``--repeat`` times; the ratio of the medians is the cost of the store's size (target <= 1.3).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import bench_extract  # noqa: E402  (bench/ is not a package)
from bench_extract import build_command, machine_line, run_measured  # noqa: E402
from corpus import write_jsonl  # noqa: E402

__all__ = ["main"]


def big_store(folder: Path, *, claims: int, articles: int, workers: int, copy: Path | None = None) -> str:
    """Make the big store in ``folder/store``; returns what it holds, for the printout."""
    if copy is not None:
        shutil.copytree(copy, folder / "store")
        what = f"a copy of {copy}"
    elif articles:
        corpus = folder / "base.jsonl"
        words = write_jsonl(corpus, articles, seed=11)
        run_measured(build_command(corpus, folder, workers, "--no-validate", "--quiet"))
        what = f"{articles} generated articles ({words:,} words)"
    else:
        from bench_store import synthetic

        from graph.store import OxigraphStore

        with OxigraphStore(folder / "store") as store:
            store.bulk_extend(synthetic(claims))
            # Compacted as builds leave a store: Oxigraph's bulk loader writes files that its first
            # ordinary write compacts, whole (9 s of CPU in RocksDB's threads during the first build
            # into a copy of this store, none in a second build, nor after this).
            store.raw.optimize()
        what = f"{claims:,} synthetic claims, compacted"
    from graph.store import OxigraphStore

    with OxigraphStore(folder / "store", read_only=True) as store:
        return f"{what}, {len(store):,} quads"


def main(argv: list[str] | None = None) -> int:
    """Build the big store, alternate the two builds, print the medians and their ratio."""
    parser = argparse.ArgumentParser(description="cost of adding articles to a big store vs an empty one")
    parser.add_argument("--base-claims", type=int, default=100_000, help="synthetic claims in the big store")
    parser.add_argument("--base-articles", type=int, default=0, help="instead: generated articles, built for real")
    parser.add_argument("--base-store", type=Path, help="instead: a copy of this store folder (e.g. OUT/store)")
    parser.add_argument("--add", type=int, default=20, help="articles added by each timed build")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="actorgraph-growth-") as tmp:
        tmp_path = Path(tmp)
        base = tmp_path / "base"
        started = time.perf_counter()
        held = big_store(base, claims=args.base_claims, articles=args.base_articles, workers=args.workers,
                         copy=args.base_store)
        add = tmp_path / "add.jsonl"
        words = write_jsonl(add, args.add, seed=23)
        print(machine_line())
        print(f"big store: {held} (made in {time.perf_counter() - started:.0f} s); each build adds {args.add} "
              f"articles ({words:,} words), --workers {args.workers}\n")
        big_s, empty_s, big_cpu, empty_cpu = [], [], [], []
        for i in range(args.repeat):
            order = ("big", "empty") if i % 2 == 0 else ("empty", "big")
            for which in order:
                out = tmp_path / which
                if which == "big":
                    shutil.copytree(base / "store", out / "store")
                took, _, said = run_measured(build_command(add, out, args.workers, "--quiet"))
                (big_s if which == "big" else empty_s).append(took)
                (big_cpu if which == "big" else empty_cpu).append(bench_extract.LAST_CPU)
                print(f"run {i + 1} {which:<5} {took:6.1f} s, CPU {bench_extract.LAST_CPU:6.1f} s   "
                      f"[{said.splitlines()[-1] if said else ''}]", flush=True)
                shutil.rmtree(out)
        big, empty = statistics.median(big_s), statistics.median(empty_s)
        cpu = statistics.median(big_cpu) / statistics.median(empty_cpu)
        print(f"\nmedians: into the big store {big:.1f} s, into an empty one {empty:.1f} s")
        print(f"big / empty: {big / empty:.2f}   (target <= 1.3); by CPU seconds of every process: {cpu:.2f}")
        print(json.dumps({"big_s": round(big, 2), "empty_s": round(empty, 2), "ratio": round(big / empty, 2),
                          "cpu_ratio": round(cpu, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
