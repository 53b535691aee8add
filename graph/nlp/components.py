"""spaCy components of actorgraph, registered with ``@Language.factory``.

``actorgraph_sentence_guard`` runs before the parser and forbids sentence
starts inside parentheses and after common abbreviations that the small
English model mistakes for sentence ends ("(alt. Assad)", "Gen. Abbas"), so
that the relation rules never see half a sentence.

``actorgraph_actor_ruler`` is spaCy's EntityRuler with every alias of the actor dictionary as a
phrase: names on lower case, acronyms on their exact spelling (a second PhraseMatcher on ``ORTH``),
so that no pattern is tried token by token.

``actorgraph_attribute_ruler`` is spaCy's AttributeRuler that finds the matches of its fixed patterns
("this tag", "this word with this tag") by dictionary lookups over the document's attribute array
instead of trying each of the model's ~180 patterns at every token; its matches, and so the tags,
POS, morphology and lemmas it sets, are the Matcher's (tests/test_pipeline.py compares them).

``actorgraph_lemmatizer`` runs the model's rule lemmatizer once per distinct word, part of speech and
morphology of a document (its lemmas depend on nothing else), not once per token, and sets the
lemmas in one ``Doc.from_array``: the same lemmas (tests/test_pipeline.py compares them).
"""
from __future__ import annotations

import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

import numpy
from spacy.attrs import IDS, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import AttributeRuler, EntityRuler, Lemmatizer
from spacy.tokens import Doc

from ..actors import ACRONYM
from ..lexicon import default_lexicon

__all__ = ["SentenceGuard", "ActorRuler", "IndexedAttributeRuler", "DistinctLemmatizer", "ACRONYM"]



