"""The East and North Africa theatres of the actor dictionary (ontology/actors/sudan.ttl, south-sudan.ttl,
ethiopia.ttl, somalia.ttl, libya.ttl, dr-congo.ttl, mozambique.ttl): names resolve to the actors the
evaluation's alias table means, and sentences written for these tests give the right claims through the
real pipeline (the slow ones)."""
from __future__ import annotations

import pytest

A = "https://w3id.org/actorgraph/id/actor/"

#: (theatre, name as a report writes it, the actor's slug)
LOOKUPS = [
    # Sudan: the army is its own actor, not the state
    ("sudan", "the Sudanese army", "sudanese-armed-forces"),
    ("sudan", "Sudan's military", "sudanese-armed-forces"),
    ("sudan", "SAF", "sudanese-armed-forces"),
    ("sudan", "Sudan's paramilitary Rapid Support Forces", "rapid-support-forces"),
    ("sudan", "RSF fighters", "rapid-support-forces"),
    ("sudan", "Hemedti", "mohamed-hamdan-dagalo"),
    ("sudan", "Mohamed Hamdan Daglo", "mohamed-hamdan-dagalo"),
    ("sudan", "General Abdel Fattah al-Burhan", "abdel-fattah-al-burhan"),
    ("sudan", "Abdelrahim Dagalo", "abdel-rahim-dagalo"),
    ("sudan", "Sudan People's Liberation Movement-North", "splm-n"),
    ("sudan", "SLA-Minni Minawi", "slm-minni-minawi"),
    ("sudan", "Justice and Equality Movement", "justice-and-equality-movement"),
    ("sudan", "Zamzam displacement camp", "zamzam-camp"),
    ("sudan", "1st Infantry Division's headquarters", "1st-infantry-division-headquarters"),
    ("sudan", "Darfur region", "darfur"),
    # South Sudan: the SSPDF and the government are the state
    ("south-sudan", "SSPDF", "south-sudan"),
    ("south-sudan", "South Sudan People's Defence Forces", "south-sudan"),
    ("south-sudan", "the SPLA", "south-sudan"),
    ("south-sudan", "SPLA-IO", "splm-io"),
    ("south-sudan", "forces loyal to Riek Machar", "splm-io"),
    ("south-sudan", "Nuer White Army", "white-army"),
    ("south-sudan", "NAS", "national-salvation-front"),
    ("south-sudan", "President Salva Kiir", "salva-kiir"),
    ("south-sudan", "Machar", "riek-machar"),
    ("south-sudan", "military barracks in Wei-Yar-Adiu", "wei-yar-adiu-barracks"),
    # Ethiopia and Eritrea: the ENDF is the state; Tigrayan forces are the TPLF
    ("ethiopia", "ENDF", "ethiopia"),
    ("ethiopia", "Ethiopian National Defence Force", "ethiopia"),
    ("ethiopia", "Ethiopian federal troops", "ethiopia"),
    ("ethiopia", "Tigrayan forces", "tplf"),
    ("ethiopia", "Tigray Defence Forces", "tplf"),
    ("ethiopia", "Fano militiamen", "fano"),
    ("ethiopia", "Amhara special forces", "amhara-regional-forces"),
    ("ethiopia", "OLA", "oromo-liberation-army"),
    ("ethiopia", "Eritrean Defence Forces", "eritrea"),
    ("ethiopia", "Prime Minister Abiy Ahmed", "abiy-ahmed"),
    ("ethiopia", "Isaias Afewerki", "isaias-afwerki"),
    ("ethiopia", "Debretsion Gebremichael", "debretsion-gebremichael"),
    ("ethiopia", "Tigray region", "tigray"),
    # Somalia: the Somali government and its army are one actor of their own
    ("somalia", "Somali National Army", "somali-government"),
    ("somalia", "Somali troops", "somali-government"),
    ("somalia", "Federal Government of Somalia", "somali-government"),
    ("somalia", "al-Shabab militants", "al-shabaab"),
    ("somalia", "Harakat al-Shabaab al-Mujahideen", "al-shabaab"),
    ("somalia", "ISIS-Somalia", "isis-somalia"),
    ("somalia", "Macawisley militias", "maawisley"),
    ("somalia", "Puntland security forces", "puntland-government"),
    ("somalia", "Kenya Defence Forces", "kenya"),
    ("somalia", "Godane", "ahmed-abdi-godane"),
    ("somalia", "President Hassan Sheikh Mohamud", "hassan-sheikh-mohamud"),
    ("somalia", "Farmaajo", "mohamed-abdullahi-farmaajo"),
    ("somalia", "Ceel Saliini", "el-saliindi"),
    ("somalia", "Lower Shabelle region", "lower-shabelle"),
    # Libya: the Tripoli governments, Haftar's army, the 2011 sides
    ("libya", "UN-backed Government of National Accord", "government-of-national-accord"),
    ("libya", "pro-GNA forces", "government-of-national-accord"),
    ("libya", "Government of National Unity", "government-of-national-unity"),
    ("libya", "Libyan Arab Armed Forces", "libyan-national-army"),
    ("libya", "Haftar's forces", "libyan-national-army"),
    ("libya", "rogue General Khalifa Haftar", "khalifa-haftar"),
    ("libya", "Hifter", "khalifa-haftar"),
    ("libya", "Fayez al-Serraj", "fayez-al-sarraj"),
    ("libya", "Dbeibah", "abdul-hamid-dbeibah"),
    ("libya", "Qaddafi", "muammar-gaddafi"),
    ("libya", "pro-Gaddafi forces", "gaddafi-government"),
    ("libya", "anti-Gaddafi rebels", "libyan-rebels"),
    ("libya", "Misratan militias", "misrata-brigades"),
    ("libya", "Mohamed Gnounou", "mohammed-gnono"),
    ("libya", "Watiya air base", "al-watiya-air-base"),
    # DR Congo: the Congolese army is its own actor; Rwanda's and Uganda's forces are their states
    ("dr-congo", "FARDC", "congolese-army"),
    ("dr-congo", "Congolese soldiers", "congolese-army"),
    ("dr-congo", "Congolese government", "congolese-army"),
    ("dr-congo", "AFC/M23", "m23"),
    ("dr-congo", "Rwanda-backed M23 rebels", "m23"),
    ("dr-congo", "Alliance Fleuve Congo", "alliance-fleuve-congo"),
    ("dr-congo", "ADF terrorists", "adf"),
    ("dr-congo", "CODECO militia", "codeco"),
    ("dr-congo", "Wazalendo fighters", "wazalendo"),
    ("dr-congo", "FDLR", "fdlr"),
    ("dr-congo", "Rwanda Defence Force", "rwanda"),
    ("dr-congo", "UPDF", "uganda"),
    ("dr-congo", "Sultani Makenga", "sultani-makenga"),
    ("dr-congo", "Corneille Nangaa", "corneille-nangaa"),
    ("dr-congo", "President Felix Tshisekedi", "felix-tshisekedi"),
    ("dr-congo", "General Sylvain Ekenge", "sylvain-ekenge"),
    ("dr-congo", "South Kivu province", "south-kivu"),
    # Mozambique: the FADM is the state; the insurgents are one actor
    ("mozambique", "FADM", "mozambique"),
    ("mozambique", "Mozambican security forces", "mozambique"),
    ("mozambique", "Ahlu Sunnah Wal Jamaa", "cabo-delgado-insurgents"),
    ("mozambique", "Islamic State Mozambique Province", "cabo-delgado-insurgents"),
    ("mozambique", "Ansar al-Sunna", "cabo-delgado-insurgents"),
    ("mozambique", "Dyck Advisory Group", "dyck-advisory-group"),
    ("mozambique", "Renamo", "renamo"),
    ("mozambique", "President Filipe Nyusi", "filipe-nyusi"),
    ("mozambique", "colonel Ronald Rwivanga", "ronald-rwivanga"),
    ("mozambique", "Awasse", "awasse"),
]


