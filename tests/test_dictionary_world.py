"""The world layer of the actor dictionary (ontology/actors/world.ttl): every state of the world by its
names, official names, demonyms and capital metonyms; the international organisations and missions; and
what a report's words become through the real pipeline."""
from __future__ import annotations

import pycountry
import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from graph.namespaces import ACTOR, AG
from graph.queries import ontology_dir

WORLD = rdflib.Graph().parse(ontology_dir() / "actors" / "world.ttl", format="turtle")
STATES = sorted(WORLD.subjects(RDF.type, AG.State))
#: official names that name another actor than the state, and why
OFFICIAL_NAMES_ELSEWHERE = {
    "Islamic Republic of Afghanistan": "the republic of 2004-2021 is the Afghan government of the alias table, not the state",
}


def slug(actor) -> str | None:
    return None if actor is None else actor.iri.rsplit("/", 1)[-1]


# ---- states -------------------------------------------------------------------------------------------

def test_world_defines_every_un_member_and_the_five_others():
    codes = {str(WORLD.value(state, SKOS.notation)) for state in STATES}
    assert len(STATES) == len(codes) == 198  # 193 UN members, Palestine, the Vatican, Kosovo, Taiwan, Western Sahara
    assert codes - {c.alpha_2 for c in pycountry.countries} == {"XK"}  # Kosovo's code is user-assigned in ISO 3166


@pytest.mark.parametrize("state", STATES, ids=lambda s: str(s).rsplit("/", 1)[-1])
def test_world_state_official_name_resolves_to_it(dictionary, state):
    """pycountry's official name of each state (where it has one, and not the inverted "Iran, Islamic
    Republic of" form) is a name of the state."""
    country = pycountry.countries.get(alpha_2=str(WORLD.value(state, SKOS.notation)))
    official = getattr(country, "official_name", None) if country is not None else None
    if official is None or "," in official:
        pytest.skip("no official name in ISO 3166")
    if official in OFFICIAL_NAMES_ELSEWHERE:
        pytest.skip(OFFICIAL_NAMES_ELSEWHERE[official])
    assert dictionary.lookup(official).iri == str(state)