class SentenceGuard:
    """Marks tokens that must not start a sentence; the parser respects preset boundaries.

    The abbreviations are the lexicon's ``lex:sentence-abbreviations`` (ontology/lexicon/coref.ttl).

    >>> import spacy
    >>> doc = SentenceGuard()(spacy.blank("en")("Gen. Abbas met (alt. Assad) envoys."))
    >>> [t.text for t in doc if t.is_sent_start is False]
    ['Abbas', 'alt', '.', 'Assad', ')']
    >>> [t.text for t in SentenceGuard(["alt."])(spacy.blank("en")("Gen. Abbas met.")) if t.is_sent_start is False]
    []
    >>> [t.i for t in SentenceGuard()(spacy.blank("en")("Rebels take Sirte\\n\\nRebels took Sirte.")) if t.is_sent_start]
    [0, 4]
    """

    def __init__(self, abbreviations: Iterable[str] | None = None) -> None:
        self.abbreviations = frozenset(abbreviations) if abbreviations is not None else \
            default_lexicon().words("sentence-abbreviations")
        #: a token text's id -> its bits (:func:`_kind`); a lower-case id -> whether it is an abbreviation
        self._kinds: dict[int, int] = {}
        self._abbreviation_ids: dict[int, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the boundaries from the tokens' ``ORTH``, ``LOWER`` and ``IS_SPACE`` ids (``Doc.to_array``),
        each distinct id read once, so that only the tokens whose boundary is set are made ``Token``
        objects: the same settings as a loop over the tokens, in a fifth of its time (bench/README.md)."""
        if not len(doc):
            return doc
        after_dateline = _dateline_ends(doc)
        rows = doc.to_array([ORTH, LOWER, IS_SPACE])
        strings = doc.vocab.strings
        orths, at_orth = numpy.unique(rows[:, 0], return_inverse=True)
        lowers, at_lower = numpy.unique(rows[:, 1], return_inverse=True)
        kinds = numpy.array([self._kind(orth, strings) for orth in orths.tolist()], dtype=numpy.uint8)
        abbreviation = numpy.array([self._is_abbreviation(lower, strings) for lower in lowers.tolist()], dtype=numpy.uint8)
        flags = kinds[at_orth.reshape(-1)] | (abbreviation[at_lower.reshape(-1)] << 3) | \
            (rows[:, 2].astype(numpy.uint8) << 4)
        starts: list[int] = []
        inside: list[int] = []  # tokens that must not start a sentence
        depth = previous = 0  # the token before's flags
        for i, flag in enumerate(flags.tolist()):
            if i in after_dateline or (previous & _BREAK and not flag & _SPACE):
                starts.append(i)  # a dateline, or a paragraph break after a headline with no full stop
            elif i > 0 and (depth > 0 or previous & _ABBREVIATION):
                inside.append(i)
            if flag & _OPENS:
                depth += 1
            elif flag & _CLOSES and depth > 0:
                depth -= 1
            if flag & _BREAK:
                depth = 0
            previous = flag
        if (starts or inside) and doc.has_annotation("DEP"):
            doc[(starts or inside)[0]].is_sent_start = True  # spaCy's error for a parsed document (E043)
        # all at once: ``Token.is_sent_start = ...`` checks the whole document for a parse at every token set
        values = doc.to_array(SENT_START)
        values[starts] = 1
        values[inside] = _NOT_START
        doc.from_array([SENT_START], values)
        return doc

    def _kind(self, orth: int, strings) -> int:
        """The :func:`_kind` bits of a token text's id (remembered by id)."""
        found = self._kinds.get(orth)
        if found is None:
            found = self._kinds[orth] = _kind(strings[orth])
        return found

    def _is_abbreviation(self, lower: int, strings) -> bool:
        """Whether a token, by its ``LOWER`` id, is an abbreviation (remembered by id)."""
        found = self._abbreviation_ids.get(lower)
        if found is None:
            found = self._abbreviation_ids[lower] = strings[lower] in self.abbreviations
        return found


#: what :class:`SentenceGuard` reads of a token's text, as bits: an opening or a closing bracket, a paragraph break
_OPENS, _CLOSES, _BREAK = 1, 2, 4
#: the bits :class:`SentenceGuard` adds: the token's lower case is an abbreviation, the token is white space
_ABBREVIATION, _SPACE = 8, 16
#: ``SENT_START`` of a token that starts no sentence (-1) as ``Doc.to_array`` gives it
_NOT_START = numpy.iinfo(numpy.uint64).max


def _kind(text: str) -> int:
    """The :class:`SentenceGuard` bits of a token's text.

    >>> _kind("("), _kind("]"), _kind("\\n\\n"), _kind(" \\n\\n "), _kind("Assad")
    (1, 2, 4, 4, 0)
    """
    return (_OPENS if text in ("(", "[") else 0) | (_CLOSES if text in (")", "]") else 0) | \
        (_BREAK if "\n\n" in text else 0)


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


class ActorRuler(EntityRuler):
    """An EntityRuler whose acronyms are phrase patterns on ``ORTH`` instead of token patterns.

    The EntityRuler tries every token pattern at every token: the dictionary's ~300 acronyms as
    ``[{"ORTH": ...}]`` patterns took 80% of the ruler's time (bench/README.md). A PhraseMatcher on
    ``ORTH`` finds the same spans with one hash lookup per token; its matches join the lower-case
    phrase matches and are resolved by the EntityRuler's own ``set_annotations`` (longest first, then
    leftmost), so the entities are the token ruler's (tests/test_pipeline.py compares them).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("actorgraph_actor_ruler", config={"phrase_matcher_attr": "LOWER"})
    >>> ruler.add_aliases({"US": ("https://w3id.org/actorgraph/id/actor/united-states", "State"),
    ...                    "National Army": ("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup")})
    >>> [(e.text, e.label_) for e in nlp("let us see: the US and the national army").ents]
    [('US', 'State'), ('national army', 'ArmedGroup')]
    """

    def __init__(self, nlp: Language, name: str = "actor_ruler", **config: object) -> None:
        super().__init__(nlp, name, **config)
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH", validate=self._validate)

    def add_aliases(self, aliases: Mapping[str, tuple[str, str]]) -> None:
        """Add ``aliases`` (alias -> (actor IRI, class name)): an :data:`ACRONYM` on its spelling, any
        other alias on lower case. Each alias is tokenised once, and the patterns of one actor and
        class are added in one call (the EntityRuler's ``add_patterns`` tokenises each phrase through
        ``nlp.pipe`` and adds it alone).

        >>> import spacy
        >>> ruler = spacy.blank("en").add_pipe("actorgraph_actor_ruler")
        >>> ruler.add_aliases({"SDF": ("https://w3id.org/actorgraph/id/actor/sdf", "ArmedGroup"), "": ("x", "y")})
        >>> len(ruler), ruler.patterns
        (1, [{'label': 'ArmedGroup', 'pattern': [{'ORTH': 'SDF'}], 'id': 'https://w3id.org/actorgraph/id/actor/sdf'}])
        """
        names = sorted(aliases)
        exact: dict[str, list[Doc]] = defaultdict(list)
        phrases: dict[str, list[Doc]] = defaultdict(list)
        for name, pattern in zip(names, self.nlp.tokenizer.pipe(names)):
            if not len(pattern):
                continue
            iri, label = aliases[name]
            key = self._create_label(label, iri)
            self._ent_ids[self.nlp.vocab.strings.add(key)] = (label, iri)
            (exact if ACRONYM.match(name) else phrases)[key].append(pattern)
        for key, patterns in phrases.items():
            self.phrase_patterns[key].extend(patterns)
            self.phrase_matcher.add(key, patterns)
        for key, patterns in exact.items():
            self.token_patterns[key].extend([{"ORTH": t.text} for t in p] for p in patterns)
            self.exact_matcher.add(key, patterns)

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The EntityRuler's matches with the acronyms', longest first, then leftmost.

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> ruler = nlp.add_pipe("actorgraph_actor_ruler", config={"phrase_matcher_attr": "LOWER"})
        >>> ruler.add_aliases({"IS": ("https://w3id.org/actorgraph/id/actor/is", "ArmedGroup"),
        ...                    "IS fighters": ("https://w3id.org/actorgraph/id/actor/is", "ArmedGroup")})
        >>> [(start, end) for _, start, end in ruler.match(nlp("it is IS and is fighters, IS fighters"))]
        [(4, 6), (7, 9), (2, 3), (7, 8)]
        """
        found = {m for m in self.exact_matcher(doc) if m[1] != m[2]}
        found.update(super().match(doc))
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def clear(self) -> None:
        """Remove every pattern, the acronyms' too.

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> ruler = nlp.add_pipe("actorgraph_actor_ruler")
        >>> ruler.add_aliases({"SDF": ("https://w3id.org/actorgraph/id/actor/sdf", "ArmedGroup")})
        >>> len(ruler), len(ruler.exact_matcher), ruler.clear(), len(ruler), len(ruler.exact_matcher)
        (1, 1, None, 0, 0)
        """
        super().clear()
        self.exact_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH", validate=self._validate)


@Language.factory(
    "actorgraph_actor_ruler", assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"phrase_matcher_attr": None, "validate": False, "overwrite_ents": False, "ent_id_sep": "||",
                    "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
                    "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"}})
def make_actor_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None, validate: bool,
                     overwrite_ents: bool, ent_id_sep: str, matcher_fuzzy_compare: Callable,
                     scorer: Callable | None) -> ActorRuler:
    """Factory for ``nlp.add_pipe("actorgraph_actor_ruler")``; the config is the EntityRuler's."""
    return ActorRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                      overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep,
                      matcher_fuzzy_compare=matcher_fuzzy_compare, scorer=scorer)


