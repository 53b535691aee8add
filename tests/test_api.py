"""The Python API: typed helpers over the canned queries, on a store loaded from TriG that follows
docs/data-model.md, run on an in-memory and an on-disk graph with the same assertions; and one
end-to-end run of the real pipeline."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx
import pytest
from pyoxigraph import RdfFormat

from graph.api import ActorGraph, Control, Tie, UnknownActorError
from graph.config import Settings
from graph.extract import Extractor
from graph.ingest import InputWarning
from graph.models import Document
from graph.validate import validate

A = "https://w3id.org/actorgraph/id/actor/"
D = "https://w3id.org/actorgraph/id/doc/"
C = "https://w3id.org/actorgraph/id/claim/"


Factory = Callable[..., ActorGraph]


@pytest.fixture(params=["memory", "disk"])
def new_graph(request, tmp_path) -> Factory:
    """``ActorGraph()`` and ``ActorGraph.open(path)``: every test using this runs on both."""
    opened: list[ActorGraph] = []

    def make(**kwargs) -> ActorGraph:
        opened.append(ActorGraph(**kwargs) if request.param == "memory"
                      else ActorGraph.open(tmp_path / "build", **kwargs))
        return opened[-1]

    yield make
    for g in opened:
        g.close()


@pytest.fixture(scope="module")
def api_trig(trig) -> bytes:
    """The sample graph, ``tests/data/api.trig``."""
    return trig("api").encode()


@pytest.fixture()
def graph(new_graph, api_trig, dictionary) -> ActorGraph:
    # resolve falls back on the dictionary: the session's (the model is loaded only if a test extracts)
    g = new_graph(extractor=Extractor(Settings(), dictionary))
    g.store.raw.load(api_trig, format=RdfFormat.TRIG)
    return g


@pytest.mark.parametrize(("name", "slug"), [
    pytest.param(A + "hts", "hts", id="iri"),
    pytest.param("Hayat Tahrir al-Sham", "hts", id="pref-label"),
    pytest.param("hts", "hts", id="alias-any-case"),
    pytest.param("  Assad regime ", "assad-government", id="alias-padded"),
    pytest.param("Liwa X", "liwa-x", id="discovered"),
    pytest.param("the Kremlin", "russia", id="dictionary-fallback"),
])
def test_api_resolve_by_iri_label_or_alias(graph, name, slug):
    assert graph.resolve(name) == A + slug


@pytest.mark.parametrize("name", [
    pytest.param("Nobody at all", id="unknown"),
    pytest.param('HTS" || true || "', id="quote-injection"),
    pytest.param("", id="empty"),
])
def test_api_resolve_rejects_unknown_names(graph, name):
    with pytest.raises(UnknownActorError, match="actor"):
        graph.resolve(name)


def test_api_backers_with_their_evidence_counts_and_dates(graph):
    assert graph.backers("Syrian government") == [
        Tie(actor=A + "russia", label="Russia", relation="backs", direction="in", claims=2, documents=2,
            confidence=0.95, first=dt.date(2024, 12, 1), last=dt.date(2024, 12, 10)),
        Tie(actor=A + "iran", label="Iran", relation="backs", direction="in", claims=1, documents=1,
            confidence=0.7, first=dt.date(2024, 12, 11), last=dt.date(2024, 12, 11)),
    ]


def test_api_helpers_take_a_name_or_an_iri_alike(graph):
    assert graph.backers(A + "assad-government") == graph.backers("assad regime")


def test_api_denied_backing_is_not_a_backer(graph):
    assert graph.backers("HTS") == []


def test_api_opponents_in_both_directions(graph):
    assert [(t.label, t.direction, t.claims) for t in graph.opponents("HTS")] == [
        ("Liwa X", "in", 1), ("Assad government", "out", 1)]


@pytest.mark.parametrize(("as_of", "expected"), [
    pytest.param("2024-11-01", [], id="before-any-capture"),
    pytest.param(dt.date(2024, 12, 5), [("Hayat Tahrir al-Sham", dt.date(2024, 11, 30))], id="after-capture"),
    pytest.param("2024-12-12", [("Assad government", dt.date(2024, 12, 10))], id="after-recapture"),
    pytest.param(None, [("Assad government", dt.date(2024, 12, 10))], id="latest"),
])
def test_api_controller_as_of_a_date(graph, as_of, expected):
    assert [(c.label, c.since) for c in graph.controller("Aleppo", as_of=as_of)] == expected


def test_api_controller_gives_the_sentence_and_source(graph):
    assert graph.controller("aleppo", as_of="2024-12-05") == [Control(
        place=A + "aleppo", place_label="Aleppo", controller=A + "hts", label="Hayat Tahrir al-Sham",
        since=dt.date(2024, 11, 30), sentence="HTS captured Aleppo on Saturday.", document=D + "d1",
        title="Rebels take Aleppo", url="https://example.org/d1", claim=C + "c3")]


def test_api_controller_of_every_place_when_none_is_named(graph):
    assert [(c.place_label, c.label) for c in graph.controller(as_of="2024-12-05")] == [
        ("Aleppo", "Hayat Tahrir al-Sham")]
    assert [(c.place_label, c.label) for c in graph.controller()] == [("Aleppo", "Assad government")]


def test_api_controller_rejects_a_bad_date(graph):
    with pytest.raises(ValueError, match="as_of='8 Dec'"):
        graph.controller("Aleppo", as_of="8 Dec")


def test_api_evidence_traces_a_relation_to_sentences_and_sources(graph):
    evidence = graph.evidence("Moscow", "backs", "Assad government")
    assert [(e.sentence, e.confidence, e.event_date, e.document, e.published, e.publisher) for e in evidence] == [
        ("Russian jets supported the army's advance.", 0.95, dt.date(2024, 12, 10), D + "d2", dt.date(2024, 12, 11),
         "Example Wire"),
        ("Russia backs the Syrian government.", 0.9, None, D + "d1", dt.date(2024, 12, 1), None),
    ]


@pytest.mark.parametrize(("kwargs", "claims"), [
    pytest.param({"object": "HTS"}, ["c8"], id="object-only"),
    pytest.param({"subject": "HTS"}, ["c3", "c2"], id="subject-only"),
    pytest.param({"relation": "https://w3id.org/actorgraph#controls"}, ["c7", "c3"], id="relation-iri"),
    pytest.param({"subject": "Russia", "object": "HTS"}, [], id="denied-is-not-evidence"),
])
def test_api_evidence_filters(graph, kwargs, claims):
    assert [e.claim[len(C):] for e in graph.evidence(**kwargs)] == claims


def test_api_evidence_rejects_an_unknown_relation(graph):
    with pytest.raises(ValueError, match="unknown relation 'funds'"):
        graph.evidence("Russia", "funds")


@pytest.mark.parametrize(("type_", "expected"), [
    pytest.param("ArmedGroup", [("Hayat Tahrir al-Sham", ("HTS",), False), ("Liwa X", (), True)], id="local-name"),
    pytest.param("https://w3id.org/actorgraph#State", [("Iran", ("Tehran",), False), ("Russia", ("Moscow",), False)],
                 id="iri"),
    pytest.param("Person", [], id="none-of-that-type"),
])
def test_api_actors_of_a_type(graph, type_, expected):
    assert [(a.label, a.aliases, a.discovered) for a in graph.actors(type=type_)] == expected


def test_api_actors_all_sorted_by_label(graph):
    assert [a.label for a in graph.actors()] == ["Aleppo", "Assad government", "Hayat Tahrir al-Sham", "Iran",
                                                 "Liwa X", "Russia"]


def test_api_actors_rejects_an_unknown_type(graph):
    with pytest.raises(ValueError, match="unknown actor type 'Militia'"):
        graph.actors(type="Militia")


def test_api_to_networkx_counts_evidence(graph):
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.edges[A + "russia", A + "assad-government", "backs"]["claims"] == 2
    assert g.nodes[A + "aleppo"]["type"] == "Settlement"
    assert not g.has_edge(A + "russia", A + "hts")


def test_api_remove_drops_the_edges_only_that_document_supported(graph):
    assert graph.remove("https://example.org/d1") == [D + "d1"]
    assert [(t.label, t.claims) for t in graph.backers("Assad government")] == [("Iran", 1), ("Russia", 1)]
    assert graph.opponents("Assad government") == []


def test_api_on_disk_graph_survives_close_and_reopen(tmp_path, api_trig):
    with ActorGraph.open(tmp_path) as g:
        g.store.raw.load(api_trig, format=RdfFormat.TRIG)
    with ActorGraph.open(tmp_path) as again:
        assert [t.label for t in again.backers("Assad government")] == ["Russia", "Iran"]


@pytest.mark.parametrize(("opened", "reopened"), [
    pytest.param("out/store", "out", id="store-folder-then-build-dir"),
    pytest.param("out", "out/store", id="build-dir-then-store-folder"),
    pytest.param("out", "out", id="build-dir-twice"),
])
def test_api_open_a_build_dir_or_its_store_alike(tmp_path, api_trig, opened, reopened):
    with ActorGraph.open(tmp_path / opened) as g:
        g.store.raw.load(api_trig, format=RdfFormat.TRIG)
    assert (tmp_path / "out" / "store" / "CURRENT").is_file()
    with ActorGraph.open(tmp_path / reopened) as again:
        assert again.resolve("HTS") == A + "hts" and len(again.backers("Assad government")) == 2


# ---- the real pipeline (the session's spaCy model, from tests/conftest.py) -------------------------------------

SENTENCE = "Russia backs the Syrian government."


def test_api_add_text_end_to_end(new_graph, extractor):
    g = new_graph(extractor=extractor)
    claims = g.add_text(SENTENCE, published="2024-12-06", url="https://example.org/e2e")
    assert [(c.subject.label, c.relation, c.object.label) for c in claims] == [("Russia", "backs", "Assad government")]
    (backer,) = g.backers("Assad government")
    assert (backer.actor, backer.claims, backer.first) == (A + "russia", 1, dt.date(2024, 12, 6))
    assert [e.sentence for e in g.evidence("Russia", "backs", "Assad government")] == [SENTENCE]


def test_api_unchanged_documents_are_not_extracted_again(new_graph, extractor):
    g = new_graph(extractor=extractor)
    document = Document(text=SENTENCE, url="https://example.org/e2e", published=dt.date(2024, 12, 6))
    first = g.add_documents([document])
    again = g.add_documents([document])
    assert (first.extracted, again.extracted, again.unchanged) == (1, 0, 1)
    assert len(g.evidence("Russia", "backs")) == 1


@pytest.mark.slow
def test_api_stored_sentences_have_no_paragraph_breaks(new_graph, extractor):
    g = new_graph(extractor=extractor)
    text = "Russia backs the Syrian government.\n\nHTS fighters captured Aleppo on Saturday.\n\n"
    claims = g.add_text(text, published="2024-12-03")
    assert claims and all(c.sentence == c.sentence.strip() and text[c.char_start:c.char_end] == c.sentence
                          for c in claims)
    stored = [r["s"] for r in g.query("SELECT ?s WHERE { ?c <https://w3id.org/actorgraph#sentence> ?s }")]
    assert sorted(stored) == ["HTS fighters captured Aleppo on Saturday.", "Russia backs the Syrian government."]


def test_api_to_html_with_a_path_returns_the_path(graph, tmp_path):
    written = graph.to_html(tmp_path / "graph.html")
    assert written == tmp_path / "graph.html"
    assert "Hayat Tahrir al-Sham" in written.read_text(encoding="utf-8")
    assert graph.to_html().lstrip().lower().startswith("<!doctype html>")


@pytest.mark.parametrize("ask", [
    pytest.param(lambda g: g.backers("Wagner Group"), id="backers"),
    pytest.param(lambda g: g.opponents("Wagner Group"), id="opponents"),
    pytest.param(lambda g: g.controller("Raqqa"), id="controller"),
    pytest.param(lambda g: g.evidence(subject="Wagner Group"), id="evidence"),
    pytest.param(lambda g: g.backers(A + "wagner-group"), id="iri"),
])
def test_api_helpers_say_an_actor_absent_from_the_graph_is_unknown(graph, ask):
    """Known to the dictionary but in no stored article: an error, not an empty answer."""
    with pytest.raises(UnknownActorError, match="no stored article mentions this actor"):
        ask(graph)


EXAMPLE_CLAIMS = """
SELECT ?s ?p ?o ?status ?rule ?start ?end ?date WHERE {
  ?c a ag:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ag:status ?status ; ag:rule ?rule ;
     ag:charStart ?start ; ag:charEnd ?end . OPTIONAL { ?c ag:eventDate ?date } }"""


def test_api_example_data_is_what_the_pipeline_makes_of_its_sentences(extractor):
    """The docstrings' sample graph (EXAMPLE_TRIG) holds the claims, rules and offsets a build gives."""
    from pyoxigraph import Store

    from graph.api import EXAMPLE_TRIG
    from graph.namespaces import PREFIXES

    sample = Store()
    sample.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    expected = {tuple(term.value if term is not None else None for term in row)
                for row in sample.query(PREFIXES + EXAMPLE_CLAIMS, use_default_graph_as_union=True)}
    text = "Russia backs the Syrian government. HTS fought government troops. HTS captured Aleppo on Saturday."
    [(_, claims)] = extractor.extract([Document(text, published=dt.date(2024, 12, 1))])
    found = {(c.subject.iri, f"https://w3id.org/actorgraph#{c.relation}", c.object.iri,
              f"https://w3id.org/actorgraph#{c.status.capitalize()}", c.rule, str(c.char_start), str(c.char_end),
              c.event_date.isoformat() if c.event_date else None) for c in claims}
    assert expected == found



