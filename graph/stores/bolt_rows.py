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
from cancu.graph.stores.property_graph import edge_line, edge_of, node_line, node_of
from cancu.graph.stores.push_state import PushState, line_digest

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
    """A node's primary label, extra labels and row {key, props}; provenance as parallel lists."""
    props = {k: _scalar(v) for k, v in n.props.items() if v is not None}
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


def rows_and_state(model: m.Model) -> tuple[NodeGroups, EdgeGroups, PushState]:
    """Every row of the model, and the record of pushing them: digests of the nodes.jsonl and
    edges.jsonl lines the model writes, so a build folder's lines can be checked without parsing them."""
    state = PushState()
    nodes: NodeGroups = defaultdict(list)
    labels: dict[str, str] = {}
    for n in model.nodes.values():
        label, extra, row = node_row(n)
        labels[n.key] = label
        nodes[(label, extra)].append(row)
        state.nodes[n.key] = (":".join((label, *extra)), line_digest(node_line(n).encode("utf-8")))
    edges: EdgeGroups = defaultdict(list)
    for e in model.edges.values():
        made = edge_row(e, labels.get)
        if made is not None:
            edges[made[0]].append(made[1])
            state.edges[made[1]["props"]["id"]] = (*made[0], e.source, e.target,
                                                   line_digest(edge_line(e).encode("utf-8")))
    return nodes, edges, state


def changed_rows(out: Path, previous: PushState) -> tuple[NodeGroups, EdgeGroups, PushState]:
    """What rows_and_state gives for the build in `out`, less the rows of lines `previous` recorded:
    only new and changed lines are parsed (and the relationships of a node whose labels changed)."""
    node_at = {d: k for k, (_, d) in previous.nodes.items()}
    state = PushState()
    nodes: NodeGroups = defaultdict(list)
    with open(out / "nodes.jsonl", "rb") as f:
        for raw in f:
            line = raw.rstrip(b"\n")
            d = line_digest(line)
            key = node_at.get(d)
            if key is not None:
                state.nodes[key] = previous.nodes[key]
                continue
            n = node_of(json.loads(line))
            label, extra, row = node_row(n)
            nodes[(label, extra)].append(row)
            state.nodes[n.key] = (":".join((label, *extra)), d)
    remade = {k for k, (labels, _) in state.nodes.items() if k in previous.nodes and previous.nodes[k][0] != labels}

    def label_of(key: str) -> str | None:
        entry = state.nodes.get(key)
        return entry[0].split(":", 1)[0] if entry else None

    edge_at = {entry[5]: i for i, entry in previous.edges.items()}
    edges: EdgeGroups = defaultdict(list)
    with open(out / "edges.jsonl", "rb") as f:
        for raw in f:
            line = raw.rstrip(b"\n")
            d = line_digest(line)
            eid = edge_at.get(d)
            if eid is not None:
                entry = previous.edges[eid]
                if entry[3] in state.nodes and entry[4] in state.nodes and not {entry[3], entry[4]} & remade:
                    state.edges[eid] = entry
                    continue
            e = edge_of(json.loads(line))
            made = edge_row(e, label_of)
            if made is not None:
                edges[made[0]].append(made[1])
                state.edges[made[1]["props"]["id"]] = (*made[0], e.source, e.target, d)
    return nodes, edges, state
