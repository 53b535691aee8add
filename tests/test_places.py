"""Places of a report: located in their country with WGS84 coordinates, names the NER mistyped made places
where the gazetteer and the syntax agree, and places never acting (never opposed, backed or controlling)."""
from __future__ import annotations

import functools

import spacy
import pytest
from pyoxigraph import Literal, NamedNode
from spacy.tokens import Doc

from graph.actors import ActorDictionary
from graph.api import ActorGraph
from graph.coref import document_mentions
from graph.places import dictionary_place
from graph.namespaces import ACTOR, GEO
from graph.queries import load
from graph.validate import validate

GEO_LAT = NamedNode(str(GEO.lat))

#: a dictionary of two states only (no places): what the gazetteer does when the dictionary knows nothing
TWO_STATES = """
@prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/actorgraph/id/actor/syria> a ag:State ; skos:prefLabel "Syria" ; ag:adjective "Syrian" .
<https://w3id.org/actorgraph/id/actor/japan> a ag:State ; skos:prefLabel "Japan" ; ag:adjective "Japanese" .
<https://w3id.org/actorgraph/id/actor/russia> a ag:State ; skos:prefLabel "Russia" ; ag:adjective "Russian" .
"""


@functools.cache
def _vocab() -> spacy.Vocab:
    """One blank English vocabulary for every hand-made parse (making a blank pipeline takes 0.2 s of CPU)."""
    return spacy.blank("en").vocab


def hand_parsed(words: str, ents: str, heads: list[int] | None = None, deps: str | None = None) -> Doc:
    """A parse written by hand (what the model would give), so that a test fixes the NER's mistake it is about."""
    w = words.split()
    lemmas = [{"captured": "capture", "spoke": "speak", "praised": "praise"}.get(x, x.lower()) for x in w]
    return Doc(_vocab(), words=w, ents=ents.split(), heads=heads, deps=deps.split() if deps else None,
               lemmas=lemmas, pos=["PROPN" if x[:1].isupper() else "X" for x in w])


def place_of(mentions, text: str):
    return next(m.actor for m in mentions.values() if m.text == text)


@pytest.fixture(scope="module")
def two_states():
    return ActorDictionary.from_turtle(TWO_STATES)


@pytest.fixture(scope="module")
def mentions_of(extractor):
    def run(text: str):
        return document_mentions(extractor.nlp(text), extractor.dictionary)
    return run


# ---- resolution: the report's countries first --------------------------------------------------

@pytest.mark.parametrize("adjective,country,lat", [("Syrian", "syria", 35.1), ("Japanese", "japan", 34.3)],
                         ids=["syria-report", "japan-report"])
def test_places_hama_is_the_hama_of_the_report_s_country(two_states, adjective, country, lat):
    doc = hand_parsed(f"{adjective} troops shelled Hama .", "O O O B-GPE O")
    hama = place_of(document_mentions(doc, two_states), "Hama")
    assert hama.location.country == str(ACTOR[country])
    assert round(hama.location.lat, 1) == lat


def test_places_hama_of_no_named_country_is_left_unlocated(two_states):
    doc = hand_parsed("Troops shelled Hama .", "O O B-GPE O")
    hama = place_of(document_mentions(doc, two_states), "Hama")
    assert hama.type == "Settlement" and hama.location is None


def test_places_the_dictionary_s_hama_gets_syria_s_coordinates(mentions_of):
    hama = place_of(mentions_of("Rebels shelled Hama."), "Hama")
    assert hama.iri == str(ACTOR["hama"])  # the dictionary wins over the gazetteer
    assert hama.location.country == str(ACTOR["syria"])
    assert (round(hama.location.lat, 1), round(hama.location.long, 1)) == (35.1, 36.8)
    assert hama.location.geonames == 170017


