"""Worker processes and Dask give the same claims and the same quads as extraction in-process."""
from __future__ import annotations

import dataclasses
import math
import multiprocessing
import sys
import time

import pytest
from pyoxigraph import RdfFormat, Store

from graph.api import ActorGraph
from graph.cli import main
from graph.models import Document
from graph.parallel import (
    DaskExtractor,
    InProcessExtractor,
    ProcessExtractor,
    make_extractor,
)

# A document whose extraction raises: made in Python with its date as a string, which the date
# arithmetic of a relative date ("on Thursday") refuses. (A 25 KB sentence of 5,000 tokens used to
# raise RecursionError here too, until the argument walks were bounded.)
FAILING = [
    pytest.param(Document("Rebels captured Hama on Thursday, a monitor said.", id="string-date",
                          published="2024-12-05"), id="date-as-a-string"),  # type: ignore[arg-type]
]


def _in_process(extractor, settings, warn):
    found = InProcessExtractor(settings, extractor.dictionary, warn=warn)
    found.nlp = extractor.nlp  # the session's pipeline: loading another would cost seconds
    return found


EXTRACTORS = [
    pytest.param(_in_process, id="in-process"),
    pytest.param(lambda _e, settings, warn: ProcessExtractor(settings, workers=1, warn=warn), id="worker-process"),
    pytest.param(lambda _e, settings, warn: DaskExtractor(settings, "local", workers=1, processes=False, warn=warn),
                 id="dask"),
]


def _quads(graph: ActorGraph) -> list[str]:
    return sorted(graph.store.raw.dump(format=RdfFormat.N_QUADS, from_graph=None).decode().splitlines())


@pytest.fixture(scope="module")
def reference_quads(extractor, documents) -> list[str]:
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    graph.add_documents(documents)
    return _quads(graph)


def test_parallel_two_workers_give_identical_claims_in_order(extractor, documents, reference):
    settings = dataclasses.replace(extractor.settings, batch_size=2)  # several batches over two workers
    found = list(ProcessExtractor(settings, workers=2).extract(documents))
    assert [d.id for d, _ in found] == [d.id for d in documents]
    assert [claims for _, claims in found] == reference


def test_workers_started_early_are_the_ones_that_extract(extractor, documents, reference):
    found = ProcessExtractor(extractor.settings, workers=2)
    found.start()  # as a build into a new store does, before it reads its inputs
    early = [worker.process for worker in found._early]
    assert [claims for _, claims in found.extract(documents)] == reference
    assert found._early == [] and all(process.exitcode is not None for process in early)  # taken, then stopped


def test_a_bad_input_stops_the_workers_started_for_a_new_store(tmp_path, capsys):
    bad = tmp_path / "news.jsonl"
    bad.write_text('{"text": "Rebels took Hama."}\n[1, 2]\n', encoding="utf-8")
    assert main(["build", str(bad), "--out", str(tmp_path / "out"), "--workers", "2"]) != 0
    assert "news.jsonl:2: JSON line is not an object" in capsys.readouterr().err
    assert multiprocessing.active_children() == []  # killed while loading the model, not left behind
    assert not (tmp_path / "out" / "store").exists()


def _seconds(extractor, document: Document) -> float:
    """How long the session's (warm) pipeline takes over one document, in this process."""
    started = time.perf_counter()
    list(extractor.extract([document]))
    return time.perf_counter() - started


#: the time limit is this many times the slowest normal document in-process (0.25 s idle), and at
#: least LIMIT_FLOOR seconds: a fresh worker's first document also pays the pipeline's lazy start
#: (dateparser's patterns and the rule book: 1.2 s more, idle), which the warm session does not show
LIMIT_FACTOR = 12
LIMIT_FLOOR = 3.0
#: the slow document takes at least this many times the limit, were it not stopped
SLOW_FACTOR = 4