@pytest.mark.parametrize("name, expected", [
    ("Türkiye", "turkey"), ("Turkiye", "turkey"), ("Burma", "myanmar"), ("Ivory Coast", "ivory-coast"),
    ("Côte d'Ivoire", "ivory-coast"), ("Cote d'Ivoire", "ivory-coast"), ("Republic of the Congo", "republic-of-the-congo"),
    ("Congo-Brazzaville", "republic-of-the-congo"), ("Congo", "dr-congo"), ("DRC", "dr-congo"),
    ("Democratic Republic of the Congo", "dr-congo"), ("South Sudan", "south-sudan"), ("Sudan", "sudan"),
    ("the Sudan", "sudan"), ("Republic of South Sudan", "south-sudan"), ("Swaziland", "eswatini"),
    ("Czechia", "czech-republic"), ("Timor-Leste", "east-timor"), ("Holy See", "vatican-city"),
    ("Viet Nam", "vietnam"), ("DPRK", "north-korea"), ("Republic of Korea", "south-korea"),
    ("State of Palestine", "palestine"), ("Republic of Kosovo", "kosovo"), ("Taiwan", "taiwan"),
    ("Sahrawi Arab Democratic Republic", "western-sahara"), ("Russian Federation", "russia"),
    ("United States of America", "united-states"), ("Federal Democratic Republic of Ethiopia", "ethiopia"),
    ("Swiss Confederation", "switzerland"), ("Lao People's Democratic Republic", "laos"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_world_state_by_name(dictionary, name, expected):
    assert slug(dictionary.lookup(name)) == expected


@pytest.mark.parametrize("capital, expected", [
    ("Moscow", "russia"), ("Washington", "united-states"), ("Ankara", "turkey"), ("Tehran", "iran"),
    ("Riyadh", "saudi-arabia"), ("Abu Dhabi", "united-arab-emirates"), ("Kigali", "rwanda"), ("Kampala", "uganda"),
    ("Nairobi", "kenya"), ("Baku", "azerbaijan"), ("Yerevan", "armenia"), ("Bogota", "colombia"), ("Bogotá", "colombia"),
    ("Juba", "south-sudan"), ("Addis Ababa", "ethiopia"), ("Kyiv", "ukraine"), ("Kiev", "ukraine"),
    ("Baghdad", "iraq"), ("Paris", "france"), ("Maputo", "mozambique"), ("London", "united-kingdom"),
    ("Beijing", "china"), ("Kinshasa", "dr-congo"), ("Brazzaville", "republic-of-the-congo"),
])
def test_world_capital_is_a_metonym_for_its_state(dictionary, capital, expected):
    actor = dictionary.lookup(capital)
    assert (slug(actor), actor.type) == (expected, "State")


@pytest.mark.parametrize("place", ["Tripoli", "Khartoum", "Kabul", "Aden", "Damascus", "Sanaa", "Mogadishu", "Bamako",
                                   "Port-au-Prince", "Goma", "Beirut", "Naypyidaw", "Bangui"])
def test_world_capital_fought_over_is_no_state_name(dictionary, place):
    actor = dictionary.lookup(place)
    assert actor is None or actor.type != "State", f"{place} is a place fought over, not a name of its state"


@pytest.mark.parametrize("adjective, expected", [
    ("Sudanese", "sudan"), ("South Sudanese", "south-sudan"), ("Malian", "mali"), ("Burkinabe", "burkina-faso"),
    ("Burkinabé", "burkina-faso"), ("Nigerien", "niger"), ("Nigerian", "nigeria"), ("Ivorian", "ivory-coast"),
    ("Emirati", "united-arab-emirates"), ("Azerbaijani", "azerbaijan"), ("Azeri", "azerbaijan"), ("Somali", "somalia"),
    ("Rwandan", "rwanda"), ("Eritrean", "eritrea"), ("Chadian", "chad"), ("Burmese", "myanmar"), ("Afghan", "afghanistan"),
    ("Turkish", "turkey"), ("American", "united-states"), ("Palestinian", "palestine"), ("Kosovar", "kosovo"),
])
def test_world_state_by_adjective(dictionary, adjective, expected):
    assert slug(dictionary.by_adjective(adjective)) == expected


@pytest.mark.parametrize("word", ["Congolese", "Korean", "Dominican", "Turkmen", "Serb"])
def test_world_ambiguous_demonym_names_no_state(dictionary, word):
    actor = dictionary.by_adjective(word)
    assert actor is None or actor.type != "State"


@pytest.mark.parametrize("body, expected", [
    ("Ukrainian army", "ukraine"), ("Azerbaijani Ministry of Defence", "azerbaijan"), ("Colombian troops", "colombia"),
    ("Chadian army", "chad"), ("Beninese army", "benin"), ("Kenyan government", "kenya"),
])
def test_world_state_organ_by_its_adjective(dictionary, body, expected):
    assert slug(dictionary.lookup(body)) == expected


def test_world_moved_states_keep_their_iris_and_names(dictionary):
    """The states syria.ttl defined before the world file are the same nodes with every name they had."""
    turkey = dictionary.lookup("Turkish intelligence")
    assert (slug(turkey), slug(dictionary.lookup("Pentagon")), slug(dictionary.lookup("Syrian Arab Republic"))) == (
        "turkey", "united-states", "syria")
    assert {"Türkiye", "Turkiye", "Ankara", "Turkish Foreign Ministry"} <= set(turkey.aliases)


# ---- organisations, missions, and actors of no one theatre ---------------------------------------------

@pytest.mark.parametrize("name, expected, kind", [
    ("UN Security Council", "united-nations", "Organization"), ("U.N.", "united-nations", "Organization"),
    ("African Union", "african-union", "Organization"), ("AU Commission", "african-union", "Organization"),
    ("ATMIS", "amisom", "Coalition"), ("AUSSOM", "amisom", "Coalition"), ("AU troops", "amisom", "Coalition"),
    ("African Union Mission in Somalia", "amisom", "Coalition"), ("ECOWAS", "ecowas", "Organization"),
    ("Economic Community of West African States", "ecowas", "Organization"), ("SADC", "sadc", "Organization"),
    ("SADC Mission in Mozambique", "samim", "Coalition"), ("EACRF", "eacrf", "Coalition"),
    ("East African Community Regional Force", "eacrf", "Coalition"), ("MONUSCO", "monusco", "Coalition"),
    ("UN peacekeepers in Mali", "minusma", "Coalition"), ("MINUSCA", "minusca", "Coalition"),
    ("United Nations Interim Force in Lebanon", "unifil", "Coalition"), ("UNMISS", "unmiss", "Coalition"),
    ("UNAMID", "unamid", "Coalition"), ("NATO", "nato", "Organization"), ("EU", "european-union", "PoliticalOrganization"),
    ("League of Arab States", "arab-league", "Organization"), ("G5 Sahel Joint Force", "g5-sahel", "Coalition"),
    ("MNJTF", "mnjtf", "Coalition"), ("Multinational Joint Task Force", "mnjtf", "Coalition"),
    ("International Criminal Court", "international-criminal-court", "Organization"),
    ("ICC", "international-criminal-court", "Organization"), ("Africa Corps", "wagner-group", "ArmedGroup"),
    ("Russian mercenaries", "wagner-group", "ArmedGroup"), ("Wagner", "wagner-group", "ArmedGroup"),
    ("al-Qaeda", "al-qaida", "ArmedGroup"), ("Daesh", "isis", "ArmedGroup"),
    ("Kenyan police", "mss", "Coalition"), ("Multinational Security Support Mission", "mss", "Coalition"),
    ("UN refugee agency", "unhcr", "Organization"), ("UN nuclear watchdog", "iaea", "Organization"),
])
def test_world_organisation_by_name(dictionary, name, expected, kind):
    actor = dictionary.lookup(name)
    assert (slug(actor), actor.type) == (expected, kind)


def test_world_bare_au_is_no_name(dictionary):
    """"AU" alone is left to the report: in Somalia it is the mission's ("an AU base"), as the alias table has it."""
    assert dictionary.lookup("AU") is None


def test_world_missions_belong_to_their_organisation(dictionary):
    parents = {m: {p.rsplit("/", 1)[-1] for p in dictionary.member_of[str(ACTOR[m])]}
               for m in ("monusco", "amisom", "samim", "eacrf", "unamid", "isaf")}
    assert parents == {"monusco": {"united-nations"}, "amisom": {"african-union"}, "samim": {"sadc"},
                       "eacrf": {"east-african-community"}, "unamid": {"united-nations", "african-union"},
                       "isaf": {"nato"}}


def _offices(person: str) -> list[dict[str, str]]:
    return [{str(p).rsplit("#", 1)[-1]: str(o).rsplit("/", 1)[-1] for p, o in WORLD.predicate_objects(office)}
            for office in WORLD.objects(ACTOR[person], AG.office)]


@pytest.mark.parametrize("person, office", [
    ("antonio-guterres", {"heads": "united-nations", "title": "secretary-general", "start": "2017-01-01"}),
    ("ban-ki-moon", {"heads": "united-nations", "title": "secretary-general", "start": "2007-01-01", "end": "2016-12-31"}),
    ("yevgeny-prigozhin", {"heads": "wagner-group", "title": "founder", "end": "2023-08-23"}),
    ("ayman-al-zawahiri", {"heads": "al-qaida", "title": "leader", "start": "2011-06-16", "end": "2022-07-31"}),
    ("mark-rutte", {"heads": "nato", "title": "secretary-general", "start": "2024-10-01"}),
])
def test_world_leader_office(dictionary, person, office):
    assert _offices(person) == [office]
    assert slug(dictionary.lookup(dictionary.actors[str(ACTOR[person])].label)) == person


# ---- through the pipeline -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Moscow and Tehran backed the Assad government throughout the war.",
     {("russia", "backs", "assad-government"), ("iran", "backs", "assad-government")}),
    ("Yerevan accused Baku of attacking Armenian positions overnight.", {("azerbaijan", "opposes", "armenia")}),
    ("Türkiye shelled Kurdish forces near the border on Monday.", {("turkey", "opposes", "kurdish-forces")}),
    ("Pakistani airstrikes hit Taliban positions in the east.", {("pakistan", "opposes", "taliban")}),
    ("NATO backed Ukraine with weapons and training.", {("nato", "backs", "ukraine")}),
    ("Islamic State militants attacked UNIFIL peacekeepers near the border.", {("isis", "opposes", "unifil")}),
    ("Azerbaijani forces captured Shusha after weeks of fighting.", {("azerbaijan", "controls", "shusha")}),
    ("Kenyan police officers clashed with Viv Ansanm fighters on Monday.", {("mss", "opposes", "viv-ansanm")}),
], ids=["capitals", "capitals-accused", "turkiye", "demonym", "alliance", "mission", "state-organ", "kenyan-police"])
def test_world_states_in_sentences(claims_of, text, expected):
    edges = {(c.subject.iri.rsplit("/", 1)[-1], c.relation, c.object.iri.rsplit("/", 1)[-1])
             for c in claims_of(text) if c.status == "asserted"}
    assert expected <= edges


