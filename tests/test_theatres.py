"""Theatres: a generic descriptor names the generic actor of the war the report is about, decided from data."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from graph.actors import ActorDictionary, normalize
from graph.config import Settings
from graph.coref import document_mentions
from graph.extract import Extractor
from graph.theatres import Theatres

ROOT = Path(__file__).resolve().parent.parent
A = "https://w3id.org/actorgraph/id/actor/"
HEAD = """@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
#: a second theatre, as the next dictionary will hold many: Peru (which no bundled file covers) with its army and rebels
PERU = HEAD + """
actor:peru a ag:State ; skos:prefLabel "Peru" .
actor:ayacucho a ag:Settlement ; skos:prefLabel "Ayacucho" ; ag:locatedIn actor:peru .
actor:peruvian-armed-forces a ag:Government ; skos:prefLabel "Peruvian Armed Forces" ; skos:altLabel "FFAA" ;
    ag:adjective "Peruvian" ; ag:descriptor "the army", "government forces" ; ag:theatre actor:peru .
actor:peruvian-rebels a ag:ArmedGroup ; skos:prefLabel "Peruvian rebels" ; ag:descriptor "rebels" ;
    ag:theatre actor:peru .
"""


def labels(extractor: Extractor, text: str) -> dict[str, str]:
    """Mention text -> the label of the actor it names."""
    mentions = document_mentions(extractor.nlp(text), extractor.dictionary)
    return {m.text: m.actor.label for m in mentions.values()}


# ---- data: ties and words, no model ---------------------------------------------------------------

def test_theatres_are_the_states_of_the_generic_actors():
    theatres = Theatres(ActorDictionary.bundled())
    assert A + "syria" in theatres.states  # one theatre among those of the other wars' files
    assert all(theatres.of(iri) == {A + "syria"} for iri in ("syrian-rebels", "assad-government", "local-factions")
               for iri in [A + iri])


@pytest.mark.parametrize("name, tied", [
    ("Syria", True), ("Aleppo", True), ("Aleppo airport", True), ("Bashar al-Assad", True), ("Syrian army", True),
    ("Turkey", False), ("Hayat Tahrir al-Sham", False), ("Recep Tayyip Erdogan", False),
], ids=["state", "city", "facility_in_a_city", "member_of_the_government", "name_of_a_generic_actor", "other_state",
        "named_group", "other_state_person"])
def test_theatres_ties_follow_places_members_and_theatres(name, tied):
    dictionary = ActorDictionary.bundled()
    assert bool(dictionary.theatres.of(dictionary.lookup(name).iri)) is tied


def test_theatres_words_are_one_word_names_and_demonyms_with_plurals():
    words = ActorDictionary.bundled().theatres.words
    assert {"syria", "syrian", "syrians", "aleppo", "assad"} <= set(words)
    assert "turkish" not in words and "rebels" not in words  # another state's demonym; a descriptor


def test_theatres_ties_survive_cycles():
    dictionary = ActorDictionary.from_turtle(HEAD + """
actor:a a ag:ArmedGroup ; skos:prefLabel "A" ; ag:memberOf actor:b .
actor:b a ag:ArmedGroup ; skos:prefLabel "B" ; ag:memberOf actor:a ; ag:theatre actor:x ; ag:descriptor "the band" .
actor:x a ag:State ; skos:prefLabel "X" .""")
    assert dictionary.theatres.of(A + "a") == {A + "x"}


def test_theatres_choose_the_best_evidenced_theatre_or_nobody():
    dictionary = ActorDictionary.bundled(PERU)
    army = dictionary.described(dictionary.descriptor_id("the army"))
    assert {"Assad government", "Peruvian Armed Forces"} <= {a.label for a in army}  # and other wars' armies
    theatres = dictionary.theatres
    assert theatres.choose(army, Counter({A + "peru": 3, A + "syria": 1})).label == "Peruvian Armed Forces"
    assert theatres.choose(army, Counter({A + "syria": 2})).label == "Assad government"
    assert theatres.choose(army, Counter()) is None


