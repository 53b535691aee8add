"""Hostile and pathological text: it stays data, and it costs bounded time and memory.

An invented article names a group whose label (from a user ``--actors`` dictionary,
a realistic path) holds markup, quotes, backslashes, a newline, a bidi override and
a SPARQL-looking string; its sentences hold more of the same. The label and the
sentences must come back unchanged (bidi override stripped and newline folded by
design) from graph.trig, SPARQL and the page, and never run or alter anything.
"""
from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, RdfFormat, Store

from graph.api import ActorGraph
from graph.cli import main
from graph.ingest import InputWarning
from graph.namespaces import PREFIXES
from graph.queries import load
from graph.sanitize import MAX_PUNCT_RUN, MAX_WORD, clean_label, defuse_runs

ROOT = Path(__file__).resolve().parent.parent
SPARQL_BREAKOUT = '"} ; DROP ALL ; {'
HOSTILE_LABEL = ('Brigade "</script><script>alert(1)</script> \'x\' \\ back\u202eslash\nline ' + SPARQL_BREAKOUT)
HOSTILE_SENTENCE = ("Russia backs the Syrian government, a spokesman said in a statement titled "
                    "\"</script><script>alert('x')</script> \\ " + SPARQL_BREAKOUT + "\".")
ARTICLE = ("The Red Lions Brigade attacked government forces near Hama on Thursday, a war monitor said.\n"
           + HOSTILE_SENTENCE + "\n")
RED_LIONS = "https://w3id.org/actorgraph/id/actor/red-lions"
SENTENCE = "Russia backs the Syrian government."


