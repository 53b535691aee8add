"""``actorgraph report DIR`` on a real on-disk store written by the real RDF mapping (no spaCy)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.cli import main
from graph.models import Actor, Claim, Document
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads
from graph.store import OxigraphStore

ACTORS = {a.label: a for a in [
    Actor("https://w3id.org/actorgraph/id/actor/russia", "State", "Russia"),
    Actor("https://w3id.org/actorgraph/id/actor/iran", "State", "Iran"),
    Actor("https://w3id.org/actorgraph/id/actor/assad-government", "Government", "Assad government"),
    Actor("https://w3id.org/actorgraph/id/actor/hts", "ArmedGroup", "Hayat Tahrir al-Sham", ("HTS",)),
    Actor("https://w3id.org/actorgraph/id/actor/united-states", "State", "United States"),
    Actor("https://w3id.org/actorgraph/id/actor/turkey", "State", "Turkey"),
    Actor("https://w3id.org/actorgraph/id/actor/sdf", "ArmedGroup", "SDF"),
    Actor("https://w3id.org/actorgraph/id/actor/homs", "Settlement", "Homs"),
]}
ARTICLE = [
    ("Russia", "backs", "Assad government"), ("Iran", "backs", "Assad government"),
    ("Hayat Tahrir al-Sham", "opposes", "Assad government"), ("Hayat Tahrir al-Sham", "controls", "Homs"),
    ("United States", "backs", "SDF"), ("United States", "alliedWith", "Turkey"), ("Turkey", "opposes", "SDF"),
]


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    document = Document(text="An article about the war in Syria.", id="a1", url="https://example.org/a1")
    claims = [Claim(ACTORS[s], relation, ACTORS[o], "asserted", f"{s} {relation} {o}.", 0, 10, "test", 0.9)
              for s, relation, o in ARTICLE]
    iri = doc_iri(document)
    store = OxigraphStore(out / "store")
    store.write_documents([(iri, list(document_quads(document, iri)) + list(claim_quads(claims, iri)))],
                          actor_quads(ACTORS.values()))
    store.flush()
    del store
    return out


def test_report_text_lists_blocs_triads_and_central_actors(build_dir, capsys):
    assert main(["report", str(build_dir)]) == 0
    text = capsys.readouterr().out
    assert "8 actors and places, 7 relations from 7 claims" in text
    assert "  1. Assad government, Iran, Russia  [2 supporting claims]" in text
    assert "  2. SDF, United States  [1 supporting claims]" in text
    assert "  - SDF and United States are allied, United States and Turkey are allied, " \
           "but SDF and Turkey are opposed" in text
    central = text.split("Most central actors")[1].splitlines()
    assert central[2].split()[:4] == ["Assad", "government", "Government", "3"]
    assert "Homs" not in text.split("Most central actors")[1]


def test_report_json_is_machine_readable(build_dir, capsys):
    assert main(["report", str(build_dir), "--format", "json", "--top", "2"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [b["labels"] for b in report["blocs"]] == [["Assad government", "Iran", "Russia"],
                                                      ["SDF", "United States"]]
    assert [t["signs"] for t in report["triads"]] == [[1, 1, -1]]
    assert [c["label"] for c in report["central"]] == ["Assad government", "SDF"]


def test_report_accepts_the_store_folder_itself(build_dir, capsys):
    assert main(["report", str(build_dir / "store"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["relations"] == 7


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(lambda build, tmp: [str(tmp / "nowhere")], "nowhere: no store here", id="no-store"),
    pytest.param(lambda build, tmp: [str(build), "--top", "0"], "--top and --min-size must be at least 1",
                 id="bad-top"),
])
def test_report_user_errors_are_one_line(build_dir, tmp_path, capsys, args, message):
    assert main(["report", *args(build_dir, tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error: ") and message in err and err.count("\n") == 1


def test_report_never_lists_an_actor_of_degree_zero_as_central(tmp_path, capsys):
    """An actor whose only relation is with a place has no actor to be central among."""
    sna = Actor("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup", "Syrian National Army")
    document = Document(text="Russia backs the Syrian government; the SNA holds Homs.", id="a2")
    claims = [Claim(ACTORS["Russia"], "backs", ACTORS["Assad government"], "asserted", "Russia backs it.", 0, 16,
                    "test", 0.9),
              Claim(sna, "controls", ACTORS["Homs"], "asserted", "The SNA holds Homs.", 17, 36, "test", 0.9)]
    iri = doc_iri(document)
    with OxigraphStore(tmp_path / "store") as store:
        store.write_documents([(iri, list(document_quads(document, iri)) + list(claim_quads(claims, iri)))],
                              actor_quads([sna, ACTORS["Russia"], ACTORS["Assad government"], ACTORS["Homs"]]))
    assert main(["report", str(tmp_path), "--format", "json"]) == 0
    central = json.loads(capsys.readouterr().out)["central"]
    assert sorted(c["label"] for c in central) == ["Assad government", "Russia"]