# ---- reports on the real model ---------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Rebels advanced on Tuesday, Syrian state media said.",
    "Rebels advanced toward Aleppo on Tuesday.",
    "Rebels advanced on Tuesday as Assad left the capital.",
    "Rebels advanced on Tuesday, residents of Syria said.",
], ids=["demonym", "place", "member", "name"])
def test_theatres_descriptor_names_the_generic_actor_of_an_evidenced_theatre(extractor, text):
    assert labels(extractor, text)["Rebels"] == "Syrian rebels"


@pytest.mark.slow
@pytest.mark.parametrize("text, absent", [
    ("Rebels attacked the army near El Fasher, Sudan's army said.", ["Syrian rebels", "Assad government"]),
    ("M23 rebels, backed by Rwanda, seized Goma as government forces fled.", ["Syrian rebels", "Assad government"]),
    ("Local factions clashed with the regime in Tigray.", ["local factions", "Assad government"]),
], ids=["sudan", "congo", "ethiopia"])
def test_theatres_report_on_another_war_never_gets_a_syrian_generic_actor(extractor, text, absent):
    named = set(labels(extractor, text).values())
    assert not named & set(absent), named


@pytest.mark.slow
def test_theatres_army_outside_every_theatre_is_the_army_of_the_state_named_with_one(extractor):
    found = labels(extractor, "Peru's army said the army had retaken the palace in Lima.")
    assert found["the army"] == "Peru"  # no dictionary file covers Peru's war (Sudan's has its own army now)


@pytest.mark.slow
def test_theatres_shared_descriptor_follows_the_report_second_theatre(tmp_path):
    peru = tmp_path / "peru.ttl"
    peru.write_text(PERU, encoding="utf-8")
    extractor = Extractor(Settings(actor_files=(peru,)))
    in_peru = labels(extractor, "The army shelled Ayacucho, where rebels hold the airport. Peruvian officials "
                                 "compared the war to Syria.")
    assert in_peru["The army"] == "Peruvian Armed Forces" and in_peru["rebels"] == "Peruvian rebels"
    in_syria = labels(extractor, "The army shelled Aleppo, where rebels hold the airport, Syrian officials said.")
    assert in_syria["The army"] == "Assad government" and in_syria["rebels"] == "Syrian rebels"


# ---- no war in the code ----------------------------------------------------------------------------

def _code_strings(path: Path) -> set[str]:
    """The string constants of a module's code, docstrings (with their examples) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings}


@pytest.mark.parametrize("module", ["coref.py", "actors.py", "theatres.py", "lexicon.py"])
def test_theatres_no_country_or_group_is_named_in_the_code(module):
    dictionary = ActorDictionary.bundled()
    names = {normalize(n) for a in dictionary if a.type in ("State", "Government", "ArmedGroup", "Coalition")
             for n in (a.label, *a.aliases) if len(normalize(n)) > 3}
    slugs = {a.iri.rsplit("/", 1)[-1] for a in dictionary}
    strings = _code_strings(ROOT / "graph" / module)
    named = {s for s in strings if normalize(s) in names or s in slugs or any(
        w in names for w in normalize(s).split())}
    assert named == set(), f"graph/{module} names {sorted(named)}"


@pytest.mark.slow
def test_theatres_generic_adjective_still_names_the_generic_actor_at_home(claims_of):
    claims = claims_of("Government troops shelled rebel-held districts of Idlib on Monday.")
    assert ("Syrian rebels", "controls", "Idlib") in {(c.subject.label, c.relation, c.object.label) for c in claims}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Rwanda has repeatedly denied supporting the rebels' offensive near Goma, Congolese officials said.",
    "The RSF said it had driven out the remnants of the deposed regime, the army forces commanded by "
    "Abdel Fattah al-Burhan, from Wad Madani.",
    "Congolese troops shelled rebel-held districts of Goma, officials in Kinshasa said.",
], ids=["congo_rebels_possessive", "sudan_deposed_regime", "congo_rebel_held"])
def test_theatres_claims_of_another_war_name_no_syrian_generic_actor(claims_of, text):
    """Through descriptors, their possessives and a generic actor's adjective ("rebel-held")."""
    generic = {A + "syrian-rebels", A + "assad-government", A + "local-factions"}
    named = {iri for c in claims_of(text) for iri in (c.subject.iri, c.object.iri)}
    assert not named & generic, named
