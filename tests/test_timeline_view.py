"""graph/views/timeline_view.py: the timeline's assets, the policy that runs them, the data an actor page
draws (read from tests/data/timeline.trig), and (fast, no browser) the component's defaults held to the
graph page's."""
from __future__ import annotations

import re

import pytest
from pyoxigraph import Literal, NamedNode

from graph.namespaces import RELATIONS, STATUSES
from graph.queries import load
from graph.views.html_view import RELATION_STYLES
from graph.views.timeline_view import (actor_timeline, content_security_policy, inline_scripts, place_bands,
                                       script_hash, timeline_assets)


def _js_list(script: str, name: str) -> list[str]:
    return re.findall(r'"([^"]+)"', re.search(rf"var {name} = \[([^\]]*)\]", script).group(1))


def test_timeline_view_colours_are_the_graph_pages():
    script, _ = timeline_assets()
    body = re.search(r"var COLORS = \{([^}]*)\}", script).group(1)
    assert dict(re.findall(r'(\w+): "(#[0-9A-Fa-f]{6})"', body)) == {n: s["color"] for n, s in RELATION_STYLES.items()}


@pytest.mark.parametrize(("name", "expected"), [("RELATIONS", RELATIONS), ("STATUSES", STATUSES)],
                         ids=["relations", "statuses"])
def test_timeline_view_names_are_the_ontologys(name, expected):
    assert _js_list(timeline_assets()[0], name) == list(expected)


def test_timeline_view_policy_allows_only_the_pages_scripts():
    page = "<script type='application/json'>{}</script><script>one()</script><script>two()</script>"
    policy = content_security_policy(inline_scripts(page))
    assert re.findall(r"'sha256-[^']+'", policy) == [script_hash("one()"), script_hash("two()")]
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in policy and "http" not in policy


def test_timeline_view_policy_without_scripts_runs_none():
    assert "script-src 'none';" in content_security_policy([])


def test_timeline_view_uses_no_markup_sink():
    script, _ = timeline_assets()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)


A = "https://w3id.org/actorgraph/id/actor/"


@pytest.fixture(scope="module")
def timeline_store(graph_store_of, trig):
    return graph_store_of(trig("timeline"))


def test_timeline_view_events_are_the_actors_claims_as_rows(timeline_store):
    data = actor_timeline(timeline_store, A + "hts")
    assert data["events"] == [
        ["2024-11-27", "opposes", "asserted", 0.8, A + "hts", A + "assad-government"],
        ["2024-11-29", "controls", "asserted", 0.9, A + "hts", A + "aleppo"],
        ["2024-11-30", "backs", "asserted", 0.6, A + "hostile", A + "hts"],  # no event date: the article's
        ["2024-12-06", "backs", "denied", 0.7, A + "turkey", A + "hts"],
        ["2024-12-08", "opposes", "asserted", 0.55, A + "hts", A + "sna"],
        ["2024-12-10", "controls", "asserted", 0.9, A + "hts", A + "hama"],
    ]
    assert (data["label"], data["place"], data["bands"], data["truncated"]) == ("Hayat Tahrir al-Sham", False, None, False)
    assert (data["first"], data["last"]) == ("2024-11-27", "2024-12-10")
    assert data["actors"][A + "hostile"] == {"label": '<img src=x onerror="window.__pwned=1">', "type": "ArmedGroup"}
    assert set(data["actors"]) == {A + n for n in ("hts", "assad-government", "aleppo", "hama", "hostile", "turkey",
                                                          "sna")}


def test_timeline_view_events_are_bounded_and_say_so(timeline_store):
    data = actor_timeline(timeline_store, A + "hts", max_events=2)
    assert len(data["events"]) == 2 and data["truncated"] is True


def test_timeline_view_unknown_actor_has_no_events(timeline_store):
    data = actor_timeline(timeline_store, A + "nobody")
    assert (data["events"], data["first"], data["label"], data["place"]) == ([], None, "nobody", False)


def test_timeline_view_place_bands_in_order(timeline_store):
    data = actor_timeline(timeline_store, A + "aleppo")
    assert data["place"] is True
    assert [(b["from"], b["controllers"]) for b in data["bands"]] == [
        ("2024-10-30", [A + "assad-government"]), ("2024-11-29", [A + "hts"]), ("2024-12-09", [A + "sna"])]
    assert (data["first"], data["last"]) == ("2024-10-30", "2024-12-09")


def test_timeline_view_place_bands_follow_article_dates_and_successors(timeline_store):
    """Hama: two captures dated by their article, the first superseded by the second; a capture below the
    threshold (no relation triple) changes nothing."""
    assert [(b["from"], b["controllers"]) for b in place_bands(timeline_store, A + "hama")] == [
        ("2024-12-10", [A + "assad-government"])]


@pytest.mark.parametrize("place", ["aleppo", "hama"])
@pytest.mark.parametrize("as_of", ["2024-10-29", "2024-10-30", "2024-11-28", "2024-11-29", "2024-12-08", "2024-12-09",
                                   "2024-12-10", "2024-12-11", "2024-12-31"])
def test_timeline_view_bands_answer_as_the_controller_query(timeline_store, place, as_of):
    """The band drawn for a date names exactly whom ``controller.rq`` names for that date."""
    found = place_bands(timeline_store, A + place)
    drawn = [b["controllers"] for b in found if b["from"] <= as_of][-1:] or [[]]
    rows = timeline_store.query(load("controller"), {"place": NamedNode(A + place), "date": Literal(
        as_of, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))})
    assert sorted({row["controller"].value for row in rows}) == sorted(drawn[0])
