"""The timeline in headless Chromium: the component (graph/views/assets/timeline.js) in a page of its
own, then the actor pages of a real ``actorgraph serve`` over a store of tests/data/timeline.trig.

The component's page inlines its script under a CSP that allows exactly that script; the served
pages are read from the server's origin (http://127.0.0.1:PORT) only. Every other request is aborted
and recorded (``browser`` and ``BrowserPage`` in conftest.py), so a test also fails if a page tries to
reach the network, raises an error or opens a dialog.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pyoxigraph import RdfFormat

from graph.store import OxigraphStore
from graph.views.html_view import RELATION_STYLES
from graph.views.timeline_view import content_security_policy, timeline_assets

if TYPE_CHECKING:
    from conftest import BrowserPage

A = "https://w3id.org/actorgraph/id/actor/"
PAYLOAD = '<img src=x onerror="window.__pwned=1">'
#: two weeks of claims about HTS: Monday 2024-12-02's week and Monday 2024-12-09's
EVENTS = [
    ["2024-12-02", "controls", "asserted", 0.9, A + "hts", A + "aleppo"],
    ["2024-12-04", "controls", "asserted", 0.6, A + "hts", A + "hama"],
    ["2024-12-08", "opposes", "asserted", 0.8, A + "hts", A + "assad-government"],
    ["2024-12-09", "backs", "asserted", 0.9, A + "turkey", A + "hts"],
    ["2024-12-10", "backs", "hypothetical", 0.7, A + "qatar", A + "hts"],
    ["2024-12-11", "opposes", "denied", 0.9, A + "hts", A + "sdf"],
    [None, "leads", "asserted", 0.9, A + "jolani", A + "hts"],
]


def rects(page: BrowserPage, selector: str = "#chart") -> list[dict]:
    """The bar segments drawn, bin by bin: relation, count, status (asserted/other) and the bin's first day."""
    return page.js("""s => Array.from(document.querySelectorAll(s + ' .agt-bar[data-total]'))
        .filter(c => +c.getAttribute('data-total') > 0).flatMap(c => Object.entries(JSON.parse(
            c.getAttribute('data-counts'))).flatMap(([relation, [a, o]]) => [
                {relation: relation, count: a, status: 'asserted', bin: c.getAttribute('data-bin')},
                {relation: relation, count: o, status: 'other', bin: c.getAttribute('data-bin')}]
            .filter(r => r.count > 0)))""", selector)


def texts(page: BrowserPage, selector: str) -> list[str]:
    """The text of each element (SVG text has no innerText)."""
    return page.js("s => Array.from(document.querySelectorAll(s)).map(e => e.textContent)", selector)


def drawn(page: BrowserPage, selector: str = "#chart") -> dict[str, int]:
    """Claims drawn per relation, as the bars' paths count them (asserted and hatched together)."""
    totals = page.js("""s => Array.from(document.querySelectorAll(s + ' .agt-bars path')).map(p => [
        p.getAttribute('data-relation'), +p.getAttribute('data-count'), p.getAttribute('d').split('M').length - 1])""",
                     selector)
    counted: dict[str, int] = {}
    for relation, count, segments in totals:
        assert (count == 0) == (segments == 0), "a path's count and its segments disagree"
        if count:
            counted[relation] = counted.get(relation, 0) + count
    return counted


@pytest.fixture(scope="module")
def harness_page(tmp_path_factory) -> Path:
    script, style = timeline_assets()
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(content_security_policy([script]), quote=True)}">
<title>timeline</title><style>{style}</style></head><body>
<div id="filters"></div><div id="chart" style="width:900px"></div><div id="band" style="width:900px"></div>
<script>{script}</script></body></html>"""
    path = tmp_path_factory.mktemp("timeline") / "timeline.html"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture()
def harness(browser, harness_page) -> Iterator[BrowserPage]:
    """The component's page (it says nothing when drawn: each test draws what it reads)."""
    with browser.open(harness_page, viewport=(1000, 800), stable=False) as opened:
        yield opened
        assert opened.js("() => window.__pwned") is None


def _chart(harness: BrowserPage, events=EVENTS, options=None) -> None:
    harness.js("""([events, options]) => {
        window.chart = agTimeline.stacked(document.getElementById('chart'), events, options || {});
    }""", [events, options])