@pytest.mark.parametrize(("theatre", "name", "slug"), LOOKUPS, ids=[f"{t}-{n}" for t, n, _ in LOOKUPS])
def test_dictionary_eafrica_name_resolves_to_its_actor(dictionary, theatre, name, slug):
    actor = dictionary.lookup(name)
    assert actor is not None and actor.iri == A + slug, (name, actor)


#: names that must NOT resolve to these theatres' actors: a common surname, a bare people's name, another war's army
NOT_MINE = ["Hussein", "Nur", "Amhara", "Congolese", "Northern Command", "Ali", "Musa", "Gabriel", "National Army",
            "Abu Ubaida", "Islam", "Abdi", "ISS", "HSM", "Salaheddin", "Issa", "Kingston", "Ngoma", "ISM", "Ibo"]


@pytest.mark.parametrize("name", NOT_MINE)
def test_dictionary_eafrica_ambiguous_words_are_no_name_of_these_theatres(dictionary, name):
    actor = dictionary.lookup(name)
    theatres = dictionary.theatres
    mine = {A + s for s in ("sudan", "south-sudan", "ethiopia", "eritrea", "somalia", "libya", "dr-congo", "mozambique")}
    assert actor is None or not (theatres.of(actor.iri) & mine), (name, actor)


#: (theatre, sentence written for this test, edges that must be among its asserted edges by slug)
SENTENCES = [
    ("sudan", "Sudan's army said it had repelled an attack by the Rapid Support Forces on El Obeid.",
     {("sudanese-armed-forces", "opposes", "rapid-support-forces"),
      ("rapid-support-forces", "opposes", "sudanese-armed-forces")}),
    ("sudan", "The Sudanese army retook the Republican Palace in Khartoum from the RSF on Friday, a military spokesman said.",
     {("sudanese-armed-forces", "controls", "republican-palace-khartoum"),
      ("rapid-support-forces", "withdrewFrom", "republican-palace-khartoum")}),
    ("sudan", "In North Darfur, the paramilitaries captured Zamzam camp after days of shelling, and the army pulled out of Um Kadada.",
     {("rapid-support-forces", "controls", "zamzam-camp"), ("sudanese-armed-forces", "withdrewFrom", "um-kadada")}),
    ("sudan", "Fighters of the Joint Forces, allied with the army, clashed with the RSF near El Fasher in Sudan.",
     {("darfur-joint-forces", "alliedWith", "sudanese-armed-forces"),
      ("darfur-joint-forces", "opposes", "rapid-support-forces")}),
    ("south-sudan", "The White Army seized Ulang after government troops withdrew from the town, a South Sudanese official said.",
     {("white-army", "controls", "ulang"), ("south-sudan", "withdrewFrom", "ulang")}),
    ("south-sudan", "President Salva Kiir sacked the army chief as fighting between the SSPDF and forces loyal to Machar spread in Upper Nile.",
     {("south-sudan", "opposes", "splm-io"), ("splm-io", "opposes", "south-sudan")}),
    ("ethiopia", "Tigrayan forces recaptured Shire after Eritrean troops withdrew from the town.",
     {("tplf", "controls", "shire"), ("eritrea", "withdrewFrom", "shire")}),
    ("ethiopia", "The Oromo Liberation Army attacked government forces in Wollega, Ethiopian officials said.",
     {("oromo-liberation-army", "opposes", "ethiopia")}),
    ("ethiopia", "Fano fighters seized Debre Tabor from the Ethiopian army on Sunday.",
     {("fano", "opposes", "ethiopia")}),
    ("somalia", "Somali forces backed by Ma'awisley clan militias recaptured Adan Yabaal from al-Shabab.",
     {("maawisley", "backs", "somali-government"), ("somali-government", "controls", "adan-yabaal"),
      ("al-shabaab", "withdrewFrom", "adan-yabaal")}),
    ("somalia", "President Hassan Sheikh Mohamud said government forces had retaken Harardhere from the militants.",
     {("somali-government", "controls", "harardhere"), ("al-shabaab", "withdrewFrom", "harardhere")}),
    ("somalia", "Kenyan troops withdrew from El Adde after the attack, and al-Shabaab seized the base.",
     {("kenya", "withdrewFrom", "el-adde-base")}),
    ("libya", "Forces loyal to the GNA captured al-Watiya air base from Haftar's forces on Monday.",
     {("government-of-national-accord", "controls", "al-watiya-air-base"),
      ("libyan-national-army", "withdrewFrom", "al-watiya-air-base"),
      ("government-of-national-accord", "opposes", "libyan-national-army")}),
    ("libya", "Haftar's Libyan National Army, backed by Russian mercenaries of the Wagner Group, attacked Tripoli.",
     {("wagner-group", "backs", "libyan-national-army")}),
    ("libya", "Rebels seized Brega from Gaddafi forces after heavy fighting in eastern Libya.",
     {("libyan-rebels", "controls", "brega"), ("gaddafi-government", "withdrewFrom", "brega")}),
    ("dr-congo", "M23 rebels seized Rubaya from the Congolese army after days of fighting in North Kivu.",
     {("m23", "controls", "rubaya"), ("congolese-army", "withdrewFrom", "rubaya"), ("m23", "opposes", "congolese-army")}),
    ("dr-congo", "Rwandan troops backed the M23 as it advanced on Goma, UN experts said.",
     {("rwanda", "backs", "m23")}),
    ("dr-congo", "Wazalendo fighters allied with the FARDC clashed with the rebels near Masisi.",
     {("wazalendo", "alliedWith", "congolese-army")}),
    ("mozambique", "Islamic State Mozambique fighters seized Quissanga after government forces withdrew, residents of Cabo Delgado said.",
     {("cabo-delgado-insurgents", "controls", "quissanga"), ("mozambique", "withdrewFrom", "quissanga")}),
    ("mozambique", "Rwanda sent troops to back Mozambique against the Cabo Delgado insurgents.",
     {("rwanda", "backs", "mozambique")}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("theatre", "text", "edges"), SENTENCES, ids=[f"{t}-{i}" for i, (t, _, _) in enumerate(SENTENCES)])
def test_dictionary_eafrica_sentence_gives_the_claims(edges_of, theatre, text, edges):
    found = {(s[len(A):], r, o[len(A):]) for s, r, o in edges_of(text)}
    assert edges <= found, found
    assert not any(s in ("sudan", "somalia", "dr-congo") for s, _, _ in found), f"the army is not the state: {found}"
