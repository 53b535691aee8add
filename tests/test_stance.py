"""Stance of achievements under a purpose clause (graph/rules/stance.py): an aim is a claim, not a fact.

"Fighting to retake X", "a campaign to seize X", "in a bid to capture X" say what an actor wants; the
control they name is kept as a hypothetical claim and never becomes an edge. "Managed to take X",
"were forced to pull out", "the first town to fall to X" report what happened; "failed to capture X"
says it did not.
"""
from __future__ import annotations

import pytest

E = tuple[str, str, str]

PURPOSE: list[tuple[str, str, E, str]] = [
    ("fighting_to", "Opposition fighters were battling to retake Maarat al-Numan.", ("Syrian rebels", "controls", "Maarat al-Numan"), "hypothetical"),
    ("advanced_to", "Turkish soldiers pushed south to seize Tell Rifaat.", ("Turkey", "controls", "Tell Rifaat"), "hypothetical"),
    ("campaign_to", "The SDF began a campaign to capture Raqqa in June.", ("SDF", "controls", "Raqqa"), "hypothetical"),
    ("bid_to", "HTS shelled Saraqib in a bid to take the town of Maarat al-Numan.", ("HTS", "controls", "Maarat al-Numan"), "hypothetical"),
    ("owner_of_aim", "Hezbollah's push to recapture Qusayr stalled in May.", ("Hezbollah", "controls", "Qusayr"), "hypothetical"),
    ("ready_to", "Government troops were getting ready to storm Daraa.", ("Assad government", "controls", "Daraa"), "hypothetical"),
    ("withdraw_aim", "Russian units moved north to leave Qamishli.", ("Russia", "withdrewFrom", "Qamishli"), "hypothetical"),
    ("managed_to", "The rebels managed to capture Hama after a week.", ("Syrian rebels", "controls", "Hama"), "asserted"),
    ("forced_to", "Hezbollah fighters were forced to pull out of Qusayr.", ("Hezbollah", "withdrewFrom", "Qusayr"), "asserted"),
    ("failed_to", "The SNA failed to take Manbij despite weeks of shelling.", ("SNA", "controls", "Manbij"), "negated"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,edge,status", [c[1:] for c in PURPOSE], ids=[c[0] for c in PURPOSE])
def test_stance_purpose_clause(claims_of, iri, text, edge, status):
    s, rel, o = edge
    statuses = {c.status for c in claims_of(text) if (c.subject.iri, c.relation, c.object.iri) == (iri(s), rel, iri(o))}
    assert statuses == {status}


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
