"""General syntax of nominal triggers: who acts in "X's offensive", "clashes between X and Y",
"X, a veteran of Y", "Aleppo, under the control of X", and what an "X-backed" compound modifies.

Like ``syntax.py``, nothing here knows a relation: rules call these finders for their roles.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..models import Actor
from .syntax import Arg, Sentence, collective_of, light_verb

#: internal to graph.rules (shown by the rules' examples in ontology/rules/relations.yaml)
__all__: list[str] = []

#: prepositions climbed from a nominal fight to the clause it happens in ("after days of fighting with X")
_CLIMB_LIMIT = 12


def noun_agents(s: Sentence, token: Token, inherit: bool = True) -> list[Arg]:
    """Who acts in a nominal event: "X's offensive", "offensive by X", "X launched an offensive"."""
    agents = [a for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < token.i
              for a in s.args(c, place=False)]
    agents += s.pobj_args(token, "by")
    if agents or not inherit:
        return agents
    w, head = s.w, token.head
    if token.dep_ in ("dobj", "nsubjpass") and (head.lemma_ in w.light_verbs or head.lemma_ in w.event_verbs):
        return s.subject(head)
    light = light_verb(token, w)
    if light is not None:
        return s.subject(light)
    if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ == "responsibility" \
            and head.head.head.lemma_ in w.responsibility_verbs:
        return s.subject(head.head.head)  # "X claimed responsibility for the attack on Y"
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "with" and head.head.pos_ == "VERB":
        return s.subject(head.head)
    if s.is_event(token):
        return _clause_of_fight(s, token)
    return []


def _clause_of_fight(s: Sentence, token: Token) -> list[Arg]:
    """"pushed into Hama after days of fighting with X": the clause's subject fights."""
    node = token
    for _ in range(_CLIMB_LIMIT):
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            break
        node = node.head
        if node.dep_ == "prep" and node.lower_ not in s.w.event_scope_prepositions:
            return []
    if node.pos_ in ("VERB", "AUX") and node.i != token.i:
        subj = s.child(node, "nsubjpass")
        if subj is not None and node.lemma_ in s.w.engagement_verbs:  # "X had been locked in clashes with Y"
            return s.args(subj, place=False)
        return s.subject(node)
    return []


def between(s: Sentence, token: Token) -> list[tuple[list[Arg], list[Arg]]]:
    """Both sides of each "clashes between X and Y (as well as between Z and W)".

    The preposition may hang on the noun, on its verb ("clashes broke out between"),
    or on the first pair ("... as well as between").
    """
    scope = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
    candidates = [c for prep in _subtree(scope) if prep.lower_ == "between" and prep.dep_ == "prep"
                  and (prep.head.i in (scope.i, token.i) or prep.head.dep_ in ("pobj", "conj"))
                  for c in prep.children if c.dep_ == "pobj"]
    pairs = []
    for first in candidates:
        conj = [c for c in first.children if c.dep_ == "conj"]
        left = s.head_args(first, False, 0)
        if conj:
            right = [a for c in conj for a in s.head_args(c, False, 0)]
        else:
            parts = s.args(first, place=False)
            left, right = parts[:1], parts[1:]
        left = [a for a in left if not s.dictionary.is_place(a.actor)]
        right = [a for a in right if not s.dictionary.is_place(a.actor)]
        if not right:  # "between the SDF and Turkish-backed groups" parsed with the SDF as a modifier
            compounds = [c for c in first.children if c.dep_ in ("compound", "nmod") and c.i < first.i
                         and any(t.lower_ == "and" for t in c.doc[c.i:first.i]) or c.dep_ == "compound"]
            extra = [a for c in compounds for a in s.args(c, place=False)]
            if extra and left and extra[0].actor.iri != left[0].actor.iri:
                right = extra
        if left and right:
            pairs.append((left, right))
    return pairs


def _subtree(token: Token) -> list[Token]:
    """``token.subtree`` without recursion (spaCy's generator recurses once per level)."""
    return list(token.doc[token.left_edge.i:token.right_edge.i + 1])


def place_before(s: Sentence, prep: Token) -> list[Arg]:
    """The place named just before ", under ..." when the parser attached the phrase elsewhere."""
    doc, i = s.sent.doc, prep.i - 1
    while i >= s.sent.start and doc[i].is_punct:
        i -= 1
    mention = s.coref.mention_at(doc[i]) if i >= s.sent.start else None
    if mention is not None and s.dictionary.is_place(mention.actor):
        return [Arg(mention.actor, doc[i], "name")]
    return []


def attached_to(s: Sentence, prep: Token) -> list[Token]:
    """The phrase a prepositional phrase describes: "Aleppo, under the control of X" -> Aleppo."""
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        subj = s.child(head, "nsubj", "nsubjpass")
        obj = s.child(head, "dobj", "attr")
        return [t for t in (obj, subj) if t is not None]
    return [head]


