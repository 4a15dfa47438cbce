"""Rows for a Bolt push (bolt.py): a node or edge of the model as the {key, props} or {s, t, props}
parameter row its MERGE statement takes, grouped by label so each statement uses the key index; and,
for a push that follows the last one (push_state.py), the rows of only the lines that changed.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cancu.graph import model as m
from cancu.graph.analytics import PROPERTIES as ANALYTICS
from cancu.graph.stores.property_graph import edge_line, edge_of, node_line, node_of
from cancu.graph.stores.push_state import EdgeEntry, NodeEntry, PushState, line_digest, make_chunk

from cancu.errors import StoreError


def _scalar(v: Any) -> Any:
    if isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (list, tuple, set)):
        items = [x for x in v if x is not None]
        if all(isinstance(x, str) for x in items):
            return [str(x) for x in items]
        return [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in items]
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def node_row(n: m.Node) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """A node's primary label, extra labels and row {key, props}; provenance as parallel lists. The
    analytics (graph/analytics.py) are left out: global, one corrected plan moves them on thousands of
    nodes, which a push following a rebuild would then send again."""
    props = {k: _scalar(v) for k, v in n.props.items() if v is not None and k not in ANALYTICS}
    if n.provenance:
        props["source_files"] = [str(p.get("file") or "") for p in n.provenance]
        props["source_lines"] = [int(p.get("line") or 0) for p in n.provenance]
        props["source_texts"] = [str(p.get("text") or "") for p in n.provenance]
    props["key"] = n.key
    label = primary_label(n)
    return label, tuple(sorted(n.labels - {label})), {"key": n.key, "props": props}


def node_rows(model: m.Model) -> dict[str, list[dict[str, Any]]]:
    """Rows per primary label: {key, props}."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in model.nodes.values():
        label, _, row = node_row(n)
        rows[label].append(row)
    return rows


def primary_label(n: m.Node) -> str:
    """The label a node is MERGEd on: Document for a numbered plan (other plans cite it as one)."""
    for lab in (m.DOCUMENT, m.PLAN, m.AGENCY, m.ACTIVITY, m.PROVINCE, m.PERSON):
        if lab in n.labels:
            return lab
    raise StoreError(f"node {n.key} has no known label")


def edge_id(e: m.Edge) -> str:
    """A relationship's identity: the same fact pushed twice MERGEs onto itself."""
    raw = json.dumps([e.source, e.target, e.type, list(e.props)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


EdgeGroup = tuple[str, str, str]  # type, source label, target label


def edge_row(e: m.Edge, labels: Callable[[str], str | None]) -> tuple[EdgeGroup, dict[str, Any]] | None:
    """An edge's group and row {s, t, props}; None if an end is not a node (`labels`: key → primary label)."""
    sl, tl = labels(e.source), labels(e.target)
    if sl is None or tl is None:
        return None
    props = {k: _scalar(v) for k, v in e.props if v is not None}
    props["id"] = edge_id(e)
    return (e.type, sl, tl), {"s": e.source, "t": e.target, "props": props}


def edge_rows(model: m.Model) -> dict[EdgeGroup, list[dict[str, Any]]]:
    """Rows per (type, source label, target label), so each MATCH uses the key index."""
    labels = {k: primary_label(n) for k, n in model.nodes.items()}
    rows: dict[EdgeGroup, list[dict[str, Any]]] = defaultdict(list)
    for e in model.edges.values():
        made = edge_row(e, labels.get)
        if made is not None:
            rows[made[0]].append(made[1])
    return rows


NodeGroups = dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]]  # (label, extra labels) → rows
EdgeGroups = dict[EdgeGroup, list[dict[str, Any]]]


def pushed_line(n: m.Node) -> bytes:
    """The node's line of nodes.jsonl less the analytics: what its pushed row is made from."""
    if not any(k in n.props for k in ANALYTICS):
        return node_line(n).encode("utf-8")
    return node_line(m.Node(n.key, n.labels, _pushed_props(n.props), n.provenance)).encode("utf-8")


def _pushed_props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in ANALYTICS}


def rows_and_state(model: m.Model) -> tuple[NodeGroups, EdgeGroups, PushState]:
    """Every row of the model, and the record of pushing them (all in its shared part: a model has no
    build's sections)."""
    state = PushState()
    nodes: NodeGroups = defaultdict(list)
    labels: dict[str, str] = {}
    for n in model.nodes.values():
        label, extra, row = node_row(n)
        labels[n.key] = label
        nodes[(label, extra)].append(row)
        state.nodes[n.key] = (":".join((label, *extra)), line_digest(pushed_line(n)))
        state.lines[line_digest(node_line(n).encode("utf-8"))] = n.key
    edges: EdgeGroups = defaultdict(list)
    for e in model.edges.values():
        made = edge_row(e, labels.get)
        if made is not None:
            edges[made[0]].append(made[1])
            state.edges[made[1]["props"]["id"]] = (*made[0], e.source, e.target,
                                                   line_digest(edge_line(e).encode("utf-8")))
    return nodes, edges, state


