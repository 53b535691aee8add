"""One pass per document: find every record's triggers, dispatch them to records, emit claims.

A record's triggers are spaCy ``DependencyMatcher`` patterns (validated by spaCy when the
registry is compiled). They are matched here rather than by spaCy's matcher, which tests every
pattern at every token and took five times as long as the rules themselves: each token's lemma
(through the lexicon's form map), lower-case form and compound participle are looked up in an
index of trigger words, and only the few patterns found are checked, node by node, with the
operators the registry uses (``>`` child, ``<`` head) and token attributes (``DEP``, ``TAG``,
``POS``, ``LOWER``, ``LEMMA``: a value, ``IN`` or ``NOT_IN``). Two token classes a trigger node
may name under ``_`` are computed for the tokens whose words start some trigger: ``ag_verbal`` (used
as a verb, and not the participle of an "X-backed" compound) and ``ag_nominal`` (used as a noun). Each sentence's
matches run, in token order and then record order, through the record's hook (or its role
finders) into :class:`Claim` values.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..actors import ActorDictionary
from ..coref import CorefResolver
from ..models import Claim
from ..namespaces import PLACE_RELATIONS
from .hooks import HOOKS, FINDERS, Emit, Match
from .records import Rule, Trigger
from .stance import stance, when
from .syntax import Arg, Sentence, acts_as_verb
from .words import Words

__all__ = ["Rulebook"]

#: the token classes a trigger node may name under ``_``
_CLASSES = ("ag_verbal", "ag_nominal")
#: the token attributes a node may test, and how to read them
_ATTRS = {"DEP": lambda t: t.dep_, "TAG": lambda t: t.tag_, "POS": lambda t: t.pos_, "LOWER": lambda t: t.lower_,
          "LEMMA": lambda t: t.lemma_}
_OPS = (">", "<")


def _words_in(value: object, words: Words) -> object:
    """A pattern value with each ``"lex:KEY"`` string replaced by that lexicon entry's words."""
    if isinstance(value, str) and value.startswith("lex:"):
        return sorted(words.key(value[4:]))
    if isinstance(value, dict):
        return {k: _words_in(v, words) for k, v in value.items()}
    if isinstance(value, list):
        out: list = []
        for item in value:  # a "lex:KEY" inside a list adds that entry's words to it
            found = _words_in(item, words)
            out += found if isinstance(item, str) and item.startswith("lex:") else [found]
        return out
    return value


def _test(attrs: dict) -> list[tuple]:
    """A node's attribute tests as (reader, kind, value) triples; anything else is refused."""
    tests = []
    for attr, value in attrs.items():
        if attr not in _ATTRS:
            raise ValueError(f"pattern attribute {attr!r} is not one of {', '.join(_ATTRS)}")
        if isinstance(value, dict):
            for op, values in value.items():
                if op not in ("IN", "NOT_IN"):
                    raise ValueError(f"pattern operator {op!r} is not IN or NOT_IN")
                tests.append((_ATTRS[attr], op, frozenset(values)))
        else:
            tests.append((_ATTRS[attr], "==", value))
    return tests


def _passes(token: Token, tests: list[tuple]) -> bool:
    for read, kind, value in tests:
        got = read(token)
        if kind == "==" and got != value or kind == "IN" and got not in value or kind == "NOT_IN" and got in value:
            return False
    return True


@dataclass(frozen=True)
class _Compiled:
    """One trigger ready to match: its words, the token classes and tests of its trigger node, and
    the other nodes as (id, left id, operator, tests)."""

    words: frozenset[str]
    match: str
    classes: dict[str, bool]
    tests: list[tuple]
    nodes: list[tuple[str, str, str, list[tuple]]]

    def bind(self, trigger: Token) -> dict[str, Token] | None:
        """The pattern's nodes bound from ``trigger`` (the first binding found), or None."""
        if not _passes(trigger, self.tests):
            return None
        return next(self._bind({"trigger": trigger}, 0), None)

    def _bind(self, bound: dict[str, Token], k: int) -> Iterator[dict[str, Token]]:
        if k == len(self.nodes):
            yield dict(bound)
            return
        node_id, left_id, op, tests = self.nodes[k]
        left = bound[left_id]
        candidates = left.children if op == ">" else ([left.head] if left.head.i != left.i else [])
        for token in candidates:
            if _passes(token, tests):
                bound[node_id] = token
                yield from self._bind(bound, k + 1)
        bound.pop(node_id, None)


def _compiled(trigger: Trigger, words: Words) -> _Compiled:
    """One trigger's pattern, checked, with the lexicon's words in place of ``"lex:KEY"``."""
    skeleton = _words_in([dict(node) for node in trigger.pattern], words)
    attrs = dict(skeleton[0].get("RIGHT_ATTRS") or {})
    extensions = dict(attrs.pop("_", {}))
    classes = {name: bool(extensions.pop(name)) for name in _CLASSES if name in extensions}
    if extensions:
        raise ValueError(f"trigger classes {sorted(extensions)} are not among {', '.join(_CLASSES)}")
    nodes = []
    for node in skeleton[1:]:
        if node.get("REL_OP") not in _OPS:
            raise ValueError(f"pattern operator {node.get('REL_OP')!r} is not one of {' '.join(_OPS)}")
        nodes.append((node["RIGHT_ID"], node["LEFT_ID"], node["REL_OP"], _test(node.get("RIGHT_ATTRS") or {})))
    return _Compiled(words.key(trigger.words), trigger.match, classes, _test(attrs), nodes)


