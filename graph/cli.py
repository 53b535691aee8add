"""The ``actorgraph`` command: build, query, remove.

Every failure the user can cause (a bad input, a locked store, a bad query)
ends with one line ``actorgraph: error: ...`` on stderr and a non-zero exit.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import gc
import importlib.util
import json
import os
import pickle
import re
import sys
import tempfile
import textwrap
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import IO

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat

from . import __version__
from .config import Settings
from .errors import ActorGraphError, UsageError

__all__ = ["main", "CliError", "PLUGGED_COMMANDS"]

#: commands that live in their own module (name -> what it does): ``configure(parser)`` adds the
#: arguments, ``run(args) -> int`` does the work, raising ``graph.errors.ActorGraphError`` for user errors
PLUGGED_COMMANDS: dict[str, str] = {
    "serve": "serve the SPARQL 1.1 Protocol and the graph pages over HTTP",
    "report": "alliance blocs, unbalanced triads and central actors",
    "stats": "documents, words, actors, relations, claims and store size",
    "rules": "the relation rules: name, relation, PLOVER type, confidence, an example",
    "eval": "score the extraction against gold relations (docNN.gold.tsv), per relation and rule",
}


def _plugged() -> dict[str, ModuleType]:
    """The modules of ``PLUGGED_COMMANDS``, imported here, by name in the code (a missing one is a bug)."""
    from . import evaluate, report, server, stats
    from .rules import cli as rules

    return {"serve": server, "report": report, "stats": stats, "rules": rules, "eval": evaluate}


class CliError(UsageError):
    """A usage error found by the command line itself (one line, exit ``code``); the library raises
    ``graph.errors`` classes, all of which ``main`` reports the same way."""


class _ReaderGone(Exception):
    """Standard output was closed by its reader (``actorgraph query ... | head``): nothing to report."""


@contextlib.contextmanager
def _to_stdout() -> Iterator[None]:
    """Where a broken pipe means "the reader has gone": only around writing the results to stdout.

    Anywhere else (a worker process that died before it read its task, a server that closed
    the connection) a broken pipe is a failure, and must be reported as one.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise _ReaderGone from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="actorgraph", description="News reports -> a sourced actor graph.")
    parser.add_argument("--version", action="version", version=f"actorgraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="extract articles into DIR (graph.trig, graph.html, store/)")
    build.add_argument("inputs", nargs="+", help=".txt (+ .meta.json), folders, .jsonl[.gz], .html, feeds, or - for JSON lines on stdin")
    build.add_argument("--out", required=True, type=Path, help="output folder (its store/ is added to)")
    build.add_argument("--actors", action="append", type=Path, default=[], help="extra actor dictionary (Turtle)")
    build.add_argument("--lexicon", action="append", type=Path, default=[], metavar="FILE",
                       help="extra word lists (Turtle, read over ontology/lexicon/*.ttl)")
    build.add_argument("--model", help="spaCy pipeline name (default: the first installed English one)")
    build.add_argument("--min-confidence", type=float, default=0.5, help="asserted claims below this give no edge")
    build.add_argument("--no-validate", action="store_true", help="skip SHACL validation of the output")
    build.add_argument("--skip-bad", action="store_true", help="warn about bad inputs and go on")
    build.add_argument("--max-doc-bytes", type=_positive_int, default=None, metavar="BYTES",
                       help="largest article read, a file or one JSON line (default: 5,000,000)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--workers", type=int, default=None, metavar="N",
                       help="extraction processes (default: all cores; 0: in this process, no time limit)")
    build.add_argument("--dask", metavar="ADDRESS", help="extract on a Dask cluster: a scheduler address "
                       "(tcp://host:8786) or 'local' for a local cluster of --workers processes")
    build.add_argument("--max-nodes", type=int, default=300, help="actors shown at first in graph.html")
    build.add_argument("--store", metavar="URL", help="write into this SPARQL 1.1 server instead of OUT/store "
                       "(http://host:port of Oxigraph; fuseki+, graphdb+, virtuoso+http://...)")

    query = sub.add_parser("query", help="run SPARQL (SELECT/ASK/CONSTRUCT) over DIR's store")
    query.add_argument("dir", type=Path, nargs="?", help="a build folder (or its store/)")
    query.add_argument("sparql", nargs="?", help="the query text, @FILE, or the name of a canned query (see --list)")
    query.add_argument("--list", action="store_true", help="list the canned queries and the variables they bind")
    query.add_argument("--format", choices=["table", "json", "csv", "turtle"], default="table")
    query.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                       help="bind a variable: an IRI or literal; actors by name or alias (actor=HTS), "
                            "relations, types and statuses by local name (relation=backs)")

    export = sub.add_parser("export", help="write DIR's graph for Gephi, Cytoscape or RDF tools "
                            "(graphml, gexf, csv, jsonld, trig, nquads)")
    export.add_argument("dir", type=Path, help="a build folder (or its store/)")
    export.add_argument("--format", required=True, help="graphml, gexf, csv (nodes.csv and edges.csv), "
                        "jsonld, trig or nquads")
    export.add_argument("--out", type=Path, help="the file to write (for csv, a folder; default: DIR/graph.EXT, "
                        "or DIR for csv)")

    check = sub.add_parser("validate", help="check DIR's whole store against the SHACL shapes (a build checks "
                           "only what it wrote)")
    check.add_argument("dir", type=Path, help="a build folder (or its store/)")
    check.add_argument("--max-violations", type=int, default=20, metavar="N", help="violations listed (default 20)")

    remove = sub.add_parser("remove", help="drop a document (its id, URL, IRI or file path) and the edges "
                            "only it supported")
    remove.add_argument("dir", type=Path)
    remove.add_argument("document")

    mapped = sub.add_parser("map", help="a self-contained map page: each place coloured by its controller as of "
                            "the date on a slider, with the evidence of each claim")
    mapped.add_argument("dir", type=Path, help="a build folder (or its store/)")
    mapped.add_argument("--out", type=Path, help="the page to write (default: DIR/map.html)")
    mapped.add_argument("--title", default="actorgraph map", help="the page's heading")
    mapped.add_argument("--max-claims", type=_positive_int, default=None, metavar="N",
                        help="claims over time drawn at most in the timeline (default: all)")
    modules = _plugged()
    for name, summary in PLUGGED_COMMANDS.items():
        modules[name].configure(sub.add_parser(name, help=summary))
    return parser


