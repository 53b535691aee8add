"""SHACL validation: valid data conforms, each broken promise of the data model is caught."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from graph.models import Actor, Claim, Document
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads
from graph.queries import ontology_dir
from graph.store import OxigraphStore
from graph.validate import (ValidationError, ValidationReport, validate, validate_batch, validate_documents,
                            validate_subset, written_subset)


@pytest.fixture(scope="module")
def valid(trig) -> str:
    """``tests/data/validate.trig``: one article that conforms to the shapes."""
    return trig("validate")


def store_of(trig: str) -> Store:
    store = Store()
    store.load(trig.encode("utf-8"), format=RdfFormat.TRIG)
    return store


def dataset_of(trig: str) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(data=trig, format="trig")
    return dataset


def graph_of(trig: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o, _ in dataset_of(trig).quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("load", [store_of, dataset_of, graph_of], ids=["oxigraph-store", "rdflib-dataset", "rdflib-graph"])
def test_validate_valid_dataset_conforms(valid, load):
    report = validate(load(valid))
    assert report.conforms, report.text
    assert report.violations == []


@pytest.fixture()
def broken(valid, prefixes):
    """``broken(update)`` -> the valid dataset changed by one SPARQL Update (fixed text written here, no
    outside input)."""

    def change(update: str) -> Store:
        store = store_of(valid)
        store.update(prefixes + update)
        return store

    return change


#: one broken promise of the data model each, as a SPARQL Update on the valid dataset, and the violation it gives
BROKEN = [
    ("INSERT DATA { GRAPH doc:d1 { actor:russia ag:opposes actor:liwa-x } }",
     ("actor:russia ag:opposes: relation triple without an asserted ag:Claim that has a source document and a "
      "sentence (value actor:liwa-x)")),
    (("DELETE DATA { GRAPH doc:d1 { claim:c2 ag:status ag:Asserted } } ; "
      "INSERT DATA { GRAPH doc:d1 { claim:c2 ag:status ag:Denied } }"),
     "actor:assad-government ag:withdrewFrom: relation triple without an asserted ag:Claim"),
    ("DELETE DATA { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { actor:hama rdfs:label \"Hama\" } }",
     "actor:hama rdfs:label: an actor needs exactly one rdfs:label"),
    ("INSERT DATA { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { actor:hama rdfs:label \"Hamah\" } }",
     "actor:hama rdfs:label: an actor needs exactly one rdfs:label"),
    ("DELETE DATA { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { actor:russia skos:prefLabel \"Russia\" } }",
     "actor:russia skos:prefLabel: an actor needs a skos:prefLabel"),
    ("DELETE WHERE { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { actor:liwa-x a ?type } }",
     "actor:liwa-x rdf:type: named by a claim but not typed with an ag: actor or place class"),
    (("DELETE DATA { GRAPH doc:d1 { claim:c3 rdf:predicate ag:opposes } } ; "
      "INSERT DATA { GRAPH doc:d1 { claim:c3 rdf:predicate ag:likes } }"),
     "claim:c3 rdf:predicate: a claim needs one rdf:predicate among the seven ag: relations (value ag:likes)"),
    (("DELETE DATA { GRAPH doc:d1 { claim:c3 ag:sentence \"Liwa X may attack Russian bases.\" } } ; "
      "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:sentence \"  \" } }"),
     "claim:c3 ag:sentence: a claim needs one non-empty ag:sentence string (value '  ')"),
    ("DELETE DATA { GRAPH doc:d1 { claim:c3 ag:charStart 66 } } ; INSERT DATA { GRAPH doc:d1 { claim:c3 ag:charStart 99 } }",
     "claim:c3 ag:charStart: a claim needs one ag:charStart, an integer >= 0 and <= ag:charEnd"),
    ("DELETE DATA { GRAPH doc:d1 { claim:c3 ag:confidence 0.5 } } ; INSERT DATA { GRAPH doc:d1 { claim:c3 ag:confidence 1.5 } }",
     "claim:c3 ag:confidence: a claim needs one ag:confidence, an xsd:decimal in [0, 1] (value '1.5')"),
    (("DELETE DATA { GRAPH doc:d1 { claim:c3 ag:status ag:Hypothetical } } ; "
      "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:status ag:Rumoured } }"),
     "claim:c3 ag:status: a claim needs one ag:status among"),
    (("DELETE DATA { GRAPH doc:d1 { claim:c3 prov:wasDerivedFrom doc:d1 } } ; "
      "INSERT DATA { GRAPH doc:d1 { claim:c3 prov:wasDerivedFrom doc:unknown } }"),
     "claim:c3 prov:wasDerivedFrom: a claim needs one source, an ag:Document"),
    ("INSERT DATA { GRAPH doc:d1 { claim:c3 ag:eventDate \"5 December\" } }",
     "claim:c3 ag:eventDate: ag:eventDate is optional, at most one xsd:date"),
]
BROKEN_IDS = ["relation-without-claim", "relation-with-denied-claim-only", "actor-without-label", "actor-with-two-labels",
              "actor-without-preflabel", "claim-about-untyped-actor", "unknown-relation", "blank-sentence",
              "start-after-end", "confidence-above-one", "unknown-status", "source-not-a-document", "date-not-a-date"]


@pytest.mark.parametrize(("update", "expected"), BROKEN, ids=BROKEN_IDS)
def test_validate_catches_each_broken_promise(broken, update, expected):
    report = validate(broken(update))
    assert not report.conforms
    assert any(line.startswith(expected) for line in report.violations), report.violations


def test_validate_violations_are_one_line_each(broken):
    report = validate(broken("INSERT DATA { GRAPH doc:d1 { actor:russia ag:opposes actor:liwa-x . "
                             "actor:liwa-x ag:backs actor:russia } }"))
    assert len(report.violations) == 2
    assert all("\n" not in line for line in report.violations)
    assert "Conforms: False" in report.text


def test_validate_accepts_what_the_rdf_mapping_writes():
    """The pipeline's own quads (graph.rdf) conform: the shapes and the mapping agree."""
    russia = Actor("https://w3id.org/actorgraph/id/actor/russia", "State", "Russia", ("Moscow",))
    government = Actor("https://w3id.org/actorgraph/id/actor/assad-government", "Government", "Assad government")
    hama = Actor("https://w3id.org/actorgraph/id/actor/hama", "Settlement", "Hama")
    monitor = Actor("https://w3id.org/actorgraph/id/actor/liwa-x", "ArmedGroup", "Liwa X", discovered=True)
    text = "The Syrian army, supported by Russia, said it withdrew from Hama. Liwa X denied backing Russia."
    document = Document(text=text, url="https://example.org/a", title="Hama", published=dt.date(2024, 12, 6),
                        outlet="Example Wire", id="doc01")
    claims = [
        Claim(russia, "backs", government, "asserted", text[:65], 0, 65, "backs.passive_agent", 0.9,
              event_date=dt.date(2024, 12, 5), reported_by=monitor),
        Claim(government, "withdrewFrom", hama, "asserted", text[:65], 0, 65, "withdrewFrom.verb", 1.0),
        Claim(monitor, "backs", russia, "denied", text[66:], 66, len(text), "backs.verb", 0.8),
        Claim(russia, "controls", hama, "intended", text[:65], 0, 65, "controls.verb", 0.9),
        Claim(monitor, "opposes", russia, "hypothetical", text[66:], 66, len(text), "opposes.verb", 0.7),
    ]
    iri = doc_iri(document)
    store = Store()
    store.extend([*document_quads(document, iri), *claim_quads(claims, iri),
                  *actor_quads([russia, government, hama, monitor])])
    report = validate(store)
    assert report.conforms, report.violations


