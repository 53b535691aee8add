"""Faults around a build: bad inputs through the CLI, huge articles, read-only and full disks,
two builds at once, and actor dictionaries that are not Turtle.

The promise tested here: a build either finishes or stops with one line
``actorgraph: error: ...`` and leaves what the store held before untouched;
with ``--skip-bad`` it warns per bad input, says how many it skipped and goes on.
(Reader-level bad inputs are in tests/test_ingest.py, a SIGKILL mid-build in
tests/test_store.py, a remote server that is down or answers 500 in tests/test_remote.py.)
"""
from __future__ import annotations

import dataclasses
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

from graph.api import ActorGraph
from graph.extract import Extractor, chunks
from graph.models import Document
from graph.namespaces import DOCUMENTS_GRAPH

pytestmark = pytest.mark.slow  # builds in fresh processes, 5 MB articles, filled and read-only disks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HAMA = ("Syrian opposition fighters led by Hayat Tahrir al-Sham pushed into the central city of Hama on Thursday "
        "after days of fighting with government forces, a war monitor said.")
TEHRAN = "Iran has sent military advisers to support Assad's forces, two regional officials said."
PARAGRAPHS = (
    "Russian warplanes struck rebel positions in Idlib province overnight, state media said.",
    "Turkey backs the Syrian National Army, which fought Kurdish-led forces near Manbij on Sunday.",
    "Hezbollah fighters withdrew from Qusayr on Monday, a war monitor said, as rebels advanced on Homs.",
    "The United States backs the Syrian Democratic Forces in the fight against the Islamic State group.",
)
# A 700-byte RDF/XML document whose entities expand to gigabytes: rdflib's RDF/XML parser
# spins on it for minutes (rdflib PR #3440). Passed as --actors it must fail at once.
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "lol"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"> <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"> <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"> <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <rdf:Description rdf:about="https://example.org/a/lol"><skos:prefLabel>&i;</skos:prefLabel></rdf:Description>
</rdf:RDF>
"""


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], check=False, capture_output=True, text=True, cwd=ROOT,
                          input=stdin, timeout=300)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def quads(store_dir: Path) -> set:
    return set(Store.read_only(str(store_dir)))


def one_error_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("actorgraph: error: "), result.stderr
    return lines[0]


def whole_documents(store_dir: Path) -> None:
    """Every document has both its metadata and its graph, or neither."""
    store = Store.read_only(str(store_dir))
    meta = {q.subject.value for q in store.quads_for_pattern(None, None, None, NamedNode(DOCUMENTS_GRAPH))}
    graphs = {g.value for g in store.named_graphs() if "/id/doc/" in g.value}
    assert meta == graphs


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """A store built from one article, the state later failing builds must leave untouched."""
    out = tmp_path_factory.mktemp("first") / "out"
    article = write(out.parent / "in" / "hama.txt", HAMA)
    result = cli("build", str(article), "--out", str(out), "--quiet", "--no-validate")
    assert result.returncode == 0, result.stderr
    return out


# ---- bad inputs through the CLI -------------------------------------------------------------------
BAD_INPUTS = {
    "empty-file": lambda d: write(d / "empty.txt", ""),
    "binary-file": lambda d: write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "malformed-json-line": lambda d: write(d / "news.jsonl", json.dumps({"text": TEHRAN}) + '\n{"text": "Hama", \n'),
    "json-without-text": lambda d: write(d / "notext.jsonl", json.dumps({"body": HAMA}) + "\n"),
    "unparseable-date": lambda d: write(d / "dated.jsonl", json.dumps({"text": TEHRAN, "published": "soonish?"})),
    "missing-path": lambda d: d / "nope.txt",
    "html-only-scripts": lambda d: write(d / "page.html", "<html><body><script>render()</script></body></html>"),
    "not-a-feed": lambda d: write(d / "wire.rss", "Rebels entered Hama. This is not XML."),
    "folder-without-articles": lambda d: write(d / "no-articles" / "notes.md", "nothing").parent,
}


def test_faults_skip_bad_warns_per_input_counts_them_and_builds_the_rest(tmp_path):
    bad = [str(make(tmp_path / "in")) for make in BAD_INPUTS.values()]
    good = write(tmp_path / "in" / "good.txt", HAMA)
    result = cli("build", bad[0], str(good), *bad[1:], "--out", str(tmp_path / "out"), "--skip-bad", "--quiet",
                 "--no-validate")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("actorgraph: warning: ")]
    # one warning per bad input; the good line before the malformed one is still read
    for path in bad:
        assert sum(path in line for line in warnings) == 1, (path, warnings)
    assert warnings[-1] == f"actorgraph: warning: skipped {len(bad)} bad inputs (--skip-bad); see the warnings above"
    assert result.stdout.startswith("2 documents (2 extracted, 0 unchanged)"), result.stdout
    assert len(quads(tmp_path / "out" / "store")) > 0


@pytest.mark.parametrize("bad", [pytest.param(BAD_INPUTS[name], id=name) for name in (
    "malformed-json-line", "unparseable-date", "missing-path", "binary-file", "not-a-feed")])
def test_faults_bad_input_without_skip_bad_fails_and_writes_nothing(first_build, tmp_path, bad):
    """The bad input comes after a good new article: a streaming build would have written that one."""
    before, trig = quads(first_build / "store"), (first_build / "graph.trig").read_bytes()
    good = write(tmp_path / "in" / "tehran.txt", TEHRAN)
    target = bad(tmp_path / "in")
    result = cli("build", str(good), str(target), "--out", str(first_build), "--quiet", "--no-validate")
    assert result.returncode == 2
    assert one_error_line(result).startswith(f"actorgraph: error: {target}")
    assert quads(first_build / "store") == before
    assert (first_build / "graph.trig").read_bytes() == trig


def test_faults_bad_line_on_stdin_fails_and_writes_nothing(first_build):
    before = quads(first_build / "store")
    lines = "".join(json.dumps({"text": f"{TEHRAN} Report {n}."}) + "\n" for n in range(3)) + "[1, 2]\n"
    result = cli("build", "-", "--out", str(first_build), "--quiet", "--no-validate", stdin=lines)
    assert result.returncode == 2
    assert one_error_line(result) == "actorgraph: error: <stdin>:4: JSON line is not an object (got an array)"
    assert quads(first_build / "store") == before


def test_faults_stdin_is_read_once_into_the_spool_the_build_reads(tmp_path):
    """Standard input cannot be read twice: the check keeps what it read, and the build reads that."""
    lines = json.dumps({"text": HAMA, "id": "a"}) + "\n" + json.dumps({"text": TEHRAN, "id": "b"}) + "\n"
    result = cli("build", "-", "--out", str(tmp_path / "out"), "--quiet", "--no-validate", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 documents (2 extracted")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see when the build holds the store")
def test_faults_line_appended_during_the_build_changes_nothing(tmp_path):
    """A malformed line appended to a .jsonl once the build has started used to stop it half-way
    (exit 2, the documents before it stored): the build now reads what it checked, not the file again."""
    corpus = write(tmp_path / "news.jsonl", "".join(json.dumps({"text": f"{TEHRAN} Report {n}.", "id": f"r{n}"}) + "\n"
                                                    for n in range(300)))
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(corpus), "--out", str(out), "--quiet",
                              "--no-validate", "--workers", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _holds(build.pid, out / "store" / "LOCK") and time.monotonic() < deadline:
            assert build.poll() is None, build.communicate()
            time.sleep(0.02)
        with corpus.open("a", encoding="utf-8") as stream:
            stream.write('{"text": "Rebels entered Homs", \n')
        stdout, stderr = build.communicate(timeout=600)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == 0, stderr
    assert stdout.startswith("300 documents (300 extracted, 0 unchanged)"), stdout
    whole_documents(out / "store")


# ---- a huge article ---------------------------------------------------------------------------------
def long_article(size: int) -> str:
    """Realistic paragraphs, each a little different, repeated up to ``size`` characters."""
    paragraphs, n = [], 0
    while sum(map(len, paragraphs)) < size:
        paragraphs.append(f"{PARAGRAPHS[n % len(PARAGRAPHS)]} Update {n}.\n\n")
        n += 1
    return "".join(paragraphs)


def test_faults_five_megabyte_article_is_cut_below_spacy_max_length(extractor):
    text = long_article(5_000_000)
    pieces = list(chunks(text, extractor.settings.max_chunk_chars))
    assert len(text) > extractor.nlp.max_length  # what spaCy alone refuses with E088
    assert "".join(p for _, p in pieces) == text
    assert max(len(p) for _, p in pieces) <= extractor.settings.max_chunk_chars < extractor.nlp.max_length
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])  # cut between paragraphs


def test_faults_article_over_max_length_is_extracted_in_pieces(extractor, monkeypatch):
    """300 KB against a pipeline that refuses over 20,000 characters: the same E088 a 5 MB
    article meets at spaCy's default max_length, at a size that runs in seconds."""
    monkeypatch.setattr(extractor.nlp, "max_length", 20_001)
    small = Extractor(dataclasses.replace(extractor.settings, max_chunk_chars=20_000), extractor.dictionary)
    small.nlp = extractor.nlp
    text = long_article(300_000)
    graph = ActorGraph(settings=small.settings, extractor=small)
    found: list = []
    started = time.monotonic()
    stats = graph.add_documents([Document(text=text, id="long")], on_claims=lambda _d, claims: found.extend(claims))
    assert time.monotonic() - started < 120
    assert stats.extracted == 1 and stats.edges > 1000
    assert max(c.char_start for c in found) > len(text) - 1000  # the last paragraphs were read too
    for claim in found[::97]:
        assert " ".join(text[claim.char_start:claim.char_end].split()) == " ".join(claim.sentence.split())


