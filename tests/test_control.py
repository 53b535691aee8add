"""graph.control computes what ``ontology/queries/controller.rq`` answers, for every date.

Each case is a small set of claims written as TriG into a real pyoxigraph store; for every date of
interest (each claim date, the day before, the day after, and no date at all) the query's rows, as a
set of (controller, claim), must be what :func:`graph.control.controllers` returns and what the
place's bands say. Hypothesis generates the sets; the named cases below are the situations a reader
of the map meets (a capture, a recapture, a withdrawal, a successor dated after the as-of date...).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, Variable

from graph.control import Band, ControlClaim, bands, bands_by_place, controllers
from graph.queries import load
from graph.store import bind_values, restrict

AG = "https://w3id.org/actorgraph#"
ACTOR = "https://w3id.org/actorgraph/id/actor/"
CLAIM = "https://w3id.org/actorgraph/id/claim/"
DOC = "https://w3id.org/actorgraph/id/doc/"
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
CONTROLLER = load("controller")
PREFIXES = f"""@prefix ag: <{AG}> . @prefix actor: <{ACTOR}> . @prefix claim: <{CLAIM}> . @prefix doc: <{DOC}> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@dataclass(frozen=True)
class Case:
    """One claim as written: ``triple`` whether its document also asserts the relation triple,
    ``successor`` the index of the claim that supersedes it, ``doc`` the index of its document."""

    actor: str
    relation: str
    date: str | None = None
    place: str = "town"
    status: str = "Asserted"
    triple: bool = True
    doc: int = 0
    successor: int | None = None


def trig(cases: list[Case], issued: dict[int, str]) -> str:
    """The claims as one graph per document, and the documents' dates in the documents graph."""
    graphs: dict[int, list[str]] = {}
    for i, c in enumerate(cases):
        lines = graphs.setdefault(c.doc, [])
        if c.triple:
            lines.append(f"actor:{c.actor} ag:{c.relation} actor:{c.place} .")
        lines.append(f"claim:c{i} a ag:Claim ; rdf:subject actor:{c.actor} ; rdf:predicate ag:{c.relation} ; "
                     f"rdf:object actor:{c.place} ; ag:status ag:{c.status} ; ag:sentence \"claim {i}\" ; "
                     f"prov:wasDerivedFrom doc:d{c.doc} .")
        if c.date:
            lines.append(f'claim:c{i} ag:eventDate "{c.date}"^^xsd:date .')
        if c.successor is not None:
            lines.append(f"claim:c{i} ag:supersededBy claim:c{c.successor} .")
    text = [PREFIXES] + [f"doc:d{d} {{\n" + "\n".join(lines) + "\n}" for d, lines in sorted(graphs.items())]
    text.append("<https://w3id.org/actorgraph/id/graph/documents> {\n" + "\n".join(
        f'doc:d{d} dcterms:issued "{day}"^^xsd:date .' for d, day in sorted(issued.items())) + "\n}")
    return "\n".join(text)


def control_claims(cases: list[Case], issued: dict[int, str]) -> list[ControlClaim]:
    """The same claims as graph.control reads them (what map_data builds from the store)."""
    dates = [c.date or issued.get(c.doc) for c in cases]
    edges = {(c.actor, c.relation, c.place) for c in cases if c.triple}
    return [ControlClaim(f"{CLAIM}c{i}", ACTOR + c.actor, ACTOR + c.place, c.relation, dates[i],
                         asserted=c.status == "Asserted", edge=(c.actor, c.relation, c.place) in edges,
                         successors=() if c.successor is None else (dates[c.successor],))
            for i, c in enumerate(cases)]


def query_answer(store: Store, place: str, as_of: str | None, remote: bool = False) -> set[tuple[str, str]]:
    """The controller query's rows for one place as {(controller IRI, claim IRI)}, its values bound
    as ``actorgraph query --bind`` binds them: substitutions in the embedded store, a VALUES block
    opening the WHERE group for a remote one (``remote``)."""
    bound = {"place": NamedNode(place)}
    if as_of is not None:
        bound["date"] = Literal(as_of, datatype=XSD_DATE)
    if remote:
        rows = store.query(bind_values(CONTROLLER, bound), use_default_graph_as_union=True)
    else:
        rows = store.query(CONTROLLER, substitutions={Variable(k): v for k, v in bound.items()},
                           use_default_graph_as_union=True)
    return {(row["controller"].value, row["claim"].value) for row in rows}


