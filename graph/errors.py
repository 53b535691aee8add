"""The errors a user can cause, under one base class, so that every face reports them alike.

The library raises these with one line that names the file, URL or name at fault; the CLI
maps them to exit codes in one place (``graph.cli.main``), the server to HTTP statuses, and a
Python caller may catch ``ActorGraphError`` for all of them.

>>> issubclass(StoreError, ActorGraphError), issubclass(UsageError, ActorGraphError)
(True, True)
"""
from __future__ import annotations

__all__ = ["ActorGraphError", "StoreError", "UsageError"]


class ActorGraphError(Exception):
    """Something the user can fix (a bad input, a locked store, an unknown name), said in one line.

    ``code`` is the exit status a command ends with: 2 for a request that cannot be carried out
    as asked, 1 for work that ran and failed (a graph that violates the shapes).

    >>> ActorGraphError("out/: no store here").code
    2
    """

    code: int = 2

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class StoreError(ActorGraphError, RuntimeError):
    """A store that cannot be opened, read or written (one line, names the folder or URL)."""


class UsageError(ActorGraphError, ValueError):
    """Arguments that cannot work together or are out of range (one line, names the option)."""
