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
from functools import lru_cache

from spacy.tokens import Doc

from ..actors import ActorDictionary
from ..coref import CorefResolver
from ..lexicon import Lexicon, default_lexicon
from ..models import Claim
from .dispatch import Rulebook
from .records import Rule, RuleError, bundled_rules, load_rules
from .syntax import Sentence
from .words import Words

__all__ = ["extract_claims", "rulebook", "Rule", "RuleError", "bundled_rules", "load_rules", "Rulebook"]


@lru_cache(maxsize=8)
def rulebook(lexicon: Lexicon | None = None, rules: tuple[Rule, ...] | None = None) -> Rulebook:
    """The registry compiled against a lexicon (the bundled ones by default), cached."""
    return Rulebook(rules if rules is not None else bundled_rules(), Words(lexicon or default_lexicon()))


def extract_claims(doc: Doc, dictionary: ActorDictionary, published: dt.date | None = None,
                   lexicon: Lexicon | None = None) -> list[Claim]:
    """Every claim in a parsed document, in text order, without exact duplicates."""
    book = rulebook(lexicon)
    coref = CorefResolver(doc, dictionary)
    matches = book.matches(doc)
    claims: list[Claim] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        coref.enter(sent)
        for claim in book.run_sentence(Sentence(sent, dictionary, coref, book.words), matches, published):
            key = (claim.subject.iri, claim.relation, claim.object.iri, claim.char_start, claim.status)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    return claims
