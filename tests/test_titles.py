"""Titles give leads or membership (graph/rules/hooks/role.py): the body the text names with the title,
else the body of the person's office of that title in the dictionary (ag:office, held on the day the claim
refers to, or ended at most OFFICE_GRACE_DAYS before it), else the state's organ of its own, else the state. Sentences written for these tests; the
dictionary is the fixture below (facts of the wars, so the tests do not depend on the theatre files)."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.actors import OFFICE_GRACE_DAYS, ActorDictionary
from graph.config import Settings
from graph.extract import Extractor
from graph.models import Document

FIXTURE = """
@prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
actor:yemen a ag:State ; skos:prefLabel "Yemen" ; ag:adjective "Yemeni" .
actor:yemeni-government a ag:Government ; skos:prefLabel "Yemeni government" ; skos:altLabel "Hadi government" .
actor:houthis a ag:ArmedGroup ; skos:prefLabel "Houthis" ; skos:altLabel "Houthi rebels" .
actor:libya a ag:State ; skos:prefLabel "Libya" ; ag:adjective "Libyan" .
actor:libyan-national-army a ag:ArmedGroup ; skos:prefLabel "Libyan National Army" ; skos:altLabel "LNA" .
actor:russia a ag:State ; skos:prefLabel "Russia" ; skos:altLabel "Moscow" ; ag:adjective "Russian" .
actor:ethiopia a ag:State ; skos:prefLabel "Ethiopia" ; ag:adjective "Ethiopian" .
actor:ethiopian-government a ag:Government ; skos:prefLabel "Ethiopian government" ; skos:altLabel "Addis Ababa government" .
actor:abdrabbuh-mansour-hadi a ag:Person ; skos:prefLabel "Abdrabbuh Mansour Hadi" ;
    ag:office [ ag:heads actor:yemeni-government ; ag:title "president" ;
                ag:start "2012-02-25"^^xsd:date ; ag:end "2022-04-07"^^xsd:date ] .
actor:khalifa-haftar a ag:Person ; skos:prefLabel "Khalifa Haftar" ;
    ag:office [ ag:heads actor:libyan-national-army ; ag:title "commander" ; ag:start "2015"^^xsd:gYear ] .
