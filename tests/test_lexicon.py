"""The lexicon: word lists as Turtle files, read over one another, with one-line errors for bad files."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from graph.actors import ActorDictionary
from graph.cli import main
from graph.config import Settings
from graph.extract import Extractor
from graph.lexicon import LEX, Lexicon, LexiconError, bundled_files, default_lexicon
from graph.namespaces import AG
from graph.parallel import _portable
from graph.queries import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
HEAD = """@prefix ag: <https://w3id.org/actorgraph#> .
@prefix lex: <https://w3id.org/actorgraph/lexicon#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
BASE = HEAD + """
lex:capture-verbs a ag:WordList ; skos:definition "Lemmas." ; ag:word "capture", "seize", "overrun" .
lex:verb-forms a ag:WordList ; ag:form "retook=retake", "overran=overrun" .
"""


def write(tmp_path: Path, text: str, name: str = "mine.ttl") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- the bundled files ---------------------------------------------------------------------------

def test_lexicon_bundled_reads_every_file_of_the_lexicon_folder():
    files = bundled_files()
    assert {p.name for p in files} >= {"coref.ttl", "actors.ttl"}
    keys = set(Lexicon.bundled().keys())
    for path in files:
        declared = {str(s)[len(LEX):] for s in rdflib.Graph().parse(path).subjects(RDF.type, AG.WordList)}
        assert declared and declared <= keys, path.name


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.name)
def test_lexicon_bundled_entries_say_what_their_words_are(path):
    graph = rdflib.Graph().parse(path)
    for entry in graph.subjects(RDF.type, AG.WordList):
        assert graph.value(entry, SKOS.prefLabel) is not None, entry
        assert graph.value(entry, SKOS.definition) is not None, entry
        assert list(graph.objects(entry, AG.word)) or list(graph.objects(entry, AG.form)), f"{entry}: no words"


def test_lexicon_bundled_keys_are_read_once_per_file_set():
    assert default_lexicon() is default_lexicon()
    assert default_lexicon() == Lexicon.bundled()
    assert {"he", "she"} <= Lexicon.bundled().words("person-pronouns")
    assert "secretary of state" in Lexicon.bundled().words("titles")


def test_lexicon_ontology_declares_its_vocabulary():
    ontology = rdflib.Graph().parse(ontology_dir() / "actorgraph.ttl")
    assert (AG.WordList, RDF.type, OWL.Class) in ontology
    for term in (AG.word, AG.notWord, AG.form):
        assert (term, RDF.type, OWL.DatatypeProperty) in ontology, term


def test_lexicon_files_are_package_data():
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = setup["package-data"]["ontology"]  # the package ontology/ (see pyproject.toml)
    shipped = {p.relative_to(ROOT / "ontology") for pattern in patterns for p in (ROOT / "ontology").glob(pattern)}
    # relative names: the bundled files are the installed package's when CI tests the wheel
    assert {p.relative_to(ontology_dir()) for p in bundled_files()} <= shipped


# ---- reading files over one another --------------------------------------------------------------

def test_lexicon_user_file_adds_words_and_entries_and_removes_words(tmp_path):
    user = write(tmp_path, HEAD + """
lex:capture-verbs ag:word "storm" ; ag:notWord "overrun" .
lex:verb-forms ag:notWord "overran" .
lex:truce-verbs a ag:WordList ; ag:word "agree", "sign" .
""")
    lexicon = Lexicon.from_turtle(BASE, user)
    assert lexicon.words("capture-verbs") == {"capture", "seize", "storm"}
    assert lexicon.pairs("verb-forms") == {"retook": "retake"}
    assert lexicon.words("truce-verbs") == {"agree", "sign"}
    assert lexicon.keys() == ["capture-verbs", "truce-verbs", "verb-forms"]


def test_lexicon_later_file_may_add_back_a_removed_word(tmp_path):
    remove = write(tmp_path, HEAD + 'lex:capture-verbs ag:notWord "seize" .\n', "remove.ttl")
    restore = write(tmp_path, HEAD + 'lex:capture-verbs ag:word "seize" .\n', "restore.ttl")
    assert "seize" not in Lexicon.from_turtle(BASE, remove).words("capture-verbs")
    assert "seize" in Lexicon.from_turtle(BASE, remove, restore).words("capture-verbs")


def test_lexicon_bundled_reads_extra_files_over_the_bundled_ones(tmp_path):
    user = write(tmp_path, HEAD + 'lex:titles ag:word "field marshal" ; ag:notWord "leader" .\n')
    bundled, mine = Lexicon.bundled(), Lexicon.bundled(user)
    assert mine.words("titles") == bundled.words("titles") - {"leader"} | {"field marshal"}
    assert mine.words("group-pronouns") == bundled.words("group-pronouns")


def test_lexicon_unknown_key_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="lex:no-such-list"):
        Lexicon.bundled().words("no-such-list")
    with pytest.raises(KeyError, match="lex:no-such-list"):
        Lexicon.bundled().pairs("no-such-list")


# ---- bad files -----------------------------------------------------------------------------------

