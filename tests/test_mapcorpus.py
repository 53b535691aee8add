"""The control map benchmark's synthetic store (bench/mapcorpus.py) holds what it says, in the build's model.

The benchmark's figures mean something only if its store is what a build would write and holds the
counts it prints: so a tiny store is generated here and read back with SPARQL, the shapes and the
controller query.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from pyoxigraph import Store

from graph.namespaces import PREFIXES
from graph.queries import load
from graph.store import OxigraphStore
from graph.validate import validate

ROOT = Path(__file__).resolve().parent.parent


def _module(name: str):
    """bench/NAME.py, imported by path (bench/ is not a package; its scripts import each other by name)."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.append(str(ROOT / "bench"))
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


mapcorpus = _module("mapcorpus")


@pytest.fixture(scope="module")
def tiny() -> tuple[OxigraphStore, object]:
    """40 places, 400 control claims: in memory, as the benchmark writes its stores."""
    summary = mapcorpus.Summary()
    store = OxigraphStore()
    store.bulk_extend(mapcorpus.map_quads(40, 400, summary=summary))
    return store, summary


def _count(store: OxigraphStore, where: str) -> int:
    rows = list(store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0]["n"].value)


_CONTROL = "VALUES ?p { ag:controls ag:withdrewFrom } ?c a ag:Claim ; rdf:predicate ?p ; rdf:object ?place ."


@pytest.mark.parametrize(("what", "where", "expected"), [
    ("places", f"SELECT DISTINCT ?place WHERE {{ {_CONTROL} }}", lambda s: s.places),
    ("located places", f"SELECT DISTINCT ?place WHERE {{ {_CONTROL} ?place geo:lat ?lat ; geo:long ?long }}",
     lambda s: s.located),
    ("control claims", _CONTROL, lambda s: s.control_claims),
    ("other claims", "?c a ag:Claim ; rdf:predicate ?p FILTER(?p NOT IN (ag:controls, ag:withdrewFrom))",
     lambda s: s.other_claims),
    ("documents", "?d a ag:Document", lambda s: s.documents),
    ("superseded claims", "?c ag:supersededBy ?d", lambda s: s.superseded),
], ids=["places", "located", "control-claims", "other-claims", "documents", "superseded"])
def test_mapcorpus_counts_are_the_stores(tiny, what, where, expected):
    store, summary = tiny
    assert _count(store, where) == expected(summary), what


def test_mapcorpus_holds_what_a_map_must_show(tiny):
    store, summary = tiny
    assert summary.places == 40 and summary.control_claims == 400 and summary.other_claims == 100
    assert 0 < summary.located < summary.places, "some places, not all, without coordinates"
    assert summary.superseded > 0
    assert set(summary.statuses) == {"asserted", "denied", "negated", "hypothetical", "intended"}
    two_sided = """SELECT DISTINCT ?place WHERE {
        ?a rdf:predicate ag:controls ; rdf:object ?place ; rdf:subject ?x ; ag:status ag:Asserted ; ag:eventDate ?d .
        ?b rdf:predicate ag:controls ; rdf:object ?place ; rdf:subject ?y ; ag:status ag:Asserted ; ag:eventDate ?d .
        FILTER(?x != ?y) }"""
    assert _count(store, two_sided) > 0, "same-day claims by two sides (contested places)"
    undated = "?c a ag:Claim ; prov:wasDerivedFrom ?doc FILTER NOT EXISTS { ?c ag:eventDate ?d }"
    assert _count(store, undated) > 0, "claims dated by their article only"
    assert str(summary.first) >= "2023-01-01" and str(summary.last) <= "2025-01-01"


def test_mapcorpus_is_deterministic():
    def quads(seed):
        return set(mapcorpus.map_quads(10, 60, seed=seed))

    assert quads(3) == quads(3)
    assert quads(3) != quads(4)


@pytest.mark.parametrize("name", ["mapcorpus", "bench_map"])
def test_mapcorpus_bench_examples_run(name):
    """The examples in the benchmark's docstrings (the suite collects doctests under graph/ only)."""
    import doctest

    failed, tried = doctest.testmod(_module(name))
    assert tried > 0 and failed == 0


def test_mapcorpus_refuses_fewer_claims_than_places():
    with pytest.raises(ValueError, match="one claim per place"):
        list(mapcorpus.map_quads(10, 5))


@pytest.mark.slow  # pySHACL over ~8,000 quads
def test_mapcorpus_conforms_to_the_shapes(tiny):
    store, _ = tiny
    raw = Store()
    raw.extend(store.raw)
    report = validate(raw)
    assert report.conforms, report.violations[:5]


def test_mapcorpus_controller_query_answers(tiny):
    """The controller query finds controllers in the synthetic store, as of its last day."""
    store, summary = tiny
    rows = list(store.query(load("controller"), {"date": str(summary.last)}))
    held = {row["place"].value for row in rows}
    assert 0 < len(held) <= summary.places


@pytest.fixture(scope="module")
def tiny_map(tiny) -> dict:
    from graph.views.map_data import map_data

    return map_data(tiny[0])


def test_mapcorpus_map_data_counts_what_was_generated(tiny, tiny_map):
    """The map reads every place (with and without coordinates), every control claim and every event."""
    _, summary = tiny
    assert len(tiny_map["places"]) == summary.places
    assert sum(p["lat"] is not None for p in tiny_map["places"]) == summary.located
    assert len(tiny_map["claims"]) == summary.control_claims
    assert len(tiny_map["events"]) == summary.control_claims + summary.other_claims  # every claim is dated
    assert (tiny_map["first"], tiny_map["last"]) == (str(summary.first), str(summary.last))
    assert {c["status"] for c in tiny_map["claims"]} == set(summary.statuses)


def _band_at(bands: list[dict], day: str) -> set[str]:
    current: set[str] = set()
    for band in bands:
        if band["from"] <= day:
            current = set(band["controllers"])
    return current


@pytest.mark.slow  # 200 controller queries, about 5 s
def test_mapcorpus_map_data_bands_agree_with_the_controller_query(tiny, tiny_map):
    """On the generated store (supersession, withdrawals, same-day claims of two sides), the map's bands
    answer as the controller query does, place by place, at dates spread over the two years."""
    store, summary = tiny
    query = load("controller")
    days = [str(summary.first), "2023-07-01", "2024-01-15", "2024-08-31", str(summary.last)]
    changed = 0
    for place in tiny_map["places"]:
        bands = tiny_map["bands"].get(place["id"], [])
        changed += len(bands) > 1
        for day in days:
            rows = store.query(query, {"place": place["id"], "date": day})
            assert {r["controller"].value for r in rows} == _band_at(bands, day), (place["label"], day)
    assert changed > 5, "places change hands in the generated store"
