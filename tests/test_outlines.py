"""Country outlines decoded from the vendored world-atlas TopoJSON (graph/outlines.py): a point is in its
country, a point just across a border is kilometres out, a point on another continent is thousands."""
from __future__ import annotations

import pytest

from graph.outlines import countries_at, distance_km, outline, outlines


@pytest.mark.parametrize(("code", "lat", "long"), [
    ("SY", 35.13, 36.76),   # Hama
    ("PS", 31.30, 34.25),   # Rafah, Gaza
    ("EG", 31.24, 34.21),   # Rafah, Egypt
    ("UA", 48.59, 38.00),   # Bakhmut
    ("RU", 66.3, -178.0),    # Chukotka, beyond the antimeridian
    ("SO", 9.56, 44.06),    # Hargeisa: Somaliland, drawn without an ISO id, counts under Somalia
    ("XK", 42.66, 21.17),   # Pristina: Kosovo, drawn without an ISO id, has its own code
    ("CD", -1.68, 29.22),   # Goma
], ids=["hama", "rafah-gaza", "rafah-egypt", "bakhmut", "chukotka", "hargeisa", "pristina", "goma"])
def test_outlines_a_town_lies_in_its_country(code, lat, long):
    assert outline(code).contains(lat, long)
    assert distance_km(code, lat, long) == 0.0
    assert countries_at(lat, long) == [code]


@pytest.mark.parametrize(("code", "lat", "long", "low", "high"), [
    ("SY", 34.43, 135.93, 7000, 9000),   # Hama of Japan, measured from Syria
    ("EG", 31.30, 34.25, 1, 15),        # Gaza's Rafah, just over the border from Egypt
    ("SY", 36.76, 35.13, 60, 200),      # Hama with its latitude and longitude swapped: in Turkey, by Adana
    ("IQ", 33.31, 44.36, 0, 0),         # Baghdad: inside
], ids=["hama-japan", "rafah-gaza-from-egypt", "hama-swapped", "baghdad"])
def test_outlines_distance_to_a_country_grows_with_the_error(code, lat, long, low, high):
    assert low <= distance_km(code, lat, long) <= high


def test_outlines_a_hole_is_outside():
    """Lesotho is a hole in South Africa's outline: inside Lesotho is outside South Africa."""
    assert not outline("ZA").contains(-29.31, 27.48)  # Maseru
    assert outline("LS").contains(-29.31, 27.48)
    assert outline("ZA").contains(-26.20, 28.05)  # Johannesburg


def test_outlines_unknown_country_has_no_distance():
    assert distance_km("ZZ", 0.0, 0.0) is None
    assert countries_at(0.0, -30.0) == []  # mid-Atlantic


def test_outlines_every_un_member_with_a_sizeable_territory_has_one():
    assert {"SY", "SD", "SS", "MM", "UA", "PS", "EH", "CD", "CG", "SO", "ML"} <= set(outlines())