def test_world_a_capital_fought_over_stays_a_place(claims_of):
    """"The Taliban captured Kabul": the capital is a place taken (were it a name of Afghanistan, the claim
    would have no place to point at); "Kenyan police arrived in Port-au-Prince" is no relation at all."""
    taken = {(c.subject.label, c.relation, c.object.label, c.object.type) for c in claims_of("The Taliban captured Kabul.")}
    assert ("Taliban", "controls", "Kabul", "Settlement") in taken
    assert [c for c in claims_of("Kenyan police officers arrived in Port-au-Prince on Tuesday.") if c.status == "asserted"] == []


def test_world_au_troops_are_the_mission_in_somalia(claims_of):
    """"AU troops" in Somalia is AMISOM (the alias table's one actor), not the African Union."""
    objects = {c.object.iri.rsplit("/", 1)[-1] for c in claims_of("Al-Shabaab militants attacked AU troops near Baidoa.")
               if c.relation == "opposes" and c.status == "asserted"}
    assert objects == {"amisom"}


def test_world_a_threat_to_intervene_is_no_relation(claims_of):
    """"ECOWAS threatened to intervene in Niger": a threat, and an organisation's intention, asserts nothing."""
    claims = claims_of("ECOWAS threatened to intervene in Niger after the coup.")
    assert [c for c in claims if c.status == "asserted"] == []