def test_places_coordinates_written_in_the_dictionary_win_over_the_gazetteer(two_states):
    dictionary = ActorDictionary.from_turtle(TWO_STATES + """
    @prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/actorgraph/id/actor/hama> a ag:Settlement ; skos:prefLabel "Hama" ;
        ag:locatedIn <https://w3id.org/actorgraph/id/actor/syria> ; geo:lat "35.2"^^xsd:decimal ; geo:long "36.7"^^xsd:decimal .
    """)
    hama = place_of(document_mentions(hand_parsed("Troops shelled Hama .", "O O B-GPE O"), dictionary), "Hama")
    assert (hama.location.lat, hama.location.long, hama.location.geonames) == (35.2, 36.7, None)
    assert hama.location.country == str(ACTOR["syria"])


@pytest.mark.parametrize("words,ents,label,kind", [
    ("Libyan forces took Sirte and the Jufra air base .", "B-NORP O O B-FAC O O B-FAC I-FAC I-FAC O", "Sirte", "Settlement"),
    ("Libyan forces took Sirte and the Jufra air base .", "B-NORP O O B-FAC O O B-FAC I-FAC I-FAC O", "Jufra air base", "Facility"),
    ("Russian jets left the Latakia airport .", "B-NORP O O O B-FAC I-FAC O", "Latakia airport", "Facility"),
], ids=["town-called-facility", "air-base", "airport-named-for-a-town"])
def test_places_a_town_the_ner_called_a_facility_is_the_gazetteer_s_town(dictionary, words, ents, label, kind):
    """spaCy labels "Sirte" FAC beside "the Jufra air base": a name with no facility word is the town the
    report's countries have; a name with one ("air base", "airport") stays a facility, never the town."""
    place = place_of(document_mentions(hand_parsed(words, ents), dictionary), label)
    assert place.type == kind
    if kind == "Settlement":
        assert place.location.country == str(ACTOR["libya"]) and round(place.location.lat) == 31
    else:
        assert place.location is None or place.location.geonames is None


@pytest.mark.parametrize("kind", ["Region", "Facility", "BorderCrossing"])
def test_places_a_dictionary_place_that_is_no_town_takes_no_coordinates_from_a_town_of_its_name(kind):
    """Northern Aleppo's "Shahba" canton took the coordinates of Suwayda's town of Shahba, 300 km south: a
    place that is not a town is placed only by its file."""
    dictionary = ActorDictionary.from_turtle(TWO_STATES + f"""
    <https://w3id.org/actorgraph/id/actor/shahba> a ag:{kind} ; skos:prefLabel "Shahba" ;
        ag:locatedIn <https://w3id.org/actorgraph/id/actor/syria> .
    <https://w3id.org/actorgraph/id/actor/shahba-town> a ag:Settlement ; skos:prefLabel "Shahba town" ; skos:altLabel "Shahba" ;
        ag:locatedIn <https://w3id.org/actorgraph/id/actor/syria> .
    """)
    shahba = dictionary_place(dictionary, dictionary.actors["https://w3id.org/actorgraph/id/actor/shahba"])
    town = dictionary_place(dictionary, dictionary.actors["https://w3id.org/actorgraph/id/actor/shahba-town"])
    assert shahba.location.country == str(ACTOR["syria"]) and shahba.location.lat is None
    assert round(town.location.lat) == 33 and town.location.geonames is not None  # the town keeps GeoNames'


@pytest.mark.parametrize("words,ents,country", [
    ("Israeli strikes hit homes in Rafah , in the south of Gaza .", "O O O O O B-GPE O O O O O B-GPE O", "PS"),
    ("Egyptian troops deployed near Rafah .", "O O O O B-GPE O", "EG"),
], ids=["gaza-report", "egypt-report"])
def test_places_rafah_is_the_rafah_of_the_report(words, ents, country):
    """Without a dictionary Rafah (the bundled one is Gaza's), the report's countries decide."""
    from graph.gazetteer import gazetteer

    dictionary = ActorDictionary.from_turtle("""
    @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://w3id.org/actorgraph/id/actor/israel> a ag:State ; skos:prefLabel "Israel" ; ag:adjective "Israeli" .
    <https://w3id.org/actorgraph/id/actor/egypt> a ag:State ; skos:prefLabel "Egypt" ; ag:adjective "Egyptian" .
    <https://w3id.org/actorgraph/id/actor/palestine> a ag:State ; skos:prefLabel "Palestine" .
    """)
    rafah = place_of(document_mentions(hand_parsed(words, ents), dictionary), "Rafah")
    expected = gazetteer().resolve("Rafah", [country])
    assert (rafah.location.lat, rafah.location.long) == (expected.lat, expected.long)
    assert rafah.iri != str(ACTOR["rafah"])  # two towns of one name are two nodes


