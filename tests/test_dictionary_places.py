"""The coordinates of the dictionary's places and of the places of built corpora, checked against real
data: each lies inside (or within :data:`NEAR_KM` of) the Natural Earth outline of the country it is
``ag:locatedIn`` (graph/outlines.py). This is what catches a Hama drawn in Japan, a Rafah of Egypt
written for Gaza's, or a latitude and longitude swapped in a dictionary file."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from graph.actors import ActorDictionary
from graph.api import ActorGraph
from graph.coref import document_mentions
from graph.ingest import iter_documents
from graph.outlines import countries_at, distance_km, outlines
from graph.places import dictionary_place, locate
from graph.queries import load

ROOT = Path(__file__).resolve().parent.parent
#: how far outside its country's outline a place may lie: the 1:50m outlines smooth coasts and borders
#: by a few kilometres, and a town on a border river or a crossing sits on the line itself
NEAR_KM = 25.0
#: places the 1:50m outlines do not draw (small islands), each with how far it truly lies from them
OFF_THE_OUTLINES = {
    "kharg-island": 40.0,  # a 20 km2 island 30 km off Iran's coast, absent from the 1:50m outlines
    "snake-island": 45.0,  # a 0.2 km2 island 35 km off Ukraine's coast, likewise
}
#: territories Natural Earth draws in the country that holds them, not in the state the dictionary
#: locates them in: a place in one (``ag:locatedIn`` it, at any depth) may lie in either
DRAWN_IN = {
    "https://w3id.org/actorgraph/id/actor/crimea": "RU",  # Natural Earth's de facto line since 2014
}


@functools.cache
def bundled() -> ActorDictionary:
    return ActorDictionary.bundled()


def _slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _codes(d: ActorDictionary, iri: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The ISO codes of every state a dictionary place lies in, following ag:locatedIn up (Lake Chad lies
    in four, Abyei in two), with the country :data:`DRAWN_IN` draws a territory on its way in."""
    found = {DRAWN_IN[iri]} if iri in DRAWN_IN else set()
    for parent in d.located_in.get(iri, ()):
        if parent in d.actors and d.actors[parent].type == "State":
            found |= {c for c in (d.country_code(parent),) if c}
        elif parent not in seen:
            found |= _codes(d, parent, seen | {iri})
    return found


def _located_places() -> list[tuple[str, str, str, float, float, bool]]:
    """(slug, class, ISO codes of its states, lat, long, written in its file) for every dictionary place
    that has coordinates, as a build gives them (its file's, else the gazetteer's in its state)."""
    d = bundled()
    rows = []
    for actor in d:
        if not d.is_place(actor):
            continue
        location = dictionary_place(d, actor).location
        if location is not None and location.lat is not None:
            codes = " ".join(sorted(_codes(d, actor.iri)))
            rows.append((_slug(actor.iri), actor.type, codes, location.lat, location.long, actor.iri in d.coordinates))
    return sorted(rows)


PLACES = _located_places()


def _check(slug: str, codes: str | None, lat: float, long: float) -> None:
    """The place lies within :data:`NEAR_KM` of the outline of one of its states (ISO codes, space-separated);
    a place the dictionary leaves in no state (the Golan Heights, whose status is disputed) lies on land,
    within as far of some country's outline."""
    codes = codes or " ".join(outlines())
    distances = [d for code in codes.split() if (d := distance_km(code, lat, long)) is not None]
    assert distances, f"{slug}: no outline for {codes}"
    far = min(distances)
    allowed = OFF_THE_OUTLINES.get(slug, NEAR_KM)
    assert far <= allowed, f"{slug} ({lat}, {long}) is {far:.0f} km outside {codes}, in {countries_at(lat, long) or 'the sea'}"


@pytest.mark.parametrize(("slug", "kind", "code", "lat", "long", "written"), PLACES, ids=[p[0] for p in PLACES])
def test_dictionary_places_coordinates_lie_in_their_country(slug, kind, code, lat, long, written):
    _check(slug, code, lat, long)


