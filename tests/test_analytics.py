"""Analytics on a small hand-made signed actor graph whose blocs and triads are known by construction.

The graph (claims in brackets):
  camp of the government: Russia -backs[3]-> Assad, Iran -backs[2]-> Assad, Hezbollah -backs[1]-> Assad
  the US camp: US -backs[2]-> SDF;  the Turkish camp: Turkey -backs[2]-> SNA;  US -alliedWith[1]- Turkey
  hostility: Turkey -> SDF [2], SNA -> SDF [1], HTS -> Assad [3], HTS -> Russia [1], SNA -> Assad [1],
             HTS -> SDF [1], SDF -> Assad [1]
  places: HTS -controls-> Homs, Assad -withdrewFrom-> Homs
"""
from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analytics import (
    Bloc,
    Triad,
    alliance_blocs,
    central_actors,
    is_place,
    signed_graph,
    unbalanced_triads,
)

EDGES = [
    ("Russia", "backs", "Assad", 3), ("Iran", "backs", "Assad", 2), ("Hezbollah", "backs", "Assad", 1),
    ("US", "backs", "SDF", 2), ("Turkey", "backs", "SNA", 2), ("US", "alliedWith", "Turkey", 1),
    ("Turkey", "opposes", "SDF", 2), ("SNA", "opposes", "SDF", 1), ("HTS", "opposes", "Assad", 3),
    ("HTS", "opposes", "Russia", 1), ("SNA", "opposes", "Assad", 1), ("HTS", "opposes", "SDF", 1),
    ("SDF", "opposes", "Assad", 1), ("HTS", "controls", "Homs", 2), ("Assad", "withdrewFrom", "Homs", 1),
]
TYPES = {"Russia": "State", "Iran": "State", "US": "State", "Turkey": "State", "Assad": "Government",
         "Homs": "Settlement"}


def build(edges) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for s, relation, o, claims in edges:
        for node in (s, o):
            g.add_node(node, label=node, type=TYPES.get(node, "ArmedGroup"))
        g.add_edge(s, o, key=relation, relation=relation, claims=claims)
    return g


@pytest.fixture()
def conflict() -> nx.MultiDiGraph:
    return build(EDGES)


def test_analytics_alliance_blocs_are_the_three_camps(conflict):
    assert alliance_blocs(conflict) == [
        Bloc(members=("Assad", "Hezbollah", "Iran", "Russia"), labels=("Assad", "Hezbollah", "Iran", "Russia"),
             support=6),
        Bloc(members=("SDF", "US"), labels=("SDF", "US"), support=2),
        Bloc(members=("SNA", "Turkey"), labels=("SNA", "Turkey"), support=2),
    ]


def test_analytics_alliance_blocs_min_size_one_keeps_loners_and_no_places(conflict):
    blocs = alliance_blocs(conflict, min_size=1)
    assert Bloc(members=("HTS",), labels=("HTS",), support=0) in blocs
    assert all("Homs" not in b.members for b in blocs)


def test_analytics_alliance_blocs_follow_the_stronger_evidence():
    # the US is allied with Turkey (2 claims) more than it backs the SDF (1), and the SNA fights the SDF:
    # the US joins Turkey's camp and the SDF is left alone
    g = build([("US", "backs", "SDF", 1), ("Turkey", "backs", "SNA", 3), ("US", "alliedWith", "Turkey", 2),
               ("SNA", "opposes", "SDF", 1)])
    assert [b.members for b in alliance_blocs(g, min_size=1)] == [("SNA", "Turkey", "US"), ("SDF",)]


def test_analytics_unbalanced_triads_are_exactly_the_odd_negative_triangles(conflict):
    assert unbalanced_triads(conflict) == [
        Triad(actors=("SDF", "US", "Turkey"), labels=("SDF", "US", "Turkey"), signs=(1, 1, -1)),
        Triad(actors=("Assad", "HTS", "SDF"), labels=("Assad", "HTS", "SDF"), signs=(-1, -1, -1)),
        Triad(actors=("Assad", "SDF", "SNA"), labels=("Assad", "SDF", "SNA"), signs=(-1, -1, -1)),
    ]


@pytest.mark.parametrize("edges", [
    pytest.param([("A", "backs", "B", 1), ("B", "backs", "C", 1), ("A", "backs", "C", 1)], id="three-friends"),
    pytest.param([("A", "backs", "B", 1), ("B", "opposes", "C", 1), ("A", "opposes", "C", 1)],
                 id="enemy-of-my-enemy"),
    pytest.param([("A", "backs", "B", 1), ("B", "backs", "C", 1)], id="open-path"),
])
def test_analytics_balanced_triangles_are_not_reported(edges):
    assert unbalanced_triads(build(edges)) == []


def test_analytics_triad_describes_my_allys_ally_fights_me(conflict):
    assert unbalanced_triads(conflict)[0].describe() == \
        "SDF and US are allied, US and Turkey are allied, but SDF and Turkey are opposed"


def test_analytics_signed_graph_nets_evidence_and_drops_places_and_unsigned_relations():
    g = build([("A", "backs", "B", 2), ("B", "opposes", "A", 1), ("C", "backs", "D", 1), ("D", "opposes", "C", 1),
               ("A", "controls", "Homs", 5), ("A", "leads", "A", 1), ("A", "withdrewFrom", "Homs", 1)])
    signed = signed_graph(g)
    assert signed.edges["A", "B"] == {"positive": 2, "negative": 1, "weight": 3, "sign": 1}
    assert signed.edges["C", "D"]["sign"] == -1  # a tie in evidence counts as hostile
    assert "Homs" not in signed and not signed.has_edge("A", "A")


def test_analytics_central_actors_rank_by_betweenness_and_skip_places(conflict):
    central = central_actors(conflict, top=100)
    assert [(c.actor, c.degree) for c in central[:2]] == [("Assad", 6), ("SDF", 5)]
    assert "Homs" not in {c.actor for c in central}
    assert len(central) == 9 and len(central_actors(conflict, top=3)) == 3


def test_analytics_central_actors_betweenness_of_a_path():
    central = central_actors(build([("A", "backs", "B", 1), ("C", "opposes", "B", 1)]))
    assert [(c.actor, c.betweenness) for c in central] == [("B", 1.0), ("A", 0.0), ("C", 0.0)]


def test_analytics_is_place(conflict):
    assert is_place(conflict, "Homs") and not is_place(conflict, "HTS")


def test_analytics_empty_graph_gives_empty_results():
    g = nx.MultiDiGraph()
    assert (alliance_blocs(g), unbalanced_triads(g), central_actors(g)) == ([], [], [])


signed_edges = st.lists(
    st.tuples(st.sampled_from("ABCDEFG"), st.sampled_from(["backs", "alliedWith", "opposes"]),
              st.sampled_from("ABCDEFG"), st.integers(1, 3)),
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(signed_edges)
def test_analytics_blocs_are_disjoint_connected_and_free_of_hostility(edges):
    g = build(edges)
    signed = signed_graph(g)
    blocs = alliance_blocs(g, min_size=1)
    members = [m for b in blocs for m in b.members]
    assert sorted(members) == sorted(signed.nodes)
    for bloc in blocs:
        inside = signed.subgraph(bloc.members)
        assert all(d["sign"] > 0 for _, _, d in inside.edges(data=True))
        positive = nx.Graph([(u, v) for u, v, d in inside.edges(data=True) if d["sign"] > 0])
        positive.add_nodes_from(bloc.members)
        assert nx.is_connected(positive)
        assert bloc.support == sum(d["weight"] for _, _, d in inside.edges(data=True))
