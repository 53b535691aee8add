"""``actorgraph rules``: the rule registry, one line per record.

Name, relation, PLOVER event type, base confidence and one sentence it fires on, in the
order the records run at a trigger (``ontology/rules/relations.yaml``).
"""
from __future__ import annotations

import argparse

from .records import bundled_rules
from .tables import listing

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the subcommand's options.

    >>> parser = argparse.ArgumentParser()
    >>> configure(parser)
    >>> parser.parse_args(["--relation", "backs"]).relation
    'backs'
    """
    parser.add_argument("--relation", help="only the records of this relation (backs, opposes, controls, ...)")


def run(args: argparse.Namespace) -> int:
    """Print the registry (or one relation's records).

    >>> run(argparse.Namespace(relation="alliedWith"))  # doctest: +ELLIPSIS
    rule                        relation      PLOVER       conf  example
    alliedWith.verb             alliedWith    COOPERATE    0.85  Hezbollah is allied with Iran ...
    ...
    0
    """
    from ..cli import CliError

    rules = bundled_rules()
    if args.relation:
        rules = tuple(r for r in rules if r.relation == args.relation)
        if not rules:
            known = ", ".join(sorted({r.relation for r in bundled_rules()}))
            raise CliError(f"no rules for relation {args.relation!r}; known: {known}")
    print(listing(rules))
    return 0
