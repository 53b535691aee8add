"""Georgia's wars over South Ossetia and Abkhazia (ontology/actors/georgia.ttl) and Turkey's war with the PKK
(turkey-pkk.ttl) in the actor dictionary: names resolve to their actors, the breakaway regions are places while
their forces and authorities are actors, offices head their bodies on their days, and sentences written for this
test give the claims an analyst expects through the real pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

A = "https://w3id.org/actorgraph/id/actor/"

#: (name as a report writes it, the slug of the actor it names)
NAMES = [
    ("Georgian troops", "georgia"), ("Georgian Defence Ministry", "georgia"), ("South Ossetian militias", "south-ossetian-forces"),
    ("Ossetian separatists", "south-ossetian-forces"), ("South Ossetian leadership", "south-ossetian-authorities"),
    ("Abkhazian forces", "abkhaz-forces"), ("Abkhaz government", "abkhaz-authorities"),
    ("Mikheil Saakashvili", "mikheil-saakashvili"), ("Kokoity", "eduard-kokoity"), ("Sergei Bagapsh", "sergei-bagapsh"),
    ("South Ossetia", "south-ossetia"), ("Abkhazia", "abkhazia"), ("Tskhinvali", "tskhinvali"),
    ("Kodori Gorge", "kodori-gorge"), ("Roki tunnel", "roki-tunnel"),
    ("Turkish gendarmes", "turkey"), ("Jandarma", "turkey"), ("PKK guerrillas", "pkk"), ("Hezen Parastina Gel", "pkk"),
    ("Kurdistan Freedom Falcons", "tak"), ("TAK", "tak"), ("KCK", "kck"), ("Cemil Bayık", "cemil-bayik"),
    ("Sur district", "sur-district"),
]


@pytest.mark.parametrize("name, slug", NAMES, ids=[n for n, _ in NAMES])
def test_dictionary_georgia_name_resolves_to_its_actor(dictionary, name, slug):
    actor = dictionary.lookup(name)
    assert actor is not None and actor.iri == A + slug, (name, actor)


@pytest.mark.parametrize("descriptor, slug", [("the separatists", "south-ossetian-forces"), ("government forces", "georgia")],
                         ids=["separatists", "government-forces"])
def test_dictionary_georgia_descriptor_names_its_theatre_s_actor(dictionary, descriptor, slug):
    candidates = dictionary.described(dictionary.descriptor_id(descriptor))
    assert A + slug in [a.iri for a in candidates]
    assert A + "georgia" in dictionary.theatre[A + slug]


@pytest.mark.parametrize("person, day, body", [
    ("Mikheil Saakashvili", "2008-08-08", "georgia"), ("Eduard Kokoity", "2008-08-08", "south-ossetian-authorities"),
    ("Sergei Bagapsh", "2008-08-12", "abkhaz-authorities"),
], ids=["saakashvili", "kokoity", "bagapsh"])
def test_dictionary_georgia_office_heads_its_body_on_the_day(dictionary, person, day, body):
    actor = dictionary.office_heading(dictionary.lookup(person).iri, "president", dt.date.fromisoformat(day))
    assert actor is not None and actor.iri == A + body, actor


def test_dictionary_georgia_saakashvili_s_presidency_paused_before_the_2008_election(dictionary):
    """He resigned in November 2007 to stand again and was sworn in on 20 January 2008."""
    assert dictionary.office_heading(A + "mikheil-saakashvili", "president", dt.date(2007, 12, 15)) is None


SENTENCES = [
    ("Georgian troops attacked South Ossetian forces in Tskhinvali on Friday.",
     {("Georgia", "opposes", "South Ossetian forces")}),
    ("Russian forces drove Georgian troops out of Tskhinvali.",
     {("Russia", "controls", "Tskhinvali"), ("Georgia", "withdrewFrom", "Tskhinvali")}),
    ("Abkhaz forces captured the Kodori gorge from Georgian troops.",
     {("Abkhaz forces", "controls", "Kodori gorge"), ("Georgia", "withdrewFrom", "Kodori gorge")}),
    ("Turkish gendarmes clashed with PKK guerrillas in Hakkari province.",
     {("Turkey", "opposes", "Kurdistan Workers' Party")}),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", SENTENCES, ids=["ossetia", "tskhinvali", "kodori", "pkk"])
def test_dictionary_georgia_sentence_gives_the_expected_claims(claims_of, text, expected):
    claims = claims_of(text, published=dt.date(2008, 8, 10))
    found = {(c.subject.label, c.relation, c.object.label) for c in claims if c.status == "asserted"}
    assert expected <= found, found
