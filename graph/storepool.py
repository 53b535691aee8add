"""The store processes of ``actorgraph serve``, driven by its event loop.

Each process owns an opening of the store and answers one request at a time; the loop's end of
its Unix socket pair is non-blocking, so that no wait for a store holds up other connections.
Messages are pickles after their length (:func:`send_frame`, :func:`receive_frame`). A process
whose request outlives the timeout is killed, which Oxigraph's transactions make safe (a thread
could not be stopped), and started again without stopping the loop.
"""
from __future__ import annotations

import collections
import functools
import math
import multiprocessing
import os
import pickle
import select
import selectors
import socket
import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Protocol

from .http11 import Reply
from .store import StoreError

__all__ = ["START_TIMEOUT", "READ_SIZE", "StorePool", "send_frame", "receive_frame"]


class Answerable(Protocol):
    """What waits for a store's answer: a client connection of the loop."""

    closed: bool

    def finish(self, reply: Reply) -> None: ...


_FRAME = struct.Struct("!Q")
#: seconds a store process may take to open the store (a large one replays its log first)
START_TIMEOUT = 120.0
#: bytes read from a socket at once: under malloc's mmap threshold (128 KiB), since a larger buffer is
#: mapped, remapped to its length and unmapped on every read, three system calls and fresh pages each
READ_SIZE = 65_536


def send_frame(channel: socket.socket, message: object) -> None:
    """Send one message whole on a blocking socket: its pickle, after its length.

    >>> ours, theirs = socket.socketpair()
    >>> send_frame(ours, ("ready", None)); receive_frame(theirs.makefile("rb"))
    ('ready', None)
    >>> ours.close(); theirs.close()
    """
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    channel.sendall(_FRAME.pack(len(payload)) + payload)


def receive_frame(reader: BinaryIO) -> object:
    """The next message from a blocking reader of the socket (``makefile("rb")``); EOFError once
    the other end has closed.

    >>> ours, theirs = socket.socketpair()
    >>> ours.close(); receive_frame(theirs.makefile("rb"))
    Traceback (most recent call last):
    ...
    EOFError: the other end closed the socket
    >>> theirs.close()
    """
    head = reader.read(_FRAME.size)
    if len(head) < _FRAME.size:
        raise EOFError("the other end closed the socket")
    size = _FRAME.unpack(head)[0]
    payload = reader.read(size)
    if len(payload) < size:
        raise EOFError("the other end closed the socket")
    return pickle.loads(payload)


class _Job:
    """One request handed to the store processes: what to run and the connection that waits for it."""

    __slots__ = ("connection", "op", "message", "queued")

    def __init__(self, connection: Answerable, op: str, args: tuple) -> None:
        self.connection, self.op, self.message = connection, op, (op, args)
        self.queued = time.monotonic()


