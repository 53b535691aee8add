"""The store as a networkx MultiDiGraph, for analytics in Python.

Nodes are actors (and places) keyed by IRI; there is one edge per asserted
``(subject, relation, object)`` triple, keyed by the relation name, whatever
the number of documents that assert it, so that parallel relations between two
actors (``backs`` and ``opposes``) stay apart while repeated reports add up as
evidence on one edge.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx
from pyoxigraph import Literal, NamedNode, Store

from ..namespaces import ACTORS_GRAPH, AG, PREFIXES, RELATIONS

__all__ = ["to_networkx", "NODE_QUERY", "EDGE_QUERY"]

#: every actor with its classes, labels and aliases (one row per combination)
NODE_QUERY = PREFIXES + f"""
SELECT ?actor ?type ?label ?alias ?discovered WHERE {{
  GRAPH <{ACTORS_GRAPH}> {{
    ?actor a ?type .
    OPTIONAL {{ ?actor skos:prefLabel ?label }}
    OPTIONAL {{ ?actor skos:altLabel ?alias }}
    OPTIONAL {{ ?actor ag:discovered ?discovered }}
  }}
}}"""

#: each asserted relation triple per document, with each asserted claim behind it there (aggregated in
#: Python: SPARQL's MIN/MAX give no value for a group where some claims have no date)
EDGE_QUERY = PREFIXES + """
SELECT ?s ?p ?o ?doc ?claim ?confidence ?date WHERE {
  VALUES ?p { RELATIONS }
  GRAPH ?doc {
    ?s ?p ?o .
    OPTIONAL {
      ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ag:status ag:Asserted .
      OPTIONAL { ?claim ag:confidence ?confidence }
      OPTIONAL { ?claim ag:eventDate ?date }
    }
  }
}""".replace("RELATIONS", " ".join(f"ag:{name}" for name in RELATIONS))

_GENERIC = {"Actor", "Place"}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _node_type(types: Iterable[str]) -> str:
    """The most specific ag: class of a node (``Actor`` when it has none)."""
    names = sorted(_local(t) for t in types if t.startswith(str(AG)))
    specific = [n for n in names if n not in _GENERIC]
    return (specific or names or ["Actor"])[0]


def _date(term: Literal | None) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(term.value)
    except ValueError:
        return None


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The asserted actor graph of a pyoxigraph store.

    Node attributes: ``label``, ``type`` (the ontology class local name), ``aliases`` (tuple),
    ``discovered`` (not from the dictionary). Edge attributes: ``relation``, ``claims`` (the
    asserted claims behind it), ``confidence`` (their maximum), ``first``/``last`` (event dates,
    or None), ``sources`` (IRIs of the documents asserting it).

    >>> from pyoxigraph import RdfFormat, Store
    >>> s = Store()
    >>> s.load(b'''@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... <https://w3id.org/actorgraph/id/graph/actors> {
    ...   actor:russia a ag:State ; skos:prefLabel "Russia" ; skos:altLabel "Moscow" .
    ...   actor:assad-government a ag:Government ; skos:prefLabel "Assad government" . }
    ... <https://w3id.org/actorgraph/id/doc/d1> {
    ...   actor:russia ag:backs actor:assad-government .
    ...   <https://w3id.org/actorgraph/id/claim/c1> a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ;
    ...     rdf:object actor:assad-government ; ag:status ag:Asserted ; ag:confidence 0.9 . }''', format=RdfFormat.TRIG)
    >>> g = to_networkx(s)
    >>> g.nodes["https://w3id.org/actorgraph/id/actor/russia"]["aliases"]
    ('Moscow',)
    >>> [(g.nodes[u]["label"], k, d["claims"], d["confidence"]) for u, v, k, d in g.edges(keys=True, data=True)]
    [('Russia', 'backs', 1, 0.9)]
    """
    graph = nx.MultiDiGraph()
    types: dict[str, set[str]] = {}
    for row in store.query(NODE_QUERY):
        iri = row["actor"].value
        types.setdefault(iri, set()).add(row["type"].value)
        if iri not in graph:
            graph.add_node(iri, label=_local(iri), aliases=set(), discovered=False)
        node = graph.nodes[iri]
        if row["label"] is not None:
            node["label"] = row["label"].value
        if row["alias"] is not None:
            node["aliases"].add(row["alias"].value)
        if row["discovered"] is not None and row["discovered"].value == "true":
            node["discovered"] = True
    for iri, data in graph.nodes(data=True):
        data["type"] = _node_type(types[iri])
        data["aliases"] = tuple(sorted(data["aliases"] - {data["label"]}))
    claims: dict[tuple[str, str, str], set[str]] = {}
    for row in store.query(EDGE_QUERY):
        s, o = row["s"], row["o"]
        if not isinstance(s, NamedNode) or not isinstance(o, NamedNode):
            continue
        relation = _local(row["p"].value)
        for node in (s.value, o.value):
            if node not in graph:
                graph.add_node(node, label=_local(node), type="Actor", aliases=(), discovered=False)
        key = (s.value, o.value, relation)
        if not graph.has_edge(*key):
            graph.add_edge(*key, relation=relation, claims=0, confidence=None, first=None, last=None, sources=())
        edge = graph.edges[key]
        edge["sources"] = tuple(sorted({*edge["sources"], row["doc"].value}))
        if row["claim"] is not None:
            claims.setdefault(key, set()).add(row["claim"].value)
            edge["claims"] = len(claims[key])
        confidence = float(row["confidence"].value) if row["confidence"] is not None else None
        if confidence is not None and (edge["confidence"] is None or confidence > edge["confidence"]):
            edge["confidence"] = confidence
        date = _date(row["date"])
        if date is not None and (edge["first"] is None or date < edge["first"]):
            edge["first"] = date
        if date is not None and (edge["last"] is None or date > edge["last"]):
            edge["last"] = date
    return graph
