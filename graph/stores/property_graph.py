"""The model as property-graph files: OUT/nodes.jsonl and OUT/edges.jsonl, one JSON object a line.

What `cancu push` loads into a Bolt server, and what any other property-graph tool can import.
Written in the model's order, so the same input gives the same files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cancu.graph import model as m


def node_line(n: m.Node) -> str:
    """A node as its line of nodes.jsonl (without the newline)."""
    return json.dumps({"key": n.key, "labels": sorted(n.labels), "props": n.props, "provenance": n.provenance},
                      ensure_ascii=False, sort_keys=True)


def edge_line(e: m.Edge) -> str:
    """An edge as its line of edges.jsonl (without the newline)."""
    return json.dumps({"source": e.source, "target": e.target, "type": e.type, "props": dict(e.props)},
                      ensure_ascii=False, sort_keys=True)


def write(model: m.Model, out: Path) -> list[Path]:
    """In a build, each plan's own nodes and edges are copied from the previous build's files where that
    build had the same chunk (graph/chunk_cache.py)."""
    nodes, edges = out / "nodes.jsonl", out / "edges.jsonl"
    if model.chunk_cache is None:
        with nodes.open("w", encoding="utf-8") as f:
            for n in model.nodes.values():
                f.write(node_line(n) + "\n")
        with edges.open("w", encoding="utf-8") as f:
            for e in model.edges.values():
                f.write(edge_line(e) + "\n")
        return [nodes, edges]
    record = model.chunk_cache.segments("property_graph")
    record.write_file(model, nodes, [(lambda: _node_lines(model.nodes.shared.values()),
                                      lambda chunk_nodes, _: _node_lines(chunk_nodes))])
    record.write_file(model, edges, [(lambda: _edge_lines(model.edges.shared.values()),
                                      lambda _, chunk_edges: _edge_lines(chunk_edges))])
    record.save()
    return [nodes, edges]


def _node_lines(nodes: Iterable[m.Node]) -> Iterator[str]:
    for n in nodes:
        yield node_line(n) + "\n"


def _edge_lines(edges: Iterable[m.Edge]) -> Iterator[str]:
    for e in edges:
        yield edge_line(e) + "\n"


def node_of(d: dict[str, Any]) -> m.Node:
    return m.Node(d["key"], set(d["labels"]), d["props"], d["provenance"])


def edge_of(d: dict[str, Any]) -> m.Edge:
    """As Model.add_edge makes it: properties sorted, None left out."""
    return m.Edge(d["source"], d["target"], d["type"],
                  tuple(sorted((k, v) for k, v in d["props"].items() if v is not None)))


def check_build(out: str | Path) -> tuple[Path, Path]:
    """OUT's nodes.jsonl and edges.jsonl, or a CancuError saying how to make them."""
    from cancu.errors import CancuError

    nodes, edges = Path(out) / "nodes.jsonl", Path(out) / "edges.jsonl"
    if not nodes.exists() or not edges.exists():
        raise CancuError(f"{out}: no nodes.jsonl/edges.jsonl here; run `cancu build PLANS --out {out}` first")
    return nodes, edges


def read(out: str | Path) -> m.Model:
    """A model back from a build folder."""
    nodes, edges = check_build(out)
    model = m.Model()
    with nodes.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            model.nodes[d["key"]] = node_of(d)
    with edges.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            model.add_edge(d["source"], d["target"], d["type"], **d["props"])
    return model
