"""Hooks of titles and roles: who leads or belongs to which body.

A title is read whole ("Prime Minister", "Defence Minister", "army chief", "chief of staff"), and the
lexicon says whether its holder leads (``leading-titles``) or belongs to (``member-titles``) the body.
The body is the one the text names with the title ("the SDF commander", "the leader of HTS", "Israel's
prime minister"); a state named by its adjective or possessive ("Ethiopian Prime Minister") is read
through the person's office in the dictionary (``ag:office`` with the same title, held on the day the
claim refers to: its date in the sentence, else the report's, with a few days' grace after an office's end,
``graph.actors.OFFICE_GRACE_DAYS``), else the state's organ of its own ("Ethiopian government", "Sudanese army": lexicon
``title-organs``), else the state. A title with no body in the text ("President Hadi", "Defence
Minister Shoigu") names the body of the person's office of that title, or, for a member title, the
government the dictionary makes him a member of. "former President X" leads nothing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ...actors import normalize
from ...models import Actor
from ...temporal import resolve_date
from ..events import described
from ..syntax import Arg, Sentence
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook, shared

#: the most words a title runs over ("chief of the general staff")
TITLE_WORDS = 5
#: dependents that open a clause of their own inside a noun phrase
_CLAUSES = frozenset(("acl", "relcl", "advcl", "ccomp", "xcomp"))
#: the bodies a member title without a body in the text may name through the dictionary's ag:memberOf
_STATE_BODIES = ("Government", "State", "ArmedForces")


@dataclass(frozen=True)
class Title:
    """A title as the text writes it around a role noun: its folded words, kind and first token."""

    phrase: str
    kind: str  # "lead", "member" or "speaker" (who speaks for a body neither leads nor joins it)
    start: int
    end: int  # the token after the title's last


@dataclass(frozen=True)
class Role:
    """What a title says: who holds it, of which body, and how the body was found ("text": named with
    the title; "adjective": a state's adjective, "Turkish President"; "office": the dictionary's)."""

    kind: str
    via: str
    person: list[Arg]
    groups: list[Arg]


def title_at(s: Sentence, token: Token) -> Title | None:
    """The longest title of the lexicon that ``token`` is part of, or the role noun alone; None if neither."""
    w, doc = s.w, token.doc
    best: Title | None = None
    for start in range(max(s.sent.start, token.i - TITLE_WORDS + 1), token.i + 1):
        for end in range(token.i + 1, min(s.sent.end, start + TITLE_WORDS) + 1):
            phrase = normalize(doc[start:end].text)
            kind = "lead" if phrase in w.leading_titles else "member" if phrase in w.member_titles else \
                "speaker" if phrase in w.speaker_titles else None
            if kind is not None and (best is None or len(phrase.split()) > len(best.phrase.split())):
                best = Title(phrase, kind, start, end)
    if best is not None:
        return best
    lemma = s.lemma(token)
    if token.lower_ in w.lead_nouns or lemma in w.lead_nouns:
        return Title(token.lower_, "lead", token.i, token.i + 1)
    if token.lower_ in w.member_roles or lemma in w.member_roles:
        return Title(token.lower_, "member", token.i, token.i + 1)
    return None


def _former(s: Sentence, token: Token, title: Title) -> bool:
    """"former President X", "the ousted prime minister", "the fall of President X": the post is no longer held."""
    doc, former = token.doc, s.w.former_titles
    before = doc[title.start - 1] if title.start > s.sent.start else None
    if before is not None and before.text == "-" and title.start - 2 >= s.sent.start:
        before = doc[title.start - 2]  # "ex-president"
    return before is not None and before.lower_ in former or any(c.lower_ in former for c in token.children) \
        or _ousted(s, token)


def _ousted(s: Sentence, token: Token) -> bool:
    """Whether the holder of a title is the one an ouster noun governs: "the fall of President X",
    "President X's ouster", "the end of President X's rule" (lexicon ``ouster-nouns``, ``rule-nouns``)."""
    named = s.coref.mention_at(token.head)
    holder = token.head if token.dep_ in ("compound", "amod", "appos") and named is not None \
        and named.actor.type == "Person" else token
    node = holder
    for _ in range(2):  # the holder, then his rule
        owner = node.head.head if node.dep_ == "pobj" and node.head.lower_ == "of" else node.head if node.dep_ == "poss" else None
        if owner is None or owner.i == node.i:
            return False
        if s.lemma(owner) in s.w.ouster_nouns:
            return True
        if s.lemma(owner) not in s.w.rule_nouns:
            return False
        node = owner
    return False


def _groups(s: Sentence, token: Token, member: bool) -> tuple[list[Arg], bool]:
    """The bodies a role noun names ("leader of X", "X's chief", "X leader", "Turkish President"),
    and whether a state's (or a government's) adjective named one."""
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
        # "Turkish President X": the state he heads; "Syrian Foreign Minister X": a member of its government.
        # A leading title before an adjective that names a government, not its state, is no evidence: which
        # government an adjective names changes with time, and "Syrian President X" says only the state's.
        if actor is not None and (actor.type == "State" or actor.type == "Government" and member):
            groups.append(Arg(actor, adj, "adjective"))
            titled = True
        elif actor is not None and actor.type == "Government":
            titled = True
    return [g for g in groups if g.actor.type != "Person"], titled  # "his Turkish counterpart": not "his"


def _phrase(head: Token) -> list[Token]:
    """The tokens of a noun phrase without the clauses inside it: "one of the movements fighting
    Cameroon's government" names the movements, not Cameroon."""
    found, stack = [], [head]
    while stack:
        node = stack.pop()
        found.append(node)
        stack += [c for c in node.children if c.dep_ not in _CLAUSES and c.pos_ not in ("VERB", "AUX")]
    return sorted(found, key=lambda t: t.i)


