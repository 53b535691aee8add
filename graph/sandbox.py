"""Take the network away from a process, so that no query can make it fetch anything.

SPARQL can reach the network (``SERVICE``, ``LOAD``, a JSON-LD ``@context``), and pyoxigraph's
HTTP client is Rust code that no Python-level check can see. Scanning the query text for those
keywords is a second parser that can disagree with the engine's (a comment ending at ``\\r`` hid
a ``SERVICE`` from the old check). Instead the server's store workers call :func:`deny_network`
before opening the store: a seccomp filter makes the kernel refuse every ``socket()`` call except
for Unix sockets, and ``io_uring`` (which can open sockets without that system call), for the
rest of the process's life, its children included. No name can be resolved and no connection
opened, whatever the query says or however it is spelt. It needs no privileges (it sets
``no_new_privs``, as Chrome and systemd sandboxes do) and works as root and as any user.

Only Linux on x86-64 and arm64 is supported; elsewhere :func:`deny_network` raises
:class:`SandboxError` and the server does not start.
"""
from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

__all__ = ["deny_network", "SandboxError", "DENIED_ERRNO"]

#: the errno a refused ``socket()`` fails with: ``Network is unreachable``, which no file operation gives
DENIED_ERRNO = errno.ENETUNREACH

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_AF_UNIX = 1
# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_ALLOW = 0x7FFF0000
_DENY = 0x00050000 | DENIED_ERRNO  # SECCOMP_RET_ERRNO
#: audit architecture -> (socket, io_uring_setup, io_uring_enter, io_uring_register) syscall numbers
_ARCHES = {
    "x86_64": (0xC000003E, (41, 425, 426, 427)),
    "aarch64": (0xC00000B7, (198, 425, 426, 427)),
}
_X32_BIT = 0x40000000


class SandboxError(RuntimeError):
    """The network could not be taken away (unsupported system); the caller must not go on.

    A plain RuntimeError: this module imports nothing of the package, so that it can be checked on its
    own (tests/test_sandbox.py runs it as user nobody with the system's Python); the server turns it
    into its own answer."""


def _program(arch: int, numbers: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """The filter: on this architecture, refuse socket() unless AF_UNIX, and io_uring; refuse
    every call of another ABI (x32, 32-bit compatibility), which legitimate code here never makes."""
    socket_nr, *uring = numbers
    return [
        (_LD_W_ABS, 0, 0, 4),                 # 0: arch
        (_JEQ_K, 1, 0, arch),                 # 1: our ABI -> 3
        (_RET_K, 0, 0, _DENY),                # 2: another ABI: refuse
        (_LD_W_ABS, 0, 0, 0),                 # 3: syscall number
        (_JGE_K, 0, 1, _X32_BIT),             # 4: x32 numbers -> refuse
        (_RET_K, 0, 0, _DENY),                # 5
        (_JEQ_K, 5, 0, socket_nr),            # 6: socket -> 12
        (_JEQ_K, 3, 0, uring[0]),             # 7: io_uring_* -> 11
        (_JEQ_K, 2, 0, uring[1]),             # 8
        (_JEQ_K, 1, 0, uring[2]),             # 9
        (_RET_K, 0, 0, _ALLOW),               # 10
        (_RET_K, 0, 0, _DENY),                # 11
        (_LD_W_ABS, 0, 0, 16),                # 12: socket's first argument, the family (low word)
        (_JEQ_K, 0, 1, _AF_UNIX),             # 13
        (_RET_K, 0, 0, _ALLOW),               # 14: a Unix socket reaches no network
        (_RET_K, 0, 0, _DENY),                # 15
    ]


def deny_network() -> None:
    """Make every later ``socket()`` of this process (and its children) fail unless it is a Unix socket.

    Irreversible. Raises SandboxError when the system cannot do it. In a child process:

    >>> import multiprocessing, socket
    >>> def probe(queue):
    ...     deny_network()
    ...     try:
    ...         socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ...     except OSError as exc:
    ...         queue.put(exc.errno == DENIED_ERRNO)
    ...     queue.put(socket.socketpair()[0].family.name)
    >>> queue = multiprocessing.get_context("fork").Queue()
    >>> child = multiprocessing.get_context("fork").Process(target=probe, args=(queue,)); child.start()
    >>> queue.get(timeout=30), queue.get(timeout=30)
    (True, 'AF_UNIX')
    >>> child.join()
    """
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHES:
        raise SandboxError(f"cannot take the network away from the store worker on {sys.platform}/{machine} "
                           "(Linux on x86-64 or arm64 is needed)")
    arch, numbers = _ARCHES[machine]
    code = b"".join(struct.pack("HBBI", *insn) for insn in _program(arch, numbers))
    buffer = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or \
            libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        error = ctypes.get_errno()
        raise SandboxError(f"cannot take the network away from the store worker: seccomp: {errno.errorcode.get(error, error)}")
