"""RDF terms as the pages' JSON carries them: local names, ISO days, numbers, an actor's class.

Shared by the graph page (``html_view``) and the control map (``map_data``), so both read a store's
terms alike; kept apart from ``html_view`` so that reading the map's data does not import the graph
page (and pyvis).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pyoxigraph import Literal

from ..namespaces import AG

__all__ = ["ACTOR_CLASSES", "PLACE_CLASSES", "actor_type", "day", "local", "number", "value"]

#: the place classes of the ontology, ``Place`` the generic one
PLACE_CLASSES: tuple[str, ...] = ("Place", "Settlement", "BorderCrossing", "Region", "Facility")
#: the ag: classes a page tells apart (``Actor`` and ``Place`` the generic ones)
ACTOR_CLASSES: tuple[str, ...] = ("State", "Government", "ArmedForces", "ArmedGroup", "Coalition",
                                  "PoliticalOrganization", "Organization", "Person", *PLACE_CLASSES, "Actor")
_GENERIC = ("Actor", "Place")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def local(iri: str) -> str:
    """The local name of an IRI (after its last ``#`` or ``/``).

    >>> local("https://w3id.org/actorgraph#withdrewFrom"), local("https://w3id.org/actorgraph/id/actor/hts")
    ('withdrewFrom', 'hts')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def value(term: Any) -> str | None:
    """The lexical value of a term, None for an unbound one.

    >>> value(Literal("Hama")), value(None)
    ('Hama', None)
    """
    return None if term is None else term.value


def day(term: Any) -> str | None:
    """An ISO day (``YYYY-MM-DD``) from a date or dateTime literal, else None.

    >>> from pyoxigraph import NamedNode
    >>> day(Literal("2024-12-08T10:00:00")), day(Literal("Sunday")), day(NamedNode("http://e.org/2024-12-08"))
    ('2024-12-08', None, None)
    """
    if not isinstance(term, Literal):
        return None
    text = term.value[:10]
    return text if _DAY.fullmatch(text) else None


def number(term: Any) -> float | None:
    """A literal's value as a float, None when unbound or not a number.

    >>> number(Literal("0.9")), number(Literal("high")), number(None)
    (0.9, None, None)
    """
    try:
        return None if term is None else float(term.value)
    except ValueError:
        return None


def actor_type(types: Iterable[str], known: Iterable[str] = ACTOR_CLASSES) -> str:
    """The most specific ag: class among an actor's classes, of the ``known`` ones (``Actor`` when none).

    >>> actor_type([str(AG.Actor), str(AG.ArmedGroup)]), actor_type([]), actor_type([str(AG.Place)])
    ('ArmedGroup', 'Actor', 'Place')
    """
    wanted = set(known)
    names = sorted(local(t) for t in types if t.startswith(str(AG)) and local(t) in wanted)
    specific = [n for n in names if n not in _GENERIC]
    return (specific or names or ["Actor"])[0]
