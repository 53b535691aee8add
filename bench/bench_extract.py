"""A build as users run it against bare spaCy, alternated, as ratios measured in the same run.

Run on demand (not a test): ``python bench/bench_extract.py [--size 200] [--workers 2] [--repeat 3]``.

Every figure is the wall time of a fresh process (imports, model load, worker
start-up and the work itself), so that the build and its baseline pay the same
fixed costs. The two commands run alternately ``--repeat`` times, each pair
back to back, so that the machine's drift (it is shared) falls on both alike:

* ``bare``: ``spacy.load(model)`` then ``nlp.pipe(texts, batch_size=64, n_process=W)``, the same
  model the build loads, without the actor ruler or anything of actorgraph;
* ``build``: ``python -m graph.cli build corpus.jsonl --out DIR --workers W``, the README's command
  (SHACL validation, ``graph.trig`` and ``graph.html`` included) into a fresh folder.

Peak memory is the largest sum of RSS over the build's process tree (parent and
workers), sampled every 0.2 s, for the corpus and for half of it: flat means the
build streams. ``--dask`` adds a build through ``--dask local``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
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

__all__ = ["main", "run_measured", "build_command", "BARE"]

BARE = """
import json, sys, spacy
from graph.nlp.pipeline import pick_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(pick_model(None))
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""


def build_command(inputs: Path, out: Path, workers: int, *extra: str) -> list[str]:
    """``actorgraph build INPUT --out OUT --workers W`` as the README runs it (``python -m graph.cli``)."""
    return [sys.executable, "-m", "graph.cli", "build", str(inputs), "--out", str(out), "--workers", str(workers),
            *extra]


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """(seconds, peak RSS in bytes of the process tree, stdout) of one command run from the checkout."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent), PYTHONWARNINGS="ignore")
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
                            cwd=HERE.parent)
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
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{err[-3000:]}")
    return elapsed, peak, out.strip()


def machine_line() -> str:
    """The machine and its load, printed with every run (the figures only mean something beside it)."""
    return (f"machine: {platform.processor() or platform.machine()}, {psutil.cpu_count()} cores, "
            f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}, "
            f"load average now: {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, alternate bare spaCy and the build, print medians and their ratios."""
    parser = argparse.ArgumentParser(description="actorgraph build vs bare spaCy")
    parser.add_argument("--size", type=int, default=200, help="articles in the corpus (200 is about 100k words)")
    parser.add_argument("--workers", type=int, default=2, help="processes of both the bare run and the build")
    parser.add_argument("--repeat", type=int, default=3, help="alternated pairs (bare, build)")
    parser.add_argument("--no-memory", action="store_true", help="skip the half-corpus run for peak RSS")
    parser.add_argument("--dask", action="store_true", help="also time a build through --dask local")
    args = parser.parse_args(argv)
    w = args.workers
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus, half = tmp_path / "corpus.jsonl", tmp_path / "half.jsonl"
        words = write_jsonl(corpus, args.size)
        print(machine_line())
        print(f"corpus: {args.size} articles, {words:,} words; {w} processes; {args.repeat} alternated pairs\n")
        bare_s, build_s, ratios, peaks = [], [], [], []
        for i in range(args.repeat):
            seconds, _, _ = run_measured([sys.executable, "-c", BARE, str(corpus), str(w)])
            bare_s.append(seconds)
            out = tmp_path / f"out{i}"
            took, peak, said = run_measured(build_command(corpus, out, w))
            shutil.rmtree(out)
            build_s.append(took)
            peaks.append(peak)
            ratios.append(seconds / took)
            print(f"pair {i + 1}: bare {seconds:6.1f} s ({words / seconds:6,.0f} words/s)   build {took:6.1f} s "
                  f"({words / took:6,.0f} words/s, peak RSS {peak / 2**20:,.0f} MiB)   build/bare words/s "
                  f"{seconds / took:4.2f}   load {os.getloadavg()[0]:.1f}   [{said}]", flush=True)
        figures = {"bare_s": statistics.median(bare_s), "build_s": statistics.median(build_s),
                   "ratio_median": statistics.median(ratios), "peak_full_mib": statistics.median(peaks) / 2**20}
        if not args.no_memory:
            half_words = write_jsonl(half, args.size // 2)
            _, peak_half, _ = run_measured(build_command(half, tmp_path / "half-out", w))
            figures["peak_half_mib"] = peak_half / 2**20
            print(f"half corpus ({half_words:,} words): peak RSS {peak_half / 2**20:,.0f} MiB")
        if args.dask:
            took, _, _ = run_measured(build_command(corpus, tmp_path / "dask-out", w, "--dask", "local"))
            figures["dask_s"] = took
            print(f"build --dask local ({w}): {took:.1f} s")
        print("\nmedians")
        print(f"  bare nlp.pipe n_process={w}: {figures['bare_s']:.1f} s = {words / figures['bare_s']:,.0f} words/s")
        print(f"  actorgraph build --workers {w}: {figures['build_s']:.1f} s = {words / figures['build_s']:,.0f} words/s")
        print(f"  build / bare, words per second (median of the pairs): {figures['ratio_median']:.2f}   (target >= 0.9)")
        if "peak_half_mib" in figures:
            print(f"  peak RSS, full / half corpus: {figures['peak_full_mib'] / figures['peak_half_mib']:.2f}   "
                  "(flat: about 1)")
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