def _check_dictionary(path: Path) -> None:
    """Parse an ``--actors`` file once, before the store is opened, so that a bad dictionary is one
    clear line (never a worker that fails to start).

    Turtle only: an XML file is refused before any parser sees it, since rdflib's RDF/XML
    parser spins for minutes on a 700-byte "billion laughs" document (rdflib PR #3440).
    """
    from .actors import ActorDictionary

    if not path.is_file():
        raise CliError(f"{path}: actor dictionary not found")
    with path.open("rb") as stream:
        head = stream.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<!")) or b"<rdf:RDF" in head:
        raise CliError(f"{path}: not a usable Turtle actor dictionary: this is XML (RDF/XML is not read; "
                       "convert it to Turtle)")
    ActorDictionary.from_turtle(path)


def _check_lexicon(paths: Sequence[Path]) -> None:
    """Read the ``--lexicon`` files over the bundled ones once, before the store is opened, so that a
    bad file is one clear line (``LexiconError`` names it) and nothing is written."""
    from .lexicon import Lexicon

    Lexicon.bundled(*paths)


def _settings(args: argparse.Namespace) -> Settings:
    for path in args.actors:
        _check_dictionary(path)
    _check_lexicon(args.lexicon)
    return Settings(model=args.model, actor_files=tuple(args.actors), lexicon_files=tuple(args.lexicon),
                    min_confidence=args.min_confidence)


def _small_input(inputs: Sequence[str]) -> bool:
    """Whether the inputs are a few files totalling under 1 MB (then one process is fastest)."""
    paths = [Path(p) for p in inputs]
    return all(p.is_file() for p in paths) and sum(p.stat().st_size for p in paths) < 1_000_000


@contextlib.contextmanager
def _closing(graph) -> Iterator[None]:
    """Close the graph (flush, release the lock) on the way out; when a write already failed,
    a second failure of the flush must not hide the first, clearer error.

    The garbage collection after it is needed: SHACL validation leaves a reference cycle
    (pyshacl keeps a frame that holds the store), and RocksDB's lock is released only when
    the last reference to the store goes, so without it a caller in the same process could
    not open the store again right after ``main(["build", ...])`` returned.
    """
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            graph.close()
        raise
    else:
        graph.close()
    finally:
        gc.collect()


