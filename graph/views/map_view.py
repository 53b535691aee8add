"""Who held which place when, as one self-contained map page.

The page draws every place with coordinates over the world's country outlines
(Natural Earth, through world-atlas's TopoJSON), projected with d3-geo and
coloured by its controller as of the date on a slider; the bands it colours by
come from :func:`graph.views.map_data.map_data`, which answers as the
``controller`` query does. It must open with no internet and must not run what
an article smuggled into a name or a sentence, so it is built as the graph page
is (``html_view``): the libraries and the outlines shipped in
``assets/vendor`` and the timeline component (``timeline_view``) are inlined, the data sits in ``<script type="application/json">``
blocks with every character that could end them escaped, the page's script
builds every panel with ``createElement`` and ``textContent``, and a
Content-Security-Policy allows only the page's own inline scripts and
stylesheets, by their SHA-256, and loads nothing from anywhere.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from ..namespaces import STATUSES
from .timeline_view import timeline_assets

__all__ = ["CONTROLLER_COLORS", "NOBODY_COLOR", "OTHER_COLOR", "render_map"]

#: the most frequent controllers' colours, in order (Okabe-Ito, then Paul Tol's muted scheme: told
#: apart by most colour-blind readers); every other controller is OTHER_COLOR
CONTROLLER_COLORS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                      "#882255", "#44AA99", "#332288", "#999933")
#: controllers beyond the coloured ones
OTHER_COLOR = "#6E6E6E"
#: no controller known as of the date (no claim yet, or the last one a withdrawal)
NOBODY_COLOR = "#D4D4D4"
#: the contested window the page opens with, in days
DEFAULT_WINDOW = 30

_MARKER = re.compile(r"/\*AG:([A-Z_0-9]+)\*/")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_VENDOR = {"D3_ARRAY": "d3-array/d3-array.min.js", "D3_GEO": "d3-geo/d3-geo.min.js",
           "TOPOJSON": "topojson-client/topojson-client.min.js"}
_WORLD = "world-atlas/countries-50m.json"
_DOC_FIELDS = ("doc", "title", "url", "publisher")
_RELATIONS = ("controls", "withdrewFrom")


def _json_for_script(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element holding it (``<``, ``>``, ``&`` and every
    non-ASCII character written as ``\\u`` escapes, so no bidi control reorders the page either)."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&]", lambda m: _JSON_ESCAPES[m.group()], text)


def _folder():
    return resources.files(__package__).joinpath("assets")


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """The page skeleton, its script and stylesheet, the vendored libraries and the outlines,
    each checked to be inlinable (none may end the element it is inlined into)."""
    folder = _folder()
    vendor = folder.joinpath("vendor")
    texts = {"PAGE": folder.joinpath("map.html").read_text(encoding="utf-8"),
             # what the graph page shares (the evidence helpers and their look), then the map's own
             "APP_JS": "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in ("evidence.js", "map.js")),
             "APP_CSS": "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in ("evidence.css", "map.css"))}
    for marker, name in _VENDOR.items():
        texts[marker] = re.sub(r"//# sourceMappingURL=\S*\s*$", "", vendor.joinpath(name).read_text(encoding="utf-8"))
    texts["TIMELINE_JS"], texts["TIMELINE_CSS"] = timeline_assets()
    for marker, text in texts.items():
        if marker != "PAGE" and re.search(r"</script|</style|<!--", text, re.IGNORECASE):
            raise RuntimeError(f"{folder}: {marker.lower()} contains markup that would end its inline element")
    # JSON text holds "<" only inside strings, where its \u escape means the same
    raw = vendor.joinpath(_WORLD).read_text(encoding="utf-8")
    texts["WORLD"] = re.sub("[<>&]", lambda m: _JSON_ESCAPES[m.group()], raw)
    return texts


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _csp(scripts: list[str], styles: list[str]) -> str:
    """A policy that loads nothing and runs only these inline scripts and stylesheets.

    >>> _csp(["a"], [])
    "default-src 'none'; script-src 'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='; style-src 'none'; img-src data:; base-uri 'none'; form-action 'none'"
    """
    script_src = " ".join(_sha256(s) for s in scripts) or "'none'"
    style_src = " ".join(_sha256(s) for s in styles) or "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _check(data: Mapping[str, Any]) -> None:
    """Refuse data not of ``map_data``'s shape, naming the first thing wrong."""
    if not isinstance(data, Mapping):
        raise ValueError("map data: expected a dict (see graph.views.map_data.map_data)")
    for key, kind in (("places", list), ("claims", list), ("actors", Mapping), ("bands", Mapping)):
        if not isinstance(data.get(key), kind):
            raise ValueError(f"map data: {key!r} must be a {'list' if kind is list else 'dict'}")
    ids = set()
    for i, place in enumerate(data["places"]):
        if not isinstance(place.get("id"), str) or not isinstance(place.get("label"), str):
            raise ValueError(f"map data: place {i} needs a string 'id' and 'label'")
        for axis in ("lat", "long"):
            if place.get(axis) is not None and not isinstance(place[axis], (int, float)):
                raise ValueError(f"map data: place {place['id']} has a {axis} that is not a number")
        ids.add(place["id"])
    for i, claim in enumerate(data["claims"]):
        if claim.get("place") not in ids:
            raise ValueError(f"map data: claim {i} is about {claim.get('place')!r}, which is not in 'places'")
        if claim.get("relation") not in _RELATIONS or claim.get("status") not in STATUSES:
            raise ValueError(f"map data: claim {i} has relation {claim.get('relation')!r} and status "
                             f"{claim.get('status')!r}; expected one of {_RELATIONS} and {STATUSES}")
    for place, bands in data["bands"].items():
        if place not in ids or not isinstance(bands, list) or any(
                not isinstance(b.get("from"), str) or not isinstance(b.get("controllers"), list) for b in bands):
            raise ValueError(f"map data: the bands of {place!r} must be a list of {{'from', 'controllers', "
                             "'claims'}} for a place in 'places'")