def _person(s: Sentence, token: Token, person: list[Arg]) -> list[Arg]:
    """The person a role noun describes, also when the name sits inside the "of" phrase or is its head."""
    if not person:
        person = [Arg(m.actor, t, m.how) for o in s.pobjs(token, "of") for t in o.subtree
                  if (m := s.coref.mention_at(t)) is not None and m.actor.type == "Person"][:1]
    head = s.coref.mention_at(token.head)
    if not person and (token.head.ent_type_ == "PERSON" or head is not None and head.actor.type == "Person"):
        person = s.args(token.head, place=False)
    return [p for p in person if p.actor.type == "Person"]


def _day(s: Sentence, token: Token) -> dt.date | None:
    """The day a title at ``token`` is read on: the date its clause gives ("on 3 May 2016 President X"),
    else the report's date."""
    return resolve_date(s.sent, token, s.published).date or s.published


def _state_body(s: Sentence, person: list[Arg], state: Arg, title: Title, day: dt.date | None) -> Arg:
    """The body a title of a state names: the person's office of that title, else the state's organ
    of its own ("Ethiopian government"), else the state."""
    office = _office(s, person, title, day)
    if office is not None:
        return Arg(office, state.token, state.how)
    organ = s.dictionary.lexicon.pairs("title-organs").get(title.phrase, "government")
    found = s.dictionary.organ_of(state.actor.iri, organ)
    return Arg(found, state.token, state.how) if found is not None else state


def _office(s: Sentence, person: list[Arg], title: Title, day: dt.date | None) -> Actor | None:
    """The body the dictionary's office of this title heads for the person on ``day``."""
    named = {m.actor.iri for m in s.coref.mentions.values()}
    for p in person:
        found = s.dictionary.office_heading(p.actor.iri, title.phrase, day, named)
        if found is not None:
            return found
    return None


def _background_body(s: Sentence, person: list[Arg], title: Title, day: dt.date | None) -> list[Arg]:
    """A title with no body in the text: its office's body, or (a member title) the person's government."""
    office = _office(s, person, title, day)
    if office is not None:
        return [Arg(office, person[0].token, "descriptor")]
    if title.kind != "member":
        return []
    for p in person:
        bodies = sorted(g for g in s.dictionary.member_of.get(p.actor.iri, ())
                        if g in s.dictionary.actors and s.dictionary.actors[g].type in _STATE_BODIES)
        if bodies:
            return [Arg(s.dictionary.actors[bodies[0]], p.token, "descriptor")]
    return []


