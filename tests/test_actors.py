"""The actor dictionary: loading, alias and title resolution, adjectives, discovery, IRIs."""
from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from rdflib import BNode, URIRef

from graph.actors import OFFICE_GRACE_DAYS, ActorDictionary, DictionaryError, Statements, bundled_files, mint_iri, normalize


@pytest.mark.parametrize("name,expected", [
    ("HTS", "HTS"), ("Hay'at Tahrir al-Sham", "HTS"), ("Mr Assad", "Bashar al-Assad"),
    ("President Bashar al-Assad", "Bashar al-Assad"), ("Asad", "Bashar al-Assad"), ("pro-regime forces", "Assad government"),
    ("Jihadist-led fighters", "Syrian rebels"), ("Ankara", "Turkey"), ("Deir ez-Zor", "Deir al-Zour"),
    ("Russian Defence Ministry", "Russia"), ("Turkish military", "Turkey"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_actors_lookup_resolves_aliases_titles_and_organs(dictionary, iri, name, expected):
    assert dictionary.lookup(name).iri == iri(expected)


@pytest.mark.parametrize("word,expected", [("Turkish", "Turkey"), ("Russian", "Russia"), ("Iranian", "Iran"),
                                           ("U.S.", "United States")])
def test_actors_adjectives_denote_their_actor(dictionary, iri, word, expected):
    assert dictionary.by_adjective(word).iri == iri(expected)


def test_actors_every_actor_has_type_and_label(dictionary):
    assert len(dictionary) >= 40
    assert all(a.type and a.label for a in dictionary)


def test_actors_places_are_places(dictionary, iri):
    assert dictionary.is_place(dictionary.actors[iri("Hama")])
    assert not dictionary.is_place(dictionary.actors[iri("HTS")])


@pytest.mark.parametrize("name,label,kind", [
    ("Liwa al-Quds Brigade", "ORG", "ArmedGroup"), ("Yusuf Karam", "PERSON", "Person"),
    ("Tel Jadid", "GPE", "Settlement"), ("Mount Hermon", "ORG", "Region"), ("the Northern Hawks Front", "ORG", "ArmedGroup"),
])
def test_actors_discovered_names_are_typed(dictionary, name, label, kind):
    actor = dictionary.discover(name, label)
    assert actor.type == kind and actor.discovered and not actor.label.lower().startswith("the ")


@pytest.mark.parametrize("name,label", [("Syrian", "NORP"), ("Anti-", "ORG"), ("x", "ORG"), ("Monday", "DATE")])
def test_actors_discovery_refuses_non_names(dictionary, name, label):
    assert dictionary.discover(name, label) is None


@pytest.mark.parametrize("name", ["Free Lions", "a b", 'x<>"{}|^`\\y', "لواء الحق", "A" * 500, "\ud800bad", " "])
def test_actors_minted_iris_are_always_valid(name):
    iri = mint_iri(name)
    assert iri.startswith("https://w3id.org/actorgraph/id/actor/")
    assert all(c.isalnum() and c.isascii() or c in "-/:." for c in iri)
    URIRef(iri).n3()  # rdflib would reject an invalid IRI here
    assert mint_iri(name) == iri


def test_actors_user_dictionary_adds_actors(tmp_path):
    extra = tmp_path / "mine.ttl"
    extra.write_text('@prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                     '<https://example.org/a/lions> a ag:ArmedGroup ; skos:prefLabel "Free Lions" ; skos:altLabel "FLB" .\n')
    d = ActorDictionary.from_turtle(extra)
    assert d.lookup("flb").label == "Free Lions"


def test_actors_bad_dictionary_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle {")
    with pytest.raises(DictionaryError) as err:
        ActorDictionary.from_turtle(bad)
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.slow  # rdflib parses every dictionary file: about 1.5 s of CPU
def test_actors_statements_are_the_statements_rdflib_reads():
    """The dictionary's pyoxigraph reading of the bundled files gives each subject and predicate the objects
    rdflib gives, a blank node (a person's ag:office) compared by what it says."""
    statements, graph = Statements(), rdflib.Graph()
    for path in bundled_files():
        statements.parse(path, str(path))
        graph.parse(path, format="turtle")
    office = [f"https://w3id.org/actorgraph#{p}" for p in ("heads", "title", "start", "end")]

    def mine(node: str) -> object:
        return frozenset((p, o) for p in office for o in statements.objects(node, p)) if node.startswith("_:") else node

    def theirs(node) -> object:
        return frozenset((str(p), str(o)) for p, o in graph.predicate_objects(node)) if isinstance(node, BNode) else str(node)

    pairs = {(s, p) for s, p, _ in graph if not isinstance(s, BNode)}
    assert ({(str(s), str(p), mine(o)) for s, p in pairs for o in statements.objects(str(s), str(p))}
            == {(str(s), str(p), theirs(o)) for s, p, o in graph if not isinstance(s, BNode)})
    assert any(isinstance(o, BNode) for o in graph.objects())  # offices were compared


def test_actors_blank_nodes_of_two_files_stay_apart(tmp_path):
    """Each file's anonymous nodes (a person's ag:office) are its own, though Turtle parsers number them alike."""
    head = "@prefix ag: <https://w3id.org/actorgraph#> .\n"
    for name, person in (("a.ttl", "a"), ("b.ttl", "b")):
        (tmp_path / name).write_text(head + f'<https://example.org/{person}> ag:office [ ag:title "{person}" ] .\n')
    statements = Statements()
    for name in ("a.ttl", "b.ttl"):
        statements.parse(tmp_path / name, name)
    titles = [statements.objects(statements.value(f"https://example.org/{p}", "https://w3id.org/actorgraph#office"),
                                 "https://w3id.org/actorgraph#title") for p in "ab"]
    assert titles == [["a"], ["b"]]


def test_actors_dictionary_with_odd_iris_loads_without_rdflib_log_lines(tmp_path, caplog):
    odd = tmp_path / "odd.ttl"
    odd.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                   '<https://example.org/actor/Free Army> a <https://w3id.org/actorgraph#ArmedGroup> ;\n'
                   '  skos:prefLabel "Free Army" .\n')
    with caplog.at_level("DEBUG", logger="rdflib"):
        dictionary = ActorDictionary.from_turtle(odd)
    assert dictionary.lookup("Free Army").type == "ArmedGroup"
    assert [r.getMessage() for r in caplog.records if r.name.startswith("rdflib")] == []


def test_actors_normalize_folds_case_accents_possessive():
    assert normalize("The Erdoğan’s") == normalize("erdogan")


@pytest.mark.parametrize("name,label,kind", [
    ("Sudan", "GPE", "State"), ("South Sudan", "GPE", "State"), ("the United Arab Emirates", "GPE", "State"),
    ("Khartoum", "GPE", "Settlement"), ("IS", "GPE", "Settlement"),
])
def test_actors_discovered_country_is_a_state(name, label, kind):
    """A country the dictionary does not know is still a state (ISO 3166 names); a code is not a name."""
    assert ActorDictionary.from_turtle().discover(name, label).type == kind


# ---- unknown actors: typed by their head words, and what is never a name ----------------------------

@pytest.mark.parametrize("name,label,kind", [
    ("Ansar Dine", "ORG", "Organization"),
    ("the Movement for Justice and Equality", "ORG", "ArmedGroup"),
    ("Azawad Liberation Front", "ORG", "ArmedGroup"),
    ("Karen National Liberation Army", "ORG", "ArmedGroup"),
    ("Wazalendo Self-Defence Group", "ORG", "ArmedGroup"),
    ("Grand Ravine gang", "ORG", "ArmedGroup"),
    ("National Umma Party", "ORG", "PoliticalOrganization"),
    ("Transitional Sovereignty Council", "ORG", "PoliticalOrganization"),
    ("Alliance for the Restoration of Somalia", "ORG", "PoliticalOrganization"),
    ("Colonel Assimi Goita", "ORG", "Person"),
    ("Lt. Gen. Yasser al-Atta", "ORG", "Person"),
    ("Field Marshal Idris Kante", "PERSON", "Person"),
], ids=lambda v: v if isinstance(v, str) and " " in v else None)
def test_actors_unknown_names_are_typed_by_heads_and_titles(name, label, kind):
    actor = ActorDictionary.from_turtle().discover(name, label)
    assert actor.type == kind and actor.discovered


@pytest.mark.parametrize("name,label,expected", [
    ("Colonel Assimi Goita", "ORG", "Assimi Goita"), ("Lt. Gen. Yasser al-Atta", "ORG", "Yasser al-Atta"),
    ("Field Marshal Idris Kante", "PERSON", "Idris Kante"), ("President Abdou Ndiaye", "PERSON", "Abdou Ndiaye"),
], ids=["colonel", "lt_gen", "field_marshal", "president"])
def test_actors_discovered_people_lose_their_titles(name, label, expected):
    assert ActorDictionary.from_turtle().discover(name, label).label == expected


@pytest.mark.parametrize("name,label", [
    ("Tigrayan", "ORG"), ("Tigrayan", "NORP"), ("Ethiopian", "ORG"), ("Sudanese", "GPE"), ("Yemeni", "ORG"),
    ("Ukrainian", "GPE"), ("Turkish", "ORG"), ("Bedouin", "ORG"),            # a people's name alone
    ("eastern", "ORG"), ("rebel-held", "ORG"), ("al-", "PERSON"),            # common words written in lower case
    ("Defense", "ORG"), ("Interior", "ORG"), ("the Foreign Ministry", "ORG"),  # a portfolio, not an organisation
], ids=lambda v: v if v not in ("ORG", "NORP", "GPE", "PERSON") else None)
def test_actors_discovery_refuses_demonyms_common_words_and_portfolios(dictionary, name, label):
    assert dictionary.discover(name, label) is None


@pytest.mark.parametrize("name", ["Taliban", "Hamas", "Wagner", "Fano", "Janjaweed", "Tatmadaw"])
def test_actors_group_names_that_end_like_demonyms_stay_names(dictionary, name):
    assert not dictionary.is_demonym(name) and dictionary.discover(name, "ORG") is not None


# ---- offices: the background a title in a report is read against ------------------------------------

OFFICES = """
@prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
actor:burkina-faso-junta a ag:Government ; skos:prefLabel "Burkina Faso junta" .
actor:mpsr a ag:Government ; skos:prefLabel "Patriotic Movement for Safeguard and Restoration" .
actor:ibrahim-traore a ag:Person ; skos:prefLabel "Ibrahim Traore" ;
    ag:office [ ag:heads actor:burkina-faso-junta ; ag:title "junta leader" ; ag:start "2022"^^xsd:gYear ] ,
              [ ag:heads actor:mpsr ; ag:title "captain" ; ag:start "2022-09-30"^^xsd:date ; ag:end "2022-09-29"^^xsd:date ] .
actor:paul-henri-damiba a ag:Person ; skos:prefLabel "Paul-Henri Damiba" ;
    ag:office [ ag:heads actor:mpsr ; ag:title "president" ; ag:start "2022-01-24"^^xsd:date ; ag:end "2022-09-30"^^xsd:date ] .
"""


@pytest.mark.parametrize("title,day,expected", [
    ("junta leader", dt.date(2023, 4, 1), "Burkina Faso junta"),
    ("Leader", dt.date(2023, 4, 1), "Burkina Faso junta"),            # "junta" qualifies the same office
    ("Interim Junta Leader", None, "Burkina Faso junta"),            # no report date: any day
    ("junta leader", dt.date(2022, 1, 1), "Burkina Faso junta"),     # a year-only start covers its whole year
    ("junta leader", dt.date(2021, 12, 31), None),                   # before the office
    ("president", dt.date(2023, 4, 1), None),                        # an office of another title
    ("captain", dt.date(2022, 9, 30), None),                         # an office whose end precedes its start holds no day
], ids=["title", "qualified", "undated", "year_start", "before", "other_title", "empty"])
def test_actors_office_heading_reads_title_and_dates(title, day, expected):
    d = ActorDictionary.from_turtle(OFFICES)
    found = d.office_heading(d.lookup("Ibrahim Traore").iri, title, day)
    assert (found.label if found else None) == expected


@pytest.mark.parametrize("day,expected", [
    (dt.date(2022, 9, 30), "Patriotic Movement for Safeguard and Restoration"),  # the last day of the office
    (dt.date(2022, 9, 30) + dt.timedelta(days=OFFICE_GRACE_DAYS), "Patriotic Movement for Safeguard and Restoration"),
    (dt.date(2022, 10, 1) + dt.timedelta(days=OFFICE_GRACE_DAYS), None),
    (dt.date(2023, 10, 1), None),
], ids=["last_day", "last_day_of_grace", "after_grace", "a_year_later"])
def test_actors_office_heading_allows_a_grace_after_the_end(day, expected):
    """A report of the days after a fall still titles the fallen leader; later the title is no evidence."""
    d = ActorDictionary.from_turtle(OFFICES)
    found = d.office_heading(d.lookup("Paul-Henri Damiba").iri, "president", day)
    assert (found.label if found else None) == expected


def test_actors_organ_of_a_state_is_its_own_actor_or_none(dictionary):
    d = ActorDictionary.from_turtle(OFFICES + """
actor:sudan a ag:State ; skos:prefLabel "Sudan" ; skos:altLabel "Sudanese government" ; ag:adjective "Sudanese" .
actor:saf a ag:ArmedForces ; skos:prefLabel "Sudanese Armed Forces" ; skos:altLabel "Sudanese army" .""")
    sudan = d.lookup("Sudan").iri
    assert d.organ_of(sudan, "army").label == "Sudanese Armed Forces"
    assert d.organ_of(sudan, "government") is None  # folded into the state


def test_actors_office_heading_of_two_bodies_needs_the_report_to_name_one():
    d = ActorDictionary.from_turtle(OFFICES + """
actor:g9 a ag:ArmedGroup ; skos:prefLabel "G9" .
actor:viv-ansanm a ag:Coalition ; skos:prefLabel "Viv Ansanm" .
actor:jimmy-cherizier a ag:Person ; skos:prefLabel "Jimmy Cherizier" ;
    ag:office [ ag:heads actor:g9 ; ag:title "leader" ; ag:start "2020"^^xsd:gYear ] ,
              [ ag:heads actor:viv-ansanm ; ag:title "leader" ; ag:start "2023"^^xsd:gYear ] .""")
    person, day = d.lookup("Jimmy Cherizier").iri, dt.date(2024, 12, 6)
    assert d.office_heading(person, "leader", day) is None  # which of the two: not said
    assert d.office_heading(person, "leader", day, {d.lookup("Viv Ansanm").iri}).label == "Viv Ansanm"
    assert d.office_heading(person, "leader", dt.date(2021, 6, 1)).label == "G9"  # only one held then


@pytest.mark.parametrize("name, expected", [("JeM", None), ("JEM", "Justice and Equality Movement"), ("LeT", "Lashkar-e-Taiba")],
                         ids=["respelt", "as-written", "its-own-spelling"])
def test_actors_a_mixed_case_acronym_is_looked_up_as_written(dictionary, name, expected):
    """"JeM" (Jaish-e-Mohammed) folds to Sudan's "JEM" in lower case; as written it names no actor the dictionary has."""
    for found in (dictionary.lookup(name), dictionary.by_adjective(name)):
        assert (found.label if found else None) == expected


@pytest.mark.slow
def test_actors_a_respelt_acronym_is_no_argument(claims_of):
    assert not [c for c in claims_of("Indian jets struck JeM camps in Bahawalpur.")
                if "Justice and Equality Movement" in (c.subject.label, c.object.label)]
