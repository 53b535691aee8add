"""The ontology's IRIs: one source of truth for every module.

The ontology lives at one namespace (``AG``) and the resources it describes at
another (``AGID``), so that the vocabulary can be versioned apart from the data.
"""
from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "AG", "AGID", "ACTOR", "DOC", "CLAIM", "SCHEMA", "GEO", "GEONAMES", "RDF", "RDFS", "OWL", "SKOS",
    "PROV", "DCTERMS", "XSD", "ACTORS_GRAPH", "DOCUMENTS_GRAPH", "RELATIONS", "PLACE_RELATIONS",
    "STATUSES", "relation_iri", "status_iri", "PREFIXES", "PREFIX_MAP", "undeclared_prefixes",
    "with_prefixes",
]

AG = Namespace("https://w3id.org/actorgraph#")
AGID = Namespace("https://w3id.org/actorgraph/id/")
ACTOR = Namespace(str(AGID) + "actor/")
DOC = Namespace(str(AGID) + "doc/")
CLAIM = Namespace(str(AGID) + "claim/")
SCHEMA = Namespace("https://schema.org/")
#: W3C's WGS84 vocabulary: a place's geo:lat and geo:long (decimal degrees)
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
#: GeoNames' IRIs of its features, which a gazetteer place is owl:sameAs
GEONAMES = Namespace("https://sws.geonames.org/")

ACTORS_GRAPH = AGID["graph/actors"]
DOCUMENTS_GRAPH = AGID["graph/documents"]

#: relation local names (the ontology's object properties), in display order
RELATIONS: tuple[str, ...] = (
    "backs", "opposes", "controls", "withdrewFrom", "leads", "memberOf", "alliedWith",
)
#: the relations whose object is a place (rdfs:range ag:Place); every other relation joins two actors
PLACE_RELATIONS: frozenset[str] = frozenset(("controls", "withdrewFrom"))
#: claim statuses; only ``asserted`` claims become relation triples ("intended": an actor's aim,
#: "vowed to retake X"; "hypothetical": a possibility or condition, "could capture X", "if X falls")
STATUSES: tuple[str, ...] = ("asserted", "denied", "negated", "hypothetical", "intended")


def relation_iri(name: str):
    """The property IRI of a relation local name, e.g. ``backs`` -> ``ag:backs``.

    >>> str(relation_iri("backs"))
    'https://w3id.org/actorgraph#backs'
    >>> relation_iri("funds")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown relation 'funds'; expected one of backs, opposes, ...
    """
    if name not in RELATIONS:
        raise ValueError(f"unknown relation {name!r}; expected one of {', '.join(RELATIONS)}")
    return AG[name]


def status_iri(name: str):
    """The individual IRI of a claim status, e.g. ``asserted`` -> ``ag:Asserted``.

    >>> str(status_iri("asserted"))
    'https://w3id.org/actorgraph#Asserted'
    """
    if name not in STATUSES:
        raise ValueError(f"unknown status {name!r}; expected one of {', '.join(STATUSES)}")
    return AG[name.capitalize()]


#: the project's prefixes, one table for SPARQL (every face: API, CLI, server, remote stores),
#: Turtle output and short names in messages
PREFIX_MAP: dict[str, str] = {
    "ag": str(AG), "agid": str(AGID), "actor": str(ACTOR), "doc": str(DOC), "claim": str(CLAIM),
    "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "prov": str(PROV), "dcterms": str(DCTERMS),
    "xsd": str(XSD), "schema": str(SCHEMA), "owl": str(OWL), "geo": str(GEO),
}

#: the same table as a SPARQL prologue, for tools that take no prefix map (rdflib, other servers)
PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_MAP.items())

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def undeclared_prefixes(sparql: str) -> dict[str, str]:
    """The entries of ``PREFIX_MAP`` that ``sparql`` does not declare itself (a declared one wins).

    >>> sorted(undeclared_prefixes("PREFIX ag: <http://example.org/> SELECT * {}"))[:3]
    ['actor', 'agid', 'claim']
    """
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    return {p: ns for p, ns in PREFIX_MAP.items() if p not in declared}


def with_prefixes(sparql: str) -> str:
    """``sparql`` preceded by the PREFIX declarations it lacks, all on its first line, so that the
    line numbers a server reports in an error are the user's own.

    >>> text = with_prefixes("PREFIX ag: <http://e.org/>\\nASK { ?s ag:p ?o }")
    >>> text.count("\\n"), text.count("PREFIX ag:"), text.startswith("PREFIX agid:")
    (1, 1, True)
    """
    missing = undeclared_prefixes(sparql)
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in missing.items()) + sparql
