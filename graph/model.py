"""One graph for the whole corpus: typed nodes and edges, each fact with its provenance.

This is the single in-memory structure every store (RDF, Bolt, GraphML) and every page reads.
Nodes are keyed by the stable keys of loaders.keys, so the same document cited by five plans in
five spellings is one node; edges are plain records with the file, line and text they came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# node labels
DOCUMENT, PLAN, AGENCY, ACTIVITY, PROVINCE, PERSON = "Document", "Plan", "Agency", "Activity", "Province", "Person"
LABELS = (DOCUMENT, PLAN, AGENCY, ACTIVITY, PROVINCE, PERSON)

# edge types: (name, source label, target label, meaning)
LEGAL_BASIS = "LEGAL_BASIS"  # plan → document it stands on (Căn cứ, Thực hiện)
PROPOSAL = "PROPOSAL"  # plan → document whose proposal it follows (Theo đề nghị, Xét đề nghị)
MENTIONS = "MENTIONS"  # plan → document its body cites
NAMES = "NAMES"  # plan → document it refers to by name only
ISSUED_BY = "ISSUED_BY"  # document or plan → agency
SIGNED_BY = "SIGNED_BY"  # plan → person
HAS_ACTIVITY = "HAS_ACTIVITY"  # plan → activity
LEAD = "LEAD"  # activity → agency (chủ trì, thực hiện)
COOPERATING = "COOPERATING"  # activity → agency (phối hợp)
INVITED = "INVITED"  # activity → agency (mời tham gia)
RECIPIENT = "RECIPIENT"  # plan → agency (Nơi nhận)
IN_PROVINCE = "IN_PROVINCE"  # plan, local document, provincial agency → province
PART_OF = "PART_OF"  # agency → its parent agency
SUCCEEDED_BY = "SUCCEEDED_BY"  # agency or province → what took it over in 2025
EDGE_TYPES = (LEGAL_BASIS, PROPOSAL, MENTIONS, NAMES, ISSUED_BY, SIGNED_BY, HAS_ACTIVITY, LEAD, COOPERATING,
              INVITED, RECIPIENT, IN_PROVINCE, PART_OF, SUCCEEDED_BY)


@dataclass
class Node:
    key: str  # stable key: 'doc/vn/2021/76-nq-cp', 'agency/tay-ninh/so-noi-vu', …
    labels: set[str]
    props: dict[str, Any] = field(default_factory=dict)
    # every place the node was read: {"file", "line", "text"}
    provenance: list[dict[str, Any]] = field(default_factory=list)
    # the readings already in `provenance`, hashed: a central document is read in thousands of plans,
    # and a scan of the list for each one made building quadratic in the corpus
    _seen: set[tuple[tuple[str, Any], ...]] = field(default_factory=set, repr=False, compare=False)

    def add_provenance(self, reading: dict[str, Any]) -> None:
        """Record where the node was read, once per distinct reading."""
        if not self._seen and self.provenance:  # filled directly (tests, older callers): index it first
            self._seen.update(_reading_key(p) for p in self.provenance)
        key = _reading_key(reading)
        if key not in self._seen:
            self._seen.add(key)
            self.provenance.append(reading)

    @property
    def label(self) -> str:
        """The main label (a numbered plan is also a Document; Plan wins)."""
        for lab in LABELS:
            if lab in self.labels:
                return lab
        return next(iter(self.labels))


def _reading_key(reading: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v if isinstance(v, str | int | float | bool | None) else repr(v))
                        for k, v in reading.items()))


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    props: tuple[tuple[str, Any], ...] = ()  # sorted (name, value) pairs: hashable, stable

    def get(self, name: str, default: Any = None) -> Any:
        return dict(self.props).get(name, default)


@dataclass
class Model:
    """Nodes by key and typed edges, with insertion order kept for stable output."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, tuple[tuple[str, Any], ...]], Edge] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def add_node(self, key: str, label: str, provenance: dict[str, Any] | None = None, **props: Any) -> Node:
        """Add or merge a node: labels are unioned, a property already set is kept (first reading wins)
        unless the new value fills a None."""
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = Node(key, {label})
        node.labels.add(label)
        for k, v in props.items():
            if v is None and k in node.props:
                continue
            if node.props.get(k) is None:
                node.props[k] = v
        if provenance:
            node.add_provenance(provenance)
        return node

    def add_edge(self, source: str, target: str, type_: str, **props: Any) -> Edge:
        edge = Edge(source, target, type_, tuple(sorted((k, v) for k, v in props.items() if v is not None)))
        self.edges.setdefault((source, target, type_, edge.props), edge)
        return edge

    def edges_of(self, *types: str) -> Iterator[Edge]:
        for e in self.edges.values():
            if not types or e.type in types:
                yield e

    def nodes_of(self, label: str) -> Iterator[Node]:
        for n in self.nodes.values():
            if label in n.labels:
                yield n

    def counts(self) -> dict[str, Any]:
        return {
            "nodes": len(self.nodes),
            "edges": len(self.edges),
            "by_label": {lab: sum(1 for _ in self.nodes_of(lab)) for lab in LABELS},
            "by_edge": {t: sum(1 for _ in self.edges_of(t)) for t in EDGE_TYPES},
        }

    def to_networkx(self, *types: str) -> Any:
        """A networkx MultiDiGraph of the model (or of the given edge types), attributes flattened."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for n in self.nodes.values():
            g.add_node(n.key, label=n.label, labels=";".join(sorted(n.labels)),
                       **{k: _flat(v) for k, v in n.props.items() if v is not None})
        for e in self.edges_of(*types):
            g.add_edge(e.source, e.target, key=e.type, type=e.type, **{k: _flat(v) for k, v in e.props})
        return g


def _flat(v: Any) -> Any:
    """GraphML and GEXF take scalars only."""
    if isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (list, tuple, set)):
        return "; ".join(str(x) for x in v)
    return str(v)
