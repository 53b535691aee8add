"""Rule records: the relation rules as data (``ontology/rules/relations.yaml``).

A record names one rule and says everything about it that is not syntax: the relation it
gives, the lexicon entry of its trigger words, the trigger-argument skeleton as spaCy
``DependencyMatcher`` patterns (lists of dicts; the trigger node is ``RIGHT_ID: trigger``
and its words come from the lexicon), the roles of its arguments, its base confidence,
its PLOVER/CAMEO event category, at most one named hook (``graph/rules/hooks``) for what a
pattern cannot say, and its examples: sentences where it must fire and near misses where
it must not. Every stored ``ag:rule`` value is the name of exactly one record.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ActorGraphError
from ..namespaces import PLACE_RELATIONS
from ..queries import ontology_dir

__all__ = ["Rule", "Role", "Trigger", "Example", "RuleError", "load_rules", "bundled_rules", "RULES_FILE",
           "RELATIONS", "PLOVER", "CATEGORIES"]

RULES_FILE = Path("rules") / "relations.yaml"
RELATIONS = ("controls", "withdrewFrom", "opposes", "backs", "leads", "memberOf", "alliedWith")
#: PLOVER event types a record may carry (https://github.com/openeventdata/PLOVER)
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: the category of standing ties (leadership, membership) that PLOVER, a scheme of events, does not code
CATEGORIES = PLOVER + ("AFFILIATION",)
MATCH_MODES = ("lemma", "form", "lemma-or-form", "compound")


class RuleError(ActorGraphError, ValueError):
    """A rule file that cannot be used; the message is one line naming the file and the record."""


@dataclass(frozen=True)
class Role:
    """Where an argument is and what it must be: ``kind`` actor or place; ``find`` a finder of
    ``graph.rules.hooks.FINDERS`` for records without a hook; ``types`` the actor types allowed.

    >>> [r.target for r in bundled_rules() if r.name == "controls.handed_over"]
    [Role(kind='place', find='objects', preps=(), types=())]
    """

    kind: str = "actor"
    find: str | None = None
    preps: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """One way a record is matched: trigger words (a lexicon key) and a DependencyMatcher pattern.

    >>> aid = next(r for r in bundled_rules() if r.name == "backs.aid")
    >>> [(t.words, [n["RIGHT_ID"] for n in t.pattern]) for t in aid.triggers]
    [('back-nouns', ['trigger', 'verb']), ('aid-nouns', ['trigger', 'verb'])]
    """

    words: str
    match: str
    pattern: tuple[dict, ...]


@dataclass(frozen=True)
class Example:
    """A sentence a record must fire on (with subject and object labels), or a near miss.

    >>> bundled_rules()[0].fires[0].subject, bundled_rules()[0].misses[0].subject
    ('Assad government', None)
    """

    text: str
    subject: str | None = None
    object: str | None = None


@dataclass(frozen=True)
class Rule:
    """One rule record (see the module docstring).

    >>> rule = bundled_rules()[0]
    >>> rule.name, rule.relation, rule.plover, rule.confidence, rule.hook
    ('controls.verb', 'controls', 'ASSAULT', 0.9, 'capture')
    """

    name: str
    relation: str
    phrasing: str
    triggers: tuple[Trigger, ...]
    agent: Role
    target: Role
    confidence: float
    plover: str
    cameo: str
    hook: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    symmetric: bool = False
    fires: tuple[Example, ...] = ()
    misses: tuple[Example, ...] = ()

    @property
    def trigger(self) -> str:
        """The lexicon key of the first trigger (the one a listing shows).

        >>> bundled_rules()[0].trigger
        'capture-verbs'
        """
        return self.triggers[0].words


def _fail(path: Path, where: str, problem: str) -> RuleError:
    return RuleError(f"{path}: {where}: {problem}")


def _role(path: Path, name: str, data: Any) -> Role:
    if isinstance(data, str):
        data = {"kind": data}
    if not isinstance(data, dict) or data.get("kind", "actor") not in ("actor", "place"):
        raise _fail(path, name, "a role is 'actor', 'place' or {kind, find, preps, types}")
    return Role(kind=data.get("kind", "actor"), find=data.get("find"), preps=tuple(data.get("preps", ())),
                types=tuple(data.get("types", ())))


def _trigger(path: Path, name: str, data: Any) -> Trigger:
    if not isinstance(data, dict) or not isinstance(data.get("words"), str):
        raise _fail(path, name, "each trigger needs 'words' (a lexicon key)")
    match = data.get("match", "lemma")
    if match not in MATCH_MODES:
        raise _fail(path, name, f"match {match!r} is not one of {', '.join(MATCH_MODES)}")
    pattern = copy.deepcopy(data.get("pattern") or [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}}])
    if not isinstance(pattern, list) or not pattern or pattern[0].get("RIGHT_ID") != "trigger":
        raise _fail(path, name, "a pattern is a list whose first node is RIGHT_ID: trigger")
    return Trigger(data["words"], match, tuple(pattern))


def _examples(path: Path, name: str, data: Any, *, fires: bool) -> tuple[Example, ...]:
    out = []
    for item in data or ():
        if isinstance(item, str) and not fires:
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and (not fires or item.get("subject") and item.get("object")):
            out.append(Example(item["text"], item.get("subject"), item.get("object")))
        else:
            raise _fail(path, name, "'fires' examples are {text, subject, object}; 'misses' are sentences")
    return tuple(out)


def _record(path: Path, data: Any, index: int) -> Rule:
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str):
        raise _fail(path, f"record {index + 1}", "a record needs a 'name'")
    missing = [k for k in ("relation", "triggers", "confidence", "plover", "phrasing") if k not in data]
    if missing:
        raise _fail(path, name, f"missing {', '.join(missing)}")
    if data["relation"] not in RELATIONS:
        raise _fail(path, name, f"unknown relation {data['relation']!r}")
    if data["plover"] not in CATEGORIES:
        raise _fail(path, name, f"unknown PLOVER event type {data['plover']!r}")
    if not 0 < float(data["confidence"]) <= 1:
        raise _fail(path, name, "confidence must be in (0, 1]")
    agent, target = _role(path, name, data.get("agent", "actor")), _role(path, name, data.get("target", "actor"))
    if agent.kind == "place" or target.kind == "place" and data["relation"] not in PLACE_RELATIONS:
        raise _fail(path, name, f"a place acts in no relation and is the object of {' or '.join(sorted(PLACE_RELATIONS))} only")
    return Rule(
        name=name, relation=data["relation"], phrasing=data["phrasing"],
        triggers=tuple(_trigger(path, name, t) for t in data["triggers"]),
        agent=agent, target=target,
        confidence=float(data["confidence"]), plover=data["plover"], cameo=str(data.get("cameo", "")),
        hook=data.get("hook"), params=dict(data.get("params") or {}),
        symmetric=bool(data.get("symmetric", False)),
        fires=_examples(path, name, data.get("fires"), fires=True),
        misses=_examples(path, name, data.get("misses"), fires=False),
    )


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """The records of a rule file, in file order (the order they run at one trigger).

    A bad file is one :class:`RuleError` line naming it:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     mine = Path(tmp, "mine.yaml")
    ...     _ = mine.write_text("rules: [{name: backs.hug, relation: hugs}]")
    ...     load_rules(mine)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.rules.records.RuleError: .../mine.yaml: backs.hug: missing triggers, confidence, plover, phrasing
    """
    path = Path(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader: a tenth of the time
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=loader)  # noqa: S506 (a safe loader)
    except OSError as err:
        raise RuleError(f"{path}: cannot read the rule file ({err.strerror or err})") from None
    except yaml.YAMLError as err:
        raise RuleError(f"{path}: not YAML: {' '.join(str(err).split())}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{path}: expected a mapping with a 'rules' list")
    rules = tuple(_record(path, item, i) for i, item in enumerate(data["rules"]))
    names = [r.name for r in rules]
    doubles = sorted({n for n in names if names.count(n) > 1})
    if doubles:
        raise RuleError(f"{path}: rule names must be unique: {', '.join(doubles)}")
    return rules


@lru_cache(maxsize=1)
def bundled_rules() -> tuple[Rule, ...]:
    """The bundled registry (``ontology/rules/relations.yaml``), loaded once.

    >>> len(bundled_rules()) > 50, bundled_rules() is bundled_rules()
    (True, True)
    """
    return load_rules(ontology_dir() / RULES_FILE)