# ---- disks that refuse writes ---------------------------------------------------------------------------
def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=False,
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


@pytest.fixture
def tmpfs(tmp_path) -> Iterator[Path]:
    """A small tmpfs of its own (root only; skipped elsewhere), unmounted afterwards."""
    folder = tmp_path / "disk"
    _mount_tmpfs(folder, "8m")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_faults_read_only_store_folder_is_one_clear_error_and_no_write(tmpfs, tmp_path):
    out = tmpfs / "out"
    assert cli("build", str(write(tmp_path / "a.txt", HAMA)), "--out", str(out), "--quiet", "--no-validate").returncode == 0
    before, trig = quads(out / "store"), (out / "graph.trig").read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = cli("build", str(write(tmp_path / "b.txt", TEHRAN)), "--out", str(out), "--quiet", "--no-validate")
    assert result.returncode == 2
    line = one_error_line(result)
    assert line.startswith(f"actorgraph: error: {out / 'store'}: ") and "Read-only file system" in line
    assert quads(out / "store") == before and (out / "graph.trig").read_bytes() == trig


def test_faults_full_disk_is_one_clear_error_and_documents_stay_whole(tmpfs, tmp_path):
    out = tmpfs / "out"
    assert cli("build", str(write(tmp_path / "a.txt", HAMA)), "--out", str(out), "--quiet", "--no-validate").returncode == 0
    before = quads(out / "store")
    filler = tmpfs / "filler"
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    write(filler, b"\0" * max(0, free - 64 * 1024))  # leave 64 KiB: less than one more batch needs
    articles = [write(tmp_path / "more" / f"{n}.txt", f"{PARAGRAPHS[n % 4]} Report {n}.\n\n" * 40) for n in range(12)]
    result = cli("build", *map(str, articles), "--out", str(out), "--quiet", "--no-validate", "--workers", "0")
    assert result.returncode != 0
    assert "No space left on device" in one_error_line(result)
    filler.unlink()
    assert before <= quads(out / "store")
    whole_documents(out / "store")
    assert not list(out.glob("*.tmp"))


