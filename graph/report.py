"""``actorgraph report DIR``: alliance blocs, unbalanced triads and central actors of a build.

The analyses live in ``graph.analytics``; this module reads a build's store,
gathers their results into one JSON-ready summary and prints it as text or JSON.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import networkx as nx

from .analytics import alliance_blocs, central_actors, unbalanced_triads
from .errors import UsageError
from .stats import Totals, totals

__all__ = ["summarize", "render_text", "configure", "run"]


def summarize(graph: nx.MultiDiGraph, *, top: int = 10, min_size: int = 2, totals: Totals | None = None,
              ) -> dict[str, Any]:
    """The report of one actor graph as plain data (what ``--format json`` prints).

    ``relations`` and ``claims`` are the store's (``graph.stats.totals``, the figures every command
    prints) when ``totals`` is given; otherwise they are counted on ``graph``: its edges (an
    ``alliedWith`` pair once) and the claims behind them.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("ru", "sy", key="backs", relation="backs", claims=2)
    >>> g.nodes["ru"]["label"], g.nodes["sy"]["label"] = "Russia", "Assad government"
    >>> summary = summarize(g)
    >>> summary["blocs"]
    [{'members': ['sy', 'ru'], 'labels': ['Assad government', 'Russia'], 'support': 2}]
    >>> summary["central"][0]["label"], summary["triads"]
    ('Assad government', [])
    """
    if totals is None:
        pairs = {(k, *sorted((u, v))) if k == "alliedWith" else (k, u, v) for u, v, k in graph.edges(keys=True)}
        totals = Totals(len(pairs), sum(int(d.get("claims", 1)) for _, _, d in graph.edges(data=True)))
    return {
        "actors": graph.number_of_nodes(),
        "relations": totals.relations,
        "claims": totals.claims,
        "blocs": [{"members": list(b.members), "labels": list(b.labels), "support": b.support}
                  for b in alliance_blocs(graph, min_size=min_size)],
        "triads": [{"actors": list(t.actors), "labels": list(t.labels), "signs": list(t.signs),
                    "description": t.describe()} for t in unbalanced_triads(graph)],
        "central": [{"actor": c.actor, "label": c.label, "type": c.type, "degree": c.degree,
                     "betweenness": c.betweenness} for c in _connected_central(graph, top)],
    }


def _connected_central(graph: nx.MultiDiGraph, top: int) -> list:
    """The ``top`` most central actors that have a relation with another actor at all: an actor
    of degree 0 (related only to places, or to itself) is central to nothing, even when it ties
    at betweenness 0 with the last ones listed.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("ru", "sy", key="backs", relation="backs")
    >>> g.add_node("alone", label="Alone")
    >>> [c.actor for c in _connected_central(g, 10)]
    ['ru', 'sy']
    """
    ranked = central_actors(graph, top=max(graph.number_of_nodes(), 1))
    return [c for c in ranked if c.degree > 0][:top]


def render_text(summary: dict[str, Any], *, top: int = 10) -> str:
    """The summary as readable text; at most ``top`` triads are listed.

    >>> print(render_text({"actors": 2, "relations": 1, "claims": 2, "triads": [],
    ...     "blocs": [{"labels": ["Assad government", "Russia"], "support": 2}],
    ...     "central": [{"label": "Russia", "type": "State", "degree": 1, "betweenness": 0.0}]}))
    2 actors and places, 1 relation from 2 claims
    <BLANKLINE>
    Alliance blocs (support joins actors, any hostility keeps them apart)
      1. Assad government, Russia  [2 supporting claims]
    <BLANKLINE>
    Unbalanced triads (an odd number of hostile ties)
      none
    <BLANKLINE>
    Most central actors (undirected actor graph, places left out)
      actor   type   degree  betweenness
      Russia  State       1       0.0000
    """
    lines = [f"{summary['actors']} actors and places, {Totals(summary['relations'], summary['claims'])}", "",
             "Alliance blocs (support joins actors, any hostility keeps them apart)"]
    for i, bloc in enumerate(summary["blocs"], 1):
        lines.append(f"  {i}. {', '.join(bloc['labels'])}  [{bloc['support']} supporting claims]")
    if not summary["blocs"]:
        lines.append("  none")
    lines += ["", "Unbalanced triads (an odd number of hostile ties)"]
    lines += [f"  - {t['description']}" for t in summary["triads"][:top]]
    if len(summary["triads"]) > top:
        lines.append(f"  ... and {len(summary['triads']) - top} more (--format json lists all)")
    if not summary["triads"]:
        lines.append("  none")
    lines += ["", "Most central actors (undirected actor graph, places left out)"]
    central = summary["central"]
    if not central:
        lines.append("  none")
    else:
        wa = max(len("actor"), *(len(c["label"]) for c in central))
        wt = max(len("type"), *(len(c["type"]) for c in central))
        lines.append(f"  {'actor'.ljust(wa)}  {'type'.ljust(wt)}  degree  betweenness")
        lines += [f"  {c['label'].ljust(wa)}  {c['type'].ljust(wt)}  {c['degree']:>6}  {c['betweenness']:>11.4f}"
                  for c in central]
    return "\n".join(lines)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``report`` command's arguments.

    >>> p = argparse.ArgumentParser(); configure(p)
    >>> p.parse_args(["out", "--format", "json"]).top
    10
    """
    parser.add_argument("dir", type=Path, help="a build folder (made by `actorgraph build --out DIR`)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--top", type=int, default=10, help="central actors (and triads in text) to list")
    parser.add_argument("--min-size", type=int, default=2, help="smallest bloc to list")


def run(args: argparse.Namespace) -> int:
    """Print the report of the build in ``args.dir``; a folder without a store is a user error.

    >>> import tempfile
    >>> p = argparse.ArgumentParser(); configure(p)
    >>> run(p.parse_args([tempfile.mkdtemp()]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.UsageError: ...: no store here (run `actorgraph build ... --out ...` first)
    """
    from .store import OxigraphStore
    from .views.networkx_view import to_networkx

    if args.top < 1 or args.min_size < 1:
        raise UsageError("--top and --min-size must be at least 1")
    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not (store_dir / "CURRENT").is_file():
        raise UsageError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    with OxigraphStore(store_dir, read_only=True) as store:
        graph = to_networkx(store)
        counted = totals(store)
    summary = summarize(graph, top=args.top, min_size=args.min_size, totals=counted)
    print(json.dumps(summary, indent=2, ensure_ascii=False) if args.format == "json"
          else render_text(summary, top=args.top))
    return 0