class _Reader:
    """Rows and the push record of a build's nodes.jsonl and edges.jsonl, parsing only the lines the
    previous record lacks."""

    def __init__(self, previous: PushState | None) -> None:
        self.previous = previous or PushState()
        self.state = PushState()
        self.nodes: NodeGroups = defaultdict(list)
        self.edges: EdgeGroups = defaultdict(list)
        self.labels: dict[str, str] = {}  # key → primary label, of the shared nodes
        self._edge_at = {entry[5]: i for i, entry in self.previous.edges.items()}

    def shared_nodes(self, data: bytes) -> None:
        previous, state = self.previous, self.state
        for line in data.splitlines():
            whole = line_digest(line)
            key = previous.lines.get(whole)
            if key is not None and key in previous.nodes:
                entry = state.nodes[key] = previous.nodes[key]
            else:
                n = node_of(json.loads(line))
                key = n.key
                entry = self._node(n, state.nodes)
            state.lines[whole] = key
            self.labels[key] = entry[0].split(":", 1)[0]

    def _node(self, n: m.Node, into: dict[str, NodeEntry]) -> NodeEntry:
        label, extra, row = node_row(n)
        self.nodes[(label, extra)].append(row)
        entry = into[n.key] = (":".join((label, *extra)), line_digest(pushed_line(n)))
        return entry

    def shared_edges(self, data: bytes) -> None:
        previous, state = self.previous, self.state
        for line in data.splitlines():
            d = line_digest(line)
            eid = self._edge_at.get(d)
            if eid is not None:
                entry = previous.edges[eid]
                if entry[3] in self.labels and entry[4] in self.labels:
                    state.edges[eid] = entry
                    continue
            self._edge(edge_of(json.loads(line)), d, self.labels.get, state.edges)

    def _edge(self, e: m.Edge, d: bytes, labels: Callable[[str], str | None], into: dict[str, EdgeEntry]) -> None:
        made = edge_row(e, labels)
        if made is not None:
            self.edges[made[0]].append(made[1])
            into[made[1]["props"]["id"]] = (*made[0], e.source, e.target, d)

    def chunk(self, node_data: memoryview, edge_data: memoryview) -> None:
        """One plan's sections: its record carried over if the previous push had them, else parsed."""
        h = hashlib.blake2b(node_data, digest_size=16)
        h.update(b"\0")
        h.update(edge_data)
        d = h.digest()
        kept = self.previous.chunks.get(d)
        if kept is not None:
            self.state.chunks[d] = kept
            return
        nodes: dict[str, NodeEntry] = {}
        edges: dict[str, EdgeEntry] = {}
        own: dict[str, str] = {}
        for line in bytes(node_data).splitlines():
            entry = self._node(node_of(json.loads(line)), nodes)
        for key, entry in nodes.items():
            own[key] = entry[0].split(":", 1)[0]
        labels = self.labels

        def label_of(key: str) -> str | None:
            return own.get(key) or labels.get(key)

        for line in bytes(edge_data).splitlines():
            self._edge(edge_of(json.loads(line)), line_digest(line), label_of, edges)
        self.state.chunks[d] = make_chunk(nodes, edges)


def read_rows(out: Path, previous: PushState | None = None) -> tuple[NodeGroups, EdgeGroups, PushState]:
    """The rows of the build in `out` and the record of pushing them, less the rows of what `previous`
    recorded: of each plan's sections (graph/chunk_cache.py) only the new ones are parsed, and of the
    shared part only the new and changed lines."""
    from cancu.graph.chunk_cache import build_sections

    node_data = (out / "nodes.jsonl").read_bytes()
    edge_data = (out / "edges.jsonl").read_bytes()
    sections = build_sections(out, "property_graph", {"nodes.jsonl": node_data, "edges.jsonl": edge_data})
    reader = _Reader(previous)
    view_n, view_e = memoryview(node_data), memoryview(edge_data)
    if sections:
        reader.shared_nodes(node_data[:sections[0][0][0]])
        reader.shared_edges(edge_data[:sections[0][1][0]])
        for (n_off, n_len), (e_off, e_len) in sections:
            reader.chunk(view_n[n_off:n_off + n_len], view_e[e_off:e_off + e_len])
    else:  # a folder without the build's record of its sections: all of it as the shared part
        reader.shared_nodes(node_data)
        reader.shared_edges(edge_data)
    return reader.nodes, reader.edges, reader.state
