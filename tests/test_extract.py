"""Extraction: chunking, streaming order, and identical claims whatever the speed settings."""
from __future__ import annotations

import dataclasses

import pytest

from graph.config import Settings
from graph.extract import Extractor, chunks
from graph.models import Document
from graph.nlp.pipeline import NEEDED_COMPONENTS, build_nlp


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("aa\n\nbb\n\ncc", 5, ["aa\n\n", "bb\n\n", "cc"]),
    ("one two three four", 9, ["one two ", "three ", "four"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("short", 100, ["short"]),
    ("", 10, []),
], ids=["paragraphs", "spaces", "no-break", "fits", "empty"])
def test_extract_chunks_cut_at_breaks_and_cover_the_text(text, limit, expected):
    pieces = list(chunks(text, limit))
    assert [p for _, p in pieces] == expected
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_extract_yields_documents_in_input_order(extractor, documents):
    shuffled = [documents[2], documents[0], documents[1]]
    assert [d.id for d, _ in extractor.extract(shuffled)] == [d.id for d in shuffled]


def test_extract_long_document_claims_point_into_the_whole_text(extractor, documents, reference):
    """A text cut into chunks gives claims whose offsets are those of the unsplit text."""
    small = Extractor(dataclasses.replace(extractor.settings, max_chunk_chars=600), extractor.dictionary)
    small.nlp = extractor.nlp  # same pipeline: only the chunking differs
    ((document, claims),) = list(small.extract([documents[0]]))
    assert len(list(chunks(document.text, 600))) > 3
    assert claims, "the long article lost all its claims when chunked"
    for claim in claims:
        assert " ".join(document.text[claim.char_start:claim.char_end].split()) == " ".join(claim.sentence.split())


@pytest.mark.parametrize("batch_size", [1, 7, 256], ids=["batch-1", "batch-7", "batch-256"])
def test_extract_batch_size_gives_identical_claims(extractor, documents, reference, batch_size):
    other = Extractor(dataclasses.replace(extractor.settings, batch_size=batch_size), extractor.dictionary)
    other.nlp = extractor.nlp
    assert [claims for _, claims in other.extract(documents)] == reference


def test_extract_blis_and_openblas_give_identical_claims(extractor, documents, reference):
    """Thinc's matrix products through OpenBLAS (the default, faster here) change no claim."""
    with_blis = Extractor(extractor.settings, extractor.dictionary)
    with_blis.nlp = build_nlp(extractor.settings, extractor.dictionary.ruler_aliases(), openblas=False)
    assert [claims for _, claims in with_blis.extract(documents)] == reference
    assert sum(len(c) for c in reference) > 20


def test_extract_one_sentence_gives_its_claim(extractor):
    [(document, claims)] = extractor.extract([Document("Turkey backs the Syrian National Army.", id="d1")])
    assert (document.id, [(c.subject.label, c.relation, c.object.label, c.status) for c in claims]) == \
        ("d1", [("Turkey", "backs", "Syrian National Army", "asserted")])


@pytest.mark.slow
def test_extract_pipeline_guards_sentences_and_rules_actors_before_ner():
    nlp = build_nlp(Settings(), {"SNA": ("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup")})
    names = [n for n in nlp.pipe_names if n in ("actorgraph_sentence_guard", "parser", "actor_ruler", "ner")]
    assert names == ["actorgraph_sentence_guard", "parser", "actor_ruler", "ner"]
    assert [(e.text, e.label_, e.ent_id_) for e in nlp("Turkey backs the SNA.").ents if e.ent_id_] == \
        [("SNA", "ArmedGroup", "https://w3id.org/actorgraph/id/actor/sna")]


def test_extract_pipeline_keeps_what_the_rules_read(extractor):
    names = extractor.nlp.pipe_names
    assert {"tagger", "attribute_ruler", "lemmatizer", "parser", "ner", "actor_ruler"} <= set(names)
    assert names.index("actor_ruler") < names.index("ner")
    assert all(n in NEEDED_COMPONENTS or n.startswith(("actor", "actorgraph")) for n in names)
