"""The store -> networkx view, on a real pyoxigraph store loaded from TriG that follows docs/data-model.md."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.store import OxigraphStore
from graph.views.networkx_view import to_networkx

A = "https://w3id.org/actorgraph/id/actor/"
D = "https://w3id.org/actorgraph/id/doc/"



@pytest.fixture(scope="module")
def graph(trig, graph_store_of):
    return to_networkx(graph_store_of(trig("networkx")))


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
    g = to_networkx(OxigraphStore())
    assert (g.number_of_nodes(), g.number_of_edges()) == (0, 0)