def test_validate_raise_if_invalid_names_the_source(broken):
    report = validate(broken("INSERT DATA { GRAPH doc:d1 { actor:russia ag:opposes actor:liwa-x } }"))
    with pytest.raises(ValidationError, match=r"^out/graph\.trig: 1 SHACL violation\(s\), first: actor:russia"):
        report.raise_if_invalid("out/graph.trig")
    ValidationReport(True, "Conforms: True").raise_if_invalid("out/graph.trig")


def test_validate_unusable_shapes_file_is_named(tmp_path, valid):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle", encoding="utf-8")
    with pytest.raises(ValidationError, match=f"^{shapes}: not usable SHACL shapes"):
        validate(store_of(valid), shapes=shapes)
    with pytest.raises(ValidationError, match="missing.ttl: shapes file not found"):
        validate(store_of(valid), shapes=tmp_path / "missing.ttl")


def test_validate_rejects_what_is_not_rdf():
    with pytest.raises(TypeError, match="cannot validate dict"):
        validate({"a": 1})


#: an older document already in the store: valid, about other pairs of actors than doc:d1's claims
OLDER = """
<https://w3id.org/actorgraph/id/graph/actors> {
  actor:sna a ag:ArmedGroup ; rdfs:label "Syrian National Army" ; skos:prefLabel "Syrian National Army" . }
<https://w3id.org/actorgraph/id/graph/documents> {
  doc:d0 a ag:Document, schema:NewsArticle ; dcterms:title "Manbij" ; ag:wordCount 40 . }
doc:d0 {
  actor:sna ag:opposes actor:liwa-x .
  claim:c10 a ag:Claim ; rdf:subject actor:sna ; rdf:predicate ag:opposes ; rdf:object actor:liwa-x ;
      prov:wasDerivedFrom doc:d0 ; ag:sentence "The SNA clashed with Liwa X near Manbij." ;
      ag:charStart 0 ; ag:charEnd 40 ; ag:rule "opposes.clashed" ; ag:confidence 0.8 ; ag:status ag:Asserted .
}
"""
D0, D1 = "https://w3id.org/actorgraph/id/doc/d0", "https://w3id.org/actorgraph/id/doc/d1"


