"""Hooks of the hostility records: attacks, clashes, repelled attacks, offensives, "anti-X"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..events import between, described, noun_agents
from ..syntax import Arg, Sentence, light_verb
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook, shared


def _hit(s: Sentence, tokens: list[Token]) -> list[Arg]:
    """The actors of phrases, or whose things they are ("struck Hezbollah's depots")."""
    return [a for o in tokens for a in s.args(o, place=False) or s.owners(o) or _held_by(s, o)]


def _held_by(s: Sentence, token: Token) -> list[Arg]:
    """Who holds the area hit when the holder hangs on the area's own place phrase: "strikes against areas in
    Syria's east controlled by Iran-backed militias" (attacking X-held areas is attacking X)."""
    w = s.w
    if token.lemma_ not in w.place_nouns and token.lower_ not in w.place_nouns and token.lower_ not in w.position_nouns:
        return []
    scopes = [token] + ([token.head] if token.dep_ == "dobj" else [token.head.head] if token.dep_ == "pobj" else [])
    inner = s.pobjs(scopes[0], "in", "of") + [p for scope in scopes[1:] for p in s.pobjs(scope, "in")]  # "struck areas | in the east held by X"
    return [a for place in inner for c in place.children
            if c.dep_ == "acl" and c.lemma_ in w.ownership_verbs for a in s.pobj_args(c, "by")]


def _led_groups(s: Sentence, tokens: list[Token]) -> list[Arg]:
    """The groups whose leader was hit: "killed Nasrallah, the leader of Hezbollah", "killed Hezbollah's
    commander": attacking a group's leader is attacking the group."""
    w, found = s.w, []
    for o in tokens:
        roles = [o] if s.lemma(o) in w.lead_nouns or o.lower_ in w.lead_nouns else []
        roles += [c for c in o.children if c.dep_ == "appos" and (c.lemma_ in w.lead_nouns or c.lower_ in w.lead_nouns)]
        for role in roles:
            found += s.pobj_args(role, "of") + [a for c in role.children if c.dep_ == "poss" for a in s.args(c, place=False)]
    return found


def _attack(s: Sentence, token: Token) -> tuple[list[Arg], list[Arg]]:
    """(agents, targets) of a hostility verb: its objects (and the groups they lead), and "against"/"on"/"at"
    (or "with" for clashes)."""
    objects = s.objects(token)
    targets = _hit(s, objects) + _led_groups(s, objects)
    if s.lemma(token) in s.w.reciprocal_verbs:
        targets += s.pobj_args(token, "with", "against")
    else:
        targets += _hit(s, s.pobjs(token, "against", "on", "at"))
    return s.subject(token) or _bent_on(s, token), targets


def _bent_on(s: Sentence, token: Token) -> list[Arg]:
    """Who is "bent on toppling X", "intent on destroying X": the adjective's holder, for the verbs whose aim
    already is a stance (lexicon goal-stance-verbs: "Bent on toppling the government, the group attacks ...")."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.dep_ != "prep" or prep.head.pos_ != "ADJ" or s.lemma(token) not in s.w.goal_stance_verbs:
        return []
    adjective = prep.head
    if adjective.dep_ in ("acomp", "advcl", "xcomp") and adjective.head.i != adjective.i:
        return s.subject(adjective.head)
    return s.args(adjective.head, place=False) if adjective.dep_ in ("amod", "acl") else []


def _attacked(s: Sentence, m: Match) -> tuple[list[Arg], list[Arg]]:
    return shared(s, "attack", m.trigger, lambda: _attack(s, m.trigger))


def _events(s: Sentence, token: Token) -> list[Token]:
    """Attacks a verb's object names ("repelled an attack", "foiled an attempt")."""
    repel = s.lemma(token) in s.w.repel_verbs
    return [o for o in s.objects(token) if s.is_event(o) or repel and o.lower_ in s.w.repelled_nouns]


