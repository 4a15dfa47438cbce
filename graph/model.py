"""One graph for the whole corpus: typed nodes and edges, each fact with its provenance.

This is the single structure every store (RDF, Bolt, GraphML) and every page reads. What plans share
(documents, agencies, people, provinces, the plans themselves) is held in memory; what belongs to one
plan alone (its activities and the edges it draws) is spooled to disk (graph/spool.py), so memory
follows the shared graph rather than the corpus. Nodes are keyed by the stable keys of loaders.keys,
so the same document cited by five plans in five spellings is one node; edges are plain records with
the file, line and text they came from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cancu.loaders.extract.identity import ACTIVITY_NODE, NodeKey

if TYPE_CHECKING:
    from cancu.graph.chunk_cache import ChunkCache, Facts
    from cancu.graph.spool import Spool

# node labels
DOCUMENT, PLAN, AGENCY, ACTIVITY, PROVINCE, PERSON = "Document", "Plan", "Agency", "Activity", "Province", "Person"
LABELS = (DOCUMENT, PLAN, AGENCY, ACTIVITY, PROVINCE, PERSON)

# edge types: (name, source label, target label, meaning)
LEGAL_BASIS = "LEGAL_BASIS"  # plan → document it stands on (Căn cứ, Thực hiện)
PROPOSAL = "PROPOSAL"  # plan → document whose proposal it follows (Theo đề nghị, Xét đề nghị)
MENTIONS = "MENTIONS"  # plan → document its body cites
NAMES = "NAMES"  # plan → document it refers to by name only
REFERS_TO = "REFERS_TO"  # basis document → document its basis line names: what it implements, amends, details
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
EDGE_TYPES = (LEGAL_BASIS, PROPOSAL, MENTIONS, NAMES, REFERS_TO, ISSUED_BY, SIGNED_BY, HAS_ACTIVITY, LEAD, COOPERATING,
              INVITED, RECIPIENT, IN_PROVINCE, PART_OF, SUCCEEDED_BY)


MAX_READINGS = 50  # readings kept per node: every reading is also on its edge; this is a sample for pages


@dataclass
class Node:
    key: str  # stable key: 'doc/vn/2021/76-nq-cp', 'agency/tay-ninh/so-noi-vu', …
    labels: set[str]
    props: dict[str, Any] = field(default_factory=dict)
    # where the node was read, {"file", "line", "text"}: the first MAX_READINGS distinct readings (a central
    # document is read in thousands of plans; each of those readings is on the plan's edge to it)
    provenance: list[dict[str, Any]] = field(default_factory=list)
    # the readings already in `provenance`, hashed: a scan of the list for each new one made building
    # quadratic in the corpus
    _seen: set[frozenset[tuple[str, Any]] | tuple[Any, ...]] = field(default_factory=set, repr=False,
                                                                               compare=False)
    # the props merged last (merge_values); add_node, which sets props directly, forgets them
    _merged: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def add_provenance(self, reading: dict[str, Any]) -> None:
        """Record where the node was read, once per distinct reading."""
        if len(self.provenance) >= MAX_READINGS:
            return
        if not self._seen and self.provenance:  # filled directly (tests, older callers): index it first
            self._seen.update(_reading_key(p) for p in self.provenance)
        key = _reading_key(reading)
        if key not in self._seen:
            self._seen.add(key)
            self.provenance.append(reading)

    def merge(self, other: Node) -> None:
        """Take in another reading of the same node, as if its props had been added after ours: labels
        unioned, list properties (spellings, positions) unioned, other properties kept unless None."""
        self.merge_values(other.labels, other.props, other.provenance)

    def merge_values(self, labels: Iterable[str], props: dict[str, Any], provenance: list[dict[str, Any]]) -> None:
        """`merge` of a node given by its parts, as the spool and plan parts hold it (no Node made). Props
        equal to the last ones merged change nothing (each is kept, filled or already in the list), so
        they are not looked at again: most plans read a document or agency as the last one did."""
        self.labels.update(labels)
        mine = self.props
        if props != self._merged:
            self._merge_props(mine, props)
            self._merged = props
        if len(self.provenance) < MAX_READINGS:  # a node read in many plans is full early: the rest is skipped
            for reading in provenance:
                self.add_provenance(reading)

    @staticmethod
    def _merge_props(mine: dict[str, Any], props: dict[str, Any]) -> None:
        for k, v in props.items():
            if k in UNION_PROPS:
                values = mine.setdefault(k, [])
                values += [x for x in v if x not in values]
            elif v is None:
                if k not in mine:
                    mine[k] = None
            elif mine.get(k) is None:
                mine[k] = v

    @property
    def label(self) -> str:
        """The main label (a numbered plan is also a Document; Plan wins)."""
        for lab in (PLAN, *LABELS):
            if lab in self.labels:
                return lab
        return next(iter(self.labels))


UNION_PROPS = frozenset({"written_as", "positions"})  # list properties every reading adds to


def _reading_key(reading: dict[str, Any]) -> frozenset[tuple[str, Any]] | tuple[Any, ...]:
    """What tells two readings apart, whatever the order of their keys. Readings are file, line and
    text: a frozenset of their items, hashed in C; one with an unhashable value is keyed by repr. The
    usual reading, of exactly those three, is keyed by its values in that order (cheaper than a frozenset,
    and never equal to a key of the other two forms, whose items are pairs)."""
    if len(reading) == 3 and "file" in reading and "line" in reading and "text" in reading:
        key = (reading["file"], reading["line"], reading["text"])
        with contextlib.suppress(TypeError):
            hash(key)
            return key
    try:
        return frozenset(reading.items())
    except TypeError:
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


EdgeKey = tuple[str, str, str, tuple[tuple[str, Any], ...]]
NodeTuple = tuple[str, list[str], dict[str, Any], list[dict[str, Any]]]  # a node as the spool keeps it


def edge_key(e: Edge) -> EdgeKey:
    return e.source, e.target, e.type, e.props


def node_tuple(n: Node) -> NodeTuple:
    return n.key, sorted(n.labels), n.props, n.provenance


class Nodes(MutableMapping[str, Node]):
    """Nodes by key: the shared ones in memory (`shared`), a plan's activities in the spool."""

    def __init__(self, model: Model) -> None:
        self.shared: dict[str, Node] = {}
        self._model = model

    def __getitem__(self, key: str) -> Node:
        node = self.shared.get(key)
        if node is not None:
            return node
        spool = self._model.spool
        activity = NodeKey.parse(key).activity if spool is not None and key.startswith(ACTIVITY_PREFIX) else None
        if spool is not None and activity is not None:
            chunk = spool.get(activity.plan)
            for k, labels, props, provenance in chunk[1] if chunk else ():
                if k == key:
                    return Node(k, set(labels), props, provenance)
        raise KeyError(key)

    def __setitem__(self, key: str, node: Node) -> None:
        self.shared[key] = node

    def __delitem__(self, key: str) -> None:
        del self.shared[key]

    def __iter__(self) -> Iterator[str]:
        for node in self.values():
            yield node.key

    def __len__(self) -> int:
        spool = self._model.spool
        return len(self.shared) + (spool.n_nodes if spool is not None else 0)

    def values(self) -> Iterator[Node]:  # type: ignore[override]  # a stream, not a view: the spool is on disk
        yield from self.shared.values()
        for nodes, _ in self._model.local_chunks():
            yield from nodes

    def items(self) -> Iterator[tuple[str, Node]]:  # type: ignore[override]
        for node in self.values():
            yield node.key, node