@pytest.fixture()
def with_older(prefixes):
    """``with_older(store)`` -> an OxigraphStore holding ``store``'s quads and the older doc:d0."""

    def add(store: Store) -> OxigraphStore:
        wrapped = OxigraphStore()
        wrapped.raw.extend(store)
        wrapped.raw.load((prefixes + OLDER).encode("utf-8"), format=RdfFormat.TRIG)
        return wrapped

    return add


@pytest.mark.parametrize(("update", "expected"), BROKEN, ids=BROKEN_IDS)
def test_validate_documents_reports_what_a_full_validation_reports(broken, with_older, update, expected):
    """Seeded violations in the newly written doc:d1, beside a valid older doc:d0: the incremental
    check of doc:d1 reports exactly what pySHACL over the whole store reports."""
    store = with_older(broken(update))
    full = validate(store.raw).violations
    assert any(line.startswith(expected) for line in full), full
    assert validate_documents(store, [D1]).violations == full
    assert full == reference_violations(store.raw)


def reference_violations(store: Store) -> list[str]:
    """pySHACL alone, as documented: plain rdflib (its own SPARQL engine) and shapes.ttl as written."""
    plain = rdflib.Graph()
    for quad in store:
        plain.add(tuple(rdflib.util.from_n3(str(term)) for term in (quad.subject, quad.predicate, quad.object)))
    return validate(plain, shapes=rdflib.Graph().parse(ontology_dir() / "shapes.ttl")).violations


def test_validate_documents_checks_only_the_documents_given(broken, with_older):
    store = with_older(broken("INSERT DATA { GRAPH doc:d1 { } }"))
    store.raw.update('DELETE DATA { GRAPH <https://w3id.org/actorgraph/id/doc/d0> { '
                     '<https://w3id.org/actorgraph/id/claim/c10> <https://w3id.org/actorgraph#rule> "opposes.clashed" } }')
    older_fault = "claim:c10 ag:rule: a claim needs the name of the rule that made it (ag:rule)"
    assert validate(store.raw).violations == [older_fault]
    assert validate_documents(store, [D1]).conforms
    assert validate_documents(store, [D0, D1]).violations == [older_fault]


