"""Extraction quality against hand-annotated gold relations: ``actorgraph eval CORPUS``.

A corpus is a folder of ``docNN.txt`` articles (with their ``.meta.json``) and ``docNN.gold.tsv``
files, one gold relation a line (``subject<TAB>relation<TAB>object<TAB>evidence``; fields may list
alternatives as ``A|B``; a subject starting with ``?`` marks a relation that is neither required nor
wrong). Names are mapped to canonical actors through an ``aliases.tsv`` (``canonical<TAB>a|b|c``).
Each article is built alone, as ``actorgraph build docNN.txt`` would build it, into a graph in
memory; what is scored is what the build wrote: the asserted relation triples between actors,
their nodes named by their labels. So the figures are the shared scorer's
(``shared/eval/score.py``, whose contract this module follows) without one process per article.

Gold relations are matched to the system's triples one to one (a maximum bipartite matching, by
networkx); a triple that matches no gold relation and fits no unscored one is a false positive.
Every claim also names its rule (``ag:rule``), so each rule's record is counted: how often it
fired, how often its claim gave an asserted edge that the gold confirms (right) or contradicts (wrong).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .actors import normalize
from .config import Settings
from .errors import UsageError
from .namespaces import RELATIONS, relation_iri

__all__ = ["Aliases", "GoldItem", "Evaluation", "RuleRecord", "read_gold", "evaluate", "format_scores",
           "format_rules", "find_aliases", "configure", "run"]

#: relation keys as the gold files and the scorer write them: lower case, no "_" or "-"
_KEYS = {re.sub(r"[_\-\s]", "", r.lower()): r for r in RELATIONS}
SYMMETRIC = frozenset({"alliedwith"})
#: the name properties the scorer reads, in its order of preference
_NAME_PROPERTIES = (
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://schema.org/name", "https://schema.org/name", "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2004/02/skos/core#altLabel",
)
Triple = tuple[str, str, str]


def relation_key(name: str) -> str:
    """A relation name as gold files and predicates compare it.

    >>> relation_key("withdrew_from"), relation_key("withdrewFrom"), relation_key("allied-with")
    ('withdrewfrom', 'withdrewfrom', 'alliedwith')
    """
    return re.sub(r"[_\-\s]", "", name.lower())


class Aliases:
    """Names -> canonical actors, for scoring only (the product keeps its own dictionary).

    >>> aliases = Aliases.parse("# comment\\nHTS\\tHayat Tahrir al-Sham|Tahrir al-Sham\\n")
    >>> aliases.canonical("the Hayat Tahrir al-Sham"), aliases.canonical("Unknown Brigade")
    ('HTS', 'unknown brigade')
    """

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.table = table or {}

    @classmethod
    def parse(cls, text: str) -> "Aliases":
        """The table of an ``aliases.tsv`` text: ``canonical<TAB>alias|alias``, ``#`` lines skipped.

        >>> Aliases.parse("SNA\\tSyrian National Army\\n").table
        {'sna': 'SNA', 'syrian national army': 'SNA'}
        """
        table: dict[str, str] = {}
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                canonical, _, names = line.partition("\t")
                for name in (canonical, *names.split("|")):
                    table.setdefault(normalize(name), canonical)
        return cls(table)

    @classmethod
    def read(cls, path: Path | None) -> "Aliases":
        """The table in ``path``; no table (names folded only) when ``path`` is None.

        >>> Aliases.read(None).canonical("The Syrian Army")
        'syrian army'
        """
        return cls.parse(path.read_text(encoding="utf-8")) if path is not None else cls()

    def canonical(self, name: str) -> str:
        """The canonical name of ``name``, else ``name`` folded.

        >>> Aliases.parse("SNA\\tSyrian National Army\\n").canonical("the Syrian National Army's")
        'SNA'
        """
        return self.table.get(normalize(name), normalize(name))

    def knows(self, name: str) -> bool:
        """Whether the table has ``name``.

        >>> Aliases.parse("SNA\\tSyrian National Army\\n").knows("sna"), Aliases().knows("SNA")
        (True, False)
        """
        return normalize(name) in self.table


@dataclass(frozen=True)
class GoldItem:
    """One gold relation: any of its subjects, relations and objects match.

    >>> str(GoldItem(frozenset({"HTS"}), frozenset({"controls"}), frozenset({"Aleppo", "Halab"})))
    'HTS controls Aleppo|Halab'
    """

    subjects: frozenset[str]
    relations: frozenset[str]
    objects: frozenset[str]

    def fits(self, triple: Triple) -> bool:
        """Whether a system triple (canonical subject, relation key, canonical object) is this relation.

        >>> GoldItem(frozenset({"HTS"}), frozenset({"controls"}), frozenset({"Aleppo"})).fits(("HTS", "controls", "Aleppo"))
        True
        """
        s, r, o = triple
        if r not in self.relations:
            return False
        return (s in self.subjects and o in self.objects) or (
            r in SYMMETRIC and o in self.subjects and s in self.objects)

    def __str__(self) -> str:
        return f"{'|'.join(sorted(self.subjects))} {sorted(self.relations)[0]} {'|'.join(sorted(self.objects))}"


def read_gold(path: Path, aliases: Aliases) -> tuple[list[GoldItem], list[GoldItem]]:
    """(scored, unscored) gold relations of one file; duplicates after aliasing count once.

    >>> import tempfile
    >>> gold = Path(tempfile.mkdtemp(), "doc01.gold.tsv")
    >>> _ = gold.write_text("# s r o\\nHTS\\tcontrols\\tAleppo\\tev\\n?SNA\\tcontrols\\tManbij\\tev\\nHTS\\tcontrols\\tAleppo\\t\\n")
    >>> scored, unscored = read_gold(gold, Aliases())
    >>> [str(g) for g in scored], [str(g) for g in unscored]
    (['hts controls aleppo'], ['sna controls manbij'])
    """
    scored: list[GoldItem] = []
    unscored: list[GoldItem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            raise ValueError(f"{path}:{number}: expected subject, relation and object separated by tabs")
        subject, relation, obj = fields[:3]
        item = GoldItem(frozenset(aliases.canonical(s) for s in subject.lstrip("?").split("|")),
                        frozenset(relation_key(r) for r in relation.split("|")),
                        frozenset(aliases.canonical(o) for o in obj.split("|")))
        target = unscored if subject.startswith("?") else scored
        if item not in target:
            target.append(item)
    return scored, unscored


@dataclass
class RuleRecord:
    """What one extraction rule did over a corpus.

    >>> RuleRecord(fired=4, edges=3, right=2, wrong=1).precision
    0.667
    """

    fired: int = 0    #: claims it made
    edges: int = 0    #: of which gave an asserted edge
    right: int = 0    #: edges that fit a gold relation
    wrong: int = 0    #: edges that fit neither a gold nor an unscored relation

    @property
    def precision(self) -> float | None:
        """right / (right + wrong), None while no edge of the rule was scored.

        >>> RuleRecord(fired=2).precision is None
        True
        """
        return round(self.right / (self.right + self.wrong), 3) if self.right + self.wrong else None


@dataclass
class Evaluation:
    """Counts per relation (true/false positives, false negatives), per rule, and the verbose lines.

    >>> Evaluation(tp=Counter(controls=2), fn=Counter(controls=2)).scores("controls")
    (1.0, 0.5, 0.667)
    """

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    rules: dict[str, RuleRecord] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    documents: int = 0

    def scores(self, relation: str | None = None) -> tuple[float, float, float]:
        """(precision, recall, F1) of one relation key, or micro-averaged over all of them.

        >>> Evaluation(tp=Counter(backs=3), fp=Counter(backs=1), fn=Counter(opposes=2)).scores()
        (0.75, 0.6, 0.667)
        """
        keys = [relation] if relation else list(_KEYS)
        t, p, n = (sum(c[k] for k in keys) for c in (self.tp, self.fp, self.fn))
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return round(precision, 3), round(recall, 3), round(f1, 3)

    @property
    def micro_f1(self) -> float:
        """F1 over all relations (what the last line of the report gives).

        >>> Evaluation(tp=Counter(backs=1), fp=Counter(opposes=1)).micro_f1
        0.667
        """
        return self.scores()[2]


def _match(gold: list[GoldItem], triples: list[Triple]) -> dict[int, int]:
    """Gold index -> triple index of a maximum one-to-one matching of gold relations to triples."""
    graph = nx.Graph()
    graph.add_nodes_from(("g", g) for g in range(len(gold)))
    graph.add_edges_from((("g", g), ("t", t)) for g, item in enumerate(gold)
                         for t, triple in enumerate(triples) if item.fits(triple))
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=[("g", g) for g in range(len(gold))])
    return {g: matching[("g", g)][1] for g in range(len(gold)) if ("g", g) in matching}


_TRIPLES = """SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }
  VALUES ?p { %s } FILTER(!isLiteral(?o)) }"""
_NAMES = """SELECT DISTINCT ?node ?p ?name WHERE { { ?node ?p ?name } UNION { GRAPH ?g { ?node ?p ?name } }
  VALUES ?p { %s } FILTER(isLiteral(?name)) }"""
_CLAIMS = """PREFIX ag: <https://w3id.org/actorgraph#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?rule ?status WHERE { GRAPH ?g { ?c a ag:Claim ; rdf:subject ?s ; rdf:predicate ?p ;
  rdf:object ?o ; ag:rule ?rule ; ag:status ?status } }"""


class _Written:
    """What one build wrote, read as the scorer reads it: named nodes and asserted relation triples."""

    def __init__(self, store, aliases: Aliases) -> None:
        predicates = " ".join(f"<{relation_iri(r)}>" for r in RELATIONS)
        self.raw = {(r["s"].value, r["p"].value, r["o"].value) for r in store.query(_TRIPLES % predicates)}
        names: dict[str, dict[str, list[str]]] = {}
        for row in store.query(_NAMES % " ".join(f"<{p}>" for p in _NAME_PROPERTIES)):
            names.setdefault(row["node"].value, {}).setdefault(row["p"].value, []).append(row["name"].value)
        self._names, self._aliases = names, aliases
        self.claims = [(r["s"].value, r["p"].value, r["o"].value, r["rule"].value, r["status"].value)
                       for r in store.query(_CLAIMS)]

    def canonical(self, iri: str) -> str:
        """The node's first name the alias table knows, else its first name folded, else its IRI's local name."""
        by_property = self._names.get(iri, {})
        labels = [name for p in _NAME_PROPERTIES for name in sorted(by_property.get(p, ()))]
        labels = labels or [re.split(r"[/#]", iri)[-1].replace("_", " ")]
        return next((self._aliases.canonical(n) for n in labels if self._aliases.knows(n)), normalize(labels[0]))

    def triple(self, s: str, p: str, o: str) -> Triple:
        return self.canonical(s), relation_key(re.split(r"[/#]", p)[-1]), self.canonical(o)

    def triples(self) -> list[Triple]:
        return sorted({self.triple(*t) for t in self.raw})


def _score_document(name: str, written: _Written, gold: list[GoldItem], unscored: list[GoldItem],
                    result: Evaluation) -> None:
    triples = written.triples()
    matched = _match(gold, triples)
    for g, item in enumerate(gold):
        relation = sorted(item.relations)[0]
        if g in matched:
            result.tp[relation] += 1
        else:
            result.fn[relation] += 1
            result.lines.append(f"{name} MISS  {item}")
    hits = set(matched.values())
    for t, triple in enumerate(triples):
        if t in hits:
            result.lines.append(f"{name} HIT   {' '.join(triple)}")
        elif not any(item.fits(triple) for item in unscored):
            result.fp[triple[1]] += 1
            result.lines.append(f"{name} FALSE {' '.join(triple)}")
    for s, p, o, rule, status in written.claims:
        record = result.rules.setdefault(rule, RuleRecord())
        record.fired += 1
        if not status.endswith("Asserted") or (s, p, o) not in written.raw:
            continue
        record.edges += 1
        triple = written.triple(s, p, o)
        if any(item.fits(triple) for item in gold):
            record.right += 1
        elif not any(item.fits(triple) for item in unscored):
            record.wrong += 1


def corpus_documents(corpus: Path) -> Iterator[Path]:
    """The corpus's ``docNN.txt`` articles that have a gold file, in name order."""
    for path in sorted(corpus.glob("doc*.txt")):
        if path.with_suffix(".gold.tsv").is_file():
            yield path


