"""Who controls a place as of any date: the logic of ``ontology/queries/controller.rq`` over plain claims.

The map colours every place for the date on its slider, and redrawing must not ask the store
again for each date. So the answer of the ``controller`` query is computed here once per place as
*bands*: the dates at which the answer changes, each with the controllers and claims it gives from
that date until the next. The query stays the public contract; this module follows it rule for rule
(and ``tests/test_control.py`` compares the two on generated claim sets), so the map, the CLI and the
Python API never disagree:

* a *candidate* is an asserted ``controls`` claim whose relation triple exists in the graph (a claim
  below ``--min-confidence`` has none), dated (its event date, else its document's publication date)
  on or before the as-of date; undated claims are left out;
* it is *ended* by a later asserted ``controls`` claim by anyone, or a later asserted ``withdrewFrom``
  claim by the same controller, each with its triple, dated after the candidate and on or before the
  as-of date (undated ones end nothing);
* it is *superseded* (the extractor's ordering within one document, ``ag:supersededBy``) once a
  successor's date is on or before the as-of date; an undated successor takes the candidate's date,
  so it supersedes it from the start.

A candidate is therefore the answer exactly on the half-open interval [its date, the earliest date
that ends or supersedes it), and the answer can only change at claim and successor dates.

>>> took = ControlClaim("c1", "hts", "aleppo", "controls", "2024-11-29")
>>> back = ControlClaim("c2", "assad", "aleppo", "controls", "2024-12-10")
>>> [(b.start, b.controllers) for b in bands([took, back])]
[('2024-11-29', ('hts',)), ('2024-12-10', ('assad',))]
>>> [c.id for c in controllers([took, back], "2024-12-01")], [c.id for c in controllers([took, back])]
(['c1'], ['c2'])
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Band", "ControlClaim", "bands", "bands_by_place", "controllers", "interval"]

#: the as-of date of a query with no date bound (``controller.rq`` binds the same)
LATEST = "9999-12-31"


@dataclass(frozen=True)
class ControlClaim:
    """One ``controls`` or ``withdrewFrom`` claim about a place, as far as control is concerned.

    ``date`` is the claim's ISO day (event date, else its document's publication date) or None;
    ``edge`` whether the relation triple (actor, relation, place) exists in the graph; ``successors``
    the dates of the claims that supersede it (``ag:supersededBy``), None for an undated successor.
    Dates are ``YYYY-MM-DD`` strings, so they compare as text.

    >>> left = ControlClaim("c1", "hts", "hama", "withdrewFrom", "2024-12-09")
    >>> left.asserted, left.edge, left.successors
    (True, True, ())
    """

    id: str
    actor: str
    place: str
    relation: str
    date: str | None
    asserted: bool = True
    edge: bool = True
    successors: tuple[str | None, ...] = ()

    @property
    def counts(self) -> bool:
        """Whether the claim takes part at all: asserted, dated and backed by its relation triple.

        >>> ControlClaim("c1", "hts", "hama", "controls", "2024-12-05", edge=False).counts
        False
        """
        return self.asserted and self.edge and self.date is not None

    @property
    def candidate(self) -> bool:
        """Whether the claim can name a controller (the other claims can only end one).

        >>> ControlClaim("c1", "hts", "hama", "withdrewFrom", "2024-12-09").candidate
        False
        """
        return self.counts and self.relation == "controls"


@dataclass(frozen=True)
class Band:
    """From ``start`` until the next band's start, the controller query answers ``claims`` by ``controllers``.

    ``controllers`` () means nobody (every known controller was ended, e.g. by a withdrawal).

    >>> Band("2024-12-09", (), ())
    Band(start='2024-12-09', controllers=(), claims=())
    """

    start: str
    controllers: tuple[str, ...]
    claims: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The band as the map's data carries it (``from``, ``controllers``, ``claims``).

        >>> Band("2024-12-05", ("hts",), ("c1",)).as_dict()
        {'from': '2024-12-05', 'controllers': ['hts'], 'claims': ['c1']}
        """
        return {"from": self.start, "controllers": list(self.controllers), "claims": list(self.claims)}


class _Enders:
    """The sorted dates of the claims that can end a candidate at one place."""

    def __init__(self, claims: Iterable[ControlClaim]) -> None:
        captures: list[str] = []
        withdrawals: dict[str, list[str]] = defaultdict(list)
        for c in claims:
            if not c.counts:
                continue
            if c.relation == "controls":
                captures.append(c.date)  # type: ignore[arg-type]  # counts: dated
            elif c.relation == "withdrewFrom":
                withdrawals[c.actor].append(c.date)  # type: ignore[arg-type]
        self.captures = sorted(captures)
        self.withdrawals = {actor: sorted(dates) for actor, dates in withdrawals.items()}

    def first_after(self, claim: ControlClaim) -> str | None:
        """The earliest date after the claim's own of a capture by anyone or a withdrawal by its actor."""
        found = [dates[i] for dates in (self.captures, self.withdrawals.get(claim.actor, []))
                 if (i := bisect.bisect_right(dates, claim.date)) < len(dates)]
        return min(found, default=None)