class _Worker:
    """One store process and the loop's end of its socket (non-blocking). ``state`` is ``starting``
    (until it says ready), ``idle``, ``busy`` (answering ``job`` before ``deadline``) or ``dead``."""

    def __init__(self, context, target: Callable[[str, bool, socket.socket], None], path: Path,
                 read_only: bool) -> None:
        self._context, self._target, self.path, self.read_only = context, target, path, read_only
        self.process = None
        self.channel: socket.socket | None = None
        self.state = "dead"
        self.job: _Job | None = None
        #: while restarting: the answer ``job`` gets once the new process is ready
        self.held: Reply | None = None
        self.deadline = math.inf
        self._buffer = bytearray()

    def spawn(self) -> None:
        """Start a process (it opens the store on its own; ``state`` is ``starting`` until it says so)."""
        ours, theirs = socket.socketpair()
        process = self._context.Process(target=self._target, args=(str(self.path), self.read_only, theirs),
                                        daemon=True, name="actorgraph-store")
        try:
            process.start()
        finally:
            theirs.close()
        ours.setblocking(False)
        self.process, self.channel, self._buffer = process, ours, bytearray()
        self.state, self.deadline = "starting", time.monotonic() + START_TIMEOUT

    def wait_started(self) -> None:
        """Block until the process has opened the store; StoreError if it cannot."""
        waiting = select.poll()
        waiting.register(self.channel, select.POLLIN)
        messages = self.receive() if waiting.poll(START_TIMEOUT * 1000) else []
        if not messages:
            self.stop()
            raise StoreError(f"{self.path}: the store worker did not start")
        status, detail = messages[0]
        if status != "ready":
            self.stop()
            raise StoreError(detail)
        self.state, self.deadline = "idle", math.inf

    def send(self, message: object, timeout: float) -> None:
        """Send a request whole (the process is waiting for one); OSError if it does not take it in time."""
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        data = memoryview(_FRAME.pack(len(payload)) + payload)
        while data:
            try:
                data = data[self.channel.send(data):]
            except BlockingIOError:  # a long request fills the socket's buffer: wait until the process reads on
                waiting = select.poll()
                waiting.register(self.channel, select.POLLOUT)
                if not waiting.poll(timeout * 1000):
                    raise OSError("the store worker does not read its requests") from None

    def receive(self) -> list | None:
        """The whole messages that have arrived (maybe none yet), or None once the process has gone."""
        while True:
            try:
                data = self.channel.recv(READ_SIZE)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                return None
            if not data:
                return None
            self._buffer += data
            if len(data) < READ_SIZE:  # all there is for now (the loop is told when more comes)
                break
        messages = []
        buffer = self._buffer
        while len(buffer) >= _FRAME.size:
            size = _FRAME.unpack_from(buffer)[0]
            if len(buffer) < _FRAME.size + size:
                break
            messages.append(pickle.loads(buffer[_FRAME.size:_FRAME.size + size]))
            del buffer[:_FRAME.size + size]
        return messages

    def stop(self) -> None:
        """Kill the process (Oxigraph transactions make that safe) and close its socket."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
        if self.channel is not None:
            self.channel.close()
        self.channel, self.state, self.deadline = None, "dead", math.inf

    def close(self) -> None:
        """Stop the process, letting it flush and release the store."""
        if self.channel is not None and self.state in ("idle", "busy"):
            try:
                self.send(None, 1.0)
                self.process.join(10)
            except OSError:
                pass
        self.stop()


def _hold_store_lock(path: Path) -> int:
    """Take the lock a read-write opening of the store takes (RocksDB's ``LOCK`` file, by ``fcntl``),
    without opening it: a build then fails with "in use", and nothing here ever writes or compacts
    the store under the read-only workers (a read-write opening compacts at once, deleting files a
    read-only one still needs). Returns the descriptor that holds the lock."""
    import fcntl  # POSIX only, like the sandbox

    descriptor = os.open(path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise StoreError(f"{path}: the store is in use by another process (a build or a server); "
                         "wait for it to finish or stop it") from None
    return descriptor


def _restarted(op: str) -> Reply:
    """The answer to a request whose process stopped under it: it is started again, so the client may retry.

    >>> _restarted("query").status
    503
    """
    return Reply.text(503, f"{op} failed: the store worker stopped; it was restarted, try again")


class StorePool:
    """The store's processes, driven by the server's event loop. With updates allowed, one process
    opens the store read-write (holding its lock) and answers everything, so that every read sees
    every update. Otherwise the server holds the store's lock itself and ``readers`` processes open
    the store read-only and answer reads concurrently; nothing writes, as Oxigraph requires beside
    read-only openings. A request waits for an idle process at most the timeout (then 503, busy);
    a process whose request outlives the timeout is killed and started again, and that request's
    503 is sent once the new one is ready (or has failed to open the store), so that it can say which.

    ``target`` is what a process runs (``graph.server._worker_main``): it gets the store's path,
    whether to open it read-only, and its end of the socket pair.

    >>> import selectors, tempfile
    >>> from graph.server import _worker_main
    >>> from graph.store import OxigraphStore
    >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
    >>> selector = selectors.DefaultSelector()
    >>> pool = StorePool(Path(folder.name), 5.0, selector, _worker_main, readers=2)
    >>> len(pool.pids)
    2
    >>> pool.close(); folder.cleanup()
    """

    def __init__(self, path: Path, timeout: float, selector: selectors.BaseSelector,
                 target: Callable[[str, bool, socket.socket], None], *, readers: int = 0) -> None:
        self.timeout = timeout
        self._selector = selector
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["graph.server", "graph.views.html_view"])
        self._lock = _hold_store_lock(path) if readers else None
        self._workers = [_Worker(context, target, path, read_only=bool(readers)) for _ in range(readers or 1)]
        self._pending: collections.deque[_Job] = collections.deque()
        try:
            for worker in self._workers:
                worker.spawn()
            for worker in self._workers:
                worker.wait_started()
        except StoreError:
            self.close()
            raise
        for worker in self._workers:
            self._watch(worker)
        self._idle = list(self._workers)

    @property
    def pids(self) -> list[int]:
        """The process ids of the store's processes (for tests and operators).

        >>> import selectors, tempfile
        >>> from graph.server import _worker_main
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> selector = selectors.DefaultSelector()
        >>> pool = StorePool(Path(folder.name), 5.0, selector, _worker_main, readers=1)
        >>> import os; os.getpid() in pool.pids, len(pool.pids)
        (False, 1)
        >>> pool.close(); folder.cleanup()
        """
        return [w.process.pid for w in self._workers if w.process is not None]

    def _watch(self, worker: _Worker) -> None:
        self._selector.register(worker.channel, selectors.EVENT_READ, functools.partial(self._readable, worker))

    def _unwatch(self, worker: _Worker) -> None:
        if worker.channel is not None:
            self._selector.unregister(worker.channel)

    def submit(self, connection: Answerable, op: str, args: tuple) -> None:
        """Run ``op`` with ``args`` in an idle process, else in a dead one started again, else when one
        is free; ``connection.finish`` gets the answer (as the loop reads it: the loop must run).

        >>> import selectors, tempfile
        >>> from graph.server import _worker_main
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> selector = selectors.DefaultSelector()
        >>> pool = StorePool(Path(folder.name), 0.5, selector, _worker_main, readers=1)
        >>> class Client:  # what the server's connections offer
        ...     closed, reply = False, None
        ...     def finish(self, reply): self.reply = reply
        >>> def wait(client):
        ...     while client.reply is None:
        ...         for key, mask in selector.select(0.1):
        ...             key.data(mask)
        ...         pool.expire(time.monotonic())
        >>> client = Client(); pool.submit(client, "query", ("ASK {}", None, [], [], 10)); wait(client)
        >>> client.reply.status, client.reply.body
        (200, b'{"head":{},"boolean":true}')

        A request that outlives the timeout (here 0.5 s) gets a 503, and its process is started again:

        >>> values = " ".join(f"VALUES ?x{i} {{ {' '.join(map(str, range(30)))} }}" for i in range(8))
        >>> endless = f"SELECT (COUNT(*) AS ?n) WHERE {{ {values} }}"  # 30 ** 8 rows to count
        >>> client = Client(); pool.submit(client, "query", (endless, None, [], [], 10)); wait(client)
        >>> client.reply.status, client.reply.body.decode().split(":")[0]
        (503, 'query stopped')
        >>> client = Client(); pool.submit(client, "query", ("ASK {}", None, [], [], 10)); wait(client)
        >>> client.reply.status
        200
        >>> pool.close(); folder.cleanup()
        """
        job = _Job(connection, op, args)
        if self._idle:
            return self._dispatch(self._idle.pop(), job)
        for worker in self._workers:
            if worker.state == "dead":
                return self._restart(worker, job, _restarted(job.op))
        self._pending.append(job)

    def _dispatch(self, worker: _Worker, job: _Job) -> None:
        worker.state, worker.job, worker.deadline = "busy", job, time.monotonic() + self.timeout
        try:
            worker.send(job.message, self.timeout)
        except OSError:
            self._restart(worker, job, _restarted(job.op))

    def _restart(self, worker: _Worker, job: _Job | None, held: Reply | None) -> None:
        """Kill the process and start another; ``job`` gets ``held`` once it is ready."""
        self._unwatch(worker)
        worker.stop()
        try:
            worker.spawn()
        except OSError as exc:
            worker.stop()
            if job is not None:
                job.connection.finish(Reply.text(503, f"the store worker could not be restarted: {exc.strerror or exc}"))
            return
        worker.job, worker.held = job, held
        self._watch(worker)

    def _release(self, worker: _Worker) -> None:
        """The process is free: give it the oldest waiting request whose client is still there."""
        worker.state, worker.job, worker.held, worker.deadline = "idle", None, None, math.inf
        while self._pending and self._pending[0].connection.closed:
            self._pending.popleft()
        if self._pending:
            self._dispatch(worker, self._pending.popleft())
        else:
            self._idle.append(worker)

    def _readable(self, worker: _Worker, mask: int) -> None:
        messages = worker.receive()
        if messages is None:  # the process died
            job, state = worker.job, worker.state
            if worker in self._idle:
                self._idle.remove(worker)
            if state == "starting":
                self._unwatch(worker)
                worker.stop()
                if job is not None:
                    job.connection.finish(Reply.text(503, "the store worker could not be restarted: it stopped"))
            else:
                self._restart(worker, job, None if job is None else _restarted(job.op))
            return
        for message in messages:
            job = worker.job
            if worker.state == "starting":
                status, detail = message
                if status == "ready":
                    if job is not None:
                        job.connection.finish(worker.held)
                    self._release(worker)
                else:
                    self._unwatch(worker)
                    worker.stop()
                    worker.job = worker.held = None
                    if job is not None:
                        job.connection.finish(Reply.text(503, f"the store worker could not be restarted: {detail}"))
            elif worker.state == "busy" and job is not None:
                job.connection.finish(message)
                self._release(worker)

    def expire(self, now: float) -> float:
        """Stop what has run out of time; the next moment something will (for the loop's wait).
        :meth:`submit` shows a request stopped by it.

        >>> import selectors, tempfile
        >>> from graph.server import _worker_main
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> pool = StorePool(Path(folder.name), 0.5, selectors.DefaultSelector(), _worker_main, readers=1)
        >>> pool.expire(time.monotonic())  # an idle pool: nothing to stop, nothing to wait for
        inf
        >>> pool.close(); folder.cleanup()
        """
        for worker in self._workers:
            if worker.deadline > now:
                continue
            job = worker.job
            if worker.state == "busy" and job is not None:
                self._restart(worker, job, Reply.text(
                    503, f"{job.op} stopped: it ran longer than the server's limit of {self.timeout:g} s "
                         "(add LIMIT or narrower patterns)"))
            elif worker.state == "starting":
                self._unwatch(worker)
                worker.stop()
                worker.job = worker.held = None
                if job is not None:
                    job.connection.finish(Reply.text(503, "the store worker could not be restarted: it did not "
                                                          "open the store in time"))
        while self._pending and self._pending[0].queued + self.timeout <= now:
            self._pending.popleft().connection.finish(
                Reply(503, b"the server is busy with other requests; try again\n", headers={"Retry-After": "1"}))
        soonest = min((w.deadline for w in self._workers), default=math.inf)
        return min(soonest, self._pending[0].queued + self.timeout) if self._pending else soonest

    def close(self) -> None:
        """Stop every worker (a read-write one flushes), then release the store's lock.

        >>> import selectors, tempfile
        >>> from graph.server import _worker_main
        >>> from graph.store import OxigraphStore
        >>> folder = tempfile.TemporaryDirectory(); OxigraphStore(folder.name).close()
        >>> selector = selectors.DefaultSelector()
        >>> pool = StorePool(Path(folder.name), 5.0, selector, _worker_main, readers=1)
        >>> pool.close()
        >>> with OxigraphStore(folder.name) as store:  # the lock is free again: a build could write
        ...     len(store)
        0
        >>> folder.cleanup()
        """
        for worker in self._workers:
            if worker.channel is not None:
                try:
                    self._selector.unregister(worker.channel)
                except (KeyError, ValueError):
                    pass
            worker.close()
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
