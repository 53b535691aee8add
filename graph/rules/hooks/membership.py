"""Hooks of the membership records: member nouns, inclusion, affiliation (titles and roles: ``role.py``)."""
from __future__ import annotations

from collections.abc import Iterator

from ..events import described
from ..syntax import Arg, Sentence
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook


@hook("member-noun")
def member_noun(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X, a veteran of Y", "Hamas's armed wing", "a senior figure in HTS"."""
    token, w = m.trigger, s.w
    inside = ("in", "within") if s.lemma(token) in w.member_in_nouns else ()
    groups = s.pobj_args(token, "of", *inside) + [a for c in token.children if c.dep_ == "poss"
                                                  for a in s.args(c, place=False)]
    if groups:  # "the ISWAP faction of Boko Haram": the name before the noun is the member
        named = [a for c in token.children if c.dep_ in ("compound", "nmod") and c.i < token.i and s.coref.mention_at(c)
                 for a in s.args(c, place=False)]
        yield Emit(described(s, token) or named, groups)


@hook("include")
def include(s: Sentence, m: Match) -> Iterator[Emit]:
    """"The coalition includes X and Y (along with Z)": each is a member of the coalition."""
    token = m.trigger
    parts = s.object_args(token)
    for prep in (c for c in token.children if c.lower_ in ("along", "alongside", "besides") and c.dep_ == "prep"):
        parts += [a for o in s.pobjs(prep, "with") + [c for c in prep.children if c.dep_ == "pobj"]
                  for a in s.args(o, place=False)]
    yield Emit(parts, s.subject(token))


@hook("affiliated")
def affiliated(s: Sentence, m: Match) -> Iterator[Emit]:
    """"a faction affiliated with al-Qaeda", "X was linked to Y"."""
    token = m.trigger
    subj = s.child(token, "nsubjpass", "nsubj")
    members = s.args(subj, place=False) if subj is not None else s.args(token.head, place=False)
    yield Emit(members, s.pobj_args(token, "with", "to"))


def _body(s: Sentence, token: Token) -> list[Arg]:
    """The body a membership verb or collective noun describes: its subject, the name a participle
    or a collective noun is said of ("the SDF, an alliance made up of ...", "X is a coalition of ...")."""
    subj = s.child(token, "nsubj", "nsubjpass")
    if subj is not None:
        return s.args(subj, place=False)
    head = token.head if token.dep_ in ("acl", "relcl") else token
    if head.lemma_ in s.w.collective_nouns or head.lower_ in s.w.collective_nouns:
        return described(s, head)
    return s.args(head, place=False) if head.i != token.i else []


def _named(args: list[Arg]) -> list[Arg]:
    """Named members only: "a coalition of rebel factions" lists no member."""
    return [a for a in args if a.how in ("name", "alias") or a.how == "discovered" and a.token.tag_ != "NNS"]


@hook("made-up-of")
def made_up_of(s: Sentence, m: Match) -> Iterator[Emit]:
    """"an alliance made up of A, B and C", "X consists of A and B": each named member is in the body."""
    members = _named(s.pobj_args(m.trigger, "of"))
    if members:
        yield Emit(members, _body(s, m.trigger))


@hook("collective-of")
def collective_members(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X, a coalition of A and B", "X is an alliance of A and B": A and B are members of X."""
    members = _named(s.pobj_args(m.trigger, "of"))
    if members:
        yield Emit(members, [a for a in described(s, m.trigger) if a.actor.iri not in {b.actor.iri for b in members}])


@hook("formed-by")
def formed_by(s: Sentence, m: Match) -> Iterator[Emit]:
    """"A, B and C form the Z alliance": each of two or more named founders is a member of Z."""
    founders = _named(s.subject(m.trigger))
    bodies = [a for a in s.object_args(m.trigger) if a.actor.type in ("Coalition", "ArmedGroup")]
    if len({a.actor.iri for a in founders}) > 1 and bodies:
        yield Emit(founders, bodies)
