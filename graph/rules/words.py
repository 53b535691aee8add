"""The word lists the rules read, by lexicon key (``ontology/lexicon/relations.ttl``).

The rules never hold a word list of their own: ``Words(lexicon).force_nouns`` is the
lexicon entry ``force-nouns`` (attribute names are the keys with ``_`` for ``-``), looked
up once and kept, so a user's ``--lexicon`` file changes what every rule reads.
"""
from __future__ import annotations

from ..lexicon import Lexicon

__all__ = ["Words"]


class Words:
    """Attribute access to a lexicon's word sets and form maps.

    >>> from graph.lexicon import default_lexicon
    >>> w = Words(default_lexicon())
    >>> "capture" in w.capture_verbs, w.form("retook"), w.form("seized")
    (True, 'retake', 'seized')
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.forms: dict[str, str] = lexicon.pairs("relation-forms")

    def __getattr__(self, name: str) -> frozenset[str]:
        if name.startswith("_"):
            raise AttributeError(name)
        words = self.lexicon.words(name.replace("_", "-"))
        setattr(self, name, words)  # looked up once per Words
        return words

    def form(self, lower: str) -> str:
        """The lemma of a surface form the lemmatizer misses, else the form itself.

        >>> from graph.lexicon import default_lexicon
        >>> Words(default_lexicon()).form("overran")
        'overrun'
        """
        return self.forms.get(lower, lower)

    def key(self, key: str) -> frozenset[str]:
        """The words of a kebab-case key (for keys named in rule records).

        >>> from graph.lexicon import default_lexicon
        >>> sorted(Words(default_lexicon()).key("lead-verbs"))
        ['chair', 'command', 'head', 'lead']
        """
        return getattr(self, key.replace("-", "_"))
