"""Analytics over the actor graph: alliance blocs, unbalanced triads, central actors.

Pure functions over the ``nx.MultiDiGraph`` that ``ActorGraph.to_networkx()``
returns (nodes carry ``label`` and ``type``; one edge per asserted relation,
keyed by the relation name, carrying ``claims``, its evidence count). They are
what an event dataset cannot give: who sides with whom, where the reported
alliances contradict each other, and who sits between the camps.

The relations are read as a *signed* graph: ``backs``, ``alliedWith``,
``memberOf`` and ``leads`` are ties of support (+1), ``opposes`` a tie of
hostility (-1). ``controls`` and ``withdrewFrom`` point at places and carry no
sign; places are left out of every measure here.

Example, on a small hand-made graph:

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for relation, a, b in [("backs", "Russia", "Assad"), ("backs", "Iran", "Assad"),
...                        ("backs", "Turkey", "SNA"), ("opposes", "SNA", "Assad")]:
...     _ = g.add_edge(a, b, key=relation, relation=relation, claims=1)
>>> [bloc.members for bloc in alliance_blocs(g)]
[('Assad', 'Iran', 'Russia'), ('SNA', 'Turkey')]
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

from .actors import PLACE_TYPES

__all__ = [
    "SIGNS", "Bloc", "Triad", "Centrality", "is_place", "signed_graph", "alliance_blocs", "unbalanced_triads",
    "central_actors",
]

#: the sign each relation gives to the tie between two actors; relations absent here carry no sign
SIGNS: dict[str, int] = {"backs": 1, "alliedWith": 1, "memberOf": 1, "leads": 1, "opposes": -1}


@dataclass(frozen=True)
class Bloc:
    """Actors that support each other (directly or through members) and never oppose each other.

    ``members`` are node ids sorted by label, ``labels`` the matching labels, ``support`` the
    claims behind the supporting ties inside the bloc.

    >>> bloc = Bloc(members=("actor:sna", "actor:turkey"), labels=("SNA", "Turkey"), support=3)
    >>> dict(zip(bloc.members, bloc.labels))["actor:turkey"], bloc.support
    ('Turkey', 3)
    """

    members: tuple[Hashable, ...]
    labels: tuple[str, ...]
    support: int


@dataclass(frozen=True)
class Triad:
    """Three actors whose ties break structural balance (an odd number of hostile ties).

    With one hostile tie ("my ally's ally fights me") ``actors[1]`` is the ally both others
    support and ``actors[0]`` opposes ``actors[2]``; with three, all three oppose each other.
    ``signs`` gives the sign of the ties (0-1, 1-2, 0-2) in that order.

    >>> triad = Triad(("sdf", "us", "turkey"), ("SDF", "US", "Turkey"), (1, 1, -1))
    >>> triad.labels[1], triad.negative
    ('US', 1)
    """

    actors: tuple[Hashable, Hashable, Hashable]
    labels: tuple[str, str, str]
    signs: tuple[int, int, int]

    @property
    def negative(self) -> int:
        """How many of the three ties are hostile (1 or 3).

        >>> Triad(("a", "b", "c"), ("HTS", "ISIS", "SDF"), (-1, -1, -1)).negative
        3
        """
        return sum(1 for s in self.signs if s < 0)

    def describe(self) -> str:
        """The triad in one English sentence.

        >>> Triad(("a", "b", "c"), ("Turkey", "US", "SDF"), (1, 1, -1)).describe()
        'Turkey and US are allied, US and SDF are allied, but Turkey and SDF are opposed'
        """
        a, b, c = self.labels
        if self.negative == 3:
            return f"{a}, {b} and {c} all oppose each other"
        return f"{a} and {b} are allied, {b} and {c} are allied, but {a} and {c} are opposed"


@dataclass(frozen=True)
class Centrality:
    """How central one actor is: distinct actors it has ties with, and its betweenness (0..1).

    >>> c = Centrality(actor="assad", label="Bashar al-Assad", type="Person", degree=3, betweenness=1.0)
    >>> c.label, c.degree, c.betweenness
    ('Bashar al-Assad', 3, 1.0)
    """

    actor: Hashable
    label: str
    type: str
    degree: int
    betweenness: float


def is_place(graph: nx.MultiDiGraph, node: Hashable) -> bool:
    """Whether a node is a place (its ``type`` is a Place class), which the actor measures leave out.

    >>> g = nx.MultiDiGraph(); g.add_node("Homs", type="Settlement"); g.add_node("HTS", type="ArmedGroup")
    >>> is_place(g, "Homs"), is_place(g, "HTS")
    (True, False)
    """
    return graph.nodes[node].get("type") in PLACE_TYPES


def _label(graph: nx.Graph, node: Hashable) -> str:
    return str(graph.nodes[node].get("label") or node)


def signed_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected actor graph with one signed tie per pair of actors.

    Each tie sums the evidence (``claims``, 1 when absent) of the signed relations in both
    directions: ``positive`` and ``negative`` claim counts, ``weight`` their total, and
    ``sign`` +1 when support outweighs hostility, else -1 (a tie counts as hostile, since
    reported fighting between two actors is the stronger signal). Places, self-loops and
    unsigned relations are left out; every actor stays as a node, tied or not.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("Turkey", "SNA", key="backs", relation="backs", claims=2)
    >>> _ = g.add_edge("SNA", "Turkey", key="opposes", relation="opposes", claims=1)
    >>> signed_graph(g).edges["Turkey", "SNA"]
    {'positive': 2, 'negative': 1, 'weight': 3, 'sign': 1}
    """
    signed = nx.Graph()
    signed.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if not is_place(graph, n))
    for u, v, key, data in graph.edges(keys=True, data=True):
        sign = SIGNS.get(data.get("relation", key))
        if sign is None or u == v or u not in signed or v not in signed:
            continue
        if not signed.has_edge(u, v):
            signed.add_edge(u, v, positive=0, negative=0)
        tie = signed.edges[u, v]
        tie["positive" if sign > 0 else "negative"] += int(data.get("claims", 1))
    for _, _, tie in signed.edges(data=True):
        tie["weight"] = tie["positive"] + tie["negative"]
        tie["sign"] = 1 if tie["positive"] > tie["negative"] else -1
    return signed