def interval(claim: ControlClaim, others: Iterable[ControlClaim]) -> tuple[str, str | None] | None:
    """The dates [start, end) on which a candidate answers the query (end None: to this day), else None.

    ``others`` are the claims about the same place (the claim itself may be among them).

    >>> took = ControlClaim("c1", "hts", "aleppo", "controls", "2024-11-29", successors=("2024-12-02",))
    >>> left = ControlClaim("c2", "hts", "aleppo", "withdrewFrom", "2024-12-05")
    >>> interval(took, [took, left]), interval(left, [took, left])
    (('2024-11-29', '2024-12-02'), None)
    """
    return _interval(claim, _Enders(others))


def _interval(claim: ControlClaim, enders: _Enders) -> tuple[str, str | None] | None:
    if not claim.candidate:
        return None
    start: str = claim.date  # type: ignore[assignment]  # a candidate is dated
    ends = [d for d in (enders.first_after(claim), *(s or start for s in claim.successors)) if d is not None]
    end = min(ends, default=None)
    return None if end is not None and end <= start else (start, end)


def _by_place(claims: Iterable[ControlClaim]) -> dict[str, list[ControlClaim]]:
    grouped: dict[str, list[ControlClaim]] = defaultdict(list)
    for c in claims:
        grouped[c.place].append(c)
    return grouped


def controllers(claims: Iterable[ControlClaim], as_of: str | None = None) -> list[ControlClaim]:
    """The claims the ``controller`` query returns as of ``as_of`` (None: as of now), by place and date.

    Each place is judged on its own claims only.

    >>> old = ControlClaim("c1", "assad", "aleppo", "controls", "2016-12-22")
    >>> new = ControlClaim("c2", "hts", "aleppo", "controls", "2024-11-29")
    >>> undated = ControlClaim("c3", "sdf", "aleppo", "controls", None)
    >>> [c.id for c in controllers([old, new, undated], "2024-11-28")], controllers([old, new], "2000-01-01")
    (['c1'], [])
    """
    day = LATEST if as_of is None else as_of
    answer = []
    for place, own in sorted(_by_place(claims).items()):
        enders = _Enders(own)
        for c in own:
            span = _interval(c, enders)
            if span is not None and span[0] <= day and (span[1] is None or day < span[1]):
                answer.append(c)
    return sorted(answer, key=lambda c: (c.place, c.date or "", c.actor, c.id))


def bands(claims: Iterable[ControlClaim]) -> list[Band]:
    """The change points of the controller query's answer for one place, sorted by date.

    Before the first band nobody is known; a band follows only when the answer changes (its claims,
    not only its controllers: a second report of the same capture makes a new band with the same
    controller, since the query then returns that report's row).

    >>> took = ControlClaim("c1", "hts", "hama", "controls", "2024-12-05")
    >>> left = ControlClaim("c2", "hts", "hama", "withdrewFrom", "2024-12-09")
    >>> low = ControlClaim("c3", "sdf", "hama", "controls", "2024-12-07", edge=False)
    >>> [(b.start, b.controllers, b.claims) for b in bands([took, left, low])]
    [('2024-12-05', ('hts',), ('c1',)), ('2024-12-09', (), ())]
    """
    own = list(claims)
    enders = _Enders(own)
    starting: dict[str, list[ControlClaim]] = defaultdict(list)
    ending: dict[str, list[ControlClaim]] = defaultdict(list)
    for c in own:
        span = _interval(c, enders)
        if span is not None:
            starting[span[0]].append(c)
            if span[1] is not None:
                ending[span[1]].append(c)
    active: dict[str, ControlClaim] = {}
    result: list[Band] = []
    for day in sorted(starting.keys() | ending.keys()):  # a sweep: each claim enters and leaves once
        for c in ending.get(day, ()):
            active.pop(c.id, None)
        active.update((c.id, c) for c in starting.get(day, ()))
        band = Band(day, tuple(sorted({c.actor for c in active.values()})), tuple(sorted(active)))
        if band.claims != (result[-1].claims if result else ()):
            result.append(band)
    return result


def bands_by_place(claims: Iterable[ControlClaim]) -> Mapping[str, list[Band]]:
    """:func:`bands` for every place the claims are about (places with no band left out).

    >>> a = ControlClaim("c1", "hts", "hama", "controls", "2024-12-05")
    >>> b = ControlClaim("c2", "sdf", "manbij", "withdrewFrom", "2024-12-09")
    >>> {place: [x.start for x in found] for place, found in bands_by_place([a, b]).items()}
    {'hama': ['2024-12-05']}
    """
    result = {}
    for place, own in sorted(_by_place(claims).items()):
        found = bands(own)
        if found:
            result[place] = found
    return result
