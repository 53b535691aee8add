"""Every error a user can cause is an ActorGraphError with its exit code, so each face reports it alike."""
from __future__ import annotations

import pickle

import pytest

from graph.actors import DictionaryError
from graph.errors import ActorGraphError, StoreError, UsageError
from graph.ingest import InputError
from graph.lexicon import LexiconError
from graph.parallel import ExtractionError, WorkerStartError
from graph.rules.records import RuleError


@pytest.mark.parametrize(("error", "code"), [
    (DictionaryError("mine.ttl: not a usable Turtle actor dictionary"), 2),
    (InputError("news/a.jsonl", "JSON line is not an object", 7), 2),
    (LexiconError("words.ttl: lexicon file not found"), 2),
    (RuleError("rules.yaml: not YAML"), 2),
    (StoreError("out/store: the store is in use by another process"), 2),
    (UsageError("--timeout must be positive"), 2),
    (ExtractionError("--dask tcp://nowhere:8786: cannot reach the Dask scheduler"), 1),
    (WorkerStartError("extraction workers failed to start"), 1),
], ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value))
def test_errors_every_user_error_is_an_actorgraph_error_with_its_code(error, code):
    assert isinstance(error, ActorGraphError)
    assert error.code == code
    assert "\n" not in str(error)


def test_errors_input_error_survives_pickling_with_its_place():
    """Worker processes and Dask send errors back pickled: the file and line must come through."""
    copy = pickle.loads(pickle.dumps(InputError("news/a.jsonl", "not JSON", 3)))
    assert (str(copy), copy.line, isinstance(copy, ActorGraphError)) == ("news/a.jsonl:3: not JSON", 3, True)