BAD = {
    "not-turtle": (HEAD + "lex:x a ag:WordList ; ag:word \"a\" \n", "not a usable Turtle lexicon"),
    "xml": ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
            "this is XML"),
    "outside-namespace": (HEAD + '<https://example.org/verbs> a ag:WordList ; ag:word "a" .\n',
                          "is not a lexicon entry"),
    "key-not-kebab": (HEAD + 'lex:CaptureVerbs a ag:WordList ; ag:word "a" .\n', "is not a lexicon entry"),
    "upper-case-word": (HEAD + 'lex:titles ag:word "General" .\n', "'General' is not a word"),
    "empty-word": (HEAD + 'lex:titles ag:word " " .\n', "is not a word"),
    "number": (HEAD + 'lex:titles ag:word 3 .\n', "is not a word (words are plain strings)"),
    "iri-word": (HEAD + 'lex:titles ag:word lex:general .\n', "is not a word (words are plain strings)"),
    "bad-form": (HEAD + 'lex:verb-forms a ag:WordList ; ag:form "retook" .\n', "is not a form pair"),
    "mistyped-key": (HEAD + 'lex:titels ag:word "marshal" .\n', "lex:titels: no such entry to extend"),
}


@pytest.mark.parametrize("text, problem", BAD.values(), ids=BAD.keys())
def test_lexicon_bad_file_is_one_line_naming_the_file(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as caught:
        Lexicon.bundled(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_lexicon_missing_file_is_named(tmp_path):
    with pytest.raises(LexiconError, match=r"nothere\.ttl: lexicon file not found$"):
        Lexicon.bundled(tmp_path / "nothere.ttl")


@pytest.mark.parametrize("name", ["missing", "not-turtle", "mistyped-key"])
def test_lexicon_cli_build_with_bad_lexicon_fails_before_writing(tmp_path, capsys, name):
    path = tmp_path / "bad.ttl"
    if name != "missing":
        path.write_text(BAD[name][0] if name in BAD else "", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "examples"), "--out", str(out), "--lexicon", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"actorgraph: error: {path}: ") and err.count("\n") == 1, err
    assert not out.exists()


# ---- the lexicon reaches the extraction ----------------------------------------------------------

def test_lexicon_settings_reach_the_extractor_and_its_dictionary(tmp_path):
    user = write(tmp_path, HEAD + 'lex:titles ag:word "grand vizier" .\n')
    extractor = Extractor(Settings(lexicon_files=(user,)))
    assert extractor.dictionary.lexicon is extractor.lexicon
    assert extractor.dictionary.lookup("Grand Vizier Recep Tayyip Erdogan").label == "Recep Tayyip Erdogan"
    assert Extractor().dictionary.lookup("Grand Vizier Recep Tayyip Erdogan") is None


def test_lexicon_settings_reach_the_api_dictionary(tmp_path):
    """ActorGraph.resolve falls back on its dictionary: the user's lexicon must shape it too."""
    from graph.api import ActorGraph

    user = write(tmp_path, HEAD + 'lex:titles ag:word "grand vizier" .\n')
    with ActorGraph(settings=Settings(lexicon_files=(user,))) as g:
        assert g.dictionary.lookup("Grand Vizier Recep Tayyip Erdogan").label == "Recep Tayyip Erdogan"
    with ActorGraph() as g:
        assert g.dictionary.lookup("Grand Vizier Recep Tayyip Erdogan") is None


def test_lexicon_sentence_guard_takes_its_abbreviations_from_config():
    import spacy

    import graph.nlp.components  # noqa: F401  (registers the factory, as the installed entry point does)

    nlp = spacy.blank("en")
    nlp.add_pipe("actorgraph_sentence_guard", config={"abbreviations": ["sen."]})
    doc = nlp("Sen. Graham spoke. Gen. Abbas left.")
    assert [t.text for t in doc if t.is_sent_start is False] == ["Graham"]  # "gen." is not in this list


@pytest.mark.slow
def test_lexicon_user_abbreviations_reach_the_pipelines_sentence_guard(tmp_path):
    user = write(tmp_path, HEAD + 'lex:sentence-abbreviations ag:word "fld." .\n')
    guard = Extractor(Settings(lexicon_files=(user,))).nlp.get_pipe("actorgraph_sentence_guard")
    assert {"fld.", "gen."} <= guard.abbreviations


def test_lexicon_removing_a_title_changes_the_lookup(tmp_path):
    user = write(tmp_path, HEAD + 'lex:titles ag:notWord "president" .\n')
    dictionary = ActorDictionary.bundled(lexicon=Lexicon.bundled(user))
    assert dictionary.lookup("President Recep Tayyip Erdogan") is None
    assert ActorDictionary.bundled().lookup("President Recep Tayyip Erdogan").label == "Recep Tayyip Erdogan"


def test_lexicon_travels_to_remote_workers_as_text(tmp_path):
    user = write(tmp_path, HEAD + 'lex:titles ag:word "field marshal" .\n')
    settings, _, texts = _portable(Settings(lexicon_files=(user,)))
    assert settings.lexicon_files == ()
    assert Lexicon.from_turtle(*texts) == Lexicon.bundled(user)
