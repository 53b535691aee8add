"""The HTML view in headless Chromium: drawing, legend, evidence panel, filters, and no code from data.

Every page is opened from a file:// URL with every other request aborted and recorded (``browser``
and ``BrowserPage`` in conftest.py), so a test also fails if the page tries to reach the network,
raises an error or opens a dialog.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.api import ActorGraph
from graph.namespaces import PREFIXES, RELATIONS
from graph.views.html_view import render_html, view_data

if TYPE_CHECKING:
    from conftest import BrowserPage

PAYLOAD = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
A = "https://w3id.org/actorgraph/id/actor/"
XSS_TRIG = PREFIXES + f'''
<https://w3id.org/actorgraph/id/graph/actors> {{
  actor:x a ag:ArmedGroup ; skos:prefLabel {json.dumps(PAYLOAD)} ; skos:altLabel "Liwa al-Quds" .
  actor:daraa a ag:Settlement ; skos:prefLabel "Daraa" . }}
<https://w3id.org/actorgraph/id/graph/documents> {{
  <https://w3id.org/actorgraph/id/doc/x> dcterms:title {json.dumps(PAYLOAD)} ;
    schema:url "javascript:window.__pwned=3"^^xsd:anyURI ; dcterms:issued "2024-12-07"^^xsd:date . }}
<https://w3id.org/actorgraph/id/doc/x> {{
  actor:x ag:controls actor:daraa .
  <https://w3id.org/actorgraph/id/claim/x> a ag:Claim ; rdf:subject actor:x ; rdf:predicate ag:controls ;
    rdf:object actor:daraa ; ag:status ag:Asserted ; ag:confidence 0.8 ; ag:rule "controls.took_control" ;
    ag:sentence {json.dumps("Local fighters took Daraa. " + PAYLOAD)} ;
    prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/x> . }}'''


def visible_edges(opened: BrowserPage, relation: str | None = None) -> int:
    return opened.js("r => window.ag.edgesView.getIds().filter(id => !r || window.ag.relationOf(id) === r).length",
                     relation)


@pytest.fixture(scope="module")
def syria_page(tmp_path_factory, trig, graph_store_of) -> Path:
    """``tests/data/views.trig`` as a page."""
    path = tmp_path_factory.mktemp("html") / "syria.html"
    render_html(view_data(graph_store_of(trig("views"))), path, title="Syria, December 2024")
    return path


@pytest.fixture()
def opened(browser, syria_page) -> Iterator[BrowserPage]:
    with browser.open(syria_page) as page:
        yield page


def test_html_browser_canvas_draws(opened, tmp_path):
    opened.page.locator("#ag-graph canvas").screenshot(path=tmp_path / "graph.png")
    assert (tmp_path / "graph.png").stat().st_size > 1000
    colours = opened.js("""() => {
        const canvas = document.querySelector('#ag-graph canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4 * 7) seen.add(data[i] << 16 | data[i + 1] << 8 | data[i + 2]);
        return seen.size;
    }""")
    assert colours > 20


def test_html_browser_header_shows_title_and_counts(opened):
    assert opened.page.inner_text("#ag-title") == "Syria, December 2024"
    assert "13 relations shown of 13 \u00b7 17 claims \u00b7 3 documents" in opened.page.inner_text("#ag-counts")
    assert opened.page.is_hidden("#ag-notice") and opened.page.is_hidden("#ag-sample")


def test_html_browser_bounded_page_says_what_it_left_out(browser, tmp_path, prefixes, graph_store_of):
    """A page holding fewer claims than the store says how many of how many, how they were chosen
    and where the others are; every figure it prints is one of the page's data."""
    from test_html_view import _many_documents

    data = view_data(graph_store_of(prefixes + _many_documents(60)), max_claims=50)
    path = tmp_path / "bounded.html"
    render_html(data, path)
    with browser.open(path) as page:
        assert f"50 claims of 600 in the store \u00b7 {data['meta']['documents']} documents" in \
            page.page.inner_text("#ag-counts")
        note = page.page.inner_text("#ag-sample")
        assert note.startswith("This page holds 50 of the store's 600 claims, shared out evenly between the kinds "
                               "of relation; an edge none of whose claims is among them is not drawn")
        assert "actorgraph query DIR evidence" in note


def test_html_browser_legend_lists_relations_and_types(opened):
    names = opened.page.locator("#ag-legend-relations .ag-name").all_inner_texts()
    assert names == list(RELATIONS)
    types = opened.page.locator("#ag-legend-types .ag-name").all_inner_texts()
    assert {"State", "Government", "ArmedGroup", "Person", "Settlement", "Facility"} <= set(types)


def edge_id(opened: BrowserPage, s: str, relation: str, o: str) -> int:
    return opened.js("""([s, r, o]) => window.ag.edges.get().find(e => e.from === s && e.to === o
                         && window.ag.relationOf(e.id) === r).id""", [A + s, relation, A + o])


def test_html_browser_clicking_an_edge_shows_its_evidence(opened):
    target = edge_id(opened, "hts", "controls", "aleppo")
    point = opened.js("""id => {
        const n = window.agNetwork, e = window.ag.edges.get(id), p = n.getPositions([e.from, e.to]);
        const dom = n.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        const box = document.querySelector('#ag-graph canvas').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y, hit: n.getEdgeAt(dom)};
    }""", target)
    assert point["hit"] == target
    opened.page.mouse.click(point["x"], point["y"])
    details = opened.page.locator("#ag-details")
    assert details.get_attribute("data-edge") == str(target)
    text = details.inner_text()
    assert "Fighters led by Hayat Tahrir al-Sham took control of most of Aleppo" in text
    assert "reported by Syrian Observatory for Human Rights" in text
    assert "2024-11-29" in text and "0.90" in text and "controls.took_control" in text
    link = details.locator("a")
    assert link.inner_text() == "Rebels sweep into Aleppo"
    assert (link.get_attribute("href"), link.get_attribute("target"), link.get_attribute("rel")) == (
        "https://news.example.org/2024/11/30/aleppo", "_blank", "noopener noreferrer")


def test_html_browser_hover_title_is_plain_text(opened):
    titles = opened.js("() => window.ag.edges.get().map(e => e.title)")
    assert all(isinstance(t, str) and "<" not in t for t in titles)
    assert any(t.startswith("Hayat Tahrir al-Sham opposes Assad government\nasserted") for t in titles)


def test_html_browser_clicking_a_node_shows_type_aliases_relations(opened):
    opened.js("id => window.ag.showNode(id)", A + "turkey")
    text = opened.page.inner_text("#ag-details")
    assert "Type: State" in text and "Ankara" in text and "Türkiye" in text
    assert "Turkey backs Syrian National Army (1 claim)" in text
    assert "Turkey backs Hayat Tahrir al-Sham (1 claim), not asserted, hidden by filters" in text


def test_html_browser_relation_filter_hides_its_edges(opened):
    assert visible_edges(opened, "backs") == 5
    total = visible_edges(opened)
    opened.page.locator('#ag-legend-relations li[data-relation="backs"] input').uncheck()
    assert (visible_edges(opened, "backs"), visible_edges(opened)) == (0, total - 5)
    opened.page.locator('#ag-legend-relations li[data-relation="backs"] input').check()
    assert visible_edges(opened) == total


def test_html_browser_type_filter_hides_actors(opened):
    opened.page.locator('#ag-legend-types li[data-type="Settlement"] input').uncheck()
    assert opened.js("() => window.ag.nodesView.getIds()").count(A + "aleppo") == 0


def test_html_browser_non_asserted_toggle_shows_dashed_edges(opened):
    before = visible_edges(opened)
    opened.page.check("#ag-show-non-asserted")
    assert visible_edges(opened) == before + 3
    assert "13 relations shown of 13 (and 3 with only denied, negated, hypothetical or intended claims)" in \
        opened.page.inner_text("#ag-counts")


def test_html_browser_confidence_slider_keeps_strong_claims(opened):
    opened.page.locator("#ag-min-confidence").fill("0.9")
    assert visible_edges(opened) == 5
    assert opened.page.inner_text("#ag-min-confidence-value") == "0.90"


def test_html_browser_date_range_keeps_claims_in_range(opened):
    opened.page.fill("#ag-date-from", "2024-12-05")
    assert visible_edges(opened) == 7  # every asserted edge of the article published 2024-12-06
    opened.page.fill("#ag-date-to", "2024-12-05")
    assert visible_edges(opened) == 2  # only the two claims whose event date is 2024-12-05


def test_html_browser_search_finds_an_actor_by_alias(opened):
    opened.page.fill("#ag-search", "ankara")
    opened.page.press("#ag-search", "Enter")
    assert opened.js("() => window.agNetwork.getSelectedNodes()") == [A + "turkey"]
    assert opened.page.inner_text("#ag-details h2") == "Turkey"
    options = opened.page.locator("#ag-labels option")
    assert "Abu Mohammed al-Jolani" in [options.nth(i).get_attribute("value") for i in range(options.count())]


def test_html_browser_node_limit_shows_the_strongest_part(browser, tmp_path, trig, graph_store_of):
    path = tmp_path / "limited.html"
    render_html(view_data(graph_store_of(trig("views"))), path, max_nodes=4)
    with browser.open(path) as page:
        shown = page.js("() => window.ag.nodesView.getIds()")
        assert 0 < len(shown) <= 4 and A + "hts" in shown
        notice = page.page.inner_text("#ag-notice")
        assert notice.startswith(f"showing {len(shown)} of 13 actors") and "raise the limit" in notice
        page.page.click("#ag-more")
        page.wait_stable()
        assert len(page.js("() => window.ag.nodesView.getIds()")) > len(shown)
        assert page.page.input_value("#ag-node-limit") == "8"


def test_html_browser_labels_do_not_overlap_at_rest(opened):
    overlaps = opened.js("""() => {
        const n = window.agNetwork, boxes = window.ag.nodesView.getIds().map(id => n.getBoundingBox(id));
        const hits = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (Math.min(a.right, b.right) > Math.max(a.left, b.left)
                && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top)) hits.push([i, j]);
        }
        return hits;
    }""")
    assert overlaps == []
    before = opened.js("() => window.agNetwork.getPositions()")
    opened.page.wait_for_timeout(500)
    assert opened.js("() => window.agNetwork.getPositions()") == before  # physics stopped


def test_html_browser_payload_in_data_runs_nothing(browser, tmp_path, graph_store_of):
    path = tmp_path / "xss.html"
    render_html(view_data(graph_store_of(XSS_TRIG)), path, title=PAYLOAD)
    with browser.open(path) as page:
        (edge,) = page.js("() => window.ag.edges.getIds()")
        page.js("id => { window.agNetwork.selectEdges([id]); window.ag.showEdge(id); }", edge)
        details = page.page.locator("#ag-details")
        assert PAYLOAD in details.inner_text()
        assert details.locator("a").count() == 0  # a javascript: URL never becomes a link
        page.js("id => window.ag.showNode(id)", A + "x")
        page.page.fill("#ag-search", "liwa al-quds")
        page.page.press("#ag-search", "Enter")
        page.page.hover("#ag-graph canvas")
        assert page.page.inner_text("#ag-title") == PAYLOAD
        assert page.page.inner_text("#ag-details h2") == PAYLOAD
        assert page.js("() => [typeof window.__pwned, document.images.length]") == ["undefined", 0]


def test_html_browser_relation_filter_off_and_on_keeps_positions(opened):
    """Actors that leave with a relation come back where they were, not piled in the centre."""
    before = opened.js("() => window.agNetwork.getPositions()")
    box = opened.page.locator('#ag-legend-relations li[data-relation="leads"] input')
    box.uncheck()
    assert A + "ahmed-al-sharaa" not in opened.js("() => window.ag.nodesView.getIds()")
    box.check()
    opened.wait_stable()
    after = opened.js("() => window.agNetwork.getPositions()")
    assert after.keys() == before.keys()
    moved = {n: (before[n], after[n]) for n in before
             if abs(before[n]["x"] - after[n]["x"]) > 1 or abs(before[n]["y"] - after[n]["y"]) > 1}
    assert moved == {}


PANEL_TRIG = PREFIXES + '''
<https://w3id.org/actorgraph/id/graph/actors> {
  actor:sdf a ag:ArmedGroup ; skos:prefLabel "Syrian Democratic Forces" ; skos:altLabel ALIASES .
  actor:raqqa a ag:Settlement ; skos:prefLabel "Raqqa" .
  actor:tabqa a ag:Settlement ; skos:prefLabel "Tabqa" .
  actor:manbij a ag:Settlement ; skos:prefLabel "Manbij" . }
<https://w3id.org/actorgraph/id/graph/documents> {
  <https://w3id.org/actorgraph/id/doc/w> dcterms:publisher "Example Wire" ; dcterms:issued "2024-12-08"^^xsd:date ;
    schema:url "https://www.example-wire.org/world/2024/12/08/sdf-holds-raqqa-after-talks.html"^^xsd:anyURI .
  <https://w3id.org/actorgraph/id/doc/u> dcterms:issued "2024-12-09"^^xsd:date ;
    schema:url "https://local-news.example.net/en/articles/tabqa-dam-handover/"^^xsd:anyURI .
  <https://w3id.org/actorgraph/id/doc/t> dcterms:title "Manbij talks stall" ; dcterms:publisher "Levant Daily" ;
    schema:url "https://levant.example.com/a/8812"^^xsd:anyURI . }
<https://w3id.org/actorgraph/id/doc/w> { actor:sdf ag:controls actor:raqqa .
  <https://w3id.org/actorgraph/id/claim/w> a ag:Claim ; rdf:subject actor:sdf ; rdf:predicate ag:controls ;
    rdf:object actor:raqqa ; ag:status ag:Asserted ; ag:confidence 0.9 ; ag:sentence "The SDF holds Raqqa." ;
    prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/w> . }
<https://w3id.org/actorgraph/id/doc/u> { actor:sdf ag:controls actor:tabqa .
  <https://w3id.org/actorgraph/id/claim/u> a ag:Claim ; rdf:subject actor:sdf ; rdf:predicate ag:controls ;
    rdf:object actor:tabqa ; ag:status ag:Asserted ; ag:confidence 0.9 ; ag:sentence "The SDF took over Tabqa." ;
    prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/u> . }
<https://w3id.org/actorgraph/id/doc/t> { actor:sdf ag:controls actor:manbij .
  <https://w3id.org/actorgraph/id/claim/t> a ag:Claim ; rdf:subject actor:sdf ; rdf:predicate ag:controls ;
    rdf:object actor:manbij ; ag:status ag:Asserted ; ag:confidence 0.9 ; ag:sentence "The SDF holds Manbij." ;
    prov:wasDerivedFrom <https://w3id.org/actorgraph/id/doc/t> . }
'''.replace("ALIASES", ", ".join(f'"SDF unit {i:02d}"' for i in range(70)))


@pytest.fixture()
def panel(browser, tmp_path, graph_store_of) -> Iterator[BrowserPage]:
    path = tmp_path / "panel.html"
    render_html(view_data(graph_store_of(PANEL_TRIG)), path)
    with browser.open(path) as page:
        yield page


def test_html_browser_many_aliases_are_folded_before_the_relations(panel):
    panel.js("id => window.ag.showNode(id)", A + "sdf")
    aliases = panel.page.locator("#ag-details .ag-aliases li")
    shown = [t for t in aliases.all_inner_texts() if t]
    assert 0 < len(shown) <= 8 and "SDF unit 00" in shown
    toggle = panel.page.locator("#ag-details .ag-aliases button")
    assert toggle.inner_text() == f"{70 - len(shown)} more"
    relations = panel.js("""() => [...document.querySelectorAll('#ag-details h2')]
                            .find(h => h.textContent === 'Relations').getBoundingClientRect().top""")
    assert relations < 900  # in the first screen of the panel
    toggle.click()
    assert len(panel.page.locator("#ag-details .ag-aliases li").all_inner_texts()) == 70
    assert panel.page.locator("#ag-details .ag-aliases button").inner_text() == "fewer"


@pytest.mark.parametrize("place,source", [
    pytest.param("raqqa", "Example Wire: Sdf holds raqqa after talks, 2024-12-08", id="outlet-and-url-name"),
    pytest.param("tabqa", "local-news.example.net: Tabqa dam handover, 2024-12-09", id="host-and-url-name"),
    pytest.param("manbij", "Levant Daily: Manbij talks stall", id="outlet-and-title"),
])
def test_html_browser_evidence_names_its_source_readably(panel, place, source):
    edge = panel.js("p => window.ag.edges.get().find(e => e.to === p).id", A + place)
    panel.js("id => window.ag.showEdge(id)", edge)
    text = panel.page.inner_text("#ag-details dd:nth-of-type(2)")
    assert text == source and "https://" not in text


#: actors with long names around one actor: the drawing is wider than a small window
LONG_NAMES = ["Abdurrahman Mustafa of the Syrian Interim Government", "Al-Qaida in Iraq and the Levant",
              "Kuweires military air base near Aleppo", "Syrian National Coalition for Revolutionary Forces",
              "Free Idlib Police", "Hmeimim air base", "Tal Rifaat district"]
LONG_TRIG = PANEL_TRIG + "".join(f'''
<https://w3id.org/actorgraph/id/graph/actors> {{ actor:x{i} a ag:ArmedGroup ; skos:prefLabel "{name}" . }}
<https://w3id.org/actorgraph/id/doc/w> {{ actor:x{i} ag:opposes actor:sdf .
  <https://w3id.org/actorgraph/id/claim/x{i}> a ag:Claim ; rdf:subject actor:x{i} ; rdf:predicate ag:opposes ;
    rdf:object actor:sdf ; ag:status ag:Asserted ; ag:confidence 0.8 ; ag:sentence "They fought the SDF." . }}'''
    for i, name in enumerate(LONG_NAMES))


@pytest.mark.parametrize("viewport", [(1400, 900), (1000, 700)], ids=["wide", "small"])
def test_html_browser_labels_fit_inside_the_canvas_on_first_view(browser, tmp_path, graph_store_of, viewport):
    """Every label is drawn whole, with a margin, before the reader touches anything."""
    path = tmp_path / "long.html"
    render_html(view_data(graph_store_of(LONG_TRIG)), path)
    with browser.open(path, viewport=viewport) as page:
        outside = page.js("""() => {
            const n = window.agNetwork, graph = document.getElementById('ag-graph');
            return window.ag.nodesView.getIds().filter(id => {
                const b = n.getBoundingBox(id);
                const tl = n.canvasToDOM({x: b.left, y: b.top}), br = n.canvasToDOM({x: b.right, y: b.bottom});
                return tl.x < 8 || tl.y < 8 || br.x > graph.clientWidth - 8 || br.y > graph.clientHeight - 8;
            });
        }""")
        assert outside == []


#: an aim, a possibility and a fact, through the real pipeline
STATUS_TEXT = ("Ukrainian forces vowed to retake Kherson before winter. If Russia captured Kharkiv, the war would "
               "change. Russian forces captured Bakhmut in May.")


@pytest.fixture()
def status_page(browser, tmp_path, extractor) -> Iterator[BrowserPage]:
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    graph.add_text(STATUS_TEXT, published="2023-06-01")
    path = graph.to_html(tmp_path / "status.html")
    with browser.open(path) as page:
        yield page


def test_html_browser_intended_claim_is_shown_with_its_status(status_page):
    page = status_page
    assert visible_edges(page) == 1  # Russia controls Bakhmut: the only asserted relation
    page.page.check("#ag-show-non-asserted")
    assert visible_edges(page) == 3
    assert page.page.locator("#ag-legend-statuses .ag-name").all_inner_texts() == ["hypothetical", "intended"]
    target = edge_id(page, "ukraine", "controls", "kherson-ukraine")
    page.js("id => window.ag.showEdge(id)", target)
    text = page.page.inner_text("#ag-details")
    assert "not asserted: intended" in text and "vowed to retake Kherson" in text
    assert page.page.locator("#ag-details .ag-status-intended").inner_text() == "intended"


def test_html_browser_status_filter_hides_intended_claims(status_page):
    page = status_page
    page.page.check("#ag-show-non-asserted")
    page.page.locator('#ag-legend-statuses li[data-status="intended"] input').uncheck()
    assert visible_edges(page) == 2
    kherson = edge_id(page, "ukraine", "controls", "kherson-ukraine")
    assert kherson not in page.js("() => window.ag.edgesView.getIds()")
    page.page.locator('#ag-legend-statuses li[data-status="intended"] input').check()
    assert visible_edges(page) == 3
