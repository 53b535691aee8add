"""General syntax: the actors a phrase denotes, and where a trigger's arguments sit.

Nothing here knows a relation. A phrase is turned into the actors it denotes by a
sequence of small resolvers (:data:`RESOLVERS`), tried in order, each for one way a
report names an actor: a dictionary or discovered name; "rebels of the Southern Front";
"some of the rebels"; a relative pronoun and its antecedent; a pronoun or "the group"
(``coref.py``); an apposition or "militias called X"; the actor behind an event ("the
rebels' offensive"); a descriptor ("X, the Lebanese group ..."); a spokesman for X; a
force noun with an actor modifier ("SNA fighters", "Russian airstrikes", "forces loyal to
X"); a place noun ("the city of Raqqa"). Coordinated phrases give every conjunct.

Every walk is bounded (``MAX_DEPTH`` nested phrases, ``MAX_HOPS`` clause hops, ``MAX_NESTING``
walks inside walks), so a 25 KB sentence of 5,000 coordinated tokens cannot exhaust the
interpreter's stack.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..actors import ActorDictionary
from ..coref import CorefResolver, is_generic
from ..models import Actor, Location, Mention
from .words import Words

#: internal to graph.rules (the rules' hooks and finders use it; its behaviour is shown by the rules' examples)
__all__ = ["MAX_DEPTH", "MAX_HOPS", "MAX_NESTING"]

#: nested phrases followed from one argument ("fighters of the army of ...")
MAX_DEPTH = 6
#: clauses climbed to find a subject ("X sought to help Y capture ...")
MAX_HOPS = 4
#: nested ``args`` calls of any kind at once (a subject's phrase inside an event inside a phrase ...)
MAX_NESTING = 24


@dataclass(frozen=True)
class Arg:
    """An actor found at a place in the parse, with how it was found (for confidence)."""

    actor: Actor
    token: Token
    how: str


class Sentence:
    """The argument finders for one sentence; holds the resolved mentions of the document."""

    def __init__(self, sent: Span, dictionary: ActorDictionary, coref: CorefResolver, words: Words,
                 published: dt.date | None = None) -> None:
        self.sent = sent
        #: the report's date, against which the dictionary's dated background (offices) is read
        self.published = published
        self.dictionary = dictionary
        self.coref = coref
        self.w = words
        #: results of hooks shared by several records at one trigger (see ``hooks.shared``)
        self.memo: dict[tuple, object] = {}
        #: ``args`` calls in progress: every walk (phrases, clauses, antecedents) nests through ``args``
        self._nesting = 0
        #: the actors of each (phrase, kind, depth) walked: a phrase is walked once per sentence, so
        #: long coordinations ("fighters of the army and fighters of ...") cost polynomial, not exponential, time
        self._walks: dict[tuple, tuple[Arg, ...]] = {}

    def lemma(self, token: Token) -> str:
        """The lower-case lemma through the lexicon's form map ("retook" -> "retake")."""
        return self.w.forms.get(token.lower_) or token.lemma_.lower()

    # ---- the actors a phrase denotes --------------------------------------------------------
    def args(self, token: Token | None, *, place: bool | None = None, depth: int = 0) -> list[Arg]:
        """Actors a phrase headed by ``token`` denotes, conjuncts included.

        ``place`` True keeps places only, False keeps non-places only, None keeps both.
        """
        if token is None or depth > MAX_DEPTH or self._nesting >= MAX_NESTING:
            return []
        key = ("args", token.i, place, depth)
        if key not in self._walks:
            self._nesting += 1
            try:
                self._walks[key] = tuple(self._args(token, place, depth))
            finally:
                self._nesting -= 1
        return list(self._walks[key])

    def _args(self, token: Token, place: bool | None, depth: int) -> list[Arg]:
        found = self.head_args(token, place, depth)
        for conj in token.conjuncts:
            if conj.i > token.i:
                found += self.head_args(conj, place, depth)
        if found and self.coref.mention_at(token) is not None:
            found += self._listed_after(token)
        seen, unique = set(), []
        for arg in found:
            if arg.actor.iri not in seen and (place is None or self.dictionary.is_place(arg.actor) == place):
                seen.add(arg.actor.iri)
                unique.append(arg)
        return unique

    def head_args(self, token: Token, place: bool | None, depth: int) -> list[Arg]:
        """The actors of ``token``'s own phrase (no conjuncts): the first resolver that answers."""
        if depth > MAX_DEPTH:
            return []
        key = ("head", token.i, place, depth)
        if key not in self._walks:
            self._walks[key] = ()
            for resolve in RESOLVERS:
                found = resolve(self, token, place, depth)
                if found is not None:
                    self._walks[key] = tuple(found)
                    break
        return list(self._walks[key])

    def _listed_after(self, token: Token) -> list[Arg]:
        """Names listed after a name ("X, Y, Z and W") when the parser broke the coordination.

        Only names of the same kind (places with places, actors with actors) join the list.
        """
        first = self.coref.mention_at(token)
        is_place = self.dictionary.is_place(first.actor)
        doc, end = token.doc, self.sent.end
        i = token.i
        while i < end and self.coref.mention_at(doc[i]) is first:
            i += 1
        found: list[Arg] = []
        while i < end and (doc[i].text in (",", "and", "or", ";") or doc[i].lower_ == "the"):
            j = i
            while j < end and doc[j].text in (",", "and", "or", "the"):
                j += 1
            mention = self.coref.mention_at(doc[j]) if j < end else None
            if j == i or mention is None or self.dictionary.is_place(mention.actor) != is_place \
                    or any(_in_subject(t) for t in _tokens_of(doc, mention, j)) \
                    or mention.end > self.sent.end_char \
                    or doc[j].dep_ == "conj" and doc[j].head.i < token.i:  # coordinated with an earlier phrase
                break
            found.append(Arg(mention.actor, doc[j], mention.how))
            i = j
            while i < end and self.coref.mention_at(doc[i]) is mention:
                i += 1
        return found

    def before_comma(self, pronoun: Token, head: Token) -> Token | None:
        """The name right before ", which" when the parser hung the clause on an earlier conjunct.

        "Russia and Iran, which back Assad, and Turkey, which backs the rebels": the parser may
        attach both clauses to "Russia"; the second describes Turkey.
        """
        doc = pronoun.doc
        if pronoun.i < 2 or doc[pronoun.i - 1].text != "," or self.coref.mention_at(head) is None:
            return None
        nearest = doc[pronoun.i - 2]
        if self.coref.mention_at(nearest) is None or nearest.i == head.i or nearest not in head.conjuncts:
            return None
        return nearest

    def coordinated_before(self, token: Token, place: bool | None, depth: int) -> list[Arg]:
        """Names joined to ``token`` by "and" with no comma between: "Russia and Iran, which ..."."""
        found: list[Arg] = []
        node = token
        hops = 0
        while node.dep_ == "conj" and hops < 50 and all(t.text != "," for t in node.doc[node.head.i + 1:node.i]):
            node = node.head
            hops += 1
            found += self.head_args(node, place, depth + 1)
        return found

    def adjective_or_args(self, token: Token) -> list[Arg]:
        """An adjective of an actor ("Turkish") when ``token`` is no mention, else its phrase's actors."""
        adjective = self.dictionary.by_adjective(token.text) if self.coref.mention_at(token) is None else None
        return [Arg(adjective, token, "adjective")] if adjective else self.args(token, place=False)

    def owners(self, token: Token) -> list[Arg]:
        """Whose thing was hit: "Hezbollah's depots", "depots belonging to Hezbollah", "an attack by X"."""
        found: list[Arg] = []
        w = self.w
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and self.coref.mention_at(child) is not None):
                found += self.args(child, place=False)
            elif child.dep_ in ("amod", "compound") and self.coref.mention_at(child) is None and not after_anti_pro(child):
                actor = self.dictionary.by_adjective(child.text)  # "struck Iranian targets"
                if actor is not None and not self.dictionary.is_place(actor):
                    found.append(Arg(actor, child, "adjective"))
            elif child.dep_ == "acl" and child.lemma_ in w.ownership_verbs:
                found += [a for o in self.pobjs(child, "to", "by") for a in self.args(o, place=False)]
            elif child.dep_ == "prep" and child.lower_ == "by" and self.is_event(token):
                found += [a for o in (c for c in child.children if c.dep_ == "pobj") for a in self.args(o, place=False)]
            elif child.dep_ == "prep" and child.lower_ == "of" and token.lower_ in w.target_nouns:
                found += [a for o in (c for c in child.children if c.dep_ == "pobj") for a in self.args(o, place=False)]
        return found

    def is_event(self, token: Token) -> bool:
        """A nominal hostile event ("offensive", "airstrikes")."""
        return token.lemma_ in self.w.oppose_nouns or token.lower_ in self.w.oppose_nouns

    # ---- where arguments sit -----------------------------------------------------------------
    @staticmethod
    def child(token: Token, *deps: str) -> Token | None:
        return next((c for c in token.children if c.dep_ in deps), None)

    def pobjs(self, token: Token, *preps: str) -> list[Token]:
        """Objects of the prepositions ``preps`` under ``token`` ("from", "out of" as "out")."""
        found = []
        for prep in self._preps(token, preps):
            if prep.dep_ in ("prep", "agent", "dative", "prt") and prep.lower_ in preps:
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                found += objs
                for inner in (c for c in prep.children if c.dep_ == "prep"):
                    found += [c for c in inner.children if c.dep_ == "pobj"]
                if not any(self.args(o) for o in objs):
                    named = next_name(prep, self)  # the parser hung the object elsewhere: take the name right after
                    if named is not None:
                        found.append(named)
        return found

    def _preps(self, token: Token, preps: tuple[str, ...]) -> list[Token]:
        """The prepositions under ``token``; for a verb of ``object-prep-verbs`` those on its object too; for an
        event those of its target that the parser hung on its agent ("an offensive by X and Y against Z")."""
        found = list(token.children)
        if self.lemma(token) in self.w.object_prep_verbs:  # "pitting the army against the RSF": "against" on "army"
            found += [p for o in token.children if o.dep_ in ("dobj", "obj") for p in o.children if p.dep_ == "prep"]
        hung = self.w.event_target_prepositions
        if "by" not in preps and hung.intersection(preps) and self.is_event(token):
            for by in (c for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
                for agent in (c for c in by.children if c.dep_ == "pobj"):
                    found += [p for a in (agent, *agent.conjuncts) for p in a.children
                              if p.dep_ == "prep" and p.lower_ in hung]
        return found

    def pobj_args(self, token: Token, *preps: str, place: bool | None = False) -> list[Arg]:
        """The actors of the objects of ``preps`` under ``token``."""
        return [a for o in self.pobjs(token, *preps) for a in self.args(o, place=place)]

    def subject(self, verb: Token, *, depth: int = 0) -> list[Arg]:
        """The agent of a verb: its subject, else the subject (or object, for "help X do") it inherits."""
        if depth > MAX_HOPS:
            return []
        if passive(verb):
            agents = self.pobjs(verb, "by")
            return self.args(agents[0], place=False) if agents else []
        subj = self.child(verb, "nsubj", "csubj")
        if subj is not None and subj.lemma_ in self.w.goal_nouns:
            owners = [c for c in subj.children if c.dep_ == "poss"]
            return self.args(owners[0], place=False) if owners else []
        if subj is not None:
            return self.args(subj, place=False) + self.companions(subj, verb)
        if verb.tag_ in ("NNS", "NN") and verb.dep_ == "ROOT":
            # "Turkey arms the SNA" tagged as the noun phrase "Turkey arms" with an object: the compound acts
            names = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i]
            return self.args(names[-1], place=False) if names else []
        if verb.dep_ == "relcl":
            return self.args(verb.head, place=False)
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or verb.lemma_ in self.w.motion_verbs):
            found = self.args(verb.head, place=False)  # "militias crossed into Syria to reinforce ..."
            if not found and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":
                found = self.subject(verb.head.head, depth=depth + 1)  # "Iran spent billions supporting Assad"
            return found
        if verb.dep_ == "acl" and (verb.head.lemma_ in self.w.purpose_nouns or verb.head.lemma_ in self.w.commitment_nouns) \
                and any(c.lower_ == "to" for c in verb.children):
            return self._purpose_agents(verb.head, depth)  # "a campaign to seize X": an aim (see stance)
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head != verb:
            return self._inherited_subject(verb, depth)
        return []

    def companions(self, subj: Token, verb: Token) -> list[Arg]:
        """Who acts with a subject where the sentence says so: "X, fighting alongside Y, captured Z", "X, together
        with Y, ...", "X took Z alongside Y", "with the help of Y" (lexicon ``co-agent-prepositions``,
        ``co-agent-nouns``). A backer is no companion: in "X, backed by Y, captured Z" only X took Z."""
        found: list[Arg] = []
        if self.lemma(verb) in self.w.stative_verbs:  # "along with HTS, the fighters include ...": no act to share
            return found
        for node in (subj, verb):
            for child in node.children:
                if child.dep_ in ("acl", "advcl") and child.tag_ == "VBG":  # "fighting alongside Y"
                    preps = [c for c in child.children if c.dep_ == "prep"]
                elif child.dep_ == "prep":
                    preps = [child]
                else:
                    continue
                for prep in preps:
                    for inner in (prep, *(c for c in prep.children if c.dep_ == "prep")):
                        found += self._co_agents(inner)
        return found

    def _co_agents(self, prep: Token) -> list[Arg]:
        """The actors of a companion phrase: "alongside Y", "together with Y", "along with Y", "with the help of Y"."""
        w = self.w
        said = {prep.lower_} | {f"{c.lower_} {prep.lower_}" for c in prep.children if c.dep_ == "advmod"}
        if prep.head.dep_ == "prep":
            said.add(f"{prep.head.lower_} {prep.lower_}")  # "along with": "with" hangs on "along"
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if said & w.co_agent_prepositions:
            return [a for o in objects for a in self.args(o, place=False)]
        if prep.lower_ == "with":  # "with the help of Y"
            return [a for o in objects if o.lemma_ in w.co_agent_nouns for a in self.pobj_args(o, "of")]
        return []

    def _inherited_subject(self, verb: Token, depth: int) -> list[Arg]:
        """The agent of a subordinate or coordinated verb: its governor's object or subject."""
        head = verb.head
        w = self.w
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
            if head.lemma_ in w.commitment_nouns:  # "its commitment to supporting X"
                return self._purpose_agents(head, depth)
            obj = self.child(head, "dobj")
            if obj is not None and (head.lemma_ in w.back_verbs or head.lemma_ in w.accuse_verbs):
                return self.args(obj, place=False)
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and verb.dep_ == "xcomp":
            head = head.head  # "were getting ready to storm X", "is eager to retake X"
        if head.pos_ in ("VERB", "AUX"):
            if verb.dep_ in ("xcomp", "advcl") and passive(head) and any(c.lower_ == "to" for c in verb.children) and \
                    (head.lemma_ in w.dispatch_verbs or head.lemma_ in w.object_control_verbs):
                # "X was sent by Iran to fight", "a militia dispatched by Iran to fight": X fights, not Iran
                return self.sent_forces(head)
            if verb.dep_ == "xcomp" and (head.lemma_ in w.back_verbs or head.lemma_ in w.object_control_verbs):
                obj = self.child(head, "dobj" if not passive(head) else "nsubjpass")
                if obj is not None:  # "ordered the army to attack", "the army was ordered to attack"
                    return self.args(obj, place=False)
            return self.subject(head, depth=depth + 1)
        return []

    def _purpose_agents(self, noun: Token, depth: int) -> list[Arg]:
        """Who pursues "a campaign to seize X", "a bid to capture X", "a commitment to supporting X": the
        noun's owner, else its clause's subject."""
        owners = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod") and c.i < noun.i
                  for a in self.adjective_or_args(c)]
        if owners:
            return owners
        node = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
        if noun.dep_ in ("dobj", "pobj", "nsubjpass") and node.pos_ in ("VERB", "AUX"):
            return self.subject(node, depth=depth + 1)
        return []

    def objects(self, verb: Token, hops: int = 0) -> list[Token]:
        """The patient phrases of an active verb, or the subject of a passive one."""
        if passive(verb):
            subj = self.child(verb, "nsubjpass")
            if subj is not None:
                return [subj]
            if verb.dep_ in ("acl", "relcl"):
                return [verb.head]
            if verb.dep_ == "advcl" and verb.head.lemma_ not in self.w.naming_verbs and \
                    (subj := self.child(verb.head, "nsubj", "nsubjpass")) is not None:
                return [subj]  # "Backed by Russian warplanes, the army attacked ...": the main clause's subject
            if verb.dep_ == "conj" and verb.head.dep_ == "advcl" and hops < MAX_HOPS and \
                    (subj := self.child(verb.head.head, "nsubj", "nsubjpass")) is not None:
                return [subj]  # "Armed and trained by Turkey, the SNA ..."
            if verb.dep_ == "conj" and passive(verb.head) and hops < MAX_HOPS:
                return self.objects(verb.head, hops + 1)  # "the SDF was founded in 2015 and backed by the US"
            return []
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [verb.head]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if objects:  # "captured Kidal on Tuesday, and Aguelhok on Friday": the parser made the second a conjunct of the verb
            objects += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i > objects[0].i
                        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)]
        return objects

    def object_args(self, verb: Token, *, place: bool | None = False) -> list[Arg]:
        """The actors of a verb's objects."""
        return [a for o in self.objects(verb) for a in self.args(o, place=place)]

    def controlled(self, token: Token) -> list[Token]:
        """``token`` itself, or X in "control of X" / "most of X"."""
        if token.lemma_ in self.w.part_words or token.lower_ in self.w.part_words:
            return self.pobjs(token, "of", "over") or [token]
        return [token]

    def controlled_places(self, tokens: list[Token]) -> list[Arg]:
        """The places of phrases, through "control of"/"most of"."""
        return [a for o in tokens for c in self.controlled(o) for a in self.args(c, place=True)]

    def sent_forces(self, verb: Token) -> list[Arg]:
        """What a passive verb of sending acts on: its subject ("M23 fighters were sent by Rwanda"), or the
        phrase it modifies, the whole of "a militia of Afghan refugees dispatched by Iran"."""
        patient = self.child(verb, "nsubjpass")
        if patient is None and verb.dep_ == "acl":
            patient = verb.head
            if not self.args(patient, place=False) and patient.dep_ == "pobj" and patient.head.lower_ == "of":
                patient = patient.head.head
        return self.args(patient, place=False) if patient is not None else []

    def territories(self, tokens: list[Token]) -> list[Arg]:
        """The states that phrases name by their own head, as the places of their territory: "withdrew from
        Kosovo", "pulled out of the country". A state acts, and a place does not, so the territory is a
        place node of its own (``territory_of``); a phrase whose head is another word ("the Iran deal",
        "Russia's border") names no territory."""
        found = []
        for token in (t for t in tokens if t.dep_ == "pobj"):
            for head in (token, *(c for c in token.conjuncts if c.i > token.i)):
                mention = self.coref.mention_at(head) or self.coref.resolve(head)
                if mention is not None and mention.actor.type == "State":
                    found.append(Arg(territory_of(mention.actor), head, mention.how))
        return found

    def patients(self, verb: Token) -> list[Arg]:
        """The actors a verb acts on; for a passive modifier, only the phrase it modifies.

        "the army, supported by Russia, and the rebels": the rebels, coordinated after the
        modifier, are not what Russia supports.
        """
        if verb.dep_ == "conj" and verb.head.dep_ == "acl" and not self.objects(verb):
            verb = verb.head  # "factions funded and armed by Turkey": "armed" modifies what "funded" does
        if verb.dep_ == "acl" and (body := collective_of(verb.head, self.w)) is not None:
            # "the SNA, an alliance of factions funded by Turkey": Turkey funds the SNA
            named = self.args(body.head, place=False) if body.dep_ == "appos" else self.subject(body.head)
            if named:
                return named
        found = self.object_args(verb)
        if verb.dep_ in ("acl", "relcl") and passive(verb):
            found = [a for a in found if a.token.i < verb.i]
        return found


