"""The embedded store: atomic document writes, re-ingest, remove, locking, and a build killed with SIGKILL."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, Variable

from graph.models import Actor, Claim, Document
from graph.namespaces import ACTORS_GRAPH, DOCUMENTS_GRAPH
from graph.rdf import actor_quads, claim_quads, doc_iri, document_quads
from graph.store import OxigraphStore, StoreError, to_term

ROOT = Path(__file__).resolve().parent.parent
A = "https://w3id.org/actorgraph/id/actor/"
HTS = Actor(A + "hts", "ArmedGroup", "Hayat Tahrir al-Sham")
GOV = Actor(A + "assad-government", "Government", "Assad government")
RUSSIA = Actor(A + "russia", "State", "Russia")
TURKEY = Actor(A + "turkey", "State", "Turkey")
BACKS = "https://w3id.org/actorgraph#backs"
CLAIMS_OF = "SELECT ?g (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a <https://w3id.org/actorgraph#Claim> } } GROUP BY ?g"


def _claim(s: Actor, relation: str, o: Actor, sentence: str) -> Claim:
    return Claim(subject=s, relation=relation, object=o, status="asserted", sentence=sentence, char_start=0,
                 char_end=len(sentence), rule="test", confidence=0.9)


def _doc(url: str, text: str, *claims: Claim) -> tuple[str, list]:
    document = Document(text=text, url=url, title=url.rsplit("/", 1)[-1], published=dt.date(2024, 12, 6))
    iri = doc_iri(document)
    return iri, list(document_quads(document, iri)) + list(claim_quads(list(claims), iri))


def _actors(*actors: Actor) -> list:
    return list(actor_quads(actors))


def _quads(store: OxigraphStore) -> list[str]:
    return sorted(str(q) for q in store.raw)


def _claims_in(store: OxigraphStore, doc: str) -> int:
    rows = list(store.raw.query(CLAIMS_OF, substitutions={Variable("g"): NamedNode(doc)}))
    return int(rows[0]["n"].value) if rows else 0


def _has_edge(store: OxigraphStore, s: Actor, o: Actor) -> bool:
    return bool(store.query(f"ASK {{ ?s <{BACKS}> ?o }}", {"s": s.iri, "o": o.iri}))


def test_store_reingest_replaces_only_its_own_graph():
    store = OxigraphStore()
    a1 = _doc("https://example.org/a", "v1", _claim(RUSSIA, "backs", GOV, "Russia backs the army."))
    b = _doc("https://example.org/b", "b", _claim(TURKEY, "backs", HTS, "Turkey backs the rebels."))
    store.write_documents([a1, b], _actors(RUSSIA, GOV, TURKEY, HTS))
    b_quads = sorted(str(q) for q in store.raw.quads_for_pattern(None, None, None, NamedNode(b[0])))
    a2 = _doc("https://example.org/a", "v2", _claim(HTS, "opposes", GOV, "HTS attacked the army."))
    assert a2[0] == a1[0]  # same URL, same document IRI
    store.write_documents([a2], _actors(HTS, GOV))
    assert not _has_edge(store, RUSSIA, GOV) and _claims_in(store, a1[0]) == 1
    assert sorted(str(q) for q in store.raw.quads_for_pattern(None, None, None, NamedNode(b[0]))) == b_quads
    hashes = [q.object.value for q in store.raw.quads_for_pattern(NamedNode(a1[0]),
              NamedNode("https://w3id.org/actorgraph#contentHash"), None, NamedNode(DOCUMENTS_GRAPH))]
    assert len(hashes) == 1  # the old version's metadata is gone, not merged


def test_store_remove_keeps_edges_other_documents_support(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    a = _doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs the army."),
             _claim(HTS, "opposes", GOV, "HTS attacked the army."))
    b = _doc("https://example.org/b", "b", _claim(RUSSIA, "backs", GOV, "Moscow supports Damascus."))
    store.write_documents([a, b], _actors(RUSSIA, GOV, HTS))
    assert store.remove_document("https://example.org/a") == a[0]  # by URL
    assert _has_edge(store, RUSSIA, GOV)
    assert not store.query("ASK { ?s ?p ?o }", {"s": HTS.iri})  # HTS: only document a mentioned it
    assert store.query(f"ASK {{ GRAPH <{ACTORS_GRAPH}> {{ ?s ?p ?o }} }}", {"s": RUSSIA.iri})
    assert store.remove_document(b[0]) == b[0]  # by IRI
    assert not _has_edge(store, RUSSIA, GOV) and len(store) == 0
    assert store.remove_document(b[0]) is None


def test_store_remove_command_drops_one_document(tmp_path):
    with OxigraphStore(tmp_path / "store") as store:
        store.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it.")),
                               _doc("https://example.org/b", "b", _claim(RUSSIA, "backs", GOV, "Moscow backs it."))],
                              _actors(RUSSIA, GOV))
    from graph.cli import main

    assert main(["remove", str(tmp_path), "https://example.org/a"]) == 0
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        assert _has_edge(store, RUSSIA, GOV)
        assert store.find_document("https://example.org/a") is None
        assert store.find_document("https://example.org/b") is not None
    assert "example.org/a" not in (tmp_path / "graph.trig").read_text(encoding="utf-8")


@pytest.mark.slow
def test_store_second_opener_gets_a_clear_error_and_no_damage(tmp_path):
    path = tmp_path / "store"
    with OxigraphStore(path) as store:
        store.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                              _actors(RUSSIA, GOV))
        before = _quads(store)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom graph.store import OxigraphStore\n"
                               "s = OxigraphStore(sys.argv[1]); print('open', flush=True); time.sleep(60)", str(path)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as caught:
            OxigraphStore(path)
        assert str(caught.value) == (f"{path}: the store is in use by another process (a build or a server); "
                                     "wait for it to finish or stop it")
    finally:
        holder.kill()
        holder.wait()
    with OxigraphStore(path) as store:
        assert _quads(store) == before


def test_store_read_only_open_of_nothing_names_the_folder(tmp_path):
    with pytest.raises(StoreError, match=f"^{tmp_path}: no store here$"):
        OxigraphStore(tmp_path, read_only=True)


@pytest.mark.parametrize(("value", "expected"), [
    ("https://example.org/x", NamedNode("https://example.org/x")),
    ("Hayat Tahrir al-Sham", Literal("Hayat Tahrir al-Sham")),
    ("https://not an iri", Literal("https://not an iri")),
    (3, Literal("3", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    (dt.date(2024, 12, 8), Literal("2024-12-08", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
], ids=["iri", "text", "text-with-space", "integer", "date"])
def test_store_to_term_binds_python_values(value, expected):
    assert to_term(value) == expected


def test_store_query_binds_values_instead_of_formatting_them():
    store = OxigraphStore()
    store.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, 'He said "x" } #'))],
                          _actors(RUSSIA, GOV))
    rows = list(store.query("SELECT ?c ?s WHERE { ?c <https://w3id.org/actorgraph#sentence> ?s }",
                            {"s": 'He said "x" } #'}))
    assert len(rows) == 1


def test_store_dump_writes_trig_that_round_trips(tmp_path):
    store = OxigraphStore()
    store.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                          _actors(RUSSIA, GOV))
    store.dump(tmp_path / "graph.trig")
    again = Store()
    again.load(path=str(tmp_path / "graph.trig"), format=RdfFormat.TRIG)
    assert sorted(map(str, again)) == _quads(store)
    assert not (tmp_path / "graph.trig.tmp").exists()


def test_store_dump_from_disk_writes_every_graph_and_term_exactly(tmp_path):
    """The on-disk TriG writer works graph by graph in threads: every quad, in order, nothing twice."""
    store = OxigraphStore(tmp_path / "store")
    tricky = [Literal('line\nbreak "quoted" \\ <script>'), Literal("Halab", language="ar-latn"),
              Literal("2024-12-05", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date")), BlankNode("b1")]
    quads = [Quad(NamedNode(f"http://e.org/s{i}"), NamedNode("http://e.org/p"), tricky[i % len(tricky)],
                  NamedNode(f"http://e.org/g{i % 150}")) for i in range(600)]
    quads.append(Quad(NamedNode("http://e.org/s"), NamedNode("http://e.org/p"), Literal("in the default graph")))
    store.bulk_extend(quads)
    store.dump(tmp_path / "graph.trig")
    again = Store()
    again.load(path=str(tmp_path / "graph.trig"), format=RdfFormat.TRIG)
    assert len(again) == len(quads)
    assert sorted(str(q) for q in again if not isinstance(q.object, BlankNode)) == \
        sorted(str(q) for q in quads if not isinstance(q.object, BlankNode))
    blank_objects = {q.object for q in again if isinstance(q.object, BlankNode)}
    assert len(blank_objects) == 1  # one blank node shared by 150 quads stays one node
    assert (tmp_path / "graph.trig").read_text().count(" {\n") == 150


def test_store_dump_that_cannot_write_names_the_file_and_leaves_no_temporary(tmp_path):
    store = OxigraphStore()
    store.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                          _actors(RUSSIA, GOV))
    target = tmp_path / "graph.trig"
    target.mkdir()  # the rename over it fails, as it would on a full disk or a read-only folder
    (target / "kept").write_text("previous")
    with pytest.raises(StoreError, match=r"graph\.trig: cannot write"):
        store.dump(target)
    assert (target / "kept").read_text() == "previous"
    assert not (tmp_path / "graph.trig.tmp").exists()
    with pytest.raises(StoreError, match=r"nowhere/graph\.trig: cannot write"):
        store.dump(tmp_path / "nowhere" / "graph.trig")


# ---- a build killed with SIGKILL -----------------------------------------------------------------
SENTENCES = [
    "Russia backs the Syrian government, officials said.",
    "Turkey supports the Syrian National Army in the north.",
    "Hayat Tahrir al-Sham fought the Syrian army near Aleppo.",
    "Iran backs the Syrian government with advisers.",
    "The Syrian Democratic Forces clashed with the Syrian National Army.",
    "Israel struck targets near Damascus.",
]


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        lines = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(3)]
        (folder / f"a{i:03d}.txt").write_text(f"Report {i}.\n\n" + " ".join(lines) + f" Item {i}.\n", encoding="utf-8")
    return folder


def _build(inputs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(inputs), "--out", str(out), "--quiet",
                             "--no-validate"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})


def _store_of(out: Path) -> Path:
    """The folder of the build's store (the one holding RocksDB's CURRENT file)."""
    return next(out.rglob("CURRENT")).parent


def _wal_bytes(out: Path) -> int:
    return sum(p.stat().st_size for p in out.rglob("*.log")) if out.is_dir() else 0


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """Articles and the store of one uninterrupted build of them."""
    root = tmp_path_factory.mktemp("kill")
    inputs = _articles(root / "articles", 100)
    process = _build(inputs, root / "clean")
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    with OxigraphStore(_store_of(root / "clean"), read_only=True) as store:
        docs = [q.subject.value for q in store.raw.quads_for_pattern(
            None, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            NamedNode("https://w3id.org/actorgraph#Document"), NamedNode(DOCUMENTS_GRAPH))]
        claims = {d: _claims_in(store, d) for d in docs}
        quads = _quads(store)
    assert len(docs) == 100 and sum(claims.values()) > 0
    return inputs, claims, quads


def _kill_after_first_commit(inputs: Path, out: Path) -> None:
    """Kill the build once the first batch is committed: the write-ahead log has grown past one
    batch's size and then stayed the same for 0.1 s (killing while it grows only tests RocksDB)."""
    process = _build(inputs, out)
    deadline = time.monotonic() + 300
    size, steady_since = 0, time.monotonic()
    while process.poll() is None and time.monotonic() < deadline:
        now, current = time.monotonic(), _wal_bytes(out)
        if current != size:
            size, steady_since = current, now
        elif size >= 64_000 and now - steady_since >= 0.1:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.slow
