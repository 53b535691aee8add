"""Stance and time of a claim: negation, modality, intention, denial, reported speech, dates.

A rule says *what* relation a trigger expresses; whether the report asserts it ("did
not support", "could capture", "plans to attack", "denied that it armed"), who reports
it ("X said", "according to X", "X accused Y of") and when it happened ("on Thursday",
"since 2016") come from the clauses above the trigger, the same for every rule.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from spacy.tokens import Token

from ..models import Actor
from ..temporal import resolve_date
from .syntax import Sentence

#: ``stance``, ``Stance`` and ``when`` are internal to graph.rules (shown by tests/test_relations.py's stance cases)
__all__ = ["BACKGROUND_DAYS", "BACKGROUND_FACTOR", "EVENT_RELATIONS"]

#: a claim dated this long before publication is background history: kept, but below the edge threshold
BACKGROUND_DAYS = 730
BACKGROUND_FACTOR = 0.55
#: relations an old date places in the past; leadership and alliances are taken to persist
EVENT_RELATIONS = frozenset(("controls", "withdrewFrom", "opposes", "backs", "memberOf"))
#: governors climbed from a trigger when looking for negation, modals, speech and denial
MAX_CHAIN = 12
#: relations that say an aim was achieved: a purpose ("fighting to retake X") does not assert them
ACHIEVEMENT_RELATIONS = frozenset(("controls", "withdrewFrom"))


def _chain(trigger: Token) -> list[Token]:
    """The trigger and its governors up to the root (at most ``MAX_CHAIN``)."""
    chain = [trigger]
    node = trigger
    while node.head.i != node.i and len(chain) < MAX_CHAIN:
        node = node.head
        chain.append(node)
    return chain


def _status_at(s: Sentence, chain: list[Token], i: int, status: str) -> str:
    """The status after looking at governor ``i`` of the chain (negation, modality, intention)."""
    w, node, trigger = s.w, chain[i], chain[0]
    children = list(node.children)
    below = chain[i - 1] if i > 0 else None
    if any(c.dep_ == "neg" for c in children) and (below is None or below.dep_ in ("xcomp", "ccomp", "conj") or node.pos_ == "AUX") \
            and not (node.lemma_ in w.speech_verbs and i > 0):  # "did not say that X backs Y" still reports it
        status = "negated"
    if status != "asserted":
        return status
    if i <= 1 and any(c.dep_ == "aux" and c.lower_ in w.modals for c in children) and node.pos_ in ("VERB", "AUX") \
            and not (i == 1 and node.lemma_ in w.continuation_verbs and trigger.dep_ == "xcomp"):
        return "hypothetical"  # but "would continue to support" says the support goes on
    if i <= 1 and any(c.dep_ == "mark" and c.lower_ in w.condition_marks for c in children):
        return "hypothetical"
    if below is not None and below.dep_ in ("xcomp", "ccomp", "advcl") and trigger.lemma_ not in w.goal_stance_verbs \
            and not any(n.lemma_ in w.continuation_verbs for n in chain[:i]):
        # "plans to attack" is the actor's aim, "is expected to capture" a forecast; but "vowed to
        # continue operations against" and "seeks to overthrow X" are asserted
        if node.lemma_ in w.intent_verbs:
            return "intended"
        if node.lemma_ in w.prediction_verbs:
            return "hypothetical"
    return status


class Stance(NamedTuple):
    """What the clauses above a trigger say of its claim: its status, who reports it, and the tokens
    that name the reporter ("US officials" in "..., US officials said"), which are no argument of it."""

    status: str
    reporter: Actor | None
    source: frozenset[int] = frozenset()


def _span(token: Token) -> frozenset[int]:
    """The token indices of a phrase (bounded by its edges: spaCy's subtree recurses)."""
    return frozenset(range(token.left_edge.i, token.right_edge.i + 1))


def _reporter_at(s: Sentence, chain: list[Token], i: int) -> tuple[Actor | None, frozenset[int]]:
    """The accuser of "X accused Y of ...", or the speaker of "X said (that) ...", at governor ``i``,
    and the phrase that names the source when it speaks of a clause of its own (not "X claimed to ...",
    where the speaker is also the agent)."""
    w, node, below = s.w, chain[i], chain[i - 1]
    if node.lemma_ in w.accuse_verbs and below.dep_ == "prep" or \
            node.lemma_ in w.speech_verbs and below.dep_ in ("ccomp", "parataxis", "xcomp"):
        speakers = s.subject(node)
        subj = s.child(node, "nsubj")
        own_clause = subj is not None and below.dep_ != "xcomp"
        actor = speakers[0].actor if speakers else _source_of(s, subj) if subj is not None else None
        return actor, (_span(subj) if own_clause else frozenset())
    return None, frozenset()


def _source_of(s: Sentence, token: Token) -> Actor | None:
    """"US officials", "Ukrainian military sources": the actor whose spokespeople speak."""
    if token.lower_ not in s.w.spokesperson_nouns and token.lemma_ not in s.w.spokesperson_nouns:
        return None
    for child in (c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < token.i):
        found = s.adjective_or_args(child)
        if found:
            return found[0].actor
    return None


def _purpose(s: Sentence, trigger: Token) -> str | None:
    """The status a purpose infinitive gives an achievement: "fighting to retake X", "a campaign to
    seize X", "in a bid to capture X" are aims (intended); "managed to take X" and "were forced to
    pull out" report it; "failed to capture X" negates it; "the first city to fall to X" is a fact."""
    w, node = s.w, trigger
    if node.dep_ == "conj" and not any(c.lower_ == "to" and c.dep_ == "aux" for c in node.children):
        node = node.head  # "to retake and hold Aleppo"
    if node.dep_ not in ("xcomp", "advcl", "acl", "relcl") or node.tag_ != "VB" or node.head.i == node.i \
            or not any(c.lower_ == "to" and c.dep_ == "aux" for c in node.children):
        return None
    head = node.head
    if node.dep_ == "relcl" and s.lemma(head) not in w.purpose_nouns:
        return None  # "a push to capture X" parsed as a relative clause is an aim; "the city to fall" is not
    if head.lower_ in w.ordinal_adjectives:
        return None  # "the last to fall to X"
    if s.lemma(head) in w.failure_verbs:
        return "negated"
    if any(c.dep_ == "dobj" and c.i < node.i and s.lemma(c) in w.purpose_nouns for c in head.children):
        return "intended"  # "started an offensive to capture X": the aim of the offensive, though "start" reports
    if s.lemma(head) in w.implicative_verbs or s.lemma(head) in w.continuation_verbs or \
            head.pos_ in ("NOUN", "PROPN") and any(c.lower_ in w.ordinal_adjectives or c.tag_ == "JJS"
                                                    for c in head.children if c.dep_ == "amod"):
        return None
    return "intended"


def _according_to(s: Sentence) -> tuple[Actor | None, frozenset[int]]:
    """"according to Ukrainian officials": the source, and its phrase."""
    for prep in (t for t in s.sent if t.lower_ == "according" and t.dep_ == "prep"):
        objs = s.pobjs(prep, "to")
        if objs:
            args = s.args(objs[0], place=False)
            return (args[0].actor if args else _source_of(s, objs[0])), _span(prep)
    return None, frozenset()


def stance(s: Sentence, trigger: Token, relation: str | None = None) -> Stance:
    """Status (asserted/negated/hypothetical/intended/denied), reporter and the reporter's phrase of a claim at ``trigger``.

    A purpose clause makes an achievement (``ACHIEVEMENT_RELATIONS``) an aim, not a fact.
    """
    status, reporter, source = "asserted", None, frozenset()
    chain = _chain(trigger)
    if relation in ACHIEVEMENT_RELATIONS:
        status = _purpose(s, trigger) or status
    for i, node in enumerate(chain):
        status = _status_at(s, chain, i, status)
        if i == 0:
            continue
        if node.lemma_ in s.w.deny_verbs and chain[i - 1].dep_ in ("dobj", "ccomp", "xcomp", "prep", "advcl"):
            return Stance("denied", reporter, source)
        if reporter is None and not source:
            reporter, source = _reporter_at(s, chain, i)
    according, phrase = _according_to(s)
    if reporter is None:
        reporter = according
    source |= phrase
    # "according to X, the head of Y": a claim inside the source's own phrase is about the source
    return Stance(status, reporter, source if trigger.i not in source else frozenset())


def when(s: Sentence, trigger: Token, relation: str, published: dt.date | None) -> tuple[dt.date | None, float]:
    """The event date of a claim at ``trigger``, and the confidence factor its age gives.

    An event dated more than ``BACKGROUND_DAYS`` before publication is background history.
    """
    found = resolve_date(s.sent, trigger, published)
    factor = 1.0
    if found.date is not None and published is not None and not found.ongoing and relation in EVENT_RELATIONS \
            and (published - found.date).days > BACKGROUND_DAYS:
        factor = BACKGROUND_FACTOR
    return found.date, factor
