"""The ``actorgraph`` command end to end on the bundled example articles."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store

from graph.api import UnknownActorError
from graph.cli import main
from graph.errors import ActorGraphError, StoreError, UsageError
from graph.store import OxigraphStore
from graph.validate import validate

pytestmark = pytest.mark.slow  # every test builds through the command line (spaCy model, a fresh process)

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    assert main(["build", str(ROOT / "examples"), "--out", str(out), "--quiet"]) == 0
    return out


def quads_of(out: Path) -> set:
    store = Store.read_only(str(out / "store"))
    return set(store)


def test_cli_build_writes_trig_html_and_store(built):
    assert (built / "graph.trig").stat().st_size > 0 and (built / "graph.html").stat().st_size > 0
    trig = (built / "graph.trig").read_bytes()
    parsed = Store()
    parsed.load(trig, format=RdfFormat.TRIG)
    assert set(parsed) == quads_of(built)
    assert len(list(rdflib.Dataset().parse(data=trig.decode(), format="trig").quads())) == len(parsed)


def test_cli_build_output_conforms_to_the_shapes(built):
    report = validate(OxigraphStore(built / "store", read_only=True).raw)
    assert report.conforms, report.violations[:5]


def test_cli_build_is_idempotent_and_adds_new_articles(built, tmp_path):
    before = quads_of(built)
    again = run("build", "examples", "--out", str(built), "--quiet")
    assert again.returncode == 0, again.stderr
    assert "5 unchanged" in again.stdout
    assert quads_of(built) == before
    extra = tmp_path / "new.txt"
    extra.write_text("Hezbollah fighters retreated from Qusayr on Monday, a monitor said.")
    added = run("build", str(extra), "--out", str(built), "--quiet")
    assert added.returncode == 0, added.stderr
    assert quads_of(built) > before
    assert run("remove", str(built), "https://w3id.org/actorgraph/id/doc/none").returncode == 1
    doc = [q.graph_name.value for q in quads_of(built) - before if "/doc/" in q.graph_name.value][0]
    assert run("remove", str(built), doc).returncode == 0
    assert quads_of(built) == before


def test_cli_html_is_self_contained(built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    remote = re.findall(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert remote == []
    assert not re.search(r"@import\s+url\(\s*['\"]?https?:", page)


@pytest.mark.parametrize("fmt,check", [
    ("table", lambda out: "Russia" in out and "rows)" in out),
    ("json", lambda out: json.loads(out)["results"]["bindings"]),
    ("csv", lambda out: out.splitlines()[0].startswith("backer")),
], ids=["table", "json", "csv"])
def test_cli_query_formats(built, fmt, check):
    q = "SELECT ?backer ?backed WHERE { ?b ag:backs ?d . ?b skos:prefLabel ?backer . ?d skos:prefLabel ?backed }"
    result = run("query", str(built), q, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert check(result.stdout)


def test_cli_query_ask_construct_and_canned(built):
    assert run("query", str(built), "ASK { ?s ag:controls ?o }").stdout.strip() == "true"
    turtle = run("query", str(built), "CONSTRUCT { ?s ag:backs ?o } WHERE { ?s ag:backs ?o }", "--format", "turtle").stdout
    assert len(rdflib.Graph().parse(data=turtle, format="turtle")) > 3
    evidence = run("query", str(built), "evidence", "--format", "json")
    assert evidence.returncode == 0, evidence.stderr
    assert json.loads(evidence.stdout)["results"]["bindings"]


@pytest.mark.parametrize("args,needle", [
    (["build", "no/such/file.txt", "--out", "OUT"], "no/such/file.txt"),
    (["query", "no-such-dir", "ASK {}"], "no-such-dir"),
    (["query", "DIR", "SELECT WHERE {"], "query"),
], ids=["missing_input", "missing_store", "bad_sparql"])
def test_cli_errors_are_one_line(built, tmp_path, args, needle):
    args = [a.replace("OUT", str(tmp_path / "o")).replace("DIR", str(built)) for a in args]
    result = run(*args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("actorgraph: error:")


def _readme_tour_query() -> str:
    """The SPARQL of the first ``actorgraph query`` in the README's tour."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"actorgraph query out/ '([^']+)'", readme).group(1)


def test_cli_readme_first_query_gives_each_pair_once(built, capsys):
    assert main(["query", str(built), _readme_tour_query(), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows and len(rows) == len(set(rows))


def test_cli_query_list_gives_every_canned_query_and_its_variables(capsys):
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"^evidence  binds: \?subject \?object \?relation$", listing, re.M)
    assert re.search(r"^controller  binds: \?place \?date$", listing, re.M)


def test_cli_query_mistyped_canned_name_suggests_the_nearest(built, capsys):
    assert main(["query", str(built), "evidance"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error: 'evidance': no canned query") and "did you mean evidence?" in err


def test_cli_query_parse_error_is_placed_in_the_users_own_text(built, capsys):
    assert main(["query", str(built), "SELECT ?x WHERE {\n  ?x ag:backs }"]) == 2
    assert "error at 2:" in capsys.readouterr().err


@pytest.mark.parametrize(("bind", "code", "needle"), [
    pytest.param("actor=Syrian government", 0, "Russia", id="alias"),
    pytest.param("actor=assad regime", 0, "Iran", id="alias-any-case"),
    pytest.param("actor=Zorblat Front", 2, "'Zorblat Front': no actor of that name", id="unknown-name"),
    pytest.param("actor=Wagner Group", 2, "no stored article mentions this actor", id="not-in-this-graph"),
    pytest.param("actr=Russia", 2, "the canned query backers binds ?actor", id="unknown-variable"),
])
def test_cli_query_bind_resolves_actor_names_as_the_api_does(built, capsys, bind, code, needle):
    assert main(["query", str(built), "backers", "--bind", bind]) == code
    out, err = capsys.readouterr()
    assert needle in (out if code == 0 else err)


def test_cli_query_bind_takes_relation_names(built, capsys):
    assert main(["query", str(built), "evidence", "--bind", "relation=controls", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["relation"] for r in rows} == {"https://w3id.org/actorgraph#controls"}


# ---- the build's output stage: what it validates and rewrites ------------------------------------------
_DROP_A_LABEL = ("DELETE WHERE { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { "
                 "<https://w3id.org/actorgraph/id/actor/hama> <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")


def _copy_of(built: Path, tmp_path: Path) -> Path:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


@pytest.mark.slow
def test_cli_validate_checks_the_whole_store_and_build_only_what_it_wrote(built, tmp_path, capsys):
    out = _copy_of(built, tmp_path)
    assert main(["validate", str(out)]) == 0
    with OxigraphStore(out / "store") as store:
        store.raw.update(_DROP_A_LABEL)
    capsys.readouterr()
    assert main(["validate", str(out)]) == 1
    err = capsys.readouterr().err
    assert "actor:hama rdfs:label: an actor needs exactly one rdfs:label" in err
    assert err.strip().splitlines()[-1] == f"actorgraph: error: {out}: 1 violations of ontology/shapes.ttl"
    extra = tmp_path / "extra.txt"  # an article that names no place: the build does not touch Hama
    extra.write_text("Turkey backs the Syrian National Army, officials in Ankara said on Monday.", encoding="utf-8")
    assert main(["build", str(extra), "--out", str(out), "--quiet"]) == 0


@pytest.mark.slow
def test_cli_build_validates_the_actors_it_touches(built, tmp_path, capsys):
    out = _copy_of(built, tmp_path)
    with OxigraphStore(out / "store") as store:  # a second label, which the build's own actor quads do not undo
        store.raw.update('INSERT DATA { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { '
                         '<https://w3id.org/actorgraph/id/actor/hama> <http://www.w3.org/2000/01/rdf-schema#label> '
                         '"Hamah" } }')
    extra = tmp_path / "extra.txt"
    extra.write_text("Rebels captured Hama on Thursday after government forces withdrew from the city.",
                     encoding="utf-8")
    assert main(["build", str(extra), "--out", str(out), "--quiet"]) == 1
    assert "actor:hama rdfs:label" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_build_leaves_trig_to_export_when_the_store_is_large(built, tmp_path, monkeypatch, capsys):
    import graph.cli

    out = _copy_of(built, tmp_path)
    quads = len(quads_of(out))
    monkeypatch.setattr(graph.cli, "WHOLE_TRIG_MAX_QUADS", quads // 2)
    (out / "graph.html").unlink()
    extra = tmp_path / "extra.txt"
    extra.write_text("Turkey backs the Syrian National Army, officials in Ankara said on Monday.", encoding="utf-8")
    assert main(["build", str(extra), "--out", str(out), "--quiet"]) == 0
    assert not (out / "graph.trig").exists() and (out / "graph.html").is_file()
    assert f"`actorgraph export {out} --format trig` writes it" in capsys.readouterr().err
    assert main(["export", str(out), "--format", "trig"]) == 0
    parsed = Store()
    parsed.load((out / "graph.trig").read_bytes(), format=RdfFormat.TRIG)
    assert set(parsed) == quads_of(out)


@pytest.mark.slow
def test_cli_build_with_nothing_new_rewrites_nothing(built, tmp_path):
    out = _copy_of(built, tmp_path)
    before = {name: (out / name).stat().st_mtime_ns for name in ("graph.trig", "graph.html")}
    assert main(["build", str(ROOT / "examples"), "--out", str(out), "--quiet"]) == 0
    assert {name: (out / name).stat().st_mtime_ns for name in before} == before


# ---- document identity -------------------------------------------------------------------------------------------

def _documents(out: Path) -> list[tuple[str, str | None]]:
    """(IRI, dcterms:identifier) of every stored document."""
    store = Store.read_only(str(out / "store"))
    rows = store.query("SELECT ?d ?id WHERE { GRAPH ?g { ?d a <https://w3id.org/actorgraph#Document> "
                       "OPTIONAL { ?d <http://purl.org/dc/terms/identifier> ?id } } }")
    return sorted((r["d"].value, r["id"].value if r["id"] else None) for r in rows)


def _claims(out: Path) -> int:
    store = Store.read_only(str(out / "store"))
    return len(list(store.query("SELECT ?c WHERE { GRAPH ?g { ?c a <https://w3id.org/actorgraph#Claim> } }")))


@pytest.mark.slow
def test_cli_rebuilding_a_corrected_file_replaces_it(tmp_path, capsys):
    articles, out = tmp_path / "articles", tmp_path / "out"
    (articles / "north").mkdir(parents=True)
    report = articles / "north" / "report.txt"
    report.write_text("Russia backs the Syrian government. Iran backs the Syrian government.")
    assert main(["build", str(articles), "--out", str(out), "--quiet"]) == 0
    report.write_text("Russia backs the Syrian government. Turkey backs the Syrian National Army.")
    assert main(["build", str(articles), "--out", str(out), "--quiet"]) == 0
    (document,) = _documents(out)
    assert document[1] == "north/report.txt" and _claims(out) == 2
    assert main(["remove", str(out), str(report)]) == 0
    assert _documents(out) == [] and document[0] in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("name", [
    pytest.param(lambda folder: "doc02", id="id"),
    pytest.param(lambda folder: "https://www.congress.gov/crs-product/IN12467", id="url"),
    pytest.param(lambda folder: str(folder / "doc02.txt"), id="file-path"),
])
def test_cli_remove_takes_the_names_a_user_sees(built, tmp_path, name):
    copy = tmp_path / "out"
    shutil.copytree(built, copy)
    before = _documents(copy)
    assert main(["remove", str(copy), name(ROOT / "examples")]) == 0
    assert [d for d in before if d not in _documents(copy)] == [d for d in before if d[1] == "doc02"]


@pytest.mark.slow
def test_cli_two_versions_of_one_url_in_one_input(tmp_path, capsys):
    feed = tmp_path / "wire.jsonl"
    url = "https://wire.example/aleppo"
    feed.write_text(json.dumps({"text": "Russia backs the Syrian government.", "url": url, "title": "First"}) + "\n"
                    + json.dumps({"text": "Iran backs the Syrian government.", "url": url, "title": "Fixed"}) + "\n")
    assert main(["build", str(feed), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert f"actorgraph: warning: {feed}:2 is the same document as {feed}:1" in err
    assert len(_documents(tmp_path / "out")) == 1 and _claims(tmp_path / "out") == 1
    assert validate(OxigraphStore(tmp_path / "out" / "store", read_only=True).raw).conforms


# ---- the same numbers everywhere -----------------------------------------------------------------------------------

def test_cli_build_stats_report_and_page_agree_on_relations_and_claims(built, capsys):
    """A relation is an edge between two actors, a claim one piece of evidence: every command counts alike."""
    capsys.readouterr()
    assert main(["build", str(ROOT / "examples"), "--out", str(built), "--quiet"]) == 0
    line = capsys.readouterr().out
    found = re.search(r"\(0 extracted, 5 unchanged\): nothing changed; the graph holds (\d+) relations from (\d+) claims",
                      line)
    assert found, line
    relations, claims = int(found[1]), int(found[2])
    assert main(["stats", str(built), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (sum(stats["relations"].values()), sum(stats["relation_claims"].values()),
            sum(stats["claims"].values())) == (relations, claims, claims)
    assert main(["report", str(built), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["relations"], report["claims"]) == (relations, claims)
    page = (built / "graph.html").read_text(encoding="utf-8")
    meta = json.loads(re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S)[1])["meta"]
    assert (meta["relations"], meta["claims"]) == (relations, claims)


@pytest.mark.parametrize("args,needle", [
    pytest.param(["SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "--bind", "y=1"], "--bind: cannot bind ?y: the query does not select it",
                 id="bind-unselected-variable"),
    pytest.param(["SELECT ?x WHERE { ?x ag:backs }"], "query: error at 1:", id="long-parse-error-cut"),
])
def test_cli_query_errors_are_one_short_line(built, capsys, args, needle):
    assert main(["query", str(built), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error:") and needle in err and err.count("\n") == 1 and len(err) < 220


@pytest.mark.parametrize("module", ["graph.report", "graph.stats", "graph.parallel", "graph.store"],
                         ids=["report", "stats", "parallel", "store"])
def test_cli_faces_below_import_no_cli(module):
    """The library below the command line never imports it (no cycle through cli.CliError)."""
    code = f"import sys, {module}; print('graph.cli' in sys.modules, 'tqdm' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "False"], done.stderr


@pytest.mark.parametrize(("error", "code"), [
    (StoreError("out/store: the store is in use"), 2),
    (UsageError("--top must be at least 1"), 2),
    (UnknownActorError("Nobody: unknown"), 2),
    (ActorGraphError("out/: violates the shapes", 1), 1),
], ids=["store", "usage", "unknown_actor", "own_code"])
def test_cli_library_errors_map_to_exit_codes_in_main(monkeypatch, capsys, error, code):
    import graph.cli

    def fail(_args):
        raise error

    monkeypatch.setattr(graph.cli._plugged()["stats"], "run", fail)
    assert graph.cli.main(["stats", "out"]) == code
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error: ") and err.count("\n") == 1
