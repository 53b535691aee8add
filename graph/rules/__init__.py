"""Typed, sourced relations from the dependency parse: ``Doc`` -> ``Claim``s.

The extraction has three parts:

* **general syntax** (``syntax.py``, ``events.py``): the actors a phrase denotes and where a
  trigger's arguments sit (subjects and objects through conjuncts, appositions, relative
  clauses, passives, possessives, prepositional phrases, force nouns with an actor modifier);
* **stance and time** (``stance.py``): negation, modality, denial, intention, reported speech
  and dates, the same for every rule;
* **a registry of rule records** (``ontology/rules/relations.yaml``, read by ``records.py``):
  name, relation, trigger words (a lexicon key), a DependencyMatcher skeleton, argument roles,
  confidence, PLOVER/CAMEO category, at most one named hook (``hooks/``), and examples.

``dispatch.py`` matches every record's patterns in one pass over a document and turns the
matches into claims; each claim's ``rule`` is the name of the one record that made it.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..actors import ActorDictionary
from ..lexicon import Lexicon, default_lexicon
from ..models import Claim
from .records import Rule, RuleError, bundled_rules, load_rules
from .words import Words

if TYPE_CHECKING:  # spaCy (which dispatch needs) is imported on first use: `actorgraph rules` and --help need none
    from spacy.tokens import Doc

    from .dispatch import Rulebook

__all__ = ["extract_claims", "rulebook", "Rule", "RuleError", "bundled_rules", "load_rules", "Rulebook"]


_BOOKS: dict[int, tuple[Lexicon, Rulebook]] = {}


def rulebook(lexicon: Lexicon | None = None) -> Rulebook:
    """The bundled registry compiled against a lexicon (the bundled one by default), kept per lexicon.

    >>> book = rulebook()
    >>> book is rulebook(), "capture-verbs" in {t.words for r in book.rules for t in r.triggers}
    (True, True)
    """
    from .dispatch import Rulebook

    lexicon = lexicon or default_lexicon()
    kept = _BOOKS.get(id(lexicon))
    if kept is None or kept[0] is not lexicon:
        if len(_BOOKS) > 8:
            _BOOKS.clear()
        kept = _BOOKS[id(lexicon)] = (lexicon, Rulebook(bundled_rules(), Words(lexicon)))
    return kept[1]


def extract_claims(doc: Doc, dictionary: ActorDictionary, published: dt.date | None = None,
                   lexicon: Lexicon | None = None) -> list[Claim]:
    """Every claim in a parsed document, in text order, without exact duplicates.

    The rules read ``lexicon`` (the bundled one by default); see :meth:`Rulebook.claims` for an
    example on a hand-built parse.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> from graph.actors import ActorDictionary
    >>> doc = Doc(Vocab(), words=["The", "SDF", "captured", "Raqqa", "."], heads=[1, 2, 2, 2, 2],
    ...           deps=["det", "nsubj", "ROOT", "dobj", "punct"], pos=["DET", "PROPN", "VERB", "PROPN", "PUNCT"],
    ...           tags=["DT", "NNP", "VBD", "NNP", "."], lemmas=["the", "SDF", "capture", "Raqqa", "."],
    ...           ents=["O", "B-ORG", "O", "B-GPE", "O"])
    >>> [(c.subject.label, c.relation, c.object.label, c.rule) for c in extract_claims(doc, ActorDictionary.bundled())]
    [('Syrian Democratic Forces', 'controls', 'Raqqa', 'controls.verb')]
    """
    return rulebook(lexicon).claims(doc, dictionary, published)


def __getattr__(name: str) -> object:
    """``graph.rules.Rulebook``, imported on first use (it imports spaCy's matcher)."""
    if name == "Rulebook":
        from .dispatch import Rulebook

        return Rulebook
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
