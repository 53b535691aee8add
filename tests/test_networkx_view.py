"""The store -> networkx view, on a real pyoxigraph store loaded from TriG that follows docs/data-model.md."""
from __future__ import annotations

import datetime as dt

import pytest
from pyoxigraph import RdfFormat, Store

from graph.views.networkx_view import to_networkx

A = "https://w3id.org/actorgraph/id/actor/"
D = "https://w3id.org/actorgraph/id/doc/"

TRIG = """
@prefix ag: <https://w3id.org/actorgraph#> .
@prefix actor: <https://w3id.org/actorgraph/id/actor/> .
@prefix doc: <https://w3id.org/actorgraph/id/doc/> .
@prefix claim: <https://w3id.org/actorgraph/id/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<https://w3id.org/actorgraph/id/graph/documents> {
  doc:d2 a ag:Document ; dcterms:issued "2024-12-09"^^xsd:date .
}

<https://w3id.org/actorgraph/id/graph/actors> {
  actor:russia a ag:State ; rdfs:label "Russia" ; skos:prefLabel "Russia" ;
    skos:altLabel "Moscow", "Russian Federation" .
  actor:assad-government a ag:Government, ag:Actor ; skos:prefLabel "Assad government" ;
    skos:altLabel "Syrian government" .
  actor:hts a ag:ArmedGroup ; skos:prefLabel "Hayat Tahrir al-Sham" ; skos:altLabel "HTS" .
  actor:homs a ag:Settlement ; skos:prefLabel "Homs" .
  actor:liwa-x a ag:ArmedGroup ; skos:prefLabel "Liwa X" ; ag:discovered true .
}

doc:d1 {
  actor:russia ag:backs actor:assad-government .
  actor:hts ag:opposes actor:assad-government .
  claim:c1 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d1 ; ag:sentence "Russia backs the Syrian government." ; ag:charStart 0 ; ag:charEnd 35 ;
    ag:rule "backs.active" ; ag:confidence 0.9 ; ag:status ag:Asserted ; ag:eventDate "2024-12-01"^^xsd:date .
  claim:c2 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d1 ; ag:sentence "Moscow supports Assad." ; ag:charStart 36 ; ag:charEnd 58 ;
    ag:rule "backs.active" ; ag:confidence 0.7 ; ag:status ag:Asserted .
  claim:c3 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:opposes ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d1 ; ag:sentence "HTS fought the army." ; ag:charStart 59 ; ag:charEnd 79 ;
    ag:rule "opposes.fought" ; ag:confidence 0.8 ; ag:status ag:Asserted .
  claim:c4 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:hts ;
    prov:wasDerivedFrom doc:d1 ; ag:sentence "Russia denied backing HTS." ; ag:charStart 80 ; ag:charEnd 106 ;
    ag:rule "backs.active" ; ag:confidence 0.9 ; ag:status ag:Denied .
}

doc:d2 {
  actor:russia ag:backs actor:assad-government .
  actor:russia ag:opposes actor:assad-government .
  actor:hts ag:controls actor:homs .
  claim:c5 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d2 ; ag:sentence "Russian jets supported the army." ; ag:charStart 0 ; ag:charEnd 32 ;
    ag:rule "backs.passive_agent" ; ag:confidence 0.95 ; ag:status ag:Asserted ; ag:eventDate "2024-12-05"^^xsd:date .
  claim:c6 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:opposes ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d2 ; ag:sentence "Russia clashed with the army." ; ag:charStart 33 ; ag:charEnd 62 ;
    ag:rule "opposes.clashed_with" ; ag:confidence 0.6 ; ag:status ag:Asserted .
  claim:c7 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:homs ;
    prov:wasDerivedFrom doc:d2 ; ag:sentence "HTS captured Homs." ; ag:charStart 63 ; ag:charEnd 81 ;
    ag:rule "controls.active_capture" ; ag:confidence 0.9 ; ag:status ag:Asserted ;
    ag:eventDate "2024-12-07"^^xsd:date .
}
"""


@pytest.fixture(scope="module")
def graph():
    store = Store()
    store.load(TRIG.encode(), format=RdfFormat.TRIG)
    return to_networkx(store)


def test_networkx_view_one_edge_per_asserted_triple_keyed_by_relation(graph):
    assert sorted((u[len(A):], v[len(A):], k) for u, v, k in graph.edges(keys=True)) == [
        ("hts", "assad-government", "opposes"), ("hts", "homs", "controls"),
        ("russia", "assad-government", "backs"), ("russia", "assad-government", "opposes"),
    ]


def test_networkx_view_edge_adds_up_evidence_across_documents(graph):
    edge = graph.edges[A + "russia", A + "assad-government", "backs"]
    assert edge == {"relation": "backs", "label": "backs", "directed": True, "claims": 3, "weight": 3,
                    "documents": 2, "confidence": 0.95, "first": "2024-12-01", "last": "2024-12-05",
                    "sources": D + "d1|" + D + "d2"}


def test_networkx_view_edge_dated_by_its_document_when_the_claim_is_not(graph):
    edge = graph.edges[A + "russia", A + "assad-government", "opposes"]
    assert (edge["first"], edge["last"]) == ("2024-12-09", "2024-12-09")


def test_networkx_view_edge_without_dates(graph):
    edge = graph.edges[A + "hts", A + "assad-government", "opposes"]
    assert (edge["claims"], edge["sources"]) == (1, D + "d1")
    assert "first" not in edge and "last" not in edge


def test_networkx_view_denied_claims_give_no_edge(graph):
    assert not graph.has_edge(A + "russia", A + "hts")


@pytest.mark.parametrize(("slug", "label", "type_", "aliases", "discovered"), [
    pytest.param("russia", "Russia", "State", "Moscow|Russian Federation", False, id="state-with-aliases"),
    pytest.param("assad-government", "Assad government", "Government", "Syrian government", False,
                 id="most-specific-class"),
    pytest.param("homs", "Homs", "Settlement", "", False, id="place"),
    pytest.param("liwa-x", "Liwa X", "ArmedGroup", "", True, id="discovered-isolated"),
])
def test_networkx_view_node_attributes(graph, slug, label, type_, aliases, discovered):
    assert graph.nodes[A + slug] == {"label": label, "type": type_, "aliases": aliases, "discovered": discovered}


def test_networkx_view_empty_store_gives_empty_graph():
    g = to_networkx(Store())
    assert (g.number_of_nodes(), g.number_of_edges()) == (0, 0)