def query_answers(store: Store, days: list[str | None]) -> dict[tuple[str, str | None], set[tuple[str, str]]]:
    """The controller query's rows for every place and each of ``days`` as {(place, day): {(controller,
    claim)}}, in two runs: the dates given as a VALUES block (parsed once: running the query once per
    date would take seconds), and no date at all."""
    dated = [Literal(d, datatype=XSD_DATE) for d in days if d is not None]
    found: dict[tuple[str, str | None], set[tuple[str, str]]] = {}
    for sparql, as_of in ((restrict(CONTROLLER, "date", dated), True), (CONTROLLER, False)):
        for row in store.query(sparql, use_default_graph_as_union=True):
            key = (row["place"].value, row["date"].value if as_of else None)
            found.setdefault(key, set()).add((row["controller"].value, row["claim"].value))
    return found


def band_answer(found: list[Band], as_of: str | None) -> tuple[set[str], set[str]]:
    """(controllers, claims) of the band that holds on ``as_of`` (None: the last band)."""
    holding = [b for b in found if as_of is None or b.start <= as_of]
    return (set(holding[-1].controllers), set(holding[-1].claims)) if holding else (set(), set())


def days_of_interest(claims: list[ControlClaim]) -> list[str | None]:
    """Every claim's and successor's date, the day before and the day after, and no date."""
    days = {d for c in claims for d in (c.date, *c.successors) if d is not None}
    around = {(dt.date.fromisoformat(d) + dt.timedelta(days=k)).isoformat() for d in days for k in (-1, 0, 1)}
    return [None, *sorted(around)]


def check(cases: list[Case], issued: dict[int, str] | None = None) -> None:
    """Query, controllers() and bands agree on every date of interest, at every place."""
    issued = issued or {}
    store = Store()
    store.load(trig(cases, issued).encode("utf-8"), format=RdfFormat.TRIG)
    claims = control_claims(cases, issued)
    days = days_of_interest(claims)
    answered = query_answers(store, days)
    by_place = bands_by_place(claims)
    for place in sorted({ACTOR + c.place for c in cases}):
        own = [c for c in claims if c.place == place]
        assert by_place.get(place, []) == bands(own)
        for as_of in days:
            expected = answered.get((place, as_of), set())
            assert {(c.actor, c.id) for c in controllers(claims, as_of) if c.place == place} == expected, as_of
            assert band_answer(bands(own), as_of) == ({a for a, _ in expected}, {c for _, c in expected}), as_of


def answers(cases: list[Case], as_of: str | None, issued: dict[int, str] | None = None) -> list[tuple[str, int]]:
    """The controllers of ``town`` as (actor, claim index), for the named cases, once the query agrees
    on every date and, with its values bound, on this one."""
    check(cases, issued)
    store = Store()
    store.load(trig(cases, issued or {}).encode("utf-8"), format=RdfFormat.TRIG)
    found = {(c.actor, c.id) for c in controllers(control_claims(cases, issued or {}), as_of)}
    town = ACTOR + "town"
    assert query_answer(store, town, as_of) == found == query_answer(store, town, as_of, remote=True)
    return sorted((actor.rsplit("/", 1)[1], int(claim.rsplit("c", 1)[1])) for actor, claim in found)


DAYS = [f"2024-12-0{d}" for d in range(1, 7)]


_CLAIM = st.tuples(
    st.sampled_from(["hts", "sna", "sdf"]),  # actor
    st.sampled_from(["controls", "controls", "withdrewFrom"]),
    st.sampled_from([None, *DAYS]),  # event date
    st.sampled_from(["town", "town", "village"]),
    st.sampled_from(["Asserted", "Asserted", "Asserted", "Denied"]),
    st.sampled_from([True, True, True, False]),  # the document asserts the triple
    st.integers(min_value=0, max_value=2),  # document
    st.sampled_from([None, None, None, 0, 1, 2, 3, 4, 5, 6, 7]),  # successor (modulo the number of claims)
)


