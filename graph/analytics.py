"""Corpus analytics where SPARQL is awkward: pure functions over the model, plus one step that
writes their results back as node properties for the queries and pages.

>>> from cancu.testing import tiny_model
>>> legal_basis_counts(tiny_model())["doc/vn/2021/76-nq-cp"]
2
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable
from typing import Any

from cancu.graph import model as m

BASIS_TYPES = (m.LEGAL_BASIS, m.PROPOSAL)


CITATION_TYPES = (*BASIS_TYPES, m.MENTIONS)

# the node properties `annotate` writes: global, so one corrected plan moves them on many nodes; in the
# build's files and RDF, not pushed to a Bolt server (graph/stores/bolt_rows.py)
PROPERTIES = ("legal_basis_count", "citation_count", "activities_led", "named_by_plans", "pagerank", "betweenness",
              "community")


class Tally:
    """What every analytic needs, gathered in one pass over the edges a plan at a time (most of them are
    in the spool on disk): counts, the citing pairs, and agency pairs weighted by shared activities.
    Its size follows documents and agencies, not the corpus."""

    def __init__(self, plans: Container[str] = ()) -> None:
        self.plans = plans  # plan keys: their province edges count in `named`, other nodes' do not
        self.basis: Counter[str] = Counter()  # legal-basis and proposal in-degree
        self.cited: Counter[str] = Counter()  # any citation's in-degree
        self.led: Counter[str] = Counter()  # activities led, per agency
        self.citing: set[tuple[str, str]] = set()  # (plan, document), once each, as a DiGraph keeps them
        self.pairs: Counter[tuple[str, str]] = Counter()  # unordered (agency, agency) → shared activities
        self.named: Counter[str] = Counter()  # plans naming each agency (recipient, lead, partner) or province

    def add(self, edges: Iterable[m.Edge]) -> Tally:
        """Take in a group of edges; an activity's roles, and the plan's edge to it, must all be in the
        same group, and a plan's edges to its activities and recipients in one group only (a plan's own
        chunk, see graph/build.py plan_part)."""
        roles: dict[str, tuple[set[str], set[str]]] = {}
        named: dict[str, set[str]] = {}  # plan → the agencies and provinces it names, in this group
        plan_of: dict[str, str] = {}  # activity → its plan
        for e in edges:
            t = e.type
            if t in CITATION_TYPES:
                self.cited[e.target] += 1
                self.citing.add((e.source, e.target))
                if t != m.MENTIONS:
                    self.basis[e.target] += 1
            elif t == m.LEAD:
                self.led[e.target] += 1
                roles.setdefault(e.source, (set(), set()))[0].add(e.target)
            elif t == m.COOPERATING:
                roles.setdefault(e.source, (set(), set()))[1].add(e.target)
            elif t == m.HAS_ACTIVITY:
                plan_of[e.target] = e.source
            elif t == m.RECIPIENT or (t == m.IN_PROVINCE and e.source in self.plans):
                named.setdefault(e.source, set()).add(e.target)
        for activity, (leads, cooperating) in roles.items():
            plan = plan_of.get(activity)
            if plan is not None:
                named.setdefault(plan, set()).update(leads, cooperating)
        for units in named.values():
            self.named.update(units)
        for leads, cooperating in roles.values():
            for lead in leads:
                for coop in cooperating:
                    if lead != coop:
                        self.pairs[(lead, coop) if lead < coop else (coop, lead)] += 1
        return self

    def parts(self) -> tuple[Any, ...]:
        """What the tally holds, as plain values (kept between builds for each plan's chunk, graph/chunk_cache.py)."""
        return (dict(self.basis), dict(self.cited), dict(self.led), set(self.citing), dict(self.pairs),
                dict(self.named))

    def merge(self, parts: tuple[Any, ...]) -> Tally:
        """Take in another group's tally (its `parts`), as `add` of that group would."""
        basis, cited, led, citing, pairs, named = parts
        self.basis.update(basis)
        self.cited.update(cited)
        self.led.update(led)
        self.citing.update(citing)
        self.pairs.update(pairs)
        self.named.update(named)
        return self


def tally(model: m.Model) -> Tally:
    """The shared edges tallied, then each plan's chunk's own tally (kept from the previous build where
    the chunk is the same)."""
    t = Tally({key for key, n in model.nodes.shared.items() if m.PLAN in n.labels})
    t.add(model.edges.shared.values())
    for facts in model.chunk_facts():
        t.merge(facts[3])
    return t


def legal_basis_counts(model: m.Model) -> dict[str, int]:
    """How many plans stand on each document (in-degree over legal-basis edges)."""
    return dict(tally(model).basis)


def citation_counts(model: m.Model) -> dict[str, int]:
    """How many plans cite each document at all (legal basis, proposal or mention)."""
    return dict(tally(model).cited)


def basis_pagerank(model: m.Model) -> dict[str, float]:
    """PageRank over plan → document citation edges: documents that drive many plans, and plans that
    are themselves legal bases of others, rank high."""
    return _pagerank(tally(model).citing)


def _pagerank(citing: set[tuple[str, str]]) -> dict[str, float]:
    """networkx's PageRank (damping 0.85, a dangling node's rank spread evenly), computed by igraph in C
    on integer ids: networkx's DiGraph of every citation of the country held gigabytes."""
    if not citing:
        return {}
    import igraph as ig  # type: ignore[import-untyped]  # the library ships no type hints

    names = sorted({key for pair in citing for key in pair})
    at = {name: i for i, name in enumerate(names)}
    h = ig.Graph(n=len(names), edges=sorted((at[s], at[t]) for s, t in citing), directed=True)
    return dict(zip(names, h.pagerank(damping=0.85, directed=True), strict=True))


def coordination_graph(model: m.Model | Tally) -> Any:
    """Undirected agency graph: an edge between a lead and a cooperating agency of one activity,
    weighted by how many activities they share."""
    import networkx as nx

    pairs = (model if isinstance(model, Tally) else tally(model)).pairs
    g: nx.Graph[str] = nx.Graph()
    g.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pairs.items()))
    return g