@hook("attack-by")
def attack_by(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X repelled an attack by Y": Y attacked X; ``reverse`` gives X fought Y."""
    agents = _attacked(s, m)[0]
    for event in _events(s, m.trigger):
        attackers = s.pobj_args(event, "by")
        yield Emit(agents, attackers) if m.param("reverse") else Emit(attackers, agents)


def _with_partner(s: Sentence, m: Match) -> bool:
    return s.lemma(m.trigger) in s.w.reciprocal_verbs and bool(s.pobjs(m.trigger, "with"))


def _mutual(s: Sentence, m: Match) -> bool:
    """"X and Y clashed / fought": coordinated sides with no target and no companion ("fought alongside Z",
    "fought together", "fought for Z" are one side)."""
    agents, targets = _attacked(s, m)
    companions = s.pobj_args(m.trigger, *s.w.companion_prepositions) or \
        any(c.lower_ in s.w.companion_prepositions for c in m.trigger.children if c.dep_ == "advmod")
    return s.lemma(m.trigger) in s.w.mutual_verbs and not targets and not companions \
        and len({a.actor.iri for a in agents}) > 1


@hook("clashed-with")
def clashed_with(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X clashed with Y": each fights the other (the record is symmetric)."""
    if _with_partner(s, m):
        yield Emit(*_attacked(s, m))


@hook("clashed")
def clashed(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Kurdish-led forces and Turkish-backed fighters have clashed": each fights the other."""
    if not _with_partner(s, m) and _mutual(s, m):
        agents = _attacked(s, m)[0]
        for a in agents:
            yield Emit([a], [b for b in agents if b.actor.iri != a.actor.iri])


@hook("attack")
def attack(s: Sentence, m: Match) -> Iterator[Emit]:
    """The subject of a hostility verb opposes its objects and "against"/"on"/"at" phrases."""
    if not _with_partner(s, m) and not _mutual(s, m):
        yield Emit(*_attacked(s, m))


@hook("between")
def fighting_between(s: Sentence, m: Match) -> Iterator[Emit]:
    """"clashes between X and Y (as well as between Z and W)": both ways (symmetric record)."""
    for left, right in shared(s, "between", m.trigger, lambda: between(s, m.trigger)):
        yield Emit(left, right)


def _event_targets(s: Sentence, token: Token) -> list[Arg]:
    """The targets of a nominal event: "an offensive against X", "launched strikes on X"."""
    targets = _hit(s, s.pobjs(token, "against", "on", "with", "targeting"))
    light = light_verb(token, s.w)
    if not targets and light is not None:
        targets = _hit(s, s.pobjs(light, "against", "on"))
    return targets


@hook("event")
def event(s: Sentence, m: Match) -> Iterator[Emit]:
    """The agent of a nominal event opposes its target; ``reverse``: "clashes with X" also X."""
    token, w = m.trigger, s.w
    if (token.lower_ in w.reciprocal_nouns or s.lemma(token) in w.reciprocal_nouns) \
            and shared(s, "between", token, lambda: between(s, token)):
        return  # "clashes between X and Y": the between record
    targets = _event_targets(s, token)
    if not targets:
        return
    if m.param("reverse"):
        if s.lemma(token) in s.w.reciprocal_nouns and s.pobjs(token, "with"):
            yield Emit(targets, noun_agents(s, token))
        return
    agents = noun_agents(s, token) or \
        [a for o in s.pobjs(token, "against", "on") for a in s.pobj_args(o, "by")] or \
        _partners_in(s, token)  # "attacks on X's posts | by Y"; "X is an ally of Z in the fight against Y"
    yield Emit(agents, targets)


def _partners_in(s: Sentence, token: Token) -> list[Arg]:
    """Who takes part in "the fight against Y" a role noun is "in": "X is an ally of Z in the fight against Y",
    "X, a partner in the war against Y" (X, and the ally's partner Z)."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ not in ("NOUN", "PROPN") or prep.head.i == prep.i:
        return []
    role = prep.head
    found = described(s, role)
    if found and (s.lemma(role) in s.w.ally_nouns or role.lower_ in s.w.ally_nouns):
        found += s.pobj_args(role, "of") + [a for c in role.children if c.dep_ == "poss" for a in s.args(c, place=False)]
    return found


@hook("backed-against")
def backed_against(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X sent troops to assist Y against Z", "X backs Y against Z": X and Y both fight Z."""
    token = m.trigger
    enemies = s.pobj_args(token, "against") + [a for o in s.objects(token) for a in s.pobj_args(o, "against")]
    if not enemies:
        return
    helpers = s.subject(token)
    sent = token.head
    if not helpers and token.dep_ in ("xcomp", "advcl") and (moved := s.child(sent, "nsubjpass")) is not None:
        helpers = s.args(moved, place=False)  # "troops were sent to assist Y against Z": the troops help
    yield Emit(helpers + s.patients(token), enemies)


@hook("under-attack")
def under_attack(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Y came under attack from X", "Y were under fire from X": X opposes Y."""
    verb = m.nodes["prep"].head
    subj = s.child(verb, "nsubj", "nsubjpass")
    attackers = s.pobj_args(m.trigger, "from", "by") or s.pobj_args(verb, "from")  # "came under fire | from X"
    if subj is not None and attackers:
        yield Emit(attackers, s.args(subj, place=False))


@hook("at-war")
def at_war(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X is at war with Y", "X and Y, both at war with Z": each side opposes the other (symmetric record)."""
    verb = m.nodes["prep"].head
    enemies = s.pobj_args(m.trigger, "with")
    if enemies and verb.pos_ in ("VERB", "AUX"):
        yield Emit(s.subject(verb), enemies)


@hook("invasion")
def invasion(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Russia's invasion of Ukraine", "the bombing of Hezbollah positions by Israel": the event's agent
    opposes the actor of its "of" phrase (a place invaded is no actor: "the invasion of Afrin" opposes no one)."""
    hit = s.pobjs(m.trigger, "of")
    targets = _hit(s, hit)
    if targets:  # "by X" may hang on the target: "the bombing of Hezbollah depots by Israeli jets"
        yield Emit(noun_agents(s, m.trigger) or [a for o in hit for a in s.pobj_args(o, "by")], targets)


@hook("opposed-to")
def opposed_to(s: Sentence, m: Match) -> Iterator[Emit]:
    """"armed groups opposed to Assad", "X is opposed to Y"."""
    token = m.trigger
    holders = s.args(token.head, place=False) if token.dep_ != "acomp" else s.subject(token.head)
    yield Emit(holders, s.pobj_args(token, "to"))


@hook("anti-pro")
def anti_pro(s: Sentence, m: Match) -> Iterator[Emit]:
    """"anti-Assad forces" oppose Assad; "pro-Iranian militias" back Iran."""
    token = m.trigger
    if token.i + 2 >= len(token.doc) or token.nbor(1).text != "-":
        return
    target = token.nbor(2)
    mention = s.coref.mention_at(target)
    if mention is not None and mention is s.coref.mention_at(token):  # "pro-Iranian militias" is one name
        mention = None
    actor = mention.actor if mention is not None else s.dictionary.by_adjective(target.text)
    if actor is None or s.dictionary.is_place(actor):
        return
    head = target.head if target.head.i != target.i else token.head
    holders = [a for a in s.args(head, place=False) if a.actor.iri != actor.iri]
    yield Emit(holders, [Arg(actor, target, "adjective")])


@hook("exchanged-fire")
def exchanged_fire(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X and Y exchanged fire", "X exchanged fire with Y": each fires on the other (the record is symmetric);
    one side alone ("troops exchanged fire near the border") fights nobody named."""
    agents = s.subject(m.trigger)
    partners = s.pobj_args(m.trigger, "with") or [a for o in s.objects(m.trigger) for a in s.pobj_args(o, "with")]
    if partners:
        yield Emit(agents, partners)
        return
    for a in agents:
        yield Emit([a], [b for b in agents if b.actor.iri != a.actor.iri])
