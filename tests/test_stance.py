"""Stance of claims (graph/rules/stance.py): an aim or a possibility is a claim, not a fact.

"Fighting to retake X", "a campaign to seize X", "in a bid to capture X", "vowed to", "plans to",
"threatened to" say what an actor wants: the relation they name is kept as an *intended* claim and
never becomes an edge. "Could capture X", "if X captured Y", "is expected to" say what may happen: a
*hypothetical* claim, no edge either. "Managed to take X", "were forced to pull out", "the first town
to fall to X" report what happened; "failed to capture X" says it did not.
"""
from __future__ import annotations

import pytest

E = tuple[str, str, str]

PURPOSE: list[tuple[str, str, E, str]] = [
    ("fighting_to", "Opposition fighters were battling to retake Maarat al-Numan.", ("Syrian rebels", "controls", "Maarat al-Numan"), "intended"),
    ("advanced_to", "Turkish soldiers pushed south to seize Tell Rifaat.", ("Turkey", "controls", "Tell Rifaat"), "intended"),
    ("campaign_to", "The SDF began a campaign to capture Raqqa in June.", ("SDF", "controls", "Raqqa"), "intended"),
    ("bid_to", "HTS shelled Saraqib in a bid to take the town of Maarat al-Numan.", ("HTS", "controls", "Maarat al-Numan"), "intended"),
    ("owner_of_aim", "Hezbollah's push to recapture Qusayr stalled in May.", ("Hezbollah", "controls", "Qusayr"), "intended"),
    ("ready_to", "Government troops were getting ready to storm Daraa.", ("Assad government", "controls", "Daraa"), "intended"),
    ("withdraw_aim", "Russian units moved north to leave Qamishli.", ("Russia", "withdrewFrom", "Qamishli"), "intended"),
    ("offensive_to", "Ethiopian troops launched an offensive to seize Mekelle.", ("Ethiopia", "controls", "Mekelle"), "intended"),
    ("attempt_to", "Tigrayan forces made an attempt to seize Dessie.", ("TPLF", "controls", "Dessie"), "intended"),
    ("started_an_offensive_to", "Ethiopian troops, who last week started an offensive to capture Mekelle, shelled Adigrat.",
     ("Ethiopia", "controls", "Mekelle"), "intended"),
    ("began_an_operation_to", "The Houthis began an operation to retake Marib.", ("Houthis", "controls", "Marib"), "intended"),
    ("launched_a_push_to", "Houthi fighters launched a push to capture Marib.", ("Houthis", "controls", "Marib"), "intended"),
    ("began_to", "The Russian units began to withdraw from Kherson on Wednesday.", ("Russia", "withdrewFrom", "Kherson"), "asserted"),
    ("managed_to", "The rebels managed to capture Hama after a week.", ("Syrian rebels", "controls", "Hama"), "asserted"),
    ("forced_to", "Hezbollah fighters were forced to pull out of Qusayr.", ("Hezbollah", "withdrewFrom", "Qusayr"), "asserted"),
    ("failed_to", "The SNA failed to take Manbij despite weeks of shelling.", ("SNA", "controls", "Manbij"), "negated"),
]

#: an actor's aim, plan, vow, attempt or threat (lexicon intent-verbs): intended
INTENTION: list[tuple[str, str, E]] = [
    ("vowed_to", "Ukrainian forces vowed to retake Kherson before winter.", ("Ukraine", "controls", "Kherson")),
    ("threatened_to", "The RSF threatened to seize El Obeid.", ("RSF", "controls", "El Obeid")),
    ("aims_to", "Al-Shabaab aims to capture Baidoa.", ("al-Shabaab", "controls", "Baidoa")),
    ("sought_to", "M23 sought to seize Goma.", ("M23", "controls", "Goma")),
    ("intends_to", "Azerbaijan intends to take Shusha.", ("Azerbaijan", "controls", "Shusha")),
    ("plans_to_attack", "The junta plans to attack the Kachin Independence Army in Bhamo.",
     ("Myanmar military", "opposes", "Kachin Independence Army")),
]

#: a possibility, a condition or a forecast: hypothetical, not intended
POSSIBILITY: list[tuple[str, str, E]] = [
    ("if_captured", "If Russia captured Kharkiv, the war would change.", ("Russia", "controls", "Kharkiv")),
    ("could", "Russian troops could capture Pokrovsk within weeks.", ("Russia", "controls", "Pokrovsk")),
    ("expect", "Analysts expect the RSF to capture El Fasher.", ("RSF", "controls", "El Fasher")),
]


def statuses_of(claims, iri, edge: E) -> set[str]:
    """The statuses of the claims of ``edge``: its subject by dictionary name, its object by label or alias
    (a place of the gazetteer is no dictionary name)."""
    s, rel, o = edge
    return {c.status for c in claims
            if (c.subject.iri, c.relation) == (iri(s), rel) and (o == c.object.label or o in c.object.aliases)}


@pytest.mark.slow
@pytest.mark.parametrize("text,edge,status", [c[1:] for c in PURPOSE], ids=[c[0] for c in PURPOSE])
def test_stance_purpose_clause(claims_of, iri, text, edge, status):
    assert statuses_of(claims_of(text), iri, edge) == {status}


@pytest.mark.slow
@pytest.mark.parametrize("text,edge", [c[1:] for c in INTENTION], ids=[c[0] for c in INTENTION])
def test_stance_intention_is_intended_and_no_edge(claims_of, iri, text, edge):
    claims = claims_of(text)
    assert statuses_of(claims, iri, edge) == {"intended"}
    assert not [c for c in claims if c.status == "asserted" and c.subject.iri == iri(edge[0])]


@pytest.mark.slow
@pytest.mark.parametrize("text,edge", [c[1:] for c in POSSIBILITY], ids=[c[0] for c in POSSIBILITY])
def test_stance_possibility_stays_hypothetical(claims_of, iri, text, edge):
    claims = claims_of(text)
    assert statuses_of(claims, iri, edge) == {"hypothetical"}
    assert not [c for c in claims if c.status == "asserted" and c.subject.iri == iri(edge[0])]


@pytest.mark.slow
def test_stance_purpose_does_not_touch_backing(claims_of, iri):
    """Sending troops to back an actor is backing it: only achievements (control, withdrawal) are aims."""
    claims = claims_of("Iran dispatched advisers to support the Syrian army in Aleppo.")
    assert {c.status for c in claims if (c.subject.iri, c.relation, c.object.iri) ==
            (iri("Iran"), "backs", iri("Assad government"))} == {"asserted"}


@pytest.mark.slow
def test_stance_an_aim_makes_no_edge(edges_of, iri):
    found = edges_of("The army launched an offensive to seize Idlib, but the rebels held the city.")
    assert (iri("Assad government"), "controls", iri("Idlib")) not in found