def test_timeline_browser_bars_count_asserted_claims_per_week(harness):
    _chart(harness)
    assert rects(harness) == [
        {"relation": "opposes", "count": 1, "status": "asserted", "bin": "2024-12-02"},
        {"relation": "controls", "count": 2, "status": "asserted", "bin": "2024-12-02"},
        {"relation": "backs", "count": 1, "status": "asserted", "bin": "2024-12-09"},
    ]
    assert harness.js("() => window.chart.domain.unit") == "week"
    assert harness.js("() => window.chart.totals()")["backs"] == 1
    fills = harness.js("""() => Array.from(document.querySelectorAll('#chart path[data-status=asserted]'))
                          .map(r => [r.getAttribute('data-relation'), r.getAttribute('fill')])""")
    assert len(fills) == 7 and all(fill == RELATION_STYLES[relation]["color"] for relation, fill in fills)
    note = harness.page.inner_text("#chart .agt-note")
    assert "One bar per week." in note and "Asserted claims only." in note and "1 claim without a date" in note
    titles = [t for t in texts(harness, "#chart .agt-bar > title") if t]  # what hovering a bar shows
    assert titles == ["week of 2024-12-02 to 2024-12-08: 3 claims\nopposes 1\ncontrols 2",
                      "week of 2024-12-09 to 2024-12-15: 1 claim\nbacks 1"]
    legend = harness.page.locator("#chart .agt-legend li").all_inner_texts()
    assert [" ".join(item.split()) for item in legend] == ["backs 1", "opposes 1", "controls 2", "leads 0"]
    assert texts(harness, "#chart .agt-tick[data-date]") == ["2 Dec 2024", "9 Dec"]


@pytest.mark.parametrize(("filter_", "expected"), [
    ({"relations": ["controls"]}, {"controls": 2}),
    ({"minConfidence": 0.85}, {"controls": 1, "backs": 1}),
    ({"actor": A + "turkey"}, {"backs": 1}),
    ({"actor": A + "aleppo", "minConfidence": 0.95}, {}),
    ({"statuses": None}, {"controls": 2, "opposes": 2, "backs": 2}),
], ids=["relation", "confidence", "actor", "nothing-left", "all-statuses"])
def test_timeline_browser_update_applies_the_filter(harness, filter_, expected):
    _chart(harness)
    harness.js("f => window.chart.update(f)", filter_)
    assert drawn(harness) == expected


def test_timeline_browser_non_asserted_claims_are_hatched(harness):
    _chart(harness, options={"filter": {"statuses": ["asserted", "hypothetical", "denied"]}})
    other = [r for r in rects(harness) if r["status"] == "other"]
    assert {(r["relation"], r["bin"]) for r in other} == {("backs", "2024-12-09"), ("opposes", "2024-12-09")}
    fills = harness.js("""() => Array.from(document.querySelectorAll('#chart path[data-status=other]'))
                          .map(r => r.getAttribute('fill'))""")
    assert len(fills) == 7 and all(f.startswith("url(#") for f in fills)
    assert "Hatched: denied, negated, hypothetical or intended claims." in harness.page.inner_text("#chart .agt-note")


def test_timeline_browser_long_span_is_drawn_per_month(harness):
    events = [["2021-01-15", "backs", "asserted", 0.9, A + "a", A + "b"],
              ["2021-01-20", "backs", "asserted", 0.9, A + "a", A + "b"],
              ["2024-06-01", "opposes", "asserted", 0.9, A + "a", A + "b"]]
    _chart(harness, events)
    assert harness.js("() => window.chart.domain.unit") == "month"
    assert [(r["bin"], r["count"]) for r in rects(harness)] == [("2021-01-01", 2), ("2024-06-01", 1)]
    ticks = texts(harness, "#chart .agt-tick[data-date]")  # 42 months on 900 px: a label every 6 months
    assert ticks == ["Jan 2021", "Jul", "Jan 2022", "Jul", "Jan 2023", "Jul", "Jan 2024"]


def test_timeline_browser_filters_drive_the_chart(harness):
    actors = [{"id": A + "turkey", "label": "Turkey"}, {"id": A + "x", "label": PAYLOAD}]
    _chart(harness)
    harness.js("""actors => agTimeline.filters(document.getElementById('filters'), {actors: actors},
                                           f => window.chart.update(f))""", actors)
    assert harness.page.locator("#filters select option").all_inner_texts() == ["any actor", PAYLOAD, "Turkey"]
    harness.page.select_option("#filters select", A + "turkey")
    assert drawn(harness) == {"backs": 1}
    harness.page.select_option("#filters select", "")
    harness.page.locator('#filters li[data-relation="controls"] input').uncheck()
    assert drawn(harness) == {"opposes": 1, "backs": 1}
    harness.page.locator("#filters .agt-confidence").fill("0.85")
    assert drawn(harness) == {"backs": 1}
    assert harness.page.inner_text("#filters output") == "0.85"
    harness.page.locator("#filters .agt-non-asserted").check()
    assert drawn(harness) == {"backs": 1, "opposes": 1}


