"""The store as a networkx MultiDiGraph, for analytics in Python and for Gephi or Cytoscape.

Nodes are actors (and places) keyed by IRI; there is one edge per asserted
``(subject, relation, object)`` triple, keyed by the relation name, whatever
the number of documents that assert it, so that parallel relations between two
actors (``backs`` and ``opposes``) stay apart while repeated reports add up as
evidence on one edge.

Every attribute is a string, a number or a boolean, and an attribute without a
value is left out rather than set to None: networkx's GraphML and GEXF writers
accept nothing else, and ``nx.write_graphml(g.to_networkx(), path)`` must work
as it is (``graph.export`` writes those files with these attributes).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx
from pyoxigraph import Literal, NamedNode

from ..namespaces import AG
from ..queries import load
from ..store import GraphStore

__all__ = ["to_networkx", "UNDIRECTED"]

#: relations that hold both ways (one undirected edge in Gephi's sense)
UNDIRECTED = frozenset({"alliedWith"})
_GENERIC = {"Actor", "Place"}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _node_type(types: Iterable[str]) -> str:
    """The most specific ag: class of a node (``Actor`` when it has none)."""
    names = sorted(_local(t) for t in types if t.startswith(str(AG)))
    specific = [n for n in names if n not in _GENERIC]
    return (specific or names or ["Actor"])[0]


def _day(term: Literal | None) -> str | None:
    """An ISO day ``YYYY-MM-DD`` (a string, which GraphML and GEXF take and which sorts as the date does)."""
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(term.value[:10]).isoformat()
    except ValueError:
        return None


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """The asserted actor graph of a store (embedded or a SPARQL server), read through ``store.query``.

    Node attributes: ``label``, ``type`` (the ontology class local name), ``aliases`` (joined by
    ``|``, empty when none), ``discovered`` (not from the dictionary). Edge attributes:
    ``relation`` and ``label`` (its name), ``directed`` (False for ``alliedWith``), ``claims``
    (the asserted claims behind it) and ``weight`` (the same, the name Gephi reads),
    ``documents`` and ``sources`` (the documents asserting it: their number, their IRIs joined by
    ``|``), ``confidence`` (the claims' maximum), ``first``/``last`` (ISO days: each claim's event
    date, else its document's publication date; left out when no claim has either).

    >>> from pyoxigraph import RdfFormat
    >>> from graph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> s.raw.load(b'''@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
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
    'Moscow'
    >>> [(g.nodes[u]["label"], k, d["claims"], d["confidence"]) for u, v, k, d in g.edges(keys=True, data=True)]
    [('Russia', 'backs', 1, 0.9)]
    """
    graph = nx.MultiDiGraph()
    _add_nodes(graph, store)
    claims: dict[tuple[str, str, str], set[str]] = {}
    sources: dict[tuple[str, str, str], set[str]] = {}
    for row in store.query(load("internal/view-edges"), union=False):
        s, o = row["s"], row["o"]
        if not isinstance(s, NamedNode) or not isinstance(o, NamedNode):
            continue
        relation = _local(row["p"].value)
        for node in (s.value, o.value):
            if node not in graph:
                graph.add_node(node, label=_local(node), type="Actor", aliases="", discovered=False)
        key = (s.value, o.value, relation)
        if not graph.has_edge(*key):
            graph.add_edge(*key, relation=relation, label=relation, directed=relation not in UNDIRECTED)
        sources.setdefault(key, set()).add(row["doc"].value)
        if row["claim"] is not None:
            claims.setdefault(key, set()).add(row["claim"].value)
        _add_evidence(graph.edges[key], row)
    for key, edge in graph.edges.items():
        edge["claims"] = edge["weight"] = len(claims.get(key, ()))
        edge["documents"] = len(sources[key])
        edge["sources"] = "|".join(sorted(sources[key]))
    return graph


def _add_nodes(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    """Every described actor, with its most specific class, label and aliases."""
    types: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    for row in store.query(load("internal/view-nodes"), union=False):
        iri = row["actor"].value
        types.setdefault(iri, set()).add(row["type"].value)
        if iri not in graph:
            graph.add_node(iri, label=_local(iri), discovered=False)
        node = graph.nodes[iri]
        if row["label"] is not None:
            node["label"] = row["label"].value
        if row["alias"] is not None:
            aliases.setdefault(iri, set()).add(row["alias"].value)
        if row["discovered"] is not None and row["discovered"].value == "true":
            node["discovered"] = True
    for iri, data in graph.nodes(data=True):
        data["type"] = _node_type(types[iri])
        data["aliases"] = "|".join(sorted(aliases.get(iri, set()) - {data["label"]}))


def _add_evidence(edge: dict, row) -> None:
    """Widen an edge's confidence and date range by one claim row (event date, else publication date)."""
    confidence = float(row["confidence"].value) if row["confidence"] is not None else None
    if confidence is not None and confidence > edge.get("confidence", float("-inf")):
        edge["confidence"] = confidence
    if row["claim"] is None:
        return
    day = _day(row["date"]) or _day(row["issued"])
    if day is not None:
        edge["first"] = min(edge.get("first", day), day)
        edge["last"] = max(edge.get("last", day), day)
