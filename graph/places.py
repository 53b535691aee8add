"""The places of one report: each located in its country with its coordinates, and the names the
statistical NER mistyped or missed made places where the gazetteer and the syntax agree.

A name is looked up in the gazetteer (:mod:`graph.gazetteer`) in the report's countries: those of
the theatres the report is about (:mod:`graph.theatres`), of the states it names and of the
dictionary's places and actors it names, the best-evidenced first, then their neighbours.

* A dictionary place keeps its IRI and type; it is located in its state and given the coordinates
  its file writes, else those the gazetteer has for its name in its state.
* A place the NER found ("GPE", "LOC") takes the gazetteer's kind, country and coordinates when
  the gazetteer knows the name there (outside the report's countries, only a name of one country
  and a populous town). A name of places in several countries gets its country in its IRI
  (``actor:rafah-egypt``), so that two towns are never one node.
* An entity the NER typed as an organisation or a person becomes a place only when the gazetteer
  knows the name (as above) and the report uses it where a place is wanted (object of a capture or withdrawal word, "in/near/around
  X", "the town of X", "X township"), and never where a person is (the speaker of "X said"). A word
  the report writes in lower case too ("unity") is a word, not a place. A name the report itself
  calls a place ("Momauk township") is one even where the gazetteer lacks it (then without coordinates).

The dictionary wins: its names are found by the actor ruler before any of this runs.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from .actors import ActorDictionary, mint_iri, normalize
from .doctokens import capitalised, lower_case_words, proper_nouns_outside_entities
from .gazetteer import Place, gazetteer
from .models import Actor, Location, Mention

if TYPE_CHECKING:  # spaCy is imported by whoever parsed the report
    from spacy.tokens import Doc, Token

__all__ = ["locate", "report_countries", "dictionary_place"]

#: the gazetteer's kinds that a place found by name takes
_KINDS = frozenset(("Settlement", "Region"))


def report_countries(doc: "Doc", mentions: dict[int, Mention], dictionary: ActorDictionary) -> list[str]:
    """ISO codes of the countries a report is about, the best-evidenced first.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from graph.coref import document_mentions
    >>> d = ActorDictionary.bundled()
    >>> doc = Doc(spacy.blank("en").vocab, words="Turkey shelled Manbij and Tal Rifaat .".split(),
    ...           ents="B-GPE O B-GPE O B-GPE I-GPE O".split())
    >>> report_countries(doc, document_mentions(doc, d), d)
    ['SY', 'TR']
    """
    counts: Counter[str] = Counter()
    for state, n in dictionary.theatres.evidence(doc, mentions, set()).items():
        if (code := dictionary.country_code(state)) is not None:
            counts[code] += n
    for mention in {id(m): m for m in mentions.values()}.values():
        for code in _countries_of(mention.actor, dictionary):
            counts[code] += 1
    for token in capitalised(doc):  # "Egyptian troops", "Israeli strikes": a state's adjective outside a named mention
        if token.is_title and (token.i not in mentions or mentions[token.i].how == "discovered") and (state := dictionary.by_adjective(token.text)) is not None \
                and state.type == "State" and (code := dictionary.country_code(state.iri)) is not None:
            counts[code] += 1
    return [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _countries_of(actor: Actor, dictionary: ActorDictionary) -> list[str]:
    """The countries one named actor ties a report to: a state's own, a place's state's, a group's theatres'."""
    if actor.type == "State":
        code = dictionary.country_code(actor.iri) if actor.iri in dictionary.actors else gazetteer().country_code(actor.label)
        return [code] if code else []
    if actor.location is not None and actor.location.country is not None:
        if actor.location.country not in dictionary.actors:  # a state the dictionary lacks: GeoNames' name
            code = gazetteer().country_code(actor.location.country_label or "")
            return [code] if code else []
        states = [actor.location.country]
    elif actor.iri not in dictionary.actors:
        return []
    elif dictionary.is_place(actor):
        states = [s for s in (dictionary.state_of(actor.iri),) if s]
    else:
        states = sorted(dictionary.theatres.of(actor.iri))
    return [c for s in states if (c := dictionary.country_code(s)) is not None]


def _neighbours(countries: list[str]) -> list[str]:
    """The countries bordering the report's, in the order of the report's."""
    g = gazetteer()
    return [n for n in dict.fromkeys(n for c in countries for n in sorted(g.neighbours(c))) if n not in countries]


