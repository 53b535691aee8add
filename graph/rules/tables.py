"""The registry as text: the README's phrasing table and the ``actorgraph rules`` listing.

``python -m graph.rules.tables`` rewrites the README's table from the registry (between the
``rules table`` markers); ``tests/test_rules.py`` fails when the two differ.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .records import Rule

__all__ = ["phrasing_table", "listing", "update_readme", "BEGIN", "END"]

BEGIN = "<!-- rules table: generated from ontology/rules/relations.yaml by `python -m graph.rules.tables` -->"
END = "<!-- end of rules table -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def phrasing_table(rules: tuple[Rule, ...]) -> str:
    """A Markdown table: one row per record, in registry order.

    >>> from graph.rules import bundled_rules
    >>> phrasing_table(bundled_rules()).splitlines()[3]
    '| controls | X captured / seized / took / holds P; X wrested control of P | "Government troops recaptured Palmyra on Sunday after a week of heavy fighting." | `controls.verb` | ASSAULT |'
    """
    rows = [f"| {r.relation} | {_cell(r.phrasing)} | \"{_cell(r.fires[0].text) if r.fires else ''}\" | `{r.name}` | {r.plover} |"
            for r in rules]
    return "\n".join([BEGIN, "| relation | phrasing | example | rule | PLOVER |", "|---|---|---|---|---|", *rows, END])


def listing(rules: tuple[Rule, ...]) -> str:
    """``actorgraph rules``: name, relation, category, confidence and one example per record.

    >>> from graph.rules import bundled_rules
    >>> print(listing(bundled_rules()).splitlines()[0])
    rule                        relation      PLOVER       conf  example
    """
    head = f"{'rule':<27} {'relation':<13} {'PLOVER':<12} {'conf':>4}  example"
    rows = [f"{r.name:<27} {r.relation:<13} {r.plover:<12} {r.confidence:>4.2f}  {r.fires[0].text if r.fires else ''}"
            for r in rules]
    return "\n".join([head, *rows])


def update_readme(readme: Path, rules: tuple[Rule, ...]) -> bool:
    """Replace the table between the markers; True when the file changed.

    >>> import tempfile
    >>> from graph.rules import bundled_rules
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     readme = Path(tmp, "README.md")
    ...     _ = readme.write_text(" ".join(["# Rules", BEGIN, "old", END]))
    ...     update_readme(readme, bundled_rules()), update_readme(readme, bundled_rules())
    (True, False)
    """
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + phrasing_table(rules) + text[end:]
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    from .records import bundled_rules
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("README.md")
    print(f"{path}: {'updated' if update_readme(path, bundled_rules()) else 'already up to date'}")