BANDS = [
    {"from": "2024-11-29", "controllers": [A + "hts"], "claims": ["c1", "c2"]},
    {"from": "2024-12-10", "controllers": [], "claims": ["c3"]},
    {"from": "2024-12-01", "controllers": [A + "x", A + "sna"], "claims": ["c4"]},
]
BAND_ACTORS = {A + "hts": {"label": "Hayat Tahrir al-Sham"}, A + "x": {"label": PAYLOAD}, A + "sna": {"label": "SNA"}}


def test_timeline_browser_band_shows_controllers_in_order(harness):
    segments = harness.js("""([bands, actors]) => agTimeline.band(document.getElementById('band'), bands, actors,
                               {last: '2024-12-20', colors: {'%shts': '#123456'}}).segments""" % A,
                          [BANDS, BAND_ACTORS])
    assert segments == [
        {"from": "2024-11-29", "to": "2024-12-01", "controllers": [A + "hts"]},
        {"from": "2024-12-01", "to": "2024-12-10", "controllers": [A + "x", A + "sna"]},
        {"from": "2024-12-10", "to": "2024-12-21", "controllers": []},
    ]
    titles = harness.js("() => Array.from(document.querySelectorAll('#band .agt-segment > title')).map(t => t.textContent)")
    assert titles == ["Hayat Tahrir al-Sham: from 2024-11-29 to 2024-12-01 (2 claims)",
                      PAYLOAD + " and SNA: from 2024-12-01 to 2024-12-10 (1 claim)",
                      "nobody known: from 2024-12-10 on (1 claim)"]
    assert harness.js(f"() => document.querySelector('#band rect[data-actor=\"{A}hts\"]').getAttribute('fill')") == "#123456"
    xs = harness.js("() => Array.from(document.querySelectorAll('#band .agt-segment > rect')).map(r => +r.getAttribute('x'))")
    assert xs == sorted(xs)
    assert PAYLOAD in harness.page.inner_text("#band .agt-legend")
    assert harness.page.locator("#band img").count() == 0


def test_timeline_browser_band_aligns_with_the_chart(harness):
    _chart(harness, options={"first": "2024-11-29", "last": "2024-12-20"})
    domain = harness.js("() => window.chart.domain")
    harness.js("""([bands, actors, d]) => { window.band = agTimeline.band(document.getElementById('band'), bands, actors,
                   {first: d.first, last: d.last, unit: d.unit}); }""", [BANDS, BAND_ACTORS, domain])
    assert harness.js("() => window.band.domain") == domain
    week = harness.js("""() => ['2024-12-02', '2024-12-09'].map(d => +document.querySelector(
        '#chart .agt-bar[data-bin="' + d + '"]').getAttribute('x'))""")
    day = (week[1] - week[0]) / 7
    band_x = harness.js("() => +document.querySelector('#band .agt-segment[data-from=\"2024-12-10\"] rect').getAttribute('x')")
    assert band_x == pytest.approx(week[1] + day, abs=0.01)


def test_timeline_browser_redraws_20000_events_fast(harness):
    """Each filter is drawn three times after a warm-up; the median time of each must be well under 100 ms
    (the machine running the tests is shared: a single run can be held up by another process)."""
    timings = harness.js("""() => {
        const relations = agTimeline.relations, events = [];
        for (let i = 0; i < 20000; i++) {
            const day = new Date(Date.UTC(2023, 0, 1) + (i % 700) * 864e5).toISOString().slice(0, 10);
            events.push([day, relations[i % 7], i % 5 ? 'asserted' : 'denied', (i % 10) / 10,
                         'urn:a' + (i % 50), 'urn:b' + (i % 40)]);
        }
        const chart = agTimeline.stacked(document.getElementById('chart'), events, {});
        chart.update({statuses: null});
        const medians = [];
        for (const f of [{minConfidence: 0.5}, {relations: ['backs', 'opposes']}, {actor: 'urn:a7'},
                         {statuses: null}, {}]) {
            const times = [chart.update(f), chart.update(f), chart.update(f)].sort((a, b) => a - b);
            medians.push(times[1]);
        }
        const total = Object.values(chart.totals()).reduce((a, b) => a + b, 0);
        return {medians: medians, total: total, unit: chart.domain.unit, bars: Array.from(document.querySelectorAll(
            '#chart .agt-bar')).filter(c => +c.getAttribute('data-total') > 0).length};
    }""")
    assert (timings["total"], timings["unit"], timings["bars"]) == (16000, "week", 100)  # the first week holds denied claims only
    assert max(timings["medians"]) < 100, timings


