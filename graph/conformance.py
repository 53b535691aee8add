"""Whether data surely conforms to SHACL core shapes, asked of pyoxigraph in a few ASK queries.

Why: a build validates every batch before writing it, and pySHACL's core constraints were the largest
cost of a build after spaCy (a batch of 64 articles copied into rdflib and checked focus node by
focus node), while a batch nearly always conforms. :func:`precheck` turns the shapes into one SPARQL
``ASK`` per constraint, true when some focus node *may* violate it; when none is true the data
conforms, and pySHACL, which would report nothing, need not run. When one is true, pySHACL runs as
before and its report is the result: the check only decides whether pySHACL has anything to find, so
the violations reported are pySHACL's, always.

For that the check must be sound: whenever pySHACL would report a result, some query is true. Each
value test is pySHACL's own rule on the same rdflib term pySHACL would see (the datatype's ill-typed
literals, the pattern's Python regular expression), or stricter than it (a class is only a direct
``rdf:type``, a range or ``sh:lessThanOrEquals`` passes only two well-typed numbers, counts are of
distinct values as in SHACL), and stricter only means pySHACL runs more often. Shapes using anything
else (other constraint components, severities, complex paths, implicit class targets, SPARQL
constraints) get no precheck at all: :func:`precheck` returns None and pySHACL runs every time.
tests/test_validate.py seeds a violation of every constraint of ``shapes.ttl`` and checks both
halves: the precheck flags it, and the build's check reports exactly pySHACL's lines.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

__all__ = ["Precheck", "precheck", "to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TARGETS = {SH.targetClass: "{{ ?this rdf:type/rdfs:subClassOf* {0} }}", SH.targetNode: "{{ VALUES ?this {{ {0} }} }}",
            SH.targetSubjectsOf: "{{ ?this {0} [] }}", SH.targetObjectsOf: "{{ [] {0} ?this }}"}
#: what a value test may say about a value node ?v (exact, from the node kind's definition)
_NODE_KINDS = {SH.IRI: "isIRI({0})", SH.Literal: "isLiteral({0})", SH.BlankNode: "isBlank({0})",
               SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))", SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
               SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))"}
_VALUE_TESTS = {SH.nodeKind, SH.datatype, SH.pattern, SH.flags, SH["in"], SH["class"], SH.minInclusive,
                SH.maxInclusive, SH.minExclusive, SH.maxExclusive}
_DESCRIPTIVE = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.name, SH.description, SH.order, SH.group}
#: every predicate a targeted shape may carry for the precheck to cover it
_SUPPORTED = _DESCRIPTIVE | _VALUE_TESTS | set(_TARGETS) | {
    SH.path, SH.minCount, SH.maxCount, SH.lessThanOrEquals, SH.qualifiedValueShape, SH.qualifiedMinCount, SH["or"]}
_SINGLE = (SH.path, SH.nodeKind, SH.datatype, SH.flags, SH.minCount, SH.maxCount, SH.qualifiedValueShape,
           SH.qualifiedMinCount, SH["in"])
_PREFIXES = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
_FUNCTION = "urn:actorgraph:precheck#test"


class _Unsupported(Exception):
    """The shapes use something the precheck does not cover: pySHACL alone must judge."""


def to_rdflib(term: object, cache: dict) -> object:
    """A pyoxigraph term as the equal rdflib term, as pySHACL is handed it (memoised: terms repeat).

    >>> day = pyoxigraph.Literal("2024-02-30", datatype=pyoxigraph.NamedNode(str(XSD.date)))
    >>> to_rdflib(pyoxigraph.Literal("Hama"), {}), to_rdflib(day, {}).ill_typed  # no such day: ill-typed
    (rdflib.term.Literal('Hama'), True)
    """
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


def _datatype_test(datatype: URIRef) -> Callable[[object], bool]:
    """pySHACL's sh:datatype rule (DatatypeConstraintComponent), the same steps: the literal's datatype,
    not ill-typed, and a Python value of the datatype's kind (other datatypes pass); a plain literal
    is a string; anything else fails."""
    kinds = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
             XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}

    def test(value: object) -> bool:
        if not isinstance(value, Literal):
            return False
        if value.datatype == datatype:
            return getattr(value, "ill_typed", None) is not True and (
                datatype not in kinds or isinstance(value.value, kinds[datatype]))
        if datatype == RDFS.Literal or (datatype == RDFS.Datatype and value.datatype):
            return True
        if value.datatype is None and value.language is None and datatype == XSD.string:
            return isinstance(value.value, (str, bytes))
        return datatype == RDF.langString and bool(value.language) and isinstance(value.value, (str, bytes))

    return test


def _pattern_test(pattern: str, flags: str) -> Callable[[object], bool]:
    """pySHACL's sh:pattern rule: Python's ``re.search`` on the value's string; a blank node fails."""
    matcher = re.compile(pattern, (re.I if "i" in flags.lower() else 0) | (re.M if "m" in flags.lower() else 0))

    def test(value: object) -> bool:
        if isinstance(value, BNode):
            return False
        text = str(value.value) if isinstance(value, Literal) and value.value is not None and value.datatype in (
            None, RDF.langString, XSD.string) else str(value)
        return matcher.search(text) is not None

    return test