def _igraph(pairs: dict[tuple[str, str], int]) -> tuple[Any, list[str]]:
    """The coordination graph of the agency pairs as an igraph graph (weights kept) and the node names in
    igraph's order, made straight from the pairs: by way of a networkx graph, as before, it took longer
    than the analytics on it."""
    import igraph as ig

    names = sorted({name for pair in pairs for name in pair})
    at = {n: i for i, n in enumerate(names)}
    edges = sorted((min(at[u], at[v]), max(at[u], at[v]), w) for (u, v), w in pairs.items())
    h = ig.Graph(n=len(names), edges=[(u, v) for u, v, _ in edges], directed=False)
    h.es["weight"] = [w for _, _, w in edges]
    return h, names


def coordination_betweenness(model: m.Model) -> dict[str, float]:
    """Agencies that bridge most pairs in the coordination network: networkx's normalised
    betweenness (unweighted shortest paths), computed by igraph in C: exact, and fast enough for
    every agency of the country where networkx takes minutes."""
    return _betweenness(*_igraph(tally(model).pairs))


def _betweenness(h: Any, names: list[str]) -> dict[str, float]:
    n = len(names)
    if n <= 2:
        return {}
    scale = 2.0 / ((n - 1) * (n - 2))  # networkx's normalisation for undirected graphs
    return {name: b * scale for name, b in zip(names, h.betweenness(directed=False), strict=True)}


def coordination_communities(model: m.Model) -> dict[str, int]:
    """Groups of agencies that work together: Louvain modularity (igraph's multilevel; higher modularity
    than networkx's greedy CNM on coordination graphs, and in C), numbered from 0 by size, then by
    first member. Louvain visits nodes in random order: a seeded generator makes it repeatable."""
    return _communities(*_igraph(tally(model).pairs))


def _communities(h: Any, names: list[str]) -> dict[str, int]:
    import random

    import igraph as ig

    if h.ecount() == 0:
        return {}
    ig.set_random_number_generator(random.Random(0))
    try:
        clustering = h.community_multilevel(weights="weight")
    finally:
        ig.set_random_number_generator(random)  # igraph's default, for anyone else in the process
    groups = [sorted(names[i] for i in group) for group in clustering if group]
    groups.sort(key=lambda grp: (-len(grp), grp[0]))
    return {node: i for i, group in enumerate(groups) for node in group}


def activities_led(model: m.Model) -> dict[str, int]:
    return dict(tally(model).led)


def named_by_plans(model: m.Model) -> dict[str, int]:
    """How many plans name each agency (as a recipient, a lead or a partner) or province (as theirs)."""
    return dict(tally(model).named)


def annotate(model: m.Model) -> None:
    """Write the analytics into the model as node properties (rounded, so output is stable), from one
    pass over the edges."""
    t = tally(model)
    coordination = _igraph(t.pairs)
    nodes = model.nodes.shared  # what analytics describe (documents, plans, agencies) is never spooled
    for name, values in (("legal_basis_count", t.basis), ("citation_count", t.cited), ("activities_led", t.led),
                         ("named_by_plans", t.named)):
        for key, v in values.items():
            if key in nodes:
                nodes[key].props[name] = v
    for name, fvalues in (("pagerank", _pagerank(t.citing)), ("betweenness", _betweenness(*coordination))):
        for key, f in fvalues.items():
            if key in nodes:
                nodes[key].props[name] = round(f, 6)
    for key, c in _communities(*coordination).items():
        nodes[key].props["community"] = c