actor:sergei-shoigu a ag:Person ; skos:prefLabel "Sergei Shoigu" ; ag:memberOf actor:russia .
"""
DAY = dt.date(2019, 4, 10)


@pytest.fixture(scope="module")
def titled():
    """``titled(text, published)`` -> {(subject, relation, object)} of the asserted claims, by label."""
    extractor = Extractor(Settings(), ActorDictionary.from_turtle(FIXTURE))

    def run(text: str, published: dt.date | None = DAY) -> set[tuple[str, str, str]]:
        ((_, claims),) = list(extractor.extract([Document(text=text, published=published)]))
        return {(c.subject.label, c.relation, c.object.label) for c in claims if c.status == "asserted"}

    return run


pytestmark = pytest.mark.slow

CASES = [
    ("state_adjective_office", "Yemeni President Abdrabbuh Mansour Hadi flew to Riyadh as the Houthis closed in on Aden.",
     ("Abdrabbuh Mansour Hadi", "leads", "Yemeni government")),
    ("title_alone_office", "President Abdrabbuh Mansour Hadi left Aden by boat on Wednesday.",
     ("Abdrabbuh Mansour Hadi", "leads", "Yemeni government")),
    ("commander_office", "The eastern commander Khalifa Haftar ordered his troops to march on Tripoli.",
     ("Khalifa Haftar", "leads", "Libyan National Army")),
    ("possessive_group", "Haftar's Libyan National Army pushed into the southern suburbs of Tripoli.",
     ("Khalifa Haftar", "leads", "Libyan National Army")),
    ("organ_of_state", "Ethiopian Prime Minister Hailemariam Desalegn resigned after months of protests.",
     ("Hailemariam Desalegn", "leads", "Ethiopian government")),
    ("state_without_organ", "Libyan Prime Minister Abdul Hamid Dbeibah promised elections within a year.",
     ("Abdul Hamid Dbeibah", "leads", "Libya")),
    ("minister_of_his_government", "Defence Minister Sergei Shoigu inspected the units dug in near Kherson.",
     ("Sergei Shoigu", "memberOf", "Russia")),
    ("deputy_is_a_member", "Ethiopian Deputy Prime Minister Demeke Mekonnen met the envoys in Addis Ababa.",
     ("Demeke Mekonnen", "memberOf", "Ethiopian government")),
]


@pytest.mark.parametrize("text,edge", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_titles_give_leads_or_membership(titled, text, edge):
    found = titled(text)
    assert edge in found, sorted(found)
    person, relation, _ = edge
    other = {"leads": "memberOf", "memberOf": "leads"}[relation]
    assert not [e for e in found if e[0] == person and e[1] == other], "one title is one relation"


@pytest.mark.parametrize("text,published", [
    ("President Abdrabbuh Mansour Hadi left Aden by boat on Wednesday.", dt.date(2023, 5, 2)),
    ("General Abdrabbuh Mansour Hadi left Aden by boat on Wednesday.", DAY),
    ("Former President Abdrabbuh Mansour Hadi left Aden by boat on Wednesday.", DAY),
    ("The eastern commander Khalifa Haftar ordered his troops to march on Tripoli.", dt.date(2011, 3, 1)),
], ids=["office_ended_before_the_report", "another_title", "former", "office_not_yet_held"])
def test_titles_office_is_evidence_only_for_its_title_and_dates(titled, text, published):
    found = titled(text, published)
    assert not [e for e in found if e[1] in ("leads", "memberOf")], sorted(found)


HADI_END = dt.date(2022, 4, 7)  # the fixture's end of Hadi's presidency
LEFT = "President Abdrabbuh Mansour Hadi handed his powers to a council and stayed in Riyadh."


@pytest.mark.parametrize("text,published,holds", [
    (LEFT, HADI_END + dt.timedelta(days=2), True),
    (LEFT, HADI_END + dt.timedelta(days=OFFICE_GRACE_DAYS), True),
    (LEFT, HADI_END + dt.timedelta(days=OFFICE_GRACE_DAYS + 1), False),
    (LEFT, HADI_END + dt.timedelta(days=365), False),
    ("In March 2015, President Abdrabbuh Mansour Hadi fled Aden for Riyadh.", dt.date(2024, 1, 10), True),
    ("In March 2010, President Abdrabbuh Mansour Hadi fled Aden for Riyadh.", dt.date(2015, 6, 1), False),
], ids=["days_after_the_end", "last_day_of_grace", "after_the_grace", "a_year_later", "dated_in_office",
        "dated_before_office"])
def test_titles_office_read_on_the_claims_day_with_grace(titled, text, published, holds):
    """The office is read on the day the claim refers to (its date in the sentence, else the report's), and
    a report written in the days after an office ended still titles its holder."""
    assert (("Abdrabbuh Mansour Hadi", "leads", "Yemeni government") in titled(text, published)) is holds


@pytest.mark.parametrize("text,holds", [
    ("Houthi fighters celebrated the fall of President Abdrabbuh Mansour Hadi.", False),
    ("After President Abdrabbuh Mansour Hadi's ouster, the Houthis held Sanaa.", False),
    ("The Houthis proclaimed the end of President Abdrabbuh Mansour Hadi's rule.", False),
    ("The end of President Abdrabbuh Mansour Hadi's visit came on Monday.", True),
], ids=["fall_of", "ouster", "end_of_rule", "end_of_a_visit"])
def test_titles_ouster_of_the_holder_is_a_former_title(titled, text, holds):
    """A title whose holder an ouster noun governs says the post is lost (lexicon ouster-nouns, rule-nouns)."""
    assert (("Abdrabbuh Mansour Hadi", "leads", "Yemeni government") in titled(text)) is holds


def test_titles_office_dates_do_not_apply_without_a_report_date(titled):
    assert ("Abdrabbuh Mansour Hadi", "leads", "Yemeni government") in \
        titled("President Abdrabbuh Mansour Hadi left Aden by boat on Wednesday.", None)


def test_titles_portfolio_is_no_organisation(titled):
    found = titled("Defense Minister Sergei Shoigu said the Russian army had taken Kherson.")
    assert ("Sergei Shoigu", "memberOf", "Russia") in found
    assert not [e for e in found if {"Defense", "Defence"} & {e[0], e[2]}]


@pytest.mark.parametrize("text,edge", [
    ("Mazloum Abdi, the SDF commander, said his fighters would hold Raqqa.", ("Mazloum Abdi", "leads", "SDF")),
    ("The SDF commander Mazloum Abdi toured the front near Manbij.", ("Mazloum Abdi", "leads", "SDF")),
    ("Iraqi Prime Minister Mohammed Shia al-Sudani met the delegation in Baghdad.", ("Mohammed Shia al-Sudani", "leads", "Iraq")),
    ("Prime Minister Mohammed Shia al-Sudani toured the front near Mosul.", ("Mohammed Shia al-Sudani", "leads", "Iraq")),
    ("Jolani's HTS swept into Aleppo within days.", ("Abu Mohammad al-Julani", "leads", "HTS")),
], ids=["apposition_after", "title_before", "bundled_adjective", "bundled_office", "possessive"])
def test_titles_with_the_bundled_dictionary(edges_of, iri, text, edge):
    s, rel, o = edge
    assert (iri(s), rel, iri(o)) in edges_of(text)


def test_titles_one_of_the_leaders(edges_of, iri):
    found = edges_of("Hassan Nasrallah, one of Hezbollah's leaders at the time, spoke from Beirut.")
    assert (iri("Hassan Nasrallah"), "leads", iri("Hezbollah")) in found


def test_titles_body_is_not_taken_from_a_clause_inside_the_title(edges_of, iri):
    """"the leader of one of the factions fighting Turkey's army": the factions are led, not Turkey."""
    found = edges_of("Ahmed Hassan, the leader of one of the small factions fighting Turkey's army, was killed near Afrin.")
    assert not [e for e in found if e[1] == "leads" and e[2] == iri("Turkey")]


def test_titles_x_led_coalition_is_led_not_joined(edges_of, iri):
    """The conventions read "the X-led coalition" as X leads it (member_of accepted instead, not as well)."""
    found = edges_of("The Turkish-led National Front for Liberation shelled Saraqib.")
    nfl = iri("National Front for Liberation")
    assert (iri("Turkey"), "leads", nfl) in found and (iri("Turkey"), "memberOf", nfl) not in found


@pytest.mark.parametrize("text", [
    "Mustafa Bali, a spokesman for the SDF, said the town was calm.",
    "SDF spokesperson Mustafa Bali said the town was calm.",
], ids=["spokesman_for", "spokesperson_title"])
def test_titles_spokespeople_are_no_members(edges_of, iri, text):
    """A spokesperson speaks for a body (its reporter), which says nothing of membership or command."""
    assert not [e for e in edges_of(text) if e[1] in ("memberOf", "leads")]


def test_titles_demonym_alone_is_never_an_actor(claims_of):
    claims = claims_of("Tigrayan forces retook Mekelle after the federal army pulled out.")
    labels = {c.subject.label.lower() for c in claims} | {c.object.label.lower() for c in claims}
    assert "tigrayan" not in labels


@pytest.mark.parametrize("text,edge", [
    ("US Defence Secretary Lloyd Austin toured the base near Erbil.", ("Lloyd Austin", "memberOf", "United States")),
    ("AU Commission chair Moussa Faki Mahamat called for a ceasefire in Sudan.",
     ("Moussa Faki Mahamat", "leads", "African Union")),
    ("Malaysia's Anwar Ibrahim, who chairs ASEAN, offered to mediate.", ("Anwar Ibrahim", "leads", "ASEAN")),
], ids=["secretary", "chair", "chairs"])
def test_titles_secretaries_and_chairs(claims_of, text, edge):
    found = {(c.subject.label, c.relation, c.object.label) for c in claims_of(text) if c.status == "asserted"}
    assert edge in found, sorted(found)


def test_titles_the_of_phrase_inside_a_title_is_no_body(claims_of):
    """"Secretary of State X" is one title: "State" is not the body X belongs to."""
    found = {(c.subject.label, c.relation, c.object.label) for c in claims_of(
        "Secretary of State Marco Rubio said Washington's priority was its troops in the region.")}
    assert not [e for e in found if e[2].lower() == "state"], sorted(found)


def test_titles_a_singular_title_has_one_holder(claims_of):
    """The title before the first of two names says nothing of the second (who has a title of his own)."""
    found = {(c.subject.label, c.relation, c.object.label) for c in claims_of(
        "The deal was reached at talks between Deputy Secretary of State Kurt Campbell and Niger's prime "
        "minister, Ali Lamine Zeine, whom the junta appointed.")}
    assert ("Ali Lamine Zeine", "leads", "Niger junta") in found
    assert not [e for e in found if e[0] == "Kurt Campbell"], sorted(found)