def find_aliases(corpus: Path) -> Path | None:
    """The alias table of a corpus: ``aliases.tsv`` in its folder, else in the folder above, else none.

    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp(), "corpus"); corpus.mkdir()
    >>> find_aliases(corpus) is None, (corpus.parent / "aliases.tsv").write_text("HTS\\tTahrir al-Sham\\n") > 0
    (True, True)
    >>> find_aliases(corpus).name
    'aliases.tsv'
    """
    return next((p for p in (corpus / "aliases.tsv", corpus.parent / "aliases.tsv") if p.is_file()), None)


def evaluate(corpus: Path, aliases: Path | None = None, settings: Settings | None = None,
             extractor=None) -> Evaluation:
    """Build every gold-annotated article of ``corpus`` on its own and score it.

    ``aliases`` defaults to :func:`find_aliases`; ``extractor`` (an ``Extractor``) is loaded once
    from ``settings`` when not given. Loads the model, so the example scores nothing:

    >>> import tempfile
    >>> evaluate(Path(tempfile.mkdtemp())).documents
    0
    """
    from .api import ActorGraph
    from .extract import Extractor
    from .ingest import iter_documents

    settings = settings or Settings()
    table = Aliases.read(aliases if aliases is not None else find_aliases(corpus))
    result = Evaluation()
    for path in corpus_documents(corpus):
        extractor = extractor or Extractor(settings)
        graph = ActorGraph(settings=settings, extractor=extractor)
        graph.add_documents(iter_documents([path]))
        gold, unscored = read_gold(path.with_suffix(".gold.tsv"), table)
        _score_document(path.name, _Written(graph.store.raw, table), gold, unscored, result)
        result.documents += 1
    return result


