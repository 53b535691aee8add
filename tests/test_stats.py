"""``actorgraph stats DIR`` on a real build of two example articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import Store

from graph.api import ActorGraph
from graph.cli import main
from graph.ingest import iter_documents
from graph.namespaces import STATUSES
from graph.stats import collect

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARTICLES = [EXAMPLES / "doc02.txt", EXAMPLES / "doc04.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, extractor) -> Path:
    """A build folder (DIR/store) of two articles, made with the session's pipeline."""
    out = tmp_path_factory.mktemp("build")
    graph = ActorGraph.open(out, settings=extractor.settings, extractor=extractor)
    graph.add_documents(iter_documents(ARTICLES))
    graph.store.close()
    assert (out / "store" / "CURRENT").is_file()
    return out


def _json(built: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["stats", str(built), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_stats_counts_documents_and_words(built, capsys):
    figures = _json(built, capsys)
    assert figures["documents"] == 2
    assert figures["words"] == sum(len(p.read_text(encoding="utf-8").split()) for p in ARTICLES)
    assert figures["store_bytes"] > 0


def test_stats_groups_actors_relations_and_claims(built, capsys):
    figures = _json(built, capsys)
    store = Store.read_only(str(built / "store"))
    asserted = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)
                if q.predicate.value.startswith("https://w3id.org/actorgraph#")
                and q.predicate.value.rsplit("#", 1)[1] in figures["relations"]}
    assert sum(figures["relations"].values()) == len(asserted) > 0
    assert set(figures["relations"]) <= set(figures["relation_claims"])
    assert all(figures["relation_claims"][k] >= figures["relations"][k] for k in figures["relations"])
    assert sum(figures["relation_claims"].values()) == sum(figures["claims"].values())
    assert set(figures["claims"]) <= set(STATUSES)
    assert figures["claims"]["asserted"] >= len(asserted)
    assert {"ArmedGroup", "Settlement"} & set(figures["actors"])


def test_stats_text_lists_every_section(built, capsys):
    capsys.readouterr()
    assert main(["stats", str(built)]) == 0
    out = capsys.readouterr().out
    for heading in ("documents  2", "words ", "store ", "actors and places:", "relations: ", "claims by status:"):
        assert heading in out


def test_stats_of_an_empty_store_is_all_zero():
    figures = collect(Store())
    assert (figures.documents, figures.words, figures.actors, figures.relations, figures.claims) == (0, 0, {}, {}, {})


def test_stats_missing_store_is_one_line_error(tmp_path, capsys):
    assert main(["stats", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"actorgraph: error: {tmp_path / 'nowhere'}: no store here")


def test_stats_counts_an_alliance_once_per_pair():
    """alliedWith holds both ways: two articles stating it each way are one relation, as on the page."""
    from pyoxigraph import RdfFormat

    store = Store()
    store.load(b"""@prefix ag: <https://w3id.org/actorgraph#> . @prefix a: <https://w3id.org/actorgraph/id/actor/> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <https://w3id.org/actorgraph/id/doc/1> { a:sdf ag:alliedWith a:us .
          <https://w3id.org/actorgraph/id/claim/1> a ag:Claim ; rdf:predicate ag:alliedWith ; ag:status ag:Asserted . }
        <https://w3id.org/actorgraph/id/doc/2> { a:us ag:alliedWith a:sdf .
          <https://w3id.org/actorgraph/id/claim/2> a ag:Claim ; rdf:predicate ag:alliedWith ; ag:status ag:Asserted . }
        """, format=RdfFormat.TRIG)
    figures = collect(store)
    assert (figures.relations, figures.relation_claims) == ({"alliedWith": 1}, {"alliedWith": 2})


@pytest.mark.slow
def test_stats_counts_intended_claims_apart(extractor, capsys):
    """An aim ("vowed to retake") and a possibility ("could capture") are counted under their own statuses."""
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    graph.add_text("Ukrainian forces vowed to retake Kherson. Russian troops could capture Pokrovsk. "
                   "Russian forces captured Bakhmut.", published="2023-06-01")
    assert collect(graph.store.raw).claims == {"asserted": 1, "hypothetical": 1, "intended": 1}


_ENDS = b"""@prefix ag: <https://w3id.org/actorgraph#> . @prefix a: <https://w3id.org/actorgraph/id/actor/> .
    <https://w3id.org/actorgraph/id/doc/1> { a:sdf ag:alliedWith a:us . a:us ag:backs a:sdf . a:us ag:backs a:sna .
      a:sna ag:opposes a:sdf . a:sdf ag:alliedWith a:sdf . a:hts ag:controls a:idlib . }
    <https://w3id.org/actorgraph/id/doc/2> { a:us ag:alliedWith a:sdf . a:us ag:backs a:sdf . a:hts ag:controls a:idlib .
      a:sna ag:alliedWith a:sdf . }
    """


@pytest.mark.parametrize("odd", [b"", b'<https://w3id.org/actorgraph/id/doc/3> { a:us ag:backs "the rebels" . }',
                                 b"<https://w3id.org/actorgraph/id/doc/3> { [] ag:opposes a:sdf . a:us ag:leads [] . }",
                                 b'<https://w3id.org/actorgraph/id/doc/3> { a:us ag:alliedWith "Kurds" . }'],
                         ids=["iris", "literal-object", "blank-nodes", "literal-ally"])
def test_stats_relations_are_those_of_the_exact_query(odd):
    """The relations by kind, counted without a test of every triple's ends when no end is anything but
    an IRI, are those of ``stats-relations`` (which tests both ends of every triple), in its order;
    with a literal or a blank node at an end, they are that query's own."""
    from pyoxigraph import RdfFormat

    from graph.stats import _RELATIONS, _relations

    store = Store()
    store.load(_ENDS + odd, format=RdfFormat.TRIG)
    exact = {row["p"].value: int(row["edges"].value) for row in store.query(_RELATIONS)}
    got = _relations(store)
    assert list(got.items()) == list(exact.items())
    local = {k.rsplit("#", 1)[-1]: v for k, v in got.items()}
    assert local == {"backs": 2, "alliedWith": 3, "opposes": 1, "controls": 1}
