"""Hooks of the control and withdrawal records: captures, losses, falls, "under the control of"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..events import attached_to, noun_agents, place_before
from ..syntax import Arg, Sentence, next_name, passive
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook, shared


def _capture(s: Sentence, token: Token) -> tuple[list[Arg], list[Arg]] | None:
    """(agents, places) of a capture verb, or None when its object is no place ("took part")."""
    w, objects = s.w, s.objects(token)
    takes_control = any(o.lemma_ in w.control_object_nouns for o in objects)
    lemma = s.lemma(token)
    if lemma in w.place_only_control_verbs and not takes_control and not (lemma == "take" and token.dep_ == "advcl") \
            and not s.controlled_places(objects):  # "held the whole of Raqqa" too
        return None
    places = s.controlled_places(objects)
    if not places and takes_control:  # "took charge of Kabul"; "consolidated their control over Aleppo", "over" on the verb
        places = [a for o in objects if o.lemma_ in w.control_object_nouns
                  for a in s.pobj_args(o, "over", "of", place=True)] or s.pobj_args(token, "over", "of", place=True)
    if not places and not objects and not passive(token):
        places = s.args(next_name(token, s), place=True)
    return s.subject(token), places


def _captured(s: Sentence, m: Match) -> tuple[list[Arg], list[Arg]] | None:
    return shared(s, "capture", m.trigger, lambda: _capture(s, m.trigger))


def no_longer(token: Token) -> bool:
    """"X no longer controls P": the verb says the control has ended."""
    return any(c.dep_ == "advmod" and c.lower_ == "longer" and any(n.dep_ == "neg" and n.lower_ == "no" for n in c.children)
               for c in token.children)


@hook("capture")
def capture(s: Sentence, m: Match) -> Iterator[Emit]:
    """The agent of a capture verb controls its place; ``voice`` picks active or passive clauses;
    "X no longer holds P" says the opposite (the no-longer record)."""
    found = _captured(s, m)
    is_passive = any(c.dep_ == "auxpass" for c in m.trigger.children) or \
        m.trigger.dep_ == "acl" and m.trigger.tag_ != "VB"  # "Raqqa, seized by X"; not "a bid to seize X"
    if found is not None and is_passive == (m.param("voice") == "passive") and not no_longer(m.trigger):
        yield Emit(*found)


@hook("no-longer")
def no_longer_holds(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the army no longer controls P": the army has left P."""
    found = _captured(s, m)
    if found is not None and no_longer(m.trigger) and not passive(m.trigger):
        yield Emit(*found)


def _losers(s: Sentence, token: Token) -> list[Arg]:
    """Who a place was taken from: "captured Raqqa from ISIS", "retook villages from the army"."""
    objects = s.objects(token)
    objects += [p for o in objects for p in s.pobjs(o, "of")]  # "took the villages of Raqqa from ISIS"
    backs = [c for c in token.children if c.dep_ in ("advmod", "prt") and c.lower_ == "back"]
    froms = s.pobjs(token, "from") + [p for o in objects + backs for p in s.pobjs(o, "from")]  # "wrested P back from Y"
    return [a for o in froms for a in s.args(o, place=False)]


