"""The canned SPARQL queries on a small, hand-written graph that follows docs/data-model.md.

Values are always bound (pyoxigraph ``substitutions``), never formatted into the text. The same
data also runs through rdflib, so that the queries stay portable SPARQL 1.1.
"""
from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store, Variable

from graph.namespaces import PREFIXES
from graph.queries import describe, load, names, ontology_dir

AG = "https://w3id.org/actorgraph#"
ACTOR = "https://w3id.org/actorgraph/id/actor/"
DOC = "https://w3id.org/actorgraph/id/doc/"
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")


INJECTION = '"} ; DROP ALL ; {'


def a(name: str) -> NamedNode:
    return NamedNode(ACTOR + name)


def date(text: str) -> Literal:
    return Literal(text, datatype=XSD_DATE)


@pytest.fixture()
def store(trig, store_of) -> Store:
    """The sample graph, ``tests/data/queries.trig``, fresh for each test."""
    return store_of(trig("queries"))


def run(store: Store, name: str, **bound) -> list[dict[str, str]]:
    """Rows of a canned query as {variable: value} (values as plain strings, unbound left out)."""
    result = store.query(load(name), substitutions={Variable(k): v for k, v in bound.items()},
                         use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    variables = [v.value for v in result.variables]
    return [{v: row[v].value for v in variables if row[v] is not None} for row in result]


def short(rows: list[dict[str, str]], *keys: str) -> list[tuple[str, ...]]:
    """The chosen columns of each row, actorgraph IRIs cut to their local name."""
    return [tuple(_local(row.get(k, "")) for k in keys) for row in rows]


def _local(value: str) -> str:
    if value.startswith("https://w3id.org/actorgraph"):
        return value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return " ".join(sorted(value.split(" "))) if value.startswith("https://") else value


def test_queries_names_lists_every_file():
    expected = {"evidence", "backers", "opponents", "relations-of", "controller", "controls-since", "actors",
                "claims-by-status", "edges"}
    assert expected <= set(names())
    assert names() == sorted(p.stem for p in (ontology_dir() / "queries").glob("*.rq"))


def test_queries_load_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="known: actors, backers"):
        load("../shapes")


@pytest.mark.parametrize("name", names())
def test_queries_every_query_documents_itself(name):
    text = load(name)
    assert text.startswith("# "), f"{name}.rq must start with a comment saying what it answers"
    assert "Binds" in describe(name), f"{name}.rq must say which variables a caller may bind"


@pytest.mark.parametrize("name", names())
def test_queries_every_query_runs_unbound_on_oxigraph(store, name):
    assert run(store, name), f"{name} found nothing in the sample graph"


@pytest.mark.filterwarnings("ignore:.*is deprecated:DeprecationWarning")  # rdflib's own Dataset internals
@pytest.mark.parametrize("name", names())
def test_queries_every_query_runs_on_rdflib_with_same_rows(store, trig, name):
    """Portable SPARQL 1.1: rdflib over the same quads gives the same rows as Oxigraph."""
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=trig("queries"), format="trig")
    rdflib_rows = {tuple(sorted((str(k), _same(str(k), str(v))) for k, v in row.asdict().items()))
                   for row in dataset.query(load(name))}
    oxigraph_rows = {tuple(sorted((k, _same(k, v)) for k, v in row.items())) for row in run(store, name)}
    assert rdflib_rows == oxigraph_rows


def _same(key: str, text: str) -> str:
    """A value compared across engines: concatenations in any order, decimals in any lexical form."""
    if key in ("aliases", "sources"):
        return " ".join(sorted(text.replace("|", " ").split()))
    try:
        return str(float(text))
    except ValueError:
        return text


def test_queries_evidence_traces_each_asserted_relation_to_its_claims(store):
    rows = run(store, "evidence", subject=a("russia"), relation=NamedNode(AG + "backs"),
               object=a("assad-government"))
    assert short(rows, "claim", "document", "title", "url", "sentence") == [
        ("c1", "d1", "Rebels take Aleppo", "https://example.org/d1", "The army, supported by Russia, fell back."),
        ("c8", "d2", "Hama falls", "https://example.org/d2", "Moscow backs the government."),
    ]
    assert {row["subjectLabel"] for row in rows} == {"Russia"}


