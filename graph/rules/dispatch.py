"""One pass per document: match every record's patterns, dispatch matches to records, emit claims.

The records' ``DependencyMatcher`` patterns are compiled once per (registry, lexicon) into
one matcher. A document's tokens get four attributes the patterns read (``ag_lemma``, the
lemma through the lexicon's form map; ``ag_verbal``/``ag_nominal``, how the trigger is used;
``ag_compound``, the participle of an "X-backed" compound), the matcher runs once over the
document, and each sentence's matches run, in token order and then record order, through
the record's hook (or its role finders) into :class:`Claim` values.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token

from ..actors import ActorDictionary
from ..coref import CorefResolver
from ..models import Claim
from .hooks import HOOKS, FINDERS, Emit, Match
from .records import Rule, Trigger
from .stance import stance, when
from .syntax import Arg, Sentence, acts_as_verb
from .words import Words

__all__ = ["Rulebook"]

for _name, _default in (("ag_lemma", ""), ("ag_verbal", False), ("ag_nominal", False), ("ag_compound", "")):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=_default)

#: where each match mode puts the trigger words in the trigger node's attributes
_TRIGGER_KEYS = {"lemma": ("_", "ag_lemma"), "form": ("LOWER", None), "compound": ("_", "ag_compound")}


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


def _compiled(trigger: Trigger, words: Words) -> list[list[dict]]:
    """The DependencyMatcher patterns of one trigger: its skeleton with the trigger words in place."""
    modes = ("lemma", "form") if trigger.match == "lemma-or-form" else (trigger.match,)
    out = []
    for mode in modes:
        pattern = _words_in([dict(node) for node in trigger.pattern], words)
        attrs = dict(pattern[0].get("RIGHT_ATTRS") or {})
        attr, ext = _TRIGGER_KEYS[mode]
        inside = {"IN": sorted(words.key(trigger.words))}
        if ext is None:
            attrs[attr] = {**attrs.get(attr, {}), **inside}
        else:
            extensions = dict(attrs.get("_", {}))
            extensions[ext] = {**extensions.get(ext, {}), **inside}  # a NOT_IN of the skeleton stays
            attrs["_"] = extensions
        pattern[0] = {**pattern[0], "RIGHT_ATTRS": attrs}
        out.append(pattern)
    return out


def _is_hyphen_compound(token: Token, participles: dict[str, str]) -> bool:
    """"Turkish - backed" as three tokens, or "U.S.-backed" kept whole by the tokenizer."""
    if "-" in token.text[1:-1]:
        return token.text.rsplit("-", 1)[1].lower() in participles
    return token.i > 1 and token.nbor(-1).text == "-" and token.tag_ in ("VBN", "VBD", "JJ") \
        and not token.nbor(-1).whitespace_


def _mark(sent: Span, words: Words, participles: dict[str, str]) -> None:
    """Set the token attributes the patterns read, for one sentence."""
    for token in sent:
        hyphen = _is_hyphen_compound(token, participles)
        lemma = words.forms.get(token.lower_) or token.lemma_.lower()
        token._.ag_lemma = lemma
        token._.ag_verbal = not hyphen and (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or acts_as_verb(token))
        token._.ag_nominal = token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN") or \
            (token.tag_ == "VBG" and token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass"))
        if hyphen and token.i > sent.start and token.dep_ in ("amod", "acl", "compound", "conj", "ROOT", "npadvmod"):
            token._.ag_compound = participles.get(token.text.rsplit("-", 1)[1].lower(), lemma) \
                if "-" in token.text[1:-1] else lemma


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
        self._matcher: DependencyMatcher | None = None
        self._vocab = None
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
            for claim in self._run_sentence(Sentence(sent, coref.in_report, coref, self.words), matches, published):
                key = (claim.subject.iri, claim.relation, claim.object.iri, claim.char_start, claim.status)
                if key not in seen:
                    seen.add(key)
                    claims.append(claim)
        return claims

    def _compiled_matcher(self, doc: Doc) -> DependencyMatcher:
        """The compiled matcher (built on first use, for the pipeline's vocabulary)."""
        if self._matcher is None or self._vocab is not doc.vocab:
            matcher = DependencyMatcher(doc.vocab, validate=True)
            for index, rule in enumerate(self.rules):
                for n, trigger in enumerate(rule.triggers):
                    matcher.add(f"{index}.{n}", _compiled(trigger, self.words))
            self._matcher, self._vocab = matcher, doc.vocab
        return self._matcher

    def _matches(self, doc: Doc) -> dict[int, dict[int, dict[str, Token]]]:
        """Trigger token index -> record index -> the matched nodes (first match of each)."""
        for sent in doc.sents:
            _mark(sent, self.words, self.participles)
        by_token: dict[int, dict[int, dict[str, Token]]] = defaultdict(dict)
        matcher = self._compiled_matcher(doc)
        strings = doc.vocab.strings
        for match_id, token_ids in matcher(doc):
            index, n = map(int, strings[match_id].split("."))
            pattern = self.rules[index].triggers[n].pattern
            nodes = {node["RIGHT_ID"]: doc[i] for node, i in zip(pattern, token_ids)}
            by_token[token_ids[0]].setdefault(index, nodes)
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
        status = reporter = event_date = None
        for agents, targets in pairs:
            for subj in agents:
                for obj in targets:
                    if not self._fits(s, rule, subj, obj):
                        continue
                    if status is None:
                        status, reporter = stance(s, at)
                        event_date, age = when(s, at, rule.relation, published)
                    confidence = rule.confidence * found.factor * _how_factor(subj.how) * _how_factor(obj.how) * age
                    out.append(Claim(
                        subject=subj.actor, relation=rule.relation, object=obj.actor, status=status,
                        sentence=s.sent.text, char_start=s.sent.start_char, char_end=s.sent.end_char,
                        rule=rule.name, confidence=round(min(confidence, 1.0), 3),
                        event_date=event_date, reported_by=reporter, event_type=rule.plover))

    @staticmethod
    def _fits(s: Sentence, rule: Rule, subj: Arg, obj: Arg) -> bool:
        """The roles' kinds and types: a place is never an agent; a place target only where the role says so."""
        if subj.actor.iri == obj.actor.iri or s.dictionary.is_place(subj.actor):
            return False
        if s.dictionary.is_place(obj.actor) != (rule.target.kind == "place"):
            return False
        return not rule.agent.types or subj.actor.type in rule.agent.types


def _how_factor(how: str) -> float:
    """Less sure of an argument found through a descriptor or a pronoun than of a name."""
    return {"name": 1.0, "alias": 1.0, "discovered": 0.95, "force": 0.97, "descriptor": 0.95,
            "adjective": 1.0, "coref": 0.85, "generic": 0.95}.get(how, 0.9)