#: token attributes that the Matcher compares by plain equality of their ``Doc.to_array`` value
_EQUALITY_ATTRS = frozenset(("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
                             "IS_DIGIT"))


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, matching its fixed patterns by lookups in dictionaries.

    A pattern is *fixed* when each of its tokens is a dict of ``ATTR: value``, ``ATTR: {"IN": [...]}`` or
    ``ATTR: {"NOT_IN": [...]}`` (no ``OP``, no ``REGEX``) on attributes the Matcher compares by equality
    (:data:`_EQUALITY_ATTRS`). The patterns are indexed by their first token's attributes and values (an
    ``IN`` under each of its values); a document's attributes are read once into an array, each token
    looks its values up in each index (en_core_web_sm's 179 patterns make 9 such indexes), and the
    ``NOT_IN`` sets and the later tokens of a longer pattern are checked after. Any other pattern (3 of
    en_core_web_sm's, with a ``REGEX``) stays on a Matcher of its own. The matches are then sorted and applied exactly as
    the AttributeRuler's (``set_annotations``, rule order: a later rule wins).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("actorgraph_attribute_ruler")
    >>> ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN"})
    >>> ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"POS": "PROPN"}, index=1)
    >>> ruler.add([[{"LOWER": {"IN": ["us"]}, "TAG": "PRP"}]], {"POS": "PRON"})
    >>> doc = ruler(Doc(nlp.vocab, words="Ali saw us in new york".split(), tags="NNP VBD PRP IN JJ NN".split()))
    >>> [t.pos_ for t in doc]
    ['PROPN', '', 'PRON', '', '', 'PROPN']
    """

    def add(self, patterns, attrs, index: int = 0) -> None:  # types as AttributeRuler.add's
        """AttributeRuler.add; the indexes are rebuilt on the next match.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> nlp = spacy.blank("en")
        >>> ruler = nlp.add_pipe("actorgraph_attribute_ruler")
        >>> ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN"})
        >>> doc = Doc(nlp.vocab, words=["Homs"], tags=["NNP"])
        >>> len(ruler.match(doc)), ruler.add([[{"LOWER": "homs"}]], {"POS": "NOUN"}), len(ruler.match(doc))
        (1, None, 2)
        """
        super().add(patterns, attrs, index)
        self._index = None

    def clear(self) -> None:
        """AttributeRuler.clear; the indexes are rebuilt on the next match.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> nlp = spacy.blank("en")
        >>> ruler = nlp.add_pipe("actorgraph_attribute_ruler")
        >>> ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN"})
        >>> doc = Doc(nlp.vocab, words=["Homs"], tags=["NNP"])
        >>> len(ruler.match(doc)), ruler.clear(), ruler.match(doc)
        (1, None, [])
        """
        super().clear()
        self._index = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted as AttributeRuler.match sorts them.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> nlp = spacy.blank("en")
        >>> ruler = nlp.add_pipe("actorgraph_attribute_ruler")
        >>> ruler.add([[{"LOWER": "al"}, {"TAG": "NNP"}]], {"POS": "PROPN"}, index=1)
        >>> ruler.add([[{"TAG": {"IN": ["NN", "NNP"]}}]], {"POS": "NOUN"})
        >>> [(rule, start, end) for rule, _, start, end in ruler.match(Doc(nlp.vocab, words="al Bab town".split(),
        ...                                                                  tags="NNP NNP NN".split()))]
        [(0, 0, 2), (1, 0, 1), (1, 1, 2), (1, 2, 3)]
        """
        if getattr(self, "_index", None) is None:
            self._index = _FixedPatterns(self)
        return self._index.match(doc)


