"""graph.doctokens reads the same tokens as the loops over ``Doc`` it replaces, on every real article."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from graph.doctokens import capitalised, lower_case_words, proper_nouns_outside_entities, with_lemma_in, with_lower_in

ROOT = Path(__file__).resolve().parent.parent
REAL_TEXTS = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.mark.parametrize("path", REAL_TEXTS, ids=[p.stem for p in REAL_TEXTS])
def test_doctokens_give_the_tokens_of_the_loops_they_replace(path, nlp):
    doc = nlp.make_doc(path.read_text(encoding="utf-8"))
    expected = [(t.i, t.text, t.lower_, t.is_title) for t in doc if t.is_title or t.is_upper]
    assert [tuple(c) for c in capitalised(doc)] == expected and expected
    assert capitalised(doc) is capitalised(doc)  # kept for the last document
    other = nlp.make_doc("Rebels took HTS.")
    assert [c.text for c in capitalised(other)] == ["Rebels", "HTS"]
    assert lower_case_words(doc) == frozenset(t.text for t in doc if t.is_lower)
    words = frozenset({"it", "the", "they", "group"})
    assert with_lower_in(doc, words) == [t.i for t in doc if t.lower_ in words]


@pytest.mark.slow
def test_doctokens_give_the_tokens_of_the_loops_they_replace_on_parsed_articles():
    """Lemmas, parts of speech, entities and sentence starts need the model: the build's own pipeline."""
    from graph.extract import Extractor

    nlp, seen = Extractor().nlp, [0, 0]
    heads = frozenset({"base", "airport", "prison", "crossing", "dam", "say"})
    for doc in nlp.pipe(p.read_text(encoding="utf-8") for p in REAL_TEXTS[:12]):
        expected = [t.i for t in doc if t.lemma_.lower() in heads]
        assert with_lemma_in(doc, heads) == expected
        seen[0] += len(expected)
        expected = [(t.i, bool(t.is_sent_start)) for t in doc if t.pos_ == "PROPN" and t.is_title and not t.ent_type_]
        assert proper_nouns_outside_entities(doc) == expected
        seen[1] += len(expected)
    assert min(seen) > 0
