"""The wars of the former Yugoslavia in the actor dictionary: Croatia 1991-1995 (ontology/actors/croatia.ttl) and
what it adds to Bosnia 1992-1995 and Kosovo 1998-1999 (bosnia.ttl, kosovo.ttl; tests/test_dictionary_historic.py
tests their first actors). Names resolve to their actors ("Bosnian Serb positions" to the Bosnian Serb army, not
to Bosnia), "Serb forces" names a different side in each war's reports, offices head their bodies on their days,
and sentences written for this test give the claims an analyst expects through the real pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

A = "https://w3id.org/actorgraph/id/actor/"

#: (name as a report writes it, the slug of the actor it names)
NAMES = [
    ("Krajina Serbs", "army-of-serbian-krajina"), ("Croatian Serb forces", "army-of-serbian-krajina"),
    ("RSK", "republic-of-serbian-krajina"), ("Republic of Serbian Krajina", "republic-of-serbian-krajina"),
    ("JNA", "yugoslav-peoples-army"), ("Yugoslav People's Army", "yugoslav-peoples-army"),
    ("Arkan's Tigers", "serb-volunteer-guard"), ("Croatian army", "croatia"), ("Operation Storm", "croatia"),
    ("Milan Martić", "milan-martic"), ("Arkan", "zeljko-raznatovic"), ("Ante Gotovina", "ante-gotovina"),
    ("Krajina", "krajina"), ("eastern Slavonia", "eastern-slavonia"),
    ("Bosnian Serb positions", "army-of-republika-srpska"), ("Bosnian Croat troops", "croatian-defence-council"),
    ("Herzeg-Bosnia", "herzeg-bosnia"), ("Implementation Force", "ifor"), ("SFOR", "sfor"), ("Hague tribunal", "icty"),
    ("Biljana Plavšić", "biljana-plavsic"), ("Naser Orić", "naser-oric"), ("Mate Boban", "mate-boban"),
    ("Sarajevo airport", "sarajevo-airport"), ("Tuzla air base", "tuzla-air-base"), ("Mount Igman", "mount-igman"),
    ("UNMIK", "unmik"), ("LDK", "democratic-league-of-kosovo"), ("Ramush Haradinaj", "ramush-haradinaj"),
    ("Vojislav Koštunica", "vojislav-kostunica"), ("Camp Bondsteel", "camp-bondsteel"), ("Djakovica", "gjakova"),
    ("Drenica", "drenica"), ("Žepa", "zepa"), ("Račak", "racak"),
]


@pytest.mark.parametrize("name, slug", NAMES, ids=[n for n, _ in NAMES])
def test_dictionary_balkans_name_resolves_to_its_actor(dictionary, name, slug):
    actor = dictionary.lookup(name)
    assert actor is not None and actor.iri == A + slug, (name, actor)


@pytest.mark.parametrize("name", ["Serb forces", "the rebels", "federal army", "rebel Serbs", "UN troops"])
def test_dictionary_balkans_descriptors_are_no_names(dictionary, name):
    """Each of these names a side only in a report about its war: it is no actor's name in every report."""
    actor = dictionary.lookup(name)
    assert actor is None or dictionary.is_generic(actor.iri), (name, actor)


@pytest.mark.parametrize("descriptor, theatre, slug", [
    ("Serb forces", "bosnia-and-herzegovina", "army-of-republika-srpska"),
    ("Serb forces", "croatia", "army-of-serbian-krajina"),
    ("Serb forces", "kosovo", "serbia"),
    ("the rebels", "croatia", "army-of-serbian-krajina"), ("the rebel Serbs", "croatia", "army-of-serbian-krajina"),
    ("the federal army", "croatia", "yugoslav-peoples-army"), ("government forces", "croatia", "croatia"),
    ("UN peacekeepers", "croatia", "unprofor"),
], ids=lambda v: v.replace(" ", "-"))
def test_dictionary_balkans_descriptor_names_its_theatre_s_actor(dictionary, descriptor, theatre, slug):
    candidates = dictionary.described(dictionary.descriptor_id(descriptor))
    assert A + slug in [a.iri for a in candidates]
    assert A + theatre in dictionary.theatre[A + slug]


