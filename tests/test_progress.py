"""The build's progress bar (the command line passes it to the library as a callback)."""
from __future__ import annotations

import contextlib
import io

from graph.models import Document
from graph.progress import BuildProgress


def test_progress_counts_words_and_relations(reference, documents):
    progress = BuildProgress(enabled=False)
    for document, claims in zip(documents, reference):
        progress(document, claims)
    assert progress.documents == 3
    assert progress.words == sum(len(d.text.split()) for d in documents)
    assert progress.relations == sum(1 for cs in reference for c in cs if c.status == "asserted") > 0


def test_progress_bar_writes_on_stderr_only_when_enabled():
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        quiet = BuildProgress(enabled=False)
        quiet(Document(text="Rebels took Hama."), [])
        quiet.close()
    assert err.getvalue() == ""
    with contextlib.redirect_stderr(err):
        loud = BuildProgress(enabled=True)
        loud(Document(text="Rebels took Hama."), [])
        loud.close()
    assert "extracting: 1 docs" in err.getvalue()