def _turtle_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Turtle string (\" \\ \n \uXXXX escapes)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    actors = folder / "mine.ttl"
    actors.write_text("@prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                      f"<{RED_LIONS}> a ag:ArmedGroup ; skos:prefLabel {_turtle_string(HOSTILE_LABEL)} ;\n"
                      '    skos:altLabel "Red Lions Brigade" .\n', encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = folder / "out"
    assert main(["build", str(folder / "article.txt"), "--out", str(out), "--actors", str(actors), "--quiet"]) == 0
    return out


def expected_label() -> str:
    label = clean_label(HOSTILE_LABEL)
    assert "\u202e" not in label and "\n" not in label  # stripped and folded by design (graph.sanitize)
    assert label == HOSTILE_LABEL.replace("\u202e", "").replace("\n", " ")
    return label


@pytest.mark.slow
def test_hostile_trig_parses_in_rdflib_and_pyoxigraph_to_the_same_quads(hostile_build):
    trig = (hostile_build / "graph.trig").read_bytes()
    oxigraph = Store()
    oxigraph.load(trig, format=RdfFormat.TRIG)
    assert set(oxigraph) == set(Store.read_only(str(hostile_build / "store")))
    dataset = rdflib.Dataset()
    dataset.parse(data=trig.decode("utf-8"), format="trig")
    again = Store()
    again.load(dataset.serialize(format="nquads").encode("utf-8"), format=RdfFormat.N_QUADS)
    assert set(again) == set(oxigraph)
    labels = {q.object.value for q in oxigraph.quads_for_pattern(NamedNode(RED_LIONS), None, None)
              if isinstance(q.object, Literal)}
    assert expected_label() in labels


@pytest.mark.slow
def test_hostile_label_and_sentence_read_back_identical_from_python(hostile_build):
    with ActorGraph.open(hostile_build) as graph:
        rows = graph.query(PREFIXES + "SELECT ?a ?l WHERE { ?a skos:prefLabel ?l }", {"l": expected_label()})
        assert rows == [{"a": RED_LIONS, "l": expected_label()}]
        assert graph.resolve(expected_label()) == RED_LIONS
        assert [(t.label, t.direction) for t in graph.opponents("Red Lions Brigade")] == [("Assad government", "out")]
        sentences = {e.sentence for e in graph.evidence(subject="Russia", relation="backs")}
        assert HOSTILE_SENTENCE in sentences


@pytest.mark.slow
def test_hostile_label_reads_back_identical_from_the_cli(hostile_build, capsys):
    query = "SELECT ?a ?l WHERE { ?a skos:prefLabel ?l }"
    assert main(["query", str(hostile_build), query, "--bind", f"l={expected_label()}", "--format", "json"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [(b["a"]["value"], b["l"]["value"]) for b in bindings] == [(RED_LIONS, expected_label())]


CANNED = [("evidence", "subject"), ("backers", "actor"), ("opponents", "actor"), ("relations-of", "actor"),
          ("controller", "place"), ("controls-since", "place"), ("actors", "type"), ("edges", "relation")]


@pytest.mark.parametrize(("name", "variable"), CANNED, ids=[n for n, _ in CANNED])
@pytest.mark.slow
def test_hostile_bound_injection_finds_nothing_and_changes_nothing(hostile_build, capsys, name, variable):
    store = hostile_build / "store"
    before = set(Store.read_only(str(store)))
    for value in (SPARQL_BREAKOUT, "> } ; DROP ALL ; { <", "https://x.org/a> } ; DROP ALL ; { <b"):
        code = main(["query", str(hostile_build), name, "--bind", f"{variable}={value}", "--format", "json"])
        out, err = capsys.readouterr()
        if variable in ("actor", "subject", "place"):  # an actor named by it: unknown, said in one line
            assert code == 2 and err.startswith("actorgraph: error: --bind") and err.count("\n") == 1, err
        else:
            assert code == 0 and json.loads(out)["results"]["bindings"] == []
    with ActorGraph.open(hostile_build) as graph:
        assert graph.query(load(name), {variable: SPARQL_BREAKOUT}) == []
    assert set(Store.read_only(str(store))) == before


@pytest.mark.slow
def test_hostile_bound_value_that_breaks_an_iri_is_one_clear_error(hostile_build, capsys):
    before = set(Store.read_only(str(hostile_build / "store")))
    assert main(["query", str(hostile_build), "backers", "--bind", "actor=https://x.org/a>{DROP}"]) == 2
    assert capsys.readouterr().err.strip() == "actorgraph: error: --bind: Invalid IRI code point '>'"
    assert set(Store.read_only(str(hostile_build / "store"))) == before


@pytest.mark.slow
def test_hostile_page_holds_the_payload_only_escaped(hostile_build):
    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    for raw in ("<script>alert(1)", "<script>alert('x')", "</script><script>", "\u202e"):
        assert raw not in page
    assert page.count("\\u003cscript\\u003ealert(1)") >= 1  # present, as JSON-escaped data


def test_hostile_page_runs_no_payload_in_a_browser(hostile_build, browser):
    with browser.open(hostile_build / "graph.html", stable=False) as page:  # checks: no request, error or dialog
        page.page.wait_for_timeout(1500)
        text = page.js("JSON.stringify(window.performance.getEntriesByType('resource').map(e => e.name))")
    assert json.loads(text) == []  # nothing fetched


# ---- pathological text --------------------------------------------------------------------------------
PATHOLOGICAL = {
    "bang-20k": "!?" * 10_000,
    "dollars-20k": "$" * 20_000,
    "brackets-20k": "(" * 10_000 + ")" * 10_000,
    "quotes-20k": "\"'" * 10_000,
    "no-spaces-500k": "a" * 500_000,
    "base64-500k": "aB3+/x9Q" * 62_500,
    "spaced-bang-20k": "! ? " * 5_000,
}


@pytest.mark.parametrize("junk", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_hostile_pathological_text_takes_bounded_time_and_memory(extractor, junk):
    """Before graph.sanitize.defuse_runs, 20,000 characters of "!?" took over a minute here."""
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    text = f"{SENTENCE}\n{junk}\nIran backs Hezbollah.\n"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    claims = graph.add_text(text)
    assert time.monotonic() - started < 20
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) * 1024 < 500_000_000
    assert {(c.subject.label, c.relation, c.object.label) for c in claims} >= {
        ("Russia", "backs", "Assad government"), ("Iran", "backs", "Hezbollah")}
    defused = defuse_runs(text)
    assert len(defused) == len(text)
    for claim in claims:  # the offsets of what spaCy saw are offsets in the stored text
        assert " ".join(defused[claim.char_start:claim.char_end].split()) == " ".join(claim.sentence.split())


@pytest.mark.parametrize(("junk", "kept"), [
    pytest.param("!?" * (MAX_PUNCT_RUN // 2), True, id="short-punctuation-run"),
    pytest.param("!" * (MAX_PUNCT_RUN + 1), False, id="long-punctuation-run"),
    pytest.param("x" * MAX_WORD, True, id="longest-word"),
    pytest.param("x" * (MAX_WORD + 1), False, id="overlong-word"),
    pytest.param("https://example.org/" + "a/" * 100, False, id="overlong-url"),
])
def test_hostile_defuse_blanks_only_long_runs_and_keeps_offsets(junk, kept):
    text = f"Hama fell. {junk} Then Homs."
    defused = defuse_runs(text)
    assert len(defused) == len(text)
    assert (junk in defused) is kept
    assert defused.startswith("Hama fell. ") and defused.endswith(" Then Homs.")


@pytest.mark.parametrize(("dirty", "clean"), [
    pytest.param("Russia\x00 backs the Syrian\x1b government.\x1b", SENTENCE, id="nul-esc"),
    pytest.param("Rus\u200bsia backs the Syrian govern\u200dment.", SENTENCE, id="zero-width"),
    pytest.param("\u202eRussia backs the Syrian government.\u202c", SENTENCE, id="bidi-override"),
])
def test_hostile_add_text_cleans_what_ingest_would(extractor, dirty, clean):
    """add_text bypasses ingest, so ActorGraph cleans the text itself before it reaches spaCy or labels."""
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    claims = graph.add_text(dirty)
    assert [(c.subject.label, c.relation, c.object.label, c.sentence) for c in claims] == [
        ("Russia", "backs", "Assad government", clean)]
    trig = graph.store.raw.dump(format=RdfFormat.TRIG, from_graph=None).decode("utf-8")
    assert not re.search("[\x00\x1b\u200b\u200d\u202a-\u202e]", trig)


def test_hostile_lone_surrogate_becomes_a_replacement_with_a_warning(extractor):
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        claims = graph.add_text("Russia backs the Syrian government.\ud800", id="surrogate")
    assert [str(w.message) for w in caught if w.category is InputWarning] == [
        "surrogate: replaced 1 lone surrogate (invalid character) with U+FFFD"]
    assert [c.relation for c in claims] == ["backs"]
    parsed = Store()
    parsed.load(graph.store.raw.dump(format=RdfFormat.TRIG, from_graph=None), format=RdfFormat.TRIG)
    assert set(parsed) == set(graph.store.raw)


@pytest.mark.slow
def test_hostile_json_surrogate_through_the_cli_is_replaced_and_named(tmp_path):
    news = tmp_path / "news.jsonl"
    news.write_text('{"text": "Russia backs the Syrian government.", "title": "Hama \\ud800"}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(news), "--out", str(tmp_path / "out"),
                             "--quiet"], check=False, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (f"actorgraph: warning: {news}:1: 'title': replaced 1 lone surrogate "
                                     "(invalid character) with U+FFFD")
    assert '"Hama \ufffd"' in (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
