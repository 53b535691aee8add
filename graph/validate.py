"""SHACL validation of actorgraph data against ``ontology/shapes.ttl``.

The shapes say what the data model promises: every actor is typed and
labelled, every claim is complete and sourced, and no relation triple exists
without an asserted claim behind it. Validation runs pySHACL over the *union*
of the named graphs (a claim lives in its document's graph, its actors in the
actors graph), copied into one in-memory rdflib Graph: pySHACL checks that
about three times faster than an Oxigraph store handed to it directly. No
RDFS/OWL inference is run: the shapes name every class they target, so
validation time grows with the data, not with its closure.

A build validates only what it writes, each batch before writing it (:func:`validate_batch`):
the graphs of the documents it extracted, their metadata, and what the shapes read about the
nodes those graphs name (the actors' labels and types, the types of sources and superseding
claims), so a batch that violates the shapes never reaches the store. Its cost is the cost of
what it adds, not of the store, and it is cheap: the SHACL-SPARQL constraints run in pyoxigraph (see
``_SparqlConstraint``), and the core shapes in pySHACL only when a sound pre-check in pyoxigraph
(``graph.conformance``) cannot tell that the batch conforms: the violations reported are pySHACL's. ``actorgraph validate DIR`` (:func:`validate`
on the whole store, pySHACL alone) checks everything, and is the reference the tests hold the
build's check to.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from pyoxigraph import RdfFormat
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from .conformance import Precheck, precheck, to_rdflib
from .namespaces import DOCUMENTS_GRAPH, PREFIX_MAP
from .queries import load, ontology_dir
from .store import restrict

__all__ = ["ValidationError", "ValidationReport", "load_shapes", "pending_subset", "validate", "validate_batch",
           "validate_documents", "validate_subset", "written_subset"]

#: short forms for one-line messages, longest namespace first
_SHORT = sorted(((ns, prefix + ":") for prefix, ns in PREFIX_MAP.items()), key=lambda pair: -len(pair[0]))


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


def _as_graph(data: object) -> Graph:
    """One rdflib Graph with every triple of ``data``, whatever graph it was in."""
    if isinstance(data, pyoxigraph.Store):
        graph, cache = _PreparedQueryGraph(), {}
        add = graph.add
        for quad in data:  # term by term: four times faster than serializing and parsing N-Quads
            add((to_rdflib(quad.subject, cache), to_rdflib(quad.predicate, cache), to_rdflib(quad.object, cache)))
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
            add((to_rdflib(triple.subject, cache), to_rdflib(triple.predicate, cache), to_rdflib(triple.object, cache)))
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


# ---- the build's check: pySHACL for the core shapes, pyoxigraph for the SPARQL constraints --------

#: pySHACL's report text for data that conforms
_CONFORMS = "Validation Report\nConforms: True\n"
_MOVABLE_VARIABLES = frozenset({"this", "path", "value"})
_DEFAULT_SEVERITY = (None, SH.Violation)


@dataclass(frozen=True)
class _SparqlConstraint:
    """One ``sh:sparql`` constraint of a targeted node shape, evaluated by pyoxigraph document by document.

    Why: pySHACL hands the query to rdflib's SPARQL engine once per focus node, and that was four
    fifths of the time of validating the documents of a build (20 documents: 2.3 s of 2.7 s, the
    ``FILTER NOT EXISTS`` of the asserted-relation shape evaluated once per relation triple).
    Over a whole batch pyoxigraph is no faster (its ``NOT EXISTS`` re-reads the data for every row:
    oxigraph issue #885), but over one document graph and the data outside the documents it answers
    in milliseconds. So each document graph is checked with what lies outside the document graphs
    (actor entries, document metadata, types): the data model keeps the claims behind a document's
    edges in that document's graph, as :func:`written_subset` reads it. Only constraints whose
    results pySHACL would report the same way are moved here (see :func:`_movable`);
    tests/test_validate.py compares both on seeded violations.
    """

    query: str
    message: Literal | None
    targets: tuple[tuple[URIRef, object], ...]

    def focus_nodes(self, data: pyoxigraph.Store, graphs: list) -> set:
        """The shape's focus nodes in ``graphs`` of ``data``: the SHACL targets, read by SPARQL."""
        found: set = set()
        for kind, value in self.targets:
            node = pyoxigraph.NamedNode(str(value))
            if kind == SH.targetNode:
                found.add(node)
                continue
            pattern = {SH.targetClass: "?x rdf:type/rdfs:subClassOf* ?v", SH.targetSubjectsOf: "?x ?v ?any",
                       SH.targetObjectsOf: "?any ?v ?x"}[kind]
            found.update(row["x"] for row in data.query(
                f"SELECT DISTINCT ?x ?v WHERE {{ {pattern} }}", prefixes=PREFIX_MAP, default_graph=graphs,
                substitutions={pyoxigraph.Variable("v"): node}))
        return found

    def violations(self, data: pyoxigraph.Store) -> set[str]:
        """One line per solution, as :func:`_violations` writes pySHACL's results: the default graph of
        ``data`` (the data outside the documents), then each document graph (with its copy of that data)."""
        lines, cache = set(), {}
        this = pyoxigraph.Variable("this")
        for graphs in [[pyoxigraph.DefaultGraph()], *([document] for document in data.named_graphs())]:
            for focus in self.focus_nodes(data, graphs):
                for row in data.query(self.query, substitutions={this: focus}, default_graph=graphs):
                    lines.add(self._line(focus, row["path"], row["value"], cache))
        return lines

    def _line(self, focus: object, path: object, value: object, cache: dict) -> str:
        where = _short(to_rdflib(focus, cache))
        if isinstance(path, pyoxigraph.NamedNode):
            where += f" {_short(to_rdflib(path, cache))}"
        shown = f" (value {_short(to_rdflib(value, cache))})" if value is not None and value != focus else ""
        return f"{where}: {self.message if self.message is not None else 'SPARQLConstraintComponent'}{shown}"


@dataclass(frozen=True)
class _SplitShapes:
    """A shapes graph as the build's check runs it: the shapes left to pySHACL, the constraints moved out."""

    core: Graph
    constraints: tuple[_SparqlConstraint, ...]
    check: Precheck | None = None  # the core shapes' sound pre-check (graph.conformance), if they allow one


def _prefixes(shapes: Graph, constraint: object) -> str:
    """The PREFIX lines a SHACL-SPARQL query declares through ``sh:prefixes``/``sh:declare``."""
    lines = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def _movable(shapes: Graph, shape: object, constraint: object, query: str) -> bool:
    """Whether pyoxigraph reports what pySHACL would for this constraint: a violation-severity, active
    constraint of an explicitly targeted node shape whose query projects only ``$this``, ``?path``
    and ``?value`` (no ``?message``, ``?failure``, ``$currentShape`` or ``$shapesGraph``), and parses."""
    implicit_class = any((shape, RDF.type, kind) in shapes for kind in (RDFS.Class, OWL.Class))
    if shapes.value(shape, SH.path) is not None or implicit_class:  # a property shape, or targets not all explicit
        return False
    for node in (shape, constraint):
        if shapes.value(node, SH.severity) not in _DEFAULT_SEVERITY or shapes.value(node, SH.deactivated) is not None:
            return False
    if "$currentShape" in query or "$shapesGraph" in query or "?currentShape" in query:
        return False
    try:
        result = pyoxigraph.Store().query(query, substitutions={pyoxigraph.Variable("this"): pyoxigraph.NamedNode("urn:x")})
    except (SyntaxError, ValueError, RuntimeError, OSError):
        return False
    return isinstance(result, pyoxigraph.QuerySolutions) and {v.value for v in result.variables} <= _MOVABLE_VARIABLES


def _split(shapes: Graph) -> _SplitShapes:
    """``shapes`` without the SPARQL constraints pyoxigraph can run, and those constraints."""
    core, moved = Graph(), []
    for prefix, namespace in shapes.namespaces():  # pySHACL's own messages write IRIs with the shapes' prefixes
        core.bind(prefix, namespace, override=True, replace=True)
    for triple in shapes:
        core.add(triple)
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        targets = tuple((p, o) for p in _TARGETS for o in shapes.objects(shape, p))
        select = shapes.value(constraint, SH.select)
        if not targets or select is None:
            continue
        query = _prefixes(shapes, constraint) + "\n" + str(select)
        if _movable(shapes, shape, constraint, query):
            message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
            moved.append(_SparqlConstraint(query, message, targets))
            core.remove((shape, SH.sparql, constraint))
    return _SplitShapes(core, tuple(moved), precheck(core))


@functools.lru_cache(maxsize=8)
def _split_file(path: str, mtime: float) -> _SplitShapes:
    return _split(_parse_shapes(path, mtime))


def _split_shapes(shapes: Graph | str | Path | None) -> _SplitShapes:
    if isinstance(shapes, Graph):
        return _split(shapes)
    path = Path(shapes) if shapes is not None else ontology_dir() / "shapes.ttl"
    load_shapes(path)  # the one-line errors of a missing or broken file
    return _split_file(str(path), path.stat().st_mtime)


def validate_subset(data: pyoxigraph.Store, *, shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate ``data`` (a subset made by :func:`written_subset` or :func:`pending_subset`: each
    document graph a named graph, the rest in the default graph) the fast way: pySHACL for the core
    constraints over the union, pyoxigraph for the SPARQL ones document by document.

    Same violations as :func:`validate` (pySHACL alone over the union) when each document's edges
    rest on its own claims, as graph.rdf writes them (tests/test_validate.py compares the two).

    Before the SPARQL constraints run, each document graph of ``data`` gets a copy of what the default
    graph says about the IRIs it names (``internal/subset-copies``, one update inside the store), so
    that a document graph is a whole for them (see ``_SparqlConstraint``). Why after the core check:
    the copies change nothing in the union it reads, and are most of a subset (25,000 of 34,000 quads
    for 32 of the bench's articles): the pre-check took twice as long with them.

    >>> data = pyoxigraph.Store()
    >>> data.load(b'''@prefix actor: <https://w3id.org/actorgraph/id/actor/> .
    ...   actor:a <https://w3id.org/actorgraph#backs> actor:b .''', format=RdfFormat.TURTLE)
    >>> validate_subset(data).violations == validate(data).violations
    True
    >>> validate_subset(data).violations  # doctest: +ELLIPSIS
    ['actor:a ag:backs: relation triple without an asserted ag:Claim ... (value actor:b)']
    """
    split = _split_shapes(shapes)
    if split.check is not None and split.check.conforms(data):
        core = ValidationReport(conforms=True, text=_CONFORMS)  # what pySHACL would say (graph.conformance)
    else:
        core = validate(data, shapes=split.core)
    if split.constraints:
        data.update(load("internal/subset-copies"))
    extra = sorted({line for constraint in split.constraints for line in constraint.violations(data)})
    if not extra:
        return core
    text = core.text.replace("Conforms: True", "Conforms: False", 1)
    text += "".join(f"\nConstraint Violation in SPARQLConstraintComponent: {line}" for line in extra)
    return ValidationReport(conforms=False, text=text, violations=sorted(core.violations + extra))


def _document_rows(store: object, documents: list[pyoxigraph.NamedNode]) -> tuple[list, list]:
    """(s, p, o, document) of the documents' graphs, and (s, p, o) of what any graph says about them."""
    if not documents:
        return [], []
    quads = [(row["s"], row["p"], row["o"], row["g"])
             for row in store.query(restrict(load("internal/document-graph"), "g", documents))]
    about = [(row["d"], row["p"], row["o"])
             for row in store.query(restrict(load("internal/about-document"), "d", documents))]
    return quads, about


def _node_rows(store: object, nodes: Iterable[pyoxigraph.NamedNode], replaced: set) -> Iterable[tuple]:
    """(n, p, o): the actor entries of ``nodes`` and their types in any graph but the ``replaced`` ones
    (and but a replaced document's own metadata, which the write replaces too)."""
    nodes = sorted(nodes, key=lambda node: node.value)
    if not nodes:
        return
    for row in store.query(restrict(load("internal/about-node"), "n", nodes)):
        graph = row["g"]
        if graph in replaced or (graph == _DOCUMENTS and row["n"] in replaced):
            continue
        yield row["n"], row["p"], row["o"]


_DOCUMENTS = pyoxigraph.NamedNode(str(DOCUMENTS_GRAPH))


def _subset(documents: Iterable[pyoxigraph.Quad], other: Iterable[tuple]) -> pyoxigraph.Store:
    """A memory store: the ``other`` triples (s, p, o) in the default graph, and each document's
    quads in its graph (:func:`validate_subset` adds to each the copies the SPARQL constraints need).

    >>> a, b, g = (pyoxigraph.NamedNode(f"urn:{n}") for n in "abg")
    >>> label = pyoxigraph.NamedNode("urn:label")
    >>> data = _subset([pyoxigraph.Quad(a, label, b, g)], [(b, label, pyoxigraph.Literal("B"))])
    >>> sorted(q.object.value for q in data.quads_for_pattern(None, None, None, g))
    ['urn:b']
    >>> data.update(load("internal/subset-copies"))  # as validate_subset does before the SPARQL constraints
    >>> sorted(q.object.value for q in data.quads_for_pattern(None, None, None, g))
    ['B', 'urn:b']
    """
    data = pyoxigraph.Store()
    data.extend(pyoxigraph.Quad(s, p, o) for s, p, o in other)
    data.extend(documents)
    return data


def written_subset(store: object, documents: Iterable[str]) -> pyoxigraph.Store:
    """The triples a validation of ``documents`` needs, read from ``store`` (an ``OxigraphStore`` or a
    ``SparqlStore``: anything with ``query(sparql, bindings)``), as a memory store (see ``_subset``).

    Each document graph comes whole (its claims and their relation triples live in it), with the
    document's metadata; every IRI those graphs name as an object (actors, sources, superseding
    claims) comes with its actors-graph entry and its ``rdf:type`` from any graph. Relation triples
    of other documents are not read: each document graph carries the claims behind its own edges.
    Three requests, whatever the number of documents.

    >>> from graph.api import EXAMPLE_TRIG
    >>> from graph.store import OxigraphStore
    >>> store = OxigraphStore(); store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> store.raw.update("INSERT DATA { GRAPH <https://w3id.org/actorgraph/id/doc/d2> { "
    ...                  "<https://w3id.org/actorgraph/id/actor/x> <https://w3id.org/actorgraph#backs> <https://w3id.org/actorgraph/id/actor/y> } }")
    >>> subset = written_subset(store, ["https://w3id.org/actorgraph/id/doc/d1"])
    >>> len({(q.subject, q.predicate, q.object) for q in subset}), len(store)  # all but doc d2
    (57, 58)
    """
    docs = [pyoxigraph.NamedNode(d) for d in dict.fromkeys(documents)]
    rows, about = _document_rows(store, docs)
    named = {o for _, _, o, _ in rows if isinstance(o, pyoxigraph.NamedNode)}
    return _subset([pyoxigraph.Quad(*row) for row in rows], about + list(_node_rows(store, named, set())))


def pending_subset(store: object, batch: Sequence[tuple[str, Sequence[pyoxigraph.Quad]]],
                   shared: Sequence[pyoxigraph.Quad] = ()) -> pyoxigraph.Store:
    """What :func:`written_subset` would read once ``batch`` (``(document IRI, quads)`` pairs, as
    ``GraphStore.write_documents`` takes them) and ``shared`` (actor quads) are written into
    ``store``, made before the write, so that a build can refuse a batch and leave the store as it was.

    The batch's own quads come from memory; the store is asked only about the nodes they name (the
    documents' objects, and the actors the shared quads describe), leaving out what the write replaces.

    >>> from graph.store import OxigraphStore
    >>> from pyoxigraph import NamedNode, Quad
    >>> store, a = OxigraphStore(), NamedNode("https://w3id.org/actorgraph/id/actor/a")
    >>> label, actors = NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), NamedNode(
    ...     "https://w3id.org/actorgraph/id/graph/actors")
    >>> store.raw.add(Quad(a, label, pyoxigraph.Literal("Old name"), actors))
    >>> sorted(q.object.value for q in pending_subset(store, [], [Quad(a, label, pyoxigraph.Literal("A"), actors)]))
    ['A', 'Old name']
    """
    replaced = {pyoxigraph.NamedNode(doc) for doc, _ in batch}
    quads, outside = [], []
    for quad in (q for _, written in batch for q in written):
        (quads if quad.graph_name in replaced else outside).append(quad)
    other = [(quad.subject, quad.predicate, quad.object) for quad in outside]
    named = {o for o in (quad.object for quad in quads) if isinstance(o, pyoxigraph.NamedNode)}
    for quad in shared:
        other.append((quad.subject, quad.predicate, quad.object))
        named.update(t for t in (quad.subject, quad.object) if isinstance(t, pyoxigraph.NamedNode))
    return _subset(quads, other + list(_node_rows(store, named, replaced)))


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
    return validate_subset(written_subset(store, documents), shapes=shapes)


def validate_batch(store: object, batch: Sequence[tuple[str, Sequence[pyoxigraph.Quad]]],
                   shared: Sequence[pyoxigraph.Quad] = (), *,
                   shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate a batch before it is written: what ``validate_documents`` would report after the write.

    >>> from graph.store import OxigraphStore
    >>> from pyoxigraph import NamedNode, Quad
    >>> doc = "https://w3id.org/actorgraph/id/doc/d9"
    >>> edge = Quad(NamedNode("https://w3id.org/actorgraph/id/actor/a"), NamedNode("https://w3id.org/actorgraph#backs"),
    ...             NamedNode("https://w3id.org/actorgraph/id/actor/b"), NamedNode(doc))
    >>> store = OxigraphStore(); report = validate_batch(store, [(doc, [edge])])
    >>> report.conforms, len(store), report.violations[0].split(":")[:2]
    (False, 0, ['actor', 'a ag'])
    """
    return validate_subset(pending_subset(store, batch, shared), shapes=shapes)
