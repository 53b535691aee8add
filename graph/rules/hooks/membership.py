"""Hooks of the leadership and membership records: titles and roles, member nouns, inclusion."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..events import described
from ..syntax import Arg, Sentence
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook, shared


def _groups(s: Sentence, token: Token, member: bool) -> tuple[list[Arg], bool]:
    """The bodies a role noun names ("leader of X", "X's chief", "X leader", "Turkish President"),
    and whether a state's (or, for a member role, a government's) adjective named one."""
    groups = s.pobj_args(token, "of", "for") + [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]
    if token.dep_ in ("amod", "compound"):
        groups += [a for c in token.head.children if c.dep_ == "poss" for a in s.args(c, place=False)]
    titled = False
    for adj in (c for c in token.children if c.dep_ in ("amod", "compound", "npadvmod") and c.i < token.i):
        mention = s.coref.mention_at(adj)
        if mention is not None and mention is not s.coref.mention_at(token):
            groups += s.args(adj, place=False)
            continue
        actor = s.dictionary.by_adjective(adj.text)
        # "Turkish President X": the state he heads; "Syrian Foreign Minister X": a member of its government
        if actor is not None and (actor.type == "State" or actor.type == "Government" and member):
            groups.append(Arg(actor, adj, "adjective"))
            titled = True
    return [g for g in groups if g.actor.type != "Person"], titled  # "his Turkish counterpart": not "his"


def _person(s: Sentence, token: Token, person: list[Arg]) -> list[Arg]:
    """The person a role noun describes, also when the name sits inside the "of" phrase or is its head."""
    if not person:
        person = [Arg(m.actor, t, m.how) for o in s.pobjs(token, "of") for t in o.subtree
                  if (m := s.coref.mention_at(t)) is not None and m.actor.type == "Person"][:1]
    head = s.coref.mention_at(token.head)
    if not person and (token.head.ent_type_ == "PERSON" or head is not None and head.actor.type == "Person"):
        person = s.args(token.head, place=False)
    return [p for p in person if p.actor.type == "Person"]


def _role(s: Sentence, token: Token) -> tuple[bool, list[Arg], list[Arg]] | None:
    """(titled, person, group) of a role noun, or None when it names no body."""
    member = token.lower_ in s.w.member_roles or token.lemma_ in s.w.member_roles
    groups, titled = _groups(s, token, member)
    person = described(s, token)
    if not groups:
        inner = [m for o in s.pobjs(token, "of") for t in o.subtree if (m := s.coref.mention_at(t)) is not None]
        groups = [Arg(m.actor, token, m.how) for m in inner if m.actor.type != "Person"][:1]
        person = person or [Arg(m.actor, token, m.how) for m in inner if m.actor.type == "Person"][:1]
        if not groups:
            return None
    person = _person(s, token, person)
    groups = [g for g in groups if g.actor.iri not in {p.actor.iri for p in person}]
    return titled, person, groups[:1]


@hook("role")
def role(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the leader of X, Y", "X leader Y", "its chief Y" (``titled: false``); "Turkish President Y"
    (``titled: true``); member roles ("Iran's foreign minister Y") ignore ``titled``."""
    found = shared(s, "role", m.trigger, lambda: _role(s, m.trigger))
    if found is None:
        return
    titled, person, groups = found
    if m.param("titled") is None or m.param("titled") == titled:
        yield Emit(person, groups)


@hook("member-noun")
def member_noun(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X, a veteran of Y", "Hamas's armed wing", "a senior figure in HTS"."""
    token, w = m.trigger, s.w
    inside = ("in", "within") if s.lemma(token) in w.member_in_nouns else ()
    groups = s.pobj_args(token, "of", *inside) + [a for c in token.children if c.dep_ == "poss"
                                                  for a in s.args(c, place=False)]
    if groups:  # "the ISWAP faction of Boko Haram": the name before the noun is the member
        named = [a for c in token.children if c.dep_ == "compound" and c.i < token.i and s.coref.mention_at(c)
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
