"""The ontology folder: the OWL ontology, the actor dictionary and the SHACL shapes agree with each
other, with the data model (graph.namespaces) and with the scorer's alias table."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from graph.actors import ActorDictionary, bundled_files
from graph.namespaces import ACTOR, AG, RELATIONS, STATUSES, relation_iri, status_iri
from graph.queries import ontology_dir
from graph.validate import validate

ROOT = Path(__file__).resolve().parent.parent
FILES = ["actorgraph.ttl", "shapes.ttl", *(f"actors/{p.name}" for p in bundled_files())]
#: the evaluation's alias table: the project's own (examples/aliases.tsv, the copy `actorgraph eval` reads)
ALIAS_TABLE = ROOT / "examples" / "aliases.tsv"
#: folded names deliberately given to two actors, with the reason (none so far)
SHARED_NAMES: dict[str, str] = {}
#: table aliases deliberately given to another actor than their canonical's, with the reason
ALIASES_ELSEWHERE = {
    "Idlib province": "idlib-governorate: the table folds the province into the city, the dictionary keeps the "
                      "Region apart (the scorer still maps both to Idlib, by this very alias)",
    "Idlib Governorate": "idlib-governorate: as above",
}
#: terms of the data model that the ontology must define (besides classes, relations and statuses)
PROPERTIES = ["sentence", "charStart", "charEnd", "rule", "confidence", "status", "reportedBy", "eventDate",
              "supersededBy", "discovered", "adjective", "locatedIn", "wordCount", "contentHash", "extractor"]
CLASSES = ["Actor", "State", "Government", "ArmedForces", "ArmedGroup", "Coalition", "PoliticalOrganization", "Organization",
           "Person", "Place", "Settlement", "BorderCrossing", "Region", "Facility", "Document", "Claim", "ClaimStatus"]


def norm(text: str) -> str:
    """The alias table's folding (a copy of the scorer's, so that the test does not import from shared/)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def parse(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / name, format="turtle")


ONTOLOGY = parse("actorgraph.ttl")
ACTORS = rdflib.Graph()
for _path in bundled_files():
    ACTORS.parse(_path, format="turtle")
SHAPES = parse("shapes.ttl")
DICTIONARY = sorted(set(ACTORS.subjects(SKOS.prefLabel, None)))


def alias_table() -> dict[str, list[str]]:
    """Canonical name -> its aliases (canonical first), from the evaluation's table."""
    table = {}
    for line in ALIAS_TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, _, aliases = line.partition("\t")
            table[canonical] = [canonical, *aliases.split("|")]
    return table


def names_of(actor: URIRef, descriptors: bool = False) -> list[str]:
    """Every name of an actor, and with ``descriptors`` the words that name it in a report about its theatre."""
    kinds = (SKOS.prefLabel, SKOS.altLabel, *((AG.descriptor,) if descriptors else ()))
    return [str(o) for p in kinds for o in ACTORS.objects(actor, p)]


@functools.cache  # read-only for its callers: built once for the many parametrised alias checks
def by_name(descriptors: bool = False) -> dict[str, set[URIRef]]:
    index: dict[str, set[URIRef]] = defaultdict(set)
    for actor in DICTIONARY:
        for name in names_of(actor, descriptors):
            index[norm(name)].add(actor)
    return index


def subclasses(root: URIRef) -> set[URIRef]:
    return set(ONTOLOGY.transitive_subjects(RDFS.subClassOf, root))


ACTOR_CLASSES = subclasses(AG.Actor) | subclasses(AG.Place)


# ---- every file parses ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_ontology_file_parses_with_rdflib(name):
    assert len(parse(name)) > 50


@pytest.mark.parametrize("name", FILES)
def test_ontology_file_parses_with_pyoxigraph(name):
    store = Store()
    store.load(path=str(ontology_dir() / name), format=RdfFormat.TURTLE)
    assert len(store) == len(parse(name))


def test_ontology_dir_is_the_checkout_folder_or_the_installed_package():
    assert {str(p.relative_to(ontology_dir())) for p in ontology_dir().glob("**/*.ttl")} >= set(FILES)


# ---- the OWL ontology ----------------------------------------------------------------------------

@pytest.mark.parametrize("term", sorted({s for s in ONTOLOGY.subjects() if str(s).startswith(str(AG))}, key=str),
                         ids=lambda t: str(t).rsplit("#", 1)[-1])