def _palette(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The coloured controllers: those holding the most places in any band, most first.

    >>> bands = {"p1": [{"from": "2024-12-01", "controllers": ["a"]}, {"from": "2024-12-05", "controllers": ["b"]}],
    ...          "p2": [{"from": "2024-12-02", "controllers": ["b"]}]}
    >>> [(c["actor"], c["color"], c["places"]) for c in _palette({"bands": bands, "actors": {}})]
    [('b', '#0072B2', 2), ('a', '#D55E00', 1)]
    """
    held = Counter(actor for bands in data["bands"].values()
                   for actor in {a for band in bands for a in band["controllers"]})
    labels = {iri: (info or {}).get("label") or iri for iri, info in data["actors"].items()}
    ranked = sorted(held, key=lambda a: (-held[a], labels.get(a, a), a))
    return [{"actor": a, "color": color, "places": held[a]} for a, color in zip(ranked, CONTROLLER_COLORS)]


class _Numbered:
    """Values numbered in the order they are first met, so that the page's rows carry small numbers
    instead of repeating IRIs, names and document records (a 2,000-place map holds 20,000 claims)."""

    def __init__(self) -> None:
        self.numbers: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        return self.numbers.setdefault(value, len(self.numbers))

    def values(self) -> list[Any]:
        return list(self.numbers)


def _payload(data: Mapping[str, Any], title: str) -> dict[str, Any]:
    """The page's data: claims, bands and events as rows of numbers into the ``iris`` (place i is IRI
    i), ``names`` (relations and statuses) and ``docs`` tables; map.js reads them back.

    >>> p = _payload({"actors": {}, "places": [{"id": "p", "label": "P"}], "bands": {"p": [
    ...     {"from": "2024-12-05", "controllers": ["a"], "claims": ["c1"]}]}, "claims": [{"id": "c1", "place": "p",
    ...     "actor": "a", "relation": "controls", "status": "asserted", "date": "2024-12-05", "sentence": "A took P.",
    ...     "doc": "d", "title": "T"}], "events": [["2024-12-05", "controls", "asserted", 0.9, "a", "p"]]}, "t")
    >>> p["iris"], p["names"], p["claims"], p["bands"], p["events"]
    (['p', 'a'], ['controls', 'asserted'], [[0, 1, 0, 1, '2024-12-05', 'A took P.', None, None, None, 0]], [[0, [['2024-12-05', [1], [0]]]]], [['2024-12-05', 0, 1, 0.9, 1, 0]])
    """
    iris, names, docs = _Numbered(), _Numbered(), _Numbered()
    for place in data["places"]:
        iris(place["id"])
    rows: dict[str, int] = {}
    claims = []
    for claim in data["claims"]:
        rows.setdefault(claim.get("id"), len(claims))
        claims.append([iris(claim["place"]), iris(claim["actor"]), names(claim["relation"]), names(claim["status"]),
                       claim.get("date"), claim.get("sentence") or "", claim.get("rule"), claim.get("confidence"),
                       claim.get("reporter"), docs(tuple(claim.get(k) for k in _DOC_FIELDS))])
    bands = [[iris(place), [[b["from"], [iris(a) for a in b["controllers"]],
                             [rows[c] for c in b.get("claims") or () if c in rows]] for b in place_bands]]
             for place, place_bands in data["bands"].items()]
    events = [[e[0], names(e[1]), names(e[2]), e[3], iris(e[4]), iris(e[5])] for e in data.get("events") or ()]
    return {
        "title": title, "first": data.get("first"), "last": data.get("last"),
        "actors": dict(data["actors"]), "places": list(data["places"]), "claims": claims, "bands": bands,
        "events": events, "iris": iris.values(), "names": names.values(),
        "docs": [dict(zip(_DOC_FIELDS, key)) for key in docs.values()],
        "palette": _palette(data), "other": OTHER_COLOR, "nobody": NOBODY_COLOR, "window": DEFAULT_WINDOW,
        "statuses": list(STATUSES),
    }


def render_map(data: Mapping[str, Any], *, title: str = "actorgraph map") -> str:
    """The map page of ``map_data``'s output: one HTML document needing no network.

    >>> page = render_map({"first": None, "last": None, "actors": {}, "places": [], "claims": [],
    ...                    "bands": {}, "events": []}, title="Syria <2024>")
    >>> "<title>Syria &lt;2024&gt;</title>" in page, "default-src 'none'" in page
    (True, True)
    >>> re.search(r'(src|href)="https?:', page) is None
    True
    """
    _check(data)
    assets = _assets()
    parts = {key: text for key, text in assets.items() if key != "PAGE"}
    parts["TITLE"] = html.escape(title).encode("ascii", "xmlcharrefreplace").decode("ascii")
    parts["DATA"] = _json_for_script(_payload(data, title))
    scripts = [parts[k] for k in ("D3_ARRAY", "D3_GEO", "TOPOJSON", "TIMELINE_JS", "APP_JS")]
    parts["CSP"] = _csp(scripts, [parts["TIMELINE_CSS"], parts["APP_CSS"]])
    return _MARKER.sub(lambda m: parts[m.group(1)], assets["PAGE"])