def described(s: Sentence, token: Token) -> list[Arg]:
    """What a role noun describes: "X, a veteran of Y"; "Y's ally X"; "X is a member of Y"."""
    if token.dep_ == "appos":
        nearest = token.doc[token.left_edge.i - 2] if token.left_edge.i >= 2 else None
        if nearest is not None and token.doc[token.left_edge.i - 1].text == "," and s.coref.mention_at(nearest) is not None \
                and (nearest in token.head.conjuncts or nearest.dep_ == "conj"):
            return _last_or_all(s, token, nearest)  # "the US and Iran, Hezbollah's backer": Iran only
        return s.args(token.head, place=False)
    if token.dep_ == "attr":
        return s.subject(token.head)
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and (attr := s.child(token.head, "attr")) is not None:
        return s.args(attr, place=False)  # "the SDF, whose backbone is the YPG": the YPG
    if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
        verb = token.head.head  # "relied on the SDF as its main ally", "sees Iran as a partner"
        objs = [c for c in verb.children if c.dep_ == "dobj"] + s.pobjs(verb, "on", "upon", "with")
        return [a for o in objs for a in s.args(o, place=False)]
    for child in token.children:
        if child.dep_ == "appos":
            return s.args(child, place=False)
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and s.coref.mention_at(nxt) is not None:  # "Russia's ally Iran", "its chief Rami ..."
        return s.args(nxt, place=False)
    if token.dep_ in ("compound", "amod"):
        return s.args(token.head, place=False)
    return []


def _last_or_all(s: Sentence, token: Token, nearest: Token) -> list[Arg]:
    """The name before ", <role noun>": the last conjunct for a singular role ("the US and Iran, Hezbollah's
    backer"), the whole coordination for a plural one ("Russia and Iran, Assad's backers")."""
    found = s.head_args(nearest, False, 0)
    if token.tag_ in ("NNS", "NNPS"):
        found += s.coordinated_before(nearest, False, 0)
    return found


def compound_owner(s: Sentence, token: Token) -> tuple[Actor, Token, bool] | None:
    """The actor before "-backed": the mention ending there, or an adjective ("Turkish"), and
    whether it is a people's adjective ("Kurdish-led" describes composition)."""
    if "-" in token.text[1:-1]:
        actor = s.dictionary.by_adjective(token.text.rsplit("-", 1)[0])
        return (actor, token, False) if actor is not None else None
    before = token.nbor(-2)
    mention = s.coref.mention_at(before)
    if mention is not None and mention is not s.coref.mention_at(token):
        return mention.actor, before, False
    actor = s.dictionary.by_adjective(before.text)
    if actor is None:
        return None
    return actor, before, actor.type == "ArmedGroup" and before.lower_ in s.w.ethnic_adjectives


def compound_co_owners(s: Sentence, owner: Token) -> list[tuple[Actor, Token]]:
    """The other owners of a compound whose hyphens hang before a coordinator: "US- and UK-backed",
    "Russian-, Iranian- and Turkish-backed" (``owner`` is the last one's token)."""
    doc, found = owner.doc, []
    mention = s.coref.mention_at(owner)
    i = owner.i
    while i > 0 and mention is not None and s.coref.mention_at(doc[i - 1]) is mention:
        i -= 1  # the first token of the owner's name
    while i >= 2 and doc[i - 1].lower_ in ("and", "or", ","):
        name = doc[i - 2]
        if name.text == "-" and i >= 3:
            name = doc[i - 3]
        elif not (name.text.endswith("-") and len(name.text) > 1):
            break
        text = name.text.rstrip("-")
        named = s.coref.mention_at(name)
        actor = named.actor if named is not None else s.dictionary.by_adjective(text) or s.dictionary.lookup(text)
        if actor is None:
            break
        found.append((actor, name))
        i = name.i
    return found


def compound_targets(s: Sentence, token: Token) -> list[Arg]:
    """What "-backed" modifies: the head phrase, or the name it stands in apposition to."""
    head = token.head.head if token.dep_ == "conj" else token.head
    body = collective_of(head, s.w)
    if body is not None:  # "the SNA, a coalition of Turkish-backed factions": Turkey backs the SNA
        named = s.args(body.head, place=False) if body.dep_ == "appos" else \
            [a for a in s.subject(body.head) if not s.dictionary.is_place(a.actor)]
        if named:
            return named
    found = s.head_args(head, None, 0)  # the compound's own noun, not its conjuncts
    if found:
        return found
    if head.dep_ == "appos":
        return s.args(head.head, place=None)
    for t in token.doc[token.i + 1: head.i + 1]:
        mention = s.coref.mention_at(t)
        if mention is not None and not _owns_compound(t):
            return [Arg(mention.actor, t, mention.how)]
    return []


def _owns_compound(token: Token) -> bool:
    """"US" in "Saudi-led and US-backed coalition": the owner of another compound, not what one modifies."""
    return token.text.endswith("-") or token.i + 1 < len(token.doc) and token.nbor(1).text == "-"


def names_a_part(s: Sentence, token: Token) -> bool:
    """What an "X-held" compound modifies is a part of a place, not the place: "X-controlled parts of Y",
    "X-held areas of Y", "X-held eastern Y" (a lower-case direction; "Eastern Ghouta" is a name)."""
    head = token.head.head if token.dep_ == "conj" else token.head
    w = s.w
    if head.lower_ in w.part_nouns or head.lemma_ in w.part_nouns:
        return True
    return any(c.dep_ in ("amod", "compound") and c.text.islower() and c.lower_ in w.part_adjectives
               for c in head.children)


def attackers_of(s: Sentence, target: Token) -> list[Arg]:
    """Who attacks an area: "X launched operations against Kurdish-held areas"."""
    node = target
    for _ in range(_CLIMB_LIMIT):
        if not (node.dep_ in ("pobj", "prep") or node.pos_ == "ADP") or node.head.i == node.i:
            break
        node = node.head
    if node.dep_ == "dobj" and not s.is_event(node):
        node = node.head  # "warplanes pounded rebel-held towns"
    if s.is_event(node):
        return noun_agents(s, node)
    if node.lemma_ in s.w.oppose_verbs:
        return s.subject(node)
    return []