# ---- recognition: names the NER mistyped ---------------------------------------------------------

@pytest.mark.parametrize("text,relation", [
    ("Russian forces captured Bakhmut.", "controls"),
    ("Russian troops withdrew from Avdiivka.", "withdrewFrom"),
    ("Russian troops pulled out of Kherson.", "withdrewFrom"),  # the NER takes Kherson for a person
], ids=["captured", "withdrew-from", "pulled-out-of"])
def test_places_a_town_the_ner_mistyped_is_a_located_place(claims_of, text, relation):
    (claim,) = [c for c in claims_of(text) if c.relation == relation]
    assert claim.subject.label == "Russia" and claim.object.type == "Settlement"
    assert claim.object.location.country == str(ACTOR["ukraine"]) and claim.object.location.lat is not None


def test_places_a_town_the_ner_takes_for_a_people_is_a_place(claims_of):
    """The NER tags "Omdurman" NORP; a NORP that modifies a noun ("the Chechen capital") stays a people's word."""
    claims = {(c.subject.label, c.relation, c.object.label) for c in claims_of(
        "The Sudanese army lost control of Omdurman to the RSF.")}
    assert {("Sudanese Armed Forces", "withdrewFrom", "Omdurman"), ("Rapid Support Forces", "controls", "Omdurman")} <= claims
    objects = {c.object.label for c in claims_of("Russian forces seized Grozny, the Chechen capital.")}
    assert objects == {"Grozny"}


def test_places_each_conjunct_stands_where_the_first_does(claims_of):
    """The NER takes "Bukavu" for a person; as a conjunct of the captured Goma it is a captured town too."""
    claims = {(c.subject.label, c.relation, c.object.label, c.object.type) for c in claims_of(
        "M23 rebels captured Goma, Bukavu and Uvira.")}
    assert {("M23", "controls", town, "Settlement") for town in ("Goma", "Bukavu", "Uvira")} <= claims


def test_places_out_of_is_a_place_only_after_a_withdrawal_verb(claims_of):
    assert not claims_of("Russian troops pulled out of the talks in Kherson.")
    assert not [c for c in claims_of("Russian officials spoke out of turn about Kherson.") if c.relation == "withdrewFrom"]


def test_places_the_town_whose_control_is_lost_is_a_place(claims_of):
    """The NER takes "El Fasher" here for an organisation; "control of" puts a place after it."""
    claims = {(c.subject.label, c.relation, c.object.label) for c in claims_of(
        "The Sudanese army lost control of El Fasher to the RSF.")}
    assert ("Sudanese Armed Forces", "withdrewFrom", "El Fasher") in claims
    assert ("Rapid Support Forces", "controls", "El Fasher") in claims


def test_places_a_word_the_report_writes_in_lower_case_is_not_made_a_place(two_states):
    """Progress is a Russian town; "progress" in the same report says the name is a word."""
    words = "Russian forces captured Progress . Officials spoke of progress ."
    heads, deps = [1, 2, 2, 2, 2, 6, 6, 6, 7, 6], "amod nsubj ROOT dobj punct nsubj ROOT prep pobj punct"
    plain = document_mentions(hand_parsed(words.split(" . ")[0] + " .", "O O O B-ORG O", heads[:5], " ".join(deps.split()[:5])),
                              two_states)
    assert place_of(plain, "Progress").type == "Settlement"  # the same sentence alone: a place
    doc = hand_parsed(words, "O O O B-ORG O O O O O O", heads, deps)
    assert place_of(document_mentions(doc, two_states), "Progress").type == "Organization"


