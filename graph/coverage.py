"""Which theatres the actor dictionary covers: a Markdown table generated from the dictionary's files.

One row per file (``ontology/actors/*.ttl`` in the order they are read, then any files given): the theatres
its generic actors belong to (``ag:theatre``), how many actors of each class it defines (an actor is
defined where its ``skos:prefLabel`` is; a file that only adds names to a state does not count it), and
how many descriptor phrases it gives. ``python -m graph.coverage [FILE...]`` prints it, with your own
dictionary files as rows of their own; ``python -m graph.coverage --readme README.md`` rewrites the
README's table between the markers, and ``tests/test_coverage.py`` fails when the two differ.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rdflib.namespace import RDF, SKOS

from .actors import ActorDictionary, Statements, bundled_files
from .namespaces import AG

__all__ = ["coverage_table", "update_readme", "BEGIN", "END", "COLUMNS"]

BEGIN = "<!-- coverage table: generated from ontology/actors/*.ttl by `python -m graph.coverage --readme README.md` -->"
END = "<!-- end of coverage table -->"
#: the table's columns of actor counts: heading -> the ontology classes it counts
COLUMNS: dict[str, frozenset[str]] = {
    "states": frozenset({"State"}), "governments": frozenset({"Government"}),
    "armed forces": frozenset({"ArmedForces"}), "armed groups": frozenset({"ArmedGroup"}),
    "coalitions": frozenset({"Coalition"}), "political bodies": frozenset({"PoliticalOrganization"}),
    "organisations": frozenset({"Organization"}), "people": frozenset({"Person"}),
    "places": frozenset({"Place", "Settlement", "Region", "Facility", "BorderCrossing"}),
}


def _row(path: Path, dictionary: ActorDictionary) -> tuple[str, Counter[str], int]:
    """(theatres, actors defined per column, descriptor phrases) of one dictionary file."""
    statements = Statements()
    statements.parse(path, str(path))
    counts: Counter[str] = Counter()
    for actor in statements.subjects(SKOS.prefLabel):
        kinds = {t.rsplit("#", 1)[-1] for t in statements.objects(actor, RDF.type)}
        counts.update(heading for heading, classes in COLUMNS.items() if kinds & classes)
    states = {state for actor in statements.subjects(AG.theatre) for state in statements.objects(actor, AG.theatre)}
    theatres = ", ".join(sorted(dictionary.actors[s].label if s in dictionary.actors else s for s in states))
    phrases = {p for actor in statements.subjects(AG.descriptor) for p in statements.objects(actor, AG.descriptor)}
    return theatres or "—", counts, len(phrases)


def coverage_table(files: list[Path] | None = None) -> str:
    """The Markdown table of ``files`` (default: the bundled ones), between the README markers.

    >>> table = coverage_table()
    >>> table.splitlines()[1].split(" | ")[:4]
    ['| theatres', 'file', 'states', 'governments']
    >>> any(line.startswith("| Syria | `syria.ttl` |") for line in table.splitlines())
    True
    """
    paths = list(bundled_files() if files is None else files)
    dictionary = ActorDictionary.from_turtle(*paths)
    head = ["theatres", "file", *COLUMNS, "descriptors"]
    lines = [BEGIN, "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for path in paths:
        theatres, counts, phrases = _row(path, dictionary)
        cells = [theatres, f"`{path.name}`", *(str(counts[h]) for h in COLUMNS), str(phrases)]
        lines.append("| " + " | ".join(cells) + " |")
    totals = Counter(h for a in dictionary for h, classes in COLUMNS.items() if a.type in classes)
    total = ["**all**", f"{len(paths)} files", *(f"**{totals[h]}**" for h in COLUMNS), f"**{len(dictionary.descriptors)}**"]
    return "\n".join([*lines, "| " + " | ".join(total) + " |", END])


def update_readme(readme: Path, files: list[Path] | None = None) -> bool:
    """Replace the table between the markers of ``readme``; True when the file changed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     readme = Path(tmp, "README.md")
    ...     _ = readme.write_text("\\n".join(["# Theatres", BEGIN, "old", END, ""]))
    ...     update_readme(readme), update_readme(readme)
    (True, False)
    """
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + coverage_table(files) + text[end:]
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> None:
    """Print the table of the bundled files and ``FILE``s, or rewrite ``--readme``'s table (a maintainer's command).

    >>> main([])  # doctest: +ELLIPSIS
    <!-- coverage table: ...
    """
    parser = argparse.ArgumentParser(prog="python -m graph.coverage", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="your own Turtle dictionary files, after the bundled ones")
    parser.add_argument("--readme", type=Path, help="rewrite this README's table of the bundled files instead")
    args = parser.parse_args(argv)
    if args.readme is not None:
        print(f"{args.readme}: {'updated' if update_readme(args.readme) else 'already up to date'}")
    else:
        print(coverage_table([*bundled_files(), *args.files]))


if __name__ == "__main__":  # pragma: no cover - the command
    main()