def format_scores(result: Evaluation) -> str:
    """The scorer's table: one row per relation with tp, fp, fn, precision, recall and F1; then ``micro F1``.

    >>> print(format_scores(Evaluation(tp=Counter(backs=3), fp=Counter(backs=1), fn=Counter(backs=1))))
    relation        tp  fp  fn  precision  recall  f1
    backs            3   1   1       0.75    0.75  0.75
    all              3   1   1       0.75    0.75  0.75
    micro F1 0.750
    """
    rows = [f"{'relation':<14}{'tp':>4}{'fp':>4}{'fn':>4}  precision  recall  f1"]
    for key in sorted(_KEYS):
        if result.tp[key] or result.fp[key] or result.fn[key]:
            p, r, f = result.scores(key)
            rows.append(f"{key:<14}{result.tp[key]:>4}{result.fp[key]:>4}{result.fn[key]:>4}  {p:9.2f}  {r:6.2f}  {f:.2f}")
    t, n_fp, n_fn = (sum(c.values()) for c in (result.tp, result.fp, result.fn))
    p, r, f = result.scores()
    rows.append(f"{'all':<14}{t:>4}{n_fp:>4}{n_fn:>4}  {p:9.2f}  {r:6.2f}  {f:.2f}")
    rows.append(f"micro F1 {f:.3f}")
    return "\n".join(rows)