class _TokenTest(NamedTuple):
    """One pattern token as lookups: the values its ``columns`` may have (an ``IN`` gives several),
    and (column, values) pairs it must not have (``NOT_IN``)."""

    columns: tuple[int, ...]
    allowed: frozenset
    excluded: tuple[tuple[int, frozenset[int]], ...]

    def passes(self, row: list[int]) -> bool:
        return _getter(self.columns)(row) in self.allowed and all(row[c] not in ex for c, ex in self.excluded)


class _FixedPatterns:
    """The fixed patterns of an AttributeRuler indexed by their first token, and a Matcher for the rest."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs: list[str] = []  # the columns of the documents' arrays
        #: first token's columns -> one of its allowed values -> [(rule, match id, first token, later tokens)]
        self.first: dict[tuple[int, ...], dict[object, list[tuple[int, int, _TokenTest, list[_TokenTest]]]]] = {}
        self.rest = Matcher(ruler.vocab, validate=False)
        strings = ruler.vocab.strings
        for rule in range(len(ruler.attrs)):
            key = strings.add(str(rule))
            for pattern in ruler.matcher.get(key)[1]:
                tests = [self._test(token, strings) for token in pattern]
                if not tests or None in tests:
                    self.rest.add(key, [pattern])
                    continue
                head = tests[0]
                for values in head.allowed:
                    self.first.setdefault(head.columns, {}).setdefault(values, []).append((rule, key, head, tests[1:]))
        #: a token's row of attributes -> the (rule, match id) of the one-token patterns it matches, and the
        #: (rule, match id, later tokens) of the longer ones its first token passes: what depends on that
        #: row alone, looked up once per distinct row (most rows recur: "the", "said", each tag)
        self._by_row: dict[tuple, tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, list[_TokenTest]], ...]]] = {}

    def _test(self, token: dict, strings) -> _TokenTest | None:
        """A pattern token as a :class:`_TokenTest`, or None if the Matcher compares it otherwise."""
        options: dict[int, list[int]] = {}
        excluded: list[tuple[int, frozenset[int]]] = []
        for name, value in token.items():
            attr = name.upper()
            if attr not in _EQUALITY_ATTRS:
                return None
            if attr not in self.attrs:
                self.attrs.append(attr)
            column = self.attrs.index(attr)
            if isinstance(value, dict):
                if len(value) != 1 or not set(value) <= {"IN", "NOT_IN"} or \
                        not all(isinstance(v, (str, int)) for v in next(iter(value.values()))):
                    return None
                (predicate, members), = value.items()
                ids = [strings.add(v) if isinstance(v, str) else v for v in members]
                if predicate == "IN":
                    options[column] = ids
                else:
                    excluded.append((column, frozenset(ids)))
            elif isinstance(value, (str, int, bool)):
                options[column] = [strings.add(value) if isinstance(value, str) else int(value)]
            else:
                return None
        columns = tuple(sorted(options))
        allowed = frozenset(_key(combination) for combination in itertools.product(*(options[c] for c in columns)))
        return _TokenTest(columns, allowed, tuple(excluded))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        strings = doc.vocab.strings
        found = {(int(strings[key]), key, start, end)
                 for key, start, end in self.rest(doc, allow_missing=True, as_spans=False)} if len(self.rest) else set()
        if self.first:
            rows = doc.to_array([IDS[a] for a in self.attrs]).tolist() if self.attrs else [() for _ in doc]
            rows = [(r,) for r in rows] if len(self.attrs) == 1 else list(map(tuple, rows))  # one attribute: 1-D
            n = len(rows)
            by_row = self._by_row
            if len(by_row) > 500_000:
                by_row.clear()  # bounded, whatever the documents' vocabulary
            for i, row in enumerate(rows):
                hits = by_row.get(row)
                if hits is None:
                    hits = by_row[row] = self._row_hits(row)
                singles, longer = hits
                for rule, key in singles:
                    found.add((rule, key, i, i + 1))
                for rule, key, later in longer:
                    end = i + 1 + len(later)
                    if end <= n and all(test.passes(rows[i + 1 + k]) for k, test in enumerate(later)):
                        found.add((rule, key, i, end))
        return sorted(found)

    def _row_hits(self, row: tuple) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, list[_TokenTest]], ...]]:
        """The patterns a token with this row starts: the one-token ones it matches, the longer ones whose
        first token it passes."""
        singles, longer = [], []
        for columns, by_values in self.first.items():
            for rule, key, head, later in by_values.get(_getter(columns)(row), ()):
                if not all(row[c] not in ex for c, ex in head.excluded):
                    continue
                if later:
                    longer.append((rule, key, later))
                else:
                    singles.append((rule, key))
        return tuple(singles), tuple(longer)


def _key(values: tuple[int, ...]) -> object:
    """Values as :func:`_getter` of their columns gives them: one value alone, several as a tuple."""
    return values[0] if len(values) == 1 else tuple(values)


def _getter(columns: tuple[int, ...]) -> Callable[[list[int]], object]:
    """The values of ``columns`` in a row: ``itemgetter`` (a value for one column, a tuple for several)."""
    return operator.itemgetter(*columns) if columns else (lambda row: ())


@Language.factory("actorgraph_attribute_ruler", default_config={"validate": False,
                  "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool,
                                 scorer: Callable | None) -> IndexedAttributeRuler:
    """Factory for ``nlp.add_pipe("actorgraph_attribute_ruler")``; the config is the AttributeRuler's."""
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


