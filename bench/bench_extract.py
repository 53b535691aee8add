"""Extraction throughput, scaling and memory, as ratios against baselines measured in the same run.

Run on demand (not a test): ``python bench/bench_extract.py [--size 2000] [--workers 2]``.

Every figure is the wall time of a fresh Python process (imports, model load,
worker start-up and the work itself), so that the build and its baseline pay
the same fixed costs:

* ``bare``: ``spacy.load(model)`` then ``nlp.pipe(texts, batch_size=64, n_process=W)``;
* ``build``: ``ActorGraph.open(dir).add_documents(iter_documents([corpus.jsonl]))`` with
  ``--workers W`` (extraction + RDF mapping + the on-disk store), streamed from the file;
* ``dask``: the same build through ``--dask local`` (a LocalCluster of W processes).

Peak memory is the largest sum of RSS over the build's process tree (parent and
workers), sampled every 0.2 s, for the corpus and for half of it: flat means the
build streams.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write_jsonl  # noqa: E402  (bench/ is not a package)

__all__ = ["main", "run_measured"]

BARE = """
import json, sys, spacy
from graph.nlp.pipeline import pick_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(pick_model(None))
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""
BUILD = """
import sys
from graph.api import ActorGraph
from graph.config import Settings
from graph.ingest import iter_documents
from graph.parallel import make_extractor
settings = Settings()
dask = sys.argv[4] if len(sys.argv) > 4 else None
extractor = make_extractor(settings, workers=int(sys.argv[3]), dask=dask)
graph = ActorGraph.open(sys.argv[2], settings=settings, extractor=extractor)
stats = graph.add_documents(iter_documents([sys.argv[1]]))
print(stats.extracted, stats.claims, stats.edges, len(graph.store))
"""


def run_measured(code: str, *args: str) -> tuple[float, int, str]:
    """(seconds, peak RSS in bytes of the process tree, stdout) of ``python -c code args``."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent), PYTHONWARNINGS="ignore")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"benchmark step failed:\n{err[-3000:]}")
    return elapsed, peak, out.strip()


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, run every step, print the figures and their ratios."""
    parser = argparse.ArgumentParser(description="actorgraph extraction benchmark")
    parser.add_argument("--size", type=int, default=2000, help="articles in the corpus (2000 is about 1M words)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the bare and build runs")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask local cluster run")
    args = parser.parse_args(argv)
    w = args.workers
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus, half = tmp_path / "corpus.jsonl", tmp_path / "half.jsonl"
        words = write_jsonl(corpus, args.size)
        half_words = write_jsonl(half, args.size // 2)
        print(f"machine: {platform.processor() or platform.machine()}, {psutil.cpu_count()} cores, "
              f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}, "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"corpus: {args.size} articles, {words:,} words (half: {half_words:,})\n")
        results: dict[str, tuple[float, int]] = {}

        def step(name: str, code: str, *step_args: str, n_words: int = words) -> None:
            seconds, peak, out = run_measured(code, *step_args)
            results[name] = (n_words / seconds, peak)
            print(f"{name:<28} {seconds:7.1f} s  {n_words / seconds:8,.0f} words/s  peak RSS {peak / 2**20:7,.0f} MiB"
                  + (f"  ({out})" if out else ""), flush=True)

        step(f"bare nlp.pipe n_process={w}", BARE, str(corpus), str(w))
        step(f"build --workers {w}", BUILD, str(corpus), str(tmp_path / "s1"), str(w))
        step("build --workers 1", BUILD, str(corpus), str(tmp_path / "s2"), "1")
        step(f"build --workers {w} (half)", BUILD, str(half), str(tmp_path / "s3"), str(w), n_words=half_words)
        if not args.no_dask:
            step(f"build --dask local ({w})", BUILD, str(corpus), str(tmp_path / "s4"), str(w), "local")
        bare = results[f"bare nlp.pipe n_process={w}"][0]
        build, peak_full = results[f"build --workers {w}"]
        one = results["build --workers 1"][0]
        peak_half = results[f"build --workers {w} (half)"][1]
        print("\nratios")
        print(f"  build / bare spaCy, {w} processes      {build / bare:5.2f}   (target >= 0.75)")
        print(f"  --workers {w} / --workers 1            {build / one:5.2f}")
        if not args.no_dask:
            print(f"  dask local / --workers {w}             {results[f'build --dask local ({w})'][0] / build:5.2f}")
        print(f"  peak RSS, full / half corpus         {peak_full / peak_half:5.2f}   (flat: about 1)")
        print(json.dumps({k: {"words_per_s": round(v[0]), "peak_rss_mib": round(v[1] / 2**20)}
                          for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
