"""The HTML view without a browser: data extraction, escaping, self-containment."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

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
    assert syria["meta"] == {"actors": 13, "relations": 13, "unasserted_relations": 3, "claims": 17, "store_claims": 17,
                             "documents": 3, "first_date": "2024-10-01", "last_date": "2024-12-06"}


def test_html_view_data_is_json_ready(syria):
    assert json.loads(json.dumps(syria)) == syria


def test_html_view_empty_store_gives_empty_view():
    assert view_data(OxigraphStore()) == {"nodes": [], "edges": [], "meta": {
        "actors": 0, "relations": 0, "unasserted_relations": 0, "claims": 0, "store_claims": 0, "documents": 0,
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


def _many_documents(documents: int, *, rare_every: int = 10) -> str:
    """TriG body of ``documents`` articles of 10 claims each between 12 actors: mostly ``opposes``,
    one ``backs`` in ``rare_every`` articles (so that a query which scans the claims once per relation
    would read them all to find the few), a reporter on some claims (labelled or not), a date, a
    superseded claim, a denied one, and articles with and without title, URL and outlet."""
    parts = ["<https://w3id.org/actorgraph/id/graph/actors> {"]
    parts += [f'  actor:m{i} a ag:ArmedGroup ; skos:prefLabel "Group {i}" .' for i in range(10)]
    parts += ["}", "<https://w3id.org/actorgraph/id/graph/documents> {"]
    for d in range(documents):
        meta = [f'dcterms:issued "2024-03-{1 + d % 28:02d}"^^xsd:date']
        if d % 3:
            meta.append(f'dcterms:title "Report {d}"')
        if d % 4:
            meta += [f'schema:url "https://news.example.org/{d}"^^xsd:anyURI', f'dcterms:publisher "Outlet {d % 5}"']
        if d % 7 == 0:
            meta.append(f'dcterms:identifier "report-{d}"')
        parts.append(f"  doc:m{d} a ag:Document ; " + " ; ".join(meta) + " .")
    parts.append("}")
    for d in range(documents):
        parts.append(f"doc:m{d} {{")
        for k in range(10):
            s, o = f"actor:m{(d + k) % 12}", f"actor:m{(d + 3 * k + 1) % 12}"
            relation = "backs" if k == 0 and d % rare_every == 0 else "opposes"
            status = "Denied" if k == 9 else "Asserted"
            extra = ""
            if k in (1, 2):
                extra += f" ; ag:reportedBy actor:m{k + 8}"  # m9 has a label, m10 none
            if k == 3:
                extra += f' ; ag:eventDate "2024-02-{1 + d % 28:02d}"^^xsd:date'
            if k == 4 and d % 2:
                extra += f" ; ag:supersededBy claim:m{d}-5"
            if status == "Asserted":
                parts.append(f"  {s} ag:{relation} {o} .")
            parts.append(f"  claim:m{d}-{k} a ag:Claim ; rdf:subject {s} ; rdf:predicate ag:{relation} ; rdf:object {o} ;"
                         f" prov:wasDerivedFrom doc:m{d} ; ag:rule \"r{k}\" ; ag:confidence 0.{50 + k} ;"
                         f' ag:status ag:{status} ; ag:sentence "Sentence {k} of report {d}."{extra} .')
        parts.append("}")
    return "\n".join(parts) + "\n"


#: the page's claims as one query read them before the page asked for documents and reporters apart:
#: every claim joined with its document's metadata and its reporter's label (the reference of the test below)
_ONE_QUERY = """
SELECT ?claim ?s ?p ?o ?sentence ?status ?rule ?confidence ?date ?reporterLabel ?reporter
       ?doc ?title ?url ?issued ?publisher ?identifier ?supersededBy ?triple WHERE {
  VALUES ?p { ag:backs ag:opposes ag:controls ag:withdrewFrom ag:leads ag:memberOf ag:alliedWith }
  GRAPH ?doc {
    ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?claim ag:sentence ?sentence } OPTIONAL { ?claim ag:status ?status } OPTIONAL { ?claim ag:rule ?rule }
    OPTIONAL { ?claim ag:confidence ?confidence } OPTIONAL { ?claim ag:eventDate ?date }
    OPTIONAL { ?claim ag:supersededBy ?supersededBy }
    OPTIONAL { ?claim ag:reportedBy ?reporter
               OPTIONAL { GRAPH <https://w3id.org/actorgraph/id/graph/actors> { ?reporter skos:prefLabel ?reporterLabel } } }
    BIND(EXISTS { ?s ?p ?o } AS ?triple)
  }
  OPTIONAL { GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?doc dcterms:title ?title } }
  OPTIONAL { GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?doc schema:url ?url } }
  OPTIONAL { GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?doc dcterms:issued ?issued } }
  OPTIONAL { GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?doc dcterms:publisher ?publisher } }
  OPTIONAL { GRAPH <https://w3id.org/actorgraph/id/graph/documents> { ?doc dcterms:identifier ?identifier } }
}"""


def _text(term) -> str | None:
    return None if term is None else term.value


def _edge_key(s: str, relation: str, o: str) -> tuple[str, str, str]:
    """The page's edge of a claim: an alliance is one edge per pair, its ends in IRI order."""
    return (o, relation, s) if relation == "alliedWith" and o < s else (s, relation, o)