class Edges(Mapping[EdgeKey, Edge]):
    """Edges: the shared ones in memory (`shared`, keyed so a repeated fact is one edge), the ones a
    plan and its activities draw in the spool."""

    def __init__(self, model: Model) -> None:
        self.shared: dict[EdgeKey, Edge] = {}
        self._model = model

    def __getitem__(self, key: EdgeKey) -> Edge:
        edge = self.shared.get(key)
        if edge is None:
            edge = next((e for e in self.values() if edge_key(e) == key), None)
        if edge is None:
            raise KeyError(key)
        return edge

    def __iter__(self) -> Iterator[EdgeKey]:
        for e in self.values():
            yield edge_key(e)

    def __len__(self) -> int:
        spool = self._model.spool
        if spool is None:
            return len(self.shared)
        if self._model.renames:  # a renamed document can make two of a plan's edges one: count as read
            return sum(1 for _ in self.values())
        return len(self.shared) + spool.n_edges

    def values(self) -> Iterator[Edge]:  # type: ignore[override]
        for group in self._model.edge_groups():
            yield from group


class Model:
    """Nodes by key and typed edges, with insertion order kept for stable output.

    Shared nodes and edges live in memory; what belongs to one plan alone is added with
    `add_local` and kept in a spool on disk (graph/spool.py). Both are walked through `nodes`,
    `edges`, `nodes_of` and `edges_of` alike.
    """

    def __init__(self) -> None:
        self.nodes = Nodes(self)
        self.edges = Edges(self)
        self.sources: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.spool: Spool | None = None
        self.spool_dir: str | None = None  # where the spool is made (None: the temporary folder)
        # undated document key → the dated one it turned out to be (graph.build.merge_undated); applied
        # to spooled edges as they are read
        self.renames: dict[str, str] = {}
        # (agency node, province) whose parent chain and successor graph.build has added
        self.linked: set[tuple[str, str | None]] = set()
        # what the previous build wrote for each plan's chunk, kept for the next (a build's, else None)
        self.chunk_cache: ChunkCache | None = None

    def add_node(self, key: str, label: str, provenance: dict[str, Any] | None = None, **props: Any) -> Node:
        """Add or merge a node: labels are unioned, a property already set is kept (first reading wins)
        unless the new value fills a None."""
        node = self.nodes.shared.get(key)
        if node is None:
            node = self.nodes.shared[key] = Node(key, {label})
        node.labels.add(label)
        node._merged = None
        for k, v in props.items():
            if v is None and k in node.props:
                continue
            if node.props.get(k) is None:
                node.props[k] = v
        if provenance:
            node.add_provenance(provenance)
        return node

    def merge_node(self, node: Node) -> Node:
        mine = self.nodes.shared.get(node.key)
        if mine is None:
            self.nodes.shared[node.key] = node
            return node
        mine.merge(node)
        return mine

    def add_edge(self, source: str, target: str, type_: str, **props: Any) -> Edge:
        edge = Edge(source, target, type_, tuple(sorted((k, v) for k, v in props.items() if v is not None)))
        return self.edges.shared.setdefault(edge_key(edge), edge)

    def add_local(self, plan: str, data: bytes, n_nodes: int, n_edges: int) -> None:
        """One plan's own nodes and edges, marshalled as a spool chunk (see graph.build.plan_part)."""
        from cancu.graph.spool import Spool

        if self.spool is None:
            self.spool = Spool(self.spool_dir)
        self.spool.put(data, n_nodes, n_edges, plan, merge_chunks)

    def local_chunks(self) -> Iterator[tuple[list[Node], list[Edge]]]:
        """Each plan's own nodes and edges, as objects, with renamed documents followed."""
        if self.spool is None:
            return
        renames = self.renames
        for _, nodes, edges in self.spool.chunks():
            yield ([Node(k, set(labels), props, provenance) for k, labels, props, provenance in nodes],
                   _edges_renamed(edges, renames))

    def chunk(self, plan: str) -> tuple[list[Node], list[Edge]]:
        """One plan's own nodes and edges, as local_chunks gives them."""
        assert self.spool is not None
        found = self.spool.get(plan)
        assert found, f"no chunk for {plan}"
        return ([Node(k, set(labels), props, provenance) for k, labels, props, provenance in found[1]],
                _edges_renamed(found[2], self.renames))

    def chunk_facts(self) -> Iterator[Facts]:
        """Each plan's chunk's counts and share of the analytics, in order; with a chunk cache, a chunk the
        previous build had is not read again."""
        from cancu.graph.chunk_cache import facts_of

        if self.chunk_cache is not None:
            yield from self.chunk_cache.chunk_facts(self, facts_of)
            return
        for nodes, edges in self.local_chunks():
            yield facts_of(nodes, edges)

    def edge_groups(self) -> Iterator[list[Edge]]:
        """The shared edges, then each plan's own: a writer can keep per-plan state (counters, seen
        triples) for one group at a time."""
        yield list(self.edges.shared.values())
        for _, edges in self.local_chunks():
            yield edges

    def edges_of(self, *types: str) -> Iterator[Edge]:
        for group in self.edge_groups():
            for e in group:
                if not types or e.type in types:
                    yield e

    def nodes_of(self, label: str) -> Iterator[Node]:
        if label == ACTIVITY:
            nodes: Iterable[Node] = self.nodes.values()
        else:  # only activities are spooled
            nodes = self.nodes.shared.values()
        for n in nodes:
            if label in n.labels:
                yield n

    def counts(self) -> dict[str, Any]:
        by_label = {lab: 0 for lab in LABELS}
        n_nodes = 0
        for n in self.nodes.shared.values():
            n_nodes += 1
            for lab in n.labels:
                by_label[lab] = by_label.get(lab, 0) + 1
        by_edge = {t: 0 for t in EDGE_TYPES}
        for e in self.edges.shared.values():
            by_edge[e.type] = by_edge.get(e.type, 0) + 1
        for chunk_nodes, chunk_labels, chunk_edges, _ in self.chunk_facts():
            n_nodes += chunk_nodes
            for lab, c in chunk_labels.items():
                by_label[lab] = by_label.get(lab, 0) + c
            for t, c in chunk_edges.items():  # counted as read: a renamed document can make two edges one
                by_edge[t] = by_edge.get(t, 0) + c
        return {"nodes": n_nodes, "edges": sum(by_edge.values()), "by_label": by_label, "by_edge": by_edge}

    def to_networkx(self, *types: str) -> Any:
        """A networkx MultiDiGraph of the model (or of the given edge types), attributes flattened."""
        import networkx as nx

        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for n in self.nodes.values():
            g.add_node(n.key, label=n.label, labels=";".join(sorted(n.labels)),
                       **{k: _flat(v) for k, v in n.props.items() if v is not None})
        for e in self.edges_of(*types):
            g.add_edge(e.source, e.target, key=e.type, type=e.type, **{k: _flat(v) for k, v in e.props})
        return g


