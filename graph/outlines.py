"""Country outlines from the Natural Earth TopoJSON the map page ships: is a point in its country?

A place's coordinates and its state (``ag:locatedIn``) come from different sources (a dictionary
file, GeoNames), so they can disagree: a "Hama" drawn in Japan, a border crossing written with its
latitude and longitude swapped. :func:`distance_km` measures how far a point lies from a country's
outline (0 inside it), which the dictionary's tests use to check every coordinate it carries or
the gazetteer gives, and which a tool may use to refuse a coordinate outside its country.

The outlines are world-atlas' ``countries-50m.json`` (Natural Earth 1:50m, public domain), already
vendored for the map page: nothing is fetched. world-atlas names a feature by its ISO 3166 numeric
code; the few territories it draws without one are given the code of the state they are counted
under here (Somaliland in Somalia, Northern Cyprus in Cyprus) or their own (Kosovo, ``XK``).
The arcs are decoded here (TopoJSON's quantized, delta-encoded format is a few lines) rather than
through a GIS stack, for a test-time check.
"""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry

__all__ = ["Outline", "outlines", "outline", "distance_km", "countries_at", "ATLAS"]

#: the vendored world-atlas file the map page draws
ATLAS = Path(__file__).parent / "views" / "assets" / "vendor" / "world-atlas" / "countries-50m.json"
#: features world-atlas draws without an ISO numeric id -> the ISO 3166-1 alpha-2 code they count under
_UNNUMBERED = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}
_EARTH_KM = 6371.0

Ring = list[tuple[float, float]]  # (long, lat) pairs, closed


@dataclass(frozen=True)
class Outline:
    """One country's polygons (outer rings and holes, even-odd), with a bounding box to skip far points.

    >>> syria = outline("SY")
    >>> syria.name, [round(edge) for edge in syria.bbox]
    ('Syria', [36, 32, 42, 37])
    """

    code: str
    name: str
    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north

    def contains(self, lat: float, long: float) -> bool:
        """Whether the point lies inside (even-odd over every ring, so holes are outside).

        >>> outline("SY").contains(35.13, 36.76), outline("SY").contains(34.43, 135.93)  # Hama; Hama in Japan
        (True, False)
        """
        west, south, east, north = self.bbox
        if not south <= lat <= north:
            return False
        return any(self._encloses(lat, x) for x in (long - 360.0, long, long + 360.0) if west <= x <= east)

    def _encloses(self, lat: float, long: float) -> bool:
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > lat) != (y2 > lat) and long < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside

    def distance_km(self, lat: float, long: float) -> float:
        """Kilometres from the point to the outline: 0 inside it, else to the nearest edge.

        Edges are measured in a plane tangent at the point (equirectangular), exact enough for the
        tens of kilometres a check allows; a point beyond the bounding box by more than that is
        measured to the box's nearest corner or side only, never less than the truth.

        >>> round(outline("EG").distance_km(31.30, 34.25))  # Rafah in Gaza: just outside Egypt
        4
        """
        if self.contains(lat, long):
            return 0.0
        scale = math.cos(math.radians(lat))
        best = math.inf
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                ax, ay = _wrap(x1 - long) * scale, y1 - lat
                dx, dy = (x2 - x1) * scale, y2 - y1
                t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
        return math.radians(best) * _EARTH_KM


def _wrap(degrees: float) -> float:
    """A longitude difference in [-180, 180) (Fiji and Chukotka cross the antimeridian)."""
    return (degrees + 180.0) % 360.0 - 180.0


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as (long, lat) points: undo the delta encoding, then the quantization."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: Sequence[int], arcs: list[list[tuple[float, float]]]) -> Ring:
    """One ring from its arc indexes (``~i`` is arc ``i`` reversed); shared end points are kept once.

    A ring that crosses the antimeridian (Russia's, over Chukotka) is unwrapped: each longitude is
    shifted by 360 degrees where needed so that no edge is longer than half the world, which leaves
    the ring a plain polygon of the plane, some of it beyond 180 degrees east.
    """
    ring: Ring = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        for x, y in points[1:] if ring else points:
            if ring:
                x += 360.0 * round((ring[-1][0] - x) / 360.0)
            ring.append((x, y))
    return ring


def _polygons(geometry: dict) -> Iterator[Sequence[Sequence[int]]]:
    if geometry["type"] == "Polygon":
        yield geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["arcs"]


def _code(geometry: dict) -> str | None:
    """A feature's ISO 3166-1 alpha-2 code, from its numeric id (or from its name where it has none)."""
    if geometry.get("id") is None:
        return _UNNUMBERED.get(geometry.get("properties", {}).get("name", ""))
    country = pycountry.countries.get(numeric=str(geometry["id"]).zfill(3))
    return country.alpha_2 if country is not None else None


@functools.lru_cache(maxsize=1)
def outlines() -> dict[str, Outline]:
    """Every country's outline by ISO alpha-2 code (a territory counted under a state joins its rings).

    >>> len(outlines()) > 200, outlines()["UA"].name
    (True, 'Ukraine')
    """
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    rings: dict[str, list[Ring]] = {}
    names: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _code(geometry)
        if code is None:
            continue
        if geometry.get("id") is not None or code not in names:
            names[code] = geometry["properties"]["name"]
        rings.setdefault(code, []).extend(_ring(r, arcs) for polygon in _polygons(geometry) for r in polygon)
    found = {}
    for code, country_rings in rings.items():
        xs = [x for ring in country_rings for x, _ in ring]
        ys = [y for ring in country_rings for _, y in ring]
        found[code] = Outline(code, names[code], tuple(country_rings), (min(xs), min(ys), max(xs), max(ys)))
    return found


def outline(code: str) -> Outline | None:
    """The outline of the country with an ISO 3166-1 alpha-2 code, or None if the atlas has none.

    >>> outline("SO").name, outline("ZZ")  # Somaliland's rings join Somalia's
    ('Somalia', None)
    """
    return outlines().get(code)


def distance_km(code: str, lat: float, long: float) -> float | None:
    """Kilometres from a point to a country's outline (0 inside), or None if the atlas lacks that country.

    >>> distance_km("SY", 35.13, 36.76), round(distance_km("SY", 34.43, 135.93)) > 7000
    (0.0, True)
    """
    found = outline(code)
    return found.distance_km(lat, long) if found is not None else None


def countries_at(lat: float, long: float) -> list[str]:
    """The codes of the countries whose outline contains a point (one, or none at sea).

    >>> countries_at(31.30, 34.25), countries_at(31.24, 34.21)  # Rafah in Gaza; Rafah in Egypt
    (['PS'], ['EG'])
    """
    return sorted(code for code, found in outlines().items() if found.contains(lat, long))
