"""What anaphors may refer back to (graph/anaphora.py, through graph/coref.py), on sentences written for
these tests and run through the real pipeline: each case lists edges that must be found and edges that
must not (a wrong antecedent is a wrong edge)."""
from __future__ import annotations

import pytest
import spacy

from graph.actors import normalize
from graph.anaphora import dateline_end, is_outlet
from graph.lexicon import default_lexicon
from graph.models import Actor, Mention

E = tuple[str, str, str]

CASES: list[tuple[str, str, list[E], list[E]]] = [
    # a news agency is the source of a report, never what "the group" stands for
    ("agency_not_group", "ISIS fighters fled Baghouz, the Associated Press reported. The group later captured Hajin.",
     [("Islamic State", "controls", "Hajin")], [("Associated Press", "controls", "Hajin")]),
    ("agency_not_possessor", "ISIS fighters fled Baghouz, the Associated Press reported. Abu Bakr al-Baghdadi, "
     "the group's leader, was not seen.",
     [("Abu Bakr al-Baghdadi", "leads", "Islamic State")], [("Abu Bakr al-Baghdadi", "leads", "Associated Press")]),
    # a description that an armed group's adjectives qualify still refers back; another adjective does not
    ("militant_group", "The Abu Sayyaf Group raided Zamboanga. The militant group later seized Marawi.",
     [("Abu Sayyaf Group", "controls", "Marawi")], []),
    ("other_kind_of_group", "The Abu Sayyaf Group raided Zamboanga. The Maoist group later seized Marawi.",
     [], [("Abu Sayyaf Group", "controls", "Marawi")]),
    # "the group" refers back through the descriptions of the sentence before to the name before them
    ("chain", "The Abu Sayyaf Group raided Zamboanga. The militant group's gunmen fled, the organisation said. "
     "The group later seized Marawi.",
     [("Abu Sayyaf Group", "controls", "Marawi")], []),
    # "the rebels": the group the sentence before was about, not whoever it named
    ("rebels_previous_subject", "The New People's Army attacked Davao on Sunday. The rebels later captured Mati.",
     [("New People's Army", "controls", "Mati")], []),
    ("rebels_not_contractors", "Wagner contractors trained soldiers in Davao. The rebels captured Mati.",
     [], [("Wagner Group", "controls", "Mati")]),
    # a possessive beside a name describes that name by another actor: "Iran, its main backer"
    ("possessive_beside_a_name", "The strike hit Hezbollah and Iran, its main backer.",
     [("Iran", "backs", "Hezbollah")], []),
    # "the capital": the one national capital the report named before
    ("the_capital", "Taliban fighters entered Kabul on Sunday. The capture of the capital by the Taliban ended the war.",
     [("Taliban", "controls", "Kabul")], []),
    ("the_demonym_capital", "The RSF shelled Khartoum. Later the paramilitaries seized the Sudanese capital.",
     [("Rapid Support Forces", "controls", "Khartoum")], []),
    ("a_region_s_capital", "The RSF shelled Khartoum and El Fasher. Later the RSF seized Darfur's capital.",
     [], [("Rapid Support Forces", "controls", "Khartoum")]),
    ("two_capitals", "RSF fighters shelled Khartoum and Tripoli. The RSF later captured the capital.",
     [], [("Rapid Support Forces", "controls", "Khartoum"), ("Rapid Support Forces", "controls", "Tripoli")]),
    # a described settlement: the one named in its sentence or the one before, not another one
    ("described_town", "M23 attacked Bunagana on Monday. By evening M23 had captured the strategic town.",
     [("M23", "controls", "Bunagana")], []),
    ("described_capital", "Ukraine said its forces were entering Kherson, days after Russia said its troops had "
     "pulled out of the only regional capital it had taken.", [("Russia", "withdrewFrom", "Kherson")], []),
    ("described_two_towns", "Rebels attacked Goma and Bukavu on Monday. By evening the army had abandoned the border town.",
     [], [("Congolese army", "withdrewFrom", "Goma"), ("Congolese army", "withdrewFrom", "Bukavu")]),
    ("another_town", "M23 attacked Bunagana on Monday. By evening M23 had captured the neighbouring town.",
     [], [("M23", "controls", "Bunagana")]),
    # an object pronoun where a place is wanted: the phrase before it, never the clause's subject
    ("pronoun_place_phrase", "Kurdish fighters advanced into the districts of Kobani and took them back.",
     [("Kurdish forces", "controls", "Kobani")], [("Kurdish forces", "controls", "Kurdish forces")]),
    ("pronoun_place_conjoined_verb", "Al-Shabaab attacked Baidoa on Friday and captured it.",
     [("al-Shabaab", "controls", "Baidoa")], []),
    ("pronoun_place_withdrawal", "M23 shelled Goma, and Congolese troops then pulled out of it.",
     [("Congolese army", "withdrewFrom", "Goma")], [("M23", "withdrewFrom", "Goma")]),
    ("pronoun_not_the_place_beside", "Gunmen stormed a base near Goma and held it.",
     [], [("Gunmen", "controls", "Goma")]),
]