@st.composite
def claim_sets(draw) -> tuple[list[Case], dict[int, str]]:
    """Up to eight claims by three actors about two places in three documents over six days."""
    rows = draw(st.lists(_CLAIM, min_size=1, max_size=8))
    cases = [Case(actor, relation, date, place, status, triple, doc,
                  None if successor is None else successor % len(rows))
             for actor, relation, date, place, status, triple, doc, successor in rows]
    issued = draw(st.dictionaries(st.integers(min_value=0, max_value=2), st.sampled_from(DAYS)))
    return cases, issued


@settings(max_examples=60, deadline=None)
@given(claim_sets())
def test_control_agrees_with_the_controller_query_on_every_date(generated):
    check(*generated)


@pytest.mark.parametrize(("cases", "as_of", "expected"), [
    ([Case("sna", "controls", "2024-12-01")], "2024-12-01", [("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01")], "2024-11-30", []),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-03")], "2024-12-02", [("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-03")], "2024-12-03", [("hts", 1)]),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-03"),
      Case("sna", "controls", "2024-12-05")], None, [("sna", 2)]),
    ([Case("sna", "controls", "2024-12-01"), Case("sna", "withdrewFrom", "2024-12-03")], "2024-12-04", []),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "withdrewFrom", "2024-12-03")], "2024-12-04", [("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-01")], "2024-12-01",
     [("hts", 1), ("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01", successor=1), Case("hts", "controls", "2024-12-01")], "2024-12-01",
     [("hts", 1)]),
    ([Case("sna", "controls", None), Case("hts", "controls", "2024-12-01")], None, [("hts", 1)]),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", None)], None, [("sna", 0)]),
    ([Case("sna", "controls", None), Case("sna", "controls", "2024-12-01"), Case("sna", "controls", "2024-12-02")],
     "2024-12-01", [("sna", 1)]),
    ([Case("sna", "controls", "2024-12-01", successor=1), Case("hts", "controls", "2024-12-04", doc=1)],
     "2024-12-03", [("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01", successor=1), Case("hts", "controls", None, doc=1)],
     "2024-12-01", []),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-03", triple=False)],
     "2024-12-04", [("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-03", status="Denied")],
     "2024-12-04", [("sna", 0)]),
    ([Case("sna", "controls", "2024-12-01"), Case("sna", "controls", "2024-12-01", doc=1)], "2024-12-02",
     [("sna", 0), ("sna", 1)]),
], ids=["capture", "before-capture", "held-until-recapture", "recapture", "taken-back", "withdrawal-nobody",
        "another-side-withdraws", "two-sides-same-day", "superseded-within-document", "undated-capture-left-out",
        "undated-recapture-ends-nothing", "undated-claim-beside-dated-ones-of-its-controller-left-out",
        "successor-dated-after-as-of", "undated-successor-supersedes-at-once",
        "capture-without-triple-ends-nothing", "denied-capture-ends-nothing", "two-reports-of-one-capture"])
def test_control_named_cases(cases, as_of, expected):
    assert answers(cases, as_of) == expected


def test_control_dates_from_the_document_when_a_claim_has_none():
    cases = [Case("sna", "controls", None, doc=0), Case("hts", "controls", None, doc=1)]
    assert answers(cases, "2024-12-02", {0: "2024-12-01", 1: "2024-12-03"}) == [("sna", 0)]
    assert answers(cases, "2024-12-03", {0: "2024-12-01", 1: "2024-12-03"}) == [("hts", 1)]


def test_control_bands_of_capture_recapture_and_withdrawal():
    cases = [Case("sna", "controls", "2024-12-01"), Case("hts", "controls", "2024-12-03"),
             Case("hts", "withdrewFrom", "2024-12-05"), Case("sdf", "withdrewFrom", "2024-12-06")]
    check(cases)
    found = [(b.start, [a.rsplit("/", 1)[1] for a in b.controllers]) for b in bands(control_claims(cases, {}))]
    assert found == [("2024-12-01", ["sna"]), ("2024-12-03", ["hts"]), ("2024-12-05", [])]


def test_control_bands_leave_out_a_place_only_withdrawn_from():
    claims = control_claims([Case("sna", "withdrewFrom", "2024-12-01")], {})
    assert bands(claims) == [] and bands_by_place(claims) == {}