@pytest.mark.slow
def test_parallel_document_over_the_time_limit_is_skipped_and_named(extractor, documents, reference):
    """A batch that stalls is retried one document at a time; only the slow one is dropped.

    The limit and the slow document are measured on this machine, now: a fixed limit failed when the
    machine was loaded (a normal 250-word document took longer than it), a fixed size could pass
    under it on a fast one."""
    normal = max(_seconds(extractor, d) for d in documents[:2] for _ in range(2))
    once = _seconds(extractor, documents[0])
    per_copy = max(0.01, (_seconds(extractor, dataclasses.replace(documents[0], text=" ".join([documents[0].text] * 3)))
                          - once) / 2)
    limit = round(max(LIMIT_FLOOR, LIMIT_FACTOR * normal), 1)
    copies = math.ceil(SLOW_FACTOR * limit / per_copy)
    slow = Document(text=" ".join([documents[0].text] * copies), id="huge-article")
    warnings: list[str] = []
    settings = dataclasses.replace(extractor.settings, doc_timeout=limit, batch_size=4)
    found = list(ProcessExtractor(settings, workers=1, warn=warnings.append).extract([documents[0], slow, documents[1]]))
    assert [d.id for d, _ in found] == [documents[0].id, documents[1].id], (normal, limit, copies)
    assert [c for _, c in found] == reference[:2]
    assert len(warnings) == 1 and warnings[0].startswith(f"huge-article: extraction took longer than {limit:g} s")


@pytest.mark.slow
@pytest.mark.parametrize("make", EXTRACTORS)
@pytest.mark.parametrize("bad", FAILING)
def test_parallel_a_document_that_fails_is_skipped_named_and_the_rest_kept(extractor, documents, reference, make, bad):
    """One warning naming it, no traceback, and the documents of its batch keep their claims."""
    warnings: list[str] = []
    settings = dataclasses.replace(extractor.settings, batch_size=4)  # the bad document shares a batch
    found = list(make(extractor, settings, warnings.append).extract([documents[0], bad, documents[1]]))
    assert [d.id for d, _ in found] == [documents[0].id, documents[1].id]
    assert [c for _, c in found] == reference[:2]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{bad.id}: extraction failed (") and warnings[0].endswith("); skipped")
    assert "\n" not in warnings[0]


def test_parallel_dask_local_cluster_gives_the_same_quads(extractor, documents, reference_quads):
    dask = DaskExtractor(dataclasses.replace(extractor.settings, batch_size=2), "local", workers=1, processes=False)
    graph = ActorGraph(settings=extractor.settings, extractor=dask)
    stats = graph.add_documents(iter(documents))
    assert stats.extracted == len(documents)
    assert _quads(graph) == reference_quads


def test_parallel_dask_unreachable_scheduler_is_one_clear_error(extractor, documents):
    dask = DaskExtractor(extractor.settings, "tcp://127.0.0.1:9", connect_timeout=2)
    with pytest.raises(RuntimeError, match=r"^--dask tcp://127.0.0.1:9: cannot reach the Dask scheduler"):
        list(dask.extract(documents))


@pytest.mark.parametrize(("workers", "dask", "kind"), [
    (0, None, "InProcessExtractor"), (None, None, "ProcessExtractor"), (3, None, "ProcessExtractor"),
    (2, "local", "DaskExtractor"),
], ids=["in-process", "all-cores", "three", "dask-local"])
def test_parallel_make_extractor_follows_the_options(workers, dask, kind):
    from graph.config import Settings

    assert type(make_extractor(Settings(), workers=workers, dask=dask)).__name__ == kind


def test_parallel_cli_build_with_workers_matches_in_process(tmp_path, articles, reference_quads):
    """``build --workers 2`` writes the same graph as ``--workers 0`` (here compared with the reference)."""
    out = tmp_path / "out"
    assert main(["build", *map(str, articles), "--out", str(out), "--workers", "2", "--quiet", "--no-validate"]) == 0
    written = Store()
    written.load(path=str(out / "graph.trig"), format=RdfFormat.TRIG)
    assert sorted(written.dump(format=RdfFormat.N_QUADS, from_graph=None).decode().splitlines()) == reference_quads


def test_parallel_cli_rejects_negative_workers(tmp_path, articles, capsys):
    assert main(["build", str(articles[0]), "--out", str(tmp_path), "--workers", "-1"]) == 2
    assert capsys.readouterr().err.strip() == "actorgraph: error: --workers -1: expected 0 or more"


def test_parallel_dask_is_an_extra_named_when_missing(tmp_path, articles, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if `pip install actorgraph` without [dask]
    assert main(["build", str(articles[0]), "--out", str(tmp_path), "--dask", "local"]) == 2
    assert capsys.readouterr().err == ("actorgraph: error: --dask local: Dask is not installed; it is an extra: "
                                       "pip install 'actorgraph[dask]'\n")
    assert not any(tmp_path.iterdir())  # stopped before anything was read or written