def _validated(rules: tuple[Rule, ...], words: Words) -> None:
    """Let spaCy validate every pattern (raises spaCy's error for a malformed one)."""
    matcher = DependencyMatcher(Vocab(), validate=True)
    for index, rule in enumerate(rules):
        for n, trigger in enumerate(rule.triggers):
            pattern = _words_in([dict(node) for node in trigger.pattern], words)
            matcher.add(f"{index}.{n}", [pattern])


def _keys(sent: Span, words: Words, participles: dict[str, str]) -> Iterable[tuple[Token, str, str, bool, str]]:
    """(token, lower case, lemma, hyphen compound?, compound participle's lemma or "") of each token of a
    sentence: what the trigger index is searched by.

    A hyphen compound is "Turkish - backed" as three tokens, or "U.S.-backed" kept whole by the tokenizer.
    """
    doc = sent.doc
    before = doc[sent.start - 1].text if sent.start else ""  # the text of the token before
    for token in sent:
        text = token.text
        if "-" in text[1:-1]:
            hyphen = text.rsplit("-", 1)[1].lower() in participles
        else:
            hyphen = before == "-" and token.i > 1 and token.tag_ in ("VBN", "VBD", "JJ") and \
                not doc[token.i - 1].whitespace_
        lower = token.lower_
        lemma = words.forms.get(lower) or token.lemma_.lower()
        compound = ""
        if hyphen and token.i > sent.start and token.dep_ in ("amod", "acl", "compound", "conj", "ROOT", "npadvmod"):
            compound = participles.get(text.rsplit("-", 1)[1].lower(), lemma) if "-" in text[1:-1] else lemma
        yield token, lower, lemma, hyphen, compound
        before = text


def _verbal(token: Token, hyphen: bool) -> bool:
    """``ag_verbal``: used as a verb, and not the participle of an "X-backed" compound."""
    return not hyphen and (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or acts_as_verb(token))


def _nominal(token: Token) -> bool:
    """``ag_nominal``: used as a noun."""
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN") or \
        (token.tag_ == "VBG" and token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass"))