def test_queries_evidence_leaves_out_claims_that_are_not_asserted(store):
    rows = run(store, "evidence", subject=a("russia"))
    assert {(r["object"], r["claim"].rsplit("/", 1)[-1]) for r in rows} == {
        (ACTOR + "assad-government", "c1"), (ACTOR + "assad-government", "c8")}


def test_queries_evidence_carries_the_reporter_and_date(store):
    (row,) = run(store, "evidence", relation=NamedNode(AG + "controls"), object=a("aleppo"), subject=a("hts"))
    assert (row["reporterLabel"], row["eventDate"], row["issued"], row["rule"]) == (
        "Syrian Observatory for Human Rights", "2024-11-29", "2024-11-30", "controls.active_capture")


def test_queries_backers_counts_claims_and_documents(store):
    rows = run(store, "backers", actor=a("assad-government"))
    assert short(rows, "backerLabel", "claims", "documents", "maxConfidence", "first", "last") == [
        ("Russia", "2", "2", "0.9", "2024-11-30", "2024-12-06"),
        ("Iran", "1", "1", "0.85", "2024-12-06", "2024-12-06"),
    ]


def test_queries_opponents_gives_both_directions(store):
    assert short(run(store, "opponents", actor=a("assad-government")), "direction", "opponentLabel", "claims") == [
        ("opposed by", "Hayat Tahrir al-Sham", "1")]
    assert short(run(store, "opponents", actor=a("hts")), "direction", "opponentLabel") == [
        ("opposes", "Assad government")]


def test_queries_relations_of_lists_in_and_out_edges_with_sources(store):
    rows = run(store, "relations-of", actor=a("assad-government"))
    assert sorted(short(rows, "direction", "relation", "otherLabel", "claims", "sources")) == [
        ("in", "backs", "Iran", "1", "https://example.org/d2"),
        ("in", "backs", "Russia", "2", "https://example.org/d1 https://example.org/d2"),
        ("in", "opposes", "Hayat Tahrir al-Sham", "1", "https://example.org/d1"),
        ("out", "controls", "Aleppo", "1", "https://example.org/d2"),
        ("out", "controls", "Tadef", "1", "d3"),
        ("out", "withdrewFrom", "Aleppo", "1", "https://example.org/d1"),
    ]


@pytest.mark.parametrize(("place", "as_of", "expected"), [
    ("aleppo", "2020-01-01", [("Assad government", "2016-12-22")]),
    ("aleppo", "2024-11-28", [("Assad government", "2016-12-22")]),
    ("aleppo", "2024-11-29", [("Hayat Tahrir al-Sham", "2024-11-29")]),
    ("aleppo", None, [("Hayat Tahrir al-Sham", "2024-11-29")]),
    ("hama", "2024-12-04", []),
    ("hama", "2024-12-05", [("Hayat Tahrir al-Sham", "2024-12-05")]),
    ("manbij", "2024-12-01", [("Syrian Democratic Forces", "2024-11-01")]),
    ("manbij", "2024-12-09", []),
    ("tadef", "2024-12-02", [("Assad government", "2024-12-01")]),
], ids=["before-capture", "day-before", "captured", "now", "hama-before", "hama-after", "held",
        "withdrew", "superseded-same-day"])
def test_queries_controller_as_of_a_date(store, place, as_of, expected):
    bound = {"place": a(place)} | ({"date": date(as_of)} if as_of else {})
    rows = run(store, "controller", **bound)
    assert short(rows, "controllerLabel", "since") == expected
    assert all(row["sentence"] and row["source"].startswith(DOC) for row in rows)


def test_queries_controller_accepts_a_plain_string_date(store):
    rows = run(store, "controller", place=a("aleppo"), date=Literal("2020-01-01"))
    assert short(rows, "controllerLabel") == [("Assad government",)]


def test_queries_controller_unbound_gives_current_controller_of_every_place(store):
    assert short(run(store, "controller"), "placeLabel", "controllerLabel") == [
        ("Aleppo", "Hayat Tahrir al-Sham"), ("Hama", "Hayat Tahrir al-Sham"), ("Tadef", "Assad government")]


