"""The layering of docs/architecture.md holds: a module imports only its own layer and the layers
below, and nothing but a face imports a face. Read from the source of the ``graph`` under test."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import graph

PACKAGE = Path(graph.__file__).resolve().parent
#: docs/architecture.md's table: module (or package, for all its modules) -> layer
LAYERS = {
    "config": 0, "models": 0, "namespaces": 0, "errors": 0, "sanitize": 0, "files": 0, "temporal": 0, "doctokens": 0,
    "sandbox": 0, "queries": 0, "control": 0,
    "lexicon": 1, "actors": 1, "theatres": 1, "coverage": 1, "gazetteer": 1,
    "ingest": 2, "nlp": 2, "coref": 2, "anaphora": 2, "places": 2, "rules": 2, "extract": 2, "parallel": 2,
    "rdf": 3, "validate": 3, "conformance": 3, "store": 3,
    "views": 4, "analytics": 4, "export": 4,
    "api": 5, "": 5,
    "cli": 6, "progress": 6, "server": 6, "stats": 6, "report": 6, "evaluate": 6, "rules.cli": 6,
}
UNLISTED = 5  # a new module is checked as library code until it is placed in the table


def _name(path: Path) -> str:
    """``graph/rules/hooks/control.py`` -> ``rules.hooks.control``; ``graph/__init__.py`` -> ``""``."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(name: str) -> int:
    """The layer of a module: its own entry, else its package's, else UNLISTED.

    >>> layer("rules.hooks.control"), layer("rules.cli"), layer("store.sparql"), layer("api")
    (2, 6, 3, 5)
    """
    while True:
        if name in LAYERS:
            return LAYERS[name]
        if "." not in name:
            return UNLISTED
        name = name.rsplit(".", 1)[0]


def imports(source: str, name: str, is_package: bool = False) -> set[str]:
    """The ``graph`` modules that the source of module ``name`` imports, relative or absolute.

    >>> sorted(imports("from ..api import ActorGraph\\nfrom graph.cli import main\\nimport json", "views.bad"))
    ['api', 'cli']
    """
    package = [p for p in (name.split(".") if is_package else name.split(".")[:-1]) if p]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:  # from . import x
                found |= {f"{module}.{alias.name}".lstrip(".") for alias in node.names}
            else:
                found.add(module)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "graph":
            found.add(node.module.removeprefix("graph").lstrip("."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("graph").lstrip(".") for a in node.names if a.name.split(".")[0] == "graph"}
    return found


def upward(source: str, name: str, is_package: bool = False) -> list[str]:
    """What module ``name`` imports from above its layer."""
    own = layer(name)
    return sorted(f"{m} (layer {layer(m)})" for m in imports(source, name, is_package) if layer(m) > own)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[_name(p) or "graph" for p in MODULES])
def test_architecture_imports_go_down_the_layers(path):
    name = _name(path)
    found = upward(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    assert not found, f"{name or 'graph'} (layer {layer(name)}) imports above its layer: {', '.join(found)}"


@pytest.mark.parametrize(("source", "name", "expected"), [
    ("from ..api import ActorGraph", "views.page", ["api (layer 5)"]),
    ("from graph.cli import CliError", "rules.dispatch", ["cli (layer 6)"]),
    ("from . import cli", "", ["cli (layer 6)"]),
    ("from .cli import CliError", "new_module", ["cli (layer 6)"]),
    ("from .store import open_store\nfrom .models import Claim", "views.page", []),
    ("from .cli import CliError", "report", []),
], ids=["view-imports-api", "rules-import-a-face", "package-imports-a-face", "unlisted-imports-a-face",
        "down-is-fine", "face-imports-face"])
def test_architecture_rule_names_what_goes_up(source, name, expected):
    assert upward(source, name, is_package=name == "") == expected
