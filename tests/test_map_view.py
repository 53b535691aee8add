"""The map page without a browser: one self-contained document, escaped data, a policy that loads nothing."""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.views.map_view import CONTROLLER_COLORS, render_map

DATA = Path(__file__).resolve().parent / "data" / "map.json"
A = "https://w3id.org/actorgraph/id/actor/"
HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'


@pytest.fixture()
def sample() -> dict:
    """``tests/data/map.json``: a hand-made dict of ``map_data``'s shape (five places, eight claims)."""
    return json.loads(DATA.read_text(encoding="utf-8"))


class Page(HTMLParser):
    """Start tags with their attributes, and the text of each <script> and <style> element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.blocks.append((tag, dict(attrs), ""))

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open is not None:
            tag, attrs, text = self.blocks[-1]
            self.blocks[-1] = (tag, attrs, text + data)


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def block(page: str, name: str) -> str:
    (text,) = [t for tag, attrs, t in Page(page).blocks if attrs.get("id") == name]
    return text


def test_map_view_page_is_one_document_with_everything_inlined(sample):
    page = render_map(sample, title="Syria")
    parsed = Page(page)
    assert page.startswith("<!DOCTYPE html>") and page.count("</html>") == 1
    scripts = [(attrs, text) for tag, attrs, text in parsed.blocks if tag == "script"]
    assert all("src" not in attrs for attrs, _ in scripts)
    code = "\n".join(text for attrs, text in scripts if attrs.get("type") is None)
    assert "d3-geo" in code and "topojson" in code and "window.agMap" in code
    world = json.loads(block(page, "ag-world"))
    assert world["type"] == "Topology" and len(world["objects"]["countries"]["geometries"]) > 200
    assert not [(tag, attrs) for tag, attrs in parsed.tags if tag == "link"]


def test_map_view_skeleton_refers_to_no_url(sample):
    for tag, attrs in Page(render_map(sample)).tags:
        for name in ("src", "href", "action", "data"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or ""), (tag, attrs)


def test_map_view_policy_loads_nothing_and_runs_only_the_inlined_code(sample):
    page = render_map(sample)
    (policy,) = [attrs["content"] for tag, attrs in Page(page).tags
                 if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and "unsafe" not in policy
    executed = [text for tag, attrs, text in Page(page).blocks if tag == "script" and attrs.get("type") is None]
    assert set(directives["script-src"].split()) == {digest(t) for t in executed}
    styles = [text for tag, _, text in Page(page).blocks if tag == "style"]
    assert len(styles) == 2 and set(directives["style-src"].split()) == {digest(t) for t in styles}


def test_map_view_data_block_is_escaped_and_round_trips(sample):
    page = render_map(sample, title=HOSTILE)
    text = block(page, "ag-data")
    assert not re.search(r"[<>&]", text) and text.isascii()
    assert "<img" not in page.split("<style>")[0] and "<script>window" not in page
    payload = json.loads(text)
    assert payload["title"] == HOSTILE
    assert payload["actors"][A + "x"]["label"].startswith("<img src=x")
    assert {p["label"] for p in payload["places"]} >= {"Aleppo", '<img src=x onerror="window.__pwned=3">'}
    assert "<title>&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page


def claims_of(payload: dict) -> list[dict]:
    """The page's claim rows read back as map.js reads them."""
    iris, names = payload["iris"], payload["names"]
    fields = ("place", "actor", "relation", "status", "date", "sentence", "rule", "confidence", "reporter", "doc")
    return [{**dict(zip(fields, row)), "place": iris[row[0]], "actor": iris[row[1]], "relation": names[row[2]],
             "status": names[row[3]], **payload["docs"][row[9]]} for row in payload["claims"]]


def test_map_view_claims_keep_their_evidence_with_documents_shared(sample):
    payload = json.loads(block(render_map(sample), "ag-data"))
    claims = claims_of(payload)
    assert [(c["place"], c["actor"], c["relation"], c["status"], c["date"]) for c in claims] == [
        (c["place"], c["actor"], c["relation"], c["status"], c["date"]) for c in sample["claims"]]
    c2 = claims[1]
    assert (c2["sentence"], c2["reporter"], c2["confidence"], c2["rule"], c2["title"], c2["url"], c2["publisher"]) == (
        "Fighters of Hayat Tahrir al-Sham took most of Aleppo on Saturday.", "Syrian Observatory for Human Rights",
        0.9, "controls.took", "Rebels sweep into Aleppo", "https://news.example.org/2024/11/30/aleppo", "Example News")
    assert payload["claims"][1][9] == payload["claims"][7][9] and len(payload["docs"]) == 5  # one row per document


