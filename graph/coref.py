"""Mentions and the actors that pronouns and descriptors refer to, within one article.

A small, documented rule set rather than a neural coreference model, because
none installable from the package index runs without a download at run time,
and because each rule here can be read, tested and argued with. The words it
follows (pronouns, descriptor nouns, place and facility heads) are the lexicon's
``ontology/lexicon/coref.ttl``; which generic actor a descriptor ("the army",
"rebels") names depends on the war the report is about (:mod:`graph.theatres`):

* named mentions: the actor ruler's entities carry the actor IRI; other
  entities are looked up in the dictionary (titles and possessives dropped,
  surnames of known people), else become discovered actors of their NER type;
* every search looks back over the current and the previous sentence only:
  a referent further back is too uncertain to hang an edge on;
* ``he``/``his``/``him``/``she``/``her`` -> the nearest preceding person;
* ``it``/``its``/``they``/``their``/``them`` as the subject of what an actor
  says ("The army said it withdrew") -> the speaker; otherwise the subject of
  the clause for a possessive ("Iran and Russia reaffirmed their support");
  otherwise the previous sentence's subject or the nearest preceding actor of
  a fitting kind: any organised actor for ``it``, an armed group, government
  or coalition for ``they`` (a state is "it");
* ``the fighters``/``the militants`` -> the nearest armed group of the
  preceding sentences (not one named in the same sentence: "Along with HTS,
  the fighters include ..." lists HTS *among* the fighters);
* ``the rebels``/``the insurgents``/``the jihadists`` (a side of a war, where the
  theatre gives the word no actor of its own) -> the armed group the sentence
  before was about, when its subject is the group or its fighters, else nobody;
* ``the group``/``the militia``/``the organisation``/``the movement`` -> the
  nearest preceding named armed group or organisation, also when described by
  an armed group's adjectives ("the militant group"); ``the city``/``the
  town``/``the village`` -> the nearest preceding settlement; ``the country``
  -> the nearest preceding state;
* an anaphor resolved is itself an antecedent for the anaphors after it ("the
  organisation" of one sentence carries the name to "the group" of the next);
  a news outlet, the dateline and a dictionary name matched in lower case
  ("the national army") never are (:mod:`graph.anaphora`);
* where the rules want a place, an object pronoun ("... and took them back")
  stands for the phrase before it (:func:`graph.anaphora.place_antecedent`).
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from spacy.tokens import Doc, Span, Token

from .actors import ActorDictionary, is_generic, normalize
from .anaphora import capital_of, dateline_end, described_as_group, is_outlet, place_antecedent
from .doctokens import with_lemma_in, with_lower_in
from .lexicon import Lexicon, default_lexicon
from .models import Actor, Mention
from .places import locate
from .theatres import InReport

__all__ = ["CorefResolver", "document_mentions", "is_generic", "anaphor_nouns"]

#: "they" refers to a group of people, not to a state or an organisation as such
PLURAL_KINDS = frozenset(("ArmedGroup", "Government", "ArmedForces", "Coalition"))
#: the kinds of actor whose descriptors ("the army", "government troops") fall back to the report's state
_GOVERNING = frozenset(("Government", "ArmedForces"))
ORGANISED = frozenset(("State", "Government", "ArmedForces", "ArmedGroup", "Coalition", "PoliticalOrganization", "Organization"))
#: the dependents of a noun that are clauses qualifying it, not words of its name
_QUALIFYING_CLAUSES = frozenset(("acl", "relcl", "advcl", "ccomp", "xcomp", "appos"))
#: the lexicon's lists of words that refer back (besides lex:anaphor-nouns-CLASS)
_ANAPHOR_LISTS = ("person-pronouns", "group-pronouns", "fighter-plurals", "rebel-plurals", "capital-nouns", "alliance-nouns",
                  "described-place-nouns", "ranked-settlement-nouns")
#: lexicon entries lex:anaphor-nouns-CLASS: "the NOUN" refers back to an actor of class CLASS
_ANAPHOR_ENTRY = "anaphor-nouns-"


@functools.lru_cache(maxsize=16)
def anaphor_nouns(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Noun -> the classes of the actors "the NOUN" may refer back to, from the lexicon's anaphor entries.

    >>> anaphor_nouns(default_lexicon())["militia"], anaphor_nouns(default_lexicon())["country"]
    (('ArmedGroup',), ('State',))
    """
    table: dict[str, list[str]] = {}
    for key in lexicon.keys():
        if key.startswith(_ANAPHOR_ENTRY):
            kind = "".join(part.capitalize() for part in key[len(_ANAPHOR_ENTRY):].split("-"))
            for word in sorted(lexicon.words(key)):
                table.setdefault(word, []).append(kind)
    return {word: tuple(kinds) for word, kinds in table.items()}


