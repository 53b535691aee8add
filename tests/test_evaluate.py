"""The project's own evaluation: gold files, alias tables, one-to-one matching, per-rule records, the command."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from graph.cli import main
from graph.evaluate import (Aliases, Evaluation, GoldItem, _score_document, _Written, evaluate, find_aliases,
                            read_gold)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HELDOUT = ROOT / "tests" / "data" / "heldout"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
ALIASES = Aliases.parse("HTS\tHayat Tahrir al-Sham|Tahrir al-Sham\nAssad government\tSyrian army|the regime\n")
PREFIXES = """@prefix ag: <https://w3id.org/actorgraph#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix claim: <https://w3id.org/actorgraph/id/claim/> .
"""
#: a build's output for one article: two asserted edges (one right, one wrong) and a denied claim
WRITTEN = PREFIXES + """
<urn:actors> { actor:hts rdfs:label "Hayat Tahrir al-Sham" . actor:saa skos:prefLabel "Syrian army" .
  actor:aleppo rdfs:label "Aleppo" . actor:iran rdfs:label "Iran" . }
<urn:doc> {
  actor:hts ag:controls actor:aleppo . actor:hts ag:opposes actor:iran .
  claim:1 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:aleppo ;
    ag:rule "controls.verb" ; ag:status ag:Asserted .
  claim:2 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:opposes ; rdf:object actor:iran ;
    ag:rule "opposes.verb" ; ag:status ag:Asserted .
  claim:3 a ag:Claim ; rdf:subject actor:iran ; rdf:predicate ag:backs ; rdf:object actor:saa ;
    ag:rule "backs.verb" ; ag:status ag:Denied .
}
"""


def gold_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc01.gold.tsv"
    path.write_text("# subject\trelation\tobject\tevidence\n" + text, encoding="utf-8")
    return path


def scored(written: str, gold: str, tmp_path: Path) -> Evaluation:
    store = Store()
    store.load(written.encode(), format=RdfFormat.TRIG)
    result = Evaluation()
    _score_document("doc01.txt", _Written(store, ALIASES), *read_gold(gold_file(tmp_path, gold), ALIASES), result)
    return result


# ---- gold files and aliases ----------------------------------------------------------------------

def test_evaluate_gold_alternatives_aliases_and_unscored_lines(tmp_path):
    path = gold_file(tmp_path, "Tahrir al-Sham|Nusra\tcontrols\tAleppo\tx\n?the regime\twithdrew_from\tAleppo\tx\n"
                               "Nusra|Hayat Tahrir al-Sham\tcontrols\tAleppo\tsame after aliasing\n")
    gold, unscored = read_gold(path, ALIASES)
    assert gold == [GoldItem(frozenset({"HTS", "nusra"}), frozenset({"controls"}), frozenset({"aleppo"}))]
    assert unscored == [GoldItem(frozenset({"Assad government"}), frozenset({"withdrewfrom"}), frozenset({"aleppo"}))]


def test_evaluate_malformed_gold_line_names_file_and_line(tmp_path):
    path = gold_file(tmp_path, "HTS controls Aleppo\n")
    with pytest.raises(ValueError, match=r"doc01\.gold\.tsv:2: expected subject, relation and object"):
        read_gold(path, ALIASES)


@pytest.mark.parametrize("triple, fits", [
    (("HTS", "alliedwith", "SNA"), True), (("SNA", "alliedwith", "HTS"), True),
    (("SNA", "backs", "HTS"), False), (("HTS", "backs", "SNA"), True),
], ids=["symmetric_as_written", "symmetric_reversed", "directed_reversed", "directed"])
def test_evaluate_only_allied_with_is_symmetric(triple, fits):
    relation = triple[1]
    assert GoldItem(frozenset({"HTS"}), frozenset({relation}), frozenset({"SNA"})).fits(triple) is fits


def test_evaluate_finds_the_corpus_alias_table():
    assert find_aliases(EXAMPLES) == EXAMPLES / "aliases.tsv"
    assert find_aliases(HELDOUT) == HELDOUT / "aliases.tsv"
    assert find_aliases(ROOT / "graph") is None


# ---- scoring one article -------------------------------------------------------------------------

def test_evaluate_counts_hits_misses_and_false_positives(tmp_path):
    result = scored(WRITTEN, "HTS\tcontrols\tAleppo\tx\nIran\tbacks\tAssad government\tx\n", tmp_path)
    assert (result.tp, result.fp, result.fn) == (Counter(controls=1), Counter(opposes=1), Counter(backs=1))
    assert result.lines == ["doc01.txt MISS  iran backs Assad government", "doc01.txt HIT   HTS controls aleppo",
                            "doc01.txt FALSE HTS opposes iran"]


def test_evaluate_a_triple_fitting_an_unscored_line_is_no_false_positive(tmp_path):
    result = scored(WRITTEN, "HTS\tcontrols\tAleppo\tx\n?HTS\topposes\tIran\tolder war\n", tmp_path)
    assert sum(result.fp.values()) == 0 and result.micro_f1 == 1.0


def test_evaluate_matches_gold_to_triples_one_to_one(tmp_path):
    """Two gold lines that one triple fits: one is found, the other missed."""
    result = scored(WRITTEN, "HTS\tcontrols\tAleppo\tx\nHTS|Nusra\tcontrols\tAleppo|Idlib\tx\n", tmp_path)
    assert (result.tp["controls"], result.fn["controls"]) == (1, 1)


def test_evaluate_records_what_each_rule_did(tmp_path):
    rules = scored(WRITTEN, "HTS\tcontrols\tAleppo\tx\n", tmp_path).rules
    assert {name: (r.fired, r.edges, r.right, r.wrong) for name, r in rules.items()} == {
        "controls.verb": (1, 1, 1, 0), "opposes.verb": (1, 1, 0, 1), "backs.verb": (1, 0, 0, 0)}
    assert rules["opposes.verb"].precision == 0.0 and rules["backs.verb"].precision is None


# ---- whole corpora on the real model ---------------------------------------------------------------

@pytest.mark.slow
def test_evaluate_in_memory_equals_scoring_what_the_build_wrote(tmp_path, extractor):
    """``evaluate`` builds in memory; the figures are those of the files ``actorgraph build`` writes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("doc01.txt", "doc01.meta.json", "doc01.gold.tsv", "doc03.txt", "doc03.meta.json", "doc03.gold.tsv"):
        shutil.copy(EXAMPLES / name, corpus / name)
    aliases = Aliases.read(EXAMPLES / "aliases.tsv")
    from_files = Evaluation()
    for doc in ("doc01", "doc03"):
        out = tmp_path / doc
        assert main(["build", str(corpus / f"{doc}.txt"), "--out", str(out), "--quiet", "--no-validate"]) == 0
        store = Store()
        store.load(path=str(out / "graph.trig"), format=RdfFormat.TRIG)
        _score_document(f"{doc}.txt", _Written(store, aliases), *read_gold(corpus / f"{doc}.gold.tsv", aliases),
                        from_files)
    in_memory = evaluate(corpus, EXAMPLES / "aliases.tsv", extractor=extractor)
    assert (in_memory.tp, in_memory.fp, in_memory.fn, in_memory.lines) == \
        (from_files.tp, from_files.fp, from_files.fn, from_files.lines)


