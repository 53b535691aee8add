"""graph/views/timeline_view.py: the timeline's assets, the policy that runs them, and (fast, no browser)
the component's defaults held to the graph page's."""
from __future__ import annotations

import re

import pytest

from graph.namespaces import RELATIONS, STATUSES
from graph.views.html_view import RELATION_STYLES
from graph.views.timeline_view import content_security_policy, inline_scripts, script_hash, timeline_assets


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