def _state(dictionary: ActorDictionary, code: str) -> tuple[str | None, str | None]:
    """(IRI, label) of the state with an ISO code: the dictionary's, else one minted from GeoNames' name."""
    iri = dictionary.state_with_code(code)
    if iri is not None:
        return iri, dictionary.actors[iri].label
    name = gazetteer().country_name(code)
    return (mint_iri(name), name) if name is not None else (None, None)


def _placed(dictionary: ActorDictionary, actor: Actor, place: Place, *, kind: str | None = None) -> Actor:
    """A discovered actor made the gazetteer's place: its kind, its country, its coordinates."""
    country, label = _state(dictionary, place.country)
    iri = mint_iri(f"{actor.label} {label or place.country}") if gazetteer().ambiguous(actor.label) else actor.iri
    location = Location(country=country, lat=place.lat, long=place.long, geonames=place.geonames, country_label=label)
    return dataclasses.replace(actor, iri=iri, type=kind or place.kind, location=location)


def dictionary_place(dictionary: ActorDictionary, actor: Actor) -> Actor:
    """A dictionary place with its state and coordinates: its file's, else, for a town, the gazetteer's in
    its state. A region, facility or crossing named for a town is not at the town (the "Shahba" canton of
    northern Aleppo is not Suwayda's town of Shahba, 300 km south): only its file places it.

    >>> d = ActorDictionary.bundled()
    >>> kuweires, hama = (dictionary_place(d, d.lookup(name)).location for name in ("Kuweires airbase", "Hama"))
    >>> (kuweires.lat, kuweires.long, kuweires.geonames), (round(hama.lat, 2), hama.geonames)  # its file's; GeoNames'
    ((36.19, 37.58, None), (35.13, 170017))
    """
    location = dictionary.location(actor.iri)
    if location is None:
        return actor
    if location.lat is None and actor.type == "Settlement" and location.country is not None \
            and (code := dictionary.country_code(location.country)):
        place = next((p for name in (actor.label, *actor.aliases)
                      if (p := gazetteer().resolve(name, [code], anywhere=False)) is not None
                      and p.kind == "Settlement" and p.lat is not None), None)
        if place is not None:
            location = dataclasses.replace(location, lat=place.lat, long=place.long, geonames=place.geonames)
    return dataclasses.replace(actor, location=location)


def _town_not_facility(dictionary: ActorDictionary, actor: Actor, nearby: tuple[list[str], list[str]]) -> Actor:
    """A place the NER called a facility: one with a facility's word ("the Hmeimim air base") is no town of
    the gazetteer; one without ("take Sirte and the Jufra air base", where the NER labels both FAC) is the
    town of that name in the report's countries or their neighbours, if there is one."""
    heads = dictionary.lexicon.words("facility-heads")
    if actor.type != "Facility" or any(word in heads for word in normalize(actor.label).split()):
        return actor
    place = gazetteer().resolve(actor.label, nearby[0], neighbours=nearby[1], anywhere=False)
    return _placed(dictionary, actor, place) if place is not None and place.kind == "Settlement" else actor


def _place_position(token: "Token", dictionary: ActorDictionary) -> str | None:
    """Where the parse puts a name: "strong" where only a place goes ("captured X", "withdrew from X",
    "in X", "the town of X", "X township", "RSF-held X"), "weak" as the target of an attack ("shelled X"),
    which may be an actor too, else None."""
    words = dictionary.lexicon.words
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head  # "captured Goma, Bukavu and Uvira": each conjunct stands where the first does
    head = token.head
    lemma = words_form(head, dictionary)
    if token.dep_ in ("dobj", "nsubjpass", "advmod", "npadvmod", "oprd") and head.i != token.i:
        if lemma in words("capture-verbs") or lemma in words("withdraw-verbs"):
            return "strong"
        if lemma in words("oppose-verbs"):
            return "weak"
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        prep, governor = head.lower_, words_form(head.head, dictionary)
        if prep in words("locative-prepositions") or prep in words("place-prepositions") \
                or prep == "from" and governor in words("withdraw-verbs") or prep == "of" and governor in _OF_PLACE(words) \
                or prep == "of" and head.head.lower_ == "out" and words_form(head.head.head, dictionary) in words("withdraw-verbs"):
            return "strong"  # "pulled out of X"
    if any(c.dep_ == "appos" and c.lemma_.lower() in _OF_PLACE(words) - words("place-event-nouns") for c in token.children):
        return "strong"  # "Gharyan, a strategic town near Tripoli"
    held = words("holding-participles")
    if _named_kind(token, dictionary) is not None or any(
            c.lower_ in held or "-" in c.lower_ and c.lower_.rsplit("-", 1)[-1] in held
            for c in token.children if c.dep_ in ("amod", "compound")):
        return "strong"
    return None