@contextlib.contextmanager
def _input_warnings_to(warn) -> Iterator[None]:
    """Show the API's ``InputWarning``s (a document replaced by a later one of the same source, text
    cleaned) as the build's own one-line warnings rather than Python's two-line warning format."""
    import warnings

    from .ingest import InputWarning

    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, InputWarning):
            warn(str(message))
        else:
            shown(message, category, filename, lineno, file, line)

    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        warnings.showwarning = show
        yield


def _positive_int(text: str) -> int:
    """An argparse type: a whole number above zero (``5000000`` or ``5_000_000``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not above 0")
    return value


def _limits(args: argparse.Namespace) -> dict[str, int]:
    return {} if args.max_doc_bytes is None else {"max_doc_bytes": args.max_doc_bytes}


def _prescan(args: argparse.Namespace, stack: contextlib.ExitStack, warn) -> Iterator:
    """Read every input once, before the store is opened, into a spool the build then reads.

    So a bad input stops the build with nothing written, and what is built is exactly what was
    checked: a file that changes during the build (a line appended to a ``.jsonl``) is not read
    again. The spool is an anonymous temporary file (in ``$TMPDIR``), one pickled Document at a
    time, so memory holds one article, never the corpus.
    """
    from .ingest import iter_documents

    spool = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 - closed by the ExitStack
    pickler = pickle.Pickler(spool, protocol=pickle.HIGHEST_PROTOCOL)
    for document in iter_documents(args.inputs, warn=warn, **_limits(args)):
        pickler.dump(document)
        pickler.clear_memo()
    spool.seek(0)
    return _unspool(spool)


def _unspool(spool: IO[bytes]) -> Iterator:
    """The Documents ``_prescan`` wrote, in order (the spool is this process's own file)."""
    unpickler = pickle.Unpickler(spool)
    while True:
        try:
            yield unpickler.load()
        except EOFError:
            return


def _build(args: argparse.Namespace) -> int:
    from .api import ActorGraph
    from .ingest import InputError, iter_documents
    from .stats import totals
    from .parallel import ProcessExtractor, make_extractor
    from .progress import BuildProgress

    warnings: list[str] = []
    skipped: list[InputError] = []
    written: list[str] = []  # IRIs of the documents this build extracted and wrote
    progress = BuildProgress(enabled=False)  # replaced by the real bar once the inputs are checked

    def warn(message: str) -> None:
        warnings.append(message)
        progress.write(f"actorgraph: warning: {message}")

    if args.workers is not None and args.workers < 0:
        raise CliError(f"--workers {args.workers}: expected 0 or more")
    if args.dask and importlib.util.find_spec("distributed") is None:
        raise CliError(f"--dask {args.dask}: Dask is not installed; it is an extra: pip install 'actorgraph[dask]'")
    settings = _settings(args)
    with contextlib.ExitStack() as stack:
        workers = args.workers
        if workers is None and args.dask is None and _small_input(args.inputs):
            workers = 0  # a few articles: starting worker processes would cost more than it saves
        extractor = make_extractor(settings, workers=workers, dask=args.dask, warn=warn)
        if isinstance(extractor, ProcessExtractor) and not args.store and not (args.out / "store").exists():
            # A new store: every document will be extracted, so the workers start now, their start-up
            # beside the reading of the inputs and the opening of the store (into an existing store
            # perhaps none will be: they start at the first document that needs them)
            stack.callback(extractor.close)
            extractor.start()
        checked = None if args.skip_bad else _prescan(args, stack, warn)
        args.out.mkdir(parents=True, exist_ok=True)
        graph = (ActorGraph.connect(args.store, settings=settings, extractor=extractor) if args.store
                 else ActorGraph.open(args.out / "store", settings=settings, extractor=extractor))
        stack.enter_context(_closing(graph))
        progress = stack.enter_context(contextlib.closing(BuildProgress(enabled=False if args.quiet else None)))
        documents = checked if checked is not None else iter_documents(args.inputs, skip_bad=True, warn=warn,
                                                                        on_bad=skipped.append, **_limits(args))
        check = None if args.no_validate else _shapes_check(graph, args.out, progress)
        with _input_warnings_to(warn):
            stats = graph.add_documents(documents, progress=_noting(progress, written), check=check, flush=False)
        if skipped:
            noun = "input" if len(skipped) == 1 else "inputs"
            print(f"actorgraph: warning: skipped {len(skipped)} bad {noun} (--skip-bad); see the warnings above",
                  file=sys.stderr)
        if stats.documents == 0:
            raise CliError(f"{' '.join(map(str, args.inputs))}: no articles found")
        if stats.extracted + stats.unchanged == 0:
            raise CliError(f"no document could be extracted ({stats.documents} skipped; see the warnings above), "
                           "nothing was stored", 1)
        with ThreadPoolExecutor(1, thread_name_prefix="totals") as pool:  # beside the page: see _write_views
            # the writes are flushed beside the page too: the store's own work, with the GIL released
            flushed = pool.submit(graph.store.flush)
            held = pool.submit(totals, graph.store)
            _write_views(graph, args.out, max_nodes=args.max_nodes, changed=bool(written))
            flushed.result()
            held = held.result()
    with _to_stdout():
        print(_summary(stats, held, len(warnings), args.out))
    return 0


def _summary(stats, held, warnings: int, out: Path) -> str:
    """The build's last line, in the words of ``actorgraph stats`` (a relation: an edge between two
    actors; a claim: one piece of evidence): what this build did, then what the graph holds.

    >>> from graph.api import BuildStats
    >>> from graph.stats import Totals
    >>> _summary(BuildStats(documents=5, extracted=5, claims=77), Totals(49, 77), 0, Path("out"))
    '5 documents (5 extracted, 0 unchanged): 77 new claims; the graph holds 49 relations from 77 claims -> out'
    >>> _summary(BuildStats(documents=5, unchanged=5), Totals(49, 77), 1, Path("out"))
    '5 documents (0 extracted, 5 unchanged): nothing changed; the graph holds 49 relations from 77 claims, 1 warning -> out'
    """
    done = (f"{stats.claims:,} new claim{'s' * (stats.claims != 1)}" if stats.extracted else "nothing changed")
    noted = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    failed = stats.documents - stats.extracted - stats.unchanged
    skipped = f", {failed} skipped" if failed else ""
    return (f"{stats.documents} documents ({stats.extracted} extracted, {stats.unchanged} unchanged{skipped}): "
            f"{done}; the graph holds {held}{noted} -> {out}")


#: above this many quads a build no longer rewrites ``graph.trig`` from the whole store (about 1,000
#: articles; 1.4 million quads take 10 s to write): ``actorgraph export DIR --format trig`` writes it
WHOLE_TRIG_MAX_QUADS = 250_000


def _noting(progress, written: list[str]):
    """``progress`` that also notes the IRI of each document the build extracted (and so wrote).

    At the first one it imports the page's modules (pyvis imports IPython: 0.4-0.8 s). Why then: after
    the extraction the import would run alone, on the build's last stretch; at the first document the
    parent only waits for the workers, so the import costs them a little CPU instead of costing the
    build its whole time.
    """
    from .rdf import doc_iri

    def note(document, claims) -> None:
        if not written:
            from .views import html_view  # noqa: F401 - see above
        written.append(doc_iri(document))
        progress(document, claims)

    return note


def _shapes_check(graph, out: Path, progress):
    """The check a build runs on each batch before writing it: SHACL over the batch's documents and
    the actors they touch (``graph.validate.validate_batch``), not the whole store. A batch that
    violates the shapes is not written: the build stops with one line, the violations listed above it."""
    from .validate import validate_batch

    kept = 0  # documents of the batches that passed (and were written) before a failing one

    def check(batch, shared) -> None:
        nonlocal kept
        report = validate_batch(graph.store, batch, shared)
        if report.conforms:
            kept += len(batch)
            return
        for line in report.violations[:20]:
            progress.write(f"actorgraph: shacl: {line}")
        stored = f"the {kept} documents before them were stored" if kept else "nothing was stored"
        raise CliError(f"{out}: {len(report.violations)} violations of ontology/shapes.ttl in a batch of "
                       f"{len(batch)} documents, first: {report.violations[0]}; that batch was not written, "
                       f"{stored} (--no-validate to skip)", 1)

    return check


def _write_views(graph, out: Path, *, max_nodes: int = 300, changed: bool = True) -> None:
    """Write ``graph.html`` and, while the store is small, ``graph.trig`` (both whole, renamed into place).

    Nothing is rewritten when the store did not change and both files are there. A store of more
    than ``WHOLE_TRIG_MAX_QUADS`` quads gets no ``graph.trig`` (an older one is removed rather than left
    stale): ``actorgraph export DIR --format trig`` writes it on demand. The TriG (or the count that
    decides it) is written in a thread beside the page: both are mostly the store's own work, which
    runs with the GIL released, and the extraction's processes have left the other cores idle.
    """
    trig, page = out / "graph.trig", out / "graph.html"
    if not changed and page.is_file() and trig.is_file():
        return
    with ThreadPoolExecutor(1, thread_name_prefix="trig") as pool:
        whole = pool.submit(_write_trig, graph, trig, out)
        graph.to_html(page, max_nodes=max_nodes)
        whole.result()


def _write_trig(graph, trig: Path, out: Path) -> None:
    """``graph.trig`` of a store of at most ``WHOLE_TRIG_MAX_QUADS`` quads; above, none (an older one removed)."""
    quads = len(graph.store)
    if quads <= WHOLE_TRIG_MAX_QUADS:
        graph.save(trig)
    elif trig.exists():
        trig.unlink()
        print(f"actorgraph: note: {trig} removed, not rewritten: the store holds {quads:,} quads; "
              f"`actorgraph export {out} --format trig` writes it", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from .store import OxigraphStore
    from .validate import validate

    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not (store_dir / "CURRENT").is_file():
        raise CliError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    with OxigraphStore(store_dir, read_only=True) as store:
        report = validate(store)
    for line in report.violations[:args.max_violations]:
        print(f"actorgraph: shacl: {line}", file=sys.stderr)
    if not report.conforms:
        raise CliError(f"{args.dir}: {len(report.violations)} violations of ontology/shapes.ttl", 1)
    with _to_stdout():
        print(f"{args.dir}: the whole store conforms to ontology/shapes.ttl")
    return 0


def _query_text(text: str) -> tuple[str, str | None]:
    """The SPARQL to run and the canned query's name (None for the user's own text).

    A lone word that names no canned query is a mistyped name, not SPARQL: it is refused with
    the nearest names rather than sent to the parser.
    """
    from .queries import load, names

    if text.startswith("@"):
        path = Path(text[1:])
        if not path.is_file():
            raise CliError(f"{path}: query file not found")
        return path.read_text(encoding="utf-8"), None
    if text in names():
        return load(text), text
    if re.fullmatch(r"[\w.-]+", text.strip()):
        near = difflib.get_close_matches(text.strip(), names(), n=3, cutoff=0.6)
        hint = f"did you mean {' or '.join(near)}?" if near else f"known: {', '.join(names())}"
        raise CliError(f"{text.strip()!r}: no canned query of that name; {hint} (actorgraph query --list)")
    return text, None


def _list_queries(out) -> None:
    """Every canned query: its name, the variables it binds, and what it answers."""
    from .queries import describe, names

    for name in names():
        about, _, binds = describe(name).partition("Binds")
        variables = " ".join(dict.fromkeys(f"?{v}" for v in re.findall(r"\?(\w+)", binds))) or "(none)"
        print(f"{name}  binds: {variables}", file=out)
        for line in textwrap.wrap(about.strip(), 96):
            print(f"    {line}", file=out)
        if binds:
            for line in textwrap.wrap("Binds" + binds, 96):
                print(f"    {line}", file=out)
    print("Run one: actorgraph query DIR NAME [--bind VAR=VALUE ...]", file=out)


def _bindings(pairs: Sequence[str]) -> dict[str, str]:
    bound = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CliError(f"--bind {pair!r}: expected VAR=VALUE")
        bound[name.strip().lstrip("?")] = value
    return bound


#: variables of the canned queries whose values name an actor or a place
_ACTOR_VARIABLES = frozenset({"actor", "subject", "object", "place", "controller", "reporter"})


def _resolved(bound: dict[str, str], store, canned: str | None) -> dict[str, str]:
    """Bound values as the Python API takes them: actors by name or alias (resolved as
    ``ActorGraph.resolve`` does, and required to be in the graph), relations, actor types and
    statuses by local name. A canned query refuses variables it does not bind."""
    from .api import ACTOR_TYPES, ActorGraph, UnknownActorError
    from .namespaces import AG, RELATIONS, STATUSES, status_iri
    from .queries import describe

    if canned is not None:
        known = set(re.findall(r"\?(\w+)", describe(canned).partition("Binds")[2]))
        for name in bound:
            if name not in known:
                raise CliError(f"--bind {name}: the canned query {canned} binds "
                               f"{', '.join('?' + v for v in sorted(known)) or 'no variable'}")
    graph = ActorGraph(store)
    resolved = {}
    for name, value in bound.items():
        is_iri = value.startswith(("http://", "https://", "urn:"))
        try:
            if name in _ACTOR_VARIABLES and value.strip():
                value = graph.resolve(value, in_graph=True)
            elif name == "relation" and not is_iri and value in RELATIONS:
                value = str(AG[value])
            elif name == "type" and not is_iri and value in ACTOR_TYPES:
                value = str(AG[value])
            elif name == "status" and not is_iri and value.lower() in STATUSES:
                value = str(status_iri(value.lower()))
        except UnknownActorError as exc:
            raise CliError(f"--bind {name}={value}: {exc}") from None
        except ValueError as exc:  # a value that starts like an IRI but is not one
            raise CliError(f"--bind: {str(exc).splitlines()[0]}") from None
        resolved[name] = value
    return resolved


def _query(args: argparse.Namespace) -> int:
    from .store import OxigraphStore

    if args.list:
        with _to_stdout():
            _list_queries(sys.stdout)
        return 0
    if args.dir is None or args.sparql is None:
        raise CliError("query: expected DIR and a query (SPARQL, @FILE or a canned name; --list lists those)")
    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not store_dir.is_dir():
        raise CliError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    text, canned = _query_text(args.sparql)
    store = OxigraphStore(store_dir, read_only=True)
    bindings = _resolved(_bindings(args.bind), store, canned)
    try:
        result = store.query(text, bindings)  # the project's prefixes are known, not prepended: positions are the user's
    except SyntaxError as exc:
        where = f"{canned}: " if canned else ""
        message = str(exc).splitlines()[0]
        raise CliError(f"query: {where}{message if len(message) <= 160 else message[:159] + chr(0x2026)}") from exc
    except ValueError as exc:  # a bound value that starts like an IRI but is not one
        raise CliError(f"--bind: {str(exc).splitlines()[0]}") from exc
    except RuntimeError as exc:  # pyoxigraph: a bound variable the query does not select
        raise CliError(f"--bind: {str(exc).splitlines()[0]} (bind only variables the query selects)") from exc
    with _to_stdout():
        _print_result(result, args.format, sys.stdout)
    return 0


def _print_result(result, fmt: str, out) -> None:
    """A query result in the chosen format: a table, SPARQL JSON/CSV, or Turtle for triples."""
    if isinstance(result, QueryBoolean):
        print(json.dumps({"boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower(), file=out)
    elif isinstance(result, QuerySolutions):
        if fmt in ("json", "csv"):
            out.write(result.serialize(format=QueryResultsFormat.JSON if fmt == "json"
                                       else QueryResultsFormat.CSV).decode("utf-8"))
            if fmt == "json":
                out.write("\n")
        else:
            variables = [v.value for v in result.variables]
            rows = [[_show(row[v]) for v in variables] for row in result]
            _table(variables, rows, out)
    elif isinstance(result, QueryTriples):
        if fmt in ("turtle", "table"):
            out.write(result.serialize(format=RdfFormat.TURTLE).decode("utf-8"))
        elif fmt == "json":
            out.write(result.serialize(format=RdfFormat.JSON_LD).decode("utf-8") + "\n")
        else:
            writer = csv.writer(out)
            writer.writerow(["subject", "predicate", "object"])
            for t in result:
                writer.writerow([_show(t.subject), _show(t.predicate), _show(t.object)])


def _show(term) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))


def _table(headers: list[str], rows: list[list[str]], out) -> None:
    """A plain aligned table; long cells are cut so a row stays readable."""
    cut = [[c if len(c) <= 80 else c[:77] + "..." for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in cut:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
    print(f"({len(rows)} rows)", file=out)


def _export(args: argparse.Namespace) -> int:
    from .export import default_path, export, format_name
    from .store import OxigraphStore

    try:
        fmt = format_name(args.format)
    except ValueError as exc:
        raise CliError(f"--format: {exc}") from None
    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not (store_dir / "CURRENT").is_file():
        raise CliError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    with OxigraphStore(store_dir, read_only=True) as store:
        written = export(store, args.out or default_path(args.dir, fmt), fmt)
    with _to_stdout():
        print(f"wrote {', '.join(map(str, written))}")
    return 0


def _map(args: argparse.Namespace) -> int:
    """Write the map page of a build folder's store, opened read-only (a build may be running)."""
    from .files import write_text_whole
    from .store import OxigraphStore
    from .views.map_data import map_data
    from .views.map_view import render_map

    store_dir = args.dir / "store" if (args.dir / "store").is_dir() else args.dir
    if not (store_dir / "CURRENT").is_file():
        raise CliError(f"{args.dir}: no store here (run `actorgraph build ... --out {args.dir}` first)")
    out = args.out or (args.dir if store_dir != args.dir else args.dir.parent) / "map.html"
    if not out.parent.is_dir():
        raise CliError(f"{out}: its folder {out.parent} does not exist")
    with OxigraphStore(store_dir, read_only=True) as store:
        data = map_data(store, max_claims=args.max_claims)
    write_text_whole(out, render_map(data, title=args.title))
    places, claims = len(data["places"]), len(data["claims"])
    drawn = sum(p.get("lat") is not None and p.get("long") is not None for p in data["places"])
    with _to_stdout():
        print(f"wrote {out}: {places} place{'s' * (places != 1)} ({drawn} with coordinates), "
              f"{claims} claim{'s' * (claims != 1)} of control")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from .api import ActorGraph

    store_dir = args.dir / "store"
    if not store_dir.is_dir():
        raise CliError(f"{args.dir}: no store here")
    graph = ActorGraph.open(store_dir)
    removed = graph.remove(args.document)
    if not removed:
        raise CliError(f"{args.document}: no such document in {args.dir} (give its id, URL, IRI or file path)", 1)
    _write_views(graph, args.dir)
    with _to_stdout():
        for iri in removed:
            print(f"removed {iri}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``actorgraph`` command; returns the exit status.

    >>> import tempfile
    >>> from pyoxigraph import RdfFormat
    >>> from graph.api import EXAMPLE_TRIG, ActorGraph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with ActorGraph.open(tmp) as g:
    ...         g.store.raw.load(EXAMPLE_TRIG, format=RdfFormat.TRIG)
    ...     main(["query", tmp, "SELECT ?who WHERE { ?who ag:backs ?whom }"])
    ...     main(["query", tmp, "ASK { ?who ag:opposes ?whom }", "--format", "json"])
    who
    -------------------------------------------
    https://w3id.org/actorgraph/id/actor/russia
    (1 rows)
    0
    {"boolean": true}
    0

    A user error is one line on stderr and a non-zero status:

    >>> main(["query", "/nonexistent", "backers"])
    2
    """
    args = _parser().parse_args(argv)
    commands = {"build": _build, "query": _query, "export": _export, "validate": _validate, "remove": _remove,
                "map": _map}
    try:
        if args.command in PLUGGED_COMMANDS:
            # report and stats only read and print, so a broken pipe there is their reader gone
            with _to_stdout() if args.command != "serve" else contextlib.nullcontext():
                return _plugged()[args.command].run(args)
        return commands[args.command](args)
    # the one place where errors become exit codes: every error a user can cause is an ActorGraphError
    # (input, dictionary, lexicon, rules, model, store, usage, unknown actor, extraction) and carries its
    # own code: 2 for a request that cannot be carried out as asked, 1 for work that ran and failed
    except ActorGraphError as exc:
        print(f"actorgraph: error: {exc}", file=sys.stderr)
        return exc.code
    except _ReaderGone:  # `actorgraph query ... | head`: the reader has gone, nothing to report
        with contextlib.suppress(OSError):  # so that the flush at exit does not fail on the closed pipe
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a full disk or a read-only folder while writing an output file
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"actorgraph: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("actorgraph: interrupted; documents already written are complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    # `python -m graph.cli` runs this file as __main__, a second copy of the module: use the real one,
    # so that errors raised by plugged commands (graph.cli.CliError) are the ones caught here
    from graph.cli import main as _main

    sys.exit(_main())