def _head_word(name: str) -> str:
    """The word a name is a kind of: its last, or the one before "of" ("Alliance of Sahel States"); the
    "Alliance" of the "Myanmar National Democratic Alliance Army" is not its head.

    >>> _head_word("North Atlantic Alliance"), _head_word("Alliance of Sahel States"), _head_word("MNDAA Army")
    ('alliance', 'alliance', 'army')
    """
    words = normalize(name).split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1] if words else ""


def _is_name(mention: Mention) -> bool:
    """A mention by name (or an anaphor resolved to one), not a descriptor: "the national army" written
    in lower case is a description, whatever name of the dictionary it matched."""
    return mention.how == "coref" or mention.how != "generic" and mention.text != mention.text.lower()


def _own_words(head: Token) -> list[Token]:
    """The words of a phrase without the clauses that qualify it, in order."""
    return sorted([head] + [t for c in head.children if c.dep_ not in _QUALIFYING_CLAUSES
                            for t in c.subtree])


def _lower_case_name(mention: Mention) -> bool:
    """A dictionary name matched in lower-case words ("the national army"): a description that happens
    to spell a name, too uncertain to be what a later anaphor refers to."""
    return mention.how == "name" and mention.text == mention.text.lower()


def _named_as_place(ent: Span, lexicon: Lexicon) -> bool:
    """"the village of Tel Jadid": the text says it is a place, whatever the NER guessed."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in lexicon.words("place-heads")


def document_mentions(doc: Doc, dictionary: ActorDictionary) -> dict[int, Mention]:
    """Token index -> the mention covering it, for every entity that names an actor.

    The examples build parsed spaCy ``Doc`` objects by hand (what the model would give), so
    that they need no model load.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> dictionary = ActorDictionary.bundled()
    >>> doc = Doc(spacy.blank("en").vocab, words=["Turkey", "backs", "the", "Hamza", "Division", "."],
    ...           ents=["B-GPE", "O", "O", "B-ORG", "I-ORG", "O"])
    >>> mentions = document_mentions(doc, dictionary)
    >>> sorted(mentions), mentions[4].text, mentions[4].actor.type, mentions[4].how
    ([0, 3, 4], 'Hamza Division', 'ArmedGroup', 'discovered')
    >>> mentions[0].actor.label, mentions[0].how
    ('Turkey', 'name')
    """
    found: dict[int, Mention] = {}
    people: dict[str, Actor] = {}
    described: dict[int, list[Actor]] = {}  # id(mention) of a descriptor -> the generic actors it may name
    for ent in doc.ents:
        ent, actor, how, candidates = _entity_actor(ent, dictionary)
        if actor is None:
            continue
        if how == "discovered" and actor.type != "Settlement" and _named_as_place(ent, dictionary.lexicon):
            actor = dataclasses.replace(actor, type="Settlement")
        if actor.type == "Person":
            # "Mohammed al-Bashir ... Al-Bashir headed": a surname names the person met earlier in the article,
            # a dictionary person too (whose surname alone may be ambiguous in the whole dictionary)
            if how == "discovered":
                actor = people.get(_surname(actor.label, dictionary.lexicon), actor)
            people.setdefault(_surname(actor.label, dictionary.lexicon), actor)
        mention = Mention(ent.start_char, ent.end_char, ent.text, actor, how)
        if candidates:
            described[id(mention)] = candidates
        for token in ent:
            found[token.i] = mention
    _facilities(doc, dictionary, found)
    _link_acronyms(found)
    # places first (graph.places), so that the towns a report names are evidence of its theatre; the
    # descriptors, which are what the theatre decides, are neither located nor evidence of where it is
    descriptors = {i: m for i, m in found.items() if id(m) in described}
    located = locate(doc, {i: m for i, m in found.items() if id(m) not in described}, dictionary)
    found = dict(sorted({**located, **descriptors}.items()))
    return _resolve_descriptors(doc, found, dictionary, described)


def _entity_actor(ent: Span, dictionary: ActorDictionary) -> tuple[Span, Actor | None, str, list[Actor]]:
    """(span, actor, how, descriptor candidates) of one entity; the span may grow ("Druze militias")."""
    doc = ent.doc
    candidates = dictionary.described(ent.ent_id_) if ent.ent_id_ else []
    if not ent.ent_id_ and ent.label_ in ("ORG", "NORP") and ent.end < len(doc) and \
            doc[ent.end].lower_ in dictionary.lexicon.words("armed-plurals") and ent.root.head.i == ent.end:
        # "Druze militias", "Iraqi militias": the group is named by the people it comes from
        ent = doc[ent.start:ent.end + 1]
        actor = dictionary.lookup(ent.text)
        return (ent, actor, "name", []) if actor is not None else (ent, dictionary.discover(ent.text, "ORG"), "discovered", [])
    if (candidates or ent.ent_id_ in dictionary.actors) and (name := _proper_name_of(ent, dictionary)) is not None:
        # "the Army of Conquest" is a group of its own, not "the army" of the dictionary
        actor = dictionary.lookup(name.text)
        return (name, actor, "name", []) if actor is not None else (name, dictionary.discover(name.text, "ORG"), "discovered", [])
    if candidates or ent.ent_id_ in dictionary.actors:
        actor = candidates[0] if candidates else dictionary.actors[ent.ent_id_]
        how = "generic" if dictionary.is_generic(actor.iri) and ent.text[:1].islower() else "name"
        return ent, actor, how, candidates
    if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
        if candidates := dictionary.described(dictionary.descriptor_id(ent.text)):
            # the NER's "Marines" is the descriptor "the marines", which names an actor only in its theatre's
            # reports (a descriptor is nobody's name): the theatre decides, as for the ruler's descriptors
            return ent, candidates[0], "name", candidates
        actor = dictionary.lookup(ent.text)
        return (ent, actor, "name", []) if actor is not None else (ent, dictionary.discover(ent.text, dictionary.ner_label(ent)), "discovered", [])
    return ent, None, "name", []


def _resolve_descriptors(doc: Doc, found: dict[int, Mention], dictionary: ActorDictionary,
                         described: dict[int, list[Actor]]) -> dict[int, Mention]:
    """Give each descriptor mention ("the army", "rebels") the actor it names in the report's theatre.

    A report about a state without theatre data: a government's descriptor ("the army") names that state
    (the one the report gives an army, "Sudan's army", else the one whose places it names), and any
    other names nobody (graph.theatres).
    """
    if not described:
        return found
    theatres = dictionary.theatres
    skip = {i for i, m in found.items() if id(m) in described}
    reading = theatres.read(doc, found, skip)
    state: list[Actor | None] = []
    chosen: dict[int, Mention | None] = {}
    for i in sorted(skip):
        mention = found[i]
        if id(mention) not in chosen:
            candidates = described[id(mention)]
            actor = theatres.choose(candidates, reading)
            if actor is None and any(c.type in _GOVERNING for c in candidates) and \
                    set(normalize(mention.text).split()) & dictionary.lexicon.words("state-force-words"):
                if not state:
                    state.append(_state_with_army(doc, found, dictionary, reading))
                actor = state[0]
            chosen[id(mention)] = dataclasses.replace(mention, actor=actor) if actor is not None else None
    resolved = {i: chosen.get(id(m), m) if id(m) in described else m for i, m in found.items()}
    return {i: m for i, m in resolved.items() if m is not None}


def _state_with_army(doc: Doc, found: dict[int, Mention], dictionary: ActorDictionary, reading) -> Actor | None:
    """The state without theatre data a report is about: the first it names as having an army ("Sudan's
    army", "the Sudanese military"), else the one whose places it names most (graph.theatres)."""
    theatres = dictionary.theatres
    armies = dictionary.lexicon.words("army-nouns")
    for token in doc:
        if token.lower_ not in armies:
            continue
        for child in token.children:
            if child.dep_ not in ("poss", "amod", "compound") or child.i > token.i:
                continue
            mention = found.get(child.i)
            actor = mention.actor if mention is not None else dictionary.by_adjective(child.text)
            if actor is not None and actor.type == "State":
                return actor
    about = theatres.fallback_state(reading)
    return dictionary.actors[about] if about is not None and dictionary.actors[about].type == "State" else None


def _initials(name: str) -> str:
    """"Rapid Support Forces" -> "RSF": the capitals of the name's words ("of", "al-" and the like skipped)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def _link_acronyms(found: dict[int, Mention]) -> None:
    """A discovered acronym ("the RSF") names the actor whose initials it spells in the same report.

    The acronym is kept as that actor's alias, so that both spellings find it in the graph.
    """
    mentions = list({id(m): m for m in found.values()}.values())
    named = {}
    for m in mentions:
        if len(m.actor.label.split()) > 1 and len(_initials(m.actor.label)) > 1:
            named.setdefault(_initials(m.actor.label), m.actor)
    for m in mentions:
        acronym = m.actor.label
        if not (m.how == "discovered" and acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6):
            continue
        actor = named.get(acronym)
        if actor is None or actor.iri == m.actor.iri:
            continue
        linked = Mention(m.start, m.end, m.text, dataclasses.replace(actor, aliases=tuple(actor.aliases) + (acronym,)),
                         "name")
        for i, other in list(found.items()):
            if other is m:
                found[i] = linked


def _proper_name_of(ent: Span, dictionary: ActorDictionary) -> Span | None:
    """The longer proper name a generic dictionary match begins, or None.

    A generic alias ("the army", "rebels") written capitalised and followed by "of" and a
    capitalised word is the start of a name: "the Army of Conquest", "the Army of Islam". The
    name runs over the capitalised words (and "the", "al-" particles) after "of".
    """
    doc = ent.doc
    if not (dictionary.is_generic(ent.ent_id_) or dictionary.described(ent.ent_id_)) \
            or not ent[-1].is_title or ent[-1].is_sent_start \
            or ent.end + 1 >= len(doc) \
            or doc[ent.end].lower_ != "of":
        return None
    end = ent.end + 1
    connectors = dictionary.lexicon.words("name-connectors")
    while end < len(doc) and (doc[end].is_title or doc[end].lower_ in connectors and end + 1 < len(doc)
                              and doc[end + 1].is_title or doc[end].text == "-" and doc[end - 1].lower_ == "al"):
        end += 1
    if end == ent.end + 1 or not doc[end - 1].is_title:
        return None
    start = ent.start + (ent[0].lower_ == "the")
    return doc[start:end]


def _surname(name: str, lexicon: Lexicon) -> str:
    particles = lexicon.words("name-particles")
    words = [w for w in normalize(name).split() if w not in particles]
    return words[-1] if words else ""


def _facilities(doc: Doc, dictionary: ActorDictionary, found: dict[int, Mention]) -> None:
    """"the Hmeimim air base", "Saydnaya prison": a named facility is a place of its own.

    The name and its head noun become one mention (dictionary actor if known, else a
    discovered Facility), replacing the partial entity the NER may have found.
    """
    for head in map(doc.__getitem__, with_lemma_in(doc, dictionary.lexicon.words("facility-heads"))):
        if head.i in found and found[head.i].actor.type != "Person":
            continue
        left = head.i
        while left > 0 and doc[left - 1].dep_ in ("compound", "amod") and doc[left - 1].head.i in range(left, head.i + 1):
            left -= 1
        names = [t for t in doc[left:head.i] if t.pos_ == "PROPN" or t.ent_type_]
        if not names or left == head.i:
            continue
        span = doc[names[0].i:head.i + 1]
        if any(t.i in found and found[t.i].how != "discovered" for t in span):
            continue
        actor = dictionary.lookup(span.text) or dictionary.discover(span.text, "FAC")
        if actor is None:
            continue
        mention = Mention(span.start_char, span.end_char, span.text, actor, "discovered")
        for token in span:
            found[token.i] = mention


class CorefResolver:
    """Mentions of a document and what its pronouns and descriptors refer to.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> dictionary = ActorDictionary.bundled()
    >>> doc = Doc(spacy.blank("en").vocab, words=["Turkey", "said", "it", "backs", "the", "SNA", "."],
    ...           heads=[1, 1, 3, 1, 5, 3, 1], deps=["nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj", "punct"],
    ...           pos=["PROPN", "VERB", "PRON", "VERB", "DET", "PROPN", "PUNCT"],
    ...           lemmas=["Turkey", "say", "it", "back", "the", "SNA", "."],
    ...           ents=["B-GPE", "O", "O", "O", "O", "B-ORG", "O"])
    >>> resolver = CorefResolver(doc, dictionary)
    >>> sorted(m.actor.label for m in resolver.mentions.values())
    ['Syrian National Army', 'Turkey']
    >>> resolver.resolve(doc[2])  # doctest: +ELLIPSIS
    Mention(start=12, end=14, text='it', actor=Actor(..., label='Turkey', ...), how='coref')
    """

    def __init__(self, doc: Doc, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.dictionary = dictionary
        #: the word lists (ontology/lexicon/coref.ttl), the dictionary's own lexicon
        self.lexicon = dictionary.lexicon
        self._anaphors = anaphor_nouns(self.lexicon)
        self.mentions = document_mentions(doc, dictionary)
        #: the dictionary as this report sees it: generic adjectives ("rebel-held") only in their theatre
        self.in_report = InReport(dictionary, doc, self.mentions)
        #: token indices of mentions that are never antecedents: news outlets, the dateline (graph.anaphora)
        start = dateline_end(doc)
        outlets = {id(m) for m in {id(m): m for m in self.mentions.values()}.values() if is_outlet(m, self.lexicon)}
        self._barred = frozenset(i for i, m in self.mentions.items() if i < start or id(m) in outlets) \
            if outlets or start else frozenset()
        #: what the anaphors of the sentences entered so far refer to, so that "the group" may refer
        #: back through "the organisation" of the sentence before to the name before that
        self._resolved: dict[int, Mention] = {}
        #: every word that may be an anaphor, so that resolving a sentence's anaphors looks at those only
        self._anaphor_words = frozenset(self._anaphors).union(*(self.lexicon.words(key) for key in _ANAPHOR_LISTS))
        #: the indexes of the tokens that are such words, in order
        self._anaphor_at = with_lower_in(doc, self._anaphor_words)
        self._previous_subject_actor: Actor | None = None
        #: whether that subject is the group itself or its fighters, not its contractors or envoys
        self._previous_subject_is_a_group = False
        self._sent: Span | None = None
        self._window_start = 0

    def enter(self, sent: Span) -> None:
        """Move to the next sentence, remembering the subject of the one before (None if it names none).

        "It" in the second sentence is HTS, the subject before, not Turkey, the nearest actor:

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> dictionary = ActorDictionary.bundled()
        >>> doc = Doc(spacy.blank("en").vocab, words="HTS advanced near Turkey . It took Hama .".split(),
        ...           heads=[1, 1, 1, 2, 1, 6, 6, 6, 6],
        ...           deps="nsubj ROOT prep pobj punct nsubj ROOT dobj punct".split(),
        ...           pos="PROPN VERB ADP PROPN PUNCT PRON VERB PROPN PUNCT".split(),
        ...           ents="B-ORG O O B-GPE O O O B-GPE O".split())
        >>> resolver = CorefResolver(doc, dictionary)
        >>> for sent in doc.sents:
        ...     resolver.enter(sent)
        >>> resolver.resolve(doc[5]).actor.label
        'Hayat Tahrir al-Sham'
        """
        self._previous_subject_actor = None
        self._previous_subject_is_a_group = False
        if self._sent is not None:
            root = self._sent.root
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is None:  # passive: "The offensive is led by HTS" -> HTS is the one acting
                agent = next((c for c in root.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is None:
                subj = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                mention = self._phrase_mention(subj)
                self._previous_subject_actor = mention.actor if mention is not None else None
                # "The ELN attacked ...", "ELN fighters attacked ...", not "Wagner contractors trained ..."
                self._previous_subject_is_a_group = self._candidate(subj.i) is not None or \
                    subj.lemma_.lower() in self.lexicon.words("group-member-nouns")
        self._window_start = self._sent.start if self._sent is not None else 0
        self._sent = sent
        doc = sent.doc
        for i in self._anaphor_at[bisect.bisect_left(self._anaphor_at, sent.start):
                                  bisect.bisect_left(self._anaphor_at, sent.end)]:
            token = doc[i]
            antecedent = self.antecedent_token(token)
            mention = self._phrase_mention(antecedent) if antecedent is not None else self.resolve(token)
            if mention is not None:
                self._resolved[token.i] = Mention(token.idx, token.idx + len(token.text), token.text, mention.actor, "coref")

    def mention_at(self, token: Token) -> Mention | None:
        """The named mention covering ``token``, if any.

        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["HTS", "took", "Hama"], ents=["B-ORG", "O", "B-GPE"])
        >>> resolver = CorefResolver(doc, ActorDictionary.bundled())
        >>> resolver.mention_at(doc[0]).actor.label, resolver.mention_at(doc[1])
        ('Hayat Tahrir al-Sham', None)
        """
        return self.mentions.get(token.i)

    def _candidate(self, i: int) -> Mention | None:
        """The mention at token ``i`` as an antecedent: a name or an anaphor resolved before, never an
        outlet or the dateline (graph.anaphora)."""
        if i in self._barred:
            return None
        return self.mentions.get(i) or self._resolved.get(i)

    def _phrase_mention(self, head: Token) -> Mention | None:
        """The mention a phrase names: at its head, else the first in its own words, not in the clauses
        that qualify it ("Rwandan forces sent to assist Mozambique's army" does not name Mozambique)."""
        return next((m for t in _own_words(head) if (m := self._candidate(t.i)) is not None), None)

    def _preceding(self, token: Token, types: tuple[str, ...] | frozenset[str], *, named: bool = False) -> Actor | None:
        """The nearest earlier mention of a fitting type, in this sentence or the one before only."""
        for i in range(token.i - 1, self._window_start - 1, -1):
            mention = self._candidate(i)
            if mention is None or mention.actor.type not in types:
                continue
            if named and not _is_name(mention) or _lower_case_name(mention):
                continue
            return mention.actor
        return None

    def antecedent_token(self, token: Token, *, place: bool | None = None) -> Token | None:
        """For "it"/"they"/"their" that refer to a subject in the same sentence: that subject's head.

        Returning the token (not an actor) lets the caller expand coordination:
        "Iran and Russia reaffirmed their support" gives both. Where the caller wants a place
        (``place`` True), an object pronoun gives the phrase it stands for ("took them back" after
        "advanced into the districts of Kobani": "districts"), which the caller reads as a place.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words="Iran and Russia reaffirmed their support".split(),
        ...           heads=[3, 0, 0, 3, 5, 3], deps="nsubj cc conj ROOT poss dobj".split(),
        ...           pos="PROPN CCONJ PROPN VERB PRON NOUN".split(), ents="B-GPE O B-GPE O O O".split())
        >>> resolver = CorefResolver(doc, ActorDictionary.bundled())
        >>> resolver.antecedent_token(doc[4]), [t.text for t in resolver.antecedent_token(doc[4]).conjuncts]
        (Iran, ['Russia'])
        """
        words = self.lexicon.words
        if place is True and token.pos_ == "PRON":  # "... and took them back": the phrase a place is named in
            return place_antecedent(token, self.mentions, self._sent.start if self._sent is not None else 0)
        if token.pos_ != "PRON" or not (token.lower_ in words("group-pronouns") or (
                token.lower_ in words("person-possessives") and token.dep_ == "poss"
                and token.head.lemma_ in words("possessed-force-words"))):
            return None
        subj = None
        clause = token.head if token.dep_ in ("nsubj", "nsubjpass") else \
            token.head.head if token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass") else None
        if clause is not None and clause.dep_ == "ccomp" and clause.head.lemma_ in words("speaker-verbs"):
            # "The army said it withdrew" / "The army said its units withdrew": the speaker
            subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        elif token.dep_ == "poss":
            node = token.head
            while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None and node.dep_ == "relcl" and (subj.tag_ in ("WDT", "WP") or subj.lower_ in words("relative-pronouns")):
                subj = node.head  # "Hezbollah, which lost fighters in its war with Israel": its = Hezbollah
        if subj is None or subj.i >= token.i:
            return None
        mention = self._phrase_mention(subj)
        if mention is None:  # "Rwandan forces said they ...": a state's forces, named by its adjective
            return subj if self._forces_of_a_people(subj) else None
        return subj if mention.actor.type in ORGANISED else None

    def _forces_of_a_people(self, head: Token) -> bool:
        """"Rwandan forces", "Ethiopian troops": a force noun whose adjective names an actor."""
        words = self.lexicon.words
        return (head.lower_ in words("possessed-force-words") or head.lemma_ in words("possessed-force-words")) and \
            any(c.dep_ in ("amod", "compound") and self.dictionary.by_adjective(c.text) is not None for c in head.children)

    def resolve(self, token: Token) -> Mention | None:
        """The actor a pronoun or definite descriptor at ``token`` refers to, or None.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> dictionary = ActorDictionary.bundled()
        >>> doc = Doc(spacy.blank("en").vocab, words=["Erdogan", "said", "he", "backs", "the", "SNA", "."],
        ...           pos=["PROPN", "VERB", "PRON", "VERB", "DET", "PROPN", "PUNCT"],
        ...           ents=["B-PERSON", "O", "O", "O", "O", "B-ORG", "O"])
        >>> resolver = CorefResolver(doc, dictionary)
        >>> resolver.resolve(doc[2]).actor.label, resolver.resolve(doc[2]).how, resolver.resolve(doc[3])
        ('Recep Tayyip Erdogan', 'coref', None)
        """
        if token.i in self._resolved:
            return self._resolved[token.i]
        lower, words = token.lower_, self.lexicon.words
        actor = None
        if lower in words("person-pronouns") and token.pos_ == "PRON":
            actor = self._preceding(token, ("Person",))
        elif lower in words("group-pronouns") and token.pos_ == "PRON":
            kinds = PLURAL_KINDS if lower in words("plural-pronouns") else ORGANISED
            return self._group_pronoun(token, kinds)
        elif lower in words("alliance-nouns") and any(c.lower_ in words("definite-determiners") for c in token.children) \
                and not any(c.dep_ in ("compound", "amod", "prep", "appos", "poss") for c in token.children):
            actor = self._alliance(token)
        elif lower in self._anaphors and any(c.lower_ in words("definite-determiners") for c in token.children) and (
                not any(c.dep_ in ("compound", "amod", "prep", "appos", "poss") for c in token.children)
                or "ArmedGroup" in self._anaphors[lower] and described_as_group(token, self.lexicon)):
            actor = self._preceding(token, self._anaphors[lower], named=True)
        elif lower in words("capital-nouns") and any(c.lower_ == "the" or c.dep_ == "poss" for c in token.children):
            actor = self._capital(token)
        elif lower in words("ranked-settlement-nouns") and any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_.endswith("largest"))
                                               for c in token.children):
            # "forced the army out of Syria's largest city" after naming Aleppo: the description of a city named
            actor = self._preceding(token, ("Settlement",), named=True)
        elif lower in words("fighter-plurals") and any(c.lower_ == "the" for c in token.children) and \
                described_as_group(token, self.lexicon):
            actor = self._preceding(self.doc[self._sent.start], ("ArmedGroup", "Coalition")) if self._sent is not None else None
        elif lower in words("rebel-plurals") and any(c.lower_ == "the" for c in token.children) and \
                described_as_group(token, self.lexicon):
            # "the rebels", "the insurgents": a side of a war, so only the group the sentence before was about
            previous = self._previous_subject() if self._previous_subject_is_a_group else None
            actor = previous if previous is not None and previous.type in ("ArmedGroup", "Coalition") else None
        if actor is None and lower in words("described-place-nouns"):
            actor = self._described_place(token)
        if actor is None:
            return None
        return Mention(token.idx, token.idx + len(token.text), token.text, actor, "coref")

    def _alliance(self, token: Token) -> Actor | None:
        """"the alliance", "the coalition": the nearest coalition named before, anywhere in the report (the
        kind is narrow enough to reach past the two-sentence window), or an actor one of whose names has the
        noun ("the Atlantic Alliance", "the Alliance of Sahel States"); never the last group named whatever it is."""
        noun = token.lower_
        for i in range(token.i - 1, -1, -1):
            mention = self._candidate(i)
            if mention is None or not _is_name(mention) or _lower_case_name(mention):
                continue
            actor = mention.actor
            if actor.type == "Coalition" or any(_head_word(name) == noun for name in (actor.label, *actor.aliases)):
                return actor
        return None

    def _group_pronoun(self, token: Token, kinds: frozenset[str]) -> Mention | None:
        """"it", "they", "its" that no clause structure resolved (antecedent_token). A possessive in a
        relative clause: the one actor the clause and its noun name, none if several compete. Another
        possessive: the one actor its sentence names before it, if there is one ("deal a blow to Hezbollah
        and to Iran, its main supporter": Hezbollah, not Iran it describes). Otherwise the main clause's subject, the sentence before's, or the nearest actor of a fitting kind."""
        actor = None
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None) if token.dep_ == "poss" else None
        if clause is not None:  # "the US military, which drove the Taliban from power over its support for ...": either
            named = self._sentence_actors(token, kinds, since=clause.head.left_edge.i)
            if len(named) != 1:
                return None
            actor = named[0]
        elif token.dep_ == "poss" and len(named := self._sentence_actors(token, kinds)) == 1:
            actor = named[0]
        if actor is None:
            actor = self._current_subject(token, kinds)  # "IS cells remain in the desert, where they ambush patrols"
        if actor is None:
            previous = self._previous_subject()
            actor = previous if previous is not None and previous.type in kinds else self._preceding(token, kinds)
        return Mention(token.idx, token.idx + len(token.text), token.text, actor, "coref") if actor is not None else None

    def _sentence_actors(self, token: Token, kinds: frozenset[str], since: int | None = None) -> list[Actor]:
        """The distinct actors of fitting kinds that ``token``'s sentence names before it, but the one
        the phrase of ``token`` stands beside ("Iran, its main supporter" does not describe Iran by Iran)."""
        phrase = token.head
        while phrase.dep_ in ("compound", "amod") and phrase.head.i != phrase.i:
            phrase = phrase.head
        left = phrase.left_edge.i
        beside = self._candidate(left - 2) if left >= 2 and self.doc[left - 1].text == "," else None
        host = {i for i in range(max(left - 12, 0), left) if beside is not None and self._candidate(i) is beside}
        start = since if since is not None else self._sent.start if self._sent is not None else 0
        found: dict[str, Actor] = {}
        for i in range(start, token.i):
            mention = self._candidate(i)
            if mention is not None and i not in host and mention.actor.type in kinds and \
                    mention.how != "generic" and not _lower_case_name(mention):
                found.setdefault(mention.actor.iri, mention.actor)
        return list(found.values())

    def _described_place(self, token: Token) -> Actor | None:
        """"the strategic town", "the only regional capital it had taken": the one settlement named in
        this sentence before it or in the sentence before, when every modifier is a word that describes
        a place without telling it from another ("the neighbouring town" is another town)."""
        allowed = self.lexicon.words("place-description-modifiers")
        modifiers = [c for c in token.children if c.dep_ not in ("det", "relcl", "acl", "punct", "case")]
        following = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        if not any(c.lower_ == "the" for c in token.children) or not modifiers or \
                any(c.dep_ not in ("amod", "compound") or c.lower_ not in allowed for c in modifiers) or \
                following is not None and following.pos_ == "PROPN":
            return None
        found = {m.actor.iri: m.actor for i in range(self._window_start, token.i)
                 if (m := self._candidate(i)) is not None and m.actor.type == "Settlement" and _is_name(m)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _capital(self, token: Token) -> Actor | None:
        """"the capital", "the Afghan capital": the one national capital the report named before (of the
        state the adjective names, if any); nobody if it named none or several."""
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "prep", "appos", "poss")]
        state = None
        if modifiers:
            one = modifiers[0] if len(modifiers) == 1 else None
            owner = None if one is None else self.mentions[one.i].actor if one.i in self.mentions \
                else self.dictionary.by_adjective(one.text) if one.dep_ != "poss" else None
            if owner is None or owner.type != "State":
                return None  # "the regional capital", "Darfur's capital", "the capital Kabul": not this way
            state = owner.iri
        found = {m.actor.iri: m.actor for i in range(token.i) if (m := self._candidate(i)) is not None
                 and (of := capital_of(m.actor, self.dictionary)) is not None and state in (None, of)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _current_subject(self, token: Token, kinds: tuple[str, ...] | frozenset[str]) -> Actor | None:
        """The actor the sentence's main clause is about, when it is named before ``token``."""
        if self._sent is None:
            return None
        subject = next((c for c in self._sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i >= token.i or token in subject.subtree:
            return None
        for t in subject.subtree:
            mention = self._candidate(t.i)
            if mention is not None and mention.actor.type in kinds and mention.how != "generic":
                return mention.actor
        return None

    def _previous_subject(self) -> Actor | None:
        if self._previous_subject_actor is not None and self._previous_subject_actor.type in ORGANISED:
            return self._previous_subject_actor
        return None
