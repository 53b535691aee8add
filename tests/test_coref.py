"""Mentions, pronouns and descriptors resolved within one article."""
from __future__ import annotations

import pytest

from graph.coref import CorefResolver, document_mentions


@pytest.fixture(scope="module")
def resolve(extractor):
    """``resolve(text, word)`` -> label of the actor the first ``word`` in ``text`` refers to."""

    def run(text: str, word: str, nth: int = 0) -> str | None:
        doc = extractor.nlp(text)
        coref = CorefResolver(doc, extractor.dictionary)
        for sent in doc.sents:
            coref.enter(sent)
            hits = [t for t in sent if t.lower_ == word]
            if hits:
                token = hits[nth]
                antecedent = coref.antecedent_token(token)
                if antecedent is not None:
                    mention = coref.mention_at(antecedent) or next(
                        coref.mentions[t.i] for t in antecedent.subtree if t.i in coref.mentions)
                    return mention.actor.label
                found = coref.resolve(token)
                return found.actor.label if found else None
        return None

    return run


@pytest.mark.parametrize("text,word,expected", [
    ("Abu Mohammed al-Jolani spoke in Aleppo. He promised to protect minorities.", "he", "Abu Mohammad al-Julani"),
    ("The Syrian army said it withdrew from Hama.", "it", "Assad government"),
    ("The Syrian army said its units withdrew from Hama.", "its", "Assad government"),
    ("Russia and Iran reaffirmed their support for Damascus.", "their", "Russia"),
    ("The SDF held Raqqa for years. The group now faces pressure from Turkey.", "group", "Syrian Democratic Forces"),
    ("HTS captured Idlib. Then the city was shelled.", "city", "Idlib"),
    ("Qatar condemned the raid. Hezbollah, which lost fighters in its war with Israel, left Syria.", "its", "Hezbollah"),
    ("Local factions kept their weapons. ISIS cells remain in the desert, where they ambush patrols.", "they", "Islamic State"),
], ids=["he", "speaker_it", "speaker_its", "clause_subject", "the_group", "the_city", "relative_clause_its",
        "main_clause_subject_first"])
def test_coref_pronouns_and_descriptors(resolve, text, word, expected):
    assert resolve(text, word) == expected


def test_coref_looks_back_one_sentence_only(resolve):
    text = "HTS captured Idlib. Aid workers arrived in the morning. Residents were calm. Then the group left."
    assert resolve(text, "group") is None


def test_coref_they_is_not_a_state(resolve):
    assert resolve("Turkey shelled the border. They also fired at Kobani.", "they") is None


def test_coref_surnames_link_to_the_person_named_before(extractor):
    doc = extractor.nlp("Mohammed al-Bashir was named prime minister. Al-Bashir had run Idlib.")
    people = {m.actor.iri for m in document_mentions(doc, extractor.dictionary).values() if m.actor.type == "Person"}
    assert len(people) == 1


def test_coref_named_facilities_become_places(extractor):
    doc = extractor.nlp("Rebels stormed the notorious Saydnaya prison.")
    mentions = {m.text: m.actor.type for m in document_mentions(doc, extractor.dictionary).values()}
    assert mentions.get("Saydnaya prison") == "Facility"


@pytest.mark.parametrize("text,expected", [
    ("The Three Brotherhood Alliance was formed in 2019. The MNDAA said it had taken Laukkai. "
     "Later the alliance attacked the army.", "Three Brotherhood Alliance"),
    ("NATO jets flew over Belgrade. The KLA ambushed a police patrol near Pec. The alliance said it hit tanks.", "NATO"),
    ("Mali, Burkina Faso and Niger set up the Alliance of Sahel States. The alliance rejected the ECOWAS ultimatum.",
     "Alliance of Sahel States"),
    ("The Myanmar National Democratic Alliance Army shelled Laukkai. The alliance said it lost fighters.", None),
    ("Hezbollah fired rockets at Israel. The alliance said the strikes were a warning.", None),
], ids=["coalition_named_two_sentences_back", "alliance_in_a_name_of_nato", "alliance_of", "alliance_not_the_head",
        "an_armed_group_is_no_alliance"])
def test_coref_the_alliance_is_a_coalition_named_before(extractor, text, expected):
    doc = extractor.nlp(text)
    coref = CorefResolver(doc, extractor.dictionary)
    found = None
    for sent in doc.sents:
        coref.enter(sent)
        for token in sent:
            if token.text == "alliance":  # written in lower case: the anaphor, not a name's word
                found = coref.resolve(token)
    assert (found.actor.label if found else None) == expected


@pytest.mark.parametrize("text,expected", [
    ("Overnight, Marines who crossed the Diyala river into eastern Baghdad fought Fedayeen Saddam paramilitaries.", set()),
    ("Philippine troops and the Marines attacked Maute positions in Marawi.", {"Philippines"}),
], ids=["iraq_report", "philippines_report"])
def test_coref_a_descriptor_the_ner_takes_for_a_name_is_read_in_the_report_s_theatre(extractor, text, expected):
    """"Marines" (the Philippines' descriptor "the marines"), typed by the NER and not the ruler, names the
    Philippines only in a report about the Philippines."""
    doc = extractor.nlp(text)
    found = {m.actor.label for m in document_mentions(doc, extractor.dictionary).values() if m.text.endswith("Marines")}
    assert found == expected