class Rulebook:
    """A registry compiled against a lexicon: ``rulebook.claims(doc, dictionary, published)``.

    >>> from graph.lexicon import default_lexicon
    >>> from graph.rules.records import bundled_rules
    >>> book = Rulebook(bundled_rules(), Words(default_lexicon()))
    >>> book.rules[0].name, len(book.rules) == len({r.name for r in book.rules})
    ('controls.verb', True)
    """

    def __init__(self, rules: tuple[Rule, ...], words: Words) -> None:
        self.rules = rules
        self.words = words
        self.participles = words.lexicon.pairs("compound-participles")
        self._triggers = {(i, n): _compiled(t, words) for i, r in enumerate(rules) for n, t in enumerate(r.triggers)}
        _validated(rules, words)
        #: match mode -> word -> the (record, trigger) pairs it may start
        self._index: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for (i, n), compiled in self._triggers.items():
            modes = {"lemma-or-form": ("lemma", "form")}.get(compiled.match, (compiled.match,))
            for mode in modes:
                for word in compiled.words:
                    self._index[mode][word].append((i, n))
        self._index = {mode: dict(words) for mode, words in self._index.items()}
        missing = sorted({r.hook for r in rules if r.hook and r.hook not in HOOKS} |
                         {f for r in rules if not r.hook for f in (r.agent.find, r.target.find) if f not in FINDERS})
        if missing:
            raise ValueError(f"rules name hooks or finders that do not exist: {', '.join(map(str, missing))}")

    def claims(self, doc: Doc, dictionary: ActorDictionary, published: dt.date | None = None) -> list[Claim]:
        """Every claim in a parsed document, in text order, without exact duplicates.

        A hand-built parse (no model needed) of "Turkey backs the SNA.":

        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> from graph.actors import ActorDictionary
        >>> from graph.rules import rulebook
        >>> doc = Doc(Vocab(), words=["Turkey", "backs", "the", "SNA", "."], heads=[1, 1, 3, 1, 1],
        ...           deps=["nsubj", "ROOT", "det", "dobj", "punct"], pos=["PROPN", "VERB", "DET", "PROPN", "PUNCT"],
        ...           tags=["NNP", "VBZ", "DT", "NNP", "."], lemmas=["Turkey", "back", "the", "SNA", "."],
        ...           ents=["B-GPE", "O", "O", "B-ORG", "O"])
        >>> [(c.subject.label, c.relation, c.object.label, c.rule, c.event_type)
        ...  for c in rulebook().claims(doc, ActorDictionary.bundled())]
        [('Turkey', 'backs', 'Syrian National Army', 'backs.verb', 'SUPPORT')]
        """
        coref = CorefResolver(doc, dictionary)
        matches = self._matches(doc)
        claims: list[Claim] = []
        seen: set[tuple] = set()
        for sent in doc.sents:
            coref.enter(sent)
            for claim in self._run_sentence(Sentence(sent, coref.in_report, coref, self.words, published), matches, published):
                key = (claim.subject.iri, claim.relation, claim.object.iri, claim.char_start, claim.status)
                if key not in seen:
                    seen.add(key)
                    claims.append(claim)
        return claims

    def _matches(self, doc: Doc) -> dict[int, dict[int, dict[str, Token]]]:
        """Trigger token index -> record index -> the matched nodes (first match of each)."""
        by_token: dict[int, dict[int, dict[str, Token]]] = defaultdict(dict)
        none: dict[str, list[tuple[int, int]]] = {}
        by_lemma, by_form, by_compound = (self._index.get(mode, none) for mode in ("lemma", "form", "compound"))
        for sent in doc.sents:
            for token, lower, lemma, hyphen, compound in _keys(sent, self.words, self.participles):
                found = by_lemma.get(lemma, []) + by_form.get(lower, []) + (by_compound.get(compound, []) if compound else [])
                if not found:
                    continue  # most tokens: no trigger word, and no classes to compute
                verbal, nominal = _verbal(token, hyphen), _nominal(token)
                for i, n in sorted(set(found)):
                    compiled = self._triggers[i, n]
                    if i in by_token.get(token.i, ()) or \
                            compiled.classes.get("ag_verbal", verbal) != verbal or \
                            compiled.classes.get("ag_nominal", nominal) != nominal:
                        continue
                    nodes = compiled.bind(token)
                    if nodes is not None:
                        by_token[token.i][i] = nodes
        return by_token

    def _run_sentence(self, s: Sentence, matches: dict[int, dict[int, dict[str, Token]]],
                     published: dt.date | None) -> list[Claim]:
        """The claims of one sentence's matches, in token order, then record order."""
        out: list[Claim] = []
        for i in range(s.sent.start, s.sent.end):
            per_token = matches.get(i)
            if not per_token:
                continue
            for index in sorted(per_token):
                rule = self.rules[index]
                match = Match(rule, s.sent.doc[i], per_token[index])
                for found in self._found(s, match):
                    self._emit(s, rule, found, match.trigger, published, out)
        return out

    def _found(self, s: Sentence, match: Match) -> Iterable[Emit]:
        rule = match.rule
        if rule.hook:
            return HOOKS[rule.hook](s, match)
        agents = FINDERS[rule.agent.find](s, match, rule.agent)
        targets = FINDERS[rule.target.find](s, match, rule.target)
        return [Emit(agents, targets)]

    def _emit(self, s: Sentence, rule: Rule, found: Emit, trigger: Token, published: dt.date | None,
              out: list[Claim]) -> None:
        pairs = [(found.agents, found.targets)]
        if rule.symmetric:
            pairs.append((found.targets, found.agents))
        at = found.at if found.at is not None else trigger
        said = event_date = None
        for agents, targets in pairs:
            for subj in agents:
                for obj in targets:
                    if not self._fits(s, rule, subj, obj):
                        continue
                    if said is None:
                        said = stance(s, at, rule.relation)
                        event_date, age = when(s, at, rule.relation, published)
                    if subj.token.i in said.source or obj.token.i in said.source:
                        continue  # "..., US officials said": the source reports the claim, it is no party to it
                    status, reporter = said.status, said.reporter
                    confidence = rule.confidence * found.factor * _how_factor(subj.how) * _how_factor(obj.how) * age
                    out.append(Claim(
                        subject=subj.actor, relation=rule.relation, object=obj.actor, status=status,
                        sentence=s.sent.text, char_start=s.sent.start_char, char_end=s.sent.end_char,
                        rule=rule.name, confidence=round(min(confidence, 1.0), 3),
                        event_date=event_date, reported_by=reporter, event_type=rule.plover))

    @staticmethod
    def _fits(s: Sentence, rule: Rule, subj: Arg, obj: Arg) -> bool:
        """The roles' kinds and types. Every claim of every rule passes here, so this is where places are
        kept from acting: a place is never an agent, and a place is a target only of a place role of a
        relation whose object is a place (controls, withdrewFrom): never opposed, backed or led."""
        if subj.actor.iri == obj.actor.iri or s.dictionary.is_place(subj.actor):
            return False
        if s.dictionary.is_place(obj.actor) != (rule.target.kind == "place" and rule.relation in PLACE_RELATIONS):
            return False
        return not rule.agent.types or subj.actor.type in rule.agent.types


def _how_factor(how: str) -> float:
    """Less sure of an argument found through a descriptor or a pronoun than of a name."""
    return {"name": 1.0, "alias": 1.0, "discovered": 0.95, "force": 0.97, "descriptor": 0.95,
            "adjective": 1.0, "coref": 0.85, "generic": 0.95}.get(how, 0.9)