def test_places_a_person_s_name_is_not_made_a_place(mentions_of):
    """Omar is also a town in Israel; here he speaks."""
    omar = place_of(mentions_of("Omar said Israeli soldiers withdrew from the town."), "Omar")
    assert omar.type == "Person" and omar.location is None


def test_places_a_name_in_no_place_position_stays_what_the_ner_said(two_states):
    doc = hand_parsed("Progress praised Russian troops .", "B-ORG O O O O", [1, 1, 3, 1, 1], "nsubj ROOT amod dobj punct")
    assert place_of(document_mentions(doc, two_states), "Progress").type == "Organization"


@pytest.mark.parametrize("words,ents,heads,deps,name", [
    ("Forces reached Gharyan , a town near Tripoli .", "O O B-PERSON O O O O B-GPE O",
     [1, 1, 1, 2, 5, 2, 5, 6, 1], "nsubj ROOT dobj punct det appos prep pobj punct", "Gharyan"),
    ("Crowds celebrated the liberation of Shusha .", "O O O O O B-PERSON O",
     [1, 1, 3, 1, 3, 4, 1], "nsubj ROOT det dobj prep pobj punct", "Shusha"),
], ids=["apposition-town", "liberation-of"])
def test_places_a_name_described_as_a_place_is_one(two_states, words, ents, heads, deps, name):
    lemmas = {"reached": "reach", "celebrated": "celebrate"}
    doc = hand_parsed(words, ents, heads, deps)
    for token in doc:
        token.lemma_ = lemmas.get(token.text, token.lemma_)
    place = place_of(document_mentions(doc, two_states), name)
    assert place.type == "Settlement" and place.location.lat is not None
    bare = hand_parsed(f"Forces reached {name} .", "O O B-PERSON O", [1, 1, 1, 1], "nsubj ROOT dobj punct")
    assert place_of(document_mentions(bare, two_states), name).type == "Person"


def test_places_a_name_the_report_calls_a_township_is_a_place_without_coordinates(two_states):
    """Waingmaw is in neither the gazetteer nor the dictionary; "township" says what it is."""
    words, ents = "The KIA attacked Waingmaw township .", "O B-ORG O B-ORG O O"
    heads, deps = [1, 2, 2, 4, 2, 2], "det nsubj ROOT compound dobj punct"
    waingmaw = place_of(document_mentions(hand_parsed(words, ents, heads, deps), two_states), "Waingmaw")
    assert waingmaw.type == "Region" and waingmaw.location is None
    alone = hand_parsed("The KIA attacked Waingmaw .", "O B-ORG O B-ORG O", [1, 2, 2, 2, 2], "det nsubj ROOT dobj punct")
    assert place_of(document_mentions(alone, two_states), "Waingmaw").type == "Organization"


# ---- places never act ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,subject,relation,obj", [
    ("The KIA overran the junta's last base in Momauk township. The KIA first attacked Momauk in May.",
     None, "opposes", "Momauk"),
    ("Fighting raged in El Fasher, the last army stronghold in Darfur.", "El Fasher", "controls", "Darfur"),
    ("The RSF shelled El Fasher, in Sudan, for weeks.", None, "opposes", "El Fasher"),
    ("Russian forces pounded Bakhmut.", None, "opposes", "Bakhmut"),
    ("Ukrainian officials said Kherson backs the army.", "Kherson", "backs", None),
], ids=["attacked-township", "stronghold-in-region", "shelled-town", "pounded-town", "town-backs"])
def test_places_never_act_nor_are_opposed_or_backed(claims_of, text, subject, relation, obj):
    claims = [c for c in claims_of(text) if c.relation == relation]
    assert not [c for c in claims if (subject is None or c.subject.label == subject) and (obj is None or c.object.label == obj)]
    for claim in claims:
        assert claim.subject.type not in ("Settlement", "Region")


def test_places_are_never_the_subject_of_any_claim(claims_of):
    text = ("Russian forces captured Bakhmut. Bakhmut's fall shocked Kyiv. Kherson remained under Ukrainian control. "
            "El Fasher, the last army stronghold in Darfur, was shelled by the RSF.")
    for claim in claims_of(text):
        assert claim.subject.type not in ("Settlement", "Region", "Facility", "BorderCrossing", "Place"), claim


