"""Hooks of the backing and alliance records: backing verbs, aid given and received, pacts,
"with the backing of", "on behalf of", backers and allies."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..events import described, noun_agents
from ..syntax import Arg, Sentence, collective_of
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook


@hook("back")
def back(s: Sentence, m: Match) -> Iterator[Emit]:
    """The subject of a backing verb backs what it acts on; ``voice`` picks active or passive."""
    token = m.trigger
    is_passive = any(c.dep_ in ("auxpass", "agent") for c in token.children)
    if is_passive == (m.param("voice") == "passive"):
        yield Emit(s.subject(token), s.patients(token))


@hook("aid-given")
def aid_given(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X supplied weapons to Y", "X gave Y money" (also parsed with Y as the material's compound)."""
    token, verb = m.trigger, m.trigger.head
    recipients = [a for o in s.pobjs(verb, "to", "for") + s.pobjs(token, "to", "for") for a in s.args(o, place=False)]
    recipients += [a for c in verb.children if c.dep_ == "dative" for a in s.args(c, place=False)]
    recipients += [a for c in token.children if c.dep_ == "compound" and s.coref.mention_at(c) is not None
                   for a in s.args(c, place=False)]
    yield Emit(s.subject(verb), recipients)


@hook("aid-received")
def aid_received(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Y received support from X": X backs Y."""
    token, verb = m.trigger, m.trigger.head
    donors = [a for o in s.pobjs(verb, "from") + s.pobjs(token, "from") for a in s.args(o, place=False)]
    yield Emit(donors, s.subject(verb))


def _givers(s: Sentence, token: Token) -> list[Arg]:
    """Whose backing a noun is: "the backing of X", "X's support", "American support"."""
    return s.pobj_args(token, "of") + [a for c in token.children if c.dep_ in ("poss", "amod", "compound") and c.i < token.i
                                      for a in s.adjective_or_args(c)]


@hook("backing-of")
def backing_of(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Y enjoys / lost / won the backing of X", "Y has Washington's support": X backs (or backed) Y."""
    givers = _givers(s, m.trigger)
    if givers and not s.pobjs(m.trigger, "for", "to"):  # "lost its support for Y": the support-for record
        yield Emit(givers, s.subject(m.nodes["verb"]))


@hook("loyal-to")
def loyal_to(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the PDF, loyal to the NUG", "the Houthis are loyal to Iran": the named group backs X ("forces loyal
    to X" are X's own forces: the same actor, no claim)."""
    token = m.trigger
    holders = s.subject(token.head) if token.dep_ == "acomp" else s.args(token.head, place=False)
    # both named, not described ("opposition forces loyal to X" are X's own men; "loyal to a rival government"
    # names no one for sure), and the one owed loyalty a body: "fighters loyal to Haftar" are his, led by him
    yield Emit([a for a in holders if _named(s, a)],
               [a for a in s.pobj_args(token, "to") if _named(s, a) and a.actor.type != "Person"])


def _named(s: Sentence, arg: Arg) -> bool:
    """An argument a name gives ("the shadow National Unity Government" too), not a description alone."""
    if arg.how not in ("generic", "descriptor", "force"):
        return True
    mention = s.coref.mention_at(arg.token)
    span = arg.token.doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention is not None else None
    return span is not None and any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)


@hook("pact")
def pact(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X formed an alliance with Y", "X pledged allegiance to Y": the preposition is the record's ``prep``."""
    token, prep = m.trigger, m.param("prep")
    partners = [a for o in s.pobjs(token, prep) + s.pobjs(token.head, prep) for a in s.args(o, place=False)]
    yield Emit(s.subject(token.head), partners)


@hook("with-backing")
def with_backing(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the SDF hold Raqqa with the backing of US troops": those troops' state backs the clause's subject."""
    yield Emit(s.pobj_args(m.trigger, "of"), s.subject(m.nodes["verb"]))


@hook("in-support")
def in_support(s: Sentence, m: Match) -> Iterator[Emit]:
    """"intervened on behalf of X", "deployed troops in support of X": the clause's subject backs X."""
    yield Emit(s.subject(m.nodes["verb"]), s.pobj_args(m.trigger, "of"))


@hook("support-for")
def support_for(s: Sentence, m: Match) -> Iterator[Emit]:
    """"reaffirmed its support for X", "Russian support to the army"."""
    token, w = m.trigger, s.w
    if token.dep_ == "dobj" and (token.head.lemma_ in w.give_verbs or token.head.lemma_ in w.receive_verbs):
        return  # "provided support to X": the aid records
    if token.dep_ == "pobj" and token.head.lower_ in ("with", "in", "on") and token.head.head.pos_ in ("VERB", "AUX") \
            and s.pobjs(token, "of"):
        return  # "with the backing of", "in support of": their own records
    targets = s.pobj_args(token, "for", "to")
    if targets:
        yield Emit(noun_agents(s, token, inherit=True), targets)


@hook("backer")
def backer(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Iran, a key backer of the Assad government"; "Assad's main backer, Russia"."""
    token = m.trigger
    backed = s.pobj_args(token, "of", "to", "for") + [a for c in token.children if c.dep_ == "poss"
                                                      for a in s.args(c, place=False)]
    if not backed:
        return
    backers, at = described(s, token), None
    if not backers:
        backers = _apposed_name(s, token)
        own = {a.actor.iri for a in backers}
        if backers and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children) \
                and {a.actor.iri for a in backed} <= own:  # "Iran, its main supporter": "its" is not Iran
            backed = _named_before(s, backers[0].token, own)
        at = backers[0].token if backers else None  # an apposition states a fact: "would deal a blow to X, its backer"
    yield Emit(backers, backed, at=at)


def _named_before(s: Sentence, token: Token, skip: set[str]) -> list[Arg]:
    """The nearest actor named before ``token`` in the sentence, other than ``skip`` and places."""
    for i in range(token.i - 1, s.sent.start - 1, -1):
        mention = s.coref.mention_at(token.doc[i])
        if mention is not None and mention.actor.iri not in skip and not s.dictionary.is_place(mention.actor):
            return [Arg(mention.actor, token.doc[i], mention.how)]
    return []


def _apposed_name(s: Sentence, token: Token) -> list[Arg]:
    """The name right before ", its main backer" when the parser did not attach the phrase to it: "a blow
    to Iran, its main supporter", "the US and Iran, Hezbollah's primary backer" (Iran only)."""
    doc, start = token.doc, token.left_edge.i
    end = token.right_edge.i + 1
    if start < s.sent.start + 2 or doc[start - 1].text != "," or token.dep_ not in ("npadvmod", "conj", "appos", "dep", "attr") \
            or end < s.sent.end and not doc[end].is_punct:
        return []
    mention = s.coref.mention_at(doc[start - 2])
    if mention is None or s.dictionary.is_place(mention.actor):
        return []
    return [Arg(mention.actor, doc[start - 2], mention.how)]


@hook("ally")
def ally(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Russia's ally Iran", "an ally of X"; "Russia's Iranian allies" are Iran, but "Turkey's Syrian
    allies" are not the Syrian government (only a State's adjective names the ally)."""
    token = m.trigger
    partners = [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]
    partners += s.pobj_args(token, "of")
    allies = [Arg(actor, c, "adjective") for c in token.children if c.dep_ in ("amod", "compound")
              and (actor := s.dictionary.by_adjective(c.text)) is not None and actor.type == "State"]
    if partners:
        yield Emit(allies or described(s, token), partners)


@hook("allied-with")
def allied_with(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Hezbollah is allied with Iran", "a group allied to X"."""
    token = m.trigger
    partners = s.pobj_args(token, "with", "to")
    if s.lemma(token) not in s.w.ally_verbs and not s.pobjs(token, "with", "to"):
        return
    subj = s.child(token, "nsubj", "nsubjpass")
    agents = s.args(subj, place=False) if subj is not None else \
        s.args(token.head, place=False) if token.dep_ in ("amod", "acl") else []
    body = collective_of(token.head, s.w) if subj is None and token.dep_ in ("amod", "acl") else None
    if body is not None:  # "the SNA, a coalition of rebel factions allied with Turkey": the SNA is
        named = s.args(body.head, place=False) if body.dep_ == "appos" else s.subject(body.head)
        agents = named or agents
    yield Emit(agents, partners)


@hook("mutual-allies")
def mutual_allies(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X and Y are allies", "X and Y are allied": each is allied with the other (no "of", "with", "to")."""
    token = m.trigger
    if s.pobjs(token, "of", "with", "to") or any(c.dep_ == "poss" for c in token.children):
        return  # "allies of Z", "allied with Z", "Z's allies": the other records
    if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be":
        sides = s.subject(token.head)
    elif token.dep_ in ("ROOT", "ccomp", "conj") and (subj := s.child(token, "nsubj", "nsubjpass")) is not None:
        sides = s.args(subj, place=False)  # "X and Y have long been allied"
    else:
        return
    for a in sides:
        yield Emit([a], [b for b in sides if b.actor.iri != a.actor.iri])


#: the kinds of actor a state or group sends to fight for it
_SENT_FORCES = frozenset(("ArmedGroup", "ArmedForces", "Coalition"))


@hook("dispatched")
def dispatched(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the Fatemiyoun, dispatched by Iran", "M23 fighters were sent by Rwanda", "Russia sent Wagner to Mali":
    whoever sends an armed group or force backs it; envoys, delegations and troops of its own back nobody."""
    sent = s.sent_forces(m.trigger) if any(c.dep_ in ("auxpass", "agent") for c in m.trigger.children) else s.patients(m.trigger)
    forces = [a for a in sent if a.actor.type in _SENT_FORCES]
    if forces:
        yield Emit(s.subject(m.trigger), forces)