#: EVENTS and one claim eight years older: on the whole span every bar of December 2024 is one month's sliver
OUTLIER = [["2016-03-01", "backs", "asserted", 0.9, A + "turkey", A + "fsa"], *EVENTS]


def test_timeline_browser_range_zooms_the_chart_and_resets(harness):
    _chart(harness, OUTLIER)
    assert harness.js("() => window.chart.domain.unit") == "month"
    assert harness.page.locator("#chart .agt-reset").is_disabled()
    harness.page.fill("#chart .agt-from", "2024-12-01")
    assert harness.js("() => window.chart.range()") == {"from": "2024-12-01", "to": "2024-12-11"}
    assert harness.js("() => window.chart.domain") == {"unit": "week", "first": "2024-11-25", "last": "2024-12-15",
                                                       "start": "2024-11-25", "end": "2024-12-16"}
    assert rects(harness) == [  # as on a chart of December's claims alone
        {"relation": "opposes", "count": 1, "status": "asserted", "bin": "2024-12-02"},
        {"relation": "controls", "count": 2, "status": "asserted", "bin": "2024-12-02"},
        {"relation": "backs", "count": 1, "status": "asserted", "bin": "2024-12-09"},
    ]
    assert texts(harness, "#chart .agt-tick[data-date]") == ["25 Nov 2024", "2 Dec", "9 Dec"]
    assert "1 claim outside the dates shown not drawn." in harness.page.inner_text("#chart .agt-note")
    harness.page.fill("#chart .agt-to", "2024-12-05")
    assert drawn(harness) == {"opposes": 1, "controls": 2}  # 2024-12-08 is past the range, in the bin of its end
    harness.page.click("#chart .agt-reset")
    assert harness.js("() => [window.chart.range(), window.chart.domain.unit]") == [None, "month"]
    assert harness.page.input_value("#chart .agt-from") == "2016-03-01"
    assert drawn(harness) == {"backs": 2, "opposes": 1, "controls": 2}
    assert harness.page.locator("#chart .agt-reset").is_disabled()


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2024-12-20", "2024-12-01", {"from": "2024-12-01", "to": "2024-12-11"}),
    ("2010-01-01", "2016-06-01", {"from": "2016-03-01", "to": "2016-06-01"}),
    ("2010-01-01", "2030-01-01", None),
], ids=["reversed", "before-the-span", "whole-span"])
def test_timeline_browser_range_is_kept_within_the_span(harness, start, end, expected):
    _chart(harness, OUTLIER)
    harness.js("([a, b]) => window.chart.setRange(a, b)", [start, end])
    assert harness.js("() => window.chart.range()") == expected


def test_timeline_browser_range_is_set_from_the_keyboard(harness):
    _chart(harness, OUTLIER)
    harness.page.focus("#chart .agt-from")
    harness.page.keyboard.type("12012024")  # month, day, year: each complete date typed is drawn
    assert harness.js("() => window.chart.range()") == {"from": "2024-12-01", "to": "2024-12-11"}
    assert harness.js("() => window.chart.domain.unit") == "week"
    for _ in range(8):  # through the date fields' parts to the reset button
        if harness.js("() => document.activeElement.className") == "agt-reset":
            break
        harness.page.keyboard.press("Tab")
    harness.page.keyboard.press("Enter")
    assert harness.js("() => [window.chart.range(), window.chart.domain.unit]") == [None, "month"]


def _fluid(harness: BrowserPage) -> None:
    """Chart and band as wide as the page, as on the map and the actor pages."""
    harness.js("() => ['chart', 'band'].forEach(id => { document.getElementById(id).style.width = '90%'; })")


