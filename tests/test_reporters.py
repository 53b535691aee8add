"""The source of a report ("..., US officials said", "according to Turkish officials", "a spokesman for
the SDF said", "Reuters reported") is recorded as the claim's reporter (graph/rules/stance.py), and its
phrase is never an argument of the claim it reports. Sentences written for these tests."""
from __future__ import annotations

import pytest

E = tuple[str, str, str]

REPORTED: list[tuple[str, str, E, str]] = [
    ("officials_said", "Iran supplies rockets to Hezbollah, US officials said.",
     ("Iran", "backs", "Hezbollah"), "United States"),
    ("officials_say", "Iran sends missiles to the Houthis, Israeli officials say.",
     ("Iran", "backs", "Houthis"), "Israel"),
    ("according_to_officials", "According to US officials, Iran has armed the Houthis.",
     ("Iran", "backs", "Houthis"), "United States"),
    ("state_said", "Iran delivered weapons to Hezbollah, Israel said.",
     ("Iran", "backs", "Hezbollah"), "Israel"),
    ("organ_said_in_statement", "The SNA attacked the SDF near Manbij, the Turkish defence ministry said in a statement.",
     ("SNA", "opposes", "SDF"), "Turkey"),
    ("group_said", "The SNA has received drones from Turkey, the SDF said.",
     ("Turkey", "backs", "SNA"), "SDF"),
]


@pytest.mark.parametrize("text,edge,reporter", [c[1:] for c in REPORTED], ids=[c[0] for c in REPORTED])
def test_reporters_source_is_the_reporter(claims_of, iri, text, edge, reporter):
    s, rel, o = edge
    found = [c for c in claims_of(text) if (c.subject.iri, c.relation, c.object.iri) == (iri(s), rel, iri(o))]
    assert found and all(c.reported_by is not None and c.reported_by.iri == iri(reporter) for c in found)


@pytest.mark.parametrize("text,source", [
    ("Iran supplies rockets to Hezbollah, US officials said.", "United States"),
    ("Turkey supplies drones to Azerbaijan, Russian officials said.", "Russia"),
    ("Iran delivered weapons to Hezbollah, Israel said.", "Israel"),
    ("Hezbollah fighters clashed with the SNA near Manbij, a spokesman for the SDF said.", "SDF"),
], ids=["officials_listed_after_the_object", "adjective_officials", "state", "spokesman_for"])
def test_reporters_source_is_no_argument(claims_of, iri, text, source):
    claims = claims_of(text)
    assert claims, "the reported claim itself is kept"
    assert all(iri(source) not in (c.subject.iri, c.object.iri) for c in claims), \
        [(c.subject.label, c.relation, c.object.label) for c in claims]


def test_reporters_news_agency_is_reporter_not_party(claims_of, iri):
    claims = claims_of("Hezbollah fighters clashed with the SNA near Manbij, Reuters reported.")
    assert {(c.subject.iri, c.object.iri) for c in claims} == {(iri("Hezbollah"), iri("SNA")), (iri("SNA"), iri("Hezbollah"))}
    assert {c.reported_by.label for c in claims} == {"Reuters"}


@pytest.mark.parametrize("text,edge", [
    ("Turkey said it backs the SNA.", ("Turkey", "backs", "SNA")),
    ("HTS claimed to have captured Hama.", ("HTS", "controls", "Hama")),
    ("The Syrian army said it had withdrawn from Hama.", ("Assad government", "withdrewFrom", "Hama")),
], ids=["speaker_pronoun", "claimed_to", "army_said_it"])
def test_reporters_speaker_may_still_be_the_agent_of_its_own_clause(edges_of, iri, text, edge):
    """Only the source's own phrase is excluded: "it" in the reported clause, or the shared subject of
    "claimed to have captured", is still the agent."""
    s, rel, o = edge
    assert (iri(s), rel, iri(o)) in edges_of(text)


def test_reporters_claim_inside_the_source_phrase_is_kept(edges_of, iri):
    """"according to X, the leader of Y": the claim is about the source itself."""
    text = "The offensive is a turning point, according to Abu Mohammed al-Jolani, the leader of HTS."
    assert (iri("Abu Mohammad al-Julani"), "leads", iri("HTS")) in edges_of(text)
