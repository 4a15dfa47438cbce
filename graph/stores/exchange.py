"""The graph for other tools: GraphML (yEd, Cytoscape, networkx) and GEXF (Gephi)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
from cancu.graph.model import Model


def write(model: Model, out: Path) -> list[Path]:
    g = model.to_networkx()
    graphml, gexf = out / "graph.graphml", out / "graph.gexf"
    nx.write_graphml(g, graphml)
    buffer = io.BytesIO()
    nx.write_gexf(g, buffer)
    # networkx stamps today's date: a build is a function of its input, byte for byte on any day
    gexf.write_bytes(_DATE.sub(b"", buffer.getvalue(), count=1))
    return [graphml, gexf]


_DATE = re.compile(rb' lastmodifieddate="[^"]*"')
