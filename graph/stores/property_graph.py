"""The model as property-graph files: OUT/nodes.jsonl and OUT/edges.jsonl, one JSON object a line.

What `cancu push` loads into a Bolt server, and what any other property-graph tool can import.
Written in the model's order, so the same input gives the same files.
"""

from __future__ import annotations

import json
from pathlib import Path

from cancu.graph import model as m


def write(model: m.Model, out: Path) -> list[Path]:
    nodes, edges = out / "nodes.jsonl", out / "edges.jsonl"
    with nodes.open("w", encoding="utf-8") as f:
        for n in model.nodes.values():
            f.write(json.dumps({"key": n.key, "labels": sorted(n.labels), "props": n.props,
                                "provenance": n.provenance}, ensure_ascii=False, sort_keys=True) + "\n")
    with edges.open("w", encoding="utf-8") as f:
        for e in model.edges.values():
            f.write(json.dumps({"source": e.source, "target": e.target, "type": e.type, "props": dict(e.props)},
                               ensure_ascii=False, sort_keys=True) + "\n")
    return [nodes, edges]


def read(out: str | Path) -> m.Model:
    """A model back from a build folder."""
    from cancu.errors import CancuError

    out = Path(out)
    nodes, edges = out / "nodes.jsonl", out / "edges.jsonl"
    if not nodes.exists() or not edges.exists():
        raise CancuError(f"{out}: no nodes.jsonl/edges.jsonl here; run `cancu build PLANS --out {out}` first")
    model = m.Model()
    with nodes.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            model.nodes[d["key"]] = m.Node(d["key"], set(d["labels"]), d["props"], d["provenance"])
    with edges.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            model.add_edge(d["source"], d["target"], d["type"], **d["props"])
    return model
