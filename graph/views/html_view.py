"""The store as one self-contained interactive HTML page.

The page must open from a file or an intranet with no internet and must not
run anything an article smuggled into a label or a sentence. pyvis 0.3.2 fails
both: its templates load vis-network and Bootstrap from public CDNs even with
``cdn_resources="in_line"`` (pyvis issues #228/#229) and do not autoescape
(the heading, ``select_menu`` ids and node titles containing "href" reach the
DOM as HTML). So pyvis builds the vis-network node and edge option dicts (and
the physics options), and the page is our own: the vis-network script and
stylesheet shipped inside the pyvis package are inlined, the data sits in a
``<script type="application/json">`` block with every character that could
close it escaped, the page's script builds every panel with
``document.createElement`` and ``textContent``, and a Content-Security-Policy
forbids loading anything from anywhere even if markup were injected.

Large graphs open on their strongest part (the actors with the most claims) and
the reader raises the limit in the page, because laying out 5,000 labelled
actors at once is both slow and unreadable.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Variable
from pyvis.edge import Edge
from pyvis.network import Network

from ..files import write_text_whole
from ..namespaces import AG, RELATIONS, STATUSES
from ..queries import load
from ..store import GraphStore, restrict
from .terms import actor_type as _actor_type
from .terms import day as _day
from .terms import local as _local
from .terms import number as _number
from .terms import value as _value

__all__ = [
    "NOT_ASSERTED_STYLE",
    "RELATION_STYLES",
    "TYPE_STYLES",
    "render_html",
    "view_data",
]

#: colour (Okabe-Ito, readable by most colour-blind readers), dash pattern and direction per relation
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "backs": {"color": "#009E73", "dashes": False, "directed": True},
    "opposes": {"color": "#D55E00", "dashes": False, "directed": True},
    "controls": {"color": "#0072B2", "dashes": [10, 5], "directed": True},
    "withdrewFrom": {"color": "#56B4E9", "dashes": [3, 4], "directed": True},
    "leads": {"color": "#CC79A7", "dashes": [14, 4, 3, 4], "directed": True},
    "memberOf": {"color": "#E69F00", "dashes": [6, 3], "directed": True},
    "alliedWith": {"color": "#332288", "dashes": False, "directed": False},
}
#: edges backed only by denied, negated, hypothetical or intended claims: grey and dotted whatever the relation
NOT_ASSERTED_STYLE: dict[str, Any] = {"color": "#9E9E9E", "dashes": [2, 6]}
#: colour and vis-network shape per actor class (the shape tells types apart without colour vision)
TYPE_STYLES: dict[str, dict[str, str]] = {
    "State": {"color": "#1F77B4", "shape": "square"},
    "Government": {"color": "#17BECF", "shape": "diamond"},
    "ArmedForces": {"color": "#393B79", "shape": "diamond"},
    "ArmedGroup": {"color": "#D62728", "shape": "triangle"},
    "Coalition": {"color": "#9467BD", "shape": "hexagon"},
    "PoliticalOrganization": {"color": "#E377C2", "shape": "star"},
    "Organization": {"color": "#8C564B", "shape": "dot"},
    "Person": {"color": "#FF7F0E", "shape": "triangleDown"},
    "Place": {"color": "#98DF8A", "shape": "dot"},
    "Settlement": {"color": "#2CA02C", "shape": "dot"},
    "BorderCrossing": {"color": "#BCBD22", "shape": "diamond"},
    "Region": {"color": "#AEC7E8", "shape": "square"},
    "Facility": {"color": "#7F7F7F", "shape": "star"},
    "Actor": {"color": "#BBBBBB", "shape": "dot"},
}

_LIB = ("templates", "lib", "vis-9.1.2")
_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_MARKER = re.compile(r"/\*AG:([A-Z_]+)\*/")
_LABEL_MAX = 40
_DOC_FIELDS = ("doc_title", "doc_url", "published", "publisher", "doc_name")
_VALUES_CHUNK = 1000  # terms per VALUES block sent in one request
#: the claims query's variables, in the order :func:`_claims` unpacks them
_CLAIM_VARIABLES = ("claim", "s", "p", "o", "sentence", "status", "rule", "confidence", "date", "reporter", "doc",
                    "supersededBy", "triple")
#: requests the claims are read with side by side (Oxigraph evaluates a query with the GIL released,
#: and the claims' lookups are most of a large page's cost)
_READERS = 2
#: the relations' IRIs, in the order of :data:`graph.namespaces.RELATIONS` (the order shares are handed out in)
_RELATION_IRIS = tuple(str(AG) + name for name in RELATIONS)


def _top_actors(store: GraphStore, limit: int | None) -> set[str] | None:
    """The ``limit`` actors in the most relation statements, or None when no more are in any (then all are shown)."""
    if limit is None:
        return None
    rows = store.query(load("internal/page-top-actors") + f"\nLIMIT {int(limit) + 1}", union=False)
    top = [row["actor"].value for row in rows]
    return set(top[:limit]) if len(top) > limit else None


def _claims_query(top: set[str] | None, limit: int | None = None, offset: int = 0) -> str:
    """The page's claims query: about ``top``'s actors as subjects when given, at most ``limit`` rows
    after ``offset`` (the caller binds ``?p`` to one relation)."""
    sparql = load("internal/page-claims")
    if top is not None:
        sparql = restrict(sparql, "s", sorted(top))
    if offset:
        sparql += f"\nOFFSET {int(offset)}"
    if limit is not None:
        sparql += f"\nLIMIT {int(limit)}"  # no ORDER BY: sorting would make the server read every claim
    return sparql


def _relation_claims(store: GraphStore) -> dict[str, int]:
    """The store's claims about each relation (by relation IRI, every relation present): one
    index count (``stats-relation-claims``), which the page shows and shares its claims out by."""
    counts = dict.fromkeys(_RELATION_IRIS, 0)
    for row in store.query(load("internal/stats-relation-claims"), union=False):
        if row["p"].value in counts:
            counts[row["p"].value] = int(row["n"].value)
    return counts


def _shares(counts: list[int], total: int) -> list[int]:
    """``total`` claims shared out evenly between relations holding ``counts`` claims: a relation
    with fewer than an even share gets all of its own, and what it leaves goes to the others (the
    remainder of a division to the first of them, in relation order).

    >>> _shares([5, 100, 0, 100], 60)
    [5, 28, 0, 27]
    >>> _shares([5, 10], 100)
    [5, 10]
    """
    shares = [0] * len(counts)
    left, waiting = total, sorted(range(len(counts)), key=lambda i: (counts[i], i))
    while waiting and counts[waiting[0]] <= left // len(waiting):
        i = waiting.pop(0)
        shares[i], left = counts[i], left - counts[i]
    for k, i in enumerate(sorted(waiting)):
        shares[i] = left // len(waiting) + (k < left % len(waiting))
    return shares


def _claim_rows(store: GraphStore, top: set[str] | None, max_claims: int | None,
                counts: Mapping[str, int]) -> list[tuple]:
    """The claims query's rows, one request per relation (``?p`` bound, so that Oxigraph reads that
    relation's claims from its own index: each row read is a row returned), :data:`_READERS` side by
    side. With ``max_claims``, each relation asks for its share (:func:`_shares` of ``counts``), so
    that a page of a large store holds claims of every relation rather than the first ones in the
    store's order; a relation with fewer rows than its share (claims of actors off the page) leaves
    the rest to those that had theirs, read on where their share ended: the rows are ``max_claims``
    whenever the store holds that many, the same rows on every run. Each request's rows are read in
    the thread that asked for them (pyoxigraph's results belong to their thread)."""
    def read(relation: str, limit: int | None, offset: int = 0) -> list[tuple]:
        if limit == 0:
            return []
        solutions = store.query(_claims_query(top, limit, offset), {"p": NamedNode(relation)}, union=False)
        order = [solutions.variables.index(Variable(name)) for name in _CLAIM_VARIABLES]
        return [tuple(row[i] for i in order) for row in solutions]

    relations = list(_RELATION_IRIS)
    shares = [counts.get(r, 0) if max_claims is None else share
              for r, share in zip(relations, _shares([counts.get(r, 0) for r in relations], max_claims or 0))]
    with ThreadPoolExecutor(_READERS, thread_name_prefix="page") as pool:
        parts = list(pool.map(read, relations, [None if max_claims is None else n for n in shares]))
    if max_claims is not None:
        short = sum(share - len(rows) for share, rows in zip(shares, parts))
        for i, (relation, share) in enumerate(zip(relations, shares)):
            if short and len(parts[i]) == share < counts.get(relation, 0):  # may hold more: read on
                more = read(relation, short, share)
                parts[i] += more
                short -= len(more)
    return [row for rows in parts for row in rows]


def _claims(store: GraphStore, top: set[str] | None, max_claims: int | None,
            counts: Mapping[str, int]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Claims grouped by (subject, relation, object); one entry per claim IRI. With ``top``, only
    claims between those actors (asked for by subject, the object checked here: two VALUES blocks
    would make the server join their product); with ``max_claims``, at most that many rows, shared
    out between the relations (:func:`_claim_rows`; within a relation, which ones is the store's
    order: sorting would read every claim). Each claim row costs a fixed number
    of lookups; its document's metadata and its reporter's label are read once per document and per
    reporter (:func:`_documents`, :func:`_labels`)."""
    seen: set[str] = set()
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    reporters: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    docs: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for iri, s, p, o, sentence, status, rule, confidence, date, reporter, doc, successor, triple \
            in _claim_rows(store, top, max_claims, counts):
        if not isinstance(s, NamedNode) or not isinstance(o, NamedNode) or iri.value in seen:
            continue
        if top is not None and o.value not in top:
            continue
        seen.add(iri.value)
        relation = _local(p.value)
        claim = {
            "sentence": _value(sentence) or "",
            "status": _local(status.value).lower() if status is not None else "asserted",
            "rule": _value(rule) or "",
            "confidence": _number(confidence),
            "event_date": _day(date),
            "reported_by": None,
            "doc": _value(doc),
            **dict.fromkeys(_DOC_FIELDS),  # filled by _add_documents
            "superseded": successor is not None,
            "triple": triple is not None and triple.value == "true",
        }
        if reporter is not None:
            reporters[reporter].append(claim)
        if doc is not None:
            docs[doc].append(claim)
        key = (s.value, relation, o.value)
        if relation == "alliedWith" and o.value < s.value:  # symmetric: one edge per pair
            key = (o.value, relation, s.value)
        grouped[key].append(claim)
    for doc, fields in _documents(store, docs).items():
        for claim in docs[doc]:
            claim.update(fields)
    for reporter, label in _labels(store, reporters).items():
        for claim in reporters[reporter]:
            claim["reported_by"] = label or _local(reporter.value)
    return grouped


def _chunks(terms: Iterable[Any], size: int = _VALUES_CHUNK) -> Iterable[list[Any]]:
    """``terms`` (in a stable order) in slices of ``size``: one request each, so that a SPARQL server
    gets bounded VALUES blocks."""
    ordered = sorted(terms, key=str)
    return (ordered[i:i + size] for i in range(0, len(ordered), size))


def _documents(store: GraphStore, docs: Iterable[Any]) -> dict[Any, dict[str, str | None]]:
    """Title, URL, date, outlet and identifier of each document, one lookup per document and field
    (the first value where a document has several); the chunks' requests run side by side."""
    def read(chunk: list[Any]) -> list[tuple]:
        return [(row["doc"], row["title"], row["url"], row["issued"], row["publisher"], row["identifier"])
                for row in store.query(restrict(load("internal/page-documents"), "doc", chunk), union=False)]

    fields: dict[Any, dict[str, str | None]] = {}
    with ThreadPoolExecutor(_READERS, thread_name_prefix="page") as pool:
        for rows in pool.map(read, _chunks(docs)):
            for doc, title, url, issued, publisher, identifier in rows:
                fields.setdefault(doc, {
                    "doc_title": _value(title), "doc_url": _value(url), "published": _day(issued),
                    "publisher": _value(publisher), "doc_name": _value(identifier)})
    return fields


def _labels(store: GraphStore, terms: Iterable[Any]) -> dict[Any, str | None]:
    """The preferred label of each term in the actors graph (None where it has none)."""
    labels: dict[Any, str | None] = {}
    for chunk in _chunks(terms):
        for row in store.query(restrict(load("internal/page-labels"), "actor", chunk), union=False):
            if labels.get(row["actor"]) is None:
                labels[row["actor"]] = _value(row["label"])
    return labels


def _actors(store: GraphStore, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """Label, type and aliases of each wanted actor; IRIs the actors graph lacks get their local name."""
    types: dict[str, set[str]] = defaultdict(set)
    prefs: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    rows = store.query(restrict(load("internal/page-actors"), "actor", sorted(wanted)), union=False) if wanted else ()
    for row in rows:
        iri = row["actor"].value
        for name, bucket in (("type", types), ("pref", prefs), ("label", labels), ("alias", aliases)):
            if row[name] is not None:
                bucket[iri].add(row[name].value)
    actors = {}
    for iri in sorted(wanted):
        label = min(prefs[iri] or labels[iri] or {_local(iri)})
        actors[iri] = {"id": iri, "label": label, "type": _actor_type(types[iri]),
                       "aliases": sorted(aliases[iri] - {label})}
    return actors


def _claim_order(claim: Mapping[str, Any]) -> tuple:
    return (claim["status"] != "asserted", -(claim["confidence"] or 0.0),
            claim["event_date"] or claim["published"] or "", claim["sentence"])


def view_data(store: GraphStore, *, max_actors: int | None = None, max_claims: int | None = None) -> dict[str, Any]:
    """Actors and claim-backed relations of a store, ready for JSON and :func:`render_html`.

    Everything is asked through ``store.query`` with the page's named queries, so a graph in a
    SPARQL server is read like an embedded one. ``max_actors`` keeps the actors with the most
    claims (and the relations between them), ``max_claims`` that many claims, shared out evenly
    between the relations and in the store's own order within each (choosing the most confident
    ones would read every claim): with both set, what is asked of the store is bounded whatever its
    size. ``meta["store_claims"]`` is the number of claims in the store, so that a page holding
    fewer can say so.

    One edge per (subject, relation, object) with claims; ``asserted`` says whether a direct
    relation triple exists, so edges backed only by denials or hypotheticals stay visible as
    such. ``alliedWith`` is symmetric and yields one edge per pair.

    >>> from pyoxigraph import RdfFormat
    >>> from graph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> s.raw.load(b'''@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... <https://w3id.org/actorgraph/id/graph/actors> {
    ...   actor:russia a ag:State ; skos:prefLabel "Russia" ; skos:altLabel "Moscow" .
    ...   actor:assad-government a ag:Government ; skos:prefLabel "Assad government" . }
    ... <https://w3id.org/actorgraph/id/doc/d1> {
    ...   actor:russia ag:backs actor:assad-government .
    ...   <https://w3id.org/actorgraph/id/claim/c1> a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ;
    ...     rdf:object actor:assad-government ; ag:status ag:Asserted ; ag:confidence 0.9 ;
    ...     ag:sentence "Russia backs the government." . }''', format=RdfFormat.TRIG)
    >>> data = view_data(s)
    >>> [(n["label"], n["type"], n["aliases"]) for n in data["nodes"]]
    [('Assad government', 'Government', []), ('Russia', 'State', ['Moscow'])]
    >>> e = data["edges"][0]
    >>> (e["relation"], e["asserted"], e["count"], e["confidence"], e["claims"][0]["sentence"])
    ('backs', True, 1, 0.9, 'Russia backs the government.')
    """
    top = _top_actors(store, max_actors)
    counts = _relation_claims(store)
    grouped = _claims(store, top, max_claims, counts)
    actors = _actors(store, {iri for s, _, o in grouped for iri in (s, o)})
    edges = []
    for (s, relation, o), claims in sorted(grouped.items()):
        claims.sort(key=_claim_order)
        confidences = [c["confidence"] for c in claims if c["confidence"] is not None]
        edges.append({
            "source": s, "target": o, "relation": relation,
            "asserted": any([c.pop("triple") for c in claims]),  # a list: every claim loses the key
            "count": sum(c["status"] == "asserted" for c in claims),
            "confidence": max(confidences) if confidences else None,
            "claims": claims,
        })
    days = sorted(d for e in edges for c in e["claims"] for d in (c["event_date"], c["published"]) if d)
    relations = sum(e["asserted"] for e in edges)  # the words of graph.stats: relations between actors, claims
    meta = {
        "actors": len(actors), "relations": relations, "unasserted_relations": len(edges) - relations,
        "claims": sum(len(e["claims"]) for e in edges), "store_claims": sum(counts.values()),
        "documents": len({c["doc"] for e in edges for c in e["claims"] if c["doc"]}),
        "first_date": days[0] if days else None, "last_date": days[-1] if days else None,
    }
    return {"nodes": list(actors.values()), "edges": edges, "meta": meta}


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package, checked inlinable."""
    lib = resources.files("pyvis").joinpath(*_LIB)
    try:
        script = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        style = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise RuntimeError(f"{lib}: vis-network is missing from the pyvis package ({exc})") from exc
    script = re.sub(r"//# sourceMappingURL=\S*\s*$", "", script)  # no request for a .map file
    if re.search(r"</script|<!--", script, re.IGNORECASE) or re.search(r"</style", style, re.IGNORECASE):
        raise RuntimeError(f"{lib}: vis-network contains markup that would end its inline element")
    return script, style


@lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str, str]:
    """The page skeleton, its script and its stylesheet (graph/views/assets); each begins with what
    the map page shares (``evidence.js``, ``evidence.css``), then the page's own (``view.*``)."""
    folder = resources.files(__package__).joinpath("assets")
    page, evidence_js, script, evidence_css, style = (
        folder.joinpath(name).read_text(encoding="utf-8")
        for name in ("page.html", "evidence.js", "view.js", "evidence.css", "view.css"))
    return page, evidence_js + "\n" + script, evidence_css + "\n" + style


def _json_for_script(value: Any) -> str:
    """JSON that cannot end or confuse the ``<script>`` element holding it, nor reorder text (bidi):
    every non-ASCII character and ``<``, ``>``, ``&`` are written as ``\\u`` escapes.

    >>> _json_for_script({"a": "</script>\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)  # U+2028/9, bidi
    return re.sub("[<>&]", lambda m: _JSON_ESCAPES[m.group()], text)


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "\u2026"


def _check(data: Mapping[str, Any]) -> None:
    if not isinstance(data, Mapping) or not isinstance(data.get("nodes"), list) \
            or not isinstance(data.get("edges"), list):
        raise ValueError("view data: expected a dict with 'nodes' and 'edges' lists (see view_data)")
    for i, node in enumerate(data["nodes"]):
        if not isinstance(node.get("id"), str) or not isinstance(node.get("label"), str):
            raise ValueError(f"view data: node {i} needs a string 'id' and 'label'")
    ids = {n["id"] for n in data["nodes"]}
    for i, edge in enumerate(data["edges"]):
        for end in ("source", "target"):
            if edge.get(end) not in ids:
                raise ValueError(f"view data: edge {i} has unknown {end} {edge.get(end)!r}")
        if edge.get("relation") not in RELATION_STYLES:
            raise ValueError(f"view data: edge {i} has unknown relation {edge.get('relation')!r}")
        if not isinstance(edge.get("claims"), list):
            raise ValueError(f"view data: edge {i} needs a 'claims' list")


def _compact(claim: Mapping[str, Any], docs: dict[tuple, int]) -> dict[str, Any]:
    """A claim whose source document is an index into the page's document table (a large graph
    would repeat each article's title and URL for every claim taken from it), without empty fields."""
    key = tuple(claim.get(name) for name in _DOC_FIELDS)
    compact = {k: v for k, v in claim.items()
               if k not in _DOC_FIELDS and k != "doc" and v is not None and v is not False}
    compact["doc"] = docs.setdefault(key, len(docs))
    return compact


def _vis_items(data: Mapping[str, Any]) -> tuple[list[dict], list[dict], list[dict], dict[str, Any]]:
    """vis-network node and edge dicts (via pyvis), each carrying our fields under ``ag``, and the
    table of source documents the claims refer to."""
    weight: dict[str, int] = defaultdict(int)
    for edge in data["edges"]:
        weight[edge["source"]] += len(edge["claims"])
        weight[edge["target"]] += len(edge["claims"])
    ranked = sorted(data["nodes"], key=lambda n: (-weight[n["id"]], n["label"], n["id"]))
    net = Network(directed=True)
    for rank, node in enumerate(ranked):
        kind = node.get("type") if node.get("type") in TYPE_STYLES else "Actor"
        style = TYPE_STYLES[kind]
        aliases = list(node.get("aliases", []))
        title = f"{node['label']} ({kind})"
        if aliases:
            title += "\naliases: " + ", ".join(aliases[:8]) + (" \u2026" if len(aliases) > 8 else "")
        title += f"\n{weight[node['id']]} claims"
        net.add_node(node["id"], label=_short(node["label"]) or _local(node["id"]), shape=style["shape"],
                     color=style["color"], title=title, size=round(10 + 3 * math.log2(1 + weight[node["id"]]), 1),
                     ag={"label": node["label"], "type": kind, "aliases": aliases,
                         "weight": weight[node["id"]], "rank": rank})
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    docs: dict[tuple, int] = {}
    pairs: dict[frozenset, int] = defaultdict(int)
    for edge in data["edges"]:
        pairs[frozenset((edge["source"], edge["target"]))] += 1
    seen: dict[frozenset, int] = defaultdict(int)
    for i, edge in enumerate(data["edges"]):
        relation, asserted = edge["relation"], bool(edge["asserted"])
        style = RELATION_STYLES[relation] if asserted else {**RELATION_STYLES[relation], **NOT_ASSERTED_STYLE}
        pair = frozenset((edge["source"], edge["target"]))
        k, seen[pair] = seen[pair], seen[pair] + 1
        smooth = ({"enabled": True, "type": "curvedCW", "roundness": round(0.15 + 0.2 * k, 2)}
                  if pairs[pair] > 1 else {"enabled": False})
        claims = edge["claims"]
        confidence = edge.get("confidence")
        status = "asserted" if asserted else "not asserted: " + ", ".join(
            sorted({c["status"] for c in claims}))
        title = (f"{labels[edge['source']]} {relation} {labels[edge['target']]}\n{status} \u00b7 "
                 f"{len(claims)} claim{'s' * (len(claims) != 1)}"
                 + (f" \u00b7 max confidence {confidence:.2f}" if confidence is not None else ""))
        # pyvis's Edge builds the dict; Network.add_edge would also scan its node list for each
        # endpoint (quadratic on 20,000 edges), and _check has already verified the endpoints.
        net.edges.append(Edge(edge["source"], edge["target"], True, id=i, title=title, width=round(
            1 + 2 * math.log2(1 + edge.get("count", 0)), 2) if asserted else 1,
            color={"color": style["color"], "highlight": style["color"], "hover": style["color"],
                   "inherit": False, "opacity": 0.9 if asserted else 0.7},
            dashes=style["dashes"], arrows={"to": {"enabled": style["directed"], "scaleFactor": 0.6}},
            smooth=smooth,
            ag={"relation": relation, "asserted": asserted, "count": edge.get("count", 0),
                "confidence": confidence, "claims": [_compact(c, docs) for c in claims]}).options)
    net.force_atlas_2based(gravity=-90, central_gravity=0.012, spring_length=170, spring_strength=0.05,
                           damping=0.6, overlap=1)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return nodes, edges, [dict(zip(_DOC_FIELDS, key)) for key in docs], json.loads(options)


def _options(pyvis_options: dict[str, Any], visible: int) -> dict[str, Any]:
    """pyvis's physics options, plus bounded stabilisation and readable fonts."""
    options = dict(pyvis_options)
    options.pop("configure", None)
    options["physics"]["stabilization"] = {"enabled": True, "iterations": 600 if visible <= 150 else 300,
                                           "updateInterval": 50, "fit": True}
    options["physics"]["minVelocity"] = 1.5
    options["edges"] = {"smooth": {"enabled": False}, "selectionWidth": 2, "hoverWidth": 1}
    options["nodes"] = {"font": {"face": _FONTS, "size": 14, "color": "#1d2330", "strokeWidth": 4,
                                 "strokeColor": "#ffffff"}, "borderWidth": 1}
    options["interaction"] = {**options.get("interaction", {}), "hover": True, "tooltipDelay": 200,
                              "hideEdgesOnDrag": visible > 300, "keyboard": False}
    options["layout"] = {"randomSeed": 7, "improvedLayout": visible <= 150}
    return options


def render_html(data: dict[str, Any], path: str | Path | None = None, *, title: str = "actorgraph",
                max_nodes: int = 300) -> str:
    """The interactive page of :func:`view_data`'s output; also written to ``path`` when given.

    The page needs no network: vis-network is inlined and a Content-Security-Policy forbids
    any request. Above ``max_nodes`` actors it opens on the ones with the most claims and
    offers a control to show more.

    >>> page = render_html({"nodes": [], "edges": [], "meta": {}}, title="Syria <2024>")
    >>> "<title>Syria &lt;2024&gt;</title>" in page, "https://" in page.split("<style>")[0]
    (True, False)
    """
    _check(data)
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    nodes, edges, docs, pyvis_options = _vis_items(data)
    limit = min(max_nodes, len(nodes))
    payload = {
        "title": title, "meta": dict(data.get("meta", {})), "limit": limit, "maxNodes": max_nodes,
        "relations": [{"name": r, **RELATION_STYLES[r]} for r in RELATIONS],
        "types": [{"name": t, **s} for t, s in TYPE_STYLES.items()],
        "statuses": list(STATUSES),
        "notAsserted": NOT_ASSERTED_STYLE, "docs": docs, "nodes": nodes, "edges": edges,
        "options": _options(pyvis_options, limit),
    }
    vis_js, vis_css = _vis_assets()
    page, app_js, app_css = _own_assets()
    parts = {
        "TITLE": html.escape(title).encode("ascii", "xmlcharrefreplace").decode("ascii"),
        "VIS_CSS": vis_css, "APP_CSS": app_css, "VIS_JS": vis_js, "APP_JS": app_js,
        "DATA": _json_for_script(payload),
    }
    text = _MARKER.sub(lambda m: parts[m.group(1)], page)
    if path is not None:
        write_text_whole(path, text)
    return text
