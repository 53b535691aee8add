"""SHACL validation of actorgraph data against ``ontology/shapes.ttl``.

The shapes say what the data model promises: every actor is typed and
labelled, every claim is complete and sourced, and no relation triple exists
without an asserted claim behind it. Validation runs pySHACL over the *union*
of the named graphs (a claim lives in its document's graph, its actors in the
actors graph), copied into one in-memory rdflib Graph: pySHACL checks that
about three times faster than an Oxigraph store handed to it directly. No
RDFS/OWL inference is run: the shapes name every class they target, so
validation time grows with the data, not with its closure.

A build validates only what it wrote (:func:`validate_documents`): the graphs of
the documents it extracted, their metadata, and what the shapes read about the
nodes those graphs name (the actors' labels and types, the types of sources and
superseding claims). So its cost is the cost of what it adds, not of the store;
``actorgraph validate DIR`` (:func:`validate` on the whole store) checks everything.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from pyoxigraph import RdfFormat
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from .namespaces import PREFIX_MAP
from .queries import load, ontology_dir

__all__ = ["ValidationError", "ValidationReport", "load_shapes", "validate", "validate_documents", "written_subset"]

#: short forms for one-line messages, longest namespace first
_SHORT = sorted(((ns, prefix + ":") for prefix, ns in PREFIX_MAP.items()), key=lambda pair: -len(pair[0]))
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class ValidationError(ValueError):
    """Data that violates the shapes, or shapes that cannot be used (one line, names the source)."""


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of one validation: whether the data conforms, pySHACL's full text, one line per violation.

    >>> ValidationReport(conforms=True, text="Conforms: True").violations
    []
    """

    conforms: bool
    text: str
    violations: list[str] = field(default_factory=list)

    def raise_if_invalid(self, source: str = "data") -> None:
        """Raise ``ValidationError`` naming ``source``, the number of violations and the first one.

        >>> ValidationReport(False, "", ["claim:1 ag:sentence: empty"]).raise_if_invalid("out/graph.trig")
        Traceback (most recent call last):
        ...
        graph.validate.ValidationError: out/graph.trig: 1 SHACL violation(s), first: claim:1 ag:sentence: empty
        """
        if not self.conforms:
            first = self.violations[0] if self.violations else "see the report text"
            raise ValidationError(f"{source}: {len(self.violations)} SHACL violation(s), first: {first}")


def _short(term: object) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        for namespace, prefix in _SHORT:
            if text.startswith(namespace):
                return prefix + text[len(namespace):]
        return f"<{text}>"
    if isinstance(term, Literal):
        return repr(str(term)) if len(str(term)) <= 60 else repr(str(term)[:57] + "...")
    if isinstance(term, BNode):
        return "[]"
    return str(term)


@functools.lru_cache(maxsize=8)
def _parse_shapes(path: str, mtime: float) -> Graph:
    try:
        return _standalone_properties(Graph().parse(path, format="turtle"))
    except Exception as exc:  # rdflib raises many types; the user needs one line
        raise ValidationError(f"{path}: not usable SHACL shapes: {str(exc).splitlines()[0]}") from exc


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)


def _standalone_properties(shapes: Graph) -> Graph:
    """``shapes`` with each property shape of a targeted node shape made a target-carrying shape itself.

    Same focus nodes, same constraints, same results: a property shape reached through ``sh:property``
    validates each focus node of its node shape, and so does one that carries those targets
    (tests/test_validate.py checks the violations against shapes.ttl as written). Why: pySHACL
    evaluates an ``sh:property`` once per focus node, building every constraint again each time, and
    a standalone property shape once for all its focus nodes (measured: 20 documents in 2.7 s instead
    of 6.1 s).

    >>> shapes = load_shapes()
    >>> props = list(shapes.subjects(RDF.type, SH.PropertyShape))
    >>> list(shapes.objects(None, SH.property)), len(props) > 20, all(
    ...     any(True for t in _TARGETS for _ in shapes.objects(p, t)) for p in props)
    ([], True, True)
    """
    for node in set(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node, p)]
        if not targets:
            continue
        for prop in list(shapes.objects(node, SH.property)):
            shapes.remove((node, SH.property, prop))
            shapes.add((prop, RDF.type, SH.PropertyShape))
            for p, o in targets:
                shapes.add((prop, p, o))
    return shapes


def load_shapes(path: str | Path | None = None) -> Graph:
    """The shapes graph at ``path`` (default: the packaged ``shapes.ttl``), parsed once per file version.

    >>> len(load_shapes()) > 100
    True
    """
    path = Path(path) if path is not None else ontology_dir() / "shapes.ttl"
    if not path.is_file():
        raise ValidationError(f"{path}: shapes file not found")
    return _parse_shapes(str(path), path.stat().st_mtime)


