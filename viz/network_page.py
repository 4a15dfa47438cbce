"""What a network page is made of, whichever network it shows: the pyvis network with its vis options,
the edge styles, and the legend, filters and data the page's script (assets/network.js) reads.
networks.py fills these in for the citation and coordination pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cancu.graph import model as m
from cancu.viz import layout
from pyvis.network import Network  # type: ignore[import-untyped]  # the library ships no type hints

FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
LABEL_PX = 12  # on-screen size network.js keeps the labels of the prominent agencies at, zoomed out
LABEL_KEEP = 5  # of networks.PROMINENT, the ones whose labels stay large even where no free place is found for them

EDGE_STYLES: dict[str, dict[str, Any]] = {
    m.LEGAL_BASIS: {"color": "#2c3e50", "width": 3.0, "dashes": False},
    m.PROPOSAL: {"color": "#148f77", "width": 3.0, "dashes": False},
    m.MENTIONS: {"color": "#a6acaf", "width": 1.2, "dashes": [6, 5]},
    m.NAMES: {"color": "#bb8fce", "width": 1.2, "dashes": [2, 4]},
    m.COOPERATING: {"color": "#2e86c1", "width": 1.5, "dashes": False},
    m.INVITED: {"color": "#af7ac5", "width": 1.5, "dashes": [6, 5]},
    m.PART_OF: {"color": "#d5d8dc", "width": 1.0, "dashes": [2, 4]},
}


@dataclass
class LegendItem:
    label: str
    colour: str
    shape: str = "dot"  # dot, diamond, triangle, line
    dashes: list[int] | bool = False
    width: float = 1.0


@dataclass
class LegendSection:
    title: str
    items: list[LegendItem]
    mode: str = ""  # shown only in this colour mode ('' = always)


@dataclass
class Select:
    id: str  # also the node/edge field it filters on
    label: str
    options: list[tuple[str, str]]  # (value, label)
    neighbours: bool = False  # keep the edges of matching nodes and what is at their other end


@dataclass
class NetworkPage:
    file: str
    title: str
    intro: str
    net: Network
    legend: list[LegendSection]
    selects: list[Select]
    edge_types: list[tuple[str, str]]
    groups: list[dict[str, Any]] = field(default_factory=list)
    colour_modes: list[tuple[str, str]] = field(default_factory=list)
    search_hint: str = ""
    picker: list[str] = field(default_factory=list)  # the groups (provinces) one can show alone
    group_name_size: float = layout.GROUP_NAME_MIN  # canvas units the layout left room for above each group

    def data(self) -> dict[str, Any]:
        """What the page's script reads: pyvis' nodes, edges and options, plus our filters and groups."""
        nodes, edges, _heading, _h, _w, options = self.net.get_network_data()
        return {"nodes": nodes, "edges": edges, "options": json.loads(options), "groups": self.groups,
                "filters": [{"id": s.id, "neighbours": s.neighbours} for s in self.selects],
                "labelPx": LABEL_PX, "labelKeep": LABEL_KEEP, "groupCap": round(self.group_name_size, 1)}


def new_network(title: str) -> Network:
    # in_line: vis-network comes from pyvis' own copy and is inlined by our template; no CDN
    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    net.node_ids = _NodeIds()
    return net


class _NodeIds(list[Any]):
    """pyvis keeps node ids in a list and asks `id in node_ids` for every node and edge it adds, which
    is quadratic; the same list, with a set beside it for those questions."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, n_id: Any) -> None:
        super().append(n_id)
        self._set.add(n_id)

    def __contains__(self, n_id: object) -> bool:
        return n_id in self._set


def vis_options(n_nodes: int, n_edges: int, font_size: int) -> dict[str, Any]:
    """vis options: positions come from cancu.viz.layout, so physics stays off and nothing moves."""
    big = n_nodes > 800 or n_edges > 2000  # straight edges and none while dragging: smooth at thousands
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
        "nodes": {"font": {"size": font_size, "face": FONT, "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "borderWidth": 1.5, "borderWidthSelected": 3},
        "edges": {"smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.25},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "selectionWidth": 2, "hoverWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": False},
    }
