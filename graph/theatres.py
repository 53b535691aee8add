"""Which war a report is about, and whom its generic descriptors ("the army", "rebels") name there.

Knowledge of a war is dictionary data: a generic actor carries ``ag:descriptor`` phrases and the
state whose war it belongs to (``ag:theatre``). A *theatre* is such a state. A report is about a
theatre when it names the theatre or something tied to it:

* the state itself, its names and the demonyms of the actors tied to it ("Syria", "Syrian", "Syrians");
* an actor of the dictionary tied to it: a generic actor of the theatre named by a name ("the Syrian
  army"), a place located in it (``ag:locatedIn``, transitively: "Aleppo"), a member of an actor tied to
  it (``ag:memberOf``: "Assad", a member of the Assad government).

Each such mention is one piece of evidence. A descriptor names the generic actor of the theatre with
the most evidence among those that share the descriptor; in a report about none of them a
descriptor of a government ("the army") names the state the report gives an army ("Sudan's army"),
and other descriptors name nobody.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .actors import ActorDictionary, normalize
from .models import Actor, Mention

if TYPE_CHECKING:  # spaCy is imported by whoever parsed the report
    from spacy.tokens import Doc

__all__ = ["Theatres", "InReport"]


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
        self.states = sorted(set(dictionary.theatre.values()))
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
        if iri in d.theatre:
            ties.add(d.theatre[iri])
        for parent in (*sorted(d.located_in.get(iri, ())), *sorted(d.member_of.get(iri, ()))):
            if parent in d.actors and parent not in seen:
                ties |= self.of(parent, seen | {iri})
        self._ties[iri] = frozenset(ties)
        return self._ties[iri]

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

    def evidence(self, doc: "Doc", mentions: dict[int, Mention], skip: set[int]) -> Counter[str]:
        """How many mentions and words of the report name each theatre.

        ``skip`` holds the token indexes of descriptor mentions, which are what is being decided.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words="Rebels entered Syrian towns .".split())
        >>> ActorDictionary.bundled().theatres.evidence(doc, {}, set())
        Counter({'https://w3id.org/actorgraph/id/actor/syria': 1})
        """
        counts: Counter[str] = Counter()
        counted: set[int] = set()
        tied: set[int] = set()  # tokens of mentions already counted: their words are not counted again
        for i, mention in mentions.items():
            if i in skip or mention.actor.discovered or not self.of(mention.actor.iri):
                continue
            tied.add(i)
            if id(mention) not in counted:
                counted.add(id(mention))
                counts.update(self.of(mention.actor.iri))
        for token in doc:
            if token.i in tied or not (token.is_title or token.is_upper):
                continue
            counts.update(self.words.get(token.lower_, ()))
        return counts

    def choose(self, candidates: list[Actor], evidence: Counter[str]) -> Actor | None:
        """The candidate (generic actors sharing one descriptor) of the best-evidenced theatre, or None.

        >>> d = ActorDictionary.bundled()
        >>> rebels = d.described(d.descriptor_id("rebels"))
        >>> d.theatres.choose(rebels, Counter({"https://w3id.org/actorgraph/id/actor/syria": 2})).label
        'Syrian rebels'
        >>> d.theatres.choose(rebels, Counter()) is None
        True
        """
        scored = [(evidence[self.dictionary.theatre.get(a.iri, "")], -n, a) for n, a in enumerate(candidates)]
        best = max(scored, key=lambda t: t[:2], default=None)
        return best[2] if best is not None and best[0] > 0 else None


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
        self._evidence: Counter[str] | None = None

    def __getattr__(self, name: str):
        return getattr(self._dictionary, name)

    def by_adjective(self, word: str) -> Actor | None:
        """``ActorDictionary.by_adjective``, a generic actor's adjective kept only in a report about its theatre.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words="Rebel fighters entered Aleppo .".split())
        >>> InReport(ActorDictionary.bundled(), doc, {}).by_adjective("rebel").label
        'Syrian rebels'
        """
        actor = self._dictionary.by_adjective(word)
        if actor is None or not self._dictionary.is_generic(actor.iri):
            return actor
        if self._evidence is None:
            generic = {i for i, m in self._mentions.items() if self._dictionary.is_generic(m.actor.iri)}
            self._evidence = self._dictionary.theatres.evidence(self._doc, self._mentions, generic)
        return actor if self._evidence[self._dictionary.theatre.get(actor.iri, "")] > 0 else None