# ---- two builds at once ---------------------------------------------------------------------------------
def _holds(pid: int, path: Path) -> bool:
    try:
        return any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == os.path.realpath(path) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see when the first build holds the store")
def test_faults_second_build_on_the_same_store_fails_clearly_and_harms_nothing(tmp_path):
    """The first build reads JSON lines from a pipe kept open, so it holds the store while the second tries."""
    out = tmp_path / "out"
    lines = [json.dumps({"text": f"{HAMA} {TEHRAN} Report {n}.", "id": str(n)}) + "\n" for n in range(6)]
    first = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", "-", "--out", str(out), "--quiet",
                              "--no-validate", "--workers", "0", "--skip-bad"], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first.stdin.write("".join(lines[:3]))
        first.stdin.flush()
        deadline = time.monotonic() + 60
        while not _holds(first.pid, out / "store" / "LOCK") and time.monotonic() < deadline:
            assert first.poll() is None, first.communicate()
            time.sleep(0.05)
        second = cli("build", str(write(tmp_path / "b.txt", TEHRAN)), "--out", str(out), "--quiet", "--no-validate")
        assert first.poll() is None
        assert second.returncode == 2
        assert one_error_line(second) == (f"actorgraph: error: {out / 'store'}: the store is in use by another "
                                          "process (a build or a server); wait for it to finish or stop it")
        stdout, stderr = first.communicate("".join(lines[3:]), timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, stderr
    assert stdout.startswith("6 documents (6 extracted")
    reference = tmp_path / "reference"
    assert cli("build", "-", "--out", str(reference), "--quiet", "--no-validate", stdin="".join(lines)).returncode == 0
    assert quads(out / "store") == quads(reference / "store")


# ---- actor dictionaries are Turtle only -------------------------------------------------------------------
def test_faults_rdf_xml_billion_laughs_as_actors_fails_fast(tmp_path):
    bomb = write(tmp_path / "actors.rdf", BILLION_LAUGHS)
    started = time.monotonic()
    result = cli("build", str(EXAMPLES / "doc01.txt"), "--out", str(tmp_path / "out"), "--actors", str(bomb))
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert one_error_line(result).startswith(f"actorgraph: error: {bomb}: not a usable Turtle actor dictionary")
    assert not (tmp_path / "out").exists()


def test_faults_bad_actor_dictionary_fails_before_worker_processes_start(tmp_path):
    """With worker processes a dictionary error used to surface as 'a worker failed to start'."""
    bad = write(tmp_path / "mine.ttl", "this is not turtle {")
    result = cli("build", str(EXAMPLES / "doc01.txt"), "--out", str(tmp_path / "out"), "--actors", str(bad),
                 "--workers", "2")
    assert result.returncode == 2
    assert one_error_line(result).startswith(f"actorgraph: error: {bad}: not a usable Turtle actor dictionary")


# ---- worker processes that cannot start ------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (from every one of its threads)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _kill_first_worker(process: subprocess.Popen) -> bool:
    """SIGKILL the first extraction worker ``process`` spawns, as soon as it appears; False if none did."""
    while process.poll() is None:
        for child in _children(process.pid):
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline:
                os.kill(child, signal.SIGKILL)
                return True
        time.sleep(0.0005)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the worker processes")
def test_faults_worker_killed_while_starting_fails_the_build_in_one_line(tmp_path):
    """A worker killed before it was ready: the build used to print a traceback, or, with this many
    inputs, hang for ever (the worker's start-up task carried sys.argv, larger than a pipe holds, and
    CPython writes it while holding the pipe's read end itself). Now: one line and exit 1."""
    inputs = [str(write(tmp_path / "in" / f"article-{n:04d}-from-the-wire-service.txt", f"{HAMA} Report {n}."))
              for n in range(1500)]
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", *inputs, "--out", str(out), "--workers", "2",
                                "--quiet", "--no-validate"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert _kill_first_worker(process), "no worker process was seen"
        stdout, stderr = process.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        pytest.fail("the build did not end within 240 s of its worker being killed")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 1, stderr[-2000:]
    line = one_error_line(subprocess.CompletedProcess([], 1, stdout, stderr))
    assert line == "actorgraph: error: extraction workers failed to start: a worker was killed by signal 9 (SIGKILL)"
    assert stdout == ""
    assert not (out / "graph.trig").exists()


@pytest.mark.slow
def test_faults_workers_without_their_model_fail_the_build_in_one_line(tmp_path):
    """The workers load the model; one that is not installed used to end in two tracebacks."""
    corpus = write(tmp_path / "news.jsonl", "".join(json.dumps({"text": f"{HAMA} {n}"}) + "\n" for n in range(3)))
    result = cli("build", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2", "--model", "no_such_model",
                 "--quiet")
    assert result.returncode == 1
    assert one_error_line(result).startswith("actorgraph: error: extraction workers failed to start: "
                                             "ModelNotFound: spaCy model 'no_such_model' is not installed")
    assert not (tmp_path / "out" / "graph.trig").exists()


# ---- pathological text ---------------------------------------------------------------------------------
DEEP_SENTENCE = "Russia backs the Syrian government and " + "fighters of the army and " * 1000 + "Iran."


@pytest.mark.slow
def test_faults_sentence_of_five_thousand_tokens_builds_without_a_traceback(tmp_path):
    """A 25 KB sentence of 5,000 tokens used to end the build with a 2,400-line RecursionError traceback.
    The argument walks are bounded now; a document that still failed would be skipped with one warning
    (tests/test_parallel.py shows that for each way of extracting)."""
    deep, good = write(tmp_path / "in" / "deep.txt", DEEP_SENTENCE), write(tmp_path / "in" / "hama.txt", HAMA)
    result = cli("build", str(deep), str(good), "--out", str(tmp_path / "out"), "--quiet", "--no-validate",
                 "--workers", "0")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 1, result.stderr[-2000:]
    assert result.stdout.startswith("2 documents (2 extracted, 0 unchanged)"), result.stdout


# ---- bounded memory ------------------------------------------------------------------------------------
def _gzip_of(path: Path, block: bytes, times: int) -> Path:
    """A gzip file that inflates to ``block * times``: one small member, repeated (gzip allows many)."""
    member = gzip.compress(block, compresslevel=9)
    with path.open("wb") as out:
        for _ in range(times):
            out.write(member)
    return path


def _build_peak(*args: str) -> tuple[subprocess.CompletedProcess, int]:
    """Run a build in a child of a fresh interpreter, so that its peak RSS (bytes) is the only one measured."""
    probe = ("import json, resource, subprocess, sys; "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(json.dumps([r.returncode, r.stdout, r.stderr, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024]))")
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "graph.cli", "build", *args],
                          check=True, capture_output=True, text=True, cwd=ROOT, timeout=600)
    code, out, err, peak = json.loads(done.stdout)
    return subprocess.CompletedProcess(args, code, out, err), peak


