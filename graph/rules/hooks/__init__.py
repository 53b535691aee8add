"""Named hooks and role finders: the code a rule record names for what its pattern cannot say.

A record without a hook finds its arguments with two role finders (``agent.find``,
``target.find``: :data:`FINDERS`); a record with one calls ``HOOKS[name](sentence, match)``,
which yields :class:`Emit` values (agents, targets, optionally the token whose clause gives
stance and date, and a confidence factor). A hook is registered with ``@hook("name")``;
records that share work at one trigger (the capture verbs' five records) share it through
:func:`shared`, computed once per trigger.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from ..records import Role, Rule
from ..syntax import Arg, Sentence

#: the registries; ``Match``, ``Emit``, ``hook``, ``finder`` and ``shared`` are internal to graph.rules
__all__ = ["HOOKS", "FINDERS"]


@dataclass(frozen=True)
class Match:
    """A record matched at a trigger; ``nodes`` are the pattern's other named tokens."""

    rule: Rule
    trigger: Token
    nodes: dict[str, Token] = field(default_factory=dict)

    def param(self, name: str, default: Any = None) -> Any:
        return self.rule.params.get(name, default)


@dataclass(frozen=True)
class Emit:
    """Claims to make: every agent with every target (and back, for a symmetric record)."""

    agents: list[Arg]
    targets: list[Arg]
    at: Token | None = None
    factor: float = 1.0


Hook = Callable[[Sentence, Match], Iterable[Emit]]
Finder = Callable[[Sentence, Match, Role], list[Arg]]
HOOKS: dict[str, Hook] = {}
FINDERS: dict[str, Finder] = {}


def hook(name: str) -> Callable[[Hook], Hook]:
    """Register a hook under the name records use."""
    def register(fn: Hook) -> Hook:
        HOOKS[name] = fn
        return fn
    return register


def finder(name: str) -> Callable[[Finder], Finder]:
    """Register a role finder under the name records use."""
    def register(fn: Finder) -> Finder:
        FINDERS[name] = fn
        return fn
    return register


def shared(s: Sentence, name: str, token: Token, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per sentence, name and trigger, for records that share work."""
    key = (name, token.i)
    if key not in s.memo:
        s.memo[key] = compute()
    return s.memo[key]


def _place(role: Role) -> bool:
    return role.kind == "place"


@finder("subject")
def _subject(s: Sentence, m: Match, role: Role) -> list[Arg]:
    """The trigger's agent (``Sentence.subject``)."""
    return s.subject(m.trigger)


@finder("objects")
def _objects(s: Sentence, m: Match, role: Role) -> list[Arg]:
    """The trigger's objects (the subject of a passive)."""
    return s.object_args(m.trigger, place=_place(role))


@finder("patients")
def _patients(s: Sentence, m: Match, role: Role) -> list[Arg]:
    """What the trigger acts on, a passive modifier's head phrase only (``Sentence.patients``)."""
    return s.patients(m.trigger)


@finder("prep")
def _prep(s: Sentence, m: Match, role: Role) -> list[Arg]:
    """The objects of the role's prepositions under the trigger."""
    return s.pobj_args(m.trigger, *role.preps, place=_place(role))


@finder("subject-or-head")
def _subject_or_head(s: Sentence, m: Match, role: Role) -> list[Arg]:
    """The trigger's own subject, else the phrase a participle modifies ("a faction affiliated with")."""
    subj = s.child(m.trigger, "nsubj", "nsubjpass")
    if subj is not None:
        return s.args(subj, place=False)
    return s.args(m.trigger.head, place=False) if m.param("head_deps") is None or \
        m.trigger.dep_ in m.param("head_deps") else []


from . import compounds, conflict, control, membership, role, support  # noqa: E402,F401  (register their hooks)