def test_timeline_browser_charts_are_redrawn_when_the_window_is_resized(harness):
    _fluid(harness)
    _chart(harness)
    harness.js("""([bands, actors]) => { window.band = agTimeline.band(document.getElementById('band'), bands, actors,
                   {last: '2024-12-20'}); }""", [BANDS, BAND_ACTORS])
    widths = "() => ['chart', 'band'].map(id => [document.getElementById(id).clientWidth, " \
             "+document.querySelector('#' + id + ' svg').getAttribute('width')])"
    before = harness.js(widths)
    assert all(box == drawn_at for box, drawn_at in before)
    harness.page.set_viewport_size({"width": 640, "height": 800})
    for _ in range(50):  # the redraw waits until the resizing has stopped
        after = harness.js(widths)
        if all(box == drawn_at for box, drawn_at in after) and after != before:
            break
        harness.page.wait_for_timeout(50)
    assert all(box == drawn_at for box, drawn_at in after) and after[0][0] < before[0][0] - 300, (before, after)
    right = harness.js("""() => Math.max(...Array.from(document.querySelectorAll('#chart .agt-bar'),
                              r => +r.getAttribute('x') + +r.getAttribute('width')))""")
    assert right <= after[0][1]  # the bars fit the new width
    assert rects(harness)[-1] == {"relation": "backs", "count": 1, "status": "asserted", "bin": "2024-12-09"}
    assert harness.js("() => window.band.segments.length") == 3
    assert len(harness.page.locator("#band .agt-segment").all()) == 3


def test_timeline_browser_resizing_redraws_once_when_it_stops(harness):
    """Five widths on five frames, faster than the wait: one redraw, at the last width."""
    _fluid(harness)
    _chart(harness)
    result = harness.js("""async () => {
        const box = document.getElementById('chart'), draws = window.chart.draws, began = performance.now();
        for (const w of [800, 760, 720, 680, 640]) {
            box.style.width = w + 'px';
            await new Promise(r => requestAnimationFrame(r));
        }
        const elapsed = performance.now() - began;
        await new Promise(r => setTimeout(r, 600));
        return {redraws: window.chart.draws - draws, elapsed: elapsed, width: window.chart.width()};
    }""")
    assert result["width"] == 640
    assert result["redraws"] == 1 or result["elapsed"] > 150, result  # (a loaded machine may space the frames out)


