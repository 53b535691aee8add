"""The package as pip installs it: one way to find the data, one place for the version, the
dependencies split into what runs, what ``--dask`` needs and what only the tests need, and, when CI
runs the suite on the installed wheel (``ACTORGRAPH_TEST_INSTALLED=1``, set by ``.ci/run``), an
installed copy that holds exactly the checkout's files and is the one every test imports."""
from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import graph
from graph.queries import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(graph.__file__).resolve().parent.parent  # the folder the imported graph package is in
INSTALLED = os.environ.get("ACTORGRAPH_TEST_INSTALLED") == "1"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

only_installed = pytest.mark.skipif(not INSTALLED, reason="these tests run on the checkout; CI sets "
                                    "ACTORGRAPH_TEST_INSTALLED=1 to run them on the installed wheel")


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement line (``"SPARQLWrapper>=2.0"`` -> ``sparqlwrapper``)."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def _imports(module: Path) -> list[tuple[str, bool]]:
    """(top-level name, imported at module level?) of every absolute import in a source file."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], id(node) in top))
    return found


def test_packaging_data_is_found_beside_the_code_in_use():
    """One lookup (the ``ontology`` package) for a checkout and a wheel: the data beside ``graph/``."""
    assert ontology_dir() == HOME / "ontology"
    assert {"actorgraph.ttl", "actors/syria.ttl", "shapes.ttl"} <= {str(p.relative_to(ontology_dir()))
                                                                   for p in ontology_dir().glob("**/*.ttl")}


def test_packaging_version_is_written_once():
    assert "version" not in PROJECT and "version" in PROJECT["dynamic"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", graph.__version__)


def test_packaging_library_needs_neither_test_packages_nor_dask_to_import():
    """SPARQLWrapper, pytest and the rest of the test extra are for tests only; Dask (an extra) is
    imported only inside the functions that use it, so ``import graph.parallel`` works without it."""
    extras = PROJECT["optional-dependencies"]
    runtime = {_name(r) for r in PROJECT["dependencies"]}
    dask = {_name(r) for r in extras["dask"]}
    test_only = {_name(r) for r in extras["test"]} - runtime - dask - {"actorgraph"}
    assert "sparqlwrapper" in test_only and dask == {"dask", "distributed"}
    distributions = {name: {_name(d) for d in dists} for name, dists in importlib.metadata.packages_distributions().items()}
    for module in sorted((HOME / "graph").rglob("*.py")):
        for name, at_top in _imports(module):
            owners = distributions.get(name, set())
            assert not owners & test_only, f"{module.relative_to(HOME)} imports {name}, a test-only package"
            assert not (owners & dask and at_top), f"{module.relative_to(HOME)} imports {name} (the dask extra) at load"


@pytest.mark.slow  # starts a Python
def test_packaging_pythons_started_by_tests_import_the_graph_under_test():
    """A ``python -m graph.cli`` run in the checkout imports the same copy as the tests (not the
    checkout's when the tests run on the installed wheel): tests/conftest.py sees to it."""
    child = subprocess.run([sys.executable, "-c", "import graph; print(graph.__file__)"], cwd=ROOT,
                           capture_output=True, text=True, check=True)
    assert Path(child.stdout.strip()).resolve() == Path(graph.__file__).resolve()


@only_installed
def test_packaging_tests_run_on_the_installed_copy():
    assert HOME != ROOT and HOME.name == "site-packages"
    assert importlib.metadata.version("actorgraph") == graph.__version__


@only_installed
@pytest.mark.parametrize("package", ["graph", "ontology"])
def test_packaging_wheel_holds_exactly_the_checkouts_files(package):
    """Every module and data file, byte for byte, and nothing else (no stale build leftovers)."""
    installed, checkout = _files(HOME / package), _files(ROOT / package)
    assert sorted(installed.keys() ^ checkout.keys()) == []
    assert [name for name in checkout if installed[name] != checkout[name]] == []
