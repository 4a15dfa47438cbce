"""Corpus analytics where SPARQL is awkward: pure functions over the model, plus one step that
writes their results back as node properties for the queries and pages.

>>> from cancu.testing import tiny_model
>>> legal_basis_counts(tiny_model())["doc/vn/2021/76-nq-cp"]
2
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from cancu.graph import model as m

BASIS_TYPES = (m.LEGAL_BASIS, m.PROPOSAL)


EdgeSource = m.Model | Iterable[m.Edge]  # a model, or edges already read from it (annotate reads once)


def _edges(source: EdgeSource, *types: str) -> Iterator[m.Edge]:
    edges = source.edges_of() if isinstance(source, m.Model) else source
    return (e for e in edges if e.type in types)


def legal_basis_counts(model: EdgeSource) -> dict[str, int]:
    """How many plans stand on each document (in-degree over legal-basis edges)."""
    return dict(Counter(e.target for e in _edges(model, *BASIS_TYPES)))


def citation_counts(model: EdgeSource) -> dict[str, int]:
    """How many plans cite each document at all (legal basis, proposal or mention)."""
    return dict(Counter(e.target for e in _edges(model, *BASIS_TYPES, m.MENTIONS)))


def basis_pagerank(model: EdgeSource) -> dict[str, float]:
    """PageRank over plan → document legal-basis edges: documents that drive many plans, and plans
    that are themselves legal bases of others, rank high."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_edges_from((e.source, e.target) for e in _edges(model, *BASIS_TYPES, m.MENTIONS))
    if g.number_of_edges() == 0:
        return {}
    return nx.pagerank(g, alpha=0.85)


def coordination_graph(model: EdgeSource) -> Any:
    """Undirected agency graph: an edge between a lead and a cooperating agency of one activity,
    weighted by how many activities they share."""
    import networkx as nx

    g = nx.Graph()
    by_activity: dict[str, dict[str, set[str]]] = {}
    for e in _edges(model, m.LEAD, m.COOPERATING):
        by_activity.setdefault(e.source, {m.LEAD: set(), m.COOPERATING: set()})[e.type].add(e.target)
    for roles in by_activity.values():
        for lead in roles[m.LEAD]:
            for coop in roles[m.COOPERATING]:
                if lead == coop:
                    continue
                w = g.get_edge_data(lead, coop, {}).get("weight", 0)
                g.add_edge(lead, coop, weight=w + 1)
    return g


def _igraph(g: Any) -> tuple[Any, list[str]]:
    """The networkx graph as an igraph graph (weights kept) and the node names in igraph's order."""
    import igraph as ig

    names = sorted(g.nodes)
    at = {n: i for i, n in enumerate(names)}
    edges = sorted((min(at[u], at[v]), max(at[u], at[v]), d.get("weight", 1)) for u, v, d in g.edges(data=True))
    h = ig.Graph(n=len(names), edges=[(u, v) for u, v, _ in edges], directed=False)
    h.es["weight"] = [w for _, _, w in edges]
    return h, names


def coordination_betweenness(model: EdgeSource) -> dict[str, float]:
    """Agencies that bridge most pairs in the coordination network: networkx's normalised
    betweenness (unweighted shortest paths), computed by igraph in C: exact, and fast enough for
    every agency of the country where networkx takes minutes."""
    return _betweenness(coordination_graph(model))


def _betweenness(g: Any) -> dict[str, float]:
    n = g.number_of_nodes()
    if n <= 2:
        return {}
    h, names = _igraph(g)
    scale = 2.0 / ((n - 1) * (n - 2))  # networkx's normalisation for undirected graphs
    return {name: b * scale for name, b in zip(names, h.betweenness(directed=False), strict=True)}


def coordination_communities(model: EdgeSource) -> dict[str, int]:
    """Groups of agencies that work together: Louvain modularity (igraph's multilevel; higher modularity
    than networkx's greedy CNM on coordination graphs, and in C), numbered from 0 by size, then by
    first member. Louvain visits nodes in random order: a seeded generator makes it repeatable."""
    return _communities(coordination_graph(model))


def _communities(g: Any) -> dict[str, int]:
    import random

    import igraph as ig

    if g.number_of_edges() == 0:
        return {}
    h, names = _igraph(g)
    ig.set_random_number_generator(random.Random(0))
    try:
        clustering = h.community_multilevel(weights="weight")
    finally:
        ig.set_random_number_generator(random)  # igraph's default, for anyone else in the process
    groups = [sorted(names[i] for i in group) for group in clustering if group]
    groups.sort(key=lambda grp: (-len(grp), grp[0]))
    return {node: i for i, group in enumerate(groups) for node in group}


def activities_led(model: EdgeSource) -> dict[str, int]:
    return dict(Counter(e.target for e in _edges(model, m.LEAD)))


def annotate(model: m.Model) -> None:
    """Write the analytics into the model as node properties (rounded, so output is stable). The edges
    they need are read from the model once: most of them are in the spool on disk."""
    edges = list(model.edges_of(*BASIS_TYPES, m.MENTIONS, m.LEAD, m.COOPERATING))
    coordination = coordination_graph(edges)
    nodes = model.nodes.shared  # what analytics describe (documents, plans, agencies) is never spooled
    for name, values in (("legal_basis_count", legal_basis_counts(edges)),
                         ("citation_count", citation_counts(edges)),
                         ("activities_led", activities_led(edges))):
        for key, v in values.items():
            if key in nodes:
                nodes[key].props[name] = v
    for name, fvalues in (("pagerank", basis_pagerank(edges)), ("betweenness", _betweenness(coordination))):
        for key, f in fvalues.items():
            if key in nodes:
                nodes[key].props[name] = round(f, 6)
    for key, c in _communities(coordination).items():
        nodes[key].props["community"] = c
