"""The graph in the files other tools open: Gephi, Cytoscape, spreadsheets, any RDF tool.

``graphml`` and ``gexf`` hold the actor graph of ``graph.views.networkx_view`` (one edge per
asserted relation, with its claim count, documents, confidence and first and last dates),
``csv`` the same as two tables (``nodes.csv`` with Gephi's ``Id``/``Label`` columns,
``edges.csv`` with ``Source``/``Target``/``Type``/``Label``/``Weight``), and ``trig``,
``nquads`` and ``jsonld`` the whole dataset (every document graph, claims included). Every file
is written beside its target and renamed over it, so a failed export never leaves half a file.
"""
from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from pyoxigraph import RdfFormat

from .store import GraphStore

__all__ = ["FORMATS", "RDF_FORMATS", "format_name", "default_path", "export"]

#: export format -> file suffix (``csv`` writes a folder of two tables)
FORMATS: dict[str, str] = {"graphml": ".graphml", "gexf": ".gexf", "csv": "", "jsonld": ".jsonld",
                           "trig": ".trig", "nquads": ".nq"}
#: the dataset formats, as pyoxigraph writes them
RDF_FORMATS: dict[str, RdfFormat] = {"trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS,
                                     "jsonld": RdfFormat.JSON_LD}
_SPELLINGS = {"json-ld": "jsonld", "n-quads": "nquads", "nq": "nquads", "json": "jsonld"}
_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".csv": "csv", ".jsonld": "jsonld", ".json": "jsonld",
             ".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}
_NODE_COLUMNS = ("Id", "Label", "type", "aliases", "discovered")
_EDGE_COLUMNS = ("Source", "Target", "Type", "Label", "Weight", "relation", "claims", "documents", "confidence",
                 "first", "last", "sources")


def format_name(fmt: str | None, path: str | Path | None = None) -> str:
    """The export format ``fmt`` names (any common spelling), else the one ``path``'s suffix implies.

    >>> format_name("json-ld"), format_name(None, "out/graph.gexf"), format_name("N-Quads")
    ('jsonld', 'gexf', 'nquads')
    >>> format_name("xlsx")
    Traceback (most recent call last):
    ValueError: unsupported format 'xlsx'; use one of graphml, gexf, csv, jsonld, trig, nquads
    """
    if fmt is None:
        suffix = Path(path).suffix.lower() if path is not None else ""
        if suffix not in _SUFFIXES:
            raise ValueError(f"{path}: cannot tell the format from the file name; give one of {', '.join(FORMATS)}")
        return _SUFFIXES[suffix]
    name = _SPELLINGS.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise ValueError(f"unsupported format {fmt!r}; use one of {', '.join(FORMATS)}")
    return name


def default_path(folder: Path, fmt: str) -> Path:
    """Where ``actorgraph export DIR`` writes a format when no ``--out`` is given.

    >>> default_path(Path("out"), "graphml"), default_path(Path("out"), "csv")
    (PosixPath('out/graph.graphml'), PosixPath('out'))
    """
    return folder if fmt == "csv" else folder / ("graph" + FORMATS[fmt])


def export(store: GraphStore, path: str | Path, fmt: str) -> list[Path]:
    """Write the graph of ``store`` (an ``OxigraphStore`` or ``SparqlStore``) to ``path`` as ``fmt``;
    returns the files written (for ``csv``, ``path`` is a folder receiving ``nodes.csv`` and ``edges.csv``).

    >>> import tempfile
    >>> from graph.api import EXAMPLE_TRIG
    >>> from graph.store import OxigraphStore
    >>> store = OxigraphStore(); store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in export(store, folder, "csv")]
    ['nodes.csv', 'edges.csv']
    >>> nx.read_graphml(export(store, folder / "g.graphml", "graphml")[0]).number_of_edges()
    3
    """
    fmt = format_name(fmt)
    path = Path(path)
    if fmt in RDF_FORMATS:
        store.dump(path, RDF_FORMATS[fmt])
        return [path]
    from .views.networkx_view import to_networkx

    graph = to_networkx(store)
    if fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        return [_whole(path / "nodes.csv", lambda tmp: _nodes_csv(graph, tmp)),
                _whole(path / "edges.csv", lambda tmp: _edges_csv(graph, tmp))]
    if fmt == "gexf":
        return [_whole(path, lambda tmp: nx.write_gexf(graph, tmp))]
    return [_whole(path, lambda tmp: nx.write_graphml(_unique_edge_ids(graph), tmp))]


def _unique_edge_ids(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose edge keys are unique in the file: GraphML writes the key as the edge's XML id,
    and the relation name (the key in ``to_networkx``) repeats across pairs, which Gephi refuses."""
    copy = nx.MultiDiGraph()
    copy.add_nodes_from(graph.nodes(data=True))
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        copy.add_edge(u, v, key=f"e{i}", **data)
    return copy


def _nodes_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(_NODE_COLUMNS)
        for node, data in sorted(graph.nodes(data=True)):
            writer.writerow([node, data.get("label", ""), data.get("type", ""), data.get("aliases", ""),
                             str(bool(data.get("discovered"))).lower()])


def _edges_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(_EDGE_COLUMNS)
        for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1])):
            writer.writerow([u, v, "Directed" if data.get("directed", True) else "Undirected", data["relation"],
                             data.get("weight", 0), data["relation"], data.get("claims", 0), data.get("documents", 0),
                             data.get("confidence", ""), data.get("first", ""), data.get("last", ""),
                             data.get("sources", "")])


def _whole(path: Path, write: Callable[[Path], object]) -> Path:
    """Run ``write`` on a temporary file beside ``path``, then rename it over ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