def _OF_PLACE(words) -> frozenset[str]:  # noqa: N802 (a word list, read like one)
    """Nouns whose "of" phrase (or, for place nouns, whose apposition) is a place: "the town of X", "the
    capture of X", "the fall of X", "the siege of X"."""
    return words("place-heads") | words("settlement-head-nouns") | words("region-head-nouns") \
        | words("control-nouns") | words("fall-nouns") | words("place-event-nouns")


def words_form(token: "Token", dictionary: ActorDictionary) -> str:
    """A token's lower-case lemma through the lexicon's form map ("retook" -> "retake")."""
    return dictionary.lexicon.pairs("relation-forms").get(token.lower_) or token.lemma_.lower()


def _named_kind(token: "Token", dictionary: ActorDictionary) -> str | None:
    """"Momauk township", "Nasir town": the kind of place the lower-case noun after a name says it is."""
    head = token.head
    if token.dep_ not in ("compound", "nmod") or head.i <= token.i or not head.is_lower:
        return None
    words = dictionary.lexicon.words
    lemma = head.lemma_.lower()
    return "Settlement" if lemma in words("settlement-head-nouns") else "Region" if lemma in words("region-head-nouns") else None


def _acts_as_person(token: "Token", dictionary: ActorDictionary) -> bool:
    """"X said", "X told reporters": the name is someone speaking."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in dictionary.lexicon.words("speaker-verbs")


def _is_word(name: str, doc: "Doc", dictionary: ActorDictionary, lower_case: frozenset[str]) -> bool:
    """A common word, not a name: a stop word, a lexicon not-name, or written lower case in the report
    (``lower_case``: the report's lower-case words, gathered once by :func:`locate`)."""
    key = normalize(name)
    return key in dictionary.lexicon.words("not-names") or doc.vocab[key].is_stop or key in lower_case


#: NER labels of no actor or place, whose spans are still looked at as names ("Bakhmut" as a PRODUCT; "Omdurman"
#: as a NORP, unless it modifies a noun as a people's adjective does: "the Chechen capital")
_OTHER_NAMES = frozenset(("PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "NORP"))
#: how a candidate name (a span the NER missed or gave a label of no actor) is marked until it is made a place
_CANDIDATE = "candidate"


def _candidates(doc: "Doc", mentions: dict[int, Mention], dictionary: ActorDictionary) -> dict[int, Mention]:
    """Mentions for names no mention covers: entities of other labels, and runs of capitalised proper
    nouns the NER missed (not at a sentence's start). Kept only if they are made places."""
    found: dict[int, Mention] = {}
    spans = [e for e in doc.ents if e.label_ in _OTHER_NAMES
             and not (e.label_ == "NORP" and e.root.dep_ in ("amod", "compound", "nmod"))]
    run: list[int] = []
    for i, starts in proper_nouns_outside_entities(doc):
        if run and i != run[-1] + 1:  # the tokens between were no such proper nouns
            spans.append(doc[run[0]:run[-1] + 1])
            run = []
        if i not in mentions and (run or not starts):
            run.append(i)
        elif run:
            spans.append(doc[run[0]:run[-1] + 1])
            run = []
    if run:
        spans.append(doc[run[0]:run[-1] + 1])
    for span in spans:
        if any(t.i in mentions for t in span):
            continue
        actor = dictionary.discover(span.text, "ORG")
        if actor is None or actor.type != "Organization":
            continue
        mention = Mention(span.start_char, span.end_char, span.text, actor, _CANDIDATE)
        for token in span:
            found[token.i] = mention
    return found


def locate(doc: "Doc", mentions: dict[int, Mention], dictionary: ActorDictionary) -> dict[int, Mention]:
    """The mentions of a report with their places located, and mistyped or missed places made places.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from graph.coref import document_mentions
    >>> d = ActorDictionary.bundled()
    >>> doc = Doc(spacy.blank("en").vocab, words="Rebels shelled Hama and Aleppo .".split(),
    ...           ents="O O B-GPE O B-GPE O".split())
    >>> mentions = document_mentions(doc, d)
    >>> [(m.actor.label, round(m.actor.location.lat)) for m in (mentions[2], mentions[4])]
    [('Hama', 35), ('Aleppo', 36)]
    """
    mentions = {**_candidates(doc, mentions, dictionary), **mentions}
    if not mentions:
        return mentions
    spans: dict[int, tuple[Mention, list[int]]] = {}  # id(mention) -> (mention, its token indexes)
    for i, m in sorted(mentions.items()):
        spans.setdefault(id(m), (m, []))[1].append(i)
    heads: dict[str, list["Token"]] = {}  # actor IRI -> the head token of each of its mentions
    for m, span in spans.values():
        root = next((doc[i] for i in span if doc[i].head.i not in span or doc[i].head.i == i), doc[span[-1]])
        heads.setdefault(m.actor.iri, []).append(root)
    lower_case = lower_case_words(doc)
    # the places the dictionary and the NER found first: their countries are evidence for the rest
    located = _replaced(mentions, _located(doc, dictionary, mentions, heads, lower_case, recognise=False))
    located = _replaced(located, _located(doc, dictionary, located, heads, lower_case, recognise=True))
    return {i: m if m.how != _CANDIDATE else dataclasses.replace(m, how="discovered")
            for i, m in located.items() if m.how != _CANDIDATE or dictionary.is_place(m.actor)}


def _located(doc: "Doc", dictionary: ActorDictionary, mentions: dict[int, Mention],
             heads: dict[str, list["Token"]], lower_case: frozenset[str], *, recognise: bool) -> dict[str, Actor]:
    """Actor IRI -> the actor located (or made a place), for the actors of the mentions that change."""
    named = {i: m for i, m in mentions.items() if m.how != _CANDIDATE}
    countries = report_countries(doc, named, dictionary)
    nearby = (countries, _neighbours(countries))
    actors = {m.actor.iri: m.actor for m in mentions.values()}
    return {iri: new for iri, actor in actors.items()
            if (new := _locate_one(doc, dictionary, actor, heads.get(iri, []), nearby, lower_case, recognise))
            is not actor}


def _replaced(mentions: dict[int, Mention], changed: dict[str, Actor]) -> dict[int, Mention]:
    """The mentions with the changed actors in place (one new mention per mention, shared by its tokens)."""
    if not changed:
        return mentions
    remade: dict[int, Mention] = {}
    for m in mentions.values():
        if m.actor.iri in changed and id(m) not in remade:
            remade[id(m)] = dataclasses.replace(m, actor=changed[m.actor.iri])
    return {i: remade.get(id(m), m) for i, m in mentions.items()}


def _locate_one(doc: "Doc", dictionary: ActorDictionary, actor: Actor, heads: list["Token"],
                nearby: tuple[list[str], list[str]], lower_case: frozenset[str], recognise: bool) -> Actor:
    """One actor of a report, located if it is a place; with ``recognise``, made a place if the report
    uses it as one."""
    if actor.location is not None:
        return actor
    if not actor.discovered:
        return dictionary_place(dictionary, actor) if dictionary.is_place(actor) else actor
    if dictionary.is_place(actor):
        if actor.type not in _KINDS:
            return _town_not_facility(dictionary, actor, nearby)
        place = gazetteer().resolve(actor.label, nearby[0], neighbours=nearby[1])
        return _placed(dictionary, actor, place) if place is not None else actor
    if not recognise or actor.type == "State" or _is_word(actor.label, doc, dictionary, lower_case) \
            or any(_acts_as_person(t, dictionary) for t in heads):
        return actor
    positions = {_place_position(t, dictionary) for t in heads}
    if not positions - {None}:
        return actor
    place = gazetteer().resolve(actor.label, nearby[0], neighbours=nearby[1], anywhere="strong" in positions)
    if place is not None:
        return _placed(dictionary, actor, place)
    kind = next((k for t in heads if (k := _named_kind(t, dictionary)) is not None), None)
    return dataclasses.replace(actor, type=kind) if kind is not None else actor  # the text says so: unlocated