# ---- the actor pages of `actorgraph serve`
ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "import sys\nfrom graph.cli import main\nsys.exit(main(sys.argv[1:]))"]
HTS_CLAIMS = """SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE {
  VALUES ?status { %s }
  { ?c rdf:subject actor:hts } UNION { ?c rdf:object actor:hts }
  ?c rdf:predicate ?p ; ag:status ?status } GROUP BY ?p"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, trig) -> Iterator[str]:
    """``actorgraph serve`` (the command, in its own process) over a store on disk; its base URL."""
    folder = tmp_path_factory.mktemp("served")
    with OxigraphStore(folder / "store") as store:
        store.raw.load(trig("timeline").encode("utf-8"), format=RdfFormat.TRIG)
    process = subprocess.Popen([*CLI, "serve", str(folder), "--port", "0", "--workers", "1"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert match, line + process.stderr.read()
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture()
def open_page(browser, served) -> Iterator:
    """Opens a path of the server and waits for its timeline; checks afterwards that nothing was fetched
    elsewhere, nothing failed and nothing ran that the data smuggled in."""
    opened: list[BrowserPage] = []

    def open_(path: str) -> BrowserPage:
        page = browser.open(served + path, origin=served + "/", viewport=(1000, 800))
        opened.append(page)
        return page

    yield open_
    for page in opened:
        assert page.js("() => window.__pwned") is None
        page.close()


def _sparql_counts(served: str, statuses: str) -> dict[str, int]:
    query = urllib.parse.urlencode({"query": HTS_CLAIMS % statuses})
    with urllib.request.urlopen(f"{served}/sparql?{query}", timeout=60) as reply:
        rows = json.load(reply)["results"]["bindings"]
    return {row["p"]["value"].rsplit("#", 1)[-1]: int(row["n"]["value"]) for row in rows}


def test_timeline_browser_actor_page_bars_are_the_stores_claims(open_page, served):
    page = open_page("/actor/hts")
    assert drawn(page, "#agt-chart") == _sparql_counts(served, "ag:Asserted") == {"opposes": 2, "controls": 2, "backs": 1}
    page.page.locator("#agt-filters .agt-non-asserted").check()
    assert drawn(page, "#agt-chart") == _sparql_counts(served, "ag:Asserted ag:Denied") == {
        "opposes": 2, "controls": 2, "backs": 2}
    assert page.page.locator("#agt-band").count() == 0  # not a place
    assert "shows 6 of its 6 claims" in page.page.inner_text("#agt-table-count")


def _shown_rows(page: BrowserPage) -> list[str]:
    return page.js("""() => Array.from(document.querySelectorAll('#agt-claims tbody tr')).filter(r => !r.hidden)
                      .map(r => r.dataset.relation + ' ' + r.dataset.status)""")


def test_timeline_browser_actor_page_filters_change_bars_and_table(open_page):
    page = open_page("/actor/hts")
    filters = page.page.locator("#agt-filters")
    assert filters.locator("select option").all_inner_texts() == [
        "any actor", '<img src=x onerror="window.__pwned=1">', "Aleppo", "Assad government", "Hama",
        "Syrian National Army", "Turkey"]
    filters.locator('li[data-relation="opposes"] input').uncheck()
    assert drawn(page, "#agt-chart") == {"controls": 2, "backs": 1}
    assert sorted(_shown_rows(page)) == ["backs asserted", "controls asserted", "controls asserted"]
    filters.locator('li[data-relation="opposes"] input').check()
    filters.locator(".agt-confidence").fill("0.85")
    assert drawn(page, "#agt-chart") == {"controls": 2}
    assert _shown_rows(page) == ["controls asserted", "controls asserted"]
    filters.locator(".agt-confidence").fill("0")
    page.page.select_option("#agt-filters select", "https://w3id.org/actorgraph/id/actor/hostile")
    assert drawn(page, "#agt-chart") == {"backs": 1}
    assert _shown_rows(page) == ["backs asserted"]
    assert "shows 1 of its 6 claims" in page.page.inner_text("#agt-table-count")


def test_timeline_browser_place_page_shows_its_controllers_in_order(open_page):
    page = open_page("/actor/aleppo")
    segments = page.js("() => window.agActorPage.band.segments")
    assert [(s["from"], s["controllers"]) for s in segments] == [
        ("2024-10-30", [A + "assad-government"]), ("2024-11-29", [A + "hts"]), ("2024-12-09", [A + "sna"])]
    titles = texts(page, "#agt-band .agt-segment > title")
    assert titles == ["Assad government: from 2024-10-30 to 2024-11-29 (1 claim)",
                      "Hayat Tahrir al-Sham: from 2024-11-29 to 2024-12-09 (1 claim)",
                      "Syrian National Army: from 2024-12-09 on (1 claim)"]
    assert drawn(page, "#agt-chart") == {"controls": 3}
    assert page.js("() => window.agActorPage.band.domain") == page.js("() => window.agActorPage.chart.domain")


def test_timeline_browser_hostile_actor_label_is_text(open_page):
    page = open_page("/actor/hostile")
    assert page.page.inner_text("h1") == '<img src=x onerror="window.__pwned=1">'
    assert page.page.locator("img").count() == 0
    assert drawn(page, "#agt-chart") == {"backs": 1}
    assert '<img src=x onerror="window.__pwned=2">' in page.page.inner_text("#agt-claims")
    frame = page.page.frames[1]  # the neighbourhood graph runs under the page's policy too
    page.wait_stable(frame)
    assert frame.locator("img").count() == 0


def test_timeline_browser_place_page_band_follows_the_range(open_page):
    page = open_page("/actor/aleppo")
    page.page.fill("#agt-chart .agt-from", "2024-12-02")  # a Monday: the first bin starts on it
    chart = page.js("() => window.agActorPage.chart.domain")
    assert chart["first"] == "2024-12-02" and page.js("() => window.agActorPage.chart.range()")["from"] == "2024-12-02"
    assert page.js("() => window.agActorPage.band.domain") == chart
    drawn_from = page.js("() => Array.from(document.querySelectorAll('#agt-band .agt-segment'), g => g.getAttribute('data-from'))")
    assert drawn_from == ["2024-11-29", "2024-12-09"]  # the government's band ended before the dates shown
    left = page.js("() => +document.querySelector('#agt-band .agt-segment rect').getAttribute('x')")
    assert left == page.js("() => +document.querySelector('#agt-chart .agt-bar').getAttribute('x')")  # cut at the start
    page.page.click("#agt-chart .agt-reset")
    assert page.js("() => window.agActorPage.band.domain") == page.js("() => window.agActorPage.chart.domain")
    assert len(page.page.locator("#agt-band .agt-segment").all()) == 3
