"""spaCy components of actorgraph, registered with ``@Language.factory``.

``actorgraph_sentence_guard`` runs before the parser and forbids sentence
starts inside parentheses and after common abbreviations that the small
English model mistakes for sentence ends ("(alt. Assad)", "Gen. Abbas"), so
that the relation rules never see half a sentence.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import default_lexicon

__all__ = ["SentenceGuard"]


class SentenceGuard:
    """Marks tokens that must not start a sentence; the parser respects preset boundaries.

    The abbreviations are the lexicon's ``lex:sentence-abbreviations`` (ontology/lexicon/coref.ttl).

    >>> import spacy
    >>> doc = SentenceGuard()(spacy.blank("en")("Gen. Abbas met (alt. Assad) envoys."))
    >>> [t.text for t in doc if t.is_sent_start is False]
    ['Abbas', 'alt', '.', 'Assad', ')']
    >>> [t.text for t in SentenceGuard(["alt."])(spacy.blank("en")("Gen. Abbas met.")) if t.is_sent_start is False]
    []
    """

    def __init__(self, abbreviations: Iterable[str] | None = None) -> None:
        self.abbreviations = frozenset(abbreviations) if abbreviations is not None else \
            default_lexicon().words("sentence-abbreviations")

    def __call__(self, doc: Doc) -> Doc:
        depth = 0
        after_dateline = _dateline_ends(doc)
        for i, token in enumerate(doc):
            if i in after_dateline:
                token.is_sent_start = True  # "SANAA (AP) — U.S. jets struck ...": the dateline is not the subject
            elif i > 0 and (depth > 0 or doc[i - 1].lower_ in self.abbreviations):
                token.is_sent_start = False
            if token.text in ("(", "["):
                depth += 1
            elif token.text in (")", "]") and depth > 0:
                depth -= 1
            if token.text == "\n\n" or "\n\n" in token.text:
                depth = 0
        return doc


DASHES = frozenset(("-", "--", "—", "–"))


def _dateline_ends(doc: Doc) -> set[int]:
    """Indexes of the first token after a wire dateline ("BEIRUT, Dec 3 (Reuters) -") at a line start.

    >>> import spacy
    >>> doc = spacy.blank("en")("SANAA (AP) — U.S. jets struck Houthi targets. Rebels (many) - fled.")
    >>> [doc[i].text for i in sorted(_dateline_ends(doc))]
    ['U.S.']
    """
    ends: set[int] = set()
    starts = [0] + [t.i + 1 for t in doc[:80] if "\n" in t.text]
    for start in starts:
        for k in range(start + 1, min(start + 16, len(doc) - 2)):
            if doc[k].text == ")" and doc[k + 1].text in DASHES:
                opening = next((j for j in range(k - 1, max(start, k - 5) - 1, -1) if doc[j].text == "("), None)
                head = [t for t in doc[start:opening] if t.is_alpha] if opening is not None else []
                if head and head[0].is_upper and len(head[0]) > 1:
                    ends.add(k + 2)
                break
    return ends


@Language.factory("actorgraph_sentence_guard", assigns=["token.is_sent_start"],
                  default_config={"abbreviations": None})
def make_sentence_guard(nlp: Language, name: str, abbreviations: list[str] | None) -> SentenceGuard:
    """Factory for ``nlp.add_pipe("actorgraph_sentence_guard", before="parser")``; ``abbreviations``
    (config) replaces the bundled lexicon's ``lex:sentence-abbreviations``, e.g. with a user's lexicon read over it."""
    return SentenceGuard(abbreviations)
