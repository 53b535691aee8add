"""The ontology's IRIs: one source of truth for every module.

The ontology lives at one namespace (``AG``) and the resources it describes at
another (``AGID``), so that the vocabulary can be versioned apart from the data.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "AG", "AGID", "ACTOR", "DOC", "CLAIM", "SCHEMA", "RDF", "RDFS", "OWL", "SKOS",
    "PROV", "DCTERMS", "XSD", "ACTORS_GRAPH", "DOCUMENTS_GRAPH", "RELATIONS",
    "STATUSES", "relation_iri", "status_iri", "PREFIXES", "PREFIX_MAP",
]

AG = Namespace("https://w3id.org/actorgraph#")
AGID = Namespace("https://w3id.org/actorgraph/id/")
ACTOR = Namespace(str(AGID) + "actor/")
DOC = Namespace(str(AGID) + "doc/")
CLAIM = Namespace(str(AGID) + "claim/")
SCHEMA = Namespace("https://schema.org/")

ACTORS_GRAPH = AGID["graph/actors"]
DOCUMENTS_GRAPH = AGID["graph/documents"]

#: relation local names (the ontology's object properties), in display order
RELATIONS: tuple[str, ...] = (
    "backs", "opposes", "controls", "withdrewFrom", "leads", "memberOf", "alliedWith",
)
#: claim statuses; only ``asserted`` claims become relation triples
STATUSES: tuple[str, ...] = ("asserted", "denied", "negated", "hypothetical")


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
    "xsd": str(XSD), "schema": str(SCHEMA), "owl": str(OWL),
}

#: SPARQL prologue shared by canned queries and user queries on the command line
PREFIXES = "\n".join(
    f"PREFIX {p}: <{ns}>"
    for p, ns in [
        ("ag", AG), ("agid", AGID), ("actor", ACTOR), ("doc", DOC), ("rdf", RDF), ("rdfs", RDFS),
        ("skos", SKOS), ("prov", PROV), ("dcterms", DCTERMS), ("xsd", XSD), ("schema", SCHEMA),
        ("owl", OWL),
    ]
) + "\n"
