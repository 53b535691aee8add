"""Canned SPARQL queries, kept as ``ontology/queries/NAME.rq`` and loaded by name.

The queries live in files rather than in Python strings so that they can be
read, run and edited with any SPARQL tool (the Oxigraph server's UI, rdflib,
``actorgraph query``). Each starts with a ``#`` comment saying what it answers
and which variables a caller may bind; values are always bound (pyoxigraph
``substitutions``, rdflib ``initBindings``), never formatted into the text.

The queries the package runs for its own views live in ``queries/internal/`` and are loaded
as ``internal/NAME``: they are files like the others, but not offered to users as canned queries.
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

__all__ = ["describe", "load", "names", "ontology_dir", "INTERNAL"]

_SUFFIX = ".rq"
#: the subfolder of the package's own queries
INTERNAL = "internal"


def ontology_dir() -> Path:
    """The folder holding the ontology, the actor dictionary, the shapes and the queries.

    It is the package ``ontology`` (the folder ``ontology/`` beside ``graph/``), found the same way in a
    checkout and in an installed wheel, which ships it as it is (see pyproject.toml).

    >>> (ontology_dir() / "actorgraph.ttl").is_file()
    True
    """
    return Path(str(importlib.resources.files("ontology")))


def _folder() -> Path:
    return ontology_dir() / "queries"


def names() -> list[str]:
    """The names of the canned queries, sorted.

    >>> {"evidence", "controller", "edges"} <= set(names())
    True
    """
    return sorted(p.name[: -len(_SUFFIX)] for p in _folder().glob("*" + _SUFFIX) if p.is_file())


def _internal_names() -> list[str]:
    folder = _folder() / INTERNAL
    return sorted(f"{INTERNAL}/{p.name[: -len(_SUFFIX)]}" for p in folder.glob("*" + _SUFFIX) if p.is_file())


def load(name: str) -> str:
    """The SPARQL text of the canned query ``name`` (its own PREFIX lines included).

    Only known names are read, so a name can never reach outside the queries folder.
    ``internal/NAME`` reads one of the package's own queries.

    >>> load("edges").lstrip().startswith("#"), load("internal/page-claims").lstrip().startswith("#")
    (True, True)
    >>> load("../shapes")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "no canned query '../shapes'; known: actors, backers, claims-by-status, controller, ..., relations-of"
    """
    known = names()
    if name not in known and name not in _internal_names():
        raise KeyError(f"no canned query {name!r}; known: {', '.join(known)}")
    return (_folder() / (name + _SUFFIX)).read_text(encoding="utf-8")


def describe(name: str) -> str:
    """The leading ``#`` comment of a canned query, as one paragraph (for ``--help`` and listings).

    >>> describe("backers").split(":")[0]
    'Who backs ?actor'
    """
    lines = []
    for line in load(name).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(part for part in lines if part)
