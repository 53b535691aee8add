"""Shared fixtures: one real spaCy pipeline and actor dictionary for the whole session."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.config import Settings
from graph.extract import Extractor
from graph.models import Claim, Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PUBLISHED = dt.date(2024, 12, 6)  # a Friday


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline (en_core_web_sm + the actor ruler), loaded once."""
    ex = Extractor(Settings())
    ex.nlp  # noqa: B018  (load now, not inside the first test's timing)
    return ex


@pytest.fixture(scope="session")
def dictionary(extractor):
    return extractor.dictionary


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
