"""Shared fixtures: one real spaCy pipeline and actor dictionary for the whole session, the example
articles and their claims, the hand-written TriG graphs of ``tests/data/``, and headless Chromium for
the browser tests (``browser``).

Test modules take these as fixtures rather than importing from each other or from here, so that they
run the same under any of pytest's import modes.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import RdfFormat, Store

import graph
from graph.actors import ActorDictionary
from graph.config import Settings
from graph.extract import Extractor
from graph.ingest import iter_documents
from graph.models import Claim, Document
from graph.namespaces import CLAIM, PREFIXES
from graph.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
PUBLISHED = dt.date(2024, 12, 6)  # a Friday
#: three short example articles (707 words): enough for several batches over two workers
ARTICLES = (EXAMPLES / "doc02.txt", EXAMPLES / "doc03.txt", EXAMPLES / "doc05.txt")
#: where the ``graph`` under test comes from: the checkout (ROOT), or site-packages when CI tests the wheel
GRAPH_HOME = Path(graph.__file__).resolve().parent.parent

# The Pythons that tests start (``python -m graph.cli`` in the checkout, kernels, the scorer's builds)
# import the same ``graph`` as this run: never the checkout's through their working folder when this
# run tests an installed copy (PYTHONSAFEPATH), and the checkout's when this run tests the checkout.
os.environ["PYTHONSAFEPATH"] = "1"
if GRAPH_HOME == ROOT:
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))

#: Debian's chromium, which the browser tests drive through playwright
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

#: the prefixes of every ``tests/data/*.trig``: the project's own table (TriG reads its SPARQL form), and claim:
TRIG_PREFIXES = PREFIXES + f"PREFIX claim: <{CLAIM}>\n"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the spaCy pipeline is slow (loading it takes seconds): mark it so here,
    where the fixture is, rather than on each of the hundreds of rule tests. Likewise every test that
    drives Chromium (the ``browser`` fixture) is a slow browser test."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "extractor" in names:
            item.add_marker(pytest.mark.slow)
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def prefixes() -> str:
    """The prologue of every ``tests/data/*.trig``, which is also a SPARQL prologue."""
    return TRIG_PREFIXES


@pytest.fixture(scope="session")
def trig() -> Callable[[str], str]:
    """``trig("views")`` -> the TriG text of ``tests/data/views.trig`` with its prefixes."""

    def read(name: str) -> str:
        return TRIG_PREFIXES + (DATA / f"{name}.trig").read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def store_of() -> Callable[[str], Store]:
    """``store_of(text)`` -> a fresh in-memory pyoxigraph store holding one TriG text."""

    def load(text: str) -> Store:
        store = Store()
        store.load(text.encode("utf-8"), format=RdfFormat.TRIG)
        return store

    return load


@pytest.fixture(scope="session")
def articles() -> tuple[Path, ...]:
    """Paths of three example articles."""
    return ARTICLES


@pytest.fixture(scope="session")
def documents() -> list[Document]:
    """The three example articles, read as a build reads them."""
    return list(iter_documents(ARTICLES))


@pytest.fixture(scope="session")
def reference(extractor, documents) -> list[list[Claim]]:
    """The claims of ``documents`` from the in-process pipeline with the default settings: what every
    other way of extracting (other batch sizes, worker processes, Dask) must give."""
    return [claims for _, claims in extractor.extract(documents)]


@pytest.fixture(scope="session")
def dictionary() -> ActorDictionary:
    """The bundled actor dictionary (no model: tests that only look names up stay fast)."""
    return ActorDictionary.bundled()


@pytest.fixture(scope="session")
def extractor(dictionary) -> Extractor:
    """The real pipeline (en_core_web_sm + the actor ruler), loaded once."""
    ex = Extractor(Settings(), dictionary)
    ex.nlp  # noqa: B018  (load now, not inside the first test's timing)
    return ex


@pytest.fixture(scope="session")
def claims_of(extractor):
    """``claims_of(text, published=...)`` -> every claim of one article."""

    def run(text: str, published: dt.date | None = PUBLISHED) -> list[Claim]:
        ((_, claims),) = list(extractor.extract([Document(text=text, published=published)]))
        return claims

    return run


@pytest.fixture(scope="session")
def iri(dictionary):
    """``iri("HTS")`` -> the dictionary IRI of a name (fails loudly for unknown names)."""

    def run(name: str) -> str:
        actor = dictionary.lookup(name)
        assert actor is not None, f"{name!r} is not in the actor dictionary"
        return actor.iri

    return run


@pytest.fixture(scope="session")
def edges_of(claims_of, iri):
    """``edges_of(text)`` -> {(subject IRI, relation, object IRI)} of the asserted edges (default threshold)."""

    def run(text: str, published: dt.date | None = PUBLISHED, min_confidence: float = 0.5) -> set[tuple[str, str, str]]:
        return {(c.subject.iri, c.relation, c.object.iri) for c in claims_of(text, published)
                if c.status == "asserted" and c.confidence >= min_confidence}

    return run


@pytest.fixture(scope="session")
def graph_store_of() -> Callable[[str], OxigraphStore]:
    """``graph_store_of(text)`` -> a fresh in-memory ``OxigraphStore`` holding one TriG text: a
    ``graph.store.GraphStore``, which is what the views read (through its ``query``)."""

    def load(text: str) -> OxigraphStore:
        store = OxigraphStore()
        store.raw.load(text.encode("utf-8"), format=RdfFormat.TRIG)
        return store

    return load


class BrowserPage:
    """A page in headless Chromium with what it tried to load, every error it raised and its dialogs;
    ``with browser.open(path) as page:`` closes it after checking that it fetched nothing, raised
    nothing and opened no dialog.

    Every request outside ``origin`` (``file:`` for a page opened from a file, a server's base URL for
    a served page) is aborted and recorded in ``remote``, so a test also fails if the page tries to
    reach the network; page errors and console errors (a CSP violation is one) go to ``errors``;
    dialogs are dismissed and their messages kept in ``dialogs`` (a payload that ran would open one).
    """

    def __init__(self, context: Any, target: Path | str, origin: str = "file:",
                 viewport: tuple[int, int] = (1400, 900)) -> None:
        self.origin = origin
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", self._dialog)
        self.page.goto(target if isinstance(target, str) else target.resolve().as_uri())

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.origin):
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_stable(self, frame: Any = None) -> None:
        """Wait until the page (or one of its frames) says it is drawn: ``<body data-stable="true">``."""
        # a selector, not wait_for_function: the pages' CSP forbids the eval that the latter needs
        (frame or self.page).wait_for_selector('body[data-stable="true"]', state="attached", timeout=60_000)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def __enter__(self) -> BrowserPage:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(clean=kind is None)

    def close(self, clean: bool = True) -> None:
        """Close the page; with ``clean``, first check that it fetched nothing, raised nothing and
        opened no dialog."""
        try:
            if clean:
                assert self.remote == [], "the page tried to reach the network"
                assert self.errors == [], "the page raised errors (a CSP violation counts)"
                assert self.dialogs == [], "the page opened a dialog"
        finally:
            self.page.close()


class Browser:
    """Headless Chromium: ``open(path_or_url)`` is a :class:`BrowserPage`."""

    def __init__(self, chromium: Any) -> None:
        self.chromium = chromium

    def open(self, target: Path | str, *, origin: str = "file:", viewport: tuple[int, int] = (1400, 900),
             stable: bool = True) -> BrowserPage:
        """The page at a path (or URL), once it is drawn (``stable``)."""
        page = BrowserPage(self.chromium, target, origin=origin, viewport=viewport)
        if stable:
            page.wait_stable()
        return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, one per test module. Without it, or without playwright, the tests
    that use it skip, except where ACTORGRAPH_REQUIRE_BROWSER is set (``.ci/run`` sets it): there a
    missing browser fails them instead of passing the suite unseen."""
    if not CHROMIUM.exists() and not os.environ.get("ACTORGRAPH_REQUIRE_BROWSER"):
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield Browser(chromium)
        finally:
            chromium.close()
