"""The rule registry: every record's own examples on the real model, and what the registry promises.

Each record of ``ontology/rules/relations.yaml`` must fire on its ``fires`` sentences (the claim
with its subject, relation and object is made *by that record*) and must not fire at all on its
``misses``; a record without both fails. The README's phrasing table is generated from the
registry and must match it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.rules import RuleError, bundled_rules, load_rules, rulebook
from graph.rules.tables import phrasing_table

RULES = bundled_rules()
ROOT = Path(__file__).resolve().parent.parent
FIRES = [(rule, ex) for rule in RULES for ex in rule.fires]
MISSES = [(rule, ex) for rule in RULES for ex in rule.misses]


def test_rules_every_record_has_both_kinds_of_example():
    lacking = [r.name for r in RULES if not r.fires or not r.misses]
    assert lacking == [], f"records without a firing example and a near miss: {lacking}"


@pytest.mark.slow
@pytest.mark.parametrize("rule,example", FIRES, ids=[f"{r.name}:{i}" for i, (r, _) in enumerate(FIRES)])
def test_rules_record_fires_on_its_example(claims_of, iri, rule, example):
    claims = claims_of(example.text)
    made = {(c.subject.iri, c.relation, c.object.iri) for c in claims if c.rule == rule.name}
    expected = (iri(example.subject), rule.relation, iri(example.object))
    assert expected in made, (f"{rule.name} did not give {example.subject} {rule.relation} {example.object}; "
                              f"claims: {[(c.subject.label, c.relation, c.object.label, c.rule) for c in claims]}")


@pytest.mark.slow
@pytest.mark.parametrize("rule,example", MISSES, ids=[f"{r.name}:{i}" for i, (r, _) in enumerate(MISSES)])
def test_rules_record_does_not_fire_on_its_near_miss(claims_of, rule, example):
    fired = [(c.subject.label, c.relation, c.object.label) for c in claims_of(example.text) if c.rule == rule.name]
    assert fired == [], f"{rule.name} fired on its near miss {example.text!r}: {fired}"


def test_rules_names_are_unique_and_name_their_relation():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.name.split(".")[0] == r.relation for r in RULES)


def test_rules_every_trigger_key_is_in_the_lexicon_and_every_hook_exists():
    book = rulebook()  # raises on a hook or finder that is not registered
    keys = set(book.words.lexicon.keys())
    assert {t.words for r in RULES for t in r.triggers} <= keys


def test_rules_readme_table_is_generated_from_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert phrasing_table(RULES) in readme, "README phrasing table is stale: run python -m graph.rules.tables"


@pytest.mark.parametrize("text,problem", [
    ("rules: [{name: x}]", "missing relation"),
    ("rules: [{name: backs.x, relation: likes, phrasing: p, triggers: [{words: back-verbs}], confidence: 0.5, plover: AID}]",
     "unknown relation 'likes'"),
    ("rules: [{name: backs.x, relation: backs, phrasing: p, triggers: [{words: back-verbs}], confidence: 2, plover: AID}]",
     "confidence must be in (0, 1]"),
    ("rules: [{name: backs.x, relation: backs, phrasing: p, triggers: [{words: back-verbs}], confidence: 0.5, plover: HUG}]",
     "unknown PLOVER event type 'HUG'"),
    ("rules: [{name: backs.x, relation: backs, phrasing: p, triggers: [{words: back-verbs, match: stem}], "
     "confidence: 0.5, plover: AID}]", "match 'stem' is not one of"),
    ("rules: {name: x}", "expected a mapping with a 'rules' list"),
    ("rules: [: :", ""),
], ids=["missing", "relation", "confidence", "plover", "match", "shape", "yaml"])
def test_rules_bad_file_is_one_line_naming_it(tmp_path, text, problem):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(path)
    message = str(err.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_rules_duplicate_names_are_refused(tmp_path):
    record = "{name: backs.x, relation: backs, phrasing: p, triggers: [{words: back-verbs}], confidence: 0.5, plover: AID}"
    path = tmp_path / "twice.yaml"
    path.write_text(f"rules: [{record}, {record}]", encoding="utf-8")
    with pytest.raises(RuleError, match=re.escape("rule names must be unique: backs.x")):
        load_rules(path)


@pytest.mark.slow
def test_rules_a_sentence_of_five_thousand_tokens_does_not_exhaust_the_stack(extractor):
    """Issue 15.5: argument walks are bounded, so a 25 KB coordinated sentence is extracted."""
    from graph.models import Document
    text = "Russia backs the Syrian government and " + "fighters of the army and " * 1000 + "Hezbollah."
    assert len(text) > 25_000
    ((_, claims),) = list(extractor.extract([Document(text=text)]))
    assert ("Russia", "backs", "Assad government") in {(c.subject.label, c.relation, c.object.label) for c in claims}
