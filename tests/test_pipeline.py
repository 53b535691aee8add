"""The spaCy side: the actor ruler's phrase patterns, and commands that never import spaCy."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from graph.actors import ActorDictionary
from graph.nlp.pipeline import _ACRONYM, add_actor_ruler

ROOT = Path(__file__).resolve().parent.parent
REAL_TEXTS = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))


@pytest.fixture(scope="module")
def aliases() -> dict[str, tuple[str, str]]:
    return ActorDictionary.bundled().ruler_aliases()


@pytest.fixture(scope="module")
def token_ruler(aliases):
    """The ruler as it was before phrase patterns: one LOWER token pattern per word (the reference)."""
    nlp = spacy.blank("en")
    patterns = []
    for alias, (iri, label) in sorted(aliases.items()):
        words = [t.text for t in nlp.make_doc(alias)]
        if words:
            exact = _ACRONYM.match(alias)
            patterns.append({"label": label, "id": iri,
                             "pattern": [{"ORTH": w} if exact else {"LOWER": w.lower()} for w in words]})
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "validate": False})
    ruler.add_patterns(patterns)
    return nlp


@pytest.fixture(scope="module")
def phrase_ruler(aliases):
    return add_actor_ruler(spacy.blank("en"), aliases)


def _spans(nlp, text: str) -> list[tuple[int, int, str, str]]:
    return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize("path", REAL_TEXTS, ids=[p.stem for p in REAL_TEXTS])
def test_phrase_ruler_finds_the_same_entities_as_token_patterns(path, token_ruler, phrase_ruler):
    text = path.read_text(encoding="utf-8")
    before = _spans(token_ruler, text)
    after = _spans(phrase_ruler, text)
    assert before, f"{path.name}: no dictionary actor found (the comparison would prove nothing)"
    assert after == before


@pytest.mark.parametrize(("text", "found"), [
    ("Fighters of the syrian national army advanced.", ["syrian national army"]),
    ("The US said it would stay.", ["US"]),
    ("Let us say it is over.", []),
    ("Units of the SDF and of IS clashed.", ["SDF", "IS"]),
], ids=["lower-case-name", "acronym", "acronym-lower-case-is-no-actor", "two-acronyms"])
def test_phrase_ruler_matches_names_in_any_case_and_acronyms_exactly(text, found, phrase_ruler):
    assert [e.text for e in phrase_ruler(text).ents] == found


NO_MODEL = """
import json, sys
from graph.cli import main
codes = []
for argv in json.loads(sys.argv[1]):
    try:
        codes.append(main(argv))
    except SystemExit as exc:
        codes.append(exc.code)
print(json.dumps({"codes": codes, "spacy": sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy."))}))
"""


@pytest.mark.slow
def test_commands_that_need_no_model_do_not_import_spacy(tmp_path):
    """``--help``, ``query`` and ``stats`` run without loading spaCy (its import alone takes most of a second)."""
    from graph.api import EXAMPLE_TRIG, ActorGraph
    from pyoxigraph import RdfFormat

    with ActorGraph.open(tmp_path) as graph:
        graph.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    commands = [["--help"], ["query", str(tmp_path), "SELECT ?a WHERE { ?a ?p ?o } LIMIT 1"], ["stats", str(tmp_path)],
                ["serve", "--help"]]
    done = subprocess.run([sys.executable, "-c", NO_MODEL, json.dumps(commands)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"codes": [0, 0, 0, 0], "spacy": []}
