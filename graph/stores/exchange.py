"""The graph for other tools: GraphML (yEd, Cytoscape, networkx) and GEXF (Gephi)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from cancu.graph.model import Model


def write(model: Model, out: Path) -> list[Path]:
    g = model.to_networkx()
    graphml, gexf = out / "graph.graphml", out / "graph.gexf"
    nx.write_graphml(g, graphml)
    nx.write_gexf(g, gexf)
    return [graphml, gexf]
