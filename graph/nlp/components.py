"""spaCy components of actorgraph, registered with ``@Language.factory``.

``actorgraph_sentence_guard`` runs before the parser and forbids sentence
starts inside parentheses and after common abbreviations that the small
English model mistakes for sentence ends ("(alt. Assad)", "Gen. Abbas"), so
that the relation rules never see half a sentence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["SentenceGuard"]

#: abbreviations after which a capitalised word does not start a sentence
ABBREVIATIONS = frozenset(
    "alt. gen. col. lt. maj. capt. sgt. mr. mrs. ms. dr. st. no. approx. est. vs. e.g. i.e. cf. sen. rep. gov. "
    "pres. adm. brig. cmdr. lt.-col.".split()
)


class SentenceGuard:
    """Marks tokens that must not start a sentence; the parser respects preset boundaries.

    >>> import spacy
    >>> doc = SentenceGuard()(spacy.blank("en")("Gen. Abbas met (alt. Assad) envoys."))
    >>> [t.text for t in doc if t.is_sent_start is False]
    ['Abbas', 'alt', '.', 'Assad', ')']
    """

    def __call__(self, doc: Doc) -> Doc:
        depth = 0
        for i, token in enumerate(doc):
            if i > 0 and (depth > 0 or doc[i - 1].lower_ in ABBREVIATIONS):
                token.is_sent_start = False
            if token.text in ("(", "["):
                depth += 1
            elif token.text in (")", "]") and depth > 0:
                depth -= 1
            if token.text == "\n\n" or "\n\n" in token.text:
                depth = 0
        return doc


@Language.factory("actorgraph_sentence_guard", assigns=["token.is_sent_start"])
def make_sentence_guard(nlp: Language, name: str) -> SentenceGuard:
    """Factory for ``nlp.add_pipe("actorgraph_sentence_guard", before="parser")``."""
    return SentenceGuard()