def test_ontology_every_term_has_label_and_definition(term):
    assert ONTOLOGY.value(term, RDFS.label) is not None
    assert ONTOLOGY.value(term, SKOS.definition) is not None


@pytest.mark.parametrize("name", CLASSES)
def test_ontology_declares_class(name):
    assert (AG[name], RDF.type, OWL.Class) in ONTOLOGY


@pytest.mark.parametrize("name", RELATIONS)
def test_ontology_declares_relation_with_domain_range_and_alignment_note(name):
    prop = relation_iri(name)
    assert (prop, RDF.type, OWL.ObjectProperty) in ONTOLOGY
    assert ONTOLOGY.value(prop, RDFS.domain) == AG.Actor
    assert ONTOLOGY.value(prop, RDFS.range) == (AG.Place if name in ("controls", "withdrewFrom") else AG.Actor)
    assert ONTOLOGY.value(prop, RDFS.comment) is not None


def test_ontology_allied_with_is_symmetric_and_only_it():
    symmetric = set(ONTOLOGY.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {AG.alliedWith}


@pytest.mark.parametrize("name", PROPERTIES)
def test_ontology_declares_data_model_property(name):
    kinds = set(ONTOLOGY.objects(AG[name], RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}


def test_ontology_claim_statuses_are_the_data_model_statuses():
    individuals = set(ONTOLOGY.subjects(RDF.type, AG.ClaimStatus))
    assert individuals == {URIRef(str(status_iri(s))) for s in STATUSES}


def test_ontology_claim_is_a_reified_statement_and_a_prov_entity():
    assert set(ONTOLOGY.objects(AG.Claim, RDFS.subClassOf)) == {RDF.Statement, URIRef("http://www.w3.org/ns/prov#Entity")}


# ---- the actor dictionary ------------------------------------------------------------------------

def test_ontology_dictionary_has_enough_actors():
    assert len(DICTIONARY) >= 60


def test_ontology_dictionary_loads_into_the_actor_dictionary():
    dictionary = ActorDictionary.bundled()
    assert len(dictionary) == len(DICTIONARY)
    assert dictionary.lookup("President Bashar al-Assad").iri == str(ACTOR["bashar-al-assad"])
    assert dictionary.by_adjective("Turkish").iri == str(ACTOR.turkey)


@pytest.mark.parametrize("actor", DICTIONARY, ids=lambda a: str(a).rsplit("/", 1)[-1])
def test_ontology_dictionary_actor_is_well_formed(actor):
    slug = str(actor)[len(str(ACTOR)):]
    assert str(actor).startswith(str(ACTOR)) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    types = set(ACTORS.objects(actor, RDF.type))
    assert len(types) == 1 and types <= ACTOR_CLASSES, f"{slug}: one class declared in actorgraph.ttl, got {types}"
    labels = list(ACTORS.objects(actor, SKOS.prefLabel))
    assert len(labels) == 1, f"{slug}: exactly one skos:prefLabel"
    for name in (*labels, *ACTORS.objects(actor, SKOS.altLabel), *ACTORS.objects(actor, AG.adjective),
                 *ACTORS.objects(actor, AG.descriptor)):
        assert isinstance(name, Literal) and name.language is None and name.datatype in (None, XSD.string), name
        assert name.strip() == str(name) and str(name), f"{slug}: {name!r} has stray spaces"
    assert list(ACTORS.objects(actor, RDFS.label)) == labels, f"{slug}: rdfs:label repeats the prefLabel"
    for link in (AG.memberOf, AG.locatedIn, AG.theatre):
        for target in ACTORS.objects(actor, link):
            assert target in DICTIONARY, f"{slug}: {link} points at {target}, not in the dictionary"


def test_ontology_dictionary_places_are_located():
    places = [a for a in DICTIONARY if ACTORS.value(a, RDF.type) in subclasses(AG.Place)]
    unlocated = {str(p).rsplit("/", 1)[-1] for p in places if ACTORS.value(p, AG.locatedIn) is None}
    assert len(places) >= 40
    assert unlocated <= {"golan-heights", "masnaa-crossing"}  # occupied, and in Lebanon


def test_ontology_dictionary_no_name_belongs_to_two_actors():
    shared = {name: sorted(str(a) for a in actors) for name, actors in by_name().items()
              if len(actors) > 1 and name not in SHARED_NAMES}
    assert shared == {}


def test_ontology_dictionary_descriptors_belong_to_a_theatre_and_are_nobody_s_name():
    """A descriptor ("the army", "the paramilitaries") may be shared by the actors of several theatres,
    since the report's theatre decides; so each descriptor's actor has a theatre, and no descriptor is a
    name of another actor (names apply in every report, so "the army" as a name would override every theatre)."""
    names = by_name()
    untied = sorted({str(a) for a in ACTORS.subjects(AG.descriptor, None) if ACTORS.value(a, AG.theatre) is None})
    named = sorted({str(d) for a, d in ACTORS.subject_objects(AG.descriptor) if names.get(norm(str(d)), set()) - {a}})
    assert (untied, named) == ([], [])


def test_ontology_dictionary_no_adjective_belongs_to_two_actors_or_names_another():
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for actor, adjective in ACTORS.subject_objects(AG.adjective):
        owners[norm(str(adjective))].add(actor)
    names = by_name()
    clashes = {adj: sorted(map(str, actors | names.get(adj, set()))) for adj, actors in owners.items()
               if len(actors | names.get(adj, set())) > 1}
    assert clashes == {}


@pytest.mark.parametrize("name", ["Turkish", "Russian", "Iranian", "Israeli", "American", "U.S.", "Jordanian", "Kurdish"])
def test_ontology_dictionary_has_adjective(name):
    assert any(norm(str(o)) == norm(name) for o in ACTORS.objects(None, AG.adjective))


@pytest.mark.slow  # pySHACL over the whole dictionary: about 2 s of CPU
def test_ontology_dictionary_conforms_to_the_actor_shapes():
    """The dictionary's actors are what the shapes expect of actors (its stable background
    relations carry no claims, so they are left out here)."""
    graph = rdflib.Graph()
    for s, p, o in ACTORS:
        if p not in {AG[r] for r in RELATIONS}:
            graph.add((s, p, o))
    report = validate(graph)
    assert report.conforms, report.violations[:5]


# ---- agreement with the scorer's alias table -----------------------------------------------------

def _canonicals() -> list[str]:
    return [line.split("\t", 1)[0] for line in ALIAS_TABLE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("canonical", _canonicals())
def test_ontology_alias_table_canonical_and_aliases_resolve_to_one_actor(canonical):
    table = alias_table()
    names, described = by_name(), by_name(descriptors=True)
    found = names.get(norm(canonical)) or described.get(norm(canonical), set())
    assert len(found) == 1, f"{canonical!r} is not a dictionary name"
    (actor,) = found
    preferred = ACTORS.value(actor, SKOS.prefLabel)
    assert norm(str(preferred)) in {norm(n) for n in table[canonical]}, f"prefLabel {preferred!r} is not a name of {canonical!r}"
    # a name must be the actor's alone; a descriptor ("government forces") may also name other theatres' actors
    missing = [alias for alias in table[canonical] if names.get(norm(alias)) != {actor}
               and (norm(alias) in names or actor not in described.get(norm(alias), set()))]
    elsewhere = [alias for alias in missing if alias in ALIASES_ELSEWHERE
                 and {str(a).rsplit("/", 1)[-1] for a in names.get(norm(alias), ())}
                 == {ALIASES_ELSEWHERE[alias].split(":", 1)[0]}]
    assert missing == elsewhere, f"aliases of {canonical!r} not given to {actor}"


def test_ontology_dictionary_actor_names_map_to_one_scorer_canonical():
    """The scorer takes the first name of a node it knows: every name the table knows must agree."""
    folded = {norm(alias): canonical for canonical, aliases in alias_table().items() for alias in aliases}
    split = {str(a): sorted({folded[norm(n)] for n in names_of(a) if norm(n) in folded}) for a in DICTIONARY}
    assert {a: c for a, c in split.items() if len(c) > 1} == {}


# ---- shapes and ontology agree --------------------------------------------------------------------

def test_ontology_shapes_target_every_actor_class_by_name():
    """The shapes run without inference, so they must name each actor and place class."""
    targets = set(SHAPES.objects(URIRef("https://w3id.org/actorgraph/shapes#ActorShape"), SH.targetClass))
    assert targets == ACTOR_CLASSES | {AG.Actor, AG.Place}


def test_ontology_shapes_list_the_data_model_relations_and_statuses():
    lists = [set(Collection(SHAPES, node)) for node in SHAPES.objects(None, SH["in"])]
    assert {relation_iri(r) for r in RELATIONS} in lists
    assert {status_iri(s) for s in STATUSES} in lists