def test_dictionary_places_the_check_finds_a_wrong_country():
    """The same check refuses Japan's Hama for Syria, Lebanon's Tripoli for Libya, a swapped pair and a
    stateless place in mid-Atlantic (Gaza's
    Rafah is 4 km from Egypt's outline: that confusion is the gazetteer's to avoid, tests/test_gazetteer.py)."""
    for code, lat, long in (("SY", 34.43, 135.93), ("LY", 34.44, 35.85), ("SY", 36.76, 35.13), ("", 33.0, -40.0)):
        with pytest.raises(AssertionError, match="outside"):
            _check("probe", code, lat, long)


def test_dictionary_places_drc_towns_are_located_in_the_dictionary_s_drc():
    """The state's ISO code is its file's skos:notation ("CD"): from its names, "Congo" gave Brazzaville's
    "CG", so a DRC report was searched in the wrong country and Goma was put in a second, minted state."""
    d = bundled()
    assert d.country_code(d.lookup("DR Congo").iri) == "CD"
    doc = Doc(spacy.blank("en").vocab, words="Congolese troops shelled Goma and Uvira .".split(),
              ents="B-NORP O O B-GPE O B-GPE O".split())
    mentions = locate(doc, document_mentions(doc, d), d)
    for i in (3, 5):
        location = mentions[i].actor.location
        assert location.country == d.lookup("DR Congo").iri
        assert countries_at(location.lat, location.long) == ["CD"]


def test_dictionary_places_written_coordinates_are_used_for_the_place():
    """A place whose file writes geo:lat/geo:long keeps them (the gazetteer never overrides them)."""
    written = [p for p in PLACES if p[5]]
    assert written, "no dictionary place writes its coordinates"
    d = bundled()
    for slug, _, _, lat, long, _ in written:
        assert (lat, long) == d.coordinates[f"https://w3id.org/actorgraph/id/actor/{slug}"]


# ---- the places of built corpora ----------------------------------------------------------------------

@functools.cache
def _built_places(corpus: str) -> tuple[tuple[str, str | None, float | None, float | None], ...]:
    """(label, state IRI, lat, long) of each place of an in-memory build of a corpus, from places.rq."""
    graph = ActorGraph()
    graph.add_documents(iter_documents([ROOT / corpus]))
    rows = graph.query(load("places"))
    return tuple((str(r["label"]), r.get("country"), float(r["lat"]) if "lat" in r else None,
                  float(r["long"]) if "long" in r else None) for r in rows)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["examples", "tests/data/heldout"], ids=["examples", "heldout"])
def test_dictionary_places_of_a_build_lie_in_their_country(corpus):
    d = bundled()
    states: dict[tuple[str, float, float], set[str]] = {}
    for label, state, lat, long in _built_places(corpus):
        if lat is not None:
            states.setdefault((label, lat, long), set()).add(state)
    assert states, f"no place of {corpus} has coordinates"
    for (label, lat, long), iris in states.items():
        _check(label, " ".join(sorted(c for s in iris if s in d.actors and (c := d.country_code(s)))), lat, long)


@pytest.mark.slow
@pytest.mark.parametrize("label", ["Idlib Governorate", "Kuweires airbase", "Nasib border crossing", "Resafa",
                                   "al-Quriyah"])
def test_dictionary_places_examples_places_the_gazetteer_lacks_are_drawable(label):
    """The dictionary's coordinates reach the store and places.rq for the places of examples/ that no
    gazetteer has: a region, an airbase, a border crossing and two villages (the Thawra oil field's
    position is not known well enough to write: it stays listed beside the map)."""
    d = bundled()
    rows = {p[0]: p for p in _built_places("examples")}
    assert label in rows
    _, _, lat, long = rows[label]
    assert (lat, long) == d.coordinates[d.lookup(label).iri]
