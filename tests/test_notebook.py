"""notebooks/quickstart.ipynb runs top to bottom in a real Jupyter kernel, so it never rots."""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # runs the notebook in a Jupyter kernel, which builds the examples

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    """The notebook after a run in a python3 kernel started from the notebooks/ folder, importing the
    ``graph`` these tests import (tests/conftest.py sets the environment kernels inherit)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300,
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


def _text(nb: nbformat.NotebookNode) -> str:
    return "".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
                   if out.output_type == "stream")


def _html(nb: nbformat.NotebookNode) -> list[str]:
    return [out["data"]["text/html"] for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
            if out.output_type == "execute_result" and "text/html" in out.get("data", {})]


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not cell.outputs and cell.execution_count is None for cell in nb.cells if cell.cell_type == "code")


def test_notebook_runs_without_errors(executed):
    errors = [out for cell in executed.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error" or out.get("name") == "stderr"]
    assert errors == []


@pytest.mark.parametrize("expected", [
    pytest.param("5 documents, ", id="build"),
    pytest.param("\nevidence ", id="canned-query-list"),
    pytest.param("Syrian government -> https://w3id.org/actorgraph/id/actor/assad-government", id="resolve"),
    pytest.param("backed by Russia: ", id="backers"),
    pytest.param("Aleppo, as of 2024-12-08: ", id="controller"),
    pytest.param("[Syria: Conflict Resurgence]", id="evidence"),
    pytest.param("armed groups: ", id="actors"),
    pytest.param("Alliance blocs:\n - ", id="blocs"),
    pytest.param("Unbalanced triads:\n - ", id="triads"),
    pytest.param("Most central actors:\n - ", id="central"),
])
def test_notebook_shows_key_outputs(executed, expected):
    assert expected in _text(executed)


def test_notebook_shows_the_page_inline_escaped(executed):
    (output,) = _html(executed)
    match = re.fullmatch(r'<div><iframe srcdoc="([^"<]*)" sandbox="allow-scripts" style="[^"]*"></iframe></div>',
                         output)
    assert match is not None  # the whole page sits, escaped, in one attribute
    page = html.unescape(match.group(1))
    assert page.startswith("<!DOCTYPE html>") and "Hayat Tahrir al-Sham" in page