class DistinctLemmatizer:
    """A rule-mode spaCy ``Lemmatizer`` (the model's own, set by :meth:`use`) asked once per distinct
    (``ORTH``, ``POS``, ``MORPH``) of the tokens it would lemmatise, the lemmas set in one ``Doc.from_array``.

    The rule lemmatizer's lemma is a function of those three (its own cache is keyed by them), but it is
    asked token by token, through a ``Token`` and a string per token; so the lemmas are the same, for a
    fifth of the CPU (bench/README.md). Its ids are remembered across documents, as its cache is.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> nlp = spacy.blank("en")
    >>> rule = Lemmatizer(nlp.vocab, None, mode="rule")
    >>> for table, data in (("lemma_rules", {"noun": [["s", ""]]}), ("lemma_index", {}), ("lemma_exc", {})):
    ...     _ = rule.lookups.add_table(table, data)
    >>> lemmatizer = DistinctLemmatizer()
    >>> lemmatizer.use(rule)
    >>> doc = Doc(nlp.vocab, words="rebels took towns and rebels".split(), pos="NOUN VERB NOUN CCONJ NOUN".split())
    >>> doc[1].lemma_ = "take"
    >>> [t.lemma_ for t in lemmatizer(doc)]
    ['rebel', 'take', 'town', 'and', 'rebel']
    """

    def __init__(self) -> None:
        self.lemmatizer: Lemmatizer | None = None
        self._ids: dict[tuple[int, int, int], int] = {}

    def use(self, lemmatizer: Lemmatizer) -> None:
        """Ask ``lemmatizer`` (a rule-mode one) for the lemmas.

        >>> import spacy
        >>> DistinctLemmatizer().use(Lemmatizer(spacy.blank("en").vocab, None, mode="lookup"))
        Traceback (most recent call last):
        ...
        ValueError: only a rule-mode lemmatizer is asked per distinct word, not mode 'lookup'
        """
        if lemmatizer.mode != "rule":
            raise ValueError(f"only a rule-mode lemmatizer is asked per distinct word, not mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self._ids = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer is None:
            raise ValueError("DistinctLemmatizer.use(lemmatizer) was not called")
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = numpy.arange(len(doc)) if lemmatizer.overwrite else numpy.flatnonzero(rows[:, 3] == 0)
        if not len(todo):
            return doc
        keys, first, at = numpy.unique(rows[todo, :3], axis=0, return_index=True, return_inverse=True)
        ids, strings = self._ids, doc.vocab.strings
        found = []
        for key, i in zip(map(tuple, keys.tolist()), todo[first].tolist()):
            lemma = ids.get(key)
            if lemma is None:
                lemma = ids[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            found.append(lemma)
        rows[todo, 3] = numpy.array(found, dtype=numpy.uint64)[at.reshape(-1)]
        doc.from_array([LEMMA], rows[:, 3])
        return doc


@Language.factory("actorgraph_lemmatizer", assigns=["token.lemma"])
def make_distinct_lemmatizer(nlp: Language, name: str) -> DistinctLemmatizer:
    """Factory for ``nlp.replace_pipe("lemmatizer", "actorgraph_lemmatizer")``; then ``.use(the model's lemmatizer)``."""
    return DistinctLemmatizer()