def test_validate_documents_reads_a_bounded_part_of_the_store(valid, with_older):
    store = with_older(store_of(valid))
    subset = written_subset(store, [D0])
    assert 0 < len(subset) < len(store)
    assert not any("d1" in quad.subject.value or "russia" in quad.subject.value for quad in subset)


DOCUMENTS_GRAPH = NamedNode("https://w3id.org/actorgraph/id/graph/documents")


def split_off(store: OxigraphStore, doc: str) -> list[tuple[str, list[Quad]]]:
    """Remove ``doc``'s graph and metadata from ``store``; return them as the batch a build would write."""
    node = NamedNode(doc)
    quads = [*store.raw.quads_for_pattern(None, None, None, node),
             *store.raw.quads_for_pattern(node, None, None, DOCUMENTS_GRAPH)]
    for quad in quads:
        store.raw.remove(quad)
    return [(doc, quads)]


@pytest.mark.parametrize(("update", "expected"), BROKEN, ids=BROKEN_IDS)
def test_validate_batch_reports_before_the_write_what_a_full_validation_reports_after(broken, with_older, update,
                                                                                   expected):
    """The check a build runs before writing doc:d1 (its graph and metadata in memory, the actors and the
    older doc:d0 in the store) reports what pySHACL over the whole store reports once d1 is written,
    and writes nothing."""
    store = with_older(broken(update))
    full = validate(store.raw).violations
    batch = split_off(store, D1)
    before = sorted(map(str, store.raw))
    assert validate_batch(store, batch).violations == full
    assert sorted(map(str, store.raw)) == before


def test_validate_batch_sees_the_store_and_the_batch_together(valid, with_older):
    """An actor the batch relabels keeps its stored label too: two labels, one violation, as after the write."""
    store = with_older(store_of(valid))
    batch = split_off(store, D1)
    relabel = Quad(NamedNode("https://w3id.org/actorgraph/id/actor/hama"), NamedNode(str(rdflib.RDFS.label)),
                   Literal("Hamah"), NamedNode("https://w3id.org/actorgraph/id/graph/actors"))
    report = validate_batch(store, batch, [relabel])
    assert report.violations == ["actor:hama rdfs:label: an actor needs exactly one rdfs:label"]
    store.write_documents(batch, [relabel])
    assert validate(store.raw).violations == report.violations


def test_validate_batch_leaves_out_what_the_write_replaces(valid, with_older, prefixes):
    """The stored version of doc:d1 has a claim c9 that the new version drops but still names as the
    claim superseding c3: after the write c9 is no ag:Claim, and the check before it says so too."""
    c9 = ("claim:c9 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:assad-government ; "
          "prov:wasDerivedFrom doc:d1 ; ag:sentence \"Russia backs Assad.\" ; ag:charStart 0 ; ag:charEnd 19 ; "
          "ag:rule \"backs.verb\" ; ag:confidence 0.9 ; ag:status ag:Asserted .")
    store = with_older(store_of(valid))
    store.raw.update(prefixes + f"INSERT DATA {{ GRAPH doc:d1 {{ {c9} }} }}")
    assert validate(store.raw).conforms
    new = with_older(store_of(valid))
    new.raw.update(prefixes + "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:supersededBy claim:c9 } }")
    batch = split_off(new, D1)
    report = validate_batch(store, batch)
    assert report.violations == ["claim:c3 ag:supersededBy: ag:supersededBy is optional, at most one ag:Claim "
                                 "(value claim:c9)"]
    store.write_documents(batch)
    assert validate(store.raw).violations == report.violations


@pytest.mark.parametrize(("update", "expected"), BROKEN, ids=BROKEN_IDS)
def test_validate_subset_is_pyshacl_on_the_same_data(broken, update, expected):
    """The fast check (SPARQL constraints in pyoxigraph) and pySHACL alone agree line for line."""
    store = broken(update)
    data = Store()
    data.extend(Quad(q.subject, q.predicate, q.object) for q in store)
    assert validate_subset(data).violations == validate(store).violations