#: the held-out batches the floor below was set for (batches 1-8, doc11-doc74); later batches (9: doc81-88,
#: 10: doc91-98) are scored on arrival (tests/data/heldout/README.md) and join the floor only once the rules
#: have been tuned on them
TUNED_HELDOUT = sorted(p for p in HELDOUT.glob("doc*.txt") if int(p.stem[3:]) < 80)


def _tuned_heldout(folder: Path) -> Path:
    """A corpus folder of the tuned held-out batches only, with the held-out aliases."""
    folder.mkdir()
    shutil.copy(HELDOUT / "aliases.tsv", folder / "aliases.tsv")
    for text in TUNED_HELDOUT:
        for path in HELDOUT.glob(f"{text.stem}.*"):
            shutil.copy(path, folder / path.name)
    return folder


def test_evaluate_heldout_floor_covers_the_batches_it_was_set_for():
    assert [p.stem for p in TUNED_HELDOUT][:1] == ["doc11"] and len(TUNED_HELDOUT) == 31
    assert any(int(p.stem[3:]) >= 80 for p in HELDOUT.glob("doc*.txt"))  # batches 9 and 10: their arrival scores


@pytest.mark.slow
@pytest.mark.parametrize("corpus, floor", [(EXAMPLES, 0.85), (HELDOUT, 0.80)], ids=["examples", "heldout_batches_1_8"])
def test_evaluate_project_corpora_reach_their_floor(corpus, floor, extractor, tmp_path):
    if corpus == HELDOUT:
        corpus = _tuned_heldout(tmp_path / "heldout")
    result = evaluate(corpus, extractor=extractor)
    precision, _, f1 = result.scores()
    assert result.documents >= 5 and f1 >= floor and precision >= 0.9, (result.tp, result.fp, result.fn)


@pytest.mark.slow
def test_evaluate_command_prints_the_shared_scorers_figures(capsys):
    assert main(["eval", str(EXAMPLES), "--rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["rule", "fired", "edges", "right", "wrong", "precision"]
    assert out[-1].startswith("micro F1 ")
    if not SCORER.exists():  # the shared scorer is beside the workplace's checkout, not a clone's
        return
    shared = subprocess.run([sys.executable, str(SCORER), str(EXAMPLES), "--aliases", str(EXAMPLES / "aliases.tsv"),
                             "--cmd", f"{sys.executable} -m graph.cli build {{input}} --out {{out}} --quiet --no-validate"],
                            capture_output=True, text=True, cwd=ROOT)
    assert shared.returncode == 0, shared.stderr[-2000:]
    scores = out[next(i for i, line in enumerate(out) if line.startswith("relation ")):]
    assert scores == shared.stdout.strip().splitlines()


@pytest.mark.parametrize("args, problem", [
    (["eval", "NOWHERE"], "NOWHERE: not a folder"),
    (["eval", "EMPTY"], "no docNN.txt article with a docNN.gold.tsv"),
    (["eval", str(EXAMPLES), "--aliases", "NOWHERE.tsv"], "NOWHERE.tsv: alias table not found"),
], ids=["missing_corpus", "no_gold", "missing_aliases"])
def test_evaluate_command_bad_input_is_one_line(tmp_path, capsys, args, problem):
    (tmp_path / "EMPTY").mkdir()
    args = [str(tmp_path / a) if a in ("NOWHERE", "EMPTY", "NOWHERE.tsv") else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("actorgraph: error: ") and problem in err and err.count("\n") == 1


@pytest.mark.slow
def test_evaluate_rules_eval_lists_every_record_of_a_relation_even_unfired(capsys):
    assert main(["rules", "--eval", str(EXAMPLES), "--relation", "leads"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in out[1:-1]}
    assert out[-1].startswith("micro F1 ") and all(name.startswith("leads.") for name in rows)
    assert rows["leads.noun"][:4] == ["2", "2", "2", "0"]
    assert [row for name, row in rows.items() if row[0] == "0"], "a record that never fired is listed with 0"
