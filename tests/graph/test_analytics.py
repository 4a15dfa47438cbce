"""Coordination analytics run on igraph for speed; networkx's own functions are the reference they
must agree with (betweenness to the sixth decimal, communities at least as modular as its greedy ones)."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from cancu.graph import analytics
from cancu.graph import model as m


def _model(activities: list[tuple[str, list[str]]]) -> m.Model:
    """One activity per (lead, cooperating agencies)."""
    model = m.Model()
    for i, (lead, coops) in enumerate(activities):
        act = f"act/{i}"
        model.add_node(act, m.ACTIVITY)
        for agency in (lead, *coops):
            if agency not in model.nodes:
                model.add_node(agency, m.AGENCY)
        model.add_edge(act, lead, m.LEAD)
        for c in coops:
            model.add_edge(act, c, m.COOPERATING)
    return model


def _random(seed: int, agencies: int, activities: int) -> list[tuple[str, list[str]]]:
    rnd = random.Random(seed)
    names = [f"agency/{k:03d}" for k in range(agencies)]
    return [(rnd.choice(names), rnd.sample(names, rnd.randint(1, 3))) for _ in range(activities)]


SHAPES = {
    "path": [("a", ["b"]), ("b", ["c"]), ("c", ["d"]), ("d", ["e"])],
    "star": [("hub", [x]) for x in "abcdef"],
    "two provinces and a ministry between them": [
        ("tn/snv", ["tn/stp", "tn/sct"]), ("tn/stp", ["tn/sct"]), ("bk/snv", ["bk/stp"]),
        ("vn/bnv", ["tn/snv", "bk/snv"]), ("bk/stp", ["bk/sct"])],
    "a repeated pair is one weighted edge": [("a", ["b"]), ("a", ["b"]), ("b", ["c"]), ("c", ["a", "d"])],
    "self-cooperation is no edge": [("a", ["a", "b"]), ("b", ["c"]), ("c", ["d"])],
    "disconnected": [("a", ["b"]), ("c", ["d"]), ("d", ["e"])],
    "random small": _random(1, 30, 60),
    "random sparse": _random(2, 200, 150),
    "random dense": _random(3, 60, 400),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_betweenness_is_networkx(shape: str) -> None:
    model = _model(SHAPES[shape])
    g = analytics.coordination_graph(model)
    want = nx.betweenness_centrality(g)
    got = analytics.coordination_betweenness(model)
    assert set(got) == set(want)
    assert {k: round(v, 6) for k, v in got.items()} == {k: round(v, 6) for k, v in want.items()}


@pytest.mark.parametrize("shape", SHAPES)
def test_communities_as_good_as_networkx(shape: str) -> None:
    model = _model(SHAPES[shape])
    g = analytics.coordination_graph(model)
    got = analytics.coordination_communities(model)
    assert set(got) == set(g.nodes)  # every agency in one community
    groups: dict[int, set[str]] = {}
    for node, c in got.items():
        groups.setdefault(c, set()).add(node)
    assert sorted(groups) == list(range(len(groups)))
    sizes = [len(groups[c]) for c in sorted(groups)]
    assert sizes == sorted(sizes, reverse=True)  # numbered by size
    want = nx.community.modularity(g, nx.community.greedy_modularity_communities(g, weight="weight"),
                                   weight="weight")
    assert nx.community.modularity(g, list(groups.values()), weight="weight") >= want - 1e-9


def test_communities_are_stable() -> None:
    """Louvain is randomised: the same graph must still give the same numbering, run after run."""
    model = _model(SHAPES["random dense"])
    first = analytics.coordination_communities(model)
    random.random()  # other users of the random module do not change the outcome
    assert all(analytics.coordination_communities(model) == first for _ in range(3))


def test_no_coordination_no_analytics() -> None:
    model = _model([])
    assert analytics.coordination_betweenness(model) == {}
    assert analytics.coordination_communities(model) == {}


CITATIONS = {
    "one document": [("p1", "d1"), ("p2", "d1")],
    "a chain through a plan that is cited": [("p1", "d1"), ("p2", "p1"), ("p3", "p1"), ("p3", "d2")],
    "a plan citing itself": [("p1", "p1"), ("p1", "d1"), ("p2", "d1")],
    "random": [(f"p{k % 41}", f"d{random.Random(k).randint(0, 30)}") for k in range(300)]
    + [(f"p{k}", f"p{k + 1}") for k in range(0, 40, 3)],
}


@pytest.mark.parametrize("shape", CITATIONS)
def test_pagerank_is_networkx(shape: str) -> None:
    model = m.Model()
    for i, (plan, doc) in enumerate(CITATIONS[shape]):
        model.add_edge(plan, doc, m.LEGAL_BASIS if i % 3 else m.MENTIONS, line=i)
    g = nx.DiGraph((e.source, e.target) for e in model.edges_of())
    want = nx.pagerank(g, alpha=0.85, tol=1e-12)
    got = analytics.basis_pagerank(model)
    assert set(got) == set(want)
    assert all(abs(got[k] - want[k]) < 1e-9 for k in want)