def alliance_blocs(graph: nx.MultiDiGraph, *, min_size: int = 2) -> list[Bloc]:
    """Alliance blocs by greedy agglomerative signed clustering.

    Method: start with every actor alone; repeatedly merge the two groups joined by the most
    supporting evidence (sum of ``claims`` on positive ties between them), provided no member
    of one has a hostile tie with a member of the other; stop when no such pair is left. So a
    bloc is connected by support and free of internal hostility, and an actor courted by two
    camps joins the one with more evidence.

    Limits: greedy, so not an optimal signed partition (that problem is NP-hard); one hostile
    claim, even a mis-extraction, keeps two groups apart; direction is ignored ("A backs B"
    and "B backs A" count alike) and so is time, so an alliance that ended and one that began
    later are read as simultaneous. Ties in evidence are broken by node order, so the result
    is deterministic.

    Blocs with fewer than ``min_size`` members are dropped; the rest come largest first.

    >>> g = nx.MultiDiGraph()
    >>> for relation, a, b, n in [("backs", "US", "SDF", 1), ("backs", "Turkey", "SNA", 2),
    ...                           ("alliedWith", "US", "Turkey", 1), ("opposes", "SNA", "SDF", 1)]:
    ...     _ = g.add_edge(a, b, key=relation, relation=relation, claims=n)
    >>> [(b.members, b.support) for b in alliance_blocs(g)]
    [(('SNA', 'Turkey'), 2), (('SDF', 'US'), 1)]

    Turkey, backing the SNA with more evidence, stays with it rather than joining its ally the US.
    """
    signed = signed_graph(graph)
    order = {n: i for i, n in enumerate(sorted(signed, key=lambda n: (_label(signed, n), str(n))))}
    cluster_of = {n: order[n] for n in signed}
    members: dict[int, set[Hashable]] = {order[n]: {n} for n in signed}
    support: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    hostile: dict[int, set[int]] = defaultdict(set)
    inside: dict[int, int] = defaultdict(int)
    for u, v, tie in signed.edges(data=True):
        a, b = cluster_of[u], cluster_of[v]
        if tie["sign"] > 0:
            support[a][b] += tie["weight"]
            support[b][a] += tie["weight"]
        else:
            hostile[a].add(b)
            hostile[b].add(a)
    heap = [(-w, min(a, b), max(a, b)) for a in support for b, w in support[a].items() if a < b]
    heapq.heapify(heap)
    while heap:
        weight, a, b = heapq.heappop(heap)
        if a not in members or b not in members or support[a].get(b) != -weight or b in hostile[a]:
            continue
        members[a] |= members.pop(b)
        inside[a] += inside.pop(b, 0) - weight
        for other, w in support.pop(b).items():
            support[other].pop(b, None)
            if other != a:
                support[a][other] += w
                support[other][a] = support[a][other]
                heapq.heappush(heap, (-support[a][other], min(a, other), max(a, other)))
        support[a].pop(b, None)
        for other in hostile.pop(b, set()):
            hostile[other].discard(b)
            if other != a:
                hostile[other].add(a)
                hostile[a].add(other)
    blocs = [Bloc(members=tuple(sorted(group, key=order.__getitem__)),
                  labels=tuple(_label(signed, n) for n in sorted(group, key=order.__getitem__)),
                  support=inside[key])
             for key, group in members.items() if len(group) >= min_size]
    return sorted(blocs, key=lambda b: (-len(b.members), -b.support, b.labels))