@pytest.mark.parametrize("name", [
    pytest.param("https://example.org/d1", id="url"),
    pytest.param(D + "d1", id="iri"),
])
def test_api_remove_by_the_names_a_user_sees(graph, name):
    assert graph.remove(name) == [D + "d1"] and graph.remove(name) == []


# ---- document identity (the real pipeline) ---------------------------------------------------------------------

TEHRAN = "Iran backs the Syrian government."


@pytest.mark.slow
@pytest.mark.parametrize("source", [
    pytest.param({"id": "north/report.txt"}, id="id"),
    pytest.param({"url": "https://example.org/report"}, id="url"),
])
def test_api_a_changed_source_replaces_its_earlier_version(new_graph, extractor, source):
    g = new_graph(extractor=extractor)
    g.add_documents([Document(text=SENTENCE, published=dt.date(2024, 12, 6), **source)])
    again = g.add_documents([Document(text=TEHRAN, published=dt.date(2024, 12, 7), **source)])
    assert (again.extracted, again.claims) == (1, 1)
    assert g.query("SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/actorgraph#Document> }") == [{"n": 1}]
    assert [(e.subject_label, e.sentence) for e in g.evidence(relation="backs")] == [("Iran", TEHRAN)]


@pytest.mark.slow
def test_api_two_versions_in_one_input_keep_the_later_with_a_warning(new_graph, extractor):
    g = new_graph(extractor=extractor)
    url = "https://example.org/same"
    first = Document(text=SENTENCE, url=url, title="First take", source="wire.jsonl:1")
    second = Document(text=TEHRAN, url=url, title="Corrected", source="wire.jsonl:2")
    with pytest.warns(InputWarning, match=r"wire.jsonl:2 is the same document as wire.jsonl:1 .*later replaces"):
        stats = g.add_documents([first, second])
    assert (stats.documents, stats.extracted, stats.claims) == (2, 1, 1)
    assert g.query("SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }") == [{"t": "Corrected"}]
    assert [e.subject_label for e in g.evidence(relation="backs")] == ["Iran"]
    assert validate(g.store.raw).conforms


