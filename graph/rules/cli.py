"""``actorgraph rules``: the rule registry, one line per record.

Name, relation, PLOVER event type, base confidence and one sentence it fires on, in the
order the records run at a trigger (``ontology/rules/relations.yaml``). With ``--eval CORPUS``,
what each rule did on a gold-annotated corpus instead (:mod:`graph.evaluate`): how often it fired,
gave an asserted edge, and was right or wrong.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from ..errors import UsageError
from ..evaluate import RuleRecord, add_extraction_options, evaluation_of, format_rules, format_scores

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
    parser.add_argument("--eval", type=Path, metavar="CORPUS", dest="corpus",
                        help="score each rule on CORPUS (docNN.txt with docNN.gold.tsv, see docs/evaluation.md)")
    parser.add_argument("--aliases", type=Path, help="alias table for --eval (default: aliases.tsv in CORPUS or above)")
    add_extraction_options(parser)


def run(args: argparse.Namespace) -> int:
    """Print the registry (or one relation's records); with ``--eval CORPUS`` each rule's record on it.

    >>> run(argparse.Namespace(relation="alliedWith"))  # doctest: +ELLIPSIS
    rule                        relation      PLOVER       conf  example
    alliedWith.verb             alliedWith    COOPERATE    0.85  Hezbollah is allied with Iran ...
    ...
    0
    """

    if getattr(args, "corpus", None) is not None:
        result = evaluation_of(args)
        every = {r.name: RuleRecord() for r in bundled_rules()} | result.rules  # a rule that never fired shows 0
        records = {name: record for name, record in every.items()
                   if not args.relation or name.split(".", 1)[0] == args.relation}
        print(format_rules(replace(result, rules=records)))
        print(format_scores(result).splitlines()[-1])
        return 0
    rules = bundled_rules()
    if args.relation:
        rules = tuple(r for r in rules if r.relation == args.relation)
        if not rules:
            known = ", ".join(sorted({r.relation for r in bundled_rules()}))
            raise UsageError(f"no rules for relation {args.relation!r}; known: {known}")
    print(listing(rules))
    return 0