ACTIVITY_PREFIX = f"{ACTIVITY_NODE}/"  # activity keys are ACTIVITY_PREFIX + plan chunk id + "/" + activity id


def _edges_renamed(edges: list[Any], renames: dict[str, str]) -> list[Edge]:
    if not renames:
        return [Edge(s, t, typ, props) for s, t, typ, props in edges]
    out: dict[EdgeKey, Edge] = {}  # a renamed edge may now equal another of the plan's: one edge
    for s, t, typ, props in edges:
        e = Edge(renames.get(s, s), renames.get(t, t), typ, props)
        out.setdefault(edge_key(e), e)
    return list(out.values())


def merge_chunks(old: Any, new: Any) -> Any:
    """One chunk for a plan read twice: nodes merged by key, edges deduplicated, as one model would."""
    nodes: dict[str, Node] = {}
    for k, labels, props, provenance in (*old[1], *new[1]):
        node = Node(k, set(labels), props, provenance)
        if k in nodes:
            nodes[k].merge(node)
        else:
            nodes[k] = node
    edges = {(s, t, typ, props): None for s, t, typ, props in (*old[2], *new[2])}
    return (old[0], [node_tuple(n) for n in nodes.values()], list(edges))


def _flat(v: Any) -> Any:
    """GraphML and GEXF take scalars only."""
    if isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (list, tuple, set)):
        return "; ".join(str(x) for x in v)
    return str(v)
