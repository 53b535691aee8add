"""graph.views.map_data: the control map's data from a real store, and its bands against the
``controller`` query as the CLI and the Python API run it, on a corpus built from real text."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from graph.api import ActorGraph
from graph.namespaces import XSD
from graph.queries import load
from graph.store import OxigraphStore, SparqlStore, restrict
from graph.views.html_view import TYPE_STYLES
from graph.views.map_data import map_data
from graph.views.terms import ACTOR_CLASSES

ROOT = Path(__file__).resolve().parent.parent
A = "https://w3id.org/actorgraph/id/actor/"
C = "https://w3id.org/actorgraph/id/claim/"
HOSTILE = '</script><img src=x onerror=alert(1)> "Town" & {{x}}'

#: two places (one without coordinates, one with a hostile label), a capture, a recapture superseding it
#: in one document, a withdrawal, a denied claim, an undated claim, a claim below the build's threshold
#: (no triple), a backs claim for the timeline, and the documents' metadata
TRIG = f"""
@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <{A}> . @prefix claim: <{C}> .
@prefix doc: <https://w3id.org/actorgraph/id/doc/> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
<https://w3id.org/actorgraph/id/graph/actors> {{
  actor:sna a ag:ArmedGroup ; skos:prefLabel "Syrian National Army" .
  actor:sdf a ag:ArmedGroup ; skos:prefLabel {json.dumps(HOSTILE)} .
  actor:turkey a ag:State ; skos:prefLabel "Turkey" .
  actor:syria a ag:State ; skos:prefLabel "Syria" .
  actor:sohr a ag:Organization ; skos:prefLabel "SOHR" .
  actor:manbij a ag:Settlement ; skos:prefLabel "Manbij" ; ag:locatedIn actor:syria ;
    geo:lat 36.5281 ; geo:long 37.9549 .
  actor:hamlet a ag:Settlement , ag:Place ; skos:prefLabel {json.dumps(HOSTILE)} .
}}
<https://w3id.org/actorgraph/id/graph/documents> {{
  doc:d1 dcterms:issued "2024-12-10"^^xsd:date ; dcterms:title "Manbij falls" ; schema:url "https://example.org/1" ;
    dcterms:publisher "Example News" .
  doc:d2 dcterms:issued "2024-12-21"^^xsd:date .
}}
doc:d1 {{
  actor:sna ag:controls actor:manbij . actor:sdf ag:controls actor:manbij . actor:turkey ag:backs actor:sna .
  claim:take a ag:Claim ; rdf:subject actor:sna ; rdf:predicate ag:controls ; rdf:object actor:manbij ;
    ag:status ag:Asserted ; ag:sentence "The SNA captured Manbij." ; ag:charStart 0 ; ag:charEnd 24 ;
    ag:rule "controls.verb" ; ag:confidence 0.9 ; ag:eventDate "2024-12-09"^^xsd:date ;
    ag:reportedBy actor:sohr ; prov:wasDerivedFrom doc:d1 ; ag:supersededBy claim:retake .
  claim:retake a ag:Claim ; rdf:subject actor:sdf ; rdf:predicate ag:controls ; rdf:object actor:manbij ;
    ag:status ag:Asserted ; ag:sentence "The SDF retook it." ; ag:confidence 0.8 ;
    ag:eventDate "2024-12-12"^^xsd:date ; prov:wasDerivedFrom doc:d1 .
  claim:denied a ag:Claim ; rdf:subject actor:turkey ; rdf:predicate ag:controls ; rdf:object actor:hamlet ;
    ag:status ag:Denied ; ag:sentence "Turkey denied holding the hamlet." ; prov:wasDerivedFrom doc:d1 .
  claim:backs a ag:Claim ; rdf:subject actor:turkey ; rdf:predicate ag:backs ; rdf:object actor:sna ;
    ag:status ag:Asserted ; ag:sentence "Turkey backs the SNA." ; ag:confidence 0.9 ; prov:wasDerivedFrom doc:d1 .
}}
doc:d2 {{
  actor:sdf ag:withdrewFrom actor:manbij .
  claim:left a ag:Claim ; rdf:subject actor:sdf ; rdf:predicate ag:withdrewFrom ; rdf:object actor:manbij ;
    ag:status ag:Asserted ; ag:sentence "The SDF left Manbij." ; prov:wasDerivedFrom doc:d2 .
  claim:weak a ag:Claim ; rdf:subject actor:turkey ; rdf:predicate ag:controls ; rdf:object actor:hamlet ;
    ag:status ag:Asserted ; ag:sentence "Turkey may hold the hamlet." ; ag:confidence 0.3 ; prov:wasDerivedFrom doc:d2 .
}}
doc:d3 {{
  actor:sna ag:controls actor:hamlet .
  claim:undated a ag:Claim ; rdf:subject actor:sna ; rdf:predicate ag:controls ; rdf:object actor:hamlet ;
    ag:status ag:Asserted ; ag:sentence "The SNA holds the hamlet." ; prov:wasDerivedFrom doc:d3 .
}}
"""


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def data() -> dict:
    store = OxigraphStore()
    store.raw.load(TRIG.encode("utf-8"), format=RdfFormat.TRIG)
    return map_data(store)


def test_map_data_places_include_those_without_coordinates(data):
    assert [(local(p["id"]), p["type"], p["lat"], p["long"], p["countryLabel"]) for p in data["places"]] == [
        ("hamlet", "Settlement", None, None, None), ("manbij", "Settlement", 36.5281, 37.9549, "Syria")]


def test_map_data_hostile_labels_pass_through_as_data(data):
    assert data["places"][0]["label"] == HOSTILE == data["actors"][A + "sdf"]["label"]
    assert json.loads(json.dumps(data)) == data  # JSON as it is, every text intact


def test_map_data_claims_carry_their_evidence(data):
    take = next(c for c in data["claims"] if c["id"] == C + "take")
    assert take == {
        "id": C + "take", "place": A + "manbij", "actor": A + "sna", "relation": "controls", "status": "asserted",
        "date": "2024-12-09", "sentence": "The SNA captured Manbij.", "start": 0, "end": 24, "rule": "controls.verb",
        "confidence": 0.9, "doc": "https://w3id.org/actorgraph/id/doc/d1", "title": "Manbij falls",
        "url": "https://example.org/1", "publisher": "Example News", "reporter": "SOHR"}
    assert {local(c["id"]): (c["status"], c["date"]) for c in data["claims"]} == {
        "take": ("asserted", "2024-12-09"), "retake": ("asserted", "2024-12-12"), "denied": ("denied", "2024-12-10"),
        "left": ("asserted", "2024-12-21"), "weak": ("asserted", "2024-12-21"),
        "undated": ("asserted", None)}


def test_map_data_bands_follow_capture_supersession_and_withdrawal(data):
    assert {local(p): [(b["from"], [local(a) for a in b["controllers"]], [local(c) for c in b["claims"]])
                       for b in found] for p, found in data["bands"].items()} == {
        "manbij": [("2024-12-09", ["sna"], ["take"]), ("2024-12-12", ["sdf"], ["retake"]), ("2024-12-21", [], [])]}


def test_map_data_events_are_every_dated_claim_of_every_relation(data):
    assert data["events"] == [
        ["2024-12-09", "controls", "asserted", 0.9, A + "sna", A + "manbij"],
        ["2024-12-10", "backs", "asserted", 0.9, A + "turkey", A + "sna"],
        ["2024-12-10", "controls", "denied", None, A + "turkey", A + "hamlet"],
        ["2024-12-12", "controls", "asserted", 0.8, A + "sdf", A + "manbij"],
        ["2024-12-21", "controls", "asserted", 0.3, A + "turkey", A + "hamlet"],
        ["2024-12-21", "withdrewFrom", "asserted", None, A + "sdf", A + "manbij"]]
    assert (data["first"], data["last"]) == ("2024-12-09", "2024-12-21")
    assert sorted(data["actors"]) == [A + n for n in ("sdf", "sna", "turkey")]


@pytest.mark.parametrize(("max_claims", "relations"), [
    (3, ["controls", "controls", "controls", "controls", "withdrewFrom"]),
    (6, ["backs", "controls", "controls", "controls", "controls", "withdrewFrom"]),
], ids=["control-claims-whatever-the-bound", "the-rest-up-to-the-bound"])
def test_map_data_max_claims_bounds_the_timeline_not_the_control_claims(max_claims, relations):
    store = OxigraphStore()
    store.raw.load(TRIG.encode("utf-8"), format=RdfFormat.TRIG)
    bounded = map_data(store, max_claims=max_claims)
    assert sorted(e[1] for e in bounded["events"]) == relations
    assert len(bounded["claims"]) == 6 and len(bounded["bands"][A + "manbij"]) == 3


def test_map_data_a_state_can_be_a_place_and_an_actor():
    store = OxigraphStore()
    store.raw.load(f"""@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <{A}> . @prefix claim: <{C}> .
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/actorgraph/id/doc/d1> {{
      claim:left a ag:Claim ; rdf:subject actor:turkey ; rdf:predicate ag:withdrewFrom ; rdf:object actor:syria ;
        ag:status ag:Asserted ; ag:eventDate "2024-12-01"^^xsd:date .
      claim:backs a ag:Claim ; rdf:subject actor:syria ; rdf:predicate ag:backs ; rdf:object actor:turkey ;
        ag:status ag:Asserted ; ag:eventDate "2024-12-02"^^xsd:date . }}""".encode("utf-8"), format=RdfFormat.TRIG)
    data = map_data(store)
    assert [p["id"] for p in data["places"]] == [A + "syria"] and sorted(data["actors"]) == [A + "syria", A + "turkey"]


def test_map_data_of_an_empty_store():
    assert map_data(OxigraphStore()) == {"title": None, "first": None, "last": None, "actors": {}, "places": [],
                                         "claims": [], "bands": {}, "events": []}


def test_map_data_type_names_are_the_graph_pages():
    assert set(ACTOR_CLASSES) == set(TYPE_STYLES)


def _synthetic(places: int, claims: int) -> OxigraphStore:
    """bench/mapcorpus.py's synthetic store (superseded claims, same-day claims by two sides,
    undated claims dated by their article, every status), imported by path: bench/ is no package."""
    spec = importlib.util.spec_from_file_location("mapcorpus", ROOT / "bench" / "mapcorpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mapcorpus", module)
    spec.loader.exec_module(module)
    store = OxigraphStore()
    store.bulk_extend(module.map_quads(places, claims))
    return store


def _queried(store: OxigraphStore, days: list[str]) -> dict[tuple[str, str | None], tuple[set[str], set[str]]]:
    """The controller query's (controllers, claims) per (place, day) for ``days`` and for no date, in two
    runs (the days as a VALUES block: the query once per day and place would take minutes)."""
    dated = restrict(load("controller"), "date", [Literal(d, datatype=NamedNode(str(XSD.date))) for d in days])
    found: dict[tuple[str, str | None], tuple[set[str], set[str]]] = {}
    for sparql, with_day in ((dated, True), (load("controller"), False)):
        for row in store.query(sparql):
            controllers, claims = found.setdefault((row["place"].value, row["date"].value if with_day else None),
                                                   (set(), set()))
            controllers.add(row["controller"].value)
            claims.add(row["claim"].value)
    return found


@pytest.mark.parametrize("store", [
    pytest.param(lambda: _loaded(TRIG), id="hand-written"),
    pytest.param(lambda: _synthetic(12, 80), id="synthetic"),
])
def test_map_data_bands_are_the_controller_query_on_every_date(store):
    store = store()
    found = map_data(store)
    marks = {dt.date.fromisoformat(c["date"]) for c in found["claims"] if c["date"]}
    days = sorted({(d + dt.timedelta(days=k)).isoformat() for d in marks for k in (-1, 0, 1)})
    queried = _queried(store, days)
    for place in found["places"]:
        for day in [None, *days]:
            assert _band_answer(found["bands"].get(place["id"], []), day) == \
                queried.get((place["id"], day), (set(), set())), (place["label"], day)


def _loaded(text: str) -> OxigraphStore:
    store = OxigraphStore()
    store.raw.load(text.encode("utf-8"), format=RdfFormat.TRIG)
    return store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    """OXIGRAPH_URL (CI's server), else a fresh Oxigraph server on a free loopback port."""
    if os.environ.get("OXIGRAPH_URL"):
        yield os.environ["OXIGRAPH_URL"].rstrip("/")
        return
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    url = f"http://127.0.0.1:{_free_port()}"
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", url[len("http://"):]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, "the oxigraph server exited"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(30)


@pytest.mark.slow
def test_map_data_remote_store_gives_the_same_data(server_url, data):
    remote = SparqlStore(server_url)
    remote._update("DROP SILENT ALL")
    remote.bulk_extend(parse(TRIG.encode("utf-8"), format=RdfFormat.TRIG))
    assert map_data(remote) == data


# On a corpus built from real text by the real model: the bands are what `actorgraph query DIR controller
# --bind place=NAME --bind date=D` and ActorGraph.controller answer, on every date of interest.
ARTICLES = {
    "north.txt": ("2024-12-03", "The Syrian Democratic Forces withdrew from Tal Rifaat on 2 December. "
                                "Hayat Tahrir al-Sham captured Aleppo on 29 November."),
    "manbij.txt": ("2024-12-10", "On 9 December, the Syrian National Army captured Manbij from the Syrian "
                                 "Democratic Forces after days of fighting."),
    "later.txt": ("2024-12-21", "On 20 December the SDF recaptured Manbij. Rebels took Hama on 5 December."),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The articles above and the bundled examples, built by the real CLI."""
    folder = tmp_path_factory.mktemp("articles")
    for name, (published, text) in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / name).with_suffix(".meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    out = tmp_path_factory.mktemp("built") / "out"
    done = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(folder), str(ROOT / "examples"),
                           "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def built_data(built) -> dict:
    store = OxigraphStore(built / "store", read_only=True)
    try:
        return map_data(store)
    finally:
        store.close()


def _dates(found: list[dict], claims: list[dict]) -> list[str | None]:
    """The place's claim dates and band starts, the days around them and halfway between bands, and no date."""
    starts = [dt.date.fromisoformat(b["from"]) for b in found]
    marks = set(starts) | {dt.date.fromisoformat(c["date"]) for c in claims if c["date"]}
    days = {d + dt.timedelta(days=k) for d in marks for k in (-1, 0, 1)}
    days |= {a + (b - a) / 2 for a, b in zip(starts, starts[1:])}
    return [None, *sorted(d.isoformat() for d in days)]


def _cli_days(found: list[dict]) -> list[str | None]:
    """The days that tell bands apart, for the CLI (a process each: seconds): no date, each band's
    start and the day before it, and halfway to the next band."""
    starts = [dt.date.fromisoformat(b["from"]) for b in found]
    days = {d + dt.timedelta(days=k) for d in starts for k in (-1, 0)}
    days |= {a + (b - a) / 2 for a, b in zip(starts, starts[1:])}
    return [None, *sorted(d.isoformat() for d in days)] if found else []


def _cli_answer(built: Path, label: str, day: str | None) -> tuple[set[str], set[str]]:
    args = [sys.executable, "-m", "graph.cli", "query", str(built), "controller", "--bind", f"place={label}",
            "--format", "json"] + (["--bind", f"date={day}"] if day else [])
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]["bindings"]
    return {r["controller"]["value"] for r in rows}, {r["claim"]["value"] for r in rows}


def _band_answer(found: list[dict], day: str | None) -> tuple[set[str], set[str]]:
    holding = [b for b in found if day is None or b["from"] <= day]
    return (set(holding[-1]["controllers"]), set(holding[-1]["claims"])) if holding else (set(), set())


@pytest.mark.slow
@pytest.mark.parametrize("label", ["Manbij", "Aleppo", "Tell Rifaat", "Hama"])
def test_map_data_bands_agree_with_the_cli_and_the_api(built, built_data, label):
    place = next(p for p in built_data["places"] if p["label"] == label)
    found = built_data["bands"].get(place["id"], [])
    assert bool(found) == (label != "Tell Rifaat")  # only withdrawn from: nobody known, at any date
    days = _dates(found, [c for c in built_data["claims"] if c["place"] == place["id"]])
    for day in _cli_days(found) or days:  # the CLI first: the API below holds the store open
        assert _cli_answer(built, label, day) == _band_answer(found, day), day
    with ActorGraph(OxigraphStore(built / "store", read_only=True)) as graph:
        for day in days:
            answer = graph.controller(label, as_of=day)
            assert ({c.controller for c in answer}, {c.claim for c in answer}) == _band_answer(found, day), day


@pytest.mark.slow
def test_map_data_built_corpus_sees_manbij_change_hands(built_data):
    manbij = next(p for p in built_data["places"] if p["label"] == "Manbij")
    assert [[local(a) for a in b["controllers"]] for b in built_data["bands"][manbij["id"]]] == [
        ["sna"], ["sdf"]]
