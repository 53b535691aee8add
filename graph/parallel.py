"""Extraction on every core and on a Dask cluster, with a time limit per document.

Why processes and not threads: spaCy's Python-side work and the relation rules
hold the GIL, so threads do not scale. Each worker process loads the pipeline
once and returns *claims* (small frozen dataclasses), not spaCy ``Doc``s, so
that the parent only maps claims to RDF and writes the store -- the share of
work that must stay in one place.

Both extractors have the ``Extractor.extract`` interface (documents in,
``(document, claims)`` out, in input order, streaming), so ``ActorGraph`` takes
any of them: ``ActorGraph.open(path, extractor=ProcessExtractor(settings, 2))``.

Time limit (``Settings.doc_timeout``): a worker that stays silent for longer
than the limit is killed and replaced; the documents of the batch it was
working on are re-run one at a time, so that only a document that alone
exceeds the limit is skipped (with a warning naming it), and the build goes
on. In the calling process (``--workers 0``, the Python API's default) nothing
can interrupt spaCy's C code without signals, so there the limit is not
enforced; the Dask extractor does not enforce it either (use Dask's own
worker lifetime settings on a cluster).

A document whose extraction raises (any exception: a parse that sends a rule
into too deep a recursion, a bug) is skipped with a warning naming it, in all
three ways of extracting: the batch it was in is re-run one document at a time,
so the others keep their claims. A worker that cannot start (the model is not
installed, the process is killed, the operating system refuses a process or a
pipe) is not a skipped document but a build that cannot run:
:class:`WorkerStartError`, one line.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .config import Settings
from .errors import ActorGraphError
from .extract import Extractor
from .models import Claim, Document

__all__ = ["ProcessExtractor", "DaskExtractor", "InProcessExtractor", "make_extractor", "default_workers",
           "document_name", "failure", "ExtractionError", "WorkerStartError"]

Warn = Callable[[str], None]
_SKIPPED = object()
#: most documents in one message to a worker. Why small: the workers take work as they finish it, so at
#: the end of a build one waits for the other by at most a message's work. In messages of 64 (spaCy's
#: batch), 200 articles went 128 to one worker and 72 to the other, which then sat idle for a third
#: of the extraction; spaCy's pipeline is no slower on 16 documents at a time than on 64.
DISPATCH_DOCS = 16


class ExtractionError(ActorGraphError, RuntimeError):
    """Extraction cannot run at all (as opposed to one document that fails, which is skipped): the
    work was started and could not be done, so a command ends with status 1."""

    code = 1


class WorkerStartError(ExtractionError):
    """The extraction workers could not be started; ``str(e)`` is one line that says why.

    >>> str(WorkerStartError("spaCy model 'x' is not installed"))
    "extraction workers failed to start: spaCy model 'x' is not installed"
    """

    def __init__(self, why: str) -> None:
        super().__init__(f"extraction workers failed to start: {why}")


def failure(exc: BaseException) -> str:
    """An exception as one short line for a warning: its type and the first line of its message.

    >>> failure(RecursionError("maximum recursion depth exceeded\\nwhile calling a Python object"))
    'RecursionError: maximum recursion depth exceeded'
    """
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0][:200]}" if message else type(exc).__name__


def _ignore(message: str) -> None:
    """The default ``warn``: callers that want warnings pass their own."""


def default_workers() -> int:
    """The cores this process may run on (what ``--workers`` defaults to).

    >>> default_workers() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def document_name(document: Document) -> str:
    """How a warning names a document: where it came from, else its id, URL or first words.

    >>> document_name(Document(text="Rebels took Hama on Thursday night.", id="a1"))
    'a1'
    >>> document_name(Document(text="Rebels took Hama on Thursday night."))
    "'Rebels took Hama on...'"
    """
    if document.source or document.id or document.url:
        return str(document.source or document.id or document.url)
    return repr(" ".join(document.text.split()[:4]) + "...")