def test_html_view_claims_of_many_documents_are_those_of_one_joined_query(trig, graph_store_of):
    """Reading documents and reporters once each gives every claim the fields the one joined query gave it."""
    store = graph_store_of(trig("views") + _many_documents(60))
    local = lambda iri: iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]  # noqa: E731
    expected = sorted(
        (*_edge_key(_text(r["s"]), local(r["p"].value), _text(r["o"])), _text(r["sentence"]) or "",
         local(r["status"].value).lower(), _text(r["rule"]) or "", float(r["confidence"].value), _text(r["date"]),
         _text(r["reporterLabel"]) or (local(r["reporter"].value) if r["reporter"] else None), _text(r["doc"]),
         _text(r["title"]), _text(r["url"]), _text(r["issued"]), _text(r["publisher"]), _text(r["identifier"]),
         r["supersededBy"] is not None)
        for r in store.query(_ONE_QUERY, union=False))
    data = view_data(store)
    got = sorted(
        (e["source"], e["relation"], e["target"], c["sentence"], c["status"], c["rule"], c["confidence"],
         c["event_date"], c["reported_by"], c["doc"], c["doc_title"], c["doc_url"], c["published"], c["publisher"],
         c["doc_name"], c["superseded"])
        for e in data["edges"] for c in e["claims"])
    assert got == expected and len(got) == 600 + 17
    assert {row[8] for row in got} >= {"Group 9", "m10", "Syrian Observatory for Human Rights"}


def _explained(store_dir: Path, sparql: str, tmp_path: Path) -> list[tuple[str, int]]:
    """(pattern, rows it produced) for each quad pattern of ``sparql`` evaluated by the oxigraph
    command on the store in ``store_dir`` (its ``--explain --stats`` plan)."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no oxigraph command (pip install oxigraph)")
    query, plan = tmp_path / "query.rq", tmp_path / "plan.json"
    query.write_text(sparql, encoding="utf-8")
    subprocess.run([binary, "query", "--location", str(store_dir), "--query-file", str(query), "--stats",
                    "--explain-file", str(plan), "--results-format", "tsv", "-r", str(tmp_path / "rows.tsv")],
                   check=True, capture_output=True, timeout=120)
    found, todo = [], [json.loads(plan.read_text(encoding="utf-8"))["plan"]]
    while todo:
        node = todo.pop()
        todo += node.get("children", [])
        if node["name"].startswith("QuadPattern"):
            found.append((node["name"], node["number of results"]))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("top", [False, True], ids=["all-actors", "top-actors"])
def test_html_view_claims_query_reads_at_most_max_claims_rows(tmp_path, prefixes, top):
    """Where one relation is rare, no pattern of the page's claims query for it looks up more rows
    than the claims it may return: a VALUES block of relations made Oxigraph scan every claim's subject
    to find the few claims of the first relation (here 400 rows read for 20 claims returned). The page
    binds ?p to one relation, which Oxigraph substitutes as a constant: so is it written here, for the
    oxigraph command, which takes no bindings. With the subjects restricted (the top actors of a
    store with more), Oxigraph joins them with the relation's claims, read from the index of
    ``rdf:predicate`` values: that scan reads the relation's claims (one index row each, 300 here),
    every lookup at most the 20 returned."""
    from graph.views.html_view import _claims_query

    with OxigraphStore(tmp_path / "store") as store:
        store.raw.load((prefixes + _many_documents(40)).encode("utf-8"), format=RdfFormat.TRIG)
    actors = {f"{A}m{i}" for i in range(12)} if top else None
    head, where = _claims_query(actors, limit=20).split("WHERE {", 1)
    sparql = head + "WHERE {" + re.sub(r"\?p\b", "ag:opposes", where)
    patterns = dict(_explained(tmp_path / "store", sparql, tmp_path))
    scan = patterns.pop("QuadPattern(?claim <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> "
                        "<https://w3id.org/actorgraph#opposes> ?doc)", 0)
    assert len(patterns) >= 9 and max(patterns.values()) <= 20 and scan <= (300 if top else 20), (scan, patterns)


def _page_claims(data: dict) -> list[tuple[str, str]]:
    return sorted((c["doc"], c["sentence"]) for e in data["edges"] for c in e["claims"])


@pytest.mark.parametrize("max_claims", [1, 2, 7, 50, 301, 600, 10_000])
def test_html_view_max_claims_shares_the_claims_out_between_relations(graph_store_of, prefixes, max_claims):
    """A bounded page asks each relation for an even share of its claims: the 6 ``backs`` claims of a
    store of 600 (the first relation's claims in the store's order once were the first 1,000 rows of
    any page) are on every page that has room for them beside the ``opposes`` ones, which take the
    rest; the page holds ``max_claims`` claims whenever the store has that many, each once, the same
    ones on every reading, and its meta says how many the store holds."""
    store = graph_store_of(prefixes + _many_documents(60))
    every = _page_claims(view_data(store))
    data = view_data(store, max_claims=max_claims)
    first, again = _page_claims(data), _page_claims(view_data(store, max_claims=max_claims))
    assert len(every) == 600 and len(first) == min(max_claims, 600)
    assert first == again and len(set(first)) == len(first) and set(first) <= set(every)
    backs = sum(len(e["claims"]) for e in data["edges"] if e["relation"] == "backs")
    assert backs == min(6, (max_claims + 1) // 2)
    assert data["meta"]["claims"] == len(first) and data["meta"]["store_claims"] == 600


@pytest.mark.parametrize(("counts", "total", "shares"), [
    ([5, 100, 0, 100], 60, [5, 28, 0, 27]),  # the small one keeps its own, the rest split evenly
    ([5, 10], 100, [5, 10]),  # room for everything
    ([0, 0, 0], 10, [0, 0, 0]),  # nothing to share
    ([3, 3, 3], 4, [2, 1, 1]),  # the remainder goes to the first
    ([1, 50, 2, 50], 13, [1, 5, 2, 5]),
])
def test_html_view_shares_are_even_and_never_exceed_a_relation(counts, total, shares):
    from graph.views.html_view import _shares

    got = _shares(counts, total)
    assert got == shares and sum(got) == min(total, sum(counts)) and all(g <= c for g, c in zip(got, counts))
