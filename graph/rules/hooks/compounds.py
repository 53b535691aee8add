"""Hooks of the hyphenated-compound records: "Iran-backed militias", "SDF-held Raqqa", "HTS-led"."""
from __future__ import annotations

from collections.abc import Iterator

from ..events import attackers_of, compound_co_owners, compound_owner, compound_targets, names_a_part
from ..syntax import Arg, Sentence
#: hooks are reached through HOOKS by the names records give, not imported
__all__: list[str] = []

from . import Emit, Match, hook, shared

#: confidence factor of a people's adjective: "Kurdish-led" describes composition, not command
ETHNIC_FACTOR = 0.55


def _compound(s: Sentence, m: Match) -> tuple[list[Arg], list[Arg], float] | None:
    """(owner, what the compound modifies, factor), or None when no actor is named before the hyphen."""
    def compute() -> tuple[list[Arg], list[Arg], float] | None:
        owner = compound_owner(s, m.trigger)
        if owner is None:
            return None
        actor, token, ethnic = owner
        owners = [(actor, token), *compound_co_owners(s, token)]  # "US- and UK-backed": both back it
        iris = {a.iri for a, _ in owners}
        targets = [a for a in compound_targets(s, m.trigger) if a.actor.iri not in iris]
        return [Arg(a, t, "adjective") for a, t in owners], targets, ETHNIC_FACTOR if ethnic else 1.0
    return shared(s, "compound", m.trigger, compute)


@hook("compound")
def compound(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X-backed Y": X backs Y (the relation is the record's: backs, alliedWith, leads, controls).

    ``wholes: true`` (control): "X-held parts of Y" say nothing of Y as a whole, so give no claim.
    """
    found = _compound(s, m)
    if found is not None and not (m.param("wholes") and names_a_part(s, m.trigger)):
        owner, targets, factor = found
        yield Emit(owner, targets, factor=factor)


@hook("held-area")
def held_area(s: Sentence, m: Match) -> Iterator[Emit]:
    """"X launched attacks against Kurdish-held areas": attacking X-held areas is attacking X."""
    found = _compound(s, m)
    if found is None:
        return
    owner, targets, factor = found
    if not [a for a in targets if not s.dictionary.is_place(a.actor)] and m.trigger.head.dep_ in ("pobj", "dobj"):
        yield Emit(attackers_of(s, m.trigger.head), owner)  # the attack, not the owner, is claimed