@pytest.mark.parametrize("person, title, day, body", [
    ("Milan Martic", "president", "1995-05-01", "republic-of-serbian-krajina"),
    ("Arkan", "leader", "1991-11-01", "serb-volunteer-guard"),
    ("Biljana Plavsic", "president", "1997-01-01", "republika-srpska"),
    ("Mate Boban", "president", "1993-05-01", "herzeg-bosnia"),
    ("Vojislav Kostunica", "president", "2001-06-01", "serbia"),
    ("Ramush Haradinaj", "prime minister", "2018-01-01", "kosovo"),
    ("Bernard Kouchner", "head", "2000-01-01", "unmik"),
], ids=lambda v: v.replace(" ", "-") if isinstance(v, str) else v)
def test_dictionary_balkans_office_heads_its_body_on_the_day(dictionary, person, title, day, body):
    actor = dictionary.office_heading(dictionary.lookup(person).iri, title, dt.date.fromisoformat(day))
    assert actor is not None and actor.iri == A + body, actor


def test_dictionary_balkans_offices_end_when_their_holder_left(dictionary):
    """Plavsic resigned in November 1998; Kostunica left the federal presidency in March 2003."""
    assert dictionary.office_heading(A + "biljana-plavsic", "president", dt.date(1999, 1, 1)) is None
    assert dictionary.office_heading(A + "vojislav-kostunica", "president", dt.date(2003, 6, 1)) is None


SENTENCES = [
    ("bosnia", "Bosnian Serb troops overran the UN safe area of Zepa after a week of shelling.",
     {("Army of Republika Srpska", "controls", "Zepa")}),
    ("bosnia", "NATO warplanes bombed Bosnian Serb positions around Sarajevo on Wednesday.",
     {("NATO", "opposes", "Army of Republika Srpska")}),
    ("bosnia", "Serb forces attacked Bosnian government troops near Gorazde. The Bosnian Serbs said they had been fired on first.",
     {("Army of Republika Srpska", "opposes", "Bosnia and Herzegovina")}),
    ("croatia", "The Croatian army recaptured Knin from the Krajina Serbs.",
     {("Croatia", "controls", "Knin"), ("Army of the Republic of Serbian Krajina", "withdrewFrom", "Knin")}),
    ("croatia", "Croatian troops attacked the rebel Serbs near Knin. The rebels had held the town since 1991.",
     {("Croatia", "opposes", "Army of the Republic of Serbian Krajina")}),
    ("croatia", "The Yugoslav People's Army shelled Croatian National Guard positions around Vukovar.",
     {("Yugoslav People's Army", "opposes", "Croatia")}),
    ("kosovo", "Russian paratroopers seized Pristina airport before NATO troops arrived.",
     {("Russia", "controls", "Pristina airport")}),
    ("kosovo", "Fighters of the Kosovo Liberation Army ambushed Yugoslav army units near Djakovica.",
     {("Kosovo Liberation Army", "opposes", "Serbia")}),
    ("kosovo", "The guerrillas attacked a Serbian police station in the Drenica region. The KLA said the rebels had lost two men.",
     {("Kosovo Liberation Army", "opposes", "Serbia")}),
]


@pytest.mark.slow
@pytest.mark.parametrize("war, text, expected", [pytest.param(*case, id=f"{case[0]}-{n}") for n, case in enumerate(SENTENCES)])
def test_dictionary_balkans_sentence_gives_the_expected_claims(claims_of, war, text, expected):
    published = {"kosovo": dt.date(1999, 6, 15), "croatia": dt.date(1995, 8, 6)}.get(war, dt.date(1995, 7, 15))
    claims = claims_of(text, published=published)
    found = {(c.subject.label, c.relation, c.object.label) for c in claims if c.status == "asserted"}
    assert expected <= found, found


@pytest.mark.slow
def test_dictionary_balkans_serb_forces_of_a_croatia_report_are_the_krajina_army(claims_of):
    """Before croatia.ttl, "Serb forces" in a report about Knin had no actor (or Bosnia's Serbs, the only war that had them)."""
    claims = claims_of("Croatian troops entered Knin on Saturday. Serb forces attacked Croatian police near Vukovar.",
                       published=dt.date(1995, 8, 6))
    sides = {c.subject.label for c in claims if c.relation == "opposes"}
    assert sides == {"Army of the Republic of Serbian Krajina"}, sides