def test_map_view_bands_and_events_refer_to_places_actors_and_claims_by_number(sample):
    payload = json.loads(block(render_map(sample), "ag-data"))
    iris = payload["iris"]
    assert iris[:len(sample["places"])] == [p["id"] for p in sample["places"]]
    bands = {iris[place]: [(b[0], [iris[a] for a in b[1]], b[2]) for b in rows] for place, rows in payload["bands"]}
    assert bands[A + "aleppo"] == [("2024-11-01", [A + "assad-government"], [0]), ("2024-11-30", [A + "hts"], [1])]
    assert bands[A + "deir-al-zour"][-1] == ("2024-12-20", [], [])
    names = payload["names"]
    assert [[e[0], names[e[1]], names[e[2]], e[3], iris[e[4]], iris[e[5]]] for e in payload["events"]] == sample["events"]


def test_map_view_palette_colours_the_controllers_of_most_places_first(sample):
    payload = json.loads(block(render_map(sample), "ag-data"))
    assert [(p["actor"], p["color"]) for p in payload["palette"]] == [
        (A + "hts", CONTROLLER_COLORS[0]), (A + "x", CONTROLLER_COLORS[1]),
        (A + "assad-government", CONTROLLER_COLORS[2]), (A + "sdf", CONTROLLER_COLORS[3])]


def test_map_view_palette_greys_controllers_beyond_its_colours(sample):
    sample["bands"] = {p["id"]: [] for p in sample["places"]}
    sample["bands"][A + "aleppo"] = [{"from": f"2024-11-{i + 1:02d}", "controllers": [f"{A}g{i:02d}"], "claims": []}
                                     for i in range(len(CONTROLLER_COLORS) + 3)]
    payload = json.loads(block(render_map(sample), "ag-data"))
    assert len(payload["palette"]) == len(CONTROLLER_COLORS)
    assert payload["other"] not in CONTROLLER_COLORS and payload["nobody"] not in CONTROLLER_COLORS


def test_map_view_empty_data_is_a_page():
    page = render_map({"first": None, "last": None, "actors": {}, "places": [], "claims": [], "bands": {}})
    assert json.loads(block(page, "ag-data"))["events"] == []


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("places"), "'places' must be a list"),
    (lambda d: d.__setitem__("bands", []), "'bands' must be a dict"),
    (lambda d: d["places"][0].__setitem__("lat", "36.2"), "has a lat that is not a number"),
    (lambda d: d["claims"][0].__setitem__("place", A + "nowhere"), "which is not in 'places'"),
    (lambda d: d["claims"][0].__setitem__("relation", "backs"), "has relation 'backs'"),
    (lambda d: d["bands"].__setitem__(A + "nowhere", []), "for a place in 'places'"),
], ids=["no-places", "bands-list", "lat-string", "claim-place", "claim-relation", "band-place"])
def test_map_view_refuses_data_of_another_shape(sample, change, message):
    broken = copy.deepcopy(sample)
    change(broken)
    with pytest.raises(ValueError, match=re.escape(message)):
        render_map(broken)


@pytest.fixture()
def example_dir(tmp_path) -> Path:
    """A build folder whose store holds ``graph.api.EXAMPLE_TRIG`` (HTS captured Aleppo on 2024-11-30)."""
    from pyoxigraph import RdfFormat

    from graph.api import EXAMPLE_TRIG, ActorGraph

    with ActorGraph.open(tmp_path / "out" / "store") as g:
        g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    return tmp_path / "out"


@pytest.mark.parametrize("given", ["out", "out/store"], ids=["build-folder", "store-folder"])
def test_map_view_cli_writes_the_page_beside_the_store(example_dir, capsys, given):
    from graph.cli import main

    assert main(["map", str(example_dir.parent / given), "--title", "Aleppo <2024>"]) == 0
    page = (example_dir / "map.html").read_text(encoding="utf-8")
    assert "HTS captured Aleppo on Saturday." in page and "<title>Aleppo &lt;2024&gt;</title>" in page
    assert capsys.readouterr().out == f"wrote {example_dir / 'map.html'}: 1 place (0 with coordinates), 1 claim of control\n"


@pytest.mark.parametrize(("where", "out", "message"), [
    ("nowhere", None, "nowhere: no store here (run `actorgraph build ... --out"),
    ("out", "no/such/map.html", "no/such/map.html: its folder"),
], ids=["no-store", "no-out-folder"])
def test_map_view_cli_bad_folder_is_one_line_and_writes_nothing(example_dir, capsys, where, out, message):
    from graph.cli import main

    args = ["map", str(example_dir.parent / where)] + (["--out", str(example_dir.parent / out)] if out else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error: ") and err.count("\n") == 1 and message in err
    assert not list(example_dir.parent.rglob("*.html"))