def test_queries_controls_since_gives_first_and_last_dates(store):
    rows = run(store, "controls-since", place=a("aleppo"))
    assert short(rows, "controllerLabel", "since", "lastReported", "claims") == [
        ("Assad government", "2016-12-22", "2016-12-22", "1"), ("Hayat Tahrir al-Sham", "2024-11-29", "2024-11-29", "1")]


@pytest.mark.parametrize(("type_", "expected"), [
    ("State", [("Iran", "", "false"), ("Russia", "Moscow", "false")]),
    ("ArmedGroup", [("Hayat Tahrir al-Sham", "HTS|Tahrir al-Sham", "false"), ("Liwa X", "", "true"),
                    ("Syrian Democratic Forces", "", "false")]),
], ids=["states", "armed-groups"])
def test_queries_actors_by_type(store, type_, expected):
    rows = run(store, "actors", type=NamedNode(AG + type_))
    assert [(r["label"], "|".join(sorted(r["aliases"].split("|"))) if r["aliases"] else "", r["discovered"])
            for r in rows] == expected


def test_queries_actors_unbound_lists_actors_and_places(store):
    assert len(run(store, "actors")) == 12


def test_queries_claims_by_status_lists_denials_with_reporter(store):
    rows = run(store, "claims-by-status")
    assert short(rows, "status", "subjectLabel", "relation", "objectLabel", "reporterLabel") == [
        ("Denied", "Iran", "backs", "Hayat Tahrir al-Sham", "Iran"),
        ("Hypothetical", "Hayat Tahrir al-Sham", "backs", "Syrian National Army", ""),
        ("Intended", "Hayat Tahrir al-Sham", "controls", "Hama", ""),
        ("Negated", "Russia", "backs", "Hayat Tahrir al-Sham", ""),
    ]
    assert short(run(store, "claims-by-status", status=NamedNode(AG + "Negated")), "claim") == [("c5",)]
    assert short(run(store, "claims-by-status", status=NamedNode(AG + "Intended")), "claim") == [("c17",)]


def test_queries_edges_aggregates_each_edge_once(store):
    rows = run(store, "edges")
    assert len(rows) == 12  # 13 relation triples, one of them in two documents
    assert short(rows[:1], "subjectLabel", "relation", "objectLabel", "claims", "documents", "maxConfidence") == [
        ("Russia", "backs", "Assad government", "2", "2", "0.9")]
    assert short(run(store, "edges", relation=NamedNode(AG + "alliedWith")), "subjectLabel", "objectLabel") == [
        ("Liwa X", "Syrian National Army")]


@pytest.mark.parametrize(("name", "variable"), [
    ("evidence", "subject"), ("backers", "actor"), ("opponents", "actor"), ("relations-of", "actor"),
    ("controller", "place"), ("controller", "date"), ("controls-since", "place"), ("actors", "type"),
    ("claims-by-status", "status"), ("edges", "relation"),
])
def test_queries_injection_in_a_bound_literal_finds_nothing_and_changes_nothing(store, name, variable):
    before = set(store)
    rows = run(store, name, **{variable: Literal(INJECTION)})
    assert rows == []
    assert set(store) == before


def test_queries_a_dateless_claim_does_not_blank_the_dates_of_its_edge(store_of):
    """MIN/MAX over a group with an unbound value are unbound in SPARQL: the queries must not lose the dates."""
    store = store_of(PREFIXES + """
    <urn:d1> { actor:iran ag:backs actor:hezbollah .
      <urn:c1> a ag:Claim ; rdf:subject actor:iran ; rdf:predicate ag:backs ; rdf:object actor:hezbollah ;
        ag:status ag:Asserted ; prov:wasDerivedFrom <urn:d1> ; ag:eventDate "2024-12-01"^^xsd:date . }
    <urn:d2> { actor:iran ag:backs actor:hezbollah .
      <urn:c2> a ag:Claim ; rdf:subject actor:iran ; rdf:predicate ag:backs ; rdf:object actor:hezbollah ;
        ag:status ag:Asserted ; prov:wasDerivedFrom <urn:d2> . }
    """)
    (row,) = run(store, "backers", actor=a("hezbollah"))
    assert (row["first"], row["last"], row["claims"]) == ("2024-12-01", "2024-12-01", "2")
