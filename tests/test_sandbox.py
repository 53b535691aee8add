"""graph.sandbox: a process that called deny_network() reaches no network, by any route, for good."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph.sandbox import DENIED_ERRNO, deny_network


def _in_sandbox(probe, *args):
    """Run ``probe(*args)`` in a forked child after deny_network(); its return value, or the exception's repr."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def child():
        deny_network()
        try:
            queue.put(probe(*args))
        except Exception as exc:  # noqa: BLE001 - reported to the test
            queue.put(repr(exc))

    process = context.Process(target=child)
    process.start()
    result = queue.get(timeout=60)
    process.join(30)
    return result


def _connect(address):
    try:
        socket.create_connection(address, timeout=5).close()
    except OSError as exc:
        return exc.errno
    return "connected"


@pytest.fixture()
def listening():
    """A live TCP listener on loopback (the test process itself can connect to it)."""
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()
    server.close()


@pytest.mark.slow
def test_sandboxed_process_cannot_connect_to_a_live_listener(listening):
    assert _connect(listening) == "connected"  # the control: reachable from here
    assert _in_sandbox(_connect, listening) == DENIED_ERRNO


def _families():
    opened = {}
    for name in ("AF_INET", "AF_INET6", "AF_PACKET", "AF_NETLINK"):
        try:
            socket.socket(getattr(socket, name), socket.SOCK_DGRAM).close()
            opened[name] = "open"
        except OSError as exc:
            opened[name] = exc.errno
    opened["AF_UNIX"] = socket.socketpair()[0].family.name
    return opened


@pytest.mark.slow
def test_sandbox_refuses_every_socket_family_but_unix():
    assert _in_sandbox(_families) == {"AF_INET": DENIED_ERRNO, "AF_INET6": DENIED_ERRNO, "AF_PACKET": DENIED_ERRNO,
                                      "AF_NETLINK": DENIED_ERRNO, "AF_UNIX": "AF_UNIX"}


def _child_program(address):
    code = f"import socket; socket.create_connection({address!r}, timeout=5)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stderr.strip().splitlines()[-1]


@pytest.mark.slow
def test_sandbox_holds_in_programs_the_process_starts(listening):
    assert _in_sandbox(_child_program, listening) == "OSError: [Errno 101] Network is unreachable"


def _oxigraph_service(address):
    from pyoxigraph import Store

    host, port = address
    try:
        list(Store().query(f"SELECT * WHERE {{ SERVICE <http://{host}:{port}/sparql> {{ ?s ?p ?o }} }}"))
    except OSError as exc:
        return str(exc)
    return "answered"


@pytest.mark.slow
def test_sandbox_stops_oxigraphs_own_http_client(listening):
    assert _in_sandbox(_oxigraph_service, listening) == f"Network is unreachable (os error {DENIED_ERRNO})"


_PROBE = """
deny_network()
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    print("connected")
except OSError as exc:
    print(exc.errno)
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv")
                    or not Path("/usr/bin/python3").exists(), reason="needs root to become an unprivileged user")
def test_sandbox_needs_no_privileges(listening):
    """As user nobody (no capabilities), with the system's Python: the filter installs and holds."""
    source = (Path(__file__).resolve().parent.parent / "graph" / "sandbox.py").read_text()
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                           source + "\nimport socket\n" + _PROBE, str(listening[1])],
                          capture_output=True, text=True, timeout=60, cwd="/")
    assert (done.stdout.strip(), done.stderr) == (str(DENIED_ERRNO), "")