# ---- worker processes --------------------------------------------------------------------------
def _worker_main(settings: Settings, inbox, conn: Connection) -> None:
    """A worker: load the pipeline once, then answer batches with one message per document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    try:
        extractor = Extractor(settings)
        _ = extractor.nlp
    except Exception as exc:  # noqa: BLE001 - told to the parent in one line, which stops the build
        conn.send(("failed", None, failure(exc)))
        conn.close()
        return
    conn.send(("ready", None, None))
    while True:
        item = inbox.get()
        if item is None:
            break
        batch_id, seqs, documents = item
        conn.send(("start", batch_id, None))
        try:
            for seq, (_, claims) in zip(seqs, extractor.extract(documents), strict=True):
                conn.send(("doc", seq, claims))
        except Exception as exc:  # a bug on one document must not end a long build: the parent isolates it
            conn.send(("error", batch_id, f"{failure(exc)}\n{traceback.format_exc(limit=3)}"))
    conn.close()


def _exit_reason(code: int | None) -> str:
    """Why a worker that never became ready is gone, from its exit code.

    >>> _exit_reason(-9), _exit_reason(1)
    ('a worker was killed by signal 9 (SIGKILL)', 'a worker exited with status 1')
    """
    if code is not None and code < 0:
        return f"a worker was killed by signal {-code} ({signal.Signals(-code).name})"
    if code is None:
        return "a worker closed its pipe before it was ready"
    return f"a worker exited with status {code}"


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    inbox: object
    conn: Connection
    #: batches sent, oldest first: (batch id, sequence numbers, solo?)
    batches: deque = field(default_factory=deque)
    done: set = field(default_factory=set)
    started: int | None = None
    last: float = field(default_factory=time.monotonic)
    ready: bool = False


class ProcessExtractor:
    """Extraction in ``workers`` processes, each loading the pipeline once; results in input order.

    Memory stays flat: at most ``3 x workers x batch_size`` documents are in flight.

    >>> ProcessExtractor(Settings(), workers=2).workers
    2
    """

    def __init__(self, settings: Settings | None = None, workers: int | None = None, *,
                 warn: Warn | None = None, start_method: str = "spawn") -> None:
        self.settings = settings or Settings()
        self.workers = workers or default_workers()
        self.warn = warn or _ignore
        self._context = multiprocessing.get_context(start_method)
        self._early: list[_Worker] = []  # started by start(), taken by the next extract()

    def start(self) -> None:
        """Start the worker processes now rather than at the first document, so that their start-up
        (about 3 s each: spaCy, the model, the dictionary and the rules) overlaps the caller's own
        (reading the inputs, opening the store). :meth:`close` stops them if no extraction takes them.

        >>> extractor = ProcessExtractor(Settings(), workers=1)
        >>> extractor.start(); extractor.start(); len(extractor._early)
        1
        >>> extractor.close(); extractor._early
        []
        """
        while len(self._early) < self.workers:
            self._early.append(self._start())

    def close(self) -> None:
        """Stop the workers :meth:`start` started that no extraction has taken (killed: they may still
        be loading the model, and have nothing to finish).

        >>> ProcessExtractor(Settings(), workers=1).close()  # none started: nothing to stop
        """
        early, self._early = self._early, []
        for worker in early:
            self._stop(worker, kill=True)

    def _start(self) -> _Worker:
        inbox = self._context.Queue()
        parent, child = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_worker_main, args=(self.settings, inbox, child), daemon=True,
                                        name="actorgraph-extract")
        saved = os.environ.get("OPENBLAS_NUM_THREADS")
        os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one core per worker: BLAS threads would fight each other
        # The start-up message carries sys.argv. A build of thousands of files would make it larger
        # than a pipe holds, and CPython writes it while holding the pipe's read end itself: a worker
        # that died before reading it would leave the build blocked for ever. The worker needs no argv.
        argv, sys.argv = sys.argv, sys.argv[:1]
        try:
            process.start()
        except Exception as exc:  # noqa: BLE001 - e.g. no more processes or pipes: one line, not a traceback
            parent.close()
            child.close()
            inbox.close()
            raise WorkerStartError(failure(exc)) from exc
        finally:
            sys.argv = argv
            if saved is None:
                del os.environ["OPENBLAS_NUM_THREADS"]
            else:
                os.environ["OPENBLAS_NUM_THREADS"] = saved
        child.close()
        return _Worker(process, inbox, parent)

    @staticmethod
    def _stop(worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.inbox.put(None)
            except (OSError, ValueError):
                worker.process.kill()
        worker.process.join(timeout=None if kill else 10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.inbox.cancel_join_thread()
        worker.inbox.close()
        worker.conn.close()

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        """``(document, claims)`` for each document, in input order; timed-out documents are skipped.

        Lazy: the workers start when the result is first iterated (tests/test_parallel.py runs them).

        >>> results = ProcessExtractor(Settings(), workers=1).extract([Document("Turkey backs the SNA.")])
        >>> type(results).__name__
        'generator'
        """
        batch_size = max(1, self.settings.batch_size)
        piece = min(batch_size, DISPATCH_DOCS)
        batch_chars = max(1, self.settings.max_batch_chars)
        limit, char_limit = 3 * self.workers * batch_size, 3 * self.workers * batch_chars
        pending_chars = 0
        timeout = self.settings.doc_timeout
        source = iter(documents)
        exhausted = False
        pending: dict[int, Document] = {}
        results: dict[int, object] = {}
        solo: deque[int] = deque()
        fresh: deque[int] = deque()  # never started: re-sent as ordinary batches
        next_seq = next_out = batch_id = 0
        workers: list[_Worker] = []

        def send(worker: _Worker, seqs: list[int], alone: bool) -> None:
            nonlocal batch_id
            batch_id += 1
            if not worker.batches:  # an idle worker's silence so far does not count against this batch
                worker.last = time.monotonic()
            worker.batches.append((batch_id, seqs, alone))
            worker.inbox.put((batch_id, seqs, [pending[s] for s in seqs]))

        def finish(seq: int, value: object) -> None:
            if seq in pending and seq not in results:
                results[seq] = value

        def give_up(worker: _Worker, why: str) -> _Worker:
            """Replace a stuck or dead worker; isolate the documents of the batch it was on."""
            self._stop(worker, kill=True)
            for n, (bid, seqs, alone) in enumerate(worker.batches):
                left = [s for s in seqs if s not in worker.done and s not in results]
                running = n == 0 and worker.started == bid
                if running and alone:
                    for s in left:
                        self.warn(f"{document_name(pending[s])}: {why}; skipped")
                        finish(s, _SKIPPED)
                elif running:
                    solo.extend(left)
                else:
                    fresh.extend(left)
            return self._start()

        try:
            workers, self._early = self._early, []
            while len(workers) < self.workers:
                workers.append(self._start())
            while True:
                # 1. hand out work: isolated retries first, then new documents, at most two batches per worker
                for worker in workers:
                    while worker.ready and len(worker.batches) < 2 and (solo or fresh or not exhausted):
                        if solo:
                            send(worker, [solo.popleft()], True)
                            continue
                        seqs = []
                        while fresh and len(seqs) < piece:
                            seqs.append(fresh.popleft())
                        if not seqs and not exhausted and len(pending) < limit and pending_chars < char_limit:
                            chars = 0
                            for document in source:
                                pending[next_seq] = document
                                seqs.append(next_seq)
                                next_seq += 1
                                chars += len(document.text)
                                if (len(seqs) >= piece or chars >= batch_chars or len(pending) >= limit
                                        or pending_chars + chars >= char_limit):
                                    break
                            else:
                                exhausted = True
                            pending_chars += chars
                        if not seqs:
                            break
                        send(worker, seqs, False)
                # 2. give back what is ready, in order
                while next_out in results:
                    value = results.pop(next_out)
                    document = pending.pop(next_out)
                    pending_chars -= len(document.text)
                    next_out += 1
                    if value is not _SKIPPED:
                        yield document, value  # type: ignore[misc]
                if exhausted and not pending:
                    return
                # 3. wait for messages, then look for stuck or dead workers
                ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout=1.0)
                now = time.monotonic()
                for i, worker in enumerate(workers):
                    alive = True
                    while worker.conn in ready and worker.conn.poll():
                        try:
                            kind, key, value = worker.conn.recv()
                        except (EOFError, OSError):
                            alive = False
                            break
                        worker.last = now
                        if kind == "ready":
                            worker.ready = True
                        elif kind == "failed":
                            raise WorkerStartError(value)
                        elif kind == "start":
                            worker.started = key
                        elif kind == "doc":
                            worker.done.add(key)
                            finish(key, value)
                        elif kind == "error":
                            bid, seqs, alone = worker.batches[0]
                            left = [s for s in seqs if s not in worker.done]
                            if alone:
                                for s in left:
                                    self.warn(f"{document_name(pending[s])}: extraction failed ({value.splitlines()[0]}); skipped")
                                    finish(s, _SKIPPED)
                            else:
                                solo.extend(left)
                            worker.done.update(left)
                        while worker.batches and all(s in worker.done for s in worker.batches[0][1]):
                            _, seqs, _ = worker.batches.popleft()
                            worker.done.difference_update(seqs)
                    if not alive or worker.process.exitcode is not None:
                        if not worker.ready:
                            raise WorkerStartError(_exit_reason(worker.process.exitcode))
                        workers[i] = give_up(worker, "the extraction worker died")
                    elif worker.ready and worker.batches and now - worker.last > timeout:
                        workers[i] = give_up(worker, f"extraction took longer than {timeout:g} s")
        finally:
            for worker in workers:
                self._stop(worker, kill=False)


def _groups(documents: Iterable[Document], settings: Settings) -> Iterator[list[Document]]:
    """``documents`` in lists of at most ``batch_size`` documents and about ``max_batch_chars`` of
    text (one document at least): what is held at once stays bounded whatever the documents' sizes.

    >>> [[d.id for d in g] for g in _groups([Document("a" * 6, id="1"), Document("bb", id="2"),
    ...     Document("c", id="3")], Settings(batch_size=2, max_batch_chars=5))]
    [['1'], ['2', '3']]
    """
    group: list[Document] = []
    chars = 0
    for document in documents:
        group.append(document)
        chars += len(document.text)
        if len(group) >= max(1, settings.batch_size) or chars >= settings.max_batch_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group


# ---- in this process -----------------------------------------------------------------------------
def _isolated(extractor: Extractor, documents: list[Document]) -> Iterator[tuple[Document, list[Claim], str | None]]:
    """``(document, claims, None)`` for each document, or ``(document, [], why)`` for one that failed.

    The batch goes through the pipeline at once; only if that raises is it re-run one document
    at a time, so that one bad document costs its batch a second pass, not its claims.
    """
    try:
        found = list(Extractor.extract(extractor, documents))
    except Exception:  # noqa: BLE001 - which document it was is found out below
        found = None
    if found is not None:
        for document, claims in found:
            yield document, claims, None
        return
    for document in documents:
        try:
            [(_, claims)] = Extractor.extract(extractor, [document])
        except Exception as exc:  # noqa: BLE001 - one document must not end a long build
            yield document, [], failure(exc)
        else:
            yield document, claims, None


class InProcessExtractor(Extractor):
    """Extraction in the calling process (``--workers 0``), where a document that fails is skipped.

    The documents go through spaCy ``settings.batch_size`` at a time, as in ``Extractor``; a
    document whose extraction raises is reported to ``warn`` by name and left out.

    >>> extractor = InProcessExtractor(Settings(), warn=print)
    >>> isinstance(extractor, Extractor), extractor.settings.batch_size
    (True, 64)
    """

    def __init__(self, settings: Settings | None = None, dictionary=None, lexicon=None, *,
                 warn: Warn | None = None) -> None:
        super().__init__(settings, dictionary, lexicon)
        self.warn = warn or _ignore

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        """``(document, claims)`` for each document that could be extracted, in input order.

        >>> list(InProcessExtractor(Settings()).extract([]))
        []
        """
        for batch in _groups(documents, self.settings):
            for document, claims, error in _isolated(self, batch):
                if error is None:
                    yield document, claims
                else:
                    self.warn(f"{document_name(document)}: extraction failed ({error}); skipped")


# ---- Dask ---------------------------------------------------------------------------------------
_CACHE: dict[tuple, object] = {}
_CACHE_LOCK = threading.Lock()


def _portable(settings: Settings) -> tuple[Settings, tuple[str, ...], tuple[str, ...]]:
    """Settings a remote worker can use: the actor dictionaries and the lexicon travel as Turtle text,
    not as local paths."""
    from .actors import bundled_files as actor_files
    from .lexicon import bundled_files

    def texts(paths) -> tuple[str, ...]:
        return tuple(Path(p).read_text(encoding="utf-8") + "\n" for p in paths)

    return (replace(settings, actor_files=(), lexicon_files=()),
            texts((*actor_files(), *settings.actor_files)),
            texts((*bundled_files(), *settings.lexicon_files)))


def _cached_extractor(settings: Settings, turtle: tuple[str, ...], lexicon: tuple[str, ...]):
    """One pipeline per worker process, loaded on first use and kept (a global cache, keyed by the settings)."""
    key = (settings, turtle, lexicon)
    with _CACHE_LOCK:
        if key not in _CACHE:
            from .actors import ActorDictionary
            from .lexicon import Lexicon

            words = Lexicon.from_turtle(*lexicon)
            extractor = Extractor(settings, ActorDictionary.from_turtle(*turtle, lexicon=words), words)
            _ = extractor.nlp
            _CACHE[key] = (extractor, threading.Lock())
        return _CACHE[key]


def _dask_partition(shared: tuple[Settings, tuple[str, ...], tuple[str, ...]],
                    documents: list[Document]) -> list[list[Claim] | str]:
    """A Dask task: the claims of each document of one partition, or why it failed (a one-line string)."""
    extractor, lock = _cached_extractor(*shared)
    with lock:  # in-process (thread) workers share one pipeline
        return [claims if error is None else error for _, claims, error in _isolated(extractor, documents)]


class DaskExtractor:
    """Extraction as a Dask distributed job: documents go out in partitions, claims come back.

    ``address`` is a scheduler address (``tcp://host:8786``) or ``"local"`` for a
    ``LocalCluster`` of ``workers`` processes started and stopped here. Every Dask
    worker needs actorgraph and the same spaCy model installed; the actor
    dictionaries are sent with the tasks. At most two partitions per worker are
    in flight, so the input is streamed, not loaded whole. Dask is an optional
    extra: ``pip install 'actorgraph[dask]'``.

    >>> DaskExtractor(Settings(), "local", workers=1).address
    'local'
    """

    def __init__(self, settings: Settings | None = None, address: str = "local", *, workers: int | None = None,
                 processes: bool = True, partition_docs: int | None = None, connect_timeout: float = 30.0,
                 warn: Warn | None = None) -> None:
        self.settings = settings or Settings()
        self.address = address
        self.workers = workers or default_workers()
        self.processes = processes
        self.connect_timeout = connect_timeout
        self.partition_docs = partition_docs or self.settings.batch_size
        self.warn = warn or _ignore

    def _client(self):
        from distributed import Client, LocalCluster

        if self.address == "local":
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=self.processes,
                                   dashboard_address=None, silence_logs=40)
            return Client(cluster), cluster
        try:
            return Client(self.address, timeout=self.connect_timeout), None
        except OSError as exc:
            raise ExtractionError(f"--dask {self.address}: cannot reach the Dask scheduler: {exc}") from exc

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        """``(document, claims)`` for each document, in input order.

        Lazy: the cluster is reached (or started) when the result is first iterated. A run needs a
        cluster and the model: tests/test_parallel.py runs one on a local cluster, and shows that a
        scheduler that cannot be reached is one clear error.

        >>> results = DaskExtractor(Settings(), "tcp://127.0.0.1:9").extract([Document("Turkey backs the SNA.")])
        >>> type(results).__name__
        'generator'
        """
        from distributed import as_completed

        portable = _portable(self.settings)
        client, cluster = self._client()
        try:
            nworkers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
            [shared] = client.scatter([portable], broadcast=True)
            source = iter(documents)
            parts: dict[int, list[Document]] = {}
            done: dict[int, list[list[Claim]]] = {}
            futures = as_completed()
            index = {}
            next_part = next_out = 0

            partitions = _groups(source, replace(self.settings, batch_size=self.partition_docs))

            def submit() -> bool:
                nonlocal next_part
                part = next(partitions, None)
                if not part:
                    return False
                future = client.submit(_dask_partition, shared, part, pure=False)
                index[future.key] = next_part
                parts[next_part] = part
                futures.add(future)
                next_part += 1
                return True

            more = True
            while more and len(parts) < 2 * nworkers:
                more = submit()
            for future in futures:
                done[index.pop(future.key)] = future.result()
                future.release()
                while next_out in done:
                    for document, claims in zip(parts.pop(next_out), done.pop(next_out)):
                        if isinstance(claims, str):
                            self.warn(f"{document_name(document)}: extraction failed ({claims}); skipped")
                        else:
                            yield document, claims
                    next_out += 1
                    if more:
                        more = submit()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_extractor(settings: Settings, *, workers: int | None = None, dask: str | None = None,
                   warn: Warn | None = None):
    """The extractor a build asked for: Dask (``dask`` address or ``"local"``), worker processes, or in-process.

    ``workers=None`` means all cores; ``workers=0`` extracts in the calling process.

    >>> type(make_extractor(Settings(), workers=0)).__name__
    'InProcessExtractor'
    >>> type(make_extractor(Settings(), workers=2)).__name__
    'ProcessExtractor'
    """
    if dask:
        return DaskExtractor(settings, dask, workers=workers or None, warn=warn)
    if workers == 0:
        return InProcessExtractor(settings, warn=warn)
    return ProcessExtractor(settings, workers, warn=warn)