@functools.lru_cache(maxsize=32)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """An rdflib Graph that parses each SPARQL text once.

    Why: pySHACL hands a SPARQL constraint's text to ``Graph.query`` once per focus node (the node
    is an initial binding, the text never changes), and rdflib parses it every time, 0.1-0.3 s per
    parse: most of the time of validating a few documents went into parsing the same query.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _term(term: object, cache: dict) -> object:
    """A pyoxigraph term as the equal rdflib term (memoised: actors and predicates repeat)."""
    found = cache.get(term)
    if found is None:
        if isinstance(term, pyoxigraph.NamedNode):
            found = URIRef(term.value)
        elif isinstance(term, pyoxigraph.BlankNode):
            found = BNode(term.value)
        elif term.language:
            found = Literal(term.value, lang=term.language)
        else:
            datatype = term.datatype.value
            found = Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
        cache[term] = found
    return found


def _as_graph(data: object) -> Graph:
    """One rdflib Graph with every triple of ``data``, whatever graph it was in."""
    if isinstance(data, pyoxigraph.Store):
        graph, cache = _PreparedQueryGraph(), {}
        add = graph.add
        for quad in data:  # term by term: four times faster than serializing and parsing N-Quads
            add((_term(quad.subject, cache), _term(quad.predicate, cache), _term(quad.object, cache)))
        return graph
    if isinstance(data, Graph) and type(data) in (Graph, _PreparedQueryGraph):
        return data
    if isinstance(data, Graph):  # Dataset, ConjunctiveGraph: flatten the named graphs
        graph = _PreparedQueryGraph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    if callable(getattr(data, "query", None)):  # a GraphStore: its union, through the store's own query
        graph, cache = Graph(), {}
        add = graph.add
        for triple in data.query(load("internal/all-triples")):
            add((_term(triple.subject, cache), _term(triple.predicate, cache), _term(triple.object, cache)))
        return graph
    raise TypeError(f"cannot validate {type(data).__name__}: expected an rdflib Graph/Dataset, a pyoxigraph Store "
                    "or a graph.store.GraphStore")


def _violations(results: Graph) -> list[str]:
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        if message is None:
            component = results.value(result, SH.sourceConstraintComponent)
            message = str(component).rsplit("#", 1)[-1] if component is not None else "violation"
        where = _short(focus) + (f" {_short(path)}" if path is not None and not isinstance(path, BNode) else "")
        shown = f" (value {_short(value)})" if value is not None and value != focus else ""
        lines.append(f"{where}: {message}{shown}")
    return sorted(lines)


def validate(data: object, *, shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate ``data`` (rdflib Graph/Dataset, pyoxigraph Store or GraphStore) against the actorgraph shapes.

    >>> from pyoxigraph import RdfFormat, Store
    >>> s = Store()
    >>> s.load(b'''<https://w3id.org/actorgraph/id/graph/actors> {
    ...   <https://w3id.org/actorgraph/id/actor/hts> a <https://w3id.org/actorgraph#ArmedGroup> ;
    ...     <http://www.w3.org/2004/02/skos/core#prefLabel> "Hayat Tahrir al-Sham" . }''', format=RdfFormat.TRIG)
    >>> report = validate(s)
    >>> report.conforms, report.violations
    (False, ['actor:hts rdfs:label: an actor needs exactly one rdfs:label'])
    """
    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    conforms, results, text = shacl_validate(
        _as_graph(data), shacl_graph=shapes_graph, inference="none", advanced=False, abort_on_first=False,
        allow_infos=True, allow_warnings=True, meta_shacl=False, do_owl_imports=False)
    return ValidationReport(conforms=bool(conforms), text=str(text), violations=_violations(results))


def written_subset(store: object, documents: Iterable[str]) -> Graph:
    """The triples a validation of ``documents`` needs, read from ``store`` (an ``OxigraphStore`` or a
    ``SparqlStore``: anything with ``query(sparql, bindings)``), as one rdflib Graph.

    Each document graph comes whole (its claims and their relation triples live in it), with the
    document's metadata; every IRI those graphs name as an object (actors, sources, superseding
    claims) comes with its actors-graph entry and its ``rdf:type`` from any graph. Relation triples
    of other documents are not read: each document graph carries the claims behind its own edges.

    >>> from graph.api import EXAMPLE_TRIG
    >>> from graph.store import OxigraphStore
    >>> store = OxigraphStore(); store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> store.raw.update("INSERT DATA { GRAPH <https://w3id.org/actorgraph/id/doc/d2> { "
    ...                  "<https://w3id.org/actorgraph/id/actor/x> <https://w3id.org/actorgraph#backs> <https://w3id.org/actorgraph/id/actor/y> } }")
    >>> len(written_subset(store, ["https://w3id.org/actorgraph/id/doc/d1"])), len(store)  # all but doc d2
    (57, 58)
    """
    graph, cache = _PreparedQueryGraph(), {}
    add = graph.add
    named: set = set()
    for document in dict.fromkeys(documents):
        node = pyoxigraph.NamedNode(document)
        for row in store.query(load("internal/document-graph"), {"g": node}):
            obj = row["o"]
            add((_term(row["s"], cache), _term(row["p"], cache), _term(obj, cache)))
            if isinstance(obj, pyoxigraph.NamedNode):
                named.add(obj)
        for row in store.query(load("internal/about-document"), {"d": node}):
            add((_term(node, cache), _term(row["p"], cache), _term(row["o"], cache)))
    for node in named:
        subject = _term(node, cache)
        for row in store.query(load("internal/about-node"), {"n": node}):
            add((subject, _term(row["p"], cache), _term(row["o"], cache)))
    return graph


def validate_documents(store: object, documents: Iterable[str], *,
                       shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate what the graphs of ``documents`` (IRIs) bring into ``store``: see :func:`written_subset`.

    For data that only this build wrote, it reports what a validation of the whole store would report
    about those documents and the actors they touch (tests/test_validate.py compares the two), in time
    that grows with the documents, not with the store.

    >>> from graph.api import EXAMPLE_TRIG
    >>> from graph.store import OxigraphStore
    >>> store = OxigraphStore(); store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> store.raw.update("DELETE WHERE { GRAPH ?g { <https://w3id.org/actorgraph/id/actor/aleppo> "
    ...                  "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    >>> validate_documents(store, ["https://w3id.org/actorgraph/id/doc/d1"]).violations
    ['actor:aleppo rdfs:label: an actor needs exactly one rdfs:label']
    """
    return validate(written_subset(store, documents), shapes=shapes)