@hook("captured-from")
def captured_from(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X captured P from Y": Y withdrew from P."""
    found = _captured(s, m)
    if found is not None:
        yield Emit(_losers(s, m.trigger), found[1])


@hook("taken-by-force")
def taken_by_force(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X retook several villages from Y" (an object taken): X fought Y."""
    found = _captured(s, m)
    if found is not None and s.objects(m.trigger):
        yield Emit(found[0], _losers(s, m.trigger))


@hook("after-capture")
def after_capture(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X took P after Y withdrew": Y withdrew from P (stance and date from Y's clause)."""
    found = _captured(s, m)
    if found is None:
        return
    token = m.trigger
    clauses = list(token.children)
    if token.dep_ == "ccomp" and token.head.lemma_ in s.w.speech_verbs:
        clauses += list(token.head.children)  # "X reported that Y took P after Z withdrew"
    for clause in (c for c in clauses if c.dep_ == "advcl" and c.lemma_ in s.w.withdraw_verbs):
        if not s.pobjs(clause, "from", "out") and not s.objects(clause):
            yield Emit(s.subject(clause), found[1], at=clause)


def _left(s: Sentence, token: Token) -> list[Arg]:
    """The places a withdrawal verb leaves: after "from"/"out of", or its object ("abandoned Palmyra")."""
    w, lemma, places = s.w, s.lemma(token), []
    objects = s.objects(token)
    if lemma in w.withdraw_from_verbs:
        direct = s.pobjs(token, "from", "out", "outside")
        froms = direct or \
            [p for o in objects for p in s.pobjs(o, "from")] or \
            [p for c in token.children if c.dep_ in ("advmod", "prt") and c.lower_ in ("back", "away")
             for p in s.pobjs(c, "from")]  # "withdrew troops from Kobani", "pulled back | from Mekelle"
        places = s.controlled_places(froms) or s.territories(direct)
    if lemma in w.withdraw_direct_verbs:
        places += s.controlled_places(objects)
        positions = [o for o in objects if o.lower_ in w.position_nouns]
        if not places and positions:
            # "abandoned their Kabul posts"; "abandoned checkpoints across the province": the place hangs on the verb
            places = [a for o in positions for c in o.children if c.dep_ == "compound" for a in s.args(c, place=True)] \
                or s.pobj_args(token, *w.locative_prepositions, place=True)
    return places


def _bare(s: Sentence, token: Token) -> bool:
    """A withdrawal that names nothing it leaves: "the troops pulled out" (no object, no "from", no "out of" place)."""
    return not s.objects(token) and not any(c.dep_ == "prep" and c.lower_ in ("from", "out", "outside", "of")
                                            for c in token.children)


def _taken_meanwhile(s: Sentence, token: Token) -> tuple[set[str], list[Arg]]:
    """The actors and the places they take in the clause joined to a bare withdrawal: "Y pulled out and X
    took P", "Y withdrew as X stormed P" (the mirror of "X took P after Y withdrew", the after-capture record)."""
    w = s.w
    clauses = [c for c in token.children if c.dep_ in ("conj", "advcl")]
    if token.dep_ == "conj":
        clauses.append(token.head)
    takers: set[str] = set()
    places: list[Arg] = []
    for clause in clauses:
        if s.lemma(clause) not in w.capture_verbs and s.lemma(clause) not in w.control_gain_verbs:
            continue
        found = shared(s, "capture", clause, lambda clause=clause: _capture(s, clause))
        if found is not None and found[0] and not no_longer(clause) and not passive(clause):
            takers |= {a.actor.iri for a in found[0]}
            places += found[1]
    return takers, places


@hook("withdraw")
def withdraw(s: Sentence, m: Match) -> Iterator[Emit]:
    """The subject of a withdrawal verb (the object of "troops were moved") left the places; a bare
    withdrawal ("AU forces pulled out and al-Shabaab took P") left what the joined clause's agent takes."""
    token = m.trigger
    movers = s.object_args(token) if m.param("mover") == "object" else s.subject(token)
    places = shared(s, "withdraw", token, lambda: _left(s, token))
    if not places and m.param("mover") != "object" and _bare(s, token):
        takers, places = _taken_meanwhile(s, token)
        movers = [a for a in movers if a.actor.iri not in takers]
    yield Emit(movers, places)


@hook("lost-to")
def lost_to(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the SDF lost Deir ez-Zor to the rebels": the rebels control it."""
    yield Emit(s.pobj_args(m.trigger, "to"), shared(s, "withdraw", m.trigger, lambda: _left(s, m.trigger)))


def _driven(s: Sentence, token: Token) -> tuple[list[Arg], list[Arg], bool]:
    """(who is driven, the places, whether the verb says out/back/away: "drove them out of 90 percent of
    the territory", "pushed the rebels back"; a bare "from" is not enough: "expelled the envoy from the
    country", "driven the Taliban from power")."""
    driven = s.object_args(token)
    places = s.controlled_places(s.pobjs(token, "out", "from"))
    away = any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("out", "back", "away") for c in token.children)
    return (driven, places, away) if driven else ([], [], False)


@hook("driven-out")
def driven_out(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X drove Y out of P": ``who`` names the role pair the record gives (driven/driver/fight); the fight
    needs no place ("an offensive that drove them out of most of the territory they held")."""
    driven, places, away = shared(s, "drive", m.trigger, lambda: _driven(s, m.trigger))
    who = m.param("who")
    if who == "fight" and away and driven:
        yield Emit(s.subject(m.trigger), driven)
    if not places:
        return
    if who == "driven":
        yield Emit(driven, places)
    elif who == "driver":
        yield Emit(s.subject(m.trigger), places)


@hook("fell-to")
def fell_to(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Idlib fell to the rebels"; "Kherson was the first city to fall to X" (the copula's subject)."""
    token = m.trigger
    subj = s.child(token, "nsubj")
    if subj is None and token.dep_ in ("relcl", "acl") and token.head.dep_ == "attr":
        subj = s.child(token.head.head, "nsubj")
    yield Emit(s.pobj_args(token, "to"), s.args(subj, place=True) if subj is not None else [])


@hook("declared-control")
def declared_control(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X proclaimed its full control of P", "X declared control over P": X (or the control's owner) holds P."""
    token = m.trigger
    places = s.pobj_args(token, "of", "over", place=True) or s.pobj_args(m.nodes["verb"], "over", place=True)
    if places:
        owners = [a for c in token.children if c.dep_ in ("poss", "compound", "amod") for a in s.adjective_or_args(c)]
        yield Emit(owners or s.subject(m.nodes["verb"]), places)


@hook("fall-of")
def fall_of(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the fall of Damascus to rebel forces", also when "to rebel" was parsed as a verb."""
    token = m.trigger
    places = s.pobj_args(token, "of", place=True)
    winners = s.pobj_args(token, "to")
    if not winners and places:
        last = places[-1].token.i
        to = next((t for t in token.doc[last + 1:min(s.sent.end, last + 3)] if t.lower_ == "to"), None)
        name = next_name(to, s) if to is not None else None
        winners = s.args(name, place=False) if name is not None else []
    yield Emit(winners, places)


@hook("capture-noun")
def capture_noun(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the capture of Homs by the rebels", "the SDF's takeover of Raqqa"."""
    token = m.trigger
    if token.dep_ == "pobj" and token.head.lower_ == "under":
        return  # "under occupation" says who holds a place: the under-control record
    places = s.pobj_args(token, "of", place=True)
    if not places and s.pobjs(token, "by"):  # "Avdiivka's capture by Russian forces"
        places = [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=True)]
    if places:
        yield Emit(noun_agents(s, token, inherit=True), places)


@hook("under-control")
def under_control(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Manbij is under the control of the SDF", "Afrin, under Turkish occupation"."""
    token, prep = m.trigger, m.trigger.head
    if token.lemma_ in s.w.control_nouns and prep.lower_ != "under":
        return  # "in occupation of": the capture-noun record
    # "under the control of X", but not "under the occupation of Y" (Y is the place occupied)
    holders = s.pobj_args(token, "of") if token.lemma_ not in s.w.control_nouns else []
    for c in token.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            holders += s.adjective_or_args(c)
    places = [a for t in attached_to(s, prep) for a in s.args(t, place=True)]
    yield Emit(holders, places or place_before(s, prep))


@hook("in-hands")
def in_hands(s: Sentence, m: Match) -> Iterator[Emit]:
    """"Aleppo is in the hands of X", "in X's hands"."""
    token = m.trigger
    holders = s.pobj_args(token, "of") + [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]
    yield Emit(holders, [a for t in attached_to(s, token.head) for a in s.args(t, place=True)])


@hook("withdrawal-noun")
def withdrawal_noun(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the withdrawal of Russian forces from Qamishli", "the army's retreat from Palmyra"."""
    token = m.trigger
    places = s.pobj_args(token, "from", place=True)
    if places:
        yield Emit(noun_agents(s, token, inherit=True) or s.pobj_args(token, "of"), places)


@hook("capture-noun-from")
def capture_noun_from(s: Sentence, m: Match) -> Iterator[Emit]:
    """"the recapture of Mosul from Islamic State": whoever the place was taken from withdrew from it (the
    nominal "X captured P from Y"); "liberation from hunger" names no place and no actor."""
    token = m.trigger
    places = s.pobj_args(token, "of", place=True)
    froms = s.pobjs(token, "from") + [o for p in s.pobjs(token, "of") for o in s.pobjs(p, "from")]
    verb = token.head
    if not froms and token.dep_ == "dobj" and verb.lemma_ not in s.w.receive_verbs and verb.lemma_ not in s.w.speech_verbs:
        froms = s.pobjs(verb, "from")  # "hailed the recapture of Mosul | from Islamic State": the parser's attachment
    losers = [a for o in froms for a in s.args(o, place=False)]
    if places and losers:
        yield Emit(losers, places)
