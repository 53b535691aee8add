"""Documents and claims -> quads: only asserted claims make edges; every claim keeps its evidence."""
from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store

from graph.models import Actor, Claim, Document
from graph.namespaces import AG, DOCUMENTS_GRAPH
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads, mark_superseded

RUSSIA = Actor("https://w3id.org/actorgraph/id/actor/russia", "State", "Russia", ("Moscow",))
ASSAD = Actor("https://w3id.org/actorgraph/id/actor/assad-government", "Government", "Assad government")
HTS = Actor("https://w3id.org/actorgraph/id/actor/hts", "ArmedGroup", "HTS")
HAMA = Actor("https://w3id.org/actorgraph/id/actor/hama", "Settlement", "Hama")
DOC = Document(text="The Syrian army, supported by Russia, withdrew from Hama.", url="https://example.org/a",
               title='Hama "falls" <b>', published=dt.date(2024, 12, 6), outlet="Example Wire")


def claim(s=RUSSIA, rel="backs", o=ASSAD, status="asserted", confidence=0.9, start=0, date=None) -> Claim:
    return Claim(s, rel, o, status, DOC.text, start, start + 10, "backs.passive", confidence, date)


def triples(quads) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, getattr(q.object, "value", "")) for q in quads}


@pytest.mark.parametrize("status,confidence,edge", [
    ("asserted", 0.9, True), ("asserted", 0.3, False), ("denied", 0.9, False), ("negated", 0.9, False),
    ("hypothetical", 0.9, False), ("intended", 0.9, False),
])
def test_rdf_only_asserted_confident_claims_make_edges(status, confidence, edge):
    iri = doc_iri(DOC)
    found = triples(claim_quads([claim(status=status, confidence=confidence)], iri, min_confidence=0.5))
    assert ((RUSSIA.iri, str(AG.backs), ASSAD.iri) in found) is edge
    assert (RUSSIA.iri, str(AG.backs), ASSAD.iri) not in found or status == "asserted"
    assert any(p == str(AG.status) and o == str(AG[status.capitalize()]) for _, p, o in found)


def test_rdf_claim_carries_its_evidence():
    iri = doc_iri(DOC)
    quads = list(claim_quads([claim(date=dt.date(2024, 12, 5))], iri))
    props = {q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for q in quads}
    assert {"subject", "predicate", "object", "wasDerivedFrom", "sentence", "charStart", "charEnd", "rule",
            "confidence", "status", "eventDate"} <= props
    assert all(q.graph_name.value == iri for q in quads)


def test_rdf_iris_are_stable():
    assert list(claim_quads([claim()], doc_iri(DOC))) == list(claim_quads([claim()], doc_iri(DOC)))
    assert doc_iri(DOC) == doc_iri(Document(text="other text", url=DOC.url))  # a re-fetched article replaces itself
    assert doc_iri(Document(text="a")) != doc_iri(Document(text="b"))


def test_rdf_later_capture_supersedes_control():
    held = claim(HTS, "controls", HAMA, start=0, date=dt.date(2024, 12, 1))
    lost = claim(HTS, "withdrewFrom", HAMA, start=20, date=dt.date(2024, 12, 4))
    retaken = claim(ASSAD, "controls", HAMA, start=40, date=dt.date(2024, 12, 5))
    assert mark_superseded([held, lost, retaken]) == {0: 1}
    assert mark_superseded([retaken, held]) == {1: 0}  # text order does not matter, dates do


def test_rdf_documents_and_actors_go_to_their_graphs():
    meta = list(document_quads(DOC, doc_iri(DOC)))
    assert {q.graph_name.value for q in meta} == {str(DOCUMENTS_GRAPH)}
    actors = triples(actor_quads([RUSSIA]))
    assert (RUSSIA.iri, "http://www.w3.org/2004/02/skos/core#altLabel", "Moscow") in actors


def test_rdf_output_round_trips_through_rdflib_and_pyoxigraph():
    hostile = Claim(RUSSIA, "backs", ASSAD, "asserted", 'He said "} ; DROP ALL ; {" </script>\\ \ud800 \n x', 0, 9,
                    "backs.verb", 0.9)
    iri = doc_iri(DOC)
    store = Store()
    store.extend(list(document_quads(DOC, iri)) + list(claim_quads([hostile], iri)) + list(actor_quads([RUSSIA, ASSAD])))
    trig = store.dump(format=RdfFormat.TRIG)
    again = Store()
    again.load(trig, format=RdfFormat.TRIG)
    assert set(again) == set(store)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=trig.decode("utf-8"), format="trig")
    assert len(ds) == len(store)
    sentences = {str(o) for o in ds.objects(None, rdflib.URIRef(str(AG.sentence)))}
    assert sentences == {'He said "} ; DROP ALL ; {" </script>\\ \ufffd \n x'}
