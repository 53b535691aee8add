"""Which war a report is about, and whom its generic descriptors ("the army", "rebels") name there.

Knowledge of a war is dictionary data: an actor carries ``ag:descriptor`` phrases and the states whose
wars it belongs to (``ag:theatre``, one or several: JNIM fights in Mali, Burkina Faso and Niger). A
*theatre* is such a state. A report is about a theatre when it
names the theatre or something tied to it:

* the state itself, its names and the demonyms of the actors tied to it ("Syria", "Syrian", "Syrians");
* an actor of the dictionary tied to it: an actor of the theatre named by a name ("the Syrian army",
  "RSF"), a place located in it (``ag:locatedIn``, transitively: "Aleppo"; or a gazetteer town of that
  country), a member of an actor tied to it (``ag:memberOf``: "Assad", a member of the Assad government).

Each such mention is one piece of evidence. A descriptor names an actor of the theatre with the most
evidence among those that share the descriptor, unless the report's places lie in another state (a
report about Ukraine that mentions Syria once gets no Syrian actor). When several actors of that
theatre share the descriptor ("rebels" in eastern Congo), the one the report names most wins; if it
names none of them, or two as often, the descriptor names nobody: a guess is not an edge. In a report
about a state the dictionary has no theatre data for, a descriptor of a government ("the army",
"government troops") names that state (the state the report gives an army, "Sudan's army", else the
state whose places the report names most), and other descriptors name nobody.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actors import PLACE_TYPES, ActorDictionary, normalize
from .doctokens import capitalised
from .models import Actor, Mention

if TYPE_CHECKING:  # spaCy is imported by whoever parsed the report
    from spacy.tokens import Doc

__all__ = ["Theatres", "Reading", "InReport"]


@dataclass
class Reading:
    """What one report says about where it is: evidence per theatre, places per state, names per actor.

    ``evidence``: theatre IRI -> mentions and words tied to it; ``places``: state IRI -> the place
    mentions located in it (any state, theatre or not); ``named``: actor IRI -> its mentions by a name.

    >>> Reading(places=Counter({"a": 2})).places["a"]
    2
    """

    evidence: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    named: Counter[str] = field(default_factory=Counter)

    @property
    def about(self) -> str | None:
        """The state whose places the report names most, if one state leads; else None.

        >>> Reading(places=Counter({"a": 2, "b": 1})).about, Reading(places=Counter({"a": 1, "b": 1})).about
        ('a', None)
        """
        ranked = self.places.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


class Theatres:
    """The theatres of one dictionary, and what ties actors and words to them.

    >>> theatres = Theatres(ActorDictionary.bundled())
    >>> "https://w3id.org/actorgraph/id/actor/syria" in theatres.states
    True
    >>> [theatres.of(theatres.dictionary.lookup(n).iri) == {"https://w3id.org/actorgraph/id/actor/syria"} for n in ("Aleppo", "Assad", "HTS")]
    [True, True, False]
    >>> theatres.words["syrians"] == {"https://w3id.org/actorgraph/id/actor/syria"}
    True
    """

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self.states = sorted({state for states in dictionary.theatre.values() for state in states})
        self._states = frozenset(self.states)  # for membership: every mention of every report asks
        self._ties: dict[str, frozenset[str]] = {}
        for iri in dictionary.actors:
            self.of(iri)
        #: folded one-word names and demonyms (and their plurals) -> the theatres they are evidence of
        self.words: dict[str, set[str]] = {}
        for iri, theatres in self._ties.items():
            if theatres:
                for word in self._one_words(dictionary.actors[iri]):
                    self.words.setdefault(word, set()).update(theatres)

    def of(self, iri: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        """The theatres an actor is tied to: its own, its places' and its groups' (memo, cycle-safe).

        >>> theatres = ActorDictionary.bundled().theatres
        >>> [len(theatres.of(f"https://w3id.org/actorgraph/id/actor/{slug}")) for slug in ("manbij", "turkey")]
        [1, 0]
        """
        if iri in self._ties:
            return self._ties[iri]
        d = self.dictionary
        ties = {iri} if iri in self.states else set()
        ties.update(d.theatre.get(iri, ()))
        for parent in (*sorted(d.located_in.get(iri, ())), *sorted(d.member_of.get(iri, ()))):
            if parent in d.actors and parent not in seen:
                ties |= self.of(parent, seen | {iri})
        self._ties[iri] = frozenset(ties)
        return self._ties[iri]

    def state_of(self, place: Actor) -> str | None:
        """The state a place lies in: its gazetteer country, else the first state up its ``ag:locatedIn`` chain.

        >>> d = ActorDictionary.bundled()
        >>> d.theatres.state_of(d.lookup("Aleppo airport")).rsplit("/", 1)[-1], d.theatres.state_of(d.lookup("HTS"))
        ('syria', None)
        """
        if place.type not in PLACE_TYPES:
            return None
        location = getattr(place, "location", None)  # a gazetteer place (graph.gazetteer) knows its country
        if location is not None and getattr(location, "country", None):
            return location.country
        d, todo, seen = self.dictionary, [place.iri], set()
        while todo:
            iri = todo.pop(0)
            for parent in sorted(d.located_in.get(iri, ())):
                if parent in d.actors and d.actors[parent].type == "State":
                    return parent
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return None

    def _one_words(self, actor: Actor) -> Iterable[str]:
        """The one-word names of a tied actor ("Aleppo", "Assad"), and its demonyms with their plurals.

        Only words written capitalised: "rebel" (the rebels' adjective) names no theatre.
        """
        for name in (actor.label, *actor.aliases, *self.dictionary.adjectives_of(actor.iri)):
            if " " not in normalize(name) and name[:1].isupper():
                yield from {normalize(name), name.lower()}  # looked up by a token's lower case
        for adjective in self.dictionary.adjectives_of(actor.iri):
            if adjective[:1].isupper() and " " not in normalize(adjective):
                yield from {normalize(adjective) + "s", adjective.lower() + "s"}

    def is_descriptor(self, mention: Mention) -> bool:
        """Whether a mention is written as a descriptor ("the army", "Rebels"), not as a name.

        >>> from graph.models import Actor, Mention
        >>> rebels = ActorDictionary.bundled().lookup("Syrian rebels")
        >>> theatres = ActorDictionary.bundled().theatres
        >>> theatres.is_descriptor(Mention(0, 6, "Rebels", rebels, "name")), theatres.is_descriptor(Mention(0, 14, "Syrian rebels", rebels, "name"))
        (True, False)
        """
        return bool(self.dictionary.described(self.dictionary.descriptor_id(mention.text)))

    def evidence(self, doc: "Doc", mentions: dict[int, Mention], skip: set[int]) -> Counter[str]:
        """How many mentions and words of the report name each theatre.

        ``skip`` holds the token indexes of descriptor mentions, which are what is being decided.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words="Rebels entered Syrian towns .".split())
        >>> ActorDictionary.bundled().theatres.evidence(doc, {}, set())
        Counter({'https://w3id.org/actorgraph/id/actor/syria': 1})
        """
        return self.read(doc, mentions, skip).evidence

    def read(self, doc: "Doc", mentions: dict[int, Mention], skip: set[int]) -> Reading:
        """The report's :class:`Reading`: theatre evidence, places per state and names per actor.

        Each mention counts once (a name of several tokens is one mention); words already inside a
        counted mention are not counted again.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> d = ActorDictionary.bundled()
        >>> doc = Doc(spacy.blank("en").vocab, words="Rebels shelled Aleppo and Manbij .".split(),
        ...           ents="O O B-GPE O B-GPE O".split())
        >>> from graph.coref import document_mentions
        >>> reading = d.theatres.read(doc, document_mentions(doc, d), set())
        >>> syria = "https://w3id.org/actorgraph/id/actor/syria"
        >>> reading.evidence[syria], reading.places[syria], reading.about == syria
        (2, 2, True)
        """
        reading = Reading()
        counted: dict[int, bool] = {}  # id(mention) -> whether it ties the report to a theatre
        tied: set[int] = set()  # tokens of mentions already counted: their words are not counted again
        for i, mention in mentions.items():
            if i in skip:
                continue
            ties_it = counted.get(id(mention))
            if ties_it is not None:  # a later token of a mention counted (a name of several tokens)
                if ties_it:
                    tied.add(i)
                continue
            actor = mention.actor
            state = self.state_of(actor)
            ties = set(self.of(actor.iri)) if not actor.discovered else set()
            if state is not None and state in self._states:
                ties.add(state)
            counted[id(mention)] = bool(ties)
            if ties:
                tied.add(i)
            reading.evidence.update(ties)
            if state is not None:
                reading.places[state] += 1
            if not actor.discovered:
                reading.named[actor.iri] += 1
        for token in capitalised(doc):
            if token.i not in tied:
                reading.evidence.update(self.words.get(token.lower, ()))
        return reading

    def choose(self, candidates: list[Actor], evidence: "Counter[str] | Reading") -> Actor | None:
        """The candidate (the actors sharing one descriptor) of the report's theatre, or None.

        The theatre is the candidates' best-evidenced one, unless the report's places lie in another
        state; of several candidates of that theatre, the one the report names most (none named, or a
        tie: None).

        >>> d = ActorDictionary.bundled()
        >>> rebels = d.described(d.descriptor_id("rebels"))
        >>> d.theatres.choose(rebels, Counter({"https://w3id.org/actorgraph/id/actor/syria": 2})).label
        'Syrian rebels'
        >>> d.theatres.choose(rebels, Counter()) is None
        True
        >>> elsewhere = Reading(Counter({"https://w3id.org/actorgraph/id/actor/syria": 1}), Counter({"ukraine": 3}))
        >>> d.theatres.choose(rebels, elsewhere) is None
        True
        """
        reading = evidence if isinstance(evidence, Reading) else Reading(evidence=evidence)
        by_theatre: dict[str, list[Actor]] = {}
        for actor in candidates:  # an actor of several theatres is a candidate in each
            for theatre in self.dictionary.theatre.get(actor.iri, ("",)):
                by_theatre.setdefault(theatre, []).append(actor)
        theatre = max(by_theatre, key=lambda t: reading.evidence[t], default=None)
        if theatre is None or reading.evidence[theatre] <= 0:
            return None
        about = reading.about
        if about is not None and about != theatre and reading.places[about] > reading.evidence[theatre]:
            return None  # the report's war is elsewhere: a Syrian actor is not "the army" of Ukraine
        tied = [t for t in by_theatre if reading.evidence[t] == reading.evidence[theatre]]
        if len(tied) > 1:
            return None
        shared = by_theatre[theatre]
        if len(shared) == 1:
            return shared[0]
        ranked = sorted(((reading.named[a.iri], a) for a in shared), key=lambda t: -t[0])
        if ranked[0][0] == 0 or ranked[0][0] == ranked[1][0]:
            return None
        return ranked[0][1]

    def fallback_state(self, reading: Reading) -> str | None:
        """The state a report is about by its places, when the dictionary has no theatre data for it.

        >>> theatres = ActorDictionary.bundled().theatres
        >>> A = "https://w3id.org/actorgraph/id/actor/"
        >>> theatres.fallback_state(Reading(places=Counter({A + "iceland": 2}))).rsplit("/", 1)[-1]
        'iceland'
        >>> theatres.fallback_state(Reading(places=Counter({A + "syria": 2}))) is None  # a theatre: its data decides
        True
        """
        about = reading.about
        if about is None or about in self.states or about not in self.dictionary.actors:
            return None
        return about


class InReport:
    """The dictionary as one report sees it: a generic actor's adjective ("rebel-held") names it only in a
    report about its theatre; everything else is the dictionary's.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> dictionary = ActorDictionary.bundled()
    >>> congo = Doc(spacy.blank("en").vocab, words="Troops shelled rebel - held Goma .".split())
    >>> syria = Doc(spacy.blank("en").vocab, words="Troops shelled rebel - held Syrian towns .".split())
    >>> InReport(dictionary, congo, {}).by_adjective("rebel"), InReport(dictionary, syria, {}).by_adjective("rebel").label
    (None, 'Syrian rebels')
    >>> InReport(dictionary, congo, {}).by_adjective("Turkish").label
    'Turkey'
    """

    def __init__(self, dictionary: ActorDictionary, doc: "Doc", mentions: dict[int, Mention]) -> None:
        self._dictionary = dictionary
        self._doc, self._mentions = doc, mentions
        self._reading: Reading | None = None

    def __getattr__(self, name: str):
        return getattr(self._dictionary, name)

    def by_adjective(self, word: str) -> Actor | None:
        """``ActorDictionary.by_adjective``, a descriptor's adjective ("rebel-held") read in the report's theatre.

        An adjective the dictionary writes in lower case ("rebel") is a descriptor's: like the descriptor
        its plural is ("rebels"), it names the actor of the report's war that shares it, if any; a
        name used as an adjective ("RSF-held", "Syrian") names its actor anywhere.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words="Rebel fighters entered Aleppo .".split())
        >>> InReport(ActorDictionary.bundled(), doc, {}).by_adjective("Rebel").label
        'Syrian rebels'
        """
        d = self._dictionary
        actor = d.by_adjective(word)
        if actor is None or not d.is_generic(actor.iri) or not any(
                a[:1].islower() and normalize(a) == normalize(word) for a in d.adjectives_of(actor.iri)):
            return actor
        theatres = d.theatres
        if self._reading is None:
            skip = {i for i, m in self._mentions.items() if theatres.is_descriptor(m)}
            self._reading = theatres.read(self._doc, self._mentions, skip)
        shared = [a for a in d.described(d.descriptor_id(word.lower() + "s")) if a.iri != actor.iri]
        return theatres.choose([actor, *shared], self._reading)