def _number(value: object) -> int | Decimal | None:
    """The value of a well-typed integer or decimal literal (not a boolean), else None."""
    if isinstance(value, Literal) and not getattr(value, "ill_typed", False) and not isinstance(value.value, bool) \
            and isinstance(value.value, (int, Decimal)):
        return value.value
    return None


def _range_test(kind: URIRef, bound: object) -> Callable[[object], bool]:
    """A range rule passed only by a number compared with a number bound (stricter than pySHACL)."""
    limit = _number(bound)
    compare = {SH.minInclusive: lambda v: v >= limit, SH.maxInclusive: lambda v: v <= limit,
               SH.minExclusive: lambda v: v > limit, SH.maxExclusive: lambda v: v < limit}[kind]

    def test(value: object) -> bool:
        number = _number(value)
        return limit is not None and number is not None and compare(number)

    return test


def _at_most(value: object, other: object) -> bool:
    """sh:lessThanOrEquals passed only by two numbers in order (stricter than pySHACL)."""
    left, right = _number(value), _number(other)
    return left is not None and right is not None and left <= right


@dataclass
class _Builder:
    """The queries and the Python tests they call, numbered as custom SPARQL functions."""

    shapes: Graph
    queries: list[str] = field(default_factory=list)
    tests: list[Callable[..., bool]] = field(default_factory=list)

    def call(self, test: Callable[..., bool], *variables: str) -> str:
        self.tests.append(test)
        return f"<{_FUNCTION}{len(self.tests) - 1}>({', '.join(variables)})"

    def one(self, shape: object, predicate: URIRef) -> object:
        values = list(self.shapes.objects(shape, predicate))
        if len(values) > 1:
            raise _Unsupported(f"{len(values)} values of {predicate}")
        return values[0] if values else None

    def has(self, shape: object, predicates: Iterable[URIRef]) -> bool:
        return any(True for p in predicates for _ in self.shapes.objects(shape, p))

    def count(self, shape: object, predicate: URIRef) -> int | None:
        value = self.one(shape, predicate)
        if value is None:
            return None
        if not isinstance(value, Literal) or not isinstance(value.value, int) or isinstance(value.value, bool):
            raise _Unsupported(f"{predicate} {value}")
        return value.value

    def value_tests(self, shape: object, var: str) -> list[str]:
        """SPARQL expressions, each true only if ``var`` passes one value constraint of ``shape``."""
        tests = []
        kind = self.one(shape, SH.nodeKind)
        if kind is not None:
            if kind not in _NODE_KINDS:
                raise _Unsupported(f"node kind {kind}")
            tests.append(_NODE_KINDS[kind].format(var))
        listed = self.one(shape, SH["in"])
        if listed is not None:
            members = list(Collection(self.shapes, listed))
            if any(isinstance(m, BNode) for m in members):
                raise _Unsupported("a blank node in sh:in")
            tests.append("(" + (" || ".join(f"sameTerm({var}, {m.n3()})" for m in members) or "false") + ")")
        for cls in self.shapes.objects(shape, SH["class"]):
            tests.append(f"EXISTS {{ {var} rdf:type {cls.n3()} }}")
        datatype = self.one(shape, SH.datatype)
        if datatype is not None:
            tests.append(self.call(_datatype_test(datatype), var))
        flags = self.one(shape, SH.flags)
        for pattern in self.shapes.objects(shape, SH.pattern):
            tests.append(self.call(_pattern_test(str(pattern), str(flags or "")), var))
        for kind in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            for bound in self.shapes.objects(shape, kind):
                tests.append(self.call(_range_test(kind, bound), var))
        return tests

    def targets(self, shape: object) -> str:
        found = [_TARGETS[kind].format(value.n3()) for kind in _TARGETS for value in self.shapes.objects(shape, kind)]
        return " UNION ".join(found)

    def ask(self, where: str) -> None:
        self.queries.append(f"{_PREFIXES}ASK {{ {where} }}")

    def shape(self, shape: object) -> None:
        """The queries of one targeted shape."""
        unknown = set(self.shapes.predicates(shape)) - _SUPPORTED
        if unknown or any((shape, RDF.type, kind) in self.shapes for kind in (RDFS.Class, OWL.Class)):
            raise _Unsupported(f"{shape}: {sorted(unknown) or 'an implicit class target'}")
        for predicate in _SINGLE:
            self.one(shape, predicate)
        targets, path = self.targets(shape), self.one(shape, SH.path)
        if path is None:
            if self.has(shape, (SH.minCount, SH.maxCount, SH.lessThanOrEquals, SH.qualifiedValueShape)):
                raise _Unsupported(f"{shape}: a count or pair constraint without sh:path")
            self.node(shape, targets)
        elif not isinstance(path, URIRef):
            raise _Unsupported(f"{shape}: a complex path")
        else:
            self.property(shape, targets, path.n3())

    def node(self, shape: object, targets: str) -> None:
        tests = self.value_tests(shape, "?this")
        if tests:
            self.ask(f"{targets} FILTER(!COALESCE({' && '.join(tests)}, false))")
        for alternatives in self.shapes.objects(shape, SH["or"]):
            passes = [self.conforms(member) for member in Collection(self.shapes, alternatives)]
            self.ask(f"{targets} FILTER(!COALESCE({' || '.join(passes) or 'false'}, false))")

    def conforms(self, member: object) -> str:
        """An expression true only if ``?this`` conforms to ``member`` of an sh:or: value tests, or a
        path with sh:minCount 1 / sh:maxCount 0."""
        allowed = _DESCRIPTIVE | _VALUE_TESTS | {SH.path, SH.minCount, SH.maxCount}
        if set(self.shapes.predicates(member)) - allowed:
            raise _Unsupported(f"sh:or member {member}")
        path = self.one(member, SH.path)
        if path is None:
            return "(" + (" && ".join(self.value_tests(member, "?this")) or "true") + ")"
        low, high = self.count(member, SH.minCount), self.count(member, SH.maxCount)
        if not isinstance(path, URIRef) or low not in (None, 0, 1) or high not in (None, 0) or \
                self.has(member, _VALUE_TESTS):
            raise _Unsupported(f"sh:or member {member}")
        parts = ([f"EXISTS {{ ?this {path.n3()} [] }}"] if low == 1 else []) + (
            [f"NOT EXISTS {{ ?this {path.n3()} [] }}"] if high == 0 else [])
        return "(" + (" && ".join(parts) or "true") + ")"

    def property(self, shape: object, targets: str, path: str) -> None:
        low, high = self.count(shape, SH.minCount), self.count(shape, SH.maxCount)
        if low == 1:
            self.ask(f"{targets} FILTER NOT EXISTS {{ ?this {path} ?v }}")
        elif low:
            self.ask(f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} OPTIONAL {{ ?this {path} ?v }} }} "
                     f"GROUP BY ?this }} FILTER(?n < {low})")
        if high is not None:
            self.ask(f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} ?this {path} ?v }} "
                     f"GROUP BY ?this }} FILTER(?n > {high})")
        tests = self.value_tests(shape, "?v")
        if tests:
            self.ask(f"{targets} ?this {path} ?v FILTER(!COALESCE({' && '.join(tests)}, false))")
        for other in self.shapes.objects(shape, SH.lessThanOrEquals):
            if not isinstance(other, URIRef):
                raise _Unsupported("sh:lessThanOrEquals of a complex path")
            self.ask(f"{targets} ?this {path} ?v . ?this {other.n3()} ?w "
                     f"FILTER(!COALESCE({self.call(_at_most, '?v', '?w')}, false))")
        self.qualified(shape, targets, path)

    def qualified(self, shape: object, targets: str, path: str) -> None:
        inner, least = self.one(shape, SH.qualifiedValueShape), self.count(shape, SH.qualifiedMinCount)
        if inner is None and least is None:
            return
        if inner is None or least is None or set(self.shapes.predicates(inner)) - (_DESCRIPTIVE | _VALUE_TESTS):
            raise _Unsupported(f"{shape}: a qualified value shape other than value tests")
        passes = " && ".join(self.value_tests(inner, "?q")) or "true"
        self.ask(f"{{ SELECT ?this (COUNT(DISTINCT ?q) AS ?n) WHERE {{ {targets} OPTIONAL {{ ?this {path} ?q "
                 f"FILTER(COALESCE({passes}, false)) }} }} GROUP BY ?this }} FILTER(?n < {least})")


