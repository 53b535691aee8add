"""A build as users run it against bare spaCy, alternated, as ratios measured in the same run.

Run on demand (not a test): ``python bench/bench_extract.py [--size 200] [--workers 2] [--repeat 3]
[--compare OTHER_CHECKOUT]``.

Every figure is the wall time of a fresh process (imports, model load, worker
start-up and the work itself), so that the build and its baseline pay the same
fixed costs. The two commands run alternately ``--repeat`` times, each pair
back to back, so that the machine's drift (it is shared) falls on both alike:

* ``bare``: ``spacy.load(model)`` then ``nlp.pipe(texts, batch_size=64, n_process=W)``, the same
  model the build loads, without the actor ruler or anything of actorgraph;
* ``build``: ``python -m graph.cli build corpus.jsonl --out DIR --workers W``, the README's command
  (SHACL validation, ``graph.trig`` and ``graph.html`` included) into a fresh folder;
* with ``--compare OTHER``: the same command run from another checkout (say ``git archive`` of an
  older commit unpacked in a folder), in the same rounds: before/after figures of the same minutes.

Each round runs its commands in a rotated order (bare, build, other; then build, other, bare ...), so
that no command always runs first. Beside wall time each figure gives the CPU seconds of the command's
processes (user + system, of every process it waited for): on a machine other jobs load, wall time
measures the queue as much as the work, CPU time the work.

Peak memory is the largest sum of RSS over the build's process tree (parent and
workers), sampled every 0.2 s, for the corpus and for half of it: flat means the
build streams. ``--dask`` adds a build through ``--dask local``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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

#: CPU seconds (user + system) of the processes the last :func:`run_measured` command waited for
LAST_CPU = 0.0

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


def run_measured(command: list[str], checkout: Path = HERE.parent) -> tuple[float, int, str]:
    """(seconds, peak RSS in bytes of the process tree, stdout) of one command run from ``checkout``
    (this one by default). The CPU seconds it took are left in :data:`LAST_CPU`."""
    global LAST_CPU
    env = dict(os.environ, PYTHONPATH=str(checkout), PYTHONWARNINGS="ignore")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
                            cwd=checkout)
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
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
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


def _rounds(corpus: Path, tmp: Path, args: argparse.Namespace, words: int) -> dict[str, list[tuple[float, float, int]]]:
    """Run the alternated rounds; (wall s, CPU s, peak RSS) of each command, by name."""
    w = args.workers
    steps = [("bare", lambda i: ([sys.executable, "-c", BARE, str(corpus), str(w)], HERE.parent)),
             ("build", lambda i: (build_command(corpus, tmp / f"out{i}", w), HERE.parent))]
    if args.compare is not None:
        steps.append(("other", lambda i: (build_command(corpus, tmp / f"other{i}", w), args.compare)))
    seen: dict[str, list[tuple[float, float, int]]] = {name: [] for name, _ in steps}
    for i in range(args.repeat):
        said = {}
        for name, make in steps[i % len(steps):] + steps[:i % len(steps)]:
            command, checkout = make(i)
            took, peak, said[name] = run_measured(command, checkout)
            seen[name].append((took, LAST_CPU, peak))
        for name in ("build", "other"):
            shutil.rmtree(tmp / (f"out{i}" if name == "build" else f"other{i}"), ignore_errors=True)
        bare = seen["bare"][-1]
        line = f"round {i + 1}: bare {bare[0]:6.1f} s (CPU {bare[1]:5.1f} s)"
        for name in [n for n in ("build", "other") if n in seen]:
            took, cpu, peak = seen[name][-1]
            line += (f"   {name} {took:6.1f} s (CPU {cpu:5.1f} s, peak RSS {peak / 2**20:,.0f} MiB): "
                     f"{name}/bare words/s {bare[0] / took:4.2f}, by CPU {bare[1] / cpu:4.2f}")
        print(f"{line}   load {os.getloadavg()[0]:.1f}   [{said['build']}]", flush=True)
    return seen


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, alternate bare spaCy and the build, print medians and their ratios."""
    parser = argparse.ArgumentParser(description="actorgraph build vs bare spaCy")
    parser.add_argument("--size", type=int, default=200, help="articles in the corpus (200 is about 100k words)")
    parser.add_argument("--workers", type=int, default=2, help="processes of both the bare run and the build")
    parser.add_argument("--repeat", type=int, default=3, help="alternated rounds (bare, build[, other])")
    parser.add_argument("--no-memory", action="store_true", help="skip the half-corpus run for peak RSS")
    parser.add_argument("--dask", action="store_true", help="also time a build through --dask local")
    parser.add_argument("--compare", type=Path, default=None, metavar="CHECKOUT",
                        help="also time the build of another checkout (e.g. an older commit) in the same rounds")
    args = parser.parse_args(argv)
    w = args.workers
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus, half = tmp_path / "corpus.jsonl", tmp_path / "half.jsonl"
        words = write_jsonl(corpus, args.size)
        print(machine_line())
        print(f"corpus: {args.size} articles, {words:,} words; {w} processes; {args.repeat} alternated rounds"
              + (f"; other checkout: {args.compare}" if args.compare else "") + "\n")
        seen = _rounds(corpus, tmp_path, args, words)
        bare_s = [r[0] for r in seen["bare"]]
        figures = {"bare_s": statistics.median(bare_s), "build_s": statistics.median(r[0] for r in seen["build"]),
                   "ratio_median": statistics.median(b[0] / r[0] for b, r in zip(seen["bare"], seen["build"])),
                   "cpu_ratio_median": statistics.median(b[1] / r[1] for b, r in zip(seen["bare"], seen["build"])),
                   "peak_full_mib": statistics.median(r[2] for r in seen["build"]) / 2**20}
        if "other" in seen:
            figures["other_ratio_median"] = statistics.median(b[0] / r[0] for b, r in zip(seen["bare"], seen["other"]))
            figures["other_cpu_ratio_median"] = statistics.median(b[1] / r[1] for b, r in zip(seen["bare"], seen["other"]))
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
        print(f"  build / bare, words per second (median of the rounds): {figures['ratio_median']:.2f}   (target >= 0.9); "
              f"by CPU seconds: {figures['cpu_ratio_median']:.2f}")
        if "other" in seen:
            print(f"  other checkout's build / bare: {figures['other_ratio_median']:.2f}; by CPU seconds: "
                  f"{figures['other_cpu_ratio_median']:.2f}")
        if "peak_half_mib" in figures:
            print(f"  peak RSS, full / half corpus: {figures['peak_full_mib'] / figures['peak_half_mib']:.2f}   "
                  "(flat: about 1)")
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
