"""Fuzz the ingest readers: any bytes, JSON lines or metadata give clean Documents or an InputError.

A reader that lets a library exception escape (a UnicodeDecodeError, a
RecursionError, an lxml or gzip error) would abort a whole batch, and with
``skip_bad`` the promise is that one bad article costs only itself.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.ingest import InputError, iter_documents, read_jsonl
from graph.models import Document
from graph.sanitize import clean_label, clean_text

pytestmark = pytest.mark.slow  # hundreds of generated inputs per test

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".jsonl", ".jsonl.gz", ".html", ".rss", ".atom"]
FIELDS = ["text", "id", "url", "title", "published", "outlet"]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
# Strings that look like dates half of the time, so dateparser is exercised, not only rejected.
date_strings = st.text(max_size=30) | st.builds(lambda d, f: d.strftime(f), st.dates(),
                                                st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%d/%m/%y", "%a, %d %b %Y"]))
records = st.dictionaries(st.sampled_from(FIELDS), json_values | st.text() | date_strings, max_size=6)


def assert_clean(documents: list[Document]) -> None:
    for doc in documents:
        assert isinstance(doc.text, str) and doc.text
        assert doc.text == doc.text.strip()
        assert clean_text(doc.text) == (doc.text, [])
        for label in (doc.id, doc.url, doc.title, doc.outlet):
            assert label is None or (isinstance(label, str) and label == clean_label(label) and label)
        assert doc.published is None or isinstance(doc.published, dt.date)
        assert doc.source


def read_all(inputs: list, **kwargs) -> list[Document]:
    """The documents read, or [] when an InputError was raised; any other exception fails the test."""
    warnings: list[str] = []
    try:
        documents = list(iter_documents(inputs, warn=warnings.append, **kwargs))
    except InputError as error:
        assert "\n" not in str(error)
        documents = []
    assert all("\n" not in w for w in warnings)
    assert_clean(documents)
    return documents


@FUZZ
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_readers_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    read_all([path])
    read_all([path], skip_bad=True)


@FUZZ
@given(text=st.text(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_readers_random_text(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    data = text.encode("utf-8", "surrogatepass")
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    read_all([path])


@FUZZ
@given(lines=st.lists(records.map(json.dumps) | st.text(max_size=60) | json_values.map(json.dumps), max_size=6),
       compressed=st.booleans())
def test_fuzz_readers_random_json_lines(tmp_path: Path, lines: list[str], compressed: bool) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    path = tmp_path / ("lines.jsonl.gz" if compressed else "lines.jsonl")
    path.write_bytes(gzip.compress(data) if compressed else data)
    from_file = read_all([path], skip_bad=True)
    from_stdin = read_all(["-"], skip_bad=True, stdin=io.BytesIO(data))
    assert [d.text for d in from_file] == [d.text for d in from_stdin]
    try:
        strict = list(read_jsonl(path, warn=lambda message: None))
    except InputError:
        return
    assert [d.text for d in strict] == [d.text for d in from_file]


@FUZZ
@given(meta=records.map(json.dumps) | json_values.map(json.dumps) | st.text(max_size=80))
def test_fuzz_readers_random_meta_json(tmp_path: Path, meta: str) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Rebels entered Hama on Thursday, a war monitor said.", encoding="utf-8")
    (tmp_path / "article.meta.json").write_bytes(meta.encode("utf-8", "surrogatepass"))
    documents = read_all([article])
    assert len(documents) <= 1


@pytest.mark.parametrize("depth", [pytest.param(100_000, id="deep-array")])
def test_fuzz_readers_deeply_nested_json_is_an_input_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * depth + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="malformed JSON"):
        list(read_jsonl(path))