@dataclass(frozen=True)
class Precheck:
    """The ASK queries of a shapes graph and the Python tests they call (see the module's docstring).

    >>> shapes = Graph().parse(format="turtle", data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ...   <urn:S> sh:targetSubjectsOf <urn:p> ; sh:path <urn:p> ; sh:pattern "^[A-Z]" .''')
    >>> check = precheck(shapes); len(check.queries), len(check.tests)
    (1, 1)
    """

    queries: tuple[str, ...]
    tests: tuple[Callable[..., bool], ...]

    def conforms(self, data: pyoxigraph.Store) -> bool:
        """True if no focus node of the union of ``data``'s graphs may violate the shapes: then pySHACL,
        given the same data, reports nothing. False means pySHACL must judge.

        >>> shapes = Graph().parse(format="turtle", data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
        ...   <urn:S> sh:targetSubjectsOf <urn:p> ; sh:path <urn:p> ; sh:pattern "^[A-Z]" .''')
        >>> data, p = pyoxigraph.Store(), pyoxigraph.NamedNode("urn:p")
        >>> data.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:a"), p, pyoxigraph.Literal("Hama")))
        >>> precheck(shapes).conforms(data)
        True
        >>> data.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:a"), p, pyoxigraph.Literal("hama")))
        >>> precheck(shapes).conforms(data)  # pySHACL must judge (and reports the lower-case value)
        False
        """
        cache: dict = {}

        def wrap(test: Callable[..., bool]) -> Callable[..., pyoxigraph.Literal]:
            return lambda *terms: pyoxigraph.Literal(test(*(to_rdflib(t, cache) for t in terms)))

        functions = {pyoxigraph.NamedNode(f"{_FUNCTION}{i}"): wrap(test) for i, test in enumerate(self.tests)}
        return not any(bool(data.query(query, use_default_graph_as_union=True, custom_functions=functions))
                       for query in self.queries)