MEMORY_CEILING = (3 << 29) + (600 << 20)  # 1.5 GiB, plus the interpreter, spaCy and the model (~600 MB)
MEMORY_INPUTS = {
    "five-gib-of-nul-bytes-gzipped": (lambda d: _gzip_of(d / "nul.jsonl.gz", b"\0" * (64 << 20), 80), 2,
                                      "binary file (NUL bytes), not UTF-8 text"),
    "twenty-mb-article-one-paragraph": (lambda d: write(d / "long.txt", (HAMA + " ") * 130_000), 2,
                                        "file is over 5,000,000 bytes, the limit for one article "
                                        "(--max-doc-bytes to raise it)"),
    "one-article-and-100-mib-of-blank-lines": (
        lambda d: write(d / "blank.jsonl.gz", gzip.compress(json.dumps({"text": HAMA}).encode() + b"\n" * (100 << 20), 9)),
        0, None),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(MEMORY_INPUTS), ids=list(MEMORY_INPUTS))
def test_faults_peak_memory_of_a_build_stays_bounded(tmp_path, name):
    """Inputs that used to pass 3 GiB (the first two) or run for minutes (the third)."""
    make, code, problem = MEMORY_INPUTS[name]
    source = make(tmp_path)
    started = time.monotonic()
    result, peak = _build_peak(str(source), "--out", str(tmp_path / "out"), "--quiet", "--no-validate", "--workers", "0")
    assert time.monotonic() - started < 300
    assert result.returncode == code, result.stderr[-2000:]
    if problem is None:
        assert result.stdout.startswith("1 documents (1 extracted"), result.stdout
    else:
        assert one_error_line(result) == f"actorgraph: error: {source}: {problem}"
    assert peak < MEMORY_CEILING, f"peak RSS {peak / 2**20:.0f} MiB"