def territory_of(state: Actor) -> Actor:
    """The place a state's name stands for where an actor leaves it: a region located in the state, under
    the state's label (its IRI the state's with ``-territory``), without coordinates of its own.

    >>> kosovo = territory_of(Actor("https://w3id.org/actorgraph/id/actor/kosovo", "State", "Kosovo"))
    >>> kosovo.iri.rsplit("/", 1)[-1], kosovo.type, kosovo.label, kosovo.location.country.rsplit("/", 1)[-1]
    ('kosovo-territory', 'Region', 'Kosovo', 'kosovo')
    """
    return Actor(state.iri + "-territory", "Region", state.label,
                 location=Location(country=state.iri, country_label=state.label))


# ---- resolvers: one way of naming an actor each; None = "not this way, try the next" ----------
Resolver = Callable[[Sentence, Token, "bool | None", int], "list[Arg] | None"]


def _member_of_named_group(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"rebels of the Southern Front", "insurgents from HTS": the named group they belong to."""
    mention = s.coref.mention_at(token)
    if mention is None or not is_generic(mention.actor.iri):
        return None
    groups = [a for o in s.pobjs(token, "of", "from") for a in s.args(o, place=False, depth=depth + 1)
              if a.actor.type in ("ArmedGroup", "Coalition")]
    return groups or None


def _mention(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    mention = s.coref.mention_at(token)
    return [Arg(mention.actor, token, mention.how)] if mention is not None else None


def _named_before_descriptor(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"HTS rebels", "RSF paramilitaries", "ELN fighters": a descriptor written after a group's name is that
    group, not the generic side the descriptor alone would stand for (the name wins)."""
    mention = s.coref.mention_at(token)
    if place is True or mention is None or mention.how != "generic" or not s.dictionary.is_generic(mention.actor.iri):
        return None
    for child in token.children:
        named = s.coref.mention_at(child) if child.dep_ in ("compound", "nmod", "amod") and child.i < token.i \
            and not child.conjuncts and all(s.coref.mention_at(t) is s.coref.mention_at(child)
                                            for t in token.doc[child.i:token.i]) else None  # right before the noun
        if named is not None and named is not mention and not s.dictionary.is_generic(named.actor.iri) \
                and named.actor.type.lower() in s.w.named_owner_types and not s.dictionary.is_place(named.actor):
            return [Arg(named.actor, child, named.how)]
    return None


def _coordinated_owners(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"Rwandan and Mozambican security forces", "the Malian and Wagner forces", "US and Iraqi troops":
    one force noun, one actor per coordinated modifier ("Malian and allied troops": "allied" names nobody).

    The name the ruler gave the head ("Mozambican security forces") covers its last modifier only, so the
    others are read here, before the head's mention answers for them all. A head named for something else
    than its modifiers ("US and Iraqi Popular Mobilization Forces") is left to the other resolvers.
    """
    if place is True or not _is_force_noun(token, s.w):
        return None
    firsts = [c for c in token.children if c.dep_ in _OWNER_DEPS and c.i < token.i and _owner_modifier(c)
              and any(conj.i < token.i for conj in c.conjuncts)]
    if not firsts:
        return None
    members = [m for first in firsts for m in sorted({first, *first.conjuncts}, key=lambda t: t.i)
               if m.i < token.i and _owner_modifier(m) and m.pos_ in ("PROPN", "NOUN", "ADJ")]
    if len(members) < 2:  # "the SDF and Turkish-backed groups": a participle is no owner
        return None
    head = s.coref.mention_at(token)
    if head is not None and not s.dictionary.is_generic(head.actor.iri) \
            and all(s.coref.mention_at(m) is not head for m in members):
        return None
    found = [a for m in members for a in _member_owner(s, token, m, depth)]
    return found or None


def _member_owner(s: Sentence, token: Token, member: Token, depth: int) -> list[Arg]:
    """The actor of one coordinated modifier: what "<modifier> <noun>" alone names ("Malian troops" is the
    junta where the dictionary says so), else the modifier's own actor ("Rwandan")."""
    if s.coref.mention_at(member) is None:
        named = s.dictionary.lookup(f"{member.text} {token.text}")
        if named is not None and named.type != "Person" and not s.dictionary.is_place(named) \
                and (member.text[:1].isupper() or not s.dictionary.is_generic(named.iri)):  # "rebel": the report's side
            return [Arg(named, member, "force")]
    return _force_owner(s, token, member, depth)


def _quantified(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"backs some of the rebels": the rebels."""
    if token.lower_ in s.w.quantifiers and place is not True and (parts := s.pobjs(token, "of")):
        return [a for o in parts for a in s.args(o, place=place, depth=depth + 1)]
    return None


def _relative_pronoun(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"which", "who", "that": the phrase the relative clause describes."""
    if not (token.tag_ in ("WDT", "WP", "WP$") or token.lower_ == "that" and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")):
        return None
    clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return None
    nearest = s.before_comma(token, clause.head)
    if nearest is not None:
        return [a for a in s.args(nearest, place=place, depth=depth + 1) if a.token.i < token.i] + \
            s.coordinated_before(nearest, place, depth)
    return [a for a in s.args(clause.head, place=place, depth=depth + 1) if a.token.i < token.i]


def _coreferent(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """A pronoun or "the group": its antecedent phrase, or the actor coreference resolved."""
    antecedent = s.coref.antecedent_token(token, place=place)
    if antecedent is not None:
        return [Arg(a.actor, token, "coref") for a in s.args(antecedent, place=place, depth=depth + 1)]
    referent = s.coref.resolve(token)
    return [Arg(referent.actor, token, "coref")] if referent is not None else None


def _apposition(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"militias, the SNA, ...", "militias called the SNA": the name they are given."""
    found: list[Arg] = []
    for child in token.children:
        if not (child.dep_ == "appos" or (child.dep_ == "acl" and child.lemma_ in s.w.naming_verbs)):
            continue
        if child.dep_ == "appos" and token.tag_ in ("NNS", "NNPS") and \
                (m := s.coref.mention_at(child)) is not None and m.actor.type == "Person":
            continue
        target = child if child.dep_ == "appos" else next(
            (c for c in child.subtree if c.dep_ in ("oprd", "dobj", "attr", "pobj", "appos") and s.coref.mention_at(c)), None)
        found += [Arg(a.actor, a.token, "descriptor") for a in s.args(target, place=place, depth=depth + 1)]
    return found or None


def _actor_behind_event(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"support the rebels' offensive": the actor behind the event."""
    if place is not False or not s.is_event(token) or token.dep_ not in ("dobj", "pobj", "nsubj"):
        return None
    found: list[Arg] = []
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod") and child.i < token.i:
            adjective = s.dictionary.by_adjective(child.text) if s.coref.mention_at(child) is None else None
            found += [Arg(adjective, child, "adjective")] if adjective else s.args(child, place=False, depth=depth + 1)
    if not found and token.dep_ == "dobj" and token.head.lemma_ in s.w.light_verbs:
        found = s.subject(token.head, depth=depth + 1)  # "X led the offensive that toppled Y"
    return found or None


def _descriptor(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"X, the Lebanese group allied with Iran": the name right before the comma, whatever the parser chose."""
    if token.pos_ != "NOUN" or not (token.dep_ == "appos" or token.lemma_ in s.w.descriptor_nouns):
        return None
    left = token.left_edge.i
    before = token.doc[left - 2] if left >= 2 and token.doc[left - 1].text in (",", "(", "—", "-", ";") else None
    if before is not None and s.coref.mention_at(before) is not None:
        anchor = before
    elif token.dep_ == "appos":
        anchor = token.head
    else:
        return None
    return [Arg(a.actor, a.token, "descriptor") for a in s.args(anchor, place=place, depth=depth + 1) if a.token.i != token.i]


def _spokesperson(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"a spokesman for the SNA said his fighters ...": speaks and acts for the SNA."""
    if token.lower_ not in s.w.spokesperson_nouns:
        return None
    found: list[Arg] = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "from", "with")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [Arg(a.actor, a.token, "descriptor") for a in s.args(pobj, place=False, depth=depth + 1)]
    return found or None


#: the dependencies of a modifier that may name whose force a noun is
_OWNER_DEPS = ("compound", "poss", "nmod", "amod")


def _is_force_noun(token: Token, w: Words) -> bool:
    """A noun of armed men or their weapons that its modifiers may own ("Turkish troops"), and not a new body."""
    return (token.lower_ in w.force_nouns or token.lemma_ in w.force_nouns or token.lemma_ in w.descriptor_nouns) \
        and not any(c.dep_ == "amod" and c.lower_ in w.new_body_adjectives for c in token.children)


def _owner_modifier(token: Token) -> bool:
    """A modifier that may name an owner: not the target of "anti-"/"pro-", not the backer of "X-backed"."""
    return not after_anti_pro(token) and not before_hyphen_participle(token)


def _force(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"SNA fighters", "Russian airstrikes", "Assad's government", "forces loyal to X": whose force."""
    w = s.w
    if place is True or not _is_force_noun(token, w):
        return None
    modifiers = [c for c in token.children if c.dep_ in _OWNER_DEPS and c.i < token.i and _owner_modifier(c)
                 and not (c.dep_ == "poss" and (token.lemma_ in w.ally_nouns or token.lower_ in w.ally_nouns))]
    # "its allies", "Iran's partners": the allies of X are not X, and are not named
    modifiers += [conj for c in modifiers for conj in c.conjuncts if conj.i < token.i]
    found: list[Arg] = []
    for child in modifiers:
        found += _force_owner(s, token, child, depth)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "loyal"):
            preps = [child]
        elif child.dep_ == "amod" and child.lower_ in w.owner_participles:
            preps = [c for c in child.children if c.dep_ == "prep"]
        else:
            continue
        for pobj in (c for prep in preps for c in prep.children if c.dep_ == "pobj"):
            # "forces loyal to Machar" are his movement's, where the dictionary knows it: not the man himself
            found += [Arg(_body_of(s, a.actor) or a.actor, a.token, "force") for a in s.args(pobj, place=False, depth=depth + 1)]
    return found or None


def _body_of(s: Sentence, person: Actor) -> Actor | None:
    """The government, armed forces or armed group a person belongs to in the dictionary (the first by IRI), or
    None for anyone else: whose forces "Assad's government" or "forces loyal to Haftar" are."""
    if person.type != "Person":
        return None
    bodies = [s.dictionary.actors[g] for g in sorted(s.dictionary.member_of.get(person.iri, ()))
              if g in s.dictionary.actors and s.dictionary.actors[g].type in ("Government", "ArmedForces", "ArmedGroup")]
    return bodies[0] if bodies else None


def _force_owner(s: Sentence, token: Token, child: Token, depth: int) -> list[Arg]:
    """The actor one modifier of a force noun names ("government-affiliated", "Turkish", "Assad's")."""
    w = s.w
    if child.dep_ == "amod" and child.lemma_ in w.membership_participles and child.i >= 2 and child.nbor(-1).text == "-":
        before = child.nbor(-2)
        mention = s.coref.mention_at(before)
        owner = mention.actor if mention is not None else s.dictionary.by_adjective(before.text)
        return [Arg(owner, child, "force")] if owner is not None else []  # "government-affiliated forces"
    adjective = s.dictionary.by_adjective(child.text) if s.coref.mention_at(child) is None \
        and child.dep_ in ("amod", "compound", "nmod", "conj") else None
    if adjective is not None and not s.dictionary.is_place(adjective):
        if adjective.type == "State" and token.lemma_ in w.irregular_force_nouns:
            return []  # "Iraqi militias" are not the Iraqi state's
        if token.lemma_ in w.ally_nouns and adjective.type != "State":
            return []  # "their Syrian allies"
        return [Arg(adjective, child, "force")]  # "Russian airstrikes", "Turkish troops"
    found: list[Arg] = []
    for arg in s.args(child, place=False, depth=depth + 1):
        if arg.actor.type == "Person":  # "Assad's government": the body he belongs to, if known
            body = _body_of(s, arg.actor)
            found += [Arg(body, arg.token, "force")] if body is not None else []
        else:
            found.append(Arg(arg.actor, arg.token, "force"))
    return found


def _place_phrase(s: Sentence, token: Token, place: bool | None, depth: int) -> list[Arg] | None:
    """"the city of Raqqa", "Raqqa province", "positions near Palmyra": the place named."""
    if place is False:
        return []
    w, found = s.w, []
    if token.lower_ in w.place_nouns or token.lemma_ in w.place_nouns:
        for child in token.children:
            if child.dep_ == "compound" and child.i < token.i:
                found += s.args(child, place=True, depth=depth + 1)
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "across", "around", "near", "outside"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    found += s.args(pobj, place=True, depth=depth + 1)
    if not found and token.dep_ in ("dobj", "pobj") and token.lower_ in w.position_nouns:
        for prep in (c for c in token.children if c.dep_ == "prep"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found += s.args(pobj, place=True, depth=depth + 1)
    return found


#: the ways of naming an actor, in the order they are tried
RESOLVERS: tuple[Resolver, ...] = (
    _member_of_named_group, _coordinated_owners, _named_before_descriptor, _mention, _quantified, _relative_pronoun, _coreferent, _apposition,
    _actor_behind_event, _descriptor, _spokesperson, _force, _place_phrase,
)


# ---- small predicates over the parse ------------------------------------------------------------
def _in_subject(token: Token) -> bool:
    """A subject, or a modifier inside one ("SDF" in "SDF commander Mazloum Abdi said")."""
    for _ in range(4):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("compound", "amod", "poss", "nmod") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _tokens_of(doc: Doc, mention: Mention, start: int) -> list[Token]:
    """The tokens of the mention that begins at token ``start`` ("Prime Minister Haider al-Abadi")."""
    end = start
    while end < len(doc) and doc[end].idx < mention.end:
        end += 1
    return list(doc[start:end])



def collective_of(members: Token, w: Words) -> Token | None:
    """The collective noun that ``members`` make up when it describes a named body, or None.

    "X, a coalition of ... factions" (apposition) and "X is an alliance of ... groups" (copula).
    """
    prep = members.head
    if members.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_ not in w.collective_nouns:
        return None
    body = prep.head
    if body.dep_ == "appos" or body.dep_ == "attr" and body.head.lemma_ == "be":
        return body
    return None


def light_verb(noun: Token, w: Words) -> Token | None:
    """The verb that carries out a nominal event: "launched an offensive", "carried out dozens of strikes"."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ == "dobj":
        node = node.head.head  # "dozens of strikes", "a wave of attacks"
    if node.dep_ == "dobj" and node.head.lemma_ in w.light_verbs:
        return node.head
    return None


def after_anti_pro(token: Token) -> bool:
    """"anti-Asad coalitions" are not Asad's: the name after "anti-"/"pro-" is their target."""
    return token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ in ("anti", "pro")


def before_hyphen_participle(token: Token) -> bool:
    """"UN" in "the UN-backed government": the backer, not whose government it is."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_ \
        and doc[token.i + 2].tag_ in ("VBN", "VBD")


def acts_as_verb(token: Token) -> bool:
    """A word the tagger got wrong ("back" as an adverb) but the parser uses as a verb."""
    return token.dep_ in ("ROOT", "conj", "relcl", "ccomp") and any(c.dep_ in ("nsubj", "dobj") for c in token.children)


def next_name(token: Token, s: Sentence) -> Token | None:
    """The name right after a verb ("occupied the town of X" aside), for parses that lost the object; never the
    backer of an "X-backed" phrase, which is not what the phrase names."""
    i = token.i + 1
    while i < s.sent.end and token.doc[i].lower_ in ("the", "a", "an"):
        i += 1
    named = token.doc[i] if i < s.sent.end and s.coref.mention_at(token.doc[i]) is not None else None
    return None if named is not None and before_hyphen_participle(named) else named  # "on the Iran-backed group"


def passive(verb: Token) -> bool:
    """A passive clause, or a participle with a by-agent ("the army, supported by Russia")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "conj", "advcl") and any(c.dep_ == "agent" for c in verb.children))