def test_store_killed_build_leaves_documents_whole_and_rerun_converges(clean_build, tmp_path):
    inputs, clean_claims, clean_quads = clean_build
    for attempt in range(3):  # a kill is a race: retry until one lands between two batches
        out = tmp_path / f"out{attempt}"
        _kill_after_first_commit(inputs, out)
        with OxigraphStore(_store_of(out)) as store:
            present = {d for d in clean_claims if store.find_document(d) is not None}
            for doc, expected in clean_claims.items():
                assert _claims_in(store, doc) == (expected if doc in present else 0), doc
        if 0 < len(present) < len(clean_claims):
            break
    else:
        pytest.fail("no kill landed mid-way in 3 attempts")
    rerun = _build(inputs, out)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    with OxigraphStore(_store_of(out), read_only=True) as store:
        assert _quads(store) == clean_quads


# ---- the project's prefixes in every query (issue 16 item 1) -------------------------------------
PREFIX_CASES = [
    ("SELECT ?s ?o WHERE { ?s ag:backs ?o }", [(RUSSIA.iri, GOV.iri)]),
    ("PREFIX ex: <http://example.org/>\nSELECT ?s ?o WHERE { ?s ag:backs ?o }", [(RUSSIA.iri, GOV.iri)]),
    ("PREFIX ag: <http://example.org/>\nSELECT ?s ?o WHERE { ?s ag:backs ?o }", []),
    ("SELECT ?s ?o WHERE { ?s ag:backs ?o FILTER(?s = actor:russia) }", [(RUSSIA.iri, GOV.iri)]),
]
PREFIX_IDS = ["undeclared", "another_declared", "declared_wins", "several_defaults"]


@pytest.fixture()
def backing() -> OxigraphStore:
    store = OxigraphStore()
    store.write_documents([_doc("https://example.org/a", "a", _claim(RUSSIA, "backs", GOV, "Russia backs it."))],
                          _actors(RUSSIA, GOV))
    return store


@pytest.mark.parametrize(("query", "expected"), PREFIX_CASES, ids=PREFIX_IDS)
def test_store_queries_know_the_project_prefixes(backing, query, expected):
    assert [(r["s"].value, r["o"].value) for r in backing.query(query)] == expected


def test_store_syntax_error_positions_are_the_users_own(backing):
    with pytest.raises(SyntaxError, match=r"^error at 2:23:"):
        backing.query("SELECT ?s\nWHERE { ?s ag:backs ?o")