def test_places_a_rule_file_cannot_make_a_place_act_or_be_opposed(tmp_path):
    from graph.rules import RuleError, load_rules

    record = ("rules: [{name: opposes.town, relation: opposes, phrasing: 'X shelled P', plover: ASSAULT, confidence: 0.9,"
              " triggers: [{words: oppose-verbs, pattern: [{RIGHT_ID: trigger, RIGHT_ATTRS: {}}]}], target: place}]")
    path = tmp_path / "mine.yaml"
    path.write_text(record)
    with pytest.raises(RuleError, match="opposes.town: a place acts in no relation"):
        load_rules(path)


def test_places_the_claim_builder_refuses_a_place_target_of_an_actor_relation(extractor):
    """Even a rule built in code, bypassing the file check, with a place target for "opposes" gives no
    claim against a town: the record that finds the place of a hand-over, made to say "opposes"."""
    import dataclasses

    from graph.rules import rulebook
    from graph.rules.dispatch import Rulebook

    book = rulebook()
    (handed,) = [r for r in book.rules if r.name == "withdrewFrom.handed_over"]
    doc = extractor.nlp("Russian forces handed over Tell Rifaat to the SDF.")
    found = Rulebook((handed,), book.words).claims(doc, extractor.dictionary)
    assert [(c.subject.label, c.object.label) for c in found] == [("Russia", "Tell Rifaat")]  # the place is found
    opposing = Rulebook((dataclasses.replace(handed, relation="opposes"),), book.words)
    assert opposing.claims(doc, extractor.dictionary) == []


# ---- output: coordinates in the graph, valid and queryable -------------------------------------------

@pytest.fixture(scope="module")
def built(extractor):
    g = ActorGraph(extractor=extractor)
    # "Syrian rebels", not "Rebels": a report whose towns are mostly Ukrainian gets no Syrian descriptor (graph.theatres)
    g.add_text("Russian forces captured Bakhmut. Syrian rebels took Hama. Ukrainian troops retook Kherson.",
               published="2024-12-06")
    return g


def test_places_coordinates_are_wgs84_decimals_on_the_place_node(built):
    rows = list(built.store.raw.quads_for_pattern(NamedNode(str(ACTOR["hama"])), GEO_LAT, None))
    assert [q.object.datatype.value for q in rows] == ["http://www.w3.org/2001/XMLSchema#decimal"]


def test_places_query_lists_place_country_and_coordinates(built):
    rows = {r["label"]: r for r in built.query(load("places"))}
    assert {"Bakhmut", "Hama", "Kherson"} <= set(rows)
    assert rows["Bakhmut"]["countryLabel"] == "Ukraine"
    assert float(rows["Hama"]["lat"]) == pytest.approx(35.13, abs=0.01)
    assert rows["Hama"]["geonames"] == "https://sws.geonames.org/170017/"
    assert rows["Kherson"]["country"] == rows["Bakhmut"]["country"] == str(ACTOR["ukraine"])


def test_places_output_conforms_to_the_shapes(built):
    report = validate(built.store.raw)
    assert report.conforms, report.violations[:5]


@pytest.mark.parametrize("lat,long", [("91.0", "10.0"), ("10.0", "-180.5")], ids=["latitude", "longitude"])
def test_places_shapes_refuse_coordinates_out_of_range(built, lat, long, trig):
    bad = f"""PREFIX ag: <https://w3id.org/actorgraph#> PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    INSERT DATA {{ GRAPH <https://w3id.org/actorgraph/id/graph/actors> {{
        <https://w3id.org/actorgraph/id/actor/nowhere> a ag:Settlement ; rdfs:label "Nowhere" ; skos:prefLabel "Nowhere" ;
            geo:lat "{lat}"^^xsd:decimal ; geo:long "{long}"^^xsd:decimal }} }}"""
    g = ActorGraph()
    g.store.raw.update(bad)
    assert not validate(g.store.raw).conforms