@pytest.fixture(scope="module")
def named_edges(claims_of, dictionary):
    """``named_edges(text)`` -> a function telling whether an edge between two names was asserted, each name
    read as the dictionary's actor, else as the actor a report naming it discovers."""

    def key(name: str) -> str:
        actor = dictionary.lookup(name)
        return normalize(actor.label if actor is not None else name)

    def run(text: str):
        found = {(normalize(c.subject.label), c.relation, normalize(c.object.label))
                 for c in claims_of(text) if c.status == "asserted"}
        return lambda s, rel, o: (key(s), rel, key(o)) in found, found

    return run


@pytest.mark.slow
@pytest.mark.parametrize("text,expected,forbidden", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_anaphora_resolution_in_relations(named_edges, text, expected, forbidden):
    has, found = named_edges(text)
    for edge in expected:
        assert has(*edge), f"missing {edge}; found {sorted(found)}"
    for edge in forbidden:
        assert not has(*edge), f"should not find {edge}"


@pytest.mark.slow
def test_anaphora_dateline_is_no_antecedent(extractor):
    """"its fighters" after a dateline naming Somalia are al-Shabaab's, and the dateline's town no place of it."""
    from graph.coref import CorefResolver

    doc = extractor.nlp("BAIDOA, Somalia (Reuters) — Al-Shabaab captured two towns on Sunday, days after its "
                        "fighters attacked a base in that area.")
    coref = CorefResolver(doc, extractor.dictionary)
    for sent in doc.sents:
        coref.enter(sent)
    its = next(t for t in doc if t.lower_ == "its")
    area = next(t for t in doc if t.lower_ == "area")
    assert coref.resolve(its).actor.label == "al-Shabaab"
    assert coref.resolve(area) is None


@pytest.mark.parametrize("text,end", [
    ("GOMA, Congo (AP) — Rebels took the town.", 7),
    ("KYIV, Jan 3 - Russian forces shelled Kharkiv.", 5),
    ("KYIV (AP) - Russian forces shelled Kharkiv.", 5),
    ("Rebels took Goma — again.", 0),
    ("M23 took Goma - again.", 0),
    ("ISIS seized Raqqa — again.", 0),
], ids=["agency", "date", "agency_only", "no_capitals", "capital_name", "capital_acronym"])
def test_anaphora_dateline_end(text, end):
    assert dateline_end(spacy.blank("en")(text)) == end


@pytest.mark.parametrize("name,kind,outlet", [
    ("the Associated Press", "Organization", True),
    ("Reuters", "Organization", True),
    ("Iran's Tasnim news agency", "Organization", True),
    ("Radio Free Asia", "Organization", True),
    ("Islamic State", "ArmedGroup", False),
    ("Syrian Observatory for Human Rights", "Organization", False),
], ids=["press", "agency_name", "news_agency", "radio", "armed_group", "monitor"])
def test_anaphora_is_outlet(name, kind, outlet):
    mention = Mention(0, len(name), name, Actor("https://example.org/x", kind, name), "discovered")
    assert is_outlet(mention, default_lexicon()) is outlet
