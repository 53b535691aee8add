"""Exports for Gephi, Cytoscape and RDF tools, each read back by the reader those files are for
(networkx's GraphML and GEXF readers, the csv module, rdflib and pyoxigraph), on a real store loaded
with the data model's example graph."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from pyoxigraph import RdfFormat, Store

from graph.api import EXAMPLE_TRIG, ActorGraph
from graph.cli import main

A = "https://w3id.org/actorgraph/id/actor/"

#: what the example graph's edges must carry once read back: (source, target) -> attributes
EDGES = {
    ("russia", "assad-government"): {"relation": "backs", "claims": 1, "confidence": 0.9,
                                     "first": "2024-12-01", "last": "2024-12-01"},
    ("hts", "aleppo"): {"relation": "controls", "claims": 1, "confidence": 0.9,
                        "first": "2024-11-30", "last": "2024-11-30"},
}


@pytest.fixture()
def graph() -> ActorGraph:
    g = ActorGraph()
    g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    return g


def _edge(read: nx.Graph, source: str, target: str) -> dict:
    (data,) = [d for u, v, d in read.edges(data=True) if (u, v) == (A + source, A + target)]
    return data


@pytest.mark.parametrize("fmt,reader", [
    pytest.param("graphml", nx.read_graphml, id="graphml"),
    pytest.param("gexf", nx.read_gexf, id="gexf"),
])
def test_export_graph_files_carry_what_gephi_reads(graph, tmp_path, fmt, reader):
    (path,) = graph.export(tmp_path / f"g.{fmt}")
    read = reader(path)
    assert read.number_of_nodes() == 4 and read.number_of_edges() == 3
    hts = read.nodes[A + "hts"]
    assert (hts["label"], hts["type"], hts["aliases"]) == ("Hayat Tahrir al-Sham", "ArmedGroup", "HTS")
    for (source, target), expected in EDGES.items():
        data = _edge(read, source, target)
        assert {k: data[k] for k in expected} == expected


def test_export_csv_gives_node_and_edge_tables(graph, tmp_path):
    nodes_path, edges_path = graph.export(tmp_path / "tables", format="csv")
    nodes = {row["Id"]: row for row in csv.DictReader(nodes_path.open(encoding="utf-8"))}
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    assert nodes[A + "aleppo"]["Label"] == "Aleppo" and nodes[A + "aleppo"]["type"] == "Settlement"
    (backs,) = [e for e in edges if e["relation"] == "backs"]
    assert (backs["Source"], backs["Target"], backs["Type"], backs["Weight"], backs["first"]) == (
        A + "russia", A + "assad-government", "Directed", "1", "2024-12-01")


@pytest.mark.parametrize("fmt", ["jsonld", "json-ld", "trig", "nquads"])
def test_export_rdf_formats_hold_the_whole_dataset(graph, tmp_path, fmt):
    path = graph.save(tmp_path / "g.rdf", format=fmt)
    rdflib_format = {"jsonld": "json-ld", "json-ld": "json-ld", "trig": "trig", "nquads": "nquads"}[fmt]
    dataset = rdflib.Dataset()
    dataset.parse(path, format=rdflib_format)
    assert len(dataset) == len(graph)
    assert (rdflib.URIRef(A + "hts"), rdflib.URIRef("https://w3id.org/actorgraph#controls"),
            rdflib.URIRef(A + "aleppo")) in {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def test_export_to_networkx_writes_with_networkx_as_it_is(graph, tmp_path):
    """No tuple, date or None attributes: networkx's own writers take the graph unchanged."""
    network = graph.to_networkx()
    nx.write_graphml(network, tmp_path / "g.graphml")
    nx.write_gexf(network, tmp_path / "g.gexf")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == 3
    assert network.edges[A + "russia", A + "assad-government", "backs"]["first"] == "2024-12-01"


@pytest.mark.parametrize("fmt,name", [
    pytest.param("graphml", "graph.graphml", id="graphml"),
    pytest.param("gexf", "graph.gexf", id="gexf"),
    pytest.param("csv", "edges.csv", id="csv"),
    pytest.param("jsonld", "graph.jsonld", id="jsonld"),
    pytest.param("nquads", "graph.nq", id="nquads"),
])
def test_export_command_writes_beside_the_build(tmp_path, capsys, fmt, name):
    with ActorGraph.open(tmp_path) as g:
        g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    assert main(["export", str(tmp_path), "--format", fmt]) == 0
    assert (tmp_path / name).stat().st_size > 0 and str(tmp_path / name) in capsys.readouterr().out


def test_export_command_out_file_and_trig_round_trip(tmp_path):
    with ActorGraph.open(tmp_path) as g:
        g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
        expected = set(g.store.raw)
    assert main(["export", str(tmp_path), "--format", "trig", "--out", str(tmp_path / "copy.trig")]) == 0
    parsed = Store()
    parsed.load(path=str(tmp_path / "copy.trig"), format=RdfFormat.TRIG)
    assert set(parsed) == expected


@pytest.mark.parametrize("args,needle", [
    pytest.param(["--format", "xlsx"], "unsupported format 'xlsx'", id="bad-format"),
    pytest.param(["--format", "gexf", "--nowhere"], "no store here", id="no-store"),
])
def test_export_command_errors_are_one_line(tmp_path, capsys, args, needle):
    target = [str(tmp_path / "nowhere")] if "--nowhere" in args else [str(tmp_path)]
    with ActorGraph.open(tmp_path) as g:
        g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    assert main(["export", *target, *[a for a in args if a != "--nowhere"]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error:") and needle in err and err.count("\n") == 1
    assert not list(Path(tmp_path).glob("*.tmp"))


#: an intended claim (an aim, no relation triple) beside the example graph
INTENDED_TRIG = b"""
@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
@prefix doc: <https://w3id.org/actorgraph/id/doc/> . @prefix claim: <https://w3id.org/actorgraph/id/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix prov: <http://www.w3.org/ns/prov#> .
doc:d1 {
  claim:c4 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:opposes ; rdf:object actor:hts ;
      prov:wasDerivedFrom doc:d1 ; ag:sentence "Russia vowed to strike HTS." ; ag:charStart 99 ;
      ag:charEnd 126 ; ag:rule "opposes.verb" ; ag:confidence 0.8 ; ag:status ag:Intended . }
"""


def test_export_intended_claim_is_kept_in_rdf_and_is_no_edge(graph, tmp_path):
    graph.store.raw.load(INTENDED_TRIG, format=RdfFormat.TRIG)
    (path,) = graph.export(tmp_path / "g.graphml")
    assert (A + "russia", A + "hts") not in set(nx.read_graphml(path).edges())
    dataset = rdflib.Dataset()
    dataset.parse(graph.save(tmp_path / "g.jsonld", format="jsonld"), format="json-ld")
    assert (rdflib.URIRef("https://w3id.org/actorgraph/id/claim/c4"), rdflib.URIRef("https://w3id.org/actorgraph#status"),
            rdflib.URIRef("https://w3id.org/actorgraph#Intended")) in {(s, p, o) for s, p, o, _ in dataset.quads()}
