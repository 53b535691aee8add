"""The few tokens of a parsed report that the whole-report scans of the rules look at, read from arrays.

``for token in doc`` makes a ``Token`` object for every token and each attribute read makes a string:
the rules scan every report several times that way (its theatre evidence three times, its countries
twice, its places and facilities once each), most of it to skip the tokens. These functions read the
attributes as ``Doc.to_array`` columns, each distinct word's string once, and give the same tokens in
the same order as the scans did. The table of capitalised words is kept for the last report asked
about (its tokens' words never change once it is parsed), so the repeated scans read it once.

The examples build documents by hand (no model needed).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy

if TYPE_CHECKING:  # spaCy is imported by whoever parsed the report
    from spacy.tokens import Doc

__all__ = ["Capitalised", "capitalised", "lower_case_words", "with_lemma_in", "with_lower_in", "proper_nouns_outside_entities"]


class Capitalised(NamedTuple):
    """A token written in title case or upper case: its index, text, lower case and whether it is title case.

    >>> Capitalised(0, "HTS", "hts", False).lower
    'hts'
    """

    i: int
    text: str
    lower: str
    is_title: bool


_last = threading.local()


def capitalised(doc: "Doc") -> list[Capitalised]:
    """The tokens of ``doc`` that are ``is_title`` or ``is_upper``, in order: ``[t for t in doc if t.is_title
    or t.is_upper]`` as tuples, kept for the last document asked about (per thread).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words="Rebels of HTS took al - Bab and Syria 's north".split())
    >>> [(c.i, c.text, c.lower, c.is_title) for c in capitalised(doc)]
    [(0, 'Rebels', 'rebels', True), (2, 'HTS', 'hts', False), (6, 'Bab', 'bab', True), (8, 'Syria', 'syria', True)]
    >>> capitalised(doc) is capitalised(doc), capitalised(Doc(doc.vocab, words=["the"]))
    (True, [])
    """
    memo = getattr(_last, "capitalised", None)
    if memo is not None and memo[0] is doc and memo[1] == len(doc):
        return memo[2]
    from spacy.attrs import IS_TITLE, IS_UPPER, LOWER, ORTH

    found: list[Capitalised] = []
    if len(doc):
        rows = doc.to_array([ORTH, LOWER, IS_TITLE, IS_UPPER])
        strings = doc.vocab.strings
        for i in numpy.flatnonzero(rows[:, 2] | rows[:, 3]).tolist():
            orth, lower, title, _ = rows[i].tolist()
            found.append(Capitalised(i, strings[orth], strings[lower], bool(title)))
    _last.capitalised = (doc, len(doc), found)
    return found


def lower_case_words(doc: "Doc") -> frozenset[str]:
    """The texts of the tokens of ``doc`` written in lower case: ``frozenset(t.text for t in doc if t.is_lower)``.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> sorted(lower_case_words(Doc(spacy.blank("en").vocab, words="Unity forces took unity Hall 12".split())))
    ['forces', 'took', 'unity']
    """
    if not len(doc):
        return frozenset()
    from spacy.attrs import IS_LOWER, ORTH

    rows = doc.to_array([ORTH, IS_LOWER])
    strings = doc.vocab.strings
    return frozenset(strings[orth] for orth in numpy.unique(rows[rows[:, 1] != 0, 0]).tolist())


def with_lemma_in(doc: "Doc", lemmas: frozenset[str]) -> list[int]:
    """Indexes, in order, of the tokens of ``doc`` whose lemma in lower case is one of ``lemmas``:
    ``[t.i for t in doc if t.lemma_.lower() in lemmas]``.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words="the Base and two bases".split(), lemmas="the Base and two base".split())
    >>> with_lemma_in(doc, frozenset({"base"}))
    [1, 4]
    """
    from spacy.attrs import LEMMA

    return _with(doc, LEMMA, lambda lemma: lemma.lower() in lemmas)


def with_lower_in(doc: "Doc", words: frozenset[str]) -> list[int]:
    """Indexes, in order, of the tokens of ``doc`` whose lower case is one of ``words``:
    ``[t.i for t in doc if t.lower_ in words]``.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> with_lower_in(Doc(spacy.blank("en").vocab, words="It said it took it".split()), frozenset({"it"}))
    [0, 2, 4]
    """
    from spacy.attrs import LOWER

    return _with(doc, LOWER, words.__contains__)


def _with(doc: "Doc", attr: int, wanted: Callable[[str], bool]) -> list[int]:
    """Indexes, in order, of the tokens whose value of ``attr`` (a string's id) is ``wanted``, each
    distinct value's string tested once."""
    if not len(doc):
        return []
    column = doc.to_array([attr]).reshape(-1)
    strings = doc.vocab.strings
    ids = [value for value in set(column.tolist()) if wanted(strings[value])]
    if not ids:
        return []
    return numpy.flatnonzero(numpy.isin(column, numpy.array(ids, dtype=column.dtype))).tolist()


def proper_nouns_outside_entities(doc: "Doc") -> list[tuple[int, bool]]:
    """(index, starts a sentence?) of the tokens of ``doc`` tagged ``PROPN``, written in title case and in no
    entity, in order: ``[(t.i, bool(t.is_sent_start)) for t in doc if t.pos_ == "PROPN" and t.is_title and
    not t.ent_type_]``.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words="Rebels took Tel Jadid from Assad".split(),
    ...           pos="NOUN VERB PROPN PROPN ADP PROPN".split(), ents="O O O O O B-PERSON".split())
    >>> proper_nouns_outside_entities(doc)
    [(2, False), (3, False)]
    """
    if not len(doc):
        return []
    from spacy.attrs import ENT_TYPE, IS_TITLE, POS, SENT_START
    from spacy.parts_of_speech import PROPN

    rows = doc.to_array([POS, IS_TITLE, ENT_TYPE, SENT_START])
    wanted = numpy.flatnonzero((rows[:, 0] == PROPN) & (rows[:, 1] != 0) & (rows[:, 2] == 0))
    starts = rows[wanted, 3].astype(numpy.int64) > 0  # SENT_START: 1, -1 (as the largest uint64) or 0
    return list(zip(wanted.tolist(), starts.tolist()))