#: faults on actors the second article names (Russia, Hama), seeded in the store between two builds
SEED = """
INSERT DATA { GRAPH <https://w3id.org/actorgraph/id/graph/actors> {
  actor:russia rdfs:label "Rossiya" .
  actor:hama geo:lat 95.0 . } }
"""


def _shacl_lines(stderr: str) -> list[str]:
    return sorted(line.removeprefix("actorgraph: shacl: ") for line in stderr.splitlines()
                  if line.startswith("actorgraph: shacl: "))


def _quads(out) -> list[str]:
    with OxigraphStore(out / "store", read_only=True) as store:
        return sorted(map(str, store.raw))


@pytest.mark.slow
def test_validate_build_refuses_what_a_full_validation_finds_and_stores_nothing(tmp_path, capsys, prefixes):
    """A build whose article touches faulty actors (seeded in the store) stops with one line before
    writing, and lists exactly the violations `actorgraph validate` finds once the same article is
    written with --no-validate."""
    from graph.cli import main

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    (first / "a.txt").write_text("Turkey backs the Syrian National Army.\n", encoding="utf-8")
    (second / "b.txt").write_text("Russian forces backed the Syrian army near Hama on Tuesday. "
                                  "Rebels captured Hama.\n", encoding="utf-8")
    out, copy = tmp_path / "out", tmp_path / "copy"
    assert main(["build", str(first), "--out", str(out), "--workers", "0", "--quiet"]) == 0
    with OxigraphStore(out / "store") as store:
        store.raw.update(prefixes + "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>\n" + SEED)
    shutil.copytree(out, copy)
    before = _quads(out)
    capsys.readouterr()

    assert main(["build", str(second), "--out", str(out), "--workers", "0", "--quiet"]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("actorgraph: error:")]
    assert len(errors) == 1 and "that batch was not written, nothing was stored" in errors[0], err
    assert _quads(out) == before
    incremental = _shacl_lines(err)

    assert main(["build", str(second), "--out", str(copy), "--workers", "0", "--quiet", "--no-validate"]) == 0
    capsys.readouterr()
    assert main(["validate", str(copy)]) == 1
    full = _shacl_lines(capsys.readouterr().err)
    assert incremental == full
    assert any(line.startswith("actor:russia rdfs:label") for line in full), full
    assert any(line.startswith("actor:hama geo:lat") for line in full), full


