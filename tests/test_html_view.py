"""The HTML view without a browser: data extraction, escaping, self-containment."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.namespaces import PREFIXES, RELATIONS, STATUSES
from graph.store import OxigraphStore
from graph.views.html_view import RELATION_STYLES, TYPE_STYLES, render_html, view_data


A = "https://w3id.org/actorgraph/id/actor/"


def payload_of(page: str) -> dict:
    """The JSON data block of a rendered page, parsed."""
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its <style> blocks."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def count(self, tag: str) -> int:
        return sum(t == tag for t, _ in self.tags)


@pytest.fixture(scope="module")
def syria(trig, graph_store_of) -> dict:
    """The view data of ``tests/data/views.trig``."""
    return view_data(graph_store_of(trig("views")))


def edge(data: dict, s: str, relation: str, o: str) -> dict:
    (found,) = [e for e in data["edges"] if (e["source"], e["relation"], e["target"]) == (A + s, relation, A + o)]
    return found


def test_html_view_nodes_are_the_actors_of_claims(syria):
    nodes = {n["id"][len(A):]: n for n in syria["nodes"]}
    assert "syrian-observatory" not in nodes  # only a reporter, in no claim
    assert len(nodes) == 13
    assert (nodes["hts"]["label"], nodes["hts"]["type"], nodes["hts"]["aliases"]) == (
        "Hayat Tahrir al-Sham", "ArmedGroup", ["HTS"])
    assert nodes["aleppo"]["type"] == "Settlement"  # the specific class, not ag:Place
    assert nodes["turkey"]["aliases"] == ["Ankara", "Türkiye"]


def test_html_view_edge_gathers_claims_across_documents(syria):
    e = edge(syria, "hts", "opposes", "assad-government")
    assert (e["asserted"], e["count"], e["confidence"], len(e["claims"])) == (True, 2, 0.8, 2)
    first = e["claims"][0]
    assert first["sentence"].startswith("Hayat Tahrir al-Sham launched its offensive")
    assert (first["doc_title"], first["doc_url"], first["published"], first["event_date"], first["rule"]) == (
        "Rebels sweep into Aleppo", "https://news.example.org/2024/11/30/aleppo", "2024-11-30", "2024-11-27",
        "opposes.offensive_against")


def test_html_view_claim_names_its_reporter(syria):
    (claim,) = edge(syria, "hts", "controls", "aleppo")["claims"]
    assert claim["reported_by"] == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(("s", "relation", "o", "status"), [
    ("turkey", "backs", "hts", "denied"),
    ("russia", "opposes", "hts", "hypothetical"),
    ("hts", "controls", "kuweires-airbase", "negated"),
], ids=["denied", "hypothetical", "negated"])
def test_html_view_non_asserted_edges_are_kept_as_such(syria, s, relation, o, status):
    e = edge(syria, s, relation, o)
    assert (e["asserted"], e["count"], [c["status"] for c in e["claims"]]) == (False, 0, [status])


def test_html_view_allied_with_is_one_edge_per_pair(syria):
    allied = [e for e in syria["edges"] if e["relation"] == "alliedWith"]
    assert sorted((e["source"], e["target"]) for e in allied) == [
        (A + "assad-government", A + "hezbollah"), (A + "hezbollah", A + "iran")]
    assert all(e["asserted"] for e in allied)


def test_html_view_meta_counts(syria):
    assert syria["meta"] == {"actors": 13, "relations": 13, "unasserted_relations": 3, "claims": 17, "documents": 3,
                             "first_date": "2024-10-01", "last_date": "2024-12-06"}


def test_html_view_data_is_json_ready(syria):
    assert json.loads(json.dumps(syria)) == syria


def test_html_view_empty_store_gives_empty_view():
    assert view_data(OxigraphStore()) == {"nodes": [], "edges": [], "meta": {
        "actors": 0, "relations": 0, "unasserted_relations": 0, "claims": 0, "documents": 0,
        "first_date": None, "last_date": None}}


NASTY = [
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "Jaish \"al-Izza\" 'brigade'",
    "back\\slash \\u003c \\",
    "line\nbreak\r\n",
    "sep\u2028ara\u2029tors",
    "bidi \u202eaibyL\u202c \u2066x\u2069",
]
COMBINED = "".join(NASTY)


def nasty_trig(label: str) -> str:
    """One claim whose every text (labels, sentence, rule, title) is ``label``."""
    quoted = json.dumps(label)  # a valid Turtle string literal too (JSON escapes are Turtle ECHARs/UCHARs)
    return PREFIXES + f'''
<https://w3id.org/actorgraph/id/graph/actors> {{
  actor:x a ag:ArmedGroup ; skos:prefLabel {quoted} ; skos:altLabel {quoted} .
  actor:idlib a ag:Settlement ; skos:prefLabel "Idlib" . }}
<https://w3id.org/actorgraph/id/graph/documents> {{ <https://w3id.org/actorgraph/id/doc/n> dcterms:title {quoted} . }}
<https://w3id.org/actorgraph/id/doc/n> {{
  actor:x ag:controls actor:idlib .
  <https://w3id.org/actorgraph/id/claim/n> a ag:Claim ; rdf:subject actor:x ; rdf:predicate ag:controls ;
    rdf:object actor:idlib ; ag:status ag:Asserted ; ag:sentence {quoted} ; ag:rule {quoted} ;
    prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/n> . }}'''


@pytest.mark.parametrize("label", [*NASTY, COMBINED],
                         ids=["script_close", "img_onerror", "quotes", "backslashes", "newlines",
                              "line_separators", "bidi_overrides", "combined"])
def test_html_view_escapes_untrusted_text(graph_store_of, label):
    page = render_html(view_data(graph_store_of(nasty_trig(label))), title=label)
    elements = Elements(page)
    assert (elements.count("script"), elements.count("img"), elements.count("option")) == (3, 0, 0)
    assert not re.search("[\u2028\u2029\u202a-\u202e\u2066-\u2069]", page)
    data = payload_of(page)
    node = next(n for n in data["nodes"] if n["id"].endswith("/x"))
    assert (node["ag"]["label"], node["ag"]["aliases"], data["title"]) == (label, [], label)
    assert data["edges"][0]["ag"]["claims"][0]["sentence"] == label
    assert data["docs"][0]["doc_title"] == label
    if any(c in label for c in "<>&\u2028\u202e") or label == COMBINED:
        assert label not in page


def test_html_view_title_is_escaped_in_head():
    page = render_html({"nodes": [], "edges": []}, title="</title><script>alert(1)</script>")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert Elements(page).count("script") == 3


def test_html_view_ids_never_reach_markup():
    bad = 'x"><option value=1>pwn</option><script>alert(1)</script>'
    data = {"nodes": [{"id": bad, "label": "Idlib", "type": "Settlement", "aliases": []},
                      {"id": "b", "label": "HTS", "type": "ArmedGroup", "aliases": [bad]}],
            "edges": [{"source": "b", "target": bad, "relation": "controls", "asserted": True, "count": 1,
                       "confidence": 0.9, "claims": []}]}
    page = render_html(data)
    assert "<option" not in page.lower()
    assert bad not in page
    assert payload_of(page)["nodes"][-1]["id"] == bad


def test_html_view_page_never_uses_markup_sinks():
    page = render_html({"nodes": [], "edges": []})
    assert "innerHTML" not in page
    app_js = (Path(__file__).resolve().parent.parent / "graph" / "views" / "assets" / "view.js").read_text()
    for sink in ("outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in app_js, sink


def test_html_view_page_references_nothing_remote(syria):
    page = render_html(syria)
    elements = Elements(page)
    refs = [v for _, attrs in elements.tags for k, v in attrs.items() if k in ("src", "href", "srcset", "action")]
    assert refs == []
    assert elements.count("link") == 0 and elements.count("iframe") == 0
    css = "".join(elements.styles)
    assert not re.search(r"@import", css)
    assert [u for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")] == []
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", page.split('id="ag-data"')[0])


def test_html_view_page_has_a_strict_content_security_policy():
    elements = Elements(render_html({"nodes": [], "edges": []}))
    (csp,) = [a["content"] for t, a in elements.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'unsafe-inline'"]
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert directives["img-src"] == ["data:"]


def test_html_view_styles_tell_relations_and_types_apart(syria):
    assert list(RELATION_STYLES) == list(RELATIONS)
    assert len({(s["color"], str(s["dashes"])) for s in RELATION_STYLES.values()}) == len(RELATIONS)
    assert len({(s["color"], s["shape"]) for s in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    data = payload_of(render_html(syria))
    by_relation = {e["ag"]["relation"]: e for e in data["edges"] if e["ag"]["asserted"]}
    assert by_relation["alliedWith"]["arrows"]["to"]["enabled"] is False
    assert by_relation["backs"]["arrows"]["to"]["enabled"] is True
    assert by_relation["backs"]["color"]["color"] != by_relation["opposes"]["color"]["color"]
    denied = next(e for e in data["edges"] if not e["ag"]["asserted"])
    assert denied["dashes"] and denied["color"]["color"] == "#9E9E9E"


def test_html_view_width_grows_with_claims(syria):
    data = payload_of(render_html(syria))
    width = {e["ag"]["count"]: e["width"] for e in data["edges"] if e["ag"]["asserted"]}
    assert width[2] > width[1]


def test_html_view_parallel_relations_curve_apart(syria):
    data = payload_of(render_html(syria))
    pair = [e for e in data["edges"] if {e["from"], e["to"]} == {A + "iran", A + "hezbollah"}]
    assert len(pair) == 2
    assert all(e["smooth"]["enabled"] for e in pair)
    assert pair[0]["smooth"]["roundness"] != pair[1]["smooth"]["roundness"]


@pytest.mark.parametrize(("max_nodes", "limit"), [(300, 13), (3, 3)], ids=["all", "strongest"])
def test_html_view_limit_starts_with_the_strongest_actors(syria, max_nodes, limit):
    data = payload_of(render_html(syria, max_nodes=max_nodes))
    assert (data["limit"], data["maxNodes"]) == (limit, max_nodes)
    ranked = sorted(data["nodes"], key=lambda n: n["ag"]["rank"])
    assert ranked[0]["ag"]["label"] == "Hayat Tahrir al-Sham"  # in 7 of the 17 claims
    assert [n["ag"]["weight"] for n in ranked] == sorted((n["ag"]["weight"] for n in ranked), reverse=True)


def test_html_view_physics_stops_after_bounded_stabilisation(syria):
    options = payload_of(render_html(syria))["options"]
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] <= 600
    assert options["physics"]["forceAtlas2Based"]["avoidOverlap"] == 1


def test_html_view_writes_the_page(tmp_path, syria):
    path = tmp_path / "graph.html"
    assert render_html(syria, path) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("data", "message"), [
    ({"nodes": []}, "expected a dict with 'nodes' and 'edges'"),
    ({"nodes": [], "edges": [{"source": "a", "target": "b", "relation": "backs", "claims": []}]},
     "edge 0 has unknown source 'a'"),
    ({"nodes": [{"id": "a", "label": "A"}], "edges": [
        {"source": "a", "target": "a", "relation": "hates", "claims": []}]}, "unknown relation 'hates'"),
], ids=["no_edges", "unknown_node", "unknown_relation"])
def test_html_view_rejects_bad_data(data, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        render_html(data)


def test_html_view_rejects_zero_limit():
    with pytest.raises(ValueError, match="max_nodes must be at least 1"):
        render_html({"nodes": [], "edges": []}, max_nodes=0)


def test_html_view_page_knows_every_status(syria):
    """The page's status filter and colours come from the project's statuses, intended included."""
    assert payload_of(render_html(syria))["statuses"] == list(STATUSES)
    assert "intended" in STATUSES
