"""Typed, sourced relations from the dependency parse: ``Doc`` -> ``Claim``s.

Every rule is a named, general pattern over the parse, lemmas and actor types
(never over a particular sentence), and its name is stored on each claim, so a
wrong edge can always be traced to the rule that made it. The rules share
three steps:

1. *arguments*: a token is turned into the actors it denotes (a dictionary or
   discovered mention; a force noun with an actor modifier, "SNA forces"; a
   descriptor naming an actor, "militias called the SNA"; a relative pronoun,
   its antecedent; a pronoun or "the group"/"the city", the actor it refers to
   (see ``coref.py``); coordinated phrases give every conjunct);
2. *triggers*: verbs, nouns and hyphenated compounds that express one of the
   seven relations, with where their agent and target sit in the parse;
3. *stance and time*: negation, modality, denial and reported speech set the
   claim's status and reporter; a date phrase in the clause sets its date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary
from .coref import CorefResolver, is_generic
from .models import Actor, Claim
from .temporal import resolve_date

__all__ = ["extract_claims", "RULES"]

# --- lexicon: lemmas, grouped by what they say ------------------------------------------------
#: forms the lemmatizer misses (prefixed irregular verbs, a common misspelling)
IRREGULAR = {"retook": "retake", "retaken": "retake", "overran": "overrun", "siezed": "seize", "sieze": "seize",
             "outflanked": "outflank", "beseiged": "besiege"}
CONTROL_VERBS = frozenset("capture seize occupy overrun retake recapture conquer control storm take regain hold secure".split())
#: verbs that say control changed hands only with "control" as their object ("wrested control of Aleppo")
CONTROL_GAIN = frozenset("wrest gain assume establish win grab extend consolidate tighten reassert impose".split())
#: places only as objects: "took Hama" (not "took part"), "held Raqqa" (not "held talks"), "secured Homs"
PLACE_ONLY_CONTROL = frozenset("take hold secure".split())
#: things hit that belong to an actor named after "of": "weapons depots of the former regime"
TARGETS = frozenset("depots depot positions position bases base sites site targets facilities convoy convoys "
                    "headquarters warehouses arsenal arsenals".split())
#: words for a share of a place or a group: "control of X", "most of X", "the Syrian side of X", "some of X"
PART_WORDS = frozenset("control most much parts part all side half areas swathes some many several".split())
#: a part of a group stands for the group: "some of the rebel factions", "members of Hezbollah"
QUANTIFIERS = frozenset("some many several most all one remnants".split())
#: military sites that stand for the place they are in ("abandoned checkpoints in Daraa")
POSITIONS = frozenset("headquarters positions bases checkpoints posts barracks outposts".split())
#: prepositions that place a site or an action
LOCATIVE = ("in", "across", "around", "near", "outside", "throughout")
#: "drove X out of P", "X was forced out of P by Y"
DRIVE_VERBS = frozenset("drive push expel oust force chase kick flush evict rout dislodge".split())
WITHDRAW_VERBS = frozenset("withdraw retreat pull flee evacuate abandon leave lose move redeploy reposition cede "
                           "surrender".split())
WITHDRAW_FROM = frozenset("withdraw retreat pull flee evacuate move redeploy reposition".split())  # place after from/out of
WITHDRAW_DIRECT = frozenset("abandon leave lose evacuate flee cede surrender".split())  # place as direct object
OPPOSE_VERBS = frozenset(
    "attack fight clash bomb shell strike target overthrow topple oust oppose battle ambush besiege assault raid "
    "bombard combat counterattack repel confront invade kill fire pound hit pummel strafe repulse thwart foil".split()
)
#: fending off an attack is fighting the attacker: "X repelled an attack by Y" gives both directions
REPEL_VERBS = frozenset("repel repulse thwart foil".split())
#: what is repelled: attacks, and attempts to advance
REPELLED = frozenset("attempt attempts advance advances bid".split())
RECIPROCAL_VERBS = frozenset("clash fight battle".split())
BACK_VERBS = frozenset("back support arm aid fund finance assist help equip sponsor bankroll reinforce train prop".split())
LEAD_VERBS = frozenset("lead head command".split())
MEMBER_VERBS = frozenset("join".split())
#: nouns for a body made of other groups: what its members get, it gets ("a coalition of Turkish-backed factions")
COLLECTIVE_NOUNS = frozenset("coalition alliance umbrella grouping network bloc federation union array".split())
AFFILIATE_VERBS = frozenset("affiliate align link".split())
INCLUDE_VERBS = frozenset("include comprise".split())
ALLY_VERBS = frozenset("ally".split())

OPPOSE_NOUNS = frozenset(
    "offensive attack assault operation operations clash clashes fighting war campaign airstrike airstrikes strike "
    "strikes bombardment battle counteroffensive counterattack offensives attacks raid raids incursion push".split()
)
RECIPROCAL_NOUNS = frozenset("clash clashes fighting battle war battles".split())
CONTROL_NOUNS = frozenset("capture seizure takeover occupation conquest recapture fall".split())
BACK_NOUNS = frozenset("support backing aid assistance help funding sponsorship".split())
#: material that, given to an armed actor, backs it ("supplied weapons to", "received arms from")
AID_NOUNS = frozenset("weapon weapons arm arms ammunition munition munitions equipment training funding money "
                      "financing missile missiles drone drones rocket rockets supply supplies cover".split())
GIVE_VERBS = frozenset("provide supply send deliver give ship transfer offer extend funnel smuggle".split())
RECEIVE_VERBS = frozenset("receive get obtain accept".split())
#: "formed an alliance with", "pledged allegiance to": a verb that makes the pact, and the pact
PACT_VERBS = frozenset("form forge sign seal strike enter build announce pledge swear declare renew".split())
PACTS = {"alliance": ("alliedWith", "with"), "pact": ("alliedWith", "with"), "allegiance": ("memberOf", "to"),
         "loyalty": ("memberOf", "to")}
LEAD_NOUNS = frozenset("leader chief head commander founder chairman president emir director boss king monarch sultan".split())
#: office holders who belong to, but do not lead, the actor named with them
MEMBER_ROLES = frozenset("minister ambassador envoy spokesman spokeswoman spokesperson official officer counterpart".split())
MEMBER_NOUNS = frozenset("member veteran affiliate part faction branch backbone core wing component figure".split())
#: member nouns that also take "in": "a senior figure in HTS" (not "took part in the offensive")
MEMBER_IN = frozenset("member figure veteran".split())
BACKER_NOUNS = frozenset("backer backers supporter supporters sponsor sponsors patron patrons".split())
ALLY_NOUNS = frozenset("ally allies partner partners".split())
WITHDRAW_NOUNS = frozenset("withdrawal retreat pullout".split())

#: hyphenated compounds "X-backed Y": participle lemma -> (relation, X is subject?)
COMPOUNDS = {
    "back": ("backs", True), "support": ("backs", True), "arm": ("backs", True), "sponsor": ("backs", True),
    "fund": ("backs", True), "align": ("backs", True), "ally": ("alliedWith", True), "lead": ("leads", True),
    "control": ("controls", True), "hold": ("controls", True), "occupy": ("controls", True),
}
#: the participle of a compound kept as one token ("U.S.-backed") -> its lemma
PARTICIPLES = {"backed": "back", "supported": "support", "armed": "arm", "sponsored": "sponsor", "funded": "fund",
               "aligned": "align", "allied": "ally", "led": "lead", "controlled": "control", "held": "hold",
               "occupied": "occupy"}
LIGHT_VERBS = frozenset(
    "launch begin start mount conduct carry renew step wage continue lead initiate commence intensify resume "
    "stage escalate "
    "reaffirm pledge express provide offer give announce reiterate voice declare extend receive".split()
)
SPEECH_VERBS = frozenset(
    "say report claim announce state tell confirm add accuse allege write note insist warn assert".split()
)
DENY_VERBS = frozenset("deny reject dismiss refute".split())
INTENT_VERBS = frozenset(
    "plan threaten intend aim want hope seek try vow prepare consider propose expect attempt wish".split()
)
#: "seeks to overthrow X" already says it opposes X: intent does not make these hypothetical
GOAL_IS_STANCE = frozenset("overthrow topple oust oppose defeat destroy".split())
#: "their goal is to overthrow X": the owner of the goal is the agent of the verb
GOAL_NOUNS = frozenset("goal aim objective intention mission plan ambition purpose".split())
MODALS = frozenset("would could might may should can must will shall 'll".split())
FORCE_NOUNS = frozenset(
    "force forces troops troop fighters fighter militia militias army units unit soldiers aircraft warplanes jets "
    "missile missiles rocket rockets helicopters gunships "
    "drones artillery positions cells personnel military police guards brigade brigades battalions elements "
    "loyalists those members coalition coalitions groups factions alliance airstrikes strikes planes advisers "
    "officers commanders tanks convoys convoy allies ally partners ministry government administration authorities "
    "embassy diplomats navy intelligence power aviation corps militants gunmen jihadists patrol patrols checkpoint".split()
)
PLACE_NOUNS = frozenset(
    "city town towns village villages district districts province region area areas parts part governorate "
    "airbase base crossing field neighbourhood neighborhood outskirts countryside most much zone belt strip enclave "
    "summit suburb suburbs "
    "pocket territory territories desert".split()
)
#: nouns that describe an actor in apposition: "HTS, an Islamist group that ..."
DESCRIPTOR_NOUNS = frozenset(
    "group militia faction organisation organization movement party coalition alliance force army umbrella "
    "outfit network affiliate offshoot".split()
)
#: armed men a state's adjective describes by origin, not by command ("Iraqi militias")
IRREGULAR_FORCES = frozenset("militia militias fighter fighters gunman gunmen militant militants rebel rebels "
                             "faction factions group groups volunteers jihadist jihadists".split())
#: "government-affiliated forces" belong to the government (unlike "Iran-backed militias")
MEMBERSHIP_PARTICIPLES = frozenset("affiliate affiliated link linked loyal".split())
#: "Syria's interim government" is a new body, not Syria itself
NEW_BODY = frozenset("interim transitional caretaker new provisional rival former exiled".split())
SPOKESPEOPLE = frozenset(
    "spokesman spokeswoman spokesperson official officials representative representatives source sources "
    "envoy negotiator".split()
)
MOTION_VERBS = frozenset("cross move advance arrive enter push head travel deploy".split())
#: "X accused Y of shelling Z": Y is who shelled
ACCUSE_VERBS = frozenset("accuse blame charge condemn".split())
NAMING_VERBS = frozenset("call name know dub".split())

#: base confidence of each rule, before the parse factors of ``_confidence``
RULES: dict[str, float] = {
    "controls.verb": 0.9, "controls.passive": 0.9, "controls.noun": 0.8, "controls.compound": 0.75,
    "controls.fell_to": 0.9, "controls.under_control": 0.85, "controls.handed_over": 0.8,
    "withdrewFrom.verb": 0.9, "withdrewFrom.after_capture": 0.7, "withdrewFrom.captured_from": 0.8,
    "withdrewFrom.driven_out": 0.85, "controls.lost_to": 0.85, "withdrewFrom.noun": 0.75, "controls.drove_out": 0.7,
    "opposes.verb": 0.85, "opposes.reciprocal": 0.85, "opposes.noun": 0.85, "opposes.between": 0.85,
    "opposes.anti": 0.75, "opposes.captured_from": 0.75, "opposes.adjective": 0.85, "opposes.held_area": 0.7,
    "backs.verb": 0.9, "backs.passive": 0.9, "backs.compound": 0.9, "backs.noun": 0.85, "backs.pro": 0.7, "backs.aid": 0.8,
    "leads.verb": 0.85, "leads.noun": 0.85, "leads.title": 0.8, "leads.compound": 0.8,
    "memberOf.noun": 0.8, "memberOf.role": 0.75, "memberOf.include": 0.75, "memberOf.affiliated": 0.75, "memberOf.join": 0.85, "memberOf.led_coalition": 0.75,
    "alliedWith.verb": 0.85, "alliedWith.compound": 0.85, "alliedWith.noun": 0.8, "alliedWith.pact": 0.8, "memberOf.pact": 0.8,
}
#: a claim dated this long before publication is background history: kept, but below the edge threshold
BACKGROUND_DAYS = 730
BACKGROUND_FACTOR = 0.55
#: relations an old date places in the past; leadership and alliances are taken to persist
EVENT_RELATIONS = frozenset(("controls", "withdrewFrom", "opposes", "backs", "memberOf"))
#: adjectives of peoples rather than of organised actors: "Kurdish-led" describes composition
ETHNIC_FACTOR = 0.55


@dataclass(frozen=True)
class Arg:
    """An actor found at a place in the parse, with how it was found (for confidence)."""

    actor: Actor
    token: Token
    how: str


class _Sentence:
    """The rules for one sentence; holds the resolved mentions of the document."""

    def __init__(self, sent: Span, dictionary: ActorDictionary, coref: CorefResolver) -> None:
        self.sent = sent
        self.dictionary = dictionary
        self.coref = coref

    # ---- arguments ------------------------------------------------------------------------
    def args(self, token: Token | None, *, place: bool | None = None, depth: int = 0) -> list[Arg]:
        """Actors a phrase headed by ``token`` denotes, conjuncts included.

        ``place`` True keeps places only, False keeps non-places only, None keeps both.
        """
        if token is None or depth > 6:
            return []
        found = self._head_args(token, place, depth)
        for conj in token.conjuncts:
            if conj.i > token.i:
                found += self._head_args(conj, place, depth)
        if found and self.coref.mention_at(token) is not None:
            found += self._listed_after(token)
        seen, unique = set(), []
        for arg in found:
            if arg.actor.iri not in seen and (place is None or self.dictionary.is_place(arg.actor) == place):
                seen.add(arg.actor.iri)
                unique.append(arg)
        return unique

    def _before_comma(self, pronoun: Token, head: Token) -> Token | None:
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

    def _coordinated_before(self, token: Token, place: bool | None, depth: int) -> list[Arg]:
        """Names joined to ``token`` by "and" with no comma between: "Russia and Iran, which ..."."""
        found: list[Arg] = []
        node = token
        while node.dep_ == "conj" and all(t.text != "," for t in node.doc[node.head.i + 1:node.i]):
            node = node.head
            found += self._head_args(node, place, depth + 1)
        return found

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
        while i < end and doc[i].text in (",", "and", "or", ";") or (i < end and doc[i].lower_ == "the" and found is not None):
            j = i
            while j < end and doc[j].text in (",", "and", "or", "the"):
                j += 1
            mention = self.coref.mention_at(doc[j]) if j < end else None
            if j == i or mention is None or self.dictionary.is_place(mention.actor) != is_place \
                    or doc[j].dep_ in ("nsubj", "nsubjpass") or mention.end > self.sent.end_char \
                    or doc[j].dep_ == "conj" and doc[j].head.i < token.i:  # coordinated with an earlier phrase
                break
            found.append(Arg(mention.actor, doc[j], mention.how))
            i = j
            while i < end and self.coref.mention_at(doc[i]) is mention:
                i += 1
        return found

    def _head_args(self, token: Token, place: bool | None, depth: int) -> list[Arg]:
        mention = self.coref.mention_at(token)
        if mention is not None and is_generic(mention.actor.iri):
            # "rebels of the Southern Front", "insurgents from HTS": the named group they belong to
            groups = [a for o in self.pobjs(token, "of", "from") for a in self.args(o, place=False, depth=depth + 1)
                      if a.actor.type in ("ArmedGroup", "Coalition")]
            if groups:
                return groups
        if mention is not None:
            return [Arg(mention.actor, token, mention.how)]
        if token.lower_ in QUANTIFIERS and place is not True and (parts := self.pobjs(token, "of")):
            return [a for o in parts for a in self.args(o, place=place, depth=depth + 1)]  # "backs some of the rebels"
        if token.tag_ in ("WDT", "WP", "WP$") or token.lower_ == "that" and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:
                nearest = self._before_comma(token, clause.head)
                if nearest is not None:
                    return [a for a in self.args(nearest, place=place, depth=depth + 1) if a.token.i < token.i] + \
                        [a for a in self._coordinated_before(nearest, place, depth)]
                return [a for a in self.args(clause.head, place=place, depth=depth + 1) if a.token.i < token.i]
        antecedent = self.coref.antecedent_token(token)
        if antecedent is not None:
            return [Arg(a.actor, token, "coref") for a in self.args(antecedent, place=place, depth=depth + 1)]
        referent = self.coref.resolve(token)
        if referent is not None:
            return [Arg(referent.actor, token, "coref")]
        found: list[Arg] = []
        lower = token.lower_
        for child in token.children:
            if child.dep_ == "appos" or (child.dep_ == "acl" and child.lemma_ in NAMING_VERBS):
                if child.dep_ == "appos" and token.tag_ in ("NNS", "NNPS") and \
                        (m := self.coref.mention_at(child)) is not None and m.actor.type == "Person":
                    continue
                target = child if child.dep_ == "appos" else next(
                    (c for c in child.subtree if c.dep_ in ("oprd", "dobj", "attr", "pobj", "appos") and self.coref.mention_at(c)), None)
                found += [Arg(a.actor, a.token, "descriptor") for a in self.args(target, place=place, depth=depth + 1)]
        if found:
            return found
        if place is False and (lower in OPPOSE_NOUNS or token.lemma_ in OPPOSE_NOUNS) and token.dep_ in ("dobj", "pobj", "nsubj"):
            # "support the rebels' offensive": the actor behind the event
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod") and child.i < token.i:
                    adjective = self.dictionary.by_adjective(child.text) if self.coref.mention_at(child) is None else None
                    found += [Arg(adjective, child, "adjective")] if adjective else self.args(child, place=False, depth=depth + 1)
            if not found and token.dep_ == "dobj" and token.head.lemma_ in LIGHT_VERBS:
                found = self.subject(token.head, depth=depth + 1)  # "X led the offensive that toppled Y"
            if found:
                return found
        if token.pos_ == "NOUN" and (token.dep_ == "appos" or token.lemma_ in DESCRIPTOR_NOUNS):
            # "X, the Lebanese group allied with Iran": the name right before the comma, whatever the parser chose
            left = token.left_edge.i
            before = token.doc[left - 2] if left >= 2 and token.doc[left - 1].text in (",", "(", "—", "-", ";") else None
            if before is not None and self.coref.mention_at(before) is not None:
                anchor = before
            elif token.dep_ == "appos":
                anchor = token.head
            else:
                anchor = None
            if anchor is not None:
                return [Arg(a.actor, a.token, "descriptor") for a in self.args(anchor, place=place, depth=depth + 1)
                        if a.token.i != token.i]
        if lower in SPOKESPEOPLE:
            # "a spokesman for the SNA said his fighters ...": speaks and acts for the SNA
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "from", "with")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found += [Arg(a.actor, a.token, "descriptor") for a in self.args(pobj, place=False, depth=depth + 1)]
            if found:
                return found
        if place is not True and (lower in FORCE_NOUNS or token.lemma_ in FORCE_NOUNS or token.lemma_ in DESCRIPTOR_NOUNS) \
                and not any(c.dep_ == "amod" and c.lower_ in NEW_BODY for c in token.children):
            modifiers = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < token.i
                         and not _after_anti_pro(c)]
            modifiers += [conj for c in modifiers for conj in c.conjuncts if conj.i < token.i]
            for child in modifiers:
                if child.dep_ == "amod" and child.lemma_ in MEMBERSHIP_PARTICIPLES and child.i >= 2 \
                        and child.nbor(-1).text == "-":
                    owner = self.dictionary.by_adjective(child.nbor(-2).text) if self.coref.mention_at(child.nbor(-2)) \
                        is None else self.coref.mention_at(child.nbor(-2)).actor
                    if owner is not None:  # "government-affiliated forces" are the government's
                        found.append(Arg(owner, child, "force"))
                    continue
                adjective = self.dictionary.by_adjective(child.text) if self.coref.mention_at(child) is None \
                    and child.dep_ in ("amod", "compound", "conj") else None
                if adjective is not None and not self.dictionary.is_place(adjective):
                    if not (adjective.type == "State" and token.lemma_ in IRREGULAR_FORCES) and \
                            not (token.lemma_ in ALLY_NOUNS and adjective.type != "State"):  # "their Syrian allies"
                        found.append(Arg(adjective, child, "force"))  # "Russian airstrikes", "Turkish troops"
                    continue  # but "Iraqi militias" are not the Iraqi state's
                for arg in self.args(child, place=False, depth=depth + 1):
                    if arg.actor.type == "Person":  # "Assad's government": the body he belongs to, if known
                        bodies = [self.dictionary.actors[g] for g in sorted(self.dictionary.member_of.get(arg.actor.iri, ()))
                                  if g in self.dictionary.actors and self.dictionary.actors[g].type in ("Government", "ArmedGroup")]
                        found += [Arg(b, arg.token, "force") for b in bodies[:1]]
                    else:
                        found.append(Arg(arg.actor, arg.token, "force"))
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from", "loyal"):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        found += [Arg(a.actor, a.token, "force") for a in self.args(pobj, place=False, depth=depth + 1)]
                elif child.dep_ == "amod" and child.lower_ in ("loyal", "affiliated", "belonging"):
                    for prep in (c for c in child.children if c.dep_ == "prep"):
                        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                            found += [Arg(a.actor, a.token, "force") for a in self.args(pobj, place=False, depth=depth + 1)]
            if found:
                return found
        if place is not False and (lower in PLACE_NOUNS or token.lemma_ in PLACE_NOUNS):
            for child in token.children:
                if child.dep_ == "compound" and child.i < token.i:
                    found += self.args(child, place=True, depth=depth + 1)
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "across", "around", "near", "outside"):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        found += self.args(pobj, place=True, depth=depth + 1)
        if place is not False and not found and token.dep_ in ("dobj", "pobj") and lower in POSITIONS:
            for prep in (c for c in token.children if c.dep_ == "prep"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found += self.args(pobj, place=True, depth=depth + 1)
        return found

    def owners(self, token: Token) -> list[Arg]:
        """Whose thing was hit: "Hezbollah's depots", "depots belonging to Hezbollah", "an attack by X"."""
        found: list[Arg] = []
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and self.coref.mention_at(child) is not None):
                found += self.args(child, place=False)
            elif child.dep_ in ("amod", "compound") and self.coref.mention_at(child) is None and not _after_anti_pro(child):
                actor = self.dictionary.by_adjective(child.text)  # "struck Iranian targets"
                if actor is not None and not self.dictionary.is_place(actor):
                    found.append(Arg(actor, child, "adjective"))
            elif child.dep_ == "acl" and child.lemma_ in ("belong", "own", "use", "run", "operate", "man", "hold", "guard"):
                found += [a for o in self.pobjs(child, "to", "by") for a in self.args(o, place=False)]
            elif child.dep_ == "prep" and child.lower_ == "by" and (token.lemma_ in OPPOSE_NOUNS or token.lower_ in OPPOSE_NOUNS):
                found += [a for o in (c for c in child.children if c.dep_ == "pobj") for a in self.args(o, place=False)]
            elif child.dep_ == "prep" and child.lower_ == "of" and token.lower_ in TARGETS:
                found += [a for o in (c for c in child.children if c.dep_ == "pobj") for a in self.args(o, place=False)]
        return found

    # ---- helpers over the parse --------------------------------------------------------------
    @staticmethod
    def child(token: Token, *deps: str) -> Token | None:
        return next((c for c in token.children if c.dep_ in deps), None)

    def pobjs(self, token: Token, *preps: str) -> list[Token]:
        """Objects of the prepositions ``preps`` under ``token`` ("from", "out of" as "out")."""
        found = []
        for prep in token.children:
            if prep.dep_ in ("prep", "agent", "dative", "prt") and prep.lower_ in preps:
                found += [c for c in prep.children if c.dep_ == "pobj"]
                for inner in (c for c in prep.children if c.dep_ == "prep"):
                    found += [c for c in inner.children if c.dep_ == "pobj"]
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if not any(self.args(o) for o in objs):
                    named = _next_name(prep, self)  # the parser hung the object elsewhere: take the name right after
                    if named is not None:
                        found.append(named)
        return found

    def subject(self, verb: Token, *, depth: int = 0) -> list[Arg]:
        """The agent of a verb: its subject, else the subject (or object, for "help X do") it inherits."""
        if depth > 4:
            return []
        if _passive(verb):
            agents = self.pobjs(verb, "by")
            return self.args(agents[0], place=False) if agents else []
        subj = self.child(verb, "nsubj", "csubj")
        if subj is not None and subj.lemma_ in GOAL_NOUNS:
            owners = [c for c in subj.children if c.dep_ == "poss"]
            return self.args(owners[0], place=False) if owners else []
        if subj is not None:
            return self.args(subj, place=False)
        if verb.tag_ in ("NNS", "NN") and verb.dep_ == "ROOT":
            # "Turkey arms the SNA" tagged as the noun phrase "Turkey arms" with an object: the compound acts
            names = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i]
            return self.args(names[-1], place=False) if names else []
        if verb.dep_ == "relcl":
            return self.args(verb.head, place=False)
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or verb.lemma_ in MOTION_VERBS):
            found = self.args(verb.head, place=False)  # "militias crossed into Syria to reinforce ..."
            if not found and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":
                found = self.subject(verb.head.head, depth=depth + 1)  # "Iran spent billions supporting Assad"
            return found
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head != verb:
            head = verb.head
            if verb.dep_ == "pcomp" and head.dep_ == "prep":
                head = head.head
                obj = self.child(head, "dobj")
                if obj is not None and head.lemma_ in BACK_VERBS | ACCUSE_VERBS:
                    return self.args(obj, place=False)
            if head.pos_ in ("VERB", "AUX"):
                if verb.dep_ == "xcomp" and head.lemma_ in BACK_VERBS | {"ask", "order", "urge", "force", "allow"}:
                    obj = self.child(head, "dobj")
                    if obj is not None:
                        return self.args(obj, place=False)
                return self.subject(head, depth=depth + 1)
        return []

    def objects(self, verb: Token) -> list[Token]:
        """The patient phrases of an active verb, or the subject of a passive one."""
        if _passive(verb):
            subj = self.child(verb, "nsubjpass")
            if subj is not None:
                return [subj]
            if verb.dep_ in ("acl", "relcl"):
                return [verb.head]
            if verb.dep_ == "conj" and _passive(verb.head):
                return self.objects(verb.head)  # "the SDF was founded in 2015 and backed by the US"
            return []
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [verb.head]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        return objs

    def controlled(self, token: Token) -> list[Token]:
        """``token`` itself, or X in "control of X" / "most of X"."""
        if token.lemma_ in PART_WORDS or token.lower_ in PART_WORDS:
            return self.pobjs(token, "of", "over") or [token]
        return [token]

    # ---- stance -----------------------------------------------------------------------------
    def stance(self, trigger: Token, relation: str) -> tuple[str, Actor | None]:
        """Status (asserted/negated/hypothetical/denied) and reporter of a claim at ``trigger``."""
        status, reporter = "asserted", None
        chain = [trigger]
        node = trigger
        while node.head.i != node.i and len(chain) < 12:
            node = node.head
            chain.append(node)
        for i, node in enumerate(chain):
            children = list(node.children)
            if any(c.dep_ == "neg" for c in children) and (i == 0 or chain[i - 1].dep_ in ("xcomp", "ccomp", "conj") or node.pos_ == "AUX"):
                if node.lemma_ in SPEECH_VERBS and i > 0:
                    pass
                else:
                    status = "negated"
            if i <= 1 and any(c.dep_ == "aux" and c.lower_ in MODALS for c in children) and node.pos_ in ("VERB", "AUX") \
                    and not (i == 1 and node.lemma_ in ("continue", "keep") and chain[0].dep_ == "xcomp"):
                # "would continue to support" says the support goes on: not hypothetical
                status = "hypothetical" if status == "asserted" else status
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children) and i <= 1:
                status = "hypothetical" if status == "asserted" else status
            if i > 0 and node.lemma_ in INTENT_VERBS and chain[i - 1].dep_ in ("xcomp", "ccomp", "advcl") \
                    and trigger.lemma_ not in GOAL_IS_STANCE and not any(n.lemma_ in ("continue", "keep") for n in chain[:i]):
                # "plans to attack" is hypothetical; "vowed to continue operations against" is not
                status = "hypothetical" if status == "asserted" else status
            if i > 0 and node.lemma_ in DENY_VERBS and chain[i - 1].dep_ in ("dobj", "ccomp", "xcomp", "prep", "advcl"):
                return "denied", reporter
            if i > 0 and node.lemma_ in ACCUSE_VERBS and chain[i - 1].dep_ == "prep" and reporter is None:
                accusers = self.subject(node)
                reporter = accusers[0].actor if accusers else None
            if i > 0 and node.lemma_ in SPEECH_VERBS and chain[i - 1].dep_ in ("ccomp", "parataxis", "xcomp") and reporter is None:
                speakers = self.subject(node)
                if speakers:
                    reporter = speakers[0].actor
        for prep in (t for t in self.sent if t.lower_ == "according" and t.dep_ == "prep"):
            objs = self.pobjs(prep, "to")
            if objs and reporter is None:
                args = self.args(objs[0], place=False)
                reporter = args[0].actor if args else None
        return status, reporter


class _Extractor:
    """Runs every rule over one sentence and turns matches into claims."""

    def __init__(self, s: _Sentence, published: dt.date | None) -> None:
        self.s = s
        self.published = published
        self.out: list[Claim] = []

    def emit(self, rule: str, relation: str, subjects: Iterable[Arg], objects: Iterable[Arg], trigger: Token,
             factor: float = 1.0) -> None:
        objects = list(objects)
        status, reporter = self.s.stance(trigger, relation)
        when = resolve_date(self.s.sent, trigger, self.published)
        event_date = when.date
        for subj in subjects:
            for obj in objects:
                if subj.actor.iri == obj.actor.iri:
                    continue
                if relation in ("controls", "withdrewFrom") and not self.s.dictionary.is_place(obj.actor):
                    continue
                if relation not in ("controls", "withdrewFrom") and self.s.dictionary.is_place(obj.actor):
                    continue
                if self.s.dictionary.is_place(subj.actor):
                    continue
                if relation == "leads" and subj.actor.type not in ("Person", "State", "ArmedGroup", "Government", "Coalition", "Organization", "PoliticalOrganization"):
                    continue
                confidence = RULES[rule] * factor * _how_factor(subj.how) * _how_factor(obj.how)
                if event_date is not None and self.published is not None and not when.ongoing and \
                        relation in EVENT_RELATIONS and \
                        (self.published - event_date).days > BACKGROUND_DAYS:
                    confidence *= BACKGROUND_FACTOR
                sent = self.s.sent
                self.out.append(Claim(
                    subject=subj.actor, relation=relation, object=obj.actor, status=status,
                    sentence=sent.text, char_start=sent.start_char, char_end=sent.end_char, rule=rule,
                    confidence=round(min(confidence, 1.0), 3),
                    event_date=event_date, reported_by=reporter,
                ))

    def run(self) -> list[Claim]:
        s = self.s
        for token in s.sent:
            lemma = IRREGULAR.get(token.lower_, token.lemma_.lower())
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or _acts_as_verb(token):
                self.verb(token, lemma)
            if token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN") or \
                    (token.tag_ == "VBG" and token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass")):
                self.noun(token, lemma)
            elif (token.lower_ in LEAD_NOUNS or token.lower_ in MEMBER_ROLES) and token.dep_ in ("amod", "compound"):
                self._leader(token)
            if token.dep_ in ("amod", "acl", "compound", "conj", "ROOT", "npadvmod") and token.i > s.sent.start and self._is_hyphen_compound(token):
                self.compound(token, lemma)
            if token.lower_ in ("anti", "pro") and token.dep_ != "ROOT":
                self.anti_pro(token)
        return self.out

    # ---- verbs ----------------------------------------------------------------------------
    def _patients(self, verb: Token) -> list[Arg]:
        """The actors a verb acts on; for a passive modifier, only the phrase it modifies.

        "the army, supported by Russia, and the rebels": the rebels, coordinated after the
        modifier, are not what Russia supports.
        """
        s = self.s
        if verb.dep_ == "conj" and verb.head.dep_ == "acl" and not s.objects(verb):
            verb = verb.head  # "factions funded and armed by Turkey": "armed" modifies what "funded" does
        if verb.dep_ == "acl" and (body := _collective_of(verb.head)) is not None:
            # "the SNA, an alliance of factions funded by Turkey": Turkey funds the SNA
            named = s.args(body.head, place=False) if body.dep_ == "appos" else s.subject(body.head)
            if named:
                return named
        found = [a for o in s.objects(verb) for a in s.args(o, place=False)]
        if verb.dep_ in ("acl", "relcl") and _passive(verb):
            found = [a for a in found if a.token.i < verb.i]
        return found

    def verb(self, token: Token, lemma: str) -> None:
        s = self.s
        if self._is_hyphen_compound(token):
            return
        takes_control = any(o.lemma_ == "control" for o in s.objects(token))
        if lemma in CONTROL_VERBS or lemma in CONTROL_GAIN and takes_control:
            if lemma in PLACE_ONLY_CONTROL and not takes_control and not (lemma == "take" and token.dep_ == "advcl"):
                objs = [o for o in s.objects(token) if s.args(o, place=True)]
                if not objs:
                    return
            places = [a for o in s.objects(token) for c in s.controlled(o) for a in s.args(c, place=True)]
            if not places and takes_control:  # "consolidated their control over Aleppo", "over" on the verb
                places = [a for o in s.pobjs(token, "over", "of") for a in s.args(o, place=True)]
            if not places and not s.objects(token) and not _passive(token):
                places = s.args(_next_name(token, s), place=True)
            rule = "controls.passive" if any(c.dep_ == "auxpass" for c in token.children) or token.dep_ == "acl" else "controls.verb"
            agents = s.subject(token)
            self.emit(rule, "controls", agents, places, token)
            for loser in s.pobjs(token, "from") + [p for o in s.objects(token) for p in s.pobjs(o, "from")]:
                losers = s.args(loser, place=False)
                self.emit("withdrewFrom.captured_from", "withdrewFrom", losers, places, token)
                if s.objects(token):  # "retook several villages from government troops": taken by force
                    self.emit("opposes.captured_from", "opposes", agents, losers, token)
            clauses = list(token.children)
            if token.dep_ == "ccomp" and token.head.lemma_ in SPEECH_VERBS:
                clauses += list(token.head.children)  # "X reported that Y took P after Z withdrew"
            for clause in (c for c in clauses if c.dep_ == "advcl" and c.lemma_ in WITHDRAW_VERBS):
                if not s.pobjs(clause, "from", "out") and not s.objects(clause):
                    self.emit("withdrewFrom.after_capture", "withdrewFrom", s.subject(clause), places, clause)
        if lemma in WITHDRAW_VERBS:
            if lemma == "pull" and not any(c.lower_ in ("out", "back") for c in token.children):
                return
            if lemma == "move" and not any(c.dep_ == "auxpass" for c in token.children):
                return
            places: list[Arg] = []
            if lemma in WITHDRAW_FROM:
                froms = s.pobjs(token, "from", "out", "outside") or \
                    [p for o in s.objects(token) for p in s.pobjs(o, "from")]  # "withdrew troops from Kobani"
                places = [a for o in froms for c in s.controlled(o) for a in s.args(c, place=True)]
            if lemma in WITHDRAW_DIRECT:
                places += [a for o in s.objects(token) for c in s.controlled(o) for a in s.args(c, place=True)]
                if not places and any(o.lower_ in POSITIONS for o in s.objects(token)):
                    # "abandoned checkpoints across the province": the place hangs on the verb
                    places = [a for o in s.pobjs(token, *LOCATIVE) for a in s.args(o, place=True)]
            movers = s.subject(token) if lemma != "move" else [a for o in s.objects(token) for a in s.args(o, place=False)]
            self.emit("withdrewFrom.verb", "withdrewFrom", movers, places, token)
            if lemma in ("lose", "cede", "surrender"):  # "the SDF lost Deir ez-Zor to the rebels"
                winners = [a for o in s.pobjs(token, "to") for a in s.args(o, place=False)]
                self.emit("controls.lost_to", "controls", winners, places, token)
        if lemma in DRIVE_VERBS:
            driven = [a for o in s.objects(token) for a in s.args(o, place=False)]
            places = [a for o in s.pobjs(token, "out", "from") for c in s.controlled(o) for a in s.args(c, place=True)]
            if driven and places:
                self.emit("withdrewFrom.driven_out", "withdrewFrom", driven, places, token)
                self.emit("controls.drove_out", "controls", s.subject(token), places, token)
                self.emit("opposes.verb", "opposes", s.subject(token), driven, token)
        if lemma == "fall" and (targets := s.pobjs(token, "to")):
            places = [a for c in ([s.child(token, "nsubj")] if s.child(token, "nsubj") else []) for a in s.args(c, place=True)]
            self.emit("controls.fell_to", "controls", [a for t in targets for a in s.args(t, place=False)], places, token)
        if lemma == "hand" and any(c.lower_ == "over" for c in token.children):
            receivers = [a for t in s.pobjs(token, "to") for a in s.args(t, place=False)]
            places = [a for o in s.objects(token) for a in s.args(o, place=True)]
            self.emit("controls.handed_over", "controls", receivers, places, token)
            self.emit("withdrewFrom.verb", "withdrewFrom", s.subject(token), places, token)
        if lemma in OPPOSE_VERBS:
            targets = [a for o in s.objects(token) for a in s.args(o, place=False) or s.owners(o)]
            if lemma in RECIPROCAL_VERBS or lemma in ("fight", "battle"):
                targets += [a for o in s.pobjs(token, "with", "against") for a in s.args(o, place=False)]
            else:
                targets += [a for o in s.pobjs(token, "against", "on", "at") for a in s.args(o, place=False) or s.owners(o)]
            if lemma in ("fight", "push") and any(c.lower_ == "back" for c in token.children):
                pass
            agents = s.subject(token)
            for event in (o for o in s.objects(token) if o.lemma_ in OPPOSE_NOUNS or o.lower_ in OPPOSE_NOUNS
                          or lemma in REPEL_VERBS and o.lower_ in REPELLED):
                # "X repelled an attack by Y": Y attacked X, and X fought Y
                attackers = [a for p in s.pobjs(event, "by") for a in s.args(p, place=False)]
                self.emit("opposes.verb", "opposes", attackers, agents, token)
                if lemma in REPEL_VERBS:
                    self.emit("opposes.verb", "opposes", agents, attackers, token)
            if lemma in RECIPROCAL_VERBS and s.pobjs(token, "with"):
                self.emit("opposes.reciprocal", "opposes", agents, targets, token)
                self.emit("opposes.reciprocal", "opposes", targets, agents, token)
            elif lemma == "clash" and not targets and len({a.actor.iri for a in agents}) > 1:
                for a in agents:  # "Kurdish-led forces and Turkish-backed fighters have clashed": each fights the other
                    self.emit("opposes.reciprocal", "opposes", [a], [b for b in agents if b.actor.iri != a.actor.iri], token)
            else:
                self.emit("opposes.verb", "opposes", agents, targets, token)
        if lemma in BACK_VERBS:
            rule = "backs.passive" if any(c.dep_ in ("auxpass", "agent") for c in token.children) else "backs.verb"
            self.emit(rule, "backs", s.subject(token), self._patients(token), token)
        if lemma in LEAD_VERBS:
            self.emit("leads.verb", "leads", s.subject(token), self._patients(token), token)
        if lemma in MEMBER_VERBS:
            self.emit("memberOf.join", "memberOf", s.subject(token), [a for o in s.objects(token) for a in s.args(o, place=False)], token)
        if lemma in AFFILIATE_VERBS and token.tag_ == "VBN":
            groups = [a for o in s.pobjs(token, "with", "to") for a in s.args(o, place=False)]
            subj = s.child(token, "nsubjpass", "nsubj")
            members = s.args(subj, place=False) if subj is not None else s.args(token.head, place=False)
            self.emit("memberOf.affiliated", "memberOf", members, groups, token)
        if lemma in INCLUDE_VERBS:
            wholes = s.subject(token)
            parts = [a for o in s.objects(token) for a in s.args(o, place=False)]
            for prep in (c for c in token.children if c.lower_ in ("along", "alongside", "besides") and c.dep_ == "prep"):
                parts += [a for o in s.pobjs(prep, "with") + [c for c in prep.children if c.dep_ == "pobj"] for a in s.args(o, place=False)]
            self.emit("memberOf.include", "memberOf", parts, wholes, token)
        if lemma in ALLY_VERBS or (token.lower_ == "allied" and s.pobjs(token, "with", "to")):
            partners = [a for o in s.pobjs(token, "with", "to") for a in s.args(o, place=False)]
            subj = s.child(token, "nsubj", "nsubjpass")
            agents = s.args(subj, place=False) if subj is not None else \
                s.args(token.head, place=False) if token.dep_ in ("amod", "acl") else []
            self.emit("alliedWith.verb", "alliedWith", agents, partners, token)
        if token.lower_ == "opposed" and token.dep_ in ("amod", "acl", "acomp"):
            targets = [a for o in s.pobjs(token, "to") for a in s.args(o, place=False)]
            holders = s.args(token.head, place=False) if token.dep_ != "acomp" else s.subject(token.head)
            self.emit("opposes.adjective", "opposes", holders, targets, token)

    # ---- nouns ----------------------------------------------------------------------------
    def noun(self, token: Token, lemma: str) -> None:
        s = self.s
        lower = token.lower_
        if lower in OPPOSE_NOUNS or lemma in OPPOSE_NOUNS:
            if lower in RECIPROCAL_NOUNS or lemma in RECIPROCAL_NOUNS:
                pairs = self._between(token)
                for left, right in pairs:
                    self.emit("opposes.between", "opposes", left, right, token)
                    self.emit("opposes.between", "opposes", right, left, token)
                if pairs:
                    return
            targets = [a for o in s.pobjs(token, "against", "on", "with", "targeting") for a in s.args(o, place=False) or s.owners(o)]
            light = _light_verb(token)
            if not targets and light is not None:
                targets = [a for o in s.pobjs(light, "against", "on") for a in s.args(o, place=False) or s.owners(o)]
            if not targets:
                return
            agents = self._noun_agents(token)
            if lemma in RECIPROCAL_NOUNS and s.pobjs(token, "with"):
                self.emit("opposes.noun", "opposes", targets, agents, token)
            self.emit("opposes.noun", "opposes", agents, targets, token)
        elif (lower in CONTROL_NOUNS or lemma in CONTROL_NOUNS) and not (token.dep_ == "pobj" and token.head.lower_ == "under"):
            if lemma == "fall":
                places = [a for o in s.pobjs(token, "of") for a in s.args(o, place=True)]
                winners = [a for o in s.pobjs(token, "to") for a in s.args(o, place=False)]
                if not winners and places:  # "the fall of Damascus to rebel forces", "to rebel" parsed as a verb
                    to = next((t for t in token.doc[places[-1].token.i + 1:min(s.sent.end, places[-1].token.i + 3)]
                               if t.lower_ == "to"), None)
                    name = _next_name(to, s) if to is not None else None
                    winners = s.args(name, place=False) if name is not None else []
                self.emit("controls.noun", "controls", winners, places, token)
                return
            places = [a for o in s.pobjs(token, "of") for a in s.args(o, place=True)]
            if places:
                self.emit("controls.noun", "controls", self._noun_agents(token, inherit=True), places, token)
        elif lemma in ("control", "occupation", "rule") and token.dep_ == "pobj" and token.head.lower_ in ("under", "in"):
            holders = [a for o in s.pobjs(token, "of") for a in s.args(o, place=False)] if lemma != "occupation" else []
            for c in token.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod"):
                    adjective = s.dictionary.by_adjective(c.text) if s.coref.mention_at(c) is None else None
                    holders += [Arg(adjective, c, "adjective")] if adjective else s.args(c, place=False)
            places = [a for t in self._attached_to(token.head) for a in s.args(t, place=True)]
            self.emit("controls.under_control", "controls", holders, places or self._place_before(token.head), token)
        elif lower == "hands" and token.dep_ == "pobj" and token.head.lower_ == "in":
            holders = [a for o in s.pobjs(token, "of") for a in s.args(o, place=False)]
            holders += [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]
            self.emit("controls.under_control", "controls", holders, [a for t in self._attached_to(token.head) for a in s.args(t, place=True)], token)
        elif (lemma in BACK_NOUNS or lemma in AID_NOUNS) and token.dep_ == "dobj" and \
                (token.head.lemma_ in GIVE_VERBS or token.head.lemma_ in RECEIVE_VERBS):
            self._aid(token)
        elif lemma in PACTS and token.dep_ == "dobj" and token.head.lemma_ in PACT_VERBS:
            relation, prep = PACTS[lemma]
            partners = [a for o in s.pobjs(token, prep) + s.pobjs(token.head, prep) for a in s.args(o, place=False)]
            self.emit(f"{relation}.pact", relation, s.subject(token.head), partners, token)
        elif lemma in BACK_NOUNS and token.dep_ == "pobj" and token.head.lower_ == "with" \
                and token.head.head.pos_ in ("VERB", "AUX") and s.pobjs(token, "of"):
            # "the SDF hold Raqqa with the backing of US troops": those troops' state backs the clause's subject
            backers = [a for o in s.pobjs(token, "of") for a in s.args(o, place=False)]
            self.emit("backs.noun", "backs", backers, s.subject(token.head.head), token)
        elif (lemma in BACK_NOUNS or lower == "behalf") and token.dep_ == "pobj" and token.head.lower_ in ("in", "on") \
                and token.head.head.pos_ in ("VERB", "AUX") and s.pobjs(token, "of"):
            # "intervened on behalf of X", "deployed troops in support of X": the clause's subject backs X
            backed = [a for o in s.pobjs(token, "of") for a in s.args(o, place=False)]
            self.emit("backs.noun", "backs", s.subject(token.head.head), backed, token)
        elif lemma in BACK_NOUNS:
            targets = [a for o in s.pobjs(token, "for", "to") for a in s.args(o, place=False)]
            if targets:
                self.emit("backs.noun", "backs", self._noun_agents(token, inherit=True), targets, token)
        elif lower in LEAD_NOUNS or lemma in LEAD_NOUNS or lower in MEMBER_ROLES or lemma in MEMBER_ROLES:
            self._leader(token)
        elif lemma in MEMBER_NOUNS or lower in MEMBER_NOUNS:
            groups = [a for o in s.pobjs(token, "of", *(("in", "within") if lemma in MEMBER_IN else ()))
                      for a in s.args(o, place=False)]
            groups += [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]  # "Hamas's armed wing"
            if groups:
                self.emit("memberOf.noun", "memberOf", self._described(token), groups, token)
        elif lemma in BACKER_NOUNS or lower in BACKER_NOUNS:
            backed = [a for o in s.pobjs(token, "of", "to", "for") for a in s.args(o, place=False)]
            backed += [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]
            if backed:  # "Iran, a key backer of the Assad government"; "Assad's main backer, Russia"
                self.emit("backs.noun", "backs", self._described(token), backed, token)
        elif lemma in ALLY_NOUNS or lower in ALLY_NOUNS:
            partners = [a for c in token.children if c.dep_ == "poss" for a in s.args(c, place=False)]
            partners += [a for o in s.pobjs(token, "of") for a in s.args(o, place=False)]
            # "Russia's Iranian allies" are Iran; "Turkey's Syrian allies" are not the Syrian government
            allies = [Arg(actor, c, "adjective") for c in token.children if c.dep_ in ("amod", "compound")
                      and (actor := s.dictionary.by_adjective(c.text)) is not None and actor.type == "State"]
            if partners:
                self.emit("alliedWith.noun", "alliedWith", allies or self._described(token), partners, token)
        elif lemma in WITHDRAW_NOUNS:
            places = [a for o in s.pobjs(token, "from") for a in s.args(o, place=True)]
            if places:
                agents = self._noun_agents(token, inherit=True) or \
                    [a for o in s.pobjs(token, "of") for a in s.args(o, place=False)]
                self.emit("withdrewFrom.noun", "withdrewFrom", agents, places, token)

    def _aid(self, token: Token) -> None:
        """"X supplied weapons to Y", "X gave Y money", "Y received support from X": X backs Y."""
        s, verb = self.s, token.head
        if verb.lemma_ in GIVE_VERBS:
            recipients = [a for o in s.pobjs(verb, "to", "for") + s.pobjs(token, "to", "for") for a in s.args(o, place=False)]
            recipients += [a for c in verb.children if c.dep_ == "dative" for a in s.args(c, place=False)]
            # "gave the SDF weapons", parsed with the recipient as a compound of the material
            recipients += [a for c in token.children if c.dep_ == "compound" and s.coref.mention_at(c) is not None
                           for a in s.args(c, place=False)]
            self.emit("backs.aid", "backs", s.subject(verb), recipients, token)
        else:
            donors = [a for o in s.pobjs(verb, "from") + s.pobjs(token, "from") for a in s.args(o, place=False)]
            self.emit("backs.aid", "backs", donors, s.subject(verb), token)

    def _noun_agents(self, token: Token, inherit: bool = True) -> list[Arg]:
        """Who acts in a nominal event: "X's offensive", "offensive by X", "X launched an offensive"."""
        s = self.s
        agents = [a for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < token.i
                  for a in s.args(c, place=False)]
        agents += [a for o in s.pobjs(token, "by") for a in s.args(o, place=False)]
        if agents or not inherit:
            return agents
        head, node = token.head, token
        if node.dep_ in ("dobj", "nsubjpass") and head.lemma_ in LIGHT_VERBS | {"have", "make", "complete"}:
            return s.subject(head)
        light = _light_verb(token)
        if light is not None:
            return s.subject(light)
        if node.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ == "responsibility" \
                and head.head.head.lemma_ in ("claim", "take", "accept", "bear"):
            return s.subject(head.head.head)  # "X claimed responsibility for the attack on Y"
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "with" and head.head.pos_ == "VERB":
            return s.subject(head.head)
        if token.lemma_ in OPPOSE_NOUNS or token.lower_ in OPPOSE_NOUNS:
            # "pushed into Hama after days of fighting with X": the clause's subject fights
            while node.dep_ in ("pobj", "prep") and node.head.i != node.i:
                node = node.head
                if node.dep_ == "prep" and node.lower_ not in ("after", "during", "amid", "in", "following", "of",
                                                              "with", "despite", "before"):
                    return []
            if node.pos_ in ("VERB", "AUX") and node.i != token.i:
                return s.subject(node)
        return []

    def _between(self, token: Token) -> list[tuple[list[Arg], list[Arg]]]:
        """Both sides of each "clashes between X and Y (as well as between Z and W)".

        The preposition may hang on the noun, on its verb ("clashes broke out between"),
        or on the first pair ("... as well as between").
        """
        s = self.s
        scope = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
        candidates = [c for prep in scope.subtree if prep.lower_ == "between" and prep.dep_ == "prep"
                      and (prep.head.i in (scope.i, token.i) or prep.head.dep_ in ("pobj", "conj"))
                      for c in prep.children if c.dep_ == "pobj"]
        pairs = []
        for first in candidates:
            conj = [c for c in first.children if c.dep_ == "conj"]
            left = s._head_args(first, False, 0)
            if conj:
                right = [a for c in conj for a in s._head_args(c, False, 0)]
            else:
                parts = [a for a in s.args(first, place=False)]
                left, right = parts[:1], parts[1:]
            left = [a for a in left if not s.dictionary.is_place(a.actor)]
            right = [a for a in right if not s.dictionary.is_place(a.actor)]
            if not right:  # "between the SDF and Turkish-backed groups" parsed with the SDF as a modifier
                compounds = [c for c in first.children if c.dep_ in ("compound", "nmod") and c.i < first.i
                             and any(t.lower_ == "and" for t in c.doc[c.i:first.i])
                             or c.dep_ == "compound"]
                extra = [a for c in compounds for a in s.args(c, place=False)]
                if extra and left and extra[0].actor.iri != left[0].actor.iri:
                    right = extra
            if left and right:
                pairs.append((left, right))
        return pairs

    def _place_before(self, prep: Token) -> list[Arg]:
        """The place named just before ", under ..." when the parser attached the phrase elsewhere."""
        i = prep.i - 1
        while i >= self.s.sent.start and self.s.sent.doc[i].is_punct:
            i -= 1
        mention = self.s.coref.mention_at(self.s.sent.doc[i]) if i >= self.s.sent.start else None
        if mention is not None and self.s.dictionary.is_place(mention.actor):
            return [Arg(mention.actor, self.s.sent.doc[i], "name")]
        return []

    def _attached_to(self, prep: Token) -> list[Token]:
        """The phrase a prepositional phrase describes: "Aleppo, under the control of X" -> Aleppo."""
        head = prep.head
        if head.pos_ in ("VERB", "AUX"):
            subj = self.s.child(head, "nsubj", "nsubjpass")
            obj = self.s.child(head, "dobj", "attr")
            return [t for t in (obj, subj) if t is not None]
        return [head]

    def _described(self, token: Token) -> list[Arg]:
        """What a role noun describes: "X, a veteran of Y"; "Y's ally X"; "X is a member of Y"."""
        s = self.s
        if token.dep_ == "appos":
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

    def _leader(self, token: Token) -> None:
        """Role nouns: "the leader of X, Y", "X leader Y", "its chief Y", "Turkish President Y" (leads);
        "Iran's foreign minister Y", "a commander in X" (memberOf)."""
        s = self.s
        relation = "memberOf" if token.lower_ in MEMBER_ROLES or token.lemma_ in MEMBER_ROLES else "leads"
        groups = [a for o in s.pobjs(token, "of", "for") for a in s.args(o, place=False)]
        groups += [a for c in token.children if c.dep_ in ("poss",) for a in s.args(c, place=False)]
        if token.dep_ in ("amod", "compound"):
            groups += [a for c in token.head.children if c.dep_ == "poss" for a in s.args(c, place=False)]
        adjectives = [c for c in token.children if c.dep_ in ("amod", "compound", "npadvmod") and c.i < token.i]
        rule = "leads.noun"
        for adj in adjectives:
            mention = s.coref.mention_at(adj)
            if mention is not None and mention is not s.coref.mention_at(token):
                groups += s.args(adj, place=False)
            else:
                actor = s.dictionary.by_adjective(adj.text)
                # "Turkish President X": the state he heads; "Syrian Foreign Minister X": a member of its government
                if actor is not None and (actor.type == "State" or actor.type == "Government" and relation == "memberOf"):
                    groups.append(Arg(actor, adj, "adjective"))
                    rule = "leads.title"
        groups = [g for g in groups if g.actor.type != "Person"]  # "his Turkish counterpart": Turkey, not "his"
        person = self._described(token)
        if not groups:
            inner = [m for o in s.pobjs(token, "of") for t in o.subtree if (m := s.coref.mention_at(t)) is not None]
            groups = [Arg(m.actor, token, m.how) for m in inner if m.actor.type != "Person"][:1]
            person = person or [Arg(m.actor, token, m.how) for m in inner if m.actor.type == "Person"][:1]
            if not groups:
                return
        if not person:
            person = [a for o in s.pobjs(token, "of") for t in o.subtree
                      if (m := s.coref.mention_at(t)) is not None and m.actor.type == "Person"
                      for a in [Arg(m.actor, t, m.how)]][:1]
        if not person and token.head.ent_type_ == "PERSON" or (not person and s.coref.mention_at(token.head) is not None
                                                              and s.coref.mention_at(token.head).actor.type == "Person"):
            person = s.args(token.head, place=False)
        person = [p for p in person if p.actor.type == "Person"]
        groups = [g for g in groups if g.actor.iri not in {p.actor.iri for p in person}]
        if relation == "memberOf":
            rule = "memberOf.role"
        self.emit(rule, relation, person, groups[:1], token)

    # ---- compounds -------------------------------------------------------------------------
    @staticmethod
    def _is_hyphen_compound(token: Token) -> bool:
        """"Turkish - backed" as three tokens, or "U.S.-backed" kept whole by the tokenizer."""
        if "-" in token.text[1:-1]:
            return token.text.rsplit("-", 1)[1].lower() in PARTICIPLES
        return token.i > 1 and token.nbor(-1).text == "-" and token.tag_ in ("VBN", "VBD", "JJ") and not token.nbor(-1).whitespace_

    def _compound_owner(self, token: Token) -> tuple[Actor, Token, bool] | None:
        """The actor before "-backed": the mention ending there, or an adjective ("Turkish")."""
        s = self.s
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
        return actor, before, actor.type == "ArmedGroup" and before.lower_ in ("kurdish", "arab", "druze", "alawite", "sunni", "shia", "shiite", "turkmen", "jihadist", "islamist")

    def compound(self, token: Token, lemma: str) -> None:
        s = self.s
        if "-" in token.text[1:-1]:
            lemma = PARTICIPLES.get(token.text.rsplit("-", 1)[1].lower(), lemma)
        if lemma not in COMPOUNDS:
            return
        owner = self._compound_owner(token)
        if owner is None:
            return
        actor, owner_token, ethnic = owner
        relation, _ = COMPOUNDS[lemma]
        targets = [a for a in self._compound_targets(token) if a.actor.iri != actor.iri]
        rule = f"{relation}.compound" if relation != "controls" else "controls.compound"
        factor = ETHNIC_FACTOR if ethnic else 1.0
        owner_arg = [Arg(actor, owner_token, "adjective")]
        if relation == "controls":
            places = [a for a in targets if s.dictionary.is_place(a.actor)]
            self.emit(rule, "controls", owner_arg, places, token, factor)
            held = [a for a in targets if not s.dictionary.is_place(a.actor)]
            if not held and token.head.dep_ in ("pobj", "dobj"):  # attacking X-held areas is attacking X
                attacker = self._attackers_of(token.head)
                self.emit("opposes.held_area", "opposes", attacker, owner_arg, token)
            return
        self.emit(rule, relation, owner_arg, targets, token, factor)
        if relation == "leads" and any(a.actor.type == "Coalition" or a.token.lower_ in ("coalition", "alliance") for a in targets):
            self.emit("memberOf.led_coalition", "memberOf", owner_arg, targets, token, factor)

    def _compound_targets(self, token: Token) -> list[Arg]:
        """What "-backed" modifies: the head phrase, or the name it stands in apposition to."""
        s = self.s
        head = token.head
        if token.dep_ == "conj":
            head = token.head.head
        body = _collective_of(head)
        if body is not None:  # "the SNA, a coalition of Turkish-backed factions": Turkey backs the SNA
            named = s.args(body.head, place=False) if body.dep_ == "appos" else \
                [a for a in s.subject(body.head) if not s.dictionary.is_place(a.actor)]
            if named:
                return named
        found = s._head_args(head, None, 0)  # the compound's own noun, not its conjuncts
        if found:
            return found
        if head.dep_ == "appos":
            return s.args(head.head, place=None)
        for t in token.doc[token.i + 1: head.i + 1]:
            mention = s.coref.mention_at(t)
            if mention is not None:
                return [Arg(mention.actor, t, mention.how)]
        return []

    def _attackers_of(self, target: Token) -> list[Arg]:
        """Who attacks an area: "X launched operations against Kurdish-held areas"."""
        s = self.s
        node = target
        while node.dep_ in ("pobj", "prep") or node.pos_ == "ADP":
            node = node.head
        if node.dep_ == "dobj" and not (node.lemma_ in OPPOSE_NOUNS or node.lower_ in OPPOSE_NOUNS):
            node = node.head  # "warplanes pounded rebel-held towns"
        if node.lemma_ in OPPOSE_NOUNS or node.lower_ in OPPOSE_NOUNS:
            return self._noun_agents(node)
        if node.lemma_ in OPPOSE_VERBS:
            return s.subject(node)
        return []

    def anti_pro(self, token: Token) -> None:
        """"anti-Assad forces" oppose Assad; "pro-Iranian militias" back Iran."""
        s = self.s
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
        if token.lower_ == "anti":
            self.emit("opposes.anti", "opposes", holders, [Arg(actor, target, "adjective")], token)
        else:
            self.emit("backs.pro", "backs", holders, [Arg(actor, target, "adjective")], token)


def _collective_of(members: Token) -> Token | None:
    """The collective noun that ``members`` make up when it describes a named body, or None.

    "X, a coalition of ... factions" (apposition) and "X is an alliance of ... groups" (copula).
    """
    prep = members.head
    if members.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_ not in COLLECTIVE_NOUNS:
        return None
    body = prep.head
    if body.dep_ == "appos" or body.dep_ == "attr" and body.head.lemma_ == "be":
        return body
    return None


def _light_verb(noun: Token) -> Token | None:
    """The verb that carries out a nominal event: "launched an offensive", "carried out dozens of strikes"."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ == "dobj":
        node = node.head.head  # "dozens of strikes", "a wave of attacks"
    if node.dep_ == "dobj" and node.head.lemma_ in LIGHT_VERBS:
        return node.head
    return None


