"""The API reference is the docstrings: every public name of ``graph`` has one, with an example.

This test makes sure they exist, so that a new public function without an example, or an example
deleted in an edit, fails the suite with the offenders named, and runs every example of every
module of the ``graph`` that is imported (the installed package when CI tests the wheel, where
``pytest --doctest-modules graph/`` would read the checkout's files instead). Examples are cheap
(no spaCy model, worker process or cluster: those are shown in ``tests/``), except the server's,
which start its worker processes and are marked slow. Exception classes need a docstring but no example (what they mean is shown where they are raised).
"""
from __future__ import annotations

import dataclasses
import doctest
import importlib
import inspect
import pkgutil
import types
from collections.abc import Iterator
from functools import cached_property

import pytest

import graph
from graph.actors import ActorDictionary

MODULES = sorted(m.name for m in pkgutil.walk_packages(graph.__path__, "graph.") if not m.name.endswith("__main__"))


def _doctests() -> list[doctest.DocTest]:
    """Every example of every module of ``graph``, each docstring one test."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [test for name in MODULES for test in finder.find(importlib.import_module(name)) if test.examples]


DOCTESTS = _doctests()
#: modules whose examples cannot be cheap: a GraphServer starts its store's worker processes
SLOW_MODULES = ("graph.server.", "graph.storepool.")


@pytest.mark.parametrize("test", [pytest.param(t, id=t.name, marks=[pytest.mark.slow] * t.name.startswith(SLOW_MODULES))
                                  for t in DOCTESTS])
def test_docs_example_runs(test: doctest.DocTest, dictionary: ActorDictionary, monkeypatch) -> None:
    # about 50 examples read the bundled dictionary (0.2 s of CPU each): they share the session's, which
    # is the same dictionary (its methods change nothing but their own caches); other calls read files
    read = ActorDictionary.bundled
    monkeypatch.setattr(ActorDictionary, "bundled", staticmethod(
        lambda *extra, lexicon=None: read(*extra, lexicon=lexicon) if extra or lexicon else dictionary))
    report: list[str] = []
    runner = doctest.DocTestRunner()
    result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)


def _is_exception(obj: object) -> bool:
    return inspect.isclass(obj) and issubclass(obj, BaseException)


def _own_doc(obj: object) -> str:
    """The docstring written for ``obj`` itself: not one inherited from the method it overrides (its
    behaviour differs, or it would not override), nor a dataclass's generated signature."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
        generated = obj.__name__ + str(inspect.signature(obj)).replace(" -> None", "")
        if doc == generated:
            return ""
    return doc


def _members(cls: type) -> Iterator[tuple[str, object]]:
    """Public methods (plain, class, static) and properties defined in ``cls`` itself."""
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            member = member.fget
        elif isinstance(member, cached_property):
            member = member.func
        elif isinstance(member, (classmethod, staticmethod)):
            member = member.__func__
        if inspect.isfunction(member):
            yield name, member


def public_objects(module: types.ModuleType) -> Iterator[tuple[str, object]]:
    """(dotted name, object) for the module's public functions and classes and their public members.

    Public means listed in ``__all__`` (or, without one, not starting with ``_``) and defined in
    this module: re-exported names are checked where they are defined.
    """
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    for name in names:
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)) or obj.__module__ != module.__name__:
            continue
        yield f"{module.__name__}.{name}", obj
        if inspect.isclass(obj):
            for member_name, member in _members(obj):
                yield f"{module.__name__}.{name}.{member_name}", member


def undocumented(module: types.ModuleType) -> list[str]:
    """Public names of ``module`` without a docstring."""
    return [name for name, obj in public_objects(module) if not _own_doc(obj)]


def without_example(module: types.ModuleType) -> list[str]:
    """Public names of ``module`` whose docstring has no ``>>>`` example (exception classes excepted)."""
    return [name for name, obj in public_objects(module)
            if _own_doc(obj) and not _is_exception(obj) and ">>>" not in _own_doc(obj)]


@pytest.mark.parametrize("name", MODULES, ids=MODULES)
def test_docs_every_public_name_has_a_docstring(name: str) -> None:
    missing = undocumented(importlib.import_module(name))
    assert not missing, f"{len(missing)} public names without a docstring: {', '.join(missing)}"


@pytest.mark.parametrize("name", MODULES, ids=MODULES)
def test_docs_every_public_name_has_an_example(name: str) -> None:
    missing = without_example(importlib.import_module(name))
    assert not missing, f"{len(missing)} public names without a >>> example: {', '.join(missing)}"


def test_docs_walk_reaches_subpackages_members_and_properties() -> None:
    found = {n for module in MODULES for n, _ in public_objects(importlib.import_module(module))}
    expected = {
        "graph.nlp.pipeline.build_nlp",  # a subpackage's function
        "graph.api.ActorGraph.backers",  # a method
        "graph.api.ActorGraph.open",  # a classmethod
        "graph.actors.ActorDictionary.is_place",  # a staticmethod
        "graph.analytics.Triad.negative",  # a property
        "graph.extract.Extractor.nlp",  # a cached_property
        "graph.models.Claim",  # a dataclass
    }
    assert expected <= found, f"not walked: {sorted(expected - found)}"
    assert "graph.namespaces.RDF" not in found  # re-exported from rdflib, not ours


def _fake_module() -> types.ModuleType:
    module = types.ModuleType("fake")

    def documented() -> None:
        """Doubles.

        >>> 1 + 1
        2
        """

    def no_example() -> None:
        """Says why, shows nothing."""

    def no_doc() -> None:
        pass

    @dataclasses.dataclass
    class Plain:
        x: int

    class Shown:
        """Has one.

        >>> Shown().size
        0
        """

        @property
        def size(self) -> int:
            """Zero."""
            return 0

    class Bigger(Shown):
        """Overrides ``size`` and says nothing about it.

        >>> Bigger().size
        1
        """

        @property
        def size(self) -> int:
            return 1

    class Broken(ValueError):
        """An exception: a docstring, no example needed."""

    for obj in (documented, no_example, no_doc, Plain, Shown, Bigger, Broken):
        obj.__module__ = "fake"
        setattr(module, obj.__name__, obj)
    module.__all__ = ["documented", "no_example", "no_doc", "Plain", "Shown", "Bigger", "Broken"]
    return module


def test_docs_checker_names_the_offenders() -> None:
    module = _fake_module()
    assert undocumented(module) == ["fake.no_doc", "fake.Plain", "fake.Bigger.size"]
    assert without_example(module) == ["fake.no_example", "fake.Shown.size"]