def precheck(shapes: Graph) -> Precheck | None:
    """The precheck of ``shapes``, or None when they use anything it does not cover (or SPARQL constraints).

    >>> shapes = Graph().parse(format="turtle", data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ...   <urn:S> sh:targetSubjectsOf <urn:p> ; sh:path <urn:p> ; sh:maxCount 1 .''')
    >>> data = pyoxigraph.Store()
    >>> data.add(pyoxigraph.Quad(*map(pyoxigraph.NamedNode, ("urn:a", "urn:p", "urn:b"))))
    >>> check = precheck(shapes); check.conforms(data)
    True
    >>> data.add(pyoxigraph.Quad(*map(pyoxigraph.NamedNode, ("urn:a", "urn:p", "urn:c"))))
    >>> check.conforms(data)
    False
    >>> precheck(shapes.add((URIRef("urn:S"), SH.minLength, Literal(2)))) is None  # beyond the precheck
    True
    """
    if any(shapes.triples((None, SH.sparql, None))) or any(shapes.triples((None, SH.target, None))):
        return None
    typed = {s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)}
    if any((s, RDF.type, kind) in shapes for s in typed for kind in (RDFS.Class, OWL.Class)):
        return None  # an implicit class target: its instances are focus nodes without a target triple
    builder = _Builder(shapes)
    targeted = sorted({s for kind in _TARGETS for s in shapes.subjects(kind)}, key=str)
    try:
        for shape in targeted:
            builder.shape(shape)
    except _Unsupported:
        return None
    for query in builder.queries:  # each parses, or the shapes are beyond the precheck
        try:
            pyoxigraph.Store().query(query, custom_functions={
                pyoxigraph.NamedNode(f"{_FUNCTION}{i}"): (lambda *a: None) for i in range(len(builder.tests))})
        except SyntaxError:
            return None
    return Precheck(tuple(builder.queries), tuple(builder.tests))