def format_rules(result: Evaluation) -> str:
    """Per rule: claims fired, asserted edges, right and wrong against the gold, precision; worst first.

    >>> print(format_rules(Evaluation(rules={"backs.verb": RuleRecord(5, 4, 3, 1), "leads.noun": RuleRecord(1)})))
    rule                        fired edges right wrong precision
    backs.verb                      5     4     3     1      0.75
    leads.noun                      1     0     0     0         -
    """
    rows = [f"{'rule':<26}{'fired':>7}{'edges':>6}{'right':>6}{'wrong':>6}{'precision':>10}"]
    order = sorted(result.rules.items(), key=lambda kv: (kv[1].precision is None, kv[1].precision or 0, kv[0]))
    for rule, r in order:
        shown = "-" if r.precision is None else f"{r.precision:.2f}"
        rows.append(f"{rule:<26}{r.fired:>7}{r.edges:>6}{r.right:>6}{r.wrong:>6}{shown:>10}")
    return "\n".join(rows)


# ---- the command ----------------------------------------------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``actorgraph eval`` (also the extraction options of ``build``).

    >>> parser = argparse.ArgumentParser(); configure(parser)
    >>> args = parser.parse_args(["examples", "--rules", "--lexicon", "mine.ttl"])
    >>> args.corpus, args.rules, args.lexicon, args.min_confidence
    (PosixPath('examples'), True, [PosixPath('mine.ttl')], 0.5)
    """
    parser.add_argument("corpus", type=Path, help="folder of docNN.txt articles with docNN.gold.tsv gold relations")
    parser.add_argument("--aliases", type=Path, help="alias table (default: aliases.tsv in CORPUS or above it)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list hits, misses and false positives")
    parser.add_argument("--rules", action="store_true", help="also print what each extraction rule did")
    add_extraction_options(parser)


def add_extraction_options(parser: argparse.ArgumentParser) -> None:
    """``--actors``, ``--lexicon``, ``--model``, ``--min-confidence``: the build's knobs, to evaluate a change.

    ``actorgraph rules --eval`` adds them too, and passes its arguments to :func:`evaluation_of`.

    >>> parser = argparse.ArgumentParser(); add_extraction_options(parser)
    >>> parser.parse_args(["--min-confidence", "0.7"]).min_confidence
    0.7
    """
    parser.add_argument("--actors", action="append", type=Path, default=[], help="extra actor dictionary (Turtle)")
    parser.add_argument("--lexicon", action="append", type=Path, default=[], metavar="FILE",
                        help="extra word lists (Turtle)")
    parser.add_argument("--model", help="spaCy pipeline name")
    parser.add_argument("--min-confidence", type=float, default=0.5, help="asserted claims below this give no edge")


def evaluation_of(args: argparse.Namespace) -> Evaluation:
    """Check the corpus, the aliases and the extraction options, then evaluate (for ``eval`` and ``rules --eval``).

    ``args`` needs ``corpus`` and ``aliases`` and the options of :func:`add_extraction_options`.

    >>> parser = argparse.ArgumentParser(); configure(parser)
    >>> evaluation_of(parser.parse_args(["/nonexistent"]))
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: /nonexistent: not a folder
    """
    from .cli import _settings

    corpus = args.corpus
    if not corpus.is_dir():
        raise UsageError(f"{corpus}: not a folder")
    if not any(corpus_documents(corpus)):
        raise UsageError(f"{corpus}: no docNN.txt article with a docNN.gold.tsv beside it")
    if args.aliases is not None and not args.aliases.is_file():
        raise UsageError(f"{args.aliases}: alias table not found")
    settings = _settings(args)
    try:
        return evaluate(corpus, args.aliases, settings)
    except ValueError as exc:  # a malformed gold line
        raise UsageError(str(exc)) from exc


def run(args: argparse.Namespace) -> int:
    """``actorgraph eval CORPUS``: the scorer's figures (and, with ``--rules``, the per-rule table).

    It loads the model; tests/test_evaluate.py runs it on the bundled corpora. A user error is a ``UsageError``:

    >>> import tempfile
    >>> parser = argparse.ArgumentParser(); configure(parser)
    >>> run(parser.parse_args([tempfile.mkdtemp()]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: ...: no docNN.txt article with a docNN.gold.tsv beside it
    """
    result = evaluation_of(args)
    out = sys.stdout
    if args.verbose:
        print("\n".join(result.lines), file=out)
    if args.rules:
        print(format_rules(result), file=out)
    print(format_scores(result), file=out)
    return 0