def role_of(s: Sentence, token: Token) -> Role | None:
    """The person, body and kind of a role noun's title, or None when it names no body."""
    title = title_at(s, token)
    if title is None or _former(s, token, title):
        return None
    groups, titled = _groups(s, token, title.kind == "member")
    groups = [g for g in groups if not token.i < g.token.i < title.end]  # "Secretary of State" is one title
    person = described(s, token)
    one_of = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if not person and one_of is not None and (one_of.pos_ == "NUM" or one_of.lower_ in s.w.quantifiers):
        person = described(s, one_of)  # "X, one of the White Army's leaders"
    if not groups:
        inner = [m for o in s.pobjs(token, "of") for t in _phrase(o)
                 if not token.i < t.i < title.end and (m := s.coref.mention_at(t)) is not None]
        groups = [Arg(m.actor, token, m.how) for m in inner if m.actor.type != "Person"][:1]
        person = person or [Arg(m.actor, token, m.how) for m in inner if m.actor.type == "Person"][:1]
    person = _person(s, token, person)
    if token.tag_ in ("NN", "NNP"):
        person = person[:1]  # "Deputy Secretary of State X and Niger's prime minister, Y": one holder
    groups = [g for g in groups if g.actor.iri not in {p.actor.iri for p in person}][:1]
    if not groups:
        body = _background_body(s, person, title, _day(s, token)) if person and not titled else []
        return Role(title.kind, "office", person, body) if body else None
    kind = title.kind
    if groups[0].actor.type == "State":
        groups = [_state_body(s, person, groups[0], title, _day(s, token))]
        if groups[0].actor.type == "State" and title.phrase in s.w.state_member_titles:
            kind = "member"  # "the Russian commander X" commands some of Russia's forces, not Russia
    if title.phrase in s.w.government_titles and groups[0].actor.type not in ("State", "Government"):
        kind = "member"  # "the Prime Minister of the Syrian National Coalition": a prime minister heads a government
    return Role(kind, "adjective" if titled else "text", person, groups)


@hook("role")
def role(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the leader of X, Y", "X leader Y", "its chief Y" (``via: [text]``); "Turkish President Y"
    (``via: [adjective]``); "President Y" read through Y's office (``via: [office]``). A record of
    ``leads`` takes leading titles, any other record member titles."""
    found = shared(s, "role", m.trigger, lambda: role_of(s, m.trigger))
    if found is None or found.kind != ("lead" if m.rule.relation == "leads" else "member"):
        return
    if found.via in m.param("via", ("text", "adjective")):
        yield Emit(found.person, found.groups)


@hook("possessor")
def possessor(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Haftar's Libyan National Army", "Jolani's HTS": a person's possessive on a named armed body."""
    owner = m.trigger.head
    if owner.dep_ != "poss" or owner.head.i == owner.i:
        return
    person, body = s.coref.mention_at(owner), s.coref.mention_at(owner.head)
    if person is None or body is None or person is body or person.actor.type != "Person" \
            or body.how not in ("name", "alias", "discovered") or body.actor.type not in m.param("types", ()):
        return
    start = next(t.i for t in owner.head.subtree if s.coref.mention_at(t) is body)
    if any(t.text[:1].isupper() for t in owner.doc[m.trigger.i + 1:start]):
        return  # "Haftar's Libyan National Army" when only "National Army" is known: a longer name the dictionary lacks
    yield Emit([Arg(person.actor, owner, person.how)], [Arg(body.actor, owner.head, body.how)])


@hook("whose-possessor")
def whose_possessor(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Osama bin Laden, whose al-Qaeda network ...": the person the relative clause describes, and whose named
    armed body or party the possessed phrase names (a name of the phrase's own words, not of its clauses)."""
    noun = m.trigger.head
    clause = next((a for a in noun.ancestors if a.dep_ == "relcl"), None) if m.trigger.dep_ == "poss" else None
    # the parser may hang "whose N" on the name as an apposition, with no relative clause
    described = clause.head if clause is not None else noun.head if m.trigger.dep_ == "poss" and noun.dep_ == "appos" else None
    person = s.coref.mention_at(described) if described is not None else None
    if person is None or person.actor.type != "Person":
        return
    words = [noun] + [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    bodies = {id(b): b for t in words if (b := s.coref.mention_at(t)) is not None and b is not person
              and b.how in ("name", "alias", "discovered") and b.actor.type in m.param("types", ())}
    if bodies:
        yield Emit([Arg(person.actor, described, person.how)],
                   [Arg(b.actor, noun, b.how) for b in bodies.values()])