@pytest.mark.slow
def test_api_a_store_written_before_identity_loses_the_old_version(new_graph, extractor):
    """A document stored under its URL's IRI and rebuilt under its id's: one document, not two."""
    g = new_graph(extractor=extractor)
    g.add_documents([Document(text=SENTENCE, url="https://example.org/r")])
    old = g.query("SELECT ?d WHERE { ?d a <https://w3id.org/actorgraph#Document> }")
    g.store.raw.update(f"INSERT DATA {{ GRAPH <https://w3id.org/actorgraph/id/graph/documents> "
                       f"{{ <{old[0]['d']}> <http://purl.org/dc/terms/identifier> 'r1' }} }}")
    g.add_documents([Document(text=TEHRAN, url="https://example.org/r", id="r1")])
    assert len(g.query("SELECT ?d WHERE { ?d a <https://w3id.org/actorgraph#Document> }")) == 1
    assert [e.subject_label for e in g.evidence(relation="backs")] == ["Iran"]
@pytest.mark.parametrize("as_of", [
    pytest.param(20241231, id="int"),
    pytest.param([dt.date(2024, 12, 5)], id="list"),
    pytest.param(2024.12, id="float"),
])
def test_api_controller_refuses_what_is_not_a_date(graph, as_of):
    """These used to be bound as literals of another type and match nothing: [] in silence."""
    with pytest.raises(TypeError, match=r"^as_of=.*: expected a date, a datetime or an ISO date string"):
        graph.controller("Aleppo", as_of=as_of)


@pytest.mark.parametrize("as_of", [
    pytest.param(dt.datetime(2024, 12, 5, 18, 30), id="datetime"),
    pytest.param("2024-12-05T18:30:00", id="iso-datetime-string"),
    pytest.param(" 2024-12-05 ", id="iso-date-with-spaces"),
])
def test_api_controller_takes_datetimes_and_iso_strings(graph, as_of):
    assert [(c.label, c.since) for c in graph.controller("Aleppo", as_of=as_of)] == [
        ("Hayat Tahrir al-Sham", dt.date(2024, 11, 30))]


def test_api_binding_a_variable_the_query_does_not_select_names_it(graph):
    """pyoxigraph's own error was a bare RuntimeError that did not say what to change."""
    with pytest.raises(ValueError, match=r"^cannot bind \?actor: the query does not select it"):
        graph.query("SELECT ?label WHERE { ?actor <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }", {"actor": A + "hts"})
