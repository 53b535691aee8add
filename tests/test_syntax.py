"""General syntax of the rules (graph/rules/syntax.py, graph/rules/events.py): the constructions other
wars use, on sentences written for these tests. Each case lists edges that must be found and edges that
must not (precision: a wrong reading must not slip in beside the right one)."""
from __future__ import annotations

import pytest

E = tuple[str, str, str]

CASES: list[tuple[str, str, list[E], list[E]]] = [
    # participial backing, also fronted or trailing the clause
    ("fronted_backed", "Backed by Turkish drones, SNA fighters stormed Tell Rifaat.",
     [("Turkey", "backs", "SNA")], []),
    ("fronted_coordinated", "Funded and armed by Washington, the SDF held the oil fields near Deir ez-Zor.",
     [("United States", "backs", "SDF")], []),
    ("trailing_backed", "Government troops entered Hama, supported by Russian jets.",
     [("Russia", "backs", "Assad government")], []),
    ("fronted_attack", "Struck by Israeli missiles, Hezbollah fighters left Qusayr.",
     [("Israel", "opposes", "Hezbollah"), ("Hezbollah", "withdrewFrom", "Qusayr")], [("Israel", "withdrewFrom", "Qusayr")]),
    ("also_called", "Backed by Tehran, the Iraqi militias also called the PMF, Syrian troops crossed into Abu Kamal.",
     [], [("Iran", "backs", "Assad government")]),
    ("backer_is_not_owner", "The UN-backed administration in Idlib sent fighters against HTS.",
     [], [("United Nations", "opposes", "HTS")]),
    ("state_commander_is_a_member", "The Russian commander General Sergei Surovikin ordered the withdrawal from Kherson.",
     [("Sergei Surovikin", "memberOf", "Russia")], [("Sergei Surovikin", "leads", "Russia")]),
    ("group_commander_leads", "The SDF commander Mazloum Abdi said the troops held Raqqa.",
     [("Mazloum Abdi", "leads", "SDF")], []),
    ("backer_is_not_the_target", "The United States struck targets in Yemen, its first attack on the Iran-backed group.",
     [], [("United States", "opposes", "Iran")]),
    # capture verbs of other wars
    ("won_back", "Government forces won back Palmyra in March.", [("Assad government", "controls", "Palmyra")], []),
    ("won_back_not_place", "The rebels won back the support of Idlib's tribes.", [], [("Syrian rebels", "controls", "Idlib")]),
    ("liberated", "Kurdish fighters liberated Manbij from ISIS last week.", [("ISIS", "withdrewFrom", "Manbij")], []),
    # nominalisations
    ("possessive_capture", "Manbij's capture by the SNA drew a Kurdish response.",
     [("SNA", "controls", "Manbij")], []),
    ("possessive_not_agent", "Manbij's residents fled the SNA.", [], [("SNA", "controls", "Manbij")]),
    ("invasion_of", "Israel's invasion of Lebanon began in October.", [("Israel", "opposes", "Lebanon")], []),
    ("invasion_of_place", "Turkey's invasion of Afrin began in January.", [], [("Turkey", "opposes", "Afrin")]),
    ("commitment_to", "Tehran repeated its commitment to funding Hezbollah.", [("Iran", "backs", "Hezbollah")], []),
    # copular alliances
    ("are_allies", "Ankara and Washington are NATO allies.", [("Turkey", "alliedWith", "United States")], []),
    ("allies_of_third", "Ankara and Washington are allies of the SDF.", [("Turkey", "alliedWith", "SDF")],
     [("Turkey", "alliedWith", "United States")]),
    ("long_allied", "Tehran and Hezbollah have been allied for decades.", [("Iran", "alliedWith", "Hezbollah")], []),
    # membership lists
    ("made_up_of", "Myanmar's Three Brotherhood Alliance is made up of the TNLA, the MNDAA and the Arakan Army.",
     [("TNLA", "memberOf", "Three Brotherhood Alliance"), ("Arakan Army", "memberOf", "Three Brotherhood Alliance")], []),
    ("coalition_of_names", "HTS led the Military Operations Command, an alliance of HTS and Ahrar al-Sham.",
     [("Ahrar al-Sham", "memberOf", "Syrian rebels")], []),
    ("coalition_of_generics", "The SNA, an alliance of Turkish-backed factions, shelled Manbij.", [],
     [("Syrian rebels", "memberOf", "SNA")]),
    ("formed_by_three", "The Arakan Army, the TNLA and the MNDAA formed the Three Brotherhood Alliance.",
     [("Arakan Army", "memberOf", "Three Brotherhood Alliance")], [("Arakan Army", "memberOf", "TNLA")]),
    # fighting both ways, and one side fighting with a companion
    ("fought_each_other", "SNA units and Kurdish fighters fought in Manbij's outskirts.",
     [("SNA", "opposes", "Kurdish forces"), ("Kurdish forces", "opposes", "SNA")], []),
    ("fought_alongside", "Hezbollah and the Syrian army fought alongside Russian troops near Palmyra.", [],
     [("Hezbollah", "opposes", "Assad government"), ("Hezbollah", "opposes", "Russia")]),
    ("locked_in_clashes", "Sudanese troops had been locked in clashes with RSF fighters.",
     [("SAF", "opposes", "RSF"), ("RSF", "opposes", "SAF")], []),
    ("clashes_after_capture", "Saraqib had been brought under control after clashes with HTS.", [],
     [("Saraqib", "opposes", "HTS")]),
    ("under_fire_from", "Nigerian troops came under fire from Boko Haram militants.", [("Boko Haram", "opposes", "Nigeria")], []),
    ("under_pressure", "Nigerian troops came under pressure from Boko Haram militants.", [], [("Boko Haram", "opposes", "Nigeria")]),
    ("at_war_with", "The Houthis and Saudi Arabia were at war.", [], [("Houthis", "opposes", "Houthis")]),
    ("defeated", "Nigerian troops defeated Boko Haram fighters near Maiduguri.", [("Nigeria", "opposes", "Boko Haram")], []),
    ("backer_after_conjunct", "Israel warned the United States and Iran, Hezbollah's main backer.",
     [("Iran", "backs", "Hezbollah")], [("United States", "backs", "Hezbollah")]),
    ("declared_control", "The SNA declared control over Manbij on Sunday.", [("SNA", "controls", "Manbij")], []),
    ("exerted_control", "HTS exercised control over Idlib for years.", [("HTS", "controls", "Idlib")], []),
    ("whole_of", "The SDF held the whole of Raqqa by October.", [("SDF", "controls", "Raqqa")], []),
    ("pulled_back_from", "Russian troops pulled back from Kobani after the deal.", [("Russia", "withdrewFrom", "Kobani")],
     [("Russia", "controls", "Kobani")]),
    ("faction_named_before", "The Katiba Macina (KM) faction of JNIM raided the camp.",
     [("Katiba Macina", "memberOf", "JNIM")], []),
    ("areas_controlled_by", "Israeli drones struck depots controlled by Hezbollah.", [("Israel", "opposes", "Hezbollah")], []),
    ("coalition_allied_with", "Fighters of the SNA, an alliance of rebel factions allied with Ankara, entered Afrin.",
     [("SNA", "alliedWith", "Turkey")], [("Syrian rebels", "alliedWith", "Turkey")]),
    ("attacks_on_by", "Attacks on Peshmerga outposts by ISIS cells rose in May.", [("ISIS", "opposes", "Peshmerga")], []),
    ("lost_control_to", "The SDF lost control of Manbij to the SNA.",
     [("SNA", "controls", "Manbij"), ("SDF", "withdrewFrom", "Manbij")], [("SDF", "controls", "Manbij")]),
    # X-held parts of Y: no claim on Y
    ("held_parts_of", "Mortars hit SNA-held parts of Afrin.", [], [("SNA", "controls", "Afrin")]),
    ("held_eastern", "Jets bombed rebel-held eastern Aleppo.", [], [("Syrian rebels", "controls", "Aleppo")]),
    ("held_town_of", "Jets bombed the rebel-held town of Saraqib.", [("Syrian rebels", "controls", "Saraqib")], []),
    # a speaker listed after the place is no side of the capture
    ("speaker_after_comma", "The SDF wrested Tabqa from ISIS, SDF commander Mazloum Abdi said.",
     [("ISIS", "withdrewFrom", "Tabqa")], [("Mazloum Abdi", "withdrewFrom", "Tabqa"), ("SDF", "withdrewFrom", "Tabqa"),
                                          ("SDF", "opposes", "Mazloum Abdi")]),
    ("loser_of_part", "The SNA took the outskirts of Manbij from the SDF.", [("SDF", "withdrewFrom", "Manbij")], []),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected,forbidden", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_syntax_construction(edges_of, iri, text, expected, forbidden):
    found = edges_of(text)
    for s, rel, o in expected:
        assert (iri(s), rel, iri(o)) in found, f"missing {s} {rel} {o}; found {sorted(found)}"
    for s, rel, o in forbidden:
        assert (iri(s), rel, iri(o)) not in found, f"should not find {s} {rel} {o}"


#: coordination and shared arguments; a place the dictionary does not hold (the gazetteer's) is named by its label
COORDINATION: list[tuple[str, str, list[E], list[E]]] = [
    # coordinated modifiers of one force noun: an actor each ("allied" names nobody)
    ("two_demonyms", "Ugandan and Congolese soldiers attacked the ADF near Beni.",
     [("Uganda", "opposes", "ADF"), ("Congolese army", "opposes", "ADF")], []),
    ("name_and_demonym", "US and Iraqi troops recaptured Ramadi.",
     [("United States", "controls", "Ramadi"), ("Iraq", "controls", "Ramadi")], []),
    ("demonym_and_group", "The Malian and Wagner forces retook Tessalit in October.",
     [("Malian junta", "controls", "Tessalit"), ("Wagner Group", "controls", "Tessalit")], []),
    ("allied_is_nobody", "Malian and allied troops retook Tessalit in October.",
     [("Malian junta", "controls", "Tessalit")], [("Wagner Group", "controls", "Tessalit")]),
    ("participle_is_no_owner", "Fighting between the SDF and Turkish-backed groups went on near Kobani.",
     [("Turkey", "backs", "SNA")], [("Turkey", "backs", "SDF")]),
    # coordinated agents of passives and nominals
    ("passive_two_agents", "Mekelle had been taken by Ethiopian and Eritrean forces.",
     [("Ethiopia", "controls", "Mekelle"), ("Eritrea", "controls", "Mekelle")], []),
    ("offensive_by_two_against", "An offensive by Ugandan and Congolese troops against the ADF began in Beni.",
     [("Uganda", "opposes", "ADF"), ("Congolese army", "opposes", "ADF")], [("ADF", "opposes", "Uganda")]),
    ("capture_by_two", "The capture of Bakhmut by Russian and Wagner forces followed months of fighting.",
     [("Russia", "controls", "Bakhmut"), ("Wagner Group", "controls", "Bakhmut")], []),
    ("second_object_as_conjunct", "Malian troops captured Tessalit on Monday, and Aguelhok on Friday.",
     [("Malian junta", "controls", "Tessalit"), ("Malian junta", "controls", "Aguelhok")], []),
    # companions who share the subject's act; a backer does not
    ("fighting_alongside_fronted", "Fighting alongside Eritrean troops, Ethiopian forces retook Mekelle.",
     [("Ethiopia", "controls", "Mekelle"), ("Eritrea", "controls", "Mekelle")], []),
    ("fighting_alongside_subject", "Fano militias, fighting alongside Amhara special forces, seized Lalibela on Tuesday.",
     [("Fano", "controls", "Lalibela"), ("Amhara regional forces", "controls", "Lalibela")], []),
    ("alongside_after_object", "Ethiopian forces retook Mekelle alongside Eritrean troops.",
     [("Eritrea", "controls", "Mekelle")], []),
    ("fought_alongside_against", "Ethiopian forces fought alongside Eritrean troops against the TPLF.",
     [("Ethiopia", "opposes", "TPLF"), ("Eritrea", "opposes", "TPLF")], [("Ethiopia", "opposes", "Eritrea")]),
    ("backed_by_is_no_companion", "Ethiopian forces, backed by Eritrean troops, retook Mekelle.",
     [("Eritrea", "backs", "Ethiopia"), ("Ethiopia", "controls", "Mekelle")], [("Eritrea", "controls", "Mekelle")]),
    ("fought_with_is_an_enemy", "Ethiopian forces fought with Eritrean troops near Mekelle.",
     [("Ethiopia", "opposes", "Eritrea")], [("Eritrea", "controls", "Mekelle")]),
    ("companion_of_a_state", "Together with HTS, the rebels include SNA units.", [], [("SNA", "memberOf", "HTS")]),
    # allies left unnamed name nobody
    ("possessed_allies", "Iran's allies attacked Israeli positions.", [], [("Iran", "opposes", "Israel")]),
    ("and_its_allies", "Hezbollah and its allies fired rockets at Israel.", [("Hezbollah", "opposes", "Israel")], []),
    # a descriptor written after a name: the name wins
    ("name_then_descriptor", "HTS rebels captured Aleppo.", [("HTS", "controls", "Aleppo")],
     [("Syrian rebels", "controls", "Aleppo")]),
    ("group_then_fighters", "ELN fighters attacked FARC dissidents in Catatumbo.", [("ELN", "opposes", "FARC dissidents")], []),
    # "..., Y's backer" closing the clause is an apposition to the name before the comma, not a conjunct
    ("backer_after_conjuncts", "The war alarmed the region, especially Qatar and Iran, the main backer of Hamas.",
     [("Iran", "backs", "Hamas")], [("Qatar", "backs", "Hamas")]),
    ("backers_after_conjuncts", "The war alarmed the region, especially Qatar and Iran, the main backers of Hamas.",
     [("Iran", "backs", "Hamas"), ("Qatar", "backs", "Hamas")], []),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected,forbidden", [c[1:] for c in COORDINATION], ids=[c[0] for c in COORDINATION])
def test_syntax_coordination(claims_of, dictionary, text, expected, forbidden):
    found = {(c.subject.iri, c.relation, c.object.iri if not dictionary.is_place(c.object) or
              dictionary.lookup(c.object.label) else c.object.label)
             for c in claims_of(text) if c.status == "asserted" and c.confidence >= 0.5}

    def key(name: str) -> str:
        actor = dictionary.lookup(name)
        return actor.iri if actor is not None else name

    for s, rel, o in expected:
        assert (key(s), rel, key(o)) in found, f"missing {s} {rel} {o}; found {sorted(found)}"
    for s, rel, o in forbidden:
        assert (key(s), rel, key(o)) not in found, f"should not find {s} {rel} {o}"