def _after_anti_pro(token: Token) -> bool:
    """"anti-Asad coalitions" are not Asad's: the name after "anti-"/"pro-" is their target."""
    return token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ in ("anti", "pro")


def _acts_as_verb(token: Token) -> bool:
    """A word the tagger got wrong ("back" as an adverb) but the parser uses as a verb."""
    return token.dep_ in ("ROOT", "conj", "relcl", "ccomp") and any(c.dep_ in ("nsubj", "dobj") for c in token.children)


def _next_name(token: Token, s: _Sentence) -> Token | None:
    """The name right after a verb ("occupied the town of X" aside), for parses that lost the object."""
    i = token.i + 1
    while i < s.sent.end and token.doc[i].lower_ in ("the", "a", "an"):
        i += 1
    return token.doc[i] if i < s.sent.end and s.coref.mention_at(token.doc[i]) is not None else None


def _passive(verb: Token) -> bool:
    """A passive clause, or a participle with a by-agent ("the army, supported by Russia")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "conj") and any(c.dep_ == "agent" for c in verb.children))


def _how_factor(how: str) -> float:
    """Less sure of an argument found through a descriptor or a pronoun than of a name."""
    return {"name": 1.0, "alias": 1.0, "discovered": 0.95, "force": 0.97, "descriptor": 0.95,
            "adjective": 1.0, "coref": 0.85, "generic": 0.95}.get(how, 0.9)


def extract_claims(doc: Doc, dictionary: ActorDictionary, published: dt.date | None = None) -> list[Claim]:
    """Every claim in a parsed document, in text order, without exact duplicates.

    >>> extract_claims.__name__  # the rules are exercised on real parses in tests/test_relations.py
    'extract_claims'
    """
    coref = CorefResolver(doc, dictionary)
    claims: list[Claim] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        coref.enter(sent)
        for claim in _Extractor(_Sentence(sent, dictionary, coref), published).run():
            key = (claim.subject.iri, claim.relation, claim.object.iri, claim.char_start, claim.status)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    return claims


def iter_claims(docs: Iterable[tuple[Doc, dt.date | None]], dictionary: ActorDictionary) -> Iterator[list[Claim]]:
    """Claims per document for a stream of (Doc, publication date)."""
    for doc, published in docs:
        yield extract_claims(doc, dictionary, published)