def _triangles(signed: nx.Graph) -> Iterable[tuple[Hashable, Hashable, Hashable]]:
    rank = {n: i for i, n in enumerate(signed)}
    for u in signed:
        later = [v for v in signed[u] if rank[v] > rank[u]]
        for v in later:
            for w in signed[v]:
                if rank[w] > rank[v] and signed.has_edge(u, w):
                    yield u, v, w


def unbalanced_triads(graph: nx.MultiDiGraph) -> list[Triad]:
    """Triangles of actors whose ties break structural balance (an odd number of hostile ties).

    Balance theory (Heider; Cartwright and Harary) expects "the friend of my friend is my
    friend" and "the enemy of my enemy is my friend"; a triangle with one hostile tie ("my
    ally's ally fights me") or three (three mutual enemies) breaks it. In news reports these
    mark shifting alliances, proxy conflicts inside a camp, or extraction errors worth a look.
    Signs come from ``signed_graph``. Triads with one hostile tie come first, then by label.

    >>> g = nx.MultiDiGraph()
    >>> for relation, a, b in [("backs", "US", "SDF"), ("alliedWith", "US", "Turkey"), ("opposes", "Turkey", "SDF")]:
    ...     _ = g.add_edge(a, b, key=relation, relation=relation, claims=1)
    >>> [t.describe() for t in unbalanced_triads(g)]
    ['SDF and US are allied, US and Turkey are allied, but SDF and Turkey are opposed']
    """
    signed = signed_graph(graph)
    found: list[Triad] = []
    for triangle in _triangles(signed):
        pairs = [(triangle[0], triangle[1]), (triangle[1], triangle[2]), (triangle[0], triangle[2])]
        signs = [signed.edges[p]["sign"] for p in pairs]
        if signs.count(-1) % 2 == 0:
            continue
        if signs.count(-1) == 1:
            x, y = pairs[signs.index(-1)]
            a, c = sorted((x, y), key=lambda n: (_label(signed, n), str(n)))
            (b,) = set(triangle) - {a, c}
            actors, signs3 = (a, b, c), (1, 1, -1)
        else:
            actors = tuple(sorted(triangle, key=lambda n: (_label(signed, n), str(n))))
            signs3 = (-1, -1, -1)
        found.append(Triad(actors=actors, labels=tuple(_label(signed, n) for n in actors), signs=signs3))
    return sorted(found, key=lambda t: (t.negative, t.labels))


def central_actors(graph: nx.MultiDiGraph, *, top: int = 10) -> list[Centrality]:
    """The ``top`` most central actors on the undirected actor graph (places left out).

    ``degree`` counts the distinct actors one has any relation with (signed or not);
    ``betweenness`` is networkx's normalised betweenness centrality: the share of shortest
    paths between other actors that pass through it, i.e. who bridges the camps. Ordered by
    betweenness, then degree, then label.

    >>> g = nx.MultiDiGraph()
    >>> for relation, a, b in [("backs", "Russia", "Assad"), ("backs", "Iran", "Assad"), ("opposes", "HTS", "Assad")]:
    ...     _ = g.add_edge(a, b, key=relation, relation=relation, claims=1)
    >>> [(c.label, c.degree, c.betweenness) for c in central_actors(g, top=2)]
    [('Assad', 3, 1.0), ('HTS', 1, 0.0)]
    """
    actors = nx.Graph()
    actors.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if not is_place(graph, n))
    actors.add_edges_from((u, v) for u, v in graph.edges() if u != v and u in actors and v in actors)
    betweenness = nx.betweenness_centrality(actors) if len(actors) else {}
    ranked = sorted(actors, key=lambda n: (-betweenness[n], -actors.degree(n), _label(actors, n), str(n)))
    return [Centrality(actor=n, label=_label(actors, n), type=str(actors.nodes[n].get("type", "Actor")),
                       degree=actors.degree(n), betweenness=round(betweenness[n], 4))
            for n in ranked[:top]]