def test_validate_subset_moves_only_the_sparql_constraints_pyoxigraph_reports_alike():
    """The asserted-relation constraint runs in pyoxigraph; one projecting ?message stays with pySHACL."""
    from rdflib.namespace import SH

    from graph.validate import _split, load_shapes

    split = _split(load_shapes())
    assert len(split.constraints) == 1 and not list(split.core.objects(None, SH.sparql))
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
            sh:sparql [ sh:select "SELECT $this ?message WHERE { $this <http://example.org/p> ?o . BIND('no' AS ?message) }" ] .
        """, format="turtle")
    assert _split(shapes).constraints == () and list(_split(shapes).core.objects(None, SH.sparql))


_ACTORS = "GRAPH <https://w3id.org/actorgraph/id/graph/actors>"
_DOCS = "GRAPH <https://w3id.org/actorgraph/id/graph/documents>"


def _swap(graph: str, subject: str, predicate: str, old: str, new: str) -> str:
    """A SPARQL Update replacing one value of the valid dataset (fixed text written here)."""
    return (f"DELETE DATA {{ {graph} {{ {subject} {predicate} {old} }} }} ; "
            f"INSERT DATA {{ {graph} {{ {subject} {predicate} {new} }} }}")


#: one violation of each constraint of shapes.ttl that BROKEN leaves out, for the build's precheck
#: (graph.conformance): nothing pySHACL would report may pass it
MORE_BROKEN = {
    "alt-label-an-iri": f"INSERT DATA {{ {_ACTORS} {{ actor:russia skos:altLabel actor:hama }} }}",
    "pref-label-an-iri": f"INSERT DATA {{ {_ACTORS} {{ actor:russia skos:prefLabel actor:hama }} }}",
    "discovered-not-a-boolean": _swap(_ACTORS, "actor:liwa-x", "ag:discovered", "true", '"yes"'),
    "discovered-twice": f"INSERT DATA {{ {_ACTORS} {{ actor:liwa-x ag:discovered false }} }}",
    "theatre-a-literal": f"INSERT DATA {{ {_ACTORS} {{ actor:liwa-x ag:theatre \"Syria\" }} }}",
    "actor-a-blank-node": f"INSERT DATA {{ {_ACTORS} {{ _:b a ag:State ; rdfs:label \"B\" ; skos:prefLabel \"B\" }} }}",
    "latitude-out-of-range": f"INSERT DATA {{ {_ACTORS} {{ actor:hama geo:lat 95.0 ; geo:long 36.7 }} }}",
    "latitude-without-longitude": f"INSERT DATA {{ {_ACTORS} {{ actor:hama geo:lat 35.1 }} }}",
    "longitude-without-latitude": f"INSERT DATA {{ {_ACTORS} {{ actor:hama geo:long 36.7 }} }}",
    "latitude-a-string": f"INSERT DATA {{ {_ACTORS} {{ actor:hama geo:lat \"35.1\" ; geo:long 36.7 }} }}",
    "latitude-an-integer": f"INSERT DATA {{ {_ACTORS} {{ actor:hama geo:lat 35 ; geo:long 36.7 }} }}",
    "two-longitudes": f"INSERT DATA {{ {_ACTORS} {{ actor:hama geo:lat 35.1 ; geo:long 36.7, 36.8 }} }}",
    "located-in-a-literal": f"INSERT DATA {{ {_ACTORS} {{ actor:hama ag:locatedIn \"Syria\" }} }}",
    "document-a-blank-node": f"INSERT DATA {{ {_DOCS} {{ _:d a ag:Document }} }}",
    "two-titles": f"INSERT DATA {{ {_DOCS} {{ doc:d1 dcterms:title \"Hama again\" }} }}",
    "two-publishers": f"INSERT DATA {{ {_DOCS} {{ doc:d1 dcterms:publisher \"Other Wire\" }} }}",
    "issued-no-such-day": _swap(_DOCS, "doc:d1", "dcterms:issued", '"2024-12-06"^^xsd:date', '"2024-02-30"^^xsd:date'),
    "url-a-plain-string": _swap(_DOCS, "doc:d1", "schema:url", '"https://example.org/d1"^^xsd:anyURI',
                                '"https://example.org/d1"'),
    "word-count-negative": _swap(_DOCS, "doc:d1", "ag:wordCount", "312", "-5"),
    "content-hash-a-number": _swap(_DOCS, "doc:d1", "ag:contentHash", '"ab12"', "12"),
    "subject-a-literal": _swap("GRAPH doc:d1", "claim:c3", "rdf:subject", "actor:liwa-x", '"Liwa X"'),
    "two-subjects": "INSERT DATA { GRAPH doc:d1 { claim:c3 rdf:subject actor:hama } }",
    "two-predicates": "INSERT DATA { GRAPH doc:d1 { claim:c3 rdf:predicate ag:backs } }",
    "object-missing": "DELETE DATA { GRAPH doc:d1 { claim:c3 rdf:object actor:russia } }",
    "source-missing": "DELETE DATA { GRAPH doc:d1 { claim:c3 prov:wasDerivedFrom doc:d1 } }",
    "end-missing": "DELETE DATA { GRAPH doc:d1 { claim:c3 ag:charEnd 98 } }",
    "word-count-not-a-number": _swap(_DOCS, "doc:d1", "ag:wordCount", "312", '"many"^^xsd:integer'),
    "start-negative": _swap("GRAPH doc:d1", "claim:c3", "ag:charStart", "66", "-1"),
    "rule-a-number": _swap("GRAPH doc:d1", "claim:c3", "ag:rule", '"opposes.verb"', "7"),
    "rule-missing": "DELETE DATA { GRAPH doc:d1 { claim:c3 ag:rule \"opposes.verb\" } }",
    "confidence-a-string": _swap("GRAPH doc:d1", "claim:c3", "ag:confidence", "0.5", '"high"'),
    "confidence-below-zero": _swap("GRAPH doc:d1", "claim:c3", "ag:confidence", "0.5", "-0.1"),
    "status-missing": "DELETE DATA { GRAPH doc:d1 { claim:c3 ag:status ag:Hypothetical } }",
    "two-statuses": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:status ag:Denied } }",
    "unknown-event-type": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:eventType ag:Gossip } }",
    "two-event-types": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:eventType ag:Assault, ag:Threaten } }",
    "no-such-month": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:eventDate \"2024-13-01\"^^xsd:date } }",
    "reporter-a-literal": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:reportedBy \"SOHR\" } }",
    "reporter-untyped": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:reportedBy actor:unknown-monitor } }",
    "superseded-by-no-claim": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:supersededBy actor:hama } }",
    "sentence-of-no-break-spaces": _swap("GRAPH doc:d1", "claim:c3", "ag:sentence", '"Liwa X may attack Russian bases."',
                                         '"\\u00A0\\u00A0"'),
    "sentence-with-a-language": _swap("GRAPH doc:d1", "claim:c3", "ag:sentence", '"Liwa X may attack Russian bases."',
                                      '"Liwa X may attack Russian bases."@en'),
    "two-sentences": "INSERT DATA { GRAPH doc:d1 { claim:c3 ag:sentence \"Liwa X may strike.\" } }",
}
ALL_BROKEN = {**dict(zip(BROKEN_IDS, (update for update, _ in BROKEN))), **MORE_BROKEN}


def _union(store: Store) -> Store:
    data = Store()
    data.extend(Quad(q.subject, q.predicate, q.object) for q in store)
    return data


@pytest.mark.parametrize("update", ALL_BROKEN.values(), ids=ALL_BROKEN.keys())
def test_validate_precheck_never_passes_what_pyshacl_reports(broken, update):
    """Each seeded fault of the core shapes keeps the build's precheck from passing the data, so
    pySHACL runs, and the build's check reports pySHACL's lines, all of them."""
    from graph.validate import _split_shapes

    store = broken(update)
    split = _split_shapes(None)
    core = validate(store, shapes=split.core).violations
    assert core or update in (u for u, _ in BROKEN[:2]), "the seeded fault must break a core shape"
    assert split.check.conforms(_union(store)) is not bool(core), core
    assert validate_subset(_union(store)).violations == validate(store).violations


def test_validate_precheck_passes_valid_data_without_pyshacl(valid, monkeypatch):
    """Data that conforms is passed by the precheck alone: pySHACL is not called."""
    import graph.validate

    def refuse(*args, **kwargs):
        raise AssertionError("pySHACL ran on data the precheck should have passed")

    store = store_of(valid)
    monkeypatch.setattr(graph.validate, "shacl_validate", refuse)
    report = validate_subset(_union(store))
    assert report.conforms and report.violations == [] and "Conforms: True" in report.text


@pytest.mark.parametrize("shape", [
    "ex:S sh:targetClass ex:C ; sh:path ex:p ; sh:minLength 2 .",
    "ex:S sh:targetClass ex:C ; sh:path ex:p ; sh:maxCount 1 ; sh:severity sh:Warning .",
    "ex:S sh:targetClass ex:C ; sh:path ( ex:p ex:q ) ; sh:minCount 1 .",
    "ex:S sh:targetClass ex:C ; sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMaxCount 1 .",
    "ex:S a sh:NodeShape, rdfs:Class ; sh:nodeKind sh:IRI .",
    "ex:S sh:targetClass ex:C ; sh:not [ sh:nodeKind sh:IRI ] .",
], ids=["min-length", "warning", "sequence-path", "qualified-max", "implicit-class-target", "not"])
def test_validate_precheck_leaves_other_shapes_to_pyshacl(shape):
    """Shapes that use what the precheck does not cover get none: pySHACL judges every batch."""
    from graph.conformance import precheck

    shapes = rdflib.Graph().parse(format="turtle", data=(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + shape))
    assert precheck(shapes) is None
